// What the scenario reads of the embedded read cache (read-cache-scenarios.ts) depend on, and how a
// committed record change brings cached entries up to date instead of dropping them where that is
// certain. KyselyStore reports each committed transaction's changes (its audit entries: the record
// before and after) in commit order, before the write resolves:
// - an update that leaves the record's marking and nation as they were changes no one's right to
//   see it, so the cached lists and gets that held the old record get the new one; but only when
//   the names it holds of other records (its references) stay too, as the read rule follows them;
// - an update that changes the marking or nation of a record other kinds name (a nation, a node,
//   an offer...) may change who is shown those records too: everything of the scenario is dropped;
// - a deleted record leaves every cached list of its kind that held it;
// - a created record goes last in the cached lists of its kind (new records go last in order,
//   createRecord in kysely-records.ts) of viewers certain to see it: staff, who see everything, or
//   anyone when the store reported that every viewer is shown it (`shownToAll`: unmarked or PUBLIC,
//   and so is everything it names). Lists of other viewers are dropped;
// - the scenario summaries of viewers certain to see the record take its share (summaryShare,
//   beside the summaries' query in kysely-scenarios.ts) in or out; the write call that made the
//   change does that, as only it knows which summaries were stored before it began.
// Nothing else of the read rule is evaluated here: every other list and count comes from the
// database's own filtering.
import { seesEverything } from '../domain/access.ts';
import { ENTITY_KEY, ENTITY_KINDS, type EntityKind, type ScenarioSummary } from '../domain/records.ts';
import { MAPPINGS } from './entity-mappings.ts';
import { summaryShare } from './kysely-scenarios.ts';
import type { CommittedChange } from './kysely-shared.ts';
import { copyOf, DROP, type EntryMeta, type ReadCache } from './read-cache-core.ts';

// What a read depends on, as counter names.
/** Anything any scenario summary reads (listScenarios). */
export const SUMMARIES = '["summaries"]';
/** The scenario as a whole: created, deleted, replaced, or records removed by a cascade. */
export const scenarioDep = (s: string) => JSON.stringify(['scenario', s]);
/** The scenario's header (name, dates, mission, and its sections: assumptions, theatre, ladder…). */
export const headerDep = (s: string) => JSON.stringify(['header', s]);
/** Anything at all in the scenario (the export). */
export const contentDep = (s: string) => JSON.stringify(['content', s]);
/** Which of the scenario's records exist and whom they are shown to. */
export const visibilityDep = (s: string) => JSON.stringify(['visibility', s]);
export const kindDep = (s: string, kind: string) => JSON.stringify(['kind', s, kind]);
export const recordDep = (s: string, kind: string, key: string) => JSON.stringify(['record', s, kind, key]);
/** The scenario's content version: bumped only by committed changes, which also say its new value. */
export const versionDep = (s: string) => JSON.stringify(['version', s]);

// Groups of entries a change may bring up to date.
export const listGroup = (s: string, kind: string) => JSON.stringify(['list', s, kind]);
export const getGroup = (s: string, kind: string, key: string) => JSON.stringify(['get', s, kind, key]);
export const SUMMARIES_GROUP = '["summaries"]';

/** Kinds other kinds name: who is shown those follows who is shown these (visibility.ts). */
const NAMED_KINDS: ReadonlySet<EntityKind> = new Set(
  ENTITY_KINDS.flatMap((kind) =>
    [...MAPPINGS[kind].references, ...(MAPPINGS[kind].shownWith ?? [])].map((ref) => ref.target),
  ),
);

/** Kinds whose deletion deletes records of other kinds with it (a nation takes its stance entries). */
const CASCADING_KINDS: ReadonlySet<EntityKind> = new Set(
  ENTITY_KINDS.flatMap((kind) =>
    MAPPINGS[kind].references.filter((ref) => ref.cascade).map((ref) => ref.target),
  ),
);

/** Everything a create, update or delete of one record may change. */
export function recordDeps(scenarioId: string, kind: EntityKind, key: string | undefined): string[] {
  const names = [kindDep(scenarioId, kind), contentDep(scenarioId), visibilityDep(scenarioId), SUMMARIES];
  if (key !== undefined) names.push(recordDep(scenarioId, kind, key));
  // Records deleted with it (a nation's stance entries) are not named one by one.
  if (CASCADING_KINDS.has(kind)) names.push(scenarioDep(scenarioId));
  return names;
}

/** Everything an import, a replacement or a deletion of whole scenarios may change. */
export function scenarioDeps(ids: readonly string[]): string[] {
  return [
    ...ids.flatMap((id) => [scenarioDep(id), headerDep(id), contentDep(id), visibilityDep(id)]),
    SUMMARIES,
  ];
}

/** How a committed record change alters the summaries of the viewers certain to see the record. */
export interface SummaryChange {
  certain: (meta: EntryMeta | undefined) => boolean;
  apply: (summary: ScenarioSummary) => ScenarioSummary;
}

type RecordFields = Record<string, unknown>;

export function isEntityKind(entity: string): entity is EntityKind {
  return (ENTITY_KINDS as readonly string[]).includes(entity);
}

/**
 * Brings cached lists and gets up to date with a committed change to one record of
 * `kind` in scenario `s`, or drops what it could have touched. Returns what is left to do to
 * summaries (undefined: nothing, or they were dropped).
 */
export function applyRecordChange(
  cache: ReadCache,
  s: string,
  kind: EntityKind,
  change: CommittedChange,
): SummaryChange | undefined {
  const before = change.before as RecordFields | null;
  const after = change.after as RecordFields | null;
  if (change.action === 'update' && before && after) {
    return applyUpdate(cache, s, kind, change.entityKey, before, after, change.shownToAll);
  }
  if (change.action === 'create' && after)
    return applyCreate(cache, s, kind, change.entityKey, after, change.shownToAll);
  if (change.action === 'delete' && before)
    return applyDelete(cache, s, kind, change.entityKey, before, change.shownToAll);
  cache.bump(recordDeps(s, kind, change.entityKey));
  return undefined;
}

function applyUpdate(
  cache: ReadCache,
  s: string,
  kind: EntityKind,
  key: string,
  before: RecordFields,
  after: RecordFields,
  shownToAll: boolean | undefined,
): SummaryChange | undefined {
  if (visibilityOf(kind, before) !== visibilityOf(kind, after)) {
    // Who may see it changed: where it now belongs is the database's to say, and so is who is
    // shown the records that name it.
    const names = recordDeps(s, kind, key);
    if (NAMED_KINDS.has(kind)) names.push(scenarioDep(s));
    cache.bump(names);
    return undefined;
  }
  const keyField = ENTITY_KEY[kind];
  const version = after.version as number;
  // Versions only rise, so of two updates applied in either order the later one stays.
  const newer = (old: RecordFields) => typeof old.version === 'number' && old.version < version;
  cache.bumpAndPatch(
    [kindDep(s, kind), recordDep(s, kind, key), contentDep(s)],
    [
      {
        group: listGroup(s, kind),
        deps: [scenarioDep(s), kindDep(s, kind)],
        patch: (entry) =>
          (entry.value as RecordFields[]).map((r) => (r[keyField] === key && newer(r) ? copyOf(after) : r)),
      },
      {
        group: getGroup(s, kind, key),
        deps: [scenarioDep(s), recordDep(s, kind, key)],
        patch: (entry) => (newer(entry.value as RecordFields) ? copyOf(after) : entry.value),
      },
    ],
  );
  const was = summaryShare(kind, before);
  const now = summaryShare(kind, after);
  if (was.count === now.count && was.personnel === now.personnel) return undefined;
  return {
    certain: certainToSee(shownToAll),
    apply: (summary) => withShare(withShare(summary, was, -1), now, 1),
  };
}

function applyCreate(
  cache: ReadCache,
  s: string,
  kind: EntityKind,
  key: string,
  after: RecordFields,
  shownToAll: boolean | undefined,
): SummaryChange {
  const keyField = ENTITY_KEY[kind];
  const certain = certainToSee(shownToAll);
  cache.bumpAndPatch(
    [kindDep(s, kind), recordDep(s, kind, key), contentDep(s), visibilityDep(s)],
    [
      {
        group: listGroup(s, kind),
        deps: [scenarioDep(s), kindDep(s, kind)],
        patch: (entry) => {
          const list = entry.value as RecordFields[];
          if (!passesFilter(kind, entry.meta?.filterNation, after)) return list;
          if (!certain(entry.meta)) return DROP;
          // A list read after the commit holds it already. New records go last (createRecord).
          return list.some((r) => r[keyField] === key) ? list : [...list, copyOf(after)];
        },
      },
    ],
  );
  const share = summaryShare(kind, after);
  return { certain, apply: (summary) => withShare(summary, share, 1) };
}

function applyDelete(
  cache: ReadCache,
  s: string,
  kind: EntityKind,
  key: string,
  before: RecordFields,
  shownToAll: boolean | undefined,
): SummaryChange | undefined {
  if (CASCADING_KINDS.has(kind)) {
    cache.bump(recordDeps(s, kind, key));
    return undefined;
  }
  const keyField = ENTITY_KEY[kind];
  const certain = certainToSee(shownToAll);
  cache.bumpAndPatch(
    [kindDep(s, kind), recordDep(s, kind, key), contentDep(s), visibilityDep(s)],
    [
      {
        // Gone for everyone: the lists that held it lose it, the others stay as they are.
        group: listGroup(s, kind),
        deps: [scenarioDep(s), kindDep(s, kind)],
        patch: (entry) => (entry.value as RecordFields[]).filter((r) => r[keyField] !== key),
      },
    ],
  );
  const share = summaryShare(kind, before);
  return { certain, apply: (summary) => withShare(summary, share, -1) };
}

/**
 * What decides who is shown a record (visibility.ts): its marking, the nation it belongs to, and the
 * records it names.
 */
function visibilityOf(kind: EntityKind, record: RecordFields): string {
  const mapping = MAPPINGS[kind];
  const names = [...mapping.references, ...(mapping.shownWith ?? [])].map((ref) => record[ref.field]);
  return JSON.stringify([
    record.releasability ?? null,
    mapping.nationColumn ? record[mapping.nationColumn] : null,
    names,
  ]);
}

/** A summary with `sign` times one record's share (summaryShare) added. */
function withShare(
  summary: ScenarioSummary,
  share: ReturnType<typeof summaryShare>,
  sign: 1 | -1,
): ScenarioSummary {
  const counts = { ...summary.counts };
  if (share.count !== undefined) counts[share.count] += sign;
  return { ...summary, counts, personnelOffered: summary.personnelOffered + sign * share.personnel };
}

/**
 * Whether the viewer of a cached read is certain to see a record: staff see every record, and
 * anyone sees one the store reported shown to every viewer. Otherwise only the database can say.
 */
function certainToSee(shownToAll: boolean | undefined): (meta: EntryMeta | undefined) => boolean {
  return (meta) =>
    meta !== undefined && (shownToAll === true || seesEverything({ userId: '', ...meta.viewer }));
}

/** Whether a list read with this nation filter would hold the record if its viewer may see it. */
function passesFilter(
  kind: EntityKind,
  filterNation: string | null | undefined,
  record: RecordFields,
): boolean {
  const nationColumn = MAPPINGS[kind].nationColumn;
  return (
    filterNation === null ||
    filterNation === undefined ||
    !nationColumn ||
    record[nationColumn] === filterNation
  );
}
