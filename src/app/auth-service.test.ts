// Sign-in throttling: the policy as a pure function, the address it counts a client by, and the
// service on an in-memory store with its own clock, so windows pass without anyone waiting. What
// matters most: failures from one place never lock the real user out of its usual address.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_PRINCIPAL } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { openStore } from '../storage/open-store.ts';
import type { Store } from '../storage/store.ts';
import {
  AuthService,
  KNOWN_ADDRESS_MS,
  LOGIN_WINDOW_MS,
  MAX_FAILURES_PER_ADDRESS,
  MAX_FAILURES_PER_USER_ANYWHERE,
  MAX_FAILURES_PER_USER_AT_ADDRESS,
  WRONG_CREDENTIALS,
  signInRefused,
  throttleAddress,
  type SignInHistory,
} from './auth-service.ts';
import { hashPassword } from './passwords.ts';

const PASSWORD = 'correct horse battery staple';
const WRONG = 'not the password at all';

describe('signInRefused', () => {
  const clean: SignInHistory = {
    addressFailures: 0,
    userAtAddressFailures: 0,
    userAnywhereFailures: 0,
    knownAddress: false,
  };

  it('lets a sign-in through below every limit, known address or not', () => {
    expect(signInRefused(clean)).toBe(false);
    expect(
      signInRefused({
        addressFailures: MAX_FAILURES_PER_ADDRESS - 1,
        userAtAddressFailures: MAX_FAILURES_PER_USER_AT_ADDRESS - 1,
        userAnywhereFailures: MAX_FAILURES_PER_USER_ANYWHERE - 1,
        knownAddress: false,
      }),
    ).toBe(false);
  });

  it('refuses at each limit; a known address lifts only the brake on the name from anywhere', () => {
    for (const knownAddress of [false, true]) {
      const at = { ...clean, knownAddress };
      expect(signInRefused({ ...at, addressFailures: MAX_FAILURES_PER_ADDRESS })).toBe(true);
      expect(signInRefused({ ...at, userAtAddressFailures: MAX_FAILURES_PER_USER_AT_ADDRESS })).toBe(true);
      expect(signInRefused({ ...at, userAnywhereFailures: MAX_FAILURES_PER_USER_ANYWHERE })).toBe(
        !knownAddress,
      );
    }
  });

  it('has the numbers the README states', () => {
    expect([
      LOGIN_WINDOW_MS / 60_000,
      MAX_FAILURES_PER_USER_AT_ADDRESS,
      MAX_FAILURES_PER_ADDRESS,
      MAX_FAILURES_PER_USER_ANYWHERE,
      KNOWN_ADDRESS_MS / 86_400_000,
    ]).toEqual([15, 5, 20, 50, 90]);
  });
});

describe('throttleAddress', () => {
  it('counts an IPv4 address whole, also when it comes IPv4-mapped', () => {
    expect(throttleAddress('10.1.2.3')).toBe('10.1.2.3');
    expect(throttleAddress('::ffff:10.1.2.3')).toBe('10.1.2.3');
    expect(throttleAddress('::FFFF:10.1.2.3')).toBe('10.1.2.3');
  });

  it('counts an IPv6 address by its /64, however it is written', () => {
    const net = '2001:db8:0:1::/64';
    for (const ip of [
      '2001:db8:0:1::1',
      '2001:db8:0:1:ffff:ffff:ffff:ffff',
      '2001:0DB8:0000:0001:0000:0000:0000:0002',
      '2001:db8::1:0:0:0:3',
      '2001:db8:0:1::4%eth0',
    ]) {
      expect(throttleAddress(ip), ip).toBe(net);
    }
    expect(throttleAddress('2001:db8:0:2::1')).toBe('2001:db8:0:2::/64');
    expect(throttleAddress('::1')).toBe('0:0:0:0::/64');
    expect(throttleAddress('2001:db8::')).toBe('2001:db8:0:0::/64');
    expect(throttleAddress('64:ff9b::192.0.2.1')).toBe('64:ff9b:0:0::/64');
  });

  it('keeps anything that is not an IP address as it is', () => {
    expect(throttleAddress('unknown')).toBe('unknown');
    expect(throttleAddress('')).toBe('');
  });
});

describe('AuthService sign-in throttling', () => {
  let store: Store;
  let clock = Date.parse('2030-06-01T08:00:00Z');
  let auth: AuthService;
  const advance = (ms: number) => {
    clock += ms;
  };
  /** Past the window of every failure so far (a failure exactly one window old still counts). */
  const nextWindow = () => advance(LOGIN_WINDOW_MS + 1);

  beforeAll(async () => {
    store = await openStore({});
    auth = new AuthService(store, { sessionHours: 12, now: () => new Date(clock) });
    const passwordHash = await hashPassword(PASSWORD);
    for (const id of ['alice', 'bob', 'carol', 'dave', 'erin']) {
      await store.createUser(
        { id, displayName: id, role: 'planner', nation: null, passwordHash, mustChangePassword: false },
        SYSTEM_PRINCIPAL,
      );
    }
  });
  afterAll(async () => {
    await store.close();
  });

  /** The outcome of one sign-in: 'ok', 'wrong' (401) or 'throttled' (429, with its Retry-After). */
  async function signIn(username: string, password: string, address: string): Promise<string> {
    try {
      await auth.login({ username, password }, address);
      return 'ok';
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      if (e.code === 'unauthenticated' && e.message === WRONG_CREDENTIALS) return 'wrong';
      if (e.code === 'rate_limited' && e.details?.retryAfter === LOGIN_WINDOW_MS / 1000) return 'throttled';
      throw e;
    }
  }

  async function fail(times: number, username: (i: number) => string, address: (i: number) => string) {
    for (let i = 0; i < times; i++) expect(await signIn(username(i), WRONG, address(i))).toBe('wrong');
  }

  it('five wrong passwords for a name from one address refuse that name there only, for one window', async () => {
    await fail(
      MAX_FAILURES_PER_USER_AT_ADDRESS,
      () => 'alice',
      () => '10.0.0.1',
    );
    expect(await signIn('alice', PASSWORD, '10.0.0.1')).toBe('throttled');
    expect(await signIn('ALICE', PASSWORD, '10.0.0.1')).toBe('throttled');
    expect(await signIn('alice', PASSWORD, '10.0.0.2')).toBe('ok');
    expect(await signIn('bob', PASSWORD, '10.0.0.1')).toBe('ok');
    advance(LOGIN_WINDOW_MS);
    expect(await signIn('alice', PASSWORD, '10.0.0.1')).toBe('throttled');
    advance(1);
    expect(await signIn('alice', PASSWORD, '10.0.0.1')).toBe('ok');
  });

  it("a success clears the name's failures from that address", async () => {
    await fail(
      MAX_FAILURES_PER_USER_AT_ADDRESS - 1,
      () => 'bob',
      () => '10.0.1.1',
    );
    expect(await signIn('bob', PASSWORD, '10.0.1.1')).toBe('ok');
    await fail(
      MAX_FAILURES_PER_USER_AT_ADDRESS - 1,
      () => 'bob',
      () => '10.0.1.1',
    );
    expect(await signIn('bob', PASSWORD, '10.0.1.1')).toBe('ok');
    // ...and only that: five more in a row still refuse it.
    await fail(
      MAX_FAILURES_PER_USER_AT_ADDRESS,
      () => 'bob',
      () => '10.0.1.1',
    );
    expect(await signIn('bob', PASSWORD, '10.0.1.1')).toBe('throttled');
    nextWindow();
  });

  it('twenty failures from one address refuse it for every name, the same way for unknown ones', async () => {
    await fail(
      MAX_FAILURES_PER_ADDRESS,
      (i) => `nobody-${i}`,
      () => '10.0.2.1',
    );
    expect(await signIn('carol', PASSWORD, '10.0.2.1')).toBe('throttled');
    expect(await signIn('no-such-user', PASSWORD, '10.0.2.1')).toBe('throttled');
    expect(await signIn('carol', PASSWORD, '10.0.2.2')).toBe('ok');
    // One IPv6 host holds a whole /64: its addresses share one allowance.
    await fail(
      MAX_FAILURES_PER_ADDRESS,
      (i) => `nobody-${i}`,
      (i) => `2001:db8:5:5::${i + 1}`,
    );
    expect(await signIn('carol', PASSWORD, '2001:db8:5:5::ffff')).toBe('throttled');
    expect(await signIn('carol', PASSWORD, '2001:db8:5:6::1')).toBe('ok');
    nextWindow();
  });

  it('fifty failures for a name from many addresses leave it only its known addresses', async () => {
    // dave signs in from 10.1.0.1 and, 90 days on, from 10.1.0.2; the first is then forgotten.
    expect(await signIn('dave', PASSWORD, '10.1.0.1')).toBe('ok');
    advance(KNOWN_ADDRESS_MS - LOGIN_WINDOW_MS);
    expect(await signIn('dave', PASSWORD, '10.1.0.2')).toBe('ok');
    nextWindow();
    // Four a piece, so neither the per-address nor the per-name-and-address limit is reached.
    const perAddress = MAX_FAILURES_PER_USER_AT_ADDRESS - 1;
    await fail(
      MAX_FAILURES_PER_USER_ANYWHERE,
      () => 'dave',
      (i) => `10.2.${Math.floor(i / perAddress)}.1`,
    );
    expect(await signIn('dave', PASSWORD, '10.1.0.2')).toBe('ok');
    expect(await signIn('dave', PASSWORD, '10.1.0.1')).toBe('throttled');
    expect(await signIn('dave', PASSWORD, '10.3.0.1')).toBe('throttled');
    expect(await signIn('Dave', PASSWORD, '10.3.0.1')).toBe('throttled');
    // Even its own typos count there, up to five (and a success clears them again).
    await fail(
      MAX_FAILURES_PER_USER_AT_ADDRESS,
      () => 'dave',
      () => '10.1.0.2',
    );
    expect(await signIn('dave', PASSWORD, '10.1.0.2')).toBe('throttled');
    // Other names are not braked.
    expect(await signIn('erin', PASSWORD, '10.3.0.1')).toBe('ok');
    // The window passes and the brake with it.
    nextWindow();
    expect(await signIn('dave', PASSWORD, '10.3.0.1')).toBe('ok');
  });

  it('brakes a name that does not exist exactly as one signing in from an unknown address', async () => {
    await fail(
      MAX_FAILURES_PER_USER_ANYWHERE,
      () => 'nobody',
      (i) => `10.4.${i}.1`,
    );
    expect(await signIn('nobody', PASSWORD, '10.5.0.1')).toBe('throttled');
    nextWindow();
    expect(await signIn('nobody', PASSWORD, '10.5.0.1')).toBe('wrong');
  });
});
