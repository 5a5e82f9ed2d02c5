// The analyses of a scenario as one viewer may see them, for the HTTP API and the CLI alike. Each
// reads the scenario document through the store's guarded path (exportScenario with the viewer),
// which leaves out every record not releasable to the viewer and every record that depends on one,
// so a figure can never be computed from something the viewer may not see. `partial` and `withheld`
// say when that happened. Parameters are parsed by the contract's schema (src/contract/analyses);
// the computing runs on the analysis runner (src/app/analyses.ts, off the request thread), and the
// answer is memoised by scenario content version × the viewer's visibility × parameters.
import type { z } from 'zod';
import {
  ANALYSES,
  type AnalysisAnswer,
  type AnalysisArgs,
  type AnalysisKind,
} from '../contract/analyses/index.ts';
import { seesEverything, visibilityKey, type Principal } from '../domain/access.ts';
import { invalid } from '../domain/errors.ts';
import { zodIssues } from '../domain/scenario-document.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import type { Store } from '../storage/store.ts';
import type { AnalysisRunner } from './analysis-runner.ts';
import type { Scope } from './jobs.ts';
import type { CoalitionService } from './coalition-service.ts';

export interface AnalysisRunOptions {
  /** Stops the work when the client goes away. */
  signal?: AbortSignal | undefined;
  /** In-process runner only: Monte Carlo progress (the CLI draws a bar with it). */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** Parses an analysis's parameters: a 400 naming each bad field, defaults not filled in yet. */
export function parseAnalysisParams<K extends AnalysisKind>(kind: K, query: unknown): AnalysisArgs<K> {
  const schema = ANALYSES[kind].params as z.ZodType;
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) throw invalid(zodIssues(parsed.error));
  return parsed.data as AnalysisArgs<K>;
}

export class AnalysisService {
  constructor(
    readonly coalition: CoalitionService,
    readonly runner: AnalysisRunner,
  ) {}

  /** One analysis as JSON text (what the HTTP API sends as it is). */
  async runText(
    kind: AnalysisKind,
    scenarioId: string,
    query: unknown,
    viewer: Principal,
    options: AnalysisRunOptions = {},
  ): Promise<string> {
    const args = parseAnalysisParams(kind, query);
    const store = this.coalition.store;
    // The content version first: an unknown scenario is 404 before anything else is looked at,
    // and a memo hit needs nothing more.
    const version = await store.contentVersion(scenarioId);
    const key = `analysis|${scenarioId}|${version}|${visibilityKey(viewer)}|${kind}|${JSON.stringify(args)}`;
    const output = await this.runner.run(
      async () => ({ type: 'analysis', kind, args, ...(await readScoped(store, scenarioId, viewer)) }),
      { key, signal: options.signal, onProgress: options.onProgress },
    );
    return output.text;
  }

  async run<K extends AnalysisKind>(
    kind: K,
    scenarioId: string,
    query: unknown,
    viewer: Principal,
    options: AnalysisRunOptions = {},
  ): Promise<AnalysisAnswer<K>> {
    return JSON.parse(await this.runText(kind, scenarioId, query, viewer, options)) as AnalysisAnswer<K>;
  }
}

/** The document as the viewer is shown it, and whether the viewer is shown everything. */
export async function readScoped(
  store: Store,
  scenarioId: string,
  viewer: Principal,
): Promise<{ doc: ScenarioDocument; scope: Scope }> {
  const doc = await store.exportScenario(scenarioId, viewer);
  return {
    doc,
    scope: { partial: !seesEverything(viewer), publicView: visibilityKey(viewer) === 'public' },
  };
}
