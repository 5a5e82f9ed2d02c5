import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../../src/domain/scenario-document.ts';
import { prepareFill } from '../../src/planner/force-fill.ts';
import { monteCarlo } from '../../src/planner/resilience.ts';
import { drawMasksOnly } from './floor.ts';

describe('drawMasksOnly', () => {
  it('draws exactly what monteCarlo draws for the same seed, so it is a fair floor', () => {
    const parsed = parseScenarioText(
      readFileSync(new URL('../../data/scenarios/article-2025-03.yaml', import.meta.url), 'utf8'),
      'yaml',
    );
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    for (const options of [{}, { usBackstop: true }]) {
      const report = monteCarlo(parsed.document, { ...options, draws: 2000, seed: 5 });
      const floor = drawMasksOnly(prepareFill(parsed.document, options), report.nations, 2000, 5);
      expect(floor.deliveredCounts).toEqual(report.nations.map((n) => Math.round(n.deliveredShare * 2000)));
      expect(floor.offersDelivered).toBeGreaterThan(0);
    }
  });
});
