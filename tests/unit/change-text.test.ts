/** The overview's grouping of recorded changes (src/lib/changeText.ts): two periods, kinds in order, totals, the bound. */
import { describe, expect, it } from 'vitest';
import { changePeriods, groupRecentChanges } from '../../src/lib/changeText';
import type { ProjectChange } from '../../src/lib/reports/changes';

type Row = ProjectChange & { projectId: string; projectName: string; groupTotal: number; capped: boolean };
const row = (date: string, change: Pick<ProjectChange, 'kind' | 'detail'>, groupTotal = 1, capped = false): Row =>
  ({ projectId: 'p', projectName: 'P', subject: '', date, groupTotal, capped, ...change }) as Row;
const lifecycle = { kind: 'lifecycle', detail: { from: 'aktiv', to: 'ruhend' } } as const;
const release = { kind: 'release', detail: { name: 'v2', source: 'release', previous: null } } as const;

describe('groupRecentChanges', () => {
  it('the 7 days ending with the newest snapshot, then the days before up to 30', () => {
    expect(changePeriods('2026-11-23')).toEqual({ since: '2026-10-25', recentSince: '2026-11-17', earlierTo: '2026-11-16' });
  });

  it('splits by period, groups by kind in the kinds order, keeps the totals', () => {
    const periods = groupRecentChanges(
      [row('2026-11-23', release, 3), row('2026-11-17', lifecycle), row('2026-11-16', lifecycle), row('2026-10-24', lifecycle)],
      '2026-11-23'
    );
    expect(periods.map((p) => [p.key, p.from, p.to, p.capped])).toEqual([
      ['recent', '2026-11-17', '2026-11-23', false],
      ['earlier', '2026-10-25', '2026-11-16', false]
    ]);
    expect(periods[0].groups.map((g) => [g.label, g.total, g.items.map((i) => i.date)])).toEqual([
      ['Zustand geändert', 1, ['2026-11-17']],
      ['Neue Veröffentlichungen', 3, ['2026-11-23']]
    ]);
    expect(periods[1].groups.map((g) => [g.kind, g.items.map((i) => i.text)])).toEqual([
      ['lifecycle', ['Zustand jetzt „ruhend“ (vorher „aktiv“)']]
    ]);
  });

  it('says when the bound cut the changes read', () => {
    expect(groupRecentChanges([row('2026-11-23', release, 1, true)], '2026-11-23').every((p) => p.capped)).toBe(true);
  });
});
