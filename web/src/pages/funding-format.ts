// Money, shares and exchange rates as the Funding and Nations pages show them. Whole amounts keep
// every digit (a briefing may quote them, and a test compares them with the API's); compact forms
// (`€1.92 bn`) are for headline figures and GDP, where three significant figures are what is read.
import type { RateUsed } from '../../../src/domain/analysis/burden.ts';
import type { PledgeStage } from '../../../src/domain/scenario-schema.ts';
import { formatDate, formatNumber } from '../format.ts';

const SYMBOLS: Readonly<Record<string, string>> = { EUR: '€', GBP: '£', USD: 'US$' };

const SCALES: readonly (readonly [number, string])[] = [
  [1e12, 'tn'],
  [1e9, 'bn'],
  [1e6, 'm'],
  [1e3, 'k'],
];

const SIGNIFICANT = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 3 });

/** `1_915_360_000` → `1.92 bn`, `69_100_000` → `69.1 m`, `950` → `950`. */
export function formatCompact(n: number): string {
  const abs = Math.abs(n);
  for (const [scale, suffix] of SCALES) {
    // 999,600 is shown as 1 m rather than 1,000 k.
    if (abs >= scale * 0.9995) return `${SIGNIFICANT.format(n / scale)} ${suffix}`;
  }
  return SIGNIFICANT.format(n);
}

/** `1.6e9, 'GBP'` → `£1.6 bn`; a currency without a symbol goes after: `12 bn NOK`. */
export function formatMoneyCompact(amount: number, currency: string): string {
  const symbol = SYMBOLS[currency];
  return symbol ? `${symbol}${formatCompact(amount)}` : `${formatCompact(amount)} ${currency}`;
}

/** Whole euros with every digit: `1915360000` → `€1,915,360,000`. */
export function formatEur(eur: number): string {
  return `€${formatNumber(Math.round(eur))}`;
}

/** An amount in its own currency with every digit: `GBP 1,600,000,000`. */
export function formatMoney(amount: number, currency: string): string {
  const digits = Number.isInteger(amount)
    ? formatNumber(amount)
    : new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 }).format(amount);
  return `${currency} ${digits}`;
}

/** A fraction as a percentage with enough digits to tell small shares apart: 0.000534 → `0.053%`. */
export function formatShare(fraction: number | null): string {
  if (fraction === null || !Number.isFinite(fraction)) return '–';
  const percent = fraction * 100;
  if (percent === 0) return '0%';
  const digits = percent >= 10 ? 1 : percent >= 1 ? 2 : 3;
  return `${new Intl.NumberFormat('en-GB', { maximumSignificantDigits: digits + 1 }).format(percent)}%`;
}

/** EUR per person, to the cent when under €10: `27.79` → `€27.79`, `1234.5` → `€1,235`. */
export function formatPerCapita(eur: number | null): string {
  if (eur === null || !Number.isFinite(eur)) return '–';
  if (eur === 0) return '€0';
  if (Math.abs(eur) < 10) return `€${eur.toFixed(2)}`;
  return formatEur(eur);
}

/** Personnel per 100,000 inhabitants, one decimal: `14.47` → `14.5`. */
export function formatPer100k(value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  return new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1, minimumFractionDigits: 1 }).format(value);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2025-03` → `Mar 2025`, `2025` → `2025`. */
export function formatPeriod(period: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(period);
  if (!m) return period;
  return `${MONTHS[Number(m[2]) - 1] ?? m[2]} ${m[1]}`;
}

/** How a pledge was converted: `€1.1971 per GBP, Mar 2025 monthly average`. */
export function describeRate(rate: RateUsed, currency: string): string {
  if (rate.basis === 'par') return 'in euros';
  const value = new Intl.NumberFormat('en-GB', { maximumSignificantDigits: 6 }).format(rate.eurPerUnit);
  const basis = rate.basis === 'monthly' ? 'monthly average' : 'annual average';
  return `€${value} per ${currency}, ${formatPeriod(rate.period)} ${basis}`;
}

/** `2024-07-01` → `1 Jul 2024`; absent → empty. */
export function formatOptionalDate(date: string | undefined): string {
  return date ? formatDate(date) : '';
}

export const STAGE_LABELS: Readonly<Record<PledgeStage, string>> = {
  committed: 'Committed',
  allocated: 'Allocated',
  delivered: 'Delivered',
};

/** Blues from light (promised only) to dark (handed over); text on the chart is never in them. */
export const STAGE_COLOURS: Readonly<Record<PledgeStage, string>> = {
  committed: '#8fb3de',
  allocated: '#2f74c0',
  delivered: '#0b3d77',
};
