// What a CLI command asks of the installation, whichever way it reaches it: the store opened in this
// process (local-backend.ts), or a running server over HTTP (http-backend.ts). Commands print the
// answers and never know which one they had, so every command prints the same either way.
// connect.ts chooses. Types only: nothing here is loaded at run time.
import type { AnalysisAnswer, AnalysisArgs, AnalysisKind } from '../contract/analyses/index.ts';
import type {
  CompareArgs,
  CompareEnvelope,
  DecisionCheck,
  DecisionRecord,
  DecisionRequest,
} from '../contract/compare.ts';
import type { z } from 'zod';
import type { RestoreReport } from '../app/backup-service.ts';
import type { Brief, BriefRequest } from '../contract/brief.ts';
import type { promoteRequestSchema } from '../app/compare-service.ts';
import type { PlanEnvelope } from '../app/deployment-service.ts';
import type { UserView } from '../app/user-service.ts';
import type { lineOfContactRequestDocSchema } from '../domain/line-of-contact-import.ts';
import type { EntityKind, ScenarioSummary, StoredScenario } from '../domain/records.ts';
import type { SearchQuery, SearchResult } from '../domain/search.ts';
import type { Role } from '../domain/access.ts';

/** What `promote` sends: the parent's current content version, to promote over its changes. */
export type PromoteRequest = z.input<typeof promoteRequestSchema>;

/** What `line-of-contact` sends: the line's GeoJSON, date and source or assumption. */
export type LineOfContactRequest = Omit<
  z.input<typeof lineOfContactRequestDocSchema>,
  'version' | 'geojson'
> & {
  /** The file's GeoJSON as it was read, checked by the service. */
  geojson: unknown;
};

export interface ImportOptions {
  id?: string | undefined;
  name?: string | undefined;
  /** Delete a scenario with the same id first. */
  replace?: boolean | undefined;
}

export interface NewUser {
  id: string;
  role: Role;
  nation?: string | undefined;
  displayName?: string | undefined;
  /** Unset: a generated one-time password, returned. */
  password?: string | undefined;
}

/** A change to a user's account: the fields given replace the stored ones. */
export interface UserChange {
  role?: Role | undefined;
  /** null: no nation (staff, or an observer of no nation). */
  nation?: string | null | undefined;
  displayName?: string | undefined;
  /** The version the change is based on (a stale one is refused with 409); unset: the latest. */
  version?: number | undefined;
}

export interface Backend {
  /** Where the commands act, for messages: the data directory, the database or the server's URL. */
  readonly where: string;

  listScenarios(): Promise<ScenarioSummary[]>;
  importDocument(document: unknown, options: ImportOptions): Promise<ScenarioSummary>;
  /** Branches a variant (see src/domain/variants.ts): the request as the API takes it. */
  branchScenario(scenarioId: string, request: unknown): Promise<ScenarioSummary>;
  restoreBackup(backup: unknown, options: { replace: boolean }): Promise<RestoreReport>;
  /** The scenario document as the caller may see it. */
  exportDocument(scenarioId: string): Promise<unknown>;
  exportAll(options: { includeUsers: boolean }): Promise<unknown>;
  csv(scenarioId: string, kind: EntityKind): Promise<string>;
  search(scenarioId: string, query: SearchQuery): Promise<SearchResult>;

  /** `onProgress` hears of a Monte Carlo's draws, when the work runs in this process. */
  analysis<K extends AnalysisKind>(
    kind: K,
    scenarioId: string,
    args: AnalysisArgs<K>,
    onProgress?: (done: number, total: number) => void,
  ): Promise<AnalysisAnswer<K>>;
  /** `onStage` hears of the plan's stages, when the work runs in this process. */
  plan(
    scenarioId: string,
    query: {
      today?: number | undefined;
      reference?: boolean | undefined;
      boundSeconds?: number | undefined;
    },
    onStage?: (stage: number, total: number, what: string) => void,
  ): Promise<PlanEnvelope>;

  /** Makes a briefing pack (POST …/briefs); `onProgress` hears of its stages when made in this process. */
  brief(
    scenarioId: string,
    request: BriefRequest,
    onProgress?: (done: number, total: number) => void,
  ): Promise<Brief>;
  /** A kept pack as PDF bytes or HTML text. */
  briefFile(
    scenarioId: string,
    audience: string,
    version: number,
    format: 'pdf' | 'html',
  ): Promise<Uint8Array | string>;

  /** The baseline compared with its variants (GET …/compare): the arguments as the schema parsed them. */
  compare(baselineId: string, args: CompareArgs): Promise<CompareEnvelope>;
  /** Records the course of action chosen (coalition staff). */
  decide(baselineId: string, request: DecisionRequest): Promise<DecisionRecord>;
  /** The decision records of a baseline, newest first. */
  decisions(baselineId: string): Promise<DecisionRecord[]>;
  /** Reopens a decision: the same figures recomputed, or the inputs changed since. */
  checkDecision(baselineId: string, decisionId: string): Promise<DecisionCheck>;
  /** Makes a variant's inputs its parent's; the parent's summary after. */
  promoteVariant(variantId: string, request: PromoteRequest): Promise<ScenarioSummary>;

  /**
   * Stores a line of contact from GeoJSON (PUT …/line-of-contact: the request without its version),
   * based on `version` of the scenario (a stale one is refused with 409); unset: the latest.
   */
  putLineOfContact(
    scenarioId: string,
    request: LineOfContactRequest,
    version: number | undefined,
  ): Promise<StoredScenario>;

  /** The force list as CSV with the tag an import names to replace it (`<n>-<hex>`, unquoted). */
  forceListCsv(scenarioId: string): Promise<{ text: string; tag: string }>;
  importForceListCsv(
    scenarioId: string,
    text: string,
    ifMatch: string | undefined,
  ): Promise<{ imported: number }>;
  generateForceList(scenarioId: string, options: { replace: boolean }): Promise<{ imported: number }>;

  listUsers(): Promise<UserView[]>;
  addUser(user: NewUser): Promise<{ user: UserView; password?: string | undefined }>;
  disableUser(id: string): Promise<void>;
  updateUser(id: string, change: UserChange): Promise<UserView>;
  resetPassword(id: string): Promise<{ password: string }>;

  close(): Promise<void>;
}
