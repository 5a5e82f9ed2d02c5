// Plans from the relaxation's LP schedules (lp-schedule-plan.ts): a schedule's cargo cut into the
// arcs' loads, follow-on tonnes moved onto the critical tonnes' arcs to make the LAD unless the
// scenario allows them after it, and, through the planner's re-plan, a clean plan that keeps what fits.
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighs } from '../force-fill-lp.ts';
import { deliveryMasterBound } from './bound/delivery-master.ts';
import type { LpSchedule } from './bound/delivery-master.ts';
import { guidedTries, relaxedDayOrder } from './guided-tries.ts';
import { keptSchedules, lpSchedulePlan } from './lp-schedule-plan.ts';
import { checkPlan } from './plan-checker.ts';
import { planDeployment } from './schedule.ts';
import type { DeploymentNetwork, Movement, Uln } from './schedule.ts';
import { arc, congestedCorridor, uln } from './test-fixtures.ts';

/** Air A→B in loads of 100 people or 40 t; a ship A→C (the whole unit at once), then a road C→B. */
const network: DeploymentNetwork = {
  nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
  arcs: [
    arc('air', 'A', 'B', { transitDays: 1, loadSize: { personnel: 100, tonnes: 40 } }),
    arc('ship', 'A', 'C', { mode: 'sea', transitDays: 10, wholeUnit: true }),
    arc('road', 'C', 'B', { mode: 'road', transitDays: 1 }),
  ],
};
const AIR = 0;
const SHIP = 1;
const ROAD = 2;

/** A schedule from (part, arc, day) departures. */
const schedule = (...steps: [number, number, number][]): LpSchedule => ({
  share: 1,
  part: Uint8Array.from(steps.map((s) => s[0])),
  arc: Int32Array.from(steps.map((s) => s[1])),
  day: Int32Array.from(steps.map((s) => s[2])),
});

/** Personnel flown on day 2, critical tonnes on day 3, the rest by ship on day 0 and road on day 10. */
const flownAndShipped = schedule([0, AIR, 2], [1, AIR, 3], [2, ROAD, 10], [2, SHIP, 0]);

const brief = (m: Movement) => [m.arc, m.departDay, m.arriveDay, m.personnel, m.tonnes, m.followOn];

function loadsFor(u: Uln, s: LpSchedule | null, followOnAfterLad = false): Movement[] | null {
  const plan = lpSchedulePlan(network, [u], [s], [u.uln], { followOnAfterLad });
  expect(plan.order).toEqual([u.uln]);
  return plan.ulns[0]?.movements ?? null;
}

describe('lpSchedulePlan', () => {
  const unit = uln('U', { personnel: 150, tonnes: 100, rdd: 5, lad: 12 });

  it("cuts each part of the cargo into the arc's loads, the ship's into one", () => {
    expect(loadsFor(unit, flownAndShipped)!.map(brief)).toEqual([
      ['air', 2, 3, 100, 0, false],
      ['air', 2, 3, 50, 0, false],
      ['air', 3, 4, 0, 40, false],
      ['air', 3, 4, 0, 40, false],
      ['air', 3, 4, 0, 10, false],
      ['road', 10, 11, 0, 10, true],
      ['ship', 0, 10, 0, 10, true],
    ]);
  });

  it("flies the follow-on as late as makes the LAD when the LP's would miss it, unless allowed after it", () => {
    const early = { ...unit, lad: 8 };
    // The critical tonnes arrive on day 4: the follow-on departs 4 days later, arriving on the LAD.
    expect(
      loadsFor(early, flownAndShipped)!
        .filter((m) => m.followOn)
        .map(brief),
    ).toEqual([['air', 7, 8, 0, 10, true]]);
    expect(
      loadsFor(early, flownAndShipped, true)!
        .filter((m) => m.followOn)
        .map(brief),
    ).toEqual([
      ['road', 10, 11, 0, 10, true],
      ['ship', 0, 10, 0, 10, true],
    ]);
    // Critical tonnes already past the LAD: the follow-on goes with them.
    const late = { ...unit, lad: 3 };
    expect(
      loadsFor(late, flownAndShipped)!
        .filter((m) => m.followOn)
        .map(brief),
    ).toEqual([['air', 3, 4, 0, 10, true]]);
  });

  it("takes a start plan's schedule as that plan's loads, split paths and all, whatever its steps say", () => {
    const loads: Movement[] = [
      {
        leg: 0,
        arc: 'air',
        departDay: 2,
        arriveDay: 3,
        personnel: 150,
        tonnes: 0,
        executed: false,
        followOn: false,
      },
      {
        leg: 0,
        arc: 'air',
        departDay: 3,
        arriveDay: 4,
        personnel: 0,
        tonnes: 60,
        executed: false,
        followOn: false,
      },
      {
        leg: 1,
        arc: 'ship',
        departDay: 0,
        arriveDay: 10,
        personnel: 0,
        tonnes: 40,
        executed: false,
        followOn: true,
      },
      {
        leg: 2,
        arc: 'road',
        departDay: 10,
        arriveDay: 11,
        personnel: 0,
        tonnes: 40,
        executed: false,
        followOn: true,
      },
    ];
    // The follow-on arrives on day 11, after a LAD of 8: a plan's own loads are kept as they are.
    const got = loadsFor({ ...unit, lad: 8 }, { ...flownAndShipped, loads })!;
    expect(got).toEqual(loads);
    expect(got[0]).not.toBe(loads[0]);
  });

  it('leaves out a ULN with no schedule or one that does not carry all its cargo', () => {
    expect(loadsFor(unit, null)).toBeNull();
    expect(loadsFor(unit, schedule([1, AIR, 3], [2, AIR, 3]))).toBeNull();
    expect(loadsFor({ ...unit, personnel: 0 }, schedule([1, AIR, 3], [2, AIR, 3]))!.length).toBe(4);
    expect(loadsFor({ ...unit, tonnes: 0 }, schedule([0, AIR, 3]))!.map(brief)).toEqual([
      ['air', 3, 4, 100, 0, false],
      ['air', 3, 4, 50, 0, false],
    ]);
  });

  it('is kept by a re-plan where it fits, and keptSchedules counts what was kept', () => {
    // Room on the air arc for one unit's 100 t a day: the second is planned after the first.
    const tight: DeploymentNetwork = {
      ...network,
      arcs: network.arcs.map((a) =>
        a.id === 'air' ? { ...a, capacityPerDay: { personnel: 1000, tonnes: 100 } } : a,
      ),
    };
    const units = [unit, { ...unit, uln: 'V' }];
    const both = schedule([0, AIR, 2], [1, AIR, 3], [2, AIR, 3]);
    const previous = lpSchedulePlan(tight, units, [both, both], ['U', 'V'], { followOnAfterLad: false });
    const plan = planDeployment(tight, units, { previous, order: ['U', 'V'] });
    expect(checkPlan(tight, units, plan).violations).toEqual([]);
    expect(keptSchedules(previous, plan)).toBe(1);
    expect(plan.ulns.find((s) => s.uln === 'U')!.movements.map(brief)).toEqual(
      previous.ulns[0]!.movements.map(brief),
    );
    expect(plan.ulns.find((s) => s.uln === 'V')!.status).toBe('scheduled');
  });
});

describe("a plan from the master LP's schedules", () => {
  let highs: Highs;
  beforeAll(async () => {
    highs = await loadHighs();
  });

  it('is clean, above the bound, deterministic, keeps most schedules, and makes the LAD unless allowed not to', () => {
    const { network: net, ulns } = congestedCorridor();
    const plain = planDeployment(net, ulns);
    const master = deliveryMasterBound(net, ulns, {
      highs,
      maxIterations: 60,
      timeLimitMs: 120_000,
      horizonDays: plain.horizonDays,
    });
    expect(master.schedules).toHaveLength(ulns.length);
    // The guided plans the plan job tries first, for the comparison below.
    const guidance = { prices: master.prices, lateness: master.lateness, meanLateness: master.ulnLateness };
    const guided = Math.min(
      ...guidedTries(ulns, guidance).map((t) => planDeployment(net, ulns, t.options).objective.value),
    );
    const order = relaxedDayOrder(ulns, master.ulnLateness!, (p) => 1 / p).map((j) => ulns[j]!.uln);
    for (const followOnAfterLad of [false, true]) {
      const previous = lpSchedulePlan(net, ulns, master.schedules!, order, { followOnAfterLad });
      expect(previous.ulns.length).toBeGreaterThan(0.9 * ulns.length);
      if (!followOnAfterLad)
        for (const s of previous.ulns) {
          const u = ulns.find((x) => x.uln === s.uln)!;
          const arrives = (f: boolean) =>
            Math.max(-1, ...s.movements.filter((m) => m.followOn === f).map((m) => m.arriveDay));
          if (arrives(false) <= u.lad) expect(arrives(true)).toBeLessThanOrEqual(u.lad);
        }
      const plan = planDeployment(net, ulns, { previous, order, prices: master.prices });
      expect(checkPlan(net, ulns, plan).violations).toEqual([]);
      expect(plan.ulns.every((s) => s.status === 'scheduled')).toBe(true);
      expect(plan.objective.value).toBeGreaterThanOrEqual(master.value * (1 - 1e-9));
      expect(keptSchedules(previous, plan)).toBeGreaterThan(0.8 * previous.ulns.length);
      const again = planDeployment(net, ulns, { previous, order, prices: master.prices });
      expect(again.ulns).toEqual(plan.ulns);
      // On the corridor beside its detour the LP knows who should take which: better than any
      // guided order (about 60,600 against 61,100 for the best of them).
      expect(plan.objective.value).toBeLessThan(guided);
    }
  });
});
