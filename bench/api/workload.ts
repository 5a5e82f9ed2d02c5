// Turns the seeded operation stream into HTTP requests against the API, and keeps what the writes
// need between requests: the version of every record it may write (LeasePool) and the pledges it
// created. Each write leases its record, so connections never contend and every write is expected
// to succeed: any 409 is reported as a non-2xx answer, not retried or hidden.
import type autocannon from 'autocannon';
import { LeasePool, type Lease } from './lease-pool.ts';
import type { Workload, WorkloadRequest } from './load.ts';
import { opStream, type Actor, type Mix, type Op } from './mixes.ts';

export const SCENARIO = 'article-2025-03';
export const LIAISON_NATION = 'GBR';
/** Bench pledges kept per actor: churn creates up to this many, then deletes one per create. */
export const PLEDGE_QUOTA = 25;
export const BENCH_PLEDGE_PREFIX = 'BENCH-';

/** What the server holds that the workload needs, read back before each run. */
export interface WorkloadState {
  tokens: Record<Actor, string>;
  /** Offers each actor may edit (the liaison: its own nation's). */
  offers: Record<Actor, Lease[]>;
  /** Pledges the benchmark created, by the actor that may edit them. */
  pledges: Record<Actor, Lease[]>;
  /** Offer ids each actor can read. */
  visibleOffers: Record<Actor, string[]>;
  /** Nations the planner's pledges go to (the liaison's go to its own). */
  pledgeNations: string[];
}

interface Pending {
  action: 'read' | 'patch' | 'create' | 'delete';
  pool?: LeasePool;
  key?: string;
  actor: Actor;
}

/** A request to send; `op` names it in the per-operation figures (a churn is a create or a delete). */
interface Built {
  op: string;
  method: string;
  path: string;
  body?: unknown;
  pending: Pending;
}

export interface ApiWorkloadOptions {
  /**
   * Against the reference server: same requests, but its static answers carry no versions, so
   * they are not parsed (nor would a parse of its large body be fair to either side).
   */
  reference?: boolean;
  /** Makes the ids of created pledges, unique across the runs on one database. */
  nextPledgeId: () => string;
}

const base = `/api/scenarios/${SCENARIO}`;

export class ApiWorkload implements Workload {
  private readonly next_: () => Op;
  private readonly offers: Record<Actor, LeasePool>;
  private readonly pledges: Record<Actor, LeasePool>;
  private readonly creating: Record<Actor, number> = { planner: 0, liaison: 0 };

  constructor(
    private readonly state: WorkloadState,
    mix: Mix,
    seed: number,
    private readonly options: ApiWorkloadOptions,
  ) {
    this.next_ = opStream(mix, seed);
    this.offers = {
      planner: new LeasePool(state.offers.planner),
      liaison: new LeasePool(state.offers.liaison),
    };
    this.pledges = {
      planner: new LeasePool(state.pledges.planner),
      liaison: new LeasePool(state.pledges.liaison),
    };
  }

  next(context: autocannon.Context): WorkloadRequest {
    const op = this.next_();
    const auth = { authorization: `Bearer ${this.state.tokens[op.actor]}` };
    const request = this.build(op);
    context.pending = request.pending;
    return {
      op: request.op,
      method: request.method,
      path: request.path,
      headers: request.body === undefined ? auth : { ...auth, 'content-type': 'application/json' },
      ...(request.body !== undefined && { body: JSON.stringify(request.body) }),
    };
  }

  done(context: autocannon.Context, status: number, body: string): void {
    const pending = context.pending as Pending | undefined;
    if (!pending || pending.action === 'read') return;
    const ok = status >= 200 && status < 300;
    const { pool, key, actor } = pending;
    if (pending.action === 'create') {
      this.creating[actor]--;
      if (ok && key !== undefined) this.pledges[actor].add(key, this.version(body, ok) ?? 1);
      return;
    }
    if (!pool || key === undefined) return;
    if (pending.action === 'delete' && ok) pool.remove(key);
    // A 409 carries the current record: carry on from its version rather than fail every later write.
    else pool.release(key, this.version(body, ok));
  }

  private build(op: Op): Built {
    const { actor, pick, seq } = op;
    const read = (path: string): Built => ({
      op: op.kind,
      method: 'GET',
      path,
      pending: { action: 'read', actor },
    });
    switch (op.kind) {
      case 'list-scenarios':
        return read('/api/scenarios');
      case 'overview':
        return read(`${base}/overview`);
      case 'list-offers':
        return read(`${base}/offers`);
      case 'list-pledges':
        return read(`${base}/pledges`);
      case 'get-offer':
        return this.getOffer(op);
      case 'patch-offer': {
        const pool = this.offers[actor];
        const lease = pool.acquire(pick);
        // Every offer of this actor is being written by another connection: read one instead.
        if (!lease) return this.getOffer(op);
        return {
          op: 'patch-offer',
          method: 'PATCH',
          path: `${base}/offers/${encodeURIComponent(lease.key)}`,
          body: { version: lease.version, assumption: `Load benchmark edit ${seq}.` },
          pending: { action: 'patch', pool, key: lease.key, actor },
        };
      }
      case 'patch-pledge': {
        const pool = this.pledges[actor];
        const lease = pool.acquire(pick);
        if (!lease) return this.createPledge(op);
        return {
          op: 'patch-pledge',
          method: 'PATCH',
          path: `${base}/pledges/${encodeURIComponent(lease.key)}`,
          body: { version: lease.version, amount: 1_000_000 + (seq % 1000) * 1000 },
          pending: { action: 'patch', pool, key: lease.key, actor },
        };
      }
      case 'churn-pledge': {
        const pool = this.pledges[actor];
        if (pool.size + this.creating[actor] < PLEDGE_QUOTA) return this.createPledge(op);
        const lease = pool.acquire(pick);
        if (!lease) return this.createPledge(op);
        return {
          op: 'delete-pledge',
          method: 'DELETE',
          path: `${base}/pledges/${encodeURIComponent(lease.key)}?version=${lease.version}`,
          pending: { action: 'delete', pool, key: lease.key, actor },
        };
      }
    }
  }

  private getOffer(op: Op): Built {
    const ids = this.state.visibleOffers[op.actor];
    const id = ids[Math.floor(op.pick * ids.length)] ?? ids[0] ?? 'none';
    return {
      op: 'get-offer',
      method: 'GET',
      path: `${base}/offers/${encodeURIComponent(id)}`,
      pending: { action: 'read', actor: op.actor },
    };
  }

  private createPledge(op: Op): Built {
    const { actor, pick, seq } = op;
    const nations = this.state.pledgeNations;
    const nation =
      actor === 'liaison' ? LIAISON_NATION : (nations[Math.floor(pick * nations.length)] ?? LIAISON_NATION);
    // Pledge ids are spent per nation (src/domain/record-ids.ts): the id names the pledge's nation.
    const key = `${this.options.nextPledgeId()}-${nation}`;
    this.creating[actor]++;
    return {
      op: 'create-pledge',
      method: 'POST',
      path: `${base}/pledges`,
      body: {
        id: key,
        nation,
        amount: 1_000_000 + (seq % 1000) * 1000,
        currency: 'EUR',
        date: '2025-03-02',
        purpose: 'load benchmark',
        stage: 'committed',
        assumption: 'Synthetic pledge written by the API load benchmark.',
        // Half the planner's pledges are for their nation's eyes only: the liaison's lists filter them.
        ...(actor === 'planner' &&
          seq % 2 === 0 && { releasability: { level: 'REL_TO', nations: [nation] } }),
      },
      pending: { action: 'create', key, actor },
    };
  }

  private version(body: string, ok: boolean): number | undefined {
    if (this.options.reference || body === '') return undefined;
    try {
      const value = JSON.parse(body) as { version?: unknown; error?: { current?: { version?: unknown } } };
      const v = ok ? value.version : value.error?.current?.version;
      return typeof v === 'number' ? v : undefined;
    } catch {
      return undefined;
    }
  }
}
