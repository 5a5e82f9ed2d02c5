// Branded identifiers and units. A brand costs nothing at run time; it stops a `Day` being passed
// where `Months` is expected, or a capability code where a nation code is expected.
import { z } from 'zod';
import { ISO_3166_ALPHA3 } from './iso-3166.ts';

declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type ScenarioId = Brand<string, 'ScenarioId'>;
/** ISO 3166-1 alpha-3 code, upper case (GBR, FRA, UKR). */
export type NationId = Brand<string, 'NationId'>;
export type CapabilityCode = Brand<string, 'CapabilityCode'>;
export type RequirementId = Brand<string, 'RequirementId'>;
export type OfferId = Brand<string, 'OfferId'>;
export type PledgeId = Brand<string, 'PledgeId'>;
export type StanceEntryId = Brand<string, 'StanceEntryId'>;
/** ISO 4217 currency code (EUR, GBP). */
export type CurrencyCode = Brand<string, 'CurrencyCode'>;
/** Calendar date, ISO 8601 `YYYY-MM-DD`; kept as text so no time zone can shift it. */
export type IsoDate = Brand<string, 'IsoDate'>;

export type Personnel = Brand<number, 'Personnel'>;
export type Tonnes = Brand<number, 'Tonnes'>;
/** Whole days; a C-day offset is days after the day deployment begins (C-day). */
export type Days = Brand<number, 'Days'>;
export type Months = Brand<number, 'Months'>;

const SLUG = /^[a-z0-9][a-z0-9-]{0,62}$/;
const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

export const scenarioIdSchema = z
  .string()
  .regex(SLUG, 'must be 1-63 characters of lower-case letters, digits and hyphens')
  .transform((s) => s as ScenarioId);
export const nationIdSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, { error: 'must be an ISO 3166-1 alpha-3 code in capitals, e.g. GBR', abort: true })
  .refine((s) => ISO_3166_ALPHA3.has(s), {
    error: (i) => `"${String(i.input)}" is not an ISO 3166-1 alpha-3 code`,
  })
  .transform((s) => s as NationId);
export const capabilityCodeSchema = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,31}$/, 'must be 2-32 capitals, digits, "-" or "_", e.g. MECH-INF-BN')
  .transform((s) => s as CapabilityCode);
export const currencyCodeSchema = z
  .string()
  .regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code in capitals, e.g. EUR')
  .transform((s) => s as CurrencyCode);

function recordId<T extends string>() {
  return z
    .string()
    .regex(RECORD_ID, 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit')
    .transform((s) => s as T);
}
export const requirementIdSchema = recordId<RequirementId>();
export const offerIdSchema = recordId<OfferId>();
export const pledgeIdSchema = recordId<PledgeId>();
export const stanceEntryIdSchema = recordId<StanceEntryId>();

export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'must be a date written YYYY-MM-DD', abort: true })
  .refine((s) => isRealDate(s), 'is not a real calendar date')
  .transform((s) => s as IsoDate);

function isRealDate(s: string): boolean {
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

const nonNegativeInt = (what: string) =>
  z
    .number({ error: `must be a number (${what})` })
    .int('must be a whole number')
    .min(0, 'must not be negative');

export const personnelSchema = nonNegativeInt('personnel').transform((n) => n as Personnel);
export const tonnesSchema = z
  .number({ error: 'must be a number (tonnes)' })
  .min(0, 'must not be negative')
  .finite()
  .transform((n) => n as Tonnes);
export const daysSchema = nonNegativeInt('days').transform((n) => n as Days);
/** A C-day offset may be negative: forces pre-positioned before C-day. */
export const cDaySchema = z
  .number({ error: 'must be a number (C-day offset in days)' })
  .int('must be a whole number of days')
  .min(-365, 'must be at most 365 days before C-day')
  .max(3650, 'must be within ten years of C-day')
  .transform((n) => n as Days);
export const monthsSchema = z
  .number({ error: 'must be a number (months)' })
  .positive('must be more than zero')
  .max(240, 'must be at most 240 months')
  .transform((n) => n as Months);
