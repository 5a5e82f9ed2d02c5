// The envelope every analysis answers in, so that a client reads scope and assumptions the same way
// whichever analysis it asked for.
import { z } from 'zod';
import type { IsoDate } from '../../domain/ids.ts';
import { ENTITY_KINDS, type Withheld } from '../../domain/records.ts';
import { isoDateWire, type Assert, type Same } from '../wire.ts';

export interface AnalysisEnvelope<P, R> {
  scenario: string;
  /** The analysis date: offers valid until an earlier day do not count, stances are read as of it. */
  asOf: IsoDate;
  /** True when records were withheld from the viewer: the figures cover only what it may see. */
  partial: boolean;
  /** Records withheld from the viewer, by kind (empty for coalition staff). */
  withheld: Withheld;
  /** The parameters used, defaults filled in. */
  parameters: P;
  result: R;
}

export const withheldSchema = z
  .partialRecord(z.enum(ENTITY_KINDS), z.number().int().min(0))
  .describe('Records withheld from you, by kind (e.g. { "offers": 3 }); empty when nothing was');
type _WithheldCheck = Assert<Same<z.output<typeof withheldSchema>, Withheld>>;

/** The envelope's schema around one analysis's parameters and result. */
export function analysisEnvelopeSchema<P extends z.ZodType, R extends z.ZodType>(parameters: P, result: R) {
  return z.strictObject({
    scenario: z.string().describe('Scenario id'),
    asOf: isoDateWire.describe(
      'The analysis date used: offers valid until an earlier day do not count, stances are read as of it',
    ),
    partial: z
      .boolean()
      .describe('True when records were withheld from you: the figures cover only what you may see'),
    withheld: withheldSchema,
    parameters: parameters.describe('The parameters used, defaults filled in'),
    result,
  });
}
