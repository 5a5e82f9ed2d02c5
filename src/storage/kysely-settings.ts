// The settings concern of the Kysely store (SettingsStore in store.ts): the installation's key/value
// settings. Not audited: a setting records what the installation itself has done (e.g. seeded the
// reference scenarios), so there is no actor to log.
import { sql } from 'kysely';
import type { Db } from './kysely-shared.ts';
import type { SettingsStore } from './store.ts';

export class KyselySettingsStore implements SettingsStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async getSetting(key: string): Promise<string | undefined> {
    const row = await this.#db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirst();
    return row?.value;
  }

  async setSetting(key: string, value: string): Promise<void> {
    await this.#db
      .insertInto('settings')
      .values({ key, value })
      .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: sql`now()` }))
      .execute();
  }
}
