import { describe, expect, it } from 'vitest';
import { lifecycle, type LifecycleInput } from '../../../src/lib/metrics/lifecycle';
import { AS_OF, ago } from './fixtures';

const base: LifecycleInput = {
  coverage: { history: true, forge: true, noHistoryReason: null },
  archived: false,
  lastHumanCommitAt: ago(2),
  lastIssueActivityAt: ago(3),
  lastReleaseAt: ago(30),
  humanCommitsLast6Months: 120,
  humanCommitsPrevious6Months: 100,
  activeWeeks26: 20,
  medianFirstResponseHours12Months: 10,
  firstCommitAt: ago(2000)
};

describe('lifecycle (Zustand), first matching row', () => {
  it('unbekannt – keine Daten: no history ever read, whatever else is known', () => {
    const never = {
      history: false,
      forge: true,
      noHistoryReason: 'Noch kein Repository konnte gelesen werden: Repository nicht gefunden (404).'
    };
    const r = lifecycle({ ...base, coverage: never, archived: true }, AS_OF);
    expect(r.lifecycle).toBe('unbekannt');
    expect(r.reason).toBe('Keine Daten: Noch kein Repository konnte gelesen werden: Repository nicht gefunden (404).');
  });
  it('unbekannt, not aufgegeben, when the forge was never read and git shows nothing for 12 months', () => {
    const quiet = { ...base, lastHumanCommitAt: ago(400), lastIssueActivityAt: null, lastReleaseAt: null };
    expect(lifecycle({ ...quiet, coverage: { history: true, forge: false, noHistoryReason: null } }, AS_OF).lifecycle).toBe('unbekannt');
    // Without a forge repository (git only) there is nothing missing: aufgegeben.
    expect(lifecycle({ ...quiet, coverage: { history: true, forge: null, noHistoryReason: null } }, AS_OF).lifecycle).toBe('aufgegeben');
    // Commits are evidence of their own: an unread forge does not hide them.
    expect(lifecycle({ ...base, coverage: { history: true, forge: false, noHistoryReason: null } }, AS_OF).lifecycle).toBe('aktiv');
  });
  it('archiviert wins over everything', () => {
    expect(lifecycle({ ...base, archived: true }, AS_OF).lifecycle).toBe('archiviert');
  });
  it('aufgegeben: no human commit, issue activity or release for 12 months', () => {
    expect(lifecycle({ ...base, lastHumanCommitAt: ago(400), lastIssueActivityAt: ago(370), lastReleaseAt: null }, AS_OF).lifecycle).toBe(
      'aufgegeben'
    );
    expect(
      lifecycle({ ...base, lastHumanCommitAt: null, lastIssueActivityAt: null, lastReleaseAt: null, firstCommitAt: null }, AS_OF).lifecycle
    ).toBe('aufgegeben');
  });
  it('ruhend: no human commit for 6 months, some issue activity', () => {
    expect(
      lifecycle({ ...base, lastHumanCommitAt: ago(200), lastIssueActivityAt: ago(10), humanCommitsLast6Months: 0 }, AS_OF).lifecycle
    ).toBe('ruhend');
  });
  it('abnehmend: < 50 % of the 6 months before and < 10', () => {
    expect(lifecycle({ ...base, humanCommitsLast6Months: 9, humanCommitsPrevious6Months: 30 }, AS_OF).lifecycle).toBe('abnehmend');
    expect(lifecycle({ ...base, humanCommitsLast6Months: 12, humanCommitsPrevious6Months: 100 }, AS_OF).lifecycle).toBe('aktiv');
  });
  it('stabil: few changes, answered issues and a release in 18 months', () => {
    const quiet = { ...base, activeWeeks26: 2, humanCommitsLast6Months: 3, humanCommitsPrevious6Months: 4 };
    expect(lifecycle({ ...quiet, lastReleaseAt: ago(500) }, AS_OF).lifecycle).toBe('stabil');
    expect(lifecycle({ ...quiet, lastReleaseAt: ago(600) }, AS_OF).lifecycle).toBe('aktiv');
    expect(lifecycle({ ...quiet, medianFirstResponseHours12Months: 31 * 24 }, AS_OF).lifecycle).toBe('aktiv');
    expect(lifecycle({ ...quiet, medianFirstResponseHours12Months: null }, AS_OF).lifecycle).toBe('stabil');
  });
  it('aktiv otherwise; neu alongside for a first commit under 6 months', () => {
    expect(lifecycle(base, AS_OF)).toMatchObject({ lifecycle: 'aktiv', isNew: false });
    expect(lifecycle({ ...base, firstCommitAt: ago(100) }, AS_OF)).toMatchObject({ lifecycle: 'aktiv', isNew: true });
  });
});
