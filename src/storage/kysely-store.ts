// The one Store implementation, over Kysely, for both PGlite and PostgreSQL, put together from one
// part per concern: scenarios and their records (kysely-scenarios.ts), the audit log
// (kysely-audit.ts), accounts (kysely-accounts.ts), settings (kysely-settings.ts), decision
// records (kysely-decisions.ts) and briefing packs (kysely-briefs.ts). Every write runs in one
// transaction that also appends its audit entry (kysely-shared.ts); the parts share the one writer,
// so commit listeners hear of every write in one sequence.
import { ComposedStore } from './composed-store.ts';
import { KyselyAccountStore } from './kysely-accounts.ts';
import { KyselyAuditStore } from './kysely-audit.ts';
import { KyselyBriefStore } from './kysely-briefs.ts';
import { KyselyDecisionStore } from './kysely-decisions.ts';
import { KyselyScenarioStore } from './kysely-scenarios.ts';
import { KyselySettingsStore } from './kysely-settings.ts';
import { KyselyWriter, type CommitListener, type Db } from './kysely-shared.ts';
import type { StoreBackend } from './store.ts';

export type { CommitListener, CommittedChange, Database } from './kysely-shared.ts';
export { summaryShare } from './kysely-scenarios.ts';

export class KyselyStore extends ComposedStore {
  /** The database itself, for modules that keep their own tables beside the scenarios. */
  readonly db: Db;
  readonly #writer: KyselyWriter;

  constructor(backend: StoreBackend, db: Db) {
    const writer = new KyselyWriter(db);
    super(backend, {
      scenarios: new KyselyScenarioStore(writer),
      audit: new KyselyAuditStore(db),
      accounts: new KyselyAccountStore(writer),
      settings: new KyselySettingsStore(db),
      decisions: new KyselyDecisionStore(writer),
      briefs: new KyselyBriefStore(writer),
    });
    this.db = db;
    this.#writer = writer;
  }

  /** See KyselyWriter.onCommit: the changes each committed write made, before its promise resolves. */
  onCommit(listener: CommitListener): () => void {
    return this.#writer.onCommit(listener);
  }

  async close(): Promise<void> {
    await this.db.destroy();
  }
}
