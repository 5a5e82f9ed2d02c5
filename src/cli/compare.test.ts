// `coalition compare`, `decide`, `decisions`, `decision` and `promote`: the commands run in process
// (the real program, printers and error report) over one in-memory store seeded with the reference
// scenarios, with variants branched through the CLI and the app. Every number the tables must show
// is read from the CompareService itself, never written here. Once, the compiled command too.
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Installation } from '../app/installation.ts';
import type { CompareEnvelope, DecisionCheck } from '../contract/compare.ts';
import { cliPrincipal } from './local-backend.ts';
import { coalition, requireCompiledCli, tempDir } from './test-cli.ts';
import { openTestApp, type TestApp } from '../server/test-app.ts';
import type { TestUserName } from '../server/test-server.ts';
import { connectOverHttp, connectTo, openSeededInstallation, runCommand } from './test-in-process.ts';
import type { Connect } from './connect.ts';
import { printComparison } from './commands/compare-print.ts';
import { printDecisionCheck } from './commands/decisions.ts';

const BASE = 'article-2025-03';
/** Few draws: the Monte Carlo's figures are compared like any other, and this keeps the runs short. */
const DRAWS = '400';
const US = 'us-backstop';
const DEU = 'germany-joins-with-caveats-lifted';

let inst: Installation;
let connect: Connect;
const run = (...args: string[]) => runCommand(args, connect);
const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const n = (x: number) => x.toLocaleString('en-GB');
const signedN = (x: number) => `${x > 0 ? '+' : x < 0 ? '-' : ''}${n(Math.abs(x))}`;

/** The comparison as the service gives it to the operator the commands act as. */
function serviceCompare(variants: string[], extra: Record<string, unknown> = {}): Promise<CompareEnvelope> {
  return inst.compare.compare(BASE, { variants: variants.join(','), draws: DRAWS, ...extra }, cliPrincipal());
}

beforeAll(async () => {
  inst = await openSeededInstallation();
  connect = connectTo(inst);
  // One variant branched as a user would from the terminal, the other through the app.
  const branched = await run('branch', BASE, '--id', US, '--what-if', 'us-backstop');
  expect(branched.code, branched.stderr).toBe(0);
  await inst.service.branchScenario(
    BASE,
    { id: DEU, whatIfs: [{ kind: 'nation-joins', nation: 'DEU', liftCaveats: true }] },
    cliPrincipal(),
  );
});

afterAll(async () => {
  await inst?.close();
});

describe('coalition compare', () => {
  it(
    'prints the figures of a US backstop variant beside the baseline, with deltas, drivers and the COA matrix',
    { timeout: 600_000 },
    async () => {
      const r = await run('compare', BASE, US, '--draws', DRAWS);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      const body = await serviceCompare([US]);
      const figure = (key: string) => body.result.figures.find((f) => f.key === key)!;

      // The header names the baseline and the variant with its what-if.
      expect(r.stdout).toMatch(new RegExp(`^  BASE  ${BASE}: `, 'm'));
      expect(r.stdout).toMatch(new RegExp(`^  V1    ${US}, what-ifs: The US gives a backstop$`, 'm'));
      expect(r.stdout).not.toContain('PARTIAL');

      // "Matched late" rises: the US backstop lets the offers that wait on it count.
      const late = figure('matchedLate');
      const [before, after] = late.values as [number, number];
      expect(after).toBeGreaterThan(before);
      expect(r.stdout).toMatch(
        new RegExp(
          `^Matched late\\s+${n(before)}\\s+${n(after)}\\s+\\${signedN(after - before)} better$`,
          'm',
        ),
      );
      // Every figure under its label, in its group; an unmoved one says "same".
      const lines = r.stdout.split('\n');
      for (const f of body.result.figures) expect(lines.some((l) => l.startsWith(`${f.label} `))).toBe(true);
      expect(lines.indexOf('FORCE GENERATION')).toBeLessThan(
        lines.findIndex((l) => l.startsWith('Matched late')),
      );
      expect(lines.indexOf('DEPLOYMENT')).toBeLessThan(
        lines.findIndex((l) => l.startsWith('Closure at 90 %')),
      );
      const target = figure('target').values[0]!;
      expect(r.stdout).toMatch(new RegExp(`^Force target\\s+${n(target)}\\s+${n(target)}\\s+same$`, 'm'));
      const p = figure('probabilityTargetMet').values[0]!;
      expect(r.stdout).toMatch(
        new RegExp(`^Chance of meeting the target\\s+${escape((p * 100).toFixed(1))} %`, 'm'),
      );
      const closure = figure('closureDay90').values[0];
      expect(r.stdout).toMatch(
        new RegExp(`^Closure at 90 %\\s+${closure === null ? 'never' : `C\\+${closure}`}\\s`, 'm'),
      );

      // The drivers of the change, in short: the nations whose offers now count.
      const nations = late.drivers[1]!.find((g) => g.dimension === 'nation')!;
      const top = nations.entries[0]!;
      // (read with the wrapped lines joined again)
      const folded = r.stdout.replace(/\n {4}/g, ' ');
      expect(folded).toMatch(
        new RegExp(
          `^  Matched late \\${signedN(after - before)} better: .*nations ${top.label} \\${signedN(top.delta)}`,
          'm',
        ),
      );

      // The COA matrix: totals, places and the sentence naming the preferred course of action.
      const coa = body.result.coa;
      expect(r.stdout).toMatch(
        new RegExp(`^Total \\(Σ weight × rank\\)\\s+${coa.totals[0]}\\s+${coa.totals[1]}$`, 'm'),
      );
      expect(r.stdout).toMatch(new RegExp(`^Place\\s+${coa.places[0]}\\s+${coa.places[1]}$`, 'm'));
      const preferred = [BASE, US].filter((_, i) => coa.places[i] === 1);
      expect(r.stdout).toMatch(
        preferred.length === 1
          ? new RegExp(
              `^The matrix prefers (BASE|V1) ${preferred[0]} \\(total ${Math.min(...coa.totals)}, the lowest\\)`,
              'm',
            )
          : /^The matrix prefers none alone: /m,
      );
      // A criterion that fails its benchmark is marked.
      const failing = coa.rows.find((row) => row.meetsBenchmark[0] === false);
      if (failing) expect(r.stdout).toMatch(new RegExp(`^${escape(failing.label)}\\s.*\\[\\d+\\] ✗`, 'm'));
      expect(widest(r.stdout)).toBeLessThanOrEqual(100);

      // Someone shown only part of the records is told so.
      expect(printComparison({ ...body, partial: true })).toContain(
        'PARTIAL: the figures cover only the records releasable to you',
      );
    },
  );

  it('prints the API envelope as it is with --json', { timeout: 600_000 }, async () => {
    const r = await run('compare', BASE, US, DEU, '--draws', DRAWS, '--late', '--json');
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual(await serviceCompare([US, DEU], { allowLate: true }));
  });

  it(
    'lists one figure’s drivers in full with --drivers: Germany among the nations',
    { timeout: 600_000 },
    async () => {
      const r = await run('compare', BASE, DEU, '--draws', DRAWS, '--drivers', 'matchedLate');
      expect(r.code, r.stderr).toBe(0);
      const late = (await serviceCompare([DEU])).result.figures.find((f) => f.key === 'matchedLate')!;
      const nations = late.drivers[1]!.find((g) => g.dimension === 'nation')!;
      const germany = nations.entries.find((d) => d.id === 'DEU')!;
      expect(germany.delta).toBeGreaterThan(0);

      expect(r.stdout).toContain('DRIVERS OF MATCHED LATE');
      expect(r.stdout).not.toContain('DRIVERS OF THE CHANGES');
      const section = r.stdout.slice(r.stdout.indexOf('By nation'));
      expect(section).toMatch(/^NATION\s+NAME\s+BASE\s+V1\s+CHANGE$/m);
      expect(section).toMatch(new RegExp(`^DEU\\s+Germany\\s+.*\\${signedN(germany.delta)}$`, 'm'));
      // Each breakdown's entries, then how many more moved and what they add up to.
      const lines = late.drivers[1]!.find((g) => g.dimension === 'line')!;
      for (const e of lines.entries) expect(r.stdout).toMatch(new RegExp(`^${escape(e.id)}\\s`, 'm'));
      if (lines.notShown > 0)
        expect(r.stdout).toContain(
          `${lines.notShown} more ${lines.notShown === 1 ? 'line' : 'lines'} not listed`,
        );
      expect(widest(r.stdout)).toBeLessThanOrEqual(100);
    },
  );

  it('fits 100 columns with six variants, splitting the tables', { timeout: 600_000 }, async () => {
    const more = [
      ['italy-withdraws', { kind: 'nation-withdraws', nation: 'ITA' }],
      ['target-60000', { kind: 'target', personnel: 60000 }],
      [
        'medyka-closed-for-a-month',
        { kind: 'close-node', node: 'POL-MEDYKA-ROAD', from: 1, to: 30, reason: 'blockade' },
      ],
      ['everyone-in-with-the-us-backing-the-coalition', { kind: 'us-backstop' }],
    ] as const;
    for (const [id, whatIf] of more)
      await inst.service.branchScenario(BASE, { id, whatIfs: [whatIf] }, cliPrincipal());
    const variants = [US, DEU, ...more.map(([id]) => id)];
    for (const extra of [[], ['--late'], ['--drivers', 'closureDay100'], ['--drivers', 'Counting']]) {
      const r = await run('compare', BASE, ...variants, '--draws', DRAWS, ...extra);
      expect(r.code, r.stderr).toBe(0);
      expect(widest(r.stdout), extra.join(' ')).toBeLessThanOrEqual(100);
      for (let i = 1; i <= 6; i++) {
        expect(r.stdout).toMatch(new RegExp(`^  V${i}\\s`, 'm'));
        expect(r.stdout).toContain(`CHANGE V${i}`);
      }
    }
  });

  it('names the argument or flag at fault', { timeout: 600_000 }, async () => {
    const criteria = await run('compare', BASE, US, '--criteria', 'matchedOnTime:heavy,closureDay90:2');
    expect(criteria.code).toBe(1);
    expect(criteria.stderr).toContain('--criteria (criteria[0].weight): must be a number');
    const figure = await run('compare', BASE, US, '--criteria', 'target:2');
    expect(figure.stderr).toContain('--criteria (criteria[0].figure): "target" has no better direction');
    const itself = await run('compare', BASE, BASE, US);
    expect(itself.code).toBe(1);
    expect(itself.stderr).toContain(`VARIANT[0] "${BASE}": is the baseline itself`);
    const unknown = await run('compare', BASE, 'no-such-variant');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain('scenario no-such-variant not found');
    const draws = await run('compare', BASE, US, '--draws', '0', '--exclude', 'XX');
    expect(draws.stderr).toContain('--draws: must be a whole number from 1 to 100000');
    expect(draws.stderr).toContain('--exclude[0]: must be an ISO 3166-1 alpha-3 code');
    const drivers = await run('compare', BASE, US, '--drivers', 'morale');
    expect(drivers.code).toBe(1);
    expect(drivers.stderr).toMatch(/^--drivers: "morale" is not a compared figure: write one of target, /m);
  });
});

describe('coalition decide / decisions / decision', () => {
  it(
    'records a decision, lists it, reopens it unchanged, then names an offer edited since',
    { timeout: 600_000 },
    async () => {
      const [a, b] = ['decision-us', 'decision-deu'];
      await inst.service.branchScenario(BASE, { id: a, whatIfs: [{ kind: 'us-backstop' }] }, cliPrincipal());
      await inst.service.branchScenario(
        BASE,
        { id: b, whatIfs: [{ kind: 'nation-joins', nation: 'DEU', liftCaveats: true }] },
        cliPrincipal(),
      );
      const why = 'The backstop is what the coalition asks of the US; Germany has not said yes.';
      const decided = await run(
        'decide',
        BASE,
        '--variants',
        `${a},${b}`,
        '--choose',
        a,
        '--rationale',
        why,
        '--draws',
        DRAWS,
      );
      expect(decided.code, decided.stderr).toBe(0);
      const id = /^Recorded decision (\S+)$/m.exec(decided.stdout)?.[1];
      expect(id).toBeDefined();
      expect(decided.stdout).toMatch(new RegExp(`^  who:\\s+${escape(cliPrincipal().userId)}$`, 'm'));
      expect(decided.stdout).toMatch(/^ {2}when:\s+\d{4}-\d\d-\d\dT/m);
      expect(decided.stdout).toMatch(new RegExp(`^  chosen:\\s+${a} \\(V1\\), of ${BASE}, ${a}, ${b}$`, 'm'));
      expect(decided.stdout).toContain(why);

      const second = await run(
        'decide',
        BASE,
        '--variants',
        a,
        '--choose',
        BASE,
        '--rationale',
        'Wait for the US.',
        '--draws',
        DRAWS,
      );
      expect(second.code, second.stderr).toBe(0);
      const secondId = /^Recorded decision (\S+)$/m.exec(second.stdout)![1]!;
      const listed = await run('decisions', BASE);
      expect(listed.code, listed.stderr).toBe(0);
      // Newest first.
      expect(listed.stdout.indexOf(secondId)).toBeGreaterThan(-1);
      expect(listed.stdout.indexOf(secondId)).toBeLessThan(listed.stdout.indexOf(id!));
      expect(widest(listed.stdout)).toBeLessThanOrEqual(100);
      const json = await run('decisions', BASE, '--json');
      expect((JSON.parse(json.stdout) as { id: string }[]).map((d) => d.id).slice(0, 2)).toEqual([
        secondId,
        id,
      ]);

      const unchanged = await run('decision', BASE, id!);
      expect(unchanged.code, unchanged.stderr).toBe(0);
      expect(unchanged.stdout).toMatch(/^inputs unchanged; figures recomputed: the same$/m);
      const check = JSON.parse((await run('decision', BASE, id!, '--json')).stdout) as DecisionCheck;
      expect(check).toMatchObject({ status: 'unchanged', recomputed: { sameFigures: true } });

      // Figures that come out otherwise on the same inputs, and a scenario gone, are named too.
      const differing: DecisionCheck = {
        ...check,
        recomputed: {
          sameFigures: false,
          differences: [{ key: 'matchedLate', recorded: [1000, 2000, 3000], now: [1000, 2500, 3000] }],
        },
      };
      expect(printDecisionCheck(differing)).toMatch(
        /^inputs unchanged; figures recomputed: 1 differs from the record$/m,
      );
      expect(printDecisionCheck(differing)).toMatch(
        new RegExp(`^Matched late\\s+V1 ${a}\\s+2,000\\s+2,500$`, 'm'),
      );
      const gone: DecisionCheck = {
        ...check,
        status: 'changed',
        recomputed: null,
        scenarios: check.scenarios.map((s) => (s.id === b ? { ...s, status: 'missing', changes: [] } : s)),
      };
      expect(printDecisionCheck(gone)).toMatch(
        new RegExp(`^V2 ${b}: missing \\(deleted, or no longer shown to you\\)$`, 'm'),
      );

      // An offer of a compared variant changes: the decision no longer stands on the same inputs.
      const offer = await inst.service.get(b, 'offers', 'OFF-GBR-01', cliPrincipal());
      await inst.service.patch(
        b,
        'offers',
        'OFF-GBR-01',
        { version: offer.version, status: 'verified' },
        cliPrincipal(),
      );
      const changed = await run('decision', BASE, id!);
      expect(changed.code, changed.stderr).toBe(0);
      expect(changed.stdout).not.toContain('figures recomputed');
      expect(changed.stdout).toMatch(new RegExp(`^BASE ${BASE}: unchanged$`, 'm'));
      expect(changed.stdout).toMatch(new RegExp(`^V1 ${a}: unchanged$`, 'm'));
      expect(changed.stdout).toMatch(new RegExp(`^V2 ${b}: 1 input changed$`, 'm'));
      expect(changed.stdout).toMatch(/^ {2}offers\s+OFF-GBR-01\s+changed$/m);
      expect(widest(changed.stdout)).toBeLessThanOrEqual(100);
    },
  );

  it('names the flag at fault', { timeout: 600_000 }, async () => {
    const r = await run(
      'decide',
      BASE,
      '--variants',
      US,
      '--choose',
      'someone-else',
      '--rationale',
      ' ',
      '--criteria',
      'closureDay90:x',
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`--choose: must be the baseline or one of the variants (${BASE}, ${US})`);
    expect(r.stderr).toContain('--rationale: must say why this course of action was chosen');
    expect(r.stderr).toContain('--criteria (criteria[0].weight): must be a number');
    const missing = await run('decision', BASE, 'no-such-decision');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: decision no-such-decision not found/m);
  });
});

describe('coalition promote', () => {
  it(
    "makes a variant's inputs its parent's, and on a stale parent says which version to name",
    { timeout: 600_000 },
    async () => {
      const parent = 'promotion-parent';
      const child = 'promotion-child';
      await inst.service.branchScenario(BASE, { id: parent, whatIfs: [] }, cliPrincipal());
      await inst.service.branchScenario(
        parent,
        { id: child, whatIfs: [{ kind: 'nation-withdraws', nation: 'ITA' }] },
        cliPrincipal(),
      );
      const italian = async (id: string) =>
        (await inst.service.exportDocument(id, cliPrincipal())).offers.filter(
          (o) => o.nation === 'ITA' && o.status !== 'withdrawn',
        );
      expect((await italian(parent)).length).toBeGreaterThan(0);

      const promoted = await run('promote', child);
      expect(promoted.code, promoted.stderr).toBe(0);
      const version = (await inst.service.getScenario(parent, cliPrincipal())).version;
      expect(promoted.stdout).toMatch(
        new RegExp(
          `^promoted ${child} to baseline: ${parent} ".+" now has its inputs \\(version ${version}\\)$`,
          'm',
        ),
      );
      expect(await italian(parent)).toEqual(await italian(child));

      // The parent has changed since the child was branched (by the promotion itself).
      const stale = await run('promote', child);
      expect(stale.code).toBe(1);
      expect(stale.stdout).toBe('');
      expect(stale.stderr).toMatch(/^error: .*\S/m);
      const hint = new RegExp(
        `^hint: to promote over those changes, re-run: coalition promote ${child} --parent-version (\\d+)$`,
        'm',
      ).exec(stale.stderr);
      expect(hint, stale.stderr).not.toBeNull();
      const again = await run('promote', child, '--parent-version', hint![1]!);
      expect(again.code, again.stderr).toBe(0);

      const bad = await run('promote', child, '--parent-version', 'latest');
      expect(bad.code).toBe(1);
      expect(bad.stderr).toMatch(/^--parent-version: must be a whole number/m);
      const notVariant = await run('promote', BASE);
      expect(notVariant.code).toBe(1);
      expect(notVariant.stderr).toContain(`VARIANT: scenario ${BASE} is not a variant`);
    },
  );
});

describe('the compiled command', () => {
  beforeAll(requireCompiledCli);

  it('lists the commands, and compares two scenarios within 100 columns', { timeout: 600_000 }, async () => {
    const help = await coalition(['--help']);
    for (const command of ['compare', 'decide', 'decisions', 'decision', 'promote'])
      expect(help.stdout).toMatch(new RegExp(`^  ${command} `, 'm'));
    const env = { COALITION_DATA: join(tempDir(), 'data'), COALITION_SEED: 'true' };
    const r = await coalition(['compare', BASE, 'reported-2026-01', '--draws', '200'], env);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}V1 {4}reported-2026-01: /m);
    expect(r.stdout).toMatch(/^The matrix prefers /m);
    expect(widest(r.stdout)).toBeLessThanOrEqual(100);
  });
});

describe('over HTTP', () => {
  let api: TestApp;
  const as = (user: TestUserName, ...args: string[]) =>
    runCommand(args, connectOverHttp(api.app, api.tokens[user]));

  beforeAll(async () => {
    api = await openTestApp({ seed: true, referenceSolver: null });
    const branched = await as('planner', 'branch', BASE, '--id', US, '--what-if', 'us-backstop');
    expect(branched.code, branched.stderr).toBe(0);
  });

  afterAll(async () => {
    await api?.close();
  });

  it(
    'prints what the API answers, and tells a reader shown part of the records so',
    { timeout: 600_000 },
    async () => {
      const json = await as('planner', 'compare', BASE, US, '--draws', DRAWS, '--json');
      expect(json.code, json.stderr).toBe(0);
      const answer = await api.app.inject({
        url: `/api/scenarios/${BASE}/compare?variants=${US}&draws=${DRAWS}`,
        headers: api.as('planner'),
      });
      expect(answer.statusCode).toBe(200);
      const body = answer.json<CompareEnvelope>();
      expect(JSON.parse(json.stdout)).toEqual(body);
      const text = await as('planner', 'compare', BASE, US, '--draws', DRAWS);
      expect(text.stdout).toBe(`${printComparison(body)}\n`);

      const observer = await as('observer', 'compare', BASE, US, '--draws', DRAWS);
      expect(observer.code, observer.stderr).toBe(0);
      expect(observer.stdout).toContain('PARTIAL: the figures cover only the records releasable to you');
      const refused = await as(
        'observer',
        'decide',
        BASE,
        '--variants',
        US,
        '--choose',
        US,
        '--rationale',
        'x',
      );
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(/^error: /m);
      const criteria = await as('planner', 'compare', BASE, US, '--criteria', 'matchedLate:1,matchedLate:2');
      expect(criteria.stderr).toContain(
        '--criteria (criteria[1].figure): "matchedLate" is already a criterion',
      );
    },
  );

  it(
    'records and reopens a decision, and promotes over a stale parent when told its version',
    { timeout: 600_000 },
    async () => {
      const decided = await as(
        'planner',
        'decide',
        BASE,
        '--variants',
        US,
        '--choose',
        US,
        '--rationale',
        'Backstop.',
        '--draws',
        DRAWS,
      );
      expect(decided.code, decided.stderr).toBe(0);
      const id = /^Recorded decision (\S+)$/m.exec(decided.stdout)![1]!;
      expect(decided.stdout).toMatch(/^ {2}who:\s+planner$/m);
      const reopened = await as('planner', 'decision', BASE, id);
      expect(reopened.stdout).toMatch(/^inputs unchanged; figures recomputed: the same$/m);

      const promoted = await as('planner', 'promote', US);
      expect(promoted.code, promoted.stderr).toBe(0);
      const stale = await as('planner', 'promote', US);
      expect(stale.code).toBe(1);
      const hint = new RegExp(
        `^hint: to promote over those changes, re-run: coalition promote ${US} --parent-version (\\d+)$`,
        'm',
      ).exec(stale.stderr);
      expect(hint, stale.stderr).not.toBeNull();
      const again = await as('planner', 'promote', US, '--parent-version', hint![1]!);
      expect(again.code, again.stderr).toBe(0);
      // The baseline's inputs changed under the decision: reopening it says so.
      const changed = await as('planner', 'decision', BASE, id);
      expect(changed.stdout).toMatch(new RegExp(`^BASE ${BASE}: \\d+ inputs? changed$`, 'm'));
    },
  );
});
