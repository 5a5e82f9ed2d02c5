// GET /api/scenarios/:id/analysis/risk for the reference scenario: the whole picture for a planner,
// a partial one for a liaison officer, and for an observer without a nation the public view, where
// no unit's place is exact (grid-cell centres, bands instead of distances, no place names).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisAnswer } from '../contract/analyses/index.ts';
import { openTestApp, type TestApp } from './test-app.ts';
import type { TestUserName } from './test-server.ts';

const URL = '/api/scenarios/article-2025-03/analysis/risk?draws=200&seed=3';

let t: TestApp;

beforeAll(async () => {
  t = await openTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

async function get(user: TestUserName, url = URL): Promise<AnalysisAnswer<'risk'>> {
  const r = await t.app.inject({ method: 'GET', url, headers: t.as(user) });
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
}

describe('the risk analysis over the API', () => {
  it('gives a planner the line, exact positions and the ladder', async () => {
    const body = await get('planner');
    expect(body.partial).toBe(false);
    expect(body.parameters).toMatchObject({ draws: 200, seed: 3, climb: 0.5 });
    expect(body.result.line).not.toBeNull();
    expect(body.result.exposure?.view).toBe('full');
    expect(body.result.ladder?.rungs).toHaveLength(6);
  });

  it('tells a liaison officer its answer is partial', async () => {
    const body = await get('liaison-gbr');
    expect(body.partial).toBe(true);
    expect(body.result.exposure?.view).toBe('full');
  });

  it('gives an observer without a nation the public view: no exact coordinates', async () => {
    const planner = await get('planner');
    const body = await get('observer');
    expect(body.partial).toBe(true);
    const e = body.result.exposure!;
    expect(e.view).toBe('public');
    if (e.view !== 'public' || planner.result.exposure?.view !== 'full') return;
    const exact = new Set(planner.result.exposure.positions.map((p) => `${p.lon},${p.lat}`));
    expect(e.positions.length).toBeGreaterThan(0);
    for (const p of e.positions) {
      expect(Object.keys(p).sort()).toEqual(['band', 'fromDay', 'id', 'lat', 'lon', 'nation', 'personnel']);
      expect(exact.has(`${p.lon},${p.lat}`), `${p.id} at its exact place`).toBe(false);
    }
    expect(JSON.stringify(body)).not.toMatch(/distanceKm|"label"/);
  });

  it('refuses a climb outside 0 to 1 with a 400 at the field', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `${URL}&climb=1.5`,
      headers: t.as('planner'),
    });
    expect(r.statusCode).toBe(400);
    expect(r.body).toContain('climb');
  });
});
