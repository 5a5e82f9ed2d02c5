// Pricing for column generation: the master's duals turned into arc costs, and per block the
// cheapest time-expanded walk from (origin, ALD) to the destination over the pricing states
// (acyclic in time: every arc takes at least a day, so one sweep over the days in order suffices).
import { ROW_CAPACITY, ROW_RECEPTION, type RestrictedMaster } from './master.ts';
import { P } from './prepared-instance.ts';
import type { PricingStates } from './pricing-states.ts';

/** The cheapest walk of a block: its reduced cost without the convexity dual, and its last leg. */
export interface CheapestWalk {
  total: number;
  endArc: number;
  endDay: number;
  endState: number;
}

export class WalkPricer {
  /** The walk last reconstructed by walk(): arcs and departure days, origin first. */
  readonly legArc: number[] = [];
  readonly legDay: number[] = [];
  private readonly capDual: Float64Array;
  private readonly recDual: Float64Array;
  /** By [state * H + day]: the cheapest cost there, and how it was reached (-1 waiting, -2 start). */
  private readonly best: Float64Array;
  private readonly parentArc: Int32Array;
  private readonly parentState: Int32Array;

  constructor(
    private readonly master: RestrictedMaster,
    private readonly states: PricingStates,
  ) {
    const { N, A, H } = master.net;
    this.capDual = new Float64Array(A * H * 2);
    this.recDual = new Float64Array(N * H * 2);
    const S = states.count;
    this.best = new Float64Array(S * H);
    this.parentArc = new Int32Array(S * H);
    this.parentState = new Int32Array(S * H);
  }

  /**
   * Takes the duals y of the master's rows as arc costs. Capacity and reception duals are clipped
   * to their sign (in y too), which keeps the Lagrangian bound valid whatever the solver's
   * tolerances left. Returns their part of the bound: the sum of dual times bound.
   */
  setDuals(y: Float64Array): number {
    const { master, capDual, recDual } = this;
    capDual.fill(0);
    recDual.fill(0);
    let bound = 0;
    const kinds = master.rowKind.view();
    const keys = master.rowKey.view();
    const upper = master.rowUpper.view();
    for (let r = master.B; r < master.rowsInModel; r++) {
      const kind = kinds[r]!;
      if (kind !== ROW_CAPACITY && kind !== ROW_RECEPTION) continue;
      const v = Math.min(0, y[r]!);
      y[r] = v;
      (kind === ROW_CAPACITY ? capDual : recDual)[keys[r]!] = v;
      bound += v * upper[r]!;
    }
    return bound;
  }

  /** The cheapest walk of block b at the duals last set, by a sweep over days and states. */
  cheapest(b: number): CheapestWalk {
    const { master, states, best, parentArc, parentState, capDual, recDual } = this;
    const { A, H, arcTo, arcTransit, closed } = master.net;
    const S = states.count;
    const ci = master.blockComm[b]!;
    const kind = master.blockKind[b]!;
    const c = master.commodities[ci]!;
    const usable = master.usable;
    const k = kind;
    const q = c.qty[k]!;
    const lateRate = k === P ? c.weight * q : 0;
    const usableFrom = ci * A;
    best.fill(Infinity);
    const s0 = states.entry[c.origin]! * H + c.ald;
    best[s0] = 0;
    parentArc[s0] = -2;
    let bestTotal = Infinity;
    let endArc = -1;
    let endDay = -1;
    let endState = -1;
    for (let d = c.ald; d < H; d++) {
      for (let s = 0; s < S; s++) {
        const i = s * H + d;
        const bv = best[i]!;
        // Every arc costs at least 0 (duals clipped to their sign): no walk from here beats the best.
        if (bv === Infinity || bv >= bestTotal) continue;
        if (d + 1 < H && bv < best[i + 1]!) {
          best[i + 1] = bv;
          parentArc[i + 1] = -1;
        }
        for (let e = states.start[s]!; e < states.start[s + 1]!; e++) {
          const a = states.arc[e]!;
          if (!usable[usableFrom + a] || closed[a * H + d]) continue;
          const t = d + arcTransit[a]!;
          if (t >= H) continue;
          const w = arcTo[a]!;
          let cost = bv - q * (capDual[(a * H + d) * 2 + k]! + recDual[(w * H + t) * 2 + k]!);
          if (w === c.dest) {
            if (t < c.ead) continue;
            cost += lateRate * Math.max(0, t - c.rdd);
            if (cost < bestTotal) {
              bestTotal = cost;
              endArc = a;
              endDay = d;
              endState = s;
            }
          } else {
            const j = states.target[e]! * H + t;
            if (cost < best[j]!) {
              best[j] = cost;
              parentArc[j] = a;
              parentState[j] = s;
            }
          }
        }
      }
    }
    return { total: bestTotal, endArc, endDay, endState };
  }

  /** Follows the parents back from the walk's last leg into legArc and legDay, origin first. */
  walk(end: CheapestWalk): void {
    const { legArc, legDay, parentArc, parentState } = this;
    const { H, arcTransit } = this.master.net;
    legArc.length = 0;
    legDay.length = 0;
    legArc.push(end.endArc);
    legDay.push(end.endDay);
    for (let s = end.endState, d = end.endDay; ;) {
      const i = s * H + d;
      const p = parentArc[i]!;
      if (p === -2) break;
      if (p === -1) {
        d--;
        continue;
      }
      s = parentState[i]!;
      d -= arcTransit[p]!;
      legArc.push(p);
      legDay.push(d);
    }
    legArc.reverse();
    legDay.reverse();
  }
}
