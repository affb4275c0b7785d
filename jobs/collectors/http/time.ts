/** Time for the collectors: forge timestamps, incremental `since` values, waiting that a stop interrupts. */

/** Epoch seconds of an ISO timestamp; null for missing or unparsable values. */
export function epoch(iso: string | null | undefined): number | null {
  if (!iso) return null;
  const ms = Date.parse(iso);
  return Number.isFinite(ms) ? Math.floor(ms / 1000) : null;
}

/** The UTC day an instant falls on, as the start of that day ("2024-05-01T00:00:00Z"). */
export function floorDay(iso: string): string {
  const ms = Date.parse(iso);
  if (!Number.isFinite(ms)) throw new Error(`invalid timestamp ${iso}`);
  return `${new Date(ms).toISOString().slice(0, 10)}T00:00:00Z`;
}

/** How far incremental reads reach back before their cursor: items a forge lists late (replication lag) are still read. */
export const CURSOR_OVERLAP_MS = 60 * 60_000;

/**
 * The `since`/`updated_after` of an incremental list: the cursor minus the overlap, floored to the
 * UTC day, so that the request URL (and with it its ETag) stays the same all day.
 */
export function sinceWithOverlap(hwm: string): string {
  const ms = Date.parse(hwm);
  if (!Number.isFinite(ms)) throw new Error(`invalid timestamp ${hwm}`);
  return floorDay(new Date(ms - CURSOR_OVERLAP_MS).toISOString());
}

/** The later of two ISO timestamps (either may be missing). */
export function laterIso(a: string | null | undefined, b: string | null | undefined): string | null {
  if (!a) return b ?? null;
  if (!b) return a;
  return Date.parse(b) > Date.parse(a) ? b : a;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(abortError(signal));
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export class CollectionAborted extends Error {
  constructor() {
    super('Sammlung abgebrochen');
    this.name = 'AbortError';
  }
}

function abortError(_signal: AbortSignal): Error {
  return new CollectionAborted();
}

export function throwIfAborted(signal?: AbortSignal): void {
  if (signal?.aborted) throw new CollectionAborted();
}
