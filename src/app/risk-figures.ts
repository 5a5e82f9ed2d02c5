// The risk figures a what-if comparison and the dashboard read (issue 15), each with its parts per
// nation or ULN so that a change can be traced: personnel standing within 50 km of the line and the
// ULNs standing nearer than a caveat or red line allows (exposureFigures); at the ladder's top rung,
// with every red line in effect, the personnel matched when every nation delivers and the personnel
// able to reach the sector nearest the line within 48 hours (escalationFigures). Deterministic: the
// escalation Monte Carlo's "all deliver" figure is not drawn, so one draw gives it.
import type { ForceFillOptions } from '../planner/force-fill.ts';
import { rungConstraintsOf } from '../domain/analysis/response.ts';
import { ladderOf } from '../domain/escalation.ts';
import { prepareLine } from '../domain/geo/line-distance.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { exposureBandsOf, polylinesOf } from '../domain/theatre.ts';
import { computeExposure } from '../domain/analysis/exposure.ts';
import { WITHIN_KM } from '../domain/comparison/figures.ts';
import { planScenario, type PlanReport, type ScenarioPlanResult } from '../planner/deploy/plan-report.ts';
import { registerSummary, type RegisterSummary } from '../domain/risk-register.ts';
import { exposurePositions, offersByUln } from '../planner/exposure-positions.ts';
import { escalationMonteCarlo } from '../planner/escalation.ts';
import { responseOf } from './risk-response.ts';

/** The response window of the figure, hours: the coalition's tier of the reported tiered response. */
export const RESPOND_FIGURE_HOURS = 48;

export interface EscalationFigures {
  /** Null without a ladder. */
  matchedAtTopRung: number | null;
  /** Per nation, personnel withdrawn at the top rung (what the red lines take from the force). */
  withdrawnByNation: Map<string, number>;
  /** Null without a plan or a sector with a placed destination. */
  respond48h: number | null;
  respondByNation: Map<string, number>;
  respondByUln: Map<string, number>;
  /** The top rung's id; null without a ladder. */
  topRung: string | null;
  /** The sector the response is to: the one nearest the line; null with no response figure. */
  sector: string | null;
}

export function escalationFigures(
  doc: ScenarioDocument,
  options: ForceFillOptions,
  planned: ScenarioPlanResult,
): EscalationFigures {
  const rungs = ladderOf(doc.escalation);
  let matchedAtTopRung: number | null = null;
  const withdrawnByNation = new Map<string, number>();
  if (rungs.length > 0) {
    const report = escalationMonteCarlo(doc, {
      ...options,
      draws: 1,
      seed: 1,
      rungs,
      redLines: doc.redLines,
    });
    const top = report.rungs[report.rungs.length - 1]!;
    matchedAtTopRung = top.allDeliver.personnelMatched;
    for (const w of top.withdrawals) withdrawnByNation.set(w.nation, w.personnelWithdrawn);
  }

  const respondByNation = new Map<string, number>();
  const respondByUln = new Map<string, number>();
  let respond48h: number | null = null;
  let sector: string | null = null;
  if (planned.ok) {
    const loc = doc.theatre?.lineOfContact;
    const line = loc ? prepareLine(polylinesOf(loc.geometry)) : null;
    // Without a ladder, no red line is in effect: one rung of its own stands for "as things are".
    const ladder = rungs.length > 0 ? rungs : [{ id: '(no ladder)', hoursToRespond: RESPOND_FIGURE_HOURS }];
    const outcome = responseOf({ doc, planned, line, rungs });
    if (outcome.ok && outcome.report) {
      const report = outcome.report;
      const sectorDistance = report.sectors.find((s) => s.sector === report.sector)!.distanceToLineKm;
      const top = rungConstraintsOf(ladder, doc.redLines).at(-1)!;
      respond48h = 0;
      sector = report.sector;
      for (const u of report.units) {
        if (u.hours === null || u.hours > RESPOND_FIGURE_HOURS) continue;
        const km = top.keepAwayKm.get(u.nation);
        if (km !== undefined && sectorDistance !== null && sectorDistance < km) continue;
        const kept = Math.round(u.personnel * (1 - (top.withdrawn.get(u.nation) ?? 0)));
        if (kept <= 0) continue;
        respond48h += kept;
        respondByUln.set(u.id, kept);
        respondByNation.set(u.nation, (respondByNation.get(u.nation) ?? 0) + kept);
      }
    }
  }
  return {
    matchedAtTopRung,
    withdrawnByNation,
    respond48h,
    respondByNation,
    respondByUln,
    topRung: rungs.at(-1)?.id ?? null,
    sector,
  };
}

/**
 * The risk figures' parts: per ULN its personnel standing within WITHIN_KM of the line once deployed,
 * and the ULNs standing where their offer's caveat or their nation's red line forbids. Null without
 * a line of contact.
 */
export function exposureFigures(
  doc: ScenarioDocument,
  plan: PlanReport,
  ulns: readonly { uln: string; offer: string }[],
): {
  withinByUln: Map<string, number>;
  withinByNation: Map<string, number>;
  breaching: Set<string>;
  breachingByNation: Map<string, number>;
} | null {
  const loc = doc.theatre?.lineOfContact;
  if (!loc) return null;
  const { positions } = exposurePositions(plan, offersByUln(ulns, doc.offers));
  const exposure = computeExposure({
    line: polylinesOf(loc.geometry),
    bands: exposureBandsOf(doc.theatre),
    zones: doc.theatre?.zones ?? [],
    redLines: doc.redLines,
    positions,
  });
  const withinByUln = new Map<string, number>();
  const withinByNation = new Map<string, number>();
  for (const p of exposure.positions) {
    if (p.fromDay === null || p.distanceKm > WITHIN_KM) continue;
    withinByUln.set(p.id, (withinByUln.get(p.id) ?? 0) + p.personnel);
    withinByNation.set(p.nation, (withinByNation.get(p.nation) ?? 0) + p.personnel);
  }
  const breaching = new Set<string>();
  const breachingByNation = new Map<string, number>();
  for (const f of exposure.flags) {
    if (f.kind === 'zone' || breaching.has(f.unit)) continue;
    breaching.add(f.unit);
    breachingByNation.set(f.nation, (breachingByNation.get(f.nation) ?? 0) + 1);
  }
  return { withinByUln, withinByNation, breaching, breachingByNation };
}

/** What the dashboard shows of the risk picture (see the header), and the register's headline. */
export interface RiskHeadline {
  within50km: number | null;
  ulnsBreachingLimits: number | null;
  escalation: EscalationFigures;
  register: RegisterSummary;
}

export function riskHeadline(doc: ScenarioDocument, options: ForceFillOptions, asOf: string): RiskHeadline {
  const planned = planScenario(doc);
  const exposure = planned.ok ? exposureFigures(doc, planned.report, planned.ulns) : null;
  let within = 0;
  if (exposure) for (const v of exposure.withinByUln.values()) within += v;
  return {
    within50km: exposure ? within : null,
    ulnsBreachingLimits: exposure ? exposure.breaching.size : null,
    escalation: escalationFigures(doc, options, planned),
    register: registerSummary(doc.risks, asOf),
  };
}
