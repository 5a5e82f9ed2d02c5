// How `coalition analyse` prints each analysis as tables. One printer per analysis of the contract
// registry (src/contract/analyses): PRINTERS is keyed by AnalysisKind, so an analysis added there
// without a printer here does not compile.
import type { AnalysisEnvelope, AnalysisKind, AnalysisResults } from '../../contract/analyses/index.ts';
import type { AnalysisDashboard } from '../../contract/analyses/index.ts';
import type { BurdenReport } from '../../domain/analysis/burden.ts';
import {
  HEADLINE_FIGURE_KEYS,
  HEADLINE_FIGURES,
  type FigureRecord,
  type FiguresReport,
  type HeadlineFigures,
} from '../../domain/analysis/headline-figures.ts';
import type { ForceFillReport } from '../../domain/analysis/force-fill-report.ts';
import type { ResilienceReport } from '../../domain/analysis/resilience-report.ts';
import type { SustainmentReport } from '../../domain/analysis/sustainment.ts';
import type { UsDependencyReport } from '../../domain/analysis/us-dependency-report.ts';
import { renderTable, wrapCell } from '../table.ts';
import { printCost } from './cost-print.ts';
import { printRisk } from './risk-print.ts';

export const PRINTERS: { readonly [K in AnalysisKind]: (result: AnalysisResults[K]) => string } = {
  dashboard: printDashboard,
  figures: printFigures,
  fill: printFill,
  sustainment: printSustainment,
  dependency: printDependency,
  resilience: printResilience,
  burden: printBurden,
  cost: printCost,
  risk: printRisk,
};

type Row = [string, string | number];
const pairs = (rows: readonly Row[]) =>
  renderTable(rows, [
    { header: 'FIGURE', value: (r) => r[0] },
    { header: 'VALUE', value: (r) => r[1], align: 'right' },
  ]);
const eur = (n: number) => `EUR ${Math.round(n).toLocaleString('en-GB')}`;
const percent = (x: number | null) => (x === null ? '—' : `${(x * 100).toFixed(3)} %`);
const list = (xs: readonly string[]) => (xs.length === 0 ? '—' : xs.join(', '));

export function header(body: AnalysisEnvelope<object, unknown>): string {
  const p = body.parameters as Record<string, unknown>;
  const assumptions = [
    p.usBackstop === true
      ? 'US backstop assumed'
      : p.usBackstop === false
        ? 'US backstop not assumed'
        : undefined,
    p.allowLate === true ? 'late matches counted' : undefined,
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
    lines.push('PARTIAL: the figures cover only the records releasable to you');
  }
  return `${lines.join('\n')}\n`;
}

const orDash = (n: number | null) => (n === null ? '—' : n.toLocaleString('en-GB'));

export function printDashboard(r: AnalysisDashboard): string {
  const f = r.force;
  const w = r.risks.biggestWithdrawal;
  const force = figuresTable(f);
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
    ['Personnel matched only with a US backstop', r.risks.personnelMatchedLostWithoutUs],
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
    ['Within 50 km of the line', orDash(r.risks.exposure.within50km)],
    ['ULNs nearer than allowed', orDash(r.risks.exposure.ulnsBreachingLimits)],
    [
      'Matched at the top rung',
      r.risks.escalation.matchedAtTopRung === null
        ? '—'
        : `${r.risks.escalation.matchedAtTopRung.toLocaleString('en-GB')} (${r.risks.escalation.topRung})`,
    ],
    [
      'Able to respond in 48 h',
      r.risks.escalation.respond48h === null
        ? '—'
        : `${r.risks.escalation.respond48h.toLocaleString('en-GB')} (to ${r.risks.escalation.sector})`,
    ],
    [
      'Open risks (EH/H/M/L)',
      `${r.risks.register.open} (${r.risks.register.openByResidualLevel.join('/')})` +
        (r.risks.register.reviewsOverdue > 0 ? `, ${r.risks.register.reviewsOverdue} review(s) overdue` : ''),
    ],
    ...r.risks.register.top.map((e): [string, string] => [
      `  ${e.id}`,
      `${e.title} (residual ${e.residualLevel})`,
    ]),
  ]);
  return [
    'FORCE (personnel)',
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
  const late = r.assumptions.allowLate;
  return [
    pairs([
      ['Force target', t.personnelTarget],
      ['Offered', t.personnelOffered],
      ['Counting', t.personnelAvailable],
      [late ? 'Matched (late matches counted)' : 'Matched on time', t.personnelMatched],
      ['Shortfall against target', t.shortfallAgainstTarget],
      ['Shortfall against lines', t.shortfallAgainstLines],
      ['Weighted fill', `${t.weightedFill} of ${t.weightedRequired}`],
    ]),
    '',
    'REQUIREMENT LINES (units filled of required; personnel filled of required)',
    renderTable(r.lines, [
      { header: 'LINE', value: (l) => l.line },
      { header: 'NAME', value: (l) => l.label, maxWidth: 34 },
      { header: 'P', value: (l) => l.priority },
      { header: 'UNITS', value: (l) => `${l.filled.quantity}/${l.required.quantity}`, align: 'right' },
      {
        header: 'PERSONNEL',
        value: (l) => `${fmt(l.filled.personnel)}/${fmt(l.required.personnel)}`,
        align: 'right',
      },
      { header: 'STATUS', value: lineStatus, maxWidth: 16 },
      { header: 'NATIONS', value: (l) => list(l.nations.map((n) => n.nation)), maxWidth: 12 },
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

/** `partial, 2 late, 1 leaves early`: the line's status with what qualifies it. */
function lineStatus(l: ForceFillReport['lines'][number]): string {
  const leaving = l.assignments.filter((a) => a.expiresBeforeLineEnd).reduce((s, a) => s + a.quantity, 0);
  return [
    l.status,
    ...(l.lateQuantity > 0 ? [`${l.lateQuantity} late`] : []),
    ...(leaving > 0 ? [`${leaving} leave before ${l.endDate}`] : []),
  ].join(', ');
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
    wrapCell(r.stageDefinition, 100).join('\n'),
  ].join('\n');
}

/** The headline figures with their one definition each (src/domain/analysis/headline-figures.ts). */
function figuresTable(f: HeadlineFigures): string {
  return renderTable(HEADLINE_FIGURE_KEYS, [
    { header: 'FIGURE', value: (k) => HEADLINE_FIGURES[k].label },
    { header: 'PERSONNEL', value: (k) => f.values[k], align: 'right' },
    { header: 'DEFINITION', value: (k) => HEADLINE_FIGURES[k].definition, maxWidth: 60 },
  ]);
}

export function printFigures(r: FiguresReport): string {
  const counts = `Lines filled / partial / empty: ${r.lineCounts.filled} / ${r.lineCounts.partial} / ${r.lineCounts.empty}`;
  const parts = [figuresTable(r), '', counts];
  if (r.range) parts.push(`Estimates of the target range from ${fmt(r.range.min)} to ${fmt(r.range.max)}`);
  if (!r.explanation) {
    parts.push('', 'Add --explain for the records behind each figure and their sources or assumptions.');
    return parts.join('\n');
  }
  for (const k of HEADLINE_FIGURE_KEYS) {
    const records = r.explanation[k];
    parts.push(
      '',
      `${HEADLINE_FIGURES[k].label.toUpperCase()}: ${fmt(r.values[k])} from ${records.length} records`,
    );
    if (records.length === 0) continue;
    parts.push(
      renderTable(records, [
        { header: 'RECORD', value: (x) => x.key },
        { header: 'WHAT', value: (x) => x.label, maxWidth: 30 },
        { header: 'PERSONNEL', value: (x) => x.personnel },
        { header: 'RESTS ON', value: restsOn, maxWidth: 36 },
      ]),
    );
  }
  return parts.join('\n');
}

function restsOn(r: FigureRecord): string {
  if (r.source) return `source: ${r.source.publication}${r.source.date ? ` (${r.source.date})` : ''}`;
  if (r.assumption) return `assumption: ${r.assumption}`;
  return 'neither source nor assumption';
}
