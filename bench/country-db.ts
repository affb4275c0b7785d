/**
 * The country-scale benchmark database (issue 14, DESIGN §2: every public-sector repository in
 * Germany on one machine): 10,000 projects, 12,000 repositories, 5 million commits and 1 million
 * issues and pull requests, written straight into SQLite (no world generator, no collectors).
 *
 * It is meant to look like the German landscape rather than like 10 × the derive benchmark:
 * - organisations of every kind in all 16 Länder, a few of them owning many projects (Zipf), most
 *   one or two;
 * - project sizes log-normal: most projects small (a median of a few dozen commits), a few with tens
 *   of thousands; about half of them quiet (no commit in the last one to four years), a few archived;
 * - 10 % mirrored on OpenCoDE (same commits), some projects with component repositories, 5 % forks
 *   of another organisation's project (sharing its oldest commits);
 * - issues and pull requests in proportion to the commits, a quarter of them never answered.
 * The totals are scaled to the targets, so the counts are what the issue asks for.
 *
 * Written fast: one transaction, prepared multi-row INSERTs in batches, the secondary indexes of
 * the three large tables dropped before and created again after (the same SQL, read from
 * sqlite_master), no journal while filling.
 */
import Database from 'better-sqlite3';
import { closeSync, fsyncSync, openSync, rmSync } from 'node:fs';
import { storeProjectForges, storeProjectNameOrder } from '../jobs/store/project-order';
import { closeDatabase, openDatabase } from '../db/index';

const DAY = 86_400;
export const COUNTRY_AS_OF = '2026-11-23';
const END = Date.UTC(2026, 10, 24) / 1000;
const START = END - 5 * 365 * DAY;

export interface CountryTargets {
  projects: number;
  repositories: number;
  commits: number;
  items: number;
}

export const COUNTRY: CountryTargets = { projects: 10_000, repositories: 12_000, commits: 5_000_000, items: 1_000_000 };

export interface CountryCounts {
  organisations: number;
  projects: number;
  repositories: number;
  commits: number;
  items: number;
  comments: number;
  identities: number;
  seconds: number;
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

const REGIONS = [
  'DE-BW',
  'DE-BY',
  'DE-BE',
  'DE-BB',
  'DE-HB',
  'DE-HH',
  'DE-HE',
  'DE-MV',
  'DE-NI',
  'DE-NW',
  'DE-RP',
  'DE-SL',
  'DE-SN',
  'DE-ST',
  'DE-SH',
  'DE-TH'
];
/** Population-like weights of the Länder (NW, BY, BW largest). */
const REGION_WEIGHTS = [11, 13, 4, 2.5, 0.7, 1.8, 6.3, 1.6, 8, 18, 4.1, 1, 4, 2.2, 2.9, 2.1];
/** Kinds with weights: mostly municipalities and counties, some Länder, IT service providers, companies. */
const KINDS: [string, number][] = [
  ['municipality', 55],
  ['county', 15],
  ['state', 4],
  ['federal', 2],
  ['it-service-provider', 8],
  ['company', 8],
  ['research', 4],
  ['civil-society', 4]
];
const LICENCES: [string | null, number][] = [
  ['EUPL-1.2', 30],
  ['MIT', 20],
  ['Apache-2.0', 12],
  ['GPL-3.0-only', 8],
  ['AGPL-3.0-or-later', 8],
  ['LGPL-2.1-or-later', 3],
  ['BSD-3-Clause', 3],
  [null, 16]
];

/** Multi-row INSERT through one prepared statement per batch size (the last, short batch gets its own). */
class Batch {
  private values: unknown[] = [];
  private rows = 0;
  private readonly full: Database.Statement;
  constructor(
    private readonly db: Database.Database,
    private readonly head: string,
    private readonly columns: number,
    private readonly perStatement = 200
  ) {
    this.full = db.prepare(this.sql(perStatement));
  }
  private sql(rows: number): string {
    const row = `(${new Array(this.columns).fill('?').join(',')})`;
    return `${this.head} VALUES ${new Array(rows).fill(row).join(',')}`;
  }
  push(...row: unknown[]): void {
    for (const v of row) this.values.push(v);
    if (++this.rows === this.perStatement) {
      this.full.run(this.values);
      this.values = [];
      this.rows = 0;
    }
  }
  flush(): void {
    if (this.rows > 0) this.db.prepare(this.sql(this.rows)).run(this.values);
    this.values = [];
    this.rows = 0;
  }
}

interface PlannedRepo {
  commits: number;
  items: number;
}

interface PlannedProject {
  owner: number;
  created: number;
  activeUntil: number;
  repos: PlannedRepo[];
  mirror: boolean;
}

export function generateCountry(file: string, targets: CountryTargets = COUNTRY): CountryCounts {
  const started = performance.now();
  for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
  closeDatabase(openDatabase(file)); // migrations
  const db = new Database(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -524288'); // 512 MiB while filling
  db.pragma('temp_store = MEMORY');
  const rand = prng(1914);
  const weighted = <T>(list: [T, number][]): (() => T) => {
    const total = list.reduce((s, [, w]) => s + w, 0);
    return () => {
      let x = rand() * total;
      for (const [v, w] of list) if ((x -= w) < 0) return v;
      return list[list.length - 1][0];
    };
  };
  const pickKind = weighted(KINDS);
  const pickRegion = weighted(REGIONS.map((r, i) => [r, REGION_WEIGHTS[i]] as [string, number]));
  const pickLicence = weighted(LICENCES);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const hex = () => {
    let s = '';
    for (let i = 0; i < 5; i++)
      s += Math.floor(rand() * 0x100000000)
        .toString(16)
        .padStart(8, '0');
    return s;
  };

  const forkProjects = Math.round(targets.projects / 20);
  const ownProjects = targets.projects - forkProjects;
  const orgCount = Math.round(targets.projects / 5);
  const peoplePerOrg = 25;

  // Plan first, so that the totals can be scaled to the targets before anything is written.
  // Owners by Zipf: organisation k owns ∝ 1/(k+1)^0.9 of the projects.
  const ownerWeights = Array.from({ length: orgCount }, (_, k) => 1 / Math.pow(k + 1, 0.9));
  const ownerTotal = ownerWeights.reduce((s, w) => s + w, 0);
  const ownerCumulative: number[] = [];
  ownerWeights.reduce((s, w, k) => (ownerCumulative[k] = s + w / ownerTotal), 0);
  const pickOwner = () => {
    const x = rand();
    let lo = 0;
    let hi = orgCount - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (ownerCumulative[mid] < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const extraRepos = targets.repositories - targets.projects - Math.round(ownProjects * 0.1);
  const extraRate = Math.max(0, extraRepos) / ownProjects / 2; // 1–3 extra repositories, 2 on average
  const plans: PlannedProject[] = [];
  let rawCommits = 0;
  for (let p = 0; p < ownProjects; p++) {
    const created = START + Math.floor(Math.pow(rand(), 0.8) * 4.5 * 365 * DAY);
    const quiet = rand() < 0.5;
    const activeUntil = quiet ? Math.max(created + 30 * DAY, END - Math.floor((1 + rand() * 3) * 365 * DAY)) : END;
    const weight = Math.exp(3.4 + 1.7 * normal());
    const repos: PlannedRepo[] = [{ commits: weight, items: weight * (0.5 + rand()) }];
    if (rand() < extraRate)
      for (let e = 0, n = 1 + Math.floor(rand() * 3); e < n; e++) repos.push({ commits: weight * rand() * 0.6, items: 0 });
    const mirror = rand() < 0.1;
    for (const r of repos) rawCommits += r.commits;
    if (mirror) rawCommits += repos[0].commits;
    plans.push({ owner: pickOwner(), created, activeUntil, repos, mirror });
  }
  // Forks copy up to 500 of their upstream's first commits (hash, author, date as they are) and add 40 of their own.
  const forkShare = forkProjects * 300;
  const commitScale = (targets.commits - forkShare) / rawCommits;
  const rawItems = plans.reduce((s, p) => s + p.repos[0].items, 0);
  const itemScale = targets.items / rawItems;
  for (const p of plans) {
    for (const r of p.repos) r.commits = Math.max(1, Math.min(60_000, Math.round(r.commits * commitScale)));
    p.repos[0].items = Math.round(p.repos[0].items * itemScale);
  }

  const counts = { organisations: orgCount, projects: 0, repositories: 0, commits: 0, items: 0, comments: 0, identities: 0 };
  // The large tables' secondary indexes are built once at the end (a sort instead of random inserts).
  const indexes = db
    .prepare(`SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('commits', 'items', 'comments') AND sql IS NOT NULL`)
    .pluck()
    .all() as string[];

  db.transaction(() => {
    for (const sqlText of indexes) db.exec(`DROP INDEX ${/INDEX\s+(`[^`]+`|\S+)/i.exec(sqlText)![1]}`);
    const insOrg = db.prepare('INSERT INTO organisations (id, name, kind, region, domains, accounts) VALUES (?, ?, ?, ?, ?, ?)');
    const orgKinds: string[] = [];
    for (let o = 0; o < orgCount; o++) {
      const kind = pickKind();
      orgKinds.push(kind);
      const label = kind === 'municipality' ? 'Stadt' : kind === 'county' ? 'Landkreis' : kind === 'state' ? 'Land' : 'Organisation';
      insOrg.run(
        `org${o}`,
        `${label} Beispiel ${o}`,
        kind,
        pickRegion(),
        JSON.stringify([`org${o}.de`]),
        JSON.stringify([`github:org${o}`, `opencode:org${o}`])
      );
    }
    const insIdentity = db.prepare(
      'INSERT INTO identities (source, name, login, email_hash, email_domain, email_generic, email_bot, forge_bot) VALUES (?, ?, ?, ?, ?, 0, ?, ?)'
    );
    const gitIds: number[] = [];
    const githubAccounts: number[] = [];
    const opencodeAccounts: number[] = [];
    /** Forge accounts per organisation (its people's), to draw issue authors and commenters from. */
    const accountsOf = { github: [] as number[][], opencode: [] as number[][] };
    const botIds: number[] = [];
    for (let p = 0; p < orgCount * peoplePerOrg; p++) {
      const org = Math.floor(p / peoplePerOrg);
      const domain = rand() < 0.6 ? `org${org}.de` : rand() < 0.5 ? `dienstleister${org % 40}.de` : 'gmail.com';
      gitIds.push(Number(insIdentity.run('git', `Person ${p} Muster`, '', hex() + hex().slice(0, 24), domain, 0, 0).lastInsertRowid));
      if (p % peoplePerOrg === 0) {
        accountsOf.github.push([]);
        accountsOf.opencode.push([]);
      }
      if (p % 5 === 0) {
        const id = Number(insIdentity.run('github', `Person ${p} Muster`, `person${p}`, '', null, 0, 0).lastInsertRowid);
        githubAccounts.push(id);
        accountsOf.github[org].push(id);
      }
      if (p % 5 === 1) {
        const id = Number(insIdentity.run('opencode', `Person ${p} Muster`, `person${p}`, '', null, 0, 0).lastInsertRowid);
        opencodeAccounts.push(id);
        accountsOf.opencode[org].push(id);
      }
    }
    for (const bot of ['dependabot[bot]', 'renovate[bot]', 'github-actions[bot]']) {
      botIds.push(Number(insIdentity.run('git', bot, '', hex() + hex().slice(0, 24), 'users.noreply.github.com', 1, 0).lastInsertRowid));
      githubAccounts.push(Number(insIdentity.run('github', bot, bot, '', null, 0, 1).lastInsertRowid));
    }
    counts.identities = gitIds.length + githubAccounts.length + opencodeAccounts.length + botIds.length;

    const insProject = db.prepare('INSERT INTO projects (id, name, owner_id, used_by) VALUES (?, ?, ?, ?)');
    const insRepo = db.prepare(
      `INSERT INTO repositories (key, forge_id, path, clone_url, web_url, archived, is_fork, fork_parent, license_spdx, has_issues, created_at,
         root_commits, head_commit, license_file_spdx, has_license_file, has_security_policy, has_contributing, has_publiccode, publiccode)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, 1, ?, ?)`
    );
    const insLink = db.prepare('INSERT INTO project_repositories (project_id, repository_id) VALUES (?, ?)');
    const commits = new Batch(
      db,
      'INSERT INTO commits (repository_id, hash, author_identity_id, author_date, committer_date, parent_count)',
      6
    );
    const items = new Batch(
      db,
      `INSERT INTO items (repository_id, kind, number, forge_item_id, title, state, author_identity_id, created_at, updated_at, closed_at, merged_at, closed_by_identity_id, comment_count)`,
      13
    );
    const comments = new Batch(
      db,
      'INSERT INTO comments (repository_id, kind, forge_comment_id, item_kind, item_number, author_identity_id, created_at, system)',
      8
    );
    const tags = new Batch(db, 'INSERT INTO tags (repository_id, name, commit_hash, tagged_at)', 4);
    const releases = new Batch(db, 'INSERT INTO releases (repository_id, forge_release_id, tag_name, name, created_at, published_at)', 6);
    const insLicence = db.prepare(
      'INSERT INTO licence_history (repository_id, commit_hash, committed_at, path, spdx) VALUES (?, ?, ?, ?, ?)'
    );
    const insFork = db.prepare(
      'INSERT INTO forks (repository_id, fork_key, forge_repo_id, owner_account, created_at, pushed_at, ahead_by) VALUES (?, ?, ?, ?, ?, ?, ?)'
    );
    const repoRow = (
      forge: 'github' | 'opencode',
      path: string,
      o: {
        archived: boolean;
        fork: string | null;
        licence: string | null;
        created: number;
        root: string;
        hasIssues: boolean;
        publiccode: string | null;
      }
    ) => {
      const host = forge === 'github' ? 'github.com' : 'gitlab.opencode.de';
      counts.repositories++;
      return Number(
        insRepo.run(
          `${forge}:${path}`,
          forge,
          path,
          `https://${host}/${path}.git`,
          `https://${host}/${path}`,
          o.archived ? 1 : 0,
          o.fork ? 1 : 0,
          o.fork,
          o.licence,
          o.hasIssues ? 1 : 0,
          o.created,
          JSON.stringify([o.root]),
          o.root,
          o.licence,
          rand() < 0.3 ? 1 : 0,
          o.publiccode ? 1 : 0,
          o.publiccode
        ).lastInsertRowid
      );
    };

    let commentId = 0;
    // A fork shares its upstream's commits as they are: hash, author, date, parents.
    const upstreams: { project: string; key: string; hashes: string[]; copied: [string, number, number, number][] }[] = [];
    plans.forEach((plan, p) => {
      const id = `projekt-${p}`;
      const owner = plan.owner;
      // A fifth of the projects are hosted on OpenCoDE first.
      const forge = rand() < 0.2 ? 'opencode' : 'github';
      const usedBy = rand() < 0.2 ? [`org${(owner + 1 + Math.floor(rand() * 50)) % orgCount}`] : [];
      insProject.run(
        id,
        `Projekt ${p} ${orgKinds[owner] === 'municipality' ? 'Bürgerportal' : 'Fachverfahren'}`,
        `org${owner}`,
        JSON.stringify(usedBy)
      );
      counts.projects++;
      const licence = pickLicence();
      const span = Math.max(DAY, plan.activeUntil - plan.created);
      const team = Array.from(
        { length: 1 + Math.floor(Math.pow(rand(), 2) * 25) },
        () => gitIds[(owner * peoplePerOrg + Math.floor(rand() * peoplePerOrg * 1.5)) % gitIds.length]
      );
      const publiccode =
        rand() < 0.3
          ? JSON.stringify({
              name: `Projekt ${p}`,
              legal: { license: licence ?? 'EUPL-1.2' },
              usedBy: rand() < 0.3 ? [`Stadt Beispiel ${(owner + 7) % orgCount}`] : [],
              isBasedOn: []
            })
          : null;
      // Issues and comments mostly by the owner's own people, some by a few partner organisations,
      // now and then by anyone (a citizen, another municipality).
      const own = accountsOf[forge][owner];
      const partners = [1, 2, 3].map((d) => accountsOf[forge][(owner + d * 17) % orgCount]);
      const everyone = forge === 'github' ? githubAccounts : opencodeAccounts;
      const account = () => {
        const x = rand();
        const list = x < 0.7 ? own : x < 0.9 ? partners[Math.floor(rand() * partners.length)] : everyone;
        return list[Math.floor(rand() * list.length)];
      };
      const archived = plan.activeUntil < END - 2 * 365 * DAY && rand() < 0.15;
      plan.repos.forEach((planned, r) => {
        const path = `org${owner}/projekt-${p}${r === 0 ? '' : `-teil${r}`}`;
        const root = hex();
        const repo = repoRow(forge, path, {
          archived,
          fork: null,
          licence,
          created: plan.created,
          root,
          hasIssues: r === 0 && rand() < 0.9,
          publiccode: r === 0 ? publiccode : null
        });
        insLink.run(id, repo);
        const mirror =
          r === 0 && plan.mirror
            ? repoRow('opencode', `mirror/${path}`, {
                archived: false,
                fork: null,
                licence,
                created: plan.created + DAY,
                root,
                hasIssues: false,
                publiccode: null
              })
            : null;
        if (mirror) insLink.run(id, mirror);
        const hashes: string[] = [];
        const copied: [string, number, number, number][] = [];
        for (let c = 0; c < planned.commits; c++) {
          const hash = c === 0 ? root : hex();
          const date = plan.created + Math.floor(Math.pow(rand(), 0.7) * span);
          const author = rand() < 0.05 ? botIds[Math.floor(rand() * botIds.length)] : team[Math.floor(Math.pow(rand(), 2) * team.length)];
          const parents = c === 0 ? 0 : rand() < 0.08 ? 2 : 1;
          commits.push(repo, hash, author, date, date, parents);
          if (mirror) commits.push(mirror, hash, author, date, date, parents);
          if (r === 0 && c < 1000) hashes.push(hash);
          if (r === 0 && c < 500) copied.push([hash, author, date, parents]);
        }
        counts.commits += planned.commits * (mirror ? 2 : 1);
        if (r === 0) upstreams.push({ project: id, key: `${forge}:${path}`, hashes, copied });
        insLicence.run(repo, root, plan.created, 'LICENSE', licence ?? 'EUPL-1.2');
        if (r === 0 && hashes.length > 2 && rand() < 0.05)
          insLicence.run(repo, hashes[hashes.length >> 1], plan.created + span / 2, 'LICENSE', 'EUPL-1.2');
        if (r !== 0) return;
        for (let t = 0, n = Math.floor(rand() * Math.min(40, planned.commits / 20)); t < n; t++)
          tags.push(repo, `v1.${t}.0`, hashes[Math.floor(rand() * hashes.length)], plan.created + Math.floor(((t + 1) / (n + 1)) * span));
        if (rand() < 0.4)
          for (let e = 0, n = Math.floor(rand() * Math.min(20, planned.commits / 30)); e < n; e++) {
            const at = plan.created + Math.floor(((e + 1) / (n + 1)) * span);
            releases.push(repo, `${repo}-${e}`, `v1.${e}.0`, `Version 1.${e}`, at, at);
          }
        // Issues and merge/pull requests over the active span (a few after it), a quarter never answered.
        const itemSpan = Math.min(END, plan.activeUntil + 180 * DAY) - plan.created;
        for (let n = 1; n <= planned.items; n++) {
          const kind = rand() < 0.4 ? 'pull' : 'issue';
          const at = plan.created + Math.floor(rand() * itemSpan);
          const author = account();
          const closed = rand() < 0.7 ? at + Math.floor(-Math.log(1 - rand()) * 25 * DAY) : null;
          const merged = kind === 'pull' && closed && rand() < 0.7 ? closed : null;
          const state = merged ? 'merged' : closed && closed < END ? 'closed' : 'open';
          const k = rand() < 0.25 ? 0 : 1 + Math.floor(rand() * 4);
          items.push(
            repo,
            kind,
            n,
            `${repo}-${n}`,
            'Titel',
            state,
            author,
            at,
            at,
            state === 'open' ? null : closed,
            merged,
            state === 'open' ? null : account(),
            k
          );
          for (let c = 0; c < k; c++)
            comments.push(repo, 'comment', String(++commentId), kind, n, account(), at + Math.floor(-Math.log(1 - rand()) * 3 * DAY), 0);
          counts.items++;
          counts.comments += k;
        }
        if (rand() < 0.1)
          insFork.run(
            repo,
            `github:org${(owner + 3) % orgCount}/projekt-${p}`,
            String(100000 + p),
            `org${(owner + 3) % orgCount}`,
            plan.created + 30 * DAY,
            END - DAY,
            Math.floor(rand() * 60)
          );
      });
    });
    // Forks into another organisation's project: the upstream's oldest commits plus 40 of their own.
    for (let f = 0; f < forkProjects; f++) {
      const upstream = upstreams[Math.floor(rand() * upstreams.length)];
      const owner = pickOwner();
      const id = `fork-${f}`;
      insProject.run(id, `Abspaltung ${f}`, `org${owner}`, '[]');
      counts.projects++;
      const repo = repoRow('github', `org${owner}/fork-${f}`, {
        archived: false,
        fork: upstream.key,
        licence: 'EUPL-1.2',
        created: END - 400 * DAY,
        root: upstream.hashes[0],
        hasIssues: true,
        publiccode: null
      });
      insLink.run(id, repo);
      for (const [hash, author, date, parents] of upstream.copied) commits.push(repo, hash, author, date, date, parents);
      for (let c = 0; c < 40; c++)
        commits.push(repo, hex(), gitIds[owner * peoplePerOrg + (c % peoplePerOrg)], END - Math.floor(rand() * 300 * DAY), END, 1);
      counts.commits += upstream.copied.length + 40;
    }
    for (const b of [commits, items, comments, tags, releases]) b.flush();
    for (const sqlText of indexes) db.exec(sqlText);
    storeProjectNameOrder(db);
    storeProjectForges(db);
  })();
  db.pragma('journal_mode = WAL');
  db.close();
  // Filled without syncing (synchronous = OFF), the 1 GB would sit in the operating system's cache
  // as dirty pages, and derive's first fsync (its commit's checkpoint) would write them and count
  // as derive's time. A collection writes its facts over hours and syncs as it goes.
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  return { ...counts, seconds: Math.round((performance.now() - started) / 100) / 10 };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const i = process.argv.indexOf('--db');
  const file = i >= 0 ? process.argv[i + 1] : '/tmp/allmende-bench-country.db';
  console.log(JSON.stringify(generateCountry(file)));
}
