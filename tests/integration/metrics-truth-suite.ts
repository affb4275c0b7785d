/**
 * The truth comparison of DESIGN §9, shared by the world sizes (metrics-truth.test.ts: `tiny`,
 * metrics-truth-demo.test.ts: `demo`): a world is generated, served by the forge emulator, collected
 * by the real collectors, derived, and every project's snapshot is compared with truth.json
 * (tests/world/truth.ts) — never with allmende's own figures.
 *
 * Each test checks one family of figures over all projects and lists every project that differs, so
 * a failure reads as a table of what does not match yet.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/index';
import { projectSnapshots } from '../../db/schema';
import { derive } from '../../jobs/derive/index';
import { collect } from '../../jobs/collect';
import { GitCollector } from '../../jobs/collectors/git';
import { createGitHubCollector } from '../../jobs/collectors/github';
import { createGitLabCollector } from '../../jobs/collectors/gitlab';
import { loadCatalog } from '../../src/lib/catalog/load';
import { loadOrCreateSecret } from '../../src/lib/identity/secret';
import { resolveDataPaths } from '../../src/lib/paths';
import type { ProjectReport } from '../../src/lib/reports/types';
import { OPENCODE_REACTION_MAX_DAYS } from '../../src/lib/metrics/opencodeBadges';
import { startEmulator, type Emulator } from '../emulator/server';
import { writeCatalogFor } from '../emulator/catalog';
import { generateWorld, truthOf, type WorldSize } from '../world/generate';
import type { ProjectTruth, WorldTruth } from '../world/truth';
import { tempDir } from '../helpers/db';

/** A world collected and derived by the real pipeline, with its truth. */
export interface TruthRun {
  dir: string;
  emulator: Emulator;
  db: Db;
  truth: WorldTruth;
  /** Our reports by truth project id (discovered projects are matched by their repositories). */
  reports: Map<string, ProjectReport>;
  /** Whether the forge collectors (GitHub/GitLab API) delivered anything: items, releases, flags. */
  forgeData: boolean;
  /** Projects with a repository whose collection failed. */
  failedProjects: Set<string>;
}

/** Generate the world, serve it, collect it with the real collectors and derive snapshots at truth's asOf. */
export async function runPipelineOnWorld(size: WorldSize, dir: string, seed = 'allmende'): Promise<TruthRun> {
  const world = await generateWorld({ seed, size, dir: join(dir, 'world') });
  const truth = truthOf(world);
  const emulator = await startEmulator(world);
  const catalogFile = join(dir, 'catalog.yml');
  writeCatalogFor(world, emulator.url, catalogFile);
  process.env.GITHUB_TOKEN = world.github.tokens[0] ?? '';
  process.env.OPENCODE_TOKEN = world.gitlab.tokens[0] ?? '';
  const catalog = loadCatalog(catalogFile);
  const paths = resolveDataPaths({ data: join(dir, 'data') }, {});
  const db = openDatabase(paths.dbFile);
  // The forge collectors first (they may correct a moved repository's clone URL), then git.
  await collect({
    db,
    catalog,
    paths,
    trigger: 'test',
    collectors: [createGitHubCollector(), createGitLabCollector(), new GitCollector()]
  });
  await derive(db, catalog, { asOf: truth.asOf, secret: loadOrCreateSecret(paths.dataDir) });
  const ours = db
    .select()
    .from(projectSnapshots)
    .where(eq(projectSnapshots.asOf, truth.asOf))
    .all()
    .map((row) => row.report as unknown as ProjectReport);
  const reports = new Map<string, ProjectReport>();
  const failedProjects = new Set<string>();
  for (const p of truth.projects) {
    const refs = new Set(p.repositories.flatMap((r) => [r.ref, r.catalogRef]));
    const match = ours.find((r) => r.id === p.id) ?? ours.find((r) => r.repositories.some((x) => refs.has(x.key)));
    if (match) reports.set(p.id, match);
    if (match?.repositories.some((x) => x.lastError)) failedProjects.add(p.id);
  }
  const client = db.$client;
  const count = (sql: string) => (client.prepare(sql).get() as { n: number }).n;
  const forgeData =
    count('SELECT count(*) AS n FROM items') +
      count('SELECT count(*) AS n FROM releases') +
      count('SELECT count(*) AS n FROM repositories WHERE has_issues IS NOT NULL') >
    0;
  return { dir, emulator, db, truth, reports, forgeData, failedProjects };
}

/**
 * Projects the pipeline can observe (truth lifecycle null: nothing public to read). Without forge
 * data, projects whose repository could not be cloned (e.g. moved: only the forge API knows where to)
 * are left out too.
 */
export function observable(run: TruthRun): ProjectTruth[] {
  return run.truth.projects.filter((p) => p.lifecycle !== null && (run.forgeData || !run.failedProjects.has(p.id)));
}

/** Compare `ours(report)` and `theirs(truth)` for every observable project; return the differences. */
export function differences<T>(
  run: TruthRun,
  ours: (r: ProjectReport) => T,
  theirs: (p: ProjectTruth) => T,
  same: (a: T, b: T) => boolean = (a, b) => JSON.stringify(a) === JSON.stringify(b)
): string[] {
  const out: string[] = [];
  for (const p of observable(run)) {
    const r = run.reports.get(p.id);
    if (!r) {
      out.push(`${p.id}: kein Schnappschuss`);
      continue;
    }
    const a = ours(r);
    const b = theirs(p);
    if (!same(a, b)) out.push(`${p.id} (${p.archetype}): allmende ${JSON.stringify(a)} ≠ Wahrheit ${JSON.stringify(b)}`);
  }
  // The assertion shows only the first entries; the whole list helps find the cause.
  if (out.length) console.error(`Abweichungen von der Wahrheit:\n${out.join('\n')}`);
  return out;
}

const near = (tolerance: number) => (a: number | null, b: number | null) =>
  a === null || b === null ? a === b : Math.abs(a - b) <= tolerance;

const has = (r: ProjectReport, key: string) => r.findings.some((f) => f.key === key && f.severity !== 'ok');

/** Register the comparison for one world size: a describe block whose beforeAll runs the pipeline. */
export function describeMetricsTruth(size: WorldSize, options: { timeout?: number } = {}): void {
  describe(`metrics against the truth of the ${size} world`, () => {
    let run: TruthRun;
    let dir: string | null = null;

    beforeAll(async () => {
      dir = tempDir(`allmende-truth-${size}-`);
      run = await runPipelineOnWorld(size, dir);
      if (!run.forgeData) {
        console.warn(
          'metrics-truth: keine Daten der Forge-Collectors (Issues, Releases, Forks, Archiv-Flag) – die Vergleiche, die sie brauchen, schlagen fehl.'
        );
      }
    }, options.timeout ?? 600_000);

    afterAll(async () => {
      if (run?.db) closeDatabase(run.db);
      await run?.emulator.close();
      if (dir) rmSync(dir, { recursive: true, force: true });
    });

    /** A comparison that needs forge data fails, rather than skips, when the forge collectors delivered none. */
    function needsForge(): void {
      expect(run.forgeData, 'die Forge-Collectors (GitHub/GitLab) lieferten keine Daten').toBe(true);
    }

    const diff = <T>(ours: (r: ProjectReport) => T, theirs: (p: ProjectTruth) => T, same?: (a: T, b: T) => boolean) =>
      differences(run, ours, theirs, same);

    it('every observable project has a snapshot', () => {
      expect(
        observable(run)
          .filter((p) => !run.reports.has(p.id))
          .map((p) => p.id)
      ).toEqual([]);
    });

    it('the listing of every project is its newest full report, as migration 0012 reads reports', () => {
      const mismatches = run.db.$client
        .prepare(
          `WITH newest AS (SELECT project_id, MAX(as_of) AS as_of FROM project_snapshots
              WHERE json_extract(report, '$.compact') IS NOT 1 GROUP BY project_id)
          SELECT n.project_id FROM newest n
          JOIN project_snapshots s ON s.project_id = n.project_id AND s.as_of = n.as_of
          LEFT JOIN project_listings l ON l.project_id = n.project_id
          WHERE l.as_of IS NOT s.as_of OR l.lifecycle IS NOT s.lifecycle OR l.score IS NOT s.score
            OR l.is_new IS NOT json_extract(s.report, '$.isNew')
            OR l.active_contributors IS NOT json_extract(s.report, '$.window.activeContributors')
            OR l.organisation_count IS NOT (SELECT count(*) FROM json_each(s.report, '$.organisations') WHERE json_extract(value, '$.id') IS NOT NULL)
            OR l.licence IS NOT json_extract(s.report, '$.licence.spdx')
            OR l.reuse_ready IS NOT json_extract(s.report, '$.reuseReadiness.allMet')
            OR l.reuse_organisations IS NOT (SELECT count(DISTINCT json_extract(value, '$.organisationId')) FROM json_each(s.report, '$.reuse'))
            OR l.reuse_observed IS NOT (SELECT count(DISTINCT json_extract(value, '$.organisationId')) FROM json_each(s.report, '$.reuse')
              WHERE json_extract(value, '$.strength') = 'beobachtet')`
        )
        .all();
      expect(mismatches).toEqual([]);
      const listed = run.db.$client.prepare('SELECT count(*) AS n, sum(reuse_organisations > 0) AS reused FROM project_listings').get() as {
        n: number;
        reused: number;
      };
      expect(listed.n).toBe(run.reports.size);
      expect(listed.reused).toBeGreaterThan(0);
    });

    it('lifecycle and isNew', () => {
      needsForge();
      expect(
        diff(
          (r) => [r.lifecycle, r.isNew],
          (p) => [p.lifecycle ?? 'unbekannt', p.isNew]
        )
      ).toEqual([]);
    });

    it('a project none of whose repositories can be read is „unbekannt – keine Daten“: no score, no findings', () => {
      const unreadable = run.truth.projects.filter((p) => p.lifecycle === null && run.reports.has(p.id));
      expect(unreadable.length).toBeGreaterThan(0);
      for (const p of unreadable) {
        const r = run.reports.get(p.id)!;
        expect([p.id, r.lifecycle, r.vitality.score, r.findings]).toEqual([p.id, 'unbekannt', null, []]);
        expect(r.dataGaps?.some((g) => g.neverRead && g.source === 'git')).toBe(true);
      }
    });

    it('totals: commits counted once by hash, human and bot commits and contributors', () => {
      expect(
        diff(
          (r) => [
            r.totals.commits,
            r.totals.nonMergeCommits,
            r.totals.humanCommits,
            r.totals.botCommits,
            r.totals.humanContributors,
            r.totals.botContributors
          ],
          (p) => [
            p.totals.commits,
            p.totals.nonMergeCommits,
            p.totals.humanCommits,
            p.totals.botCommits,
            p.totals.humanContributors,
            p.totals.botContributors
          ]
        )
      ).toEqual([]);
    });

    it('contributors of the window (active, new)', () => {
      expect(
        diff(
          (r) => [r.window.humanCommits, r.window.activeContributors, r.window.newContributors],
          (p) => [p.window.humanCommits, p.window.activeContributors, p.window.newContributors]
        )
      ).toEqual([]);
    });

    it('persons and organisations factors', () => {
      expect(
        diff(
          (r) => [r.window.personsFactor, r.window.organisationsFactor],
          (p) => [p.window.personsFactor, p.window.organisationsFactor]
        )
      ).toEqual([]);
    });

    it('organisations with contributions in the window', () => {
      expect(
        diff(
          (r) =>
            r.organisations
              .filter((o) => o.id !== null)
              .map((o) => o.id)
              .sort(),
          (p) => [...p.window.organisations].sort()
        )
      ).toEqual([]);
    });

    it('active weeks of 26', () => {
      needsForge();
      expect(
        diff(
          (r) => r.window.activeWeeks26,
          (p) => p.window.activeWeeks26
        )
      ).toEqual([]);
    });

    it('first response: median (censored ages within a day of `now`) and share within 7 days', () => {
      needsForge();
      const medians = diff(
        (r) => r.window.medianFirstResponseHours,
        (p) => (p.response.items > 0 ? p.response.medianFirstResponseHours : null),
        near(24)
      );
      const shares = diff(
        (r) => r.window.answeredWithin7DaysShare,
        (p) => (p.response.items > 0 ? p.response.answeredWithin7DaysShare : null),
        near(0.001)
      );
      expect([...medians, ...shares]).toEqual([]);
    });

    it('releases: in the window and days since the last', () => {
      needsForge();
      expect(
        diff(
          (r) => [r.window.releases, r.window.daysSinceLastRelease],
          (p) => [p.window.releases, p.window.daysSinceLastRelease]
        )
      ).toEqual([]);
    });

    it('backlog: closure ratio and open issue age', () => {
      needsForge();
      const ratio = diff(
        (r) => r.window.closureRatio,
        (p) => p.window.closureRatio,
        near(0.001)
      );
      const age = diff(
        (r) => r.window.medianOpenIssueAgeDays,
        (p) => p.window.medianOpenIssueAgeDays,
        near(1)
      );
      expect([...ratio, ...age]).toEqual([]);
    });

    it('licence changes (from the licence file history)', () => {
      expect(
        diff(
          (r) => r.licence.changes.length > 0,
          (p) => p.licence.changed
        )
      ).toEqual([]);
    });

    it('licence id', () => {
      needsForge();
      // The truth names the forge's licence only; git-only projects (no forge licence) are compared
      // where the truth has one.
      expect(
        diff(
          (r) => r.licence.spdx,
          (p) => p.licence.spdx,
          (a, b) => b === null || a === b
        )
      ).toEqual([]);
    });

    it('git-derived lifecycle facts: first and last human commit', () => {
      const day = (iso: string | null) => (iso ? iso.slice(0, 10) : null);
      expect(
        diff(
          (r) => day(r.firstCommitAt),
          (p) => day(p.firstCommitAt)
        )
      ).toEqual([]);
    });

    it('findings', () => {
      needsForge();
      expect(
        diff(
          (r) => ({
            archived: has(r, 'archived'),
            noHumanCommit12Months: has(r, 'no-human-commit-12m') || r.totals.humanCommits === 0,
            onePerson: has(r, 'one-person'),
            // Deliberate deviation: the truth counts an unaffiliated person's bucket as „one
            // organisation“; allmende names only real organisations there (the person is already
            // „Hängt an einer Person“). Such a bucket above 90 % counts as agreement.
            oneOrganisation: has(r, 'one-organisation') || r.contributors.some((c) => !c.isBot && c.organisation === null && c.share > 0.9),
            licenceChanged: has(r, 'licence-changed'),
            publiccodeMissingOrInvalid: has(r, 'publiccode-missing') || has(r, 'publiccode-invalid'),
            noSecurityMd: has(r, 'no-security-policy')
          }),
          (p) => {
            const { fragmentation: _f, ...rest } = p.findings;
            return rest;
          }
        )
      ).toEqual([]);
    });

    it('openCode badges: each criterion, the Maintained and Security levels (a mean reaction time within a day of the threshold is left out)', () => {
      needsForge();
      // Unanswered issues count with their age at the end of asOf (allmende) or at `now` (truth); and
      // project members are counted by person, which for a forge account allmende could not link to
      // its commits differs from the truth's person: the means differ, the states must not far from 7 days.
      const borderline = (p: ProjectTruth) =>
        p.opencode.reactionMeanDays !== null && Math.abs(p.opencode.reactionMeanDays - OPENCODE_REACTION_MAX_DAYS) <= 1;
      const out: string[] = [];
      for (const p of observable(run)) {
        const b = run.reports.get(p.id)?.opencodeBadges;
        const ours: Record<string, unknown> = Object.fromEntries((b?.criteria ?? []).map((c) => [c.key, c.state]));
        const theirs: Record<string, unknown> = { ...p.opencode.criteria };
        if (borderline(p)) ours['reaction-time'] = theirs['reaction-time'] = '·';
        ours.levels = borderline(p) ? '·' : [b?.maintained?.level ?? null, b?.security?.level ?? null];
        theirs.levels = borderline(p) ? '·' : [p.opencode.maintained, p.opencode.security];
        if (JSON.stringify(ours) !== JSON.stringify(theirs))
          out.push(`${p.id}: allmende ${JSON.stringify(ours)} ≠ Wahrheit ${JSON.stringify(theirs)}`);
      }
      if (out.length) console.error(`Abweichungen von der Wahrheit:\n${out.join('\n')}`);
      expect(out).toEqual([]);
    });

    it('„Bereit zur Nachnutzung?“: each item, the verdict and the well-known files found', () => {
      needsForge();
      const fileItems = ['readme', 'documentation', 'contributing', 'code-of-conduct', 'governance', 'changelog', 'roadmap', 'authors'];
      const ours = (r: ProjectReport) => {
        const c = r.reuseReadiness;
        if (!c || c.items.length === 0) return { items: null, allMet: c?.allMet ?? null, files: {} };
        const files: Record<string, string> = {};
        for (const i of c.items) if (fileItems.includes(i.key) && i.state === 'met' && i.found) files[i.key] = i.found;
        return { items: Object.fromEntries(c.items.map((i) => [i.key, i.state])), allMet: c.allMet, files };
      };
      const theirs = (p: ProjectTruth) => {
        const t = p.readiness;
        if (!t.items) return { items: null, allMet: null, files: {} };
        const files: Record<string, string> = {};
        for (const key of fileItems) if (t.items[key as keyof typeof t.items] === 'met' && t.files[key]) files[key] = t.files[key];
        return { items: { ...t.items }, allMet: t.allMet, files };
      };
      expect(differences(run, ours, theirs)).toEqual([]);
    });

    it('fragmentation: forks of other organisations with more than 20 own commits', () => {
      needsForge();
      const aheadKnown =
        (run.db.$client.prepare('SELECT count(*) AS n FROM forks WHERE ahead_by IS NOT NULL').get() as { n: number }).n > 0;
      expect(aheadKnown, 'die Forge-Collectors liefern keine eigenen Commits der Forks (forks.ahead_by)').toBe(true);
      expect(
        diff(
          (r) => has(r, 'fragmentation'),
          (p) => p.findings.fragmentation
        )
      ).toEqual([]);
    });

    const kindOf: Record<string, string> = {
      'declared-catalog': 'declared',
      'declared-publiccode': 'declared',
      fork: 'fork',
      mirror: 'fork',
      contribution: 'contribution',
      'is-based-on': 'isBasedOn'
    };
    // DESIGN §7: adopters' rows are reuse, providers' observed rows Mitentwicklung; both compared.
    const parts = [
      ['reuse', (r: ProjectReport) => r.reuse, () => run.truth.reuse],
      ['Mitentwicklung', (r: ProjectReport) => r.codevelopment ?? [], () => run.truth.codevelopment]
    ] as const;

    for (const [part, rowsOf, truthRows] of parts) {
      it(`${part} evidence: organisation and kind`, () => {
        needsForge();
        // Contributions include issues, pull requests, comments and reviews by forge accounts, affiliated
        // through their person's commits (DESIGN §5); the truth follows the same rule.
        const ours = (r: ProjectReport) => [...new Set(rowsOf(r).map((e) => `${e.organisationId} ${kindOf[e.kind]}`))].sort();
        const theirs = (p: ProjectTruth) =>
          [
            ...new Set(
              truthRows()
                .filter((e) => e.project === p.id)
                .map((e) => `${e.organisation} ${e.kind}`)
            )
          ].sort();
        expect(diff(ours, theirs)).toEqual([]);
      });

      it(`${part} by contributions: commits, issues/pull requests and comments/reviews per organisation`, () => {
        needsForge();
        // Forge contributions count for the organisation of the author's person at that time (DESIGN §5):
        // this compares every count, so a forge contribution affiliated differently shows up.
        const number = (text: string, word: RegExp): number => {
          const m = new RegExp(`([\\d.\u202f\u00a0]+) ${word.source}`).exec(text);
          return m ? Number(m[1].replace(/[.\u202f\u00a0]/g, '')) : 0;
        };
        const ours = (r: ProjectReport) =>
          rowsOf(r)
            .filter((e) => e.kind === 'contribution')
            .map(
              (e) =>
                `${e.organisationId} ${number(e.detail, /Commits?/)}/${number(e.detail, /Issues?\//)}/${number(e.detail, /Kommentare?\//)}`
            )
            .sort();
        const theirs = (p: ProjectTruth) =>
          truthRows()
            .filter((e) => e.project === p.id && e.kind === 'contribution')
            .map((e) => {
              const [commits, items, comments] = e.detail.match(/\d+/g)!.map(Number);
              return `${e.organisation} ${commits}/${items}/${comments}`;
            })
            .sort();
        expect(diff(ours, theirs)).toEqual([]);
      });
    }

    it('the world has forge contributions affiliated through their person’s commits', () => {
      const forgeCounts = [...run.truth.reuse, ...run.truth.codevelopment]
        .filter((e) => e.kind === 'contribution')
        .map((e) => e.detail.match(/\d+/g)!.map(Number));
      expect(forgeCounts.some(([, items, comments]) => items + comments > 0)).toBe(true);
    });
  });
}
