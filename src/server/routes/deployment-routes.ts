// Deployment planning: the plan of a scenario (closure, Gantt legs, utilisation, bottlenecks), and
// the force list as a TPFDD-style CSV file that can be downloaded, replaced whole, or generated from
// the force-generation fill. Handlers only pass the request through (deployment-service.ts).
import type { FastifyInstance } from 'fastify';
import { FORCE_LIST_COLUMNS } from '../../domain/deployment/force-list-csv.ts';
import { principalOf } from '../auth.ts';
import type { DeploymentService } from '../../app/deployment-service.ts';
import { disconnectSignal } from '../disconnect.ts';
import { CSV_MEDIA_TYPE } from '../same-origin.ts';
import { DEFAULT_BOUND_SECONDS, MAX_BOUND_SECONDS, planEnvelopeSchema } from '../../contract/plan.ts';
import {
  busyResponses,
  csvResponse,
  errorResponses,
  readErrorResponses,
  responseSchema,
  sendsText,
} from '../openapi.ts';

const scenarioParams = {
  type: 'object',
  properties: { scenarioId: { type: 'string', description: 'Scenario id, e.g. article-2025-03' } },
  required: ['scenarioId'],
} as const;

export function registerDeploymentRoutes(api: FastifyInstance, service: DeploymentService): void {
  api.get<{ Params: { scenarioId: string }; Querystring: Record<string, unknown> }>(
    '/scenarios/:scenarioId/deployment/plan',
    {
      ...sendsText,
      schema: {
        tags: ['deployment'],
        summary: 'Plan the deployment: when the force closes and what holds it up',
        description:
          'Schedules the force list (the stored one, else one generated from the force-generation fill) ' +
          'over the transport network as lift loads, keeping every movement record as it happened and ' +
          're-planning the rest from `today`. Computed over the records releasable to the caller ' +
          '(`partial` is true unless you are coalition staff).',
        params: scenarioParams,
        querystring: {
          type: 'object',
          properties: {
            today: {
              type: 'integer',
              description:
                'C-day to re-plan from: nothing new departs earlier (default: the day after the last movement record)',
            },
            reference: {
              type: 'boolean',
              description: 'Also solve the LP relaxation with HiGHS and report the planner’s gap to it',
            },
            boundSeconds: {
              type: 'integer',
              minimum: 0,
              maximum: MAX_BOUND_SECONDS,
              description: `Seconds to spend proving a lower bound on the objective, for the plan’s gap to the best possible (objective.bound); 0: none (default ${DEFAULT_BOUND_SECONDS})`,
            },
          },
        },
        response: {
          200: responseSchema(planEnvelopeSchema, 'The deployment plan of the records releasable to you'),
          400: errorResponses[400],
          ...readErrorResponses,
          ...busyResponses,
        },
      },
    },
    async (request, reply) => {
      const text = await service.planText(request.params.scenarioId, request.query, principalOf(request), {
        signal: disconnectSignal(reply),
      });
      return reply.type('application/json; charset=utf-8').send(text);
    },
  );

  api.get<{ Params: { scenarioId: string } }>(
    '/scenarios/:scenarioId/force-list.csv',
    {
      schema: {
        tags: ['deployment'],
        summary: 'Download the force list as TPFDD-style CSV',
        description:
          `Columns ${FORCE_LIST_COLUMNS.join(', ')}: one row per ULN the caller may see. ` +
          'TONNES are metric tonnes; ALD, EAD, LAD and RDD are C-day offsets. The ETag names this version ' +
          'of the list; send it as If-Match with an import so that it cannot undo an edit made since.',
        params: scenarioParams,
        response: { 200: csvResponse('The force list as CSV'), ...readErrorResponses },
      },
    },
    async (request, reply) => {
      const file = await service.forceListCsv(request.params.scenarioId, principalOf(request));
      return reply
        .type('text/csv; charset=utf-8; header=present')
        .header('etag', `"${file.tag}"`)
        .header('content-disposition', `attachment; filename="${file.fileName}"`)
        .send(file.text);
    },
  );

  api.put<{ Params: { scenarioId: string }; Body: unknown }>(
    '/scenarios/:scenarioId/force-list.csv',
    {
      config: { accepts: [CSV_MEDIA_TYPE] },
      schema: {
        tags: ['deployment'],
        summary: 'Replace the force list with a CSV file (all or nothing)',
        description:
          'Body: the CSV text (Content-Type: text/csv) with the columns of the download, in any order. ' +
          'Every bad cell is reported by line and column and nothing is imported. If-Match: the ETag of ' +
          'the list the file was based on (409 if it has changed since), or * to replace whatever is ' +
          'stored; required once a list is stored. Administrators and planners only (403 for others).',
        params: scenarioParams,
        response: { ...errorResponses },
      },
    },
    async (request) => {
      const ifMatch = request.headers['if-match'];
      return service.importForceListCsv(
        request.params.scenarioId,
        request.body,
        principalOf(request),
        typeof ifMatch === 'string' ? ifMatch.replace(/^W\//, '').replace(/^"|"$/g, '') : undefined,
      );
    },
  );

  api.post<{ Params: { scenarioId: string }; Body: unknown }>(
    '/scenarios/:scenarioId/deployment/force-list',
    {
      schema: {
        tags: ['deployment'],
        summary: 'Generate the force list from the force-generation fill and store it',
        description:
          'One ULN per matched unit: origin from the deployment settings’ garrisons, destination from ' +
          'the sector of its requirement line, ALD from the offer’s readiness (counted from the settings’ ' +
          '`activationCDay`), EAD/LAD/RDD from the line, but never an EAD before ALD plus the shortest transit ' +
          'over the network: a unit ready too late for its line’s RDD gets the window it can make, and the ' +
          'answer lists it in `rddShortfalls` (ULN, line, the line’s RDD and its own). ' +
          'Refused (409) when a list is stored, unless `replace` is true. Administrators and planners only (403 for others).',
        params: scenarioParams,
        body: { type: 'object', properties: { replace: { type: 'boolean' } } },
        response: { ...errorResponses },
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await service.generateForceList(request.params.scenarioId, request.body, principalOf(request))),
  );
}
