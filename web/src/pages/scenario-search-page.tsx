// The results of a search of one scenario's records (the text is the URL's `q`, so a search can be
// bookmarked and reached with the back button). Each hit links to the record's page and shows the
// text that matched. The API searches only what the user may see; the page says so when the
// scenario is partial for them, so an empty answer is not read as "the coalition has none".
import type { ReactNode } from 'react';
import type { SearchResult } from '../api-client.ts';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { countOf } from '../format.ts';
import { recordPagePath } from '../paths.ts';
import { KIND_NAMES } from '../record-kinds.ts';
import { Link, useRouter } from '../router.tsx';
import { useApi } from '../use-api.tsx';
import { useScenario } from './scenario-layout.tsx';

/** The text searched for, from the page's query string; empty when none. */
export function searchTextOf(search: string): string {
  return (new URLSearchParams(search).get('q') ?? '').trim();
}

export function ScenarioSearchPage() {
  const scenario = useScenario();
  const { search } = useRouter();
  const q = searchTextOf(search);
  const result = useApi(
    (client, signal) =>
      q ? client.searchScenario(scenario.id, { q }, { signal }) : Promise.resolve(undefined),
    [scenario.id, scenario.version, q],
  );

  if (!q) {
    return (
      <section className="panel search-results" aria-label="Search results">
        <h2>Search</h2>
        <p>
          Type a name, a key such as an offer id, or any words from a statement, caveat, source or assumption
          in the search box above.
        </p>
      </section>
    );
  }
  if (result.status === 'loading') return <LoadingMessage>Searching for “{q}”…</LoadingMessage>;
  if (result.status === 'error') {
    return <ErrorMessage title="The search could not be run." error={result.error} onRetry={result.reload} />;
  }
  return (
    <SearchResultsView
      scenarioId={scenario.id}
      query={q}
      result={result.data ?? { items: [], truncated: false }}
      partial={scenario.partial}
    />
  );
}

interface SearchResultsViewProps {
  scenarioId: string;
  query: string;
  result: SearchResult;
  /** The user is not coalition staff: only the records releasable to it were searched. */
  partial: boolean;
}

/** The hits as pure presentation of the API's answer, so it can be rendered in tests without HTTP. */
export function SearchResultsView({ scenarioId, query, result, partial }: SearchResultsViewProps) {
  const { items, truncated } = result;
  const count =
    items.length === 0
      ? `No records match “${query}”.`
      : truncated
        ? `Showing the first ${countOf(items.length, 'record')} that match “${query}”; more match — add words to narrow the search.`
        : `${countOf(items.length, 'record')} ${items.length === 1 ? 'matches' : 'match'} “${query}”.`;
  return (
    <section className="panel search-results" aria-label="Search results">
      <h2>Search results</h2>
      <p role="status">{count}</p>
      {partial && (
        <p className="notice" role="note">
          Only records releasable to you were searched.
        </p>
      )}
      {items.length > 0 && (
        <ol className="search-hits">
          {items.map((hit) => (
            <li key={`${hit.kind}:${hit.key}`} className="search-hit">
              <p className="search-hit-title">
                <span className="search-hit-kind">{KIND_NAMES[hit.kind].one}</span>{' '}
                <Link to={recordPagePath(scenarioId, hit.kind, hit.key)}>{hit.label}</Link>{' '}
                <code className="search-hit-key">{hit.key}</code>
              </p>
              <p className="search-hit-match">
                <span className="search-hit-field">{hit.field}:</span> {highlight(hit.snippet, query)}
              </p>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}

/** `text` with each case-insensitive occurrence of `query` marked. */
export function highlight(text: string, query: string): ReactNode {
  const needle = query.toLowerCase();
  const lower = text.toLowerCase();
  // Lower-casing can change the length of some characters; then offsets would be wrong, so don't mark.
  if (!needle || lower.length !== text.length) return text;
  const parts: ReactNode[] = [];
  let from = 0;
  for (let at = lower.indexOf(needle); at >= 0; at = lower.indexOf(needle, from)) {
    parts.push(text.slice(from, at), <mark key={at}>{text.slice(at, at + needle.length)}</mark>);
    from = at + needle.length;
  }
  parts.push(text.slice(from));
  return <>{parts}</>;
}
