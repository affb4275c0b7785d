/**
 * A recorded change (src/lib/reports/changes.ts) in one plain German line, for the overview's „Was
 * hat sich geändert“ and the Atom feeds, and the overview's grouping of the recent changes. Plain
 * text: the pages escape it (svelte), the feeds escape it for XML (src/lib/server/atom-feed.ts).
 * Relative imports only.
 */
import { CHANGE_KIND_LABELS, lifecycleInfo, STRENGTH_INFO } from './labels';
import { addDays } from './metrics/window';
import { CHANGE_KINDS, type ChangeKind, type ProjectChange } from './reports/changes';

export function describeChange(change: ProjectChange): string {
  switch (change.kind) {
    case 'lifecycle':
      return `Zustand jetzt „${lifecycleInfo(change.detail.to).label}“ (vorher „${lifecycleInfo(change.detail.from).label}“)`;
    case 'release':
      return `${change.detail.source === 'tag' ? 'Neuer Versions-Tag' : 'Neue Veröffentlichung'} ${change.detail.name}`;
    case 'finding-new':
      return `Neuer Hinweis: ${change.detail.title}`;
    case 'finding-resolved':
      return `Hinweis erledigt: ${change.detail.title}`;
    case 'reuse-new':
      return `Neu nachgenutzt von ${change.detail.organisationName} (${STRENGTH_INFO[change.detail.observed ? 'beobachtet' : 'erklärt'].label})`;
    case 'reuse-observed':
      return `Nachnutzung durch ${change.detail.organisationName} jetzt beobachtet (vorher nur erklärt)`;
  }
}

/** The overview's periods: the 7 days ending with the newest snapshot, then the days before up to 30. */
export const RECENT_DAYS = 7;
export const EARLIER_DAYS = 30;
/** Changes shown per kind and period (the rest is counted). */
export const CHANGES_PER_KIND = 8;
/** Entries per Atom feed: the newest this many changes. */
export const FEED_ENTRIES = 50;

export interface ChangeGroup {
  kind: ChangeKind;
  label: string;
  /** How many changes of this kind the period has (a lower bound when the period is capped). */
  total: number;
  items: { projectId: string; projectName: string; text: string; date: string }[];
}

export interface ChangePeriod {
  key: 'recent' | 'earlier';
  title: string;
  from: string;
  to: string;
  groups: ChangeGroup[];
  /** More changes than the overview reads: totals are lower bounds, the oldest are left out. */
  capped: boolean;
}

/** The periods of „Was hat sich geändert“ for the newest snapshot day `asOf`. */
export function changePeriods(asOf: string): { since: string; recentSince: string; earlierTo: string } {
  return {
    since: addDays(asOf, -(EARLIER_DAYS - 1)),
    recentSince: addDays(asOf, -(RECENT_DAYS - 1)),
    earlierTo: addDays(asOf, -RECENT_DAYS)
  };
}

/** Rows of listRecentChanges (per kind and period, with the group's total) grouped for the overview. */
export function groupRecentChanges(
  rows: readonly (ProjectChange & { projectId: string; projectName: string; groupTotal: number; capped: boolean })[],
  asOf: string
): ChangePeriod[] {
  const { since, recentSince, earlierTo } = changePeriods(asOf);
  const periods: ChangePeriod[] = [
    { key: 'recent', title: `Letzte ${RECENT_DAYS} Tage`, from: recentSince, to: asOf, groups: [], capped: false },
    { key: 'earlier', title: `Davor, bis ${EARLIER_DAYS} Tage zurück`, from: since, to: earlierTo, groups: [], capped: false }
  ];
  const capped = rows.some((r) => r.capped);
  for (const period of periods) {
    period.capped = capped;
    for (const kind of CHANGE_KINDS) {
      const items = rows.filter((r) => r.kind === kind && r.date >= period.from && r.date <= period.to);
      if (items.length === 0) continue;
      period.groups.push({
        kind,
        label: CHANGE_KIND_LABELS[kind],
        total: Math.max(items[0].groupTotal, items.length),
        items: items.map((r) => ({ projectId: r.projectId, projectName: r.projectName, text: describeChange(r), date: r.date }))
      });
    }
  }
  return periods;
}
