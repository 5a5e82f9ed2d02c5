// `coalition analyse`, `plan` and `force-list` as a user runs them: the real bin script running the
// compiled CLI in a child process on a throw-away data directory, against the API's answers for the
// same scenario; the widths of every analysis, in process over an in-memory store. A file of their
// own beside cli.test.ts, so that the two run on workers of their own.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisDashboard, AnalysisEnvelope } from '../contract/analyses/index.ts';
import type { PlanEnvelope } from '../app/deployment-service.ts';
import { HEADLINE_FIGURE_KEYS, HEADLINE_FIGURES } from '../domain/analysis/headline-figures.ts';
import { openTestApp } from '../server/test-app.ts';
import { SEEDED, coalition, requireCompiledCli, tempDir as temp } from './test-cli.ts';
import { connectTo, openSeededInstallation, runCommand } from './test-in-process.ts';

beforeAll(requireCompiledCli);

describe('coalition analyse', () => {
  // The "done when": the CLI and the API give the same figures for the same scenario.
  it(
    'prints the figures the API gives for article-2025-03, as JSON and as tables',
    { timeout: 600_000 },
    async () => {
      const env = { COALITION_DATA: join(temp(), 'data'), COALITION_SEED: 'true' };
      const api = await openTestApp({ seed: true });
      let dashboard: AnalysisEnvelope<Record<string, unknown>, AnalysisDashboard>;
      try {
        const r = await api.app.inject({
          url: '/api/scenarios/article-2025-03/analysis',
          headers: api.as('planner'),
        });
        expect(r.statusCode).toBe(200);
        dashboard = r.json();
      } finally {
        await api.close();
      }

      // The first command on a new store says that it loaded the reference scenarios.
      const json = await coalition(['analyse', 'article-2025-03', '--json'], env);
      expect(json.stderr).toMatch(SEEDED);
      expect(json.code).toBe(0);
      expect(JSON.parse(json.stdout)).toEqual(dashboard);
      expect(dashboard.result.force.values).toMatchObject({
        target: 100_000,
        offered: 63_830,
        matchedOnTime: 9_680,
        matchedLate: 36_280,
      });

      const text = await coalition(['analyse', 'article-2025-03'], env);
      expect(text.code).toBe(0);
      const row = (label: string, value: number | string) =>
        new RegExp(`^${label}\\s+${typeof value === 'number' ? value.toLocaleString('en-GB') : value}$`, 'm');
      // Each headline figure under its one name, its value, then the start of its definition.
      for (const key of HEADLINE_FIGURE_KEYS) {
        const { label, definition } = HEADLINE_FIGURES[key];
        const value = dashboard.result.force.values[key].toLocaleString('en-GB');
        const firstWords = definition.split(' ').slice(0, 3).join(' ');
        expect(text.stdout).toMatch(new RegExp(`^${label}\\s+${value}\\s+${escapeRegExp(firstWords)}`, 'm'));
      }
      expect(Math.max(...text.stdout.split('\n').map((l) => l.length))).toBeLessThanOrEqual(100);
      const risks = dashboard.result.risks;
      expect(text.stdout).toMatch(row('Sustainable for 6 months', risks.sustainable.months6));
      expect(text.stdout).toMatch(row('Sustainable for 12 months', risks.sustainable.months12));
      const emptied = risks.linesEmptiedWithoutUs;
      expect(text.stdout).toMatch(
        row('Lines empty without the US', emptied.length > 0 ? emptied.join(', ') : '—'),
      );
      expect(text.stdout).toMatch(
        row('Committed', `EUR ${Math.round(dashboard.result.funding.eur.committed).toLocaleString('en-GB')}`),
      );
      // The risk analysis's headline: exposure, the top rung, the register.
      expect(text.stdout).toMatch(row('Within 50 km of the line', risks.exposure.within50km!));
      const esc = risks.escalation;
      expect(text.stdout).toMatch(
        row(
          'Matched at the top rung',
          `${esc.matchedAtTopRung!.toLocaleString('en-GB')} \\(${esc.topRung}\\)`,
        ),
      );
      expect(text.stdout).toMatch(
        row('Able to respond in 48 h', `${esc.respond48h!.toLocaleString('en-GB')} \\(to ${esc.sector}\\)`),
      );
      const reg = risks.register;
      expect(reg.open).toBeGreaterThan(0);
      expect(text.stdout).toMatch(
        row('Open risks \\(EH/H/M/L\\)', `${reg.open} \\(${reg.openByResidualLevel.join('/')}\\)`),
      );
      for (const e of reg.top) expect(text.stdout).toContain(`${e.id}`);
      // No progress bar when standard error is not a terminal.
      expect(text.stderr).toBe('');
    },
  );

  // In process over one seeded in-memory store: nine runs of the compiled CLI would each open a
  // store of their own, and the width of what is printed does not depend on how it is started.
  it('fits every analysis of both reference scenarios into 100 columns', { timeout: 600_000 }, async () => {
    const inst = await openSeededInstallation();
    try {
      const run = (...args: string[]) => runCommand(args, connectTo(inst));
      for (const scenario of ['article-2025-03', 'reported-2026-01']) {
        for (const only of [
          ['--draws', '100'],
          ['--only', 'figures', '--explain'],
          ['--only', 'fill'],
          ['--only', 'burden'],
        ]) {
          const r = await run('analyse', scenario, ...only);
          expect(r.code, r.stderr).toBe(0);
          // Something was printed, and captured: an empty output would fit any width.
          expect(r.stdout.length).toBeGreaterThan(0);
          const widest = Math.max(...r.stdout.split('\n').map((l) => l.length));
          expect(widest, `${scenario} ${only.join(' ')}`).toBeLessThanOrEqual(100);
        }
      }
      // Lines are named as well as numbered.
      const fill = await run('analyse', 'article-2025-03', '--only', 'fill');
      expect(fill.stdout).toMatch(/^R-HQ-01\s+Headquarters staff element, Kyiv\s/m);
    } finally {
      await inst.close();
    }
  });

  it('names the flag at fault and exits non-zero', { timeout: 600_000 }, async () => {
    const env = { COALITION_DATA: join(temp(), 'data') };
    const r = await coalition(['analyse', 'article-2025-03', '--only', 'fill', '--exclude', 'GBR,XX'], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('--exclude[1]: must be an ISO 3166-1 alpha-3 code');
  });
});

describe('coalition plan and force-list', () => {
  // The "done when": the CLI prints when the 100,000 close and what holds them up, with the
  // figures the API gives for the same scenario.
  it('prints the plan the API gives for article-2025-03', { timeout: 600_000 }, async () => {
    const env = { COALITION_DATA: join(temp(), 'data'), COALITION_SEED: 'true' };
    const api = await openTestApp({ seed: true });
    let plan: PlanEnvelope;
    try {
      const r = await api.app.inject({
        url: '/api/scenarios/article-2025-03/deployment/plan',
        headers: api.as('planner'),
      });
      expect(r.statusCode, r.body).toBe(200);
      plan = r.json();
    } finally {
      await api.close();
    }
    const json = await coalition(['plan', 'article-2025-03', '--json'], env);
    expect(json.stderr).toMatch(SEEDED);
    expect(JSON.parse(json.stdout)).toEqual(plan);

    const text = await coalition(['plan', 'article-2025-03'], env);
    expect(text.code).toBe(0);
    const r = plan.result;
    expect(r.target.personnel).toBe(100_000);
    expect(text.stdout).toContain(
      `The 100,000 do not close: the force list holds ${r.forceList.personnel.toLocaleString('en-GB')}`,
    );
    expect(text.stdout).toContain(`all by C+${r.closure.allDay}`);
    expect(text.stdout).toContain('What holds it up:');
    // Long names wrap to fit 100 columns: read with the line breaks folded.
    expect(text.stdout.replace(/\s+/g, ' ')).toContain(r.bottlenecks[0]!.name);
    expect(text.stderr).toBe('');

    // The optimality reference runs HiGHS on the compiled LP thread (dist/cli/lp-reference-thread.js).
    const withReference = await coalition(['plan', 'article-2025-03', '--reference', '--json'], env);
    expect(withReference.code, withReference.stderr).toBe(0);
    const answer = JSON.parse(withReference.stdout) as PlanEnvelope;
    expect(answer.parameters.reference).toBe(true);
    expect(answer.reference).toMatchObject({ status: 'optimal' });
    expect(answer.reference!.objective).toBeLessThanOrEqual(r.objective.weightedPersonnelDaysLate + 1e-6);
  });

  it('exports, refuses a broken file whole, and generates the force list', { timeout: 600_000 }, async () => {
    const dir = temp();
    const env = { COALITION_DATA: join(dir, 'data'), COALITION_SEED: 'true' };
    const generated = await coalition(['force-list', 'generate', 'article-2025-03'], env);
    expect(generated.stdout, generated.stderr).toMatch(/^Generated and stored \d+ ULNs/);
    const again = await coalition(['force-list', 'generate', 'article-2025-03'], env);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('replace: true');
    const file = join(dir, 'list.csv');
    const exported = await coalition(['force-list', 'export', 'article-2025-03', '-o', file], env);
    expect(exported.code).toBe(0);
    const csv = readFileSync(file, 'utf8');
    const broken = csv.replace(/\r\n([A-Z]{3}-\d{4}),/, '\r\n$1-bad,');
    writeFileSync(join(dir, 'broken.csv'), broken);
    const bad = await coalition(['force-list', 'import', 'article-2025-03', join(dir, 'broken.csv')], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/broken\.csv: line 2, column ULN: /);
    // A stored list is replaced only by naming it: the tag the export printed, or --force.
    const blind = await coalition(['force-list', 'import', 'article-2025-03', file], env);
    expect(blind.code).toBe(1);
    expect(blind.stderr).toContain('If-Match');
    const tag = /force list tag (\S+)/.exec(exported.stderr)?.[1];
    expect(tag).toMatch(/^\d+-[0-9a-f]{32}$/);
    const good = await coalition(['force-list', 'import', 'article-2025-03', file, '--if-match', tag!], env);
    expect(good.stdout, good.stderr).toMatch(/^Imported \d+ ULNs/);
    const stale = await coalition(['force-list', 'import', 'article-2025-03', file, '--if-match', tag!], env);
    expect(stale.code).toBe(1);
    const forced = await coalition(['force-list', 'import', 'article-2025-03', file, '--force'], env);
    expect(forced.stdout).toMatch(/^Imported \d+ ULNs/);
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
