// The HTTP application: Fastify with the JSON API under /api, OpenAPI at /docs, and the built web
// UI at /. Every /api route but health and sign-in needs a session (auth.ts); what a signed-in user
// may see and change is decided in the services, never in the handlers. Request bodies are validated by the domain's zod schemas inside the services (not by
// Fastify's own validator), so the API, the CLI and document import report errors the same way.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply } from 'fastify';
import { DomainError, invalid } from '../domain/errors.ts';
import { jsonValueIssues, textProblem } from '../domain/json-safety.ts';
import type { Installation } from '../app/installation.ts';
import { registerAuthHook } from './auth.ts';
import { registerSameOrigin, YAML_MEDIA_TYPES } from './same-origin.ts';
import { docsCsp, registerSecurityHeaders } from './security-headers.ts';
import { registerAnalysisRoutes } from './routes/analysis-routes.ts';
import { registerAuthRoutes } from './routes/auth-routes.ts';
import { registerBackupRoutes } from './routes/backup-routes.ts';
import { registerDeploymentRoutes } from './routes/deployment-routes.ts';
import { registerCompareRoutes } from './routes/compare-routes.ts';
import { registerBriefRoutes } from './routes/brief-routes.ts';
import { registerRecordRoutes } from './routes/record-routes.ts';
import { registerScenarioRoutes } from './routes/scenario-routes.ts';
import { registerUserRoutes } from './routes/user-routes.ts';

export interface AppOptions {
  /** The application: every service, built once by openInstallation (src/app/installation.ts). */
  installation: Installation;
  /** Directory of the built web UI (web/dist); the UI is not served when it does not exist. */
  webRoot?: string;
  bodyLimit?: number;
  /** pino log level, or false for no request log (tests). */
  logLevel?: string | false;
}

export const DEFAULT_WEB_ROOT = join(import.meta.dirname, '../../web/dist');

const STATUS: Record<DomainError['code'], number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  unavailable: 503,
  rate_limited: 429,
};

export interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; current?: unknown };
}

export async function buildApp(options: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logLevel === false ? false : { level: options.logLevel ?? 'info' },
    bodyLimit: options.bodyLimit ?? 5 * 1024 * 1024,
    // Ids in paths are short; refuse absurd URLs before routing.
    routerOptions: { maxParamLength: 200 },
    // A malformed or overlong URL is still answered in the API's error shape.
    frameworkErrors: (err, _request, reply: FastifyReply) => {
      const tooLong = err.code === 'FST_ERR_MAX_PARAM_LENGTH';
      const message = tooLong
        ? 'a path parameter is longer than 200 characters'
        : 'the URL is not valid percent-encoded UTF-8';
      return reply
        .status(tooLong ? 414 : 400)
        .send(errorBody(tooLong ? 'too_large' : 'invalid', message, [{ path: 'url', message }]));
    },
  });

  const inst = options.installation;
  const { users, auth } = inst;

  // First, so that every answer carries the headers, refusals by the hooks below included.
  await registerSecurityHeaders(app);

  // zod validates inside the services; Fastify's schemas only document the API.
  app.setValidatorCompiler(() => (data) => ({ value: data }));
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));

  // JSON bodies: Fastify's own parser (it refuses __proto__ keys), then what storage cannot hold.
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    // No body at all is no body, not a JSON error: clients that always send JSON's Content-Type
    // (also on DELETE and sign-out) keep working; a route that needs a body says so through zod.
    if (text.length === 0) return done(null, undefined);
    parseJson(request, text, (err: Error | null, value?: unknown) => {
      if (err) return done(err);
      const issues = jsonValueIssues(value);
      return issues.length > 0 ? done(invalid(issues)) : done(null, value);
    });
  });

  // The force list is imported as CSV text.
  app.addContentTypeParser('text/csv', { parseAs: 'string' }, (_req, body, done) => done(null, body));

  // Scenario documents may be posted as YAML text. Not as text/plain: that is what an HTML form on
  // another site can send (same-origin.ts).
  app.addContentTypeParser([...YAML_MEDIA_TYPES], { parseAs: 'string' }, (_req, body, done) =>
    done(null, body),
  );

  app.setErrorHandler((err: FastifyError | DomainError, request, reply) => {
    if (err instanceof DomainError) {
      const body: ErrorBody = { error: { code: err.code, message: err.message } };
      if (err.issues.length > 0) body.error.issues = err.issues;
      if (err.details?.current !== undefined) body.error.current = err.details.current;
      const retryAfter = err.details?.retryAfter;
      if ((err.code === 'rate_limited' || err.code === 'unavailable') && typeof retryAfter === 'number') {
        reply.header('retry-after', String(Math.ceil(retryAfter)));
      }
      return reply.status(STATUS[err.code]).send(body);
    }
    const status = err.statusCode ?? 500;
    if (status === 413) {
      return reply
        .status(413)
        .send(errorBody('too_large', `request body is larger than ${app.initialConfig.bodyLimit} bytes`));
    }
    if (status === 415) {
      return reply
        .status(415)
        .send(
          errorBody('unsupported_media_type', `${err.message}; send application/json or application/yaml`),
        );
    }
    if (status >= 400 && status < 500) {
      const bad = err.code === 'FST_ERR_CTP_INVALID_JSON' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY';
      return reply
        .status(status)
        .send(
          errorBody('invalid', bad ? `body is not valid JSON: ${err.message}` : err.message, [
            { path: '', message: err.message },
          ]),
        );
    }
    // Never a stack trace to a client: log it with the request id, send the id.
    request.log.error({ err }, 'request failed');
    return reply
      .status(500)
      .send(errorBody('internal', `internal error (request ${request.id}); see the server log`));
  });

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Coalition Planner API',
        version: '1',
        description:
          'Scenarios of a coalition of the willing and their records: nations and stance timelines, capability ' +
          'catalogue, requirement lines (CJSOR), force offers, funding pledges, rotation policies. Every record ' +
          'carries `version`; send it back on PATCH and DELETE, a stale one gets 409 with the current record. ' +
          'Sign in with POST /api/auth/login and send the token as `Authorization: Bearer <token>` (or the ' +
          '`coalition_session` cookie). Reads return only the records releasable to you; a record that is not ' +
          'is 404. A change your role or nation may not make is 403. A write with the cookie must come from ' +
          "this site's own pages (Sec-Fetch-Site or Origin), else 403; request bodies are JSON (the scenario " +
          'import also takes YAML, the force list CSV), any other type is 415.',
      },
      tags: [
        { name: 'auth', description: 'Sign in and out, the signed-in user, your own password' },
        { name: 'users', description: 'User accounts (administrators only)' },
        { name: 'backup', description: 'Back up and restore the installation (administrators only)' },
        { name: 'scenarios', description: 'Import, export, list and delete whole scenarios' },
        { name: 'records', description: 'The records inside a scenario' },
        {
          name: 'analysis',
          description: 'Fill, sustainment, US dependency, resilience, burden sharing: over what you may see',
        },
        { name: 'system', description: 'Health and audit' },
      ],
      components: {
        securitySchemes: {
          bearer: {
            type: 'http',
            scheme: 'bearer',
            description: 'The token from POST /api/auth/login',
          },
          cookie: { type: 'apiKey', in: 'cookie', name: 'coalition_session' },
        },
      },
      security: [{ bearer: [] }, { cookie: [] }],
    },
  });
  // Its pages keep helmet's policy, plus what Swagger UI's own logo needs (security-headers.ts).
  await app.register(fastifySwaggerUi, { routePrefix: '/docs', transformStaticCSP: docsCsp });

  registerAuthHook(app, auth);
  // After the auth hook: a cookie that is no session is 401 before anything else.
  registerSameOrigin(app);

  // Path and query parameters reach SQL as text: refuse what PostgreSQL cannot hold, by name.
  app.addHook('preValidation', async (request) => {
    const issues = [...paramIssues(request.params, ''), ...paramIssues(request.query, 'query.')];
    if (issues.length > 0) throw invalid(issues);
  });

  await app.register(
    async (api) => {
      api.get(
        '/health',
        {
          config: { public: true },
          schema: { tags: ['system'], summary: 'Liveness and storage backend', security: [] },
        },
        async () => ({
          status: 'ok',
          backend: inst.store.backend,
        }),
      );
      registerAuthRoutes(api, auth, users);
      registerUserRoutes(api, users);
      registerBackupRoutes(api, inst.backup);
      registerScenarioRoutes(api, inst.service);
      registerRecordRoutes(api, inst.service);
      registerAnalysisRoutes(api, inst.analyses);
      registerDeploymentRoutes(api, inst.deployment);
      registerCompareRoutes(api, inst.compare);
      registerBriefRoutes(api, inst.briefs);
    },
    { prefix: '/api' },
  );

  const webRoot = options.webRoot ?? DEFAULT_WEB_ROOT;
  const hasWeb = existsSync(join(webRoot, 'index.html'));
  if (hasWeb) {
    await app.register(fastifyStatic, { root: webRoot, wildcard: false });
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (path.startsWith('/api/') || path === '/api' || request.method !== 'GET') {
      return reply.status(404).send(errorBody('not_found', `no route ${request.method} ${path}`));
    }
    if (!hasWeb) {
      return reply
        .status(404)
        .type('text/plain')
        .send('The web UI is not built: run `npm run build:web` (npm start does it for you).');
    }
    // Client-side routes (/scenarios/x) all load the single-page app.
    return reply.type('text/html').sendFile('index.html');
  });

  return app;
}

function paramIssues(params: unknown, prefix: string): { path: string; message: string }[] {
  if (typeof params !== 'object' || params === null) return [];
  const issues: { path: string; message: string }[] = [];
  for (const [name, value] of Object.entries(params as Record<string, unknown>)) {
    for (const v of Array.isArray(value) ? value : [value]) {
      const problem = typeof v === 'string' ? (textProblem(v) ?? controlProblem(v)) : undefined;
      if (problem) issues.push({ path: prefix + name, message: problem });
    }
  }
  return issues;
}

// Ids and filters never hold control characters; refusing them keeps logs and SQL tidy.
function controlProblem(text: string): string | undefined {
  // eslint-disable-next-line no-control-regex
  return /[\u0000-\u001f\u007f]/.test(text) ? 'contains a control character' : undefined;
}

export function errorBody(
  code: string,
  message: string,
  issues?: { path: string; message: string }[],
): ErrorBody {
  return { error: issues ? { code, message, issues } : { code, message } };
}
