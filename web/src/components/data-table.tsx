// A dense data table with a caption, row headers and optional click-to-sort columns. Sorting state is
// exposed with `aria-sort` on the header cell and the control is a real button, so it works from the
// keyboard and a screen reader announces the order.
import { useMemo, useState, type ReactNode } from 'react';
import { nextSort, sortRows, type SortDirection, type SortState, type SortValue } from '../table-sort.ts';

export interface Column<T> {
  id: string;
  header: string;
  cell: (row: T) => ReactNode;
  /** Present when the column can be sorted. */
  sortValue?: (row: T) => SortValue;
  /** The order of the first click: numbers usually want the largest first. */
  firstDirection?: SortDirection;
  numeric?: boolean;
  /** The cell that names the row (`<th scope="row">`); one per table. */
  rowHeader?: boolean;
  className?: string;
}

interface DataTableProps<T> {
  caption: string;
  /** Hide the caption visually when a heading right above already says the same. */
  captionHidden?: boolean;
  columns: readonly Column<T>[];
  rows: readonly T[];
  rowKey: (row: T) => string;
  emptyMessage?: ReactNode;
  initialSort?: SortState;
}

export function DataTable<T>({
  caption,
  captionHidden = false,
  columns,
  rows,
  rowKey,
  emptyMessage = 'Nothing to show.',
  initialSort,
}: DataTableProps<T>) {
  const [sort, setSort] = useState<SortState | null>(initialSort ?? null);

  const sorted = useMemo(() => {
    const column = sort && columns.find((c) => c.id === sort.column);
    if (!sort || !column?.sortValue) return rows;
    return sortRows(rows, column.sortValue, sort.direction);
  }, [rows, columns, sort]);

  return (
    // The wrapper scrolls sideways on a narrow screen; it is focusable so keyboard users can scroll it.
    <div className="table-scroll" tabIndex={0} role="group" aria-label={`${caption} (scrollable)`}>
      <table className="data-table">
        <caption className={captionHidden ? 'visually-hidden' : undefined}>{caption}</caption>
        <thead>
          <tr>
            {columns.map((column) => {
              const active = sort?.column === column.id ? sort.direction : undefined;
              return (
                <th key={column.id} scope="col" aria-sort={active} className={cellClass(column)}>
                  {column.sortValue ? (
                    <button
                      type="button"
                      className="sort-button"
                      onClick={() =>
                        setSort((s) => nextSort(s, column.id, column.firstDirection ?? 'ascending'))
                      }
                    >
                      {column.header}
                      <span className="sort-indicator" aria-hidden="true">
                        {active === 'ascending' ? '▲' : active === 'descending' ? '▼' : '↕'}
                      </span>
                    </button>
                  ) : (
                    column.header
                  )}
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {sorted.length === 0 ? (
            <tr>
              <td colSpan={columns.length} className="empty-cell">
                {emptyMessage}
              </td>
            </tr>
          ) : (
            sorted.map((row) => (
              <tr key={rowKey(row)}>
                {columns.map((column) =>
                  column.rowHeader ? (
                    <th key={column.id} scope="row" className={cellClass(column)}>
                      {column.cell(row)}
                    </th>
                  ) : (
                    <td key={column.id} className={cellClass(column)}>
                      {column.cell(row)}
                    </td>
                  ),
                )}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}

function cellClass(column: Pick<Column<never>, 'numeric' | 'className'>): string | undefined {
  const classes = [column.numeric ? 'num' : '', column.className ?? ''].filter(Boolean);
  return classes.length > 0 ? classes.join(' ') : undefined;
}
