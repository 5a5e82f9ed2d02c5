// The analyses of a scenario: force fill, sustainment, US dependency, resilience, burden sharing,
// and a dashboard summary of them all. Any signed-in user may ask; each answer is computed over the
// records that user may see (analysis-service.ts), so the handlers only pass the query through.
import type { FastifyInstance } from 'fastify';
import { DEFAULT_POLICY_KEYS } from '../../domain/analysis/sustainment.ts';
import { OFFER_STATUSES } from '../../domain/scenario-schema.ts';
import {
  PERSONNEL_BASES,
  RESILIENCE_DRAWS_DEFAULT,
  RESILIENCE_DRAWS_MAX,
  RESILIENCE_SEED_DEFAULT,
  RESILIENCE_SEED_MAX,
  type AnalysisService,
} from '../../app/analysis-service.ts';
import { principalOf } from '../auth.ts';
import { errorResponses, readErrorResponses } from '../openapi.ts';

const scenarioParams = {
  type: 'object',
  properties: { scenarioId: { type: 'string', description: 'Scenario id, e.g. article-2025-03' } },
  required: ['scenarioId'],
} as const;

// Documentation of the query parameters; the service validates them with zod (400 naming the field).
const Q = {
  usBackstop: {
    type: 'boolean',
    description: 'Count offers that require a US backstop (default false: the US is assumed absent)',
  },
  allowLate: {
    type: 'boolean',
    description: "Let an offer ready after a line's RDD fill it, flagged late (default true)",
  },
  minStatus: {
    type: 'string',
    enum: OFFER_STATUSES.filter((s) => s !== 'withdrawn'),
    description: 'The least firm offer status that counts (default offered: everything not withdrawn)',
  },
  asOf: {
    type: 'string',
    format: 'date',
    description:
      "Analysis date: expiry of offers, stances as of this day (default: the scenario's as-of date)",
  },
  activationCDay: {
    type: 'integer',
    minimum: 0,
    maximum: 3650,
    description: 'C-day on which nations are told to move (default 0)',
  },
  excludeNations: {
    type: 'string',
    description: 'Leave out these nations’ offers: ISO3 codes, comma-separated (e.g. DEU,ITA)',
  },
  defaultPolicy: {
    type: 'string',
    enum: DEFAULT_POLICY_KEYS,
    description: 'Rotation policy assumed for a nation without one (default rule-of-thirds)',
  },
  basis: {
    type: 'string',
    enum: PERSONNEL_BASES,
    description: "Each nation's personnel: what it offered (default) or what the fill matched",
  },
  draws: {
    type: 'integer',
    minimum: 1,
    maximum: RESILIENCE_DRAWS_MAX,
    description: `Monte Carlo draws (default ${RESILIENCE_DRAWS_DEFAULT})`,
  },
  seed: {
    type: 'integer',
    minimum: 0,
    maximum: RESILIENCE_SEED_MAX,
    description: `Seed of the Monte Carlo; the same seed gives the same answer (default ${RESILIENCE_SEED_DEFAULT})`,
  },
  readyByCDay: {
    type: 'integer',
    minimum: 0,
    maximum: 3650,
    description: 'Monte Carlo: only offers ready by this C-day count, the force at C+N (default: all count)',
  },
} as const;

type QueryName = keyof typeof Q;
const FILL: QueryName[] = [
  'usBackstop',
  'allowLate',
  'minStatus',
  'asOf',
  'activationCDay',
  'excludeNations',
];

function query(names: readonly QueryName[]): Record<string, unknown> {
  return { type: 'object', properties: Object.fromEntries(names.map((n) => [n, Q[n]])) };
}

const obj = (description: string) => ({ type: 'object', description });
const arr = (description: string) => ({ type: 'array', items: { type: 'object' }, description });

function envelope(description: string, result: Record<string, unknown>): Record<string, unknown> {
  return {
    type: 'object',
    description,
    properties: {
      scenario: { type: 'string', description: 'Scenario id' },
      asOf: { type: 'string', format: 'date', description: 'The analysis date used' },
      partial: {
        type: 'boolean',
        description: 'True when records were withheld from you: the figures cover only what you may see',
      },
      withheld: {
        type: 'object',
        additionalProperties: { type: 'integer' },
        description: 'Records withheld from you, by kind (e.g. { "offers": 3 })',
      },
      parameters: { type: 'object', description: 'The parameters used, defaults filled in' },
      result: { type: 'object', ...result },
    },
    required: ['scenario', 'asOf', 'partial', 'withheld', 'parameters', 'result'],
  };
}

const fillTotals = obj(
  'personnelTarget, personnelRequired, personnelOffered, personnelAvailable, personnelMatched, ' +
    'shortfallAgainstTarget, shortfallAgainstLines, quantityRequired, quantityFilled, weightedFill, ' +
    'weightedRequired, lateQuantity, lateUnitDays, lineCounts { filled, partial, empty }',
);

const RESPONSES = {
  fill: envelope('Force generation fill: which offers fill which requirement lines, and what is short', {
    description: 'ForceFillReport',
    properties: {
      assumptions: obj('The fill assumptions (as parameters)'),
      totals: fillTotals,
      lines: arr('Every requirement line: required, filled, shortfall, status, nations, assignments'),
      unmatchedOffers: arr('Offers with units left over, and why (reason, explanation)'),
      byNation: arr('Per nation: personnelOffered, personnelAvailable, personnelMatched, share'),
      byDomain: arr('Per domain (land, air, maritime, enabler): required, filled, matched, shortfall'),
    },
  }),
  sustainment: envelope(
    'Sustainment: how much of the force each nation and the coalition can hold, for how long',
    {
      description: 'SustainmentReport',
      properties: {
        partial: { type: 'boolean' },
        defaultPolicy: obj('The rotation policy assumed for nations without one'),
        nations: arr('Per nation: policy, strength, pool, poolNeeded, sustainableStrength, sustainableFor'),
        coalition: obj('Sums over nations; sustainableFor per horizon (6, 12, 24, 36 months, indefinite)'),
        lines: arr('Per requirement line: whether its contributors hold it for its duration'),
      },
    },
  ),
  dependency: envelope('US dependency: what the coalition lacks if the US stays out', {
    description: 'UsDependencyReport',
    properties: {
      asOf: { type: 'string', format: 'date' },
      absentNations: { type: 'array', items: { type: 'string' } },
      withUs: fillTotals,
      withoutUs: fillTotals,
      lines: arr('Lines that lose units without the US, or rest on a backstop offer or an absent nation'),
      lacks: obj('lines, linesEmptied, quantity, personnel, personnelMatched, weightedFill, byCapability'),
    },
  }),
  resilience: envelope('Resilience: single-nation withdrawals and a seeded Monte Carlo of offers delivered', {
    description: 'ResilienceReport',
    properties: {
      asOf: { type: 'string', format: 'date' },
      withdrawals: obj(
        'fillAssumptions, baseline (the fill with every nation), nations: per nation withdrawing, what ' +
          'is lost (quantity, personnel, weightedFill, weightedFillShare), linesNewlyShort, linesNewlyEmpty; ' +
          'most weighted fill lost first',
      ),
      monteCarlo: obj(
        'draws, seed, deliveryProbability by stance, nations (probability, deliveredShare), ' +
          'personnelMatched / personnelOffered / weightedFill distributions (mean, min, p10, p50, p90, max), ' +
          'probabilityTargetMet and its standard error, histogram, allDeliver, lines',
      ),
    },
  }),
  burden: envelope('Burden sharing: money (EUR by stage) and troops per nation, against GDP and population', {
    description: 'BurdenReport',
    properties: {
      partial: { type: 'boolean' },
      stageDefinition: { type: 'string' },
      pledges: arr('Converted pledges with the EUR amount and the rate used'),
      unconvertible: arr('Pledges the rate table cannot convert, with the reason'),
      nations: arr('Per nation: eur and atStage by stage, shareOfGdp, eurPerCapita, personnel, shares'),
      coalition: obj('Coalition totals: eur and atStage by stage, personnel, GDP, population, ratios'),
      rankings: obj(
        'Per measure (eur, shareOfGdp, eurPerCapita, personnel, personnelPer100k): rank, nation, value',
      ),
    },
  }),
  dashboard: envelope('Headline figures of every analysis', {
    description: 'AnalysisDashboard',
    properties: {
      force: obj(
        'target, range, required, offered, available, matched, shortfall (target − matched), ' +
          'shortfallAgainstLines, lineCounts',
      ),
      stances: obj(
        'Nations by current stance: lead, committed, supportive, cautious, considering, declined, absent',
      ),
      nations: { type: 'integer', description: 'Nations you may see' },
      funding: obj(
        'eur and atStage: EUR by stage (committed, allocated, delivered); pledges; unconvertiblePledges',
      ),
      risks: obj(
        'linesEmptiedWithoutUs, personnelMatchedLostWithoutUs, sustainable { months6, months12, indefinitely }, ' +
          'biggestWithdrawal { nation, weightedFillLost, weightedFillShare, personnelMatchedLost, ' +
          'personnelMatchedWithout, linesEmptied }, probabilityTargetMet, probabilityTargetMetError',
      ),
    },
  }),
} as const;

const READ_ERRORS = { 400: errorResponses[400], ...readErrorResponses };

export function registerAnalysisRoutes(api: FastifyInstance, analyses: AnalysisService): void {
  const tags = ['analysis'];
  type Req = { Params: { scenarioId: string }; Querystring: Record<string, unknown> };
  const route = (
    path: string,
    summary: string,
    description: string,
    names: readonly QueryName[],
    response: Record<string, unknown>,
    run: (scenarioId: string, q: unknown, viewer: ReturnType<typeof principalOf>) => Promise<unknown>,
  ) =>
    api.get<Req>(
      `/scenarios/:scenarioId/analysis${path}`,
      {
        schema: {
          tags,
          summary,
          description:
            description +
            ' Computed over the records releasable to you: `partial` is true and `withheld` counts by kind ' +
            'when some were withheld. Any signed-in user may ask.',
          params: scenarioParams,
          querystring: query(names),
          response: { 200: response, ...READ_ERRORS },
        },
      },
      async (request) => run(request.params.scenarioId, request.query, principalOf(request)),
    );

  route(
    '',
    'Dashboard: target, offered, matched, shortfall, stances, funding, headline risks',
    'The headline figures of every analysis with one set of parameters: the force against the target, ' +
      'nations by stance, funding in EUR by stage, lines emptied without the US, personnel sustainable ' +
      'for 6 and 12 months, the single nation whose withdrawal costs most, and the probability of ' +
      'meeting the target in the resilience Monte Carlo.',
    [...FILL, 'defaultPolicy', 'basis', 'draws', 'seed'],
    RESPONSES.dashboard,
    (id, q, v) => analyses.dashboard(id, q, v),
  );
  route(
    '/fill',
    'Force generation fill against the requirement lines (CJSOR)',
    'The priority-weighted optimal match of offers to requirement lines, respecting caveats and readiness.',
    FILL,
    RESPONSES.fill,
    (id, q, v) => analyses.fill(id, q, v),
  );
  route(
    '/sustainment',
    'Sustainment by rotation policy: strength held for 6, 12, 24, 36 months and indefinitely',
    "Each nation's rotation policy (or the default) turns its personnel into the strength it can hold.",
    [...FILL, 'defaultPolicy', 'basis'],
    RESPONSES.sustainment,
    (id, q, v) => analyses.sustainment(id, q, v),
  );
  route(
    '/dependency',
    'US dependency: what the force lacks without a US backstop and without absent nations',
    'Compares the fill with a US backstop against the fill without it and without nations whose stance is absent.',
    FILL.filter((n) => n !== 'usBackstop'),
    RESPONSES.dependency,
    (id, q, v) => analyses.dependency(id, q, v),
  );
  route(
    '/resilience',
    'Resilience: what each nation’s withdrawal breaks, and a seeded Monte Carlo of who delivers',
    'The withdrawal table re-runs the optimal fill without each nation. The Monte Carlo draws which ' +
      'nations deliver (all their offers or none), with a probability by current stance from the ' +
      "scenario's assumptions (else the defaults), and reports the distribution of matched personnel " +
      'and the probability of meeting the target. The same seed gives the same answer.',
    [...FILL, 'draws', 'seed', 'readyByCDay'],
    RESPONSES.resilience,
    (id, q, v) => analyses.resilience(id, q, v),
  );
  route(
    '/burden',
    'Burden sharing: EUR by stage and personnel per nation, against GDP and population',
    'Pledges converted to EUR at the rate of their own date; stages are cumulative (Kiel tracker).',
    [...FILL, 'basis'],
    RESPONSES.burden,
    (id, q, v) => analyses.burden(id, q, v),
  );
}
