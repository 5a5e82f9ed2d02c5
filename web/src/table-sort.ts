// Sorting rows of a table by one column. Kept apart from the table component so the ordering rules
// (blanks last in either direction, natural order for names with numbers) are tested without a DOM.

export type SortDirection = 'ascending' | 'descending';
export type SortValue = string | number | null | undefined;

export interface SortState {
  column: string;
  direction: SortDirection;
}

const COLLATOR = new Intl.Collator('en-GB', { numeric: true, sensitivity: 'base' });

/** A stable sort: rows with equal values keep their original order, so a second sort is predictable. */
export function sortRows<T>(rows: readonly T[], value: (row: T) => SortValue, direction: SortDirection): T[] {
  const sign = direction === 'ascending' ? 1 : -1;
  return rows
    .map((row, index) => ({ row, index, v: value(row) }))
    .sort((a, b) => {
      const aBlank = a.v === null || a.v === undefined || a.v === '';
      const bBlank = b.v === null || b.v === undefined || b.v === '';
      // Missing values say nothing about order: they go last whichever way the column is sorted.
      if (aBlank || bBlank) return aBlank === bBlank ? a.index - b.index : aBlank ? 1 : -1;
      const c =
        typeof a.v === 'number' && typeof b.v === 'number'
          ? a.v - b.v
          : COLLATOR.compare(String(a.v), String(b.v));
      return c === 0 ? a.index - b.index : sign * c;
    })
    .map((r) => r.row);
}

/** The next state after a click on a column header: a new column starts at its preferred direction. */
export function nextSort(current: SortState | null, column: string, first: SortDirection): SortState {
  if (current?.column !== column) return { column, direction: first };
  return { column, direction: current.direction === 'ascending' ? 'descending' : 'ascending' };
}
