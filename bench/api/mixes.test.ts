// The pure parts of the API load benchmark: the seeded mixes, the leases that keep writers apart,
// and the workload's bookkeeping, driven here with made-up answers instead of a server.
import { describe, expect, it } from 'vitest';
import { LeasePool } from './lease-pool.ts';
import {
  READ_HEAVY,
  READ_OPS,
  WRITE_HEAVY,
  expectedBodyBytes,
  isWrite,
  opStream,
  readPercent,
  seededRandom,
  type OpKind,
} from './mixes.ts';
import { ApiWorkload, PLEDGE_QUOTA, type WorkloadState } from './workload.ts';

const take = <T>(next: () => T, n: number): T[] => Array.from({ length: n }, next);

describe('request mixes', () => {
  it('issue the same operations for the same seed', () => {
    expect(take(opStream(READ_HEAVY, 7), 500)).toEqual(take(opStream(READ_HEAVY, 7), 500));
    expect(take(seededRandom(3), 10)).toEqual(take(seededRandom(3), 10));
  });

  it('issue different operations for another seed', () => {
    const kinds = (seed: number) => take(opStream(WRITE_HEAVY, seed), 200).map((o) => o.kind);
    expect(kinds(1)).not.toEqual(kinds(2));
  });

  it('are 90/10 and 30/70 reads to writes, and draw them in those shares', () => {
    expect(readPercent(READ_HEAVY)).toBe(90);
    expect(readPercent(WRITE_HEAVY)).toBe(30);
    for (const [mix, reads] of [
      [READ_HEAVY, 0.9],
      [WRITE_HEAVY, 0.3],
    ] as const) {
      const ops = take(opStream(mix, 11), 20_000);
      const share = ops.filter((o) => !isWrite(o.kind)).length / ops.length;
      expect(share).toBeGreaterThan(reads - 0.02);
      expect(share).toBeLessThan(reads + 0.02);
      const liaison = ops.filter((o) => o.actor === 'liaison').length / ops.length;
      expect(liaison).toBeGreaterThan(0.48);
      expect(liaison).toBeLessThan(0.52);
      expect(ops.every((o) => o.pick >= 0 && o.pick < 1)).toBe(true);
    }
  });

  it('weight response sizes by the mix for the reference body', () => {
    const bytes = expectedBodyBytes(
      READ_HEAVY,
      (op, actor) => (op === 'overview' ? 1000 : 0) + (actor === 'liaison' ? 10 : 0),
    );
    // overview is 20 of 100; every operation adds 10 bytes for the liaison's half.
    expect(bytes).toBe(200 + 5);
  });
});

describe('LeasePool', () => {
  it('leases each record to one holder at a time and carries the version it is given back', () => {
    const pool = new LeasePool([
      { key: 'a', version: 1 },
      { key: 'b', version: 4 },
    ]);
    const first = pool.acquire(0);
    const second = pool.acquire(0);
    expect(first).toEqual({ key: 'a', version: 1 });
    expect(second).toEqual({ key: 'b', version: 4 });
    expect(pool.acquire(0.5)).toBeUndefined();
    pool.release('a', 2);
    expect(pool.acquire(0.9)).toEqual({ key: 'a', version: 2 });
    pool.release('a');
    expect(pool.version('a')).toBe(2);
  });

  it('forgets removed records, leased or not', () => {
    const pool = new LeasePool([{ key: 'a', version: 1 }]);
    pool.acquire(0);
    pool.remove('a');
    expect(pool.size).toBe(0);
    expect(pool.free).toBe(0);
    pool.add('c', 1);
    expect(pool.acquire(0)).toEqual({ key: 'c', version: 1 });
  });
});

function state(): WorkloadState {
  const offers = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ key: `${prefix}-${i}`, version: 1 }));
  return {
    tokens: { planner: 'tp', liaison: 'tl' },
    offers: { planner: offers('OFF-FRA', 6), liaison: offers('OFF-GBR', 4) },
    pledges: { planner: [], liaison: [] },
    visibleOffers: { planner: ['OFF-FRA-0', 'OFF-GBR-0'], liaison: ['OFF-GBR-0'] },
    pledgeNations: ['FRA', 'DEU'],
  };
}

/** A fake server over the workload: answers writes with the next version and keeps what exists. */
function drive(workload: ApiWorkload, connections: number, steps: number) {
  const records = new Map<string, number>();
  const inFlight = new Map<
    number,
    { context: Record<string, unknown>; method: string; path: string; body?: string }
  >();
  const writesInFlight = new Set<string>();
  const seen: string[] = [];
  let conflicts = 0;
  let n = 0;
  const send = (c: number) => {
    const context: Record<string, unknown> = {};
    const r = workload.next(context);
    seen.push(`${r.op} ${r.method} ${r.path}`);
    if (r.method !== 'GET' && r.method !== 'POST') {
      const key = r.path.split('?')[0]!;
      // The property under test: no record is written by two connections at once.
      expect(writesInFlight.has(key)).toBe(false);
      writesInFlight.add(key);
    }
    inFlight.set(c, {
      context,
      method: r.method,
      path: r.path,
      ...(r.body !== undefined && { body: r.body }),
    });
  };
  const answer = (c: number) => {
    const { context, method, path, body } = inFlight.get(c)!;
    const key = path.split('?')[0]!;
    const id = decodeURIComponent(key.slice(key.lastIndexOf('/') + 1));
    writesInFlight.delete(key);
    if (method === 'POST') {
      const created = (JSON.parse(body!) as { id: string }).id;
      records.set(created, 1);
      workload.done(context, 201, JSON.stringify({ id: created, version: 1 }));
    } else if (method === 'PATCH') {
      const sent = (JSON.parse(body!) as { version: number }).version;
      const current = records.get(id) ?? 1;
      if (sent !== current) {
        conflicts++;
        workload.done(context, 409, JSON.stringify({ error: { current: { version: current } } }));
      } else {
        records.set(id, current + 1);
        workload.done(context, 200, JSON.stringify({ version: current + 1 }));
      }
    } else if (method === 'DELETE') {
      records.delete(id);
      workload.done(context, 204, '');
    } else {
      workload.done(context, 200, '{}');
    }
  };
  for (let c = 0; c < connections; c++) send(c);
  // Answer connections in a seeded but shuffled order, as a server under load would.
  const random = seededRandom(99);
  for (; n < steps; n++) {
    const c = Math.floor(random() * connections);
    answer(c);
    send(c);
  }
  return { seen, conflicts };
}

describe('ApiWorkload', () => {
  const options = (prefix: string) => {
    let i = 0;
    return { nextPledgeId: () => `${prefix}-${++i}` };
  };

  it('never writes one record from two connections at once, and never sends a stale version', () => {
    const workload = new ApiWorkload(state(), WRITE_HEAVY, 5, options('BENCH'));
    const { seen, conflicts } = drive(workload, 8, 3000);
    expect(conflicts).toBe(0);
    expect(seen.some((s) => s.startsWith('patch-offer'))).toBe(true);
    expect(seen.some((s) => s.startsWith('delete-pledge'))).toBe(true);
  });

  it('keeps the pledges it created near the quota by deleting as it creates', () => {
    const workload = new ApiWorkload(state(), WRITE_HEAVY, 5, options('BENCH'));
    const { seen } = drive(workload, 8, 5000);
    const created = seen.filter((s) => s.startsWith('create-pledge')).length;
    const deleted = seen.filter((s) => s.startsWith('delete-pledge')).length;
    expect(created - deleted).toBeLessThanOrEqual(2 * PLEDGE_QUOTA + 8);
  });

  it('sends the same requests for the same seed', () => {
    const run = () => drive(new ApiWorkload(state(), READ_HEAVY, 3, options('BENCH')), 4, 400).seen;
    expect(run()).toEqual(run());
  });

  it('reads as each actor only what that actor can see, with its own token', () => {
    const workload = new ApiWorkload(state(), READ_HEAVY, 1, options('BENCH'));
    for (let i = 0; i < 300; i++) {
      const context: Record<string, unknown> = {};
      const r = workload.next(context);
      const liaison = r.headers.authorization === 'Bearer tl';
      if (r.op === 'get-offer' && liaison) expect(r.path).toMatch(/OFF-GBR-0$/);
      if (READ_OPS.includes(r.op as (typeof READ_OPS)[number])) expect(r.method).toBe('GET');
      workload.done(context, r.method === 'POST' ? 201 : 200, r.method === 'GET' ? '{}' : '{"version":2}');
    }
  });

  it('labels every operation of the mixes', () => {
    const kinds = new Set<OpKind>(take(opStream(WRITE_HEAVY, 2), 2000).map((o) => o.kind));
    expect(kinds.size).toBe(Object.keys(WRITE_HEAVY.weights).length);
  });
});
