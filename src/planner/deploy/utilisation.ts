// Utilisation and bottlenecks of a recorded plan, from its ledgers: per arc and node and day the
// personnel and tonnes used and the larger of their shares of the daily limit, the days cargo was
// turned away, and the arcs and nodes ranked by days at capacity times the weighted waiting.
import type { Ledger } from './ledger.ts';
import type { NetworkArrays } from './network-arrays.ts';
import type { ArcUtilisation, Bottleneck, DeploymentNetwork, NodeUtilisation } from './schedule-types.ts';

/**
 * Row `k` of a ledger over `H` days: the larger of the personnel and tonnes shares of the daily
 * limit (0 where the limit is unlimited or zero) into `util`, and the days on which cargo was
 * turned away. The rows are views of the ledger's arrays, not copies.
 */
function ledgerRow(
  k: number,
  H: number,
  usedP: Float64Array,
  usedT: Float64Array,
  limitP: number,
  limitT: number,
  sat: Uint8Array,
  util: Float64Array,
) {
  let days = 0;
  const hasP = Number.isFinite(limitP) && limitP > 0;
  const hasT = Number.isFinite(limitT) && limitT > 0;
  for (let d = 0; d < H; d++) {
    const i = k * H + d;
    const fp = hasP ? usedP[i]! / limitP : 0;
    const ft = hasT ? usedT[i]! / limitT : 0;
    util[i] = fp > ft ? fp : ft;
    days += sat[i]!;
  }
  const s = k * H;
  return {
    personnel: usedP.subarray(s, s + H),
    tonnes: usedT.subarray(s, s + H),
    utilisation: util.subarray(s, s + H),
    daysAtCapacity: days,
  };
}

/** Every arc's and node's utilisation, and the `topN` worst bottlenecks. */
export function utilisation(
  network: DeploymentNetwork,
  net: NetworkArrays,
  ledger: Ledger,
  topN: number,
): { arcs: ArcUtilisation[]; nodes: NodeUtilisation[]; bottlenecks: Bottleneck[] } {
  const { A, N, H, capP, capT, recP, recT } = net;
  const { arcUsedP, arcUsedT, nodeUsedP, nodeUsedT, arcSat, nodeSat, arcWait, nodeWait } = ledger;
  const arcUtil = new Float64Array(A * H);
  const arcs: ArcUtilisation[] = network.arcs.map((arc, a) => ({
    arc: arc.id,
    ...ledgerRow(a, H, arcUsedP, arcUsedT, capP[a]!, capT[a]!, arcSat, arcUtil),
  }));
  const nodeUtil = new Float64Array(N * H);
  const nodes: NodeUtilisation[] = network.nodes.map((node, n) => ({
    node: node.id,
    ...ledgerRow(n, H, nodeUsedP, nodeUsedT, recP[n]!, recT[n]!, nodeSat, nodeUtil),
  }));
  const bottlenecks: Bottleneck[] = [];
  arcs.forEach((x, a) => {
    if (arcWait[a]! > 0) {
      const w = arcWait[a]!;
      bottlenecks.push({
        kind: 'arc',
        id: x.arc,
        daysAtCapacity: x.daysAtCapacity,
        weightedWaiting: w,
        score: x.daysAtCapacity * w,
      });
    }
  });
  nodes.forEach((x, n) => {
    if (nodeWait[n]! > 0) {
      const w = nodeWait[n]!;
      bottlenecks.push({
        kind: 'node',
        id: x.node,
        daysAtCapacity: x.daysAtCapacity,
        weightedWaiting: w,
        score: x.daysAtCapacity * w,
      });
    }
  });
  // A closed arc has waiting but no capacity days; rank it by waiting after the capacity-bound ones.
  bottlenecks.sort(
    (x, y) =>
      y.score - x.score || y.weightedWaiting - x.weightedWaiting || (x.id < y.id ? -1 : x.id > y.id ? 1 : 0),
  );
  return { arcs, nodes, bottlenecks: bottlenecks.slice(0, topN) };
}
