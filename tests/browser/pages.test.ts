/**
 * Every page of the built dashboard in Chromium, on the collected `tiny` world: renders without console
 * errors, passes axe-core's WCAG 2 A/AA rules without serious or critical violations, renders its main
 * content without JavaScript, shows untrusted forge text as text. Screenshots go to
 * test-results/screenshots/. Which project or organisation a page shows is chosen from the data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { screenshot, seriousAxeViolations, startDashboard, watchErrors, type Dashboard } from './harness';
import { loadPicks, type Picks } from './picks';
import { XSS_MARKUP, XSS_TEXT } from './world-db';
import { DEFAULT_RETENTION } from '../../src/lib/catalog/schema';

let dash: Dashboard;
let picks: Picks;

beforeAll(async () => {
  dash = await startDashboard();
  picks = await loadPicks(dash);
});

afterAll(async () => {
  await dash?.close();
});

const id = encodeURIComponent;

/** Screenshot name, then path and a text the main content must show, both from the data. */
const PAGES: [string, (p: Picks) => [string, string]][] = [
  ['uebersicht', (p) => ['/', p.active.name]],
  ['steckbrief', (p) => [`/projekte/${id(p.active.id)}`, p.active.name]],
  ['beschaffung', (p) => [`/beschaffung/${id(p.active.id)}`, p.active.name]],
  ['beschaffung-vergleich', (p) => [`/beschaffung?vergleich=${p.candidates.map((c) => id(c.id)).join(',')}`, p.candidates[1].name]],
  ['methodik', () => ['/methodik', 'Vitalität']],
  ['organisationen', (p) => ['/organisationen', p.org.name]],
  ['organisation', (p) => [`/organisationen/${id(p.org.id)}`, p.org.ownProjects.find((o) => !o.name.includes('<'))?.name ?? p.org.name]],
  ['nachnutzung', (p) => ['/nachnutzung', p.adopter.name]],
  ['nachnutzung-projekt', (p) => [`/nachnutzung/projekt/${id(p.reusedProject.id)}`, p.reusedProject.name]],
  ['nachnutzung-organisation', (p) => [`/nachnutzung/organisation/${id(p.adopter.id)}`, p.adopter.name]],
  ['status', (p) => ['/status', p.failingRepository ?? 'Letzte Erhebung']],
  ['datenschutz', () => ['/datenschutz', `${DEFAULT_RETENTION.removedRepositoriesDays} Tage nach seiner letzten Sammlung gelöscht`]]
];

describe('pages with JavaScript', () => {
  for (const [name, page] of PAGES) {
    it(`${name} renders without console errors and without serious accessibility violations`, async () => {
      const [path, text] = page(picks);
      const ctx = await dash.context();
      const tab = await ctx.newPage();
      const errors = watchErrors(tab);
      const response = await tab.goto(path, { waitUntil: 'networkidle' });
      expect(response?.status(), `${path}\n${dash.serverOutput()}`).toBe(200);
      await expect(tab.locator('main h1').first().textContent()).resolves.toBeTruthy();
      expect(await tab.locator('main').innerText(), path).toContain(text);
      await screenshot(tab, name);
      const violations = await seriousAxeViolations(tab);
      expect(violations, `${path}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
      expect(errors, path).toEqual([]);
      await ctx.close();
    });
  }
});

describe('pages without JavaScript', () => {
  for (const [name, page] of PAGES) {
    it(`${name} shows its main content`, async () => {
      const [path, text] = page(picks);
      const ctx = await dash.context({ javaScriptEnabled: false });
      const tab = await ctx.newPage();
      const response = await tab.goto(path);
      expect(response?.status(), path).toBe(200);
      expect(await tab.locator('main h1').first().textContent()).toBeTruthy();
      expect(await tab.locator('main').innerText(), path).toContain(text);
      await ctx.close();
    });
  }

  it('status shows the collection run with its figures and the repository that failed', async () => {
    const { collected } = dash.world.meta;
    expect(collected.failed, 'Die Welt hat ein Repository, das sich nicht lesen lässt (privat).').toBeGreaterThan(0);
    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    await page.goto('/status');
    const main = await page.locator('main').innerText();
    expect(main).toContain(`${collected.repositories} von ${collected.repositories} Repositories`);
    expect(main).toContain(collected.requests.toLocaleString('de-DE'));
    expect(main).toContain(collected.items.toLocaleString('de-DE'));
    expect(main).toContain(picks.failingRepository!);
    expect(main).toMatch(/GitHub\s+[\d.]+\s+5\.000/);
    await ctx.close();
  });

  it('draws a project’s reuse neighbourhood as SVG without JavaScript, one node per reusing organisation, beside the table', async () => {
    const strengths = new Set(picks.reuse.map((r) => r.strength));
    expect(strengths, 'Die Welt braucht beobachtete und erklärte Nachnutzung.').toEqual(new Set(['beobachtet', 'erklärt']));
    const ctx = await dash.context({ javaScriptEnabled: false });
    const page = await ctx.newPage();
    // One project with observed and one with declared-only reuse (maybe the same).
    const pairStrength = (projectId: string, organisationId: string) =>
      picks.reuse.some((r) => r.projectId === projectId && r.organisationId === organisationId && r.strength === 'beobachtet')
        ? 'observed'
        : 'declared';
    for (const wanted of ['observed', 'declared']) {
      const row = picks.reuse.find((r) => pairStrength(r.projectId, r.organisationId) === wanted);
      // Declared reuse may always come with observed evidence in a world; then there is no dashed line to see.
      if (!row && wanted === 'declared') continue;
      expect(row, `Die Welt braucht ${wanted === 'observed' ? 'beobachtete' : 'nur erklärte'} Nachnutzung.`).toBeDefined();
      if (!row) continue;
      const reusers = new Set(picks.reuse.filter((r) => r.projectId === row.projectId).map((r) => r.organisationId));
      await page.goto(`/nachnutzung/projekt/${id(row.projectId)}`);
      const labels = await page.locator('svg a.node').evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
      expect(labels.filter((l) => l.startsWith('Organisation ')).length, row.projectId).toBeGreaterThanOrEqual(Math.min(30, reusers.size));
      expect(labels.some((l) => l.startsWith(`Projekt ${row.projectName}`))).toBe(true);
      expect(await page.locator(`svg line.edge.${wanted}`).count(), row.projectId).toBeGreaterThan(0);
      // Every reusing organisation is in the table beside the network, with a link to its own neighbourhood.
      const table = await page.locator('#nachnutzende table').innerText();
      for (const r of picks.reuse.filter((x) => x.projectId === row.projectId)) expect(table).toContain(r.organisationName);
    }
    await ctx.close();
  });
});

describe('untrusted text', () => {
  /** path, texts the main content must show literally. */
  const PATHS: [string, (p: Picks) => string[]][] = [
    ['Übersicht', () => ['/', XSS_MARKUP]],
    ['Steckbrief', (p) => [`/projekte/${id(p.xss.id)}`, XSS_MARKUP, XSS_TEXT]],
    ['Beschaffungs-Check', (p) => [`/beschaffung/${id(p.xss.id)}`, XSS_MARKUP]],
    ['Organisation', (p) => [`/organisationen/${id(p.xss.owner!.id)}`, XSS_MARKUP]],
    ['Suche', () => ['/suche?q=Terminverwaltung', XSS_TEXT]],
    ['Nachnutzung', (p) => [`/nachnutzung/projekt/${id(p.xss.id)}`, XSS_MARKUP]]
  ];
  for (const [name, what] of PATHS) {
    it(`${name} shows <script> from the forge and the catalog as text and never runs it`, async () => {
      const [path, ...texts] = what(picks);
      const ctx = await dash.context();
      const page = await ctx.newPage();
      const dialogs: string[] = [];
      page.on('dialog', async (dialog) => {
        dialogs.push(dialog.message());
        await dialog.dismiss();
      });
      const errors = watchErrors(page);
      const response = await page.goto(path, { waitUntil: 'networkidle' });
      expect(response?.status(), path).toBe(200);
      const main = await page.locator('main').innerText();
      for (const text of texts) expect(main, path).toContain(text);
      // The server never sends the markup unescaped (text and attributes: &lt;, hydration data: \u003C) …
      expect(await response!.text(), path).not.toContain(XSS_MARKUP);
      // … and the browser never turned it into an element.
      const injected = await page.evaluate(
        () =>
          [...document.querySelectorAll('script')].filter((el) => /^\s*alert\(/.test(el.textContent ?? '')).length +
          document.querySelectorAll('[onerror]').length
      );
      expect(injected).toBe(0);
      expect(dialogs).toEqual([]);
      expect(errors).toEqual([]);
      await ctx.close();
    });
  }
});

describe('publiccode.yml on the Steckbrief', () => {
  it('lists the problems of an invalid file one by one, each naming its field and line, accessibly', async () => {
    const broken = dash.world.truth.projects.find((p) => p.publiccode.status === 'wrong-types' && p.accessible);
    expect(broken, 'Die Welt hat ein Projekt mit falschen Typen in publiccode.yml.').toBeTruthy();
    const ctx = await dash.context();
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`/projekte/${id(broken!.id)}`, { waitUntil: 'networkidle' });
    const section = page.locator('section[aria-labelledby="publiccode"]');
    expect(await section.locator('h2').innerText()).toBe('publiccode.yml');
    expect(await section.innerText()).toContain('ungültig');
    const problems = await section.locator('li li').allInnerTexts();
    expect(problems.length).toBeGreaterThan(1);
    for (const problem of problems) expect(problem).toMatch(/^[a-zA-Z.]+ (?:\(Zeile \d+\)|fehlt)/);
    expect(problems).toContain('url (Zeile 3): erwartet Text, gefunden die Zahl 42');
    const violations = await seriousAxeViolations(page);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
