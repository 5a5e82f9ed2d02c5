// The registry of analyses: one entry per analysis, from which the HTTP routes (path, OpenAPI
// parameters), the CLI's `analyse` and the web client's types are all derived. Adding an analysis
// is one contract module here, one compute function in src/app/analyses.ts and one page.
import type { z } from 'zod';
import { burdenAnalysis, type BurdenParameters, type BurdenResult } from './burden.ts';
import { dashboardAnalysis, type DashboardParameters, type DashboardResult } from './dashboard.ts';
import { dependencyAnalysis, type DependencyParameters, type DependencyResult } from './dependency.ts';
import type { AnalysisEnvelope } from './envelope.ts';
import { fillAnalysis, type FillParameters, type FillResult } from './fill.ts';
import { resilienceAnalysis, type ResilienceParameters, type ResilienceResult } from './resilience.ts';
import { sustainmentAnalysis, type SustainmentParameters, type SustainmentResult } from './sustainment.ts';

export const ANALYSES = {
  dashboard: dashboardAnalysis,
  fill: fillAnalysis,
  sustainment: sustainmentAnalysis,
  dependency: dependencyAnalysis,
  resilience: resilienceAnalysis,
  burden: burdenAnalysis,
} as const;

/** Every analysis, the dashboard first. */
export type AnalysisKind = keyof typeof ANALYSES;
export const ANALYSIS_KINDS = Object.keys(ANALYSES) as AnalysisKind[];

/** The parameters each analysis echoes back, defaults filled in. */
export interface AnalysisParameters {
  dashboard: DashboardParameters;
  fill: FillParameters;
  sustainment: SustainmentParameters;
  dependency: DependencyParameters;
  resilience: ResilienceParameters;
  burden: BurdenParameters;
}

/** What each analysis computes. */
export interface AnalysisResults {
  dashboard: DashboardResult;
  fill: FillResult;
  sustainment: SustainmentResult;
  dependency: DependencyResult;
  resilience: ResilienceResult;
  burden: BurdenResult;
}

/** The query each analysis accepts, as a client writes it (the API refuses any other with a 400). */
export type AnalysisQuery<K extends AnalysisKind> = z.input<(typeof ANALYSES)[K]['params']>;
/** The query after parsing: defaults not yet filled in. */
export type AnalysisArgs<K extends AnalysisKind> = z.output<(typeof ANALYSES)[K]['params']>;
export type AnalysisQueries = { [K in AnalysisKind]: AnalysisQuery<K> };

export type AnalysisAnswer<K extends AnalysisKind> = AnalysisEnvelope<
  AnalysisParameters[K],
  AnalysisResults[K]
>;

export type { AnalysisEnvelope } from './envelope.ts';
export * from './burden.ts';
export * from './dashboard.ts';
export * from './dependency.ts';
export * from './fill.ts';
export * from './resilience.ts';
export * from './sustainment.ts';
