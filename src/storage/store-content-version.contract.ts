// The content version half of the storage contract (ScenarioStore.contentVersion): a number a
// result can be memoised under, which must change with every change to the scenario, never with a
// read, never repeat for the same id, and not depend on who asks. Called from describeStoreContract
// (store.contract.test.ts), so it runs against every backend and behind the read cache.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Principal, Releasability } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { offerSchema, type ScenarioDocument } from '../domain/scenario-schema.ts';
import { KyselyStore } from './kysely-store.ts';
import type { ContractContext } from './store-access.contract.ts';

const PLANNER: Principal = { userId: 'planner', role: 'planner', nation: null };
const LIAISON_GBR: Principal = { userId: 'liaison-gbr', role: 'liaison', nation: 'GBR' };
const OBSERVER: Principal = { userId: 'observer', role: 'observer', nation: null };
const VIEWERS = [PLANNER, LIAISON_GBR, OBSERVER];
const REL_TO_FRA = { level: 'REL_TO', nations: ['FRA'] } as Releasability;

const newOffer = (id: string, personnel = 600) =>
  offerSchema.parse({
    id,
    nation: 'GBR',
    capability: 'MECH-INF-BN',
    quantity: 1,
    personnel,
    tonnes: 4_000,
    readiness: { level: 'L1', daysToReady: 30 },
    status: 'offered',
  });

async function codeOf(promise: Promise<unknown>): Promise<string> {
  const e: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return (e as DomainError).code;
}

export function describeContentVersionContract(ctx: ContractContext): void {
  const imported = async (prefix: string): Promise<ScenarioDocument> => {
    const doc = ctx.scenario(ctx.fresh(prefix));
    // One offer only some viewers may see, so that what they read differs.
    const offers = doc.offers.map((o, i) => (i === 0 ? { ...o, releasability: REL_TO_FRA } : o));
    const marked = { ...doc, offers };
    await ctx.store().importScenario(marked, PLANNER);
    return marked;
  };

  /** Every read a viewer can make of the scenario. */
  const readEverything = async (id: string, viewer: Principal) => {
    const store = ctx.store();
    await store.listScenarios(viewer);
    await store.getScenario(id);
    await store.exportScenario(id, viewer);
    await store.list(id, 'offers', viewer);
    await store.get(id, 'offers', 'OFF-FRA-2', viewer);
    await store.search(id, viewer, { text: 'GBR' });
    await store.recordsTag(id, 'offers', viewer);
    await store.audit({ scenarioId: id });
  };

  describe('content version', () => {
    it('changes with every kind of write, and with nothing else', async () => {
      const store = ctx.store();
      const doc = await imported('version');
      const other = await imported('version-other');
      const seen: number[] = [await store.contentVersion(doc.id)];
      /** Asserts the version moved past every one seen before, and returns it. */
      const changed = async (what: string) => {
        const version = await store.contentVersion(doc.id);
        expect(version, what).toBeGreaterThan(Math.max(...seen));
        seen.push(version);
        return version;
      };
      const unchanged = async (what: string) => {
        expect(await store.contentVersion(doc.id), what).toBe(seen.at(-1));
      };

      for (const viewer of VIEWERS) await readEverything(doc.id, viewer);
      await unchanged('reads');

      const header = await store.getScenario(doc.id);
      await store.updateScenario(doc.id, { name: 'Renamed' }, header.version, PLANNER);
      await changed('a header patch');
      await store.updateScenario(doc.id, { assumptions: null }, header.version + 1, PLANNER);
      await changed('removing the assumptions');

      const created = await store.create(doc.id, 'offers', newOffer('OFF-CV-1'), PLANNER);
      await changed('a record created');
      await store.update(doc.id, 'offers', 'OFF-CV-1', newOffer('OFF-CV-1', 700), created.version, PLANNER);
      await changed('a record updated');
      // A record some viewers may not see changes the one number all of them get.
      const hidden = await store.get(doc.id, 'offers', 'OFF-GBR-1', PLANNER);
      const { version: _v, createdAt: _c, updatedAt: _u, ...hiddenRecord } = hidden;
      await store.update(
        doc.id,
        'offers',
        'OFF-GBR-1',
        offerSchema.parse({ ...hiddenRecord, personnel: 1 }),
        hidden.version,
        PLANNER,
      );
      await changed('a record updated that a liaison officer of GBR may not see');
      await store.delete(doc.id, 'offers', 'OFF-CV-1', created.version + 1, PLANNER);
      await changed('a record deleted');

      const pledges = doc.pledges.filter((p) => p.nation !== 'DEU');
      await store.replaceRecords(doc.id, 'pledges', pledges, PLANNER);
      await changed('a replacement of a kind');
      await store.replaceRecords(doc.id, 'pledges', pledges, PLANNER);
      await changed('a replacement that leaves the records as they were');
      // No pledge names DEU any more: it can go, and its stance entries with it.
      await store.delete(doc.id, 'nations', 'DEU', 1, PLANNER);
      await changed('a nation deleted with its stance entries');

      // Refused writes change nothing, and neither do writes to another scenario.
      expect(await codeOf(store.update(doc.id, 'offers', 'OFF-FRA-2', doc.offers[2]!, 99, PLANNER))).toBe(
        'conflict',
      );
      expect(
        await codeOf(
          store.create(
            doc.id,
            'offers',
            offerSchema.parse({ ...newOffer('OFF-BAD'), nation: 'POL' }),
            PLANNER,
          ),
        ),
      ).toBe('invalid');
      await store.create(other.id, 'offers', newOffer('OFF-ELSEWHERE'), PLANNER);
      for (const viewer of VIEWERS) await readEverything(doc.id, viewer);
      await unchanged('refused writes, writes elsewhere and reads');
    });

    it('never repeats for the same id, across deletion and import again', async () => {
      const store = ctx.store();
      const doc = await imported('reimport');
      const first = await store.contentVersion(doc.id);
      await store.deleteScenario(doc.id, undefined, PLANNER);
      expect(await codeOf(store.contentVersion(doc.id))).toBe('not_found');
      // The same document again: the same content, but a result memoised before must not be served.
      await store.importScenario(doc, PLANNER);
      const second = await store.contentVersion(doc.id);
      expect(second).toBeGreaterThan(first);
      // A restore that replaces it in one transaction counts as a change too.
      await store.importScenarios([{ document: doc }], PLANNER, { replace: true });
      const third = await store.contentVersion(doc.id);
      expect(third).toBeGreaterThan(second);
      // An import under another id is another scenario: its number is its own.
      const copyId = ctx.fresh('reimport-copy');
      await store.importScenario(doc, PLANNER, copyId);
      expect(await store.contentVersion(copyId)).toBeGreaterThan(third);
      expect(await store.contentVersion(doc.id)).toBe(third);
    });

    it('is not_found for an unknown scenario, as getScenario is', async () => {
      const store = ctx.store();
      const id = ctx.fresh('no-such');
      expect(await codeOf(store.contentVersion(id))).toBe('not_found');
      expect(await codeOf(store.getScenario(id))).toBe('not_found');
    });

    it('names one content: reads between two equal versions see the same scenario, whatever runs meanwhile', async () => {
      const store = ctx.store();
      const doc = await imported('racing');
      const byVersion = new Map<number, string>();
      let writing = true;
      const writers = Promise.all(
        Array.from({ length: 6 }, (_, i) =>
          store.create(doc.id, 'offers', newOffer(`OFF-RACE-${i}`), PLANNER),
        ),
      ).finally(() => {
        writing = false;
      });
      do {
        // Reads the read cache serves from memory never leave the microtask queue: let writes run.
        await new Promise((resolve) => setImmediate(resolve));
        const before = await store.contentVersion(doc.id);
        const content = JSON.stringify(await store.exportScenario(doc.id, PLANNER));
        const after = await store.contentVersion(doc.id);
        expect(after).toBeGreaterThanOrEqual(before);
        if (before !== after) continue;
        const known = byVersion.get(before);
        if (known === undefined) byVersion.set(before, content);
        else expect(content, `content at version ${before}`).toBe(known);
      } while (writing);
      await writers;
      const final = await store.contentVersion(doc.id);
      const content = JSON.stringify(await store.exportScenario(doc.id, PLANNER));
      expect(byVersion.get(final) ?? content).toBe(content);
      expect(JSON.parse(content).offers).toHaveLength(doc.offers.length + 6);
    });

    // What the number relies on where writers run side by side: writes to one scenario queue on its
    // row, so they commit in the order their audit entries were numbered.
    it('has every write to a scenario wait for the scenario row (PostgreSQL)', async () => {
      const store = ctx.store();
      if (!(store instanceof KyselyStore) || store.backend !== 'postgres') return;
      const doc = await imported('queued');
      const header = await store.getScenario(doc.id);
      const fra2 = await store.get(doc.id, 'offers', 'OFF-FRA-2', PLANNER);
      const { version: _v, createdAt: _c, updatedAt: _u, ...fra2Record } = fra2;
      const settled: string[] = [];
      let writes: Promise<unknown> = Promise.resolve();
      await store.db.transaction().execute(async (trx) => {
        await sql`select 1 from scenarios where id = ${doc.id} for no key update`.execute(trx);
        const write = (what: string, run: () => Promise<unknown>) => run().finally(() => settled.push(what));
        writes = Promise.all([
          write('create', () => store.create(doc.id, 'offers', newOffer('OFF-Q-1'), PLANNER)),
          write('update', () =>
            store.update(
              doc.id,
              'offers',
              'OFF-FRA-2',
              offerSchema.parse({ ...fra2Record, personnel: 5 }),
              fra2.version,
              PLANNER,
            ),
          ),
          write('delete', () => store.delete(doc.id, 'rotationPolicies', 'FRA', 1, PLANNER)),
          write('replace', () => store.replaceRecords(doc.id, 'pledges', doc.pledges, PLANNER)),
          write('header', () => store.updateScenario(doc.id, { name: 'Queued' }, header.version, PLANNER)),
        ]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled, 'writes that did not wait for the scenario row').toEqual([]);
      });
      await writes;
      expect(settled).toHaveLength(5);
    });
  });
}
