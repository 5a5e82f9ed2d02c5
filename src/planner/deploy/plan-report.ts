// A scenario's deployment plan as its users read it: when the force closes, what holds it up, and
// per ULN, arc and node what the schedule does. Built from the scenario document as the viewer may
// see it (the store's export applies releasability), so a plan never shows a ULN, node or arc the
// viewer cannot see. JSON-safe: the API, the CLI and the web pages all read this one shape.
// The plan's gap to a proved lower bound (provePlanBound) is computed over the same planner input,
// hence from the same records the viewer may see.
import type { UlnRecord } from '../../domain/deployment/force-list.ts';
import { generateForceList } from '../../domain/deployment/force-list.ts';
import {
  excludedModes,
  liftCarries,
  type CapabilityLift,
  type LiftArc,
} from '../../domain/deployment/lift.ts';
import type { MovementRecord } from '../../domain/deployment/movement.ts';
import { TRANSPORT_MODES, type NetworkArc, type NetworkNode } from '../../domain/deployment/network.ts';
import { DEFAULT_CRITICAL_SHARE, type DeploymentSettings } from '../../domain/deployment/settings.ts';
import { shortestTransitFrom } from '../../domain/deployment/transit.ts';
import { formatCDay } from '../../domain/deployment/c-day.ts';
import type { FieldIssue } from '../../domain/errors.ts';
import type { Capability, ScenarioDocument } from '../../domain/scenario-schema.ts';
import type {
  ForceListSource,
  PlanArc,
  PlanBottleneck,
  PlanBound,
  PlanClosure,
  PlanHold,
  PlanLeg,
  PlanNode,
  PlanReport,
  PlanUln,
} from '../../contract/plan.ts';
import type { Assert, Same } from '../../contract/wire.ts';
import { forceFill } from '../force-fill.ts';
import { checkMovements } from './movements.ts';
import { holdsOf, type Hold } from './plan-holds.ts';
import { noBound, planBoundOf } from './plan-bound.ts';
import { penaltyDay } from './objective.ts';
import {
  planDeployment,
  type CapacityPrices,
  type DeploymentNetwork,
  type DeploymentPlan,
  type ExecutedMovement,
  type LegSchedule,
  type PlanOptions,
  type Uln,
} from './schedule.ts';

// The report's shape is the API's: defined once in the contract, which the planner may import.
export type {
  ForceListSource,
  PlanArc,
  PlanBottleneck,
  PlanBound,
  PlanClosure,
  PlanHold,
  PlanLeg,
  PlanNode,
  PlanReport,
  PlanUln,
};

// A plan leg is the scheduler's leg schedule as it is: the contract's schema must keep up with it.
type _PlanLegCheck = Assert<Same<PlanLeg, LegSchedule>>;

export interface ScenarioPlanOptions {
  /** Re-plan from this day: nothing new departs earlier. Default: the day after the last recorded movement, or 0. */
  today?: number;
  /** Candidate routes per origin and destination (planner default 3). */
  routesPerPair?: number;
  /** Capacity prices to choose routes by (PlanOptions.prices; guided-plan.ts). */
  prices?: CapacityPrices;
  /** The order to plan in, its holding and improvement passes (PlanOptions; guided-tries.ts). */
  order?: readonly string[];
  holdOnTime?: boolean;
  improvementPasses?: number;
  /** A plan to keep the loads of where they fit (PlanOptions.previous; lp-schedule-plan.ts). */
  previous?: PlanOptions['previous'];
}

/**
 * What the planner was given, as it was given it: a proved bound on the plan must read the same
 * network, ULNs, day and horizon (and knows whether the plan keeps loads already moved).
 */
export interface PlannerInput {
  network: DeploymentNetwork;
  ulns: Uln[];
  today: number;
  horizonDays: number;
  /** The movement records the plan keeps (those of ULNs on its force list). */
  executed: ExecutedMovement[];
}

export type ScenarioPlanResult =
  | { ok: true; report: PlanReport; plan: DeploymentPlan; ulns: UlnRecord[]; input: PlannerInput }
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
  // Late units deploy too: a unit ready after its line's RDD still has to be moved, and how late it
  // arrives is what the plan is asked. So the fill counts them (allowLate), whatever the analyses'
  // default, and the force list gives them the window they can make (RddShortfall).
  const fill = forceFill(doc, { allowLate: true, activationCDay: doc.deployment.activationCDay ?? 0 });
  const generated = generateForceList(fill.lines, {
    onwardMovementDays: doc.deployment.onwardMovementDays,
    arrivalWindowDays: doc.deployment.arrivalWindowDays,
    sectorDestinations: doc.deployment.sectorDestinations,
    garrisons: doc.deployment.garrisons,
    network: doc.network,
    liftOf: liftsOf(doc.capabilities),
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

/** Each capability's lift by its code; a capability without one is absent (any arc may carry it). */
export function liftsOf(
  capabilities: readonly Pick<Capability, 'code' | 'lift'>[],
): (capability: string) => CapabilityLift | undefined {
  const byCode = new Map<string, CapabilityLift>();
  for (const c of capabilities) if (c.lift) byCode.set(c.code, c.lift);
  return (capability) => byCode.get(capability);
}

/**
 * What the planner needs of a scenario besides the force list: each capability's lift (which arcs
 * may carry its units) and the deployment settings' share of tonnes that makes a unit delivered. A
 * scenario document is one; so are the capability records and the header a write checks against.
 */
export interface PlannerUlnContext {
  capabilities: readonly Pick<Capability, 'code' | 'lift'>[];
  deployment?: Pick<DeploymentSettings, 'criticalEquipmentShare'> | undefined;
}

/** What a ULN record tells the planner and its report alike: who moves, from where, to where, when. */
const movementFields = (r: UlnRecord) => ({
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
});

/**
 * The force list as the planner reads it: each ULN with the modes and largest item of its
 * capability's lift (absent: any arc) and the share of its tonnes that makes it delivered (absent:
 * the planner's default, the same DEFAULT_CRITICAL_SHARE).
 */
export function toPlannerUlns(records: readonly UlnRecord[], scenario: PlannerUlnContext): Uln[] {
  const liftOf = liftsOf(scenario.capabilities);
  const criticalShare = scenario.deployment?.criticalEquipmentShare;
  return records.map((r) => {
    const lift = liftOf(r.capability);
    return {
      ...movementFields(r),
      ...(criticalShare !== undefined && { criticalShare }),
      ...(lift?.modes && { modes: [...lift.modes] }),
      ...(lift?.largestItemTonnes !== undefined && { largestItemTonnes: lift.largestItemTonnes }),
    };
  });
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
  const plannerUlns = toPlannerUlns(records, doc);
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
    ...(options.prices && { prices: options.prices }),
    ...(options.order && { order: options.order }),
    ...(options.holdOnTime !== undefined && { holdOnTime: options.holdOnTime }),
    ...(options.improvementPasses !== undefined && { improvementPasses: options.improvementPasses }),
    ...(options.previous && { previous: options.previous }),
  });
  return {
    ok: true,
    plan,
    ulns: records,
    report: buildPlanReport(doc, list.source, records, plan, today),
    input: { network, ulns: plannerUlns, today, horizonDays: plan.horizonDays, executed },
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
  const arcName = (id: string) => {
    const arc = arcById.get(id);
    return arc ? `${nodeName(arc.from)} → ${nodeName(arc.to)}, ${arc.mode}` : id;
  };
  const cDay = doc.mission.cDay ?? null;
  const day = (d: number) => formatCDay(d, cDay);
  const span = (from: number, to: number) => (from === to ? day(from) : `${day(from)} to ${day(to)}`);
  const capabilityName = new Map(doc.capabilities.map((c) => [c.code as string, c.name]));
  const lineById = new Map(doc.requirements.map((r) => [r.id as string, r]));
  const personnel = records.reduce((s, r) => s + r.personnel, 0);
  const tonnes = records.reduce((s, r) => s + r.tonnes, 0);
  const target = doc.mission.forceTarget.personnel;
  const curve = Array.from(plan.closureCurve, (x) => Math.round(x));
  const arcUtil = new Map(plan.arcs.map((a) => [a.arc, a]));
  const nodeUtil = new Map(plan.nodes.map((n) => [n.node, n]));

  const holds = plan.ulns.map((u, i) => holdsOf(records[i]!, u, today, arcById));
  const mainHold = (hs: readonly Hold[]): Hold | undefined =>
    hs.reduce<Hold | undefined>(
      (best, h) => (best === undefined || h.days > best.days ? h : best),
      undefined,
    );
  /** What held a ULN at one place, named for people; a closure with its window and reason. */
  const holdOf = (h: Hold): PlanHold => {
    if (h.closure)
      return {
        kind: 'closure',
        id: h.arc,
        name: arcName(h.arc),
        days: h.days,
        text: `held ${days(h.days)} by the closure of ${arcName(h.arc)} (${span(h.closure.from, h.closure.to)}: ${h.closure.reason})`,
      };
    // Cargo that waits on a leg waits for the arc's lift or for room at its head: the one that
    // was full on some day is named; when both were, the lift.
    const arcFull = (arcUtil.get(h.arc)?.daysAtCapacity ?? 0) > 0;
    const head = arcById.get(h.arc)?.to ?? '';
    if (!arcFull && (nodeUtil.get(head)?.daysAtCapacity ?? 0) > 0)
      return {
        kind: 'node',
        id: head,
        name: nodeName(head),
        days: h.days,
        text: `waited ${days(h.days)} for reception at ${nodeName(head)}`,
      };
    const mode = arcById.get(h.arc)?.mode;
    const what =
      mode === 'sea' ? 'sea lift' : mode === 'air' ? 'airlift' : mode === 'rail' ? 'trains' : 'road moves';
    return {
      kind: 'arc',
      id: h.arc,
      name: arcName(h.arc),
      days: h.days,
      text: `waited ${days(h.days)} for ${what} on ${arcName(h.arc)}`,
    };
  };

  const liftOf = liftsOf(doc.capabilities);
  const ulns: PlanUln[] = plan.ulns.map((u, i) => {
    const r = records[i]!;
    const line = lineById.get(r.line);
    const held = mainHold(holds[i]!);
    const lift = liftOf(r.capability);
    return {
      ...movementFields(r),
      nation: r.nation,
      capability: r.capability,
      unit: `${capabilityName.get(r.capability) ?? r.capability} (${r.nation})`,
      line: r.line,
      lineName: line ? `${capabilityName.get(line.capability) ?? line.capability}, ${line.sector}` : null,
      lineRdd: line ? line.rddCDay : null,
      modes: lift?.modes ? [...lift.modes] : null,
      largestItemTonnes: lift?.largestItemTonnes ?? null,
      status: u.status,
      legs: u.legs.map((l) => ({ ...l })),
      arrivalDay: u.arrivalDay,
      deliveredDay: u.deliveredDay,
      daysLate: u.daysLate,
      heldBy: held ? holdOf(held) : null,
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

  const missedLadUln = new Set(plan.missedLad.map((m) => m.uln));
  const ulnById = new Map(ulns.map((u) => [u.uln, u]));
  // Every closure window of the network, with the ULNs it held: the map and the hold-ups show them.
  const closures: PlanClosure[] = doc.network.arcs.flatMap((arc) =>
    arc.closures.map((c) => {
      const held = holds.flatMap((hs, i) => {
        const h = hs.find((x) => x.closure === c);
        return h ? [{ i, days: h.days }] : [];
      });
      return {
        arc: arc.id,
        name: arcName(arc.id),
        from: c.from,
        to: c.to,
        reason: c.reason,
        ulnsHeld: held.length,
        mostDaysHeld: held.reduce((m, h) => Math.max(m, h.days), 0),
        ulnsMissingLad: held.filter((h) => missedLadUln.has(records[h.i]!.uln)).length,
      };
    }),
  );
  const windowsOf = (arcId: string) =>
    closures
      .filter((c) => c.arc === arcId)
      .map((c) => `${span(c.from, c.to)}: ${c.reason}`)
      .join('; ');

  // Which ULNs pass each bottleneck, for the explanation.
  const usersOf = (kind: 'arc' | 'node', id: string) =>
    ulns.filter((u) => u.legs.some((l) => (kind === 'arc' ? l.arc === id : l.to === id)));
  const explain = (kind: 'arc' | 'node', id: string, daysAtCapacity: number): string => {
    const arc = kind === 'arc' ? arcById.get(id) : undefined;
    const users = usersOf(kind, id);
    const late = users.filter((u) => u.daysLate > 0).length;
    const closed = arc && arc.closures.length > 0 ? `closed ${windowsOf(id)}` : '';
    const full =
      kind === 'node'
        ? `reception full on ${days(daysAtCapacity)}`
        : daysAtCapacity > 0
          ? `at capacity (${arc?.capacityPerDay.personnel ?? '?'} personnel, ${arc?.capacityPerDay.tonnes ?? '?'} t a day) on ${days(daysAtCapacity)}`
          : '';
    const what = [closed, full].filter((x) => x !== '').join('; ') || 'holds cargo back';
    return `${what}; ${users.length} ${users.length === 1 ? 'ULN passes' : 'ULNs pass'} it, ${late} of them ${late === 1 ? 'arrives' : 'arrive'} after the RDD`;
  };
  const bottlenecks: PlanBottleneck[] = plan.bottlenecks.map((b) => ({
    kind: b.kind,
    id: b.id,
    name: b.kind === 'arc' ? arcName(b.id) : nodeName(b.id),
    daysAtCapacity: b.daysAtCapacity,
    weightedWaiting: round3(b.weightedWaiting),
    explanation: explain(b.kind, b.id, b.daysAtCapacity),
  }));
  // A closed arc that held cargo is a bottleneck even when the planner's top list left it out
  // (it ranks closures after the arcs that were full): its waiting is the held days, weighted.
  for (const arcId of new Set(closures.filter((c) => c.ulnsHeld > 0).map((c) => c.arc))) {
    if (bottlenecks.some((b) => b.kind === 'arc' && b.id === arcId)) continue;
    let waiting = 0;
    holds.forEach((hs, i) => {
      for (const h of hs)
        if (h.arc === arcId && h.closure) waiting += h.days / Math.max(1, records[i]!.priority);
    });
    const daysAtCapacity = arcUtil.get(arcId)?.daysAtCapacity ?? 0;
    bottlenecks.push({
      kind: 'arc',
      id: arcId,
      name: arcName(arcId),
      daysAtCapacity,
      weightedWaiting: round3(waiting),
      explanation: explain('arc', arcId, daysAtCapacity),
    });
  }

  // An unscheduled ULN's days late count to the penalty day: it is not "late", it is unplanned.
  const lateUlns = ulns.filter((u) => u.status === 'scheduled' && u.daysLate > 0).length;
  const madeLad = ulns.filter((u) => u.arrivalDay !== null && u.arrivalDay <= u.lad).length;
  const scheduledPersonnel = ulns
    .filter((u) => u.status === 'scheduled')
    .reduce((s, u) => s + u.personnel, 0);
  const criticalShare = doc.deployment?.criticalEquipmentShare ?? DEFAULT_CRITICAL_SHARE;
  const penalty = penaltyDay(plan.horizonDays);
  /** Why a ULN with no route has none, when its lift is the reason: what the lift rules out. */
  const liftWhy = (uln: string): string => {
    const i = records.findIndex((r) => r.uln === uln);
    const r = records[i];
    const lift = r ? liftOf(r.capability) : undefined;
    if (!r || !lift) return '';
    const anyRoute = shortestTransitFrom(doc.network.arcs, r.origin).has(r.destination);
    if (!anyRoute) return '';
    return `; ${liftRulesOut(lift, r.tonnes, doc.network.arcs)}, and over any arc it would have a route`;
  };
  const targetDay = firstDayReaching(curve, target);
  const readinessLate = ulns.filter((u) => u.lineRdd !== null && u.rdd > u.lineRdd);

  const holdUps: string[] = [];
  if (personnel < target)
    holdUps.push(
      `Force generation: the force list holds ${personnel.toLocaleString('en-GB')} personnel of the ${target.toLocaleString('en-GB')} target; ${(target - personnel).toLocaleString('en-GB')} are not offered or not matched to a requirement line, so the target cannot close by movement alone.`,
    );
  if (readinessLate.length > 0) {
    const worst = readinessLate.reduce((w, u) => (u.rdd - u.lineRdd! > w.rdd - w.lineRdd! ? u : w));
    holdUps.push(
      `Readiness: ${readinessLate.length} of ${ulns.length} ULNs (${readinessLate.reduce((s, u) => s + u.personnel, 0).toLocaleString('en-GB')} personnel) are ready too late for their requirement line's RDD, so their arrival windows start when they can first arrive (ready day + shortest transit); the latest, ${worst.uln} ${worst.unit}, is ready ${day(worst.ald)} for a line due ${day(worst.lineRdd!)}.`,
    );
  }
  const unplanned = plan.missedLad.filter((m) => m.kind === 'no-route' || m.kind === 'beyond-horizon');
  if (plan.objective.unscheduled > 0)
    holdUps.push(
      `Unplanned: ${plan.objective.unscheduled} ${plan.objective.unscheduled === 1 ? 'ULN' : 'ULNs'} (${(personnel - scheduledPersonnel).toLocaleString('en-GB')} personnel) cannot be moved, and the objective counts each as delivered on the penalty day, ${day(penalty)} (${Math.round(plan.objective.unplannedPenalty).toLocaleString('en-GB')} of its ${Math.round(plan.objective.value).toLocaleString('en-GB')}): ${unplanned
        .slice(0, UNPLANNED_LISTED)
        .map((m) => `${m.uln} ${m.reason}${m.kind === 'no-route' ? liftWhy(m.uln) : ''}`)
        .join(
          '; ',
        )}${unplanned.length > UNPLANNED_LISTED ? `; and ${unplanned.length - UNPLANNED_LISTED} more` : ''}.`,
    );
  const readyLate = plan.missedLad.filter((m) => m.kind === 'readiness').length;
  if (readyLate > 0)
    holdUps.push(
      `Arrival windows: ${readyLate} ULNs have a LAD they cannot make even on an empty network (ready day + shortest transit is after it); regenerate the force list or move their windows.`,
    );
  const scheduled = ulns.filter((u) => u.status === 'scheduled').length;
  const congested = ulns.filter((u) => missedLadUln.has(u.uln) && u.status === 'scheduled');
  if (scheduled > 0) {
    const by = new Map<string, number>();
    for (const u of congested) {
      const key = u.heldBy ? heldPhrase(u.heldBy) : 'no single wait (loads spread over days)';
      by.set(key, (by.get(key) ?? 0) + 1);
    }
    const causes = [...by].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
    holdUps.push(
      `Arrival: ${madeLad} of ${ulns.length} ULNs make their LAD` +
        (causes.length > 0
          ? `; the rest ${causes
              .slice(0, 4)
              .map(([what, n]) => `${what} (${n})`)
              .join(', ')}${causes.length > 4 ? ', and elsewhere' : ''}.`
          : '.'),
    );
  }
  for (const c of closures.filter((x) => x.ulnsHeld > 0))
    holdUps.push(
      `Closure: ${c.name} is closed ${span(c.from, c.to)} (${c.reason}); it holds ${c.ulnsHeld} ${c.ulnsHeld === 1 ? 'ULN' : 'ULNs'} up to ${days(c.mostDaysHeld)}; ${c.ulnsMissingLad} ${c.ulnsMissingLad === 1 ? 'misses its' : 'miss their'} LAD.`,
    );
  for (const b of bottlenecks.slice(0, 5)) holdUps.push(`${b.name}: ${b.explanation}.`);
  if (holdUps.length === 0) holdUps.push('Nothing: every ULN arrives by its RDD.');

  return {
    scenario: doc.id,
    cDay,
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
      value: round3(plan.objective.value),
      weightedPersonnelDaysLate: round3(plan.objective.weightedPersonnelDaysLate),
      personnelDaysLate: round3(plan.objective.personnelDaysLate),
      unitDaysLate: round3(plan.objective.unitDaysLate),
      weightedUnitDaysLate: round3(plan.objective.weightedUnitDaysLate),
      unplannedPenalty: round3(plan.objective.unplannedPenalty),
      penaltyDay: penalty,
      criticalShare,
      lateUlns,
      heldOnTime: plan.holdOnTime,
      madeLad,
      readinessLateUlns: readinessLate.length,
      unscheduled: plan.objective.unscheduled,
      summary: objectiveSummary(plan.objective, {
        lateUlns,
        criticalShare,
        penaltyDay: day(penalty),
        heldOnTime: plan.holdOnTime,
      }),
      guided: null,
      // A plan at 0 is optimal as it stands; any other's bound is for provePlanBound to prove.
      bound: plan.objective.value <= 0 ? planBoundOf(0, 0, 0) : noBound('none was computed for this plan'),
    },
    missedLad: plan.missedLad.map((m) => {
      const held = m.kind === 'congestion' ? ulnById.get(m.uln)?.heldBy : null;
      if (held) return { uln: m.uln, kind: m.kind, reason: `${m.reason}; ${held.text}` };
      return {
        uln: m.uln,
        kind: m.kind,
        reason: m.kind === 'no-route' ? `${m.reason}${liftWhy(m.uln)}` : m.reason,
      };
    }),
    ulns,
    arcs,
    nodes,
    closures,
    bottlenecks,
    holdUps,
  };
}

const days = (n: number) => `${n} ${n === 1 ? 'day' : 'days'}`;

const count = (x: number) => Math.round(x).toLocaleString('en-GB');

/**
 * The objective in words, for the plan's headline: "Objective 1,234 weighted personnel-days late
 * (lower is better): each ULN's days from its RDD to the day it is delivered (its personnel and 90%
 * of its tonnes, its critical equipment, in), × personnel × priority weight; 1,000 from 12 ULNs
 * delivered late (…), 234 from 2 ULNs the plan cannot move, each counted as delivered on C+400."
 */
export function objectiveSummary(
  objective: DeploymentPlan['objective'],
  facts: { lateUlns: number; criticalShare: number; penaltyDay: string; heldOnTime?: boolean },
): string {
  const share = `${Math.round(facts.criticalShare * 100)}%`;
  const parts = [
    facts.lateUlns > 0
      ? `${count(objective.weightedPersonnelDaysLate)} from ${count(facts.lateUlns)} ${facts.lateUlns === 1 ? 'ULN delivered after its' : 'ULNs delivered after their'} RDD (${count(objective.personnelDaysLate)} personnel-days, ${count(objective.unitDaysLate)} unit-days late)`
      : 'no scheduled ULN is delivered after its RDD',
  ];
  if (objective.unscheduled > 0)
    parts.push(
      `${count(objective.unplannedPenalty)} from ${count(objective.unscheduled)} ${objective.unscheduled === 1 ? 'ULN' : 'ULNs'} the plan cannot move, each counted as delivered on the penalty day, ${facts.penaltyDay}`,
    );
  return (
    `Objective ${count(objective.value)} weighted personnel-days late (lower is better): each ULN's days from its RDD ` +
    `to the day it is delivered, with its personnel and ${share} of its tonnes (its critical equipment) in, ` +
    `× its personnel × its priority weight (1 / priority); ${parts.join('; ')}.` +
    (facts.heldOnTime
      ? " Units with days to spare are held at their origins to arrive by their RDD, and each unit's follow-on equipment (beyond its critical share) leaves after it, arriving by its LAD, leaving the early lift to units without: that gave the lower objective."
      : '')
  );
}

/** How many unplanned ULNs the hold-ups name with their reasons; missedLad lists them all. */
const UNPLANNED_LISTED = 5;

/** "air or sea", for a short list of modes. */
const orList = (items: readonly string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;

/**
 * What a capability's lift rules out on this network, in words: "it may not use sea (its modes:
 * road, rail, air), nor air (no air lift takes its 62 t item: loads of at most 40 t)". Modes the
 * network has no arc of are not named.
 */
export function liftRulesOut(lift: CapabilityLift, tonnes: number, arcs: readonly LiftArc[]): string {
  const present = TRANSPORT_MODES.filter((m) => arcs.some((a) => a.mode === m));
  const excluded = excludedModes(lift).filter((m) => present.includes(m));
  const parts: string[] = [];
  if (excluded.length > 0)
    parts.push(`it may not use ${orList(excluded)} (its modes: ${(lift.modes ?? []).join(', ')})`);
  const largest = lift.largestItemTonnes;
  if (largest !== undefined && tonnes > 0)
    for (const mode of present.filter((m) => !excluded.includes(m))) {
      const ofMode = arcs.filter((a) => a.mode === mode);
      const fit = ofMode.filter((a) => liftCarries(lift, tonnes, a)).length;
      if (fit === ofMode.length) continue;
      const most = Math.max(...ofMode.filter((a) => a.wholeUnit !== true).map((a) => a.loadSize.tonnes));
      parts.push(
        fit === 0
          ? `${parts.length > 0 ? 'nor' : 'it may not use'} ${mode} (no ${mode} lift takes its ${largest} t item: loads of at most ${most} t)`
          : `${parts.length > 0 ? 'nor' : 'it may not use'} ${ofMode.length - fit} of the ${ofMode.length} ${mode} arcs (loads below its ${largest} t item)`,
      );
    }
  return parts.length > 0 ? parts.join(', ') : 'its lift rules out no arc';
}

/** "wait for sea lift on Marchwood → Gdańsk, sea", for the list of what holds the late ULNs. */
function heldPhrase(h: PlanHold): string {
  if (h.kind === 'closure') return `are held by the closure of ${h.name}`;
  if (h.kind === 'node') return `wait for reception at ${h.name}`;
  return `wait ${h.text.replace(/^waited \d+ days? /, '')}`;
}
