// Resilience: what each nation's withdrawal breaks, and a seeded Monte Carlo of who delivers.
import { z } from 'zod';
import type { ResilienceReport } from '../../domain/analysis/resilience-report.ts';
import { intParam } from '../params.ts';
import { fillShape, type FillParameters } from './fill.ts';

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

export interface MonteCarloParameters {
  draws: number;
  seed: number;
}

export interface ResilienceParameters extends FillParameters, MonteCarloParameters {
  /** Only offers ready by this C-day count in the Monte Carlo; null when all count. */
  readyByCDay: number | null;
}

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
  heavy: true,
} as const;

export type ResilienceResult = ResilienceReport;
