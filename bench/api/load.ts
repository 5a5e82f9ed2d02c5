// Drives autocannon against one or more API processes at once. Each process gets its own
// autocannon instance with its share of the connections and of the rate, all in this process, so
// one workload object hands out operations to every connection and its leases hold across
// processes. Response times are recorded here per operation (see stats.ts for why).
import autocannon from 'autocannon';
import type { Round, Sample } from './stats.ts';

export interface WorkloadRequest {
  /** Names the operation in the per-operation figures. */
  op: string;
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** What a connection sends next, and what to do with the answer. */
export interface Workload {
  /** The next request; `context` is this connection's, for the matching `done`. */
  next(context: autocannon.Context): WorkloadRequest;
  done(context: autocannon.Context, status: number, body: string): void;
}

export interface LoadOptions {
  /** Base URLs, one per API process (http://127.0.0.1:port). */
  urls: readonly string[];
  /** Connections over all processes. */
  connections: number;
  /** Requests per second over all processes; undefined: as fast as the server answers. */
  rate?: number;
  durationSec: number;
  workload: Workload;
}

/** Loads every process at once for the duration; the round's figures are combined by runStats. */
export async function runLoad(options: LoadOptions): Promise<Round> {
  const { urls, workload } = options;
  const samples: Sample[] = [];
  const parts = await Promise.all(
    urls.map((url, i) => {
      const connections = share(options.connections, urls.length, i);
      const rate = options.rate === undefined ? undefined : share(options.rate, urls.length, i);
      // autocannon calls a request's onResponse and then, synchronously, emits 'response' with the
      // time: this remembers which operation that time belongs to.
      let lastOp = 'unknown';
      return new Promise<autocannon.Result>((resolve, reject) => {
        const instance = autocannon(
          {
            url,
            connections,
            duration: options.durationSec,
            ...(rate !== undefined && { overallRate: rate }),
            // A slow answer is a finding, not something to wait on for the default 10 s.
            timeout: 5,
            requests: [
              {
                setupRequest: (request, context) => {
                  const { op, ...params } = workload.next(context);
                  context.op = op;
                  return { ...request, ...params };
                },
                onResponse: (status, body, context) => {
                  lastOp = typeof context.op === 'string' ? context.op : 'unknown';
                  workload.done(context, status, body);
                },
              },
            ],
          },
          (error, result) => (error ? reject(error) : resolve(result)),
        );
        instance.on('response', (_client, statusCode, _bytes, responseTime) => {
          samples.push({ op: lastOp, status: statusCode, ms: responseTime });
        });
      });
    }),
  );
  return {
    samples,
    durationSec: Math.max(...parts.map((p) => p.duration)),
    errors: parts.reduce((sum, p) => sum + p.errors, 0),
    timeouts: parts.reduce((sum, p) => sum + p.timeouts, 0),
  };
}

/** Part i of n of a whole number, the remainder going to the first parts. */
export function share(total: number, n: number, i: number): number {
  return Math.floor(total / n) + (i < total % n ? 1 : 0);
}
