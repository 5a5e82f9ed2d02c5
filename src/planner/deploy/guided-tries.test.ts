// The guided plans tried after a bound: the relaxation's delivery days as an order (late units by
// their relaxed day, on-time ones by RDD, unplanned last), the tries with and without that order,
// and on a congested corridor a plan in that order that the checker passes and the bound bounds.
import { describe, expect, it } from 'vitest';
import { deliveryLowerBound } from './bound/delivery-bound.ts';
import { guidedTries, relaxedDayOrder } from './guided-tries.ts';
import { checkPlan } from './plan-checker.ts';
import { planDeployment } from './schedule.ts';
import type { CapacityPrices } from './schedule.ts';
import { congestedCorridor, uln } from './test-fixtures.ts';

const prices: CapacityPrices = {
  H: 1,
  arcP: new Float64Array(0),
  arcT: new Float64Array(0),
  nodeP: new Float64Array(0),
  nodeT: new Float64Array(0),
};

describe('relaxedDayOrder', () => {
  it('orders by the relaxed delivery day: RDD plus lateness over weight × personnel', () => {
    const ulns = [
      // Priority 1, 10 personnel, 30 late: 3 days late, day 13.
      uln('A', { personnel: 10, rdd: 10, priority: 1 }),
      // Priority 2 (weight ½), 10 personnel, 10 late: 2 days late, day 14.
      uln('B', { personnel: 10, rdd: 12, priority: 2 }),
      // On time: its RDD, 12.
      uln('C', { personnel: 10, rdd: 12, priority: 3 }),
      // Unplanned in the relaxation: last.
      uln('D', { personnel: 10, rdd: 1, priority: 1 }),
      // No personnel weighs as one: 5 late is 5 days, day 7.
      uln('E', { personnel: 0, tonnes: 10, rdd: 2, priority: 1 }),
    ];
    const lateness = Float64Array.from([30, 10, 0, Number.NaN, 5]);
    expect(relaxedDayOrder(ulns, lateness, (p) => 1 / p).map((j) => ulns[j]!.uln)).toEqual([
      'E',
      'C',
      'A',
      'B',
      'D',
    ]);
  });

  it('breaks ties by priority, then RDD, ALD and input order', () => {
    const ulns = [
      uln('LOW', { rdd: 5, priority: 3 }),
      uln('HIGH-LATER', { rdd: 5, priority: 1, ald: 2 }),
      uln('HIGH', { rdd: 5, priority: 1 }),
    ];
    const order = relaxedDayOrder(ulns, new Float64Array(3), (p) => 1 / p);
    expect(order.map((j) => ulns[j]!.uln)).toEqual(['HIGH', 'HIGH-LATER', 'LOW']);
  });
});

describe('guidedTries', () => {
  it('tries the urgency order alone without the relaxation, and its delivery days with it', () => {
    const ulns = [uln('A'), uln('B')];
    expect(guidedTries(ulns, { prices, lateness: null })).toEqual([
      { options: { prices }, order: 'the urgency order' },
    ]);
    // A lateness of another input (a different ULN count) is not read.
    expect(guidedTries(ulns, { prices, lateness: new Float64Array(3) })).toHaveLength(1);
    const tries = guidedTries(ulns, { prices, lateness: Float64Array.from([4, 0]) });
    expect(tries.map((t) => [t.order, t.options.order, t.options.holdOnTime ?? false])).toEqual([
      ['the urgency order', undefined, false],
      ["the relaxation's delivery days", ['B', 'A'], false],
      ["the relaxation's delivery days", ['B', 'A'], true],
    ]);
    for (const t of tries.slice(1)) expect(t.options).toMatchObject({ prices, improvementPasses: 0 });
    // With the master LP's mean lateness, its order too, as it comes and held.
    const both = guidedTries(ulns, {
      prices,
      lateness: Float64Array.from([4, 0]),
      meanLateness: Float64Array.from([0, 4]),
    });
    expect(both.map((t) => [t.order, t.options.order, t.options.holdOnTime ?? false])).toEqual([
      ['the urgency order', undefined, false],
      ["the relaxation's delivery days", ['B', 'A'], false],
      ["the relaxation's delivery days", ['B', 'A'], true],
      ["the relaxation's mean delivery days", ['A', 'B'], false],
      ["the relaxation's mean delivery days", ['A', 'B'], true],
    ]);
    // One of another input is not read.
    expect(guidedTries(ulns, { prices, lateness: null, meanLateness: new Float64Array(3) })).toHaveLength(1);
  });

  it('plans a congested corridor in each order cleanly, above the bound that guided it', () => {
    const { network, ulns } = congestedCorridor();
    const plain = planDeployment(network, ulns);
    const bound = deliveryLowerBound(network, ulns, { timeLimitMs: 3000, target: plain.objective.value });
    expect(bound.lateness).toHaveLength(ulns.length);
    const late = [...bound.lateness].filter((x) => x > 0).length;
    expect(late).toBeGreaterThan(0);
    const tries = guidedTries(ulns, bound);
    expect(tries).toHaveLength(3);
    for (const t of tries) {
      const plan = planDeployment(network, ulns, t.options);
      expect(checkPlan(network, ulns, plan).violations).toEqual([]);
      expect(plan.objective.value).toBeGreaterThanOrEqual(bound.value * (1 - 1e-9));
      if (t.options.order) expect(plan.order).toEqual(t.options.order);
    }
  });
});
