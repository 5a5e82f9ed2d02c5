// The headline figures of a force (target, required, offered, counting, matched on time, matched
// late, and the two shortfalls), each defined once in src/domain/analysis/headline-figures.ts. The
// Overview and the Dashboard show these same values; `explain=true` adds the records behind each
// figure, with what each adds and its source or assumption.
import { z } from 'zod';
import {
  HEADLINE_FIGURES,
  HEADLINE_FIGURE_KEYS,
  type FiguresReport,
  type HeadlineFigureKey,
} from '../../domain/analysis/headline-figures.ts';
import { sourceSchema } from '../../domain/schema-parts.ts';
import { booleanParam } from '../params.ts';
import { personnelWire, type Assert, type Same } from '../wire.ts';
import { fillParametersShape, fillShape, lineCountsSchema } from './fill.ts';

export const figuresParamsSchema = z.strictObject({
  ...fillShape,
  explain: booleanParam
    .optional()
    .describe('Add the records behind each figure, with their sources or assumptions (default false)'),
});

export const figuresParametersSchema = z.strictObject({
  ...fillParametersShape,
  explain: z.boolean().describe('Whether the records behind each figure were asked for'),
});

const perFigure = <T extends z.ZodType>(schema: (key: HeadlineFigureKey) => T) =>
  z.strictObject(
    Object.fromEntries(HEADLINE_FIGURE_KEYS.map((k) => [k, schema(k)])) as {
      [K in HeadlineFigureKey]: T;
    },
  );

const describeFigure = (k: HeadlineFigureKey) =>
  `${HEADLINE_FIGURES[k].label}: ${HEADLINE_FIGURES[k].definition}`;

export const figureValuesSchema = perFigure((k) => personnelWire.describe(describeFigure(k))).describe(
  'Each headline figure in personnel, defined once for the UI, the CLI and the API',
);

const figureRecordSchema = z.strictObject({
  kind: z.enum(['mission', 'requirements', 'offers']).describe('The kind of record'),
  key: z.string().describe('Its key: a requirement or offer id; `forceTarget` for the mission target'),
  label: z.string().describe('A name for people'),
  personnel: z.number().describe('What it adds to the figure (negative where it is taken away)'),
  source: sourceSchema.optional().describe('Where its number comes from'),
  assumption: z.string().optional().describe('Or the assumption it rests on'),
});

export const headlineFiguresShape = {
  countsLate: z.boolean().describe('Whether the shortfalls count late matches'),
  values: figureValuesSchema,
  range: z
    .strictObject({ min: z.number(), max: z.number() })
    .optional()
    .describe('Where estimates of the target disagree, the range they span'),
  lineCounts: lineCountsSchema,
};

export const headlineFiguresSchema = z
  .strictObject(headlineFiguresShape)
  .describe('The headline figures, each defined once');

export const figuresResultSchema = z
  .strictObject({
    ...headlineFiguresShape,
    explanation: perFigure((k) =>
      z.array(figureRecordSchema).describe(`The records that make "${HEADLINE_FIGURES[k].label}"`),
    )
      .optional()
      .describe('With explain=true: per figure, the records that add up to it, in scenario order'),
  })
  .describe('The headline figures of the force and, on request, the records behind each');

type _FiguresCheck = Assert<Same<z.output<typeof figuresResultSchema>, FiguresReport>>;

export const figuresAnalysis = {
  kind: 'figures',
  path: '/figures',
  summary: 'Headline figures: target, required, offered, counting, matched on time and late, shortfalls',
  description:
    'The headline figures of the force, each with one definition shared by the Overview, the ' +
    'Dashboard, the CLI and the API. Only what is ready by the RDD counts as matched on time; what ' +
    'late offers would add is its own figure. With explain=true, the records behind each figure ' +
    '(force target, requirement lines, offers), what each adds and its source or assumption.',
  params: figuresParamsSchema,
  parameters: figuresParametersSchema,
  result: figuresResultSchema,
  heavy: false,
} as const;
