// The plan report as its readers get it: closures named with their windows, each ULN's unit and line,
// and the objective the planner minimises with its parts, the delivered day of each ULN, and the
// lift and critical share that reach the planner from the capability and the deployment settings.
import { describe, expect, it } from 'vitest';
import { DEFAULT_CRITICAL_SHARE } from '../../domain/deployment/settings.ts';
import { requireScenario } from '../../domain/scenario-document.ts';
import {
  deploymentScenario,
  deploymentSettings,
  sampleNetwork,
  type CapabilityInput,
} from '../../domain/test-fixtures.ts';
import { liftRulesOut, planScenario, toPlannerUlns } from './plan-report.ts';

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
      /^Objective [\d,]+ weighted personnel-days late \(lower is better\): each ULN's days from its RDD to the day it is delivered, with its personnel and 90% of its tonnes \(its critical equipment\) in, × its personnel × its priority weight \(1 \/ priority\); [\d,]+ from \d+ ULNs? delivered after (its|their) RDD \([\d,]+ personnel-days, [\d,]+ unit-days late\)\.$/,
    );
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
