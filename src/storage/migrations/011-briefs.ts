// Briefing packs (BriefStore in store.ts, issue 16): each version of the pack made for one audience
// of one scenario, numbered 1, 2, … per scenario and audience in the order made. The pack is the
// app's JSON, which the store neither reads nor changes; the columns beside it are what a list
// shows without it.
//
// Deliberately no foreign key to scenarios, for the reason decisions have none (migration 008): a
// pack belongs to the scenario as an id, not to one incarnation of its row. A backup restore with
// replace deletes the scenario's row and inserts it again, and must keep the packs made on it; the
// explicit deletion of a scenario (deleteScenarioIn in kysely-documents.ts) deletes them itself, in
// its transaction, and addBrief locks the scenario's row, so no pack outlives its scenario. The
// primary key backs up the numbering: two writers can never store the same version. The content
// version is an audit id (bigserial), hence bigint. Written out literally: a shipped migration must
// not change when the code does.
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  `CREATE TABLE briefs (
    scenario_id text NOT NULL,
    audience text NOT NULL,
    version integer NOT NULL CHECK (version >= 1),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    content_hash text NOT NULL,
    scenario_version bigint NOT NULL CHECK (scenario_version >= 0),
    pack jsonb NOT NULL,
    PRIMARY KEY (scenario_id, audience, version)
  )`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
