import { describe, expect, it } from 'vitest';
import { requireScenario } from '../../domain/scenario-document.ts';
import { deploymentScenario, sampleNetwork } from '../../domain/test-fixtures.ts';
import { planScenario } from './plan-report.ts';

/** The deployment sample with its only road into Ukraine closed for the first weeks. */
function closedCrossing(cDay?: string) {
  const network = sampleNetwork();
  const base = requireScenario(deploymentScenario());
  const arcs = network.arcs!.map((a) =>
    a.id === 'medyka-kyiv' ? { ...a, closures: [{ from: 0, to: 40, reason: 'bridge repairs' }] } : a,
  );
  return requireScenario(
    deploymentScenario({
      network: { ...network, arcs },
      ...(cDay !== undefined && { mission: { ...base.mission, cDay } }),
    }),
  );
}

function planned(doc: ReturnType<typeof closedCrossing>) {
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
