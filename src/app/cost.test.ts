// The cost analysis of the reference scenario: the personnel it costs are the fill's (or the
// offers'), the transport is the plan's loads of what is costed, the scenario's rates replace the
// defaults and say so, and a rate the exchange table cannot convert is refused at its field.
import { describe, expect, it } from 'vitest';
import type { AnalysisArgs } from '../contract/analyses/index.ts';
import { costRatesSchema, DEFAULT_COST_RATES } from '../domain/cost-rates.ts';
import type { z } from 'zod';
import { DomainError } from '../domain/errors.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { forceFill } from '../planner/force-fill.ts';
import { computeAnalysis } from './analyses.ts';
import { loadExchangeRates, loadScenarioFile } from './reference-data.ts';

const rates = loadExchangeRates();
const doc: ScenarioDocument = loadScenarioFile('data/scenarios/article-2025-03.yaml');
const cost = (d: ScenarioDocument, args: AnalysisArgs<'cost'> = {}) =>
  computeAnalysis('cost', { doc: d, rates, partial: false }, args);

const withRates = (costRates: z.input<typeof costRatesSchema>): ScenarioDocument => ({
  ...doc,
  assumptions: { ...doc.assumptions, costRates: costRatesSchema.parse(costRates) },
});

describe('the cost analysis of article-2025-03', () => {
  const { parameters, result } = cost(doc);

  it('costs what the fill matches, over the longest line, by default', () => {
    expect(parameters.basis).toBe('matched');
    expect(parameters.months).toBe(Math.max(...doc.requirements.map((r) => r.durationMonths)));
    const fill = forceFill(doc, {});
    const matched = fill.lines.reduce((s, l) => s + l.assignments.reduce((a, x) => a + x.personnel, 0), 0);
    expect(result.coalition.personnel).toBe(matched);
    expect(result.domains.reduce((s, d) => s + d.personnel, 0)).toBe(matched);
  });

  it('prices personnel at the UN rate converted at the analysis date, and says where each rate comes from', () => {
    const un = result.rates.personnelPerMonth;
    expect(un).toMatchObject({ amount: 1428, currency: 'USD', from: 'default' });
    expect(un.source?.publication).toMatch(/72\/285/);
    expect(un.eur).toBeCloseTo(1428 * un.eurPerUnit, 2);
    expect(result.coalition.personnelPerMonth).toBeCloseTo(result.coalition.personnel * un.eur, 0);
    for (const r of [...result.rates.sustainmentPerMonth, ...result.rates.transportPerLoad])
      expect(r.assumption ?? r.source?.publication).toBeTruthy();
  });

  it('costs the transport of the plan’s loads of what is costed: fewer loads than the whole force list', () => {
    const offered = cost(doc, { basis: 'offered' }).result;
    expect(result.coalition.loads).toBeGreaterThan(0);
    expect(offered.coalition.loads).toBeGreaterThan(result.coalition.loads);
    expect(offered.coalition.personnel).toBeGreaterThan(result.coalition.personnel);
    const perLoad = new Map(result.rates.transportPerLoad.map((r) => [r.mode, r.eur]));
    const transport = result.modes.reduce((s, m) => s + m.loads * perLoad.get(m.mode)!, 0);
    expect(transport).toBeCloseTo(result.coalition.transport, -2);
  });

  it('sets the total against the pledges: the gap is the cost less what is committed', () => {
    const pledged = result.coalition.pledged.committed;
    expect(pledged).toBeGreaterThan(0);
    expect(result.coalition.gap.committed).toBeCloseTo(result.coalition.total - pledged, 1);
    expect(result.coalition.total).toBeCloseTo(
      result.coalition.transport + parameters.months * result.coalition.perMonth,
      0,
    );
  });

  it('takes the scenario’s rates and a nation’s own, and the months asked for', () => {
    const own = cost(
      withRates({
        personnelPerMonth: { amount: 2000, currency: 'EUR', assumption: 'test' },
        nationPersonnelPerMonth: { GBR: { amount: 9000, currency: 'GBP', assumption: 'UK own cost' } },
      }),
      { months: 6 },
    );
    expect(own.parameters.months).toBe(6);
    expect(own.result.rates.personnelPerMonth).toMatchObject({ eur: 2000, from: 'scenario' });
    const gbrRate = own.result.rates.nationPersonnelPerMonth.find((r) => r.nation === 'GBR')!;
    expect(gbrRate.from).toBe('nation');
    const gbr = own.result.nations.find((n) => n.nation === 'GBR')!;
    const fra = own.result.nations.find((n) => n.nation === 'FRA')!;
    expect(gbr.personnelPerMonth).toBeCloseTo(gbr.personnel * gbrRate.eur, 0);
    expect(fra.personnelPerMonth).toBeCloseTo(fra.personnel * 2000, 0);
    expect(own.result.rates.sustainmentPerMonth[0]!.from).toBe('default');
    expect(own.result.rates.sustainmentPerMonth[0]!.eur).toBe(
      DEFAULT_COST_RATES.sustainmentPerMonth.land.amount,
    );
  });

  it('refuses a rate in a currency the exchange table cannot convert, naming the field', () => {
    const bad = withRates({ transportPerLoad: { sea: { amount: 1, currency: 'XXX', assumption: 't' } } });
    try {
      cost(bad);
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(DomainError);
      expect((e as DomainError).issues[0]).toMatchObject({
        path: 'assumptions.costRates.transportPerLoad.sea.currency',
        message: expect.stringMatching(/no EUR rate for XXX/),
      });
    }
  });
});
