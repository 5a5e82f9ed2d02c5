import { describe, expect, it } from 'vitest';
import { coaCriteriaSchema, coaMatrix, defaultCoaCriteria, rankValues } from './coa.ts';
import type { FigureComparison } from './compare.ts';
import { COMPARED_FIGURES, type ComparedFigureKey } from './figures.ts';

function figure(key: ComparedFigureKey, values: (number | null)[]): FigureComparison {
  const f = COMPARED_FIGURES[key];
  return {
    key,
    label: f.label,
    group: f.group,
    unit: f.unit,
    better: f.better,
    definition: f.definition,
    values,
    deltas: values.map(() => null),
    verdicts: values.map(() => null),
    drivers: values.map(() => []),
  };
}

describe('rankValues', () => {
  it('ranks 1 for the best, shares ranks on ties and puts a missing value last', () => {
    expect(rankValues([10, 30, 30, null, 5], 'higher')).toEqual([3, 1, 1, 5, 4]);
    expect(rankValues([10, 30, 30, null, 5], 'lower')).toEqual([2, 3, 3, 5, 1]);
  });
});

describe('coaMatrix', () => {
  const figures = [figure('matchedOnTime', [1000, 1500, 1200]), figure('closureDay90', [40, 70, 45])];

  it('sums weight × rank per course of action and prefers the lowest total', () => {
    const m = coaMatrix(figures, [
      { figure: 'matchedOnTime', weight: 3, benchmark: 1100 },
      { figure: 'closureDay90', weight: 1, benchmark: 60 },
    ]);
    expect(m.rows[0]!.ranks).toEqual([3, 1, 2]);
    expect(m.rows[1]!.ranks).toEqual([1, 3, 2]);
    expect(m.totals).toEqual([3 * 3 + 1, 3 * 1 + 3, 3 * 2 + 2]);
    expect(m.places).toEqual([3, 1, 2]);
    expect(m.failsBenchmark).toEqual([['matchedOnTime'], ['closureDay90'], []]);
  });

  it('changes the preferred course of action when the weights change', () => {
    const m = coaMatrix(figures, [
      { figure: 'matchedOnTime', weight: 1, benchmark: null },
      { figure: 'closureDay90', weight: 5, benchmark: null },
    ]);
    expect(m.places.indexOf(1)).toBe(0);
    expect(m.rows[0]!.meetsBenchmark).toEqual([null, null, null]);
  });
});

describe('coaCriteriaSchema', () => {
  it('names the field and the reason for each bad criterion', () => {
    const r = coaCriteriaSchema.safeParse([
      { figure: 'matchedOnTime', weight: 11, benchmark: null },
      { figure: 'target', weight: 1, benchmark: null },
      { figure: 'nonsense', weight: 1, benchmark: null },
    ]);
    expect(r.success).toBe(false);
    const issues = r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    expect(issues).toEqual(
      expect.arrayContaining([
        '0.weight: must be at most 10',
        expect.stringMatching(/^1\.figure: "target" has no better direction/),
        expect.stringMatching(/^2\.figure: must be one of the compared figures/),
      ]),
    );
  });

  it('refuses a figure named twice, at the second', () => {
    const r = coaCriteriaSchema.safeParse([
      { figure: 'matchedOnTime', weight: 1, benchmark: null },
      { figure: 'matchedOnTime', weight: 2, benchmark: null },
    ]);
    expect(r.error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`)).toEqual([
      '1.figure: "matchedOnTime" is already a criterion',
    ]);
  });

  it('refuses criteria that all weigh nothing', () => {
    const r = coaCriteriaSchema.safeParse([{ figure: 'matchedOnTime', weight: 0, benchmark: null }]);
    expect(r.success).toBe(false);
  });

  it('accepts the defaults, whose benchmarks come from the baseline', () => {
    const criteria = defaultCoaCriteria((k) => (k === 'target' ? 100000 : k === 'closureDay90' ? 81 : 7));
    expect(coaCriteriaSchema.parse(criteria)).toEqual(criteria);
    expect(criteria.find((c) => c.figure === 'matchedOnTime')?.benchmark).toBe(100000);
    expect(criteria.find((c) => c.figure === 'closureDay90')?.benchmark).toBe(81);
  });
});
