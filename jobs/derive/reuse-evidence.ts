/**
 * The derived tables `reuse_evidence` and `reuse_pairs` (db/schema.ts): the reuse evidence of every
 * project's newest full report, one row per piece of evidence and one per reusing organisation, so
 * that the reuse view and /api/reuse count, rank and page in SQL. Written by derive in the
 * snapshots' transaction, right after a project's full report.
 */
import { and, eq, gt, sql } from 'drizzle-orm';
import type { Db } from '../../db/index';
import { projects, projectSnapshots, reuseEvidence, reusePairs } from '../../db/schema';
import type { ReuseEvidence } from '../../src/lib/reports/types';

/** A reusing organisation of a report as stored in reuse_pairs (never the owner). */
export interface ReusePair {
  organisationId: string;
  observed: boolean;
}

/**
 * The per-project statements, built and prepared once per connection (derive calls this for
 * every project; building the query each time cost about as much as running it).
 */
function prepareStatements(db: Db) {
  const projectId = sql.placeholder('projectId');
  return {
    newer: db
      .select({ asOf: projectSnapshots.asOf })
      .from(projectSnapshots)
      .where(and(eq(projectSnapshots.projectId, projectId), gt(projectSnapshots.asOf, sql.placeholder('asOf'))))
      .limit(1)
      .prepare(),
    owner: db.select({ ownerId: projects.ownerId }).from(projects).where(eq(projects.id, projectId)).prepare(),
    deleteEvidence: db.delete(reuseEvidence).where(eq(reuseEvidence.projectId, projectId)).prepare(),
    deletePairs: db.delete(reusePairs).where(eq(reusePairs.projectId, projectId)).prepare(),
    insertEvidence: db
      .insert(reuseEvidence)
      .values({
        projectId,
        position: sql.placeholder('position'),
        asOf: sql.placeholder('asOf'),
        organisationId: sql.placeholder('organisationId'),
        organisationName: sql.placeholder('organisationName'),
        kind: sql.placeholder('kind'),
        strength: sql.placeholder('strength'),
        detail: sql.placeholder('detail'),
        source: sql.placeholder('source'),
        date: sql.placeholder('date')
      })
      .prepare(),
    insertPair: db
      .insert(reusePairs)
      .values({
        projectId,
        organisationId: sql.placeholder('organisationId'),
        observed: sql.placeholder('observed'),
        evidence: sql.placeholder('evidence')
      })
      .prepare()
  };
}

const prepared = new WeakMap<object, ReturnType<typeof prepareStatements>>();

function statementsFor(db: Db): ReturnType<typeof prepareStatements> {
  let statements = prepared.get(db.$client);
  if (!statements) prepared.set(db.$client, (statements = prepareStatements(db)));
  return statements;
}

/**
 * Replaces the project's rows with the evidence of its report for `asOf` — unless the project has
 * a snapshot newer than `asOf` (a derive for a past date leaves the newest state in place). The
 * owner's own use is no reuse and is left out. Returns the reusing organisations stored, or null
 * when the newest state was left in place.
 */
export function storeReuseEvidence(db: Db, projectId: string, asOf: string, evidence: readonly ReuseEvidence[]): ReusePair[] | null {
  const q = statementsFor(db);
  if (q.newer.get({ projectId, asOf })) return null;
  const ownerId = q.owner.get({ projectId })?.ownerId ?? null;
  q.deleteEvidence.run({ projectId });
  q.deletePairs.run({ projectId });

  const rows: (typeof reuseEvidence.$inferInsert)[] = [];
  const pairs = new Map<string, typeof reusePairs.$inferInsert>();
  evidence.forEach((e, position) => {
    if (!e || typeof e.organisationId !== 'string' || e.organisationId === ownerId) return;
    if (e.strength !== 'erklärt' && e.strength !== 'beobachtet') return;
    rows.push({
      projectId,
      position,
      asOf,
      organisationId: e.organisationId,
      organisationName: e.organisationName ?? e.organisationId,
      kind: e.kind ?? '',
      strength: e.strength,
      detail: e.detail ?? '',
      source: e.source ?? '',
      date: e.date ?? null
    });
    const pair = pairs.get(e.organisationId) ?? { projectId, organisationId: e.organisationId, observed: 0, evidence: 0 };
    pair.evidence = (pair.evidence ?? 0) + 1;
    if (e.strength === 'beobachtet') pair.observed = 1;
    pairs.set(e.organisationId, pair);
  });
  for (const row of rows) q.insertEvidence.run(row);
  for (const pair of pairs.values()) q.insertPair.run(pair);
  return [...pairs.values()].map((p) => ({ organisationId: p.organisationId, observed: p.observed === 1 }));
}
