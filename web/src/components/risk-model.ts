// What the parts of the Risk page share: the pieces of the risk answer by name, the colours of the
// distance bands (nearest the line darkest; the rear blue, never red), and the words for bands,
// rungs, red lines, routes and the levels of the ATP 5-19 matrix. Colour never stands alone: every
// band, level and route is also written out where it is drawn.
import type { RiskResult } from '../../../src/contract/analyses/risk.ts';
import type { Probability, RiskLevel, Severity } from '../../../src/domain/risk-register.ts';
import { formatProbability } from './analysis-common.tsx';

export type Exposure = NonNullable<RiskResult['exposure']>;
export type Position = Exposure['positions'][number];
export type Flag = Exposure['flags'][number];
export type Band = RiskResult['bands'][number];
export type RiskLine = NonNullable<RiskResult['line']>;
export type Ladder = NonNullable<RiskResult['ladder']>;
export type Rung = Ladder['rungs'][number];
export type RedLine = Rung['redLines'][number];
export type PathOutcomes = NonNullable<RiskResult['outcome']>;
export type Respond = NonNullable<RiskResult['respond']>;
export type RespondRung = Respond['rungs'][number];
export type RespondUnit = Respond['units'][number];
export type Register = RiskResult['register'];
export type RegisterEntry = Register['entries'][number];

// ---- Distance bands ----

/** Nearest the line first: dark crimson to amber, so the nearer a unit, the hotter its colour. */
const BAND_COLOURS = ['#9e0142', '#d53e4f', '#f46d43', '#fdae61', '#fee08b', '#e6f598', '#abdda4'];
/** The rear, beyond the last band. */
export const REAR_COLOUR = '#3288bd';

/** The colour of band `index` (in the answer's order, nearest first; the rear last). */
export function bandColour(bands: readonly Pick<Band, 'toKm'>[], index: number): string {
  const band = bands[index];
  if (!band || band.toKm === null) return REAR_COLOUR;
  return BAND_COLOURS[Math.min(index, BAND_COLOURS.length - 1)]!;
}

const KM = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

/** `7.5` → `7.5 km`; `1054.6` → `1,054.6 km`. */
export function formatKm(km: number): string {
  return `${KM.format(km)} km`;
}

/** `3.4` → `3.4 h`; `48` → `48 h`. */
export function formatHours(hours: number): string {
  return `${KM.format(hours)} h`;
}

/** "Up to 7.5 km", "7.5–50 km", "Beyond 150 km": the distances from the line a band holds. */
export function bandRange(band: Pick<Band, 'fromKm' | 'toKm'>): string {
  if (band.toKm === null) return `Beyond ${formatKm(band.fromKm)}`;
  if (band.fromKm === 0) return `Up to ${formatKm(band.toKm)}`;
  return `${KM.format(band.fromKm)}–${formatKm(band.toKm)}`;
}

/** The name of band `index`, or "no band" for an index the answer does not have. */
export function bandName(bands: readonly Pick<Band, 'name'>[], index: number): string {
  return bands[index]?.name ?? 'no band';
}

// ---- The ladder ----

/** "5. Attack on coalition troops". */
export function rungLabel(rung: Pick<Rung, 'level' | 'name'>): string {
  return `${rung.level}. ${rung.name}`;
}

/** The id of a rung's row on the page, so the register can link to it. */
export function rungAnchor(rungId: string): string {
  return `rung-${rungId}`;
}

/** "withdraws all its force", "withdraws 50% of its force", "keeps its units 100 km from the line". */
export function redLineEffect(redLine: Pick<RedLine, 'effect' | 'share' | 'km'>): string {
  if (redLine.effect === 'no-deploy-within') {
    return `keeps its units ${formatKm(redLine.km ?? 0)} or more from the line`;
  }
  const share = redLine.share ?? 1;
  return share >= 1 ? 'withdraws all its force' : `withdraws ${formatProbability(share)} of its force`;
}

// ---- Who can respond ----

/** The column of `windows` for a response window of `hours` (24, 48, 72), or -1. */
export function windowIndex(windows: readonly number[], hours: number): number {
  return windows.indexOf(hours);
}

export const ROUTE_LABELS: Readonly<Record<NonNullable<RespondUnit['route']>, string>> = {
  'in-sector': 'In the sector',
  road: 'Road march',
  rotary: 'Helicopter',
  air: 'Air',
  'from-home': 'From home (planned transit)',
};

/** The reasons units cannot respond, most units first, each with how many and their personnel. */
export function cannotRespond(
  units: readonly RespondUnit[],
): { reason: string; units: number; personnel: number }[] {
  const byReason = new Map<string, { units: number; personnel: number }>();
  for (const u of units) {
    if (u.cannot === null) continue;
    const r = byReason.get(u.cannot) ?? { units: 0, personnel: 0 };
    byReason.set(u.cannot, { units: r.units + 1, personnel: r.personnel + u.personnel });
  }
  return [...byReason]
    .map(([reason, r]) => ({ reason, ...r }))
    .sort((a, b) => b.units - a.units || (a.reason < b.reason ? -1 : 1));
}

// ---- The register ----

export const RISK_LEVEL_LABELS: Readonly<Record<RiskLevel, string>> = {
  'extremely-high': 'Extremely high',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

/** ATP 5-19's abbreviations. */
export const RISK_LEVEL_ABBREVIATIONS: Readonly<Record<RiskLevel, string>> = {
  'extremely-high': 'EH',
  high: 'H',
  medium: 'M',
  low: 'L',
};

export const PROBABILITY_LABELS: Readonly<Record<Probability, string>> = {
  frequent: 'Frequent',
  likely: 'Likely',
  occasional: 'Occasional',
  seldom: 'Seldom',
  unlikely: 'Unlikely',
};

export const SEVERITY_LABELS: Readonly<Record<Severity, string>> = {
  catastrophic: 'Catastrophic',
  critical: 'Critical',
  moderate: 'Moderate',
  negligible: 'Negligible',
};
