// The records inside a scenario, one set of routes per kind (list, CSV, get, create, patch, delete),
// all through the same service methods so every kind follows the same rules.
import type { FastifyInstance } from 'fastify';
import { ENTITY_KEY, ENTITY_LABEL, ENTITY_SCHEMAS, type EntityKind } from '../../domain/records.ts';
import { LIAISON_WRITABLE } from '../../domain/access.ts';
import { ENTITY_PATH } from '../../domain/entity-paths.ts';
import { principalOf } from '../auth.ts';
import { csvResponse, errorResponses, jsonSchema, readErrorResponses, versionQuery } from '../openapi.ts';
import { parseVersionParam, type CoalitionService } from '../../app/coalition-service.ts';

/** Kinds that belong to a nation and can be listed for one nation. */
const BY_NATION: ReadonlySet<EntityKind> = new Set([
  'stances',
  'offers',
  'pledges',
  'rotationPolicies',
  'redLines',
]);

interface RecordParams {
  scenarioId: string;
  key: string;
}

export function registerRecordRoutes(api: FastifyInstance, service: CoalitionService): void {
  for (const kind of Object.keys(ENTITY_PATH) as EntityKind[]) {
    const base = `/scenarios/:scenarioId/${ENTITY_PATH[kind]}`;
    const label = ENTITY_LABEL[kind];
    const keyField = ENTITY_KEY[kind];
    const tags = ['records'];
    const recordSchema = jsonSchema(ENTITY_SCHEMAS[kind]);
    // Who may write this kind, said on each write route of the API documentation (the rule is
    // authorizeWrite in src/domain/access.ts).
    const writers = LIAISON_WRITABLE.has(kind)
      ? `Who may: administrators and planners; a liaison officer for its own nation only (the ${label}'s nation stays its own, and a new ${keyField} names its nation, e.g. ${kind === 'stances' ? 'GBR-4' : kind === 'pledges' ? 'PLG-GBR-2026-01' : kind === 'redLines' ? 'RL-GBR-1' : 'OFF-GBR-7'}); observers never.`
      : `Who may: administrators and planners only; liaison officers and observers are refused (403).`;
    const reads =
      'Reads return only what you are shown: a record you may not see, or one naming a record you may not see, is not found (404).';
    const params = {
      type: 'object',
      properties: {
        scenarioId: { type: 'string' },
        key: { type: 'string', description: `The ${label}'s ${keyField}` },
      },
      required: ['scenarioId', 'key'],
    };

    api.get<{ Params: { scenarioId: string }; Querystring: { nation?: string } }>(
      base,
      {
        schema: {
          tags,
          summary: `List ${label} records${BY_NATION.has(kind) ? ' (optionally of one nation)' : ''}`,
          ...(BY_NATION.has(kind) && {
            querystring: {
              type: 'object',
              properties: { nation: { type: 'string', description: 'ISO alpha-3' } },
            },
          }),
        },
      },
      async (request) => ({
        items: await service.list(
          request.params.scenarioId,
          kind,
          principalOf(request),
          BY_NATION.has(kind) && request.query.nation !== undefined ? { nation: request.query.nation } : {},
        ),
      }),
    );

    // A sibling of the list rather than a content type of it, so that a plain link downloads the
    // file (a browser sends no Accept: text/csv) and the URL says what it gives. The force list has
    // its own TPFDD-style file (deployment-routes.ts).
    if (kind !== 'ulns')
      api.get<{ Params: { scenarioId: string }; Querystring: { nation?: string } }>(
        `${base}.csv`,
        {
          schema: {
            tags,
            summary: `Download the ${label} records as CSV${BY_NATION.has(kind) ? ' (optionally of one nation)' : ''}`,
            description:
              'The same records as the list, as RFC 4180 CSV in UTF-8 (CRLF line ends, no byte-order mark), ' +
              'one row per record under a header of dotted field paths (readiness.level, source.publication, ' +
              `releasability.nations…); lists are joined with "; ". Text starting with = + - @, a tab or a ` +
              "carriage return is prefixed with ' so spreadsheets do not run it as a formula.",
            ...(BY_NATION.has(kind) && {
              querystring: {
                type: 'object',
                properties: { nation: { type: 'string', description: 'ISO alpha-3' } },
              },
            }),
            response: { 200: csvResponse(`${label} records as CSV`), ...readErrorResponses },
          },
        },
        async (request, reply) => {
          const file = await service.csv(
            request.params.scenarioId,
            kind,
            principalOf(request),
            BY_NATION.has(kind) && request.query.nation !== undefined ? { nation: request.query.nation } : {},
          );
          return reply
            .type('text/csv; charset=utf-8; header=present')
            .header('content-disposition', `attachment; filename="${file.fileName}"`)
            .send(file.text);
        },
      );

    api.get<{ Params: RecordParams }>(
      `${base}/:key`,
      {
        schema: {
          tags,
          summary: `Get one ${label}`,
          description: reads,
          params,
          response: { ...readErrorResponses },
        },
      },
      async (request) =>
        service.get(request.params.scenarioId, kind, request.params.key, principalOf(request)),
    );

    api.post<{ Params: { scenarioId: string } }>(
      base,
      {
        schema: {
          tags,
          summary: `Create a ${label}`,
          description: `${writers} A name (nation, capability, node…) you may not see is refused as unknown.`,
          body: recordSchema,
          response: { ...errorResponses },
        },
      },
      async (request, reply) => {
        const created = await service.create(
          request.params.scenarioId,
          kind,
          request.body,
          principalOf(request),
        );
        const key = String((created as unknown as Record<string, unknown>)[keyField]);
        return reply
          .status(201)
          .header(
            'location',
            `/api/scenarios/${request.params.scenarioId}/${ENTITY_PATH[kind]}/${encodeURIComponent(key)}`,
          )
          .send(created);
      },
    );

    api.patch<{ Params: RecordParams }>(
      `${base}/:key`,
      {
        schema: {
          tags,
          summary: `Change a ${label}: a JSON merge patch of the fields to change, with the \`version\` you read`,
          description: writers,
          params,
          body: {
            type: 'object',
            properties: { version: { type: 'integer', minimum: 1 } },
            required: ['version'],
          },
          response: { ...errorResponses },
        },
      },
      async (request) =>
        service.patch(
          request.params.scenarioId,
          kind,
          request.params.key,
          request.body,
          principalOf(request),
        ),
    );

    api.delete<{ Params: RecordParams; Querystring: { version?: string } }>(
      `${base}/:key`,
      {
        schema: {
          tags,
          summary: `Delete a ${label}`,
          description: writers,
          params,
          querystring: versionQuery,
          response: { ...errorResponses },
        },
      },
      async (request, reply) => {
        const version = parseVersionParam(request.query.version);
        await service.delete(
          request.params.scenarioId,
          kind,
          request.params.key,
          version,
          principalOf(request),
        );
        return reply.status(204).send();
      },
    );
  }
}
