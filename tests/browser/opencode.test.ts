/**
 * The openCode-Badges panel in the built dashboard (Chromium, the collected `tiny` world): on the
 * Steckbrief and in the Beschaffungs-Check (single and comparison), with and without JavaScript,
 * axe-clean; every criterion shows its state in words, its value, its date range and links to its
 * Methodik anchor; the levels shown are those of the project API; a criterion allmende cannot check
 * says why. Projects are chosen from the data.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiData, screenshot, seriousAxeViolations, startDashboard, watchErrors, type Dashboard } from './harness';
import { loadPicks, type Picks } from './picks';
import { CRITERION_STATE_INFO, OPENCODE_LEVEL_INFO } from '../../src/lib/labels';
import { OPENCODE_CRITERIA } from '../../src/lib/reports/types';
import type { OpenCodeBadges } from '../../src/lib/reports/types';

let dash: Dashboard;
let picks: Picks;
/** The badges of every evaluated project, from the project API. */
const badges = new Map<string, OpenCodeBadges>();

beforeAll(async () => {
  dash = await startDashboard();
  picks = await loadPicks(dash);
  for (const p of picks.projects) {
    const report = await apiData<{ opencodeBadges?: OpenCodeBadges }>(dash, `/api/projects/${encodeURIComponent(p.id)}`).catch(() => null);
    if (report?.opencodeBadges) badges.set(p.id, report.opencodeBadges);
  }
});

afterAll(async () => {
  await dash?.close();
});

const id = encodeURIComponent;
const STATE_WORDS = Object.values(CRITERION_STATE_INFO).map((s) => s.label);

describe('openCode-Badges on the Steckbrief', () => {
  it('the API carries the badges of every project with data, with the rules version', () => {
    expect(badges.size).toBeGreaterThan(0);
    for (const b of badges.values()) expect(b.rulesVersion).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });

  for (const js of [true, false]) {
    it(`shows the levels of the API and every criterion with state, value, range and Methodik link (${js ? 'with' : 'without'} JavaScript)`, async () => {
      const project = picks.active;
      const b = badges.get(project.id);
      expect(b?.maintained, `${project.id} has levels`).toBeTruthy();
      const ctx = await dash.context({ javaScriptEnabled: js });
      const tab = await ctx.newPage();
      const errors = watchErrors(tab);
      await tab.goto(`/projekte/${id(project.id)}`, { waitUntil: 'networkidle' });
      const section = tab.locator('section[aria-labelledby="opencode-badges"]');
      await expect(section.locator('h2').textContent()).resolves.toBe('openCode-Badges');
      const maintained = await section.locator('[data-testid="opencode-maintained"]').innerText();
      expect(maintained).toContain(OPENCODE_LEVEL_INFO[b!.maintained!.level].label);
      const security = await section.locator('[data-testid="opencode-security"]').innerText();
      expect(security).toContain(b!.security!.level > 0 ? `Stufe ${b!.security!.level}` : 'keine Stufe');
      for (const key of OPENCODE_CRITERIA) {
        const row = section.locator(`tr[data-criterion="${key}"]`);
        const text = await row.innerText();
        expect(
          STATE_WORDS.some((w) => text.includes(w)),
          `${key}: a state in words`
        ).toBe(true);
        expect(text, key).toContain('Zeitraum:');
        expect(text, key).toContain('Schwelle:');
        expect(await row.locator('th a').getAttribute('href')).toBe(`/methodik#opencode-${key}`);
        const c = b!.criteria.find((x) => x.key === key)!;
        expect(text, key).toContain(c.valueText);
        expect(text, key).toContain(CRITERION_STATE_INFO[c.state].label);
      }
      if (js) {
        await screenshot(tab, 'steckbrief-opencode');
        const violations = await seriousAxeViolations(tab);
        expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
        expect(errors).toEqual([]);
      }
      await ctx.close();
    });
  }

  it('a criterion allmende cannot check says „nicht prüfbar“ and why', async () => {
    const entry = [...badges.entries()].find(([, b]) => b.criteria.some((c) => c.state === 'unknown' && c.reason));
    expect(entry, 'some project of the world has a criterion allmende cannot check').toBeDefined();
    const [projectId, b] = entry!;
    const c = b.criteria.find((x) => x.state === 'unknown' && x.reason)!;
    const ctx = await dash.context({ javaScriptEnabled: false });
    const tab = await ctx.newPage();
    await tab.goto(`/projekte/${id(projectId)}`);
    const row = tab.locator(`section[aria-labelledby="opencode-badges"] tr[data-criterion="${c.key}"]`);
    const text = await row.innerText();
    expect(text).toContain('nicht prüfbar');
    expect(text).toContain(c.reason!);
    await ctx.close();
  });

  it('the Methodik page defines every criterion the panel links to', async () => {
    const ctx = await dash.context({ javaScriptEnabled: false });
    const tab = await ctx.newPage();
    await tab.goto('/methodik');
    for (const key of OPENCODE_CRITERIA) await expect(tab.locator(`[id="opencode-${key}"]`).count()).resolves.toBe(1);
    await expect(tab.locator('[id="opencode-badges"]').count()).resolves.toBe(1);
    await ctx.close();
  });
});

describe('openCode-Badges in the Beschaffungs-Check', () => {
  it('the single check shows the panel with the project’s levels', async () => {
    const project = picks.active;
    const ctx = await dash.context();
    const tab = await ctx.newPage();
    await tab.goto(`/beschaffung/${id(project.id)}`, { waitUntil: 'networkidle' });
    const section = tab.locator('section[aria-labelledby="opencode-title"]');
    await expect(section.locator('h2').textContent()).resolves.toBe('openCode-Badges');
    await expect(section.locator('tr[data-criterion]').count()).resolves.toBe(OPENCODE_CRITERIA.length);
    const level = badges.get(project.id)!.maintained!.level;
    expect(await section.locator('[data-testid="opencode-maintained"]').innerText()).toContain(OPENCODE_LEVEL_INFO[level].label);
    await ctx.close();
  });

  it('the comparison shows one column per candidate, accessibly', async () => {
    const ctx = await dash.context();
    const tab = await ctx.newPage();
    const errors = watchErrors(tab);
    await tab.goto(`/beschaffung?vergleich=${picks.candidates.map((c) => id(c.id)).join(',')}`, { waitUntil: 'networkidle' });
    const section = tab.locator('section[aria-labelledby="opencode-title"]');
    const headers = await section.locator('thead th').allInnerTexts();
    for (const c of picks.candidates)
      expect(
        headers.some((h) => h.includes(c.name)),
        c.name
      ).toBe(true);
    await expect(section.locator('tbody tr[data-criterion="commits"] td').count()).resolves.toBe(picks.candidates.length);
    await expect(section.locator('caption').textContent()).resolves.toContain('openCode-Badges');
    await screenshot(tab, 'beschaffung-opencode');
    const violations = await seriousAxeViolations(tab);
    expect(violations, JSON.stringify(violations, null, 2)).toEqual([]);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
