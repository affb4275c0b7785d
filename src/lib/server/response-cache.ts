/**
 * A cache of whole GET responses until the data changes. The dashboard is read-only and its data
 * changes only when a collection or derive commits, which SQLite's `data_version` reports to this
 * connection; so a page rendered once can be served again byte for byte until then. Bounded by
 * total size, least recently used entries go first.
 */
export interface CachedResponse {
  status: number;
  headers: [string, string][];
  body: Uint8Array;
}

export class ResponseCache {
  private entries = new Map<string, CachedResponse>();
  private bytes = 0;
  private version: number | null = null;

  constructor(
    private readonly maxBytes = 64 * 1024 * 1024,
    private readonly maxEntryBytes = 4 * 1024 * 1024
  ) {}

  /** Forget everything when the data version moved. */
  sync(version: number): void {
    if (version === this.version) return;
    this.entries.clear();
    this.bytes = 0;
    this.version = version;
  }

  get(key: string): CachedResponse | undefined {
    const hit = this.entries.get(key);
    if (hit) {
      // Re-insert: Map order is the recency order.
      this.entries.delete(key);
      this.entries.set(key, hit);
    }
    return hit;
  }

  set(key: string, response: CachedResponse): void {
    if (response.body.byteLength > this.maxEntryBytes) return;
    const old = this.entries.get(key);
    if (old) this.bytes -= old.body.byteLength;
    this.entries.set(key, response);
    this.bytes += response.body.byteLength;
    for (const [k, v] of this.entries) {
      if (this.bytes <= this.maxBytes) break;
      this.entries.delete(k);
      this.bytes -= v.body.byteLength;
    }
  }

  get size(): number {
    return this.entries.size;
  }
}
