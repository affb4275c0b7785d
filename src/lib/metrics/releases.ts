/**
 * Veröffentlichungen (DESIGN §6).
 *
 * Definition: a project's releases are its forge releases (GitHub/GitLab releases of any of its
 * repositories, one per tag name, dated by publication, else creation); when it has none up to
 * asOf, its version tags: tags named like `v?\d+(\.\d+)+` (1.2, v2.0.1), one per name, dated by the
 * tagger (or commit) date. When a forge lists only part of a repository's releases (GitHub: the first
 * 1,000), the version tags fill in what the list leaves out: releases and version tags together,
 * one event per tag.
 * - count: releases in the window (default 365 days ending with asOf);
 * - daysSinceLast: whole days from the last release up to asOf (0 = on asOf), null if none;
 * - perYear: releases in the last 3 years divided by the years observed (3, or the time since the
 *   first commit when the project is younger, at least one year), null when the project has no history.
 */
import type { ReleaseFact, TagFact } from './facts';
import { asOfEnd, DAY, daysBefore, inRange, MONTHS_12, round, toDate, windowRange } from './window';

export const VERSION_TAG = /^v?\d+(\.\d+)+$/;

export interface ReleaseEvent {
  /** The tag: one event per tag, however many repositories (mirrors) publish it. */
  tag: string;
  /** What to show: the release's title, else its tag. */
  name: string;
  date: number;
}

export interface ReleaseHistory {
  source: 'release' | 'tag' | null;
  /** Sorted by date, oldest first. */
  events: ReleaseEvent[];
}

function dedupeByTag(events: ReleaseEvent[]): ReleaseEvent[] {
  const byTag = new Map<string, ReleaseEvent>();
  for (const e of events) {
    const known = byTag.get(e.tag);
    if (!known || e.date < known.date) byTag.set(e.tag, e);
  }
  return [...byTag.values()].sort((a, b) => a.date - b.date || a.tag.localeCompare(b.tag));
}

/**
 * All release events of a project, from forge releases else version tags (independent of asOf);
 * `releasesCapped`: a forge listed only part of the releases, so the version tags join them.
 */
export function releaseHistory(
  releases: readonly ReleaseFact[],
  tags: readonly TagFact[],
  options: { releasesCapped?: boolean } = {}
): { releases: ReleaseEvent[]; tags: ReleaseEvent[] } {
  const versionTags = tags.filter((t) => VERSION_TAG.test(t.name)).map((t) => ({ tag: t.name, name: t.name, date: t.taggedAt }));
  // Titles like „Neue Version“ repeat across releases; the tag tells them apart.
  const listed = releases.map((r) => ({ tag: r.tagName, name: r.name || r.tagName, date: r.publishedAt ?? r.createdAt }));
  return {
    releases: dedupeByTag(
      options.releasesCapped ? [...listed, ...versionTags.filter((t) => !listed.some((l) => l.tag === t.tag))] : listed
    ),
    tags: dedupeByTag(versionTags)
  };
}

/** The release events that count as of asOf: releases if there are any by then, else version tags. */
export function releasesAsOf(history: { releases: ReleaseEvent[]; tags: ReleaseEvent[] }, asOf: string): ReleaseHistory {
  const end = asOfEnd(asOf);
  const releases = history.releases.filter((e) => e.date < end);
  if (releases.length > 0) return { source: 'release', events: releases };
  const tags = history.tags.filter((e) => e.date < end);
  return { source: tags.length > 0 ? 'tag' : null, events: tags };
}

export interface ReleaseFigures {
  source: 'release' | 'tag' | null;
  count: number;
  total: number;
  daysSinceLast: number | null;
  perYear: number | null;
  last: { name: string; date: string; source: 'release' | 'tag' } | null;
}

export function releaseFigures(
  releases: readonly ReleaseFact[],
  tags: readonly TagFact[],
  asOf: string,
  options: { days?: number; firstCommitAt?: number | null; history?: { releases: ReleaseEvent[]; tags: ReleaseEvent[] } } = {}
): ReleaseFigures {
  const chosen = releasesAsOf(options.history ?? releaseHistory(releases, tags), asOf);
  const range = windowRange(asOf, options.days ?? MONTHS_12);
  const count = chosen.events.filter((e) => inRange(e.date, range)).length;
  const last = chosen.events.at(-1) ?? null;
  const end = asOfEnd(asOf);
  const beginning = Math.min(options.firstCommitAt ?? Infinity, chosen.events[0]?.date ?? Infinity);
  let perYear: number | null = null;
  if (beginning !== Infinity) {
    const spanDays = Math.min(3 * 365, Math.max(365, (end - beginning) / DAY));
    const from = end - spanDays * DAY;
    const n = chosen.events.filter((e) => e.date >= from).length;
    perYear = round(n / (spanDays / 365), 1);
  }
  return {
    source: chosen.source,
    count,
    total: chosen.events.length,
    daysSinceLast: last ? daysBefore(asOf, last.date) : null,
    perYear,
    last: last && chosen.source ? { name: last.name, date: toDate(last.date), source: chosen.source } : null
  };
}
