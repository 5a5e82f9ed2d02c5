// The one Store implementation, over Kysely, for both PGlite and PostgreSQL. Every write runs in
// one transaction that also appends its audit entry; a record being changed is read FOR UPDATE
// first, so on PostgreSQL two writers naming the same version queue and the second sees the first's
// change and is refused (PGlite serialises every transaction anyway).
//
// Reads of scenario content go through sqlVisibility (visibility.ts): the viewer's read rule is part
// of every such query, so what a viewer may not see never leaves the database.
import { sql, type ColumnType, type Generated, type Kysely, type RawBuilder } from 'kysely';
import { SYSTEM_PRINCIPAL, forbidden, type Principal, type Role } from '../domain/access.ts';
import { DomainError, invalid, type FieldIssue } from '../domain/errors.ts';
import { formatIssue } from '../domain/deployment/network.ts';
import { deploymentSettingsIssues, type DeploymentSettings } from '../domain/deployment/settings.ts';
import type { ScenarioId } from '../domain/ids.ts';
import {
  ENTITY_KEY,
  ENTITY_KINDS,
  ENTITY_LABEL,
  type AuditAction,
  type AuditEntry,
  type EntityKind,
  type EntityTypes,
  type ScenarioHeaderPatch,
  type ScenarioSummary,
  type Stored,
  type StoredScenario,
} from '../domain/records.ts';
import {
  SEARCH_LIMIT_DEFAULT,
  SEARCH_LIMIT_MAX,
  recordLabel,
  snippetOf,
  type SearchHit,
  type SearchQuery,
  type SearchResult,
} from '../domain/search.ts';
import {
  CURRENT_SCHEMA_VERSION,
  type Mission,
  type NationDocument,
  type ScenarioAssumptions,
  type ScenarioDocument,
  type StanceEntry,
} from '../domain/scenario-schema.ts';
import {
  MAPPINGS,
  withoutUndefined,
  type EntityMapping,
  type EntityTable,
  type Row,
} from './entity-mappings.ts';
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
import { SEARCH_FIELDS } from './search-fields.ts';
import { sqlScenarioRows, sqlVisibility } from './visibility.ts';

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
} & Record<EntityTable, Row>;

type Db = Kysely<Database>;

const AUDIT_LIMIT_DEFAULT = 100;
const AUDIT_LIMIT_MAX = 1000;
/** Rows per INSERT on import: well under PostgreSQL's 65,535 bind parameters. */
const INSERT_CHUNK = 500;
/** Failed sign-ins are counted over minutes; older than this they only take space. */
const LOGIN_FAILURE_RETENTION_MS = 24 * 60 * 60 * 1000;

/** The records a document holds, per kind: stance entries are lifted out of their nations. */
const DOCUMENT_RECORDS: { [K in EntityKind]: (doc: ScenarioDocument) => EntityTypes[K][] } = {
  nations: (doc) => doc.nations.map(({ stances: _stances, ...nation }) => nation),
  stances: (doc) => doc.nations.flatMap((n) => n.stances.map((s) => ({ ...s, nation: n.id }))),
  capabilities: (doc) => doc.capabilities,
  requirements: (doc) => doc.requirements,
  offers: (doc) => doc.offers,
  pledges: (doc) => doc.pledges,
  rotationPolicies: (doc) => doc.rotationPolicies,
  nodes: (doc) => doc.network.nodes,
  arcs: (doc) => doc.network.arcs,
  ulns: (doc) => doc.forceList,
  movements: (doc) => doc.movements,
};

export class KyselyStore implements Store {
  readonly backend: 'pglite' | 'postgres';
  /** The database itself, for modules that keep their own tables beside the scenarios. */
  readonly db: Db;
  readonly #commitListeners = new Set<CommitListener>();
  #commitSequence = 0;

  constructor(backend: 'pglite' | 'postgres', db: Db) {
    this.backend = backend;
    this.db = db;
  }

  async listScenarios(viewer: Principal): Promise<ScenarioSummary[]> {
    return this.#summaries(this.db, viewer);
  }

  async getScenario(id: ScenarioId | string): Promise<StoredScenario> {
    return scenarioOf(await scenarioRow(this.db, id));
  }

  async importScenario(
    doc: ScenarioDocument,
    actor: Actor,
    id?: ScenarioId | string,
  ): Promise<ScenarioSummary> {
    const [summary] = await this.importScenarios([{ document: doc, ...(id !== undefined && { id }) }], actor);
    return summary!;
  }

  async importScenarios(
    items: readonly { document: ScenarioDocument; id?: ScenarioId | string }[],
    actor: Actor,
    options: { replace?: boolean } = {},
  ): Promise<ScenarioSummary[]> {
    return this.#write(async (trx) => {
      const summaries: ScenarioSummary[] = [];
      for (const item of items) {
        const document = { ...item.document, id: (item.id ?? item.document.id) as ScenarioId };
        const existing = await trx
          .selectFrom('scenarios')
          .select('id')
          .where('id', '=', document.id)
          .executeTakeFirst();
        if (existing && !options.replace) {
          throw new DomainError('conflict', `scenario ${document.id} already exists`);
        }
        if (existing) await deleteScenarioIn(trx, document.id, actor);
        summaries.push(await this.#insertScenario(trx, document, actor));
      }
      return summaries;
    });
  }

  async #insertScenario(trx: Db, document: ScenarioDocument, actor: Actor): Promise<ScenarioSummary> {
    // The audit entry goes first: a row that fails later takes it back with everything else.
    await appendAudit(trx, actor, {
      scenarioId: document.id,
      entity: 'scenario',
      entityKey: document.id,
      nation: null,
      action: 'import',
      before: null,
      after: document,
    });
    await trx
      .insertInto('scenarios')
      .values({
        id: document.id,
        name: document.name,
        description: document.description ?? null,
        as_of: document.asOf,
        mission: JSON.stringify(document.mission),
        assumptions: document.assumptions === undefined ? null : JSON.stringify(document.assumptions),
        deployment: document.deployment === undefined ? null : JSON.stringify(document.deployment),
      })
      .execute();
    for (const kind of ENTITY_KINDS) {
      const mapping: EntityMapping<EntityTypes[typeof kind]> = MAPPINGS[kind];
      const rows = DOCUMENT_RECORDS[kind](document).map((record, ord) => ({
        scenario_id: document.id,
        ord,
        ...mapping.toRow(record),
      }));
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await trx
          .insertInto(mapping.table)
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
      }
    }
    const [summary] = await this.#summaries(trx, actor, document.id);
    if (!summary) throw new Error(`storage: imported scenario ${document.id} vanished`);
    return summary;
  }

  async exportScenario(id: ScenarioId | string, viewer: Principal): Promise<ScenarioDocument> {
    return exportDocument(this.db, id, viewer);
  }

  async withheld(scenarioId: string, viewer: Principal): Promise<Withheld> {
    const hidden = (kind: EntityKind) => sqlScenarioRows(viewer, MAPPINGS[kind], sql`${scenarioId}`, false);
    // The scenario's existence is asked in the same query rather than in one of its own.
    const counts = await this.db
      .selectNoFrom([
        sql<boolean>`exists (select 1 from scenarios where id = ${scenarioId})`.as('scenario_exists'),
        ...ENTITY_KINDS.map((kind) => sql<string | number>`(select count(*) ${hidden(kind)})`.as(kind)),
      ])
      .executeTakeFirstOrThrow();
    if (!counts.scenario_exists) throw new DomainError('not_found', `scenario ${scenarioId} not found`);
    const withheld: Withheld = {};
    for (const kind of ENTITY_KINDS) {
      const count = Number((counts as Record<string, unknown>)[kind]);
      if (count > 0) withheld[kind] = count;
    }
    return withheld;
  }

  async updateScenario(
    id: ScenarioId | string,
    patch: ScenarioHeaderPatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<StoredScenario> {
    return this.#write(async (trx) => {
      const before = scenarioOf(await scenarioRow(trx, id, true));
      checkVersion(`scenario ${id}`, before, expectedVersion);
      if (patch.mission) await checkMissionNations(trx, id, patch.mission);
      if (patch.deployment) await checkDeploymentNodes(trx, id, patch.deployment);
      const row = await trx
        .updateTable('scenarios')
        .set({
          ...(patch.name !== undefined ? { name: patch.name } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
          ...(patch.asOf !== undefined ? { as_of: patch.asOf } : {}),
          ...(patch.mission !== undefined ? { mission: JSON.stringify(patch.mission) } : {}),
          // null removes the section (the analyses fall back to their defaults).
          ...(patch.assumptions !== undefined
            ? { assumptions: patch.assumptions === null ? null : JSON.stringify(patch.assumptions) }
            : {}),
          ...(patch.deployment !== undefined
            ? { deployment: patch.deployment === null ? null : JSON.stringify(patch.deployment) }
            : {}),
          version: sql`version + 1`,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const after = scenarioOf(row);
      await appendAudit(trx, actor, {
        scenarioId: id,
        entity: 'scenario',
        entityKey: id,
        nation: null,
        action: 'update-scenario',
        before,
        after,
      });
      return after;
    });
  }

  async deleteScenario(
    id: ScenarioId | string,
    expectedVersion: number | undefined,
    actor: Actor,
  ): Promise<void> {
    await this.#write(async (trx) => {
      const current = scenarioOf(await scenarioRow(trx, id, true));
      if (expectedVersion !== undefined) checkVersion(`scenario ${id}`, current, expectedVersion);
      await deleteScenarioIn(trx, id, actor);
    });
  }

  async list<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    viewer: Principal,
    filter: ListFilter = {},
  ): Promise<Stored<EntityTypes[K]>[]> {
    const mapping: EntityMapping<EntityTypes[K]> = MAPPINGS[kind];
    let query = this.db
      .selectFrom(mapping.table)
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .where(sqlVisibility(viewer, mapping))
      .orderBy('ord')
      .orderBy(mapping.keyColumn);
    if (filter.nation !== undefined && mapping.nationColumn) {
      query = query.where(mapping.nationColumn, '=', filter.nation);
    }
    const rows = await query.execute();
    // Rows prove the scenario exists; only an empty list needs to ask (not_found when it does not).
    if (rows.length === 0) await scenarioRow(this.db, scenarioId);
    return rows.map((row) => storedOf(mapping, row));
  }

  async get<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    viewer: Principal,
  ): Promise<Stored<EntityTypes[K]>> {
    const mapping: EntityMapping<EntityTypes[K]> = MAPPINGS[kind];
    return storedOf(mapping, await recordRow(this.db, scenarioId, kind, key, { viewer }));
  }

  async search(scenarioId: string, viewer: Principal, query: SearchQuery): Promise<SearchResult> {
    await scenarioRow(this.db, scenarioId);
    const wanted = Number.isFinite(query.limit) ? Math.trunc(query.limit ?? 0) : SEARCH_LIMIT_DEFAULT;
    const limit = Math.min(Math.max(wanted, 1), SEARCH_LIMIT_MAX);
    const kinds = ENTITY_KINDS.filter((k) => query.kinds === undefined || query.kinds.includes(k));
    // One query per kind, each already ranked and cut to limit + 1: enough to fill the page and to
    // tell whether there is more, whichever kinds the best hits come from.
    const perKind = await Promise.all(
      kinds.map(async (kind, kindIndex) =>
        (await searchRows(this.db, scenarioId, kind, viewer, query.text, limit + 1)).map((row, position) => ({
          row,
          kind,
          kindIndex,
          position,
        })),
      ),
    );
    const ranked = perKind
      .flat()
      .sort(
        (a, b) =>
          Number(a.row.search_rank) - Number(b.row.search_rank) ||
          a.kindIndex - b.kindIndex ||
          a.position - b.position,
      );
    const items = ranked.slice(0, limit).map(({ row, kind }): SearchHit => {
      const mapping: EntityMapping<EntityTypes[typeof kind]> = MAPPINGS[kind];
      const record = withoutUndefined(mapping.fromRow(row));
      return {
        kind,
        key: String(row[mapping.keyColumn]),
        label: recordLabel(kind, record),
        field: String(row.search_field),
        snippet: snippetOf(String(row.search_value), query.text),
      };
    });
    return { items, truncated: ranked.length > limit };
  }

  async create<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    record: EntityTypes[K],
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>> {
    const mapping: EntityMapping<EntityTypes[K]> = MAPPINGS[kind];
    const key = fieldOf(record, ENTITY_KEY[kind]);
    return this.#write(async (trx) => {
      await scenarioRow(trx, scenarioId);
      await checkReferences(trx, scenarioId, mapping, record);
      const clash = await trx
        .selectFrom(mapping.table)
        .select('ord')
        .where('scenario_id', '=', scenarioId)
        .where(mapping.keyColumn, '=', key)
        .executeTakeFirst();
      if (clash) {
        throw new DomainError(
          'conflict',
          `${ENTITY_LABEL[kind]} ${key} already exists in scenario ${scenarioId}`,
          [{ path: ENTITY_KEY[kind], message: `"${key}" is already taken` }],
        );
      }
      const row = await trx
        .insertInto(mapping.table)
        .values({
          scenario_id: scenarioId,
          // New records go last, so the export lists them after the imported ones.
          ord: sql`(select coalesce(max(ord), -1) + 1 from ${sql.table(mapping.table)} where scenario_id = ${scenarioId})`,
          ...mapping.toRow(record),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const stored = storedOf(mapping, row);
      await appendAudit(trx, actor, {
        scenarioId,
        entity: kind,
        entityKey: key,
        nation: ownerOf(mapping, stored),
        action: 'create',
        before: null,
        after: stored,
      });
      return stored;
    });
  }

  async replaceRecords<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    records: readonly EntityTypes[K][],
    actor: Actor,
    expectedTag?: string,
  ): Promise<{ count: number; tag: string }> {
    const mapping: EntityMapping<EntityTypes[K]> = MAPPINGS[kind];
    return this.#write(async (trx) => {
      // Locking the scenario row serialises replacements of the same scenario.
      await scenarioRow(trx, scenarioId, true);
      const before = await trx
        .selectFrom(mapping.table)
        .selectAll()
        .where('scenario_id', '=', scenarioId)
        .orderBy('ord')
        .forUpdate()
        .execute();
      const current = await recordsTagIn(trx, scenarioId, mapping);
      if (expectedTag !== undefined && expectedTag !== current) {
        throw new DomainError(
          'conflict',
          `the ${ENTITY_LABEL[kind]} records of scenario ${scenarioId} changed since tag ${expectedTag} was read (now ${current}); read them again`,
        );
      }
      const keep = new Set(records.map((r) => fieldOf(r as object, ENTITY_KEY[kind])));
      const gone = before.map((r) => String(r[mapping.keyColumn])).filter((k) => !keep.has(k));
      for (const key of gone) {
        const users = await referencesTo(trx, scenarioId, kind, key);
        if (users.length > 0)
          throw new DomainError(
            'conflict',
            `${ENTITY_LABEL[kind]} ${key} is still named by ${users.slice(0, 5).join(', ')}${users.length > 5 ? ` and ${users.length - 5} more` : ''}; the replacement must keep it or those must go first`,
          );
      }
      for (const record of records) await checkReferences(trx, scenarioId, mapping, record);
      const versionOf = new Map(before.map((r) => [String(r[mapping.keyColumn]), Number(r.version)]));
      await trx.deleteFrom(mapping.table).where('scenario_id', '=', scenarioId).execute();
      const rows = records.map((record, ord) => {
        const key = fieldOf(record as object, ENTITY_KEY[kind]);
        // A record that stays keeps counting its versions, so an edit based on it is still judged.
        const version = (versionOf.get(key) ?? 0) + 1;
        return { scenario_id: scenarioId, ord, version, ...mapping.toRow(record) };
      });
      for (let i = 0; i < rows.length; i += INSERT_CHUNK)
        await trx
          .insertInto(mapping.table)
          .values(rows.slice(i, i + INSERT_CHUNK))
          .execute();
      await appendAudit(trx, actor, {
        scenarioId,
        entity: kind,
        entityKey: '*',
        nation: null,
        action: 'import',
        before: before.map((row) => withoutUndefined(mapping.fromRow(row))),
        after: records,
      });
      return { count: records.length, tag: await recordsTagIn(trx, scenarioId, mapping) };
    });
  }

  async recordsTag(scenarioId: string, kind: EntityKind): Promise<string> {
    await scenarioRow(this.db, scenarioId);
    return recordsTagIn(this.db, scenarioId, MAPPINGS[kind]);
  }

  async update<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    record: EntityTypes[K],
    expectedVersion: number,
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>> {
    const mapping: EntityMapping<EntityTypes[K]> = MAPPINGS[kind];
    const keyField = ENTITY_KEY[kind];
    const newKey = fieldOf(record, keyField);
    if (newKey !== key) {
      throw new DomainError(
        'invalid',
        `${ENTITY_LABEL[kind]} ${key}: ${keyField} cannot change (to "${newKey}")`,
        [{ path: keyField, message: `must stay "${key}": a record's key cannot change` }],
      );
    }
    return this.#write(async (trx) => {
      const before = storedOf(mapping, await recordRow(trx, scenarioId, kind, key, { forUpdate: true }));
      checkVersion(`${ENTITY_LABEL[kind]} ${key}`, before, expectedVersion);
      await checkReferences(trx, scenarioId, mapping, record, before);
      const { [mapping.keyColumn]: _key, ...columns } = mapping.toRow(record);
      const row = await trx
        .updateTable(mapping.table)
        .set({ ...columns, version: sql`version + 1`, updated_at: sql`now()` })
        .where('scenario_id', '=', scenarioId)
        .where(mapping.keyColumn, '=', key)
        .where('version', '=', expectedVersion)
        .returningAll()
        .executeTakeFirstOrThrow();
      const after = storedOf(mapping, row);
      // A record moved to another nation is logged under the nation it now belongs to; its
      // before and after show where it came from.
      await appendAudit(trx, actor, {
        scenarioId,
        entity: kind,
        entityKey: key,
        nation: ownerOf(mapping, after),
        action: 'update',
        before,
        after,
      });
      return after;
    });
  }

  async delete(
    scenarioId: string,
    kind: EntityKind,
    key: string,
    expectedVersion: number,
    actor: Actor,
  ): Promise<void> {
    const mapping: EntityMapping<EntityTypes[typeof kind]> = MAPPINGS[kind];
    await this.#write(async (trx) => {
      const current = storedOf(mapping, await recordRow(trx, scenarioId, kind, key, { forUpdate: true }));
      checkVersion(`${ENTITY_LABEL[kind]} ${key}`, current, expectedVersion);
      const users = await referencesTo(trx, scenarioId, kind, key);
      if (users.length > 0) {
        const shown =
          users.slice(0, 10).join(', ') + (users.length > 10 ? ` and ${users.length - 10} more` : '');
        throw new DomainError(
          'conflict',
          `${ENTITY_LABEL[kind]} ${key} is still referenced by ${shown}; change or delete those first`,
        );
      }
      // Dependants that go with the record (a nation's stance entries) are kept in the audit entry.
      const before: Record<string, unknown> = { ...current };
      for (const dependant of ENTITY_KINDS) {
        const m: EntityMapping<EntityTypes[typeof dependant]> = MAPPINGS[dependant];
        const cascade = m.references.find((r) => r.target === kind && r.cascade);
        if (!cascade) continue;
        const rows = await trx
          .selectFrom(m.table)
          .selectAll()
          .where('scenario_id', '=', scenarioId)
          .where(cascade.field, '=', key)
          .orderBy('ord')
          .execute();
        before[dependant] = rows.map((row) => storedOf(m, row));
      }
      await trx
        .deleteFrom(mapping.table)
        .where('scenario_id', '=', scenarioId)
        .where(mapping.keyColumn, '=', key)
        .execute();
      await appendAudit(trx, actor, {
        scenarioId,
        entity: kind,
        entityKey: key,
        nation: ownerOf(mapping, current),
        action: 'delete',
        before,
        after: null,
      });
    });
  }

  async audit(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const wanted = Number.isFinite(filter.limit) ? Math.trunc(filter.limit ?? 0) : AUDIT_LIMIT_DEFAULT;
    const limit = Math.min(Math.max(wanted, 1), AUDIT_LIMIT_MAX);
    let query = this.db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
    if (filter.scenarioId !== undefined) query = query.where('scenario_id', '=', filter.scenarioId);
    if (filter.nation !== undefined) query = query.where('nation', '=', filter.nation);
    if (filter.entity !== undefined) query = query.where('entity', '=', filter.entity);
    if (filter.entityKey !== undefined) query = query.where('entity_key', '=', filter.entityKey);
    if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: Number(r.id),
      at: iso(r.at),
      actor: r.actor,
      // AuditEntry.scenarioId is a string; a change outside any scenario (a user) has none.
      scenarioId: r.scenario_id ?? '',
      entity: r.entity as AuditEntry['entity'],
      nation: r.nation,
      entityKey: r.entity_key,
      action: r.action as AuditAction,
      before: r.before,
      after: r.after,
    }));
  }

  async countUsers(): Promise<number> {
    const row = await this.db
      .selectFrom('users')
      .select(sql<number | string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listUsers(): Promise<UserRecord[]> {
    // Byte order, so the list reads the same whatever the database's collation.
    const rows = await this.db
      .selectFrom('users')
      .selectAll()
      .orderBy(sql`id collate "C"`)
      .execute();
    return rows.map(userOf);
  }

  async getUser(id: string): Promise<UserRecord> {
    return userOf(await userRow(this.db, id));
  }

  async getCredentials(id: string): Promise<{ user: UserRecord; passwordHash: string } | undefined> {
    const row = await this.db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { user: userOf(row), passwordHash: row.password_hash };
  }

  async createUser(user: NewUser, actor: Actor): Promise<UserRecord> {
    return this.#write(async (trx) => {
      const clash = await trx.selectFrom('users').select('id').where('id', '=', user.id).executeTakeFirst();
      if (clash) {
        throw new DomainError('conflict', `user ${user.id} already exists`, [
          { path: 'id', message: `"${user.id}" is already taken` },
        ]);
      }
      const row = await trx
        .insertInto('users')
        .values({
          id: user.id,
          display_name: user.displayName,
          role: user.role,
          nation: user.nation,
          password_hash: user.passwordHash,
          must_change_password: user.mustChangePassword,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const created = userOf(row);
      await appendAudit(trx, actor, {
        scenarioId: null,
        entity: 'users',
        entityKey: user.id,
        nation: created.nation,
        action: 'create',
        before: null,
        after: created,
      });
      return created;
    });
  }

  async updateUser(
    id: string,
    patch: UserPatch,
    expectedVersion: number | undefined,
    actor: Actor,
  ): Promise<UserRecord> {
    return this.#write(async (trx) => {
      const before = userOf(await userRow(trx, id, true));
      if (expectedVersion !== undefined) checkVersion(`user ${id}`, before, expectedVersion);
      const row = await trx
        .updateTable('users')
        .set({
          ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
          ...(patch.role !== undefined ? { role: patch.role } : {}),
          ...(patch.nation !== undefined ? { nation: patch.nation } : {}),
          ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
          ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
          ...(patch.mustChangePassword !== undefined
            ? { must_change_password: patch.mustChangePassword }
            : {}),
          version: sql`version + 1`,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const after = userOf(row);
      // The log says that the password changed, never what it changed to (not even as a hash).
      await appendAudit(trx, actor, {
        scenarioId: null,
        entity: 'users',
        entityKey: id,
        nation: after.nation ?? before.nation,
        action: 'update',
        before,
        after: patch.passwordHash !== undefined ? { ...after, passwordChanged: true } : after,
      });
      return after;
    });
  }

  async createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.#write(async (trx) => {
      await userRow(trx, userId);
      // Expired sessions are never found again; sweeping them here keeps the table small.
      await trx
        .deleteFrom('sessions')
        .where('expires_at', '<=', sql<string>`now()`)
        .execute();
      await trx
        .insertInto('sessions')
        .values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt.toISOString() })
        .execute();
    });
  }

  async findSession(tokenHash: string, now: Date): Promise<SessionRecord | undefined> {
    const row = await this.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .selectAll('u')
      .select('s.expires_at')
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', now.toISOString())
      .where('u.disabled', '=', false)
      .executeTakeFirst();
    return row && { user: userOf(row), expiresAt: iso(row.expires_at) };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async recordLoginFailure(keys: string[], at: Date): Promise<void> {
    if (keys.length === 0) return;
    await this.#write(async (trx) => {
      await trx
        .insertInto('login_failures')
        .values(keys.map((key) => ({ key, at: at.toISOString() })))
        .execute();
      // Pruned on every failure, through the index on `at`: cheap, and no scheduler needed.
      const cutoff = new Date(at.getTime() - LOGIN_FAILURE_RETENTION_MS).toISOString();
      await trx.deleteFrom('login_failures').where('at', '<', cutoff).execute();
    });
  }

  async countLoginFailures(key: string, since: Date): Promise<number> {
    const row = await this.db
      .selectFrom('login_failures')
      .select(sql<number | string>`count(*)`.as('n'))
      .where('key', '=', key)
      .where('at', '>=', since.toISOString())
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async clearLoginFailures(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.db.deleteFrom('login_failures').where('key', 'in', keys).execute();
  }

  async getSetting(key: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: sql`now()` }))
      .execute();
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }

  /**
   * Calls `listener` after each write transaction commits, with the changes its audit entries
   * describe, before the write's promise resolves (the embedded read cache, read-cache.ts, uses
   * it). `sequence` numbers the transactions in the order their work finished, which on PGlite (one
   * transaction at a time) is the order they committed in. The listener must not throw. Returns the
   * function that removes it.
   */
  onCommit(listener: CommitListener): () => void {
    this.#commitListeners.add(listener);
    return () => this.#commitListeners.delete(listener);
  }

  async #write<T>(fn: (trx: Db) => Promise<T>): Promise<T> {
    const changes: CommittedChange[] = [];
    let sequence = 0;
    let result: T;
    try {
      result = await this.db.transaction().execute(async (trx) => {
        committedChanges.set(trx, changes);
        const done = await fn(trx);
        sequence = ++this.#commitSequence;
        return done;
      });
    } catch (e) {
      throw translateError(e);
    }
    for (const listener of this.#commitListeners) listener(changes, sequence);
    return result;
  }

  /**
   * Scenario summaries as the viewer sees them: counts and sums over its visible records only.
   * What one visible record adds to them is `summaryShare`, below: change the two together.
   */
  async #summaries(db: Db, viewer: Principal, onlyId?: string): Promise<ScenarioSummary[]> {
    const scenario = sql.ref('s.id');
    const count = (kind: EntityKind) =>
      sql<number | string>`(select count(*) ${sqlScenarioRows(viewer, MAPPINGS[kind], scenario)})`;
    const partial = sql.join(
      ENTITY_KINDS.map(
        (kind) => sql`exists (select 1 ${sqlScenarioRows(viewer, MAPPINGS[kind], scenario, false)})`,
      ),
      sql` or `,
    );
    let query = db
      .selectFrom('scenarios as s')
      .selectAll('s')
      .select([
        count('nations').as('nation_count'),
        count('requirements').as('requirement_count'),
        count('offers').as('offer_count'),
        count('pledges').as('pledge_count'),
        sql<number | string>`(select coalesce(sum(offers.personnel), 0)
          ${sqlScenarioRows(viewer, MAPPINGS.offers, scenario)}
          and offers.status <> 'withdrawn')`.as('personnel_offered'),
        sql<boolean>`(${partial})`.as('partial'),
      ])
      .orderBy('s.id');
    if (onlyId !== undefined) query = query.where('s.id', '=', onlyId);
    return (await query.execute()).map((row) => ({
      ...scenarioOf(row),
      counts: {
        nations: Number(row.nation_count),
        requirements: Number(row.requirement_count),
        offers: Number(row.offer_count),
        pledges: Number(row.pledge_count),
      },
      personnelOffered: Number(row.personnel_offered),
      partial: row.partial,
    }));
  }
}

/** The kinds whose records a scenario summary counts, and the count each goes to. */
const SUMMARY_COUNTS: { readonly [K in EntityKind]?: keyof ScenarioSummary['counts'] } = {
  nations: 'nations',
  requirements: 'requirements',
  offers: 'offers',
  pledges: 'pledges',
};

/**
 * What one record adds to the summary (#summaries) of a viewer who may see it: one to the count of
 * its kind, if that is counted, and its personnel if it is an offer not withdrawn. The embedded
 * read cache (read-cache.ts) keeps summaries up to date through creates, updates and deletes with it.
 */
export function summaryShare(
  kind: EntityKind,
  record: Record<string, unknown>,
): { count: keyof ScenarioSummary['counts'] | undefined; personnel: number } {
  const personnel = kind === 'offers' && record.status !== 'withdrawn' ? Number(record.personnel) : 0;
  return { count: SUMMARY_COUNTS[kind], personnel };
}

type ScenarioRow = {
  id: string;
  name: string;
  description: string | null;
  as_of: string;
  mission: unknown;
  assumptions: unknown;
  deployment: unknown;
  version: number;
  created_at: string;
  updated_at: string;
};

/** Deletes a scenario and its records; the audit entry keeps the whole scenario, whoever deletes it. */
async function deleteScenarioIn(trx: Db, id: string, actor: Actor): Promise<void> {
  const document = await exportDocument(trx, id, SYSTEM_PRINCIPAL);
  await trx.deleteFrom('scenarios').where('id', '=', id).execute();
  await appendAudit(trx, actor, {
    scenarioId: id,
    entity: 'scenario',
    entityKey: id,
    nation: null,
    action: 'delete-scenario',
    before: document,
    after: null,
  });
}

async function scenarioRow(db: Db, id: string, forUpdate = false): Promise<ScenarioRow> {
  let query = db.selectFrom('scenarios').selectAll().where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('not_found', `scenario ${id} not found`);
  return row;
}

function scenarioOf(row: ScenarioRow): StoredScenario {
  return withoutUndefined({
    id: row.id as ScenarioId,
    name: row.name,
    description: row.description ?? undefined,
    asOf: row.as_of,
    mission: row.mission as Mission,
    assumptions: (row.assumptions ?? undefined) as ScenarioAssumptions | undefined,
    deployment: (row.deployment ?? undefined) as DeploymentSettings | undefined,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  });
}

/**
 * One record's row, or not_found naming the record (or the scenario, if that is what is missing).
 * With a viewer, a record it may not see is not found in just the same words.
 */
async function recordRow(
  db: Db,
  scenarioId: string,
  kind: EntityKind,
  key: string,
  { viewer, forUpdate = false }: { viewer?: Principal; forUpdate?: boolean } = {},
): Promise<Row> {
  const mapping: EntityMapping<EntityTypes[typeof kind]> = MAPPINGS[kind];
  let query = db
    .selectFrom(mapping.table)
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .where(mapping.keyColumn, '=', key);
  if (viewer) query = query.where(sqlVisibility(viewer, mapping));
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (row) return row;
  await scenarioRow(db, scenarioId);
  throw new DomainError('not_found', `${ENTITY_LABEL[kind]} ${key} not found in scenario ${scenarioId}`);
}

/**
 * Rows of one kind whose searchable text contains `text` (case-insensitively, as a plain substring:
 * strpos, so % and _ are not wildcards), each with the first field that matched and a rank (0: the
 * key is the text, 1: the key contains it, 2: other text does). The viewer's read rule is part of
 * the WHERE clause, as in every guarded read.
 */
async function searchRows(
  db: Db,
  scenarioId: string,
  kind: EntityKind,
  viewer: Principal,
  text: string,
  limit: number,
): Promise<Row[]> {
  const mapping: EntityMapping<EntityTypes[typeof kind]> = MAPPINGS[kind];
  const key = sql.ref(`t.${mapping.keyColumn}`);
  const fields = sql.join(
    SEARCH_FIELDS[kind].map((f, i) => sql`(${sql.lit(i)}, ${sql.lit(f.field)}, ${f.expr})`),
  );
  const result = await sql<Row>`select t.*, m.search_field, m.search_value,
      case when lower(${key}) = lower(${text}) then 0 when m.search_pos = 0 then 1 else 2 end as search_rank
    from ${sql.table(mapping.table)} as t
    cross join lateral (
      select f.search_pos, f.search_field, f.search_value
      from (values ${fields}) as f (search_pos, search_field, search_value)
      where strpos(lower(f.search_value), lower(${text})) > 0
      order by f.search_pos
      limit 1
    ) as m
    where t.scenario_id = ${scenarioId} and ${sqlVisibility(viewer, mapping, 't')}
    order by search_rank, t.ord, ${key}
    limit ${limit}`.execute(db);
  return result.rows;
}

function storedOf<T>(mapping: EntityMapping<T>, row: Row): Stored<T> {
  return {
    ...withoutUndefined(mapping.fromRow(row)),
    version: Number(row.version),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/**
 * The scenario as a document holding what the viewer may see. So that the document stays valid, a
 * record naming a nation or capability the viewer cannot see is left out too (an offer of a
 * withheld nation, a requirement line for a withheld capability, a withheld nation's stance
 * entries), and the mission no longer names withheld nations as host or lead: marking a nation
 * hides it everywhere rather than leaking through the mission.
 */
async function exportDocument(db: Db, id: string, viewer: Principal): Promise<ScenarioDocument> {
  const scenario = scenarioOf(await scenarioRow(db, id));
  const records = async <K extends EntityKind>(kind: K): Promise<EntityTypes[K][]> => {
    const mapping: EntityMapping<EntityTypes[K]> = MAPPINGS[kind];
    let query = db
      .selectFrom(mapping.table)
      .selectAll()
      .where('scenario_id', '=', id)
      .where(sqlVisibility(viewer, mapping));
    for (const ref of mapping.references) {
      const target: EntityMapping<EntityTypes[typeof ref.target]> = MAPPINGS[ref.target];
      query = query.where(
        sql<boolean>`exists (select 1 from ${sql.table(target.table)} r
          where r.scenario_id = ${sql.ref(`${mapping.table}.scenario_id`)}
          and ${sql.ref(`r.${target.keyColumn}`)} = ${sql.ref(`${mapping.table}.${ref.field}`)}
          and ${sqlVisibility(viewer, target, 'r')})`,
      );
    }
    const rows = await query.orderBy('ord').orderBy(mapping.keyColumn).execute();
    return rows.map((row) => withoutUndefined(mapping.fromRow(row)));
  };
  const stancesByNation = new Map<string, StanceEntry[]>();
  for (const { nation, ...entry } of await records('stances')) {
    stancesByNation.set(nation, [...(stancesByNation.get(nation) ?? []), entry as StanceEntry]);
  }
  const nations: NationDocument[] = (await records('nations')).map((n) => ({
    ...n,
    stances: stancesByNation.get(n.id) ?? [],
  }));
  if (nations.length === 0) {
    // A document needs a nation. The scenario itself is not secret, so this is a refusal, not a 404.
    const someNation = await db
      .selectFrom('nations')
      .select('id')
      .where('scenario_id', '=', id)
      .executeTakeFirst();
    if (someNation) {
      throw forbidden(`no nation of scenario ${id} is releasable to you, so it cannot be exported`);
    }
  }
  const shown = new Set<string>(nations.map((n) => n.id));
  const mission: Mission = {
    ...scenario.mission,
    hostNation:
      scenario.mission.hostNation !== undefined && shown.has(scenario.mission.hostNation)
        ? scenario.mission.hostNation
        : undefined,
    components: scenario.mission.components.map((c) => ({
      ...c,
      leadNations: c.leadNations.filter((n) => shown.has(n)),
    })),
  };
  return withoutUndefined({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: scenario.id,
    name: scenario.name,
    description: scenario.description,
    asOf: scenario.asOf,
    mission,
    assumptions: scenario.assumptions,
    nations,
    capabilities: await records('capabilities'),
    requirements: await records('requirements'),
    offers: await records('offers'),
    pledges: await records('pledges'),
    rotationPolicies: await records('rotationPolicies'),
    network: { nodes: await records('nodes'), arcs: await records('arcs') },
    deployment: scenario.deployment,
    forceList: await records('ulns'),
    movements: await records('movements'),
  }) as ScenarioDocument;
}

function fieldOf(record: object, field: string): string {
  const value = (record as Record<string, unknown>)[field];
  if (typeof value !== 'string')
    throw new DomainError('invalid', `${field} is required`, [{ path: field, message: 'is required' }]);
  return value;
}

/**
 * The nation and capability a record names must exist in its scenario. With `current` (the row
 * being updated, read FOR UPDATE), a reference it already holds is not asked again: its foreign key
 * keeps the target from being deleted while the row names it.
 */
async function checkReferences<T>(
  db: Db,
  scenarioId: string,
  mapping: EntityMapping<T>,
  record: T,
  current?: T,
): Promise<void> {
  const issues: FieldIssue[] = [];
  for (const ref of mapping.references) {
    const value = fieldOf(record as object, ref.field);
    if (current !== undefined && (current as Record<string, unknown>)[ref.field] === value) continue;
    const target: EntityMapping<EntityTypes[typeof ref.target]> = MAPPINGS[ref.target];
    const found = await db
      .selectFrom(target.table)
      .select(target.keyColumn)
      .where('scenario_id', '=', scenarioId)
      .where(target.keyColumn, '=', value)
      .executeTakeFirst();
    if (!found) {
      issues.push({
        path: ref.field,
        message: `names unknown ${ENTITY_LABEL[ref.target]} "${value}" in scenario ${scenarioId}`,
      });
    }
  }
  if (issues.length > 0) throw invalid(issues);
}

async function checkMissionNations(db: Db, scenarioId: string, mission: Mission): Promise<void> {
  const rows = await db.selectFrom('nations').select('id').where('scenario_id', '=', scenarioId).execute();
  const known = new Set(rows.map((r) => r.id));
  const issues: FieldIssue[] = [];
  const check = (path: string, nation: string) => {
    if (!known.has(nation))
      issues.push({ path, message: `names unknown nation "${nation}" in scenario ${scenarioId}` });
  };
  if (mission.hostNation !== undefined) check('mission.hostNation', mission.hostNation);
  mission.components.forEach((c, i) =>
    c.leadNations.forEach((n, j) => check(`mission.components[${i}].leadNations[${j}]`, n)),
  );
  if (issues.length > 0) throw invalid(issues);
}

/** The nodes the deployment settings name must be nodes of the scenario's network. */
async function checkDeploymentNodes(db: Db, scenarioId: string, settings: DeploymentSettings): Promise<void> {
  const rows = await db
    .selectFrom('network_nodes')
    .select('id')
    .where('scenario_id', '=', scenarioId)
    .execute();
  const issues = deploymentSettingsIssues(settings, {
    nodes: rows.map((r) => ({ id: String(r.id) })),
  } as never).map(formatIssue);
  if (issues.length > 0) throw invalid(issues);
}

/** A digest of every key and version of the kind's rows (with their count), in key order. */
async function recordsTagIn(
  db: Db,
  scenarioId: string,
  mapping: Pick<EntityMapping<unknown>, 'table' | 'keyColumn'>,
): Promise<string> {
  const key = sql.ref(mapping.keyColumn);
  const result = await sql<{
    tag: string;
  }>`select count(*) || '-' || md5(coalesce(string_agg(${key} || ':' || version, ',' order by ${key}), '')) as tag
    from ${sql.table(mapping.table)} where scenario_id = ${scenarioId}`.execute(db);
  return String(result.rows[0]!.tag);
}

/** What still names this record, as "offer OFF-1"; stance entries that go with a nation don't count. */
async function referencesTo(db: Db, scenarioId: string, kind: EntityKind, key: string): Promise<string[]> {
  const users: string[] = [];
  for (const other of ENTITY_KINDS) {
    const m: EntityMapping<EntityTypes[typeof other]> = MAPPINGS[other];
    for (const ref of m.references.filter((r) => r.target === kind && !r.cascade)) {
      const rows = await db
        .selectFrom(m.table)
        .select(m.keyColumn)
        .where('scenario_id', '=', scenarioId)
        .where(ref.field, '=', key)
        .orderBy('ord')
        .execute();
      users.push(...rows.map((r) => `${ENTITY_LABEL[other]} ${String(r[m.keyColumn])}`));
    }
  }
  if (kind === 'nodes') {
    const { deployment } = scenarioOf(await scenarioRow(db, scenarioId));
    for (const [sector, node] of Object.entries(deployment?.sectorDestinations ?? {}))
      if (node === key) users.push(`the deployment settings (destination of sector "${sector}")`);
    for (const g of deployment?.garrisons ?? [])
      if (g.node === key) users.push(`the deployment settings (garrison of ${g.nation})`);
  }
  if (kind === 'nations') {
    const { mission } = scenarioOf(await scenarioRow(db, scenarioId));
    if (mission.hostNation === key) users.push('the mission (host nation)');
    for (const c of mission.components) {
      if (c.leadNations.includes(key as (typeof c.leadNations)[number])) {
        users.push(`mission component "${c.name}" (lead nation)`);
      }
    }
  }
  return users;
}

function checkVersion(what: string, current: { version: number }, expected: number): void {
  if (current.version !== expected) {
    throw new DomainError(
      'conflict',
      `${what} is at version ${current.version}, not ${expected}: someone else changed it; reload and retry`,
      [],
      { current },
    );
  }
}

/** The nation a record belongs to, if its kind has one. */
function ownerOf<T>(mapping: EntityMapping<T>, record: T): string | null {
  return mapping.nationColumn ? fieldOf(record as object, mapping.nationColumn) : null;
}

type NewAuditEntry = Omit<AuditEntry, 'id' | 'at' | 'actor' | 'scenarioId'> & { scenarioId: string | null };

/** A change a committed transaction made: its audit entry. */
export type CommittedChange = NewAuditEntry;
export type CommitListener = (changes: readonly CommittedChange[], sequence: number) => void;

/** The audit entries each open transaction has appended, handed to onCommit listeners after it commits. */
const committedChanges = new WeakMap<object, CommittedChange[]>();

async function appendAudit(db: Db, actor: Actor, entry: NewAuditEntry): Promise<void> {
  committedChanges.get(db)?.push(entry);
  await db
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
    .execute();
}

type UserRow = {
  id: string;
  display_name: string;
  role: string;
  nation: string | null;
  disabled: boolean;
  must_change_password: boolean;
  version: number;
  created_at: string;
  updated_at: string;
};

/** The user without its password hash: the only form that leaves the store, bar getCredentials. */
function userOf(row: UserRow): UserRecord {
  return {
    id: row.id,
    displayName: row.display_name,
    role: row.role as Role,
    nation: row.nation,
    disabled: row.disabled,
    mustChangePassword: row.must_change_password,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

async function userRow(db: Db, id: string, forUpdate = false) {
  let query = db.selectFrom('users').selectAll().where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('not_found', `user ${id} not found`);
  return row;
}

function iso(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'string') return value;
  throw new Error(`storage: expected a timestamp, got ${typeof value}`);
}

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
