// The composition root: opening the installation builds every application service once, over the
// store chosen by the configuration (PGlite data directory, or PostgreSQL when DATABASE_URL is set),
// with the shipped exchange rates, the analysis runner, the reference scenarios imported on first
// start, and the first administrator. `coalition serve` (src/server) and every CLI command that
// works on the local store use it and nothing else; local commands act as SYSTEM_PRINCIPAL, the
// machine's operator.
import { SYSTEM_PRINCIPAL } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { lockDataDir } from '../storage/data-dir-lock.ts';
import { openStore } from '../storage/open-store.ts';
import { cachedStore } from '../storage/read-cache.ts';
import type { Store } from '../storage/store.ts';
import { AnalysisRunner, type RunnerOptions } from './analysis-runner.ts';
import { AnalysisService } from './analysis-service.ts';
import { AuthService } from './auth-service.ts';
import { BackupService } from './backup-service.ts';
import { CoalitionService } from './coalition-service.ts';
import { workerReferenceSolver } from './deployment-reference.ts';
import { DeploymentService, type ReferenceSolver } from './deployment-service.ts';
import { CompareService } from './compare-service.ts';
import { BriefService } from './brief-service.ts';
import { generateOnetimePassword } from './passwords.ts';
import { loadExchangeRates, loadScenarioFile, referenceScenarioFiles } from './reference-data.ts';
import { UserService } from './user-service.ts';

const SEEDED = 'reference-scenarios-seeded';
export const FIRST_ADMIN = 'admin';

export interface Installation {
  store: Store;
  /** Scenarios and their records, overview, CSV, search, audit. */
  service: CoalitionService;
  users: UserService;
  auth: AuthService;
  analyses: AnalysisService;
  deployment: DeploymentService;
  /** Courses of action: comparisons, decision records, promotion of variants. */
  compare: CompareService;
  /** Briefing packs: made per audience, kept, rendered as PDF and HTML. */
  briefs: BriefService;
  backup: BackupService;
  /** Where heavy work runs (worker threads for a server, in-process for the CLI). */
  runner: AnalysisRunner;
  close(): Promise<void>;
}

export interface InstallationOptions {
  databaseUrl?: string | undefined;
  /** PGlite directory; 'memory://' for a throw-away store. */
  dataDir: string;
  /** PostgreSQL schema to keep the tables in (tests isolate runs this way). */
  schema?: string | undefined;
  seed: boolean;
  /** How long a sign-in lasts (default 12 hours). */
  sessionHours?: number | undefined;
  /** Where heavy work runs: 'pool' (worker threads, the server) or 'inline' (default: CLI, tests). */
  runner?: Omit<RunnerOptions, 'rates'> | undefined;
  /** Solves a plan's LP reference; default the HiGHS worker thread; null: not available. */
  referenceSolver?: ReferenceSolver | null | undefined;
  /** Clock of the sign-in service (tests of expiry). */
  now?: (() => Date) | undefined;
}

export async function openInstallation(options: InstallationOptions): Promise<Installation> {
  const inMemory = options.dataDir === 'memory://';
  const lock = options.databaseUrl || inMemory ? undefined : lockDataDir(options.dataDir);
  let store: Store;
  try {
    store = await openStore({
      ...(options.databaseUrl
        ? { databaseUrl: options.databaseUrl }
        : { dataDir: inMemory ? undefined : options.dataDir }),
      ...(options.schema !== undefined && { schema: options.schema }),
    });
    // The embedded store has one process, this one, so every write passes the cache and it can
    // serve repeated reads. Never on PostgreSQL, where other processes write.
    if (store.backend === 'pglite') store = cachedStore(store);
  } catch (e) {
    lock?.release();
    throw e;
  }
  const rates = loadExchangeRates();
  const service = new CoalitionService(store, rates);
  const users = new UserService(store);
  const runner = new AnalysisRunner({ mode: 'inline', ...options.runner, rates });
  const reference = options.referenceSolver === undefined ? workerReferenceSolver() : options.referenceSolver;
  const close = async () => {
    await runner.close();
    await store.close();
    lock?.release();
  };
  try {
    if (options.seed) await seedReferenceScenarios(service);
  } catch (e) {
    await close();
    throw e;
  }
  return {
    store,
    service,
    users,
    auth: new AuthService(store, {
      sessionHours: options.sessionHours ?? 12,
      ...(options.now && { now: options.now }),
    }),
    analyses: new AnalysisService(service, runner),
    deployment: new DeploymentService(service, runner, reference ?? undefined),
    compare: new CompareService(service, runner),
    briefs: new BriefService(service, runner),
    backup: new BackupService(service, users),
    runner,
    close,
  };
}

/**
 * Imports every shipped scenario once, on the first start of an installation. A scenario the users
 * later delete stays deleted: the flag, not the scenario list, says whether seeding happened.
 */
export async function seedReferenceScenarios(service: CoalitionService): Promise<string[]> {
  if ((await service.store.getSetting(SEEDED)) !== undefined) return [];
  const existing = new Set((await service.listScenarios(SYSTEM_PRINCIPAL)).map((s) => s.id));
  const imported: string[] = [];
  for (const file of referenceScenarioFiles()) {
    const doc = loadScenarioFile(file);
    if (existing.has(doc.id)) continue;
    try {
      await service.importDocument(doc, SYSTEM_PRINCIPAL);
      imported.push(doc.id);
    } catch (e) {
      // Several API processes on one PostgreSQL database may start together: one of them imports
      // the scenario, the others find it there. The import is one transaction, so nothing is half-done.
      if (!isConflict(e)) throw e;
    }
  }
  await markSeeded(service.store);
  return imported;
}

function isConflict(e: unknown): boolean {
  return e instanceof DomainError && e.code === 'conflict';
}

/**
 * Records that the reference scenarios need no seeding: after restoring a backup, the backup says
 * which scenarios the installation has, and a later start must not add back what it left out.
 */
export async function markSeeded(store: Store): Promise<void> {
  if ((await store.getSetting(SEEDED)) === undefined)
    await store.setSetting(SEEDED, new Date().toISOString());
}

/**
 * First start: a store without users gets the administrator `admin`, with COALITION_ADMIN_PASSWORD
 * when set (for automated installs), else a generated one-time password printed once, here and
 * nowhere else, for the operator to sign in with and replace. Returns whether it created one.
 */
export async function ensureFirstAdministrator(
  users: UserService,
  adminPassword: string | undefined,
  print: (line: string) => void = console.log,
): Promise<boolean> {
  if ((await users.store.countUsers()) > 0) return false;
  const password = adminPassword ?? generateOnetimePassword();
  try {
    await users.add(
      {
        id: FIRST_ADMIN,
        displayName: 'Administrator',
        role: 'administrator',
        password,
        mustChangePassword: adminPassword === undefined,
      },
      SYSTEM_PRINCIPAL,
    );
  } catch (e) {
    // Another process starting at the same moment created it (and printed its password).
    if (isConflict(e)) return false;
    throw e;
  }
  print(
    adminPassword === undefined
      ? `First start: created administrator "${FIRST_ADMIN}" with one-time password: ${password}`
      : `First start: created administrator "${FIRST_ADMIN}" with the password in COALITION_ADMIN_PASSWORD`,
  );
  return true;
}
