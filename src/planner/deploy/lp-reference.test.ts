// The deployment reference LP and MIP against hand-computed optima and against the scheduler: on
// every instance LP <= MIP <= planner must hold, because each model relaxes the one after it.
import fc from 'fast-check';
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateDeploymentInstance } from './instance-generator.ts';
import { loadHighs, referenceGap, solveDeploymentReference } from './lp-reference.ts';
import type { ReferenceOptions, ReferenceResult } from './lp-reference.ts';
import { planDeployment } from './schedule.ts';
import { arc, uln } from './test-fixtures.ts';
import type { DeploymentArc, DeploymentNetwork, DeploymentNode, Uln } from './schedule.ts';

const TOL = 1e-6;

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

const nodes = (...ids: string[]): DeploymentNode[] => ids.map((id) => ({ id }));

interface Solved {
  planner: number;
  unscheduled: number;
  lp: ReferenceResult;
  cg: ReferenceResult;
  mip: ReferenceResult;
}

function solveAll(network: DeploymentNetwork, ulns: Uln[], options: ReferenceOptions = {}): Solved {
  const plan = planDeployment(network, ulns, options.horizonDays ? { horizonDays: options.horizonDays } : {});
  return {
    planner: plan.objective.weightedPersonnelDaysLate,
    unscheduled: plan.objective.unscheduled,
    lp: solveDeploymentReference(highs, network, ulns, { ...options, method: 'arc-flow' }),
    cg: solveDeploymentReference(highs, network, ulns, { ...options, method: 'column-generation' }),
    mip: solveDeploymentReference(highs, network, ulns, { ...options, integer: true }),
  };
}

describe('the reference on hand-built instances', () => {
  it('counts load granularity in the MIP only: 120 personnel in loads of 60 on 100 a day', () => {
    // LP: 100 leave on day 0 and 20 on day 1, one day late: 20. MIP: a second load of 60 does not
    // fit beside the first, so 60 leave on day 1: 60. The planner's objective counts the whole unit
    // late until its last load is in (objective.ts): 120, above the MIP's per-person lateness.
    const network = {
      nodes: nodes('A', 'B'),
      arcs: [
        arc('AB', 'A', 'B', {
          capacityPerDay: { personnel: 100, tonnes: 100 },
          loadSize: { personnel: 60, tonnes: 100 },
        }),
      ],
    };
    const s = solveAll(network, [uln('U1', { personnel: 120, rdd: 2 })], { horizonDays: 12 });
    expect(s.lp).toMatchObject({ status: 'optimal', method: 'arc-flow', integer: false });
    expect(s.lp.objective).toBeCloseTo(20, 6);
    expect(s.cg.objective).toBeCloseTo(20, 6);
    expect(s.mip).toMatchObject({ status: 'optimal', integer: true });
    expect(s.mip.objective).toBeCloseTo(60, 6);
    expect(s.planner).toBeCloseTo(120, 6);
    expect(Array.from(s.lp.closureCurve!.subarray(0, 5))).toEqual(
      [0, 0, 100, 120, 120].map((v) => expect.closeTo(v, 6)),
    );
  });

  it('sends a whole unit on one day: the first priority first', () => {
    // Two units of 600 on a whole-unit train of 1000 a day: one waits a day. The MIP and the planner
    // hold back priority 2 (weight 1/2): 600 * 1 * 0.5 = 300. The LP splits: 200 * 0.5 = 100.
    const network = {
      nodes: nodes('A', 'B'),
      arcs: [arc('rail', 'A', 'B', { transitDays: 1, wholeUnit: true })],
    };
    const ulns = [uln('U1', { personnel: 600, rdd: 1, priority: 2 }), uln('U2', { personnel: 600, rdd: 1 })];
    const s = solveAll(network, ulns, { horizonDays: 10 });
    expect(s.lp.objective).toBeCloseTo(100, 6);
    expect(s.mip.objective).toBeCloseTo(300, 6);
    expect(s.planner).toBeCloseTo(300, 6);
  });

  it('counts reception at the head node on the arrival day, from every arc', () => {
    // Two units of 100 from two origins, 100 a day received at B: one arrives a day late.
    const network = {
      nodes: [{ id: 'A' }, { id: 'C' }, { id: 'B', receptionPerDay: { personnel: 100, tonnes: 100 } }],
      arcs: [arc('AB', 'A', 'B', { transitDays: 1 }), arc('CB', 'C', 'B', { transitDays: 1 })],
    };
    const ulns = [uln('U1', { rdd: 1 }), uln('U2', { origin: 'C', rdd: 1 })];
    const s = solveAll(network, ulns, { horizonDays: 10 });
    for (const v of [s.lp.objective, s.cg.objective, s.mip.objective, s.planner])
      expect(v).toBeCloseTo(100, 6);
  });

  it('takes the fast route through a reception limit rather than the slow one', () => {
    // A-C-B takes 2 days but C receives 50 a day; A-B takes 5. Loads of 50: one load reaches B on
    // day 2, the other on day 3, one day late: 50. All 100 direct would be 3 days late: 300. The
    // planner counts the unit delivered with its last load, on day 3: all 100 a day late.
    const network = {
      nodes: [{ id: 'A' }, { id: 'C', receptionPerDay: { personnel: 50, tonnes: 50 } }, { id: 'B' }],
      arcs: [
        arc('AB', 'A', 'B', { transitDays: 5 }),
        arc('AC', 'A', 'C', { transitDays: 1, loadSize: { personnel: 50, tonnes: 50 } }),
        arc('CB', 'C', 'B', { transitDays: 1, loadSize: { personnel: 50, tonnes: 50 } }),
      ],
    };
    const s = solveAll(network, [uln('U1', { rdd: 2 })], { horizonDays: 12 });
    for (const v of [s.lp.objective, s.cg.objective, s.mip.objective]) expect(v).toBeCloseTo(50, 6);
    expect(s.planner).toBeCloseTo(100, 6);
  });

  it('keeps arrivals at or after EAD and departures off closed days', () => {
    const network = {
      nodes: nodes('A', 'B'),
      arcs: [arc('AB', 'A', 'B', { closures: [{ from: 0, to: 2 }] })],
    };
    // Closed on days 0-2: leaves on day 3, arrives day 5 = RDD. EAD 7 holds it to day 5, arriving 7.
    const onTime = solveAll(network, [uln('U1', { rdd: 5 })], { horizonDays: 12 });
    expect(onTime.mip.objective).toBeCloseTo(0, 6);
    expect(onTime.lp.closureDayLowerBound).toBe(5);
    const held = solveAll(network, [uln('U1', { rdd: 6, ead: 7 })], { horizonDays: 12 });
    for (const v of [held.lp.objective, held.cg.objective, held.mip.objective, held.planner]) {
      expect(v).toBeCloseTo(100, 6);
    }
    expect(held.lp.closureDayLowerBound).toBe(7);
  });

  it('lets personnel run ahead of tonnes only as far as loads do', () => {
    // 50 personnel and 100 tonnes in loads of 50 and 50 on an arc with 50 tonnes a day: loads
    // (50, 50) then (0, 50), so the personnel leave on day 0 and arrive on time. The planner waits
    // for its critical 90 t too, in on day 3: the unit is a day late (50).
    const network = {
      nodes: nodes('A', 'B'),
      arcs: [
        arc('AB', 'A', 'B', {
          capacityPerDay: { personnel: 100, tonnes: 50 },
          loadSize: { personnel: 50, tonnes: 50 },
        }),
      ],
    };
    const s = solveAll(network, [uln('U1', { personnel: 50, tonnes: 100, rdd: 2 })], { horizonDays: 10 });
    for (const v of [s.lp.objective, s.cg.objective, s.mip.objective]) expect(v).toBeCloseTo(0, 6);
    expect(s.planner).toBeCloseTo(50, 6);
  });

  it('leaves out a unit that cannot reach its destination and says so', () => {
    const network = { nodes: nodes('A', 'B', 'C'), arcs: [arc('AB', 'A', 'B')] };
    const r = solveDeploymentReference(highs, network, [
      uln('U1', { rdd: 1 }),
      uln('U2', { destination: 'C' }),
    ]);
    expect(r).toMatchObject({ status: 'optimal', excluded: ['U2'], ulns: 1, commodities: 1 });
    expect(r.objective).toBeCloseTo(100, 6);
  });

  it('merges units with the same timing into one commodity per dimension, and no others', () => {
    const network = { nodes: nodes('A', 'B'), arcs: [arc('AB', 'A', 'B')] };
    const ulns = [
      uln('U1', { personnel: 10, tonnes: 20 }),
      uln('U2', { personnel: 30, tonnes: 60 }),
      uln('U3', { personnel: 30, tonnes: 30 }),
      uln('U4', { personnel: 10, tonnes: 20, rdd: 11 }),
    ];
    const r = solveDeploymentReference(highs, network, ulns, { method: 'arc-flow' });
    // U1 to U3 (personnel, tonnes), U4 (the same).
    expect(r).toMatchObject({ status: 'optimal', ulns: 4, commodities: 4 });
    expect(solveDeploymentReference(highs, network, ulns, { integer: true }).commodities).toBe(8);
  });

  it('keeps a unit off arcs it may not use, so the bound rises when the fast lift cannot take it', () => {
    // Air takes a day but lifts 20 t at a time; sea takes 6 days. 100 personnel and 100 t due on
    // day 1: by air on time (0), by sea 5 days late (500). The planner is not compared: these are
    // the models' own arc rules.
    const air = arc('air', 'A', 'B', { transitDays: 1, loadSize: { personnel: 1000, tonnes: 20 } });
    const sea = arc('sea', 'A', 'B', { mode: 'sea', transitDays: 6 });
    const network = { nodes: nodes('A', 'B'), arcs: [air, sea] };
    const cases: [Partial<Uln>, number][] = [
      [{}, 0],
      [{ largestItemTonnes: 20 }, 0],
      [{ modes: ['air', 'sea'] }, 0],
      [{ largestItemTonnes: 50 }, 500],
      [{ modes: ['sea'] }, 500],
    ];
    for (const [extra, late] of cases) {
      const ulns = [uln('U1', { tonnes: 100, rdd: 1, ...extra })];
      for (const options of [
        { method: 'arc-flow' },
        { method: 'column-generation' },
        { integer: true },
      ] as const) {
        const r = solveDeploymentReference(highs, network, ulns, { horizonDays: 12, ...options });
        expect(r.status).toBe('optimal');
        expect(r.objective).toBeCloseTo(late, 6);
      }
    }
    // With the air arc alone, the heavy unit has no route at all.
    const airOnly = { nodes: nodes('A', 'B'), arcs: [air] };
    const r = solveDeploymentReference(highs, airOnly, [uln('U1', { tonnes: 100, largestItemTonnes: 50 })]);
    expect(r).toMatchObject({ status: 'optimal', excluded: ['U1'], ulns: 0, commodities: 0 });
  });

  it('merges units only when they may use the same arcs', () => {
    // Air arrives on day 2, sea on day 6; all due on day 3. U1 and U2 have the same modes (listed in
    // another order) and merge; U3 (sea only) and U4 (a largest item) each stay apart. Only U3 is
    // late: 10 personnel 3 days.
    const network = {
      nodes: nodes('A', 'B'),
      arcs: [arc('air', 'A', 'B'), arc('sea', 'A', 'B', { mode: 'sea', transitDays: 6 })],
    };
    const ulns = [
      uln('U1', { personnel: 10, tonnes: 20, rdd: 3, modes: ['air', 'sea'] }),
      uln('U2', { personnel: 30, tonnes: 60, rdd: 3, modes: ['sea', 'air'] }),
      uln('U3', { personnel: 10, tonnes: 20, rdd: 3, modes: ['sea'] }),
      uln('U4', { personnel: 10, tonnes: 20, rdd: 3, largestItemTonnes: 5 }),
      uln('U5', { personnel: 10, tonnes: 20, rdd: 3 }),
    ];
    for (const method of ['arc-flow', 'column-generation'] as const) {
      const r = solveDeploymentReference(highs, network, ulns, { method });
      expect(r).toMatchObject({ status: 'optimal', ulns: 5, commodities: 8 });
      expect(r.objective).toBeCloseTo(30, 6);
    }
  });

  it('stops at its time limit with a valid bound', () => {
    const { network, ulns } = generateDeploymentInstance({ seed: 5, ulnCount: 300, scenario: 'surge' });
    const r = solveDeploymentReference(highs, network, ulns, {
      method: 'column-generation',
      timeLimitSeconds: 0,
    });
    expect(r.status).toBe('time-limit');
    expect(r.lowerBound).toBeGreaterThanOrEqual(0);
    expect(r.lowerBound).toBeLessThanOrEqual(
      planDeployment(network, ulns).objective.weightedPersonnelDaysLate + TOL,
    );
  });
});

describe('referenceGap', () => {
  it('is relative when the reference is positive, and honest when it is zero', () => {
    expect(referenceGap(110, 100)).toEqual({ gap: expect.closeTo(0.1, 12), absolute: 10 });
    expect(referenceGap(0, 0)).toEqual({ gap: 0, absolute: 0 });
    expect(referenceGap(5, 0)).toEqual({ gap: Infinity, absolute: 5 });
  });
});

// Small random instances: a chain of two to five nodes with up to four extra arcs (either way, so
// some routes have cycles), tight capacities in loads, some whole-unit or closed arcs, reception
// limits, and up to three units ready within a few days of their required delivery day.
const randomArc = fc.record({
  transit: fc.integer({ min: 1, max: 3 }),
  capP: fc.constantFrom(40, 80, 150),
  capT: fc.constantFrom(0, 40, 100),
  loadP: fc.constantFrom(0, 20, 50),
  loadT: fc.constantFrom(0, 30, 60),
  whole: fc.boolean(),
  closed: fc.option(fc.record({ from: fc.nat(5), days: fc.nat(2) }), { nil: undefined }),
});
const smallInstance = fc
  .record({
    nodeCount: fc.integer({ min: 2, max: 5 }),
    chain: fc.array(randomArc, { minLength: 4, maxLength: 4 }),
    extra: fc.array(fc.record({ from: fc.nat(4), to: fc.nat(4), arc: randomArc }), { maxLength: 4 }),
    reception: fc.array(fc.option(fc.constantFrom(40, 80, 200), { nil: undefined }), {
      minLength: 5,
      maxLength: 5,
    }),
    ulns: fc.array(
      fc.record({
        origin: fc.nat(3),
        hops: fc.integer({ min: 1, max: 4 }),
        personnel: fc.integer({ min: 0, max: 120 }),
        tonnes: fc.integer({ min: 0, max: 80 }),
        ald: fc.nat(3),
        slack: fc.nat(4),
        eadBack: fc.nat(3),
        priority: fc.integer({ min: 1, max: 3 }),
      }),
      { minLength: 1, maxLength: 3 },
    ),
  })
  .map(({ nodeCount, chain, extra, reception, ulns }) => {
    const id = (i: number) => `N${i}`;
    const toArc = (i: number, from: number, to: number, a: (typeof chain)[number]): DeploymentArc =>
      arc(`a${i}`, id(from), id(to), {
        transitDays: a.transit,
        capacityPerDay: { personnel: a.capP, tonnes: a.capT },
        loadSize: { personnel: a.loadP, tonnes: a.loadT },
        wholeUnit: a.whole,
        closures: a.closed ? [{ from: a.closed.from, to: a.closed.from + a.closed.days }] : [],
      });
    const arcs = chain.slice(0, nodeCount - 1).map((a, i) => toArc(i, i, i + 1, a));
    for (const e of extra) {
      const from = e.from % nodeCount;
      const to = e.to % nodeCount;
      if (from !== to) arcs.push(toArc(arcs.length, from, to, e.arc));
    }
    const network: DeploymentNetwork = {
      nodes: Array.from({ length: nodeCount }, (_, i) => {
        const r = reception[i];
        return r === undefined ? { id: id(i) } : { id: id(i), receptionPerDay: { personnel: r, tonnes: r } };
      }),
      arcs,
    };
    const units = ulns.map((u, i) => {
      const origin = u.origin % (nodeCount - 1);
      const destination = Math.min(nodeCount - 1, origin + u.hops);
      const rdd = u.ald + 1 + u.slack;
      return uln(`U${i}`, {
        origin: id(origin),
        destination: id(destination),
        personnel: u.personnel + u.tonnes === 0 ? 10 : u.personnel,
        tonnes: u.tonnes,
        ald: u.ald,
        rdd,
        ead: Math.max(u.ald, rdd - u.eadBack),
        lad: rdd + 2,
        priority: u.priority,
      });
    });
    const latest = Math.max(0, ...units.map((u) => Math.max(u.ald, u.lad)));
    return { network, ulns: units, horizonDays: latest + 8 };
  });

// The same instances with a slower sea twin beside every arc (three days longer, loads of 40 t that
// take every item here), and some units bound to sea or carrying a largest item (25 or 35 t) that
// small air loads cannot take.
const eligibleInstance = fc
  .record({
    base: smallInstance,
    rules: fc.array(
      fc.record({
        seaOnly: fc.constantFrom(false, false, false, true),
        largest: fc.constantFrom(undefined, undefined, 25, 35),
      }),
      { minLength: 3, maxLength: 3 },
    ),
  })
  .map(({ base, rules }) => {
    const twins = base.network.arcs.map((a): DeploymentArc => ({
      ...a,
      id: `${a.id}-sea`,
      mode: 'sea',
      transitDays: a.transitDays + 3,
      capacityPerDay: { personnel: 150, tonnes: 100 },
      loadSize: { personnel: 20, tonnes: 40 },
      wholeUnit: false,
      closures: [],
    }));
    const ulns = base.ulns.map((u, i): Uln => {
      const rule = rules[i]!;
      return {
        ...u,
        ...(rule.seaOnly ? { modes: ['sea'] } : {}),
        ...(rule.largest !== undefined && u.tonnes > 0
          ? { largestItemTonnes: Math.min(u.tonnes, rule.largest) }
          : {}),
      };
    });
    return {
      network: { ...base.network, arcs: [...base.network.arcs, ...twins] },
      ulns,
      horizonDays: base.horizonDays + 12,
    };
  });

describe('the reference against the planner on random instances', () => {
  it('LP <= column generation <= MIP <= planner', () => {
    const gaps: number[] = [];
    let equal = 0;
    let compared = 0;
    let busy = 0;
    let relaxed = 0;
    fc.assert(
      fc.property(smallInstance, ({ network, ulns, horizonDays }) => {
        const s = solveAll(network, ulns, { horizonDays });
        expect(s.lp.status).toBe(
          s.mip.status === 'optimal' || s.lp.status === 'optimal' ? 'optimal' : s.lp.status,
        );
        expect(s.cg.status).toBe('optimal');
        // Column generation prices only simple routes, which the arc-flow LP does not insist on.
        expect(s.lp.objective).toBeLessThanOrEqual(s.cg.objective + TOL);
        if (s.mip.status !== 'optimal') {
          // Granularity can make a unit impossible to move: the planner cannot move it either.
          expect(s.mip.status).toBe('infeasible');
          expect(s.unscheduled).toBeGreaterThan(s.mip.excluded.length);
          return;
        }
        expect(s.cg.objective).toBeLessThanOrEqual(s.mip.objective + TOL);
        expect(s.mip.lowerBound).toBeLessThanOrEqual(s.mip.objective + TOL);
        // The planner's objective leaves out what it does not schedule: comparable only when it
        // schedules every unit the models move.
        if (s.unscheduled !== s.mip.excluded.length) return;
        expect(s.mip.objective).toBeLessThanOrEqual(s.planner + TOL);
        compared++;
        if (s.planner > TOL) busy++;
        if (s.lp.objective < s.mip.objective - TOL) relaxed++;
        if (s.planner - s.mip.objective <= TOL) equal++;
        else gaps.push(referenceGap(s.planner, s.mip.objective).gap);
      }),
      { numRuns: 60, seed: 20260301 },
    );
    const worst = gaps.length ? Math.max(...gaps) : 0;
    console.info(
      `planner vs MIP optimum on ${compared} random instances (${busy} with lateness, ${relaxed} with LP < MIP): equal on ${equal}; ` +
        `otherwise gaps ${gaps.map((g) => (Number.isFinite(g) ? `${(100 * g).toFixed(1)}%` : 'MIP 0')).join(', ') || 'none'}` +
        ` (worst ${Number.isFinite(worst) ? `${(100 * worst).toFixed(1)}%` : 'MIP 0'})`,
    );
    expect(compared).toBeGreaterThan(20);
  });

  it('LP <= column generation <= planner with mode and largest-item rules', () => {
    // No MIP here: with a twin beside every arc it takes too long, and the bound that matters at
    // scale is column generation's.
    let compared = 0;
    let raised = 0;
    fc.assert(
      fc.property(eligibleInstance, ({ network, ulns, horizonDays }) => {
        const options = { horizonDays };
        const lp = solveDeploymentReference(highs, network, ulns, { ...options, method: 'arc-flow' });
        const cg = solveDeploymentReference(highs, network, ulns, {
          ...options,
          method: 'column-generation',
        });
        expect(lp.status).toBe('optimal');
        expect(cg.status).toBe('optimal');
        expect(lp.objective).toBeLessThanOrEqual(cg.objective + TOL);
        // The rules only take arcs away: with the same units in the model, the LP can only rise.
        const anyArc = ulns.map((u) => ({ ...u, modes: undefined, largestItemTonnes: undefined }));
        const loose = solveDeploymentReference(highs, network, anyArc, { ...options, method: 'arc-flow' });
        if (loose.excluded.length === lp.excluded.length) {
          expect(loose.objective).toBeLessThanOrEqual(lp.objective + TOL);
          if (loose.objective < lp.objective - TOL) raised++;
        }
        const plan = planDeployment(network, ulns, options).objective;
        if (plan.unscheduled !== cg.excluded.length) return;
        expect(cg.objective).toBeLessThanOrEqual(plan.weightedPersonnelDaysLate + TOL);
        compared++;
      }),
      { numRuns: 60, seed: 20260302 },
    );
    console.info(
      `with eligibility rules: ${compared} compared with the planner, the LP raised by them on ${raised}`,
    );
    expect(compared).toBeGreaterThan(20);
    expect(raised).toBeGreaterThan(2);
  });

  it('stays below the planner on seeded generated instances, and meets it where nothing is late', () => {
    for (const [scenario, lift] of [
      ['normal', false],
      ['surge', false],
      ['surge', true],
    ] as const) {
      const { network, ulns } = generateDeploymentInstance({ seed: 11, ulnCount: 40, scenario, lift });
      const planner = planDeployment(network, ulns).objective;
      const r = solveDeploymentReference(highs, network, ulns);
      expect(r).toMatchObject({ status: 'optimal', method: 'column-generation', excluded: [] });
      expect(planner.unscheduled).toBe(0);
      expect(r.objective).toBeLessThanOrEqual(planner.weightedPersonnelDaysLate + TOL);
      if (planner.weightedPersonnelDaysLate === 0) expect(r.objective).toBeCloseTo(0, 6);
      expect(r.closureDayLowerBound).toBeLessThanOrEqual(planner.closureDay!);
    }
  });

  it('rises on a generated instance with lift once heavy units keep off tactical lift', () => {
    const { network, ulns } = generateDeploymentInstance({
      seed: 11,
      ulnCount: 40,
      scenario: 'surge',
      lift: true,
    });
    expect(ulns.some((u) => u.largestItemTonnes !== undefined)).toBe(true);
    const anyArc = ulns.map((u) => ({ ...u, modes: undefined, largestItemTonnes: undefined }));
    const bound = solveDeploymentReference(highs, network, ulns);
    const loose = solveDeploymentReference(highs, network, anyArc);
    expect(bound.status).toBe('optimal');
    expect(loose.status).toBe('optimal');
    expect(bound.objective).toBeGreaterThan(loose.objective + 1);
  });
});
