// The machine operator's credential (AuthService.issueOperatorToken, the auth hook): what a CLI
// command beside a server on the embedded store signs its requests with. It acts with the
// operator's rights, named `cli:<os user>` in the audit log; it has no session; it is honoured only
// in the Authorization header and only until it is revoked.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiScenario } from '../domain/api-test-fixtures.ts';
import { OPERATOR_USER_HEADER, SESSION_COOKIE } from './auth.ts';
import { openTestApp, type TestApp } from './test-app.ts';

let t: TestApp;
let token: string;

beforeAll(async () => {
  t = await openTestApp();
  token = t.inst.auth.issueOperatorToken();
});
afterAll(async () => {
  await t.close();
});

const asOperator = (osUser?: string) => ({
  authorization: `Bearer ${token}`,
  ...(osUser !== undefined && { [OPERATOR_USER_HEADER]: osUser }),
});

describe('the operator credential', () => {
  it("acts with the operator's rights, named after the OS user it sends", async () => {
    const created = await t.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: asOperator('maria'),
      payload: apiScenario(),
    });
    expect(created.statusCode, created.body).toBe(201);
    const users = await t.app.inject({ url: '/api/users', headers: asOperator('maria') });
    expect(users.statusCode).toBe(200);
    const audit = await t.app.inject({ url: '/api/audit?scenario=api-test', headers: t.as('admin') });
    expect((audit.json() as { items: { actor: string }[] }).items.map((e) => e.actor)).toEqual(['cli:maria']);
  });

  it('names a user it cannot trust the name of just `cli`', async () => {
    for (const osUser of [undefined, 'a b', 'x'.repeat(65), 'cli:admin']) {
      const r = await t.app.inject({
        method: 'POST',
        url: '/api/scenarios?id=named-cli',
        headers: asOperator(osUser),
        payload: apiScenario(),
      });
      expect(r.statusCode, r.body).toBe(201);
      const audit = await t.app.inject({ url: '/api/audit?scenario=named-cli', headers: t.as('admin') });
      expect((audit.json() as { items: { actor: string }[] }).items[0]?.actor).toBe('cli');
      const del = await t.app.inject({
        method: 'DELETE',
        url: '/api/scenarios/named-cli?version=1',
        headers: asOperator(),
      });
      expect(del.statusCode, del.body).toBe(204);
    }
  });

  it('has no session, and a session token is not made the operator by the header', async () => {
    const me = await t.app.inject({ url: '/api/auth/me', headers: asOperator('maria') });
    expect(me.statusCode).toBe(401);
    const liaison = await t.app.inject({
      url: '/api/users',
      headers: { ...t.as('liaison-gbr'), [OPERATOR_USER_HEADER]: 'maria' },
    });
    expect(liaison.statusCode).toBe(403);
  });

  it('is not accepted as the session cookie', async () => {
    const r = await t.app.inject({
      url: '/api/scenarios',
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    expect(r.statusCode).toBe(401);
  });

  it('ends when revoked, and a new one replaces the old', async () => {
    const old = token;
    token = t.inst.auth.issueOperatorToken();
    expect(token).not.toBe(old);
    const stale = await t.app.inject({ url: '/api/scenarios', headers: { authorization: `Bearer ${old}` } });
    expect(stale.statusCode).toBe(401);
    expect((await t.app.inject({ url: '/api/scenarios', headers: asOperator() })).statusCode).toBe(200);
    t.inst.auth.revokeOperatorToken();
    expect((await t.app.inject({ url: '/api/scenarios', headers: asOperator() })).statusCode).toBe(401);
  });
});
