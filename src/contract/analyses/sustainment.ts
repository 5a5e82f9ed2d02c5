// Sustainment: how much of the force each nation and the coalition can hold, and for how long,
// under each nation's rotation policy (default: the rule of thirds).
import { z } from 'zod';
import { DEFAULT_POLICY_KEYS, type SustainmentReport } from '../../domain/analysis/sustainment.ts';
import {
  isoDateWire,
  monthsWire,
  nationIdWire,
  personnelWire,
  requirementIdWire,
  type Assert,
  type Same,
} from '../wire.ts';
import { fillParametersShape, fillShape } from './fill.ts';

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

export const basisWire = z
  .enum(PERSONNEL_BASES)
  .describe("Each nation's personnel: what it offered, or what the fill matched");

export const sustainmentParametersShape = {
  ...fillParametersShape,
  defaultPolicy: z.enum(DEFAULT_POLICY_KEYS).describe('The rotation policy assumed for a nation without one'),
  basis: basisWire,
};
export const sustainmentParametersSchema = z.strictObject(sustainmentParametersShape);
export type SustainmentParameters = z.output<typeof sustainmentParametersSchema>;

// ---- The report ----

/** Where a figure comes from (the domain's Source, as the API sends it). */
export const sourceWire = z
  .strictObject({
    publication: z.string(),
    date: isoDateWire.optional(),
    url: z.string().optional(),
    note: z.string().optional(),
  })
  .describe('Where the figure comes from');

const enduranceWire = z
  .union([monthsWire, z.literal('indefinite')])
  .describe('Months a strength can be held, or indefinite');

const appliedPolicySchema = z
  .discriminatedUnion('basis', [
    z.strictObject({
      basis: z.literal('scenario'),
      tourMonths: monthsWire,
      dwellRatio: z.number(),
      source: sourceWire.optional(),
      assumption: z.string().optional(),
    }),
    z.strictObject({
      basis: z.literal('default'),
      default: z.enum(DEFAULT_POLICY_KEYS),
      tourMonths: monthsWire,
      dwellRatio: z.number(),
      reason: z.string().describe('Why the default applied'),
      source: sourceWire,
      assumption: z.string(),
    }),
  ])
  .describe("The policy used for the nation: the scenario's, or a default and why");

const horizonRowShape = { horizon: enduranceWire, personnel: personnelWire };

const nationSustainmentSchema = z.strictObject({
  nation: nationIdWire,
  policy: appliedPolicySchema,
  strength: personnelWire.describe('Personnel to keep deployed'),
  pool: personnelWire,
  poolBasis: z
    .enum(['strength', 'given'])
    .describe('`strength`: no pool was given, the strength is the pool'),
  poolNeeded: personnelWire.describe('strength × (1 + dwell), rounded up'),
  poolShortfall: personnelWire,
  sustainableStrength: personnelWire.describe('pool / (1 + dwell), rounded down, at most the strength'),
  monthsBeforeFirstRelief: monthsWire,
  contingents: z.number().describe('Contingents of full strength the pool fields'),
  reliefRotations: z.number(),
  monthsAtFullStrength: enduranceWire,
  sustainableFor: z
    .array(z.strictObject(horizonRowShape))
    .describe('Personnel held for each horizon, the last row indefinite'),
});

const coalitionSustainmentSchema = z
  .strictObject({
    strength: personnelWire,
    pool: personnelWire,
    poolNeeded: personnelWire,
    poolShortfall: personnelWire,
    sustainableStrength: personnelWire,
    sustainableFor: z
      .array(
        z.strictObject({
          ...horizonRowShape,
          label: z.string().describe('e.g. "12,400 personnel sustainable for 12 months"'),
        }),
      )
      .describe('Sum over nations per horizon (6, 12, 24, 36 months, indefinite)'),
    defaultPolicyNations: z.array(nationIdWire).describe('Nations whose figures rest on a default policy'),
  })
  .describe('Sums over nations');

const contributionSustainmentSchema = z.strictObject({
  nation: nationIdWire,
  personnel: personnelWire,
  policy: appliedPolicySchema,
  rotationsNeeded: z.number(),
  poolNeeded: personnelWire,
  poolAvailable: personnelWire,
  poolShortfall: personnelWire,
  monthsAtFullStrength: enduranceWire,
  sustainable: z.boolean(),
});

const lineSustainmentSchema = z.strictObject({
  lineId: requirementIdWire,
  durationMonths: monthsWire,
  verdict: z.enum(['sustainable', 'pool-short', 'no-contributors']),
  sustainable: z.boolean().describe('True when every contributor holds its share for the whole duration'),
  personnel: personnelWire,
  poolNeeded: personnelWire,
  poolAvailable: personnelWire,
  poolShortfall: personnelWire,
  monthsAtFullStrength: enduranceWire,
  contributions: z.array(contributionSustainmentSchema),
});

export const sustainmentResultSchema = z
  .strictObject({
    partial: z.boolean(),
    defaultPolicy: z
      .strictObject({
        key: z.enum(DEFAULT_POLICY_KEYS),
        name: z.string(),
        tourMonths: monthsWire,
        dwellRatio: z.number(),
        source: sourceWire,
        assumption: z.string(),
      })
      .describe('The rotation policy assumed for nations without one'),
    nations: z
      .array(nationSustainmentSchema)
      .describe('Per nation: policy, strength, pool, poolNeeded, sustainableStrength, sustainableFor'),
    coalition: coalitionSustainmentSchema,
    lines: z
      .array(lineSustainmentSchema)
      .describe('Per requirement line: whether its contributors hold it for its duration'),
  })
  .describe('Sustainment: how much of the force each nation and the coalition can hold, for how long');

export type SustainmentResult = SustainmentReport;
type _SustainmentResultCheck = Assert<Same<z.output<typeof sustainmentResultSchema>, SustainmentResult>>;

export const sustainmentAnalysis = {
  kind: 'sustainment',
  path: '/sustainment',
  summary: 'Sustainment by rotation policy: strength held for 6, 12, 24, 36 months and indefinitely',
  description:
    "Each nation's rotation policy (or the default) turns its personnel into the strength it can hold.",
  params: sustainmentParamsSchema,
  parameters: sustainmentParametersSchema,
  result: sustainmentResultSchema,
  heavy: false,
} as const;
