// Keeping the previous plan in a re-plan: each ULN's planned loads that still fit are kept (same
// arcs, open, within capacity and reception around what is kept before, eligible, and carrying
// exactly the cargo that is where the records leave it, from the day it is there). Nothing changed
// gives the same plan; a change re-plans only the ULNs it touches, around the others.
import { EPS } from './ledger.ts';
import { recordUln, resetRecord } from './record.ts';
import type { RecordState } from './record.ts';
import type { Movement, PreviousPlan } from './schedule-types.ts';

/** The parts of a plan's state keeping the previous plan reads and writes. */
export interface KeepState extends RecordState {
  /** Per ULN id: its loads in the previous plan not executed and from today on, if it was scheduled. */
  previousOf: Map<string, readonly Movement[]>;
}

/** keepPrevious's scratch: events (day, kind, node, personnel, tonnes), their order, arcs, balances. */
interface Scratch {
  day: Int32Array;
  kind: Uint8Array;
  node: Int32Array;
  p: Float64Array;
  t: Float64Array;
  order: Int32Array;
  arcs: Int32Array;
  /** Per node, all zero between calls. */
  haveP: Float64Array;
  haveT: Float64Array;
}
let scratch: Scratch | null = null;
/** Scratch for `events` events over `nodes` nodes, grown when too small (the planner is synchronous). */
function scratchFor(events: number, nodes: number): Scratch {
  if (!scratch || scratch.day.length < events || scratch.haveP.length < nodes) {
    const size = Math.max(events, 64, scratch ? 2 * scratch.day.length : 0);
    const n = Math.max(nodes, scratch ? scratch.haveP.length : 0);
    scratch = {
      day: new Int32Array(size),
      kind: new Uint8Array(size),
      node: new Int32Array(size),
      p: new Float64Array(size),
      t: new Float64Array(size),
      order: new Int32Array(size),
      arcs: new Int32Array(size),
      haveP: new Float64Array(n),
      haveT: new Float64Array(n),
    };
  }
  return scratch;
}

/** The previous plan's loads that could be kept, per ULN it scheduled (see KeepState.previousOf). */
export function previousLoads(
  previous: Pick<PreviousPlan, 'ulns'> | undefined,
  today: number,
): Map<string, readonly Movement[]> {
  const previousOf = new Map<string, readonly Movement[]>();
  for (const s of previous?.ulns ?? [])
    if (s.status === 'scheduled')
      previousOf.set(
        s.uln,
        s.movements.filter((m) => !m.executed && m.departDay >= today),
      );
  return previousOf;
}

/**
 * Charges ULN j's previous planned loads to the ledger if they still fit and carry exactly its
 * remaining cargo to its destination; returns them (as planned movements), or null with the
 * ledger unchanged. Leaves the ULN's groups in s.cargo either way.
 */
export function keepPrevious(s: KeepState, j: number, prev: readonly Movement[]): Movement[] | null {
  const { cargo, ledger, today } = s;
  const { N, H, arcIndex, arcFrom, arcTo, arcTransit, closed, whole, loadP, loadT, capP, capT, recP, recT } =
    s.net;
  const { groupStart, groupDay, groupNode, groupP, groupT } = cargo;
  const u = s.ulns[j]!;
  const dst = cargo.destOf[j]!;
  const barred = s.routes.classBarred[s.classOf[j]!]!;
  const n = cargo.groupsOf(j);
  s.choice.groups = n;
  // Cargo events per node: lots where the records leave it, arrivals, departures; by day, with
  // what arrives on a day available to leave that day. In scratch arrays: a re-plan checks
  // thousands of ULNs, and per-ULN tuples were most of its garbage.
  const e = scratchFor(n + 2 * prev.length, N);
  let events = 0;
  const event = (day: number, kind: number, node: number, p: number, t: number): void => {
    e.day[events] = day;
    e.kind[events] = kind;
    e.node[events] = node;
    e.p[events] = p;
    e.t[events] = t;
    // Insertion sort by day, arrivals (0) before departures (1): a ULN has a handful of events.
    let k = events;
    while (k > 0) {
      const prevIdx = e.order[k - 1]!;
      if (e.day[prevIdx]! < day || (e.day[prevIdx] === day && e.kind[prevIdx]! <= kind)) break;
      e.order[k] = prevIdx;
      k--;
    }
    e.order[k] = events;
    events++;
  };
  let restP = 0;
  let restT = 0;
  for (let g = 0; g < n; g++)
    for (let i = groupStart[g]!; i < groupStart[g + 1]!; i++) {
      event(groupDay[i]!, 0, groupNode[g]!, groupP[i]!, groupT[i]!);
      restP += groupP[i]!;
      restT += groupT[i]!;
    }
  const arcsOf = e.arcs;
  for (let i = 0; i < prev.length; i++) {
    const m = prev[i]!;
    const a = arcIndex.get(m.arc);
    if (a === undefined || barred[a]) return null;
    if (m.departDay < today || m.arriveDay !== m.departDay + arcTransit[a]! || m.arriveDay >= H) return null;
    if (closed[a * H + m.departDay]) return null;
    if (!whole[a] && (m.personnel > loadP[a]! + EPS || m.tonnes > loadT[a]! + EPS)) return null;
    if (arcTo[a] === dst && m.arriveDay < u.ead) return null;
    arcsOf[i] = a;
    event(m.arriveDay, 0, arcTo[a]!, m.personnel, m.tonnes);
    event(m.departDay, 1, arcFrom[a]!, -m.personnel, -m.tonnes);
  }
  const { haveP, haveT } = e;
  const tolP = 1e-6 * Math.max(1, u.personnel);
  const tolT = 1e-6 * Math.max(1, u.tonnes);
  let ok = true;
  for (let k = 0; k < events && ok; k++) {
    const i = e.order[k]!;
    const node = e.node[i]!;
    haveP[node] = haveP[node]! + e.p[i]!;
    haveT[node] = haveT[node]! + e.t[i]!;
    if (haveP[node]! < -tolP || haveT[node]! < -tolT) ok = false;
  }
  // Every event's node is back to zero but the destination, which holds the rest of the cargo.
  for (let k = 0; k < events; k++) {
    const node = e.node[k]!;
    if (ok && node !== dst && (Math.abs(haveP[node]!) > tolP || Math.abs(haveT[node]!) > tolT)) ok = false;
    if (node !== dst) haveP[node] = haveT[node] = 0;
  }
  if (ok && (Math.abs(haveP[dst]! - restP) > tolP || Math.abs(haveT[dst]! - restT) > tolT)) ok = false;
  haveP[dst] = haveT[dst] = 0;
  if (!ok) return null;
  const { arcUsedP, arcUsedT, nodeUsedP, nodeUsedT } = ledger;
  const mark = ledger.undoN;
  const kept: Movement[] = [];
  for (let i = 0; i < prev.length; i++) {
    const m = prev[i]!;
    const a = arcsOf[i]!;
    const ai = a * H + m.departDay;
    const ni = arcTo[a]! * H + m.arriveDay;
    if (
      arcUsedP[ai]! + m.personnel > capP[a]! + EPS ||
      arcUsedT[ai]! + m.tonnes > capT[a]! + EPS ||
      nodeUsedP[ni]! + m.personnel > recP[arcTo[a]!]! + EPS ||
      nodeUsedT[ni]! + m.tonnes > recT[arcTo[a]!]! + EPS
    ) {
      ledger.rollback(mark);
      return null;
    }
    arcUsedP[ai] = arcUsedP[ai]! + m.personnel;
    arcUsedT[ai] = arcUsedT[ai]! + m.tonnes;
    nodeUsedP[ni] = nodeUsedP[ni]! + m.personnel;
    nodeUsedT[ni] = nodeUsedT[ni]! + m.tonnes;
    ledger.logUndo(ai, m.personnel, m.tonnes);
    ledger.logUndo(-ni - 1, m.personnel, m.tonnes);
    kept.push({ ...m, executed: false });
  }
  ledger.undoN = mark;
  return kept;
}

/**
 * Schedules every ULN in `order`, recording movements, utilisation and the results; returns the
 * order they claimed capacity in. The ULNs `keep` marks keep their previous loads where they still
 * fit (keepPrevious), all of them first, after the ULNs `first`, and the rest are planned after, in
 * order.
 */
export function recordPassKeeping(
  s: KeepState,
  order: readonly number[],
  keep: Uint8Array,
  first: readonly number[] = [],
): number[] {
  const done: number[] = [...first];
  const later: number[] = [];
  for (const j of first) recordUln(s, j, null);
  for (const j of order) {
    if (first.includes(j)) continue;
    const prev = keep[j] ? s.previousOf.get(s.ulns[j]!.uln) : undefined;
    const kept = prev ? keepPrevious(s, j, prev) : null;
    if (!kept) later.push(j);
    else {
      done.push(j);
      recordUln(s, j, kept);
    }
  }
  for (const j of later) {
    done.push(j);
    recordUln(s, j, null);
  }
  return done;
}

/**
 * A re-plan from the previous plan: every ULN it scheduled keeps its loads where they still fit.
 * A change must not drop a unit that had a plan while it can still be planned: if one is dropped,
 * the dropped go first (planned before anything is kept) and that plan is taken if it is better.
 */
export function replanKeeping(s: KeepState, order: number[]): number[] {
  const { ulns, record } = s;
  const M = ulns.length;
  const keep = new Uint8Array(M);
  for (let j = 0; j < M; j++) if (s.previousOf.has(ulns[j]!.uln)) keep[j] = 1;
  const done = recordPassKeeping(s, order, keep);
  const dropped = order.filter((j) => keep[j] && record.results[j]!.status !== 'scheduled');
  if (dropped.length === 0) return done;
  const value = record.objective + record.unplannedPenalty;
  for (const j of dropped) keep[j] = 0;
  resetRecord(s);
  const retry = recordPassKeeping(s, order, keep, dropped);
  if (record.objective + record.unplannedPenalty < value - EPS * Math.max(1, value)) return retry;
  for (const j of dropped) keep[j] = 1;
  resetRecord(s);
  return recordPassKeeping(s, order, keep);
}
