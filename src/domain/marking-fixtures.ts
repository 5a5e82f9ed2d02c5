// Markings for tests: a document with the markings given by `kind:key`, released wherever the owner
// rule (releasable-view.ts) requires to the nations whose records name a marked record, as a planner
// marking a scenario would. Tests only.
import type { Releasability } from './access.ts';
import { ENTITY_KEY, ENTITY_KINDS, type EntityKind } from './records.ts';
import { ENTITY_OWNER, ENTITY_REFERENCES, ENTITY_SHOWN_WITH, recordsByKind } from './releasable-view.ts';
import type { ScenarioDocument } from './scenario-schema.ts';

type AnyRecord = Record<string, unknown>;

/** Not validated: the caller parses it (requireScenario) or imports it. */
export function withMarkings(
  doc: ScenarioDocument,
  marks: ReadonlyMap<string, Releasability | undefined>,
): ScenarioDocument {
  const mark = new Map(marks);
  const records = recordsByKind(doc) as unknown as Record<EntityKind, AnyRecord[]>;
  const keyOf = (kind: EntityKind, r: AnyRecord) => String(r[ENTITY_KEY[kind]]);
  // Chains are short (a movement names a ULN, which names an offer): three passes reach their ends.
  for (let pass = 0; pass < 3; pass++) {
    for (const kind of ENTITY_KINDS) {
      const ownerField = ENTITY_OWNER[kind];
      if (!ownerField) continue;
      for (const r of records[kind]) {
        const owner = String(r[ownerField]);
        for (const ref of [...ENTITY_REFERENCES[kind], ...(ENTITY_SHOWN_WITH[kind] ?? [])]) {
          const k = `${ref.target}:${String(r[ref.field])}`;
          const rel = mark.get(k);
          if (rel?.level === 'REL_TO' && !rel.nations.includes(owner as never)) {
            mark.set(k, { level: 'REL_TO', nations: [...rel.nations, owner] } as Releasability);
          }
        }
      }
    }
  }
  const apply = <T extends object>(kind: EntityKind, r: T): T => {
    const rel = mark.get(`${kind}:${keyOf(kind, r as AnyRecord)}`);
    return rel === undefined ? r : { ...r, releasability: rel };
  };
  return {
    ...doc,
    nations: doc.nations.map((n) => ({
      ...apply('nations', n),
      stances: n.stances
        .map((s) => apply('stances', { ...s, nation: n.id }))
        .map(({ nation: _n, ...s }) => s),
    })),
    capabilities: doc.capabilities.map((c) => apply('capabilities', c)),
    requirements: doc.requirements.map((r) => apply('requirements', r)),
    offers: doc.offers.map((o) => apply('offers', o)),
    pledges: doc.pledges.map((p) => apply('pledges', p)),
    rotationPolicies: doc.rotationPolicies.map((p) => apply('rotationPolicies', p)),
    network: {
      nodes: doc.network.nodes.map((n) => apply('nodes', n)),
      arcs: doc.network.arcs.map((a) => apply('arcs', a)),
    },
    forceList: doc.forceList.map((u) => apply('ulns', u)),
    movements: doc.movements.map((m) => apply('movements', m)),
    redLines: doc.redLines.map((r) => apply('redLines', r)),
    risks: doc.risks.map((r) => apply('risks', r)),
  };
}
