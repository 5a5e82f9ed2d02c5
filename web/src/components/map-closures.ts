// Which arcs of the network are closed on a day, and how to say so: an arc's closure windows are
// C-day ranges, both ends inclusive (src/domain/deployment/network.ts), on which it carries nothing.
// The map draws an arc closed on its day distinctly and names the window in its title.
import { formatCDay } from './analysis-common.tsx';

/** A closure window as the arc records carry it (`Closure`): C-day offsets, both ends inclusive. */
export interface ArcClosure {
  from: number;
  to: number;
  reason: string;
}

/** The closure windows of each arc, by arc id, from the scenario's arc records. */
export function closuresByArc(
  arcs: readonly { id: string; closures?: readonly ArcClosure[] | undefined }[],
): Map<string, readonly ArcClosure[]> {
  const out = new Map<string, readonly ArcClosure[]>();
  for (const a of arcs) if (a.closures && a.closures.length > 0) out.set(a.id, a.closures);
  return out;
}

/** The window that closes the arc on `day`, the earliest-starting if several do; undefined if open. */
export function closureOn(closures: readonly ArcClosure[] | undefined, day: number): ArcClosure | undefined {
  let found: ArcClosure | undefined;
  for (const c of closures ?? [])
    if (c.from <= day && day <= c.to && (!found || c.from < found.from)) found = c;
  return found;
}

/** "Closed C+3 to C+10: Bridge repairs." or "Closed on C+4: …" for a one-day window. */
export function describeClosure(c: ArcClosure): string {
  const when = c.from === c.to ? `on ${formatCDay(c.from)}` : `${formatCDay(c.from)} to ${formatCDay(c.to)}`;
  const reason = c.reason.trim();
  return `Closed ${when}${reason ? `: ${reason}` : ''}`;
}
