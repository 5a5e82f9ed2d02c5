// The envelope every analysis answers in, so that a client reads scope and assumptions the same way
// whichever analysis it asked for.
import { z } from 'zod';
import type { IsoDate } from '../../domain/ids.ts';
import { isoDateWire } from '../wire.ts';

export interface AnalysisEnvelope<P, R> {
  scenario: string;
  /** The analysis date: offers valid until an earlier day do not count, stances are read as of it. */
  asOf: IsoDate;
  /**
   * True for every viewer who is not coalition staff: the figures cover only the records it is
   * shown. Whether anything was in fact withheld is not said, as that would itself be a leak.
   */
  partial: boolean;
  /** The parameters used, defaults filled in. */
  parameters: P;
  result: R;
}

export const partialSchema = z
  .boolean()
  .describe(
    'True unless you are coalition staff: the figures cover only the records releasable to you (whether any are withheld is not said)',
  );

/** The envelope's schema around one analysis's parameters and result. */
export function analysisEnvelopeSchema<P extends z.ZodType, R extends z.ZodType>(parameters: P, result: R) {
  return z.strictObject({
    scenario: z.string().describe('Scenario id'),
    asOf: isoDateWire.describe(
      'The analysis date used: offers valid until an earlier day do not count, stances are read as of it',
    ),
    partial: partialSchema,
    parameters: parameters.describe('The parameters used, defaults filled in'),
    result,
  });
}
