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

/** Month starts by day number: one Date per day seen, not per contribution. */
const monthsOfDays = new Map<number, number>();
function monthOf(seconds: number): number {
  const day = Math.floor(seconds / DAY);
  let month = monthsOfDays.get(day);
  if (month === undefined) monthsOfDays.set(day, (month = monthStart(day * DAY)));
  return month;
}

function counter<K>(map: Map<K, Counts>, key: K): Counts {
  let counts = map.get(key);
  if (!counts) map.set(key, (counts = { commits: 0, issues: 0, comments: 0 }));
  return counts;
}

const affiliated = (actor: Actor | null): actor is Actor & { organisationId: string } =>
  actor !== null && !actor.isBot && actor.organisationId !== null;

/** Projects with a repository that shares commits with another project's: in several projects or in a family with others. */
function projectsSharingHistory(ctx: DeriveContext): Set<string> {
  const sharing = new Set<string>();
  for (const [repositoryId, projectIds] of ctx.repositoryProjects) {
    const family = (ctx.repositories.get(repositoryId)?.rootCommits ?? []).some((root) => (ctx.families.get(root)?.length ?? 0) > 1);
    if (projectIds.length > 1 || family) for (const id of projectIds) sharing.add(id);
  }
  return sharing;
}

export class ContributionMonths {
  /** "organisation\0month\0person" → counts, over all projects. */
  private readonly persons = new Map<string, Counts>();
  /** "person\0hash" of the commits already counted for their person, from the projects that share history. */
  private readonly countedShared = new Set<string>();
  private readonly sharing: Set<string>;
  private readonly insertProject;
  private readonly insertCommits;

  constructor(
    private readonly db: Db,
    private readonly ctx: DeriveContext
  ) {
    this.sharing = projectsSharingHistory(ctx);
    const client = db.$client;
    this.insertProject = client.prepare(
      'INSERT INTO organisation_project_months (organisation_id, month, project_id, commits, issues, comments) VALUES (?, ?, ?, ?, ?, ?)'
    );
    this.insertCommits = client.prepare('INSERT INTO project_commit_months (project_id, month, human_commits) VALUES (?, ?, ?)');
    db.run(sql`DELETE FROM organisation_project_months`);
    db.run(sql`DELETE FROM organisation_person_months`);
    db.run(sql`DELETE FROM project_commit_months`);
  }

  private countPerson(actor: Actor & { organisationId: string }, month: number, kind: Kind): void {
    counter(this.persons, `${actor.organisationId}\0${month}\0${actor.personId}`)[kind]++;
  }

  /** Counts one project's contributions and writes its rows. */
  add(facts: ProjectFacts): void {
    const projectId = facts.project.id;
    const byOrganisation = new Map<string, Counts>();
    const humanCommits = new Map<number, number>();
    const seen = new Set<string>();
    const sharesHistory = this.sharing.has(projectId);
    for (const c of facts.commits) {
      if (c.parentCount > 1 || c.author.isBot || seen.has(c.hash)) continue;
      seen.add(c.hash);
      const month = monthOf(c.authorDate);
      humanCommits.set(month, (humanCommits.get(month) ?? 0) + 1);
      const author = c.author;
      if (!affiliated(author)) continue;
      counter(byOrganisation, `${author.organisationId}\0${month}`).commits++;
      if (sharesHistory) {
        const key = `${author.personId}\0${c.hash}`;
        if (this.countedShared.has(key)) continue;
        this.countedShared.add(key);
      }
      this.countPerson(author, month, 'commits');
    }
    const firstProjectOf = (repositoryId: number) => (this.ctx.repositoryProjects.get(repositoryId)?.[0] ?? projectId) === projectId;
    const count = (kind: Kind, repositoryId: number, author: Actor | null, at: number) => {
      if (!affiliated(author)) return;
      const month = monthOf(at);
      counter(byOrganisation, `${author.organisationId}\0${month}`)[kind]++;
      if (firstProjectOf(repositoryId)) this.countPerson(author, month, kind);
    };
    for (const item of facts.items) count('issues', item.repositoryId, item.author, item.createdAt);
    for (const comment of facts.comments) if (!comment.system) count('comments', comment.repositoryId, comment.author, comment.createdAt);

    for (const [key, c] of byOrganisation) {
      const [organisationId, month] = key.split('\0');
      this.insertProject.run(organisationId, Number(month), projectId, c.commits, c.issues, c.comments);
    }
    for (const [month, n] of humanCommits) this.insertCommits.run(projectId, month, n);
  }

  /** Writes the persons' rows, once every project was added. */
  finish(): void {
    const insert = this.db.$client.prepare(
      'INSERT INTO organisation_person_months (organisation_id, month, person_id, commits, issues, comments) VALUES (?, ?, ?, ?, ?, ?)'
    );
    for (const [key, c] of this.persons) {
      const [organisationId, month, personId] = key.split('\0');
      insert.run(organisationId, Number(month), Number(personId), c.commits, c.issues, c.comments);
    }
    this.persons.clear();
    this.countedShared.clear();
    const row = { key: CONTRIBUTION_MONTHS_KEY, value: new Date().toISOString(), updatedAt: Math.floor(Date.now() / 1000) };
    this.db.insert(meta).values(row).onConflictDoUpdate({ target: meta.key, set: row }).run();
  }
}

/** The monthly counts of every project, on their own (derive counts them from the facts its reports load). */
export function storeContributionMonths(db: Db, ctx: DeriveContext): void {
  const months = new ContributionMonths(db, ctx);
  for (const batch of batches(
    ctx,
    ctx.projects.map((p) => p.id)
  ))
    for (const facts of loadProjectFactsBatch(db, ctx, batch).values()) months.add(facts);
  months.finish();
}
