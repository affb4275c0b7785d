/**
 * The organisation (OSPO) report is one computation: the CLI (`allmende report --org --format
 * json|csv|ods`), the page's load function, the API and the CSV/ODS exports give the same report
 * for any period — over a catalog that shows names (`privacy.showNames: true`), lists its own
 * personal email domains and a bot of its own, collected into facts by hand and derived.
 */
import { dsvFormat } from 'd3';
import { and, eq } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/index';
import { commits, projectSnapshots } from '../../db/schema';
import { derive } from '../../jobs/derive/index';
import { organisationReportOutput } from '../../jobs/report';
import { syncCatalog } from '../../jobs/store/catalog';
import { parseCatalog } from '../../src/lib/catalog/load';
import { hashEmail } from '../../src/lib/identity/email';
import { organisationReportSheets } from '../../src/lib/reports/export';
import { compareOrganisationReports, type OrganisationReportComparison } from '../../src/lib/reports/organisation-comparison';
import type { OrganisationReport } from '../../src/lib/reports/types';
import { closeDb } from '../../src/lib/server/db';
import { getCatalogSettings } from '../../src/queries/getCatalogSettings';
import { load } from '../../src/routes/organisationen/[id]/+page.server';
import { organisationPageView, type OrganisationPageView } from '../../src/lib/reports/organisation-page';
import { GET as apiGet } from '../../src/routes/api/organisations/[id]/+server';
import { GET as csvGet } from '../../src/routes/organisationen/[id]/export.csv/+server';
import { GET as odsGet } from '../../src/routes/organisationen/[id]/export.ods/+server';
import { tempData, type TempData } from '../helpers/db';
import { addComment, addIdentity, addItem } from '../helpers/facts';

const AS_OF = '2026-11-23';
const FROM = '2025-11-24';
const secret = Buffer.alloc(32, 3);

const catalog = parseCatalog(
  `organisations:
  - {id: ulm, name: Stadt Ulm, kind: municipality, region: DE-BW, domains: [ulm.de]}
  - {id: kiz, name: Kommunales Informationszentrum, kind: it-service-provider, region: DE-BW, domains: [kiz.ulm.de]}
  - {id: dortmund, name: Stadt Dortmund, kind: municipality, region: DE-NW, domains: [dortmund.de]}
  - {id: jena, name: Stadt Jena, kind: municipality, region: DE-TH, domains: [jena.de]}
projects:
  - {id: terminbuchung, name: Terminbuchung, owner: ulm, repositories: ["github:stadt-ulm/terminbuchung"], usedBy: [jena]}
  - {id: ratsinfo, name: Ratsinformationssystem, owner: dortmund, repositories: ["github:stadt-dortmund/ratsinfo"], usedBy: [ulm]}
people:
  bots: [Nachtlauf Ulm]
personalEmailDomains: [buerger.ulm.de, gmail.com]
privacy: {showNames: true}
`,
  'organisation-report.yml'
);

let data: TempData;
let db: Db;

const at = (date: string) => Date.parse(`${date}T10:00:00Z`) / 1000;

function seed(): void {
  const repos = syncCatalog(db, catalog);
  const repo = (key: string) => repos.find((r) => r.key === key)!.id;
  const termin = repo('github:stadt-ulm/terminbuchung');
  const rats = repo('github:stadt-dortmund/ratsinfo');
  const author = (name: string, email: string) =>
    addIdentity(db, { source: 'git', name, emailHash: hashEmail(email, secret), emailDomain: email.slice(email.indexOf('@') + 1) });
  const eva = author('Eva Muster', 'eva.muster@ulm.de');
  // The most specific listed domain wins: kiz.ulm.de is the KIZ's, not Ulm's.
  const karl = author('Karl Kaiser', 'karl.kaiser@kiz.ulm.de');
  // A personal domain by this catalog (not by the default list): never Ulm's, though below ulm.de.
  const berta = author('Berta Bürger', 'berta@buerger.ulm.de');
  // A bot by this catalog's people.bots only.
  const nachtlauf = author('Nachtlauf Ulm', 'nachtlauf@ulm.de');
  const dora = author('Dora Dortmund', 'dora@dortmund.de');
  const dirk = author('Dirk Beispiel', 'dirk@dortmund.de');
  // Eva's GitHub account shows no email; it is her person by name, affiliated through her commits.
  const evaGh = addIdentity(db, { source: 'github', login: 'eva-m', name: 'Eva Muster' });

  let n = 0;
  const commit = (repositoryId: number, authorId: number, date: string, parentCount = 1) => {
    const hash = (++n).toString(16).padStart(40, '0');
    db.insert(commits)
      .values({ repositoryId, hash, authorIdentityId: authorId, authorDate: at(date), committerDate: at(date), parentCount })
      .run();
  };
  for (const date of ['2026-02-10', '2026-05-05', '2026-09-01']) commit(termin, eva, date);
  commit(termin, eva, '2026-09-02', 2); // a merge: not authored activity
  commit(termin, nachtlauf, '2026-03-03');
  commit(termin, nachtlauf, '2026-09-09');
  commit(termin, dora, '2026-05-20'); // Dortmund contributes to Ulm's project
  commit(rats, eva, '2025-06-01'); // before the default period
  commit(rats, eva, '2026-03-15');
  commit(rats, eva, '2026-10-10');
  commit(rats, karl, '2026-03-01');
  commit(rats, karl, '2026-07-01');
  commit(rats, berta, '2026-04-20');
  commit(rats, dirk, '2026-01-10');
  commit(rats, dirk, '2026-11-01');

  let number = 0;
  const item = (kind: 'issue' | 'pull', date: string) =>
    addItem(db, { repositoryId: rats, kind, number: ++number, authorIdentityId: evaGh, createdAt: at(date) });
  item('issue', '2026-04-01');
  item('pull', '2026-08-01');
  const comment = (kind: 'comment' | 'review' | 'note', itemNumber: number, date: string, system = false) =>
    addComment(db, {
      repositoryId: rats,
      kind,
      itemKind: itemNumber === 1 ? 'issue' : 'pull',
      itemNumber,
      authorIdentityId: evaGh,
      createdAt: at(date),
      system
    });
  comment('comment', 1, '2026-04-02');
  comment('review', 2, '2026-08-03');
  comment('note', 2, '2026-08-04', true); // a system note: no response by a person
}

beforeAll(async () => {
  data = tempData();
  db = data.db;
  seed();
  await derive(db, catalog, { asOf: AS_OF, secret });
  process.env.ALLMENDE_DB = data.paths.dbFile;
});

afterAll(() => {
  closeDb();
  delete process.env.ALLMENDE_DB;
  data.cleanup();
});

type Event = { params: { id: string }; url: URL };
const event = (id: string, path: string, query: Record<string, string>): Event => ({
  params: { id },
  url: new URL(`http://localhost${path}?${new URLSearchParams(query)}`)
});
// The route modules want SvelteKit's full event; they read params and url only.
const call = <T>(handler: (e: never) => T, e: Event): T => handler(e as never);

type Compared = OrganisationReport & { comparison: OrganisationReportComparison | null };

async function cli(organisationId: string, from: string, to: string, format: 'json' | 'csv' | 'ods', table?: string, compare?: boolean) {
  return organisationReportOutput(db, getCatalogSettings(db), { organisationId, from, to, format, delimiter: ',', table, compare });
}

/** The report of one period alone, by the CLI without comparison. */
async function alone(organisationId: string, from: string, to: string): Promise<OrganisationReport> {
  const { comparison, ...report } = JSON.parse((await cli(organisationId, from, to, 'json', undefined, false)) as string) as Compared;
  expect(comparison).toBeNull();
  return report;
}

/** The report as each interface gives it, after checking that they agree on all of it. */
async function agreed(organisationId: string, from: string, to: string): Promise<OrganisationReport> {
  return (await agreedCompared(organisationId, from, to)).report;
}

/** The report and its comparison with the previous period as each interface gives them, after checking that they agree. */
async function agreedCompared(
  organisationId: string,
  from: string,
  to: string
): Promise<{ report: OrganisationReport; comparison: OrganisationReportComparison; previous: OrganisationReport }> {
  const query = { von: from, bis: to };
  const fromCli = JSON.parse((await cli(organisationId, from, to, 'json')) as string) as Compared;
  const page = (await call(load, event(organisationId, `/organisationen/${organisationId}`, query))) as {
    view: OrganisationPageView;
    showNames: boolean;
  };
  const api = (await (await call(apiGet, event(organisationId, `/api/organisations/${organisationId}`, query))).json()) as {
    data: Compared;
  };
  expect(page.showNames).toBe(true);
  expect(api.data).toEqual(fromCli);
  const { comparison, ...report } = fromCli;
  // The page shows its view of the same report (src/lib/reports/organisation-page.ts).
  expect(page.view).toEqual(organisationPageView(report, comparison));
  expect(comparison).not.toBeNull();
  const previous = await alone(organisationId, comparison!.from, comparison!.to);

  // Every table as CSV: the export and the CLI write the same bytes, and they are the report's rows.
  for (const sheet of organisationReportSheets(report, { previous, comparison: comparison! })) {
    const path = `/organisationen/${organisationId}/export.csv`;
    const response = await call(csvGet, event(organisationId, path, { ...query, tabelle: sheet.key }));
    expect(response.status).toBe(200);
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect([sheet.key, csv]).toEqual([sheet.key, await cli(organisationId, from, to, 'csv', sheet.key)]);
    const rows = dsvFormat(',').parseRows(csv.replace(/^\uFEFF/, '').replace(/\r\n$/, ''));
    expect([sheet.key, rows.length - 1]).toEqual([sheet.key, sheet.rows.length]);
  }
  // ODS: the same sheets (the documents differ in their title and creation time only).
  const response = await call(odsGet, event(organisationId, `/organisationen/${organisationId}/export.ods`, query));
  const ods = unzipSync(new Uint8Array(await response.arrayBuffer()));
  const fromCliOds = unzipSync((await cli(organisationId, from, to, 'ods')) as Uint8Array);
  expect(strFromU8(ods['content.xml'])).toBe(strFromU8(fromCliOds['content.xml']));
  return { report, comparison: comparison!, previous };
}

const snapshot = (projectId: string, asOf: string) =>
  db
    .select({ lifecycle: projectSnapshots.lifecycle, score: projectSnapshots.score })
    .from(projectSnapshots)
    .where(and(eq(projectSnapshots.projectId, projectId), eq(projectSnapshots.asOf, asOf)))
    .get()!;

describe('the organisation report, one computation for every interface', () => {
  it('without a period the CLI and the page take the same default: the last twelve whole months up to the newest snapshot', async () => {
    const settings = getCatalogSettings(db);
    const fromCli = JSON.parse(
      (await organisationReportOutput(db, settings, { organisationId: 'ulm', format: 'json', delimiter: ',' })) as string
    );
    const page = (await call(load, event('ulm', '/organisationen/ulm', {}))) as { view: OrganisationPageView };
    const { comparison, ...report } = fromCli as Compared;
    expect(page.view).toEqual(organisationPageView(report, comparison));
    expect([fromCli.from, fromCli.to]).toEqual(['2025-11-01', '2026-10-31']);
    // With an end alone, the CLI takes the 365 days up to it.
    const toOnly = JSON.parse(
      (await organisationReportOutput(db, settings, { organisationId: 'ulm', to: AS_OF, format: 'json', delimiter: ',' })) as string
    );
    expect([toOnly.from, toOnly.to]).toEqual([FROM, AS_OF]);
    // With a start alone, up to the Stand.
    const fromOnly = JSON.parse(
      (await organisationReportOutput(db, settings, {
        organisationId: 'ulm',
        from: '2026-11-10',
        format: 'json',
        delimiter: ','
      })) as string
    );
    expect([fromOnly.from, fromOnly.to]).toEqual(['2026-11-10', AS_OF]);
  });

  it('offers the default, the 365 days up to the Stand and the Stand’s calendar years as presets, the chosen one marked', async () => {
    type Presets = { presets: { label: string; query: string; current: boolean }[] };
    const presets = async (query: Record<string, string>) =>
      ((await call(load, event('ulm', '/organisationen/ulm', query))) as Presets).presets;
    const standard = await presets({});
    expect(standard).toEqual([
      { label: 'Letzte 12 volle Monate (Standard)', query: '', current: true },
      { label: '365 Tage bis zum Stand', query: `von=${FROM}&bis=${AS_OF}`, current: false },
      { label: 'Jahr 2026', query: 'von=2026-01-01&bis=2026-12-31', current: false },
      { label: 'Jahr 2025', query: 'von=2025-01-01&bis=2025-12-31', current: false }
    ]);
    expect((await presets({ von: FROM, bis: AS_OF })).map((p) => p.current)).toEqual([false, true, false, false]);
    // The default's dates given explicitly are still the default.
    expect((await presets({ von: '2025-11-01', bis: '2026-10-31' })).map((p) => p.current)).toEqual([true, false, false, false]);
    // Without the comparison the presets keep it off.
    expect((await presets({ vergleich: 'aus' }))[1].query).toBe(`von=${FROM}&bis=${AS_OF}&vergleich=aus`);
  });

  it('the default period: own projects, contributions elsewhere, reuse both ways, contributors by name', async () => {
    const r = await agreed('ulm', FROM, AS_OF);
    expect(r).toMatchObject({ id: 'ulm', name: 'Stadt Ulm', kind: 'municipality', region: 'DE-BW', from: FROM, to: AS_OF });
    const now = snapshot('terminbuchung', AS_OF);
    // Eva's 3 and Dora's 1; neither the merge nor the catalog's bot.
    expect(r.ownProjects).toEqual([
      { id: 'terminbuchung', name: 'Terminbuchung', lifecycle: now.lifecycle, score: now.score, humanCommits: 4 }
    ]);
    // Eva's; Karl's are the KIZ's (kiz.ulm.de), Berta's address is personal; the system note is left out.
    expect(r.contributionsElsewhere).toEqual([
      { projectId: 'ratsinfo', projectName: 'Ratsinformationssystem', commits: 2, issues: 2, comments: 2 }
    ]);
    expect(r.reusedBy.map((x) => [x.projectId, x.projectName, x.organisationId, x.organisationName, x.strength])).toEqual([
      ['terminbuchung', 'Terminbuchung', 'dortmund', 'Stadt Dortmund', 'beobachtet'],
      ['terminbuchung', 'Terminbuchung', 'jena', 'Stadt Jena', 'erklärt']
    ]);
    expect(r.reuses).toEqual([{ projectId: 'ratsinfo', projectName: 'Ratsinformationssystem', strength: 'beobachtet' }]);
    expect(r.contributors).toEqual([{ name: 'Eva Muster', commits: 5, issues: 2, comments: 2 }]);

    const kiz = await agreed('kiz', FROM, AS_OF);
    expect(kiz.contributionsElsewhere).toEqual([
      { projectId: 'ratsinfo', projectName: 'Ratsinformationssystem', commits: 2, issues: 0, comments: 0 }
    ]);
    expect(kiz.contributors).toEqual([{ name: 'Karl Kaiser', commits: 2, issues: 0, comments: 0 }]);
    const dortmund = await agreed('dortmund', FROM, AS_OF);
    expect(dortmund.contributors.map((c) => c.name)).toEqual(['Dirk Beispiel', 'Dora Dortmund']);
  });

  it('a past period: lifecycle and score as of its end, reuse evidence dated up to it', async () => {
    const r = await agreed('ulm', '2026-01-01', '2026-06-30');
    // The month-end history row derive wrote for 2026-06-30, not the newest snapshot.
    const then = snapshot('terminbuchung', '2026-06-30');
    expect([then.lifecycle, then.score]).not.toEqual([snapshot('terminbuchung', AS_OF).lifecycle, snapshot('terminbuchung', AS_OF).score]);
    expect(r.ownProjects).toEqual([
      { id: 'terminbuchung', name: 'Terminbuchung', lifecycle: then.lifecycle, score: then.score, humanCommits: 3 }
    ]);
    expect(r.contributionsElsewhere).toEqual([
      { projectId: 'ratsinfo', projectName: 'Ratsinformationssystem', commits: 1, issues: 1, comments: 1 }
    ]);
    // Dortmund's contributions date from 2026-05-20; Ulm's to Ratsinfo last from 2026-10-10: declared only, then.
    expect(r.reusedBy.map((x) => `${x.organisationId} ${x.strength}`)).toEqual(['dortmund beobachtet', 'jena erklärt']);
    expect(r.reuses).toEqual([{ projectId: 'ratsinfo', projectName: 'Ratsinformationssystem', strength: 'erklärt' }]);
    expect(r.contributors).toEqual([{ name: 'Eva Muster', commits: 3, issues: 1, comments: 1 }]);
  });

  it('a period before the first snapshot: lifecycle „unbekannt“, no score', async () => {
    const r = await agreed('ulm', '2025-01-01', '2025-06-30');
    expect(r.ownProjects).toEqual([{ id: 'terminbuchung', name: 'Terminbuchung', lifecycle: 'unbekannt', score: null, humanCommits: 0 }]);
    expect(r.contributionsElsewhere).toEqual([
      { projectId: 'ratsinfo', projectName: 'Ratsinformationssystem', commits: 1, issues: 0, comments: 0 }
    ]);
    expect(r.reusedBy.map((x) => x.organisationId)).toEqual(['jena']);
  });

  it('compares with the previous period: its figures are those of a direct computation of that period', async () => {
    const { report, comparison, previous } = await agreedCompared('ulm', FROM, AS_OF);
    // 365 days up to AS_OF → the 365 days before.
    expect([comparison.from, comparison.to]).toEqual(['2024-11-24', '2025-11-23']);
    expect(previous).toEqual(await alone('ulm', '2024-11-24', '2025-11-23'));
    expect(comparison).toEqual(compareOrganisationReports(report, previous));
    const figures = Object.fromEntries(comparison.figures.map((f) => [f.key, f]));
    // Derive wrote month-end history back to 2025-11-30 only: the previous period's end has no
    // lifecycle — not comparable, not „0 aktiv“.
    expect(figures.ownActive).toMatchObject({ previous: null, comparable: false, difference: null, relative: null });
    // Eva's 4 (3 + Dora's 1) human commits in Terminbuchung are all of 2026: from 0 to 4, no percentage.
    expect(figures.ownHumanCommits).toMatchObject({ current: 4, previous: 0, difference: 4, relative: null });
    // Eva's commit to Ratsinfo of 2025-06-01 is the previous period's only contribution elsewhere.
    expect(figures.elsewhereCommits).toMatchObject({ current: 2, previous: 1, difference: 1, relative: 1 });
    expect(figures.elsewhereIssues).toMatchObject({ current: 2, previous: 0, relative: null });
    expect(figures.contributors).toMatchObject({ current: 1, previous: 1, difference: 0, relative: 0 });
    // Jena is declared without a date (both periods); Dortmund's evidence dates from 2026.
    expect(figures.reusingOrganisations).toMatchObject({ current: 2, previous: 1, difference: 1, relative: 1 });
    expect(figures.observedReusingOrganisations).toMatchObject({ current: 1, previous: 0 });
    expect(comparison.reuseChanges.map((c) => `${c.change} ${c.projectId} ${c.organisationId}`)).toEqual(['neu terminbuchung dortmund']);

    // A calendar year: the previous calendar year, computed alone the same.
    const year = await agreedCompared('ulm', '2026-01-01', '2026-12-31');
    expect([year.comparison.from, year.comparison.to]).toEqual(['2025-01-01', '2025-12-31']);
    expect(year.previous).toEqual(await alone('ulm', '2025-01-01', '2025-12-31'));
    expect(year.previous.contributionsElsewhere).toEqual([
      { projectId: 'ratsinfo', projectName: 'Ratsinformationssystem', commits: 1, issues: 0, comments: 0 }
    ]);
  });

  it('without comparison (`vergleich=aus`, `--no-compare`): the report alone, the tables as before', async () => {
    const query = { von: FROM, bis: AS_OF, vergleich: 'aus' };
    const page = (await call(load, event('ulm', '/organisationen/ulm', query))) as {
      view: OrganisationPageView;
      sheets: { key: string }[];
    };
    expect(page.view.comparison).toBeNull();
    expect(page.view).toEqual(organisationPageView(await alone('ulm', FROM, AS_OF), null));
    expect(page.sheets.map((s) => s.key)).toEqual(['eigene-projekte', 'beitraege', 'nachnutzung', 'genutzt', 'beitragende']);
    const api = (await (await call(apiGet, event('ulm', '/api/organisations/ulm', query))).json()) as { data: Compared };
    expect(api.data.comparison).toBeNull();
    const response = await call(csvGet, event('ulm', '/organisationen/ulm/export.csv', { ...query, tabelle: 'eigene-projekte' }));
    const csv = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
    expect(csv.split('\r\n')[0]).toBe('\uFEFFProjekt-ID,Projekt,Zustand,Vitalität,Commits von Menschen im Zeitraum');
    // With the comparison the same columns come first, the previous period's after them.
    const compared = (await cli('ulm', FROM, AS_OF, 'csv', 'eigene-projekte')) as string;
    expect(compared.split('\r\n')[0]).toMatch(
      /^\uFEFFProjekt-ID,Projekt,Zustand,Vitalität,Commits von Menschen im Zeitraum,Zustand im Vorzeitraum,/
    );
    const vergleich = (await cli('ulm', FROM, AS_OF, 'csv', 'vergleich')) as string;
    const rows = dsvFormat(',').parseRows(vergleich.replace(/^\uFEFF/, '').replace(/\r\n$/, ''));
    expect(rows.find((r) => r[1] === 'ownHumanCommits')).toEqual([
      'Commits von Menschen in eigenen Projekten',
      'ownHumanCommits',
      `${FROM} bis ${AS_OF}`,
      '4',
      '2024-11-24 bis 2025-11-23',
      '0',
      '4',
      '',
      'ja'
    ]);
  });
});
