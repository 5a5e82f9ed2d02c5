// The text `coalition plan` prints: when the force closes, the objective the plan is measured by,
// its parts and its gap to a proved bound, what holds it up, the bottlenecks, the ULNs that cannot move (penalised, each with its
// reason and lift) and those that miss their LAD. Every day is a C-day ("C+12"), with its calendar
// date beside it when the scenario sets a C-day ("C+12 (14 Apr 2025)"), never a bare or negative day
// count; every line fits a 100-column terminal (long names wrap at spaces, under a hanging indent).
import { formatCDay } from '../../domain/deployment/c-day.ts';
import type { PlanEnvelope, PlanReport, PlanUln } from '../../contract/plan.ts';
import { renderTable, wrapCell } from '../table.ts';

/** The widest line the plan prints. */
export const PLAN_WIDTH = 100;
/** How many ULNs that miss their LAD are listed; the rest are counted. */
const MISSED_LAD_LISTED = 10;

const n = (x: number) => Math.round(x).toLocaleString('en-GB');
const daysText = (d: number) => `${d} ${d === 1 ? 'day' : 'days'}`;

/** `text` wrapped to the plan's width: the first line after `first`, the rest after `rest`. */
export function wrapParagraph(text: string, first = '', rest = first): string[] {
  const lines = wrapCell(text, PLAN_WIDTH - Math.max(first.length, rest.length));
  return lines.map((l, i) => `${i === 0 ? first : rest}${l}`);
}

export function printPlan(body: PlanEnvelope): string {
  const r: PlanReport = body.result;
  const day = (d: number | null) => (d === null ? 'never' : formatCDay(d, r.cDay));
  const out: string[] = [];
  const para = (text: string, first = '', rest = first) => out.push(...wrapParagraph(text, first, rest));
  const source = r.forceList.source === 'generated' ? 'generated from the force fill' : 'stored';
  para(
    `Deployment plan: ${body.scenario}, from ${day(r.today)}` +
      (r.cDay ? '' : ' (no C-day set: days count from C-day, C+0)') +
      `. Force list ${source}: ${n(r.forceList.ulns)} ULNs, ${n(r.forceList.personnel)} personnel, ` +
      `${n(r.forceList.tonnes)} t.`,
  );
  if (body.partial) para('Partial: some records are not releasable to you and are left out of this plan.');
  out.push('');
  const target = r.target.personnel;
  if (r.closure.targetDay !== null) para(`The ${n(target)} close on ${day(r.closure.targetDay)}.`);
  else
    para(
      `The ${n(target)} do not close: ${r.target.notInForceList > 0 ? `the force list holds ${n(r.forceList.personnel)} (${n(r.target.notInForceList)} short)` : 'not all of the force list can be moved'}.`,
    );
  para(
    `The force list closes: half by ${day(r.closure.halfDay)}, 90% by ${day(r.closure.ninetyDay)}, ` +
      `all by ${day(r.closure.allDay)} (last load ${day(r.closure.lastArrivalDay)}).`,
  );
  const o = r.objective;
  // What the planner minimises, in words: when a ULN counts as delivered, and what the unplanned add;
  // then how far from the best possible the plan is proved to be, or why that is not known.
  para(o.summary);
  para(o.bound.text);
  para(
    `Arrive by their LAD: ${n(o.madeLad)} of ${n(r.ulns.length)} ULNs. ` +
      `Ready too late for their requirement line's RDD: ${n(o.readinessLateUlns)} ULNs. ` +
      `Delivered after their own RDD: ${n(o.lateUlns)} ULNs, ${n(o.personnelDaysLate)} personnel-days ` +
      `(priority-weighted ${n(o.weightedPersonnelDaysLate)}), ${n(o.unitDaysLate)} unit-days. ` +
      `Cannot move: ${n(o.unscheduled)} ULNs` +
      (o.unscheduled > 0
        ? `, counted as delivered on the penalty day ${day(o.penaltyDay)} (${n(o.unplannedPenalty)} of the objective)`
        : '') +
      '.',
  );
  out.push('', 'What holds it up:');
  r.holdUps.forEach((h, i) => para(h, `${String(i + 1).padStart(3)}. `, '     '));
  const closed = r.closures;
  if (closed.length > 0) {
    out.push('', 'Closures:');
    for (const c of closed)
      para(
        `${c.name}: closed ${day(c.from)}${c.to !== c.from ? ` to ${day(c.to)}` : ''} (${c.reason}); ` +
          `held ${n(c.ulnsHeld)} ${c.ulnsHeld === 1 ? 'ULN' : 'ULNs'}` +
          (c.ulnsHeld > 0
            ? ` up to ${daysText(c.mostDaysHeld)}; ${n(c.ulnsMissingLad)} ${c.ulnsMissingLad === 1 ? 'misses its' : 'miss their'} LAD`
            : '') +
          '.',
        '  ',
        '    ',
      );
  }
  if (r.bottlenecks.length > 0) {
    out.push('', 'Bottlenecks:');
    // The name last, so that a long one wraps under itself and the figures stay in their columns.
    out.push(
      renderTable(r.bottlenecks, [
        { header: 'DAYS FULL', value: (b) => b.daysAtCapacity },
        { header: 'WAITING', value: (b) => Math.round(b.weightedWaiting) },
        { header: 'WHERE', value: (b) => b.name, maxWidth: PLAN_WIDTH - 22 },
      ]),
    );
  }
  const unplanned = r.ulns.filter((u) => u.status !== 'scheduled');
  if (unplanned.length > 0) {
    // Each with its reason and what its capability's lift allows: often the lift is why.
    const listed = unplanned.slice(0, MISSED_LAD_LISTED);
    out.push(
      '',
      `Cannot move, penalised: ${n(unplanned.length)} ${unplanned.length === 1 ? 'ULN' : 'ULNs'}` +
        `${unplanned.length > listed.length ? ` (first ${listed.length})` : ''}:`,
    );
    const reasons = new Map(r.missedLad.map((m) => [m.uln, m.reason]));
    for (const u of listed) {
      para(ulnTitle(u), '  ', '    ');
      para(`${reasons.get(u.uln) ?? u.status}. ${liftText(u)}`, '    ');
    }
  }
  if (r.missedLad.length > 0) {
    const listed = r.missedLad.slice(0, MISSED_LAD_LISTED);
    out.push(
      '',
      `Missing their LAD: ${n(r.missedLad.length)} ULNs${r.missedLad.length > listed.length ? ` (first ${listed.length})` : ''}:`,
    );
    const byId = new Map(r.ulns.map((u) => [u.uln, u]));
    for (const m of listed) {
      const u = byId.get(m.uln);
      para(u ? ulnTitle(u) : m.uln, '  ', '    ');
      para(u ? missedLadText(u, m, day) : m.reason, '    ');
    }
  }
  if (body.reference) {
    const ref = body.reference;
    out.push('');
    para(
      `Optimality reference (HiGHS LP, splittable): ${ref.status}` +
        (ref.objective !== null ? `, objective ${n(ref.objective)}` : '') +
        (ref.gapPercent !== null ? `, planner gap ${ref.gapPercent.toFixed(2)}%` : '') +
        `, ${ref.seconds.toFixed(2)} s.`,
    );
  }
  return out.join('\n');
}

/** "GBR-0012 Armoured infantry battalion (GBR), line REQ-ARM-KYIV (Armoured infantry battalion, Kyiv)" */
function ulnTitle(u: PlanUln): string {
  return `${u.uln} ${u.unit}, line ${u.line}${u.lineName ? ` (${u.lineName})` : ''}`;
}

/** "Lift: road, rail or sea; largest item 62 t." — what may carry the ULN, from its capability. */
function liftText(u: PlanUln): string {
  const modes = u.modes ? `by ${u.modes.join(', ')} only` : 'any mode';
  const item = u.largestItemTonnes !== null ? `; largest item ${u.largestItemTonnes} t` : '';
  return `Lift: ${modes}${item}.`;
}

/** Why a ULN misses its LAD, days as C-days: "LAD C+50, arrives C+57: missed by 7 days; waited …". */
function missedLadText(
  u: PlanUln,
  m: PlanReport['missedLad'][number],
  day: (d: number | null) => string,
): string {
  if (m.kind === 'congestion' && u.arrivalDay !== null)
    return (
      `LAD ${day(u.lad)}, arrives ${day(u.arrivalDay)}: missed by ${daysText(u.arrivalDay - u.lad)}` +
      (u.heldBy ? `; ${u.heldBy.text}` : '') +
      // Delivered (personnel and critical equipment in) before the last load: lateness counts from it.
      (u.deliveredDay !== null && u.deliveredDay < u.arrivalDay ? `; delivered ${day(u.deliveredDay)}` : '')
    );
  if (m.kind === 'readiness') return `LAD ${day(u.lad)}, ready ${day(u.ald)}: ${m.reason}`;
  return m.reason;
}
