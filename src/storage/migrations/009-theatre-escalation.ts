// The theatre (line of contact, zones, exposure bands) and the escalation ladder of a scenario
// (`theatre` and `escalation` in the document, schemaVersion 3): two nullable jsonb columns on the
// scenario, read and written whole with the header like the assumptions and the deployment
// settings; NULL when the scenario gives none, which every existing one does not. And an offer's
// caveat `minDistanceFromLineKm` (km its units keep from the line of contact): a nullable column
// beside the other caveats, NULL for every existing offer. Written out literally: a shipped
// migration must not change when the code does.
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  'ALTER TABLE scenarios ADD COLUMN theatre jsonb',
  'ALTER TABLE scenarios ADD COLUMN escalation jsonb',
  'ALTER TABLE offers ADD COLUMN min_distance_from_line_km double precision',
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
