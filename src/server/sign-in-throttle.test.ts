// Sign-in throttling over HTTP, as an attacker meets it: failures from the attacker's addresses
// must never stop the real user signing in from an address it signed in from before, and a refusal
// must not tell whether the name exists. The sign-in service runs on a clock of the test's own, so
// windows pass without waiting. openTestApp signs every test account in from 127.0.0.1 (Fastify
// inject's default address), which makes that each account's known address. On PGlite and PostgreSQL.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  LOGIN_WINDOW_MS,
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_USER_ANYWHERE,
  MAX_FAILURES_PER_USER_AT_ADDRESS,
} from '../app/auth-service.ts';
import { skippedFor } from '../../test-summary.ts';
import type { TestApp } from './test-app.ts';
import { testBackends, type TestBackend } from './test-backends.ts';
import { TEST_PASSWORD } from './test-server.ts';

const KNOWN = '127.0.0.1';
const WRONG = 'not the password at all';

let t: TestApp;
let clock = Date.now();

// Each test starts in a window of its own: the failures of the one before have all expired.
afterEach(() => {
  clock += LOGIN_WINDOW_MS + 1;
});

const signIn = (username: string, password: string, remoteAddress: string) =>
  t.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password }, remoteAddress });

/** Sends `count` wrong passwords and expects each refused as wrong (401), not throttled. */
async function fail(count: number, username: (i: number) => string, address: (i: number) => string) {
  for (let i = 0; i < count; i++) {
    const r = await signIn(username(i), WRONG, address(i));
    expect(r.statusCode, `failure ${i + 1}`).toBe(401);
  }
}

/** A 429 with Retry-After, in the words every throttled answer uses. */
function expectThrottled(r: LightMyRequestResponse) {
  expect(r.statusCode, r.body).toBe(429);
  expect(Number(r.headers['retry-after'])).toBe(LOGIN_WINDOW_MS / 1000);
  expect(r.json()).toEqual({
    error: { code: 'rate_limited', message: 'too many failed sign-ins; try again in 15 minutes' },
  });
}

for (const backend of testBackends('sign-in throttling', 'thr')) describeThrottling(backend);

function describeThrottling(backend: TestBackend): void {
  describe(`sign-in throttling (${backend.name})`, skippedFor(backend.skipReason), () => {
    beforeAll(async () => {
      t = await backend.open({ now: () => new Date(clock) });
    });
    afterAll(async () => {
      await t?.close();
      await backend.dispose();
    });

    it('five wrong passwords for admin from one address refuse admin there, not from its known address', async () => {
      const attacker = '203.0.113.7';
      await fail(
        MAX_FAILURES_PER_USER_AT_ADDRESS,
        () => 'admin',
        () => attacker,
      );
      expectThrottled(await signIn('admin', TEST_PASSWORD, attacker));
      // Case gives no fresh allowance.
      expectThrottled(await signIn('ADMIN', TEST_PASSWORD, attacker));
      expect((await signIn('admin', TEST_PASSWORD, KNOWN)).statusCode).toBe(200);
      // The brake is on the name at that address: any other address, and other names there, are fine.
      expect((await signIn('admin', TEST_PASSWORD, '198.51.100.1')).statusCode).toBe(200);
      expect((await signIn('planner', TEST_PASSWORD, attacker)).statusCode).toBe(200);
      // A name that does not exist, after as many failures, gets the very same answer.
      await fail(
        MAX_FAILURES_PER_USER_AT_ADDRESS,
        () => 'no-such-user',
        () => attacker,
      );
      expectThrottled(await signIn('no-such-user', TEST_PASSWORD, attacker));
    });

    it('twenty failures from one address, over many names, refuse that address for everyone', async () => {
      const sprayer = '203.0.113.20';
      const names = ['admin', 'planner', 'observer', 'nobody', 'liaison-gbr'];
      await fail(
        MAX_FAILURES_PER_ADDRESS,
        (i) => names[i] ?? `nobody-${i}`,
        () => sprayer,
      );
      for (const name of ['admin', 'planner', 'liaison-fra', 'nobody-at-all']) {
        expectThrottled(await signIn(name, TEST_PASSWORD, sprayer));
      }
      expect((await signIn('planner', TEST_PASSWORD, KNOWN)).statusCode).toBe(200);
      expect((await signIn('liaison-fra', TEST_PASSWORD, '203.0.113.21')).statusCode).toBe(200);
      // The window passes, and the address may try again.
      clock += LOGIN_WINDOW_MS + 1;
      expect((await signIn('planner', TEST_PASSWORD, sprayer)).statusCode).toBe(200);
    });

    it('sixty failures for admin from many addresses: admin still signs in from its known address only', async () => {
      const perAddress = MAX_FAILURES_PER_USER_AT_ADDRESS - 1;
      const botnet = (i: number) => `192.0.2.${Math.floor(i / perAddress) + 1}`;
      await fail(MAX_FAILURES_PER_USER_ANYWHERE, () => 'admin', botnet);
      // Past fifty, the name is refused from any address admin never signed in from.
      for (let i = MAX_FAILURES_PER_USER_ANYWHERE; i < 60; i++) {
        expectThrottled(await signIn('admin', WRONG, botnet(i)));
      }
      expect((await signIn('admin', TEST_PASSWORD, KNOWN)).statusCode).toBe(200);
      expectThrottled(await signIn('admin', TEST_PASSWORD, '198.51.100.60'));
      // Other names are not braked, and the same flood against a name that does not exist looks alike.
      expect((await signIn('planner', TEST_PASSWORD, '198.51.100.60')).statusCode).toBe(200);
      await fail(MAX_FAILURES_PER_USER_ANYWHERE, () => 'nobody', botnet);
      expectThrottled(await signIn('nobody', TEST_PASSWORD, '198.51.100.60'));
      // Once the failures are a window old, admin may sign in from a new address again.
      clock += LOGIN_WINDOW_MS + 1;
      expect((await signIn('admin', TEST_PASSWORD, '198.51.100.60')).statusCode).toBe(200);
    });

    it("a success clears the name's failures at its address, but not the address's own", async () => {
      const office = '203.0.113.40';
      await fail(
        MAX_FAILURES_PER_USER_AT_ADDRESS - 1,
        () => 'observer',
        () => office,
      );
      expect((await signIn('observer', TEST_PASSWORD, office)).statusCode).toBe(200);
      await fail(
        MAX_FAILURES_PER_USER_AT_ADDRESS - 1,
        () => 'observer',
        () => office,
      );
      expect((await signIn('observer', TEST_PASSWORD, office)).statusCode).toBe(200);
      // Eight failures from the office so far; twelve more for other names make twenty.
      await fail(
        MAX_FAILURES_PER_ADDRESS - 2 * (MAX_FAILURES_PER_USER_AT_ADDRESS - 1),
        (i) => `typo-${i}`,
        () => office,
      );
      expectThrottled(await signIn('observer', TEST_PASSWORD, office));
    });
  });
}
