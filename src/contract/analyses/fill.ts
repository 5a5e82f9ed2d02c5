// Force generation fill: which offers fill which requirement lines (CJSOR), and what is short. The
// fill's assumptions are shared by every other analysis, so their parameters live here too.
import { z } from 'zod';
import type { ForceFillReport } from '../../domain/analysis/force-fill-report.ts';
import { isoDateSchema, type IsoDate, type NationId } from '../../domain/ids.ts';
import { OFFER_STATUSES, type OfferStatus } from '../../domain/scenario-schema.ts';
import { booleanParam, intParam, nationListParam } from '../params.ts';

export const MIN_STATUSES = OFFER_STATUSES.filter((s) => s !== 'withdrawn') as Exclude<
  OfferStatus,
  'withdrawn'
>[];

export const fillShape = {
  usBackstop: booleanParam
    .optional()
    .describe('Count offers that require a US backstop (default false: the US is assumed absent)'),
  allowLate: booleanParam
    .optional()
    .describe("Let an offer ready after a line's RDD fill it, flagged late (default true)"),
  minStatus: z
    .enum(MIN_STATUSES, { error: `must be one of ${MIN_STATUSES.join(', ')}` })
    .optional()
    .describe('The least firm offer status that counts (default offered: everything not withdrawn)'),
  asOf: isoDateSchema
    .optional()
    .describe("Analysis date: expiry of offers, stances as of this day (default: the scenario's as-of date)"),
  activationCDay: intParam(0, 3650)
    .optional()
    .describe('C-day on which nations are told to move (default 0)'),
  excludeNations: nationListParam
    .optional()
    .describe('Leave out these nations’ offers: ISO3 codes, comma-separated (e.g. DEU,ITA)'),
};

// Strict: a misspelt parameter is a 400 naming it, not silently ignored.
export const fillParamsSchema = z.strictObject(fillShape);

/** The fill assumptions as used (echoed in every envelope). */
export interface FillParameters {
  usBackstop: boolean;
  allowLate: boolean;
  minStatus: Exclude<OfferStatus, 'withdrawn'>;
  asOf: IsoDate;
  activationCDay: number;
  excludeNations: NationId[];
}

export const fillAnalysis = {
  kind: 'fill',
  path: '/fill',
  summary: 'Force generation fill against the requirement lines (CJSOR)',
  description:
    'The priority-weighted optimal match of offers to requirement lines, respecting caveats and readiness.',
  params: fillParamsSchema,
  heavy: false,
} as const;

export type FillResult = ForceFillReport;
