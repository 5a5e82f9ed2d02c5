// An independent check of a deployment plan: every rule the planner claims to keep (schedule.ts's
// header, schedule-types.ts), re-checked from the plan's movements alone, and the objective recomputed
// from the words in objective.ts. Written apart from the planner on purpose, sharing its types and
// nothing else: a checker that called the planner's own helpers would agree with its bugs. Used by
// tests and benchmarks to trust a plan's figures before comparing them.
//
// Conventions, as the planner's: days are whole, a load departs on `departDay` and arrives at the
// arc's head on `arriveDay`; capacity is per departure day, reception per arrival day; cargo may leave
// a node on the day it arrives. Amounts are compared with a relative tolerance, as loads are cut and
// summed in floating point.
import type {
  DeploymentArc,
  DeploymentNetwork,
  DeploymentPlan,
  ExecutedMovement,
  Movement,
  Uln,
  UlnSchedule,
} from './schedule-types.ts';

export type PlanViolationKind =
  /** A departure day's personnel or tonnes on an arc above its daily capacity. */
  | 'arc-capacity'
  /** An arrival day's personnel or tonnes at a node above its daily reception. */
  | 'node-reception'
  /** A planned departure on a day the arc is closed. */
  | 'closed-arc'
  /** A planned departure before max(ALD, today) from the origin, or before today anywhere. */
  | 'early-departure'
  /** A planned arrival at the destination before the ULN's EAD. */
  | 'before-ead'
  /** A planned load larger than the arc's lift load (a whole-unit arc excepted), or negative. */
  | 'load-size'
  /** A load arriving on or after the plan's horizon day. */
  | 'beyond-horizon'
  /** A scheduled ULN's cargo not all at its destination, or created or lost on the way. */
  | 'conservation'
  /** Cargo leaving a node before it got there. */
  | 'contiguity'
  /** A planned load whose arrival is not its departure plus the arc's transit. */
  | 'transit'
  /** A planned load on an arc the ULN may not use (mode, largest item). */
  | 'ineligible-arc'
  /** The executed movements given not in the plan exactly as given. */
  | 'executed-changed'
  /** A reported objective figure, of the plan or of a ULN, other than the recomputed one. */
  | 'objective'
  /** The plan's ULNs not the ULNs given, an unknown arc, or planned loads of an unscheduled ULN. */
  | 'plan-shape';

export interface PlanViolation {
  kind: PlanViolationKind;
  uln?: string;
  arc?: string;
  node?: string;
  day?: number;
  message: string;
}

/** The objective as DeploymentPlan.objective reports it, recomputed. */
export interface CheckedObjective {
  value: number;
  weightedPersonnelDaysLate: number;
  personnelDaysLate: number;
  unitDaysLate: number;
  weightedUnitDaysLate: number;
  unplannedPenalty: number;
  unscheduled: number;
  closureDay: number | null;
}

/** A ULN's figures as UlnSchedule reports them, recomputed. */
export type CheckedUlnFigures = Pick<
  UlnSchedule,
  'uln' | 'arrivalDay' | 'deliveredDay' | 'daysLate' | 'personnelDaysLate' | 'weightedPersonnelDaysLate'
>;

export interface PlanCheck {
  violations: PlanViolation[];
  objective: CheckedObjective;
  /** Per ULN given, in input order. */
  ulns: CheckedUlnFigures[];
}

export interface CheckPlanOptions {
  /** The executed movements the plan was made from (PlanOptions.executed). Default none. */
  executed?: readonly ExecutedMovement[];
  /** The day the plan was made on (PlanOptions.today). Default 0. */
  today?: number;
  /** Weight of a personnel-day late by priority. Default 1 / priority, as the planner's. */
  priorityWeight?: (priority: number) => number;
}

/** What the checker reads of a ULN's schedule: the movements and the figures it re-derives. */
export type CheckedUlnSchedule = Pick<
  UlnSchedule,
  | 'uln'
  | 'status'
  | 'movements'
  | 'arrivalDay'
  | 'deliveredDay'
  | 'daysLate'
  | 'personnelDaysLate'
  | 'weightedPersonnelDaysLate'
>;

/** What the checker reads of a plan; a DeploymentPlan is one. */
export interface CheckedPlan {
  horizonDays: DeploymentPlan['horizonDays'];
  objective: DeploymentPlan['objective'];
  ulns: readonly CheckedUlnSchedule[];
}

/** The tolerance of objective figures, relative. */
const FIGURE_TOL = 1e-6;
/** The tolerance of cargo sums, relative to the amount compared (at least 1). */
const CARGO_TOL = 1e-6;
/** Critical share of a ULN that does not say, in words in objective.ts: its critical equipment. */
const CRITICAL_SHARE = 0.9;

const fmt = (x: number): string => String(Math.round(x * 1000) / 1000);
const near = (a: number, b: number): boolean =>
  Math.abs(a - b) <= FIGURE_TOL * Math.max(1, Math.abs(a), Math.abs(b));
const within = (amount: number, limit: number): boolean =>
  amount <= limit + CARGO_TOL * Math.max(1, Math.abs(limit));

/**
 * Whether the ULN may use the arc, re-derived from objective.ts's words: the arc's mode is one of
 * the ULN's (when it lists any), and the arc's lift load takes its largest item unless the arc
 * takes the whole unit as one lift or sets no lift size (0) (a ULN with no tonnes carries no item).
 */
function mayUse(u: Uln, arc: DeploymentArc): boolean {
  if (u.modes && !u.modes.includes(arc.mode)) return false;
  const item = u.largestItemTonnes;
  // A zero load size sets no per-lift limit, as the planner reads it.
  if (
    item !== undefined &&
    u.tonnes > 0 &&
    !arc.wholeUnit &&
    arc.loadSize.tonnes > 0 &&
    arc.loadSize.tonnes + CARGO_TOL < item
  ) {
    return false;
  }
  return true;
}

/**
 * The day the ULN counts as delivered, from its arrivals at the destination: the first day by which
 * all its personnel and its critical share of tonnes are in. Null when they never are.
 */
function deliveryDay(
  u: Uln,
  arrivals: readonly { day: number; personnel: number; tonnes: number }[],
): number | null {
  const needP = u.personnel - CARGO_TOL * Math.max(1, u.personnel);
  const needT = u.tonnes * (u.criticalShare ?? CRITICAL_SHARE) - CARGO_TOL * Math.max(1, u.tonnes);
  const byDay = [...arrivals].sort((x, y) => x.day - y.day);
  let p = 0;
  let t = 0;
  for (const a of byDay) {
    p += a.personnel;
    t += a.tonnes;
    if (p >= needP && t >= needT) return a.day;
  }
  return null;
}

interface FlowEvent {
  day: number;
  /** Positive in, negative out. */
  personnel: number;
  tonnes: number;
}

/**
 * Checks `plan` against the network, the ULNs and the planner's rules, and recomputes its objective
 * from its movements. Violations come in the order of the checks: per ULN in input order (its
 * executed movements, its loads, its flow, its figures), then capacity and reception by arc and node
 * and day, then the plan's objective.
 */
export function checkPlan(
  network: DeploymentNetwork,
  ulns: readonly Uln[],
  plan: CheckedPlan,
  options: CheckPlanOptions = {},
): PlanCheck {
  const violations: PlanViolation[] = [];
  const report = (v: PlanViolation): void => {
    violations.push(v);
  };
  const H = plan.horizonDays;
  const today = options.today ?? 0;
  const weightOf = options.priorityWeight ?? ((p: number) => 1 / p);
  const penaltyDay = 2 * H;

  const arcIndex = new Map<string, number>();
  network.arcs.forEach((a, i) => arcIndex.set(a.id, i));
  const nodeIndex = new Map<string, number>();
  network.nodes.forEach((n, i) => nodeIndex.set(n.id, i));
  const A = network.arcs.length;
  const N = network.nodes.length;

  // Day ledgers over [0, H): all loads, and the planned ones (a day is the planner's fault only if
  // a planned load is on it; executed loads may have overloaded it by themselves).
  const arcAllP = new Float64Array(A * H);
  const arcAllT = new Float64Array(A * H);
  const arcPlanP = new Float64Array(A * H);
  const arcPlanT = new Float64Array(A * H);
  const nodeAllP = new Float64Array(N * H);
  const nodeAllT = new Float64Array(N * H);
  const nodePlanP = new Float64Array(N * H);
  const nodePlanT = new Float64Array(N * H);
  const inDays = (d: number): boolean => Number.isInteger(d) && d >= 0 && d < H;

  const executedOf = new Map<string, ExecutedMovement[]>();
  for (const m of options.executed ?? []) {
    const list = executedOf.get(m.uln);
    if (list) list.push(m);
    else executedOf.set(m.uln, [m]);
  }

  const scheduleOf = new Map<string, CheckedUlnSchedule>();
  for (const s of plan.ulns) {
    if (scheduleOf.has(s.uln)) {
      report({ kind: 'plan-shape', uln: s.uln, message: `ULN ${s.uln} appears more than once in the plan` });
    } else scheduleOf.set(s.uln, s);
  }
  const givenIds = new Set(ulns.map((u) => u.uln));
  for (const s of plan.ulns) {
    if (!givenIds.has(s.uln)) {
      report({
        kind: 'plan-shape',
        uln: s.uln,
        message: `the plan schedules ULN ${s.uln}, which is not given`,
      });
    }
  }
  if (plan.ulns.length === ulns.length && ulns.some((u, j) => plan.ulns[j]!.uln !== u.uln)) {
    report({ kind: 'plan-shape', message: 'the plan does not list its ULNs in input order' });
  }

  const objective: CheckedObjective = {
    value: 0,
    weightedPersonnelDaysLate: 0,
    personnelDaysLate: 0,
    unitDaysLate: 0,
    weightedUnitDaysLate: 0,
    unplannedPenalty: 0,
    unscheduled: 0,
    closureDay: null,
  };
  const figures: CheckedUlnFigures[] = [];

  for (const u of ulns) {
    const s = scheduleOf.get(u.uln);
    const weight = weightOf(u.priority);
    const mass = Math.max(u.personnel, 1);
    if (!s) {
      report({ kind: 'plan-shape', uln: u.uln, message: `ULN ${u.uln} is missing from the plan` });
      const daysLate = Math.max(0, penaltyDay - u.rdd);
      objective.unscheduled++;
      objective.unplannedPenalty += weight * mass * daysLate;
      figures.push({
        uln: u.uln,
        arrivalDay: null,
        deliveredDay: null,
        daysLate,
        personnelDaysLate: u.personnel * daysLate,
        weightedPersonnelDaysLate: weight * mass * daysLate,
      });
      continue;
    }
    const scheduled = s.status === 'scheduled';
    const movements: readonly Movement[] = s.movements;

    // Executed movements: in the plan as given, in the order given, before the planned ones.
    const given = executedOf.get(u.uln) ?? [];
    const kept = movements.filter((m) => m.executed);
    const firstPlanned = movements.findIndex((m) => !m.executed);
    if (firstPlanned >= 0 && movements.slice(firstPlanned).some((m) => m.executed)) {
      report({
        kind: 'executed-changed',
        uln: u.uln,
        message: `ULN ${u.uln}'s executed movements are not all before its planned ones`,
      });
    }
    for (let i = 0; i < Math.max(given.length, kept.length); i++) {
      const g = given[i];
      const k = kept[i];
      if (!g || !k) {
        report({
          kind: 'executed-changed',
          uln: u.uln,
          message: `ULN ${u.uln} has ${kept.length} executed movements in the plan, ${given.length} given`,
        });
        break;
      }
      const a = arcIndex.get(g.arc);
      const arrive = g.arriveDay ?? (a === undefined ? null : g.departDay + network.arcs[a]!.transitDays);
      if (
        k.arc !== g.arc ||
        k.departDay !== g.departDay ||
        k.arriveDay !== arrive ||
        k.personnel !== g.personnel ||
        k.tonnes !== g.tonnes
      ) {
        report({
          kind: 'executed-changed',
          uln: u.uln,
          arc: g.arc,
          day: g.departDay,
          message:
            `ULN ${u.uln}'s executed movement ${i + 1} was ${g.arc} day ${g.departDay}->${arrive} ` +
            `${fmt(g.personnel)} pers ${fmt(g.tonnes)} t, the plan has ${k.arc} day ${k.departDay}->` +
            `${k.arriveDay} ${fmt(k.personnel)} pers ${fmt(k.tonnes)} t`,
        });
      }
    }
    if (!scheduled && firstPlanned >= 0) {
      report({
        kind: 'plan-shape',
        uln: u.uln,
        message: `ULN ${u.uln} is ${s.status} but has planned loads: an unscheduled ULN keeps only its executed ones`,
      });
    }

    // Each load alone, and its charge to the ledgers.
    const flow = new Map<string, FlowEvent[]>();
    const event = (node: string, e: FlowEvent): void => {
      const list = flow.get(node);
      if (list) list.push(e);
      else flow.set(node, [e]);
    };
    const arrivals: { day: number; personnel: number; tonnes: number }[] = [];
    let lastArrival: number | null = null;
    let firstExecutedFromOrigin = Infinity;
    for (const m of movements) {
      const a = arcIndex.get(m.arc);
      if (a === undefined) {
        report({
          kind: 'plan-shape',
          uln: u.uln,
          arc: m.arc,
          message: `ULN ${u.uln} moves on unknown arc ${m.arc}`,
        });
        continue;
      }
      const arc = network.arcs[a]!;
      const planned = !m.executed;
      const at = `ULN ${u.uln}'s load on ${arc.id} departing day ${m.departDay}`;
      const where = { uln: u.uln, arc: arc.id, day: m.departDay };
      if (m.arriveDay >= H) {
        report({
          kind: 'beyond-horizon',
          ...where,
          message: `${at} arrives day ${m.arriveDay}, beyond the ${H}-day horizon`,
        });
      }
      if (planned) {
        if (!Number.isInteger(m.departDay) || m.arriveDay !== m.departDay + arc.transitDays) {
          report({
            kind: 'transit',
            ...where,
            message: `${at} arrives day ${m.arriveDay}, not day ${m.departDay} + ${arc.transitDays} days' transit`,
          });
        }
        const from = arc.from === u.origin ? Math.max(u.ald, today) : today;
        if (m.departDay < from) {
          report({
            kind: 'early-departure',
            ...where,
            message:
              arc.from === u.origin
                ? `${at} leaves its origin before day ${from} (ALD ${u.ald}, today ${today})`
                : `${at} is planned before today, day ${today}`,
          });
        }
        if (arc.closures.some((c) => m.departDay >= c.from && m.departDay <= c.to)) {
          report({ kind: 'closed-arc', ...where, message: `${at}: the arc is closed that day` });
        }
        if (arc.to === u.destination && m.arriveDay < u.ead) {
          report({
            kind: 'before-ead',
            ...where,
            message: `${at} reaches ${u.destination} on day ${m.arriveDay}, before its EAD ${u.ead}`,
          });
        }
        if (m.personnel < 0 || m.tonnes < 0) {
          report({ kind: 'load-size', ...where, message: `${at} carries a negative amount` });
        } else if (!arc.wholeUnit) {
          // A zero lift load means none beyond the day's capacity (checked below), as the planner reads it.
          const limP = arc.loadSize.personnel > 0 ? arc.loadSize.personnel : Infinity;
          const limT = arc.loadSize.tonnes > 0 ? arc.loadSize.tonnes : Infinity;
          if (!within(m.personnel, limP) || !within(m.tonnes, limT)) {
            report({
              kind: 'load-size',
              ...where,
              message:
                `${at} carries ${fmt(m.personnel)} pers ${fmt(m.tonnes)} t, more than a lift of ` +
                `${arc.loadSize.personnel} pers ${arc.loadSize.tonnes} t`,
            });
          }
        }
        if (!mayUse(u, arc)) {
          report({
            kind: 'ineligible-arc',
            ...where,
            message:
              u.modes && !u.modes.includes(arc.mode)
                ? `${at}: ULN ${u.uln} may not travel by ${arc.mode}`
                : `${at}: its largest item, ${u.largestItemTonnes} t, does not fit a ${arc.loadSize.tonnes} t lift`,
          });
        }
      } else if (arc.from === u.origin) {
        firstExecutedFromOrigin = Math.min(firstExecutedFromOrigin, m.departDay);
      }

      if (inDays(m.departDay)) {
        const i = a * H + m.departDay;
        arcAllP[i] = arcAllP[i]! + m.personnel;
        arcAllT[i] = arcAllT[i]! + m.tonnes;
        if (planned) {
          arcPlanP[i] = arcPlanP[i]! + m.personnel;
          arcPlanT[i] = arcPlanT[i]! + m.tonnes;
        }
      }
      const head = nodeIndex.get(arc.to);
      if (head !== undefined && inDays(m.arriveDay)) {
        const i = head * H + m.arriveDay;
        nodeAllP[i] = nodeAllP[i]! + m.personnel;
        nodeAllT[i] = nodeAllT[i]! + m.tonnes;
        if (planned) {
          nodePlanP[i] = nodePlanP[i]! + m.personnel;
          nodePlanT[i] = nodePlanT[i]! + m.tonnes;
        }
      }

      event(arc.from, { day: m.departDay, personnel: -m.personnel, tonnes: -m.tonnes });
      event(arc.to, { day: m.arriveDay, personnel: m.personnel, tonnes: m.tonnes });
      if (arc.to === u.destination) {
        arrivals.push({ day: m.arriveDay, personnel: m.personnel, tonnes: m.tonnes });
        lastArrival = lastArrival === null ? m.arriveDay : Math.max(lastArrival, m.arriveDay);
      }
    }

    // Flow through each node: nothing leaves before it arrived. The origin holds the ULN from its
    // ALD, or from its first executed departure if that was earlier (an ALD edited after departure).
    event(u.origin, {
      day: Math.min(u.ald, firstExecutedFromOrigin),
      personnel: u.personnel,
      tonnes: u.tonnes,
    });
    for (const [node, events] of flow) {
      // Checked at the end of each day only, so a load may leave on the day it arrived.
      events.sort((x, y) => x.day - y.day);
      let p = 0;
      let t = 0;
      let inP = 0;
      let inT = 0;
      let outP = 0;
      let outT = 0;
      let reported = false;
      for (let i = 0; i < events.length; i++) {
        const e = events[i]!;
        p += e.personnel;
        t += e.tonnes;
        if (e.personnel > 0) inP += e.personnel;
        else outP -= e.personnel;
        if (e.tonnes > 0) inT += e.tonnes;
        else outT -= e.tonnes;
        const endOfDay = i === events.length - 1 || events[i + 1]!.day !== e.day;
        if (!endOfDay || reported) continue;
        const shortP = p < -CARGO_TOL * Math.max(1, inP);
        const shortT = t < -CARGO_TOL * Math.max(1, inT);
        if (shortP || shortT) {
          reported = true;
          const what = shortP ? 'personnel' : 'tonnes';
          report({
            kind: 'contiguity',
            uln: u.uln,
            node,
            day: e.day,
            message:
              `by day ${e.day}, ${fmt(shortP ? outP : outT)} ${what} of ULN ${u.uln} left ${node}, ` +
              `only ${fmt(shortP ? inP : inT)} had got there`,
          });
        }
      }
      if (!scheduled) continue;
      if (node === u.destination) {
        if (outP > 0 || outT > 0) {
          report({
            kind: 'conservation',
            uln: u.uln,
            node,
            message: `cargo of ULN ${u.uln} leaves ${node}, its destination`,
          });
        }
      } else if (!near2(inP, outP, u.personnel) || !near2(inT, outT, u.tonnes)) {
        report({
          kind: 'conservation',
          uln: u.uln,
          node,
          message:
            `at ${node}, ${fmt(inP)} pers ${fmt(inT)} t of ULN ${u.uln} ${node === u.origin ? 'are there' : 'arrive'}, ` +
            `${fmt(outP)} pers ${fmt(outT)} t leave: cargo ${inP + inT > outP + outT ? 'lost' : 'created'}`,
        });
      }
    }
    const inP = arrivals.reduce((x, a) => x + a.personnel, 0);
    const inT = arrivals.reduce((x, a) => x + a.tonnes, 0);
    if (scheduled && (!near2(inP, u.personnel, u.personnel) || !near2(inT, u.tonnes, u.tonnes))) {
      report({
        kind: 'conservation',
        uln: u.uln,
        node: u.destination,
        message:
          `${fmt(inP)} of ${u.personnel} personnel and ${fmt(inT)} of ${u.tonnes} tonnes of ULN ${u.uln} ` +
          `reach ${u.destination}`,
      });
    }

    // Its figures. Scheduled: delivered when personnel and critical tonnes are in (the penalty day if
    // never, which the conservation check has reported); unplanned: on the penalty day.
    const delivered = scheduled ? deliveryDay(u, arrivals) : null;
    const daysLate = Math.max(0, (delivered ?? penaltyDay) - u.rdd);
    const weighted = weight * mass * daysLate;
    if (scheduled) {
      objective.weightedPersonnelDaysLate += weighted;
      objective.personnelDaysLate += u.personnel * daysLate;
      objective.unitDaysLate += daysLate;
      objective.weightedUnitDaysLate += weight * daysLate;
      if (lastArrival !== null)
        objective.closureDay = Math.max(objective.closureDay ?? lastArrival, lastArrival);
    } else {
      objective.unscheduled++;
      objective.unplannedPenalty += weighted;
    }
    figures.push({
      uln: u.uln,
      arrivalDay: scheduled ? lastArrival : null,
      deliveredDay: delivered,
      daysLate,
      personnelDaysLate: u.personnel * daysLate,
      weightedPersonnelDaysLate: weighted,
    });
    /** A reported figure against the recomputed one: days exactly, amounts within the tolerance. */
    const figure = (name: string, reported: unknown, expected: number | null, isDay = false): void => {
      const same =
        expected === null
          ? reported === null
          : typeof reported === 'number' && (isDay ? reported === expected : near(reported, expected));
      if (!same) {
        report({
          kind: 'objective',
          uln: u.uln,
          message: `ULN ${u.uln}'s ${name} is reported as ${String(reported)}, recomputed ${String(expected)}`,
        });
      }
    };
    figure('arrivalDay', s.arrivalDay, scheduled ? lastArrival : null, true);
    figure('deliveredDay', s.deliveredDay, delivered, true);
    figure('daysLate', s.daysLate, daysLate, true);
    figure('personnelDaysLate', s.personnelDaysLate, u.personnel * daysLate);
    figure('weightedPersonnelDaysLate', s.weightedPersonnelDaysLate, weighted);
  }
  objective.value = objective.weightedPersonnelDaysLate + objective.unplannedPenalty;

  // Capacity per departure day and reception per arrival day, each measure where a planned load adds
  // to it that day: executed loads are facts and may exceed a limit, and personnel and tonnes are
  // separate limits (planned personnel may land on a day whose executed tonnes overfill it).
  network.arcs.forEach((arc, a) => {
    for (let d = 0; d < H; d++) {
      const i = a * H + d;
      if (arcPlanP[i] === 0 && arcPlanT[i] === 0) continue;
      const overP = arcPlanP[i] !== 0 && !within(arcAllP[i]!, arc.capacityPerDay.personnel);
      const overT = arcPlanT[i] !== 0 && !within(arcAllT[i]!, arc.capacityPerDay.tonnes);
      if (overP || overT) {
        report({
          kind: 'arc-capacity',
          arc: arc.id,
          day: d,
          message:
            `${fmt(arcAllP[i]!)} pers ${fmt(arcAllT[i]!)} t depart on ${arc.id} on day ${d}, capacity ` +
            `${arc.capacityPerDay.personnel} pers ${arc.capacityPerDay.tonnes} t`,
        });
      }
    }
  });
  network.nodes.forEach((node, n) => {
    const r = node.receptionPerDay;
    if (!r) return;
    for (let d = 0; d < H; d++) {
      const i = n * H + d;
      if (nodePlanP[i] === 0 && nodePlanT[i] === 0) continue;
      if (
        (nodePlanP[i] !== 0 && !within(nodeAllP[i]!, r.personnel)) ||
        (nodePlanT[i] !== 0 && !within(nodeAllT[i]!, r.tonnes))
      ) {
        report({
          kind: 'node-reception',
          node: node.id,
          day: d,
          message:
            `${fmt(nodeAllP[i]!)} pers ${fmt(nodeAllT[i]!)} t arrive at ${node.id} on day ${d}, reception ` +
            `${r.personnel} pers ${r.tonnes} t`,
        });
      }
    }
  });

  // The plan's figures.
  const reported = plan.objective as Partial<DeploymentPlan['objective']>;
  const fields = [
    'value',
    'weightedPersonnelDaysLate',
    'personnelDaysLate',
    'unitDaysLate',
    'weightedUnitDaysLate',
    'unplannedPenalty',
    'unscheduled',
    'closureDay',
  ] as const;
  for (const f of fields) {
    const got: unknown = reported[f];
    const want = objective[f];
    const same = want === null ? got === null : typeof got === 'number' && near(got, want);
    if (!same) {
      report({
        kind: 'objective',
        message: `the plan reports objective.${f} ${String(got)}, recomputed ${String(want)}`,
      });
    }
  }
  return { violations, objective, ulns: figures };
}

/** Whether two cargo sums agree within the tolerance of `scale` (the ULN's amount). */
function near2(a: number, b: number, scale: number): boolean {
  return Math.abs(a - b) <= CARGO_TOL * Math.max(1, scale);
}
