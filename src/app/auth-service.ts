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
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { z } from 'zod';
import { SYSTEM_PRINCIPAL, type Principal } from '../domain/access.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { zodIssues } from '../domain/scenario-document.ts';
import type { Store, UserRecord } from '../storage/store.ts';
import { PASSWORD_MAX_LENGTH, dummyPasswordHash, verifyPassword } from './passwords.ts';

/** Failed sign-ins are counted over this sliding window. */
export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
/** Guessing one account's password: a handful of typos is plenty for a human. */
export const MAX_FAILURES_PER_USER = 5;
/** Spraying many accounts from one address; higher, because a headquarters shares one NAT address. */
export const MAX_FAILURES_PER_ADDRESS = 20;

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
   * Checks the password and opens a session. The rate limit is checked first and holds even for
   * the right password, or a guesser would learn the password from the one answer that is not 429.
   */
  async login(body: unknown, address: string): Promise<LoginResult> {
    const parsed = loginSchema.safeParse(body);
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    const { username, password } = parsed.data;
    const now = this.now();
    // Lower case, so "Admin" and "admin" share one allowance whatever the store does with case.
    const userKey = `user:${username.toLowerCase()}`;
    const addressKey = `ip:${address}`;
    const since = new Date(now.getTime() - LOGIN_WINDOW_MS);
    const [userFailures, addressFailures] = await Promise.all([
      this.store.countLoginFailures(userKey, since),
      this.store.countLoginFailures(addressKey, since),
    ]);
    if (userFailures >= MAX_FAILURES_PER_USER || addressFailures >= MAX_FAILURES_PER_ADDRESS) {
      throw rateLimited();
    }

    const credentials = await this.store.getCredentials(username);
    // Hash even when there is no such user, so the answer takes as long either way.
    const matches = await verifyPassword(password, credentials?.passwordHash ?? (await dummyPasswordHash()));
    if (!credentials || !matches || credentials.user.disabled) {
      await this.store.recordLoginFailure([userKey, addressKey], now);
      throw new DomainError('unauthenticated', WRONG_CREDENTIALS);
    }
    await this.store.clearLoginFailures([userKey]);
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
