// The plans of the two shipped reference scenarios, against what the documentation says of them:
// data/README.md and the README state how many ULNs make their LAD and what holds up the rest, and
// this test plans both scenarios as `coalition plan` does and compares, so the figures cannot drift
// from the data. It also holds the force list to windows a unit can make.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { liftCarries } from '../../domain/deployment/lift.ts';
import { shortestTransitFrom } from '../../domain/deployment/transit.ts';
import { parseScenarioText } from '../../domain/scenario-document.ts';
import type { ScenarioDocument } from '../../domain/scenario-schema.ts';
import { liftsOf, planScenario } from './plan-report.ts';

const ROOT = new URL('../../../', import.meta.url);
const read = (path: string) => readFileSync(new URL(path, ROOT), 'utf8');

function load(id: string): ScenarioDocument {
  const r = parseScenarioText(read(`data/scenarios/${id}.yaml`));
  if (!r.ok) throw new Error(`${id}: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  return r.document;
}

/** "214 of 218" as the documentation states it for the scenario, from every place it does. */
function documentedLad(id: string): { file: string; made: number; of: number }[] {
  const found: { file: string; made: number; of: number }[] = [];
  for (const file of ['data/README.md', 'README.md']) {
    // Markdown wraps lines anywhere: the sentence is looked for with its whitespace folded.
    const text = read(file).replace(/\s+/g, ' ');
    const pattern = new RegExp(`\`?${id}\`?: (\\d+) of (\\d+) ULNs make their LAD`, 'g');
    for (const m of text.matchAll(pattern)) found.push({ file, made: Number(m[1]), of: Number(m[2]) });
  }
  return found;
}

describe.each(['article-2025-03', 'reported-2026-01'])('the shipped plan of %s', (id) => {
  const doc = load(id);
  const planned = planScenario(doc);
  if (!planned.ok) throw new Error(planned.issues.map((i) => `${i.path}: ${i.message}`).join('; '));
  const { report, ulns } = planned;

  it('does not have every ULN miss its LAD, and the documented count is the real one', () => {
    expect(report.forceList.source).toBe('generated');
    expect(report.missedLad.length).toBeLessThan(report.ulns.length / 2);
    expect(report.objective.madeLad).toBe(report.ulns.length - report.missedLad.length);
    const documented = documentedLad(id);
    expect(documented.map((d) => d.file).sort()).toEqual(['README.md', 'data/README.md']);
    for (const d of documented)
      expect({ file: d.file, made: d.made, of: d.of }).toEqual({
        file: d.file,
        made: report.objective.madeLad,
        of: report.ulns.length,
      });
  });

  it('gives every ULN a window it can make, over the arcs its lift allows', () => {
    const liftOf = liftsOf(doc.capabilities);
    for (const r of ulns) {
      const lift = liftOf(r.capability);
      const arcs = doc.network.arcs.filter((a) => liftCarries(lift, r.tonnes, a));
      const days = shortestTransitFrom(arcs, r.origin).get(r.destination);
      expect(days, `${r.uln} reaches its destination`).toBeDefined();
      expect(Math.max(r.ald, 0) + days!, r.uln).toBeLessThanOrEqual(r.ead);
      expect(r.ead, r.uln).toBeLessThanOrEqual(r.lad);
      expect(r.lad + doc.deployment!.onwardMovementDays, r.uln).toBeLessThanOrEqual(r.rdd);
    }
    expect(report.missedLad.filter((m) => m.kind === 'readiness')).toEqual([]);
  });

  it('states its objective: every ULN planned and delivered by its RDD, so nothing counts', () => {
    const o = report.objective;
    expect(o.unscheduled).toBe(0);
    expect(o.unplannedPenalty).toBe(0);
    // README: "Both objectives are 0: every ULN is planned and delivered by the RDD its readiness allows".
    expect(o.value).toBe(0);
    expect(o.value).toBeCloseTo(o.weightedPersonnelDaysLate + o.unplannedPenalty, 6);
    expect(o.criticalShare).toBe(0.9);
    expect(o.penaltyDay).toBe(2 * report.horizonDays);
    for (const u of report.ulns) {
      expect(u.deliveredDay, u.uln).not.toBeNull();
      expect(u.deliveredDay!, u.uln).toBeLessThanOrEqual(u.arrivalDay!);
      expect(u.daysLate, u.uln).toBe(Math.max(0, u.deliveredDay! - u.rdd));
    }
    expect(o.summary).toMatch(/^Objective [\d,]+ weighted personnel-days late \(lower is better\)/);
    expect(o.summary).toContain('90% of its tonnes (its critical equipment)');
  });

  it('says what holds up the ULNs that miss their LAD, and shows its closures', () => {
    for (const m of report.missedLad) {
      expect(m.kind).toBe('congestion');
      expect(report.ulns.find((u) => u.uln === m.uln)!.heldBy, m.uln).not.toBeNull();
    }
    const medyka = report.closures.find((c) => c.arc === 'road.POL-MEDYKA-ROAD.UKR-LVIV-STG');
    expect(medyka).toMatchObject({ from: 1, to: 4 });
    expect(medyka!.ulnsHeld).toBeGreaterThan(0);
    expect(report.holdUps.join('\n')).toContain(`Closure: ${medyka!.name} is closed C+1 to C+4`);
    expect(report.bottlenecks.find((b) => b.id === medyka!.arc)?.explanation).toMatch(/^closed C\+1 to C\+4/);
  });
});

describe('the documented hold-ups of the reference plans', () => {
  const text = read('data/README.md').replace(/\s+/g, ' ');

  it('article-2025-03: the ULNs that miss their LAD wait for sea lift from Marchwood to Gdańsk', () => {
    const planned = planScenario(load('article-2025-03'));
    if (!planned.ok) throw new Error('expected a plan');
    const missed = planned.report.missedLad.length;
    expect(text).toContain(`the other ${missed} (British armour and artillery) wait`);
    const held = planned.report.ulns.filter((u) => planned.report.missedLad.some((m) => m.uln === u.uln));
    expect(held.map((u) => u.heldBy?.id)).toEqual(held.map(() => 'sea.GBR-MARCHWOOD.POL-GDANSK-SPOD'));
    expect(held.every((u) => u.nation === 'GBR')).toBe(true);
    const days = held.map((u) => u.heldBy!.days);
    expect(text).toContain(`wait ${Math.min(...days)} to ${Math.max(...days)} days for sea lift`);
  });

  it('reported-2026-01: the Medyka blockade holds ULNs within their windows', () => {
    const planned = planScenario(load('reported-2026-01'));
    if (!planned.ok) throw new Error('expected a plan');
    const medyka = planned.report.closures.find((c) => c.arc === 'road.POL-MEDYKA-ROAD.UKR-LVIV-STG')!;
    expect(text).toContain(
      `the Medyka blockade holds ${medyka.ulnsHeld} of them up to ${medyka.mostDaysHeld} days, within their windows`,
    );
    expect(medyka.ulnsMissingLad).toBe(0);
  });
});
