// Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned.
// A column with `maxWidth` wraps longer text at spaces onto continuation lines, so a table of
// names fits a 100-column terminal instead of running off its edge.

export interface Column<T> {
  header: string;
  value: (row: T) => string | number;
  align?: 'left' | 'right';
  /** Wrap text longer than this at spaces (a word longer than it is cut with "…"). */
  maxWidth?: number;
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => wrapCell(formatCell(c.value(r)), c.maxWidth)));
  const widths = columns.map((c, i) =>
    Math.max(c.header.length, ...cells.map((row) => Math.max(...row[i]!.map((l) => l.length)))),
  );
  const right = columns.map(
    (col) =>
      col.align === 'right' ||
      (col.align === undefined && rows.length > 0 && typeof col.value(rows[0]!) === 'number'),
  );
  const align = (text: string, i: number) => (right[i] ? text.padStart(widths[i]!) : text.padEnd(widths[i]!));
  const lines = [
    columns.map((c, i) => c.header.padEnd(widths[i]!)).join('  '),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.flatMap((row) => {
      const height = Math.max(...row.map((c) => c.length));
      return Array.from({ length: height }, (_, k) =>
        row.map((cell, i) => (rows.length ? align(cell[k] ?? '', i) : (cell[k] ?? ''))).join('  '),
      );
    }),
  ];
  return lines.map((l) => l.trimEnd()).join('\n');
}

function formatCell(v: string | number): string {
  return typeof v === 'number' ? v.toLocaleString('en-GB') : v;
}

/** The cell's lines: the text as it is, or wrapped at spaces to `width`. */
export function wrapCell(text: string, width: number | undefined): string[] {
  if (width === undefined || text.length <= width) return [text];
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    const w = word.length > width ? `${word.slice(0, width - 1)}…` : word;
    if (line === '') line = w;
    else if (line.length + 1 + w.length <= width) line += ` ${w}`;
    else {
      lines.push(line);
      line = w;
    }
  }
  if (line !== '') lines.push(line);
  return lines;
}
