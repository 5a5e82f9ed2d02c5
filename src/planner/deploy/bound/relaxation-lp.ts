// The bound's relaxation (lagrangian-bound.ts, steps 1 to 3 of its proof) written out as one linear
// programme and solved with HiGHS: its optimum is what the Lagrangian bound converges to, so tests
// check bound ≤ LP and that the subgradient gets close. Small instances only: the model has a
// column per source, dimension, time-expanded arc and route class.
//
// Built from the raw input, apart from time-expanded.ts, so that the two agree only if both follow
// the rules:
//  - per (origin, first day, eligibility) source and dimension, a flow over states (node, day, route
//    class): departures on open (arc, day) with arrival by H − 1, into the class with the arc's
//    coupling mode added, hold-over at nodes, the members' cargo at (origin, max(ALD, today), no
//    mode);
//  - per ULN a convex combination of "not planned" (its cargo stays at the origin; cost W × penalty
//    lateness) and "planned in route class c" (μ_c): the disjunctive hull of "its personnel and
//    tonnes end in the same class". Planned in c, μ_c of its counted personnel (P'), of its critical
//    tonnes (C') and of its other tonnes is absorbed at its destination on the day it arrives there,
//    from max(EAD, first day + 1) to H − 1; t_c ≥ the mean lateness of the personnel and of the
//    critical tonnes; minimise Σ W_u (Σ_c t_c + penalty lateness × not planned);
//  - per arc-day and node-day, personnel and tonnes within capacity and reception (+ CAPACITY_SLACK).
// States outside [earliest arrival, latest useful day] are left out (no flow can be there).
import type { Highs } from 'highs';
import { canCarry, criticalTonnes, eligibilityKey, penaltyDay, personnelMass } from '../objective.ts';
import { latestUlnDay } from '../schedule.ts';
import type { DeploymentNetwork, Uln } from '../schedule-types.ts';
import { CAPACITY_SLACK } from './time-expanded.ts';

export interface RelaxationLpOptions {
  horizonDays?: number;
  today?: number;
  priorityWeight?: (priority: number) => number;
  couplingModes?: readonly string[];
}

export interface RelaxationLpResult {
  /** HiGHS's model status: 7 is optimal. */
  modelStatus: number;
  objective: number;
  columns: number;
  rows: number;
}

/** Sparse model in triplets per column, turned into CSC for HiGHS. */
class Builder {
  cost: number[] = [];
  rowLower: number[] = [];
  rowUpper: number[] = [];
  entries: number[][] = [];

  column(cost: number): number {
    this.cost.push(cost);
    this.entries.push([]);
    return this.cost.length - 1;
  }

  row(lower: number, upper: number): number {
    this.rowLower.push(lower);
    this.rowUpper.push(upper);
    return this.rowLower.length - 1;
  }

  set(row: number, column: number, value: number): void {
    this.entries[column]!.push(row, value);
  }
}

const DIMENSIONS = ['personnel', 'tonnes'] as const;

export function solveRelaxationLp(
  highs: Highs,
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: RelaxationLpOptions = {},
): RelaxationLpResult {
  const today = options.today ?? 0;
  const weightOf = options.priorityWeight ?? ((p: number) => 1 / p);
  const H = options.horizonDays ?? Math.max(latestUlnDay(ulns), today) + 61;
  const modes = [...new Set(options.couplingModes ?? [])];
  const K = 1 << modes.length;
  const nodeIndex = new Map(network.nodes.map((n, i) => [n.id, i]));
  const N = network.nodes.length;
  const arcs = network.arcs.map((a) => ({
    ...a,
    tail: nodeIndex.get(a.from)!,
    head: nodeIndex.get(a.to)!,
    bit: modes.includes(a.mode) ? 1 << modes.indexOf(a.mode) : 0,
    closedOn: (d: number) => a.closures.some((c) => c.from <= d && d <= c.to),
  }));
  const m = new Builder();
  const inf = highs.infinity;
  const capRows = new Map<string, number>();
  const capRow = (key: string, bound: number): number => {
    let r = capRows.get(key);
    if (r === undefined) {
      r = m.row(-inf, bound + CAPACITY_SLACK);
      capRows.set(key, r);
    }
    return r;
  };
  const criticalOf = (u: Uln): number => Math.max(0, criticalTonnes(u) - 1e-6 * Math.max(1, u.tonnes));
  /** What travels in a dimension's flow: the personnel counted; all the tonnes. */
  const amountOf = (u: Uln, dim: (typeof DIMENSIONS)[number]): number =>
    dim === 'personnel' ? Math.max(0, u.personnel - 1e-6 * Math.max(1, u.personnel)) : u.tonnes;
  const penalty = penaltyDay(H);

  // Per ULN: the share μ_c planned in each route class c with its lateness t_c (cost W), and the
  // share not planned (cost W × penalty lateness).
  const mu: number[][] = [];
  const late: number[][] = [];
  const unplanned: number[] = [];
  ulns.forEach((u) => {
    const W = weightOf(u.priority) * personnelMass(u);
    const convex = m.row(1, 1);
    const none = m.column(W * Math.max(0, penalty - u.rdd));
    m.set(convex, none, 1);
    unplanned.push(none);
    mu.push([]);
    late.push([]);
    for (let c = 0; c < K; c++) {
      const x = m.column(0);
      m.set(convex, x, 1);
      mu[mu.length - 1]!.push(x);
      late[late.length - 1]!.push(m.column(W));
    }
  });

  const groups = new Map<string, number[]>();
  ulns.forEach((u, j) => {
    const key = `${eligibilityKey(u)}#${u.origin}#${Math.max(u.ald, today, 0)}`;
    groups.set(key, [...(groups.get(key) ?? []), j]);
  });
  for (const members of groups.values()) {
    const u0 = ulns[members[0]!]!;
    const origin = nodeIndex.get(u0.origin)!;
    const start = Math.max(u0.ald, today, 0);
    for (const dim of DIMENSIONS) {
      const active = members.filter((j) => amountOf(ulns[j]!, dim) > 0);
      if (active.length === 0) continue;
      const usable = arcs.filter((a) => canCarry(u0, a) && a.capacityPerDay[dim] > 0);
      // Earliest arrival at each node from (origin, start); latest day from which some member's
      // destination can still be reached by H − 1. Outside [earliest, latest] no flow can be.
      const earliest = new Array<number>(N).fill(Infinity);
      earliest[origin] = start;
      for (let changed = true; changed;) {
        changed = false;
        for (const a of usable) {
          let d = earliest[a.tail]!;
          while (d < H && a.closedOn(d)) d++;
          if (d + a.transitDays < earliest[a.head]! && d + a.transitDays < H) {
            earliest[a.head] = d + a.transitDays;
            changed = true;
          }
        }
      }
      const latest = new Array<number>(N).fill(-Infinity);
      const dests = new Set(active.map((j) => nodeIndex.get(ulns[j]!.destination)!));
      for (const v of dests) latest[v] = H - 1;
      for (let changed = true; changed;) {
        changed = false;
        for (const a of usable) {
          let d = Math.min(latest[a.head]! - a.transitDays, H - 1);
          while (d >= 0 && a.closedOn(d)) d--;
          if (d >= 0 && d > latest[a.tail]!) {
            latest[a.tail] = d;
            changed = true;
          }
        }
      }
      // Ready rows (what leaves, is held or drops out, less what arrives or is held in = supply)
      // and, at destinations, arrival rows (arrivals = absorbed + passed on to ready).
      const supply = active.reduce((s, j) => s + amountOf(ulns[j]!, dim), 0);
      const ready = new Map<number, number>();
      const arrival = new Map<number, number>();
      const readyRow = (v: number, d: number, c: number): number => {
        const key = (v * H + d) * K + c;
        let r = ready.get(key);
        if (r === undefined) {
          const rhs = v === origin && d === start && c === 0 ? supply : 0;
          r = m.row(rhs, rhs);
          ready.set(key, r);
        }
        return r;
      };
      const arrivalRow = (v: number, d: number, c: number): number => {
        const key = (v * H + d) * K + c;
        let r = arrival.get(key);
        if (r === undefined) {
          r = m.row(0, 0);
          arrival.set(key, r);
          const pass = m.column(0);
          m.set(r, pass, -1);
          m.set(readyRow(v, d, c), pass, -1);
        }
        return r;
      };
      for (const a of usable) {
        for (let d = earliest[a.tail]!; d <= latest[a.tail]!; d++) {
          const e = d + a.transitDays;
          if (a.closedOn(d) || e >= H || e > latest[a.head]!) continue;
          for (let c = 0; c < K; c++) {
            const x = m.column(0);
            m.set(readyRow(a.tail, d, c), x, 1);
            if (dests.has(a.head)) m.set(arrivalRow(a.head, e, c | a.bit), x, 1);
            else m.set(readyRow(a.head, e, c | a.bit), x, -1);
            m.set(capRow(`a${dim}${a.id}@${d}`, a.capacityPerDay[dim]), x, 1);
            const rec = network.nodes[a.head]!.receptionPerDay;
            if (rec) m.set(capRow(`n${dim}${a.head}@${e}`, rec[dim]), x, 1);
          }
        }
      }
      for (let v = 0; v < N; v++) {
        for (let d = earliest[v]!; d < latest[v]!; d++) {
          for (let c = 0; c < K; c++) {
            const x = m.column(0);
            m.set(readyRow(v, d, c), x, 1);
            m.set(readyRow(v, d + 1, c), x, -1);
          }
        }
      }
      for (const j of active) {
        const u = ulns[j]!;
        const dest = nodeIndex.get(u.destination)!;
        // Not planned: its cargo stays at the origin.
        m.set(readyRow(origin, start, 0), unplanned[j]!, amountOf(u, dim));
        // Planned in class c: μ_c of each part arrives. The lateness counted: of the personnel
        // (P'), of the critical tonnes (C'); the other tonnes only travel.
        const parts =
          dim === 'personnel'
            ? [{ amount: amountOf(u, dim), counted: true }]
            : [
                { amount: criticalOf(u), counted: true },
                { amount: u.tonnes - criticalOf(u), counted: false },
              ];
        for (const part of parts) {
          if (!(part.amount > 0)) continue;
          for (let c = 0; c < K; c++) {
            const own = m.row(0, 0);
            m.set(own, mu[j]![c]!, -part.amount);
            const mean = part.counted ? m.row(-inf, 0) : -1; // Σ late × y / amount − t_c ≤ 0
            if (part.counted) m.set(mean, late[j]![c]!, -1);
            for (let d = Math.max(u.ead, start + 1, earliest[dest]!); d < H; d++) {
              const y = m.column(0);
              m.set(own, y, 1);
              m.set(arrivalRow(dest, d, c), y, -1);
              if (part.counted) m.set(mean, y, Math.max(0, d - u.rdd) / part.amount);
            }
          }
        }
      }
    }
  }

  const numCols = m.cost.length;
  const numRows = m.rowLower.length;
  const starts = new Int32Array(numCols + 1);
  for (let c = 0; c < numCols; c++) starts[c + 1] = starts[c]! + m.entries[c]!.length / 2;
  const indices = new Int32Array(starts[numCols]!);
  const values = new Float64Array(starts[numCols]!);
  for (let c = 0; c < numCols; c++) {
    const e = m.entries[c]!;
    for (let k = 0; k < e.length; k += 2) {
      indices[starts[c]! + k / 2] = e[k]!;
      values[starts[c]! + k / 2] = e[k + 1]!;
    }
  }
  const data = {
    numCols,
    numRows,
    colCost: Float64Array.from(m.cost),
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(inf),
    rowLower: Float64Array.from(m.rowLower, (x) => (x === -Infinity ? -inf : x)),
    rowUpper: Float64Array.from(m.rowUpper, (x) => (x === Infinity ? inf : x)),
    matrix: { format: 'csc' as const, numRows, numCols, starts, indices, values },
  };
  return highs.withModel(data, (hm) => {
    hm.options.set({ output_flag: false });
    const modelStatus = hm.run().modelStatus;
    return { modelStatus, objective: hm.getObjectiveValue(), columns: numCols, rows: numRows };
  });
}
