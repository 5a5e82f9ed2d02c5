// An in-process read cache for the embedded store (PGlite), as a decorator over any Store.
//
// Why it is safe there and only there: a PGlite data directory is opened by one process at a time
// (data-dir-lock.ts), and in that process every write goes through this object, so it sees every
// change the database ever makes. On PostgreSQL other processes write too, and `cachedStore`
// refuses to wrap such a store.
//
// How it stays correct:
// - Every cached read remembers the generation counters it depends on (its scenario, the kind of
//   record, the record, who may see what, the summaries, the users) as they were when it started,
//   and is served again only while all of them are unchanged. Counter values come from one tick
//   that only rises, so a value is never reused.
// - Every write bumps the counters of what it may have changed after its transaction settles and
//   before its promise resolves, also when it failed. A write that completed before a read began
//   therefore committed before the read's query ran, so a hit never misses a write the caller could
//   know of; a write still in flight when the read began is concurrent with it either way.
// - Reads are keyed by what their result depends on: method, scenario, kind, key, filter and the
//   viewer's role and nation (the only parts of a Principal the read rule in visibility.ts looks
//   at), never by user id. Two viewers with the same role and nation see the same rows.
// - Only successful results are kept (a not_found or forbidden is asked again every time), never a
//   result read inside a transaction (this object has none). Results are deeply frozen and shared
//   (copying them cost more than the rest of a cached read), so no caller can change what the next
//   one is served; exportScenario, whose documents go on to analyses and backups, hands out copies.
// - Identical reads in flight at once share one query, and the cache is a bounded LRU.
//
// Keeping entries through a change. KyselyStore reports each committed transaction's changes (its
// audit entries: the record before and after) in commit order, before the write resolves, and the
// cache then brings entries up to date instead of dropping them where that is certain:
// - an update that leaves the record's marking and nation as they were changes no one's right to
//   see it, so the cached lists and gets that held the old record get the new one, and withheld
//   counts stay;
// - a deleted record leaves every cached list of its kind that held it;
// - a created record goes last in the cached lists of its kind (new records go last in order,
//   KyselyStore.create) of viewers certain to see it: staff, who see everything, or anyone when the
//   record is unmarked or PUBLIC (releasableToEveryone). Lists of other viewers are dropped;
// - withheld counts stay through a create or delete that withholds nothing from their viewer, for
//   the same two reasons;
// - the scenario summaries of viewers certain to see the record take its share (summaryShare,
//   beside the summaries' query in KyselyStore) in or out. Counts are not idempotent, so this is
//   done only to summaries stored before the write began, which cannot hold it yet.
// Nothing else of the read rule is evaluated here: every other list and count comes from the
// database's own filtering. A change the store did not report, or reported out of order, drops
// whatever it could have touched.
//
// Sessions are cached the same way (findSession: one query per authenticated request otherwise),
// depending on the users generation, which every user and session change bumps: sign-out, a
// password change or reset, disabling a user or changing its role take effect on the next request.
// A cached session is served only while it has not expired.
import { seesEverything, type Principal, type Role } from '../domain/access.ts';
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
import { summaryShare, type CommitListener, type CommittedChange } from './kysely-store.ts';
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
import { releasableToEveryone } from './visibility.ts';

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

/** A store that reports its committed changes (KyselyStore). */
interface ChangeFeed {
  onCommit(listener: CommitListener): () => void;
}

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
export function cachedStore(inner: Store, options: ReadCacheOptions = {}): CachedStore {
  if (inner.backend !== 'pglite') {
    throw new Error('the read cache is only for the embedded store: PostgreSQL has other writers');
  }
  return new CachedStore(inner, { ...READ_CACHE_DEFAULTS, ...options });
}

// What a read depends on, as counter names. JSON arrays, so no id can make two names collide.
/** Anything any scenario summary reads (listScenarios). */
const SUMMARIES = '["summaries"]';
const USERS = '["users"]';
/** The scenario as a whole: created, deleted, replaced, or records removed by a cascade. */
const scenarioDep = (s: string) => JSON.stringify(['scenario', s]);
/** The scenario's header (name, dates, mission, assumptions). */
const headerDep = (s: string) => JSON.stringify(['header', s]);
/** Anything at all in the scenario (the export). */
const contentDep = (s: string) => JSON.stringify(['content', s]);
/** Which of the scenario's records exist and whom they are releasable to (withheld). */
const visibilityDep = (s: string) => JSON.stringify(['visibility', s]);
const kindDep = (s: string, kind: string) => JSON.stringify(['kind', s, kind]);
const recordDep = (s: string, kind: string, key: string) => JSON.stringify(['record', s, kind, key]);

// Groups of entries a change may bring up to date.
const listGroup = (s: string, kind: string) => JSON.stringify(['list', s, kind]);
const getGroup = (s: string, kind: string, key: string) => JSON.stringify(['get', s, kind, key]);
const withheldGroup = (s: string) => JSON.stringify(['withheld', s]);
const SUMMARIES_GROUP = '["summaries"]';

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

function sameDeps(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

/** Whom a cached read was for, and its list filter: what a change is judged against. */
interface EntryMeta {
  viewer: { role: Role; nation: string | null };
  filterNation?: string | null;
}

interface Entry {
  deps: number[];
  value: unknown;
  cost: number;
  group?: string | undefined;
  meta?: EntryMeta | undefined;
  /** When it was stored, on the cache's own clock (CachedStore's #storeTick). */
  storedAt: number;
}

/** How a committed record change alters the summaries of the viewers certain to see the record. */
interface SummaryChange {
  certain: (meta: EntryMeta | undefined) => boolean;
  apply: (summary: ScenarioSummary) => ScenarioSummary;
}

/** A record change the store reported, and what it does to summaries (undefined: nothing left to do). */
interface Report {
  change: CommittedChange;
  summaries: SummaryChange | undefined;
}

/** What a patch does to an entry: its new value, or DROP. */
const DROP = Symbol('drop');

/** Least recently used first (a Map keeps insertion order); bounded by the sum of costs. */
class Lru {
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

/** The parts of a viewer the read rule depends on (visibility.ts): role and nation, not the user. */
function viewerOf(viewer: Principal): EntryMeta['viewer'] {
  return { role: viewer.role, nation: viewer.nation ?? null };
}

function viewerKey(viewer: Principal): [Role, string | null] {
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

type RecordFields = Record<string, unknown>;

/** Freezes a value and everything in it; a frozen part (shared with an earlier value) is left be. */
function deepFreeze<T>(value: T): T {
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
  const out: RecordFields = {};
  for (const key of Object.keys(value)) {
    const v = copyOf((value as RecordFields)[key]);
    // A key named __proto__ (JSON may hold one) must stay a key, not set the copy's prototype.
    if (key === '__proto__') Object.defineProperty(out, key, { value: v, enumerable: true, writable: true });
    else out[key] = v;
  }
  return out as T;
}

/** What decides who may see a record (visibility.ts): its marking and the nation it belongs to. */
function visibilityOf(kind: EntityKind, record: RecordFields): string {
  const nationColumn = MAPPINGS[kind].nationColumn;
  return JSON.stringify([record.releasability ?? null, nationColumn ? record[nationColumn] : null]);
}

/** A summary with `sign` times one record's share (summaryShare) added. */
function withShare(
  summary: ScenarioSummary,
  share: ReturnType<typeof summaryShare>,
  sign: 1 | -1,
): ScenarioSummary {
  const counts = { ...summary.counts };
  if (share.count !== undefined) counts[share.count] += sign;
  return { ...summary, counts, personnelOffered: summary.personnelOffered + sign * share.personnel };
}

/**
 * Whether the viewer of a cached read is certain to see a record: staff see every record, and
 * anyone sees one releasable to everyone. Otherwise only the database can say.
 */
function certainToSee(releasableToAll: boolean): (meta: EntryMeta | undefined) => boolean {
  return (meta) => meta !== undefined && (releasableToAll || seesEverything({ userId: '', ...meta.viewer }));
}

function markingOf(record: RecordFields): { level: string } | undefined {
  return record.releasability as { level: string } | undefined;
}

/** Whether a list read with this nation filter would hold the record if its viewer may see it. */
function passesFilter(
  kind: EntityKind,
  filterNation: string | null | undefined,
  record: RecordFields,
): boolean {
  const nationColumn = MAPPINGS[kind].nationColumn;
  return (
    filterNation === null ||
    filterNation === undefined ||
    !nationColumn ||
    record[nationColumn] === filterNation
  );
}

function isEntityKind(entity: string): entity is EntityKind {
  return (ENTITY_KINDS as readonly string[]).includes(entity);
}

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

export class CachedStore implements Store {
  readonly backend: 'pglite' | 'postgres';
  readonly #inner: Store;
  readonly #gens: Generations;
  readonly #cache: Lru;
  readonly #sessions: Lru;
  readonly #inFlight = new Map<string, { deps: number[]; promise: Promise<unknown> }>();
  readonly #stats = { hits: 0, misses: 0, shared: 0, patched: 0 };
  /**
   * Record changes the store reported, by action, scenario, kind and key, until the write call that
   * made them confirms it was reported (a write that finds none drops what it could have touched).
   */
  readonly #reported = new Map<string, Report>();
  #lastSequence: number | undefined;
  /** Counts entries stored, so a write can tell the entries stored before it began. */
  #storeTick = 0;
  readonly #unsubscribe: (() => void) | undefined;

  constructor(inner: Store, options: Required<ReadCacheOptions>) {
    this.backend = inner.backend;
    this.#inner = inner;
    this.#gens = new Generations(options.maxGenerations);
    this.#cache = new Lru(options.maxCost);
    this.#sessions = new Lru(options.maxSessions);
    const feed = inner as Partial<ChangeFeed>;
    if (typeof feed.onCommit === 'function') {
      this.#unsubscribe = feed.onCommit.call(inner, (changes, sequence) =>
        this.#committed(changes, sequence),
      );
    }
  }

  get stats(): ReadCacheStats {
    return { ...this.#stats, entries: this.#cache.size };
  }

  /**
   * Serves `key` from the cache while the counters in `depNames` are as they were when the cached
   * read began; otherwise runs `load` (once for all identical reads in flight) and keeps its result
   * if none of them changed meanwhile. Every caller gets the same deeply frozen value, or with
   * `copy` its own deep copy.
   */
  async #read<T>(
    key: string,
    depNames: readonly string[],
    load: () => Promise<T>,
    options: { group?: { name: string; meta: EntryMeta }; copy?: boolean } = {},
  ): Promise<T> {
    const { group, copy = false } = options;
    const hand = (value: unknown) => (copy ? copyOf(value) : value) as T;
    const deps = this.#gens.snapshot(depNames);
    const hit = this.#cache.get(key, deps);
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
        this.#cache.set(key, {
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

  /** Runs a write, then bumps what it may have changed: also when it failed, which is harmless. */
  async #write<T>(depNames: readonly string[], write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } finally {
      this.#gens.bump(depNames);
    }
  }

  /** Everything a create, update or delete of one record may change. */
  #recordDeps(scenarioId: string, kind: EntityKind, key: string | undefined): string[] {
    const names = [kindDep(scenarioId, kind), contentDep(scenarioId), visibilityDep(scenarioId), SUMMARIES];
    if (key !== undefined) names.push(recordDep(scenarioId, kind, key));
    // Records deleted with it (a nation's stance entries) are not named one by one.
    if (CASCADING_KINDS.has(kind)) names.push(scenarioDep(scenarioId));
    return names;
  }

  #scenarioDeps(ids: readonly string[]): string[] {
    return [
      ...ids.flatMap((id) => [scenarioDep(id), headerDep(id), contentDep(id), visibilityDep(id)]),
      SUMMARIES,
    ];
  }

  /**
   * Runs a create, update or delete of one record. When it succeeded and the store reported it,
   * #committed has already brought lists, gets and withheld counts up to date, and the summaries
   * are brought up to date here; otherwise everything the record could be part of is dropped.
   */
  async #recordWrite<T>(
    action: 'create' | 'update' | 'delete',
    scenarioId: string,
    kind: EntityKind,
    key: string | undefined,
    write: () => Promise<T>,
  ): Promise<T> {
    const reportKey = JSON.stringify([action, scenarioId, kind, key]);
    const began = this.#storeTick;
    let result: T;
    try {
      result = await write();
    } catch (e) {
      this.#reported.delete(reportKey);
      this.#gens.bump(this.#recordDeps(scenarioId, kind, key));
      throw e;
    }
    const report = this.#reported.get(reportKey);
    this.#reported.delete(reportKey);
    // The store returns the very record its audit entry holds; a delete returns nothing.
    if (report === undefined || (action !== 'delete' && report.change.after !== result)) {
      this.#gens.bump(this.#recordDeps(scenarioId, kind, key));
    } else if (report.summaries !== undefined) {
      const { certain, apply } = report.summaries;
      // Counts are not idempotent: only a summary stored before this write began is certain not to
      // hold it already (a read stored later may have run after the commit). Those are dropped.
      this.#bumpAndPatch(
        [SUMMARIES],
        [
          {
            group: SUMMARIES_GROUP,
            deps: [SUMMARIES],
            patch: (entry) =>
              entry.storedAt <= began && certain(entry.meta)
                ? (entry.value as ScenarioSummary[]).map((x) => (x.id === scenarioId ? apply(x) : x))
                : DROP,
          },
        ],
      );
    }
    return result;
  }

  /** Forgets everything: every entry read before now is stale. */
  #dropAll(): void {
    this.#gens.reset();
    this.#cache.clear();
    this.#sessions.clear();
  }

  /**
   * Called by the store right after each transaction commits, in commit order. It must not throw
   * (the write has committed): should anything go wrong here, the whole cache is dropped instead.
   */
  #committed(changes: readonly CommittedChange[], sequence: number): void {
    try {
      this.#applyCommitted(changes, sequence);
    } catch {
      this.#dropAll();
    }
  }

  #applyCommitted(changes: readonly CommittedChange[], sequence: number): void {
    const inOrder = this.#lastSequence === undefined || sequence === this.#lastSequence + 1;
    this.#lastSequence = Math.max(sequence, this.#lastSequence ?? 0);
    if (!inOrder) {
      // A transaction reported late (or one lost): nothing patched can be trusted to be in order.
      this.#dropAll();
      return;
    }
    for (const change of changes) {
      const s = change.scenarioId;
      if (change.entity === 'users') {
        this.#gens.bump([USERS]);
      } else if (s === null || !isEntityKind(change.entity)) {
        this.#gens.bump(s === null ? [SUMMARIES] : this.#scenarioDeps([s]));
      } else {
        const kind = change.entity;
        const before = change.before as RecordFields | null;
        const after = change.after as RecordFields | null;
        let summaries: SummaryChange | undefined;
        if (change.action === 'update' && before && after) {
          summaries = this.#applyUpdate(s, kind, change.entityKey, before, after);
        } else if (change.action === 'create' && after) {
          summaries = this.#applyCreate(s, kind, change.entityKey, after);
        } else if (change.action === 'delete' && before) {
          summaries = this.#applyDelete(s, kind, change.entityKey, before);
        } else {
          this.#gens.bump(this.#recordDeps(s, kind, change.entityKey));
        }
        // Taken by the write call that made the change; bounded in case one never comes for it.
        if (this.#reported.size >= 1000) this.#reported.clear();
        this.#reported.set(JSON.stringify([change.action, s, kind, change.entityKey]), { change, summaries });
      }
    }
  }

  /**
   * Bumps `names` and brings the entries of each group in `patches` (current as of their counters
   * just before) up to date with its patch.
   */
  #bumpAndPatch(
    names: readonly string[],
    patches: readonly { group: string; deps: readonly string[]; patch: (entry: Entry) => unknown }[],
  ): void {
    const was = patches.map((p) => this.#gens.snapshot(p.deps));
    this.#gens.bump(names);
    patches.forEach((p, i) => {
      this.#stats.patched += this.#cache.patchGroup(p.group, was[i]!, this.#gens.snapshot(p.deps), p.patch);
    });
  }

  #applyUpdate(
    s: string,
    kind: EntityKind,
    key: string,
    before: RecordFields,
    after: RecordFields,
  ): SummaryChange | undefined {
    if (visibilityOf(kind, before) !== visibilityOf(kind, after)) {
      // Who may see it changed: where it now belongs is the database's to say.
      this.#gens.bump(this.#recordDeps(s, kind, key));
      return undefined;
    }
    const keyField = ENTITY_KEY[kind];
    const version = after.version as number;
    // Versions only rise, so of two updates applied in either order the later one stays.
    const newer = (old: RecordFields) => typeof old.version === 'number' && old.version < version;
    this.#bumpAndPatch(
      [kindDep(s, kind), recordDep(s, kind, key), contentDep(s)],
      [
        {
          group: listGroup(s, kind),
          deps: [scenarioDep(s), kindDep(s, kind)],
          patch: (entry) =>
            (entry.value as RecordFields[]).map((r) => (r[keyField] === key && newer(r) ? copyOf(after) : r)),
        },
        {
          group: getGroup(s, kind, key),
          deps: [scenarioDep(s), recordDep(s, kind, key)],
          patch: (entry) => (newer(entry.value as RecordFields) ? copyOf(after) : entry.value),
        },
      ],
    );
    const was = summaryShare(kind, before);
    const now = summaryShare(kind, after);
    if (was.count === now.count && was.personnel === now.personnel) return undefined;
    return {
      certain: certainToSee(releasableToEveryone(markingOf(after))),
      apply: (summary) => withShare(withShare(summary, was, -1), now, 1),
    };
  }

  #applyCreate(s: string, kind: EntityKind, key: string, after: RecordFields): SummaryChange {
    const keyField = ENTITY_KEY[kind];
    const certain = certainToSee(releasableToEveryone(markingOf(after)));
    this.#bumpAndPatch(
      [kindDep(s, kind), recordDep(s, kind, key), contentDep(s), visibilityDep(s)],
      [
        {
          group: listGroup(s, kind),
          deps: [scenarioDep(s), kindDep(s, kind)],
          patch: (entry) => {
            const list = entry.value as RecordFields[];
            if (!passesFilter(kind, entry.meta?.filterNation, after)) return list;
            if (!certain(entry.meta)) return DROP;
            // A list read after the commit holds it already. New records go last (KyselyStore.create).
            return list.some((r) => r[keyField] === key) ? list : [...list, copyOf(after)];
          },
        },
        {
          // Withheld from no one who may see it: the counts of those who may stay as they were.
          group: withheldGroup(s),
          deps: [scenarioDep(s), visibilityDep(s)],
          patch: (entry) => (certain(entry.meta) ? entry.value : DROP),
        },
      ],
    );
    const share = summaryShare(kind, after);
    return { certain, apply: (summary) => withShare(summary, share, 1) };
  }

  #applyDelete(s: string, kind: EntityKind, key: string, before: RecordFields): SummaryChange | undefined {
    if (CASCADING_KINDS.has(kind)) {
      this.#gens.bump(this.#recordDeps(s, kind, key));
      return undefined;
    }
    const keyField = ENTITY_KEY[kind];
    const certain = certainToSee(releasableToEveryone(markingOf(before)));
    this.#bumpAndPatch(
      [kindDep(s, kind), recordDep(s, kind, key), contentDep(s), visibilityDep(s)],
      [
        {
          // Gone for everyone: the lists that held it lose it, the others stay as they are.
          group: listGroup(s, kind),
          deps: [scenarioDep(s), kindDep(s, kind)],
          patch: (entry) => (entry.value as RecordFields[]).filter((r) => r[keyField] !== key),
        },
        {
          group: withheldGroup(s),
          deps: [scenarioDep(s), visibilityDep(s)],
          patch: (entry) => (certain(entry.meta) ? entry.value : DROP),
        },
      ],
    );
    const share = summaryShare(kind, before);
    return { certain, apply: (summary) => withShare(summary, share, -1) };
  }

  // Scenario content: cached reads.

  listScenarios(viewer: Principal): Promise<ScenarioSummary[]> {
    return this.#read(
      JSON.stringify(['listScenarios', viewerKey(viewer)]),
      [SUMMARIES],
      () => this.#inner.listScenarios(viewer),
      { group: { name: SUMMARIES_GROUP, meta: { viewer: viewerOf(viewer) } } },
    );
  }

  getScenario(id: ScenarioId | string): Promise<StoredScenario> {
    return this.#read(JSON.stringify(['getScenario', id]), [scenarioDep(id), headerDep(id)], () =>
      this.#inner.getScenario(id),
    );
  }

  exportScenario(id: ScenarioId | string, viewer: Principal): Promise<ScenarioDocument> {
    return this.#read(
      JSON.stringify(['exportScenario', id, viewerKey(viewer)]),
      [scenarioDep(id), contentDep(id)],
      () => this.#inner.exportScenario(id, viewer),
      // A copy: whole documents go on to analyses and backups, which may build on them in place.
      { copy: true },
    );
  }

  withheld(scenarioId: string, viewer: Principal): Promise<Withheld> {
    return this.#read(
      JSON.stringify(['withheld', scenarioId, viewerKey(viewer)]),
      [scenarioDep(scenarioId), visibilityDep(scenarioId)],
      () => this.#inner.withheld(scenarioId, viewer),
      { group: { name: withheldGroup(scenarioId), meta: { viewer: viewerOf(viewer) } } },
    );
  }

  list<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    viewer: Principal,
    filter: ListFilter = {},
  ): Promise<Stored<EntityTypes[K]>[]> {
    const filterNation = filter.nation ?? null;
    return this.#read(
      JSON.stringify(['list', scenarioId, kind, viewerKey(viewer), filterNation]),
      [scenarioDep(scenarioId), kindDep(scenarioId, kind)],
      () => this.#inner.list(scenarioId, kind, viewer, filter),
      { group: { name: listGroup(scenarioId, kind), meta: { viewer: viewerOf(viewer), filterNation } } },
    );
  }

  get<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    viewer: Principal,
  ): Promise<Stored<EntityTypes[K]>> {
    return this.#read(
      JSON.stringify(['get', scenarioId, kind, key, viewerKey(viewer)]),
      [scenarioDep(scenarioId), recordDep(scenarioId, kind, key)],
      () => this.#inner.get(scenarioId, kind, key, viewer),
      { group: { name: getGroup(scenarioId, kind, key), meta: { viewer: viewerOf(viewer) } } },
    );
  }

  /** Not cached: free text makes for many keys and few repeats. */
  search(scenarioId: string, viewer: Principal, query: SearchQuery): Promise<SearchResult> {
    return this.#inner.search(scenarioId, viewer, query);
  }

  // Scenario content: writes.

  importScenario(doc: ScenarioDocument, actor: Actor, id?: ScenarioId | string): Promise<ScenarioSummary> {
    return this.#write(this.#scenarioDeps([id ?? doc.id]), () => this.#inner.importScenario(doc, actor, id));
  }

  importScenarios(
    items: readonly { document: ScenarioDocument; id?: ScenarioId | string }[],
    actor: Actor,
    options?: { replace?: boolean },
  ): Promise<ScenarioSummary[]> {
    return this.#write(this.#scenarioDeps(items.map((item) => item.id ?? item.document.id)), () =>
      this.#inner.importScenarios(items, actor, options),
    );
  }

  updateScenario(
    id: ScenarioId | string,
    patch: ScenarioHeaderPatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<StoredScenario> {
    return this.#write([headerDep(id), contentDep(id), SUMMARIES], () =>
      this.#inner.updateScenario(id, patch, expectedVersion, actor),
    );
  }

  deleteScenario(id: ScenarioId | string, expectedVersion: number | undefined, actor: Actor): Promise<void> {
    return this.#write(this.#scenarioDeps([id]), () =>
      this.#inner.deleteScenario(id, expectedVersion, actor),
    );
  }

  create<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    record: EntityTypes[K],
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>> {
    const key = (record as RecordFields)[ENTITY_KEY[kind]];
    return this.#recordWrite('create', scenarioId, kind, typeof key === 'string' ? key : undefined, () =>
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
    return this.#recordWrite('update', scenarioId, kind, key, () =>
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
    return this.#recordWrite('delete', scenarioId, kind, key, () =>
      this.#inner.delete(scenarioId, kind, key, expectedVersion, actor),
    );
  }

  replaceRecords<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    records: readonly EntityTypes[K][],
    actor: Actor,
    expectedTag?: string,
  ): Promise<{ count: number; tag: string }> {
    return this.#write(this.#scenarioDeps([scenarioId]), () =>
      this.#inner.replaceRecords(scenarioId, kind, records, actor, expectedTag),
    );
  }

  recordsTag(scenarioId: string, kind: EntityKind): Promise<string> {
    return this.#inner.recordsTag(scenarioId, kind);
  }

  // Sessions: cached while the users generation holds and the session has not expired.

  async findSession(tokenHash: string, now: Date): Promise<SessionRecord | undefined> {
    const deps = this.#gens.snapshot([USERS]);
    const hit = this.#sessions.get(tokenHash, deps);
    if (hit !== undefined) {
      const session = hit.value as SessionRecord;
      if (Date.parse(session.expiresAt) > now.getTime()) {
        this.#stats.hits++;
        return session;
      }
    }
    this.#stats.misses++;
    const found = deepFreeze(await this.#inner.findSession(tokenHash, now));
    if (found !== undefined && sameDeps(deps, this.#gens.snapshot([USERS]))) {
      this.#sessions.set(tokenHash, { deps, value: found, cost: 1, storedAt: ++this.#storeTick });
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
    this.#unsubscribe?.();
    this.#cache.clear();
    this.#sessions.clear();
    await this.#inner.close();
  }
}
