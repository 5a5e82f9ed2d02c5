// US dependency: what the coalition lacks if the US stays out.
import { z } from 'zod';
import type { UsDependencyReport } from '../../domain/analysis/us-dependency-report.ts';
import {
  capabilityCodeWire,
  isoDateWire,
  nationIdWire,
  offerIdWire,
  personnelWire,
  requirementIdWire,
  type Assert,
  type Same,
} from '../wire.ts';
import { fillParametersShape, fillShape, forceFillTotalsSchema } from './fill.ts';

const { usBackstop: _usBackstop, ...dependencyShape } = fillShape;
export const dependencyParamsSchema = z.strictObject(dependencyShape);

const { usBackstop: _used, ...dependencyParametersShape } = fillParametersShape;
export const dependencyParametersSchema = z.strictObject(dependencyParametersShape);
export type DependencyParameters = z.output<typeof dependencyParametersSchema>;

const lineDependencySchema = z.strictObject({
  line: requirementIdWire,
  capability: capabilityCodeWire,
  sector: z.string(),
  task: z.string(),
  priority: z.number(),
  requiredQuantity: z.number(),
  filledWithUs: z.number(),
  filledWithoutUs: z.number(),
  lostQuantity: z.number().describe('Units the line has with the US and not without it'),
  lostPersonnel: personnelWire.describe("The lost units at the line's planning size"),
  onlyBackstopOffers: z
    .boolean()
    .describe('With the US, the line is filled only by offers that require a US backstop'),
  onlyAbsentNations: z.boolean().describe('With the US, the line is filled only by absent nations'),
  backstopOffers: z.array(offerIdWire).describe('Offers requiring a US backstop that fill the line'),
  absentNations: z.array(nationIdWire).describe('Absent nations that fill the line with the US'),
});

export const dependencyResultSchema = z
  .strictObject({
    asOf: isoDateWire.describe('The date stances are read at'),
    absentNations: z.array(nationIdWire).describe('Nations whose current stance is absent'),
    withUs: forceFillTotalsSchema.describe("Fill assuming a US backstop, with every nation's offers"),
    withoutUs: forceFillTotalsSchema.describe(
      "Fill without a backstop and without the absent nations' offers",
    ),
    lines: z
      .array(lineDependencySchema)
      .describe('Lines that lose units without the US, or rest on a backstop offer or an absent nation'),
    lacks: z
      .strictObject({
        lines: z.array(requirementIdWire).describe('Lines that lose units'),
        linesEmptied: z
          .array(requirementIdWire)
          .describe('Lines that have units with the US and none without'),
        quantity: z.number(),
        personnel: personnelWire.describe("Lost units at the lines' planning sizes"),
        personnelMatched: personnelWire.describe('Matched personnel with the US minus without'),
        weightedFill: z.number(),
        byCapability: z.array(
          z.strictObject({ capability: capabilityCodeWire, quantity: z.number(), personnel: personnelWire }),
        ),
      })
      .describe('What the coalition lacks if the US stays out'),
  })
  .describe('US dependency: what the coalition lacks if the US stays out');

export type DependencyResult = UsDependencyReport;
type _DependencyResultCheck = Assert<Same<z.output<typeof dependencyResultSchema>, DependencyResult>>;

export const dependencyAnalysis = {
  kind: 'dependency',
  path: '/dependency',
  summary: 'US dependency: what the force lacks without a US backstop and without absent nations',
  description:
    'Compares the fill with a US backstop against the fill without it and without nations whose stance is absent.',
  params: dependencyParamsSchema,
  parameters: dependencyParametersSchema,
  result: dependencyResultSchema,
  heavy: false,
} as const;
