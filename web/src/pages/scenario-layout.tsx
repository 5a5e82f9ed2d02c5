// The frame around every page of one scenario: breadcrumb, scenario name, mission and as-of date,
// the link to its settings for planners and administrators, a search box over the scenario's
// records, and the navigation between the scenario's sections. It loads the scenario once and hands it to
// the section page through context, so moving between sections does not reload the header.
import { createContext, useContext, useId, type FormEvent, type ReactNode } from 'react';
import type { ScenarioSummary } from '../../../src/domain/records.ts';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { formatDate } from '../format.ts';
import { HOME_PATH, SEARCH_SLUG, scenarioPath, scenarioSearchPath } from '../paths.ts';
import { Link, useDocumentTitle, useRouter } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { useApi } from '../use-api.tsx';
import { branchPath, canEditScenario, scenarioSettingsPath } from './edit-paths.ts';
import { VariantOrigin } from './variant-origin.tsx';

export interface ScenarioSection {
  /** URL segment after `/scenarios/:id`; empty for the overview. */
  slug: string;
  label: string;
  render: () => ReactNode;
}

const ScenarioContext = createContext<ScenarioSummary | null>(null);

/** The scenario whose pages are showing; only usable inside a ScenarioLayout. */
export function useScenario(): ScenarioSummary {
  const scenario = useContext(ScenarioContext);
  if (!scenario) throw new Error('useScenario must be used inside <ScenarioLayout>');
  return scenario;
}

interface ScenarioLayoutProps {
  scenarioId: string;
  sections: readonly ScenarioSection[];
  current: ScenarioSection;
}

export function ScenarioLayout({ scenarioId, sections, current }: ScenarioLayoutProps) {
  const result = useApi((client, signal) => client.getScenario(scenarioId, { signal }), [scenarioId]);
  const scenario = result.status === 'ready' ? result.data : undefined;
  useDocumentTitle(scenario ? `${current.label} · ${scenario.name}` : 'Scenario');

  if (result.status === 'loading') return <LoadingMessage>Loading scenario…</LoadingMessage>;
  if (result.status === 'error') {
    const missing = result.error.status === 404;
    return (
      <>
        <h1>{missing ? 'Scenario not found' : 'Could not load the scenario'}</h1>
        <ErrorMessage
          title={missing ? `There is no scenario “${scenarioId}”.` : 'The scenario could not be loaded.'}
          error={result.error}
          onRetry={missing ? undefined : result.reload}
        >
          <Link to={HOME_PATH}>Back to all scenarios</Link>
        </ErrorMessage>
      </>
    );
  }

  const { data } = result;
  const { mission } = data;
  return (
    <ScenarioContext.Provider value={data}>
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <ol>
          <li>
            <Link to={HOME_PATH}>Scenarios</Link>
          </li>
          <li aria-current="page">{data.name}</li>
        </ol>
      </nav>
      <div className="scenario-header">
        {/* The settings link sits beside the name, so it costs the pages below no height. */}
        <div className="scenario-title-row">
          <h1>{data.name}</h1>
          <ScenarioSettingsLink scenarioId={data.id} />
        </div>
        <dl className="scenario-meta">
          <div>
            <dt>Mission</dt>
            <dd>{mission.name}</dd>
          </div>
          <div>
            <dt>As of</dt>
            <dd>
              <time dateTime={data.asOf}>{formatDate(data.asOf)}</time>
            </dd>
          </div>
          {mission.hostNation && (
            <div>
              <dt>Host nation</dt>
              <dd>{mission.hostNation}</dd>
            </div>
          )}
          {mission.cDay && (
            <div>
              <dt>C-day</dt>
              <dd>
                <time dateTime={mission.cDay}>{formatDate(mission.cDay)}</time>
              </dd>
            </div>
          )}
        </dl>
        {data.description && <p className="scenario-description">{data.description}</p>}
        {data.variantOf && <VariantOrigin scenario={{ ...data, variantOf: data.variantOf }} />}
      </div>
      <ScenarioSearchForm scenarioId={data.id} onSearchPage={current.slug === SEARCH_SLUG} />
      <nav aria-label="Scenario sections" className="section-tabs">
        <ul>
          {sections.map((section) => (
            <li key={section.slug}>
              <Link
                to={scenarioPath(data.id, section.slug)}
                aria-current={section.slug === current.slug ? 'page' : undefined}
              >
                {section.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {current.render()}
    </ScenarioContext.Provider>
  );
}

/** The way to the scenario settings, for those who may change them, from every page but that one. */
function ScenarioSettingsLink({ scenarioId }: { scenarioId: string }) {
  const user = useCurrentUser();
  const { path, search } = useRouter();
  const settings = scenarioSettingsPath(scenarioId);
  if (!canEditScenario(user) || path === settings) return null;
  return (
    <p className="scenario-settings-link">
      <Link to={scenarioSettingsPath(scenarioId, { back: path + search })}>Scenario settings</Link>
      {' · '}
      <Link to={branchPath(scenarioId)}>Branch a variant</Link>
    </p>
  );
}

/** Longest text the API searches for. */
const SEARCH_MAX = 200;

/** Sends the text to the scenario's search page; there it shows the text being searched for. */
export function ScenarioSearchForm({
  scenarioId,
  onSearchPage,
}: {
  scenarioId: string;
  onSearchPage: boolean;
}) {
  const { search, navigate } = useRouter();
  const inputId = useId();
  const current = onSearchPage ? (new URLSearchParams(search).get('q') ?? '') : '';
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const q = String(new FormData(e.currentTarget).get('q') ?? '').trim();
    if (q) navigate(scenarioSearchPath(scenarioId, q));
  };
  return (
    <form role="search" aria-label="Search this scenario" className="scenario-search" onSubmit={submit}>
      <label htmlFor={inputId}>Search records</label>
      {/* Keyed by the text, so going back to another search shows that search's text. */}
      <input
        key={current}
        id={inputId}
        name="q"
        type="search"
        className="input"
        defaultValue={current}
        maxLength={SEARCH_MAX}
        required
        spellCheck={false}
        placeholder="Name, id, statement, caveat, source…"
      />
      <button type="submit" className="button">
        Search
      </button>
    </form>
  );
}
