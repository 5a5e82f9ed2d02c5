// `coalition risk` and `coalition analyse --only risk`, run in process over an in-memory store
// seeded with the reference scenarios: the line, the personnel per band and per nation, the ladder
// with its figures, all within 100 columns. Every number looked for is read from the
// AnalysisService's answer to the same question, never written here.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Installation } from '../app/installation.ts';
import type { AnalysisAnswer } from '../contract/analyses/index.ts';
import type { Connect } from './connect.ts';
import { cliPrincipal } from './local-backend.ts';
import { connectTo, openSeededInstallation, runCommand } from './test-in-process.ts';

const SCENARIO = 'article-2025-03';
let inst: Installation;
let connect: Connect;
const run = (...args: string[]) => runCommand(args, connect);
const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));
const n = (x: number) => Math.round(x).toLocaleString('en-GB');
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

beforeAll(async () => {
  inst = await openSeededInstallation();
  connect = connectTo(inst);
});
afterAll(async () => {
  await inst.close();
});

function service(query: Record<string, unknown>): Promise<AnalysisAnswer<'risk'>> {
  return inst.analyses.run('risk', SCENARIO, query, cliPrincipal());
}

describe('coalition risk', () => {
  it('prints the line, the bands, the nations and the ladder with the service’s figures', async () => {
    const r = await run('risk', SCENARIO, '--draws', '300', '--seed', '5', '--climb', '0.6');
    expect(r.code, r.stderr).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(100);
    const { result, parameters } = await service({ draws: 300, seed: 5, climb: 0.6 });
    expect(parameters.climb).toBe(0.6);
    const line = result.line!;
    expect(r.stdout).toContain(`As of ${line.date}: ${n(line.lengthKm)} km long`);
    const e = result.exposure!;
    for (const p of e.personnel) expect(r.stdout).toContain(n(p));
    for (const nation of e.nations) expect(r.stdout).toMatch(new RegExp(`^${nation.nation} `, 'm'));
    expect(r.stdout).toContain(`FLAGS (${e.flags.length})`);
    for (const rung of result.ladder!.rungs) {
      const row = r.stdout
        .split('\n')
        .find((l) => l.trimStart().startsWith(`${rung.level}  `) && l.includes(pct(rung.probabilityReached)));
      expect(row, `rung ${rung.level}`).toBeDefined();
      expect(row).toContain(n(rung.personnelMatched.p50));
      expect(row).toContain(n(rung.personnelMatched.p10));
      expect(row).toContain(pct(rung.probabilityTargetMet));
    }
    expect(r.stdout).toMatch(/^Correlated /m);
    expect(r.stdout).toMatch(/^Independent /m);
  });

  it('--json prints the API answer; analyse --only risk prints the same tables', async () => {
    const json = await run('risk', SCENARIO, '--json', '--draws', '200');
    expect(json.code, json.stderr).toBe(0);
    const body = JSON.parse(json.stdout) as AnalysisAnswer<'risk'>;
    expect(body).toEqual(await service({ draws: 200 }));
    const a = await run('analyse', SCENARIO, '--only', 'risk', '--draws', '200');
    const b = await run('risk', SCENARIO, '--draws', '200');
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('prints who can respond: each rung within 24, 48 and 72 h, by nation and sector, the quickest units', async () => {
    const r = await run(
      'risk',
      SCENARIO,
      '--draws',
      '200',
      '--sector',
      'Kyiv',
      '--day',
      '60',
      '--march-kmh',
      '25',
    );
    expect(r.code, r.stderr).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(100);
    const { result, parameters } = await service({ draws: 200, sector: 'Kyiv', day: 60, marchKmh: 25 });
    expect(parameters.respond).toMatchObject({ sector: 'Kyiv', day: 60, marchKmh: 25 });
    const x = result.respond!;
    expect(r.stdout).toContain(`personnel able to reach Kyiv on C+60, by rung`);
    const section = r.stdout.slice(r.stdout.indexOf('WHO CAN RESPOND'));
    for (const [i, g] of x.rungs.entries()) {
      const level = result.ladder!.rungs[i]!.level;
      const row = section.split('\n').find((l) => l.startsWith(`${level} `));
      expect(row, `rung ${level}`).toBeDefined();
      for (const p of g.personnel) expect(row).toContain(n(p));
    }
    const at48 = x.rungs[0]!.nations.map((m) => `${m.nation} ${n(m.personnel[1]!)}`);
    expect(section.replace(/\s+/g, ' ')).toContain(at48.join(', '));
    for (const s of x.sectors) expect(section).toMatch(new RegExp(`^${s.sector} `, 'm'));
    const quickest = x.units.find((u) => u.hours !== null)!;
    expect(section).toMatch(new RegExp(`^${quickest.id} +${quickest.nation} `, 'm'));
  });

  it('names the flag of an unknown threatened sector and lists those it can take', async () => {
    const r = await run('risk', SCENARIO, '--draws', '50', '--sector', 'Atlantis');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--sector: must be a sector with a placed destination');
    expect(r.stderr).toContain('Kyiv');
  });

  it('names the flag of a bad climb', async () => {
    const r = await run('risk', SCENARIO, '--climb', '2');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--climb');
  });
});
