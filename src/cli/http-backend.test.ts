// The CLI's HTTP side without a server: what it sends (the bearer token, the OS user with the
// operator credential) and how the API's answers come back as the errors the in-process services
// throw, so a command reports them the same way either way.
import { describe, expect, it, vi } from 'vitest';
import { DomainError } from '../domain/errors.ts';
import { OPERATOR_USER_HEADER } from '../server/auth.ts';
import { CliError, reportError } from './errors.ts';
import { httpBackend } from './http-backend.ts';

type Answer = { status: number; body?: unknown; headers?: Record<string, string> };

/** A fetch that records each request and answers from the list, in turn. */
function fakeFetch(...answers: Answer[]) {
  const requests: { url: string; headers: Record<string, string> }[] = [];
  const fetch = vi.fn(async (url: string | URL | Request, init?: RequestInit) => {
    requests.push({ url: String(url), headers: (init?.headers ?? {}) as Record<string, string> });
    const a = answers.shift();
    if (!a) throw new TypeError('fetch failed');
    const text = typeof a.body === 'string' ? a.body : JSON.stringify(a.body ?? {});
    return new Response(a.status === 204 ? null : text, { status: a.status, headers: a.headers });
  });
  return { fetch: fetch as unknown as typeof globalThis.fetch, requests };
}

const apiError = (code: string, message: string, extra: Record<string, unknown> = {}) => ({
  error: { code, message, ...extra },
});

async function failure(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('expected a failure'),
    (e: unknown) => e,
  );
}

describe('httpBackend', () => {
  it("sends the operator credential with the OS user's name, and a user's token without it", async () => {
    const op = fakeFetch({ status: 200, body: { items: [] } });
    await httpBackend({
      url: 'http://h:1',
      token: 'op-token',
      operator: { osUser: 'maria' },
      fetch: op.fetch,
    }).listScenarios();
    expect(op.requests[0]!.url).toBe('http://h:1/api/scenarios');
    expect(op.requests[0]!.headers).toMatchObject({
      authorization: 'Bearer op-token',
      [OPERATOR_USER_HEADER]: 'maria',
    });
    const user = fakeFetch({ status: 200, body: { items: [] } });
    await httpBackend({ url: 'http://h:1', token: 'session', fetch: user.fetch }).listScenarios();
    expect(user.requests[0]!.headers).toMatchObject({ authorization: 'Bearer session' });
    expect(user.requests[0]!.headers).not.toHaveProperty(OPERATOR_USER_HEADER);
  });

  it('turns refusals into DomainErrors with the fields, the current record and Retry-After', async () => {
    const { fetch } = fakeFetch(
      {
        status: 400,
        body: apiError('invalid', 'q: too long', { issues: [{ path: 'q', message: 'too long' }] }),
      },
      { status: 409, body: apiError('conflict', 'stale', { current: { version: 3 } }) },
      { status: 503, body: apiError('unavailable', 'the server is busy'), headers: { 'retry-after': '5' } },
    );
    const b = httpBackend({ url: 'http://h:1', token: 't', fetch });
    const bad = await failure(b.search('s', { text: 'x' }));
    expect(bad).toBeInstanceOf(DomainError);
    expect(bad).toMatchObject({ code: 'invalid', issues: [{ path: 'q', message: 'too long' }] });
    expect(await failure(b.listUsers())).toMatchObject({
      code: 'conflict',
      details: { current: { version: 3 } },
    });
    const busy = await failure(b.listScenarios());
    expect(busy).toMatchObject({ code: 'unavailable', details: { retryAfter: 5 } });

    const lines: string[] = [];
    const spy = vi.spyOn(console, 'error').mockImplementation((line: string) => void lines.push(line));
    try {
      expect(reportError(busy)).toBe(1);
    } finally {
      spy.mockRestore();
    }
    expect(lines).toEqual(['error: the server is busy', '(the server asks to retry after 5 s)']);
  });

  it('says how to sign in again when a session token is refused', async () => {
    const { fetch } = fakeFetch({ status: 401, body: apiError('unauthenticated', 'your session has ended') });
    const e = await failure(httpBackend({ url: 'http://h:1', token: 't', fetch }).listScenarios());
    expect(e).toMatchObject({ code: 'unauthenticated' });
    expect((e as Error).message).toContain('COALITION_TOKEN must be a current session token');
  });

  it('names the server it cannot reach', async () => {
    const { fetch } = fakeFetch();
    const e = await failure(httpBackend({ url: 'http://h:1', token: 't', fetch }).listScenarios());
    expect(e).toBeInstanceOf(CliError);
    expect((e as Error).message).toBe('cannot reach the server at http://h:1: is it running?');
  });

  it('gives the force list tag as the in-process service does, without the quotes of the ETag', async () => {
    const { fetch } = fakeFetch({ status: 200, body: 'ULN\r\n', headers: { etag: '"3-abc"' } });
    const file = await httpBackend({ url: 'http://h:1', token: 't', fetch }).forceListCsv('s');
    expect(file).toEqual({ text: 'ULN\r\n', tag: '3-abc' });
  });

  it('replaces a scenario by deleting the version it read, then importing', async () => {
    const { fetch, requests } = fakeFetch(
      { status: 200, body: { id: 'x', version: 4 } },
      { status: 204 },
      { status: 201, body: { id: 'x', name: 'X', counts: {} } },
    );
    await httpBackend({ url: 'http://h:1', token: 't', fetch }).importDocument(
      { id: 'x' },
      { replace: true, name: 'X' },
    );
    expect(requests.map((r) => r.url)).toEqual([
      'http://h:1/api/scenarios/x',
      'http://h:1/api/scenarios/x?version=4',
      'http://h:1/api/scenarios?name=X',
    ]);
  });
});
