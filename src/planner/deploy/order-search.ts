// A local search over the order ULNs claim capacity in, after the plan's own orders and the guided
// ones (guided-tries.ts): a list scheduler's plan is its order, so a better order is a better plan,
// and one found this way is reproduced exactly by planning in it (PlanOptions.order, no improvement
// passes): re-plans keep it like any other.
//
// Why: every order tried before is made by one rule (urgency, the relaxation's delivery days), and a
// rule is wrong somewhere. On the planner benchmark's congested instances at N = 2,000 the plan stays
// 15-40 % above the relaxation's optimum, and nearly all of the excess is heavy units whose tonnes
// wait behind lighter, less urgent units that took the early sea and air lift first (the relaxation
// has them on time). Each move is aimed at that: a late unit goes earlier, or a unit on time goes
// later, by a random distance; a few late units go earlier together. A move is kept when the plan is
// no worse (equal plans are kept to cross plateaus). Each try schedules the ULNs again without
// recording (improve.ts quickPass), some 30 ms at N = 2,000.
//
// Deterministic for a given seed and number of evaluations; under a time budget the number of
// evaluations, hence the order found, depends on the machine.
import { choose } from './choose-route.ts';
import { runChosen } from './hold-on-time.ts';
import { firstOrder } from './improve.ts';
import { EPS } from './ledger.ts';
import { personnelMass } from './objective.ts';
import { penaltyOf } from './record.ts';
import { createPlanState } from './plan-state.ts';
import type { PlanState } from './plan-state.ts';
import { xoshiro128StarStar } from '../prng.ts';
import type { Random } from '../prng.ts';
import type { DeploymentNetwork, PlanOptions, Uln } from './schedule-types.ts';

export interface OrderSearchOptions {
  /** Wall-clock budget in milliseconds; at least one move is tried. */
  budgetMs: number;
  /** At most this many moves (tests: a fixed count is deterministic). Default unlimited. */
  maxMoves?: number;
  /** Default 1. */
  seed?: number;
}

export interface SearchedOrder {
  /** ULN ids in the best order found: plan in it with improvementPasses 0 and the same options. */
  order: string[];
  /** Its objective (objective.value of the plan in it). */
  value: number;
  /** The objective of the order searched from. */
  startValue: number;
  moves: number;
  /** Moves that lowered the objective. */
  improvements: number;
  elapsedMs: number;
}

/** The share of moves that take a unit on time later (the rest take late units earlier). */
const DEMOTE_SHARE = 0.25;
/** The share of moves that take several late units earlier together. */
const BLOCK_SHARE = 0.15;
/** Late units moved together by a block move, at most. */
const BLOCK_MAX = 6;
/** The share of single moves that put a late unit before a unit on time worth less per lift. */
const TARGETED_SHARE = 0.7;
/** The nearest such units drawn from. */
const TARGETS = 16;

/**
 * The best order found from `options.order` (else the planner's urgency order) within the budget,
 * planned with the rest of `options` (prices, holdOnTime; executed loads and `previous` are not
 * for a search from scratch and are refused). RangeErrors as planDeployment's.
 */
export function searchOrder(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: PlanOptions,
  search: OrderSearchOptions,
): SearchedOrder {
  if (options.previous || (options.executed?.length ?? 0) > 0)
    throw new RangeError('an order search plans from scratch: no previous plan or executed loads');
  const started = performance.now();
  const s = createPlanState(network, ulns, options);
  s.holdOnTime = options.holdOnTime ?? false;
  const rng = xoshiro128StarStar(search.seed ?? 1);
  const pass = new SuffixPass(s);
  let order = firstOrder(s, options.order);
  let value = pass.run(order, 0);
  pass.accept();
  const startValue = value;
  let moves = 0;
  let improvements = 0;
  const maxMoves = search.maxMoves ?? Infinity;
  while (moves < maxMoves && (moves === 0 || performance.now() - started < search.budgetMs)) {
    if (value <= EPS) break;
    const next = neighbour(order, pass.late, rng, ulns);
    moves++;
    if (next === null) continue;
    let from = 0;
    while (from < next.length && next[from] === order[from]) from++;
    if (from === next.length) continue;
    const r = pass.run(next, from);
    const tol = EPS * Math.max(1, value);
    if (r <= value + tol) {
      if (r < value - tol) improvements++;
      order = next;
      value = r;
      pass.accept();
    } else pass.reject();
  }
  return {
    order: order.map((j) => ulns[j]!.uln),
    value,
    startValue,
    moves,
    improvements,
    elapsedMs: performance.now() - started,
  };
}

/**
 * Scheduling an order without recording (quickPass's rules), again only from the first position
 * that changed: the ledger additions of each position are kept, so the ledger can be taken back to
 * any position of the order last accepted and the rest scheduled from there.
 */
class SuffixPass {
  /** Per ULN (input order): its part of the objective in the order last accepted. */
  readonly late: Float64Array;
  private readonly tryLate: Float64Array;
  /** Per position of the accepted order: the objective of the positions before it. */
  private prefix: Float64Array;
  private tryPrefix: Float64Array;
  /** The accepted order, and the positions of it the ledger holds now (0 to `held`). */
  private accepted: readonly number[] = [];
  private held = 0;
  private trial: readonly number[] = [];
  private trialFrom = 0;
  // Per position: its ledger additions, [start[p], start[p + 1]) of the history.
  private start: Int32Array;
  private idx = new Int32Array(1 << 16);
  private addP = new Float64Array(1 << 16);
  private addT = new Float64Array(1 << 16);
  private size = 0;

  constructor(private readonly s: PlanState) {
    const M = s.ulns.length;
    this.late = new Float64Array(M);
    this.tryLate = new Float64Array(M);
    this.prefix = new Float64Array(M + 1);
    this.tryPrefix = new Float64Array(M + 1);
    this.start = new Int32Array(M + 1);
  }

  /** Schedules `order` from position `from` (the positions before it as accepted); its objective. */
  run(order: readonly number[], from: number): number {
    this.catchUp(from);
    this.undoTo(from);
    this.trial = order;
    this.trialFrom = from;
    this.tryPrefix.set(this.prefix.subarray(0, from + 1));
    for (let p = from; p < order.length; p++) {
      this.tryLate[order[p]!] = this.schedule(order[p]!, p);
      this.tryPrefix[p + 1] = this.tryPrefix[p]! + this.tryLate[order[p]!]!;
    }
    this.held = order.length;
    return this.tryPrefix[order.length]!;
  }

  /** The order last run becomes the accepted one. */
  accept(): void {
    const order = this.trial;
    for (let p = this.trialFrom; p < order.length; p++) this.late[order[p]!] = this.tryLate[order[p]!]!;
    [this.prefix, this.tryPrefix] = [this.tryPrefix, this.prefix];
    this.accepted = order;
  }

  /** The order last run is dropped: the ledger keeps the accepted positions before it differed. */
  reject(): void {
    this.undoTo(this.trialFrom);
  }

  /** Schedules the accepted order's positions from `held` up to `to` again (after a reject). */
  private catchUp(to: number): void {
    for (let p = this.held; p < to; p++) this.schedule(this.accepted[p]!, p);
    this.held = Math.max(this.held, to);
  }

  /** Takes the ledger back to the positions before `p`. */
  private undoTo(p: number): void {
    const { arcUsedP, arcUsedT, nodeUsedP, nodeUsedT } = this.s.ledger;
    const stop = this.start[Math.min(p, this.held)]!;
    for (let e = this.start[this.held]! - 1; e >= stop; e--) {
      const i = this.idx[e]!;
      if (i >= 0) {
        arcUsedP[i] = arcUsedP[i]! - this.addP[e]!;
        arcUsedT[i] = arcUsedT[i]! - this.addT[e]!;
      } else {
        nodeUsedP[-i - 1] = nodeUsedP[-i - 1]! - this.addP[e]!;
        nodeUsedT[-i - 1] = nodeUsedT[-i - 1]! - this.addT[e]!;
      }
    }
    this.held = Math.min(p, this.held);
  }

  /** Schedules ULN j at position p against the ledger, keeps its additions; its objective part. */
  private schedule(j: number, p: number): number {
    const { s } = this;
    const { ledger, lift, choice } = s;
    const u = s.ulns[j]!;
    choose(s, j);
    let late: number;
    const mark = ledger.undoN;
    if (choice.failed) late = penaltyOf(s, u);
    else {
      const weight = s.weightOf(u.priority);
      let delivered = -1;
      for (let k = 0; k < choice.groups; k++) {
        runChosen(s, u, weight, k, false);
        delivered = Math.max(delivered, lift.delivered);
      }
      late = delivered > u.rdd ? weight * personnelMass(u) * (delivered - u.rdd) : 0;
    }
    const n = ledger.undoN - mark;
    this.size = this.start[p]!;
    this.reserve(n);
    for (let e = 0; e < n; e++) {
      this.idx[this.size] = ledger.undoIdx[mark + e]!;
      this.addP[this.size] = ledger.undoP[mark + e]!;
      this.addT[this.size] = ledger.undoT[mark + e]!;
      this.size++;
    }
    this.start[p + 1] = this.size;
    ledger.undoN = 0;
    return late;
  }

  private reserve(n: number): void {
    const need = this.size + n + 1;
    if (need <= this.idx.length) return;
    let cap = this.idx.length;
    while (cap < need) cap *= 2;
    const grow = <T extends Int32Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.idx = grow(this.idx, (k) => new Int32Array(k));
    this.addP = grow(this.addP, (k) => new Float64Array(k));
    this.addT = grow(this.addT, (k) => new Float64Array(k));
  }
}

/**
 * A neighbour of `order`: a late ULN (drawn by its lateness) moved earlier, several moved earlier
 * together, or a ULN on time before the last late one moved later; null when there is none to move.
 */
export function neighbour(
  order: readonly number[],
  late: Float64Array,
  rng: Random,
  ulns: readonly Uln[],
): number[] | null {
  const M = order.length;
  const position = new Int32Array(ulns.length);
  order.forEach((j, p) => (position[j] = p));
  // Positions of late ULNs and the cumulative lateness to draw from.
  const latePos: number[] = [];
  const cumulative: number[] = [];
  let total = 0;
  for (let p = 0; p < M; p++) {
    const x = late[order[p]!]!;
    if (x > 0) {
      total += x;
      latePos.push(p);
      cumulative.push(total);
    }
  }
  if (latePos.length === 0) return null;
  const drawLate = (): number => {
    const target = rng.nextFloat() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! < target) lo = mid + 1;
      else hi = mid;
    }
    return latePos[lo]!;
  };
  const u = rng.nextFloat();
  if (u < DEMOTE_SHARE) {
    // A ULN on time before the last late one goes later, past some of the ULNs after it.
    const lastLate = latePos[latePos.length - 1]!;
    for (let attempt = 0; attempt < 8; attempt++) {
      const p = Math.floor(rng.nextFloat() * lastLate);
      if (late[order[p]!]! > 0) continue;
      const q = Math.min(M, p + 2 + Math.floor((M - 1 - p) * rng.nextFloat() ** 2));
      return moved(order, [p], q);
    }
    return null;
  }
  if (u < DEMOTE_SHARE + BLOCK_SHARE && latePos.length > 1) {
    const count = 2 + Math.floor(rng.nextFloat() * (BLOCK_MAX - 1));
    const picked = new Set<number>();
    for (let k = 0; k < count; k++) picked.add(drawLate());
    const from = [...picked].sort((a, b) => a - b);
    const first = from[0]!;
    const q = Math.floor(first * (1 - rng.nextFloat() ** 2));
    return moved(order, from, q);
  }
  const p = drawLate();
  if (p === 0) return null;
  if (rng.nextFloat() < TARGETED_SHARE) {
    // Before one of the nearest ULNs ahead of it that is on time and worth less per lift it takes.
    const j = order[p]!;
    const worth = worthOf(ulns[j]!);
    const found: number[] = [];
    for (let i = p - 1; i >= 0 && found.length < TARGETS; i--) {
      const o = order[i]!;
      if (late[o]! <= 0 && worthOf(ulns[o]!) < worth) found.push(i);
    }
    if (found.length > 0) return moved(order, [p], found[Math.floor(rng.nextFloat() * found.length)]!);
  }
  // Earlier by a distance drawn towards the short (most moves that help are short), any up to p.
  const q = p - 1 - Math.floor(p * rng.nextFloat() ** 3 * 0.999999);
  return moved(order, [p], Math.max(0, q));
}

/** Priority-weighted personnel per person or tonne of lift it takes (improve.ts's ATC, α = 1). */
const worthOf = (u: Uln): number => personnelMass(u) / u.priority / Math.max(1e-9, u.personnel + u.tonnes);

/**
 * `order` with the ULNs at positions `from` (ascending) taken out and put, in their order, before
 * the ULN at position `to` of the original order (after the last one when `to` is the length).
 */
export function moved(order: readonly number[], from: readonly number[], to: number): number[] {
  const taken = new Set(from);
  const block = from.map((p) => order[p]!);
  const out: number[] = [];
  for (let p = 0; p < order.length; p++) {
    if (p === to) out.push(...block);
    if (!taken.has(p)) out.push(order[p]!);
  }
  if (to >= order.length) out.push(...block);
  return out;
}
