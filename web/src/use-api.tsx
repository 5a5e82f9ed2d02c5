// How pages get data: the API client comes from context (so a test can hand in a fake), and
// `useApi` runs one request per change of its inputs, cancelling the previous one, and reports
// loading, error or data. Pages render those three states and nothing else about HTTP.
import { createContext, useContext, useEffect, useState, type DependencyList, type ReactNode } from 'react';
import type { ApiError } from './api-client.ts';
import { isAbort, type ApiClient, asApiError } from './api-client.ts';

const ApiClientContext = createContext<ApiClient | null>(null);

export function ApiClientProvider({ client, children }: { client: ApiClient; children: ReactNode }) {
  return <ApiClientContext.Provider value={client}>{children}</ApiClientContext.Provider>;
}

export function useApiClient(): ApiClient {
  const client = useContext(ApiClientContext);
  if (!client) throw new Error('useApiClient must be used inside <ApiClientProvider>');
  return client;
}

export type ApiState<T> =
  { status: 'loading' } | { status: 'error'; error: ApiError } | { status: 'ready'; data: T };

/**
 * Runs `load` whenever `deps` change. `load` must use only the client, the signal and the values
 * listed in `deps`; a newer request supersedes an older one, whose answer is dropped.
 */
export function useApi<T>(
  load: (client: ApiClient, signal: AbortSignal) => Promise<T>,
  deps: DependencyList,
): ApiState<T> & { reload: () => void } {
  const client = useApiClient();
  const [state, setState] = useState<ApiState<T>>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    const controller = new AbortController();
    setState({ status: 'loading' });
    load(client, controller.signal).then(
      (data) => {
        if (!controller.signal.aborted) setState({ status: 'ready', data });
      },
      (e: unknown) => {
        if (controller.signal.aborted || isAbort(e)) return;
        const error = asApiError(e);
        setState({ status: 'error', error });
      },
    );
    return () => controller.abort();
    // `load` is a fresh closure on every render; its real inputs are the caller's `deps`.
  }, [client, attempt, ...deps]);

  return { ...state, reload: () => setAttempt((n) => n + 1) };
}
