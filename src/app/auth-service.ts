// Sign-in and sessions. A session token is 32 random bytes sent to the client once; the store keeps
// only its SHA-256, so a copy of the database does not let anyone act as a signed-in user. The HTTP
// layer (src/server/auth.ts) reads the token from the request and asks authenticate() for the
// Principal the services authorise against.
import { createHash, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Principal } from '../domain/access.ts';
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
