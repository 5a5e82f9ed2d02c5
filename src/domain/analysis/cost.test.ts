import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { costRatesSchema, moneySchema } from '../cost-rates.ts';
import type { Eur, StageTotals } from './burden.ts';
import { computeCost, type CostInput, type CostRatesInEur, type RateInEur } from './cost.ts';

const rate = (eur: number, from: RateInEur['from'] = 'default'): RateInEur => ({
  eur,
  amount: eur,
  currency: 'EUR',
  eurPerUnit: 1,
  ratePeriod: '2025',
  assumption: 'test',
  from,
});

const RATES: CostRatesInEur = {
  personnelPerMonth: rate(1000),
  nationPersonnelPerMonth: new Map([['GBR', rate(5000, 'nation')]]),
  sustainmentPerMonth: { land: rate(100), air: rate(400), maritime: rate(300), enabler: rate(50) },
  transportPerLoad: { road: rate(10), rail: rate(20), air: rate(1000), sea: rate(5000) },
};

const stages = (committed: number, allocated = 0, delivered = 0): StageTotals => ({
  committed: committed as Eur,
  allocated: allocated as Eur,
  delivered: delivered as Eur,
});

const input = (over: Partial<CostInput> = {}): CostInput => ({
  nations: [
    { nation: 'GBR', name: 'United Kingdom', gdpEur: 3_000_000_000, pledged: stages(2_000_000, 1_000_000) },
    { nation: 'FRA', name: 'France', gdpEur: 1_000_000_000, pledged: stages(0) },
    { nation: 'EST', name: 'Estonia', gdpEur: null, pledged: stages(100_000, 100_000, 100_000) },
  ],
  personnel: [
    { nation: 'GBR', domain: 'land', personnel: 100 },
    { nation: 'FRA', domain: 'land', personnel: 200 },
    { nation: 'FRA', domain: 'air', personnel: 10 },
  ],
  loads: [
    { nation: 'GBR', domain: 'land', mode: 'rail', loads: 5 },
    { nation: 'FRA', domain: 'air', mode: 'air', loads: 2 },
  ],
  rates: RATES,
  months: 12,
  ...over,
});

describe('computeCost', () => {
  const r = computeCost(input());
  const by = new Map(r.nations.map((n) => [n.nation, n]));

  it('costs personnel at the nation’s own rate or the coalition’s, sustainment by domain, transport by mode', () => {
    const gbr = by.get('GBR')!;
    expect(gbr.personnelPerMonth).toBe(100 * 5000);
    expect(gbr.sustainmentPerMonth).toBe(100 * 100);
    expect(gbr.transport).toBe(5 * 20);
    expect(gbr.total).toBe(5 * 20 + 12 * (500_000 + 10_000));
    const fra = by.get('FRA')!;
    expect(fra.personnelPerMonth).toBe(210 * 1000);
    expect(fra.sustainmentPerMonth).toBe(200 * 100 + 10 * 400);
    expect(fra.transport).toBe(2 * 1000);
    expect(by.get('EST')!.total).toBe(0);
  });

  it('adds up: the coalition is the sum of its nations, and of its domains', () => {
    const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
    for (const key of ['personnel', 'perMonth', 'transport', 'total'] as const) {
      expect(sum(r.nations.map((n) => n[key]))).toBeCloseTo(r.coalition[key], 6);
      expect(sum(r.domains.map((d) => d[key]))).toBeCloseTo(r.coalition[key], 6);
    }
    expect(sum(r.modes.map((m) => m.transport))).toBeCloseTo(r.coalition.transport, 6);
    expect(r.modes.map((m) => m.mode)).toEqual(['rail', 'air']);
  });

  it('sets the cost against the pledges by stage, and each nation against its GDP', () => {
    expect(r.coalition.pledged.committed).toBe(2_100_000);
    expect(r.coalition.gap.committed).toBeCloseTo(r.coalition.total - 2_100_000, 2);
    expect(r.coalition.gap.delivered).toBeCloseTo(r.coalition.total - 100_000, 2);
    expect(r.coalition.coverage).toBeCloseTo(2_100_000 / r.coalition.total, 9);
    const gbr = by.get('GBR')!;
    expect(gbr.gapCommitted).toBeCloseTo(gbr.total - 2_000_000, 2);
    expect(gbr.costShareOfGdp).toBeCloseTo(gbr.total / 3e9, 12);
    expect(gbr.shareOfCoalitionGdp).toBeCloseTo(0.75, 12);
    expect(gbr.burdenRatio).toBeCloseTo(gbr.total / r.coalition.total / 0.75, 9);
    // Without its GDP a nation has no GDP shares, and the coalition GDP leaves it out.
    expect(by.get('EST')!).toMatchObject({
      costShareOfGdp: null,
      shareOfCoalitionGdp: null,
      burdenRatio: null,
    });
    expect(r.coalition.gdpEur).toBe(4e9);
  });

  it('lists the costliest nation first', () => {
    expect(r.nations.map((n) => n.nation)).toEqual(['GBR', 'FRA', 'EST']);
  });

  it('grows linearly with the months, by the per-month cost (property)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 119 }), (m) => {
        const a = computeCost(input({ months: m }));
        const b = computeCost(input({ months: m + 1 }));
        expect(b.coalition.total - a.coalition.total).toBeCloseTo(a.coalition.perMonth, 4);
      }),
    );
  });

  it('refuses a horizon outside 1 to 120 months', () => {
    expect(() => computeCost(input({ months: 0 }))).toThrow(/months must be/);
    expect(() => computeCost(input({ months: 121 }))).toThrow(/months must be/);
  });
});

describe('the cost rates schema', () => {
  it('takes an amount in a currency with a source or an assumption', () => {
    expect(moneySchema.parse({ amount: 1428, currency: 'USD', assumption: 'x' }).amount).toBe(1428);
    const r = costRatesSchema.safeParse({
      personnelPerMonth: { amount: -1, currency: 'usd' },
      transportPerLoad: { canoe: { amount: 1, currency: 'EUR' } },
    });
    expect(r.success).toBe(false);
    const paths = r.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining(['personnelPerMonth.amount', 'personnelPerMonth.currency', 'transportPerLoad']),
    );
  });
});
