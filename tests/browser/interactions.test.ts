/**
 * What users do on the built dashboard: filter and sort the overview (kept in the URL), compare
 * candidates, choose a period and download the OSPO report as CSV and ODS, filter the reuse
 * network and reach its nodes with the keyboard.
 */
import { dsvFormat } from 'd3';
import { strFromU8, unzipSync } from 'fflate';
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, startDashboard, watchErrors, type Dashboard } from './harness';

let dash: Dashboard;

beforeAll(async () => {
  dash = await startDashboard();
});

afterAll(async () => {
  await dash?.close();
});

describe('Übersicht', () => {
  it('keeps filters and sorting in the URL across a reload', async () => {
    const ctx = await dash.context();
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto('/');
    await page.selectOption('select[name="zustand"]', 'aktiv');
    await page.selectOption('select[name="sortierung"]', 'name');
    await Promise.all([page.waitForURL(/zustand=aktiv/), page.locator('form.filters button[type="submit"]').click()]);
    expect(page.url()).toContain('sortierung=name');
    const before = await page.locator('main table tbody tr').allInnerTexts();
    expect(before.length).toBeGreaterThan(0);
    await page.reload();
    expect(await page.locator('select[name="zustand"]').inputValue()).toBe('aktiv');
    expect(await page.locator('select[name="sortierung"]').inputValue()).toBe('name');
    expect(await page.locator('main table tbody tr').allInnerTexts()).toEqual(before);
    for (const row of before) expect(row).toContain('aktiv');
    expect(errors).toEqual([]);
    await ctx.close();
  });
});

describe('Beschaffungs-Check', () => {
  it('compares candidates side by side', async () => {
    const ctx = await dash.context();
    const page = await ctx.newPage();
    const response = await page.goto('/beschaffung?vergleich=terminbuchung,maengelmelder,ratsinfo');
    expect(response?.status()).toBe(200);
    const table = page.locator('main table').first();
    const header = await table.locator('thead').innerText();
    for (const name of ['Terminbuchung', 'Mängelmelder', 'Ratsinformationssystem']) expect(header).toContain(name);
    await ctx.close();
  });
});

/** The organisation the OSPO tests use; its expected figures come from the JSON API. */
const ORG = 'ulm';

interface OrgReport {
  ownProjects: { id: string }[];
  contributionsElsewhere: { projectId: string; projectName: string; commits: number; issues: number; comments: number }[];
  contributors: { name: string; commits: number; issues: number; comments: number }[];
}

async function orgReport(query: string): Promise<OrgReport> {
  const res = await fetch(`${dash.baseUrl}/api/organisations/${ORG}?${query}`);
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

describe('Organisation', () => {
  it('chooses a period without JavaScript and keeps it in the URL', async () => {
    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto(`/organisationen/${ORG}`);
    const whole = await orgReport('');
    expect(whole.contributionsElsewhere.length, 'the test data needs contributions elsewhere').toBeGreaterThan(0);
    expect(await page.locator('main').innerText()).toContain(summary(whole));
    await page.fill('input[name="von"]', '2026-11-01');
    await page.fill('input[name="bis"]', '2026-11-23');
    await Promise.all([page.waitForURL(/von=2026-11-01/), page.locator('form.period button[type="submit"]').click()]);
    expect(page.url()).toContain('bis=2026-11-23');
    const part = await orgReport('von=2026-11-01&bis=2026-11-23');
    expect(summary(part)).not.toBe(summary(whole));
    expect(await page.locator('main').innerText()).toContain(summary(part));
    await ctx.close();
  });

  it('downloads valid CSV and ODS for the period', async () => {
    const period = 'von=2025-11-24&bis=2026-11-23';
    const expected = await orgReport(period);
    const ctx = await dash.context({ acceptDownloads: true });
    const page = await ctx.newPage();
    await page.goto(`/organisationen/${ORG}?${period}`);

    const [csvDownload] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('a[href*="tabelle=beitraege&trennzeichen=semikolon"]').click()
    ]);
    const csv = readFileSync((await csvDownload.path())!, 'utf8');
    expect(csvDownload.suggestedFilename()).toBe(`allmende-${ORG}-beitraege-2025-11-24-2026-11-23.csv`);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(dsvFormat(';').parseRows(csv.slice(1).trim())).toEqual([
      ['Projekt-ID', 'Projekt', 'Commits', 'Issues', 'Kommentare'],
      ...expected.contributionsElsewhere.map((c) => [c.projectId, c.projectName, String(c.commits), String(c.issues), String(c.comments)])
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
      'Beitragende'
    ]);
    expect(sheets[0].rows.slice(1).map((r) => r[0])).toEqual(expected.ownProjects.map((p) => p.id));
    expect(sheets[1].rows.slice(1)).toEqual(
      expected.contributionsElsewhere.map((c) => [c.projectId, c.projectName, String(c.commits), String(c.issues), String(c.comments)])
    );
    expect(sheets[4].rows.slice(1)).toEqual(
      expected.contributors.map((c) => [c.name, String(c.commits), String(c.issues), String(c.comments)])
    );
    await ctx.close();
  });
});

describe('Nachnutzung', () => {
  it('reaches the network nodes with Tab and shows their evidence on focus', async () => {
    const ctx = await dash.context();
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto('/nachnutzung', { waitUntil: 'networkidle' });
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
    await screenshot(page, 'nachnutzung-fokus');
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('filters by region and kind through the URL', async () => {
    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/nachnutzung?region=DE-NW&art=county');
    const labels = await page.locator('svg a.node').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const orgs = labels.filter((l) => l.startsWith('Organisation'));
    expect(orgs.length).toBeGreaterThan(0);
    for (const l of orgs) expect(l).toContain('Kreis Lippe');
    expect(await page.locator('select[name="region"]').inputValue()).toBe('DE-NW');
    expect(await page.locator('select[name="art"]').inputValue()).toBe('county');
    await ctx.close();
  });
});
