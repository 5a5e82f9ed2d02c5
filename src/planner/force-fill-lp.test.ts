// The combinatorial fill against HiGHS: same instance, same objective. HiGHS knows nothing of
// augmenting paths or polymatroids, so agreement on random instances is evidence of optimality that
// does not lean on the argument in force-fill.ts.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseScenarioText } from '../domain/scenario-document.ts';
import { fillCaseArbitrary, fillScenario, line, unitOffer } from './fill-test-fixtures.ts';
import { fillLpText, loadHighs, solveFillLp, solveLatenessLp } from './force-fill-lp.ts';
import { fillWith, prepareFill, type ForceFillOptions } from './force-fill.ts';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

describe('force fill as a linear programme', () => {
  const small = prepareFill(
    fillScenario({
      lines: [line('R-1', 2), line('R-2', 1, { priority: 2, sector: 'Odesa' })],
      offers: [
        unitOffer('A', 'GBR', 3),
        unitOffer('B', 'FRA', 1, {
          caveats: { excludedSectors: ['Odesa'], allowedTasks: [], requiresUsBackstop: false },
        }),
      ],
    }),
  );

  it('has one column per open (offer, line) pair, weighted by the line', () => {
    expect(fillLpText(small)).toBe(
      [
        'Maximize',
        ' obj: 5 x0 + 4 x1 + 5 x2',
        'Subject To',
        ' line0: 1 x0 + 1 x2 <= 2',
        ' line1: 1 x1 <= 1',
        ' offer0: 1 x0 + 1 x1 <= 3',
        ' offer1: 1 x2 <= 1',
        'End',
      ].join('\n'),
    );
    expect(solveFillLp(highs, small)).toEqual({ status: 'Optimal', objective: 14, lineFilled: [2, 1] });
    expect(fillWith(small).weightedFill).toBe(14);
  });

  it('reaches the HiGHS optimum on random instances, as an LP and as a MIP, whatever is delivered', () => {
    fc.assert(
      fc.property(
        fillCaseArbitrary,
        fc.array(fc.boolean(), { minLength: 10, maxLength: 10 }),
        (c, delivered) => {
          const prepared = prepareFill(c.scenario, c.options);
          for (const mask of [undefined, delivered]) {
            const ours = fillWith(prepared, mask);
            const lp = solveFillLp(highs, prepared, { delivered: mask });
            const mip = solveFillLp(highs, prepared, { delivered: mask, integer: true });
            expect(['Optimal', 'Empty']).toContain(lp.status);
            expect(ours.weightedFill).toBeCloseTo(lp.objective, 6);
            expect(ours.weightedFill).toBeCloseTo(mip.objective, 6);
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('has exactly the least late unit-days HiGHS finds for the same line fills', () => {
    fc.assert(
      fc.property(fillCaseArbitrary, (c) => {
        const prepared = prepareFill(c.scenario, c.options);
        const ours = fillWith(prepared);
        const lp = solveLatenessLp(highs, prepared, ours.lineFilled);
        expect(['Optimal', 'Empty']).toContain(lp.status);
        expect(ours.lateUnitDays).toBeCloseTo(lp.lateUnitDays, 6);
      }),
      { numRuns: 150 },
    );
  });

  it('agrees with HiGHS on the reference scenario article-2025-03', () => {
    const parsed = parseScenarioText(readFileSync('data/scenarios/article-2025-03.yaml', 'utf8'));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const cases: [ForceFillOptions, number][] = [
      [{ allowLate: true }, 944],
      [{ allowLate: true, usBackstop: true }, 1070],
      [{}, 409],
    ];
    for (const [options, objective] of cases) {
      const prepared = prepareFill(parsed.document, options);
      const ours = fillWith(prepared);
      expect(ours.weightedFill).toBe(objective);
      expect(solveFillLp(highs, prepared, { integer: true }).objective).toBeCloseTo(objective, 6);
      expect(solveLatenessLp(highs, prepared, ours.lineFilled).lateUnitDays).toBeCloseTo(
        ours.lateUnitDays,
        6,
      );
    }
  });
});
