// The deployment API in process: the plan of a small scenario, the force list generated, downloaded,
// replaced from CSV all-or-nothing and guarded against stale replacements, releasability in plans,
// and who may change the list.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORCE_LIST_COLUMNS } from '../../domain/deployment/force-list-csv.ts';
import { deploymentScenario } from '../../domain/test-fixtures.ts';
import type { PlanEnvelope } from '../../app/deployment-service.ts';
import { openTestApp, type TestApp } from '../test-app.ts';
import type { TestUserName } from '../test-server.ts';

let t: TestApp;
const S = '/api/scenarios/deploy-sample';

beforeAll(async () => {
  t = await openTestApp();
  const r = await t.app.inject({
    method: 'POST',
    url: '/api/scenarios',
    headers: t.as('planner'),
    payload: deploymentScenario(),
  });
  expect(r.statusCode, r.body).toBe(201);
});
afterAll(async () => {
  await t.close();
});

const call = (
  user: TestUserName,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
): Promise<LightMyRequestResponse> =>
  t.app.inject({
    method,
    url,
    headers: { ...t.as(user), ...headers },
    ...(payload !== undefined && { payload: payload as string }),
  });

describe('the plan', () => {
  it('generates the force list from the fill when none is stored, and says when it closes', async () => {
    const r = await call('planner', 'GET', `${S}/deployment/plan`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as PlanEnvelope;
    expect(body.result.forceList.source).toBe('generated');
    expect(body.result.forceList.ulns).toBeGreaterThan(0);
    const scheduled = body.result.ulns.filter((u) => u.status === 'scheduled');
    expect(scheduled.length).toBe(body.result.ulns.length);
    // The closure curve ends at the force list's personnel; the last people arrive no later than
    // the last load (which may carry only equipment).
    const curve = body.result.closure.curve;
    expect(curve.at(-1)).toBe(body.result.forceList.personnel);
    expect(body.result.closure.allDay).not.toBeNull();
    expect(body.result.closure.allDay!).toBeLessThanOrEqual(body.result.closure.lastArrivalDay!);
    expect(curve[body.result.closure.allDay! - 1]).toBeLessThan(body.result.forceList.personnel);
    expect(body.result.holdUps.length).toBeGreaterThan(0);
    expect(body.reference).toBeNull();
    // Nobody is late: the plan is optimal as it stands.
    expect(body.parameters.boundSeconds).toBe(5);
    expect(body.result.objective.value).toBe(0);
    expect(body.result.objective.bound).toEqual({
      value: 0,
      gapPercent: 0,
      status: 'optimal',
      seconds: 0,
      text: 'Optimal: nobody is late.',
    });
  });

  it('names the bad parameter', async () => {
    const r = await call('planner', 'GET', `${S}/deployment/plan?today=soon`);
    expect(r.statusCode).toBe(400);
    expect(r.json().error.issues[0].path).toBe('today');
    for (const bad of ['121', '-1', '2.5', 'long']) {
      const b = await call('planner', 'GET', `${S}/deployment/plan?boundSeconds=${bad}`);
      expect(b.statusCode, bad).toBe(400);
      expect(b.json().error.issues, bad).toEqual([
        { path: 'boundSeconds', message: 'must be a whole number from 0 to 120' },
      ]);
    }
  });

  it('refuses a scenario without a network, saying so', async () => {
    await call('planner', 'POST', '/api/scenarios', {
      ...deploymentScenario(),
      id: 'no-net',
      network: undefined,
      deployment: undefined,
    });
    const r = await call('planner', 'GET', '/api/scenarios/no-net/deployment/plan');
    expect(r.statusCode).toBe(400);
    expect(r.json().error.issues[0].path).toBe('network');
  });
});

describe('the gap to a proved bound', () => {
  // The sample with its only road into Ukraine closed to C+120: every unit is late.
  const B = '/api/scenarios/bound-sample';
  beforeAll(async () => {
    const base = deploymentScenario();
    const arcs = base.network!.arcs!.map((a) =>
      a.id === 'medyka-kyiv' ? { ...a, closures: [{ from: 0, to: 120, reason: 'bridge repairs' }] } : a,
    );
    const r = await call('planner', 'POST', '/api/scenarios', {
      ...base,
      id: 'bound-sample',
      network: { ...base.network, arcs },
    });
    expect(r.statusCode, r.body).toBe(201);
  });

  it('gives the bound proved in the time asked for, the gap to it, and says when there is none', async () => {
    const r = await call('planner', 'GET', `${B}/deployment/plan?boundSeconds=60`);
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json() as PlanEnvelope;
    expect(body.parameters.boundSeconds).toBe(60);
    const { value, bound } = body.result.objective;
    expect(value).toBeGreaterThan(0);
    expect(bound.status).toBe('proved');
    expect(bound.value!).toBeGreaterThan(0);
    expect(bound.value!).toBeLessThan(value);
    expect(bound.gapPercent!).toBeCloseTo(((value - bound.value!) / bound.value!) * 100, 1);
    expect(bound.seconds).toBeLessThanOrEqual(60 + 1);
    expect(bound.text).toMatch(
      /^Within \d+\.\d% of the best possible \(proved bound [\d,]+ weighted personnel-days late\)\.$/,
    );

    const none = (await call('planner', 'GET', `${B}/deployment/plan?boundSeconds=0`)).json() as PlanEnvelope;
    expect(none.parameters.boundSeconds).toBe(0);
    expect(none.result.objective.bound).toEqual({
      value: null,
      gapPercent: null,
      status: 'none',
      seconds: 0,
      text: 'No proved bound: none was asked for (bound time 0 s).',
    });
  });

  it('has none for a re-plan from movement records: the bound cannot take loads already moved', async () => {
    const stored = await call('planner', 'POST', `${B}/deployment/force-list`, {});
    expect(stored.statusCode, stored.body).toBe(201);
    const plan = (await call('planner', 'GET', `${B}/deployment/plan`)).json() as PlanEnvelope;
    const u = plan.result.ulns.find((x) => x.status === 'scheduled')!;
    const leg = u.legs[0]!;
    const moved = await call('planner', 'POST', `${B}/movements`, {
      id: 'MOV-1',
      uln: u.uln,
      nation: u.nation,
      arc: leg.arc,
      departDay: leg.firstDeparture,
      personnel: 10,
      tonnes: 0,
    });
    expect(moved.statusCode, moved.body).toBe(201);
    const replanned = (await call('planner', 'GET', `${B}/deployment/plan`)).json() as PlanEnvelope;
    expect(replanned.result.objective.value).toBeGreaterThan(0);
    expect(replanned.result.objective.bound).toEqual({
      value: null,
      gapPercent: null,
      status: 'none',
      seconds: 0,
      text: 'No proved bound: the bound plans every ULN from its origin, and this plan keeps 1 movement record of loads already moved.',
    });
  });
});

describe('the force list', () => {
  it('is generated and stored once, then only replaced on request', async () => {
    const first = await call('planner', 'POST', `${S}/deployment/force-list`, {});
    expect(first.statusCode, first.body).toBe(201);
    expect(first.json().imported).toBeGreaterThan(0);
    const again = await call('planner', 'POST', `${S}/deployment/force-list`, {});
    expect(again.statusCode).toBe(409);
    const replaced = await call('planner', 'POST', `${S}/deployment/force-list`, { replace: true });
    expect(replaced.statusCode).toBe(201);
    const plan = (await call('planner', 'GET', `${S}/deployment/plan`)).json() as PlanEnvelope;
    expect(plan.result.forceList.source).toBe('stored');
    // The ULNs ready too late for their line's RDD are named, with the line's RDD and their own, and
    // are the plan's "ready too late" ULNs; every window is one the unit can make.
    const shortfalls = replaced.json().rddShortfalls as { uln: string; lineRdd: number; rdd: number }[];
    expect(shortfalls.map((x) => x.uln).sort()).toEqual(
      plan.result.ulns
        .filter((u) => u.lineRdd !== null && u.rdd > u.lineRdd)
        .map((u) => u.uln)
        .sort(),
    );
    for (const x of shortfalls) expect(x.rdd).toBeGreaterThan(x.lineRdd);
    for (const u of plan.result.ulns) expect(Math.max(u.ald, 0)).toBeLessThanOrEqual(u.ead);
  });

  it('downloads as TPFDD-style CSV with an ETag, and imports back unchanged', async () => {
    const csv = await call('planner', 'GET', `${S}/force-list.csv`);
    expect(csv.statusCode).toBe(200);
    expect(csv.body.split('\r\n')[0]).toBe(FORCE_LIST_COLUMNS.join(','));
    const etag = csv.headers.etag as string;
    expect(etag).toMatch(/^"\d+-[0-9a-f]{32}"$/);
    const put = await call('planner', 'PUT', `${S}/force-list.csv`, csv.body, {
      'content-type': 'text/csv',
      'if-match': etag,
    });
    expect(put.statusCode, put.body).toBe(200);
    const again = await call('planner', 'GET', `${S}/force-list.csv`);
    expect(again.body).toBe(csv.body);
    // The replacement changed the versions, so the old tag is stale now.
    const stale = await call('planner', 'PUT', `${S}/force-list.csv`, csv.body, {
      'content-type': 'text/csv',
      'if-match': etag,
    });
    expect(stale.statusCode).toBe(409);
  });

  it('imports nothing from a file with errors, naming each by line and column', async () => {
    const before = (await call('planner', 'GET', `${S}/force-list.csv`)).body;
    const lines = before.trimEnd().split('\r\n');
    const cells = lines[1]!.split(',');
    cells[FORCE_LIST_COLUMNS.indexOf('ORIGIN')] = 'atlantis';
    const badNode = [lines[0], cells.join(','), ...lines.slice(2)].join('\r\n');
    const r1 = await call('planner', 'PUT', `${S}/force-list.csv`, badNode, { 'content-type': 'text/csv' });
    expect(r1.statusCode).toBe(400);
    expect(r1.json().error.issues).toEqual([
      { path: 'line 2, column ORIGIN', message: 'names unknown node "atlantis"' },
    ]);
    const badCell = `${lines[0]}\r\n${lines[1]!.replace(/,\d+,(\d+),/, ',x,$1,')}\r\n`;
    const r2 = await call('planner', 'PUT', `${S}/force-list.csv`, badCell, { 'content-type': 'text/csv' });
    expect(r2.statusCode).toBe(400);
    expect(r2.json().error.issues[0].path).toMatch(/^line 2, column /);
    expect((await call('planner', 'GET', `${S}/force-list.csv`)).body).toBe(before);
  });

  it('refuses a replacement that does not say which list it replaces, once one is stored', async () => {
    const csv = (await call('planner', 'GET', `${S}/force-list.csv`)).body;
    const blind = await call('planner', 'PUT', `${S}/force-list.csv`, csv, { 'content-type': 'text/csv' });
    expect(blind.statusCode).toBe(409);
    expect(blind.json().error.message).toContain('If-Match');
    const anyList = await call('planner', 'PUT', `${S}/force-list.csv`, csv, {
      'content-type': 'text/csv',
      'if-match': '*',
    });
    expect(anyList.statusCode, anyList.body).toBe(200);
  });

  it('may be replaced by planners only', async () => {
    const csv = (await call('planner', 'GET', `${S}/force-list.csv`)).body;
    for (const user of ['observer', 'liaison-gbr'] as const) {
      const r = await call(user, 'PUT', `${S}/force-list.csv`, csv, { 'content-type': 'text/csv' });
      expect(r.statusCode).toBe(403);
      const g = await call(user, 'POST', `${S}/deployment/force-list`, { replace: true });
      expect(g.statusCode).toBe(403);
    }
  });
});

describe('releasability', () => {
  it('plans only the ULNs the viewer may see', async () => {
    const list = (await call('planner', 'GET', `${S}/force-list`)).json().items as {
      uln: string;
      nation: string;
      version: number;
    }[];
    const fra = list.find((u) => u.nation === 'FRA')!;
    const marked = await call('planner', 'PATCH', `${S}/force-list/${fra.uln}`, {
      version: fra.version,
      releasability: { level: 'REL_TO', nations: ['FRA'] },
    });
    expect(marked.statusCode, marked.body).toBe(200);
    const gbr = (await call('liaison-gbr', 'GET', `${S}/deployment/plan`)).json() as PlanEnvelope;
    expect(gbr.partial).toBe(true);
    expect(gbr.result.ulns.map((u) => u.uln)).not.toContain(fra.uln);
    const fraView = (await call('liaison-fra', 'GET', `${S}/deployment/plan`)).json() as PlanEnvelope;
    expect(fraView.result.ulns.map((u) => u.uln)).toContain(fra.uln);
  });
});

describe('movement records', () => {
  it('are refused when they cannot have happened, and a re-plan keeps those that did', async () => {
    const plan = (await call('planner', 'GET', `${S}/deployment/plan?today=0`)).json() as PlanEnvelope;
    const u = plan.result.ulns.find((x) => x.nation === 'GBR' && x.status === 'scheduled')!;
    const first = u.legs[0]!;
    const tooEarly = await call('planner', 'POST', `${S}/movements`, {
      id: 'MOV-1',
      uln: u.uln,
      nation: 'GBR',
      arc: first.arc,
      departDay: u.ald - 1,
      personnel: 10,
      tonnes: 1,
    });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().error.issues[0].path).toBe('departDay');
    const tooMany = await call('planner', 'POST', `${S}/movements`, {
      id: 'MOV-1',
      uln: u.uln,
      nation: 'GBR',
      arc: first.arc,
      departDay: u.ald,
      personnel: u.personnel + 1,
      tonnes: 1,
    });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().error.issues[0].path).toBe('personnel');
    const ok = await call('planner', 'POST', `${S}/movements`, {
      id: 'MOV-1',
      uln: u.uln,
      nation: 'GBR',
      arc: first.arc,
      departDay: u.ald + 2,
      arriveDay: u.ald + 2 + 1,
      personnel: 100,
      tonnes: 10,
    });
    expect(ok.statusCode, ok.body).toBe(201);
    // Movement records are coalition staff's: not even the ULN's own nation's officer writes one.
    const other = await call('liaison-gbr', 'POST', `${S}/movements`, {
      id: 'MOV-2',
      uln: u.uln,
      nation: 'GBR',
      arc: first.arc,
      departDay: u.ald + 2,
      personnel: 10,
      tonnes: 1,
    });
    expect(other.statusCode).toBe(403);
    const replanned = (await call('planner', 'GET', `${S}/deployment/plan`)).json() as PlanEnvelope;
    expect(replanned.parameters.today).toBe(u.ald + 4);

    const after = replanned.result.ulns.find((x) => x.uln === u.uln)!;
    expect(after.executedLoads).toBe(1);
    expect(after.legs[0]!.firstDeparture).toBe(u.ald + 2);
  });
});

describe('a network arc', () => {
  it('refuses a closure that ends before it starts, at the cell, on a single write', async () => {
    const arcs = (await call('planner', 'GET', `${S}/network-arcs`)).json() as {
      items: { id: string; version: number }[];
    };
    const first = arcs.items[0]!;
    const r = await call('planner', 'PATCH', `${S}/network-arcs/${first.id}`, {
      version: first.version,
      closures: [
        { from: 1, to: 2, reason: 'strike' },
        { from: 20, to: 10, reason: 'blockade' },
      ],
    });
    expect(r.statusCode, r.body).toBe(400);
    expect((r.json() as { error: { issues: unknown[] } }).error.issues).toEqual([
      { path: 'closures[1].to', message: 'must not be before from (C20)' },
    ]);
    const after = (await call('planner', 'GET', `${S}/network-arcs/${first.id}`)).json() as {
      version: number;
    };
    expect(after.version).toBe(first.version);
  });
});

describe('what can carry a unit, and when it counts as delivered', () => {
  const L = '/api/scenarios/lift-sample';
  beforeAll(async () => {
    const r = await call('planner', 'POST', '/api/scenarios', { ...deploymentScenario(), id: 'lift-sample' });
    expect(r.statusCode, r.body).toBe(201);
  });
  const issuesOf = (r: LightMyRequestResponse) =>
    (r.json() as { error: { issues: { path: string; message: string }[] } }).error.issues;

  it("refuses a capability's lift with an unknown mode or negative tonnes, at the field", async () => {
    const mode = await call('planner', 'PATCH', `${L}/capabilities/MECH-INF-BN`, {
      version: 1,
      lift: { modes: ['road', 'hovercraft'] },
    });
    expect(mode.statusCode).toBe(400);
    expect(issuesOf(mode)).toEqual([
      { path: 'lift.modes[1]', message: 'must be one of road, rail, air, sea' },
    ]);
    const tonnes = await call('planner', 'PATCH', `${L}/capabilities/MECH-INF-BN`, {
      version: 1,
      lift: { largestItemTonnes: -3 },
    });
    expect(tonnes.statusCode).toBe(400);
    expect(issuesOf(tonnes)).toEqual([{ path: 'lift.largestItemTonnes', message: 'must not be negative' }]);
  });

  it('plans a unit only on lift that can carry it, and penalises one none can', async () => {
    // The sample's air bridge takes 200 t a lift and is its only way east: a 300 t item cannot go.
    const r = await call('planner', 'PATCH', `${L}/capabilities/MECH-INF-BN`, {
      version: 1,
      lift: { largestItemTonnes: 300, assumption: 'A test item too large for the air bridge.' },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ lift: { largestItemTonnes: 300 } });
    const plan = (await call('planner', 'GET', `${L}/deployment/plan`)).json() as PlanEnvelope;
    const mech = plan.result.ulns.filter((u) => u.capability === 'MECH-INF-BN');
    expect(mech.length).toBeGreaterThan(0);
    for (const u of mech) expect(u).toMatchObject({ status: 'no-route', largestItemTonnes: 300 });
    expect(plan.result.objective.unscheduled).toBe(mech.length);
    expect(plan.result.objective.unplannedPenalty).toBeGreaterThan(0);
    expect(plan.result.missedLad.find((m) => m.uln === mech[0]!.uln)?.reason).toContain(
      'it may not use air (no air lift takes its 300 t item: loads of at most 200 t)',
    );
  });

  it("takes the deployment settings' critical share, from 0 to 1, into the plan", async () => {
    const header = (await call('planner', 'GET', L)).json() as { version: number; deployment: object };
    const bad = await call('planner', 'PATCH', L, {
      version: header.version,
      deployment: { ...header.deployment, criticalEquipmentShare: 1.5 },
    });
    expect(bad.statusCode).toBe(400);
    expect(issuesOf(bad)).toEqual([
      { path: 'deployment.criticalEquipmentShare', message: 'must be from 0 to 1' },
    ]);
    const good = await call('planner', 'PATCH', L, {
      version: header.version,
      deployment: { ...header.deployment, criticalEquipmentShare: 0.8 },
    });
    expect(good.statusCode, good.body).toBe(200);
    const plan = (await call('planner', 'GET', `${L}/deployment/plan`)).json() as PlanEnvelope;
    expect(plan.result.objective.criticalShare).toBe(0.8);
    expect(plan.result.objective.summary).toContain('80% of its tonnes (its critical equipment)');
  });

  it("takes the deployment settings' follow-on arrival, 'by-lad' or 'after-lad'", async () => {
    const header = (await call('planner', 'GET', L)).json() as { version: number; deployment: object };
    const bad = await call('planner', 'PATCH', L, {
      version: header.version,
      deployment: { ...header.deployment, followOnArrival: 'whenever' },
    });
    expect(bad.statusCode).toBe(400);
    expect(issuesOf(bad)).toEqual([
      { path: 'deployment.followOnArrival', message: "must be 'by-lad' or 'after-lad'" },
    ]);
    const good = await call('planner', 'PATCH', L, {
      version: header.version,
      deployment: { ...header.deployment, followOnArrival: 'after-lad' },
    });
    expect(good.statusCode, good.body).toBe(200);
    const after = (await call('planner', 'GET', L)).json() as { deployment: { followOnArrival?: string } };
    expect(after.deployment.followOnArrival).toBe('after-lad');
  });
});
