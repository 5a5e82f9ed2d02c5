// Holding units with days to spare at their origin (hold-on-time.ts): the early lift goes to the
// units that need it, no held unit is delivered later than its RDD or than it would be unheld, and
// improvement keeps holding only when it lowers the objective.
import { describe, expect, it } from 'vitest';
import { generateDeploymentInstance } from './instance-generator.ts';
import { checkPlan } from './plan-checker.ts';
import { planDeployment } from './schedule.ts';
import type { DeploymentNetwork, DeploymentPlan } from './schedule.ts';
import { arc, uln } from './test-fixtures.ts';

/** One arc A→B, two days, a hundred personnel and a hundred tonnes a day. */
const oneArc = (): DeploymentNetwork => ({
  nodes: [{ id: 'A' }, { id: 'B' }],
  arcs: [
    arc('A>B', 'A', 'B', {
      capacityPerDay: { personnel: 100, tonnes: 100 },
      loadSize: { personnel: 100, tonnes: 100 },
    }),
  ],
});

const firstDeparture = (plan: DeploymentPlan, id: string, what: 'personnel' | 'tonnes'): number =>
  Math.min(
    ...plan.ulns
      .find((s) => s.uln === id)!
      .movements.filter((m) => m[what] > 0)
      .map((m) => m.departDay),
  );

describe('holding units with days to spare', () => {
  // U1 has eight days to spare and claims lift first; U2 has none.
  const ulns = [uln('U1', { rdd: 10 }), uln('U2', { rdd: 2 })];

  it('leaves the early lift to the unit that needs it', () => {
    const unheld = planDeployment(oneArc(), ulns, { order: ['U1', 'U2'], holdOnTime: false });
    expect(unheld.objective.value).toBe(100);
    expect(unheld.holdOnTime).toBe(false);

    const held = planDeployment(oneArc(), ulns, { order: ['U1', 'U2'], holdOnTime: true });
    expect(held.objective.value).toBe(0);
    expect(held.holdOnTime).toBe(true);
    expect(firstDeparture(held, 'U1', 'personnel')).toBe(8);
    expect(held.ulns.map((s) => s.deliveredDay)).toEqual([10, 2]);
    expect(checkPlan(oneArc(), ulns, held).violations).toEqual([]);
  });

  it('holds personnel that would only wait in theatre for their equipment', () => {
    // 500 t at 100 t a day: the critical 450 t are in on day 6; the personnel could be in on day 2.
    const heavy = [uln('U3', { personnel: 100, tonnes: 500, rdd: 2 })];
    // No improvement passes: they would keep the unheld plan, as good and closing earlier.
    const unheld = planDeployment(oneArc(), heavy, { holdOnTime: false, improvementPasses: 0 });
    const held = planDeployment(oneArc(), heavy, { holdOnTime: true, improvementPasses: 0 });
    expect(unheld.ulns[0]!.deliveredDay).toBe(6);
    expect(held.ulns[0]!.deliveredDay).toBe(6);
    expect(firstDeparture(unheld, 'U3', 'personnel')).toBe(0);
    expect(firstDeparture(held, 'U3', 'personnel')).toBe(4);
    expect(firstDeparture(held, 'U3', 'tonnes')).toBe(0);
    expect(held.objective.value).toBe(unheld.objective.value);
    // Its follow-on 50 t leave 20 days after it (its LAD, day 30, would allow 28): the last arrival.
    expect(held.ulns[0]!.arrivalDay).toBe(22);
    expect(checkPlan(oneArc(), heavy, held).violations).toEqual([]);
  });

  it('sends follow-on tonnes after the unit, as its LAD allows, leaving early lift to the next unit', () => {
    // 100 t a day, personnel without limit. U4's critical 180 t take days 0 and 1 (in on its RDD,
    // nothing to spare); its follow-on 20 t would take the last of day 1, which U5's 18 t need.
    const net: DeploymentNetwork = {
      nodes: [{ id: 'A' }, { id: 'B' }],
      arcs: [
        arc('A>B', 'A', 'B', {
          capacityPerDay: { personnel: 10_000, tonnes: 100 },
          loadSize: { personnel: 10_000, tonnes: 100 },
        }),
      ],
    };
    const two = [uln('U4', { tonnes: 200, rdd: 3, lad: 12 }), uln('U5', { tonnes: 20, rdd: 3 })];
    const unheld = planDeployment(net, two, { order: ['U4', 'U5'], holdOnTime: false });
    expect(unheld.objective.value).toBe(100);
    const held = planDeployment(net, two, { order: ['U4', 'U5'], holdOnTime: true });
    expect(held.objective.value).toBe(0);
    const u4 = held.ulns.find((s) => s.uln === 'U4')!;
    expect(u4.deliveredDay).toBe(3);
    // As late as the LAD allows: it leaves on day 10 and arrives on its LAD, day 12.
    const late = u4.movements.filter((m) => m.departDay === 10);
    expect(late).toHaveLength(1);
    expect(late[0]!.tonnes).toBeCloseTo(20, 9);
    expect(u4.arrivalDay).toBe(12);
    expect(held.ulns.find((s) => s.uln === 'U5')!.deliveredDay).toBe(3);
    expect(checkPlan(net, two, held).violations).toEqual([]);
  });

  describe('follow-on tonnes by a route of their own', () => {
    // The airlift A>B (2 days, 100 t a day) and the sea A>P>B (4 + 4 days, 5,000 t a day).
    const net = (): DeploymentNetwork => ({
      nodes: [{ id: 'A' }, { id: 'P' }, { id: 'B' }],
      arcs: [
        arc('A>B', 'A', 'B', {
          capacityPerDay: { personnel: 10_000, tonnes: 100 },
          loadSize: { personnel: 10_000, tonnes: 100 },
        }),
        arc('A>P', 'A', 'P', {
          mode: 'sea',
          transitDays: 4,
          capacityPerDay: { personnel: 0, tonnes: 5000 },
          loadSize: { personnel: 0, tonnes: 5000 },
        }),
        arc('P>B', 'P', 'B', {
          mode: 'sea',
          transitDays: 4,
          capacityPerDay: { personnel: 0, tonnes: 5000 },
          loadSize: { personnel: 0, tonnes: 5000 },
        }),
      ],
    });
    const tonnesBy = (plan: DeploymentPlan, id: string, arcId: string): number =>
      plan.ulns
        .find((s) => s.uln === id)!
        .movements.filter((m) => m.arc === arcId)
        .reduce((t, m) => t + m.tonnes, 0);

    it('ships them when the sea brings them in by the LAD, leaving the airlift to critical equipment', () => {
      // U6's critical 270 t fly; its follow-on 30 t, which the sea brings in by its LAD (leaving
      // on day 12, in on day 20), sail instead of taking airlift from any unit after it.
      const ulns = [uln('U6', { tonnes: 300, rdd: 5, lad: 20 }), uln('U7', { tonnes: 100, rdd: 5, lad: 20 })];
      const plan = planDeployment(net(), ulns, {
        order: ['U6', 'U7'],
        holdOnTime: true,
        improvementPasses: 0,
      });
      const u6 = plan.ulns.find((s) => s.uln === 'U6')!;
      expect(tonnesBy(plan, 'U6', 'A>B')).toBeCloseTo(270, 6);
      expect(tonnesBy(plan, 'U6', 'A>P')).toBeCloseTo(30, 6);
      expect(tonnesBy(plan, 'U6', 'P>B')).toBeCloseTo(30, 6);
      // The route is the unit's (the airlift); the legs list the sea's two after it.
      expect(u6.route).toEqual(['A>B']);
      expect(u6.legs.map((l) => [l.arc, l.followOn])).toEqual([
        ['A>B', false],
        ['A>P', true],
        ['P>B', true],
      ]);
      expect(u6.movements.every((m) => u6.legs[m.leg]!.arc === m.arc)).toBe(true);
      expect(u6.arrivalDay).toBeLessThanOrEqual(20);
      expect(plan.objective.value).toBe(0);
      expect(checkPlan(net(), ulns, plan).violations).toEqual([]);
      // Replayed from its order and holding, the plan is the same.
      const replay = planDeployment(net(), ulns, {
        order: plan.order,
        holdOnTime: true,
        improvementPasses: 0,
      });
      expect(replay.ulns).toEqual(plan.ulns);
    });

    it('flies them when the sea would miss the LAD', () => {
      const ulns = [uln('U8', { tonnes: 300, rdd: 5, lad: 7 })];
      const plan = planDeployment(net(), ulns, { holdOnTime: true, improvementPasses: 0 });
      expect(tonnesBy(plan, 'U8', 'A>B')).toBeCloseTo(300, 6);
      expect(tonnesBy(plan, 'U8', 'A>P')).toBe(0);
      // On legs of their own after the unit's.
      expect(plan.ulns[0]!.legs.map((l) => [l.arc, l.followOn])).toEqual([
        ['A>B', false],
        ['A>B', true],
      ]);
      expect(checkPlan(net(), ulns, plan).violations).toEqual([]);
    });
  });

  it('is not used when nobody is late, so the force closes as early as it can', () => {
    // The planner's own order puts U2 first: nobody is late, and nobody is held.
    const plan = planDeployment(oneArc(), ulns);
    expect(plan.objective.value).toBe(0);
    expect(plan.holdOnTime).toBe(false);
    expect(firstDeparture(plan, 'U1', 'personnel')).toBe(1);
  });

  it('is kept by improvement where it lowers the objective, and the plan replays from its order and holding', () => {
    const { network, ulns: surge } = generateDeploymentInstance({
      seed: 2,
      ulnCount: 800,
      scenario: 'surge',
    });
    const first = planDeployment(network, surge, { improvementPasses: 0 });
    const plan = planDeployment(network, surge);
    expect(plan.holdOnTime).toBe(true);
    expect(plan.objective.value).toBeLessThan(first.objective.value);
    expect(checkPlan(network, surge, plan).violations).toEqual([]);
    const replay = planDeployment(network, surge, { order: plan.order, holdOnTime: plan.holdOnTime });
    expect(replay.objective).toEqual(plan.objective);
  });
});
