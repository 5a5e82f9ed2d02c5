// The scenario concern behind the embedded read cache (read-cache.ts): scenario content read from
// memory, every write keeping it current. What each read depends on, and how committed record
// changes bring entries up to date, is in read-cache-changes.ts.
//
// Reads are keyed by what their result depends on: method, scenario, kind, key, filter and the
// viewer's role and nation (the only parts of a Principal the read rule in visibility.ts looks at),
// never by user id. Two viewers with the same role and nation see the same rows. exportScenario,
// whose documents go on to analyses and backups, hands out copies; every other read shares one
// frozen result.
import type { Principal, Role } from '../domain/access.ts';
import type { ScenarioId } from '../domain/ids.ts';
import {
  ENTITY_KEY,
  type EntityKind,
  type EntityTypes,
  type ScenarioHeaderPatch,
  type ScenarioSummary,
  type Stored,
  type StoredScenario,
} from '../domain/records.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import type { SearchQuery, SearchResult } from '../domain/search.ts';
import type { CommittedChange } from './kysely-shared.ts';
import {
  SUMMARIES,
  SUMMARIES_GROUP,
  applyRecordChange,
  contentDep,
  getGroup,
  headerDep,
  isEntityKind,
  kindDep,
  listGroup,
  recordDep,
  recordDeps,
  scenarioDep,
  scenarioDeps,
  versionDep,
  type SummaryChange,
} from './read-cache-changes.ts';
import { DROP, type EntryMeta, type ReadCache } from './read-cache-core.ts';
import type { Actor, ImportScenariosOptions, ListFilter, ScenarioStore } from './store.ts';

/** A record change the store reported, and what it does to summaries (undefined: nothing left to do). */
interface Report {
  change: CommittedChange;
  summaries: SummaryChange | undefined;
}

/** The parts of a viewer the read rule depends on (visibility.ts): role and nation, not the user. */
function viewerOf(viewer: Principal): EntryMeta['viewer'] {
  return { role: viewer.role, nation: viewer.nation ?? null };
}

function viewerKey(viewer: Principal): [Role, string | null] {
  return [viewer.role, viewer.nation ?? null];
}

const versionKey = (s: string) => JSON.stringify(['contentVersion', s]);

export class CachedScenarioStore implements ScenarioStore {
  readonly #inner: ScenarioStore;
  readonly #cache: ReadCache;
  /**
   * Whether the store reports its committed changes (see `committed`). Without the reports there is
   * no way to learn a content version without asking, so contentVersion is not cached.
   */
  readonly #reports: boolean;
  /**
   * Record changes the store reported, by action, scenario, kind and key, until the write call that
   * made them confirms it was reported (a write that finds none drops what it could have touched).
   */
  readonly #reported = new Map<string, Report>();

  constructor(inner: ScenarioStore, cache: ReadCache, reportsCommits: boolean) {
    this.#inner = inner;
    this.#cache = cache;
    this.#reports = reportsCommits;
  }

  /**
   * The changes of one committed transaction, in commit order (the caller has checked the order).
   * Brings what record changes touch up to date (read-cache-changes.ts), drops what other scenario
   * changes touch, and keeps each changed scenario's content version: its newest entry's id.
   */
  committed(changes: readonly CommittedChange[]): void {
    /** Per scenario, its content version after the transaction; undefined once it is deleted. */
    const versions = new Map<string, number | undefined>();
    for (const change of changes) {
      const s = change.scenarioId;
      if (change.entity === 'users') continue;
      if (s === null) {
        this.#cache.bump([SUMMARIES]);
        continue;
      }
      versions.set(s, change.action === 'delete-scenario' ? undefined : change.id);
      // A decision record or a briefing pack moves the content version on (its audit entry is the
      // newest) and nothing else cached: they are read from the store itself, never from here.
      if (change.entity === 'decisions' || change.entity === 'briefs') continue;
      if (!isEntityKind(change.entity)) {
        this.#cache.bump(scenarioDeps([s]));
        continue;
      }
      const summaries = applyRecordChange(this.#cache, s, change.entity, change);
      // Taken by the write call that made the change; bounded in case one never comes for it.
      if (this.#reported.size >= 1000) this.#reported.clear();
      this.#reported.set(JSON.stringify([change.action, s, change.entity, change.entityKey]), {
        change,
        summaries,
      });
    }
    for (const [s, version] of versions) {
      this.#cache.bump([versionDep(s)]);
      // Audit ids only grow and, on the embedded store, transactions commit one at a time: the
      // newest entry this one wrote is the newest there is about the scenario.
      if (version !== undefined) this.#cache.remember(versionKey(s), [versionDep(s)], version);
    }
  }

  // Reads.

  listScenarios(viewer: Principal): Promise<ScenarioSummary[]> {
    return this.#cache.read(
      JSON.stringify(['listScenarios', viewerKey(viewer)]),
      [SUMMARIES],
      () => this.#inner.listScenarios(viewer),
      { group: { name: SUMMARIES_GROUP, meta: { viewer: viewerOf(viewer) } } },
    );
  }

  getScenario(id: ScenarioId | string): Promise<StoredScenario> {
    return this.#cache.read(JSON.stringify(['getScenario', id]), [scenarioDep(id), headerDep(id)], () =>
      this.#inner.getScenario(id),
    );
  }

  /**
   * Kept current by the reported commits alone (`committed`): every write to a scenario reports
   * an audit entry, whose id is the new version, before the write resolves.
   */
  contentVersion(scenarioId: ScenarioId | string): Promise<number> {
    if (!this.#reports) return this.#inner.contentVersion(scenarioId);
    return this.#cache.read(versionKey(scenarioId), [versionDep(scenarioId)], () =>
      this.#inner.contentVersion(scenarioId),
    );
  }

  exportScenario(id: ScenarioId | string, viewer: Principal): Promise<ScenarioDocument> {
    return this.#cache.read(
      JSON.stringify(['exportScenario', id, viewerKey(viewer)]),
      [scenarioDep(id), contentDep(id)],
      () => this.#inner.exportScenario(id, viewer),
      // A copy: whole documents go on to analyses and backups, which may build on them in place.
      { copy: true },
    );
  }

  list<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    viewer: Principal,
    filter: ListFilter = {},
  ): Promise<Stored<EntityTypes[K]>[]> {
    const filterNation = filter.nation ?? null;
    return this.#cache.read(
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
    return this.#cache.read(
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

  /** Not cached: asked rarely, around exports and replacements of a whole kind. */
  recordsTag(scenarioId: string, kind: EntityKind, viewer: Principal): Promise<string> {
    return this.#inner.recordsTag(scenarioId, kind, viewer);
  }

  // Writes.

  importScenario(doc: ScenarioDocument, actor: Actor, id?: ScenarioId | string): Promise<ScenarioSummary> {
    return this.#cache.write(scenarioDeps([id ?? doc.id]), () => this.#inner.importScenario(doc, actor, id));
  }

  /**
   * Decisions and briefing packs it restores are not cached, and belong to the scenarios imported
   * (the store says so).
   */
  importScenarios(
    items: readonly { document: ScenarioDocument; id?: ScenarioId | string }[],
    actor: Actor,
    options?: ImportScenariosOptions,
  ): Promise<ScenarioSummary[]> {
    return this.#cache.write(scenarioDeps(items.map((item) => item.id ?? item.document.id)), () =>
      this.#inner.importScenarios(items, actor, options),
    );
  }

  /** The parent's content is replaced whole: everything cached of it goes, as for a replacing import. */
  promoteVariant(
    parentId: ScenarioId | string,
    variantId: ScenarioId | string,
    document: ScenarioDocument,
    check: (parent: { document: ScenarioDocument; version: number; contentVersion: number }) => void,
    actor: Actor,
  ): Promise<ScenarioSummary> {
    return this.#cache.write(scenarioDeps([parentId]), () =>
      this.#inner.promoteVariant(parentId, variantId, document, check, actor),
    );
  }

  updateScenario(
    id: ScenarioId | string,
    patch: ScenarioHeaderPatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<StoredScenario> {
    return this.#cache.write([headerDep(id), contentDep(id), SUMMARIES], () =>
      this.#inner.updateScenario(id, patch, expectedVersion, actor),
    );
  }

  deleteScenario(id: ScenarioId | string, expectedVersion: number | undefined, actor: Actor): Promise<void> {
    return this.#cache.write(scenarioDeps([id]), () =>
      this.#inner.deleteScenario(id, expectedVersion, actor),
    );
  }

  replaceRecords<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    records: readonly EntityTypes[K][],
    actor: Actor,
    expectedTag?: string,
  ): Promise<{ count: number; tag: string }> {
    return this.#cache.write(scenarioDeps([scenarioId]), () =>
      this.#inner.replaceRecords(scenarioId, kind, records, actor, expectedTag),
    );
  }

  create<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    record: EntityTypes[K],
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>> {
    const key = (record as Record<string, unknown>)[ENTITY_KEY[kind]];
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

  /**
   * Runs a create, update or delete of one record. When it succeeded and the store reported it,
   * `committed` has already brought lists and gets up to date, and the summaries
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
    const began = this.#cache.storeTick;
    let result: T;
    try {
      result = await write();
    } catch (e) {
      this.#reported.delete(reportKey);
      this.#cache.bump(recordDeps(scenarioId, kind, key));
      throw e;
    }
    const report = this.#reported.get(reportKey);
    this.#reported.delete(reportKey);
    // The store returns the very record its audit entry holds; a delete returns nothing.
    if (report === undefined || (action !== 'delete' && report.change.after !== result)) {
      this.#cache.bump(recordDeps(scenarioId, kind, key));
    } else if (report.summaries !== undefined) {
      const { certain, apply } = report.summaries;
      // Counts are not idempotent: only a summary stored before this write began is certain not to
      // hold it already (a read stored later may have run after the commit). Those are dropped.
      this.#cache.bumpAndPatch(
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
}
