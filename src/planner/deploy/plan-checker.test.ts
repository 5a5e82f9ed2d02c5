import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateDeploymentInstance } from './instance-generator.ts';
import type { InstanceShape } from './instance-generator.ts';
import { movementsBefore } from './movements.ts';
import { checkPlan } from './plan-checker.ts';
import type { CheckedPlan, CheckedUlnSchedule, CheckPlanOptions, PlanViolation } from './plan-checker.ts';
import { planDeployment } from './schedule.ts';
import type { DeploymentArc, DeploymentNetwork, Movement, Uln, UlnStatus } from './schedule-types.ts';
import { arc, uln } from './test-fixtures.ts';

// A two-leg network, A -> M -> B, two days a leg, M receiving at most 500 personnel a day.
const transit = 2;
const network = (
  arcExtra: Partial<DeploymentArc> = {},
  mbExtra: Partial<DeploymentArc> = {},
): DeploymentNetwork => ({
  nodes: [{ id: 'A' }, { id: 'M', receptionPerDay: { personnel: 500, tonnes: 500 } }, { id: 'B' }],
  arcs: [
    arc('AM', 'A', 'M', { transitDays: transit, ...arcExtra }),
    arc('MB', 'M', 'B', { transitDays: transit, ...mbExtra }),
  ],
});

/** A planned load departing on `day` and arriving after the fixture's transit. */
const load = (
  arcId: string,
  day: number,
  personnel: number,
  tonnes = 0,
  extra: Partial<Movement> = {},
): Movement => ({
  leg: arcId === 'AM' ? 0 : 1,
  arc: arcId,
  departDay: day,
  arriveDay: day + transit,
  personnel,
  tonnes,
  executed: false,
  followOn: false,
  ...extra,
});

/** Both legs of a ULN's cargo, leaving A on `day` and M on arrival. */
const through = (day: number, personnel: number, tonnes = 0): Movement[] => [
  load('AM', day, personnel, tonnes),
  load('MB', day + transit, personnel, tonnes),
];

interface Scheduled {
  status?: UlnStatus;
  movements: Movement[];
}

/**
 * A plan of these movements whose reported figures are the checker's own: a test of one rule then
 * sees that rule's violation alone. Tests of the figures build theirs by hand.
 */
function planOf(
  net: DeploymentNetwork,
  ulns: readonly Uln[],
  schedules: readonly Scheduled[],
  options: CheckPlanOptions = {},
  horizonDays = 60,
): CheckedPlan {
  const plan: CheckedPlan = {
    horizonDays,
    objective: {
      value: 0,
      weightedPersonnelDaysLate: 0,
      personnelDaysLate: 0,
      unitDaysLate: 0,
      weightedUnitDaysLate: 0,
      unplannedPenalty: 0,
      unscheduled: 0,
      closureDay: null,
    },
    ulns: ulns.map((u, j) => ({
      uln: u.uln,
      status: schedules[j]!.status ?? 'scheduled',
      movements: schedules[j]!.movements,
      arrivalDay: null,
      deliveredDay: null,
      daysLate: 0,
      personnelDaysLate: 0,
      weightedPersonnelDaysLate: 0,
    })),
  };
  const check = checkPlan(net, ulns, plan, options);
  return {
    ...plan,
    objective: check.objective,
    ulns: plan.ulns.map((s, j) => ({ ...s, ...check.ulns[j]! })),
  };
}

const kinds = (vs: readonly PlanViolation[]): string[] => vs.map((v) => v.kind);

describe('checkPlan on clean hand-built plans', () => {
  it('finds nothing wrong and recomputes the figures, critical share and penalty included', () => {
    const net = network();
    const ulns = [
      // Its personnel in on day 6, 9 of its 10 t (the default 0.9 critical share) on day 8: delivered
      // day 8, 3 days after its RDD, though its last tonne is in on day 12.
      uln('U1', { personnel: 100, tonnes: 10, rdd: 5, priority: 2 }),
      uln('U2', { personnel: 40, rdd: 20 }),
      // Unplanned: delivered on the penalty day, 2 × 60, for one person although it has none.
      uln('U3', { personnel: 0, tonnes: 5, rdd: 20, priority: 4 }),
    ];
    const schedules: CheckedUlnSchedule[] = [
      {
        uln: 'U1',
        status: 'scheduled',
        movements: [...through(2, 100, 0), ...through(4, 0, 9), ...through(8, 0, 1)],
        arrivalDay: 12,
        deliveredDay: 8,
        daysLate: 3,
        personnelDaysLate: 300,
        weightedPersonnelDaysLate: 150,
      },
      {
        uln: 'U2',
        status: 'scheduled',
        movements: through(0, 40),
        arrivalDay: 4,
        deliveredDay: 4,
        daysLate: 0,
        personnelDaysLate: 0,
        weightedPersonnelDaysLate: 0,
      },
      {
        uln: 'U3',
        status: 'no-route',
        movements: [],
        arrivalDay: null,
        deliveredDay: null,
        daysLate: 100,
        personnelDaysLate: 0,
        weightedPersonnelDaysLate: 25,
      },
    ];
    const objective = {
      value: 175,
      weightedPersonnelDaysLate: 150,
      personnelDaysLate: 300,
      unitDaysLate: 3,
      weightedUnitDaysLate: 1.5,
      unplannedPenalty: 25,
      unscheduled: 1,
      closureDay: 12,
    };
    const check = checkPlan(net, ulns, { horizonDays: 60, objective, ulns: schedules });
    expect(check.violations).toEqual([]);
    expect(check.objective).toEqual(objective);
  });

  it('lets cargo leave a node on the day it arrives and an executed load count as given', () => {
    const net = network();
    const ulns = [uln('U1', { personnel: 100, rdd: 10 })];
    const executed = [{ uln: 'U1', arc: 'AM', departDay: 0, arriveDay: null, personnel: 100, tonnes: 0 }];
    const movements = [load('AM', 0, 100, 0, { executed: true }), load('MB', 3, 100)];
    const plan = planOf(net, ulns, [{ movements }], { executed, today: 3 });
    expect(checkPlan(net, ulns, plan, { executed, today: 3 }).violations).toEqual([]);
    expect(plan.objective.closureDay).toBe(5);
  });

  it('uses the priority weight it is given', () => {
    const net = network();
    const ulns = [uln('U1', { personnel: 10, rdd: 2, priority: 3 })];
    const plan = planOf(net, ulns, [{ movements: through(0, 10) }]);
    const check = checkPlan(net, ulns, plan, { priorityWeight: (p) => 10 - p });
    expect(check.objective.weightedPersonnelDaysLate).toBe(7 * 10 * 2);
  });
});

describe('checkPlan finds each broken rule', () => {
  it('an arc over its daily capacity, executed loads counted, but not executed loads alone', () => {
    const net = network({ capacityPerDay: { personnel: 150, tonnes: 1000 } });
    const ulns = [uln('U1'), uln('U2')];
    const plan = planOf(net, ulns, [{ movements: through(0, 100) }, { movements: through(0, 100) }]);
    const check = checkPlan(net, ulns, plan);
    expect(kinds(check.violations)).toEqual(['arc-capacity']);
    expect(check.violations[0]).toMatchObject({ arc: 'AM', day: 0 });

    const executed = [
      { uln: 'U1', arc: 'AM', departDay: 0, arriveDay: 2, personnel: 100, tonnes: 0 },
      { uln: 'U2', arc: 'AM', departDay: 0, arriveDay: 2, personnel: 100, tonnes: 0 },
    ];
    const exec = (m: Movement): Movement => ({ ...m, executed: true });
    const facts = (): Scheduled => ({ movements: [exec(load('AM', 0, 100)), load('MB', 2, 100)] });
    const overloaded = planOf(net, ulns, [facts(), facts()], { executed, today: 1 });
    expect(checkPlan(net, ulns, overloaded, { executed, today: 1 }).violations).toEqual([]);

    // Personnel and tonnes are separate limits: on a day whose executed personnel overfill the arc,
    // planned tonnes may still leave, planned personnel may not.
    const heavy = [
      uln('U1'),
      uln('U2'),
      uln('U3', { personnel: 0, tonnes: 50 }),
      uln('U4', { personnel: 1 }),
    ];
    const late = (personnel: number, tonnes: number): Scheduled => ({
      movements: through(0, personnel, tonnes),
    });
    const mixed = planOf(net, heavy, [facts(), facts(), late(0, 50), late(1, 0)], { executed, today: 0 });
    const overfilled = checkPlan(net, heavy, mixed, { executed, today: 0 }).violations;
    expect(overfilled.map((v) => [v.kind, v.arc, v.day])).toEqual([['arc-capacity', 'AM', 0]]);
    const tonnesOnly = planOf(net, heavy.slice(0, 3), [facts(), facts(), late(0, 50)], {
      executed,
      today: 0,
    });
    expect(checkPlan(net, heavy.slice(0, 3), tonnesOnly, { executed, today: 0 }).violations).toEqual([]);
  });

  it('a node receiving more than it can in a day', () => {
    const net = network();
    const ulns = [uln('U1', { personnel: 300 }), uln('U2', { personnel: 300 })];
    const plan = planOf(net, ulns, [{ movements: through(0, 300) }, { movements: through(0, 300) }]);
    const check = checkPlan(net, ulns, plan);
    expect(kinds(check.violations)).toEqual(['node-reception']);
    expect(check.violations[0]).toMatchObject({ node: 'M', day: 2 });
  });

  it('a planned departure on a closed day', () => {
    const net = network({}, { closures: [{ from: 2, to: 3 }] });
    const ulns = [uln('U1')];
    const check = checkPlan(net, ulns, planOf(net, ulns, [{ movements: through(0, 100) }]));
    expect(kinds(check.violations)).toEqual(['closed-arc']);
    expect(check.violations[0]).toMatchObject({ uln: 'U1', arc: 'MB', day: 2 });
  });

  it('a planned departure before today, or from the origin before its ALD', () => {
    const net = network();
    const ulns = [uln('U1', { ald: 0 })];
    const beforeToday = planOf(net, ulns, [{ movements: through(0, 100) }], { today: 1 });
    expect(kinds(checkPlan(net, ulns, beforeToday, { today: 1 }).violations)).toEqual(['early-departure']);
    expect(kinds(checkPlan(net, ulns, beforeToday, { today: 3 }).violations)).toEqual([
      'early-departure',
      'early-departure',
    ]);

    const late = [uln('U1', { ald: 3 })];
    const beforeAld = planOf(net, late, [{ movements: through(1, 100) }]);
    // The origin holds the cargo from its ALD only, so the flow is broken too.
    expect(kinds(checkPlan(net, late, beforeAld).violations)).toEqual(['early-departure', 'contiguity']);
  });

  it('a planned arrival at the destination before the EAD', () => {
    const net = network();
    const ulns = [uln('U1', { ead: 5, rdd: 10 })];
    const check = checkPlan(net, ulns, planOf(net, ulns, [{ movements: through(0, 100) }]));
    expect(kinds(check.violations)).toEqual(['before-ead']);
  });

  it('a planned load larger than a lift, except on a whole-unit arc', () => {
    const lift = { loadSize: { personnel: 60, tonnes: 1000 } };
    const ulns = [uln('U1')];
    const cut = network(lift);
    expect(
      kinds(checkPlan(cut, ulns, planOf(cut, ulns, [{ movements: through(0, 100) }])).violations),
    ).toEqual(['load-size']);
    const whole = network({ ...lift, wholeUnit: true });
    expect(checkPlan(whole, ulns, planOf(whole, ulns, [{ movements: through(0, 100) }])).violations).toEqual(
      [],
    );
  });

  it('an arrival beyond the horizon', () => {
    const net = network();
    const ulns = [uln('U1')];
    const plan = planOf(net, ulns, [{ movements: through(7, 100) }], {}, 10);
    expect(kinds(checkPlan(net, ulns, plan).violations)).toEqual(['beyond-horizon']);
  });

  it('cargo lost on the way, or not all at the destination', () => {
    const net = network();
    const ulns = [uln('U1', { tonnes: 10 })];
    // 10 t reach M and 4 t go on: 6 t lost at M.
    const lost = [load('AM', 0, 100, 10), load('MB', 2, 100, 4)];
    const check = checkPlan(net, ulns, planOf(net, ulns, [{ movements: lost }]));
    expect(kinds(check.violations)).toEqual(['conservation', 'conservation']);
    expect(check.violations.map((v) => v.node)).toEqual(['M', 'B']);
    // Lost but below the critical share's shortfall: not delivered, so counted on the penalty day.
    expect(check.ulns[0]!.deliveredDay).toBeNull();
  });

  it('cargo leaving a node before it got there', () => {
    const net = network();
    const ulns = [uln('U1')];
    const early = [load('AM', 0, 100), load('MB', 1, 100)];
    const check = checkPlan(net, ulns, planOf(net, ulns, [{ movements: early }]));
    expect(kinds(check.violations)).toEqual(['contiguity']);
    expect(check.violations[0]).toMatchObject({ node: 'M', day: 1 });
  });

  it('a planned arrival other than departure plus transit', () => {
    const net = network();
    const ulns = [uln('U1')];
    const slow = [load('AM', 0, 100, 0, { arriveDay: 3 }), load('MB', 3, 100)];
    expect(kinds(checkPlan(net, ulns, planOf(net, ulns, [{ movements: slow }])).violations)).toEqual([
      'transit',
    ]);
  });

  it('an arc the ULN may not use: its mode, or a lift too small for its largest item', () => {
    const net = network({ mode: 'rail' }, { loadSize: { personnel: 1000, tonnes: 20 } });
    const byRoad = [uln('U1', { modes: ['road', 'air'] })];
    const roadCheck = checkPlan(net, byRoad, planOf(net, byRoad, [{ movements: through(0, 100) }]));
    expect(kinds(roadCheck.violations)).toEqual(['ineligible-arc']);
    expect(roadCheck.violations[0]).toMatchObject({ arc: 'AM' });

    const outsized = [uln('U1', { tonnes: 20, largestItemTonnes: 25 })];
    const moves = [load('AM', 0, 100, 20), load('MB', 2, 100, 20)];
    const itemCheck = checkPlan(net, outsized, planOf(net, outsized, [{ movements: moves }]));
    expect(kinds(itemCheck.violations)).toEqual(['ineligible-arc']);
    expect(itemCheck.violations[0]).toMatchObject({ arc: 'MB' });
    // A whole-unit arc takes the unit as one lift.
    const whole = network({ mode: 'rail' }, { loadSize: { personnel: 1000, tonnes: 20 }, wholeUnit: true });
    expect(checkPlan(whole, outsized, planOf(whole, outsized, [{ movements: moves }])).violations).toEqual(
      [],
    );
  });

  it('executed movements changed, dropped or added', () => {
    const net = network();
    const ulns = [uln('U1')];
    const executed = [{ uln: 'U1', arc: 'AM', departDay: 0, arriveDay: 3, personnel: 100, tonnes: 0 }];
    const options = { executed, today: 3 };
    const changed = [load('AM', 0, 100, 0, { executed: true }), load('MB', 3, 100)];
    const check = checkPlan(net, ulns, planOf(net, ulns, [{ movements: changed }], options), options);
    expect(kinds(check.violations)).toEqual(['executed-changed']);

    const dropped = planOf(net, ulns, [{ movements: through(3, 100) }], options);
    expect(kinds(checkPlan(net, ulns, dropped, options).violations)).toEqual(['executed-changed']);
    const added = [load('AM', 0, 100, 0, { executed: true }), load('MB', 2, 100)];
    expect(kinds(checkPlan(net, ulns, planOf(net, ulns, [{ movements: added }])).violations)).toEqual([
      'executed-changed',
    ]);
  });

  it('reported figures other than the recomputed ones', () => {
    const net = network();
    const ulns = [uln('U1', { rdd: 2 })];
    const plan = planOf(net, ulns, [{ movements: through(0, 100) }]);
    expect(checkPlan(net, ulns, plan).violations).toEqual([]);
    // Within the tolerance, then beyond it.
    const value = plan.objective.value;
    const close = { ...plan, objective: { ...plan.objective, value: value * (1 + 1e-9) } };
    expect(checkPlan(net, ulns, close).violations).toEqual([]);
    const off = { ...plan, objective: { ...plan.objective, value: value + 1 } };
    const check = checkPlan(net, ulns, off);
    expect(kinds(check.violations)).toEqual(['objective']);
    expect(check.violations[0]!.message).toContain('objective.value');

    const wrongDay = { ...plan, ulns: [{ ...plan.ulns[0]!, deliveredDay: 3 }] };
    expect(checkPlan(net, ulns, wrongDay).violations).toMatchObject([{ kind: 'objective', uln: 'U1' }]);
  });

  it('a ULN missing from the plan, and planned loads of an unscheduled ULN', () => {
    const net = network();
    const ulns = [uln('U1'), uln('U2')];
    const plan = planOf(net, ulns, [{ movements: through(0, 100) }, { status: 'no-route', movements: [] }]);
    const missing = { ...plan, ulns: plan.ulns.slice(0, 1) };
    // Counted as unplanned, as it was.
    expect(kinds(checkPlan(net, ulns, missing).violations)).toEqual(['plan-shape']);
    const moving = planOf(net, ulns.slice(0, 1), [{ status: 'beyond-horizon', movements: through(0, 100) }]);
    expect(kinds(checkPlan(net, ulns.slice(0, 1), moving).violations)).toEqual(['plan-shape']);
  });
});

/** The first violations, for a readable failure; the count beside them. */
const summary = (vs: readonly PlanViolation[]): { count: number; first: string[] } => ({
  count: vs.length,
  first: vs.slice(0, 8).map((v) => `${v.kind}: ${v.message}`),
});
const CLEAN = { count: 0, first: [] };

describe('checkPlan on the planner', () => {
  it('finds no violation in plans of generated instances', () => {
    for (const seed of [1, 2, 3]) {
      for (const scenario of ['normal', 'surge'] as const) {
        const { network: net, ulns } = generateDeploymentInstance({ seed, ulnCount: 300, scenario });
        const plan = planDeployment(net, ulns);
        expect({ seed, scenario, ...summary(checkPlan(net, ulns, plan).violations) }).toEqual({
          seed,
          scenario,
          ...CLEAN,
        });
      }
    }
  });

  it('finds no violation in plans of the other shapes with lift', () => {
    const shapes: InstanceShape[] = ['single-crossing', 'corridor-detour', 'mid-closure'];
    for (const shape of shapes) {
      for (const scenario of ['normal', 'surge'] as const) {
        const { network: net, ulns } = generateDeploymentInstance({
          seed: 4,
          ulnCount: 300,
          scenario,
          shape,
          lift: true,
        });
        const plan = planDeployment(net, ulns);
        expect({ shape, scenario, ...summary(checkPlan(net, ulns, plan).violations) }).toEqual({
          shape,
          scenario,
          ...CLEAN,
        });
      }
    }
  });

  it('finds no violation in a re-plan from execution', () => {
    const { network: net, ulns } = generateDeploymentInstance({ seed: 2, ulnCount: 300, scenario: 'surge' });
    const first = planDeployment(net, ulns);
    const today = 6;
    const executed = movementsBefore(first, today);
    const replan = planDeployment(net, ulns, { executed, today, order: first.order });
    expect(summary(checkPlan(net, ulns, replan, { executed, today }).violations)).toEqual(CLEAN);
  });

  it('finds something wrong in a planner plan with any one load moved a day', () => {
    const { network: net, ulns } = generateDeploymentInstance({ seed: 3, ulnCount: 300, scenario: 'surge' });
    // Nothing held: every first load leaves as soon as its ALD and the lift allow, so a day earlier
    // breaks a rule (a held load may rightly leave a day earlier).
    const plan = planDeployment(net, ulns, { holdOnTime: false, improvementPasses: 0 });
    for (let j = 0; j < ulns.length; j += 29) {
      for (const shift of [-1, 1]) {
        const movements = plan.ulns[j]!.movements.map((m, i) =>
          i === 0 ? { ...m, departDay: m.departDay + shift, arriveDay: m.arriveDay + shift } : m,
        );
        const broken = { ...plan, ulns: plan.ulns.map((s, i) => (i === j ? { ...s, movements } : s)) };
        expect(checkPlan(net, ulns, broken).violations.length, `ULN ${j}, ${shift} day`).toBeGreaterThan(0);
      }
    }
  });

  it('finds no violation in plans of small random instances', () => {
    const instance = fc
      .record({
        reception: fc.array(
          fc.option(
            fc.record({
              personnel: fc.integer({ min: 50, max: 400 }),
              tonnes: fc.integer({ min: 50, max: 400 }),
            }),
          ),
          { minLength: 4, maxLength: 4 },
        ),
        arcs: fc.array(
          fc.record({
            from: fc.integer({ min: 0, max: 3 }),
            to: fc.integer({ min: 0, max: 3 }),
            mode: fc.constantFrom('road', 'air'),
            transitDays: fc.integer({ min: 1, max: 4 }),
            capacity: fc.integer({ min: 20, max: 300 }),
            load: fc.integer({ min: 5, max: 80 }),
            wholeUnit: fc.boolean(),
            closedFrom: fc.option(fc.integer({ min: 0, max: 20 })),
          }),
          { minLength: 1, maxLength: 8 },
        ),
        ulns: fc.array(
          fc.record({
            personnel: fc.integer({ min: 0, max: 200 }),
            tonnes: fc.integer({ min: 1, max: 200 }),
            origin: fc.integer({ min: 0, max: 3 }),
            destination: fc.integer({ min: 0, max: 3 }),
            ald: fc.integer({ min: 0, max: 10 }),
            eadGap: fc.integer({ min: 0, max: 8 }),
            rddGap: fc.integer({ min: 0, max: 8 }),
            priority: fc.integer({ min: 1, max: 5 }),
            roadOnly: fc.boolean(),
            largestItem: fc.option(fc.integer({ min: 1, max: 60 })),
          }),
          { minLength: 1, maxLength: 10 },
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
              mode: a.mode,
              transitDays: a.transitDays,
              capacityPerDay: { personnel: a.capacity, tonnes: a.capacity },
              loadSize: { personnel: a.load, tonnes: a.load },
              wholeUnit: a.wholeUnit,
              closures: a.closedFrom === null ? [] : [{ from: a.closedFrom, to: a.closedFrom + 3 }],
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
          lad: u.ald + u.eadGap + u.rddGap + 5,
          priority: u.priority,
          ...(u.roadOnly ? { modes: ['road'] } : {}),
          ...(u.largestItem === null ? {} : { largestItemTonnes: u.largestItem }),
        }));
        return { net, us };
      });
    fc.assert(
      fc.property(instance, ({ net, us }) => {
        const plan = planDeployment(net, us, { horizonDays: 60 });
        expect(summary(checkPlan(net, us, plan).violations)).toEqual(CLEAN);
      }),
      { numRuns: 150 },
    );
  });
});
