// The overview section of a scenario: the headline figures, nations by stance and the nations table.
// The figures are the figures analysis's (the same values, names and definitions as the Dashboard,
// the CLI and the API, under the default assumptions); stances are as of the scenario's as-of date,
// the analysis date. For a user who is not coalition staff (a liaison officer, an observer) it says
// first that the figures count only the records releasable to them, so nobody briefs a partial total
// as the coalition's. It never says how many were left out: that would itself give them away.
import { SavedNotice } from './edit-saved-notice.tsx';
import { useId, type ReactNode } from 'react';
import type { AnalysisAnswer, ScenarioOverview } from '../api-client.ts';
import { PartialNotice } from '../components/analysis-common.tsx';
import { AnswerFrame, useAnalysisAnswer } from '../components/analysis-shell.tsx';
import { CsvDownloads } from '../components/csv-downloads.tsx';
import { ForceFigures } from '../components/force-figures.tsx';
import { NationsTable } from '../components/nations-table.tsx';
import { StanceSummary } from '../components/stance-summary.tsx';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { formatDate } from '../format.ts';
import { useApi } from '../use-api.tsx';
import { useScenario } from './scenario-layout.tsx';

/** The Overview shows the figures under the API's default assumptions: on-time matches, no US backstop. */
const OVERVIEW_QUERY = {} as const;

export function ScenarioOverviewPage() {
  const scenario = useScenario();
  // Refetched when the scenario changes version, so an edit elsewhere shows on return.
  const result = useApi(
    (client, signal) => client.getOverview(scenario.id, { signal }),
    [scenario.id, scenario.version],
  );
  const figures = useAnalysisAnswer(scenario, 'figures', OVERVIEW_QUERY);
  if (result.status === 'loading') return <LoadingMessage>Loading overview…</LoadingMessage>;
  if (result.status === 'error') {
    return (
      <ErrorMessage title="The overview could not be loaded." error={result.error} onRetry={result.reload} />
    );
  }
  return (
    <>
      {/* After a promotion or a branch: what was done, once. */}
      <SavedNotice />
      <ScenarioOverviewView
        overview={result.data}
        figures={
          <AnswerFrame
            shown={figures}
            loading="Computing the headline figures…"
            failed="The headline figures could not be computed."
          >
            {(answer) => (
              <OverviewFigures scenarioId={scenario.id} scenarioVersion={scenario.version} answer={answer} />
            )}
          </AnswerFrame>
        }
      />
      <CsvDownloads scenarioId={scenario.id} />
    </>
  );
}

export function OverviewFigures({
  scenarioId,
  scenarioVersion,
  answer,
}: {
  scenarioId: string;
  scenarioVersion: number;
  answer: AnalysisAnswer<'figures'>;
}) {
  return (
    <>
      <ForceFigures
        scenarioId={scenarioId}
        scenarioVersion={scenarioVersion}
        figures={answer.result}
        query={OVERVIEW_QUERY}
      />
      <p className="figure-note">
        As of {formatDate(answer.asOf)}: only what is ready by each line’s RDD counts as matched; offers
        needing a US backstop do not count. The Dashboard changes these assumptions.
      </p>
    </>
  );
}

/** The overview as pure presentation of the API's answers, so it can be rendered in tests without HTTP. */
export function ScenarioOverviewView({
  overview,
  figures,
}: {
  overview: ScenarioOverview;
  /** The headline figures (the figures analysis), rendered by the caller. */
  figures: ReactNode;
}) {
  const { totals, nations } = overview;
  const nationsHeading = useId();
  const unknownStance = nations.filter((n) => n.currentStance === null).length;
  return (
    <>
      <PartialNotice partial={overview.partial} />
      <section aria-label="Headline figures">{figures}</section>
      <StanceSummary counts={totals.stanceCounts} unknown={unknownStance} />
      <section className="panel" aria-labelledby={nationsHeading}>
        <h2 id={nationsHeading}>
          Nations <span className="heading-count">{nations.length}</span>
        </h2>
        <NationsTable nations={nations} />
      </section>
    </>
  );
}
