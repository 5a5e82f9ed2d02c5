// The risk figures of a scenario's summary (what comparisons of courses of action read): personnel
// standing within 50 km of the line of contact and ULNs standing where a caveat forbids, traced to
// nations and ULNs, none without a line; and the escalation figures (the force at the top rung, those
// able to respond within 48 h), equal to the risk analysis's.
import { describe, expect, it } from 'vitest';
import { planScenario } from '../planner/deploy/plan-report.ts';
import { loadExchangeRates, loadScenarioFile } from './reference-data.ts';
import { summariseScenario } from './scenario-summary.ts';
import { computeAnalysis } from './analyses.ts';
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

  it('gives the escalation figures: the force at the top rung and those able to respond in 48 h, as the risk analysis has them', () => {
    const args = { draws: 200 };
    const { summary } = summariseScenario({ doc: article, rates, partial: false }, args);
    const risk = computeAnalysis('risk', { doc: article, rates, partial: false }, args).result;
    expect(summary.figures.matchedAtTopRung).toBe(risk.ladder!.rungs.at(-1)!.allDeliver.personnelMatched);
    expect(summary.figures.respond48h).toBe(risk.headline.respondWithin48h.at(-1)!.personnel);
    const byNation = summary.breakdowns.nation.reduce((s, n) => s + (n.values.respond48h ?? 0), 0);
    const byUln = summary.breakdowns.uln.reduce((s, u) => s + (u.values.respond48h ?? 0), 0);
    expect(byNation).toBe(summary.figures.respond48h);
    expect(byUln).toBe(summary.figures.respond48h);

    // A red line at the top rung for the nation with most responders takes them from both figures.
    const [nation] = [...summary.breakdowns.nation].sort(
      (a, b) => (b.values.respond48h ?? 0) - (a.values.respond48h ?? 0),
    );
    const top = risk.ladder!.rungs.at(-1)!.id;
    const withLine: ScenarioDocument = {
      ...article,
      redLines: [
        ...article.redLines,
        {
          id: `RL-${nation!.id}-9`,
          nation: nation!.id as never,
          rung: top,
          effect: 'withdraws',
          statement: 't',
        },
      ],
    };
    const after = summariseScenario({ doc: withLine, rates, partial: false }, args).summary;
    expect(after.figures.respond48h).toBe(summary.figures.respond48h! - nation!.values.respond48h!);
    expect(after.figures.matchedAtTopRung!).toBeLessThan(summary.figures.matchedAtTopRung!);
    const withdrawn = after.breakdowns.nation.find((n) => n.id === nation!.id)!.values.withdrawnAtTopRung!;
    expect(withdrawn).toBeGreaterThan(0);
  });

  it('gives no force at the top rung without a ladder, but still who can respond', () => {
    const { escalation: _e, ...without } = article;
    const { summary } = summariseScenario(
      { doc: without as ScenarioDocument, rates, partial: false },
      { draws: 200 },
    );
    expect(summary.figures.matchedAtTopRung).toBeNull();
    expect(summary.figures.respond48h).toBeGreaterThan(0);
  });
});
