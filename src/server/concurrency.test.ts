// Optimistic concurrency under load: 1,000 concurrent, conflicting PATCH requests to the same five
// records, over real HTTP. Every update either applies (200) or is refused (409 with the current
// record); none is silently lost. The proof is the audit log: replayed from the import, each update
// entry must be its predecessor plus exactly the patch of one 200 response, versions must climb by
// one with no gap, and the result must equal what GET returns. Each patch also bumps a counter by
// one from the value it read, so a lost update would show as a counter short of the 200s.
//
// Run against PGlite (one server) and against PostgreSQL with two API servers sharing one database,
// each with its own connection pool, so the version check is proven across pools and not merely
// serialised by one Node event loop or PGlite's single session.
import http from 'node:http';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_POSTGRES, skippedFor } from '../../test-summary.ts';
import { ENTITY_PATH } from '../domain/entity-paths.ts';
import { ENTITY_KEY, type AuditEntry, type EntityKind } from '../domain/records.ts';
import { apiScenario } from '../domain/api-test-fixtures.ts';
import { buildApp } from './app.ts';
import { openInstallation } from '../app/installation.ts';
import { openTestApp } from './test-app.ts';
import type { TestUserName } from './test-server.ts';

type Json = Record<string, unknown>;

const SCENARIO = 'api-test';
const CONFLICTING_UPDATES = 1_000;
const RETRYING_WRITERS = 40;
/** Below the audit API's maximum (1000) so paging with `before` is exercised too. */
const AUDIT_PAGE = 250;

// --- the records under contention -----------------------------------------------------------------

interface Target {
  kind: EntityKind;
  key: string;
  /** The field each patch raises by one from the value it read. */
  counter: 'quantity' | 'amount';
  /** Who may write it: staff always, a liaison only on its own nation's offers and pledges. */
  writers: readonly TestUserName[];
}

const TARGETS: readonly Target[] = [
  { kind: 'offers', key: 'OFF-GBR-1', counter: 'quantity', writers: ['planner', 'admin', 'liaison-gbr'] },
  { kind: 'offers', key: 'OFF-FRA-1', counter: 'quantity', writers: ['planner', 'admin', 'liaison-fra'] },
  { kind: 'pledges', key: 'PLG-GBR-1', counter: 'amount', writers: ['planner', 'admin', 'liaison-gbr'] },
  { kind: 'requirements', key: 'REQ-1', counter: 'quantity', writers: ['planner', 'admin'] },
  { kind: 'requirements', key: 'REQ-2', counter: 'quantity', writers: ['planner', 'admin'] },
];

const recordPath = (t: Target) =>
  `/api/scenarios/${SCENARIO}/${ENTITY_PATH[t.kind]}/${encodeURIComponent(t.key)}`;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const META = new Set(['version', 'createdAt', 'updatedAt']);
/** A record's content: bookkeeping fields differ between the import document and the rows by design. */
const content = (record: unknown): Json =>
  Object.fromEntries(Object.entries(record as Json).filter(([k]) => !META.has(k)));

// --- HTTP -----------------------------------------------------------------------------------------

interface Server {
  url: string;
  agent: http.Agent;
}

interface Reply {
  status: number;
  body: Json;
}

/**
 * node:http with a bounded keep-alive agent rather than global fetch: fetch would open one socket per
 * request in flight, and 1,000 at once overflow the listen backlog (connection resets, not the server
 * misbehaving). All requests are still issued at once; the agent queues them onto its sockets.
 */
function send(server: Server, method: string, path: string, token: string, body?: unknown): Promise<Reply> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const req = http.request(
      server.url + path,
      {
        method,
        agent: server.agent,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload !== undefined && { 'content-type': 'application/json' }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (e) => resolve({ status: 0, body: { transport: e.message } }));
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          let parsed: Json;
          try {
            parsed = text === '' ? {} : (JSON.parse(text) as Json);
          } catch {
            parsed = { unparsable: text };
          }
          resolve({ status: res.statusCode ?? 0, body: parsed });
        });
      },
    );
    // A transport failure is reported as status 0 so it counts as a wrong answer, not a crash.
    req.on('error', (e) => resolve({ status: 0, body: { transport: e.message } }));
    req.end(payload);
  });
}

// --- backends -------------------------------------------------------------------------------------

interface Cluster {
  /** Every API server; requests are spread over all of them. */
  servers: Server[];
  tokens: Record<TestUserName, string>;
  close(): Promise<void>;
}

interface Backend {
  name: string;
  open(): Promise<Cluster>;
  /** Why the backend's block is skipped here; its tests are still counted, as skipped. */
  skipReason?: string;
}

const newAgent = () => new http.Agent({ keepAlive: true, maxSockets: 64 });

const databaseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

const pgliteBackend: Backend = {
  name: 'PGlite, one server',
  open: async () => {
    const t = await openTestApp({ seed: false });
    const url = await t.app.listen({ host: '127.0.0.1', port: 0 });
    const agent = newAgent();
    return {
      servers: [{ url, agent }],
      tokens: t.tokens,
      close: async () => {
        agent.destroy();
        await t.close();
      },
    };
  },
};

function postgresBackend(url: string): Backend {
  // A schema of its own, dropped afterwards, so runs never see each other's rows.
  const schema = `conc_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  const dropSchema = async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  };
  return {
    name: 'PostgreSQL, two servers',
    open: async () => {
      // Opened one after the other: the first migrates the schema and creates the test accounts;
      // sessions live in the database, so its tokens are good on the second server too.
      const a = await openTestApp({ seed: false, databaseUrl: url, schema });
      const instB = await openInstallation({ dataDir: 'memory://', databaseUrl: url, schema, seed: false });
      const appB = await buildApp({ installation: instB, logLevel: false });
      const urlA = await a.app.listen({ host: '127.0.0.1', port: 0 });
      const urlB = await appB.listen({ host: '127.0.0.1', port: 0 });
      const servers = [
        { url: urlA, agent: newAgent() },
        { url: urlB, agent: newAgent() },
      ];
      return {
        servers,
        tokens: a.tokens,
        close: async () => {
          for (const s of servers) s.agent.destroy();
          try {
            await appB.close();
            await instB.close();
            await a.close();
          } finally {
            await dropSchema();
          }
        },
      };
    },
  };
}

const BACKENDS: Backend[] = [pgliteBackend];
if (databaseUrl) {
  BACKENDS.push(postgresBackend(databaseUrl));
} else if (process.env.CI === 'true') {
  describe('concurrency: PostgreSQL', () => {
    it('is required on CI', () => {
      throw new Error(
        'CI=true but neither TEST_DATABASE_URL nor DATABASE_URL is set: PostgreSQL must be tested',
      );
    });
  });
} else {
  console.warn(
    'concurrency suite: PostgreSQL block skipped — set TEST_DATABASE_URL (e.g. postgres://coalition:coalition@127.0.0.1:5432/coalition_test) to run it',
  );
  BACKENDS.push({
    name: 'PostgreSQL, two servers',
    skipReason: NO_POSTGRES,
    open: () => Promise.reject(new Error(NO_POSTGRES)),
  });
}

for (const backend of BACKENDS) describeConcurrency(backend);

// --- the suite ------------------------------------------------------------------------------------

/** One PATCH as sent and answered; `tag` (written to `assumption`) names it in the audit log. */
interface Attempt {
  tag: string;
  target: Target;
  user: TestUserName;
  sentVersion: number;
  patch: Json;
  reply: Reply;
}

function describeConcurrency(backend: Backend): void {
  describe(`concurrent conflicting updates (${backend.name})`, skippedFor(backend.skipReason), () => {
    let cluster: Cluster;
    /** Every PATCH of every test, so the audit check covers all changes since the import. */
    const attempts: Attempt[] = [];
    let requestNo = 0;

    const serverFor = (n: number) => cluster.servers[n % cluster.servers.length] as Server;

    const read = async (target: Target, user: TestUserName, n: number): Promise<Json> => {
      const r = await send(serverFor(n), 'GET', recordPath(target), cluster.tokens[user]);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return r.body;
    };

    /** Raises the counter by one from the value read, at the version read, marked with a unique tag. */
    const write = async (target: Target, user: TestUserName, seen: Json, tag: string): Promise<Attempt> => {
      const n = requestNo++;
      const sentVersion = seen.version as number;
      const patch = { [target.counter]: (seen[target.counter] as number) + 1, assumption: tag };
      const reply = await send(serverFor(n), 'PATCH', recordPath(target), cluster.tokens[user], {
        version: sentVersion,
        ...patch,
      });
      const attempt = { tag, target, user, sentVersion, patch, reply };
      attempts.push(attempt);
      return attempt;
    };

    const auditAll = async (query: Record<string, string>): Promise<AuditEntry[]> => {
      const out: AuditEntry[] = [];
      let before: number | undefined;
      for (;;) {
        const qs = new URLSearchParams({
          ...query,
          limit: String(AUDIT_PAGE),
          ...(before !== undefined && { before: String(before) }),
        });
        const r = await send(serverFor(out.length), 'GET', `/api/audit?${qs}`, cluster.tokens.planner);
        expect(r.status, JSON.stringify(r.body)).toBe(200);
        const page = r.body.items as AuditEntry[];
        out.push(...page);
        if (page.length < AUDIT_PAGE) return out.sort((x, y) => x.id - y.id);
        before = (page.at(-1) as AuditEntry).id;
      }
    };

    /** Every answer is 200 or a well-formed 409; nothing else (no 5xx, no transport error). */
    const checkAnswers = (batch: readonly Attempt[]) => {
      const wrong = batch.filter((a) => a.reply.status !== 200 && a.reply.status !== 409);
      expect(
        wrong.slice(0, 5).map((a) => `${a.tag}: ${a.reply.status} ${JSON.stringify(a.reply.body)}`),
        `${wrong.length} of ${batch.length} answers were neither 200 nor 409`,
      ).toEqual([]);
      for (const a of batch) {
        const keyField = ENTITY_KEY[a.target.kind];
        if (a.reply.status === 200) {
          expect(a.reply.body.version, a.tag).toBe(a.sentVersion + 1);
          expect(a.reply.body.assumption, a.tag).toBe(a.tag);
          expect(a.reply.body[a.target.counter], a.tag).toBe(a.patch[a.target.counter]);
        } else {
          const error = a.reply.body.error as { code: string; current?: Json };
          expect(error.code, a.tag).toBe('conflict');
          expect(error.current, `${a.tag}: a 409 carries the current record`).toBeDefined();
          expect(error.current?.[keyField], a.tag).toBe(a.target.key);
          // Versions only climb, and the sent one was current when read: the record has moved on.
          expect(error.current?.version, a.tag).toBeGreaterThan(a.sentVersion);
        }
      }
    };

    /**
     * Replays the audit log of each target from the import and checks it against the answers the
     * clients got and the stored record. Returns the number of applied updates per target.
     */
    const checkAuditReplay = async (): Promise<Map<Target, number>> => {
      const imports = await auditAll({
        scenario: SCENARIO,
        entity: 'scenario',
        key: SCENARIO,
        action: 'import',
      });
      expect(imports).toHaveLength(1);
      const document = (imports[0] as AuditEntry).after as Record<string, Json[]>;
      const applied = new Map<Target, number>();
      for (const target of TARGETS) {
        const what = `${target.kind} ${target.key}`;
        const imported = (document[target.kind] ?? []).find((r) => r[ENTITY_KEY[target.kind]] === target.key);
        expect(imported, `${what} in the import`).toBeDefined();
        let state = content(imported);

        const entries = await auditAll({
          scenario: SCENARIO,
          entity: target.kind,
          key: target.key,
          action: 'update',
        });
        const mine = attempts.filter((a) => a.target === target);
        const byTag = new Map(mine.map((a) => [a.tag, a]));
        const succeeded = mine.filter((a) => a.reply.status === 200);
        expect(entries.length, `${what}: audit update entries vs 200 answers`).toBe(succeeded.length);

        const logged = new Set<string>();
        entries.forEach((entry, n) => {
          const before = entry.before as Json;
          const after = entry.after as Json;
          const at = `${what}, update ${n + 1} of ${entries.length} (audit id ${entry.id})`;
          // No gap and no repeat: the n-th update takes the record from version n+1 to n+2.
          expect(before.version, at).toBe(n + 1);
          expect(after.version, at).toBe(n + 2);
          expect(content(before), `${at}: before is the replayed state`).toEqual(state);

          const tag = after.assumption as string;
          expect(logged.has(tag), `${at}: ${tag} logged twice`).toBe(false);
          logged.add(tag);
          const attempt = byTag.get(tag);
          expect(attempt?.reply.status, `${at}: ${tag} is logged but was not answered 200`).toBe(200);
          if (!attempt) return;
          expect(entry.actor, at).toBe(attempt.user);
          expect(after, `${at}: the 200 answer is what was logged`).toEqual(attempt.reply.body);
          expect(content(after), `${at}: after is before plus the patch`).toEqual({
            ...state,
            ...attempt.patch,
          });
          state = content(after);
        });
        for (const a of succeeded) expect(logged.has(a.tag), `${what}: ${a.tag} answered 200`).toBe(true);

        const stored = await read(target, 'planner', 0);
        expect(content(stored), `${what}: stored record is the replayed audit log`).toEqual(state);
        expect(stored.version, what).toBe(entries.length + 1);
        expect(stored[target.counter], `${what}: counter raised once per applied update`).toBe(
          (imported?.[target.counter] as number) + entries.length,
        );
        applied.set(target, entries.length);
      }
      return applied;
    };

    beforeAll(async () => {
      cluster = await backend.open();
      const r = await send(serverFor(0), 'POST', '/api/scenarios', cluster.tokens.planner, apiScenario());
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    });

    afterAll(async () => {
      await cluster?.close();
    });

    it(`${CONFLICTING_UPDATES} concurrent conflicting updates: each applies or gets 409, none is lost`, async () => {
      const started = performance.now();
      // What every client saw at the start: a quarter of the requests send it, stale on purpose.
      const initial = new Map<Target, Json>();
      for (const t of TARGETS) initial.set(t, await read(t, 'planner', 0));

      const batch = await Promise.all(
        Array.from({ length: CONFLICTING_UPDATES }, async (_, i) => {
          const target = TARGETS[i % TARGETS.length] as Target;
          const user = target.writers[Math.floor(i / TARGETS.length) % target.writers.length] as TestUserName;
          const tag = `burst-${i}`;
          // All are issued together, but their starts are spread over about a second and a half, so
          // reads interleave with applied writes: otherwise every client would read version 1 and
          // only the first write per record could apply.
          await sleep((i % 97) * 15);
          if (i % 4 === 0) return write(target, user, initial.get(target) as Json, tag);
          // Read, then write a moment later: in between, others get in, so many of these are stale too.
          const seen = await read(target, user, i + 1);
          await sleep(i % 3);
          return write(target, user, seen, tag);
        }),
      );
      const elapsed = Math.round(performance.now() - started);

      checkAnswers(batch);
      const ok = batch.filter((a) => a.reply.status === 200).length;
      const conflicts = batch.length - ok;
      console.info(
        `concurrency (${backend.name}): ${batch.length} PATCHes in ${elapsed} ms: ${ok} applied, ${conflicts} got 409`,
      );
      // The test means something only if updates both landed and collided on every record.
      for (const t of TARGETS) {
        const mine = batch.filter((a) => a.target === t);
        expect(
          mine.some((a) => a.reply.status === 200),
          `${t.key}: some update applied`,
        ).toBe(true);
        expect(
          mine.some((a) => a.reply.status === 409),
          `${t.key}: some update conflicted`,
        ).toBe(true);
      }

      const applied = await checkAuditReplay();
      expect([...applied.values()].reduce((s, n) => s + n, 0)).toBe(ok);
    });

    it(`${RETRYING_WRITERS} writers that re-read and retry on 409 all get their update in`, async () => {
      const target = TARGETS[0] as Target;
      const before = await read(target, 'planner', 0);
      const tries: number[] = [];

      await Promise.all(
        Array.from({ length: RETRYING_WRITERS }, async (_, w) => {
          const user = target.writers[w % target.writers.length] as TestUserName;
          // A writer loses only to another writer's success, and each succeeds once: at most N tries.
          for (let n = 1; n <= RETRYING_WRITERS; n++) {
            const seen = await read(target, user, w + n);
            const a = await write(target, user, seen, `retry-${w}-${n}`);
            if (a.reply.status === 200) {
              tries.push(n);
              return;
            }
            expect(a.reply.status, `${a.tag}: ${JSON.stringify(a.reply.body)}`).toBe(409);
          }
        }),
      );

      const mine = attempts.filter((a) => a.tag.startsWith('retry-'));
      checkAnswers(mine);
      console.info(
        `concurrency (${backend.name}): ${RETRYING_WRITERS} retrying writers needed ${mine.length} PATCHes (at most ${Math.max(...tries)} each)`,
      );
      expect(tries, 'every writer got its update in').toHaveLength(RETRYING_WRITERS);
      expect(mine.filter((a) => a.reply.status === 200)).toHaveLength(RETRYING_WRITERS);

      const after = await read(target, 'planner', 0);
      expect(after.version).toBe((before.version as number) + RETRYING_WRITERS);
      expect(after[target.counter]).toBe((before[target.counter] as number) + RETRYING_WRITERS);
      await checkAuditReplay();
    });
  });
}
