// Words and numbers of the Cost page. Headline amounts are compact (`€1.75 bn`) with every digit
// beneath; tables speak in millions of euros to one decimal, the unit a cost brief uses, so a column
// of amounts lines up. A negative amount (a gap where the pledges exceed the cost) takes a true minus.
import type { CostResult } from '../../../src/contract/analyses/cost.ts';
import type { CostDomain, CostMode } from '../../../src/domain/cost-rates.ts';
import { formatNumber } from '../format.ts';
import { formatEur, formatMoneyCompact, formatPeriod } from '../pages/funding-format.ts';

/** A rate as the analysis used it: as given, in EUR, and where it comes from. */
export type CostRate = CostResult['rates']['personnelPerMonth'];

const MEUR = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const LOADS = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });
const CENTS = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });
const PERCENT = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const RATIO = new Intl.NumberFormat('en-GB', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

const minus = (n: number) => (n < 0 ? '−' : '');

/** Millions of euros, one decimal: `815_234_000` → `815.2`, `-161e6` → `−161.0`. */
export function formatMeur(eur: number): string {
  const m = Math.abs(eur) / 1e6;
  // −0.04 m reads as 0.0, without a sign.
  return `${m >= 0.05 ? minus(eur) : ''}${MEUR.format(m)}`;
}

/** A headline amount: `€1.75 bn`, `−€161 m`. */
export function formatEurCompact(eur: number): string {
  return `${minus(eur)}${formatMoneyCompact(Math.abs(eur), 'EUR')}`;
}

/** Every euro: `€1,752,912,345`, `−€161,000,000`. */
export function formatEurExact(eur: number): string {
  return `${minus(eur)}${formatEur(Math.abs(eur))}`;
}

/** A rate in euros, to the cent where it has cents: `€1,263.72`, `€3,000`. */
export function formatEurRate(eur: number): string {
  return `€${CENTS.format(eur)}`;
}

/** Loads moved, to a tenth where only part of an offer is costed: `502`, `12.5`. */
export function formatLoads(loads: number): string {
  return LOADS.format(loads);
}

/**
 * The share of the cost the pledges cover, to a tenth of a percent: `1.092` → `109.2%` (formatShare,
 * made for small shares of GDP, would say 110%); `–` when the force costs nothing.
 */
export function formatCoverage(coverage: number | null): string {
  if (coverage === null || !Number.isFinite(coverage)) return '–';
  return `${PERCENT.format(coverage * 100)}%`;
}

/** Share of cost over share of GDP: `1.38`; `–` when either is unknown. */
export function formatBurdenRatio(ratio: number | null): string {
  return ratio === null || !Number.isFinite(ratio) ? '–' : RATIO.format(ratio);
}

/** How a rate was converted to euros: `€0.885 per USD, 2025`; nothing to say for a rate in euros. */
export function describeConversion(rate: CostRate): string {
  if (rate.currency === 'EUR') return 'in euros';
  const value = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 6 }).format(rate.eurPerUnit);
  return `€${value} per ${rate.currency}, ${formatPeriod(rate.ratePeriod)}`;
}

/** A rate as given: `USD 1,428`. */
export function formatRateGiven(rate: CostRate): string {
  return `${rate.currency} ${CENTS.format(rate.amount)}`;
}

export const COST_DOMAIN_LABELS: Readonly<Record<CostDomain, string>> = {
  land: 'Land',
  air: 'Air',
  maritime: 'Maritime',
  enabler: 'Enablers',
};

export const COST_MODE_LABELS: Readonly<Record<CostMode, string>> = {
  road: 'Road',
  rail: 'Rail',
  air: 'Air',
  sea: 'Sea',
};

export const RATE_FROM_LABELS: Readonly<Record<CostRate['from'], string>> = {
  scenario: 'Scenario',
  nation: 'Nation’s own',
  default: 'Default',
};

/** "4,550 personnel" for a figure's note. */
export function personnelText(n: number): string {
  return `${formatNumber(n)} personnel`;
}
