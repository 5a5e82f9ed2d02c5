// The typed client for the Coalition Planner HTTP API: the only module of the web UI that talks HTTP.
// Pages ask it for domain values and get either those values or an `ApiError` carrying the API's
// error code, message and field issues, so no page parses responses or status codes itself.
//
// Sign-in uses the API's HttpOnly session cookie: the client sends it with every request and never
// sees or keeps the token (nothing in localStorage for a script to steal). A 401 from any request
// but the sign-in itself means the session is gone; the client tells its listeners, and the app
// sends the user to the sign-in page.
import type { z } from 'zod';
import type { Role } from '../domain/access.ts';
import { ENTITY_PATH } from '../domain/entity-paths.ts';
import type { ForceTotals, NationOverview } from '../domain/overview.ts';
import type {
  AuditAction,
  AuditEntry,
  ENTITY_SCHEMAS,
  EntityKind,
  EntityTypes,
  ScenarioSummary,
  Stored,
  StoredScenario,
  scenarioHeaderPatchSchema,
} from '../domain/records.ts';
import type { Brief, BriefRequest, BriefSummaryWire } from './brief.ts';
import type { lineOfContactRequestDocSchema } from '../domain/line-of-contact-import.ts';
import type { ScenarioDocumentInput } from '../domain/scenario-schema.ts';
import type { SearchHit, SearchResult } from '../domain/search.ts';
import type { AnalysisAnswer, AnalysisKind, AnalysisQuery } from './analyses/index.ts';
import type { PlanEnvelope, PlanQuery } from './plan.ts';
import type {
  CoaCriterion,
  CompareEnvelope,
  CompareQuery,
  DecisionCheck,
  DecisionRecord,
  DecisionRequest,
} from './compare.ts';
import type { UserView } from './users.ts';

export interface ScenarioOverview {
  scenario: ScenarioSummary;
  totals: ForceTotals;
  nations: NationOverview[];
  /** True unless the signed-in user is coalition staff: the figures cover what it is shown. */
  partial?: boolean;
}

export type { UserView };

/** What a successful sign-in gives the UI. The API also returns the token; the client drops it. */
export interface SignIn {
  expiresAt: string;
  user: UserView;
}

export interface NewUserInput {
  id: string;
  displayName: string;
  role: Role;
  nation?: string | undefined;
  password: string;
  /** Default true: the user must replace the password the administrator chose. */
  mustChangePassword?: boolean | undefined;
}

export interface UserPatchInput {
  /** The version the change was based on; a stale one is refused with a 409. */
  version: number;
  displayName?: string;
  role?: Role;
  nation?: string | null;
  disabled?: boolean;
}

/** Filters of the audit log; empty values are left out of the query. */
export interface AuditQuery {
  scenario?: string | undefined;
  entity?: AuditEntry['entity'] | undefined;
  key?: string | undefined;
  nation?: string | undefined;
  actor?: string | undefined;
  action?: AuditAction | undefined;
  /** Newest first, at most this many. */
  limit?: number | undefined;
  /** Only entries with an id below this one: the next page back. */
  before?: number | undefined;
}

/** What restoring a backup did (`POST /api/backup`). */
export interface RestoreReport {
  /** Every scenario of the backup, now in this installation; `replaced` when one with its id was here. */
  scenarios: { id: string; name: string; replaced: boolean }[];
  /** Accounts created from the backup, each with its one-time password: shown once, never again. */
  users: { user: UserView; password: string }[];
  /** User names in the backup that already had an account here: left as they are. */
  keptUsers: string[];
}

export interface RestoreOptions {
  /** Replace scenarios that already exist; without it the API refuses the restore (409) and writes nothing. */
  replace: boolean;
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
  /** On a 429, how many seconds to wait (the Retry-After header), when the server said. */
  readonly retryAfterSeconds: number | undefined;

  constructor(
    status: number,
    code: ApiErrorCode,
    message: string,
    issues: ApiIssue[] = [],
    current?: unknown,
    retryAfterSeconds?: number,
  ) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.issues = issues;
    this.current = current;
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

/**
 * Any failure as an ApiError: an ApiError as it is, anything else (a network failure, a bug) as a
 * `client` error with its message, so a page shows every failure the same way.
 */
export function asApiError(e: unknown): ApiError {
  return e instanceof ApiError ? e : new ApiError(0, 'client', e instanceof Error ? e.message : String(e));
}

/** Called when a request is refused because nobody (or nobody any longer) is signed in. */
export type UnauthenticatedListener = (error: ApiError) => void;

/** A record as a client writes it: defaults may be left out, brands are plain strings and numbers. */
export type RecordInput<K extends EntityKind> = z.input<(typeof ENTITY_SCHEMAS)[K]>;
/** A partial update: only the changed fields, plus the version the change was based on. */
export type RecordPatch<K extends EntityKind> = Partial<RecordInput<K>> & { version: number };
export type StoredRecord<K extends EntityKind> = Stored<EntityTypes[K]>;

export type ExportFormat = 'json' | 'yaml';

export type { SearchHit, SearchResult };

/** A search of one scenario's records; only those releasable to the signed-in user are searched. */
export interface SearchRequest {
  /** The text to find: 1-200 characters, case-insensitive, taken literally. */
  q: string;
  /** Only these kinds (default: every kind). */
  kinds?: readonly EntityKind[] | undefined;
  /** At most this many hits (the API's default is 50, its maximum 200). */
  limit?: number | undefined;
}

export interface RequestOptions {
  signal?: AbortSignal | undefined;
}

// ---- Analyses and the deployment plan: the contract's types, as the pages read them ----

export type {
  AnalysisAnswer,
  AnalysisDashboard,
  AnalysisKind,
  AnalysisParameters,
  AnalysisQueries,
  AnalysisQuery,
  AnalysisResults,
  FillParameters,
  PersonnelBasis,
} from './analyses/index.ts';
export type {
  PlanArc,
  PlanBottleneck,
  PlanEnvelope,
  PlanLeg,
  PlanNode,
  PlanQuery,
  PlanReport,
  PlanUln,
  ReferenceSummary,
} from './plan.ts';
import type { branchRequestSchema } from '../domain/variants.ts';

export interface ApiClientOptions {
  /** Origin (and optional path prefix) of the API; empty means the page's own origin. */
  baseUrl?: string;
  fetch?: typeof fetch;
  /**
   * A bearer token sent with every request, for clients without the browser's cookie (the CLI:
   * a session token from sign-in, or the operator credential of a server on the same machine).
   */
  token?: string | undefined;
  /** Headers sent with every request. */
  headers?: Record<string, string> | undefined;
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A request body sent as it is (a CSV file) rather than as JSON. */
class TextBody {
  constructor(
    readonly text: string,
    readonly contentType: string,
  ) {}
}

interface SendOptions extends RequestOptions {
  /**
   * False for requests whose 401 is an answer rather than a lost session: wrong credentials at
   * sign-in, a wrong current password, signing out of a session that has already ended.
   */
  reportUnauthenticated?: boolean;
  /** Extra request headers (If-Match). */
  headers?: Record<string, string>;
}

export class ApiClient {
  readonly #baseUrl: string;
  readonly #fetch: typeof fetch;
  readonly #headers: Record<string, string>;
  readonly #unauthenticated = new Set<UnauthenticatedListener>();

  constructor(options: ApiClientOptions = {}) {
    this.#baseUrl = (options.baseUrl ?? '').replace(/\/+$/, '');
    // Bound so that the browser's fetch is not called with the client as `this`.
    this.#fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#headers = {
      ...options.headers,
      ...(options.token !== undefined && { authorization: `Bearer ${options.token}` }),
    };
  }

  /** Registers a listener for 401 answers; returns the function that removes it. */
  onUnauthenticated(listener: UnauthenticatedListener): () => void {
    this.#unauthenticated.add(listener);
    return () => this.#unauthenticated.delete(listener);
  }

  // ---- Sign-in ----

  /** Signs in; the session cookie is set by the response. A wrong password is a 401 `ApiError`. */
  async signIn(username: string, password: string, opts?: RequestOptions): Promise<SignIn> {
    const res = await this.#json<SignIn & { token?: string }>(
      'POST',
      '/api/auth/login',
      { ...opts, reportUnauthenticated: false },
      { username, password },
    );
    // The cookie carries the session; the token is not kept anywhere a script could read it later.
    return { expiresAt: res.expiresAt, user: res.user };
  }

  /** Ends the session. Succeeds when it had already ended: the user is signed out either way. */
  async signOut(opts?: RequestOptions): Promise<void> {
    try {
      await this.#send('POST', '/api/auth/logout', undefined, { ...opts, reportUnauthenticated: false });
    } catch (e) {
      if (!(e instanceof ApiError && e.status === 401)) throw e;
    }
  }

  /** The signed-in user; a 401 when nobody is. */
  me(opts?: RequestOptions): Promise<UserView> {
    return this.#json('GET', '/api/auth/me', opts);
  }

  /**
   * Sets a new password for the signed-in user. A wrong current password is refused without
   * reporting a lost session, so the form can say so next to the field.
   */
  async changePassword(currentPassword: string, newPassword: string, opts?: RequestOptions): Promise<void> {
    await this.#send(
      'POST',
      '/api/auth/password',
      { currentPassword, newPassword },
      { ...opts, reportUnauthenticated: false },
    );
  }

  // ---- Users (administrators only) ----

  listUsers(opts?: RequestOptions): Promise<UserView[]> {
    return this.#json<{ items: UserView[] }>('GET', '/api/users', opts).then((r) => r.items);
  }

  getUser(id: string, opts?: RequestOptions): Promise<UserView> {
    return this.#json('GET', userPath(id), opts);
  }

  createUser(user: NewUserInput, opts?: RequestOptions): Promise<UserView> {
    return this.#json('POST', '/api/users', opts, user);
  }

  /** A stale `version` is refused with a 409 `ApiError` whose `current` is the user now. */
  updateUser(id: string, patch: UserPatchInput, opts?: RequestOptions): Promise<UserView> {
    return this.#json('PATCH', userPath(id), opts, patch);
  }

  /** Sets a new one-time password (generated by the server when none is given) and returns it. */
  resetPassword(id: string, password?: string, opts?: RequestOptions): Promise<{ password: string }> {
    return this.#json('POST', `${userPath(id)}/password`, opts, password === undefined ? {} : { password });
  }

  // ---- Backup and restore (administrators only) ----

  /**
   * Where to download a backup of every scenario, with the user accounts (never a password or its
   * hash) when `includeUsers`. A link rather than a request, as for CSV: the browser saves the file
   * itself (the API names it) and sends the session cookie with it.
   */
  backupUrl(includeUsers: boolean): string {
    return `${this.#baseUrl}/api/backup?includeUsers=${includeUsers ? 'true' : 'false'}`;
  }

  /**
   * Restores a backup file's parsed contents: every scenario in one transaction, and accounts that
   * do not exist yet with one-time passwords. The API checks the whole file before writing anything:
   * a bad document is a 400 `ApiError` whose issues name it (`scenarios[1].offers[0].nation`), and a
   * scenario that exists here without `replace` is a 409 naming the scenarios.
   */
  restoreBackup(backup: unknown, options: RestoreOptions, opts?: RequestOptions): Promise<RestoreReport> {
    return this.#json('POST', `/api/backup?replace=${options.replace ? 'true' : 'false'}`, opts, backup);
  }

  // ---- Audit log (planners and administrators) ----

  /** Entries newest first. */
  listAudit(query: AuditQuery = {}, opts?: RequestOptions): Promise<AuditEntry[]> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value !== undefined && value !== '') params.set(name, String(value));
    }
    const qs = params.toString();
    return this.#json<{ items: AuditEntry[] }>('GET', `/api/audit${qs ? `?${qs}` : ''}`, opts).then(
      (r) => r.items,
    );
  }

  // ---- Scenarios and records ----

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

  /** Records of the scenario whose text contains `q`, best match first. */
  searchScenario(scenarioId: string, request: SearchRequest, opts?: RequestOptions): Promise<SearchResult> {
    const params = new URLSearchParams({ q: request.q });
    if (request.kinds && request.kinds.length > 0) params.set('kinds', request.kinds.join(','));
    if (request.limit !== undefined) params.set('limit', String(request.limit));
    return this.#json('GET', `${scenarioPath(scenarioId)}/search?${params.toString()}`, opts);
  }

  /**
   * Where to download one kind of record as CSV. A link rather than a request: the browser saves
   * the file itself and sends the session cookie with it, so the same access rules apply.
   */
  csvUrl(scenarioId: string, kind: EntityKind, nation?: string): string {
    const query = nation ? `?nation=${encodeURIComponent(nation)}` : '';
    return `${this.#baseUrl}${collectionPath(scenarioId, kind)}.csv${query}`;
  }

  createScenario(document: ScenarioDocumentInput, opts?: RequestOptions): Promise<ScenarioSummary> {
    return this.#json('POST', '/api/scenarios', opts, document);
  }

  /**
   * Changes the scenario header (name, description, as-of date, mission, assumptions, deployment,
   * theatre, escalation ladder; `null` removes a section);
   * a stale `version` is refused with a 409 `ApiError` whose `current` is the header now.
   */
  updateScenario(
    id: string,
    patch: z.input<typeof scenarioHeaderPatchSchema> & { version: number },
    opts?: RequestOptions,
  ): Promise<StoredScenario> {
    return this.#json('PATCH', scenarioPath(id), opts, patch);
  }

  /**
   * Imports a line of contact from GeoJSON as the scenario's (the theatre's zones and bands kept):
   * `geojson` is a LineString or MultiLineString, a Feature or a FeatureCollection. A stale `version`
   * is refused with a 409 `ApiError` whose `current` is the header now.
   */
  putLineOfContact(
    id: string,
    request: z.input<typeof lineOfContactRequestDocSchema>,
    opts?: RequestOptions,
  ): Promise<StoredScenario> {
    return this.#json('PUT', `${scenarioPath(id)}/line-of-contact`, opts, request);
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

  // ---- Analyses ----

  /**
   * One analysis of a scenario, computed over the records the signed-in user may see (`partial`
   * is true unless you are coalition staff). Parameters left undefined take the API's defaults.
   */
  getAnalysis<K extends AnalysisKind>(
    scenarioId: string,
    kind: K,
    params?: AnalysisQuery<K>,
    opts?: RequestOptions,
  ): Promise<AnalysisAnswer<K>> {
    const query = new URLSearchParams();
    for (const [name, value] of Object.entries(params ?? {})) {
      if (value === undefined || value === null) continue;
      if (Array.isArray(value)) {
        if (value.length > 0) query.set(name, value.join(','));
      } else {
        query.set(name, String(value));
      }
    }
    const qs = query.toString();
    const path = `${scenarioPath(scenarioId)}/analysis${kind === 'dashboard' ? '' : `/${kind}`}`;
    return this.#json('GET', qs ? `${path}?${qs}` : path, opts);
  }

  // ---- Deployment ----

  /**
   * The scenario's deployment plan over the records the signed-in user may see. A scenario without a
   * transport network, or without a force list and the settings to generate one, is a 400 whose
   * issues say what is missing.
   */
  deploymentPlan(scenarioId: string, query: PlanQuery = {}, opts?: RequestOptions): Promise<PlanEnvelope> {
    const params = new URLSearchParams();
    if (query.today !== undefined) params.set('today', String(query.today));
    if (query.reference !== undefined) params.set('reference', String(query.reference));
    if (query.boundSeconds !== undefined) params.set('boundSeconds', String(query.boundSeconds));
    const qs = params.toString();
    return this.#json('GET', `${scenarioPath(scenarioId)}/deployment/plan${qs ? `?${qs}` : ''}`, opts);
  }

  /**
   * Replaces the stored force list with a CSV file's ULNs (the columns of `csvUrl(id, 'ulns')`). All
   * or nothing: one bad cell and nothing is imported, with every bad cell an issue (`line 3, column EAD`).
   */
  importForceListCsv(
    scenarioId: string,
    text: string,
    ifMatch: string | undefined,
    opts?: RequestOptions,
  ): Promise<{ imported: number }> {
    return this.#json(
      'PUT',
      `${scenarioPath(scenarioId)}/force-list.csv`,
      // Without If-Match the API refuses to replace a stored list (and says so): only a first import may omit it.
      { ...opts, ...(ifMatch !== undefined && { headers: { 'if-match': ifMatch } }) },
      new TextBody(text, 'text/csv'),
    );
  }

  /**
   * The tag (ETag) of the stored force list as it is now: an import sends it back, so that it is
   * refused if the list changed in between rather than undoing someone's edit.
   */
  async forceListTag(scenarioId: string, opts?: RequestOptions): Promise<string> {
    const res = await this.#send('GET', `${scenarioPath(scenarioId)}/force-list.csv`, undefined, opts);
    const tag = res.headers.get('etag');
    if (!tag) throw new ApiError(res.status, 'http', 'The server sent the force list without its tag.');
    return tag;
  }

  /**
   * Generates the force list from the force-generation fill and stores it. A stored list is replaced
   * only with `replace`; otherwise the API refuses with a 409.
   */
  generateForceList(
    scenarioId: string,
    options: { replace: boolean },
    opts?: RequestOptions,
  ): Promise<{ imported: number }> {
    return this.#json('POST', `${scenarioPath(scenarioId)}/deployment/force-list`, opts, {
      replace: options.replace,
    });
  }

  /**
   * Branches a variant of a scenario: stored under `request.id`, with the what-ifs made in order
   * (see `branchRequestSchema`). A what-if naming what the scenario lacks is a 400 at its field.
   */
  branchScenario(
    scenarioId: string,
    request: z.input<typeof branchRequestSchema>,
    opts?: RequestOptions,
  ): Promise<ScenarioSummary> {
    return this.#json('POST', `${scenarioPath(scenarioId)}/branch`, opts, request);
  }

  // ---- Courses of action ----

  /**
   * The baseline compared with its variants: every figure with its delta and drivers, the charts,
   * the input diffs and the COA matrix. Criteria as the API takes them (`figure:weight:benchmark`).
   */
  compare(scenarioId: string, query: CompareQuery, opts?: RequestOptions): Promise<CompareEnvelope> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined || value === null) continue;
      if (name === 'criteria' && Array.isArray(value)) {
        params.set(name, (value as CoaCriterion[]).map(criterionText).join(','));
      } else if (Array.isArray(value)) {
        if (value.length > 0) params.set(name, value.join(','));
      } else {
        params.set(name, String(value));
      }
    }
    return this.#json('GET', `${scenarioPath(scenarioId)}/compare?${params.toString()}`, opts);
  }

  /** Records the course of action chosen (coalition staff). */
  decide(scenarioId: string, request: DecisionRequest, opts?: RequestOptions): Promise<DecisionRecord> {
    return this.#json('POST', `${scenarioPath(scenarioId)}/decisions`, opts, request);
  }

  /** The decision records of a baseline, newest first (coalition staff). */
  decisions(scenarioId: string, opts?: RequestOptions): Promise<DecisionRecord[]> {
    return this.#json<{ items: DecisionRecord[] }>('GET', `${scenarioPath(scenarioId)}/decisions`, opts).then(
      (r) => r.items,
    );
  }

  /** Reopens a decision: the same figures recomputed, or the inputs changed since. */
  checkDecision(scenarioId: string, decisionId: string, opts?: RequestOptions): Promise<DecisionCheck> {
    return this.#json('GET', `${scenarioPath(scenarioId)}/decisions/${encodeURIComponent(decisionId)}`, opts);
  }

  /**
   * Promotes a variant to baseline: its inputs become its parent's. A parent whose inputs changed
   * since the branch is a 409 (its `current.contentVersion` says where the parent is now) unless
   * `parentContentVersion` names that content version.
   */
  promoteVariant(
    variantId: string,
    request: { parentContentVersion?: number } = {},
    opts?: RequestOptions,
  ): Promise<ScenarioSummary> {
    return this.#json('POST', `${scenarioPath(variantId)}/promote`, opts, request);
  }

  // ---- Files, for clients that save them themselves (the CLI) rather than through a link ----

  /**
   * Imports a scenario document (its parsed contents), under another id or name when given. An id
   * that exists is a 409 `ApiError`; a bad document is a 400 whose issues name the fields.
   */
  importScenario(
    document: unknown,
    options: { id?: string | undefined; name?: string | undefined } = {},
    opts?: RequestOptions,
  ): Promise<ScenarioSummary> {
    const params = new URLSearchParams();
    if (options.id !== undefined) params.set('id', options.id);
    if (options.name !== undefined) params.set('name', options.name);
    const qs = params.toString();
    return this.#json('POST', `/api/scenarios${qs ? `?${qs}` : ''}`, opts, document);
  }

  /** The records of one kind as CSV text (what `csvUrl` downloads). */
  async csvText(scenarioId: string, kind: EntityKind, opts?: RequestOptions): Promise<string> {
    const res = await this.#send('GET', `${collectionPath(scenarioId, kind)}.csv`, undefined, opts);
    return res.text();
  }

  /** A backup of every scenario (what `backupUrl` downloads), parsed. */
  downloadBackup(includeUsers: boolean, opts?: RequestOptions): Promise<unknown> {
    return this.#json('GET', `/api/backup?includeUsers=${includeUsers ? 'true' : 'false'}`, opts);
  }

  /** The stored force list as CSV text with its ETag (as sent, quoted), for `importForceListCsv`. */
  // ---- Briefing packs ----

  /** Makes the pack of the scenario for an audience: the next version of that audience's packs. */
  createBrief(scenarioId: string, request: BriefRequest, opts?: RequestOptions): Promise<Brief> {
    return this.#json('POST', `${scenarioPath(scenarioId)}/briefs`, opts, request);
  }

  /** The packs kept, of the audiences the caller may read, newest first. */
  listBriefs(scenarioId: string, opts?: RequestOptions): Promise<BriefSummaryWire[]> {
    return this.#json('GET', `${scenarioPath(scenarioId)}/briefs`, opts);
  }

  getBrief(scenarioId: string, audience: string, version: number, opts?: RequestOptions): Promise<Brief> {
    return this.#json('GET', briefPath(scenarioId, audience, version), opts);
  }

  /** Where a pack's PDF or HTML is (for a link or a frame), from the client's base URL. */
  briefFileUrl(
    scenarioId: string,
    audience: string,
    version: number,
    format: 'pdf' | 'html',
    download = false,
  ): string {
    return `${this.#baseUrl}${briefPath(scenarioId, audience, version)}/${format}${download ? '?download=1' : ''}`;
  }

  /** A pack's PDF bytes or HTML text. */
  async briefFile(
    scenarioId: string,
    audience: string,
    version: number,
    format: 'pdf' | 'html',
    opts?: RequestOptions,
  ): Promise<Uint8Array | string> {
    const res = await this.#send(
      'GET',
      `${briefPath(scenarioId, audience, version)}/${format}`,
      undefined,
      opts,
    );
    return format === 'pdf' ? new Uint8Array(await res.arrayBuffer()) : res.text();
  }

  async forceListCsv(scenarioId: string, opts?: RequestOptions): Promise<{ text: string; etag: string }> {
    const res = await this.#send('GET', `${scenarioPath(scenarioId)}/force-list.csv`, undefined, opts);
    const etag = res.headers.get('etag');
    if (!etag) throw new ApiError(res.status, 'http', 'The server sent the force list without its tag.');
    return { text: await res.text(), etag };
  }

  async #json<T>(method: Method, path: string, opts: SendOptions | undefined, body?: unknown): Promise<T> {
    const res = await this.#send(method, path, body, opts);
    try {
      return (await res.json()) as T;
    } catch {
      throw new ApiError(res.status, 'http', `The server sent an unreadable response to ${method} ${path}.`);
    }
  }

  async #send(method: Method, path: string, body: unknown, opts: SendOptions | undefined): Promise<Response> {
    const headers: Record<string, string> = {
      accept: 'application/json',
      ...this.#headers,
      ...opts?.headers,
    };
    if (body !== undefined) {
      headers['content-type'] = body instanceof TextBody ? body.contentType : 'application/json';
    }
    let res: Response;
    try {
      res = await this.#fetch(this.#baseUrl + path, {
        method,
        headers,
        body: body === undefined ? null : body instanceof TextBody ? body.text : JSON.stringify(body),
        signal: opts?.signal ?? null,
        // The session cookie goes with requests to this origin only (it is SameSite=Strict anyway).
        credentials: 'same-origin',
        // Never an answer from the browser's HTTP cache: after an edit, every page shows the data
        // (and the analyses computed from it) as they now stand.
        cache: 'no-store',
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
    if (!res.ok) {
      const error = await toApiError(res);
      if (res.status === 401 && opts?.reportUnauthenticated !== false) {
        for (const listener of [...this.#unauthenticated]) listener(error);
      }
      throw error;
    }
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
  const retryAfter = parseRetryAfter(res.headers.get('retry-after'));
  if (error && typeof error.code === 'string' && typeof error.message === 'string') {
    const issues = Array.isArray(error.issues) ? error.issues.filter(isIssue) : [];
    return new ApiError(res.status, error.code, error.message, issues, error.current, retryAfter);
  }
  // A flat body (`{ error: 'invalid', message, issues }` or `{ message, issues }`) says the same.
  if (isObject(payload) && typeof payload.message === 'string') {
    const issues = Array.isArray(payload.issues) ? payload.issues.filter(isIssue) : [];
    const code = typeof payload.error === 'string' ? payload.error : 'http';
    return new ApiError(res.status, code, payload.message, issues, undefined, retryAfter);
  }
  const reason = res.statusText ? ` ${res.statusText}` : '';
  return new ApiError(
    res.status,
    'http',
    `The server answered HTTP ${res.status}${reason}.`,
    [],
    undefined,
    retryAfter,
  );
}

/** Retry-After is either seconds or an HTTP date; either way the answer is seconds from now. */
export function parseRetryAfter(header: string | null, now = Date.now()): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\d+$/.test(header.trim())) return Number(header.trim());
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, Math.ceil((at - now) / 1000));
}

function userPath(id: string): string {
  return `/api/users/${encodeURIComponent(id)}`;
}

function briefPath(scenarioId: string, audience: string, version: number): string {
  return `${scenarioPath(scenarioId)}/briefs/${encodeURIComponent(audience)}/${version}`;
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

/** A criterion as the compare query writes it: `figure:weight` or `figure:weight:benchmark`. */
export function criterionText(c: CoaCriterion): string {
  return c.benchmark === null ? `${c.figure}:${c.weight}` : `${c.figure}:${c.weight}:${c.benchmark}`;
}
