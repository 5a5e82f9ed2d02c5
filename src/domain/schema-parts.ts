// Pieces every record schema shares: bounded text, provenance, the releasability marking and the
// priority scale. Kept apart from scenario-schema.ts so the deployment sections (network, force
// list, movements) can use them and still be part of the scenario document without an import cycle.
import { z } from 'zod';
import { releasabilitySchema } from './releasability.ts';
import { isoDateSchema } from './ids.ts';

export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const sourceSchema = z.strictObject({
  publication: text(300),
  date: isoDateSchema.optional(),
  url: z.url({ error: 'must be an absolute http(s) URL' }).optional(),
  note: text(1000).optional(),
});
export type Source = z.output<typeof sourceSchema>;

/** Every figure may say where it comes from, or say that it is an assumption and why. */
export const provenance = {
  source: sourceSchema.optional(),
  assumption: text(2000).optional(),
};

/** Every record may carry a releasability marking; absent means PUBLIC (see releasability.ts). */
export const marking = { releasability: releasabilitySchema.optional() };

/** 1 is the most urgent; analyses weight fill by priority. */
export const PRIORITY_MIN = 1;
export const PRIORITY_MAX = 5;
