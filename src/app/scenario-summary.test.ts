// The risk figures of a scenario's summary (what comparisons of courses of action read): personnel
// standing within 50 km of the line of contact and ULNs standing where a caveat forbids, traced to
// nations and ULNs; none without a line.
import { describe, expect, it } from 'vitest';
import { planScenario } from '../planner/deploy/plan-report.ts';
import { loadExchangeRates, loadScenarioFile } from './reference-data.ts';
import { summariseScenario } from './scenario-summary.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';

const rates = loadExchangeRates();
const article = loadScenarioFile('data/scenarios/article-2025-03.yaml');

/** The article's scenario with its line of contact moved to run past `node`, 20 km east of it. */
function lineNear(doc: ScenarioDocument, nodeId: string): ScenarioDocument {
  const node = doc.network.nodes.find((n) => n.id === nodeId)!;
  const lon = node.lon + 20 / (111.2 * Math.cos((node.lat * Math.PI) / 180));
  return {
    ...doc,
    theatre: {
      ...doc.theatre!,
      lineOfContact: {
        ...doc.theatre!.lineOfContact!,
        geometry: {
          type: 'LineString',
          coordinates: [
            [lon, node.lat - 1],
            [lon, node.lat + 1],
          ],
        },
      },
    },
  };
}

describe('the risk figures of a summary', () => {
  const planned = planScenario(article);
  if (!planned.ok) throw new Error('the reference scenario plans');
  // Node 20 has no Map.groupBy.
  const byDestination = new Map<string, typeof planned.report.ulns>();
  for (const u of planned.report.ulns)
    byDestination.set(u.destination, [...(byDestination.get(u.destination) ?? []), u]);
  const busiest = [...byDestination].sort((a, b) => b[1].length - a[1].length)[0]!;
  const [destination, ulns] = busiest;

  it('counts the personnel standing within 50 km, by nation and ULN, and flags caveats that forbid it', () => {
    const near = lineNear(article, destination);
    const firstOffer = planned.ulns.find((u) => u.uln === ulns[0]!.uln)!.offer;
    const cautious: ScenarioDocument = {
      ...near,
      offers: near.offers.map((o) =>
        o.id === firstOffer ? { ...o, caveats: { ...o.caveats, minDistanceFromLineKm: 100 } } : o,
      ),
    };
    const { summary } = summariseScenario({ doc: cautious, rates, partial: false }, { draws: 200 });
    const here = ulns.filter((u) => u.arrivalDay !== null);
    expect(summary.figures.within50km).toBe(here.reduce((s, u) => s + u.personnel, 0));
    const byNation = summary.breakdowns.nation.reduce((s, n) => s + (n.values.within50km ?? 0), 0);
    expect(byNation).toBe(summary.figures.within50km);
    expect(summary.figures.ulnsBreachingLimits).toBeGreaterThanOrEqual(1);
    const flagged = summary.breakdowns.uln.filter((u) => u.values.breaching === 1).map((u) => u.id);
    expect(flagged).toContain(planned.ulns.find((u) => u.offer === firstOffer)!.uln);
  });

  it('gives no risk figures, and says why, without a line of contact', () => {
    const { theatre: _t, ...without } = article;
    const { summary } = summariseScenario(
      { doc: without as ScenarioDocument, rates, partial: false },
      { draws: 200 },
    );
    expect(summary.figures.within50km).toBeNull();
    expect(summary.figures.ulnsBreachingLimits).toBeNull();
    expect(summary.notes.join(' ')).toMatch(/No line of contact/);
  });
});
