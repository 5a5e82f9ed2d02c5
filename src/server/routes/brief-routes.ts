// Briefing packs: make one for an audience, list the versions kept, read one as data, as PDF or as
// HTML. Handlers only pass the request through (brief-service.ts); the pack is made and rendered off
// the request thread.
import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { BriefService } from '../../app/brief-service.ts';
import { packHtmlStyle } from '../../app/brief/render-html.ts';
import { briefListSchema, briefRequestSchema, briefSchema } from '../../contract/brief.ts';
import { invalid } from '../../domain/errors.ts';
import { principalOf } from '../auth.ts';
import { cspHeader } from '../security-headers.ts';
import { disconnectSignal } from '../disconnect.ts';
import { busyResponses, errorResponses, jsonSchema, readErrorResponses, responseSchema } from '../openapi.ts';

const WHO =
  'Who may: a pack holds only what its audience may see, so you make and read the packs of audiences ' +
  'whose content you may see: coalition staff any (staff, coalition, public, rel-to:ISO3); a liaison ' +
  "officer coalition, public and its own nation's rel-to; an observer reads public packs and makes " +
  'none. A pack of another audience answers 404, as one that does not exist.';

const scenarioParams = {
  type: 'object',
  properties: { scenarioId: { type: 'string', description: 'Scenario id, e.g. article-2025-03' } },
  required: ['scenarioId'],
} as const;

const packParams = {
  type: 'object',
  properties: {
    ...scenarioParams.properties,
    audience: { type: 'string', description: 'staff, coalition, public or rel-to:ISO3' },
    version: { type: 'integer', minimum: 1, description: 'The version of that audience’s pack' },
  },
  required: ['scenarioId', 'audience', 'version'],
} as const;

type Params = { scenarioId: string };
type PackParams = Params & { audience: string; version: number };

const fileName = (p: PackParams, ext: string) =>
  `${p.scenarioId}-brief-${p.audience.replace(':', '-')}-v${p.version}.${ext}`;

export function registerBriefRoutes(api: FastifyInstance, service: BriefService): void {
  const tags = ['briefing packs'];

  api.post<{ Params: Params }>(
    '/scenarios/:scenarioId/briefs',
    {
      schema: {
        tags,
        summary: 'Make the briefing pack of the scenario for an audience (the next version of its packs)',
        description:
          `${WHO} The pack is computed from the records the audience may see, in decision-brief order ` +
          '(purpose, bottom line up front with your summary and recommendations, the coalition, the ' +
          'force, the timeline, sustainment, funding and cost, risks, the variants compared, the request ' +
          'to the US, the annex of sources and assumptions), with a classification banner derived from ' +
          'the markings inside. Stored, versioned per audience and audited.',
        params: scenarioParams,
        body: jsonSchema(briefRequestSchema),
        response: { 201: responseSchema(briefSchema, 'The pack made'), ...errorResponses, ...busyResponses },
      },
    },
    async (request, reply) => {
      const brief = await service.create(request.params.scenarioId, request.body, principalOf(request), {
        signal: disconnectSignal(reply),
      });
      return reply
        .status(201)
        .header(
          'location',
          `/api/scenarios/${request.params.scenarioId}/briefs/${encodeURIComponent(brief.audience)}/${brief.version}`,
        )
        .send(brief);
    },
  );

  api.get<{ Params: Params }>(
    '/scenarios/:scenarioId/briefs',
    {
      schema: {
        tags,
        summary: 'The briefing packs kept for the scenario, newest first',
        description: WHO,
        params: scenarioParams,
        response: { 200: responseSchema(briefListSchema, 'The packs you may read'), ...readErrorResponses },
      },
    },
    async (request) => service.list(request.params.scenarioId, principalOf(request)),
  );

  api.get<{ Params: PackParams }>(
    '/scenarios/:scenarioId/briefs/:audience/:version',
    {
      schema: {
        tags,
        summary: 'One briefing pack as data (sections of text, figures, tables, SVG charts and map)',
        description: WHO,
        params: packParams,
        response: { 200: responseSchema(briefSchema, 'The pack'), ...readErrorResponses },
      },
    },
    async (request) =>
      service.get(
        request.params.scenarioId,
        request.params.audience,
        request.params.version,
        principalOf(request),
      ),
  );

  for (const format of ['pdf', 'html'] as const) {
    api.get<{ Params: PackParams; Querystring: { download?: string } }>(
      `/scenarios/:scenarioId/briefs/:audience/:version/${format}`,
      {
        schema: {
          tags,
          summary:
            format === 'pdf'
              ? 'One briefing pack as PDF (A4, banner on every page, page n of N, outline)'
              : 'One briefing pack as one HTML document (print styles: banner and page numbers on every page)',
          description: `${WHO} \`download=1\` asks the browser to save it rather than show it.`,
          params: packParams,
          querystring: {
            type: 'object',
            properties: { download: { type: 'string', enum: ['0', '1'] } },
            additionalProperties: false,
          },
          response: {
            200: {
              description: format === 'pdf' ? 'The PDF' : 'The HTML document',
              content: {
                [format === 'pdf' ? 'application/pdf' : 'text/html']: { schema: { type: 'string' } },
              },
            },
            ...readErrorResponses,
            ...busyResponses,
          },
        },
      },
      async (request, reply) => {
        const p = request.params;
        if (request.query.download !== undefined && !['0', '1'].includes(request.query.download))
          throw invalid([{ path: 'download', message: 'must be 0 or 1' }]);
        const { brief, body } = await service.render(
          p.scenarioId,
          p.audience,
          p.version,
          format,
          principalOf(request),
          {
            signal: disconnectSignal(reply),
          },
        );
        const disposition = request.query.download === '1' ? 'attachment' : 'inline';
        reply.header('content-disposition', `${disposition}; filename="${fileName(p, format)}"`);
        reply.header('x-classification', brief.pack.banner.text);
        if (format === 'pdf') return reply.type('application/pdf').send(body);
        // The document's own style element is allowed by its hash; nothing else loads.
        const hash = createHash('sha256').update(packHtmlStyle(brief.pack)).digest('base64');
        reply.header(
          'content-security-policy',
          cspHeader({
            'default-src': ["'none'"],
            'style-src': [`'sha256-${hash}'`],
            'img-src': ['data:'],
            'base-uri': ["'none'"],
            'form-action': ["'none'"],
            'frame-ancestors': ["'self'"],
          }),
        );
        reply.header('x-frame-options', 'SAMEORIGIN');
        return reply.type('text/html; charset=utf-8').send(body);
      },
    );
  }
}
