// Burden sharing: money (EUR by stage) and troops per nation, against GDP and population.
import { z } from 'zod';
import { BURDEN_MEASURES, type BurdenReport, type Eur } from '../../domain/analysis/burden.ts';
import { PLEDGE_STAGES } from '../../domain/scenario-schema.ts';
import {
  currencyCodeWire,
  isoDateWire,
  nationIdWire,
  personnelWire,
  pledgeIdWire,
  type Assert,
  type Same,
} from '../wire.ts';
import { fillParametersShape, fillShape } from './fill.ts';
import { basisParam, basisWire } from './sustainment.ts';

export const burdenParamsSchema = z.strictObject({ ...fillShape, basis: basisParam });

export const burdenParametersSchema = z.strictObject({ ...fillParametersShape, basis: basisWire });
export type BurdenParameters = z.output<typeof burdenParametersSchema>;

// ---- The report ----

const eurWire = (z.number() as unknown as z.ZodType<Eur, number>).describe('Euros');

/** EUR per pledge stage (committed, allocated, delivered). */
export const stageTotalsSchema = z.strictObject({
  committed: eurWire,
  allocated: eurWire,
  delivered: eurWire,
});

const pledgeFactsShape = {
  id: pledgeIdWire,
  nation: nationIdWire,
  amount: z.number().describe("In the pledge's own currency"),
  currency: currencyCodeWire,
  date: isoDateWire,
  stage: z.enum(PLEDGE_STAGES).describe('The furthest stage the pledge has reached'),
};

const rateUsedSchema = z.strictObject({
  eurPerUnit: z.number(),
  period: z.string().describe('`YYYY-MM` for a monthly average, `YYYY` for an annual one'),
  basis: z.enum(['monthly', 'annual', 'par']),
});

const gdpConversionSchema = z.discriminatedUnion('ok', [
  z.strictObject({
    ok: z.literal(true),
    value: z.number(),
    currency: currencyCodeWire,
    year: z.number(),
    eur: eurWire.describe('Rounded to the euro'),
    rate: rateUsedSchema,
  }),
  z.strictObject({ ok: z.literal(false), reason: z.string() }),
]);

const nationBurdenSchema = z.strictObject({
  nation: nationIdWire,
  name: z.string(),
  eur: stageTotalsSchema.describe(
    "Cumulative: `committed` is every converted pledge, the nation's EUR total",
  ),
  atStage: stageTotalsSchema.describe('EUR whose furthest stage is exactly this one'),
  pledgeCount: z.number(),
  unconvertiblePledgeCount: z.number(),
  gdp: gdpConversionSchema,
  shareOfGdp: z
    .number()
    .nullable()
    .describe('eur.committed / GDP in EUR, a fraction; null when GDP is unknown'),
  population: z.number().nullable(),
  eurPerCapita: z.number().nullable(),
  personnel: personnelWire,
  personnelPer100k: z.number().nullable(),
  shareOfCoalitionEur: z.number().nullable(),
  shareOfCoalitionPersonnel: z.number().nullable(),
  shareOfCoalitionGdp: z.number().nullable(),
});

const coalitionBurdenSchema = z
  .strictObject({
    nations: z.number(),
    pledges: z.number(),
    unconvertiblePledges: z.number(),
    eur: stageTotalsSchema,
    atStage: stageTotalsSchema,
    personnel: personnelWire,
    gdpEur: eurWire.describe('GDP of the nations where it is known'),
    population: z.number(),
    shareOfGdp: z.number().nullable(),
    eurPerCapita: z.number().nullable(),
    personnelPer100k: z.number().nullable(),
    gdpUnknown: z.array(nationIdWire),
    populationUnknown: z.array(nationIdWire),
  })
  .describe('Coalition totals: eur and atStage by stage, personnel, GDP, population, ratios');

const rankEntrySchema = z.strictObject({ rank: z.number(), nation: nationIdWire, value: z.number() });

export const burdenResultSchema = z
  .strictObject({
    partial: z.boolean(),
    stageDefinition: z.string(),
    pledges: z
      .array(
        z.strictObject({
          ...pledgeFactsShape,
          eur: eurWire.describe('Rounded to the cent'),
          rate: rateUsedSchema,
        }),
      )
      .describe('Converted pledges with the EUR amount and the rate used'),
    unconvertible: z
      .array(z.strictObject({ ...pledgeFactsShape, reason: z.string() }))
      .describe('Pledges the rate table cannot convert, with the reason'),
    nations: z
      .array(nationBurdenSchema)
      .describe('Per nation: eur and atStage by stage, shareOfGdp, eurPerCapita, personnel, shares'),
    coalition: coalitionBurdenSchema,
    rankings: z
      .strictObject(
        Object.fromEntries(BURDEN_MEASURES.map((m) => [m, z.array(rankEntrySchema)])) as {
          [M in (typeof BURDEN_MEASURES)[number]]: z.ZodArray<typeof rankEntrySchema>;
        },
      )
      .describe(
        'Per measure (eur, shareOfGdp, eurPerCapita, personnel, personnelPer100k): rank, nation, value',
      ),
  })
  .describe('Burden sharing: money (EUR by stage) and troops per nation, against GDP and population');

export type BurdenResult = BurdenReport;
type _BurdenResultCheck = Assert<Same<z.output<typeof burdenResultSchema>, BurdenResult>>;

export const burdenAnalysis = {
  kind: 'burden',
  path: '/burden',
  summary: 'Burden sharing: EUR by stage and personnel per nation, against GDP and population',
  description:
    'Pledges converted to EUR at the rate of their own date; stages are cumulative (Kiel tracker).',
  params: burdenParamsSchema,
  parameters: burdenParametersSchema,
  result: burdenResultSchema,
  heavy: false,
} as const;
