/** German formatting for user-facing text (dates, numbers, percentages, durations). */
import { toDate } from './window';

/** 23.11.2026 */
export function formatDate(dateOrSeconds: string | number): string {
  const date = typeof dateOrSeconds === 'number' ? toDate(dateOrSeconds) : dateOrSeconds;
  const [y, m, d] = date.split('-');
  return `${d}.${m}.${y}`;
}

/** 1.234 / 3,5 */
const numberFormats = new Map<number, Intl.NumberFormat>();

export function formatNumber(value: number, digits = 0): string {
  let format = numberFormats.get(digits);
  if (!format)
    numberFormats.set(digits, (format = new Intl.NumberFormat('de-DE', { maximumFractionDigits: digits, minimumFractionDigits: 0 })));
  return format.format(value);
}

/** „62 %“ from a share 0–1. */
export function formatPercent(share: number): string {
  return `${formatNumber(Math.round(share * 100))} %`;
}

/** „5 Stunden“, „2 Tage“ (nominative) from hours. */
export function formatHours(hours: number): string {
  if (hours < 1) return 'unter einer Stunde';
  if (hours < 48) {
    const h = Math.round(hours);
    return h === 1 ? '1 Stunde' : `${h} Stunden`;
  }
  const d = Math.round(hours / 24);
  return d === 1 ? '1 Tag' : `${formatNumber(d)} Tage`;
}

/** Dative form for „nach …“: „nach 5 Stunden“, „nach 2 Tagen“. */
export function formatHoursDative(hours: number): string {
  if (hours < 1) return 'weniger als einer Stunde';
  const s = formatHours(hours);
  return s.endsWith(' Tage') ? `${s}n` : s;
}

/** „1 Person“ / „3 Personen“. */
export function plural(n: number, one: string, many: string): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
