// The client's deployment calls: the plan with its query, the CSV import sent as text/csv, and
// generation of the force list, with the API's refusals as ApiErrors carrying their issues.
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError } from './api-client.ts';

interface Call {
  url: string;
  method: string;
  contentType: string | undefined;
  body: string | undefined;
}

function fakeFetch(status: number, body: unknown) {
  const calls: Call[] = [];
  const fetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const headers = (init?.headers ?? {}) as Record<string, string>;
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      contentType: headers['content-type'],
      ...(headers['if-match'] !== undefined && { ifMatch: headers['if-match'] }),
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
  };
  return { calls, fetch: fetch as typeof globalThis.fetch };
}

describe('ApiClient deployment calls', () => {
  it('asks for the plan with only the parameters given', async () => {
    const { fetch, calls } = fakeFetch(200, { scenario: 's1' });
    const client = new ApiClient({ fetch });
    await client.deploymentPlan('s 1');
    await client.deploymentPlan('s1', { today: -3, reference: true });
    await client.deploymentPlan('s1', { reference: false });
    await client.deploymentPlan('s1', { boundSeconds: 0 });
    expect(calls.map((c) => c.url)).toEqual([
      '/api/scenarios/s%201/deployment/plan',
      '/api/scenarios/s1/deployment/plan?today=-3&reference=true',
      '/api/scenarios/s1/deployment/plan?reference=false',
      '/api/scenarios/s1/deployment/plan?boundSeconds=0',
    ]);
  });

  it('sends a CSV import as text/csv, unchanged, with the tag of the list it replaces', async () => {
    const { fetch, calls } = fakeFetch(200, { imported: 2 });
    const client = new ApiClient({ fetch });
    const csv = 'ULN,NATION\r\nGBR-0001,GBR\r\n';
    expect(await client.importForceListCsv('s1', csv, '"2-abc"')).toEqual({ imported: 2 });
    expect(calls[0]).toEqual({
      url: '/api/scenarios/s1/force-list.csv',
      method: 'PUT',
      contentType: 'text/csv',
      ifMatch: '"2-abc"',
      body: csv,
    });
  });

  it('turns a refused import into an ApiError with every issue', async () => {
    const issues = [{ path: 'line 3, column EAD', message: 'must not be after LAD' }];
    const { fetch } = fakeFetch(400, { error: { code: 'invalid', message: 'bad file', issues } });
    const e = await new ApiClient({ fetch }).importForceListCsv('s1', 'x', '*').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect((e as ApiError).issues).toEqual(issues);
  });

  it('reads a flat error body too', async () => {
    const issues = [{ path: 'network', message: 'no network' }];
    const { fetch } = fakeFetch(400, { error: 'invalid', message: 'cannot plan', issues });
    const e = (await new ApiClient({ fetch }).deploymentPlan('s1').catch((x: unknown) => x)) as ApiError;
    expect([e.status, e.code, e.message, e.issues]).toEqual([400, 'invalid', 'cannot plan', issues]);
  });

  it('generates the force list, replacing only when asked', async () => {
    const { fetch, calls } = fakeFetch(201, { imported: 218 });
    const client = new ApiClient({ fetch });
    expect(await client.generateForceList('s1', { replace: true })).toEqual({ imported: 218 });
    await client.generateForceList('s1', { replace: false });
    expect(calls.map((c) => [c.method, c.url, c.contentType, c.body])).toEqual([
      ['POST', '/api/scenarios/s1/deployment/force-list', 'application/json', '{"replace":true}'],
      ['POST', '/api/scenarios/s1/deployment/force-list', 'application/json', '{"replace":false}'],
    ]);
  });
});
