import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DecisionCheck, DecisionRecord } from '../../contract/compare.ts';
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

describe('backup and restore of decision records over HTTP', () => {
  let source: TestApp;
  let target: TestApp;
  let backup: {
    formatVersion: number;
    scenarios: { id: string }[];
    decisions: { id: string; scenario: string; decidedBy: string; decidedAt: string; body: unknown }[];
  };
  let decided: DecisionRecord[];

  const decisionsOf = async (t: TestApp, id: string) => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/scenarios/${id}/decisions`,
      headers: t.as('planner'),
    });
    expect(r.statusCode, r.body).toBe(200);
    return (r.json() as { items: DecisionRecord[] }).items;
  };
  const restore = (t: TestApp, payload: unknown, query = '') =>
    t.app.inject({
      method: 'POST',
      url: `/api/backup${query}`,
      headers: t.as('admin'),
      payload: payload as object,
    });

  beforeAll(async () => {
    source = await openTestApp();
    target = await openTestApp();
    const post = async (url: string, payload: object) => {
      const r = await source.app.inject({ method: 'POST', url, headers: source.as('planner'), payload });
      expect(r.statusCode, r.body).toBe(201);
      return r;
    };
    await post('/api/scenarios', withId('alpha', 'Alpha'));
    await post('/api/scenarios/alpha/branch', { id: 'alpha-more', whatIfs: [] });
    await post('/api/scenarios', withId('bravo', 'Bravo'));
    for (const chosen of ['alpha', 'alpha-more']) {
      await post('/api/scenarios/alpha/decisions', {
        variants: ['alpha-more'],
        chosen,
        rationale: `${chosen} is ready sooner.`,
        parameters: { draws: 50 },
      });
    }
    decided = await decisionsOf(source, 'alpha');
    expect(decided.map((d) => d.chosen)).toEqual(['alpha-more', 'alpha']);
  });
  afterAll(async () => {
    await source?.close();
    await target?.close();
  });

  it('writes every decision record into the backup, as recorded, and no password hash', async () => {
    const r = await source.app.inject({
      method: 'GET',
      url: '/api/backup?includeUsers=true',
      headers: source.as('admin'),
    });
    expect(r.statusCode).toBe(200);
    backup = r.json();
    expect(backup.formatVersion).toBe(3);
    expect(backup.scenarios.map((s) => s.id)).toEqual(['alpha', 'alpha-more', 'bravo']);
    // Oldest first; each names its scenario, who decided it and when.
    expect(backup.decisions.map((d) => [d.id, d.scenario, d.decidedBy, d.decidedAt])).toEqual(
      [...decided].reverse().map((d) => [d.id, 'alpha', 'planner', d.decidedAt]),
    );
    const creds = await source.inst.store.getCredentials('planner');
    expect(r.body).not.toContain(creds!.passwordHash);
    expect(r.body).not.toMatch(/scrypt|passwordHash/i);
  });

  it('restores them on a fresh installation exactly as they were, and they reopen unchanged', async () => {
    const r = await restore(target, backup);
    expect(r.statusCode, r.body).toBe(200);
    expect(await decisionsOf(target, 'alpha')).toEqual(decided);
    expect(await decisionsOf(target, 'bravo')).toEqual([]);
    const reopened = await target.app.inject({
      method: 'GET',
      url: `/api/scenarios/alpha/decisions/${decided[0]!.id}`,
      headers: target.as('planner'),
    });
    expect(reopened.statusCode, reopened.body).toBe(200);
    expect((reopened.json() as DecisionCheck).status).toBe('unchanged');
    const audit = await target.app.inject({
      method: 'GET',
      url: '/api/audit?scenario=alpha&entity=decisions',
      headers: target.as('admin'),
    });
    expect(audit.statusCode, audit.body).toBe(200);
    const entries = (audit.json() as { items: { actor: string; action: string }[] }).items;
    expect(entries.map((e) => [e.actor, e.action])).toEqual([
      ['admin', 'import'],
      ['admin', 'import'],
    ]);
  });

  it('puts them back in place with replace=true: the same list, no copies', async () => {
    const r = await restore(target, backup, '?replace=true');
    expect(r.statusCode, r.body).toBe(200);
    expect(await decisionsOf(target, 'alpha')).toEqual(decided);
  });

  it('refuses a decision of a scenario not in the backup, naming it, and restores nothing', async () => {
    const fresh = await openTestApp();
    try {
      const stray = { ...backup.decisions[0]!, id: 'stray-decision', scenario: 'charlie' };
      const r = await restore(fresh, { ...backup, users: [], decisions: [...backup.decisions, stray] });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.issues).toEqual([
        {
          path: `decisions[${backup.decisions.length}].scenario`,
          message: 'names scenario "charlie", which is not in the backup',
        },
      ]);
      const list = await fresh.app.inject({
        method: 'GET',
        url: '/api/scenarios',
        headers: fresh.as('admin'),
      });
      expect(list.json().items).toEqual([]);
    } finally {
      await fresh.close();
    }
  });

  it('reads a version-1 backup (no decisions) and refuses one from a newer build by its version', async () => {
    const fresh = await openTestApp();
    try {
      const { decisions: _decisions, ...v1 } = { ...backup, formatVersion: 1, users: [] };
      const newer = await restore(fresh, { ...backup, formatVersion: 4 });
      expect(newer.statusCode).toBe(400);
      expect(newer.json().error.issues).toEqual([
        {
          path: 'formatVersion',
          message: 'is 4, newer than this software understands (3); upgrade Coalition Planner to restore it',
        },
      ]);
      const r = await restore(fresh, v1);
      expect(r.statusCode, r.body).toBe(200);
      expect(r.json().scenarios.map((s: { id: string }) => s.id)).toEqual(['alpha', 'alpha-more', 'bravo']);
      expect(await decisionsOf(fresh, 'alpha')).toEqual([]);
    } finally {
      await fresh.close();
    }
  });
});
