// The result of the resilience analysis (analysis 4 of the product design): what each nation's
// withdrawal breaks, and a Monte Carlo over politics (each nation delivers its offers with a
// probability from its current stance). Types only, so the web UI can read a report without
// importing the planner that computes it (src/planner/resilience.ts). Reports are plain data (no
// Map, no typed array), so they cross a worker-thread boundary and serialise to JSON as they are.
import type { CapabilityCode, Days, IsoDate, NationId, Personnel, RequirementId } from '../ids.ts';
import type { DeliveryStance, ForceDomain, Source, Stance } from '../scenario-schema.ts';
import type { ForceFillAssumptions, LineFillStatus } from './force-fill-report.ts';

/** The headline figures of one fill. */
export interface FillSummary {
  personnelMatched: Personnel;
  quantityFilled: number;
  /** The fill's objective: sum over lines of priority weight times filled units. */
  weightedFill: number;
  lineCounts: Record<LineFillStatus, number>;
}

/** One requirement line whose fill changes when a nation withdraws. */
export interface LineChange {
  line: RequirementId;
  capability: CapabilityCode;
  sector: string;
  task: string;
  priority: number;
  requiredQuantity: number;
  filledBefore: number;
  filledAfter: number;
  statusBefore: LineFillStatus;
  statusAfter: LineFillStatus;
}

export interface NationWithdrawal {
  nation: NationId;
  /** Current stance on the analysis date; null when the nation has no stance entry by then. */
  stance: Stance | null;
  /** Personnel in its offers that are not withdrawn. */
  personnelOffered: Personnel;
  /** Personnel in its offers that count under the fill's assumptions. */
  personnelAvailable: Personnel;
  /** What its own offers fill when every nation delivers. */
  contribution: { quantity: number; personnel: Personnel };
  /** The fill without it (the optimal fill of the others, re-routed). */
  after: FillSummary;
  /**
   * Baseline minus `after`. Units and weighted fill never rise when a nation leaves, so these are
   * never negative. Personnel may be, in a rare case: the fill maximises priority-weighted units, so
   * another nation's larger unit may take over a line and bring more people than the one it replaces.
   */
  lost: { quantity: number; personnel: number; weightedFill: number; weightedFillShare: number };
  /** The part of its contribution the other nations' offers take over: contribution minus lost. */
  coveredByOthers: { quantity: number; personnel: number };
  /** Lines completely filled with it and no longer without it. */
  linesNewlyShort: RequirementId[];
  /** Lines with some fill with it and none without it. */
  linesNewlyEmpty: RequirementId[];
  /** Every line whose fill changes, in the scenario's order. */
  lines: LineChange[];
}

export interface WithdrawalTable {
  fillAssumptions: ForceFillAssumptions;
  /** The fill when every nation delivers. */
  baseline: FillSummary & { weightedRequired: number };
  /** Every nation with an offer not withdrawn: most weighted fill lost first. */
  nations: NationWithdrawal[];
}

/**
 * Where a nation's delivery probability came from: its stance, an override for the nation, or the
 * fill's `excludeNations` (probability 0).
 */
export type ProbabilityOrigin = 'stance' | 'nation-override' | 'excluded';

export interface NationDelivery {
  nation: NationId;
  stance: Stance | null;
  /** The stance the probability was looked up by: `unstated` when the nation has none yet. */
  probabilityStance: DeliveryStance;
  probability: number;
  probabilityFrom: ProbabilityOrigin;
  personnelOffered: Personnel;
  /** Personnel in its offers that count under the assumptions (and are ready in time, if asked). */
  personnelAvailable: Personnel;
  /** Share of the draws in which it delivered: close to `probability`. */
  deliveredShare: number;
}

/** Order statistics of a figure over the draws (nearest rank: P10 is the value at rank ⌈0.1·n⌉). */
export interface Distribution {
  mean: number;
  min: number;
  p10: number;
  p50: number;
  p90: number;
  max: number;
}

/** A bin holds the draws with `from` ≤ value < `to`. */
export interface HistogramBin {
  from: number;
  to: number;
  count: number;
  /** count / draws */
  share: number;
}

export interface Histogram {
  binWidth: number;
  bins: HistogramBin[];
}

export interface LineResilience {
  line: RequirementId;
  capability: CapabilityCode;
  domain: ForceDomain;
  sector: string;
  task: string;
  priority: number;
  requiredQuantity: number;
  /** The line when every nation delivers. */
  allDeliver: { filledQuantity: number; status: LineFillStatus };
  /** Share of draws in which the line is completely filled. */
  probabilityFilled: number;
  /** Share of draws in which nothing fills it. */
  probabilityEmpty: number;
  /** Mean over the draws of filled / required units. */
  meanFillRatio: number;
}

export interface MonteCarloReport {
  fillAssumptions: ForceFillAssumptions;
  draws: number;
  seed: number;
  /** Only offers ready by this C-day offset count ("force at C+N"); null when all count. */
  readyByCDay: Days | null;
  /** The probability by stance that the run used: the scenario's values, else the defaults. */
  deliveryProbability: Record<DeliveryStance, number>;
  /** The scenario's source or assumption for its values; null when it gives none (defaults). */
  deliveryProbabilityProvenance: { source?: Source; assumption?: string } | null;
  /** Every nation with an offer not withdrawn, by id. */
  nations: NationDelivery[];
  personnelTarget: Personnel;
  /** Personnel of the offers that the optimal fill of each draw uses. */
  personnelMatched: Distribution;
  /** Personnel offered (not withdrawn) by the nations that deliver in each draw. */
  personnelOffered: Distribution;
  /** Personnel in counting offers of the nations that deliver in each draw. */
  personnelAvailable: Distribution;
  weightedFill: Distribution;
  /** Share of draws whose matched personnel reach the target. */
  probabilityTargetMet: number;
  /** Its standard error, √(p(1−p)/draws): the Monte Carlo's own uncertainty, not the politics'. */
  probabilityTargetMetError: number;
  /** Personnel matched over the draws, for a chart. */
  histogram: Histogram;
  /** The fill when every nation delivers, for comparison. */
  allDeliver: FillSummary;
  /** Every requirement line, in the scenario's order. */
  lines: LineResilience[];
}

export interface ResilienceReport {
  asOf: IsoDate;
  withdrawals: WithdrawalTable;
  monteCarlo: MonteCarloReport;
}
