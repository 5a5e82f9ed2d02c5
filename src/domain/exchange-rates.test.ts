// Exchange-rate look-up: EUR is 1, a monthly rate beats the annual average, and a missing rate is an
// error naming the field rather than a silent zero.
import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { ExchangeRates, parseExchangeRateTable, type ExchangeRateTable } from './exchange-rates.ts';

function table(rates: { currency: string; period: string; eurPerUnit: number }[]): ExchangeRateTable {
  return parseExchangeRateTable({
    schemaVersion: 1,
    base: 'EUR',
    description: 'test table',
    source: { publication: 'test' },
    rates,
  });
}

const rates = new ExchangeRates(
  table([
    { currency: 'GBP', period: '2025', eurPerUnit: 1.17 },
    { currency: 'GBP', period: '2025-03', eurPerUnit: 1.2 },
    { currency: 'USD', period: '2024', eurPerUnit: 0.92 },
  ]),
);

describe('ExchangeRates', () => {
  it('uses the monthly rate for a date in that month', () => {
    expect(rates.lookup('GBP', '2025-03-02')).toEqual({ eurPerUnit: 1.2, period: '2025-03' });
    expect(rates.toEur(1_600_000_000, 'GBP', '2025-03-31')).toBeCloseTo(1_920_000_000, 0);
  });

  it('falls back to the annual average outside the month', () => {
    expect(rates.lookup('GBP', '2025-04-01')).toEqual({ eurPerUnit: 1.17, period: '2025' });
    expect(rates.lookup('GBP', '2025-02-28')).toEqual({ eurPerUnit: 1.17, period: '2025' });
    expect(rates.toEur(100, 'USD', '2024-07-01')).toBeCloseTo(92, 10);
  });

  it('treats EUR as 1 on any date, even with no rows for it', () => {
    expect(rates.lookup('EUR', '1999-01-01')).toEqual({ eurPerUnit: 1, period: '1999' });
    expect(rates.toEur(123.45, 'EUR', '2030-06-30')).toBe(123.45);
    expect(rates.currencies.has('EUR')).toBe(true);
    expect([...rates.currencies].sort()).toEqual(['EUR', 'GBP', 'USD']);
  });

  it('throws a field error naming the field, currency and year when no rate covers the date', () => {
    let caught: unknown;
    try {
      rates.toEur(1, 'GBP', '2023-05-01', 'pledges[0].currency');
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(DomainError);
    const err = caught as DomainError;
    expect(err.code).toBe('invalid');
    expect(err.issues).toHaveLength(1);
    expect(err.issues[0]?.path).toBe('pledges[0].currency');
    expect(err.issues[0]?.message).toMatch(/GBP/);
    expect(err.issues[0]?.message).toMatch(/2023/);
  });

  it('names the default field "currency" and refuses unknown currencies', () => {
    expect(() => rates.toEur(1, 'CHF', '2025-01-01')).toThrow(/^currency: .*CHF/);
    expect(rates.lookup('CHF', '2025-01-01')).toBeUndefined();
  });

  it('does not use a neighbouring year', () => {
    expect(rates.lookup('USD', '2025-01-01')).toBeUndefined();
    expect(rates.lookup('USD', '2023-12-31')).toBeUndefined();
  });
});

describe('parseExchangeRateTable', () => {
  const base = { schemaVersion: 1, base: 'EUR', description: 'd', source: { publication: 'p' } };

  it('refuses a period that is not YYYY or YYYY-MM', () => {
    const bad = { ...base, rates: [{ currency: 'GBP', period: '2025-13', eurPerUnit: 1.1 }] };
    expect(() => parseExchangeRateTable(bad)).toThrow(DomainError);
    try {
      parseExchangeRateTable(bad);
    } catch (e) {
      expect((e as DomainError).issues.map((i) => i.path)).toEqual([
        expect.stringMatching(/^rates(\.0|\[0\])\.period$/),
      ]);
    }
  });

  it('refuses a rate that is zero or negative, and a base other than EUR', () => {
    expect(() =>
      parseExchangeRateTable({ ...base, rates: [{ currency: 'GBP', period: '2025', eurPerUnit: 0 }] }),
    ).toThrow(/more than zero/);
    expect(() =>
      parseExchangeRateTable({
        ...base,
        base: 'USD',
        rates: [{ currency: 'GBP', period: '2025', eurPerUnit: 1 }],
      }),
    ).toThrow(DomainError);
  });

  it('refuses an empty table', () => {
    expect(() => parseExchangeRateTable({ ...base, rates: [] })).toThrow(DomainError);
  });
});
