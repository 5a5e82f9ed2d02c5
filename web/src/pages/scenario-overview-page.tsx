// The overview section of a scenario: headline figures, nations by stance and the nations table.
// For a user who may not see every record (a liaison officer, an observer) it says so first, with
// how many records were left out, so nobody briefs a partial total as the coalition's.
import { useId } from 'react';
import type { EntityKind } from '../../../src/domain/records.ts';
import type { Withheld } from '../../../src/domain/records.ts';
import type { ScenarioOverview } from '../api-client.ts';
import { CsvDownloads } from '../components/csv-downloads.tsx';
import { HeadlineFigures } from '../components/headline-figures.tsx';
import { NationsTable } from '../components/nations-table.tsx';
import { StanceSummary } from '../components/stance-summary.tsx';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { countOf } from '../format.ts';
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
      {overview.partial && (
        <p className="notice notice-partial" role="note">
          {describeWithheld(overview.withheld)}
        </p>
      )}
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

/** Record kinds by how much they move the figures, each as [singular, plural]. */
const WITHHELD_NAMES: readonly (readonly [EntityKind, string, string])[] = [
  ['offers', 'offer', 'offers'],
  ['pledges', 'pledge', 'pledges'],
  ['nations', 'nation', 'nations'],
  ['stances', 'stance entry', 'stance entries'],
  ['requirements', 'requirement line', 'requirement lines'],
  ['capabilities', 'capability', 'capabilities'],
  ['rotationPolicies', 'rotation policy', 'rotation policies'],
  ['ulns', 'ULN', 'ULNs'],
  ['movements', 'movement record', 'movement records'],
  ['nodes', 'network node', 'network nodes'],
  ['arcs', 'network arc', 'network arcs'],
];

/** "Some records are not releasable to you: 3 offers, 1 pledge withheld — figures count only what you may see." */
export function describeWithheld(withheld: Withheld | undefined): string {
  const parts = WITHHELD_NAMES.flatMap(([kind, one, many]) => {
    const n = withheld?.[kind] ?? 0;
    return n > 0 ? [countOf(n, one, many)] : [];
  });
  const which = parts.length > 0 ? `: ${parts.join(', ')} withheld` : '';
  return `Some records are not releasable to you${which} — figures count only what you may see.`;
}
