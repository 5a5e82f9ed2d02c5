// The application services shared by the HTTP API and the CLI: they validate input with the
// domain schemas, apply domain rules that need reference data (exchange rates), and call the store.
// Handlers and commands stay thin: parse the request, call one method here, serialise the result.
import { DomainError, invalid, type FieldIssue } from '../domain/errors.ts';
import type { ExchangeRates } from '../domain/exchange-rates.ts';
import { isoDateSchema, scenarioIdSchema } from '../domain/ids.ts';
import { mergePatch } from '../domain/merge-patch.ts';
import { forceTotals, overviewNations, type ForceTotals, type NationOverview } from '../domain/overview.ts';
import {
  ENTITY_KEY,
  ENTITY_SCHEMAS,
  scenarioHeaderPatchSchema,
  type EntityKind,
  type EntityTypes,
  type ScenarioSummary,
  type Stored,
  type StoredScenario,
} from '../domain/records.ts';
import { parseScenarioValue, zodIssues } from '../domain/scenario-document.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import type { Actor, ListFilter, Store } from '../storage/store.ts';

export interface ScenarioOverview {
  scenario: ScenarioSummary;
  totals: ForceTotals;
  nations: NationOverview[];
}

export interface ImportOptions {
  /** Store under this id instead of the document's. */
  id?: string;
  /** Display name instead of the document's. */
  name?: string;
}

/** Fields that are bookkeeping, not content: never taken from a client's body. */
const META_FIELDS = ['version', 'createdAt', 'updatedAt'] as const;

export class CoalitionService {
  constructor(
    readonly store: Store,
    readonly rates: ExchangeRates,
  ) {}

  validateDocument(value: unknown): ScenarioDocument {
    return validateScenarioDocument(value, this.rates);
  }

  async importDocument(value: unknown, actor: Actor, options: ImportOptions = {}): Promise<ScenarioSummary> {
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
    return this.store.importScenario(doc, actor);
  }

  exportDocument(scenarioId: string): Promise<ScenarioDocument> {
    return this.store.exportScenario(scenarioId);
  }

  listScenarios(): Promise<ScenarioSummary[]> {
    return this.store.listScenarios();
  }

  async getScenario(scenarioId: string): Promise<ScenarioSummary> {
    const all = await this.store.listScenarios();
    const found = all.find((s) => s.id === scenarioId);
    if (!found) {
      await this.store.getScenario(scenarioId); // throws the store's not-found
      throw new DomainError('not_found', `scenario ${scenarioId} not found`);
    }
    return found;
  }

  async patchScenario(scenarioId: string, body: unknown, actor: Actor): Promise<StoredScenario> {
    const version = requireVersion(body);
    const { version: _v, ...fields } = body as Record<string, unknown>;
    const parsed = scenarioHeaderPatchSchema.safeParse(fields);
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    return this.store.updateScenario(scenarioId, parsed.data, version, actor);
  }

  deleteScenario(scenarioId: string, version: number, actor: Actor): Promise<void> {
    return this.store.deleteScenario(scenarioId, version, actor);
  }

  /** Stances as of `asOf` (a date) when given, else each nation's latest entry. */
  async overview(scenarioId: string, asOf?: string): Promise<ScenarioOverview> {
    if (asOf !== undefined && !isoDateSchema.safeParse(asOf).success) {
      throw invalid([{ path: 'asOf', message: 'must be a date written YYYY-MM-DD' }]);
    }
    const [scenario, nations, stances, offers] = await Promise.all([
      this.getScenario(scenarioId),
      this.store.list(scenarioId, 'nations'),
      this.store.list(scenarioId, 'stances'),
      this.store.list(scenarioId, 'offers'),
    ]);
    const rows = overviewNations(nations, stances, offers, asOf);
    return { scenario, totals: forceTotals(scenario.mission.forceTarget, rows), nations: rows };
  }

  list<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    filter: ListFilter = {},
  ): Promise<Stored<EntityTypes[K]>[]> {
    return this.store.list(scenarioId, kind, filter);
  }

  get<K extends EntityKind>(scenarioId: string, kind: K, key: string): Promise<Stored<EntityTypes[K]>> {
    return this.store.get(scenarioId, kind, key);
  }

  async create<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    body: unknown,
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>> {
    const input = withoutMeta(body);
    if (kind === 'stances' && isObject(input) && input.id === undefined && typeof input.nation === 'string') {
      input.id = await this.nextStanceId(scenarioId, input.nation);
    }
    const record = this.parseRecord(kind, input);
    return this.store.create(scenarioId, kind, record, actor);
  }

  /** Applies a JSON merge patch to the stored record and writes it if `version` is still current. */
  async patch<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    body: unknown,
    actor: Actor,
  ): Promise<Stored<EntityTypes[K]>> {
    const version = requireVersion(body);
    const current = await this.store.get(scenarioId, kind, key);
    if (current.version !== version) {
      throw new DomainError(
        'conflict',
        `${kind} ${key} is at version ${current.version}, not ${version}: reload and apply your change again`,
        [],
        { current },
      );
    }
    const keyField = ENTITY_KEY[kind];
    const patch = withoutMeta(body) as Record<string, unknown>;
    if (keyField in patch && patch[keyField] !== key) {
      throw invalid([{ path: keyField, message: 'cannot be changed; create a new record instead' }]);
    }
    const merged = mergePatch(withoutMeta(current), patch);
    const record = this.parseRecord(kind, merged);
    return this.store.update(scenarioId, kind, key, record, version, actor);
  }

  delete(scenarioId: string, kind: EntityKind, key: string, version: number, actor: Actor): Promise<void> {
    return this.store.delete(scenarioId, kind, key, version, actor);
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

  private async nextStanceId(scenarioId: string, nation: string): Promise<string> {
    const existing = await this.store.list(scenarioId, 'stances', { nation });
    let max = 0;
    for (const s of existing) {
      const m = /-(\d+)$/.exec(s.id);
      if (m && s.id.startsWith(`${nation}-`)) max = Math.max(max, Number(m[1]));
    }
    return `${nation}-${max + 1}`;
  }
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
