/**
 * The allmende command as a user runs it: `node bin/allmende.js …` in a separate process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/db';
import { writeRepo, type FixtureCommit } from '../helpers/git-fixture';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = resolve(ROOT, 'bin/allmende.js');
const DAY = 86_400;
const NOW = Math.floor(Date.UTC(2026, 10, 20) / 1000);

let dir: string;
let dataDir: string;
let catalogFile: string;

function allmende(...args: string[]) {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    env: { ...process.env, ALLMENDE_DATA: dataDir, CI: '1' }
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/**
 * 12 commits, one of them a merge: Jürgen Müller in NFC and NFD with two emails (one person, rule 4),
 * Erika with an old address mapped by .mailmap (one person), "admin" at root@localhost (generic: a
 * person of its own), dependabot[bot] (a bot, three commits).
 */
function history(): FixtureCommit[] {
  const at = (days: number) => NOW - days * DAY;
  return [
    {
      author: ['Jürgen Müller', 'juergen.mueller@ulm.de'],
      at: at(300),
      files: { '.mailmap': 'Erika Mustermann <erika@ulm.de> <erika@old.example.org>\n' }
    },
    { author: ['Ju\u0308rgen Mu\u0308ller', 'juergen@gmail.com'], at: at(250) },
    { author: ['Erika Mustermann', 'erika@old.example.org'], at: at(200) },
    { author: ['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'], at: at(150) },
    { author: ['Jürgen Müller', 'juergen.mueller@ulm.de'], at: at(120), branch: 'topic', parent: 3 },
    { author: ['Erika Mustermann', 'erika@ulm.de'], at: at(110), merge: [4], files: {} },
    { author: ['admin', 'root@localhost'], at: at(100) },
    { author: ['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'], at: at(90) },
    { author: ['Erika Mustermann', 'erika@ulm.de'], at: at(60) },
    { author: ['Jürgen Müller', 'juergen.mueller@ulm.de'], at: at(30) },
    { author: ['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'], at: at(20) },
    { author: ['Erika Mustermann', 'erika@ulm.de'], at: at(10) }
  ];
}

beforeAll(() => {
  dir = tempDir('allmende-cli-');
  dataDir = join(dir, 'data');
  const repo = join(dir, 'fachverfahren.git');
  writeRepo(repo, {
    commits: history(),
    tags: [
      { name: 'v1.0.0', commit: 2, annotatedAt: NOW - 199 * DAY },
      { name: 'v1.1.0', commit: 8 },
      { name: 'test-build', commit: 9 }
    ]
  });
  catalogFile = join(dir, 'catalog.yml');
  writeFileSync(
    catalogFile,
    `organisations:\n  - {id: ulm, name: Stadt Ulm, kind: municipality, region: DE-BW, domains: [ulm.de]}\n` +
      `projects:\n  - {id: fachverfahren, name: Fachverfahren, owner: ulm, repositories: ["git:${repo}"]}\n`
  );
});

afterAll(() => spawnSync('rm', ['-rf', dir]));

describe('allmende CLI', () => {
  it('has --help on every command', () => {
    for (const command of [[], ['collect'], ['derive'], ['report'], ['serve'], ['schedule'], ['backup'], ['forget']]) {
      const result = allmende(...command, '--help');
      expect(result.code, command.join(' ')).toBe(0);
      expect(result.stdout).toContain('Usage: allmende');
    }
    // Monitoring reads the exit codes: listed where collect and the overview explain themselves.
    for (const command of [[], ['collect']]) {
      const help = allmende(...command, '--help').stdout;
      expect(help, command.join(' ')).toMatch(/Exit-Codes:\n\s+0 .*\n\s+1 .*mehr als die Hälfte der Repositories[\s\S]*\n\s+2 .*\n\s+130 /);
    }
  });

  it('collects a git: repository and reports totals that follow DESIGN §5', () => {
    const collected = allmende('collect', '--config', catalogFile, '--as-of', '2026-11-20');
    expect(collected.stderr).toContain('Gesammelt: 1 Repositories (0 mit Fehlern)');
    expect(collected.code).toBe(0);

    const report = allmende('report', '--project', 'fachverfahren', '--json', '--as-of', '2026-11-20', '--config', catalogFile);
    expect(report.code, report.stderr).toBe(0);
    const json = JSON.parse(report.stdout);
    expect(json).toMatchObject({ id: 'fachverfahren', name: 'Fachverfahren', asOf: '2026-11-20' });
    expect(json.totals).toMatchObject({
      commits: 12,
      nonMergeCommits: 11,
      humanCommits: 8,
      botCommits: 3,
      humanContributors: 3,
      botContributors: 1,
      tags: 3
    });
    expect(json.totals.issues).toBeNull();
    // „Bereit zur Nachnutzung?“ travels with the JSON: the repository has no README, a commit 10 days ago.
    const items = Object.fromEntries((json.reuseReadiness.items as { key: string; state: string }[]).map((i) => [i.key, i.state]));
    expect(json.reuseReadiness).toMatchObject({ allMet: false, rulesVersion: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
    expect(items).toMatchObject({ readme: 'not-met', licence: 'not-met', 'last-commit': 'met', 'public-reuse': 'not-met' });
    expect(report.stdout).not.toMatch(/@(ulm\.de|gmail\.com|localhost|old\.example\.org)/);
  });

  it('prints a German Steckbrief on the terminal', () => {
    const report = allmende('report', '--project', 'fachverfahren', '--as-of', '2026-11-20');
    expect(report.code, report.stderr).toBe(0);
    expect(report.stdout).toContain('Fachverfahren · Stadt Ulm');
    expect(report.stdout).toContain('Vitalität');
    expect(report.stdout).toContain('Nachnutzung: keine bekannt');
    expect(report.stdout).toContain('Mitentwicklung (Unternehmen, IT-Dienstleister): keine');
    expect(report.stdout).toMatch(/Bereit zur Nachnutzung\? nein: \d+ von 13 Punkten erfüllt/);
    expect(report.stdout).toContain('✕ nicht erfüllt  README: nicht gefunden');
  });

  it('rejects bad input with exit code 2 and one clear line, leaving the database untouched', () => {
    const db = join(dataDir, 'allmende.db');
    const before = readFileSync(db);
    const mtime = statSync(db).mtimeMs;
    const cases: [string, string, RegExp][] = [
      [
        'kind: city',
        `organisations:\n  - {id: x, name: X, kind: city}\n`,
        /:2:\d+: organisations\[0\]\.kind: erwartet einer von municipality/
      ],
      ['unknown forge', `projects:\n  - {id: p, name: P, repositories: [gitea:a/b]}\n`, /:2:\d+: .*unbekannte Plattform „gitea“/],
      [
        'literal token',
        `forges:\n  - {id: github, type: github, token: ghp_geheim123}\n`,
        /:2:\d+: forges\[0\]\.token: erwartet eine Umgebungsvariable/
      ],
      [
        'duplicate ids',
        `organisations:\n  - {id: a, name: A, kind: county}\n  - {id: a, name: B, kind: county}\n`,
        /:3:\d+: organisations\[1\]\.id: Kennung „a“ doppelt/
      ]
    ];
    for (const [name, text, pattern] of cases) {
      const file = join(dir, `bad-${name.replace(/\W/g, '')}.yml`);
      writeFileSync(file, text);
      const result = allmende('collect', '--config', file);
      expect(result.code, name).toBe(2);
      expect(result.stderr, name).toMatch(pattern);
      expect(result.stderr).not.toContain('ghp_geheim123');
      expect(result.stderr.trim().split('\n'), name).toHaveLength(1);
    }
    const missing = allmende('collect', '--config', join(dir, 'fehlt.yml'));
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Datei nicht gefunden');
    expect(statSync(db).mtimeMs).toBe(mtime);
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('derives again without a catalog, from the settings of the last collection', () => {
    const result = allmende('derive', '--as-of', '2026-11-20');
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('Abgeleitet');
  });

  it('rejects an unknown project, a bad date and a missing command with exit code 2', () => {
    expect(allmende('collect', '--config', catalogFile, '--only', 'gibtsnicht').code).toBe(2);
    expect(allmende('report', '--project', 'gibtsnicht').code).toBe(2);
    expect(allmende('report', '--project', 'fachverfahren', '--as-of', '2026-13-45').code).toBe(2);
    expect(allmende('report').code).toBe(2);
    expect(allmende('frobnicate').code).toBe(2);
  });

  it('never touches a database when the catalog is invalid on the first run', () => {
    const fresh = join(dir, 'fresh');
    const result = spawnSync(process.execPath, [BIN, 'collect', '--config', join(dir, 'bad-kindcity.yml'), '--data', fresh], {
      encoding: 'utf8'
    });
    expect(result.status).toBe(2);
    expect(existsSync(join(fresh, 'allmende.db'))).toBe(false);
  });
});

describe('allmende collect exit codes', () => {
  function collectWith(failing: number, good: number) {
    const own = tempDir('allmende-exit-');
    const repos: string[] = [];
    for (let i = 0; i < good; i++) {
      const repo = join(own, `gut-${i}.git`);
      writeRepo(repo, { commits: [{ author: ['Erika Mustermann', 'erika@ulm.de'], at: NOW - DAY }] });
      repos.push(`"git:${repo}"`);
    }
    for (let i = 0; i < failing; i++) repos.push(`"git:${join(own, `fehlt-${i}.git`)}"`);
    const file = join(own, 'catalog.yml');
    writeFileSync(file, `projects:\n  - {id: p, name: P, repositories: [${repos.join(', ')}]}\n`);
    const result = spawnSync(process.execPath, [BIN, 'collect', '--config', file], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, ALLMENDE_DATA: join(own, 'data'), CI: '1' }
    });
    spawnSync('rm', ['-rf', own]);
    return { code: result.status, stderr: result.stderr };
  }

  it('exits 1 when more than half of the repositories failed, 0 when at most half did', () => {
    const mostly = collectWith(2, 1);
    expect(mostly.stderr).toContain('Gesammelt: 3 Repositories (2 mit Fehlern)');
    expect(mostly.stderr).toContain('allmende: Die Sammlung ist größtenteils fehlgeschlagen: 2 von 3 Repositories mit Fehlern.');
    expect(mostly.code).toBe(1);

    const half = collectWith(1, 1);
    expect(half.stderr).toContain('Gesammelt: 2 Repositories (1 mit Fehlern)');
    expect(half.stderr).not.toContain('fehlgeschlagen:');
    expect(half.code).toBe(0);

    const all = collectWith(1, 0);
    expect(all.stderr).toContain('allmende: Die Sammlung ist fehlgeschlagen.');
    expect(all.code).toBe(1);
  });
});
