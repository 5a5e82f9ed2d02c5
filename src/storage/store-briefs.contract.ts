// The briefing pack half of the storage contract (BriefStore in store.ts, issue 16): packs are
// appended per scenario and audience, numbered 1, 2, … per audience however many writers make them
// at once, listed newest first without the packs, audited without them, survive a promotion and a
// restore that replaces the scenario, and go with the scenario when it is deleted; a backup restore
// (importScenarios) brings them back as they were made, all or nothing with its scenarios. Called
// from describeStoreContract (store.contract.test.ts), so it runs against every backend and behind
// the read cache.
import { createHash } from 'node:crypto';
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { ScenarioId } from '../domain/ids.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { KyselyStore } from './kysely-store.ts';
import type { ContractContext } from './store-access.contract.ts';
import type { BriefSummary, StoredBrief } from './store.ts';

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

const planner = (userId: string): Principal => ({ userId, role: 'planner', nation: null });
const PLANNER = planner('planner');

/** The DomainError a promise rejects with (fails the test if it resolves or throws anything else). */
async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  const e: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** A pack as the app might write it: the store keeps it as it is. */
const pack = (title: string) => ({
  schemaVersion: 1,
  title,
  banner: { level: 'COALITION', nations: [], text: 'COALITION' },
  sections: [{ id: 'bluf', blocks: [{ kind: 'text', text: 'Ready by C+30.' }, null] }],
});

/** What addBrief is given for a pack of `audience` titled `title`. */
const newBrief = (audience: string, title = audience, scenarioVersion = 7) => ({
  audience,
  contentHash: sha256(`${audience} inputs`),
  scenarioVersion,
  pack: pack(title),
});

const summaryOf = ({ pack: _pack, ...summary }: StoredBrief): BriefSummary => summary;

export function describeBriefContract(ctx: ContractContext): void {
  const imported = async (prefix: string): Promise<ScenarioDocument> => {
    const doc = ctx.scenario(ctx.fresh(prefix));
    await ctx.store().importScenario(doc, planner('importer'));
    return doc;
  };

  describe('briefing packs', () => {
    it('numbers each audience’s packs from 1, independently, and gets each version whole', async () => {
      const store = ctx.store();
      const doc = await imported('briefs');
      expect(await store.listBriefs(doc.id)).toEqual([]);
      const staff1 = await store.addBrief(doc.id, newBrief('staff', 'first'), planner('chief'));
      expect(staff1).toEqual({
        scenarioId: doc.id,
        audience: 'staff',
        version: 1,
        createdBy: 'chief',
        createdAt: expect.stringMatching(ISO_TIMESTAMP) as unknown,
        contentHash: sha256('staff inputs'),
        scenarioVersion: 7,
        pack: pack('first'),
      });
      const est1 = await store.addBrief(doc.id, newBrief('rel-to:EST'), PLANNER);
      const staff2 = await store.addBrief(doc.id, newBrief('staff', 'second', 12), PLANNER);
      const public1 = await store.addBrief(doc.id, { ...newBrief('public'), pack: null }, PLANNER);
      const est2 = await store.addBrief(doc.id, newBrief('rel-to:EST', 'again'), PLANNER);
      expect([staff1, est1, staff2, public1, est2].map((b) => [b.audience, b.version])).toEqual([
        ['staff', 1],
        ['rel-to:EST', 1],
        ['staff', 2],
        ['public', 1],
        ['rel-to:EST', 2],
      ]);
      // JSON null is a pack too, kept as it is.
      expect(public1.pack).toBeNull();

      expect(await store.getBrief(doc.id, 'staff', 1)).toEqual(staff1);
      expect(await store.getBrief(doc.id, 'staff', 2)).toEqual(staff2);
      expect(await store.getBrief(doc.id, 'rel-to:EST', 2)).toEqual(est2);
      // Another scenario numbers its own from 1.
      const other = await imported('briefs-other');
      expect(await store.listBriefs(other.id)).toEqual([]);
      expect((await store.addBrief(other.id, newBrief('staff'), PLANNER)).version).toBe(1);
    });

    it('lists them newest first without the packs, only the audiences asked for', async () => {
      const store = ctx.store();
      const doc = await imported('briefs-list');
      const made: StoredBrief[] = [];
      for (const audience of ['staff', 'coalition', 'staff', 'rel-to:FRA', 'coalition'])
        made.push(await store.addBrief(doc.id, newBrief(audience), PLANNER));
      const [staff1, coalition1, staff2, fra1, coalition2] = made.map(summaryOf);

      const all = await store.listBriefs(doc.id);
      expect(all).toEqual([coalition2, fra1, staff2, coalition1, staff1]);
      expect(all.every((b) => !('pack' in b))).toBe(true);
      expect(await store.listBriefs(doc.id, ['staff'])).toEqual([staff2, staff1]);
      expect(await store.listBriefs(doc.id, ['rel-to:FRA', 'coalition'])).toEqual([
        coalition2,
        fra1,
        coalition1,
      ]);
      expect(await store.listBriefs(doc.id, ['public', 'rel-to:EST', 'no such audience'])).toEqual([]);
      expect(await store.listBriefs(doc.id, [])).toEqual([]);
    });

    it('is not_found for an unknown scenario, audience or version', async () => {
      const store = ctx.store();
      const doc = await imported('briefs-missing');
      const other = await imported('briefs-missing-other');
      await store.addBrief(doc.id, newBrief('staff'), PLANNER);
      await store.addBrief(other.id, newBrief('staff'), PLANNER);
      await store.addBrief(other.id, newBrief('staff'), PLANNER);
      const missing = ctx.fresh('no-such-scenario');

      const adding = await domainError(store.addBrief(missing, newBrief('staff'), PLANNER));
      expect(adding).toMatchObject({ code: 'not_found', message: `scenario ${missing} not found` });
      expect((await domainError(store.listBriefs(missing))).code).toBe('not_found');
      expect((await domainError(store.listBriefs(missing, []))).code).toBe('not_found');
      expect((await domainError(store.getBrief(missing, 'staff', 1))).code).toBe('not_found');
      const unknownVersion = await domainError(store.getBrief(doc.id, 'staff', 2));
      expect(unknownVersion).toMatchObject({
        code: 'not_found',
        message: `briefing pack staff v2 not found in scenario ${doc.id}`,
      });
      expect((await domainError(store.getBrief(doc.id, 'coalition', 1))).code).toBe('not_found');
      // A version no pack can have is not found either, not a database error.
      for (const version of [0, -1, 1.5, 2 ** 31, Number.NaN])
        expect((await domainError(store.getBrief(doc.id, 'staff', version))).code, String(version)).toBe(
          'not_found',
        );
      expect(await store.audit({ scenarioId: missing })).toEqual([]);
    });

    it('refuses bad fields, naming each, writing nothing', async () => {
      const store = ctx.store();
      const doc = await imported('briefs-invalid');
      const version = await store.contentVersion(doc.id);
      const issuesOf = async (brief: Parameters<typeof store.addBrief>[1]) => {
        const e = await domainError(store.addBrief(doc.id, brief, PLANNER));
        expect(e.code).toBe('invalid');
        return e.issues.map((i) => i.path);
      };
      const good = newBrief('staff');
      for (const audience of ['', 'Staff', ' staff', 'rel-to:est', 'rel-to:ESTO', 'rel-to', 'nato'])
        expect(await issuesOf({ ...good, audience }), audience).toEqual(['audience']);
      for (const contentHash of ['', 'abc', good.contentHash.toUpperCase(), `${good.contentHash}0`])
        expect(await issuesOf({ ...good, contentHash }), contentHash).toEqual(['contentHash']);
      for (const scenarioVersion of [-1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])
        expect(await issuesOf({ ...good, scenarioVersion }), String(scenarioVersion)).toEqual([
          'scenarioVersion',
        ]);
      expect(await issuesOf({ ...good, pack: undefined })).toEqual(['pack']);
      const all = await domainError(
        store.addBrief(
          doc.id,
          { audience: 'x', contentHash: 'y', scenarioVersion: -1, pack: undefined },
          PLANNER,
        ),
      );
      expect(all.issues).toEqual([
        {
          path: 'audience',
          message: 'must be staff, coalition, public or rel-to: with a three-letter nation code (rel-to:EST)',
        },
        { path: 'contentHash', message: 'must be a SHA-256 hash: 64 lowercase hexadecimal digits' },
        { path: 'scenarioVersion', message: 'must be a whole number from 0' },
        { path: 'pack', message: 'is required' },
      ]);
      expect(all.message).toMatch(/^audience: must be staff/);

      // Version 0 is a content version too: a scenario written around the store has no entry yet.
      expect((await store.addBrief(doc.id, { ...good, scenarioVersion: 0 }, PLANNER)).version).toBe(1);
      expect(await store.audit({ scenarioId: doc.id, entity: 'briefs' })).toHaveLength(1);
      expect(await store.listBriefs(doc.id)).toHaveLength(1);
      expect(await store.contentVersion(doc.id)).toBeGreaterThan(version);
    });

    it('audits each pack without the pack and moves the content version on', async () => {
      const store = ctx.store();
      const doc = await imported('briefs-audit');
      const before = await store.contentVersion(doc.id);
      const brief = await store.addBrief(doc.id, newBrief('rel-to:GBR'), planner('chief'));
      const entries = await store.audit({ scenarioId: doc.id, entity: 'briefs' });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actor: 'chief',
        scenarioId: doc.id,
        entity: 'briefs',
        entityKey: 'rel-to:GBR/v1',
        nation: null,
        action: 'create',
        before: null,
      });
      expect(entries[0]!.after).toEqual(summaryOf(brief));
      expect(await store.contentVersion(doc.id)).toBe(entries[0]!.id);
      expect(entries[0]!.id).toBeGreaterThan(before);
    });

    it('never numbers two packs of one audience alike, however many are made at once', async () => {
      const store = ctx.store();
      const doc = await imported('briefs-concurrent');
      const made = await Promise.all(
        [1, 2, 3, 4, 5].map((n) =>
          store.addBrief(doc.id, newBrief('coalition', `pack ${n}`), planner(`p${n}`)),
        ),
      );
      expect(made.map((b) => b.version).sort()).toEqual([1, 2, 3, 4, 5]);
      // Newest first is highest version first: each was numbered and timed under the scenario's lock.
      const listed = await store.listBriefs(doc.id);
      expect(listed.map((b) => b.version)).toEqual([5, 4, 3, 2, 1]);
      for (const brief of made)
        expect(await store.getBrief(doc.id, 'coalition', brief.version)).toEqual(brief);
      const keys = (await store.audit({ scenarioId: doc.id, entity: 'briefs' })).map((e) => e.entityKey);
      expect(keys).toEqual(['coalition/v5', 'coalition/v4', 'coalition/v3', 'coalition/v2', 'coalition/v1']);
    });

    it('waits for the scenario row, like every write to a scenario (PostgreSQL)', async () => {
      const store = ctx.store();
      if (!(store instanceof KyselyStore) || store.backend !== 'postgres') return;
      const doc = await imported('briefs-queued');
      let settled = false;
      let adding: Promise<StoredBrief> | undefined;
      await store.db.transaction().execute(async (trx) => {
        await sql`select 1 from scenarios where id = ${doc.id} for no key update`.execute(trx);
        adding = store.addBrief(doc.id, newBrief('staff'), PLANNER).finally(() => (settled = true));
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled, 'an add that did not wait for the scenario row').toBe(false);
      });
      expect((await adding!).version).toBe(1);
    });

    it('are keyed by scenario, audience and version in the table itself', async () => {
      const store = ctx.store();
      if (!(store instanceof KyselyStore)) return;
      const doc = await imported('briefs-key');
      const brief = await store.addBrief(doc.id, newBrief('staff'), PLANNER);
      await expect(
        sql`insert into briefs (scenario_id, audience, version, created_by, content_hash, scenario_version, pack)
            values (${doc.id}, 'staff', 1, 'forger', ${brief.contentHash}, 1, 'null')`.execute(store.db),
      ).rejects.toMatchObject({ code: '23505' });
      expect(await store.listBriefs(doc.id)).toEqual([summaryOf(brief)]);
    });

    it('go with the scenario when it is deleted, and do not come back with a new one of its id', async () => {
      const store = ctx.store();
      const doc = await imported('briefs-deleted');
      await store.addBrief(doc.id, newBrief('staff'), PLANNER);
      await store.addBrief(doc.id, newBrief('staff'), PLANNER);
      await store.addBrief(doc.id, newBrief('public'), PLANNER);
      const { version } = await store.getScenario(doc.id);
      await store.deleteScenario(doc.id, version, PLANNER);
      expect((await domainError(store.listBriefs(doc.id))).code).toBe('not_found');

      await store.importScenario(doc, PLANNER);
      expect(await store.listBriefs(doc.id)).toEqual([]);
      expect((await domainError(store.getBrief(doc.id, 'staff', 1))).code).toBe('not_found');
      // Numbering starts again; the old entries in the log still say what was made.
      expect((await store.addBrief(doc.id, newBrief('staff'), PLANNER)).version).toBe(1);
      const created = await store.audit({ scenarioId: doc.id, entity: 'briefs', entityKey: 'staff/v1' });
      expect(created).toHaveLength(2);
    });

    it('stay when a backup restore replaces the scenario, and when a variant is promoted', async () => {
      const store = ctx.store();
      const doc = await imported('briefs-restore');
      const staff = await store.addBrief(doc.id, newBrief('staff'), PLANNER);
      const coalition = await store.addBrief(doc.id, newBrief('coalition'), PLANNER);
      await store.importScenarios([{ document: { ...doc, name: 'Restored' } }], planner('restorer'), {
        replace: true,
      });
      expect(await store.listBriefs(doc.id)).toEqual([coalition, staff].map(summaryOf));
      expect(await store.getBrief(doc.id, 'staff', 1)).toEqual(staff);
      // Numbering goes on from the packs kept.
      expect((await store.addBrief(doc.id, newBrief('staff'), PLANNER)).version).toBe(2);

      const variant = await imported('briefs-restore-variant');
      await store.promoteVariant(
        doc.id,
        variant.id,
        { ...variant, id: doc.id as ScenarioId, name: doc.name },
        () => undefined,
        PLANNER,
      );
      expect((await store.listBriefs(doc.id)).map((b) => `${b.audience}/v${b.version}`)).toEqual([
        'staff/v2',
        'coalition/v1',
        'staff/v1',
      ]);
    });
  });

  describe('restoring briefing packs with a backup (importScenarios)', () => {
    /** A pack as a backup gives it: made by someone else, some time ago. */
    const restored = (
      scenarioId: string,
      audience: string,
      version: number,
      createdAt: string,
    ): StoredBrief => ({
      scenarioId,
      audience,
      version,
      createdBy: 'chief',
      createdAt,
      contentHash: sha256(`${audience} v${version}`),
      scenarioVersion: 40 + version,
      pack: pack(`${audience} v${version}`),
    });

    it('keeps their version, author, time and pack, audited as imports in the same transaction', async () => {
      const store = ctx.store();
      const a = ctx.scenario(ctx.fresh('brief-restore-a'));
      const b = ctx.scenario(ctx.fresh('brief-restore-b'));
      const staff1 = restored(a.id, 'staff', 1, '2025-03-01T08:00:00.000Z');
      const staff2 = restored(a.id, 'staff', 2, '2025-03-02T17:45:12.345Z');
      const est3 = { ...restored(b.id, 'rel-to:EST', 3, '2025-03-03T00:00:00.000Z'), pack: null };
      await store.importScenarios([{ document: a }, { document: b }], planner('restorer'), {
        briefs: [staff2, staff1, est3],
      });

      expect(await store.listBriefs(a.id)).toEqual([staff2, staff1].map(summaryOf));
      expect(await store.listBriefs(b.id)).toEqual([summaryOf(est3)]);
      expect(await store.getBrief(a.id, 'staff', 1)).toEqual(staff1);
      expect(await store.getBrief(b.id, 'rel-to:EST', 3)).toEqual(est3);

      const entries = await store.audit({ scenarioId: a.id, entity: 'briefs' });
      expect(entries.map((e) => e.entityKey).sort()).toEqual(['staff/v1', 'staff/v2']);
      for (const entry of entries) {
        const brief = entry.entityKey === 'staff/v1' ? staff1 : staff2;
        expect(entry).toMatchObject({ actor: 'restorer', scenarioId: a.id, nation: null, action: 'import' });
        expect(entry.before).toBeNull();
        expect(entry.after).toEqual(summaryOf(brief));
      }
      // The packs were written after the scenario: the newest entry about it is one of theirs.
      expect(await store.contentVersion(a.id)).toBe(Math.max(...entries.map((e) => e.id)));
      // Numbering goes on after the highest version restored.
      expect((await store.addBrief(b.id, newBrief('rel-to:EST'), PLANNER)).version).toBe(4);
    });

    it('with replace, puts back the backup’s pack of a version that exists, keeps the others', async () => {
      const store = ctx.store();
      const doc = await imported('brief-restore-replace');
      const mine1 = await store.addBrief(doc.id, newBrief('staff', 'mine 1'), PLANNER);
      const mine2 = await store.addBrief(doc.id, newBrief('staff', 'mine 2'), PLANNER);
      const theirs = restored(doc.id, 'staff', 1, '2025-01-15T12:00:00.000Z');
      await store.importScenarios([{ document: { ...doc, name: 'Restored' } }], planner('restorer'), {
        replace: true,
        briefs: [theirs],
      });
      expect(await store.listBriefs(doc.id)).toEqual([mine2, theirs].map(summaryOf));
      expect(await store.getBrief(doc.id, 'staff', 1)).toEqual(theirs);
      const [entry] = await store.audit({ entity: 'briefs', scenarioId: doc.id, action: 'import' });
      expect(entry).toMatchObject({ actor: 'restorer', entityKey: 'staff/v1' });
      expect(entry!.before).toEqual(summaryOf(mine1));
      expect(entry!.after).toEqual(summaryOf(theirs));
    });

    it('stores nothing when an item fails: no scenario, no pack, no audit entry', async () => {
      const store = ctx.store();
      const a = ctx.scenario(ctx.fresh('brief-restore-failing'));
      const first = a.offers[0]!;
      const broken = { ...ctx.scenario(ctx.fresh('brief-restore-broken')), offers: [first, { ...first }] };
      const brief = restored(a.id, 'staff', 1, '2025-03-01T08:00:00.000Z');
      await expect(
        store.importScenarios([{ document: a }, { document: broken }], PLANNER, { briefs: [brief] }),
      ).rejects.toThrow();
      expect((await domainError(store.getScenario(a.id))).code).toBe('not_found');
      expect(await store.audit({ scenarioId: a.id, entity: 'briefs' })).toEqual([]);
    });

    it('refuses, writing nothing, a pack of a scenario not imported, a version twice, bad fields', async () => {
      const store = ctx.store();
      const a = ctx.scenario(ctx.fresh('brief-restore-refused'));
      const elsewhere = await imported('brief-restore-elsewhere');
      const brief = restored(a.id, 'staff', 1, '2025-03-01T08:00:00.000Z');
      const e = await domainError(
        store.importScenarios([{ document: a }], PLANNER, {
          briefs: [
            brief,
            restored(elsewhere.id, 'staff', 1, '2025-03-01T09:00:00.000Z'),
            { ...brief, pack: pack('another') },
            // The same version of another audience is another pack.
            { ...brief, audience: 'coalition' },
            { ...brief, version: 0, audience: 'rel-to:es', contentHash: 'x', scenarioVersion: -2 },
            { ...brief, version: 2, createdBy: '', createdAt: 'yesterday', pack: undefined },
          ],
        }),
      );
      expect(e.code).toBe('invalid');
      expect(e.issues.map((i) => i.path)).toEqual([
        'briefs[1].scenarioId',
        'briefs[2].version',
        'briefs[4].audience',
        'briefs[4].contentHash',
        'briefs[4].scenarioVersion',
        'briefs[4].version',
        'briefs[5].pack',
        'briefs[5].createdBy',
        'briefs[5].createdAt',
      ]);
      expect(e.issues[1]!.message).toBe(`duplicate briefing pack staff/v1 of scenario "${a.id}"`);
      expect((await domainError(store.getScenario(a.id))).code).toBe('not_found');
      expect(await store.listBriefs(elsewhere.id)).toEqual([]);
    });
  });
}
