// Plain-text tables for the terminal: columns padded to their widest cell, numbers right-aligned.

export interface Column<T> {
  header: string;
  value: (row: T) => string | number;
  align?: 'left' | 'right';
}

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  const cells = rows.map((r) => columns.map((c) => formatCell(c.value(r))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
  const align = (text: string, i: number) => {
    const col = columns[i]!;
    const right =
      col.align === 'right' || (col.align === undefined && typeof col.value(rows[0] as T) === 'number');
    return right ? text.padStart(widths[i]!) : text.padEnd(widths[i]!);
  };
  const lines = [
    columns.map((c, i) => c.header.padEnd(widths[i]!)).join('  '),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...cells.map((row) => row.map((cell, i) => (rows.length ? align(cell, i) : cell)).join('  ')),
  ];
  return lines.map((l) => l.trimEnd()).join('\n');
}

function formatCell(v: string | number): string {
  return typeof v === 'number' ? v.toLocaleString('en-GB') : v;
}
