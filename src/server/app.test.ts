// In-process tests of every API route (Fastify inject), on an in-memory PGlite store: the happy
// path, bad input naming the field, 404s, 409s on stale versions, 413, and no stack traces.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { apiScenario } from './api-test-fixtures.ts';
import { buildApp } from './app.ts';
import { openInstallation, type Installation } from './bootstrap.ts';

let inst: Installation;
let app: FastifyInstance;

beforeAll(async () => {
  inst = await openInstallation({ dataDir: 'memory://', seed: false });
  app = await buildApp({ service: inst.service, logLevel: false, bodyLimit: 256 * 1024 });
});
afterAll(async () => {
  await app.close();
  await inst.close();
});

type Json = Record<string, unknown>;
const json = (r: LightMyRequestResponse) => r.json() as Json;
const issues = (r: LightMyRequestResponse) =>
  (json(r).error as { issues?: { path: string; message: string }[] }).issues ?? [];

async function importScenario(id: string, extra: Json = {}): Promise<LightMyRequestResponse> {
  return app.inject({ method: 'POST', url: '/api/scenarios', payload: { ...apiScenario(), id, ...extra } });
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

    const list = await app.inject('/api/scenarios');
    expect((json(list).items as Json[]).map((s) => s.id)).toContain('s-json');

    const one = await app.inject('/api/scenarios/s-json');
    expect(one.statusCode).toBe(200);
    expect(json(one).mission).toMatchObject({ forceTarget: { personnel: 5_000 } });

    const noVersion = await app.inject({ method: 'DELETE', url: '/api/scenarios/s-json' });
    expect(noVersion.statusCode).toBe(400);
    expect(issues(noVersion)[0]?.path).toBe('version');
    const stale = await app.inject({ method: 'DELETE', url: '/api/scenarios/s-json?version=7' });
    expect(stale.statusCode).toBe(409);
    const gone = await app.inject({ method: 'DELETE', url: '/api/scenarios/s-json?version=1' });
    expect(gone.statusCode).toBe(204);
    expect((await app.inject('/api/scenarios/s-json')).statusCode).toBe(404);
  });

  it('imports YAML text and applies ?id= and ?name=', async () => {
    const r = await app.inject({
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
    (doc.offers as Json[])[1]!.nation = 'ESP';
    const r = await app.inject({ method: 'POST', url: '/api/scenarios', payload: { ...doc, id: 's-bad' } });
    expect(r.statusCode).toBe(400);
    expect(json(r).error).toMatchObject({ code: 'invalid' });
    expect(issues(r)).toContainEqual({ path: 'offers[1].nation', message: expect.stringContaining('unknown nation "ESP"') });
    expect((await app.inject('/api/scenarios/s-bad')).statusCode).toBe(404);
  });

  it('refuses a pledge in a currency the rate table does not cover', async () => {
    const doc = apiScenario();
    (doc.pledges as Json[])[0]!.currency = 'XXX';
    const r = await app.inject({ method: 'POST', url: '/api/scenarios', payload: { ...doc, id: 's-rate' } });
    expect(r.statusCode).toBe(400);
    expect(issues(r)[0]?.path).toBe('pledges[0].currency');
  });

  it('answers malformed JSON, malformed YAML and a bad ?id with 400', async () => {
    const badJson = await app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: { 'content-type': 'application/json' },
      payload: '{"schemaVersion": 1,',
    });
    expect(badJson.statusCode).toBe(400);
    expect(json(badJson).error).toMatchObject({ code: 'invalid' });
    const badYaml = await app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: { 'content-type': 'application/yaml' },
      payload: 'nations: [GBR\n  x: : :',
    });
    expect(badYaml.statusCode).toBe(400);
    expect(issues(badYaml)[0]?.message).toMatch(/YAML/);
    const badId = await app.inject({
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
    const r = await app.inject({
      method: 'POST',
      url: '/api/scenarios',
      payload: { ...doc, id: 's-big', description: 'x'.repeat(300 * 1024) },
    });
    expect(r.statusCode).toBe(413);
    expect(json(r).error).toMatchObject({ code: 'too_large' });
  });

  it('exports JSON and YAML that re-import to the same content', async () => {
    await importScenario('s-export');
    const exported = await app.inject('/api/scenarios/s-export/export');
    expect(exported.statusCode).toBe(200);
    expect(exported.headers['content-disposition']).toContain('s-export.json');
    const doc = json(exported);
    const yaml = await app.inject('/api/scenarios/s-export/export?format=yaml');
    expect(yaml.headers['content-type']).toContain('application/yaml');
    expect(parseYaml(yaml.body)).toEqual(doc);

    const again = await app.inject({ method: 'POST', url: '/api/scenarios?id=s-export-2', payload: doc });
    expect(again.statusCode).toBe(201);
    const doc2 = json(await app.inject('/api/scenarios/s-export-2/export'));
    expect({ ...doc2, id: 's-export' }).toEqual(doc);
    expect((await app.inject('/api/scenarios/s-export/export?format=xml')).statusCode).toBe(400);
  });

  it('patches the scenario header with optimistic concurrency', async () => {
    await importScenario('s-patch');
    const ok = await app.inject({
      method: 'PATCH',
      url: '/api/scenarios/s-patch',
      payload: { version: 1, name: 'Renamed' },
    });
    expect(ok.statusCode).toBe(200);
    expect(json(ok)).toMatchObject({ name: 'Renamed', version: 2 });
    const stale = await app.inject({
      method: 'PATCH',
      url: '/api/scenarios/s-patch',
      payload: { version: 1, name: 'B' },
    });
    expect(stale.statusCode).toBe(409);
    const bad = await app.inject({
      method: 'PATCH',
      url: '/api/scenarios/s-patch',
      payload: { version: 2, asOf: '2025-02-30' },
    });
    expect(bad.statusCode).toBe(400);
    expect(issues(bad)[0]?.path).toBe('asOf');
  });

  it('gives an overview: current stances, personnel offered, shortfall against the target', async () => {
    await importScenario('s-overview');
    const r = await app.inject('/api/scenarios/s-overview/overview');
    expect(r.statusCode).toBe(200);
    const body = r.json() as {
      totals: { targetPersonnel: number; personnelOffered: number; difference: number };
      nations: { id: string; currentStance: { stance: string } | null; personnelOffered: number }[];
    };
    expect(body.totals).toMatchObject({
      targetPersonnel: 5_000,
      personnelOffered: 1_800,
      difference: -3_200,
    });
    expect(body.nations.find((n) => n.id === 'GBR')).toMatchObject({
      currentStance: { stance: 'lead' },
      personnelOffered: 1_200,
    });
    expect(body.nations.find((n) => n.id === 'DEU')?.currentStance?.stance).toBe('cautious');
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
      const r = await app.inject(`/api/scenarios/rec/${path}`);
      expect(r.statusCode, path).toBe(200);
      expect((json(r).items as Json[]).length, path).toBe(count);
    }
    const gbr = await app.inject('/api/scenarios/rec/offers?nation=GBR');
    expect((json(gbr).items as Json[]).map((o) => o.id)).toEqual(['OFF-GBR-1']);
    const offer = await app.inject('/api/scenarios/rec/offers/OFF-GBR-1');
    expect(json(offer)).toMatchObject({ nation: 'GBR', version: 1, readiness: { level: 'L3' } });
    expect(typeof json(offer).createdAt).toBe('string');
    const policy = await app.inject('/api/scenarios/rec/rotation-policies/GBR');
    expect(json(policy)).toMatchObject({ tourMonths: 6, dwellRatio: 4 });
    const missing = await app.inject('/api/scenarios/rec/offers/NOPE');
    expect(missing.statusCode).toBe(404);
    expect(json(missing).error).toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('NOPE'),
    });
    expect((await app.inject('/api/scenarios/nope/offers')).statusCode).toBe(404);
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
    const created = await app.inject({ method: 'POST', url: '/api/scenarios/rec/offers', payload: body });
    expect(created.statusCode).toBe(201);
    expect(json(created)).toMatchObject({
      id: 'OFF-FRA-2',
      version: 1,
      caveats: { requiresUsBackstop: false },
    });
    expect(created.headers.location).toBe('/api/scenarios/rec/offers/OFF-FRA-2');

    const dup = await app.inject({ method: 'POST', url: '/api/scenarios/rec/offers', payload: body });
    expect(dup.statusCode).toBe(409);

    const unknown = await app.inject({
      method: 'POST',
      url: '/api/scenarios/rec/offers',
      payload: { ...body, id: 'OFF-XYZ', nation: 'XYZ' },
    });
    expect(unknown.statusCode).toBe(400);
    expect(issues(unknown)[0]?.path).toBe('nation');

    const rdl = await app.inject({
      method: 'POST',
      url: '/api/scenarios/rec/offers',
      payload: { ...body, id: 'OFF-RDL', readiness: { level: 'RDL', daysToReady: 90 } },
    });
    expect(rdl.statusCode).toBe(400);
    expect(issues(rdl)[0]?.path).toBe('readiness.daysToReady');

    const notObject = await app.inject({ method: 'POST', url: '/api/scenarios/rec/offers', payload: [1, 2] });
    expect(notObject.statusCode).toBe(400);
  });

  it('patches with a merge patch, bumps the version, and answers a stale version with 409 and the current record', async () => {
    const first = await app.inject({
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

    const stale = await app.inject({
      method: 'PATCH',
      url: '/api/scenarios/rec/offers/OFF-GBR-1',
      payload: { version: 1, status: 'withdrawn' },
    });
    expect(stale.statusCode).toBe(409);
    expect(json(stale).error).toMatchObject({
      code: 'conflict',
      current: { version: 2, status: 'confirmed' },
    });

    const missingVersion = await app.inject({
      method: 'PATCH',
      url: '/api/scenarios/rec/offers/OFF-GBR-1',
      payload: { status: 'withdrawn' },
    });
    expect(missingVersion.statusCode).toBe(400);
    expect(issues(missingVersion)[0]?.path).toBe('version');

    const badEnum = await app.inject({
      method: 'PATCH',
      url: '/api/scenarios/rec/offers/OFF-GBR-1',
      payload: { version: 2, status: 'maybe' },
    });
    expect(badEnum.statusCode).toBe(400);
    expect(issues(badEnum)[0]?.path).toBe('status');

    const keyChange = await app.inject({
      method: 'PATCH',
      url: '/api/scenarios/rec/offers/OFF-GBR-1',
      payload: { version: 2, id: 'OTHER' },
    });
    expect(keyChange.statusCode).toBe(400);
    expect(issues(keyChange)[0]?.path).toBe('id');

    const after = json(await app.inject('/api/scenarios/rec/offers/OFF-GBR-1'));
    expect(after).toMatchObject({ version: 2, status: 'confirmed' });
  });

  it('creates stance entries with generated ids and patches nations, requirements and pledges', async () => {
    const stance = await app.inject({
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
    const overview = json(await app.inject('/api/scenarios/rec/overview'));
    expect((overview.nations as Json[]).find((n) => n.id === 'DEU')).toMatchObject({
      currentStance: { stance: 'committed' },
    });
    const earlier = json(await app.inject('/api/scenarios/rec/overview?asOf=2025-03-31'));
    expect((earlier.nations as Json[]).find((n) => n.id === 'DEU')).toMatchObject({
      currentStance: { stance: 'cautious' },
    });
    expect((await app.inject('/api/scenarios/rec/overview?asOf=March')).statusCode).toBe(400);

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
      const r = await app.inject({
        method: 'PATCH',
        url: `/api/scenarios/rec/${path}/${key}`,
        payload: { version: 1, ...patch },
      });
      expect(r.statusCode, `${path} ${r.body}`).toBe(200);
      expect(json(r)).toMatchObject({ ...expected, version: 2 });
    }
    const badCurrency = await app.inject({
      method: 'PATCH',
      url: '/api/scenarios/rec/pledges/PLG-GBR-1',
      payload: { version: 2, currency: 'XXX' },
    });
    expect(badCurrency.statusCode).toBe(400);
    expect(issues(badCurrency)[0]?.path).toBe('currency');
  });

  it('deletes with the version, refuses a nation still referenced, and records every change in the audit log', async () => {
    const referenced = await app.inject({
      method: 'DELETE',
      url: '/api/scenarios/rec/nations/GBR?version=1',
    });
    expect(referenced.statusCode).toBe(409);
    expect(json(referenced).error).toMatchObject({ message: expect.stringMatching(/offer|pledge|rotation/) });

    const stale = await app.inject({
      method: 'DELETE',
      url: '/api/scenarios/rec/offers/OFF-FRA-1?version=9',
    });
    expect(stale.statusCode).toBe(409);
    const badVersion = await app.inject({
      method: 'DELETE',
      url: '/api/scenarios/rec/offers/OFF-FRA-1?version=abc',
    });
    expect(badVersion.statusCode).toBe(400);
    const ok = await app.inject({ method: 'DELETE', url: '/api/scenarios/rec/offers/OFF-FRA-1?version=1' });
    expect(ok.statusCode).toBe(204);
    expect((await app.inject('/api/scenarios/rec/offers/OFF-FRA-1')).statusCode).toBe(404);

    const audit = await app.inject('/api/audit?scenario=rec&entity=offers&key=OFF-FRA-1');
    const entries = json(audit).items as Json[];
    expect(entries[0]).toMatchObject({
      action: 'delete',
      entity: 'offers',
      entityKey: 'OFF-FRA-1',
      after: null,
    });
    expect(entries[0]?.before).toMatchObject({ id: 'OFF-FRA-1', nation: 'FRA' });
    expect(String(entries[0]?.actor)).toMatch(/^anonymous@/);

    const updates = json(await app.inject('/api/audit?scenario=rec&entity=offers&key=OFF-GBR-1'))
      .items as Json[];
    expect(updates[0]).toMatchObject({
      action: 'update',
      before: { status: 'offered' },
      after: { status: 'confirmed' },
    });
    expect((await app.inject('/api/audit?limit=0')).statusCode).toBe(400);
  });
});

describe('the edge', () => {
  it('serves the OpenAPI document with every record route', async () => {
    const r = await app.inject('/docs/json');
    expect(r.statusCode).toBe(200);
    const spec = r.json() as { openapi: string; paths: Record<string, unknown> };
    expect(spec.openapi).toMatch(/^3\./);
    for (const p of [
      '/api/scenarios',
      '/api/scenarios/{scenarioId}/export',
      '/api/scenarios/{scenarioId}/offers/{key}',
      '/api/scenarios/{scenarioId}/rotation-policies',
    ]) {
      expect(Object.keys(spec.paths)).toContain(p);
    }
  });

  it('answers unknown API routes with JSON 404', async () => {
    const r = await app.inject('/api/nothing-here');
    expect(r.statusCode).toBe(404);
    expect(json(r).error).toMatchObject({ code: 'not_found' });
  });

  it('never sends a stack trace: an internal failure is a 500 with a request reference', async () => {
    const original = inst.store.listScenarios.bind(inst.store);
    inst.store.listScenarios = () => Promise.reject(new Error('secret database detail'));
    try {
      const r = await app.inject('/api/scenarios');
      expect(r.statusCode).toBe(500);
      expect(r.body).not.toContain('secret');
      expect(r.body).not.toMatch(/at .*\.ts/);
      expect(json(r).error).toMatchObject({ code: 'internal' });
    } finally {
      inst.store.listScenarios = original;
    }
  });
});
