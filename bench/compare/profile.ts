// Where a scenario summary's time goes (bench/compare/run.ts prints it after the comparison): the
// parts of summariseScenario (src/app/scenario-summary.ts) timed one by one, in-process, in the
// order it runs them, with the same options, beside the whole summary and its JSON text. The parts
// are called as summariseScenario calls them, so when it changes this must follow; the "whole
// summary" row says whether the parts still add up to it.
import { burdenReport, fillOptions, fillPair, fillParameters, sustain } from '../../src/app/analyses.ts';
import { summariseScenario, type SummaryArgs } from '../../src/app/scenario-summary.ts';
import { RESILIENCE_DRAWS_DEFAULT, RESILIENCE_SEED_DEFAULT } from '../../src/contract/analyses/index.ts';
import { explainFigures } from '../../src/domain/analysis/headline-figures.ts';
import { DEFAULT_POLICY_KEY } from '../../src/domain/analysis/sustainment.ts';
import type { ExchangeRates } from '../../src/domain/exchange-rates.ts';
import type { ScenarioDocument } from '../../src/domain/scenario-schema.ts';
import { planScenario } from '../../src/planner/deploy/plan-report.ts';
import { forceFill } from '../../src/planner/force-fill.ts';
import { monteCarlo } from '../../src/planner/resilience.ts';
import { usDependency } from '../../src/planner/us-dependency.ts';

/** The parts, in summariseScenario's order; the last two are the whole job. */
export const PARTS = [
  'fill, on time and with late',
  'explained figures',
  'sustainment',
  'burden',
  'US dependency',
  'fills with / without US',
  'Monte Carlo',
  'deployment plan',
  'sum of the parts',
  'whole summary',
  'its JSON text',
] as const;
export type Part = (typeof PARTS)[number];

/** One scenario's parts, in ms. */
export function profileSummary(
  doc: ScenarioDocument,
  rates: ExchangeRates,
  p: SummaryArgs,
): Record<Part, number> {
  const out = {} as Record<Part, number>;
  const time = <T>(part: Part, work: () => T): T => {
    const start = performance.now();
    const result = work();
    out[part] = performance.now() - start;
    return result;
  };
  const options = fillOptions(p);
  const { fills, countsLate } = time('fill, on time and with late', () => fillPair(doc, options));
  const counted = countsLate ? fills.withLate : fills.onTime;
  const parameters = {
    ...fillParameters(counted),
    defaultPolicy: p.defaultPolicy ?? DEFAULT_POLICY_KEY,
    basis: p.basis ?? 'offered',
  };
  time('explained figures', () => explainFigures(doc, fills, countsLate));
  time('sustainment', () => sustain(doc, counted, parameters, false));
  time('burden', () => burdenReport(doc, rates, counted, parameters.basis, false));
  const { usBackstop: _u, ...dependencyOptions } = options;
  const dependency = time('US dependency', () => usDependency(doc, dependencyOptions));
  time('fills with / without US', () => {
    forceFill(doc, { ...dependencyOptions, usBackstop: true });
    forceFill(doc, {
      ...dependencyOptions,
      usBackstop: false,
      excludeNations: [...(options.excludeNations ?? []), ...dependency.absentNations],
    });
  });
  time('Monte Carlo', () =>
    monteCarlo(doc, {
      ...options,
      draws: p.draws ?? RESILIENCE_DRAWS_DEFAULT,
      seed: p.seed ?? RESILIENCE_SEED_DEFAULT,
    }),
  );
  time('deployment plan', () => planScenario(doc, {}));
  out['sum of the parts'] = PARTS.slice(0, PARTS.indexOf('sum of the parts')).reduce((s, k) => s + out[k], 0);
  const whole = time('whole summary', () => summariseScenario({ doc, rates, partial: false }, p));
  time('its JSON text', () => JSON.stringify(whole));
  return out;
}
