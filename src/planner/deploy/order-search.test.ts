// The order search: its moves keep every ULN once, and what it finds is a plan: the order planned
// again from scratch gives exactly the objective the search reports, no worse than where it began,
// checker-clean, the same for the same seed.
import { describe, expect, it } from 'vitest';
import { xoshiro128StarStar } from '../prng.ts';
import { generateDeploymentInstance } from './instance-generator.ts';
import { moved, neighbour, searchOrder } from './order-search.ts';
import { checkPlan } from './plan-checker.ts';
import { planDeployment } from './schedule.ts';
import { uln } from './test-fixtures.ts';

describe('moved', () => {
  it('puts the ULNs taken out before the one at the position given, in their order', () => {
    const order = [10, 11, 12, 13, 14];
    expect(moved(order, [3], 1)).toEqual([10, 13, 11, 12, 14]);
    expect(moved(order, [1, 3], 0)).toEqual([11, 13, 10, 12, 14]);
    // Later: before the ULN at position 4, or after the last.
    expect(moved(order, [0], 4)).toEqual([11, 12, 13, 10, 14]);
    expect(moved(order, [0], 5)).toEqual([11, 12, 13, 14, 10]);
  });
});

describe('neighbour', () => {
  const ulns = Array.from({ length: 40 }, (_, j) => uln(`U${j}`, { personnel: 10 + j, tonnes: j }));
  const order = ulns.map((_, j) => j).reverse();

  it('moves ULNs but keeps each once, and has none when nobody is late', () => {
    const late = new Float64Array(ulns.length);
    const rng = xoshiro128StarStar(7);
    expect(neighbour(order, late, rng, ulns)).toBeNull();
    late[3] = 5;
    late[30] = 2;
    for (let k = 0; k < 200; k++) {
      const next = neighbour(order, late, rng, ulns);
      if (next === null) continue;
      expect([...next].sort((a, b) => a - b)).toEqual(ulns.map((_, j) => j));
    }
  });
});

describe('searchOrder', () => {
  const { network, ulns } = generateDeploymentInstance({
    shape: 'single-crossing',
    scenario: 'surge',
    ulnCount: 300,
    seed: 3,
    lift: true,
  });
  const start = planDeployment(network, ulns);
  const options = { order: start.order, holdOnTime: start.holdOnTime };

  it('finds an order no worse than its start, which planned again is exactly what it reports', () => {
    expect(start.objective.value).toBeGreaterThan(0);
    const found = searchOrder(network, ulns, options, { budgetMs: Infinity, maxMoves: 150, seed: 3 });
    expect(found.moves).toBe(150);
    expect(found.startValue).toBeCloseTo(start.objective.value, 6);
    // Moves that leave the plan as it was are kept too (to cross plateaus), within rounding.
    expect(found.value).toBeLessThanOrEqual(found.startValue * (1 + 1e-9));
    expect(found.improvements).toBeGreaterThan(0);
    expect(found.value).toBeLessThan(found.startValue);
    const replay = planDeployment(network, ulns, { ...options, order: found.order, improvementPasses: 0 });
    expect(replay.objective.value).toBeCloseTo(found.value, 6);
    expect(replay.order).toEqual(found.order);
    expect(checkPlan(network, ulns, replay).violations).toEqual([]);
    // The same seed and moves, the same order.
    const again = searchOrder(network, ulns, options, { budgetMs: Infinity, maxMoves: 150, seed: 3 });
    expect(again.order).toEqual(found.order);
  });

  it('stops at once where nobody is late, and refuses a re-plan', () => {
    const calm = generateDeploymentInstance({ scenario: 'normal', ulnCount: 50, seed: 2 });
    const none = searchOrder(calm.network, calm.ulns, {}, { budgetMs: 1000, seed: 1 });
    expect(none.value).toBe(0);
    expect(none.improvements).toBe(0);
    expect(() => searchOrder(network, ulns, { previous: start }, { budgetMs: 10, maxMoves: 1 })).toThrow(
      /from scratch/,
    );
  });
});
