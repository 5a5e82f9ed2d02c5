// The fill options an analysis's query gives, and the fill parameters it echoes, read back from the
// fill engine's report: shared by every analysis (src/app/analyses.ts, src/app/risk.ts).
import type { AnalysisArgs, FillParameters } from '../contract/analyses/index.ts';
import type { ForceFillReport } from '../domain/analysis/force-fill-report.ts';
import type { ForceFillOptions } from '../planner/force-fill.ts';

type RawFill = AnalysisArgs<'fill'>;

export function fillOptions(p: Partial<RawFill>): ForceFillOptions {
  return {
    ...(p.usBackstop !== undefined && { usBackstop: p.usBackstop }),
    ...(p.allowLate !== undefined && { allowLate: p.allowLate }),
    ...(p.minStatus !== undefined && { minStatus: p.minStatus }),
    ...(p.asOf !== undefined && { asOf: p.asOf }),
    ...(p.activationCDay !== undefined && { activationCDay: p.activationCDay }),
    ...(p.excludeNations !== undefined && { excludeNations: p.excludeNations }),
  };
}

/** The defaults as the fill engine resolved them, read back from its report rather than restated. */
export function fillParameters(report: Pick<ForceFillReport, 'assumptions'>): FillParameters {
  const a = report.assumptions;
  return {
    usBackstop: a.usBackstop,
    allowLate: a.allowLate,
    minStatus: a.minStatus,
    asOf: a.asOf,
    activationCDay: a.activationCDay,
    excludeNations: a.excludedNations,
  };
}
