// Small analysis reports for the component tests of the dashboard, force generation matrix and
// resilience pages: two nations (France fills, Germany's offer needs a US backstop), three
// requirement lines (one filled, partly late; one partly filled; one empty). Built by helpers so each
// test states only what it is about.
import type {
  FillAssignment,
  ForceFillReport,
  LineFill,
  LineFillStatus,
  UnmatchedOffer,
} from '../../../src/domain/analysis/force-fill-report.ts';
import type {
  LineResilience,
  NationWithdrawal,
  ResilienceReport,
} from '../../../src/domain/analysis/resilience-report.ts';
import type {
  CapabilityCode,
  IsoDate,
  NationId,
  OfferId,
  Personnel,
  RequirementId,
} from '../../../src/domain/ids.ts';
import type { ForceDomain } from '../../../src/domain/scenario-schema.ts';
import type { AnalysisAnswer, AnalysisDashboard, AnalysisKind, FillParameters } from '../api-client.ts';

const nation = (s: string) => s as NationId;
const line = (s: string) => s as RequirementId;
const cap = (s: string) => s as CapabilityCode;
const pers = (n: number) => n as Personnel;
const date = (s: string) => s as IsoDate;

export const NAMES: ReadonlyMap<string, string> = new Map([
  ['FRA', 'France'],
  ['DEU', 'Germany'],
]);

export const FILL_PARAMETERS: FillParameters = {
  usBackstop: false,
  allowLate: false,
  minStatus: 'offered',
  asOf: date('2025-03-02'),
  activationCDay: 0,
  excludeNations: [],
};

function assignment(
  offer: string,
  nationId: string,
  quantity: number,
  personnel: number,
  daysLate = 0,
): FillAssignment {
  return {
    offer: offer as OfferId,
    nation: nation(nationId),
    quantity,
    personnel: pers(personnel),
    tonnes: 0 as never,
    readyCDay: (10 + daysLate) as never,
    late: daysLate > 0,
    daysLate: daysLate as never,
    expiresBeforeLineEnd: false,
  };
}

/** A requirement line filled by `assignments`; its status and shortfall follow from them. */
export function lineFill(
  id: string,
  domain: ForceDomain,
  required: { quantity: number; personnelPerUnit: number },
  assignments: FillAssignment[],
  extra: Partial<LineFill> = {},
): LineFill {
  const filledQty = assignments.reduce((s, a) => s + a.quantity, 0);
  const filledPers = assignments.reduce((s, a) => s + a.personnel, 0);
  const short = required.quantity - filledQty;
  const status: LineFillStatus = short === 0 ? 'filled' : filledQty === 0 ? 'empty' : 'partial';
  const byNation = new Map<string, { quantity: number; personnel: number }>();
  for (const a of assignments) {
    const n = byNation.get(a.nation) ?? { quantity: 0, personnel: 0 };
    byNation.set(a.nation, { quantity: n.quantity + a.quantity, personnel: n.personnel + a.personnel });
  }
  return {
    line: line(id),
    label: `Line ${id}, Kyiv (reassurance)`,
    capability: cap(domain === 'air' ? 'GBAD-BTY' : 'MECH-INF-BN'),
    domain,
    sector: 'Kyiv',
    task: 'reassurance',
    priority: 1,
    weight: 4,
    rddCDay: -14 as never,
    durationMonths: 6 as never,
    required: { quantity: required.quantity, personnel: pers(required.quantity * required.personnelPerUnit) },
    filled: { quantity: filledQty, personnel: pers(filledPers) },
    shortfall: { quantity: short, personnel: pers(short * required.personnelPerUnit) },
    fillRatio: filledQty / required.quantity,
    personnelFillRatio: Math.min(1, filledPers / (required.quantity * required.personnelPerUnit)),
    endDate: date('2025-09-15'),
    status,
    lateQuantity: assignments.filter((a) => a.late).reduce((s, a) => s + a.quantity, 0),
    nations: [...byNation].map(([n, c]) => ({
      nation: nation(n),
      quantity: c.quantity,
      personnel: pers(c.personnel),
    })),
    assignments,
    ...extra,
  };
}

export function fillReport(): ForceFillReport {
  const lines = [
    lineFill('R-L-01', 'land', { quantity: 3, personnelPerUnit: 650 }, [
      assignment('OFF-FRA-01', 'FRA', 2, 1300),
      assignment('OFF-FRA-02', 'FRA', 1, 650, 44),
    ]),
    lineFill('R-L-02', 'land', { quantity: 4, personnelPerUnit: 650 }, [
      assignment('OFF-FRA-01', 'FRA', 1, 650),
    ]),
    lineFill('R-AD-01', 'air', { quantity: 2, personnelPerUnit: 130 }, [], { priority: 2 }),
  ];
  const unmatched: UnmatchedOffer = {
    offer: 'OFF-DEU-01' as OfferId,
    nation: nation('DEU'),
    capability: cap('MECH-INF-BN'),
    status: 'offered',
    quantity: 6,
    matchedQuantity: 0,
    remainingQuantity: 6,
    remainingPersonnel: pers(3900),
    reason: { kind: 'requires-us-backstop' },
    explanation: 'Requires a US backstop, which this analysis does not assume.',
  };
  return {
    assumptions: {
      asOf: date('2025-03-02'),
      usBackstop: false,
      allowLate: true,
      minStatus: 'offered',
      activationCDay: 0 as never,
      excludedNations: [],
    },
    totals: {
      personnelTarget: pers(100000),
      personnelRequired: pers(4810),
      personnelOffered: pers(6500),
      personnelAvailable: pers(2600),
      personnelMatched: pers(2600),
      shortfallAgainstTarget: pers(97400),
      shortfallAgainstLines: pers(2210),
      quantityRequired: 9,
      quantityFilled: 4,
      weightedFill: 16,
      weightedRequired: 32,
      lateQuantity: 1,
      lateUnitDays: 44,
      lineCounts: { filled: 1, partial: 1, empty: 1 },
    },
    lines,
    unmatchedOffers: [unmatched],
    byNation: [
      {
        nation: nation('FRA'),
        personnelOffered: pers(2600),
        personnelAvailable: pers(2600),
        personnelMatched: pers(2600),
        share: 1,
      },
      {
        nation: nation('DEU'),
        personnelOffered: pers(3900),
        personnelAvailable: pers(0),
        personnelMatched: pers(0),
        share: 0,
      },
    ],
    byDomain: [
      {
        domain: 'land',
        quantityRequired: 7,
        quantityFilled: 4,
        personnelRequired: pers(4550),
        personnelOffered: pers(6500),
        personnelAvailable: pers(2600),
        personnelMatched: pers(2600),
        personnelShortfall: pers(1950),
      },
      {
        domain: 'air',
        quantityRequired: 2,
        quantityFilled: 0,
        personnelRequired: pers(260),
        personnelOffered: pers(0),
        personnelAvailable: pers(0),
        personnelMatched: pers(0),
        personnelShortfall: pers(260),
      },
    ],
  };
}

export function envelope<K extends AnalysisKind>(
  parameters: AnalysisAnswer<K>['parameters'],
  result: AnalysisAnswer<K>['result'],
  partial = false,
): AnalysisAnswer<K> {
  return { scenario: 's1', asOf: date('2025-03-02'), partial, parameters, result };
}

export function dashboard(changes: Partial<AnalysisDashboard['risks']> = {}): AnalysisDashboard {
  return {
    force: {
      countsLate: false,
      values: {
        target: pers(100000),
        required: pers(100160),
        offered: pers(63830),
        counting: pers(47910),
        matchedOnTime: pers(9680),
        matchedLate: pers(36280),
        shortfallAgainstTarget: pers(90320),
        shortfallAgainstLines: pers(90480),
      },
      lineCounts: { filled: 3, partial: 3, empty: 44 },
    },
    stances: { lead: 2, committed: 5, supportive: 2, cautious: 2, considering: 3, declined: 0, absent: 1 },
    nations: 16,
    funding: {
      eur: { committed: 1913872000, allocated: 250000000, delivered: 0 } as never,
      atStage: { committed: 1663872000, allocated: 250000000, delivered: 0 } as never,
      pledges: 2,
      unconvertiblePledges: 1,
    },
    risks: {
      linesEmptiedWithoutUs: [line('R-L-03'), line('R-A-02')],
      personnelMatchedLostWithoutUs: pers(9590),
      sustainable: { months6: pers(47605), months12: pers(26505), indefinitely: pers(15208) },
      biggestWithdrawal: {
        nation: nation('FRA'),
        weightedFillLost: 406,
        weightedFillShare: 0.43,
        personnelMatchedLost: 20810,
        personnelMatchedWithout: pers(25150),
        linesEmptied: [line('R-HQ-04'), line('R-L-02')],
      },
      probabilityTargetMet: 0.0037,
      probabilityTargetMetError: 0.0006,
      exposure: { within50km: 6150, ulnsBreachingLimits: 2 },
      escalation: {
        topRung: 'wider-war',
        matchedAtTopRung: pers(9380),
        sector: 'Black Sea',
        respond48h: 32240,
      },
      register: {
        open: 5,
        reviewsOverdue: 1,
        openByResidualLevel: [0, 1, 3, 1],
        top: [
          {
            id: 'RSK-02',
            title: 'No US backstop',
            level: 'high',
            residualLevel: 'high',
            owner: 'Coalition political directors (UK, France)',
            reviewDate: '2025-03-31',
            reviewOverdue: false,
          },
          {
            id: 'RSK-01',
            title: 'Coalition troops come under fire',
            level: 'high',
            residualLevel: 'medium',
            owner: 'Coalition HQ J3',
            reviewDate: '2025-02-01',
            reviewOverdue: true,
          },
        ],
      },
      ...changes,
    },
  };
}

export const DASHBOARD_PARAMETERS: AnalysisAnswer<'dashboard'>['parameters'] = {
  ...FILL_PARAMETERS,
  defaultPolicy: 'rule-of-thirds',
  basis: 'offered',
  draws: 10000,
  seed: 1,
};

function withdrawal(
  code: string,
  contribution: number,
  lost: number,
  extra: Partial<NationWithdrawal> = {},
): NationWithdrawal {
  return {
    nation: nation(code),
    stance: code === 'DEU' ? 'cautious' : 'lead',
    personnelOffered: pers(code === 'DEU' ? 3900 : 2600),
    personnelAvailable: pers(contribution),
    contribution: { quantity: contribution > 0 ? 4 : 0, personnel: pers(contribution) },
    after: {
      personnelMatched: pers(2600 - lost),
      quantityFilled: lost > 0 ? 0 : 4,
      weightedFill: lost > 0 ? 0 : 16,
      lineCounts: lost > 0 ? { filled: 0, partial: 0, empty: 3 } : { filled: 1, partial: 1, empty: 1 },
    },
    lost: {
      quantity: lost > 0 ? 4 : 0,
      personnel: lost,
      weightedFill: lost > 0 ? 16 : 0,
      weightedFillShare: lost > 0 ? 1 : 0,
    },
    coveredByOthers: { quantity: 0, personnel: 0 },
    linesNewlyShort: lost > 0 ? [line('R-L-01')] : [],
    linesNewlyEmpty: lost > 0 ? [line('R-L-01'), line('R-L-02')] : [],
    lines:
      lost > 0
        ? [
            {
              line: line('R-L-01'),
              capability: cap('MECH-INF-BN'),
              sector: 'Kyiv',
              task: 'reassurance',
              priority: 1,
              requiredQuantity: 3,
              filledBefore: 3,
              filledAfter: 0,
              statusBefore: 'filled',
              statusAfter: 'empty',
            },
          ]
        : [],
    ...extra,
  };
}

function lineResilience(id: string, probabilityFilled: number): LineResilience {
  return {
    line: line(id),
    capability: cap('MECH-INF-BN'),
    domain: 'land',
    sector: 'Kyiv',
    task: 'reassurance',
    priority: 1,
    requiredQuantity: 3,
    allDeliver: { filledQuantity: 3, status: 'filled' },
    probabilityFilled,
    probabilityEmpty: 1 - probabilityFilled,
    meanFillRatio: probabilityFilled,
  };
}

export function resilienceReport(): ResilienceReport {
  const assumptions = fillReport().assumptions;
  return {
    asOf: date('2025-03-02'),
    withdrawals: {
      fillAssumptions: assumptions,
      baseline: {
        personnelMatched: pers(2600),
        quantityFilled: 4,
        weightedFill: 16,
        weightedRequired: 32,
        lineCounts: { filled: 1, partial: 1, empty: 1 },
      },
      nations: [withdrawal('FRA', 2600, 2600), withdrawal('DEU', 0, 0)],
    },
    monteCarlo: {
      fillAssumptions: assumptions,
      draws: 1000,
      seed: 7,
      readyByCDay: null,
      deliveryProbability: {
        lead: 0.95,
        committed: 0.9,
        supportive: 0.7,
        cautious: 0.4,
        considering: 0.3,
        declined: 0,
        absent: 0,
        unstated: 0.3,
      },
      deliveryProbabilityProvenance: null,
      nations: [
        {
          nation: nation('DEU'),
          stance: 'cautious',
          probabilityStance: 'cautious',
          probability: 0.4,
          probabilityFrom: 'stance',
          personnelOffered: pers(3900),
          personnelAvailable: pers(0),
          deliveredShare: 0.41,
        },
        {
          nation: nation('FRA'),
          stance: 'lead',
          probabilityStance: 'lead',
          probability: 0.95,
          probabilityFrom: 'stance',
          personnelOffered: pers(2600),
          personnelAvailable: pers(2600),
          deliveredShare: 0.951,
        },
      ],
      personnelTarget: pers(3000),
      personnelMatched: { mean: 2470, min: 0, p10: 1950, p50: 2600, p90: 2600, max: 2600 },
      personnelOffered: { mean: 4000, min: 0, p10: 2600, p50: 2600, p90: 6500, max: 6500 },
      personnelAvailable: { mean: 2470, min: 0, p10: 2600, p50: 2600, p90: 2600, max: 2600 },
      weightedFill: { mean: 15, min: 0, p10: 16, p50: 16, p90: 16, max: 16 },
      probabilityTargetMet: 0,
      probabilityTargetMetError: 0,
      histogram: {
        binWidth: 500,
        bins: [
          { from: 0, to: 500, count: 50, share: 0.05 },
          { from: 500, to: 1000, count: 0, share: 0 },
          { from: 1000, to: 1500, count: 0, share: 0 },
          { from: 1500, to: 2000, count: 0, share: 0 },
          { from: 2000, to: 2500, count: 0, share: 0 },
          { from: 2500, to: 3000, count: 950, share: 0.95 },
        ],
      },
      allDeliver: {
        personnelMatched: pers(2600),
        quantityFilled: 4,
        weightedFill: 16,
        lineCounts: { filled: 1, partial: 1, empty: 1 },
      },
      lines: [lineResilience('R-L-01', 0.95), lineResilience('R-L-02', 0.003)],
    },
  };
}

export const RESILIENCE_PARAMETERS: AnalysisAnswer<'resilience'>['parameters'] = {
  ...FILL_PARAMETERS,
  draws: 1000,
  seed: 7,
  readyByCDay: null,
};
