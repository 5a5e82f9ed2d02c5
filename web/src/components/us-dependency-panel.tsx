// US dependency beside sustainment: what the force lacks if the US stays out, from the dependency
// analysis (the fill with a US backstop and every nation against the fill without either).
import { useId } from 'react';
import type { CapabilityLoss, LineUsDependency } from '../../../src/domain/analysis/us-dependency-report.ts';
import type { AnalysisAnswer } from '../api-client.ts';
import { countOf, formatDate, formatNumber } from '../format.ts';
import { Figure, IdList, PartialNotice, lineAndPriorityColumns, nationLabel } from './analysis-common.tsx';
import { AnalysisShell, type ScenarioRef } from './analysis-shell.tsx';
import { DataTable, type Column } from './data-table.tsx';

/**
 * "Without the US", in its own frame: the dependency analysis compares with and without the US
 * itself, so it takes no backstop switch, only whether late offers count.
 */
export function UsDependencyPanel({
  scenario,
  allowLate,
  names,
}: {
  scenario: ScenarioRef;
  allowLate: boolean;
  names: ReadonlyMap<string, string>;
}) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Without the US</h2>
      <AnalysisShell
        scenario={scenario}
        kind="dependency"
        query={{ allowLate }}
        loading="Running the US dependency analysis…"
        failed="The US dependency analysis could not be run."
      >
        {(envelope) => <UsDependencyView envelope={envelope} names={names} />}
      </AnalysisShell>
    </section>
  );
}

/** What the force lacks without the US, as figures and two tables. */
export function UsDependencyView({
  envelope,
  names,
}: {
  envelope: AnalysisAnswer<'dependency'>;
  names: ReadonlyMap<string, string>;
}) {
  const r = envelope.result;
  const backstopOnly = r.lines.filter((l) => l.onlyBackstopOffers);
  const lineColumns: Column<LineUsDependency>[] = [
    ...lineAndPriorityColumns<LineUsDependency>(),
    {
      id: 'units',
      header: 'Units with → without the US',
      numeric: true,
      cell: (l) => (
        <>
          {formatNumber(l.filledWithUs)} → {formatNumber(l.filledWithoutUs)}{' '}
          <span className="cell-note">of {formatNumber(l.requiredQuantity)}</span>
        </>
      ),
    },
    {
      id: 'lost',
      header: 'Personnel lost',
      numeric: true,
      cell: (l) =>
        l.lostPersonnel > 0 ? (
          <>
            <span className="shortfall-text">{formatNumber(l.lostPersonnel)}</span>
            <span className="cell-note block">{countOf(l.lostQuantity, 'unit')}</span>
          </>
        ) : (
          <span className="no">0</span>
        ),
    },
    {
      id: 'why',
      header: 'Depends on',
      cell: (l) => (
        <>
          {l.onlyBackstopOffers && <strong className="line-block">Only offers needing a US backstop</strong>}
          {l.onlyAbsentNations && <strong className="line-block">Only absent nations</strong>}
          {l.backstopOffers.length > 0 && (
            <span className="line-block">
              Backstop offers: <IdList ids={l.backstopOffers} />
            </span>
          )}
          {l.absentNations.length > 0 && (
            <span className="line-block">
              Absent: {l.absentNations.map((n) => nationLabel(names, n)).join(', ')}
            </span>
          )}
          {l.backstopOffers.length === 0 && l.absentNations.length === 0 && (
            <span className="no">No backstop offer or absent nation on this line</span>
          )}
        </>
      ),
    },
  ];
  const capabilityColumns: Column<CapabilityLoss>[] = [
    { id: 'capability', header: 'Capability', rowHeader: true, cell: (c) => c.capability },
    { id: 'quantity', header: 'Units lost', numeric: true, cell: (c) => formatNumber(c.quantity) },
    { id: 'personnel', header: 'Personnel lost', numeric: true, cell: (c) => formatNumber(c.personnel) },
  ];
  return (
    <>
      <PartialNotice partial={envelope.partial} />
      <p className="figure-note">
        The fill with a US backstop and every nation’s offers, against the fill without the backstop and
        without nations absent on {formatDate(r.asOf)}
        {r.absentNations.length > 0 && <> ({r.absentNations.map((n) => nationLabel(names, n)).join(', ')})</>}
        : {formatNumber(r.withUs.personnelMatched)} personnel matched with the US,{' '}
        {formatNumber(r.withoutUs.personnelMatched)} without.
      </p>
      <section aria-label="Without the US figures" className="figures">
        <Figure
          label="Personnel lost without the US"
          value={formatNumber(r.lacks.personnel)}
          unit="personnel"
          tone={r.lacks.personnel > 0 ? 'shortfall' : undefined}
        >
          {countOf(r.lacks.quantity, 'unit')} at the lines’ planning sizes
        </Figure>
        <Figure label="Lines emptied" value={formatNumber(r.lacks.linesEmptied.length)}>
          {r.lacks.linesEmptied.length > 0 ? <IdList ids={r.lacks.linesEmptied} /> : 'None'}
        </Figure>
        <Figure label="Lines filled only by US-backstop offers" value={formatNumber(backstopOnly.length)}>
          {backstopOnly.length > 0 ? <IdList ids={backstopOnly.map((l) => l.line)} /> : 'None'}
        </Figure>
        <Figure label="Lines losing units" value={formatNumber(r.lacks.lines.length)} />
      </section>
      <DataTable
        caption="Lines that depend on the US"
        columns={lineColumns}
        rows={r.lines}
        rowKey={(l) => l.line}
        emptyMessage="No line depends on the US."
      />
      <DataTable
        caption="Lost without the US, by capability"
        columns={capabilityColumns}
        rows={r.lacks.byCapability}
        rowKey={(c) => c.capability}
        emptyMessage="Nothing is lost without the US."
      />
    </>
  );
}
