// Heavy work yields the processor to the request thread. A worker thread lowers its own scheduling
// priority (a higher nice value): on Linux every thread is a task with its own id, and
// setpriority() on that id changes that thread alone, so the thread that answers requests keeps
// its normal priority and takes a core whenever it has something to do, however many analyses are
// running. Elsewhere (no /proc/thread-self) the thread keeps its priority: a slower read under
// heavy load, never a failure.
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** How much lower heavy work runs: nice 0 → 15, about 1/30 of a normal thread's share of a busy core. */
export const HEAVY_WORK_NICE = 19;

/** Lowers the calling thread's priority by `nice`; returns the priority now, or null where it cannot. */
export function lowerThisThreadPriority(nice = HEAVY_WORK_NICE): number | null {
  let tid: number;
  try {
    // "<pid>/task/<tid>": the calling thread's own entry.
    tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
  } catch {
    return null;
  }
  if (!Number.isInteger(tid) || tid <= 0) return null;
  try {
    setPriority(tid, Math.min(19, getPriority(tid) + nice));
    return getPriority(tid);
  } catch {
    return null;
  }
}
