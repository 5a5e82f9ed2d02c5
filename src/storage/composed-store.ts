// A Store put together from one part per concern (store.ts). Each adapter implements the concerns
// in parts of its own, and a decorator such as the read cache (read-cache.ts) replaces only the
// parts it changes and hands the others on as they are. This class is the one place that lists the
// whole surface; it only forwards, so that no part has to know about the others.
import type { Principal } from '../domain/access.ts';
import type { ScenarioId } from '../domain/ids.ts';
import type {
  AuditEntry,
  EntityKind,
  EntityTypes,
  ScenarioHeaderPatch,
  ScenarioSummary,
  Stored,
  StoredScenario,
} from '../domain/records.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import type { SearchQuery, SearchResult } from '../domain/search.ts';
import type {
  AccountStore,
  Actor,
  AuditFilter,
  AuditStore,
  BriefStore,
  BriefSummary,
  DecisionStore,
  ImportScenariosOptions,
  ListFilter,
  NewUser,
  ScenarioStore,
  SessionRecord,
  SettingsStore,
  Store,
  StoreBackend,
  StoredBrief,
  StoredDecision,
  UserPatch,
  UserRecord,
} from './store.ts';

export interface StoreParts {
  scenarios: ScenarioStore;
  audit: AuditStore;
  accounts: AccountStore;
  settings: SettingsStore;
  decisions: DecisionStore;
  briefs: BriefStore;
}

export abstract class ComposedStore implements Store {
  readonly backend: StoreBackend;
  readonly #scenarios: ScenarioStore;
  readonly #audit: AuditStore;
  readonly #accounts: AccountStore;
  readonly #settings: SettingsStore;
  readonly #decisions: DecisionStore;
  readonly #briefs: BriefStore;

  protected constructor(backend: StoreBackend, parts: StoreParts) {
    this.backend = backend;
    this.#scenarios = parts.scenarios;
    this.#audit = parts.audit;
    this.#accounts = parts.accounts;
    this.#settings = parts.settings;
    this.#decisions = parts.decisions;
    this.#briefs = parts.briefs;
  }

  /** Releases what the store holds (connections, caches); the parts are not told. */
  abstract close(): Promise<void>;

  // Scenarios and their records.

  listScenarios(viewer: Principal): Promise<ScenarioSummary[]> {
    return this.#scenarios.listScenarios(viewer);
  }

  getScenario(id: ScenarioId | string): Promise<StoredScenario> {
    return this.#scenarios.getScenario(id);
  }

  contentVersion(scenarioId: ScenarioId | string): Promise<number> {
    return this.#scenarios.contentVersion(scenarioId);
  }

  importScenario(doc: ScenarioDocument, actor: Actor, id?: ScenarioId | string): Promise<ScenarioSummary> {
    return this.#scenarios.importScenario(doc, actor, id);
  }

  importScenarios(
    items: readonly { document: ScenarioDocument; id?: ScenarioId | string }[],
    actor: Actor,
    options?: ImportScenariosOptions,
  ): Promise<ScenarioSummary[]> {
    return this.#scenarios.importScenarios(items, actor, options);
  }

  promoteVariant(
    parentId: ScenarioId | string,
    variantId: ScenarioId | string,
    document: ScenarioDocument,
    check: (parent: { document: ScenarioDocument; version: number; contentVersion: number }) => void,
    actor: Actor,
  ): Promise<ScenarioSummary> {
    return this.#scenarios.promoteVariant(parentId, variantId, document, check, actor);
  }

  exportScenario(id: ScenarioId | string, viewer: Principal): Promise<ScenarioDocument> {
    return this.#scenarios.exportScenario(id, viewer);
  }

  updateScenario(
    id: ScenarioId | string,
    patch: ScenarioHeaderPatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<StoredScenario> {
    return this.#scenarios.updateScenario(id, patch, expectedVersion, actor);
  }

  deleteScenario(id: ScenarioId | string, expectedVersion: number | undefined, actor: Actor): Promise<void> {
    return this.#scenarios.deleteScenario(id, expectedVersion, actor);
  }

  list<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    viewer: Principal,
    filter?: ListFilter,
  ): Promise<Stored<EntityTypes[K]>[]> {
    return this.#scenarios.list(scenarioId, kind, viewer, filter);
  }

  get<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    viewer: Principal,
  ): Promise<Stored<EntityTypes[K]>> {
    return this.#scenarios.get(scenarioId, kind, key, viewer);
  }

  search(scenarioId: string, viewer: Principal, query: SearchQuery): Promise<SearchResult> {
    return this.#scenarios.search(scenarioId, viewer, query);
  }

  create<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    record: EntityTypes[K],
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>> {
    return this.#scenarios.create(scenarioId, kind, record, actor);
  }

  update<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    record: EntityTypes[K],
    expectedVersion: number,
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>> {
    return this.#scenarios.update(scenarioId, kind, key, record, expectedVersion, actor);
  }

  delete(
    scenarioId: string,
    kind: EntityKind,
    key: string,
    expectedVersion: number,
    actor: Actor,
  ): Promise<void> {
    return this.#scenarios.delete(scenarioId, kind, key, expectedVersion, actor);
  }

  replaceRecords<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    records: readonly EntityTypes[K][],
    actor: Actor,
    expectedTag?: string,
  ): Promise<{ count: number; tag: string }> {
    return this.#scenarios.replaceRecords(scenarioId, kind, records, actor, expectedTag);
  }

  recordsTag(scenarioId: string, kind: EntityKind, viewer: Principal): Promise<string> {
    return this.#scenarios.recordsTag(scenarioId, kind, viewer);
  }

  // The audit log.

  audit(filter?: AuditFilter): Promise<AuditEntry[]> {
    return this.#audit.audit(filter);
  }

  // Users, sessions and failed sign-ins.

  countUsers(): Promise<number> {
    return this.#accounts.countUsers();
  }

  listUsers(): Promise<UserRecord[]> {
    return this.#accounts.listUsers();
  }

  getUser(id: string): Promise<UserRecord> {
    return this.#accounts.getUser(id);
  }

  getCredentials(id: string): Promise<{ user: UserRecord; passwordHash: string } | undefined> {
    return this.#accounts.getCredentials(id);
  }

  createUser(user: NewUser, actor: Actor): Promise<UserRecord> {
    return this.#accounts.createUser(user, actor);
  }

  updateUser(
    id: string,
    patch: UserPatch,
    expectedVersion: number | undefined,
    actor: Actor,
  ): Promise<UserRecord> {
    return this.#accounts.updateUser(id, patch, expectedVersion, actor);
  }

  createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    return this.#accounts.createSession(tokenHash, userId, expiresAt);
  }

  findSession(tokenHash: string, now: Date): Promise<SessionRecord | undefined> {
    return this.#accounts.findSession(tokenHash, now);
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.#accounts.deleteSession(tokenHash);
  }

  deleteUserSessions(userId: string): Promise<void> {
    return this.#accounts.deleteUserSessions(userId);
  }

  recordLoginFailure(keys: string[], at: Date): Promise<void> {
    return this.#accounts.recordLoginFailure(keys, at);
  }

  countLoginFailures(key: string, since: Date): Promise<number> {
    return this.#accounts.countLoginFailures(key, since);
  }

  clearLoginFailures(keys: string[]): Promise<void> {
    return this.#accounts.clearLoginFailures(keys);
  }

  recordSignInAddress(
    user: string,
    address: string,
    at: Date,
    retention: { keep: number; since: Date },
  ): Promise<void> {
    return this.#accounts.recordSignInAddress(user, address, at, retention);
  }

  hasSignedInFrom(user: string, address: string, since: Date): Promise<boolean> {
    return this.#accounts.hasSignedInFrom(user, address, since);
  }

  // Decision records.

  addDecision(
    scenarioId: string,
    decision: { id: string; body: unknown },
    actor: Actor,
  ): Promise<StoredDecision> {
    return this.#decisions.addDecision(scenarioId, decision, actor);
  }

  listDecisions(scenarioId: string): Promise<StoredDecision[]> {
    return this.#decisions.listDecisions(scenarioId);
  }

  getDecision(scenarioId: string, id: string): Promise<StoredDecision> {
    return this.#decisions.getDecision(scenarioId, id);
  }

  // Briefing packs.

  addBrief(
    scenarioId: string,
    brief: { audience: string; contentHash: string; scenarioVersion: number; pack: unknown },
    actor: Actor,
  ): Promise<StoredBrief> {
    return this.#briefs.addBrief(scenarioId, brief, actor);
  }

  listBriefs(scenarioId: string, audiences?: readonly string[]): Promise<BriefSummary[]> {
    return this.#briefs.listBriefs(scenarioId, audiences);
  }

  getBrief(scenarioId: string, audience: string, version: number): Promise<StoredBrief> {
    return this.#briefs.getBrief(scenarioId, audience, version);
  }

  // Installation settings.

  getSetting(key: string): Promise<string | undefined> {
    return this.#settings.getSetting(key);
  }

  setSetting(key: string, value: string): Promise<void> {
    return this.#settings.setSetting(key, value);
  }
}
