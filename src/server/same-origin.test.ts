// Forged writes (same-origin.ts), in process: a write riding on the session cookie from a page of
// another origin (another port of the same host is enough) is refused with 403 and changes
// nothing, whatever its body; the same write from the app's own pages, or with the Bearer token
// from anywhere, goes through; a JSON route refuses other bodies with 415. The last block sends
// a cross-origin cookie write to every unsafe route Fastify knows, so a new route cannot slip
// through. On PGlite and, when TEST_DATABASE_URL is set, PostgreSQL.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skippedFor } from '../../test-summary.ts';
import { apiScenario } from '../domain/api-test-fixtures.ts';
import { SESSION_COOKIE } from './auth.ts';
import { testBackends, type TestBackend } from './test-backends.ts';
import type { TestApp } from './test-app.ts';
import { TEST_PASSWORD } from './test-server.ts';

/** The app's own origin in these requests (inject's Host header says so), and a hostile one. */
const HOST = 'planner.test:8080';
const OWN = `http://${HOST}`;
/** Another port of the same host: same site for the cookie, another origin for the browser. */
const FOREIGN = 'http://planner.test:9999';

const SCENARIO = 'forged-target';

// --- backends -----------------------------------------------------------------------------------

for (const backend of testBackends('forged writes', 'so')) describeForgedWrites(backend);

// --- the routes Fastify knows -------------------------------------------------------------------

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every route of the app as method and URL, read from Fastify's printed route tree (each line a
 * node indented four characters per level, its path continuing its parent's, its methods in
 * parentheses), so that a route added later is covered without anyone listing it here.
 */
function routesOf(app: FastifyInstance): { method: string; url: string }[] {
  const routes: { method: string; url: string }[] = [];
  const paths: string[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^([│ ]*)[├└]── (.*?)(?: \(([A-Z, ]+)\))?$/.exec(line);
    if (!m) continue;
    const depth = m[1]!.length / 4;
    const url = (depth > 0 ? (paths[depth - 1] ?? '') : '') + m[2]!;
    paths.length = depth;
    paths[depth] = url;
    for (const method of m[3]?.split(', ') ?? []) routes.push({ method, url });
  }
  return routes;
}

// --- the suite ----------------------------------------------------------------------------------

type Json = Record<string, unknown>;

function describeForgedWrites(backend: TestBackend): void {
  describe(`forged writes (${backend.name})`, skippedFor(backend.skipReason), () => {
    let t: TestApp;
    let app: FastifyInstance;
    /** The administrator's session cookie, as a browser would send it. */
    let cookie: string;

    beforeAll(async () => {
      t = await backend.open();
      app = t.app;
      cookie = `theme=dark; ${SESSION_COOKIE}=${t.tokens.admin}`;
      const r = await app.inject({
        method: 'POST',
        url: '/api/scenarios',
        headers: t.as('admin'),
        payload: { ...apiScenario(), id: SCENARIO },
      });
      expect(r.statusCode, r.body).toBe(201);
      // A user whose password the forged resets below try to change.
      const u = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: t.as('admin'),
        payload: {
          id: 'victim',
          displayName: 'Victim',
          role: 'observer',
          password: TEST_PASSWORD,
          mustChangePassword: false,
        },
      });
      expect(u.statusCode, u.body).toBe(201);
    });
    afterAll(async () => {
      await t?.close();
      await backend.dispose();
    });

    /** A request with the admin's cookie (no Authorization header) and the given browser headers. */
    const withCookie = (opts: InjectOptions, browser: Record<string, string>) =>
      app.inject({ ...opts, headers: { host: HOST, cookie, ...browser, ...opts.headers } });
    const error = (r: LightMyRequestResponse) =>
      (r.json() as { error: { code: string; message: string } }).error;
    const auditCount = async () => (await t.inst.store.audit({ limit: 1000 })).length;
    const scenarioExists = async (id: string) =>
      (await app.inject({ url: `/api/scenarios/${id}`, headers: t.as('admin') })).statusCode === 200;
    /** The victim's password is still TEST_PASSWORD and must not be changed. */
    const victimPasswordUnchanged = async () => {
      const r = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'victim', password: TEST_PASSWORD },
      });
      return r.statusCode === 200 && (r.json() as { user: Json }).user.mustChangePassword === false;
    };
    const importDoc = (id: string) => ({
      method: 'POST' as const,
      url: `/api/scenarios?id=${id}`,
      payload: { ...apiScenario(), id },
    });

    describe('a write with the session cookie', () => {
      it('from another origin is 403 and writes nothing', async () => {
        const before = await auditCount();
        const r = await withCookie(importDoc('forged-1'), { origin: FOREIGN });
        expect(r.statusCode, r.body).toBe(403);
        expect(error(r).code).toBe('forbidden');
        expect(error(r).message).toContain('another origin');
        expect(error(r).message).toContain(FOREIGN);
        expect(error(r).message).toContain('Authorization: Bearer');
        expect(await scenarioExists('forged-1')).toBe(false);
        expect(await auditCount()).toBe(before);
      });

      it('that the browser marks cross-site or same-site (another port, a subdomain) is 403', async () => {
        for (const site of ['cross-site', 'same-site']) {
          // Sec-Fetch-Site is the browser's word and wins over an Origin that a proxy might rewrite.
          const r = await withCookie(importDoc(`forged-${site}`), { 'sec-fetch-site': site, origin: OWN });
          expect(r.statusCode, `${site}: ${r.body}`).toBe(403);
          expect(error(r).message).toContain(`a ${site} page`);
          expect(await scenarioExists(`forged-${site}`)).toBe(false);
        }
      });

      it('without Origin or Sec-Fetch-Site is 403, pointing to the Bearer token', async () => {
        const r = await withCookie(importDoc('forged-bare'), {});
        expect(r.statusCode, r.body).toBe(403);
        expect(error(r).message).toMatch(/neither Origin nor Sec-Fetch-Site/);
        expect(error(r).message).toContain('Authorization: Bearer');
        expect(await scenarioExists('forged-bare')).toBe(false);
      });

      it('with a null, malformed or repeated Origin is 403', async () => {
        for (const origin of ['null', 'not a url', `${OWN}, ${FOREIGN}`, `https://${HOST}`]) {
          const r = await withCookie(importDoc('forged-odd'), { origin });
          expect(r.statusCode, `${origin}: ${r.body}`).toBe(403);
        }
        expect(await scenarioExists('forged-odd')).toBe(false);
      });

      it('without a body (a reset that generates a password, sign-out) is 403 from another origin', async () => {
        const before = await auditCount();
        const reset = await withCookie(
          { method: 'POST', url: '/api/users/victim/password' },
          { origin: FOREIGN, 'sec-fetch-site': 'same-site' },
        );
        expect(reset.statusCode, reset.body).toBe(403);
        const logout = await withCookie({ method: 'POST', url: '/api/auth/logout' }, { origin: FOREIGN });
        expect(logout.statusCode, logout.body).toBe(403);
        const del = await withCookie(
          { method: 'DELETE', url: `/api/scenarios/${SCENARIO}?version=1` },
          { 'sec-fetch-site': 'cross-site' },
        );
        expect(del.statusCode, del.body).toBe(403);
        expect(await auditCount()).toBe(before);
        expect(await scenarioExists(SCENARIO)).toBe(true);
        expect(await victimPasswordUnchanged()).toBe(true);
        // The session the forged sign-out aimed at is still there.
        expect((await withCookie({ url: '/api/auth/me' }, {})).statusCode).toBe(200);
      });

      it('from its own origin goes through: by Origin, by Sec-Fetch-Site, or both', async () => {
        const cases: [string, Record<string, string>][] = [
          ['origin', { origin: OWN }],
          // Compared as origins: the default port and letter case do not matter.
          ['origin-default-port', { host: 'planner.test', origin: 'http://PLANNER.test:80' }],
          ['site', { 'sec-fetch-site': 'same-origin' }],
          ['both', { 'sec-fetch-site': 'same-origin', origin: OWN }],
          // A navigation the user started (typed, bookmarked) is not forged.
          ['typed', { 'sec-fetch-site': 'none' }],
        ];
        for (const [name, browser] of cases) {
          const id = `own-${name}`;
          const r = await withCookie(importDoc(id), browser);
          expect(r.statusCode, `${name}: ${r.body}`).toBe(201);
          expect(await scenarioExists(id)).toBe(true);
        }
      });

      it('that is no session is 401 before the origin is looked at', async () => {
        const r = await app.inject({
          ...importDoc('forged-expired'),
          headers: { host: HOST, cookie: `${SESSION_COOKIE}=not-a-session`, origin: FOREIGN },
        });
        expect(r.statusCode, r.body).toBe(401);
      });
    });

    describe('a write with the Bearer token', () => {
      it('is unaffected by Origin and Sec-Fetch-Site (CLI, scripts), even beside a cookie', async () => {
        for (const [name, extra] of [
          ['foreign', { origin: FOREIGN, 'sec-fetch-site': 'cross-site' }],
          ['cookie', { origin: FOREIGN, cookie }],
          ['none', {}],
        ] as const) {
          const id = `bearer-${name}`;
          const r = await app.inject({
            ...importDoc(id),
            headers: { host: HOST, ...t.as('admin'), ...extra },
          });
          expect(r.statusCode, `${name}: ${r.body}`).toBe(201);
        }
      });
    });

    describe('sign-in (no session yet: login CSRF)', () => {
      const login = (browser: Record<string, string>) =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          headers: { host: HOST, ...browser },
          payload: { username: 'planner', password: TEST_PASSWORD },
        });

      it('from a page of another origin is 403 and sets no cookie', async () => {
        const cases: Record<string, string>[] = [
          { origin: FOREIGN },
          { 'sec-fetch-site': 'cross-site' },
          { 'sec-fetch-site': 'same-site' },
        ];
        for (const browser of cases) {
          const r = await login(browser);
          expect(r.statusCode, r.body).toBe(403);
          expect(error(r).message).toContain('another origin');
          expect(r.headers['set-cookie']).toBeUndefined();
        }
      });

      it("from the app's own page, or from a client that is not a browser, signs in", async () => {
        const cases: Record<string, string>[] = [
          { origin: OWN, 'sec-fetch-site': 'same-origin' },
          { origin: OWN },
          {},
        ];
        for (const browser of cases) {
          const r = await login(browser);
          expect(r.statusCode, r.body).toBe(200);
        }
      });
    });

    describe('bodies: a JSON route takes JSON only', () => {
      const jsonText = JSON.stringify({ ...apiScenario(), id: 'typed-import' });
      const send = (opts: InjectOptions) =>
        app.inject({ ...opts, headers: { host: HOST, ...t.as('admin'), ...opts.headers } });

      it('refuses text/plain, form and multipart bodies, or a body without a type, with 415 and writes nothing', async () => {
        const before = await auditCount();
        const bodies: [string | undefined, string][] = [
          ['text/plain', jsonText],
          ['text/plain;charset=UTF-8', jsonText],
          ['application/x-www-form-urlencoded', `${encodeURIComponent(jsonText)}=`],
          [
            'multipart/form-data; boundary=x',
            `--x\r\nContent-Disposition: form-data; name="a"\r\n\r\n${jsonText}\r\n--x--\r\n`,
          ],
          [undefined, jsonText],
        ];
        for (const [type, payload] of bodies) {
          const headers: Record<string, string> = type ? { 'content-type': type } : {};
          const imported = await send({ method: 'POST', url: '/api/scenarios', headers, payload });
          expect(imported.statusCode, `${type}: ${imported.body}`).toBe(415);
          expect(error(imported).code).toBe('unsupported_media_type');
          expect(error(imported).message).toContain('application/json or application/yaml');
          const reset = await send({
            method: 'POST',
            url: '/api/users/victim/password',
            headers,
            payload: type?.startsWith('application/x-www')
              ? 'password=pwned-by-a-form-123'
              : '{"password":"pwned-by-a-form-123"}',
          });
          expect(reset.statusCode, `${type}: ${reset.body}`).toBe(415);
          expect(error(reset).message).toMatch(/takes a body of type application\/json, not /);
        }
        expect(await scenarioExists('typed-import')).toBe(false);
        expect(await auditCount()).toBe(before);
        expect(await victimPasswordUnchanged()).toBe(true);
      });

      it('a cookie write from another origin is 403 whatever its body; from its own origin, 415', async () => {
        const plain = {
          method: 'POST' as const,
          url: '/api/scenarios',
          headers: { 'content-type': 'text/plain' },
          payload: jsonText,
        };
        expect((await withCookie(plain, { origin: FOREIGN })).statusCode).toBe(403);
        expect((await withCookie(plain, { origin: OWN })).statusCode).toBe(415);
      });

      it('keeps YAML for the scenario import and CSV for the force list', async () => {
        const yaml = await send({
          method: 'POST',
          url: '/api/scenarios?id=typed-yaml',
          headers: { 'content-type': 'application/yaml' },
          payload: jsonText, // JSON is YAML
        });
        expect(yaml.statusCode, yaml.body).toBe(201);
        const csvUrl = `/api/scenarios/${SCENARIO}/force-list.csv`;
        const csv = await send({ url: csvUrl });
        expect(csv.statusCode, csv.body).toBe(200);
        const put = await send({
          method: 'PUT',
          url: csvUrl,
          headers: { 'content-type': 'text/csv; charset=utf-8', 'if-match': '*' },
          payload: csv.body,
        });
        expect(put.statusCode, put.body).toBe(200);
        const wrong = await send({
          method: 'PUT',
          url: csvUrl,
          headers: { 'content-type': 'application/json', 'if-match': '*' },
          payload: '{}',
        });
        expect(wrong.statusCode).toBe(415);
        expect(error(wrong).message).toContain('takes a body of type text/csv');
      });

      it('takes a body-less write that names JSON as its type, as some clients send', async () => {
        const token = await t.login('observer');
        const out = await app.inject({
          method: 'POST',
          url: '/api/auth/logout',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        });
        expect(out.statusCode, out.body).toBe(204);
      });
    });

    describe('every unsafe route', () => {
      it('refuses a cross-origin write with the cookie, and the route list is the real one', async () => {
        const unsafe = routesOf(app).filter((r) => !SAFE_METHODS.has(r.method));
        const names = unsafe.map((r) => `${r.method} ${r.url}`);
        // The list is read from Fastify: these must be in it, or the parsing went wrong.
        expect(names).toEqual(
          expect.arrayContaining([
            'POST /api/auth/login',
            'POST /api/auth/logout',
            'POST /api/users/:id/password',
            'POST /api/scenarios',
            'PATCH /api/scenarios/:scenarioId',
            'DELETE /api/scenarios/:scenarioId/offers/:key',
            'PUT /api/scenarios/:scenarioId/force-list.csv',
            'POST /api/backup',
          ]),
        );
        expect(unsafe.length).toBeGreaterThan(30);
        const before = await auditCount();
        for (const { method, url } of unsafe) {
          const path = url
            .replace(':scenarioId', SCENARIO)
            .replace(':id', 'victim')
            .replace(':key', 'GBR')
            .replace(/:[A-Za-z]+/g, 'x');
          for (const [how, browser] of [
            ['foreign Origin', { origin: FOREIGN }],
            ['cross-site', { 'sec-fetch-site': 'cross-site' }],
            ['same-site', { 'sec-fetch-site': 'same-site', origin: FOREIGN }],
            ['no Origin', {}],
          ] as const) {
            for (const payload of [undefined, '{}']) {
              const r = await withCookie(
                {
                  method: method as InjectOptions['method'],
                  url: `${path}?version=1`,
                  ...(payload !== undefined && { payload, headers: { 'content-type': 'application/json' } }),
                },
                browser,
              );
              const what = `${method} ${url} (${how}, ${payload === undefined ? 'no body' : 'JSON body'})`;
              expect(r.statusCode, `${what}: ${r.body}`).toBe(403);
              expect(error(r).message, what).toMatch(/another origin|neither Origin nor Sec-Fetch-Site/);
            }
          }
        }
        expect(await auditCount()).toBe(before);
        expect(await victimPasswordUnchanged()).toBe(true);
      });
    });
  });
}
