// The risk analysis computed for the reference scenario: the line, the bands summing to the placed
// personnel, the six rungs of the ladder, and a red line added to the document moving the force at
// the rungs above it (the escalation engine's figures, not numbers restated here); a scenario
// without a line or a ladder still answers, with notes.
import { describe, expect, it } from 'vitest';
import type { AnalysisArgs } from '../contract/analyses/index.ts';
import { RISK_CLIMB_DEFAULT } from '../contract/analyses/index.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { DEFAULT_CLIMB_PROBABILITY } from '../planner/escalation.ts';
import { computeAnalysis } from './analyses.ts';
import { loadScenarioFile, referenceScenarioFiles } from './reference-data.ts';

const doc: ScenarioDocument = loadScenarioFile(referenceScenarioFiles().find((f) => f.includes('article'))!);
const ARGS: AnalysisArgs<'risk'> = { draws: 400, seed: 7 };

function risk(d: ScenarioDocument, publicViewer = false, args: AnalysisArgs<'risk'> = ARGS) {
  return computeAnalysis('risk', { doc: d, rates: {} as never, partial: publicViewer, publicViewer }, args);
}

describe('the risk analysis of article-2025-03', () => {
  const { parameters, result } = risk(doc);

  it('echoes its parameters, the climb default the engine’s', () => {
    expect(RISK_CLIMB_DEFAULT).toBe(DEFAULT_CLIMB_PROBABILITY);
    expect(parameters).toMatchObject({ draws: 400, seed: 7, climb: DEFAULT_CLIMB_PROBABILITY });
  });

  it('has the line, and bands that sum to the placed personnel, per nation too', () => {
    expect(result.line).not.toBeNull();
    expect(result.line!.date).toBe(doc.theatre!.lineOfContact!.date);
    expect(result.line!.lengthKm).toBeGreaterThan(500);
    const e = result.exposure!;
    expect(e.view).toBe('full');
    const placed = e.positions.filter((p) => p.fromDay !== null).reduce((s, p) => s + p.personnel, 0);
    expect(placed).toBeGreaterThan(0);
    expect(e.personnel.reduce((s, n) => s + n, 0)).toBe(placed);
    expect(e.placedPersonnel).toBe(placed);
    const byNation = e.nations.reduce((s, n) => s + n.personnel.reduce((a, b) => a + b, 0), 0);
    expect(byNation).toBe(placed);
    expect(result.bands.length).toBe(e.bands.length);
    expect(result.headline.flags).toBe(e.flags.length);
    const within = result.headline.personnelWithin;
    expect(within.at(-1)!.personnel).toBe(placed - e.personnel.at(-1)!);
  });

  it('has the ladder of six rungs, lowest first, with the engine’s figures', () => {
    const ladder = result.ladder!;
    expect(ladder.rungs.map((r) => r.level)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ladder.rungs[0]!.probabilityReached).toBe(1);
    expect(ladder.rungs[1]!.probabilityReached).toBeCloseTo(DEFAULT_CLIMB_PROBABILITY);
    expect(result.outcome).not.toBeNull();
  });

  it('a red line withdraws a nation at its rung and above: the force there drops', () => {
    const top = result.ladder!.rungs;
    const rung = top[2]!.id;
    const biggest = [...doc.offers]
      .filter((o) => o.status !== 'withdrawn')
      .sort((a, b) => b.personnel * b.quantity - a.personnel * a.quantity)[0]!.nation;
    const withRedLine: ScenarioDocument = {
      ...doc,
      redLines: [
        ...doc.redLines,
        { id: 'RL-TEST', nation: biggest, rung, effect: 'withdraws', statement: 'Test: withdraws at rung 3' },
      ],
    };
    const after = risk(withRedLine).result;
    const rungs = after.ladder!.rungs;
    expect(rungs[2]!.redLines.map((l) => l.id)).toEqual(['RL-TEST']);
    expect(rungs[2]!.withdrawals.map((w) => w.nation)).toContain(biggest);
    expect(after.headline.nationsWithdrawingByRung[1]!.nations).not.toContain(biggest);
    expect(after.headline.nationsWithdrawingByRung[5]!.nations).toContain(biggest);
    for (const i of [2, 3, 4, 5]) {
      expect(rungs[i]!.allDeliver.personnelMatched).toBeLessThan(top[i]!.allDeliver.personnelMatched);
      expect(rungs[i]!.personnelMatched.mean).toBeLessThan(top[i]!.personnelMatched.mean);
    }
    expect(rungs[1]!.personnelMatched).toEqual(top[1]!.personnelMatched);
    expect(after.outcome!.correlated.personnelMatched.mean).toBeLessThan(
      result.outcome!.correlated.personnelMatched.mean,
    );
  });

  it('a public viewer gets places on a grid and no distances', () => {
    const e = risk(doc, true).result.exposure!;
    expect(e.view).toBe('public');
    if (e.view !== 'public') return;
    const full = result.exposure!;
    expect(e.personnel).toEqual(full.personnel);
    for (const p of e.positions) {
      expect(p).not.toHaveProperty('distanceKm');
      expect(p).not.toHaveProperty('label');
      const k = p.lon / e.gridDegrees - 0.5;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-6);
    }
  });
});

describe('a scenario without a line of contact or a ladder', () => {
  it('answers with null parts and notes', () => {
    const { theatre: _t, escalation: _e, ...bare } = doc;
    const { result } = risk(bare as ScenarioDocument);
    expect(result.line).toBeNull();
    expect(result.exposure).toBeNull();
    expect(result.ladder).toBeNull();
    expect(result.outcome).toBeNull();
    expect(result.bandsFrom).toBe('default');
    expect(result.headline.personnelWithin).toEqual([]);
    expect(result.notes.join(' ')).toMatch(/no line of contact/);
    expect(result.notes.join(' ')).toMatch(/no escalation ladder/);
  });
});
