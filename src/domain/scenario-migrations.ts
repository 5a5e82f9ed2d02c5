// Explicit migrations of older scenario documents to the current schemaVersion, one function per
// step. A document newer than this software is refused rather than guessed at.
import type { FieldIssue } from './errors.ts';
import { CURRENT_SCHEMA_VERSION } from './scenario-schema.ts';

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * The sector names a version-1 document uses, each once, in the order a reader meets them: the
 * requirement lines' sectors, then the deployment settings' destinations, then the sectors offers'
 * caveats exclude. Names are trimmed as the schema trims them; anything that is not text is left
 * for the schema to report where it stands.
 */
export function sectorsUsedIn(doc: Record<string, unknown>): string[] {
  const names: string[] = [];
  const add = (name: unknown) => {
    if (typeof name !== 'string') return;
    const trimmed = name.trim();
    if (trimmed !== '' && !names.includes(trimmed)) names.push(trimmed);
  };
  const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
  for (const line of list(doc.requirements)) if (isObject(line)) add(line.sector);
  const deployment = doc.deployment;
  if (isObject(deployment) && isObject(deployment.sectorDestinations))
    Object.keys(deployment.sectorDestinations).forEach(add);
  for (const offer of list(doc.offers))
    if (isObject(offer) && isObject(offer.caveats)) list(offer.caveats.excludedSectors).forEach(add);
  return names;
}

/**
 * Version 1 → 2: the mission gains its list of sectors (`mission.sectors`), which every sector name
 * must now be in. Version 1 named sectors as free text, so the list is derived from the names the
 * document already uses (sectorsUsedIn): the document means the same and still imports, and only
 * names written after the upgrade are checked against a list someone chose. A version-1 document
 * that somehow gives a list already keeps it.
 */
function addMissionSectors(doc: Record<string, unknown>): Record<string, unknown> {
  const mission = doc.mission;
  // A missing or broken mission is the schema's to report, at its own path.
  if (!isObject(mission) || mission.sectors !== undefined) return doc;
  return { ...doc, mission: { ...mission, sectors: sectorsUsedIn(doc).map((name) => ({ name })) } };
}

/**
 * Version 2 → 3: the document may carry the theatre (`theatre`: line of contact, zones, exposure
 * bands), the escalation ladder (`escalation`), nations' red lines (`redLines`) and the risk register
 * (`risks`). All are new and optional (the lists default to empty), so a version-2
 * document means the same without them and nothing is transformed; the version is raised so that a
 * build knowing only version 2 says it is too old for a document that has them ("upgrade Coalition
 * Planner"), rather than refuse them as unknown fields as if the document were wrong. A
 * version-2 document that somehow carries any of them is left for the schema to judge.
 */
function addTheatreAndEscalation(doc: Record<string, unknown>): Record<string, unknown> {
  return doc;
}

/**
 * Version 3 → 4: the assumptions may carry the cost rates (`assumptions.costRates`). New and
 * optional (absent: the defaults of cost-rates.ts), so a version-3 document means the same and
 * nothing is transformed; the version is raised for the same reason as 2 → 3.
 */
function addCostRates(doc: Record<string, unknown>): Record<string, unknown> {
  return doc;
}

/**
 * Version 4 → 5: a capability may say what can carry it (`capabilities[i].lift`: the transport modes
 * that may move it and its largest item, which an arc's lift load must take), and the deployment
 * settings the share of a unit's tonnes that must be in for it to count as delivered
 * (`deployment.criticalEquipmentShare`). Both are new and optional: a capability without a lift may
 * go by any arc, as every unit could before, and the share defaults to DEFAULT_CRITICAL_SHARE
 * (deployment/settings.ts). So a version-4 document is transformed in nothing; its plan may still
 * differ from before, since the planner now counts a unit delivered when its critical equipment is
 * in rather than when its last load is. The version is raised for the same reason as 2 → 3: a build
 * knowing only version 4 says it is too old for a document with lift limits ("upgrade"), rather
 * than refuse them as unknown fields as if the document were wrong.
 */
function addCapabilityLift(doc: Record<string, unknown>): Record<string, unknown> {
  return doc;
}

/**
 * Version 5 → 6: the deployment settings may say when follow-on equipment (a unit's tonnes beyond the
 * critical share) must arrive (`deployment.followOnArrival`). New and optional, its absence meaning
 * by the LAD as the planner has always sent it, so a version-5 document means the same and nothing
 * is transformed; the version is raised for the same reason as 2 → 3.
 */
function addFollowOnArrival(doc: Record<string, unknown>): Record<string, unknown> {
  return doc;
}

/** MIGRATIONS[n] turns a version-n document into version n+1; each step has a fixture test. */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {
  1: addMissionSectors,
  2: addTheatreAndEscalation,
  3: addCostRates,
  4: addCapabilityLift,
  5: addFollowOnArrival,
};

export function migrateScenarioDocument(
  value: unknown,
): { ok: true; value: Record<string, unknown> } | { ok: false; issues: FieldIssue[] } {
  if (!isObject(value)) {
    return { ok: false, issues: [{ path: '', message: 'must be an object (a scenario document)' }] };
  }
  let doc = value;
  const version = doc.schemaVersion;
  if (version === undefined) {
    return {
      ok: false,
      issues: [{ path: 'schemaVersion', message: `is required (current: ${CURRENT_SCHEMA_VERSION})` }],
    };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, issues: [{ path: 'schemaVersion', message: 'must be a whole number from 1' }] };
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      issues: [
        {
          path: 'schemaVersion',
          message: `is ${version}, newer than this software understands (${CURRENT_SCHEMA_VERSION}); upgrade Coalition Planner`,
        },
      ],
    };
  }
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step)
      return { ok: false, issues: [{ path: 'schemaVersion', message: `no migration from version ${v}` }] };
    doc = { ...step(doc), schemaVersion: v + 1 };
  }
  return { ok: true, value: doc };
}
