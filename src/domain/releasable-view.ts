// What a viewer is shown of a scenario, stated once over a whole document: the marking rule
// (`canSee`), and the reference rule — a record that names a record withheld from the viewer is
// withheld too, and the scenario header drops the names it may not follow. The storage layer
// enforces the same rule in SQL (src/storage/visibility.ts) on every read; this pure form is its
// oracle in the tests and the header redaction every read path applies.
import { canSee, seesEverything, type Principal } from './access.ts';
import type { DeploymentSettings } from './deployment/settings.ts';
import { formatPath, type FieldIssue } from './errors.ts';
import { ENTITY_KEY, type EntityKind, type EntityTypes } from './records.ts';
import type { Mission, ScenarioAssumptions, ScenarioDocument } from './scenario-schema.ts';

/** A field of a record naming the key of another record in the same scenario. */
export interface RecordReference {
  field:
    'nation' | 'capability' | 'from' | 'to' | 'origin' | 'destination' | 'uln' | 'arc' | 'offer' | 'line';
  target: 'nations' | 'capabilities' | 'nodes' | 'arcs' | 'ulns' | 'offers' | 'requirements';
  /** The referencing records go with the referenced one (a nation's stance entries). */
  cascade?: boolean;
}

/** The references of each kind: checked on every write, and followed by the read rule. */
export const ENTITY_REFERENCES: { readonly [K in EntityKind]: readonly RecordReference[] } = {
  nations: [],
  stances: [{ field: 'nation', target: 'nations', cascade: true }],
  capabilities: [],
  requirements: [{ field: 'capability', target: 'capabilities' }],
  offers: [
    { field: 'nation', target: 'nations' },
    { field: 'capability', target: 'capabilities' },
  ],
  pledges: [{ field: 'nation', target: 'nations' }],
  rotationPolicies: [{ field: 'nation', target: 'nations' }],
  nodes: [],
  arcs: [
    { field: 'from', target: 'nodes' },
    { field: 'to', target: 'nodes' },
  ],
  ulns: [
    { field: 'nation', target: 'nations' },
    { field: 'capability', target: 'capabilities' },
    { field: 'origin', target: 'nodes' },
    { field: 'destination', target: 'nodes' },
  ],
  movements: [
    { field: 'uln', target: 'ulns' },
    { field: 'arc', target: 'arcs' },
  ],
  // The rung a red line names is in the scenario header (its escalation ladder), not a record.
  redLines: [{ field: 'nation', target: 'nations' }],
  // A risk's links are a list, followed by the read rule through RISK_LINK_TARGETS instead.
  risks: [],
};

/**
 * The record kinds a risk's links may name (a link to a rung names the header's ladder, which every
 * viewer is shown). A risk linked to a record withheld from the viewer is withheld too, as a record
 * naming it would be.
 */
export const RISK_LINK_TARGETS = [
  'nations',
  'offers',
  'requirements',
  'pledges',
  'nodes',
  'arcs',
  'ulns',
  'redLines',
] as const satisfies readonly EntityKind[];

/**
 * Names the read rule follows although they are not references (nothing checks they resolve): a
 * ULN names the offer and the requirement line it was drawn from, and is withheld from whoever may
 * not see them. A name that resolves to nothing hides nothing.
 */
export const ENTITY_SHOWN_WITH: { readonly [K in EntityKind]?: readonly RecordReference[] } = {
  ulns: [
    { field: 'offer', target: 'offers' },
    { field: 'line', target: 'requirements' },
  ],
};

/** The field naming the nation a record belongs to (its owner under `canSee`), where it has one. */
export const ENTITY_OWNER: { readonly [K in EntityKind]?: 'id' | 'nation' } = {
  nations: 'id',
  stances: 'nation',
  offers: 'nation',
  pledges: 'nation',
  rotationPolicies: 'nation',
  // The country a place is in: its liaison officer sees the place even when it is marked.
  nodes: 'nation',
  ulns: 'nation',
  movements: 'nation',
  redLines: 'nation',
};

/** The keys of the nations, nodes and capabilities a viewer is shown: what the header may name. */
export interface ShownNames {
  nations: ReadonlySet<string>;
  nodes: ReadonlySet<string>;
  capabilities: ReadonlySet<string>;
}

/**
 * The scenario header as a viewer is shown it: the mission no longer names a withheld nation as
 * host or lead, and the deployment settings lose the sector destinations and garrisons that name a
 * withheld node, nation or capability. Absent stays absent; nothing else changes.
 *
 * The theatre (line of contact, zones, exposure bands) and the escalation ladder are shown to every
 * viewer as they are. They are the coalition's shared planning picture, which a liaison officer or
 * an observer needs to judge the exposure of its own forces, and nothing in them names a record: a
 * rung's owner is free text, not a reference to a nation record. Red lines, which name nations, are
 * records of their own (withheld with their nation), not part of the ladder. When something in the
 * theatre or the ladder comes to name records (positions of units), it is to be filtered here like
 * the deployment settings are.
 */
export function headerAsShown<
  H extends {
    mission: Mission;
    deployment?: DeploymentSettings | undefined;
    assumptions?: ScenarioAssumptions | undefined;
  },
>(header: H, shown: ShownNames): H {
  const { hostNation, ...mission } = header.mission;
  const out: H = {
    ...header,
    mission: {
      ...mission,
      ...(hostNation !== undefined && shown.nations.has(hostNation) ? { hostNation } : {}),
      components: header.mission.components.map((c) => ({
        ...c,
        leadNations: c.leadNations.filter((n) => shown.nations.has(n)),
      })),
    },
  };
  const perNation = header.assumptions?.nationDeliveryProbability;
  if (header.assumptions && perNation) {
    out.assumptions = {
      ...header.assumptions,
      nationDeliveryProbability: Object.fromEntries(
        Object.entries(perNation).filter(([nation]) => shown.nations.has(nation)),
      ),
    };
  }
  const settings = header.deployment;
  if (settings) {
    out.deployment = {
      ...settings,
      sectorDestinations: Object.fromEntries(
        Object.entries(settings.sectorDestinations).filter(([, node]) => shown.nodes.has(node)),
      ),
      garrisons: settings.garrisons.filter(
        (g) =>
          shown.nations.has(g.nation) &&
          shown.nodes.has(g.node) &&
          (g.capability === undefined || shown.capabilities.has(g.capability)),
      ),
    };
  }
  return out;
}

type AnyRecord = Record<string, unknown> & { releasability?: Parameters<typeof canSee>[1] };

/** A document's records kind by kind, as the store keeps them: stance entries with their nation. */
export function recordsByKind(doc: ScenarioDocument): { [K in EntityKind]: readonly EntityTypes[K][] } {
  return {
    nations: doc.nations.map(({ stances: _s, ...n }) => n),
    stances: doc.nations.flatMap((n) => n.stances.map((s) => ({ ...s, nation: n.id }))),
    capabilities: doc.capabilities,
    requirements: doc.requirements,
    offers: doc.offers,
    pledges: doc.pledges,
    rotationPolicies: doc.rotationPolicies,
    nodes: doc.network.nodes,
    arcs: doc.network.arcs,
    ulns: doc.forceList,
    movements: doc.movements,
    redLines: doc.redLines,
    risks: doc.risks,
  };
}

/**
 * The document a viewer is shown: every record it may see under both rules, in document order,
 * and the header as shown. Staff are shown the document unchanged.
 */
export function releasableView(doc: ScenarioDocument, viewer: Principal): ScenarioDocument {
  if (seesEverything(viewer)) return doc;
  return releasableViewBy(doc, (rel, owner) => canSee(viewer, rel, owner));
}

/** A record's marking and its owner nation, if any: what a read rule is given. */
export type MaySee = (rel: Parameters<typeof canSee>[1], owner: string | undefined) => boolean;

/**
 * The document as shown under any read rule `maySee` (a viewer's, or a briefing pack audience's),
 * with the reference rule on top: a record naming a record not shown is not shown either.
 */
export function releasableViewBy(doc: ScenarioDocument, maySee: MaySee): ScenarioDocument {
  const byKind = recordsByKind(doc) as Record<EntityKind, readonly AnyRecord[]>;
  const keyOf = ENTITY_KEY as Record<EntityKind, string>;
  const all = new Map<EntityKind, Set<string>>();
  const kept = new Map<EntityKind, Set<string>>();
  // Kinds in an order where every target comes before what names it.
  const order: EntityKind[] = [
    'nations',
    'capabilities',
    'nodes',
    'stances',
    'requirements',
    'offers',
    'pledges',
    'rotationPolicies',
    'arcs',
    'ulns',
    'movements',
    'redLines',
    'risks',
  ];
  for (const kind of order) all.set(kind, new Set(byKind[kind].map((r) => String(r[keyOf[kind]]))));
  const shownRecord = (kind: EntityKind, r: AnyRecord): boolean => {
    const owner = ENTITY_OWNER[kind];
    if (!maySee(r.releasability, owner ? String(r[owner]) : undefined)) return false;
    const names = [...ENTITY_REFERENCES[kind], ...(ENTITY_SHOWN_WITH[kind] ?? [])];
    const shownName = (target: EntityKind, value: string) =>
      !all.get(target)!.has(value) || kept.get(target)!.has(value);
    if (kind === 'risks') {
      const links = (r as unknown as EntityTypes['risks']).links;
      const targets: readonly string[] = RISK_LINK_TARGETS;
      if (!links.every((l) => !targets.includes(l.kind) || shownName(l.kind as EntityKind, l.key)))
        return false;
    }
    return names.every((ref) => shownName(ref.target, String(r[ref.field])));
  };
  const filtered = {} as Record<EntityKind, AnyRecord[]>;
  for (const kind of order) {
    filtered[kind] = byKind[kind].filter((r) => shownRecord(kind, r));
    kept.set(kind, new Set(filtered[kind].map((r) => String(r[keyOf[kind]]))));
  }
  const stances = new Set(filtered.stances.map((s) => s.id));
  const shownNations = new Set(filtered.nations.map((n) => String(n.id)));
  const nations = doc.nations
    .filter((n) => shownNations.has(n.id))
    .map((n) => ({ ...n, stances: n.stances.filter((s) => stances.has(s.id)) }));
  const shown: ShownNames = {
    nations: kept.get('nations')!,
    nodes: kept.get('nodes')!,
    capabilities: kept.get('capabilities')!,
  };
  const header = headerAsShown(doc, shown);
  return {
    ...header,
    nations,
    capabilities: filtered.capabilities as unknown as ScenarioDocument['capabilities'],
    requirements: filtered.requirements as unknown as ScenarioDocument['requirements'],
    offers: filtered.offers as unknown as ScenarioDocument['offers'],
    pledges: filtered.pledges as unknown as ScenarioDocument['pledges'],
    rotationPolicies: filtered.rotationPolicies as unknown as ScenarioDocument['rotationPolicies'],
    network: {
      nodes: filtered.nodes as unknown as ScenarioDocument['network']['nodes'],
      arcs: filtered.arcs as unknown as ScenarioDocument['network']['arcs'],
    },
    forceList: filtered.ulns as unknown as ScenarioDocument['forceList'],
    movements: filtered.movements as unknown as ScenarioDocument['movements'],
    redLines: filtered.redLines as unknown as ScenarioDocument['redLines'],
    risks: filtered.risks as unknown as ScenarioDocument['risks'],
  };
}

/** The liaison officers of a nation, as a viewer. */
export function liaisonOf(nation: string): Principal {
  return { userId: `liaison:${nation}`, role: 'liaison', nation };
}

/**
 * The owner rule: a record that belongs to a nation names only records that nation's liaison
 * officers may see. Otherwise the record would be withheld from its own nation (the reference rule)
 * while its id stays spent, and a liaison officer choosing that id would learn of it. Judged here on
 * the markings of a whole document; the store judges single writes, and refuses a marking that would
 * break the rule for records already naming its record.
 */
export function ownerReferenceIssues(doc: ScenarioDocument): FieldIssue[] {
  const markingOf = new Map<string, { releasability?: Parameters<typeof canSee>[1]; owner?: string }>();
  const target = (kind: string, key: string) => `${kind}\u0000${key}`;
  for (const n of doc.nations)
    markingOf.set(target('nations', n.id), { releasability: n.releasability, owner: n.id });
  for (const c of doc.capabilities)
    markingOf.set(target('capabilities', c.code), { releasability: c.releasability });
  for (const r of doc.requirements)
    markingOf.set(target('requirements', r.id), { releasability: r.releasability });
  for (const o of doc.offers)
    markingOf.set(target('offers', o.id), { releasability: o.releasability, owner: o.nation });
  for (const n of doc.network.nodes)
    markingOf.set(target('nodes', n.id), { releasability: n.releasability, owner: n.nation });
  for (const a of doc.network.arcs) markingOf.set(target('arcs', a.id), { releasability: a.releasability });
  for (const u of doc.forceList)
    markingOf.set(target('ulns', u.uln), { releasability: u.releasability, owner: u.nation });
  const issues: FieldIssue[] = [];
  const check = (kind: EntityKind, record: Record<string, unknown>, owner: string, path: PropertyKey[]) => {
    for (const ref of [...ENTITY_REFERENCES[kind], ...(ENTITY_SHOWN_WITH[kind] ?? [])]) {
      const value = String(record[ref.field]);
      const named = markingOf.get(target(ref.target, value));
      if (named && !canSee(liaisonOf(owner), named.releasability, named.owner)) {
        issues.push({
          path: formatPath([...path, ref.field]),
          message: ownerRuleMessage(ref.target, value, owner),
        });
      }
    }
  };
  const each = <T extends { nation: string }>(kind: EntityKind, list: readonly T[], base: PropertyKey[]) =>
    list.forEach((r, i) => check(kind, r as unknown as Record<string, unknown>, r.nation, [...base, i]));
  each('offers', doc.offers, ['offers']);
  each('pledges', doc.pledges, ['pledges']);
  each('rotationPolicies', doc.rotationPolicies, ['rotationPolicies']);
  each('ulns', doc.forceList, ['forceList']);
  each('movements', doc.movements, ['movements']);
  each('redLines', doc.redLines, ['redLines']);
  return issues;
}

/** Why a record of `owner` may not name this one. */
export function ownerRuleMessage(kind: string, key: string, owner: string): string {
  return `names ${kind === 'nodes' ? 'node' : kind.replace(/s$/, '')} "${key}", which ${owner}'s liaison officers may not see: a record of ${owner} may name only what its nation is shown`;
}

/** Every record of a document with its marking and owner nation: what a banner is derived from. */
export function markingsOf(
  doc: ScenarioDocument,
): { releasability?: Parameters<typeof canSee>[1]; owner?: string | undefined }[] {
  const byKind = recordsByKind(doc) as Record<EntityKind, readonly AnyRecord[]>;
  return (Object.keys(byKind) as EntityKind[]).flatMap((kind) => {
    const owner = ENTITY_OWNER[kind];
    return byKind[kind].map((r) => ({
      ...(r.releasability && { releasability: r.releasability }),
      ...(owner && { owner: String(r[owner]) }),
    }));
  });
}
