// Burden sharing: money (EUR by stage) and troops per nation, against GDP and population.
import { z } from 'zod';
import type { BurdenReport } from '../../domain/analysis/burden.ts';
import { fillShape, type FillParameters } from './fill.ts';
import { basisParam, type PersonnelBasis } from './sustainment.ts';

export const burdenParamsSchema = z.strictObject({ ...fillShape, basis: basisParam });

export interface BurdenParameters extends FillParameters {
  basis: PersonnelBasis;
}

export const burdenAnalysis = {
  kind: 'burden',
  path: '/burden',
  summary: 'Burden sharing: EUR by stage and personnel per nation, against GDP and population',
  description:
    'Pledges converted to EUR at the rate of their own date; stages are cumulative (Kiel tracker).',
  params: burdenParamsSchema,
  heavy: false,
} as const;

export type BurdenResult = BurdenReport;
