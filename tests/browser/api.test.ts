/** The JSON API and the README badge of the built dashboard (DESIGN §8). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPORT_SCHEMA_VERSION } from '../../src/lib/reports/types';
import { startDashboard, type Dashboard } from './harness';

let dash: Dashboard;

beforeAll(async () => {
  dash = await startDashboard();
});

afterAll(async () => {
  await dash?.close();
});

async function json(path: string) {
  const res = await fetch(dash.baseUrl + path);
  return {
    res,
    body: (await res.json()) as { schemaVersion: number; generatedAt?: string; data?: unknown; error?: { status: number; message: string } }
  };
}

describe('JSON API', () => {
  it('lists projects in an envelope with an explicit schema version', async () => {
    const { res, body } = await json('/api/projects');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('application/json');
    expect(res.headers.get('cache-control')).toMatch(/max-age=\d+/);
    expect(body.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    expect(Number.isNaN(Date.parse(body.generatedAt!))).toBe(false);
    const data = body.data as { id: string; lifecycle: string; score: number | null }[];
    expect(data.find((p) => p.id === 'terminbuchung')).toMatchObject({ lifecycle: 'aktiv', score: 78 });
    expect(data.find((p) => p.id === 'formularserver')).toMatchObject({ lifecycle: 'ruhend', score: null });
  });

  it('gives a project report and 404 JSON for unknown ids', async () => {
    const ok = await json('/api/projects/terminbuchung');
    expect((ok.body.data as { id: string; vitality: { score: number } }).vitality.score).toBe(78);
    const missing = await json('/api/projects/gibt-es-nicht');
    expect(missing.res.status).toBe(404);
    expect(missing.res.headers.get('content-type')).toContain('application/json');
    expect(missing.body.error?.status).toBe(404);
    expect(missing.body.schemaVersion).toBe(REPORT_SCHEMA_VERSION);
    const org404 = await json('/api/organisations/gibt-es-nicht');
    expect(org404.res.status).toBe(404);
  });

  it('gives the organisation report for a period and rejects a bad period', async () => {
    const { body } = await json('/api/organisations/ulm?von=2025-11-24&bis=2026-11-23');
    expect(body.data).toMatchObject({
      id: 'ulm',
      from: '2025-11-24',
      to: '2026-11-23',
      contributionsElsewhere: [{ projectId: 'maengelmelder', commits: 16, issues: 2, comments: 2 }]
    });
    const bad = await json('/api/organisations/ulm?von=gestern');
    expect(bad.res.status).toBe(400);
  });

  it('lists reuse evidence', async () => {
    const { body } = await json('/api/reuse');
    const rows = body.data as { projectId: string; organisationId: string; strength: string }[];
    expect(rows).toContainEqual(
      expect.objectContaining({ projectId: 'terminbuchung', organisationId: 'dortmund', strength: 'beobachtet' })
    );
    expect(rows).toContainEqual(expect.objectContaining({ projectId: 'terminbuchung', organisationId: 'jena', strength: 'erklärt' }));
  });
});

describe('badge', () => {
  it('is an escaped SVG with lifecycle and score, ETag and an hour of caching', async () => {
    const res = await fetch(`${dash.baseUrl}/badge/terminbuchung.svg`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('image/svg+xml');
    expect(res.headers.get('cache-control')).toContain('max-age=3600');
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    const svg = await res.text();
    expect(svg).toContain('aktiv · 78');
    expect(svg).toMatch(/<title>Terminbuchung: Zustand aktiv, Vitalität 78 von 100 \(allmende\)<\/title>/);
    const again = await fetch(`${dash.baseUrl}/badge/terminbuchung.svg`, { headers: { 'if-none-match': etag! } });
    expect(again.status).toBe(304);
  });

  it('says „nicht bewertbar“ and escapes untrusted names', async () => {
    expect(await (await fetch(`${dash.baseUrl}/badge/formularserver.svg`)).text()).toContain('ruhend · nicht bewertbar');
    const bot = await (await fetch(`${dash.baseUrl}/badge/buergerbot.svg`)).text();
    expect(bot).not.toContain('<script>');
    expect(bot).toContain('&lt;script&gt;');
    const missing = await fetch(`${dash.baseUrl}/badge/gibt-es-nicht.svg`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toContain('image/svg+xml');
  });
});

describe('organisation downloads and errors', () => {
  it('serves the first table as CSV by default and answers 404 for unknown tables and organisations', async () => {
    const csv = await fetch(`${dash.baseUrl}/organisationen/ulm/export.csv`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toMatch(
      /^attachment; filename="allmende-ulm-eigene-projekte-\d{4}-\d{2}-\d{2}-\d{4}-\d{2}-\d{2}\.csv"$/
    );
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.startsWith('\uFEFFProjekt-ID,Projekt,Zustand,Vitalität,Commits von Menschen im Zeitraum\r\n')).toBe(true);
    // The project name with <script> is a text cell, quoted only where RFC 4180 needs it.
    expect(text).toContain('Bürger-Chatbot <script>alert(1)</script>');
    expect((await fetch(`${dash.baseUrl}/organisationen/ulm/export.csv?tabelle=unbekannt`)).status).toBe(404);
    expect((await fetch(`${dash.baseUrl}/organisationen/ulm/export.ods?von=kaputt`)).status).toBe(400);
    expect((await fetch(`${dash.baseUrl}/organisationen/gibt-es-nicht`)).status).toBe(404);
    expect((await fetch(`${dash.baseUrl}/organisationen/gibt-es-nicht/export.ods`)).status).toBe(404);
  });
});
