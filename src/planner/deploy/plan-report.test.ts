// The plan report as its readers get it: closures named with their windows, each ULN's unit and line,
// and the objective the planner minimises with its parts, the delivered day of each ULN, the lift
// and critical share that reach the planner from the capability and the deployment settings, and
// the plan's gap to a proved bound (or why it has none).
import type { Highs } from 'highs';
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITICAL_SHARE } from '../../domain/deployment/settings.ts';
import { requireScenario } from '../../domain/scenario-document.ts';
import {
  deploymentScenario,
  deploymentSettings,
  sampleNetwork,
  type CapabilityInput,
} from '../../domain/test-fixtures.ts';
import { loadHighs } from './lp-reference.ts';
import {
  PROVED_BOUNDS,
  planBoundOf,
  proveBounds,
  provedBoundsWith,
  provePlanBound,
  type ProvedBoundFunction,
} from './plan-bound.ts';
import { planDeployment } from './schedule.ts';
import { congestedCorridor } from './test-fixtures.ts';
import { liftRulesOut, planScenario, scenarioForceList, toPlannerUlns } from './plan-report.ts';

/** The deployment sample with its only road into Ukraine closed for the first weeks (to C+`to`). */
function closedCrossing(cDay?: string, to = 40) {
  const network = sampleNetwork();
  const base = requireScenario(deploymentScenario());
  const arcs = network.arcs!.map((a) =>
    a.id === 'medyka-kyiv' ? { ...a, closures: [{ from: 0, to, reason: 'bridge repairs' }] } : a,
  );
  return requireScenario(
    deploymentScenario({
      network: { ...network, arcs },
      ...(cDay !== undefined && { mission: { ...base.mission, cDay } }),
    }),
  );
}

function planned(doc: ReturnType<typeof requireScenario>) {
  const r = planScenario(doc);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r.report;
}

describe('buildPlanReport: closures', () => {
  it('names the closed crossing and its window in the hold-ups, the bottlenecks and the late ULNs', () => {
    const report = planned(closedCrossing());
    const closure = report.closures.find((c) => c.arc === 'medyka-kyiv');
    expect(closure).toMatchObject({
      name: 'pol-medyka (POL) → ukr-kyiv (UKR), road',
      from: 0,
      to: 40,
      reason: 'bridge repairs',
    });
    expect(closure!.ulnsHeld).toBeGreaterThan(0);
    expect(closure!.ulnsMissingLad).toBeGreaterThan(0);
    expect(report.holdUps).toContainEqual(
      expect.stringMatching(
        /^Closure: pol-medyka \(POL\) → ukr-kyiv \(UKR\), road is closed C\+0 to C\+40 \(bridge repairs\); it holds \d+ ULNs? up to \d+ days?; \d+ (misses its|miss their) LAD\.$/,
      ),
    );
    const bottleneck = report.bottlenecks.find((b) => b.id === 'medyka-kyiv');
    expect(bottleneck?.explanation).toMatch(/^closed C\+0 to C\+40: bridge repairs/);
    const late = report.missedLad.filter((m) => m.kind === 'congestion');
    expect(late.length).toBeGreaterThan(0);
    for (const m of late) {
      expect(m.reason).toMatch(
        /^arrives C\+\d+: LAD C\+\d+ missed by \d+ days?; held \d+ days? by the closure of /,
      );
      expect(m.reason).toContain('(C+0 to C+40: bridge repairs)');
      expect(report.ulns.find((u) => u.uln === m.uln)?.heldBy).toMatchObject({
        kind: 'closure',
        id: 'medyka-kyiv',
      });
    }
  });

  it('dates its days once the mission has a C-day', () => {
    expect(planned(closedCrossing()).cDay).toBeNull();
    const report = planned(closedCrossing('2025-04-02'));
    expect(report.cDay).toBe('2025-04-02');
    expect(report.holdUps.join('\n')).toContain('is closed C+0 (2 Apr 2025) to C+40 (12 May 2025)');
  });

  it('names each ULN’s unit and line, with the line’s RDD beside its own', () => {
    const report = planned(closedCrossing());
    for (const u of report.ulns) {
      expect(u.unit).toMatch(/\([A-Z]{3}\)$/);
      expect(u.lineName).not.toBeNull();
      expect(u.lineRdd).not.toBeNull();
      expect(u.rdd).toBeGreaterThanOrEqual(u.lineRdd!);
    }
    expect(report.objective.readinessLateUlns).toBe(report.ulns.filter((u) => u.rdd > u.lineRdd!).length);
    expect(report.objective.madeLad).toBe(
      report.ulns.filter((u) => u.arrivalDay !== null && u.arrivalDay <= u.lad).length,
    );
  });
});

/** The deployment sample with each capability's lift and the deployment settings' share as given. */
function withLift(
  lift: Record<string, NonNullable<CapabilityInput['lift']>>,
  criticalEquipmentShare?: number,
) {
  const base = deploymentScenario();
  return requireScenario(
    deploymentScenario({
      capabilities: base.capabilities!.map((c) => (lift[c.code] ? { ...c, lift: lift[c.code] } : c)),
      deployment: deploymentSettings(criticalEquipmentShare === undefined ? {} : { criticalEquipmentShare }),
    }),
  );
}

describe('toPlannerUlns: the lift and the critical share reach the planner', () => {
  it("gives each ULN its capability's modes and largest item, and the settings' share", () => {
    const doc = withLift({ 'MECH-INF-BN': { modes: ['road', 'air'], largestItemTonnes: 35 } }, 0.75);
    const planned = planScenario(doc);
    if (!planned.ok) throw new Error('expected a plan');
    const ulns = toPlannerUlns(planned.ulns, doc);
    const mech = ulns.filter((u, i) => planned.ulns[i]!.capability === 'MECH-INF-BN');
    const gbad = ulns.filter((u, i) => planned.ulns[i]!.capability === 'GBAD-BTY');
    expect(mech.length).toBeGreaterThan(0);
    for (const u of mech) expect(u).toMatchObject({ modes: ['road', 'air'], largestItemTonnes: 35 });
    for (const u of gbad) {
      expect(u.modes).toBeUndefined();
      expect(u.largestItemTonnes).toBeUndefined();
    }
    for (const u of ulns) expect(u.criticalShare).toBe(0.75);
    expect(planned.report.objective.criticalShare).toBe(0.75);
    expect(planned.report.objective.summary).toContain('75% of its tonnes (its critical equipment)');
    const reported = planned.report.ulns.find((u) => u.capability === 'MECH-INF-BN')!;
    expect(reported).toMatchObject({ modes: ['road', 'air'], largestItemTonnes: 35 });
  });

  it('leaves the share to the planner’s default when the settings give none', () => {
    const doc = withLift({});
    const planned = planScenario(doc);
    if (!planned.ok) throw new Error('expected a plan');
    expect(toPlannerUlns(planned.ulns, doc).every((u) => u.criticalShare === undefined)).toBe(true);
    expect(planned.report.objective.criticalShare).toBe(DEFAULT_CRITICAL_SHARE);
    expect(planned.report.ulns.every((u) => u.modes === null && u.largestItemTonnes === null)).toBe(true);
  });
});

describe('buildPlanReport: the objective', () => {
  it('reports what the planner minimises and its parts, and each ULN’s delivered day', () => {
    const report = planned(closedCrossing(undefined, 120));
    const o = report.objective;
    expect(o.value).toBeCloseTo(o.weightedPersonnelDaysLate + o.unplannedPenalty, 3);
    expect(o.weightedPersonnelDaysLate).toBeGreaterThan(0);
    expect(o.unplannedPenalty).toBe(0);
    const scheduled = report.ulns.filter((u) => u.status === 'scheduled');
    expect(o.unitDaysLate).toBe(scheduled.reduce((s, u) => s + u.daysLate, 0));
    expect(o.personnelDaysLate).toBe(scheduled.reduce((s, u) => s + u.daysLate * u.personnel, 0));
    expect(o.weightedUnitDaysLate).toBeCloseTo(
      scheduled.reduce((s, u) => s + u.daysLate / u.priority, 0),
      3,
    );
    expect(o.lateUlns).toBe(scheduled.filter((u) => u.daysLate > 0).length);
    for (const u of scheduled) {
      expect(u.deliveredDay).not.toBeNull();
      expect(u.deliveredDay!).toBeLessThanOrEqual(u.arrivalDay!);
      expect(u.daysLate).toBe(Math.max(0, u.deliveredDay! - u.rdd));
    }
    expect(o.summary).toMatch(
      /^Objective [\d,]+ weighted personnel-days late \(lower is better\): each ULN's days from its RDD to the day it is delivered, with its personnel and 90% of its tonnes \(its critical equipment\) in, × its personnel × its priority weight \(1 \/ priority\); [\d,]+ from \d+ ULNs? delivered after (its|their) RDD \([\d,]+ personnel-days, [\d,]+ unit-days late\)\.( Units with days to spare are held at their origins to arrive by their RDD, and each unit's follow-on equipment \(beyond its critical share\) leaves after it, arriving by its LAD, leaving the early lift to units without: that gave the lower objective\.)?$/,
    );
    expect(o.summary.includes('held at their origins')).toBe(o.heldOnTime);
  });

  it('penalises a ULN no lift can carry, lists it with its reason and names what its lift rules out', () => {
    // The sample's air bridge takes 200 t a lift: a 300 t item cannot fly, and there is no other way.
    const doc = withLift({ 'MECH-INF-BN': { largestItemTonnes: 300 } });
    const report = planned(doc);
    const stuck = report.ulns.filter((u) => u.capability === 'MECH-INF-BN');
    expect(stuck.length).toBeGreaterThan(0);
    for (const u of stuck) {
      expect(u).toMatchObject({ status: 'no-route', deliveredDay: null, largestItemTonnes: 300 });
      expect(u.daysLate).toBe(report.objective.penaltyDay - u.rdd);
      const missed = report.missedLad.find((m) => m.uln === u.uln)!;
      expect(missed.kind).toBe('no-route');
      expect(missed.reason).toBe(
        `no route from ${u.origin} to ukr-kyiv that its lift allows (largest item 300 t); it may not use air (no air lift takes its 300 t item: loads of at most 200 t), and over any arc it would have a route`,
      );
    }
    const o = report.objective;
    expect(o.unscheduled).toBe(stuck.length);
    expect(o.penaltyDay).toBe(2 * report.horizonDays);
    expect(o.unplannedPenalty).toBeCloseTo(
      stuck.reduce((s, u) => s + (u.personnel * (o.penaltyDay - u.rdd)) / u.priority, 0),
      3,
    );
    expect(o.value).toBeCloseTo(o.weightedPersonnelDaysLate + o.unplannedPenalty, 3);
    expect(o.summary).toContain(
      `from ${stuck.length} ${stuck.length === 1 ? 'ULN' : 'ULNs'} the plan cannot move, each counted as delivered on the penalty day, C+${o.penaltyDay}.`,
    );
    const unplanned = report.holdUps.find((h) => h.startsWith('Unplanned: '));
    expect(unplanned).toContain('the objective counts each as delivered on the penalty day');
    expect(unplanned).toContain(
      `${stuck[0]!.uln} no route from ${stuck[0]!.origin} to ukr-kyiv that its lift allows`,
    );
  });

  it('names the modes a lift rules out', () => {
    const arcs = [
      { mode: 'road', loadSize: { personnel: 1, tonnes: 300 } },
      { mode: 'air', loadSize: { personnel: 1, tonnes: 25 } },
      { mode: 'air', loadSize: { personnel: 1, tonnes: 40 } },
      { mode: 'sea', loadSize: { personnel: 1, tonnes: 200 }, wholeUnit: true },
    ] as const;
    expect(liftRulesOut({ modes: ['road', 'air'], largestItemTonnes: 62 }, 100, arcs)).toBe(
      'it may not use sea (its modes: road, air), nor air (no air lift takes its 62 t item: loads of at most 40 t)',
    );
    expect(liftRulesOut({ largestItemTonnes: 35 }, 100, arcs)).toBe(
      'it may not use 1 of the 2 air arcs (loads below its 35 t item)',
    );
    // A unit with nothing to load has no item too large; the whole-unit ship takes anything.
    expect(liftRulesOut({ largestItemTonnes: 62 }, 0, arcs)).toBe('its lift rules out no arc');
  });
});

/** planScenario's answer, or the test fails with its issues. */
function plannedWhole(doc: ReturnType<typeof requireScenario>) {
  const r = planScenario(doc);
  if (!r.ok) throw new Error(r.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return r;
}

/** A bound that answers `value` at once, and counts its calls. */
function fixedBound(value: number): ProvedBoundFunction & { calls: number } {
  const f = Object.assign(
    () => {
      f.calls++;
      return { value };
    },
    { calls: 0 },
  );
  return f;
}

describe('provePlanBound: the gap to the best possible', () => {
  it('proves a bound under a late plan, and gives the gap to it, rounded against the plan', () => {
    const r = plannedWhole(closedCrossing(undefined, 120));
    const objective = r.plan.objective.value;
    expect(objective).toBeGreaterThan(0);
    // The report as planScenario leaves it: the bound is for the caller to prove.
    expect(r.report.objective.bound).toMatchObject({ status: 'none', value: null, gapPercent: null });
    expect(r.report.objective.bound.text).toBe('No proved bound: none was computed for this plan.');
    const bound = provePlanBound(objective, r.input, { seconds: 10 });
    expect(bound.status).toBe('proved');
    expect(bound.value!).toBeGreaterThan(0);
    expect(bound.value!).toBeLessThan(objective);
    expect(bound.gapPercent!).toBeGreaterThan(0);
    // Rounded up from the exact gap: never better than proved.
    expect(bound.gapPercent!).toBeGreaterThanOrEqual(
      ((objective - bound.value!) / bound.value!) * 100 - 1e-3,
    );
    expect(bound.seconds).toBeGreaterThanOrEqual(0);
    expect(bound.text).toMatch(
      /^Within \d+\.\d% of the best possible \(proved bound [\d,]+ weighted personnel-days late\)\.$/,
    );
  });

  it('calls a plan at 0 optimal without proving anything', () => {
    const r = plannedWhole(requireScenario(deploymentScenario()));
    expect(r.plan.objective.value).toBe(0);
    const optimal = {
      value: 0,
      gapPercent: 0,
      status: 'optimal',
      seconds: 0,
      text: 'Optimal: nobody is late.',
    };
    expect(r.report.objective.bound).toEqual(optimal);
    const never = fixedBound(0);
    expect(provePlanBound(0, r.input, { seconds: 0, bounds: [never] })).toEqual(optimal);
    expect(never.calls).toBe(0);
  });

  it('calls a plan optimal when the bound reaches it: a ULN no lift can carry is unplanned in any plan', () => {
    const r = plannedWhole(withLift({ 'MECH-INF-BN': { largestItemTonnes: 300 } }));
    const objective = r.plan.objective.value;
    expect(r.plan.objective.unscheduled).toBeGreaterThan(0);
    const bound = provePlanBound(objective, r.input, { seconds: 10 });
    expect(bound).toMatchObject({ status: 'optimal', gapPercent: 0 });
    expect(bound.value!).toBeLessThanOrEqual(objective);
    expect(bound.text).toBe(
      `Optimal: no plan can do better (a proved bound reaches its ${Math.round(objective).toLocaleString('en-GB')} weighted personnel-days late).`,
    );
  });

  it('takes the largest of the bounds, and stops once one reaches the plan', () => {
    const r = plannedWhole(closedCrossing(undefined, 120));
    const objective = r.plan.objective.value;
    const weak = fixedBound(objective / 4);
    const strong = fixedBound(objective / 2);
    expect(provePlanBound(objective, r.input, { seconds: 5, bounds: [weak, strong] })).toMatchObject({
      status: 'proved',
      value: Math.floor((objective / 2) * 1000) / 1000,
      gapPercent: 100,
    });
    const exact = fixedBound(objective);
    const after = fixedBound(0);
    expect(provePlanBound(objective, r.input, { seconds: 5, bounds: [exact, after] }).status).toBe('optimal');
    expect(after.calls).toBe(0);
  });

  it('runs the delivery-day bound, then the mean-lateness one, and keeps the larger and each run', () => {
    const r = plannedWhole(closedCrossing(undefined, 120));
    const objective = r.plan.objective.value;
    const proved = proveBounds(objective, r.input, 10);
    expect(proved.runs.map((run) => run.name)).toEqual(
      PROVED_BOUNDS.slice(0, proved.runs.length).map((f) => f.name),
    );
    expect(proved.runs[0]!.name).toBe('uncoupledDeliveryBound');
    expect(proved.value).toBe(Math.max(...proved.runs.map((run) => run.value)));
    expect(proved.value).toBeGreaterThan(0);
    expect(proved.value).toBeLessThanOrEqual(objective * (1 + 1e-9));
    for (const run of proved.runs) {
      expect(run.capacityFree!).toBeLessThanOrEqual(run.value + 1e-9);
      expect(['converged', 'time-limit', 'iteration-limit']).toContain(run.status);
    }
    expect(proved.capacityFree).toBe(Math.max(...proved.runs.map((run) => run.capacityFree!)));
  });

  it('gives each bound its share of the time left, an equal one by default, the last all of it', () => {
    const r = plannedWhole(closedCrossing(undefined, 120));
    const objective = r.plan.objective.value;
    const limits = (shares: (number | undefined)[]) => {
      const seen: number[] = [];
      const bounds = shares.map((timeShare) => {
        const f: ProvedBoundFunction = (_n, _u, options) => {
          seen.push(options.timeLimitMs);
          return { value: 1 };
        };
        if (timeShare !== undefined) f.timeShare = timeShare;
        return f;
      });
      proveBounds(objective, r.input, 100, bounds);
      return seen;
    };
    // Each returns at once, so the next has (nearly) all of the 100 s left.
    const [first, second] = limits([0.9, 0.9]);
    expect(first).toBeGreaterThan(0.9 * 99_000);
    expect(first).toBeLessThanOrEqual(0.9 * 100_000);
    expect(second).toBeGreaterThan(99_000);
    const [a, b, c] = limits([undefined, undefined, undefined]);
    expect(a).toBeGreaterThan(99_000 / 3);
    expect(a).toBeLessThanOrEqual(100_000 / 3);
    expect(b).toBeGreaterThan(99_000 / 2);
    expect(b).toBeLessThanOrEqual(100_000 / 2);
    expect(c).toBeGreaterThan(99_000);
  });

  it("hands every bound the plan's schedules when given, and none otherwise", () => {
    const r = plannedWhole(closedCrossing(undefined, 120));
    const objective = r.plan.objective.value;
    const starts = (start?: typeof r.plan.ulns) => {
      const seen: unknown[] = [];
      const f: ProvedBoundFunction = (_n, _u, options) => {
        seen.push(options.start);
        return { value: objective / 2 };
      };
      proveBounds(objective, r.input, 10, [f, f], start);
      return seen;
    };
    expect(starts(r.plan.ulns)).toEqual([r.plan.ulns, r.plan.ulns]);
    expect(starts()).toEqual([undefined, undefined]);
  });

  it('proves with the master LP first where HiGHS is given, below every plan of a congested corridor', async () => {
    const highs = await loadHighs();
    const { network, ulns } = congestedCorridor();
    const plan = planDeployment(network, ulns);
    const input = { network, ulns, today: 0, horizonDays: plan.horizonDays };
    const bounds = provedBoundsWith(highs);
    expect(bounds.map((f) => f.name)).toEqual(['masterDeliveryBound', 'deploymentLowerBound']);
    expect(bounds[0]!.timeShare).toBe(0.9);
    const proved = proveBounds(plan.objective.value, input, 6, bounds);
    expect(proved.runs[0]!.name).toBe('masterDeliveryBound');
    expect(proved.value).toBeGreaterThan(0);
    expect(proved.value).toBe(Math.max(...proved.runs.map((run) => run.value)));
    expect(proved.value).toBeLessThanOrEqual(plan.objective.value * (1 + 1e-9));
    // The master's LP solution: a lateness term per ULN, none below 0, the congested ones late.
    const mean = proved.meanLateness!;
    expect(mean).toHaveLength(ulns.length);
    expect([...mean].every((x) => Number.isFinite(x) && x >= 0)).toBe(true);
    expect([...mean].some((x) => x > 0)).toBe(true);
    expect(proved.lateness).toHaveLength(ulns.length);
    // Every plan guided by it stays above it.
    const guided = planDeployment(network, ulns, { prices: proved.prices! });
    expect(guided.objective.value).toBeGreaterThanOrEqual(proved.value * (1 - 1e-9));
  });

  it('keeps the ascent bound when HiGHS fails inside the master, and says so to the caller', () => {
    const r = plannedWhole(closedCrossing(undefined, 120));
    const objective = r.plan.objective.value;
    const broken = {
      createModel: () => {
        throw new Error('Aborted(OOM)');
      },
    } as unknown as Highs;
    const failures: string[] = [];
    const proved = proveBounds(
      objective,
      r.input,
      2,
      provedBoundsWith(broken, (m) => failures.push(m)),
    );
    expect(failures).toEqual(['Aborted(OOM)']);
    expect(proved.runs[0]!.name).toBe('masterDeliveryBound');
    expect(proved.runs[0]!.value).toBeGreaterThan(0);
    expect(proved.value).toBeLessThanOrEqual(objective * (1 + 1e-9));
  });

  it('says there is none when it was not asked for, when only 0 was proved, and for a re-plan', () => {
    const r = plannedWhole(closedCrossing(undefined, 120));
    const objective = r.plan.objective.value;
    const zero = fixedBound(0);
    expect(provePlanBound(objective, r.input, { seconds: 0, bounds: [zero] })).toEqual({
      value: null,
      gapPercent: null,
      status: 'none',
      seconds: 0,
      text: 'No proved bound: none was asked for (bound time 0 s).',
    });
    expect(zero.calls).toBe(0);
    // A bound of 0 under a plan above 0 proves nothing: no bound, and never a gap of 0%.
    const nothing = provePlanBound(objective, r.input, { seconds: 5, bounds: [zero] });
    expect(nothing).toMatchObject({ value: null, gapPercent: null, status: 'none' });
    expect(nothing.text).toBe(
      'No proved bound: the best bound found in 5 s is 0, which proves nothing of a plan above 0 (more time may find one).',
    );
    // Loads already moved: the bounds plan every ULN from its origin, so theirs would not bound this.
    const doc = closedCrossing(undefined, 120);
    const list = scenarioForceList(doc);
    if (!list.ok) throw new Error('expected a force list');
    const first = list.records[0]!;
    const arc = doc.network.arcs.find((a) => a.from === first.origin)!;
    const moved = requireScenario({
      ...doc,
      forceList: list.records,
      movements: [
        {
          id: 'MOV-1',
          uln: first.uln,
          nation: first.nation,
          arc: arc.id,
          departDay: first.ald,
          arriveDay: first.ald + arc.transitDays,
          personnel: Math.min(first.personnel, arc.loadSize.personnel),
          tonnes: 0,
        },
      ],
    });
    const replan = plannedWhole(moved);
    expect(replan.plan.objective.value).toBeGreaterThan(0);
    expect(provePlanBound(replan.plan.objective.value, replan.input, { seconds: 5, bounds: [zero] })).toEqual(
      {
        value: null,
        gapPercent: null,
        status: 'none',
        seconds: 0,
        text: 'No proved bound: the bound plans every ULN from its origin, and this plan keeps 1 movement record of loads already moved.',
      },
    );
    expect(zero.calls).toBe(1);
  });

  it('rounds the bound down and the gap up, so that neither claims more than was proved', () => {
    // 199 / 801 is 24.8439…%.
    expect(planBoundOf(1000, 801.0004, 1.23456, 5)).toEqual({
      value: 801,
      gapPercent: 24.844,
      status: 'proved',
      seconds: 1.235,
      text: 'Within 24.9% of the best possible (proved bound 801 weighted personnel-days late).',
    });
    expect(planBoundOf(1000.5, 1000, 1).text).toBe(
      'Within 0.1% of the best possible (proved bound 1,000 weighted personnel-days late).',
    );
    expect(planBoundOf(41_200 * 7, 41_200, 1).text).toBe(
      'Within 600% of the best possible (proved bound 41,200 weighted personnel-days late).',
    );
    // Within a millionth of the plan is the plan: optimal.
    expect(planBoundOf(1000, 1000 - 1e-4, 1)).toMatchObject({
      status: 'optimal',
      gapPercent: 0,
      value: 999.999,
    });
  });
});
