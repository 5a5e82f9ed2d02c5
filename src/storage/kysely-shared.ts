// What the Kysely store's parts (kysely-scenarios.ts, kysely-records.ts, kysely-documents.ts,
// kysely-audit.ts, kysely-accounts.ts, kysely-settings.ts, kysely-decisions.ts, kysely-briefs.ts)
// share: the tables' types, the write transaction that carries its audit entries to commit
// listeners, the audit append itself, the scenario row every write to a scenario locks first, and
// the mapping of database refusals to domain errors.
import type { ColumnType, Generated, Kysely, RawBuilder } from 'kysely';
import type { DeploymentSettings } from '../domain/deployment/settings.ts';
import type { Escalation } from '../domain/escalation.ts';
import { DomainError, type FieldIssue } from '../domain/errors.ts';
import type { ScenarioId } from '../domain/ids.ts';
import type { AuditEntry, StoredScenario } from '../domain/records.ts';
import type { Mission, ScenarioAssumptions, VariantOf } from '../domain/scenario-schema.ts';
import type { Theatre } from '../domain/theatre.ts';
import { withoutUndefined, type EntityTable, type Row } from './entity-mappings.ts';
import type { Actor } from './store.ts';

// --- the tables -------------------------------------------------------------------------------------

/** jsonb goes in as JSON text (both drivers accept it) and comes out parsed. */
type Json = ColumnType<unknown, string | null, string | null>;
/** Timestamps are set by the database; the type parsers deliver ISO strings. */
type Timestamp = ColumnType<string, never, RawBuilder<unknown>>;

interface ScenarioTable {
  id: string;
  name: string;
  description: string | null;
  as_of: string;
  mission: Json;
  /** NULL when the scenario gives no assumptions section. */
  assumptions: Json;
  /** NULL when the scenario gives no deployment settings. */
  deployment: Json;
  /** NULL when the scenario gives no theatre (line of contact, zones, exposure bands). */
  theatre: Json;
  /** NULL when the scenario gives no escalation ladder. */
  escalation: Json;
  /** NULL unless the scenario is a variant (branched from another). */
  variant_of: Json;
  version: ColumnType<number, never, RawBuilder<unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

interface AuditLogTable {
  // bigserial: pg returns int8 as text, PGlite as a number.
  id: ColumnType<string | number, never, never>;
  at: ColumnType<string, never, never>;
  actor: string;
  /** NULL for changes outside any scenario (users). */
  scenario_id: string | null;
  nation: string | null;
  entity: string;
  entity_key: string;
  action: string;
  before: Json;
  after: Json;
}

interface UsersTable {
  id: string;
  display_name: string;
  role: string;
  nation: string | null;
  password_hash: string;
  disabled: Generated<boolean>;
  must_change_password: boolean;
  version: ColumnType<number, never, RawBuilder<unknown>>;
  created_at: Timestamp;
  updated_at: Timestamp;
}

/** Timestamps the caller supplies go in as ISO strings, so neither driver converts time zones. */
type GivenTimestamp = ColumnType<string, string, never>;

interface SessionsTable {
  token_hash: string;
  user_id: string;
  created_at: ColumnType<string, never, never>;
  expires_at: GivenTimestamp;
}

interface LoginFailuresTable {
  key: string;
  at: GivenTimestamp;
}

/** Decision records (migration 008): no foreign key to scenarios, see the migration. */
interface DecisionsTable {
  id: string;
  scenario_id: string;
  decided_by: string;
  decided_at: ColumnType<string, never, never>;
  body: ColumnType<unknown, string, never>;
}

/**
 * Briefing packs (migration 011): no foreign key to scenarios, see the migration. created_at is
 * given on insert, as SQL: the clock at the write (addBrief) or the time the backup says (a restore).
 */
interface BriefsTable {
  scenario_id: string;
  audience: string;
  version: number;
  created_by: string;
  created_at: ColumnType<string, RawBuilder<unknown>, never>;
  content_hash: string;
  // bigint: pg returns int8 as text, PGlite as a number.
  scenario_version: ColumnType<string | number, number, never>;
  pack: ColumnType<unknown, string, never>;
}

interface SettingsTable {
  key: string;
  value: string;
  updated_at: Generated<string>;
}

export type Database = {
  scenarios: ScenarioTable;
  audit_log: AuditLogTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_failures: LoginFailuresTable;
  settings: SettingsTable;
  decisions: DecisionsTable;
  briefs: BriefsTable;
} & Record<EntityTable, Row>;

export type Db = Kysely<Database>;

/** Rows per INSERT on import: well under PostgreSQL's 65,535 bind parameters. */
export const INSERT_CHUNK = 500;

// --- write transactions and their audit entries -------------------------------------------------

type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'actor' | 'scenarioId'> & { scenarioId: string | null };

/**
 * A change a committed transaction made: its audit entry, with the id the log gave it, and for a
 * record written alone whether every viewer is shown it (as it now is, or was before a delete), so
 * the read cache can keep what every viewer is certain to see current instead of dropping it.
 */
export type CommittedChange = NewAuditEntry & { id: number; shownToAll?: boolean };
export type CommitListener = (changes: readonly CommittedChange[], sequence: number) => void;

/** The audit entries each open transaction has appended, handed to commit listeners after it commits. */
const committedChanges = new WeakMap<object, CommittedChange[]>();

/**
 * Runs the store's write transactions, one for every write, and tells its commit listeners what
 * each committed. Shared by all the store's parts, so that listeners hear of every write in one
 * sequence.
 */
export class KyselyWriter {
  readonly db: Db;
  readonly #listeners = new Set<CommitListener>();
  #sequence = 0;

  constructor(db: Db) {
    this.db = db;
  }

  /**
   * Calls `listener` after each write transaction commits, with the changes its audit entries
   * describe, before the write's promise resolves (the embedded read cache, read-cache.ts, uses
   * it). `sequence` numbers the transactions in the order their work finished, which on PGlite (one
   * transaction at a time) is the order they committed in. The listener must not throw. Returns the
   * function that removes it.
   */
  onCommit(listener: CommitListener): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Runs `fn` in one transaction; what the database refuses comes back as a DomainError. */
  async write<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    const changes: CommittedChange[] = [];
    let sequence = 0;
    let result: T;
    try {
      result = await this.db.transaction().execute(async (trx) => {
        committedChanges.set(trx, changes);
        const done = await fn(trx);
        sequence = ++this.#sequence;
        return done;
      });
    } catch (e) {
      throw translateError(e);
    }
    for (const listener of this.#listeners) listener(changes, sequence);
    return result;
  }
}

/** Appends an audit entry; `db` is the write's transaction, whose commit listeners will hear of it. */
export async function appendAudit(
  db: Db,
  actor: Actor,
  entry: NewAuditEntry,
  shownToAll?: boolean,
): Promise<void> {
  const row = await db
    .insertInto('audit_log')
    .values({
      actor: actor.userId,
      scenario_id: entry.scenarioId,
      nation: entry.nation,
      entity: entry.entity,
      entity_key: entry.entityKey,
      action: entry.action,
      before: entry.before === null ? null : JSON.stringify(entry.before),
      after: entry.after === null ? null : JSON.stringify(entry.after),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  committedChanges
    .get(db)
    ?.push({ ...entry, id: Number(row.id), ...(shownToAll !== undefined && { shownToAll }) });
}

// --- the scenario row -------------------------------------------------------------------------------

export type ScenarioRow = {
  id: string;
  name: string;
  description: string | null;
  as_of: string;
  mission: unknown;
  assumptions: unknown;
  deployment: unknown;
  theatre: unknown;
  escalation: unknown;
  variant_of: unknown;
  version: number;
  created_at: string;
  updated_at: string;
};

/**
 * The scenario's row, or not_found. With `lock`, the row is locked until the transaction ends:
 * every write to a scenario's content takes this lock before anything else, so that writes to one
 * scenario commit one after another, in the order their audit entries were numbered. That order is
 * what contentVersion (kysely-scenarios.ts) relies on: on PostgreSQL two writers could otherwise
 * take audit ids in one order and commit in the other. Taking it first, before any record's lock,
 * also keeps two writers from deadlocking on each other.
 */
export async function scenarioRow(db: Db, id: string, lock = false): Promise<ScenarioRow> {
  let query = db.selectFrom('scenarios').selectAll().where('id', '=', id);
  if (lock) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('not_found', `scenario ${id} not found`);
  return row;
}

export function scenarioOf(row: ScenarioRow): StoredScenario {
  return withoutUndefined({
    id: row.id as ScenarioId,
    name: row.name,
    description: row.description ?? undefined,
    asOf: row.as_of,
    mission: row.mission as Mission,
    assumptions: (row.assumptions ?? undefined) as ScenarioAssumptions | undefined,
    deployment: (row.deployment ?? undefined) as DeploymentSettings | undefined,
    theatre: (row.theatre ?? undefined) as Theatre | undefined,
    escalation: (row.escalation ?? undefined) as Escalation | undefined,
    variantOf: (row.variant_of ?? undefined) as VariantOf | undefined,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  });
}

// --- small helpers --------------------------------------------------------------------------------

export function checkVersion(what: string, current: { version: number }, expected: number): void {
  if (current.version !== expected) {
    throw new DomainError(
      'conflict',
      `${what} is at version ${current.version}, not ${expected}: someone else changed it; reload and retry`,
      [],
      { current },
    );
  }
}

export function fieldOf(record: object, field: string): string {
  const value = (record as Record<string, unknown>)[field];
  if (typeof value !== 'string')
    throw new DomainError('invalid', `${field} is required`, [{ path: field, message: 'is required' }]);
  return value;
}

export function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  throw new Error(`storage: expected a timestamp, got ${typeof value}`);
}

// --- database refusals ----------------------------------------------------------------------------

function checkIssue(constraint: string): FieldIssue | undefined {
  if (constraint === 'audit_log_actor_check') return { path: 'actor', message: 'must not be empty' };
  if (constraint === 'users_id_format')
    return { path: 'id', message: 'must be 1-64 letters, digits, ".", "_", "-" or "@"' };
  if (constraint === 'users_role') return { path: 'role', message: 'is not a known role' };
  if (constraint === 'users_liaison_nation')
    return { path: 'nation', message: 'is required for a liaison officer' };
  if (constraint.endsWith('_rel_to'))
    return { path: 'releasability.nations', message: 'must list nations for REL_TO and only then' };
  return undefined;
}

/** Maps what the database refuses to the domain's codes; anything else passes through. */
function translateError(e: unknown): unknown {
  if (e instanceof DomainError || typeof e !== 'object' || e === null) return e;
  const { code, constraint, detail } = e as { code?: unknown; constraint?: unknown; detail?: unknown };
  const why = typeof detail === 'string' ? ` (${detail})` : '';
  switch (code) {
    case '23505': // unique_violation: a concurrent writer took the key first
      return new DomainError('conflict', `a record with this key already exists${why}`);
    case '23503': // foreign_key_violation: a referenced record went away concurrently
      return new DomainError(
        'conflict',
        `a referenced record was changed or deleted meanwhile${why}; reload and retry`,
      );
    case '23514': {
      // check_violation: the checks a caller can trip are reported at the field they concern.
      const issue = typeof constraint === 'string' ? checkIssue(constraint) : undefined;
      return issue
        ? new DomainError('invalid', `${issue.path} ${issue.message}`, [issue])
        : new DomainError('invalid', `refused by the database check ${String(constraint)}${why}`);
    }
    case '40001': // serialization_failure
    case '40P01': // deadlock_detected
      return new DomainError('conflict', 'a concurrent change got in the way; retry');
    default:
      return e;
  }
}
