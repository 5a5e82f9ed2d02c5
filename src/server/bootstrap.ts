// Opening the installation: the store chosen by the configuration (PGlite data directory, or
// PostgreSQL when DATABASE_URL is set), the shipped exchange rates, and the reference scenarios
// imported on first start. Shared by `coalition serve` and the CLI commands that work locally.
import { lockDataDir } from '../storage/data-dir-lock.ts';
import { openStore } from '../storage/open-store.ts';
import type { Actor, Store } from '../storage/store.ts';
import { loadExchangeRates, loadScenarioFile, referenceScenarioFiles } from './reference-data.ts';
import { CoalitionService } from './services.ts';

export const SYSTEM_ACTOR: Actor = { id: 'system' };
const SEEDED = 'reference-scenarios-seeded';

export interface Installation {
  service: CoalitionService;
  store: Store;
  close(): Promise<void>;
}

export async function openInstallation(options: {
  databaseUrl?: string | undefined;
  /** PGlite directory; 'memory://' for a throw-away store. */
  dataDir: string;
  seed: boolean;
}): Promise<Installation> {
  const inMemory = options.dataDir === 'memory://';
  const lock = options.databaseUrl || inMemory ? undefined : lockDataDir(options.dataDir);
  let store: Store;
  try {
    store = await openStore(
      options.databaseUrl
        ? { databaseUrl: options.databaseUrl }
        : { dataDir: inMemory ? undefined : options.dataDir },
    );
  } catch (e) {
    lock?.release();
    throw e;
  }
  const service = new CoalitionService(store, loadExchangeRates());
  if (options.seed) await seedReferenceScenarios(service);
  return {
    service,
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
  const existing = new Set((await service.listScenarios()).map((s) => s.id));
  const imported: string[] = [];
  for (const file of referenceScenarioFiles()) {
    const doc = loadScenarioFile(file);
    if (existing.has(doc.id)) continue;
    await service.importDocument(doc, SYSTEM_ACTOR);
    imported.push(doc.id);
  }
  await service.store.setSetting(SEEDED, new Date().toISOString());
  return imported;
}
