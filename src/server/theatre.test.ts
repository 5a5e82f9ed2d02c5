// The theatre (line of contact, zones, bands) and the escalation ladder through the API, in process
// on PGlite and PostgreSQL: PATCH of the scenario header sets and removes them with 400s at the
// field; PUT …/line-of-contact imports a GeoJSON line as the theatre's, keeping its zones and bands,
// for coalition staff only and against the version it was based on; every viewer is shown them; and
// the document export carries them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skippedFor } from '../../test-summary.ts';
import { escalationLadder, lineOfContact, sampleScenario, theatre } from '../domain/test-fixtures.ts';
import { openTestApp, type TestApp } from './test-app.ts';
import { testBackends, type TestBackend } from './test-backends.ts';
import type { TestUserName } from './test-server.ts';

for (const backend of testBackends('theatre', 'th')) describeTheatre(backend);

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT';
interface Header {
  version: number;
  theatre?: {
    lineOfContact?: { date: string; geometry: { type: string; coordinates: unknown }; assumption?: string };
    zones: unknown[];
    exposureBands: { name: string; maxKm: number }[];
  };
  escalation?: { rungs: { id: string }[] };
}
interface Refusal {
  error: { code: string; issues?: { path: string; message: string }[]; current?: { version: number } };
}

const S = 'theatre-api';
const url = (path = '') => `/api/scenarios/${S}${path}`;
const BANDS = [
  { name: 'Close', maxKm: 10, assumption: 'test' },
  { name: 'Far', maxKm: 100, assumption: 'test' },
];
const FRONT = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'Zaporizhzhia' }, geometry: lineOfContact().geometry },
    {
      type: 'Feature',
      properties: { name: 'Kharkiv' },
      geometry: { type: 'Point', coordinates: [36.2, 50] },
    },
    {
      type: 'Feature',
      properties: null,
      geometry: {
        type: 'LineString',
        coordinates: [
          [37.6, 49.7, 120],
          [36.9, 50.3, 140],
        ],
      },
    },
  ],
};

function describeTheatre(backend: TestBackend): void {
  describe(`the theatre and the escalation ladder (${backend.name})`, skippedFor(backend.skipReason), () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await backend.open();
      const r = await call('planner', 'POST', '/api/scenarios', sampleScenario({ id: S }));
      expect(r.statusCode, r.body).toBe(201);
    });
    afterAll(async () => {
      await t?.close();
      await backend.dispose();
    });

    const call = (user: TestUserName, method: Method, path: string, payload?: unknown) =>
      t.call(user, method, path, payload);
    const header = async (user: TestUserName = 'planner') =>
      (await call(user, 'GET', url())).json() as Header;
    const issues = (r: { json(): unknown }) => (r.json() as Refusal).error.issues;

    it('PATCH sets both sections, keeps them through other changes, and null removes them', async () => {
      const { version } = await header();
      const r = await call('planner', 'PATCH', url(), {
        version,
        theatre: theatre({ exposureBands: BANDS }),
        escalation: escalationLadder(),
      });
      expect(r.statusCode, r.body).toBe(200);
      const set = r.json() as Header;
      expect(set.version).toBe(version + 1);
      expect(set.theatre?.lineOfContact?.date).toBe('2025-03-01');
      expect(set.theatre?.zones).toEqual([]);
      expect(set.escalation?.rungs.map((x) => x.id)).toEqual(['violation', 'attack']);
      const renamed = await call('planner', 'PATCH', url(), { version: version + 1, name: 'Renamed' });
      expect(renamed.json()).toMatchObject({ theatre: set.theatre, escalation: set.escalation });
      const exported = (await call('planner', 'GET', url('/export'))).json() as Header;
      expect(exported).toMatchObject({ theatre: set.theatre, escalation: set.escalation });

      const removed = await call('planner', 'PATCH', url(), { version: version + 2, escalation: null });
      expect(removed.statusCode, removed.body).toBe(200);
      expect(removed.json()).not.toHaveProperty('escalation');
      expect((await header()).theatre).toEqual(set.theatre);
    });

    it('PATCH refuses a bad section at the field, and writes nothing', async () => {
      const before = await header();
      const line = lineOfContact();
      const coordinates: unknown[] = [...line.geometry.coordinates];
      coordinates[3] = 'east';
      const r = await call('planner', 'PATCH', url(), {
        version: before.version,
        theatre: { lineOfContact: { ...line, geometry: { type: 'LineString', coordinates } } },
        escalation: { rungs: [{ ...escalationLadder().rungs![0]!, hoursToRespond: 'soon' }] },
      });
      expect(r.statusCode, r.body).toBe(400);
      expect(issues(r)?.map((i) => i.path)).toEqual([
        'theatre.lineOfContact.geometry.coordinates[3]',
        'escalation.rungs[0].hoursToRespond',
      ]);
      expect(await header()).toEqual(before);
    });

    it('PUT line-of-contact imports a FeatureCollection, keeping the zones and bands', async () => {
      const before = await header();
      expect(before.theatre?.exposureBands).toEqual(BANDS);
      const r = await call('planner', 'PUT', url('/line-of-contact'), {
        version: before.version,
        date: '2026-01-31',
        source: { publication: 'Staff drawing', url: 'https://example.org/front' },
        geojson: FRONT,
      });
      expect(r.statusCode, r.body).toBe(200);
      const after = r.json() as Header;
      expect(after.version).toBe(before.version + 1);
      expect(after.theatre).toEqual({
        zones: [],
        exposureBands: BANDS,
        lineOfContact: {
          date: '2026-01-31',
          source: { publication: 'Staff drawing', url: 'https://example.org/front' },
          geometry: {
            type: 'MultiLineString',
            coordinates: [
              lineOfContact().geometry.coordinates,
              [
                [37.6, 49.7],
                [36.9, 50.3],
              ],
            ],
          },
        },
      });
      // The audit log has the change as a header write.
      const audit = await call('planner', 'GET', `/api/audit?scenario=${S}&entity=scenario&limit=1`);
      expect((audit.json() as { items: { action: string }[] }).items[0]?.action).toBe('update-scenario');
    });

    it('PUT line-of-contact is 400 at the place in the GeoJSON, and names missing fields', async () => {
      const { version } = await header();
      const bad = structuredClone(FRONT);
      (bad.features[2]!.geometry.coordinates as unknown[])[1] = [36.9, 95];
      const r = await call('planner', 'PUT', url('/line-of-contact'), {
        version,
        date: '2026-01-31',
        assumption: 'Drawn by hand.',
        geojson: bad,
      });
      expect(r.statusCode, r.body).toBe(400);
      expect(issues(r)).toEqual([
        {
          path: 'geojson.features[2].geometry.coordinates[1][1]',
          message: 'must be a latitude from -90 to 90',
        },
      ]);
      const missing = await call('planner', 'PUT', url('/line-of-contact'), { version, geojson: FRONT });
      expect(missing.statusCode).toBe(400);
      expect(issues(missing)?.map((i) => i.path)).toEqual(['date', 'source']);
      const unversioned = await call('planner', 'PUT', url('/line-of-contact'), {
        date: '2026-01-31',
        assumption: 'x',
        geojson: FRONT,
      });
      expect(unversioned.statusCode).toBe(400);
      expect(issues(unversioned)?.map((i) => i.path)).toEqual(['version']);
      expect((await header()).version).toBe(version);
    });

    it('PUT line-of-contact is 409 on a stale version, with the header as it now is', async () => {
      const { version } = await header();
      const r = await call('planner', 'PUT', url('/line-of-contact'), {
        version: version - 1,
        date: '2026-01-31',
        assumption: 'Drawn by hand.',
        geojson: lineOfContact().geometry,
      });
      expect(r.statusCode, r.body).toBe(409);
      expect((r.json() as Refusal).error.current?.version).toBe(version);
      expect((await header()).version).toBe(version);
    });

    it('lets only coalition staff write them, and shows them to every viewer', async () => {
      const current = await header();
      const put = {
        version: current.version,
        date: '2026-01-31',
        assumption: 'Drawn by hand.',
        geojson: lineOfContact().geometry,
      };
      for (const user of ['liaison-gbr', 'observer'] as const) {
        expect((await call(user, 'PUT', url('/line-of-contact'), put)).statusCode, user).toBe(403);
        const patch = await call(user, 'PATCH', url(), { version: current.version, theatre: null });
        expect(patch.statusCode, user).toBe(403);
        expect((await header(user)).theatre, user).toEqual(current.theatre);
      }
      expect((await header()).version).toBe(current.version);
      const admin = await call('admin', 'PUT', url('/line-of-contact'), put);
      expect(admin.statusCode, admin.body).toBe(200);
      expect((admin.json() as Header).theatre?.lineOfContact?.geometry.type).toBe('LineString');
    });

    it('is 404 for a scenario that does not exist', async () => {
      const r = await call('planner', 'PUT', '/api/scenarios/no-such/line-of-contact', {
        version: 1,
        date: '2026-01-31',
        assumption: 'x',
        geojson: lineOfContact().geometry,
      });
      expect(r.statusCode).toBe(404);
    });
  });
}

describe('the OpenAPI document', () => {
  it('documents PUT line-of-contact with its body', async () => {
    const t = await openTestApp();
    try {
      const spec = (await t.app.inject('/docs/json')).json() as {
        paths: Record<
          string,
          Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>
        >;
      };
      const op = spec.paths['/api/scenarios/{scenarioId}/line-of-contact']?.put;
      const body = op?.requestBody?.content['application/json']?.schema as {
        properties?: Record<string, unknown>;
        required?: string[];
      };
      expect(Object.keys(body?.properties ?? {})).toEqual([
        'version',
        'date',
        'source',
        'assumption',
        'geojson',
      ]);
      expect(body.required).toEqual(['version', 'date', 'geojson']);
      const patch = spec.paths['/api/scenarios/{scenarioId}']?.patch;
      const patchBody = patch?.requestBody?.content['application/json']?.schema as {
        properties?: Record<string, unknown>;
      };
      expect(Object.keys(patchBody.properties ?? {})).toEqual(
        expect.arrayContaining(['theatre', 'escalation', 'deployment']),
      );
    } finally {
      await t.close();
    }
  });
});
