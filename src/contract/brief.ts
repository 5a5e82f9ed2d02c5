// The briefing pack over the wire (issue 16): making one for an audience (optionally comparing
// variants, with the planner's summary), the versions kept per audience, one pack as data, and its
// PDF and HTML. A pack is immutable once made; a new one is the next version of its audience.
import { z } from 'zod';
import { AUDIENCE_KINDS, parseAudience } from '../domain/brief/audience.ts';
import { packSchema, packSummarySchema } from '../domain/brief/pack.ts';
import { scenarioIdSchema } from '../domain/ids.ts';

export const AUDIENCE_HELP = `one of ${AUDIENCE_KINDS.filter((k) => k !== 'rel-to').join(', ')} or rel-to:ISO3 (e.g. rel-to:EST)`;

/** An audience as text: `staff`, `coalition`, `public`, `rel-to:EST`. */
export const audienceTextSchema = z
  .string({ error: `must be ${AUDIENCE_HELP}` })
  .refine((t) => parseAudience(t) !== null, { error: `must be ${AUDIENCE_HELP}` });

export const BRIEF_VARIANTS_MAX = 6;

export const briefRequestSchema = z.strictObject({
  audience: audienceTextSchema.describe(`Who the pack is for: ${AUDIENCE_HELP}`),
  variants: z
    .array(scenarioIdSchema)
    .max(BRIEF_VARIANTS_MAX, { error: `must name at most ${BRIEF_VARIANTS_MAX} variants` })
    .default([])
    .describe('Variants of the scenario to compare as courses of action'),
  summary: packSummarySchema.optional().describe('The bottom line up front and the recommendations'),
  draws: z.number().int().min(100).max(100000).optional().describe('Monte Carlo draws (default 10,000)'),
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1)
    .optional()
    .describe('Monte Carlo seed (default 1)'),
});
export type BriefRequest = z.input<typeof briefRequestSchema>;

export const briefSummarySchema = z.strictObject({
  scenarioId: z.string(),
  audience: z.string(),
  version: z.number().int(),
  createdBy: z.string(),
  createdAt: z.string(),
  contentHash: z.string(),
  scenarioVersion: z
    .number()
    .int()
    .nullable()
    .describe(
      "The scenario's content version the pack was made from; shown to coalition staff only (it counts " +
        'changes to every record, those withheld from you too)',
    ),
});
export type BriefSummaryWire = z.output<typeof briefSummarySchema>;

export const briefListSchema = z
  .array(briefSummarySchema)
  .describe('The packs of the audiences you may read, newest first');

export const briefSchema = briefSummarySchema.extend({ pack: packSchema });
export type Brief = z.output<typeof briefSchema>;

export const briefPathParams = z.strictObject({
  scenarioId: z.string(),
  audience: audienceTextSchema,
  version: z.coerce.number({ error: 'must be a version number' }).int().min(1),
});
