import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { collect, CollectionInterrupted } from '../../jobs/collect';
import { clonePath } from '../../jobs/collectors/git';
import { projectReportFromFacts } from '../../jobs/derive/index';
import { parseCatalog } from '../../src/lib/catalog/load';
import { repositories } from '../../db/schema';
import { dumpFacts, tempData, tempDir, type TempData } from '../helpers/db';
import { appendCommits, runGit, writeRepo, type FixtureCommit } from '../helpers/git-fixture';

const DAY = 86_400;
const T0 = Date.UTC(2024, 0, 1) / 1000;
const JUERGEN: [string, string] = ['Jürgen Müller', 'juergen.mueller@ulm.de'];
const JUERGEN_NFD: [string, string] = ['Ju\u0308rgen Mu\u0308ller', 'jm@gmail.com'];
const BOT: [string, string] = ['dependabot[bot]', '49699333+dependabot[bot]@users.noreply.github.com'];
const ROOT: [string, string] = ['admin', 'root@localhost'];
const MIT_TEXT = `MIT License

Copyright (c) 2024 Stadt Ulm

Permission is hereby granted, free of charge, to any person obtaining a copy of this software and associated
documentation files (the "Software"), to deal in the Software without restriction, including without limitation
the rights to use, copy, modify, merge, publish, distribute, sublicense, and/or sell copies of the Software.

The above copyright notice and this permission notice shall be included in all copies or substantial portions
of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND.
`;
const OLD_EMAIL: [string, string] = ['Erika Mustermann', 'erika@old-provider.de'];

/** 12 commits: 10 authored (3 by a bot), 1 merge, a .mailmap, LICENSE, SECURITY.md, broken publiccode.yml. */
function history(): FixtureCommit[] {
  const c = (author: [string, string], day: number, files?: Record<string, string | null>): FixtureCommit => ({
    author,
    at: T0 + day * DAY,
    files
  });
  return [
    c(JUERGEN, 0, { LICENSE: MIT_TEXT, 'README.md': '# Demo\n' }),
    c(JUERGEN, 1),
    c(JUERGEN_NFD, 2),
    c(BOT, 3),
    c(OLD_EMAIL, 4, { '.mailmap': 'Erika Mustermann <erika@ulm.de> <erika@old-provider.de>\n' }),
    { author: JUERGEN, at: T0 + 5 * DAY, branch: 'feature', parent: 4, files: { 'feature.txt': 'x\n' } },
    c(BOT, 6),
    { author: JUERGEN, at: T0 + 7 * DAY, merge: [5], files: {} },
    c(ROOT, 8, { 'SECURITY.md': 'Bitte an security@ulm.de\n' }),
    c(BOT, 9),
    c(JUERGEN, 10, { 'publiccode.yml': 'publiccodeYmlVersion: "0.4"\nname: [kaputt\n' }),
    c(['Erika Mustermann', 'erika@ulm.de'], 11)
  ];
}

/** The git subcommands `run` makes the collectors start, through a `git` first on PATH that logs them. */
async function countingGit<T>(dir: string, run: () => Promise<T>): Promise<{ result: T; commands: string[] }> {
  const bin = join(dir, 'counting-bin');
  const log = join(dir, 'git-commands.log');
  const real = execFileSync('sh', ['-c', 'command -v git'], { encoding: 'utf8' }).trim();
  mkdirSync(bin, { recursive: true });
  writeFileSync(join(bin, 'git'), `#!/bin/sh\necho "$1" >> ${log}\nexec ${real} "$@"\n`, { mode: 0o755 });
  writeFileSync(log, '');
  const path = process.env.PATH;
  process.env.PATH = `${bin}:${path}`;
  try {
    const result = await run();
    return { result, commands: readFileSync(log, 'utf8').split('\n').filter(Boolean) };
  } finally {
    process.env.PATH = path;
  }
}

function catalogFor(repoDir: string) {
  return parseCatalog(
    `organisations:\n  - {id: ulm, name: Stadt Ulm, kind: municipality, domains: [ulm.de]}\n` +
      `projects:\n  - {id: demo, name: Demo, owner: ulm, repositories: ["git:${repoDir}"]}\n`
  );
}

describe('git collector', () => {
  let data: TempData;
  afterEach(() => data?.cleanup());

  it('reads commits, tags, root commits and files from a bare repository given as git:<path>', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'origin.git');
    const hashes = writeRepo(repoDir, {
      commits: history(),
      tags: [
        { name: 'v1.0.0', commit: 3, annotatedAt: T0 + 3 * DAY + 60 },
        { name: 'v1.1', commit: 7 },
        { name: 'nightly', commit: 9 }
      ]
    });
    const summary = await collect({ db: data.db, catalog: catalogFor(repoDir), paths: data.paths, trigger: 'test' });
    expect(summary.status).toBe('ok');

    const facts = dumpFacts(data.db);
    expect(facts.commits).toHaveLength(12);
    const merges = (facts.commits as { parent_count: number }[]).filter((c) => c.parent_count > 1);
    expect(merges).toHaveLength(1);
    expect(facts.tags).toEqual([
      { key: `git:${repoDir}`, name: 'nightly', commit_hash: hashes[9], tagged_at: T0 + 9 * DAY },
      { key: `git:${repoDir}`, name: 'v1.0.0', commit_hash: hashes[3], tagged_at: T0 + 3 * DAY + 60 },
      { key: `git:${repoDir}`, name: 'v1.1', commit_hash: hashes[7], tagged_at: T0 + 7 * DAY }
    ]);
    const repo = (facts.repositories as Record<string, unknown>[])[0];
    expect(JSON.parse(repo.root_commits as string)).toEqual([hashes[0]]);
    expect(repo).toMatchObject({
      head_commit: hashes[11],
      has_license_file: 1,
      license_file_spdx: 'MIT',
      has_security_policy: 1,
      has_contributing: 0,
      has_publiccode: 1
    });
    expect(repo.publiccode_error).toBeTruthy();

    // .mailmap applies: the old address became erika@ulm.de, so both commits share one identity.
    const identities = facts.identities as {
      name: string;
      email_domain: string;
      email_generic: number;
      noreply_login: string | null;
      email_bot: number;
    }[];
    expect(identities.filter((i) => i.name === 'Erika Mustermann').map((i) => i.email_domain)).toEqual(['ulm.de']);
    expect(identities.find((i) => i.name === 'admin')).toMatchObject({ email_generic: 1 });
    expect(identities.find((i) => i.name === 'dependabot[bot]')).toMatchObject({ noreply_login: 'dependabot[bot]', email_bot: 1 });
    // NFC and NFD spellings are stored as the author wrote them (person resolution joins them later).
    expect(identities.filter((i) => i.name.normalize('NFC') === 'Jürgen Müller')).toHaveLength(2);
  });

  it('never stores an email address', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'origin.git');
    writeRepo(repoDir, { commits: history() });
    await collect({ db: data.db, catalog: catalogFor(repoDir), paths: data.paths, trigger: 'test' });
    data.db.$client.close();
    const files = readdirSync(data.paths.dataDir).filter((f) => f.startsWith('allmende.db'));
    for (const f of files) {
      const bytes = readFileSync(join(data.paths.dataDir, f)).toString('latin1');
      for (const email of ['juergen.mueller@ulm.de', 'jm@gmail.com', 'erika@old-provider.de', 'erika@ulm.de', 'root@localhost']) {
        expect(bytes).not.toContain(email);
      }
    }
  });

  it('a second collect without new commits changes nothing and fetches nothing new', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'origin.git');
    writeRepo(repoDir, { commits: history(), tags: [{ name: 'v1.0.0', commit: 3 }] });
    const catalog = catalogFor(repoDir);
    await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    const before = dumpFacts(data.db);
    const clone = clonePath(data.paths.gitDir, { key: `git:${repoDir}`, forgeId: 'git', path: repoDir });
    const packsBefore = readdirSync(join(clone, 'objects/pack')).sort();
    const second = await countingGit(data.dir, () => collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' }));
    expect(second.result.items).toBe(0);
    expect(dumpFacts(data.db)).toEqual(before);
    expect(readdirSync(join(clone, 'objects/pack')).sort()).toEqual(packsBefore);
    // Its refs as the last collection left them: no tags, files or history read again. ls-remote asks
    // the remote's default branch (a plain git remote; a forge names it).
    expect(second.commands).toEqual(['fetch', 'ls-remote', 'rev-parse']);
  });

  it('follows the default branch the forge names without asking the remote, and the remote HEAD otherwise', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'origin.git');
    writeRepo(repoDir, { commits: history() });
    runGit(['branch', 'develop', 'main~4'], repoDir);
    const catalog = catalogFor(repoDir);
    await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    const clone = clonePath(data.paths.gitDir, { key: `git:${repoDir}`, forgeId: 'git', path: repoDir });
    const head = () => readFileSync(join(clone, 'HEAD'), 'utf8').trim();
    expect(head()).toBe('ref: refs/heads/main');
    // As a forge collector stores it before git runs.
    data.db.update(repositories).set({ defaultBranch: 'develop' }).run();
    const named = await countingGit(data.dir, () => collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' }));
    expect(head()).toBe('ref: refs/heads/develop');
    expect(named.commands).not.toContain('ls-remote');
    const count = (branch: string) => Number(runGit(['rev-list', '--count', branch], repoDir).trim());
    expect(dumpFacts(data.db).commits).toHaveLength(count('develop'));
    // A name that cannot be taken as it is: the remote's HEAD decides.
    data.db.update(repositories).set({ defaultBranch: '../../config' }).run();
    await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(head()).toBe('ref: refs/heads/main');
    expect(dumpFacts(data.db).commits).toHaveLength(count('main'));
  });

  it('reads tags again when only they changed, added or deleted', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'origin.git');
    writeRepo(repoDir, { commits: history(), tags: [{ name: 'v1.0.0', commit: 3 }] });
    const catalog = catalogFor(repoDir);
    const tagNames = () => (dumpFacts(data.db).tags as { name: string }[]).map((t) => t.name).sort();
    await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    runGit(['tag', 'v1.1.0', 'main~2'], repoDir);
    await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(tagNames()).toEqual(['v1.0.0', 'v1.1.0']);
    // Pruned from the clone's packed refs: no loose ref shows it.
    runGit(['tag', '-d', 'v1.0.0'], repoDir);
    await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(tagNames()).toEqual(['v1.1.0']);
  });

  it('fetches only new commits and follows a force-push', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'origin.git');
    writeRepo(repoDir, { commits: history() });
    const catalog = catalogFor(repoDir);
    await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });

    appendCommits(
      repoDir,
      [
        { author: JUERGEN, at: T0 + 20 * DAY },
        { author: BOT, at: T0 + 21 * DAY }
      ],
      [{ name: 'v2.0.0', commit: 1 }],
      'main',
      100
    );
    const incremental = await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(incremental.items).toBe(2);
    expect(dumpFacts(data.db).commits).toHaveLength(14);
    expect((dumpFacts(data.db).tags as { name: string }[]).map((t) => t.name)).toContain('v2.0.0');

    // Rewrite history: main goes back three commits. The dropped commits disappear.
    runGit(['update-ref', 'refs/heads/main', 'refs/heads/main~3'], repoDir);
    await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(dumpFacts(data.db).commits).toHaveLength(11);
  });

  it('records an unreachable repository and goes on with the others', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'origin.git');
    writeRepo(repoDir, { commits: history() });
    const missing = join(tempDir(), 'nope.git');
    const catalog = parseCatalog(
      `projects:\n  - {id: ok, name: OK, repositories: ["git:${repoDir}"]}\n  - {id: broken, name: Kaputt, repositories: ["git:${missing}"]}\n`
    );
    const summary = await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(summary.status).toBe('partial');
    expect(summary.failed).toBe(1);
    expect(summary.outcomes.find((o) => !o.ok)?.error).toContain('nicht gefunden');
    expect(dumpFacts(data.db).commits).toHaveLength(12);
    const failing = data.db.$client
      .prepare('select key, last_error, last_error_since from repositories where last_error is not null')
      .all();
    expect(failing).toHaveLength(1);
  });

  it('records a stopped collection as interrupted and leaves the repositories as they were', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'origin.git');
    writeRepo(repoDir, { commits: history() });
    const controller = new AbortController();
    controller.abort();
    await expect(
      collect({ db: data.db, catalog: catalogFor(repoDir), paths: data.paths, trigger: 'test', signal: controller.signal })
    ).rejects.toThrow(CollectionInterrupted);
    const q = (sql: string) => data.db.$client.prepare(sql).all();
    expect(q('select status from collection_runs')).toEqual([{ status: 'interrupted' }]);
    expect(q('select key from repositories where last_error is not null')).toEqual([]);
  });

  it('counts no symlinked LICENSE or SECURITY.md as present (they may point out of the repository)', async () => {
    data = tempData();
    const work = join(data.dir, 'work');
    runGit(['init', '--quiet', '--initial-branch=main', work]);
    writeFileSync(join(work, 'README.md'), '# Demo\n');
    symlinkSync('/etc/passwd', join(work, 'LICENSE'));
    symlinkSync('../../secret/SECURITY.md', join(work, 'SECURITY.md'));
    runGit(['add', '.'], work);
    runGit(['-c', 'user.name=Erika', '-c', 'user.email=erika@ulm.de', 'commit', '--quiet', '-m', 'links'], work);
    const catalog = parseCatalog(`projects:\n  - {id: links, name: Links, repositories: ["git:${work}"]}\n`);
    const summary = await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(summary.status).toBe('ok');
    const row = data.db.$client.prepare('select has_license_file, license_file_spdx, has_security_policy from repositories').get();
    expect(row).toEqual({ has_license_file: 0, license_file_spdx: null, has_security_policy: 0 });
  });

  it('finds the well-known files of the reuse checklist in a real repository: case, folders, no symlinks', async () => {
    data = tempData();
    const work = join(data.dir, 'files');
    runGit(['init', '--quiet', '--initial-branch=main', work]);
    const write = (path: string, text = 'x\n') => {
      mkdirSync(dirname(join(work, path)), { recursive: true });
      writeFileSync(join(work, path), text);
    };
    write('Readme.md', '# Demo\n');
    write('src/README.md');
    write('docs/guide/intro.md');
    write('.github/CONTRIBUTING.md');
    write('code_of_conduct.md');
    write('docs/GOVERNANCE.md');
    write('CHANGES.rst');
    write('history.js', 'export {};\n');
    write('ROADMAP');
    write('LICENSE', MIT_TEXT);
    write('deep/nested/AUTHORS.md');
    symlinkSync('/etc/passwd', join(work, 'AUTHORS'));
    symlinkSync('docs/GOVERNANCE.md', join(work, 'MAINTAINERS.md'));
    runGit(['add', '.'], work);
    runGit(['-c', 'user.name=Erika', '-c', 'user.email=erika@ulm.de', 'commit', '--quiet', '-m', 'files'], work);
    const catalog = parseCatalog(`projects:\n  - {id: files, name: Files, repositories: ["git:${work}"]}\n`);
    const summary = await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(summary.status).toBe('ok');
    const row = data.db.$client
      .prepare('select well_known_files, has_contributing, has_security_policy, has_license_file, has_publiccode from repositories')
      .get() as Record<string, unknown>;
    expect(JSON.parse(row.well_known_files as string)).toEqual({
      readme: 'Readme.md',
      documentation: 'docs/',
      contributing: '.github/CONTRIBUTING.md',
      'code-of-conduct': 'code_of_conduct.md',
      governance: 'docs/GOVERNANCE.md',
      changelog: 'CHANGES.rst',
      roadmap: 'ROADMAP',
      licence: 'LICENSE'
    });
    expect(row).toMatchObject({ has_contributing: 1, has_security_policy: 0, has_license_file: 1, has_publiccode: 0 });

    // The branch is deleted: an empty repository has no tip, so its files are unread, not the old ones.
    runGit(['update-ref', '-d', 'refs/heads/main'], work);
    expect((await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' })).status).toBe('ok');
    expect(data.db.$client.prepare('select well_known_files, head_commit from repositories').get()).toEqual({
      well_known_files: null,
      head_commit: null
    });
  });

  it('keeps thousands of tags packed, not one loose file each', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'tags.git');
    const tags = Array.from({ length: 3000 }, (_, i) => ({ name: `v0.${i}.0`, commit: i % 12 }));
    writeRepo(repoDir, { commits: history(), tags });
    const catalog = catalogFor(repoDir);
    await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    const clone = clonePath(data.paths.gitDir, { key: `git:${repoDir}`, forgeId: 'git', path: repoDir });
    expect(readdirSync(join(clone, 'refs', 'tags'))).toEqual([]);
    expect(dumpFacts(data.db).tags).toHaveLength(3000);
  });

  it('handles an empty repository without failing', async () => {
    data = tempData();
    const empty = join(data.dir, 'empty.git');
    runGit(['init', '--quiet', '--bare', empty]);
    const catalog = parseCatalog(`projects:\n  - {id: leer, name: Leer, repositories: ["git:${empty}"]}\n`);
    const summary = await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(summary.status).toBe('ok');
    expect(dumpFacts(data.db).commits).toHaveLength(0);
  });
});

describe('git collector: licences the files declare (REUSE)', () => {
  let data: TempData;
  afterEach(() => data?.cleanup());

  const REUSE_TOML = '[[annotations]]\npath = "docs/**"\nSPDX-License-Identifier = "CC-BY-4.0"\n';
  /** 70 source files with an EUPL-1.2 header (more than the sample), one vendored file, a README that mentions a tag. */
  function reuseFiles(): Record<string, string> {
    const files: Record<string, string> = {
      'README.md': 'Jede Datei trägt `SPDX-License-Identifier: EUPL-1.2`.\n',
      'REUSE.toml': REUSE_TOML,
      'node_modules/left-pad/index.js': '// SPDX-License-Identifier: WTFPL\n',
      'docs/logo.svg.license': 'SPDX-FileCopyrightText: 2024 Stadt Ulm\nSPDX-License-Identifier: CC-BY-4.0\n'
    };
    for (let i = 0; i < 70; i++) {
      files[`src/modul${String(i).padStart(2, '0')}.ts`] =
        `// SPDX-FileCopyrightText: 2024 Stadt Ulm\n// SPDX-License-Identifier: EUPL-1.2\nexport const n = ${i};\n${'// …\n'.repeat(2000)}`;
    }
    return files;
  }

  function declared(): Record<string, unknown> {
    const row = data.db.$client.prepare('select license_declared, license_file_spdx from repositories').get() as {
      license_declared: string | null;
      license_file_spdx: string | null;
    };
    expect(row.license_file_spdx).toBeNull();
    return JSON.parse(row.license_declared!) as Record<string, unknown>;
  }

  it('gives a project without a licence file the licence its file headers declare, with where it comes from', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'reuse.git');
    writeRepo(repoDir, { commits: [{ author: JUERGEN, at: T0, files: reuseFiles() }] });
    const summary = await collect({ db: data.db, catalog: catalogFor(repoDir), paths: data.paths, trigger: 'test' });
    expect(summary.status).toBe('ok');
    expect(declared()).toEqual({
      headers: [
        { spdx: 'EUPL-1.2', files: 63 },
        { spdx: 'CC-BY-4.0', files: 1 }
      ],
      sampled: 64,
      reuseToml: ['CC-BY-4.0'],
      dep5: []
    });
    const report = projectReportFromFacts(data.db, null, 'demo', '2024-06-01')!;
    expect(report.licence).toMatchObject({ spdx: 'EUPL-1.2 AND CC-BY-4.0', source: 'headers', copyleft: 'strong' });
    expect(report.licence.declared).toMatchObject({ sampled: 64, reuseToml: true, agrees: null });
  });

  it('fetches the sampled blobs of a partial clone in one go and reads .reuse/dep5', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'partial.git');
    const files = reuseFiles();
    delete files['REUSE.toml'];
    files['.reuse/dep5'] =
      'Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/\n\nFiles: docs/*\nLicense: CC-BY-4.0\n';
    writeRepo(repoDir, { commits: [{ author: JUERGEN, at: T0, files }] });
    // Served over file:// with filters allowed, the clone is a real partial clone without blobs.
    runGit(['config', 'uploadpack.allowFilter', 'true'], repoDir);
    const catalog = parseCatalog(`projects:\n  - {id: demo, name: Demo, repositories: ["git:file://${repoDir}"]}\n`);
    const summary = await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(summary.status).toBe('ok');
    const clone = clonePath(data.paths.gitDir, { key: `git:file://${repoDir}`, forgeId: 'git', path: `file://${repoDir}` });
    expect(runGit(['config', '--get', 'remote.origin.promisor'], clone).trim()).toBe('true');
    expect(declared()).toMatchObject({
      headers: [
        { spdx: 'EUPL-1.2', files: 63 },
        { spdx: 'CC-BY-4.0', files: 1 }
      ],
      dep5: ['CC-BY-4.0']
    });
    // Only what was asked for came: the blobs of files outside the sample are still missing.
    const missing = runGit(['rev-list', '--objects', '--missing=print', '--no-walk', 'HEAD'], clone)
      .split('\n')
      .filter((l) => l.startsWith('?'));
    expect(missing.length).toBeGreaterThan(0);
  });

  it('reads the blobs a collection needs with one fetch for the licence history and one at HEAD, not one per file', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'partial.git');
    writeRepo(repoDir, { commits: [{ author: JUERGEN, at: T0, files: { ...reuseFiles(), LICENSE: MIT_TEXT } }] });
    runGit(['config', 'uploadpack.allowFilter', 'true'], repoDir);
    const catalog = parseCatalog(`projects:\n  - {id: demo, name: Demo, repositories: ["git:file://${repoDir}"]}\n`);
    expect((await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' })).status).toBe('ok');
    // Four new versions of the licence file and a new publiccode.yml.
    const versions = [2025, 2026, 2027, 2028].map((year, i) => ({
      author: JUERGEN,
      at: T0 + (i + 1) * DAY,
      files: { LICENSE: MIT_TEXT.replace('2024', String(year)), ...(i === 3 ? { 'publiccode.yml': 'publiccodeYmlVersion: "0.4"\n' } : {}) }
    }));
    appendCommits(repoDir, versions, [], 'main', 1);
    // Every request of the clone to its remote, counted by the upload-pack it runs, with the git command that asked.
    const log = join(data.dir, 'upload-pack.log');
    const wrapper = join(data.dir, 'upload-pack.sh');
    writeFileSync(wrapper, `#!/bin/sh\necho "$(ps -o args= $(ps -o ppid= $PPID))" >> ${log}\nexec git-upload-pack "$@"\n`, { mode: 0o755 });
    const clone = clonePath(data.paths.gitDir, { key: `git:file://${repoDir}`, forgeId: 'git', path: `file://${repoDir}` });
    runGit(['config', 'remote.origin.uploadpack', wrapper], clone);
    expect((await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' })).status).toBe('ok');
    const history = data.db.$client.prepare('select spdx from licence_history where path = ? order by committed_at').all('LICENSE');
    expect(history).toEqual(Array(5).fill({ spdx: 'MIT' }));
    const publiccode = data.db.$client.prepare('select publiccode_error from repositories').get() as { publiccode_error: string | null };
    expect(publiccode.publiccode_error).not.toMatch(/größer als 1 MB/);
    // The new commits, the default branch's name (ls-remote), the licence history's blobs, the new
    // blobs at HEAD: one request each (the git command that asked, from upload-pack's parent).
    const requests = readFileSync(log, 'utf8').trim().split('\n');
    expect(requests, requests.join('\n')).toHaveLength(4);
  });

  it('reads the files again on the next collection when their blobs could not be fetched', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'partial.git');
    writeRepo(repoDir, { commits: [{ author: JUERGEN, at: T0, files: reuseFiles() }] });
    runGit(['config', 'uploadpack.allowFilter', 'true'], repoDir);
    const catalog = parseCatalog(`projects:\n  - {id: demo, name: Demo, repositories: ["git:file://${repoDir}"]}\n`);
    const declaredNow = () =>
      (data.db.$client.prepare('select license_declared from repositories').get() as { license_declared: string | null }).license_declared;
    await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(declaredNow()).not.toBeNull();
    appendCommits(
      repoDir,
      [{ author: JUERGEN, at: T0 + DAY, files: { 'src/modul00.ts': '// SPDX-License-Identifier: MIT\n' } }],
      [],
      'main',
      1
    );
    // The remote refuses its third request: the new commit and ls-remote come, the blobs at HEAD do not.
    const count = join(data.dir, 'requests');
    const wrapper = join(data.dir, 'upload-pack.sh');
    writeFileSync(wrapper, `#!/bin/sh\necho x >> ${count}\n[ "$(wc -l < ${count})" -eq 3 ] && exit 1\nexec git-upload-pack "$@"\n`, {
      mode: 0o755
    });
    const clone = clonePath(data.paths.gitDir, { key: `git:file://${repoDir}`, forgeId: 'git', path: `file://${repoDir}` });
    runGit(['config', 'remote.origin.uploadpack', wrapper], clone);
    await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(declaredNow()).toBeNull();
    // Nothing new on the remote, but the files were not read: they are now.
    await collect({ db: data.db, catalog, paths: data.paths, trigger: 'test' });
    expect(JSON.parse(declaredNow()!)).toMatchObject({
      headers: [
        { spdx: 'EUPL-1.2', files: 62 },
        { spdx: 'CC-BY-4.0', files: 1 },
        { spdx: 'MIT', files: 1 }
      ]
    });
  });

  it('confirms a licence file by the headers, or says they differ', async () => {
    data = tempData();
    const repoDir = join(data.dir, 'mit.git');
    writeRepo(repoDir, { commits: [{ author: JUERGEN, at: T0, files: { ...reuseFiles(), LICENSE: MIT_TEXT } }] });
    await collect({ db: data.db, catalog: catalogFor(repoDir), paths: data.paths, trigger: 'test' });
    const report = projectReportFromFacts(data.db, null, 'demo', '2024-06-01')!;
    expect(report.licence).toMatchObject({ spdx: 'MIT', source: 'file', declared: { agrees: false } });
  });
});
