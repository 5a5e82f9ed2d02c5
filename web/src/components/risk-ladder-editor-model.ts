// Editing the scenario's escalation ladder from the Risk page, as data. The ladder is a section of the
// scenario header, changed with PATCH /api/scenarios/:id and the header's version; the API replaces
// `escalation` whole, so the form sends every rung (and the ladder's own source or assumption as
// read). The form holds one row per rung, lowest first, each field as typed (indicators one per line);
// what the form does not show of a rung (its description, source, assumption) goes back as read. A
// stored rung the user removes stays on the form marked for removal until saved, so the API's refusal
// (a red line or a risk names it) can be said at that rung's id; a renamed rung is found by the id it
// is stored under for the same reason. Checks mirror escalationSchema before anything is sent, and
// the API's issues (`escalation.rungs[2].hoursToRespond`) land on the row and field they name, the
// row counted among those sent. Pure, so it is tested without a browser; risk-ladder-editor.tsx
// draws it.
import {
  escalationSchema,
  ladderOf,
  type Escalation,
  type EscalationInput,
  type Rung,
} from '../../../src/domain/escalation.ts';
import type { StoredScenario } from '../../../src/domain/records.ts';
import { zodIssues } from '../../../src/domain/scenario-document.ts';
import type { ApiIssue } from '../api-client.ts';
import { headerSaveFailure, type HeaderProblem } from './form-problems.tsx';
import { capitalise, parseNumber, type FormErrors } from './record-form-model.ts';
import { sameJson } from './scenario-settings-model.ts';

/** The schema's bounds (escalation.ts), said in the form's hints and messages. */
export const RUNGS_MAX = 20;
export const LEVEL_MIN = 1;
export const LEVEL_MAX = 20;
export const HOURS_MAX = 8760;
const RUNG_ID = /^[A-Za-z0-9._-]{1,40}$/;

/** A rung's fields on the form, each named as the API names it in `escalation.rungs[i].<field>`. */
export const RUNG_FIELDS = [
  'id',
  'level',
  'name',
  'indicators',
  'thresholdUp',
  'thresholdDown',
  'response',
  'hoursToRespond',
  'owner',
] as const;
export type RungField = (typeof RUNG_FIELDS)[number];

export const RUNG_FIELD_LABELS: Readonly<Record<RungField, string>> = {
  id: 'Id',
  level: 'Level',
  name: 'Name',
  indicators: 'Indicators',
  thresholdUp: 'Threshold up',
  thresholdDown: 'Threshold down',
  response: 'Response',
  hoursToRespond: 'Hours to respond',
  owner: 'Owner',
};

/** A rung as the PATCH sends it. */
type RungInput = NonNullable<EscalationInput['rungs']>[number];

/** What the form does not show of a rung, sent back as read. */
type KeptParts = Pick<Rung, 'description' | 'source' | 'assumption'>;

/** One rung on the form: its fields as typed. */
export interface RungRow extends Readonly<Record<RungField, string>> {
  /** The row's own key (for React, and for its errors): it follows the row when it moves. */
  readonly key: string;
  /** The id the rung is stored under; null for a rung added on the form. */
  readonly storedId: string | null;
  /** A stored rung to be removed when the form is saved (a new one is dropped at once). */
  readonly removed: boolean;
  readonly kept: KeptParts;
}

export interface LadderForm {
  readonly rows: readonly RungRow[];
  /** The number the next row's key takes. */
  readonly nextKey: number;
}

/** The body of the PATCH: the whole ladder (`null` when no rung is left), with the version it was read at. */
export interface LadderPatch {
  version: number;
  escalation: EscalationInput | null;
}

/** The key of a row's field in the form's errors (`row-3:hoursToRespond`). */
export const errorKey = (rowKey: string, field: RungField) => `${rowKey}:${field}`;

/** The key of an error about the ladder as a whole (too many rungs). */
export const LADDER_ERROR = 'ladder';

/** "Rung 3": a row as the form calls it, by its place on the form (first is 1). */
export const rungTitle = (index: number) => `Rung ${index + 1}`;

/** The legend of a row's fieldset: "Rung 4: Strike near coalition positions". */
export function rungLegend(row: Pick<RungRow, 'name'>, index: number): string {
  const name = row.name.trim();
  return `${rungTitle(index)}: ${name === '' ? 'new rung' : name}`;
}

// ---- the form from the ladder, and back ---------------------------------------------------------

function rowOf(rung: Rung, key: number): RungRow {
  return {
    key: `row-${key}`,
    storedId: rung.id,
    removed: false,
    id: rung.id,
    level: String(rung.level),
    name: rung.name,
    indicators: rung.indicators.join('\n'),
    thresholdUp: rung.thresholdUp ?? '',
    thresholdDown: rung.thresholdDown ?? '',
    response: rung.response,
    hoursToRespond: String(rung.hoursToRespond),
    owner: rung.owner,
    kept: {
      ...(rung.description !== undefined && { description: rung.description }),
      ...(rung.source !== undefined && { source: rung.source }),
      ...(rung.assumption !== undefined && { assumption: rung.assumption }),
    },
  };
}

/** The form for a ladder (none: an empty form): its rungs lowest first, indicators one per line. */
export function ladderFormOf(escalation: Pick<Escalation, 'rungs'> | undefined): LadderForm {
  const rungs = ladderOf(escalation);
  return { rows: rungs.map((r, i) => rowOf(r, i + 1)), nextKey: rungs.length + 1 };
}

/** The rows the PATCH sends: all but those marked for removal, in the form's order. */
export function sentRows(form: LadderForm): RungRow[] {
  return form.rows.filter((r) => !r.removed);
}

/** The indicators as typed, one per line: blank lines left out. */
export function indicatorsOf(text: string): string[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '');
}

/** Reads one row, checking it as escalationSchema would, with messages that name the field. */
function readRow(row: RungRow, errors: FormErrors): RungInput {
  const at = (field: RungField, message: string) => (errors[errorKey(row.key, field)] = message);
  const text = (field: RungField) => row[field].trim();
  for (const field of ['id', 'name', 'response', 'owner'] as const)
    if (text(field) === '') at(field, `Enter the ${RUNG_FIELD_LABELS[field].toLowerCase()}.`);
  const id = text('id');
  if (id !== '' && !RUNG_ID.test(id))
    at('id', 'The id must be 1 to 40 letters, digits, “.”, “_” or “-” (no spaces).');
  const levelText = text('level');
  const level = /^\d+$/.test(levelText) ? Number(levelText) : undefined;
  if (levelText === '') at('level', `Enter the level, a whole number from ${LEVEL_MIN} to ${LEVEL_MAX}.`);
  else if (level === undefined || level < LEVEL_MIN || level > LEVEL_MAX)
    at('level', `The level must be a whole number from ${LEVEL_MIN} (the lowest rung) to ${LEVEL_MAX}.`);
  const hoursText = text('hoursToRespond');
  const hours = parseNumber(hoursText);
  if (hoursText === '') at('hoursToRespond', `Enter the hours to respond, from 0 to ${HOURS_MAX}.`);
  else if (hours === undefined || hours < 0 || hours > HOURS_MAX)
    at('hoursToRespond', `The hours to respond must be a number from 0 to ${HOURS_MAX} (a year).`);
  const thresholdUp = text('thresholdUp');
  const thresholdDown = text('thresholdDown');
  const { description, source, assumption } = row.kept;
  return {
    id,
    level: level ?? Number.NaN,
    name: text('name'),
    ...(description !== undefined && { description }),
    indicators: indicatorsOf(row.indicators),
    ...(thresholdUp !== '' && { thresholdUp }),
    ...(thresholdDown !== '' && { thresholdDown }),
    response: text('response'),
    hoursToRespond: hours ?? Number.NaN,
    owner: text('owner'),
    ...(source !== undefined && { source }),
    ...(assumption !== undefined && { assumption }),
  };
}

export type LadderBuild =
  { ok: true; patch: LadderPatch } | { ok: false; errors: FormErrors; general: ApiIssue[] };

/**
 * The PATCH the form describes, or the errors that stop it being sent: each row's fields read and
 * checked (required, numbers in range, the id's letters), ids and levels each used once (the later
 * row is told which earlier one has it), at most 20 rungs, and then escalationSchema itself, so what
 * passes here the API's schema takes. The ladder's own source or assumption (`base`'s) is kept.
 */
export function ladderPatchOf(
  form: LadderForm,
  base: Pick<Escalation, 'source' | 'assumption'> | undefined,
  version: number,
): LadderBuild {
  const errors: FormErrors = {};
  const rows = sentRows(form);
  const rungs = rows.map((row) => readRow(row, errors));
  const place = new Map(form.rows.map((r, i) => [r.key, i]));
  const ids = new Map<string, RungRow>();
  const levels = new Map<number, RungRow>();
  rows.forEach((row, i) => {
    const { id, level } = rungs[i]!;
    const idKey = errorKey(row.key, 'id');
    const levelKey = errorKey(row.key, 'level');
    const earlierId = ids.get(id);
    if (errors[idKey] === undefined && earlierId)
      errors[idKey] = `${rungTitle(place.get(earlierId.key)!)} has the id “${id}”: each rung needs its own.`;
    else if (errors[idKey] === undefined) ids.set(id, row);
    const earlierLevel = levels.get(level);
    if (errors[levelKey] === undefined && earlierLevel)
      errors[levelKey] =
        `${rungTitle(place.get(earlierLevel.key)!)} is at level ${level}: each rung needs its own.`;
    else if (errors[levelKey] === undefined) levels.set(level, row);
  });
  if (rows.length > RUNGS_MAX)
    errors[LADDER_ERROR] =
      `The ladder may have at most ${RUNGS_MAX} rungs: remove ${rows.length - RUNGS_MAX}.`;
  if (Object.keys(errors).length > 0) return { ok: false, errors, general: [] };

  if (rungs.length === 0) return { ok: true, patch: { version, escalation: null } };
  const escalation: EscalationInput = {
    rungs,
    ...(base?.source !== undefined && { source: base.source }),
    ...(base?.assumption !== undefined && { assumption: base.assumption }),
  };
  const parsed = escalationSchema.safeParse(escalation);
  if (!parsed.success) {
    const sorted = ladderIssuesByField(zodIssues(parsed.error, ['escalation']), form);
    return { ok: false, errors: sorted.errors, general: sorted.general };
  }
  return { ok: true, patch: { version, escalation } };
}

/** Whether a PATCH would leave the ladder's rungs as they are (nothing to save). */
export function ladderUnchanged(
  escalation: EscalationInput | null,
  base: Pick<Escalation, 'rungs'> | undefined,
): boolean {
  const rungs = escalationSchema.safeParse(escalation ?? { rungs: [] });
  return rungs.success && sameJson(ladderOf(rungs.data), ladderOf(base));
}

/** Whether two headers' ladders have the same rungs. */
export function sameLadder(
  a: Pick<Escalation, 'rungs'> | undefined,
  b: Pick<Escalation, 'rungs'> | undefined,
): boolean {
  return sameJson(ladderOf(a), ladderOf(b));
}

/** Whether the form is still the ladder as read: nothing typed, moved, added or removed. */
export function formUntouched(form: LadderForm, escalation: Pick<Escalation, 'rungs'> | undefined): boolean {
  const strip = (f: LadderForm) => f.rows.map(({ key: _k, ...row }) => row);
  return sameJson(strip(form), strip(ladderFormOf(escalation)));
}

// ---- changing the form -------------------------------------------------------------------------

/** The form with one field of a row as typed. */
export function setRungField(form: LadderForm, key: string, field: RungField, value: string): LadderForm {
  return { ...form, rows: form.rows.map((r) => (r.key === key ? { ...r, [field]: value } : r)) };
}

/** The form with a new, empty rung at the bottom, one level above the highest (when there is room). */
export function addRung(form: LadderForm): LadderForm {
  const levels = sentRows(form)
    .map((r) => Number(r.level.trim()))
    .filter((n) => Number.isInteger(n));
  const next = levels.length === 0 ? LEVEL_MIN : Math.max(...levels) + 1;
  const row: RungRow = {
    key: `row-${form.nextKey}`,
    storedId: null,
    removed: false,
    id: '',
    level: next >= LEVEL_MIN && next <= LEVEL_MAX ? String(next) : '',
    name: '',
    indicators: '',
    thresholdUp: '',
    thresholdDown: '',
    response: '',
    hoursToRespond: '',
    owner: '',
    kept: {},
  };
  return { rows: [...form.rows, row], nextKey: form.nextKey + 1 };
}

/**
 * The form without a rung: one added on the form is dropped; a stored one is marked for removal,
 * and stays (its id shown) until saved, so the API can say there if a red line or risk still names it.
 */
export function removeRung(form: LadderForm, key: string): LadderForm {
  const row = form.rows.find((r) => r.key === key);
  if (!row) return form;
  if (row.storedId === null) return { ...form, rows: form.rows.filter((r) => r.key !== key) };
  return { ...form, rows: form.rows.map((r) => (r.key === key ? { ...r, removed: true } : r)) };
}

/** The form with a rung marked for removal kept after all. */
export function keepRung(form: LadderForm, key: string): LadderForm {
  return { ...form, rows: form.rows.map((r) => (r.key === key ? { ...r, removed: false } : r)) };
}

/**
 * The form with a rung moved one place up (-1, towards the lowest rung) or down (+1), and the levels
 * renumbered 1, 2, 3… in the order the rungs now stand (those marked for removal are not counted).
 */
export function moveRung(form: LadderForm, key: string, by: -1 | 1): LadderForm {
  const from = form.rows.findIndex((r) => r.key === key);
  const to = from + by;
  if (from < 0 || to < 0 || to >= form.rows.length) return form;
  const rows = [...form.rows];
  [rows[from], rows[to]] = [rows[to]!, rows[from]!];
  let level = LEVEL_MIN;
  return {
    ...form,
    rows: rows.map((r) => (r.removed ? r : { ...r, level: String(level++) })),
  };
}

// ---- the API's answer --------------------------------------------------------------------------

/** `must keep rung "attack": red line RL-1 names it; change that first` (kysely-scenarios.ts). */
const KEEP_RUNG = /^must keep rung "([^"]+)": (.+) names it; change that first$/;

/**
 * What the form says at a rung the API would not let go: removed, or its id changed, while a red line
 * or a risk (`user`: "red line RL-DEU-1", "risk RSK-3") names it.
 */
export function rungInUseMessage(row: Pick<RungRow, 'removed' | 'storedId'>, user: string): string {
  const kind = user.replace(/\s+\S+$/, '');
  if (row.removed)
    return `${capitalise(user)} names this rung, so it cannot be removed: keep it, or change the ${kind} first.`;
  return (
    `${capitalise(user)} names this rung as “${row.storedId}”, so its id cannot change: put it back, ` +
    `or change the ${kind} first.`
  );
}

/**
 * Sorts the API's issues onto the form: `escalation.rungs[i].<field>` at that field of the i-th row
 * sent (an indicator's at the indicators, said with its line), a whole rung at its id, a rung still in
 * use (`escalation.rungs`: "must keep rung …") at the id of the row stored under it. The rest (the
 * ladder's source, a rung's description the form does not show, the version) are for the message
 * above the form.
 */
export function ladderIssuesByField(
  issues: readonly ApiIssue[],
  form: LadderForm,
): { errors: FormErrors; general: ApiIssue[] } {
  const errors: FormErrors = {};
  const general: ApiIssue[] = [];
  const sent = sentRows(form);
  const place = new Map(form.rows.map((r, i) => [r.key, i]));
  // The API counts the rungs sent; the form counts every row it shows.
  const reword = (message: string) =>
    message.replace(/\brungs\[(\d+)\]\.(\w+)/g, (whole, i: string, field: string) => {
      const row = sent[Number(i)];
      return row ? `${rungTitle(place.get(row.key)!).toLowerCase()}’s ${field}` : whole;
    });
  const add = (key: string, message: string) => {
    errors[key] = [errors[key], message].filter(Boolean).join(' ');
  };
  for (const issue of issues) {
    const inUse = KEEP_RUNG.exec(issue.message);
    if (inUse && (issue.path === 'escalation' || issue.path === 'escalation.rungs')) {
      const row = form.rows.find((r) => r.storedId === inUse[1]);
      if (row && (row.removed || row.id.trim() !== row.storedId)) {
        add(errorKey(row.key, 'id'), rungInUseMessage(row, inUse[2]!));
        continue;
      }
    }
    const m = /^escalation\.rungs\[(\d+)\](?:\.(\w+)(?:\[(\d+)\])?)?/.exec(issue.path);
    const row = m ? sent[Number(m[1])] : undefined;
    const field = m?.[2] === undefined ? 'id' : RUNG_FIELDS.find((f) => f === m[2]);
    if (!row || !field) {
      general.push({ ...issue, message: reword(issue.message) });
      continue;
    }
    const line = field === 'indicators' && m?.[3] !== undefined ? `Line ${Number(m[3]) + 1}: ` : '';
    add(errorKey(row.key, field), `${line}${sentence(reword(issue.message))}`);
  }
  return { errors, general };
}

/** Why a save did not go through, for the form: as any header save, the issues put at their rows. */
export function ladderSaveFailure(
  e: unknown,
  form: LadderForm,
): { errors: FormErrors; problem: HeaderProblem<StoredScenario> | null } {
  return headerSaveFailure<StoredScenario>(e, (issues) => ladderIssuesByField(issues, form));
}

/** What the saved notice says ("Saved: escalation ladder of 7 rungs (scenario version 12)."). */
export function savedText(escalation: Pick<Escalation, 'rungs'> | undefined, version: number): string {
  const n = escalation?.rungs.length ?? 0;
  const what = n === 0 ? 'escalation ladder removed' : `escalation ladder of ${n} rung${n === 1 ? '' : 's'}`;
  return `${what} (scenario version ${version})`;
}

function sentence(message: string): string {
  const text = capitalise(message.trim());
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
