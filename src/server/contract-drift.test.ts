// What the server sends against what the contract says it sends. The contract's response schemas
// are strict objects, so parsing the real answers for the reference scenario with them fails on a
// field the server sends that the contract does not name, on one the contract names that the server
// leaves out, and on a value of the wrong kind. Typecheck already holds the schemas to the domain
// types (src/contract/wire.ts); this holds the wire to both. The OpenAPI document is derived from
// the same schemas, so it is checked to carry them.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import {
  ANALYSES,
  ANALYSIS_KINDS,
  analysisAnswerSchema,
  type AnalysisKind,
} from '../contract/analyses/index.ts';
import { planEnvelopeSchema } from '../contract/plan.ts';
import { userViewSchema, type UserView } from '../contract/users.ts';
import type { Assert, Same } from '../contract/wire.ts';
import type { UserRecord } from '../storage/store.ts';
import { LIAISON_WRITABLE } from '../domain/access.ts';
import { ENTITY_PATH } from '../domain/entity-paths.ts';
import { ENTITY_KINDS } from '../domain/records.ts';
import { openTestApp, type TestApp } from './test-app.ts';
import type { TestUserName } from './test-server.ts';

// The store's user record is what the API shows as a user, and its count of withheld records is the
// envelope's: neither may drift apart from the contract either.
type _UserCheck = Assert<Same<UserRecord, UserView>>;

const SCENARIO = '/api/scenarios/article-2025-03';
// Fewer Monte Carlo draws than the default: the shape of the answer does not depend on them.
const QUERY: Partial<Record<AnalysisKind, string>> = {
  dashboard: '?draws=200',
  resilience: '?draws=200',
  risk: '?draws=200',
};

let t: TestApp;

beforeAll(async () => {
  t = await openTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

async function getJson(user: TestUserName, url: string): Promise<unknown> {
  const r = await t.app.inject({ method: 'GET', url, headers: t.as(user) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** Parses with the contract's schema; on failure, says which fields drifted. */
function expectConforms(schema: z.ZodType, body: unknown, what: string): void {
  const parsed = schema.safeParse(body);
  const drift = parsed.success
    ? []
    : parsed.error.issues.slice(0, 10).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
  expect(drift, `${what} does not match the contract`).toEqual([]);
}

describe('the analyses answer exactly as the contract says', () => {
  for (const kind of ANALYSIS_KINDS) {
    it(`${kind}, for a planner and for an observer`, async () => {
      const url = `${SCENARIO}/analysis${ANALYSES[kind].path}${QUERY[kind] ?? ''}`;
      for (const user of ['planner', 'observer'] as const) {
        expectConforms(analysisAnswerSchema(kind), await getJson(user, url), `${kind} (${user})`);
      }
    });
  }

  it('refuses an answer with a field the contract does not name, or without one it does', async () => {
    const body = (await getJson('planner', `${SCENARIO}/analysis/fill`)) as {
      result: { totals: Record<string, unknown> };
    };
    const schema = analysisAnswerSchema('fill');
    const { lateUnitDays: _dropped, ...withoutOne } = body.result.totals;
    expect(schema.safeParse({ ...body, result: { ...body.result, totals: withoutOne } }).success).toBe(false);
    const renamed = { ...withoutOne, lateUnitDay: 0 };
    expect(schema.safeParse({ ...body, result: { ...body.result, totals: renamed } }).success).toBe(false);
    expect(schema.safeParse(body).success).toBe(true);
  });
});

describe('the deployment plan and the user view answer as the contract says', () => {
  it('the plan of the reference scenario', async () => {
    expectConforms(planEnvelopeSchema, await getJson('planner', `${SCENARIO}/deployment/plan`), 'plan');
  });

  it('users: /api/auth/me and /api/users', async () => {
    expectConforms(userViewSchema, await getJson('liaison-gbr', '/api/auth/me'), 'me');
    const { items } = (await getJson('admin', '/api/users')) as { items: unknown[] };
    expect(items.length).toBeGreaterThan(0);
    for (const user of items) expectConforms(userViewSchema, user, 'a user');
  });
});

describe('the OpenAPI document', () => {
  type Schema = { properties?: Record<string, Schema>; description?: string };
  type Spec = {
    paths: Record<
      string,
      { get?: { responses?: Record<string, { content?: Record<string, { schema: Schema }> }> } }
    >;
  };

  it('describes each analysis and the plan with the contract’s schemas', async () => {
    const spec = (await t.app.inject('/docs/json')).json() as Spec;
    const ok = (path: string) =>
      spec.paths[path]?.get?.responses?.['200']?.content?.['application/json']?.schema;
    for (const kind of ANALYSIS_KINDS) {
      const answer = ok(`/api/scenarios/{scenarioId}/analysis${ANALYSES[kind].path}`);
      expect(Object.keys(answer?.properties ?? {}), kind).toEqual([
        'scenario',
        'asOf',
        'partial',
        'parameters',
        'result',
      ]);
      expect(Object.keys(answer?.properties?.result?.properties ?? {}), kind).toEqual(
        Object.keys(ANALYSES[kind].result.shape),
      );
    }
    expect(
      ok('/api/scenarios/{scenarioId}/analysis/fill')?.properties?.result?.properties?.totals?.description,
    ).toBe('The totals of one fill');
    const plan = ok('/api/scenarios/{scenarioId}/deployment/plan');
    expect(Object.keys(plan?.properties?.result?.properties ?? {})).toEqual(
      Object.keys(planEnvelopeSchema.shape.result.shape),
    );
  });
});

describe('the OpenAPI document says who may write', () => {
  type Operation = { description?: string };
  type Spec = { paths: Record<string, Record<string, Operation>> };

  it('on every write route: which roles, and for a liaison officer which kinds', async () => {
    const spec = (await t.app.inject('/docs/json')).json() as Spec;
    const writes = Object.entries(spec.paths).flatMap(([path, ops]) =>
      Object.entries(ops)
        .filter(([method]) => ['post', 'patch', 'put', 'delete'].includes(method))
        .map(([method, op]) => ({ path, method, text: op.description ?? '' })),
    );
    expect(writes.length).toBeGreaterThan(30);
    for (const kind of ENTITY_KINDS) {
      const base = `/api/scenarios/{scenarioId}/${ENTITY_PATH[kind]}`;
      for (const w of writes.filter((x) => x.path === base || x.path === `${base}/{key}`)) {
        const expected = LIAISON_WRITABLE.has(kind)
          ? /administrators and planners; a liaison officer for its own nation only/
          : /administrators and planners only; liaison officers and observers are refused/;
        expect(w.text, `${w.method} ${w.path}`).toMatch(expected);
      }
    }
    for (const path of ['/api/scenarios', '/api/scenarios/{scenarioId}']) {
      for (const w of writes.filter((x) => x.path === path))
        expect(w.text, `${w.method} ${w.path}`).toMatch(/administrators and planners only/);
    }
    for (const w of writes.filter((x) => x.path.startsWith('/api/users') || x.path === '/api/backup'))
      expect(w.text, `${w.method} ${w.path}`).toMatch(/administrators only/);
  });
});
