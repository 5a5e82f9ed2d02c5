// The worker-thread side of the analysis runner: builds the exchange rates once from the table the
// pool hands every thread, then runs each job it is given. A DomainError does not survive the trip
// between threads as itself (only message and stack would), so it travels as plain data.
import { workerData } from 'piscina';
import { DomainError } from '../domain/errors.ts';
import { ExchangeRates, type ExchangeRateTable } from '../domain/exchange-rates.ts';
import { runJob, type Job, type JobOutput } from './jobs.ts';
import { lowerThisThreadPriority } from './thread-priority.ts';

export type WorkerAnswer =
  | { ok: true; output: JobOutput }
  | { ok: false; error: { code: DomainError['code']; message: string; issues: DomainError['issues'] } };

lowerThisThreadPriority();
const rates = new ExchangeRates((workerData as { rates: ExchangeRateTable }).rates);

export default async function analysisWorker(job: Job): Promise<WorkerAnswer> {
  try {
    return { ok: true, output: await runJob(job, { rates }) };
  } catch (e) {
    if (e instanceof DomainError)
      return { ok: false, error: { code: e.code, message: e.message, issues: e.issues } };
    throw e;
  }
}
