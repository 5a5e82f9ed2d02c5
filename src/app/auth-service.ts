// Sign-in and sessions. A session token is 32 random bytes sent to the client once; the store keeps
// only its SHA-256, so a copy of the database does not let anyone act as a signed-in user. The HTTP
// layer (src/server/auth.ts) reads the token from the request and asks authenticate() for the
// Principal the services authorise against.
//
// A server on the embedded store also accepts the machine's operator: CLI commands run on the same
// machine while the server holds the data directory talk to it with a credential the server made at
// start and published in the directory's lock file (src/storage/data-dir-lock.ts). They act as a
// local CLI command always has, with the operator's rights, named `cli:<os user>` in the audit log.
// The server keeps only the credential's hash, in memory: it ends with the process.
//
// Failed sign-ins are throttled so that guessing is slow and yet nobody can lock a user out from
// elsewhere. Failures are counted over a sliding window, per client address (IPv6 by its /64), and
// a sign-in is refused (429) before its password is looked at when, within the window, there were
//   - 20 failures from the address, for any user names: that address is refused for everyone;
//   - 5 failures for the user name from the address: that name is refused from that address;
//   - 50 failures for the user name from anywhere, and the address is not one the user signed in
//     from within the last 90 days (among its latest 20): a distributed guess is braked, while the
//     user's own known addresses still get in.
// Failures are not counted while refused, so each window is also the longest wait. A success
// clears the name's failures from that address only: clearing more would hand a guesser a fresh
// allowance whenever the real user signs in.
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { isIPv4, isIPv6 } from 'node:net';
import { z } from 'zod';
import { SYSTEM_PRINCIPAL, type Principal } from '../domain/access.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { zodIssues } from '../domain/scenario-document.ts';
import type { Store, UserRecord } from '../storage/store.ts';
import { PASSWORD_MAX_LENGTH, dummyPasswordHash, verifyPassword } from './passwords.ts';

/** Failed sign-ins are counted over this sliding window. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Guessing one account's password from one address: a handful of typos is plenty for a human. */
export const MAX_FAILURES_PER_USER_AT_ADDRESS = 5;
/**
 * Wrong current passwords a signed-in user may give when changing its own (user-service.ts, which
 * counts them under `user:<name>`, a key sign-in never uses): as many as one address may try.
 */
export const MAX_FAILURES_PER_USER = MAX_FAILURES_PER_USER_AT_ADDRESS;
/** Spraying many accounts from one address; higher, because a headquarters shares one NAT address. */
export const MAX_FAILURES_PER_ADDRESS = 20;
/**
 * Guessing one account's password from many addresses (ten addresses' worth). Past it, the user
 * name may still sign in from its known addresses, and from no other.
 */
export const MAX_FAILURES_PER_USER_ANYWHERE = 50;
/** A known address is one the user signed in from within this long... */
export const KNOWN_ADDRESS_MS = 90 * 24 * 60 * 60 * 1000;
/** ...and among the latest this many it signed in from. */
export const KNOWN_ADDRESSES_PER_USER = 20;

/** Same text for an unknown user, a wrong password and a disabled account: none is revealed. */
export const WRONG_CREDENTIALS = 'wrong user name or password';

export interface Session {
  user: UserRecord;
  principal: Principal;
  tokenHash: string;
  expiresAt: Date;
}

export function newSessionToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function principalFor(user: UserRecord): Principal {
  return { userId: user.id, role: user.role, nation: user.nation };
}

/**
 * The machine's operator as the audit log names it: `cli:<os user>`, or `cli` when the name is not
 * a plain one. The colon keeps it apart from every account (no user name may contain one).
 */
export function operatorPrincipal(osUser: string | undefined): Principal {
  const plain = osUser !== undefined && /^[\w.@$-]{1,64}$/.test(osUser);
  return { ...SYSTEM_PRINCIPAL, userId: plain ? `cli:${osUser}` : 'cli' };
}

const loginSchema = z.strictObject({
  username: z.string({ error: 'must be a string' }).min(1, 'must not be empty').max(200, 'is too long'),
  password: z
    .string({ error: 'must be a string' })
    .min(1, 'must not be empty')
    .max(PASSWORD_MAX_LENGTH, 'is too long'),
});

/** What decides whether a sign-in may be tried: its failures within the window, by key. */
export interface SignInHistory {
  /** From the client's address, for any user name. */
  addressFailures: number;
  /** For the user name, from the client's address. */
  userAtAddressFailures: number;
  /** For the user name, from any address. */
  userAnywhereFailures: number;
  /** Whether the user signed in from the client's address before (see KNOWN_ADDRESS_MS). */
  knownAddress: boolean;
}

/** The throttling policy (see the module comment): whether a sign-in is refused unheard. */
export function signInRefused(history: SignInHistory): boolean {
  return (
    history.addressFailures >= MAX_FAILURES_PER_ADDRESS ||
    history.userAtAddressFailures >= MAX_FAILURES_PER_USER_AT_ADDRESS ||
    (history.userAnywhereFailures >= MAX_FAILURES_PER_USER_ANYWHERE && !history.knownAddress)
  );
}

/**
 * The address throttling counts a client by: an IPv4 address whole (an IPv4-mapped IPv6 address as
 * its IPv4 address); an IPv6 address by its /64 network, because one host commonly holds a whole
 * /64 (an attacker could otherwise take a fresh address per guess) and privacy addresses change
 * within it (the user's known address would otherwise change daily). Anything else as it is.
 */
export function throttleAddress(ip: string): string {
  const address = ip.replace(/%.*$/, ''); // an IPv6 zone (`fe80::1%eth0`) names no other host
  if (isIPv4(address)) return address;
  if (!isIPv6(address)) return ip;
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1] !== undefined) return mapped[1];
  const [head = '', tail] = address.split('::');
  const groups = (part: string) => (part === '' ? [] : part.split(':'));
  const front = groups(head);
  // A `::` stands for as many zero groups as the rest leaves of eight (a dotted tail is two).
  const back = tail === undefined ? [] : groups(tail).flatMap((g) => (g.includes('.') ? ['0', '0'] : [g]));
  const all = [...front, ...Array<string>(8 - front.length - back.length).fill('0'), ...back];
  const network = all.slice(0, 4).map((g) => Number.parseInt(g, 16).toString(16));
  return `${network.join(':')}::/64`;
}

/** The login_failures keys a sign-in's failure counts under. `user` is already lower case. */
function failureKeys(user: string, address: string) {
  return {
    address: `ip:${address}`,
    // JSON, so that no user name can make its key read as another name and address.
    userAtAddress: `user-ip:${JSON.stringify([user, address])}`,
    userAnywhere: `user-any:${user}`,
  };
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: UserRecord;
}

export class AuthService {
  readonly sessionMs: number;
  private readonly now: () => Date;
  /** SHA-256 of the operator credential while one is issued. */
  private operatorHash: Buffer | undefined;

  constructor(
    readonly store: Store,
    options: { sessionHours: number; now?: () => Date },
  ) {
    this.sessionMs = options.sessionHours * 60 * 60 * 1000;
    this.now = options.now ?? (() => new Date());
  }

  /**
   * Checks the password and opens a session. The throttle is checked first and holds even for the
   * right password, or a guesser would learn the password from the one answer that is not 429.
   * `clientIp` is the request's address as the server sees it (Fastify's request.ip).
   */
  async login(body: unknown, clientIp: string): Promise<LoginResult> {
    const parsed = loginSchema.safeParse(body);
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    const { username, password } = parsed.data;
    const now = this.now();
    // Lower case, so "Admin" and "admin" share one allowance whatever the store does with case.
    const user = username.toLowerCase();
    const address = throttleAddress(clientIp);
    const keys = failureKeys(user, address);
    const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
    // The same look-ups whether or not the user exists: neither the answer nor its timing tells.
    const [addressFailures, userAtAddressFailures, userAnywhereFailures, knownAddress] = await Promise.all([
      this.store.countLoginFailures(keys.address, since),
      this.store.countLoginFailures(keys.userAtAddress, since),
      this.store.countLoginFailures(keys.userAnywhere, since),
      this.store.hasSignedInFrom(user, address, new Date(now.getTime() - KNOWN_ADDRESS_MS)),
    ]);
    if (signInRefused({ addressFailures, userAtAddressFailures, userAnywhereFailures, knownAddress })) {
      throw rateLimited();
    }

    const credentials = await this.store.getCredentials(username);
    // Hash even when there is no such user, so the answer takes as long either way.
    const matches = await verifyPassword(password, credentials?.passwordHash ?? (await dummyPasswordHash()));
    if (!credentials || !matches || credentials.user.disabled) {
      await this.store.recordLoginFailure([keys.address, keys.userAtAddress, keys.userAnywhere], now);
      throw new DomainError('unauthenticated', WRONG_CREDENTIALS);
    }
    await this.store.clearLoginFailures([keys.userAtAddress]);
    await this.store.recordSignInAddress(user, address, now, {
      keep: KNOWN_ADDRESSES_PER_USER,
      since: new Date(now.getTime() - KNOWN_ADDRESS_MS),
    });
    const { token, expiresAt } = await this.openSession(credentials.user.id);
    return { token, expiresAt, user: credentials.user };
  }

  async openSession(userId: string): Promise<{ token: string; expiresAt: Date }> {
    const token = newSessionToken();
    const expiresAt = new Date(this.now().getTime() + this.sessionMs);
    await this.store.createSession(hashToken(token), userId, expiresAt);
    return { token, expiresAt };
  }

  /** The session a token names, or undefined when unknown, expired or its user is disabled. */
  async authenticate(token: string): Promise<Session | undefined> {
    // A token is 43 base64url characters; anything else cannot be one, so skip the query.
    if (!/^[A-Za-z0-9_-]{20,200}$/.test(token)) return undefined;
    const tokenHash = hashToken(token);
    const found = await this.store.findSession(tokenHash, this.now());
    if (!found || found.user.disabled) return undefined;
    return {
      user: found.user,
      principal: principalFor(found.user),
      tokenHash,
      expiresAt: new Date(found.expiresAt),
    };
  }

  logout(session: Session): Promise<void> {
    return this.store.deleteSession(session.tokenHash);
  }

  /** Makes a new operator credential (replacing any earlier one) and returns it, once. */
  issueOperatorToken(): string {
    const token = newSessionToken();
    this.operatorHash = createHash('sha256').update(token).digest();
    return token;
  }

  revokeOperatorToken(): void {
    this.operatorHash = undefined;
  }

  /**
   * The operator, when `token` is the operator credential; `osUser` is the name the CLI sends,
   * believed only together with the credential (whoever holds that is the operator anyway).
   */
  operator(token: string, osUser: string | undefined): Principal | undefined {
    if (!this.operatorHash) return undefined;
    const hash = createHash('sha256').update(token).digest();
    return timingSafeEqual(hash, this.operatorHash) ? operatorPrincipal(osUser) : undefined;
  }
}

export function rateLimited(): DomainError {
  return new DomainError(
    'rate_limited',
    `too many failed sign-ins; try again in ${LOGIN_WINDOW_MS / 60_000} minutes`,
    [],
    // Failures are not counted while refused, so the window is an upper bound on the wait.
    { retryAfter: LOGIN_WINDOW_MS / 1000 },
  );
}
