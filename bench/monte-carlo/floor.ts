// The reference of the Monte Carlo benchmark: the same draws without the fills. It draws from the
// same generator, in the same order, with the same nations and probabilities as `monteCarlo`, and
// builds the same delivery mask per draw, then stops. The time it takes is the floor no fill
// algorithm can go below; the benchmark prints the Monte Carlo's time as a multiple of it.
import type { NationDelivery } from '../../src/domain/analysis/resilience-report.ts';
import type { PreparedFill } from '../../src/planner/force-fill.ts';
import { bernoulliThreshold, namedStreams } from '../../src/planner/prng.ts';

export interface FloorResult {
  /** Draws in which each nation delivered, in the order of `nations`. */
  deliveredCounts: number[];
  /** Sum over draws of the offers delivered: read so the work cannot be optimised away. */
  offersDelivered: number;
}

/**
 * `nations` as `monteCarlo` reports them (id order, with the probability it used); `prepared` as it
 * prepares the scenario. Offers that do not count never enter a mask, as in the real loop.
 */
export function drawMasksOnly(
  prepared: PreparedFill,
  nations: readonly Pick<NationDelivery, 'nation' | 'probability'>[],
  draws: number,
  seed: number,
): FloorResult {
  const streams = namedStreams(
    seed,
    nations.map((n) => n.nation),
  );
  const offersOf = nations.map((n) =>
    Int32Array.from(prepared.offers.flatMap((o, oi) => (o.nation === n.nation && o.available ? [oi] : []))),
  );
  const thresholds = nations.map((n) => bernoulliThreshold(n.probability));
  const mask = new Uint8Array(prepared.offers.length);
  const deliveredCounts = new Array<number>(nations.length).fill(0);
  let offersDelivered = 0;
  for (let d = 0; d < draws; d++) {
    mask.fill(0);
    for (let k = 0; k < nations.length; k++) {
      if (streams[k]!.nextUint32() >= thresholds[k]!) continue;
      deliveredCounts[k]!++;
      const offers = offersOf[k]!;
      for (let j = 0; j < offers.length; j++) mask[offers[j]!] = 1;
    }
    for (let o = 0; o < mask.length; o++) offersDelivered += mask[o]!;
  }
  return { deliveredCounts, offersDelivered };
}
