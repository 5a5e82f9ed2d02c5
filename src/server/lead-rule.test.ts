// The coalition's lead role is set by planners only (authorizeLeadStance in src/domain/access.ts),
// through the API in process on PGlite and PostgreSQL: a liaison officer may not create a stance
// entry saying `lead` for its own nation, patch its own entry into one, or change or delete a `lead`
// entry a planner wrote; each refusal is 403 naming `stance`, and changes nothing. Other entries of
// its own nation it still writes, and planners write `lead` entries as before.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skippedFor } from '../../test-summary.ts';
import { sampleScenario, stance } from '../domain/test-fixtures.ts';
import type { TestApp } from './test-app.ts';
import { testBackends, type TestBackend } from './test-backends.ts';
import type { TestUserName } from './test-server.ts';

for (const backend of testBackends('lead rule', 'lr')) describeLeadRule(backend);

type Json = Record<string, unknown>;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

const S = 'lead-rule';
const STANCES = `/api/scenarios/${S}/stances`;
const entryUrl = (id: string) => `${STANCES}/${encodeURIComponent(id)}`;

function describeLeadRule(backend: TestBackend): void {
  describe(`the lead role is the planners' (${backend.name})`, skippedFor(backend.skipReason), () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await backend.open();
      // GBR's two entries (GBR-1, GBR-2) and FRA's (FRA-1) say `lead`, as planners imported them.
      const r = await call('planner', 'POST', '/api/scenarios', { ...sampleScenario(), id: S });
      expect(r.statusCode, r.body).toBe(201);
    });
    afterAll(async () => {
      await t?.close();
      await backend.dispose();
    });

    const call = (user: TestUserName, method: Method, url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: t.as(user),
        ...(payload !== undefined && { payload: payload as object }),
      });

    async function stored(id: string): Promise<Json & { version: number }> {
      const r = await call('planner', 'GET', entryUrl(id));
      expect(r.statusCode, r.body).toBe(200);
      return r.json() as Json & { version: number };
    }

    async function auditCount(): Promise<number> {
      const r = await call('planner', 'GET', `/api/audit?scenario=${S}&limit=1000`);
      expect(r.statusCode, r.body).toBe(200);
      return (r.json() as { items: unknown[] }).items.length;
    }

    /** 403, the field `stance` named with the reason, and nothing written. */
    async function expectLeadRefused(write: () => Promise<LightMyRequestResponse>, what: string) {
      const before = { entries: (await call('planner', 'GET', STANCES)).body, audit: await auditCount() };
      const r = await write();
      expect(r.statusCode, `${what}: ${r.body}`).toBe(403);
      const { error } = r.json() as ErrorBody;
      expect(error.code, what).toBe('forbidden');
      expect(
        error.issues?.map((i) => i.path),
        what,
      ).toEqual(['stance']);
      expect(error.issues?.[0]?.message, what).toMatch(/only planners set/);
      const after = { entries: (await call('planner', 'GET', STANCES)).body, audit: await auditCount() };
      expect(after, `${what}: nothing written`).toEqual(before);
    }

    it('refuses a liaison officer creating a lead entry for its own nation', async () => {
      await expectLeadRefused(
        () =>
          call('liaison-gbr', 'POST', STANCES, {
            ...stance({ stance: 'lead', date: '2026-02-01' }),
            nation: 'GBR',
          }),
        'create with an id chosen by the server',
      );
      await expectLeadRefused(
        () =>
          call('liaison-gbr', 'POST', STANCES, {
            ...stance({ stance: 'lead', date: '2026-02-01' }),
            id: 'GBR-9',
            nation: 'GBR',
          }),
        'create with its own id',
      );
    });

    it('refuses a liaison officer patching its own entry into lead', async () => {
      const created = await call('liaison-gbr', 'POST', STANCES, {
        ...stance({ stance: 'committed', date: '2026-02-02' }),
        nation: 'GBR',
      });
      expect(created.statusCode, created.body).toBe(201);
      const entry = created.json() as Json & { id: string; version: number };
      await expectLeadRefused(
        () => call('liaison-gbr', 'PATCH', entryUrl(entry.id), { version: entry.version, stance: 'lead' }),
        'patch into lead',
      );
      // The same liaison still changes the entry in other ways.
      const ok = await call('liaison-gbr', 'PATCH', entryUrl(entry.id), {
        version: entry.version,
        stance: 'supportive',
      });
      expect(ok.statusCode, ok.body).toBe(200);
    });

    it("refuses a liaison officer changing or deleting a planner's lead entry", async () => {
      const lead = await stored('GBR-1');
      expect(lead.stance).toBe('lead');
      await expectLeadRefused(
        () => call('liaison-gbr', 'PATCH', entryUrl('GBR-1'), { version: lead.version, stance: 'committed' }),
        'patch a lead entry into another stance',
      );
      await expectLeadRefused(
        () =>
          call('liaison-gbr', 'PATCH', entryUrl('GBR-1'), {
            version: lead.version,
            statement: 'Rewritten by the liaison.',
          }),
        "patch a lead entry's statement",
      );
      await expectLeadRefused(
        () => call('liaison-gbr', 'DELETE', `${entryUrl('GBR-1')}?version=${lead.version}`),
        'delete a lead entry',
      );
      expect(await stored('GBR-1')).toEqual(lead);
    });

    it("keeps the other nation's rule first: another nation's entry is 403 for the nation, not the stance", async () => {
      const fra = await stored('FRA-1');
      const r = await call('liaison-gbr', 'PATCH', entryUrl('FRA-1'), {
        version: fra.version,
        stance: 'lead',
      });
      expect(r.statusCode, r.body).toBe(403);
      expect((r.json() as ErrorBody).error.message).toMatch(/own nation/);
    });

    it("refuses a liaison officer setting its nation's coalition role: nations are the planners'", async () => {
      const gbr = (await call('planner', 'GET', `/api/scenarios/${S}/nations/GBR`)).json() as {
        version: number;
      };
      const r = await call('liaison-gbr', 'PATCH', `/api/scenarios/${S}/nations/GBR`, {
        version: gbr.version,
        role: 'lead',
      });
      expect(r.statusCode, r.body).toBe(403);
    });

    it('lets planners set, change and delete the lead role', async () => {
      const created = await call('planner', 'POST', STANCES, {
        ...stance({ stance: 'lead', date: '2026-02-03' }),
        nation: 'FRA',
      });
      expect(created.statusCode, created.body).toBe(201);
      const entry = created.json() as Json & { id: string; version: number };
      const patched = await call('planner', 'PATCH', entryUrl(entry.id), {
        version: entry.version,
        stance: 'committed',
      });
      expect(patched.statusCode, patched.body).toBe(200);
      const again = await call('planner', 'PATCH', entryUrl(entry.id), {
        version: entry.version + 1,
        stance: 'lead',
      });
      expect(again.statusCode, again.body).toBe(200);
      const deleted = await call('planner', 'DELETE', `${entryUrl(entry.id)}?version=${entry.version + 2}`);
      expect(deleted.statusCode, deleted.body).toBe(204);
    });
  });
}
