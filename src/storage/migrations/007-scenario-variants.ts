// Scenario variants (what-ifs): a variant records the scenario and version it was branched from and
// the what-ifs made (`variantOf` in the document). One nullable jsonb column, read and written whole
// with the header; NULL for every scenario that is not a variant, which all existing ones are not.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE scenarios ADD COLUMN variant_of jsonb').execute(db);
}
