import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiScenario } from '../../domain/api-test-fixtures.ts';
import { openTestApp, type TestApp } from '../test-app.ts';

const withId = (id: string, name: string) => ({ ...apiScenario(), id, name });

describe('backup and restore over HTTP', () => {
  let source: TestApp;
  let target: TestApp;
  let backup: { format: string; scenarios: { id: string }[]; users?: Record<string, unknown>[] };

  beforeAll(async () => {
    source = await openTestApp();
    target = await openTestApp();
    for (const doc of [withId('alpha', 'Alpha'), withId('bravo', 'Bravo')]) {
      const r = await source.app.inject({
        method: 'POST',
        url: '/api/scenarios',
        headers: source.as('planner'),
        payload: doc,
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it('is for administrators only', async () => {
    for (const user of ['planner', 'liaison-gbr', 'observer'] as const) {
      const r = await source.app.inject({ method: 'GET', url: '/api/backup', headers: source.as(user) });
      expect(r.statusCode, user).toBe(403);
      expect(r.json().error.code).toBe('forbidden');
      const p = await target.app.inject({
        method: 'POST',
        url: '/api/backup',
        headers: target.as(user),
        payload: { format: 'coalition-backup' },
      });
      expect(p.statusCode, user).toBe(403);
    }
    expect((await source.app.inject({ method: 'GET', url: '/api/backup' })).statusCode).toBe(401);
  });

  it('downloads every scenario, and the accounts only when asked, never a password hash', async () => {
    const plain = await source.app.inject({ method: 'GET', url: '/api/backup', headers: source.as('admin') });
    expect(plain.statusCode).toBe(200);
    expect(plain.headers['content-disposition']).toMatch(
      /^attachment; filename="coalition-backup-\d{4}-\d{2}-\d{2}\.json"$/,
    );
    expect(plain.json().users).toBeUndefined();

    const r = await source.app.inject({
      method: 'GET',
      url: '/api/backup?includeUsers=true',
      headers: source.as('admin'),
    });
    backup = r.json();
    expect(backup.format).toBe('coalition-backup');
    expect(backup.scenarios.map((s) => s.id)).toEqual(['alpha', 'bravo']);
    expect(backup.users?.map((u) => u.id).sort()).toEqual([
      'admin',
      'liaison-fra',
      'liaison-gbr',
      'observer',
      'planner',
    ]);
    const creds = await source.inst.store.getCredentials('planner');
    expect(r.body).not.toContain(creds!.passwordHash);
    expect(r.body).not.toMatch(/scrypt|passwordHash|hash/i);
  });

  it('refuses a flag that is neither true nor false, naming it', async () => {
    const r = await source.app.inject({
      method: 'GET',
      url: '/api/backup?includeUsers=yes',
      headers: source.as('admin'),
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.issues).toEqual([
      { path: 'query.includeUsers', message: 'must be "true" or "false"' },
    ]);
  });

  it('restores into another installation: same scenarios, new accounts with one-time passwords', async () => {
    const r = await target.app.inject({
      method: 'POST',
      url: '/api/backup',
      headers: target.as('admin'),
      payload: backup,
    });
    expect(r.statusCode, r.body).toBe(200);
    const report = r.json();
    expect(report.scenarios).toEqual([
      { id: 'alpha', name: 'Alpha', replaced: false },
      { id: 'bravo', name: 'Bravo', replaced: false },
    ]);
    // The target already had the test accounts: they are kept as they are.
    expect(report.keptUsers.sort()).toEqual(['admin', 'liaison-fra', 'liaison-gbr', 'observer', 'planner']);
    for (const id of ['alpha', 'bravo']) {
      const [a, b] = await Promise.all(
        [source, target].map((t) =>
          t.app.inject({ method: 'GET', url: `/api/scenarios/${id}/export`, headers: t.as('planner') }),
        ),
      );
      expect(b!.json()).toEqual(a!.json());
    }
  });

  it('creates accounts missing here, each with a one-time password that must be changed', async () => {
    const onlyNew = {
      ...backup,
      scenarios: [],
      users: [{ id: 'est-lno', displayName: 'Estonian LNO', role: 'liaison', nation: 'EST' }],
    };
    const r = await target.app.inject({
      method: 'POST',
      url: '/api/backup',
      headers: target.as('admin'),
      payload: onlyNew,
    });
    expect(r.statusCode, r.body).toBe(200);
    const [{ user, password }] = r.json().users;
    expect(user).toMatchObject({ id: 'est-lno', role: 'liaison', nation: 'EST', mustChangePassword: true });
    const token = await target.login('est-lno', password);
    const me = await target.app.inject({
      method: 'GET',
      url: '/api/auth/me',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(me.json()).toMatchObject({ id: 'est-lno', mustChangePassword: true });
  });

  it('refuses to overwrite without replace=true, and replaces every scenario in one go with it', async () => {
    const edited = {
      ...backup,
      scenarios: backup.scenarios.map((s) => ({ ...s, name: `${s.id} restored` })),
    };
    const clash = await target.app.inject({
      method: 'POST',
      url: '/api/backup',
      headers: target.as('admin'),
      payload: edited,
    });
    expect(clash.statusCode).toBe(409);
    expect(clash.json().error.message).toMatch(/alpha, bravo already exist/);
    const names = async () =>
      (await target.app.inject({ method: 'GET', url: '/api/scenarios', headers: target.as('planner') }))
        .json()
        .items.map((s: { name: string }) => s.name)
        .sort();
    expect(await names()).toEqual(['Alpha', 'Bravo']);

    const r = await target.app.inject({
      method: 'POST',
      url: '/api/backup?replace=true',
      headers: target.as('admin'),
      payload: edited,
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().scenarios.every((s: { replaced: boolean }) => s.replaced)).toBe(true);
    expect(await names()).toEqual(['alpha restored', 'bravo restored']);
  });

  it('checks the whole backup first: one bad document and nothing is restored', async () => {
    const bad = withId('charlie', 'Charlie');
    (bad.offers[0] as Record<string, unknown>).nation = 'XYZ';
    const r = await target.app.inject({
      method: 'POST',
      url: '/api/backup',
      headers: target.as('admin'),
      payload: { ...backup, users: [], scenarios: [withId('delta', 'Delta'), bad] },
    });
    expect(r.statusCode).toBe(400);
    expect(r.json().error.issues[0].path).toMatch(/^scenarios\[1\]\.offers\[0\]\.nation$/);
    const ids = (
      await target.app.inject({ method: 'GET', url: '/api/scenarios', headers: target.as('planner') })
    )
      .json()
      .items.map((s: { id: string }) => s.id);
    expect(ids).not.toContain('delta');
  });
});
