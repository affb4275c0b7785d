/**
 * The world generator: determinism, truth against the real git repositories, resolvable identities
 * (DESIGN §5 rules applied independently here), lifecycle archetypes, catalog shape, publiccode files,
 * forge data invariants, and advanceWorld.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { catalogSchema } from '../../src/lib/catalog/schema';
import { advanceWorld } from './advance';
import { generateWorld, loadWorld, truthOf } from './generate';
import type { World } from './model';
import { readTruth, type WorldTruth } from './truth';

const root = mkdtempSync(join(tmpdir(), 'allmende-world-'));
let a: World;
let b: World;
let c: World;
let truthA: WorldTruth;
let tinyMs = 0;

function git(gitDir: string, ...args: string[]): { out: string; ok: boolean } {
  const r = spawnSync('git', ['--git-dir', gitDir, ...args], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, GIT_CONFIG_NOSYSTEM: '1', HOME: root }
  });
  return { out: r.stdout.trim(), ok: r.status === 0 };
}

function digest(w: World): string {
  const json = JSON.stringify(w).split(w.dir).join('<dir>');
  const heads = [...w.github.repositories, ...w.gitlab.repositories]
    .map((r) => `${r.path}=${git(r.gitDir, 'rev-parse', 'HEAD').out}`)
    .join('\n');
  return createHash('sha256').update(json).update(heads).digest('hex');
}

beforeAll(async () => {
  const t0 = performance.now();
  a = await generateWorld({ seed: 'alpha', size: 'tiny', dir: join(root, 'a') });
  tinyMs = performance.now() - t0;
  b = await generateWorld({ seed: 'alpha', size: 'tiny', dir: join(root, 'b') });
  c = await generateWorld({ seed: 'beta', size: 'tiny', dir: join(root, 'c') });
  truthA = await readTruth(a.dir);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('generateWorld', () => {
  it('generates the tiny world quickly', () => {
    // The target is < 3 s; the bound here only catches gross regressions on a loaded machine.
    console.log(`tiny world generated in ${Math.round(tinyMs)} ms`);
    expect(tinyMs).toBeLessThan(15_000);
  });

  it('is deterministic: same seed, same world and commit hashes; another seed differs', () => {
    expect(digest(a)).toBe(digest(b));
    expect(digest(a)).not.toBe(digest(c));
    const ta = truthOf(a);
    expect(JSON.stringify(ta).split(a.dir).join('')).toBe(JSON.stringify(truthOf(b)).split(b.dir).join(''));
  });

  it('has the promised variety', () => {
    const repos = [...a.github.repositories, ...a.gitlab.repositories];
    expect(repos.some((r) => r.archived)).toBe(true);
    expect(repos.some((r) => r.visibility === 'private')).toBe(true);
    expect(repos.some((r) => r.previousPaths.length > 0)).toBe(true);
    expect(repos.some((r) => r.forkOf !== null)).toBe(true);
    expect(repos.some((r) => !r.hasIssues)).toBe(true);
    expect(new Set(repos.map((r) => r.defaultBranch))).toEqual(new Set(['main', 'master']));
    expect(a.gitlab.accounts.some((x) => x.type === 'Group' && x.parentPath)).toBe(true);
    const archetypes = new Set(truthA.projects.map((p) => p.archetype));
    for (const k of ['aktiv', 'stabil', 'abnehmend', 'ruhend', 'aufgegeben', 'archiviert', 'neu']) expect(archetypes).toContain(k);
    expect(truthA.projects.some((p) => p.findings.onePerson)).toBe(true);
    expect(truthA.projects.some((p) => p.findings.oneOrganisation)).toBe(true);
    expect(truthA.projects.some((p) => p.findings.fragmentation)).toBe(true);
    expect(truthA.projects.some((p) => p.licence.changed)).toBe(true);
    expect(new Set(truthA.projects.map((p) => p.publiccode.status))).toEqual(
      new Set(['valid', 'outdated', 'invalid-yaml', 'wrong-types', 'alias-bomb', 'missing'])
    );
    expect(new Set(truthA.reuse.map((r) => r.kind))).toEqual(new Set(['declared', 'fork', 'contribution', 'isBasedOn']));
    const items = repos.flatMap((r) => r.items);
    expect(items.some((i) => i.author === 'dependabot[bot]')).toBe(true);
    expect(items.some((i) => i.comments.some((c) => c.system))).toBe(true);
    expect(items.some((i) => i.reviews.length > 0 && i.reviewComments.length > 0)).toBe(true);
  });

  it('agrees with the git repositories it wrote', () => {
    let checked = 0;
    for (const p of truthA.projects) {
      for (const r of p.repositories) {
        const head = git(r.gitDir, 'symbolic-ref', 'HEAD').out;
        expect(head).toBe(`refs/heads/${r.defaultBranch}`);
        if (r.empty) {
          expect(git(r.gitDir, 'rev-parse', '--verify', '-q', 'HEAD').ok).toBe(false);
          continue;
        }
        expect(git(r.gitDir, 'rev-parse', 'HEAD').out).toBe(r.headSha);
        expect(Number(git(r.gitDir, 'rev-list', '--count', 'HEAD').out)).toBe(r.commits);
        expect(Number(git(r.gitDir, 'rev-list', '--count', '--no-merges', 'HEAD').out)).toBe(r.nonMergeCommits);
        const tags = git(r.gitDir, 'for-each-ref', '--format=%(objecttype)', 'refs/tags').out.split('\n').filter(Boolean);
        expect(tags.length).toBe(r.tags);
        expect(tags.filter((t) => t === 'tag').length).toBe(r.annotatedTags);
        expect(git(r.gitDir, 'rev-list', '--max-parents=0', 'HEAD').out.split('\n').sort()).toEqual([...r.rootShas].sort());
        checked++;
      }
      for (const f of p.forks) {
        const fr = [...a.github.repositories, ...a.gitlab.repositories].find(
          (x) => `${x.forge === 'github' ? 'github' : 'opencode'}:${x.path}` === f.ref
        )!;
        const roots = git(fr.gitDir, 'rev-list', '--max-parents=0', 'HEAD').out;
        expect(roots).toBe(p.repositories[0].rootShas[0]);
      }
      // Project totals count mirror commits once.
      const pub = p.repositories.filter((r) => r.visibility === 'public' && !r.empty);
      if (pub.length) {
        const all = new Set<string>();
        for (const r of pub) for (const h of git(r.gitDir, 'rev-list', 'HEAD').out.split('\n')) all.add(h);
        expect(all.size).toBe(p.totals.commits);
      }
    }
    expect(checked).toBeGreaterThan(8);
    // Mirrors share their root commit and whole history.
    const tb = truthA.projects.find((p) => p.id === 'terminbuchung')!;
    expect(tb.repositories[1].role).toBe('mirror');
    expect(tb.repositories[1].headSha).toBe(tb.repositories[0].headSha);
  });

  it('writes a .mailmap that git applies', () => {
    const tb = truthA.projects.find((p) => p.id === 'terminbuchung')!;
    const dirGit = tb.repositories[0].gitDir;
    expect(git(dirGit, 'show', 'HEAD:.mailmap').out).toContain('<jm@jm-thinkpad.local>');
    const mapped = git(dirGit, 'log', '--format=%aE').out;
    expect(mapped).not.toContain('jm@jm-thinkpad.local');
    const authors = git(dirGit, 'log', '--format=%an <%ae>').out;
    expect(authors).toMatch(/users\.noreply\.github\.com|@web\.de|root@localhost/);
  });

  it('counts authors per person the way DESIGN §5 resolves them', () => {
    // Apply the §5 rules independently to every git identity and forge login of the world.
    const generic = (email: string): boolean => {
      const e = email.trim().toLowerCase();
      const at = e.lastIndexOf('@');
      if (at < 0) return true;
      const local = e.slice(0, at);
      const domain = e.slice(at + 1);
      return (
        ['root', 'admin', 'user', 'you', 'noreply', 'no-reply', 'git', 'ubuntu'].includes(local) ||
        ['localhost', 'localdomain'].includes(domain) ||
        /^example\.(com|org|net)$/.test(domain) ||
        domain.endsWith('.local') ||
        !domain.includes('.') ||
        e === 'noreply@github.com'
      );
    };
    const norm = (s: string): string =>
      s
        .normalize('NFC')
        .toLowerCase()
        .replace(/ä/g, 'ae')
        .replace(/ö/g, 'oe')
        .replace(/ü/g, 'ue')
        .replace(/ß/g, 'ss')
        .normalize('NFD')
        .replace(/[\u0300-\u036f]/g, '')
        .replace(/[._-]+/g, ' ')
        .replace(/\s+/g, ' ')
        .trim();
    const GENERIC_NAMES = new Set([
      'admin',
      'administrator',
      'root',
      'ubuntu',
      'unknown',
      'localhost',
      'developer',
      'github',
      'gitlab',
      'nobody',
      'local',
      'users',
      'default'
    ]);
    const noreply = (email: string): { id: string | null; login: string } | null => {
      const m = /^(?:(\d+)\+)?([^@]+)@users\.noreply\.github\.com$/i.exec(email.trim());
      return m ? { id: m[1] ?? null, login: m[2].toLowerCase() } : null;
    };
    type Node = { person: string; name: string; email: string | null; login: string | null };
    const nodes: Node[] = [];
    for (const p of truthA.persons) {
      for (const i of p.identities)
        if (i.email !== 'jm@jm-thinkpad.local') nodes.push({ person: p.key, name: i.name, email: i.email, login: null });
      if (p.github) nodes.push({ person: p.key, name: p.github, email: null, login: p.github.toLowerCase() });
    }
    const parent = nodes.map((_, i) => i);
    const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
    const union = (i: number, j: number): void => {
      parent[find(i)] = find(j);
    };
    const aliases = (a.catalog.people as { aliases: string[][] }).aliases;
    for (let i = 0; i < nodes.length; i++) {
      for (let j = i + 1; j < nodes.length; j++) {
        const x = nodes[i];
        const y = nodes[j];
        const ex = x.email?.trim().toLowerCase() ?? null;
        const ey = y.email?.trim().toLowerCase() ?? null;
        const nx = ex ? noreply(ex) : null;
        const ny = ey ? noreply(ey) : null;
        const lx = nx?.login ?? x.login;
        const ly = ny?.login ?? y.login;
        let same = false;
        if (ex && ey && ex === ey && !generic(ex)) same = true;
        if (nx && ny && ((nx.id && nx.id === ny.id) || nx.login === ny.login)) same = true;
        if (lx && ly && lx === ly) same = true;
        if ((lx && y.email && lx === y.name.trim().toLowerCase()) || (ly && x.email && ly === x.name.trim().toLowerCase())) same = true;
        if (x.email && y.email) {
          const a1 = norm(x.name);
          if (a1 === norm(y.name) && (a1.split(' ').length >= 2 || (a1.length >= 5 && !GENERIC_NAMES.has(a1)))) same = true;
        }
        if (ex && ey && aliases.some((g) => g.includes(ex) && g.includes(ey))) same = true;
        if (same) union(i, j);
      }
    }
    const clusterPersons = new Map<number, Set<string>>();
    const personClusters = new Map<string, Set<number>>();
    nodes.forEach((n, i) => {
      const r = find(i);
      (clusterPersons.get(r) ?? clusterPersons.set(r, new Set()).get(r)!).add(n.person);
      // A forge login may stay apart from the person's git identities (nothing links them without a
      // noreply address), but all git identities of one person must form one cluster.
      if (n.email !== null) (personClusters.get(n.person) ?? personClusters.set(n.person, new Set()).get(n.person)!).add(r);
    });
    for (const [, ps] of clusterPersons) expect([...ps]).toHaveLength(1);
    for (const [p, cs] of personClusters) expect([p, cs.size]).toEqual([p, 1]);

    // Bots by the §5 rules and the catalog's people.bots / notBots.
    const people = a.catalog.people as { bots: string[]; notBots: string[] };
    const KNOWN = [
      'github actions',
      'dependabot',
      'dependabot preview',
      'renovate',
      'pre commit ci',
      'greenkeeper',
      'snyk bot',
      'imgbot',
      'allcontributors',
      'semantic release bot',
      'weblate',
      'deppbot',
      'depfu',
      'codecov',
      'mergify',
      'copilot',
      'gitlab bot',
      'ghost'
    ];
    const BOT_EMAILS = [
      'github-actions@github.com',
      'action@github.com',
      'support@dependabot.com',
      'bot@renovateapp.com',
      'noreply@weblate.org',
      'bot@depfu.com'
    ];
    for (const p of truthA.persons) {
      const names = [p.name, ...p.identities.map((i) => i.name)];
      const emails = p.identities.map((i) => i.email.toLowerCase());
      let bot =
        names.some((n) => n.endsWith('[bot]')) ||
        names.some((n) => KNOWN.includes(norm(n)) || /(^| )(bot|robot|roboter)$/.test(norm(n))) ||
        emails.some((e) => BOT_EMAILS.includes(e) || e.includes('[bot]') || people.bots.includes(e));
      if (names.some((n) => people.notBots.includes(n))) bot = false;
      expect([p.key, bot]).toEqual([p.key, p.isBot]);
    }
  });

  it('builds every project to its lifecycle archetype', () => {
    for (const p of truthA.projects) {
      if (!p.accessible) {
        expect(p.lifecycle).toBeNull();
        continue;
      }
      expect([p.id, p.lifecycle, p.isNew]).toEqual([p.id, p.archetype === 'neu' ? 'aktiv' : p.archetype, p.archetype === 'neu']);
    }
  });

  it('produces a valid catalog', () => {
    const parsed = catalogSchema.safeParse(a.catalog);
    expect(parsed.success ? 'ok' : JSON.stringify(parsed.error.issues)).toBe('ok');
    const projects = a.catalog.projects as { repositories: string[] }[];
    const refs = projects.flatMap((p) => p.repositories);
    expect(refs.some((r) => r.startsWith('git:/'))).toBe(true);
    expect(refs.some((r) => r.startsWith('opencode:'))).toBe(true);
    expect(refs).toContain('github:stadtdortmund/abfallkalender-app');
    expect(a.catalog.discover).toEqual(['github:oklab-ulm']);
  });

  it('writes publiccode.yml files valid and broken', () => {
    for (const p of truthA.projects) {
      const r = p.repositories.find((x) => !x.empty && x.visibility === 'public');
      if (!r) continue;
      const shown = git(r.gitDir, 'show', 'HEAD:publiccode.yml');
      if (p.publiccode.status === 'missing') {
        expect(shown.ok).toBe(false);
        continue;
      }
      expect(shown.ok).toBe(true);
      const text = shown.out;
      switch (p.publiccode.status) {
        case 'valid':
        case 'outdated': {
          const doc = parse(text) as Record<string, unknown>;
          expect(doc.publiccodeYmlVersion).toBe(p.publiccode.version);
          expect(typeof doc.name).toBe('string');
          expect((doc.description as Record<string, unknown>).de).toBeTruthy();
          break;
        }
        case 'invalid-yaml':
          expect(() => parse(text)).toThrow();
          break;
        case 'alias-bomb':
          expect(() => parse(text)).toThrow(/alias/i);
          break;
        case 'wrong-types': {
          const doc = parse(text) as Record<string, unknown>;
          expect(typeof doc.legal).toBe('string');
          break;
        }
      }
    }
  });

  it('keeps forge data consistent: unique ids, known authors, updatedAt after the last comment', () => {
    for (const forge of [a.github, a.gitlab]) {
      const logins = new Set(forge.accounts.map((x) => x.login.toLowerCase()));
      const ids = new Map<string, Set<number>>();
      const add = (k: string, id: number): void => {
        const s = ids.get(k) ?? ids.set(k, new Set()).get(k)!;
        expect(id).toBeGreaterThan(0);
        expect(s.has(id)).toBe(false);
        s.add(id);
      };
      for (const acc of forge.accounts) add(`account:${acc.type === 'Group' || acc.type === 'Organization' ? 'org' : 'user'}`, acc.id);
      for (const r of forge.repositories) {
        add('repo', r.id);
        const numbers = new Set<string>();
        for (const it of r.items) {
          add(forge.kind === 'github' ? 'item' : it.kind, it.id);
          const n = forge.kind === 'github' ? `${it.number}` : `${it.kind}${it.number}`;
          expect(numbers.has(n)).toBe(false);
          numbers.add(n);
          expect(logins.has(it.author.toLowerCase())).toBe(true);
          let last = it.createdAt;
          for (const cm of [...it.comments, ...it.reviewComments]) {
            add(it.reviewComments.includes(cm) ? 'reviewComment' : 'comment', cm.id);
            expect(logins.has(cm.author.toLowerCase())).toBe(true);
            expect(cm.createdAt >= it.createdAt).toBe(true);
            if (cm.updatedAt > last) last = cm.updatedAt;
          }
          for (const rv of it.reviews) {
            add('review', rv.id);
            if (rv.submittedAt > last) last = rv.submittedAt;
          }
          expect(it.updatedAt >= last).toBe(true);
          expect(it.updatedAt <= a.now).toBe(true);
        }
        for (const rel of r.releases) add('release', rel.id);
      }
    }
    // Noreply logins belong to accounts.
    const gh = new Map(a.github.accounts.map((x) => [x.login.toLowerCase(), x]));
    for (const p of truthA.persons)
      for (const i of p.identities) {
        const m = /^(?:(\d+)\+)?([^@]+)@users\.noreply\.github\.com$/.exec(i.email);
        if (!m) continue;
        const acc = gh.get(m[2].toLowerCase());
        expect(acc).toBeTruthy();
        if (m[1]) expect(acc!.id).toBe(Number(m[1]));
      }
  });

  it('advances: new commits visible in git, truth follows', async () => {
    const before = truthOf(c);
    const res = await advanceWorld(c, { days: 21 });
    expect(res.now > res.previousNow).toBe(true);
    expect(c.now).toBe(res.now);
    expect(res.totalCommits).toBeGreaterThan(0);
    for (const [ref, n] of Object.entries(res.commits)) {
      const p = res.truth.projects.find((x) => x.repositories.some((r) => r.ref === ref))!;
      const r = p.repositories.find((x) => x.ref === ref)!;
      const old = before.projects.find((x) => x.id === p.id)!.repositories.find((x) => x.ref === ref)!;
      expect(r.commits).toBe(old.commits + n);
      expect(Number(git(r.gitDir, 'rev-list', '--count', 'HEAD').out)).toBe(r.commits);
      expect(git(r.gitDir, 'rev-parse', 'HEAD').out).toBe(r.headSha);
    }
    // Reloading from disk gives the same world and truth; a second advance continues from there.
    const loaded = await loadWorld(c.dir);
    expect(JSON.stringify(loaded)).toBe(JSON.stringify(c));
    const again = await advanceWorld(loaded, { days: 7 });
    expect(again.previousNow).toBe(res.now);
    expect((await readTruth(c.dir)).now).toBe(again.now);
  });
});
