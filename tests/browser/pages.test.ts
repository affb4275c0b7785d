/**
 * Every page of the built dashboard in Chromium: renders without console errors, passes axe-core's
 * WCAG 2 A/AA rules without serious or critical violations, renders its main content without
 * JavaScript, shows untrusted forge text as text. Screenshots go to test-results/screenshots/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousAxeViolations, startDashboard, watchErrors, type Dashboard } from './harness';

/** path, screenshot name, text the main content must show. */
const PAGES: [string, string, string][] = [
  ['/', 'uebersicht', 'Terminbuchung'],
  ['/projekte/terminbuchung', 'steckbrief', 'Terminbuchung'],
  ['/beschaffung/terminbuchung', 'beschaffung', 'Terminbuchung'],
  ['/beschaffung?vergleich=terminbuchung,maengelmelder', 'beschaffung-vergleich', 'Mängelmelder'],
  ['/methodik', 'methodik', 'Vitalität'],
  ['/organisationen', 'organisationen', 'Stadt Ulm'],
  ['/organisationen/ulm', 'organisation-ulm', 'Mängelmelder'],
  ['/nachnutzung', 'nachnutzung', 'Stadt Dortmund'],
  ['/status', 'status', 'git.dataport.example']
];

let dash: Dashboard;

beforeAll(async () => {
  dash = await startDashboard();
});

afterAll(async () => {
  await dash?.close();
});

describe('pages with JavaScript', () => {
  for (const [path, name, text] of PAGES) {
    it(`${path} renders without console errors and without serious accessibility violations`, async () => {
      const ctx = await dash.context();
      const page = await ctx.newPage();
      const errors = watchErrors(page);
      const response = await page.goto(path, { waitUntil: 'networkidle' });
      expect(response?.status(), dash.serverOutput()).toBe(200);
      await expect(page.locator('main h1').first().textContent()).resolves.toBeTruthy();
      expect(await page.locator('main').innerText()).toContain(text);
      await screenshot(page, name);
      const violations = await seriousAxeViolations(page);
      expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }
});

describe('pages without JavaScript', () => {
  for (const [path, , text] of PAGES) {
    it(`${path} shows its main content`, async () => {
      const ctx = await dash.context({ javaScriptEnabled: false });
      const page = await ctx.newPage();
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      expect(await page.locator('main h1').first().textContent()).toBeTruthy();
      expect(await page.locator('main').innerText()).toContain(text);
      await ctx.close();
    });
  }

  it('draws the reuse network as SVG without JavaScript', async () => {
    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/nachnutzung');
    expect(await page.locator('svg a.node').count()).toBeGreaterThan(5);
    expect(await page.locator('svg line.edge.observed').count()).toBeGreaterThan(0);
    expect(await page.locator('svg line.edge.declared').count()).toBeGreaterThan(0);
    await ctx.close();
  });
});

describe('untrusted text', () => {
  const XSS = '<script>alert(1)</script>';
  for (const path of ['/', '/projekte/buergerbot', '/organisationen/ulm', '/nachnutzung']) {
    it(`${path} shows <script> from a forge as text and never runs it`, async () => {
      const ctx = await dash.context();
      const page = await ctx.newPage();
      const dialogs: string[] = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      const errors = watchErrors(page);
      await page.goto(path, { waitUntil: 'networkidle' });
      if (path !== '/nachnutzung') expect(await page.locator('main').innerText()).toContain(XSS);
      const injected = await page.evaluate(
        () => [...document.querySelectorAll('script, img')].filter((el) => /alert\(|onerror/.test(el.outerHTML)).length
      );
      expect(injected).toBe(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }
});
