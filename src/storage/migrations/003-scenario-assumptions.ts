// Scenario-wide analysis assumptions (delivery probabilities by stance for the resilience analysis).
// One nullable jsonb column: the section is read and written whole with the scenario header, and
// NULL means the scenario gives none, so the analyses use their defaults and an export that had no
// section comes back without one. Existing scenarios keep NULL.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE scenarios ADD COLUMN assumptions jsonb').execute(db);
}
