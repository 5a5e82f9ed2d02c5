// The figures analysis: each headline figure is the sum of the records it lists (so a leader who
// opens a figure sees what makes it, nothing more or less), on generated scenarios and on both
// reference scenarios, with and without late matches counted; and the README's table of how many
// records behind each figure of each shipped scenario rest on sources and how many on assumptions
// is the real one.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  basisOfFigures,
  HEADLINE_FIGURE_KEYS,
  HEADLINE_FIGURES,
  type FiguresReport,
} from '../domain/analysis/headline-figures.ts';
import { parseScenarioText } from '../domain/scenario-document.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { forceFill } from '../planner/force-fill.ts';
import { fillCaseArbitrary } from '../planner/fill-test-fixtures.ts';
import type { AnalysisArgs } from '../contract/analyses/index.ts';
import { computeAnalysis } from './analyses.ts';

const REFERENCE = ['article-2025-03', 'reported-2026-01'] as const;

function load(id: string): ScenarioDocument {
  const parsed = parseScenarioText(readFileSync(`data/scenarios/${id}.yaml`, 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.document;
}

function figures(doc: ScenarioDocument, allowLate: boolean): FiguresReport {
  return computeAnalysis('figures', { doc, rates: {} as never, partial: false }, { allowLate, explain: true })
    .result;
}

/** Every figure equals the sum of its records (the shortfall against target held at 0). */
function expectRecordsAddUp(report: FiguresReport): void {
  const explanation = report.explanation!;
  for (const key of HEADLINE_FIGURE_KEYS) {
    const sum = explanation[key].reduce((s, r) => s + r.personnel, 0);
    expect(key === 'shortfallAgainstTarget' ? Math.max(0, sum) : sum, key).toBe(report.values[key]);
  }
}

describe('the figures analysis', () => {
  it.each(REFERENCE)('%s: every figure is the sum of the records it lists', (id) => {
    const doc = load(id);
    for (const allowLate of [false, true]) {
      const report = figures(doc, allowLate);
      expectRecordsAddUp(report);
      expect(report.countsLate).toBe(allowLate);
      // Matched on time and late do not move with the switch; the shortfalls do.
      const onTime = forceFill(doc).totals;
      const withLate = forceFill(doc, { allowLate: true }).totals;
      expect(report.values.matchedOnTime).toBe(onTime.personnelMatched);
      expect(report.values.matchedLate).toBe(withLate.personnelMatched - onTime.personnelMatched);
      expect(report.values.shortfallAgainstTarget).toBe(
        (allowLate ? withLate : onTime).shortfallAgainstTarget,
      );
    }
  });

  it('adds up on generated scenarios, whatever the assumptions', () => {
    fc.assert(
      fc.property(fillCaseArbitrary, fc.boolean(), ({ scenario, options }, allowLate) => {
        const report = computeAnalysis(
          'figures',
          { doc: scenario, rates: {} as never, partial: false },
          // The generated options are the planner's (plain strings); the query's are branded.
          { ...(options as AnalysisArgs<'figures'>), allowLate, explain: true },
        ).result;
        expectRecordsAddUp(report);
        const v = report.values;
        expect(v.counting).toBeLessThanOrEqual(v.offered);
        expect(v.matchedOnTime).toBeLessThanOrEqual(v.counting);
        expect(v.shortfallAgainstTarget).toBe(
          Math.max(0, v.target - v.matchedOnTime - (allowLate ? v.matchedLate : 0)),
        );
      }),
      { numRuns: 80 },
    );
  });

  it('lists records only when asked', () => {
    const doc = load('reported-2026-01');
    const plain = computeAnalysis('figures', { doc, rates: {} as never, partial: false }, {});
    expect(plain.result.explanation).toBeUndefined();
    expect(plain.parameters).toMatchObject({ allowLate: false, explain: false });
  });
});

describe("the README's table of what the figures rest on", () => {
  const readme = readFileSync('README.md', 'utf8');
  const block = /<!-- figure-basis:start -->([\s\S]*?)<!-- figure-basis:end -->/.exec(readme)?.[1] ?? '';
  const rows = block
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l.startsWith('|') && !/^\|\s*-/.test(l))
    .slice(1)
    .map((l) =>
      l
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim()),
    );

  it('gives, per figure and shipped scenario, the records behind it: sourced / assumed', () => {
    const bases = REFERENCE.map((id) => basisOfFigures(figures(load(id), false).explanation!));
    const expected = HEADLINE_FIGURE_KEYS.map((key) => [
      HEADLINE_FIGURES[key].label,
      ...bases.flatMap((b) => [String(b[key].records), `${b[key].sourced} / ${b[key].assumed}`]),
    ]);
    const table = expected.map((r) => `| ${r.join(' | ')} |`).join('\n');
    expect(rows, `README.md should hold, between the figure-basis markers:\n${table}`).toEqual(expected);
    // Every record of the shipped scenarios gives a source or an assumption.
    for (const b of bases) for (const key of HEADLINE_FIGURE_KEYS) expect(b[key].neither, key).toBe(0);
  });
});
