// A small, fast, seeded pseudo-random number generator for the Monte Carlo analyses, so that a run is
// reproducible from its seed on any machine and in any JavaScript engine (Math.random cannot be
// seeded). The generator is xoshiro128** 1.1 (Blackman and Vigna, https://prng.di.unimi.it/): 128
// bits of state, period 2^128 - 1, passes BigCrush, and needs only 32-bit integer operations, which
// JavaScript does exactly (Math.imul, >>>). Its state is filled from the seed by splitmix64, as its
// authors recommend, so nearby seeds (1, 2, 3) give unrelated streams and no seed gives the
// all-zero state. The outputs equal the authors' C code for the same seed (see the tests).

/** The largest seed: any non-negative safe integer is a seed. */
export const MAX_SEED = Number.MAX_SAFE_INTEGER;

const TWO_TO_32 = 4294967296;

export interface Random {
  /** The next output, a whole number 0 to 2^32 - 1, uniformly. */
  nextUint32(): number;
  /** A number in [0, 1), in steps of 2^-32. */
  nextFloat(): number;
}

/**
 * The threshold for `nextUint32() < threshold`, which is true with probability exactly `p` rounded
 * to a multiple of 2^-32: never for 0, always for 1. Multiplying by a power of two is exact, so the
 * test is the same as `nextFloat() < p` without the division.
 */
export function bernoulliThreshold(p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a probability must be from 0 to 1 (got ${p})`);
  return p * TWO_TO_32;
}

export function xoshiro128StarStar(seed: number): Random {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`the seed must be a whole number from 0 to ${MAX_SEED} (got ${seed})`);
  }
  // splitmix64 in BigInt: four calls' worth of arithmetic, once per generator, never per draw.
  const mask64 = (1n << 64n) - 1n;
  let x = BigInt(seed);
  const splitmix64 = (): bigint => {
    x = (x + 0x9e3779b97f4a7c15n) & mask64;
    let z = x;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & mask64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & mask64;
    return z ^ (z >> 31n);
  };
  const a = splitmix64();
  const b = splitmix64();
  // State words as signed 32-bit integers (`| 0`): the arithmetic below stays in int32.
  let s0 = Number(a & 0xffffffffn) | 0;
  let s1 = Number(a >> 32n) | 0;
  let s2 = Number(b & 0xffffffffn) | 0;
  let s3 = Number(b >> 32n) | 0;

  const nextUint32 = (): number => {
    const m = Math.imul(s1, 5);
    const result = Math.imul((m << 7) | (m >>> 25), 9);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result >>> 0;
  };
  return { nextUint32, nextFloat: () => nextUint32() / TWO_TO_32 };
}

/**
 * One generator per named stream (a nation), seeded from the run's seed and the name: each stream's
 * numbers depend on the seed and its own name only, so adding, removing or changing another stream
 * (a nation that joins or withdraws in a variant) leaves its draws exactly as they were. This is
 * what makes two Monte Carlo runs of two courses of action comparable draw by draw (common random
 * numbers across variants), not just two runs of one scenario.
 */
export function namedStreams(seed: number, names: readonly string[]): Random[] {
  if (!Number.isSafeInteger(seed) || seed < 0) {
    throw new RangeError(`the seed must be a whole number from 0 to ${MAX_SEED} (got ${seed})`);
  }
  return names.map((name) => xoshiro128StarStar(streamSeed(seed, name)));
}

/** seed × golden-ratio constant + FNV-1a of the name, to 53 bits; splitmix64 then spreads it. */
function streamSeed(seed: number, name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  const mixed = (BigInt(seed) * 0x9e3779b97f4a7c15n + BigInt(h)) & ((1n << 53n) - 1n);
  return Number(mixed);
}
