// US dependency: what the coalition lacks if the US stays out.
import { z } from 'zod';
import type { UsDependencyReport } from '../../domain/analysis/us-dependency-report.ts';
import { fillShape, type FillParameters } from './fill.ts';

const { usBackstop: _usBackstop, ...dependencyShape } = fillShape;
export const dependencyParamsSchema = z.strictObject(dependencyShape);

export type DependencyParameters = Omit<FillParameters, 'usBackstop'>;

export const dependencyAnalysis = {
  kind: 'dependency',
  path: '/dependency',
  summary: 'US dependency: what the force lacks without a US backstop and without absent nations',
  description:
    'Compares the fill with a US backstop against the fill without it and without nations whose stance is absent.',
  params: dependencyParamsSchema,
  heavy: false,
} as const;

export type DependencyResult = UsDependencyReport;
