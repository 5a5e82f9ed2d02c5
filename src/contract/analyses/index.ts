// The registry of analyses: one entry per analysis, from which the HTTP routes (path, OpenAPI
// parameters and response), the CLI's `analyse` and the web client's types are all derived. Each
// entry names its query (`params`, what a client may send), the parameters it echoes back with the
// defaults filled in (`parameters`) and its result (`result`). Adding an analysis is one contract
// module here, one compute function in src/app/analyses.ts and one page.
import type { z } from 'zod';
import type { Assert, Same } from '../wire.ts';
import { burdenAnalysis } from './burden.ts';
import { costAnalysis } from './cost.ts';
import { dashboardAnalysis } from './dashboard.ts';
import { dependencyAnalysis } from './dependency.ts';
import { analysisEnvelopeSchema, type AnalysisEnvelope } from './envelope.ts';
import { figuresAnalysis } from './figures.ts';
import { fillAnalysis } from './fill.ts';
import { resilienceAnalysis } from './resilience.ts';
import { riskAnalysis } from './risk.ts';
import { sustainmentAnalysis } from './sustainment.ts';

export const ANALYSES = {
  dashboard: dashboardAnalysis,
  figures: figuresAnalysis,
  fill: fillAnalysis,
  sustainment: sustainmentAnalysis,
  dependency: dependencyAnalysis,
  resilience: resilienceAnalysis,
  burden: burdenAnalysis,
  cost: costAnalysis,
  risk: riskAnalysis,
} as const;

/** Every analysis, the dashboard first. */
export type AnalysisKind = keyof typeof ANALYSES;
export const ANALYSIS_KINDS = Object.keys(ANALYSES) as AnalysisKind[];

/** The parameters each analysis echoes back, defaults filled in. */
export type AnalysisParameters = { [K in AnalysisKind]: z.output<(typeof ANALYSES)[K]['parameters']> };

/** What each analysis computes. */
export type AnalysisResults = { [K in AnalysisKind]: z.output<(typeof ANALYSES)[K]['result']> };

/** The query each analysis accepts, as a client writes it (the API refuses any other with a 400). */
export type AnalysisQuery<K extends AnalysisKind> = z.input<(typeof ANALYSES)[K]['params']>;
/** The query after parsing: defaults not yet filled in. */
export type AnalysisArgs<K extends AnalysisKind> = z.output<(typeof ANALYSES)[K]['params']>;
export type AnalysisQueries = { [K in AnalysisKind]: AnalysisQuery<K> };

/** What the API answers to an analysis of kind K. */
export type AnalysisAnswer<K extends AnalysisKind> = AnalysisEnvelope<
  AnalysisParameters[K],
  AnalysisResults[K]
>;

/** The schema of the whole answer of kind K: the envelope around its parameters and result. */
export function analysisAnswerSchema<K extends AnalysisKind>(kind: K): z.ZodType<AnalysisAnswer<K>> {
  const entry = ANALYSES[kind] as (typeof ANALYSES)[AnalysisKind];
  return analysisEnvelopeSchema(entry.parameters, entry.result) as unknown as z.ZodType<AnalysisAnswer<K>>;
}

// The cast above is safe when the envelope assembles parameters and result as AnalysisAnswer says:
type _AnswerCheck = Assert<
  Same<
    z.output<
      ReturnType<
        typeof analysisEnvelopeSchema<
          (typeof resilienceAnalysis)['parameters'],
          (typeof resilienceAnalysis)['result']
        >
      >
    >,
    AnalysisAnswer<'resilience'>
  >
>;

export { analysisEnvelopeSchema, partialSchema, type AnalysisEnvelope } from './envelope.ts';
export * from './burden.ts';
export * from './cost.ts';
export * from './dashboard.ts';
export * from './dependency.ts';
export * from './figures.ts';
export * from './fill.ts';
export * from './resilience.ts';
export * from './risk.ts';
export * from './sustainment.ts';
