// Whole scenario documents in and out of the Kysely store's rows: an import writes the header and
// every kind of record in document order, an export rebuilds the document a viewer may see, a
// scenario's deletion keeps that document in its audit entry, and a promotion replaces a scenario's
// content in place.
import { sql } from 'kysely';
import { SYSTEM_PRINCIPAL, forbidden, type Principal } from '../domain/access.ts';
import { ENTITY_KINDS, type EntityKind, type EntityTypes } from '../domain/records.ts';
import { headerAsShown } from '../domain/releasable-view.ts';
import {
  CURRENT_SCHEMA_VERSION,
  type NationDocument,
  type ScenarioDocument,
  type StanceEntry,
} from '../domain/scenario-schema.ts';
import { MAPPINGS, withoutUndefined, type EntityMapping } from './entity-mappings.ts';
import { INSERT_CHUNK, appendAudit, scenarioOf, scenarioRow, type Db } from './kysely-shared.ts';
import type { Actor } from './store.ts';
import { sqlVisibility } from './visibility.ts';

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
  redLines: (doc) => doc.redLines,
  risks: (doc) => doc.risks,
};

/** Writes a new scenario, header and records, in the transaction `trx`, with its audit entry. */
export async function insertScenario(trx: Db, document: ScenarioDocument, actor: Actor): Promise<void> {
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
    .values({ id: document.id, ...headerColumns(document) })
    .execute();
  await insertRecords(trx, document);
}

/**
 * Replaces the content of the existing scenario `document.id` with the document's, header and
 * records, in the transaction `trx`, which must hold the scenario's row lock (scenarioRow). Not
 * audited here: the caller writes the one entry that says why (a promotion).
 *
 * The row itself stays, where an import's replacement deletes it and inserts it anew: its version
 * goes on rising (an editor holding the old one gets a conflict, where a new row would start again
 * at 1) and it keeps its creation time; writers queued on its lock meanwhile find it there when
 * they get it, not gone. What hangs off the id and not off the content, decision records and
 * briefing packs, is untouched. The records go kind by kind, those that name others first
 * (ENTITY_KINDS in reverse), so no reference is left dangling at the end of a statement.
 */
export async function replaceContentIn(trx: Db, document: ScenarioDocument): Promise<void> {
  for (const kind of [...ENTITY_KINDS].reverse()) {
    await trx.deleteFrom(MAPPINGS[kind].table).where('scenario_id', '=', document.id).execute();
  }
  await trx
    .updateTable('scenarios')
    .set({ ...headerColumns(document), version: sql`version + 1`, updated_at: sql`now()` })
    .where('id', '=', document.id)
    .execute();
  await insertRecords(trx, document);
}

/** The scenarios row's columns a document gives (the header), the id apart. */
function headerColumns(document: ScenarioDocument) {
  const json = (value: unknown) => (value === undefined ? null : JSON.stringify(value));
  return {
    name: document.name,
    description: document.description ?? null,
    as_of: document.asOf,
    mission: JSON.stringify(document.mission),
    assumptions: json(document.assumptions),
    deployment: json(document.deployment),
    theatre: json(document.theatre),
    escalation: json(document.escalation),
    variant_of: json(document.variantOf),
  };
}

/** Inserts the document's records of every kind, in document order (`ord`), under its id. */
async function insertRecords(trx: Db, document: ScenarioDocument): Promise<void> {
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
}

/**
 * Deletes a scenario and its records; the audit entry keeps the whole scenario, whoever deletes it.
 *
 * Decision records and briefing packs have no foreign key to the scenario (migrations 008 and 011),
 * so each caller says what becomes of them (`attached`). The explicit deletion of a scenario takes
 * them with it (`'delete'`): a scenario imported later under the same id starts without them. A
 * backup restore that replaces the scenario keeps them (`'keep'`): it puts another version of the
 * same scenario in its place, and decisions and packs are records of what was decided and briefed,
 * only ever appended. The backup's own come back by key in the same transaction (importScenarios,
 * replacing one of the same decision id, or of the same audience and version); one made here after
 * the backup was taken (or any, for a backup of a format that carried none) is not the backup's to
 * delete. A decision knows the inputs it was made on (its fingerprints), and a pack the hash of the
 * inputs it was made from, so one made on other inputs than the restored ones reads as such.
 * Deleted decisions and packs are not copied into this entry: each one's own 'create' (or 'import')
 * entry keeps it (a pack's, its summary).
 */
export async function deleteScenarioIn(
  trx: Db,
  id: string,
  actor: Actor,
  attached: 'delete' | 'keep',
): Promise<void> {
  const document = await exportDocument(trx, id, SYSTEM_PRINCIPAL);
  await trx.deleteFrom('scenarios').where('id', '=', id).execute();
  if (attached === 'delete') {
    await trx.deleteFrom('decisions').where('scenario_id', '=', id).execute();
    await trx.deleteFrom('briefs').where('scenario_id', '=', id).execute();
  }
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

/**
 * The scenario as a document holding what the viewer is shown: the records of every kind under the
 * read rule, names and all (visibility.ts: an offer of a withheld nation, a requirement line for a
 * withheld capability, a movement of a withheld ULN are withheld too), and the header as shown
 * (headerAsShown: no withheld host or lead nation, no sector destination or garrison on a withheld
 * node). So every export a viewer receives is a valid document.
 */
export async function exportDocument(db: Db, id: string, viewer: Principal): Promise<ScenarioDocument> {
  const scenario = scenarioOf(await scenarioRow(db, id));
  const records = async <K extends EntityKind>(kind: K): Promise<EntityTypes[K][]> => {
    const mapping: EntityMapping<EntityTypes[K]> = MAPPINGS[kind];
    const query = db
      .selectFrom(mapping.table)
      .selectAll()
      .where('scenario_id', '=', id)
      .where(sqlVisibility(viewer, mapping));
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
  const capabilities = await records('capabilities');
  const nodes = await records('nodes');
  const header = headerAsShown(scenario, {
    nations: new Set(nations.map((n) => n.id)),
    nodes: new Set(nodes.map((n) => n.id)),
    capabilities: new Set(capabilities.map((c) => c.code)),
  });
  return withoutUndefined({
    schemaVersion: CURRENT_SCHEMA_VERSION,
    id: scenario.id,
    name: scenario.name,
    description: scenario.description,
    asOf: scenario.asOf,
    mission: header.mission,
    assumptions: header.assumptions,
    variantOf: scenario.variantOf,
    nations,
    capabilities,
    requirements: await records('requirements'),
    offers: await records('offers'),
    pledges: await records('pledges'),
    rotationPolicies: await records('rotationPolicies'),
    network: { nodes, arcs: await records('arcs') },
    deployment: header.deployment,
    theatre: header.theatre,
    escalation: header.escalation,
    forceList: await records('ulns'),
    movements: await records('movements'),
    redLines: await records('redLines'),
    risks: await records('risks'),
  }) as ScenarioDocument;
}
