import { describe, expect, it } from 'vitest';
import { generateDeploymentInstance } from './instance-generator.ts';
import type { InstanceShape } from './instance-generator.ts';
import type { DeploymentArc, DeploymentNetwork, Uln } from './schedule-types.ts';

describe('generateDeploymentInstance', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = generateDeploymentInstance({ seed: 5, ulnCount: 200 });
    expect(generateDeploymentInstance({ seed: 5, ulnCount: 200 })).toEqual(a);
    expect(generateDeploymentInstance({ seed: 6, ulnCount: 200 })).not.toEqual(a);
  });

  it('builds about 40 nodes and 130 arcs with consistent references and dates', () => {
    for (const scenario of ['normal', 'surge'] as const) {
      const { network, ulns } = generateDeploymentInstance({ seed: 1, ulnCount: 500, scenario });
      expect(network.nodes).toHaveLength(40);
      expect(network.arcs.length).toBeGreaterThanOrEqual(115);
      expect(network.arcs.length).toBeLessThanOrEqual(145);
      const ids = new Set(network.nodes.map((n) => n.id));
      expect(new Set(network.arcs.map((a) => a.id)).size).toBe(network.arcs.length);
      for (const a of network.arcs) {
        expect(ids.has(a.from) && ids.has(a.to)).toBe(true);
        expect(Number.isInteger(a.transitDays) && a.transitDays >= 1).toBe(true);
      }
      expect(ulns).toHaveLength(500);
      for (const u of ulns) {
        expect(ids.has(u.origin) && ids.has(u.destination)).toBe(true);
        expect(u.ald).toBeLessThanOrEqual(u.ead);
        expect(u.ead).toBeLessThanOrEqual(u.rdd);
        expect(u.rdd).toBeLessThanOrEqual(u.lad);
        expect(u.rdd).toBeLessThan(120);
        if (scenario === 'surge') expect(u.rdd).toBeLessThanOrEqual(21);
      }
    }
  });

  it('keeps the layered instances the tests and benchmarks were written against', () => {
    // FNV-1a of the instances as first generated, before shapes and lift were added.
    expect(fnv(JSON.stringify(generateDeploymentInstance({ seed: 1, ulnCount: 300 })))).toBe('9c1b3854');
    const surge = generateDeploymentInstance({ seed: 1, ulnCount: 300, scenario: 'surge' });
    expect(fnv(JSON.stringify(surge))).toBe('cecbf1d8');
    expect(
      generateDeploymentInstance({
        seed: 1,
        ulnCount: 300,
        scenario: 'surge',
        shape: 'layered',
        lift: false,
      }),
    ).toEqual(surge);
  });
});

/** FNV-1a, 32 bits, as hex: a fingerprint of an instance. */
function fnv(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(16).padStart(8, '0');
}

const SHAPES: InstanceShape[] = ['layered', 'single-crossing', 'corridor-detour', 'mid-closure'];
const theatre = (id: string): boolean => id.startsWith('HUB-') || id.startsWith('TAA-');

/** Least transit days from `from` to every node over `arcs` (Bellman-Ford: a check apart from the generator's). */
function transitFrom(network: DeploymentNetwork, from: string, arcs = network.arcs): Map<string, number> {
  const dist = new Map(network.nodes.map((n) => [n.id, Infinity]));
  dist.set(from, 0);
  for (let round = 0; round < network.nodes.length; round++) {
    let changed = false;
    for (const a of arcs) {
      const d = dist.get(a.from)! + a.transitDays;
      if (d < dist.get(a.to)!) {
        dist.set(a.to, d);
        changed = true;
      }
    }
    if (!changed) break;
  }
  return dist;
}

/** The (origin, destination) pairs of the ULNs, each once. */
const pairsOf = (ulns: readonly Uln[]): [string, string][] =>
  [...new Set(ulns.map((u) => `${u.origin} ${u.destination}`))].map((k) => k.split(' ') as [string, string]);

/** Whether the ULN may use the arc: its lift takes the largest item, or it takes the whole unit. */
const fits = (u: Uln, a: DeploymentArc): boolean =>
  u.largestItemTonnes === undefined || !!a.wholeUnit || a.loadSize.tonnes >= u.largestItemTonnes;

describe('generateDeploymentInstance shapes', () => {
  it('are deterministic per seed, differ between seeds and share the layered force list', () => {
    const layered = generateDeploymentInstance({ seed: 7, ulnCount: 200 });
    for (const shape of SHAPES) {
      for (const lift of [false, true]) {
        const a = generateDeploymentInstance({ seed: 7, ulnCount: 200, shape, lift });
        expect(generateDeploymentInstance({ seed: 7, ulnCount: 200, shape, lift })).toEqual(a);
        expect(generateDeploymentInstance({ seed: 8, ulnCount: 200, shape, lift })).not.toEqual(a);
        const ids = new Set(a.network.nodes.map((n) => n.id));
        expect(ids.size).toBe(a.network.nodes.length);
        expect(new Set(a.network.arcs.map((x) => x.id)).size).toBe(a.network.arcs.length);
        for (const x of a.network.arcs) expect(ids.has(x.from) && ids.has(x.to)).toBe(true);
        if (!lift) expect(a.ulns).toEqual(layered.ulns);
        // Every ULN can reach its destination, over arcs that can carry it.
        for (const u of a.ulns.slice(0, 40)) {
          const usable = a.network.arcs.filter((x) => fits(u, x));
          expect(transitFrom(a.network, u.origin, usable).get(u.destination)).toBeLessThan(Infinity);
        }
      }
    }
  });

  it('single-crossing: every route into theatre passes the one crossing, whose reception is limited', () => {
    for (const seed of [1, 2, 3]) {
      const { network, ulns } = generateDeploymentInstance({ seed, ulnCount: 300, shape: 'single-crossing' });
      const crossing = network.nodes.find((n) => n.id === 'XING-1')!;
      expect(crossing.receptionPerDay).toBeDefined();
      const ports = network.nodes.filter((n) => /^[AS]POD-/.test(n.id));
      const portsP = ports.reduce((s, n) => s + n.receptionPerDay!.personnel, 0);
      expect(crossing.receptionPerDay!.personnel).toBeLessThan(portsP / 2);
      for (const a of network.arcs) {
        if (theatre(a.to) && !theatre(a.from)) expect(a.from).toBe('XING-1');
      }
      const without = network.arcs.filter((a) => a.from !== 'XING-1' && a.to !== 'XING-1');
      for (const [o, d] of pairsOf(ulns)) {
        expect(transitFrom(network, o).get(d)).toBeLessThan(Infinity);
        expect(transitFrom(network, o, without).get(d)).toBe(Infinity);
      }
    }
  });

  it('corridor-detour: the corridor is far shorter but narrower, and more than ten routes use it first', () => {
    for (const scenario of ['normal', 'surge'] as const) {
      const { network, ulns } = generateDeploymentInstance({
        seed: 2,
        ulnCount: 300,
        scenario,
        shape: 'corridor-detour',
      });
      const corridor = network.arcs.find((a) => a.from === 'GATE-1' && a.to === 'PASS-1')!;
      const detour = network.arcs.filter((a) => a.from.startsWith('DET-') || a.to.startsWith('DET-'));
      for (const a of detour) {
        expect(a.capacityPerDay.personnel).toBeGreaterThan(2 * corridor.capacityPerDay.personnel);
        expect(a.capacityPerDay.tonnes).toBeGreaterThan(2 * corridor.capacityPerDay.tonnes);
      }
      // Every way into theatre is the corridor or the detour.
      for (const a of network.arcs) {
        if (theatre(a.to) && !theatre(a.from)) expect(['PASS-1', 'DET-2']).toContain(a.from);
      }
      // Over the RDD window the corridor cannot carry the force: it congests.
      const first = Math.min(...ulns.map((u) => u.ald));
      const last = Math.max(...ulns.map((u) => u.rdd));
      const force = ulns.reduce((s, u) => s + u.personnel, 0);
      expect(corridor.capacityPerDay.personnel * (last - first + 1)).toBeLessThan(force / 2);

      const noDetour = network.arcs.filter((a) => !detour.includes(a));
      const noCorridor = network.arcs.filter((a) => a !== corridor);
      for (const [o, d] of pairsOf(ulns)) {
        const short = transitFrom(network, o, noDetour).get(d)!;
        const long = transitFrom(network, o, noCorridor).get(d)!;
        expect(long - short).toBeGreaterThanOrEqual(15);
        // A planner trying the ten shortest routes tries only corridor routes.
        expect(routesShorterThan(network, noDetour, o, d, long, 11)).toBe(11);
      }
    }
  });

  it('mid-closure: the busiest arc on the shortest routes is closed around the middle of the RDD window', () => {
    for (const scenario of ['normal', 'surge'] as const) {
      const layered = generateDeploymentInstance({ seed: 3, ulnCount: 300, scenario });
      const { network, ulns } = generateDeploymentInstance({
        seed: 3,
        ulnCount: 300,
        scenario,
        shape: 'mid-closure',
      });
      const changed = network.arcs.filter(
        (a, i) => a.closures.length !== layered.network.arcs[i]!.closures.length,
      );
      expect(changed).toHaveLength(1);
      const closed = changed[0]!;
      expect({ ...closed, closures: closed.closures.slice(0, -1) }).toEqual(
        layered.network.arcs[network.arcs.indexOf(closed)],
      );
      const closure = closed.closures.at(-1)!;
      const rdds = ulns.map((u) => u.rdd);
      const middle = (Math.min(...rdds) + Math.max(...rdds)) / 2;
      expect(closure.from).toBeLessThanOrEqual(middle);
      expect(closure.to).toBeGreaterThanOrEqual(middle);
      expect(closure.to - closure.from + 1).toBeGreaterThanOrEqual(3);
      expect(closure.to - closure.from + 1).toBeLessThanOrEqual(14);

      // Busiest: the personnel whose shortest routes may use the closed arc are at least those whose
      // shortest routes must use any other arc.
      const dist = new Map(network.nodes.map((n) => [n.id, transitFrom(network, n.id)]));
      const may = (a: DeploymentArc, o: string, d: string): boolean =>
        dist.get(o)!.get(a.from)! + a.transitDays + dist.get(a.to)!.get(d)! === dist.get(o)!.get(d)!;
      const personnel = new Map<string, number>();
      for (const u of ulns)
        personnel.set(
          `${u.origin} ${u.destination}`,
          (personnel.get(`${u.origin} ${u.destination}`) ?? 0) + u.personnel,
        );
      const pairs = pairsOf(ulns);
      const sum = (f: (o: string, d: string) => boolean): number =>
        pairs.reduce((s, [o, d]) => s + (f(o, d) ? personnel.get(`${o} ${d}`)! : 0), 0);
      const upper = sum((o, d) => may(closed, o, d));
      for (const a of network.arcs) {
        if (a === closed) continue;
        const others = network.arcs.filter((x) => x !== a);
        const must = (o: string, d: string): boolean =>
          may(a, o, d) && transitFrom(network, o, others).get(d)! > dist.get(o)!.get(d)!;
        expect(upper).toBeGreaterThanOrEqual(sum(must));
      }
    }
  });

  it('lift: strategic and tactical airlift, and heavy ULNs too big for tactical lift', () => {
    const plain = generateDeploymentInstance({ seed: 5, ulnCount: 500 });
    const { network, ulns } = generateDeploymentInstance({ seed: 5, ulnCount: 500, lift: true });
    expect(network.arcs.map((a) => [a.id, a.transitDays, a.capacityPerDay])).toEqual(
      plain.network.arcs.map((a) => [a.id, a.transitDays, a.capacityPerDay]),
    );
    const air = network.arcs.filter((a) => a.mode === 'air');
    const strategic = air.filter((a) => a.from.startsWith('APOE-'));
    const tactical = air.filter((a) => !a.from.startsWith('APOE-'));
    expect(strategic.length).toBeGreaterThan(0);
    expect(tactical.length).toBeGreaterThan(0);
    for (const a of strategic) expect(a.loadSize.tonnes).toBeGreaterThanOrEqual(60);
    for (const a of strategic) expect(a.loadSize.tonnes).toBeLessThanOrEqual(77);
    for (const a of tactical) expect(a.loadSize.tonnes).toBeGreaterThanOrEqual(18);
    for (const a of tactical) expect(a.loadSize.tonnes).toBeLessThanOrEqual(20);

    ulns.forEach((u, i) => {
      const p = plain.ulns[i]!;
      expect({ ...u, largestItemTonnes: undefined }).toEqual({ ...p, largestItemTonnes: undefined });
      expect(u.criticalShare).toBeUndefined();
      if (u.largestItemTonnes === undefined) return;
      expect(u.largestItemTonnes).toBeGreaterThanOrEqual(Math.min(25, u.tonnes));
      expect(u.largestItemTonnes).toBeLessThanOrEqual(Math.min(65, u.tonnes));
    });
    const heavy = ulns.filter((u) => u.largestItemTonnes !== undefined);
    expect(heavy.length).toBeGreaterThan(100);
    const grounded = heavy.filter((u) => tactical.every((a) => !fits(u, a)));
    expect(grounded.length).toBeGreaterThan(heavy.length / 2);
    // Some do not fit every strategic lift either, but every ULN still has a way (checked above).
    expect(heavy.some((u) => strategic.some((a) => !fits(u, a)))).toBe(true);
  });

  // Its speed is bench/planner's to measure: no wall-clock limit in a unit test.
  it('generates 50,000 ULNs in every shape', () => {
    for (const shape of SHAPES) {
      const { ulns } = generateDeploymentInstance({
        seed: 1,
        ulnCount: 50_000,
        scenario: 'surge',
        shape,
        lift: true,
      });
      expect(ulns).toHaveLength(50_000);
    }
  });
});

/**
 * How many simple paths from `o` to `d` over `arcs` take fewer than `limit` transit days, counting
 * up to `enough` (a depth-first search pruned by the least transit still to go).
 */
function routesShorterThan(
  network: DeploymentNetwork,
  arcs: readonly DeploymentArc[],
  o: string,
  d: string,
  limit: number,
  enough: number,
): number {
  // Least transit from every node to d: Bellman-Ford on the reversed arcs.
  const reversed = arcs.map((a) => ({ ...a, from: a.to, to: a.from }));
  const toD = transitFrom(network, d, reversed);
  const out = new Map<string, DeploymentArc[]>();
  for (const a of arcs) out.set(a.from, [...(out.get(a.from) ?? []), a]);
  let found = 0;
  const visited = new Set([o]);
  const walk = (v: string, spent: number): void => {
    if (found >= enough) return;
    if (v === d) {
      found++;
      return;
    }
    for (const a of out.get(v) ?? []) {
      if (visited.has(a.to) || spent + a.transitDays + toD.get(a.to)! >= limit) continue;
      visited.add(a.to);
      walk(a.to, spent + a.transitDays);
      visited.delete(a.to);
    }
  };
  walk(o, 0);
  return found;
}
