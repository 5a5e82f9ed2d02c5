// The one frame the analysis pages render their figures in. It asks the API (an analysis of the
// contract's registry, or any load of the page's own), and says what is happening: a loading message
// the first time, the API's error when it fails (a 503 says the server is busy and when to try
// again), and, once there is an answer, keeps it on screen while a newer one is computed (after a
// switch changes or the scenario is edited), dimmed and marked "Recomputing…", so toggling an
// assumption never blanks the page. Pages render only their figures.
import { useRef, type DependencyList, type ReactNode } from 'react';
import type { AnalysisAnswer, AnalysisKind, AnalysisQuery, ApiClient, ApiError } from '../api-client.ts';
import { countOf } from '../format.ts';
import { useApi, type ApiState } from '../use-api.tsx';
import { ErrorMessage, LoadingMessage } from './status-message.tsx';

/** What the frame shows. */
export type Shown<T> =
  | { status: 'loading' }
  | { status: 'error'; error: ApiError; retry: () => void }
  | {
      status: 'ready';
      data: T;
      /** True while a newer request runs: `data` is the previous answer. */
      recomputing: boolean;
      retry: () => void;
    };

/** The last answer, and the scope it belongs to (a scenario id: another scenario's is never shown). */
export interface Kept<T> {
  scope: string;
  data: T;
}

/**
 * What to show for a request's state, given the answer kept from before; returns it with the answer
 * to keep from now on. A new answer replaces the kept one; while loading, the kept one is shown as
 * recomputing if it belongs to the same scope; an error is shown as it is.
 */
export function showAnswer<T>(
  state: ApiState<T>,
  kept: Kept<T> | null,
  scope: string,
  retry: () => void,
): [Shown<T>, Kept<T> | null] {
  if (state.status === 'ready') {
    return [
      { status: 'ready', data: state.data, recomputing: false, retry },
      { scope, data: state.data },
    ];
  }
  if (state.status === 'error') return [{ status: 'error', error: state.error, retry }, kept];
  if (kept && kept.scope === scope)
    return [{ status: 'ready', data: kept.data, recomputing: true, retry }, kept];
  return [{ status: 'loading' }, kept];
}

/**
 * Runs `load` whenever `deps` change (see useApi), keeping the last answer of the same `scope` on
 * screen while the next one loads.
 */
export function useKeptAnswer<T>(
  load: (client: ApiClient, signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
  scope: string,
): Shown<T> {
  const result = useApi(load, deps);
  const kept = useRef<Kept<T> | null>(null);
  const [shown, next] = showAnswer(result, kept.current, scope, result.reload);
  kept.current = next;
  return shown;
}

/** The scenario an analysis is of; its version moves on with every edit, which asks again. */
export interface ScenarioRef {
  id: string;
  version: number;
}

/** One analysis of the registry, asked again when the scenario or the query changes. */
export function useAnalysisAnswer<K extends AnalysisKind>(
  scenario: ScenarioRef,
  kind: K,
  query: AnalysisQuery<K>,
): Shown<AnalysisAnswer<K>> {
  const key = JSON.stringify(query);
  return useKeptAnswer(
    (client, signal) => client.getAnalysis(scenario.id, kind, query, { signal }),
    [scenario.id, scenario.version, kind, key],
    scenario.id,
  );
}

/** "The server is busy …" when the API turned the request away for load (503), else undefined. */
export function busyTitle(error: ApiError): string | undefined {
  if (error.status !== 503) return undefined;
  const wait = error.retryAfterSeconds;
  return `The server is busy with other analyses: try again ${
    wait === undefined ? 'in a moment' : wait === 0 ? 'now' : `in ${countOf(wait, 'second')}`
  }.`;
}

export interface AnswerFrameProps<T> {
  shown: Shown<T>;
  /** Said while the first answer is computed, e.g. "Computing the dashboard…". */
  loading: string;
  /** Said when it fails, e.g. "The dashboard could not be computed." */
  failed: string;
  /** The page's figures for an answer. */
  children: (data: T) => ReactNode;
}

export function AnswerFrame<T>({ shown, loading, failed, children }: AnswerFrameProps<T>) {
  if (shown.status === 'loading') return <LoadingMessage>{loading}</LoadingMessage>;
  if (shown.status === 'error') {
    return (
      <ErrorMessage title={busyTitle(shown.error) ?? failed} error={shown.error} onRetry={shown.retry} />
    );
  }
  const { recomputing } = shown;
  return (
    <div className={recomputing ? 'answer is-recomputing' : 'answer'} aria-busy={recomputing}>
      <p className="visually-hidden" role="status">
        {recomputing ? 'Recomputing…' : ''}
      </p>
      {recomputing && (
        <p className="recomputing" aria-hidden="true">
          <span className="spinner" /> Recomputing…
        </p>
      )}
      {children(shown.data)}
    </div>
  );
}

export interface AnalysisShellProps<K extends AnalysisKind> extends Omit<
  AnswerFrameProps<AnalysisAnswer<K>>,
  'shown'
> {
  scenario: ScenarioRef;
  kind: K;
  query: AnalysisQuery<K>;
}

/** An analysis of the scenario in the frame: `<AnalysisShell kind="fill" query={…}>{(answer) => …}`. */
export function AnalysisShell<K extends AnalysisKind>({
  scenario,
  kind,
  query,
  ...frame
}: AnalysisShellProps<K>) {
  return <AnswerFrame shown={useAnalysisAnswer(scenario, kind, query)} {...frame} />;
}
