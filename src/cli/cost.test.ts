// `coalition cost` and `coalition analyse --only cost`, run in process over an in-memory store seeded
// with the reference scenarios: the coalition's cost, the nations, the domains, the modes and every
// rate with its provenance, within 100 columns. Every number looked for is read from the
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
const meur = (n: number) =>
  (n / 1e6).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });

beforeAll(async () => {
  inst = await openSeededInstallation();
  connect = connectTo(inst);
});
afterAll(async () => {
  await inst.close();
});

function service(query: Record<string, unknown>): Promise<AnalysisAnswer<'cost'>> {
  return inst.analyses.run('cost', SCENARIO, query, cliPrincipal());
}

describe('coalition cost', () => {
  it('prints the cost against the pledges, per nation, domain and mode, and every rate', async () => {
    const r = await run('cost', SCENARIO, '--months', '18', '--basis', 'offered');
    expect(r.code, r.stderr).toBe(0);
    expect(widest(r.stdout)).toBeLessThanOrEqual(100);
    const { result, parameters } = await service({ months: 18, basis: 'offered' });
    expect(parameters).toMatchObject({ months: 18, basis: 'offered' });
    const c = result.coalition;
    expect(r.stdout).toContain('COST OF THE FORCE over 18 months');
    expect(r.stdout).toMatch(new RegExp(`^Total over 18 months +${meur(c.total)}$`, 'm'));
    expect(r.stdout).toMatch(new RegExp(`^Gap against committed +${meur(c.gap.committed)}$`, 'm'));
    for (const n of result.nations.filter((x) => x.total > 0)) {
      const row = r.stdout.split('\n').find((l) => l.startsWith(`${n.nation} `));
      expect(row, n.nation).toBeDefined();
      expect(row).toContain(meur(n.total));
      expect(row).toContain(meur(n.gapCommitted));
    }
    for (const d of result.domains)
      expect(r.stdout).toMatch(new RegExp(`^${d.domain} .*${meur(d.total)}$`, 'm'));
    for (const m of result.modes)
      expect(r.stdout).toMatch(new RegExp(`^${m.mode} .*${meur(m.transport)}$`, 'm'));
    expect(r.stdout).toContain('- Personnel: 1,428 USD');
    expect(r.stdout).toMatch(/source: UN General\s+Assembly resolution 72\/285/);
  });

  it('--json prints the API answer; analyse --only cost prints the same tables', async () => {
    const json = await run('cost', SCENARIO, '--json');
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual(await service({}));
    const a = await run('analyse', SCENARIO, '--only', 'cost');
    const b = await run('cost', SCENARIO);
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toBe(b.stdout);
  });

  it('names the flag of a bad horizon', async () => {
    const r = await run('cost', SCENARIO, '--months', '0');
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('--months');
  });
});
