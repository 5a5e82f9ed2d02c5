// What can carry a capability's units (`capabilities[i].lift` in the document, schemaVersion 5: the
// transport modes that may move them and their largest item against the arcs' lift loads): one
// nullable jsonb column, read and written whole like a record's provenance; NULL for every existing
// capability, which any arc may carry as before. The deployment settings' `criticalEquipmentShare`
// needs nothing here: the settings are one jsonb column already. Written out literally: a shipped
// migration must not change when the code does.
import { sql, type Kysely } from 'kysely';

export async function up(db: Kysely<unknown>): Promise<void> {
  await sql.raw('ALTER TABLE capabilities ADD COLUMN lift jsonb').execute(db);
}
