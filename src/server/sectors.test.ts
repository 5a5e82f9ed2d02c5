// Sectors are a checked list in the scenario (`mission.sectors`), through the API in process on PGlite
// and PostgreSQL: a document naming a sector not on its list is refused at the field on import; a
// record write naming one is 400 at the field (requirement lines, offers' excluded sectors, for
// planners and liaison officers alike); the header's deployment settings name only listed sectors;
// a header change that drops a sector still in use is 400 naming the sector and who uses it; and a
// version-1 document, whose sectors were free text, imports with the list derived from its names.
import { CURRENT_SCHEMA_VERSION } from '../domain/scenario-schema.ts';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skippedFor } from '../../test-summary.ts';
import { deploymentScenario, offer, requirement } from '../domain/test-fixtures.ts';
import type { TestApp } from './test-app.ts';
import { testBackends, type TestBackend } from './test-backends.ts';
import type { TestUserName } from './test-server.ts';

for (const backend of testBackends('sectors', 'sec')) describeSectors(backend);

type Json = Record<string, unknown>;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

interface Header {
  version: number;
  mission: Json & { sectors: { name: string }[] };
  deployment?: Json;
}

const S = 'sectors';
const url = (path: string) => `/api/scenarios/${S}${path}`;
const unknownSector = (name: string) => `names unknown sector "${name}" (not in mission.sectors)`;

function describeSectors(backend: TestBackend): void {
  describe(`sectors are the mission's list (${backend.name})`, skippedFor(backend.skipReason), () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await backend.open();
      // Sectors Kyiv (both lines) and Dnipro (a destination, and excluded by FRA's OFF-3).
      const r = await call('planner', 'POST', '/api/scenarios', deploymentScenario({ id: S }));
      expect(r.statusCode, r.body).toBe(201);
    });
    afterAll(async () => {
      await t?.close();
      await backend.dispose();
    });

    const call = (user: TestUserName, method: Method, path: string, payload?: unknown) =>
      t.call(user, method, path, payload);

    async function header(): Promise<Header> {
      const r = await call('planner', 'GET', url(''));
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as Header;
    }

    function expectInvalid(r: LightMyRequestResponse, issues: { path: string; message: string | RegExp }[]) {
      expect(r.statusCode, r.body).toBe(400);
      const body = r.json() as ErrorBody;
      expect(body.error.code).toBe('invalid');
      expect(body.error.issues).toEqual(
        issues.map((i) => ({
          path: i.path,
          message: typeof i.message === 'string' ? i.message : expect.stringMatching(i.message),
        })),
      );
    }

    const patchSectors = async (names: string[]) => {
      const h = await header();
      return call('planner', 'PATCH', url(''), {
        version: h.version,
        mission: { ...h.mission, sectors: names.map((name) => ({ name })) },
      });
    };

    it('comes with the scenario header, for forms to offer as choices', async () => {
      expect((await header()).mission.sectors).toEqual([{ name: 'Kyiv' }, { name: 'Dnipro' }]);
      const list = await call('liaison-gbr', 'GET', '/api/scenarios');
      const { items } = list.json() as { items: (Header & { id: string })[] };
      expect(items.find((s) => s.id === S)?.mission.sectors.map((s) => s.name)).toEqual(['Kyiv', 'Dnipro']);
    });

    it('refuses a record naming an unknown sector, at the field', async () => {
      const line = requirement({ id: 'R-9', sector: 'Donetsk' });
      expectInvalid(await call('planner', 'POST', url('/requirements'), line), [
        { path: 'sector', message: unknownSector('Donetsk') },
      ]);
      const own = offer({
        id: 'OFF-GBR-9',
        nation: 'GBR',
        caveats: { excludedSectors: ['Kyiv', 'Donetsk'] },
      });
      expectInvalid(await call('liaison-gbr', 'POST', url('/offers'), own), [
        { path: 'caveats.excludedSectors[1]', message: unknownSector('Donetsk') },
      ]);
      const r1 = (await (await call('planner', 'GET', url('/requirements/R-1'))).json()) as {
        version: number;
      };
      expectInvalid(
        await call('planner', 'PATCH', url('/requirements/R-1'), { version: r1.version, sector: 'kyiv' }),
        [{ path: 'sector', message: unknownSector('kyiv') }],
      );
      const o1 = (await call('planner', 'GET', url('/offers/OFF-1'))).json() as { version: number };
      expectInvalid(
        await call('liaison-gbr', 'PATCH', url('/offers/OFF-1'), {
          version: o1.version,
          caveats: { excludedSectors: ['Donetsk'] },
        }),
        [{ path: 'caveats.excludedSectors[0]', message: unknownSector('Donetsk') }],
      );
      // Listed sectors are fine, for the liaison officer too.
      const ok = await call('liaison-gbr', 'PATCH', url('/offers/OFF-1'), {
        version: o1.version,
        caveats: { excludedSectors: ['Dnipro'] },
      });
      expect(ok.statusCode, ok.body).toBe(200);
    });

    it('keeps every sector in use on the list: dropping one is 400 naming it and its user', async () => {
      expectInvalid(await patchSectors(['Dnipro']), [
        { path: 'mission.sectors', message: /must keep sector "Kyiv": requirement line R-1 names it/ },
      ]);
      // Dnipro: a destination of the deployment settings and excluded by offers.
      expectInvalid(await patchSectors(['Kyiv']), [
        {
          path: 'mission.sectors',
          message: /must keep sector "Dnipro": offer OFF-1 \(excluded sector\) names it/,
        },
      ]);
      expectInvalid(await patchSectors(['Kyiv', 'Dnipro', 'Kyiv']), [
        { path: 'mission.sectors[2].name', message: 'duplicates mission.sectors[0].name "Kyiv"' },
      ]);
      expect((await header()).mission.sectors.map((s) => s.name)).toEqual(['Kyiv', 'Dnipro']);
    });

    it('takes a new sector once listed, and lets it go once nothing names it', async () => {
      const added = await patchSectors(['Kyiv', 'Dnipro', 'Donetsk']);
      expect(added.statusCode, added.body).toBe(200);
      const created = await call(
        'planner',
        'POST',
        url('/requirements'),
        requirement({ id: 'R-9', sector: 'Donetsk' }),
      );
      expect(created.statusCode, created.body).toBe(201);
      expectInvalid(await patchSectors(['Kyiv', 'Dnipro']), [
        { path: 'mission.sectors', message: /must keep sector "Donetsk": requirement line R-9 names it/ },
      ]);
      const gone = await call('planner', 'DELETE', url('/requirements/R-9?version=1'));
      expect(gone.statusCode, gone.body).toBe(204);
      const dropped = await patchSectors(['Kyiv', 'Dnipro']);
      expect(dropped.statusCode, dropped.body).toBe(200);
    });

    it('refuses deployment settings whose destinations name an unknown sector', async () => {
      const h = await header();
      const deployment = h.deployment as Json & { sectorDestinations: Json };
      const r = await call('planner', 'PATCH', url(''), {
        version: h.version,
        deployment: {
          ...deployment,
          sectorDestinations: { ...deployment.sectorDestinations, Crimea: 'ukr-kyiv' },
        },
      });
      expectInvalid(r, [{ path: 'deployment.sectorDestinations.Crimea', message: unknownSector('Crimea') }]);
    });

    it('refuses a document naming an unknown sector at the exact field', async () => {
      const doc = deploymentScenario({ id: 'sectors-bad' });
      doc.mission.sectors = [{ name: 'Kyiv' }, { name: 'Dnipro' }];
      doc.offers![1] = offer({ id: 'OFF-2', nation: 'FRA', caveats: { excludedSectors: ['Donetsk'] } });
      expectInvalid(await call('planner', 'POST', '/api/scenarios', doc), [
        { path: 'offers[1].caveats.excludedSectors[0]', message: unknownSector('Donetsk') },
      ]);
    });

    it('imports a version-1 document with the list derived from the sectors it names', async () => {
      const { sectors: _none, ...mission } = deploymentScenario().mission;
      const old = { ...deploymentScenario({ id: 'sectors-v1' }), schemaVersion: 1, mission };
      const r = await call('planner', 'POST', '/api/scenarios', old);
      expect(r.statusCode, r.body).toBe(201);
      const exported = await call('planner', 'GET', '/api/scenarios/sectors-v1/export');
      expect(exported.statusCode, exported.body).toBe(200);
      const doc = exported.json() as { schemaVersion: number; mission: { sectors: { name: string }[] } };
      expect(doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
      expect(doc.mission.sectors).toEqual([{ name: 'Kyiv' }, { name: 'Dnipro' }]);
    });
  });
}
