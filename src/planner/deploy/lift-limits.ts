// Whether cargo can ever cross an arc, whatever the ledger: what no day's spare capacity can change
// (load sizes, a dimension the arc does not carry, a load bigger than the head node's reception, a
// whole-unit lift bigger than a day). The lift run (lift-run.ts) refuses such an arc at once instead
// of scanning the horizon for a day that cannot come.
import { EPS } from './ledger.ts';

/**
 * True when cargo of `totalP` personnel and `totalT` tonnes can never cross an arc with load sizes
 * `lp`, `lt` and daily capacity `cp`, `ct` into a node receiving `rp`, `rt` a day.
 */
export function cannotCross(
  isWhole: boolean,
  totalP: number,
  totalT: number,
  lp: number,
  lt: number,
  cp: number,
  ct: number,
  rp: number,
  rt: number,
): boolean {
  // Cargo a dimension cannot carry at all can never move on this arc.
  if ((totalP > EPS && lp <= 0) || (totalT > EPS && lt <= 0)) return true;
  // Nor can a load bigger than the head node's daily reception ever be received.
  if (
    Math.min(isWhole ? totalP : lp, totalP) > rp + EPS ||
    Math.min(isWhole ? totalT : lt, totalT) > rt + EPS
  )
    return true;
  return isWhole && (totalP > cp + EPS || totalT > ct + EPS || totalP > rp + EPS || totalT > rt + EPS);
}
