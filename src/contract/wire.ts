// The building blocks of the response schemas, and the compile-time check that keeps each schema and
// the type it describes the same.
//
// A response schema says what a client receives; the domain type says what the server computes. Each
// contract module asserts `Same<z.output<typeof schema>, DomainType>`, so renaming, adding or removing
// a field on either side fails typecheck until the other follows. Brands (NationId, Personnel, …)
// exist only at compile time: on the wire a NationId is a string. The schemas below check the
// string or number and type it as the brand, so that `z.output` of a schema equals the branded
// domain type exactly.
import { z } from 'zod';
import type {
  CapabilityCode,
  CurrencyCode,
  Days,
  IsoDate,
  Months,
  NationId,
  OfferId,
  Personnel,
  PledgeId,
  RequirementId,
  Tonnes,
} from '../domain/ids.ts';

// ---- The check ----

/** Walks a type into plain objects, so `A & B` and the object with A's and B's fields compare equal. */
type Plain<T> = T extends string | number | boolean | null | undefined
  ? T
  : T extends readonly (infer U)[]
    ? Plain<U>[]
    : { [K in keyof T]: Plain<T[K]> };

/**
 * True when A and B are the same type: the same fields, each optional or not alike, of the same
 * types, all the way down (the identity relation, not mere assignability, so an optional field
 * renamed on one side is caught too).
 */
export type Same<A, B> =
  (<T>() => T extends Plain<A> ? 1 : 2) extends <T>() => T extends Plain<B> ? 1 : 2 ? true : false;

/** Fails to compile unless T is `true`: `type _check = Assert<Same<A, B>>`. */
export type Assert<T extends true> = T;

// ---- Branded values on the wire ----

/** Types what `schema` checks as the brand T (a brand has no run-time existence to check). */
function branded<T>() {
  return <S extends z.ZodType>(schema: S) => schema as unknown as z.ZodType<T, z.input<S>>;
}

export const nationIdWire = branded<NationId>()(
  z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 3166-1 alpha-3 code'),
).describe('ISO 3166-1 alpha-3 code, e.g. DEU');
export const requirementIdWire = branded<RequirementId>()(z.string()).describe('Requirement line id');
export const offerIdWire = branded<OfferId>()(z.string()).describe('Force offer id');
export const pledgeIdWire = branded<PledgeId>()(z.string()).describe('Funding pledge id');
export const capabilityCodeWire = branded<CapabilityCode>()(z.string()).describe(
  'Capability code, e.g. MECH-INF-BN',
);
export const currencyCodeWire = branded<CurrencyCode>()(z.string()).describe('ISO 4217 code, e.g. EUR');
export const isoDateWire = branded<IsoDate>()(
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date written YYYY-MM-DD'),
).meta({ format: 'date', description: 'Calendar date, YYYY-MM-DD' });

export const personnelWire = branded<Personnel>()(z.number()).describe('Personnel (people)');
export const tonnesWire = branded<Tonnes>()(z.number()).describe('Metric tonnes');
export const daysWire = branded<Days>()(z.number().int()).describe(
  'Whole days (a C-day offset where so named)',
);
export const monthsWire = branded<Months>()(z.number()).describe('Months');
