/**
 * Benchmark of the derive step (DESIGN §10: 1,000 projects with 5 years of history in ≤ 30 s and
 * ≤ 500 MB RSS on 2 cores).
 *
 * Builds a synthetic database of that size directly with prepared inserts (no world generator, no
 * collectors): 200 organisations, 1,000 projects (10 % with a mirror repository sharing all commits,
 * 5 % forked into another organisation's project), ~1 million commits over 5 years by ~20,000 git
 * identities (5 % bot commits, 8 % merges), ~150,000 issues and pull requests with ~450,000
 * comments, tags, releases, licence history and forks. Then runs derive (with the 12-month history
 * backfill, i.e. 13 reference dates per project) in a fresh child process and prints
 * {projects, commits, seconds, maxRssMB, …} as JSON.
 *
 *   npx tsx bench/derive.ts [--projects 1000] [--db /tmp/allmende-bench.db] [--keep] [--workers N]
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { existsSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { storeProjectForges, storeProjectNameOrder } from '../jobs/store/project-order';
import { closeDatabase, openDatabase } from '../db/index';
import { parseCatalog } from '../src/lib/catalog/load';
import { derive } from '../jobs/derive/index';

const AS_OF = '2026-11-23';
const DAY = 86_400;
const END = Date.UTC(2026, 10, 24) / 1000;
const START = END - 5 * 365 * DAY;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const hex = (rand: () => number, n = 40) => {
  let s = '';
  while (s.length < n)
    s += Math.floor(rand() * 0x100000000)
      .toString(16)
      .padStart(8, '0');
  return s.slice(0, n);
};

const KINDS = [
  'municipality',
  'municipality',
  'municipality',
  'county',
  'state',
  'it-service-provider',
  'company',
  'research',
  'civil-society'
];
const LICENCES = ['MIT', 'EUPL-1.2', 'Apache-2.0', 'GPL-3.0-only', 'AGPL-3.0-or-later', null];

function generate(file: string, projectCount: number): { commits: number; items: number; comments: number } {
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  closeDatabase(openDatabase(file)); // migrations
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = OFF');
  const rand = prng(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)];
  const orgCount = Math.max(10, Math.round(projectCount / 5));
  let commitCount = 0;
  let itemCount = 0;
  let commentCount = 0;

  db.transaction(() => {
    const insOrg = db.prepare('INSERT INTO organisations (id, name, kind, region, domains, accounts) VALUES (?, ?, ?, ?, ?, ?)');
    for (let o = 0; o < orgCount; o++) {
      insOrg.run(
        `org${o}`,
        `Stadt Beispiel ${o}`,
        KINDS[o % KINDS.length],
        'DE-BW',
        JSON.stringify([`org${o}.de`]),
        JSON.stringify([`github:org${o}`])
      );
    }
    // Identities: ~20 per organisation plus personal addresses and bots, forge accounts alike.
    const insIdentity = db.prepare(
      'INSERT INTO identities (source, name, login, email_hash, email_domain, email_generic, email_bot, forge_bot) VALUES (?, ?, ?, ?, ?, 0, ?, ?)'
    );
    const gitIds: number[] = [];
    const accountIds: number[] = [];
    const botIds: number[] = [];
    const people = orgCount * 100;
    for (let p = 0; p < people; p++) {
      const org = p % orgCount;
      const domain = rand() < 0.7 ? `org${org}.de` : pick(['gmail.com', 'web.de', 'posteo.de', 'example-firma.de']);
      gitIds.push(Number(insIdentity.run('git', `Person ${p} Muster`, '', hex(rand, 64), domain, 0, 0).lastInsertRowid));
      if (p % 10 === 0)
        accountIds.push(Number(insIdentity.run('github', `Person ${p} Muster`, `person${p}`, '', null, 0, 0).lastInsertRowid));
    }
    for (const bot of ['dependabot[bot]', 'renovate[bot]', 'github-actions[bot]']) {
      botIds.push(Number(insIdentity.run('git', bot, '', hex(rand, 64), 'users.noreply.github.com', 1, 0).lastInsertRowid));
      accountIds.push(Number(insIdentity.run('github', bot, bot, '', null, 0, 1).lastInsertRowid));
    }

    const insProject = db.prepare('INSERT INTO projects (id, name, owner_id, used_by) VALUES (?, ?, ?, ?)');
    const insRepo = db.prepare(
      `INSERT INTO repositories (key, forge_id, path, clone_url, web_url, archived, is_fork, fork_parent, license_spdx, has_issues, created_at,
         root_commits, head_commit, license_file_spdx, has_license_file, has_security_policy, has_contributing, has_publiccode, publiccode)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 1, ?, ?)`
    );
    const insLink = db.prepare('INSERT INTO project_repositories (project_id, repository_id) VALUES (?, ?)');
    const insCommit = db.prepare(
      'INSERT INTO commits (repository_id, hash, author_identity_id, author_date, committer_date, parent_count) VALUES (?, ?, ?, ?, ?, ?)'
    );
    const insTag = db.prepare('INSERT INTO tags (repository_id, name, commit_hash, tagged_at) VALUES (?, ?, ?, ?)');
    const insRelease = db.prepare(
      'INSERT INTO releases (repository_id, forge_release_id, tag_name, name, created_at, published_at) VALUES (?, ?, ?, ?, ?, ?)'
    );
    const insItem = db.prepare(
      `INSERT INTO items (repository_id, kind, number, forge_item_id, title, state, author_identity_id, created_at, updated_at, closed_at, merged_at, closed_by_identity_id, comment_count)
       VALUES (?, ?, ?, ?, 'Titel', ?, ?, ?, ?, ?, ?, ?, ?)`
    );
    const insComment = db.prepare(
      'INSERT INTO comments (repository_id, kind, forge_comment_id, item_kind, item_number, author_identity_id, created_at, system) VALUES (?, ?, ?, ?, ?, ?, ?, 0)'
    );
    const insLicence = db.prepare(
      'INSERT INTO licence_history (repository_id, commit_hash, committed_at, path, spdx) VALUES (?, ?, ?, ?, ?)'
    );
    const insFork = db.prepare(
      'INSERT INTO forks (repository_id, fork_key, forge_repo_id, owner_account, created_at, pushed_at, ahead_by) VALUES (?, ?, ?, ?, ?, ?, ?)'
    );

    let commentId = 0;
    const mainRepoCommits: { repo: number; hashes: string[]; project: string }[] = [];
    for (let p = 0; p < projectCount; p++) {
      const id = `projekt-${p}`;
      const owner = p % orgCount;
      const usedBy = rand() < 0.3 ? [`org${(owner + 1 + Math.floor(rand() * 5)) % orgCount}`] : [];
      insProject.run(id, `Projekt ${p}`, `org${owner}`, JSON.stringify(usedBy));
      const licence = pick(LICENCES);
      const root = hex(rand);
      const created = START + Math.floor(rand() * 3 * 365 * DAY);
      const publiccode =
        rand() < 0.4
          ? JSON.stringify({
              name: `Projekt ${p}`,
              legal: { license: licence ?? 'MIT' },
              usedBy: rand() < 0.3 ? [`Stadt Beispiel ${(owner + 7) % orgCount}`] : [],
              isBasedOn: []
            })
          : null;
      const repo = Number(
        insRepo.run(
          `github:org${owner}/projekt-${p}`,
          'github',
          `org${owner}/projekt-${p}`,
          `https://github.com/org${owner}/projekt-${p}.git`,
          `https://github.com/org${owner}/projekt-${p}`,
          rand() < 0.03 ? 1 : 0,
          0,
          null,
          licence,
          rand() < 0.9 ? 1 : 0,
          created,
          JSON.stringify([root]),
          root,
          licence,
          rand() < 0.3 ? 1 : 0,
          publiccode ? 1 : 0,
          publiccode
        ).lastInsertRowid
      );
      insLink.run(id, repo);
      const mirror =
        rand() < 0.1
          ? Number(
              insRepo.run(
                `opencode:org${owner}/projekt-${p}`,
                'opencode',
                `org${owner}/projekt-${p}`,
                `https://gitlab.opencode.de/org${owner}/projekt-${p}.git`,
                null,
                0,
                0,
                null,
                null,
                0,
                created + DAY,
                JSON.stringify([root]),
                root,
                licence,
                0,
                0,
                null
              ).lastInsertRowid
            )
          : null;
      if (mirror) insLink.run(id, mirror);

      // Commits: heavy-tailed size, a team of 2–30 people with a few doing most of the work.
      const size = Math.min(12_000, Math.floor(150 + -Math.log(1 - rand()) * 850));
      const team = Array.from(
        { length: 2 + Math.floor(rand() * 28) },
        () => gitIds[(owner * 100 + Math.floor(rand() * 140)) % gitIds.length]
      );
      const activeUntil = rand() < 0.25 ? END - Math.floor(rand() * 3 * 365 * DAY) : END;
      const span = Math.max(DAY, activeUntil - created);
      const hashes: string[] = [];
      for (let c = 0; c < size; c++) {
        const hash = c === 0 ? root : hex(rand);
        const date = created + Math.floor(Math.pow(rand(), 0.7) * span);
        const bot = rand() < 0.05;
        const author = bot ? pick(botIds) : team[Math.floor(Math.pow(rand(), 2) * team.length)];
        const parents = c === 0 ? 0 : rand() < 0.08 ? 2 : 1;
        insCommit.run(repo, hash, author, date, date, parents);
        if (mirror) insCommit.run(mirror, hash, author, date, date, parents);
        hashes.push(hash);
      }
      commitCount += size * (mirror ? 2 : 1);
      mainRepoCommits.push({ repo, hashes, project: id });
      for (let t = 0, n = Math.floor(rand() * 30); t < n; t++)
        insTag.run(repo, `v1.${t}.0`, hashes[Math.floor(rand() * hashes.length)], created + Math.floor(((t + 1) / (n + 1)) * span));
      if (rand() < 0.5)
        for (let r = 0, n = Math.floor(rand() * 20); r < n; r++) {
          const at = created + Math.floor(((r + 1) / (n + 1)) * span);
          insRelease.run(repo, `${repo}-${r}`, `v1.${r}.0`, `Version 1.${r}`, at, at);
        }
      insLicence.run(repo, root, created, 'LICENSE', licence ?? 'MIT');
      if (rand() < 0.05) insLicence.run(repo, hashes[hashes.length >> 1], created + span / 2, 'LICENSE', 'EUPL-1.2');

      // Issues and pull requests with comments; some never answered.
      const itemTotal = Math.floor(size * 0.15);
      for (let n = 1; n <= itemTotal; n++) {
        const kind = rand() < 0.4 ? 'pull' : 'issue';
        const at = created + Math.floor(rand() * span);
        const author = pick(accountIds);
        const closed = rand() < 0.75 ? at + Math.floor(-Math.log(1 - rand()) * 20 * DAY) : null;
        const merged = kind === 'pull' && closed && rand() < 0.7 ? closed : null;
        const state = merged ? 'merged' : closed && closed < END ? 'closed' : 'open';
        const k = Math.floor(rand() * 6);
        insItem.run(
          repo,
          kind,
          n,
          `${repo}-${n}`,
          state,
          author,
          at,
          at,
          state === 'open' ? null : closed,
          merged,
          state === 'open' ? null : pick(accountIds),
          k
        );
        for (let c = 0; c < k; c++) {
          insComment.run(repo, 'comment', String(++commentId), kind, n, pick(accountIds), at + Math.floor(-Math.log(1 - rand()) * 3 * DAY));
        }
        itemCount++;
        commentCount += k;
      }
      if (rand() < 0.2)
        insFork.run(
          repo,
          `github:org${(owner + 3) % orgCount}/projekt-${p}`,
          String(100000 + p),
          `org${(owner + 3) % orgCount}`,
          created + 30 * DAY,
          END - DAY,
          Math.floor(rand() * 60)
        );
    }
    // 5 % of the projects are forked into another organisation's project (same root commit).
    for (let f = 0; f < projectCount / 20; f++) {
      const upstream = mainRepoCommits[Math.floor(rand() * mainRepoCommits.length)];
      const owner = Math.floor(rand() * orgCount);
      const id = `fork-${f}`;
      insProject.run(id, `Abspaltung ${f}`, `org${owner}`, '[]');
      const repo = Number(
        insRepo.run(
          `github:org${owner}/fork-${f}`,
          'github',
          `org${owner}/fork-${f}`,
          `https://github.com/org${owner}/fork-${f}.git`,
          null,
          0,
          1,
          `github:${upstream.project}`,
          'MIT',
          1,
          END - 400 * DAY,
          JSON.stringify([upstream.hashes[0]]),
          upstream.hashes[0],
          'MIT',
          0,
          0,
          null
        ).lastInsertRowid
      );
      insLink.run(id, repo);
      const copied = upstream.hashes.slice(0, Math.floor(upstream.hashes.length / 2));
      for (const h of copied) insCommit.run(repo, h, gitIds[0], START + DAY, START + DAY, 1);
      for (let c = 0; c < 40; c++)
        insCommit.run(repo, hex(rand), gitIds[(owner * 100 + c) % gitIds.length], END - Math.floor(rand() * 300 * DAY), END, 1);
      commitCount += copied.length + 40;
    }
    storeProjectNameOrder(db);
    storeProjectForges(db);
  })();
  db.close();
  return { commits: commitCount, items: itemCount, comments: commentCount };
}

async function runDerive(file: string): Promise<void> {
  const db = openDatabase(file);
  const catalog = parseCatalog('organisations: []\nprojects: []\n', 'bench.yml');
  const started = performance.now();
  const cpu = process.cpuUsage();
  const verbose = process.argv.includes('--verbose');
  const mem = () => {
    (globalThis as { gc?: () => void }).gc?.();
    return `rss ${Math.round(process.memoryUsage().rss / 1048576)} MB, heap ${Math.round(process.memoryUsage().heapUsed / 1048576)} MB`;
  };
  const log = verbose
    ? (m: string) => process.stderr.write(`${((performance.now() - started) / 1000).toFixed(1)} s ${m} (${mem()})\n`)
    : undefined;
  // --workers N sets derive's worker threads (0: all in this thread); by default derive chooses.
  const workers = process.argv.includes('--workers') ? Number(arg('workers', '0')) : undefined;
  const result = await derive(db, catalog, { asOf: AS_OF, backfill: true, secret: Buffer.alloc(32, 7), log, workers });
  const seconds = (performance.now() - started) / 1000;
  const used = process.cpuUsage(cpu);
  const cpuSeconds = Math.round((used.user + used.system) / 1e4) / 100;
  const commits = (db.$client.prepare('SELECT count(*) AS n FROM commits').get() as { n: number }).n;
  closeDatabase(db);
  const maxRssMB = Math.round(process.resourceUsage().maxRSS / 1024);
  process.stdout.write(
    JSON.stringify({
      projects: result.projects,
      commits,
      seconds: Math.round(seconds * 100) / 100,
      cpuSeconds,
      maxRssMB,
      snapshots: result.snapshots,
      historySnapshots: result.historySnapshots,
      persons: result.persons
    }) + '\n'
  );
}

async function main(): Promise<void> {
  const file = arg('db', '/tmp/allmende-bench-derive.db');
  if (process.argv.includes('--run')) return runDerive(file);
  const projects = Number(arg('projects', '1000'));
  const t0 = performance.now();
  const counts = generate(file, projects);
  const generated = (performance.now() - t0) / 1000;
  process.stderr.write(`Synthetische Datenbank: ${JSON.stringify(counts)} in ${generated.toFixed(1)} s\n`);
  // Measure derive alone, in a fresh process pinned to 2 cores where taskset exists.
  const self = fileURLToPath(import.meta.url);
  const tsx = fileURLToPath(new URL('../node_modules/.bin/tsx', import.meta.url));
  const runArgs = [
    self,
    '--run',
    '--db',
    file,
    ...(process.argv.includes('--verbose') ? ['--verbose'] : []),
    ...(process.argv.includes('--workers') ? ['--workers', arg('workers', '0')] : [])
  ];
  const cmd = existsSync('/usr/bin/taskset') ? ['taskset', ['-c', '0,1', tsx, ...runArgs]] : [tsx, runArgs];
  const child = spawnSync(cmd[0] as string, cmd[1] as string[], { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`derive fehlgeschlagen (Status ${child.status})`);
  const result = JSON.parse(child.stdout.trim().split('\n').at(-1) ?? '{}');
  process.stdout.write(
    JSON.stringify({ ...result, items: counts.items, comments: counts.comments, targetSeconds: 30, targetRssMB: 500 }) + '\n'
  );
  if (!process.argv.includes('--keep')) for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
}

main().catch((error) => {
  process.stderr.write(`${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
