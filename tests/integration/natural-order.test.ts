/**
 * Ordered lists by natural keys (issue 16: „every ordered list keyed by natural keys, so that a
 * resumed or differently ordered run gives the same pages“): two databases with the same catalog
 * and the same facts, filled in different orders — organisations, projects, repositories, forks,
 * identities and commits inserted the other way round, and one project's repositories first
 * stored under an older catalog — are derived and give the same rankings and lists. The world has
 * ties everywhere a list could fall back to an autoincrement id or to insertion order: two projects
 * named „Terminbuchung“, two organisations named „Stadt Neustadt“, equal reuse counts, one project
 * with two described repositories.
 */
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index';
import { commits, forks, repositories } from '../../db/schema';
import { derive } from '../../jobs/derive/index';
import { syncCatalog } from '../../jobs/store/catalog';
import { parseCatalog, type Catalog } from '../../src/lib/catalog/load';
import { hashEmail } from '../../src/lib/identity/email';
import { getProjectChoices } from '../../src/queries/getProjectChoices';
import { getProjectOverview } from '../../src/queries/getProjectOverview';
import { listAllProjects } from '../helpers/project-list';
import { listMostActiveAdopters } from '../../src/queries/listMostActiveAdopters';
import { listMostReusedProjects } from '../../src/queries/listMostReusedProjects';
import { listOrganisations } from '../../src/queries/listOrganisations';
import { listReuseEvidence } from '../../src/queries/listReuseEvidence';
import { listReuseGroups } from '../../src/queries/listReuseGroups';
import { listReusePairs } from '../../src/queries/listReusePairs';
import { searchCatalog } from '../../src/queries/searchCatalog';
import { tempData, type TempData } from '../helpers/db';
import { addIdentity } from '../helpers/facts';

const projectList = (db: Db) => listAllProjects(db, 'http://127.0.0.1', 2);

const AS_OF = '2026-11-23';
const secret = Buffer.alloc(32, 7);
const at = (date: string) => Date.parse(`${date}T10:00:00Z`) / 1000;

const ORGANISATIONS = [
  '{id: ulm, name: Stadt Ulm, kind: municipality, region: DE-BW, domains: [ulm.de], accounts: ["github:stadt-ulm"]}',
  '{id: jena, name: Stadt Jena, kind: municipality, region: DE-TH, domains: [jena.de], accounts: ["github:stadt-jena"]}',
  '{id: kiel, name: Stadt Kiel, kind: municipality, region: DE-SH, domains: [kiel.de], accounts: ["github:stadt-kiel"]}',
  '{id: neustadt-a, name: Stadt Neustadt, kind: municipality, region: DE-SH, domains: [neustadt-a.de], accounts: ["github:neustadt-a"]}',
  '{id: neustadt-b, name: Stadt Neustadt, kind: municipality, region: DE-SH, domains: [neustadt-b.de], accounts: ["github:neustadt-b"]}'
];
const PROJECTS = [
  '{id: termin-ulm, name: Terminbuchung, owner: ulm, repositories: ["github:stadt-ulm/terminbuchung", "github:stadt-ulm/terminbuchung-app"], usedBy: [neustadt-a, neustadt-b]}',
  '{id: termin-kiel, name: Terminbuchung, owner: kiel, repositories: ["github:stadt-kiel/termine"], usedBy: [neustadt-b, neustadt-a]}',
  '{id: maengel, name: Mängelmelder, owner: jena, repositories: ["github:stadt-jena/maengel", "opencode:stadt-jena/maengel"], usedBy: [ulm]}'
];

function catalogOf(organisations: string[], projects: string[]): Catalog {
  return parseCatalog(
    `organisations:\n${organisations.map((o) => `  - ${o}\n`).join('')}projects:\n${projects.map((p) => `  - ${p}\n`).join('')}`,
    'natural-order.yml'
  );
}

const CATALOG = catalogOf(ORGANISATIONS, PROJECTS);

interface Fork {
  repo: string;
  key: string;
  owner: string;
}
const FORKS: Fork[] = [
  { repo: 'github:stadt-ulm/terminbuchung', key: 'github:stadt-jena/terminbuchung', owner: 'stadt-jena' },
  { repo: 'github:stadt-ulm/terminbuchung', key: 'github:neustadt-a/terminbuchung', owner: 'neustadt-a' },
  { repo: 'github:stadt-ulm/terminbuchung-app', key: 'github:neustadt-b/terminbuchung-app', owner: 'neustadt-b' },
  { repo: 'github:stadt-kiel/termine', key: 'github:stadt-jena/termine', owner: 'stadt-jena' },
  { repo: 'github:stadt-kiel/termine', key: 'github:neustadt-a/termine', owner: 'neustadt-a' },
  { repo: 'github:stadt-kiel/termine', key: 'github:neustadt-b/termine', owner: 'neustadt-b' }
];
const PEOPLE: [string, string][] = [
  ['Eva Muster', 'eva@ulm.de'],
  ['Jana Jena', 'jana@jena.de'],
  ['Kai Kiel', 'kai@kiel.de'],
  ['Nora Neustadt', 'nora@neustadt-a.de'],
  ['Ben Neustadt', 'ben@neustadt-b.de']
];
/** Commits: repository, author (index in PEOPLE), day. */
const COMMITS: [string, number, string][] = [
  ['github:stadt-ulm/terminbuchung', 0, '2026-10-01'],
  ['github:stadt-ulm/terminbuchung', 1, '2026-10-02'],
  ['github:stadt-ulm/terminbuchung', 3, '2026-10-03'],
  ['github:stadt-ulm/terminbuchung-app', 4, '2026-10-04'],
  ['github:stadt-kiel/termine', 2, '2026-10-05'],
  ['github:stadt-kiel/termine', 1, '2026-10-06'],
  ['github:stadt-kiel/termine', 3, '2026-10-07'],
  ['github:stadt-kiel/termine', 4, '2026-10-07'],
  ['github:stadt-jena/maengel', 1, '2026-10-08'],
  ['github:stadt-jena/maengel', 0, '2026-10-09']
];
const DESCRIPTIONS: Record<string, string> = {
  'github:stadt-ulm/terminbuchung': 'Terminbuchung für Bürgerämter (Server)',
  'github:stadt-ulm/terminbuchung-app': 'Terminbuchung für Bürgerämter (App)'
};

/**
 * Fills the database; `reversed` inserts everything the other way round, `olderCatalog` first
 * stores a catalog that knew only the app repository of Ulm's project and only the OpenCoDE
 * repository of the Mängelmelder.
 */
async function fill(db: Db, reversed: boolean, olderCatalog = false): Promise<void> {
  const order = <T>(list: readonly T[]): T[] => (reversed ? [...list].reverse() : [...list]);
  if (olderCatalog) {
    // An older catalog knew only the app repository of Ulm's project: it has the smaller id.
    syncCatalog(
      db,
      catalogOf(ORGANISATIONS, [
        '{id: termin-ulm, name: Terminbuchung, owner: ulm, repositories: ["github:stadt-ulm/terminbuchung-app"], usedBy: [neustadt-b, neustadt-a]}',
        '{id: maengel, name: Mängelmelder, owner: jena, repositories: ["opencode:stadt-jena/maengel"], usedBy: [ulm]}'
      ])
    );
  }
  syncCatalog(db, reversed ? catalogOf(order(ORGANISATIONS), order(PROJECTS)) : CATALOG);
  const ids = new Map(
    db
      .select({ id: repositories.id, key: repositories.key })
      .from(repositories)
      .all()
      .map((r) => [r.key, r.id])
  );
  for (const [key, description] of order(Object.entries(DESCRIPTIONS))) {
    db.update(repositories)
      .set({ description })
      .where(eq(repositories.id, ids.get(key)!))
      .run();
  }
  for (const f of order(FORKS)) {
    db.insert(forks)
      .values({ repositoryId: ids.get(f.repo)!, forkKey: f.key, forgeRepoId: f.key, ownerAccount: f.owner, createdAt: at('2026-01-01') })
      .run();
  }
  const people = new Map<number, number>();
  for (const [i, [name, email]] of order([...PEOPLE.entries()])) {
    people.set(
      i,
      addIdentity(db, { source: 'git', name, emailHash: hashEmail(email, secret), emailDomain: email.slice(email.indexOf('@') + 1) })
    );
  }
  for (const [n, [repo, person, day]] of order([...COMMITS.entries()])) {
    db.insert(commits)
      .values({
        repositoryId: ids.get(repo)!,
        hash: (n + 1).toString(16).padStart(40, '0'),
        authorIdentityId: people.get(person)!,
        authorDate: at(day),
        committerDate: at(day),
        parentCount: 1
      })
      .run();
  }
  await derive(db, CATALOG, { asOf: AS_OF, secret });
}

let a: TempData;
let b: TempData;
let c: TempData;

beforeAll(async () => {
  a = tempData();
  b = tempData();
  c = tempData();
  await fill(a.db, false);
  await fill(b.db, true);
  await fill(c.db, true, true);
});

afterAll(() => {
  a?.cleanup();
  b?.cleanup();
  c?.cleanup();
});

/** What a list query gives on the first database, and on the other two. */
function both<T>(query: (db: Db) => T): [T, T, T] {
  return [query(a.db), query(b.db), query(c.db)];
}

describe('lists by natural keys, whatever order the database was filled in', () => {
  it('the world has the ties the test is about', () => {
    const [reused] = both((db) => listMostReusedProjects(db));
    // The two Terminbuchung projects: the same number of observed and declared reusers.
    const termin = reused.filter((r) => r.projectId.startsWith('termin-'));
    expect(termin).toHaveLength(2);
    expect(termin[0]).toMatchObject({ observed: termin[1].observed, declaredOnly: termin[1].declaredOnly });
    expect(listOrganisations(a.db).filter((o) => o.name === 'Stadt Neustadt')).toHaveLength(2);
  });

  it('reuse rankings, groups, pairs and evidence', () => {
    for (const query of [
      (db: Db): unknown => listMostReusedProjects(db),
      (db: Db) => listMostActiveAdopters(db),
      (db: Db) => listReuseGroups(db, 'region'),
      (db: Db) => listReuseGroups(db, 'kind'),
      (db: Db) => listReusePairs(db),
      (db: Db) => listReuseEvidence(db).map((e) => ({ ...e, asOf: null }))
    ]) {
      const [x, y, z] = both(query);
      expect(y).toEqual(x);
      expect(z).toEqual(x);
    }
  });

  it('overview, pickers, organisations and search', () => {
    for (const sort of ['name', 'score', 'contributors', 'reuse'] as const) {
      const [x, y, z] = both((db) => getProjectOverview(db, { sort }).rows.map((r) => [r.id, r.forges]));
      expect([sort, y]).toEqual([sort, x]);
      expect([sort, z]).toEqual([sort, x]);
    }
    for (const query of [
      (db: Db): unknown => getProjectChoices(db),
      (db: Db) => listOrganisations(db),
      (db: Db) => projectList(db).map((p) => p.id),
      (db: Db) => searchCatalog(db, 'termin'),
      (db: Db) => searchCatalog(db, 'neustadt')
    ]) {
      const [x, y, z] = both(query);
      expect(y).toEqual(x);
      expect(z).toEqual(x);
    }
  });

  // Not with the older catalog: a project's repositories keep the order in which the catalog first
  // listed them (their ids) — a position of its own would need a column in project_repositories.
  it('the derived reports of every project', () => {
    const reports = (db: Db) =>
      db.$client
        .prepare('SELECT project_id, as_of, report FROM project_snapshots ORDER BY project_id, as_of')
        .all()
        .map((r) => {
          const row = r as { project_id: string; as_of: string; report: string };
          return [row.project_id, row.as_of, JSON.parse(row.report)];
        });
    const [x, y] = both(reports);
    expect(x.length).toBeGreaterThan(0);
    // The organisations with commits in the year: a tie of two „Stadt Neustadt“ with one commit each.
    const termin = x.find(([id, asOf]) => id === 'termin-kiel' && asOf === AS_OF)![2] as { organisations: { id: string }[] };
    expect(termin.organisations.map((o) => o.id)).toContain('neustadt-b');
    expect(y).toEqual(x);
  });
});
