// Sustainment: how much of the force each nation and the coalition can hold, and for how long,
// under each nation's rotation policy (default: the rule of thirds).
import { z } from 'zod';
import {
  DEFAULT_POLICY_KEYS,
  type DefaultPolicyKey,
  type SustainmentReport,
} from '../../domain/analysis/sustainment.ts';
import { fillShape, type FillParameters } from './fill.ts';

export const PERSONNEL_BASES = ['offered', 'matched'] as const;
export type PersonnelBasis = (typeof PERSONNEL_BASES)[number];

export const basisParam = z
  .enum(PERSONNEL_BASES, { error: `must be one of ${PERSONNEL_BASES.join(', ')}` })
  .optional()
  .describe("Each nation's personnel: what it offered (default) or what the fill matched");

export const sustainmentShape = {
  defaultPolicy: z
    .enum(DEFAULT_POLICY_KEYS, { error: `must be one of ${DEFAULT_POLICY_KEYS.join(', ')}` })
    .optional()
    .describe('Rotation policy assumed for a nation without one (default rule-of-thirds)'),
  basis: basisParam,
};

export const sustainmentParamsSchema = z.strictObject({ ...fillShape, ...sustainmentShape });

export interface SustainmentParameters extends FillParameters {
  defaultPolicy: DefaultPolicyKey;
  basis: PersonnelBasis;
}

export const sustainmentAnalysis = {
  kind: 'sustainment',
  path: '/sustainment',
  summary: 'Sustainment by rotation policy: strength held for 6, 12, 24, 36 months and indefinitely',
  description:
    "Each nation's rotation policy (or the default) turns its personnel into the strength it can hold.",
  params: sustainmentParamsSchema,
  heavy: false,
} as const;

export type SustainmentResult = SustainmentReport;
