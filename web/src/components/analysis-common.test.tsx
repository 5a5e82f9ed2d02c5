// Formats and URL state shared by the analysis pages.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  IdList,
  PartialNotice,
  formatCDay,
  formatEur,
  formatProbability,
  formatProbabilityError,
  readAssumptions,
  withQuery,
} from './analysis-common.tsx';

describe('formatEur', () => {
  it('uses bn and m for large sums and the full figure below a million', () => {
    expect(formatEur(1_913_872_000)).toBe('€1.91 bn');
    expect(formatEur(2_000_000_000)).toBe('€2 bn');
    expect(formatEur(250_000_000)).toBe('€250 m');
    expect(formatEur(2_540_000)).toBe('€2.5 m');
    expect(formatEur(950_000)).toBe('€950,000');
    expect(formatEur(0)).toBe('€0');
    expect(formatEur(-3_000_000)).toBe('−€3 m');
  });
});

describe('formatProbability', () => {
  it('keeps small chances from reading as none and large ones as certain', () => {
    expect(formatProbability(0)).toBe('0%');
    expect(formatProbability(0.0037)).toBe('0.4%');
    expect(formatProbability(0.42)).toBe('42%');
    expect(formatProbability(0.9974)).toBe('99.7%');
    expect(formatProbability(1)).toBe('100%');
    expect(formatProbabilityError(0.00432)).toBe('±0.4 pp');
  });
});

describe('formatCDay', () => {
  it('signs days relative to C-day with a true minus', () => {
    expect(formatCDay(14)).toBe('C+14');
    expect(formatCDay(0)).toBe('C+0');
    expect(formatCDay(-14)).toBe('C−14');
  });
});

describe('assumptions in the URL', () => {
  it('reads the defaults when absent', () => {
    expect(readAssumptions('')).toEqual({ usBackstop: false, allowLate: false });
    expect(readAssumptions('?usBackstop=true&allowLate=true')).toEqual({
      usBackstop: true,
      allowLate: true,
    });
    expect(readAssumptions('?usBackstop=yes&allowLate=yes')).toEqual({ usBackstop: false, allowLate: false });
  });

  it('writes only what differs from the defaults and keeps other parameters', () => {
    const defaults = { usBackstop: false, allowLate: false };
    expect(withQuery('?nation=DEU', { usBackstop: true }, defaults)).toBe('?nation=DEU&usBackstop=true');
    expect(withQuery('?usBackstop=true&nation=DEU', { usBackstop: false }, defaults)).toBe('?nation=DEU');
    expect(withQuery('?usBackstop=true', { usBackstop: false, allowLate: false }, defaults)).toBe('');
    expect(withQuery('', { allowLate: true }, defaults)).toBe('?allowLate=true');
    expect(withQuery('', { draws: 2000, seed: 7 })).toBe('?draws=2000&seed=7');
  });
});

describe('PartialNotice', () => {
  it('says one fixed sentence when the figures are partial, and nothing when they are not', () => {
    expect(renderToStaticMarkup(<PartialNotice partial={false} />)).toBe('');
    expect(renderToStaticMarkup(<PartialNotice partial={undefined} />)).toBe('');
    expect(renderToStaticMarkup(<PartialNotice partial />)).toBe(
      '<p class="notice notice-partial" role="note">Figures count only the records releasable to you.</p>',
    );
  });
});

describe('IdList', () => {
  it('wraps between ids, never inside one', () => {
    expect(renderToStaticMarkup(<IdList ids={['R-L-01', 'R-L-02']} />)).toBe(
      '<span class="id-list"><span class="nowrap">R-L-01, </span><span class="nowrap">R-L-02</span></span>',
    );
  });
});
