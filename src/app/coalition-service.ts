// The application services shared by the HTTP API and the CLI: they authorise every call against
// the access rules (src/domain/access.ts), validate input with the domain schemas, apply domain
// rules that need reference data (exchange rates), and call the store.
// Handlers and commands stay thin: parse the request, call one method here, serialise the result.
import { z } from 'zod';
import {
  authorizeAuditRead,
  authorizeLeadStance,
  authorizeScenarioWrite,
  authorizeWrite,
  seesEverything,
  SYSTEM_PRINCIPAL,
  type Principal,
} from '../domain/access.ts';
import { csvFileName, recordsToCsv } from '../domain/csv.ts';
import { checkMovements } from '../planner/deploy/movements.ts';
import { toDeploymentNetwork, toExecuted, toPlannerUlns } from '../planner/deploy/plan-report.ts';
import { ENTITY_PATH } from '../domain/entity-paths.ts';
import { DomainError, invalid, type FieldIssue } from '../domain/errors.ts';
import type { ExchangeRates } from '../domain/exchange-rates.ts';
import { isoDateSchema, scenarioIdSchema } from '../domain/ids.ts';
import { mergePatch } from '../domain/merge-patch.ts';
import { lineOfContactFromRequest } from '../domain/line-of-contact-import.ts';
import { liaisonIdIssue } from '../domain/record-ids.ts';
import { branchDocument, branchRequestSchema } from '../domain/variants.ts';
import { inputFingerprint } from './input-fingerprint.ts';
import { forceTotals, overviewNations, type ForceTotals, type NationOverview } from '../domain/overview.ts';
import {
  AUDIT_ACTIONS,
  ENTITY_KEY,
  ENTITY_KINDS,
  ENTITY_SCHEMAS,
  scenarioHeaderPatchSchema,
  type AuditAction,
  type AuditEntry,
  type EntityKind,
  type EntityTypes,
  type ScenarioSummary,
  type Stored,
  type StoredScenario,
} from '../domain/records.ts';
import { parseScenarioValue, zodIssues } from '../domain/scenario-document.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { parseSearchQuery, type SearchResult } from '../domain/search.ts';
import type { ListFilter, Store } from '../storage/store.ts';

export interface ScenarioOverview {
  scenario: ScenarioSummary;
  totals: ForceTotals;
  nations: NationOverview[];
  /** True unless the viewer is coalition staff: the figures cover the records it is shown. */
  partial: boolean;
}

/** A CSV download: its text and the file name to save it under. */
export interface CsvFile {
  fileName: string;
  text: string;
}

export interface ImportOptions {
  /** Store under this id instead of the document's. */
  id?: string;
  /** Display name instead of the document's. */
  name?: string;
}

/** Fields that are bookkeeping, not content: never taken from a client's body. */
const META_FIELDS = ['version', 'createdAt', 'updatedAt'] as const;

export const auditQuerySchema = z.strictObject({
  scenario: z.string().optional(),
  entity: z.enum([...ENTITY_KINDS, 'scenario', 'users', 'decisions', 'briefs']).optional(),
  key: z.string().optional(),
  nation: z.string().optional(),
  actor: z.string().optional(),
  action: z.enum(AUDIT_ACTIONS as [AuditAction, ...AuditAction[]]).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  before: z.coerce.number().int().min(1).optional(),
});

/**
 * Every method takes the principal it acts for. Reads hand it to the store as the viewer, which
 * filters what that user may see. Writes first read the record as that user (a record it cannot
 * see is 404, so its existence is not revealed), then apply the write rule (403), then write with
 * the principal as the audit log's actor. The order is the same everywhere: 404, 403, 400, 409.
 */
export class CoalitionService {
  constructor(
    readonly store: Store,
    readonly rates: ExchangeRates,
  ) {}

  validateDocument(value: unknown): ScenarioDocument {
    return validateScenarioDocument(value, this.rates);
  }

  async importDocument(
    value: unknown,
    principal: Principal,
    options: ImportOptions = {},
  ): Promise<ScenarioSummary> {
    authorizeScenarioWrite(principal, 'import scenarios');
    let doc = this.validateDocument(value);
    if (options.id !== undefined) {
      const id = scenarioIdSchema.safeParse(options.id);
      if (!id.success) throw invalid(zodIssues(id.error, ['id']));
      doc = { ...doc, id: id.data };
    }
    if (options.name !== undefined) {
      if (options.name.trim() === '') throw invalid([{ path: 'name', message: 'must not be empty' }]);
      doc = { ...doc, name: options.name.trim() };
    }
    return this.store.importScenario(doc, principal);
  }

  /**
   * Branches a variant of a scenario (coalition staff, like any import): the parent's document with
   * the what-ifs made, recording the parent and the version it was branched from. A parent changed
   * while it was read is 409, so the recorded version is the one the variant holds.
   */
  async branchScenario(parentId: string, body: unknown, principal: Principal): Promise<ScenarioSummary> {
    const before = await this.store.getScenario(parentId);
    authorizeScenarioWrite(principal, 'branch scenarios');
    const request = branchRequestSchema.safeParse(body ?? {});
    if (!request.success) throw invalid(zodIssues(request.error));
    const doc = await this.store.exportScenario(parentId, principal);
    const after = await this.store.getScenario(parentId);
    if (after.version !== before.version) {
      throw new DomainError('conflict', `scenario ${parentId} changed while it was branched; try again`);
    }
    const variant = branchDocument(doc, after.version, request.data);
    return this.importDocument(
      // The parent's inputs as branched: a promotion later tells by them whether the parent has moved on.
      { ...variant, variantOf: { ...variant.variantOf!, parentInputsHash: inputFingerprint(doc).hash } },
      principal,
    );
  }

  /** The document as the viewer may see it: a liaison's export holds only what is releasable to it. */
  exportDocument(scenarioId: string, viewer: Principal): Promise<ScenarioDocument> {
    return this.store.exportScenario(scenarioId, viewer);
  }

  listScenarios(viewer: Principal): Promise<ScenarioSummary[]> {
    return this.store.listScenarios(viewer);
  }

  async getScenario(scenarioId: string, viewer: Principal): Promise<ScenarioSummary> {
    const all = await this.store.listScenarios(viewer);
    const found = all.find((s) => s.id === scenarioId);
    if (!found) {
      await this.store.getScenario(scenarioId); // throws the store's not-found
      throw new DomainError('not_found', `scenario ${scenarioId} not found`);
    }
    return found;
  }

  async patchScenario(scenarioId: string, body: unknown, principal: Principal): Promise<StoredScenario> {
    await this.store.getScenario(scenarioId);
    authorizeScenarioWrite(principal, 'change a scenario');
    const version = requireVersion(body);
    const { version: _v, ...fields } = body as Record<string, unknown>;
    const parsed = scenarioHeaderPatchSchema.safeParse(fields);
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    return this.store.updateScenario(scenarioId, parsed.data, version, principal);
  }

  /**
   * Stores a line of contact drawn elsewhere (a GeoJSON file, lineOfContactFromRequest) as the
   * theatre's `lineOfContact`, keeping its zones and bands: a header write, so coalition staff only,
   * naming the version it was based on. The theatre it keeps is the one of that version, so a stale
   * version is refused here (409) rather than write over a change made since.
   */
  async putLineOfContact(scenarioId: string, body: unknown, principal: Principal): Promise<StoredScenario> {
    const current = await this.store.getScenario(scenarioId);
    authorizeScenarioWrite(principal, 'change a scenario');
    const version = requireVersion(body);
    const { version: _v, ...fields } = body as Record<string, unknown>;
    const { line } = lineOfContactFromRequest(fields);
    if (current.version !== version) {
      throw new DomainError(
        'conflict',
        `scenario ${scenarioId} is at version ${current.version}, not ${version}: someone else changed it; reload and retry`,
        [],
        { current },
      );
    }
    const theatre = { zones: [], exposureBands: [], ...current.theatre, lineOfContact: line };
    return this.store.updateScenario(scenarioId, { theatre }, version, principal);
  }

  async deleteScenario(scenarioId: string, version: number, principal: Principal): Promise<void> {
    await this.store.getScenario(scenarioId);
    authorizeScenarioWrite(principal, 'delete scenarios');
    return this.store.deleteScenario(scenarioId, version, principal);
  }

  /**
   * Stances as of `asOf` (a date) when given, else as of the scenario's own as-of date, the analysis
   * date every analysis uses: an entry dated later is not yet current.
   */
  async overview(scenarioId: string, viewer: Principal, asOf?: string): Promise<ScenarioOverview> {
    if (asOf !== undefined && !isoDateSchema.safeParse(asOf).success) {
      throw invalid([{ path: 'asOf', message: 'must be a date written YYYY-MM-DD' }]);
    }
    const [scenario, nations, stances, offers] = await Promise.all([
      this.getScenario(scenarioId, viewer),
      this.store.list(scenarioId, 'nations', viewer),
      this.store.list(scenarioId, 'stances', viewer),
      this.store.list(scenarioId, 'offers', viewer),
    ]);
    const rows = overviewNations(nations, stances, offers, asOf ?? scenario.asOf);
    return {
      scenario,
      totals: forceTotals(scenario.mission.forceTarget, rows),
      nations: rows,
      partial: scenario.partial,
    };
  }

  /** The audit log is for coalition staff: it holds every version of every record, whatever its marking. */
  audit(query: unknown, principal: Principal): Promise<AuditEntry[]> {
    authorizeAuditRead(principal);
    const q = auditQuerySchema.safeParse(query ?? {});
    if (!q.success) throw invalid(zodIssues(q.error));
    const f = q.data;
    return this.store.audit({
      ...(f.scenario !== undefined && { scenarioId: f.scenario }),
      ...(f.entity !== undefined && { entity: f.entity }),
      ...(f.key !== undefined && { entityKey: f.key }),
      ...(f.nation !== undefined && { nation: f.nation }),
      ...(f.actor !== undefined && { actor: f.actor }),
      ...(f.action !== undefined && { action: f.action }),
      ...(f.limit !== undefined && { limit: f.limit }),
      ...(f.before !== undefined && { beforeId: f.before }),
    });
  }

  list<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    viewer: Principal,
    filter: ListFilter = {},
  ): Promise<Stored<EntityTypes[K]>[]> {
    return this.store.list(scenarioId, kind, viewer, filter);
  }

  /**
   * The records of one kind as CSV, read through the same guarded list as the JSON list: a row the
   * viewer may not see never leaves the store, so it cannot reach the file.
   */
  async csv(
    scenarioId: string,
    kind: EntityKind,
    viewer: Principal,
    filter: ListFilter = {},
  ): Promise<CsvFile> {
    const records = await this.store.list(scenarioId, kind, viewer, filter);
    return { fileName: csvFileName(scenarioId, ENTITY_PATH[kind]), text: recordsToCsv(kind, records) };
  }

  /**
   * Text search over the scenario's records as the viewer may see them. `query` is the request's
   * query string (`q`, `kinds`, `limit`). An unknown scenario is 404 before the query is judged.
   */
  async search(scenarioId: string, query: unknown, viewer: Principal): Promise<SearchResult> {
    await this.store.getScenario(scenarioId);
    const parsed = parseSearchQuery(isObject(query) ? query : {});
    return this.store.search(scenarioId, viewer, parsed);
  }

  get<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    viewer: Principal,
  ): Promise<Stored<EntityTypes[K]>> {
    return this.store.get(scenarioId, kind, key, viewer);
  }

  async create<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    body: unknown,
    principal: Principal,
  ): Promise<Stored<EntityTypes[K]>> {
    await this.store.getScenario(scenarioId);
    // Role and kind first, so an observer learns nothing from validation messages.
    authorizeWrite(principal, kind, 'create', undefined, undefined);
    const input = withoutMeta(body);
    if (kind === 'stances' && input.id === undefined && typeof input.nation === 'string') {
      authorizeWrite(principal, kind, 'create', undefined, { nation: input.nation });
      input.id = await this.nextStanceId(scenarioId, input.nation, principal);
    }
    const record = this.parseRecord(kind, input);
    authorizeWrite(principal, kind, 'create', undefined, nationOf(record));
    if (kind === 'stances') authorizeLeadStance(principal, undefined, stanceOf(record));
    if (!seesEverything(principal)) {
      // Ids are spent per nation (record-ids.ts): a liaison officer's new id names its nation, so it
      // is never one a record withheld from it already holds.
      const key = String((record as Record<string, unknown>)[ENTITY_KEY[kind]]);
      const issue = liaisonIdIssue(key, String(principal.nation));
      if (issue) throw invalid([{ path: ENTITY_KEY[kind], message: issue }]);
    }
    if (kind === 'movements') await this.checkMovement(scenarioId, record as EntityTypes['movements']);
    return this.store.create(scenarioId, kind, record, principal);
  }

  /** Applies a JSON merge patch to the stored record and writes it if `version` is still current. */
  async patch<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    body: unknown,
    principal: Principal,
  ): Promise<Stored<EntityTypes[K]>> {
    const current = await this.store.get(scenarioId, kind, key, principal);
    authorizeWrite(principal, kind, 'update', nationOf(current), undefined);
    if (kind === 'stances') authorizeLeadStance(principal, stanceOf(current), undefined);
    const version = requireVersion(body);
    if (current.version !== version) {
      throw new DomainError(
        'conflict',
        `${kind} ${key} is at version ${current.version}, not ${version}: reload and apply your change again`,
        [],
        { current },
      );
    }
    const keyField = ENTITY_KEY[kind];
    const patch = withoutMeta(body);
    if (keyField in patch && patch[keyField] !== key) {
      throw invalid([{ path: keyField, message: 'cannot be changed; create a new record instead' }]);
    }
    const merged = mergePatch(withoutMeta(current), patch);
    // The record after the change must still be the liaison's own: no moving it to another nation.
    // Asked before validation, so the refusal is about the right to write, not the id rule.
    authorizeWrite(principal, kind, 'update', nationOf(current), nationOf(merged));
    if (kind === 'stances') authorizeLeadStance(principal, undefined, stanceOf(merged));
    const record = this.parseRecord(kind, merged);
    authorizeWrite(principal, kind, 'update', nationOf(current), nationOf(record));
    if (kind === 'movements') await this.checkMovement(scenarioId, record as EntityTypes['movements'], key);
    return this.store.update(scenarioId, kind, key, record, version, principal);
  }

  async delete(
    scenarioId: string,
    kind: EntityKind,
    key: string,
    version: number,
    principal: Principal,
  ): Promise<void> {
    const current = await this.store.get(scenarioId, kind, key, principal);
    authorizeWrite(principal, kind, 'delete', nationOf(current), undefined);
    if (kind === 'stances') authorizeLeadStance(principal, stanceOf(current), undefined);
    return this.store.delete(scenarioId, kind, key, version, principal);
  }

  private parseRecord<K extends EntityKind>(kind: K, value: unknown): EntityTypes[K] {
    const parsed = ENTITY_SCHEMAS[kind].safeParse(value);
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    const record = parsed.data as EntityTypes[K];
    if (kind === 'pledges') {
      const pledge = record as EntityTypes['pledges'];
      if (!this.rates.lookup(pledge.currency, pledge.date)) {
        throw invalid([{ path: 'currency', message: noRateMessage(pledge.currency, pledge.date) }]);
      }
    }
    return record;
  }

  /**
   * A movement record must be one that can have happened, given the ULN's other movements: it leaves
   * a node only with cargo that had reached it, no sooner than the ULN's ALD, and arrives no sooner
   * than departure plus the arc's transit. Judged against every record (whoever may see them), and
   * reported only about the record being written.
   */
  private async checkMovement(
    scenarioId: string,
    record: EntityTypes['movements'],
    replacing?: string,
  ): Promise<void> {
    const [ulns, arcs, nodes, movements, capabilities, header] = await Promise.all([
      this.store.list(scenarioId, 'ulns', SYSTEM_PRINCIPAL),
      this.store.list(scenarioId, 'arcs', SYSTEM_PRINCIPAL),
      this.store.list(scenarioId, 'nodes', SYSTEM_PRINCIPAL),
      this.store.list(scenarioId, 'movements', SYSTEM_PRINCIPAL),
      this.store.list(scenarioId, 'capabilities', SYSTEM_PRINCIPAL),
      this.store.getScenario(scenarioId),
    ]);
    const uln = ulns.find((u) => u.uln === record.uln);
    if (!uln)
      throw invalid([
        { path: 'uln', message: `names unknown ULN "${record.uln}" in scenario ${scenarioId}` },
      ]);
    const mine = movements.filter((m) => m.uln === record.uln && m.id !== replacing);
    const all = [...mine, record];
    const problems = checkMovements(
      toDeploymentNetwork(nodes, arcs),
      toPlannerUlns([uln], { capabilities, deployment: header.deployment }),
      toExecuted(all),
    ).filter((p) => p.index === all.length - 1);
    if (problems.length > 0) throw invalid(problems.map((p) => ({ path: p.field, message: p.message })));
  }

  private async nextStanceId(scenarioId: string, nation: string, viewer: Principal): Promise<string> {
    const existing = await this.store.list(scenarioId, 'stances', viewer, { nation });
    let max = 0;
    for (const s of existing) {
      const m = /-(\d+)$/.exec(s.id);
      if (m && s.id.startsWith(`${nation}-`)) max = Math.max(max, Number(m[1]));
    }
    return `${nation}-${max + 1}`;
  }
}

/** The nation a record belongs to, for the write rule; kinds without one are staff-only anyway. */
function nationOf(record: unknown): { nation?: string } {
  const nation = (record as { nation?: unknown }).nation;
  return typeof nation === 'string' ? { nation } : {};
}

/** The stance a stance entry states, for the lead rule (authorizeLeadStance). */
function stanceOf(record: unknown): { stance?: string } {
  const stance = (record as { stance?: unknown }).stance;
  return typeof stance === 'string' ? { stance } : {};
}

/** Validates a decoded document (schema, cross-references, exchange-rate cover) without storing it. */
export function validateScenarioDocument(value: unknown, rates: ExchangeRates): ScenarioDocument {
  const parsed = parseScenarioValue(value);
  if (!parsed.ok) throw invalid(parsed.issues);
  const issues: FieldIssue[] = [];
  parsed.document.pledges.forEach((p, i) => {
    if (!rates.lookup(p.currency, p.date)) {
      issues.push({ path: `pledges[${i}].currency`, message: noRateMessage(p.currency, p.date) });
    }
  });
  if (issues.length > 0) throw invalid(issues);
  return parsed.document;
}

function noRateMessage(currency: string, date: string): string {
  return `has no EUR exchange rate for ${currency} on ${date} in the shipped rate table (data/exchange-rates.json)`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function withoutMeta(body: unknown): Record<string, unknown> {
  if (!isObject(body)) throw invalid([{ path: '', message: 'must be a JSON object' }]);
  const out: Record<string, unknown> = { ...body };
  for (const f of META_FIELDS) delete out[f];
  return out;
}

function requireVersion(body: unknown): number {
  if (!isObject(body)) throw invalid([{ path: '', message: 'must be a JSON object' }]);
  const v = body.version;
  if (v === undefined) {
    throw invalid([
      { path: 'version', message: 'is required: send the version you last read, so no change is lost' },
    ]);
  }
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw invalid([{ path: 'version', message: 'must be a whole number from 1' }]);
  }
  return v;
}

export function parseVersionParam(raw: unknown, field = 'version'): number {
  if (raw === undefined || raw === '') {
    throw invalid([
      { path: field, message: 'is required: send the version you last read, so no change is lost' },
    ]);
  }
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1)
    throw invalid([{ path: field, message: 'must be a whole number from 1' }]);
  return n;
}
