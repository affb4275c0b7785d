/** The comparison of two reports (src/lib/reports/changes.ts): each kind, no duplicates, the baseline. */
import { describe, expect, it } from 'vitest';
import { compareReports, type ComparedReport } from '../../src/lib/reports/changes';
import type { Finding, ReuseEvidence } from '../../src/lib/reports/types';
import { describeChange } from '../../src/lib/changeText';

const finding = (key: Finding['key'], severity: Finding['severity'] = 'warning', title: string = key): Finding => ({
  key,
  severity,
  title,
  evidence: 'Belege'
});
const evidence = (organisationId: string, strength: ReuseEvidence['strength']): ReuseEvidence => ({
  organisationId,
  organisationName: organisationId === 'koeln' ? 'Stadt Köln' : organisationId,
  kind: strength === 'beobachtet' ? 'fork' : 'declared-catalog',
  strength,
  detail: '',
  source: '',
  date: null
});

function report(asOf: string, parts: Partial<ComparedReport> = {}): ComparedReport {
  return {
    asOf,
    lifecycle: 'aktiv',
    findings: [],
    reuse: [],
    owner: { id: 'ulm', name: 'Stadt Ulm', kind: 'municipality' },
    window: { lastRelease: { name: 'v1.0.0', date: '2026-01-10', source: 'release' } },
    ...parts
  };
}

describe('compareReports', () => {
  it('the baseline is no change: no previous report, or one without data', () => {
    const after = report('2026-11-23', { lifecycle: 'ruhend', findings: [finding('one-person')] });
    expect(compareReports(null, after)).toEqual([]);
    expect(compareReports(report('2026-11-22', { lifecycle: 'unbekannt', window: { lastRelease: null } }), after)).toEqual([]);
    // A previous report must be older.
    expect(compareReports(report('2026-11-23'), after)).toEqual([]);
  });

  it('a report without data records nothing: its missing Hinweise are not resolved ones', () => {
    const before = report('2026-11-22', { findings: [finding('one-person'), finding('no-release-18m')] });
    // derive's report „unbekannt – keine Daten“ has no findings and may lack the release.
    const unknown = report('2026-11-23', { lifecycle: 'unbekannt', findings: [], window: { lastRelease: null } });
    expect(compareReports(before, unknown)).toEqual([]);
  });

  it('nothing changed: nothing recorded', () => {
    expect(
      compareReports(
        report('2026-11-22', { findings: [finding('one-person')] }),
        report('2026-11-23', { findings: [finding('one-person')] })
      )
    ).toEqual([]);
  });

  it('a lifecycle change, dated the snapshot day', () => {
    const changes = compareReports(report('2026-11-22'), report('2026-11-23', { lifecycle: 'ruhend' }));
    expect(changes).toEqual([{ kind: 'lifecycle', subject: '', date: '2026-11-23', detail: { from: 'aktiv', to: 'ruhend' } }]);
    expect(describeChange(changes[0])).toBe('Zustand jetzt „ruhend“ (vorher „aktiv“)');
  });

  it('new and resolved findings; ok findings are no Hinweise; a licence change is one per event', () => {
    const before = report('2026-11-22', {
      findings: [
        finding('one-person'),
        finding('publiccode-invalid'),
        finding('licence-changed', 'warning', 'Lizenz geändert am 1. März 2025')
      ]
    });
    const after = report('2026-11-23', {
      findings: [
        finding('publiccode-invalid', 'ok', 'publiccode.yml gültig'),
        finding('unanswered-issues'),
        finding('licence-changed', 'warning', 'Lizenz geändert am 1. März 2025'),
        finding('licence-changed', 'warning', 'Lizenz geändert am 2. November 2026'),
        finding('no-security-policy', 'ok')
      ]
    });
    expect(compareReports(before, after).map((c) => [c.kind, c.subject])).toEqual([
      ['finding-new', 'unanswered-issues'],
      ['finding-new', 'licence-changed:Lizenz geändert am 2. November 2026'],
      ['finding-resolved', 'one-person'],
      ['finding-resolved', 'publiccode-invalid']
    ]);
  });

  it('a new release, dated by itself; the same or an older one is none', () => {
    const before = report('2026-11-22');
    const released = report('2026-11-23', { window: { lastRelease: { name: 'v2.0.0', date: '2026-11-21', source: 'tag' } } });
    const changes = compareReports(before, released);
    expect(changes).toEqual([
      { kind: 'release', subject: 'v2.0.0@2026-11-21', date: '2026-11-21', detail: { name: 'v2.0.0', source: 'tag', previous: 'v1.0.0' } }
    ]);
    expect(describeChange(changes[0])).toBe('Neuer Versions-Tag v2.0.0');
    expect(compareReports(before, report('2026-11-23'))).toEqual([]);
    expect(compareReports(released, report('2026-11-24'))).toEqual([]); // v1.0.0 is older than v2.0.0
    // The first release ever.
    expect(compareReports(report('2026-11-22', { window: { lastRelease: null } }), report('2026-11-23')).map((c) => c.kind)).toEqual([
      'release'
    ]);
  });

  it('a newly reusing organisation once, however many pieces of evidence; declared → observed; the owner never', () => {
    const before = report('2026-11-22', { reuse: [evidence('dortmund', 'erklärt')] });
    const after = report('2026-11-23', {
      reuse: [
        evidence('dortmund', 'erklärt'),
        evidence('dortmund', 'beobachtet'),
        evidence('koeln', 'beobachtet'),
        evidence('koeln', 'erklärt'),
        evidence('ulm', 'beobachtet')
      ]
    });
    const changes = compareReports(before, after);
    expect(changes).toEqual([
      {
        kind: 'reuse-new',
        subject: 'koeln',
        date: '2026-11-23',
        detail: { organisationId: 'koeln', organisationName: 'Stadt Köln', observed: true }
      },
      {
        kind: 'reuse-observed',
        subject: 'dortmund',
        date: '2026-11-23',
        detail: { organisationId: 'dortmund', organisationName: 'dortmund' }
      }
    ]);
    expect(changes.map(describeChange)).toEqual([
      'Neu nachgenutzt von Stadt Köln (beobachtet)',
      'Nachnutzung durch dortmund jetzt beobachtet (vorher nur erklärt)'
    ]);
  });

  it('all kinds at once, each once, in the kinds order; older reports without parts count as empty', () => {
    const before: ComparedReport = { asOf: '2026-11-01', lifecycle: 'aktiv' };
    const after = report('2026-11-23', {
      lifecycle: 'stabil',
      findings: [finding('one-person'), finding('one-person')],
      reuse: [evidence('koeln', 'erklärt')]
    });
    const changes = compareReports(before, after);
    expect(changes.map((c) => c.kind)).toEqual(['lifecycle', 'release', 'finding-new', 'reuse-new']);
    expect(new Set(changes.map((c) => `${c.kind}/${c.subject}`)).size).toBe(changes.length);
  });
});
