// A running server, over HTTP through the typed client the web UI uses (src/contract/api-client.ts),
// with a bearer token: a user's session token (COALITION_TOKEN), or the operator credential of a
// server holding the local data directory, sent with the name of the operating-system user so that
// the audit log names `cli:<user>` as it does for a command that opens the store itself.
//
// The API's errors come back as the DomainErrors the in-process services throw (same code, message,
// field issues, Retry-After), so commands report them the same way either way.
import type { BriefRequest } from '../contract/brief.ts';
import type { AnalysisAnswer, AnalysisArgs, AnalysisKind } from '../contract/analyses/index.ts';
import { ApiClient, ApiError, type AnalysisQueries } from '../contract/api-client.ts';
import type { CompareArgs, DecisionRequest } from '../contract/compare.ts';
import { DomainError, type ErrorCode } from '../domain/errors.ts';
import type { EntityKind } from '../domain/records.ts';
import type { SearchQuery } from '../domain/search.ts';
import type { RestoreReport } from '../app/backup-service.ts';
import type { PlanEnvelope } from '../app/deployment-service.ts';
import type { UserView } from '../app/user-service.ts';
import { OPERATOR_USER_HEADER } from '../server/auth.ts';
import type {
  Backend,
  ImportOptions,
  LineOfContactRequest,
  NewUser,
  PromoteRequest,
  UserChange,
} from './backend.ts';
import { CliError } from './errors.ts';

export interface HttpBackendOptions {
  url: string;
  token: string;
  /** Set when `token` is the operator credential of a server on this machine. */
  operator?: { osUser: string | undefined } | undefined;
  fetch?: typeof fetch;
}

export function httpBackend(options: HttpBackendOptions): Backend {
  return new HttpBackend(options);
}

const ERROR_CODES: ReadonlySet<string> = new Set<ErrorCode>([
  'invalid',
  'unauthenticated',
  'forbidden',
  'not_found',
  'rate_limited',
  'conflict',
  'too_large',
  'unavailable',
]);

class HttpBackend implements Backend {
  readonly where: string;
  private readonly client: ApiClient;

  constructor(private readonly options: HttpBackendOptions) {
    this.where = options.url;
    const osUser = options.operator?.osUser;
    this.client = new ApiClient({
      baseUrl: options.url,
      token: options.token,
      ...(osUser !== undefined && { headers: { [OPERATOR_USER_HEADER]: osUser } }),
      ...(options.fetch && { fetch: options.fetch }),
    });
  }

  listScenarios() {
    return this.call((c) => c.listScenarios());
  }

  importDocument(document: unknown, options: ImportOptions) {
    return this.call(async (c) => {
      const id = options.id ?? documentId(document);
      if (options.replace && id !== undefined) {
        const existing = await c.getScenario(id).catch((e: unknown) => {
          if (e instanceof ApiError && e.status === 404) return undefined;
          throw e;
        });
        if (existing) await c.deleteScenario(id, existing.version);
      }
      return c.importScenario(document, { id: options.id, name: options.name });
    });
  }

  branchScenario(scenarioId: string, request: unknown) {
    return this.call((c) => c.branchScenario(scenarioId, request as never));
  }

  restoreBackup(backup: unknown, options: { replace: boolean }) {
    return this.call((c) => c.restoreBackup(backup, options) as Promise<RestoreReport>);
  }

  exportDocument(scenarioId: string) {
    return this.call(async (c) => JSON.parse(await c.exportScenario(scenarioId, 'json')) as unknown);
  }

  exportAll(options: { includeUsers: boolean }) {
    return this.call((c) => c.downloadBackup(options.includeUsers));
  }

  csv(scenarioId: string, kind: EntityKind) {
    return this.call((c) => c.csvText(scenarioId, kind));
  }

  search(scenarioId: string, query: SearchQuery) {
    return this.call((c) =>
      c.searchScenario(scenarioId, { q: query.text, kinds: query.kinds, limit: query.limit }),
    );
  }

  analysis<K extends AnalysisKind>(kind: K, scenarioId: string, args: AnalysisArgs<K>) {
    // The arguments were parsed by the contract's schema, which the server applies again; the
    // answer is the contract's envelope, whatever the client's own names for its types.
    return this.call(
      (c) =>
        c.getAnalysis(scenarioId, kind, args as unknown as AnalysisQueries[K]) as unknown as Promise<
          AnalysisAnswer<K>
        >,
    );
  }

  plan(
    scenarioId: string,
    query: {
      today?: number | undefined;
      reference?: boolean | undefined;
      boundSeconds?: number | undefined;
    },
  ) {
    return this.call((c) => c.deploymentPlan(scenarioId, query) as unknown as Promise<PlanEnvelope>);
  }

  brief(scenarioId: string, request: BriefRequest) {
    return this.call((c) => c.createBrief(scenarioId, request));
  }

  briefFile(scenarioId: string, audience: string, version: number, format: 'pdf' | 'html') {
    return this.call((c) => c.briefFile(scenarioId, audience, version, format));
  }

  compare(baselineId: string, args: CompareArgs) {
    // Parsed by the contract's schema, whose output it takes again (criteria go as their text).
    return this.call((c) => c.compare(baselineId, args));
  }

  decide(baselineId: string, request: DecisionRequest) {
    return this.call((c) => c.decide(baselineId, request));
  }

  decisions(baselineId: string) {
    return this.call((c) => c.decisions(baselineId));
  }

  checkDecision(baselineId: string, decisionId: string) {
    return this.call((c) => c.checkDecision(baselineId, decisionId));
  }

  promoteVariant(variantId: string, request: PromoteRequest) {
    return this.call((c) => c.promoteVariant(variantId, request));
  }

  putLineOfContact(scenarioId: string, request: LineOfContactRequest, version: number | undefined) {
    return this.call(async (c) => {
      // No version given from a shell: the latest, as `users set` takes it.
      const base = version ?? (await c.getScenario(scenarioId)).version;
      return c.putLineOfContact(scenarioId, { ...request, version: base } as never);
    });
  }

  forceListCsv(scenarioId: string) {
    return this.call(async (c) => {
      const { text, etag } = await c.forceListCsv(scenarioId);
      // The tag as the in-process service gives it, which is what --if-match takes back.
      return { text, tag: etag.replace(/^W\//, '').replace(/^"|"$/g, '') };
    });
  }

  importForceListCsv(scenarioId: string, text: string, ifMatch: string | undefined) {
    return this.call((c) => c.importForceListCsv(scenarioId, text, ifMatch));
  }

  generateForceList(scenarioId: string, options: { replace: boolean }) {
    return this.call((c) => c.generateForceList(scenarioId, options));
  }

  listUsers() {
    return this.call((c) => c.listUsers() as Promise<UserView[]>);
  }

  addUser(user: NewUser) {
    return this.call(async (c) => {
      // The API takes a password; like the in-process service, make a one-time one when none is
      // given, which the user must replace at first sign-in.
      const generated =
        user.password === undefined
          ? (await import('../app/passwords.ts')).generateOnetimePassword()
          : undefined;
      const created = await c.createUser({
        id: user.id,
        displayName: user.displayName ?? user.id,
        role: user.role,
        nation: user.nation,
        password: user.password ?? generated!,
        mustChangePassword: generated !== undefined,
      });
      return { user: created as UserView, password: generated };
    });
  }

  disableUser(id: string) {
    return this.call(async (c) => {
      // No version to send from a shell: the latest, as the in-process command does.
      const current = await c.getUser(id);
      await c.updateUser(id, { version: current.version, disabled: true });
    });
  }

  updateUser(id: string, change: UserChange) {
    return this.call(async (c) => {
      const { version, role, nation, displayName } = change;
      // No version given from a shell: the latest, as `disable` takes it.
      const base = version ?? (await c.getUser(id)).version;
      return (await c.updateUser(id, {
        version: base,
        ...(role !== undefined && { role }),
        ...(nation !== undefined && { nation }),
        ...(displayName !== undefined && { displayName }),
      })) as UserView;
    });
  }

  resetPassword(id: string) {
    return this.call((c) => c.resetPassword(id));
  }

  async close() {}

  private async call<T>(fn: (client: ApiClient) => Promise<T>): Promise<T> {
    try {
      return await fn(this.client);
    } catch (e) {
      throw this.translate(e);
    }
  }

  private translate(e: unknown): unknown {
    if (!(e instanceof ApiError)) return e;
    if (e.status === 0) {
      return new CliError(`cannot reach the server at ${this.options.url}: is it running?`);
    }
    if (!ERROR_CODES.has(e.code)) return new CliError(`the server at ${this.options.url}: ${e.message}`);
    let message = e.message;
    if (e.code === 'unauthenticated' && this.options.operator === undefined) {
      message += ' (COALITION_TOKEN must be a current session token from POST /api/auth/login)';
    }
    return new DomainError(e.code as ErrorCode, message, e.issues, {
      ...(e.current !== undefined && { current: e.current }),
      ...(e.retryAfterSeconds !== undefined && { retryAfter: e.retryAfterSeconds }),
    });
  }
}

function documentId(document: unknown): string | undefined {
  const id =
    typeof document === 'object' && document !== null ? (document as { id?: unknown }).id : undefined;
  return typeof id === 'string' ? id : undefined;
}
