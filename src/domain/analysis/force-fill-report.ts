// The result of force generation fill (analysis 1 of the product design): which offers fill which
// requirement lines, what is short, and why an offer is left over. Types only, so the web UI can read
// a report without importing the planner that computes it (src/planner/force-fill.ts).
import type {
  CapabilityCode,
  Days,
  IsoDate,
  Months,
  NationId,
  OfferId,
  Personnel,
  RequirementId,
  Tonnes,
} from '../ids.ts';
import type { ForceDomain, OfferStatus } from '../scenario-schema.ts';

/** What the fill assumed; echoed in the report so that two reports can be told apart. */
export interface ForceFillAssumptions {
  /** Offers whose valid-until date is before this day do not count. */
  asOf: IsoDate;
  /** Whether offers that require a US backstop count. */
  usBackstop: boolean;
  /** Whether an offer ready after a line's RDD may still fill it (flagged late). */
  allowLate: boolean;
  /** The least firm status that counts; `offered` counts everything not withdrawn. */
  minStatus: Exclude<OfferStatus, 'withdrawn'>;
  /** C-day offset on which nations are told to move; an offer is ready this many days later. */
  activationCDay: Days;
  /** Nations whose offers are left out (what-if analyses). */
  excludedNations: NationId[];
}

export interface FillAssignment {
  offer: OfferId;
  nation: NationId;
  quantity: number;
  /** The offer's own personnel, shared out per unit (integral; the parts of an offer add up to it). */
  personnel: Personnel;
  tonnes: Tonnes;
  /** C-day offset on which the offer is ready: activation day plus its days to ready. */
  readyCDay: Days;
  late: boolean;
  /** Days after the line's RDD that the offer is ready; 0 when on time. */
  daysLate: Days;
  /** The offer is valid until a day before the line's task ends (LineFill.endDate). */
  expiresBeforeLineEnd: boolean;
}

export interface NationContribution {
  nation: NationId;
  quantity: number;
  personnel: Personnel;
}

export type LineFillStatus = 'filled' | 'partial' | 'empty';

export interface LineFill {
  line: RequirementId;
  /** A name for people: capability, sector and task (`Armoured infantry battalion, Kyiv (deterrence)`). */
  label: string;
  capability: CapabilityCode;
  domain: ForceDomain;
  sector: string;
  task: string;
  /** 1 is the most urgent. */
  priority: number;
  /** Objective weight of one filled unit (see weightOfPriority in the planner). */
  weight: number;
  rddCDay: Days;
  durationMonths: Months;
  /** Personnel at the line's planning size (its personnel per unit, else the capability default). */
  required: { quantity: number; personnel: Personnel };
  /** Personnel as the filling offers declare them, which may differ from the planning size. */
  filled: { quantity: number; personnel: Personnel };
  /** Units still missing, and their personnel at the line's planning size. */
  shortfall: { quantity: number; personnel: Personnel };
  /** Filled share of the required units, 0 to 1. */
  fillRatio: number;
  /**
   * Filled personnel over the line's personnel at planning size, 0 to 1: a 1,500-person HQ line
   * filled by one 700-person unit is filled in units (1 of 1) and 47 % in personnel.
   */
  personnelFillRatio: number;
  /** The day the line's task ends: C-day (or the analysis date) plus RDD plus duration. */
  endDate: IsoDate;
  status: LineFillStatus;
  /** Units filled by offers that are ready after the RDD. */
  lateQuantity: number;
  nations: NationContribution[];
  assignments: FillAssignment[];
}

/** Why one offer may not fill one line. */
export type LineExclusionRule =
  | { kind: 'excluded-sector'; sector: string }
  | { kind: 'task-not-allowed'; task: string; allowedTasks: string[] }
  | { kind: 'duration-too-long'; durationMonths: Months; maxDurationMonths: Months }
  /** Only when late offers are not allowed to fill. */
  | { kind: 'late'; daysLate: Days };

export interface LineExclusion {
  line: RequirementId;
  rules: LineExclusionRule[];
}

export type UnmatchedReason =
  | { kind: 'withdrawn' }
  | { kind: 'status-below-minimum'; status: OfferStatus; minStatus: OfferStatus }
  | { kind: 'expired'; validUntil: IsoDate; asOf: IsoDate }
  | { kind: 'requires-us-backstop' }
  | { kind: 'nation-excluded' }
  /** Left out of one Monte Carlo draw. */
  | { kind: 'not-delivered' }
  | { kind: 'no-line-for-capability'; capability: CapabilityCode }
  /** Every line of the offer's capability is closed to it; `exclusions` names the rule per line. */
  | { kind: 'no-eligible-line'; exclusions: LineExclusion[] }
  /** The lines it may fill are full (with higher-priority or earlier-processed offers); lines closed to it by caveats are listed too. */
  | { kind: 'lines-already-filled'; lines: RequirementId[]; exclusions: LineExclusion[] };

export interface UnmatchedOffer {
  offer: OfferId;
  nation: NationId;
  capability: CapabilityCode;
  status: OfferStatus;
  quantity: number;
  matchedQuantity: number;
  remainingQuantity: number;
  /** The offer's personnel not matched, shared out per unit. */
  remainingPersonnel: Personnel;
  reason: UnmatchedReason;
  /** The reason as a sentence, for people. */
  explanation: string;
}

export interface NationFillTotals {
  nation: NationId;
  /** Personnel in offers that are not withdrawn (as in the scenario overview). */
  personnelOffered: Personnel;
  /** Personnel in offers that count under the assumptions (status, expiry, backstop, exclusions). */
  personnelAvailable: Personnel;
  personnelMatched: Personnel;
  /** This nation's part of all matched personnel, 0 to 1. */
  share: number;
}

export interface DomainFillTotals {
  domain: ForceDomain;
  quantityRequired: number;
  quantityFilled: number;
  personnelRequired: Personnel;
  personnelOffered: Personnel;
  personnelAvailable: Personnel;
  personnelMatched: Personnel;
  /** Sum of the line shortfalls of this domain, at planning size. */
  personnelShortfall: Personnel;
}

export interface ForceFillTotals {
  /** The mission's force target (the article's 100,000). */
  personnelTarget: Personnel;
  /** Sum of the requirement lines at planning size. */
  personnelRequired: Personnel;
  personnelOffered: Personnel;
  personnelAvailable: Personnel;
  personnelMatched: Personnel;
  /** Target minus matched, never below 0. */
  shortfallAgainstTarget: Personnel;
  /** Sum of the line shortfalls at planning size. */
  shortfallAgainstLines: Personnel;
  quantityRequired: number;
  quantityFilled: number;
  /** The objective: sum over lines of weight times filled units. */
  weightedFill: number;
  /** The objective if every line were filled. */
  weightedRequired: number;
  lateQuantity: number;
  /** Sum over late assignments of units times days late; minimal for the fill chosen. */
  lateUnitDays: number;
  lineCounts: Record<LineFillStatus, number>;
}

export interface ForceFillReport {
  assumptions: ForceFillAssumptions;
  totals: ForceFillTotals;
  /** Every requirement line, in the scenario's order. */
  lines: LineFill[];
  /** Every offer with units left over (including offers that do not count at all), in the scenario's order. */
  unmatchedOffers: UnmatchedOffer[];
  /** Every nation with an offer, most matched personnel first. */
  byNation: NationFillTotals[];
  /** land, air, maritime, enabler. */
  byDomain: DomainFillTotals[];
}
