/**
 * The recorded changes on the offline world (tests/world/): collected and derived once — the baseline,
 * nothing recorded, also when derived again — then the world moves on (tests/world/advance.ts: new
 * commits, issues, a release on a few repositories), is collected again and derived for its new day:
 * the changes of that day are recorded once, the new releases among them, and derive again records
 * the same rows.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase } from '../../db/index';
import { projectChanges } from '../../db/schema';
import { collect } from '../../jobs/collect';
import { GitCollector } from '../../jobs/collectors/git';
import { createGitHubCollector } from '../../jobs/collectors/github';
import { createGitLabCollector } from '../../jobs/collectors/gitlab';
import { derive } from '../../jobs/derive/index';
import { loadCatalog } from '../../src/lib/catalog/load';
import { loadOrCreateSecret } from '../../src/lib/identity/secret';
import { resolveDataPaths } from '../../src/lib/paths';
import type { AdvanceResult } from '../world/advance';
import { tempDir } from '../helpers/db';
import { observable, runPipelineOnWorld, type TruthRun } from './metrics-truth-suite';
import { truthOf } from '../world/generate';
import type { ProjectTruth } from '../world/truth';

let dir: string;
let run: TruthRun;

beforeAll(async () => {
  dir = tempDir('allmende-changes-world-');
  run = await runPipelineOnWorld('tiny', dir);
});

afterAll(async () => {
  if (run) {
    closeDatabase(run.db);
    await run.emulator.close();
  }
  rmSync(dir, { recursive: true, force: true });
});

const rows = () =>
  run.db
    .select()
    .from(projectChanges)
    .all()
    .map((r) => `${r.projectId} ${r.asOf} ${r.kind} ${r.subject} ${r.date} ${JSON.stringify(r.detail)}`)
    .sort();

describe('changes on the offline world', () => {
  it('the first derive is the baseline; the world moves on and its day records its changes once', async () => {
    const secret = loadOrCreateSecret(join(dir, 'data'));
    const catalog = loadCatalog(join(dir, 'catalog.yml'));
    expect(rows()).toEqual([]);
    await derive(run.db, catalog, { asOf: run.truth.asOf, secret });
    expect(rows()).toEqual([]);

    const advanced = await run.emulator.advance(14);
    const result = advanced.result as Omit<AdvanceResult, 'truth'>;
    expect(result.totalCommits).toBeGreaterThan(0);
    await collect({
      db: run.db,
      catalog,
      paths: resolveDataPaths({ data: join(dir, 'data') }, {}),
      trigger: 'test',
      collectors: [createGitHubCollector(), createGitLabCollector(), new GitCollector()]
    });
    const asOf = advanced.now.slice(0, 10);
    await derive(run.db, catalog, { asOf, secret });
    const recorded = rows();
    expect(recorded.length).toBeGreaterThan(0);
    expect(recorded.every((r) => r.split(' ')[1] === asOf)).toBe(true);
    // The truth before and after: every project whose last release (or version tag) moved has a release
    // change dated by it, every project whose lifecycle moved a lifecycle change.
    const after = new Map(truthOf(run.emulator.world).projects.map((p) => [p.id, p]));
    const ofKind = (kind: string) => recorded.filter((r) => r.split(' ')[2] === kind).map((r) => r.split(' ')[0]);
    const moved = (pick: (p: ProjectTruth) => unknown) =>
      observable(run)
        .filter((p) => after.get(p.id) && JSON.stringify(pick(after.get(p.id)!)) !== JSON.stringify(pick(p)))
        .map((p) => run.reports.get(p.id)?.id ?? p.id)
        .sort();
    const released = moved((p) => p.window.lastReleaseAt);
    expect(released.length + result.releases).toBeGreaterThan(0);
    expect(ofKind('release').sort()).toEqual(released);
    expect(ofKind('lifecycle').sort()).toEqual(moved((p) => p.lifecycle));
    for (const r of recorded.filter((x) => x.split(' ')[2] === 'release')) {
      const date = r.split(' ')[4];
      expect(date > run.truth.asOf && date <= asOf, r).toBe(true);
    }

    // Derived again (or resumed after a kill): the same rows.
    await derive(run.db, catalog, { asOf, secret });
    expect(rows()).toEqual(recorded);
  });
});
