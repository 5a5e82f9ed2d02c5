import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { IsoDate } from '../ids.ts';
import { cDayToDate, formatCDay, formatCDayOffset, formatIsoDate } from './c-day.ts';

const date = (s: string) => s as IsoDate;

describe('cDayToDate', () => {
  it('counts days from C-day across months, years and a leap day', () => {
    expect(cDayToDate(date('2025-04-02'), 0)).toBe('2025-04-02');
    expect(cDayToDate(date('2025-04-02'), 12)).toBe('2025-04-14');
    expect(cDayToDate(date('2025-04-02'), -2)).toBe('2025-03-31');
    expect(cDayToDate(date('2024-02-28'), 1)).toBe('2024-02-29');
    expect(cDayToDate(date('2025-12-31'), 1)).toBe('2026-01-01');
  });

  it('is one day per step and undoes itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: -365, max: 3650 }), fc.integer({ min: -365, max: 365 }), (a, b) => {
        const c = date('2025-03-02');
        expect(cDayToDate(cDayToDate(c, a), b)).toBe(cDayToDate(c, a + b));
      }),
    );
  });

  it('refuses a fractional offset and a date that is not one', () => {
    expect(() => cDayToDate(date('2025-04-02'), 1.5)).toThrow(RangeError);
    expect(() => cDayToDate(date('soon'), 1)).toThrow(/C-day "soon"/);
  });
});

describe('formatCDay', () => {
  it('writes the sign always and the calendar date when C-day is set', () => {
    expect(formatCDayOffset(0)).toBe('C+0');
    expect(formatCDayOffset(-37)).toBe('C-37');
    expect(formatCDay(12)).toBe('C+12');
    expect(formatCDay(12, null)).toBe('C+12');
    expect(formatCDay(12, '2025-04-02')).toBe('C+12 (14 Apr 2025)');
    expect(formatCDay(-3, '2025-04-02')).toBe('C-3 (30 Mar 2025)');
    expect(formatIsoDate(date('2026-01-05'))).toBe('5 Jan 2026');
  });
});
