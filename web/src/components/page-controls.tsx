// Pages of a long table (a force list of 5,000 ULNs): the page's rows, and Previous / Next buttons
// with "Rows 101–200 of 5,000" between them. A new set of rows (another filter) starts on page one.
import { useEffect, useState } from 'react';
import { formatNumber } from '../format.ts';

export function pageCount(rows: number, pageSize: number): number {
  return Math.max(1, Math.ceil(rows / pageSize));
}

/** The rows of page `page` (0-based), the page clamped to those there are. */
export function pageOf<T>(rows: readonly T[], page: number, pageSize: number): { page: number; rows: T[] } {
  const p = Math.min(Math.max(0, page), pageCount(rows.length, pageSize) - 1);
  return { page: p, rows: rows.slice(p * pageSize, (p + 1) * pageSize) };
}

/** The current page of `rows`, back to the first whenever `rows` changes. */
export function usePage<T>(rows: readonly T[], pageSize: number) {
  const [page, setPage] = useState(0);
  useEffect(() => setPage(0), [rows]);
  const current = pageOf(rows, page, pageSize);
  return { ...current, pages: pageCount(rows.length, pageSize), setPage };
}

export function PageControls({
  page,
  pages,
  pageSize,
  total,
  onPage,
  what,
}: {
  page: number;
  pages: number;
  pageSize: number;
  total: number;
  onPage: (page: number) => void;
  /** What the rows are, for the buttons' names: "ULNs". */
  what: string;
}) {
  if (total <= pageSize) return null;
  const from = page * pageSize + 1;
  const to = Math.min(total, (page + 1) * pageSize);
  return (
    <div className="pager" role="group" aria-label={`Pages of ${what}`}>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => onPage(page - 1)}
        disabled={page === 0}
      >
        Previous {formatNumber(pageSize)} {what}
      </button>
      <p className="pager-status" aria-live="polite">
        Rows {formatNumber(from)}–{formatNumber(to)} of {formatNumber(total)} (page {page + 1} of {pages})
      </p>
      <button
        type="button"
        className="button button-secondary"
        onClick={() => onPage(page + 1)}
        disabled={page >= pages - 1}
      >
        Next {formatNumber(pageSize)} {what}
      </button>
    </div>
  );
}
