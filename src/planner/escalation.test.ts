import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.ts';
import { parseScenarioText } from '../domain/scenario-document.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import {
  escalationMonteCarlo,
  type EscalationOptions,
  type EscalationRedLine,
  type LadderRung,
} from './escalation.ts';
import { fillScenario, line, unitOffer } from './fill-test-fixtures.ts';
import { forceFill } from './force-fill.ts';
import { monteCarlo } from './resilience.ts';

// --- fixtures -------------------------------------------------------------------------------------

/** Rungs R1..Rn, levels 1..n. */
function ladder(n: number): LadderRung[] {
  return Array.from({ length: n }, (_, i) => ({ id: `R${i + 1}`, level: i + 1, name: `Rung ${i + 1}` }));
}

function withdraws(id: string, nation: string, rung: string, share?: number): EscalationRedLine {
  return { id, nation, rung, effect: 'withdraws', ...(share === undefined ? {} : { share }) };
}

function keepsAway(id: string, nation: string, rung: string, km: number): EscalationRedLine {
  return { id, nation, rung, effect: 'no-deploy-within', km };
}

function loadReference(file: string): ScenarioDocument {
  const parsed = parseScenarioText(
    readFileSync(new URL(`../../data/scenarios/${file}`, import.meta.url), 'utf8'),
    'yaml',
  );
  if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.issues)}`);
  return parsed.document;
}

/** Standard error of a share estimated from `draws` draws. */
const standardError = (p: number, draws: number) => Math.sqrt((p * (1 - p)) / draws);

function caught(run: () => unknown): DomainError {
  try {
    run();
  } catch (e) {
    if (e instanceof DomainError) return e;
    throw e;
  }
  throw new Error('expected a DomainError');
}

/**
 * One line of 10 INF units; GBR offers 2 deployed units and 3 confirmed, FRA 4 confirmed, 100
 * personnel a unit, both certain to deliver: 900 personnel against a target of 900. GBR withdraws half
 * its force at R2, FRA all of it at R3.
 */
function twoNations(): ScenarioDocument {
  return fillScenario({
    lines: [line('L1', 10)],
    offers: [
      unitOffer('G1', 'GBR', 2, { status: 'deployed' }),
      unitOffer('G2', 'GBR', 3),
      unitOffer('F1', 'FRA', 4),
    ],
    target: 900,
  });
}
const TWO_NATIONS: EscalationOptions = {
  rungs: ladder(3),
  redLines: [withdraws('gbr-half', 'GBR', 'R2', 0.5), withdraws('fra-out', 'FRA', 'R3')],
  pathModel: { R2: 0.3, R3: 0.5 },
  nationProbability: { GBR: 1, FRA: 1 },
  draws: 20_000,
};

describe('escalationMonteCarlo: a hand-computed case', () => {
  const report = escalationMonteCarlo(twoNations(), TWO_NATIONS);

  it('reaches each rung with the product of the climbing probabilities', () => {
    expect(report.rungs.map((r) => r.probabilityReached)).toEqual([1, 0.3, 0.15]);
    expect(report.rungs.map((r) => r.climbProbability)).toEqual([null, 0.3, 0.5]);
    expect(report.rungs.map((r) => r.climbProbabilityFrom)).toEqual(['certain', 'path-model', 'path-model']);
    report.rungs.forEach((r) => {
      const se = standardError(r.probabilityReached, report.draws);
      expect(Math.abs(r.drawsReached / report.draws - r.probabilityReached)).toBeLessThanOrEqual(4 * se);
    });
  });

  it('withdraws a share by keeping the first personnel, firmest offer first, in whole units', () => {
    // GBR's 500: half is 250; the deployed 200 fit, the confirmed offer would cross, so it goes.
    const [r1, r2, r3] = report.rungs;
    expect(r1!.withdrawals).toEqual([]);
    expect(r2!.withdrawals).toEqual([
      {
        nation: 'GBR',
        share: 0.5,
        redLine: 'gbr-half',
        sinceRung: 'R2',
        personnelKept: 200,
        personnelWithdrawn: 300,
      },
    ]);
    expect(r2!.newlyWithdrawn).toEqual(['GBR']);
    expect(r3!.withdrawals.map((w) => [w.nation, w.share, w.personnelKept])).toEqual([
      ['FRA', 1, 0],
      ['GBR', 0.5, 200],
    ]);
    expect(r3!.newlyWithdrawn).toEqual(['FRA']);
  });

  it('gives the force at each rung and whether it meets the target', () => {
    // Every nation delivers, so each rung's force is one number.
    expect(report.rungs.map((r) => r.allDeliver.personnelMatched)).toEqual([900, 600, 200]);
    expect(report.rungs.map((r) => r.personnelMatched.p10)).toEqual([900, 600, 200]);
    expect(report.rungs.map((r) => r.personnelMatched.p90)).toEqual([900, 600, 200]);
    expect(report.rungs.map((r) => r.probabilityTargetMet)).toEqual([1, 0, 0]);
  });

  it('over all paths: the same mean either way, but correlation changes the chance of meeting the target', () => {
    // Correlated: the target holds only where the path stops at R1 (0.7). Independent: GBR keeps its
    // force with 0.7 and FRA with 0.85, on paths of their own: 0.595. Mean 900 − 0.3·300 − 0.15·400.
    const { correlated, independent } = report.outcome;
    const n = report.draws;
    expect(Math.abs(correlated.probabilityTargetMet - 0.7)).toBeLessThanOrEqual(4 * standardError(0.7, n));
    expect(Math.abs(independent.probabilityTargetMet - 0.595)).toBeLessThanOrEqual(
      4 * standardError(0.595, n),
    );
    // Standard deviations of the force: at most 300 either way, so 4 · 300/√n bounds the mean's error.
    expect(Math.abs(correlated.personnelMatched.mean - 750)).toBeLessThanOrEqual((4 * 300) / Math.sqrt(n));
    expect(Math.abs(independent.personnelMatched.mean - 750)).toBeLessThanOrEqual((4 * 300) / Math.sqrt(n));
    expect(correlated.histogram.bins.reduce((s, b) => s + b.count, 0)).toBe(n);
  });

  it('lists the restrictions of no-deploy-within red lines without withdrawing anything', () => {
    const r = escalationMonteCarlo(twoNations(), {
      ...TWO_NATIONS,
      redLines: [
        keepsAway('fra-50', 'FRA', 'R1', 50),
        keepsAway('fra-150', 'FRA', 'R3', 150),
        keepsAway('gbr-75', 'GBR', 'R2', 75),
      ],
      draws: 100,
    });
    expect(r.rungs.map((x) => x.restrictions)).toEqual([
      [{ nation: 'FRA', km: 50, redLine: 'fra-50', sinceRung: 'R1' }],
      [
        { nation: 'FRA', km: 50, redLine: 'fra-50', sinceRung: 'R1' },
        { nation: 'GBR', km: 75, redLine: 'gbr-75', sinceRung: 'R2' },
      ],
      [
        { nation: 'FRA', km: 150, redLine: 'fra-150', sinceRung: 'R3' },
        { nation: 'GBR', km: 75, redLine: 'gbr-75', sinceRung: 'R2' },
      ],
    ]);
    expect(r.rungs.every((x) => x.withdrawals.length === 0 && x.allDeliver.personnelMatched === 900)).toBe(
      true,
    );
    expect(r.pairs).toEqual([]);
  });

  it('takes the default climbing probability for rungs the path model does not name', () => {
    const r = escalationMonteCarlo(twoNations(), { ...TWO_NATIONS, pathModel: { R3: 0.2 }, draws: 10 });
    expect(r.rungs.map((x) => x.probabilityReached)).toEqual([1, 0.5, 0.1]);
    expect(r.rungs[1]!.climbProbabilityFrom).toBe('default');
  });
});

describe('escalationMonteCarlo on article-2025-03', () => {
  const scenario = loadReference('article-2025-03.yaml');
  const rungs = ladder(6);
  const bigTwo = [withdraws('fra-r3', 'FRA', 'R3'), withdraws('gbr-r3', 'GBR', 'R3')];
  const draws = 10_000;
  const withRedLines = escalationMonteCarlo(scenario, { rungs, redLines: bigTwo, draws, seed: 3 });
  const without = escalationMonteCarlo(scenario, { rungs, draws, seed: 3 });

  it('(a) a red line at rung 3 for the two big contributors lowers the force from rung 3 up', () => {
    withRedLines.rungs.forEach((r, i) => {
      const before = without.rungs[i]!;
      if (r.level < 3) {
        expect(r.personnelMatched).toEqual(before.personnelMatched);
        expect(r.withdrawals).toEqual([]);
      } else {
        expect(r.withdrawals.map((w) => w.nation)).toEqual(['FRA', 'GBR']);
        expect(r.personnelMatched.mean).toBeLessThan(before.personnelMatched.mean);
        expect(r.personnelMatched.p50).toBeLessThan(before.personnelMatched.p50);
        expect(r.allDeliver.personnelMatched).toBeLessThan(before.allDeliver.personnelMatched);
      }
    });
    expect(withRedLines.outcome.correlated.personnelMatched.mean).toBeLessThan(
      without.outcome.correlated.personnelMatched.mean,
    );
  });

  it('(b) same marginal withdrawals, but the correlated model loses both together far more often', () => {
    const p = 0.25; // reaching R3: 0.5 · 0.5
    for (const nation of ['FRA', 'GBR']) {
      const n = withRedLines.nations.find((x) => x.nation === nation)!;
      expect(n.withdrawalProbability).toBe(p);
      expect(Math.abs(n.withdrawnShare.correlated - p)).toBeLessThanOrEqual(4 * standardError(p, draws));
      expect(Math.abs(n.withdrawnShare.independent - p)).toBeLessThanOrEqual(4 * standardError(p, draws));
    }
    expect(withRedLines.pairs).toHaveLength(1);
    const pair = withRedLines.pairs[0]!;
    expect(pair.nations).toEqual(['FRA', 'GBR']);
    expect(pair.expected).toEqual({ correlated: p, independent: p * p });
    // Correlated: both go exactly when the path reaches R3, so the joint share is that share.
    expect(pair.observed.correlated).toBe(withRedLines.rungs[2]!.drawsReached / draws);
    expect(Math.abs(pair.observed.correlated - p)).toBeLessThanOrEqual(4 * standardError(p, draws));
    expect(Math.abs(pair.observed.independent - p * p)).toBeLessThanOrEqual(4 * standardError(p * p, draws));
    // Losing both at once in a quarter of the draws puts P10 in that tail; independently, one at a time.
    const { correlated, independent } = withRedLines.outcome;
    expect(correlated.personnelMatched.p10).toBeLessThan(independent.personnelMatched.p10);
    expect(correlated.personnelMatched.p10).toBeLessThanOrEqual(withRedLines.rungs[2]!.personnelMatched.p90);
  });

  it('(c) is reproducible from its seed, and another seed gives other draws', () => {
    const again = escalationMonteCarlo(scenario, { rungs, redLines: bigTwo, draws, seed: 3 });
    expect(again).toEqual(withRedLines);
    const other = escalationMonteCarlo(scenario, { rungs, redLines: bigTwo, draws, seed: 4 });
    expect(other.rungs.map((r) => r.drawsReached)).not.toEqual(withRedLines.rungs.map((r) => r.drawsReached));
    expect(JSON.parse(JSON.stringify(withRedLines))).toEqual(withRedLines);
  });

  it('(d) without red lines, every rung is the resilience Monte Carlo for the same seed, exactly', () => {
    const cases = [
      { seed: 3 },
      { seed: 11, readyByCDay: 30, nationProbability: { DEU: 0.8 }, usBackstop: true },
    ];
    for (const options of cases) {
      const resilience = monteCarlo(scenario, { ...options, draws });
      const escalation = escalationMonteCarlo(scenario, { ...options, rungs, draws });
      for (const r of escalation.rungs) {
        expect(r.personnelMatched).toEqual(resilience.personnelMatched);
        expect(r.probabilityTargetMet).toBe(resilience.probabilityTargetMet);
        expect(r.allDeliver.personnelMatched).toBe(resilience.allDeliver.personnelMatched);
      }
      expect(escalation.outcome.correlated.personnelMatched).toEqual(resilience.personnelMatched);
      expect(escalation.outcome.independent.personnelMatched).toEqual(resilience.personnelMatched);
      expect(escalation.outcome.correlated.histogram).toEqual(resilience.histogram);
      expect(escalation.personnelTarget).toBe(resilience.personnelTarget);
      expect(escalation.fillAssumptions).toEqual(resilience.fillAssumptions);
    }
  });

  it('with every nation certain to deliver, each rung is the fill without the nations withdrawn', () => {
    const certain = Object.fromEntries(scenario.nations.map((n) => [n.id, 1]));
    const redLines = [withdraws('nld', 'NLD', 'R2'), ...bigTwo, withdraws('dnk', 'DNK', 'R5')];
    const r = escalationMonteCarlo(scenario, { rungs, redLines, draws: 50, nationProbability: certain });
    const gone = [
      [],
      ['NLD'],
      ['NLD', 'FRA', 'GBR'],
      ['NLD', 'FRA', 'GBR'],
      ['NLD', 'FRA', 'GBR', 'DNK'],
      ['NLD', 'FRA', 'GBR', 'DNK'],
    ];
    gone.forEach((excludeNations, i) => {
      const expected = forceFill(scenario, { excludeNations }).totals.personnelMatched;
      expect(r.rungs[i]!.allDeliver.personnelMatched).toBe(expected);
      expect(r.rungs[i]!.personnelMatched.min).toBe(expected);
      expect(r.rungs[i]!.personnelMatched.max).toBe(expected);
    });
  });

  it('keeps each nation on its delivery stream: a red line for one leaves the others as they were', () => {
    // Rung 1 has no withdrawal either way, so it is the same force draw by draw.
    expect(withRedLines.rungs[0]).toEqual(without.rungs[0]);
    expect(withRedLines.rungs[1]!.personnelMatched).toEqual(without.rungs[1]!.personnelMatched);
  });
});

describe('escalationMonteCarlo: bad input', () => {
  const scenario = twoNations();
  const run = (options: Partial<EscalationOptions>) => () =>
    escalationMonteCarlo(scenario, { ...TWO_NATIONS, draws: 10, ...options });

  it('(e) names the field of a red line with an unknown rung or nation', () => {
    const error = caught(
      run({
        redLines: [
          withdraws('a', 'GBR', 'R2'),
          withdraws('b', 'DEU', 'R2'),
          withdraws('c', 'FRA', 'R9'),
          keepsAway('d', 'FRA', 'R1', 50),
        ],
      }),
    );
    expect(error.code).toBe('invalid');
    expect(error.issues).toEqual([
      { path: 'redLines[1].nation', message: 'names nation "DEU", which is not in the scenario' },
      { path: 'redLines[2].rung', message: 'names rung "R9", which is not in the ladder' },
    ]);
    expect(error.message).toMatch(/^redLines\[1\]\.nation: .* \(and 1 more\)$/);
  });

  it('names every other field it cannot use', () => {
    const paths = (options: Partial<EscalationOptions>) => caught(run(options)).issues.map((i) => i.path);
    expect(paths({ rungs: [], redLines: [], pathModel: {} })).toEqual(['rungs']);
    expect(
      paths({
        rungs: [
          { id: 'A', level: 1, name: 'a' },
          { id: 'A', level: 1, name: 'b' },
        ],
        redLines: [],
        pathModel: {},
      }),
    ).toEqual(['rungs[1].id', 'rungs[1].level']);
    expect(paths({ pathModel: { R1: 0.5, R2: 2, R7: 0.5 } })).toEqual([
      'pathModel.R1',
      'pathModel.R2',
      'pathModel.R7',
    ]);
    expect(
      paths({
        redLines: [
          withdraws('a', 'GBR', 'R2', 1.5),
          withdraws('a', 'FRA', 'R2'),
          { id: 'k', nation: 'FRA', rung: 'R2', effect: 'no-deploy-within' },
          { id: 'm', nation: 'FRA', rung: 'R2', effect: 'withdraws', km: 5 },
        ],
      }),
    ).toEqual(['redLines[0].share', 'redLines[1].id', 'redLines[2].km', 'redLines[3].km']);
  });

  it('refuses options it cannot honour, as the resilience Monte Carlo does', () => {
    expect(run({ draws: 0 })).toThrow(/draws must be a whole number/);
    expect(run({ nationProbability: { GBR: 2 } })).toThrow(/nationProbability\.GBR/);
  });
});
