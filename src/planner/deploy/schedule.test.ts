import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDeploymentInstance } from './instance-generator.ts';
import { checkMovements, movementsBefore } from './movements.ts';
import { checkPlan as checkIndependently } from './plan-checker.ts';
import { planDeployment } from './schedule.ts';
import { arc, uln } from './test-fixtures.ts';
import type { DeploymentNetwork, DeploymentPlan, ExecutedMovement, Uln } from './schedule.ts';
import type { LegSchedule, Movement } from './schedule-types.ts';

const TOL = 1e-6;

const nodesAB = [{ id: 'A' }, { id: 'B' }];
const moves = (plan: DeploymentPlan, i = 0): [number, number, number, number, number][] =>
  plan.ulns[i]!.movements.map((m) => [m.leg, m.departDay, m.arriveDay, m.personnel, m.tonnes]);

describe('planDeployment on hand-built instances', () => {
  it('sends a heavy unit by sea when every listed route is an air bridge too thin for its tonnes', () => {
    // Two air bridges carry 20 t a day each: 500 t would trickle over weeks. The sailing is longer
    // than both, so with two routes per pair it is not listed, and the residual route (the first
    // load's earliest arrival) still flies. The shortest route avoiding air is tried instead.
    const air = {
      mode: 'air',
      capacityPerDay: { personnel: 500, tonnes: 20 },
      loadSize: { personnel: 100, tonnes: 20 },
    };
    const net: DeploymentNetwork = {
      nodes: [{ id: 'A' }, { id: 'X1' }, { id: 'X2' }, { id: 'S' }, { id: 'B' }],
      arcs: [
        arc('A-X1', 'A', 'X1', { ...air, transitDays: 1 }),
        arc('X1-B', 'X1', 'B', { ...air, transitDays: 1 }),
        arc('A-X2', 'A', 'X2', { ...air, transitDays: 1 }),
        arc('X2-B', 'X2', 'B', { ...air, transitDays: 2 }),
        arc('A-S', 'A', 'S', { mode: 'sea', transitDays: 6, wholeUnit: true }),
        arc('S-B', 'S', 'B', { mode: 'road', transitDays: 2 }),
      ],
    };
    const heavy = [uln('U1', { personnel: 50, tonnes: 500, rdd: 10, lad: 12 })];
    const plan = planDeployment(net, heavy, { routesPerPair: 2 });
    expect(plan.ulns[0]).toMatchObject({ route: ['A-S', 'S-B'], deliveredDay: 8, daysLate: 0 });
    expect(plan.objective.value).toBe(0);
    checkPlan(net, heavy, plan);
  });

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
    expect(plan.objective).toEqual({
      value: 0,
      weightedPersonnelDaysLate: 0,
      personnelDaysLate: 0,
      unitDaysLate: 0,
      weightedUnitDaysLate: 0,
      unplannedPenalty: 0,
      closureDay: 3,
      unscheduled: 0,
    });
    expect(plan.ulns[0]!.deliveredDay).toBe(3);
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
    // The unit counts as delivered when its last 20 personnel are in: all 100 are 2 days late.
    expect(plan.ulns[0]).toMatchObject({
      arrivalDay: 5,
      deliveredDay: 5,
      daysLate: 2,
      personnelDaysLate: 200,
      weightedPersonnelDaysLate: 100,
    });
    expect(plan.objective).toMatchObject({ value: 100, unitDaysLate: 2, weightedUnitDaysLate: 1 });
    expect(plan.bottlenecks).toEqual([
      { kind: 'arc', id: 'AB', daysAtCapacity: 2, weightedWaiting: 1, score: 2 },
    ]);
  });

  it('keeps outsized equipment off tactical lift and a unit off modes it may not use', () => {
    const nodes = [{ id: 'A' }, { id: 'C' }, { id: 'B' }];
    const net = {
      nodes,
      arcs: [
        // Tactical air, fast but 20 t a lift; road, slow; strategic air, 70 t a lift, via C.
        arc('tac', 'A', 'B', { transitDays: 1, loadSize: { personnel: 100, tonnes: 20 } }),
        arc('road', 'A', 'B', { mode: 'road', transitDays: 6 }),
        arc('strat1', 'A', 'C', { transitDays: 1, loadSize: { personnel: 100, tonnes: 70 } }),
        arc('strat2', 'C', 'B', { mode: 'road', transitDays: 1 }),
      ],
    };
    const tank = uln('tank', { tonnes: 300, largestItemTonnes: 62 });
    expect(planDeployment(net, [tank]).ulns[0]!.route).toEqual(['strat1', 'strat2']);
    expect(planDeployment(net, [{ ...tank, largestItemTonnes: 15 }]).ulns[0]!.route).toEqual(['tac']);
    expect(planDeployment(net, [{ ...tank, modes: ['road'] }]).ulns[0]!.route).toEqual(['road']);
    // No route its lift allows: unplanned, penalised at twice the horizon, and the reason says why.
    const stuck = planDeployment(net, [{ ...tank, modes: ['sea'] }]);
    expect(stuck.ulns[0]!.status).toBe('no-route');
    expect(stuck.missedLad[0]!.reason).toBe(
      'no route from A to B that its lift allows (modes sea; largest item 62 t)',
    );
    const late = 2 * stuck.horizonDays - tank.rdd;
    expect(stuck.ulns[0]).toMatchObject({
      deliveredDay: null,
      daysLate: late,
      weightedPersonnelDaysLate: 100 * late,
    });
    expect(stuck.objective).toMatchObject({
      value: 100 * late,
      unplannedPenalty: 100 * late,
      unscheduled: 1,
    });
  });

  it('counts a unit delivered when its critical equipment is in, not its last crate', () => {
    const net = {
      nodes: nodesAB,
      arcs: [
        arc('AB', 'A', 'B', {
          transitDays: 1,
          capacityPerDay: { personnel: 100, tonnes: 50 },
          loadSize: { personnel: 100, tonnes: 50 },
        }),
      ],
    };
    // 100 t at 50 t a day: half in on day 1, the rest on day 2. With 90 % critical it is delivered
    // on day 2 (1 day late); with half critical on day 1, on time, though its last load is a day later.
    const plan = planDeployment(net, [uln('U', { tonnes: 100, rdd: 1 })]);
    expect(plan.ulns[0]).toMatchObject({ arrivalDay: 2, deliveredDay: 2, daysLate: 1 });
    const half = planDeployment(net, [uln('U', { tonnes: 100, rdd: 1, criticalShare: 0.5 })]);
    expect(half.ulns[0]).toMatchObject({ arrivalDay: 2, deliveredDay: 1, daysLate: 0 });
    expect(half.objective.value).toBe(0);
    // A unit with no personnel still weighs: one person.
    const cargo = planDeployment(net, [uln('U', { personnel: 0, tonnes: 100, rdd: 1 })]);
    expect(cargo.objective.value).toBe(1);
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

  it("flies a light unit's personnel while its tonnes wait behind a heavy unit's", () => {
    const net = {
      nodes: nodesAB,
      arcs: [
        arc('AB', 'A', 'B', {
          transitDays: 1,
          capacityPerDay: { personnel: 100, tonnes: 100 },
          loadSize: { personnel: 50, tonnes: 50 },
        }),
      ],
    };
    const ulns = [
      uln('heavy', { personnel: 10, tonnes: 300, rdd: 1 }),
      uln('light', { personnel: 50, tonnes: 10, rdd: 1, priority: 2 }),
    ];
    // In list order the heavy unit's tonnes fill the arc's tonnes for three days; the light unit's
    // personnel still leave on day 0 and only its 10 t wait for day 3.
    const first = planDeployment(net, ulns, { order: ['heavy', 'light'] });
    expect(moves(first, 1)).toEqual([
      [0, 0, 1, 50, 0],
      [0, 3, 4, 0, 10],
    ]);
    // But a unit is not delivered without its equipment: the light unit is 3 days late (50 × 3 ×
    // 1/2) and the heavy one, its 270 critical tonnes in on day 3, 2 days late (10 × 2).
    expect(first.ulns[1]).toMatchObject({ arrivalDay: 4, deliveredDay: 4, personnelDaysLate: 150 });
    expect(first.objective.value).toBe(95);
    // So the light unit goes first (its weight per lift is far higher): its 10 t go first, and the heavy unit, its 50 t
    // loads now 50, 100, 100 and 50 a day, is a day later (10 × 3): 30 in all, not 95.
    const plan = planDeployment(net, ulns);
    expect(moves(plan, 1)).toEqual([[0, 0, 1, 50, 10]]);
    expect(plan.ulns[0]).toMatchObject({ arrivalDay: 4, deliveredDay: 4, daysLate: 3 });
    expect(plan.objective.value).toBe(30);
  });

  it('lets a slack high-priority unit wait for a tight one when another order shows it is better', () => {
    const net = {
      nodes: nodesAB,
      arcs: [arc('AB', 'A', 'B', { transitDays: 1, capacityPerDay: { personnel: 10, tonnes: 10 } })],
    };
    // The priority-1 unit could leave on day 2 and still be on time; the priority-3 unit must
    // leave on day 0. The first order (ATC, k = 5 days) puts the priority-1 unit first, a day late
    // for the other (10 × 1/3); the order that weighs days to spare most (k = 1) has nobody late.
    const ulns = [
      uln('slack', { personnel: 10, rdd: 3, priority: 1 }),
      uln('tight', { personnel: 10, rdd: 1, priority: 3 }),
    ];
    expect(planDeployment(net, ulns, { improvementPasses: 0 }).objective.value).toBeCloseTo(10 / 3, 9);
    const plan = planDeployment(net, ulns);
    expect(moves(plan, 1)).toEqual([[0, 0, 1, 10, 0]]);
    expect(moves(plan, 0)).toEqual([[0, 1, 2, 10, 0]]);
    expect(plan.objective.value).toBe(0);
    expect(plan.order).toEqual(['tight', 'slack']);
  });

  it("re-plans in the order it is given, such as the plan's own: the same plan, no search", () => {
    const { network, ulns } = generateDeploymentInstance({ seed: 3, ulnCount: 300, scenario: 'surge' });
    const plan = planDeployment(network, ulns);
    const first = planDeployment(network, ulns, { improvementPasses: 0 });
    // The improvement passes found a better order than the first one on this instance.
    expect(plan.objective.weightedPersonnelDaysLate).toBeLessThan(first.objective.weightedPersonnelDaysLate);
    const again = planDeployment(network, ulns, { order: plan.order, holdOnTime: plan.holdOnTime });
    expect(again.objective).toEqual(plan.objective);
    expect(again.ulns).toEqual(plan.ulns);
    // Ids of no ULN are ignored; ULNs left out follow in the planner's own order.
    const partial = planDeployment(network, ulns, { order: ['nobody', ...plan.order.slice(0, 10)] });
    expect(partial.order.slice(0, 10)).toEqual(plan.order.slice(0, 10));
    expect([...partial.order].sort()).toEqual(ulns.map((u) => u.uln).sort());
  });

  it('weighs priority and personnel per lift against days to spare (ATC), not days to spare alone', () => {
    const net = {
      nodes: nodesAB,
      arcs: [arc('AB', 'A', 'B', { transitDays: 1, capacityPerDay: { personnel: 10, tonnes: 10 } })],
    };
    const ulns = [
      // No day to spare, but weighing little: priority 5.
      uln('urgent', { personnel: 10, rdd: 1, priority: 5 }),
      // One day to spare, but 20 personnel at priority 1 need both of the first two days.
      uln('heavy', { personnel: 20, rdd: 2, priority: 1 }),
    ];
    // Days to spare first: 'urgent' on day 0, 'heavy' on days 1 and 2, all 20 of it a day late (20).
    expect(planDeployment(net, ulns, { order: ['urgent', 'heavy'] }).objective.value).toBe(20);
    // ATC: 'heavy' (index 20/20 × e^-1/5 = 0.82) before 'urgent' (10/5/10 = 0.2): on days 0 and 1,
    // on time; 'urgent' on day 2, 10 personnel 2 days late at weight 1/5 (4).
    const plan = planDeployment(net, ulns, { improvementPasses: 0 });
    expect(plan.objective.value).toBeCloseTo(4, 9);
    expect(moves(plan, 1)).toEqual([
      [0, 0, 1, 10, 0],
      [0, 1, 2, 10, 0],
    ]);
    expect(moves(plan, 0)).toEqual([[0, 2, 3, 10, 0]]);
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
      {
        uln: 'late',
        kind: 'readiness',
        reason: 'ready C+5 + 3 days shortest transit = C+8, after its LAD C+7',
      },
      { uln: 'lost', kind: 'no-route', reason: 'no route from A to Z' },
    ]);
    expect(plan.ulns[0]!.arrivalDay).toBe(8);
    expect(plan.ulns[1]!.status).toBe('no-route');
  });
});

// ---- Properties. ----

interface State {
  executed?: readonly ExecutedMovement[];
  today?: number;
}

/**
 * Every invariant of a plan, with or without execution. The rules (capacity and reception, which only
 * executed loads may exceed; no planned departure before ALD or today or on a closed day; EAD; load
 * sizes; executed loads kept as given; conservation and contiguity; every objective figure) are the
 * independent checker's (plan-checker.ts). What only the planner's own output must also agree on is
 * checked here: legs, route, one whole path for a ULN never executed, the utilisation ledgers and the
 * closure curve.
 */
/** A ULN's legs summed per arc, follow-on or not (a re-plan cannot tell executed follow-on loads). */
function byArc(legs: readonly LegSchedule[]): Map<string, Omit<LegSchedule, 'followOn'>> {
  const out = new Map<string, Omit<LegSchedule, 'followOn'>>();
  for (const { followOn: _, ...l } of legs) {
    const o = out.get(l.arc);
    out.set(
      l.arc,
      o
        ? {
            ...o,
            firstDeparture: Math.min(o.firstDeparture, l.firstDeparture),
            lastDeparture: Math.max(o.lastDeparture, l.lastDeparture),
            firstArrival: Math.min(o.firstArrival, l.firstArrival),
            lastArrival: Math.max(o.lastArrival, l.lastArrival),
            loads: o.loads + l.loads,
            personnel: o.personnel + l.personnel,
            tonnes: o.tonnes + l.tonnes,
          }
        : l,
    );
  }
  // Sums in another order: equal to rounding.
  for (const l of out.values()) {
    l.personnel = Math.round(l.personnel * 1e6) / 1e6;
    l.tonnes = Math.round(l.tonnes * 1e6) / 1e6;
  }
  return out;
}

function checkPlan(net: DeploymentNetwork, ulns: Uln[], plan: DeploymentPlan, state: State = {}): void {
  const check = checkIndependently(net, ulns, plan, state);
  if (check.violations.length > 0) {
    const v = check.violations[0]!;
    expect.fail(`${check.violations.length} violations, the first ${v.kind}: ${v.message}`);
  }
  const H = plan.horizonDays;
  const arcIdx = new Map(net.arcs.map((a, i) => [a.id, i]));
  const nodeIdx = new Map(net.nodes.map((n, i) => [n.id, i]));
  const arcP = new Float64Array(net.arcs.length * H);
  const arcT = new Float64Array(net.arcs.length * H);
  const nodeP = new Float64Array(net.nodes.length * H);
  const nodeT = new Float64Array(net.nodes.length * H);
  const arrivals = new Float64Array(H);
  const executedUlns = new Set((state.executed ?? []).map((m) => m.uln));
  plan.ulns.forEach((s, j) => {
    const u = ulns[j]!;
    if (s.status !== 'scheduled') {
      expect(s.route).toEqual([]);
      expect(s.arrivalDay).toBeNull();
    }
    // Legs: the unit's, then its follow-on tonnes' (lift-run.ts), each on distinct arcs, and every
    // movement on its leg's arc, follow-on or not as its leg.
    const unitLegs = s.legs.filter((l) => !l.followOn);
    const followLegs = s.legs.filter((l) => l.followOn);
    expect(s.legs.slice(0, unitLegs.length)).toEqual(unitLegs);
    expect(new Set(unitLegs.map((l) => l.arc)).size).toBe(unitLegs.length);
    expect(new Set(followLegs.map((l) => l.arc)).size).toBe(followLegs.length);
    for (const m of s.movements)
      if (m.followOn !== s.legs[m.leg]?.followOn) expect.fail(`${u.uln}: a movement unlike its leg`);
    let last = -1;
    s.movements.forEach((m, i) => {
      if (s.legs[m.leg]?.arc !== m.arc)
        expect.fail(`${u.uln} movement ${i} (${m.arc}) is not on its leg's arc`);
      const ai = arcIdx.get(m.arc)!;
      const a = net.arcs[ai]!;
      const ni = nodeIdx.get(a.to)!;
      arcP[ai * H + m.departDay]! += m.personnel;
      arcT[ai * H + m.departDay]! += m.tonnes;
      nodeP[ni * H + m.arriveDay]! += m.personnel;
      nodeT[ni * H + m.arriveDay]! += m.tonnes;
      if (a.to === u.destination) {
        arrivals[m.arriveDay]! += m.personnel;
        last = Math.max(last, m.arriveDay);
      }
    });
    s.legs.forEach((l, i) => expect(l.loads).toBe(s.movements.filter((m) => m.leg === i).length));
    if (s.status !== 'scheduled') return;
    // A ULN never executed is on one path, or has its personnel on one and its tonnes on another
    // (choose-route.ts split routes), and its follow-on tonnes on a path of their own: every leg
    // carries all or none of each dimension of its part.
    if (!executedUlns.has(u.uln)) {
      const split = unitLegs.length > s.route.length;
      const followT = followLegs.length
        ? s.movements
            .filter((m) => m.leg === s.legs.indexOf(followLegs[0]!))
            .reduce((x, m) => x + m.tonnes, 0)
        : 0;
      s.legs.forEach((l, i) => {
        const on = s.movements.filter((m) => m.leg === i);
        const p = on.reduce((x, m) => x + m.personnel, 0);
        const t = on.reduce((x, m) => x + m.tonnes, 0);
        if (l.followOn) {
          expect(p).toBe(0);
          expect(t).toBeCloseTo(followT, 6);
        } else {
          if (!split || p > 1e-9) expect(p).toBeCloseTo(u.personnel, 6);
          if (!split || t > 1e-9) expect(t).toBeCloseTo(u.tonnes - followT, 6);
        }
        // A whole-unit leg: one lift for the unit (one per dimension when split), one for its
        // follow-on tonnes.
        if (net.arcs[arcIdx.get(l.arc)!]!.wholeUnit) {
          expect(on.filter((m) => m.personnel > 0).length).toBeLessThanOrEqual(1);
          expect(on.length).toBeLessThanOrEqual(split && p > 1e-9 && t > 1e-9 ? 2 : 1);
        }
      });
    }
    // The route: a path from origin to destination over the first legs.
    expect(s.route).toEqual(s.legs.slice(0, s.route.length).map((l) => l.arc));
    let at = u.origin;
    for (const id of s.route) {
      const a = net.arcs[arcIdx.get(id)!]!;
      expect(a.from).toBe(at);
      at = a.to;
    }
    expect(at).toBe(u.destination);
    expect(s.arrivalDay).toBe(last);
  });
  // Scalar comparisons with expect.fail: thousands of expect() calls per run dominate the test time.
  net.arcs.forEach((a, ai) => {
    const ledger = plan.arcs[ai]!;
    for (let d = 0; d < H; d++) {
      const i = ai * H + d;
      if (Math.abs(ledger.personnel[d]! - arcP[i]!) > TOL || Math.abs(ledger.tonnes[d]! - arcT[i]!) > TOL)
        expect.fail(`arc ${a.id} ledger disagrees with the movements on day ${d}`);
    }
  });
  net.nodes.forEach((n, ni) => {
    const ledger = plan.nodes[ni]!;
    for (let d = 0; d < H; d++) {
      const i = ni * H + d;
      if (Math.abs(ledger.personnel[d]! - nodeP[i]!) > TOL || Math.abs(ledger.tonnes[d]! - nodeT[i]!) > TOL)
        expect.fail(`node ${n.id} ledger disagrees with the movements on day ${d}`);
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

// ---- Execution and re-planning. ----

/**
 * The loads of `plan` that departed before `day`, as the records could say: some arrivals reported
 * and some not (assumed on time, which is when the plan had them: the same state), and some loads
 * still in transit reported late (no onward departure before `day` can depend on them).
 */
function cut(net: DeploymentNetwork, plan: DeploymentPlan, day: number, every: number): ExecutedMovement[] {
  return movementsBefore(plan, day).map((m, i) => {
    if (m.arriveDay !== null) return i % every === 0 ? { ...m, arriveDay: null } : m;
    const due = m.departDay + net.arcs.find((a) => a.id === m.arc)!.transitDays;
    const late = due + 1 + (i % 2);
    return i % every === 1 % every && late < plan.horizonDays ? { ...m, arriveDay: late } : m;
  });
}

describe('re-planning from execution: properties', () => {
  it('keeps executed loads exactly and every invariant, on random instances cut at a random day', () => {
    fc.assert(
      fc.property(
        instance,
        fc.integer({ min: 0, max: 45 }),
        fc.integer({ min: 1, max: 4 }),
        (inst, day, every) => {
          const { net, ulns } = inst;
          const before = planDeployment(net, ulns, { horizonDays: 60 });
          const executed = cut(net, before, day, every);
          const after = planDeployment(net, ulns, { horizonDays: 60, executed, today: day });
          checkPlan(net, ulns, after, { executed, today: day });
          // What has happened bounds what can be: no ULN arrives before its executed arrivals, and the
          // objective is at least the lateness already incurred.
          let incurred = 0;
          after.ulns.forEach((s, j) => {
            const u = ulns[j]!;
            const arrived = s.movements.filter((m) => m.executed && legTo(net, m.arc) === u.destination);
            const late = arrived.reduce((x, m) => x + m.personnel * Math.max(0, m.arriveDay - u.rdd), 0);
            if (s.status !== 'scheduled') return;
            incurred += late / u.priority;
            for (const m of arrived) expect(s.arrivalDay).toBeGreaterThanOrEqual(m.arriveDay);
            expect(s.personnelDaysLate).toBeGreaterThanOrEqual(late - TOL);
          });
          expect(after.objective.weightedPersonnelDaysLate).toBeGreaterThanOrEqual(incurred - TOL);
          // Re-planning from the same state again gives the same plan: the state, not the old plan,
          // determines it, and the re-plan's own loads before `day` are exactly the executed ones.
          const again = movementsBefore(after, day);
          expect(again.map(({ arriveDay: _, ...m }) => m)).toEqual(
            executed.map(({ arriveDay: _, ...m }) => m),
          );
          expect(planDeployment(net, ulns, { horizonDays: 60, executed: again, today: day })).toEqual(after);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('reproduces the plan it came from with everything executed, and is that plan with nothing', () => {
    fc.assert(
      fc.property(instance, ({ net, ulns }) => {
        const before = planDeployment(net, ulns, { horizonDays: 60 });
        expect(planDeployment(net, ulns, { horizonDays: 60, executed: [], today: 0 })).toEqual(before);
        const executed = movementsBefore(before, 60);
        const after = planDeployment(net, ulns, { horizonDays: 60, executed, today: 59 });
        checkPlan(net, ulns, after, { executed, today: 59 });
        before.ulns.forEach((s, j) => {
          if (s.status !== 'scheduled') return;
          const r = after.ulns[j]!;
          expect(r).toMatchObject({ status: 'scheduled', route: s.route, arrivalDay: s.arrivalDay });
          expect(r.personnelDaysLate).toBeCloseTo(s.personnelDaysLate, 6);
          // Executed loads do not say which were follow-on tonnes: their legs are the unit's.
          expect(byArc(r.legs)).toEqual(byArc(s.legs));
          const load = ({ executed: _, followOn: __, leg: ___, ...m }: Movement) => m;
          expect(r.movements.map(load)).toEqual(s.movements.map(load));
        });
        if (before.objective.unscheduled === 0) {
          expect(after.objective.weightedPersonnelDaysLate).toBeCloseTo(
            before.objective.weightedPersonnelDaysLate,
            6,
          );
          expect(Array.from(after.closureCurve)).toEqual(Array.from(before.closureCurve));
        }
      }),
      { numRuns: 100 },
    );
  });

  it('holds on generated networks cut at day 20, unchanged, with an ALD slip and with an arc closed', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1e9 }),
        fc.integer({ min: 1, max: 120 }),
        fc.constantFrom('normal' as const, 'surge' as const),
        fc.nat(),
        (seed, ulnCount, scenario, pick) => {
          const { network, ulns } = generateDeploymentInstance({ seed, ulnCount, scenario });
          const executed = cut(network, planDeployment(network, ulns), 20, 3);
          const state = { executed, today: 20 };
          checkPlan(network, ulns, planDeployment(network, ulns, state), state);
          const j = pick % ulns.length;
          const slipped = ulns.map((u, i) => (i === j ? { ...u, ald: u.ald + 5 } : u));
          checkPlan(network, slipped, planDeployment(network, slipped, state), state);
          const a = pick % network.arcs.length;
          const closed = {
            nodes: network.nodes,
            arcs: network.arcs.map((x, i) =>
              i === a ? { ...x, closures: [...x.closures, { from: 20, to: 29 }] } : x,
            ),
          };
          checkPlan(closed, ulns, planDeployment(closed, ulns, state), state);
        },
      ),
      { numRuns: 10 },
    );
  });
});

function legTo(net: DeploymentNetwork, arcId: string): string {
  return net.arcs.find((a) => a.id === arcId)!.to;
}

const exec = (
  uln: string,
  arcId: string,
  departDay: number,
  arriveDay: number | null,
  personnel: number,
  tonnes = 0,
): ExecutedMovement => ({ uln, arc: arcId, departDay, arriveDay, personnel, tonnes });

const flagged = (plan: DeploymentPlan, i = 0): [string, number, number, number, boolean][] =>
  plan.ulns[i]!.movements.map((m) => [m.arc, m.departDay, m.arriveDay, m.personnel, m.executed]);

describe('re-planning from execution: partial states', () => {
  const narrow = {
    nodes: nodesAB,
    arcs: [
      arc('AB', 'A', 'B', {
        capacityPerDay: { personnel: 50, tonnes: 50 },
        loadSize: { personnel: 50, tonnes: 50 },
      }),
    ],
  };

  it('plans nothing before today, and without records starts the whole ULN from max(ALD, today)', () => {
    const plan = planDeployment(narrow, [uln('U1', { ald: 2 })], { today: 5 });
    expect(flagged(plan)).toEqual([
      ['AB', 5, 7, 50, false],
      ['AB', 6, 8, 50, false],
    ]);
    expect(plan.ulns[0]!.movements[0]!.leg).toBe(0);
  });

  it('sends the rest of a half-departed ULN from today, keeping the executed load and its capacity', () => {
    const executed = [exec('U1', 'AB', 0, 2, 50)];
    const plan = planDeployment(narrow, [uln('U1', { rdd: 5 })], { executed, today: 4 });
    expect(flagged(plan)).toEqual([
      ['AB', 0, 2, 50, true],
      ['AB', 4, 6, 50, false],
    ]);
    expect(plan.ulns[0]).toMatchObject({
      status: 'scheduled',
      route: ['AB'],
      arrivalDay: 6,
      deliveredDay: 6,
      daysLate: 1,
      personnelDaysLate: 100,
    });
    expect(plan.ulns[0]!.legs[0]).toMatchObject({ firstDeparture: 0, lastDeparture: 4, loads: 2 });
    expect(plan.arcs[0]!.personnel[0]).toBe(50);
    expect(Array.from(plan.closureCurve.subarray(0, 8))).toEqual([0, 0, 50, 50, 50, 50, 100, 100]);
    checkPlan(narrow, [uln('U1', { rdd: 5 })], plan, { executed, today: 4 });
  });

  it('charges executed loads beyond capacity as they happened, and plans around them', () => {
    const ulns = [uln('U1', { personnel: 80 }), uln('U2', { personnel: 50 })];
    const executed = [exec('U1', 'AB', 0, null, 80)];
    const plan = planDeployment(narrow, ulns, { executed, today: 0 });
    expect(plan.arcs[0]!.personnel[0]).toBe(80);
    expect(plan.arcs[0]!.utilisation[0]).toBeCloseTo(1.6);
    expect(flagged(plan, 1)).toEqual([['AB', 1, 3, 50, false]]);
    checkPlan(narrow, ulns, plan, { executed, today: 0 });
  });

  // The case fast-check found (seed -930702599): loads reported late land together and overfill one
  // measure of a node's reception. The other measure is still free, and the planner uses it.
  it('lands personnel on a day whose tonnes reception executed loads already overfill, and no tonnes', () => {
    const net = {
      nodes: [{ id: 'A' }, { id: 'B', receptionPerDay: { personnel: 10, tonnes: 5 } }],
      arcs: [arc('AB', 'A', 'B', { transitDays: 1, loadSize: { personnel: 5, tonnes: 5 } })],
    };
    const ulns = [uln('U1', { personnel: 20, tonnes: 20 })];
    // Two loads of day 0 and 1, both reported arriving on day 3: 8 tonnes where 5 can be received.
    const executed = [exec('U1', 'AB', 0, 3, 1, 4), exec('U1', 'AB', 1, 3, 1, 4)];
    const plan = planDeployment(net, ulns, { executed, today: 2 });
    const landing = plan.ulns[0]!.movements.filter((m) => !m.executed && m.arriveDay === 3);
    expect(landing.reduce((x, m) => x + m.personnel, 0)).toBeGreaterThan(0);
    expect(landing.reduce((x, m) => x + m.tonnes, 0)).toBe(0);
    expect(plan.nodes[1]!.personnel[3]).toBeLessThanOrEqual(10);
    expect(plan.nodes[1]!.tonnes[3]).toBe(8);
    expect(plan.ulns[0]!.status).toBe('scheduled');
    checkPlan(net, ulns, plan, { executed, today: 2 });
  });

  const chain = {
    nodes: [{ id: 'A' }, { id: 'M', receptionPerDay: { personnel: 500, tonnes: 500 } }, { id: 'B' }],
    arcs: [arc('AM', 'A', 'M', { transitDays: 3 }), arc('MB', 'M', 'B', { transitDays: 1 })],
  };

  it('moves cargo in transit on from the day it arrives (assumed, or as reported)', () => {
    const ulns = [uln('U1')];
    const assumed = [exec('U1', 'AM', 0, null, 100)];
    const plan = planDeployment(chain, ulns, { executed: assumed, today: 1 });
    expect(flagged(plan)).toEqual([
      ['AM', 0, 3, 100, true],
      ['MB', 3, 4, 100, false],
    ]);
    expect(plan.ulns[0]).toMatchObject({ route: ['AM', 'MB'], arrivalDay: 4 });
    expect(plan.nodes[1]!.personnel[3]).toBe(100);
    // Delayed: reported arriving on day 6, so it leaves M on day 6; already there, from today.
    const delayed = planDeployment(chain, ulns, { executed: [exec('U1', 'AM', 0, 6, 100)], today: 1 });
    expect(flagged(delayed)[1]).toEqual(['MB', 6, 7, 100, false]);
    const waiting = planDeployment(chain, ulns, { executed: assumed, today: 9 });
    expect(flagged(waiting)[1]).toEqual(['MB', 9, 10, 100, false]);
  });

  it('moves cargo split between origin and an intermediate node from both, each from where it is', () => {
    const ulns = [uln('U1')];
    const executed = [exec('U1', 'AM', 0, 3, 60)];
    const plan = planDeployment(chain, ulns, { executed, today: 2 });
    // Planned part by part, the earliest available first: the 40 at A from today, then the 60 at M.
    expect(flagged(plan)).toEqual([
      ['AM', 0, 3, 60, true],
      ['AM', 2, 5, 40, false],
      ['MB', 5, 6, 40, false],
      ['MB', 3, 4, 60, false],
    ]);
    expect(plan.ulns[0]).toMatchObject({ route: ['AM', 'MB'], arrivalDay: 6 });
    expect(plan.ulns[0]!.movements.map((m) => m.leg)).toEqual([0, 0, 1, 1]);
    checkPlan(chain, ulns, plan, { executed, today: 2 });
  });

  // A to M, then M to B closed for long: the detour M-C-B, or from A the slow direct arc.
  const detour = {
    nodes: [{ id: 'A' }, { id: 'M' }, { id: 'C' }, { id: 'B' }],
    arcs: [
      arc('AM', 'A', 'M', { transitDays: 1 }),
      arc('MB', 'M', 'B', { transitDays: 1, closures: [{ from: 0, to: 50 }] }),
      arc('MC', 'M', 'C', { transitDays: 2 }),
      arc('CB', 'C', 'B', { transitDays: 2 }),
      arc('AB', 'A', 'B', { transitDays: 8 }),
    ],
  };

  it('routes cargo at an intermediate node whose next arc is closed another way from there', () => {
    const ulns = [uln('U1', { rdd: 12, lad: 60 })];
    const executed = [exec('U1', 'AM', 0, 1, 100)];
    const plan = planDeployment(detour, ulns, { executed, today: 3, horizonDays: 80 });
    expect(flagged(plan)).toEqual([
      ['AM', 0, 1, 100, true],
      ['MC', 3, 5, 100, false],
      ['CB', 5, 7, 100, false],
    ]);
    expect(plan.ulns[0]).toMatchObject({ status: 'scheduled', route: ['AM', 'MC', 'CB'], arrivalDay: 7 });
    checkPlan(detour, ulns, plan, { executed, today: 3 });
  });

  it('gives the main route and lists every arc used when the cargo took different paths', () => {
    const closedAM = {
      ...detour,
      arcs: detour.arcs.map((a) => (a.id === 'AM' ? { ...a, closures: [{ from: 1, to: 50 }] } : a)),
    };
    const ulns = [uln('U1', { rdd: 12, lad: 60 })];
    const executed = [exec('U1', 'AM', 0, 1, 60)];
    const plan = planDeployment(closedAM, ulns, { executed, today: 3, horizonDays: 80 });
    expect(flagged(plan)).toEqual([
      ['AM', 0, 1, 60, true],
      ['AB', 3, 11, 40, false],
      ['MC', 3, 5, 60, false],
      ['CB', 5, 7, 60, false],
    ]);
    const s = plan.ulns[0]!;
    // 60 went by M, 40 direct: the route follows the 60, the legs list all four arcs.
    expect(s.route).toEqual(['AM', 'MC', 'CB']);
    expect(s.legs.map((l) => l.arc)).toEqual(['AM', 'MC', 'CB', 'AB']);
    expect(s.movements.map((m) => m.leg)).toEqual([0, 3, 1, 2]);
    expect(s.arrivalDay).toBe(11);
    checkPlan(closedAM, ulns, plan, { executed, today: 3 });
  });

  it('plans each part of a split ULN around the parts planned before it', () => {
    // Both parts want X-B, one load a day and closed on day 3: the second part, seeing the first's
    // load on day 2, goes direct rather than wait until day 4.
    const net = {
      nodes: [{ id: 'A' }, { id: 'M1' }, { id: 'M2' }, { id: 'X' }, { id: 'B' }],
      arcs: [
        arc('AM1', 'A', 'M1', { transitDays: 1 }),
        arc('AM2', 'A', 'M2', { transitDays: 1 }),
        arc('M1X', 'M1', 'X', { transitDays: 1 }),
        arc('M2X', 'M2', 'X', { transitDays: 1 }),
        arc('XB', 'X', 'B', {
          transitDays: 1,
          capacityPerDay: { personnel: 50, tonnes: 50 },
          loadSize: { personnel: 50, tonnes: 50 },
          closures: [{ from: 3, to: 3 }],
        }),
        arc('M2B', 'M2', 'B', { transitDays: 3 }),
      ],
    };
    const ulns = [uln('U1', { rdd: 0 })];
    const executed = [exec('U1', 'AM1', 0, 1, 50), exec('U1', 'AM2', 0, 1, 50)];
    const plan = planDeployment(net, ulns, { executed, today: 1 });
    expect(flagged(plan)).toEqual([
      ['AM1', 0, 1, 50, true],
      ['AM2', 0, 1, 50, true],
      ['M1X', 1, 2, 50, false],
      ['XB', 2, 3, 50, false],
      ['M2B', 1, 4, 50, false],
    ]);
    // Half and half: the route takes the first arc listed at the tie.
    expect(plan.ulns[0]!.route).toEqual(['AM1', 'M1X', 'XB']);
    expect(plan.ulns[0]!.legs.map((l) => l.arc)).toEqual(['AM1', 'M1X', 'XB', 'AM2', 'M2B']);
    checkPlan(net, ulns, plan, { executed, today: 1 });
  });

  it('keeps a delivered ULN as executed, and reports a ULN whose cargo is stuck as unscheduled', () => {
    const ulns = [uln('done', { rdd: 3 }), uln('stuck')];
    const deadEnd = {
      nodes: [...chain.nodes, { id: 'X' }],
      arcs: [...chain.arcs, arc('AX', 'A', 'X', { transitDays: 1 })],
    };
    const executed = [
      exec('done', 'AM', 0, 3, 100),
      exec('done', 'MB', 3, 5, 100),
      exec('stuck', 'AX', 0, 1, 30),
    ];
    const plan = planDeployment(deadEnd, ulns, { executed, today: 6 });
    expect(plan.ulns[0]).toMatchObject({
      status: 'scheduled',
      route: ['AM', 'MB'],
      arrivalDay: 5,
      daysLate: 2,
      personnelDaysLate: 200,
    });
    expect(plan.ulns[0]!.movements.every((m) => m.executed)).toBe(true);
    expect(plan.ulns[1]).toMatchObject({ status: 'no-route', route: [], arrivalDay: null });
    expect(flagged(plan, 1)).toEqual([['AX', 0, 1, 30, true]]);
    expect(plan.missedLad).toEqual([{ uln: 'stuck', kind: 'no-route', reason: 'no route from X to B' }]);
    checkPlan(deadEnd, ulns, plan, { executed, today: 6 });
  });

  it('says a ULN is late from where it stands rather than from congestion', () => {
    const plan = planDeployment(chain, [uln('U1', { lad: 8 })], { today: 6 });
    expect(plan.missedLad).toEqual([
      {
        uln: 'U1',
        kind: 'already-late',
        reason:
          'already late on C+6: from where its cargo is, it cannot arrive before C+10, after its LAD C+8',
      },
    ]);
  });

  it('refuses inconsistent records and accepts departures before a later-edited ALD', () => {
    expect(() => planDeployment(chain, [uln('U1')], { executed: [exec('U1', 'MB', 0, null, 10)] })).toThrow(
      /executed movement 0, personnel: .*left M/,
    );
    expect(() => planDeployment(chain, [uln('U1')], { today: 1.5 })).toThrow(RangeError);
    const plan = planDeployment(chain, [uln('U1', { ald: 4 })], {
      executed: [exec('U1', 'AM', 0, null, 100)],
    });
    expect(flagged(plan)[1]).toEqual(['MB', 3, 4, 100, false]);
  });
});

describe('checkMovements', () => {
  const net: DeploymentNetwork = {
    nodes: [{ id: 'A' }, { id: 'M' }, { id: 'B' }],
    arcs: [arc('AM', 'A', 'M', { transitDays: 2 }), arc('MB', 'M', 'B', { transitDays: 1 })],
  };
  const ulns = [uln('U1', { ald: 1 }), uln('U2', { tonnes: 10 })];
  const fields = (ms: ExecutedMovement[]) => checkMovements(net, ulns, ms).map((p) => [p.index, p.field]);

  it('accepts a consistent history, same-day transfers and unreported arrivals included', () => {
    expect(
      checkMovements(net, ulns, [
        exec('U1', 'AM', 1, 3, 60),
        exec('U1', 'MB', 3, null, 60),
        exec('U1', 'AM', 2, null, 40),
        exec('U2', 'AM', 0, 5, 100, 10),
        exec('U2', 'MB', 5, 6, 50, 10),
      ]),
    ).toEqual([]);
  });

  it('names the field of each problem in a single record', () => {
    const problems = checkMovements(net, ulns, [
      exec('U9', 'AM', 1, null, 1),
      exec('U1', 'XY', 1, null, 1),
      exec('U1', 'AM', 1, 2, 1),
      exec('U1', 'AM', 0, null, 1),
      exec('U1', 'AM', 1, null, -1),
      exec('U2', 'AM', 0, null, 0, Number.NaN),
      exec('U1', 'AM', 1.5, null, 1),
      exec('U1', 'AM', 1, 3.5, 1),
      exec('U1', 'AM', 1, null, 0, 0),
    ]);
    expect(problems.map((p) => [p.index, p.field])).toEqual([
      [0, 'uln'],
      [1, 'arc'],
      [2, 'arriveDay'],
      [3, 'departDay'],
      [4, 'personnel'],
      [5, 'tonnes'],
      [6, 'departDay'],
      [7, 'arriveDay'],
      [8, 'personnel'],
    ]);
    expect(problems[0]!.message).toBe('unknown ULN U9');
    expect(problems[2]!.message).toBe('arrival day 2 is before departure day 1 + transit 2 days on arc AM');
    expect(problems[3]!.message).toBe("departure day 0 is before ULN U1's ALD 1");
  });

  it('refuses cargo leaving a node before it got there, or more than ever got there', () => {
    expect(fields([exec('U1', 'AM', 1, null, 60), exec('U1', 'MB', 2, null, 60)])).toEqual([
      [1, 'departDay'],
    ]);
    expect(
      checkMovements(net, ulns, [exec('U1', 'AM', 1, null, 60), exec('U1', 'MB', 2, null, 60)])[0]!.message,
    ).toBe(
      'leaves M on day 2 before its cargo got there: 60 personnel of ULN U1 would have left by then, ' +
        'only 0 had arrived',
    );
    expect(fields([exec('U1', 'AM', 1, null, 60), exec('U1', 'MB', 4, null, 70)])).toEqual([
      [1, 'personnel'],
    ]);
    expect(fields([exec('U1', 'AM', 1, null, 60), exec('U1', 'AM', 2, null, 60)])).toEqual([
      [1, 'personnel'],
    ]);
    expect(fields([exec('U2', 'AM', 0, null, 10, 11)])).toEqual([[0, 'tonnes']]);
    // A refused record does not count, so the next one is judged on what really left.
    expect(fields([exec('U1', 'AM', 1, null, 150), exec('U1', 'AM', 2, null, 100)])).toEqual([
      [0, 'personnel'],
    ]);
  });

  it('refuses movements past the destination and records naming a duplicated ULN id', () => {
    const twice = [...ulns, uln('U1')];
    expect(checkMovements(net, twice, [exec('U1', 'AM', 1, null, 1)]).map((p) => p.field)).toEqual(['uln']);
    const back = { ...net, arcs: [...net.arcs, arc('BA', 'B', 'A')] };
    expect(
      checkMovements(back, ulns, [
        exec('U1', 'AM', 1, 3, 10),
        exec('U1', 'MB', 3, 4, 10),
        exec('U1', 'BA', 4, null, 10),
      ]),
    ).toEqual([
      {
        index: 2,
        field: 'arc',
        message: "arc BA leaves B, ULN U1's destination: its cargo is delivered there",
      },
    ]);
  });
});
