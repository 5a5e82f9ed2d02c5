// In-process tests of every API route (Fastify inject), on an in-memory PGlite store: the happy
// path, bad input naming the field, 404s, 409s on stale versions, 413, and no stack traces; then
// sign-in, sessions, the users API, first start and the basics of what a liaison officer may do.
// Requests are a planner's unless a test says otherwise. The adversarial access tests are in
// security.test.ts.
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { CSV_COLUMNS, parseCsv } from '../domain/csv.ts';
import { apiScenario } from '../domain/api-test-fixtures.ts';
import { hashToken, newSessionToken } from '../app/auth-service.ts';
import { ensureFirstAdministrator, openInstallation, type Installation } from '../app/installation.ts';
import { verifyPassword } from '../app/passwords.ts';
import { openTestApp, type TestApp } from './test-app.ts';
import { TEST_PASSWORD } from './test-server.ts';

let t: TestApp;
let inst: Installation;
let app: FastifyInstance;

beforeAll(async () => {
  t = await openTestApp({ bodyLimit: 256 * 1024 });
  inst = t.inst;
  app = t.app;
});
afterAll(async () => {
  await t.close();
});

/** A request signed in as the planner (a URL is a GET). */
function req(opts: string | InjectOptions): Promise<LightMyRequestResponse> {
  const o: InjectOptions = typeof opts === 'string' ? { method: 'GET', url: opts } : opts;
  return app.inject({ ...o, headers: { ...t.as('planner'), ...o.headers } });
}

type Json = Record<string, unknown>;
const json = (r: LightMyRequestResponse) => r.json() as Json;
const issues = (r: LightMyRequestResponse) =>
  (json(r).error as { issues?: { path: string; message: string }[] }).issues ?? [];

async function importScenario(id: string, extra: Json = {}): Promise<LightMyRequestResponse> {
  return req({ method: 'POST', url: '/api/scenarios', payload: { ...apiScenario(), id, ...extra } });
}

describe('scenarios', () => {
  it('imports a JSON document, lists, gets and deletes it with its version', async () => {
    const created = await importScenario('s-json');
    expect(created.statusCode).toBe(201);
    expect(created.headers.location).toBe('/api/scenarios/s-json');
    expect(json(created)).toMatchObject({
      id: 's-json',
      version: 1,
      counts: { nations: 3, offers: 2, pledges: 1 },
    });
    expect(json(created).personnelOffered).toBe(1_800);

    const list = await req('/api/scenarios');
    expect((json(list).items as Json[]).map((s) => s.id)).toContain('s-json');

    const one = await req('/api/scenarios/s-json');
    expect(one.statusCode).toBe(200);
    expect(json(one).mission).toMatchObject({ forceTarget: { personnel: 5_000 } });

    const noVersion = await req({ method: 'DELETE', url: '/api/scenarios/s-json' });
    expect(noVersion.statusCode).toBe(400);
    expect(issues(noVersion)[0]?.path).toBe('version');
    const stale = await req({ method: 'DELETE', url: '/api/scenarios/s-json?version=7' });
    expect(stale.statusCode).toBe(409);
    const gone = await req({ method: 'DELETE', url: '/api/scenarios/s-json?version=1' });
    expect(gone.statusCode).toBe(204);
    expect((await req('/api/scenarios/s-json')).statusCode).toBe(404);
  });

  it('imports YAML text and applies ?id= and ?name=', async () => {
    const r = await req({
      method: 'POST',
      url: '/api/scenarios?id=s-yaml&name=Germany%20joins',
      headers: { 'content-type': 'application/yaml' },
      payload: stringify(apiScenario()),
    });
    expect(r.statusCode).toBe(201);
    expect(json(r)).toMatchObject({ id: 's-yaml', name: 'Germany joins' });
  });

  it('refuses a document with an unknown nation, naming the exact field, and stores nothing', async () => {
    const doc = apiScenario();
    Object.assign((doc.offers as Json[])[1]!, { id: 'OFF-ESP-1', nation: 'ESP' });
    const r = await req({ method: 'POST', url: '/api/scenarios', payload: { ...doc, id: 's-bad' } });
    expect(r.statusCode).toBe(400);
    expect(json(r).error).toMatchObject({ code: 'invalid' });
    expect(issues(r)).toContainEqual({
      path: 'offers[1].nation',
      message: expect.stringContaining('unknown nation "ESP"'),
    });
    expect((await req('/api/scenarios/s-bad')).statusCode).toBe(404);
  });

  it('refuses a pledge in a currency the rate table does not cover', async () => {
    const doc = apiScenario();
    (doc.pledges as Json[])[0]!.currency = 'XXX';
    const r = await req({ method: 'POST', url: '/api/scenarios', payload: { ...doc, id: 's-rate' } });
    expect(r.statusCode).toBe(400);
    expect(issues(r)[0]?.path).toBe('pledges[0].currency');
  });

  it('answers malformed JSON, malformed YAML and a bad ?id with 400', async () => {
    const badJson = await req({
      method: 'POST',
      url: '/api/scenarios',
      headers: { 'content-type': 'application/json' },
      payload: '{"schemaVersion": 1,',
    });
    expect(badJson.statusCode).toBe(400);
    expect(json(badJson).error).toMatchObject({ code: 'invalid' });
    const badYaml = await req({
      method: 'POST',
      url: '/api/scenarios',
      headers: { 'content-type': 'application/yaml' },
      payload: 'nations: [GBR\n  x: : :',
    });
    expect(badYaml.statusCode).toBe(400);
    expect(issues(badYaml)[0]?.message).toMatch(/YAML/);
    const badId = await req({
      method: 'POST',
      url: '/api/scenarios?id=Not%20A%20Slug',
      payload: apiScenario(),
    });
    expect(badId.statusCode).toBe(400);
    expect(issues(badId)[0]?.path).toBe('id');
  });

  it('answers a duplicate scenario id with 409', async () => {
    expect((await importScenario('s-dup')).statusCode).toBe(201);
    const again = await importScenario('s-dup');
    expect(again.statusCode).toBe(409);
    expect(json(again).error).toMatchObject({ code: 'conflict' });
  });

  it('answers an oversized body with 413', async () => {
    const doc = apiScenario();
    const r = await req({
      method: 'POST',
      url: '/api/scenarios',
      payload: { ...doc, id: 's-big', description: 'x'.repeat(300 * 1024) },
    });
    expect(r.statusCode).toBe(413);
    expect(json(r).error).toMatchObject({ code: 'too_large' });
  });

  it('exports JSON and YAML that re-import to the same content', async () => {
    await importScenario('s-export');
    const exported = await req('/api/scenarios/s-export/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('s-export.json');
    const doc = json(exported);
    const yaml = await req('/api/scenarios/s-export/export?format=yaml');
    expect(yaml.headers['content-type']).toContain('application/yaml');
    expect(parseYaml(yaml.body)).toEqual(doc);

    const again = await req({ method: 'POST', url: '/api/scenarios?id=s-export-2', payload: doc });
    expect(again.statusCode).toBe(201);
    const doc2 = json(await req('/api/scenarios/s-export-2/export'));
    expect({ ...doc2, id: 's-export' }).toEqual(doc);
    expect((await req('/api/scenarios/s-export/export?format=xml')).statusCode).toBe(400);
  });

  it('patches the scenario header with optimistic concurrency', async () => {
    await importScenario('s-patch');
    const ok = await req({
      method: 'PATCH',
      url: '/api/scenarios/s-patch',
      payload: { version: 1, name: 'Renamed' },
    });
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toMatchObject({ name: 'Renamed', version: 2 });
    const stale = await req({
      method: 'PATCH',
      url: '/api/scenarios/s-patch',
      payload: { version: 1, name: 'B' },
    });
    expect(stale.statusCode).toBe(409);
    const bad = await req({
      method: 'PATCH',
      url: '/api/scenarios/s-patch',
      payload: { version: 2, asOf: '2025-02-30' },
    });
    expect(bad.statusCode).toBe(400);
    expect(issues(bad)[0]?.path).toBe('asOf');
  });

  it('gives an overview: current stances and personnel offered against the target', async () => {
    await importScenario('s-overview');
    const r = await req('/api/scenarios/s-overview/overview');
    expect(r.statusCode).toBe(200);
    const body = r.json() as {
      totals: { targetPersonnel: number; personnelOffered: number };
      nations: { id: string; currentStance: { stance: string } | null; personnelOffered: number }[];
    };
    expect(body.totals).toMatchObject({
      targetPersonnel: 5_000,
      personnelOffered: 1_800,
    });
    expect(body.totals).not.toHaveProperty('difference');
    expect(body.nations.find((n) => n.id === 'GBR')).toMatchObject({
      currentStance: { stance: 'lead' },
      personnelOffered: 1_200,
    });
    expect(body.nations.find((n) => n.id === 'DEU')?.currentStance?.stance).toBe('cautious');
  });

  it("reads stances as of the scenario's as-of date: an entry dated later is not yet current", async () => {
    await importScenario('s-later-stance');
    const de = (await req('/api/scenarios/s-later-stance/stances?nation=DEU')).json() as { items: unknown[] };
    expect(de.items).toHaveLength(1);
    const later = await req({
      method: 'POST',
      url: '/api/scenarios/s-later-stance/stances',
      payload: {
        nation: 'DEU',
        date: '2025-06-01',
        stance: 'committed',
        statement: 'Joins.',
        assumption: 'test',
      },
    });
    expect(later.statusCode, later.body).toBe(201);
    const body = (await req('/api/scenarios/s-later-stance/overview')).json() as {
      nations: { id: string; currentStance: { stance: string; date: string } | null }[];
      totals: { stanceCounts: Record<string, number> };
    };
    // As of 2 March 2025 Germany is still cautious, as every analysis of that date has it.
    expect(body.nations.find((n) => n.id === 'DEU')?.currentStance).toMatchObject({ stance: 'cautious' });
    expect(body.totals.stanceCounts.committed).toBe(0);
    const dashboard = (await req('/api/scenarios/s-later-stance/analysis?draws=100')).json() as {
      result: { stances: Record<string, number> };
    };
    expect(dashboard.result.stances).toEqual(body.totals.stanceCounts);
    // Asked as of a later day, the later entry is current.
    const june = (await req('/api/scenarios/s-later-stance/overview?asOf=2025-06-02')).json() as typeof body;
    expect(june.nations.find((n) => n.id === 'DEU')?.currentStance).toMatchObject({ stance: 'committed' });
  });
});

describe('records', () => {
  beforeAll(async () => {
    expect((await importScenario('rec')).statusCode).toBe(201);
  });

  it('lists, filters by nation and gets records of every kind', async () => {
    for (const [path, count] of [
      ['nations', 3],
      ['stances', 4],
      ['capabilities', 2],
      ['requirements', 2],
      ['offers', 2],
      ['pledges', 1],
      ['rotation-policies', 1],
    ] as const) {
      const r = await req(`/api/scenarios/rec/${path}`);
      expect(r.statusCode, path).toBe(200);
      expect((json(r).items as Json[]).length, path).toBe(count);
    }
    const gbr = await req('/api/scenarios/rec/offers?nation=GBR');
    expect((json(gbr).items as Json[]).map((o) => o.id)).toEqual(['OFF-GBR-1']);
    const offer = await req('/api/scenarios/rec/offers/OFF-GBR-1');
    expect(json(offer)).toMatchObject({ nation: 'GBR', version: 1, readiness: { level: 'L3' } });
    expect(typeof json(offer).createdAt).toBe('string');
    const policy = await req('/api/scenarios/rec/rotation-policies/GBR');
    expect(json(policy)).toMatchObject({ tourMonths: 6, dwellRatio: 4 });
    const missing = await req('/api/scenarios/rec/offers/NOPE');
    expect(missing.statusCode).toBe(404);
    expect(json(missing).error).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('NOPE'),
    });
    expect((await req('/api/scenarios/nope/offers')).statusCode).toBe(404);
  });

  it('creates an offer, refuses an unknown nation by field, and a duplicate id with 409', async () => {
    const body = {
      id: 'OFF-FRA-2',
      nation: 'FRA',
      capability: 'MECH-INF-BN',
      quantity: 1,
      personnel: 650,
      tonnes: 3_500,
      readiness: { level: 'RDL', daysToReady: 30 },
      status: 'offered',
      assumption: 'test',
    };
    const created = await req({ method: 'POST', url: '/api/scenarios/rec/offers', payload: body });
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({
      id: 'OFF-FRA-2',
      version: 1,
      caveats: { requiresUsBackstop: false },
    });
    expect(created.headers.location).toBe('/api/scenarios/rec/offers/OFF-FRA-2');

    const dup = await req({ method: 'POST', url: '/api/scenarios/rec/offers', payload: body });
    expect(dup.statusCode).toBe(409);

    const unknown = await req({
      method: 'POST',
      url: '/api/scenarios/rec/offers',
      payload: { ...body, id: 'OFF-XYZ', nation: 'XYZ' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(issues(unknown)[0]?.path).toBe('nation');

    const rdl = await req({
      method: 'POST',
      url: '/api/scenarios/rec/offers',
      payload: { ...body, id: 'OFF-RDL', readiness: { level: 'RDL', daysToReady: 90 } },
    });
    expect(rdl.statusCode).toBe(400);
    expect(issues(rdl)[0]?.path).toBe('readiness.daysToReady');

    const notObject = await req({ method: 'POST', url: '/api/scenarios/rec/offers', payload: [1, 2] });
    expect(notObject.statusCode).toBe(400);
  });

  it('patches with a merge patch, bumps the version, and answers a stale version with 409 and the current record', async () => {
    const first = await req({
      method: 'PATCH',
      url: '/api/scenarios/rec/offers/OFF-GBR-1',
      payload: { version: 1, status: 'confirmed', readiness: { daysToReady: 20 } },
    });
    expect(first.statusCode).toBe(200);
    expect(json(first)).toMatchObject({
      version: 2,
      status: 'confirmed',
      readiness: { level: 'L3', daysToReady: 20 },
    });

    const stale = await req({
      method: 'PATCH',
      url: '/api/scenarios/rec/offers/OFF-GBR-1',
      payload: { version: 1, status: 'withdrawn' },
    });
    expect(stale.statusCode).toBe(409);
    expect(json(stale).error).toMatchObject({
      code: 'conflict',
      current: { version: 2, status: 'confirmed' },
    });

    const missingVersion = await req({
      method: 'PATCH',
      url: '/api/scenarios/rec/offers/OFF-GBR-1',
      payload: { status: 'withdrawn' },
    });
    expect(missingVersion.statusCode).toBe(400);
    expect(issues(missingVersion)[0]?.path).toBe('version');

    const badEnum = await req({
      method: 'PATCH',
      url: '/api/scenarios/rec/offers/OFF-GBR-1',
      payload: { version: 2, status: 'maybe' },
    });
    expect(badEnum.statusCode).toBe(400);
    expect(issues(badEnum)[0]?.path).toBe('status');

    const keyChange = await req({
      method: 'PATCH',
      url: '/api/scenarios/rec/offers/OFF-GBR-1',
      payload: { version: 2, id: 'OTHER' },
    });
    expect(keyChange.statusCode).toBe(400);
    expect(issues(keyChange)[0]?.path).toBe('id');

    const after = json(await req('/api/scenarios/rec/offers/OFF-GBR-1'));
    expect(after).toMatchObject({ version: 2, status: 'confirmed' });
  });

  it('creates stance entries with generated ids and patches nations, requirements and pledges', async () => {
    const stance = await req({
      method: 'POST',
      url: '/api/scenarios/rec/stances',
      payload: {
        nation: 'DEU',
        date: '2025-06-01',
        stance: 'committed',
        statement: 'Germany joins',
        assumption: 'test',
      },
    });
    expect(stance.statusCode).toBe(201);
    expect(json(stance).id).toBe('DEU-2');
    // Dated after the scenario's as-of date (2 March 2025), so current only when asked as of later.
    const overview = json(await req('/api/scenarios/rec/overview?asOf=2025-06-01'));
    expect((overview.nations as Json[]).find((n) => n.id === 'DEU')).toMatchObject({
      currentStance: { stance: 'committed' },
    });
    const earlier = json(await req('/api/scenarios/rec/overview?asOf=2025-03-31'));
    expect((earlier.nations as Json[]).find((n) => n.id === 'DEU')).toMatchObject({
      currentStance: { stance: 'cautious' },
    });
    expect((await req('/api/scenarios/rec/overview?asOf=March')).statusCode).toBe(400);

    for (const [path, key, patch, expected] of [
      [
        'nations',
        'DEU',
        { population: { value: 84_000_000, year: 2024, assumption: 'rounded' } },
        { name: 'Germany' },
      ],
      ['requirements', 'REQ-1', { quantity: 3 }, { quantity: 3 }],
      ['pledges', 'PLG-GBR-1', { stage: 'allocated' }, { stage: 'allocated' }],
      ['capabilities', 'GBAD-BTY', { defaultPersonnel: 130 }, { defaultPersonnel: 130 }],
      ['rotation-policies', 'GBR', { tourMonths: 4 }, { tourMonths: 4 }],
    ] as const) {
      const r = await req({
        method: 'PATCH',
        url: `/api/scenarios/rec/${path}/${key}`,
        payload: { version: 1, ...patch },
      });
      expect(r.statusCode, `${path} ${r.body}`).toBe(200);
      expect(json(r)).toMatchObject({ ...expected, version: 2 });
    }
    const badCurrency = await req({
      method: 'PATCH',
      url: '/api/scenarios/rec/pledges/PLG-GBR-1',
      payload: { version: 2, currency: 'XXX' },
    });
    expect(badCurrency.statusCode).toBe(400);
    expect(issues(badCurrency)[0]?.path).toBe('currency');
  });

  it('deletes with the version, refuses a nation still referenced, and records every change in the audit log', async () => {
    const referenced = await req({
      method: 'DELETE',
      url: '/api/scenarios/rec/nations/GBR?version=1',
    });
    expect(referenced.statusCode).toBe(409);
    expect(json(referenced).error).toMatchObject({ message: expect.stringMatching(/offer|pledge|rotation/) });

    const stale = await req({
      method: 'DELETE',
      url: '/api/scenarios/rec/offers/OFF-FRA-1?version=9',
    });
    expect(stale.statusCode).toBe(409);
    const badVersion = await req({
      method: 'DELETE',
      url: '/api/scenarios/rec/offers/OFF-FRA-1?version=abc',
    });
    expect(badVersion.statusCode).toBe(400);
    const ok = await req({ method: 'DELETE', url: '/api/scenarios/rec/offers/OFF-FRA-1?version=1' });
    expect(ok.statusCode).toBe(204);
    expect((await req('/api/scenarios/rec/offers/OFF-FRA-1')).statusCode).toBe(404);

    const audit = await req('/api/audit?scenario=rec&entity=offers&key=OFF-FRA-1');
    const entries = json(audit).items as Json[];
    expect(entries[0]).toMatchObject({
      action: 'delete',
      entity: 'offers',
      entityKey: 'OFF-FRA-1',
      after: null,
    });
    expect(entries[0]?.before).toMatchObject({ id: 'OFF-FRA-1', nation: 'FRA' });
    expect(entries[0]?.actor).toBe('planner');

    const updates = json(await req('/api/audit?scenario=rec&entity=offers&key=OFF-GBR-1')).items as Json[];
    expect(updates[0]).toMatchObject({
      action: 'update',
      before: { status: 'offered' },
      after: { status: 'confirmed' },
    });
    expect((await req('/api/audit?limit=0')).statusCode).toBe(400);
  });
});

describe('the edge', () => {
  it('serves the OpenAPI document, without signing in, with every route and the bearer scheme', async () => {
    const r = await app.inject('/docs/json');
    expect(r.statusCode).toBe(200);
    const spec = r.json() as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, Json> };
      tags: { name: string }[];
    };
    expect(spec.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/scenarios',
      '/api/scenarios/{scenarioId}/export',
      '/api/scenarios/{scenarioId}/offers/{key}',
      '/api/scenarios/{scenarioId}/rotation-policies',
      '/api/auth/login',
      '/api/auth/me',
      '/api/users',
      '/api/users/{id}/password',
    ]) {
      expect(Object.keys(spec.paths)).toContain(p);
    }
    expect(spec.components.securitySchemes.bearer).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(spec.tags.map((x) => x.name)).toEqual(expect.arrayContaining(['auth', 'users']));
  });

  it('answers unknown API routes with JSON 404', async () => {
    const r = await req('/api/nothing-here');
    expect(r.statusCode).toBe(404);
    expect(json(r).error).toMatchObject({ code: 'not_found' });
  });

  it('never sends a stack trace: an internal failure is a 500 with a request reference', async () => {
    const original = inst.store.listScenarios.bind(inst.store);
    inst.store.listScenarios = () => Promise.reject(new Error('secret database detail'));
    try {
      const r = await req('/api/scenarios');
      expect(r.statusCode).toBe(500);
      expect(r.body).not.toContain('secret');
      expect(r.body).not.toMatch(/at .*\.ts/);
      expect(json(r).error).toMatchObject({ code: 'internal' });
    } finally {
      inst.store.listScenarios = original;
    }
  });
});

describe('signing in', () => {
  const login = (username: string, password: string, remoteAddress = '127.0.0.1') =>
    app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });
  const me = (headers: Record<string, string>) => app.inject({ url: '/api/auth/me', headers });

  it('refuses /api without a session, with a bad or an expired token; health and the docs stay open', async () => {
    for (const headers of [
      {},
      { authorization: `Bearer ${newSessionToken()}` },
      { authorization: 'Bearer not-a-token' },
      { authorization: `Basic ${t.tokens.planner}` },
      { cookie: 'coalition_session=forged' },
    ]) {
      for (const url of ['/api/scenarios', '/api/auth/me', '/api/audit', '/api/nothing-here']) {
        const r = await app.inject({ url, headers });
        expect(r.statusCode, `${url} ${JSON.stringify(headers)}`).toBe(401);
        expect(json(r).error).toMatchObject({ code: 'unauthenticated' });
      }
    }
    const expired = newSessionToken();
    await inst.store.createSession(hashToken(expired), 'planner', new Date(Date.now() - 1_000));
    expect((await me({ authorization: `Bearer ${expired}` })).statusCode).toBe(401);

    expect((await app.inject('/api/health')).statusCode).toBe(200);
    expect((await app.inject('/docs/json')).statusCode).toBe(200);
  });

  it('signs in, sets an HttpOnly SameSite=Strict cookie, answers /me by token and by cookie, and signs out', async () => {
    const r = await login('liaison-gbr', TEST_PASSWORD);
    expect(r.statusCode).toBe(200);
    const body = json(r) as { token: string; expiresAt: string; user: Json };
    expect(body.user).toMatchObject({ id: 'liaison-gbr', role: 'liaison', nation: 'GBR', disabled: false });
    expect(JSON.stringify(body)).not.toMatch(/scrypt|hash/i);
    const hours = (Date.parse(body.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(11.9);
    expect(hours).toBeLessThanOrEqual(12);

    const cookie = String(r.headers['set-cookie']);
    expect(cookie).toContain(`coalition_session=${body.token}`);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Strict/);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toContain(`; Max-Age=${12 * 3600}`);
    expect(cookie).not.toMatch(/Secure/); // plain http here

    expect(json(await me({ authorization: `Bearer ${body.token}` })).id).toBe('liaison-gbr');
    expect(json(await me({ cookie: `theme=dark; coalition_session=${body.token}` })).id).toBe('liaison-gbr');

    const out = await app.inject({
      method: 'POST',
      url: '/api/auth/logout',
      // A cookie write comes from the app's own page, as a browser says (same-origin.ts).
      headers: { cookie: `coalition_session=${body.token}`, 'sec-fetch-site': 'same-origin' },
    });
    expect(out.statusCode).toBe(204);
    expect(String(out.headers['set-cookie'])).toMatch(/^coalition_session=;.*Max-Age=0/);
    expect((await me({ authorization: `Bearer ${body.token}` })).statusCode).toBe(401);
    // The test's own session of the same user is another session: still valid.
    expect((await me(t.as('liaison-gbr'))).statusCode).toBe(200);
  });

  it('gives one answer for an unknown user, a wrong password and a disabled user', async () => {
    const created = await req({
      method: 'POST',
      url: '/api/users',
      headers: t.as('admin'),
      payload: { id: 'gone', displayName: 'Gone', role: 'observer', password: TEST_PASSWORD },
    });
    expect(created.statusCode, created.body).toBe(201);
    const disable = await req({
      method: 'PATCH',
      url: '/api/users/gone',
      headers: t.as('admin'),
      payload: { version: json(created).version, disabled: true },
    });
    expect(disable.statusCode, disable.body).toBe(200);
    const answers = [
      await login('nobody', TEST_PASSWORD, '10.1.0.1'),
      await login('planner', 'wrong password here', '10.1.0.2'),
      await login('gone', TEST_PASSWORD, '10.1.0.3'),
    ];
    for (const r of answers) {
      expect(r.statusCode).toBe(401);
      expect(json(r)).toEqual({ error: { code: 'unauthenticated', message: 'wrong user name or password' } });
    }
    const bad = await app.inject({
      method: 'POST',
      url: '/api/auth/login',
      payload: { username: 'planner' },
    });
    expect(bad.statusCode).toBe(400);
    expect(issues(bad)[0]?.path).toBe('password');
  });

  it('refuses a user name at an address after five failures there (429, Retry-After) even for the right password, until a success', async () => {
    await req({
      method: 'POST',
      url: '/api/users',
      headers: t.as('admin'),
      payload: { id: 'locked', displayName: 'Locked', role: 'observer', password: TEST_PASSWORD },
    });
    for (let i = 0; i < 4; i++)
      expect((await login('locked', 'wrong password x', '10.2.0.1')).statusCode).toBe(401);
    // A success clears the name's failures at that address...
    expect((await login('locked', TEST_PASSWORD, '10.2.0.1')).statusCode).toBe(200);
    for (let i = 0; i < 5; i++)
      expect((await login('locked', 'wrong password y', '10.2.0.1')).statusCode).toBe(401);
    // ...but after five in a row the right password is refused there too.
    const r = await login('locked', TEST_PASSWORD, '10.2.0.1');
    expect(r.statusCode).toBe(429);
    expect(json(r).error).toMatchObject({ code: 'rate_limited' });
    expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
    // Other names from that address, and the name from another address, are not affected.
    expect((await login('observer', TEST_PASSWORD, '10.2.0.1')).statusCode).toBe(200);
    expect((await login('locked', TEST_PASSWORD, '10.2.3.1')).statusCode).toBe(200);
  });

  it("changes one's own password: checks the current one and the length, clears mustChangePassword, ends other sessions", async () => {
    const admin = t.as('admin');
    const created = await req({
      method: 'POST',
      url: '/api/users',
      headers: admin,
      payload: { id: 'changer', displayName: 'Changer', role: 'planner', password: 'first password 123' },
    });
    expect(json(created)).toMatchObject({ mustChangePassword: true });
    const a = await t.login('changer', 'first password 123');
    const b = await t.login('changer', 'first password 123');
    const change = (payload: Json) =>
      app.inject({
        method: 'POST',
        url: '/api/auth/password',
        headers: { authorization: `Bearer ${a}` },
        payload,
      });
    const wrong = await change({ currentPassword: 'not it at all', newPassword: 'second password 456' });
    expect(wrong.statusCode).toBe(400);
    expect(issues(wrong)[0]?.path).toBe('currentPassword');
    const short = await change({ currentPassword: 'first password 123', newPassword: 'short' });
    expect(short.statusCode).toBe(400);
    expect(issues(short)[0]).toMatchObject({ path: 'newPassword', message: expect.stringContaining('12') });
    expect(
      (await change({ currentPassword: 'first password 123', newPassword: 'second password 456' }))
        .statusCode,
    ).toBe(204);

    expect(json(await me({ authorization: `Bearer ${a}` }))).toMatchObject({ mustChangePassword: false });
    expect((await me({ authorization: `Bearer ${b}` })).statusCode).toBe(401);
    expect((await login('changer', 'first password 123', '10.3.0.1')).statusCode).toBe(401);
    expect((await login('changer', 'second password 456', '10.3.0.2')).statusCode).toBe(200);
  });
});

describe('users API', () => {
  const admin = () => t.as('admin');

  it('is for administrators only: a planner, a liaison and an observer get 403', async () => {
    for (const user of ['planner', 'liaison-gbr', 'observer'] as const) {
      for (const [method, url] of [
        ['GET', '/api/users'],
        ['GET', '/api/users/admin'],
        ['POST', '/api/users'],
        ['PATCH', '/api/users/observer'],
        ['POST', '/api/users/observer/password'],
      ] as const) {
        const r = await app.inject({ method, url, headers: t.as(user), payload: { version: 1 } });
        expect(r.statusCode, `${user} ${method} ${url}`).toBe(403);
        expect(json(r).error).toMatchObject({ code: 'forbidden' });
      }
    }
  });

  it('creates, lists, gets, changes, resets and disables users; never shows a hash', async () => {
    const created = await req({
      method: 'POST',
      url: '/api/users',
      headers: admin(),
      payload: { id: 'alice', displayName: 'Alice', role: 'liaison', nation: 'DEU', password: TEST_PASSWORD },
    });
    expect(created.statusCode, created.body).toBe(201);
    expect(created.headers.location).toBe('/api/users/alice');
    expect(json(created)).toEqual({
      id: 'alice',
      displayName: 'Alice',
      role: 'liaison',
      nation: 'DEU',
      disabled: false,
      mustChangePassword: true,
      version: 1,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    const list = await req({ url: '/api/users', headers: admin() });
    expect((json(list).items as Json[]).map((u) => u.id)).toEqual(
      expect.arrayContaining(['admin', 'planner', 'liaison-gbr', 'liaison-fra', 'observer', 'alice']),
    );
    expect(list.body).not.toMatch(/scrypt|hash/i);
    expect(json(await req({ url: '/api/users/alice', headers: admin() })).displayName).toBe('Alice');
    expect((await req({ url: '/api/users/nobody', headers: admin() })).statusCode).toBe(404);

    const dup = await req({
      method: 'POST',
      url: '/api/users',
      headers: admin(),
      payload: { id: 'alice', displayName: 'Again', role: 'observer', password: TEST_PASSWORD },
    });
    expect(dup.statusCode).toBe(409);
    const noNation = await req({
      method: 'POST',
      url: '/api/users',
      headers: admin(),
      payload: { id: 'bob', displayName: 'Bob', role: 'liaison', password: TEST_PASSWORD },
    });
    expect(noNation.statusCode).toBe(400);
    expect(issues(noNation)[0]?.path).toBe('nation');
    const shortPassword = await req({
      method: 'POST',
      url: '/api/users',
      headers: admin(),
      payload: { id: 'bob', displayName: 'Bob', role: 'observer', password: 'too short' },
    });
    expect(issues(shortPassword)[0]?.path).toBe('password');

    const promoted = await req({
      method: 'PATCH',
      url: '/api/users/alice',
      headers: admin(),
      payload: { version: 1, role: 'planner' },
    });
    expect(json(promoted)).toMatchObject({ role: 'planner', nation: null, version: 2 });
    const stale = await req({
      method: 'PATCH',
      url: '/api/users/alice',
      headers: admin(),
      payload: { version: 1, displayName: 'A' },
    });
    expect(stale.statusCode).toBe(409);
    const liaisonWithout = await req({
      method: 'PATCH',
      url: '/api/users/alice',
      headers: admin(),
      payload: { version: 2, role: 'liaison' },
    });
    expect(issues(liaisonWithout)[0]?.path).toBe('nation');

    const reset = await req({ method: 'POST', url: '/api/users/alice/password', headers: admin() });
    expect(reset.statusCode, reset.body).toBe(200);
    const onetime = json(reset).password as string;
    expect(onetime).toMatch(/^[A-Z2-7]{5}(-[A-Z2-7]{5}){3}$/);
    const session = await t.login('alice', onetime);
    expect(
      json(await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${session}` } })),
    ).toMatchObject({
      mustChangePassword: true,
    });

    const current = json(await req({ url: '/api/users/alice', headers: admin() }));
    const disabled = await req({
      method: 'PATCH',
      url: '/api/users/alice',
      headers: admin(),
      payload: { version: current.version, disabled: true },
    });
    expect(json(disabled)).toMatchObject({ disabled: true });
    expect(
      (await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${session}` } })).statusCode,
    ).toBe(401);
  });

  it('will not disable or demote the last active administrator', async () => {
    const me = json(await req({ url: '/api/users/admin', headers: admin() }));
    const r = await req({
      method: 'PATCH',
      url: '/api/users/admin',
      headers: admin(),
      payload: { version: me.version, disabled: true },
    });
    expect(r.statusCode).toBe(409);
    expect(json(r).error).toMatchObject({ message: expect.stringContaining('last active administrator') });
  });

  it("audits user changes under the administrator's name, without hashes", async () => {
    const entries = json(await req('/api/audit?entity=users&key=alice')).items as Json[];
    expect(entries.length).toBeGreaterThan(0);
    expect(entries.every((e) => e.actor === 'admin')).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/scrypt/);
  });
});

describe('what a liaison officer may do', () => {
  beforeAll(async () => {
    expect((await importScenario('liaison')).statusCode).toBe(201);
    const hidden = await req({
      method: 'POST',
      url: '/api/scenarios/liaison/offers',
      payload: {
        id: 'OFF-FRA-SECRET',
        nation: 'FRA',
        capability: 'GBAD-BTY',
        quantity: 1,
        personnel: 120,
        tonnes: 800,
        readiness: { level: 'L2', daysToReady: 30 },
        status: 'offered',
        assumption: 'test',
        releasability: { level: 'REL_TO', nations: ['FRA'] },
      },
    });
    expect(hidden.statusCode, hidden.body).toBe(201);
  });
  const gbr = () => t.as('liaison-gbr');

  it("creates its own nation's offer and is refused another nation's (403)", async () => {
    const offer = {
      id: 'OFF-GBR-9',
      nation: 'GBR',
      capability: 'GBAD-BTY',
      quantity: 1,
      personnel: 120,
      tonnes: 800,
      readiness: { level: 'L1', daysToReady: 10 },
      status: 'offered',
      assumption: 'test',
    };
    const own = await req({
      method: 'POST',
      url: '/api/scenarios/liaison/offers',
      headers: gbr(),
      payload: offer,
    });
    expect(own.statusCode, own.body).toBe(201);
    const audit = json(await req('/api/audit?scenario=liaison&entity=offers&key=OFF-GBR-9')).items as Json[];
    expect(audit[0]).toMatchObject({ action: 'create', actor: 'liaison-gbr' });

    const other = await req({
      method: 'POST',
      url: '/api/scenarios/liaison/offers',
      headers: gbr(),
      payload: { ...offer, id: 'OFF-FRA-9', nation: 'FRA' },
    });
    expect(other.statusCode).toBe(403);
    expect(json(other).error).toMatchObject({ code: 'forbidden' });
    const patchOther = await req({
      method: 'PATCH',
      url: '/api/scenarios/liaison/offers/OFF-FRA-1',
      headers: gbr(),
      payload: { version: 1, quantity: 2 },
    });
    expect(patchOther.statusCode).toBe(403);
    const requirement = await req({
      method: 'PATCH',
      url: '/api/scenarios/liaison/requirements/REQ-1',
      headers: gbr(),
      payload: { version: 1, quantity: 2 },
    });
    expect(requirement.statusCode).toBe(403);
    expect((await req({ url: '/api/audit', headers: gbr() })).statusCode).toBe(403);
  });

  it('gets 404 for a record not released to it, exactly as for one that does not exist', async () => {
    const hidden = await req({ url: '/api/scenarios/liaison/offers/OFF-FRA-SECRET', headers: gbr() });
    expect(hidden.statusCode).toBe(404);
    const patch = await req({
      method: 'PATCH',
      url: '/api/scenarios/liaison/offers/OFF-FRA-SECRET',
      headers: gbr(),
      payload: { version: 1, quantity: 2 },
    });
    expect(patch.statusCode).toBe(404);
    const list = json(await req({ url: '/api/scenarios/liaison/offers', headers: gbr() })).items as Json[];
    expect(list.map((o) => o.id)).not.toContain('OFF-FRA-SECRET');
    expect(
      (await req({ url: '/api/scenarios/liaison/offers/OFF-FRA-SECRET', headers: t.as('liaison-fra') }))
        .statusCode,
    ).toBe(200);
  });

  it('sees a partial overview that does not say how much was withheld; the planner sees all', async () => {
    const mine = json(await req({ url: '/api/scenarios/liaison/overview', headers: gbr() }));
    expect(mine).toMatchObject({ partial: true });
    expect(mine).not.toHaveProperty('withheld');
    expect(json(await req({ url: '/api/scenarios/liaison', headers: gbr() }))).toMatchObject({
      partial: true,
    });
    const staff = json(await req('/api/scenarios/liaison/overview'));
    expect(staff.partial).toBe(false);
    expect((staff.totals as Json).personnelOffered).toBe(
      ((mine.totals as Json).personnelOffered as number) + 120,
    );
  });

  it('an observer reads but writes nothing', async () => {
    expect((await req({ url: '/api/scenarios/liaison/offers', headers: t.as('observer') })).statusCode).toBe(
      200,
    );
    const r = await req({
      method: 'PATCH',
      url: '/api/scenarios/liaison/offers/OFF-GBR-1',
      headers: t.as('observer'),
      payload: { version: 1, quantity: 2 },
    });
    expect(r.statusCode).toBe(403);
  });
});

describe('CSV downloads and search', () => {
  const S = 's-csv';
  beforeAll(async () => {
    // Text a spreadsheet would run, as a sector (sectors are the mission's list), and a record only France may see.
    const evilSector = '=HYPERLINK("http://evil.example","click")';
    const mission = apiScenario().mission as Record<string, unknown>;
    const sectors = [{ name: 'Kyiv' }, { name: 'Odesa' }, { name: evilSector }];
    expect((await importScenario(S, { mission: { ...mission, sectors } })).statusCode).toBe(201);
    const tricky = await req({
      method: 'POST',
      url: `/api/scenarios/${S}/requirements`,
      payload: {
        id: 'REQ-EVIL',
        capability: 'MECH-INF-BN',
        quantity: 1,
        sector: '=HYPERLINK("http://evil.example","click")',
        task: 'deterrence',
        rddCDay: -10,
        durationMonths: 6,
        priority: 3,
        description: '@SUM(1+1), said the "planner"\nin two lines',
        assumption: '-2+3',
      },
    });
    expect(tricky.statusCode, tricky.body).toBe(201);
    const hidden = await req({
      method: 'POST',
      url: `/api/scenarios/${S}/offers`,
      payload: {
        id: 'OFF-FRA-QUIET',
        nation: 'FRA',
        capability: 'GBAD-BTY',
        quantity: 1,
        personnel: 120,
        tonnes: 800,
        readiness: { level: 'L2', daysToReady: 30 },
        status: 'offered',
        caveats: { notes: 'Discreet air defence for Odesa' },
        assumption: 'test figure',
        releasability: { level: 'REL_TO', nations: ['FRA'] },
      },
    });
    expect(hidden.statusCode, hidden.body).toBe(201);
  });

  const table = (r: LightMyRequestResponse) => {
    const [header, ...rows] = parseCsv(r.body);
    return rows.map((row) => Object.fromEntries(header!.map((h, i) => [h, row[i]])));
  };

  it('downloads offers as an RFC 4180 attachment with flattened columns', async () => {
    const r = await req(`/api/scenarios/${S}/offers.csv`);
    expect(r.statusCode, r.body).toBe(200);
    expect(r.headers['content-type']).toBe('text/csv; charset=utf-8; header=present');
    expect(r.headers['content-disposition']).toBe('attachment; filename="s-csv-offers.csv"');
    expect(r.body.startsWith(`${CSV_COLUMNS.offers.join(',')}\r\n`)).toBe(true);
    expect(r.body.endsWith('\r\n')).toBe(true);
    const rows = table(r);
    expect(rows.map((o) => o.id)).toEqual(['OFF-GBR-1', 'OFF-FRA-1', 'OFF-FRA-QUIET']);
    expect(rows[1]).toMatchObject({
      nation: 'FRA',
      'readiness.level': 'L2',
      'readiness.daysToReady': '60',
      'caveats.excludedSectors': 'Kyiv',
      'caveats.requiresUsBackstop': 'false',
      assumption: 'test figure',
      'releasability.level': '',
      version: '1',
    });
    expect(rows[2]).toMatchObject({ 'releasability.level': 'REL_TO', 'releasability.nations': 'FRA' });

    const fra = table(await req(`/api/scenarios/${S}/offers.csv?nation=FRA`));
    expect(fra.map((o) => o.id)).toEqual(['OFF-FRA-1', 'OFF-FRA-QUIET']);
    const policies = await req(`/api/scenarios/${S}/rotation-policies.csv`);
    expect(policies.headers['content-disposition']).toBe(
      'attachment; filename="s-csv-rotation-policies.csv"',
    );
    expect(table(policies)).toEqual([expect.objectContaining({ nation: 'GBR', dwellRatio: '4' })]);
  });

  it('prefixes formula text with an apostrophe and keeps numbers and line breaks', async () => {
    const rows = table(await req(`/api/scenarios/${S}/requirements.csv`));
    const evil = rows.find((x) => x.id === 'REQ-EVIL');
    expect(evil).toMatchObject({
      sector: `'=HYPERLINK("http://evil.example","click")`,
      description: `'@SUM(1+1), said the "planner"\nin two lines`,
      assumption: "'-2+3",
      rddCDay: '-10',
    });
  });

  it('answers an unknown scenario with the JSON 404, and lists only what the viewer may see', async () => {
    const missing = await req('/api/scenarios/no-such/offers.csv');
    expect(missing.statusCode).toBe(404);
    expect(json(missing).error).toMatchObject({ code: 'not_found' });
    const gbr = await app.inject({ url: `/api/scenarios/${S}/offers.csv`, headers: t.as('liaison-gbr') });
    expect(gbr.statusCode).toBe(200);
    expect(table(gbr).map((o) => o.id)).toEqual(['OFF-GBR-1', 'OFF-FRA-1']);
    expect(gbr.body).not.toContain('QUIET');
    const anonymous = await app.inject({ url: `/api/scenarios/${S}/offers.csv` });
    expect(anonymous.statusCode).toBe(401);
  });

  it('searches every kind case-insensitively, reporting the field and a snippet', async () => {
    const r = await req(`/api/scenarios/${S}/search?q=KYIV`);
    expect(r.statusCode, r.body).toBe(200);
    expect(json(r)).toEqual({
      items: [
        {
          kind: 'requirements',
          key: 'REQ-1',
          label: '6 × MECH-INF-BN, Kyiv (deterrence)',
          field: 'sector',
          snippet: 'Kyiv',
        },
        {
          kind: 'offers',
          key: 'OFF-FRA-1',
          label: 'FRA offers 1 × MECH-INF-BN (offered)',
          field: 'caveats.excludedSectors',
          snippet: 'Kyiv',
        },
      ],
      truncated: false,
    });
    const offersOnly = await req(`/api/scenarios/${S}/search?q=kyiv&kinds=offers,pledges`);
    expect((json(offersOnly).items as Json[]).map((h) => h.key)).toEqual(['OFF-FRA-1']);
    const key = await req(`/api/scenarios/${S}/search?q=off-gbr-1`);
    expect((json(key).items as Json[])[0]).toMatchObject({ kind: 'offers', key: 'OFF-GBR-1', field: 'id' });
    const limited = await req(`/api/scenarios/${S}/search?q=test&limit=2`);
    expect(json(limited)).toMatchObject({ truncated: true });
    expect(json(limited).items).toHaveLength(2);
    const literal = await req(`/api/scenarios/${S}/search?q=${encodeURIComponent('%_%')}`);
    expect(json(literal)).toEqual({ items: [], truncated: false });
  });

  it('finds a withheld record for the planner only', async () => {
    const planner = await req(`/api/scenarios/${S}/search?q=discreet`);
    expect((json(planner).items as Json[]).map((h) => h.key)).toEqual(['OFF-FRA-QUIET']);
    for (const user of ['liaison-gbr', 'observer'] as const) {
      for (const q of ['discreet', 'OFF-FRA-QUIET', 'quiet']) {
        const r = await app.inject({
          url: `/api/scenarios/${S}/search?q=${encodeURIComponent(q)}`,
          headers: t.as(user),
        });
        expect(r.statusCode).toBe(200);
        expect(json(r), `${user} ${q}`).toEqual({ items: [], truncated: false });
      }
    }
    const fra = await app.inject({
      url: `/api/scenarios/${S}/search?q=discreet`,
      headers: t.as('liaison-fra'),
    });
    expect((json(fra).items as Json[]).map((h) => h.key)).toEqual(['OFF-FRA-QUIET']);
  });

  it('refuses a bad query naming the parameter, after a 404 for an unknown scenario', async () => {
    const cases: [string, string][] = [
      ['', 'q'],
      ['?q=', 'q'],
      ['?q=%20%20', 'q'],
      [`?q=${'x'.repeat(201)}`, 'q'],
      ['?q=a%C2%85b', 'q'],
      ['?q=a&q=b', 'q'],
      ['?q=a&kinds=offers,secrets', 'kinds'],
      ['?q=a&limit=0', 'limit'],
      ['?q=a&limit=500', 'limit'],
    ];
    for (const [qs, path] of cases) {
      const r = await req(`/api/scenarios/${S}/search${qs}`);
      expect(r.statusCode, qs).toBe(400);
      expect(
        issues(r).map((i) => i.path),
        qs,
      ).toEqual([path]);
    }
    // A line break is refused by the edge's own check on every query parameter.
    const control = await req(`/api/scenarios/${S}/search?q=a%0Ab`);
    expect(control.statusCode).toBe(400);
    expect(issues(control)[0]?.path).toMatch(/^(query\.)?q$/);
    expect((await req('/api/scenarios/no-such/search')).statusCode).toBe(404);
  });

  it('documents both in the OpenAPI document', async () => {
    const spec = (await app.inject('/docs/json')).json() as {
      paths: Record<string, { get?: { responses?: Record<string, { content?: Record<string, unknown> }> } }>;
    };
    expect(spec.paths['/api/scenarios/{scenarioId}/search']?.get).toBeDefined();
    for (const kind of ['offers', 'rotation-policies', 'nations']) {
      const csv = spec.paths[`/api/scenarios/{scenarioId}/${kind}.csv`]?.get;
      expect(Object.keys(csv?.responses?.['200']?.content ?? {}), kind).toEqual(['text/csv']);
    }
  });
});

describe('first start', () => {
  it('creates "admin" with COALITION_ADMIN_PASSWORD, or with a one-time password printed once', async () => {
    for (const given of ['an operator chosen password', undefined]) {
      const fresh = await openInstallation({ dataDir: 'memory://', seed: false });
      try {
        const printed: string[] = [];
        expect(await ensureFirstAdministrator(fresh.users, given, (l) => printed.push(l))).toBe(true);
        const creds = await fresh.store.getCredentials('admin');
        expect(creds?.user).toMatchObject({ role: 'administrator', mustChangePassword: given === undefined });
        let password = given;
        if (given === undefined) {
          const m = /^First start: created administrator "admin" with one-time password: (\S+)$/.exec(
            printed[0] ?? '',
          );
          expect(m, printed.join('\n')).not.toBeNull();
          password = m![1];
        } else {
          expect(printed.join('\n')).not.toContain(given);
        }
        expect(await verifyPassword(password!, creds!.passwordHash)).toBe(true);
        // Once there is a user, nothing more happens.
        expect(await ensureFirstAdministrator(fresh.users, given, (l) => printed.push(l))).toBe(false);
        expect(await fresh.store.countUsers()).toBe(1);
      } finally {
        await fresh.close();
      }
    }
  });
});
