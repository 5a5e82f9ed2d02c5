import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDeploymentInstance } from './instance-generator.ts';
import { planDeployment } from './schedule.ts';
import type { DeploymentArc, DeploymentNetwork, DeploymentPlan, Uln } from './schedule.ts';

const TOL = 1e-6;

function arc(id: string, from: string, to: string, extra: Partial<DeploymentArc> = {}): DeploymentArc {
  return {
    id,
    from,
    to,
    mode: 'air',
    transitDays: 2,
    capacityPerDay: { personnel: 1000, tonnes: 1000 },
    loadSize: { personnel: 1000, tonnes: 1000 },
    closures: [],
    ...extra,
  };
}

function uln(id: string, extra: Partial<Uln> = {}): Uln {
  return {
    uln: id,
    personnel: 100,
    tonnes: 0,
    origin: 'A',
    destination: 'B',
    ald: 0,
    ead: 0,
    lad: 30,
    rdd: 10,
    priority: 1,
    ...extra,
  };
}

const nodesAB = [{ id: 'A' }, { id: 'B' }];
const moves = (plan: DeploymentPlan, i = 0): [number, number, number, number, number][] =>
  plan.ulns[i]!.movements.map((m) => [m.leg, m.departDay, m.arriveDay, m.personnel, m.tonnes]);

describe('planDeployment on hand-built instances', () => {
  it('cuts a unit into lift loads that all leave on its ALD when capacity allows', () => {
    const net = { nodes: nodesAB, arcs: [arc('AB', 'A', 'B', { loadSize: { personnel: 40, tonnes: 100 } })] };
    const plan = planDeployment(net, [uln('U1', { ald: 1, rdd: 3 })]);
    expect(moves(plan)).toEqual([
      [0, 1, 3, 40, 0],
      [0, 1, 3, 40, 0],
      [0, 1, 3, 20, 0],
    ]);
    expect(plan.ulns[0]).toMatchObject({ status: 'scheduled', route: ['AB'], arrivalDay: 3, daysLate: 0 });
    expect(plan.ulns[0]!.legs[0]).toMatchObject({
      firstDeparture: 1,
      lastDeparture: 1,
      lastArrival: 3,
      loads: 3,
    });
    expect(plan.objective).toEqual({ weightedPersonnelDaysLate: 0, closureDay: 3, unscheduled: 0 });
    expect(Array.from(plan.closureCurve.subarray(0, 5))).toEqual([0, 0, 0, 100, 100]);
    expect(plan.arcs[0]!.personnel[1]).toBe(100);
    expect(plan.arcs[0]!.utilisation[1]).toBeCloseTo(0.1);
  });

  it('spreads loads over days when daily capacity binds, counts lateness and names the bottleneck', () => {
    const net = {
      nodes: nodesAB,
      arcs: [
        arc('AB', 'A', 'B', {
          capacityPerDay: { personnel: 50, tonnes: 100 },
          loadSize: { personnel: 40, tonnes: 100 },
        }),
      ],
    };
    const plan = planDeployment(net, [uln('U1', { ald: 1, rdd: 3, priority: 2 })]);
    expect(moves(plan)).toEqual([
      [0, 1, 3, 40, 0],
      [0, 2, 4, 40, 0],
      [0, 3, 5, 20, 0],
    ]);
    expect(plan.ulns[0]).toMatchObject({
      arrivalDay: 5,
      daysLate: 2,
      personnelDaysLate: 80,
      weightedPersonnelDaysLate: 40,
    });
    expect(plan.objective.weightedPersonnelDaysLate).toBe(40);
    expect(plan.bottlenecks).toEqual([
      { kind: 'arc', id: 'AB', daysAtCapacity: 2, weightedWaiting: 1, score: 2 },
    ]);
  });

  it('departs nothing on closed days', () => {
    const net = { nodes: nodesAB, arcs: [arc('AB', 'A', 'B', { closures: [{ from: 1, to: 2 }] })] };
    const plan = planDeployment(net, [uln('U1', { ald: 1 })]);
    expect(moves(plan)).toEqual([[0, 3, 5, 100, 0]]);
  });

  it('holds the last leg until the arrival would fall on or after EAD', () => {
    const net = { nodes: nodesAB, arcs: [arc('AB', 'A', 'B')] };
    const plan = planDeployment(net, [uln('U1', { ald: 0, ead: 6 })]);
    expect(moves(plan)).toEqual([[0, 4, 6, 100, 0]]);
  });

  it('gives reception to the higher priority first', () => {
    const net = {
      nodes: [{ id: 'A' }, { id: 'B', receptionPerDay: { personnel: 50, tonnes: 50 } }],
      arcs: [arc('AB', 'A', 'B')],
    };
    const plan = planDeployment(net, [
      uln('low', { personnel: 40, priority: 2 }),
      uln('high', { personnel: 40, priority: 1 }),
    ]);
    expect(moves(plan, 1)).toEqual([[0, 0, 2, 40, 0]]);
    expect(moves(plan, 0)).toEqual([[0, 1, 3, 40, 0]]);
    expect(plan.bottlenecks[0]).toMatchObject({
      kind: 'node',
      id: 'B',
      daysAtCapacity: 1,
      weightedWaiting: 0.5,
    });
  });

  it('moves a whole-unit leg in one lift once all the cargo is in', () => {
    const net = {
      nodes: [{ id: 'A' }, { id: 'M' }, { id: 'B' }],
      arcs: [
        arc('AM', 'A', 'M', {
          transitDays: 1,
          capacityPerDay: { personnel: 50, tonnes: 0 },
          loadSize: { personnel: 30, tonnes: 0 },
        }),
        arc('MB', 'M', 'B', {
          transitDays: 1,
          capacityPerDay: { personnel: 100, tonnes: 0 },
          wholeUnit: true,
        }),
      ],
    };
    const plan = planDeployment(net, [
      uln('U1', { personnel: 80 }),
      uln('big', { personnel: 150, priority: 5 }),
    ]);
    expect(moves(plan)).toEqual([
      [0, 0, 1, 30, 0],
      [0, 1, 2, 30, 0],
      [0, 1, 2, 20, 0],
      [1, 2, 3, 80, 0],
    ]);
    expect(plan.ulns[1]).toMatchObject({ status: 'beyond-horizon', arrivalDay: null, movements: [] });
    expect(plan.objective.unscheduled).toBe(1);
  });

  it('picks the candidate route with the least weighted lateness, not the shortest', () => {
    const net = {
      nodes: [{ id: 'A' }, { id: 'C' }, { id: 'B' }],
      arcs: [
        arc('direct', 'A', 'B', { transitDays: 5 }),
        arc('AC', 'A', 'C', { transitDays: 1 }),
        arc('CB', 'C', 'B', {
          transitDays: 1,
          capacityPerDay: { personnel: 10, tonnes: 10 },
          loadSize: { personnel: 10, tonnes: 10 },
        }),
      ],
    };
    const late = planDeployment(net, [uln('U1', { rdd: 2 })]);
    expect(late.ulns[0]!.route).toEqual(['direct']);
    // One load fits the narrow leg in a day, so the shorter route now arrives first and wins.
    const small = planDeployment(net, [uln('U1', { personnel: 10, rdd: 2 })]);
    expect(small.ulns[0]!.route).toEqual(['AC', 'CB']);
    expect(moves(small)).toEqual([
      [0, 0, 1, 10, 0],
      [1, 1, 2, 10, 0],
    ]);
  });

  it('reports ULNs that cannot make LAD, with the reason', () => {
    const net = { nodes: [...nodesAB, { id: 'Z' }], arcs: [arc('AB', 'A', 'B', { transitDays: 3 })] };
    const plan = planDeployment(net, [
      uln('late', { ald: 5, lad: 7, rdd: 7 }),
      uln('lost', { destination: 'Z' }),
      uln('fine'),
    ]);
    expect(plan.missedLad).toEqual([
      { uln: 'late', reason: 'ready day 5 + shortest transit 3 > LAD 7' },
      { uln: 'lost', reason: 'no route from A to Z' },
    ]);
    expect(plan.ulns[0]!.arrivalDay).toBe(8);
    expect(plan.ulns[1]!.status).toBe('no-route');
  });
});

// ---- Properties. ----

function checkPlan(net: DeploymentNetwork, ulns: Uln[], plan: DeploymentPlan): void {
  const H = plan.horizonDays;
  const arcIdx = new Map(net.arcs.map((a, i) => [a.id, i]));
  const nodeIdx = new Map(net.nodes.map((n, i) => [n.id, i]));
  const arcP = new Float64Array(net.arcs.length * H);
  const arcT = new Float64Array(net.arcs.length * H);
  const nodeP = new Float64Array(net.nodes.length * H);
  const nodeT = new Float64Array(net.nodes.length * H);
  const arrivals = new Float64Array(H);
  plan.ulns.forEach((s, j) => {
    const u = ulns[j]!;
    expect(s.uln).toBe(u.uln);
    if (s.status !== 'scheduled') return;
    const legP = s.legs.map(() => 0);
    const legT = s.legs.map(() => 0);
    for (const m of s.movements) {
      const a = net.arcs[arcIdx.get(s.route[m.leg]!)!]!;
      const ai = arcIdx.get(a.id)!;
      expect(m.arriveDay).toBe(m.departDay + a.transitDays);
      expect(m.departDay).toBeGreaterThanOrEqual(u.ald);
      for (const c of a.closures) expect(m.departDay >= c.from && m.departDay <= c.to).toBe(false);
      arcP[ai * H + m.departDay]! += m.personnel;
      arcT[ai * H + m.departDay]! += m.tonnes;
      const ni = nodeIdx.get(a.to)!;
      nodeP[ni * H + m.arriveDay]! += m.personnel;
      nodeT[ni * H + m.arriveDay]! += m.tonnes;
      legP[m.leg]! += m.personnel;
      legT[m.leg]! += m.tonnes;
      if (m.leg === s.legs.length - 1) {
        arrivals[m.arriveDay]! += m.personnel;
        expect(m.arriveDay).toBeGreaterThanOrEqual(u.ead);
      }
    }
    // Conservation on every leg, and cargo leaves a node no sooner than it came in.
    for (let l = 0; l < s.legs.length; l++) {
      expect(legP[l]).toBeCloseTo(u.personnel, 6);
      expect(legT[l]).toBeCloseTo(u.tonnes, 6);
      const a = net.arcs[arcIdx.get(s.route[l]!)!]!;
      if (a.wholeUnit) expect(s.movements.filter((m) => m.leg === l)).toHaveLength(1);
      if (l === 0) continue;
      const inP = new Float64Array(H);
      const inT = new Float64Array(H);
      const outP = new Float64Array(H);
      const outT = new Float64Array(H);
      for (const m of s.movements) {
        if (m.leg === l - 1) {
          inP[m.arriveDay]! += m.personnel;
          inT[m.arriveDay]! += m.tonnes;
        } else if (m.leg === l) {
          outP[m.departDay]! += m.personnel;
          outT[m.departDay]! += m.tonnes;
        }
      }
      let cin = 0;
      let cout = 0;
      let tin = 0;
      let tout = 0;
      for (let d = 0; d < H; d++) {
        cin += inP[d]!;
        cout += outP[d]!;
        tin += inT[d]!;
        tout += outT[d]!;
        if (cout > cin + TOL || tout > tin + TOL)
          expect.fail(`${u.uln} leg ${l} departs cargo before it arrives`);
      }
    }
    const finals = s.movements.filter((m) => m.leg === s.legs.length - 1).map((m) => m.arriveDay);
    expect(s.arrivalDay).toBe(Math.max(...finals));
  });
  // Scalar comparisons with expect.fail: thousands of expect() calls per run dominate the test time.
  net.arcs.forEach((a, ai) => {
    for (let d = 0; d < H; d++) {
      const i = ai * H + d;
      if (arcP[i]! > a.capacityPerDay.personnel + TOL || arcT[i]! > a.capacityPerDay.tonnes + TOL) {
        expect.fail(`arc ${a.id} over capacity on day ${d}`);
      }
      const ledger = plan.arcs[ai]!;
      if (Math.abs(ledger.personnel[d]! - arcP[i]!) > TOL || Math.abs(ledger.tonnes[d]! - arcT[i]!) > TOL) {
        expect.fail(`arc ${a.id} ledger disagrees with the movements on day ${d}`);
      }
    }
  });
  net.nodes.forEach((n, ni) => {
    const rp = n.receptionPerDay?.personnel ?? Infinity;
    const rt = n.receptionPerDay?.tonnes ?? Infinity;
    for (let d = 0; d < H; d++) {
      const i = ni * H + d;
      if (nodeP[i]! > rp + TOL || nodeT[i]! > rt + TOL)
        expect.fail(`node ${n.id} over reception on day ${d}`);
    }
  });
  let cum = 0;
  for (let d = 0; d < H; d++) {
    cum += arrivals[d]!;
    if (Math.abs(plan.closureCurve[d]! - cum) > TOL)
      expect.fail(`closure curve is not cumulative arrivals on day ${d}`);
  }
}

const pt = (max: number): fc.Arbitrary<{ personnel: number; tonnes: number }> =>
  fc.record({ personnel: fc.integer({ min: 1, max }), tonnes: fc.integer({ min: 1, max }) });

/** Small random networks over nodes N0..N4 with random capacities, loads, closures and reception. */
const instance = fc
  .record({
    reception: fc.array(fc.option(pt(200), { nil: undefined }), { minLength: 5, maxLength: 5 }),
    arcs: fc.array(
      fc.record({
        from: fc.integer({ min: 0, max: 4 }),
        to: fc.integer({ min: 0, max: 4 }),
        transitDays: fc.integer({ min: 1, max: 4 }),
        capacityPerDay: pt(150),
        loadSize: pt(80),
        wholeUnit: fc.boolean(),
        closures: fc.array(
          fc.record({ from: fc.integer({ min: 0, max: 20 }), len: fc.integer({ min: 0, max: 5 }) }),
          { maxLength: 2 },
        ),
      }),
      { minLength: 1, maxLength: 12 },
    ),
    ulns: fc.array(
      fc.record({
        personnel: fc.integer({ min: 0, max: 300 }),
        tonnes: fc.integer({ min: 1, max: 300 }),
        origin: fc.integer({ min: 0, max: 4 }),
        destination: fc.integer({ min: 0, max: 4 }),
        ald: fc.integer({ min: 0, max: 15 }),
        eadGap: fc.integer({ min: 0, max: 10 }),
        rddGap: fc.integer({ min: 0, max: 10 }),
        ladGap: fc.integer({ min: 0, max: 10 }),
        priority: fc.integer({ min: 1, max: 5 }),
      }),
      { minLength: 1, maxLength: 15 },
    ),
  })
  .map(({ reception, arcs, ulns }) => {
    const net: DeploymentNetwork = {
      nodes: reception.map((r, i) => (r ? { id: `N${i}`, receptionPerDay: r } : { id: `N${i}` })),
      arcs: arcs
        .filter((a) => a.from !== a.to)
        .map((a, i) => ({
          id: `a${i}`,
          from: `N${a.from}`,
          to: `N${a.to}`,
          mode: 'road',
          transitDays: a.transitDays,
          capacityPerDay: a.capacityPerDay,
          loadSize: a.loadSize,
          wholeUnit: a.wholeUnit,
          closures: a.closures.map((c) => ({ from: c.from, to: c.from + c.len })),
        })),
    };
    const us: Uln[] = ulns.map((u, i) => ({
      uln: `U${i}`,
      personnel: u.personnel,
      tonnes: u.tonnes,
      origin: `N${u.origin}`,
      destination: `N${u.destination}`,
      ald: u.ald,
      ead: u.ald + u.eadGap,
      rdd: u.ald + u.eadGap + u.rddGap,
      lad: u.ald + u.eadGap + u.rddGap + u.ladGap,
      priority: u.priority,
    }));
    return { net, ulns: us };
  });

describe('planDeployment properties', () => {
  it('never exceeds arc capacity or reception, never leaves before ALD or on a closed day, conserves cargo', () => {
    fc.assert(
      fc.property(instance, ({ net, ulns }) => {
        checkPlan(net, ulns, planDeployment(net, ulns, { horizonDays: 60 }));
      }),
      { numRuns: 150 },
    );
  });

  it('holds the same properties on generated networks, normal and surge', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom('normal' as const, 'surge' as const),
        (seed, ulnCount, scenario) => {
          const { network, ulns } = generateDeploymentInstance({ seed, ulnCount, scenario });
          checkPlan(network, ulns, planDeployment(network, ulns));
        },
      ),
      { numRuns: 12 },
    );
  });

  it('is deterministic', () => {
    fc.assert(
      fc.property(instance, ({ net, ulns }) => {
        expect(planDeployment(net, ulns, { horizonDays: 60 })).toEqual(
          planDeployment(net, ulns, { horizonDays: 60 }),
        );
      }),
      { numRuns: 50 },
    );
    const { network, ulns } = generateDeploymentInstance({ seed: 3, ulnCount: 300, scenario: 'surge' });
    expect(planDeployment(network, ulns)).toEqual(planDeployment(network, ulns));
  });

  // Speed is measured in bench/ (to come), not here: this checks a full-size instance is planned whole.
  it('plans every one of 5,000 generated ULNs', () => {
    const { network, ulns } = generateDeploymentInstance({ seed: 11, ulnCount: 5000 });
    const plan = planDeployment(network, ulns);
    expect(plan.ulns).toHaveLength(5000);
    expect(plan.ulns.filter((u) => u.status === 'scheduled')).toHaveLength(5000);
  });
});
