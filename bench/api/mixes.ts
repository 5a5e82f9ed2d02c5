// The request mixes of the API load benchmark, as pure data and a seeded operation stream. The
// stream is the only source of randomness in a run, so the same seed issues the same sequence of
// operations; what varies between runs is only the timing the load generator imposes on it.

/** Reads a planner or liaison makes while browsing a scenario. */
export const READ_OPS = ['list-scenarios', 'overview', 'list-offers', 'list-pledges', 'get-offer'] as const;
/**
 * Writes: edit an offer, edit a pledge the bench created, and pledge churn (create a pledge, or
 * delete one once the bench has its quota) so the data set stays the same size however long it runs.
 */
export const WRITE_OPS = ['patch-offer', 'patch-pledge', 'churn-pledge'] as const;

export type ReadOp = (typeof READ_OPS)[number];
export type WriteOp = (typeof WRITE_OPS)[number];
export type OpKind = ReadOp | WriteOp;

/** Realistic roles: a liaison's reads go through releasability filtering, a planner's do not. */
export const ACTORS = ['planner', 'liaison'] as const;
export type Actor = (typeof ACTORS)[number];

export interface Mix {
  name: string;
  /** Relative weights; they need not add up to 100. */
  weights: Readonly<Record<OpKind, number>>;
  /** Share of operations made by the liaison officer; the rest are the planner's. */
  liaisonShare: number;
}

export const READ_HEAVY: Mix = {
  name: 'read-heavy',
  weights: {
    'list-scenarios': 10,
    overview: 20,
    'list-offers': 20,
    'list-pledges': 15,
    'get-offer': 25,
    'patch-offer': 5,
    'patch-pledge': 2,
    'churn-pledge': 3,
  },
  liaisonShare: 0.5,
};

export const WRITE_HEAVY: Mix = {
  name: 'write-heavy',
  weights: {
    'list-scenarios': 3,
    overview: 8,
    'list-offers': 6,
    'list-pledges': 5,
    'get-offer': 8,
    'patch-offer': 35,
    'patch-pledge': 15,
    'churn-pledge': 20,
  },
  liaisonShare: 0.5,
};

/**
 * Reads only: what issue 11's "heavy analyses in flight" target is about ("reads go on at 500
 * req/s"). The scenario does not change during the run, so the analyses read it from the cache.
 */
export const READS_ONLY: Mix = {
  name: 'reads-only',
  weights: { ...READ_HEAVY.weights, 'patch-offer': 0, 'patch-pledge': 0, 'churn-pledge': 0 },
  liaisonShare: 0.5,
};

export const MIXES: readonly Mix[] = [READ_HEAVY, WRITE_HEAVY];

export function isWrite(op: OpKind): op is WriteOp {
  return (WRITE_OPS as readonly string[]).includes(op);
}

/** Percentage of a mix's weight that is reads, e.g. 90 for a 90/10 mix. */
export function readPercent(mix: Mix): number {
  const total = totalWeight(mix);
  const reads = READ_OPS.reduce((sum, op) => sum + mix.weights[op], 0);
  return (100 * reads) / total;
}

function totalWeight(mix: Mix): number {
  return Object.values(mix.weights).reduce((a, b) => a + b, 0);
}

/**
 * mulberry32: a tiny, fast 32-bit PRNG. Math.random cannot be seeded, and the quality needed here
 * (picking among a handful of operations and records) is modest.
 */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Op {
  /** Position in the stream, from 0. */
  seq: number;
  kind: OpKind;
  actor: Actor;
  /** In [0, 1): which record the operation targets, scaled to whatever set it chooses from. */
  pick: number;
}

/** An endless, seeded sequence of operations drawn from a mix. */
export function opStream(mix: Mix, seed: number): () => Op {
  const random = seededRandom(seed);
  const kinds = Object.keys(mix.weights) as OpKind[];
  const total = totalWeight(mix);
  if (!(total > 0)) throw new Error(`mix ${mix.name} has no weight`);
  let seq = 0;
  return () => {
    // Three draws per operation, always, so one choice never shifts the others.
    const r = random() * total;
    const actor: Actor = random() < mix.liaisonShare ? 'liaison' : 'planner';
    const pick = random();
    let acc = 0;
    let kind = kinds[kinds.length - 1]!;
    for (const k of kinds) {
      acc += mix.weights[k];
      if (r < acc) {
        kind = k;
        break;
      }
    }
    return { seq: seq++, kind, actor, pick };
  };
}

/**
 * Expected mean response body size of a mix in bytes, from measured sizes per operation and actor;
 * the reference server answers a body of this size so the two move similar bytes per request.
 */
export function expectedBodyBytes(mix: Mix, sizes: (op: OpKind, actor: Actor) => number): number {
  const total = totalWeight(mix);
  let bytes = 0;
  for (const [op, weight] of Object.entries(mix.weights) as [OpKind, number][]) {
    const perActor = mix.liaisonShare * sizes(op, 'liaison') + (1 - mix.liaisonShare) * sizes(op, 'planner');
    bytes += (weight / total) * perActor;
  }
  return Math.round(bytes);
}
