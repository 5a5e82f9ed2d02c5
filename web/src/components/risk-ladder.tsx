// The escalation ladder, lowest rung first: what says a rung is reached, the coalition's response,
// how fast it must come and who owns it, the nations' red lines that act there (each linked to its
// record), the chance the situation climbs that far, and the force left there (the Monte Carlo's
// median and P10 against every nation delivering, and the chance the target is still met). Under
// it, where the escalation stopped with red lines correlated against each nation on its own path,
// and each nation's red lines with its chance of withdrawing. Under the rungs, for those who may,
// the way to edit the ladder (risk-ladder-editor.tsx, given by the page).
import { useId, type ReactNode } from 'react';
import type { RiskResult } from '../../../src/contract/analyses/risk.ts';
import { countOf, formatNumber } from '../format.ts';
import { recordPagePath } from '../paths.ts';
import { Link } from '../router.tsx';
import { NationName, formatProbability, formatProbabilityError, nationLabel } from './analysis-common.tsx';
import { DataTable, type Column } from './data-table.tsx';
import { NoteList } from './risk-exposure.tsx';
import {
  formatHours,
  formatKm,
  redLineEffect,
  rungAnchor,
  type Ladder,
  type PathOutcomes,
  type RedLine,
  type Rung,
} from './risk-model.ts';

export interface LadderPanelProps {
  scenarioId: string;
  result: Pick<RiskResult, 'ladder' | 'outcome' | 'notes'>;
  names: ReadonlyMap<string, string>;
  draws: number;
  /** The way to edit the ladder (for those who may), shown under the rungs. */
  editor?: ReactNode;
}

export function LadderPanel({ scenarioId, result, names, draws, editor }: LadderPanelProps) {
  const id = useId();
  const { ladder, outcome } = result;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Escalation ladder</h2>
      {ladder ? (
        <>
          <p className="panel-note">
            Lowest rung first. The force at each rung is the personnel matched once the nations whose red
            lines act there (or below) have withdrawn, over {formatNumber(draws)} draws of which nations
            deliver; the target is {formatNumber(ladder.personnelTarget)} personnel. It counts what the force
            fill matches to the requirement lines under the analysis&apos;s assumptions (on time unless late
            matches are counted), not the units the deployment plan places, which the exposure above and who
            can respond below count: the two differ where offers are ready late.
          </p>
          <RungTable scenarioId={scenarioId} ladder={ladder} names={names} />
        </>
      ) : (
        <>
          <p className="notice">The scenario has no escalation ladder.</p>
          <NoteList notes={result.notes} />
        </>
      )}
      {/* In one place whether or not there is a ladder, so a save that adds or removes it keeps it open. */}
      {editor}
      {ladder && (
        <>
          {outcome && <OutcomeTable outcome={outcome} target={ladder.personnelTarget} />}
          <NationRedLines scenarioId={scenarioId} ladder={ladder} names={names} />
        </>
      )}
    </section>
  );
}

function RedLineLink({ scenarioId, id }: { scenarioId: string; id: string }) {
  return (
    <Link to={recordPagePath(scenarioId, 'redLines', id)} className="risk-id">
      {id}
    </Link>
  );
}

/** One red line: its id (linked), the nation and what it does, and the nation's own words. */
function RedLineItem({
  scenarioId,
  redLine,
  names,
}: {
  scenarioId: string;
  redLine: RedLine;
  names: ReadonlyMap<string, string>;
}) {
  return (
    <li>
      <RedLineLink scenarioId={scenarioId} id={redLine.id} />: {nationLabel(names, redLine.nation)}{' '}
      {redLineEffect(redLine)}
      <span className="cell-note block">“{redLine.statement}”</span>
    </li>
  );
}

function RungTable({
  scenarioId,
  ladder,
  names,
}: {
  scenarioId: string;
  ladder: Ladder;
  names: ReadonlyMap<string, string>;
}) {
  const columns: Column<Rung>[] = [
    {
      id: 'rung',
      header: 'Rung',
      rowHeader: true,
      className: 'risk-rung-name',
      cell: (r) => (
        <span id={rungAnchor(r.id)}>
          {r.level}. {r.name}
          <span className="cell-note block">{r.id}</span>
        </span>
      ),
    },
    {
      id: 'indicators',
      header: 'Indicators',
      className: 'statement risk-text',
      cell: (r) =>
        r.indicators.length === 0 ? (
          '–'
        ) : (
          <ul className="risk-cell-list">
            {r.indicators.map((i) => (
              <li key={i}>{i}</li>
            ))}
          </ul>
        ),
    },
    { id: 'response', header: 'Response', className: 'statement risk-text', cell: (r) => r.response },
    {
      id: 'time',
      header: 'Hours · owner',
      cell: (r) => (
        <>
          <span className="nowrap">{formatHours(r.hoursToRespond)}</span>
          <span className="cell-note block">{r.owner}</span>
        </>
      ),
    },
    {
      id: 'redLines',
      header: 'Red lines',
      className: 'statement risk-text',
      cell: (r) => <RungRedLines scenarioId={scenarioId} rung={r} names={names} />,
    },
    {
      id: 'reached',
      header: 'P(reached)',
      numeric: true,
      cell: (r) => (
        <>
          {formatProbability(r.probabilityReached)}
          {r.climbProbability !== null && (
            <span className="cell-note block">climb {formatProbability(r.climbProbability)}</span>
          )}
        </>
      ),
    },
    {
      id: 'force',
      header: 'Force remaining (P50)',
      numeric: true,
      cell: (r) => (
        <>
          {formatNumber(r.personnelMatched.p50)}
          <span className="cell-note block">P10 {formatNumber(r.personnelMatched.p10)}</span>
          <span className="cell-note block">all deliver {formatNumber(r.allDeliver.personnelMatched)}</span>
        </>
      ),
    },
    {
      id: 'met',
      header: 'P(target met)',
      numeric: true,
      cell: (r) => (
        <>
          {formatProbability(r.probabilityTargetMet)}
          <span className="cell-note block">{formatProbabilityError(r.probabilityTargetMetError)}</span>
        </>
      ),
    },
  ];
  return (
    <div className="risk-wrap-headers">
      <DataTable
        caption="Rungs of the escalation ladder"
        columns={columns}
        rows={ladder.rungs}
        rowKey={(r) => r.id}
      />
    </div>
  );
}

/** A rung's red lines, then the nations already out and the distances kept from below. */
function RungRedLines({
  scenarioId,
  rung,
  names,
}: {
  scenarioId: string;
  rung: Rung;
  names: ReadonlyMap<string, string>;
}) {
  const earlier = rung.withdrawals.filter((w) => !rung.newlyWithdrawn.includes(w.nation));
  return (
    <>
      {rung.redLines.length === 0 ? (
        <span className="no">None at this rung</span>
      ) : (
        <ul className="risk-cell-list">
          {rung.redLines.map((l) => (
            <RedLineItem key={l.id} scenarioId={scenarioId} redLine={l} names={names} />
          ))}
        </ul>
      )}
      {earlier.length > 0 && (
        <span className="cell-note block">
          Already withdrawn: {earlier.map((w) => nationLabel(names, w.nation)).join(', ')}
        </span>
      )}
      {rung.restrictions.length > 0 && (
        <span className="cell-note block">
          Kept back:{' '}
          {rung.restrictions.map((x) => `${nationLabel(names, x.nation)} ${formatKm(x.km)}`).join(', ')}
          {' from the line'}
        </span>
      )}
    </>
  );
}

const PATH_MODELS: { key: keyof PathOutcomes; label: string; note: string }[] = [
  {
    key: 'correlated',
    label: 'Red lines correlated',
    note: 'one escalation path for all: the nations naming a rung withdraw together',
  },
  {
    key: 'independent',
    label: 'Each nation on its own',
    note: 'every nation climbs its own path, with the same chances',
  },
];

function OutcomeTable({ outcome, target }: { outcome: PathOutcomes; target: number }) {
  type Row = (typeof PATH_MODELS)[number];
  const columns: Column<Row>[] = [
    {
      id: 'model',
      header: 'Escalation',
      rowHeader: true,
      cell: (r) => (
        <>
          {r.label}
          <span className="cell-note block">{r.note}</span>
        </>
      ),
    },
    {
      id: 'p10',
      header: 'P10',
      numeric: true,
      cell: (r) => formatNumber(outcome[r.key].personnelMatched.p10),
    },
    {
      id: 'p50',
      header: 'P50',
      numeric: true,
      cell: (r) => formatNumber(outcome[r.key].personnelMatched.p50),
    },
    {
      id: 'p90',
      header: 'P90',
      numeric: true,
      cell: (r) => formatNumber(outcome[r.key].personnelMatched.p90),
    },
    {
      id: 'mean',
      header: 'Mean',
      numeric: true,
      cell: (r) => formatNumber(outcome[r.key].personnelMatched.mean),
    },
    {
      id: 'met',
      header: `P(≥ ${formatNumber(target)})`,
      numeric: true,
      cell: (r) => (
        <>
          {formatProbability(outcome[r.key].probabilityTargetMet)}
          <span className="cell-note block">
            {formatProbabilityError(outcome[r.key].probabilityTargetMetError)}
          </span>
        </>
      ),
    },
  ];
  return (
    <DataTable
      caption="Force where the escalation stops: correlated against independent red lines"
      columns={columns}
      rows={PATH_MODELS}
      rowKey={(r) => r.key}
    />
  );
}

function NationRedLines({
  scenarioId,
  ladder,
  names,
}: {
  scenarioId: string;
  ladder: Ladder;
  names: ReadonlyMap<string, string>;
}) {
  type Row = Ladder['nations'][number];
  const rows = ladder.nations.filter((n) => n.redLines.length > 0);
  const columns: Column<Row>[] = [
    {
      id: 'nation',
      header: 'Nation',
      rowHeader: true,
      cell: (n) => <NationName names={names} code={n.nation} />,
    },
    {
      id: 'redLines',
      header: 'Red lines',
      cell: (n) => (
        <span className="id-list">
          {n.redLines.map((l, i) => (
            <span key={l} className="nowrap">
              <RedLineLink scenarioId={scenarioId} id={l} />
              {i < n.redLines.length - 1 ? ', ' : ''}
            </span>
          ))}
        </span>
      ),
    },
    {
      id: 'available',
      header: 'Personnel counting',
      numeric: true,
      cell: (n) => formatNumber(n.personnelAvailable),
    },
    {
      id: 'delivers',
      header: 'P(delivers)',
      numeric: true,
      cell: (n) => formatProbability(n.deliveryProbability),
    },
    {
      id: 'withdraws',
      header: 'P(withdraws)',
      numeric: true,
      cell: (n) => formatProbability(n.withdrawalProbability),
    },
  ];
  return (
    <DataTable
      caption={`Nations with red lines (${countOf(rows.length, 'nation')})`}
      columns={columns}
      rows={rows}
      rowKey={(n) => n.nation}
      emptyMessage="No nation has a red line."
    />
  );
}
