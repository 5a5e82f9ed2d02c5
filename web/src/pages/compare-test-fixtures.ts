// A small comparison for the Compare page's tests, built by the domain's own code (compareSummaries,
// coaMatrix) from three scenario summaries: the article's coalition as the baseline, "US backstop"
// (more matched, later closure at 90 %, ten US offers behind its late matches) and "Germany joins"
// (a little more matched, earlier closure). Each test states the figures it is about; the rest are
// plausible defaults. Also a fake API client that records the requests it is sent.
import type {
  CompareEnvelope,
  CompareParameters,
  CompareResult,
  DecisionCheck,
  DecisionRecord,
} from '../../../src/contract/compare.ts';
import { coaMatrix, type CoaCriterion } from '../../../src/domain/comparison/coa.ts';
import {
  compareSummaries,
  type ScenarioSummary as ComparisonSummary,
  type SummaryEntry,
} from '../../../src/domain/comparison/compare.ts';
import type { ComparedFigureKey, DriverDimension } from '../../../src/domain/comparison/figures.ts';
import { ApiClient } from '../api-client.ts';

export const BASELINE = { id: 'article-2025-03', name: 'Article, March 2025' };
export const BACKSTOP = { id: 'us-backstop', name: 'US backstop' };
export const GERMANY = { id: 'germany-joins', name: 'Germany joins' };

const BASE_FIGURES: Record<ComparedFigureKey, number | null> = {
  target: 100_000,
  required: 120_000,
  offered: 60_000,
  counting: 50_000,
  matchedOnTime: 9_680,
  matchedLate: 36_280,
  shortfallAgainstTarget: 54_040,
  shortfallAgainstLines: 74_040,
  sustainable6: 30_000,
  sustainable12: 20_000,
  matchedWithoutUs: 40_000,
  lostWithoutUs: 5_960,
  linesEmptiedWithoutUs: 2,
  mcP10: 30_000,
  mcP50: 40_000,
  mcP90: 45_000,
  probabilityTargetMet: 0.2,
  fundingCommitted: 1_913_872_000,
  fundingAllocated: 1_000_000_000,
  fundingDelivered: 500_000_000,
  closureDay50: 30,
  closureDay90: 45,
  closureDay100: null,
  personnelDaysLate: 12_000,
  lateUlns: 4,
  within50km: 6_000,
  ulnsBreachingLimits: 1,
  matchedAtTopRung: 9_000,
  respond48h: 12_000,
};

const entry = (id: string, values: Record<string, number | null>, label = id): SummaryEntry => ({
  id,
  label,
  values,
});

/** One scenario's summary: the default figures with `figures` over them. */
export function summary(
  scenario: { id: string; name: string },
  figures: Partial<Record<ComparedFigureKey, number | null>> = {},
  breakdowns: Partial<Record<DriverDimension, SummaryEntry[]>> = {},
  extra: Partial<ComparisonSummary> = {},
): ComparisonSummary {
  return {
    scenario: scenario.id,
    name: scenario.name,
    figures: { ...BASE_FIGURES, ...figures },
    breakdowns: { line: [], nation: [], offer: [], pledge: [], uln: [], ...breakdowns },
    closureCurve: [0, 1_000, 5_000, 12_000, 20_000, 30_000, 38_000, 42_000, 45_000],
    monteCarlo: {
      draws: 1_000,
      binWidth: 5_000,
      bins: [
        { from: 25_000, to: 30_000, count: 100, share: 0.1 },
        { from: 30_000, to: 35_000, count: 300, share: 0.3 },
        { from: 35_000, to: 40_000, count: 400, share: 0.4 },
        { from: 40_000, to: 45_000, count: 200, share: 0.2 },
      ],
    },
    notes: [],
    ...extra,
  };
}

/** The US offers behind "US backstop"'s late matches: ten, so two are left out of the drivers shown. */
const US_LATE = [3_000, 2_000, 1_500, 1_000, 600, 500, 300, 200, 100, 60];

export function baselineSummary(): ComparisonSummary {
  return summary(
    BASELINE,
    {},
    {
      line: [entry('R-L-01', { late: 30_000 }), entry('R-L-02', { late: 6_280 })],
      nation: [entry('FRA', { late: 36_280 }, 'France')],
      uln: [entry('ULN-1', { arrivalDay: 45 }, 'ULN-1 (France)')],
    },
  );
}

export function backstopSummary(): ComparisonSummary {
  return summary(
    BACKSTOP,
    {
      matchedOnTime: 18_940,
      matchedLate: 45_540,
      closureDay90: 60,
      closureDay100: 120,
      probabilityTargetMet: 0.55,
      fundingCommitted: 2_013_872_000,
    },
    {
      line: [entry('R-L-01', { late: 36_000 }), entry('R-L-02', { late: 9_540 })],
      nation: [entry('FRA', { late: 36_280 }, 'France'), entry('USA', { late: 9_260 }, 'United States')],
      offer: US_LATE.map((late, i) => entry(`OFF-USA-${String(i + 1).padStart(2, '0')}`, { late })),
      uln: [entry('ULN-1', { arrivalDay: 60 }, 'ULN-1 (France)')],
    },
    { notes: ['Offers conditional on a US backstop count in this variant.'] },
  );
}

export function germanySummary(): ComparisonSummary {
  return summary(GERMANY, { matchedOnTime: 12_000, closureDay90: 30, probabilityTargetMet: 0.3 });
}

export const PARAMETERS = {
  usBackstop: false,
  allowLate: false,
  minStatus: 'offered',
  asOf: '2025-03-02',
  activationCDay: 0,
  excludeNations: [],
  defaultPolicy: 'rule-of-thirds',
  basis: 'offered',
  draws: 1_000,
  seed: 1,
} as unknown as CompareParameters;

type InputDiff = NonNullable<CompareResult['inputs'][number]>;

/** What "US backstop" changes: the backstop caveat lifted on Germany's offer, a US offer added. */
export function backstopInputs(): InputDiff {
  return {
    header: [],
    records: {
      offers: {
        added: [{ key: 'OFF-USA-01', record: { id: 'OFF-USA-01', nation: 'USA', personnel: 3_000 } }],
        removed: [],
        changed: [
          {
            key: 'OFF-DEU-01',
            changes: [{ path: 'caveats.requiresUsBackstop', before: true, after: false }],
          },
        ],
      },
    },
    summary: { counts: { offers: { added: 1, removed: 0, changed: 1 } }, identical: false },
  };
}

export function germanyInputs(): InputDiff {
  return {
    header: [{ path: 'name', before: 'Article, March 2025', after: 'Germany joins' }],
    records: {
      stances: {
        added: [],
        removed: [],
        changed: [
          { key: 'DEU-2025-03', changes: [{ path: 'stance', before: 'cautious', after: 'committed' }] },
        ],
      },
    },
    summary: { counts: { stances: { added: 0, removed: 0, changed: 1 } }, identical: false },
  };
}

/** The comparison as the API sends it, with `criteria` (default: the API's default criteria). */
export function compareEnvelope(
  options: { partial?: boolean; criteria?: CoaCriterion[]; summaries?: ComparisonSummary[] } = {},
): CompareEnvelope {
  const summaries = options.summaries ?? [baselineSummary(), backstopSummary(), germanySummary()];
  const figures = compareSummaries(summaries);
  const criteria = options.criteria ?? DEFAULT_CRITERIA;
  const parents = [null, BASELINE.id, BASELINE.id];
  return {
    baseline: summaries[0]!.scenario,
    partial: options.partial ?? false,
    parameters: PARAMETERS,
    result: {
      scenarios: summaries.map((s, i) => ({
        id: s.scenario,
        name: s.name,
        variantOf: parents[i]
          ? {
              parent: parents[i],
              parentVersion: 1,
              whatIfs: i === 1 ? ['The US gives a backstop'] : ['Germany joins'],
            }
          : null,
        inputsHash: `hash-${s.scenario}`,
        notes: s.notes,
      })),
      figures: figures as CompareResult['figures'],
      charts: {
        closureCurves: summaries.map((s) => s.closureCurve),
        monteCarlo: summaries.map((s) => s.monteCarlo),
      },
      inputs: [null, backstopInputs(), germanyInputs()].slice(0, summaries.length),
      criteria,
      coa: coaMatrix(figures, criteria),
    },
  };
}

/** The API's default criteria for the baseline above (defaultCoaCriteria). */
export const DEFAULT_CRITERIA: CoaCriterion[] = [
  { figure: 'matchedOnTime', weight: 3, benchmark: 100_000 },
  { figure: 'probabilityTargetMet', weight: 3, benchmark: 0.5 },
  { figure: 'sustainable12', weight: 2, benchmark: 20_000 },
  { figure: 'lostWithoutUs', weight: 2, benchmark: 0 },
  { figure: 'closureDay90', weight: 2, benchmark: 45 },
  { figure: 'personnelDaysLate', weight: 1, benchmark: 12_000 },
  { figure: 'fundingCommitted', weight: 1, benchmark: 1_913_872_000 },
];

export function decisionRecord(overrides: Partial<DecisionRecord> = {}): DecisionRecord {
  const envelope = compareEnvelope();
  return {
    id: 'dec-1',
    baseline: BASELINE.id,
    chosen: BACKSTOP.id,
    rationale: 'Closes the gap on time; the later closure is acceptable.',
    decidedBy: 'planner-1',
    decidedAt: '2025-03-05T10:00:00.000Z',
    scenarios: envelope.result.scenarios.map((s, i) => ({
      id: s.id,
      name: s.name,
      inputsHash: s.inputsHash,
      version: i + 1,
    })),
    parameters: PARAMETERS,
    criteria: envelope.result.criteria,
    figures: envelope.result.figures.map((f) => ({ key: f.key, values: f.values })),
    coa: envelope.result.coa,
    ...overrides,
  };
}

export function decisionCheck(overrides: Partial<DecisionCheck> = {}): DecisionCheck {
  return {
    decision: decisionRecord(),
    status: 'unchanged',
    scenarios: [BASELINE, BACKSTOP, GERMANY].map((s) => ({
      id: s.id,
      status: 'unchanged' as const,
      changes: [],
    })),
    recomputed: { sameFigures: true, differences: [] },
    ...overrides,
  };
}

export interface SentRequest {
  method: string;
  path: string;
  body: unknown;
}

/** An API client whose server is `answer`: it records every request and answers with JSON. */
export function fakeApi(answer: (request: SentRequest) => { status: number; body: unknown }): {
  client: ApiClient;
  requests: SentRequest[];
} {
  const requests: SentRequest[] = [];
  const client = new ApiClient({
    fetch: (input, init) => {
      const request: SentRequest = {
        method: init?.method ?? 'GET',
        path: typeof input === 'string' ? input : input instanceof URL ? input.href : input.url,
        body: typeof init?.body === 'string' ? (JSON.parse(init.body) as unknown) : undefined,
      };
      requests.push(request);
      const { status, body } = answer(request);
      return Promise.resolve(
        new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } }),
      );
    },
  });
  return { client, requests };
}
