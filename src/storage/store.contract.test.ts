// The storage contract, run against every backend: PGlite in memory always, PostgreSQL when
// TEST_DATABASE_URL (or DATABASE_URL) names one. Without a URL the PostgreSQL block is skipped with
// a warning — except on CI (CI=true), where a missing or unreachable PostgreSQL fails the run.
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_POSTGRES, skippedFor } from '../../test-summary.ts';
import type { Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { NationId } from '../domain/ids.ts';
import type { Offer, ScenarioDocument, ScenarioDocumentInput } from '../domain/scenario-schema.ts';
import { stanceRecordSchema } from '../domain/records.ts';
import {
  missionSchema,
  offerSchema,
  requirementSchema,
  scenarioDocumentSchema,
} from '../domain/scenario-schema.ts';
import { parseScenarioText, parseScenarioValue } from '../domain/scenario-document.ts';
import { KyselyStore, type Database } from './kysely-store.ts';
import * as initial from './migrations/001-initial.ts';
import { migrate, openStore, writeStoreTemplate } from './open-store.ts';
import { PGliteDialect } from './pglite-dialect.ts';
import { cachedStore } from './read-cache.ts';
import { describeAccessContract } from './store-access.contract.ts';
import { describeBriefContract } from './store-briefs.contract.ts';
import { describeContentVersionContract } from './store-content-version.contract.ts';
import { describeDecisionContract } from './store-decisions.contract.ts';
import { describeSignInAddressContract } from './store-sign-in.contract.ts';
import type { Store } from './store.ts';

export interface StoreFactory {
  open(): Promise<Store>;
  /** Runs after the store is closed (e.g. drops the test schema). */
  dispose?(): Promise<void>;
  /** Why the backend's block is skipped here; its tests are still counted, as skipped. */
  skipReason?: string;
}

// --- fixtures: a small but complete coalition, every optional field used somewhere -------------

const A = { assumption: 'test figure' };
const SRC = { source: { publication: 'Test gazette', date: '2025-03-02', url: 'https://example.org/a' } };

function scenarioInput(id: string): ScenarioDocumentInput {
  return {
    schemaVersion: 6,
    id,
    name: `Coalition ${id}`,
    description: 'A test coalition with every kind of record.',
    asOf: '2025-03-02',
    mission: {
      name: 'Reassurance force',
      summary: 'Deter renewed aggression after a ceasefire.',
      hostNation: 'UKR',
      cDay: '2025-09-01',
      forceTarget: {
        personnel: 30_000,
        range: { min: 10_000, max: 100_000 },
        estimates: [{ personnel: 100_000, label: 'upper estimate', ...SRC }],
        ...A,
      },
      sectors: [
        { name: 'Kyiv', description: 'The capital region.', ...A },
        { name: 'West' },
        { name: 'Odesa' },
        { name: 'Donbas' },
        { name: 'Kharkiv, north' },
        { name: 'Crimea' },
      ],
      goals: [{ text: 'Secure the skies', ...A }],
      headquarters: [{ name: 'CJTF HQ', location: 'Paris', role: 'Planning', from: '2025-03-15', ...A }],
      components: [
        { name: 'Air', domain: 'air', task: 'Air policing', leadNations: ['FRA'], ...A },
        { name: 'Maritime', domain: 'maritime', task: 'Mine clearance', ...A },
      ],
      events: [{ date: '2025-03-02', title: 'London summit', ...SRC }],
    },
    // Some stances only: the others keep their defaults, and the export must not fill them in.
    assumptions: { deliveryProbability: { cautious: 0.25, declined: 0, unstated: 1 / 3 }, ...A },
    theatre: {
      lineOfContact: {
        date: '2025-03-01',
        geometry: {
          type: 'MultiLineString',
          coordinates: [
            [
              [32.6, 46.6],
              [35.3, 47.4, 120.5],
            ],
            [
              [37.5, 48.0],
              [37.9, 49.0],
            ],
          ],
        },
        ...A,
      },
      zones: [
        {
          id: 'DMZ-1',
          name: 'Demilitarised zone, south',
          kind: 'demilitarised',
          geometry: {
            type: 'Polygon',
            coordinates: [
              [
                [33, 46.5],
                [34, 46.5],
                [34, 47],
                [33, 46.5],
              ],
            ],
          },
          ...SRC,
        },
      ],
      exposureBands: [
        { name: 'Close', maxKm: 7.5, ...SRC },
        { name: 'Artillery', maxKm: 50.25, ...A },
      ],
    },
    escalation: {
      rungs: [
        {
          id: 'R1',
          level: 1,
          name: 'Ceasefire violation',
          description: 'Fire across the line.',
          indicators: ['Shelling reported by the monitors'],
          thresholdUp: 'Fire sustained for 24 hours.',
          thresholdDown: 'A week without incident.',
          response: 'Protest through the monitoring mission.',
          hoursToRespond: 24,
          owner: 'Ukraine',
          ...SRC,
        },
        { id: 'R2', level: 3, name: 'Attack', response: 'QRF.', hoursToRespond: 0.5, owner: 'HQ', ...A },
      ],
      ...A,
    },
    nations: [
      {
        id: 'GBR',
        name: 'United Kingdom',
        nato: true,
        eu: false,
        gdp: { value: 3_340_032_000_000.5, year: 2024, currency: 'GBP', ...SRC },
        population: { value: 68_350_000, year: 2024, ...A },
        currency: 'GBP',
        role: 'lead',
        notes: 'Convenes the coalition.',
        stances: [
          {
            date: '2025-02-16',
            stance: 'committed',
            statement: 'Ready to put troops on the ground.',
            ...SRC,
          },
          { id: 'GBR-LEAD', date: '2025-03-02', stance: 'lead', statement: 'Leads the coalition.', ...A },
        ],
      },
      {
        id: 'FRA',
        name: 'France',
        nato: true,
        eu: true,
        gdp: { value: 2.92e12, year: 2024, currency: 'EUR', ...A },
        population: { value: 68_170_000, year: 2024, ...A },
        currency: 'EUR',
        role: 'lead',
        stances: [{ date: '2025-03-02', stance: 'lead', statement: 'Co-leads.', ...A }],
      },
      {
        id: 'DEU',
        name: 'Germany',
        nato: true,
        eu: true,
        gdp: { value: 4.47e12, year: 2024, currency: 'EUR', ...A },
        population: { value: 83_500_000, year: 2024, ...A },
        currency: 'EUR',
        role: 'observer',
        stances: [{ date: '2025-03-02', stance: 'cautious', statement: 'Premature.', ...A }],
      },
      {
        id: 'UKR',
        name: 'Ukraine',
        nato: false,
        eu: false,
        gdp: { value: 178_757_000_000, year: 2023, currency: 'USD', ...A },
        population: { value: 37_000_000, year: 2024, ...A },
        currency: 'UAH',
        role: 'host',
      },
    ],
    capabilities: [
      {
        code: 'MECH-INF-BN',
        name: 'Mechanised infantry battalion',
        domain: 'land',
        defaultPersonnel: 600,
        defaultTonnes: 4_000.25,
        app6: 'SFGPUCIZ-------',
        description: 'Tracked infantry.',
        lift: { modes: ['road', 'rail', 'sea'], largestItemTonnes: 35.5, assumption: 'IFVs of 25-35 t.' },
      },
      {
        code: 'FTR-SQN',
        name: 'Fighter squadron',
        domain: 'air',
        defaultPersonnel: 250,
        defaultTonnes: 0.1 + 0.2,
        app6: 'SFAPMFF--------',
      },
      {
        code: 'MCM-GRP',
        name: 'Mine countermeasures group',
        domain: 'maritime',
        defaultPersonnel: 300,
        defaultTonnes: 0,
        app6: 'SFSPCM---------',
        lift: { modes: ['sea'] },
      },
    ],
    requirements: [
      {
        id: 'REQ-1',
        capability: 'MECH-INF-BN',
        quantity: 6,
        personnelPerUnit: 650,
        sector: 'Kyiv',
        task: 'deterrence',
        rddCDay: -10,
        durationMonths: 7.5,
        priority: 1,
        description: 'Reassurance in the capital.',
        ...SRC,
      },
      {
        id: 'REQ-2',
        capability: 'FTR-SQN',
        quantity: 2,
        sector: 'West',
        task: 'air-policing',
        rddCDay: 30,
        durationMonths: 12,
        priority: 2,
        ...A,
      },
      {
        id: 'REQ-3',
        capability: 'MCM-GRP',
        quantity: 1,
        sector: 'Odesa',
        task: 'mine-clearance',
        rddCDay: 60,
        durationMonths: 6,
        priority: 3,
      },
    ],
    offers: [
      {
        id: 'OFF-GBR-1',
        nation: 'GBR',
        capability: 'MECH-INF-BN',
        quantity: 2,
        personnel: 1_300,
        tonnes: 8_000.5,
        readiness: { level: 'RDL', daysToReady: 45 },
        status: 'confirmed',
        caveats: {
          excludedSectors: ['Donbas', 'Kharkiv, north'],
          allowedTasks: ['deterrence', 'training'],
          maxDurationMonths: 6.5,
          minDistanceFromLineKm: 75.5,
          requiresUsBackstop: true,
          notes: 'Only with US air cover.',
        },
        validUntil: '2025-12-31',
        ...SRC,
      },
      {
        id: 'OFF-FRA-1',
        nation: 'FRA',
        capability: 'FTR-SQN',
        quantity: 1,
        personnel: 250,
        tonnes: 1e-7,
        readiness: { level: 'L2', daysToReady: 90 },
        status: 'offered',
        ...A,
      },
      {
        id: 'OFF-FRA-2',
        nation: 'FRA',
        capability: 'MCM-GRP',
        quantity: 1,
        personnel: 300,
        tonnes: 500,
        readiness: { level: 'L1', daysToReady: 120 },
        status: 'withdrawn',
        caveats: { excludedSectors: ['Crimea'] },
      },
    ],
    pledges: [
      {
        id: 'PL-1',
        nation: 'GBR',
        amount: 1_600_000_000,
        currency: 'GBP',
        date: '2025-03-02',
        purpose: 'air defence',
        stage: 'committed',
        description: 'Missiles.',
        ...SRC,
      },
      {
        id: 'PL-2',
        nation: 'DEU',
        amount: 0.000123,
        currency: 'EUR',
        date: '2025-01-01',
        purpose: 'training',
        stage: 'delivered',
        ...A,
      },
    ],
    rotationPolicies: [
      { nation: 'GBR', tourMonths: 6, dwellRatio: 2, ...A },
      { nation: 'FRA', tourMonths: 4, dwellRatio: 2 / 3 },
    ],
  } as ScenarioDocumentInput;
}

const scenario = (id: string): ScenarioDocument => scenarioDocumentSchema.parse(scenarioInput(id));

const offer = (id: string, nation = 'GBR', capability = 'MECH-INF-BN'): Offer =>
  offerSchema.parse({
    id,
    nation,
    capability,
    quantity: 1,
    personnel: 600,
    tonnes: 4_000,
    readiness: { level: 'L1', daysToReady: 30 },
    status: 'offered',
  });

/** The DomainError a promise rejects with (fails the test if it resolves or throws anything else). */
async function domainError(promise: Promise<unknown>): Promise<DomainError> {
  const e: unknown = await promise.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DomainError);
  return e as DomainError;
}

/** A coalition planner: sees everything, so reads are unfiltered. */
const planner = (userId: string): Principal => ({ userId, role: 'planner', nation: null });
const PLANNER = planner('planner');

const SCENARIO_DIR = fileURLToPath(new URL('../../data/scenarios/', import.meta.url));
const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

// --- the contract ---------------------------------------------------------------------------------

export function describeStoreContract(name: string, factory: StoreFactory): void {
  describe(`Store contract: ${name}`, skippedFor(factory.skipReason), () => {
    let store: Store;
    let n = 0;
    // Tests share one store; each works in scenarios and under an actor of its own.
    const fresh = (prefix: string) => `${prefix}-${++n}-${Math.random().toString(36).slice(2, 8)}`;
    const imported = async (prefix: string) => {
      const doc = scenario(fresh(prefix));
      await store.importScenario(doc, planner('importer'));
      return doc;
    };

    beforeAll(async () => {
      store = await factory.open();
    });
    afterAll(async () => {
      // If opening failed, beforeAll has already reported it; there is nothing to clean up.
      if (!store) return;
      await store.close();
      await factory.dispose?.();
    });

    it('exports exactly the document it imported', async () => {
      const doc = await imported('roundtrip');
      const exported = await store.exportScenario(doc.id, PLANNER);
      expect(exported).toEqual(doc);
      // Absent optional fields stay absent rather than coming back as null.
      expect(JSON.stringify(exported)).toBe(JSON.stringify(exported, (_k, v: unknown) => v ?? undefined));
      expect(exported.capabilities[1]?.defaultTonnes).toBe(0.1 + 0.2);
      // A capability's lift comes back whole, its fields in the document's order (jsonb keeps its own).
      expect(JSON.stringify(exported.capabilities[0]?.lift)).toBe(
        JSON.stringify({
          modes: ['road', 'rail', 'sea'],
          largestItemTonnes: 35.5,
          assumption: 'IFVs of 25-35 t.',
        }),
      );
      expect(exported.capabilities[1]?.lift).toBeUndefined();
      expect(exported.rotationPolicies[1]?.dwellRatio).toBe(2 / 3);
      expect(exported.nations[0]?.stances.map((s) => s.id)).toEqual(['GBR-1', 'GBR-LEAD']);
    });

    const files = existsSync(SCENARIO_DIR) ? readdirSync(SCENARIO_DIR).filter((f) => /\.ya?ml$/.test(f)) : [];
    it.skipIf(files.length === 0).each(files)('round-trips the reference scenario %s', async (file) => {
      const parsed = parseScenarioText(readFileSync(join(SCENARIO_DIR, file), 'utf8'), 'yaml');
      if (!parsed.ok) throw new Error(`${file}: ${JSON.stringify(parsed.issues)}`);
      const id = fresh('ref');
      await store.importScenario(parsed.document, planner('importer'), id);
      expect(await store.exportScenario(id, PLANNER)).toEqual({ ...parsed.document, id });
    });

    it('imports under another id, refuses an id that exists, and audits the import', async () => {
      const doc = await imported('import');
      const again = await domainError(store.importScenario(doc, planner('importer')));
      expect(again.code).toBe('conflict');
      const copyId = fresh('copy');
      const summary = await store.importScenario(doc, planner('copier'), copyId);
      expect(summary.id).toBe(copyId);
      expect((await store.exportScenario(copyId, PLANNER)).id).toBe(copyId);
      const [entry, ...rest] = await store.audit({ scenarioId: copyId });
      expect(rest).toEqual([]);
      expect(entry).toMatchObject({
        action: 'import',
        entity: 'scenario',
        entityKey: copyId,
        actor: 'copier',
      });
      expect(entry?.after).toEqual({ ...doc, id: copyId });
      expect(entry?.at).toMatch(ISO_TIMESTAMP);
    });

    it('imports all rows or none, and a failed import leaves no audit entry', async () => {
      // A document that skipped validation: the second offer reuses the first one's id.
      const doc = scenario(fresh('broken'));
      const first = doc.offers[0];
      if (!first) throw new Error('fixture has offers');
      const broken = { ...doc, offers: [...doc.offers, { ...first }] };
      await expect(store.importScenario(broken, planner('importer'))).rejects.toThrow();
      expect((await domainError(store.getScenario(doc.id))).code).toBe('not_found');
      expect(await store.audit({ scenarioId: doc.id })).toEqual([]);
    });

    it('imports several scenarios in one transaction: a clash or a bad document stores none of them', async () => {
      const existing = await imported('batch-existing');
      const a = scenario(fresh('batch-a'));
      const clash = await domainError(
        store.importScenarios([{ document: a }, { document: existing }], PLANNER),
      );
      expect(clash.code).toBe('conflict');
      expect((await domainError(store.getScenario(a.id))).code).toBe('not_found');

      const first = existing.offers[0]!;
      const broken = { ...scenario(fresh('batch-broken')), offers: [first, { ...first }] };
      await expect(store.importScenarios([{ document: a }, { document: broken }], PLANNER)).rejects.toThrow();
      expect((await domainError(store.getScenario(a.id))).code).toBe('not_found');
      expect(await store.audit({ scenarioId: a.id })).toEqual([]);
    });

    it('replaces an existing scenario on request, auditing the old content as deleted', async () => {
      const old = await imported('replace');
      const changed = { ...old, name: 'Replaced by a restore', offers: old.offers.slice(1) };
      const b = scenario(fresh('replace-new'));
      const summaries = await store.importScenarios(
        [{ document: changed }, { document: b }],
        planner('restorer'),
        {
          replace: true,
        },
      );
      expect(summaries.map((s) => s.id)).toEqual([old.id, b.id]);
      expect(await store.exportScenario(old.id, PLANNER)).toEqual(changed);
      const entries = await store.audit({ scenarioId: old.id });
      const restorer = entries.filter((e) => e.actor === 'restorer').map((e) => e.action);
      expect(restorer.sort()).toEqual(['delete-scenario', 'import']);
      expect(entries.find((e) => e.action === 'delete-scenario')?.before).toEqual(old);
    });

    it('lists scenarios with counts and personnel offered (withdrawn offers excluded)', async () => {
      const doc = await imported('summary');
      const summary = (await store.listScenarios(PLANNER)).find((s) => s.id === doc.id);
      expect(summary).toMatchObject({
        id: doc.id,
        name: doc.name,
        description: doc.description,
        asOf: '2025-03-02',
        version: 1,
        counts: { nations: 4, requirements: 3, offers: 3, pledges: 2 },
        personnelOffered: 1_550,
      });
      expect(summary?.mission).toEqual(doc.mission);
      expect(summary?.createdAt).toMatch(ISO_TIMESTAMP);
      expect(await store.getScenario(doc.id)).toMatchObject({ id: doc.id, version: 1 });
      const missing = await domainError(store.getScenario('no-such-scenario'));
      expect(missing.code).toBe('not_found');
      expect(missing.message).toBe('scenario no-such-scenario not found');
    });

    it('lists records in document order, filters by nation, and gets one by key', async () => {
      const doc = await imported('list');
      const offers = await store.list(doc.id, 'offers', PLANNER);
      expect(offers.map((o) => o.id)).toEqual(['OFF-GBR-1', 'OFF-FRA-1', 'OFF-FRA-2']);
      expect(offers[0]).toMatchObject({ ...doc.offers[0], version: 1 });
      expect(offers[0]?.validUntil).toBe('2025-12-31');
      expect(offers[0]?.createdAt).toMatch(ISO_TIMESTAMP);
      expect((await store.list(doc.id, 'offers', PLANNER, { nation: 'FRA' })).map((o) => o.id)).toEqual([
        'OFF-FRA-1',
        'OFF-FRA-2',
      ]);
      expect((await store.list(doc.id, 'stances', PLANNER, { nation: 'GBR' })).map((s) => s.id)).toEqual([
        'GBR-1',
        'GBR-LEAD',
      ]);
      expect((await store.list(doc.id, 'nations', PLANNER)).map((x) => x.id)).toEqual([
        'GBR',
        'FRA',
        'DEU',
        'UKR',
      ]);
      expect(await store.get(doc.id, 'stances', 'GBR-1', PLANNER)).toMatchObject({
        nation: 'GBR',
        date: '2025-02-16',
      });
      expect(await store.get(doc.id, 'rotationPolicies', 'FRA', PLANNER)).toMatchObject({
        tourMonths: 4,
        version: 1,
      });
      const missing = await domainError(store.get(doc.id, 'offers', 'OFF-9', PLANNER));
      expect(missing.code).toBe('not_found');
      expect(missing.message).toBe(`offer OFF-9 not found in scenario ${doc.id}`);
      expect((await domainError(store.list('no-such-scenario', 'offers', PLANNER))).code).toBe('not_found');
    });

    it('creates a record after checking its references, and it exports last', async () => {
      const doc = await imported('create');
      const actor = planner(fresh('creator'));
      const created = await store.create(doc.id, 'offers', offer('OFF-NEW', 'DEU', 'FTR-SQN'), actor);
      expect(created).toMatchObject({ id: 'OFF-NEW', version: 1 });
      expect(created.createdAt).toMatch(ISO_TIMESTAMP);
      expect((await store.exportScenario(doc.id, PLANNER)).offers.at(-1)).toEqual(
        offer('OFF-NEW', 'DEU', 'FTR-SQN'),
      );
      const [entry] = await store.audit({ actor: actor.userId });
      expect(entry).toMatchObject({ action: 'create', entity: 'offers', entityKey: 'OFF-NEW', before: null });
      expect(entry?.after).toEqual(created);

      const unknownNation = await domainError(store.create(doc.id, 'offers', offer('OFF-X', 'ESP'), actor));
      expect(unknownNation.code).toBe('invalid');
      expect(unknownNation.issues).toEqual([
        { path: 'nation', message: `names unknown nation "ESP" in scenario ${doc.id}` },
      ]);
      const unknownCapability = await domainError(
        store.create(
          doc.id,
          'requirements',
          requirementSchema.parse({ ...doc.requirements[0], id: 'REQ-X', capability: 'NOPE' }),
          actor,
        ),
      );
      expect(unknownCapability.issues.map((i) => i.path)).toEqual(['capability']);
      const duplicate = await domainError(store.create(doc.id, 'offers', offer('OFF-GBR-1'), actor));
      expect(duplicate.code).toBe('conflict');
      const noScenario = await domainError(store.create('no-such-scenario', 'offers', offer('OFF-Y'), actor));
      expect(noScenario.code).toBe('not_found');
      // Only the successful create was audited.
      expect(await store.audit({ actor: actor.userId })).toHaveLength(1);

      const stance = await store.create(
        doc.id,
        'stances',
        stanceRecordSchema.parse({
          id: 'DEU-2',
          nation: 'DEU',
          date: '2025-04-01',
          stance: 'considering',
          statement: 'Reconsiders.',
        }),
        actor,
      );
      expect(stance).toMatchObject({ id: 'DEU-2', nation: 'DEU', date: '2025-04-01', version: 1 });
      const exported = await store.exportScenario(doc.id, PLANNER);
      expect(exported.nations.find((x) => x.id === 'DEU')?.stances.map((s) => s.id)).toEqual([
        'DEU-1',
        'DEU-2',
      ]);
    });

    it('updates a record whole, bumping its version, and refuses a changed key', async () => {
      const doc = await imported('update');
      const actor = planner(fresh('updater'));
      const before = await store.get(doc.id, 'offers', 'OFF-GBR-1', PLANNER);
      const { source: _source, ...withoutSource } = doc.offers[0]!;
      const changed = offerSchema.parse({ ...withoutSource, status: 'verified', personnel: 1_400 });
      const after = await store.update(doc.id, 'offers', 'OFF-GBR-1', changed, 1, actor);
      expect(after).toMatchObject({
        status: 'verified',
        personnel: 1_400,
        version: 2,
        createdAt: before.createdAt,
      });
      expect(after.source).toBeUndefined(); // replaced whole: the dropped field is gone
      expect(after.updatedAt >= before.updatedAt).toBe(true);
      expect(await store.get(doc.id, 'offers', 'OFF-GBR-1', PLANNER)).toEqual(after);
      const [entry] = await store.audit({ actor: actor.userId });
      expect(entry).toMatchObject({ action: 'update', entityKey: 'OFF-GBR-1', before, after });

      const rekey = await domainError(
        store.update(doc.id, 'offers', 'OFF-GBR-1', offerSchema.parse({ ...changed, id: 'OFF-2' }), 2, actor),
      );
      expect(rekey.code).toBe('invalid');
      expect(rekey.issues[0]?.path).toBe('id');
      const badRef = await domainError(
        store.update(
          doc.id,
          'offers',
          'OFF-GBR-1',
          { ...offerSchema.parse(changed), nation: 'ESP' as NationId },
          2,
          actor,
        ),
      );
      expect(badRef.issues[0]?.path).toBe('nation');
      const missing = await domainError(
        store.update(doc.id, 'offers', 'OFF-9', offerSchema.parse({ ...changed, id: 'OFF-9' }), 1, actor),
      );
      expect(missing.code).toBe('not_found');

      const nation = await store.get(doc.id, 'nations', 'DEU', PLANNER);
      const { version: _v, createdAt: _c, updatedAt: _u, ...fields } = nation;
      const renamed = await store.update(
        doc.id,
        'nations',
        'DEU',
        { ...fields, role: 'contributor' },
        1,
        actor,
      );
      expect(renamed.role).toBe('contributor');
      // A nation's stance entries are records of their own: updating the nation leaves them be.
      expect(
        (await store.exportScenario(doc.id, PLANNER)).nations.find((x) => x.id === 'DEU')?.stances,
      ).toHaveLength(1);
    });

    it('refuses a stale version with the current record and writes nothing', async () => {
      const doc = await imported('stale');
      const actor = planner(fresh('stale'));
      const record = doc.pledges[0]!;
      const current = await store.update(
        doc.id,
        'pledges',
        'PL-1',
        { ...record, stage: 'allocated' },
        1,
        actor,
      );
      const stale = await domainError(
        store.update(doc.id, 'pledges', 'PL-1', { ...record, stage: 'delivered' }, 1, actor),
      );
      expect(stale.code).toBe('conflict');
      expect(stale.message).toMatch(/version 2.*1|1.*version 2/);
      expect(stale.issues).toEqual([]);
      expect(stale.details).toEqual({ current });
      const staleDelete = await domainError(store.delete(doc.id, 'pledges', 'PL-1', 1, actor));
      expect(staleDelete.code).toBe('conflict');
      expect(staleDelete.details).toEqual({ current });
      expect(await store.get(doc.id, 'pledges', 'PL-1', PLANNER)).toEqual(current);
      expect(await store.audit({ actor: actor.userId })).toHaveLength(1);
    });

    it('deletes records, refusing while others still reference them', async () => {
      const doc = await imported('delete');
      const actor = planner(fresh('deleter'));
      const gbr = await domainError(store.delete(doc.id, 'nations', 'GBR', 1, actor));
      expect(gbr.code).toBe('conflict');
      expect(gbr.message).toContain('offer OFF-GBR-1');
      expect(gbr.message).toContain('funding pledge PL-1');
      expect(gbr.message).toContain('rotation policy GBR');
      const fra = await domainError(store.delete(doc.id, 'nations', 'FRA', 1, actor));
      expect(fra.message).toContain('mission component "Air"');
      const ukr = await domainError(store.delete(doc.id, 'nations', 'UKR', 1, actor));
      expect(ukr.message).toContain('host nation');
      const capability = await domainError(store.delete(doc.id, 'capabilities', 'FTR-SQN', 1, actor));
      expect(capability.message).toContain('requirement line REQ-2');
      expect(capability.message).toContain('offer OFF-FRA-1');

      // DEU has a pledge; once it is gone the nation goes, and its stance entries with it.
      await store.delete(doc.id, 'pledges', 'PL-2', 1, actor);
      const deu = await store.get(doc.id, 'nations', 'DEU', PLANNER);
      const stances = await store.list(doc.id, 'stances', PLANNER, { nation: 'DEU' });
      await store.delete(doc.id, 'nations', 'DEU', 1, actor);
      expect((await domainError(store.get(doc.id, 'nations', 'DEU', PLANNER))).code).toBe('not_found');
      expect(await store.list(doc.id, 'stances', PLANNER, { nation: 'DEU' })).toEqual([]);
      const [entry] = await store.audit({ actor: actor.userId, action: 'delete' });
      expect(entry).toMatchObject({ entity: 'nations', entityKey: 'DEU', after: null });
      expect(entry?.before).toEqual({ ...deu, stances });
      expect((await domainError(store.delete(doc.id, 'nations', 'DEU', 1, actor))).code).toBe('not_found');
    });

    it('updates the scenario header with a version check', async () => {
      const doc = await imported('header');
      const actor = planner(fresh('header'));
      const updated = await store.updateScenario(doc.id, { name: 'Renamed', asOf: '2025-04-01' }, 1, actor);
      expect(updated).toMatchObject({
        name: 'Renamed',
        asOf: '2025-04-01',
        version: 2,
        description: doc.description,
      });
      expect(updated.mission).toEqual(doc.mission);
      const stale = await domainError(store.updateScenario(doc.id, { name: 'Again' }, 1, actor));
      expect(stale.code).toBe('conflict');
      expect(stale.details).toEqual({ current: updated });
      const mission = {
        ...doc.mission,
        components: [{ ...doc.mission.components[0]!, leadNations: ['ESP'] }],
      };
      const badLead = await domainError(
        store.updateScenario(doc.id, { mission: missionSchema.parse(mission) }, 2, actor),
      );
      expect(badLead.code).toBe('invalid');
      expect(badLead.issues[0]?.path).toBe('mission.components[0].leadNations[0]');
      const [entry] = await store.audit({ actor: actor.userId });
      expect(entry).toMatchObject({
        action: 'update-scenario',
        entity: 'scenario',
        entityKey: doc.id,
        after: updated,
      });
      expect((await store.exportScenario(doc.id, PLANNER)).name).toBe('Renamed');
    });

    it('replaces and removes the scenario assumptions through the header, keeping the export exact', async () => {
      const doc = await imported('assumptions');
      const actor = planner(fresh('assumptions'));
      expect((await store.getScenario(doc.id)).assumptions).toEqual(doc.assumptions);
      const assumptions = { deliveryProbability: { lead: 0.5 }, assumption: 'Both leads face elections.' };
      const updated = await store.updateScenario(doc.id, { assumptions }, 1, actor);
      expect(updated.assumptions).toEqual(assumptions);
      expect((await store.exportScenario(doc.id, PLANNER)).assumptions).toEqual(assumptions);
      // Another field alone leaves the section as it is.
      expect((await store.updateScenario(doc.id, { name: 'Still assuming' }, 2, actor)).assumptions).toEqual(
        assumptions,
      );
      const removed = await store.updateScenario(doc.id, { assumptions: null }, 3, actor);
      expect(removed).not.toHaveProperty('assumptions');
      const exported = await store.exportScenario(doc.id, PLANNER);
      expect(exported).not.toHaveProperty('assumptions');
      expect(exported).toEqual({ ...doc, name: 'Still assuming', assumptions: undefined });
      const [entry] = await store.audit({ actor: actor.userId });
      expect(entry).toMatchObject({ action: 'update-scenario', before: { assumptions }, after: removed });
    });

    it('replaces and removes the theatre and the escalation ladder through the header', async () => {
      const doc = await imported('theatre');
      const actor = planner(fresh('theatre'));
      const header = await store.getScenario(doc.id);
      expect(header.theatre).toEqual(doc.theatre);
      expect(header.escalation).toEqual(doc.escalation);
      const theatre = { lineOfContact: doc.theatre!.lineOfContact, zones: [], exposureBands: [] };
      const escalation = { rungs: doc.escalation!.rungs.slice(1), assumption: 'Only the top rung.' };
      const updated = await store.updateScenario(doc.id, { theatre, escalation }, 1, actor);
      expect(updated).toMatchObject({ theatre, escalation, version: 2 });
      expect(await store.exportScenario(doc.id, PLANNER)).toMatchObject({ theatre, escalation });
      // Another field alone leaves the sections as they are.
      const renamed = await store.updateScenario(doc.id, { name: 'Renamed' }, 2, actor);
      expect(renamed).toMatchObject({ theatre, escalation });
      const removed = await store.updateScenario(doc.id, { theatre: null, escalation: null }, 3, actor);
      expect(removed).not.toHaveProperty('theatre');
      expect(removed).not.toHaveProperty('escalation');
      const exported = await store.exportScenario(doc.id, PLANNER);
      expect(exported).not.toHaveProperty('theatre');
      expect(exported).toEqual({ ...doc, name: 'Renamed', theatre: undefined, escalation: undefined });
      const [entry] = await store.audit({ actor: actor.userId });
      expect(entry).toMatchObject({ action: 'update-scenario', before: { theatre }, after: removed });
      await expect(store.updateScenario(doc.id, { theatre }, 3, actor)).rejects.toMatchObject({
        code: 'conflict',
      });
    });

    it('deletes a scenario and all its rows, keeping the export in the audit log', async () => {
      const doc = await imported('gone');
      const actor = planner(fresh('remover'));
      expect((await domainError(store.deleteScenario(doc.id, 7, actor))).code).toBe('conflict');
      await store.deleteScenario(doc.id, 1, actor);
      expect((await domainError(store.getScenario(doc.id))).code).toBe('not_found');
      expect((await domainError(store.list(doc.id, 'offers', PLANNER))).code).toBe('not_found');
      const [entry] = await store.audit({ actor: actor.userId });
      expect(entry).toMatchObject({
        action: 'delete-scenario',
        entity: 'scenario',
        entityKey: doc.id,
        after: null,
      });
      expect(entry?.before).toEqual(doc);
      // Without a version the delete is unconditional; the id is then free again.
      await store.importScenario(doc, actor);
      await store.deleteScenario(doc.id, undefined, actor);
      expect((await domainError(store.deleteScenario(doc.id, undefined, actor))).code).toBe('not_found');
    });

    it('reads the audit log newest first, filtered and paged', async () => {
      const doc = await imported('audit');
      const alice = planner(fresh('alice'));
      const bob = planner(fresh('bob'));
      await store.create(doc.id, 'offers', offer('OFF-A1'), alice);
      await store.create(doc.id, 'offers', offer('OFF-B1'), bob);
      await store.update(doc.id, 'offers', 'OFF-A1', { ...offer('OFF-A1'), quantity: 2 }, 1, alice);
      await store.delete(doc.id, 'offers', 'OFF-B1', 1, bob);

      const all = await store.audit({ scenarioId: doc.id });
      expect(all.map((e) => `${e.action} ${e.entityKey}`)).toEqual([
        'delete OFF-B1',
        'update OFF-A1',
        'create OFF-B1',
        'create OFF-A1',
        `import ${doc.id}`,
      ]);
      expect(all.map((e) => e.id)).toEqual([...all.map((e) => e.id)].sort((a, b) => b - a));
      expect((await store.audit({ actor: alice.userId })).map((e) => e.action)).toEqual(['update', 'create']);
      expect((await store.audit({ scenarioId: doc.id, entity: 'offers', entityKey: 'OFF-B1' })).length).toBe(
        2,
      );
      expect((await store.audit({ scenarioId: doc.id, action: 'create' })).length).toBe(2);
      expect((await store.audit({ scenarioId: doc.id, entity: 'scenario' })).map((e) => e.action)).toEqual([
        'import',
      ]);
      const page = await store.audit({ scenarioId: doc.id, limit: 2 });
      expect(page.map((e) => e.id)).toEqual(all.slice(0, 2).map((e) => e.id));
      const next = await store.audit({ scenarioId: doc.id, limit: 2, beforeId: page[1]!.id });
      expect(next.map((e) => e.id)).toEqual(all.slice(2, 4).map((e) => e.id));
    });

    it('writes each audit entry in the same transaction as its change', async () => {
      // The audit insert comes after the change; when it fails (no actor), the change is undone.
      const doc = await imported('atomic');
      const nobody = planner('');
      expect((await domainError(store.create(doc.id, 'offers', offer('OFF-Z'), nobody))).code).toBe(
        'invalid',
      );
      expect((await domainError(store.get(doc.id, 'offers', 'OFF-Z', PLANNER))).code).toBe('not_found');
      await expect(
        store.update(doc.id, 'pledges', 'PL-1', { ...doc.pledges[0]!, stage: 'delivered' }, 1, nobody),
      ).rejects.toThrow();
      expect(await store.get(doc.id, 'pledges', 'PL-1', PLANNER)).toMatchObject({
        stage: 'committed',
        version: 1,
      });
      await expect(store.delete(doc.id, 'offers', 'OFF-FRA-2', 1, nobody)).rejects.toThrow();
      expect(await store.get(doc.id, 'offers', 'OFF-FRA-2', PLANNER)).toMatchObject({ version: 1 });
      await expect(store.deleteScenario(doc.id, 1, nobody)).rejects.toThrow();
      expect(await store.exportScenario(doc.id, PLANNER)).toEqual(doc);
      expect(await store.audit({ scenarioId: doc.id })).toHaveLength(1); // the import
    });

    it('lets exactly one of two concurrent writers with the same version win', async () => {
      const doc = await imported('race');
      const actor = planner(fresh('racer'));
      const record = doc.offers[1]!;
      const results = await Promise.allSettled([
        store.update(doc.id, 'offers', record.id, { ...record, status: 'confirmed' }, 1, actor),
        store.update(doc.id, 'offers', record.id, { ...record, status: 'withdrawn' }, 1, actor),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [lost] = results.filter((r) => r.status === 'rejected');
      expect(lost?.reason).toBeInstanceOf(DomainError);
      expect((lost?.reason as DomainError).code).toBe('conflict');
      expect(await store.get(doc.id, 'offers', record.id, PLANNER)).toMatchObject({ version: 2 });
      expect(await store.audit({ actor: actor.userId })).toHaveLength(1);

      const creates = await Promise.allSettled([
        store.create(doc.id, 'offers', offer('OFF-RACE'), actor),
        store.create(doc.id, 'offers', offer('OFF-RACE'), actor),
      ]);
      expect(creates.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const [dup] = creates.filter((r) => r.status === 'rejected');
      expect((dup?.reason as DomainError).code).toBe('conflict');

      const deletes = await Promise.allSettled([
        store.deleteScenario(doc.id, 1, actor),
        store.updateScenario(doc.id, { name: 'Late' }, 1, actor),
      ]);
      expect(deletes.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    });

    it('refuses to change or remove audit entries, even in SQL', async () => {
      if (!(store instanceof KyselyStore)) return;
      await imported('append-only');
      await expect(sql`update audit_log set actor = 'forger'`.execute(store.db)).rejects.toThrow(
        /append-only/,
      );
      await expect(sql`delete from audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
      await expect(sql`truncate audit_log`.execute(store.db)).rejects.toThrow(/append-only/);
      expect((await store.audit({ actor: 'forger' })).length).toBe(0);
    });

    it('keeps installation settings', async () => {
      const key = fresh('setting');
      expect(await store.getSetting(key)).toBeUndefined();
      await store.setSetting(key, 'one');
      await store.setSetting(key, 'two');
      expect(await store.getSetting(key)).toBe('two');
    });

    describeAccessContract({ store: () => store, fresh, scenario });
    describeContentVersionContract({ store: () => store, fresh, scenario });
    describeSignInAddressContract({ store: () => store, fresh, scenario });
    describeDecisionContract({ store: () => store, fresh, scenario });
    describeBriefContract({ store: () => store, fresh, scenario });
  });
}

// --- the backends -------------------------------------------------------------------------------

describeStoreContract('PGlite (in memory)', { open: () => openStore({}) });
// As the server runs it: behind the read cache (read-cache.ts), which must not change any answer.
describeStoreContract('PGlite (in memory) behind the read cache', {
  open: async () => cachedStore(await openStore({})),
});

const databaseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
if (databaseUrl) {
  // A schema of its own per run, dropped afterwards, so runs never see each other's rows.
  const schema = `test_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
  describeStoreContract('PostgreSQL', {
    open: () => openStore({ databaseUrl, schema }),
    dispose: async () => {
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  });
} else if (process.env.CI === 'true') {
  describe('Store contract: PostgreSQL', () => {
    it('is required on CI', () => {
      throw new Error(
        'CI=true but neither TEST_DATABASE_URL nor DATABASE_URL is set: PostgreSQL must be tested',
      );
    });
  });
} else {
  console.warn(
    'store contract: PostgreSQL block skipped — set TEST_DATABASE_URL (e.g. postgres://coalition:coalition@127.0.0.1:5432/coalition_test) to run it',
  );
  describeStoreContract('PostgreSQL', {
    skipReason: NO_POSTGRES,
    open: () => Promise.reject(new Error(NO_POSTGRES)),
  });
}

describe('Migrating a database made before the access model', () => {
  it('keeps its scenarios (unmarked, so visible to all) and its append-only audit log', async () => {
    // Dates stay text, as openStore has them (1082 is the date type).
    const pglite = await PGlite.create({ parsers: { 1082: (value: string) => value } });
    const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
    const store = new KyselyStore('pglite', db);
    try {
      const provider = { getMigrations: async () => ({ '001-initial': initial }) };
      expect((await new Migrator({ db, provider }).migrateToLatest()).error).toBeUndefined();
      const mission = missionSchema.parse({ name: 'Old mission', forceTarget: { personnel: 1000 } });
      await sql`insert into scenarios (id, name, as_of, mission)
        values ('old', 'Old', '2025-01-01', ${JSON.stringify(mission)})`.execute(db);
      await sql`insert into nations (scenario_id, id, name, nato, eu, gdp_value, gdp_year, gdp_currency,
          population_value, population_year, currency, role, ord)
        values ('old', 'GBR', 'United Kingdom', true, false, 3e12, 2024, 'GBP', 68e6, 2024, 'GBP', 'lead', 0)`.execute(
        db,
      );
      await sql`insert into audit_log (actor, scenario_id, entity, entity_key, action)
        values ('importer', 'old', 'scenario', 'old', 'import')`.execute(db);

      await migrate(db);
      const observer: Principal = { userId: 'observer', role: 'observer', nation: null };
      const exported = await store.exportScenario('old', observer);
      expect(exported.nations.map((n) => n.id)).toEqual(['GBR']);
      expect(exported.nations[0]?.releasability).toBeUndefined();
      const parsed = parseScenarioValue(exported);
      expect(parsed.ok ? [] : parsed.issues).toEqual([]);
      expect((await store.listScenarios(observer)).find((s) => s.id === 'old')?.partial).toBe(true);
      const [entry] = await store.audit({ scenarioId: 'old' });
      expect(entry).toMatchObject({ actor: 'importer', action: 'import', nation: null });
      await expect(sql`delete from audit_log`.execute(db)).rejects.toThrow(/append-only/);
    } finally {
      await store.close();
    }
  });
});

describe('PGlite data directory', () => {
  it('starts a new store from a template, and never loads one over a store that exists', async () => {
    const root = mkdtempSync(join(tmpdir(), 'coalition-template-'));
    const template = join(root, 'empty.tar.gz');
    const broken = join(root, 'broken.tar.gz');
    const dataDir = join(root, 'data');
    try {
      await writeStoreTemplate(template);
      writeFileSync(broken, 'not a dump');
      // A new store: the template is what it starts from (a broken one fails it).
      await expect(openStore({ template: broken })).rejects.toThrow();
      const fromTemplate = await openStore({ dataDir, template });
      await fromTemplate.importScenario(scenario('kept'), planner('importer'));
      await fromTemplate.close();
      // The store exists now: the template, even a broken one, is not read over it.
      const reopened = await openStore({ dataDir, template: broken });
      try {
        expect((await reopened.listScenarios(PLANNER)).map((s) => s.id)).toEqual(['kept']);
      } finally {
        await reopened.close();
      }
      const inMemory = await openStore({ template });
      try {
        expect(await inMemory.listScenarios(PLANNER)).toEqual([]);
        await inMemory.importScenario(scenario('fresh'), planner('importer'));
        expect(await inMemory.exportScenario('fresh', PLANNER)).toEqual(scenario('fresh'));
      } finally {
        await inMemory.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('keeps data across close and reopen', async () => {
    const root = mkdtempSync(join(tmpdir(), 'coalition-store-'));
    const dataDir = join(root, 'nested', 'data');
    try {
      const doc = scenario('persisted');
      const first = await openStore({ dataDir });
      await first.importScenario(doc, planner('importer'));
      await first.setSetting('seeded', 'yes');
      await first.close();

      const second = await openStore({ dataDir });
      try {
        expect(second.backend).toBe('pglite');
        expect(await second.exportScenario('persisted', PLANNER)).toEqual(doc);
        expect(await second.getSetting('seeded')).toBe('yes');
        expect(await second.audit({ scenarioId: 'persisted' })).toHaveLength(1);
      } finally {
        await second.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
