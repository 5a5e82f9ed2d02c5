// The storage contract. Two adapters implement it over one set of PostgreSQL migrations: PGlite
// (embedded, the default) and PostgreSQL (DATABASE_URL). The contract suite in
// store.contract.test.ts runs against both; anything a caller may rely on is tested there.
//
// Every write is one transaction that also appends its audit entry. Updates and deletes name the
// version the caller last saw; a stale version fails with DomainError('conflict') carrying the
// current record in `details.current`, and nothing is written.
//
// Every read of scenario content takes the `viewer` it is for and returns only what is releasable
// to that viewer (the rule is `canSee` in src/domain/access.ts), filtered in the SQL query itself.
// This is the one guarded read path: analyses, plans and exports read through it, never around it.
// A record that is not releasable to the viewer is, to that viewer, not found.
//
// Treat what a read returns as read-only: on the embedded store a read cache (read-cache.ts) hands
// the same deeply frozen result to every caller, so changing it in place throws. Copy to modify.
import type { Principal, Role } from '../domain/access.ts';
import type { ScenarioId } from '../domain/ids.ts';
import type {
  AuditAction,
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

/** Who makes a change: the signed-in user, written to the audit log as "who". */
export type Actor = Principal;

export interface UserRecord {
  /** The user name used to sign in: 1-64 letters, digits, ".", "_", "-" or "@". */
  id: string;
  displayName: string;
  role: Role;
  /** Required for liaison officers; optional for observers; null for staff. */
  nation: string | null;
  disabled: boolean;
  /** Set for generated one-time passwords; cleared when the user sets a password. */
  mustChangePassword: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  id: string;
  displayName: string;
  role: Role;
  nation: string | null;
  /** scrypt hash string, never the password (see src/server/passwords.ts). */
  passwordHash: string;
  mustChangePassword: boolean;
}

export interface UserPatch {
  displayName?: string;
  role?: Role;
  nation?: string | null;
  disabled?: boolean;
  passwordHash?: string;
  mustChangePassword?: boolean;
}

export interface SessionRecord {
  user: UserRecord;
  expiresAt: string;
}

export interface ListFilter {
  /** For offers, pledges, stances, rotation policies and red lines: only this nation's records. */
  nation?: string;
}

export interface AuditFilter {
  scenarioId?: string;
  /** Entries about records of this nation (an offer's nation, a nation itself, a liaison user's nation). */
  nation?: string;
  entity?: AuditEntry['entity'];
  entityKey?: string;
  actor?: string;
  action?: AuditAction;
  /** Newest first; at most this many (default 100, at most 1000). */
  limit?: number;
  /** Only entries with an id below this (paging backwards). */
  beforeId?: number;
}

/** Where a store keeps its data: embedded PGlite, or a PostgreSQL server that processes share. */
export type StoreBackend = 'pglite' | 'postgres';

/** Scenarios and their records: the guarded reads and the versioned, audited writes. */
export interface ScenarioStore {
  /**
   * Counts and personnelOffered count only records shown to the viewer; the header is as shown
   * (headerAsShown); `partial` is true for every viewer who is not shown everything.
   */
  listScenarios(viewer: Principal): Promise<ScenarioSummary[]>;
  getScenario(id: ScenarioId | string): Promise<StoredScenario>;
  /**
   * A number that changes whenever anything in the scenario changes (its header, any record of any
   * kind, a replacement, an import) and never repeats for the same id, not even after the scenario
   * is deleted and imported again, so a result memoised under it is never served stale. It is the
   * same for every viewer: what a viewer may see is for the caller to key separately. Read it before
   * the content it keys, which is then at least as new. not_found for an unknown scenario.
   */
  contentVersion(scenarioId: ScenarioId | string): Promise<number>;
  /**
   * Stores a whole validated document as a new scenario under `id` (default: the document's id).
   * Conflict if that id exists. All rows or none.
   */
  importScenario(doc: ScenarioDocument, actor: Actor, id?: ScenarioId | string): Promise<ScenarioSummary>;
  /**
   * Stores several documents in one transaction (a backup restore): all of them or none. With
   * `replace`, a scenario that exists is deleted (audited with its whole content) and re-imported,
   * keeping its decision records and briefing packs; without it, an existing id is a conflict.
   *
   * `decisions` are restored in the same transaction, after the scenarios, each as given: its id,
   * decidedBy, decidedAt and body are kept (decidedAt is not set anew). Each must belong to one of
   * `items` (by its final id), else the whole call is invalid at `decisions[i].scenarioId`; an id
   * given twice is invalid at `decisions[i].id`. A decision whose id exists here is replaced by the
   * one given when `replace` is set and it belongs to one of the scenarios imported; otherwise (no
   * `replace`, or it belongs to a scenario left as it is) it is a conflict. Each is audited in the
   * transaction: entity 'decisions', action 'import', key its id, before the decision it replaced
   * (or null), after the decision as restored (a StoredDecision: the entry's actor is the restorer,
   * the decision names who decided and when).
   *
   * `briefs` (briefing packs) are restored likewise, after the decisions, each as given: its
   * version, createdBy, createdAt and pack are kept. Each must belong to one of `items`, else the
   * call is invalid at `briefs[i].scenarioId`; the same scenario, audience and version given twice
   * is invalid at `briefs[i].version`, and a bad field is invalid where it is, as for addBrief. A
   * pack of the same scenario, audience and version that exists here is replaced by the one given
   * when `replace` is set, and is a conflict otherwise. Each is audited in the transaction: entity
   * 'briefs', action 'import', key `${audience}/v${version}`, before the BriefSummary it replaced
   * (or null), after the BriefSummary as restored (the pack is in neither).
   */
  importScenarios(
    items: readonly { document: ScenarioDocument; id?: ScenarioId | string }[],
    actor: Actor,
    options?: ImportScenariosOptions,
  ): Promise<ScenarioSummary[]>;
  /**
   * Promotes a variant to baseline: replaces the whole content of `parentId` with `document` (its
   * id, name and description are the parent's, and it is not a variant), in one transaction. Under
   * the parent's row lock (which every write to the parent takes), `check` is called with the
   * parent as it stands (its document as staff see it, its version and its content version); a
   * DomainError it throws (a conflict: the parent changed since the variant was branched) aborts the
   * promotion with nothing written. Audited as one entry (entity 'scenario', action 'promote', key
   * the parent, before: the parent's document, after: { variant: variantId, document }); the
   * parent's decision records and briefing packs are kept. The variant itself is left as it is.
   */
  promoteVariant(
    parentId: ScenarioId | string,
    variantId: ScenarioId | string,
    document: ScenarioDocument,
    check: (parent: { document: ScenarioDocument; version: number; contentVersion: number }) => void,
    actor: Actor,
  ): Promise<ScenarioSummary>;
  /**
   * Rebuilds the document from the rows, in the order records were imported or created, holding only
   * what the viewer is shown (visibility.ts: a record naming one withheld from the viewer is withheld
   * too) and the header as shown (headerAsShown), so the export is always a valid document.
   */
  exportScenario(id: ScenarioId | string, viewer: Principal): Promise<ScenarioDocument>;
  updateScenario(
    id: ScenarioId | string,
    /** Fields given replace the stored ones; a section (`assumptions`, `theatre`…) set to null goes. */
    patch: ScenarioHeaderPatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<StoredScenario>;
  deleteScenario(id: ScenarioId | string, expectedVersion: number | undefined, actor: Actor): Promise<void>;

  list<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    viewer: Principal,
    filter?: ListFilter,
  ): Promise<Stored<EntityTypes[K]>[]>;
  /** not_found when absent or not releasable to the viewer: the two are indistinguishable. */
  get<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    viewer: Principal,
  ): Promise<Stored<EntityTypes[K]>>;
  /**
   * Records of the scenario whose text contains `query.text` (case-insensitive), ranked by a match
   * on the key first, then by kind and the records' order. Only records releasable to the viewer
   * are searched: the rule is in the query, so a withheld record is neither found, nor counted in
   * `truncated`, nor quoted in a snippet. not_found for an unknown scenario.
   */
  search(scenarioId: string, viewer: Principal, query: SearchQuery): Promise<SearchResult>;
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

  /**
   * Replaces every record of a kind in the scenario with `records`, in one transaction, as one
   * audited import. With `expectedTag`, refused with 'conflict' unless the records are still as they
   * were when that tag was read (recordsTag), so a replacement never silently undoes an edit made
   * since. Refused with 'conflict' when a record to be removed is still referenced.
   */
  replaceRecords<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    records: readonly EntityTypes[K][],
    actor: Actor,
    expectedTag?: string,
  ): Promise<{ count: number; tag: string }>;
  /**
   * A tag that changes whenever a record of the kind the viewer is shown is created, changed or
   * deleted, and only then: it is computed over those records alone, so it says nothing of the
   * others. A replacement's `expectedTag` is judged against its writer's tag.
   */
  recordsTag(scenarioId: string, kind: EntityKind, viewer: Principal): Promise<string>;
}

/** The audit log, which every write to scenarios and users appends to in its own transaction. */
export interface AuditStore {
  audit(filter?: AuditFilter): Promise<AuditEntry[]>;
}

/**
 * Users, their sign-in sessions, failed sign-ins and the addresses users signed in from. User
 * changes are audited (entity 'users'); password hashes never are.
 */
export interface AccountStore {
  countUsers(): Promise<number>;
  listUsers(): Promise<UserRecord[]>;
  getUser(id: string): Promise<UserRecord>;
  /** The user and its password hash, or undefined when there is no such user. */
  getCredentials(id: string): Promise<{ user: UserRecord; passwordHash: string } | undefined>;
  createUser(user: NewUser, actor: Actor): Promise<UserRecord>;
  /** expectedVersion undefined: the caller (a password reset, a sign-in side effect) takes the latest. */
  updateUser(
    id: string,
    patch: UserPatch,
    expectedVersion: number | undefined,
    actor: Actor,
  ): Promise<UserRecord>;
  createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void>;
  /** The session's user if the session exists, has not expired and the user is not disabled. */
  findSession(tokenHash: string, now: Date): Promise<SessionRecord | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  deleteUserSessions(userId: string): Promise<void>;
  /** Failed sign-ins, keyed e.g. `user:alice` and `ip:127.0.0.1`; shared by every API process. */
  recordLoginFailure(keys: string[], at: Date): Promise<void>;
  countLoginFailures(key: string, since: Date): Promise<number>;
  clearLoginFailures(keys: string[]): Promise<void>;
  /**
   * Remembers that `user` (a user name as sign-in throttling keys it) signed in from `address` at
   * `at`. Keeps the user's `retention.keep` latest addresses and forgets any not used since
   * `retention.since`, the user's or anyone's.
   */
  recordSignInAddress(
    user: string,
    address: string,
    at: Date,
    retention: { keep: number; since: Date },
  ): Promise<void>;
  /** Whether `user` signed in from `address` at or after `since` (and it is still remembered). */
  hasSignedInFrom(user: string, address: string, since: Date): Promise<boolean>;
}

/** A decision record as stored: its body is the contract's DecisionRecord plus the fingerprints. */
export interface StoredDecision {
  id: string;
  /** The baseline scenario the decision belongs to. */
  scenarioId: string;
  /** The user id of whoever recorded it. */
  decidedBy: string;
  /** ISO timestamp, set by the store when the decision is added (a restore keeps the one given). */
  decidedAt: string;
  /** JSON as the app wrote it; the store neither reads nor changes it. */
  body: unknown;
}

/**
 * How ScenarioStore.importScenarios treats existing scenarios, and the decision records and
 * briefing packs it restores.
 */
export interface ImportScenariosOptions {
  replace?: boolean;
  decisions?: readonly StoredDecision[];
  briefs?: readonly StoredBrief[];
}

/**
 * Decision records of courses of action compared, kept per baseline scenario. Appended only: a
 * decision is never edited, a later one supersedes it (a backup restore with replace puts back the
 * backup's record of the same id: ScenarioStore.importScenarios). They survive a promotion (the
 * baseline is replaced in place) and a restore that replaces the scenario, and go with the scenario
 * when it is deleted.
 */
export interface DecisionStore {
  /** Appends a record (audited: entity 'decisions', action 'create'); not_found for an unknown scenario. */
  addDecision(
    scenarioId: string,
    decision: { id: string; body: unknown },
    actor: Actor,
  ): Promise<StoredDecision>;
  /** Newest first; not_found for an unknown scenario. */
  listDecisions(scenarioId: string): Promise<StoredDecision[]>;
  /** not_found for an unknown scenario or decision. */
  getDecision(scenarioId: string, id: string): Promise<StoredDecision>;
}

/** A briefing pack as stored: one version of the pack of one audience of one scenario. */
export interface StoredBrief {
  scenarioId: string;
  /**
   * The audience as text: 'staff', 'coalition', 'public' or 'rel-to:EST' (audienceText in
   * src/domain/brief/audience.ts).
   */
  audience: string;
  /** 1, 2, … per scenario and audience, in the order made. */
  version: number;
  createdBy: string;
  /** ISO timestamp set by the store (a restore keeps the one given). */
  createdAt: string;
  /** SHA-256 of the scenario's inputs as the audience saw them (the pack's scenario.contentHash). */
  contentHash: string;
  /** The scenario's content version the pack was made from. */
  scenarioVersion: number;
  /** The pack as JSON, as the app wrote it; the store neither reads nor changes it. */
  pack: unknown;
}

/** A briefing pack without the pack itself: what a list shows, and what the audit log keeps. */
export type BriefSummary = Omit<StoredBrief, 'pack'>;

/**
 * Briefing packs (issue 16), kept per scenario and audience, each audience's numbered 1, 2, … in
 * the order made. Appended only: a pack is never edited, a later version supersedes it (a backup
 * restore with replace puts back the backup's pack of the same version:
 * ScenarioStore.importScenarios). Like decision records they survive a promotion and a restore that
 * replaces the scenario, and go with the scenario when it is deleted.
 */
export interface BriefStore {
  /**
   * Appends the next version for (scenario, audience), under the scenario's row lock, so that
   * concurrent adds never number two packs alike. Audited: entity 'briefs', key
   * `${audience}/v${version}`, action 'create', after the BriefSummary (not the pack). 'invalid'
   * naming the field for a bad audience, contentHash (64 lowercase hex digits), scenarioVersion
   * (a whole number from 0) or a missing pack; not_found for an unknown scenario.
   */
  addBrief(
    scenarioId: string,
    brief: { audience: string; contentHash: string; scenarioVersion: number; pack: unknown },
    actor: Actor,
  ): Promise<StoredBrief>;
  /**
   * Newest first, without the packs; only the audiences listed when `audiences` is given (none
   * listed: none returned); not_found for an unknown scenario.
   */
  listBriefs(scenarioId: string, audiences?: readonly string[]): Promise<BriefSummary[]>;
  /** not_found for an unknown scenario or version. */
  getBrief(scenarioId: string, audience: string, version: number): Promise<StoredBrief>;
}

/** Key/value settings of the installation (e.g. whether the reference scenarios were seeded). */
export interface SettingsStore {
  getSetting(key: string): Promise<string | undefined>;
  setSetting(key: string, value: string): Promise<void>;
}

/**
 * The whole contract, one interface per concern: code that needs one concern takes only that one
 * (any Store is one), code that takes a Store gets them all.
 */
export interface Store
  extends ScenarioStore, AuditStore, AccountStore, SettingsStore, DecisionStore, BriefStore {
  readonly backend: StoreBackend;
  close(): Promise<void>;
}
