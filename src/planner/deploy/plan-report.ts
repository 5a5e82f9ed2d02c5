// A scenario's deployment plan as its users read it: when the force closes, what holds it up, and
// per ULN, arc and node what the schedule does. Built from the scenario document as the viewer may
// see it (the store's export applies releasability), so a plan never shows a ULN, node or arc the
// viewer cannot see. JSON-safe: the API, the CLI and the web pages all read this one shape.
import type { UlnRecord } from '../../domain/deployment/force-list.ts';
import { generateForceList } from '../../domain/deployment/force-list.ts';
import type { MovementRecord } from '../../domain/deployment/movement.ts';
import type { NetworkArc, NetworkNode } from '../../domain/deployment/network.ts';
import type { FieldIssue } from '../../domain/errors.ts';
import type { ScenarioDocument } from '../../domain/scenario-schema.ts';
import type {
  ForceListSource,
  PlanArc,
  PlanBottleneck,
  PlanLeg,
  PlanNode,
  PlanReport,
  PlanUln,
} from '../../contract/plan.ts';
import type { Assert, Same } from '../../contract/wire.ts';
import { forceFill } from '../force-fill.ts';
import { checkMovements } from './movements.ts';
import {
  planDeployment,
  type DeploymentNetwork,
  type DeploymentPlan,
  type ExecutedMovement,
  type LegSchedule,
  type Uln,
} from './schedule.ts';

// The report's shape is the API's: defined once in the contract, which the planner may import.
export type { ForceListSource, PlanArc, PlanBottleneck, PlanLeg, PlanNode, PlanReport, PlanUln };

// A plan leg is the scheduler's leg schedule as it is: the contract's schema must keep up with it.
type _PlanLegCheck = Assert<Same<PlanLeg, LegSchedule>>;

export interface ScenarioPlanOptions {
  /** Re-plan from this day: nothing new departs earlier. Default: the day after the last recorded movement, or 0. */
  today?: number;
  /** Candidate routes per origin and destination (planner default 3). */
  routesPerPair?: number;
}

export type ScenarioPlanResult =
  | { ok: true; report: PlanReport; plan: DeploymentPlan; ulns: UlnRecord[] }
  | { ok: false; issues: FieldIssue[] };

/**
 * The stored force list when the scenario has one, otherwise one generated from the force-generation
 * fill with the scenario's deployment settings.
 */
export function scenarioForceList(
  doc: ScenarioDocument,
): { ok: true; source: ForceListSource; records: UlnRecord[] } | { ok: false; issues: FieldIssue[] } {
  if (doc.forceList.length > 0) return { ok: true, source: 'stored', records: doc.forceList };
  if (!doc.deployment)
    return {
      ok: false,
      issues: [
        {
          path: 'deployment',
          message:
            'the scenario has no force list and no deployment settings (garrisons, sector destinations) to generate one from',
        },
      ],
    };
  const fill = forceFill(doc);
  const generated = generateForceList(fill.lines, {
    onwardMovementDays: doc.deployment.onwardMovementDays,
    arrivalWindowDays: doc.deployment.arrivalWindowDays,
    sectorDestinations: doc.deployment.sectorDestinations,
    garrisons: doc.deployment.garrisons,
    network: doc.network,
  });
  if (!generated.ok) return generated;
  return { ok: true, source: 'generated', records: generated.records };
}

export function toDeploymentNetwork(
  nodes: readonly NetworkNode[],
  arcs: readonly NetworkArc[],
): DeploymentNetwork {
  return {
    nodes: nodes.map((n) => ({ id: n.id, ...(n.receptionPerDay && { receptionPerDay: n.receptionPerDay }) })),
    arcs: arcs.map((a) => ({
      id: a.id,
      from: a.from,
      to: a.to,
      mode: a.mode,
      transitDays: a.transitDays,
      capacityPerDay: a.capacityPerDay,
      loadSize: a.loadSize,
      ...(a.wholeUnit !== undefined && { wholeUnit: a.wholeUnit }),
      closures: a.closures.map((c) => ({ from: c.from, to: c.to })),
    })),
  };
}

export function toPlannerUlns(records: readonly UlnRecord[]): Uln[] {
  return records.map((r) => ({
    uln: r.uln,
    personnel: r.personnel,
    tonnes: r.tonnes,
    origin: r.origin,
    destination: r.destination,
    ald: r.ald,
    ead: r.ead,
    lad: r.lad,
    rdd: r.rdd,
    priority: r.priority,
  }));
}

export function toExecuted(movements: readonly MovementRecord[]): ExecutedMovement[] {
  return movements.map((m) => ({
    uln: m.uln,
    arc: m.arc,
    departDay: m.departDay,
    arriveDay: m.arriveDay ?? null,
    personnel: m.personnel,
    tonnes: m.tonnes,
  }));
}

/** The default re-plan day: the day after the last recorded departure or arrival. */
export function defaultToday(movements: readonly MovementRecord[]): number {
  let last = -1;
  for (const m of movements) last = Math.max(last, m.departDay, m.arriveDay ?? m.departDay);
  return last + 1 > 0 ? last + 1 : 0;
}

/** Plans the scenario's force list over its network from its movement records on. */
export function planScenario(doc: ScenarioDocument, options: ScenarioPlanOptions = {}): ScenarioPlanResult {
  if (doc.network.nodes.length === 0 || doc.network.arcs.length === 0)
    return {
      ok: false,
      issues: [
        { path: 'network', message: 'the scenario has no transport network (nodes and arcs) to plan over' },
      ],
    };
  const list = scenarioForceList(doc);
  if (!list.ok) return list;
  const records = list.records;
  const today = options.today ?? defaultToday(doc.movements);
  const network = toDeploymentNetwork(doc.network.nodes, doc.network.arcs);
  const plannerUlns = toPlannerUlns(records);
  // Records that cannot have happened (written concurrently, or against a list replaced since) are
  // named rather than planned from.
  const listed = new Set<string>(records.map((r) => r.uln));
  const kept = doc.movements.filter((m) => listed.has(m.uln));
  const executed = toExecuted(kept);
  const problems = checkMovements(network, plannerUlns, executed, { checkAld: false });
  if (problems.length > 0)
    return {
      ok: false,
      issues: problems.map((p) => ({
        path: `movements.${kept[p.index]!.id}.${p.field}`,
        message: p.message,
      })),
    };
  const plan = planDeployment(network, plannerUlns, {
    executed,
    today,
    ...(options.routesPerPair !== undefined && { routesPerPair: options.routesPerPair }),
  });
  return {
    ok: true,
    plan,
    ulns: records,
    report: buildPlanReport(doc, list.source, records, plan, today),
  };
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

function firstDayReaching(curve: ArrayLike<number>, level: number): number | null {
  if (level <= 0) return null;
  for (let d = 0; d < curve.length; d++) if (curve[d]! >= level - 1e-6) return d;
  return null;
}

export function buildPlanReport(
  doc: ScenarioDocument,
  source: ForceListSource,
  records: readonly UlnRecord[],
  plan: DeploymentPlan,
  today: number,
): PlanReport {
  const nodeById = new Map(doc.network.nodes.map((n) => [n.id as string, n]));
  const arcById = new Map(doc.network.arcs.map((a) => [a.id as string, a]));
  const nodeName = (id: string) => {
    const n = nodeById.get(id);
    return n ? `${n.name} (${n.nation})` : id;
  };
  const personnel = records.reduce((s, r) => s + r.personnel, 0);
  const tonnes = records.reduce((s, r) => s + r.tonnes, 0);
  const target = doc.mission.forceTarget.personnel;
  const curve = Array.from(plan.closureCurve, (x) => Math.round(x));

  const ulns: PlanUln[] = plan.ulns.map((u, i) => {
    const r = records[i]!;
    return {
      ...toPlannerUlns([r])[0]!,
      nation: r.nation,
      capability: r.capability,
      status: u.status,
      legs: u.legs.map((l) => ({ ...l })),
      arrivalDay: u.arrivalDay,
      daysLate: u.daysLate,
      executedLoads: u.movements.filter((m) => (m as { executed?: boolean }).executed === true).length,
    };
  });

  const arcs: PlanArc[] = plan.arcs.map((a) => {
    const arc = arcById.get(a.arc)!;
    let peak = 0;
    for (const x of a.utilisation) peak = Math.max(peak, x);
    return {
      id: a.arc,
      from: arc.from,
      to: arc.to,
      mode: arc.mode,
      transitDays: arc.transitDays,
      capacityPerDay: arc.capacityPerDay,
      daysAtCapacity: a.daysAtCapacity,
      peak: round3(peak),
      utilisation: Array.from(a.utilisation, round3),
    };
  });
  const nodes: PlanNode[] = plan.nodes.map((n) => {
    const node = nodeById.get(n.node)!;
    let peak = 0;
    for (const x of n.utilisation) peak = Math.max(peak, x);
    return {
      id: node.id,
      name: node.name,
      kind: node.kind,
      nation: node.nation,
      lat: node.lat,
      lon: node.lon,
      receptionPerDay: node.receptionPerDay ?? null,
      daysAtCapacity: n.daysAtCapacity,
      peak: round3(peak),
      utilisation: Array.from(n.utilisation, round3),
    };
  });

  // Which ULNs pass each bottleneck, for the explanation.
  const usersOf = (kind: 'arc' | 'node', id: string) =>
    ulns.filter((u) => u.legs.some((l) => (kind === 'arc' ? l.arc === id : l.to === id)));
  const bottlenecks: PlanBottleneck[] = plan.bottlenecks.map((b) => {
    const arc = b.kind === 'arc' ? arcById.get(b.id) : undefined;
    const name = arc ? `${nodeName(arc.from)} → ${nodeName(arc.to)}, ${arc.mode}` : nodeName(b.id);
    const users = usersOf(b.kind, b.id);
    const late = users.filter((u) => u.daysLate > 0).length;
    const what =
      b.kind === 'arc'
        ? arc && arc.closures.length > 0 && b.daysAtCapacity === 0
          ? `closed (${arc.closures.map((c) => `C${c.from}–C${c.to}: ${c.reason}`).join('; ')})`
          : `at capacity (${arc?.capacityPerDay.personnel ?? '?'} personnel, ${arc?.capacityPerDay.tonnes ?? '?'} t a day) on ${b.daysAtCapacity} days`
        : `reception full on ${b.daysAtCapacity} days`;
    return {
      kind: b.kind,
      id: b.id,
      name,
      daysAtCapacity: b.daysAtCapacity,
      weightedWaiting: round3(b.weightedWaiting),
      explanation: `${what}; ${users.length} ${users.length === 1 ? 'ULN passes' : 'ULNs pass'} it, ${late} of them ${late === 1 ? 'arrives' : 'arrive'} after the RDD`,
    };
  });

  const lateUlns = ulns.filter((u) => u.daysLate > 0).length;
  const personnelDaysLate = plan.ulns.reduce((s, u) => s + u.personnelDaysLate, 0);
  const scheduledPersonnel = ulns
    .filter((u) => u.status === 'scheduled')
    .reduce((s, u) => s + u.personnel, 0);
  const targetDay = firstDayReaching(curve, target);

  const holdUps: string[] = [];
  if (personnel < target)
    holdUps.push(
      `Force generation: the force list holds ${personnel.toLocaleString('en-GB')} personnel of the ${target.toLocaleString('en-GB')} target; ${(target - personnel).toLocaleString('en-GB')} are not offered or not matched to a requirement line, so the target cannot close by movement alone.`,
    );
  if (plan.objective.unscheduled > 0)
    holdUps.push(
      `${plan.objective.unscheduled} ULNs (${(personnel - scheduledPersonnel).toLocaleString('en-GB')} personnel) cannot be moved: ${plan.missedLad
        .filter((m) => !m.reason.startsWith('ready day') && !m.reason.startsWith('congestion'))
        .slice(0, 3)
        .map((m) => `${m.uln} ${m.reason}`)
        .join('; ')}.`,
    );
  const readyLate = plan.missedLad.filter((m) => m.reason.startsWith('ready day')).length;
  if (readyLate > 0)
    holdUps.push(
      `Readiness: ${readyLate} ULNs cannot make their LAD even on an empty network (ready day + shortest transit > LAD).`,
    );
  for (const b of bottlenecks.slice(0, 5)) holdUps.push(`${b.name}: ${b.explanation}.`);
  if (holdUps.length === 0) holdUps.push('Nothing: every ULN arrives by its RDD.');

  return {
    scenario: doc.id,
    today,
    horizonDays: plan.horizonDays,
    forceList: { source, ulns: records.length, personnel, tonnes: round3(tonnes) },
    target: { personnel: target, inForceList: personnel, notInForceList: Math.max(0, target - personnel) },
    closure: {
      lastArrivalDay: plan.objective.closureDay,
      halfDay: firstDayReaching(curve, personnel * 0.5),
      ninetyDay: firstDayReaching(curve, personnel * 0.9),
      allDay: firstDayReaching(curve, personnel),
      targetDay,
      curve,
    },
    objective: {
      weightedPersonnelDaysLate: round3(plan.objective.weightedPersonnelDaysLate),
      personnelDaysLate: round3(personnelDaysLate),
      lateUlns,
      unscheduled: plan.objective.unscheduled,
    },
    missedLad: plan.missedLad,
    ulns,
    arcs,
    nodes,
    bottlenecks,
    holdUps,
  };
}
