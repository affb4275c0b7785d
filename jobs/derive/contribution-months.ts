/**
 * The monthly contribution counts the organisation report sums for the whole months of a period
 * (db/schema.ts: organisation_project_months, organisation_person_months, project_commit_months),
 * counted from the facts and actors derive's reports use — the same affiliation per contribution
 * (DESIGN §5) as the stored account_affiliations the report counts the period's edges with.
 *
 * Human contributions only (the actor's bot flag): non-merge commits, issues and pull requests
 * opened, comments and reviews written without system notes. Each contribution counts once per
 * project (a commit in two of its repositories by its hash) and once per person: a repository in
 * several projects counts for the person in the first of them only, and the commits of projects
 * whose repositories share history with others (forks, mirrors) are counted for the person by hash
 * across those projects.
 */
import type { Database } from 'better-sqlite3';
import { sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { meta } from '../../db/schema';
import type { Actor } from '../../src/lib/metrics/facts';
import { DAY, monthStart } from '../../src/lib/metrics/window';
import type { ProjectFacts } from '../../src/lib/reports/project';
import { CONTRIBUTION_MONTHS_KEY } from '../../src/queries/hasContributionMonths';
import { batches, type DeriveContext } from './context';
import { loadProjectFactsBatch } from './load';

type Kind = 'commits' | 'issues' | 'comments';
type Counts = Record<Kind, number>;
type Affiliated = Actor & { organisationId: string };
/** Counts per actor and month: the context shares one actor object per person, bot flag and organisation. */
type ByActor = Map<Affiliated, Map<number, Counts>>;

/** Month starts by day number up to 2243, 0 for not yet known (a typed array: a lookup per contribution, one Date per day). */
const monthsOfDays = new Float64Array(100_000);
function monthOf(seconds: number): number {
  const day = Math.floor(seconds / DAY);
  if (day < 0 || day >= monthsOfDays.length) return monthStart(seconds);
  return monthsOfDays[day] || (monthsOfDays[day] = monthStart(day * DAY));
}

function counter(byActor: ByActor, actor: Affiliated, month: number): Counts {
  let months = byActor.get(actor);
  if (!months) byActor.set(actor, (months = new Map()));
  let counts = months.get(month);
  if (!counts) months.set(month, (counts = { commits: 0, issues: 0, comments: 0 }));
  return counts;
}

/** The counts by (key of the actor, month), actors with the same key added up. */
function merged(byActor: ByActor, keyOf: (actor: Affiliated) => string): Map<string, Map<number, Counts>> {
  const result = new Map<string, Map<number, Counts>>();
  for (const [actor, months] of byActor) {
    const key = keyOf(actor);
    const into = result.get(key);
    if (!into) {
      result.set(key, months);
      continue;
    }
    for (const [month, c] of months) {
      const sum = into.get(month);
      if (!sum) into.set(month, c);
      else for (const kind of ['commits', 'issues', 'comments'] as const) sum[kind] += c[kind];
    }
  }
  return result;
}

type ProjectRow = [organisationId: string, month: number, projectId: string, commits: number, issues: number, comments: number];
type PersonRow = [organisationId: string, month: number, personId: number, commits: number, issues: number, comments: number];

const ROWS_PER_INSERT = 100;

/**
 * Inserts rows into `table` (`columns` in the rows' order), sorted by their first `keyLength` values,
 * the table's primary key, and 100 to a statement: the 860,000 rows of the country benchmark took
 * 4.3 s one statement each as the projects came, 2.8 s sorted (the sort included) 100 to a statement.
 */
function insertInKeyOrder(db: Database, table: string, columns: readonly string[], rows: (string | number)[][], keyLength: number): void {
  rows.sort((a, b) => {
    for (let k = 0; k < keyLength; k++) if (a[k] !== b[k]) return a[k] < b[k] ? -1 : 1;
    return 0;
  });
  const statement = (n: number) =>
    db.prepare(
      `INSERT INTO ${table} (${columns.join(', ')}) VALUES ${Array(n)
        .fill(`(${columns.map(() => '?').join(', ')})`)
        .join(', ')}`
    );
  const full = statement(ROWS_PER_INSERT);
  let k = 0;
  for (; k + ROWS_PER_INSERT <= rows.length; k += ROWS_PER_INSERT) full.run(rows.slice(k, k + ROWS_PER_INSERT).flat());
  if (k < rows.length) statement(rows.length - k).run(rows.slice(k).flat());
}

const affiliated = (actor: Actor | null): actor is Affiliated => actor !== null && !actor.isBot && actor.organisationId !== null;

/**
 * Projects with a repository that shares commits with another project's: in several projects or in a
 * family with others. A commit's hash fixes its whole ancestry, so repositories holding the same
 * commit have the same root commit and are one family: other projects need no de-duplication by hash.
 */
function projectsSharingHistory(ctx: DeriveContext): Set<string> {
  return new Set(sharedHistoryGroups(ctx).flat());
}

/**
 * The projects sharing history (projectsSharingHistory) in groups that share it only among
 * themselves: a person's commit is counted once across its group, so one ContributionCounter must
 * count a whole group (derive's workers are given a group each, jobs/derive/pool.ts).
 */
export function sharedHistoryGroups(ctx: DeriveContext): string[][] {
  const parent = new Map<string, string>();
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    for (let at = id, next = parent.get(at)!; at !== root; at = next, next = parent.get(at)!) parent.set(at, root);
    return root;
  };
  const join = (ids: readonly string[]) => {
    for (const id of ids) if (!parent.has(id)) parent.set(id, id);
    for (const id of ids.slice(1)) parent.set(find(id), find(ids[0]));
  };
  const familyProjects = new Map<string, string[]>();
  for (const [repositoryId, projectIds] of ctx.repositoryProjects) {
    const roots = (ctx.repositories.get(repositoryId)?.rootCommits ?? []).filter((root) => (ctx.families.get(root)?.length ?? 0) > 1);
    if (projectIds.length > 1) join(projectIds);
    for (const root of roots) {
      const list = familyProjects.get(root) ?? [];
      list.push(...projectIds);
      familyProjects.set(root, list);
    }
  }
  for (const projectIds of familyProjects.values()) join(projectIds);
  const groups = new Map<string, string[]>();
  for (const id of [...parent.keys()].sort()) {
    const root = find(id);
    const group = groups.get(root) ?? [];
    group.push(id);
    groups.set(root, group);
  }
  return [...groups.values()];
}

/** What a ContributionCounter counted, for storeContributionCounts (plain arrays: they cross threads). */
export interface ContributionCounts {
  projectRows: ProjectRow[];
  personRows: PersonRow[];
  commitRows: [projectId: string, month: number, humanCommits: number][];
}

/** Counts the contributions of the projects added; storeContributionCounts writes what one or more counted. */
export class ContributionCounter {
  /** Counts per person, over all projects. */
  private readonly persons: ByActor = new Map();
  /** "person\0hash" of the commits already counted for their person, from the projects that share history. */
  private readonly countedShared = new Set<string>();
  private readonly sharing: Set<string>;
  private readonly projectRows: ProjectRow[] = [];
  private readonly commitRows: ContributionCounts['commitRows'] = [];

  constructor(private readonly ctx: DeriveContext) {
    this.sharing = projectsSharingHistory(ctx);
  }

  /** Counts one project's contributions. */
  add(facts: ProjectFacts): void {
    const projectId = facts.project.id;
    const byActor: ByActor = new Map();
    const humanCommits = new Map<number, number>();
    // A hash is unique in one repository; a project with several (mirrors, forks) may hold it twice.
    const seen = facts.repositories.length > 1 ? new Set<string>() : null;
    const sharesHistory = this.sharing.has(projectId);
    for (const c of facts.commits) {
      if (c.parentCount > 1 || c.author.isBot) continue;
      if (seen) {
        if (seen.has(c.hash)) continue;
        seen.add(c.hash);
      }
      const month = monthOf(c.authorDate);
      humanCommits.set(month, (humanCommits.get(month) ?? 0) + 1);
      const author = c.author;
      if (!affiliated(author)) continue;
      counter(byActor, author, month).commits++;
      if (sharesHistory) {
        const key = `${author.personId}\0${c.hash}`;
        if (this.countedShared.has(key)) continue;
        this.countedShared.add(key);
      }
      counter(this.persons, author, month).commits++;
    }
    const firstProjectOf = (repositoryId: number) => (this.ctx.repositoryProjects.get(repositoryId)?.[0] ?? projectId) === projectId;
    const count = (kind: Kind, repositoryId: number, author: Actor | null, at: number) => {
      if (!affiliated(author)) return;
      const month = monthOf(at);
      counter(byActor, author, month)[kind]++;
      if (firstProjectOf(repositoryId)) counter(this.persons, author, month)[kind]++;
    };
    for (const item of facts.items) count('issues', item.repositoryId, item.author, item.createdAt);
    for (const comment of facts.comments) if (!comment.system) count('comments', comment.repositoryId, comment.author, comment.createdAt);

    for (const [organisationId, months] of merged(byActor, (a) => a.organisationId))
      for (const [month, c] of months) this.projectRows.push([organisationId, month, projectId, c.commits, c.issues, c.comments]);
    for (const [month, n] of humanCommits) this.commitRows.push([projectId, month, n]);
  }

  /** Everything counted so far. */
  counts(): ContributionCounts {
    const personRows: PersonRow[] = [];
    for (const [key, months] of merged(this.persons, (a) => `${a.organisationId}\0${a.personId}`)) {
      const split = key.lastIndexOf('\0');
      const organisationId = key.slice(0, split);
      const personId = Number(key.slice(split + 1));
      for (const [month, c] of months) personRows.push([organisationId, month, personId, c.commits, c.issues, c.comments]);
    }
    return { projectRows: this.projectRows, personRows, commitRows: this.commitRows };
  }
}

/** Person rows of several counters added up by (organisation, month, person). */
function summedPersonRows(parts: readonly ContributionCounts[]): PersonRow[] {
  if (parts.length === 1) return parts[0].personRows;
  const byKey = new Map<string, PersonRow>();
  for (const part of parts)
    for (const row of part.personRows) {
      const key = `${row[0]}\0${row[1]}\0${row[2]}`;
      const sum = byKey.get(key);
      if (!sum) byKey.set(key, [...row]);
      else for (const k of [3, 4, 5] as const) sum[k] += row[k];
    }
  return [...byKey.values()];
}

/**
 * Replaces the monthly counts with what the counters counted (each project added to exactly one of
 * them, each group of sharedHistoryGroups to one counter), in derive's transaction.
 */
export function storeContributionCounts(db: Db, parts: readonly ContributionCounts[]): void {
  db.run(sql`DELETE FROM organisation_project_months`);
  db.run(sql`DELETE FROM organisation_person_months`);
  db.run(sql`DELETE FROM project_commit_months`);
  const client = db.$client;
  const counts = ['commits', 'issues', 'comments'];
  const projectRows = parts.flatMap((part) => part.projectRows);
  insertInKeyOrder(client, 'organisation_project_months', ['organisation_id', 'month', 'project_id', ...counts], projectRows, 3);
  insertInKeyOrder(client, 'organisation_person_months', ['organisation_id', 'month', 'person_id', ...counts], summedPersonRows(parts), 3);
  const commitRows = parts.flatMap((part) => part.commitRows);
  insertInKeyOrder(client, 'project_commit_months', ['project_id', 'month', 'human_commits'], commitRows, 2);
  const row = { key: CONTRIBUTION_MONTHS_KEY, value: new Date().toISOString(), updatedAt: Math.floor(Date.now() / 1000) };
  db.insert(meta).values(row).onConflictDoUpdate({ target: meta.key, set: row }).run();
}

/**
 * The fingerprint of which repositories each project has: the counts are per project, so when it
 * changes (syncCatalog) they no longer fit the facts they are summed with until derive counts anew.
 */
export function projectMembership(db: Db): string {
  return (
    db.get<{ m: string | null }>(
      sql`SELECT group_concat(project_id || '/' || repository_id, ',') AS m
        FROM (SELECT project_id, repository_id FROM project_repositories ORDER BY project_id, repository_id)`
    )?.m ?? ''
  );
}

/** The counts set aside: organisation reports count every day from the facts until the next derive. */
export function invalidateContributionMonths(db: Db): void {
  db.run(sql`DELETE FROM meta WHERE key = ${CONTRIBUTION_MONTHS_KEY}`);
}

/** The monthly counts of every project, on their own (derive counts them from the facts its reports load). */
export function storeContributionMonths(db: Db, ctx: DeriveContext): void {
  const counter = new ContributionCounter(ctx);
  for (const batch of batches(
    ctx,
    ctx.projects.map((p) => p.id)
  ))
    for (const facts of loadProjectFactsBatch(db, ctx, batch).values()) counter.add(facts);
  storeContributionCounts(db, [counter.counts()]);
}
