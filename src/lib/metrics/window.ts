/**
 * Reference dates and windows (DESIGN §6).
 *
 * Definition: every figure is computed for a reference date `asOf` (a UTC calendar date). A window
 * of N days is the N UTC calendar days ending with asOf, inclusive: from 00:00 UTC on day
 * asOf − (N − 1) up to, but excluding, 00:00 UTC on the day after asOf. Week k (k = 0 … 25) is the
 * 7 UTC days ending 7·k days before asOf, inclusive (week 0 ends with asOf).
 * The previous window of N days is the N days just before the window.
 */

export const DAY = 86_400;

/**
 * The windows of DESIGN §6, in days ending with asOf. „6, 12 and 18 months“ are fixed day counts;
 * first responses look at the items of 90 days, activity at the last 26 weeks. The Methodik page
 * (src/lib/methodikText.ts) states them from here.
 */
export const MONTHS_6 = 180;
export const MONTHS_12 = 365;
export const MONTHS_18 = 548;
export const RESPONSE_DAYS = 90;
export const ACTIVE_WEEKS = 26;

/** A half-open time range [start, end) in epoch seconds. */
export interface TimeRange {
  start: number;
  end: number;
}

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Epoch seconds of 00:00 UTC of a "YYYY-MM-DD" date; throws on anything else. */
const dayStarts = new Map<string, number>();

export function dayStart(date: string): number {
  const known = dayStarts.get(date);
  if (known !== undefined) return known;
  const m = DATE.exec(date);
  if (!m) throw new RangeError(`Ungültiges Datum „${date}“ (erwartet JJJJ-MM-TT)`);
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  if (toDate(ms / 1000) !== date) throw new RangeError(`Ungültiges Datum „${date}“`);
  if (dayStarts.size > 10_000) dayStarts.clear();
  dayStarts.set(date, ms / 1000);
  return ms / 1000;
}

/** Epoch seconds of the end of asOf: 00:00 UTC of the following day (exclusive). */
export function asOfEnd(asOf: string): number {
  return dayStart(asOf) + DAY;
}

export function isValidDate(date: string): boolean {
  try {
    dayStart(date);
    return true;
  } catch {
    return false;
  }
}

/** "YYYY-MM-DD" (UTC) of epoch seconds. */
export function toDate(seconds: number): string {
  return new Date(seconds * 1000).toISOString().slice(0, 10);
}

/** ISO 8601 UTC timestamp of epoch seconds. */
export function toIso(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
}

export function addDays(date: string, days: number): string {
  return toDate(dayStart(date) + days * DAY);
}

/** Whether `date` (YYYY-MM-DD) is the last day of its month. */
export function isMonthEnd(date: string): boolean {
  return addDays(date, 1).endsWith('-01');
}

/** The first day of the month `months` months after the month of `date` (negative: before), YYYY-MM-01. */
export function addMonths(date: string, months: number): string {
  const [year, month] = date.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1 + months, 1)).toISOString().slice(0, 10);
}

/** Today's UTC date. */
export function today(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** The N-day window ending with asOf, inclusive. */
export function windowRange(asOf: string, days: number): TimeRange {
  const end = asOfEnd(asOf);
  return { start: end - days * DAY, end };
}

/** The N days just before the N-day window ending with asOf. */
export function previousWindowRange(asOf: string, days: number): TimeRange {
  const { start } = windowRange(asOf, days);
  return { start: start - days * DAY, end: start };
}

/** Week k: the 7 days ending 7·k days before asOf, inclusive. */
export function weekRange(asOf: string, k: number): TimeRange {
  const end = asOfEnd(asOf) - 7 * k * DAY;
  return { start: end - 7 * DAY, end };
}

/** Index k of the week (0 … weeks−1) a time falls into, or −1 outside the last `weeks` weeks (asOf as a date or as asOfEnd). */
export function weekIndex(asOf: string | number, time: number, weeks = ACTIVE_WEEKS): number {
  const end = typeof asOf === 'number' ? asOf : asOfEnd(asOf);
  if (time >= end) return -1;
  const k = Math.floor((end - 1 - time) / (7 * DAY));
  return k < weeks ? k : -1;
}

/** Everything up to the end of asOf. */
export function untilAsOf(asOf: string): TimeRange {
  return { start: Number.NEGATIVE_INFINITY, end: asOfEnd(asOf) };
}

export function inRange(time: number | null | undefined, range: TimeRange): boolean {
  return time != null && time >= range.start && time < range.end;
}

/** Whole days from `time` to the end of asOf's day, rounded down (0 = on asOf). */
export function daysBefore(asOf: string, time: number): number {
  return Math.floor((asOfEnd(asOf) - 1 - time) / DAY);
}

/**
 * The last day of each of the `count` calendar months before asOf's month, newest first
 * (asOf 2026-11-23, count 2 → 2026-10-31, 2026-09-30).
 */
export function previousMonthEnds(asOf: string, count: number): string[] {
  const start = dayStart(asOf);
  const d = new Date(start * 1000);
  const result: string[] = [];
  for (let i = 0; i < count; i++) {
    // Day 0 of month m is the last day of month m−1.
    const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - i, 0);
    result.push(toDate(end / 1000));
  }
  return result;
}

/** Epoch seconds of 00:00 UTC on the first day of the calendar month (UTC) that `seconds` falls in. */
export function monthStart(seconds: number): number {
  const d = new Date(seconds * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) / 1000;
}

/** The first day of the calendar month after the one starting at `start` (a monthStart). */
function nextMonthStart(start: number): number {
  const d = new Date(start * 1000);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1) / 1000;
}

/** A time range as whole calendar months and the days before and after them (splitAtMonths). */
export interface PeriodParts {
  months: TimeRange | null;
  edges: TimeRange[];
}

/**
 * A range split at calendar months (UTC): `months` the whole months inside it, as the range from the
 * first one's start to the end of the last (null: none), `edges` the rest before and after them (at
 * most two ranges, none empty). The pieces are disjoint and cover the range, so that figures summed
 * per month and counted for the edges add up to the range's.
 */
export function splitAtMonths(range: TimeRange): PeriodParts {
  const first = monthStart(range.start) === range.start ? range.start : nextMonthStart(monthStart(range.start));
  const last = monthStart(range.end);
  if (first >= last) return { months: null, edges: range.start < range.end ? [range] : [] };
  const edges = [
    { start: range.start, end: first },
    { start: last, end: range.end }
  ].filter((r) => r.start < r.end);
  return { months: { start: first, end: last }, edges };
}

/** Median of numbers (mean of the two middle values for an even count); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
