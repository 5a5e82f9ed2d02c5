// The figures a comparison of courses of action puts side by side: every headline figure of every
// analysis, each with one definition, its unit, which way is better, and the breakdowns (lines,
// nations, offers, pledges, ULNs) that explain a change in it. One catalogue, read by the compare
// analysis, the COA matrix, the CLI's tables and the Compare page, so no two of them can disagree
// about what "closure at 90 %" means or whether a rise in it is good news.
import { HEADLINE_FIGURE_KEYS, HEADLINE_FIGURES } from '../analysis/headline-figures.ts';

export const COMPARED_FIGURE_KEYS = [
  // The headline figures of the force first, as the figures analysis defines them.
  ...HEADLINE_FIGURE_KEYS,
  'sustainable6',
  'sustainable12',
  'matchedWithoutUs',
  'lostWithoutUs',
  'linesEmptiedWithoutUs',
  'mcP10',
  'mcP50',
  'mcP90',
  'probabilityTargetMet',
  'fundingCommitted',
  'fundingAllocated',
  'fundingDelivered',
  'closureDay50',
  'closureDay90',
  'closureDay100',
  'personnelDaysLate',
  'lateUlns',
  'within50km',
  'ulnsBreachingLimits',
  'matchedAtTopRung',
  'respond48h',
] as const;
export type ComparedFigureKey = (typeof COMPARED_FIGURE_KEYS)[number];

export const FIGURE_GROUPS = [
  'Force generation',
  'Sustainment',
  'Without the US',
  'Monte Carlo',
  'Funding',
  'Deployment',
  'Risk',
] as const;
export type FigureGroup = (typeof FIGURE_GROUPS)[number];

/** The distance of the risk figure "within reach": the GCSP proposal's artillery pull-back (theatre.ts). */
export const WITHIN_KM = 50;

export const FIGURE_UNITS = [
  'personnel',
  'lines',
  'probability',
  'EUR',
  'C-day',
  'personnel-days',
  'ULNs',
] as const;
export type FigureUnit = (typeof FIGURE_UNITS)[number];

/** The breakdowns a change can be traced to. */
export const DRIVER_DIMENSIONS = ['line', 'nation', 'offer', 'pledge', 'uln'] as const;
export type DriverDimension = (typeof DRIVER_DIMENSIONS)[number];

/**
 * A breakdown of a figure: per record of `dimension`, the number `field` of the scenario summary.
 * `additive`: the figure is the sum of those numbers (times `sign`), so the drivers add up to the
 * delta; otherwise they are what moved the figure, not its parts (a closure day is set by the ULNs
 * arriving around it, not summed from them).
 */
export interface DriverSpec {
  dimension: DriverDimension;
  field: string;
  additive: boolean;
  /** −1 when the figure falls as the breakdown rises (a shortfall against what is matched). */
  sign: 1 | -1;
  /**
   * A record on one side only is counted as 0 on the other (`zero`: it adds or takes away all it
   * has), or as the figure itself there (`figure`: a ULN added to the plan moves the closure day by
   * as much as it arrives after the baseline's closure day).
   */
  missing: 'zero' | 'figure';
}

export interface ComparedFigure {
  key: ComparedFigureKey;
  label: string;
  group: FigureGroup;
  unit: FigureUnit;
  /** Which way is better; null where neither is (the target, the lines required). */
  better: 'higher' | 'lower' | null;
  definition: string;
  drivers: DriverSpec[];
}

const add = (dimension: DriverDimension, field: string, sign: 1 | -1 = 1): DriverSpec => ({
  dimension,
  field,
  additive: true,
  sign,
  missing: 'zero',
});
const moved = (
  dimension: DriverDimension,
  field: string,
  missing: 'zero' | 'figure' = 'zero',
): DriverSpec => ({
  dimension,
  field,
  additive: false,
  sign: 1,
  missing,
});

const force = (key: keyof typeof HEADLINE_FIGURES) => HEADLINE_FIGURES[key];

export const COMPARED_FIGURES: { readonly [K in ComparedFigureKey]: ComparedFigure } = {
  target: {
    key: 'target',
    ...force('target'),
    group: 'Force generation',
    unit: 'personnel',
    better: null,
    drivers: [],
  },
  required: {
    key: 'required',
    ...force('required'),
    group: 'Force generation',
    unit: 'personnel',
    better: null,
    drivers: [add('line', 'required')],
  },
  offered: {
    key: 'offered',
    ...force('offered'),
    group: 'Force generation',
    unit: 'personnel',
    better: 'higher',
    drivers: [add('nation', 'offered'), add('offer', 'offered')],
  },
  counting: {
    key: 'counting',
    ...force('counting'),
    group: 'Force generation',
    unit: 'personnel',
    better: 'higher',
    drivers: [add('nation', 'counting'), add('offer', 'counting')],
  },
  matchedOnTime: {
    key: 'matchedOnTime',
    ...force('matchedOnTime'),
    group: 'Force generation',
    unit: 'personnel',
    better: 'higher',
    drivers: [add('line', 'onTime'), add('nation', 'onTime'), add('offer', 'onTime')],
  },
  matchedLate: {
    key: 'matchedLate',
    ...force('matchedLate'),
    group: 'Force generation',
    unit: 'personnel',
    better: 'higher',
    drivers: [add('line', 'late'), add('nation', 'late'), add('offer', 'late')],
  },
  shortfallAgainstTarget: {
    key: 'shortfallAgainstTarget',
    ...force('shortfallAgainstTarget'),
    group: 'Force generation',
    unit: 'personnel',
    better: 'lower',
    // Target minus what is matched: the parts of the matched figure, with the sign turned. Not a
    // plain sum, as the shortfall stops at 0 and moves with the target too.
    drivers: [
      { ...moved('line', 'matched'), sign: -1 },
      { ...moved('nation', 'matched'), sign: -1 },
    ],
  },
  shortfallAgainstLines: {
    key: 'shortfallAgainstLines',
    ...force('shortfallAgainstLines'),
    group: 'Force generation',
    unit: 'personnel',
    better: 'lower',
    drivers: [add('line', 'shortfall')],
  },
  sustainable6: {
    key: 'sustainable6',
    label: 'Sustainable for 6 months',
    group: 'Sustainment',
    unit: 'personnel',
    better: 'higher',
    definition:
      "Personnel the coalition holds in theatre for 6 months under each nation's rotation policy (tour " +
      'and dwell), on the sustainment basis; a nation cannot relieve another.',
    drivers: [add('nation', 'sustainable6')],
  },
  sustainable12: {
    key: 'sustainable12',
    label: 'Sustainable for 12 months',
    group: 'Sustainment',
    unit: 'personnel',
    better: 'higher',
    definition: 'As for 6 months, held for 12 months.',
    drivers: [add('nation', 'sustainable12')],
  },
  matchedWithoutUs: {
    key: 'matchedWithoutUs',
    label: 'Matched without the US',
    group: 'Without the US',
    unit: 'personnel',
    better: 'higher',
    definition:
      'Personnel matched when no offer conditional on a US backstop counts and nations absent from the ' +
      'coalition (the US) are left out.',
    drivers: [add('line', 'withoutUs'), add('nation', 'withoutUs'), add('offer', 'withoutUs')],
  },
  lostWithoutUs: {
    key: 'lostWithoutUs',
    label: 'Lost without the US',
    group: 'Without the US',
    unit: 'personnel',
    better: 'lower',
    definition: 'Personnel matched with a US backstop minus personnel matched without the US.',
    drivers: [add('line', 'lostWithoutUs'), add('nation', 'lostWithoutUs')],
  },
  linesEmptiedWithoutUs: {
    key: 'linesEmptiedWithoutUs',
    label: 'Lines emptied without the US',
    group: 'Without the US',
    unit: 'lines',
    better: 'lower',
    definition: 'Requirement lines with units when the US backs the coalition and none without it.',
    drivers: [add('line', 'emptiedWithoutUs')],
  },
  mcP10: {
    key: 'mcP10',
    label: 'Monte Carlo P10',
    group: 'Monte Carlo',
    unit: 'personnel',
    better: 'higher',
    definition:
      'Personnel matched in the resilience Monte Carlo (each nation delivers with the probability of ' +
      'its stance), exceeded in 90 % of draws.',
    drivers: [moved('nation', 'expected')],
  },
  mcP50: {
    key: 'mcP50',
    label: 'Monte Carlo P50',
    group: 'Monte Carlo',
    unit: 'personnel',
    better: 'higher',
    definition: 'The median of personnel matched over the Monte Carlo draws.',
    drivers: [moved('nation', 'expected')],
  },
  mcP90: {
    key: 'mcP90',
    label: 'Monte Carlo P90',
    group: 'Monte Carlo',
    unit: 'personnel',
    better: 'higher',
    definition: 'Personnel matched over the Monte Carlo draws, exceeded in only 10 % of draws.',
    drivers: [moved('nation', 'expected')],
  },
  probabilityTargetMet: {
    key: 'probabilityTargetMet',
    label: 'Chance of meeting the target',
    group: 'Monte Carlo',
    unit: 'probability',
    better: 'higher',
    definition: "Share of the Monte Carlo's draws whose matched personnel reach the force target.",
    drivers: [moved('nation', 'expected')],
  },
  fundingCommitted: {
    key: 'fundingCommitted',
    label: 'Funding committed',
    group: 'Funding',
    unit: 'EUR',
    better: 'higher',
    definition: 'EUR of pledges at least committed (committed ⊇ allocated ⊇ delivered).',
    drivers: [add('nation', 'committed'), add('pledge', 'committed')],
  },
  fundingAllocated: {
    key: 'fundingAllocated',
    label: 'Funding allocated',
    group: 'Funding',
    unit: 'EUR',
    better: 'higher',
    definition: 'EUR of pledges allocated to a purpose or delivered.',
    drivers: [add('nation', 'allocated'), add('pledge', 'allocated')],
  },
  fundingDelivered: {
    key: 'fundingDelivered',
    label: 'Funding delivered',
    group: 'Funding',
    unit: 'EUR',
    better: 'higher',
    definition: 'EUR of pledges delivered.',
    drivers: [add('nation', 'delivered'), add('pledge', 'delivered')],
  },
  closureDay50: {
    key: 'closureDay50',
    label: 'Closure at 50 %',
    group: 'Deployment',
    unit: 'C-day',
    better: 'lower',
    definition:
      "First day by which half of the force list's personnel are at their destinations in the " +
      'deployment plan; none when that never happens.',
    drivers: [moved('uln', 'arrivalDay', 'figure')],
  },
  closureDay90: {
    key: 'closureDay90',
    label: 'Closure at 90 %',
    group: 'Deployment',
    unit: 'C-day',
    better: 'lower',
    definition: "First day by which 90 % of the force list's personnel are at their destinations.",
    drivers: [moved('uln', 'arrivalDay', 'figure')],
  },
  closureDay100: {
    key: 'closureDay100',
    label: 'Closure at 100 %',
    group: 'Deployment',
    unit: 'C-day',
    better: 'lower',
    definition: "First day by which all the force list's personnel are at their destinations.",
    drivers: [moved('uln', 'arrivalDay', 'figure')],
  },
  personnelDaysLate: {
    key: 'personnelDaysLate',
    label: 'Personnel-days late',
    group: 'Deployment',
    unit: 'personnel-days',
    better: 'lower',
    definition: "Sum over ULNs of personnel times days after the ULN's RDD that its last load arrives.",
    drivers: [add('uln', 'personnelDaysLate')],
  },
  lateUlns: {
    key: 'lateUlns',
    label: 'Late ULNs',
    group: 'Deployment',
    unit: 'ULNs',
    better: 'lower',
    definition:
      'ULNs whose last load arrives after their RDD (ULNs that cannot be moved at all are not counted here).',
    drivers: [add('uln', 'late')],
  },
  within50km: {
    key: 'within50km',
    label: `Within ${WITHIN_KM} km of the line`,
    group: 'Risk',
    unit: 'personnel',
    better: 'lower',
    definition:
      `Personnel of the deployment plan standing within ${WITHIN_KM} km of the line of contact (the reach of ` +
      'artillery of 100 mm and more in the GCSP ceasefire proposal) once deployed; none when the scenario has ' +
      'no line of contact.',
    drivers: [add('nation', 'within50km'), add('uln', 'within50km')],
  },
  ulnsBreachingLimits: {
    key: 'ulnsBreachingLimits',
    label: 'ULNs nearer than allowed',
    group: 'Risk',
    unit: 'ULNs',
    better: 'lower',
    definition:
      "ULNs of the plan standing nearer the line than their offer's caveat or their nation's red line allows " +
      '(at any rung); none when the scenario has no line of contact.',
    drivers: [add('nation', 'breaching'), add('uln', 'breaching')],
  },
  matchedAtTopRung: {
    key: 'matchedAtTopRung',
    label: 'Matched at the top rung',
    group: 'Risk',
    unit: 'personnel',
    better: 'higher',
    definition:
      "Personnel matched on time at the escalation ladder's top rung, with every nation's red lines in effect " +
      'and every nation delivering what remains; none when the scenario has no ladder.',
    drivers: [moved('nation', 'withdrawnAtTopRung')],
  },
  respond48h: {
    key: 'respond48h',
    label: 'Able to respond in 48 h',
    group: 'Risk',
    unit: 'personnel',
    better: 'higher',
    definition:
      'Personnel of the deployment plan able to reach the sector nearest the line of contact within 48 hours ' +
      "at the ladder's top rung (its red lines in effect), from where the plan puts them once deployed; none " +
      'without a plan or a sector with a placed destination.',
    drivers: [add('nation', 'respond48h'), add('uln', 'respond48h')],
  },
};

export const COMPARED_FIGURE_LIST: readonly ComparedFigure[] = COMPARED_FIGURE_KEYS.map(
  (k) => COMPARED_FIGURES[k],
);
