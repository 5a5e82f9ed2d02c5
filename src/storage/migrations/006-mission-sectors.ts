// Scenario documents of schemaVersion 2 list the mission's sectors (`mission.sectors`), and every
// sector a record names must be one of them. Scenarios stored before then hold the names as free
// text only, so each gets the list the document migration (src/domain/scenario-migrations.ts) would
// derive: every sector its requirement lines, deployment destinations and offers' caveats name, each
// once, in that order; its export is then a valid version-2 document that means what it did.
// Written out literally: a shipped migration must not change when the code does.
import { sql, type Kysely } from 'kysely';

const STATEMENTS = [
  `UPDATE scenarios s
   SET mission = s.mission || jsonb_build_object('sectors', coalesce((
     SELECT jsonb_agg(jsonb_build_object('name', first_use.name) ORDER BY first_use.rank, first_use.ord, first_use.pos)
     FROM (
       SELECT DISTINCT ON (uses.name) uses.name, uses.rank, uses.ord, uses.pos
       FROM (
         SELECT r.sector AS name, 1 AS rank, r.ord AS ord, 0::bigint AS pos
         FROM requirements r WHERE r.scenario_id = s.id
         UNION ALL
         SELECT d.key, 2, 0, d.pos
         FROM jsonb_each(coalesce(s.deployment -> 'sectorDestinations', '{}'::jsonb)) WITH ORDINALITY AS d(key, value, pos)
         UNION ALL
         SELECT e.name, 3, o.ord, e.pos
         FROM offers o, unnest(o.excluded_sectors) WITH ORDINALITY AS e(name, pos)
         WHERE o.scenario_id = s.id
       ) uses
       ORDER BY uses.name, uses.rank, uses.ord, uses.pos
     ) first_use
   ), '[]'::jsonb))
   WHERE s.mission -> 'sectors' IS NULL`,
];

export async function up(db: Kysely<unknown>): Promise<void> {
  for (const statement of STATEMENTS) await sql.raw(statement).execute(db);
}
