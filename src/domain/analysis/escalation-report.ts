// What the escalation Monte Carlo (src/planner/escalation.ts) reports: per rung of the ladder the
// withdrawals and restrictions red lines put in effect, the force that remains and the chance of
// meeting the target; over all paths, the force with red lines correlated and independent; per
// nation and pair of nations, how often they withdraw. JSON-safe; read by the contract and the UI.
import type { ForceFillAssumptions } from './force-fill-report.ts';
import type { Distribution, Histogram } from './resilience-report.ts';
import type { Days, NationId, Personnel } from '../ids.ts';

/** A nation's withdrawal in effect at a rung. */
export interface RungWithdrawal {
  nation: NationId;
  /** Share of its force withdrawn: the largest among its `withdraws` red lines at this rung or below. */
  share: number;
  /** The red line that sets the share, and the rung it names. */
  redLine: string;
  sinceRung: string;
  /** Personnel of its counting offers it keeps and withdraws under the share (model point 3). */
  personnelKept: Personnel;
  personnelWithdrawn: Personnel;
}

/** A nation's restriction in effect at a rung: its units stand at least `km` from the line of contact. */
export interface RungRestriction {
  nation: NationId;
  /** The largest distance among its `no-deploy-within` red lines at this rung or below. */
  km: number;
  redLine: string;
  sinceRung: string;
}

/** A distribution of personnel matched and the chance it meets the force target. */
export interface ForceOutcome {
  personnelMatched: Distribution;
  probabilityTargetMet: number;
  /** Standard error of `probabilityTargetMet`. */
  probabilityTargetMetError: number;
}

export interface RungOutcome extends ForceOutcome {
  rung: string;
  level: number;
  name: string;
  /** Probability of climbing to it from the rung below; null for the lowest, reached with certainty. */
  climbProbability: number | null;
  climbProbabilityFrom: 'path-model' | 'default' | 'certain';
  /** Exact: the product of the climbing probabilities up to it. */
  probabilityReached: number;
  /** Draws whose path reached it (close to probabilityReached × draws). */
  drawsReached: number;
  /** Withdrawals in effect at this rung (nations by id); `newlyWithdrawn` those that start or grow here. */
  withdrawals: RungWithdrawal[];
  newlyWithdrawn: NationId[];
  restrictions: RungRestriction[];
  /** The force at this rung when every nation delivers (only the red lines take anything away). */
  allDeliver: { personnelMatched: Personnel };
  // ForceOutcome: the force given the rung is reached (over every draw, see the header).
}

/** The force where each draw's path stopped. */
export interface PathOutcome extends ForceOutcome {
  histogram: Histogram;
}

export interface NationEscalation {
  nation: NationId;
  /** As in the resilience Monte Carlo: its stance's (or an override's) probability of delivering. */
  deliveryProbability: number;
  /** Personnel of its offers that count (and are ready in time, if asked). */
  personnelAvailable: Personnel;
  /** Its red lines, by id. */
  redLines: string[];
  /** Exact probability that a red line withdraws part of its force: reaching its lowest such rung. */
  withdrawalProbability: number;
  /** Share of the draws in which it withdrew, in each model (both close to withdrawalProbability). */
  withdrawnShare: { correlated: number; independent: number };
}

/** How often two nations withdraw in the same draw. */
export interface PairWithdrawal {
  nations: [NationId, NationId];
  /** Exact: correlated, reaching the higher of their two rungs; independent, the product of marginals. */
  expected: { correlated: number; independent: number };
  observed: { correlated: number; independent: number };
}

export interface EscalationReport {
  fillAssumptions: ForceFillAssumptions;
  draws: number;
  seed: number;
  readyByCDay: Days | null;
  personnelTarget: Personnel;
  /** Lowest first. */
  rungs: RungOutcome[];
  /** Over all draws, the force where the path stopped: red lines correlated, and independent. */
  outcome: { correlated: PathOutcome; independent: PathOutcome };
  /** Nations with an offer not withdrawn or a red line, by id. */
  nations: NationEscalation[];
  /** Every pair of nations that may withdraw, by id. */
  pairs: PairWithdrawal[];
}
