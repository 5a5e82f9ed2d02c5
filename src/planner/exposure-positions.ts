// Unit positions for the exposure analysis (src/domain/analysis/exposure.ts) from a deployment plan:
// each ULN stands at its destination node from the day its last load arrives there, which is what
// the plan already computes. A ULN the plan did not schedule (no route, beyond the horizon) is listed
// unplaced (fromDay null) at its destination: where it is bound, not where it is.
//
// Here rather than beside the analysis because it reads the plan report's shape, defined in
// src/contract/plan.ts, and src/domain may not import src/contract (the layer rules in
// eslint.config.js); the planner, which builds that report, may.
import type { PlanReport } from '../contract/plan.ts';
import type { UnitPosition } from '../domain/analysis/exposure.ts';

/** What the exposure reads of a ULN's offer: its id and its caveat's least distance from the line. */
export interface UlnOffer {
  offer: string;
  /** The offer's `caveats.minDistanceFromLineKm`, when it has one. */
  minDistanceFromLineKm?: number;
}

/** A ULN whose destination is not among the plan's nodes: it has no coordinates to stand at. */
export interface UnlocatedUln {
  uln: string;
  nation: string;
  personnel: number;
  destination: string;
}

export interface PlanPositions {
  /** One per ULN with a located destination, in the plan's order. */
  positions: UnitPosition[];
  unlocated: UnlocatedUln[];
}

/** The plan's ULNs as unit positions at their destinations (see the header). */
export function exposurePositions(
  plan: Pick<PlanReport, 'ulns' | 'nodes'>,
  offersByUln?: ReadonlyMap<string, UlnOffer>,
): PlanPositions {
  const nodes = new Map(plan.nodes.map((n) => [n.id, n]));
  const positions: UnitPosition[] = [];
  const unlocated: UnlocatedUln[] = [];
  for (const u of plan.ulns) {
    const node = nodes.get(u.destination);
    if (!node) {
      unlocated.push({ uln: u.uln, nation: u.nation, personnel: u.personnel, destination: u.destination });
      continue;
    }
    const offer = offersByUln?.get(u.uln);
    positions.push({
      id: u.uln,
      nation: u.nation,
      personnel: u.personnel,
      lon: node.lon,
      lat: node.lat,
      fromDay: u.status === 'scheduled' ? u.arrivalDay : null,
      label: node.name,
      ...(offer ? { offer: offer.offer } : {}),
      ...(offer?.minDistanceFromLineKm !== undefined ? { minDistanceKm: offer.minDistanceFromLineKm } : {}),
    });
  }
  return { positions, unlocated };
}

/**
 * Each ULN's offer and its caveat, from the force list (which offer each ULN comes from) and the
 * offers. Reads the caveat structurally, so an offer without `minDistanceFromLineKm` simply has none.
 */
export function offersByUln(
  forceList: readonly { uln: string; offer: string }[],
  offers: readonly { id: string; caveats?: { minDistanceFromLineKm?: number } }[],
): Map<string, UlnOffer> {
  const byId = new Map(offers.map((o) => [o.id, o]));
  return new Map(
    forceList.map((u) => {
      const km = byId.get(u.offer)?.caveats?.minDistanceFromLineKm;
      return [u.uln, km === undefined ? { offer: u.offer } : { offer: u.offer, minDistanceFromLineKm: km }];
    }),
  );
}
