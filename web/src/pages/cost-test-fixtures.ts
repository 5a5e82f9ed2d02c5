// A small cost analysis for the Cost page's tests, computed by the domain itself (computeCost) so its
// figures add up as the API's do: the United Kingdom (land and air, pledges at every stage), France
// (land at a rate of its own, no pledge), Estonia (no GDP known), Germany (pledges, no unit) and Italy
// (neither cost nor pledge). Over 12 months the pledges fall short of the cost; over 1 they exceed it. Rates: the UN rate in USD by default with its source, a scenario rate with a
// source but no link, one with a link the page must not follow (`javascript:`), assumptions else.
import type { CostResult } from '../../../src/contract/analyses/cost.ts';
import type { Eur, StageTotals } from '../../../src/domain/analysis/burden.ts';
import { computeCost, type CostInput, type RateInEur } from '../../../src/domain/analysis/cost.ts';
import { COST_DOMAINS, COST_MODES, type CostDomain, type CostMode } from '../../../src/domain/cost-rates.ts';
import type { IsoDate } from '../../../src/domain/ids.ts';
import type { AnalysisAnswer } from '../api-client.ts';

export const UN_PUBLICATION =
  'UN General Assembly resolution 72/285 (5 July 2018): rate of reimbursement to troop-contributing countries';
export const UN_URL = 'https://undocs.org/A/RES/72/285';

const stages = (committed: number, allocated: number, delivered: number): StageTotals => ({
  committed: committed as Eur,
  allocated: allocated as Eur,
  delivered: delivered as Eur,
});

/** A rate in EUR as src/app/cost.ts gives it: converted once, to the cent. */
function rate(
  amount: number,
  currency: string,
  eurPerUnit: number,
  from: RateInEur['from'],
  why: Pick<RateInEur, 'source' | 'assumption'>,
): RateInEur {
  return {
    eur: Math.round(amount * eurPerUnit * 100) / 100,
    amount,
    currency,
    eurPerUnit,
    ratePeriod: currency === 'EUR' ? '2025-03' : '2025',
    ...why,
    from,
  };
}

const assumed = (amount: number, assumption: string) => rate(amount, 'EUR', 1, 'default', { assumption });

export const PERSONNEL_RATE = rate(1428, 'USD', 0.885, 'default', {
  source: {
    publication: UN_PUBLICATION,
    date: '2018-07-05',
    url: UN_URL,
    note: 'A floor, not the full cost.',
  },
});
export const FRA_RATE = rate(5200, 'EUR', 1, 'nation', {
  assumption: 'French planning rate per person per month, all ranks.',
});
export const LAND_RATE = rate(2500, 'GBP', 1.19, 'scenario', {
  source: { publication: 'Defence costs brief, land', date: '2024-11-01' },
});
export const SEA_RATE = rate(1_500_000, 'EUR', 1, 'scenario', {
  source: { publication: 'Ro-ro charter quote', url: 'javascript:alert(1)' },
});

const SUSTAINMENT: Record<CostDomain, RateInEur> = {
  land: LAND_RATE,
  air: assumed(9000, 'Planning assumption: flying hours, fuel and spares of an air unit.'),
  maritime: assumed(7000, 'Planning assumption: fuel, spares and port costs of a ship.'),
  enabler: assumed(2500, 'Planning assumption: running costs of an enabling unit.'),
};

const TRANSPORT: Record<CostMode, RateInEur> = {
  road: assumed(15_000, 'Planning assumption: one road serial over the leg.'),
  rail: assumed(60_000, 'Planning assumption: one military train over the leg.'),
  air: assumed(400_000, 'Planning assumption: one strategic airlift sortie.'),
  sea: SEA_RATE,
};

export const NOTES = ['3 ULN(s) the plan cannot move are not in the transport cost.'];

const NATIONS: CostInput['nations'] = [
  {
    nation: 'GBR',
    name: 'United Kingdom',
    gdpEur: 3.3e12,
    pledged: stages(60_000_000, 30_000_000, 10_000_000),
  },
  { nation: 'FRA', name: 'France', gdpEur: 2.9e12, pledged: stages(0, 0, 0) },
  { nation: 'EST', name: 'Estonia', gdpEur: null, pledged: stages(0, 0, 0) },
  { nation: 'DEU', name: 'Germany', gdpEur: 4.1e12, pledged: stages(50_000_000, 50_000_000, 20_000_000) },
  { nation: 'ITA', name: 'Italy', gdpEur: 2.1e12, pledged: stages(0, 0, 0) },
];

/** The cost of the force over `months`; `costsNothing`: no personnel and no loads at all. */
export function costResult(months = 12, costsNothing = false): CostResult {
  const report = computeCost({
    nations: NATIONS,
    personnel: costsNothing
      ? []
      : [
          { nation: 'GBR', domain: 'land', personnel: 1200 },
          { nation: 'GBR', domain: 'air', personnel: 150 },
          { nation: 'FRA', domain: 'land', personnel: 800 },
          { nation: 'EST', domain: 'land', personnel: 60 },
        ],
    loads: costsNothing
      ? []
      : [
          { nation: 'GBR', domain: 'land', mode: 'road', loads: 40 },
          { nation: 'GBR', domain: 'land', mode: 'sea', loads: 1 },
          { nation: 'GBR', domain: 'air', mode: 'air', loads: 6 },
          { nation: 'FRA', domain: 'land', mode: 'rail', loads: 7.5 },
          { nation: 'EST', domain: 'land', mode: 'road', loads: 2 },
        ],
    rates: {
      personnelPerMonth: PERSONNEL_RATE,
      nationPersonnelPerMonth: new Map([['FRA', FRA_RATE]]),
      sustainmentPerMonth: SUSTAINMENT,
      transportPerLoad: TRANSPORT,
    },
    months,
  });
  return {
    ...report,
    rates: {
      personnelPerMonth: PERSONNEL_RATE,
      nationPersonnelPerMonth: [{ nation: 'FRA', ...FRA_RATE }],
      sustainmentPerMonth: COST_DOMAINS.map((domain) => ({ domain, ...SUSTAINMENT[domain] })),
      transportPerLoad: COST_MODES.map((mode) => ({ mode, ...TRANSPORT[mode] })),
    },
    notes: costsNothing ? [] : NOTES,
  };
}

/** The API's answer around a result. */
export function costAnswer(
  result: CostResult = costResult(),
  { partial = false, basis = 'matched' as const }: { partial?: boolean; basis?: 'matched' | 'offered' } = {},
): AnalysisAnswer<'cost'> {
  return {
    scenario: 's1',
    asOf: '2025-03-02' as IsoDate,
    partial,
    parameters: {
      usBackstop: false,
      allowLate: false,
      minStatus: 'offered',
      asOf: '2025-03-02' as IsoDate,
      activationCDay: 0,
      excludeNations: [],
      basis,
      months: result.months,
    },
    result,
  };
}
