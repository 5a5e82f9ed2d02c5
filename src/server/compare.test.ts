// Courses of action through the API, on PGlite and PostgreSQL: a planner branches variants of the
// reference scenario, compares them with the baseline (figures, deltas, drivers, input diffs, COA
// matrix), records a decision, reopens it before and after a variant is edited, and promotes a
// variant to baseline. Bad input is 400 at its field; liaison officers get a partial comparison and
// no decision records; a stale promotion is 409.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skippedFor } from '../../test-summary.ts';
import type { CompareEnvelope, DecisionCheck, DecisionRecord } from '../contract/compare.ts';
import type { AuditEntry } from '../domain/records.ts';
import type { TestApp } from './test-app.ts';
import { testBackends, type TestBackend } from './test-backends.ts';
import type { TestUserName } from './test-server.ts';

for (const backend of testBackends('compare', 'cmp')) describeCompare(backend);

type Method = 'GET' | 'POST' | 'PATCH';
interface Issues {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

const BASE = 'article-2025-03';
const DRAWS = 'draws=500';

function describeCompare(backend: TestBackend): void {
  describe(`courses of action (${backend.name})`, skippedFor(backend.skipReason), () => {
    let t: TestApp;

    const call = (user: TestUserName, method: Method, path: string, payload?: unknown) =>
      t.call(user, method, path, payload);
    const compare = async (query: string, user: TestUserName = 'planner') => {
      const r = await call(user, 'GET', `/api/scenarios/${BASE}/compare?${query}`);
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as CompareEnvelope;
    };
    const issuesOf = (r: { json: () => unknown }) => (r.json() as Issues).error.issues ?? [];

    beforeAll(async () => {
      t = await backend.open({ seed: true });
      for (const [id, whatIfs] of [
        ['cmp-backstop', [{ kind: 'us-backstop' }]],
        ['cmp-germany', [{ kind: 'nation-joins', nation: 'DEU', liftCaveats: true }]],
        ['cmp-italy-out', [{ kind: 'nation-withdraws', nation: 'ITA' }]],
      ] as const) {
        const r = await call('planner', 'POST', `/api/scenarios/${BASE}/branch`, { id, whatIfs });
        expect(r.statusCode, r.body).toBe(201);
      }
    }, 120_000);
    afterAll(async () => {
      await t?.close();
      await backend.dispose();
    });

    it('puts every figure of the baseline and its variants side by side, with deltas and drivers', async () => {
      const env = await compare(`variants=cmp-backstop,cmp-germany&${DRAWS}`);
      expect(env.baseline).toBe(BASE);
      expect(env.partial).toBe(false);
      expect(env.parameters.draws).toBe(500);
      const r = env.result;
      expect(r.scenarios.map((s) => s.id)).toEqual([BASE, 'cmp-backstop', 'cmp-germany']);
      expect(r.scenarios[2]?.variantOf).toMatchObject({
        parent: BASE,
        whatIfs: ['Germany joins (caveats lifted)'],
      });
      for (const f of r.figures) {
        expect(f.values).toHaveLength(3);
        f.values.forEach((v, i) => {
          const base = f.values[0];
          if (i > 0 && v !== null && base !== null && base !== undefined)
            expect(f.deltas[i]).toBeCloseTo(v - base, 6);
        });
      }
      // The headline figures are the figures analysis's own.
      const figures = (
        await call('planner', 'GET', `/api/scenarios/cmp-germany/analysis/figures`)
      ).json() as { result: { values: Record<string, number> } };
      const late = r.figures.find((f) => f.key === 'matchedLate')!;
      expect(late.values[2]).toBe(figures.result.values.matchedLate);
      expect(late.verdicts[2]).toBe('better');
      // Germany, its offers and the lines they fill are the drivers of the change.
      const nations = late.drivers[2]!.find((g) => g.dimension === 'nation')!;
      expect(nations.entries[0]).toMatchObject({ id: 'DEU', baseline: 0 });
      expect(nations.entries.reduce((s, e) => s + e.delta, 0) + (nations.rest ?? 0)).toBe(late.deltas[2]);
      expect(late.drivers[2]!.find((g) => g.dimension === 'offer')!.entries[0]!.id).toMatch(/^OFF-DEU-/);
      // What the variant changed in the inputs, matched by key.
      expect(r.inputs[0]).toBeNull();
      expect(r.inputs[2]?.summary.counts.offers?.changed).toBeGreaterThan(0);
      expect(r.inputs[2]?.records.stances?.added.length).toBe(1);
      // The charts to overlay and the matrix over the default criteria.
      expect(r.charts.closureCurves).toHaveLength(3);
      expect(r.charts.monteCarlo[1]?.draws).toBe(500);
      expect(r.coa.rows.map((row) => row.figure)).toEqual(r.criteria.map((c) => c.figure));
      expect(r.coa.places).toHaveLength(3);
      expect(r.scenarios.every((s) => /^[0-9a-f]{64}$/.test(s.inputsHash))).toBe(true);
    });

    it('ranks by the criteria asked for, and answers the same question from memory', async () => {
      const query = `variants=cmp-backstop,cmp-italy-out&${DRAWS}&criteria=sustainable12:1,closureDay100:0`;
      const first = await compare(query);
      expect(first.result.criteria).toEqual([
        { figure: 'sustainable12', weight: 1, benchmark: null },
        { figure: 'closureDay100', weight: 0, benchmark: null },
      ]);
      const sustained = first.result.figures.find((f) => f.key === 'sustainable12')!.values;
      // Italy's withdrawal sustains less than the baseline: it places last on the one weighted criterion.
      expect(sustained[2]!).toBeLessThan(sustained[0]!);
      expect(first.result.coa.places[2]).toBe(3);
      expect(await compare(query)).toEqual(first);
    });

    it('marks a liaison officer’s comparison partial', async () => {
      const env = await compare(`variants=cmp-backstop&${DRAWS}`, 'liaison-gbr');
      expect(env.partial).toBe(true);
    });

    it('refuses bad questions at their field', async () => {
      const bad = async (query: string, status = 400) => {
        const r = await call('planner', 'GET', `/api/scenarios/${BASE}/compare?${query}`);
        expect(r.statusCode, r.body).toBe(status);
        return r;
      };
      expect(issuesOf(await bad(''))[0]?.path).toBe('variants');
      expect(issuesOf(await bad(`variants=${BASE}`))).toEqual([
        { path: 'variants[0]', message: 'is the baseline itself' },
      ]);
      expect(issuesOf(await bad('variants=cmp-backstop,cmp-backstop'))[0]?.path).toBe('variants[1]');
      expect(issuesOf(await bad('variants=a,b,c,d,e,f,g'))[0]?.path).toBe('variants');
      expect(issuesOf(await bad('variants=cmp-backstop&criteria=matchedOnTime:heavy'))).toEqual([
        { path: 'criteria[0].weight', message: 'must be a number' },
      ]);
      expect(issuesOf(await bad('variants=cmp-backstop&criteria=target:1'))[0]?.path).toBe(
        'criteria[0].figure',
      );
      expect(issuesOf(await bad('variants=cmp-backstop&draws=0'))[0]?.path).toBe('draws');
      const missing = await bad('variants=no-such-scenario', 404);
      expect((missing.json() as Issues).error.message).toMatch(/no-such-scenario/);
    });

    it('records a decision, reopens it with the same figures, and names the inputs changed since', async () => {
      const request = {
        variants: ['cmp-backstop', 'cmp-germany'],
        chosen: 'cmp-germany',
        rationale: 'Germany with caveats lifted closes the armour gap without waiting for Washington.',
        parameters: { draws: 500 },
      };
      const made = await call('planner', 'POST', `/api/scenarios/${BASE}/decisions`, request);
      expect(made.statusCode, made.body).toBe(201);
      const decision = made.json() as DecisionRecord;
      expect(made.headers.location).toBe(`/api/scenarios/${BASE}/decisions/${decision.id}`);
      expect(decision).toMatchObject({ baseline: BASE, chosen: 'cmp-germany', decidedBy: 'planner' });
      expect(decision.scenarios.map((s) => s.id)).toEqual([BASE, 'cmp-backstop', 'cmp-germany']);
      const env = await compare(`variants=cmp-backstop,cmp-germany&${DRAWS}`);
      expect(decision.scenarios.map((s) => s.inputsHash)).toEqual(
        env.result.scenarios.map((s) => s.inputsHash),
      );
      expect(decision.figures).toEqual(env.result.figures.map((f) => ({ key: f.key, values: f.values })));

      const listed = (await call('planner', 'GET', `/api/scenarios/${BASE}/decisions`)).json() as {
        items: DecisionRecord[];
      };
      expect(listed.items[0]).toEqual(decision);

      const reopened = (
        await call('planner', 'GET', `/api/scenarios/${BASE}/decisions/${decision.id}`)
      ).json() as DecisionCheck;
      expect(reopened.status).toBe('unchanged');
      expect(reopened.recomputed).toEqual({ sameFigures: true, differences: [] });

      // An offer of a compared variant changes: the record says which, and does not recompute.
      const offer = (await call('planner', 'GET', '/api/scenarios/cmp-germany/offers/OFF-DEU-01')).json() as {
        version: number;
        quantity: number;
      };
      const edit = await call('planner', 'PATCH', '/api/scenarios/cmp-germany/offers/OFF-DEU-01', {
        version: offer.version,
        quantity: offer.quantity - 1,
      });
      expect(edit.statusCode, edit.body).toBe(200);
      const after = (
        await call('planner', 'GET', `/api/scenarios/${BASE}/decisions/${decision.id}`)
      ).json() as DecisionCheck;
      expect(after.status).toBe('changed');
      expect(after.recomputed).toBeNull();
      expect(after.scenarios).toEqual([
        { id: BASE, status: 'unchanged', changes: [] },
        { id: 'cmp-backstop', status: 'unchanged', changes: [] },
        {
          id: 'cmp-germany',
          status: 'changed',
          changes: [{ kind: 'offers', key: 'OFF-DEU-01', change: 'changed' }],
        },
      ]);
    });

    it('refuses a bad decision at its field, and decision records to anyone but coalition staff', async () => {
      const bad = await call('planner', 'POST', `/api/scenarios/${BASE}/decisions`, {
        variants: ['cmp-backstop'],
        chosen: 'cmp-germany',
        rationale: '   ',
      });
      expect(bad.statusCode, bad.body).toBe(400);
      expect(issuesOf(bad).map((i) => i.path)).toEqual(['rationale']);
      const notCompared = await call('planner', 'POST', `/api/scenarios/${BASE}/decisions`, {
        variants: ['cmp-backstop'],
        chosen: 'cmp-germany',
        rationale: 'r',
      });
      expect(issuesOf(notCompared).map((i) => i.path)).toEqual(['chosen']);
      const unknown = await call('planner', 'GET', `/api/scenarios/${BASE}/decisions/not-a-decision`);
      expect(unknown.statusCode).toBe(404);
      for (const user of ['liaison-gbr', 'observer'] as const) {
        const made = await call(user, 'POST', `/api/scenarios/${BASE}/decisions`, {
          variants: ['cmp-backstop'],
          chosen: BASE,
          rationale: 'r',
        });
        expect(made.statusCode, `${user}: ${made.body}`).toBe(403);
        expect((await call(user, 'GET', `/api/scenarios/${BASE}/decisions`)).statusCode).toBe(403);
      }
    });

    it('promotes a variant to baseline in one audited action, keeping the baseline’s decisions', async () => {
      const branched = await call('planner', 'POST', `/api/scenarios/${BASE}/branch`, {
        id: 'cmp-to-promote',
        whatIfs: [{ kind: 'target', personnel: 60000 }],
      });
      expect(branched.statusCode, branched.body).toBe(201);
      const decisionsBefore = (await call('planner', 'GET', `/api/scenarios/${BASE}/decisions`)).json() as {
        items: unknown[];
      };
      const parentBefore = (await call('planner', 'GET', `/api/scenarios/${BASE}`)).json() as {
        name: string;
        version: number;
      };

      for (const user of ['liaison-gbr', 'observer'] as const)
        expect((await call(user, 'POST', '/api/scenarios/cmp-to-promote/promote', {})).statusCode).toBe(403);
      const notVariant = await call('planner', 'POST', `/api/scenarios/${BASE}/promote`, {});
      expect(notVariant.statusCode).toBe(400);

      const r = await call('planner', 'POST', '/api/scenarios/cmp-to-promote/promote', {});
      expect(r.statusCode, r.body).toBe(200);
      const parent = (await call('planner', 'GET', `/api/scenarios/${BASE}/export`)).json() as {
        name: string;
        mission: { forceTarget: { personnel: number } };
        variantOf?: unknown;
      };
      expect(parent.mission.forceTarget.personnel).toBe(60000);
      expect(parent.name).toBe(parentBefore.name);
      expect(parent.variantOf).toBeUndefined();
      const decisionsAfter = (await call('planner', 'GET', `/api/scenarios/${BASE}/decisions`)).json() as {
        items: unknown[];
      };
      expect(decisionsAfter.items).toEqual(decisionsBefore.items);
      const audit = (await call('admin', 'GET', `/api/audit?scenario=${BASE}`)).json() as {
        items: AuditEntry[];
      };
      expect(audit.items.filter((e) => e.action === 'promote')).toHaveLength(1);

      // The parent's inputs have since changed (the promotion itself): refused, unless the caller
      // names the parent's content version the refusal gave.
      const stale = await call('planner', 'POST', '/api/scenarios/cmp-to-promote/promote', {});
      expect(stale.statusCode, stale.body).toBe(409);
      const current = (stale.json() as { error: { current: { contentVersion: number } } }).error.current;
      const wrong = await call('planner', 'POST', '/api/scenarios/cmp-to-promote/promote', {
        parentContentVersion: current.contentVersion - 1,
      });
      expect(wrong.statusCode).toBe(409);
      const forced = await call('planner', 'POST', '/api/scenarios/cmp-to-promote/promote', {
        parentContentVersion: current.contentVersion,
      });
      expect(forced.statusCode, forced.body).toBe(200);
      const badVersion = await call('planner', 'POST', '/api/scenarios/cmp-to-promote/promote', {
        parentContentVersion: 'latest',
      });
      expect(badVersion.statusCode).toBe(400);
    });

    it('refuses to promote over a record of the parent edited since the branch', async () => {
      const branched = await call('planner', 'POST', '/api/scenarios/cmp-germany/branch', {
        id: 'cmp-child',
        whatIfs: [{ kind: 'target', personnel: 50000 }],
      });
      expect(branched.statusCode, branched.body).toBe(201);
      // Only a record changes: the parent's header version stays where it was.
      const header = (await call('planner', 'GET', '/api/scenarios/cmp-germany')).json() as {
        version: number;
      };
      const offer = (await call('planner', 'GET', '/api/scenarios/cmp-germany/offers/OFF-DEU-02')).json() as {
        version: number;
        quantity: number;
      };
      const edit = await call('planner', 'PATCH', '/api/scenarios/cmp-germany/offers/OFF-DEU-02', {
        version: offer.version,
        quantity: offer.quantity + 1,
      });
      expect(edit.statusCode, edit.body).toBe(200);
      expect(
        ((await call('planner', 'GET', '/api/scenarios/cmp-germany')).json() as { version: number }).version,
      ).toBe(header.version);
      const r = await call('planner', 'POST', '/api/scenarios/cmp-child/promote', {});
      expect(r.statusCode, r.body).toBe(409);
      expect((r.json() as Issues).error.message).toMatch(/has changed since cmp-child was branched/);
      const still = (await call('planner', 'GET', '/api/scenarios/cmp-germany/offers/OFF-DEU-02')).json() as {
        quantity: number;
      };
      expect(still.quantity).toBe(offer.quantity + 1);
    });
  });
}
