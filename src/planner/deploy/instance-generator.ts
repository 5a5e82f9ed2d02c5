// Seeded random deployment instances for tests and benchmarks: a layered strategic network
// (home garrisons -> ports of embarkation -> intermediate staging -> ports of debarkation ->
// theatre hubs -> tactical assembly areas) of about 40 nodes and 130 arcs, and N ULNs over a
// 120-day horizon. "surge" squeezes every RDD into the first three weeks to stress capacity.
//
// Shapes other than the layered one, and lift, are each built from the layered instance of the same
// seed with a random stream of their own: the layered instance of a seed stays what it always was
// (tests hold its numbers), the force list is the same in every shape, and a shape changes only what
// it is about. Each shape is a trap for a planner that only looks at a few short routes or plans
// around a static network:
//  - single-crossing: every route into theatre (hubs and assembly areas) passes one border crossing
//    whose reception is about a third of the ports of debarkation's together;
//  - corridor-detour: the way into theatre is a one-day corridor with about a third of the force's
//    mean daily lift need, beside a detour some three weeks longer with ample capacity; every
//    origin has more than ten routes through the corridor shorter than the shortest detour, so a
//    planner trying the ten shortest routes never sees the detour;
//  - mid-closure: the layered network with its busiest arc (by the personnel of the ULNs whose
//    shortest route uses it) closed for a stretch in the middle of the RDD window.
// Lift splits airlift into strategic (large loads, outsized cargo) and tactical (small loads), and
// gives heavy ULNs a largest item, so outsized equipment cannot fly tactical lift.
import { xoshiro128StarStar } from '../prng.ts';
import type { Random } from '../prng.ts';
import type { DeploymentArc, DeploymentNetwork, DeploymentNode, Uln } from './schedule-types.ts';

export type LoadScenario = 'normal' | 'surge';

export type InstanceShape = 'layered' | 'single-crossing' | 'corridor-detour' | 'mid-closure';

export interface InstanceOptions {
  seed: number;
  ulnCount: number;
  scenario?: LoadScenario;
  /** Default 120. */
  horizonDays?: number;
  /** The network's shape (see the header). Default 'layered'. */
  shape?: InstanceShape;
  /**
   * Strategic and tactical airlift and heavy ULNs' largest items (see applyLift). Default false, the
   * instances the tests and benchmarks were first written against.
   */
  lift?: boolean;
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

/**
 * A random stream for one option of a seed (`tag` 1, 2, ...), apart from the seed's main stream so
 * the layered instance's draws stay as they were: two draws of the main generator make a new 53-bit
 * seed, the tag mixed into its high bits (splitmix64 then makes the streams unrelated).
 */
function substream(seed: number, tag: number): Random {
  const r = xoshiro128StarStar(seed);
  const high = ((r.nextUint32() >>> 11) ^ Math.imul(tag, 0x9e3779b1)) & 0x1fffff;
  return xoshiro128StarStar(high * 2 ** 32 + r.nextUint32());
}

/** The layered network's node layers, for the shapes built on it. */
interface Layers {
  origins: DeploymentNode[];
  apod: DeploymentNode[];
  spod: DeploymentNode[];
  hubs: DeploymentNode[];
  taa: DeploymentNode[];
}

export function generateDeploymentInstance(options: InstanceOptions): DeploymentInstance {
  const instance = layeredInstance(options);
  const shape = options.shape ?? 'layered';
  if (shape === 'single-crossing') singleCrossing(instance, substream(options.seed, 1));
  else if (shape === 'corridor-detour') corridorDetour(instance, substream(options.seed, 2));
  else if (shape === 'mid-closure') midClosure(instance);
  if (options.lift) applyLift(instance, substream(options.seed, 3));
  return { network: instance.network, ulns: instance.ulns };
}

/** An instance as built, with its layers and which ULNs are heavy. */
interface Built extends DeploymentInstance {
  layers: Layers;
  heavy: boolean[];
}

/** The layered instance: its draws, in their order, are those of every seed's instance before shapes. */
function layeredInstance(options: InstanceOptions): Built {
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
  const heavyUlns: boolean[] = [];
  for (let i = 0; i < options.ulnCount; i++) {
    const origin = origins[int(rng, 0, origins.length - 1)]!;
    const destination = taa[int(rng, 0, taa.length - 1)]!;
    const heavy = rng.nextFloat() < 0.3;
    heavyUlns.push(heavy);
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
  return { network: { nodes, arcs }, ulns, layers: { origins, apod, spod, hubs, taa }, heavy: heavyUlns };
}

/** An arc of given figures, its id as the layered network's (from>to:mode). */
function newArc(
  from: DeploymentNode,
  to: DeploymentNode,
  mode: string,
  transitDays: number,
  capacity: [number, number],
  load: [number, number],
  wholeUnit = false,
): DeploymentArc {
  const arc: DeploymentArc = {
    id: `${from.id}>${to.id}:${mode}`,
    from: from.id,
    to: to.id,
    mode,
    transitDays,
    capacityPerDay: { personnel: capacity[0], tonnes: capacity[1] },
    loadSize: { personnel: load[0], tonnes: load[1] },
    closures: [],
  };
  if (wholeUnit) arc.wholeUnit = true;
  return arc;
}

/**
 * Cuts theatre off from the ports of debarkation: drops every arc from a port of debarkation into
 * theatre (hubs, assembly areas) and returns the ports, and the assembly areas those dropped rail
 * arcs served (the new entry keeps a rail line to them).
 */
function cutTheatre(b: Built): { ports: DeploymentNode[]; railTaa: DeploymentNode[] } {
  const ports = [...b.layers.apod, ...b.layers.spod];
  const portIds = new Set(ports.map((n) => n.id));
  const theatre = new Set([...b.layers.hubs, ...b.layers.taa].map((n) => n.id));
  const railTo = new Set<string>();
  b.network.arcs = b.network.arcs.filter((a) => {
    const into = portIds.has(a.from) && theatre.has(a.to);
    if (into && a.mode === 'rail') railTo.add(a.to);
    return !into;
  });
  return { ports, railTaa: b.layers.taa.filter((t) => railTo.has(t.id)) };
}

/** Inserts `added` into the node list before the hubs, where the theatre begins. */
function addBeforeTheatre(b: Built, added: DeploymentNode[]): void {
  const at = b.network.nodes.indexOf(b.layers.hubs[0]!);
  b.network.nodes.splice(at, 0, ...added);
}

/**
 * One border crossing between the ports of debarkation and theatre: ports reach it by road (and sea
 * ports by whole-unit rail), and it alone has arcs into theatre. Its reception, about a third of the
 * ports' together, makes it the node every plan queues at.
 */
function singleCrossing(b: Built, rng: Random): void {
  const { ports, railTaa } = cutTheatre(b);
  const share = 0.3 + 0.1 * rng.nextFloat();
  const sum = (f: (n: DeploymentNode) => number): number => ports.reduce((s, n) => s + f(n), 0);
  const crossing: DeploymentNode = {
    id: 'XING-1',
    receptionPerDay: {
      personnel: Math.round(share * sum((n) => n.receptionPerDay!.personnel)),
      tonnes: Math.round(share * sum((n) => n.receptionPerDay!.tonnes)),
    },
  };
  addBeforeTheatre(b, [crossing]);
  for (const p of ports) {
    b.network.arcs.push(
      newArc(p, crossing, 'road', int(rng, 1, 2), [int(rng, 1500, 3000), int(rng, 3000, 6000)], [60, 40]),
    );
  }
  for (const p of b.layers.spod) {
    b.network.arcs.push(newArc(p, crossing, 'rail', int(rng, 1, 2), [800, 4000], [400, 1500], true));
  }
  for (const h of b.layers.hubs) {
    b.network.arcs.push(
      newArc(crossing, h, 'road', int(rng, 1, 2), [int(rng, 2000, 3500), int(rng, 4000, 8000)], [60, 40]),
    );
  }
  for (const t of railTaa) {
    b.network.arcs.push(newArc(crossing, t, 'rail', int(rng, 1, 3), [800, 4000], [400, 1500], true));
  }
}

/**
 * A gate behind the ports of debarkation, and two ways from it into theatre: a one-day corridor
 * (gate -> pass -> hubs) whose one congested arc carries about a third of the force's mean daily
 * need, and a detour (gate -> two staging areas -> hubs) some three weeks longer with three times
 * that need. Capacities follow the force list so that the corridor congests at any ULN count.
 */
function corridorDetour(b: Built, rng: Random): void {
  const { ports } = cutTheatre(b);
  let personnel = 0;
  let tonnes = 0;
  let first = Infinity;
  let last = 0;
  for (const u of b.ulns) {
    personnel += u.personnel;
    tonnes += u.tonnes;
    first = Math.min(first, u.ald);
    last = Math.max(last, u.rdd);
  }
  const days = Math.max(1, last - first + 1);
  const needP = personnel / days;
  const needT = tonnes / days;
  // The corridor's lifts are small (a mountain road's trucks), so its capacity can be small too: at
  // least one lift, else a third of the need. Ample is at least the old port roads'.
  const corridorLoad: [number, number] = [20, 20];
  const narrow: [number, number] = [
    Math.max(corridorLoad[0], Math.round(needP / 3)),
    Math.max(corridorLoad[1], Math.round(needT / 3)),
  ];
  const ample: [number, number] = [
    Math.max(3000, Math.round(3 * needP)),
    Math.max(6000, Math.round(3 * needT)),
  ];
  const gate: DeploymentNode = { id: 'GATE-1' };
  const pass: DeploymentNode = { id: 'PASS-1' };
  const staging = [{ id: 'DET-1' }, { id: 'DET-2' }];
  addBeforeTheatre(b, [gate, pass, ...staging]);
  const arcs = b.network.arcs;
  for (const p of ports) arcs.push(newArc(p, gate, 'road', 1, ample, [60, 40]));
  for (const p of b.layers.spod) arcs.push(newArc(p, gate, 'rail', 1, [800, 4000], [400, 1500], true));
  arcs.push(newArc(gate, pass, 'road', 1, narrow, corridorLoad));
  for (const h of b.layers.hubs) arcs.push(newArc(pass, h, 'road', 1, ample, [60, 40]));
  arcs.push(newArc(gate, staging[0]!, 'road', int(rng, 10, 12), ample, [60, 40]));
  arcs.push(newArc(staging[0]!, staging[1]!, 'road', int(rng, 10, 12), ample, [60, 40]));
  for (const h of b.layers.hubs) arcs.push(newArc(staging[1]!, h, 'road', int(rng, 1, 2), ample, [60, 40]));
}

/**
 * Closes the layered network's busiest arc, by the personnel of the ULNs whose shortest route
 * (transit days, then legs, then the lowest arc indices) uses it, for a stretch of about a quarter
 * of the RDD window (3 to 14 days) around its middle.
 */
function midClosure(b: Built): void {
  const { nodes, arcs } = b.network;
  const index = new Map(nodes.map((n, i) => [n.id, i]));
  const out: number[][] = nodes.map(() => []);
  arcs.forEach((a, i) => out[index.get(a.from)!]!.push(i));
  /** Arc into each node on the shortest routes from `origin` (Dijkstra; -1 none). */
  const shortestFrom = (origin: number): Int32Array => {
    const dist = new Float64Array(nodes.length).fill(Infinity);
    const legs = new Int32Array(nodes.length);
    const via = new Int32Array(nodes.length).fill(-1);
    const done = new Uint8Array(nodes.length);
    dist[origin] = 0;
    for (;;) {
      let v = -1;
      for (let i = 0; i < nodes.length; i++) {
        if (done[i] || dist[i] === Infinity) continue;
        if (v < 0 || dist[i]! < dist[v]! || (dist[i] === dist[v] && legs[i]! < legs[v]!)) v = i;
      }
      if (v < 0) return via;
      done[v] = 1;
      for (const a of out[v]!) {
        const w = index.get(arcs[a]!.to)!;
        const d = dist[v]! + arcs[a]!.transitDays;
        if (d < dist[w]! || (d === dist[w] && legs[v]! + 1 < legs[w]!)) {
          dist[w] = d;
          legs[w] = legs[v]! + 1;
          via[w] = a;
        }
      }
    }
  };
  // Personnel per (origin, destination) first: tens of thousands of ULNs share a hundred pairs.
  const pairs = new Map<string, number>();
  let firstRdd = Infinity;
  let lastRdd = -Infinity;
  for (const u of b.ulns) {
    const key = `${u.origin}\n${u.destination}`;
    pairs.set(key, (pairs.get(key) ?? 0) + u.personnel);
    firstRdd = Math.min(firstRdd, u.rdd);
    lastRdd = Math.max(lastRdd, u.rdd);
  }
  if (pairs.size === 0) return;
  const load = new Float64Array(arcs.length);
  const trees = new Map<number, Int32Array>();
  for (const [key, personnel] of pairs) {
    const [o, d] = key.split('\n') as [string, string];
    const from = index.get(o)!;
    let via = trees.get(from);
    if (!via) trees.set(from, (via = shortestFrom(from)));
    for (let v = index.get(d)!; via[v]! >= 0; v = index.get(arcs[via[v]!]!.from)!) {
      load[via[v]!] = load[via[v]!]! + personnel;
    }
  }
  let busiest = 0;
  for (let a = 1; a < arcs.length; a++) if (load[a]! > load[busiest]!) busiest = a;
  const length = Math.min(14, Math.max(3, Math.round((lastRdd - firstRdd) / 4)));
  const from = Math.floor((firstRdd + lastRdd) / 2) - Math.floor(length / 2);
  arcs[busiest]!.closures.push({ from, to: from + length - 1 });
}

/** Airlift loads: strategic (C-17 class) and tactical (C-130 class), tonnes. */
const STRATEGIC_TONNES: [number, number] = [60, 77];
const TACTICAL_TONNES: [number, number] = [18, 20];
const TACTICAL_PERSONNEL = 90;
/** Road loads under lift: heavy equipment transporters, which carry any item airlift can. */
const ROAD_TONNES_WITH_LIFT = 70;
/** Heavy ULNs' largest item, tonnes (at most the ULN's tonnes). */
const LARGEST_ITEM_TONNES: [number, number] = [25, 65];

/**
 * Strategic and tactical airlift: air arcs out of ports of embarkation fly strategic lift, the
 * others (intermediate staging to ports of debarkation) tactical. Heavy ULNs get a largest item of
 * 25 to 65 t, which no tactical lift takes and the smaller strategic lifts do not all take. Every
 * road arc's load (the corridor's too) becomes a heavy equipment transporter's, 70 t, so an outsized
 * item is kept off aircraft, not off the road: every ULN still has a route (by sea, and rail or road).
 */
function applyLift(b: Built, rng: Random): void {
  for (const a of b.network.arcs) {
    if (a.mode === 'air') {
      if (a.from.startsWith('APOE-'))
        a.loadSize = { personnel: a.loadSize.personnel, tonnes: int(rng, ...STRATEGIC_TONNES) };
      else a.loadSize = { personnel: TACTICAL_PERSONNEL, tonnes: int(rng, ...TACTICAL_TONNES) };
    } else if (a.mode === 'road') {
      a.loadSize = { personnel: a.loadSize.personnel, tonnes: ROAD_TONNES_WITH_LIFT };
    }
  }
  b.ulns.forEach((u, i) => {
    if (b.heavy[i]) u.largestItemTonnes = Math.min(u.tonnes, int(rng, ...LARGEST_ITEM_TONNES));
  });
}
