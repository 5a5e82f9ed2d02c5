// The accounts concern behind the embedded read cache (read-cache.ts). Only sessions are cached:
// findSession runs on every authenticated request, everything else about users is rare or (stored
// credentials, failed sign-ins, sign-in addresses) better always read afresh, and passes straight
// through.
//
// A cached session depends on the users generation, which every user and session change bumps:
// sign-out, a password change or reset, disabling a user or changing its role take effect on the
// next request. A cached session is served only while it has not expired.
import type { CommittedChange } from './kysely-shared.ts';
import { deepFreeze, sameDeps, type ReadCache } from './read-cache-core.ts';
import type { AccountStore, Actor, NewUser, SessionRecord, UserPatch, UserRecord } from './store.ts';

/** Anything about users or sessions. */
const USERS = '["users"]';

export class CachedAccountStore implements AccountStore {
  readonly #inner: AccountStore;
  readonly #cache: ReadCache;

  constructor(inner: AccountStore, cache: ReadCache) {
    this.#inner = inner;
    this.#cache = cache;
  }

  /** The changes of one committed transaction: a change to a user ends its cached sessions. */
  committed(changes: readonly CommittedChange[]): void {
    if (changes.some((change) => change.entity === 'users')) this.#cache.bump([USERS]);
  }

  // Sessions: cached while the users generation holds and the session has not expired.

  async findSession(tokenHash: string, now: Date): Promise<SessionRecord | undefined> {
    const deps = this.#cache.snapshot([USERS]);
    const hit = this.#cache.sessions.get(tokenHash, deps);
    if (hit !== undefined) {
      const session = hit.value as SessionRecord;
      if (Date.parse(session.expiresAt) > now.getTime()) {
        this.#cache.countHit();
        return session;
      }
    }
    this.#cache.countMiss();
    const found = deepFreeze(await this.#inner.findSession(tokenHash, now));
    if (found !== undefined && sameDeps(deps, this.#cache.snapshot([USERS]))) {
      this.#cache.sessions.set(tokenHash, {
        deps,
        value: found,
        cost: 1,
        storedAt: this.#cache.nextStoreTick(),
      });
    }
    return found;
  }

  createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    return this.#cache.write([USERS], () => this.#inner.createSession(tokenHash, userId, expiresAt));
  }

  deleteSession(tokenHash: string): Promise<void> {
    return this.#cache.write([USERS], () => this.#inner.deleteSession(tokenHash));
  }

  deleteUserSessions(userId: string): Promise<void> {
    return this.#cache.write([USERS], () => this.#inner.deleteUserSessions(userId));
  }

  createUser(user: NewUser, actor: Actor): Promise<UserRecord> {
    return this.#cache.write([USERS], () => this.#inner.createUser(user, actor));
  }

  updateUser(
    id: string,
    patch: UserPatch,
    expectedVersion: number | undefined,
    actor: Actor,
  ): Promise<UserRecord> {
    return this.#cache.write([USERS], () => this.#inner.updateUser(id, patch, expectedVersion, actor));
  }

  // Not cached.

  countUsers(): Promise<number> {
    return this.#inner.countUsers();
  }

  listUsers(): Promise<UserRecord[]> {
    return this.#inner.listUsers();
  }

  getUser(id: string): Promise<UserRecord> {
    return this.#inner.getUser(id);
  }

  getCredentials(id: string): Promise<{ user: UserRecord; passwordHash: string } | undefined> {
    return this.#inner.getCredentials(id);
  }

  recordLoginFailure(keys: string[], at: Date): Promise<void> {
    return this.#inner.recordLoginFailure(keys, at);
  }

  countLoginFailures(key: string, since: Date): Promise<number> {
    return this.#inner.countLoginFailures(key, since);
  }

  clearLoginFailures(keys: string[]): Promise<void> {
    return this.#inner.clearLoginFailures(keys);
  }

  recordSignInAddress(
    user: string,
    address: string,
    at: Date,
    retention: { keep: number; since: Date },
  ): Promise<void> {
    return this.#inner.recordSignInAddress(user, address, at, retention);
  }

  hasSignedInFrom(user: string, address: string, since: Date): Promise<boolean> {
    return this.#inner.hasSignedInFrom(user, address, since);
  }
}
