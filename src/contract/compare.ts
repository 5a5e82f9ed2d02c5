// Courses of action compared (GET /api/scenarios/:id/compare?variants=…): the baseline and up to
// COMPARE_VARIANTS_MAX variants side by side, every compared figure with its delta and drivers, the
// closure curves and Monte Carlo distributions for overlaying, the input diff of each variant and
// the COA decision matrix. Also the decision record (POST …/decisions) tied to a content hash of
// each compared scenario's inputs. The domain computes these shapes (src/domain/comparison); the
// schemas here are the wire contract and the OpenAPI description.
import { z } from 'zod';
import { fillParametersShape, fillShape } from './analyses/fill.ts';
import { monteCarloParametersShape, monteCarloShape } from './analyses/resilience.ts';
import { sustainmentParametersShape, sustainmentShape } from './analyses/sustainment.ts';
import { partialSchema } from './analyses/envelope.ts';
import {
  COA_CRITERIA_MAX,
  COA_WEIGHT_MAX,
  coaCriteriaSchema,
  type CoaCriterion,
} from '../domain/comparison/coa.ts';
import {
  COMPARED_FIGURE_KEYS,
  DRIVER_DIMENSIONS,
  FIGURE_GROUPS,
  FIGURE_UNITS,
} from '../domain/comparison/figures.ts';
import { scenarioIdSchema } from '../domain/ids.ts';

export const COMPARE_VARIANTS_MAX = 6;

// ---- The query ----

const CRITERION_FORMAT = 'figure:weight or figure:weight:benchmark, comma-separated';

/**
 * The COA criteria as text (`matchedOnTime:3:100000,probabilityTargetMet:3:0.5,closureDay90:2`), so
 * a comparison with its matrix is one URL a planner can send. Parsed into the criteria schema, so a
 * bad weight is reported at `criteria[1].weight`.
 */
export const criteriaParam = z
  .union([z.string(), z.array(coaCriteriaSchema.element)], {
    error: `must be ${CRITERION_FORMAT}`,
  })
  .transform((v, ctx) => {
    if (Array.isArray(v)) return v;
    const items = v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
    return items.map((item, i) => {
      const [figure, weight, benchmark, ...extra] = item.split(':');
      if (extra.length > 0 || weight === undefined || weight === '')
        ctx.addIssue({ code: 'custom', path: [i], message: `"${item}" is not ${CRITERION_FORMAT}` });
      return {
        figure,
        weight: weight === undefined || weight === '' ? Number.NaN : Number(weight),
        benchmark: benchmark === undefined || benchmark === '' ? null : Number(benchmark),
      };
    });
  })
  .pipe(coaCriteriaSchema);

export const compareParamsSchema = z.strictObject({
  variants: z
    .union([z.string(), z.array(z.string())], { error: 'must be a comma-separated list of scenario ids' })
    .transform((v) =>
      (Array.isArray(v) ? v : [v])
        .flatMap((s) => s.split(','))
        .map((s) => s.trim())
        .filter((s) => s !== ''),
    )
    .pipe(
      z
        .array(scenarioIdSchema)
        .min(1, { error: 'must name at least one variant to compare with the baseline' })
        .max(COMPARE_VARIANTS_MAX, { error: `may name at most ${COMPARE_VARIANTS_MAX} variants` }),
    )
    .describe(
      `The scenarios to compare with the baseline: ids, comma-separated (1 to ${COMPARE_VARIANTS_MAX})`,
    ),
  criteria: criteriaParam
    .optional()
    .describe(
      `COA criteria, ${CRITERION_FORMAT} (at most ${COA_CRITERIA_MAX}, weights 0 to ${COA_WEIGHT_MAX}); ` +
        'default: the standard criteria with benchmarks read off the baseline',
    ),
  ...fillShape,
  ...sustainmentShape,
  ...monteCarloShape,
});
export type CompareQuery = z.input<typeof compareParamsSchema>;
export type CompareArgs = z.output<typeof compareParamsSchema>;

export const compareParametersSchema = z.strictObject({
  ...fillParametersShape,
  ...sustainmentParametersShape,
  ...monteCarloParametersShape,
});
export type CompareParameters = z.output<typeof compareParametersSchema>;

// ---- The result ----

const nullableNumber = z.number().nullable();

const driverSchema = z.strictObject({
  dimension: z.enum(DRIVER_DIMENSIONS),
  id: z.string().describe('The line, nation, offer, pledge or ULN'),
  label: z.string(),
  baseline: nullableNumber.describe("The record's number in the baseline; null when it is not there"),
  variant: nullableNumber,
  delta: z.number().describe("variant − baseline, a missing side counted as 0, times the figure's sign"),
});

const driverGroupSchema = z.strictObject({
  dimension: z.enum(DRIVER_DIMENSIONS),
  additive: z.boolean().describe("The figure is this breakdown's sum: entries and rest add up to the delta"),
  entries: z.array(driverSchema).describe('Biggest change first'),
  notShown: z.number().int().describe('Records that moved but are not listed'),
  rest: nullableNumber.describe('Additive breakdowns: the delta the listed entries do not account for'),
});

export const figureComparisonSchema = z.strictObject({
  key: z.enum(COMPARED_FIGURE_KEYS),
  label: z.string(),
  group: z.enum(FIGURE_GROUPS),
  unit: z.enum(FIGURE_UNITS),
  better: z.enum(['higher', 'lower']).nullable(),
  definition: z.string(),
  values: z
    .array(nullableNumber)
    .describe('Per scenario, the baseline first; null: no value (never reached)'),
  deltas: z.array(nullableNumber).describe("Per scenario, value − baseline's; null for the baseline"),
  verdicts: z.array(z.enum(['better', 'worse', 'same']).nullable()),
  drivers: z.array(z.array(driverGroupSchema)).describe('Per scenario, the drivers of its delta'),
});

const fieldChangeSchema = z.strictObject({
  path: z.string(),
  before: z.unknown().optional(),
  after: z.unknown().optional(),
});
const kindDiffSchema = z.strictObject({
  added: z.array(z.strictObject({ key: z.string(), record: z.unknown() })),
  removed: z.array(z.strictObject({ key: z.string(), record: z.unknown() })),
  changed: z.array(z.strictObject({ key: z.string(), changes: z.array(fieldChangeSchema) })),
});
export const inputDiffSchema = z
  .strictObject({
    header: z.array(fieldChangeSchema),
    records: z.record(z.string(), kindDiffSchema),
    summary: z.strictObject({
      counts: z.record(
        z.string(),
        z.strictObject({ added: z.number(), removed: z.number(), changed: z.number() }),
      ),
      identical: z.boolean(),
    }),
  })
  .describe('What the variant changes against the baseline, matched by record key');

const coaCriterionWire = z.strictObject({
  figure: z.enum(COMPARED_FIGURE_KEYS),
  weight: z.number(),
  benchmark: nullableNumber,
});

export const coaMatrixSchema = z
  .strictObject({
    rows: z.array(
      z.strictObject({
        figure: z.enum(COMPARED_FIGURE_KEYS),
        label: z.string(),
        unit: z.enum(FIGURE_UNITS),
        better: z.enum(['higher', 'lower']),
        weight: z.number(),
        benchmark: nullableNumber,
        values: z.array(nullableNumber),
        ranks: z.array(z.number()).describe('1 is best; equal values share a rank'),
        weighted: z.array(z.number()).describe('weight × rank'),
        meetsBenchmark: z.array(z.boolean().nullable()),
      }),
    ),
    totals: z.array(z.number()).describe('Σ weight × rank per course of action: the lowest is preferred'),
    places: z.array(z.number()).describe('1 is preferred'),
    failsBenchmark: z.array(z.array(z.enum(COMPARED_FIGURE_KEYS))),
  })
  .describe('The COA decision matrix');

export const comparedScenarioSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  variantOf: z
    .strictObject({ parent: z.string(), parentVersion: z.number(), whatIfs: z.array(z.string()) })
    .nullable()
    .describe('The parent it was branched from, and the titles of its what-ifs'),
  inputsHash: z
    .string()
    .describe("SHA-256 of the scenario's inputs as you are shown them (a decision record keeps it)"),
  notes: z.array(z.string()).describe("What a reader of this scenario's figures must know"),
});

export const compareResultSchema = z.strictObject({
  scenarios: z.array(comparedScenarioSchema).describe('The baseline first, then each variant as asked'),
  figures: z.array(figureComparisonSchema),
  charts: z.strictObject({
    closureCurves: z
      .array(z.array(z.number()))
      .describe('Per scenario: personnel at their destinations by the end of each day'),
    monteCarlo: z
      .array(
        z.strictObject({
          draws: z.number(),
          binWidth: z.number(),
          bins: z.array(
            z.strictObject({ from: z.number(), to: z.number(), count: z.number(), share: z.number() }),
          ),
        }),
      )
      .describe('Per scenario: the distribution of personnel matched over the draws'),
  }),
  inputs: z
    .array(inputDiffSchema.nullable())
    .describe('Per scenario, its diff against the baseline (null for it)'),
  criteria: z.array(coaCriterionWire).describe('The COA criteria used'),
  coa: coaMatrixSchema,
});
export type CompareResult = z.output<typeof compareResultSchema>;

export const compareEnvelopeSchema = z.strictObject({
  baseline: z.string(),
  partial: partialSchema,
  parameters: compareParametersSchema,
  result: compareResultSchema,
});
export type CompareEnvelope = z.output<typeof compareEnvelopeSchema>;

// ---- Decision records ----

export const decisionRequestSchema = z.strictObject({
  variants: compareParamsSchema.shape.variants,
  criteria: criteriaParam.optional(),
  chosen: scenarioIdSchema.describe('The course of action chosen: the baseline or one of the variants'),
  rationale: z
    .string({ error: 'must be text' })
    .trim()
    .min(1, { error: 'must say why this course of action was chosen' })
    .max(4000, { error: 'must be at most 4000 characters' }),
  parameters: compareParamsSchema.omit({ variants: true, criteria: true }).optional(),
});
export type DecisionRequest = z.input<typeof decisionRequestSchema>;

const inputChangeSchema = z.strictObject({
  kind: z.string().describe('A record kind (offers, nations…) or `header`'),
  key: z.string().describe('The record key, or the header field'),
  change: z.enum(['added', 'removed', 'changed']),
});

export const decisionSchema = z.strictObject({
  id: z.string(),
  baseline: z.string(),
  chosen: z.string(),
  rationale: z.string(),
  decidedBy: z.string().describe('The user who recorded it'),
  decidedAt: z.string().describe('ISO timestamp'),
  scenarios: z.array(
    z.strictObject({ id: z.string(), name: z.string(), inputsHash: z.string(), version: z.number() }),
  ),
  parameters: compareParametersSchema,
  criteria: z.array(coaCriterionWire),
  figures: z
    .array(z.strictObject({ key: z.enum(COMPARED_FIGURE_KEYS), values: z.array(nullableNumber) }))
    .describe('Every compared figure as it stood when the decision was taken'),
  coa: coaMatrixSchema,
});
export type DecisionRecord = z.output<typeof decisionSchema>;

export const decisionCheckSchema = z.strictObject({
  decision: decisionSchema,
  status: z
    .enum(['unchanged', 'changed'])
    .describe('unchanged: every compared scenario has the inputs it had; the figures are recomputed'),
  scenarios: z.array(
    z.strictObject({
      id: z.string(),
      status: z.enum(['unchanged', 'changed', 'missing']),
      changes: z.array(inputChangeSchema).describe('The inputs changed since the decision'),
    }),
  ),
  recomputed: z
    .strictObject({
      sameFigures: z.boolean().describe('Every figure recomputed equals the recorded one'),
      differences: z.array(
        z.strictObject({
          key: z.enum(COMPARED_FIGURE_KEYS),
          recorded: z.array(nullableNumber),
          now: z.array(nullableNumber),
        }),
      ),
    })
    .nullable()
    .describe('When nothing changed: the figures computed again and checked against the record'),
});
export type DecisionCheck = z.output<typeof decisionCheckSchema>;

export type { CoaCriterion };
