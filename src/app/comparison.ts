// The comparison of courses of action assembled from one summary per scenario (scenario-summary.ts):
// figures with deltas and drivers, the input diff of each variant, the overlaid charts, the content
// hash of each scenario's inputs and the COA matrix. Pure; runs as a job on the analysis runner.
import type { CompareEnvelope, CompareParameters, CompareResult } from '../contract/compare.ts';
import { coaMatrix, defaultCoaCriteria, type CoaCriterion } from '../domain/comparison/coa.ts';
import { compareSummaries, type ScenarioSummary } from '../domain/comparison/compare.ts';
import { diffScenarios } from '../domain/scenario-diff.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { inputFingerprint } from './input-fingerprint.ts';

export interface SummaryOutput {
  summary: ScenarioSummary;
  parameters: CompareParameters;
}

export function assembleComparison(
  docs: readonly ScenarioDocument[],
  summaries: readonly SummaryOutput[],
  criteria: readonly CoaCriterion[] | undefined,
  partial: boolean,
): CompareEnvelope {
  const figures = compareSummaries(summaries.map((s) => s.summary));
  const baselineValue = (key: string) => figures.find((f) => f.key === key)?.values[0] ?? null;
  const used = criteria ? [...criteria] : defaultCoaCriteria(baselineValue);
  const result: CompareResult = {
    scenarios: docs.map((doc, i) => ({
      id: doc.id,
      name: doc.name,
      variantOf: doc.variantOf
        ? {
            parent: doc.variantOf.parent,
            parentVersion: doc.variantOf.parentVersion,
            whatIfs: doc.variantOf.whatIfs.map((w) => w.title),
          }
        : null,
      inputsHash: inputFingerprint(doc).hash,
      notes: summaries[i]?.summary.notes ?? [],
    })),
    figures,
    charts: {
      closureCurves: summaries.map((s) => s.summary.closureCurve),
      monteCarlo: summaries.map((s) => s.summary.monteCarlo),
    },
    inputs: docs.map((doc, i) => (i === 0 ? null : diffScenarios(docs[0]!, doc))),
    criteria: used,
    coa: coaMatrix(figures, used),
  };
  return { baseline: docs[0]!.id, partial, parameters: summaries[0]!.parameters, result };
}
