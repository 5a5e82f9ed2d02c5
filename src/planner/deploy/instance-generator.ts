// Seeded random deployment instances for tests and benchmarks: a layered strategic network
// (home garrisons -> ports of embarkation -> intermediate staging -> ports of debarkation ->
// theatre hubs -> tactical assembly areas) of about 40 nodes and 130 arcs, and N ULNs over a
// 120-day horizon. "surge" squeezes every RDD into the first three weeks to stress capacity.
import { xoshiro128StarStar } from '../prng.ts';
import type { Random } from '../prng.ts';
import type { DeploymentArc, DeploymentNetwork, DeploymentNode, Uln } from './schedule.ts';

export type LoadScenario = 'normal' | 'surge';

export interface InstanceOptions {
  seed: number;
  ulnCount: number;
  scenario?: LoadScenario;
  /** Default 120. */
  horizonDays?: number;
}

export interface DeploymentInstance {
  network: DeploymentNetwork;
  ulns: Uln[];
}

const int = (rng: Random, lo: number, hi: number): number => lo + Math.floor(rng.nextFloat() * (hi - lo + 1));

/** `count` distinct indices below `n`, in increasing order. */
function pick(rng: Random, n: number, count: number): number[] {
  const all = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < Math.min(count, n); i++) {
    const j = i + Math.floor(rng.nextFloat() * (n - i));
    [all[i], all[j]] = [all[j]!, all[i]!];
  }
  return all.slice(0, Math.min(count, n)).sort((a, b) => a - b);
}

export function generateDeploymentInstance(options: InstanceOptions): DeploymentInstance {
  const rng = xoshiro128StarStar(options.seed);
  const horizon = options.horizonDays ?? 120;
  const surge = options.scenario === 'surge';

  const layer = (
    prefix: string,
    count: number,
    reception?: () => { personnel: number; tonnes: number },
  ): DeploymentNode[] =>
    Array.from({ length: count }, (_, i) => {
      const node: DeploymentNode = { id: `${prefix}-${i + 1}` };
      if (reception) node.receptionPerDay = reception();
      return node;
    });
  const origins = layer('GAR', 12);
  const apoe = layer('APOE', 4);
  const spoe = layer('SPOE', 3);
  const isb = layer('ISB', 3, () => ({ personnel: int(rng, 2500, 4000), tonnes: int(rng, 1500, 3000) }));
  const apod = layer('APOD', 3, () => ({ personnel: int(rng, 2500, 4500), tonnes: int(rng, 1500, 3000) }));
  const spod = layer('SPOD', 2, () => ({ personnel: int(rng, 800, 1500), tonnes: int(rng, 8000, 14000) }));
  const hubs = layer('HUB', 4, () => ({ personnel: int(rng, 3000, 5000), tonnes: int(rng, 6000, 10000) }));
  const taa = layer('TAA', 9, () => ({ personnel: int(rng, 1500, 3000), tonnes: int(rng, 3000, 6000) }));
  const nodes = [...origins, ...apoe, ...spoe, ...isb, ...apod, ...spod, ...hubs, ...taa];

  const arcs: DeploymentArc[] = [];
  const add = (
    from: DeploymentNode,
    to: DeploymentNode,
    mode: string,
    transit: [number, number],
    capacity: [number, number],
    load: [number, number],
    wholeUnit = false,
  ): void => {
    const arc: DeploymentArc = {
      id: `${from.id}>${to.id}:${mode}`,
      from: from.id,
      to: to.id,
      mode,
      transitDays: int(rng, transit[0], transit[1]),
      capacityPerDay: { personnel: capacity[0], tonnes: capacity[1] },
      loadSize: { personnel: load[0], tonnes: load[1] },
      closures: [],
    };
    if (wholeUnit) arc.wholeUnit = true;
    arcs.push(arc);
  };
  const ports = [...apoe, ...spoe];
  for (const g of origins) {
    // Road to two or three ports of embarkation; rail (a whole-unit train) to one sea port.
    for (const p of pick(rng, ports.length, int(rng, 2, 4)))
      add(g, ports[p]!, 'road', [1, 3], [int(rng, 800, 1500), int(rng, 800, 2000)], [50, 40]);
    add(
      g,
      spoe[int(rng, 0, spoe.length - 1)]!,
      'rail',
      [1, 4],
      [int(rng, 600, 1000), int(rng, 2000, 4000)],
      [600, 2000],
      true,
    );
  }
  for (const p of apoe) {
    for (const i of pick(rng, isb.length, 2))
      add(p, isb[i]!, 'air', [1, 2], [int(rng, 2000, 3500), int(rng, 800, 1500)], [250, 60]);
    for (const q of pick(rng, apod.length, 3))
      add(p, apod[q]!, 'air', [2, 3], [int(rng, 1500, 3000), int(rng, 600, 1200)], [250, 60]);
  }
  for (const i of isb)
    for (const q of apod) add(i, q, 'air', [1, 1], [int(rng, 1500, 3000), int(rng, 600, 1200)], [250, 60]);
  for (const p of spoe)
    for (const q of spod)
      add(p, q, 'sea', [10, 18], [int(rng, 300, 600), int(rng, 6000, 12000)], [150, 3000]);
  for (const q of [...apod, ...spod]) {
    for (const h of pick(rng, hubs.length, 3))
      add(q, hubs[h]!, 'road', [1, 2], [int(rng, 1500, 3000), int(rng, 3000, 6000)], [60, 40]);
  }
  for (let h = 0; h < hubs.length; h++) {
    add(hubs[h]!, hubs[(h + 1) % hubs.length]!, 'road', [1, 2], [1500, 3000], [60, 40]);
    add(hubs[(h + 1) % hubs.length]!, hubs[h]!, 'road', [1, 2], [1500, 3000], [60, 40]);
  }
  for (const t of taa) {
    for (const h of pick(rng, hubs.length, 2))
      add(hubs[h]!, t, 'road', [1, 3], [int(rng, 1000, 2500), int(rng, 2000, 5000)], [60, 40]);
  }
  for (const t of pick(rng, taa.length, 9))
    add([...apod, ...spod][int(rng, 0, 4)]!, taa[t]!, 'rail', [1, 3], [800, 4000], [400, 1500], true);
  // A few closures: weather at air bases, a strike at a sea port, a bridge down.
  for (const a of pick(rng, arcs.length, 8)) {
    const from = int(rng, 0, horizon - 10);
    arcs[a]!.closures.push({ from, to: from + int(rng, 1, 6) });
  }

  const ulns: Uln[] = [];
  for (let i = 0; i < options.ulnCount; i++) {
    const origin = origins[int(rng, 0, origins.length - 1)]!;
    const destination = taa[int(rng, 0, taa.length - 1)]!;
    const heavy = rng.nextFloat() < 0.3;
    const personnel = heavy ? int(rng, 10, 120) : int(rng, 5, 60);
    const tonnes = heavy ? int(rng, 50, 600) : int(rng, 1, 30);
    let ald: number;
    let rdd: number;
    if (surge) {
      ald = int(rng, 0, 7);
      rdd = int(rng, ald + 3, 21);
    } else {
      ald = int(rng, 0, Math.floor(horizon * 0.6));
      rdd = Math.min(horizon - 1, ald + int(rng, heavy ? 20 : 7, heavy ? 45 : 30));
    }
    const ead = Math.max(ald + 2, rdd - int(rng, 3, 10));
    const lad = rdd + int(rng, 3, 15);
    ulns.push({
      uln: `U${String(i + 1).padStart(5, '0')}`,
      personnel,
      tonnes,
      origin: origin.id,
      destination: destination.id,
      ald,
      ead: Math.min(ead, rdd),
      lad,
      rdd,
      priority: int(rng, 1, 5),
    });
  }
  return { network: { nodes, arcs }, ulns };
}
