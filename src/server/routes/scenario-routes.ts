// Whole scenarios: list, import a document (JSON or YAML), get, overview, export, search, patch
// the header, import a line of contact, delete; and the audit log.
import type { FastifyInstance } from 'fastify';
import { branchRequestSchema } from '../../domain/variants.ts';
import { stringify } from 'yaml';
import { z } from 'zod';
import { invalid } from '../../domain/errors.ts';
import { lineOfContactRequestDocSchema } from '../../domain/line-of-contact-import.ts';
import { scenarioHeaderPatchSchema } from '../../domain/records.ts';
import { decodeDocumentText } from '../../domain/scenario-document.ts';
import { scenarioDocumentSchema } from '../../domain/scenario-schema.ts';
import { ENTITY_KINDS } from '../../domain/records.ts';
import { SEARCH_LIMIT_DEFAULT, SEARCH_LIMIT_MAX, SEARCH_TEXT_MAX } from '../../domain/search.ts';
import { principalOf } from '../auth.ts';
import { errorResponses, jsonSchema, readErrorResponses, searchResponse, versionQuery } from '../openapi.ts';
import { JSON_MEDIA_TYPE, YAML_MEDIA_TYPES } from '../same-origin.ts';
import { auditQuerySchema, parseVersionParam, type CoalitionService } from '../../app/coalition-service.ts';

const scenarioParams = {
  type: 'object',
  properties: { scenarioId: { type: 'string', description: 'Scenario id, e.g. article-2025-03' } },
  required: ['scenarioId'],
} as const;

export function registerScenarioRoutes(api: FastifyInstance, service: CoalitionService): void {
  const tags = ['scenarios'];

  api.get(
    '/scenarios',
    { schema: { tags, summary: 'List scenarios with counts and personnel offered' } },
    async (request) => ({
      items: await service.listScenarios(principalOf(request)),
    }),
  );

  api.post<{ Querystring: { id?: string; name?: string } }>(
    '/scenarios',
    {
      config: { accepts: [JSON_MEDIA_TYPE, ...YAML_MEDIA_TYPES] },
      schema: {
        tags,
        summary: 'Import a scenario document (JSON, or YAML as application/yaml)',
        description:
          'Who may: administrators and planners only; liaison officers and observers are refused (403).',
        querystring: {
          type: 'object',
          properties: {
            id: { type: 'string', description: "Store under this id instead of the document's" },
            name: { type: 'string', description: "Display name instead of the document's" },
          },
        },
        body: jsonSchema(scenarioDocumentSchema),
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      let value: unknown = request.body;
      if (typeof value === 'string') {
        const decoded = decodeDocumentText(value);
        if (!decoded.ok) throw invalid(decoded.issues);
        value = decoded.value;
      }
      const summary = await service.importDocument(value, principalOf(request), {
        ...(request.query.id !== undefined && { id: request.query.id }),
        ...(request.query.name !== undefined && { name: request.query.name }),
      });
      return reply.status(201).header('location', `/api/scenarios/${summary.id}`).send(summary);
    },
  );

  api.get<{ Params: { scenarioId: string } }>(
    '/scenarios/:scenarioId',
    { schema: { tags, summary: 'One scenario: header, mission, counts', params: scenarioParams } },
    async (request) => service.getScenario(request.params.scenarioId, principalOf(request)),
  );

  api.get<{ Params: { scenarioId: string }; Querystring: { asOf?: string } }>(
    '/scenarios/:scenarioId/overview',
    {
      schema: {
        tags,
        summary: "Each nation's current stance and personnel offered, against the force target",
        params: scenarioParams,
        querystring: {
          type: 'object',
          properties: {
            asOf: {
              type: 'string',
              format: 'date',
              description: 'Stances as on this date (default: latest)',
            },
          },
        },
      },
    },
    async (request) => service.overview(request.params.scenarioId, principalOf(request), request.query.asOf),
  );

  api.get<{ Params: { scenarioId: string }; Querystring: { format?: string } }>(
    '/scenarios/:scenarioId/export',
    {
      schema: {
        tags,
        summary: 'Export as a scenario document that re-imports to the same content',
        params: scenarioParams,
        querystring: { type: 'object', properties: { format: { type: 'string', enum: ['json', 'yaml'] } } },
      },
    },
    async (request, reply) => {
      const format = request.query.format ?? 'json';
      if (format !== 'json' && format !== 'yaml') {
        throw invalid([{ path: 'format', message: 'must be json or yaml' }]);
      }
      const doc = await service.exportDocument(request.params.scenarioId, principalOf(request));
      reply.header('content-disposition', `attachment; filename="${doc.id}.${format}"`);
      if (format === 'yaml') return reply.type('application/yaml').send(stringify(doc));
      return reply.send(doc);
    },
  );

  api.get<{ Params: { scenarioId: string } }>(
    '/scenarios/:scenarioId/search',
    {
      schema: {
        tags,
        summary: "Search the scenario's records (those releasable to you) for a piece of text",
        description:
          'Case-insensitive substring search over keys, names, statements, purposes, descriptions, caveat ' +
          'text and sectors, source publications, notes and URLs, and assumptions. A record that is not ' +
          'releasable to you is never searched: it is not found, not counted and not quoted.',
        params: scenarioParams,
        querystring: {
          type: 'object',
          properties: {
            q: {
              type: 'string',
              minLength: 1,
              maxLength: SEARCH_TEXT_MAX,
              description: 'The text to find, taken literally (no wildcards); no control characters',
            },
            kinds: {
              type: 'string',
              description: `Only these kinds, comma-separated: ${ENTITY_KINDS.join(', ')}`,
            },
            limit: {
              type: 'integer',
              minimum: 1,
              maximum: SEARCH_LIMIT_MAX,
              description: `At most this many hits (default ${SEARCH_LIMIT_DEFAULT})`,
            },
          },
          required: ['q'],
        },
        response: { 200: searchResponse, 400: errorResponses[400], ...readErrorResponses },
      },
    },
    async (request) => service.search(request.params.scenarioId, request.query, principalOf(request)),
  );

  api.post<{ Params: { scenarioId: string } }>(
    '/scenarios/:scenarioId/branch',
    {
      schema: {
        tags,
        summary: 'Branch a variant: a copy of the scenario with what-ifs made, recording its parent',
        description:
          'Who may: administrators and planners only; liaison officers and observers are refused (403). ' +
          'The variant is stored under `id` (409 if taken) and records the parent and the version it was ' +
          'branched from (`variantOf`); the what-ifs (a nation joins or withdraws, the US backstop given, ' +
          'an arc or node closed for given days, the target changed) are made in order, and each says ' +
          'what it changed and where it alone moves nothing. A what-if naming what the scenario lacks is ' +
          '400 at its field (`whatIfs[0].nation`).',
        params: scenarioParams,
        body: jsonSchema(branchRequestSchema),
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const summary = await service.branchScenario(
        request.params.scenarioId,
        request.body,
        principalOf(request),
      );
      return reply.status(201).header('location', `/api/scenarios/${summary.id}`).send(summary);
    },
  );

  api.patch<{ Params: { scenarioId: string } }>(
    '/scenarios/:scenarioId',
    {
      schema: {
        tags,
        summary:
          'Change the name, description, as-of date, mission or a header section: assumptions, deployment ' +
          'settings, theatre, escalation ladder (send `version`)',
        description:
          'Who may: administrators and planners only; liaison officers and observers are refused (403). ' +
          'A `mission` replaces the whole mission, its list of sectors (`mission.sectors`) included: a list ' +
          'that drops a sector still named by a requirement line, an offer’s caveats or the deployment ' +
          'settings is refused (400 on `mission.sectors`, naming the sector and what names it), and the ' +
          'deployment settings may name only listed sectors. A section (`assumptions`, `deployment`, ' +
          '`theatre`, `escalation`) replaces the stored one whole; `null` removes it. A bad field is 400 ' +
          'at its path (`theatre.lineOfContact.geometry.coordinates[3]`); a stale `version` is 409 with ' +
          'the header as it now is.',
        params: scenarioParams,
        body: { ...jsonSchema(scenarioHeaderPatchSchema.extend({ version: z.number().int().min(1) })) },
        response: { ...errorResponses },
      },
    },
    async (request) => service.patchScenario(request.params.scenarioId, request.body, principalOf(request)),
  );

  api.put<{ Params: { scenarioId: string } }>(
    '/scenarios/:scenarioId/line-of-contact',
    {
      schema: {
        tags,
        summary: "Import a line of contact from GeoJSON as the theatre's (send `version`)",
        description:
          'Who may: administrators and planners only; liaison officers and observers are refused (403). ' +
          'The body gives the GeoJSON (`geojson`: a LineString or MultiLineString, a Feature holding one, ' +
          'or a FeatureCollection, whose line features are all taken), the date the line is drawn as of ' +
          '(`date`) and where it comes from (`source`, or an `assumption` saying how it was drawn). It ' +
          "replaces the theatre's `lineOfContact` and keeps its zones and exposure bands. A bad field is " +
          '400 at its path in the body (`geojson.features[0].geometry.coordinates[3]`); a stale `version` ' +
          'is 409 with the header as it now is. Answers the header as stored.',
        params: scenarioParams,
        body: jsonSchema(lineOfContactRequestDocSchema),
        response: { ...errorResponses },
      },
    },
    async (request) =>
      service.putLineOfContact(request.params.scenarioId, request.body, principalOf(request)),
  );

  api.delete<{ Params: { scenarioId: string }; Querystring: { version?: string } }>(
    '/scenarios/:scenarioId',
    {
      schema: {
        tags,
        summary: 'Delete a scenario and all its records (the audit log keeps a full copy)',
        description:
          'Who may: administrators and planners only; liaison officers and observers are refused (403).',
        params: scenarioParams,
        querystring: versionQuery,
        response: { ...errorResponses },
      },
    },
    async (request, reply) => {
      const version = parseVersionParam(request.query.version);
      await service.deleteScenario(request.params.scenarioId, version, principalOf(request));
      return reply.status(204).send();
    },
  );

  api.get(
    '/audit',
    {
      schema: {
        tags: ['system'],
        summary: 'The append-only audit log, newest first (planners and administrators)',
        querystring: jsonSchema(auditQuerySchema),
        response: { ...readErrorResponses },
      },
    },
    async (request) => ({ items: await service.audit(request.query, principalOf(request)) }),
  );
}
