// How the briefing pack writes numbers, money, shares, dates and provenance: en-GB, in the units a
// decision brief speaks (personnel whole, money in EUR million, shares in per cent).
import type { Block, TableBlock } from '../../domain/brief/pack.ts';

export const n = (x: number) => Math.round(x).toLocaleString('en-GB');
export const meur = (x: number) =>
  `EUR ${(x / 1e6).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}m`;
export const pct = (x: number | null | undefined, digits = 0) =>
  x === null || x === undefined ? '—' : `${(x * 100).toFixed(digits)} %`;
export const cday = (d: number | null | undefined) => (d === null || d === undefined ? '—' : `C+${d}`);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** 2025-03-02 → 2 Mar 2025. */
export function day(iso: string | undefined): string {
  if (!iso) return '—';
  const [y, m, d] = iso.split('-').map(Number);
  return `${d} ${MONTHS[(m ?? 1) - 1]} ${y}`;
}

export interface Provenanced {
  source?: { publication: string; date?: string | undefined; url?: string | undefined } | undefined;
  assumption?: string | undefined;
}

/** "Source: X (2 Mar 2025)" or "Assumption: …" or "No source given". */
export function provenanceText(p: Provenanced): string {
  if (p.source) return `Source: ${p.source.publication}${p.source.date ? ` (${day(p.source.date)})` : ''}`;
  if (p.assumption !== undefined) return `Assumption: ${p.assumption}`;
  return 'No source given';
}

export const text = (t: string): Block => ({ kind: 'text', text: t });
export const list = (items: string[]): Block => ({ kind: 'list', items });
export const figures = (items: { label: string; value: string; note?: string }[]): Block => ({
  kind: 'figures',
  items,
});
export function table(
  caption: string,
  columns: (string | { header: string; align: 'left' | 'right' })[],
  rows: string[][],
  widths?: number[],
): TableBlock {
  return {
    kind: 'table',
    caption,
    columns: columns.map((c) => (typeof c === 'string' ? { header: c } : c)),
    rows,
    ...(widths && { widths }),
  };
}
export const right = (header: string) => ({ header, align: 'right' as const });
