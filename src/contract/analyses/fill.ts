// Force generation fill: which offers fill which requirement lines (CJSOR), and what is short. The
// fill's assumptions are shared by every other analysis, so their parameters live here too, and so
// do the schemas of the fill's parts that other reports repeat (assumptions, totals).
import { z } from 'zod';
import type { ForceFillReport } from '../../domain/analysis/force-fill-report.ts';
import { isoDateSchema } from '../../domain/ids.ts';
import { DOMAINS, OFFER_STATUSES, type OfferStatus } from '../../domain/scenario-schema.ts';
import { booleanParam, intParam, nationListParam } from '../params.ts';
import {
  capabilityCodeWire,
  daysWire,
  isoDateWire,
  monthsWire,
  nationIdWire,
  offerIdWire,
  personnelWire,
  requirementIdWire,
  tonnesWire,
  type Assert,
  type Same,
} from '../wire.ts';

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
    .describe(
      "Count matches of offers ready after a line's RDD, flagged late (default false: only what is ready by the RDD counts)",
    ),
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

// ---- The parameters as used (echoed in every envelope) ----

const minStatusWire = z.enum(MIN_STATUSES);

export const fillParametersShape = {
  usBackstop: z.boolean().describe('Whether offers that require a US backstop count'),
  allowLate: z.boolean().describe("Whether an offer ready after a line's RDD may fill it, flagged late"),
  minStatus: minStatusWire.describe('The least firm offer status that counts'),
  asOf: isoDateWire.describe('The analysis date'),
  activationCDay: z.number().int().describe('C-day on which nations are told to move'),
  excludeNations: z.array(nationIdWire).describe('Nations whose offers were left out'),
};
export const fillParametersSchema = z.strictObject(fillParametersShape);

/** The fill assumptions as used (echoed in every envelope). */
export type FillParameters = z.output<typeof fillParametersSchema>;

// ---- The report ----

export const LINE_FILL_STATUSES = ['filled', 'partial', 'empty'] as const;
export const lineFillStatusWire = z.enum(LINE_FILL_STATUSES);
export const forceDomainWire = z.enum(DOMAINS);
export const offerStatusWire = z.enum(OFFER_STATUSES);

export const lineCountsSchema = z
  .strictObject({ filled: z.number(), partial: z.number(), empty: z.number() })
  .describe('Requirement lines by fill status');

export const fillAssumptionsSchema = z
  .strictObject({
    asOf: isoDateWire.describe('Offers whose valid-until date is before this day do not count'),
    usBackstop: z.boolean().describe('Whether offers that require a US backstop count'),
    allowLate: z.boolean().describe("Whether an offer ready after a line's RDD may still fill it"),
    minStatus: minStatusWire.describe('The least firm status that counts'),
    activationCDay: daysWire.describe('C-day offset on which nations are told to move'),
    excludedNations: z.array(nationIdWire).describe('Nations whose offers are left out'),
  })
  .describe('What the fill assumed');

const quantityAndPersonnel = z.strictObject({ quantity: z.number(), personnel: personnelWire });

const assignmentSchema = z.strictObject({
  offer: offerIdWire,
  nation: nationIdWire,
  quantity: z.number(),
  personnel: personnelWire.describe("The offer's own personnel, shared out per unit"),
  tonnes: tonnesWire,
  readyCDay: daysWire.describe('C-day on which the offer is ready: activation day plus its days to ready'),
  late: z.boolean(),
  daysLate: daysWire.describe("Days after the line's RDD that the offer is ready; 0 when on time"),
  expiresBeforeLineEnd: z
    .boolean()
    .describe("The offer's valid-until date is before the day the line's task ends (endDate)"),
});

const lineFillSchema = z.strictObject({
  line: requirementIdWire,
  label: z.string().describe('A name for people: capability, sector and task'),
  capability: capabilityCodeWire,
  domain: forceDomainWire,
  sector: z.string(),
  task: z.string(),
  priority: z.number().describe('1 is the most urgent'),
  weight: z.number().describe('Objective weight of one filled unit'),
  rddCDay: daysWire,
  durationMonths: monthsWire,
  required: quantityAndPersonnel.describe("Units required, and their personnel at the line's planning size"),
  filled: quantityAndPersonnel.describe('Units filled, with personnel as the filling offers declare them'),
  shortfall: quantityAndPersonnel.describe('Units still missing, and their personnel at planning size'),
  fillRatio: z.number().describe('Filled share of the required units, 0 to 1'),
  personnelFillRatio: z
    .number()
    .describe("Filled personnel over the line's personnel at planning size, 0 to 1 (held at 1)"),
  endDate: isoDateWire.describe(
    "The day the line's task ends: the mission's C-day (else the analysis date) plus RDD plus duration",
  ),
  status: lineFillStatusWire,
  lateQuantity: z.number().describe('Units filled by offers that are ready after the RDD'),
  nations: z.array(z.strictObject({ nation: nationIdWire, quantity: z.number(), personnel: personnelWire })),
  assignments: z.array(assignmentSchema),
});

const lineExclusionRuleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('excluded-sector'), sector: z.string() }),
  z.strictObject({
    kind: z.literal('task-not-allowed'),
    task: z.string(),
    allowedTasks: z.array(z.string()),
  }),
  z.strictObject({
    kind: z.literal('duration-too-long'),
    durationMonths: monthsWire,
    maxDurationMonths: monthsWire,
  }),
  z.strictObject({ kind: z.literal('late'), daysLate: daysWire }),
]);

const lineExclusionSchema = z.strictObject({
  line: requirementIdWire,
  rules: z.array(lineExclusionRuleSchema),
});

const unmatchedReasonSchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('withdrawn') }),
    z.strictObject({
      kind: z.literal('status-below-minimum'),
      status: offerStatusWire,
      minStatus: offerStatusWire,
    }),
    z.strictObject({ kind: z.literal('expired'), validUntil: isoDateWire, asOf: isoDateWire }),
    z.strictObject({ kind: z.literal('requires-us-backstop') }),
    z.strictObject({ kind: z.literal('nation-excluded') }),
    z.strictObject({ kind: z.literal('not-delivered') }),
    z.strictObject({ kind: z.literal('no-line-for-capability'), capability: capabilityCodeWire }),
    z.strictObject({ kind: z.literal('no-eligible-line'), exclusions: z.array(lineExclusionSchema) }),
    z.strictObject({
      kind: z.literal('lines-already-filled'),
      lines: z.array(requirementIdWire),
      exclusions: z.array(lineExclusionSchema),
    }),
  ])
  .describe('Why units of the offer are left over; `kind` says which reason');

const unmatchedOfferSchema = z.strictObject({
  offer: offerIdWire,
  nation: nationIdWire,
  capability: capabilityCodeWire,
  status: offerStatusWire,
  quantity: z.number(),
  matchedQuantity: z.number(),
  remainingQuantity: z.number(),
  remainingPersonnel: personnelWire.describe("The offer's personnel not matched, shared out per unit"),
  reason: unmatchedReasonSchema,
  explanation: z.string().describe('The reason as a sentence, for people'),
});

const nationFillTotalsSchema = z.strictObject({
  nation: nationIdWire,
  personnelOffered: personnelWire.describe('Personnel in offers that are not withdrawn'),
  personnelAvailable: personnelWire.describe('Personnel in offers that count under the assumptions'),
  personnelMatched: personnelWire,
  share: z.number().describe("This nation's part of all matched personnel, 0 to 1"),
});

const domainFillTotalsSchema = z.strictObject({
  domain: forceDomainWire,
  quantityRequired: z.number(),
  quantityFilled: z.number(),
  personnelRequired: personnelWire,
  personnelOffered: personnelWire,
  personnelAvailable: personnelWire,
  personnelMatched: personnelWire,
  personnelShortfall: personnelWire.describe('Sum of the line shortfalls of this domain, at planning size'),
});

export const forceFillTotalsSchema = z
  .strictObject({
    personnelTarget: personnelWire.describe("The mission's force target"),
    personnelRequired: personnelWire.describe('Sum of the requirement lines at planning size'),
    personnelOffered: personnelWire.describe('Personnel in offers that are not withdrawn'),
    personnelAvailable: personnelWire.describe('Personnel in offers that count under the assumptions'),
    personnelMatched: personnelWire,
    shortfallAgainstTarget: personnelWire.describe('Target minus matched, never below 0'),
    shortfallAgainstLines: personnelWire.describe('Sum of the line shortfalls at planning size'),
    quantityRequired: z.number(),
    quantityFilled: z.number(),
    weightedFill: z.number().describe('The objective: sum over lines of weight times filled units'),
    weightedRequired: z.number().describe('The objective if every line were filled'),
    lateQuantity: z.number(),
    lateUnitDays: z.number().describe('Sum over late assignments of units times days late'),
    lineCounts: lineCountsSchema,
  })
  .describe('The totals of one fill');

export const fillResultSchema = z
  .strictObject({
    assumptions: fillAssumptionsSchema,
    totals: forceFillTotalsSchema,
    lines: z
      .array(lineFillSchema)
      .describe(
        "Every requirement line, in the scenario's order: required, filled, shortfall, status, nations, assignments",
      ),
    unmatchedOffers: z
      .array(unmatchedOfferSchema)
      .describe('Offers with units left over, and why (reason, explanation)'),
    byNation: z
      .array(nationFillTotalsSchema)
      .describe('Per nation with an offer, most matched personnel first: offered, available, matched, share'),
    byDomain: z
      .array(domainFillTotalsSchema)
      .describe('Per domain (land, air, maritime, enabler): required, filled, matched, shortfall'),
  })
  .describe('Force generation fill: which offers fill which requirement lines, and what is short');

export type FillResult = ForceFillReport;
type _FillResultCheck = Assert<Same<z.output<typeof fillResultSchema>, FillResult>>;

export const fillAnalysis = {
  kind: 'fill',
  path: '/fill',
  summary: 'Force generation fill against the requirement lines (CJSOR)',
  description:
    'The priority-weighted optimal match of offers to requirement lines, respecting caveats and readiness.',
  params: fillParamsSchema,
  parameters: fillParametersSchema,
  result: fillResultSchema,
  heavy: false,
} as const;
