// `coalition analyse SCENARIO`: the analyses from the terminal, through the same AnalysisService as
// GET /api/scenarios/:id/analysis…, so the figures are the API's. Without --only it prints the
// dashboard summary; --json prints the API's answer as it is. While a Monte Carlo runs, a progress
// bar goes to standard error when that is a terminal (never into a pipe or a --json answer).
import cliProgress from 'cli-progress';
import { type Command, Option } from 'commander';
import type { BurdenReport } from '../../domain/analysis/burden.ts';
import type { ForceFillReport } from '../../domain/analysis/force-fill-report.ts';
import type { ResilienceReport } from '../../domain/analysis/resilience-report.ts';
import type { SustainmentReport } from '../../domain/analysis/sustainment.ts';
import type { UsDependencyReport } from '../../domain/analysis/us-dependency-report.ts';
import { DomainError, invalid } from '../../domain/errors.ts';
import { parseAnalysisParams, type AnalysisRunOptions } from '../../app/analysis-service.ts';
import {
  PERSONNEL_BASES,
  type AnalysisDashboard,
  type AnalysisEnvelope,
} from '../../contract/analyses/index.ts';
import { DEFAULT_POLICY_KEYS } from '../../domain/analysis/sustainment.ts';
import { OFFER_STATUSES } from '../../domain/scenario-schema.ts';
import { cliPrincipal, withInstallation } from '../shared.ts';
import { renderTable } from '../table.ts';

/** What --only accepts, and the analysis each names. */
const ONLY = {
  fill: 'fill',
  sustain: 'sustainment',
  dependency: 'dependency',
  resilience: 'resilience',
  burden: 'burden',
} as const;
type Only = keyof typeof ONLY;

interface AnalyseOptions {
  only?: Only;
  json?: boolean;
  usBackstop?: boolean;
  late?: boolean;
  exclude?: string[];
  minStatus?: string;
  asOf?: string;
  defaultPolicy?: string;
  basis?: string;
  draws?: string;
  seed?: string;
  readyBy?: string;
}

/** The service's parameter names as the flags a CLI user typed, for error messages. */
const FLAG_OF: Record<string, string> = {
  usBackstop: '--us-backstop',
  allowLate: '--no-late',
  excludeNations: '--exclude',
  minStatus: '--min-status',
  asOf: '--as-of',
  defaultPolicy: '--default-policy',
  basis: '--basis',
  draws: '--draws',
  seed: '--seed',
  readyByCDay: '--ready-by',
};

const collect = (value: string, previous: string[] = []) => [...previous, value];

export function registerAnalyseCommand(program: Command): void {
  program
    .command('analyse')
    .alias('analyze')
    .description(
      'Analyse a scenario: force fill, sustainment, US dependency, resilience, burden sharing ' +
        '(default: the dashboard summary)',
    )
    .argument('<scenario>', 'scenario id')
    .addOption(
      new Option('--only <analysis>', 'one analysis in full').choices([
        'fill',
        'sustain',
        'dependency',
        'resilience',
        'burden',
      ]),
    )
    .option('--json', "print the API's JSON answer")
    .option('--us-backstop', 'count offers that require a US backstop')
    .option('--no-late', "offers ready after a line's RDD may not fill it")
    .option(
      '--exclude <nations...>',
      'leave out these nations’ offers (ISO3, e.g. DEU ITA or DEU,ITA)',
      collect,
    )
    .addOption(
      new Option('--min-status <status>', 'least firm offer status that counts').choices(
        OFFER_STATUSES.filter((s) => s !== 'withdrawn'),
      ),
    )
    .option('--as-of <date>', "analysis date YYYY-MM-DD (default: the scenario's)")
    .addOption(
      new Option('--default-policy <policy>', 'rotation policy for nations without one').choices([
        ...DEFAULT_POLICY_KEYS,
      ]),
    )
    .addOption(
      new Option('--basis <basis>', "each nation's personnel for sustainment and burden").choices([
        ...PERSONNEL_BASES,
      ]),
    )
    .option('--draws <n>', 'Monte Carlo draws for resilience (1 to 100000, default 10000)')
    .option('--seed <n>', 'Monte Carlo seed (default 1)')
    .option('--ready-by <cday>', 'with --only resilience: only offers ready by this C-day count')
    .action(async (scenario: string, opts: AnalyseOptions) => {
      const only = opts.only === undefined ? undefined : ONLY[opts.only];
      const query: Record<string, unknown> = {
        ...(opts.usBackstop && { usBackstop: true }),
        ...(opts.late === false && { allowLate: false }),
        ...(opts.exclude !== undefined && { excludeNations: opts.exclude.join(',') }),
        ...(opts.minStatus !== undefined && { minStatus: opts.minStatus }),
        ...(opts.asOf !== undefined && { asOf: opts.asOf }),
        ...(opts.defaultPolicy !== undefined && { defaultPolicy: opts.defaultPolicy }),
        ...(opts.basis !== undefined && { basis: opts.basis }),
        ...(opts.draws !== undefined && { draws: opts.draws }),
        ...(opts.seed !== undefined && { seed: opts.seed }),
        ...(opts.readyBy !== undefined && { readyByCDay: opts.readyBy }),
      };
      // Bad parameters are refused before the store is opened, which takes a while.
      await withFlags(async () => parseAnalysisParams(only ?? 'dashboard', query));
      const bar = progressBar(process.stderr.isTTY === true && !opts.json);
      const body = await withInstallation(async ({ analyses }) =>
        withFlags(() => analyses.run(only ?? 'dashboard', scenario, query, cliPrincipal(), bar.options)),
      ).finally(() => bar.stop());
      if (opts.json) {
        console.log(JSON.stringify(body, null, 2));
        return;
      }
      console.log(header(body));
      switch (only) {
        case undefined:
          console.log(printDashboard(body.result as AnalysisDashboard));
          break;
        case 'fill':
          console.log(printFill(body.result as ForceFillReport));
          break;
        case 'sustainment':
          console.log(printSustainment(body.result as SustainmentReport));
          break;
        case 'dependency':
          console.log(printDependency(body.result as UsDependencyReport));
          break;
        case 'resilience':
          console.log(printResilience(body.result as ResilienceReport));
          break;
        case 'burden':
          console.log(printBurden(body.result as BurdenReport));
          break;
      }
    });
}

/** A bar that appears with the first progress report (not while the store opens) and is cleared after. */
function progressBar(enabled: boolean): { options: AnalysisRunOptions; stop(): void } {
  if (!enabled) return { options: {}, stop: () => undefined };
  let bar: cliProgress.SingleBar | undefined;
  return {
    options: {
      onProgress: (done: number, total: number) => {
        if (!bar) {
          bar = new cliProgress.SingleBar(
            {
              stream: process.stderr,
              format: 'Monte Carlo [{bar}] {percentage}% | {value}/{total} draws | {eta_formatted}',
              clearOnComplete: true,
              hideCursor: null,
            },
            cliProgress.Presets.shades_classic,
          );
          bar.start(total, 0);
        }
        bar.update(done);
      },
    },
    stop: () => bar?.stop(),
  };
}

/** Runs `fn`, naming parameters in its errors by the flags the user typed. */
async function withFlags<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DomainError && e.code === 'invalid' && e.issues.length > 0) {
      throw invalid(
        e.issues.map((i) => {
          const [, name = '', rest = ''] = /^([A-Za-z]+)(.*)$/.exec(i.path) ?? [];
          const flag = FLAG_OF[name];
          return flag ? { path: flag + rest, message: i.message } : i;
        }),
      );
    }
    throw e;
  }
}

// --- printing ------------------------------------------------------------------------------------

type Row = [string, string | number];
const pairs = (rows: readonly Row[]) =>
  renderTable(rows, [
    { header: 'FIGURE', value: (r) => r[0] },
    { header: 'VALUE', value: (r) => r[1], align: 'right' },
  ]);
const eur = (n: number) => `EUR ${Math.round(n).toLocaleString('en-GB')}`;
const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(3)} %`);
const list = (xs: readonly string[]) => (xs.length === 0 ? '—' : xs.join(', '));

function header(body: AnalysisEnvelope<object, unknown>): string {
  const p = body.parameters as Record<string, unknown>;
  const assumptions = [
    p.usBackstop === true ? 'US backstop assumed' : p.usBackstop === false ? 'no US backstop' : undefined,
    Array.isArray(p.excludeNations) && p.excludeNations.length > 0
      ? `without ${p.excludeNations.join(', ')}`
      : undefined,
    typeof p.minStatus === 'string' && p.minStatus !== 'offered'
      ? `offers ${p.minStatus} or firmer`
      : undefined,
  ].filter((x) => x !== undefined);
  const lines = [
    `${body.scenario} as of ${body.asOf}${assumptions.length ? ` (${assumptions.join('; ')})` : ''}`,
  ];
  if (body.partial) {
    const counts = Object.entries(body.withheld)
      .map(([k, n]) => `${n} ${k}`)
      .join(', ');
    lines.push(`PARTIAL: ${counts} withheld; the figures cover only what you may see`);
  }
  return `${lines.join('\n')}\n`;
}

export function printDashboard(r: AnalysisDashboard): string {
  const f = r.force;
  const w = r.risks.biggestWithdrawal;
  const force = pairs([
    ['Force target', f.target],
    ['Personnel required (lines)', f.required],
    ['Personnel offered', f.offered],
    ['Personnel available', f.available],
    ['Personnel matched', f.matched],
    ['Shortfall against target', f.shortfall],
    [
      'Lines filled / partial / empty',
      `${f.lineCounts.filled} / ${f.lineCounts.partial} / ${f.lineCounts.empty}`,
    ],
  ]);
  const stances = renderTable(
    Object.entries(r.stances).filter(([, n]) => n > 0),
    [
      { header: 'STANCE', value: ([s]) => s },
      { header: 'NATIONS', value: ([, n]) => n },
    ],
  );
  const funding = pairs([
    ['Committed', eur(r.funding.eur.committed)],
    ['Allocated', eur(r.funding.eur.allocated)],
    ['Delivered', eur(r.funding.eur.delivered)],
    ['Pledges', r.funding.pledges],
  ]);
  const risks = pairs([
    ['Lines empty without the US', list(r.risks.linesEmptiedWithoutUs)],
    ['Matched personnel lost without the US', r.risks.personnelMatchedLostWithoutUs],
    ['Sustainable for 6 months', r.risks.sustainable.months6],
    ['Sustainable for 12 months', r.risks.sustainable.months12],
    ['Sustainable indefinitely', r.risks.sustainable.indefinitely],
    [
      'Biggest single-nation withdrawal',
      w
        ? `${w.nation}: -${w.personnelMatchedLost.toLocaleString('en-GB')} matched, ` +
          `-${(w.weightedFillShare * 100).toFixed(1)} % weighted fill`
        : '—',
    ],
    [
      'P(target met)',
      `${(r.risks.probabilityTargetMet * 100).toFixed(1)} % ± ${(r.risks.probabilityTargetMetError * 100).toFixed(1)}`,
    ],
  ]);
  return [
    'FORCE',
    force,
    '',
    'NATIONS BY STANCE',
    stances,
    '',
    'FUNDING (cumulative stages)',
    funding,
    '',
    'HEADLINE RISKS',
    risks,
  ].join('\n');
}

export function printFill(r: ForceFillReport): string {
  const t = r.totals;
  return [
    pairs([
      ['Force target', t.personnelTarget],
      ['Personnel offered', t.personnelOffered],
      ['Personnel available', t.personnelAvailable],
      ['Personnel matched', t.personnelMatched],
      ['Shortfall against target', t.shortfallAgainstTarget],
      ['Shortfall against lines', t.shortfallAgainstLines],
      ['Weighted fill', `${t.weightedFill} of ${t.weightedRequired}`],
    ]),
    '',
    'REQUIREMENT LINES',
    renderTable(r.lines, [
      { header: 'LINE', value: (l) => l.line },
      { header: 'CAPABILITY', value: (l) => l.capability },
      { header: 'P', value: (l) => l.priority },
      { header: 'REQUIRED', value: (l) => l.required.quantity },
      { header: 'FILLED', value: (l) => l.filled.quantity },
      { header: 'SHORT', value: (l) => l.shortfall.quantity },
      { header: 'PERSONNEL', value: (l) => l.filled.personnel },
      { header: 'STATUS', value: (l) => l.status },
      { header: 'LATE', value: (l) => l.lateQuantity },
      { header: 'NATIONS', value: (l) => list(l.nations.map((n) => n.nation)) },
    ]),
    '',
    'BY NATION',
    renderTable(r.byNation, [
      { header: 'NATION', value: (n) => n.nation },
      { header: 'OFFERED', value: (n) => n.personnelOffered },
      { header: 'AVAILABLE', value: (n) => n.personnelAvailable },
      { header: 'MATCHED', value: (n) => n.personnelMatched },
      { header: 'SHARE', value: (n) => `${(n.share * 100).toFixed(1)} %`, align: 'right' },
    ]),
  ].join('\n');
}

export function printSustainment(r: SustainmentReport): string {
  const months = (m: number | 'indefinite') => (m === 'indefinite' ? 'indefinite' : `${m} months`);
  return [
    'COALITION',
    renderTable(r.coalition.sustainableFor, [
      { header: 'HORIZON', value: (h) => months(h.horizon) },
      { header: 'PERSONNEL', value: (h) => h.personnel },
    ]),
    `Nations on the default policy (${r.defaultPolicy.name}): ${list(r.coalition.defaultPolicyNations)}`,
    '',
    'BY NATION',
    renderTable(r.nations, [
      { header: 'NATION', value: (n) => n.nation },
      {
        header: 'POLICY',
        value: (n) =>
          `${n.policy.tourMonths}-month tours, dwell ${n.policy.dwellRatio}${n.policy.basis === 'default' ? ' (default)' : ''}`,
      },
      { header: 'STRENGTH', value: (n) => n.strength },
      { header: 'POOL NEEDED', value: (n) => n.poolNeeded },
      { header: 'SUSTAINABLE', value: (n) => n.sustainableStrength },
      { header: 'FULL STRENGTH FOR', value: (n) => months(n.monthsAtFullStrength), align: 'right' },
    ]),
  ].join('\n');
}

export function printDependency(r: UsDependencyReport): string {
  return [
    pairs([
      ['Absent nations', list(r.absentNations)],
      ['Matched with the US', r.withUs.personnelMatched],
      ['Matched without the US', r.withoutUs.personnelMatched],
      ['Matched personnel lost', r.lacks.personnelMatched],
      ['Lines emptied', list(r.lacks.linesEmptied)],
    ]),
    '',
    'LINES THAT REST ON THE US',
    renderTable(r.lines, [
      { header: 'LINE', value: (l) => l.line },
      { header: 'CAPABILITY', value: (l) => l.capability },
      { header: 'P', value: (l) => l.priority },
      { header: 'REQUIRED', value: (l) => l.requiredQuantity },
      { header: 'WITH US', value: (l) => l.filledWithUs },
      { header: 'WITHOUT', value: (l) => l.filledWithoutUs },
      { header: 'LOST PERSONNEL', value: (l) => l.lostPersonnel },
    ]),
  ].join('\n');
}

export function printResilience(r: ResilienceReport): string {
  const mc = r.monteCarlo;
  const d = mc.personnelMatched;
  const p = `${(mc.probabilityTargetMet * 100).toFixed(1)} % ± ${(mc.probabilityTargetMetError * 100).toFixed(1)}`;
  return [
    'IF ONE NATION WITHDRAWS (most weighted fill lost first)',
    renderTable(r.withdrawals.nations, [
      { header: 'NATION', value: (n) => n.nation },
      { header: 'STANCE', value: (n) => n.stance ?? '—' },
      { header: 'CONTRIBUTES', value: (n) => n.contribution.personnel },
      { header: 'LOST', value: (n) => n.lost.personnel },
      { header: 'MATCHED AFTER', value: (n) => n.after.personnelMatched },
      {
        header: 'WEIGHTED LOST',
        value: (n) => `${(n.lost.weightedFillShare * 100).toFixed(1)} %`,
        align: 'right',
      },
      { header: 'LINES EMPTIED', value: (n) => list(n.linesNewlyEmpty) },
    ]),
    '',
    `MONTE CARLO (${mc.draws.toLocaleString('en-GB')} draws, seed ${mc.seed}${mc.readyByCDay === null ? '' : `, ready by C+${mc.readyByCDay}`})`,
    pairs([
      ['Force target', mc.personnelTarget],
      ['Matched if every nation delivers', mc.allDeliver.personnelMatched],
      ['Matched, mean', Math.round(d.mean)],
      ['Matched, P10 / P50 / P90', `${fmt(d.p10)} / ${fmt(d.p50)} / ${fmt(d.p90)}`],
      ['P(target met)', p],
    ]),
    '',
    'DELIVERY BY NATION',
    renderTable(mc.nations, [
      { header: 'NATION', value: (n) => n.nation },
      { header: 'STANCE', value: (n) => n.probabilityStance },
      { header: 'PROBABILITY', value: (n) => n.probability.toFixed(2), align: 'right' },
      { header: 'DELIVERED IN', value: (n) => `${(n.deliveredShare * 100).toFixed(1)} %`, align: 'right' },
      { header: 'AVAILABLE', value: (n) => n.personnelAvailable },
    ]),
  ].join('\n');
}

const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');

export function printBurden(r: BurdenReport): string {
  const c = r.coalition;
  return [
    pairs([
      ['Committed', eur(c.eur.committed)],
      ['Allocated', eur(c.eur.allocated)],
      ['Delivered', eur(c.eur.delivered)],
      ['Personnel', c.personnel],
      ['Unconvertible pledges', c.unconvertiblePledges],
    ]),
    '',
    'BY NATION',
    renderTable(r.nations, [
      { header: 'NATION', value: (n) => n.nation },
      { header: 'COMMITTED', value: (n) => eur(n.eur.committed), align: 'right' },
      { header: 'DELIVERED', value: (n) => eur(n.eur.delivered), align: 'right' },
      { header: 'SHARE OF GDP', value: (n) => percent(n.shareOfGdp), align: 'right' },
      { header: 'PERSONNEL', value: (n) => n.personnel },
      {
        header: 'PER 100K',
        value: (n) => (n.personnelPer100k === null ? '—' : n.personnelPer100k.toFixed(1)),
        align: 'right',
      },
    ]),
    '',
    r.stageDefinition,
  ].join('\n');
}
