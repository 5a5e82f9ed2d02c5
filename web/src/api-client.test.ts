import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, parseRetryAfter } from './api-client.ts';

interface Call {
  url: string;
  method: string;
  body: unknown;
}

/** A fetch that records each call and answers with the given status and JSON body. */
function fakeFetch(status: number, body?: unknown, statusText = '') {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
    });
    const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
    return new Response(text, { status, statusText, headers: { 'content-type': 'application/json' } });
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(ApiError);
  return e as ApiError;
}

describe('ApiClient', () => {
  it('unwraps list responses', async () => {
    const { fetch, calls } = fakeFetch(200, { items: [{ id: 'a' }, { id: 'b' }] });
    const client = new ApiClient({ baseUrl: 'http://host:1/', fetch });
    const items = await client.listScenarios();
    expect(items.map((s) => s.id)).toEqual(['a', 'b']);
    expect(calls[0]).toMatchObject({ url: 'http://host:1/api/scenarios', method: 'GET' });
  });

  it('spells collection paths as the API does and escapes keys', async () => {
    const { fetch, calls } = fakeFetch(200, { items: [] });
    const client = new ApiClient({ fetch });
    await client.listRecords('s1', 'rotationPolicies');
    await client.getRecord('s1', 'offers', 'OFF/1');
    expect(calls.map((c) => c.url)).toEqual([
      '/api/scenarios/s1/rotation-policies',
      '/api/scenarios/s1/offers/OFF%2F1',
    ]);
  });

  it('searches a scenario with the query in the URL, and builds CSV links', async () => {
    const { fetch, calls } = fakeFetch(200, { items: [], truncated: false });
    const client = new ApiClient({ baseUrl: 'http://host:1', fetch });
    expect(
      await client.searchScenario('s 1', { q: 'air & sea', kinds: ['offers', 'pledges'], limit: 5 }),
    ).toEqual({ items: [], truncated: false });
    await client.searchScenario('s1', { q: 'x', kinds: [] });
    expect(calls.map((c) => c.url)).toEqual([
      'http://host:1/api/scenarios/s%201/search?q=air+%26+sea&kinds=offers%2Cpledges&limit=5',
      'http://host:1/api/scenarios/s1/search?q=x',
    ]);
    expect(client.csvUrl('s1', 'rotationPolicies')).toBe(
      'http://host:1/api/scenarios/s1/rotation-policies.csv',
    );
    expect(client.csvUrl('s1', 'offers', 'GBR')).toBe('http://host:1/api/scenarios/s1/offers.csv?nation=GBR');
  });

  it('sends the version with updates and deletes', async () => {
    const patch = fakeFetch(200, { id: 'OFF-1', version: 3 });
    await new ApiClient({ fetch: patch.fetch }).updateRecord('s1', 'offers', 'OFF-1', {
      personnel: 900,
      version: 2,
    });
    expect(patch.calls[0]).toMatchObject({ method: 'PATCH', body: { personnel: 900, version: 2 } });

    const del = fakeFetch(204);
    await new ApiClient({ fetch: del.fetch }).deleteRecord('s1', 'offers', 'OFF-1', 3);
    expect(del.calls[0]).toMatchObject({ method: 'DELETE', url: '/api/scenarios/s1/offers/OFF-1?version=3' });
  });

  it('turns the API error body into an ApiError with code, message and issues', async () => {
    const { fetch } = fakeFetch(400, {
      error: {
        code: 'invalid',
        message: 'offers[0].nation: names unknown nation "XXX"',
        issues: [{ path: 'offers[0].nation', message: 'names unknown nation "XXX"' }],
      },
    });
    const e = await rejection(new ApiClient({ fetch }).getScenario('s1'));
    expect(e).toMatchObject({
      status: 400,
      code: 'invalid',
      message: 'offers[0].nation: names unknown nation "XXX"',
    });
    expect(e.issues).toEqual([{ path: 'offers[0].nation', message: 'names unknown nation "XXX"' }]);
  });

  it('keeps the current record of a version conflict', async () => {
    const current = { id: 'OFF-1', version: 5 };
    const { fetch } = fakeFetch(409, { error: { code: 'conflict', message: 'stale version', current } });
    const e = await rejection(
      new ApiClient({ fetch }).updateRecord('s1', 'offers', 'OFF-1', { status: 'confirmed', version: 4 }),
    );
    expect(e).toMatchObject({ status: 409, code: 'conflict', current });
  });

  it('describes an error response without the API error body', async () => {
    const { fetch } = fakeFetch(502, '<html>Bad gateway</html>', 'Bad Gateway');
    const e = await rejection(new ApiClient({ fetch }).listScenarios());
    expect(e).toMatchObject({
      status: 502,
      code: 'http',
      message: 'The server answered HTTP 502 Bad Gateway.',
    });
  });

  it('reports an unreachable server as a network error', async () => {
    const fetch = (async () => {
      throw new TypeError('fetch failed');
    }) as typeof globalThis.fetch;
    const e = await rejection(new ApiClient({ fetch }).listScenarios());
    expect(e).toMatchObject({ status: 0, code: 'network' });
  });

  it('lets a cancelled request reject as an abort, not an ApiError', async () => {
    const controller = new AbortController();
    controller.abort();
    const fetch = ((_input: RequestInfo | URL, init?: RequestInit) =>
      Promise.reject(
        init?.signal?.reason ?? new DOMException('aborted', 'AbortError'),
      )) as typeof globalThis.fetch;
    await expect(new ApiClient({ fetch }).listScenarios({ signal: controller.signal })).rejects.toMatchObject(
      {
        name: 'AbortError',
      },
    );
  });

  it('returns exports as text', async () => {
    const { fetch, calls } = fakeFetch(200, 'schemaVersion: 1\n');
    const text = await new ApiClient({ fetch }).exportScenario('s1', 'yaml');
    expect(text).toBe('schemaVersion: 1\n');
    expect(calls[0]?.url).toBe('/api/scenarios/s1/export?format=yaml');
  });
});

describe('ApiClient sign-in and the lost session', () => {
  const unauthenticated = {
    error: { code: 'unauthenticated', message: 'sign in first' },
  };

  it('tells its listeners when any request is answered 401', async () => {
    const { fetch } = fakeFetch(401, unauthenticated);
    const client = new ApiClient({ fetch });
    const heard: ApiError[] = [];
    client.onUnauthenticated((e) => heard.push(e));
    const e = await rejection(client.listScenarios());
    expect(e).toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(heard).toEqual([e]);
    await rejection(client.listAudit());
    await rejection(client.me());
    expect(heard).toHaveLength(3);
  });

  it('stops telling a listener once it unsubscribes', async () => {
    const { fetch } = fakeFetch(401, unauthenticated);
    const client = new ApiClient({ fetch });
    let heard = 0;
    const stop = client.onUnauthenticated(() => heard++);
    await rejection(client.listUsers());
    stop();
    await rejection(client.listUsers());
    expect(heard).toBe(1);
  });

  it('does not take a wrong password at sign-in for a lost session', async () => {
    const { fetch } = fakeFetch(401, {
      error: { code: 'unauthenticated', message: 'wrong user name or password' },
    });
    const client = new ApiClient({ fetch });
    let heard = 0;
    client.onUnauthenticated(() => heard++);
    const e = await rejection(client.signIn('planner', 'nope'));
    expect(e.status).toBe(401);
    expect(heard).toBe(0);
  });

  it('does not report other refusals as a lost session', async () => {
    const client = new ApiClient({
      fetch: fakeFetch(403, { error: { code: 'forbidden', message: 'no' } }).fetch,
    });
    let heard = 0;
    client.onUnauthenticated(() => heard++);
    await rejection(client.listAudit());
    expect(heard).toBe(0);
  });

  it('signs in with the cookie and keeps no token', async () => {
    const user = { id: 'planner', role: 'planner' };
    const { fetch, calls } = fakeFetch(200, {
      token: 'secret-token',
      expiresAt: '2030-01-01T00:00:00Z',
      user,
    });
    let credentials: RequestCredentials | undefined;
    const spy = ((input: RequestInfo | URL, init?: RequestInit) => {
      credentials = init?.credentials;
      return fetch(input, init);
    }) as typeof globalThis.fetch;
    const result = await new ApiClient({ fetch: spy }).signIn('planner', 'correct horse battery staple');
    expect(calls[0]).toMatchObject({
      url: '/api/auth/login',
      method: 'POST',
      body: { username: 'planner', password: 'correct horse battery staple' },
    });
    expect(credentials).toBe('same-origin');
    expect(result).toEqual({ expiresAt: '2030-01-01T00:00:00Z', user });
    expect(JSON.stringify(result)).not.toContain('secret-token');
  });

  it('reads how long to wait from Retry-After on a 429', async () => {
    const fetch = (async () =>
      new Response(JSON.stringify({ error: { code: 'rate_limited', message: 'too many' } }), {
        status: 429,
        headers: { 'content-type': 'application/json', 'retry-after': '840' },
      })) as typeof globalThis.fetch;
    const e = await rejection(new ApiClient({ fetch }).signIn('planner', 'x'));
    expect(e).toMatchObject({ status: 429, code: 'rate_limited', retryAfterSeconds: 840 });
  });

  it('treats signing out of an ended session as signed out, without reporting it', async () => {
    const client = new ApiClient({ fetch: fakeFetch(401, unauthenticated).fetch });
    let heard = 0;
    client.onUnauthenticated(() => heard++);
    await expect(client.signOut()).resolves.toBeUndefined();
    expect(heard).toBe(0);
  });

  it('leaves a wrong current password to the form', async () => {
    const { fetch, calls } = fakeFetch(400, {
      error: {
        code: 'invalid',
        message: 'currentPassword: is not your current password',
        issues: [{ path: 'currentPassword', message: 'is not your current password' }],
      },
    });
    const client = new ApiClient({ fetch });
    let heard = 0;
    client.onUnauthenticated(() => heard++);
    const e = await rejection(client.changePassword('old', 'a new long password'));
    expect(e.issues[0]?.path).toBe('currentPassword');
    expect(calls[0]).toMatchObject({
      url: '/api/auth/password',
      body: { currentPassword: 'old', newPassword: 'a new long password' },
    });
    expect(heard).toBe(0);
  });
});

describe('ApiClient users and audit', () => {
  it('builds the audit query from the filters that are set', async () => {
    const { fetch, calls } = fakeFetch(200, { items: [] });
    await new ApiClient({ fetch }).listAudit({
      scenario: 'article-2025-03',
      entity: 'offers',
      key: '',
      nation: 'GBR',
      actor: undefined,
      limit: 51,
      before: 120,
    });
    expect(calls[0]?.url).toBe(
      '/api/audit?scenario=article-2025-03&entity=offers&nation=GBR&limit=51&before=120',
    );
  });

  it('escapes user names and asks the server to generate a password when none is given', async () => {
    const { fetch, calls } = fakeFetch(200, { password: 'abcd-efgh-jkmn-pqrs' });
    const result = await new ApiClient({ fetch }).resetPassword('a/b');
    expect(result.password).toBe('abcd-efgh-jkmn-pqrs');
    expect(calls[0]).toMatchObject({ url: '/api/users/a%2Fb/password', method: 'POST', body: {} });
  });

  it('keeps the current user of a version conflict', async () => {
    const current = { id: 'observer', version: 4, disabled: true };
    const { fetch, calls } = fakeFetch(409, {
      error: { code: 'conflict', message: 'stale version', current },
    });
    const e = await rejection(
      new ApiClient({ fetch }).updateUser('observer', { version: 3, disabled: true }),
    );
    expect(e).toMatchObject({ status: 409, current });
    expect(calls[0]).toMatchObject({ method: 'PATCH', body: { version: 3, disabled: true } });
  });
});

describe('ApiClient backup and restore', () => {
  const backup = {
    format: 'coalition-backup',
    formatVersion: 1,
    exportedAt: '2025-03-02T12:00:00.000Z',
    scenarios: [{ id: 'alpha', name: 'Alpha' }],
  };

  it('builds the download link, with the accounts only when asked', () => {
    const client = new ApiClient({ baseUrl: 'http://host:1/', fetch: fakeFetch(200).fetch });
    expect(client.backupUrl(false)).toBe('http://host:1/api/backup?includeUsers=false');
    expect(client.backupUrl(true)).toBe('http://host:1/api/backup?includeUsers=true');
    // Same origin by default: a relative link, so the session cookie goes with it.
    expect(new ApiClient({ fetch: fakeFetch(200).fetch }).backupUrl(true)).toBe(
      '/api/backup?includeUsers=true',
    );
  });

  it('posts the backup as the body, says whether to replace, and returns the report', async () => {
    const report = {
      scenarios: [{ id: 'alpha', name: 'Alpha', replaced: true }],
      users: [{ user: { id: 'est-lno', role: 'liaison' }, password: 'abcd-efgh-jkmn-pqrs' }],
      keptUsers: ['admin'],
    };
    const { fetch, calls } = fakeFetch(200, report);
    const client = new ApiClient({ fetch });
    expect(await client.restoreBackup(backup, { replace: true })).toEqual(report);
    await client.restoreBackup(backup, { replace: false });
    expect(calls).toEqual([
      { url: '/api/backup?replace=true', method: 'POST', body: backup },
      { url: '/api/backup?replace=false', method: 'POST', body: backup },
    ]);
  });

  it('turns a refused restore into an ApiError naming the scenarios or the bad fields', async () => {
    const clash = fakeFetch(409, {
      error: {
        code: 'conflict',
        message: 'scenarios alpha, bravo already exist; use --replace to replace them',
      },
    });
    const conflict = await rejection(
      new ApiClient({ fetch: clash.fetch }).restoreBackup(backup, { replace: false }),
    );
    expect(conflict).toMatchObject({ status: 409, code: 'conflict', issues: [] });
    expect(conflict.message).toContain('alpha, bravo already exist');

    const issues = [{ path: 'scenarios[1].offers[0].nation', message: 'names unknown nation "XYZ"' }];
    const bad = fakeFetch(400, { error: { code: 'invalid', message: 'the backup is invalid', issues } });
    const invalid = await rejection(
      new ApiClient({ fetch: bad.fetch }).restoreBackup(backup, { replace: true }),
    );
    expect(invalid).toMatchObject({ status: 400, code: 'invalid', issues });
  });

  it('reports a restore refused for want of a session as a lost session', async () => {
    const { fetch } = fakeFetch(401, { error: { code: 'unauthenticated', message: 'sign in' } });
    const client = new ApiClient({ fetch });
    const heard: number[] = [];
    client.onUnauthenticated((e) => heard.push(e.status));
    await rejection(client.restoreBackup(backup, { replace: false }));
    expect(heard).toEqual([401]);
  });
});

describe('parseRetryAfter', () => {
  it('reads seconds and HTTP dates', () => {
    const now = Date.parse('2025-03-02T12:00:00Z');
    expect(parseRetryAfter('90', now)).toBe(90);
    expect(parseRetryAfter('Sun, 02 Mar 2025 12:05:00 GMT', now)).toBe(300);
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
  });
});
