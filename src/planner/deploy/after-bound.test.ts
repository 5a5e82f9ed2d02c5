// The steps after a plan's bound (after-bound.ts), over the planner's own input: each keeps the best
// plan so far unless it beats it, says what it found, and plans through the caller.
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadHighs } from '../force-fill-lp.ts';
import { firstBest, guidedStep, lpStep, neighbourhoodStep, searchStep } from './after-bound.ts';
import type { Best, PlanWith, StepOptions } from './after-bound.ts';
import { deliveryMasterBound } from './bound/delivery-master.ts';
import { checkPlan } from './plan-checker.ts';
import { planDeployment } from './schedule.ts';
import { congestedCorridor } from './test-fixtures.ts';

const { network, ulns } = congestedCorridor();
const plain = planDeployment(network, ulns);
const input = { network, ulns, today: 0, horizonDays: plain.horizonDays };

/** planDeployment as the caller's planning, each call's options recorded. */
function planner(fail = false) {
  const calls: StepOptions[] = [];
  const planWith: PlanWith<string> = (options) => {
    calls.push(options);
    return fail ? null : { result: `plan ${calls.length}`, plan: planDeployment(network, ulns, options) };
  };
  return { calls, planWith };
}

let highs: Highs;
let guidance: Parameters<typeof guidedStep>[2];
beforeAll(async () => {
  highs = await loadHighs();
  const m = deliveryMasterBound(network, ulns, {
    highs,
    maxIterations: 60,
    timeLimitMs: 120_000,
    horizonDays: plain.horizonDays,
    start: plain.ulns,
  });
  guidance = { prices: m.prices, lateness: m.lateness, meanLateness: m.ulnLateness, schedules: m.schedules };
});

const value = (b: Best<unknown>) => b.plan.objective.value;

describe('the steps after the bound', () => {
  it('guided: the best guided plan when it beats the plan, with its options and words', () => {
    const { calls, planWith } = planner();
    const first = firstBest({ result: 'first', plan: plain });
    const best = guidedStep(first, ulns, guidance, planWith);
    expect(calls.length).toBeGreaterThan(1);
    expect(value(best)).toBeLessThan(value(first));
    expect(best.result).toMatch(/^plan \d+$/);
    expect(best.options.prices).toBe(guidance.prices);
    expect(best.order).not.toBeNull();
    // Its options plan it again exactly.
    expect(planDeployment(network, ulns, best.options).objective.value).toBe(value(best));
    // A caller whose planning fails leaves the best as it was.
    expect(guidedStep(first, ulns, guidance, planner(true).planWith)).toBe(first);
  });

  it('search: a better order planned in full, its figures; nothing without a budget', () => {
    const { planWith } = planner();
    const from = guidedStep(firstBest({ result: 'first', plan: plain }), ulns, guidance, planWith);
    const tried = { moves: 0 };
    const searched = searchStep(from, input, planWith, { budgetMs: 600_000, maxMoves: 100 }, tried);
    expect(tried.moves).toBe(100);
    expect(searched).not.toBeNull();
    expect(value(searched!)).toBeLessThan(value(from));
    expect(searched!.search).toEqual({
      moves: 100,
      seconds: expect.any(Number) as number,
      startValue: Math.round(value(from) * 1000) / 1000,
    });
    expect(searched!.options).toMatchObject({ prices: from.options.prices, improvementPasses: 0 });
    expect(planDeployment(network, ulns, searched!.options).objective.value).toBe(value(searched!));
    expect(searchStep(from, input, planWith, { budgetMs: 0 })).toBeNull();
  });

  it("LP: the best plan from the LP's schedules, kept only when better, with what it kept", () => {
    const { planWith } = planner();
    const first = firstBest({ result: 'first', plan: plain });
    const { best, top } = lpStep(first, input, guidance, false, planWith);
    expect(top).not.toBeNull();
    expect(checkPlan(network, ulns, top!.plan).violations).toEqual([]);
    expect(top!.lp).toMatchObject({ followOnAfterLad: false });
    expect(top!.lp!.kept).toBeGreaterThan(0);
    expect(top!.lp!.kept).toBeLessThanOrEqual(top!.lp!.of);
    expect(best).toBe(value(top!) < value(first) ? top : first);
    // Against a plan it cannot beat, the best stays and the top is still reported.
    const unbeatable: Best<string> = {
      ...first,
      plan: { ...plain, objective: { ...plain.objective, value: 0 } },
    };
    const again = lpStep(unbeatable, input, guidance, false, planWith);
    expect(again.best).toBe(unbeatable);
    expect(value(again.top!)).toBe(value(top!));
    // No schedules, no plans from them.
    expect(lpStep(first, input, { ...guidance, schedules: null }, false, planWith)).toEqual({
      best: first,
      top: null,
    });
  });

  it('neighbourhoods: late units and those taking their lift re-planned after the rest, the better plan kept', () => {
    const { calls, planWith } = planner();
    const { best: fromLp } = lpStep(
      firstBest({ result: 'first', plan: plain }),
      input,
      guidance,
      false,
      planWith,
    );
    expect(fromLp.lp).toBeDefined();
    const before = calls.length;
    const tried = { moves: 0 };
    const around = neighbourhoodStep(fromLp, input, planWith, { budgetMs: 600_000, maxMoves: 40 }, tried);
    expect(tried.moves).toBe(40);
    expect(around).not.toBeNull();
    // Its moves are planned inside; the caller plans the plan it keeps once.
    expect(calls.length).toBe(before + 1);
    expect(value(around!)).toBeLessThan(value(fromLp));
    expect(around!.neighbourhood).toEqual({
      moves: 40,
      accepted: expect.any(Number) as number,
      seconds: expect.any(Number) as number,
      startValue: Math.round(value(fromLp) * 1000) / 1000,
    });
    expect(around!.neighbourhood!.accepted).toBeGreaterThan(0);
    expect(around!.lp).toEqual(fromLp.lp);
    expect(checkPlan(network, ulns, around!.plan).violations).toEqual([]);
    expect(around!.plan.ulns.every((s) => s.status === 'scheduled')).toBe(true);
    // Its options plan it again exactly, the same moves the same plan.
    expect(planDeployment(network, ulns, around!.options).objective.value).toBe(value(around!));
    const again = neighbourhoodStep(fromLp, input, planWith, { budgetMs: 600_000, maxMoves: 40 });
    expect(again!.plan.ulns).toEqual(around!.plan.ulns);
    expect(neighbourhoodStep(fromLp, input, planWith, { budgetMs: 0 })).toBeNull();
    // Nobody late: nothing to move.
    const onTime = { ...fromLp, plan: { ...fromLp.plan, objective: { ...fromLp.plan.objective, value: 0 } } };
    expect(neighbourhoodStep(onTime, input, planWith, { budgetMs: 600_000, maxMoves: 5 })).toBeNull();
  });
});
