// The planner benchmark's family of instances and its figures (bench/planner/run.ts). A figure from
// one seed or one network shape says little (issue 17: 0.3 % on the benchmark's own seed, 9.7 % to
// 599 % on an outside generator's), so the benchmark plans a family: seeds × normal and surge × N =
// 500, 2,000 and 5,000 on the layered network, three shapes made to trap a planner (one border
// crossing, a congested short corridor beside a free detour, the busiest arc closed mid-horizon),
// and one instance of 50,000 ULNs; every instance with strategic and tactical airlift and heavy
// units' largest items (lift). Pure: specs, gaps and summaries, no timing.
import type { InstanceShape, LoadScenario } from '../../src/planner/deploy/instance-generator.ts';

export interface InstanceSpec {
  shape: InstanceShape;
  load: LoadScenario;
  n: number;
  seed: number;
  /** Whether the proved bound is computed for it (not for the 50,000-ULN instance). */
  bound: boolean;
  /** The generator's horizon, when not its default (120 days). */
  horizonDays?: number;
}

export interface FamilyOptions {
  seeds: number;
  sizes: readonly number[];
  /** N of the shaped instances (surge). */
  shapeN: number;
  /** The large instance's N, or 0 for none. */
  largeN: number;
}

export const SHAPES: readonly InstanceShape[] = ['single-crossing', 'corridor-detour', 'mid-closure'];

export function familyInstances(o: FamilyOptions): InstanceSpec[] {
  const out: InstanceSpec[] = [];
  for (const n of o.sizes)
    for (const load of ['normal', 'surge'] as const)
      for (let seed = 1; seed <= o.seeds; seed++) out.push({ shape: 'layered', load, n, seed, bound: true });
  for (const shape of SHAPES)
    for (let seed = 1; seed <= o.seeds; seed++)
      out.push({ shape, load: 'surge', n: o.shapeN, seed, bound: true });
  // Ten times the 5,000 over five times the span (ALDs over a year, not 72 days): on the 120-day
  // span the network could not carry a tenth of it within the horizon, and the instance would time
  // a plan that leaves thousands of units unplanned.
  if (o.largeN > 0)
    out.push({ shape: 'layered', load: 'normal', n: o.largeN, seed: 1, bound: false, horizonDays: 600 });
  return out;
}

export const specName = (s: Pick<InstanceSpec, 'shape' | 'load' | 'n' | 'seed'>): string =>
  `${s.shape}/${s.load}/${s.n}/${s.seed}`;

/**
 * The planner's gap to a proved lower bound: (plan − bound) / bound. Both 0: 0 (nobody need be late
 * and nobody is). A bound of 0 under a plan above 0 proves nothing: Infinity, never a small number.
 * Null when there is no bound.
 */
export function gapToBound(plan: number, bound: number | null): number | null {
  if (bound === null) return null;
  const tolerance = 1e-9 * Math.max(1, Math.abs(plan));
  if (plan <= tolerance) return 0;
  if (bound <= tolerance) return Infinity;
  return Math.max(0, (plan - bound) / bound);
}

/** Median and worst (largest) of a list; null when it is empty. Infinity counts as largest. */
export function medianAndWorst(
  values: readonly number[],
): { median: number; worst: number; count: number } | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  const median = s.length % 2 ? s[mid]! : s[mid - 1]! === s[mid]! ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
  return { median, worst: s[s.length - 1]!, count: s.length };
}

/**
 * An instance is congested when its plan is later than the capacity-free bound (every unit on its
 * fastest route from its ready day, closures counted, nothing shared): where it is not, every late
 * day is one readiness makes and no plan can avoid, and there is no gap to close. Without a bound,
 * when the plan has anyone late.
 */
export function congested(planValue: number, capacityFree: number | null): boolean {
  if (capacityFree === null) return planValue > 0;
  return planValue > capacityFree + 1e-9 * Math.max(1, planValue);
}
