// The overview section of a scenario: headline figures, nations by stance and the nations table.
// For a user who is not coalition staff (a liaison officer, an observer) it says first that the
// figures count only the records releasable to them, so nobody briefs a partial total as the
// coalition's. It never says how many were left out: that would itself give them away.
import { useId } from 'react';
import type { ScenarioOverview } from '../api-client.ts';
import { PartialNotice } from '../components/analysis-common.tsx';
import { CsvDownloads } from '../components/csv-downloads.tsx';
import { HeadlineFigures } from '../components/headline-figures.tsx';
import { NationsTable } from '../components/nations-table.tsx';
import { StanceSummary } from '../components/stance-summary.tsx';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { useApi } from '../use-api.tsx';
import { useScenario } from './scenario-layout.tsx';

export function ScenarioOverviewPage() {
  const scenario = useScenario();
  // Refetched when the scenario changes version, so an edit elsewhere shows on return.
  const result = useApi(
    (client, signal) => client.getOverview(scenario.id, { signal }),
    [scenario.id, scenario.version],
  );
  if (result.status === 'loading') return <LoadingMessage>Loading overview…</LoadingMessage>;
  if (result.status === 'error') {
    return (
      <ErrorMessage title="The overview could not be loaded." error={result.error} onRetry={result.reload} />
    );
  }
  return (
    <>
      <ScenarioOverviewView overview={result.data} />
      <CsvDownloads scenarioId={scenario.id} />
    </>
  );
}

/** The overview as pure presentation of the API's answer, so it can be rendered in tests without HTTP. */
export function ScenarioOverviewView({ overview }: { overview: ScenarioOverview }) {
  const { totals, nations } = overview;
  const nationsHeading = useId();
  const unknownStance = nations.filter((n) => n.currentStance === null).length;
  const offering = nations.filter((n) => n.personnelOffered > 0).length;
  return (
    <>
      <PartialNotice partial={overview.partial} />
      <section aria-label="Headline figures">
        <HeadlineFigures totals={totals} nationsOffering={offering} />
      </section>
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
