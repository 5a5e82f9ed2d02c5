// Changing a user's role and nation through the API (PATCH /api/users/:id), in process on PGlite and
// PostgreSQL: the change carries the version read, and a stale one is 409 with the account as it now
// is (never a hash), so two administrators changing one user never overwrite each other silently;
// a role without the nation it needs, or staff with one, is 400 on `nation`; the new role and nation
// apply to the user's open session at once; only administrators may change them; each change is
// audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skippedFor } from '../../test-summary.ts';
import type { TestApp } from './test-app.ts';
import { testBackends, type TestBackend } from './test-backends.ts';
import { TEST_PASSWORD, type TestUserName } from './test-server.ts';

for (const backend of testBackends('user access', 'ua')) describeUserAccess(backend);

interface UserBody {
  id: string;
  role: string;
  nation: string | null;
  version: number;
}

interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[]; current?: unknown };
}

function describeUserAccess(backend: TestBackend): void {
  describe(`changing a user's role and nation (${backend.name})`, skippedFor(backend.skipReason), () => {
    let t: TestApp;
    let token: string;

    beforeAll(async () => {
      t = await backend.open();
      const created = await call('admin', 'POST', '/api/users', {
        id: 'est-lno',
        displayName: 'Estonian LNO',
        role: 'liaison',
        nation: 'EST',
        password: TEST_PASSWORD,
        mustChangePassword: false,
      });
      expect(created.statusCode, created.body).toBe(201);
      token = await t.login('est-lno');
    });
    afterAll(async () => {
      await t?.close();
      await backend.dispose();
    });

    const call = (user: TestUserName, method: 'GET' | 'POST' | 'PATCH', url: string, payload?: unknown) =>
      t.app.inject({
        method,
        url,
        headers: t.as(user),
        ...(payload !== undefined && { payload: payload as object }),
      });
    const patch = (payload: object, user: TestUserName = 'admin') =>
      call(user, 'PATCH', '/api/users/est-lno', payload);
    const current = async () => (await call('admin', 'GET', '/api/users/est-lno')).json() as UserBody;
    const me = async () =>
      (
        await t.app.inject({
          method: 'GET',
          url: '/api/auth/me',
          headers: { authorization: `Bearer ${token}` },
        })
      ).json() as UserBody;

    it('changes role and nation with the version read, and the open session follows at once', async () => {
      const before = await current();
      const r = await patch({ version: before.version, role: 'liaison', nation: 'LVA' });
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json()).toMatchObject({ role: 'liaison', nation: 'LVA', version: before.version + 1 });
      expect(await me()).toMatchObject({ role: 'liaison', nation: 'LVA' });
      const audit = await call('admin', 'GET', '/api/audit?entity=users&key=est-lno&limit=1');
      expect((audit.json() as { items: unknown[] }).items[0]).toMatchObject({
        action: 'update',
        actor: 'admin',
        before: { nation: 'EST' },
        after: { nation: 'LVA' },
      });
    });

    it('refuses a role without the nation it needs, or staff with one, on the nation field', async () => {
      const { version } = await current();
      const liaisonWithout = await patch({ version, role: 'liaison', nation: null });
      expect(liaisonWithout.statusCode, liaisonWithout.body).toBe(400);
      expect((liaisonWithout.json() as ErrorBody).error.issues).toEqual([
        { path: 'nation', message: 'is required for a liaison officer' },
      ]);
      const plannerWith = await patch({ version, role: 'planner', nation: 'EST' });
      expect((plannerWith.json() as ErrorBody).error.issues?.map((i) => i.path)).toEqual(['nation']);
      const notIso = await patch({ version, nation: 'XYZ' });
      expect(notIso.statusCode).toBe(400);
      expect((notIso.json() as ErrorBody).error.issues).toEqual([
        { path: 'nation', message: '"XYZ" is not an ISO 3166-1 alpha-3 code' },
      ]);
      expect((await current()).version).toBe(version);
    });

    it('answers a stale version with 409 and the account as it now is, never a hash', async () => {
      const read = await current();
      // Another administrator got there first.
      expect((await patch({ version: read.version, role: 'observer', nation: null })).statusCode).toBe(200);
      const late = await patch({ version: read.version, role: 'liaison', nation: 'FIN' });
      expect(late.statusCode, late.body).toBe(409);
      const { error } = late.json() as ErrorBody;
      expect(error.code).toBe('conflict');
      expect(error.current).toMatchObject({
        id: 'est-lno',
        role: 'observer',
        nation: null,
        version: read.version + 1,
      });
      expect(late.body).not.toMatch(/scrypt|passwordHash|password_hash/);
      expect(await current()).toMatchObject({ role: 'observer', nation: null });
      // Reloaded, the change goes through.
      const retried = await patch({ version: read.version + 1, role: 'liaison', nation: 'FIN' });
      expect(retried.statusCode, retried.body).toBe(200);
    });

    it('drops the nation of a user made staff, and is for administrators only', async () => {
      const { version } = await current();
      const planner = await patch({ version, role: 'planner' });
      expect(planner.statusCode, planner.body).toBe(200);
      expect(planner.json()).toMatchObject({ role: 'planner', nation: null });
      for (const user of ['planner', 'liaison-gbr', 'observer'] as const) {
        const r = await patch({ version: version + 1, role: 'administrator' }, user);
        expect(r.statusCode, `${user}: ${r.body}`).toBe(403);
      }
      expect((await current()).role).toBe('planner');
    });
  });
}
