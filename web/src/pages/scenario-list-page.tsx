// The home page: every scenario (variant of the coalition plan) with its headline numbers, each
// name a link into the scenario.
import type { ScenarioSummary } from '../../../src/domain/records.ts';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { formatDate, formatNumber, formatPercent, formatRange } from '../format.ts';
import { scenarioPath } from '../paths.ts';
import { Link, useDocumentTitle } from '../router.tsx';
import { useApi } from '../use-api.tsx';

const target = (s: ScenarioSummary) => s.mission.forceTarget;

const COLUMNS: readonly Column<ScenarioSummary>[] = [
  {
    id: 'name',
    header: 'Scenario',
    rowHeader: true,
    className: 'scenario-name',
    cell: (s) => (
      <>
        <Link to={scenarioPath(s.id)}>{s.name}</Link>
        <span className="cell-note block">{s.mission.name}</span>
        {s.partial && (
          <span className="cell-note block">Partial: figures count only the records releasable to you</span>
        )}
      </>
    ),
    sortValue: (s) => s.name,
  },
  {
    id: 'asOf',
    header: 'As of',
    className: 'nowrap',
    cell: (s) => <time dateTime={s.asOf}>{formatDate(s.asOf)}</time>,
    sortValue: (s) => s.asOf,
    firstDirection: 'descending',
  },
  {
    id: 'nations',
    header: 'Nations',
    numeric: true,
    cell: (s) => formatNumber(s.counts.nations),
    sortValue: (s) => s.counts.nations,
    firstDirection: 'descending',
  },
  {
    id: 'target',
    header: 'Force target',
    numeric: true,
    cell: (s) => {
      const range = target(s).range;
      return (
        <>
          {formatNumber(target(s).personnel)}
          {range && <span className="cell-note block">range {formatRange(range)}</span>}
        </>
      );
    },
    sortValue: (s) => target(s).personnel,
    firstDirection: 'descending',
  },
  {
    id: 'offered',
    header: 'Personnel offered',
    numeric: true,
    cell: (s) => formatNumber(s.personnelOffered),
    sortValue: (s) => s.personnelOffered,
    firstDirection: 'descending',
  },
  {
    id: 'share',
    header: 'Of target',
    numeric: true,
    cell: (s) => formatPercent(s.personnelOffered, target(s).personnel),
    sortValue: (s) => (target(s).personnel > 0 ? s.personnelOffered / target(s).personnel : null),
    firstDirection: 'descending',
  },
];

export function ScenarioListPage() {
  useDocumentTitle('Scenarios');
  const result = useApi((client, signal) => client.listScenarios({ signal }), []);
  return (
    <>
      <h1>Scenarios</h1>
      <p className="lede">
        Each scenario is one variant of the coalition plan. Open one to see who is in, what each nation has
        offered and how far that is from the force target.
      </p>
      {result.status === 'loading' && <LoadingMessage>Loading scenarios…</LoadingMessage>}
      {result.status === 'error' && (
        <ErrorMessage
          title="The scenarios could not be loaded."
          error={result.error}
          onRetry={result.reload}
        />
      )}
      {result.status === 'ready' && (
        <DataTable
          caption="Scenarios"
          captionHidden
          columns={COLUMNS}
          rows={result.data}
          rowKey={(s) => s.id}
          emptyMessage={
            <>
              No scenarios yet. Import a scenario document with <code>coalition import &lt;file&gt;</code>.
            </>
          }
        />
      )}
    </>
  );
}
