// What a variant of a scenario changes against its baseline: the inputs a what-if differs in, record
// by record and field by field, so a planner can read "OFF-2 quantity 1 → 3" before comparing the
// analyses of the two. Records are matched by their key (ENTITY_KEY), never by their place in a list:
// a variant that lists the same records in another order is identical to its baseline.
// Pure, and the result is plain JSON (no undefined, no Map), because it goes on the wire as it is.
import { ENTITY_KEY, type EntityKind, type EntityTypes } from './records.ts';
import { PUBLIC } from './releasability.ts';
import { recordsByKind } from './releasable-view.ts';
import type { ScenarioDocument } from './scenario-schema.ts';

/**
 * One field that differs. A side on which the field is absent has no `before` (or `after`) at all,
 * rather than `undefined`, so the change reads the same after a trip through JSON: `'before' in
 * change` is false exactly when the variant adds the field.
 */
export interface FieldChange {
  /**
   * Dotted path from the record (or the header) to the field: `quantity`, `readiness.daysToReady`,
   * `caveats.excludedSectors`, `mission.forceTarget.personnel`. It stops at an array: a list is one
   * value (`mission.sectors`, an arc's `closures`), because its items have no key to match them by
   * and an index would report a shifted list as a change to every item after the shift.
   */
  path: string;
  before?: unknown;
  after?: unknown;
}

/** A record on one side only, with its key so the reader need not know each kind's key field. */
export interface KeyedRecord<T> {
  key: string;
  record: T;
}

/** A record on both sides whose fields differ; `changes` is never empty. */
export interface RecordChange {
  key: string;
  changes: FieldChange[];
}

/**
 * The difference in one record kind. `added` and `changed` are in the variant's order and `removed`
 * in the baseline's, so each list reads in the order of the document it was found in.
 */
export interface KindDiff<T> {
  added: KeyedRecord<T>[];
  removed: KeyedRecord<T>[];
  changed: RecordChange[];
}

export interface KindCounts {
  added: number;
  removed: number;
  changed: number;
}

export interface ScenarioDiff {
  /**
   * Changes to the scenario header: name, description, asOf, mission, assumptions, deployment
   * settings, theatre and escalation ladder. The id is left out: a variant is a scenario of its own
   * and always has another one.
   */
  header: FieldChange[];
  /** Every kind, in ENTITY_KINDS order, empty ones included, so a client need not test for absence. */
  records: { [K in EntityKind]: KindDiff<EntityTypes[K]> };
  summary: {
    counts: { [K in EntityKind]: KindCounts };
    /** Nothing differs: no header change and no record added, removed or changed. */
    identical: boolean;
  };
}

/**
 * Paths compared as one value although they hold an object. A marking is read as a whole (a level
 * without its nations means nothing). The sector destinations are keyed by sector names, which may
 * hold dots or spaces, so a dotted path through them would not read back unambiguously. A line's
 * geometry is one shape: its type and its coordinates mean nothing apart.
 */
const WHOLE_VALUE_PATHS: ReadonlySet<string> = new Set([
  'releasability',
  'deployment.sectorDestinations',
  'theatre.lineOfContact.geometry',
]);

/** The inputs of `variant` that differ from those of `baseline`. */
export function diffScenarios(baseline: ScenarioDocument, variant: ScenarioDocument): ScenarioDiff {
  const before = recordsByKind(baseline);
  const after = recordsByKind(variant);
  const diffOf = <K extends EntityKind>(kind: K): KindDiff<EntityTypes[K]> =>
    diffRecords(before[kind], after[kind], ENTITY_KEY[kind]);
  // Spelt out kind by kind so that the mapped type makes a new kind a compile error here.
  const records: ScenarioDiff['records'] = {
    nations: diffOf('nations'),
    stances: diffOf('stances'),
    capabilities: diffOf('capabilities'),
    requirements: diffOf('requirements'),
    offers: diffOf('offers'),
    pledges: diffOf('pledges'),
    rotationPolicies: diffOf('rotationPolicies'),
    nodes: diffOf('nodes'),
    arcs: diffOf('arcs'),
    ulns: diffOf('ulns'),
    movements: diffOf('movements'),
    redLines: diffOf('redLines'),
    risks: diffOf('risks'),
  };
  const header = fieldChanges(headerOf(baseline), headerOf(variant), []);
  const counts = Object.fromEntries(
    Object.entries(records).map(([kind, d]) => [
      kind,
      { added: d.added.length, removed: d.removed.length, changed: d.changed.length },
    ]),
  ) as ScenarioDiff['summary']['counts'];
  const identical =
    header.length === 0 && Object.values(counts).every((c) => c.added + c.removed + c.changed === 0);
  return { header, records, summary: { counts, identical } };
}

/**
 * The header inputs, as one object so that paths start at the field. A list of what is compared
 * rather than everything but the records, so that bookkeeping in which any two scenarios differ (the
 * id, the schema version, a record of where a variant came from) never shows as a change of input.
 */
function headerOf(doc: ScenarioDocument): Record<string, unknown> {
  return {
    name: doc.name,
    description: doc.description,
    asOf: doc.asOf,
    mission: doc.mission,
    assumptions: doc.assumptions,
    deployment: doc.deployment,
    theatre: doc.theatre,
    escalation: doc.escalation,
  };
}

function diffRecords<T extends object>(
  baseline: readonly T[],
  variant: readonly T[],
  keyField: keyof T & string,
): KindDiff<T> {
  const keyOf = (r: T) => String(r[keyField]);
  // Keys are unique within a valid document (the schema refuses duplicates).
  const inBaseline = new Map(baseline.map((r) => [keyOf(r), r]));
  const inVariant = new Set(variant.map(keyOf));
  const out: KindDiff<T> = { added: [], removed: [], changed: [] };
  for (const record of variant) {
    const key = keyOf(record);
    const old = inBaseline.get(key);
    if (old === undefined) {
      out.added.push({ key, record });
      continue;
    }
    const changes = fieldChanges(old, record, []);
    if (changes.length > 0) out.changed.push({ key, changes });
  }
  for (const record of baseline) {
    const key = keyOf(record);
    if (!inVariant.has(key)) out.removed.push({ key, record });
  }
  return out;
}

/**
 * The fields in which `after` differs from `before`. Descends into an object present on both sides;
 * anything else (a list, a primitive, an object on one side only) is compared as one value and
 * reported whole at its path. Keys follow `after`'s order, then those only in `before`.
 */
function fieldChanges(before: unknown, after: unknown, path: readonly string[]): FieldChange[] {
  const at = path.join('.');
  if (isPlainObject(before) && isPlainObject(after) && !WHOLE_VALUE_PATHS.has(at)) {
    const keys = new Set([...Object.keys(after), ...Object.keys(before)]);
    return [...keys].flatMap((k) => fieldChanges(before[k], after[k], [...path, k]));
  }
  if (sameValue(comparable(at, before), comparable(at, after))) return [];
  return [
    {
      path: at,
      ...(before === undefined ? {} : { before }),
      ...(after === undefined ? {} : { after }),
    },
  ];
}

/** An absent marking means PUBLIC (releasability.ts), so it is no change to write PUBLIC out. */
function comparable(path: string, value: unknown): unknown {
  return path === 'releasability' && value === undefined ? PUBLIC : value;
}

/** Deep equality of plain data, where a field set to undefined is the same as a field left out. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) || Array.isArray(b)) {
    return (
      Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameValue(x, b[i]))
    );
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].every((k) => sameValue(a[k], b[k]));
  }
  return false;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
