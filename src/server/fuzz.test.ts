// Fuzzing every write route of the API with fast-check: arbitrary JSON, near-valid records with one
// field broken, huge strings, deep nesting, wrong types, unicode (lone surrogates and NUL too),
// prototype-pollution keys, malformed and mislabelled bodies. Seeded, so a failure reproduces.
//
// What must hold, whatever the body: no 5xx; every 4xx carries { error: { code, message } }; and
// nothing is half-written — afterwards every scenario exports a valid document and the audit log
// grew by exactly the number of writes that were acknowledged with 2xx.
//
// Violations are collected rather than thrown, so one run reports every kind of failure it met (a
// thrown property would stop at the first and spend minutes shrinking async requests).
import fc from 'fast-check';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stringify as toYaml } from 'yaml';
import { SYSTEM_PRINCIPAL } from '../domain/access.ts';
import { ENTITY_PATH } from '../domain/entity-paths.ts';
import { ENTITY_KEY, type EntityKind } from '../domain/records.ts';
import { parseScenarioValue } from '../domain/scenario-document.ts';
import type { Store } from '../storage/store.ts';
import { apiScenario } from '../domain/api-test-fixtures.ts';
import { openTestApp, type TestApp } from './test-app.ts';
import { TEST_PASSWORD, type TestUserName } from './test-server.ts';

/** Base seed; each route adds its index so routes do not replay one another's bodies. */
const SEED = 20_251_124;
/** COALITION_FUZZ_SCALE=10 for a longer local run; CI runs the default. */
const SCALE = Number(process.env.COALITION_FUZZ_SCALE ?? '1') || 1;
const BODY_LIMIT = 1024 * 1024;
const SCENARIO = 'fz';

type Json = Record<string, unknown>;
type Who = TestUserName | 'fz-pw' | 'nobody';

/** A request body: a value Fastify's inject serialises as JSON, or raw text with its content type. */
type Body =
  { type: 'json'; value: unknown } | { type: 'raw'; text: string; contentType: string } | { type: 'none' };

// --- hostile values ------------------------------------------------------------------------------

const NASTY_STRINGS = [
  '',
  ' ',
  '\u0000',
  'a\u0000b',
  '\ud800',
  'x\udfffy',
  '\ufeff',
  '\u202e',
  'e\u0301',
  '𝕏𝕐',
  '\r\n',
  '0',
  'null',
  'NaN',
  'true',
  '2025-02-30',
  '9999-99-99',
  'GBR',
  'gbr',
  'XXX',
  ' UKR',
  "'; drop table offers; --",
  '<script>alert(1)</script>',
  '${jndi:ldap://127.0.0.1/a}',
  '../../etc/passwd',
  '%00',
  '__proto__',
  'constructor',
  'a'.repeat(201),
  'b'.repeat(2001),
] as const;

const unicodeString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'binary-ascii', maxLength: 40 }),
  fc.constantFrom(...NASTY_STRINGS),
);

const weirdValue: fc.Arbitrary<unknown> = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom<unknown>(
      null,
      true,
      false,
      0,
      -1,
      -0,
      1.5,
      1e308,
      -1e308,
      5e-324,
      2 ** 53 + 2,
      [],
      {},
    ),
  },
  { weight: 4, arbitrary: unicodeString },
  { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 3, stringUnit: 'binary' }) },
  { weight: 2, arbitrary: fc.integer() },
  { weight: 2, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
  { weight: 1, arbitrary: fc.array(unicodeString, { maxLength: 6 }) },
  { weight: 1, arbitrary: fc.dictionary(unicodeString, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }) },
);

type Mutation =
  | { op: 'set'; at: number; value: unknown }
  | { op: 'setNested'; at: number; key: string; value: unknown }
  | { op: 'delete'; at: number }
  | { op: 'add'; key: string; value: unknown };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  { weight: 5, arbitrary: fc.record({ op: fc.constant('set' as const), at: fc.nat(), value: weirdValue }) },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant('setNested' as const),
      at: fc.nat(),
      key: fc.constantFrom('level', 'daysToReady', 'value', 'year', 'excludedSectors', 'currency', 'x'),
      value: weirdValue,
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant('delete' as const), at: fc.nat() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant('add' as const),
      key: fc.oneof(unicodeString, fc.constantFrom('version', 'createdAt', 'releasability', 'id', 'role')),
      value: weirdValue,
    }),
  },
);

/** Applies one mutation to a copy of a valid object: the "one field wrong" bodies. */
function mutate(base: Json, m: Mutation): Json {
  const out: Json = structuredClone(base);
  const keys = Object.keys(out);
  if (m.op === 'add') {
    Object.defineProperty(out, m.key, {
      value: m.value,
      enumerable: true,
      configurable: true,
      writable: true,
    });
    return out;
  }
  const key = keys[m.at % Math.max(keys.length, 1)];
  if (key === undefined) return out;
  if (m.op === 'delete') delete out[key];
  else if (m.op === 'set') out[key] = m.value;
  else {
    const inner = out[key];
    if (typeof inner === 'object' && inner !== null && !Array.isArray(inner))
      (inner as Json)[m.key] = m.value;
    else out[key] = { [m.key]: m.value };
  }
  return out;
}

/** JSON text nested `depth` levels deep, as objects or arrays. */
function deepText(depth: number, arrays: boolean): string {
  return arrays
    ? `${'['.repeat(depth)}1${']'.repeat(depth)}`
    : `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
}

const PLACEHOLDER = '"@@FUZZ@@"';

/**
 * Percent-encodes a path segment or query value. A lone surrogate has no UTF-8 form, so it goes
 * out as the bytes a hostile client would send for it (ED A0 80), which the server must refuse.
 */
function enc(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    out += c >= 0xd800 && c <= 0xdfff ? '%ED%A0%80' : encodeURIComponent(ch);
  }
  return out;
}

/**
 * Every body shape, around a generator of valid bodies for the route: valid, one field mutated,
 * arbitrary JSON, deep nesting (top level and inside a field), huge strings (some over the body
 * limit), prototype-pollution keys, malformed JSON, and bodies under the wrong content type.
 */
function bodies(valid: fc.Arbitrary<Json>): fc.Arbitrary<Body> {
  const json = (value: unknown): Body => ({ type: 'json', value });
  const raw = (text: string, contentType = 'application/json'): Body => ({ type: 'raw', text, contentType });
  const withRaw = (base: Json, key: string, text: string): Body => {
    const marked = { ...base, [key]: '@@FUZZ@@' };
    return raw(JSON.stringify(marked).replace(PLACEHOLDER, text));
  };
  return fc.oneof(
    { weight: 6, arbitrary: valid.map(json) },
    { weight: 10, arbitrary: fc.tuple(valid, mutation).map(([b, m]) => json(mutate(b, m))) },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, mutation, mutation).map(([b, m1, m2]) => json(mutate(mutate(b, m1), m2))),
    },
    { weight: 3, arbitrary: fc.jsonValue({ maxDepth: 4, stringUnit: 'grapheme' }).map(json) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(fc.integer({ min: 50, max: 60_000 }), fc.boolean(), fc.boolean(), valid, fc.nat())
        .map(([depth, arrays, inField, base, at]) => {
          if (!inField) return raw(deepText(depth, arrays));
          const keys = Object.keys(base);
          return withRaw(base, keys[at % keys.length] ?? 'x', deepText(depth, arrays));
        }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          fc.integer({ min: 10_000, max: 1_300_000 }),
          fc.constantFrom('x', 'é', '𝕏', '\u0000'),
          valid,
          fc.nat(),
        )
        .map(([n, unit, base, at]) => {
          const keys = Object.keys(base);
          return json({ ...base, [keys[at % keys.length] ?? 'x']: unit.repeat(Math.ceil(n / unit.length)) });
        }),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(valid, fc.constantFrom('__proto__', 'constructor', 'prototype'), weirdValue)
        .map(([base, key, value]) =>
          withRaw(
            base,
            key,
            key === 'constructor'
              ? JSON.stringify({ prototype: { polluted: value ?? 1 } })
              : JSON.stringify({ polluted: value ?? 1, role: 'administrator' }),
          ),
        ),
    },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.nat()).map(([base, cut]) => {
        const text = JSON.stringify(base);
        return raw(text.slice(0, cut % Math.max(text.length, 1)));
      }),
    },
    {
      weight: 1,
      arbitrary: fc
        .tuple(
          valid,
          fc.constantFrom(
            'text/plain',
            'application/yaml',
            'application/xml',
            'application/x-www-form-urlencoded',
            'application/json; charset=latin1',
            '',
          ),
        )
        .map(([base, type]) => raw(type === 'application/yaml' ? toYaml(base) : JSON.stringify(base), type)),
    },
    { weight: 1, arbitrary: fc.constant<Body>({ type: 'none' }) },
  );
}

// --- valid bodies per record kind ----------------------------------------------------------------

const NATIONS_IN = ['GBR', 'FRA', 'DEU'] as const;
const OTHER_NATIONS = [
  'ITA',
  'ESP',
  'NLD',
  'BEL',
  'POL',
  'DNK',
  'NOR',
  'SWE',
  'FIN',
  'EST',
  'CAN',
  'AUS',
] as const;
const nationIn = fc.constantFrom<string>(...NATIONS_IN, ...NATIONS_IN, 'ITA');
const capabilityIn = fc.constantFrom('MECH-INF-BN', 'GBAD-BTY', 'NOPE-CAP');
const date = fc
  .date({ min: new Date('2022-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }).filter((s) => s.trim().length > 0);
const recordId = (prefix: string) => fc.nat({ max: 400 }).map((n) => `${prefix}-${n}`);
const releasability = fc.option(
  fc.oneof(
    fc.constant({ level: 'PUBLIC', nations: [] }),
    fc.constant({ level: 'COALITION' }),
    fc.subarray(['GBR', 'FRA', 'POL'], { minLength: 1 }).map((nations) => ({ level: 'REL_TO', nations })),
  ),
  { nil: undefined },
);
const withMarking = (rec: Json, rel: unknown): Json =>
  rel === undefined ? rec : { ...rec, releasability: rel };

const VALID: { [K in EntityKind]: fc.Arbitrary<Json> } = {
  nations: fc.tuple(fc.constantFrom(...OTHER_NATIONS), text, releasability).map(([id, name, rel]) =>
    withMarking(
      {
        id,
        name,
        nato: true,
        eu: false,
        gdp: { value: 1e11, currency: 'EUR', year: 2024, assumption: 'fuzz' },
        population: { value: 1_000_000, year: 2024, assumption: 'fuzz' },
        currency: 'EUR',
        role: 'contributor',
      },
      rel,
    ),
  ),
  stances: fc
    .tuple(
      nationIn,
      date,
      fc.constantFrom('lead', 'committed', 'cautious', 'declined'),
      text,
      fc.option(recordId('ST'), { nil: undefined }),
      releasability,
    )
    .map(([nation, d, stance, statement, id, rel]) =>
      withMarking({ ...(id !== undefined && { id }), nation, date: d, stance, statement }, rel),
    ),
  capabilities: fc
    .tuple(recordId('FZ-CAP'), text, fc.nat({ max: 5_000 }), releasability)
    .map(([code, name, personnel, rel]) =>
      withMarking(
        {
          code,
          name,
          domain: 'land',
          defaultPersonnel: personnel,
          defaultTonnes: personnel * 2,
          app6: 'SFGPUCIZ-------',
        },
        rel,
      ),
    ),
  requirements: fc
    .tuple(
      recordId('REQ-FZ'),
      capabilityIn,
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 5 }),
      releasability,
    )
    .map(([id, capability, quantity, priority, rel]) =>
      withMarking(
        {
          id,
          capability,
          quantity,
          sector: 'North',
          task: 'deterrence',
          rddCDay: 30,
          durationMonths: 6,
          priority,
        },
        rel,
      ),
    ),
  offers: fc
    .tuple(
      recordId('OFF-FZ'),
      nationIn,
      capabilityIn,
      fc.nat({ max: 10_000 }),
      fc.constantFrom('offered', 'confirmed', 'withdrawn'),
      releasability,
    )
    .map(([id, nation, capability, personnel, status, rel]) =>
      withMarking(
        {
          id,
          nation,
          capability,
          quantity: 1,
          personnel,
          tonnes: 10,
          readiness: { level: 'L2', daysToReady: 30 },
          status,
        },
        rel,
      ),
    ),
  pledges: fc
    .tuple(
      recordId('PLG-FZ'),
      nationIn,
      fc.double({ min: 1, max: 1e10, noNaN: true }),
      fc.constantFrom('EUR', 'GBP', 'USD', 'XXX'),
      date,
      releasability,
    )
    .map(([id, nation, amount, currency, d, rel]) =>
      withMarking({ id, nation, amount, currency, date: d, purpose: 'fuzz', stage: 'committed' }, rel),
    ),
  rotationPolicies: fc
    .tuple(
      fc.constantFrom<string>(...NATIONS_IN, ...OTHER_NATIONS),
      fc.integer({ min: 1, max: 24 }),
      fc.double({ min: 0, max: 10, noNaN: true }),
      releasability,
    )
    .map(([nation, tourMonths, dwellRatio, rel]) => withMarking({ nation, tourMonths, dwellRatio }, rel)),
  nodes: fc
    .tuple(
      recordId('FZ-N'),
      text,
      fc.constantFrom('garrison', 'apoe', 'railhead', 'destination'),
      releasability,
    )
    .map(([id, name, kind, rel]) =>
      withMarking({ id, name, kind, nation: 'POL', lat: 50.1, lon: 22.0, assumption: 'fuzz' }, rel),
    ),
  arcs: fc
    .tuple(
      recordId('FZ-A'),
      recordId('FZ-N'),
      recordId('FZ-N'),
      fc.integer({ min: 1, max: 5 }),
      releasability,
    )
    .map(([id, from, to, transitDays, rel]) =>
      withMarking(
        {
          id,
          from,
          to,
          mode: 'road',
          transitDays,
          capacityPerDay: { personnel: 1000, tonnes: 1000 },
          loadSize: { personnel: 100, tonnes: 100 },
        },
        rel,
      ),
    ),
  ulns: fc
    .tuple(
      fc.nat({ max: 400 }),
      nationIn,
      capabilityIn,
      fc.nat({ max: 2_000 }),
      recordId('FZ-N'),
      releasability,
    )
    .map(([serial, nation, capability, personnel, origin, rel]) =>
      withMarking(
        {
          uln: `${nation}-${String(serial).padStart(4, '0')}`,
          nation,
          capability,
          personnel,
          tonnes: 10,
          origin,
          ald: 0,
          ead: 10,
          lad: 12,
          rdd: 15,
          destination: origin,
          priority: 2,
          offer: 'OFF-FZ-1',
          line: 'REQ-FZ-1',
        },
        rel,
      ),
    ),
  movements: fc
    .tuple(recordId('FZ-M'), nationIn, fc.nat({ max: 400 }), recordId('FZ-A'), releasability)
    .map(([id, nation, serial, arc, rel]) =>
      withMarking(
        {
          id,
          uln: `${nation}-${String(serial).padStart(4, '0')}`,
          nation,
          arc,
          departDay: 3,
          personnel: 50,
          tonnes: 5,
        },
        rel,
      ),
    ),
  redLines: fc
    .tuple(recordId('RL-FZ'), nationIn, fc.constantFrom('violation', 'attack', 'none'), releasability)
    .map(([id, nation, rung, rel]) =>
      withMarking({ id, nation, rung, effect: 'withdraws', share: 0.5, statement: 'fuzz' }, rel),
    ),
  risks: fc.tuple(recordId('RSK-FZ'), text, nationIn, releasability).map(([id, title, nation, rel]) =>
    withMarking(
      {
        id,
        title,
        cause: 'fuzz',
        event: 'fuzz',
        impact: 'fuzz',
        links: [{ kind: 'nations', key: nation }],
        probability: 'seldom',
        severity: 'critical',
        residual: { probability: 'unlikely', severity: 'critical' },
        owner: 'fuzz',
        reviewDate: '2025-06-01',
      },
      rel,
    ),
  ),
};

/** Merge patches: a few fields of a valid record (any subset), which the mutations then break. */
const PATCHES: { [K in EntityKind]: fc.Arbitrary<Json> } = Object.fromEntries(
  (Object.keys(VALID) as EntityKind[]).map((kind) => [
    kind,
    fc.tuple(VALID[kind], fc.nat()).map(([rec, mask]) => {
      const out: Json = {};
      Object.keys(rec).forEach((k, i) => {
        if (k !== ENTITY_KEY[kind] && ((mask >> i) & 1) === 1) out[k] = rec[k];
      });
      return out;
    }),
  ]),
) as { [K in EntityKind]: fc.Arbitrary<Json> };

// --- the run -------------------------------------------------------------------------------------

/** How the version sent with a PATCH or DELETE is chosen. */
type VersionMode = 'current' | 'stale' | 'absent' | 'weird';
const versionMode = fc.constantFrom<VersionMode>('current', 'current', 'current', 'stale', 'absent', 'weird');
const weirdVersionParam = fc.constantFrom(
  '',
  '0',
  '-1',
  '1.5',
  'abc',
  '1e3',
  '0x1',
  '99999999999999999999',
  '%00',
  '1&version=2',
);
const who = fc.constantFrom<Who>(
  'planner',
  'planner',
  'planner',
  'planner',
  'planner',
  'planner',
  'admin',
  'liaison-gbr',
  'liaison-gbr',
  'observer',
  'nobody',
);

describe('fuzzing every write route', () => {
  let t: TestApp;
  let app: FastifyInstance;
  let store: Store;
  const tokens = new Map<Who, string>();
  let fzPassword = 'fuzz password one';
  /** Problems by route, status and kind, each with its first example. */
  const problems = new Map<string, { count: number; request: string; response: string }>();
  let sent = 0;
  let acknowledgedWrites = 0;
  let auditBefore = 0;
  const protoBefore = Object.getOwnPropertyNames(Object.prototype).sort();
  /** Keys that exist (or existed) per kind, so patches and deletes mostly hit real records. */
  const pools = new Map<EntityKind, string[]>();
  const userPool: string[] = ['fz-target'];
  const scenarioPool: string[] = [];
  let uniq = 0;

  beforeAll(async () => {
    t = await openTestApp({ seed: false, bodyLimit: BODY_LIMIT });
    app = t.app;
    store = t.inst.store;
    for (const [k, v] of Object.entries(t.tokens)) tokens.set(k as Who, v);
    const imported = await app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: t.as('planner'),
      payload: { ...apiScenario(), id: SCENARIO },
    });
    expect(imported.statusCode, imported.body).toBe(201);
    for (const kind of Object.keys(ENTITY_PATH) as EntityKind[]) {
      const rows = await store.list(SCENARIO, kind, SYSTEM_PRINCIPAL);
      pools.set(
        kind,
        rows.map((r) => String((r as unknown as Json)[ENTITY_KEY[kind]])),
      );
    }
    for (const [id, role] of [
      ['fz-target', 'observer'],
      ['fz-pw', 'observer'],
    ] as const) {
      const r = await app.inject({
        method: 'POST',
        url: '/api/users',
        headers: t.as('admin'),
        payload: { id, displayName: id, role, password: fzPassword },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    tokens.set('fz-pw', await t.login('fz-pw', fzPassword));
    auditBefore = await countAudit();
  });
  afterAll(async () => {
    await t?.close();
  });

  async function countAudit(): Promise<number> {
    let total = 0;
    let before: number | undefined;
    for (let page = 0; page < 10_000; page++) {
      const rows = await store.audit({ limit: 1000, ...(before !== undefined && { beforeId: before }) });
      total += rows.length;
      if (rows.length < 1000) return total;
      before = rows[rows.length - 1]!.id;
    }
    throw new Error('audit log longer than expected');
  }

  const headersOf = (w: Who): Record<string, string> =>
    w === 'nobody'
      ? { authorization: 'Bearer not-a-real-token-at-all-xxxx' }
      : { authorization: `Bearer ${tokens.get(w) ?? ''}` };

  function describeBody(b: Body): string {
    const s =
      b.type === 'json'
        ? (JSON.stringify(b.value) ?? 'undefined')
        : b.type === 'raw'
          ? `${b.contentType}: ${b.text}`
          : '(none)';
    return s.length > 300 ? `${s.slice(0, 300)}… (${s.length} chars)` : s;
  }

  /**
   * Sends one request and checks the invariants on its answer. `write` says whether a 2xx is a
   * change the audit log must hold.
   */
  async function send(
    route: string,
    w: Who,
    method: InjectOptions['method'],
    url: string,
    body: Body,
    write: boolean,
    remoteAddress?: string,
  ) {
    const opts: InjectOptions = {
      method,
      url,
      headers: headersOf(w),
      ...(remoteAddress && { remoteAddress }),
    };
    if (body.type === 'json') opts.payload = body.value as Json;
    else if (body.type === 'raw') {
      opts.payload = body.text;
      opts.headers = { ...opts.headers, 'content-type': body.contentType };
    }
    sent++;
    let r: LightMyRequestResponse;
    try {
      r = await app.inject(opts);
    } catch (e) {
      record(route, 0, `inject threw ${String(e)}`, '', `${method} ${url} ${describeBody(body)}`);
      throw e;
    }
    const req = () => `${w} ${method} ${url} ${describeBody(body)}`;
    if (r.statusCode >= 500) record(route, r.statusCode, 'server error', r.body, req());
    else if (r.statusCode >= 400) {
      let ok = false;
      try {
        const e = (r.json() as { error?: { code?: unknown; message?: unknown } }).error;
        ok =
          typeof e?.code === 'string' &&
          e.code.length > 0 &&
          typeof e.message === 'string' &&
          e.message.length > 0;
      } catch {
        ok = false;
      }
      if (!ok) record(route, r.statusCode, `4xx without { error: { code, message } }`, r.body, req());
    } else if (r.statusCode >= 200 && r.statusCode < 300 && write) acknowledgedWrites++;
    if (/\bat .+\.(ts|js):\d+/.test(r.body))
      record(route, r.statusCode, 'stack trace in a response', r.body, req());
    return r;
  }

  function record(route: string, status: number, problem: string, response: string, request: string) {
    const key = `${route} | ${status} | ${problem}`;
    const seen = problems.get(key);
    if (seen) {
      seen.count++;
      return;
    }
    problems.set(key, { count: 1, request: request.slice(0, 300), response: response.slice(0, 300) });
  }

  /** The problems one route met, by kind, with the first example of each. */
  const problemsOf = (route: string) => [...problems].filter(([k]) => k.startsWith(`${route} |`));

  async function versionFor(
    mode: VersionMode,
    current: () => Promise<number | undefined>,
    weird: unknown,
  ): Promise<unknown> {
    if (mode === 'absent') return undefined;
    if (mode === 'weird') return weird;
    const v = (await current()) ?? 1;
    return mode === 'stale' ? Math.max(1, v - 1) + (v === 1 ? 5 : 0) : v;
  }

  const recordVersion = (kind: EntityKind, key: string) => async () => {
    try {
      return (await store.get(SCENARIO, kind, key, SYSTEM_PRINCIPAL)).version;
    } catch {
      return undefined;
    }
  };

  const pick = <T>(pool: readonly T[], i: number): T | undefined => pool[i % Math.max(pool.length, 1)];
  const randomKey = fc.oneof(
    unicodeString,
    fc.constantFrom('OFF-GBR-1', 'GBR', 'nope', '..', '%2F', 'a/b', 'x'.repeat(300)),
  );

  async function run<T>(
    name: string,
    index: number,
    runs: number,
    arb: fc.Arbitrary<T>,
    body: (v: T) => Promise<void>,
  ) {
    await fc.assert(
      fc.asyncProperty(arb, async (v) => {
        await body(v);
      }),
      { seed: SEED + index, numRuns: Math.round(runs * SCALE), endOnFailure: true },
    );
    const mine = problemsOf(name);
    expect(
      mine.map(([k, v]) => `${k} (x${v.count})`),
      JSON.stringify(mine, null, 1),
    ).toEqual([]);
  }

  const KINDS = Object.keys(ENTITY_PATH) as EntityKind[];
  const kindIndex = (k: EntityKind) => KINDS.indexOf(k);

  describe.each(KINDS)('%s', (kind) => {
    const base = `/api/scenarios/${SCENARIO}/${ENTITY_PATH[kind]}`;
    it(`POST ${ENTITY_PATH[kind]}: 480 bodies`, { timeout: 600_000 }, async () => {
      await run(
        `POST ${kind}`,
        10 + kindIndex(kind),
        480,
        fc.tuple(bodies(VALID[kind]), who, fc.boolean()),
        async ([b, w, otherScenario]) => {
          // Keys are made unique per run often enough that creates succeed, not only clash.
          if (b.type === 'json' && typeof b.value === 'object' && b.value !== null && uniq++ % 2 === 0) {
            const key = ENTITY_KEY[kind];
            const v = b.value as Json;
            if (typeof v[key] === 'string' && kind !== 'nations' && kind !== 'rotationPolicies')
              v[key] = `${v[key] as string}-${uniq}`;
          }
          const url = otherScenario ? `/api/scenarios/no-such-scenario/${ENTITY_PATH[kind]}` : base;
          const r = await send(`POST ${kind}`, w, 'POST', url, b, true);
          if (r.statusCode === 201) pools.get(kind)!.push(String((r.json() as Json)[ENTITY_KEY[kind]]));
        },
      );
    });

    it(`PATCH ${ENTITY_PATH[kind]}: 480 bodies`, { timeout: 600_000 }, async () => {
      const arb = fc.tuple(
        bodies(PATCHES[kind]),
        who,
        fc.nat(),
        fc.boolean(),
        versionMode,
        weirdValue,
        randomKey,
      );
      await run(
        `PATCH ${kind}`,
        20 + kindIndex(kind),
        480,
        arb,
        async ([b, w, i, known, mode, weird, otherKey]) => {
          const key = known ? (pick(pools.get(kind)!, i) ?? otherKey) : otherKey;
          const version = await versionFor(mode, recordVersion(kind, key), weird);
          let body = b;
          if (
            b.type === 'json' &&
            typeof b.value === 'object' &&
            b.value !== null &&
            !Array.isArray(b.value) &&
            version !== undefined
          ) {
            body = { type: 'json', value: { ...(b.value as Json), version } };
          } else if (b.type === 'raw' && b.text.startsWith('{"') && version !== undefined) {
            body = { ...b, text: `{"version":${JSON.stringify(version)},${b.text.slice(1)}` };
          }
          await send(`PATCH ${kind}`, w, 'PATCH', `${base}/${enc(key)}`, body, true);
        },
      );
    });

    it(`DELETE ${ENTITY_PATH[kind]}: 120 requests`, { timeout: 600_000 }, async () => {
      const arb = fc.tuple(
        who,
        fc.nat(),
        fc.boolean(),
        versionMode,
        weirdVersionParam,
        randomKey,
        fc.option(bodies(VALID[kind]), { freq: 4 }),
      );
      await run(
        `DELETE ${kind}`,
        30 + kindIndex(kind),
        120,
        arb,
        async ([w, i, known, mode, weird, otherKey, b]) => {
          const pool = pools.get(kind)!;
          const key = known ? (pick(pool, i) ?? otherKey) : otherKey;
          const version = await versionFor(mode, recordVersion(kind, key), weird);
          const query =
            version === undefined
              ? ''
              : `?version=${typeof version === 'string' ? version : String(version)}`;
          const r = await send(
            `DELETE ${kind}`,
            w,
            'DELETE',
            `${base}/${enc(key)}${query}`,
            b ?? { type: 'none' },
            true,
          );
          if (r.statusCode === 204) pool.splice(pool.indexOf(key), 1);
        },
      );
    });
  });

  describe('scenarios', () => {
    const validDoc = fc
      .tuple(fc.nat({ max: 100_000 }), fc.option(text, { nil: undefined }))
      .map(([n, description]) => ({
        ...apiScenario(),
        id: `fz-import-${n}`,
        ...(description !== undefined && { description }),
      }));
    const importQuery = fc.option(
      fc.record({
        id: fc.oneof(fc.constant('fz-q-'), unicodeString),
        name: fc.option(unicodeString, { nil: undefined }),
      }),
      { nil: undefined },
    );
    const queryOf = (q: { id: string; name: string | undefined } | undefined) =>
      q === undefined
        ? ''
        : `?id=${enc(`${q.id}${uniq++}`)}${q.name !== undefined ? `&name=${enc(q.name)}` : ''}`;
    const afterImport = (r: LightMyRequestResponse) => {
      if (r.statusCode === 201) scenarioPool.push(String((r.json() as Json).id));
    };

    it('POST /api/scenarios as JSON: 500 documents', { timeout: 600_000 }, async () => {
      await run('import json', 40, 500, fc.tuple(bodies(validDoc), who, importQuery), async ([b, w, q]) => {
        afterImport(await send('import json', w, 'POST', `/api/scenarios${queryOf(q)}`, b, true));
      });
    });

    it('POST /api/scenarios as YAML text: 500 documents', { timeout: 600_000 }, async () => {
      const yamlText = fc.oneof(
        { weight: 4, arbitrary: validDoc.map((d) => toYaml(d)) },
        { weight: 6, arbitrary: fc.tuple(validDoc, mutation).map(([d, m]) => toYaml(mutate(d, m))) },
        { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
        { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }).map((v) => toYaml(v)) },
        {
          weight: 1,
          arbitrary: fc
            .integer({ min: 50, max: 50_000 })
            .map((d) => `nations: ${'['.repeat(d)}${']'.repeat(d)}\n`),
        },
        {
          weight: 1,
          arbitrary: fc
            .integer({ min: 50, max: 20_000 })
            .map(
              (d) =>
                `${Array.from({ length: Math.min(d, 2000) }, (_, i) => `${' '.repeat(i)}a${i}:`).join('\n')} 1\n`,
            ),
        },
        {
          weight: 1,
          // A "billion laughs" alias bomb: each level references the previous one ten times.
          arbitrary: fc.integer({ min: 3, max: 12 }).map((levels) => {
            const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
            for (let i = 1; i < levels; i++)
              lines.push(
                `a${i}: &a${i} [${Array(10)
                  .fill(`*a${i - 1}`)
                  .join(',')}]`,
              );
            return `${lines.join('\n')}\nname: *a${levels - 1}\n`;
          }),
        },
        {
          weight: 1,
          arbitrary: fc.constantFrom(
            '__proto__: {role: administrator}\nschemaVersion: 1\n',
            'constructor: {prototype: {polluted: true}}\n',
            '<<: {polluted: true}\nid: x\n',
            '!!js/function "function(){ return 1 }"\n',
            'id: !!binary aGVsbG8=\n',
            'a: 1\na: 2\n',
            '---\na: 1\n---\nb: 2\n',
            '%YAML 9.9\n---\na: 1\n',
            '? [a, b]\n: complex key\n',
            'schemaVersion: 1\nid: "\\0"\n',
            '\ufeffschemaVersion: 1\n',
          ),
        },
      );
      const type = fc.constantFrom('application/yaml', 'application/x-yaml', 'text/yaml', 'text/plain');
      await run(
        'import yaml',
        41,
        500,
        fc.tuple(yamlText, type, who, importQuery),
        async ([yaml, contentType, w, q]) => {
          afterImport(
            await send(
              'import yaml',
              w,
              'POST',
              `/api/scenarios${queryOf(q)}`,
              { type: 'raw', text: yaml, contentType },
              true,
            ),
          );
        },
      );
    });

    it('PATCH /api/scenarios/:id: 400 bodies', { timeout: 600_000 }, async () => {
      const header = fc
        .tuple(
          fc.option(text, { nil: undefined }),
          fc.option(date, { nil: undefined }),
          fc.option(text, { nil: undefined }),
          fc.boolean(),
        )
        .map(([name, asOf, description, mission]) => ({
          ...(name !== undefined && { name }),
          ...(asOf !== undefined && { asOf }),
          ...(description !== undefined && { description }),
          ...(mission && {
            mission: {
              name: 'Fuzzed mission',
              hostNation: 'GBR',
              forceTarget: { personnel: 4_000, assumption: 'fuzz' },
            },
          }),
        }));
      const arb = fc.tuple(bodies(header), who, versionMode, weirdValue, fc.nat(), fc.boolean());
      await run('PATCH scenario', 42, 400, arb, async ([b, w, mode, weird, i, main]) => {
        const id = main ? SCENARIO : (pick(scenarioPool, i) ?? SCENARIO);
        const version = await versionFor(
          mode,
          async () => {
            try {
              return (await store.getScenario(id)).version;
            } catch {
              return undefined;
            }
          },
          weird,
        );
        let body = b;
        if (
          b.type === 'json' &&
          typeof b.value === 'object' &&
          b.value !== null &&
          !Array.isArray(b.value) &&
          version !== undefined
        ) {
          body = { type: 'json', value: { ...(b.value as Json), version } };
        }
        await send('PATCH scenario', w, 'PATCH', `/api/scenarios/${enc(id)}`, body, true);
      });
    });

    it('DELETE /api/scenarios/:id: 150 requests', { timeout: 600_000 }, async () => {
      const arb = fc.tuple(who, versionMode, weirdVersionParam, fc.nat(), randomKey);
      await run('DELETE scenario', 43, 150, arb, async ([w, mode, weird, i, other]) => {
        // Only imported scenarios: the fuzz scenario itself must survive for the other routes.
        const id = pick(scenarioPool, i) ?? other;
        const version = await versionFor(
          mode,
          async () => {
            try {
              return (await store.getScenario(id)).version;
            } catch {
              return undefined;
            }
          },
          weird,
        );
        const query = version === undefined ? '' : `?version=${String(version)}`;
        const r = await send(
          'DELETE scenario',
          w,
          'DELETE',
          `/api/scenarios/${enc(id)}${query}`,
          { type: 'none' },
          true,
        );
        if (r.statusCode === 204) scenarioPool.splice(scenarioPool.indexOf(id), 1);
      });
    });
  });

  describe('users and sign-in', () => {
    const userAdmins = fc.constantFrom<Who>(
      'admin',
      'admin',
      'admin',
      'admin',
      'planner',
      'liaison-gbr',
      'nobody',
    );
    const newUser = fc
      .tuple(
        fc.nat({ max: 1_000_000 }),
        fc.constantFrom('administrator', 'planner', 'liaison', 'observer'),
        fc.constantFrom(null, 'GBR', 'FRA', 'XXX'),
        text,
      )
      .map(([n, role, nation, displayName]) => ({
        id: `fz-user-${n}`,
        displayName,
        role,
        ...(nation !== null && { nation }),
        password: 'a fuzzed password!',
      }));

    it('POST /api/users: 250 bodies', { timeout: 600_000 }, async () => {
      await run('POST users', 50, 250, fc.tuple(bodies(newUser), userAdmins), async ([b, w]) => {
        const r = await send('POST users', w, 'POST', '/api/users', b, true);
        if (r.statusCode === 201) userPool.push(String((r.json() as Json).id));
      });
    });

    it('PATCH /api/users/:id: 300 bodies', { timeout: 600_000 }, async () => {
      const patch = fc
        .tuple(
          fc.option(text, { nil: undefined }),
          fc.option(fc.constantFrom('planner', 'liaison', 'observer', 'administrator'), { nil: undefined }),
          fc.option(fc.constantFrom(null, 'GBR', 'DEU'), { nil: undefined }),
          fc.option(fc.boolean(), { nil: undefined }),
        )
        .map(([displayName, role, nation, disabled]) => ({
          ...(displayName !== undefined && { displayName }),
          ...(role !== undefined && { role }),
          ...(nation !== undefined && { nation }),
          ...(disabled !== undefined && { disabled }),
        }));
      const arb = fc.tuple(
        bodies(patch),
        userAdmins,
        fc.nat(),
        versionMode,
        weirdValue,
        fc.boolean(),
        randomKey,
      );
      await run('PATCH users', 51, 300, arb, async ([b, w, i, mode, weird, known, other]) => {
        // Never the acting administrator: disabling it would end the fuzzing of the users API.
        const id = known ? (pick(userPool, i) ?? 'fz-target') : other === 'admin' ? 'fz-target' : other;
        const version = await versionFor(
          mode,
          async () => {
            try {
              return (await store.getUser(id)).version;
            } catch {
              return undefined;
            }
          },
          weird,
        );
        let body = b;
        if (
          b.type === 'json' &&
          typeof b.value === 'object' &&
          b.value !== null &&
          !Array.isArray(b.value) &&
          version !== undefined
        ) {
          body = { type: 'json', value: { ...(b.value as Json), version } };
        }
        await send('PATCH users', w, 'PATCH', `/api/users/${enc(id)}`, body, true);
      });
    });

    it('POST /api/users/:id/password: 100 bodies', { timeout: 600_000 }, async () => {
      const reset = fc
        .option(fc.string({ minLength: 10, maxLength: 20 }), { nil: undefined })
        .map((password) => (password === undefined ? {} : { password }));
      const arb = fc.tuple(bodies(reset), userAdmins, fc.nat(), fc.boolean(), randomKey);
      await run('reset password', 52, 100, arb, async ([b, w, i, known, other]) => {
        const id = known ? (pick(userPool, i) ?? 'fz-target') : other === 'admin' ? 'fz-target' : other;
        await send('reset password', w, 'POST', `/api/users/${enc(id)}/password`, b, true);
      });
    });

    it(
      'POST /api/auth/login: 250 bodies (not a write: sessions are not audited)',
      { timeout: 600_000 },
      async () => {
        const login = fc
          .tuple(
            fc.constantFrom('planner', 'observer', 'fz-target', 'nobody', 'PLANNER', ''),
            fc.constantFrom(TEST_PASSWORD, 'wrong password', ''),
          )
          .map(([username, password]) => ({ username, password }));
        const address = fc.constantFrom('10.77.0.1', '10.77.0.2', '10.77.0.3');
        await run('login', 53, 250, fc.tuple(bodies(login), address), async ([b, addr]) => {
          const r = await send('login', 'nobody', 'POST', '/api/auth/login', b, false, addr);
          if (r.statusCode === 200) {
            const res = r.json() as Json;
            if (typeof res.token !== 'string' || JSON.stringify(res).includes('scrypt'))
              record('login', 200, 'bad sign-in answer', r.body, describeBody(b));
          }
        });
      },
    );

    it('POST /api/auth/password: 150 bodies', { timeout: 600_000 }, async () => {
      const change = fc
        .tuple(fc.boolean(), fc.string({ minLength: 8, maxLength: 24 }))
        .map(([right, next]) => ({
          currentPassword: right ? '@current' : 'not my password',
          newPassword: next,
        }));
      await run(
        'change password',
        54,
        150,
        fc.tuple(bodies(change), fc.constantFrom<Who>('fz-pw', 'fz-pw', 'fz-pw', 'nobody')),
        async ([b, w]) => {
          let body = b;
          let next: string | undefined;
          if (
            b.type === 'json' &&
            typeof b.value === 'object' &&
            b.value !== null &&
            !Array.isArray(b.value)
          ) {
            const v = { ...(b.value as Json) };
            if (v.currentPassword === '@current') v.currentPassword = fzPassword;
            next = typeof v.newPassword === 'string' ? v.newPassword : undefined;
            body = { type: 'json', value: v };
          }
          const r = await send('change password', w, 'POST', '/api/auth/password', body, true);
          if (r.statusCode === 204 && next !== undefined) fzPassword = next;
        },
      );
    });
  });

  describe('afterwards', () => {
    it(`sent at least 10,000 bodies in all`, () => {
      console.log(
        `fuzz: ${sent} requests, ${acknowledgedWrites} acknowledged writes, ${problems.size} kinds of problem`,
      );
      expect(sent).toBeGreaterThanOrEqual(10_000 * Math.min(SCALE, 1));
    });

    it('no route ever answered 5xx or a malformed error', () => {
      expect(
        [...problems].map(([k, v]) => `${k} (x${v.count})`),
        JSON.stringify([...problems], null, 1),
      ).toEqual([]);
    });

    it('nothing half-written: the audit log grew by exactly the acknowledged writes', async () => {
      expect(acknowledgedWrites).toBeGreaterThan(200);
      expect((await countAudit()) - auditBefore).toBe(acknowledgedWrites);
    });

    it('nothing half-written: every stored scenario exports a valid document', async () => {
      const scenarios = await store.listScenarios(SYSTEM_PRINCIPAL);
      expect(scenarios.map((s) => s.id)).toContain(SCENARIO);
      for (const s of scenarios) {
        const r = await app.inject({ url: `/api/scenarios/${s.id}/export`, headers: t.as('planner') });
        expect(r.statusCode, r.body).toBe(200);
        const parsed = parseScenarioValue(r.json());
        expect(parsed.ok, `${s.id}: ${JSON.stringify(parsed.ok ? [] : parsed.issues.slice(0, 3))}`).toBe(
          true,
        );
      }
    });

    it('no prototype was polluted', () => {
      expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoBefore);
      expect(({} as Json).polluted).toBeUndefined();
      expect(({} as Json).role).toBeUndefined();
    });

    it('the acting accounts still work: the fuzzing did not lock out the administrator or the planner', async () => {
      for (const u of ['admin', 'planner'] as const) {
        expect((await app.inject({ url: '/api/auth/me', headers: t.as(u) })).statusCode).toBe(200);
      }
    });
  });
});
