// The force generation matrix itself: every requirement line (CJSOR) against the nations whose
// offers fill it, each cell the units and personnel that nation's offers put on the line, with the
// line's required, filled, shortfall and status beside it, sortable by any column. Short lines are
// marked in colour and in words, late assignments say so, and once filtered to chosen nations, a
// nation's empty cell says when it has an offer of the line's capability left over (why the line is
// shown). The table scrolls in its own box, both ways, with the
// nation headers and the requirement lines sticky (styles.css), so neither scrolls out of sight.
import { useMemo, useState, type ReactNode } from 'react';
import type {
  FillAssignment,
  ForceFillReport,
  LineFill,
  LineFillStatus,
} from '../../../src/domain/analysis/force-fill-report.ts';
import { countOf, formatNumber, formatPercent } from '../format.ts';
import { nextSort, sortRows, type SortState, type SortValue } from '../table-sort.ts';
import { DOMAIN_LABELS, LineStatus, formatCDay } from './analysis-common.tsx';

const STATUS_RANK: Record<LineFillStatus, number> = { empty: 0, partial: 1, filled: 2 };

interface MatrixColumn {
  id: string;
  header: ReactNode;
  sortValue: (line: LineFill) => SortValue;
  firstDirection: 'ascending' | 'descending';
  numeric?: boolean;
}

/** Nations with any unit on any line, most matched personnel first (the order of byNation). */
function contributingNations(report: ForceFillReport): string[] {
  const filling = new Set(report.lines.flatMap((l) => l.nations.map((n) => n.nation)));
  return report.byNation.map((n) => n.nation).filter((n) => filling.has(n));
}

/**
 * Units of each nation's offers left over, by capability: the lines a nation could still fill (its
 * offer is unmatched for a reason the offers table below gives).
 */
export function leftOverByNation(report: ForceFillReport): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const o of report.unmatchedOffers) {
    if (o.remainingQuantity <= 0) continue;
    const caps = out.get(o.nation) ?? new Map<string, number>();
    caps.set(o.capability, (caps.get(o.capability) ?? 0) + o.remainingQuantity);
    out.set(o.nation, caps);
  }
  return out;
}

export function MatrixTable({
  lines,
  report,
  names,
  nations: chosen,
}: {
  lines: readonly LineFill[];
  report: ForceFillReport;
  names: ReadonlyMap<string, string>;
  /** The nation columns to show, in this order; by default every nation that fills a line. */
  nations?: readonly string[];
}) {
  const nations = useMemo(() => chosen ?? contributingNations(report), [chosen, report]);
  const leftOver = useMemo(() => leftOverByNation(report), [report]);
  const [sort, setSort] = useState<SortState | null>(null);

  const fixed: MatrixColumn[] = [
    {
      id: 'priority',
      header: 'Priority',
      sortValue: (l) => l.priority,
      firstDirection: 'ascending',
      numeric: true,
    },
    {
      id: 'required',
      header: 'Required',
      sortValue: (l) => l.required.quantity,
      firstDirection: 'descending',
      numeric: true,
    },
    {
      id: 'filled',
      header: 'Filled',
      sortValue: (l) => l.filled.quantity,
      firstDirection: 'descending',
      numeric: true,
    },
    {
      id: 'shortfall',
      header: 'Shortfall',
      sortValue: (l) => l.shortfall.quantity,
      firstDirection: 'descending',
      numeric: true,
    },
    {
      id: 'status',
      header: 'Status',
      sortValue: (l) => STATUS_RANK[l.status] * 10 + l.fillRatio,
      firstDirection: 'ascending',
    },
  ];
  const nationColumns: MatrixColumn[] = nations.map((n) => ({
    id: `nation-${n}`,
    header: <abbr title={names.get(n) ?? n}>{n}</abbr>,
    sortValue: (l) => l.nations.find((c) => c.nation === n)?.quantity ?? 0,
    firstDirection: 'descending',
    numeric: true,
  }));
  const late: MatrixColumn = {
    id: 'late',
    header: 'Late units',

    sortValue: (l) => l.lateQuantity,
    firstDirection: 'descending',
    numeric: true,
  };
  const columns = [...fixed, ...nationColumns, late];

  const sorted = (() => {
    if (!sort) return lines;
    if (sort.column === 'line') return sortRows(lines, (l) => l.line, sort.direction);
    const column = columns.find((c) => c.id === sort.column);
    return column ? sortRows(lines, column.sortValue, sort.direction) : lines;
  })();

  const sortHeader = (
    id: string,
    header: ReactNode,
    first: 'ascending' | 'descending',
    numeric?: boolean,
  ) => {
    const active = sort?.column === id ? sort.direction : undefined;
    return (
      <th key={id} scope="col" aria-sort={active} className={numeric ? 'num' : undefined}>
        <button type="button" className="sort-button" onClick={() => setSort((s) => nextSort(s, id, first))}>
          {header}
          <span className="sort-indicator" aria-hidden="true">
            {active === 'ascending' ? '▲' : active === 'descending' ? '▼' : '↕'}
          </span>
        </button>
      </th>
    );
  };

  const sum = (f: (l: LineFill) => number) => lines.reduce((s, l) => s + f(l), 0);

  return (
    <div
      className="table-scroll matrix-scroll"
      tabIndex={0}
      role="group"
      aria-label="Force generation matrix (scrollable)"
    >
      <table className="data-table matrix-table">
        <caption className="visually-hidden">Force generation matrix</caption>
        <thead>
          <tr>
            {sortHeader('line', 'Requirement line', 'ascending')}
            {columns.map((c) => sortHeader(c.id, c.header, c.firstDirection, c.numeric))}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={columns.length + 1} className="empty-cell">
                No requirement lines match the filters.
              </td>
            </tr>
          ) : (
            sorted.map((line) => (
              <tr
                key={line.line}
                className={line.status === 'filled' ? undefined : `is-short is-${line.status}`}
              >
                <th scope="row">
                  <span className="line-id">{line.line}</span>
                  <span className="cell-note block">
                    {line.capability} · {DOMAIN_LABELS[line.domain]}
                  </span>
                  <span className="cell-note block">
                    {line.sector} · {line.task} · RDD {formatCDay(line.rddCDay)}
                  </span>
                </th>
                <td className="num">{line.priority}</td>
                <td className="num">
                  <Units quantity={line.required.quantity} personnel={line.required.personnel} />
                </td>
                <td className="num">
                  <Units quantity={line.filled.quantity} personnel={line.filled.personnel} />
                </td>
                <td className="num">
                  {line.shortfall.quantity > 0 ? (
                    <span className="shortfall-text">
                      <Units
                        quantity={line.shortfall.quantity}
                        personnel={line.shortfall.personnel}
                        prefix="−"
                        suffix=" short"
                      />
                    </span>
                  ) : (
                    <span className="no">None</span>
                  )}
                </td>
                <td className="nowrap">
                  <LineStatus status={line.status} />
                  <span className="cell-note block">
                    {formatPercent(line.fillRatio, 1)} of units, {formatPercent(line.personnelFillRatio, 1)}{' '}
                    of personnel
                  </span>
                </td>
                {nations.map((n) => (
                  <NationCell
                    key={n}
                    line={line}
                    nation={n}
                    leftOver={chosen ? (leftOver.get(n)?.get(line.capability) ?? 0) : 0}
                  />
                ))}
                <td className="num">
                  {line.lateQuantity > 0 ? (
                    <span className="late-mark">{formatNumber(line.lateQuantity)} late</span>
                  ) : (
                    <span className="no">0</span>
                  )}
                </td>
              </tr>
            ))
          )}
        </tbody>
        {sorted.length > 0 && (
          <tfoot>
            <tr>
              <th scope="row">
                Total
                <span className="cell-note block">{countOf(lines.length, 'line')} shown</span>
              </th>
              <td />
              <td className="num">
                <Units
                  quantity={sum((l) => l.required.quantity)}
                  personnel={sum((l) => l.required.personnel)}
                />
              </td>
              <td className="num">
                <Units quantity={sum((l) => l.filled.quantity)} personnel={sum((l) => l.filled.personnel)} />
              </td>
              <td className="num">
                <Units
                  quantity={sum((l) => l.shortfall.quantity)}
                  personnel={sum((l) => l.shortfall.personnel)}
                  prefix={sum((l) => l.shortfall.quantity) > 0 ? '−' : ''}
                />
              </td>
              <td />
              {nations.map((n) => {
                const of = (l: LineFill) => l.nations.find((c) => c.nation === n);
                return (
                  <td key={n} className="num">
                    <Units
                      quantity={sum((l) => of(l)?.quantity ?? 0)}
                      personnel={sum((l) => of(l)?.personnel ?? 0)}
                    />
                  </td>
                );
              })}
              <td className="num">{formatNumber(sum((l) => l.lateQuantity))}</td>
            </tr>
          </tfoot>
        )}
      </table>
    </div>
  );
}

export function Units({
  quantity,
  personnel,
  prefix = '',
  suffix = '',
}: {
  quantity: number;
  personnel: number;
  prefix?: string;
  suffix?: string;
}) {
  return (
    <>
      {prefix}
      {formatNumber(quantity)}
      {suffix}
      <span className="cell-note block">
        {formatNumber(personnel)} <span className="visually-hidden">personnel</span>
        <span aria-hidden="true">pers.</span>
      </span>
    </>
  );
}

function NationCell({ line, nation, leftOver }: { line: LineFill; nation: string; leftOver: number }) {
  const contribution = line.nations.find((c) => c.nation === nation);
  if (!contribution) {
    return (
      <td className="num matrix-empty">
        <span aria-hidden="true">·</span>
        <span className="visually-hidden">none</span>
        {leftOver > 0 && (
          <span
            className="matrix-nation-could block"
            title={`${nation} has ${formatNumber(leftOver)} ${line.capability} left over in offers not matched (see Offers not matched)`}
          >
            {formatNumber(leftOver)} left over
          </span>
        )}
      </td>
    );
  }
  const late = line.assignments.filter((a) => a.nation === nation && a.late);
  const leaving = line.assignments.filter((a) => a.nation === nation && a.expiresBeforeLineEnd);
  return (
    <td className="num matrix-cell">
      <Units quantity={contribution.quantity} personnel={contribution.personnel} />
      {late.length > 0 && <LateMark assignments={late} />}
      {leaving.length > 0 && (
        <span
          className="late-mark block"
          title={`Offer valid until before the task ends on ${line.endDate}: ${leaving.map((a) => a.offer).join(', ')}`}
        >
          {formatNumber(leaving.reduce((s, a) => s + a.quantity, 0))} leave before {line.endDate}
        </span>
      )}
    </td>
  );
}

function LateMark({ assignments }: { assignments: FillAssignment[] }) {
  const units = assignments.reduce((s, a) => s + a.quantity, 0);
  const days = Math.max(...assignments.map((a) => a.daysLate));
  return (
    <span className="late-mark block" title={`Ready up to ${days} days after the line’s required date`}>
      {formatNumber(units)} late, +{formatNumber(days)} d
    </span>
  );
}
