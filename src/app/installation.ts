// Opening the installation: the store chosen by the configuration (PGlite data directory, or
// PostgreSQL when DATABASE_URL is set), the shipped exchange rates, the reference scenarios
// imported on first start, and the first administrator. Shared by `coalition serve` and the CLI
// commands that work locally; these act as SYSTEM_PRINCIPAL, the machine's operator.
import { SYSTEM_PRINCIPAL } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { lockDataDir } from '../storage/data-dir-lock.ts';
import { openStore } from '../storage/open-store.ts';
import { cachedStore } from '../storage/read-cache.ts';
import type { Store } from '../storage/store.ts';
import { generateOnetimePassword } from './passwords.ts';
import { loadExchangeRates, loadScenarioFile, referenceScenarioFiles } from './reference-data.ts';
import { CoalitionService } from './coalition-service.ts';
import { UserService } from './user-service.ts';

const SEEDED = 'reference-scenarios-seeded';
export const FIRST_ADMIN = 'admin';

export interface Installation {
  service: CoalitionService;
  users: UserService;
  store: Store;
  close(): Promise<void>;
}

export async function openInstallation(options: {
  databaseUrl?: string | undefined;
  /** PGlite directory; 'memory://' for a throw-away store. */
  dataDir: string;
  /** PostgreSQL schema to keep the tables in (tests isolate runs this way). */
  schema?: string | undefined;
  seed: boolean;
}): Promise<Installation> {
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
  const service = new CoalitionService(store, loadExchangeRates());
  const users = new UserService(store);
  try {
    if (options.seed) await seedReferenceScenarios(service);
  } catch (e) {
    await store.close();
    lock?.release();
    throw e;
  }
  return {
    service,
    users,
    store,
    close: async () => {
      await store.close();
      lock?.release();
    },
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
