// The addresses each user has signed in from, so that sign-in throttling (src/app/auth-service.ts)
// can tell the user's own addresses from an attacker's: when failures for one user name pile up
// across many addresses, only addresses the user signed in from before may still try. Keyed by the
// user name as sign-in throttling keys it (lower case), not by a reference to users: the row is
// part of the throttle's bookkeeping, like login_failures, not of the account. Written out
// literally: a shipped migration must not change when the code does.
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  `CREATE TABLE sign_in_addresses (
    user_key text NOT NULL,
    address text NOT NULL,
    last_at timestamptz NOT NULL,
    PRIMARY KEY (user_key, address)
  )`,
  // Forgetting addresses unused for months goes by time alone.
  'CREATE INDEX sign_in_addresses_last_at ON sign_in_addresses (last_at)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
