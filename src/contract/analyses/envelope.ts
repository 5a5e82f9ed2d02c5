// The envelope every analysis answers in, so that a client reads scope and assumptions the same way
// whichever analysis it asked for.
import type { IsoDate } from '../../domain/ids.ts';
import type { Withheld } from '../../domain/records.ts';

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
