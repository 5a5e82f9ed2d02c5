// Backup and restore of briefing packs (backup-service.ts, format version 3): every pack of every
// scenario goes into the backup, pack and all, and comes back on another installation exactly as it
// was made; a version-2 backup, made before backups carried packs, still restores, without them; a
// pack of a scenario not in the backup is refused before anything is written. On embedded stores
// behind the read cache, as an installation runs them.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_PRINCIPAL } from '../domain/access.ts';
import type { Backup } from '../domain/backup.ts';
import { DomainError } from '../domain/errors.ts';
import type { ScenarioId } from '../domain/ids.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { openStore } from '../storage/open-store.ts';
import { cachedStore } from '../storage/read-cache.ts';
import type { Store, StoredBrief } from '../storage/store.ts';
import { BackupService } from './backup-service.ts';
import { CoalitionService } from './coalition-service.ts';
import { loadExchangeRates, loadScenarioFile, referenceScenarioFiles } from './reference-data.ts';
import { UserService } from './user-service.ts';

const ADMIN = SYSTEM_PRINCIPAL;

interface Site {
  store: Store;
  backup: BackupService;
}

async function openSite(): Promise<Site> {
  const store = cachedStore(await openStore({}));
  const service = new CoalitionService(store, loadExchangeRates());
  return { store, backup: new BackupService(service, new UserService(store)) };
}

/** A reference scenario under another id. */
function scenario(id: string): ScenarioDocument {
  return { ...loadScenarioFile(referenceScenarioFiles()[0]!), id: id as ScenarioId, name: `Scenario ${id}` };
}

/** What addBrief is given for a pack of `audience`, titled `title`. */
const newBrief = (audience: string, title: string, pack: unknown = { title, sections: [] }) => ({
  audience,
  contentHash: createHash('sha256').update(title).digest('hex'),
  scenarioVersion: 3,
  pack,
});

/** Every pack of a scenario, whole, newest first. */
async function briefsOf(store: Store, id: string): Promise<StoredBrief[]> {
  const summaries = await store.listBriefs(id);
  return Promise.all(summaries.map((s) => store.getBrief(id, s.audience, s.version)));
}

async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  const e: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

describe('backup and restore of briefing packs', () => {
  let source: Site;
  let made: { alpha: StoredBrief[]; bravo: StoredBrief[] };
  let backup: Backup;

  beforeAll(async () => {
    source = await openSite();
    for (const id of ['alpha', 'bravo']) await source.store.importScenario(scenario(id), ADMIN);
    await source.store.addDecision('alpha', { id: 'd-1', body: { chosen: 'alpha' } }, ADMIN);
    const chief = { userId: 'chief', role: 'planner', nation: null } as const;
    await source.store.addBrief('alpha', newBrief('staff', 'staff 1'), chief);
    await source.store.addBrief('alpha', newBrief('rel-to:EST', 'est 1'), chief);
    await source.store.addBrief('alpha', newBrief('staff', 'staff 2'), chief);
    await source.store.addBrief('bravo', newBrief('public', 'public 1', null), chief);
    made = { alpha: await briefsOf(source.store, 'alpha'), bravo: await briefsOf(source.store, 'bravo') };
    // As a file carries it: through JSON.
    backup = JSON.parse(
      JSON.stringify(await source.backup.exportAll(ADMIN, { includeUsers: false })),
    ) as Backup;
  });
  afterAll(async () => {
    await source?.store.close();
  });

  it('writes every pack of every scenario into the backup, oldest first, pack and all', () => {
    expect(backup.formatVersion).toBe(3);
    expect(backup.briefs).toEqual(
      [...[...made.alpha].reverse(), ...made.bravo].map(({ scenarioId, ...b }) => ({
        scenario: scenarioId,
        ...b,
      })),
    );
    expect(backup.briefs.map((b) => [b.scenario, b.audience, b.version])).toEqual([
      ['alpha', 'staff', 1],
      ['alpha', 'rel-to:EST', 1],
      ['alpha', 'staff', 2],
      ['bravo', 'public', 1],
    ]);
  });

  it('restores them on a fresh installation exactly as they were made, and again with replace', async () => {
    const target = await openSite();
    try {
      await target.backup.restore(backup, ADMIN, { replace: false });
      expect(await briefsOf(target.store, 'alpha')).toEqual(made.alpha);
      expect(await briefsOf(target.store, 'bravo')).toEqual(made.bravo);
      expect(await target.store.listDecisions('alpha')).toHaveLength(1);

      const report = await target.backup.restore(backup, ADMIN, { replace: true });
      expect(report.scenarios.map((s) => [s.id, s.replaced])).toEqual([
        ['alpha', true],
        ['bravo', true],
      ]);
      expect(await briefsOf(target.store, 'alpha')).toEqual(made.alpha);
      // Numbering goes on from the packs restored.
      expect((await target.store.addBrief('alpha', newBrief('staff', 'staff 3'), ADMIN)).version).toBe(3);
    } finally {
      await target.store.close();
    }
  });

  it('restores a version-2 backup, made before backups carried packs, without them', async () => {
    const target = await openSite();
    try {
      const { briefs: _briefs, ...rest } = backup;
      await target.backup.restore({ ...rest, formatVersion: 2 }, ADMIN, { replace: false });
      expect((await target.store.listScenarios(ADMIN)).map((s) => s.id)).toEqual(['alpha', 'bravo']);
      expect(await target.store.listDecisions('alpha')).toHaveLength(1);
      expect(await target.store.listBriefs('alpha')).toEqual([]);
    } finally {
      await target.store.close();
    }
  });

  it('refuses a pack of a scenario not in the backup, and one given twice, restoring nothing', async () => {
    const target = await openSite();
    try {
      const stray = { ...backup.briefs[0]!, scenario: 'charlie' };
      const again = { ...backup.briefs[1]!, pack: { title: 'another' } };
      const e = await domainError(
        target.backup.restore({ ...backup, briefs: [...backup.briefs, stray, again] }, ADMIN, {
          replace: false,
        }),
      );
      expect(e.code).toBe('invalid');
      expect(e.issues).toEqual([
        {
          path: 'briefs[5].version',
          message: 'duplicate briefing pack rel-to:EST/v1 of scenario "alpha"',
        },
      ]);
      const unknown = await domainError(
        target.backup.restore({ ...backup, briefs: [...backup.briefs, stray] }, ADMIN, { replace: false }),
      );
      expect(unknown.issues).toEqual([
        { path: 'briefs[4].scenario', message: 'names scenario "charlie", which is not in the backup' },
      ]);
      expect(await target.store.listScenarios(ADMIN)).toEqual([]);
    } finally {
      await target.store.close();
    }
  });
});
