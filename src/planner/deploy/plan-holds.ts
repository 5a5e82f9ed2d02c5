// Where a planned ULN waited on its way, leg by leg, and what held it there: the report's "held by"
// (plan-report.ts) names the longest wait, a closure with its window or the lift or reception of an
// arc, read from the plan's legs alone.
import type { DeploymentPlan } from './schedule-types.ts';

/** A closure window of an arc, with its reason. */
interface Closure {
  from: number;
  to: number;
  reason: string;
}

/** Days a ULN's last load waited at the tail of one leg, and the closure window behind it if any. */
export interface Hold {
  arc: string;
  days: number;
  closure?: Closure;
}

/**
 * Where a scheduled ULN's cargo waited, per leg: the days its last load departed after the last of
 * its cargo was there (ALD or today for the first leg, the previous leg's last arrival after; for the
 * last leg no earlier than EAD minus transit, a wait the window asks for). The days of such a wait
 * that fall in a closure window of the arc are held by the closure, the rest by lift or reception.
 * A ULN whose personnel and tonnes took routes of their own (choose-route.ts) has each chain of legs
 * read apart, the legs that carry its personnel and those that carry its tonnes; one split over
 * several paths by execution is left out: its legs are not one chain. The legs of its follow-on
 * equipment are not read: it leaves as late as its LAD allows, a wait the plan chose.
 */
export function holdsOf(
  r: { ald: number; ead: number; origin: string },
  u: Pick<DeploymentPlan['ulns'][number], 'status' | 'legs'>,
  today: number,
  arcById: ReadonlyMap<string, { closures: readonly Closure[] }>,
): Hold[] {
  // Follow-on equipment leaves late by design (lift-run.ts): its legs hold nothing the unit waits for.
  const legs = u.legs.filter((l) => !l.followOn);
  if (u.status !== 'scheduled' || legs.length === 0) return [];
  const whole = chainHolds(r, legs, today, arcById);
  if (whole) return whole;
  const out: Hold[] = [];
  for (const carries of [(l: Leg) => l.personnel > 0, (l: Leg) => l.tonnes > 0]) {
    const chain = asChain(legs.filter(carries), r.origin);
    const held = chain ? chainHolds(r, chain, today, arcById) : null;
    if (held) out.push(...held);
  }
  return out;
}

type Leg = DeploymentPlan['ulns'][number]['legs'][number];

/** The legs in order from `origin`, each from where the last ended; null when they are not one path. */
function asChain(legs: readonly Leg[], origin: string): Leg[] | null {
  const out: Leg[] = [];
  const left = [...legs];
  let at = origin;
  while (left.length > 0) {
    const k = left.findIndex((l) => l.from === at);
    if (k < 0) return null;
    const [leg] = left.splice(k, 1);
    out.push(leg!);
    at = leg!.to;
  }
  return out.length > 0 ? out : null;
}

/** holdsOf over one chain of legs, in order; null when they are not one chain. */
function chainHolds(
  r: { ald: number; ead: number },
  legs: readonly Leg[],
  today: number,
  arcById: ReadonlyMap<string, { closures: readonly Closure[] }>,
): Hold[] | null {
  const out: Hold[] = [];
  let ready = Math.max(r.ald, today);
  for (let k = 0; k < legs.length; k++) {
    const leg = legs[k]!;
    if (k > 0 && legs[k - 1]!.to !== leg.from) return null;
    const arc = arcById.get(leg.arc);
    const transit = leg.firstArrival - leg.firstDeparture;
    if (k === legs.length - 1) ready = Math.max(ready, r.ead - transit);
    const wait = leg.lastDeparture - ready;
    if (wait > 0) {
      let closed = 0;
      for (const c of arc?.closures ?? []) {
        const overlap = Math.min(c.to, leg.lastDeparture - 1) - Math.max(c.from, ready) + 1;
        if (overlap > 0) {
          out.push({ arc: leg.arc, days: overlap, closure: c });
          closed += overlap;
        }
      }
      if (wait - closed > 0) out.push({ arc: leg.arc, days: wait - closed });
    }
    ready = Math.max(ready, leg.lastArrival);
  }
  return out;
}
