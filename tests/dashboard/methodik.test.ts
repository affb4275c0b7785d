import { describe, expect, it } from 'vitest';
import { COMPONENT_ANCHORS, FINDING_KEYS, M, findingAnchor } from '../../src/lib/methodik';
import { methodikAnchors } from '../../src/lib/methodikText';
import { LIFECYCLES } from '../../src/lib/labels';
import { buildProcurementRows } from '../../src/lib/procurement';
import { formatAgo, formatDate, formatDays, formatHours, formatHoursDative, formatPercent } from '../../src/lib/format';

describe('Methodik anchors', () => {
  const defined = new Set(methodikAnchors());
  it('defines every anchor pages link to', () => {
    const linked = [
      ...Object.values(M),
      ...Object.values(COMPONENT_ANCHORS),
      ...FINDING_KEYS.map(findingAnchor),
      ...LIFECYCLES.map((l) => `zustand-${l}`)
    ];
    expect(linked.filter((a) => !defined.has(a))).toEqual([]);
  });
  it('has no duplicate anchors', () => {
    expect(methodikAnchors().length).toBe(defined.size);
  });
});

describe('German formatting', () => {
  it('formats shares, durations and relative dates', () => {
    expect(formatPercent(0.84)).toBe('84\u202f%');
    expect(formatHours(46)).toBe('46 Stunden');
    expect(formatHours(98)).toBe('4 Tage');
    expect(formatHours(null)).toBe('–');
    expect(formatAgo('2026-11-20', '2026-11-23')).toBe('vor 3 Tagen');
    expect(formatAgo('2026-11-22T23:59:00Z', '2026-11-23')).toBe('gestern');
    expect(formatAgo('2025-11-23', '2026-11-23')).toBe('vor 12 Monaten');
  });
  it('writes the sentences of the reports with the same spelling (one formatter for metrics and pages)', () => {
    expect(formatPercent(0.625)).toBe('63\u202f%');
    expect(formatHours(0.5)).toBe('unter 1 Stunde');
    expect(formatHoursDative(0.5)).toBe('weniger als 1 Stunde');
    expect(formatHoursDative(1)).toBe('1 Stunde');
    expect(formatHoursDative(98)).toBe('4 Tagen');
    expect(formatHoursDative(24 * 400)).toBe('13 Monaten');
    expect(formatDays(800)).toBe('2 Jahre');
    expect(formatDays(800, 'dative')).toBe('2 Jahren');
    // Epoch seconds (the metrics' facts) and ISO dates (the snapshots) give the same date.
    expect(formatDate(Date.UTC(2026, 10, 23, 4, 10) / 1000)).toBe('23.11.2026');
    expect(formatDate('2026-11-23')).toBe('23.11.2026');
  });
});

describe('Beschaffungs-Check', () => {
  it('marks no best value for a single candidate and keeps missing data as missing', () => {
    const rows = buildProcurementRows([{ id: 'x', name: 'X', ownerName: null, report: null }]);
    expect(rows.map((r) => r.key)).toEqual([
      'lebt',
      'personen',
      'dienstleister',
      'nutzung',
      'lizenz',
      'reaktion',
      'sicherheit',
      'zersplitterung',
      'wartung'
    ]);
    expect(rows.every((r) => r.cells.length === 1 && !r.cells[0].best && r.cells[0].answer === null)).toBe(true);
  });
});
