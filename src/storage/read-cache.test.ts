// The embedded store's read cache (read-cache.ts): what it serves must be exactly what the store
// itself would answer at that moment, for every viewer, whatever was written before. The cached
// store writes through to a PGlite store, and every check asks that same store uncached.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_PRINCIPAL, canSee, type Principal, type Releasability } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { EntityKind, EntityTypes, Stored } from '../domain/records.ts';
import { requireScenario } from '../domain/scenario-document.ts';
import { apiScenario } from '../domain/api-test-fixtures.ts';
import type { KyselyStore } from './kysely-store.ts';
import { openStore } from './open-store.ts';
import { cachedStore, copyOf, type CachedStore } from './read-cache.ts';
import type { Store } from './store.ts';

const SCENARIO = 'api-test';
const OTHER = 'other-test';

const planner: Principal = { userId: 'planner', role: 'planner', nation: null };
const admin: Principal = { userId: 'admin', role: 'administrator', nation: null };
const gbr1: Principal = { userId: 'liaison-gbr', role: 'liaison', nation: 'GBR' };
const gbr2: Principal = { userId: 'liaison-gbr-2', role: 'liaison', nation: 'GBR' };
const fra: Principal = { userId: 'liaison-fra', role: 'liaison', nation: 'FRA' };
const deu: Principal = { userId: 'liaison-deu', role: 'liaison', nation: 'DEU' };
const observer: Principal = { userId: 'observer', role: 'observer', nation: null };
const observerFra: Principal = { userId: 'observer-fra', role: 'observer', nation: 'FRA' };
const VIEWERS = [planner, admin, gbr1, gbr2, fra, deu, observer, observerFra];

const NATIONS = ['GBR', 'FRA', 'DEU'] as const;
const MARKINGS = [
  undefined,
  { level: 'PUBLIC', nations: [] },
  { level: 'COALITION', nations: [] },
  { level: 'REL_TO', nations: ['GBR'] },
  { level: 'REL_TO', nations: ['FRA', 'DEU'] },
] as (Releasability | undefined)[];

/** A scenario with marked records, so that viewers differ in what they see. */
function markedScenario(id: string) {
  const doc = apiScenario();
  const offers = doc.offers as Record<string, unknown>[];
  offers.push(
    { ...offers[0], id: 'OFF-GBR-2', releasability: { level: 'REL_TO', nations: ['GBR'] } },
    { ...offers[1], id: 'OFF-FRA-2', releasability: { level: 'COALITION', nations: [] } },
    { ...offers[1], id: 'OFF-DEU-1', nation: 'DEU', releasability: { level: 'REL_TO', nations: ['FRA'] } },
  );
  const pledges = doc.pledges as Record<string, unknown>[];
  pledges.push({
    ...pledges[0],
    id: 'PLG-FRA-1',
    nation: 'FRA',
    currency: 'EUR',
    releasability: { level: 'REL_TO', nations: ['FRA'] },
  });
  return requireScenario({ ...doc, id });
}

type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };

async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await run() };
  } catch (e) {
    if (e instanceof DomainError) return { ok: false, code: e.code, message: e.message };
    throw e;
  }
}

let inner: KyselyStore;
let cached: CachedStore;

beforeAll(async () => {
  inner = await openStore({});
  cached = cachedStore(inner);
  await cached.importScenario(markedScenario(SCENARIO), SYSTEM_PRINCIPAL);
  await cached.importScenario(markedScenario(OTHER), SYSTEM_PRINCIPAL);
});

afterAll(async () => {
  await cached.close();
});

/** The record as stored, without its bookkeeping: what an update sends back changed. */
async function current<K extends EntityKind>(kind: K, key: string): Promise<Stored<EntityTypes[K]>> {
  return inner.get(SCENARIO, kind, key, SYSTEM_PRINCIPAL);
}

function content(stored: { version: number; createdAt: string; updatedAt: string }): Record<string, unknown> {
  const { version: _v, createdAt: _c, updatedAt: _u, ...record } = stored;
  return record;
}

/** Test records are put together loosely (the store is what checks them): fits any kind. */
function rec(value: Record<string, unknown>): never {
  return value as never;
}

/** Each read the cache serves, as a function of a store and a viewer. */
const READS: Record<string, (store: Store, viewer: Principal) => Promise<unknown>> = {
  listScenarios: (s, v) => s.listScenarios(v),
  getScenario: (s) => s.getScenario(SCENARIO),
  offersTag: (s, v) => s.recordsTag(SCENARIO, 'offers', v),
  exportScenario: (s, v) => s.exportScenario(SCENARIO, v),
  offers: (s, v) => s.list(SCENARIO, 'offers', v),
  offersOfGbr: (s, v) => s.list(SCENARIO, 'offers', v, { nation: 'GBR' }),
  pledges: (s, v) => s.list(SCENARIO, 'pledges', v),
  pledgesOfFra: (s, v) => s.list(SCENARIO, 'pledges', v, { nation: 'FRA' }),
  stances: (s, v) => s.list(SCENARIO, 'stances', v),
  nations: (s, v) => s.list(SCENARIO, 'nations', v),
  offerGbr1: (s, v) => s.get(SCENARIO, 'offers', 'OFF-GBR-1', v),
  offerGbr2: (s, v) => s.get(SCENARIO, 'offers', 'OFF-GBR-2', v),
  offerDeu1: (s, v) => s.get(SCENARIO, 'offers', 'OFF-DEU-1', v),
  pledgeFra1: (s, v) => s.get(SCENARIO, 'pledges', 'PLG-FRA-1', v),
  otherOffers: (s, v) => s.list(OTHER, 'offers', v),
  missingScenario: (s, v) => s.list('no-such-scenario', 'offers', v),
  contentVersion: (s) => s.contentVersion(SCENARIO),
  otherContentVersion: (s) => s.contentVersion(OTHER),
  missingContentVersion: (s) => s.contentVersion('no-such-scenario'),
};

async function expectSame(read: string, viewer: Principal): Promise<void> {
  const fn = READS[read]!;
  const got = await outcome(() => fn(cached, viewer));
  const want = await outcome(() => fn(inner, viewer));
  expect(got, `${read} as ${viewer.userId}`).toEqual(want);
}

async function expectAllSame(): Promise<void> {
  for (const viewer of VIEWERS) for (const read of Object.keys(READS)) await expectSame(read, viewer);
}

describe('read cache', () => {
  it('is refused for PostgreSQL, where other processes write', () => {
    expect(() => cachedStore({ backend: 'postgres' } as Store)).toThrow(/only for the embedded store/);
  });

  it('serves a repeated read from memory, frozen so that no caller can change it for the next', async () => {
    const first = await cached.list(SCENARIO, 'offers', planner);
    const before = cached.stats;
    const second = await cached.list(SCENARIO, 'offers', planner);
    expect(cached.stats.hits).toBe(before.hits + 1);
    expect(cached.stats.misses).toBe(before.misses);
    expect(second).toEqual(first);
    expect(() => {
      second[0]!.personnel = 99_999 as never;
    }).toThrow(TypeError);
    expect(() => second.pop()).toThrow(TypeError);
    expect(() => {
      (second[1]!.readiness as { level: string }).level = 'L9';
    }).toThrow(TypeError);
    expect(await cached.list(SCENARIO, 'offers', planner)).toEqual(
      await inner.list(SCENARIO, 'offers', planner),
    );
    // Whole documents are copies: analyses may work on them in place.
    const doc = await cached.exportScenario(SCENARIO, planner);
    doc.offers.pop();
    expect(await cached.exportScenario(SCENARIO, planner)).toEqual(
      await inner.exportScenario(SCENARIO, planner),
    );
  });

  it('keys results by role and nation: a liaison never gets what a planner was served', async () => {
    const asPlanner = await cached.list(SCENARIO, 'offers', planner);
    const asLiaison = await cached.list(SCENARIO, 'offers', gbr1);
    expect(asLiaison).toEqual(await inner.list(SCENARIO, 'offers', gbr1));
    expect(asLiaison.length).toBeLessThan(asPlanner.length);
    expect(asLiaison.every((o) => canSee(gbr1, o.releasability, o.nation))).toBe(true);
    await expect(cached.get(SCENARIO, 'offers', 'OFF-DEU-1', gbr1)).rejects.toThrow(/not found/);
    // Another user of the same role and nation shares the entry: the user id is not part of the key.
    const before = cached.stats;
    expect(await cached.list(SCENARIO, 'offers', gbr2)).toEqual(asLiaison);
    expect(cached.stats.hits).toBe(before.hits + 1);
  });

  it('brings what an edit touches up to date and keeps what it does not', async () => {
    const reads = () =>
      Promise.all([
        cached.list(SCENARIO, 'offers', planner),
        cached.list(SCENARIO, 'offers', gbr1),
        cached.get(SCENARIO, 'offers', 'OFF-FRA-1', planner),
        cached.get(SCENARIO, 'offers', 'OFF-GBR-1', gbr1),
        cached.list(SCENARIO, 'pledges', planner),
        cached.listScenarios(gbr1),
        cached.listScenarios(planner),
      ]);
    await reads();
    const offer = await current('offers', 'OFF-GBR-1');
    // Neither marking, nation, personnel nor status: no one's view changes but in the record itself.
    const updated = await cached.update(
      SCENARIO,
      'offers',
      'OFF-GBR-1',
      rec({ ...content(offer), assumption: 'edited' }),
      offer.version,
      planner,
    );
    const before = cached.stats;
    const [offers, liaisonOffers, other, edited] = await reads();
    expect(cached.stats.misses).toBe(before.misses);
    expect(offers.find((o) => o.id === 'OFF-GBR-1')).toEqual(updated);
    expect(liaisonOffers.find((o) => o.id === 'OFF-GBR-1')).toEqual(updated);
    expect(edited).toEqual(updated);
    expect(other).toEqual(await inner.get(SCENARIO, 'offers', 'OFF-FRA-1', planner));
    await expectAllSame();

    // Personnel is in the summaries: a planner's follow without a query. A liaison officer's are
    // asked again, as whether it is shown an offer also depends on the records the offer names.
    const again = await current('offers', 'OFF-GBR-1');
    await cached.update(
      SCENARIO,
      'offers',
      'OFF-GBR-1',
      rec({ ...content(again), personnel: 1_234 }),
      again.version,
      gbr1,
    );
    const misses = cached.stats.misses;
    expect((await cached.listScenarios(planner)).find((s) => s.id === SCENARIO)).toEqual(
      (await inner.listScenarios(planner)).find((s) => s.id === SCENARIO),
    );
    expect(cached.stats.misses).toBe(misses);
    expect((await cached.listScenarios(gbr1)).find((s) => s.id === SCENARIO)).toEqual(
      (await inner.listScenarios(gbr1)).find((s) => s.id === SCENARIO),
    );
    await expectAllSame();
  });

  it('drops what a change of marking could alter', async () => {
    await expectAllSame();
    const offer = await current('offers', 'OFF-FRA-1');
    await cached.update(
      SCENARIO,
      'offers',
      'OFF-FRA-1',
      rec({ ...content(offer), releasability: { level: 'REL_TO', nations: ['DEU'] } }),
      offer.version,
      planner,
    );
    await expectAllSame();
    await expect(cached.get(SCENARIO, 'offers', 'OFF-FRA-1', gbr1)).rejects.toThrow(/not found/);
  });

  it('follows creates and deletes, marked or not, for every viewer', async () => {
    await expectAllSame();
    const pledge = content(await current('pledges', 'PLG-GBR-1'));
    await cached.create(SCENARIO, 'pledges', rec({ ...pledge, id: 'PLG-NEW-1' }), gbr1);
    await expectAllSame();
    await cached.create(
      SCENARIO,
      'pledges',
      rec({
        ...pledge,
        id: 'PLG-NEW-2',
        nation: 'FRA',
        releasability: { level: 'REL_TO', nations: ['FRA'] },
      }),
      planner,
    );
    await expectAllSame();
    await cached.delete(SCENARIO, 'pledges', 'PLG-NEW-1', 1, gbr1);
    await expectAllSame();
    await cached.delete(SCENARIO, 'pledges', 'PLG-NEW-2', 1, planner);
    await expectAllSame();
  });

  it('leaves nothing stale behind a write that fails', async () => {
    await expectAllSame();
    const offer = await current('offers', 'OFF-GBR-1');
    await expect(
      cached.update(
        SCENARIO,
        'offers',
        'OFF-GBR-1',
        rec({ ...content(offer), personnel: 1 }),
        offer.version + 7,
        planner,
      ),
    ).rejects.toMatchObject({ code: 'conflict' });
    await expect(
      cached.create(
        SCENARIO,
        'offers',
        rec({ ...content(offer), id: 'OFF-BAD', capability: 'NO-SUCH' }),
        planner,
      ),
    ).rejects.toMatchObject({ code: 'invalid' });
    await expect(cached.delete(SCENARIO, 'nations', 'GBR', 1, planner)).rejects.toMatchObject({
      code: 'conflict',
    });
    await expectAllSame();
  });

  it('follows scenario imports, header changes and deletions', async () => {
    await expectAllSame();
    const header = await cached.getScenario(SCENARIO);
    await cached.updateScenario(SCENARIO, { name: 'Renamed' }, header.version, planner);
    expect((await cached.getScenario(SCENARIO)).name).toBe('Renamed');
    await expectAllSame();
    await cached.importScenario(markedScenario('third'), planner);
    expect((await cached.listScenarios(planner)).map((s) => s.id)).toContain('third');
    await cached.deleteScenario('third', undefined, planner);
    await expect(cached.list('third', 'offers', planner)).rejects.toThrow(/not found/);
    await expectAllSame();
  });

  it('serves a promoted parent as the store has it at once, for every viewer', async () => {
    const parent = markedScenario('promote-parent');
    await cached.importScenario(parent, planner);
    const { version } = await cached.getScenario(parent.id);
    const variant = requireScenario({
      ...markedScenario('promote-variant'),
      name: 'Fewer offers',
      offers: parent.offers.slice(2),
      variantOf: { parent: parent.id, parentVersion: version, whatIfs: [{ title: 'Two offers go' }] },
    });
    await cached.importScenario(variant, planner);
    const { variantOf: _v, ...inputs } = variant;
    const promoted = requireScenario({ ...inputs, id: parent.id, name: parent.name });
    const reads: Record<string, (store: Store, viewer: Principal) => Promise<unknown>> = {
      listScenarios: (s, v) => s.listScenarios(v),
      getScenario: (s) => s.getScenario(parent.id),
      exportScenario: (s, v) => s.exportScenario(parent.id, v),
      offers: (s, v) => s.list(parent.id, 'offers', v),
      offer: (s, v) => s.get(parent.id, 'offers', parent.offers[0]!.id, v),
      offersTag: (s, v) => s.recordsTag(parent.id, 'offers', v),
      contentVersion: (s) => s.contentVersion(parent.id),
    };
    const expectSameReads = async () => {
      for (const viewer of VIEWERS)
        for (const [name, read] of Object.entries(reads)) {
          const got = await outcome(() => read(cached, viewer));
          expect(got, `${name} as ${viewer.userId}`).toEqual(await outcome(() => read(inner, viewer)));
        }
    };
    // Everything read once, so that the cache holds the parent as it was.
    await expectSameReads();
    const contentVersion = await cached.contentVersion(parent.id);

    await cached.promoteVariant(parent.id, variant.id, promoted, atVersion(version), planner);
    expect(await cached.exportScenario(parent.id, SYSTEM_PRINCIPAL)).toEqual(promoted);
    expect((await cached.getScenario(parent.id)).version).toBeGreaterThan(version);
    expect(await cached.contentVersion(parent.id)).toBeGreaterThan(contentVersion);
    await expect(cached.get(parent.id, 'offers', parent.offers[0]!.id, planner)).rejects.toThrow(/not found/);
    await expectSameReads();

    // A refused promotion leaves what is cached as it is, and as the store has it.
    await expect(
      cached.promoteVariant(parent.id, variant.id, promoted, atVersion(version), planner),
    ).rejects.toMatchObject({
      code: 'conflict',
    });
    await expectSameReads();
    await cached.deleteScenario(variant.id, undefined, planner);
    await cached.deleteScenario(parent.id, undefined, planner);
  });

  it('answers the content version from memory and keeps it current through every write', async () => {
    /** The version, which must come from memory and be what the store itself says. */
    const fromMemory = async (id: string) => {
      const before = cached.stats;
      const version = await cached.contentVersion(id);
      expect(cached.stats.misses, `contentVersion(${id}) asked the database`).toBe(before.misses);
      expect(version).toBe(await inner.contentVersion(id));
      return version;
    };
    await cached.contentVersion(SCENARIO);
    const seen = [await fromMemory(SCENARIO)];
    const newer = async () => {
      const version = await fromMemory(SCENARIO);
      expect(version).toBeGreaterThan(Math.max(...seen));
      seen.push(version);
    };

    const offer = await current('offers', 'OFF-GBR-1');
    await cached.update(
      SCENARIO,
      'offers',
      'OFF-GBR-1',
      rec({ ...content(offer), personnel: 321 }),
      offer.version,
      planner,
    );
    await newer();
    const pledge = content(await current('pledges', 'PLG-GBR-1'));
    await cached.create(SCENARIO, 'pledges', rec({ ...pledge, id: 'PLG-CV-1' }), planner);
    await newer();
    await cached.delete(SCENARIO, 'pledges', 'PLG-CV-1', 1, planner);
    await newer();
    const header = await cached.getScenario(SCENARIO);
    await cached.updateScenario(SCENARIO, { name: 'Versioned' }, header.version, planner);
    await newer();
    const pledges = (await inner.list(SCENARIO, 'pledges', SYSTEM_PRINCIPAL)).map(content);
    await cached.replaceRecords(SCENARIO, 'pledges', pledges as never, planner);
    await newer();
    // Written around the cache, on the store itself: the cache still hears of it.
    const again = await current('offers', 'OFF-GBR-1');
    await inner.update(
      SCENARIO,
      'offers',
      'OFF-GBR-1',
      rec({ ...content(again), personnel: 322 }),
      again.version,
      planner,
    );
    await newer();
    // A refused write changes nothing; a scenario imported again gets a higher number at once.
    await expect(cached.delete(SCENARIO, 'nations', 'GBR', 1, planner)).rejects.toMatchObject({
      code: 'conflict',
    });
    expect(await fromMemory(SCENARIO)).toBe(seen.at(-1));
    await cached.importScenario(markedScenario('versioned'), planner);
    const first = await fromMemory('versioned');
    await cached.deleteScenario('versioned', undefined, planner);
    await expect(cached.contentVersion('versioned')).rejects.toThrow(/not found/);
    await cached.importScenario(markedScenario('versioned'), planner);
    expect(await fromMemory('versioned')).toBeGreaterThan(Math.max(first, ...seen));
    await cached.deleteScenario('versioned', undefined, planner);
    await expectAllSame();
  });

  it('ends a cached session at sign-out, on disabling the user, and when it expires', async () => {
    await cached.createUser(
      {
        id: 'alice',
        displayName: 'Alice',
        role: 'liaison',
        nation: 'GBR',
        passwordHash: 'x',
        mustChangePassword: false,
      },
      SYSTEM_PRINCIPAL,
    );
    const now = new Date();
    const expires = new Date(now.getTime() + 60_000);
    await cached.createSession('token-1', 'alice', expires);
    await cached.createSession('token-2', 'alice', expires);
    expect((await cached.findSession('token-1', now))?.user.id).toBe('alice');
    const before = cached.stats;
    expect((await cached.findSession('token-1', now))?.user.role).toBe('liaison');
    expect(cached.stats.hits).toBe(before.hits + 1);
    expect(await cached.findSession('token-1', new Date(expires.getTime() + 1))).toBeUndefined();

    await cached.deleteSession('token-1');
    expect(await cached.findSession('token-1', now)).toBeUndefined();
    expect(await cached.findSession('token-2', now)).toBeDefined();

    const changed = await cached.updateUser('alice', { role: 'observer' }, undefined, SYSTEM_PRINCIPAL);
    expect((await cached.findSession('token-2', now))?.user.role).toBe('observer');
    await cached.updateUser('alice', { disabled: true }, changed.version, SYSTEM_PRINCIPAL);
    expect(await cached.findSession('token-2', now)).toBeUndefined();
  });

  it('copies plain data deeply and keeps a __proto__ key a key', () => {
    const value = JSON.parse('{"a":[{"b":1}],"__proto__":{"polluted":true}}') as Record<string, unknown>;
    const copy = copyOf(value);
    expect(copy).toEqual(value);
    expect(copy.a).not.toBe(value.a);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('relies on a fact of the read rule that holds: what the least viewer is shown, everyone is', () => {
    // The store reports a write's record as shown to all when a nationless observer is shown it
    // (kysely-records.ts, shownToAll); the cache then keeps every viewer's lists current.
    const least: Principal = { userId: 'least', role: 'observer', nation: null };
    fc.assert(
      fc.property(
        fc.constantFrom(...MARKINGS),
        fc.constantFrom(...VIEWERS),
        fc.option(fc.constantFrom(...NATIONS), { nil: undefined }),
        (marking, viewer, owner) => !canSee(least, marking, owner) || canSee(viewer, marking, owner),
      ),
    );
  });

  it('answers exactly as the store does through any sequence of reads and writes by anyone', async () => {
    let serial = 0;
    const viewer = fc.constantFrom(...VIEWERS);
    const read = fc.record({
      type: fc.constant('read' as const),
      read: fc.constantFrom(...Object.keys(READS)),
      viewer,
    });
    const offerKey = fc.constantFrom('OFF-GBR-1', 'OFF-GBR-2', 'OFF-FRA-1', 'OFF-FRA-2', 'OFF-DEU-1');
    const offerEdit = fc.oneof(
      fc.record({ personnel: fc.integer({ min: 0, max: 5_000 }) }),
      fc.record({ status: fc.constantFrom('offered', 'confirmed', 'withdrawn') }),
      fc.record({ assumption: fc.string({ minLength: 1, maxLength: 10 }) }),
      fc.record({ releasability: fc.constantFrom(...MARKINGS) }),
      fc.record({ nation: fc.constantFrom(...NATIONS) }),
    );
    const write = fc.oneof(
      fc.record({
        type: fc.constant('editOffer' as const),
        key: offerKey,
        edit: offerEdit,
        stale: fc.boolean(),
      }),
      fc.record({
        type: fc.constant('createPledge' as const),
        nation: fc.constantFrom(...NATIONS),
        marking: fc.constantFrom(...MARKINGS),
      }),
      fc.record({ type: fc.constant('deletePledge' as const), pick: fc.nat() }),
      fc.record({
        type: fc.constant('editPledge' as const),
        pick: fc.nat(),
        amount: fc.integer({ min: 1, max: 1e9 }),
        marking: fc.constantFrom(...MARKINGS),
      }),
      fc.record({ type: fc.constant('badCreate' as const) }),
      fc.record({ type: fc.constant('rename' as const), name: fc.string({ minLength: 1, maxLength: 10 }) }),
    );
    // Writes racing each other may conflict or find their record gone: that is the store's answer.
    const apply = (op: { type: string } & Record<string, unknown>): Promise<void> =>
      applyOp(op).catch((e: unknown) => {
        if (!(e instanceof DomainError)) throw e;
      });
    const applyOp = async (op: { type: string } & Record<string, unknown>): Promise<void> => {
      switch (op.type) {
        case 'read':
          await READS[op.read as string]!(cached, op.viewer as Principal).catch(() => undefined);
          return;
        case 'editOffer': {
          const offer = await current('offers', op.key as string);
          await cached
            .update(
              SCENARIO,
              'offers',
              offer.id,
              rec({ ...content(offer), ...(op.edit as object) }),
              op.stale ? offer.version - 1 : offer.version,
              planner,
            )
            .catch(() => undefined);
          return;
        }
        case 'createPledge': {
          const pledge = content(await current('pledges', 'PLG-GBR-1'));
          const marking = op.marking as Releasability | undefined;
          await cached.create(
            SCENARIO,
            'pledges',
            rec({ ...pledge, id: `PLG-P-${++serial}`, nation: op.nation as 'GBR', releasability: marking }),
            planner,
          );
          return;
        }
        case 'deletePledge':
        case 'editPledge': {
          const pledges = await inner.list(SCENARIO, 'pledges', SYSTEM_PRINCIPAL);
          const pledge = pledges[(op.pick as number) % pledges.length]!;
          if (op.type === 'deletePledge') {
            if (pledge.id === 'PLG-GBR-1') return;
            await cached.delete(SCENARIO, 'pledges', pledge.id, pledge.version, planner);
          } else {
            const marking = op.marking as Releasability | undefined;
            await cached.update(
              SCENARIO,
              'pledges',
              pledge.id,
              rec({ ...content(pledge), amount: op.amount as number, releasability: marking }),
              pledge.version,
              planner,
            );
          }
          return;
        }
        case 'badCreate': {
          const offer = content(await current('offers', 'OFF-GBR-1'));
          await cached
            .create(
              SCENARIO,
              'offers',
              rec({ ...offer, id: `OFF-X-${++serial}`, capability: 'NO-SUCH' }),
              planner,
            )
            .catch(() => undefined);
          return;
        }
        case 'rename': {
          const header = await inner.getScenario(SCENARIO);
          await cached.updateScenario(SCENARIO, { name: op.name as string }, header.version, planner);
          return;
        }
      }
    };

    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.oneof(
            // One step at a time: every read checked against the store at once.
            fc.record({ together: fc.constant(false), ops: fc.tuple(fc.oneof(read, read, write)) }),
            // Several at once: reads racing writes; checked once they have all settled.
            fc.record({
              together: fc.constant(true),
              ops: fc.array(fc.oneof(read, write), { minLength: 2, maxLength: 5 }),
            }),
          ),
          { minLength: 1, maxLength: 12 },
        ),
        async (steps) => {
          for (const step of steps) {
            const ops = step.ops as ({ type: string } & Record<string, unknown>)[];
            if (!step.together && ops[0]!.type === 'read') {
              await expectSame(ops[0]!.read as string, ops[0]!.viewer as Principal);
              continue;
            }
            await Promise.all(ops.map(apply));
            for (const v of [planner, gbr1, fra, observerFra]) {
              for (const r of [
                'listScenarios',
                'offersTag',
                'offers',
                'offersOfGbr',
                'pledges',
                'pledgesOfFra',
                'offerGbr1',
                'contentVersion',
              ]) {
                await expectSame(r, v);
              }
            }
          }
          await expectAllSame();
        },
      ),
      { numRuns: 15, endOnFailure: true },
    );
    expect(cached.stats.hits).toBeGreaterThan(0);
    expect(cached.stats.patched).toBeGreaterThan(0);
  }, 240_000);
});

/** A promotion check that the parent is still at `version` (the app's own check reads its inputs). */
function atVersion(version: number) {
  return (parent: { version: number }) => {
    if (parent.version !== version)
      throw new DomainError('conflict', `the parent is at version ${parent.version}`);
  };
}
