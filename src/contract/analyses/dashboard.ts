// The dashboard: the headline figures of every analysis with one set of parameters. Its result is
// the contract's own shape (not a domain report), so its types are read off the schema.
import { z } from 'zod';
import { RISK_LEVELS } from '../../domain/risk-register.ts';
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
        exposure: z
          .strictObject({
            within50km: z
              .number()
              .nullable()
              .describe(
                'Personnel of the plan within 50 km of the line of contact; null without a line or plan',
              ),
            ulnsBreachingLimits: z
              .number()
              .int()
              .nullable()
              .describe(
                "ULNs standing nearer the line than their offer's caveat or nation's red line allows",
              ),
          })
          .describe('Exposure to the line of contact, as the risk analysis counts it'),
        escalation: z
          .strictObject({
            topRung: z.string().nullable().describe("The ladder's top rung; null without a ladder"),
            matchedAtTopRung: z
              .number()
              .nullable()
              .describe('Personnel matched on time there, every red line in effect, every nation delivering'),
            sector: z.string().nullable().describe('The sector nearest the line'),
            respond48h: z
              .number()
              .nullable()
              .describe('Personnel able to reach that sector within 48 h at the top rung'),
          })
          .describe('The escalation ladder at its top rung, as the risk analysis has it'),
        register: z
          .strictObject({
            open: z.number().int(),
            reviewsOverdue: z.number().int(),
            openByResidualLevel: z.array(z.number().int()).describe(`In the order ${RISK_LEVELS.join(', ')}`),
            top: z
              .array(
                z.strictObject({
                  id: z.string(),
                  title: z.string(),
                  level: z.enum(RISK_LEVELS),
                  residualLevel: z.enum(RISK_LEVELS),
                  owner: z.string(),
                  reviewDate: z.string(),
                  reviewOverdue: z.boolean(),
                }),
              )
              .describe('The open entries of highest residual level, at most three'),
          })
          .describe('The risk register the viewer may see'),
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
    'for 6 and 12 months, the single nation whose withdrawal costs most, the probability of ' +
    'meeting the target in the resilience Monte Carlo, and the risk analysis’s headline: personnel ' +
    'within 50 km of the line, the force and who can respond in 48 h at the top rung of escalation, ' +
    'and the risk register’s top open entries.',
  params: dashboardParamsSchema,
  parameters: dashboardParametersSchema,
  result: dashboardResultSchema,
  heavy: true,
} as const;
