// The record forms as data: which fields each has (named by the same dotted path the API uses in its
// error issues, e.g. `readiness.daysToReady`), how form text becomes a record, how a changed record
// becomes a JSON merge patch, and which field an API issue belongs to. Pure, so all of it is tested
// without a browser; record-form.tsx draws it. The forms for offers, funding pledges and stance
// entries are here; those of the staff's kinds (capabilities, the network, the force list…) are in
// record-form-specs.ts.
//
// The form checks only what it must to build a record (a required field left empty, a number that is
// not one); everything else (ranges, formats, cross-references) is the API's to say, and its message
// is shown next to the field it names.
import {
  OFFER_STATUSES,
  PLEDGE_STAGES,
  READINESS_LEVELS,
  STANCES,
} from '../../../src/domain/scenario-schema.ts';
import type { ApiIssue } from '../api-client.ts';

export type FieldKind =
  | 'text'
  | 'textarea'
  | 'number'
  | 'integer'
  | 'date'
  | 'select'
  | 'checkbox'
  | 'list'
  | 'url'
  /** A list of structured rows (an arc's closure windows), each with the same columns. */
  | 'rows';

/** One column of a `rows` field: a property of each row object. */
export interface RowColumn {
  /** The property's name in each row, as the API's issue paths give it (`closures[0].to`). */
  name: string;
  label: string;
  kind: 'text' | 'integer' | 'number';
  required?: boolean;
  /** A column that names another record (a sector, a node, a nation): drawn as a select of these. */
  options?: readonly FieldOption[];
}

export interface FieldOption {
  value: string;
  label: string;
}

export interface FieldSpec {
  /** The API's name for the field: a dotted path into the record. */
  path: string;
  label: string;
  kind: FieldKind;
  required?: boolean;
  hint?: string;
  options?: readonly FieldOption[];
  /** The record's key: typed when creating, fixed afterwards. */
  keyField?: boolean;
  /** Legend of the group of fields it is shown in. */
  group: string;
  /** Short fields sit side by side. */
  wide?: boolean;
  /** A `rows` field: the columns of each row, and what one row is called ("closure"). */
  columns?: readonly RowColumn[];
  rowName?: string;
  /** A `list` field of sentences (a risk's controls): one item per line, drawn as a text area. */
  lines?: boolean;
  /**
   * A `list` field whose empty list means "not given" rather than "none" (a lift's modes: none
   * ticked is any mode): left empty, it is left out of the record.
   */
  omitEmpty?: boolean;
  /**
   * What is wrong with one read row as a whole, if anything, and the column to show it at. For a
   * rule the API holds the whole scenario document to (an import) but not a single record's write.
   */
  rowIssue?: (row: Readonly<Record<string, unknown>>) => { column: string; message: string } | undefined;
}

/** A row of a `rows` field as typed: column name → text. */
export type FormRow = Readonly<Record<string, string>>;
export type FormValue = string | boolean | readonly FormRow[];
export type FormValues = Record<string, FormValue>;
/**
 * Field path → message. A `rows` field's cell has its own entry, by the API's path for it
 * (`closures[1].to`), so the message is shown next to the cell.
 */
export type FormErrors = Record<string, string>;

/** Record kinds a form's select may name, filled from the records the user is shown. */
export type ReferenceKind = 'requirements' | 'nodes' | 'arcs' | 'ulns' | 'offers';

export interface FormContext {
  /** Nations the user may choose, in the order to list them. */
  nations: readonly { id: string; name: string }[];
  /** The capability catalogue (offers, requirement lines, ULNs). */
  capabilities?: readonly { code: string; name: string }[];
  /** Choices for the other references, each with its label. */
  references?: Partial<Record<ReferenceKind, readonly FieldOption[]>>;
  /** The mission's sectors (`mission.sectors`): the only sector names a record may use. */
  sectors?: readonly string[];
  /** The rungs of the scenario's escalation ladder (`escalation.rungs`), lowest first. */
  rungs?: readonly FieldOption[];
}

const STANCE_NAMES: Readonly<Record<(typeof STANCES)[number], string>> = {
  lead: 'Lead',
  committed: 'Committed',
  supportive: 'Supportive',
  cautious: 'Cautious',
  considering: 'Considering',
  declined: 'Declined',
  absent: 'Absent',
};

export const option = (value: string, label = value): FieldOption => ({ value, label });
export const choose = (what: string): FieldOption => ({ value: '', label: `Choose ${what}…` });

export function provenanceFields(): FieldSpec[] {
  const group = 'Source or assumption';
  return [
    { path: 'source.publication', label: 'Source publication', kind: 'text', group, wide: true },
    { path: 'source.date', label: 'Source date', kind: 'date', group },
    { path: 'source.url', label: 'Source URL', kind: 'url', group, hint: 'An absolute http(s) address.' },
    { path: 'source.note', label: 'Source note', kind: 'text', group, wide: true },
    {
      path: 'assumption',
      label: 'Assumption',
      kind: 'textarea',
      group,
      wide: true,
      hint: 'Where there is no source: what is assumed, and why.',
    },
  ];
}

/**
 * The releasability marking, on every record form. Left at "Public (no marking)" the record carries
 * none, which reads as PUBLIC; REL TO needs the nations it is released to.
 */
export function markingFields(): FieldSpec[] {
  const group = 'Releasability';
  return [
    {
      path: 'releasability.level',
      label: 'Releasability',
      kind: 'select',
      group,
      options: [
        option('', 'Public (no marking)'),
        option('PUBLIC', 'PUBLIC'),
        option('COALITION', 'COALITION: staff and every liaison officer'),
        option('REL_TO', 'REL TO: staff and the nations listed'),
      ],
      hint: 'Who may see this record. Its own nation’s liaison officers always see it.',
    },
    {
      path: 'releasability.nations',
      // Not "…nations": a form's "Nation" field is found by its label, and this must not be taken for it.
      label: 'Released to',
      kind: 'list',
      group,
      hint: 'For REL TO only: the nations’ codes, separated with commas, e.g. FRA, GBR.',
    },
  ];
}

export function nationField(ctx: FormContext): FieldSpec {
  return {
    path: 'nation',
    label: 'Nation',
    kind: 'select',
    required: true,
    group: 'Record',
    options: [choose('a nation'), ...ctx.nations.map((n) => option(n.id, `${n.name} (${n.id})`))],
  };
}

export function offerFields(ctx: FormContext): FieldSpec[] {
  const record = 'Record';
  const size = 'Size and readiness';
  const caveats = 'Caveats';
  return [
    {
      path: 'id',
      label: 'Offer ID',
      kind: 'text',
      required: true,
      keyField: true,
      group: record,
      hint: 'Letters, digits, “.”, “_” or “-”, naming the offer’s nation, e.g. OFF-GBR-04.',
    },
    nationField(ctx),
    {
      path: 'capability',
      label: 'Capability',
      kind: 'select',
      required: true,
      group: record,
      options: [
        choose('a capability'),
        ...(ctx.capabilities ?? []).map((c) => option(c.code, `${c.name} (${c.code})`)),
      ],
    },
    {
      path: 'status',
      label: 'Status',
      kind: 'select',
      required: true,
      group: record,
      options: [choose('a status'), ...OFFER_STATUSES.map((s) => option(s, capitalise(s)))],
    },
    {
      path: 'quantity',
      label: 'Quantity',
      kind: 'integer',
      required: true,
      group: size,
      hint: 'Units offered.',
    },
    { path: 'personnel', label: 'Personnel', kind: 'integer', required: true, group: size },
    {
      path: 'tonnes',
      label: 'Tonnes',
      kind: 'number',
      required: true,
      group: size,
      hint: 'Equipment to move.',
    },
    {
      path: 'readiness.level',
      label: 'Readiness level',
      kind: 'select',
      required: true,
      group: size,
      options: [choose('a level'), ...READINESS_LEVELS.map((l) => option(l))],
      hint: 'UN PCRS; RDL means ready within 60 days.',
    },
    { path: 'readiness.daysToReady', label: 'Days to ready', kind: 'integer', required: true, group: size },
    { path: 'validUntil', label: 'Valid until', kind: 'date', group: size },
    {
      path: 'caveats.excludedSectors',
      label: 'Excluded sectors',
      kind: 'list',
      group: caveats,
      // The mission's sectors as boxes to tick: a name not on its list would be refused anyway.
      ...(ctx.sectors
        ? { options: ctx.sectors.map((name) => option(name)), hint: 'Sectors the offer may not be sent to.' }
        : { hint: 'Separate with commas.' }),
    },
    {
      path: 'caveats.allowedTasks',
      label: 'Allowed tasks',
      kind: 'list',
      group: caveats,
      hint: 'Lower-case task names, separated with commas; empty means any task.',
    },
    {
      path: 'caveats.maxDurationMonths',
      label: 'Longest deployment (months)',
      kind: 'number',
      group: caveats,
    },
    {
      path: 'caveats.minDistanceFromLineKm',
      label: 'Least distance from the line (km)',
      kind: 'number',
      group: caveats,
      hint: 'The nation keeps these units at least this far from the line of contact.',
    },
    { path: 'caveats.requiresUsBackstop', label: 'Requires a US backstop', kind: 'checkbox', group: caveats },
    { path: 'caveats.notes', label: 'Caveat notes', kind: 'textarea', group: caveats, wide: true },
    ...provenanceFields(),
    ...markingFields(),
  ];
}

export function pledgeFields(ctx: FormContext): FieldSpec[] {
  const record = 'Pledge';
  return [
    {
      path: 'id',
      label: 'Pledge ID',
      kind: 'text',
      required: true,
      keyField: true,
      group: record,
      hint: 'Letters, digits, “.”, “_” or “-”, naming the pledge’s nation, e.g. PLG-GBR-2025-03-02.',
    },
    { ...nationField(ctx), group: record },
    {
      path: 'amount',
      label: 'Amount',
      kind: 'number',
      required: true,
      group: record,
      hint: 'In units of the currency, not millions: GBP 1.6bn is 1600000000.',
    },
    {
      path: 'currency',
      label: 'Currency',
      kind: 'text',
      required: true,
      group: record,
      hint: 'ISO 4217 code, e.g. EUR, GBP.',
    },
    {
      path: 'date',
      label: 'Date',
      kind: 'date',
      required: true,
      group: record,
      hint: 'Converted at this date’s rate.',
    },
    {
      path: 'stage',
      label: 'Stage',
      kind: 'select',
      required: true,
      group: record,
      options: [choose('a stage'), ...PLEDGE_STAGES.map((s) => option(s, capitalise(s)))],
      hint: 'Committed (promised), allocated (earmarked) or delivered.',
    },
    {
      path: 'purpose',
      label: 'Purpose',
      kind: 'text',
      required: true,
      group: record,
      hint: 'E.g. air defence.',
    },
    { path: 'description', label: 'Description', kind: 'textarea', group: record, wide: true },
    ...provenanceFields(),
    ...markingFields(),
  ];
}

/** The rung a record names: a select of the scenario's rungs, or its id as text where it has none. */
export function rungField(ctx: FormContext, path: string, group: string): FieldSpec {
  return ctx.rungs && ctx.rungs.length > 0
    ? {
        path,
        label: 'Rung',
        kind: 'select',
        required: true,
        group,
        options: [choose('a rung'), ...ctx.rungs],
      }
    : {
        path,
        label: 'Rung',
        kind: 'text',
        required: true,
        group,
        hint: 'The id of a rung of the scenario’s escalation ladder (it has none yet: add one in its settings).',
      };
}

export function redLineFields(ctx: FormContext): FieldSpec[] {
  const record = 'Red line';
  return [
    {
      path: 'id',
      label: 'Red line ID',
      kind: 'text',
      required: true,
      keyField: true,
      group: record,
      hint: 'Letters, digits, “.”, “_” or “-”, naming the red line’s nation, e.g. RL-POL-1.',
    },
    { ...nationField(ctx), group: record },
    { ...rungField(ctx, 'rung', record), hint: 'At this rung and every rung above it.' },
    {
      path: 'effect',
      label: 'Effect',
      kind: 'select',
      required: true,
      group: record,
      options: [
        choose('an effect'),
        option('withdraws', 'Withdraws (a share of) its force'),
        option('no-deploy-within', 'Keeps its units away from the line'),
      ],
    },
    {
      path: 'share',
      label: 'Share withdrawn',
      kind: 'number',
      group: record,
      hint: 'For “withdraws” only: 0 to 1; empty means all of it (1).',
    },
    {
      path: 'km',
      label: 'Least distance from the line (km)',
      kind: 'number',
      group: record,
      hint: 'For “keeps its units away” only.',
    },
    {
      path: 'statement',
      label: 'Statement',
      kind: 'textarea',
      required: true,
      group: record,
      wide: true,
      hint: 'The red line in words: what was said, or the reasoning.',
    },
    ...provenanceFields(),
    ...markingFields(),
  ];
}

export function stanceFields(ctx: FormContext): FieldSpec[] {
  const record = 'Stance entry';
  return [
    { ...nationField(ctx), group: record },
    { path: 'date', label: 'Date', kind: 'date', required: true, group: record },
    {
      path: 'stance',
      label: 'Stance',
      kind: 'select',
      required: true,
      group: record,
      options: [choose('a stance'), ...STANCES.map((s) => option(s, STANCE_NAMES[s]))],
    },
    {
      path: 'statement',
      label: 'Statement',
      kind: 'textarea',
      required: true,
      group: record,
      wide: true,
      hint: 'What the nation said or did, in a sentence or two.',
    },
    ...provenanceFields(),
    ...markingFields(),
  ];
}

// ---- values ----------------------------------------------------------------------------------------

export function getPath(record: unknown, path: string): unknown {
  let value: unknown = record;
  for (const part of path.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

function setPath(target: Record<string, unknown>, path: string, value: unknown): void {
  const parts = path.split('.');
  let node = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (typeof next === 'object' && next !== null && !Array.isArray(next))
      node = next as Record<string, unknown>;
    else {
      const created: Record<string, unknown> = {};
      node[part] = created;
      node = created;
    }
  }
  node[parts[parts.length - 1] ?? path] = value;
}

/** The form's text for a record (or the defaults for a new one). */
export function valuesOf(fields: readonly FieldSpec[], record: unknown): FormValues {
  const values: FormValues = {};
  for (const f of fields) {
    const v = getPath(record, f.path);
    if (f.kind === 'checkbox') values[f.path] = v === true;
    else if (f.kind === 'rows') values[f.path] = rowsOf(f, v);
    // A list with choices holds one choice per line, so a name with a comma in it stays whole.
    else if (Array.isArray(v)) values[f.path] = v.map(String).join(f.options || f.lines ? '\n' : ', ');
    else if (v === undefined || v === null) values[f.path] = '';
    else values[f.path] = String(v);
  }
  return values;
}

function rowsOf(f: FieldSpec, v: unknown): FormRow[] {
  if (!Array.isArray(v)) return [];
  return v.map((row: unknown) =>
    Object.fromEntries(
      (f.columns ?? []).map((c) => {
        const cell = getPath(row, c.name);
        return [c.name, cell === undefined || cell === null ? '' : String(cell)];
      }),
    ),
  );
}

/** The API's path of one cell of a `rows` field: `closures[1].to`. */
export function cellPath(field: string, row: number, column: string): string {
  return `${field}[${row}].${column}`;
}

/** Reads a number as people type it: `1,600,000,000`, `1 600 000 000` and `1600000000` alike. */
export function parseNumber(text: string): number | undefined {
  const cleaned = text.trim().replace(/[\s,_]/g, '');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(cleaned)) return undefined;
  const n = Number(cleaned);
  return Number.isFinite(n) ? n : undefined;
}

function requiredMessage(f: Pick<FieldSpec, 'kind' | 'label'>): string {
  return f.kind === 'select' ? `Choose the ${f.label.toLowerCase()}.` : `Enter the ${f.label.toLowerCase()}.`;
}

function numberMessage(kind: 'integer' | 'number'): string {
  return kind === 'integer' ? 'Enter a whole number, e.g. 1200.' : 'Enter a number, e.g. 1500000.';
}

/**
 * A `rows` field's rows as objects, one for each row shown (an empty one too, whose cells are then
 * required), so that the API's `closures[1].to` is the second row on the screen.
 */
function rowRecords(f: FieldSpec, raw: FormValue | undefined, errors: FormErrors): Record<string, unknown>[] {
  const rows = Array.isArray(raw) ? (raw as readonly FormRow[]) : [];
  const columns = f.columns ?? [];
  return rows.map((row, i) => {
    const out: Record<string, unknown> = {};
    for (const c of columns) {
      const text = (row[c.name] ?? '').trim();
      const at = cellPath(f.path, i, c.name);
      if (text === '') {
        if (c.required) errors[at] = requiredMessage(c);
        continue;
      }
      if (c.kind === 'text') {
        out[c.name] = text;
        continue;
      }
      const n = parseNumber(text);
      if (n === undefined) errors[at] = numberMessage(c.kind);
      else out[c.name] = n;
    }
    const read = columns.every((c) => errors[cellPath(f.path, i, c.name)] === undefined);
    const issue = read ? f.rowIssue?.(out) : undefined;
    if (issue) errors[cellPath(f.path, i, issue.column)] = issue.message;
    return out;
  });
}

/**
 * The record the form describes, leaving out optional fields left empty (and a whole optional group,
 * such as `source`, when all of it is), or the fields that cannot be read.
 */
export function recordOf(
  fields: readonly FieldSpec[],
  values: FormValues,
  options: { skipKey?: boolean } = {},
): { record: Record<string, unknown>; errors: FormErrors } {
  const record: Record<string, unknown> = {};
  const errors: FormErrors = {};
  for (const f of fields) {
    if (options.skipKey && f.keyField) continue;
    const raw = values[f.path];
    if (f.kind === 'checkbox') {
      setPath(record, f.path, raw === true);
      continue;
    }
    if (f.kind === 'rows') {
      setPath(record, f.path, rowRecords(f, raw, errors));
      continue;
    }
    const text = typeof raw === 'string' ? raw.trim() : '';
    if (f.kind === 'list') {
      const items = text
        .split(f.options || f.lines ? '\n' : /[,;\n]/)
        .map((s) => s.trim())
        .filter((s) => s !== '');
      if (items.length > 0 || !f.omitEmpty) setPath(record, f.path, items);
      continue;
    }
    if (text === '') {
      if (f.required) errors[f.path] = requiredMessage(f);
      continue;
    }
    if (f.kind === 'number' || f.kind === 'integer') {
      const n = parseNumber(text);
      if (n === undefined) {
        errors[f.path] = numberMessage(f.kind);
        continue;
      }
      setPath(record, f.path, n);
      continue;
    }
    setPath(record, f.path, text);
  }
  dropEmptyMarking(record);
  return { record, errors };
}

/**
 * A marking left at "Public (no marking)" with no nations listed is no marking at all. With nations
 * but no level it is sent as it is, so the API names the level that is missing.
 */
function dropEmptyMarking(record: Record<string, unknown>): void {
  const marking = record.releasability as { level?: unknown; nations?: unknown[] } | undefined;
  if (marking && marking.level === undefined && (marking.nations ?? []).length === 0) {
    delete record.releasability;
  }
}

/**
 * The JSON merge patch (RFC 7386) from `before` to `after` over the form's fields only: the fields a
 * form does not show (a releasability marking…) are left as they are. A removed optional field is
 * `null`, and so is a whole group (`source`) that the form emptied.
 */
export function patchOf(
  fields: readonly FieldSpec[],
  before: unknown,
  after: Record<string, unknown>,
): Record<string, unknown> {
  const patch: Record<string, unknown> = {};
  for (const f of fields) {
    if (f.keyField) continue;
    const [top = f.path] = f.path.split('.');
    if (patch[top] === null) continue;
    if (top !== f.path && after[top] === undefined && getPath(before, top) !== undefined) {
      patch[top] = null;
      continue;
    }
    const old = getPath(before, f.path);
    const now = getPath(after, f.path);
    if (sameValue(old, now)) continue;
    // An optional flag the record does not carry reads as unticked: leaving it so is no change.
    if (f.kind === 'checkbox' && old === undefined && now === false) continue;
    // Nor is an empty list where the record has none.
    if (
      (f.kind === 'list' || f.kind === 'rows') &&
      old === undefined &&
      Array.isArray(now) &&
      now.length === 0
    )
      continue;
    setPath(patch, f.path, now === undefined ? null : now);
  }
  return patch;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === undefined || b === undefined) return a === b;
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Sorts the API's issues onto the form's fields: an issue belongs to the field of the same path, or
 * to the field it is inside (`caveats.excludedSectors[1]` → Excluded sectors), or to the first field
 * inside it (`source` → Source publication). The rest are about the record as a whole.
 */
export function issuesByField(
  fields: readonly FieldSpec[],
  issues: readonly ApiIssue[],
): { errors: FormErrors; general: ApiIssue[] } {
  const errors: FormErrors = {};
  const general: ApiIssue[] = [];
  for (const issue of issues) {
    const field = fieldOfIssue(fields, issue.path);
    if (!field) {
      general.push(issue);
      continue;
    }
    // A problem with one cell of a rows field is shown next to that cell.
    const at = field.kind === 'rows' && isCellOf(field, issue.path) ? issue.path : field.path;
    errors[at] = [errors[at], sentence(issue.message)].filter(Boolean).join(' ');
  }
  return { errors, general };
}

function isCellOf(field: FieldSpec, path: string): boolean {
  const m = /^\[(\d+)\]\.(\w+)$/.exec(path.slice(field.path.length));
  return m !== null && path.startsWith(field.path) && (field.columns ?? []).some((c) => c.name === m[2]);
}

export function fieldOfIssue(fields: readonly FieldSpec[], path: string): FieldSpec | undefined {
  if (path === '') return undefined;
  const exact = fields.find((f) => f.path === path);
  if (exact) return exact;
  let best: FieldSpec | undefined;
  for (const f of fields) {
    const inside = path.startsWith(`${f.path}.`) || path.startsWith(`${f.path}[`);
    if (inside && (!best || f.path.length > best.path.length)) best = f;
  }
  if (best) return best;
  return fields.find((f) => f.path.startsWith(`${path}.`));
}

export function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** The API's messages are phrases ("must be more than zero"); next to a field they read as sentences. */
function sentence(message: string): string {
  const text = capitalise(message.trim());
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function hasFormErrors(errors: FormErrors): boolean {
  return Object.keys(errors).length > 0;
}
