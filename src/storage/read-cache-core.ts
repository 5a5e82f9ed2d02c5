// The machinery of the embedded store's read cache (read-cache.ts), shared by its cached parts
// (read-cache-scenarios.ts, read-cache-accounts.ts): generation counters that say whether a cached
// read is still current, a bounded LRU of results, and the read-through and write-around steps.
//
// - Every cached read remembers the generation counters it depends on as they were when it started,
//   and is served again only while all of them are unchanged. Counter values come from one tick
//   that only rises, so a value is never reused.
// - Every write bumps the counters of what it may have changed after its transaction settles and
//   before its promise resolves, also when it failed. A write that completed before a read began
//   therefore committed before the read's query ran, so a hit never misses a write the caller could
//   know of; a write still in flight when the read began is concurrent with it either way.
// - Only successful results are kept (a not_found or forbidden is asked again every time). Results
//   are deeply frozen and shared (copying them cost more than the rest of a cached read), so no
//   caller can change what the next one is served; a read may ask for copies instead.
// - Identical reads in flight at once share one query, and the cache is a bounded LRU.
import type { Role } from '../domain/access.ts';

export interface ReadCacheOptions {
  /** Upper bound on what the cache holds, in records (a list of n records costs n + 1). */
  maxCost?: number;
  /** Upper bound on cached sessions. */
  maxSessions?: number;
  /** Per-record counters kept before they are all dropped (and every entry with them). */
  maxGenerations?: number;
}

export const READ_CACHE_DEFAULTS: Required<ReadCacheOptions> = {
  maxCost: 50_000,
  maxSessions: 10_000,
  maxGenerations: 100_000,
};

/** Counts of cache use, for tests and diagnosis. */
export interface ReadCacheStats {
  hits: number;
  misses: number;
  /** Reads that joined an identical read already in flight. */
  shared: number;
  /** Cached entries a change brought up to date instead of dropping them. */
  patched: number;
  entries: number;
}

/** Generation counters; a missing one reads 0. Dropping them all starts a new epoch. */
class Generations {
  #tick = 0;
  #epoch = 0;
  readonly #values = new Map<string, number>();

  constructor(private readonly limit: number) {}

  snapshot(names: readonly string[]): number[] {
    return [this.#epoch, ...names.map((n) => this.#values.get(n) ?? 0)];
  }

  bump(names: readonly string[]): void {
    for (const name of names) this.#values.set(name, ++this.#tick);
    // Per-record counters grow with every record ever written. Dropping them would make an old
    // entry look current again, so the epoch, part of every snapshot, changes with them.
    if (this.#values.size > this.limit) this.reset();
  }

  /** Every entry read before this is stale. */
  reset(): void {
    this.#values.clear();
    this.#epoch++;
  }
}

export function sameDeps(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Whom a cached read was for, and its list filter: what a change is judged against. */
export interface EntryMeta {
  viewer: { role: Role; nation: string | null };
  filterNation?: string | null;
}

export interface Entry {
  deps: number[];
  value: unknown;
  cost: number;
  group?: string | undefined;
  meta?: EntryMeta | undefined;
  /** When it was stored, on the cache's own clock (ReadCache.storeTick). */
  storedAt: number;
}

/** What a patch does to an entry: its new value, or DROP. */
export const DROP = Symbol('drop');

/** A change to the entries of one group (see Lru.patchGroup), current as of the counters `deps`. */
export interface GroupPatch {
  group: string;
  deps: readonly string[];
  patch: (entry: Entry) => unknown;
}

/** Least recently used first (a Map keeps insertion order); bounded by the sum of costs. */
export class Lru {
  readonly #entries = new Map<string, Entry>();
  readonly #groups = new Map<string, Set<string>>();
  #cost = 0;

  constructor(private readonly maxCost: number) {}

  get(key: string, deps: readonly number[]): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    if (!sameDeps(entry.deps, deps)) {
      this.#delete(key, entry);
      return undefined;
    }
    this.#entries.delete(key);
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Entry): void {
    const old = this.#entries.get(key);
    if (old !== undefined) this.#delete(key, old);
    if (entry.cost > this.maxCost) return;
    this.#entries.set(key, entry);
    this.#cost += entry.cost;
    if (entry.group !== undefined) {
      let members = this.#groups.get(entry.group);
      if (members === undefined) this.#groups.set(entry.group, (members = new Set()));
      members.add(key);
    }
    for (const [k, e] of this.#entries) {
      if (this.#cost <= this.maxCost) break;
      this.#delete(k, e);
    }
  }

  /**
   * Entries of `group` current as of the counters `was` get the value `patch` gives them and count
   * as current as of `now`, or are dropped when it says DROP; stale ones are dropped.
   */
  patchGroup(group: string, was: readonly number[], now: number[], patch: (entry: Entry) => unknown): number {
    let patched = 0;
    for (const key of [...(this.#groups.get(group) ?? [])]) {
      const entry = this.#entries.get(key)!;
      const value = sameDeps(entry.deps, was) ? patch(entry) : DROP;
      if (value === DROP) {
        this.#delete(key, entry);
      } else {
        // Callers hold the old value: it is replaced, never changed.
        entry.value = deepFreeze(value);
        entry.deps = now;
        patched++;
      }
    }
    return patched;
  }

  #delete(key: string, entry: Entry): void {
    this.#entries.delete(key);
    this.#cost -= entry.cost;
    if (entry.group !== undefined) {
      const members = this.#groups.get(entry.group);
      members?.delete(key);
      if (members?.size === 0) this.#groups.delete(entry.group);
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#groups.clear();
    this.#cost = 0;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** Roughly how many records a result holds. */
function costOf(value: unknown): number {
  if (Array.isArray(value)) return value.length + 1;
  if (typeof value === 'object' && value !== null) {
    let n = 1;
    for (const v of Object.values(value)) if (Array.isArray(v)) n += v.length;
    return n;
  }
  return 1;
}

/** Freezes a value and everything in it; a frozen part (shared with an earlier value) is left be. */
export function deepFreeze<T>(value: T): T {
  if (typeof value !== 'object' || value === null || Object.isFrozen(value)) return value;
  for (const v of Object.values(value)) deepFreeze(v);
  return Object.freeze(value);
}

/**
 * A deep copy. Results are plain data (JSON-like), which this copies several times faster than
 * structuredClone; anything else (a Date, say) goes to structuredClone.
 */
export function copyOf<T>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v: unknown) => copyOf(v)) as T;
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return structuredClone(value);
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const v = copyOf((value as Record<string, unknown>)[key]);
    // A key named __proto__ (JSON may hold one) must stay a key, not set the copy's prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true });
    else out[key] = v;
  }
  return out as T;
}

/**
 * The cache's state, shared by its parts: the counters, the cached reads and sessions, and the
 * reads in flight. Each part names its own counters and groups (JSON arrays, so no id can make two
 * names collide).
 */
export class ReadCache {
  readonly #gens: Generations;
  /** Cached reads of scenario content. */
  readonly reads: Lru;
  /** Cached sessions, apart so that scenario reads cannot push them out (and the reverse). */
  readonly sessions: Lru;
  readonly #inFlight = new Map<string, { deps: number[]; promise: Promise<unknown> }>();
  readonly #stats = { hits: 0, misses: 0, shared: 0, patched: 0 };
  /** Counts entries stored, so a write can tell the entries stored before it began. */
  #storeTick = 0;

  constructor(options: Required<ReadCacheOptions>) {
    this.#gens = new Generations(options.maxGenerations);
    this.reads = new Lru(options.maxCost);
    this.sessions = new Lru(options.maxSessions);
  }

  get stats(): ReadCacheStats {
    return { ...this.#stats, entries: this.reads.size };
  }

  get storeTick(): number {
    return this.#storeTick;
  }

  /** Marks an entry about to be stored: returns its place on the cache's clock. */
  nextStoreTick(): number {
    return ++this.#storeTick;
  }

  countHit(): void {
    this.#stats.hits++;
  }

  countMiss(): void {
    this.#stats.misses++;
  }

  snapshot(names: readonly string[]): number[] {
    return this.#gens.snapshot(names);
  }

  bump(names: readonly string[]): void {
    this.#gens.bump(names);
  }

  /**
   * Serves `key` from the cache while the counters in `depNames` are as they were when the cached
   * read began; otherwise runs `load` (once for all identical reads in flight) and keeps its result
   * if none of them changed meanwhile. Every caller gets the same deeply frozen value, or with
   * `copy` its own deep copy.
   */
  async read<T>(
    key: string,
    depNames: readonly string[],
    load: () => Promise<T>,
    options: { group?: { name: string; meta: EntryMeta }; copy?: boolean } = {},
  ): Promise<T> {
    const { group, copy = false } = options;
    const hand = (value: unknown) => (copy ? copyOf(value) : value) as T;
    const deps = this.#gens.snapshot(depNames);
    const hit = this.reads.get(key, deps);
    if (hit !== undefined) {
      this.#stats.hits++;
      return hand(hit.value);
    }
    const running = this.#inFlight.get(key);
    if (running !== undefined && sameDeps(running.deps, deps)) {
      this.#stats.shared++;
      return hand(await running.promise);
    }
    this.#stats.misses++;
    const promise = load().then(deepFreeze);
    const flight = { deps, promise: promise as Promise<unknown> };
    this.#inFlight.set(key, flight);
    try {
      const value = await promise;
      if (sameDeps(deps, this.#gens.snapshot(depNames))) {
        this.reads.set(key, {
          deps,
          value,
          cost: costOf(value),
          group: group?.name,
          meta: group?.meta,
          storedAt: ++this.#storeTick,
        });
      }
      return hand(value);
    } finally {
      if (this.#inFlight.get(key) === flight) this.#inFlight.delete(key);
    }
  }

  /**
   * Stores a value known to be current as of now under the counters `depNames`, as a read that
   * began now would (a committed change's report says what the value has become).
   */
  remember(key: string, depNames: readonly string[], value: unknown): void {
    const frozen = deepFreeze(value);
    this.reads.set(key, {
      deps: this.#gens.snapshot(depNames),
      value: frozen,
      cost: costOf(frozen),
      storedAt: ++this.#storeTick,
    });
  }

  /** Runs a write, then bumps what it may have changed: also when it failed, which is harmless. */
  async write<T>(depNames: readonly string[], write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.#gens.bump(depNames);
    }
  }

  /**
   * Bumps `names` and brings the entries of each group in `patches` (current as of their counters
   * just before) up to date with its patch.
   */
  bumpAndPatch(names: readonly string[], patches: readonly GroupPatch[]): void {
    const was = patches.map((p) => this.#gens.snapshot(p.deps));
    this.#gens.bump(names);
    patches.forEach((p, i) => {
      this.#stats.patched += this.reads.patchGroup(p.group, was[i]!, this.#gens.snapshot(p.deps), p.patch);
    });
  }

  /** Forgets everything: every entry read before now is stale. */
  dropAll(): void {
    this.#gens.reset();
    this.reads.clear();
    this.sessions.clear();
  }
}
