/**
 * The JSON API and the README badge of the built dashboard (DESIGN §8), on the collected `tiny` world.
 * Expected projects and reuse come from the world's truth; expected figures from the API itself.
 */
import { dsvFormat } from 'd3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lifecycleInfo } from '../../src/lib/labels';
import { API_SCHEMA_VERSION } from '../../src/lib/server/api';
import { escapeXml } from '../../src/lib/xml';
import { startDashboard, type Dashboard } from './harness';
import { loadPicks, type OrgReport, type Picks, type ProjectItem } from './picks';
import { XSS_MARKUP, XSS_TEXT } from './world-db';

let dash: Dashboard;
let picks: Picks;

beforeAll(async () => {
  dash = await startDashboard();
  picks = await loadPicks(dash);
});

afterAll(async () => {
  await dash?.close();
});

async function json(path: string) {
  const res = await fetch(dash.baseUrl + path);
  return {
    res,
    body: (await res.json()) as {
      schemaVersion: number;
      generatedAt?: string;
      data?: unknown;
      next?: string | null;
      error?: { status: number; message: string };
    }
  };
}

describe('JSON API', () => {
  it('lists projects in an envelope with an explicit schema version', async () => {
    const { res, body } = await json('/api/projects?limit=1000');
    expect(body.next, 'Die Welt passt auf eine Seite von /api/projects.').toBeNull();
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(body.schemaVersion).toBe(API_SCHEMA_VERSION);
    expect(Number.isNaN(Date.parse(body.generatedAt!))).toBe(false);
    const data = body.data as ProjectItem[];
    // Every catalog project of the world is listed, owned by the organisation the truth names.
    const truth = dash.world.truth;
    for (const p of truth.projects.filter((t) => t.catalog)) {
      expect(data.find((d) => d.id === p.id)?.owner?.id, p.id).toBe(p.owner);
    }
    expect(data.length).toBeGreaterThanOrEqual(truth.counts.catalogProjects);
    for (const p of data) {
      expect(p.asOf, p.id).toBe(truth.asOf);
      if (p.score !== null) expect(p.score, p.id).toBeGreaterThanOrEqual(0);
      if (p.score !== null) expect(p.score, p.id).toBeLessThanOrEqual(100);
    }
  });

  it('gives a project report that agrees with the list, and 404 JSON for unknown ids', async () => {
    for (const p of picks.projects) {
      const detail = picks.details.get(p.id)!;
      expect({ id: detail.id, name: detail.name, lifecycle: detail.lifecycle, score: detail.vitality.score }, p.id).toEqual({
        id: p.id,
        name: p.name,
        lifecycle: p.lifecycle,
        score: p.score
      });
    }
    // Untrusted forge text comes back verbatim in JSON (escaping is the renderer's job).
    expect(picks.details.get(picks.xss.id)!.repositories.map((r) => r.description)).toContain(XSS_TEXT);
    const missing = await json('/api/projects/gibt-es-nicht');
    expect(missing.res.status).toBe(404);
    expect(missing.res.headers.get('content-type')).toContain('application/json');
    expect(missing.body.error?.status).toBe(404);
    expect(missing.body.schemaVersion).toBe(API_SCHEMA_VERSION);
    const org404 = await json('/api/organisations/gibt-es-nicht');
    expect(org404.res.status).toBe(404);
  });

  it('gives the organisation report for a period and rejects a bad period', async () => {
    const { org } = picks;
    expect(org.ownProjects.map((p) => p.id).sort()).toEqual(
      [...new Set(picks.projects.filter((p) => p.owner?.id === org.id).map((p) => p.id))].sort()
    );
    const { from, to } = org;
    const { body } = await json(`/api/organisations/${org.id}?von=${from}&bis=${to}`);
    const period = body.data as OrgReport;
    expect(period).toMatchObject({ id: org.id, from, to });
    expect(period.contributionsElsewhere).toEqual(org.contributionsElsewhere);
    // A shorter period never has more contributions than the whole one.
    const later = new Date(Date.parse(to) - 90 * 86_400_000).toISOString().slice(0, 10);
    const part = (await json(`/api/organisations/${org.id}?von=${later}&bis=${to}`)).body.data as OrgReport;
    expect(part).toMatchObject({ id: org.id, from: later, to });
    for (const c of part.contributionsElsewhere) {
      const whole = org.contributionsElsewhere.find((w) => w.projectId === c.projectId);
      expect(whole, c.projectId).toBeDefined();
      expect(c.commits).toBeLessThanOrEqual(whole!.commits);
    }
    const bad = await json(`/api/organisations/${org.id}?von=gestern`);
    expect(bad.res.status).toBe(400);
  });

  it('lists the reuse the world holds: declared as „erklärt“, forks as „beobachtet“', async () => {
    const { body } = await json('/api/reuse?limit=1000');
    expect(body.next, 'Die Welt passt auf eine Seite von /api/reuse.').toBeNull();
    const rows = body.data as { projectId: string; organisationId: string; strength: string }[];
    const truth = dash.world.truth;
    const catalogProjects = new Set(truth.projects.filter((p) => p.catalog).map((p) => p.id));
    const declared = truth.reuse.filter((r) => r.kind === 'declared' && catalogProjects.has(r.project));
    const forks = truth.reuse.filter((r) => r.kind === 'fork' && catalogProjects.has(r.project));
    expect(declared.length, 'Die Welt braucht erklärte Nachnutzung.').toBeGreaterThan(0);
    expect(forks.length, 'Die Welt braucht Forks als Nachnutzung.').toBeGreaterThan(0);
    for (const r of declared) {
      expect(rows, `${r.organisation} → ${r.project}`).toContainEqual(
        expect.objectContaining({ projectId: r.project, organisationId: r.organisation, strength: 'erklärt' })
      );
    }
    for (const r of forks) {
      expect(rows, `${r.organisation} → ${r.project}`).toContainEqual(
        expect.objectContaining({ projectId: r.project, organisationId: r.organisation, strength: 'beobachtet' })
      );
    }
  });
});

describe('badge', () => {
  it('is an escaped SVG with lifecycle and score, ETag and an hour of caching', async () => {
    const { active } = picks;
    const res = await fetch(`${dash.baseUrl}/badge/${active.id}.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(res.headers.get('cache-control')).toContain('max-age=3600');
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    const svg = await res.text();
    expect(svg).toContain(`aktiv · ${active.score}`);
    expect(svg).toContain(`<title>${escapeXml(active.name)}: Zustand aktiv, Vitalität ${active.score} von 100 (allmende)</title>`);
    const again = await fetch(`${dash.baseUrl}/badge/${active.id}.svg`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('says „keine Daten“ for a project never read, and escapes untrusted names', async () => {
    // With every repository unreadable there is no state to show and no score („nicht bewertbar“ with
    // a state is checked in tests/server/badge.test.ts: since „unbekannt“, a world project rarely has one).
    expect(picks.unknown, 'Die Welt hat ein Projekt mit privatem Repository (unbekannt).').toBeDefined();
    const unknown = await (await fetch(`${dash.baseUrl}/badge/${picks.unknown!.id}.svg`)).text();
    expect(unknown).toContain('keine Daten');
    expect(unknown).not.toMatch(/aufgegeben|nicht bewertbar/);
    const xss = await (await fetch(`${dash.baseUrl}/badge/${picks.xss.id}.svg`)).text();
    expect(xss).not.toContain('<script>');
    expect(xss).toContain('&lt;script&gt;');
    const missing = await fetch(`${dash.baseUrl}/badge/gibt-es-nicht.svg`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('image/svg+xml');
  });
});

describe('organisation downloads and errors', () => {
  it('serves the first table as CSV by default and answers 404 for unknown tables and organisations', async () => {
    const owner = picks.xss.owner!.id;
    const report = picks.organisations.get(owner)!;
    const csv = await fetch(`${dash.baseUrl}/organisationen/${owner}/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe(
      `attachment; filename="allmende-${owner}-eigene-projekte-${report.from}-${report.to}.csv"`
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    // The existing columns first, in their order; the comparison with the previous period after them.
    expect(text.startsWith('\uFEFFProjekt-ID,Projekt,Zustand,Vitalität,Commits von Menschen im Zeitraum,Zustand im Vorzeitraum,')).toBe(
      true
    );
    const rows = dsvFormat(',').parseRows(text.slice(1).replace(/\r\n$/, ''));
    expect(rows.slice(1).map((r) => r.slice(0, 5))).toEqual(
      // The state in the pages' words (src/lib/labels.ts), as the Steckbrief names it.
      report.ownProjects.map((p) => [
        p.id,
        p.name,
        p.lifecycle ? lifecycleInfo(p.lifecycle).label : '',
        p.score === null ? '' : String(p.score),
        String(p.humanCommits)
      ])
    );
    // The project name with <script> is a text cell, quoted only where RFC 4180 needs it (it has quotes).
    expect(picks.xss.name).toContain(XSS_MARKUP);
    expect(rows.map((r) => r[1])).toContain(picks.xss.name);
    expect(text).toContain(`,"${picks.xss.name.replace(/"/g, '""')}",`);
    expect((await fetch(`${dash.baseUrl}/organisationen/${owner}/export.csv?tabelle=unbekannt`)).status).toBe(404);
    expect((await fetch(`${dash.baseUrl}/organisationen/${owner}/export.ods?von=kaputt`)).status).toBe(400);
    expect((await fetch(`${dash.baseUrl}/organisationen/gibt-es-nicht`)).status).toBe(404);
    expect((await fetch(`${dash.baseUrl}/organisationen/gibt-es-nicht/export.ods`)).status).toBe(404);
  });
});
