import { describe, expect, it } from 'vitest';
import { generateDeploymentInstance } from '../../src/planner/deploy/instance-generator.ts';
import { measureReplan } from './replan.ts';

describe('measureReplan', () => {
  it('times the full plan and the three re-plans from the day-20 state', () => {
    const rows = measureReplan(generateDeploymentInstance({ seed: 2, ulnCount: 200 }), {
      runs: 1,
      warmup: 0,
    });
    expect(rows.map((r) => r.case)).toEqual([
      'full plan, 200 ULNs',
      're-plan from day 20, nothing changed',
      expect.stringMatching(/^re-plan from day 20, U\d{5} ALD \+5 days$/),
      expect.stringMatching(/^re-plan from day 20, .+ closed days 20-29$/),
    ]);
    for (const r of rows) expect(r.ms).toBeGreaterThan(0);
  });
});
