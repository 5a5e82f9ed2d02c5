// Delivery probabilities for single nations (`assumptions.nationDeliveryProbability`), through the
// API in process on PGlite and PostgreSQL: a planner sets one in the scenario header, the resilience
// Monte Carlo draws that nation with it whatever its stance; a name that is not a nation of the
// scenario is 400 at its field, on import and on the header's PATCH; a nation the figure names
// cannot be deleted from under it; and a viewer from whom the nation is withheld does not see it in
// the header, as with the host nation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skippedFor } from '../../test-summary.ts';
import { deploymentScenario } from '../domain/test-fixtures.ts';
import type { TestApp } from './test-app.ts';
import { testBackends, type TestBackend } from './test-backends.ts';
import type { TestUserName } from './test-server.ts';

for (const backend of testBackends('delivery-probability', 'dp')) describeDelivery(backend);

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';
interface Header {
  version: number;
  assumptions?: { nationDeliveryProbability?: Record<string, number> };
}
interface Issues {
  error: { code: string; issues?: { path: string; message: string }[] };
}
interface Resilience {
  result: {
    monteCarlo: { nations: { nation: string; probability: number; probabilityFrom: string }[] };
  };
}

const S = 'per-nation';
const url = (path: string) => `/api/scenarios/${S}${path}`;

function describeDelivery(backend: TestBackend): void {
  describe(`delivery probability per nation (${backend.name})`, skippedFor(backend.skipReason), () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await backend.open();
      const r = await call('planner', 'POST', '/api/scenarios', deploymentScenario({ id: S }));
      expect(r.statusCode, r.body).toBe(201);
    });
    afterAll(async () => {
      await t?.close();
      await backend.dispose();
    });

    const call = (user: TestUserName, method: Method, path: string, payload?: unknown) =>
      t.call(user, method, path, payload);

    const header = async (user: TestUserName = 'planner') =>
      (await call(user, 'GET', url(''))).json() as Header;

    it('is set in the header and drawn by the Monte Carlo, whatever the stance', async () => {
      const before = await header();
      const r = await call('planner', 'PATCH', url(''), {
        version: before.version,
        assumptions: { nationDeliveryProbability: { FRA: 0.25 }, assumption: 'Planning judgement.' },
      });
      expect(r.statusCode, r.body).toBe(200);
      expect((await header()).assumptions?.nationDeliveryProbability).toEqual({ FRA: 0.25 });
      const res = (await call('planner', 'GET', url('/analysis/resilience?draws=200'))).json() as Resilience;
      const fra = res.result.monteCarlo.nations.find((n) => n.nation === 'FRA');
      expect(fra).toMatchObject({ probability: 0.25, probabilityFrom: 'nation-override' });
      const gbr = res.result.monteCarlo.nations.find((n) => n.nation === 'GBR');
      expect(gbr?.probabilityFrom).toBe('stance');
    });

    it('refuses a name that is not a nation of the scenario, at its field', async () => {
      const { version } = await header();
      const r = await call('planner', 'PATCH', url(''), {
        version,
        assumptions: { nationDeliveryProbability: { DEU: 0.5 } },
      });
      expect(r.statusCode, r.body).toBe(400);
      expect((r.json() as Issues).error.issues).toEqual([
        {
          path: 'assumptions.nationDeliveryProbability.DEU',
          message: `names unknown nation "DEU" in scenario ${S}`,
        },
      ]);
      const out = await call('planner', 'PATCH', url(''), {
        version,
        assumptions: { nationDeliveryProbability: { FRA: 1.5 } },
      });
      expect(out.statusCode, out.body).toBe(400);
      expect((out.json() as Issues).error.issues?.[0]?.path).toBe(
        'assumptions.nationDeliveryProbability.FRA',
      );
      const imported = await call(
        'planner',
        'POST',
        '/api/scenarios',
        deploymentScenario({
          id: 'per-nation-bad',
          assumptions: { nationDeliveryProbability: { DEU: 0.5 } },
        }),
      );
      expect(imported.statusCode, imported.body).toBe(400);
      expect((imported.json() as Issues).error.issues?.[0]).toMatchObject({
        path: 'assumptions.nationDeliveryProbability.DEU',
      });
    });

    it('keeps the nation it names: deleting that nation is refused', async () => {
      const fra = (await call('planner', 'GET', url('/nations/FRA'))).json() as { version: number };
      const r = await call('planner', 'DELETE', url(`/nations/FRA?version=${fra.version}`));
      expect(r.statusCode).toBeGreaterThanOrEqual(400);
      expect(r.body).toContain("the scenario's assumptions (its delivery probability)");
      expect((await call('planner', 'GET', url('/nations/FRA'))).statusCode).toBe(200);
    });

    it('names the nation only to viewers who may see it', async () => {
      const fra = (await call('planner', 'GET', url('/nations/FRA'))).json() as { version: number };
      const marked = await call('planner', 'PATCH', url('/nations/FRA'), {
        version: fra.version,
        releasability: { level: 'REL_TO', nations: ['FRA'] },
      });
      expect(marked.statusCode, marked.body).toBe(200);
      expect((await header('liaison-gbr')).assumptions?.nationDeliveryProbability).toEqual({});
      expect((await header('liaison-fra')).assumptions?.nationDeliveryProbability).toEqual({ FRA: 0.25 });
      const list = (await call('liaison-gbr', 'GET', '/api/scenarios')).body;
      expect(list).not.toContain('"FRA":0.25');
      const exported = (await call('liaison-gbr', 'GET', url('/export'))).body;
      expect(exported).not.toContain('"FRA":0.25');
    });
  });
}
