// A scenario's deployment plan as its users read it (GET /api/scenarios/:id/deployment/plan): when
// the force closes, what holds it up, and per ULN, arc and node what the schedule does. The planner
// builds this shape (src/planner/deploy/plan-report.ts) and the API, the CLI and the web pages read
// it, so it is defined here once, as schemas, and the types are read off them. Units: days are whole
// C-day offsets, tonnes metric tonnes, utilisation a share of capacity (1 = full).
import { z } from 'zod';
import { partialSchema } from './analyses/envelope.ts';
import { booleanParam, intParam } from './params.ts';

// ---- The query ----

/** Seconds the plan spends proving a lower bound on its objective, unless asked otherwise. */
export const DEFAULT_BOUND_SECONDS = 5;
/** The most a plan may be asked to spend on it: the plan waits for the bound. */
export const MAX_BOUND_SECONDS = 120;

export const planParamsSchema = z.strictObject({
  today: intParam(-365, 3650)
    .optional()
    .describe(
      'C-day to re-plan from: nothing new departs earlier (default: the day after the last movement record)',
    ),
  reference: booleanParam
    .optional()
    .describe('Also solve the LP relaxation with HiGHS and report the planner’s gap to it'),
  boundSeconds: intParam(0, MAX_BOUND_SECONDS)
    .optional()
    .describe(
      `Seconds to spend proving a lower bound on the objective, so that the plan can say how far it is from the best possible (objective.bound); 0: none (default ${DEFAULT_BOUND_SECONDS})`,
    ),
});

/** What the deployment plan is asked for, as a client writes it; left out means the API's default. */
export type PlanQuery = z.input<typeof planParamsSchema>;

// ---- The report ----

export const FORCE_LIST_SOURCES = ['stored', 'generated'] as const;
export type ForceListSource = (typeof FORCE_LIST_SOURCES)[number];

const personnelTonnes = z.strictObject({ personnel: z.number(), tonnes: z.number() });

export const planLegSchema = z
  .strictObject({
    arc: z.string(),
    from: z.string(),
    to: z.string(),
    mode: z.string(),
    firstDeparture: z.number(),
    lastDeparture: z.number(),
    firstArrival: z.number(),
    lastArrival: z.number(),
    loads: z.number().describe('Lift loads over this arc'),
    personnel: z.number().describe('Personnel its loads carry'),
    tonnes: z
      .number()
      .describe(
        "Tonnes its loads carry. A unit whose personnel fly while its equipment sails has legs that carry one of them only, each leg of one dimension's route carrying all of it",
      ),
    followOn: z
      .boolean()
      .describe(
        "The leg carries the unit's follow-on equipment only (its tonnes beyond the critical share, which its delivery does not wait for), sent after it as its LAD allows, often by sea while the unit flies: such legs come after the unit's, as a path of their own",
      ),
  })
  .describe("One leg of a ULN's route: first and last departure and arrival of its loads over one arc");

/** One leg of a ULN's route: first and last departure and arrival of its loads over one arc. */
export type PlanLeg = z.output<typeof planLegSchema>;

export const ULN_PLAN_STATUSES = ['scheduled', 'no-route', 'beyond-horizon'] as const;

export const PLAN_HOLD_KINDS = ['closure', 'arc', 'node'] as const;

export const planHoldSchema = z
  .strictObject({
    kind: z.enum(PLAN_HOLD_KINDS).describe('closure: a closed arc; arc: lift capacity; node: reception'),
    id: z.string().describe('The arc (closure, arc) or node id'),
    name: z.string(),
    days: z.number().describe('Days the last load waited there'),
    text: z
      .string()
      .describe('"waited 9 days for sea lift on …" or "held 5 days by the closure of … (C+38 to C+44: …)"'),
  })
  .describe("Where a ULN's cargo waited longest on its way");
export type PlanHold = z.output<typeof planHoldSchema>;

export const MISSED_LAD_KINDS = [
  'readiness',
  'congestion',
  'already-late',
  'no-route',
  'beyond-horizon',
] as const;

const planUlnSchema = z.strictObject({
  uln: z.string(),
  nation: z.string(),
  capability: z.string(),
  unit: z.string().describe('"Logistics battalion (FRA)": the capability’s name and the nation'),
  line: z.string().describe('The requirement line the unit fills'),
  lineName: z
    .string()
    .nullable()
    .describe('"Logistics battalion, Lviv"; null when the line is not in the scenario'),
  lineRdd: z
    .number()
    .nullable()
    .describe(
      "The line's RDD; earlier than `rdd` when the unit is ready too late for it (its window follows readiness)",
    ),
  personnel: z.number(),
  tonnes: z.number(),
  origin: z.string(),
  destination: z.string(),
  ald: z.number().describe('Available-to-load day at the origin'),
  ead: z.number().describe('Earliest arrival day'),
  lad: z.number().describe('Latest arrival day'),
  rdd: z.number().describe('Required delivery day: lateness is counted against it'),
  priority: z.number().describe('1 is the highest'),
  modes: z
    .array(z.string())
    .nullable()
    .describe("The arc modes that may carry it (its capability's lift); null: any mode"),
  largestItemTonnes: z
    .number()
    .nullable()
    .describe(
      "Its largest item (its capability's lift): an arc whose lift load is smaller cannot carry it unless it moves the whole unit; null: any load fits",
    ),
  status: z.enum(ULN_PLAN_STATUSES),
  legs: z.array(planLegSchema),
  arrivalDay: z.number().nullable().describe('Day the last load arrives; null unless scheduled'),
  deliveredDay: z
    .number()
    .nullable()
    .describe(
      'Day its personnel and critical equipment (objective.criticalShare of its tonnes) are all at the destination, at most arrivalDay: lateness counts from it; null unless scheduled',
    ),
  daysLate: z
    .number()
    .describe(
      "Days from the RDD to deliveredDay, none below 0; an unscheduled ULN's count to the penalty day (objective.penaltyDay)",
    ),
  heldBy: planHoldSchema.nullable().describe('Where its cargo waited longest; null when it never waited'),
  executedLoads: z.number().describe('Loads already moved (from movement records)'),
});
export type PlanUln = z.output<typeof planUlnSchema>;

const planArcSchema = z.strictObject({
  id: z.string(),
  from: z.string(),
  to: z.string(),
  mode: z.string(),
  transitDays: z.number(),
  capacityPerDay: personnelTonnes,
  daysAtCapacity: z.number(),
  peak: z
    .number()
    .describe('Highest daily share of capacity used, 0 to 1 (above 1 only when executed loads exceeded it)'),
  utilisation: z
    .array(z.number())
    .describe('Share of capacity used per day (larger of personnel and tonnes), to 3 decimals'),
});
export type PlanArc = z.output<typeof planArcSchema>;

const planNodeSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.string(),
  nation: z.string(),
  lat: z.number(),
  lon: z.number(),
  receptionPerDay: personnelTonnes
    .nullable()
    .describe('Arrivals the node can absorb per day; null: unlimited'),
  daysAtCapacity: z.number(),
  peak: z.number(),
  utilisation: z.array(z.number()),
});
export type PlanNode = z.output<typeof planNodeSchema>;

const planBottleneckSchema = z.strictObject({
  kind: z.enum(['arc', 'node']),
  id: z.string(),
  name: z.string().describe('"Medyka (POL) → Shehyni (UKR), road" or the node’s name'),
  daysAtCapacity: z.number(),
  weightedWaiting: z.number().describe('Priority-weighted ULN-days of cargo held back'),
  explanation: z.string().describe('What holds cargo up there, and how many ULNs pass it'),
});
export type PlanBottleneck = z.output<typeof planBottleneckSchema>;

const planClosureSchema = z
  .strictObject({
    arc: z.string().describe('The closed arc (see `arcs`)'),
    name: z.string().describe('"Medyka–Mostyska rail crossing (POL) → Lviv staging area (UKR), rail"'),
    from: z.number().describe('First closed day (C-day), inclusive'),
    to: z.number().describe('Last closed day (C-day), inclusive'),
    reason: z.string(),
    ulnsHeld: z.number().describe('ULNs whose cargo waited at the arc while it was closed'),
    mostDaysHeld: z.number(),
    ulnsMissingLad: z.number().describe('Of the ULNs held, those that miss their LAD'),
  })
  .describe('A closure window of an arc: nothing departs on it those days');
export type PlanClosure = z.output<typeof planClosureSchema>;

export const PLAN_BOUND_STATUSES = ['optimal', 'proved', 'none'] as const;
export type PlanBoundStatus = (typeof PLAN_BOUND_STATUSES)[number];

export const planBoundSchema = z
  .strictObject({
    value: z
      .number()
      .nullable()
      .describe(
        "A proved lower bound on `objective.value` of every plan of the same records (weighted personnel-days late, rounded down): no plan does better. Null when there is none (status 'none')",
      ),
    gapPercent: z
      .number()
      .nullable()
      .describe(
        '(objective.value − bound) / bound in percent, rounded up: the plan is at most this much worse than the best possible. 0 when optimal; null when there is no bound (a bound of 0 proves nothing of a plan above 0)',
      ),
    status: z
      .enum(PLAN_BOUND_STATUSES)
      .describe(
        "'optimal': no plan does better (its objective is 0, or the proved bound reaches it); 'proved': a bound below the objective, with the gap; 'none': nothing proved (not asked for, a re-plan from movement records, or only a bound of 0 found in the time given)",
      ),
    seconds: z.number().describe('Seconds spent proving the bound (0 when none was computed)'),
    text: z
      .string()
      .describe(
        '"Within 12.3% of the best possible (proved bound 41,200 weighted personnel-days late).", "Optimal: nobody is late.", or "No proved bound: …" with the reason',
      ),
  })
  .describe(
    "The plan's gap to a proved lower bound on the objective (Lagrangian relaxation, computed within `boundSeconds` over the same records)",
  );
export type PlanBound = z.output<typeof planBoundSchema>;

export const planReportSchema = z
  .strictObject({
    scenario: z.string(),
    cDay: z
      .string()
      .nullable()
      .describe("The mission's C-day (ISO date) the C-day offsets count from; null when not set"),
    today: z.number().describe('The day re-planning started from: nothing new departs earlier'),
    horizonDays: z.number(),
    forceList: z.strictObject({
      source: z.enum(FORCE_LIST_SOURCES),
      ulns: z.number(),
      personnel: z.number(),
      tonnes: z.number(),
    }),
    target: z
      .strictObject({ personnel: z.number(), inForceList: z.number(), notInForceList: z.number() })
      .describe("The mission's force target against what the force list holds"),
    closure: z.strictObject({
      lastArrivalDay: z
        .number()
        .nullable()
        .describe('Day the last scheduled ULN arrives; null when nothing is scheduled'),
      halfDay: z
        .number()
        .nullable()
        .describe("First day by which half of the force list's personnel are in place; null if never"),
      ninetyDay: z.number().nullable(),
      allDay: z.number().nullable(),
      targetDay: z
        .number()
        .nullable()
        .describe("First day the personnel in place reach the mission's target; null when they never do"),
      curve: z.array(z.number()).describe('Personnel at their destinations by the end of each day'),
    }),
    objective: z
      .strictObject({
        value: z
          .number()
          .describe(
            'What the planner minimises: weightedPersonnelDaysLate + unplannedPenalty. A ULN is delivered when its personnel and critical equipment are in; one the plan cannot move counts as delivered on the penalty day',
          ),
        weightedPersonnelDaysLate: z
          .number()
          .describe(
            'Of the scheduled ULNs: priority weight (1 / priority) × personnel (at least 1) × days late, summed',
          ),
        personnelDaysLate: z.number().describe('Of the scheduled ULNs: personnel × days late, summed'),
        unitDaysLate: z.number().describe('Days late summed over the scheduled ULNs'),
        weightedUnitDaysLate: z
          .number()
          .describe('Days late × priority weight, summed over the scheduled ULNs'),
        unplannedPenalty: z
          .number()
          .describe(
            "The unscheduled ULNs' part of `value`: each counted as delivered on the penalty day, weighted like the rest",
          ),
        penaltyDay: z.number().describe('The day an unscheduled ULN counts as delivered: twice the horizon'),
        criticalShare: z
          .number()
          .describe(
            "Share of a ULN's tonnes that must be in, with its personnel, for it to count as delivered (the deployment settings' criticalEquipmentShare, or the default)",
          ),
        lateUlns: z.number().describe('Scheduled ULNs delivered after their RDD'),
        heldOnTime: z
          .boolean()
          .describe(
            "Whether units with days to spare were held at their origins to arrive by their RDD, and each unit's follow-on equipment (its tonnes beyond the critical share) sent after it to arrive by its LAD, leaving the early lift to units without (the planner keeps it only when it lowers the objective)",
          ),
        madeLad: z.number().describe('ULNs whose last load arrives by their LAD'),
        readinessLateUlns: z
          .number()
          .describe(
            "ULNs ready too late for their requirement line's RDD (their RDD is later than the line's)",
          ),
        unscheduled: z
          .number()
          .describe('ULNs the plan cannot move (no route its lift allows, or beyond the horizon)'),
        summary: z
          .string()
          .describe(
            'The objective in words: what it counts, when a ULN counts as delivered, and what the late and the unplanned ULNs add to it',
          ),
        guided: z
          .strictObject({
            unguidedValue: z
              .number()
              .describe(
                "The objective of the plan made without the bound's prices, which this one improves on",
              ),
            pricesUsed: z
              .boolean()
              .describe("Whether this plan's routes were chosen against the proved bound's capacity prices"),
            search: z
              .strictObject({
                moves: z.number().describe('Orders the search tried'),
                seconds: z.number().describe('Seconds it took'),
                startValue: z.number().describe('The objective of the plan it began from'),
              })
              .nullable()
              .describe(
                'Set when a search over the order units claim lift in (each order planned in full) found this plan, better than the one it began from; null otherwise',
              ),
            lpSchedules: z
              .strictObject({
                kept: z.number().describe('ULNs on the schedule the LP solution gives them'),
                of: z.number().describe('ULNs the LP solution schedules'),
                followOnAfterLad: z
                  .boolean()
                  .describe(
                    "Whether follow-on tonnes kept the LP's departures after their LAD (deployment.followOnArrival 'after-lad')",
                  ),
              })
              .nullable()
              .describe(
                "Set when this plan starts from the proved bound's LP solution (each ULN on the schedule it gives the largest share of, where it fits; the rest planned after them); null otherwise",
              ),
            neighbourhood: z
              .strictObject({
                moves: z
                  .number()
                  .describe('Neighbourhoods re-planned: a late unit and the units taking its lift'),
                accepted: z.number().describe('Those that lowered the objective, and were kept'),
                seconds: z.number().describe('Seconds it took'),
                startValue: z.number().describe('The objective of the plan it began from'),
              })
              .nullable()
              .describe(
                'Set when a large-neighbourhood search from the plan made from the LP solution (each move re-plans a late unit and the units whose loads take its arcs, after the others, who keep theirs) improved it; null otherwise',
              ),
          })
          .nullable()
          .describe(
            "Set when the plan was made again after its proved bound and was better: with the bound's capacity prices (each unit's route chosen for its lateness plus the worth to the other units of the lift it takes), from the bound's LP solution, by an order or a neighbourhood search, or several of these; null otherwise",
          ),
        bound: planBoundSchema,
      })
      .describe('What the plan is measured by: the objective the planner minimises and its parts'),
    missedLad: z.array(
      z.strictObject({
        uln: z.string(),
        kind: z.enum(MISSED_LAD_KINDS),
        reason: z
          .string()
          .describe(
            '"arrives C+57: LAD C+50 missed by 7 days; waited 9 days for sea lift on …"; for a ULN with no route, what its lift allows and rules out',
          ),
      }),
    ),
    ulns: z.array(planUlnSchema),
    arcs: z.array(planArcSchema),
    nodes: z.array(planNodeSchema),
    closures: z
      .array(planClosureSchema)
      .describe('Every closure window of the network, with the ULNs it held (for the map and the hold-ups)'),
    bottlenecks: z.array(planBottleneckSchema),
    holdUps: z.array(z.string()).describe('What holds the force up, most important first, in words'),
  })
  .describe('The deployment plan');
export type PlanReport = z.output<typeof planReportSchema>;

// ---- The envelope ----

export const referenceSummarySchema = z
  .strictObject({
    status: z.string(),
    objective: z
      .number()
      .nullable()
      .describe(
        "The LP's lower bound on the plan's objective (weighted personnel-days late); null when it was not solved",
      ),
    gapPercent: z
      .number()
      .nullable()
      .describe('(planner − LP) / LP in percent; null when the LP was not solved to optimality'),
    seconds: z.number(),
  })
  .describe('The LP reference the plan was measured against');
export type ReferenceSummary = z.output<typeof referenceSummarySchema>;

export const planEnvelopeSchema = z
  .strictObject({
    scenario: z.string().describe('Scenario id'),
    partial: partialSchema,
    parameters: z
      .strictObject({ today: z.number(), reference: z.boolean(), boundSeconds: z.number() })
      .describe('The parameters used, defaults filled in'),
    result: planReportSchema,
    reference: referenceSummarySchema.nullable().describe('Null unless asked for with reference=true'),
  })
  .describe('The deployment plan of the records releasable to you');
export type PlanEnvelope = z.output<typeof planEnvelopeSchema>;
