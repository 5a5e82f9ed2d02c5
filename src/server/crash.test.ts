// Crash safety of `coalition serve`: the real server process is killed with SIGKILL in the middle
// of a stream of concurrent writes, then started again on the same store. Whatever a client was
// told succeeded (a 2xx it received) must still be there exactly as acknowledged, with its audit
// entries, and the scenario must still export as a valid document. A write cut off by the kill may
// or may not have landed, but never in part. PGlite is crashed twice in a row: its on-disk state
// is the riskier one, and its data-directory lock is left behind by the dead process.
//
// Each record is written by one client only, one write at a time, so the history of every record
// is known exactly: its acknowledged states in order, then at most one write in flight at the kill.
// A failing run prints its seed; CRASH_SEED=<seed> replays the same choices and kill points.
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { mergePatch } from '../domain/merge-patch.ts';
import { parseScenarioValue } from '../domain/scenario-document.ts';
import { loadExchangeRates } from '../app/reference-data.ts';
import { validateScenarioDocument } from '../app/coalition-service.ts';
import { NO_POSTGRES, skippedFor } from '../../test-summary.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const MAIN = join(ROOT, 'src/cli/main.ts');
const SCENARIO = 'article-2025-03';
const ADMIN_PASSWORD = 'crash-test-admin-password';
const CLIENTS = 6;
// Fixed by default so CI runs are comparable; the kill still lands wherever the stream happens to be.
const SEED = Number(process.env.CRASH_SEED ?? 20_250_302);

type Json = Record<string, unknown>;
type Kind = 'offers' | 'pledges';

// --- child processes ----------------------------------------------------------------------------

interface Server {
  child: ChildProcess;
  pid: number;
  url: string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/** Servers still alive, killed after each test whatever its outcome. */
const running = new Set<Server>();

afterEach(async () => {
  for (const server of running) server.child.kill('SIGKILL');
  await Promise.all([...running].map((s) => s.exited));
});

async function startServer(env: Record<string, string>): Promise<Server> {
  // node itself, not a shell or the bin wrapper, so the pid we kill is the process holding the store.
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', MAIN, 'serve', '--port', '0', '--host', '127.0.0.1'],
    {
      cwd: ROOT,
      env: {
        ...process.env,
        LOG_LEVEL: 'warn',
        COALITION_ADMIN_PASSWORD: ADMIN_PASSWORD,
        COALITION_SEED: 'true',
        DATABASE_URL: '',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let out = '';
  child.stdout!.setEncoding('utf8').on('data', (s: string) => (out += s));
  child.stderr!.setEncoding('utf8').on('data', (s: string) => (out += s));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((done) =>
    child.once('exit', (code, signal) => done({ code, signal })),
  );
  const server: Server = { child, pid: child.pid!, url: '', exited, output: () => out };
  running.add(server);
  void exited.then(() => running.delete(server));

  // No deadline of our own: on a busy machine a start can take long, and the test's timeout is
  // the only bound; a server that dies instead fails at once with its output.
  server.url = await new Promise<string>((done, fail) => {
    const look = () => {
      const m = /Coalition Planner on (http:\/\/\S+)/.exec(out);
      if (m) done(m[1]!);
    };
    child.stdout!.on('data', look);
    void exited.then(({ code, signal }) => {
      fail(new Error(`server exited (${code ?? signal}) before listening:\n${out}`));
    });
  });
  for (;;) {
    const res = await fetch(`${server.url}/api/health`).catch(() => undefined);
    if (res?.ok) break;
    if (!running.has(server))
      throw new Error(`server at ${server.url} exited before it was healthy:\n${out}`);
    await sleep(100);
  }
  return server;
}

async function crash(server: Server): Promise<void> {
  server.child.kill('SIGKILL');
  // 'exit' comes after the child is reaped: a zombie would still look alive to the lock's pid check.
  const { signal } = await server.exited;
  expect(signal).toBe('SIGKILL');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

// --- HTTP ---------------------------------------------------------------------------------------

interface Reply {
  status: number;
  body: Json;
}

async function call(
  url: string,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<Reply> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
    // Generous: a request that hangs this long is a hung server, not a busy machine.
    signal: AbortSignal.timeout(120_000),
  });
  const text = await res.text();
  return { status: res.status, body: text === '' ? {} : (JSON.parse(text) as Json) };
}

async function login(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

const listPath = (kind: Kind) => `/api/scenarios/${SCENARIO}/${kind}`;
const recordPath = (kind: Kind, key: string) => `${listPath(kind)}/${encodeURIComponent(key)}`;

async function list(url: string, token: string, kind: Kind): Promise<Json[]> {
  const r = await call(url, token, 'GET', listPath(kind));
  expect(r.status).toBe(200);
  return r.body.items as Json[];
}

interface AuditEntry {
  id: number;
  entity: string;
  entityKey: string;
  action: string;
  before: Json | null;
  after: Json | null;
}

/** The whole audit log of the scenario, oldest first, read backwards a page at a time. */
async function auditLog(url: string, token: string, filter = ''): Promise<AuditEntry[]> {
  const all: AuditEntry[] = [];
  let before = '';
  for (;;) {
    const r = await call(url, token, 'GET', `/api/audit?scenario=${SCENARIO}${filter}&limit=1000${before}`);
    expect(r.status).toBe(200);
    const page = r.body.items as AuditEntry[];
    all.push(...page);
    if (page.length < 1000) break;
    before = `&before=${page.at(-1)!.id}`;
  }
  return all.reverse();
}

// --- the model of what was written ---------------------------------------------------------------

interface Write {
  action: 'create' | 'update';
  body: Json;
}

interface Tracked {
  kind: Kind;
  key: string;
  owner: number;
  /** Version the record had in the reference scenario; undefined for records this test created. */
  seedVersion: number | undefined;
  /** Last state known to be stored: an acknowledged reply, or what the store held after a restart. */
  known: Json | undefined;
  /** Every acknowledged reply, oldest first. */
  acked: Json[];
  /** The write cut off by the kill: it may or may not have landed, but not in part. */
  inFlight: Write | undefined;
}

interface Model {
  records: Map<string, Tracked>;
  /** Offer and pledge ids of the reference scenario, which have no create entry in the audit log. */
  seeded: Set<string>;
  nations: string[];
  capabilities: string[];
  unexpected: string[];
  ackedWrites: number;
}

const idOf = (kind: Kind, key: string) => `${kind}/${key}`;
const withoutMeta = ({ version: _v, createdAt: _c, updatedAt: _u, ...rest }: Json): Json => rest;

/** mulberry32: small, seedable, good enough to vary choices and kill points. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function initialModel(url: string, token: string): Promise<Model> {
  const model: Model = {
    records: new Map(),
    seeded: new Set(),
    nations: [],
    capabilities: [],
    unexpected: [],
    ackedWrites: 0,
  };
  for (const kind of ['offers', 'pledges'] as const) {
    const items = await list(url, token, kind);
    items.forEach((item, i) => {
      const key = String(item.id);
      model.seeded.add(idOf(kind, key));
      // A few reference records per client, so updates of imported records are in the stream too.
      if (i < CLIENTS * 2) {
        model.records.set(idOf(kind, key), {
          kind,
          key,
          owner: i % CLIENTS,
          seedVersion: item.version as number,
          known: item,
          acked: [],
          inFlight: undefined,
        });
      }
    });
    if (kind === 'offers') {
      model.nations = [...new Set(items.map((o) => String(o.nation)))];
      model.capabilities = [...new Set(items.map((o) => String(o.capability)))];
    }
  }
  expect(model.nations.length).toBeGreaterThan(0);
  expect(model.capabilities.length).toBeGreaterThan(0);
  return model;
}

function nextWrite(
  model: Model,
  client: number,
  round: number,
  n: number,
  rand: () => number,
): { tracked: Tracked; write: Write } {
  const mine = [...model.records.values()].filter((t) => t.owner === client && t.known !== undefined);
  const tag = `r${round} c${client} w${n}`;
  if (mine.length > 0 && rand() < 0.5) {
    const tracked = mine[Math.floor(rand() * mine.length)]!;
    const version = tracked.known!.version as number;
    const body =
      tracked.kind === 'offers'
        ? { version, quantity: 1 + (n % 40), caveats: { notes: `crash ${tag}` } }
        : { version, amount: 1000 + n, description: `crash ${tag}` };
    return { tracked, write: { action: 'update', body } };
  }
  const kind: Kind = rand() < 0.5 ? 'offers' : 'pledges';
  const key = `CRASH-${kind === 'offers' ? 'O' : 'P'}-${round}-${client}-${n}`;
  const nation = model.nations[Math.floor(rand() * model.nations.length)]!;
  const body: Json =
    kind === 'offers'
      ? {
          id: key,
          nation,
          capability: model.capabilities[Math.floor(rand() * model.capabilities.length)]!,
          quantity: 1 + (n % 9),
          personnel: 100 + n,
          tonnes: 10 + n,
          readiness: { level: 'L3', daysToReady: 90 },
          status: 'offered',
          caveats: { excludedSectors: [], allowedTasks: [], requiresUsBackstop: false },
          assumption: `crash test ${tag}`,
        }
      : {
          id: key,
          nation,
          amount: 5000 + n,
          currency: 'EUR',
          date: '2025-03-01',
          purpose: `crash test ${tag}`,
          stage: 'committed',
        };
  const tracked: Tracked = {
    kind,
    key,
    owner: client,
    seedVersion: undefined,
    known: undefined,
    acked: [],
    inFlight: undefined,
  };
  model.records.set(idOf(kind, key), tracked);
  return { tracked, write: { action: 'create', body } };
}

/**
 * CLIENTS concurrent writers, each waiting for its reply before the next write, until the server
 * dies: it is killed once `killAfter` writes have been acknowledged.
 */
async function streamUntilKilled(
  server: Server,
  token: string,
  model: Model,
  round: number,
  killAfter: number,
  killDelay: number,
): Promise<{ acked: number; cutOff: number }> {
  let acked = 0;
  let cutOff = 0;
  let killing: Promise<void> | undefined;
  const clients = Array.from({ length: CLIENTS }, async (_, client) => {
    const rand = random(SEED * 31 + round * 7 + client);
    for (let n = 1; ; n++) {
      const { tracked, write } = nextWrite(model, client, round, n, rand);
      const path = write.action === 'create' ? listPath(tracked.kind) : recordPath(tracked.kind, tracked.key);
      tracked.inFlight = write;
      let reply: Reply;
      try {
        reply = await call(server.url, token, write.action === 'create' ? 'POST' : 'PATCH', path, write.body);
      } catch {
        cutOff++;
        return;
      }
      tracked.inFlight = undefined;
      if (reply.status < 200 || reply.status > 299) {
        model.unexpected.push(
          `${write.action} ${tracked.key}: ${reply.status} ${JSON.stringify(reply.body)}`,
        );
        if (write.action === 'create') model.records.delete(idOf(tracked.kind, tracked.key));
        return;
      }
      tracked.known = reply.body;
      tracked.acked.push(reply.body);
      model.ackedWrites++;
      // A little later than the ack itself, so the kill lands anywhere in the requests in flight:
      // before, inside or just after their transactions.
      if (++acked === killAfter) killing = sleep(killDelay).then(() => crash(server));
    }
  });
  await Promise.all(clients);
  await killing;
  expect(model.unexpected, 'every write before the kill should succeed').toEqual([]);
  expect(acked).toBeGreaterThanOrEqual(killAfter);
  return { acked, cutOff };
}

// --- checks after a restart ----------------------------------------------------------------------

/**
 * Everything acknowledged is stored as acknowledged; a write in flight at the kill landed whole or
 * not at all; the audit log has every write with no gaps; the scenario exports as a valid document.
 * Afterwards the model holds what the store holds, so the next round builds on it.
 */
async function verifyStore(url: string, token: string, model: Model): Promise<void> {
  for (const [id, t] of model.records) {
    const r = await call(url, token, 'GET', recordPath(t.kind, t.key));
    if (r.status === 404) {
      expect(t.known, `${id} was acknowledged but is gone`).toBeUndefined();
      expect(t.inFlight?.action, `${id} is gone`).toBe('create');
      model.records.delete(id);
      continue;
    }
    expect(r.status, `${id}: ${JSON.stringify(r.body)}`).toBe(200);
    const stored = r.body;
    const version = stored.version as number;
    for (const a of t.acked) {
      expect(
        a.version as number,
        `${id}: acknowledged v${String(a.version)}, stored v${version}`,
      ).toBeLessThanOrEqual(version);
    }
    if (t.known === undefined) {
      // Created by a write the kill cut off: the whole record, as sent, or nothing.
      expect(t.inFlight?.action, id).toBe('create');
      expect(withoutMeta(stored), id).toEqual(t.inFlight!.body);
      expect(version, id).toBe(1);
    } else if (version === t.known.version) {
      expect(stored, `${id} differs from what was acknowledged`).toEqual(t.known);
    } else {
      // Only the one write in flight may have landed on top of the last acknowledged state.
      expect(
        t.inFlight?.action,
        `${id} is at version ${version}, acknowledged ${String(t.known.version)}`,
      ).toBe('update');
      expect(version, id).toBe((t.known.version as number) + 1);
      const { version: _v, ...patch } = t.inFlight!.body;
      expect(withoutMeta(stored), id).toEqual(mergePatch(withoutMeta(t.known), patch));
      expect(stored.createdAt, id).toBe(t.known.createdAt);
    }
    t.known = stored;
    t.inFlight = undefined;
  }

  await verifyAudit(url, token, model);
  await verifyExport(url, token, model);
}

async function verifyAudit(url: string, token: string, model: Model): Promise<void> {
  const log = await auditLog(url, token);
  const byRecord = new Map<string, AuditEntry[]>();
  for (const e of log) {
    if (e.entity !== 'offers' && e.entity !== 'pledges') continue;
    const id = idOf(e.entity, e.entityKey);
    byRecord.set(id, [...(byRecord.get(id) ?? []), e]);
  }

  for (const [id, t] of model.records) {
    const entries = byRecord.get(id) ?? [];
    const stored = t.known!;
    // Versions without gaps: from the import (reference records) or the create, up to the stored one.
    const first = t.seedVersion ?? 0;
    expect(
      entries.map((e) => e.after?.version),
      `${id}: audit versions`,
    ).toEqual(Array.from({ length: (stored.version as number) - first }, (_, i) => first + i + 1));
    entries.forEach((e, i) => {
      expect(e.action, id).toBe(i === 0 && t.seedVersion === undefined ? 'create' : 'update');
      if (e.action === 'update') expect(e.before?.version, id).toBe((e.after?.version as number) - 1);
    });
    if (entries.length > 0) expect(entries.at(-1)!.after, `${id}: last audit entry`).toEqual(stored);
    for (const a of t.acked) {
      const entry = entries.find((e) => e.after?.version === a.version);
      expect(entry?.after, `${id} v${String(a.version)}: acknowledged write not in the audit log`).toEqual(a);
    }
  }

  // No half-written records: a record exists exactly when its create entry does (nothing is deleted
  // here), whether or not this test knew about it.
  for (const kind of ['offers', 'pledges'] as const) {
    const present = new Set((await list(url, token, kind)).map((r) => idOf(kind, String(r.id))));
    const created = new Set(
      log.filter((e) => e.entity === kind && e.action === 'create').map((e) => idOf(kind, e.entityKey)),
    );
    const deleted = log.some((e) => e.entity === kind && e.action === 'delete');
    expect(deleted).toBe(false);
    for (const id of present) {
      if (!model.seeded.has(id)) expect(created.has(id), `${id} exists without a create entry`).toBe(true);
    }
    for (const id of created) expect(present.has(id), `${id} has a create entry but is missing`).toBe(true);
  }

  // The filtered query agrees with the full log, for a few records.
  for (const [id, t] of [...model.records].slice(-3)) {
    const filtered = await auditLog(url, token, `&entity=${t.kind}&key=${encodeURIComponent(t.key)}`);
    expect(
      filtered.map((e) => e.id),
      id,
    ).toEqual((byRecord.get(id) ?? []).map((e) => e.id));
  }
}

async function verifyExport(url: string, token: string, model: Model): Promise<void> {
  const r = await call(url, token, 'GET', `/api/scenarios/${SCENARIO}/export`);
  expect(r.status).toBe(200);
  const parsed = parseScenarioValue(r.body);
  expect(parsed.ok ? [] : parsed.issues).toEqual([]);
  // Cross-references and exchange rates too: the document must import again as it is.
  expect(() => validateScenarioDocument(r.body, loadExchangeRates())).not.toThrow();
  for (const kind of ['offers', 'pledges'] as const) {
    const exported = new Map((r.body[kind] as Json[]).map((x) => [String(x.id), x]));
    const listed = await list(url, token, kind);
    expect([...exported.keys()].sort()).toEqual(listed.map((x) => String(x.id)).sort());
    for (const t of model.records.values()) {
      if (t.kind === kind) expect(exported.get(t.key), t.key).toEqual(withoutMeta(t.known!));
    }
  }
  const summary = await call(url, token, 'GET', `/api/scenarios/${SCENARIO}`);
  expect(summary.status).toBe(200);
  const counts = summary.body.counts as { offers: number; pledges: number };
  expect(counts.offers).toBe((r.body.offers as Json[]).length);
  expect(counts.pledges).toBe((r.body.pledges as Json[]).length);
}

/** The restarted server takes new writes: a create and an update of it. */
async function verifyWritable(url: string, token: string, model: Model, tag: string): Promise<void> {
  const key = `CRASH-AFTER-${tag}`;
  const body = {
    id: key,
    nation: model.nations[0],
    amount: 4242,
    currency: 'EUR',
    date: '2025-03-01',
    purpose: `written after restart ${tag}`,
    stage: 'committed',
  };
  const created = await call(url, token, 'POST', listPath('pledges'), body);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const updated = await call(url, token, 'PATCH', recordPath('pledges', key), { version: 1, amount: 4343 });
  expect(updated.status, JSON.stringify(updated.body)).toBe(200);
  expect(updated.body).toMatchObject({ amount: 4343, version: 2 });
  model.records.set(idOf('pledges', key), {
    kind: 'pledges',
    key,
    owner: -1,
    seedVersion: undefined,
    known: updated.body,
    acked: [created.body, updated.body],
    inFlight: undefined,
  });
}

// --- the scenario -------------------------------------------------------------------------------

interface Backend {
  name: string;
  /** Environment of the server: where its store is. */
  env: Record<string, string>;
  /** The PGlite data directory, whose lock file the dead process leaves behind. */
  dataDir?: string;
  kills: number;
}

async function crashAndRecover(backend: Backend): Promise<void> {
  const rand = random(SEED);
  const started = Date.now();
  console.log(`crash test (${backend.name}): seed ${SEED} (CRASH_SEED=${SEED} replays it)`);
  let server = await startServer(backend.env);
  let token = await login(server.url);
  const model = await initialModel(server.url, token);

  for (let round = 1; round <= backend.kills; round++) {
    const killAfter = 150 + Math.floor(rand() * 251);
    const killDelay = rand() * 25;
    const { acked, cutOff } = await streamUntilKilled(server, token, model, round, killAfter, killDelay);
    const dead = server.pid;
    expect(isAlive(dead)).toBe(false);
    if (backend.dataDir !== undefined) {
      // The dead process's lock is still there (with the URL and operator credential it published):
      // the restart must take it over, not refuse.
      expect(JSON.parse(readFileSync(`${backend.dataDir}.lock`, 'utf8'))).toMatchObject({ pid: dead });
    }

    server = await startServer(backend.env);
    // A sign-in is a write too: the session the clients used survives the crash.
    const me = await call(server.url, token, 'GET', '/api/auth/me');
    expect(me.status, 'session acknowledged before the crash').toBe(200);
    token = await login(server.url);
    await verifyStore(server.url, token, model);
    await verifyWritable(server.url, token, model, `${round}`);
    console.log(
      `crash test (${backend.name}, seed ${SEED}) round ${round}: killed after ${acked} acknowledged writes ` +
        `(target ${killAfter}, then ${killDelay.toFixed(1)} ms), ${cutOff} cut off; ${model.records.size} records verified`,
    );
  }

  // Every acknowledged write of every round, checked once more on the last start.
  await verifyAudit(server.url, token, model);
  server.child.kill('SIGTERM');
  expect((await server.exited).code, server.output()).toBe(0);
  if (backend.dataDir !== undefined) expect(existsSync(`${backend.dataDir}.lock`)).toBe(false);
  console.log(
    `crash test (${backend.name}): ${model.ackedWrites} acknowledged writes, ${Date.now() - started} ms`,
  );
}

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

describe('server killed with SIGKILL during writes', () => {
  // About 35 s alone; the margin is for a loaded 2-core machine running other files beside it.
  it('PGlite: two crashes in a row lose no acknowledged write', { timeout: 600_000 }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'coalition-crash-'));
    temps.push(dir);
    const dataDir = join(dir, 'data');
    await crashAndRecover({ name: 'PGlite', env: { COALITION_DATA: dataDir }, dataDir, kills: 2 });
  });
});

const adminUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

if (adminUrl || process.env.CI === 'true') {
  describe('server killed with SIGKILL during writes (PostgreSQL)', () => {
    const database = `crash_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = async <T>(fn: (client: pg.Client) => Promise<T>): Promise<T> => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        return await fn(client);
      } finally {
        await client.end();
      }
    };
    afterAll(async () => {
      // The server is dead by now (afterEach); FORCE ends any connection the kill left behind.
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`));
    });

    it('PostgreSQL: a crash loses no acknowledged write', { timeout: 600_000 }, async () => {
      if (!adminUrl)
        throw new Error(
          'CI=true but neither TEST_DATABASE_URL nor DATABASE_URL is set: PostgreSQL must be tested',
        );
      await admin((c) => c.query(`CREATE DATABASE ${database}`));
      const url = new URL(adminUrl);
      url.pathname = `/${database}`;
      const dir = mkdtempSync(join(tmpdir(), 'coalition-crash-'));
      temps.push(dir);
      await crashAndRecover({
        name: 'PostgreSQL',
        // The data directory is set so no stray PGlite store could be opened by mistake.
        env: { DATABASE_URL: url.toString(), COALITION_DATA: join(dir, 'unused') },
        kills: 1,
      });
    });
  });
} else {
  // Declared and skipped with its reason, so the closing line counts it as not run.
  describe('server killed with SIGKILL during writes (PostgreSQL)', skippedFor(NO_POSTGRES), () => {
    it('PostgreSQL: a crash loses no acknowledged write', () => undefined);
  });
}
