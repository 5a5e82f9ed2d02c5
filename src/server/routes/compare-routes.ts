// Courses of action: the comparison of a baseline with its variants, the decision records, and the
// promotion of a variant to baseline. Handlers only pass the request through (compare-service.ts).
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { promoteRequestSchema, type CompareService } from '../../app/compare-service.ts';
import {
  compareEnvelopeSchema,
  compareParamsSchema,
  decisionCheckSchema,
  decisionRequestSchema,
  decisionSchema,
} from '../../contract/compare.ts';
import { principalOf } from '../auth.ts';
import { disconnectSignal } from '../disconnect.ts';
import {
  busyResponses,
  errorResponses,
  jsonSchema,
  readErrorResponses,
  responseSchema,
  sendsText,
} from '../openapi.ts';

const scenarioParams = {
  type: 'object',
  properties: { scenarioId: { type: 'string', description: 'Scenario id, e.g. article-2025-03' } },
  required: ['scenarioId'],
} as const;

const STAFF_ONLY =
  'Who may: administrators and planners only (decision records hold figures computed over every ' +
  'record); liaison officers and observers are refused (403).';

export function registerCompareRoutes(api: FastifyInstance, service: CompareService): void {
  const tags = ['courses of action'];
  type Params = { scenarioId: string };

  api.get<{ Params: Params; Querystring: Record<string, unknown> }>(
    '/scenarios/:scenarioId/compare',
    {
      ...sendsText,
      schema: {
        tags,
        summary: 'Compare the scenario (the baseline) with variants: figures, deltas, drivers, COA matrix',
        description:
          'Every headline figure of every analysis (fill and shortfall on time and late, sustainment at ' +
          '6 and 12 months, without the US, the Monte Carlo P10/P50/P90 and chance of meeting the target, ' +
          'funding by stage, closure at 50/90/100 %, personnel-days late) for the baseline and each ' +
          'variant, with the delta against the baseline and its drivers (the lines, nations, offers, ' +
          'pledges and ULNs that produce it); the closure curves and Monte Carlo distributions for ' +
          'overlaying; what each variant changes in the inputs; and the COA decision matrix. Each ' +
          'scenario is computed over the records releasable to you (`partial` is true unless you are ' +
          'coalition staff), off the request thread, and memoised per scenario content version.',
        params: scenarioParams,
        querystring: queryOf(compareParamsSchema),
        response: {
          200: responseSchema(compareEnvelopeSchema, 'The comparison'),
          400: errorResponses[400],
          ...readErrorResponses,
          ...busyResponses,
        },
      },
    },
    async (request, reply) => {
      const text = await service.compareText(request.params.scenarioId, request.query, principalOf(request), {
        signal: disconnectSignal(reply),
      });
      return reply.type('application/json; charset=utf-8').send(text);
    },
  );

  api.post<{ Params: Params }>(
    '/scenarios/:scenarioId/decisions',
    {
      schema: {
        tags,
        summary: 'Record the course of action chosen, with the comparison it was chosen on',
        description:
          `${STAFF_ONLY} The comparison is computed as it stands (the same as GET …/compare with these ` +
          'variants, criteria and parameters) and kept with the decision, together with a content hash ' +
          "of each scenario's inputs, so that reopening the record recomputes the same figures or says " +
          'which inputs changed since.',
        params: scenarioParams,
        body: jsonSchema(decisionRequestSchema),
        response: {
          201: responseSchema(decisionSchema, 'The decision recorded'),
          ...errorResponses,
          ...busyResponses,
        },
      },
    },
    async (request, reply) => {
      const record = await service.decide(request.params.scenarioId, request.body, principalOf(request));
      return reply
        .status(201)
        .header('location', `/api/scenarios/${request.params.scenarioId}/decisions/${record.id}`)
        .send(record);
    },
  );

  api.get<{ Params: Params }>(
    '/scenarios/:scenarioId/decisions',
    {
      schema: {
        tags,
        summary: 'The decision records of a baseline, newest first',
        description: STAFF_ONLY,
        params: scenarioParams,
        response: {
          200: responseSchema(z.strictObject({ items: z.array(decisionSchema) }), 'The decision records'),
          ...readErrorResponses,
        },
      },
    },
    async (request) => ({
      items: await service.listDecisions(request.params.scenarioId, principalOf(request)),
    }),
  );

  api.get<{ Params: Params & { decisionId: string } }>(
    '/scenarios/:scenarioId/decisions/:decisionId',
    {
      schema: {
        tags,
        summary: 'Reopen a decision: the same figures recomputed, or the inputs changed since',
        description: STAFF_ONLY,
        params: {
          type: 'object',
          properties: { ...scenarioParams.properties, decisionId: { type: 'string' } },
          required: ['scenarioId', 'decisionId'],
        },
        response: {
          200: responseSchema(decisionCheckSchema, 'The decision and its check'),
          ...readErrorResponses,
          ...busyResponses,
        },
      },
    },
    async (request) =>
      service.checkDecision(request.params.scenarioId, request.params.decisionId, principalOf(request)),
  );

  api.post<{ Params: Params }>(
    '/scenarios/:scenarioId/promote',
    {
      schema: {
        tags,
        summary: "Promote a variant to baseline: its inputs become its parent's",
        description:
          'Who may: administrators and planners only. The parent keeps its id, name, description and ' +
          'decision records; its inputs are replaced by the variant’s in one audited action (`promote`). ' +
          "Refused (409) when the parent's inputs have changed since the variant was branched (any " +
          'record or header field), unless `parentContentVersion` names its current content version, ' +
          'which the 409 gives as `error.current.contentVersion`.',
        params: scenarioParams,
        body: jsonSchema(promoteRequestSchema),
        response: { ...errorResponses },
      },
    },
    async (request) => service.promote(request.params.scenarioId, request.body, principalOf(request)),
  );
}

function queryOf(schema: z.ZodType): Record<string, unknown> {
  const { additionalProperties: _a, ...rest } = jsonSchema(schema);
  return rest;
}
