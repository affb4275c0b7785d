import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeDatabase, openDatabase, type Db } from '../../db/index';
import { loadContext, storeAccountAffiliations } from '../../jobs/derive/load';
import { getOrganisationActivity } from '../../src/queries/getOrganisationActivity';
import { listReuseEvidence } from '../../src/queries/listReuseEvidence';
import { getOrganisation } from '../../src/queries/getOrganisation';
import { buildOrganisationReport, resolvePeriod } from '../../src/lib/server/organisation-report';
import { FIXTURE_AS_OF, seedDashboardDb } from '../fixtures/dashboard-db';
import { addDashboardExtras } from '../fixtures/dashboard-extras';

let dir: string;
let db: Db;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'allmende-org-'));
  const file = join(dir, 'dash.db');
  seedDashboardDb(file);
  addDashboardExtras(file, FIXTURE_AS_OF);
  db = openDatabase(file, { readonly: true });
});

afterAll(() => {
  closeDatabase(db);
  rmSync(dir, { recursive: true, force: true });
});

describe('getOrganisationActivity', () => {
  it('counts the period’s human, non-merge contributions by the organisation’s domains and people', () => {
    const a = getOrganisationActivity(db, 'ulm', '2025-11-24', '2026-11-23');
    expect(a.elsewhere).toEqual([{ projectId: 'maengelmelder', projectName: 'Mängelmelder', commits: 16, issues: 2, comments: 2 }]);
    expect(a.ownProjectCommits.get('terminbuchung')).toBe(11);
    expect(a.contributors).toEqual([
      { name: 'Person 7f3a', commits: 25, issues: 2, comments: 2 },
      { name: 'Person e0d4', commits: 1, issues: 0, comments: 0 }
    ]);
  });

  it('respects the period bounds', () => {
    const a = getOrganisationActivity(db, 'ulm', '2026-11-01', '2026-11-23');
    // Commits 5 days ago (maengelmelder) and 1, 11, 21 days ago (terminbuchung); issue and comment 11/12 days ago.
    expect(a.elsewhere).toEqual([{ projectId: 'maengelmelder', projectName: 'Mängelmelder', commits: 1, issues: 1, comments: 1 }]);
    expect(a.ownProjectCommits.get('terminbuchung')).toBe(4);
  });

  it('finds contributions of another organisation to Ulm’s project', () => {
    const a = getOrganisationActivity(db, 'dortmund', '2025-11-24', '2026-11-23');
    expect(a.elsewhere).toEqual([{ projectId: 'terminbuchung', projectName: 'Terminbuchung', commits: 1, issues: 0, comments: 0 }]);
    expect(a.contributors).toEqual([{ name: 'Person a1b2', commits: 1, issues: 0, comments: 0 }]);
  });

  it('answers empty for an organisation without people', () => {
    const a = getOrganisationActivity(db, 'bw', '2025-11-24', '2026-11-23');
    expect(a.elsewhere).toEqual([]);
    expect(a.contributors).toEqual([]);
  });
});

describe('getOrganisationActivity after the derive step stored the forge accounts’ affiliation', () => {
  let derived: Db;
  beforeAll(() => {
    const file = join(dir, 'derived.db');
    seedDashboardDb(file);
    addDashboardExtras(file, FIXTURE_AS_OF);
    const writable = openDatabase(file);
    storeAccountAffiliations(writable, loadContext(writable));
    closeDatabase(writable);
    derived = openDatabase(file, { readonly: true });
  });
  afterAll(() => closeDatabase(derived));

  it('counts the GitHub account’s issue and comment (no email) for Ulm, through its person’s Ulm commits', () => {
    const a = getOrganisationActivity(derived, 'ulm', '2025-11-24', '2026-11-23');
    expect(a.elsewhere).toEqual([{ projectId: 'maengelmelder', projectName: 'Mängelmelder', commits: 16, issues: 3, comments: 3 }]);
    expect(a.contributors[0]).toEqual({ name: 'Person 7f3a', commits: 25, issues: 3, comments: 3 });
    // Dortmund's person has no forge account; nothing moves there.
    expect(getOrganisationActivity(derived, 'dortmund', '2025-11-24', '2026-11-23').elsewhere).toEqual([
      { projectId: 'terminbuchung', projectName: 'Terminbuchung', commits: 1, issues: 0, comments: 0 }
    ]);
  });
});

describe('listReuseEvidence', () => {
  it('reads the reuse evidence of the newest snapshots', () => {
    const rows = listReuseEvidence(db);
    const termin = rows.filter((r) => r.projectId === 'terminbuchung');
    expect(termin.map((r) => `${r.organisationId}:${r.strength}`).sort()).toEqual([
      'augsburg:erklärt',
      'dortmund:beobachtet',
      'jena:erklärt',
      'lippe:beobachtet'
    ]);
    expect(termin.every((r) => r.asOf === FIXTURE_AS_OF && r.ownerId === 'ulm')).toBe(true);
  });
});

describe('buildOrganisationReport', () => {
  it('defaults to the 365 days up to the newest snapshot and checks the GET parameters', () => {
    expect(resolvePeriod(db, 'ulm', new URLSearchParams())).toEqual({
      from: '2025-11-24',
      to: '2026-11-23',
      problem: null,
      isDefault: true
    });
    const swapped = resolvePeriod(db, 'ulm', new URLSearchParams({ von: '2026-11-23', bis: '2026-01-01' }));
    expect(swapped).toMatchObject({ from: '2026-01-01', to: '2026-11-23', isDefault: false });
    expect(swapped.problem).toContain('getauscht');
    const bad = resolvePeriod(db, 'ulm', new URLSearchParams({ von: '2026-02-30' }));
    expect(bad).toMatchObject({ from: '2025-11-24', to: '2026-11-23' });
    expect(bad.problem).toContain('kein gültiges Datum');
  });

  it('computes the OSPO report for a period from the facts and the newest snapshots', () => {
    const org = getOrganisation(db, 'ulm')!;
    const { report, source } = buildOrganisationReport(db, org, { from: '2025-11-24', to: '2026-11-23' });
    expect(source).toBe('facts');
    expect(report).toMatchObject({
      id: 'ulm',
      name: 'Stadt Ulm',
      kind: 'municipality',
      region: 'DE-BW',
      from: '2025-11-24',
      to: '2026-11-23'
    });
    expect(report.ownProjects.find((p) => p.id === 'terminbuchung')).toEqual({
      id: 'terminbuchung',
      name: 'Terminbuchung',
      lifecycle: 'aktiv',
      score: 78,
      humanCommits: 11
    });
    expect(report.reusedBy.map((r) => `${r.organisationId}:${r.strength}`)).toEqual([
      'lippe:beobachtet',
      'augsburg:erklärt',
      'dortmund:beobachtet',
      'jena:erklärt'
    ]);
    expect(report.reuses).toEqual([{ projectId: 'maengelmelder', projectName: 'Mängelmelder', strength: 'erklärt' }]);
    // Evidence dated after the period's end does not count yet.
    const early = buildOrganisationReport(db, org, { from: '2024-01-01', to: '2025-01-01' }).report;
    expect(early.reusedBy.map((r) => r.organisationId)).toEqual(['jena']);
  });
});
