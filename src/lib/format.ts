/**
 * German formatting for everything the product writes: the dashboard, the exports, the CLI and the
 * sentences the pure metrics store in reports (de-DE, always in UTC so that server and printout
 * agree). One spelling: „62 %“ with a narrow no-break space (U+202F), durations in whole units
 * („5 Stunden“, „3 Tage“, „4 Monate“), in the dative after „nach“/„vor“ („nach 2 Tagen“).
 * Every formatter accepts null/undefined and answers „–“ for it; pages that need to say *why* a
 * figure is missing use the Figure component instead.
 *
 * No imports and no SvelteKit aliases: src/lib/metrics imports this file relatively.
 */

const LOCALE = 'de-DE';
export const DASH = '–';

const dateFmt = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', day: '2-digit', month: '2-digit', year: 'numeric' });
const dateTimeFmt = new Intl.DateTimeFormat(LOCALE, {
  timeZone: 'UTC',
  day: '2-digit',
  month: '2-digit',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit'
});
const monthFmt = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', month: 'short', year: 'numeric' });
const monthShortFmt = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', month: 'short' });
const dayMonthFmt = new Intl.DateTimeFormat(LOCALE, { timeZone: 'UTC', day: '2-digit', month: '2-digit' });

type DateInput = string | number | Date | null | undefined;

/** A Date from an ISO date ("2026-11-23"), an ISO timestamp, epoch seconds or a Date. */
export function toDate(value: DateInput): Date | null {
  if (value === null || value === undefined || value === '') return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number') return new Date(value * 1000);
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : value);
  return Number.isNaN(d.getTime()) ? null : d;
}

/** 23.11.2026 */
export function formatDate(value: DateInput): string {
  const d = toDate(value);
  return d ? dateFmt.format(d) : DASH;
}

/** 23.11.2026, 04:10 (UTC) */
export function formatDateTime(value: DateInput): string {
  const d = toDate(value);
  return d ? `${dateTimeFmt.format(d)} UTC` : DASH;
}

/** Nov. 2026 */
export function formatMonth(value: DateInput): string {
  const d = toDate(value);
  return d ? monthFmt.format(d) : DASH;
}

/** Nov. */
export function formatMonthShort(value: DateInput): string {
  const d = toDate(value);
  return d ? monthShortFmt.format(d) : DASH;
}

/** 23.11. */
export function formatDayMonth(value: DateInput): string {
  const d = toDate(value);
  return d ? dayMonthFmt.format(d) : DASH;
}

/** The year, "2019". */
export function formatYear(value: DateInput): string {
  const d = toDate(value);
  return d ? String(d.getUTCFullYear()) : DASH;
}

const numberFmts = new Map<number, Intl.NumberFormat>();
/** 1.234 / 12,5 — German separators. */
export function formatNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  // Whole numbers below 1,000 have neither separator nor decimals: Intl's format cost derive about
  // 1.3 s of CPU per worker at country scale, most of it for such numbers.
  if (Number.isInteger(value) && (value > 0 || Object.is(value, 0)) && value < 1000) return String(value);
  let fmt = numberFmts.get(digits);
  if (!fmt) {
    fmt = new Intl.NumberFormat(LOCALE, { maximumFractionDigits: digits, minimumFractionDigits: 0 });
    numberFmts.set(digits, fmt);
  }
  return fmt.format(value);
}

/** A share 0–1 as „84 %“ (with a narrow no-break space, as German typesetting wants). */
export function formatPercent(share: number | null | undefined, digits = 0): string {
  if (share === null || share === undefined || Number.isNaN(share)) return DASH;
  return `${formatNumber(share * 100, digits)}\u202f%`;
}

/** 01.01.2025–31.12.2025: a period, both days inclusive (en dash, no spaces). */
export function formatDateRange(from: DateInput, to: DateInput): string {
  return `${formatDate(from)}–${formatDate(to)}`;
}

/** A change with its sign: „+12“, „-3“, „±0“ (the sign is written, so that it is read out too). */
export function formatSignedNumber(value: number | null | undefined, digits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return DASH;
  const text = formatNumber(Math.abs(value), digits);
  if (text === '0') return '±0';
  return `${value > 0 ? '+' : '-'}${text}`;
}

/** A relative change 0.2 as „+20 %“; below one percent with one decimal („+0,4 %“). */
export function formatSignedPercent(share: number | null | undefined): string {
  if (share === null || share === undefined || Number.isNaN(share)) return DASH;
  const percent = share * 100;
  return `${formatSignedNumber(percent, Math.abs(percent) < 1 ? 1 : 0)}\u202f%`;
}

/**
 * The change of a count from `previous` to `current` in words: „+12 (+20 %)“, „-3 (-10 %)“,
 * „±0 (unverändert)“, „+3 (vorher 0)“; „nicht vergleichbar“ when either value is missing —
 * never „0 %“ for a figure one of the periods does not have.
 */
export function formatChange(current: number | null | undefined, previous: number | null | undefined): string {
  if (current === null || current === undefined || previous === null || previous === undefined) return 'nicht vergleichbar';
  const difference = current - previous;
  if (difference === 0) return '±0 (unverändert)';
  if (previous === 0) return `${formatSignedNumber(difference)} (vorher 0)`;
  return `${formatSignedNumber(difference)} (${formatSignedPercent(difference / previous)})`;
}

/** The score as shown: a whole number. */
export function formatScore(score: number | null | undefined): string {
  if (score === null || score === undefined) return 'nicht bewertbar';
  return formatNumber(Math.round(score));
}

/** „1 Tag“ / „3 Tage“ — German plural by count. */
export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}

/** Nominative (after a number alone) or dative (after „nach“, „vor“, „seit“). */
export type GrammaticalCase = 'nominative' | 'dative';

/** Singular, plural nominative, plural dative. */
const UNITS = {
  hour: ['Stunde', 'Stunden', 'Stunden'],
  day: ['Tag', 'Tage', 'Tagen'],
  month: ['Monat', 'Monate', 'Monaten'],
  year: ['Jahr', 'Jahre', 'Jahren']
} as const;

function unit(n: number, name: keyof typeof UNITS, grammaticalCase: GrammaticalCase): string {
  const [one, many, manyDative] = UNITS[name];
  return plural(n, one, grammaticalCase === 'dative' ? manyDative : many);
}

/** Below one unit: „unter 1 Stunde“; in the dative „weniger als 1 Stunde“ („nach weniger als 1 Stunde“). */
function under(name: 'hour' | 'day', grammaticalCase: GrammaticalCase): string {
  return `${grammaticalCase === 'dative' ? 'weniger als' : 'unter'} 1 ${UNITS[name][0]}`;
}

/**
 * A duration in hours in plain words: „unter 1 Stunde“, „5 Stunden“, „2 Tage“, „3 Monate“; up to
 * 47 hours in hours, beyond that as formatDays.
 */
export function formatHours(hours: number | null | undefined, grammaticalCase: GrammaticalCase = 'nominative'): string {
  if (hours === null || hours === undefined || Number.isNaN(hours)) return DASH;
  if (hours < 1) return under('hour', grammaticalCase);
  if (hours < 48) return unit(Math.round(hours), 'hour', grammaticalCase);
  return formatDays(hours / 24, grammaticalCase);
}

/** formatHours in the dative, for „nach …“: „nach 5 Stunden“, „nach 2 Tagen“. */
export function formatHoursDative(hours: number | null | undefined): string {
  return formatHours(hours, 'dative');
}

/** A number of days in plain words: „1 Tag“, „12 Tage“ (below 60), „5 Monate“ (below 730), „2 Jahre“. */
export function formatDays(days: number | null | undefined, grammaticalCase: GrammaticalCase = 'nominative'): string {
  if (days === null || days === undefined || Number.isNaN(days)) return DASH;
  if (days < 1) return under('day', grammaticalCase);
  if (days < 60) return unit(Math.round(days), 'day', grammaticalCase);
  if (days < 730) return unit(Math.round(days / 30.44), 'month', grammaticalCase);
  return unit(Math.round(days / 365.25), 'year', grammaticalCase);
}

/** Whole UTC days from `from` to `to`. */
export function daysBetween(from: DateInput, to: DateInput): number | null {
  const a = toDate(from);
  const b = toDate(to);
  if (!a || !b) return null;
  const dayA = Date.UTC(a.getUTCFullYear(), a.getUTCMonth(), a.getUTCDate());
  const dayB = Date.UTC(b.getUTCFullYear(), b.getUTCMonth(), b.getUTCDate());
  return Math.round((dayB - dayA) / 86_400_000);
}

/** „heute“, „gestern“, „vor 3 Tagen“, „vor 5 Monaten“, „vor 2 Jahren“ — relative to `asOf`. */
export function formatAgo(value: DateInput, asOf: DateInput): string {
  const days = daysBetween(value, asOf);
  if (days === null) return DASH;
  if (days <= 0) return 'heute';
  if (days === 1) return 'gestern';
  return `vor ${formatDays(days, 'dative')}`;
}

/** A repository URL without the scheme, for display: github.com/stadt-ulm/terminbuchung. */
export function displayUrl(url: string | null | undefined): string {
  if (!url) return DASH;
  return url
    .replace(/^[a-z]+:\/\//i, '')
    .replace(/\.git$/, '')
    .replace(/\/$/, '');
}

/** Only http(s) URLs become links; anything else (file paths, javascript:) stays text. */
export function safeHref(url: string | null | undefined): string | null {
  if (!url) return null;
  return /^https?:\/\//i.test(url) ? url : null;
}
