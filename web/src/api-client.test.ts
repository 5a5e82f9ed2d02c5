import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './api-client.ts';

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
