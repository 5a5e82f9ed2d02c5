// Resilience: what each nation's withdrawal breaks, and a seeded Monte Carlo of who delivers.
import { z } from 'zod';
import type { ResilienceReport } from '../../domain/analysis/resilience-report.ts';
import { DELIVERY_STANCES, STANCES } from '../../domain/scenario-schema.ts';
import { intParam } from '../params.ts';
import {
  capabilityCodeWire,
  daysWire,
  isoDateWire,
  nationIdWire,
  personnelWire,
  requirementIdWire,
  type Assert,
  type Same,
} from '../wire.ts';
import {
  fillAssumptionsSchema,
  fillParametersShape,
  fillShape,
  forceDomainWire,
  lineCountsSchema,
  lineFillStatusWire,
} from './fill.ts';
import { sourceWire } from './sustainment.ts';

// The engine allows a million draws; a request is held to 100,000 (a few seconds of one core),
// which already puts the standard error of a probability under 0.0016.
export const RESILIENCE_DRAWS_MAX = 100_000;
export const RESILIENCE_DRAWS_DEFAULT = 10_000;
export const RESILIENCE_SEED_DEFAULT = 1;
export const RESILIENCE_SEED_MAX = Number.MAX_SAFE_INTEGER;

export const monteCarloShape = {
  draws: intParam(1, RESILIENCE_DRAWS_MAX)
    .optional()
    .describe(`Monte Carlo draws (default ${RESILIENCE_DRAWS_DEFAULT})`),
  seed: intParam(0, RESILIENCE_SEED_MAX)
    .optional()
    .describe(
      `Seed of the Monte Carlo; the same seed gives the same answer (default ${RESILIENCE_SEED_DEFAULT})`,
    ),
};

export const resilienceParamsSchema = z.strictObject({
  ...fillShape,
  ...monteCarloShape,
  readyByCDay: intParam(0, 3650)
    .optional()
    .describe('Monte Carlo: only offers ready by this C-day count, the force at C+N (default: all count)'),
});

export const monteCarloParametersShape = {
  draws: z.number().int().describe('Monte Carlo draws'),
  seed: z.number().int().describe('Seed of the Monte Carlo'),
};
export type MonteCarloParameters = z.output<z.ZodObject<typeof monteCarloParametersShape>>;

export const resilienceParametersSchema = z.strictObject({
  ...fillParametersShape,
  ...monteCarloParametersShape,
  readyByCDay: z
    .number()
    .int()
    .nullable()
    .describe('Only offers ready by this C-day count in the Monte Carlo; null when all count'),
});
export type ResilienceParameters = z.output<typeof resilienceParametersSchema>;

// ---- The report ----

const stanceWire = z.enum(STANCES);
const deliveryStanceWire = z.enum(DELIVERY_STANCES);

const fillSummaryShape = {
  personnelMatched: personnelWire,
  quantityFilled: z.number(),
  weightedFill: z
    .number()
    .describe("The fill's objective: sum over lines of priority weight times filled units"),
  lineCounts: lineCountsSchema,
};
const fillSummarySchema = z.strictObject(fillSummaryShape);

const lineChangeSchema = z.strictObject({
  line: requirementIdWire,
  capability: capabilityCodeWire,
  sector: z.string(),
  task: z.string(),
  priority: z.number(),
  requiredQuantity: z.number(),
  filledBefore: z.number(),
  filledAfter: z.number(),
  statusBefore: lineFillStatusWire,
  statusAfter: lineFillStatusWire,
});

const nationWithdrawalSchema = z.strictObject({
  nation: nationIdWire,
  stance: stanceWire.nullable().describe('Current stance on the analysis date; null when it has none yet'),
  personnelOffered: personnelWire,
  personnelAvailable: personnelWire,
  contribution: z
    .strictObject({ quantity: z.number(), personnel: personnelWire })
    .describe('What its own offers fill when every nation delivers'),
  after: fillSummarySchema.describe('The fill without it'),
  lost: z
    .strictObject({
      quantity: z.number(),
      personnel: z.number(),
      weightedFill: z.number(),
      weightedFillShare: z.number(),
    })
    .describe('Baseline minus `after`'),
  coveredByOthers: z.strictObject({ quantity: z.number(), personnel: z.number() }),
  linesNewlyShort: z.array(requirementIdWire).describe('Lines completely filled with it and not without it'),
  linesNewlyEmpty: z.array(requirementIdWire).describe('Lines with some fill with it and none without it'),
  lines: z.array(lineChangeSchema).describe("Every line whose fill changes, in the scenario's order"),
});

export const distributionSchema = z
  .strictObject({
    mean: z.number(),
    min: z.number(),
    p10: z.number(),
    p50: z.number(),
    p90: z.number(),
    max: z.number(),
  })
  .describe('Order statistics over the draws (nearest rank)');

const nationDeliverySchema = z.strictObject({
  nation: nationIdWire,
  stance: stanceWire.nullable(),
  probabilityStance: deliveryStanceWire.describe('The stance the probability was looked up by'),
  probability: z.number(),
  probabilityFrom: z.enum(['stance', 'nation-override', 'excluded']),
  personnelOffered: personnelWire,
  personnelAvailable: personnelWire,
  deliveredShare: z.number().describe('Share of the draws in which it delivered'),
});

const lineResilienceSchema = z.strictObject({
  line: requirementIdWire,
  capability: capabilityCodeWire,
  domain: forceDomainWire,
  sector: z.string(),
  task: z.string(),
  priority: z.number(),
  requiredQuantity: z.number(),
  allDeliver: z.strictObject({ filledQuantity: z.number(), status: lineFillStatusWire }),
  probabilityFilled: z.number().describe('Share of draws in which the line is completely filled'),
  probabilityEmpty: z.number().describe('Share of draws in which nothing fills it'),
  meanFillRatio: z.number(),
});

const monteCarloSchema = z
  .strictObject({
    fillAssumptions: fillAssumptionsSchema,
    draws: z.number(),
    seed: z.number(),
    readyByCDay: daysWire.nullable().describe('Only offers ready by this C-day count; null when all count'),
    deliveryProbability: z
      .strictObject(
        Object.fromEntries(DELIVERY_STANCES.map((s) => [s, z.number()])) as {
          [S in (typeof DELIVERY_STANCES)[number]]: z.ZodNumber;
        },
      )
      .describe('The probability by stance that the run used'),
    deliveryProbabilityProvenance: z
      .strictObject({ source: sourceWire.optional(), assumption: z.string().optional() })
      .nullable(),
    nations: z.array(nationDeliverySchema),
    personnelTarget: personnelWire,
    personnelMatched: distributionSchema,
    personnelOffered: distributionSchema,
    personnelAvailable: distributionSchema,
    weightedFill: distributionSchema,
    probabilityTargetMet: z.number().describe('Share of draws whose matched personnel reach the target'),
    probabilityTargetMetError: z.number().describe('Its standard error, √(p(1−p)/draws)'),
    histogram: z
      .strictObject({
        binWidth: z.number(),
        bins: z.array(
          z.strictObject({ from: z.number(), to: z.number(), count: z.number(), share: z.number() }),
        ),
      })
      .describe('Personnel matched over the draws; a bin holds from ≤ value < to'),
    allDeliver: fillSummarySchema.describe('The fill when every nation delivers'),
    lines: z.array(lineResilienceSchema),
  })
  .describe(
    'draws, seed, deliveryProbability by stance, nations (probability, deliveredShare), ' +
      'personnelMatched / personnelOffered / weightedFill distributions (mean, min, p10, p50, p90, max), ' +
      'probabilityTargetMet and its standard error, histogram, allDeliver, lines',
  );

export const resilienceResultSchema = z
  .strictObject({
    asOf: isoDateWire,
    withdrawals: z
      .strictObject({
        fillAssumptions: fillAssumptionsSchema,
        baseline: z
          .strictObject({ ...fillSummaryShape, weightedRequired: z.number() })
          .describe('The fill when every nation delivers'),
        nations: z
          .array(nationWithdrawalSchema)
          .describe('Every nation with an offer: most weighted fill lost first'),
      })
      .describe(
        'fillAssumptions, baseline (the fill with every nation), nations: per nation withdrawing, what ' +
          'is lost (quantity, personnel, weightedFill, weightedFillShare), linesNewlyShort, linesNewlyEmpty; ' +
          'most weighted fill lost first',
      ),
    monteCarlo: monteCarloSchema,
  })
  .describe('Resilience: single-nation withdrawals and a seeded Monte Carlo of offers delivered');

export type ResilienceResult = ResilienceReport;
type _ResilienceResultCheck = Assert<Same<z.output<typeof resilienceResultSchema>, ResilienceResult>>;

export const resilienceAnalysis = {
  kind: 'resilience',
  path: '/resilience',
  summary: 'Resilience: what each nation’s withdrawal breaks, and a seeded Monte Carlo of who delivers',
  description:
    'The withdrawal table re-runs the optimal fill without each nation. The Monte Carlo draws which ' +
    'nations deliver (all their offers or none), with a probability by current stance from the ' +
    "scenario's assumptions (else the defaults), and reports the distribution of matched personnel " +
    'and the probability of meeting the target. The same seed gives the same answer.',
  params: resilienceParamsSchema,
  parameters: resilienceParametersSchema,
  result: resilienceResultSchema,
  heavy: true,
} as const;
