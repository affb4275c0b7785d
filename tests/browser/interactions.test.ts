/**
 * What users do on the built dashboard: filter and sort the overview (kept in the URL), compare
 * candidates, choose a period and download the OSPO report as CSV and ODS, filter the reuse
 * network and reach its nodes with the keyboard.
 */
import { dsvFormat } from 'd3';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { screenshot, seriousAxeViolations, startDashboard, watchErrors, type Dashboard } from './harness';
import { loadPicks, type OrgReport, type Picks, type ProjectItem } from './picks';

let dash: Dashboard;
let picks: Picks;

beforeAll(async () => {
  dash = await startDashboard();
  picks = await loadPicks(dash);
});

afterAll(async () => {
  await dash?.close();
});

/** The projects the overview table shows, by id, in order. The tiny world fits on the first page. */
async function overviewIds(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator('main table tbody tr')
    .evaluateAll((rows) => rows.map((row) => row.querySelector('a[href^="/projekte/"]')?.getAttribute('href') ?? ''));
  return hrefs.map((h) => decodeURIComponent(h.replace(/^\/projekte\//, '')));
}

const collator = new Intl.Collator('de', { sensitivity: 'base', numeric: true });
const ids = (projects: ProjectItem[]) => projects.map((p) => p.id).sort();

describe('Übersicht', () => {
  it('keeps filters and sorting in the URL across a reload', async () => {
    const expected = picks.projects.filter((p) => p.lifecycle === 'aktiv');
    expect(expected.length, 'Die Welt braucht aktive Projekte.').toBeGreaterThan(1);
    expect(expected.length, 'Nicht alle Projekte dürfen aktiv sein, sonst filtert der Test nichts.').toBeLessThan(picks.projects.length);
    const ctx = await dash.context();
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    await page.selectOption('select[name="zustand"]', 'aktiv');
    await page.selectOption('select[name="sortierung"]', 'name');
    await Promise.all([page.waitForURL(/zustand=aktiv/), page.locator('form.filters button[type="submit"]').click()]);
    expect(page.url()).toContain('sortierung=name');
    const before = await overviewIds(page);
    expect([...before].sort()).toEqual(ids(expected));
    const names = before.map((id) => picks.projects.find((p) => p.id === id)!.name);
    expect(names).toEqual([...names].sort(collator.compare));
    const rows = await page.locator('main table tbody tr').allInnerTexts();
    for (const row of rows) expect(row).toContain('aktiv');
    await page.reload();
    expect(await page.locator('select[name="zustand"]').inputValue()).toBe('aktiv');
    expect(await page.locator('select[name="sortierung"]').inputValue()).toBe('name');
    expect(await overviewIds(page)).toEqual(before);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('sorts by score with unrated projects last', async () => {
    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/?sortierung=score');
    const shown = await overviewIds(page);
    expect([...shown].sort()).toEqual(ids(picks.projects));
    const scores = shown.map((id) => picks.projects.find((p) => p.id === id)!.score);
    const rated = scores.filter((s): s is number => s !== null);
    expect(scores.slice(0, rated.length)).toEqual(rated);
    expect(rated).toEqual([...rated].sort((a, b) => b - a));
    await ctx.close();
  });

  it('filters by region, organisation kind, platform and licence through the URL', async () => {
    const forgesOf = (p: ProjectItem) => picks.details.get(p.id)!.repositories.map((r) => r.forge);
    const facets: [string, (p: ProjectItem) => (string | null)[]][] = [
      ['region', (p) => [p.owner?.region ?? null]],
      ['art', (p) => [p.owner?.kind ?? null]],
      ['plattform', forgesOf],
      ['lizenz', (p) => [p.licence]]
    ];
    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    for (const [param, values] of facets) {
      // The value that selects the most projects while leaving some out: the filter must do something.
      const counts = new Map<string, number>();
      for (const p of picks.projects) for (const v of new Set(values(p))) if (v) counts.set(v, (counts.get(v) ?? 0) + 1);
      const [value] = [...counts].filter(([, n]) => n < picks.projects.length).sort((a, b) => b[1] - a[1])[0] ?? [];
      expect(value, `Kein Wert für ${param}, der Projekte ausschließt`).toBeDefined();
      const expected = picks.projects.filter((p) => values(p).includes(value!));
      await page.goto(`/?${param}=${encodeURIComponent(value!)}`);
      expect([...(await overviewIds(page))].sort(), `${param}=${value}`).toEqual(ids(expected));
      expect(await page.locator(`select[name="${param}"]`).inputValue()).toBe(value);
    }
    await ctx.close();
  });
});

describe('Beschaffungs-Check', () => {
  it('compares four candidates side by side', async () => {
    const ctx = await dash.context();
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    const response = await page.goto(`/beschaffung?vergleich=${picks.candidates.map((c) => encodeURIComponent(c.id)).join(',')}`);
    expect(response?.status()).toBe(200);
    const table = page.locator('main table').first();
    const header = await table.locator('thead').innerText();
    for (const c of picks.candidates) expect(header).toContain(c.name);
    const positions = picks.candidates.map((c) => header.indexOf(c.name));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('Beschaffungs-Check: choosing candidates', () => {
  const label = (p: ProjectItem) => (p.owner ? `${p.name} (${p.owner.name})` : p.name);

  it('takes a label from the list and an id, and redirects to the address of the comparison', async () => {
    const ctx = await dash.context();
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto('/beschaffung');
    // Every project is in the fields' list (the tiny world is far below the limit).
    const options = await page.locator('datalist#projekt-liste option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(options).toHaveLength(picks.projects.length);
    const [first, second] = picks.candidates;
    expect(options).toContain(label(first));
    await page.getByLabel('Kandidat 1', { exact: true }).fill(label(first));
    await page.getByLabel('Kandidat 2', { exact: true }).fill(second.id.toUpperCase());
    await Promise.all([page.waitForURL(/vergleich=/), page.getByRole('button', { name: 'Vergleichen' }).click()]);
    expect(new URL(page.url()).searchParams.get('vergleich')).toBe(`${first.id},${second.id}`);
    // The fields show the candidates again, as labels.
    expect(await page.getByLabel('Kandidat 1', { exact: true }).inputValue()).toBe(label(first));
    expect(await page.getByLabel('Kandidat 2', { exact: true }).inputValue()).toBe(label(second));
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('offers the projects that fit a text naming several, and says when none fits', async () => {
    const ctx = await dash.context();
    const page = await ctx.newPage();
    const first = picks.candidates[0];
    // A text contained in several projects' names or owners: the first letters all projects of an owner share.
    const owner = picks.projects.find((p) => p.owner && picks.projects.filter((q) => q.owner?.id === p.owner!.id).length > 1)!.owner!;
    await page.goto(`/beschaffung?p=${encodeURIComponent(first.id)}&p=${encodeURIComponent(owner.name)}&p=Kl%C3%A4ranlage-Gibt-es-nicht`);
    expect(new URL(page.url()).searchParams.getAll('p')).toHaveLength(3); // no redirect: two fields name no project
    const group = page.getByRole('group', { name: `Kandidat 2: Welches Projekt ist mit „${owner.name}“ gemeint?` });
    const radios = group.getByRole('radio');
    expect(await radios.count()).toBeGreaterThan(1);
    const unknown = page.getByLabel('Kandidat 3', { exact: true });
    expect(await unknown.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#kandidat-3-fehler').innerText()).toContain('Kein Projekt passt zu „Kläranlage-Gibt-es-nicht“');
    // The first candidate is compared meanwhile.
    expect(await page.locator('main table').first().locator('thead').innerText()).toContain(first.name);
    expect(await seriousAxeViolations(page)).toEqual([]);
    const chosen = await radios.nth(1).getAttribute('value');
    await radios.nth(1).check();
    await unknown.fill('');
    await Promise.all([page.waitForURL(/vergleich=/), page.getByRole('button', { name: 'Vergleichen' }).click()]);
    expect(new URL(page.url()).searchParams.get('vergleich')).toBe(chosen === first.id ? first.id : `${first.id},${chosen}`);
    await ctx.close();
  });
});

/** The organisation the OSPO tests use (own projects, contributions elsewhere); figures from the API. */
const org = () => picks.org.id;

async function orgReport(query: string): Promise<OrgReport> {
  const res = await fetch(`${dash.baseUrl}/api/organisations/${org()}?${query}`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { data: OrgReport }).data;
}

function summary(r: OrgReport): string {
  const sum = (k: 'commits' | 'issues' | 'comments') => r.contributionsElsewhere.reduce((a, c) => a + c[k], 0).toLocaleString('de-DE');
  const n = r.contributionsElsewhere.length;
  return n === 0
    ? 'Beiträge zu fremden Projekten: keine im Zeitraum'
    : `Beiträge zu fremden Projekten: ${n} ${n === 1 ? 'Projekt' : 'Projekte'}, ${sum('commits')} Commits, ${sum('issues')} Issues, ${sum('comments')} Kommentare`;
}

const shift = (date: string, days: number) => new Date(Date.parse(date) + days * 86_400_000).toISOString().slice(0, 10);

describe('Organisation', () => {
  it('chooses a period without JavaScript and keeps it in the URL', async () => {
    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`/organisationen/${org()}`);
    const whole = await orgReport('');
    expect(whole.contributionsElsewhere.length, 'the test data needs contributions elsewhere').toBeGreaterThan(0);
    expect(await page.locator('main').innerText()).toContain(summary(whole));
    // A shorter period whose figures differ from the whole one's.
    let period: { from: string; to: string; report: OrgReport } | null = null;
    for (const [from, to] of [
      [shift(whole.to, -30), whole.to],
      [shift(whole.to, -90), whole.to],
      [shift(whole.to, -180), whole.to],
      [whole.from, shift(whole.from, 90)],
      [whole.from, shift(whole.from, 180)]
    ]) {
      const report = await orgReport(`von=${from}&bis=${to}`);
      if (summary(report) !== summary(whole)) {
        period = { from, to, report };
        break;
      }
    }
    expect(period, 'the test data needs contributions that a shorter period leaves out').not.toBeNull();
    const { from, to } = period!;
    await page.fill('input[name="von"]', from);
    await page.fill('input[name="bis"]', to);
    await Promise.all([page.waitForURL(new RegExp(`von=${from}`)), page.locator('form.period button[type="submit"]').click()]);
    expect(page.url()).toContain(`bis=${to}`);
    const part = await orgReport(`von=${from}&bis=${to}`);
    expect(part).toEqual(period!.report);
    expect(await page.locator('main').innerText()).toContain(summary(part));
    await ctx.close();
  });

  it('downloads valid CSV and ODS for the period', async () => {
    const { from, to } = picks.org;
    const period = `von=${from}&bis=${to}`;
    const expected = await orgReport(period);
    expect(expected.contributionsElsewhere.length, 'the test data needs contributions elsewhere').toBeGreaterThan(0);
    const ctx = await dash.context({ acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(`/organisationen/${org()}?${period}`);

    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a[href*="tabelle=beitraege&trennzeichen=semikolon"]').click()
    ]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csvDownload.suggestedFilename()).toBe(`allmende-${org()}-beitraege-${from}-${to}.csv`);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const csvRows = dsvFormat(';').parseRows(csv.slice(1).trim());
    // The existing columns first (their order kept for existing consumers), the previous period's after them.
    expect(csvRows.map((r) => r.slice(0, 5))).toEqual([
      ['Projekt-ID', 'Projekt', 'Commits', 'Issues', 'Kommentare'],
      ...expected.contributionsElsewhere.map((c) => [c.projectId, c.projectName, String(c.commits), String(c.issues), String(c.comments)])
    ]);
    expect(csvRows[0].slice(5)).toEqual([
      'Commits im Vorzeitraum',
      'Veränderung Commits',
      'Issues im Vorzeitraum',
      'Veränderung Issues',
      'Kommentare im Vorzeitraum',
      'Veränderung Kommentare'
    ]);

    const [odsDownload] = await Promise.all([page.waitForEvent('download'), page.locator('a[href*="export.ods"]').click()]);
    const bytes = readFileSync((await odsDownload.path())!);
    expect(bytes.subarray(30, 38).toString()).toBe('mimetype');
    const files = unzipSync(new Uint8Array(bytes));
    expect(Object.keys(files)[0]).toBe('mimetype');
    expect(strFromU8(files.mimetype)).toBe('application/vnd.oasis.opendocument.spreadsheet');
    for (const part of ['META-INF/manifest.xml', 'styles.xml', 'meta.xml', 'content.xml']) expect(files[part]).toBeDefined();
    const content = strFromU8(files['content.xml']);
    // Chromium's XML parser judges well-formedness; the cells are read back through the DOM.
    const parsed = await page.evaluate((xml) => {
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      if (doc.getElementsByTagName('parsererror').length) return { error: doc.documentElement.textContent };
      const T = 'urn:oasis:names:tc:opendocument:xmlns:table:1.0';
      return {
        error: null,
        sheets: [...doc.getElementsByTagNameNS(T, 'table')].map((table) => ({
          name: table.getAttributeNS(T, 'name'),
          rows: [...table.getElementsByTagNameNS(T, 'table-row')].map((row) =>
            [...row.getElementsByTagNameNS(T, 'table-cell')].map((cell) => cell.textContent ?? '')
          )
        }))
      };
    }, content);
    expect(parsed.error).toBeNull();
    const sheets = parsed.sheets!;
    expect(sheets.map((s) => s.name)).toEqual([
      'Eigene Projekte',
      'Beiträge zu fremden Projekten',
      'Nachnutzung eigener Projekte',
      'Genutzte fremde Projekte',
      'Beitragende',
      'Vergleich mit dem Vorzeitraum',
      'Veränderte Nachnutzung'
    ]);
    expect(sheets[0].rows.slice(1).map((r) => r[0])).toEqual(expected.ownProjects.map((p) => p.id));
    expect(sheets[1].rows.slice(1).map((r) => r.slice(0, 5))).toEqual(
      expected.contributionsElsewhere.map((c) => [c.projectId, c.projectName, String(c.commits), String(c.issues), String(c.comments)])
    );
    expect(sheets[4].rows.slice(1)).toEqual(
      expected.contributors.map((c) => [c.name, String(c.commits), String(c.issues), String(c.comments)])
    );
    await ctx.close();
  });
});

describe('Organisation: Vergleich mit dem Vorzeitraum', () => {
  interface Figure {
    key: string;
    current: number | null;
    previous: number | null;
    comparable: boolean;
    difference: number | null;
  }
  type Compared = OrgReport & { comparison: { from: string; to: string; figures: Figure[] } | null };
  const de = (iso: string) => iso.split('-').reverse().join('.');
  const esc = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('shows each key figure with the previous period and the change in words, and can be switched off without JavaScript', async () => {
    const { from, to } = picks.org;
    const compared = (await orgReport(`von=${from}&bis=${to}`)) as Compared;
    const c = compared.comparison!;
    expect(c, 'the API carries the comparison').not.toBeNull();
    const range = `${de(c.from)}–${de(c.to)}`;
    // The previous period's figures are those of that period asked for alone.
    const alone = (await orgReport(`von=${c.from}&bis=${c.to}&vergleich=aus`)) as Compared;
    expect(alone.comparison).toBeNull();
    const commits = c.figures.find((f) => f.key === 'elsewhereCommits')!;
    expect(commits.previous).toBe(alone.contributionsElsewhere.reduce((a, x) => a + x.commits, 0));
    expect(commits.current).toBe(compared.contributionsElsewhere.reduce((a, x) => a + x.commits, 0));

    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`/organisationen/${org()}?von=${from}&bis=${to}`);
    const section = page.locator('section[aria-labelledby="comparison-title"]');
    await expect.poll(() => section.locator('h2').textContent()).toBe('Vergleich mit dem Vorzeitraum');
    expect(await section.locator('caption').textContent()).toContain(`Vorzeitraum ${range}`);
    const rows = await section.locator('tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({
        key: tr.getAttribute('data-figure'),
        cells: [...tr.children].map((td) => (td.textContent ?? '').replace(/[ \n\t]+/g, ' ').trim())
      }))
    );
    expect(rows.map((r) => r.key)).toEqual(c.figures.map((f) => f.key));
    for (const f of c.figures) {
      const [, current, previous, change] = rows.find((r) => r.key === f.key)!.cells;
      expect(current, f.key).toBe(f.current === null ? 'keine Daten' : f.current.toLocaleString('de-DE'));
      expect(previous, f.key).toBe(f.previous === null ? 'keine Daten' : f.previous.toLocaleString('de-DE'));
      if (!f.comparable) expect(change, f.key).toBe('nicht vergleichbar');
      else if (f.difference === 0) expect(change, f.key).toBe(`±0 (unverändert) gegenüber ${range}`);
      else {
        // The sign and the percentage in words, not an arrow or a colour.
        const sign = f.difference! > 0 ? '+' : '-';
        const percent = f.previous === 0 ? esc('vorher 0') : `${esc(sign)}\\d+(,\\d)?\u202f%`;
        const words = `^${esc(`${sign}${Math.abs(f.difference!).toLocaleString('de-DE')}`)} \\(${percent}\\) ${esc(`gegenüber ${range}`)}$`;
        expect(change, f.key).toMatch(new RegExp(words));
      }
    }
    // The downloads carry the comparison.
    expect(await page.locator('a[href*="tabelle=vergleich"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'organisation-vergleich');

    // Switched off in the form: the URL says so, the section and its tables are gone, the downloads follow.
    await page.selectOption('select[name="vergleich"]', 'aus');
    await Promise.all([page.waitForURL(/vergleich=aus/), page.locator('form.period button[type="submit"]').click()]);
    expect(await section.count()).toBe(0);
    expect(await page.locator('main').innerText()).toContain('Ohne Vergleich mit dem Vorzeitraum.');
    expect(await page.locator('a[href*="tabelle=vergleich"]').count()).toBe(0);
    expect(await page.locator('a[href*="export.ods"]').getAttribute('href')).toContain('vergleich=aus');
    expect(await page.locator('select[name="vergleich"]').inputValue()).toBe('aus');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('Nachnutzung', () => {
  it('reaches the network nodes of a neighbourhood with Tab and shows their evidence on focus', async () => {
    const ctx = await dash.context();
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`/nachnutzung/projekt/${encodeURIComponent(picks.reusedProject.id)}`, { waitUntil: 'networkidle' });
    let focused: { key: string | null; label: string | null } | null = null;
    for (let i = 0; i < 60 && !focused?.key; i++) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => {
        const el = document.activeElement;
        return el && el.closest('svg') ? { key: el.getAttribute('data-key'), label: el.getAttribute('aria-label') } : null;
      });
    }
    expect(focused?.key, 'Tab erreicht keinen Knoten des Netzes').toBeTruthy();
    expect(focused?.label).toMatch(/^(Organisation|Projekt) /);
    const name = await page.locator(`a.node[data-key="${focused!.key}"] title`).evaluate((t) => t.textContent!.split('\n')[0]);
    await expect.poll(() => page.locator('.evidence h3').textContent()).toBe(name);
    await page.keyboard.press('Tab');
    const next = await page.evaluate(() => document.activeElement?.getAttribute('data-key'));
    expect(next).toBeTruthy();
    expect(next).not.toBe(focused!.key);
    // A node is a link to the neighbourhood of that organisation or project.
    const href = await page.evaluate(() => document.activeElement?.getAttribute('href'));
    expect(href).toMatch(/^\/nachnutzung\/(organisation|projekt)\//);
    await screenshot(page, 'nachnutzung-fokus');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('filters the overview by region and kind through the URL, without JavaScript', async () => {
    // The reusing organisation whose region and kind the fewest other reusing organisations share.
    const reusers = [...new Set(picks.reuse.map((r) => r.organisationId))]
      .map((id) => picks.organisations.get(id))
      .filter((o): o is OrgReport => o !== undefined);
    const pair = (o: OrgReport) => `${o.region}|${o.kind}`;
    const chosen = reusers
      .filter((o) => o.region)
      .sort((a, b) => reusers.filter((o) => pair(o) === pair(a)).length - reusers.filter((o) => pair(o) === pair(b)).length)[0];
    expect(chosen, 'Die Welt braucht nachnutzende Organisationen mit Region.').toBeDefined();
    const expected = reusers.filter((o) => pair(o) === pair(chosen)).map((o) => o.id);
    expect(expected.length, 'Der Filter soll Organisationen ausschließen.').toBeLessThan(reusers.length);
    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/nachnutzung');
    await page.selectOption('select[name="region"]', chosen.region!);
    await page.selectOption('select[name="art"]', chosen.kind);
    await page.click('form.filters button[type="submit"]');
    expect(new URL(page.url()).searchParams.get('region')).toBe(chosen.region);
    const shown = await page
      .locator('#pairs-title ~ .table-wrap a[href^="/nachnutzung/organisation/"]')
      .evaluateAll((els) => els.map((e) => decodeURIComponent(e.getAttribute('href')!.split('/').pop()!)));
    expect(shown.length).toBeGreaterThan(0);
    for (const id of shown) expect(expected, id).toContain(id);
    for (const id of expected) expect(shown, id).toContain(id);
    expect(await page.locator('select[name="region"]').inputValue()).toBe(chosen.region);
    expect(await page.locator('select[name="art"]').inputValue()).toBe(chosen.kind);
    await ctx.close();
  });
});
