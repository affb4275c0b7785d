/**
 * The recorded changes in the built dashboard (Chromium, the collected `tiny` world with its past
 * days derived): the overview's „Was hat sich geändert“ without JavaScript, the Atom feeds behind the
 * pages' <link rel="alternate"> parsed as Atom, and a hostile release name (markup, `&`, `]]>`,
 * control characters) planted in project_changes that must stay text on the page and in the feed.
 */
import Database from 'better-sqlite3';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousAxeViolations, startDashboard, watchErrors, type Dashboard } from './harness';

let dash: Dashboard;
const HOSTILE = '<script>alert("feed")</script> & ]]> Version\u0007';
const SHOWN = '<script>alert("feed")</script> & ]]> Version';
/** A change the derive of the world's past days recorded (not planted). */
let derived: { projectId: string; projectName: string; date: string };
let project: { id: string; name: string; ownerId: string };
let asOf: string;

beforeAll(async () => {
  dash = await startDashboard();
  const db = new Database(dash.dbFile);
  try {
    asOf = (db.prepare('SELECT max(as_of) AS asOf FROM project_snapshots').get() as { asOf: string }).asOf;
    derived = db
      .prepare(
        `SELECT c.project_id AS projectId, p.name AS projectName, c.date AS date FROM project_changes c JOIN projects p ON p.id = c.project_id
         WHERE c.date >= date(?, '-29 days') ORDER BY c.date DESC, c.project_id LIMIT 1`
      )
      .get(asOf) as typeof derived;
    project = db
      .prepare(`SELECT id, name, owner_id AS ownerId FROM projects WHERE owner_id IS NOT NULL AND name NOT LIKE '%<%' ORDER BY id LIMIT 1`)
      .get() as typeof project;
    db.prepare(`INSERT INTO project_changes (project_id, as_of, kind, subject, date, detail) VALUES (?, ?, 'release', ?, ?, ?)`).run(
      project.id,
      asOf,
      `${HOSTILE}@${asOf}`,
      asOf,
      JSON.stringify({ name: HOSTILE, source: 'release', previous: null })
    );
  } finally {
    db.close();
  }
});

afterAll(async () => {
  await dash?.close();
});

type Entry = { id: string; title: { '#text': string } | string; updated: string; link: { '@href': string }[] };
type AtomFeed = { feed: { id: string; title: string; updated: string; author: { name: string }; entry?: Entry[] } };
const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => name === 'entry' || name === 'link' });
const text = (value: Entry['title']) => (typeof value === 'string' ? value : value['#text']);

async function atom(path: string): Promise<{ res: Response; xml: string; feed: AtomFeed['feed'] }> {
  const res = await fetch(dash.baseUrl + path);
  const xml = await res.text();
  expect(res.status, `${path}: ${xml.slice(0, 300)}`).toBe(200);
  expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
  expect(XMLValidator.validate(xml), path).toBe(true);
  expect(xml).not.toMatch(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/);
  const { feed } = parser.parse(xml) as AtomFeed;
  expect(feed.id).toBe(dash.baseUrl + path);
  expect(feed.title.length).toBeGreaterThan(0);
  expect(feed.updated).toMatch(/^\d{4}-\d\d-\d\dT00:00:00.000Z$/);
  expect(feed.author.name).toBe('allmende');
  for (const entry of feed.entry ?? []) {
    expect(entry.id).toMatch(/^urn:uuid:[0-9a-f-]{36}$/);
    expect(text(entry.title).length).toBeGreaterThan(0);
    expect(entry.updated).toMatch(/^\d{4}-\d\d-\d\dT00:00:00.000Z$/);
    expect(entry.link[0]['@href']).toMatch(new RegExp(`^${dash.baseUrl}/projekte/[^/]+$`));
  }
  return { res, xml, feed };
}

describe('Was hat sich geändert', () => {
  it('lists the recorded changes of the last 7 and 30 days by kind, linking to the projects, without JavaScript', async () => {
    expect(derived, 'the past days of the world recorded no change').toBeTruthy();
    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    expect((await page.goto('/'))?.status()).toBe(200);
    const section = page.locator('section[aria-labelledby="aenderungen-titel"]');
    await expect(section.locator('h2').textContent()).resolves.toBe('Was hat sich geändert');
    const periods = await section.locator('h3').allInnerTexts();
    expect(periods.map((p) => p.replace(/\s*\(.*\)$/, ''))).toEqual(['Letzte 7 Tage', 'Davor, bis 30 Tage zurück']);
    // The planted release: its name as text, in the group of releases, linking to the project.
    const recent = section.locator('section[aria-labelledby="aenderungen-recent"]');
    const item = recent.locator('li', { hasText: SHOWN });
    await expect(item.count()).resolves.toBe(1);
    await expect(item.locator('a').getAttribute('href')).resolves.toBe(`/projekte/${encodeURIComponent(project.id)}`);
    expect(await recent.locator('h4').allInnerTexts()).toEqual(
      expect.arrayContaining([expect.stringMatching(/^Neue Veröffentlichungen \(\d+\)$/)])
    );
    await expect(page.locator('script', { hasText: 'alert("feed")' }).count()).resolves.toBe(0);
    // A change derive recorded for the world's past days.
    await expect(
      section
        .locator(`a[href="/projekte/${encodeURIComponent(derived.projectId)}"]`)
        .first()
        .textContent()
    ).resolves.toBe(derived.projectName);
    await expect(section.locator('a[href="/feed.atom"]').count()).resolves.toBe(1);
    await expect(section.locator('a[href="/methodik#aenderungen"]').count()).resolves.toBe(1);
    await screenshot(page, 'uebersicht-aenderungen');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('passes axe with JavaScript', async () => {
    const ctx = await dash.context();
    const page = await ctx.newPage();
    await page.goto('/', { waitUntil: 'networkidle' });
    expect(await seriousAxeViolations(page)).toEqual([]);
    await ctx.close();
  });
});

describe('Atom feeds behind the alternate links', () => {
  const alternate = async (path: string) => {
    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    expect((await page.goto(path))?.status()).toBe(200);
    const link = page.locator('head link[rel="alternate"][type="application/atom+xml"]');
    await expect(link.count()).resolves.toBe(1);
    const href = (await link.getAttribute('href'))!;
    expect(await link.getAttribute('title')).toBeTruthy();
    await ctx.close();
    return href;
  };

  it('the overview links the catalog feed: every project, the hostile name escaped', async () => {
    const href = await alternate('/');
    expect(href).toBe('/feed.atom');
    const { xml, feed } = await atom(href);
    expect(xml).not.toContain('<script');
    const planted = feed.entry!.find((e) => text(e.title).includes('alert'))!;
    expect(text(planted.title)).toBe(
      `${project.name}: Neue Veröffentlichung &lt;script&gt;alert(&quot;feed&quot;)&lt;/script&gt; &amp; ]]&gt; Version`
    );
    expect(feed.entry!.some((e) => e.link[0]['@href'] === `${dash.baseUrl}/projekte/${encodeURIComponent(derived.projectId)}`)).toBe(true);
  });

  it('the Steckbrief links its project feed, the organisation page the feed of its own projects', async () => {
    const projectHref = await alternate(`/projekte/${encodeURIComponent(project.id)}`);
    expect(projectHref).toBe(`/projekte/${encodeURIComponent(project.id)}/feed.atom`);
    const own = await atom(projectHref);
    expect(own.feed.entry!.every((e) => e.link[0]['@href'] === `${dash.baseUrl}/projekte/${encodeURIComponent(project.id)}`)).toBe(true);
    expect(own.feed.entry!.some((e) => text(e.title).startsWith('Neue Veröffentlichung &lt;script&gt;'))).toBe(true);

    const orgHref = await alternate(`/organisationen/${encodeURIComponent(project.ownerId)}`);
    expect(orgHref).toBe(`/organisationen/${encodeURIComponent(project.ownerId)}/feed.atom`);
    const org = await atom(orgHref);
    expect(org.feed.entry!.some((e) => text(e.title).startsWith(`${project.name}: Neue Veröffentlichung`))).toBe(true);

    // Conditional GET: the ETag answers 304 (also when the response cache serves it).
    const etag = own.res.headers.get('etag')!;
    const again = await fetch(dash.baseUrl + projectHref, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await fetch(`${dash.baseUrl}/projekte/gibt-es-nicht/feed.atom`)).status).toBe(404);
  });
});
