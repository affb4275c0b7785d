/**
 * „Bereit zur Nachnutzung?“ on the built dashboard: the checklist on the Steckbrief and in the
 * Beschaffungs-Check (one candidate and a comparison), each item linked to its Methodik anchor, and
 * the overview filter for projects that meet every item — without JavaScript, accessible, and as
 * the API and the world's truth say.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { ReuseReadiness } from '../../src/lib/reports/types';
import { apiAll, apiData, screenshot, seriousAxeViolations, startDashboard, watchErrors, type Dashboard } from './harness';

let dash: Dashboard;
interface Listed {
  id: string;
  name: string;
  lifecycle: string | null;
  reuseReady: boolean | null;
}
let projects: Listed[];
const readiness = new Map<string, ReuseReadiness | undefined>();

beforeAll(async () => {
  dash = await startDashboard();
  projects = await apiAll<Listed>(dash, '/api/projects');
  for (const p of projects) {
    if (!p.lifecycle) continue;
    const report = await apiData<{ reuseReadiness?: ReuseReadiness }>(dash, `/api/projects/${encodeURIComponent(p.id)}`);
    readiness.set(p.id, report.reuseReadiness);
  }
});

afterAll(async () => {
  await dash?.close();
});

const STATE_WORDS = { met: 'erfüllt', 'not-met': 'nicht erfüllt', unknown: 'nicht prüfbar' } as const;

/** The rows of the checklist table: item key → [link text, href, cell texts]. */
async function checklistRows(page: Page, scope: string): Promise<Map<string, { href: string; cells: string[] }>> {
  const rows = await page.locator(`${scope} table.readiness tbody tr`).evaluateAll((trs) =>
    trs.map((tr) => ({
      key: tr.getAttribute('data-item') ?? '',
      href: tr.querySelector('th a')?.getAttribute('href') ?? '',
      cells: [...tr.querySelectorAll('td')].map((td) => (td.textContent ?? '').replace(/\s+/g, ' ').trim())
    }))
  );
  return new Map(rows.map((r) => [r.key, { href: r.href, cells: r.cells }]));
}

describe('Bereit zur Nachnutzung?', () => {
  it('the API lists the verdict and the world has ready and unready projects', () => {
    const judged = projects.filter((p) => p.reuseReady !== null);
    expect(judged.length).toBeGreaterThan(1);
    expect(judged.some((p) => p.reuseReady)).toBe(true);
    expect(judged.some((p) => !p.reuseReady)).toBe(true);
    for (const p of judged) expect(p.reuseReady).toBe(readiness.get(p.id)?.allMet ?? null);
  });

  it('shows the checklist on the Steckbrief: every item with its state in words, its value and its Methodik link', async () => {
    const id = projects.find((p) => readiness.get(p.id)?.items.some((i) => i.state === 'not-met'))!.id;
    const expected = readiness.get(id)!;
    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`/projekte/${encodeURIComponent(id)}`);
    await expect(page.locator('h2#bereit-zur-nachnutzung').textContent()).resolves.toBe('Bereit zur Nachnutzung?');
    const rows = await checklistRows(page, 'section[aria-labelledby="bereit-zur-nachnutzung"]');
    expect([...rows.keys()]).toEqual(expected.items.map((i) => i.key));
    for (const item of expected.items) {
      const row = rows.get(item.key)!;
      expect(row.href).toBe(`/methodik#nachnutzbarkeit-${item.key}`);
      expect(row.cells[0]).toContain(STATE_WORDS[item.state]);
      expect(row.cells[0]).toContain(item.valueText);
    }
    await expect(page.locator('[data-testid="readiness-summary"]').textContent()).resolves.toContain(
      `${expected.met} von ${expected.items.length} Punkten erfüllt`
    );
    // Every item's anchor exists on the Methodik page.
    await page.goto('/methodik');
    for (const item of expected.items) expect(await page.locator(`[id="nachnutzbarkeit-${item.key}"]`).count(), item.key).toBe(1);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('shows the checklist in the Beschaffungs-Check of one candidate and side by side for several', async () => {
    const ready = projects.find((p) => p.reuseReady)!;
    const unready = projects.find((p) => p.reuseReady === false)!;
    // JavaScript on for axe only: the pages ship none.
    const ctx = await dash.context();
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`/beschaffung/${encodeURIComponent(ready.id)}`);
    const single = await checklistRows(page, 'section.readiness-check');
    expect(single.size).toBe(readiness.get(ready.id)!.items.length);
    for (const [, row] of single) expect(row.cells[0]).toMatch(/^✓ erfüllt/);
    await expect(page.locator('section.readiness-check [data-testid="readiness-score"]').textContent()).resolves.toContain(
      'bereit zur Nachnutzung'
    );
    expect(await seriousAxeViolations(page)).toEqual([]);

    await page.goto(`/beschaffung?vergleich=${encodeURIComponent(ready.id)},${encodeURIComponent(unready.id)}`);
    const both = await checklistRows(page, 'section.readiness-check');
    const heads = await page.locator('section.readiness-check table.readiness thead th').allInnerTexts();
    expect(heads[1]).toContain(ready.name);
    expect(heads[2]).toContain(unready.name);
    for (const item of readiness.get(unready.id)!.items) {
      const row = both.get(item.key)!;
      expect(row.cells).toHaveLength(2);
      expect(row.cells[1]).toContain(STATE_WORDS[item.state]);
    }
    await screenshot(page, 'beschaffung-bereit-zur-nachnutzung');
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });

  it('filters the overview to the projects that meet every item, without JavaScript', async () => {
    const expected = projects
      .filter((p) => p.reuseReady)
      .map((p) => p.id)
      .sort();
    expect(expected.length).toBeLessThan(projects.length);
    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/');
    await page.check('#f-nachnutzbar');
    await Promise.all([page.waitForURL(/nachnutzbar=ja/), page.locator('form.filters button[type="submit"]').click()]);
    const shown = await page
      .locator('main table tbody tr')
      .evaluateAll((rows) => rows.map((row) => row.querySelector('a[href^="/projekte/"]')?.getAttribute('href') ?? ''));
    expect(shown.map((h) => decodeURIComponent(h.replace(/^\/projekte\//, ''))).sort()).toEqual(expected);
    for (const row of await page.locator('main table tbody tr').allInnerTexts()) expect(row).toContain('bereit zur Nachnutzung');
    expect(await page.locator('#f-nachnutzbar').isChecked()).toBe(true);
    await expect(page.locator('#projekte-titel').textContent()).resolves.toContain('bereit zur Nachnutzung');
    const url = page.url();
    await ctx.close();
    const axeCtx = await dash.context();
    const axePage = await axeCtx.newPage();
    await axePage.goto(url);
    expect(await seriousAxeViolations(axePage)).toEqual([]);
    await axeCtx.close();
  });
});
