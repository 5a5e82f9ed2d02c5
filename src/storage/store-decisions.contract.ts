// The decision records and variant promotion half of the storage contract (DecisionStore and
// ScenarioStore.promoteVariant in store.ts): decisions are appended per scenario, audited, survive
// a promotion (the baseline replaced in place) and go with the scenario when it is deleted; a backup
// restore (importScenarios) brings them back as they were recorded, all or nothing with its
// scenarios; a promotion replaces the parent's content in one audited step, and only from the version the caller
// names. Called from describeStoreContract (store.contract.test.ts), so it runs against every
// backend and behind the read cache.
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import type { Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { IsoDate, ScenarioId } from '../domain/ids.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { KyselyStore } from './kysely-store.ts';
import type { ContractContext } from './store-access.contract.ts';
import type { StoredDecision } from './store.ts';

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

/** A decision body as the app might write it: the store keeps it as it is. */
const body = (chosen: string) => ({
  record: { chosen, rationale: 'Cheaper, and ready sooner.', figures: [{ key: 'cost', values: [1.5, 2] }] },
  inputs: [{ offers: 'abc' }, null],
});

/**
 * The check a caller gives promoteVariant: here, that the parent is still at `version` (the app
 * checks the parent's inputs instead; the store only promises to run the check under the lock).
 */
function atVersion(version: number) {
  return (parent: { version: number; contentVersion: number; document: ScenarioDocument }) => {
    if (parent.version !== version)
      throw new DomainError(
        'conflict',
        `scenario ${parent.document.id} is at version ${parent.version}, not ${version}: it changed since the variant was branched`,
      );
  };
}

export function describeDecisionContract(ctx: ContractContext): void {
  const imported = async (prefix: string): Promise<ScenarioDocument> => {
    const doc = ctx.scenario(ctx.fresh(prefix));
    await ctx.store().importScenario(doc, planner('importer'));
    return doc;
  };

  /** A variant of `parent` with content of its own, stored, and its content made the parent's. */
  const branched = async (parent: ScenarioDocument) => {
    const store = ctx.store();
    const { version } = await store.getScenario(parent.id);
    const variant: ScenarioDocument = {
      ...ctx.scenario(ctx.fresh(`${parent.id}-variant`)),
      name: 'Without the first offer',
      asOf: '2025-04-01' as IsoDate,
      offers: parent.offers.slice(1),
      pledges: parent.pledges.slice(1),
      variantOf: {
        parent: parent.id,
        parentVersion: version,
        whatIfs: [{ title: 'GBR withdraws its first offer', changes: [], notes: [] }],
      },
    };
    const { assumptions: _a, ...withoutAssumptions } = variant;
    const stored = withoutAssumptions as ScenarioDocument;
    await store.importScenario(stored, planner('brancher'));
    const { variantOf: _v, ...inputs } = stored;
    const promoted: ScenarioDocument = {
      ...inputs,
      id: parent.id as ScenarioId,
      name: parent.name,
      ...(parent.description !== undefined && { description: parent.description }),
    };
    return { variant: stored, promoted, version };
  };

  describe('decision records', () => {
    it('appends decisions, lists them newest first and gets each one', async () => {
      const store = ctx.store();
      const doc = await imported('decisions');
      expect(await store.listDecisions(doc.id)).toEqual([]);
      const first = await store.addDecision(
        doc.id,
        { id: ctx.fresh('d'), body: body('A') },
        planner('chief'),
      );
      expect(first).toMatchObject({ scenarioId: doc.id, decidedBy: 'chief', body: body('A') });
      expect(first.decidedAt).toMatch(ISO_TIMESTAMP);
      const second = await store.addDecision(doc.id, { id: ctx.fresh('d'), body: body('B') }, PLANNER);
      // JSON null is a body too, kept as it is.
      const third = await store.addDecision(doc.id, { id: ctx.fresh('d'), body: null }, PLANNER);
      expect(third.body).toBeNull();

      expect(await store.listDecisions(doc.id)).toEqual([third, second, first]);
      expect(await store.getDecision(doc.id, first.id)).toEqual(first);
      expect(await store.getDecision(doc.id, second.id)).toEqual(second);
      // Another scenario's list is its own.
      const other = await imported('decisions-other');
      expect(await store.listDecisions(other.id)).toEqual([]);
    });

    it('is not_found for an unknown scenario or decision, also one of another scenario', async () => {
      const store = ctx.store();
      const doc = await imported('decisions-missing');
      const other = await imported('decisions-missing-other');
      const elsewhere = await store.addDecision(other.id, { id: ctx.fresh('d'), body: body('A') }, PLANNER);
      const missing = ctx.fresh('no-such-scenario');

      const adding = await domainError(store.addDecision(missing, { id: ctx.fresh('d'), body: 1 }, PLANNER));
      expect(adding).toMatchObject({ code: 'not_found', message: `scenario ${missing} not found` });
      expect((await domainError(store.listDecisions(missing))).code).toBe('not_found');
      expect((await domainError(store.getDecision(missing, elsewhere.id))).code).toBe('not_found');
      expect((await domainError(store.getDecision(doc.id, 'no-such-decision'))).code).toBe('not_found');
      expect((await domainError(store.getDecision(doc.id, elsewhere.id))).code).toBe('not_found');
      expect(await store.audit({ scenarioId: missing })).toEqual([]);
    });

    it('refuses a duplicate id, in the same scenario or another, writing nothing', async () => {
      const store = ctx.store();
      const doc = await imported('decisions-dup');
      const other = await imported('decisions-dup-other');
      const kept = await store.addDecision(doc.id, { id: ctx.fresh('d'), body: body('A') }, PLANNER);
      const version = await store.contentVersion(doc.id);
      const otherVersion = await store.contentVersion(other.id);

      const again = await domainError(store.addDecision(doc.id, { id: kept.id, body: body('B') }, PLANNER));
      expect(again.code).toBe('conflict');
      expect(again.message).toContain(kept.id);
      const across = await domainError(
        store.addDecision(other.id, { id: kept.id, body: body('C') }, PLANNER),
      );
      expect(across.code).toBe('conflict');

      expect(await store.listDecisions(doc.id)).toEqual([kept]);
      expect(await store.listDecisions(other.id)).toEqual([]);
      expect(await store.contentVersion(doc.id)).toBe(version);
      expect(await store.contentVersion(other.id)).toBe(otherVersion);
    });

    it('audits each decision in its own transaction and moves the content version on', async () => {
      const store = ctx.store();
      const doc = await imported('decisions-audit');
      const before = await store.contentVersion(doc.id);
      const decision = await store.addDecision(
        doc.id,
        { id: ctx.fresh('d'), body: body('A') },
        planner('chief'),
      );
      const entries = await store.audit({ scenarioId: doc.id, entity: 'decisions' });
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({
        actor: 'chief',
        scenarioId: doc.id,
        entity: 'decisions',
        entityKey: decision.id,
        nation: null,
        action: 'create',
        before: null,
        after: body('A'),
      });
      expect(await store.contentVersion(doc.id)).toBe(entries[0]!.id);
      expect(entries[0]!.id).toBeGreaterThan(before);
    });

    it('go with the scenario when it is deleted, and do not come back with a new one of its id', async () => {
      const store = ctx.store();
      const doc = await imported('decisions-deleted');
      const gone = await store.addDecision(doc.id, { id: ctx.fresh('d'), body: body('A') }, PLANNER);
      await store.addDecision(doc.id, { id: ctx.fresh('d'), body: body('B') }, PLANNER);
      const { version } = await store.getScenario(doc.id);
      await store.deleteScenario(doc.id, version, PLANNER);
      expect((await domainError(store.listDecisions(doc.id))).code).toBe('not_found');

      await store.importScenario(doc, PLANNER);
      expect(await store.listDecisions(doc.id)).toEqual([]);
      expect((await domainError(store.getDecision(doc.id, gone.id))).code).toBe('not_found');
      // Its id is free again; its old entry in the log still holds what it was.
      const reused = await store.addDecision(doc.id, { id: gone.id, body: body('C') }, PLANNER);
      expect(await store.listDecisions(doc.id)).toEqual([reused]);
      const created = await store.audit({ entity: 'decisions', entityKey: gone.id });
      expect(created.map((e) => e.after)).toEqual([body('C'), body('A')]);
    });

    it('stay when a backup restore replaces the scenario', async () => {
      const store = ctx.store();
      const doc = await imported('decisions-restore');
      const decision = await store.addDecision(doc.id, { id: ctx.fresh('d'), body: body('A') }, PLANNER);
      await store.importScenarios([{ document: { ...doc, name: 'Restored' } }], planner('restorer'), {
        replace: true,
      });
      expect(await store.listDecisions(doc.id)).toEqual([decision]);
    });
  });

  describe('restoring decisions with a backup (importScenarios)', () => {
    /** A decision as a backup gives it: made by someone else, some time ago. */
    const restored = (scenarioId: string, chosen: string, decidedAt: string): StoredDecision => ({
      id: ctx.fresh('d'),
      scenarioId,
      decidedBy: 'chief',
      decidedAt,
      body: body(chosen),
    });

    it('keeps their id, author, time and body, audited as imports in the same transaction', async () => {
      const store = ctx.store();
      const a = ctx.scenario(ctx.fresh('restore-a'));
      const b = ctx.scenario(ctx.fresh('restore-b'));
      const older = restored(a.id, 'A', '2025-03-01T08:00:00.000Z');
      const newer = restored(a.id, 'B', '2025-03-02T17:45:12.345Z');
      const nullBody = { ...restored(b.id, 'C', '2025-03-03T00:00:00.000Z'), body: null };
      await store.importScenarios([{ document: a }, { document: b }], planner('restorer'), {
        decisions: [older, newer, nullBody],
      });

      expect(await store.listDecisions(a.id)).toEqual([newer, older]);
      expect(await store.listDecisions(b.id)).toEqual([nullBody]);
      expect(await store.getDecision(a.id, older.id)).toEqual(older);

      const entries = await store.audit({ scenarioId: a.id, entity: 'decisions' });
      expect(entries.map((e) => e.entityKey).sort()).toEqual([older.id, newer.id].sort());
      for (const entry of entries) {
        const decision = entry.entityKey === older.id ? older : newer;
        expect(entry).toMatchObject({
          actor: 'restorer',
          scenarioId: a.id,
          entity: 'decisions',
          nation: null,
          action: 'import',
          before: null,
          after: decision,
        });
      }
      // The decisions were written after the scenario: the newest entry about it is one of theirs.
      expect(await store.contentVersion(a.id)).toBe(Math.max(...entries.map((e) => e.id)));
    });

    it('with replace, puts back the backup’s record of an id that exists and keeps the others', async () => {
      const store = ctx.store();
      const doc = await imported('restore-replace');
      const kept = await store.addDecision(doc.id, { id: ctx.fresh('d'), body: body('A') }, PLANNER);
      const mine = await store.addDecision(doc.id, { id: ctx.fresh('d'), body: body('B') }, PLANNER);
      const theirs: StoredDecision = {
        ...mine,
        decidedBy: 'chief',
        decidedAt: '2025-01-15T12:00:00.000Z',
        body: body('B, as the backup has it'),
      };
      await store.importScenarios([{ document: { ...doc, name: 'Restored' } }], planner('restorer'), {
        replace: true,
        decisions: [theirs],
      });
      // Newest first: the one kept was made now, the restored one in January.
      expect(await store.listDecisions(doc.id)).toEqual([kept, theirs]);
      const [entry] = await store.audit({ entity: 'decisions', entityKey: mine.id, action: 'import' });
      expect(entry).toMatchObject({ actor: 'restorer', before: mine, after: theirs });
    });

    it('stores nothing when an item fails: no scenario, no decision, no audit entry', async () => {
      const store = ctx.store();
      const a = ctx.scenario(ctx.fresh('restore-failing'));
      const first = a.offers[0]!;
      const broken = { ...ctx.scenario(ctx.fresh('restore-broken')), offers: [first, { ...first }] };
      const decision = restored(a.id, 'A', '2025-03-01T08:00:00.000Z');
      await expect(
        store.importScenarios([{ document: a }, { document: broken }], PLANNER, { decisions: [decision] }),
      ).rejects.toThrow();
      expect((await domainError(store.getScenario(a.id))).code).toBe('not_found');
      expect(await store.audit({ entity: 'decisions', entityKey: decision.id })).toEqual([]);

      // A decision that cannot be written undoes the scenarios written before it.
      const other = await imported('restore-taken');
      const taken = await store.addDecision(other.id, { id: ctx.fresh('d'), body: body('A') }, PLANNER);
      const clash = await domainError(
        store.importScenarios([{ document: a }], PLANNER, {
          replace: true,
          decisions: [decision, { ...restored(a.id, 'B', '2025-03-02T08:00:00.000Z'), id: taken.id }],
        }),
      );
      expect(clash.code).toBe('conflict');
      expect(clash.message).toContain(`decision ${taken.id} already exists, in scenario ${other.id}`);
      expect(clash.issues).toEqual([{ path: 'decisions[1].id', message: `"${taken.id}" is already taken` }]);
      expect((await domainError(store.getScenario(a.id))).code).toBe('not_found');
      expect(await store.audit({ entity: 'decisions', entityKey: decision.id })).toEqual([]);
      expect(await store.listDecisions(other.id)).toEqual([taken]);
    });

    it('refuses, before writing anything, a decision of a scenario not imported and an id given twice', async () => {
      const store = ctx.store();
      const a = ctx.scenario(ctx.fresh('restore-refused'));
      const elsewhere = await imported('restore-elsewhere');
      const decision = restored(a.id, 'A', '2025-03-01T08:00:00.000Z');
      const e = await domainError(
        store.importScenarios([{ document: a }], PLANNER, {
          decisions: [decision, restored(elsewhere.id, 'B', '2025-03-01T09:00:00.000Z'), { ...decision }],
        }),
      );
      expect(e.code).toBe('invalid');
      expect(e.issues.map((i) => i.path)).toEqual(['decisions[1].scenarioId', 'decisions[2].id']);
      expect((await domainError(store.getScenario(a.id))).code).toBe('not_found');
      expect(await store.listDecisions(elsewhere.id)).toEqual([]);
    });
  });

  describe('promoting a variant', () => {
    it("replaces the parent's content in place, keeping its decisions and leaving the variant be", async () => {
      const store = ctx.store();
      const parent = await imported('promote');
      const decision = await store.addDecision(parent.id, { id: ctx.fresh('d'), body: body('A') }, PLANNER);
      const { variant, promoted, version } = await branched(parent);
      const header = await store.getScenario(parent.id);
      const contentBefore = await store.contentVersion(parent.id);
      // Read before, so that a read cache holds the parent as it was.
      expect(await store.exportScenario(parent.id, PLANNER)).toEqual(parent);
      await store.list(parent.id, 'offers', PLANNER);
      await store.listScenarios(PLANNER);

      const summary = await store.promoteVariant(
        parent.id,
        variant.id,
        promoted,
        atVersion(version),
        planner('chief'),
      );
      expect(summary).toMatchObject({
        id: parent.id,
        name: parent.name,
        asOf: '2025-04-01' as IsoDate,
        counts: { offers: promoted.offers.length, pledges: promoted.pledges.length },
      });
      expect(summary.version).toBeGreaterThan(header.version);
      expect(await store.exportScenario(parent.id, PLANNER)).toEqual(promoted);
      const after = await store.getScenario(parent.id);
      expect(after).toMatchObject({ version: summary.version, createdAt: header.createdAt });
      expect(after.assumptions).toBeUndefined();
      expect(after.variantOf).toBeUndefined();
      expect(await store.contentVersion(parent.id)).toBeGreaterThan(contentBefore);
      expect(await store.listDecisions(parent.id)).toEqual([decision]);
      expect(await store.exportScenario(variant.id, PLANNER)).toEqual(variant);

      // An editor still holding the version from before is refused.
      const stale = await domainError(
        store.updateScenario(parent.id, { name: 'Late' }, header.version, PLANNER),
      );
      expect(stale.code).toBe('conflict');
      // Records start again from the document: created anew, at version 1.
      const offer = promoted.offers[0]!;
      expect((await store.get(parent.id, 'offers', offer.id, PLANNER)).version).toBe(1);
    });

    it('is audited as one entry keyed by the parent, with the old document and the new', async () => {
      const store = ctx.store();
      const parent = await imported('promote-audit');
      const { variant, promoted, version } = await branched(parent);
      const entriesBefore = await store.audit({ scenarioId: parent.id });
      await store.promoteVariant(parent.id, variant.id, promoted, atVersion(version), planner('chief'));
      const entries = await store.audit({ scenarioId: parent.id });
      expect(entries).toHaveLength(entriesBefore.length + 1);
      expect(entries[0]).toMatchObject({
        actor: 'chief',
        scenarioId: parent.id,
        entity: 'scenario',
        entityKey: parent.id,
        nation: null,
        action: 'promote',
        before: parent,
        after: { variant: variant.id, document: promoted },
      });
      expect(await store.contentVersion(parent.id)).toBe(entries[0]!.id);
      expect(await store.audit({ scenarioId: variant.id, action: 'promote' })).toEqual([]);
    });

    it('refuses a parent changed since the variant was branched, changing nothing', async () => {
      const store = ctx.store();
      const parent = await imported('promote-stale');
      const { variant, promoted, version } = await branched(parent);
      const renamed = await store.updateScenario(parent.id, { name: 'Renamed meanwhile' }, version, PLANNER);
      const contentVersion = await store.contentVersion(parent.id);
      const entries = await store.audit({ scenarioId: parent.id });

      const e = await domainError(
        store.promoteVariant(parent.id, variant.id, promoted, atVersion(version), PLANNER),
      );
      expect(e.code).toBe('conflict');
      expect(e.message).toContain(`scenario ${parent.id} is at version ${renamed.version}, not ${version}`);
      expect(await store.exportScenario(parent.id, PLANNER)).toEqual({
        ...parent,
        name: 'Renamed meanwhile',
      });
      expect(await store.getScenario(parent.id)).toEqual(renamed);
      expect(await store.contentVersion(parent.id)).toBe(contentVersion);
      expect(await store.audit({ scenarioId: parent.id })).toEqual(entries);

      // Named at its current version, the promotion goes ahead.
      await store.promoteVariant(parent.id, variant.id, promoted, atVersion(renamed.version), PLANNER);
      expect(await store.exportScenario(parent.id, PLANNER)).toEqual(promoted);
    });

    it('runs the check with the parent as it stands: its document, version and content version', async () => {
      const store = ctx.store();
      const parent = await imported('promote-check');
      const { variant, promoted } = await branched(parent);
      const seen: { document: ScenarioDocument; version: number; contentVersion: number }[] = [];
      const expected = {
        document: await store.exportScenario(parent.id, PLANNER),
        version: (await store.getScenario(parent.id)).version,
        contentVersion: await store.contentVersion(parent.id),
      };
      await store.promoteVariant(parent.id, variant.id, promoted, (p) => void seen.push(p), PLANNER);
      expect(seen).toEqual([expected]);
    });

    it('waits for the scenario row, like every write to a scenario (PostgreSQL)', async () => {
      const store = ctx.store();
      if (!(store instanceof KyselyStore) || store.backend !== 'postgres') return;
      const parent = await imported('promote-queued');
      const { variant, promoted, version } = await branched(parent);
      const settled: string[] = [];
      let writes: Promise<unknown> = Promise.resolve();
      await store.db.transaction().execute(async (trx) => {
        await sql`select 1 from scenarios where id = ${parent.id} for no key update`.execute(trx);
        const write = (what: string, run: () => Promise<unknown>) => run().finally(() => settled.push(what));
        writes = Promise.all([
          write('decision', () => store.addDecision(parent.id, { id: ctx.fresh('d'), body: 1 }, PLANNER)),
          write('promote', () =>
            store.promoteVariant(parent.id, variant.id, promoted, atVersion(version), PLANNER),
          ),
        ]);
        await new Promise((resolve) => setTimeout(resolve, 300));
        expect(settled, 'writes that did not wait for the scenario row').toEqual([]);
      });
      await writes;
      expect(settled).toHaveLength(2);
      expect(await store.listDecisions(parent.id)).toHaveLength(1);
      expect(await store.exportScenario(parent.id, PLANNER)).toEqual(promoted);
    });

    it('is not_found for an unknown parent or variant, changing nothing', async () => {
      const store = ctx.store();
      const parent = await imported('promote-missing');
      const { variant, promoted, version } = await branched(parent);
      const entries = await store.audit({ scenarioId: parent.id });
      const missing = ctx.fresh('no-such-scenario');

      const noVariant = await domainError(
        store.promoteVariant(parent.id, missing, promoted, atVersion(version), PLANNER),
      );
      expect(noVariant).toMatchObject({ code: 'not_found', message: `scenario ${missing} not found` });
      const noParent = await domainError(
        store.promoteVariant(
          missing,
          variant.id,
          { ...promoted, id: missing as ScenarioId },
          atVersion(1),
          PLANNER,
        ),
      );
      expect(noParent).toMatchObject({ code: 'not_found', message: `scenario ${missing} not found` });
      expect(await store.exportScenario(parent.id, PLANNER)).toEqual(parent);
      expect(await store.audit({ scenarioId: parent.id })).toEqual(entries);
    });
  });
}
