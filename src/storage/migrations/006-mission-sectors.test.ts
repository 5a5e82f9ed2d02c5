// The storage migration that gives scenarios stored before schemaVersion 2 their list of sectors:
// the list is the one the document migration derives from the same records, so the export of an
// upgraded store is a valid version-2 document that means what it did. PGlite in memory.
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_PRINCIPAL } from '../../domain/access.ts';
import { parseScenarioValue, requireScenario } from '../../domain/scenario-document.ts';
import { sectorsUsedIn } from '../../domain/scenario-migrations.ts';
import { deploymentScenario, offer, requirement, sampleScenario } from '../../domain/test-fixtures.ts';
import type { KyselyStore } from '../kysely-store.ts';
import { openStore } from '../open-store.ts';
import { up } from './006-mission-sectors.ts';

describe('migration 006: mission sectors for scenarios stored before them', () => {
  let store: KyselyStore;
  const migrate = () => up(store.db as unknown as Kysely<unknown>);
  /** As a store written before the migration holds the scenario: a mission without sectors. */
  const forgetSectors = (id: string) =>
    sql`update scenarios set mission = mission - 'sectors' where id = ${id}`.execute(store.db);

  beforeAll(async () => {
    store = await openStore();
  });
  afterAll(async () => {
    await store?.close();
  });

  it('derives the list from the stored records, as the document migration does', async () => {
    const input = deploymentScenario({
      id: 'old-store',
      requirements: [
        requirement({ id: 'R-1', sector: 'Kyiv' }),
        requirement({ id: 'R-2', sector: 'Odesa' }),
        requirement({ id: 'R-3', sector: 'Kyiv' }),
      ],
      offers: [offer({ id: 'OFF-GBR-1', caveats: { excludedSectors: ['Crimea', 'Odesa', 'Donbas'] } })],
      forceList: [],
      movements: [],
    });
    await store.importScenario(requireScenario(input), SYSTEM_PRINCIPAL);
    await forgetSectors('old-store');
    expect((await store.getScenario('old-store')).mission.sectors).toBeUndefined();

    await migrate();
    const names = (await store.getScenario('old-store')).mission.sectors.map((s) => s.name);
    const { sectors: _given, ...legacyMission } = input.mission;
    expect(names).toEqual(sectorsUsedIn({ ...input, schemaVersion: 1, mission: legacyMission }));
    expect(names).toEqual(['Kyiv', 'Odesa', 'Dnipro', 'Crimea', 'Donbas']);
    expect(parseScenarioValue(await store.exportScenario('old-store', SYSTEM_PRINCIPAL)).ok).toBe(true);
  });

  it('leaves a list alone, and gives a scenario that names no sector an empty one', async () => {
    await store.importScenario(requireScenario(deploymentScenario({ id: 'has-list' })), SYSTEM_PRINCIPAL);
    const before = await store.getScenario('has-list');
    await migrate();
    expect(await store.getScenario('has-list')).toEqual(before);

    const bare = sampleScenario({ id: 'no-sectors', requirements: [], offers: [] });
    await store.importScenario(requireScenario(bare), SYSTEM_PRINCIPAL);
    await forgetSectors('no-sectors');
    await migrate();
    expect((await store.getScenario('no-sectors')).mission.sectors).toEqual([]);
  });
});
