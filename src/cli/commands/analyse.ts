// `coalition analyse SCENARIO`: the analyses from the terminal, from the same AnalysisService as
// GET /api/scenarios/:id/analysis… (in this process or over HTTP), so the figures are the API's.
// Without --only it prints the dashboard summary; --json prints the API's answer as it is. While a
// Monte Carlo runs in this process, a progress bar goes to standard error when that is a terminal
// (never into a pipe or a --json answer).
import { progressBar } from '../progress.ts';
import type { AnalysisKind } from '../../contract/analyses/index.ts';
import { invalid } from '../../domain/errors.ts';
import { parseAnalysisParams } from '../../app/analysis-service.ts';
import { withBackend, type Connect } from '../connect.ts';
import { onlyKind } from './analyse-flags.ts';
import {
  assumptionFlag,
  assumptionQuery,
  renamingFields,
  type AssumptionOptions,
} from './assumption-flags.ts';
import { header, PRINTERS } from './analyse-print.ts';

export interface AnalyseOptions extends AssumptionOptions {
  only?: string;
  json?: boolean;
  explain?: boolean;
  readyBy?: string;
}

export async function analyse(scenario: string, opts: AnalyseOptions, connect: Connect): Promise<void> {
  const kind = opts.only === undefined ? 'dashboard' : onlyKind(opts.only);
  if (kind === undefined) throw invalid([{ path: '--only', message: `"${opts.only}" is not an analysis` }]);
  await show(kind, scenario, opts, connect);
}

async function show<K extends AnalysisKind>(
  kind: K,
  scenario: string,
  opts: AnalyseOptions,
  connect: Connect,
): Promise<void> {
  const query: Record<string, unknown> = {
    ...assumptionQuery(opts),
    ...(opts.explain === true && { explain: true }),
    ...(opts.readyBy !== undefined && { readyByCDay: opts.readyBy }),
  };
  // Bad parameters are refused before the store is opened (which takes a while) or a server asked.
  const args = await withFlags(async () => parseAnalysisParams(kind, query));
  const bar = progressBar(
    process.stderr.isTTY === true && !opts.json,
    'Monte Carlo [{bar}] {percentage}% | {value}/{total} draws | {eta_formatted}',
  );
  const body = await withBackend(connect, (b) =>
    withFlags(() => b.analysis(kind, scenario, args, bar.onProgress)),
  ).finally(() => bar.stop());
  if (opts.json) {
    console.log(JSON.stringify(body, null, 2));
    return;
  }
  console.log(header(body));
  console.log(PRINTERS[kind](body.result));
}

/** Runs `fn`, naming parameters in its errors by the flags the user typed. */
async function withFlags<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    throw renamingFields(e, assumptionFlag);
  }
}
