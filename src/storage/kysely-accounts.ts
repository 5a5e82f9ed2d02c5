// The accounts concern of the Kysely store (AccountStore in store.ts): users, their sign-in
// sessions, failed sign-ins and the addresses users signed in from. User changes are audited like
// scenario changes; password hashes leave the store only through getCredentials and never reach
// the log.
import { sql, type ColumnType } from 'kysely';
import type { Role } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { appendAudit, checkVersion, iso, type Db, type KyselyWriter } from './kysely-shared.ts';
import type { AccountStore, Actor, NewUser, SessionRecord, UserPatch, UserRecord } from './store.ts';

/** Failed sign-ins are counted over minutes; older than this they only take space. */
const LOGIN_FAILURE_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * The addresses users signed in from (migration 005), a table only this part of the store reads or
 * writes. `last_at` goes in as an ISO string, like login_failures.at.
 */
type SignInAddressTables = {
  sign_in_addresses: {
    user_key: string;
    address: string;
    last_at: ColumnType<string, string, string>;
  };
};

export class KyselyAccountStore implements AccountStore {
  readonly #db: Db;
  readonly #writer: KyselyWriter;

  constructor(writer: KyselyWriter) {
    this.#db = writer.db;
    this.#writer = writer;
  }

  async countUsers(): Promise<number> {
    const row = await this.#db
      .selectFrom('users')
      .select(sql<number | string>`count(*)`.as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async listUsers(): Promise<UserRecord[]> {
    // Byte order, so the list reads the same whatever the database's collation.
    const rows = await this.#db
      .selectFrom('users')
      .selectAll()
      .orderBy(sql`id collate "C"`)
      .execute();
    return rows.map(userOf);
  }

  async getUser(id: string): Promise<UserRecord> {
    return userOf(await userRow(this.#db, id));
  }

  async getCredentials(id: string): Promise<{ user: UserRecord; passwordHash: string } | undefined> {
    const row = await this.#db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
    return row && { user: userOf(row), passwordHash: row.password_hash };
  }

  async createUser(user: NewUser, actor: Actor): Promise<UserRecord> {
    return this.#writer.write(async (trx) => {
      const clash = await trx.selectFrom('users').select('id').where('id', '=', user.id).executeTakeFirst();
      if (clash) {
        throw new DomainError('conflict', `user ${user.id} already exists`, [
          { path: 'id', message: `"${user.id}" is already taken` },
        ]);
      }
      const row = await trx
        .insertInto('users')
        .values({
          id: user.id,
          display_name: user.displayName,
          role: user.role,
          nation: user.nation,
          password_hash: user.passwordHash,
          must_change_password: user.mustChangePassword,
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const created = userOf(row);
      await appendAudit(trx, actor, {
        scenarioId: null,
        entity: 'users',
        entityKey: user.id,
        nation: created.nation,
        action: 'create',
        before: null,
        after: created,
      });
      return created;
    });
  }

  async updateUser(
    id: string,
    patch: UserPatch,
    expectedVersion: number | undefined,
    actor: Actor,
  ): Promise<UserRecord> {
    return this.#writer.write(async (trx) => {
      const before = userOf(await userRow(trx, id, true));
      if (expectedVersion !== undefined) checkVersion(`user ${id}`, before, expectedVersion);
      const row = await trx
        .updateTable('users')
        .set({
          ...(patch.displayName !== undefined ? { display_name: patch.displayName } : {}),
          ...(patch.role !== undefined ? { role: patch.role } : {}),
          ...(patch.nation !== undefined ? { nation: patch.nation } : {}),
          ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
          ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
          ...(patch.mustChangePassword !== undefined
            ? { must_change_password: patch.mustChangePassword }
            : {}),
          version: sql`version + 1`,
          updated_at: sql`now()`,
        })
        .where('id', '=', id)
        .returningAll()
        .executeTakeFirstOrThrow();
      const after = userOf(row);
      // The log says that the password changed, never what it changed to (not even as a hash).
      await appendAudit(trx, actor, {
        scenarioId: null,
        entity: 'users',
        entityKey: id,
        nation: after.nation ?? before.nation,
        action: 'update',
        before,
        after: patch.passwordHash !== undefined ? { ...after, passwordChanged: true } : after,
      });
      return after;
    });
  }

  async createSession(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.#writer.write(async (trx) => {
      await userRow(trx, userId);
      // Expired sessions are never found again; sweeping them here keeps the table small.
      await trx
        .deleteFrom('sessions')
        .where('expires_at', '<=', sql<string>`now()`)
        .execute();
      await trx
        .insertInto('sessions')
        .values({ token_hash: tokenHash, user_id: userId, expires_at: expiresAt.toISOString() })
        .execute();
    });
  }

  async findSession(tokenHash: string, now: Date): Promise<SessionRecord | undefined> {
    const row = await this.#db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .selectAll('u')
      .select('s.expires_at')
      .where('s.token_hash', '=', tokenHash)
      .where('s.expires_at', '>', now.toISOString())
      .where('u.disabled', '=', false)
      .executeTakeFirst();
    return row && { user: userOf(row), expiresAt: iso(row.expires_at) };
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  async deleteUserSessions(userId: string): Promise<void> {
    await this.#db.deleteFrom('sessions').where('user_id', '=', userId).execute();
  }

  async recordLoginFailure(keys: string[], at: Date): Promise<void> {
    if (keys.length === 0) return;
    await this.#writer.write(async (trx) => {
      await trx
        .insertInto('login_failures')
        .values(keys.map((key) => ({ key, at: at.toISOString() })))
        .execute();
      // Pruned on every failure, through the index on `at`: cheap, and no scheduler needed.
      const cutoff = new Date(at.getTime() - LOGIN_FAILURE_RETENTION_MS).toISOString();
      await trx.deleteFrom('login_failures').where('at', '<', cutoff).execute();
    });
  }

  async countLoginFailures(key: string, since: Date): Promise<number> {
    const row = await this.#db
      .selectFrom('login_failures')
      .select(sql<number | string>`count(*)`.as('n'))
      .where('key', '=', key)
      .where('at', '>=', since.toISOString())
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  async clearLoginFailures(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.#db.deleteFrom('login_failures').where('key', 'in', keys).execute();
  }

  async recordSignInAddress(
    user: string,
    address: string,
    at: Date,
    retention: { keep: number; since: Date },
  ): Promise<void> {
    await this.#writer.write(async (trx) => {
      const db = trx.withTables<SignInAddressTables>();
      await db
        .insertInto('sign_in_addresses')
        .values({ user_key: user, address, last_at: at.toISOString() })
        // The later time wins, so two processes whose clocks differ a little cannot age an address.
        .onConflict((conflict) =>
          conflict
            .columns(['user_key', 'address'])
            .doUpdateSet({ last_at: sql<string>`greatest(sign_in_addresses.last_at, excluded.last_at)` }),
        )
        .execute();
      // Pruned on every sign-in, like failures: addresses nobody used for long, through the index
      // on last_at, then this user's beyond its latest `keep` (ties broken by address, so every
      // backend keeps the same ones).
      await db.deleteFrom('sign_in_addresses').where('last_at', '<', retention.since.toISOString()).execute();
      const latest = db
        .selectFrom('sign_in_addresses')
        .select('address')
        .where('user_key', '=', user)
        .orderBy('last_at', 'desc')
        .orderBy(sql`address collate "C"`)
        .limit(retention.keep);
      await db
        .deleteFrom('sign_in_addresses')
        .where('user_key', '=', user)
        .where('address', 'not in', latest)
        .execute();
    });
  }

  async hasSignedInFrom(user: string, address: string, since: Date): Promise<boolean> {
    const row = await this.#db
      .withTables<SignInAddressTables>()
      .selectFrom('sign_in_addresses')
      .select('address')
      .where('user_key', '=', user)
      .where('address', '=', address)
      .where('last_at', '>=', since.toISOString())
      .executeTakeFirst();
    return row !== undefined;
  }
}

type UserRow = {
  id: string;
  display_name: string;
  role: string;
  nation: string | null;
  disabled: boolean;
  must_change_password: boolean;
  version: number;
  created_at: string;
  updated_at: string;
};

/** The user without its password hash: the only form that leaves the store, bar getCredentials. */
function userOf(row: UserRow): UserRecord {
  return {
    id: row.id,
    displayName: row.display_name,
    role: row.role as Role,
    nation: row.nation,
    disabled: row.disabled,
    mustChangePassword: row.must_change_password,
    version: row.version,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

async function userRow(db: Db, id: string, forUpdate = false) {
  let query = db.selectFrom('users').selectAll().where('id', '=', id);
  if (forUpdate) query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw new DomainError('not_found', `user ${id} not found`);
  return row;
}
