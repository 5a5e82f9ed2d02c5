// The Lagrangian subproblem on its own: sources, route classes, and each ULN's cheapest walk and
// term at given prices, against hand-computed values.
import { describe, expect, it } from 'vitest';
import type { DeploymentNetwork, Uln } from '../schedule-types.ts';
import { arc, uln } from '../test-fixtures.ts';
import { buildTimeExpanded, newWorkspace, solveSubproblem, zeroPrices } from './time-expanded.ts';
import type { TimeExpandedOptions } from './time-expanded.ts';

/** A -> B by air in 1 day or by sea in 4. */
const twoRoutes: DeploymentNetwork = {
  nodes: [{ id: 'A' }, { id: 'B' }],
  arcs: [
    arc('air', 'A', 'B', { mode: 'air', transitDays: 1 }),
    arc('sea', 'A', 'B', { mode: 'sea', transitDays: 4 }),
  ],
};

function solve(
  network: DeploymentNetwork,
  ulns: Uln[],
  options: TimeExpandedOptions,
  price?: (p: ReturnType<typeof zeroPrices>, H: number) => void,
) {
  const net = buildTimeExpanded(network, ulns, options);
  const prices = zeroPrices(net);
  price?.(prices, net.H);
  const usage = zeroPrices(net);
  const ws = newWorkspace(net);
  const { terms } = solveSubproblem(net, prices, usage, ws);
  return { net, ws, usage, terms };
}

describe('the time-expanded subproblem', () => {
  it('groups ULNs into sources by origin, first day and eligibility', () => {
    const ulns = [
      uln('U1', { ald: 0 }),
      uln('U2', { ald: 0, priority: 3, rdd: 2 }),
      uln('U3', { ald: 1 }),
      uln('U4', { ald: 0, modes: ['sea'] }),
      uln('U5', { ald: 0, rdd: 7 }),
    ];
    const { net } = solve(twoRoutes, ulns, { horizonDays: 10 });
    expect(net.sourceStart.length).toBe(3);
    expect(Array.from(net.ulnSource)).toEqual([0, 0, 1, 2, 0]);
    // From day 2 everything leaves together.
    expect(buildTimeExpanded(twoRoutes, ulns, { horizonDays: 10, today: 2 }).sourceStart.length).toBe(2);
  });

  it('takes the fastest walk at zero prices and counts its usage', () => {
    const u = uln('U1', { personnel: 100, tonnes: 50, rdd: 0, criticalShare: 0.5 });
    const { ws, usage, terms, net } = solve(twoRoutes, [u], { horizonDays: 10 });
    // Arrives on day 1, 1 day late, 100 personnel.
    expect(terms).toBeCloseTo(100, 9);
    expect(ws.routeClass[0]).toBe(0);
    // All 100 personnel (less the tolerance) and all 50 tonnes fly on day 0.
    expect(usage.arcP[0 * net.H + 0]).toBeCloseTo(100, 3);
    expect(usage.arcT[0 * net.H + 0]).toBeCloseTo(50, 9);
    expect(usage.nodeP[1 * net.H + 1]).toBeCloseTo(100, 3);
  });

  it('pays prices: a dear air lift sends the tonnes by sea when lateness costs less', () => {
    const u = uln('U1', { personnel: 10, tonnes: 10, rdd: 4, criticalShare: 1 });
    // Air tonnes cost 2 a tonne on every day: 20 for the unit. By sea, arriving on day 4, on time.
    const { usage, terms, net } = solve(twoRoutes, [u], { horizonDays: 10, couplingModes: [] }, (p, H) =>
      p.arcT.fill(2, 0, H),
    );
    expect(terms).toBeCloseTo(0, 9);
    expect(usage.arcT[1 * net.H + 0]).toBeCloseTo(10, 9);
    expect(usage.arcP[0 * net.H + 0]).toBeCloseTo(10, 3);
  });

  it('keeps personnel and tonnes in one route class when their modes are coupled', () => {
    // Air carries no tonnes: the tonnes sail, arriving on day 4. Coupled, the personnel sail too.
    const network: DeploymentNetwork = {
      nodes: [{ id: 'A' }, { id: 'B' }],
      arcs: [
        arc('air', 'A', 'B', { mode: 'air', transitDays: 1, capacityPerDay: { personnel: 100, tonnes: 0 } }),
        arc('sea', 'A', 'B', { mode: 'sea', transitDays: 4 }),
      ],
    };
    const u = uln('U1', { personnel: 10, tonnes: 10, rdd: 1 });
    // Both ways 3 days late for its tonnes: 10 × 3; the class is "sea" (bit 2) when coupled.
    const coupled = solve(network, [u], { horizonDays: 10, couplingModes: ['air', 'sea'] });
    expect(coupled.terms).toBeCloseTo(30, 9);
    expect(coupled.ws.routeClass[0]).toBe(2);
    expect(coupled.usage.arcP[1 * coupled.net.H + 0]).toBeCloseTo(10, 3);
    const free = solve(network, [u], { horizonDays: 10, couplingModes: [] });
    expect(free.usage.arcP[0 * free.net.H + 0]).toBeCloseTo(10, 3);
  });

  it('drops a unit out at the penalty day when that is cheaper than its priced walks', () => {
    const u = uln('U1', { personnel: 10, rdd: 1 });
    // Penalty: day 20, 19 days late × 10 = 190. Every arc-day at 100 a person: 1,000 by any walk.
    const { terms, ws } = solve(twoRoutes, [u], { horizonDays: 10 }, (p) => p.arcP.fill(100));
    expect(terms).toBeCloseTo(190, 9);
    expect(ws.routeClass[0]).toBe(-1);
  });
});
