// Pieces every record schema shares: bounded text, provenance, the releasability marking and the
// priority scale. Kept apart from scenario-schema.ts so the deployment sections (network, force
// list, movements) can use them and still be part of the scenario document without an import cycle.
import { z } from 'zod';
import { releasabilitySchema } from './releasability.ts';
import { isoDateSchema } from './ids.ts';

export const text = (max: number) =>
  z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const SOURCE_URL_RULE = 'must be an absolute http: or https: URL, without a user name or password';

/**
 * Whether `text` is an absolute http: or https: URL: the only kind a source link may be, because a
 * reader's browser follows it (`javascript:`, `data:` or `vbscript:` would run in the page or open
 * one). The scheme must be written out with its `//` (the URL parser would read `http:host` or
 * `https:\\host` as a host too), no control character may hide in it (the parser drops tabs and line
 * breaks, so what it reads is not what a reader sees), and it carries no credentials.
 */
export function isHttpUrl(text: string): boolean {
  if (!/^https?:\/\//i.test(text) || /\p{Cc}/u.test(text)) return false;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  return (
    (url.protocol === 'http:' || url.protocol === 'https:') && url.username === '' && url.password === ''
  );
}

export const sourceSchema = z.strictObject({
  publication: text(300),
  date: isoDateSchema.optional(),
  // Trimmed first, so a leading space neither hides a scheme nor stays in the stored link.
  url: z.string().trim().refine(isHttpUrl, { error: SOURCE_URL_RULE }).meta({ format: 'uri' }).optional(),
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
