// Display formatting for figures and dates. Planners read these numbers aloud in briefings, so they
// follow British conventions (thousands separators, day-month-year) and never show raw ISO text.

const NUMBER = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 });
const PERCENT = new Intl.NumberFormat('en-GB', { style: 'percent', maximumFractionDigits: 0 });
// Calendar dates are plain `YYYY-MM-DD`; formatting them in UTC stops a time zone shifting the day.
const DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

// Audit times are shown in UTC: a coalition spans time zones, and staff work in Zulu time.
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hourCycle: 'h23',
  timeZone: 'UTC',
});

/** `100000` → `100,000`. */
export function formatNumber(n: number): string {
  return NUMBER.format(n);
}

/** `{ min: 15000, max: 30000 }` → `15,000–30,000` (en dash, as in print). */
export function formatRange(range: { min: number; max: number }): string {
  if (range.min === range.max) return formatNumber(range.min);
  return `${formatNumber(range.min)}–${formatNumber(range.max)}`;
}

/** A signed difference with a true minus sign: `-62000` → `−62,000`, `500` → `+500`. */
export function formatSigned(n: number): string {
  if (n === 0) return '0';
  return `${n < 0 ? '−' : '+'}${formatNumber(Math.abs(n))}`;
}

/** Share of a whole, `0.384` → `38%`; an empty whole gives an empty answer rather than infinity. */
export function formatPercent(part: number, whole: number): string {
  if (whole <= 0) return '–';
  return PERCENT.format(part / whole);
}

/** `2025-03-02` → `2 Mar 2025`; text that is not a calendar date is shown as it came. */
export function formatDate(isoDate: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(isoDate)) return isoDate;
  const d = new Date(`${isoDate}T00:00:00Z`);
  return Number.isNaN(d.getTime()) ? isoDate : DATE.format(d);
}

/** `2025-03-02T14:03:09.120Z` → `2 Mar 2025, 14:03:09 UTC`; unreadable text is shown as it came. */
export function formatDateTime(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${DATE_TIME.format(d)} UTC`;
}

/** `3, 'offer', 'offers'` → `3 offers`; `1` → `1 offer`. */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${formatNumber(n)} ${n === 1 ? singular : plural}`;
}

/** Offered personnel measured against a target: a shortfall when short, a surplus when over. */
export interface TargetGap {
  kind: 'shortfall' | 'surplus' | 'met';
  /** Always zero or positive: how many short or how many over. */
  personnel: number;
}

export function targetGap(offered: number, target: number): TargetGap {
  const diff = offered - target;
  if (diff < 0) return { kind: 'shortfall', personnel: -diff };
  if (diff > 0) return { kind: 'surplus', personnel: diff };
  return { kind: 'met', personnel: 0 };
}

/** Where the offered force falls against a range of estimates, in words. */
export function describeAgainstRange(offered: number, range: { min: number; max: number }): string {
  if (offered < range.min) return `${formatNumber(range.min - offered)} short of the range minimum`;
  if (offered > range.max) return `${formatNumber(offered - range.max)} above the range maximum`;
  return 'within the range of estimates';
}
