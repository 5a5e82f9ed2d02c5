// The deployment planner's input and output shapes: the network, the ULNs, the movement records a
// re-plan starts from, the options and the plan. Apart from schedule.ts (the scheduler) because
// movements.ts, which checks records against a network and its ULNs, is called by the scheduler and
// reads these same shapes; with them in schedule.ts the two modules imported each other.
export interface PersonnelTonnes {
  personnel: number;
  tonnes: number;
}

export interface DeploymentNode {
  id: string;
  /** Arrivals the node can absorb per day, from all arcs together; absent means unlimited. */
  receptionPerDay?: PersonnelTonnes;
}

export interface Closure {
  /** First closed day, inclusive. */
  from: number;
  /** Last closed day, inclusive. */
  to: number;
}

export interface DeploymentArc {
  id: string;
  from: string;
  to: string;
  mode: string;
  /** Whole days from departure to arrival, at least 1. */
  transitDays: number;
  capacityPerDay: PersonnelTonnes;
  /** One lift (aircraft, train, ship slot): cargo is cut into loads of at most this size. */
  loadSize: PersonnelTonnes;
  /** The whole ULN must depart together on one day (e.g. a ship or a dedicated train). */
  wholeUnit?: boolean;
  /** Days on which nothing may depart on the arc; loads already in transit are unaffected. */
  closures: Closure[];
}

export interface DeploymentNetwork {
  nodes: DeploymentNode[];
  arcs: DeploymentArc[];
}

export interface Uln {
  uln: string;
  personnel: number;
  tonnes: number;
  origin: string;
  destination: string;
  /** Available-to-load day at the origin: nothing departs earlier. */
  ald: number;
  /** Earliest arrival day at the destination. */
  ead: number;
  /** Latest arrival day at the destination. */
  lad: number;
  /** Required delivery day: lateness is counted against it. */
  rdd: number;
  /** 1 is the highest. */
  priority: number;
  /**
   * Share of the tonnes (critical equipment) that must be at the destination for the ULN to count
   * as delivered, 0 to 1. Default DEFAULT_CRITICAL_SHARE (objective.ts).
   */
  criticalShare?: number;
  /** Arc modes that may carry the ULN (e.g. road, rail, sea for armour); absent: any. */
  modes?: readonly string[];
  /**
   * Its largest single item in tonnes: an arc whose lift load is smaller cannot carry it unless it
   * takes the whole unit as one lift. Absent: anything fits.
   */
  largestItemTonnes?: number;
}

/** A lift load that actually departed: a fact the plan starts from, not a decision. */
export interface ExecutedMovement {
  uln: string;
  arc: string;
  departDay: number;
  /** Null: departed, arrival not yet reported; assumed to arrive after the arc's transit. */
  arriveDay: number | null;
  personnel: number;
  tonnes: number;
}

export interface PlanOptions {
  /** Candidate routes per (node, destination). Default 10. */
  routesPerPair?: number;
  /** Days in the ledger. Default: latest of ALD, RDD and LAD plus 61, two months' grace. */
  horizonDays?: number;
  /** Weight of a personnel-day late by priority. Default 1 / priority. */
  priorityWeight?: (priority: number) => number;
  /** How many bottlenecks to report. Default 10. */
  topBottlenecks?: number;
  /**
   * Loads that already moved, checked by `checkMovements` (except against ALD: an ALD edited after
   * departure must not make history unplannable); a RangeError names the first problem.
   */
  executed?: readonly ExecutedMovement[];
  /** The current day, a whole day: nothing planned departs before it. Default 0. */
  today?: number;
  /**
   * ULN ids in the order to schedule them, typically a previous plan's `order`: a re-plan then
   * keeps the order its plan found by improvement instead of searching again. ULNs not listed
   * follow in the planner's own order; ids of no ULN are ignored.
   */
  order?: readonly string[];
  /**
   * The plan this re-plans (with `executed` and `today` from its execution): each ULN it scheduled
   * keeps its planned loads from today on where they still fit (same arcs open, capacity and
   * reception around the other kept loads, the cargo where the records leave it), and only the ULNs
   * a change touched are planned again, after them; its `order` is the default order. Nothing
   * changed gives the same plan; a ULN it scheduled is dropped only if it can no longer be planned
   * even first. No improvement passes. Bottlenecks count the waiting of the ULNs planned again only.
   */
  previous?: PreviousPlan;
  /**
   * Whether units with days to spare are held at their origin so that they arrive by their RDD
   * rather than as early as they can, and their follow-on tonnes sent after them to arrive by their
   * LAD (hold-on-time.ts), typically a previous plan's `holdOnTime`
   * given with its `order`. Default: the previous plan's, else false; improvement tries both.
   */
  holdOnTime?: boolean;
  /**
   * Re-scheduling passes after the first when units are late by congestion (see Improve).
   * Default: none when `order` is given, else 32,000 / ULNs, at most 16 (at most 3 above 4,000 ULNs).
   */
  improvementPasses?: number;
  /**
   * Prices of capacity (priority-weighted personnel-days per person or tonne) per arc and departure
   * day and per node and arrival day, typically the duals of the proved bound's relaxation
   * (bound/delivery-master.ts): a unit then takes the route that minimises its lateness plus the
   * price of the capacity it uses, leaving dear lift to the units that need it.
   */
  prices?: CapacityPrices;
}

/**
 * What a re-plan reads of the plan it keeps (PlanOptions.previous): each ULN's status and loads, the
 * order, the holding. A DeploymentPlan is one; so is a plan made of the bound's LP schedules
 * (lp-schedule-plan.ts).
 */
export interface PreviousPlan {
  ulns: readonly Pick<UlnSchedule, 'uln' | 'status' | 'movements'>[];
  order: readonly string[];
  holdOnTime?: boolean;
}

/** Prices per [arc * H + day] (departures) and [node * H + day] (arrivals), per dimension. */
export interface CapacityPrices {
  H: number;
  arcP: Float64Array;
  arcT: Float64Array;
  nodeP: Float64Array;
  nodeT: Float64Array;
}

export interface Movement {
  /** Index into the ULN's legs. */
  leg: number;
  /** Arc id, the same as the leg's. */
  arc: string;
  departDay: number;
  /** For an executed load with no reported arrival, departure plus transit. */
  arriveDay: number;
  personnel: number;
  tonnes: number;
  /** From `PlanOptions.executed` (in the order given there, before the planned ones), not planned. */
  executed: boolean;
  /**
   * Follow-on tonnes (the unit's beyond its critical share), sent after the unit as its LAD allows
   * (hold-on-time.ts): on legs of their own, which the unit's delivery does not wait for.
   */
  followOn: boolean;
}

export interface LegSchedule {
  arc: string;
  from: string;
  to: string;
  mode: string;
  firstDeparture: number;
  lastDeparture: number;
  firstArrival: number;
  lastArrival: number;
  loads: number;
  /**
   * Personnel and tonnes its loads carry: a unit whose personnel and equipment take routes of their
   * own (choose-route.ts split routes) has legs that carry one of them only.
   */
  personnel: number;
  tonnes: number;
  /**
   * Whether the leg carries follow-on tonnes (Movement.followOn), and only them: such legs come
   * after the unit's, as a path of their own from where the follow-on left.
   */
  followOn: boolean;
}

export type UlnStatus = 'scheduled' | 'no-route' | 'beyond-horizon';

export interface UlnSchedule {
  uln: string;
  status: UlnStatus;
  /**
   * Arc ids from origin to destination, empty unless scheduled. When execution split the cargo over
   * several paths, the main one: from the origin, at each node the arc that carried the most of
   * this ULN's personnel plus tonnes (ties to the arc listed first in the network).
   */
  route: string[];
  /**
   * Every arc the ULN's loads use, executed or planned, each once: the route's arcs in route order,
   * then any others by first departure. For a ULN on one path, one leg per arc of `route`.
   */
  legs: LegSchedule[];
  /** Executed loads first (also when the rest cannot be scheduled), then planned ones. */
  movements: Movement[];
  /** Day the last load, executed or planned, reaches the destination; null unless scheduled. */
  arrivalDay: number | null;
  /**
   * Day its personnel and critical equipment are all at the destination (objective.ts), at most
   * arrivalDay; null unless scheduled.
   */
  deliveredDay: number | null;
  /** Days from the RDD to deliveredDay, none below 0; an unplanned ULN's are to the penalty day. */
  daysLate: number;
  /** personnel × daysLate. */
  personnelDaysLate: number;
  /** Its part of the objective: priority weight × personnel (at least 1) × daysLate. */
  weightedPersonnelDaysLate: number;
}

/**
 * Why a ULN misses its LAD: ready too late for it even on an empty network, held up by the plan's
 * own congestion (capacity, reception, closures), already late where its cargo stands on re-planning,
 * or not movable at all.
 */
export type MissedLadKind = 'readiness' | 'congestion' | 'already-late' | 'no-route' | 'beyond-horizon';

export interface MissedLad {
  uln: string;
  kind: MissedLadKind;
  /** In words, days as C+n: "arrives C+57, LAD C+50 missed by 7 days". */
  reason: string;
}

export interface ArcUtilisation {
  arc: string;
  /** Per day, views into one shared buffer. */
  personnel: Float64Array;
  tonnes: Float64Array;
  /** Per day, the larger of the personnel and tonnes fractions of capacity. */
  utilisation: Float64Array;
  /** Days on which a load was turned away for want of capacity. */
  daysAtCapacity: number;
}

export interface NodeUtilisation {
  node: string;
  personnel: Float64Array;
  tonnes: Float64Array;
  /** Per day; all zeros when the node's reception is unlimited. */
  utilisation: Float64Array;
  daysAtCapacity: number;
}

export interface Bottleneck {
  kind: 'arc' | 'node';
  id: string;
  daysAtCapacity: number;
  /** Priority-weighted ULN-days of cargo held back by this arc (capacity or closure) or node. */
  weightedWaiting: number;
  score: number;
}

export interface DeploymentPlan {
  horizonDays: number;
  objective: {
    /**
     * What the planner minimises: the priority-weighted personnel-days late of every ULN, delivered
     * when its personnel and critical equipment are in, an unplanned ULN counted as delivered on the
     * penalty day (objective.ts). weightedPersonnelDaysLate + unplannedPenalty.
     */
    value: number;
    /** Of the scheduled ULNs. */
    weightedPersonnelDaysLate: number;
    /** Of the scheduled ULNs, unweighted. */
    personnelDaysLate: number;
    /** Days late summed over the scheduled ULNs. */
    unitDaysLate: number;
    /** Days late × priority weight, summed over the scheduled ULNs. */
    weightedUnitDaysLate: number;
    /** The unplanned ULNs' part of `value`. */
    unplannedPenalty: number;
    /** Day the last scheduled ULN closes (its last load in), null when none is scheduled. */
    closureDay: number | null;
    unscheduled: number;
  };
  /** In input order. */
  ulns: UlnSchedule[];
  /** ULN ids in the order they were scheduled (claimed capacity); `PlanOptions.order` of a re-plan. */
  order: string[];
  /**
   * Whether units with days to spare were held at their origin to arrive by their RDD, leaving the
   * early lift to units that need it (improvement's choice; PlanOptions.holdOnTime of a re-plan).
   */
  holdOnTime: boolean;
  missedLad: MissedLad[];
  arcs: ArcUtilisation[];
  nodes: NodeUtilisation[];
  /** Personnel at their destinations by the end of each day, executed arrivals included. */
  closureCurve: Float64Array;
  bottlenecks: Bottleneck[];
}
