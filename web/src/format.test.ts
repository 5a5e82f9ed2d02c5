import { describe, expect, it } from 'vitest';
import {
  countOf,
  describeAgainstRange,
  formatDate,
  formatDateTime,
  formatNumber,
  formatPercent,
  formatRange,
  formatSigned,
  targetGap,
} from './format.ts';

describe('formatNumber', () => {
  it('groups thousands with commas, as en-GB does', () => {
    expect(formatNumber(100000)).toBe('100,000');
    expect(formatNumber(1234567)).toBe('1,234,567');
    expect(formatNumber(0)).toBe('0');
  });

  it('shows personnel as whole numbers', () => {
    expect(formatNumber(999.6)).toBe('1,000');
  });
});

describe('formatRange', () => {
  it('joins the bounds with an en dash', () => {
    expect(formatRange({ min: 15000, max: 30000 })).toBe('15,000–30,000');
  });

  it('collapses a range of one value', () => {
    expect(formatRange({ min: 5000, max: 5000 })).toBe('5,000');
  });
});

describe('formatSigned', () => {
  it('uses a true minus sign for shortfalls and a plus for surpluses', () => {
    expect(formatSigned(-62000)).toBe('−62,000');
    expect(formatSigned(1500)).toBe('+1,500');
    expect(formatSigned(0)).toBe('0');
  });
});

describe('formatPercent', () => {
  it('rounds to whole percent', () => {
    expect(formatPercent(38400, 100000)).toBe('38%');
  });

  it('refuses to divide by an empty target', () => {
    expect(formatPercent(10, 0)).toBe('–');
  });
});

describe('formatDate', () => {
  it('writes calendar dates day-month-year without shifting the day', () => {
    expect(formatDate('2025-03-02')).toBe('2 Mar 2025');
    expect(formatDate('2024-12-31')).toBe('31 Dec 2024');
  });

  it('passes through text that is not a date', () => {
    expect(formatDate('soon')).toBe('soon');
  });
});

describe('targetGap', () => {
  it('names a shortfall, a surplus or a met target, always as a positive count', () => {
    expect(targetGap(38000, 100000)).toEqual({ kind: 'shortfall', personnel: 62000 });
    expect(targetGap(31000, 30000)).toEqual({ kind: 'surplus', personnel: 1000 });
    expect(targetGap(30000, 30000)).toEqual({ kind: 'met', personnel: 0 });
  });
});

describe('describeAgainstRange', () => {
  const range = { min: 15000, max: 30000 };
  it('says where the offered force falls against the range', () => {
    expect(describeAgainstRange(10000, range)).toBe('5,000 short of the range minimum');
    expect(describeAgainstRange(20000, range)).toBe('within the range of estimates');
    expect(describeAgainstRange(32000, range)).toBe('2,000 above the range maximum');
  });
});

describe('formatDateTime', () => {
  it('writes audit times in UTC, day first, 24-hour clock', () => {
    expect(formatDateTime('2025-03-02T04:03:09.120Z')).toBe('2 Mar 2025, 04:03:09 UTC');
    expect(formatDateTime('2025-03-02T23:30:00+02:00')).toBe('2 Mar 2025, 21:30:00 UTC');
  });

  it('shows text that is not a time as it came', () => {
    expect(formatDateTime('yesterday')).toBe('yesterday');
  });
});

describe('countOf', () => {
  it('uses the singular for one', () => {
    expect(countOf(1, 'offer')).toBe('1 offer');
    expect(countOf(3, 'offer')).toBe('3 offers');
    expect(countOf(2, 'stance entry', 'stance entries')).toBe('2 stance entries');
  });
});
