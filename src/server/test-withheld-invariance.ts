// The releasability property, end to end through the API: for random markings and a random viewer,
// (1) every export the viewer receives validates, and (2) nothing the viewer can read or be told
// differs between two installations that differ only in records withheld from it. Store A holds the
// whole scenario; store B holds what the domain's rule (releasableView) shows the viewer and nothing
// else. Every read path is asked of both: scenario list, header, overview, export, each kind's list,
// CSV and every key of A (withheld ones included), search (for withheld keys and markers too),
// every analysis, the deployment plan (and its proved bound), the force-list CSV and its ETag, the
// briefing packs the viewer makes and reads (as data and PDF); and the writes a liaison officer may
// try with a withheld record's id or name. Any id, count, tag, error code or figure that differs is
// a leak (how long a computation took excepted). Runs on PGlite (withheld-invariance-pglite.test.ts)
// and PostgreSQL (withheld-invariance-postgres.test.ts): a file each, so that the suite's two longest
// blocks run on workers of their own. Tests only.
import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skippedFor } from '../../test-summary.ts';
import { ANALYSES, ANALYSIS_KINDS } from '../contract/analyses/index.ts';
import type { Principal, Releasability } from '../domain/access.ts';
import { ENTITY_PATH } from '../domain/entity-paths.ts';
import { ENTITY_KEY, ENTITY_KINDS, type EntityKind } from '../domain/records.ts';
import { recordsByKind, releasableView } from '../domain/releasable-view.ts';
import { parseScenarioValue, requireScenario } from '../domain/scenario-document.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import type { PlanEnvelope } from '../contract/plan.ts';
import { withMarkings } from '../domain/marking-fixtures.ts';
import {
  deploymentScenario,
  escalationLadder,
  nation,
  offer,
  redLine,
  risk,
  sampleNetwork,
  theatre,
} from '../domain/test-fixtures.ts';
import { scenarioForceList } from '../planner/deploy/plan-report.ts';
import { TEST_PASSWORD, createTestUsers } from './test-server.ts';
import type { TestApp } from './test-app.ts';
import type { TestBackend } from './test-backends.ts';
import { fastCheckSeed } from '../../test-seed.ts';

const SCENARIO = 'invariance';
/** A variant of it (another force target, an offer firmer), compared with it. */
const VARIANT = 'invariance-variant';
const NATIONS = ['GBR', 'FRA', 'POL', 'UKR'] as const;

/** Restricted viewers the property draws from: each role without staff rights, with and without a nation. */
const VIEWERS = [
  { id: 'inv-liaison-gbr', role: 'liaison', nation: 'GBR' },
  { id: 'inv-liaison-fra', role: 'liaison', nation: 'FRA' },
  { id: 'inv-liaison-pol', role: 'liaison', nation: 'POL' },
  { id: 'inv-observer', role: 'observer' },
  { id: 'inv-observer-fra', role: 'observer', nation: 'FRA' },
] as const;
type ViewerId = (typeof VIEWERS)[number]['id'];

const principalOf = (id: ViewerId): Principal => {
  const v = VIEWERS.find((x) => x.id === id)!;
  return { userId: v.id, role: v.role, nation: 'nation' in v ? v.nation : null };
};

/**
 * The base scenario: every kind present, a stored force list and movement records on it, and the
 * only road into Ukraine closed to C+120, so that units are late and a plan's proved bound is a
 * figure (above 0) whenever the movement record, which the bound cannot take, is withheld.
 */
function baseScenario(): ScenarioDocument {
  const network = sampleNetwork();
  const doc = requireScenario({
    ...deploymentScenario({
      id: SCENARIO,
      network: {
        ...network,
        arcs: network.arcs!.map((a) =>
          a.id === 'medyka-kyiv' ? { ...a, closures: [{ from: 0, to: 120, reason: 'bridge repairs' }] } : a,
        ),
      },
      nations: [
        nation('GBR', { role: 'lead' }),
        nation('FRA', { role: 'lead' }),
        nation('POL', { role: 'contributor' }),
        nation('UKR', { role: 'host' }),
      ],
    }),
    mission: {
      ...deploymentScenario().mission,
      hostNation: 'UKR',
      components: [{ name: 'Land', domain: 'land', task: 'reassure', leadNations: ['GBR', 'FRA'] }],
    },
    // A delivery probability per nation names nations in the header, as the host and leads do.
    assumptions: {
      nationDeliveryProbability: { POL: 0.6, FRA: 0.85 },
      assumption: 'Planning judgement (test fixture).',
    },
  });
  const withPol = requireScenario({
    ...doc,
    offers: [...doc.offers, offer({ id: 'OFF-POL-1', nation: 'POL', personnel: 300, quantity: 1 })],
  });
  const list = scenarioForceList(withPol);
  if (!list.ok) throw new Error(`fixture: ${JSON.stringify(list.issues)}`);
  const ulns = list.records.slice(0, 6);
  const first = ulns[0]!;
  const arc = withPol.network.arcs.find((a) => a.from === first.origin)!;
  return requireScenario({
    ...withPol,
    forceList: ulns,
    // Red lines name their nation and a rung; risks link to records of several kinds and a rung, so
    // a risk is withheld with what it links to.
    // A line of contact, so the risk analysis places units, flags them and says who can respond.
    theatre: theatre(),
    escalation: escalationLadder(),
    redLines: [
      redLine({ id: 'RL-GBR-1' }),
      redLine({ id: 'RL-POL-1', nation: 'POL', rung: 'violation', effect: 'no-deploy-within', km: 30 }),
    ],
    risks: [
      risk({
        links: [
          { kind: 'rungs', key: 'attack' },
          { kind: 'redLines', key: 'RL-POL-1' },
        ],
      }),
      risk({
        id: 'RSK-2',
        links: [
          { kind: 'offers', key: 'OFF-POL-1' },
          { kind: 'ulns', key: first.uln },
        ],
      }),
      risk({ id: 'RSK-3', links: [] }),
    ],
    movements: [
      {
        id: 'MOV-1',
        uln: first.uln,
        nation: first.nation,
        arc: arc.id,
        departDay: first.ald,
        arriveDay: first.ald + arc.transitDays,
        personnel: Math.min(first.personnel, arc.loadSize.personnel),
        tonnes: 0,
      },
    ],
  });
}

/** The variant compared with the base: another target and every offer confirmed, markings kept. */
function variantOf(full: ScenarioDocument): ScenarioDocument {
  return requireScenario({
    ...full,
    id: VARIANT,
    name: `${full.name}: variant`,
    mission: { ...full.mission, forceTarget: { ...full.mission.forceTarget, personnel: 700 } },
    offers: full.offers.map((o) => (o.status === 'offered' ? { ...o, status: 'confirmed' as const } : o)),
  });
}

type AnyRecord = Record<string, unknown> & { releasability?: Releasability };

function recordsOf(doc: ScenarioDocument): Record<EntityKind, AnyRecord[]> {
  return recordsByKind(doc) as unknown as Record<EntityKind, AnyRecord[]>;
}

const keyOf = (kind: EntityKind, r: AnyRecord) => String(r[ENTITY_KEY[kind]]);

/** The document with the markings applied and released to the nations whose records name them. */
function marked(
  doc: ScenarioDocument,
  marks: ReadonlyMap<string, Releasability | undefined>,
): ScenarioDocument {
  return requireScenario(withMarkings(doc, marks));
}

/** Timestamps say when each store wrote its rows, which differs between any two stores. */
const TIMESTAMP = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z/g;

function normalised(value: unknown): unknown {
  if (typeof value === 'string') return value.replace(TIMESTAMP, '<time>');
  if (Array.isArray(value)) return value.map(normalised);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  // How long a computation took (the plan's proved bound) is the clock's, not the records'.
  for (const [k, v] of Object.entries(value)) out[k] = k === 'seconds' ? '<seconds>' : normalised(v);
  return out;
}

function answer(r: LightMyRequestResponse): unknown {
  const type = String(r.headers['content-type'] ?? '');
  const body = type.includes('json') ? normalised(r.json()) : normalised(r.body);
  return { status: r.statusCode, etag: r.headers.etag, type, body };
}

interface Pair {
  a: TestApp;
  b: TestApp;
}

/** Two installations on one backend, each with the viewers' accounts. */
async function openPair(backend: TestBackend): Promise<Pair> {
  const open = async () => {
    const t = await backend.open();
    await createTestUsers(t.inst.store, VIEWERS);
    return t;
  };
  return { a: await open(), b: await open() };
}

/** Every read (and probing write) a viewer can make, as [label, request]. */
function probes(
  full: ScenarioDocument,
): [string, { method: 'GET' | 'POST'; url: string; payload?: unknown }][] {
  const s = `/api/scenarios/${SCENARIO}`;
  const out: [string, { method: 'GET' | 'POST'; url: string; payload?: unknown }][] = [
    ['scenario list', { method: 'GET', url: '/api/scenarios' }],
    ['header', { method: 'GET', url: s }],
    ['overview', { method: 'GET', url: `${s}/overview` }],
    ['export', { method: 'GET', url: `${s}/export` }],
    // The proved bound with time to converge, so that its figure depends on the records, not the clock.
    ['plan', { method: 'GET', url: `${s}/deployment/plan?boundSeconds=60` }],
    ['force-list csv', { method: 'GET', url: `${s}/force-list.csv` }],
    // Courses of action: the baseline beside a variant stored with the same markings.
    ['compare', { method: 'GET', url: `${s}/compare?variants=${VARIANT}&draws=200` }],
    [
      'compare from the variant',
      { method: 'GET', url: `/api/scenarios/${VARIANT}/compare?variants=${SCENARIO}&draws=200` },
    ],
    ['decisions', { method: 'GET', url: `${s}/decisions` }],
    // Briefing packs the viewer makes and reads: the coalition's and the UK's (a liaison of another
    // nation is refused the second alike in both stores), their list, their data and their PDF.
    [
      'make coalition pack',
      { method: 'POST', url: `${s}/briefs`, payload: { audience: 'coalition', draws: 200 } },
    ],
    [
      'make rel-to:GBR pack',
      { method: 'POST', url: `${s}/briefs`, payload: { audience: 'rel-to:GBR', draws: 200 } },
    ],
    ['list packs', { method: 'GET', url: `${s}/briefs` }],
    ['coalition pack', { method: 'GET', url: `${s}/briefs/coalition/1` }],
    ['rel-to:GBR pack', { method: 'GET', url: `${s}/briefs/rel-to:GBR/1` }],
    ['coalition pack PDF', { method: 'GET', url: `${s}/briefs/coalition/1/pdf` }],
    ['staff pack (none)', { method: 'GET', url: `${s}/briefs/staff/1` }],
    // Who can respond to each sector, and to one that is not there.
    ...['Kyiv', 'Dnipro', 'Nowhere'].map((sector): [string, { method: 'GET'; url: string }] => [
      `risk for ${sector}`,
      { method: 'GET', url: `${s}/analysis/risk?draws=200&sector=${sector}` },
    ]),
  ];
  for (const kind of ANALYSIS_KINDS) {
    const query = kind === 'dashboard' || kind === 'resilience' || kind === 'risk' ? '?draws=200' : '';
    out.push([`analysis ${kind}`, { method: 'GET', url: `${s}/analysis${ANALYSES[kind].path}${query}` }]);
  }
  const records = recordsOf(full);
  for (const kind of ENTITY_KINDS) {
    out.push([`list ${kind}`, { method: 'GET', url: `${s}/${ENTITY_PATH[kind]}` }]);
    if (kind !== 'ulns') out.push([`csv ${kind}`, { method: 'GET', url: `${s}/${ENTITY_PATH[kind]}.csv` }]);
    for (const r of records[kind]) {
      const key = keyOf(kind, r);
      out.push([
        `get ${kind} ${key}`,
        { method: 'GET', url: `${s}/${ENTITY_PATH[kind]}/${encodeURIComponent(key)}` },
      ]);
      out.push([
        `search ${key}`,
        { method: 'GET', url: `${s}/search?q=${encodeURIComponent(key)}&limit=200` },
      ]);
    }
  }
  out.push(['search fixture text', { method: 'GET', url: `${s}/search?q=e&limit=200` }]);
  // Writes a liaison officer may try with what it cannot see: each offer's id (a withheld one's
  // included) as a new offer of its own, and a new offer naming each capability.
  for (const o of full.offers) {
    out.push([
      `create offer ${o.id}`,
      {
        method: 'POST',
        url: `${s}/offers`,
        payload: { ...offer({ id: o.id, nation: 'GBR' }), nation: 'GBR' },
      },
    ]);
  }
  for (const c of full.capabilities) {
    out.push([
      `create offer naming ${c.code}`,
      {
        method: 'POST',
        url: `${s}/offers`,
        payload: offer({ id: `OFF-GBR-NEW-${c.code}`, nation: 'GBR', capability: c.code }),
      },
    ]);
  }
  return out;
}

/**
 * The property on one backend (testBackends), over `runs` cases drawn from the run's seed plus
 * `seedOffset`: each backend checks cases of its own, so that the two together cover more of them
 * than either (the store contract suite shows both backends answer alike).
 */
export function describeInvariance(backend: TestBackend, runs: number, seedOffset: number): void {
  describe(`releasability invariance (${backend.name})`, skippedFor(backend.skipReason), () => {
    let pair: Pair;
    beforeAll(async () => {
      pair = await openPair(backend);
    });
    afterAll(async () => {
      await pair?.a.close();
      await pair?.b.close();
      await backend.dispose();
    });

    it('shows a viewer the same of a store as of the store without what is withheld from it (property)', async () => {
      const base = baseScenario();
      const keys = ENTITY_KINDS.flatMap((kind) =>
        recordsOf(base)[kind].map((r) => `${kind}:${keyOf(kind, r)}`),
      );
      const marking = fc.option(
        fc.oneof(
          fc.constant<Releasability>({ level: 'PUBLIC', nations: [] }),
          fc.constant<Releasability>({ level: 'COALITION', nations: [] }),
          fc
            .uniqueArray(fc.constantFrom(...NATIONS), { minLength: 1, maxLength: 2 })
            .map((nations) => ({ level: 'REL_TO', nations }) as Releasability),
        ),
        { nil: undefined, freq: 2 },
      );
      // The comparison must have been answered (not refused alike in both) for the property to say much.
      let comparedRuns = 0;
      // And a bound must have been proved under a late plan (not a re-plan) in some runs.
      let boundRuns = 0;
      await fc.assert(
        fc.asyncProperty(
          fc.array(marking, { minLength: keys.length, maxLength: keys.length }),
          fc.constantFrom(...VIEWERS.map((v) => v.id)),
          async (marks, viewerId) => {
            const full = marked(base, new Map(keys.map((k, i) => [k, marks[i]])));
            const viewer = principalOf(viewerId);
            const view = releasableView(full, viewer);
            // A view with no nation is not a document; the export refuses it, and there is no B.
            if (view.nations.length === 0) return;
            const { a, b } = pair;
            const fullVariant = variantOf(full);
            for (const [t, docs] of [
              [a, [full, fullVariant]],
              [b, [view, releasableView(fullVariant, viewer)]],
            ] as const) {
              for (const doc of docs) {
                const stored = await t.app.inject({
                  method: 'GET',
                  url: `/api/scenarios/${doc.id}`,
                  headers: t.as('planner'),
                });
                if (stored.statusCode === 200) {
                  const version = (stored.json() as { version: number }).version;
                  const gone = await t.app.inject({
                    method: 'DELETE',
                    url: `/api/scenarios/${doc.id}?version=${version}`,
                    headers: t.as('planner'),
                  });
                  expect(gone.statusCode, gone.body).toBe(204);
                }
                const r = await t.app.inject({
                  method: 'POST',
                  url: '/api/scenarios',
                  headers: t.as('planner'),
                  payload: doc,
                });
                expect(r.statusCode, r.body).toBe(201);
              }
            }
            const [tokenA, tokenB] = await Promise.all([
              a.login(viewerId, TEST_PASSWORD),
              b.login(viewerId, TEST_PASSWORD),
            ]);
            for (const [what, request] of probes(full)) {
              const ra = await a.app.inject({
                ...request,
                headers: { authorization: `Bearer ${tokenA}` },
              } as never);
              const rb = await b.app.inject({
                ...request,
                headers: { authorization: `Bearer ${tokenB}` },
              } as never);
              expect(answer(ra), `${viewerId}: ${what}`).toEqual(answer(rb));
              if (what === 'compare' && ra.statusCode === 200) comparedRuns++;
              if (what === 'plan' && ra.statusCode === 200) {
                const { value, bound } = (ra.json() as PlanEnvelope).result.objective;
                if (value > 0 && bound.status !== 'none') boundRuns++;
              }
              if (what === 'export' && ra.statusCode === 200) {
                const parsed = parseScenarioValue(ra.json());
                expect(parsed.ok ? [] : parsed.issues, `${viewerId}: export validates`).toEqual([]);
              }
            }
          },
        ),
        { numRuns: runs, seed: fastCheckSeed() + seedOffset },
      );
      expect(comparedRuns, 'runs in which the viewer got a comparison').toBeGreaterThan(0);
      expect(boundRuns, 'runs in which the viewer got a late plan with a proved bound').toBeGreaterThan(0);
    });
  });
}
