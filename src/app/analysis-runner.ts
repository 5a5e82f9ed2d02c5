// The one runner through which every heavy piece of work goes: analyses, Monte Carlo, plans, force
// list generation and the optimality reference. It keeps the request thread free for everyone else:
//
// - work runs on a pool of worker threads (piscina), sized to leave a core to the request thread;
// - answers are memoised (lru-cache) under a key the caller builds from the scenario's content
//   version, the viewer's visibility and the parameters, so a repeated dashboard is a lookup; the
//   memo's budget is counted in bytes of the answer's JSON text;
// - the same key asked for twice while it runs is computed once (both callers wait for it);
// - the queue is bounded: when it is full the caller gets `unavailable` (HTTP 503 with
//   Retry-After) at once rather than waiting behind everyone;
// - a caller that goes away (the client disconnected) stops waiting, and the work itself is
//   cancelled once nobody waits for it any more;
// - optimality references (HiGHS, each on a thread of its own that may take minutes and a lot of
//   memory) are capped at a few at a time with a short queue of their own.
//
// In-process mode runs the same jobs on the calling thread: for the CLI, which serves nobody else
// and wants progress bars, and for tests that need no threads.
import { availableParallelism } from 'node:os';
import { LRUCache } from 'lru-cache';
import { Piscina } from 'piscina';
import { DomainError } from '../domain/errors.ts';
import type { ExchangeRates } from '../domain/exchange-rates.ts';
import type { WorkerAnswer } from './analysis-worker.ts';
import { runJob, type Job, type JobOutput } from './jobs.ts';

export interface RunnerOptions {
  /** 'pool' (the server): worker threads. 'inline': on the calling thread (CLI, tests). */
  mode: 'pool' | 'inline';
  rates: ExchangeRates;
  /** Worker threads; default one fewer than the machine's cores, at least one. */
  threads?: number;
  /** Jobs that may wait for a thread before new ones are refused; default 4 per thread. */
  maxQueue?: number;
  /** Memo budget in bytes of JSON text; default 64 MiB. */
  memoBytes?: number;
  /** Optimality references solved at once (default 1) and allowed to wait (default 2). */
  referenceConcurrency?: number;
  referenceQueue?: number;
}

export interface RunOptions {
  /** Memo key; without one the job is neither memoised nor shared. */
  key?: string | undefined;
  /** Stops waiting (and cancels the work once nobody else waits for it) when aborted. */
  signal?: AbortSignal | undefined;
  /** In-process mode only: progress of a Monte Carlo. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface RunnerStats {
  mode: 'pool' | 'inline';
  threads: number;
  /** Jobs running or waiting for a thread. */
  pending: number;
  memoEntries: number;
  memoBytes: number;
  memoHits: number;
  memoMisses: number;
  refused: number;
  cancelled: number;
  referencesRunning: number;
  referencesWaiting: number;
}

interface Flight<T> {
  promise: Promise<T>;
  controller: AbortController;
  waiters: number;
}

/** Seconds a refused client is told to wait: about one heavy job's time. */
const RETRY_AFTER_SECONDS = 5;

export class AnalysisRunner {
  readonly mode: 'pool' | 'inline';
  readonly threads: number;
  private readonly rates: ExchangeRates;
  private readonly pool: Piscina | undefined;
  private readonly maxPending: number;
  private readonly memo: LRUCache<string, JobOutput>;
  private readonly flights = new Map<string, Flight<JobOutput>>();
  private readonly referenceFlights = new Map<string, Flight<unknown>>();
  private readonly referenceConcurrency: number;
  private readonly referenceQueue: number;
  private readonly referenceWaiters: (() => void)[] = [];
  private pending = 0;
  private referencesRunning = 0;
  private counters = { hits: 0, misses: 0, refused: 0, cancelled: 0 };

  constructor(options: RunnerOptions) {
    this.mode = options.mode;
    this.rates = options.rates;
    this.threads = options.mode === 'pool' ? (options.threads ?? Math.max(1, availableParallelism() - 1)) : 0;
    this.maxPending = Math.max(1, this.threads) + (options.maxQueue ?? 4 * Math.max(1, this.threads));
    this.memo = new LRUCache<string, JobOutput>({
      maxSize: options.memoBytes ?? 64 * 1024 * 1024,
      sizeCalculation: (v) => Math.max(1, v.text.length),
    });
    this.referenceConcurrency = options.referenceConcurrency ?? 1;
    this.referenceQueue = options.referenceQueue ?? 2;
    if (options.mode === 'pool') {
      this.pool = new Piscina({
        filename: workerFile(),
        minThreads: this.threads,
        maxThreads: this.threads,
        // The runner bounds the queue itself (it knows about shared and memoised jobs).
        maxQueue: Infinity,
        idleTimeout: 60_000,
        workerData: { rates: options.rates.table },
      });
    }
  }

  /**
   * Answers from the memo, or joins the same job already running, or builds the job (`makeJob`
   * reads the store: it is only called when the answer is not known) and runs it on the pool or
   * in-process.
   */
  async run(makeJob: () => Promise<Job> | Job, options: RunOptions = {}): Promise<JobOutput> {
    const { key, signal } = options;
    signal?.throwIfAborted();
    if (key !== undefined) {
      const hit = this.memo.get(key);
      if (hit !== undefined) {
        this.counters.hits++;
        return hit;
      }
      this.counters.misses++;
    }
    if (this.mode === 'inline') {
      const output = await runJob(await makeJob(), { rates: this.rates, onProgress: options.onProgress });
      if (key !== undefined) this.memo.set(key, output);
      return output;
    }
    const flight = key !== undefined ? this.flights.get(key) : undefined;
    if (flight) return this.wait(flight, signal);
    if (this.pending >= this.maxPending) {
      this.counters.refused++;
      throw busy('analysis', this.pending);
    }
    const controller = new AbortController();
    // Counted as pending from here, while the job is still being read, so that a burst of
    // requests cannot all pass the bound before any of them reaches the pool.
    this.pending++;
    const started: Flight<JobOutput> = {
      controller,
      waiters: 0,
      promise: (async () => {
        try {
          const job = await makeJob();
          controller.signal.throwIfAborted();
          const output = await this.submit(job, controller.signal);
          if (key !== undefined) this.memo.set(key, output);
          return output;
        } finally {
          this.pending--;
        }
      })(),
    };
    if (key !== undefined) {
      this.flights.set(key, started);
      void started.promise.then(
        () => this.flights.delete(key),
        () => this.flights.delete(key),
      );
    }
    return this.wait(started, signal);
  }

  /**
   * Runs an optimality reference solve (which brings its own thread) under the reference cap,
   * memoised under `key` like any job.
   */
  async reference<T>(
    key: string,
    solve: (signal: AbortSignal) => Promise<T>,
    signal?: AbortSignal,
  ): Promise<T> {
    signal?.throwIfAborted();
    const hit = this.memo.get(key);
    if (hit !== undefined) {
      this.counters.hits++;
      return JSON.parse(hit.text) as T;
    }
    this.counters.misses++;
    const flight = this.referenceFlights.get(key) as Flight<T> | undefined;
    if (flight) return this.wait(flight, signal);
    const waiting = this.referenceWaiters.length;
    if (this.referencesRunning >= this.referenceConcurrency && waiting >= this.referenceQueue) {
      this.counters.refused++;
      throw busy('optimality reference', this.referencesRunning + waiting);
    }
    const controller = new AbortController();
    const started: Flight<T> = {
      controller,
      waiters: 0,
      promise: (async () => {
        await this.referenceSlot(controller.signal);
        try {
          controller.signal.throwIfAborted();
          const answer = await solve(controller.signal);
          this.memo.set(key, { text: JSON.stringify(answer) });
          return answer;
        } finally {
          this.releaseReferenceSlot();
        }
      })(),
    };
    this.referenceFlights.set(key, started as Flight<unknown>);
    void started.promise.then(
      () => this.referenceFlights.delete(key),
      () => this.referenceFlights.delete(key),
    );
    return this.wait(started, signal);
  }

  /** Forgets every memoised answer (an installation restored from a backup, say). */
  clearMemo(): void {
    this.memo.clear();
  }

  stats(): RunnerStats {
    return {
      mode: this.mode,
      threads: this.threads,
      pending: this.pending,
      memoEntries: this.memo.size,
      memoBytes: this.memo.calculatedSize,
      memoHits: this.counters.hits,
      memoMisses: this.counters.misses,
      refused: this.counters.refused,
      cancelled: this.counters.cancelled,
      referencesRunning: this.referencesRunning,
      referencesWaiting: this.referenceWaiters.length,
    };
  }

  async close(): Promise<void> {
    for (const f of [...this.flights.values(), ...this.referenceFlights.values()]) f.controller.abort();
    await this.pool?.destroy();
  }

  private async submit(job: Job, signal: AbortSignal): Promise<JobOutput> {
    const answer = (await this.pool!.run(job, { signal })) as WorkerAnswer;
    if (!answer.ok) throw new DomainError(answer.error.code, answer.error.message, answer.error.issues);
    return answer.output;
  }

  /**
   * One caller's wait for a shared flight. Aborting it rejects this caller only; the work is
   * cancelled when its last waiter has gone.
   */
  private wait<T>(flight: Flight<T>, signal: AbortSignal | undefined): Promise<T> {
    flight.waiters++;
    if (!signal) return flight.promise.finally(() => flight.waiters--);
    return new Promise<T>((resolve, reject) => {
      let done = false;
      const leave = () => {
        if (done) return;
        done = true;
        flight.waiters--;
        signal.removeEventListener('abort', onAbort);
      };
      const onAbort = () => {
        leave();
        if (flight.waiters === 0) {
          this.counters.cancelled++;
          flight.controller.abort();
        }
        reject(signal.reason instanceof Error ? signal.reason : abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      flight.promise.then(
        (v) => {
          leave();
          resolve(v);
        },
        (e: unknown) => {
          leave();
          reject(e);
        },
      );
    });
  }

  private referenceSlot(signal: AbortSignal): Promise<void> {
    if (this.referencesRunning < this.referenceConcurrency) {
      this.referencesRunning++;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const go = () => {
        signal.removeEventListener('abort', onAbort);
        this.referencesRunning++;
        resolve();
      };
      const onAbort = () => {
        const i = this.referenceWaiters.indexOf(go);
        if (i >= 0) this.referenceWaiters.splice(i, 1);
        reject(abortError());
      };
      signal.addEventListener('abort', onAbort, { once: true });
      this.referenceWaiters.push(go);
    });
  }

  private releaseReferenceSlot(): void {
    this.referencesRunning--;
    this.referenceWaiters.shift()?.();
  }
}

function busy(what: string, pending: number): DomainError {
  return new DomainError(
    'unavailable',
    `the server is busy: ${pending} ${what} jobs are running or waiting; try again in ${RETRY_AFTER_SECONDS} s`,
    [],
    { retryAfter: RETRY_AFTER_SECONDS },
  );
}

function abortError(): Error {
  const e = new Error('the request was cancelled');
  e.name = 'AbortError';
  return e;
}

/** The worker module: compiled JavaScript beside this file, or the TypeScript sources through tsx. */
function workerFile(): string {
  const fromSources = import.meta.url.endsWith('.ts');
  return new URL(fromSources ? './analysis-thread.mjs' : './analysis-worker.js', import.meta.url).href;
}
