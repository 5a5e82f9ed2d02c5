// The records of a scenario in the Kysely store, kind by kind: the guarded reads (list, get, search)
// and the writes (create, update, delete, replace), each write run by KyselyScenarioStore
// (kysely-scenarios.ts) inside its transaction. Every write takes the scenario's lock first
// (scenarioRow in kysely-shared.ts), then reads the record it changes FOR UPDATE, so on PostgreSQL
// two writers naming the same version queue and the second sees the first's change and is refused.
import { sql } from 'kysely';
import type { Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import {
  ENTITY_KEY,
  ENTITY_KINDS,
  ENTITY_LABEL,
  type EntityKind,
  type EntityTypes,
  type Stored,
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
import { MAPPINGS, withoutUndefined, type EntityMapping, type Row } from './entity-mappings.ts';
import {
  INSERT_CHUNK,
  appendAudit,
  checkVersion,
  fieldOf,
  iso,
  scenarioRow,
  type Db,
} from './kysely-shared.ts';
import { checkReferences, checkStillShownToNamers, ownerOf, referencesTo } from './kysely-record-checks.ts';
import { SEARCH_FIELDS } from './search-fields.ts';
import type { Actor, ListFilter } from './store.ts';
import { sqlVisibility } from './visibility.ts';
import { RISK_LINK_TARGETS } from '../domain/releasable-view.ts';

// --- reads ----------------------------------------------------------------------------------------

export async function listRecords<K extends EntityKind>(
  db: Db,
  scenarioId: string,
  kind: K,
  viewer: Principal,
  filter: ListFilter,
): Promise<Stored<EntityTypes[K]>[]> {
  const mapping: EntityMapping<EntityTypes[K]> = MAPPINGS[kind];
  let query = db
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
  if (rows.length === 0) await scenarioRow(db, scenarioId);
  return rows.map((row) => storedOf(mapping, row));
}

export async function getRecord<K extends EntityKind>(
  db: Db,
  scenarioId: string,
  kind: K,
  key: string,
  viewer: Principal,
): Promise<Stored<EntityTypes[K]>> {
  const mapping: EntityMapping<EntityTypes[K]> = MAPPINGS[kind];
  return storedOf(mapping, await recordRow(db, scenarioId, kind, key, { viewer }));
}

export async function searchRecords(
  db: Db,
  scenarioId: string,
  viewer: Principal,
  query: SearchQuery,
): Promise<SearchResult> {
  await scenarioRow(db, scenarioId);
  const wanted = Number.isFinite(query.limit) ? Math.trunc(query.limit ?? 0) : SEARCH_LIMIT_DEFAULT;
  const limit = Math.min(Math.max(wanted, 1), SEARCH_LIMIT_MAX);
  const kinds = ENTITY_KINDS.filter((k) => query.kinds === undefined || query.kinds.includes(k));
  // One query per kind, each already ranked and cut to limit + 1: enough to fill the page and to
  // tell whether there is more, whichever kinds the best hits come from.
  const perKind = await Promise.all(
    kinds.map(async (kind, kindIndex) =>
      (await searchRows(db, scenarioId, kind, viewer, query.text, limit + 1)).map((row, position) => ({
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

/**
 * A digest of every key and version of the kind's rows the viewer is shown (with their count), in
 * key order; without a viewer, of every row. Over shown rows only, so a tag reveals nothing of a
 * withheld record: not its existence, not its key, not when it changes.
 */
export async function recordsTagIn(
  db: Db,
  scenarioId: string,
  mapping: EntityMapping<unknown>,
  viewer?: Principal,
): Promise<string> {
  const key = sql.ref(`${mapping.table}.${mapping.keyColumn}`);
  const version = sql.ref(`${mapping.table}.version`);
  const shown = viewer === undefined ? sql`true` : sqlVisibility(viewer, mapping);
  const result = await sql<{
    tag: string;
  }>`select count(*) || '-' || md5(coalesce(string_agg(${key} || ':' || ${version}, ',' order by ${key}), '')) as tag
    from ${sql.table(mapping.table)} where ${sql.ref(`${mapping.table}.scenario_id`)} = ${scenarioId} and ${shown}`.execute(
    db,
  );
  return String(result.rows[0]!.tag);
}

// --- writes, each inside the transaction `trx` ----------------------------------------------------

export async function createRecord<K extends EntityKind>(
  trx: Db,
  scenarioId: string,
  kind: K,
  record: EntityTypes[K],
  actor: Actor,
): Promise<Stored<EntityTypes[K]>> {
  const mapping: EntityMapping<EntityTypes[K]> = MAPPINGS[kind];
  const key = fieldOf(record, ENTITY_KEY[kind]);
  await scenarioRow(trx, scenarioId, true);
  await checkReferences(trx, scenarioId, mapping, record, actor);
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
    .returning(shownToAllColumn(mapping, record))
    .executeTakeFirstOrThrow();
  const stored = storedOf(mapping, row);
  await appendAudit(
    trx,
    actor,
    {
      scenarioId,
      entity: kind,
      entityKey: key,
      nation: ownerOf(mapping, stored),
      action: 'create',
      before: null,
      after: stored,
    },
    row.shown_to_all === true,
  );
  return stored;
}

/** Refuses an update that would change the record's key, before any transaction begins. */
export function checkKeyKept<K extends EntityKind>(kind: K, key: string, record: EntityTypes[K]): void {
  const keyField = ENTITY_KEY[kind];
  const newKey = fieldOf(record, keyField);
  if (newKey !== key) {
    throw new DomainError(
      'invalid',
      `${ENTITY_LABEL[kind]} ${key}: ${keyField} cannot change (to "${newKey}")`,
      [{ path: keyField, message: `must stay "${key}": a record's key cannot change` }],
    );
  }
}

export async function updateRecord<K extends EntityKind>(
  trx: Db,
  scenarioId: string,
  kind: K,
  key: string,
  record: EntityTypes[K],
  expectedVersion: number,
  actor: Actor,
): Promise<Stored<EntityTypes[K]>> {
  const mapping: EntityMapping<EntityTypes[K]> = MAPPINGS[kind];
  await scenarioRow(trx, scenarioId, true);
  const before = storedOf(mapping, await recordRow(trx, scenarioId, kind, key, { forUpdate: true }));
  checkVersion(`${ENTITY_LABEL[kind]} ${key}`, before, expectedVersion);
  await checkReferences(trx, scenarioId, mapping, record, actor, before);
  const { [mapping.keyColumn]: _key, ...columns } = mapping.toRow(record);
  const row = await trx
    .updateTable(mapping.table)
    .set({ ...columns, version: sql`version + 1`, updated_at: sql`now()` })
    .where('scenario_id', '=', scenarioId)
    .where(mapping.keyColumn, '=', key)
    .where('version', '=', expectedVersion)
    .returningAll()
    .returning(shownToAllColumn(mapping, record))
    .executeTakeFirstOrThrow();
  const after = storedOf(mapping, row);
  const marking = (r: object) =>
    JSON.stringify([
      (r as { releasability?: unknown }).releasability ?? null,
      ownerOf(mapping, r as EntityTypes[K]),
    ]);
  if (marking(before) !== marking(after)) await checkStillShownToNamers(trx, scenarioId, kind, key);
  // A record moved to another nation is logged under the nation it now belongs to; its
  // before and after show where it came from.
  await appendAudit(
    trx,
    actor,
    {
      scenarioId,
      entity: kind,
      entityKey: key,
      nation: ownerOf(mapping, after),
      action: 'update',
      before,
      after,
    },
    row.shown_to_all === true,
  );
  return after;
}

export async function deleteRecord(
  trx: Db,
  scenarioId: string,
  kind: EntityKind,
  key: string,
  expectedVersion: number,
  actor: Actor,
): Promise<void> {
  const mapping: EntityMapping<EntityTypes[typeof kind]> = MAPPINGS[kind];
  await scenarioRow(trx, scenarioId, true);
  const current = storedOf(mapping, await recordRow(trx, scenarioId, kind, key, { forUpdate: true }));
  checkVersion(`${ENTITY_LABEL[kind]} ${key}`, current, expectedVersion);
  const users = await referencesTo(trx, scenarioId, kind, key);
  if (users.length > 0) {
    const shown = users.slice(0, 10).join(', ') + (users.length > 10 ? ` and ${users.length - 10} more` : '');
    throw new DomainError(
      'conflict',
      `${ENTITY_LABEL[kind]} ${key} is still referenced by ${shown}; change or delete those first`,
    );
  }
  await unlinkFromRisks(trx, scenarioId, kind, key, actor);
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
  const gone = await trx
    .deleteFrom(mapping.table)
    .where('scenario_id', '=', scenarioId)
    .where(mapping.keyColumn, '=', key)
    .returning(shownToAllColumn(mapping, current))
    .executeTakeFirst();
  const wasShownToAll = gone?.shown_to_all === true;
  await appendAudit(
    trx,
    actor,
    {
      scenarioId,
      entity: kind,
      entityKey: key,
      nation: ownerOf(mapping, current),
      action: 'delete',
      before,
      after: null,
    },
    wasShownToAll,
  );
}

export async function replaceRecordsIn<K extends EntityKind>(
  trx: Db,
  scenarioId: string,
  kind: K,
  records: readonly EntityTypes[K][],
  actor: Actor,
  expectedTag: string | undefined,
): Promise<{ count: number; tag: string }> {
  const mapping: EntityMapping<EntityTypes[K]> = MAPPINGS[kind];
  await scenarioRow(trx, scenarioId, true);
  const before = await trx
    .selectFrom(mapping.table)
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .orderBy('ord')
    .forUpdate()
    .execute();
  const current = await recordsTagIn(trx, scenarioId, mapping as EntityMapping<unknown>, actor);
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
  for (const key of gone) await unlinkFromRisks(trx, scenarioId, kind, key, actor);
  for (const record of records) await checkReferences(trx, scenarioId, mapping, record, actor);
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
  return {
    count: records.length,
    tag: await recordsTagIn(trx, scenarioId, mapping as EntityMapping<unknown>, actor),
  };
}

// --- helpers --------------------------------------------------------------------------------------

/**
 * Drops the links to a record that is going from the risks that name it, each risk's change audited
 * as an update by the same actor. A link does not keep its record (as a reference would, refusing
 * the deletion): the risk register is coalition staff's and may be withheld from the writer, so a
 * refusal naming a risk would tell a liaison officer deleting its own record of a risk it is not
 * shown. The answer to the deletion is the same whether a risk named the record or not.
 */
async function unlinkFromRisks(
  trx: Db,
  scenarioId: string,
  kind: EntityKind,
  key: string,
  actor: Actor,
): Promise<void> {
  if (!(RISK_LINK_TARGETS as readonly EntityKind[]).includes(kind)) return;
  const mapping = MAPPINGS.risks;
  const rows = await trx
    .selectFrom(mapping.table)
    .selectAll()
    .where('scenario_id', '=', scenarioId)
    .where(sql<boolean>`links @> ${JSON.stringify([{ kind, key }])}::jsonb`)
    .orderBy('ord')
    .forUpdate()
    .execute();
  for (const row of rows) {
    const before = storedOf(mapping, row);
    const links = before.links.filter((l) => !(l.kind === kind && l.key === key));
    const updated = await trx
      .updateTable(mapping.table)
      .set({ links: JSON.stringify(links), version: sql`version + 1`, updated_at: sql`now()` })
      .where('scenario_id', '=', scenarioId)
      .where(mapping.keyColumn, '=', before.id)
      .returningAll()
      .executeTakeFirstOrThrow();
    await appendAudit(trx, actor, {
      scenarioId,
      entity: 'risks',
      entityKey: before.id,
      nation: null,
      action: 'update',
      before,
      after: storedOf(mapping, updated),
    });
  }
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

function storedOf<T>(mapping: EntityMapping<T>, row: Row): Stored<T> {
  return {
    ...withoutUndefined(mapping.fromRow(row)),
    version: Number(row.version),
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/**
 * A viewer shown the least: what it is shown, every viewer is (visibility.ts is monotone in it), so
 * a write reports its record `shownToAll` by asking the rule for this viewer in its RETURNING.
 */
const LEAST_VIEWER: Principal = { userId: '', role: 'observer', nation: null };

/**
 * The `shown_to_all` column of a write's RETURNING. The rule is asked of the database only when the
 * record's own marking is for everyone and it names other records: otherwise the answer is plain,
 * and a write spares the planning of a query it does not need.
 */
function shownToAllColumn<T>(mapping: EntityMapping<T>, record: T) {
  const level = (record as { releasability?: { level: string } }).releasability?.level;
  if (level !== undefined && level !== 'PUBLIC') return sql<boolean>`false`.as('shown_to_all');
  const names = mapping.references.length + (mapping.shownWith ?? []).length;
  return (names === 0 ? sql<boolean>`true` : sqlVisibility(LEAST_VIEWER, mapping)).as('shown_to_all');
}
