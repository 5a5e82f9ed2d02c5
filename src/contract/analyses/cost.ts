// The cost of the force and who pays (issue 16): personnel and sustainment per month and deployment
// transport, by nation and by domain, over a horizon of months, against the funding pledged by stage,
// with the gap and each nation's burden against its GDP. Every amount in EUR; every rate echoed with
// its currency, exchange rate and source or assumption.
import { z } from 'zod';
import { COST_DOMAINS, COST_MODES } from '../../domain/cost-rates.ts';
import { intParam } from '../params.ts';
import { stageTotalsSchema } from './burden.ts';
import { fillParametersShape, fillShape } from './fill.ts';
import { PERSONNEL_BASES } from './sustainment.ts';

export const costParamsSchema = z.strictObject({
  ...fillShape,
  basis: z
    .enum(PERSONNEL_BASES, { error: `must be one of ${PERSONNEL_BASES.join(', ')}` })
    .optional()
    .describe("Each nation's personnel: what the fill matched (default) or what it offered"),
  months: intParam(1, 120)
    .optional()
    .describe("Months the force is costed over (default: the longest requirement line's duration)"),
});

export const costParametersSchema = z.strictObject({
  ...fillParametersShape,
  basis: z.enum(PERSONNEL_BASES).describe("Each nation's personnel: offered, or matched by the fill"),
  months: z.number().int().describe('Months the force is costed over'),
});
export type CostParameters = z.output<typeof costParametersSchema>;

// ---- The report ----

const rateSchema = z.strictObject({
  eur: z.number().describe('The rate in EUR'),
  amount: z.number().describe('The rate as given, in its currency'),
  currency: z.string(),
  eurPerUnit: z.number().describe('EUR per unit of its currency'),
  ratePeriod: z.string().describe('The period of that exchange rate: YYYY-MM or YYYY'),
  source: z
    .strictObject({
      publication: z.string(),
      date: z.string().optional(),
      url: z.string().optional(),
      note: z.string().optional(),
    })
    .optional(),
  assumption: z.string().optional(),
  from: z
    .enum(['scenario', 'default', 'nation'])
    .describe("The scenario's rate, the default, or a nation's own"),
});

const partsShape = {
  personnel: z.number().describe('Personnel costed'),
  personnelPerMonth: z.number().describe('Personnel cost per month, EUR'),
  sustainmentPerMonth: z.number().describe('Sustainment cost per month, EUR'),
  perMonth: z.number().describe('Personnel and sustainment per month, EUR'),
  transport: z.number().describe('One-off deployment transport, EUR'),
  loads: z.number().describe('Loads the deployment plan moves'),
  total: z.number().describe('Over the horizon: transport + months × per month, EUR'),
};

const nullableShare = (what: string) => z.number().nullable().describe(what);

export const costResultSchema = z
  .strictObject({
    months: z.number().int(),
    coalition: z.strictObject({
      ...partsShape,
      pledged: stageTotalsSchema.describe('Pledged EUR by stage, cumulative'),
      gap: z
        .strictObject({ committed: z.number(), allocated: z.number(), delivered: z.number() })
        .describe('Total cost less what is pledged at each stage: what the pledges do not cover'),
      coverage: nullableShare('Pledges committed over total cost; null when the force costs nothing'),
      gdpEur: z.number().describe('GDP of the nations where it is known, EUR'),
      costShareOfGdp: nullableShare('Total cost over the coalition GDP'),
    }),
    nations: z
      .array(
        z.strictObject({
          nation: z.string(),
          name: z.string(),
          ...partsShape,
          pledged: stageTotalsSchema,
          gapCommitted: z.number().describe('Its total cost less its pledges committed'),
          gdpEur: z.number().nullable(),
          costShareOfGdp: nullableShare('Its total cost over its GDP'),
          contributionShareOfGdp: nullableShare('Its total cost plus pledges committed, over its GDP'),
          shareOfCoalitionCost: nullableShare('Its share of the coalition cost'),
          shareOfCoalitionGdp: nullableShare('Its share of the coalition GDP'),
          burdenRatio: nullableShare('Share of cost over share of GDP: above 1, more than its weight'),
        }),
      )
      .describe('Per nation, costliest first'),
    domains: z
      .array(z.strictObject({ domain: z.enum(COST_DOMAINS), ...partsShape }))
      .describe('Per domain of the units costed'),
    modes: z
      .array(z.strictObject({ mode: z.enum(COST_MODES), loads: z.number(), transport: z.number() }))
      .describe('Deployment transport per mode'),
    rates: z
      .strictObject({
        personnelPerMonth: rateSchema,
        nationPersonnelPerMonth: z.array(z.strictObject({ nation: z.string(), ...rateSchema.shape })),
        sustainmentPerMonth: z.array(z.strictObject({ domain: z.enum(COST_DOMAINS), ...rateSchema.shape })),
        transportPerLoad: z.array(z.strictObject({ mode: z.enum(COST_MODES), ...rateSchema.shape })),
      })
      .describe('Every rate used, as given and in EUR, with its source or assumption'),
    notes: z.array(z.string()),
  })
  .describe('The cost of the force against the pledges, by nation and domain');
export type CostResult = z.output<typeof costResultSchema>;

export const costAnalysis = {
  kind: 'cost',
  path: '/cost',
  summary: 'Cost of the force: personnel, sustainment and transport against the pledges, and who pays',
  description:
    'Costs the force per nation and per domain: personnel and sustainment per month (personnel counted as the fill matches them, or as offered) and the deployment transport of the plan (its loads per mode), over `months`. ' +
    "Rates come from the scenario's assumptions (costRates) or the defaults: the UN troop reimbursement rate (USD 1,428 per person per month) and stated planning assumptions. " +
    'Sets the total against the pledges by stage (the gap) and each nation against its GDP.',
  params: costParamsSchema,
  parameters: costParametersSchema,
  result: costResultSchema,
  heavy: true,
} as const;
