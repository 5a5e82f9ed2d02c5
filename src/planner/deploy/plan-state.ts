// The state one plan works on, built from checked input: the network as typed arrays, the executed
// loads, the ledgers, candidate routes, where each ULN's cargo is, the lift runner, and what choosing
// and recording fill. One object passed to the scheduler's steps, each of which declares the part
// it uses (ChooseState, RecordState, KeepState, ImproveState).
import { CargoGroups } from './cargo-groups.ts';
import { Choice } from './choose-route.ts';
import { urgencyOf } from './improve.ts';
import type { ImproveState } from './improve.ts';
import { previousLoads } from './keep-previous.ts';
import type { KeepState } from './keep-previous.ts';
import { Ledger } from './ledger.ts';
import { LiftRun } from './lift-run.ts';
import { checkMovements } from './movements.ts';
import { arcIndexOf, executedLoads, networkArrays, nodeLookup } from './network-arrays.ts';
import { penaltyDay } from './objective.ts';
import { PlanRecord } from './record.ts';
import { ResidualRouter, RouteFinder } from './routes.ts';
import type { Route } from './routes.ts';
import type { CapacityPrices, DeploymentNetwork, PlanOptions, Uln } from './schedule-types.ts';

export interface PlanState extends KeepState, ImproveState {}

/** Checks every ULN's cargo and days (a RangeError names the first bad one); the latest ALD, RDD or LAD. */
export function latestUlnDay(ulns: readonly Uln[]): number {
  let latest = 0;
  for (const u of ulns) {
    if (!(u.personnel >= 0 && u.tonnes >= 0 && u.personnel + u.tonnes > 0)) {
      throw new RangeError(`ULN ${u.uln} must carry some personnel or tonnes, none negative`);
    }
    if (![u.ald, u.ead, u.lad, u.rdd].every(Number.isInteger)) {
      throw new RangeError(`ULN ${u.uln} must have whole-day ALD, EAD, LAD and RDD`);
    }
    latest = Math.max(latest, u.ald, u.rdd, u.lad);
  }
  return latest;
}

/**
 * The state of a plan of `ulns` over `network`, ledgers charged with the executed loads; a
 * RangeError names the first bad input (duplicate or unknown node, today, executed load, ULN,
 * horizon, arc).
 */
export function createPlanState(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  options: PlanOptions,
): PlanState {
  const k = options.routesPerPair ?? 10;
  const weightOf = options.priorityWeight ?? ((p: number) => 1 / p);
  const nodeOf = nodeLookup(network);
  const today = options.today ?? 0;
  if (!Number.isInteger(today)) throw new RangeError(`today must be a whole day, not ${today}`);
  const executed = options.executed ?? [];
  if (executed.length > 0) {
    const problems = checkMovements(network, ulns, executed, { checkAld: false });
    if (problems.length > 0) {
      const p = problems[0]!;
      const more = problems.length > 1 ? ` (and ${problems.length - 1} more problems)` : '';
      throw new RangeError(`executed movement ${p.index}, ${p.field}: ${p.message}${more}`);
    }
  }
  const latest = latestUlnDay(ulns);
  const arcIndex = arcIndexOf(network);
  const exec = executedLoads(network, executed, arcIndex);
  const H = options.horizonDays ?? Math.max(Math.max(latest, today) + 61, exec.latestArrival + 1);
  if (exec.latestArrival >= H) {
    throw new RangeError(`executed loads arrive on day ${exec.latestArrival}, beyond the ${H}-day horizon`);
  }
  const net = networkArrays(network, nodeOf, arcIndex, H);
  const ledger = new Ledger(net, exec);
  const routes = new RouteFinder(network, net, k);

  const M = ulns.length;
  const originOf = new Int32Array(M);
  const destOf = new Int32Array(M);
  /** Eligibility class of each ULN: which arcs it may use (objective.ts canCarry). */
  const classOf = new Int32Array(M);
  for (let j = 0; j < M; j++) {
    const u = ulns[j]!;
    originOf[j] = nodeOf(u.origin, `ULN ${u.uln}`);
    destOf[j] = nodeOf(u.destination, `ULN ${u.uln}`);
    classOf[j] = routes.classOfUln(u);
  }
  const cargo = new CargoGroups(ulns, net, exec, today, originOf, destOf);
  const lift = new LiftRun(net, ledger, cargo);

  const ulnRoutes: Route[][] = new Array<Route[]>(M);
  const urgency = new Float64Array(M);
  for (let j = 0; j < M; j++) {
    const r = routes.routesFor(classOf[j]!, originOf[j]!, destOf[j]!);
    ulnRoutes[j] = r;
    urgency[j] = urgencyOf(ulns[j]!, r);
  }

  return {
    network,
    ulns,
    weightOf,
    today,
    penalty: penaltyDay(H),
    net,
    exec,
    ledger,
    routes,
    residual: new ResidualRouter(net, ledger, routes.classBarred),
    classOf,
    cargo,
    lift,
    choice: new Choice(M, k),
    holdOnTime: false,
    prices: options.prices ? pricesOn(options.prices, net.A, network.nodes.length, H) : null,
    record: new PlanRecord(M, H, net.A),
    ulnRoutes,
    urgency,
    previousOf: previousLoads(options.previous, today),
  };
}

/** Prices in the ledger's layout (H days): days beyond the prices' horizon cost nothing. */
function pricesOn(p: CapacityPrices, A: number, N: number, H: number): CapacityPrices {
  const remap = (from: Float64Array, rows: number): Float64Array => {
    const out = new Float64Array(rows * H);
    const days = Math.min(H, p.H);
    for (let r = 0; r < rows; r++) for (let d = 0; d < days; d++) out[r * H + d] = from[r * p.H + d] ?? 0;
    return out;
  };
  return {
    H,
    arcP: remap(p.arcP, A),
    arcT: remap(p.arcT, A),
    nodeP: remap(p.nodeP, N),
    nodeT: remap(p.nodeT, N),
  };
}
