// The delivery-day bound with prices from a restricted master LP (delivery-master.ts): still a bound
// (never above a plan), never below the ascent it starts from, and, converged, at the master's own
// optimum, which by LP duality is the relaxation's: its per-ULN lateness sums to it.
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighs } from '../../force-fill-lp.ts';
import { generateDeploymentInstance } from '../instance-generator.ts';
import { planDeployment } from '../schedule.ts';
import { deliveryLowerBound } from './delivery-bound.ts';
import { deliveryMasterBound } from './delivery-master.ts';
import { canCarry, criticalTonnes } from '../objective.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

describe('deliveryMasterBound', () => {
  for (const shape of ['layered', 'single-crossing'] as const) {
    it(`converges to the relaxation's optimum and stays a bound: ${shape}, surge, 300 ULNs`, () => {
      const { network, ulns } = generateDeploymentInstance({
        seed: 1,
        ulnCount: 300,
        scenario: 'surge',
        shape,
        lift: true,
      });
      const plan = planDeployment(network, ulns);
      const options = { horizonDays: plan.horizonDays };
      // Few ascent iterations, so the master has something to add; no target, so it runs to the end.
      const master = deliveryMasterBound(network, ulns, {
        ...options,
        highs,
        maxIterations: 30,
        timeLimitMs: 120_000,
      });
      const ascent = deliveryLowerBound(network, ulns, { ...options, maxIterations: 30 });
      expect(master.error).toBeUndefined();
      expect(master.ascentValue).toBe(ascent.value);
      expect(master.value).toBeGreaterThanOrEqual(ascent.value);
      expect(master.value).toBeLessThanOrEqual(plan.objective.value * (1 + 1e-9));
      expect(master.status).toBe('converged');
      expect(master.rounds).toBeGreaterThan(0);
      // Converged: no schedule improves the master at its duals, so L there is the master's value.
      expect(master.value).toBeGreaterThan(ascent.value);
      expect(Math.abs(master.value - master.masterValue)).toBeLessThanOrEqual(
        1e-6 * master.masterValue + 1e-6,
      );
      const sum = master.ulnLateness!.reduce((a, b) => a + b, 0);
      expect(sum).toBeCloseTo(master.masterValue, 3);
      expect(master.fractional).toBeLessThanOrEqual(ulns.length);
      // Each ULN's largest schedule: every part of its cargo on a walk from its origin to its
      // destination over arcs it may take, departing no earlier than it is ready and than it arrived.
      expect(master.schedules).toHaveLength(ulns.length);
      let scheduled = 0;
      master.schedules!.forEach((s, j) => {
        if (!s) return;
        scheduled++;
        expect(s.share).toBeGreaterThan(0);
        expect(s.share).toBeLessThanOrEqual(1 + 1e-9);
        const u = ulns[j]!;
        const parts = [u.personnel, criticalTonnes(u), u.tonnes - criticalTonnes(u)];
        for (let part = 0; part < 3; part++) {
          const steps = [...s.part.keys()]
            .filter((k) => s.part[k] === part)
            .sort((a, b) => s.day[a]! - s.day[b]!);
          if (!(parts[part]! > 0)) continue;
          expect(steps.length).toBeGreaterThan(0);
          let at = u.origin;
          let ready = u.ald;
          for (const k of steps) {
            const a = network.arcs[s.arc[k]!]!;
            expect(a.from).toBe(at);
            expect(s.day[k]!).toBeGreaterThanOrEqual(ready);
            expect(canCarry(u, a)).toBe(true);
            at = a.to;
            ready = s.day[k]! + a.transitDays;
          }
          expect(at).toBe(u.destination);
        }
      });
      expect(scheduled).toBeGreaterThan(0.9 * ulns.length);
    });
  }
});

describe('deliveryMasterBound from a plan (MasterBoundOptions.start)', () => {
  const instance = () =>
    generateDeploymentInstance({
      seed: 2,
      ulnCount: 300,
      scenario: 'surge',
      shape: 'single-crossing',
      lift: true,
    });

  it("starts no worse than the plan, converges to the same optimum, and hands back the plan's loads", () => {
    const { network, ulns } = instance();
    const plan = planDeployment(network, ulns);
    const options = { horizonDays: plan.horizonDays, highs, maxIterations: 30, timeLimitMs: 120_000 };
    const firstMaster = (start?: typeof plan.ulns) => {
      let first = Number.NaN;
      const bound = deliveryMasterBound(network, ulns, {
        ...options,
        ...(start && { start }),
        onRound: (r) => {
          if (r.round === 1) first = r.master;
        },
      });
      return { bound, first };
    };
    const cold = firstMaster();
    const warm = firstMaster(plan.ulns);
    expect(warm.bound.error).toBeUndefined();
    // The plan's schedules fit together: the first master can plan every ULN as the plan does.
    expect(warm.first).toBeLessThanOrEqual(plan.objective.value * (1 + 1e-9) + 1e-9);
    expect(cold.first).toBeGreaterThan(plan.objective.value);
    // Both converge to the relaxation's optimum, and the bound stays below the plan.
    expect(warm.bound.status).toBe('converged');
    expect(cold.bound.status).toBe('converged');
    expect(warm.bound.value).toBeCloseTo(cold.bound.value, 3);
    expect(warm.bound.value).toBeLessThanOrEqual(plan.objective.value * (1 + 1e-9));
    // A ULN whose largest schedule is the plan's gets the plan's loads back, as the plan has them.
    const byUln = new Map(plan.ulns.map((s) => [s.uln, s]));
    const fromPlan = warm.bound.schedules!.flatMap((s, j) => (s?.loads ? [[s, j] as const] : []));
    expect(fromPlan.length).toBeGreaterThan(0);
    for (const [s, j] of fromPlan) expect(s.loads).toEqual(byUln.get(ulns[j]!.uln)!.movements);
    expect(cold.bound.schedules!.some((s) => s?.loads)).toBe(false);
  });

  it('leaves out what is not a plan of this input: unknown ULNs and arcs, executed loads, unplanned ULNs', () => {
    const { network, ulns } = instance();
    const plan = planDeployment(network, ulns);
    const [a, b, c, d] = plan.ulns.filter((s) => s.status === 'scheduled' && s.movements.length > 0);
    const start = [
      { ...a!, uln: 'NO-SUCH-ULN' },
      { ...b!, movements: b!.movements.map((m, k) => (k === 0 ? { ...m, arc: 'no-such-arc' } : m)) },
      { ...c!, movements: c!.movements.map((m, k) => (k === 0 ? { ...m, executed: true } : m)) },
      { ...d!, status: 'no-route' as const, deliveredDay: null },
    ];
    const options = { horizonDays: plan.horizonDays, highs, maxIterations: 30, timeLimitMs: 120_000 };
    const bound = deliveryMasterBound(network, ulns, { ...options, start });
    const none = deliveryMasterBound(network, ulns, options);
    expect(bound.error).toBeUndefined();
    // Nothing joined from the start plan: the same rounds, columns and value as without it.
    expect(bound.columns).toBe(none.columns);
    expect(bound.value).toBe(none.value);
    expect(bound.schedules!.some((s) => s?.loads)).toBe(false);
  });
});
