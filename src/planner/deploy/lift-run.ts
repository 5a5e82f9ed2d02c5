// Moving one group of a ULN's cargo along a route as lift loads, leg by leg, against the capacity
// ledger. Each day the cargo waiting at the leg's tail is cut into loads of the arc's load size, and
// personnel and tonnes each depart as far as their own share of the arc's capacity that day and of
// the head node's reception on the arrival day allow: a load's personnel fly even when its tonnes
// must wait. A whole-unit arc sends the group as one lift. A run may move only the group's personnel
// or only its tonnes (`only`), when they take routes of their own (runSplit). A route being tried is cut short as soon
// as it cannot beat the best found so far (cutLate, cutArrival).
//
// The hot loop of the planner: everything it reads is hoisted into locals, lots are flat typed
// arrays swapped between legs, and nothing is allocated but the movement records of recorded runs.
import type { CargoGroups } from './cargo-groups.ts';
import { EPS } from './ledger.ts';
import type { Ledger } from './ledger.ts';
import { cannotCross } from './lift-limits.ts';
import type { NetworkArrays } from './network-arrays.ts';
import { criticalShareOf, personnelMass } from './objective.ts';
import type { Route } from './routes.ts';
import type { Movement, Uln } from './schedule-types.ts';

/**
 * The most days follow-on tonnes leave after their unit (LiftRun.followOn): on the planner
 * benchmark's surge instances holding them 5, 10, 20 and 45 days cut the objective by 2 %, 5 %,
 * 9 % and 9 %.
 */
export const FOLLOW_ON_DAYS = 20;

/**
 * The day follow-on tonnes ready on `ready` leave by a route of `transit` days: as late as they
 * would still arrive by the LAD on an empty network, at most FOLLOW_ON_DAYS after the unit.
 */
export const followOnDay = (u: Pick<Uln, 'lad'>, ready: number, transit: number): number =>
  ready + Math.max(0, Math.min(FOLLOW_ON_DAYS, u.lad - ready - transit));

/** What a run moves (LiftRun.only). */
export const DIM_BOTH = 0;
export const DIM_P = 1;
export const DIM_T = 2;
export type Dim = typeof DIM_BOTH | typeof DIM_P | typeof DIM_T;

/** Blockers recorded while a day's cargo waits. */
const BLOCK_NONE = 0;
const BLOCK_ARC = 1;
const BLOCK_NODE = 2;

export class LiftRun {
  // Lots (cargo available at a node from a day, in day order): at the leg's tail (cur) and at its
  // head (next), swapped after each leg.
  private curDay = new Int32Array(64);
  private curP = new Float64Array(64);
  private curT = new Float64Array(64);
  private nextDay = new Int32Array(64);
  private nextP = new Float64Array(64);
  private nextT = new Float64Array(64);
  private curN = 0;
  private nextN = 0;
  private cap = 64;

  // Outputs of the latest run that reached the destination.
  /** Priority-weighted personnel-days late of the group. */
  late = 0;
  /** Day its last load arrives. */
  arrival = -1;
  /** Day the group is delivered: its personnel and critical share of tonnes all in. */
  delivered = -1;
  /** Its loads, when recorded. */
  movements: Movement[] | null = null;
  /** Day the last personnel arrive, and the day the critical tonnes are in (-1: none to carry). */
  personnelIn = -1;
  criticalIn = -1;
  /**
   * Days a group of one lot holds its personnel and its tonnes after they are ready
   * (hold-on-time.ts); set for a run by runHeld, 0 otherwise.
   */
  holdP = 0;
  holdT = 0;
  /**
   * Whether a group of one lot sends its follow-on tonnes (the share beyond the critical) after the
   * rest of the unit, up to FOLLOW_ON_DAYS later as the LAD allows (hold-on-time.ts; set by choose
   * from the plan's holdOnTime).
   */
  followOn = false;
  /**
   * The route follow-on tonnes take when it is not the unit's own (choose-route.ts followRouteFor;
   * set by choose for the ULN at hand), else null.
   */
  followRoute: Route | null = null;
  /** Whether the loads being moved are follow-on tonnes (moveFollowOn). */
  private movingFollowOn = false;
  /**
   * Which of the group's cargo a run moves: DIM_BOTH, or only its personnel (DIM_P) or only its
   * tonnes (DIM_T) when they take routes of their own (choose-route.ts split routes); set by the
   * caller for a run and reset after.
   */
  only: Dim = DIM_BOTH;
  /** After a recorded runSplit, the count of its movements that carry the personnel (first). */
  splitAt = 0;

  // The run at hand, for its steps.
  private weight = 0;
  private record = false;
  /** Weight times the ULN's personnel mass: lateness per day. */
  private mass = 0;
  /** Tonnes that must be in for the group to be delivered, a rounding margin off. */
  private critT = 0;
  private cutLate = Infinity;
  private cutArrival = Infinity;
  private ead = 0;
  private rdd = 0;
  /** The day skipBlockedDays stopped on. */
  private skipDay = 0;

  constructor(
    private readonly net: NetworkArrays,
    private readonly ledger: Ledger,
    private readonly cargo: CargoGroups,
  ) {
    while (this.cap < cargo.maxLots) this.grow();
  }

  /**
   * Moves cargo group `g` (of CargoGroups.groupsOf) of ULN `u` along `route`, from the group's
   * node, against the ledger, committing as it goes. Returns false when the cargo cannot reach the
   * destination inside the horizon, or (cutLate) cannot beat the best route; the caller rolls
   * back. When `record` is set, movements, waiting and saturation are recorded and nothing is
   * logged for undo.
   */
  run(
    u: Uln,
    weight: number,
    route: Route,
    record: boolean,
    g: number,
    cutLate = Infinity,
    cutArrival = Infinity,
  ): boolean {
    const { groupStart, groupDay, groupP, groupT } = this.cargo;
    const { curDay, curP, curT } = this;
    const first = groupStart[g]!;
    const curN = groupStart[g + 1]! - first;
    const only = this.only;
    for (let i = 0; i < curN; i++) {
      curDay[i] = groupDay[first + i]!;
      curP[i] = only === DIM_T ? 0 : groupP[first + i]!;
      curT[i] = only === DIM_P ? 0 : groupT[first + i]!;
    }
    this.curN = curN;
    // Follow-on (hold-on-time.ts): a single lot's tonnes beyond the critical share leave later, as
    // a lot of their own moved after the unit, so that they take no early lift from other units.
    const followT = curN === 1 && this.followOn ? curT[0]! * (1 - criticalShareOf(u)) : 0;
    const followRoute = this.followRoute ?? route;
    const follow = followT > EPS ? this.followDay(u, followRoute, curDay[0]!) : -1;
    if (follow >= 0) curT[0] = curT[0]! - followT;
    // Held (hold-on-time.ts): a single lot's personnel and tonnes leave on days of their own.
    if (curN === 1 && (this.holdP > 0 || this.holdT > 0)) this.holdLot();
    this.nextN = 0;
    this.movements = record ? [] : null;
    const legs = route.arcs.length;
    // The group is delivered when all its personnel and the critical share of its tonnes are in
    // (objective.ts); its lateness is that day's, for the whole ULN's personnel.
    const mass = weight * personnelMass(u);
    let tonnes = follow >= 0 ? followT : 0;
    for (let i = 0; i < this.curN; i++) tonnes += curT[i]!;
    this.critT = tonnes * criticalShareOf(u) - 1e-6 * Math.max(1, tonnes);
    this.weight = weight;
    this.record = record;
    this.mass = mass;
    this.cutLate = cutLate;
    this.cutArrival = cutArrival;
    this.ead = u.ead;
    this.rdd = u.rdd;
    const arcTransit = this.net.arcTransit;
    for (let leg = 0; leg < legs; leg++) {
      // For cutting a tried route short (cutLate): the rest of the route's transit after this leg.
      let rest = 0;
      if (cutLate < Infinity) for (let l = leg + 1; l < legs; l++) rest += arcTransit[route.arcs[l]!]!;
      if (!this.moveLeg(route.arcs[leg]!, leg, leg === legs - 1, rest)) return false;
      this.swap();
      if (leg < legs - 1 && cutLate < Infinity) {
        // The same at the end of a leg: the cargo is where it is, the rest takes at least `rest`.
        const delivery = this.deliveryOfLots(rest);
        const late = delivery > u.rdd ? mass * (delivery - u.rdd) : 0;
        const arrival = Math.max(this.curDay[this.curN - 1]! + rest, u.ead);
        if (late > cutLate + EPS || (late >= cutLate - EPS && arrival >= cutArrival)) return false;
      }
    }
    // Lots now hold arrivals at the destination, in day order.
    this.delivered = this.deliveryOfLots(0);
    this.noteArrivals();
    this.late = this.delivered > u.rdd ? mass * (this.delivered - u.rdd) : 0;
    this.arrival = this.curDay[this.curN - 1]!;
    return follow < 0 || this.moveFollowOn(followRoute, follow, followT);
  }

  /**
   * Moves group `g` of ULN `u` as two parts, its personnel along `routeP` and its tonnes along
   * `routeT` (choose-route.ts split routes), committing as run does; the outputs are the group's:
   * delivered when both parts are in. When recorded, the personnel's movements come first, and
   * splitAt is their count. False when either part cannot reach the destination.
   */
  runSplit(u: Uln, weight: number, routeP: Route, routeT: Route, record: boolean, g: number): boolean {
    try {
      this.only = DIM_P;
      if (!this.run(u, weight, routeP, record, g)) return false;
      const { delivered, arrival, personnelIn, movements } = this;
      this.only = DIM_T;
      if (!this.run(u, weight, routeT, record, g)) return false;
      this.delivered = Math.max(delivered, this.delivered);
      this.arrival = Math.max(arrival, this.arrival);
      this.personnelIn = personnelIn;
      this.late = this.delivered > u.rdd ? weight * personnelMass(u) * (this.delivered - u.rdd) : 0;
      if (movements) {
        this.splitAt = movements.length;
        this.movements = movements.concat(this.movements!);
      }
      return true;
    } finally {
      this.only = DIM_BOTH;
    }
  }

  /**
   * The day a group of one lot ready on `ready` sends its follow-on tonnes on `route`: as late as
   * they would still arrive by the LAD on an empty network, at most FOLLOW_ON_DAYS after the unit.
   */
  private followDay(u: Uln, route: Route, ready: number): number {
    let transit = 0;
    for (let l = 0; l < route.arcs.length; l++) transit += this.net.arcTransit[route.arcs[l]!]!;
    return followOnDay(u, ready, transit);
  }

  /**
   * Moves the follow-on tonnes `t`, ready on `day`, along `route` (the unit's, or followRoute)
   * after the unit (one lot, a lift of its own on a whole-unit arc). They count for nothing in the
   * delivery day: the run is never cut short, and only the last arrival moves. When recorded, their
   * movements come last, marked followOn. False when they cannot reach the destination.
   */
  private moveFollowOn(route: Route, day: number, t: number): boolean {
    const cutLate = this.cutLate;
    const cutArrival = this.cutArrival;
    this.cutLate = Infinity;
    this.cutArrival = Infinity;
    try {
      this.movingFollowOn = true;
      this.curDay[0] = day;
      this.curP[0] = 0;
      this.curT[0] = t;
      this.curN = 1;
      this.nextN = 0;
      const legs = route.arcs.length;
      for (let leg = 0; leg < legs; leg++) {
        if (!this.moveLeg(route.arcs[leg]!, leg, leg === legs - 1, 0)) return false;
        this.swap();
      }
      this.arrival = Math.max(this.arrival, this.curDay[this.curN - 1]!);
      return true;
    } finally {
      this.movingFollowOn = false;
      this.cutLate = cutLate;
      this.cutArrival = cutArrival;
    }
  }

  /**
   * Moves the lots (cur) over arc `a`, leg `leg` of the route, into next; `rest` is the transit of
   * the legs after it. False when the cargo cannot cross it or the run is cut short.
   */
  private moveLeg(a: number, leg: number, last: boolean, rest: number): boolean {
    const { H, closed, arcIds } = this.net;
    const { arcUsedP, arcUsedT, nodeUsedP, nodeUsedT } = this.ledger;
    const ledger = this.ledger;
    const { record, critT, cutLate } = this;
    const movements = this.movements;
    const to = this.net.arcTo[a]!;
    const transit = this.net.arcTransit[a]!;
    const lp = this.net.loadP[a]!;
    const lt = this.net.loadT[a]!;
    const cp = this.net.capP[a]!;
    const ct = this.net.capT[a]!;
    const rp = this.net.recP[to]!;
    const rt = this.net.recT[to]!;
    const isWhole = this.net.whole[a] === 1;
    // Growing the lots copies cur unchanged, so these stay valid to read; next is re-read after.
    const { curDay, curP, curT, curN } = this;
    let { nextDay, nextP, nextT } = this;
    let totalP = 0;
    let totalT = 0;
    for (let i = 0; i < curN; i++) {
      totalP += curP[i]!;
      totalT += curT[i]!;
    }
    if (cannotCross(isWhole, totalP, totalT, lp, lt, cp, ct, rp, rt)) return false;
    const minDepart = last ? this.ead - transit : 0;
    // For cutting a tried route short: what has left on this leg, and the lower bound of the
    // delivery day it gives (personnel, critical tonnes).
    let sentP = 0;
    let sentT = 0;
    let sentDelivery = -1;
    let d = Math.max(curDay[0]!, minDepart);
    if (isWhole) d = Math.max(d, curDay[curN - 1]!);
    let poolP = 0;
    let poolT = 0;
    let i = 0;
    let nextN = 0;
    while (i < curN || poolP > EPS || poolT > EPS) {
      if (poolP <= EPS && poolT <= EPS && curDay[i]! > d) d = curDay[i]!;
      while (i < curN && curDay[i]! <= d) {
        poolP += curP[i]!;
        poolT += curT[i]!;
        i++;
      }
      const arrive = d + transit;
      if (arrive >= H) return false;
      const ai = a * H + d;
      const ni = to * H + arrive;
      let blocked = BLOCK_NONE;
      if (closed[ai]) blocked = BLOCK_ARC;
      else {
        // Personnel and tonnes fill a day's lifts each as far as their own capacity allows: a
        // load whose tonnes do not fit still flies its personnel, and the tonnes wait.
        let blockedP = BLOCK_NONE;
        let blockedT = BLOCK_NONE;
        for (;;) {
          let p: number;
          let t: number;
          if (isWhole) {
            p = poolP;
            t = poolT;
            if (arcUsedP[ai]! + p > cp + EPS || arcUsedT[ai]! + t > ct + EPS) {
              blocked = BLOCK_ARC;
              break;
            }
            if (nodeUsedP[ni]! + p > rp + EPS || nodeUsedT[ni]! + t > rt + EPS) {
              blocked = BLOCK_NODE;
              break;
            }
          } else {
            p = blockedP || poolP <= EPS ? 0 : poolP - lp <= EPS ? poolP : lp;
            t = blockedT || poolT <= EPS ? 0 : poolT - lt <= EPS ? poolT : lt;
            if (p > 0) {
              if (arcUsedP[ai]! + p > cp + EPS) blockedP = BLOCK_ARC;
              else if (nodeUsedP[ni]! + p > rp + EPS) blockedP = BLOCK_NODE;
              if (blockedP) p = 0;
            }
            if (t > 0) {
              if (arcUsedT[ai]! + t > ct + EPS) blockedT = BLOCK_ARC;
              else if (nodeUsedT[ni]! + t > rt + EPS) blockedT = BLOCK_NODE;
              if (blockedT) t = 0;
            }
            if (p === 0 && t === 0) {
              // Personnel held back weigh on the objective; name their blocker first.
              blocked = poolP > EPS ? blockedP : blockedT;
              break;
            }
          }
          arcUsedP[ai] = arcUsedP[ai]! + p;
          arcUsedT[ai] = arcUsedT[ai]! + t;
          nodeUsedP[ni] = nodeUsedP[ni]! + p;
          nodeUsedT[ni] = nodeUsedT[ni]! + t;
          if (!record) {
            ledger.logUndo(ai, p, t);
            ledger.logUndo(-ni - 1, p, t);
          } else {
            movements!.push({
              leg,
              arc: arcIds[a]!,
              departDay: d,
              arriveDay: arrive,
              personnel: p,
              tonnes: t,
              executed: false,
              followOn: this.movingFollowOn,
            });
          }
          if (cutLate < Infinity) {
            sentP += p;
            if (p > 0) sentDelivery = Math.max(sentDelivery, arrive + rest);
            if (sentT < critT && sentT + t >= critT) sentDelivery = Math.max(sentDelivery, arrive + rest);
            sentT += t;
          }
          if (nextN === this.cap) {
            this.grow();
            ({ nextDay, nextP, nextT } = this);
          }
          nextDay[nextN] = arrive;
          nextP[nextN] = p;
          nextT[nextN] = t;
          nextN++;
          poolP -= p;
          poolT -= t;
          if (poolP <= EPS) poolP = 0;
          if (poolT <= EPS) poolT = 0;
          if (poolP === 0 && poolT === 0) break;
        }
      }
      if (poolP > EPS || poolT > EPS) {
        if (record) this.noteBlocked(blocked, a, to, ai, ni);
        // Congested legs hold cargo for weeks: skip the days on which nothing new arrives and
        // neither dimension's next load fits.
        const wantP = isWhole || poolP <= EPS ? 0 : poolP - lp <= EPS ? poolP : lp;
        const wantT = isWhole || poolT <= EPS ? 0 : poolT - lt <= EPS ? poolT : lt;
        const pending = totalP - sentP > EPS || sentT < critT;
        const nextLotDay = i < curN ? curDay[i]! : Infinity;
        if (!this.skipBlockedDays(a, to, rest, d + 1, nextLotDay, wantP, wantT, pending, sentDelivery))
          return false;
        d = this.skipDay;
      }
    }
    this.nextN = nextN;
    return true;
  }

  /** Records why cargo waited on day `ai` (arc) / `ni` (node) of arc `a` into node `to`. */
  private noteBlocked(blocked: number, a: number, to: number, ai: number, ni: number): void {
    const { arcWait, nodeWait, arcSat, nodeSat } = this.ledger;
    if (blocked === BLOCK_ARC) {
      arcWait[a] = arcWait[a]! + this.weight;
      if (!this.net.closed[ai]) arcSat[ai] = 1;
    } else if (blocked === BLOCK_NODE) {
      nodeWait[to] = nodeWait[to]! + this.weight;
      nodeSat[ni] = 1;
    }
  }

  /**
   * From day `d`, skips in a tight loop the days of arc `a` on which nothing new arrives (the next
   * lot is ready on `nextLotDay`) and neither dimension's next load (`wantP`, `wantT`) fits: what
   * the day loop of moveLeg would find. Leaves in skipDay the day to try next; false when the run
   * is cut short. `pending`: cargo that decides delivery has yet to leave; `sentDelivery` as in
   * moveLeg.
   */
  private skipBlockedDays(
    a: number,
    to: number,
    rest: number,
    d: number,
    nextLotDay: number,
    wantP: number,
    wantT: number,
    pending: boolean,
    sentDelivery: number,
  ): boolean {
    const { H, closed } = this.net;
    const { arcUsedP, arcUsedT, nodeUsedP, nodeUsedT, arcSat, nodeSat, arcWait, nodeWait } = this.ledger;
    const { record, weight, cutLate, cutArrival, ead, rdd, mass } = this;
    const transit = this.net.arcTransit[a]!;
    const cp = this.net.capP[a]!;
    const ct = this.net.capT[a]!;
    const rp = this.net.recP[to]!;
    const rt = this.net.recT[to]!;
    const isWhole = this.net.whole[a] === 1;
    for (;;) {
      if (cutLate < Infinity) {
        // A route being tried stops as soon as it cannot beat the best one found (cutLate,
        // cutArrival): what is still to leave leaves on day d at the earliest.
        const arrival = Math.max(d + transit + rest, ead);
        let delivery = Math.max(sentDelivery, ead);
        if (pending) delivery = arrival;
        const late = delivery > rdd ? mass * (delivery - rdd) : 0;
        if (late > cutLate + EPS || (late >= cutLate - EPS && arrival >= cutArrival)) return false;
      }
      if (isWhole || nextLotDay <= d || d + transit >= H) break;
      const ai = a * H + d;
      const ni = to * H + d + transit;
      let why = BLOCK_ARC;
      if (!closed[ai]) {
        let whyP = BLOCK_NONE;
        if (wantP > 0) {
          if (arcUsedP[ai]! + wantP > cp + EPS) whyP = BLOCK_ARC;
          else if (nodeUsedP[ni]! + wantP > rp + EPS) whyP = BLOCK_NODE;
          else break;
        }
        let whyT = BLOCK_NONE;
        if (wantT > 0) {
          if (arcUsedT[ai]! + wantT > ct + EPS) whyT = BLOCK_ARC;
          else if (nodeUsedT[ni]! + wantT > rt + EPS) whyT = BLOCK_NODE;
          else break;
        }
        why = wantP > 0 ? whyP : whyT;
        if (record) {
          if (why === BLOCK_ARC) arcSat[ai] = 1;
          else nodeSat[ni] = 1;
        }
      }
      if (record) {
        if (why === BLOCK_ARC) arcWait[a] = arcWait[a]! + weight;
        else nodeWait[to] = nodeWait[to]! + weight;
      }
      d++;
    }
    this.skipDay = d;
    return true;
  }

  /** Delivery day of the lots (cur) when each needs `rest` more days, EAD counted. */
  private deliveryOfLots(rest: number): number {
    const { curDay, curP, curT, curN, critT } = this;
    let day = -1;
    let t = 0;
    let tonnesIn = critT <= 0;
    for (let j = 0; j < curN; j++) {
      if (curP[j]! > 0) day = Math.max(day, curDay[j]! + rest);
      if (!tonnesIn) {
        t += curT[j]!;
        if (t >= critT) {
          tonnesIn = true;
          day = Math.max(day, curDay[j]! + rest);
        }
      }
    }
    return Math.max(day, this.ead);
  }

  /** Sets personnelIn and criticalIn from the lots (cur), which hold arrivals at the destination. */
  private noteArrivals(): void {
    const { curDay, curP, curT, curN, critT } = this;
    let p = -1;
    let c = -1;
    let t = 0;
    for (let j = 0; j < curN; j++) {
      if (curP[j]! > 0) p = curDay[j]!;
      if (c < 0 && critT > 0) {
        t += curT[j]!;
        if (t >= critT) c = curDay[j]!;
      }
    }
    this.personnelIn = p;
    this.criticalIn = c;
  }

  /**
   * Splits the one lot (cur) into its personnel, held holdP days, and its tonnes, held holdT, in day
   * order; a lot of one dimension only is held by that dimension's days.
   */
  private holdLot(): void {
    const { curDay, curP, curT } = this;
    const day = curDay[0]!;
    const p = curP[0]!;
    const t = curT[0]!;
    if (p <= 0 || t <= 0 || this.holdP === this.holdT) {
      curDay[0] = day + (p > 0 ? this.holdP : this.holdT);
      return;
    }
    const personnelFirst = this.holdP < this.holdT;
    curDay[0] = day + Math.min(this.holdP, this.holdT);
    curP[0] = personnelFirst ? p : 0;
    curT[0] = personnelFirst ? 0 : t;
    curDay[1] = day + Math.max(this.holdP, this.holdT);
    curP[1] = personnelFirst ? 0 : p;
    curT[1] = personnelFirst ? t : 0;
    this.curN = 2;
  }

  /** Doubles the lots' capacity, keeping both cur and next. */
  private grow(): void {
    const c = this.cap * 2;
    const d1 = new Int32Array(c);
    const p1 = new Float64Array(c);
    const t1 = new Float64Array(c);
    d1.set(this.nextDay);
    p1.set(this.nextP);
    t1.set(this.nextT);
    this.nextDay = d1;
    this.nextP = p1;
    this.nextT = t1;
    const d2 = new Int32Array(c);
    const p2 = new Float64Array(c);
    const t2 = new Float64Array(c);
    d2.set(this.curDay);
    p2.set(this.curP);
    t2.set(this.curT);
    this.curDay = d2;
    this.curP = p2;
    this.curT = t2;
    this.cap = c;
  }

  /** Next becomes cur: the leg's arrivals are where the next leg starts. */
  private swap(): void {
    [this.curDay, this.nextDay] = [this.nextDay, this.curDay];
    [this.curP, this.nextP] = [this.nextP, this.curP];
    [this.curT, this.nextT] = [this.nextT, this.curT];
    this.curN = this.nextN;
    this.nextN = 0;
  }
}
