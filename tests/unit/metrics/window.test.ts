import { describe, expect, it } from 'vitest';
import {
  addDays,
  asOfEnd,
  dayStart,
  daysBefore,
  inRange,
  median,
  monthStart,
  previousMonthEnds,
  splitAtMonths,
  previousWindowRange,
  weekIndex,
  weekRange,
  windowRange
} from '../../../src/lib/metrics/window';
import { t } from './fixtures';

describe('windows', () => {
  it('a window of N days is the N UTC days ending with asOf, inclusive', () => {
    const w = windowRange('2026-11-23', 7);
    expect(w.start).toBe(dayStart('2026-11-17'));
    expect(w.end).toBe(dayStart('2026-11-24'));
    expect(inRange(t('2026-11-17', 0), w)).toBe(true);
    expect(inRange(t('2026-11-16', 23), w)).toBe(false);
    expect(inRange(dayStart('2026-11-23') + 86_399, w)).toBe(true);
    expect(inRange(dayStart('2026-11-24'), w)).toBe(false);
  });

  it('the previous window is the N days just before', () => {
    expect(previousWindowRange('2026-11-23', 7)).toEqual({ start: dayStart('2026-11-10'), end: dayStart('2026-11-17') });
  });

  it('week k ends 7·k days before asOf, inclusive', () => {
    expect(weekRange('2026-11-23', 0)).toEqual({ start: dayStart('2026-11-17'), end: dayStart('2026-11-24') });
    expect(weekRange('2026-11-23', 1)).toEqual({ start: dayStart('2026-11-10'), end: dayStart('2026-11-17') });
    expect(weekIndex('2026-11-23', t('2026-11-17', 0))).toBe(0);
    expect(weekIndex('2026-11-23', t('2026-11-16', 23))).toBe(1);
    expect(weekIndex('2026-11-23', t('2026-11-24', 0))).toBe(-1);
    expect(weekIndex('2026-11-23', dayStart('2026-11-23') - 26 * 7 * 86_400 + 86_400)).toBe(25);
    expect(weekIndex('2026-11-23', dayStart('2026-11-24') - 26 * 7 * 86_400 - 1)).toBe(-1);
  });

  it('rejects invalid dates', () => {
    expect(() => dayStart('2026-02-30')).toThrow(/Ungültiges Datum/);
    expect(() => dayStart('23.11.2026')).toThrow(/Ungültiges Datum/);
  });

  it('month-ends of the previous months', () => {
    expect(previousMonthEnds('2026-03-15', 3)).toEqual(['2026-02-28', '2026-01-31', '2025-12-31']);
    expect(previousMonthEnds('2026-11-30', 1)).toEqual(['2026-10-31']);
  });

  it('days and medians', () => {
    expect(asOfEnd('2026-11-23') - dayStart('2026-11-23')).toBe(86_400);
    expect(addDays('2026-01-01', -1)).toBe('2025-12-31');
    expect(daysBefore('2026-11-23', t('2026-11-23'))).toBe(0);
    expect(daysBefore('2026-11-23', t('2026-11-20'))).toBe(3);
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });

  it('splits a range into its whole calendar months and the days before and after them', () => {
    const range = (from: string, to: string) => ({ start: dayStart(from), end: asOfEnd(to) });
    expect(monthStart(dayStart('2024-02-29') + 3600)).toBe(dayStart('2024-02-01'));
    expect(monthStart(dayStart('2026-12-01'))).toBe(dayStart('2026-12-01'));
    // The default period of a report: 2025-12-02 … 2026-12-01.
    expect(splitAtMonths(range('2025-12-02', '2026-12-01'))).toEqual({
      months: range('2026-01-01', '2026-11-30'),
      edges: [range('2025-12-02', '2025-12-31'), range('2026-12-01', '2026-12-01')]
    });
    // Aligned on months at both ends: no edges; across a year's end.
    expect(splitAtMonths(range('2025-11-01', '2026-02-28'))).toEqual({ months: range('2025-11-01', '2026-02-28'), edges: [] });
    // Within one month, or a month not whole: only edges.
    expect(splitAtMonths(range('2026-03-05', '2026-03-20'))).toEqual({ months: null, edges: [range('2026-03-05', '2026-03-20')] });
    expect(splitAtMonths(range('2026-03-02', '2026-04-30'))).toEqual({
      months: range('2026-04-01', '2026-04-30'),
      edges: [range('2026-03-02', '2026-03-31')]
    });
    expect(splitAtMonths(range('2026-03-01', '2026-03-31'))).toEqual({ months: range('2026-03-01', '2026-03-31'), edges: [] });
  });
});
