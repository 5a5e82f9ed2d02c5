// The force list as CSV with TPFDD-like column names, for movement planners' spreadsheets and tools.
// Export goes through the shared writer (src/domain/csv.ts), so cells are quoted and formula-defused
// as every other export. Import is all or nothing: one bad row and no record is returned, with every
// bad cell named by line and column, because a partial force list would schedule a partial force.
import { csvField, type CellValue } from '../csv.ts';
import { formatPath, type FieldIssue } from '../errors.ts';
import { ulnRecordSchema, type UlnRecord } from './force-list.ts';

/**
 * Column names follow the TPFDD where one fits: UTC (unit type code) holds the capability code, PAX
 * the personnel. Weight is TONNES, metric tonnes as everywhere in the planner: the TPFDD's STONS are
 * short tons (907.2 kg), and writing tonnes under that name would misstate every load by a tenth.
 * OFFER and LINE tie a ULN back to the offer and requirement line it came from. RELEASABILITY is the
 * record's marking (PUBLIC, COALITION or "REL_TO GBR FRA"); it may be left out or left empty.
 */
export const FORCE_LIST_COLUMNS = [
  'ULN',
  'NATION',
  'UTC',
  'PAX',
  'TONNES',
  'ORIGIN',
  'ALD',
  'EAD',
  'LAD',
  'RDD',
  'DEST',
  'PRIORITY',
  'OFFER',
  'LINE',
  'RELEASABILITY',
] as const;
export type ForceListColumn = (typeof FORCE_LIST_COLUMNS)[number];

const FIELD_OF: Readonly<Record<ForceListColumn, keyof UlnRecord>> = {
  ULN: 'uln',
  NATION: 'nation',
  UTC: 'capability',
  PAX: 'personnel',
  TONNES: 'tonnes',
  ORIGIN: 'origin',
  ALD: 'ald',
  EAD: 'ead',
  LAD: 'lad',
  RDD: 'rdd',
  DEST: 'destination',
  PRIORITY: 'priority',
  OFFER: 'offer',
  LINE: 'line',
  RELEASABILITY: 'releasability',
};
/** Columns a file may leave out (and cells it may leave empty). */
const OPTIONAL_COLUMNS: ReadonlySet<ForceListColumn> = new Set(['RELEASABILITY']);

function formatMarking(r: UlnRecord['releasability']): string {
  if (r === undefined) return '';
  return r.level === 'REL_TO' ? `REL_TO ${r.nations.join(' ')}` : r.level;
}
const COLUMN_OF = Object.fromEntries(
  Object.entries(FIELD_OF).map(([column, field]) => [field, column]),
) as Record<keyof UlnRecord, ForceListColumn>;

function cellOf(r: UlnRecord, column: ForceListColumn): CellValue {
  if (column === 'RELEASABILITY') return formatMarking(r.releasability);
  return r[FIELD_OF[column] as Exclude<keyof UlnRecord, 'releasability'>];
}

/** The force list as RFC 4180 text: CRLF line ends, the header line first. */
export function forceListToCsv(records: readonly UlnRecord[]): string {
  const line = (cells: readonly CellValue[]) => `${cells.map(csvField).join(',')}\r\n`;
  return (
    line(FORCE_LIST_COLUMNS) + records.map((r) => line(FORCE_LIST_COLUMNS.map((c) => cellOf(r, c)))).join('')
  );
}

/** A problem with one cell (or a whole line when `column` is absent); `path` reads `line 7, column EAD`. */
export interface CsvIssue extends FieldIssue {
  line: number;
  column?: string;
}

export type ForceListImportResult = { ok: true; records: UlnRecord[] } | { ok: false; issues: CsvIssue[] };

export interface CsvRow {
  /** The line of the file the row starts on, counting from 1 (a quoted field may span lines). */
  line: number;
  fields: string[];
}

/**
 * RFC 4180 with the line each row starts on, so that an error can point at the line a spreadsheet
 * user sees. Quoted fields may hold commas, doubled quotes, CR and LF; lines end with CRLF or LF.
 * Unlike parseCsv in csv.ts it keeps line numbers, which parseCsv's callers do not need.
 */
export function parseCsvRows(text: string): CsvRow[] {
  const rows: CsvRow[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let rowLine = 1;
  const endRow = () => {
    fields.push(field);
    rows.push({ line: rowLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else {
        // A CRLF inside quotes counts as one line break, as outside them.
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) line++;
        field += c;
      }
    } else if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
      rowLine = line;
    } else field += c;
  }
  if (field !== '' || fields.length > 0 || quoted) endRow();
  return rows;
}

const FORMULA_DEFUSED = /^'[=+\-@\t\r]/;
const WHOLE = /^-?\d+$/;
const DECIMAL = /^-?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

type CellReader = (text: string) => { ok: true; value: unknown } | { ok: false; message: string };

const textCell: CellReader = (t) => ({ ok: true, value: t });
const wholeCell =
  (what: string): CellReader =>
  (t) =>
    WHOLE.test(t) ? { ok: true, value: Number(t) } : { ok: false, message: `must be ${what}` };
const CELL_READERS: Readonly<Record<ForceListColumn, CellReader>> = {
  ULN: textCell,
  NATION: textCell,
  UTC: textCell,
  PAX: wholeCell('a whole number of personnel'),
  TONNES: (t) =>
    DECIMAL.test(t) ? { ok: true, value: Number(t) } : { ok: false, message: 'must be a number of tonnes' },
  ORIGIN: textCell,
  ALD: wholeCell('a whole C-day'),
  EAD: wholeCell('a whole C-day'),
  LAD: wholeCell('a whole C-day'),
  RDD: wholeCell('a whole C-day'),
  DEST: textCell,
  PRIORITY: wholeCell(`a whole number from 1 to 5`),
  OFFER: textCell,
  LINE: textCell,
  RELEASABILITY: (t) => {
    const [level, ...nations] = t.trim().split(/\s+/);
    return { ok: true, value: { level, nations } };
  },
};

/**
 * Reads a force list exported by forceListToCsv, or written by hand with the same header (columns in
 * any order). Blank lines are skipped. Returns every record, or no record and every problem.
 */
export function forceListFromCsv(text: string): ForceListImportResult {
  const read = readForceListCsv(text);
  return read.ok ? { ok: true, records: read.records } : read;
}

/** forceListFromCsv with the file line each record starts on, for checks made after parsing. */
export function readForceListCsv(
  text: string,
): { ok: true; records: UlnRecord[]; lines: number[] } | { ok: false; issues: CsvIssue[] } {
  const rows = parseCsvRows(text.startsWith('\uFEFF') ? text.slice(1) : text).filter(
    (r) => !(r.fields.length === 1 && r.fields[0] === ''),
  );
  const issues: CsvIssue[] = [];
  const issue = (line: number, column: string | undefined, message: string) =>
    issues.push({
      line,
      ...(column === undefined ? {} : { column }),
      path: column === undefined ? `line ${line}` : `line ${line}, column ${column}`,
      message,
    });

  const header = rows[0];
  if (!header) {
    issue(1, undefined, `is empty; expected a header line of ${FORCE_LIST_COLUMNS.join(',')}`);
    return { ok: false, issues };
  }
  const names = header.fields.map((f) => f.trim().toUpperCase());
  const index = new Map<ForceListColumn, number>();
  names.forEach((name, i) => {
    if (!(FORCE_LIST_COLUMNS as readonly string[]).includes(name))
      issue(
        header.line,
        name || `#${i + 1}`,
        `is not a force list column (${FORCE_LIST_COLUMNS.join(', ')})`,
      );
    else if (index.has(name as ForceListColumn)) issue(header.line, name, 'appears twice in the header');
    else index.set(name as ForceListColumn, i);
  });
  for (const column of FORCE_LIST_COLUMNS)
    if (!index.has(column) && !OPTIONAL_COLUMNS.has(column))
      issue(header.line, column, 'is missing from the header');
  if (issues.length > 0) return { ok: false, issues };

  const records: UlnRecord[] = [];
  const lines: number[] = [];
  const seen = new Map<string, number>();
  for (const row of rows.slice(1)) {
    if (row.fields.length !== names.length) {
      issue(row.line, undefined, `has ${row.fields.length} fields; the header has ${names.length}`);
      continue;
    }
    const raw: Record<string, unknown> = {};
    let cellsOk = true;
    for (const column of FORCE_LIST_COLUMNS) {
      const at = index.get(column);
      if (at === undefined) continue;
      let cell = row.fields[at]!;
      // Undo the apostrophe the exporter puts before text a spreadsheet would run as a formula.
      if (FORMULA_DEFUSED.test(cell)) cell = cell.slice(1);
      if (cell === '' && OPTIONAL_COLUMNS.has(column)) continue;
      if (cell === '') {
        issue(row.line, column, 'must not be empty');
        cellsOk = false;
        continue;
      }
      const read = CELL_READERS[column](cell);
      if (read.ok) raw[FIELD_OF[column]] = read.value;
      else {
        issue(row.line, column, read.message);
        cellsOk = false;
      }
    }
    if (!cellsOk) continue;
    const parsed = ulnRecordSchema.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues) {
        const field = i.path[0];
        const column = typeof field === 'string' ? COLUMN_OF[field as keyof UlnRecord] : undefined;
        issue(row.line, column ?? (i.path.length > 0 ? formatPath(i.path) : undefined), i.message);
      }
      continue;
    }
    const first = seen.get(parsed.data.uln);
    if (first !== undefined) issue(row.line, 'ULN', `duplicates "${parsed.data.uln}" on line ${first}`);
    else seen.set(parsed.data.uln, row.line);
    records.push(parsed.data);
    lines.push(row.line);
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, records, lines };
}
