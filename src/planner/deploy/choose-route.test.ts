import { describe, expect, it } from 'vitest';
import { checkPlan } from './plan-checker.ts';
import { planDeployment } from './schedule.ts';
import { arc, uln } from './test-fixtures.ts';
import type { DeploymentNetwork, DeploymentPlan, Uln } from './schedule.ts';

/** The arcs that carry a ULN's personnel and its tonnes. */
function carriers(plan: DeploymentPlan, i = 0): { personnel: string[]; tonnes: string[] } {
  const ms = plan.ulns[i]!.movements;
  const on = (pick: (m: (typeof ms)[number]) => number) => [
    ...new Set(ms.filter((m) => pick(m) > 0).map((m) => m.arc)),
  ];
  return { personnel: on((m) => m.personnel).sort(), tonnes: on((m) => m.tonnes).sort() };
}

function expectClean(net: DeploymentNetwork, ulns: Uln[], plan: DeploymentPlan): void {
  expect(checkPlan(net, ulns, plan).violations).toEqual([]);
}

// An air bridge that flies 1,000 personnel a day but 10 t; a sailing of 5 days that carries 1,000 t
// but 5 personnel a day. Due on day 5: on one route the unit is late whichever it takes.
const air = arc('air', 'A', 'B', {
  transitDays: 1,
  capacityPerDay: { personnel: 1000, tonnes: 10 },
  loadSize: { personnel: 250, tonnes: 10 },
});
const sea = arc('sea', 'A', 'B', {
  mode: 'sea',
  transitDays: 5,
  capacityPerDay: { personnel: 5, tonnes: 1000 },
  loadSize: { personnel: 5, tonnes: 1000 },
});
const bridgeAndSea: DeploymentNetwork = { nodes: [{ id: 'A' }, { id: 'B' }], arcs: [air, sea] };

describe('split routes: personnel and tonnes that marry up at the destination', () => {
  it('flies the personnel and sails the vehicles when together they would be late', () => {
    // By sea alone: 100 personnel at 5 a day, the last in on day 24. By air alone: 100 t at 10 a
    // day, the critical 90 t in on day 9. Split: personnel in on day 1, tonnes on day 5: on time.
    const ulns = [uln('U1', { personnel: 100, tonnes: 100, rdd: 5, ead: 0, lad: 8, criticalShare: 0.9 })];
    const plan = planDeployment(bridgeAndSea, ulns);
    expect(carriers(plan)).toEqual({ personnel: ['air'], tonnes: ['sea'] });
    expect(plan.ulns[0]).toMatchObject({ status: 'scheduled', deliveredDay: 5, daysLate: 0 });
    // Both arcs are legs, each carrying one dimension whole; the route is one dimension's path.
    expect(plan.ulns[0]!.legs.map((l) => [l.arc, l.personnel, l.tonnes]).sort()).toEqual([
      ['air', 100, 0],
      ['sea', 0, 100],
    ]);
    expect(plan.ulns[0]!.route).toHaveLength(1);
    expect(plan.objective.value).toBe(0);
    expectClean(bridgeAndSea, ulns, plan);
  });

  it('keeps a unit on one route when it is on time there', () => {
    // 20 t by air in two days of 10 t: in on day 2, due on day 5.
    const ulns = [uln('U1', { personnel: 100, tonnes: 20, rdd: 5 })];
    const plan = planDeployment(bridgeAndSea, ulns);
    expect(carriers(plan)).toEqual({ personnel: ['air'], tonnes: ['air'] });
    expect(plan.ulns[0]!.legs).toHaveLength(1);
  });

  it('keeps a unit on one route when splitting it delivers no sooner', () => {
    // Only personnel: nothing to split; and a unit whose vehicles cannot sail in time either way.
    const onlyPeople = [uln('U1', { personnel: 100, tonnes: 0, rdd: 0 })];
    expect(carriers(planDeployment(bridgeAndSea, onlyPeople))).toEqual({ personnel: ['air'], tonnes: [] });
    const slowSea = {
      ...bridgeAndSea,
      arcs: [air, { ...sea, transitDays: 30 }],
    };
    const ulns = [uln('U1', { personnel: 100, tonnes: 100, rdd: 5, criticalShare: 0.9 })];
    const plan = planDeployment(slowSea, ulns);
    expect(carriers(plan)).toEqual({ personnel: ['air'], tonnes: ['air'] });
    expectClean(slowSea, ulns, plan);
  });

  it('splits each of two units that share the bridge and the sailing', () => {
    // Two units share the bridge and the sailing; both split, both on time, the plan checked.
    const ulns = [
      uln('U1', { personnel: 100, tonnes: 100, rdd: 5, lad: 8, criticalShare: 0.9 }),
      uln('U2', { personnel: 200, tonnes: 300, rdd: 6, lad: 9, criticalShare: 0.9 }),
    ];
    const plan = planDeployment(bridgeAndSea, ulns);
    for (const i of [0, 1]) expect(carriers(plan, i)).toEqual({ personnel: ['air'], tonnes: ['sea'] });
    expect(plan.objective.value).toBe(0);
    expectClean(bridgeAndSea, ulns, plan);
  });

  it('gives the same plan again, in its order or re-planned from it with nothing changed', () => {
    const ulns = [
      uln('U1', { personnel: 100, tonnes: 100, rdd: 5, lad: 8, criticalShare: 0.9 }),
      uln('U2', { personnel: 50, tonnes: 10, rdd: 3, lad: 8 }),
    ];
    const plan = planDeployment(bridgeAndSea, ulns);
    const again = planDeployment(bridgeAndSea, ulns, { order: plan.order, holdOnTime: plan.holdOnTime });
    expect(again.ulns).toEqual(plan.ulns);
    const replanned = planDeployment(bridgeAndSea, ulns, { previous: plan });
    expect(replanned.ulns).toEqual(plan.ulns);
  });
});
