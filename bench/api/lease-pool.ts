// Records the load generator may write, with the version it last saw of each. A record is leased
// to one request at a time, so no two connections (or two API processes) ever race on it: every
// write names the current version, and a 409 can only come from the server being wrong (or from
// someone else writing), which the benchmark then reports rather than hides.

export interface Lease {
  key: string;
  version: number;
}

export class LeasePool {
  private readonly versions = new Map<string, number>();
  /** Keys in a stable order, so a pick in [0, 1) names the same record every run. */
  private keys: string[] = [];
  private readonly leased = new Set<string>();

  constructor(records: Iterable<Lease> = []) {
    for (const r of records) this.add(r.key, r.version);
  }

  get size(): number {
    return this.keys.length;
  }

  get free(): number {
    return this.keys.length - this.leased.size;
  }

  has(key: string): boolean {
    return this.versions.has(key);
  }

  version(key: string): number | undefined {
    return this.versions.get(key);
  }

  /**
   * Leases the record at `pick` (scaled to the pool), or the next free one after it; undefined
   * when every record is out.
   */
  acquire(pick: number): Lease | undefined {
    const n = this.keys.length;
    if (n === 0 || this.leased.size >= n) return undefined;
    const start = Math.min(n - 1, Math.floor(pick * n));
    for (let i = 0; i < n; i++) {
      const key = this.keys[(start + i) % n]!;
      if (!this.leased.has(key)) {
        this.leased.add(key);
        return { key, version: this.versions.get(key)! };
      }
    }
    return undefined;
  }

  /** Returns a lease; `version` is the record's version now, when the answer told us. */
  release(key: string, version?: number): void {
    this.leased.delete(key);
    if (version !== undefined && this.versions.has(key)) this.versions.set(key, version);
  }

  add(key: string, version: number): void {
    if (!this.versions.has(key)) this.keys.push(key);
    this.versions.set(key, version);
  }

  remove(key: string): void {
    if (!this.versions.delete(key)) return;
    this.leased.delete(key);
    this.keys = this.keys.filter((k) => k !== key);
  }
}
