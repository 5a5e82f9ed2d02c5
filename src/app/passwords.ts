// Password hashing and the password policy. scrypt from Node's crypto, because it is memory-hard
// (expensive to guess on GPUs) and needs no dependency. The encoded string carries its parameters,
// `scrypt$N$r$p$saltB64$hashB64`, so they can be raised later without invalidating stored hashes.
import { randomBytes, scrypt as scryptCallback, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { z } from 'zod';

/** scrypt's cost: 2^15 (32 MiB, about 0.1 s a hash on one core of the reference machine). */
export const DEFAULT_SCRYPT_N = 2 ** 15;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
const SALT_LENGTH = 16;

export const PASSWORD_MIN_LENGTH = 12;
/** Long enough for any passphrase; short enough that hashing an attacker's megabyte costs nothing. */
export const PASSWORD_MAX_LENGTH = 1024;

export const passwordSchema = z
  .string({ error: 'must be a string' })
  .min(PASSWORD_MIN_LENGTH, `must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(PASSWORD_MAX_LENGTH, `must be at most ${PASSWORD_MAX_LENGTH} characters`);

function scrypt(password: string, salt: Buffer, keyLength: number, options: ScryptOptions): Promise<Buffer> {
  // The asynchronous form runs in libuv's thread pool, so a sign-in does not stall other requests.
  return new Promise((resolve, reject) =>
    scryptCallback(password, salt, keyLength, options, (err, key) => (err ? reject(err) : resolve(key))),
  );
}

/** Node refuses scrypt above `maxmem` (default 32 MiB, exactly what N=2^15, r=8 needs): give room. */
function maxmem(n: number, r: number): number {
  return 128 * n * r * 2;
}

/**
 * The cost new hashes get: DEFAULT_SCRYPT_N, or COALITION_SCRYPT_N when set (tests only: the test
 * run sets 2^10, the least verifyPassword accepts, since its thousands of sign-ins would otherwise
 * spend minutes of CPU in scrypt). Stored hashes carry their own cost, so either verifies.
 */
export function scryptCost(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.COALITION_SCRYPT_N;
  if (text === undefined || text === '') return DEFAULT_SCRYPT_N;
  const n = Number(text);
  if (!Number.isInteger(n) || n < 2 ** 10 || n > 2 ** 20 || (n & (n - 1)) !== 0) {
    throw new Error(`COALITION_SCRYPT_N: must be a power of two from 1024 to 1048576, not "${text}"`);
  }
  return n;
}

export async function hashPassword(password: string): Promise<string> {
  const n = scryptCost();
  const salt = randomBytes(SALT_LENGTH);
  const key = await scrypt(password, salt, KEY_LENGTH, { N: n, r: R, p: P, maxmem: maxmem(n, R) });
  return ['scrypt', n, R, P, salt.toString('base64'), key.toString('base64')].join('$');
}

/**
 * True when `password` matches `encoded`. A malformed or implausible hash (parameters a stored row
 * should never have) is a mismatch, not an exception, and never makes the server hash with them.
 */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const parts = encoded.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return false;
  const [n, r, p] = [Number(parts[1]), Number(parts[2]), Number(parts[3])];
  const plausible =
    Number.isInteger(n) &&
    n >= 2 ** 10 &&
    n <= 2 ** 20 &&
    (n & (n - 1)) === 0 &&
    Number.isInteger(r) &&
    r >= 1 &&
    r <= 32 &&
    Number.isInteger(p) &&
    p >= 1 &&
    p <= 16;
  if (!plausible) return false;
  const salt = Buffer.from(parts[4] ?? '', 'base64');
  const expected = Buffer.from(parts[5] ?? '', 'base64');
  if (salt.length === 0 || expected.length < 16) return false;
  const actual = await scrypt(password, salt, expected.length, { N: n, r, p, maxmem: maxmem(n, r) });
  return timingSafeEqual(actual, expected);
}

let dummy: Promise<string> | undefined;

/**
 * A hash of a random password with the current parameters. Sign-in verifies against it when the
 * user name does not exist, so an unknown name costs the same time as a wrong password.
 */
export function dummyPasswordHash(): Promise<string> {
  dummy ??= hashPassword(randomBytes(24).toString('base64'));
  return dummy;
}

// RFC 4648 base32: no 0/1/8/9, so nothing reads as O, I, B or g when typed from a note.
const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** A one-time password, e.g. `K7QWE-MZ3PA-XR2TD-B6NVF`: 100 random bits, easy to read out. */
export function generateOnetimePassword(): string {
  const bytes = randomBytes(20);
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    if (i > 0 && i % 5 === 0) out += '-';
    // 256 is a multiple of 32, so the low five bits are uniform.
    out += BASE32[bytes[i]! & 31];
  }
  return out;
}
