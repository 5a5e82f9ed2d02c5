import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareSummaries, DRIVERS_SHOWN, type ScenarioSummary, type SummaryEntry } from './compare.ts';
import { COMPARED_FIGURE_KEYS, COMPARED_FIGURES, type ComparedFigureKey } from './figures.ts';

/** A summary whose figures are all 0 unless given, with the breakdowns given. */
function summary(
  scenario: string,
  figures: Partial<Record<ComparedFigureKey, number | null>> = {},
  breakdowns: Partial<ScenarioSummary['breakdowns']> = {},
): ScenarioSummary {
  return {
    scenario,
    name: scenario,
    figures: { ...Object.fromEntries(COMPARED_FIGURE_KEYS.map((k) => [k, 0])), ...figures } as Record<
      ComparedFigureKey,
      number | null
    >,
    breakdowns: { line: [], nation: [], offer: [], pledge: [], uln: [], ...breakdowns },
    closureCurve: [],
    monteCarlo: { draws: 1, binWidth: 1, bins: [] },
    notes: [],
  };
}

const entry = (id: string, values: Record<string, number | null>): SummaryEntry => ({
  id,
  label: `${id} label`,
  values,
});
const figureOf = (rows: ReturnType<typeof compareSummaries>, key: ComparedFigureKey) =>
  rows.find((f) => f.key === key)!;

describe('compareSummaries', () => {
  it('gives every figure once, the baseline first, with its definition from the catalogue', () => {
    const rows = compareSummaries([summary('base'), summary('v1')]);
    expect(rows.map((r) => r.key)).toEqual([...COMPARED_FIGURE_KEYS]);
    for (const r of rows) {
      expect(r.label).toBe(COMPARED_FIGURES[r.key].label);
      expect(r.values).toHaveLength(2);
      expect(r.deltas[0]).toBeNull();
      expect(r.drivers[0]).toEqual([]);
    }
  });

  it('takes deltas against the baseline and says whether each is better or worse', () => {
    const rows = compareSummaries([
      summary('base', { matchedOnTime: 1000, closureDay90: 40 }),
      summary('up', { matchedOnTime: 1500, closureDay90: 50 }),
      summary('down', { matchedOnTime: 800, closureDay90: 30 }),
    ]);
    const matched = figureOf(rows, 'matchedOnTime');
    expect(matched.deltas).toEqual([null, 500, -200]);
    expect(matched.verdicts).toEqual([null, 'better', 'worse']);
    const closure = figureOf(rows, 'closureDay90');
    expect(closure.deltas).toEqual([null, 10, -10]);
    expect(closure.verdicts).toEqual([null, 'worse', 'better']);
    expect(figureOf(rows, 'target').verdicts).toEqual([null, null, null]);
  });

  it('reads a closure never reached as worse than any day, with no delta', () => {
    const rows = compareSummaries([
      summary('base', { closureDay100: 90 }),
      summary('never', { closureDay100: null }),
    ]);
    const closure = figureOf(rows, 'closureDay100');
    expect(closure.deltas).toEqual([null, null]);
    expect(closure.verdicts).toEqual([null, 'worse']);
    const back = compareSummaries([
      summary('never', { closureDay100: null }),
      summary('base', { closureDay100: 90 }),
    ]);
    expect(figureOf(back, 'closureDay100').verdicts).toEqual([null, 'better']);
  });

  it('traces a delta to the lines, nations and offers that moved, biggest first, records matched by id', () => {
    const base = summary(
      'base',
      { matchedOnTime: 1000 },
      {
        line: [entry('L1', { onTime: 600 }), entry('L2', { onTime: 400 })],
        nation: [entry('GBR', { onTime: 1000 })],
      },
    );
    const variant = summary(
      'v',
      { matchedOnTime: 1700 },
      {
        // Another order, a new line: matched by id, not by position.
        line: [entry('L3', { onTime: 500 }), entry('L2', { onTime: 600 }), entry('L1', { onTime: 600 })],
        nation: [entry('DEU', { onTime: 700 }), entry('GBR', { onTime: 1000 })],
      },
    );
    const drivers = figureOf(compareSummaries([base, variant]), 'matchedOnTime').drivers[1]!;
    const lines = drivers.find((g) => g.dimension === 'line')!;
    expect(lines.additive).toBe(true);
    expect(lines.entries.map((e) => [e.id, e.baseline, e.variant, e.delta])).toEqual([
      ['L3', null, 500, 500],
      ['L2', 400, 600, 200],
    ]);
    expect(lines.rest).toBe(0);
    const nations = drivers.find((g) => g.dimension === 'nation')!;
    expect(nations.entries.map((e) => e.id)).toEqual(['DEU']);
    // No offer breakdown was given: nothing to show for it.
    expect(drivers.find((g) => g.dimension === 'offer')).toBeUndefined();
  });

  it('lists the first few drivers and accounts for the rest, which still add up to the delta (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 5000 }), fc.integer({ min: 0, max: 5000 })), {
          minLength: 1,
          maxLength: 30,
        }),
        (pairs) => {
          const before = pairs.map(([b], i) => entry(`L${i}`, { onTime: b }));
          const after = pairs.map(([, a], i) => entry(`L${i}`, { onTime: a }));
          const total = (xs: SummaryEntry[]) => xs.reduce((s, e) => s + (e.values.onTime ?? 0), 0);
          const rows = compareSummaries([
            summary('base', { matchedOnTime: total(before) }, { line: before }),
            summary('v', { matchedOnTime: total(after) }, { line: after }),
          ]);
          const f = figureOf(rows, 'matchedOnTime');
          const group = f.drivers[1]!.find((g) => g.dimension === 'line');
          if (f.deltas[1] === 0) return;
          const moved = pairs.filter(([b, a]) => a !== b).length;
          expect(group!.entries.length).toBe(Math.min(moved, DRIVERS_SHOWN));
          expect(group!.notShown).toBe(moved - group!.entries.length);
          const shown = group!.entries.reduce((s, e) => s + e.delta, 0);
          expect(shown + group!.rest!).toBe(f.deltas[1]);
          const sizes = group!.entries.map((e) => Math.abs(e.delta));
          expect(sizes).toEqual([...sizes].sort((x, y) => y - x));
        },
      ),
    );
  });

  it('turns the sign of the matched parts for the shortfall against target', () => {
    const rows = compareSummaries([
      summary('base', { shortfallAgainstTarget: 900 }, { nation: [entry('GBR', { matched: 100 })] }),
      summary('v', { shortfallAgainstTarget: 600 }, { nation: [entry('GBR', { matched: 400 })] }),
    ]);
    const nations = figureOf(rows, 'shortfallAgainstTarget').drivers[1]!.find(
      (g) => g.dimension === 'nation',
    )!;
    expect(nations.entries[0]).toMatchObject({ id: 'GBR', delta: -300 });
    expect(nations.rest).toBeNull();
  });

  it("measures a ULN new to the plan against the baseline's closure day", () => {
    const rows = compareSummaries([
      summary('base', { closureDay100: 100 }, { uln: [entry('U1', { arrivalDay: 100 })] }),
      summary(
        'v',
        { closureDay100: 160 },
        { uln: [entry('U1', { arrivalDay: 100 }), entry('U2', { arrivalDay: 160 })] },
      ),
    ]);
    const ulns = figureOf(rows, 'closureDay100').drivers[1]![0]!;
    expect(ulns).toMatchObject({ dimension: 'uln', additive: false });
    expect(ulns.entries).toEqual([
      { dimension: 'uln', id: 'U2', label: 'U2 label', baseline: null, variant: 160, delta: 60 },
    ]);
  });

  it('shows no drivers for a figure that did not move', () => {
    const rows = compareSummaries([
      summary('base', {}, { line: [entry('L1', { onTime: 5 })] }),
      summary('v', {}, { line: [entry('L1', { onTime: 5 })] }),
    ]);
    expect(rows.every((r) => r.drivers[1]!.length === 0)).toBe(true);
  });
});
