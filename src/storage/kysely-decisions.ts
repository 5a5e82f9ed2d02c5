// The decision concern of the Kysely store (DecisionStore in store.ts): decision records kept per
// baseline scenario, only ever appended. A record is written in its own transaction with its audit
// entry, under the scenario's row lock (scenarioRow), like every write to a scenario: it queues
// behind a deletion of the scenario, which takes the scenario's decisions with it
// (deleteScenarioIn, kysely-documents.ts), so none outlives its scenario although the table has no
// foreign key to it (migration 008). Its audit entry also moves the scenario's content version on.
//
// A backup restore writes decisions too (restoreDecisionIn, called by importScenarios in
// kysely-scenarios.ts, in the restore's transaction): as the backup gives them, time of decision
// and all.
import { sql } from 'kysely';
import { DomainError } from '../domain/errors.ts';
import { appendAudit, iso, scenarioRow, type Db, type KyselyWriter } from './kysely-shared.ts';
import type { Actor, DecisionStore, StoredDecision } from './store.ts';

interface DecisionRow {
  id: string;
  scenario_id: string;
  decided_by: string;
  decided_at: unknown;
  body: unknown;
}

export class KyselyDecisionStore implements DecisionStore {
  readonly #db: Db;
  readonly #writer: KyselyWriter;

  constructor(writer: KyselyWriter) {
    this.#db = writer.db;
    this.#writer = writer;
  }

  async addDecision(
    scenarioId: string,
    decision: { id: string; body: unknown },
    actor: Actor,
  ): Promise<StoredDecision> {
    const { id, body } = decision;
    if (id === '')
      throw new DomainError('invalid', 'id is required', [{ path: 'id', message: 'is required' }]);
    // undefined has no JSON; null is JSON and is kept as it is.
    if (body === undefined)
      throw new DomainError('invalid', 'body is required', [{ path: 'body', message: 'is required' }]);
    return this.#writer.write(async (trx) => {
      await scenarioRow(trx, scenarioId, true);
      // Ids are unique across scenarios (the table's key); a concurrent writer of the same id
      // that gets past this check is refused by the key, also as a conflict (translateError).
      const clash = await trx.selectFrom('decisions').select('id').where('id', '=', id).executeTakeFirst();
      if (clash) {
        throw new DomainError('conflict', `decision ${id} already exists`, [
          { path: 'id', message: `"${id}" is already taken` },
        ]);
      }
      const row = await trx
        .insertInto('decisions')
        .values({ id, scenario_id: scenarioId, decided_by: actor.userId, body: JSON.stringify(body) })
        .returningAll()
        .executeTakeFirstOrThrow();
      await appendAudit(trx, actor, {
        scenarioId,
        entity: 'decisions',
        entityKey: id,
        nation: null,
        action: 'create',
        before: null,
        after: body,
      });
      return decisionOf(row);
    });
  }

  async listDecisions(scenarioId: string): Promise<StoredDecision[]> {
    await scenarioRow(this.#db, scenarioId);
    const rows = await this.#db
      .selectFrom('decisions')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      // Newest first; the id only orders two recorded in the same microsecond, stably.
      .orderBy('decided_at', 'desc')
      .orderBy('id', 'desc')
      .execute();
    return rows.map(decisionOf);
  }

  async getDecision(scenarioId: string, id: string): Promise<StoredDecision> {
    await scenarioRow(this.#db, scenarioId);
    const row = await this.#db
      .selectFrom('decisions')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .where('id', '=', id)
      .executeTakeFirst();
    if (!row) throw new DomainError('not_found', `decision ${id} not found in scenario ${scenarioId}`);
    return decisionOf(row);
  }
}

/**
 * Restores one decision record in `trx`, the transaction of a restore (importScenarios), which has
 * already written the scenarios `importedIds` and holds their rows. The record is written as given:
 * its id, author, time of decision and body. One of the same id that exists here is replaced only
 * under `replace` and if it belongs to one of the scenarios imported, which the restore replaces
 * anyway; one of a scenario the restore leaves as it is is a conflict at `decisions[index].id`, as
 * it would be for addDecision (ids are unique across scenarios). Audited as an 'import' (the entry's
 * actor restored it; the record says who decided it, and when), with the record replaced as before.
 */
export async function restoreDecisionIn(
  trx: Db,
  decision: StoredDecision,
  index: number,
  importedIds: ReadonlySet<string>,
  replace: boolean,
  actor: Actor,
): Promise<void> {
  const { id, scenarioId, decidedBy, decidedAt, body } = decision;
  const existing = await trx
    .selectFrom('decisions')
    .selectAll()
    .where('id', '=', id)
    .forUpdate()
    .executeTakeFirst();
  if (existing && !(replace && importedIds.has(existing.scenario_id))) {
    throw new DomainError(
      'conflict',
      `decision ${id} already exists, in scenario ${existing.scenario_id}, which this restore does not replace`,
      [{ path: `decisions[${index}].id`, message: `"${id}" is already taken` }],
    );
  }
  if (existing) await trx.deleteFrom('decisions').where('id', '=', id).execute();
  // Written out because the table's type lets no one set decided_at (addDecision leaves it to the
  // database's clock): a restore is the one writer that gives it, the time the decision was made.
  const { rows } = await sql<DecisionRow>`
    insert into decisions (id, scenario_id, decided_by, decided_at, body)
    values (${id}, ${scenarioId}, ${decidedBy}, ${decidedAt}::timestamptz, ${JSON.stringify(body)}::jsonb)
    returning *`.execute(trx);
  const restored = decisionOf(rows[0]!);
  await appendAudit(trx, actor, {
    scenarioId,
    entity: 'decisions',
    entityKey: id,
    nation: null,
    action: 'import',
    before: existing ? decisionOf(existing) : null,
    after: restored,
  });
}

function decisionOf(row: DecisionRow): StoredDecision {
  return {
    id: row.id,
    scenarioId: row.scenario_id,
    decidedBy: row.decided_by,
    decidedAt: iso(row.decided_at),
    body: row.body,
  };
}
