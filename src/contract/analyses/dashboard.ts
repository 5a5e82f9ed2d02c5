// The dashboard: the headline figures of every analysis with one set of parameters. Its result is
// the contract's own shape (not a domain report), so its types are read off the schema.
import { z } from 'zod';
import { STANCES } from '../../domain/scenario-schema.ts';
import { nationIdWire, personnelWire, requirementIdWire } from '../wire.ts';
import { stageTotalsSchema } from './burden.ts';
import { headlineFiguresSchema } from './figures.ts';
import { fillShape } from './fill.ts';
import { monteCarloParametersShape, monteCarloShape } from './resilience.ts';
import { sustainmentParametersShape, sustainmentShape } from './sustainment.ts';

export const dashboardParamsSchema = z.strictObject({
  ...fillShape,
  ...sustainmentShape,
  ...monteCarloShape,
});

export const dashboardParametersSchema = z.strictObject({
  ...sustainmentParametersShape,
  ...monteCarloParametersShape,
});
export type DashboardParameters = z.output<typeof dashboardParametersSchema>;

const withdrawalImpactSchema = z
  .strictObject({
    nation: nationIdWire,
    weightedFillLost: z
      .number()
      .describe('Priority-weighted fill lost (what the withdrawal table is ordered by)'),
    weightedFillShare: z.number().describe('Its share of the whole weighted fill, 0 to 1'),
    personnelMatchedLost: z
      .number()
      .describe("Matched personnel with every nation, minus matched without this nation's offers"),
    personnelMatchedWithout: personnelWire,
    linesEmptied: z
      .array(requirementIdWire)
      .describe('Requirement lines that have units with the nation and none without'),
  })
  .describe('The first row of the resilience withdrawal table: the nation whose loss costs the most');

/** The first row of the resilience withdrawal table: the nation whose loss costs the most. */
export type WithdrawalImpact = z.output<typeof withdrawalImpactSchema>;

export const dashboardResultSchema = z
  .strictObject({
    force: headlineFiguresSchema.describe(
      'The headline figures (target, required, offered, counting, matched on time and late, shortfalls), ' +
        'as the figures analysis gives them',
    ),
    stances: z
      .strictObject(
        Object.fromEntries(STANCES.map((s) => [s, z.number()])) as {
          [S in (typeof STANCES)[number]]: z.ZodNumber;
        },
      )
      .describe(
        'Nations by current stance as of the analysis date (nations without a stance are not counted)',
      ),
    nations: z.number().int().describe('Nations you may see'),
    funding: z
      .strictObject({
        eur: stageTotalsSchema.describe('Cumulative EUR by stage: committed ⊇ allocated ⊇ delivered'),
        atStage: stageTotalsSchema.describe('EUR whose furthest stage is exactly each one'),
        pledges: z.number(),
        unconvertiblePledges: z.number(),
      })
      .describe('Funding in EUR by stage'),
    risks: z
      .strictObject({
        linesEmptiedWithoutUs: z
          .array(requirementIdWire)
          .describe('Lines with units when the US backs the coalition and none without it'),
        personnelMatchedLostWithoutUs: personnelWire.describe('Matched personnel with the US minus without'),
        sustainable: z
          .strictObject({ months6: personnelWire, months12: personnelWire, indefinitely: personnelWire })
          .describe('Coalition personnel sustainable for 6 and 12 months under the rotation policies'),
        biggestWithdrawal: withdrawalImpactSchema
          .nullable()
          .describe(
            'The nation whose withdrawal costs the most weighted fill; null when no nation offers anything',
          ),
        probabilityTargetMet: z
          .number()
          .describe("Share of the resilience Monte Carlo's draws whose matched personnel reach the target"),
        probabilityTargetMetError: z
          .number()
          .describe("Its standard error: the Monte Carlo's own uncertainty"),
      })
      .describe('The headline risks'),
  })
  .describe('Headline figures of every analysis');

export type AnalysisDashboard = z.output<typeof dashboardResultSchema>;
export type DashboardResult = AnalysisDashboard;

export const dashboardAnalysis = {
  kind: 'dashboard',
  path: '',
  summary: 'Dashboard: the headline figures, stances, funding, headline risks',
  description:
    'The headline figures of every analysis with one set of parameters: the force against the target, ' +
    'nations by stance, funding in EUR by stage, lines emptied without the US, personnel sustainable ' +
    'for 6 and 12 months, the single nation whose withdrawal costs most, and the probability of ' +
    'meeting the target in the resilience Monte Carlo.',
  params: dashboardParamsSchema,
  parameters: dashboardParametersSchema,
  result: dashboardResultSchema,
  heavy: true,
} as const;
