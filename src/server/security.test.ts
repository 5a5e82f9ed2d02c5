// Adversarial tests of the access model (.tmp/issue3-spec.md): a liaison officer or an observer
// tries every way we could think of to read what is not releasable to it, to write what it may not,
// to raise its own role, and to get in with a bad, stolen, expired or ended token. Run in-process
// (Fastify inject) against PGlite and PostgreSQL, on one scenario whose records carry every marking.
//
// Expected visibility is written out by hand per record (`seenBy`), not computed with canSee, so a
// mistake in the rule itself would show here too.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skippedFor } from '../../test-summary.ts';
import { parse as parseYaml } from 'yaml';
import { canSee, type Releasability } from '../domain/access.ts';
import { parseCsv } from '../domain/csv.ts';
import { ENTITY_PATH } from '../domain/entity-paths.ts';
import type { EntityKind } from '../domain/records.ts';
import { parseScenarioValue } from '../domain/scenario-document.ts';
import type { Store } from '../storage/store.ts';
import { hashToken, newSessionToken } from '../app/auth-service.ts';
import { testBackends, type TestBackend } from './test-backends.ts';
import type { TestApp } from './test-app.ts';

// --- the scenario -------------------------------------------------------------------------------

/** Test users without a role of coalition staff: whose view is restricted. */
type Viewer = 'liaison-gbr' | 'liaison-fra' | 'observer';
const VIEWERS: readonly Viewer[] = ['liaison-gbr', 'liaison-fra', 'observer'];
const PRINCIPALS = {
  'liaison-gbr': { userId: 'liaison-gbr', role: 'liaison', nation: 'GBR' },
  'liaison-fra': { userId: 'liaison-fra', role: 'liaison', nation: 'FRA' },
  observer: { userId: 'observer', role: 'observer', nation: null },
} as const;

const SCENARIO = 'sec';

interface Fixture {
  kind: EntityKind;
  key: string;
  /** The nation the record belongs to, for the liaison's own-nation rule. */
  owner: string | null;
  rel: Releasability;
  /** Which restricted viewers may see it; planners and administrators see everything. */
  seenBy: readonly Viewer[];
  /** Unique text written into the record; it must never reach a viewer not in seenBy. */
  marker: string;
  /** Whether the key itself is unique enough to search for (nation codes are everywhere). */
  keyIsSecret: boolean;
  record: Record<string, unknown>;
}

const PUB: Releasability = { level: 'PUBLIC', nations: [] };
const COA: Releasability = { level: 'COALITION', nations: [] };
const REL = (...nations: string[]): Releasability => ({ level: 'REL_TO', nations }) as Releasability;
const ALL: readonly Viewer[] = VIEWERS;
const LIAISONS: readonly Viewer[] = ['liaison-gbr', 'liaison-fra'];
const GBR_ONLY: readonly Viewer[] = ['liaison-gbr'];
const FRA_ONLY: readonly Viewer[] = ['liaison-fra'];

const marker = (key: string) => `mk-${key.toLowerCase()}-q7z`;

function fx(
  kind: EntityKind,
  key: string,
  owner: string | null,
  rel: Releasability,
  seenBy: readonly Viewer[],
  fields: Record<string, unknown>,
  keyIsSecret = true,
): Fixture {
  const m = marker(`${kind}-${key}`);
  return {
    kind,
    key,
    owner,
    rel,
    seenBy,
    marker: m,
    keyIsSecret,
    record: { ...fields, assumption: m, releasability: rel },
  };
}

const nationFields = (id: string, name: string, currency: string) => ({
  id,
  name,
  nato: true,
  eu: id !== 'GBR',
  gdp: { value: 1e12, currency, year: 2024, assumption: 'test figure' },
  population: { value: 10_000_000, year: 2024, assumption: 'test figure' },
  currency,
  role: 'contributor',
});
const stanceFields = (id: string, nation: string, date: string, stance: string) => ({
  id,
  nation,
  date,
  stance,
  statement: `Statement ${id}.`,
});
const capabilityFields = (code: string, personnel: number) => ({
  code,
  name: `Capability ${code}`,
  domain: 'land',
  defaultPersonnel: personnel,
  defaultTonnes: personnel * 5,
  app6: 'SFGPUCIZ-------',
});
const requirementFields = (id: string, capability: string) => ({
  id,
  capability,
  quantity: 2,
  sector: 'Sector North',
  task: 'deterrence',
  rddCDay: 30,
  durationMonths: 12,
  priority: 1,
});
const offerFields = (
  id: string,
  nation: string,
  capability: string,
  personnel: number,
  status = 'offered',
) => ({
  id,
  nation,
  capability,
  quantity: 1,
  personnel,
  tonnes: 1_000,
  readiness: { level: 'L2', daysToReady: 30 },
  status,
});
const pledgeFields = (id: string, nation: string, currency: string) => ({
  id,
  nation,
  amount: 1e8,
  currency,
  date: '2025-03-02',
  // Unique to the pledge without being its key, so a search for it tests text, not ids.
  purpose: `air defence, tranche ${id.toLowerCase().replaceAll('-', '')}`,
  stage: 'committed',
});
const policyFields = (nation: string) => ({ nation, tourMonths: 6, dwellRatio: 2 });

const FIXTURES: readonly Fixture[] = [
  fx('nations', 'GBR', 'GBR', PUB, ALL, nationFields('GBR', 'United Kingdom', 'GBP'), false),
  fx('nations', 'FRA', 'FRA', PUB, ALL, nationFields('FRA', 'France', 'EUR'), false),
  fx('nations', 'DEU', 'DEU', PUB, ALL, nationFields('DEU', 'Germany', 'EUR'), false),
  fx('nations', 'POL', 'POL', PUB, ALL, nationFields('POL', 'Poland', 'EUR'), false),
  // A nation only France may know is in the coalition.
  fx('nations', 'BEL', 'BEL', REL('FRA'), FRA_ONLY, nationFields('BEL', 'Belgium', 'EUR')),
  fx('stances', 'GBR-1', 'GBR', PUB, ALL, stanceFields('GBR-1', 'GBR', '2025-03-02', 'lead')),
  fx('stances', 'FRA-1', 'FRA', PUB, ALL, stanceFields('FRA-1', 'FRA', '2025-02-17', 'supportive')),
  // France's latest stance is for France only: others must still see "supportive" as its current one.
  fx('stances', 'FRA-2', 'FRA', REL('FRA'), FRA_ONLY, stanceFields('FRA-2', 'FRA', '2025-03-10', 'declined')),
  fx('stances', 'DEU-1', 'DEU', COA, LIAISONS, stanceFields('DEU-1', 'DEU', '2025-03-02', 'cautious')),
  fx(
    'stances',
    'POL-1',
    'POL',
    REL('GBR', 'POL'),
    GBR_ONLY,
    stanceFields('POL-1', 'POL', '2025-03-02', 'committed'),
  ),
  fx(
    'stances',
    'BEL-1',
    'BEL',
    REL('FRA'),
    FRA_ONLY,
    stanceFields('BEL-1', 'BEL', '2025-03-02', 'committed'),
  ),
  fx('capabilities', 'MECH-INF-BN', null, PUB, ALL, capabilityFields('MECH-INF-BN', 600)),
  fx('capabilities', 'GBAD-BTY', null, COA, LIAISONS, capabilityFields('GBAD-BTY', 120)),
  fx('capabilities', 'SOF-TG', null, REL('FRA'), FRA_ONLY, capabilityFields('SOF-TG', 80)),
  fx('requirements', 'REQ-1', null, PUB, ALL, requirementFields('REQ-1', 'MECH-INF-BN')),
  fx('requirements', 'REQ-2', null, COA, LIAISONS, requirementFields('REQ-2', 'GBAD-BTY')),
  fx('requirements', 'REQ-SOF', null, REL('FRA'), FRA_ONLY, requirementFields('REQ-SOF', 'SOF-TG')),
  fx('requirements', 'REQ-GP', null, REL('GBR', 'POL'), GBR_ONLY, requirementFields('REQ-GP', 'MECH-INF-BN')),
  fx('offers', 'OFF-GBR-1', 'GBR', PUB, ALL, offerFields('OFF-GBR-1', 'GBR', 'MECH-INF-BN', 1_200)),
  fx(
    'offers',
    'OFF-GBR-GP',
    'GBR',
    REL('GBR', 'POL'),
    GBR_ONLY,
    offerFields('OFF-GBR-GP', 'GBR', 'MECH-INF-BN', 300),
  ),
  fx('offers', 'OFF-FRA-1', 'FRA', PUB, ALL, offerFields('OFF-FRA-1', 'FRA', 'MECH-INF-BN', 600)),
  fx('offers', 'OFF-FRA-COA', 'FRA', COA, LIAISONS, offerFields('OFF-FRA-COA', 'FRA', 'GBAD-BTY', 120)),
  fx(
    'offers',
    'OFF-FRA-REL',
    'FRA',
    REL('FRA'),
    FRA_ONLY,
    offerFields('OFF-FRA-REL', 'FRA', 'MECH-INF-BN', 900),
  ),
  fx('offers', 'OFF-FRA-SOF', 'FRA', REL('FRA'), FRA_ONLY, offerFields('OFF-FRA-SOF', 'FRA', 'SOF-TG', 80)),
  fx(
    'offers',
    'OFF-DEU-GP',
    'DEU',
    REL('GBR', 'POL'),
    GBR_ONLY,
    offerFields('OFF-DEU-GP', 'DEU', 'MECH-INF-BN', 450),
  ),
  fx('offers', 'OFF-BEL-1', 'BEL', REL('FRA'), FRA_ONLY, offerFields('OFF-BEL-1', 'BEL', 'MECH-INF-BN', 200)),
  fx(
    'offers',
    'OFF-POL-1',
    'POL',
    PUB,
    ALL,
    offerFields('OFF-POL-1', 'POL', 'MECH-INF-BN', 100, 'withdrawn'),
  ),
  fx('pledges', 'PLG-GBR-1', 'GBR', PUB, ALL, pledgeFields('PLG-GBR-1', 'GBR', 'GBP')),
  fx('pledges', 'PLG-FRA-REL', 'FRA', REL('FRA'), FRA_ONLY, pledgeFields('PLG-FRA-REL', 'FRA', 'EUR')),
  fx('pledges', 'PLG-DEU-GP', 'DEU', REL('GBR', 'POL'), GBR_ONLY, pledgeFields('PLG-DEU-GP', 'DEU', 'EUR')),
  fx('pledges', 'PLG-POL-COA', 'POL', COA, LIAISONS, pledgeFields('PLG-POL-COA', 'POL', 'EUR')),
  fx('rotationPolicies', 'GBR', 'GBR', PUB, ALL, policyFields('GBR'), false),
  fx('rotationPolicies', 'FRA', 'FRA', REL('FRA'), FRA_ONLY, policyFields('FRA'), false),
  fx('rotationPolicies', 'DEU', 'DEU', COA, LIAISONS, policyFields('DEU'), false),
];

const NATION_CODES = ['GBR', 'FRA', 'DEU', 'POL', 'BEL'];
const BY_NATION_KINDS: readonly EntityKind[] = ['stances', 'offers', 'pledges', 'rotationPolicies'];
const KINDS = Object.keys(ENTITY_PATH) as EntityKind[];

function scenarioDocument(id = SCENARIO): Record<string, unknown> {
  const of = (kind: EntityKind) => FIXTURES.filter((f) => f.kind === kind).map((f) => ({ ...f.record }));
  const stances = of('stances');
  return {
    schemaVersion: 1,
    id,
    name: 'Security test coalition',
    asOf: '2025-03-10',
    mission: { name: 'Test force', forceTarget: { personnel: 5_000, assumption: 'test figure' } },
    nations: of('nations').map((n) => ({
      ...n,
      stances: stances.filter((s) => s.nation === n.id).map(({ nation: _nation, ...entry }) => entry),
    })),
    capabilities: of('capabilities'),
    requirements: of('requirements'),
    offers: of('offers'),
    pledges: of('pledges'),
    rotationPolicies: of('rotationPolicies'),
  };
}

const hiddenFrom = (v: Viewer) => FIXTURES.filter((f) => !f.seenBy.includes(v));
const visibleTo = (v: Viewer) => FIXTURES.filter((f) => f.seenBy.includes(v));
const recordUrl = (f: Pick<Fixture, 'kind' | 'key'>, scenario = SCENARIO) =>
  `/api/scenarios/${scenario}/${ENTITY_PATH[f.kind]}/${encodeURIComponent(f.key)}`;
const listUrl = (kind: EntityKind, scenario = SCENARIO) => `/api/scenarios/${scenario}/${ENTITY_PATH[kind]}`;

/** Words that betray a record: its marker always, its key when the key is unique to it. */
function telltales(f: Fixture): RegExp[] {
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const out = [new RegExp(esc(f.marker))];
  if (f.keyIsSecret) out.push(new RegExp(`(?<![A-Za-z0-9_-])${esc(f.key)}(?![A-Za-z0-9_-])`));
  return out;
}

// --- backends -----------------------------------------------------------------------------------

for (const backend of testBackends('security suite', 'sec')) describeSecurity(backend);

// --- the suite ----------------------------------------------------------------------------------

type Json = Record<string, unknown>;
type User = Viewer | 'planner' | 'admin';

function describeSecurity(backend: TestBackend): void {
  describe(`access model under attack (${backend.name})`, skippedFor(backend.skipReason), () => {
    let t: TestApp;
    let app: FastifyInstance;
    let store: Store;

    beforeAll(async () => {
      t = await backend.open();
      app = t.app;
      store = t.inst.store;
      const r = await app.inject({
        method: 'POST',
        url: '/api/scenarios',
        headers: t.as('planner'),
        payload: scenarioDocument(),
      });
      expect(r.statusCode, r.body).toBe(201);
    });
    afterAll(async () => {
      await t?.close();
      await backend.dispose();
    });

    const get = (user: User, url: string) => app.inject({ method: 'GET', url, headers: t.as(user) });
    const send = (user: User, method: 'POST' | 'PATCH' | 'DELETE', url: string, payload?: unknown) =>
      app.inject({
        method,
        url,
        headers: t.as(user),
        ...(payload !== undefined && { payload: payload as Json }),
      });
    const body = (r: LightMyRequestResponse) => r.json() as Json;
    const items = (r: LightMyRequestResponse) => (body(r).items ?? []) as Json[];
    const errorCode = (r: LightMyRequestResponse) => (body(r).error as Json | undefined)?.code;
    const versionOf = async (f: Pick<Fixture, 'kind' | 'key'>, scenario = SCENARIO) => {
      const r = await get('planner', recordUrl(f, scenario));
      expect(r.statusCode, r.body).toBe(200);
      return body(r).version as number;
    };
    const auditCount = async () => (await store.audit({ limit: 1000 })).length;

    it('the fixture agrees with the domain rule canSee (sanity: the table is what the spec says)', () => {
      for (const f of FIXTURES) {
        for (const v of VIEWERS) {
          expect(canSee(PRINCIPALS[v], f.rel, f.owner), `${v} ${f.kind} ${f.key}`).toBe(f.seenBy.includes(v));
        }
      }
    });

    describe('reading by id', () => {
      const cases = VIEWERS.flatMap((v) => hiddenFrom(v).map((f) => [v, f.kind, f.key, f] as const));
      it.each(cases)(
        '%s gets %s %s: 404, exactly as for a record that does not exist',
        async (v, _k, _key, f) => {
          const hidden = await get(v, recordUrl(f));
          expect(hidden.statusCode).toBe(404);
          expect(errorCode(hidden)).toBe('not_found');
          // Same answer as for a key that was never there, apart from the key the caller sent.
          const ghostKey = `${f.key.slice(0, 1)}NOPE${f.key.slice(1)}`.slice(0, 60);
          const ghost = await get(v, recordUrl({ kind: f.kind, key: ghostKey }));
          expect(ghost.statusCode).toBe(404);
          expect(hidden.body.split(f.key).join('#')).toBe(ghost.body.split(ghostKey).join('#'));
          for (const re of telltales({ ...f, keyIsSecret: false })) expect(hidden.body).not.toMatch(re);
        },
      );

      const shown = VIEWERS.flatMap((v) => visibleTo(v).map((f) => [v, f.kind, f.key, f] as const));
      it.each(shown)(
        '%s gets %s %s that is releasable to it: 200 (the rule is not "deny all")',
        async (v, _k, _key, f) => {
          const r = await get(v, recordUrl(f));
          expect(r.statusCode, r.body).toBe(200);
          expect(body(r).assumption).toBe(f.marker);
        },
      );
    });

    describe('lists and filters', () => {
      it.each(VIEWERS.flatMap((v) => KINDS.map((k) => [v, k] as const)))(
        '%s lists %s: exactly the releasable records',
        async (v, kind) => {
          const r = await get(v, listUrl(kind));
          expect(r.statusCode, r.body).toBe(200);
          const keyField = kind === 'capabilities' ? 'code' : kind === 'rotationPolicies' ? 'nation' : 'id';
          const keys = items(r)
            .map((i) => String(i[keyField]))
            .sort();
          const expected = visibleTo(v)
            .filter((f) => f.kind === kind)
            .map((f) => f.key)
            .sort();
          expect(keys).toEqual(expected);
        },
      );

      it.each(
        VIEWERS.flatMap((v) => BY_NATION_KINDS.flatMap((k) => NATION_CODES.map((n) => [v, k, n] as const))),
      )(
        '%s lists %s?nation=%s: no withheld record, and a hidden nation looks like an absent one',
        async (v, kind, nation) => {
          const r = await get(v, `${listUrl(kind)}?nation=${nation}`);
          const absent = await get(v, `${listUrl(kind)}?nation=ESP`);
          expect(r.statusCode, r.body).toBe(200);
          const expected = visibleTo(v).filter((f) => f.kind === kind && f.owner === nation);
          expect(
            items(r)
              .map((i) => i.assumption)
              .sort(),
          ).toEqual(expected.map((f) => f.marker).sort());
          if (expected.length === 0) {
            expect(absent.statusCode).toBe(200);
            expect(r.body).toBe(absent.body);
          }
        },
      );
    });

    describe('export, overview and scenario summaries', () => {
      it.each(VIEWERS.flatMap((v) => (['json', 'yaml'] as const).map((fmt) => [v, fmt] as const)))(
        '%s exports as %s: only releasable records, and still a valid document',
        async (v, format) => {
          const r = await get(v, `/api/scenarios/${SCENARIO}/export?format=${format}`);
          expect(r.statusCode, r.body).toBe(200);
          for (const f of hiddenFrom(v)) for (const re of telltales(f)) expect(r.body).not.toMatch(re);
          const value: unknown = format === 'yaml' ? parseYaml(r.body) : r.json();
          const parsed = parseScenarioValue(value);
          expect(parsed.ok, JSON.stringify(parsed)).toBe(true);
          if (!parsed.ok) return;
          const doc = parsed.document;
          const markers = [
            ...doc.nations.map((n) => n.assumption),
            ...doc.nations.flatMap((n) => n.stances.map((s) => s.assumption)),
            ...doc.capabilities.map((c) => c.assumption),
            ...doc.requirements.map((x) => x.assumption),
            ...doc.offers.map((x) => x.assumption),
            ...doc.pledges.map((x) => x.assumption),
            ...doc.rotationPolicies.map((x) => x.assumption),
          ].sort();
          expect(markers).toEqual(
            visibleTo(v)
              .map((f) => f.marker)
              .sort(),
          );
        },
      );

      it.each(VIEWERS)(
        '%s overview: hidden personnel not counted, hidden stance not current, partial',
        async (v) => {
          const r = await get(v, `/api/scenarios/${SCENARIO}/overview`);
          expect(r.statusCode, r.body).toBe(200);
          const o = body(r) as {
            totals: { personnelOffered: number };
            nations: { id: string; personnelOffered: number; currentStance: { stance: string } | null }[];
            partial: boolean;
          };
          const offers = visibleTo(v).filter((f) => f.kind === 'offers' && f.record.status !== 'withdrawn');
          const personnel = offers.reduce((s, f) => s + (f.record.personnel as number), 0);
          expect(o.totals.personnelOffered).toBe(personnel);
          // Partial because the viewer is not staff; how much is withheld is not told (no counts).
          expect(o.partial).toBe(true);
          expect(o).not.toHaveProperty('withheld');
          expect(o.nations.map((n) => n.id).sort()).toEqual(
            visibleTo(v)
              .filter((f) => f.kind === 'nations')
              .map((f) => f.key)
              .sort(),
          );
          const fra = o.nations.find((n) => n.id === 'FRA');
          expect(fra?.currentStance?.stance).toBe(v === 'liaison-fra' ? 'declined' : 'supportive');
          for (const f of hiddenFrom(v)) for (const re of telltales(f)) expect(r.body).not.toMatch(re);
        },
      );

      it('planner overview counts everything and is not partial (control)', async () => {
        const o = body(await get('planner', `/api/scenarios/${SCENARIO}/overview`));
        expect(o.partial).toBe(false);
        expect((o.totals as Json).personnelOffered).toBe(1_200 + 300 + 600 + 120 + 900 + 80 + 450 + 200);
      });

      it.each(VIEWERS)(
        '%s scenario list and scenario get: counts and personnel of releasable records only',
        async (v) => {
          const offers = visibleTo(v).filter((f) => f.kind === 'offers');
          const personnel = offers
            .filter((f) => f.record.status !== 'withdrawn')
            .reduce((s, f) => s + (f.record.personnel as number), 0);
          const list = await get(v, '/api/scenarios');
          const one = await get(v, `/api/scenarios/${SCENARIO}`);
          for (const summary of [items(list).find((s) => s.id === SCENARIO), body(one)]) {
            expect(summary).toMatchObject({
              partial: true,
              personnelOffered: personnel,
              counts: {
                offers: offers.length,
                nations: visibleTo(v).filter((f) => f.kind === 'nations').length,
                pledges: visibleTo(v).filter((f) => f.kind === 'pledges').length,
                requirements: visibleTo(v).filter((f) => f.kind === 'requirements').length,
              },
            });
          }
          const staff = items(await get('planner', '/api/scenarios')).find((s) => s.id === SCENARIO);
          expect(staff).toMatchObject({ partial: false, counts: { offers: 9 } });
        },
      );
    });

    describe('search and CSV downloads', () => {
      const searchUrl = (q: string, extra = '') =>
        `/api/scenarios/${SCENARIO}/search?q=${encodeURIComponent(q)}&limit=200${extra}`;
      const hits = (r: LightMyRequestResponse) => items(r).map((h) => `${String(h.kind)}:${String(h.key)}`);
      const keyOf = (f: Fixture) => `${f.kind}:${f.key}`;
      /** Text of a fixture that is its own and not its key: its statement, its purpose. */
      const ownText = (f: Fixture): string | undefined =>
        f.kind === 'stances'
          ? String(f.record.statement)
          : f.kind === 'pledges'
            ? String(f.record.purpose).split(', ')[1]
            : undefined;

      it.each(VIEWERS)(
        '%s searches the text every marker shares: exactly the releasable records, nothing more counted',
        async (v) => {
          const r = await get(v, searchUrl('q7z'));
          expect(r.statusCode, r.body).toBe(200);
          expect(body(r).truncated).toBe(false);
          expect(hits(r).sort()).toEqual(visibleTo(v).map(keyOf).sort());
          for (const f of hiddenFrom(v)) for (const re of telltales(f)) expect(r.body).not.toMatch(re);
          // With a limit of exactly what it may see, nothing is said to be left over.
          const exact = await get(v, `/api/scenarios/${SCENARIO}/search?q=q7z&limit=${visibleTo(v).length}`);
          expect(body(exact).truncated).toBe(false);
        },
      );

      it('a planner finds every marker with the same search (control)', async () => {
        const r = await get('planner', searchUrl('Q7Z'));
        expect(hits(r).sort()).toEqual(FIXTURES.map(keyOf).sort());
      });

      const hiddenCases = VIEWERS.flatMap((v) => hiddenFrom(v).map((f) => [v, f.kind, f.key, f] as const));
      it.each(hiddenCases)(
        '%s searches for withheld %s %s by marker, key and own text: no hit, no count, no snippet',
        async (v, _k, _key, f) => {
          const queries = [f.marker, f.marker.toUpperCase(), f.marker.slice(0, 12)];
          if (f.keyIsSecret) queries.push(f.key, f.key.toLowerCase());
          const own = ownText(f);
          if (own) queries.push(own);
          for (const q of queries) {
            for (const extra of ['', `&kinds=${f.kind}`]) {
              const r = await get(v, searchUrl(q, extra));
              expect(r.statusCode, r.body).toBe(200);
              expect(hits(r), `${v} q=${q}${extra}`).not.toContain(keyOf(f));
              for (const h of items(r)) {
                const hit = FIXTURES.find((x) => x.kind === h.kind && x.key === h.key);
                expect(hit?.seenBy, `${v} q=${q} found ${String(h.kind)} ${String(h.key)}`).toContain(v);
              }
              for (const re of telltales(f)) expect(r.body, `${v} q=${q}`).not.toMatch(re);
            }
          }
          // The marker is the record's alone: nothing at all comes back, so the count says nothing.
          expect(body(await get(v, searchUrl(f.marker)))).toEqual({ items: [], truncated: false });
        },
      );

      const shownCases = VIEWERS.flatMap((v) => visibleTo(v).map((f) => [v, f.kind, f.key, f] as const));
      it.each(shownCases)('%s finds %s %s that is releasable to it, by marker', async (v, _k, _key, f) => {
        const r = await get(v, searchUrl(f.marker));
        expect(items(r)).toEqual([
          expect.objectContaining({ kind: f.kind, key: f.key, field: 'assumption', snippet: f.marker }),
        ]);
      });

      it.each(VIEWERS.flatMap((v) => KINDS.map((k) => [v, k] as const)))(
        '%s downloads %s as CSV: exactly the releasable rows, no withheld text',
        async (v, kind) => {
          const r = await get(v, `${listUrl(kind)}.csv`);
          expect(r.statusCode, r.body).toBe(200);
          const [header, ...rows] = parseCsv(r.body);
          const assumption = header!.indexOf('assumption');
          expect(rows.map((row) => row[assumption]).sort()).toEqual(
            visibleTo(v)
              .filter((f) => f.kind === kind)
              .map((f) => f.marker)
              .sort(),
          );
          for (const f of hiddenFrom(v)) for (const re of telltales(f)) expect(r.body).not.toMatch(re);
        },
      );

      it.each(
        VIEWERS.flatMap((v) => BY_NATION_KINDS.flatMap((k) => NATION_CODES.map((n) => [v, k, n] as const))),
      )('%s downloads %s.csv?nation=%s: no withheld row', async (v, kind, nation) => {
        const r = await get(v, `${listUrl(kind)}.csv?nation=${nation}`);
        expect(r.statusCode, r.body).toBe(200);
        const expected = visibleTo(v).filter((f) => f.kind === kind && f.owner === nation);
        expect(parseCsv(r.body).length - 1).toBe(expected.length);
        for (const f of hiddenFrom(v)) for (const re of telltales(f)) expect(r.body).not.toMatch(re);
      });
    });

    describe('the audit log', () => {
      it.each([
        ['liaison-gbr', '/api/audit'],
        ['liaison-gbr', '/api/audit?nation=GBR'],
        ['liaison-gbr', `/api/audit?scenario=${SCENARIO}&entity=offers&key=OFF-FRA-REL`],
        ['liaison-fra', '/api/audit?nation=FRA'],
        ['observer', '/api/audit'],
        ['observer', '/api/audit?limit=1'],
      ] as const)('%s reads %s: 403', async (v, url) => {
        const r = await get(v, url);
        expect(r.statusCode).toBe(403);
        expect(errorCode(r)).toBe('forbidden');
        for (const f of hiddenFrom(v)) for (const re of telltales(f)) expect(r.body).not.toMatch(re);
      });

      it('a planner reads it (control)', async () => {
        const r = await get('planner', `/api/audit?scenario=${SCENARIO}`);
        expect(r.statusCode).toBe(200);
        expect(items(r).length).toBeGreaterThan(0);
      });
    });

    describe('writes the user may not make change nothing', () => {
      let auditBefore = 0;
      let exportBefore = '';
      beforeAll(async () => {
        auditBefore = await auditCount();
        exportBefore = (await get('planner', `/api/scenarios/${SCENARIO}/export`)).body;
      });

      const byKey = (kind: EntityKind, key: string) => {
        const f = FIXTURES.find((x) => x.kind === kind && x.key === key);
        if (!f) throw new Error(`no fixture ${kind} ${key}`);
        return f;
      };
      const newOffer = (id: string, nation: string, capability = 'MECH-INF-BN') =>
        offerFields(id, nation, capability, 10);

      interface WriteCase {
        who: User;
        what: string;
        method: 'POST' | 'PATCH' | 'DELETE';
        /** A record to patch or delete (the current version is sent), or a list to post to. */
        target: { kind: EntityKind; key?: string };
        payload?: Json;
        status: number | readonly number[];
      }
      const W = (
        who: User,
        what: string,
        method: WriteCase['method'],
        target: WriteCase['target'],
        payload: Json | undefined,
        status: WriteCase['status'],
      ): WriteCase => ({ who, what, method, target, ...(payload && { payload }), status });

      const cases: WriteCase[] = [
        // Another nation's records that the liaison can see: 403.
        W(
          'liaison-gbr',
          "patches France's public offer",
          'PATCH',
          { kind: 'offers', key: 'OFF-FRA-1' },
          { quantity: 2 },
          403,
        ),
        W(
          'liaison-gbr',
          "patches France's coalition offer",
          'PATCH',
          { kind: 'offers', key: 'OFF-FRA-COA' },
          { quantity: 2 },
          403,
        ),
        W(
          'liaison-gbr',
          "patches Poland's pledge",
          'PATCH',
          { kind: 'pledges', key: 'PLG-POL-COA' },
          { stage: 'delivered' },
          403,
        ),
        W(
          'liaison-gbr',
          "patches France's stance",
          'PATCH',
          { kind: 'stances', key: 'FRA-1' },
          { stance: 'declined' },
          403,
        ),
        W(
          'liaison-gbr',
          "patches Germany's stance",
          'PATCH',
          { kind: 'stances', key: 'DEU-1' },
          { stance: 'lead' },
          403,
        ),
        W(
          'liaison-gbr',
          "patches Germany's REL_TO GBR offer",
          'PATCH',
          { kind: 'offers', key: 'OFF-DEU-GP' },
          { quantity: 5 },
          403,
        ),
        W(
          'liaison-gbr',
          "deletes France's public offer",
          'DELETE',
          { kind: 'offers', key: 'OFF-FRA-1' },
          undefined,
          403,
        ),
        W(
          'liaison-gbr',
          "deletes Poland's pledge",
          'DELETE',
          { kind: 'pledges', key: 'PLG-POL-COA' },
          undefined,
          403,
        ),
        W(
          'liaison-gbr',
          "deletes France's stance",
          'DELETE',
          { kind: 'stances', key: 'FRA-1' },
          undefined,
          403,
        ),
        W(
          'liaison-fra',
          "patches Britain's offer",
          'PATCH',
          { kind: 'offers', key: 'OFF-GBR-1' },
          { status: 'withdrawn' },
          403,
        ),
        W(
          'liaison-fra',
          "deletes Britain's pledge",
          'DELETE',
          { kind: 'pledges', key: 'PLG-GBR-1' },
          undefined,
          403,
        ),
        // Records the liaison cannot see: 404, never 403 (nor 409 with the current record).
        W(
          'liaison-gbr',
          "patches France's REL_TO FRA offer",
          'PATCH',
          { kind: 'offers', key: 'OFF-FRA-REL' },
          { quantity: 2 },
          404,
        ),
        W(
          'liaison-gbr',
          "deletes France's REL_TO FRA offer",
          'DELETE',
          { kind: 'offers', key: 'OFF-FRA-REL' },
          undefined,
          404,
        ),
        W(
          'liaison-gbr',
          "patches France's REL_TO FRA pledge",
          'PATCH',
          { kind: 'pledges', key: 'PLG-FRA-REL' },
          { stage: 'allocated' },
          404,
        ),
        W(
          'liaison-gbr',
          "patches France's hidden stance",
          'PATCH',
          { kind: 'stances', key: 'FRA-2' },
          { stance: 'lead' },
          404,
        ),
        W(
          'liaison-gbr',
          'deletes a hidden nation',
          'DELETE',
          { kind: 'nations', key: 'BEL' },
          undefined,
          404,
        ),
        W(
          'liaison-fra',
          "patches Britain's REL_TO GBR,POL offer",
          'PATCH',
          { kind: 'offers', key: 'OFF-GBR-GP' },
          { quantity: 9 },
          404,
        ),
        W(
          'observer',
          'patches a coalition offer it cannot see',
          'PATCH',
          { kind: 'offers', key: 'OFF-FRA-COA' },
          { quantity: 2 },
          404,
        ),
        // Moving its own record to (or creating one for) another nation.
        W(
          'liaison-gbr',
          'moves its own offer to France',
          'PATCH',
          { kind: 'offers', key: 'OFF-GBR-1' },
          { nation: 'FRA' },
          403,
        ),
        W(
          'liaison-gbr',
          'moves its own pledge to Germany',
          'PATCH',
          { kind: 'pledges', key: 'PLG-GBR-1' },
          { nation: 'DEU' },
          403,
        ),
        W(
          'liaison-gbr',
          'moves its own stance to Poland',
          'PATCH',
          { kind: 'stances', key: 'GBR-1' },
          { nation: 'POL' },
          403,
        ),
        W(
          'liaison-gbr',
          'creates an offer for France',
          'POST',
          { kind: 'offers' },
          newOffer('OFF-X-1', 'FRA'),
          403,
        ),
        W(
          'liaison-gbr',
          'creates a pledge for Germany',
          'POST',
          { kind: 'pledges' },
          pledgeFields('PLG-X-1', 'DEU', 'EUR'),
          403,
        ),
        W(
          'liaison-gbr',
          'creates a stance for France',
          'POST',
          { kind: 'stances' },
          { nation: 'FRA', date: '2025-04-01', stance: 'declined', statement: 'Forged.' },
          403,
        ),
        W(
          'liaison-gbr',
          'creates an offer for a nation it cannot see',
          'POST',
          { kind: 'offers' },
          newOffer('OFF-X-2', 'BEL'),
          [403, 400, 404],
        ),
        // Kinds a liaison officer never writes, even for its own nation.
        W(
          'liaison-gbr',
          'creates a requirement line',
          'POST',
          { kind: 'requirements' },
          requirementFields('REQ-X', 'MECH-INF-BN'),
          403,
        ),
        W(
          'liaison-gbr',
          'patches a requirement line',
          'PATCH',
          { kind: 'requirements', key: 'REQ-1' },
          { quantity: 1 },
          403,
        ),
        W(
          'liaison-gbr',
          'deletes a requirement line',
          'DELETE',
          { kind: 'requirements', key: 'REQ-1' },
          undefined,
          403,
        ),
        W(
          'liaison-gbr',
          'creates a capability',
          'POST',
          { kind: 'capabilities' },
          capabilityFields('NEW-CAP', 10),
          403,
        ),
        W(
          'liaison-gbr',
          'patches a capability',
          'PATCH',
          { kind: 'capabilities', key: 'MECH-INF-BN' },
          { defaultPersonnel: 1 },
          403,
        ),
        W(
          'liaison-gbr',
          'creates a nation',
          'POST',
          { kind: 'nations' },
          nationFields('ITA', 'Italy', 'EUR'),
          403,
        ),
        W(
          'liaison-gbr',
          'patches its own nation',
          'PATCH',
          { kind: 'nations', key: 'GBR' },
          { name: 'Great Britain' },
          403,
        ),
        W(
          'liaison-gbr',
          'creates its own rotation policy',
          'POST',
          { kind: 'rotationPolicies' },
          policyFields('POL'),
          403,
        ),
        W(
          'liaison-gbr',
          'patches its own rotation policy',
          'PATCH',
          { kind: 'rotationPolicies', key: 'GBR' },
          { tourMonths: 3 },
          403,
        ),
        // Observers write nothing.
        W(
          'observer',
          'patches a public offer',
          'PATCH',
          { kind: 'offers', key: 'OFF-GBR-1' },
          { quantity: 2 },
          403,
        ),
        W('observer', 'creates an offer', 'POST', { kind: 'offers' }, newOffer('OFF-X-3', 'GBR'), 403),
        W(
          'observer',
          'deletes a public pledge',
          'DELETE',
          { kind: 'pledges', key: 'PLG-GBR-1' },
          undefined,
          403,
        ),
        W(
          'observer',
          'creates a stance',
          'POST',
          { kind: 'stances' },
          { nation: 'GBR', date: '2025-04-01', stance: 'lead', statement: 'x' },
          403,
        ),
        W(
          'observer',
          'patches a requirement line',
          'PATCH',
          { kind: 'requirements', key: 'REQ-1' },
          { quantity: 1 },
          403,
        ),
      ];

      it.each(cases.map((c) => [c.who, c.what, c] as const))('%s %s: refused', async (_who, _what, c) => {
        let url = listUrl(c.target.kind);
        let payload = c.payload;
        if (c.target.key !== undefined) {
          const version = await versionOf({ kind: c.target.kind, key: c.target.key });
          url = recordUrl({ kind: c.target.kind, key: c.target.key });
          if (c.method === 'DELETE') url += `?version=${version}`;
          else payload = { ...payload, version };
        }
        const r = await send(c.who, c.method, url, payload);
        const allowed = typeof c.status === 'number' ? [c.status] : c.status;
        expect(allowed, r.body).toContain(r.statusCode);
        expect(errorCode(r)).toBe(
          r.statusCode === 403 ? 'forbidden' : r.statusCode === 404 ? 'not_found' : 'invalid',
        );
        if (r.statusCode !== 404 && c.target.key !== undefined) {
          // A record the user can see: the message may name it, but nothing it cannot see.
          const who = c.who as Viewer;
          if (VIEWERS.includes(who))
            for (const f of hiddenFrom(who)) for (const re of telltales(f)) expect(r.body).not.toMatch(re);
        }
        if (r.statusCode === 404) expect(byKey(c.target.kind, c.target.key!).seenBy).not.toContain(c.who);
      });

      it.each([
        ['liaison-gbr', 'OFF-FRA-REL', 99],
        ['liaison-gbr', 'OFF-FRA-SOF', 1],
        ['observer', 'OFF-DEU-GP', 7],
      ] as const)(
        '%s patches hidden %s with a stale version %s: 404, no current record in a 409',
        async (v, key, version) => {
          const r = await send(v, 'PATCH', recordUrl({ kind: 'offers', key }), { version, quantity: 3 });
          expect(r.statusCode).toBe(404);
          expect(r.body).not.toContain(marker(`offers-${key}`));
          const d = await send(v, 'DELETE', `${recordUrl({ kind: 'offers', key })}?version=${version}`);
          expect(d.statusCode).toBe(404);
        },
      );

      it.each([
        ['liaison-gbr', 'imports a scenario', 'POST', '/api/scenarios', scenarioDocument('sec-forged')],
        ['observer', 'imports a scenario', 'POST', '/api/scenarios', scenarioDocument('sec-forged')],
        [
          'liaison-gbr',
          'renames the scenario',
          'PATCH',
          `/api/scenarios/${SCENARIO}`,
          { version: 1, name: 'Mine now' },
        ],
        [
          'observer',
          'renames the scenario',
          'PATCH',
          `/api/scenarios/${SCENARIO}`,
          { version: 1, name: 'Mine now' },
        ],
        ['liaison-fra', 'deletes the scenario', 'DELETE', `/api/scenarios/${SCENARIO}?version=1`, undefined],
        ['observer', 'deletes the scenario', 'DELETE', `/api/scenarios/${SCENARIO}?version=1`, undefined],
      ] as const)('%s %s: 403', async (v, _what, method, url, payload) => {
        const r = await send(v, method, url, payload);
        expect(r.statusCode, r.body).toBe(403);
        expect(errorCode(r)).toBe('forbidden');
      });

      it('a liaison cannot reference a capability withheld from it: same answer as an unknown one', async () => {
        const hidden = await send(
          'liaison-gbr',
          'POST',
          listUrl('offers'),
          newOffer('OFF-GBR-SOF', 'GBR', 'SOF-TG'),
        );
        const unknown = await send(
          'liaison-gbr',
          'POST',
          listUrl('offers'),
          newOffer('OFF-GBR-SOF', 'GBR', 'NO-SUCH-CAP'),
        );
        expect(unknown.statusCode).toBe(400);
        expect(hidden.statusCode, hidden.body).toBe(unknown.statusCode);
        expect(hidden.body.split('SOF-TG').join('#')).toBe(unknown.body.split('NO-SUCH-CAP').join('#'));
        const patched = await send('liaison-gbr', 'PATCH', recordUrl({ kind: 'offers', key: 'OFF-GBR-1' }), {
          version: await versionOf({ kind: 'offers', key: 'OFF-GBR-1' }),
          capability: 'SOF-TG',
        });
        expect(patched.statusCode, patched.body).toBe(400);
      });

      it("a liaison taking a hidden record's key learns nothing of its content", async () => {
        // The key is unique per scenario, so a clash is unavoidable; the answer must not carry the record.
        const r = await send('liaison-gbr', 'POST', listUrl('offers'), newOffer('OFF-FRA-REL', 'GBR'));
        expect([400, 403, 404, 409]).toContain(r.statusCode);
        expect(r.body).not.toContain(marker('offers-OFF-FRA-REL'));
        expect(JSON.stringify((body(r).error as Json).current ?? null)).toBe('null');
      });

      it('after all refused writes: the audit log and the scenario are exactly as before', async () => {
        expect(await auditCount()).toBe(auditBefore);
        expect((await get('planner', `/api/scenarios/${SCENARIO}/export`)).body).toBe(exportBefore);
      });
    });

    describe('writes a liaison may make (controls, on a copy of the scenario)', () => {
      const COPY = 'sec-copy';
      beforeAll(async () => {
        const r = await send('planner', 'POST', '/api/scenarios', scenarioDocument(COPY));
        expect(r.statusCode, r.body).toBe(201);
      });

      it('liaison-gbr creates, patches and deletes its own offer, and patches its own stance and pledge', async () => {
        const created = await send(
          'liaison-gbr',
          'POST',
          listUrl('offers', COPY),
          offerFields('OFF-GBR-NEW', 'GBR', 'MECH-INF-BN', 50),
        );
        expect(created.statusCode, created.body).toBe(201);
        const patched = await send(
          'liaison-gbr',
          'PATCH',
          recordUrl({ kind: 'offers', key: 'OFF-GBR-NEW' }, COPY),
          {
            version: 1,
            quantity: 2,
            releasability: { level: 'REL_TO', nations: ['GBR'] },
          },
        );
        expect(patched.statusCode, patched.body).toBe(200);
        // REL_TO GBR only: France no longer sees it, Britain still does.
        expect(
          (await get('liaison-fra', recordUrl({ kind: 'offers', key: 'OFF-GBR-NEW' }, COPY))).statusCode,
        ).toBe(404);
        expect(
          (await get('liaison-gbr', recordUrl({ kind: 'offers', key: 'OFF-GBR-NEW' }, COPY))).statusCode,
        ).toBe(200);
        const deleted = await send(
          'liaison-gbr',
          'DELETE',
          `${recordUrl({ kind: 'offers', key: 'OFF-GBR-NEW' }, COPY)}?version=2`,
        );
        expect(deleted.statusCode, deleted.body).toBe(204);
        // Its own stance entries, but not the planners' `lead` entry GBR-1 (lead-rule.test.ts).
        const entry = await send('liaison-gbr', 'POST', listUrl('stances', COPY), {
          nation: 'GBR',
          date: '2025-04-01',
          stance: 'committed',
          statement: 'Britain commits.',
          assumption: 'test figure',
        });
        expect(entry.statusCode, entry.body).toBe(201);
        const stance = await send(
          'liaison-gbr',
          'PATCH',
          recordUrl({ kind: 'stances', key: (entry.json() as { id: string }).id }, COPY),
          { version: 1, stance: 'supportive' },
        );
        expect(stance.statusCode, stance.body).toBe(200);
        const lead = await send('liaison-gbr', 'PATCH', recordUrl({ kind: 'stances', key: 'GBR-1' }, COPY), {
          version: 1,
          stance: 'committed',
        });
        expect(lead.statusCode, lead.body).toBe(403);
        const pledge = await send(
          'liaison-gbr',
          'PATCH',
          recordUrl({ kind: 'pledges', key: 'PLG-GBR-1' }, COPY),
          { version: 1, stage: 'allocated' },
        );
        expect(pledge.statusCode, pledge.body).toBe(200);
        const audit = await store.audit({ scenarioId: COPY, entity: 'offers', entityKey: 'OFF-GBR-NEW' });
        expect(audit.map((a) => [a.action, a.actor])).toEqual([
          ['delete', 'liaison-gbr'],
          ['update', 'liaison-gbr'],
          ['create', 'liaison-gbr'],
        ]);
      });
    });

    describe('role escalation', () => {
      const me = async (user: User) => body(await get(user, '/api/auth/me'));

      it.each([
        ['liaison-gbr', { role: 'planner' }],
        ['liaison-gbr', { role: 'administrator' }],
        ['liaison-gbr', { nation: 'FRA' }],
        ['liaison-gbr', { disabled: false, role: 'planner' }],
        ['observer', { role: 'planner' }],
        ['observer', { nation: 'GBR', role: 'liaison' }],
        ['planner', { role: 'administrator' }],
      ] as const)(
        '%s PATCHes its own account with %j: 403, and its role is unchanged',
        async (user, patch) => {
          const before = await me(user);
          const r = await send(user, 'PATCH', `/api/users/${user}`, { version: before.version, ...patch });
          expect(r.statusCode, r.body).toBe(403);
          expect(errorCode(r)).toBe('forbidden');
          expect(await me(user)).toEqual(before);
        },
      );

      it.each([
        ['liaison-gbr', 'GET', '/api/users'],
        ['liaison-gbr', 'GET', '/api/users/admin'],
        ['liaison-gbr', 'POST', '/api/users'],
        ['liaison-gbr', 'POST', '/api/users/liaison-fra/password'],
        ['liaison-gbr', 'POST', '/api/users/liaison-gbr/password'],
        ['observer', 'GET', '/api/users'],
        ['observer', 'POST', '/api/users'],
        ['planner', 'GET', '/api/users'],
        ['planner', 'POST', '/api/users'],
        ['planner', 'PATCH', '/api/users/liaison-gbr'],
        ['planner', 'POST', '/api/users/admin/password'],
      ] as const)('%s %s %s: 403', async (user, method, url) => {
        const payload =
          method === 'POST' && url === '/api/users'
            ? {
                id: 'mole',
                displayName: 'Mole',
                role: 'administrator',
                password: 'correct horse battery staple 2',
              }
            : method === 'PATCH'
              ? { version: 1, role: 'planner' }
              : method === 'POST'
                ? { password: 'a new password of mine' }
                : undefined;
        const r = method === 'GET' ? await get(user, url) : await send(user, method, url, payload);
        expect(r.statusCode, r.body).toBe(403);
        expect(errorCode(r)).toBe('forbidden');
        expect(r.body).not.toMatch(/scrypt\$/);
      });

      it('no user named "mole" was created, and an administrator can do what was refused (control)', async () => {
        expect((await get('admin', '/api/users/mole')).statusCode).toBe(404);
        const users = items(await get('admin', '/api/users'));
        expect(users.map((u) => u.id)).toEqual(
          expect.arrayContaining(['admin', 'planner', 'liaison-gbr', 'liaison-fra', 'observer']),
        );
        expect(JSON.stringify(users)).not.toMatch(/scrypt|passwordHash|hash/i);
      });
    });

    describe('tokens', () => {
      const flip = (token: string, at: number) => {
        const c = token[at]!;
        return token.slice(0, at) + (c === 'A' ? 'B' : 'A') + token.slice(at + 1);
      };
      const tokenCases = (): [string, Record<string, string>][] => {
        const tok = t.tokens['liaison-gbr']!;
        const planner = t.tokens.planner!;
        return [
          ['no credentials at all', {}],
          ['a flipped first character', { authorization: `Bearer ${flip(tok, 0)}` }],
          [
            'a flipped middle character',
            { authorization: `Bearer ${flip(tok, Math.floor(tok.length / 2))}` },
          ],
          ['a flipped last character', { authorization: `Bearer ${flip(tok, tok.length - 1)}` }],
          ['a truncated token', { authorization: `Bearer ${tok.slice(0, -1)}` }],
          ['half a token', { authorization: `Bearer ${tok.slice(0, Math.floor(tok.length / 2))}` }],
          ['a token with a character appended', { authorization: `Bearer ${tok}A` }],
          ['an upper-cased token', { authorization: `Bearer ${tok.toUpperCase()}` }],
          ['an empty Bearer', { authorization: 'Bearer ' }],
          ['Bearer with no space', { authorization: `Bearer${tok}` }],
          ['the token in the Basic scheme', { authorization: `Basic ${tok}` }],
          ['the token as a bare Authorization header', { authorization: tok }],
          ['the token in a Token scheme', { authorization: `Token ${tok}` }],
          ['two tokens in one header', { authorization: `Bearer ${tok} ${planner}` }],
          ['the hash of the token instead of the token', { authorization: `Bearer ${hashToken(tok)}` }],
          ['an empty session cookie', { cookie: 'coalition_session=' }],
          ['a cookie without the token', { cookie: 'theme=dark; lang=en' }],
          ['the token under another cookie name', { cookie: `session=${tok}` }],
          ['a modified cookie token', { cookie: `coalition_session=${flip(tok, 5)}` }],
          ['a cookie token with a suffix', { cookie: `coalition_session=${tok}.admin` }],
          [
            'a valid cookie but a malformed Authorization header',
            { cookie: `coalition_session=${tok}`, authorization: 'Bearer' },
          ],
          ['a random well-formed token', { authorization: `Bearer ${newSessionToken()}` }],
          ['SQL in the token', { authorization: "Bearer ' or '1'='1" }],
          ['a huge token', { authorization: `Bearer ${'A'.repeat(8_000)}` }],
        ];
      };

      it('every case below is refused with 401 on a read and a write, and GET /api/health stays open', async () => {
        const cases = tokenCases();
        expect(cases.length).toBeGreaterThanOrEqual(20);
        for (const [what, headers] of cases) {
          for (const req of [
            { method: 'GET' as const, url: '/api/scenarios' },
            { method: 'GET' as const, url: '/api/auth/me' },
            {
              method: 'POST' as const,
              url: listUrl('offers'),
              payload: offerFields('OFF-GBR-T', 'GBR', 'MECH-INF-BN', 1),
            },
          ]) {
            const r = await app.inject({ ...req, headers });
            expect(r.statusCode, `${what}: ${req.method} ${req.url}: ${r.body}`).toBe(401);
            expect(errorCode(r), what).toBe('unauthenticated');
          }
        }
        expect((await app.inject('/api/health')).statusCode).toBe(200);
        // The genuine token, as header and as cookie, still works (control).
        const tok = t.tokens['liaison-gbr']!;
        expect(
          (await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${tok}` } })).statusCode,
        ).toBe(200);
        expect(
          (await app.inject({ url: '/api/auth/me', headers: { cookie: `coalition_session=${tok}` } }))
            .statusCode,
        ).toBe(200);
      });

      it.each([
        ['GET', '/api/scenarios'],
        ['GET', `/api/scenarios/${SCENARIO}`],
        ['GET', `/api/scenarios/${SCENARIO}/overview`],
        ['GET', `/api/scenarios/${SCENARIO}/export`],
        ['GET', `/api/scenarios/${SCENARIO}/offers/OFF-GBR-1`],
        ['GET', '/api/audit'],
        ['GET', '/api/users'],
        ['GET', '/api/auth/me'],
        ['POST', '/api/auth/logout'],
        ['POST', '/api/auth/password'],
        ['POST', '/api/scenarios'],
        ['PATCH', `/api/scenarios/${SCENARIO}`],
        ['DELETE', `/api/scenarios/${SCENARIO}?version=1`],
        ['DELETE', `/api/scenarios/${SCENARIO}/offers/OFF-GBR-1?version=1`],
      ] as const)('without a session %s %s is 401 and reveals nothing', async (method, url) => {
        const r = await app.inject({ method, url, ...(method !== 'GET' && { payload: {} }) });
        expect(r.statusCode).toBe(401);
        expect(errorCode(r)).toBe('unauthenticated');
        expect(r.body).not.toMatch(/mk-|OFF-/);
      });

      it('an expired session is 401 (a session stored with expiresAt in the past)', async () => {
        const token = newSessionToken();
        await store.createSession(hashToken(token), 'liaison-gbr', new Date(Date.now() - 1_000));
        const r = await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token}` } });
        expect(r.statusCode).toBe(401);
        // Control: the same kind of session, not expired, works; so the 401 was the expiry.
        const live = newSessionToken();
        await store.createSession(hashToken(live), 'liaison-gbr', new Date(Date.now() + 3_600_000));
        expect(
          (await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${live}` } }))
            .statusCode,
        ).toBe(200);
      });

      const login = async (username: string, password: string, remoteAddress = '127.0.0.1') =>
        app.inject({
          method: 'POST',
          url: '/api/auth/login',
          payload: { username, password },
          remoteAddress,
        });

      it('a disabled user: its open sessions end, it cannot sign in, and the message does not say why', async () => {
        const password = 'correct horse battery staple 9';
        const created = await send('admin', 'POST', '/api/users', {
          id: 'liaison-pol',
          displayName: 'Polish liaison',
          role: 'liaison',
          nation: 'POL',
          password,
        });
        expect(created.statusCode, created.body).toBe(201);
        const ok = await login('liaison-pol', password, '10.9.0.1');
        expect(ok.statusCode, ok.body).toBe(200);
        const token = body(ok).token as string;
        const headers = { authorization: `Bearer ${token}` };
        expect(
          (await app.inject({ url: `/api/scenarios/${SCENARIO}/offers/OFF-DEU-GP`, headers })).statusCode,
        ).toBe(200);

        const version = body(created).version as number;
        const disabled = await send('admin', 'PATCH', '/api/users/liaison-pol', { version, disabled: true });
        expect(disabled.statusCode, disabled.body).toBe(200);
        expect((await app.inject({ url: '/api/auth/me', headers })).statusCode).toBe(401);
        // A session made for the disabled user directly in the store is refused too.
        const token2 = newSessionToken();
        await store.createSession(hashToken(token2), 'liaison-pol', new Date(Date.now() + 3_600_000));
        expect(
          (await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${token2}` } }))
            .statusCode,
        ).toBe(401);

        const wrongPassword = await login('liaison-pol', 'not the password at all', '10.9.0.2');
        const unknownUser = await login('nobody-here', password, '10.9.0.3');
        const disabledUser = await login('liaison-pol', password, '10.9.0.4');
        for (const r of [wrongPassword, unknownUser, disabledUser]) {
          expect(r.statusCode).toBe(401);
          expect(body(r)).toEqual({
            error: { code: 'unauthenticated', message: 'wrong user name or password' },
          });
        }
      });

      it('logout ends the session: the token is refused afterwards, the cookie is cleared', async () => {
        const ok = await login('liaison-fra', 'correct horse battery staple', '10.9.1.1');
        expect(ok.statusCode, ok.body).toBe(200);
        const token = body(ok).token as string;
        expect(String(ok.headers['set-cookie'])).toMatch(/coalition_session=[^;]+;.*HttpOnly/i);
        expect(String(ok.headers['set-cookie'])).toMatch(/SameSite=Strict/i);
        const out = await app.inject({
          method: 'POST',
          url: '/api/auth/logout',
          headers: { authorization: `Bearer ${token}` },
        });
        expect(out.statusCode).toBe(204);
        expect(String(out.headers['set-cookie'])).toMatch(/coalition_session=;|Max-Age=0/i);
        for (const headers of [
          { authorization: `Bearer ${token}` },
          { cookie: `coalition_session=${token}` },
        ]) {
          expect((await app.inject({ url: '/api/auth/me', headers })).statusCode).toBe(401);
          expect((await app.inject({ method: 'POST', url: '/api/auth/logout', headers })).statusCode).toBe(
            401,
          );
        }
        // The shared session of the same user is a different session and still works (control).
        expect((await get('liaison-fra', '/api/auth/me')).statusCode).toBe(200);
      });

      it("a password change ends the user's other sessions; a reset by an administrator ends all", async () => {
        const password = 'correct horse battery staple 5';
        const created = await send('admin', 'POST', '/api/users', {
          id: 'obs-2',
          displayName: 'Obs',
          role: 'observer',
          password,
        });
        expect(created.statusCode, created.body).toBe(201);
        const a = body(await login('obs-2', password, '10.9.2.1')).token as string;
        const b = body(await login('obs-2', password, '10.9.2.2')).token as string;
        const changed = await app.inject({
          method: 'POST',
          url: '/api/auth/password',
          headers: { authorization: `Bearer ${a}` },
          payload: { currentPassword: password, newPassword: 'an entirely new passphrase' },
        });
        expect(changed.statusCode, changed.body).toBe(204);
        expect(
          (await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${a}` } })).statusCode,
        ).toBe(200);
        expect(
          (await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${b}` } })).statusCode,
        ).toBe(401);
        const reset = await send('admin', 'POST', '/api/users/obs-2/password', {});
        expect(reset.statusCode, reset.body).toBe(200);
        expect(typeof body(reset).password).toBe('string');
        expect(
          (await app.inject({ url: '/api/auth/me', headers: { authorization: `Bearer ${a}` } })).statusCode,
        ).toBe(401);
        expect((await login('obs-2', 'an entirely new passphrase', '10.9.2.3')).statusCode).toBe(401);
      });

      it('five wrong passwords lock the name at that address: 429 with Retry-After, even with the right password', async () => {
        const password = 'correct horse battery staple 6';
        expect(
          (
            await send('admin', 'POST', '/api/users', {
              id: 'obs-3',
              displayName: 'Obs',
              role: 'observer',
              password,
            })
          ).statusCode,
        ).toBe(201);
        for (let i = 0; i < 5; i++) {
          expect((await login('obs-3', `wrong password ${i}`, '10.9.3.1')).statusCode).toBe(401);
        }
        const locked = await login('obs-3', password, '10.9.3.1');
        expect(locked.statusCode).toBe(429);
        expect(errorCode(locked)).toBe('rate_limited');
        expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
        // Case does not give a fresh allowance.
        expect((await login('OBS-3', password, '10.9.3.1')).statusCode).toBe(429);
        // The guesser's failures do not lock the user out from anywhere else.
        expect((await login('obs-3', password, '10.9.3.2')).statusCode).toBe(200);
      });

      it('twenty failures from one address lock that address for every name', async () => {
        for (let i = 0; i < 20; i++) {
          expect((await login(`nobody-${i}`, 'wrong password!', '10.9.4.1')).statusCode).toBe(401);
        }
        const r = await login('liaison-gbr', 'correct horse battery staple', '10.9.4.1');
        expect(r.statusCode).toBe(429);
        expect(Number(r.headers['retry-after'])).toBeGreaterThan(0);
        // Another address is not affected (control).
        expect((await login('liaison-gbr', 'correct horse battery staple', '10.9.4.2')).statusCode).toBe(200);
      });
    });

    describe('zero leaks: every read route, as every restricted user', () => {
      /** Every GET a client can make on the scenario, including gets of every id (hidden or not). */
      const readUrls = (): string[] => {
        const urls = [
          '/api/scenarios',
          `/api/scenarios/${SCENARIO}`,
          `/api/scenarios/${SCENARIO}/overview`,
          `/api/scenarios/${SCENARIO}/overview?asOf=2025-03-05`,
          `/api/scenarios/${SCENARIO}/overview?asOf=2025-12-31`,
          `/api/scenarios/${SCENARIO}/export`,
          `/api/scenarios/${SCENARIO}/export?format=json`,
          `/api/scenarios/${SCENARIO}/export?format=yaml`,
          `/api/scenarios/${SCENARIO}/search?q=q7z&limit=200`,
          `/api/scenarios/${SCENARIO}/search?q=mk-&limit=200`,
          '/api/auth/me',
        ];
        for (const kind of KINDS) {
          urls.push(listUrl(kind), `${listUrl(kind)}.csv`);
          if (BY_NATION_KINDS.includes(kind))
            for (const n of [...NATION_CODES, 'ESP'])
              urls.push(`${listUrl(kind)}?nation=${n}`, `${listUrl(kind)}.csv?nation=${n}`);
        }
        for (const f of FIXTURES) {
          urls.push(recordUrl(f));
          for (const q of [f.marker, f.key]) {
            urls.push(`/api/scenarios/${SCENARIO}/search?q=${encodeURIComponent(q)}`);
          }
        }
        return urls;
      };

      it.each(VIEWERS)('%s: no withheld record id or text in any response body', async (v) => {
        const urls = readUrls();
        expect(urls.length).toBeGreaterThan(60);
        const seen = new Set<string>();
        for (const url of urls) {
          const r = await get(v, url);
          expect([200, 404], `${url}: ${r.body}`).toContain(r.statusCode);
          // A 404 may echo the key the caller itself sent; that tells it nothing new.
          let text = r.body;
          if (r.statusCode === 404) {
            const key = decodeURIComponent(url.split('/').pop() ?? '');
            text = text.split(key).join('#');
          }
          for (const f of hiddenFrom(v)) {
            for (const re of telltales(f))
              expect(text, `${v} ${url} leaks ${f.kind} ${f.key}`).not.toMatch(re);
          }
          for (const f of visibleTo(v)) if (text.includes(f.marker)) seen.add(f.marker);
        }
        // The walk really read the records the viewer may see, so the search above had text to search.
        expect([...seen].sort()).toEqual(
          visibleTo(v)
            .map((f) => f.marker)
            .sort(),
        );
      });

      it('a planner sees every marker on the same walk (control: the walk can find a leak)', async () => {
        const all = new Set<string>();
        for (const url of readUrls()) {
          const r = await get('planner', url);
          for (const f of FIXTURES) if (r.body.includes(f.marker)) all.add(f.marker);
        }
        expect(all.size).toBe(FIXTURES.length);
      });
    });
  });
}
