// The access half of the storage contract: releasability on every read, users, sessions and failed
// sign-ins. Called from describeStoreContract (store.contract.test.ts), so it runs against every
// backend. Expectations are computed with the domain's own statement of the read rule
// (`releasableView`: markings and references), which the SQL must mirror.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ROLES, SYSTEM_PRINCIPAL, type Principal, type Releasability } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { ENTITY_KEY, ENTITY_KINDS, type EntityKind } from '../domain/records.ts';
import { withMarkings } from '../domain/marking-fixtures.ts';
import { releasableView } from '../domain/releasable-view.ts';
import { parseScenarioValue } from '../domain/scenario-document.ts';
import { offerSchema, type Offer, type ScenarioDocument } from '../domain/scenario-schema.ts';
import type { NewUser, Store } from './store.ts';

export interface ContractContext {
  store(): Store;
  /** A name no other test uses. */
  fresh(prefix: string): string;
  /** The contract's complete test scenario (nations GBR, FRA, DEU, UKR), not yet imported. */
  scenario(id: string): ScenarioDocument;
}

// --- helpers --------------------------------------------------------------------------------------

const PLANNER: Principal = { userId: 'planner', role: 'planner', nation: null };
const ADMIN: Principal = { userId: 'admin', role: 'administrator', nation: null };
const liaison = (nation: string | null): Principal => ({
  userId: `liaison-${nation}`,
  role: 'liaison',
  nation,
});
const observer = (nation: string | null): Principal => ({
  userId: `observer-${nation}`,
  role: 'observer',
  nation,
});
const PRINCIPALS: Principal[] = [
  PLANNER,
  ADMIN,
  liaison('GBR'),
  liaison('FRA'),
  liaison('DEU'),
  observer(null),
  observer('GBR'),
];

const COALITION: Releasability = { level: 'COALITION', nations: [] };
const PUBLIC_EXPLICIT: Releasability = { level: 'PUBLIC', nations: [] };
const relTo = (...nations: string[]): Releasability => ({ level: 'REL_TO', nations }) as Releasability;

/** One record of a document as the store keeps it, with what the read rule needs. */
interface Item {
  kind: EntityKind;
  key: string;
  owner: string | undefined;
  rel: Releasability | undefined;
}

/** The records of a document, kind by kind; owner as canSee takes it (independent of the store). */
function itemsOf(doc: ScenarioDocument): Item[] {
  const item = (kind: EntityKind, key: string, owner: string | undefined, rel?: Releasability): Item => ({
    kind,
    key,
    owner,
    rel,
  });
  return [
    ...doc.nations.map((n) => item('nations', n.id, n.id, n.releasability)),
    ...doc.nations.flatMap((n) => n.stances.map((s) => item('stances', s.id, n.id, s.releasability))),
    ...doc.capabilities.map((c) => item('capabilities', c.code, undefined, c.releasability)),
    ...doc.requirements.map((r) => item('requirements', r.id, undefined, r.releasability)),
    ...doc.offers.map((o) => item('offers', o.id, o.nation, o.releasability)),
    ...doc.pledges.map((p) => item('pledges', p.id, p.nation, p.releasability)),
    ...doc.rotationPolicies.map((p) => item('rotationPolicies', p.nation, p.nation, p.releasability)),
  ];
}

type Markings = Partial<Record<string, Releasability>>;

/**
 * The document with the markings given as `kind:key` → marking (others left as they are), released
 * where the owner rule requires it (withMarkings), as the store accepts only such documents.
 */
function marked(doc: ScenarioDocument, markings: Markings): ScenarioDocument {
  return withMarkings(doc, new Map(Object.entries(markings)));
}

/**
 * What exportScenario must give the viewer: the domain's statement of the whole read rule
 * (releasableView: markings, references, the header as shown); 'forbidden' when no nation is shown.
 */
function expectedExport(doc: ScenarioDocument, p: Principal): ScenarioDocument | 'forbidden' {
  const view = releasableView(doc, p);
  return view.nations.length === 0 ? 'forbidden' : view;
}

/** Whether the viewer is shown the item, by the domain's rule. */
function isShown(doc: ScenarioDocument, p: Principal, item: Item): boolean {
  return shownKeys(doc, p).has(`${item.kind}:${item.key}`);
}

/** `kind:key` of every record the viewer is shown, by the domain's rule. */
function shownKeys(doc: ScenarioDocument, p: Principal): Set<string> {
  const view = releasableView(doc, p);
  return new Set(itemsOf(view).map((i) => `${i.kind}:${i.key}`));
}

async function rejection(promise: Promise<unknown>): Promise<DomainError> {
  const e: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

/** Checks every read method for one viewer against canSee over the document's records. */
async function expectReadsMatchCanSee(store: Store, doc: ScenarioDocument, p: Principal): Promise<void> {
  const items = itemsOf(doc);
  const shown = shownKeys(doc, p);
  const visible = (i: Item) => shown.has(`${i.kind}:${i.key}`);
  for (const kind of ENTITY_KINDS) {
    const ofKind = items.filter((i) => i.kind === kind);
    const listed = (await store.list(doc.id, kind, p)).map((r) =>
      String((r as object as Record<string, unknown>)[ENTITY_KEY[kind]]),
    );
    expect(listed.sort(), `${p.role}/${p.nation ?? '-'} list ${kind}`).toEqual(
      ofKind
        .filter(visible)
        .map((i) => i.key)
        .sort(),
    );
  }
}

// --- the contract -------------------------------------------------------------------------------

export function describeAccessContract(ctx: ContractContext): void {
  /**
   * The fixed marked scenario: every kind has unmarked, PUBLIC, COALITION and REL_TO records
   * somewhere; UKR (host) and FRA (a lead nation) are marked, so the mission must drop them.
   */
  const MARKINGS: Markings = {
    'nations:FRA': COALITION,
    'nations:DEU': relTo('GBR'),
    'nations:UKR': relTo('GBR', 'DEU'),
    'stances:GBR-LEAD': COALITION,
    'stances:DEU-1': relTo('FRA'),
    'capabilities:FTR-SQN': COALITION,
    'capabilities:MCM-GRP': relTo('FRA'),
    'requirements:REQ-1': PUBLIC_EXPLICIT,
    'requirements:REQ-3': relTo('GBR'),
    'offers:OFF-GBR-1': relTo('FRA'),
    'offers:OFF-FRA-1': COALITION,
    'pledges:PL-1': COALITION,
    'rotationPolicies:GBR': PUBLIC_EXPLICIT,
    'rotationPolicies:FRA': relTo('DEU'),
  };
  const importMarked = async (prefix: string, markings: Markings = MARKINGS) => {
    const doc = marked(ctx.scenario(ctx.fresh(prefix)), markings);
    await ctx.store().importScenario(doc, PLANNER);
    return doc;
  };

  describe('access', () => {
    it('round-trips markings exactly: absent stays absent, explicit PUBLIC stays explicit', async () => {
      const store = ctx.store();
      const doc = await importMarked('marks');
      expect(await store.exportScenario(doc.id, PLANNER)).toEqual(doc);
      expect(await store.exportScenario(doc.id, SYSTEM_PRINCIPAL)).toEqual(doc);
      const req1 = await store.get(doc.id, 'requirements', 'REQ-1', PLANNER);
      expect(req1.releasability).toEqual(PUBLIC_EXPLICIT);
      const req2 = await store.get(doc.id, 'requirements', 'REQ-2', PLANNER);
      expect('releasability' in req2).toBe(false);
      expect((await store.get(doc.id, 'offers', 'OFF-GBR-1', PLANNER)).releasability).toEqual(relTo('FRA'));

      // Writes set, change and clear a marking.
      const { version: _v, createdAt: _c, updatedAt: _u, ...fields } = req2;
      const updated = await store.update(
        doc.id,
        'requirements',
        'REQ-2',
        { ...fields, releasability: relTo('DEU', 'POL') },
        1,
        PLANNER,
      );
      expect(updated.releasability).toEqual(relTo('DEU', 'POL'));
      const { releasability: _r, ...unmarked } = fields;
      const cleared = await store.update(doc.id, 'requirements', 'REQ-2', unmarked, 2, PLANNER);
      expect('releasability' in cleared).toBe(false);
      const created = await store.create(
        doc.id,
        'offers',
        offerSchema.parse({ ...doc.offers[1], id: 'OFF-NEW', releasability: COALITION }),
        PLANNER,
      );
      expect(created.releasability).toEqual(COALITION);
      expect(await store.get(doc.id, 'offers', 'OFF-NEW', liaison('DEU'))).toEqual(created);
    });

    it('refuses a marking the schema would refuse (REL_TO without nations)', async () => {
      const store = ctx.store();
      const doc = await importMarked('bad-mark');
      const bad = { ...doc.offers[1]!, id: 'OFF-BAD', releasability: { level: 'REL_TO', nations: [] } };
      const e = await rejection(store.create(doc.id, 'offers', bad as unknown as Offer, PLANNER));
      expect(e.code).toBe('invalid');
      expect(e.issues[0]?.path).toBe('releasability.nations');
    });

    it('lists for each role exactly what it may see', async () => {
      const store = ctx.store();
      const doc = await importMarked('roles');
      const offers = async (p: Principal) => (await store.list(doc.id, 'offers', p)).map((o) => o.id);
      expect(await offers(PLANNER)).toEqual(['OFF-GBR-1', 'OFF-FRA-1', 'OFF-FRA-2']);
      expect(await offers(ADMIN)).toEqual(['OFF-GBR-1', 'OFF-FRA-1', 'OFF-FRA-2']);
      // GBR's own offer (REL_TO FRA) and the COALITION one; not OFF-FRA-2, whose capability
      // MCM-GRP is REL_TO FRA: a record naming a withheld one is withheld too.
      expect(await offers(liaison('GBR'))).toEqual(['OFF-GBR-1', 'OFF-FRA-1']);
      expect(await offers(liaison('DEU'))).toEqual(['OFF-FRA-1']);
      // Nation FRA is COALITION: an observer without a nation is not shown it, nor FRA's offers.
      expect(await offers(observer(null))).toEqual([]);
      // A national observer sees its own nation's records and REL_TO it, never COALITION: not FRA.
      expect(await offers(observer('GBR'))).toEqual(['OFF-GBR-1']);
      // Not OFF-FRA-1 although FRA's own: its capability FTR-SQN is COALITION, never an observer's.
      expect(await offers(observer('FRA'))).toEqual(['OFF-GBR-1', 'OFF-FRA-2']);
      // A liaison record without a nation cannot exist, but the rule still holds for one.
      expect(await offers(liaison(null))).toEqual([]);
      // The nation filter and the read rule combine.
      expect(
        (await store.list(doc.id, 'offers', liaison('DEU'), { nation: 'FRA' })).map((o) => o.id),
      ).toEqual(['OFF-FRA-1']);
      expect((await store.list(doc.id, 'nations', observer(null))).map((n) => n.id)).toEqual(['GBR']);
      expect((await store.list(doc.id, 'nations', liaison('DEU'))).map((n) => n.id)).toEqual([
        'GBR',
        'FRA',
        'DEU',
        'UKR',
      ]);
      for (const p of PRINCIPALS) await expectReadsMatchCanSee(store, doc, p);
    });

    it('gets a record it may not see as not found, in the words used for an absent one', async () => {
      const store = ctx.store();
      const doc = await importMarked('get');
      const absent = await rejection(store.get(doc.id, 'offers', 'OFF-NONE', observer(null)));
      const hidden = await rejection(store.get(doc.id, 'offers', 'OFF-FRA-1', observer(null)));
      expect(hidden.code).toBe('not_found');
      expect(hidden.message).toBe(`offer OFF-FRA-1 not found in scenario ${doc.id}`);
      expect(absent.message).toBe(`offer OFF-NONE not found in scenario ${doc.id}`);
      expect(hidden.details).toBeUndefined();
      for (const p of PRINCIPALS) {
        const shown = shownKeys(doc, p);
        for (const i of itemsOf(doc)) {
          const got = store.get(doc.id, i.kind, i.key, p);
          if (shown.has(`${i.kind}:${i.key}`)) {
            expect(await got).toMatchObject({ [ENTITY_KEY[i.kind]]: i.key });
          } else {
            expect((await rejection(got)).code, `${p.userId} ${i.kind} ${i.key}`).toBe('not_found');
          }
        }
      }
      // An unknown scenario is still named as such.
      expect(
        (await rejection(store.get('no-such-scenario', 'offers', 'OFF-1', observer(null)))).message,
      ).toBe('scenario no-such-scenario not found');
    });

    it('exports only what the viewer may see, as a valid document', async () => {
      const store = ctx.store();
      const doc = await importMarked('export');
      for (const p of PRINCIPALS) {
        const expected = expectedExport(doc, p);
        if (expected === 'forbidden') throw new Error('the fixed scenario shows every viewer a nation');
        const exported = await store.exportScenario(doc.id, p);
        expect(exported, `${p.userId} export`).toEqual(expected);
        const parsed = parseScenarioValue(JSON.parse(JSON.stringify(exported)));
        expect(parsed.ok ? [] : parsed.issues, `${p.userId} export validates`).toEqual([]);
      }
      // The anonymous observer sees GBR only: no host nation, no lead nation FRA, no REQ-2 (its
      // capability FTR-SQN is COALITION), no OFF-FRA-2 (nation FRA is COALITION), no PL-2 (DEU).
      const seen = await store.exportScenario(doc.id, observer(null));
      expect(seen.nations.map((n) => n.id)).toEqual(['GBR']);
      expect(seen.nations[0]?.stances.map((s) => s.id)).toEqual(['GBR-1']);
      expect(seen.mission.hostNation).toBeUndefined();
      expect(seen.mission.components.map((c) => c.leadNations)).toEqual([[], []]);
      expect(seen.capabilities.map((c) => c.code)).toEqual(['MECH-INF-BN']);
      expect(seen.requirements.map((r) => r.id)).toEqual(['REQ-1']);
      expect(seen.offers).toEqual([]);
      expect(seen.pledges).toEqual([]);
      expect(seen.rotationPolicies.map((r) => r.nation)).toEqual(['GBR']);
      // A liaison of DEU sees UKR (REL_TO GBR, DEU), so the host nation stays.
      expect((await store.exportScenario(doc.id, liaison('DEU'))).mission.hostNation).toBe('UKR');
      // The line of contact and the ladder name no record: every viewer is shown them as they are.
      expect(doc.theatre?.lineOfContact).toBeDefined();
      expect(seen.theatre).toEqual(doc.theatre);
      expect(seen.escalation).toEqual(doc.escalation);
      const listed = (await store.listScenarios(observer(null))).find((s) => s.id === doc.id);
      expect(listed).toMatchObject({ theatre: doc.theatre, escalation: doc.escalation });
    });

    it('refuses to export when no nation is visible, since a document needs one', async () => {
      const store = ctx.store();
      const doc = await importMarked('no-nation', {
        'nations:GBR': COALITION,
        'nations:FRA': COALITION,
        'nations:DEU': COALITION,
        'nations:UKR': COALITION,
      });
      const e = await rejection(store.exportScenario(doc.id, observer(null)));
      expect(e.code).toBe('forbidden');
      expect((await store.exportScenario(doc.id, liaison('DEU'))).nations).toHaveLength(4);
    });

    it('summarises scenarios over visible records, marking partial ones', async () => {
      const store = ctx.store();
      const doc = await importMarked('summary');
      const plain = ctx.scenario(ctx.fresh('summary-plain'));
      await store.importScenario(plain, PLANNER);
      const summary = async (p: Principal, id: string) =>
        (await store.listScenarios(p)).find((s) => s.id === id);
      expect(await summary(PLANNER, doc.id)).toMatchObject({
        counts: { nations: 4, requirements: 3, offers: 3, pledges: 2 },
        personnelOffered: 1_550,
        partial: false,
      });
      // Every viewer's counts are those of what it is shown (the domain's rule), and `partial` says
      // only whether the viewer is staff: whether anything is in fact withheld is not told.
      for (const p of PRINCIPALS) {
        const view = releasableView(doc, p);
        expect(await summary(p, doc.id), p.userId).toMatchObject({
          counts: {
            nations: view.nations.length,
            requirements: view.requirements.length,
            offers: view.offers.length,
            pledges: view.pledges.length,
          },
          personnelOffered: view.offers
            .filter((o) => o.status !== 'withdrawn')
            .reduce((n, o) => n + o.personnel, 0),
          partial: p.role === 'liaison' || p.role === 'observer',
        });
      }
      // An unmarked scenario is whole for everyone, yet an observer's summary is partial as ever.
      expect(await summary(observer(null), plain.id)).toMatchObject({
        partial: true,
        personnelOffered: 1_550,
      });
      // The summary an import returns is the importer's.
      const copy = await store.importScenario(doc, liaison('DEU'), ctx.fresh('summary-copy'));
      expect(copy).toMatchObject({ partial: true, counts: { offers: 1 } });
    });

    describe('search', () => {
      const hitKeys = (hits: { kind: string; key: string }[]) => hits.map((h) => `${h.kind}:${h.key}`);

      it('finds a record by its key for exactly the viewers that may see it', async () => {
        const store = ctx.store();
        const doc = await importMarked('search-keys');
        for (const p of PRINCIPALS) {
          for (const i of itemsOf(doc)) {
            const { items } = await store.search(doc.id, p, { text: i.key, limit: 200 });
            const found = hitKeys(items).includes(`${i.kind}:${i.key}`);
            expect(found, `${p.userId} searches ${i.kind} ${i.key}`).toBe(isShown(doc, p, i));
            for (const h of items) {
              const item = itemsOf(doc).find((x) => x.kind === h.kind && x.key === h.key);
              expect(item && isShown(doc, p, item), `${p.userId} hit ${h.kind} ${h.key}`).toBe(true);
            }
          }
        }
      });

      it("gives each viewer the planner's hits less those it may not see, and truncates on visible ones", async () => {
        const store = ctx.store();
        const doc = await importMarked('search-subset');
        const all = await store.search(doc.id, PLANNER, { text: 'TEST', limit: 200 });
        expect(all.items.length).toBeGreaterThan(10);
        expect(all.truncated).toBe(false);
        for (const p of PRINCIPALS) {
          const visible = all.items.filter((h) => {
            const item = itemsOf(doc).find((x) => x.kind === h.kind && x.key === h.key)!;
            return isShown(doc, p, item);
          });
          const mine = await store.search(doc.id, p, { text: 'test', limit: 200 });
          expect(mine.items, p.userId).toEqual(visible);
          // Cut exactly at the number of visible hits, nothing more is reported to exist.
          const exact = await store.search(doc.id, p, { text: 'test', limit: visible.length });
          expect(exact, p.userId).toEqual({ items: visible, truncated: false });
          const short = await store.search(doc.id, p, { text: 'test', limit: visible.length - 1 });
          expect(short, p.userId).toEqual({ items: visible.slice(0, -1), truncated: true });
        }
      });

      it('reports the field that matched with a snippet, ranks the key first, and filters kinds', async () => {
        const store = ctx.store();
        const doc = await importMarked('search-fields');
        const caveat = await store.search(doc.id, PLANNER, { text: 'us AIR cover' });
        expect(caveat).toEqual({
          items: [
            {
              kind: 'offers',
              key: 'OFF-GBR-1',
              label: 'GBR offers 2 × MECH-INF-BN (confirmed)',
              field: 'caveats.notes',
              snippet: 'Only with US air cover.',
            },
          ],
          truncated: false,
        });
        // OFF-GBR-1 is REL_TO FRA: Britain (its owner) and France find it, Germany and the public do not.
        expect((await store.search(doc.id, liaison('FRA'), { text: 'us air cover' })).items).toHaveLength(1);
        expect((await store.search(doc.id, liaison('GBR'), { text: 'us air cover' })).items).toHaveLength(1);
        expect(await store.search(doc.id, liaison('DEU'), { text: 'us air cover' })).toEqual({
          items: [],
          truncated: false,
        });
        expect((await store.search(doc.id, observer(null), { text: 'us air cover' })).items).toEqual([]);

        const gazette = await store.search(doc.id, PLANNER, { text: 'gazette', kinds: ['nations'] });
        expect(gazette.items.map((h) => [h.key, h.field])).toEqual([['GBR', 'gdp.source.publication']]);
        const statement = await store.search(doc.id, PLANNER, { text: 'LEADS THE' });
        expect(statement.items.map((h) => [h.kind, h.key, h.field, h.label])).toEqual([
          ['stances', 'GBR-LEAD', 'statement', 'GBR: lead (2025-03-02)'],
        ]);
        expect(statement.items[0]?.snippet).toBe('Leads the coalition.');
        // The key that is the text comes first, then keys containing it, then other text.
        const req = await store.search(doc.id, PLANNER, { text: 'req-1' });
        expect(req.items[0]).toMatchObject({ kind: 'requirements', key: 'REQ-1', field: 'id' });
        const sectors = await store.search(doc.id, PLANNER, {
          text: 'kharkiv',
          kinds: ['offers', 'pledges'],
        });
        expect(sectors.items.map((h) => [h.key, h.field, h.snippet])).toEqual([
          ['OFF-GBR-1', 'caveats.excludedSectors', 'Donbas; Kharkiv, north'],
        ]);
        expect((await store.search(doc.id, PLANNER, { text: 'kharkiv', kinds: ['pledges'] })).items).toEqual(
          [],
        );
        expect((await store.search(doc.id, PLANNER, { text: 'kharkiv', kinds: [] })).items).toEqual([]);
      });

      it('takes the text literally: no wildcards, no SQL', async () => {
        const store = ctx.store();
        const doc = await importMarked('search-literal');
        for (const text of ['%', '_', '%test%', "'; drop table offers; --", '\\', 'test_figure']) {
          expect((await store.search(doc.id, PLANNER, { text })).items, text).toEqual([]);
        }
        expect((await store.list(doc.id, 'offers', PLANNER)).length).toBe(3);
        expect((await store.search(doc.id, PLANNER, { text: 'OFF-' })).items.map((h) => h.key)).toEqual([
          'OFF-GBR-1',
          'OFF-FRA-1',
          'OFF-FRA-2',
        ]);
        expect((await rejection(store.search('no-such-scenario', PLANNER, { text: 'x' }))).code).toBe(
          'not_found',
        );
      });
    });

    it('matches canSee for random viewers and random markings (property)', async () => {
      const store = ctx.store();
      const base = ctx.scenario('property-base');
      const keys = itemsOf(base).map((i) => `${i.kind}:${i.key}`);
      const nationPool = ['GBR', 'FRA', 'DEU', 'UKR', 'POL'];
      const marking = fc.option(
        fc.oneof(
          fc.constant(PUBLIC_EXPLICIT),
          fc.constant(COALITION),
          fc
            .uniqueArray(fc.constantFrom(...nationPool), { minLength: 1, maxLength: 3 })
            .map((nations) => relTo(...nations)),
        ),
        { nil: undefined },
      );
      const principal = fc.record({
        userId: fc.constant('someone'),
        role: fc.constantFrom(...ROLES),
        nation: fc.constantFrom<string | null>(null, ...nationPool),
      });
      await fc.assert(
        fc.asyncProperty(
          fc.array(marking, { minLength: keys.length, maxLength: keys.length }),
          fc.array(principal, { minLength: 1, maxLength: 4 }),
          async (marks, viewers) => {
            const markings: Markings = {};
            keys.forEach((k, i) => {
              const m = marks[i];
              if (m !== undefined) markings[k] = m;
            });
            const doc = await importMarked('property', markings);
            // "e" is in nearly every record's text: search must give each viewer the visible part.
            const everything = await store.search(doc.id, PLANNER, { text: 'e', limit: 200 });
            for (const p of viewers) {
              await expectReadsMatchCanSee(store, doc, p);
              const visibleHits = everything.items.filter((h) => {
                const item = itemsOf(doc).find((x) => x.kind === h.kind && x.key === h.key)!;
                return isShown(doc, p, item);
              });
              expect((await store.search(doc.id, p, { text: 'E', limit: 200 })).items).toEqual(visibleHits);
              const expected = expectedExport(doc, p);
              if (expected === 'forbidden') {
                expect((await rejection(store.exportScenario(doc.id, p))).code).toBe('forbidden');
              } else {
                const exported = await store.exportScenario(doc.id, p);
                expect(exported).toEqual(expected);
                expect(parseScenarioValue(JSON.parse(JSON.stringify(exported))).ok).toBe(true);
              }
            }
          },
        ),
        { numRuns: 25 },
      );
    });

    it('logs the nation a changed record belongs to, and filters the log by it', async () => {
      const store = ctx.store();
      const doc = await importMarked('audit-nation');
      const actor: Principal = { userId: ctx.fresh('liaison'), role: 'liaison', nation: 'FRA' };
      const o = doc.offers[1]!;
      await store.update(doc.id, 'offers', o.id, { ...o, status: 'confirmed' }, 1, actor);
      await store.create(doc.id, 'offers', offerSchema.parse({ ...o, id: 'OFF-FRA-9' }), actor);
      await store.delete(doc.id, 'offers', 'OFF-FRA-9', 1, actor);
      await store.update(doc.id, 'requirements', 'REQ-2', doc.requirements[1]!, 1, actor);
      const entries = await store.audit({ actor: actor.userId });
      expect(entries.map((e) => [e.action, e.entityKey, e.nation])).toEqual([
        ['update', 'REQ-2', null],
        ['delete', 'OFF-FRA-9', 'FRA'],
        ['create', 'OFF-FRA-9', 'FRA'],
        ['update', o.id, 'FRA'],
      ]);
      expect((await store.audit({ scenarioId: doc.id, nation: 'FRA' })).map((e) => e.entityKey)).toEqual([
        'OFF-FRA-9',
        'OFF-FRA-9',
        o.id,
      ]);
      expect(await store.audit({ scenarioId: doc.id, nation: 'DEU' })).toEqual([]);
      const [imported] = await store.audit({ scenarioId: doc.id, action: 'import' });
      expect(imported?.nation).toBeNull();
      // A nation record belongs to itself.
      const planner: Principal = { userId: ctx.fresh('planner'), role: 'planner' };
      const { stances: _s, ...deu } = doc.nations[2]!;
      await store.update(doc.id, 'nations', 'DEU', { ...deu, notes: 'Changed.' }, 1, planner);
      expect((await store.audit({ actor: planner.userId }))[0]?.nation).toBe('DEU');
    });

    describe('users', () => {
      const newUser = (id: string, over: Partial<NewUser> = {}): NewUser => ({
        id,
        displayName: `User ${id}`,
        role: 'planner',
        nation: null,
        passwordHash: `scrypt$hash-of-${id}`,
        mustChangePassword: true,
        ...over,
      });

      it('creates, reads and lists users, never handing out the hash but through getCredentials', async () => {
        const store = ctx.store();
        const admin: Principal = { userId: ctx.fresh('admin'), role: 'administrator' };
        const before = await store.countUsers();
        const b = ctx.fresh('b-user');
        const a = ctx.fresh('a-user');
        const created = await store.createUser(
          newUser(b, { role: 'liaison', nation: 'GBR', mustChangePassword: false }),
          admin,
        );
        expect(created).toEqual({
          id: b,
          displayName: `User ${b}`,
          role: 'liaison',
          nation: 'GBR',
          disabled: false,
          mustChangePassword: false,
          version: 1,
          createdAt: expect.stringMatching(/Z$/),
          updatedAt: expect.stringMatching(/Z$/),
        });
        await store.createUser(newUser(a), admin);
        expect(await store.countUsers()).toBe(before + 2);
        expect(await store.getUser(b)).toEqual(created);
        const ids = (await store.listUsers()).map((u) => u.id);
        expect(ids).toEqual([...ids].sort());
        expect(ids.indexOf(a)).toBeLessThan(ids.indexOf(b));
        expect(await store.getCredentials(b)).toEqual({ user: created, passwordHash: `scrypt$hash-of-${b}` });
        expect(await store.getCredentials(ctx.fresh('nobody'))).toBeUndefined();
        const missing = await rejection(store.getUser('no-such-user'));
        expect(missing.code).toBe('not_found');
        expect(missing.message).toBe('user no-such-user not found');

        const dup = await rejection(store.createUser(newUser(b), admin));
        expect(dup.code).toBe('conflict');
        const [entry, ...rest] = await store.audit({ entity: 'users', entityKey: b });
        expect(rest).toEqual([]);
        expect(entry).toMatchObject({ action: 'create', actor: admin.userId, nation: 'GBR', before: null });
        expect(entry?.after).toEqual(created);
        expect(await store.audit({ entity: 'users', nation: 'GBR', actor: admin.userId })).toHaveLength(1);
      });

      it('refuses users the rules forbid', async () => {
        const store = ctx.store();
        const noNation = await rejection(
          store.createUser(newUser(ctx.fresh('l'), { role: 'liaison' }), ADMIN),
        );
        expect(noNation.code).toBe('invalid');
        expect(noNation.issues[0]?.path).toBe('nation');
        const badId = await rejection(store.createUser(newUser('has space'), ADMIN));
        expect(badId.issues[0]?.path).toBe('id');
        const badRole = await rejection(
          store.createUser(newUser(ctx.fresh('r'), { role: 'general' as NewUser['role'] }), ADMIN),
        );
        expect(badRole.issues[0]?.path).toBe('role');
        const id = ctx.fresh('obs');
        await store.createUser(newUser(id, { role: 'observer' }), ADMIN);
        const toLiaison = await rejection(store.updateUser(id, { role: 'liaison' }, 1, ADMIN));
        expect(toLiaison.issues[0]?.path).toBe('nation');
        expect(await store.getUser(id)).toMatchObject({ role: 'observer', version: 1 });
      });

      it('updates users with a version check, auditing without password hashes', async () => {
        const store = ctx.store();
        const admin: Principal = { userId: ctx.fresh('admin'), role: 'administrator' };
        const id = ctx.fresh('user');
        const created = await store.createUser(newUser(id), admin);
        const renamed = await store.updateUser(
          id,
          { displayName: 'Renamed', role: 'liaison', nation: 'FRA' },
          1,
          admin,
        );
        expect(renamed).toMatchObject({ displayName: 'Renamed', role: 'liaison', nation: 'FRA', version: 2 });
        expect(renamed.createdAt).toBe(created.createdAt);
        const stale = await rejection(store.updateUser(id, { disabled: true }, 1, admin));
        expect(stale.code).toBe('conflict');
        expect(stale.details).toEqual({ current: renamed });
        // Without a version the latest is taken (a password reset).
        const newHash = `scrypt$new-secret-${id}`;
        const reset = await store.updateUser(
          id,
          { passwordHash: newHash, mustChangePassword: false },
          undefined,
          admin,
        );
        expect(reset).toMatchObject({ version: 3, mustChangePassword: false });
        expect((await store.getCredentials(id))?.passwordHash).toBe(newHash);
        expect((await rejection(store.updateUser('no-such-user', {}, undefined, admin))).code).toBe(
          'not_found',
        );

        const entries = await store.audit({ entity: 'users', entityKey: id });
        expect(entries.map((e) => e.action)).toEqual(['update', 'update', 'create']);
        expect(entries[0]).toMatchObject({ before: renamed, nation: 'FRA' });
        expect(entries[0]?.after).toEqual({ ...reset, passwordChanged: true });
        expect(entries[1]).toMatchObject({ before: created, after: renamed });
        const logged = JSON.stringify(entries);
        expect(logged).not.toContain(newHash);
        expect(logged).not.toContain(`scrypt$hash-of-${id}`);
        expect(logged).not.toContain('scrypt$');
      });

      it('finds live sessions of enabled users only', async () => {
        const store = ctx.store();
        const id = ctx.fresh('sess');
        const user = await store.createUser(newUser(id), ADMIN);
        const now = new Date();
        const later = new Date(now.getTime() + 3_600_000);
        await store.createSession(`${id}-a`, id, later);
        await store.createSession(`${id}-b`, id, later);
        await store.createSession(`${id}-old`, id, new Date(now.getTime() - 1_000));
        expect(await store.findSession(`${id}-a`, now)).toEqual({ user, expiresAt: later.toISOString() });
        expect(await store.findSession(`${id}-old`, now)).toBeUndefined();
        expect(await store.findSession(`${id}-a`, new Date(later.getTime() + 1))).toBeUndefined();
        expect(await store.findSession('no-such-token', now)).toBeUndefined();
        expect((await rejection(store.createSession(`${id}-x`, 'no-such-user', later))).code).toBe(
          'not_found',
        );

        await store.deleteSession(`${id}-a`);
        expect(await store.findSession(`${id}-a`, now)).toBeUndefined();
        expect(await store.findSession(`${id}-b`, now)).toBeDefined();

        const disabled = await store.updateUser(id, { disabled: true }, 1, ADMIN);
        expect(await store.findSession(`${id}-b`, now)).toBeUndefined();
        await store.updateUser(id, { disabled: false }, disabled.version, ADMIN);
        expect((await store.findSession(`${id}-b`, now))?.user.disabled).toBe(false);
        await store.deleteUserSessions(id);
        expect(await store.findSession(`${id}-b`, now)).toBeUndefined();
      });

      it('counts failed sign-ins per key within a window, clears them, and forgets old ones', async () => {
        const store = ctx.store();
        const user = `user:${ctx.fresh('alice')}`;
        const ip = `ip:${ctx.fresh('10.0.0.1')}`;
        const now = Date.now();
        const at = (msAgo: number) => new Date(now - msAgo);
        await store.recordLoginFailure([user, ip], at(20 * 60_000));
        await store.recordLoginFailure([user, ip], at(10 * 60_000));
        await store.recordLoginFailure([user], at(60_000));
        await store.recordLoginFailure([], at(0));
        expect(await store.countLoginFailures(user, at(15 * 60_000))).toBe(2);
        expect(await store.countLoginFailures(ip, at(15 * 60_000))).toBe(1);
        expect(await store.countLoginFailures(user, at(60 * 60_000))).toBe(3);
        await store.clearLoginFailures([user]);
        expect(await store.countLoginFailures(user, at(60 * 60_000))).toBe(0);
        expect(await store.countLoginFailures(ip, at(60 * 60_000))).toBe(2);
        await store.clearLoginFailures([]);

        // A failure recorded now sweeps away those more than a day old.
        const old = `user:${ctx.fresh('old')}`;
        await store.recordLoginFailure([old], at(2 * 24 * 3_600_000));
        expect(await store.countLoginFailures(old, new Date(0))).toBe(1);
        await store.recordLoginFailure([ip], at(0));
        expect(await store.countLoginFailures(old, new Date(0))).toBe(0);
      });
    });
  });
}
