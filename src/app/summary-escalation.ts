// The escalation figures a what-if comparison reads (issue 15): at the ladder's top rung, with every
// red line in effect, the personnel matched when every nation delivers, and the personnel able to
// reach the sector nearest the line within 48 hours; each with its parts per nation (and per ULN for
// the second), so a change can be traced. Deterministic: the escalation Monte Carlo's "all deliver"
// figure is not drawn, so one draw gives it.
import type { ForceFillOptions } from '../planner/force-fill.ts';
import { rungConstraintsOf } from '../domain/analysis/response.ts';
import { ladderOf } from '../domain/escalation.ts';
import { prepareLine } from '../domain/geo/line-distance.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { polylinesOf } from '../domain/theatre.ts';
import type { ScenarioPlanResult } from '../planner/deploy/plan-report.ts';
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
  if (planned.ok) {
    const loc = doc.theatre?.lineOfContact;
    const line = loc ? prepareLine(polylinesOf(loc.geometry)) : null;
    // Without a ladder, no red line is in effect: one rung of its own stands for "as things are".
    const ladder = rungs.length > 0 ? rungs : [{ id: '(no ladder)', hoursToRespond: RESPOND_FIGURE_HOURS }];
    const outcome = responseOf({ doc, planned, line, rungs: rungs.length > 0 ? rungs : [] });
    if (outcome.ok && outcome.report) {
      const report = outcome.report;
      const sectorDistance = report.sectors.find((s) => s.sector === report.sector)!.distanceToLineKm;
      const top = rungConstraintsOf(ladder, doc.redLines).at(-1)!;
      respond48h = 0;
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
  return { matchedAtTopRung, withdrawnByNation, respond48h, respondByNation, respondByUln };
}
