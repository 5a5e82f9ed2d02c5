// `coalition plan` as a leader reads it: every day a C-day with its date once C-day is set, never a
// bare negative day, every line within 100 columns, each late ULN named by unit and line, the gap to
// a proved bound after the objective. The text is checked on the shipped reference scenario, first
// through printPlan (with a C-day set, which the shipped documents leave unset), then through the
// compiled command, which also takes --bound-seconds on a scenario whose units are late.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanEnvelope } from '../contract/plan.ts';
import { parseScenarioText } from '../domain/scenario-document.ts';
import { deploymentScenario } from '../domain/test-fixtures.ts';
import { withGuidance } from '../planner/deploy/guided-plan.ts';
import { planScenario } from '../planner/deploy/plan-report.ts';
import { PLAN_WIDTH, printPlan, wrapParagraph } from './commands/plan-print.ts';
import { ROOT, coalition, requireCompiledCli, tempDir } from './test-cli.ts';

function envelope(id: string, cDay?: string): PlanEnvelope {
  const parsed = parseScenarioText(readFileSync(join(ROOT, `data/scenarios/${id}.yaml`), 'utf8'));
  if (!parsed.ok) throw new Error(parsed.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  const doc = parsed.document;
  const planned = planScenario(
    cDay === undefined ? doc : { ...doc, mission: { ...doc.mission, cDay: cDay as never } },
  );
  if (!planned.ok) throw new Error(planned.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  return {
    scenario: id,
    partial: false,
    parameters: { today: planned.report.today, reference: false, boundSeconds: 0 },
    result: planned.report,
    reference: null,
  };
}

/** The things a plan's text must never do. */
function expectReadable(text: string): void {
  const lines = text.split('\n');
  expect(lines.filter((l) => l.length > PLAN_WIDTH)).toEqual([]);
  // A day is always "C+n" or "C-n": no "day 37", "LAD -37" or "> LAD".
  expect(text).not.toMatch(/\b(?:day|LAD|RDD|EAD|ALD) -?\d/);
  expect(text).not.toMatch(/> LAD/);
}

describe('printPlan', () => {
  it('prints how the plan was bettered after its bound: the prices, then the order search', () => {
    const body = envelope('article-2025-03');
    const v = body.result.objective.value;
    const search = { moves: 1234, seconds: 19.96, startValue: v + 300 };
    const result = withGuidance(body.result, v + 900, 'the urgency order', search);
    const text = printPlan({ ...body, result });
    expectReadable(text);
    const folded = text.replace(/\s+/g, ' ');
    expect(folded).toContain('units planned in the urgency order: 600 below the');
    expect(folded).toContain('An order search then tried 1,234 orders in 20.0 s: 300 below the');
  });

  it("prints a plan made from the bound's LP schedules, and when follow-on may arrive after its LAD", () => {
    const body = envelope('article-2025-03');
    const v = body.result.objective.value;
    const lp = { kept: 1910, of: 2000, followOnAfterLad: true };
    const result = withGuidance(body.result, v + 900, "the relaxation's LP schedules", undefined, lp);
    const text = printPlan({ ...body, result });
    expectReadable(text);
    const folded = text.replace(/\s+/g, ' ');
    expect(folded).toContain(
      "The plan starts from the proved bound's LP solution: 1,910 of the 2,000 ULNs it schedules keep the schedule it gives them (follow-on equipment after its LAD where the LP sends it so, as the deployment settings allow), the others planned after them against the bound's capacity prices: 900 below the",
    );
    expect(folded).not.toContain('Routes were chosen');
  });

  it("prints a neighbourhood search after the plan from the bound's LP schedules", () => {
    const body = envelope('article-2025-03');
    const v = body.result.objective.value;
    const lp = { kept: 1910, of: 2000, followOnAfterLad: false };
    const around = { moves: 356, accepted: 9, seconds: 19.96, startValue: v + 300 };
    const result = withGuidance(body.result, v + 900, "the relaxation's LP schedules", undefined, lp, around);
    const text = printPlan({ ...body, result });
    expectReadable(text);
    const folded = text.replace(/\s+/g, ' ');
    expect(folded).toContain("against the bound's capacity prices: 600 below the");
    expect(folded).toContain(
      'A neighbourhood search then re-planned 356 groups of a late unit and the units taking its lift, after the others, in 20.0 s, keeping 9: 300 below the',
    );
  });

  it('prints article-2025-03 as C-days with calendar dates, within 100 columns', () => {
    const body = envelope('article-2025-03', '2025-04-02');
    const text = printPlan(body);
    expectReadable(text);
    const r = body.result;
    expect(text).toContain(`all by C+${r.closure.allDay} (`);
    expect(text).toContain('from C+0 (2 Apr 2025)');
    // Not every ULN misses its LAD any more, and the summary says how many make it.
    expect(r.missedLad.length).toBeLessThan(r.ulns.length);
    expect(text).toContain(`Arrive by their LAD: ${r.objective.madeLad} of ${r.ulns.length} ULNs.`);
    // The objective in words, with its parts: delivered is personnel and critical equipment in.
    expect(text.replace(/\s+/g, ' ')).toContain(r.objective.summary);
    expect(r.objective.summary).toContain('90% of its tonnes (its critical equipment)');
    expect(text.replace(/\s+/g, ' ')).toMatch(
      /Delivered after their own RDD: \d+ ULNs, [\d,]+ personnel-days \(priority-weighted [\d,]+\), [\d,]+ unit-days\. Cannot move: 0 ULNs\./,
    );
    // The closed crossing, with its window as dates.
    const folded = text.replace(/\s+/g, ' ');
    expect(folded).toContain(
      'Medyka–Shehyni road crossing (POL) → Lviv staging area (Lviv rail junction) (UKR), road: closed C+1 (3 Apr 2025) to C+4 (6 Apr 2025)',
    );
    // Each late ULN is named by unit and line, its LAD and arrival as C-days with dates and the miss in days.
    for (const m of r.missedLad.slice(0, 10)) {
      const u = r.ulns.find((x) => x.uln === m.uln)!;
      expect(folded).toContain(`${u.uln} ${u.unit}, line ${u.line} (${u.lineName})`);
      expect(folded).toMatch(
        new RegExp(
          `LAD C\\+${u.lad} \\([^)]+\\), arrives C\\+${u.arrivalDay} \\([^)]+\\): missed by ${u.arrivalDay! - u.lad} days?; waited`,
        ),
      );
    }
  });

  it('leaves the dates out when the scenario sets no C-day, and says so', () => {
    const body = envelope('reported-2026-01');
    const text = printPlan(body);
    expectReadable(text);
    expect(text).toContain('from C+0 (no C-day set: days count from C-day, C+0)');
    expect(text).not.toMatch(/C\+\d+ \(\d/);
  });

  it('writes days before C-day as C-n and wraps long words with an ellipsis', () => {
    const body = envelope('reported-2026-01');
    const late = body.result.ulns[0]!;
    const withEarly: PlanEnvelope = {
      ...body,
      result: {
        ...body.result,
        missedLad: [{ uln: late.uln, kind: 'congestion', reason: 'x' }],
        ulns: [{ ...late, lad: -37, arrivalDay: 0, heldBy: null }, ...body.result.ulns.slice(1)],
      },
    };
    const text = printPlan(withEarly);
    expectReadable(text);
    expect(text).toContain('LAD C-37, arrives C+0: missed by 37 days');
    expect(wrapParagraph('x'.repeat(150), '  ')).toEqual([`  ${'x'.repeat(97)}…`]);
  });
});

describe('printPlan: the gap to a proved bound', () => {
  it('follows the objective with how far the plan is proved to be from the best possible', () => {
    const body = envelope('reported-2026-01');
    const folded = printPlan(body).replace(/\s+/g, ' ');
    expect(folded).toContain(`${body.result.objective.summary} Optimal: nobody is late.`);
    const text = 'Within 12.4% of the best possible (proved bound 41,200 weighted personnel-days late).';
    const proved = printPlan({
      ...body,
      result: {
        ...body.result,
        objective: {
          ...body.result.objective,
          bound: { value: 41_200, gapPercent: 12.35, status: 'proved', seconds: 4.9, text },
        },
      },
    });
    expectReadable(proved);
    expect(proved.replace(/\s+/g, ' ')).toContain(`${body.result.objective.summary} ${text}`);
  });
});

describe('printPlan: ULNs that cannot move', () => {
  it('lists each with its reason and its lift, and says what they add to the objective', () => {
    const body = envelope('reported-2026-01');
    const [stuck, ...rest] = body.result.ulns;
    const reason = `no route from ${stuck!.origin} to ${stuck!.destination} that its lift allows (modes sea)`;
    const penalised: PlanEnvelope = {
      ...body,
      result: {
        ...body.result,
        objective: { ...body.result.objective, unscheduled: 1, unplannedPenalty: 12_345, penaltyDay: 296 },
        missedLad: [{ uln: stuck!.uln, kind: 'no-route', reason }],
        ulns: [
          {
            ...stuck!,
            status: 'no-route',
            modes: ['sea'],
            largestItemTonnes: 62,
            legs: [],
            arrivalDay: null,
            deliveredDay: null,
          },
          ...rest,
        ],
      },
    };
    const text = printPlan(penalised);
    expectReadable(text);
    const folded = text.replace(/\s+/g, ' ');
    expect(folded).toContain(
      'Cannot move: 1 ULNs, counted as delivered on the penalty day C+296 (12,345 of the objective).',
    );
    expect(folded).toContain(
      `Cannot move, penalised: 1 ULN: ${stuck!.uln} ${stuck!.unit}, line ${stuck!.line} (${stuck!.lineName}) ${reason}. Lift: by sea only; largest item 62 t.`,
    );
  });
});

describe('coalition plan', () => {
  beforeAll(requireCompiledCli);

  it(
    'prints article-2025-03 readably, with fewer ULNs missing their LAD than there are ULNs',
    { timeout: 600_000 },
    async () => {
      const env = { COALITION_DATA: join(tempDir(), 'data'), COALITION_SEED: 'true' };
      const r = await coalition(['plan', 'article-2025-03'], env);
      expect(r.code, r.stderr).toBe(0);
      expectReadable(r.stdout);
      const made = /Arrive by their LAD: (\d+) of (\d+) ULNs\./.exec(r.stdout);
      expect(made).not.toBeNull();
      expect(Number(made![1])).toBeGreaterThan(Number(made![2]) / 2);
      expect(r.stdout).toContain('Closures:');
      // Nobody is late: the plan says it is optimal.
      expect(r.stdout.replace(/\s+/g, ' ')).toContain('Optimal: nobody is late.');
    },
  );

  it(
    'prints the gap to the bound proved in --bound-seconds, and names a bad value',
    { timeout: 600_000 },
    async () => {
      const dir = tempDir();
      const env = { COALITION_DATA: join(dir, 'data') };
      // The deployment sample with its only road into Ukraine closed to C+120: every unit is late.
      const base = deploymentScenario();
      const arcs = base.network!.arcs!.map((a) =>
        a.id === 'medyka-kyiv' ? { ...a, closures: [{ from: 0, to: 120, reason: 'bridge repairs' }] } : a,
      );
      const file = join(dir, 'late.json');
      writeFileSync(file, JSON.stringify({ ...base, id: 'late', network: { ...base.network, arcs } }));
      const imported = await coalition(['import', file], env);
      expect(imported.code, imported.stderr).toBe(0);

      const proved = await coalition(['plan', 'late', '--bound-seconds', '10'], env);
      expect(proved.code, proved.stderr).toBe(0);
      expectReadable(proved.stdout);
      expect(proved.stdout.replace(/\s+/g, ' ')).toMatch(
        /\. Within \d+\.\d% of the best possible \(proved bound [\d,]+ weighted personnel-days late\)\. Arrive by their LAD/,
      );
      const none = await coalition(['plan', 'late', '--bound-seconds', '0'], env);
      expect(none.stdout.replace(/\s+/g, ' ')).toContain(
        'No proved bound: none was asked for (bound time 0 s).',
      );
      const bad = await coalition(['plan', 'late', '--bound-seconds', '500'], env);
      expect(bad.code).toBe(1);
      expect(bad.stderr).toContain('late: --bound-seconds: must be a whole number from 0 to 120');
    },
  );
});
