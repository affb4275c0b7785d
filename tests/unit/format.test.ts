/** German number formatting: the shortcut for small whole numbers gives exactly what Intl gives. */
import { describe, expect, it } from 'vitest';
import { formatNumber } from '../../src/lib/format';

describe('formatNumber', () => {
  it('formats like Intl de-DE, whole numbers below 1,000 included', () => {
    const values = [0, -0, 1, 7, 42, 999, 999.5, 1000, 1234, 12345.678, 0.5, 12.25, -3, -1234.5, 1e21];
    for (let n = 0; n < 1200; n += 7) values.push(n);
    for (const digits of [0, 1, 2])
      for (const value of values) {
        const intl = new Intl.NumberFormat('de-DE', { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
        expect(formatNumber(value, digits), `${value} with ${digits} digits`).toBe(intl);
      }
  });

  it('shows a dash for no value', () => {
    expect(formatNumber(null)).toBe(formatNumber(undefined));
    expect(formatNumber(Number.NaN)).toBe(formatNumber(null));
    expect(formatNumber(null)).not.toMatch(/\d/);
  });
});
