// Query parameters as they arrive: text from a URL (or arrays when a key repeats), real booleans and
// numbers from the CLI and the typed client. One parser for all, so every front end reports a bad
// parameter the same way: a 400 naming the field and the reason.
import { z } from 'zod';
import { nationIdSchema } from '../domain/ids.ts';

export const booleanParam = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], {
  error: 'must be true or false',
});

export function intParam(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .union(
      [
        z.number(),
        z
          .string()
          .regex(/^-?\d{1,16}$/, message)
          .transform(Number),
      ],
      { error: message },
    )
    .pipe(z.number().int(message).min(min, message).max(max, message));
}

/** ISO3 codes, comma-separated or as a repeated key; empty items are ignored. */
export const nationListParam = z
  .union([z.string(), z.array(z.string())], { error: 'must be a comma-separated list of ISO3 codes' })
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  )
  .pipe(z.array(nationIdSchema));
