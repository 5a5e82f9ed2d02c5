// Branching a variant through the API, on PGlite and PostgreSQL: a planner branches "Germany joins"
// from the reference scenario; the variant records its parent and the version it was branched from
// and the what-ifs made, says where the change alone moves nothing, exports as a valid document and
// is edited like any scenario. Bad what-ifs are 400 at their field, a taken id is 409, and liaison
// officers and observers may not branch.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skippedFor } from '../../test-summary.ts';
import { parseScenarioValue } from '../domain/scenario-document.ts';
import type { TestApp } from './test-app.ts';
import { testBackends, type TestBackend } from './test-backends.ts';
import type { TestUserName } from './test-server.ts';

for (const backend of testBackends('branch', 'br')) describeBranch(backend);

type Method = 'GET' | 'POST' | 'PATCH';
interface Summary {
  id: string;
  name: string;
  version: number;
  variantOf?: { parent: string; parentVersion: number; whatIfs: { title: string; notes: string[] }[] };
}
interface Issues {
  error: { code: string; issues?: { path: string; message: string }[] };
}

const BASE = 'article-2025-03';

function describeBranch(backend: TestBackend): void {
  describe(`branching a variant (${backend.name})`, skippedFor(backend.skipReason), () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await backend.open({ seed: true });
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      await backend.dispose();
    });

    const call = (user: TestUserName, method: Method, path: string, payload?: unknown) =>
      t.call(user, method, path, payload);

    it('branches "Germany joins", recording the parent, its version and what the what-if did', async () => {
      const parent = (await call('planner', 'GET', `/api/scenarios/${BASE}`)).json() as Summary;
      const r = await call('planner', 'POST', `/api/scenarios/${BASE}/branch`, {
        id: 'germany-joins',
        whatIfs: [{ kind: 'nation-joins', nation: 'DEU' }],
      });
      expect(r.statusCode, r.body).toBe(201);
      expect(r.headers.location).toBe('/api/scenarios/germany-joins');
      const variant = r.json() as Summary;
      expect(variant.name).toBe(`${parent.name}: Germany joins (caveats kept)`);
      expect(variant.variantOf).toMatchObject({ parent: BASE, parentVersion: parent.version });
      expect(variant.variantOf?.whatIfs[0]?.notes[0]).toMatch(
        /require a US backstop: they still do not count/,
      );

      // The variant's stance is current, its offers confirmed; the parent is as it was.
      const overview = (await call('planner', 'GET', '/api/scenarios/germany-joins/overview')).json() as {
        nations: { id: string; currentStance: { stance: string } | null }[];
      };
      expect(overview.nations.find((n) => n.id === 'DEU')?.currentStance?.stance).toBe('committed');
      const still = (await call('planner', 'GET', `/api/scenarios/${BASE}`)).json() as Summary;
      expect(still.version).toBe(parent.version);

      // It exports as a valid document that keeps its record of where it came from.
      const exported = (
        await call('planner', 'GET', '/api/scenarios/germany-joins/export')
      ).json() as unknown;
      const parsed = parseScenarioValue(exported);
      expect(parsed.ok).toBe(true);
      expect(parsed.ok && parsed.document.variantOf?.parent).toBe(BASE);

      // And is edited like any scenario.
      const patched = await call('planner', 'PATCH', '/api/scenarios/germany-joins', {
        version: variant.version,
        name: 'Germany joins, edited',
      });
      expect(patched.statusCode, patched.body).toBe(200);
      expect((patched.json() as Summary).variantOf?.parent).toBe(BASE);
    });

    it('makes several what-ifs in order: the US backstop, then a month-long crossing closure', async () => {
      const r = await call('planner', 'POST', `/api/scenarios/${BASE}/branch`, {
        id: 'backstop-and-medyka',
        name: 'Backstop, Medyka closed',
        whatIfs: [
          { kind: 'us-backstop' },
          { kind: 'close-node', node: 'POL-MEDYKA-ROAD', from: 1, to: 30, reason: 'crossing closed' },
        ],
      });
      expect(r.statusCode, r.body).toBe(201);
      const v = r.json() as Summary;
      expect(v.name).toBe('Backstop, Medyka closed');
      expect(v.variantOf?.whatIfs.map((w) => w.title)).toEqual([
        'The US gives a backstop',
        expect.stringMatching(/closed C\+1 to C\+30$/),
      ]);
    });

    it('refuses a what-if naming what the scenario lacks, at its field, and stores nothing', async () => {
      const r = await call('planner', 'POST', `/api/scenarios/${BASE}/branch`, {
        id: 'no-such-nation',
        whatIfs: [{ kind: 'us-backstop' }, { kind: 'nation-joins', nation: 'JPN' }],
      });
      expect(r.statusCode, r.body).toBe(400);
      expect((r.json() as Issues).error.issues).toEqual([
        { path: 'whatIfs[1].nation', message: 'names unknown nation "JPN"' },
      ]);
      expect((await call('planner', 'GET', '/api/scenarios/no-such-nation')).statusCode).toBe(404);
      const bad = await call('planner', 'POST', `/api/scenarios/${BASE}/branch`, {
        id: 'bad-window',
        whatIfs: [{ kind: 'close-arc', arc: 'x', from: 5, to: 1, reason: 'r' }],
      });
      expect(bad.statusCode, bad.body).toBe(400);
      const unknownKind = await call('planner', 'POST', `/api/scenarios/${BASE}/branch`, {
        id: 'bad-kind',
        whatIfs: [{ kind: 'invade' }],
      });
      expect(unknownKind.statusCode).toBe(400);
      expect((unknownKind.json() as Issues).error.issues?.[0]?.path).toMatch(/^whatIfs\[0\]/);
    });

    it('refuses a taken id (409) and anyone but coalition staff (403)', async () => {
      const taken = await call('planner', 'POST', `/api/scenarios/${BASE}/branch`, { id: BASE });
      expect(taken.statusCode, taken.body).toBe(409);
      for (const user of ['liaison-gbr', 'observer'] as const) {
        const r = await call(user, 'POST', `/api/scenarios/${BASE}/branch`, { id: `by-${user}` });
        expect(r.statusCode, `${user}: ${r.body}`).toBe(403);
      }
    });
  });
}
