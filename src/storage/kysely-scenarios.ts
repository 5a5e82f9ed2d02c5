// The scenario concern of the Kysely store (ScenarioStore in store.ts): scenario headers, summaries,
// whole-document import and export (kysely-documents.ts) and the records of every kind
// (kysely-records.ts). This class decides what runs in a write transaction; the queries live in
// those files.
//
// Reads of scenario content go through sqlVisibility (visibility.ts): the viewer's read rule is part
// of every such query, so what a viewer may not see never leaves the database.
import { sql } from 'kysely';
import { SYSTEM_PRINCIPAL, seesEverything, type Principal } from '../domain/access.ts';
import { headerAsShown } from '../domain/releasable-view.ts';
import { formatIssue } from '../domain/deployment/network.ts';
import { deploymentSettingsIssues, type DeploymentSettings } from '../domain/deployment/settings.ts';
import { DomainError, formatPath, invalid, type FieldIssue } from '../domain/errors.ts';
import type { Escalation } from '../domain/escalation.ts';
import type { ScenarioId } from '../domain/ids.ts';
import {
  type EntityKind,
  type EntityTypes,
  type ScenarioHeaderPatch,
  type ScenarioSummary,
  type Stored,
  type StoredScenario,
} from '../domain/records.ts';
import {
  sectorListIssues,
  sectorsNamedBySettings,
  unknownSectorMessage,
  type Mission,
  type ScenarioDocument,
  type Sector,
} from '../domain/scenario-schema.ts';
import type { SearchQuery, SearchResult } from '../domain/search.ts';
import { MAPPINGS, type EntityMapping } from './entity-mappings.ts';
import { usedRungs, usedSectors } from './kysely-record-checks.ts';
import { checkRestoredBriefs, restoreBriefIn } from './kysely-briefs.ts';
import { restoreDecisionIn } from './kysely-decisions.ts';
import { deleteScenarioIn, exportDocument, insertScenario, replaceContentIn } from './kysely-documents.ts';
import {
  checkKeyKept,
  createRecord,
  deleteRecord,
  getRecord,
  listRecords,
  recordsTagIn,
  replaceRecordsIn,
  searchRecords,
  updateRecord,
} from './kysely-records.ts';
import {
  appendAudit,
  checkVersion,
  scenarioOf,
  scenarioRow,
  type Db,
  type KyselyWriter,
} from './kysely-shared.ts';
import type { Actor, ImportScenariosOptions, ListFilter, ScenarioStore, StoredDecision } from './store.ts';
import { sqlScenarioRows } from './visibility.ts';

export class KyselyScenarioStore implements ScenarioStore {
  readonly #db: Db;
  readonly #writer: KyselyWriter;

  constructor(writer: KyselyWriter) {
    this.#db = writer.db;
    this.#writer = writer;
  }

  async listScenarios(viewer: Principal): Promise<ScenarioSummary[]> {
    return summaries(this.#db, viewer);
  }

  async getScenario(id: ScenarioId | string): Promise<StoredScenario> {
    return scenarioOf(await scenarioRow(this.#db, id));
  }

  /**
   * The id of the newest audit entry about the scenario. Every write to a scenario appends its
   * entry in its own transaction, deleting it too, and audit ids only grow, so the number changes
   * with every change and a scenario imported again after a deletion gets a higher one. Writes to
   * one scenario commit in the order of their entries' ids (they queue on the scenario's lock,
   * scenarioRow), so a number once read is never followed by an older change becoming visible. One
   * lookup in the index on (scenario_id, id); the scenario's existence is asked in the same query.
   */
  async contentVersion(scenarioId: ScenarioId | string): Promise<number> {
    const row = await this.#db
      .selectNoFrom([
        sql<boolean>`exists (select 1 from scenarios where id = ${scenarioId})`.as('scenario_exists'),
        sql<string | number | null>`(select max(id) from audit_log where scenario_id = ${scenarioId})`.as(
          'newest',
        ),
      ])
      .executeTakeFirstOrThrow();
    if (!row.scenario_exists) throw new DomainError('not_found', `scenario ${scenarioId} not found`);
    // A scenario written into the database around the store has no entry yet: 0, below any id.
    return row.newest === null ? 0 : Number(row.newest);
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
    options: ImportScenariosOptions = {},
  ): Promise<ScenarioSummary[]> {
    const decisions = options.decisions ?? [];
    const briefs = options.briefs ?? [];
    const itemIds = new Set(items.map((item) => String(item.id ?? item.document.id)));
    checkRestoredDecisions(decisions, itemIds);
    checkRestoredBriefs(briefs, itemIds);
    return this.#writer.write(async (trx) => {
      const imported: ScenarioSummary[] = [];
      for (const item of items) {
        const document = { ...item.document, id: (item.id ?? item.document.id) as ScenarioId };
        const existing = await trx
          .selectFrom('scenarios')
          .select('id')
          .where('id', '=', document.id)
          .forUpdate()
          .executeTakeFirst();
        if (existing && !options.replace) {
          throw new DomainError('conflict', `scenario ${document.id} already exists`);
        }
        // A restore puts another version of the same scenario in its place: its decisions and
        // briefing packs stay (deleteScenarioIn), those the restore brings replace the ones of the
        // same key, below.
        if (existing) await deleteScenarioIn(trx, document.id, actor, 'keep');
        await insertScenario(trx, document, actor);
        const [summary] = await summaries(trx, actor, document.id);
        if (!summary) throw new Error(`storage: imported scenario ${document.id} vanished`);
        imported.push(summary);
      }
      const importedIds = new Set(imported.map((s) => s.id as string));
      for (const [i, decision] of decisions.entries())
        await restoreDecisionIn(trx, decision, i, importedIds, options.replace === true, actor);
      for (const [i, brief] of briefs.entries())
        await restoreBriefIn(trx, brief, i, options.replace === true, actor);
      return imported;
    });
  }

  /**
   * One transaction under the parent's row lock, so no write to the parent slips in between the
   * version check and the replacement, and one audit entry: the promotion is one change, not a
   * deletion and an import. The parent's row stays (replaceContentIn): its version rises past the
   * one checked, and its decisions and briefing packs, kept by id, stay with it.
   */
  async promoteVariant(
    parentId: ScenarioId | string,
    variantId: ScenarioId | string,
    document: ScenarioDocument,
    check: (parent: { document: ScenarioDocument; version: number; contentVersion: number }) => void,
    actor: Actor,
  ): Promise<ScenarioSummary> {
    return this.#writer.write(async (trx) => {
      const parent = scenarioOf(await scenarioRow(trx, parentId, true));
      // Read, not locked: nothing of the variant is written, and it is named only in the entry.
      await scenarioRow(trx, variantId);
      const before = await exportDocument(trx, parentId, SYSTEM_PRINCIPAL);
      // Under the parent's row lock: no write to it can come between this check and the promotion.
      const newest = await trx
        .selectFrom('audit_log')
        .select((eb) => eb.fn.max('id').as('newest'))
        .where('scenario_id', '=', parentId)
        .executeTakeFirst();
      check({
        document: before,
        version: parent.version,
        contentVersion: newest?.newest == null ? 0 : Number(newest.newest),
      });
      const promoted: ScenarioDocument = { ...document, id: parentId as ScenarioId };
      await replaceContentIn(trx, promoted);
      await appendAudit(trx, actor, {
        scenarioId: parentId,
        entity: 'scenario',
        entityKey: parentId,
        nation: null,
        action: 'promote',
        before,
        after: { variant: variantId, document: promoted },
      });
      const [summary] = await summaries(trx, actor, parentId);
      if (!summary) throw new Error(`storage: promoted scenario ${parentId} vanished`);
      return summary;
    });
  }

  async exportScenario(id: ScenarioId | string, viewer: Principal): Promise<ScenarioDocument> {
    return exportDocument(this.#db, id, viewer);
  }

  async updateScenario(
    id: ScenarioId | string,
    patch: ScenarioHeaderPatch,
    expectedVersion: number,
    actor: Actor,
  ): Promise<StoredScenario> {
    return this.#writer.write(async (trx) => {
      const before = scenarioOf(await scenarioRow(trx, id, true));
      checkVersion(`scenario ${id}`, before, expectedVersion);
      if (patch.mission) await checkMissionNations(trx, id, patch.mission);
      if (patch.assumptions?.nationDeliveryProbability)
        await checkAssumptionNations(trx, id, patch.assumptions.nationDeliveryProbability);
      if (patch.deployment) await checkDeploymentNodes(trx, id, patch.deployment);
      if (patch.mission || patch.deployment) {
        const deployment =
          patch.deployment === undefined ? before.deployment : (patch.deployment ?? undefined);
        await checkHeaderSectors(trx, id, (patch.mission ?? before.mission).sectors, deployment, patch);
      }
      if (patch.escalation !== undefined) await checkHeaderRungs(trx, id, patch.escalation);
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
          ...(patch.theatre !== undefined
            ? { theatre: patch.theatre === null ? null : JSON.stringify(patch.theatre) }
            : {}),
          ...(patch.escalation !== undefined
            ? { escalation: patch.escalation === null ? null : JSON.stringify(patch.escalation) }
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
    await this.#writer.write(async (trx) => {
      const current = scenarioOf(await scenarioRow(trx, id, true));
      if (expectedVersion !== undefined) checkVersion(`scenario ${id}`, current, expectedVersion);
      await deleteScenarioIn(trx, id, actor, 'delete');
    });
  }

  // Records.

  async list<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    viewer: Principal,
    filter: ListFilter = {},
  ): Promise<Stored<EntityTypes[K]>[]> {
    return listRecords(this.#db, scenarioId, kind, viewer, filter);
  }

  async get<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    viewer: Principal,
  ): Promise<Stored<EntityTypes[K]>> {
    return getRecord(this.#db, scenarioId, kind, key, viewer);
  }

  async search(scenarioId: string, viewer: Principal, query: SearchQuery): Promise<SearchResult> {
    return searchRecords(this.#db, scenarioId, viewer, query);
  }

  async create<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    record: EntityTypes[K],
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>> {
    return this.#writer.write((trx) => createRecord(trx, scenarioId, kind, record, actor));
  }

  async update<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    record: EntityTypes[K],
    expectedVersion: number,
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>> {
    checkKeyKept(kind, key, record);
    return this.#writer.write((trx) =>
      updateRecord(trx, scenarioId, kind, key, record, expectedVersion, actor),
    );
  }

  async delete(
    scenarioId: string,
    kind: EntityKind,
    key: string,
    expectedVersion: number,
    actor: Actor,
  ): Promise<void> {
    await this.#writer.write((trx) => deleteRecord(trx, scenarioId, kind, key, expectedVersion, actor));
  }

  async replaceRecords<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    records: readonly EntityTypes[K][],
    actor: Actor,
    expectedTag?: string,
  ): Promise<{ count: number; tag: string }> {
    return this.#writer.write((trx) => replaceRecordsIn(trx, scenarioId, kind, records, actor, expectedTag));
  }

  async recordsTag(scenarioId: string, kind: EntityKind, viewer: Principal): Promise<string> {
    await scenarioRow(this.#db, scenarioId);
    return recordsTagIn(this.#db, scenarioId, MAPPINGS[kind] as EntityMapping<unknown>, viewer);
  }
}

// --- summaries --------------------------------------------------------------------------------------

/**
 * Scenario summaries as the viewer sees them: counts and sums over its visible records only.
 * What one visible record adds to them is `summaryShare`, below: change the two together.
 */
async function summaries(db: Db, viewer: Principal, onlyId?: string): Promise<ScenarioSummary[]> {
  const scenario = sql.ref('s.id');
  const count = (kind: EntityKind) =>
    sql<number | string>`(select count(*) ${sqlScenarioRows(viewer, MAPPINGS[kind], scenario)})`;
  // What the header may name (headerAsShown): asked only for viewers who are not shown everything.
  const staff = seesEverything(viewer);
  const shownKeys = (kind: 'nations' | 'nodes' | 'capabilities') =>
    staff
      ? sql<string[]>`null`
      : sql<
          string[]
        >`(select coalesce(array_agg(${sql.ref(`${MAPPINGS[kind].table}.${MAPPINGS[kind].keyColumn}`)}), '{}')
          ${sqlScenarioRows(viewer, MAPPINGS[kind], scenario)})`;
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
      shownKeys('nations').as('shown_nations'),
      shownKeys('nodes').as('shown_nodes'),
      shownKeys('capabilities').as('shown_capabilities'),
    ])
    .orderBy('s.id');
  if (onlyId !== undefined) query = query.where('s.id', '=', onlyId);
  return (await query.execute()).map((row) => {
    const header = scenarioOf(row);
    return {
      ...(staff
        ? header
        : headerAsShown(header, {
            nations: new Set(row.shown_nations ?? []),
            nodes: new Set(row.shown_nodes ?? []),
            capabilities: new Set(row.shown_capabilities ?? []),
          })),
      counts: {
        nations: Number(row.nation_count),
        requirements: Number(row.requirement_count),
        offers: Number(row.offer_count),
        pledges: Number(row.pledge_count),
      },
      personnelOffered: Number(row.personnel_offered),
      // Whether anything is withheld is itself not said: only that the viewer is not shown everything.
      partial: !staff,
    };
  });
}

/** The kinds whose records a scenario summary counts, and the count each goes to. */
const SUMMARY_COUNTS: { readonly [K in EntityKind]?: keyof ScenarioSummary['counts'] } = {
  nations: 'nations',
  requirements: 'requirements',
  offers: 'offers',
  pledges: 'pledges',
};

/**
 * What one record adds to the summary (`summaries`) of a viewer who may see it: one to the count of
 * its kind, if that is counted, and its personnel if it is an offer not withdrawn. The embedded
 * read cache (read-cache-scenarios.ts) keeps summaries up to date through creates, updates and
 * deletes with it.
 */
export function summaryShare(
  kind: EntityKind,
  record: Record<string, unknown>,
): { count: keyof ScenarioSummary['counts'] | undefined; personnel: number } {
  const personnel = kind === 'offers' && record.status !== 'withdrawn' ? Number(record.personnel) : 0;
  return { count: SUMMARY_COUNTS[kind], personnel };
}

// --- restored decisions ---------------------------------------------------------------------------

/**
 * What a restore's decision records must be before anything is written: each complete, of one of
 * the scenarios imported with it, and no id twice (the second would silently replace the first).
 */
function checkRestoredDecisions(
  decisions: readonly StoredDecision[],
  scenarioIds: ReadonlySet<string>,
): void {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  decisions.forEach((d, i) => {
    if (d.id === '') issues.push({ path: `decisions[${i}].id`, message: 'is required' });
    else if (seen.has(d.id))
      issues.push({ path: `decisions[${i}].id`, message: `duplicate decision "${d.id}"` });
    seen.add(d.id);
    if (!scenarioIds.has(d.scenarioId))
      issues.push({
        path: `decisions[${i}].scenarioId`,
        message: `names scenario "${d.scenarioId}", which is not among the scenarios imported`,
      });
    if (d.decidedBy === '') issues.push({ path: `decisions[${i}].decidedBy`, message: 'is required' });
    if (Number.isNaN(Date.parse(d.decidedAt)))
      issues.push({ path: `decisions[${i}].decidedAt`, message: 'must be an ISO 8601 date-time' });
    // undefined has no JSON; null is JSON and is kept as it is.
    if (d.body === undefined) issues.push({ path: `decisions[${i}].body`, message: 'is required' });
  });
  if (issues.length > 0) throw invalid(issues);
}

// --- header checks --------------------------------------------------------------------------------

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

/** A delivery probability for a single nation names a nation of the scenario. */
async function checkAssumptionNations(
  db: Db,
  scenarioId: string,
  perNation: Readonly<Record<string, number>>,
): Promise<void> {
  const rows = await db.selectFrom('nations').select('id').where('scenario_id', '=', scenarioId).execute();
  const known = new Set(rows.map((r) => r.id));
  const issues: FieldIssue[] = Object.keys(perNation)
    .filter((nation) => !known.has(nation))
    .map((nation) => ({
      path: `assumptions.nationDeliveryProbability.${nation}`,
      message: `names unknown nation "${nation}" in scenario ${scenarioId}`,
    }));
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

/**
 * A header change keeps sectors and their users together: the settings' destinations name sectors of
 * the list, and a new list (a mission patch) still holds every sector a requirement line, an offer's
 * caveats or the settings name; a list that drops one is refused naming the sector and who uses it,
 * so no record is left naming a sector the scenario no longer has.
 */
async function checkHeaderSectors(
  db: Db,
  scenarioId: string,
  sectors: readonly Sector[],
  deployment: DeploymentSettings | undefined,
  patch: ScenarioHeaderPatch,
): Promise<void> {
  const known = new Set(sectors.map((s) => s.name));
  const issues: FieldIssue[] = sectorListIssues(sectors).map(({ path, message }) => ({
    path: formatPath(path),
    message,
  }));
  if (patch.deployment)
    for (const m of sectorsNamedBySettings(patch.deployment))
      if (!known.has(m.name))
        issues.push({ path: formatPath(['deployment', ...m.path]), message: unknownSectorMessage(m.name) });
  if (patch.mission) {
    for (const [sector, user] of await usedSectors(db, scenarioId, deployment))
      if (!known.has(sector))
        issues.push({
          path: 'mission.sectors',
          message: `must keep sector "${sector}": ${user} names it; change that first`,
        });
  }
  if (issues.length > 0) throw invalid(issues);
}

/**
 * A header change keeps rungs and their users together: a new escalation ladder (or none) still
 * holds every rung a red line or a risk names; one that drops a rung is refused naming the rung and
 * who uses it, so no record is left naming a rung the scenario no longer has.
 */
async function checkHeaderRungs(db: Db, scenarioId: string, escalation: Escalation | null): Promise<void> {
  const known = new Set((escalation?.rungs ?? []).map((r) => r.id));
  const issues: FieldIssue[] = [];
  for (const [rung, user] of await usedRungs(db, scenarioId))
    if (!known.has(rung))
      issues.push({
        path: escalation === null ? 'escalation' : 'escalation.rungs',
        message: `must keep rung "${rung}": ${user} names it; change that first`,
      });
  if (issues.length > 0) throw invalid(issues);
}
