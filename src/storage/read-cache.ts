// An in-process read cache for the embedded store (PGlite), as a decorator over any Store.
//
// Why it is safe there and only there: a PGlite data directory is opened by one process at a time
// (data-dir-lock.ts), and in that process every write goes through this object, so it sees every
// change the database ever makes. On PostgreSQL other processes write too, and `cachedStore`
// refuses to wrap such a store.
//
// How it stays correct:
// - Every write bumps generation counters for what it may change (the record, its kind, its
//   scenario, the scenario list, the users), after the write's transaction settles and before its
//   promise resolves, whether it succeeded or not. Counter values come from one tick that only
//   rises, so a value is never reused.
// - Every cached read remembers the counters it depends on as they were when it started, and is
//   served again only while all of them are unchanged. A write that completed before a read began
//   committed before the read's query ran, so a hit never misses a write the caller could know of;
//   a write still in flight when the read began is concurrent with it either way.
// - Reads are keyed by what their result depends on: method, scenario, kind, key, filter and the
//   viewer's role and nation (the only parts of a Principal the read rule in visibility.ts looks
//   at), never by user id. Two viewers with the same role and nation see the same rows.
// - Only successful results are kept (a not_found or forbidden is asked again every time), never a
//   result read inside a transaction (this object has none), and each caller gets its own deep
//   copy, so a caller changing its result cannot change what the next caller is served.
// - Identical reads in flight at once share one query, and the cache is a bounded LRU.
//
// Sessions are cached the same way (findSession: one query per authenticated request otherwise),
// depending on the users generation, which every user and session change bumps: sign-out, a
// password change or reset, disabling a user or changing its role take effect on the next request.
// A cached session is served only while it has not expired.
import type { Principal } from '../domain/access.ts';
import type { ScenarioId } from '../domain/ids.ts';
import {
  ENTITY_KEY,
  ENTITY_KINDS,
  type AuditEntry,
  type EntityKind,
  type EntityTypes,
  type ScenarioHeaderPatch,
  type ScenarioSummary,
  type Stored,
  type StoredScenario,
} from '../domain/records.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import type { SearchQuery, SearchResult } from '../domain/search.ts';
import { MAPPINGS } from './entity-mappings.ts';
import type {
  Actor,
  AuditFilter,
  ListFilter,
  NewUser,
  SessionRecord,
  Store,
  UserPatch,
  UserRecord,
  Withheld,
} from './store.ts';

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

/** Kinds whose deletion deletes records of other kinds with it (a nation takes its stance entries). */
const CASCADING_KINDS: ReadonlySet<EntityKind> = new Set(
  ENTITY_KINDS.flatMap((kind) =>
    MAPPINGS[kind].references.filter((ref) => ref.cascade).map((ref) => ref.target),
  ),
);

/**
 * Wraps the embedded store in a read cache. Refuses a PostgreSQL store: other processes write to
 * that database behind this process's back, so nothing read from it may be kept.
 */
export function cachedStore(inner: Store, options: ReadCacheOptions = {}): Store {
  if (inner.backend !== 'pglite') {
    throw new Error('the read cache is only for the embedded store: PostgreSQL has other writers');
  }
  return new CachedStore(inner, { ...READ_CACHE_DEFAULTS, ...options });
}

// What a read depends on, as counter names. JSON arrays, so no id can make two names collide.
const ALL_SCENARIOS = '["scenarios"]';
const USERS = '["users"]';
/** The scenario as a whole: created, deleted, replaced, or records removed by a cascade. */
const scenarioDep = (s: string) => JSON.stringify(['scenario', s]);
/** The scenario's header (name, dates, mission, assumptions). */
const headerDep = (s: string) => JSON.stringify(['header', s]);
/** Anything at all in the scenario. */
const contentDep = (s: string) => JSON.stringify(['content', s]);
const kindDep = (s: string, kind: string) => JSON.stringify(['kind', s, kind]);
const recordDep = (s: string, kind: string, key: string) => JSON.stringify(['record', s, kind, key]);

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
    if (this.#values.size > this.limit) {
      this.#values.clear();
      this.#epoch++;
    }
  }
}

function sameDeps(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

interface Entry {
  deps: number[];
  value: unknown;
  cost: number;
}

/** Least recently used first (a Map keeps insertion order); bounded by the sum of costs. */
class Lru {
  readonly #entries = new Map<string, Entry>();
  #cost = 0;

  constructor(private readonly maxCost: number) {}

  get(key: string, deps: readonly number[]): Entry | undefined {
    const entry = this.#entries.get(key);
    if (entry === undefined) return undefined;
    this.#entries.delete(key);
    if (!sameDeps(entry.deps, deps)) {
      this.#cost -= entry.cost;
      return undefined;
    }
    this.#entries.set(key, entry);
    return entry;
  }

  set(key: string, entry: Entry): void {
    if (entry.cost > this.maxCost) return;
    const old = this.#entries.get(key);
    if (old !== undefined) {
      this.#entries.delete(key);
      this.#cost -= old.cost;
    }
    this.#entries.set(key, entry);
    this.#cost += entry.cost;
    for (const [k, e] of this.#entries) {
      if (this.#cost <= this.maxCost) break;
      this.#entries.delete(k);
      this.#cost -= e.cost;
    }
  }

  clear(): void {
    this.#entries.clear();
    this.#cost = 0;
  }

  get size(): number {
    return this.#entries.size;
  }
}

/** The parts of a viewer the read rule depends on (visibility.ts): role and nation, not the user. */
function viewerClass(viewer: Principal): [string, string | null] {
  return [viewer.role, viewer.nation ?? null];
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

/** Counts of cache use, for tests and diagnosis. */
export interface ReadCacheStats {
  hits: number;
  misses: number;
  /** Reads that joined an identical read already in flight. */
  shared: number;
  entries: number;
}

export class CachedStore implements Store {
  readonly backend: 'pglite' | 'postgres';
  readonly #inner: Store;
  readonly #gens: Generations;
  readonly #cache: Lru;
  readonly #sessions: Lru;
  readonly #inFlight = new Map<string, { deps: number[]; promise: Promise<unknown> }>();
  readonly #stats = { hits: 0, misses: 0, shared: 0 };

  constructor(inner: Store, options: Required<ReadCacheOptions>) {
    this.backend = inner.backend;
    this.#inner = inner;
    this.#gens = new Generations(options.maxGenerations);
    this.#cache = new Lru(options.maxCost);
    this.#sessions = new Lru(options.maxSessions);
  }

  get stats(): ReadCacheStats {
    return { ...this.#stats, entries: this.#cache.size };
  }

  /**
   * Serves `key` from the cache while the counters in `depNames` are as they were when the cached
   * read began; otherwise runs `load` (once for all identical reads in flight) and keeps its result
   * if none of them changed meanwhile. Every caller gets its own copy.
   */
  async #read<T>(key: string, depNames: readonly string[], load: () => Promise<T>): Promise<T> {
    const deps = this.#gens.snapshot(depNames);
    const hit = this.#cache.get(key, deps);
    if (hit !== undefined) {
      this.#stats.hits++;
      return structuredClone(hit.value) as T;
    }
    const running = this.#inFlight.get(key);
    if (running !== undefined && sameDeps(running.deps, deps)) {
      this.#stats.shared++;
      return structuredClone(await running.promise) as T;
    }
    this.#stats.misses++;
    const promise = load();
    const flight = { deps, promise: promise as Promise<unknown> };
    this.#inFlight.set(key, flight);
    try {
      const value = await promise;
      if (sameDeps(deps, this.#gens.snapshot(depNames))) {
        this.#cache.set(key, { deps, value, cost: costOf(value) });
      }
      return structuredClone(value);
    } finally {
      if (this.#inFlight.get(key) === flight) this.#inFlight.delete(key);
    }
  }

  /** Runs a write, then bumps what it may have changed: also when it failed, which is harmless. */
  async #write<T>(depNames: readonly string[], write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.#gens.bump(depNames);
    }
  }

  #recordWrite(scenarioId: string, kind: EntityKind, key: string | undefined): string[] {
    const names = [kindDep(scenarioId, kind), contentDep(scenarioId), ALL_SCENARIOS];
    if (key !== undefined) names.push(recordDep(scenarioId, kind, key));
    return names;
  }

  #scenarioWrite(ids: readonly string[]): string[] {
    return [...ids.flatMap((id) => [scenarioDep(id), headerDep(id), contentDep(id)]), ALL_SCENARIOS];
  }

  // Scenario content: cached reads.

  listScenarios(viewer: Principal): Promise<ScenarioSummary[]> {
    return this.#read(JSON.stringify(['listScenarios', viewerClass(viewer)]), [ALL_SCENARIOS], () =>
      this.#inner.listScenarios(viewer),
    );
  }

  getScenario(id: ScenarioId | string): Promise<StoredScenario> {
    return this.#read(JSON.stringify(['getScenario', id]), [scenarioDep(id), headerDep(id)], () =>
      this.#inner.getScenario(id),
    );
  }

  exportScenario(id: ScenarioId | string, viewer: Principal): Promise<ScenarioDocument> {
    return this.#read(
      JSON.stringify(['exportScenario', id, viewerClass(viewer)]),
      [scenarioDep(id), contentDep(id)],
      () => this.#inner.exportScenario(id, viewer),
    );
  }

  withheld(scenarioId: string, viewer: Principal): Promise<Withheld> {
    return this.#read(
      JSON.stringify(['withheld', scenarioId, viewerClass(viewer)]),
      [scenarioDep(scenarioId), contentDep(scenarioId)],
      () => this.#inner.withheld(scenarioId, viewer),
    );
  }

  list<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    viewer: Principal,
    filter: ListFilter = {},
  ): Promise<Stored<EntityTypes[K]>[]> {
    return this.#read(
      JSON.stringify(['list', scenarioId, kind, viewerClass(viewer), filter.nation ?? null]),
      [scenarioDep(scenarioId), kindDep(scenarioId, kind)],
      () => this.#inner.list(scenarioId, kind, viewer, filter),
    );
  }

  get<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    viewer: Principal,
  ): Promise<Stored<EntityTypes[K]>> {
    return this.#read(
      JSON.stringify(['get', scenarioId, kind, key, viewerClass(viewer)]),
      [scenarioDep(scenarioId), recordDep(scenarioId, kind, key)],
      () => this.#inner.get(scenarioId, kind, key, viewer),
    );
  }

  /** Not cached: free text makes for many keys and few repeats. */
  search(scenarioId: string, viewer: Principal, query: SearchQuery): Promise<SearchResult> {
    return this.#inner.search(scenarioId, viewer, query);
  }

  // Scenario content: writes.

  importScenario(doc: ScenarioDocument, actor: Actor, id?: ScenarioId | string): Promise<ScenarioSummary> {
    return this.#write(this.#scenarioWrite([id ?? doc.id]), () => this.#inner.importScenario(doc, actor, id));
  }

  importScenarios(
    items: readonly { document: ScenarioDocument; id?: ScenarioId | string }[],
    actor: Actor,
    options?: { replace?: boolean },
  ): Promise<ScenarioSummary[]> {
    return this.#write(this.#scenarioWrite(items.map((item) => item.id ?? item.document.id)), () =>
      this.#inner.importScenarios(items, actor, options),
    );
  }

  updateScenario(
    id: ScenarioId | string,
    patch: ScenarioHeaderPatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<StoredScenario> {
    return this.#write([headerDep(id), contentDep(id), ALL_SCENARIOS], () =>
      this.#inner.updateScenario(id, patch, expectedVersion, actor),
    );
  }

  deleteScenario(id: ScenarioId | string, expectedVersion: number | undefined, actor: Actor): Promise<void> {
    return this.#write(this.#scenarioWrite([id]), () =>
      this.#inner.deleteScenario(id, expectedVersion, actor),
    );
  }

  create<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    record: EntityTypes[K],
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>> {
    const key = (record as Record<string, unknown>)[ENTITY_KEY[kind]];
    return this.#write(this.#recordWrite(scenarioId, kind, typeof key === 'string' ? key : undefined), () =>
      this.#inner.create(scenarioId, kind, record, actor),
    );
  }

  update<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    record: EntityTypes[K],
    expectedVersion: number,
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>> {
    return this.#write(this.#recordWrite(scenarioId, kind, key), () =>
      this.#inner.update(scenarioId, kind, key, record, expectedVersion, actor),
    );
  }

  delete(
    scenarioId: string,
    kind: EntityKind,
    key: string,
    expectedVersion: number,
    actor: Actor,
  ): Promise<void> {
    const names = this.#recordWrite(scenarioId, kind, key);
    // Records deleted with it (a nation's stance entries) are not named one by one.
    if (CASCADING_KINDS.has(kind)) names.push(scenarioDep(scenarioId));
    return this.#write(names, () => this.#inner.delete(scenarioId, kind, key, expectedVersion, actor));
  }

  // Sessions: cached while the users generation holds and the session has not expired.

  async findSession(tokenHash: string, now: Date): Promise<SessionRecord | undefined> {
    const deps = this.#gens.snapshot([USERS]);
    const hit = this.#sessions.get(tokenHash, deps);
    if (hit !== undefined) {
      const session = hit.value as SessionRecord;
      if (Date.parse(session.expiresAt) > now.getTime()) {
        this.#stats.hits++;
        return structuredClone(session);
      }
    }
    this.#stats.misses++;
    const found = await this.#inner.findSession(tokenHash, now);
    if (found !== undefined && sameDeps(deps, this.#gens.snapshot([USERS]))) {
      this.#sessions.set(tokenHash, { deps, value: structuredClone(found), cost: 1 });
    }
    return found;
  }

  createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    return this.#write([USERS], () => this.#inner.createSession(tokenHash, userId, expiresAt));
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.#write([USERS], () => this.#inner.deleteSession(tokenHash));
  }

  deleteUserSessions(userId: string): Promise<void> {
    return this.#write([USERS], () => this.#inner.deleteUserSessions(userId));
  }

  createUser(user: NewUser, actor: Actor): Promise<UserRecord> {
    return this.#write([USERS], () => this.#inner.createUser(user, actor));
  }

  updateUser(
    id: string,
    patch: UserPatch,
    expectedVersion: number | undefined,
    actor: Actor,
  ): Promise<UserRecord> {
    return this.#write([USERS], () => this.#inner.updateUser(id, patch, expectedVersion, actor));
  }

  // Not cached: rare, or (credentials, sign-in failures, the audit log) better always read afresh.

  audit(filter?: AuditFilter): Promise<AuditEntry[]> {
    return this.#inner.audit(filter);
  }

  countUsers(): Promise<number> {
    return this.#inner.countUsers();
  }

  listUsers(): Promise<UserRecord[]> {
    return this.#inner.listUsers();
  }

  getUser(id: string): Promise<UserRecord> {
    return this.#inner.getUser(id);
  }

  getCredentials(id: string): Promise<{ user: UserRecord; passwordHash: string } | undefined> {
    return this.#inner.getCredentials(id);
  }

  recordLoginFailure(keys: string[], at: Date): Promise<void> {
    return this.#inner.recordLoginFailure(keys, at);
  }

  countLoginFailures(key: string, since: Date): Promise<number> {
    return this.#inner.countLoginFailures(key, since);
  }

  clearLoginFailures(keys: string[]): Promise<void> {
    return this.#inner.clearLoginFailures(keys);
  }

  getSetting(key: string): Promise<string | undefined> {
    return this.#inner.getSetting(key);
  }

  setSetting(key: string, value: string): Promise<void> {
    return this.#inner.setSetting(key, value);
  }

  async close(): Promise<void> {
    this.#cache.clear();
    this.#sessions.clear();
    await this.#inner.close();
  }
}
