// The briefing packs over the API: made per audience and versioned per audience, read as data, PDF
// and HTML; who may make and read which; a pack of another audience indistinguishable from one that
// does not exist; bad requests named at their field.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Brief, BriefSummaryWire } from '../contract/brief.ts';
import { openTestApp, type TestApp } from './test-app.ts';

const S = '/api/scenarios/article-2025-03/briefs';
let t: TestApp;

beforeAll(async () => {
  t = await openTestApp({ seed: true });
});
afterAll(async () => {
  await t.close();
});

const make = (user: Parameters<TestApp['call']>[0], body: unknown) => t.call(user, 'POST', S, body);

describe('briefing packs over the API', () => {
  let staffPack: Brief;

  it('a planner makes a staff pack: 201, its place, the pack with its banner and identity', async () => {
    const r = await make('planner', { audience: 'staff', draws: 200, summary: { bluf: 'Go in phases.' } });
    expect(r.statusCode, r.body).toBe(201);
    staffPack = r.json();
    expect(r.headers.location).toBe(`${S}/staff/1`);
    expect(staffPack).toMatchObject({ audience: 'staff', version: 1, createdBy: 'planner' });
    expect(staffPack.pack.sections[1]!.blocks[0]).toEqual({ kind: 'text', text: 'Go in phases.' });
    expect(staffPack.contentHash).toBe(staffPack.pack.scenario.contentHash);
    const again = (await make('planner', { audience: 'staff', draws: 200 })).json() as Brief;
    expect(again.version).toBe(2);
  });

  it('a liaison officer makes its own nation’s and the coalition’s packs, not another nation’s', async () => {
    const own = await make('liaison-gbr', { audience: 'rel-to:GBR', draws: 200 });
    expect(own.statusCode, own.body).toBe(201);
    expect((own.json() as Brief).version).toBe(1);
    const other = await make('liaison-gbr', { audience: 'rel-to:FRA', draws: 200 });
    expect(other.statusCode).toBe(400);
    expect(other.json().error.issues[0]).toMatchObject({ path: 'audience' });
    expect((await make('liaison-gbr', { audience: 'staff' })).statusCode).toBe(400);
  });

  it('an observer makes none, and reads public packs', async () => {
    expect((await make('observer', { audience: 'public' })).statusCode).toBe(403);
    expect((await make('planner', { audience: 'public', draws: 200 })).statusCode).toBe(201);
    const list = (await t.call('observer', 'GET', S)).json() as BriefSummaryWire[];
    expect(list.map((b) => `${b.audience}/${b.version}`)).toEqual(['public/1']);
  });

  it('lists to each reader only the audiences it may read, versions without gaps', async () => {
    const gbr = (await t.call('liaison-gbr', 'GET', S)).json() as BriefSummaryWire[];
    expect(gbr.map((b) => `${b.audience}/${b.version}`).sort()).toEqual(['public/1', 'rel-to:GBR/1']);
    const fra = (await t.call('liaison-fra', 'GET', S)).json() as BriefSummaryWire[];
    expect(fra.map((b) => `${b.audience}/${b.version}`)).toEqual(['public/1']);
    const staff = (await t.call('planner', 'GET', S)).json() as BriefSummaryWire[];
    expect(staff.map((b) => `${b.audience}/${b.version}`)).toEqual([
      'public/1',
      'rel-to:GBR/1',
      'staff/2',
      'staff/1',
    ]);
  });

  it('answers a pack of another audience exactly as one that does not exist', async () => {
    const withheld = await t.call('liaison-fra', 'GET', `${S}/rel-to:GBR/1`);
    const missing = await t.call('liaison-fra', 'GET', `${S}/rel-to:FRA/1`);
    expect(withheld.statusCode).toBe(404);
    expect(missing.statusCode).toBe(404);
    const body = (r: typeof withheld) => JSON.stringify(r.json()).replace(/rel-to:(GBR|FRA)/g, 'X');
    expect(body(withheld)).toBe(body(missing));
    for (const suffix of ['', '/pdf', '/html'])
      expect((await t.call('liaison-fra', 'GET', `${S}/staff/1${suffix}`)).statusCode).toBe(404);
  });

  it('sends the pack as PDF and as HTML with its classification, the HTML under its own tight policy', async () => {
    const pdf = await t.call('planner', 'GET', `${S}/staff/1/pdf?download=1`);
    expect(pdf.statusCode, pdf.body).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.headers['content-disposition']).toBe(
      'attachment; filename="article-2025-03-brief-staff-v1.pdf"',
    );
    expect(pdf.headers['x-classification']).toBe(staffPack.pack.banner.text);
    const again = await t.call('planner', 'GET', `${S}/staff/1/pdf`);
    expect(again.rawPayload.equals(pdf.rawPayload)).toBe(true);

    const html = await t.call('planner', 'GET', `${S}/staff/1/html`);
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    const style = /<style>([\s\S]*?)<\/style>/.exec(html.body)![1]!;
    const hash = createHash('sha256').update(style).digest('base64');
    const csp = String(html.headers['content-security-policy']);
    expect(csp).toContain(`style-src 'sha256-${hash}'`);
    expect(csp).toContain("default-src 'none'");
    expect(html.body).toContain('Go in phases.');
  });

  it('refuses bad requests at their field', async () => {
    const cases: [unknown, string][] = [
      [{ audience: 'secret' }, 'audience'],
      [{}, 'audience'],
      [{ audience: 'staff', variants: ['no-such-scenario'] }, 'variants[0]'],
      [{ audience: 'staff', variants: ['article-2025-03'] }, 'variants[0]'],
      [{ audience: 'staff', summary: { recommendations: [''] } }, 'summary.recommendations[0]'],
      [{ audience: 'staff', draws: 5 }, 'draws'],
      [{ audience: 'staff', colour: 'red' }, 'colour'],
    ];
    for (const [body, path] of cases) {
      const r = await make('planner', body);
      expect(r.statusCode, JSON.stringify(body)).toBe(400);
      expect(r.json().error.issues[0].path, JSON.stringify(body)).toBe(path);
    }
    expect((await t.call('planner', 'GET', `${S}/staff/1/pdf?download=yes`)).statusCode).toBe(400);
    expect((await t.call('planner', 'GET', `${S}/nobody/1`)).statusCode).toBe(404);
  });
});
