/**
 * The reuse view and /api/reuse at scale (issue 12): on a generated landscape of 2,000 projects and
 * 400 organisations (tests/fixtures/reuse-db.ts) every reuse page stays below 1 MB of HTML with a
 * bounded network, the tables page on the server, and the API's cursor reaches every evidence row
 * exactly once, filtered or not, and every project of /api/projects, each answer below 1 MB. Sizes
 * and correctness, not timing.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedReuseDb, type ReuseDbFacts } from '../fixtures/reuse-db';
import { ensureBuild, startServer } from './harness';

const MB = 1_000_000;

let dir: string;
let file: string;
let facts: ReuseDbFacts;
let server: Awaited<ReturnType<typeof startServer>>;
let sqlite: Database.Database;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'allmende-reuse-scale-'));
  file = join(dir, 'allmende.db');
  facts = seedReuseDb(file, { projects: 2000, organisations: 400 });
  await ensureBuild();
  server = await startServer(file);
  sqlite = new Database(file, { readonly: true });
});

afterAll(async () => {
  sqlite?.close();
  if (server) {
    server.process.kill();
    await new Promise((r) => (server.process.exitCode !== null ? r(null) : server.process.once('exit', r)));
  }
  rmSync(dir, { recursive: true, force: true });
});

async function get(path: string): Promise<{ status: number; bytes: number; text: string }> {
  const res = await fetch(server.baseUrl + path);
  const body = Buffer.from(await res.arrayBuffer());
  return { status: res.status, bytes: body.length, text: body.toString('utf8') };
}

interface ApiRow {
  projectId: string;
  organisationId: string;
  kind: string;
  strength: string;
  detail: string;
}

/** Every row the API gives for `query`, following `next`; each answer checked for size and limit. */
async function walk<T = ApiRow>(query: string, limit: number, path = '/api/reuse'): Promise<{ rows: T[]; pages: number }> {
  const rows: T[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const qs = new URLSearchParams(query);
    qs.set('limit', String(limit));
    if (cursor) qs.set('cursor', cursor);
    const res = await get(`${path}?${qs}`);
    expect(res.status, res.text.slice(0, 300)).toBe(200);
    expect(res.bytes).toBeLessThanOrEqual(MB);
    const body = JSON.parse(res.text) as { limit: number; next: string | null; data: T[] };
    expect(body.data.length).toBeLessThanOrEqual(limit);
    expect(body.limit).toBe(limit);
    if (body.next) expect(body.data.length).toBeGreaterThan(0);
    rows.push(...body.data);
    cursor = body.next;
    pages++;
    expect(pages, 'the cursor never ends').toBeLessThan(10_000);
  } while (cursor);
  return { rows, pages };
}

const key = (r: ApiRow) => JSON.stringify([r.projectId, r.organisationId, r.kind, r.strength, r.detail]);

/** The evidence rows in the database for a WHERE clause on e (reuse_evidence) and o (the organisation). */
function dbRows(where = '1', ...params: unknown[]): string[] {
  return (
    sqlite
      .prepare(
        `SELECT e.project_id AS projectId, e.organisation_id AS organisationId, e.kind, e.strength, e.detail
         FROM reuse_evidence e LEFT JOIN organisations o ON o.id = e.organisation_id WHERE ${where}`
      )
      .all(...params) as ApiRow[]
  )
    .map(key)
    .sort();
}

describe('reuse pages at 2,000 projects', () => {
  it('stay below 1 MB of HTML and draw a bounded network', async () => {
    const owner = (sqlite.prepare('SELECT owner_id AS id FROM projects WHERE id = ?').get(facts.widelyReused) as { id: string }).id;
    const pairs = (sqlite.prepare('SELECT count(*) AS n FROM reuse_pairs').get() as { n: number }).n;
    const lastPage = Math.ceil(pairs / 50);
    const paths = [
      '/nachnutzung',
      '/nachnutzung?seite=2',
      `/nachnutzung?seite=${lastPage}`,
      '/nachnutzung?region=DE-NW&art=municipality&nachweis=beobachtet',
      '/nachnutzung?nachweis=erkl%C3%A4rt',
      `/nachnutzung/projekt/${facts.widelyReused}`,
      `/nachnutzung/projekt/${facts.widelyReused}?seite=5`,
      `/nachnutzung/organisation/${facts.busiestAdopter}`,
      `/nachnutzung/organisation/${owner}`
    ];
    for (const path of paths) {
      const res = await get(path);
      expect(res.status, path).toBe(200);
      expect(res.bytes, path).toBeLessThanOrEqual(MB);
      const nodes = res.text.match(/<a [^>]*class="node /g)?.length ?? 0;
      // The overview has no network; a focused view at most the 30 strongest pairs, their owners and the focus.
      if (path.startsWith('/nachnutzung?') || path === '/nachnutzung') expect(nodes, path).toBe(0);
      else expect(nodes, path).toBeLessThanOrEqual(2 * 30 + 1);
    }
    const widely = await get(`/nachnutzung/projekt/${facts.widelyReused}`);
    expect(widely.text).toMatch(/Gezeigt sind die 30 stärksten von 399 Nachnutzungen; weitere 369 stehen in der Tabelle\./);
  });

  it('page the table of all pairs on the server', async () => {
    const pairs = (sqlite.prepare('SELECT count(*) AS n FROM reuse_pairs').get() as { n: number }).n;
    const pages = Math.ceil(pairs / 50);
    const first = await get('/nachnutzung');
    expect(first.text).toContain(`Seite 1 von ${pages} (${pairs.toLocaleString('de-DE')} Einträge)`);
    expect(first.text).toContain('href="/nachnutzung?seite=2"');
    const rowsOn = (html: string) => html.slice(html.indexOf('id="pairs-title"')).match(/<tr>/g)!.length - 1;
    expect(rowsOn(first.text)).toBe(50);
    const last = await get(`/nachnutzung?seite=${pages}`);
    expect(last.text).toContain(`Seite ${pages} von ${pages}`);
    expect(rowsOn(last.text)).toBe(pairs - 50 * (pages - 1));
    // Beyond the last page: the last page; nonsense: the first.
    expect((await get(`/nachnutzung?seite=${pages + 10}`)).text).toContain(`Seite ${pages} von ${pages}`);
    expect((await get('/nachnutzung?seite=abc')).text).toContain(`Seite 1 von ${pages}`);
  });
});

describe('the organisation page of an owner reused by almost every organisation', () => {
  it('shows the first 100 reuses with their number, names a dozen reusers and leaves the rest to the downloads', async () => {
    const owner = (sqlite.prepare('SELECT owner_id AS id FROM projects WHERE id = ?').get(facts.widelyReused) as { id: string }).id;
    const reusedBy = (
      sqlite
        .prepare(
          'SELECT count(*) AS n FROM reuse_pairs rp JOIN projects p ON p.id = rp.project_id WHERE p.owner_id = ? AND rp.organisation_id != ?'
        )
        .get(owner, owner) as { n: number }
    ).n;
    expect(reusedBy).toBeGreaterThan(100);
    const page = await get(`/organisationen/${owner}`);
    expect(page.status).toBe(200);
    expect(page.bytes).toBeLessThanOrEqual(MB);
    const start = page.text.indexOf('id="reuse-title"');
    const section = page.text.slice(start, page.text.indexOf('Genutzte Projekte anderer', start));
    expect(section.match(/<tr>/g)!.length - 1).toBe(100);
    expect(section).toContain(`Gezeigt sind die ersten 100 Nachnutzungen nach Projekt von ${reusedBy.toLocaleString('de-DE')}`);
    const summary = page.text.slice(page.text.indexOf('Nachnutzung eigener Projekte durch:'));
    expect(summary.slice(0, summary.indexOf('</p>'))).toMatch(/ und \d[\d.]* weitere \((beobachtet|nur erklärt)\)/);
  });
});

describe('/api/reuse at 2,000 projects', () => {
  it('reaches every evidence row exactly once through the cursor, each answer below 1 MB', async () => {
    const { rows, pages } = await walk('', 1000);
    expect(rows.length).toBe(facts.evidence);
    expect(pages).toBe(Math.ceil(facts.evidence / 1000));
    expect(rows.map(key).sort()).toEqual(dbRows());
    expect(new Set(rows.map(key)).size).toBe(rows.length);
  });

  it('answers 100 rows by default with the cursor of the next page', async () => {
    const body = JSON.parse((await get('/api/reuse')).text) as { schemaVersion: number; limit: number; next: string; data: ApiRow[] };
    expect(body.limit).toBe(100);
    expect(body.data).toHaveLength(100);
    expect(typeof body.next).toBe('string');
    expect(Object.keys(body.data[0]).sort()).toEqual(
      [
        'asOf',
        'date',
        'detail',
        'kind',
        'organisationId',
        'organisationName',
        'ownerId',
        'projectId',
        'projectName',
        'source',
        'strength'
      ].sort()
    );
  });

  it('filters by project, organisation, strength, kind, kind and region of the organisation — every row once', async () => {
    const cases: [string, string, ...unknown[]][] = [
      [`project=${facts.widelyReused}`, 'e.project_id = ?', facts.widelyReused],
      [`organisation=${facts.busiestAdopter}`, 'e.organisation_id = ?', facts.busiestAdopter],
      ['strength=erklärt', "e.strength = 'erklärt'"],
      ['kind=fork&region=DE-NW', "e.kind = 'fork' AND o.region = 'DE-NW'"],
      ['organisationKind=county&strength=beobachtet', "o.kind = 'county' AND e.strength = 'beobachtet'"]
    ];
    for (const [query, where, ...params] of cases) {
      const { rows } = await walk(query, 97);
      const expected = dbRows(where, ...params);
      expect(expected.length, query).toBeGreaterThan(0);
      expect(rows.map(key).sort(), query).toEqual(expected);
    }
  });

  it('refuses bad parameters with a JSON error', async () => {
    for (const query of [
      'limit=0',
      'limit=1001',
      'limit=zehn',
      'cursor=kaputt',
      'strength=vielleicht',
      'kind=gerücht',
      'organisationKind=verein'
    ]) {
      const res = await get(`/api/reuse?${query}`);
      expect(res.status, query).toBe(400);
      expect(JSON.parse(res.text).error.message, query).toBeTruthy();
    }
  });
});

describe('/api/projects at 2,000 projects', () => {
  it('reaches every project exactly once, in the list order, through the cursor', async () => {
    // The fixture stores no name order (projects.name_order NULL): the list falls back to the ids' order.
    const expected = sqlite.prepare('SELECT id FROM projects ORDER BY name_order, id').pluck().all() as string[];
    expect(expected.length).toBe(facts.projects);
    for (const limit of [1000, 97]) {
      const { rows, pages } = await walk<{ id: string }>('', limit, '/api/projects');
      expect(
        rows.map((r) => r.id),
        `limit ${limit}`
      ).toEqual(expected);
      expect(pages, `limit ${limit}`).toBe(Math.ceil(facts.projects / limit));
    }
  });

  it('answers 100 projects by default with the cursor of the next page', async () => {
    const body = JSON.parse((await get('/api/projects')).text) as { limit: number; next: string; data: { id: string }[] };
    expect(body.limit).toBe(100);
    expect(body.data).toHaveLength(100);
    expect(typeof body.next).toBe('string');
  });

  it('refuses bad parameters with a JSON error', async () => {
    const wrongKind = Buffer.from(JSON.stringify(['projekt', 1])).toString('base64url');
    for (const query of ['limit=0', 'limit=1001', 'limit=zehn', 'cursor=kaputt', `cursor=${wrongKind}`]) {
      const res = await get(`/api/projects?${query}`);
      expect(res.status, query).toBe(400);
      expect(JSON.parse(res.text).error.message, query).toBeTruthy();
    }
  });
});
