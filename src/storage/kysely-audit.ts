// The audit concern of the Kysely store (AuditStore in store.ts): reading the append-only log that
// every write fills in its own transaction (appendAudit, kysely-shared.ts).
import type { AuditAction, AuditEntry } from '../domain/records.ts';
import { iso, type Db } from './kysely-shared.ts';
import type { AuditFilter, AuditStore } from './store.ts';

const AUDIT_LIMIT_DEFAULT = 100;
const AUDIT_LIMIT_MAX = 1000;

export class KyselyAuditStore implements AuditStore {
  readonly #db: Db;

  constructor(db: Db) {
    this.#db = db;
  }

  async audit(filter: AuditFilter = {}): Promise<AuditEntry[]> {
    const wanted = Number.isFinite(filter.limit) ? Math.trunc(filter.limit ?? 0) : AUDIT_LIMIT_DEFAULT;
    const limit = Math.min(Math.max(wanted, 1), AUDIT_LIMIT_MAX);
    let query = this.#db.selectFrom('audit_log').selectAll().orderBy('id', 'desc').limit(limit);
    if (filter.scenarioId !== undefined) query = query.where('scenario_id', '=', filter.scenarioId);
    if (filter.nation !== undefined) query = query.where('nation', '=', filter.nation);
    if (filter.entity !== undefined) query = query.where('entity', '=', filter.entity);
    if (filter.entityKey !== undefined) query = query.where('entity_key', '=', filter.entityKey);
    if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
    if (filter.action !== undefined) query = query.where('action', '=', filter.action);
    if (filter.beforeId !== undefined) query = query.where('id', '<', filter.beforeId);
    const rows = await query.execute();
    return rows.map((r) => ({
      id: Number(r.id),
      at: iso(r.at),
      actor: r.actor,
      // AuditEntry.scenarioId is a string; a change outside any scenario (a user) has none.
      scenarioId: r.scenario_id ?? '',
      entity: r.entity as AuditEntry['entity'],
      nation: r.nation,
      entityKey: r.entity_key,
      action: r.action as AuditAction,
      before: r.before,
      after: r.after,
    }));
  }
}
