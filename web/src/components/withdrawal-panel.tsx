// "What if this nation stays out": the resilience withdrawal table, what each nation's withdrawal
// breaks, with a nation picker (and `?nation=DEU` links) that spells out one nation's case.
import { useId, useState } from 'react';
import type { NationWithdrawal, ResilienceReport } from '../../../src/domain/analysis/resilience-report.ts';
import { countOf, formatNumber, formatSigned } from '../format.ts';
import { FORCE_MATRIX_SLUG, scenarioPath } from '../paths.ts';
import { Link } from '../router.tsx';
import {
  IdList,
  LineStatus,
  NationName,
  formatShare,
  lineAndPriorityColumns,
  nationLabel,
} from './analysis-common.tsx';
import { DataTable } from './data-table.tsx';
import { StanceBadge } from './stance-badge.tsx';

/** The anchor of a nation's row in the withdrawal table: `#withdrawal-DEU`. */
export function withdrawalAnchor(nation: string): string {
  return `withdrawal-${nation}`;
}

export function WithdrawalPanel({
  scenarioId,
  report,
  names,
  initialNation,
  baseline,
}: {
  scenarioId: string;
  report: ResilienceReport;
  names: ReadonlyMap<string, string>;
  initialNation: string;
  baseline: ResilienceReport['withdrawals']['baseline'];
}) {
  const id = useId();
  const nations = report.withdrawals.nations;
  const [chosen, setChosen] = useState(initialNation.toUpperCase());
  const selected = nations.find((n) => n.nation === chosen);
  const byName = [...nations].sort((a, b) =>
    nationLabel(names, a.nation).localeCompare(nationLabel(names, b.nation), 'en-GB'),
  );
  const rows = selected ? [selected] : nations;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>If one nation withdraws</h2>
      <p className="figure-note">
        The best fill is run again without each nation’s offers; others’ offers re-route where they can. With
        every nation: {formatNumber(baseline.personnelMatched)} personnel matched,{' '}
        {countOf(baseline.lineCounts.filled, 'line')} filled. Most priority-weighted fill lost first.
      </p>
      <div className="filter-fields">
        <div className="field">
          <label htmlFor={`${id}-nation`}>Nation</label>
          <select
            id={`${id}-nation`}
            className="input"
            value={selected ? selected.nation : ''}
            onChange={(e) => setChosen(e.target.value)}
          >
            <option value="">All nations</option>
            {byName.map((n) => (
              <option key={n.nation} value={n.nation}>
                {nationLabel(names, n.nation)}
              </option>
            ))}
          </select>
        </div>
      </div>
      {chosen && !selected && (
        <p className="notice" role="note">
          {nationLabel(names, chosen)} has no offer in this analysis, so its withdrawal changes nothing here.
        </p>
      )}
      {selected && <WithdrawalStory scenarioId={scenarioId} w={selected} names={names} />}
      <WithdrawalTable rows={rows} names={names} />
    </section>
  );
}

/** One nation's withdrawal in sentences, then the lines it changes. */
function WithdrawalStory({
  scenarioId,
  w,
  names,
}: {
  scenarioId: string;
  w: NationWithdrawal;
  names: ReadonlyMap<string, string>;
}) {
  const id = useId();
  const who = nationLabel(names, w.nation);
  const nothing = w.contribution.quantity === 0;
  return (
    <div className="withdrawal-story" role="region" aria-labelledby={id}>
      <h3 id={id}>If {who} stays out</h3>
      {nothing ? (
        <p>
          Nothing changes: none of {who}’s offers fill a line under these assumptions (
          {formatNumber(w.personnelOffered)} personnel offered, {formatNumber(w.personnelAvailable)}{' '}
          counting).{' '}
          {w.personnelOffered > w.personnelAvailable && (
            <>
              <Link to={scenarioPath(scenarioId, FORCE_MATRIX_SLUG)}>The force generation matrix</Link> lists
              its offers that do not count and why (for example, a US backstop they require).
            </>
          )}
        </p>
      ) : (
        <>
          <p>
            The coalition loses <strong>{formatNumber(w.lost.personnel)} matched personnel</strong> and{' '}
            <strong>{countOf(w.lost.quantity, 'unit')}</strong> ({formatShare(w.lost.weightedFillShare)} of
            the priority-weighted fill), leaving {formatNumber(w.after.personnelMatched)} personnel matched.{' '}
            {w.coveredByOthers.quantity > 0
              ? `Other nations take over ${countOf(w.coveredByOthers.quantity, 'unit')} of its ${formatNumber(w.contribution.quantity)}.`
              : `No other nation can take over any of its ${countOf(w.contribution.quantity, 'unit')}.`}
          </p>
          <p>
            {w.linesNewlyShort.length > 0 ? (
              <>
                <strong>{countOf(w.linesNewlyShort.length, 'line')} no longer filled:</strong>{' '}
                <IdList ids={w.linesNewlyShort} />.{' '}
              </>
            ) : (
              'No filled line falls short. '
            )}
            {w.linesNewlyEmpty.length > 0 ? (
              <>
                <strong>{countOf(w.linesNewlyEmpty.length, 'line')} left empty:</strong>{' '}
                <IdList ids={w.linesNewlyEmpty} />.
              </>
            ) : (
              'No line is left empty.'
            )}
          </p>
          {w.lines.length > 0 && (
            <DataTable
              caption={`Lines that change if ${who} stays out`}
              columns={[
                ...lineAndPriorityColumns<(typeof w.lines)[number]>(),
                {
                  id: 'units',
                  header: 'Units filled',
                  numeric: true,
                  cell: (l) => (
                    <>
                      {formatNumber(l.filledBefore)} → {formatNumber(l.filledAfter)}{' '}
                      <span className="cell-note">of {formatNumber(l.requiredQuantity)}</span>
                    </>
                  ),
                },
                {
                  id: 'status',
                  header: 'Status',
                  cell: (l) => (
                    <>
                      <LineStatus status={l.statusBefore} /> → <LineStatus status={l.statusAfter} />
                    </>
                  ),
                },
              ]}
              rows={w.lines}
              rowKey={(l) => l.line}
            />
          )}
        </>
      )}
    </div>
  );
}

function WithdrawalTable({ rows, names }: { rows: NationWithdrawal[]; names: ReadonlyMap<string, string> }) {
  return (
    <div className="table-scroll" tabIndex={0} role="group" aria-label="Withdrawal table (scrollable)">
      <table className="data-table withdrawal-table">
        <caption className="visually-hidden">Withdrawal table</caption>
        <thead>
          <tr>
            <th scope="col">Nation</th>
            <th scope="col">Stance</th>
            <th scope="col" className="num">
              Offered
            </th>
            <th scope="col" className="num">
              Contributes
            </th>
            <th scope="col" className="num">
              Personnel lost
            </th>
            <th scope="col" className="num">
              Weighted fill lost
            </th>
            <th scope="col" className="num">
              Covered by others
            </th>
            <th scope="col">Lines newly short</th>
            <th scope="col">Lines newly empty</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((w) => (
            <tr
              key={w.nation}
              id={withdrawalAnchor(w.nation)}
              className={w.linesNewlyShort.length + w.linesNewlyEmpty.length > 0 ? 'is-short' : undefined}
            >
              <th scope="row">
                <NationName names={names} code={w.nation} />
              </th>
              <td>
                {w.stance ? <StanceBadge stance={w.stance} /> : <span className="no">None recorded</span>}
              </td>
              <td className="num">
                {formatNumber(w.personnelOffered)}
                <span className="cell-note block">{formatNumber(w.personnelAvailable)} counting</span>
              </td>
              <td className="num">
                {formatNumber(w.contribution.personnel)}
                <span className="cell-note block">{countOf(w.contribution.quantity, 'unit')}</span>
              </td>
              <td className="num">
                {w.lost.personnel !== 0 ? (
                  <span className="shortfall-text">{formatSigned(-w.lost.personnel)}</span>
                ) : (
                  <span className="no">0</span>
                )}
                <span className="cell-note block">{countOf(w.lost.quantity, 'unit')}</span>
              </td>
              <td className="num">{formatShare(w.lost.weightedFillShare)}</td>
              <td className="num">{countOf(w.coveredByOthers.quantity, 'unit')}</td>
              <td className="id-cell">
                <LineList ids={w.linesNewlyShort} />
              </td>
              <td className="id-cell">
                <LineList ids={w.linesNewlyEmpty} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function LineList({ ids }: { ids: string[] }) {
  if (ids.length === 0) return <span className="no">None</span>;
  return (
    <>
      <strong>{formatNumber(ids.length)}</strong>
      <IdList ids={ids} className="cell-note block" />
    </>
  );
}
