/**
 * The shared core of the two dependency factors (CHAOSS Contributor Absence Factor and Elephant
 * Factor): the smallest number of buckets whose contributions together reach at least 50 % of all
 * contributions. Buckets are taken largest first; ties do not change the number.
 */
export interface Share<K> {
  key: K;
  count: number;
  share: number;
}

export interface FactorResult<K> {
  /** null when there are no contributions at all. */
  factor: number | null;
  total: number;
  /** All buckets, largest first. */
  shares: Share<K>[];
}

export function absenceFactor<K>(counts: ReadonlyMap<K, number>, threshold = 0.5): FactorResult<K> {
  let total = 0;
  for (const n of counts.values()) total += n;
  const shares = [...counts.entries()]
    .filter(([, n]) => n > 0)
    .map(([key, count]) => ({ key, count, share: total > 0 ? count / total : 0 }))
    .sort((a, b) => b.count - a.count);
  if (total === 0) return { factor: null, total, shares };
  let covered = 0;
  let factor = 0;
  for (const s of shares) {
    covered += s.count;
    factor++;
    if (covered >= threshold * total) break;
  }
  return { factor, total, shares };
}
