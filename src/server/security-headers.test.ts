// The security headers (security-headers.ts) on every kind of answer: the UI's page, its assets and
// its client-side routes, the API's JSON (refusals included) and the API docs. The UI is a small
// stand-in written to a temporary folder, so the test does not depend on a web build.
import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInstallation, type Installation } from '../app/installation.ts';
import { buildApp } from './app.ts';
import { SESSION_COOKIE } from './auth.ts';
import { CSP_DIRECTIVES, cspHeader } from './security-headers.ts';
import { TEST_PASSWORD, createTestUsers } from './test-server.ts';

let inst: Installation;
let app: FastifyInstance;
let webRoot: string;
let token: string;

beforeAll(async () => {
  webRoot = await mkdtemp(join(tmpdir(), 'coalition-headers-'));
  await writeFile(join(webRoot, 'index.html'), '<!doctype html><title>Coalition Planner</title>');
  await mkdir(join(webRoot, 'assets'));
  await writeFile(join(webRoot, 'assets', 'app.js'), 'export {};');
  inst = await openInstallation({ dataDir: 'memory://', seed: false });
  await createTestUsers(inst.store);
  app = await buildApp({ installation: inst, logLevel: false, webRoot });
  const r = await app.inject({
    method: 'POST',
    url: '/api/auth/login',
    payload: { username: 'admin', password: TEST_PASSWORD },
  });
  token = (r.json() as { token: string }).token;
});
afterAll(async () => {
  await app?.close();
  await inst?.close();
  await rm(webRoot, { recursive: true, force: true });
});

/** The CSP as directive name → sources. */
function directives(header: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name, values);
  }
  return out;
}

const ANSWERS: [string, InjectOptions, number][] = [
  ['the UI page', { url: '/' }, 200],
  ['a client-side route of the UI', { url: '/scenarios/article-2025-03/deployment/map' }, 200],
  ['a UI asset', { url: '/assets/app.js' }, 200],
  ['the health check', { url: '/api/health' }, 200],
  ['an API read', { url: '/api/scenarios', headers: { authorization: 'Bearer <token>' } }, 200],
  ['a 401', { url: '/api/scenarios' }, 401],
  ['a 404 of the API', { url: '/api/nothing-here', headers: { authorization: 'Bearer <token>' } }, 404],
  [
    'a forged write (403)',
    {
      method: 'POST',
      url: '/api/scenarios',
      headers: { cookie: `${SESSION_COOKIE}=<token>`, origin: 'http://evil.test' },
    },
    403,
  ],
  [
    'a body of the wrong type (415)',
    {
      method: 'POST',
      url: '/api/scenarios',
      headers: { authorization: 'Bearer <token>', 'content-type': 'text/plain' },
      payload: '{}',
    },
    415,
  ],
  ['the API docs', { url: '/docs' }, 200],
  ['the API docs with a slash', { url: '/docs/' }, 200],
  ['a script of the API docs', { url: '/docs/static/swagger-ui-bundle.js' }, 200],
  ['the OpenAPI document', { url: '/docs/json' }, 200],
];

describe('security headers', () => {
  const send = (opts: InjectOptions): Promise<LightMyRequestResponse> => {
    const headers = Object.fromEntries(
      Object.entries(opts.headers ?? {}).map(([k, v]) => [k, String(v).replace('<token>', token)]),
    );
    return app.inject({ ...opts, headers });
  };

  it.each(ANSWERS)('%s carries them', async (_name, opts, status) => {
    const r = await send(opts);
    expect(r.statusCode, r.body.slice(0, 300)).toBe(status);
    expect(r.headers['x-frame-options']).toBe('DENY');
    expect(r.headers['x-content-type-options']).toBe('nosniff');
    expect(r.headers['referrer-policy']).toBe('no-referrer');
    expect(r.headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(r.headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(r.headers['strict-transport-security']).toMatch(/^max-age=\d+$/);
    expect(r.headers['x-powered-by']).toBeUndefined();

    const csp = String(r.headers['content-security-policy']);
    const d = directives(csp);
    expect(d.get('default-src')).toEqual(["'self'"]);
    expect(d.get('script-src')).toEqual(["'self'"]);
    expect(d.get('connect-src')).toEqual(["'self'"]);
    expect(d.get('object-src')).toEqual(["'none'"]);
    expect(d.get('base-uri')).toEqual(["'self'"]);
    expect(d.get('form-action')).toEqual(["'self'"]);
    expect(d.get('frame-ancestors')).toEqual(["'none'"]);
    // Nothing from other sites, no eval, no inline script or style.
    for (const [name, sources] of d) {
      for (const source of sources) {
        expect(source, `${name} ${source}`).not.toMatch(/^(https?:|\*|'unsafe-)|\.\w+/);
      }
    }
  });

  it('is the app policy everywhere but /docs, which adds only the hash of its logo style', async () => {
    const ui = await send({ url: '/' });
    expect(directives(String(ui.headers['content-security-policy']))).toEqual(directives(cspHeader()));
    const docs = await send({ url: '/docs' });
    const extra = directives(String(docs.headers['content-security-policy'])).get('style-src');
    expect(extra).toEqual([
      ...(CSP_DIRECTIVES['style-src'] ?? []),
      expect.stringMatching(/^'sha256-[\w+/]+=*'$/),
    ]);
  });
});
