// The storage contract. Two adapters implement it over one set of PostgreSQL migrations: PGlite
// (embedded, the default) and PostgreSQL (DATABASE_URL). The contract suite in
// store.contract.test.ts runs against both; anything a caller may rely on is tested there.
//
// Every write is one transaction that also appends its audit entry. Updates and deletes name the
// version the caller last saw; a stale version fails with DomainError('conflict') carrying the
// current record in `details.current`, and nothing is written.
import type { ScenarioId } from '../domain/ids.ts';
import type {
  AuditAction,
  AuditEntry,
  EntityKind,
  EntityTypes,
  ScenarioHeader,
  ScenarioSummary,
  Stored,
  StoredScenario,
} from '../domain/records.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';

/** Who makes a change, as written to the audit log. Issue 3 adds roles and nations. */
export interface Actor {
  id: string;
}

export interface ListFilter {
  /** For offers, pledges, stances and rotation policies: only this nation's records. */
  nation?: string;
}

export interface AuditFilter {
  scenarioId?: string;
  entity?: EntityKind | 'scenario';
  entityKey?: string;
  actor?: string;
  action?: AuditAction;
  /** Newest first; at most this many (default 100, at most 1000). */
  limit?: number;
  /** Only entries with an id below this (paging backwards). */
  beforeId?: number;
}

export interface Store {
  readonly backend: 'pglite' | 'postgres';

  listScenarios(): Promise<ScenarioSummary[]>;
  getScenario(id: ScenarioId | string): Promise<StoredScenario>;
  /**
   * Stores a whole validated document as a new scenario under `id` (default: the document's id).
   * Conflict if that id exists. All rows or none.
   */
  importScenario(doc: ScenarioDocument, actor: Actor, id?: ScenarioId | string): Promise<ScenarioSummary>;
  /** Rebuilds the document from the rows, in the order records were imported or created. */
  exportScenario(id: ScenarioId | string): Promise<ScenarioDocument>;
  updateScenario(
    id: ScenarioId | string,
    patch: Partial<Omit<ScenarioHeader, 'id'>>,
    expectedVersion: number,
    actor: Actor,
  ): Promise<StoredScenario>;
  deleteScenario(id: ScenarioId | string, expectedVersion: number | undefined, actor: Actor): Promise<void>;

  list<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    filter?: ListFilter,
  ): Promise<Stored<EntityTypes[K]>[]>;
  get<K extends EntityKind>(scenarioId: string, kind: K, key: string): Promise<Stored<EntityTypes[K]>>;
  /** Checks references (nation, capability) inside the transaction: an unknown one is 'invalid' naming the field. */
  create<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    record: EntityTypes[K],
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>>;
  /** Replaces the record whole; its key may not change. */
  update<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    record: EntityTypes[K],
    expectedVersion: number,
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>>;
  /** Refused with 'conflict' while other records still reference it (a nation with offers). */
  delete(
    scenarioId: string,
    kind: EntityKind,
    key: string,
    expectedVersion: number,
    actor: Actor,
  ): Promise<void>;

  audit(filter?: AuditFilter): Promise<AuditEntry[]>;

  /** Key/value settings of the installation (e.g. whether the reference scenarios were seeded). */
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;

  close(): Promise<void>;
}
