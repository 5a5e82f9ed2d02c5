// Which inputs of a scenario changed between two fingerprints of it. A fingerprint maps each input
// (`offers/DEU-1`, `header/mission`) to a hash of its content, so a decision record can keep one
// small map per compared scenario and, when reopened, name the records added, removed or changed
// since, without keeping a copy of every scenario. Pure; the hashing is done at the edge.
import { ENTITY_KINDS } from '../records.ts';
import { recordsByKind } from '../releasable-view.ts';
import { ENTITY_KEY } from '../records.ts';
import type { ScenarioDocument } from '../scenario-schema.ts';

export interface InputChange {
  /** A record kind (`offers`) or `header`. */
  kind: string;
  /** The record's key, or the header field. */
  key: string;
  change: 'added' | 'removed' | 'changed';
}

/**
 * The inputs of a scenario one by one, each as the canonical JSON text of its content: every
 * record by kind and key, and each header field that moves a figure. The id, name, description and
 * the variant's provenance are labels, not inputs: renaming a variant does not change its figures.
 */
export function scenarioInputs(doc: ScenarioDocument): Map<string, string> {
  const out = new Map<string, string>();
  const byKind = recordsByKind(doc);
  for (const kind of ENTITY_KINDS) {
    const key = ENTITY_KEY[kind] as string;
    for (const record of byKind[kind] as readonly Record<string, unknown>[])
      out.set(`${kind}/${String(record[key])}`, canonicalJson(record));
  }
  const header: Record<string, unknown> = {
    asOf: doc.asOf,
    mission: doc.mission,
    assumptions: doc.assumptions,
    deployment: doc.deployment,
    // The risk picture's inputs: exposure is counted against the line and its bands, and
    // escalation figures step through the ladder's rungs.
    theatre: doc.theatre,
    escalation: doc.escalation,
  };
  for (const [field, value] of Object.entries(header))
    if (value !== undefined) out.set(`header/${field}`, canonicalJson(value));
  return out;
}

/** What changed from `before` to `after` (both maps of input → hash), in a stable order. */
export function inputChanges(
  before: Readonly<Record<string, string>>,
  after: Readonly<Record<string, string>>,
): InputChange[] {
  const split = (id: string) => {
    const at = id.indexOf('/');
    return { kind: id.slice(0, at), key: id.slice(at + 1) };
  };
  const out: InputChange[] = [];
  for (const [id, hash] of Object.entries(before)) {
    if (!(id in after)) out.push({ ...split(id), change: 'removed' });
    else if (after[id] !== hash) out.push({ ...split(id), change: 'changed' });
  }
  for (const id of Object.keys(after)) if (!(id in before)) out.push({ ...split(id), change: 'added' });
  return out.sort((a, b) => a.kind.localeCompare(b.kind) || a.key.localeCompare(b.key));
}

/** JSON with object keys sorted at every level, so equal content always reads the same. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v !== null && typeof v === 'object' && !Array.isArray(v)
      ? Object.fromEntries(
          Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
        )
      : v,
  );
}
