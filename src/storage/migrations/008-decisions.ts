// Decision records (DecisionStore in store.ts): which course of action was chosen when scenarios
// were compared, kept per baseline scenario and only ever appended. The body is the app's JSON,
// which the store neither reads nor changes.
//
// Deliberately no foreign key to scenarios, and so no ON DELETE CASCADE: a decision belongs to the
// baseline as an id, not to one incarnation of its row. A backup restore with replace deletes the
// scenario's row and inserts it again, and must keep the decisions made on it; the explicit deletion
// of a scenario (deleteScenarioIn in kysely-documents.ts) deletes them itself, in its transaction,
// and addDecision locks the scenario's row, so no decision outlives its scenario. Written out
// literally: a shipped migration must not change when the code does.
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  `CREATE TABLE decisions (
    id text PRIMARY KEY,
    scenario_id text NOT NULL,
    decided_by text NOT NULL,
    decided_at timestamptz NOT NULL DEFAULT now(),
    body jsonb NOT NULL
  )`,
  // A scenario's decisions, newest first (listDecisions), and its deletion.
  'CREATE INDEX decisions_scenario ON decisions (scenario_id, decided_at)',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
