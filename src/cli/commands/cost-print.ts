// How `coalition cost` (and `coalition analyse --only cost`) prints the cost of the force: the
// coalition's cost per month and over the horizon against the pledges and the gap, then per nation
// (cost, pledges, gap, shares of cost and GDP), per domain and per transport mode, and every rate
// with its source or assumption. Every table keeps within 100 columns.
import type { CostResult } from '../../contract/analyses/index.ts';
import { renderTable, wrapCell } from '../table.ts';

const WIDTH = 100;
/** Millions of EUR, one decimal: the unit a cost brief speaks in. */
const meur = (n: number) =>
  `${(n / 1e6).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}`;
const whole = (n: number) => Math.round(n).toLocaleString('en-GB');
const pct = (x: number | null, digits = 1) => (x === null ? '—' : `${(x * 100).toFixed(digits)} %`);
const wrap = (text: string) => wrapCell(text, WIDTH).join('\n');

export function printCost(r: CostResult): string {
  const c = r.coalition;
  const out: string[] = [
    `COST OF THE FORCE over ${r.months} months (EUR million)`,
    renderTable(
      [
        ['Personnel costed', whole(c.personnel)],
        ['Personnel per month', meur(c.personnelPerMonth)],
        ['Sustainment per month', meur(c.sustainmentPerMonth)],
        ['Per month', meur(c.perMonth)],
        [`Deployment transport (${whole(c.loads)} loads)`, meur(c.transport)],
        [`Total over ${r.months} months`, meur(c.total)],
        ['Pledged: committed', meur(c.pledged.committed)],
        ['Pledged: allocated', meur(c.pledged.allocated)],
        ['Pledged: delivered', meur(c.pledged.delivered)],
        ['Gap against committed', meur(c.gap.committed)],
        ['Gap against delivered', meur(c.gap.delivered)],
        ['Pledges cover', pct(c.coverage)],
        ['Cost over coalition GDP', pct(c.costShareOfGdp, 3)],
      ] as const,
      [
        { header: 'FIGURE', value: (x) => x[0] },
        { header: 'VALUE', value: (x) => x[1], align: 'right' },
      ],
    ),
    '',
    'BY NATION (EUR million; shares of the coalition cost and GDP)',
    renderTable(
      r.nations.filter((n) => n.total > 0 || n.pledged.committed > 0),
      [
        { header: 'NATION', value: (n) => n.nation },
        { header: 'PERSONNEL', value: (n) => whole(n.personnel), align: 'right' },
        { header: '/MONTH', value: (n) => meur(n.perMonth), align: 'right' },
        { header: 'TRANSPORT', value: (n) => meur(n.transport), align: 'right' },
        { header: 'TOTAL', value: (n) => meur(n.total), align: 'right' },
        { header: 'PLEDGED', value: (n) => meur(n.pledged.committed), align: 'right' },
        { header: 'GAP', value: (n) => meur(n.gapCommitted), align: 'right' },
        { header: 'COST %', value: (n) => pct(n.shareOfCoalitionCost), align: 'right' },
        { header: 'GDP %', value: (n) => pct(n.shareOfCoalitionGdp), align: 'right' },
        {
          header: 'RATIO',
          value: (n) => (n.burdenRatio === null ? '—' : n.burdenRatio.toFixed(2)),
          align: 'right',
        },
      ],
    ),
    '',
    'BY DOMAIN (EUR million)',
    renderTable(r.domains, [
      { header: 'DOMAIN', value: (d) => d.domain },
      { header: 'PERSONNEL', value: (d) => whole(d.personnel), align: 'right' },
      { header: 'PERSONNEL/MONTH', value: (d) => meur(d.personnelPerMonth), align: 'right' },
      { header: 'SUSTAINMENT/MONTH', value: (d) => meur(d.sustainmentPerMonth), align: 'right' },
      { header: 'TRANSPORT', value: (d) => meur(d.transport), align: 'right' },
      { header: 'TOTAL', value: (d) => meur(d.total), align: 'right' },
    ]),
    '',
    'DEPLOYMENT TRANSPORT BY MODE (EUR million)',
    r.modes.length === 0
      ? '—'
      : renderTable(r.modes, [
          { header: 'MODE', value: (m) => m.mode },
          { header: 'LOADS', value: (m) => whole(m.loads), align: 'right' },
          { header: 'TRANSPORT', value: (m) => meur(m.transport), align: 'right' },
        ]),
    '',
    'RATES',
    ...rateLines(r),
  ];
  if (r.notes.length > 0) out.push('', 'NOTES', ...r.notes.map((n) => wrap(`- ${n}`).replace(/\n/g, '\n  ')));
  return out.join('\n');
}

type Rate = CostResult['rates']['personnelPerMonth'];

function rateLine(label: string, rate: Rate, unit: string): string {
  const given = `${rate.amount.toLocaleString('en-GB')} ${rate.currency}`;
  const eur =
    rate.currency === 'EUR' ? '' : ` = EUR ${rate.eur.toLocaleString('en-GB')} (${rate.ratePeriod})`;
  const why = rate.source
    ? `source: ${rate.source.publication}`
    : rate.assumption !== undefined
      ? `assumption: ${rate.assumption}`
      : 'no source given';
  return wrap(`- ${label}: ${given}${eur} ${unit}; ${rate.from}; ${why}`).replace(/\n/g, '\n  ');
}

function rateLines(r: CostResult): string[] {
  return [
    rateLine('Personnel', r.rates.personnelPerMonth, 'per person per month'),
    ...r.rates.nationPersonnelPerMonth.map((x) =>
      rateLine(`Personnel (${x.nation})`, x, 'per person per month'),
    ),
    ...r.rates.sustainmentPerMonth.map((x) =>
      rateLine(`Sustainment, ${x.domain}`, x, 'per person per month'),
    ),
    ...r.rates.transportPerLoad.map((x) => rateLine(`Transport, ${x.mode}`, x, 'per load')),
  ];
}
