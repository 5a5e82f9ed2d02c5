// bench/risk's escalation measure (issue 15): the escalation Monte Carlo (src/planner/escalation.ts)
// of 10,000 draws, target ≤ 1 s, over a family: both reference scenarios with their shipped ladders
// and red lines, each with late matches and the US backstop counted (more offers in every fill), and
// a hard shape (a 20-rung ladder on which every contributor has red lines at three levels, so few
// delivery patterns repeat). The reference in the same run is the resilience Monte Carlo of the same
// scenario, seed and draws (every nation drawn on its own, no ladder): what the escalation analysis
// adds over it. Checked: with the red lines taken away, the lowest rung's distribution equals the
// resilience Monte Carlo's exactly (the same streams), or the run fails.
import { loadScenarioFile } from '../../src/app/reference-data.ts';
import { renderTable, type Column } from '../../src/cli/table.ts';
import { ladderOf, type RedLine, type Rung } from '../../src/domain/escalation.ts';
import type { ScenarioDocument } from '../../src/domain/scenario-schema.ts';
import { escalationMonteCarlo, type EscalationOptions } from '../../src/planner/escalation.ts';
import { monteCarlo } from '../../src/planner/resilience.ts';
import { median } from '../measure.ts';
import type { MeasureReport, RiskMeasure, RiskOptions } from './measures.ts';

export const ESCALATION_TARGET_MS = 1000;
export const ESCALATION_DRAWS = 10_000;

interface Case {
  name: string;
  doc: ScenarioDocument;
  rungs: readonly Pick<Rung, 'id' | 'level' | 'name'>[];
  redLines: readonly RedLine[];
  fill: Pick<EscalationOptions, 'allowLate' | 'usBackstop'>;
}

function cases(): Case[] {
  const article = loadScenarioFile('data/scenarios/article-2025-03.yaml');
  const reported = loadScenarioFile('data/scenarios/reported-2026-01.yaml');
  const shipped = (name: string, doc: ScenarioDocument, fill: Case['fill'] = {}): Case => ({
    name,
    doc,
    rungs: ladderOf(doc.escalation),
    redLines: doc.redLines,
    fill,
  });
  // The hard shape: 20 rungs; every nation with an offer withdraws a third, two thirds and all of
  // its force at three staggered rungs.
  const rungs = Array.from({ length: 20 }, (_, i) => ({
    id: `H${i + 1}`,
    level: i + 1,
    name: `Rung ${i + 1}`,
  }));
  const nations = [...new Set(article.offers.map((o) => o.nation as string))].sort();
  const redLines = nations.flatMap((nation, n) =>
    [1 / 3, 2 / 3, 1].map(
      (share, k) =>
        ({
          id: `RL-${nation}-${k + 1}`,
          nation,
          rung: `H${Math.min(20, 2 + ((n + k * 6) % 19))}`,
          effect: 'withdraws',
          share,
          statement: 'Benchmark red line.',
        }) as RedLine,
    ),
  );
  return [
    shipped('article, shipped ladder', article),
    shipped('reported, shipped ladder', reported),
    shipped('article, late + backstop', article, { allowLate: true, usBackstop: true }),
    shipped('reported, late + backstop', reported, { allowLate: true, usBackstop: true }),
    {
      name: 'article, 20 rungs × 3 red lines',
      doc: article,
      rungs,
      redLines,
      fill: { allowLate: true, usBackstop: true },
    },
  ];
}

interface Row {
  name: string;
  rungs: number;
  redLines: number;
  samples: number[];
  reference: number[];
}

const ms = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));
const verdict = (v: number) => (v <= ESCALATION_TARGET_MS ? 'PASS' : 'MISS');

function timed(gc: (() => void) | null, work: () => unknown): number {
  gc?.();
  const start = performance.now();
  work();
  return performance.now() - start;
}

export const escalationMeasure: RiskMeasure = {
  name: 'escalation',
  run(options: RiskOptions): MeasureReport {
    const failures: string[] = [];
    const rows: Row[] = [];
    for (const c of cases()) {
      const row: Row = {
        name: c.name,
        rungs: c.rungs.length,
        redLines: c.redLines.length,
        samples: [],
        reference: [],
      };
      for (let s = 0; s < options.seeds; s++) {
        const seed = options.seed + s;
        const run = () =>
          escalationMonteCarlo(c.doc, {
            ...c.fill,
            rungs: c.rungs,
            redLines: c.redLines,
            draws: ESCALATION_DRAWS,
            seed,
          });
        const reference = () => monteCarlo(c.doc, { ...c.fill, draws: ESCALATION_DRAWS, seed });
        for (let w = 0; w < options.warmup; w++) run();
        for (let r = 0; r < options.runs; r++) {
          row.samples.push(timed(options.gc, run));
          row.reference.push(timed(options.gc, reference));
        }
        // The check: without red lines the lowest rung is the resilience Monte Carlo, draw for draw.
        const bare = escalationMonteCarlo(c.doc, {
          ...c.fill,
          rungs: c.rungs,
          draws: ESCALATION_DRAWS,
          seed,
        });
        const resilience = monteCarlo(c.doc, { ...c.fill, draws: ESCALATION_DRAWS, seed });
        if (JSON.stringify(bare.rungs[0]?.personnelMatched) !== JSON.stringify(resilience.personnelMatched))
          failures.push(
            `${c.name}, seed ${seed}: the lowest rung without red lines differs from the resilience Monte Carlo`,
          );
      }
      rows.push(row);
    }
    const all = rows.flatMap((r) => r.samples);
    const whole: Row = {
      name: 'whole family',
      rungs: 0,
      redLines: 0,
      samples: all,
      reference: rows.flatMap((r) => r.reference),
    };
    const columns: Column<Row>[] = [
      { header: 'case', value: (r) => r.name, align: 'left' },
      { header: 'rungs', value: (r) => (r === whole ? '' : String(r.rungs)), align: 'right' },
      { header: 'red lines', value: (r) => (r === whole ? '' : String(r.redLines)), align: 'right' },
      { header: 'runs', value: (r) => String(r.samples.length), align: 'right' },
      { header: 'median ms', value: (r) => ms(median(r.samples)), align: 'right' },
      { header: 'worst ms', value: (r) => ms(Math.max(...r.samples)), align: 'right' },
      {
        header: `≤${ESCALATION_TARGET_MS} ms`,
        value: (r) => `${verdict(median(r.samples))} / ${verdict(Math.max(...r.samples))}`,
        align: 'left',
      },
      { header: 'resilience MC ms', value: (r) => ms(median(r.reference)), align: 'right' },
      {
        header: '÷ resilience',
        value: (r) => `${(median(r.samples) / Math.max(1e-9, median(r.reference))).toFixed(2)}×`,
        align: 'right',
      },
    ];
    return {
      title: `Escalation Monte Carlo: ${ESCALATION_DRAWS.toLocaleString('en-GB')} draws per run (target ≤ ${ESCALATION_TARGET_MS} ms)`,
      about: [
        `Seeds ${options.seed}..${options.seed + options.seeds - 1}, ${options.runs} measured runs each after ${options.warmup} warm-up.`,
      ],
      table: renderTable([...rows, whole], columns),
      notes: [
        'median and worst over every measured run; verdict median / worst against the target. resilience MC: the ' +
          'resilience Monte Carlo of the same scenario, seed and draws, median (the reference: every nation drawn on ' +
          'its own, no ladder); ÷ resilience is the figure to compare from commit to commit. A MISS alone does not ' +
          'fail the run; the lowest rung differing from the resilience Monte Carlo without red lines does.',
      ],
      failures,
    };
  },
};
