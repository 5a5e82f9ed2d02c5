// The COA decision matrix (the staff's evaluation of courses of action, as in FM 5-0 and the NATO
// COPD): evaluation criteria, each a compared figure with a weight and a benchmark; per criterion
// the raw value of every course of action and its rank (1 is best); the weighted total is the sum of
// weight × rank, so the lowest total is the preferred course of action. A benchmark is the value a
// course of action should reach: the matrix says which fail it, it does not screen them out.
import { z } from 'zod';
import type { FigureComparison } from './compare.ts';
import {
  COMPARED_FIGURES,
  COMPARED_FIGURE_KEYS,
  type ComparedFigureKey,
  type FigureUnit,
} from './figures.ts';

export const COA_WEIGHT_MAX = 10;
export const COA_CRITERIA_MAX = 12;

export const coaCriterionSchema = z
  .strictObject({
    figure: z.enum(COMPARED_FIGURE_KEYS, {
      error: `must be one of the compared figures (${COMPARED_FIGURE_KEYS.join(', ')})`,
    }),
    weight: z
      .number({ error: 'must be a number' })
      .min(0, { error: 'must be at least 0' })
      .max(COA_WEIGHT_MAX, { error: `must be at most ${COA_WEIGHT_MAX}` }),
    benchmark: z
      .number({ error: 'must be a number or null' })
      .nullable()
      .describe('The value a course of action should reach; null for none'),
  })
  .superRefine((c, ctx) => {
    if (COMPARED_FIGURES[c.figure].better === null)
      ctx.addIssue({
        code: 'custom',
        path: ['figure'],
        message: `"${c.figure}" has no better direction (it is an input, not an outcome): pick another figure`,
      });
  });
export type CoaCriterion = z.output<typeof coaCriterionSchema>;

export const coaCriteriaSchema = z
  .array(coaCriterionSchema)
  .min(1, { error: 'must name at least one criterion' })
  .max(COA_CRITERIA_MAX, { error: `may name at most ${COA_CRITERIA_MAX} criteria` })
  .superRefine((list, ctx) => {
    const seen = new Set<string>();
    list.forEach((c, i) => {
      if (seen.has(c.figure))
        ctx.addIssue({
          code: 'custom',
          path: [i, 'figure'],
          message: `"${c.figure}" is already a criterion`,
        });
      seen.add(c.figure);
    });
    if (list.length > 0 && list.every((c) => c.weight === 0))
      ctx.addIssue({
        code: 'custom',
        path: [],
        message: 'must give at least one criterion a weight above 0',
      });
  });

/**
 * The default criteria: the article's questions in the order a staff would weigh them. Benchmarks
 * are read off the baseline where no absolute value is sensible (a variant should do at least as
 * well as doing nothing different); the force target is the benchmark of the force figures.
 */
export function defaultCoaCriteria(baseline: (key: ComparedFigureKey) => number | null): CoaCriterion[] {
  const target = baseline('target');
  return [
    { figure: 'matchedOnTime', weight: 3, benchmark: target },
    { figure: 'probabilityTargetMet', weight: 3, benchmark: 0.5 },
    { figure: 'sustainable12', weight: 2, benchmark: baseline('sustainable12') },
    { figure: 'lostWithoutUs', weight: 2, benchmark: 0 },
    { figure: 'closureDay90', weight: 2, benchmark: baseline('closureDay90') },
    { figure: 'personnelDaysLate', weight: 1, benchmark: baseline('personnelDaysLate') },
    { figure: 'fundingCommitted', weight: 1, benchmark: baseline('fundingCommitted') },
  ];
}

export interface CoaCriterionRow {
  figure: ComparedFigureKey;
  label: string;
  unit: FigureUnit;
  better: 'higher' | 'lower';
  weight: number;
  benchmark: number | null;
  /** Per course of action, in the order compared. */
  values: (number | null)[];
  /** 1 is best; equal values share a rank; a missing value (never reached) ranks last. */
  ranks: number[];
  /** weight × rank */
  weighted: number[];
  /** Whether each reaches the benchmark; null without a benchmark or a value. */
  meetsBenchmark: (boolean | null)[];
}

export interface CoaMatrix {
  rows: CoaCriterionRow[];
  /** Per course of action: Σ weight × rank; the lowest is preferred. */
  totals: number[];
  /** Per course of action: its place by total (1 is preferred; equal totals share a place). */
  places: number[];
  /** Per course of action: the criteria whose benchmark it fails. */
  failsBenchmark: ComparedFigureKey[][];
}

/** The matrix over the compared figures (their `values` are per course of action). */
export function coaMatrix(
  figures: readonly FigureComparison[],
  criteria: readonly CoaCriterion[],
): CoaMatrix {
  const byKey = new Map(figures.map((f) => [f.key, f]));
  const count = figures[0]?.values.length ?? 0;
  const rows: CoaCriterionRow[] = criteria.map((c) => {
    const definition = COMPARED_FIGURES[c.figure];
    const better = definition.better ?? 'higher';
    const values = byKey.get(c.figure)?.values ?? Array<number | null>(count).fill(null);
    const ranks = rankValues(values, better);
    return {
      figure: c.figure,
      label: definition.label,
      unit: definition.unit,
      better,
      weight: c.weight,
      benchmark: c.benchmark,
      values,
      ranks,
      weighted: ranks.map((r) => r * c.weight),
      meetsBenchmark: values.map((v) =>
        v === null || c.benchmark === null ? null : better === 'higher' ? v >= c.benchmark : v <= c.benchmark,
      ),
    };
  });
  const totals = Array.from({ length: count }, (_, i) => rows.reduce((s, r) => s + (r.weighted[i] ?? 0), 0));
  return {
    rows,
    totals,
    places: rankValues(totals, 'lower'),
    failsBenchmark: Array.from({ length: count }, (_, i) =>
      rows.filter((r) => r.meetsBenchmark[i] === false).map((r) => r.figure),
    ),
  };
}

/** Competition ranking ("1224"): 1 + the number of strictly better values; nulls after all values. */
export function rankValues(values: readonly (number | null)[], better: 'higher' | 'lower'): number[] {
  const score = (v: number | null) => (v === null ? -Infinity : better === 'higher' ? v : -v);
  return values.map((v) => 1 + values.filter((w) => score(w) > score(v) + 1e-9).length);
}
