// The analyses of a scenario: force fill, sustainment, US dependency, resilience, burden sharing,
// and a dashboard summary of them all. Any signed-in user may ask; each answer is computed over the
// records that user may see (analysis-service.ts), so the handlers only pass the query through.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AnalysisService } from '../../app/analysis-service.ts';
import { ANALYSES, ANALYSIS_KINDS, type AnalysisKind } from '../../contract/analyses/index.ts';
import { principalOf } from '../auth.ts';
import { disconnectSignal } from '../disconnect.ts';
import { busyResponses, errorResponses, readErrorResponses } from '../openapi.ts';

const scenarioParams = {
  type: 'object',
  properties: { scenarioId: { type: 'string', description: 'Scenario id, e.g. article-2025-03' } },
  required: ['scenarioId'],
} as const;

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

const RESPONSES: Record<AnalysisKind, Record<string, unknown>> = {
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
};

const READ_ERRORS = { 400: errorResponses[400], ...readErrorResponses, ...busyResponses };

/** The query parameters of an analysis as OpenAPI documents them, derived from its zod schema. */
function querySchema(kind: AnalysisKind): Record<string, unknown> {
  const {
    $schema: _s,
    additionalProperties: _a,
    ...schema
  } = z.toJSONSchema(ANALYSES[kind].params, {
    io: 'input',
    unrepresentable: 'any',
    target: 'openapi-3.0',
  }) as Record<string, unknown>;
  return schema;
}

/** One route per analysis of the contract's registry. */
export function registerAnalysisRoutes(api: FastifyInstance, analyses: AnalysisService): void {
  type Req = { Params: { scenarioId: string }; Querystring: Record<string, unknown> };
  for (const kind of ANALYSIS_KINDS) {
    const entry = ANALYSES[kind];
    api.get<Req>(
      `/scenarios/:scenarioId/analysis${entry.path}`,
      {
        schema: {
          tags: ['analysis'],
          summary: entry.summary,
          description:
            entry.description +
            ' Computed over the records releasable to you: `partial` is true and `withheld` counts by kind ' +
            'when some were withheld. Any signed-in user may ask. Computed off the request thread and ' +
            'memoised: a repeated question about an unchanged scenario is answered from memory; when ' +
            'the queue of analyses is full the answer is 503 with Retry-After.',
          params: scenarioParams,
          querystring: querySchema(kind),
          response: { 200: RESPONSES[kind], ...READ_ERRORS },
        },
      },
      async (request, reply) => {
        const text = await analyses.runText(
          kind,
          request.params.scenarioId,
          request.query,
          principalOf(request),
          {
            signal: disconnectSignal(reply),
          },
        );
        return reply.type('application/json; charset=utf-8').send(text);
      },
    );
  }
}
