// What a write may name, checked inside its transaction (kysely-records.ts runs them): the names a
// record holds must resolve to records its writer is shown (a withheld one is as unknown as one that
// does not exist), a nation's record names only what that nation's liaison officers are shown (the
// owner rule), a ULN is drawn from its own nation's offer, every sector a record names is one of the
// mission's (`mission.sectors`, in the scenario header), and a record others name keeps them shown to
// their nations when it is re-marked; a record still named by others is not deleted. The header's own
// checks (its sectors still cover every name in use) are usedSectors' callers in kysely-scenarios.ts.
import { sql } from 'kysely';
import { canSee, type Principal, type Releasability } from '../domain/access.ts';
import { formatPath, invalid, type FieldIssue } from '../domain/errors.ts';
import { ENTITY_KINDS, ENTITY_LABEL, type EntityKind, type EntityTypes } from '../domain/records.ts';
import { liaisonOf, ownerRuleMessage } from '../domain/releasable-view.ts';
import {
  sectorsNamedBy,
  unknownRiskLinkMessage,
  unknownRungMessage,
  unknownSectorMessage,
} from '../domain/scenario-schema.ts';
import { MAPPINGS, type EntityMapping, type Row } from './entity-mappings.ts';
import { fieldOf, scenarioOf, scenarioRow, type Db } from './kysely-shared.ts';
import type { Actor } from './store.ts';
import { sqlVisibility } from './visibility.ts';

/**
 * The record `value` names in `target`, if `viewer` (when given) is shown it, with whether `owner`'s
 * liaison officers are shown it. A target that names nothing itself is judged on its marking here,
 * with canSee, sparing the database a query with the rule in it to plan; any other goes through
 * the rule in SQL (visibility.ts), which follows its names.
 */
async function nameLookup<T>(
  db: Db,
  scenarioId: string,
  target: EntityMapping<T>,
  value: string,
  viewer: Principal | undefined,
  owner: string | null,
): Promise<{ ownerSees: boolean } | undefined> {
  const base = db
    .selectFrom(target.table)
    .where('scenario_id', '=', scenarioId)
    .where(target.keyColumn, '=', value);
  if (target.references.length + (target.shownWith ?? []).length === 0) {
    const columns = ['releasability', 'rel_to', ...(target.nationColumn ? [target.nationColumn] : [])];
    const row = (await base.select(columns).executeTakeFirst()) as Row | undefined;
    if (!row) return undefined;
    const level = row.releasability as Releasability['level'] | null;
    const marking = level === null ? undefined : ({ level, nations: row.rel_to } as Releasability);
    const targetOwner = target.nationColumn ? String(row[target.nationColumn]) : undefined;
    if (viewer && !canSee(viewer, marking, targetOwner)) return undefined;
    return { ownerSees: owner === null || canSee(liaisonOf(owner), marking, targetOwner) };
  }
  let query = base
    .select(target.keyColumn)
    .select((owner === null ? sql<boolean>`true` : sqlVisibility(liaisonOf(owner), target)).as('owner_sees'));
  if (viewer) query = query.where(sqlVisibility(viewer, target));
  const row = (await query.executeTakeFirst()) as { owner_sees: boolean } | undefined;
  return row && { ownerSees: row.owner_sees };
}

/** The nation a record belongs to, if its kind has one. */
export function ownerOf<T>(mapping: EntityMapping<T>, record: T): string | null {
  return mapping.nationColumn ? fieldOf(record as object, mapping.nationColumn) : null;
}

/**
 * The nation and capability a record names must exist in its scenario. With `current` (the row
 * being updated, read FOR UPDATE), a reference it already holds is not asked again: its foreign key
 * keeps the target from being deleted while the row names it.
 */
export async function checkReferences<T>(
  db: Db,
  scenarioId: string,
  mapping: EntityMapping<T>,
  record: T,
  actor: Actor,
  current?: T,
): Promise<void> {
  const unknown: FieldIssue[] = [];
  const hiddenFromOwner: FieldIssue[] = [];
  const owner = ownerOf(mapping, record);
  const sameOwner = current !== undefined && ownerOf(mapping, current) === owner;
  const unchanged = (field: string, value: string) =>
    current !== undefined && (current as Record<string, unknown>)[field] === value;
  // The owner's own liaison officer is shown exactly what the owner rule asks about.
  const ownerWrites = actor.role === 'liaison' && actor.nation === owner;
  for (const ref of [...mapping.references, ...(mapping.shownWith ?? [])]) {
    const hard = mapping.references.includes(ref);
    const value = fieldOf(record as object, ref.field);
    const askExists = hard && !unchanged(ref.field, value);
    // The owner rule (ownerReferenceIssues): what a nation's record names, its liaison officers see.
    const askOwner = owner !== null && !(sameOwner && unchanged(ref.field, value)) && !(hard && ownerWrites);
    if (!askExists && !askOwner) continue;
    const target: EntityMapping<EntityTypes[typeof ref.target]> = MAPPINGS[ref.target];
    const found = await nameLookup(db, scenarioId, target, value, askExists ? actor : undefined, owner);
    if (askExists && !found) {
      unknown.push({
        path: ref.field,
        message: `names unknown ${ENTITY_LABEL[ref.target]} "${value}" in scenario ${scenarioId}`,
      });
    } else if (askOwner && found && !found.ownerSees) {
      hiddenFromOwner.push({ path: ref.field, message: ownerRuleMessage(ref.target, value, owner!) });
    }
  }
  unknown.push(...(await sectorIssues(db, scenarioId, mapping.table, record)));
  unknown.push(...(await rungAndLinkIssues(db, scenarioId, mapping.table, record, actor)));
  if (unknown.length > 0) throw invalid(unknown);
  if (mapping.table === 'ulns') {
    // A ULN is drawn from its own nation's offer (as in a document, scenario-schema.ts), so no
    // offer is ever named by another nation's record.
    const uln = record as unknown as EntityTypes['ulns'];
    const drawnFrom = await db
      .selectFrom('offers')
      .select('nation')
      .where('scenario_id', '=', scenarioId)
      .where('id', '=', uln.offer)
      .executeTakeFirst();
    if (drawnFrom && drawnFrom.nation !== uln.nation)
      throw invalid([
        {
          path: 'offer',
          message: `names offer "${uln.offer}" of ${String(drawnFrom.nation)}: a ULN of ${uln.nation} is drawn from an offer of ${uln.nation}`,
        },
      ]);
  }
  if (hiddenFromOwner.length > 0) throw invalid(hiddenFromOwner);
}

/**
 * The sectors a requirement line or an offer names that are not in the scenario's list
 * (`mission.sectors`): a sector is a name of the header, not a record, so no foreign key keeps it;
 * the header's changes keep every name in use on the list instead (usedSectors). The write holds
 * the scenario row's lock (scenarioRow), which a header change takes too, so the list read here is
 * the list until the write commits. Sectors are shown to everyone who is shown the header, so no
 * viewer is told of anything here that it may not see.
 */
async function sectorIssues(
  db: Db,
  scenarioId: string,
  table: string,
  record: unknown,
): Promise<FieldIssue[]> {
  const mentions = sectorsNamedBy(table, record);
  if (mentions.length === 0) return [];
  const { mission } = scenarioOf(await scenarioRow(db, scenarioId));
  const known = new Set((mission.sectors ?? []).map((s) => s.name));
  return mentions
    .filter((m) => !known.has(m.name))
    .map((m) => ({ path: formatPath(m.path), message: unknownSectorMessage(m.name) }));
}

/**
 * The rungs and records a red line or a risk names that the scenario does not have: a red line's
 * rung and a risk's links to rungs must be rungs of the header's escalation ladder (no foreign key
 * keeps them; a header change that drops a rung in use is refused, usedRungs), and a risk's other
 * links must name records of their kind that the writer is shown. The write holds the scenario row's
 * lock, as for sectors (sectorIssues).
 */
async function rungAndLinkIssues(
  db: Db,
  scenarioId: string,
  table: string,
  record: unknown,
  actor: Actor,
): Promise<FieldIssue[]> {
  if (table !== 'red_lines' && table !== 'risks') return [];
  const { escalation } = scenarioOf(await scenarioRow(db, scenarioId));
  const rungs = new Set((escalation?.rungs ?? []).map((r) => r.id));
  if (table === 'red_lines') {
    const { rung } = record as EntityTypes['redLines'];
    return rungs.has(rung) ? [] : [{ path: 'rung', message: unknownRungMessage(rung) }];
  }
  const issues: FieldIssue[] = [];
  const { links } = record as EntityTypes['risks'];
  for (const [j, link] of links.entries()) {
    const found =
      link.kind === 'rungs'
        ? rungs.has(link.key)
        : (await nameLookup<unknown>(
            db,
            scenarioId,
            MAPPINGS[link.kind] as EntityMapping<unknown>,
            link.key,
            actor,
            null,
          )) !== undefined;
    if (!found)
      issues.push({ path: `links[${j}].key`, message: unknownRiskLinkMessage(link.kind, link.key) });
  }
  return issues;
}

/**
 * The rungs of the escalation ladder that red lines and risks name, with the first record that
 * names each ("red line RL-1", "risk RSK-1"), for refusing a header change that would drop one.
 */
export async function usedRungs(db: Db, scenarioId: string): Promise<Map<string, string>> {
  const used = new Map<string, string>();
  const lines = await db
    .selectFrom('red_lines')
    .select(['id', 'rung'])
    .where('scenario_id', '=', scenarioId)
    .orderBy('ord')
    .execute();
  for (const l of lines) if (!used.has(String(l.rung))) used.set(String(l.rung), `red line ${String(l.id)}`);
  const risks = await db
    .selectFrom('risks')
    .select(['id', 'links'])
    .where('scenario_id', '=', scenarioId)
    .orderBy('ord')
    .execute();
  for (const r of risks) {
    const links = (
      typeof r.links === 'string' ? JSON.parse(r.links) : r.links
    ) as EntityTypes['risks']['links'];
    for (const link of links)
      if (link.kind === 'rungs' && !used.has(link.key)) used.set(link.key, `risk ${String(r.id)}`);
  }
  return used;
}

/**
 * Every sector name the scenario's records and deployment settings use, with the first place that
 * uses it ("requirement line R-1", "offer OFF-GBR-1 (excluded sector)", "the deployment settings
 * (destination of sector …)"), for refusing a header change that would drop a sector still in use.
 * `deployment` is the settings as they will be after the change.
 */
export async function usedSectors(
  db: Db,
  scenarioId: string,
  deployment: { sectorDestinations: Record<string, unknown> } | undefined,
): Promise<Map<string, string>> {
  const used = new Map<string, string>();
  const lines = await db
    .selectFrom('requirements')
    .select(['id', 'sector'])
    .where('scenario_id', '=', scenarioId)
    .orderBy('ord')
    .execute();
  for (const r of lines) {
    const sector = String(r.sector);
    if (!used.has(sector)) used.set(sector, `requirement line ${String(r.id)}`);
  }
  const offers = await db
    .selectFrom('offers')
    .select(['id', 'excluded_sectors'])
    .where('scenario_id', '=', scenarioId)
    .where(sql<boolean>`cardinality(excluded_sectors) > 0`)
    .orderBy('ord')
    .execute();
  for (const o of offers)
    for (const sector of o.excluded_sectors as string[])
      if (!used.has(sector)) used.set(sector, `offer ${String(o.id)} (excluded sector)`);
  for (const sector of Object.keys(deployment?.sectorDestinations ?? {}))
    if (!used.has(sector)) used.set(sector, `the deployment settings (destination of sector "${sector}")`);
  return used;
}

/**
 * After a record's marking or nation changed (inside the write's transaction): refused when a
 * record of another nation names it and that nation's liaison officers would no longer see it, as
 * that record would then be withheld from its own nation (the owner rule).
 */
export async function checkStillShownToNamers(
  db: Db,
  scenarioId: string,
  kind: EntityKind,
  key: string,
): Promise<void> {
  const mapping: EntityMapping<EntityTypes[typeof kind]> = MAPPINGS[kind];
  if (kind === 'offers') {
    // ULNs are drawn from their own nation's offers: an offer they name keeps its nation.
    const strays = await db
      .selectFrom('ulns')
      .innerJoin('offers', (join) =>
        join.onRef('offers.scenario_id', '=', 'ulns.scenario_id').onRef('offers.id', '=', 'ulns.offer'),
      )
      .select(['ulns.uln', 'offers.nation'])
      .where('ulns.scenario_id', '=', scenarioId)
      .where('ulns.offer', '=', key)
      .whereRef('ulns.nation', '<>', 'offers.nation')
      .orderBy('ulns.ord')
      .executeTakeFirst();
    if (strays)
      throw invalid([
        {
          path: 'nation',
          message: `must stay the nation of the ULNs drawn from offer ${key} (ULN ${String(strays.uln)}); change those first`,
        },
      ]);
  }
  for (const other of ENTITY_KINDS) {
    const m: EntityMapping<EntityTypes[typeof other]> = MAPPINGS[other];
    if (!m.nationColumn) continue;
    for (const ref of [...m.references, ...(m.shownWith ?? [])].filter((r) => r.target === kind)) {
      const namers = await db
        .selectFrom(m.table)
        .select([m.nationColumn, m.keyColumn])
        .where('scenario_id', '=', scenarioId)
        .where(ref.field, '=', key)
        .orderBy('ord')
        .execute();
      const nations = [...new Set(namers.map((r) => String(r[m.nationColumn!])))];
      for (const nation of nations) {
        const shown = await db
          .selectFrom(mapping.table)
          .select(mapping.keyColumn)
          .where('scenario_id', '=', scenarioId)
          .where(mapping.keyColumn, '=', key)
          .where(sqlVisibility(liaisonOf(nation), mapping))
          .executeTakeFirst();
        if (!shown) {
          const by = namers.find((r) => String(r[m.nationColumn!]) === nation)!;
          throw invalid([
            {
              path: 'releasability',
              message: `would withhold ${ENTITY_LABEL[kind]} ${key} from the liaison officers of ${nation}, whose ${ENTITY_LABEL[other]} ${String(by[m.keyColumn])} names it; change or re-mark that first`,
            },
          ]);
        }
      }
    }
  }
}

/** What still names this record, as "offer OFF-1"; stance entries that go with a nation don't count. */
export async function referencesTo(
  db: Db,
  scenarioId: string,
  kind: EntityKind,
  key: string,
): Promise<string[]> {
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
  // A risk's links do not keep their record: they go with it (unlinkFromRisks in kysely-records.ts).
  if (kind === 'nodes') {
    const { deployment } = scenarioOf(await scenarioRow(db, scenarioId));
    for (const [sector, node] of Object.entries(deployment?.sectorDestinations ?? {}))
      if (node === key) users.push(`the deployment settings (destination of sector "${sector}")`);
    for (const g of deployment?.garrisons ?? [])
      if (g.node === key) users.push(`the deployment settings (garrison of ${g.nation})`);
  }
  if (kind === 'nations') {
    const { mission, assumptions } = scenarioOf(await scenarioRow(db, scenarioId));
    if (mission.hostNation === key) users.push('the mission (host nation)');
    const perNation: Readonly<Record<string, number>> = assumptions?.nationDeliveryProbability ?? {};
    if (perNation[key] !== undefined) users.push("the scenario's assumptions (its delivery probability)");
    for (const c of mission.components) {
      if (c.leadNations.includes(key as (typeof c.leadNations)[number])) {
        users.push(`mission component "${c.name}" (lead nation)`);
      }
    }
  }
  return users;
}
