// The analyses of a scenario: force fill, sustainment, US dependency, resilience, burden sharing,
// and a dashboard summary of them all. Any signed-in user may ask; each answer is computed over the
// records that user may see (analysis-service.ts), so the handlers only pass the query through.
// One route per entry of the contract's registry; its OpenAPI query parameters and 200 response are
// derived from the entry's schemas, so /docs cannot describe fields the server does not send.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AnalysisService } from '../../app/analysis-service.ts';
import {
  ANALYSES,
  ANALYSIS_KINDS,
  analysisAnswerSchema,
  type AnalysisKind,
} from '../../contract/analyses/index.ts';
import { principalOf } from '../auth.ts';
import { disconnectSignal } from '../disconnect.ts';
import { busyResponses, errorResponses, readErrorResponses, responseSchema, sendsText } from '../openapi.ts';

const scenarioParams = {
  type: 'object',
  properties: { scenarioId: { type: 'string', description: 'Scenario id, e.g. article-2025-03' } },
  required: ['scenarioId'],
} as const;

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
        ...sendsText,
        schema: {
          tags: ['analysis'],
          summary: entry.summary,
          description:
            entry.description +
            ' Computed over the records releasable to you (`partial` is true unless you are coalition staff). Any signed-in user may ask. Computed off the request thread and ' +
            'memoised: a repeated question about an unchanged scenario is answered from memory; when ' +
            'the queue of analyses is full the answer is 503 with Retry-After.',
          params: scenarioParams,
          querystring: querySchema(kind),
          response: { 200: responseSchema(analysisAnswerSchema(kind), entry.summary), ...READ_ERRORS },
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
