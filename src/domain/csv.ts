// Records of one kind as CSV (RFC 4180) for spreadsheets, and the same flattening for any view that
// shows a record as a list of fields. Pure and free of zod, so the web bundle may import it too.
//
// A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before one) as a
// formula; exported text is someone else's input, so such text cells are prefixed with an
// apostrophe, which spreadsheets show as text and do not evaluate (CSV injection). Numbers are
// written as numbers and never prefixed: -10 is a C-day, not a formula.
import type { EntityKind, EntityTypes, Stored } from './records.ts';

/** Fields every record may carry, after its own: provenance, marking, bookkeeping. */
const COMMON_COLUMNS = [
  'source.publication',
  'source.date',
  'source.url',
  'source.note',
  'assumption',
  'releasability.level',
  'releasability.nations',
  'version',
  'createdAt',
  'updatedAt',
] as const;

/** A nested figure (GDP, population) with its own provenance. */
const figure = (name: string, extra: readonly string[] = []) => [
  `${name}.value`,
  ...extra.map((f) => `${name}.${f}`),
  `${name}.year`,
  `${name}.source.publication`,
  `${name}.source.date`,
  `${name}.source.url`,
  `${name}.source.note`,
  `${name}.assumption`,
];

/**
 * The columns of each kind, as dotted paths into the record, in a fixed order: the header of a
 * kind's CSV is the same whichever optional fields its records happen to use.
 */
export const CSV_COLUMNS: { readonly [K in EntityKind]: readonly string[] } = {
  nations: [
    'id',
    'name',
    'nato',
    'eu',
    'role',
    'currency',
    ...figure('gdp', ['currency']),
    ...figure('population'),
    'notes',
    ...COMMON_COLUMNS,
  ],
  stances: ['id', 'nation', 'date', 'stance', 'statement', ...COMMON_COLUMNS],
  capabilities: [
    'code',
    'name',
    'domain',
    'defaultPersonnel',
    'defaultTonnes',
    'app6',
    'description',
    // What can carry a unit (deployment/lift.ts), with its own provenance.
    'lift.modes',
    'lift.largestItemTonnes',
    'lift.source.publication',
    'lift.source.date',
    'lift.source.url',
    'lift.source.note',
    'lift.assumption',
    ...COMMON_COLUMNS,
  ],
  requirements: [
    'id',
    'capability',
    'quantity',
    'personnelPerUnit',
    'sector',
    'task',
    'rddCDay',
    'durationMonths',
    'priority',
    'description',
    ...COMMON_COLUMNS,
  ],
  offers: [
    'id',
    'nation',
    'capability',
    'quantity',
    'personnel',
    'tonnes',
    'readiness.level',
    'readiness.daysToReady',
    'status',
    'caveats.excludedSectors',
    'caveats.allowedTasks',
    'caveats.maxDurationMonths',
    'caveats.minDistanceFromLineKm',
    'caveats.requiresUsBackstop',
    'caveats.notes',
    'validUntil',
    ...COMMON_COLUMNS,
  ],
  pledges: [
    'id',
    'nation',
    'amount',
    'currency',
    'date',
    'purpose',
    'stage',
    'description',
    ...COMMON_COLUMNS,
  ],
  rotationPolicies: ['nation', 'tourMonths', 'dwellRatio', ...COMMON_COLUMNS],
  redLines: ['id', 'nation', 'rung', 'effect', 'share', 'km', 'statement', ...COMMON_COLUMNS],
  risks: [
    'id',
    'title',
    'cause',
    'event',
    'impact',
    'links',
    'probability',
    'severity',
    'controls',
    'residual.probability',
    'residual.severity',
    'owner',
    'reviewDate',
    'status',
    ...COMMON_COLUMNS,
  ],
  nodes: [
    'id',
    'name',
    'kind',
    'nation',
    'lat',
    'lon',
    'receptionPerDay.personnel',
    'receptionPerDay.tonnes',
    ...COMMON_COLUMNS,
  ],
  arcs: [
    'id',
    'from',
    'to',
    'mode',
    'transitDays',
    'capacityPerDay.personnel',
    'capacityPerDay.tonnes',
    'loadSize.personnel',
    'loadSize.tonnes',
    'wholeUnit',
    'closures',
    ...COMMON_COLUMNS,
  ],
  ulns: [
    'uln',
    'nation',
    'capability',
    'personnel',
    'tonnes',
    'origin',
    'ald',
    'ead',
    'lad',
    'rdd',
    'destination',
    'priority',
    'offer',
    'line',
    ...COMMON_COLUMNS,
  ],
  movements: [
    'id',
    'uln',
    'nation',
    'arc',
    'departDay',
    'arriveDay',
    'personnel',
    'tonnes',
    'note',
    ...COMMON_COLUMNS,
  ],
};

/** Joins the items of a list field (excluded sectors, REL_TO nations) within one cell. */
export const LIST_SEPARATOR = '; ';

export type CellValue = string | number | boolean | null | undefined;

/** The value at a dotted path, as one cell: lists joined, absent as empty, anything else as JSON. */
export function valueAt(record: unknown, path: string): CellValue {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  if (Array.isArray(value))
    return value.map((v) => (typeof v === 'string' ? v : JSON.stringify(v))).join(LIST_SEPARATOR);
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}

/** The record as [column, text] pairs in CSV_COLUMNS order, leaving out the columns it has no value for. */
export function flattenRecord<K extends EntityKind>(
  kind: K,
  record: EntityTypes[K] | Stored<EntityTypes[K]>,
): [string, string][] {
  const out: [string, string][] = [];
  for (const column of CSV_COLUMNS[kind]) {
    const value = valueAt(record, column);
    if (value !== undefined && value !== null) out.push([column, String(value)]);
  }
  return out;
}

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]|^\s|\s$/;

/** One field of a CSV line: defused if text that a spreadsheet would run, quoted when needed. */
export function csvField(value: CellValue): string {
  if (value === undefined || value === null) return '';
  let text: string;
  if (typeof value === 'number') text = Number.isFinite(value) ? String(value) : '';
  else if (typeof value === 'boolean') text = value ? 'true' : 'false';
  else text = FORMULA_START.test(value) ? `'${value}` : value;
  return NEEDS_QUOTES.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** RFC 4180: CRLF after every line, the header line first. */
export function toCsv(header: readonly string[], rows: readonly (readonly CellValue[])[]): string {
  const line = (cells: readonly CellValue[]) => `${cells.map(csvField).join(',')}\r\n`;
  return line(header) + rows.map(line).join('');
}

/** Records of one kind as a CSV document with a header line of CSV_COLUMNS[kind]. */
export function recordsToCsv<K extends EntityKind>(
  kind: K,
  records: readonly (EntityTypes[K] | Stored<EntityTypes[K]>)[],
): string {
  const columns = CSV_COLUMNS[kind];
  return toCsv(
    columns,
    records.map((r) => columns.map((c) => valueAt(r, c))),
  );
}

/** A file name for a download of one kind: `<scenario>-<kind>.csv`, reduced to safe characters. */
export function csvFileName(scenarioId: string, kindPath: string): string {
  return `${scenarioId}-${kindPath}.csv`.replace(/[^A-Za-z0-9._-]/g, '_');
}

/**
 * Reads RFC 4180 text back into rows of fields (quoted fields may hold commas, quotes and line
 * breaks). The inverse of toCsv, apart from the apostrophe that defuses formulas.
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  while (i < text.length) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') endField();
    else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      rows.push(row);
      row = [];
      i++;
    } else if (c === '\n') {
      endField();
      rows.push(row);
      row = [];
    } else field += c;
    i++;
  }
  if (field !== '' || row.length > 0) {
    endField();
    rows.push(row);
  }
  return rows;
}
