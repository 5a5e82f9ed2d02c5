// Dated exchange rates (EUR per unit of a currency) and conversion of pledges to EUR at the rate of
// their date. A monthly rate, where the table has one, beats the annual average for that year.
import { z } from 'zod';
import { formatPath, invalid } from './errors.ts';
import { currencyCodeSchema, type CurrencyCode, type IsoDate } from './ids.ts';
import { sourceSchema } from './scenario-schema.ts';

export const exchangeRateTableSchema = z.strictObject({
  schemaVersion: z.literal(1),
  base: z.literal('EUR'),
  description: z.string().min(1),
  source: sourceSchema,
  rates: z
    .array(
      z.strictObject({
        currency: currencyCodeSchema,
        /** `YYYY` for an annual average, `YYYY-MM` for a monthly average. */
        period: z.string().regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, 'must be YYYY or YYYY-MM'),
        eurPerUnit: z.number().positive('must be more than zero'),
        source: sourceSchema.optional(),
        assumption: z.string().min(1).optional(),
      }),
    )
    .min(1),
});
export type ExchangeRateTable = z.output<typeof exchangeRateTableSchema>;

export interface RateLookup {
  eurPerUnit: number;
  /** The period whose rate was used, e.g. `2025` or `2025-03`. */
  period: string;
}

/** Index built once per table; conversions are then two map look-ups. */
export class ExchangeRates {
  private readonly byKey = new Map<string, number>();
  readonly currencies: ReadonlySet<string>;

  constructor(readonly table: ExchangeRateTable) {
    const seen = new Set<string>();
    for (const r of table.rates) {
      this.byKey.set(`${r.currency}:${r.period}`, r.eurPerUnit);
      seen.add(r.currency);
    }
    seen.add('EUR');
    this.currencies = seen;
  }

  lookup(currency: CurrencyCode | string, date: IsoDate | string): RateLookup | undefined {
    if (currency === 'EUR') return { eurPerUnit: 1, period: date.slice(0, 4) };
    const month = date.slice(0, 7);
    const m = this.byKey.get(`${currency}:${month}`);
    if (m !== undefined) return { eurPerUnit: m, period: month };
    const year = date.slice(0, 4);
    const y = this.byKey.get(`${currency}:${year}`);
    if (y !== undefined) return { eurPerUnit: y, period: year };
    return undefined;
  }

  /** Converts an amount to EUR at the rate of `date`; throws a field error when no rate covers it. */
  toEur(amount: number, currency: CurrencyCode | string, date: IsoDate | string, field = 'currency'): number {
    const rate = this.lookup(currency, date);
    if (!rate) {
      throw invalid([
        { path: field, message: `has no EUR rate for ${currency} in ${date.slice(0, 4)} in the rate table` },
      ]);
    }
    return amount * rate.eurPerUnit;
  }
}

export function parseExchangeRateTable(value: unknown): ExchangeRateTable {
  const r = exchangeRateTableSchema.safeParse(value);
  if (!r.success) {
    throw invalid(r.error.issues.map((i) => ({ path: formatPath(i.path), message: i.message })));
  }
  return r.data;
}
