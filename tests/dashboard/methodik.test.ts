import { describe, expect, it } from 'vitest';
import {
  COMPONENT_ANCHORS,
  FINDING_KEYS,
  M,
  OPENCODE_CRITERIA,
  READINESS_ITEMS,
  findingAnchor,
  opencodeAnchor,
  readinessAnchor
} from '../../src/lib/methodik';
import { OPENCODE_BADGE_RULES_VERSION } from '../../src/lib/metrics/opencodeBadges';
import { READINESS_RULES_VERSION } from '../../src/lib/metrics/reuseReadiness';
import { METHODIK, METHODIK_CONSTANTS, buildMethodik, methodikAnchors, type MethodikConstants } from '../../src/lib/methodikText';
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
      ...READINESS_ITEMS.map(readinessAnchor),
      ...OPENCODE_CRITERIA.map(opencodeAnchor),
      ...LIFECYCLES.map((l) => `zustand-${l}`)
    ];
    expect(linked.filter((a) => !defined.has(a))).toEqual([]);
  });
  it('has no duplicate anchors', () => {
    expect(methodikAnchors().length).toBe(defined.size);
  });
});

describe('Methodik text from the constants of the metrics', () => {
  /** Every number in the constants, with its path („responsivenessPoints.0.below“). */
  function leaves(value: unknown, path: string[] = []): { path: string[]; value: number }[] {
    if (typeof value === 'number') return [{ path, value }];
    if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => leaves(v, [...path, k]));
    return [];
  }
  function changed(path: string[], value: number): MethodikConstants {
    const copy = structuredClone(METHODIK_CONSTANTS) as unknown as Record<string, unknown>;
    let target = copy;
    for (const key of path.slice(0, -1)) target = target[key] as Record<string, unknown>;
    target[path.at(-1)!] = value;
    return copy as unknown as MethodikConstants;
  }
  const text = (groups: ReturnType<typeof buildMethodik>) => JSON.stringify(groups);

  it('renders the metrics’ own constants by default', () => {
    expect(text(buildMethodik())).toBe(text(METHODIK));
  });

  it.each(leaves(METHODIK_CONSTANTS).map((l) => [l.path.join('.'), l] as const))('changes with %s', (_name, leaf) => {
    // A share is halved, a count or a number of days doubled (+1): every constant must show on the page.
    const other = leaf.value < 1 ? leaf.value / 2 : leaf.value * 2 + 1;
    expect(text(buildMethodik(changed(leaf.path, other)))).not.toBe(text(METHODIK));
  });

  it('states no threshold of its own: every number in the rules comes from a constant', () => {
    const c = METHODIK_CONSTANTS;
    const allowed = new Set<number>([
      // Calendar and arithmetic, not thresholds: 0 („sonst 0“, „0–100“), 1 („1 + Commits“), a week of 7 days.
      0,
      1,
      7,
      c.activeWeeks - 1,
      c.volumeFullCommits + 1,
      c.headerBytes / 1024,
      Object.values(c.componentMax).reduce((a, b) => a + b, 0),
      ...[c.months6, c.months12, c.months18].map((d) => Math.round(d / 30.44)),
      ...[...c.personsPoints, ...c.organisationsPoints].map((r) => r.atLeast - 1)
    ]);
    for (const { value } of leaves(c)) allowed.add(value < 1 ? Math.round(value * 100) : value);
    // Facts that are no constants of the metrics: the bot study cited (Golzadeh et al. 2021: 5,000
    // accounts, 527 bots, recall 88 %, precision 95 %) and a login from its examples, a GitLab
    // version, version tags.
    const quoted: Record<string, string[]> = {
      bots: ['83', '5.000', '2021', '527', '88', '95'],
      'erste-reaktion': ['18.4'],
      veroeffentlichungen: ['1.4.0', '2.1'],
      // The date of the checklist's rules (a version, no threshold).
      [M.nachnutzbarkeit]: [formatDate(READINESS_RULES_VERSION)],
      [M.opencode]: [formatDate(OPENCODE_BADGE_RULES_VERSION)]
    };
    const strays: string[] = [];
    for (const d of METHODIK.flatMap((g) => g.definitions)) {
      for (const t of [d.title, ...d.text, ...(d.table ?? []).flat()]) {
        for (const [n] of t.matchAll(/\d+(?:[.,]\d+)*/g)) {
          if (quoted[d.id]?.includes(n)) continue;
          if (!allowed.has(Number(n.replace(/\./g, '').replace(',', '.')))) strays.push(`${d.id}: ${n}`);
        }
      }
    }
    expect(strays).toEqual([]);
  });

  it('states the point tables as the metrics compute them', () => {
    const definition = (id: string) => METHODIK.flatMap((g) => g.definitions).find((d) => d.id === id)!;
    expect(definition(M.reaktionsfaehigkeit).text[0]).toBe(
      'Nach dem Median der ersten Reaktion in 90 Tagen: unter 1 Tag 20, unter 3 Tagen 16, unter 7 Tagen 12, unter 30 Tagen 6, unter 90 Tagen 2, sonst 0.'
    );
    expect(definition(M.breite).text[0]).toBe(
      'Abhängigkeit von wenigen Personen: ab 5 18 Punkte, 3–4: 15, 2: 10, 1: 3; dazu Abhängigkeit von wenigen Organisationen: ab 3 7 Punkte, 2: 5, 1: 2.'
    );
    expect(definition(M.punkte_veroeffentlichungen).text[0]).toBe(
      'Letzte Veröffentlichung binnen 90 Tagen 15, binnen 180 Tagen 11, binnen 365 Tagen 7, binnen 730 Tagen 3, sonst 0.'
    );
    expect(definition(findingAnchor('one-organisation')).text[0]).toContain('mehr als 90\u202f% der Commits');
    const stricter = buildMethodik({ ...METHODIK_CONSTANTS, oneOrganisationShare: 0.75 });
    const rule = stricter.flatMap((g) => g.definitions).find((d) => d.id === findingAnchor('one-organisation'))!;
    expect(rule.text[0]).toContain('mehr als 75\u202f% der Commits');
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
