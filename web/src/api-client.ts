// The typed client for the Coalition Planner HTTP API: the only module of the web UI that talks HTTP.
// Pages ask it for domain values and get either those values or an `ApiError` carrying the API's
// error code, message and field issues, so no page parses responses or status codes itself.
import type { z } from 'zod';
import { ENTITY_PATH } from '../../src/domain/entity-paths.ts';
import type { ForceTotals, NationOverview } from '../../src/domain/overview.ts';
import type {
  ENTITY_SCHEMAS,
  EntityKind,
  EntityTypes,
  ScenarioSummary,
  Stored,
} from '../../src/domain/records.ts';
import type { ScenarioDocumentInput } from '../../src/domain/scenario-schema.ts';

export interface ScenarioOverview {
  scenario: ScenarioSummary;
  totals: ForceTotals;
  nations: NationOverview[];
}

export interface ApiIssue {
  /** Dotted field path such as `offers[3].nation`; empty for the whole body. */
  path: string;
  message: string;
}

/**
 * The API sends `invalid` (400), `not_found` (404), `conflict` (409) and `too_large` (413); the client
 * adds `network` (server unreachable) and `http` (an error response without the API's error body).
 */
export type ApiErrorCode = string;

/** A refused or failed request. `status` is 0 when the server could not be reached at all. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ApiErrorCode;
  readonly issues: ApiIssue[];
  /** On a 409 version conflict, the record as it now stands. */
  readonly current: unknown;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    issues: ApiIssue[] = [],
    current?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.current = current;
  }
}

/** A record as a client writes it: defaults may be left out, brands are plain strings and numbers. */
export type RecordInput<K extends EntityKind> = z.input<(typeof ENTITY_SCHEMAS)[K]>;
/** A partial update: only the changed fields, plus the version the change was based on. */
export type RecordPatch<K extends EntityKind> = Partial<RecordInput<K>> & { version: number };
export type StoredRecord<K extends EntityKind> = Stored<EntityTypes[K]>;

export type ExportFormat = 'json' | 'yaml';

export interface RequestOptions {
  signal?: AbortSignal | undefined;
}

export interface ApiClientOptions {
  /** Origin (and optional path prefix) of the API; empty means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
}

type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

export class ApiClient {
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;

  constructor(options: ApiClientOptions = {}) {
    this.#baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    // Bound so that the browser's fetch is not called with the client as `this`.
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  listScenarios(opts?: RequestOptions): Promise<ScenarioSummary[]> {
    return this.#json<{ items: ScenarioSummary[] }>('GET', '/api/scenarios', opts).then((r) => r.items);
  }

  getScenario(id: string, opts?: RequestOptions): Promise<ScenarioSummary> {
    return this.#json('GET', scenarioPath(id), opts);
  }

  getOverview(id: string, opts?: RequestOptions): Promise<ScenarioOverview> {
    return this.#json('GET', `${scenarioPath(id)}/overview`, opts);
  }

  /** The whole scenario document as text in the chosen format, ready to save as a file. */
  async exportScenario(id: string, format: ExportFormat, opts?: RequestOptions): Promise<string> {
    const res = await this.#send('GET', `${scenarioPath(id)}/export?format=${format}`, undefined, opts);
    return res.text();
  }

  createScenario(document: ScenarioDocumentInput, opts?: RequestOptions): Promise<ScenarioSummary> {
    return this.#json('POST', '/api/scenarios', opts, document);
  }

  async deleteScenario(id: string, version: number, opts?: RequestOptions): Promise<void> {
    await this.#send('DELETE', `${scenarioPath(id)}?version=${version}`, undefined, opts);
  }

  listRecords<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    opts?: RequestOptions,
  ): Promise<StoredRecord<K>[]> {
    return this.#json<{ items: StoredRecord<K>[] }>('GET', collectionPath(scenarioId, kind), opts).then(
      (r) => r.items,
    );
  }

  getRecord<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    opts?: RequestOptions,
  ): Promise<StoredRecord<K>> {
    return this.#json('GET', recordPath(scenarioId, kind, key), opts);
  }

  createRecord<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    record: RecordInput<K>,
    opts?: RequestOptions,
  ): Promise<StoredRecord<K>> {
    return this.#json('POST', collectionPath(scenarioId, kind), opts, record);
  }

  /** Applies a partial change; a stale `version` is refused with a 409 `ApiError` whose `current` is the record now. */
  updateRecord<K extends EntityKind>(
    scenarioId: string,
    kind: K,
    key: string,
    patch: RecordPatch<K>,
    opts?: RequestOptions,
  ): Promise<StoredRecord<K>> {
    return this.#json('PATCH', recordPath(scenarioId, kind, key), opts, patch);
  }

  async deleteRecord(
    scenarioId: string,
    kind: EntityKind,
    key: string,
    version: number,
    opts?: RequestOptions,
  ): Promise<void> {
    await this.#send('DELETE', `${recordPath(scenarioId, kind, key)}?version=${version}`, undefined, opts);
  }

  async #json<T>(method: Method, path: string, opts: RequestOptions | undefined, body?: unknown): Promise<T> {
    const res = await this.#send(method, path, body, opts);
    try {
      return (await res.json()) as T;
    } catch {
      throw new ApiError(res.status, 'http', `The server sent an unreadable response to ${method} ${path}.`);
    }
  }

  async #send(
    method: Method,
    path: string,
    body: unknown,
    opts: RequestOptions | undefined,
  ): Promise<Response> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await this.#fetch(this.#baseUrl + path, {
        method,
        headers,
        body: body === undefined ? null : JSON.stringify(body),
        signal: opts?.signal ?? null,
      });
    } catch (e) {
      // A cancelled request is not a failure the user needs to see: let callers recognise it.
      if (isAbort(e)) throw e;
      throw new ApiError(
        0,
        'network',
        'Could not reach the Coalition Planner server. Check the connection and try again.',
      );
    }
    if (!res.ok) throw await toApiError(res);
    return res;
  }
}

/** Reads the API's `{ error: { code, message, issues?, current? } }` body, or describes the bare status. */
async function toApiError(res: Response): Promise<ApiError> {
  let payload: unknown;
  try {
    payload = await res.json();
  } catch {
    payload = undefined;
  }
  const error = isObject(payload) && isObject(payload.error) ? payload.error : undefined;
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const issues = Array.isArray(error.issues) ? error.issues.filter(isIssue) : [];
    return new ApiError(res.status, error.code, error.message, issues, error.current);
  }
  const reason = res.statusText ? ` ${res.statusText}` : '';
  return new ApiError(res.status, 'http', `The server answered HTTP ${res.status}${reason}.`);
}

function scenarioPath(id: string): string {
  return `/api/scenarios/${encodeURIComponent(id)}`;
}

function collectionPath(scenarioId: string, kind: EntityKind): string {
  return `${scenarioPath(scenarioId)}/${ENTITY_PATH[kind]}`;
}

function recordPath(scenarioId: string, kind: EntityKind, key: string): string {
  return `${collectionPath(scenarioId, kind)}/${encodeURIComponent(key)}`;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null;
}

function isIssue(v: unknown): v is ApiIssue {
  return isObject(v) && typeof v.path === 'string' && typeof v.message === 'string';
}

export function isAbort(e: unknown): boolean {
  return isObject(e) && e.name === 'AbortError';
}
