// The rates the cost of the force is computed at (issue 16), in the scenario's assumptions
// (`assumptions.costRates`), each an amount in a currency of its own with its source or the
// assumption behind it:
// - personnel: per person per month deployed; the UN's troop reimbursement rate (USD 1,428 per person
//   per month since 1 July 2018, General Assembly resolution 72/285) is the one public reference
//   point and the default, and is a floor (the UN reimburses the common additional costs, not a
//   force's full cost); a nation may carry its own rate;
// - sustainment: per person per month by domain (rations, fuel, maintenance, ammunition in training);
// - transport: per load by mode (a road serial, a train, an aircraft sortie, a ship voyage), which
//   the deployment plan counts per leg.
// Absent rates take the defaults below, which say they are planning assumptions.
import { z } from 'zod';
import { currencyCodeSchema, isoDateSchema, nationIdSchema } from './ids.ts';
import { provenance, type Source } from './schema-parts.ts';

export const moneySchema = z.strictObject({
  amount: z
    .number({ error: 'must be an amount' })
    .nonnegative({ error: 'must be 0 or more' })
    .max(1e12, { error: 'must be at most 1,000,000,000,000' }),
  currency: currencyCodeSchema,
  /** The day its exchange rate is read at (default: the analysis date). */
  priceDate: isoDateSchema.optional(),
  ...provenance,
});
export type Money = z.output<typeof moneySchema>;
export type MoneyInput = z.input<typeof moneySchema>;

const COST_DOMAINS = ['land', 'air', 'maritime', 'enabler'] as const;
const COST_MODES = ['road', 'rail', 'air', 'sea'] as const;

export const costRatesSchema = z.strictObject({
  personnelPerMonth: moneySchema.optional(),
  /** A nation's own rate per person per month, where it gives one. */
  nationPersonnelPerMonth: z.record(nationIdSchema, moneySchema).optional(),
  sustainmentPerMonth: z
    .strictObject(
      Object.fromEntries(COST_DOMAINS.map((d) => [d, moneySchema.optional()])) as {
        [D in (typeof COST_DOMAINS)[number]]: z.ZodOptional<typeof moneySchema>;
      },
    )
    .optional(),
  transportPerLoad: z
    .strictObject(
      Object.fromEntries(COST_MODES.map((m) => [m, moneySchema.optional()])) as {
        [M in (typeof COST_MODES)[number]]: z.ZodOptional<typeof moneySchema>;
      },
    )
    .optional(),
});
export type CostRates = z.output<typeof costRatesSchema>;
export type CostDomain = (typeof COST_DOMAINS)[number];
export type CostMode = (typeof COST_MODES)[number];
export { COST_DOMAINS, COST_MODES };

const UN_RATE_SOURCE: Source = {
  publication:
    'UN General Assembly resolution 72/285 (5 July 2018): rate of reimbursement to troop-contributing countries',
  date: '2018-07-05' as Source['date'],
  url: 'https://undocs.org/A/RES/72/285',
  note: 'USD 1,428 per person per month from 1 July 2018; reimburses common additional costs, not the full cost.',
};

const assumed = (amount: number, currency: string, assumption: string): Money =>
  ({ amount, currency, assumption }) as Money;

/** The defaults: the UN rate for personnel, planning assumptions for the rest (each says why). */
export const DEFAULT_COST_RATES: {
  personnelPerMonth: Money;
  sustainmentPerMonth: Record<CostDomain, Money>;
  transportPerLoad: Record<CostMode, Money>;
} = {
  personnelPerMonth: { amount: 1428, currency: 'USD', source: UN_RATE_SOURCE } as Money,
  sustainmentPerMonth: {
    land: assumed(
      3000,
      'EUR',
      'Planning assumption: rations, fuel, spares and training ammunition of a land unit, per person per month.',
    ),
    air: assumed(
      9000,
      'EUR',
      'Planning assumption: flying hours, fuel and spares of an air unit, spread over its personnel, per person per month.',
    ),
    maritime: assumed(
      7000,
      'EUR',
      'Planning assumption: fuel, spares and port costs of a ship, spread over its crew, per person per month.',
    ),
    enabler: assumed(
      2500,
      'EUR',
      'Planning assumption: running costs of a logistic, medical or headquarters unit, per person per month.',
    ),
  },
  transportPerLoad: {
    road: assumed(
      15000,
      'EUR',
      'Planning assumption: one road serial (about 20 vehicles) over the leg, fuel, drivers and escort.',
    ),
    rail: assumed(
      60000,
      'EUR',
      'Planning assumption: one military train (about 1,000 t) over the leg, including the path and gauge change.',
    ),
    air: assumed(
      400000,
      'EUR',
      'Planning assumption: one strategic airlift sortie (a chartered heavy freighter), round trip.',
    ),
    sea: assumed(
      1500000,
      'EUR',
      'Planning assumption: one ro-ro voyage under charter, round trip, port fees included.',
    ),
  },
};
