// An in-process read cache for the embedded store (PGlite), as a decorator over any Store: reads of
// scenario content and sessions are served from memory, and every write keeps them current.
//
// Why it is safe there and only there: a PGlite data directory is opened by one process at a time
// (data-dir-lock.ts), and in that process every write goes through this object, so it sees every
// change the database ever makes. On PostgreSQL other processes write too, and `cachedStore`
// refuses to wrap such a store.
//
// It wraps only what it caches. The store is put together from one part per concern
// (composed-store.ts): the scenario part (read-cache-scenarios.ts) and the accounts part, for
// sessions (read-cache-accounts.ts), are cached; the audit log, the settings, the decision
// records and the briefing packs are the inner store's own, unchanged. The machinery the cached
// parts share (generation counters, the LRU, read-through) is in read-cache-core.ts.
//
// KyselyStore reports each committed transaction's changes (its audit entries) in commit order,
// before the write resolves; the cached parts bring their entries up to date from them where that
// is certain (read-cache-changes.ts). A change the store did not report, or reported out of order,
// drops whatever it could have touched.
import { ComposedStore } from './composed-store.ts';
import type { CommitListener, CommittedChange } from './kysely-shared.ts';
import { CachedAccountStore } from './read-cache-accounts.ts';
import {
  READ_CACHE_DEFAULTS,
  ReadCache,
  type ReadCacheOptions,
  type ReadCacheStats,
} from './read-cache-core.ts';
import { CachedScenarioStore } from './read-cache-scenarios.ts';
import type { Store } from './store.ts';

export {
  READ_CACHE_DEFAULTS,
  copyOf,
  type ReadCacheOptions,
  type ReadCacheStats,
} from './read-cache-core.ts';

/** A store that reports its committed changes (KyselyStore). */
interface ChangeFeed {
  onCommit(listener: CommitListener): () => void;
}

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

export class CachedStore extends ComposedStore {
  readonly #inner: Store;
  readonly #cache: ReadCache;
  readonly #scenarios: CachedScenarioStore;
  readonly #accounts: CachedAccountStore;
  readonly #unsubscribe: (() => void) | undefined;
  #lastSequence: number | undefined;

  constructor(inner: Store, options: Required<ReadCacheOptions>) {
    const cache = new ReadCache(options);
    const onCommit = (inner as Partial<ChangeFeed>).onCommit?.bind(inner);
    const scenarios = new CachedScenarioStore(inner, cache, onCommit !== undefined);
    const accounts = new CachedAccountStore(inner, cache);
    super(inner.backend, {
      scenarios,
      accounts,
      audit: inner,
      settings: inner,
      decisions: inner,
      briefs: inner,
    });
    this.#inner = inner;
    this.#cache = cache;
    this.#scenarios = scenarios;
    this.#accounts = accounts;
    this.#unsubscribe = onCommit?.((changes, sequence) => this.#committed(changes, sequence));
  }

  get stats(): ReadCacheStats {
    return this.#cache.stats;
  }

  /**
   * Called by the store right after each transaction commits, in commit order. It must not throw
   * (the write has committed): should anything go wrong here, the whole cache is dropped instead.
   */
  #committed(changes: readonly CommittedChange[], sequence: number): void {
    try {
      const inOrder = this.#lastSequence === undefined || sequence === this.#lastSequence + 1;
      this.#lastSequence = Math.max(sequence, this.#lastSequence ?? 0);
      if (!inOrder) {
        // A transaction reported late (or one lost): nothing patched can be trusted to be in order.
        this.#cache.dropAll();
        return;
      }
      this.#accounts.committed(changes);
      this.#scenarios.committed(changes);
    } catch {
      this.#cache.dropAll();
    }
  }

  async close(): Promise<void> {
    this.#unsubscribe?.();
    this.#cache.reads.clear();
    this.#cache.sessions.clear();
    await this.#inner.close();
  }
}
