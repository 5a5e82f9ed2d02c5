// Setting up a freshly started installation for the load, through the HTTP API only (as a client
// would): sign in as the first administrator, create a planner and a liaison officer, mark some
// offers so a liaison's reads really filter, and read back what the workload needs.
import type { Lease } from './lease-pool.ts';
import { READ_OPS, WRITE_OPS, type Actor, type OpKind } from './mixes.ts';
import { ADMIN_PASSWORD } from './processes.ts';
import { BENCH_PLEDGE_PREFIX, LIAISON_NATION, SCENARIO, type WorkloadState } from './workload.ts';

const USERS: Record<Actor, { id: string; displayName: string; role: string; nation?: string }> = {
  planner: { id: 'bench-planner', displayName: 'Load benchmark planner', role: 'planner' },
  liaison: {
    id: 'bench-liaison-gbr',
    displayName: 'Load benchmark liaison (GBR)',
    role: 'liaison',
    nation: LIAISON_NATION,
  },
};
const USER_PASSWORD = 'load-benchmark-user-password';

interface StoredOffer {
  id: string;
  nation: string;
  version: number;
  releasability?: unknown;
}
interface StoredPledge {
  id: string;
  nation: string;
  version: number;
}

export class ApiError extends Error {}

async function call(
  url: string,
  method: string,
  path: string,
  token: string | undefined,
  body: unknown,
  expect: readonly number[],
): Promise<{ status: number; text: string }> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token !== undefined && { authorization: `Bearer ${token}` }),
      ...(body !== undefined && { 'content-type': 'application/json' }),
    },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!expect.includes(res.status)) {
    throw new ApiError(
      `${method} ${path}: expected ${expect.join(' or ')}, got ${res.status}: ${text.slice(0, 500)}`,
    );
  }
  return { status: res.status, text };
}

async function json<T>(
  url: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<T> {
  const { text } = await call(url, method, path, token, body, [200, 201]);
  return JSON.parse(text) as T;
}

async function login(url: string, username: string, password: string): Promise<string> {
  const { token } = await json<{ token: string }>(url, 'POST', '/api/auth/login', undefined, {
    username,
    password,
  });
  return token;
}

export class Fixture {
  private serial = 0;

  private constructor(
    readonly url: string,
    readonly tokens: Record<Actor, string>,
    /** Mean body size in bytes of each operation as each actor, measured once. */
    readonly sizes: Map<string, number>,
  ) {}

  /** Prepares the installation behind `url` (any one of its API processes). */
  static async setup(url: string): Promise<Fixture> {
    const admin = await login(url, 'admin', ADMIN_PASSWORD);
    for (const user of Object.values(USERS)) {
      // 409: a database reused from an interrupted run already has the user.
      await call(
        url,
        'POST',
        '/api/users',
        admin,
        { ...user, password: USER_PASSWORD, mustChangePassword: false },
        [201, 409],
      );
    }
    const tokens: Record<Actor, string> = {
      planner: await login(url, USERS.planner.id, USER_PASSWORD),
      liaison: await login(url, USERS.liaison.id, USER_PASSWORD),
    };
    await markOffers(url, tokens.planner);
    const fixture = new Fixture(url, tokens, new Map());
    await fixture.measureSizes();
    return fixture;
  }

  /** Ids of pledges the workload creates, unique over every run on this installation. */
  nextPledgeId = (): string => `${BENCH_PLEDGE_PREFIX}${process.pid}-${++this.serial}`;

  sizeOf(op: OpKind, actor: Actor): number {
    return this.sizes.get(`${op}/${actor}`) ?? 0;
  }

  /**
   * The records and versions as the server has them now. Read before every run: a run stops with
   * requests in flight, whose writes may have landed without the workload seeing the new version.
   */
  async state(): Promise<WorkloadState> {
    const { url, tokens } = this;
    const [offers, liaisonOffers, pledges] = await Promise.all([
      json<{ items: StoredOffer[] }>(url, 'GET', `/api/scenarios/${SCENARIO}/offers`, tokens.planner),
      json<{ items: StoredOffer[] }>(url, 'GET', `/api/scenarios/${SCENARIO}/offers`, tokens.liaison),
      json<{ items: StoredPledge[] }>(url, 'GET', `/api/scenarios/${SCENARIO}/pledges`, tokens.planner),
    ]);
    const lease = (r: { id: string; version: number }): Lease => ({ key: r.id, version: r.version });
    const own = (r: { nation: string }) => r.nation === LIAISON_NATION;
    const byId = <T extends { id: string }>(a: T, b: T) => a.id.localeCompare(b.id);
    const allOffers = [...offers.items].sort(byId);
    const benchPledges = pledges.items.filter((p) => p.id.startsWith(BENCH_PLEDGE_PREFIX)).sort(byId);
    return {
      tokens,
      offers: {
        planner: allOffers.filter((o) => !own(o)).map(lease),
        liaison: allOffers.filter(own).map(lease),
      },
      pledges: {
        planner: benchPledges.filter((p) => !own(p)).map(lease),
        liaison: benchPledges.filter(own).map(lease),
      },
      visibleOffers: {
        planner: allOffers.map((o) => o.id),
        liaison: [...liaisonOffers.items].sort(byId).map((o) => o.id),
      },
      pledgeNations: [...new Set(allOffers.filter((o) => !own(o)).map((o) => o.nation))].sort(),
    };
  }

  /** Body sizes of each operation, so the reference server can answer with bodies of the same size. */
  private async measureSizes(): Promise<void> {
    const state = await this.state();
    const paths: Record<(typeof READ_OPS)[number], (actor: Actor) => string> = {
      'list-scenarios': () => '/api/scenarios',
      overview: () => `/api/scenarios/${SCENARIO}/overview`,
      'list-offers': () => `/api/scenarios/${SCENARIO}/offers`,
      'list-pledges': () => `/api/scenarios/${SCENARIO}/pledges`,
      'get-offer': (actor) => `/api/scenarios/${SCENARIO}/offers/${state.visibleOffers[actor][0]}`,
    };
    const pledge = await call(
      this.url,
      'GET',
      `/api/scenarios/${SCENARIO}/pledges`,
      this.tokens.planner,
      undefined,
      [200],
    );
    const pledgeBytes = JSON.stringify(
      (JSON.parse(pledge.text) as { items: unknown[] }).items[0] ?? {},
    ).length;
    for (const actor of ['planner', 'liaison'] as const) {
      for (const op of READ_OPS) {
        const { text } = await call(this.url, 'GET', paths[op](actor), this.tokens[actor], undefined, [200]);
        this.sizes.set(`${op}/${actor}`, Buffer.byteLength(text));
      }
      for (const op of WRITE_OPS) {
        // A write answers with the record it wrote (a delete with nothing, a create with the pledge).
        this.sizes.set(
          `${op}/${actor}`,
          op === 'patch-offer' ? this.sizeOf('get-offer', actor) : pledgeBytes,
        );
      }
    }
  }
}

/**
 * Marks a quarter of the other nations' offers for their own nation only and another quarter
 * COALITION, so the liaison officer's lists, record reads and overview filter out withheld records
 * as they would in use. Deterministic: by position in id order.
 */
async function markOffers(url: string, planner: string): Promise<void> {
  const { items } = await json<{ items: StoredOffer[] }>(
    url,
    'GET',
    `/api/scenarios/${SCENARIO}/offers`,
    planner,
  );
  const others = items.filter((o) => o.nation !== LIAISON_NATION).sort((a, b) => a.id.localeCompare(b.id));
  for (const [i, offer] of others.entries()) {
    if (offer.releasability !== undefined || i % 2 === 0) continue;
    const releasability =
      i % 4 === 1 ? { level: 'REL_TO', nations: [offer.nation] } : { level: 'COALITION', nations: [] };
    await json(url, 'PATCH', `/api/scenarios/${SCENARIO}/offers/${encodeURIComponent(offer.id)}`, planner, {
      version: offer.version,
      releasability,
    });
  }
}
