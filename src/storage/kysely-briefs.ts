// The briefing pack concern of the Kysely store (BriefStore in store.ts, issue 16): each version of
// the pack made for one audience of one scenario, only ever appended. A pack is written in its own
// transaction with its audit entry, under the scenario's row lock (scenarioRow), like every write to
// a scenario. The lock numbers the versions: the next one is read and written while no other writer
// of the scenario can get in between, and the table's key refuses a second pack of the same version
// should one ever try (a conflict, translateError in kysely-shared.ts). The same lock queues it
// behind a deletion of the scenario, which takes the scenario's packs with it (deleteScenarioIn,
// kysely-documents.ts), so none outlives its scenario although the table has no foreign key to it
// (migration 011). Its audit entry also moves the scenario's content version on.
//
// A backup restore writes packs too (restoreBriefIn, called by importScenarios in
// kysely-scenarios.ts, in the restore's transaction): as the backup gives them, version, time and
// all. The audit log keeps what a list shows of a pack, never the pack itself: that can be large,
// and the table keeps it.
import { sql } from 'kysely';
import { DomainError, invalid, type FieldIssue } from '../domain/errors.ts';
import { appendAudit, iso, scenarioRow, type Db, type KyselyWriter } from './kysely-shared.ts';
import type { Actor, BriefStore, BriefSummary, StoredBrief } from './store.ts';

/** An audience as text (audienceText in src/domain/brief/audience.ts). */
const AUDIENCE = /^(staff|coalition|public|rel-to:[A-Z]{3})$/;
/** A SHA-256 hash as Node writes it in hex. */
const SHA256_HEX = /^[0-9a-f]{64}$/;
/** The largest version the table's integer column holds. */
const MAX_VERSION = 2_147_483_647;

/** Every column but the pack: what a list shows. */
const SUMMARY_COLUMNS = [
  'scenario_id',
  'audience',
  'version',
  'created_by',
  'created_at',
  'content_hash',
  'scenario_version',
] as const;

interface BriefSummaryRow {
  scenario_id: string;
  audience: string;
  version: number;
  created_by: string;
  created_at: unknown;
  content_hash: string;
  scenario_version: string | number;
}

type BriefRow = BriefSummaryRow & { pack: unknown };

/** What addBrief is given: the store adds the scenario, the version, the author and the time. */
type NewBrief = Parameters<BriefStore['addBrief']>[1];

export class KyselyBriefStore implements BriefStore {
  readonly #db: Db;
  readonly #writer: KyselyWriter;

  constructor(writer: KyselyWriter) {
    this.#db = writer.db;
    this.#writer = writer;
  }

  async addBrief(scenarioId: string, brief: NewBrief, actor: Actor): Promise<StoredBrief> {
    const issues = newBriefIssues(brief, '');
    if (issues.length > 0) throw invalid(issues);
    const { audience, contentHash, scenarioVersion, pack } = brief;
    return this.#writer.write(async (trx) => {
      await scenarioRow(trx, scenarioId, true);
      const newest = await trx
        .selectFrom('briefs')
        .select((eb) => eb.fn.max('version').as('newest'))
        .where('scenario_id', '=', scenarioId)
        .where('audience', '=', audience)
        .executeTakeFirst();
      const version = Number(newest?.newest ?? 0) + 1;
      const row = await trx
        .insertInto('briefs')
        .values({
          scenario_id: scenarioId,
          audience,
          version,
          created_by: actor.userId,
          // The clock now, under the lock, not now() (the transaction's start): a writer that
          // waited for the lock makes the later version, and must not appear to have made it first.
          created_at: sql`clock_timestamp()`,
          content_hash: contentHash,
          scenario_version: scenarioVersion,
          pack: JSON.stringify(pack),
        })
        .returningAll()
        .executeTakeFirstOrThrow();
      const stored = briefOf(row);
      await appendAudit(trx, actor, {
        scenarioId,
        entity: 'briefs',
        entityKey: briefKey(stored),
        nation: null,
        action: 'create',
        before: null,
        after: summaryOf(row),
      });
      return stored;
    });
  }

  async listBriefs(scenarioId: string, audiences?: readonly string[]): Promise<BriefSummary[]> {
    await scenarioRow(this.#db, scenarioId);
    if (audiences?.length === 0) return [];
    let query = this.#db.selectFrom('briefs').select(SUMMARY_COLUMNS).where('scenario_id', '=', scenarioId);
    if (audiences !== undefined) query = query.where('audience', 'in', audiences);
    const rows = await query
      // Newest first; within an audience the version orders two made in the same microsecond.
      .orderBy('created_at', 'desc')
      .orderBy('version', 'desc')
      .orderBy('audience')
      .execute();
    return rows.map(summaryOf);
  }

  async getBrief(scenarioId: string, audience: string, version: number): Promise<StoredBrief> {
    await scenarioRow(this.#db, scenarioId);
    const missing = new DomainError(
      'not_found',
      `briefing pack ${audience} v${version} not found in scenario ${scenarioId}`,
    );
    // A version the column cannot hold is no pack's: not asked, so the database does not refuse it.
    if (!isVersion(version)) throw missing;
    const row = await this.#db
      .selectFrom('briefs')
      .selectAll()
      .where('scenario_id', '=', scenarioId)
      .where('audience', '=', audience)
      .where('version', '=', version)
      .executeTakeFirst();
    if (!row) throw missing;
    return briefOf(row);
  }
}

/**
 * What a restore's packs must be before anything is written: each complete and well formed (as
 * addBrief would take it, and with its own version, author and time), of one of the scenarios
 * imported with it, and no scenario, audience and version twice (the second would silently replace
 * the first).
 */
export function checkRestoredBriefs(briefs: readonly StoredBrief[], scenarioIds: ReadonlySet<string>): void {
  const issues: FieldIssue[] = [];
  const seen = new Set<string>();
  briefs.forEach((b, i) => {
    const at = `briefs[${i}].`;
    if (!scenarioIds.has(b.scenarioId))
      issues.push({
        path: `${at}scenarioId`,
        message: `names scenario "${b.scenarioId}", which is not among the scenarios imported`,
      });
    issues.push(...newBriefIssues(b, at));
    if (!isVersion(b.version))
      issues.push({ path: `${at}version`, message: 'must be a whole number from 1' });
    else {
      const key = JSON.stringify([b.scenarioId, b.audience, b.version]);
      if (seen.has(key))
        issues.push({
          path: `${at}version`,
          message: `duplicate briefing pack ${briefKey(b)} of scenario "${b.scenarioId}"`,
        });
      seen.add(key);
    }
    if (typeof b.createdBy !== 'string' || b.createdBy === '')
      issues.push({ path: `${at}createdBy`, message: 'is required' });
    if (typeof b.createdAt !== 'string' || Number.isNaN(Date.parse(b.createdAt)))
      issues.push({ path: `${at}createdAt`, message: 'must be an ISO 8601 date-time' });
  });
  if (issues.length > 0) throw invalid(issues);
}

/**
 * Restores one pack in `trx`, the transaction of a restore (importScenarios), which has already
 * written the pack's scenario (checkRestoredBriefs saw to that) and holds its row. The pack is
 * written as given: its version, author, time and pack. One of the same scenario, audience and
 * version that exists here is replaced only under `replace` (the restore replaces its scenario
 * anyway), and is a conflict at `briefs[index].version` otherwise. Audited as an 'import' (the
 * entry's actor restored it; the pack says who made it, and when), with what the pack replaced as
 * before; the entries hold the summaries, not the packs.
 */
export async function restoreBriefIn(
  trx: Db,
  brief: StoredBrief,
  index: number,
  replace: boolean,
  actor: Actor,
): Promise<void> {
  const { scenarioId, audience, version } = brief;
  const existing = await trx
    .selectFrom('briefs')
    .select(SUMMARY_COLUMNS)
    .where('scenario_id', '=', scenarioId)
    .where('audience', '=', audience)
    .where('version', '=', version)
    .forUpdate()
    .executeTakeFirst();
  if (existing && !replace) {
    throw new DomainError(
      'conflict',
      `briefing pack ${briefKey(brief)} of scenario ${scenarioId} already exists`,
      [{ path: `briefs[${index}].version`, message: `${briefKey(brief)} is already taken` }],
    );
  }
  if (existing) {
    await trx
      .deleteFrom('briefs')
      .where('scenario_id', '=', scenarioId)
      .where('audience', '=', audience)
      .where('version', '=', version)
      .execute();
  }
  const row = await trx
    .insertInto('briefs')
    .values({
      scenario_id: scenarioId,
      audience,
      version,
      created_by: brief.createdBy,
      // A restore is the one writer that gives the time: when the pack was made.
      created_at: sql`${brief.createdAt}::timestamptz`,
      content_hash: brief.contentHash,
      scenario_version: brief.scenarioVersion,
      pack: JSON.stringify(brief.pack),
    })
    .returning(SUMMARY_COLUMNS)
    .executeTakeFirstOrThrow();
  await appendAudit(trx, actor, {
    scenarioId,
    entity: 'briefs',
    entityKey: briefKey(brief),
    nation: null,
    action: 'import',
    before: existing ? summaryOf(existing) : null,
    after: summaryOf(row),
  });
}

/** What is wrong with the fields addBrief is given, each issue at `${prefix}field`. */
function newBriefIssues(brief: NewBrief, prefix: string): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { audience, contentHash, scenarioVersion, pack } = brief;
  if (typeof audience !== 'string' || !AUDIENCE.test(audience))
    issues.push({
      path: `${prefix}audience`,
      message: 'must be staff, coalition, public or rel-to: with a three-letter nation code (rel-to:EST)',
    });
  if (typeof contentHash !== 'string' || !SHA256_HEX.test(contentHash))
    issues.push({
      path: `${prefix}contentHash`,
      message: 'must be a SHA-256 hash: 64 lowercase hexadecimal digits',
    });
  if (!Number.isSafeInteger(scenarioVersion) || scenarioVersion < 0)
    issues.push({ path: `${prefix}scenarioVersion`, message: 'must be a whole number from 0' });
  // undefined has no JSON; null is JSON and is kept as it is.
  if (pack === undefined) issues.push({ path: `${prefix}pack`, message: 'is required' });
  return issues;
}

function isVersion(version: number): boolean {
  return Number.isSafeInteger(version) && version >= 1 && version <= MAX_VERSION;
}

/** How the audit log keys a pack: `staff/v3`. */
function briefKey(brief: { audience: string; version: number }): string {
  return `${brief.audience}/v${brief.version}`;
}

function summaryOf(row: BriefSummaryRow): BriefSummary {
  return {
    scenarioId: row.scenario_id,
    audience: row.audience,
    version: row.version,
    createdBy: row.created_by,
    createdAt: iso(row.created_at),
    contentHash: row.content_hash,
    scenarioVersion: Number(row.scenario_version),
  };
}

function briefOf(row: BriefRow): StoredBrief {
  return { ...summaryOf(row), pack: row.pack };
}
