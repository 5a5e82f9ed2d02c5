// The analysis API in process (Fastify inject) on the seeded reference scenarios: a planner's
// figures are those of the analysis functions called directly on the whole document; a liaison's or
// an observer's are those of the same functions on only the records releasable to them, with
// `partial` set; bad parameters are 400 naming the field; unknown scenarios 404; no session 401.
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Releasability } from '../../domain/access.ts';
import { analyseBurden } from '../../domain/analysis/burden.ts';
import type { ForceFillReport } from '../../domain/analysis/force-fill-report.ts';
import { offeredPersonnelByNation } from '../../domain/analysis/offered-personnel.ts';
import { analyseSustainment } from '../../domain/analysis/sustainment.ts';
import type { ScenarioId } from '../../domain/ids.ts';
import type { ScenarioDocument } from '../../domain/scenario-schema.ts';
import type { ResilienceReport } from '../../domain/analysis/resilience-report.ts';
import { forceFill } from '../../planner/force-fill.ts';
import { resilience } from '../../planner/resilience.ts';
import { usDependency } from '../../planner/us-dependency.ts';
import type { AnalysisDashboard, AnalysisEnvelope } from '../../contract/analyses/index.ts';
import { DATA_DIR, loadScenarioFile } from '../../app/reference-data.ts';
import { openTestApp, type TestApp } from '../test-app.ts';
import type { TestUserName } from '../test-server.ts';

let t: TestApp;
const article = loadScenarioFile(join(DATA_DIR, 'scenarios/article-2025-03.yaml'));

beforeAll(async () => {
  t = await openTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

type Envelope<R = unknown> = AnalysisEnvelope<Record<string, unknown>, R>;

async function get(user: TestUserName | null, url: string): Promise<LightMyRequestResponse> {
  return t.app.inject({ method: 'GET', url, headers: user ? t.as(user) : {} });
}

async function analysis<R>(user: TestUserName, url: string): Promise<Envelope<R>> {
  const r = await get(user, url);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

/** JSON round trip, as the figures reach a client (drops undefined fields). */
const asJson = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T;

describe('a planner on article-2025-03', () => {
  it('gets the fill of the whole document: 100,000 target, 63,830 offered, 9,680 matched on time', async () => {
    const body = await analysis<ForceFillReport>('planner', '/api/scenarios/article-2025-03/analysis/fill');
    const direct = forceFill(article);
    expect(body.result).toEqual(asJson(direct));
    expect(body.result.totals).toMatchObject({
      personnelTarget: 100_000,
      personnelOffered: 63_830,
      personnelMatched: 9_680,
    });
    expect(body).toMatchObject({
      scenario: 'article-2025-03',
      asOf: article.asOf,
      partial: false,
      parameters: {
        usBackstop: false,
        allowLate: false,
        minStatus: 'offered',
        asOf: article.asOf,
        activationCDay: 0,
        excludeNations: [],
      },
    });
  });

  it('passes the fill options through: US backstop, excluded nations, minimum status', async () => {
    const body = await analysis<ForceFillReport>(
      'planner',
      '/api/scenarios/article-2025-03/analysis/fill?usBackstop=true&excludeNations=DEU,ITA&minStatus=confirmed&allowLate=false',
    );
    const options = {
      usBackstop: true,
      excludeNations: ['DEU', 'ITA'],
      minStatus: 'confirmed',
      allowLate: false,
    } as const;
    expect(body.result).toEqual(asJson(forceFill(article, options)));
    expect(body.parameters).toMatchObject({ ...options, excludeNations: ['DEU', 'ITA'] });
    // A repeated key is the same list as a comma-separated one.
    const repeated = await analysis<ForceFillReport>(
      'planner',
      '/api/scenarios/article-2025-03/analysis/fill?usBackstop=true&excludeNations=ITA&excludeNations=DEU&minStatus=confirmed&allowLate=false',
    );
    expect(repeated.result).toEqual(body.result);
  });

  it('gets dependency, sustainment and burden equal to the direct calls', async () => {
    const base = '/api/scenarios/article-2025-03/analysis';
    const dependency = await analysis('planner', `${base}/dependency`);
    expect(dependency.result).toEqual(asJson(usDependency(article)));

    const fill = forceFill(article);
    const sustainment = await analysis('planner', `${base}/sustainment?defaultPolicy=uk-harmony`);
    expect(sustainment.parameters).toMatchObject({ defaultPolicy: 'uk-harmony', basis: 'offered' });
    expect(sustainment.result).toEqual(
      asJson(
        analyseSustainment(
          {
            strengths: offeredPersonnelByNation(article.offers).map((n) => ({
              nation: n.nation,
              strength: n.personnel,
            })),
            policies: article.rotationPolicies,
            lines: fill.lines.map((l) => ({
              lineId: l.line,
              durationMonths: l.durationMonths,
              contributions: l.nations,
            })),
            partial: false,
          },
          { defaultPolicy: 'uk-harmony' },
        ),
      ),
    );

    const burden = await analysis('planner', `${base}/burden?basis=matched`);
    expect(burden.result).toEqual(
      asJson(
        analyseBurden({
          nations: article.nations,
          pledges: article.pledges,
          personnel: fill.byNation.map((n) => ({ nation: n.nation, personnel: n.personnelMatched })),
          rates: t.inst.service.rates,
          partial: false,
        }),
      ),
    );
  });

  it('gets a dashboard whose figures are those of the analyses', async () => {
    const base = '/api/scenarios/article-2025-03/analysis';
    const body = await analysis<AnalysisDashboard>('planner', base);
    const fill = (await analysis<ForceFillReport>('planner', `${base}/fill`)).result;
    const dependency = usDependency(article);
    const burden = (await analysis<{ coalition: { eur: unknown } }>('planner', `${base}/burden`)).result;
    const sustainment = (
      await analysis<{ coalition: { sustainableFor: { horizon: unknown; personnel: number }[] } }>(
        'planner',
        `${base}/sustainment`,
      )
    ).result;
    const held = (h: unknown) => sustainment.coalition.sustainableFor.find((r) => r.horizon === h)?.personnel;

    const r = body.result;
    expect(r.force.values).toMatchObject({
      target: 100_000,
      offered: 63_830,
      matchedOnTime: fill.totals.personnelMatched,
      matchedLate: 45_960 - fill.totals.personnelMatched,
      shortfallAgainstTarget: fill.totals.shortfallAgainstTarget,
      shortfallAgainstLines: fill.totals.shortfallAgainstLines,
    });
    expect(r.force.lineCounts).toEqual(fill.totals.lineCounts);
    expect(r.nations).toBe(article.nations.length);
    expect(Object.values(r.stances).reduce((a, b) => a + b, 0)).toBe(article.nations.length);
    expect(r.stances.absent).toBeGreaterThanOrEqual(1); // the US
    expect(r.funding.eur).toEqual(burden.coalition.eur);
    expect(r.risks.linesEmptiedWithoutUs).toEqual(dependency.lacks.linesEmptied);
    expect(r.risks.sustainable).toEqual({
      months6: held(6),
      months12: held(12),
      indefinitely: held('indefinite'),
    });

    // Resilience with the same (default) draws and seed: the head of its withdrawal table, and its P.
    const res = (await analysis<ResilienceReport>('planner', `${base}/resilience`)).result;
    const worst = res.withdrawals.nations[0]!;
    expect(r.risks.biggestWithdrawal).toEqual({
      nation: worst.nation,
      weightedFillLost: worst.lost.weightedFill,
      weightedFillShare: worst.lost.weightedFillShare,
      personnelMatchedLost: worst.lost.personnel,
      personnelMatchedWithout: worst.after.personnelMatched,
      linesEmptied: worst.linesNewlyEmpty,
    });
    // Checked by hand against a fill without that nation.
    const without = forceFill(article, { excludeNations: [worst.nation] });
    expect(r.risks.biggestWithdrawal?.personnelMatchedLost).toBe(
      fill.totals.personnelMatched - without.totals.personnelMatched,
    );
    expect(r.risks.probabilityTargetMet).toBe(res.monteCarlo.probabilityTargetMet);
    expect(body.parameters).toMatchObject({ draws: 10_000, seed: 1 });
  });

  it('gets resilience equal to the direct call, reproducible from its seed', async () => {
    const url = '/api/scenarios/article-2025-03/analysis/resilience?draws=500&seed=42&readyByCDay=30';
    const body = await analysis<ResilienceReport>('planner', url);
    expect(body.parameters).toMatchObject({ draws: 500, seed: 42, readyByCDay: 30, usBackstop: false });
    expect(body.result).toEqual(asJson(resilience(article, { draws: 500, seed: 42, readyByCDay: 30 })));
    expect((await analysis('planner', url)).result).toEqual(body.result);
    const defaults = await analysis<ResilienceReport>(
      'planner',
      '/api/scenarios/article-2025-03/analysis/resilience',
    );
    expect(defaults.parameters).toMatchObject({ draws: 10_000, seed: 1, readyByCDay: null });
    expect(defaults.result.monteCarlo.draws).toBe(10_000);
  });
});

describe('a viewer from whom records are withheld', () => {
  // article-2025-03 with some offers marked: those of NLD (matched) and DEU (not matched: they need
  // a US backstop) releasable to FRA only, those of FIN and ITA to coalition members only. liaison-gbr
  // loses the first two nations' offers; the observer (PUBLIC only) all four; liaison-fra none.
  const REL_FRA: Releasability = { level: 'REL_TO', nations: ['FRA'] } as Releasability;
  const COALITION: Releasability = { level: 'COALITION', nations: [] };
  const REL_TO_FRA = ['NLD', 'DEU'];
  const COALITION_ONLY = ['FIN', 'ITA'];
  const marked: ScenarioDocument = {
    ...article,
    id: 'article-marked' as ScenarioId,
    offers: article.offers.map((o) =>
      REL_TO_FRA.includes(o.nation)
        ? { ...o, releasability: REL_FRA }
        : COALITION_ONLY.includes(o.nation)
          ? { ...o, releasability: COALITION }
          : o,
    ),
  };
  const without = (nations: string[]): ScenarioDocument => ({
    ...marked,
    offers: marked.offers.filter((o) => !nations.includes(o.nation)),
  });
  const offersOf = (nations: string[]) => article.offers.filter((o) => nations.includes(o.nation));
  const offeredBy = (nations: string[]) =>
    offersOf(nations)
      .filter((o) => o.status !== 'withdrawn')
      .reduce((s, o) => s + o.personnel, 0);

  beforeAll(async () => {
    for (const n of [...REL_TO_FRA, ...COALITION_ONLY]) expect(offersOf([n]).length, n).toBeGreaterThan(0);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/scenarios',
      headers: t.as('planner'),
      payload: marked,
    });
    expect(r.statusCode, r.body).toBe(201);
  });

  // Late offers counted: NLD's and FIN's offers fill their lines only late.
  const url = '/api/scenarios/article-marked/analysis/fill?allowLate=true';
  const late = { allowLate: true } as const;

  it('a liaison sees partial figures computed over only its records, excluding the REL TO FRA offers exactly', async () => {
    const body = await analysis<ForceFillReport>('liaison-gbr', url);
    expect(body.partial).toBe(true);
    // How many records were withheld is not said: that count would itself give them away.
    expect(body).not.toHaveProperty('withheld');
    const expected = forceFill(without(REL_TO_FRA), late);
    expect(body.result).toEqual(asJson(expected));
    // Offered drops by exactly the withheld offers' personnel; matched by exactly what they filled
    // (NLD's offers fill lines no other nation's offers can, so nothing replaces them).
    expect(body.result.totals.personnelOffered).toBe(63_830 - offeredBy(REL_TO_FRA));
    const full = forceFill(marked, late);
    const nldMatched = full.byNation.find((n) => n.nation === 'NLD')?.personnelMatched ?? 0;
    expect(nldMatched).toBe(2_100);
    expect(body.result.totals.personnelMatched).toBe(expected.totals.personnelMatched);
    expect(body.result.totals.personnelMatched).toBe(45_960 - nldMatched);
    expect(body.result.byNation.map((n) => n.nation)).not.toContain('NLD');
    expect(JSON.stringify(body)).not.toMatch(/OFF-(NLD|DEU)-/);
  });

  it('an observer sees neither the REL TO nor the COALITION offers; every analysis says partial', async () => {
    const hidden = [...REL_TO_FRA, ...COALITION_ONLY];
    const body = await analysis<ForceFillReport>('observer', url);
    expect(body.partial).toBe(true);
    expect(body).not.toHaveProperty('withheld');
    expect(body.result).toEqual(asJson(forceFill(without(hidden), late)));
    expect(body.result.totals.personnelOffered).toBe(63_830 - offeredBy(hidden));
    for (const path of ['', '/sustainment', '/dependency', '/burden', '/resilience?draws=100']) {
      const r = await analysis('observer', `/api/scenarios/article-marked/analysis${path}`);
      expect(r.partial, path).toBe(true);
      expect(JSON.stringify(r), path).not.toMatch(/OFF-(NLD|DEU|FIN|ITA)-/);
    }
    const dashboard = await analysis<AnalysisDashboard>(
      'observer',
      '/api/scenarios/article-marked/analysis?allowLate=true',
    );
    const { matchedOnTime, matchedLate } = dashboard.result.force.values;
    expect(matchedOnTime).toBe(forceFill(without(hidden)).totals.personnelMatched);
    expect(matchedOnTime + matchedLate).toBe(
      forceFill(without(hidden), { allowLate: true }).totals.personnelMatched,
    );
    // NLD's 2,100 and FIN's 540 matched personnel, and nothing else takes their place.
    expect(matchedOnTime + matchedLate).toBe(45_960 - 2_100 - 540);
  });

  it('a liaison to whom everything is releasable gets the whole figures, still marked partial', async () => {
    const body = await analysis<ForceFillReport>('liaison-fra', url);
    // Partial for every viewer who is not staff, so it does not tell whether anything was withheld.
    expect(body.partial).toBe(true);
    expect(body).not.toHaveProperty('withheld');
    expect(body.result).toEqual(asJson(forceFill(marked, late)));
    expect(body.result.totals.personnelMatched).toBe(45_960);
  });
});

describe('errors', () => {
  const base = '/api/scenarios/article-2025-03/analysis';
  const issuePaths = (r: LightMyRequestResponse) =>
    ((r.json() as { error: { issues?: { path: string }[] } }).error.issues ?? []).map((i) => i.path);

  it.each([
    ['/fill?usBackstop=maybe', 'usBackstop'],
    ['/fill?minStatus=withdrawn', 'minStatus'],
    ['/fill?asOf=2025-02-30', 'asOf'],
    ['/fill?excludeNations=GBR,XX', 'excludeNations[1]'],
    ['/fill?activationCDay=-1', 'activationCDay'],
    ['/fill?bogus=1', 'bogus'],
    ['/dependency?usBackstop=true', 'usBackstop'],
    ['/sustainment?defaultPolicy=forever', 'defaultPolicy'],
    ['/burden?basis=pledged', 'basis'],
    ['?draws=0', 'draws'],
    ['?draws=100001', 'draws'],
    ['?seed=abc', 'seed'],
    ['/resilience?draws=1.5', 'draws'],
    ['/resilience?seed=-1', 'seed'],
    ['/resilience?readyByCDay=soon', 'readyByCDay'],
    ['/resilience?defaultPolicy=uk-harmony', 'defaultPolicy'],
  ])('400 for %s naming %s', async (query, field) => {
    const r = await get('planner', `${base}${query}`);
    expect(r.statusCode, r.body).toBe(400);
    expect(issuePaths(r)).toContain(field);
  });

  it('404 for an unknown scenario, 401 without a session', async () => {
    for (const path of ['', '/fill', '/sustainment', '/dependency', '/resilience', '/burden']) {
      expect((await get('planner', `/api/scenarios/no-such/analysis${path}`)).statusCode).toBe(404);
      expect((await get('observer', `/api/scenarios/no-such/analysis${path}`)).statusCode).toBe(404);
      expect((await get(null, `${base}${path}`)).statusCode).toBe(401);
    }
  });
});

describe('OpenAPI', () => {
  it('documents every analysis under the analysis tag with its response properties', async () => {
    const spec = (await t.app.inject('/docs/json')).json() as {
      paths: Record<
        string,
        {
          get?: {
            tags?: string[];
            parameters?: { name: string; in: string }[];
            responses: Record<string, { content?: Record<string, { schema: { properties?: object } }> }>;
          };
        }
      >;
    };
    for (const path of ['', '/fill', '/sustainment', '/dependency', '/resilience', '/burden']) {
      const op = spec.paths[`/api/scenarios/{scenarioId}/analysis${path}`]?.get;
      expect(op, path).toBeDefined();
      expect(op?.tags).toEqual(['analysis']);
      const schema = op?.responses['200']?.content?.['application/json']?.schema;
      expect(Object.keys(schema?.properties ?? {})).toEqual(
        expect.arrayContaining(['scenario', 'asOf', 'partial', 'parameters', 'result']),
      );
      expect(Object.keys(schema?.properties ?? {}), path).not.toContain('withheld');
      expect(op?.responses).toHaveProperty('400');
      expect(op?.responses).toHaveProperty('404');
    }
    const fill = spec.paths['/api/scenarios/{scenarioId}/analysis/fill']?.get;
    expect(fill?.parameters?.map((p) => p.name)).toEqual(
      expect.arrayContaining(['usBackstop', 'excludeNations', 'minStatus', 'asOf']),
    );
  });
});
