// Planning with capacity prices (PlanOptions.prices): a unit takes the route of least lateness plus
// the price of the lift it uses, prices of zero change nothing, a guided plan is as clean as any
// (the independent checker) and stays above the bound whose prices guided it; and a scenario's plan
// made again with its bound's prices is kept only when better, saying so (guided-plan.ts).
import { describe, expect, it } from 'vitest';
import { requireScenario } from '../../domain/scenario-document.ts';
import { deploymentScenario, sampleNetwork } from '../../domain/test-fixtures.ts';
import { deliveryLowerBound } from './bound/delivery-bound.ts';
import { planScenarioWithBound, withGuidance } from './guided-plan.ts';
import { generateDeploymentInstance } from './instance-generator.ts';
import { checkPlan } from './plan-checker.ts';
import { loadHighs } from '../force-fill-lp.ts';
import { masterDeliveryBound } from './plan-bound.ts';
import type { ProvedBoundFunction, ProvedBoundOptions } from './plan-bound.ts';
import { planScenario, scenarioForceList } from './plan-report.ts';
import type { PlanReport } from '../../contract/plan.ts';
import { planDeployment } from './schedule.ts';
import type { CapacityPrices, DeploymentNetwork, DeploymentPlan, Uln } from './schedule.ts';
import { arc, uln } from './test-fixtures.ts';

const H = 40;
const zeroPrices = (net: DeploymentNetwork): CapacityPrices => ({
  H,
  arcP: new Float64Array(net.arcs.length * H),
  arcT: new Float64Array(net.arcs.length * H),
  nodeP: new Float64Array(net.nodes.length * H),
  nodeT: new Float64Array(net.nodes.length * H),
});

/** A one-day airlift of 100 t a day beside a four-day road; only the light unit may take the road. */
function airOrRoad(): { net: DeploymentNetwork; ulns: Uln[] } {
  const net: DeploymentNetwork = {
    nodes: [{ id: 'A' }, { id: 'B' }, { id: 'C' }],
    arcs: [
      arc('air', 'A', 'B', { transitDays: 1, capacityPerDay: { personnel: 1000, tonnes: 100 } }),
      arc('road-1', 'A', 'C', { mode: 'road', transitDays: 2 }),
      arc('road-2', 'C', 'B', { mode: 'road', transitDays: 2 }),
    ],
  };
  const ulns = [
    uln('LIGHT', { personnel: 10, tonnes: 100, rdd: 10 }),
    uln('HEAVY', { personnel: 10, tonnes: 100, rdd: 1, modes: ['air'] }),
  ];
  return { net, ulns };
}

const movesOf = (plan: DeploymentPlan) => plan.ulns.map((u) => [u.uln, u.route, u.movements]);

describe('planDeployment with capacity prices', () => {
  it('gives a unit the route of least lateness plus the price of its lift', () => {
    const { net, ulns } = airOrRoad();
    // The light unit first and no reordering: only the route choice can save the heavy unit.
    const options = { order: ['LIGHT', 'HEAVY'], improvementPasses: 0 };
    const plain = planDeployment(net, ulns, options);
    expect(plain.ulns.find((u) => u.uln === 'LIGHT')!.route).toEqual(['air']);
    expect(plain.ulns.find((u) => u.uln === 'HEAVY')!.deliveredDay).toBe(2);
    expect(plain.objective.value).toBeGreaterThan(0);

    // The airlift's first day is worth a personnel-day a tonne to the others.
    const prices = zeroPrices(net);
    prices.arcT[0 * H + 0] = 1;
    const guided = planDeployment(net, ulns, { ...options, prices });
    expect(guided.ulns.find((u) => u.uln === 'LIGHT')!.route).toEqual(['road-1', 'road-2']);
    expect(guided.ulns.find((u) => u.uln === 'HEAVY')!.deliveredDay).toBe(1);
    expect(guided.objective.value).toBe(0);
    expect(checkPlan(net, ulns, guided).violations).toEqual([]);
  });

  it('still takes the dear route when the cheap one makes the unit later than its price', () => {
    const { net, ulns } = airOrRoad();
    const late = ulns.map((u) => (u.uln === 'LIGHT' ? { ...u, rdd: 1, priority: 1 } : u));
    const prices = zeroPrices(net);
    // The road delivers on day 4, 3 days late: 10 personnel × 3 days = 30, dearer than 100 t × 0.1.
    prices.arcT[0] = 0.1;
    const guided = planDeployment(net, late, { order: ['LIGHT', 'HEAVY'], improvementPasses: 0, prices });
    expect(guided.ulns.find((u) => u.uln === 'LIGHT')!.route).toEqual(['air']);
  });

  it('plans as without prices when every price is 0', () => {
    const { network, ulns } = generateDeploymentInstance({
      seed: 3,
      ulnCount: 300,
      scenario: 'surge',
      lift: true,
    });
    const plain = planDeployment(network, ulns);
    const zero = planDeployment(network, ulns, { prices: zeroPrices(network) });
    expect(zero.objective).toEqual(plain.objective);
    expect(movesOf(zero)).toEqual(movesOf(plain));
  });

  it("with the bound's prices: clean, deterministic, and never below the bound", () => {
    for (const shape of ['layered', 'single-crossing'] as const) {
      const { network, ulns } = generateDeploymentInstance({
        seed: 2,
        ulnCount: 300,
        scenario: 'surge',
        shape,
        lift: true,
      });
      const plain = planDeployment(network, ulns);
      const bound = deliveryLowerBound(network, ulns, {
        maxIterations: 60,
        timeLimitMs: 60_000,
        target: plain.objective.value,
        horizonDays: plain.horizonDays,
      });
      expect(bound.prices.arcT.length).toBe(network.arcs.length * bound.prices.H);
      expect(bound.prices.nodeP.length).toBe(network.nodes.length * bound.prices.H);
      expect(Math.min(...bound.prices.arcT, ...bound.prices.nodeT)).toBeGreaterThanOrEqual(0);
      const guided = planDeployment(network, ulns, { prices: bound.prices });
      const check = checkPlan(network, ulns, guided);
      expect(check.violations).toEqual([]);
      expect(check.objective.value).toBeCloseTo(guided.objective.value, 6);
      expect(guided.objective.value).toBeGreaterThanOrEqual(bound.value);
      expect(guided.ulns.every((u) => u.status === 'scheduled')).toBe(true);
      const again = planDeployment(network, ulns, { prices: bound.prices });
      expect(movesOf(again)).toEqual(movesOf(guided));
    }
  });
});

/** The deployment sample with its only road into Ukraine closed to C+120: a late plan. */
function closedCrossing() {
  const network = sampleNetwork();
  const arcs = network.arcs!.map((a) =>
    a.id === 'medyka-kyiv' ? { ...a, closures: [{ from: 0, to: 120, reason: 'bridge repairs' }] } : a,
  );
  return requireScenario(deploymentScenario({ network: { ...network, arcs } }));
}

/**
 * The sample's force list thirty times over (priorities 1-5, RDDs spread over a week) on its network
 * at 40 % of its lift: late whatever is done, where the order units claim lift in matters.
 */
function congestedSample() {
  const base = requireScenario(deploymentScenario());
  const list = scenarioForceList(base);
  if (!list.ok) throw new Error('expected a force list');
  const records = Array.from({ length: 30 }, (_, k) =>
    list.records.map((r, i) => ({
      ...r,
      uln: `${r.nation}-${1000 + k * 10 + i}`,
      priority: 1 + (k % 5),
      rdd: r.rdd + (k % 7) - 3,
      lad: r.lad + (k % 7),
    })),
  ).flat();
  const network = sampleNetwork();
  const arcs = network.arcs!.map((a) => ({
    ...a,
    capacityPerDay: {
      personnel: Math.ceil(a.capacityPerDay.personnel * 0.4),
      tonnes: Math.ceil(a.capacityPerDay.tonnes * 0.4),
    },
  }));
  return requireScenario(deploymentScenario({ network: { ...network, arcs }, forceList: records }));
}

describe("planScenarioWithBound: the plan again with its bound's prices", () => {
  it('keeps the better plan, bounds the plan it reports, and says when guidance made it', () => {
    const doc = closedCrossing();
    const plain = planScenario(doc);
    if (!plain.ok) throw new Error('plan failed');
    const r = planScenarioWithBound(doc, {}, { seconds: 6 });
    if (!r.ok) throw new Error('plan failed');
    const o = r.report.objective;
    expect(o.value).toBeLessThanOrEqual(plain.report.objective.value);
    expect(o.value).toBeCloseTo(r.plan.objective.value, 3);
    expect(o.bound.status).toBe('proved');
    expect(o.bound.value!).toBeLessThanOrEqual(o.value);
    if (o.guided) {
      expect(o.guided.unguidedValue).toBeCloseTo(plain.report.objective.value, 3);
      expect(o.value).toBeLessThan(o.guided.unguidedValue);
      expect(o.summary).toMatch(/Routes were chosen against the proved bound's capacity prices/);
    } else {
      expect(o.value).toBe(plain.report.objective.value);
      expect(o.summary).toBe(plain.report.objective.summary);
    }
  });

  it('hands its bounds the schedules of the plan they bound, to start from', () => {
    const doc = closedCrossing();
    const plain = planScenario(doc);
    if (!plain.ok) throw new Error('plan failed');
    const seen: ProvedBoundOptions[] = [];
    const spy: ProvedBoundFunction = (network, ulns, options) => {
      seen.push(options);
      return deliveryLowerBound(network, ulns, options);
    };
    const r = planScenarioWithBound(doc, {}, { seconds: 5, bounds: [spy], searchSeconds: 0 });
    if (!r.ok) throw new Error('plan failed');
    expect(seen).toHaveLength(1);
    expect(seen[0]!.target).toBe(plain.plan.objective.value);
    expect(seen[0]!.start).toEqual(plain.plan.ulns);
  });

  it('leaves a plan nobody is late in unguided', () => {
    const r = planScenarioWithBound(requireScenario(deploymentScenario()), {}, { seconds: 5 });
    if (!r.ok) throw new Error('plan failed');
    expect(r.report.objective.value).toBe(0);
    expect(r.report.objective.guided).toBeNull();
    expect(r.report.objective.bound.status).toBe('optimal');
  });

  it("words the guidance under the objective's summary", () => {
    const r = planScenario(closedCrossing());
    if (!r.ok) throw new Error('plan failed');
    const report: PlanReport = r.report;
    const guided = withGuidance(report, report.objective.value + 1234.4, "the relaxation's delivery days");
    expect(guided.objective.guided).toEqual({
      unguidedValue: Math.round((report.objective.value + 1234.4) * 1000) / 1000,
      pricesUsed: true,
      search: null,
      lpSchedules: null,
      neighbourhood: null,
    });
    expect(guided.objective.summary).toBe(
      `${report.objective.summary} Routes were chosen against the proved bound's capacity prices (each unit's lateness plus the worth to the others of the lift it takes), units planned in the relaxation's delivery days: 1,234 below the ${Math.round(report.objective.value + 1234.4).toLocaleString('en-GB')} of the plan without them.`,
    );
  });

  it('words an order search after the prices, or alone', () => {
    const r = planScenario(closedCrossing());
    if (!r.ok) throw new Error('plan failed');
    const report: PlanReport = r.report;
    const v = report.objective.value;
    const search = { moves: 1234, seconds: 19.96, startValue: v + 400 };
    const both = withGuidance(report, v + 1000, 'the urgency order', search);
    expect(both.objective.guided).toEqual({
      unguidedValue: v + 1000,
      pricesUsed: true,
      search,
      lpSchedules: null,
      neighbourhood: null,
    });
    expect(both.objective.summary).toBe(
      `${report.objective.summary} Routes were chosen against the proved bound's capacity prices (each unit's lateness plus the worth to the others of the lift it takes), units planned in the urgency order: 600 below the ${Math.round(v + 1000).toLocaleString('en-GB')} of the plan without them. An order search then tried 1,234 orders in 20.0 s: 400 below the ${Math.round(v + 400).toLocaleString('en-GB')} it began from.`,
    );
    const alone = withGuidance(report, v + 400, null, search);
    expect(alone.objective.guided).toMatchObject({ pricesUsed: false });
    expect(alone.objective.summary).toBe(
      `${report.objective.summary} An order search then tried 1,234 orders in 20.0 s: 400 below the ${Math.round(v + 400).toLocaleString('en-GB')} it began from.`,
    );
  });

  it("words a plan from the LP's schedules, with the prices or without, follow-on after the LAD or not", () => {
    const r = planScenario(closedCrossing());
    if (!r.ok) throw new Error('plan failed');
    const report: PlanReport = r.report;
    const v = report.objective.value;
    const unguided = `${Math.round(v + 1000).toLocaleString('en-GB')} of the plan without it.`;
    const lp = { kept: 1910, of: 2000, followOnAfterLad: false };
    const priced = withGuidance(report, v + 1000, "the relaxation's LP schedules", undefined, lp);
    expect(priced.objective.guided).toEqual({
      unguidedValue: v + 1000,
      pricesUsed: true,
      search: null,
      lpSchedules: lp,
      neighbourhood: null,
    });
    expect(priced.objective.summary).toBe(
      `${report.objective.summary} The plan starts from the proved bound's LP solution: 1,910 of the 2,000 ULNs it schedules keep the schedule it gives them, the others planned after them against the bound's capacity prices: 1,000 below the ${unguided}`,
    );
    const late = withGuidance(report, v + 1000, null, undefined, { ...lp, followOnAfterLad: true });
    expect(late.objective.guided).toMatchObject({ pricesUsed: false });
    expect(late.objective.summary).toBe(
      `${report.objective.summary} The plan starts from the proved bound's LP solution: 1,910 of the 2,000 ULNs it schedules keep the schedule it gives them (follow-on equipment after its LAD where the LP sends it so, as the deployment settings allow), the others planned after them: 1,000 below the ${unguided}`,
    );
  });

  it("words a neighbourhood search from the LP's plan", () => {
    const r = planScenario(closedCrossing());
    if (!r.ok) throw new Error('plan failed');
    const report: PlanReport = r.report;
    const v = report.objective.value;
    const lp = { kept: 1910, of: 2000, followOnAfterLad: false };
    const neighbourhood = { moves: 356, accepted: 9, seconds: 19.96, startValue: v + 400 };
    const around = withGuidance(
      report,
      v + 1000,
      "the relaxation's LP schedules",
      undefined,
      lp,
      neighbourhood,
    );
    expect(around.objective.guided).toEqual({
      unguidedValue: v + 1000,
      pricesUsed: true,
      search: null,
      lpSchedules: lp,
      neighbourhood,
    });
    expect(around.objective.summary).toBe(
      `${report.objective.summary} The plan starts from the proved bound's LP solution: 1,910 of the 2,000 ULNs it schedules keep the schedule it gives them, the others planned after them against the bound's capacity prices: 600 below the ${Math.round(v + 1000).toLocaleString('en-GB')} of the plan without it. A neighbourhood search then re-planned 356 groups of a late unit and the units taking its lift, after the others, in 20.0 s, keeping 9: 400 below the ${Math.round(v + 400).toLocaleString('en-GB')} it began from.`,
    );
  });

  it("tries plans from the master LP's schedules: never worse, clean, bounded, and said when kept", async () => {
    const highs = await loadHighs();
    const doc = congestedSample();
    const plain = planScenario(doc);
    if (!plain.ok) throw new Error('plan failed');
    // No search and a master LP of a fixed count of ascent steps first: the same plans anywhere.
    const master = masterDeliveryBound(highs);
    const bounds: ProvedBoundFunction[] = [
      (network, ulns, options) =>
        master(network, ulns, { ...options, maxIterations: 200 } as ProvedBoundOptions),
    ];
    for (const followOnArrival of ['by-lad', 'after-lad'] as const) {
      const settings = { ...doc.deployment!, followOnArrival };
      const r = planScenarioWithBound(
        { ...doc, deployment: settings },
        {},
        { seconds: 120, bounds, searchSeconds: 0 },
      );
      if (!r.ok) throw new Error('plan failed');
      const o = r.report.objective;
      expect(o.bound.status).toBe('proved');
      expect(o.bound.value!).toBeLessThanOrEqual(o.value);
      expect(o.value).toBeLessThanOrEqual(plain.report.objective.value);
      expect(checkPlan(r.input.network, r.input.ulns, r.plan).violations).toEqual([]);
      const lp = o.guided?.lpSchedules;
      // Where the LP's plan does not win (it ties the guided plans here) the report says nothing of it.
      if (!lp) {
        expect(o.summary).not.toContain('LP solution');
        continue;
      }
      expect(lp.followOnAfterLad).toBe(followOnArrival === 'after-lad');
      expect(lp.kept).toBeGreaterThan(0);
      expect(lp.kept).toBeLessThanOrEqual(lp.of);
      expect(lp.of).toBeLessThanOrEqual(r.input.ulns.length);
      expect(o.summary).toContain("The plan starts from the proved bound's LP solution");
      expect(r.plan.ulns.every((u) => u.status === 'scheduled')).toBe(true);
    }
  });

  it('searches the order after the guided plans for the time given, and reports the plan it found', () => {
    const doc = congestedSample();
    const plain = planScenario(doc);
    if (!plain.ok) throw new Error('plan failed');
    // A bound of a fixed count of steps and a search of a fixed count of orders: the same anywhere.
    const steps: ProvedBoundFunction = (network, ulns, options) =>
      deliveryLowerBound(network, ulns, { ...options, maxIterations: 400 });
    const bound = { seconds: 60, bounds: [steps] };
    const none = planScenarioWithBound(doc, {}, { ...bound, searchSeconds: 0 });
    if (!none.ok) throw new Error('plan failed');
    expect(none.report.objective.bound.status).toBe('proved');
    expect(none.report.objective.guided?.search ?? null).toBeNull();
    const r = planScenarioWithBound(doc, {}, { ...bound, searchSeconds: 600, searchMoves: 400 });
    if (!r.ok) throw new Error('plan failed');
    const o = r.report.objective;
    const search = o.guided!.search!;
    expect(search.moves).toBe(400);
    expect(search.seconds).toBeGreaterThan(0);
    expect(o.value).toBeLessThan(search.startValue);
    expect(search.startValue).toBeLessThanOrEqual(plain.plan.objective.value);
    expect(o.bound.value!).toBeLessThanOrEqual(o.value);
    expect(o.summary).toContain(`An order search then tried ${search.moves.toLocaleString('en-GB')} orders`);
    // The plan reported is the one its order reproduces (a re-plan in it keeps it); without
    // prices that is a plan of the order alone.
    expect(r.plan.objective.value).toBeCloseTo(o.value, 2);
    if (!o.guided!.pricesUsed) {
      const again = planScenario(doc, {
        order: r.plan.order,
        holdOnTime: r.plan.holdOnTime,
        improvementPasses: 0,
      });
      if (!again.ok) throw new Error('plan failed');
      expect(again.plan.objective.value).toBeCloseTo(r.plan.objective.value, 6);
    }
  });
});
