// Editing the escalation ladder from the Risk page (planners and administrators, as the API has it):
// a disclosure under the ladder's rungs opens one fieldset per rung, lowest first, with its id, level,
// name, indicators (one per line), thresholds up and down, response, hours to respond and owner. A
// rung can be added at the bottom, removed, or moved up and down (which renumbers the levels in the
// order shown). Saved whole with PATCH /api/scenarios/:id and the header's version: a field at fault
// is said beside it and focused; a rung a red line or a risk names, removed or renamed, is refused at
// its id; a stale version says the scenario changed and offers to reload it. Once saved the page
// takes the new header, so its analysis is computed again against the new ladder, and a notice says
// what was saved. risk-ladder-editor-model.ts holds the logic; this draws it.
import { HintedField } from './hinted-field.tsx';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { Escalation } from '../../../src/domain/escalation.ts';
import type { StoredScenario } from '../../../src/domain/records.ts';
import { formatDateTime } from '../format.ts';
import { canEditScenario } from '../pages/edit-paths.ts';
import { useCurrentUser } from '../session.tsx';
import { useApiClient } from '../use-api.tsx';
import { IssuesMessage, RefusedMessage, type HeaderProblem } from './form-problems.tsx';
import type { FormErrors } from './record-form-model.ts';
import {
  HOURS_MAX,
  LADDER_ERROR,
  LEVEL_MAX,
  LEVEL_MIN,
  RUNGS_MAX,
  RUNG_FIELD_LABELS,
  addRung,
  errorKey,
  formUntouched,
  keepRung,
  ladderFormOf,
  ladderPatchOf,
  ladderSaveFailure,
  ladderUnchanged,
  moveRung,
  removeRung,
  rungLegend,
  rungTitle,
  sameLadder,
  savedText,
  sentRows,
  setRungField,
  type LadderForm,
  type RungField,
  type RungRow,
} from './risk-ladder-editor-model.ts';

export const LADDER_EDITOR_TITLE = 'Edit the escalation ladder';

/** The header as the editor needs it. */
export type LadderHeader = Pick<StoredScenario, 'id' | 'version' | 'escalation'>;

export interface RiskLadderEditorProps {
  /** The scenario as the page shows it: the ladder the form starts from, and its version. */
  scenario: LadderHeader;
  /** The header as stored after a save: the page takes its version and computes again. */
  onSaved: (saved: StoredScenario) => void;
  /** The header as it now stands, after a stale version: the page shows it. */
  onReload: (current: StoredScenario) => void;
}

/** The editor, for those who may change the scenario; nothing for a reader who may not. */
export function RiskLadderEditor(props: RiskLadderEditorProps) {
  const user = useCurrentUser();
  if (!canEditScenario(user)) return null;
  return <LadderEditor {...props} />;
}

export type LadderProblemKind = HeaderProblem<StoredScenario> | { kind: 'unchanged' };

/** The ladder the form was read from, and the header version it came with (the one a save names). */
interface Base {
  version: number;
  escalation: Escalation | undefined;
}

/** The hint under each of a rung's fields. */
const HINTS: Readonly<Record<RungField, string>> = {
  id: '1 to 40 letters, digits, “.”, “_” or “-”: red lines and risks name the rung by it.',
  level: `${LEVEL_MIN} (the lowest rung) to ${LEVEL_MAX}; each rung its own.`,
  name: 'What the rung is, in a few words.',
  indicators: 'What says the rung has been reached: one per line.',
  thresholdUp: 'What moves the situation to the rung above. Optional.',
  thresholdDown: 'What brings it back below this rung. Optional.',
  response: 'The coalition’s response at this rung.',
  hoursToRespond: `Within how many hours the response must come: 0 to ${HOURS_MAX}.`,
  owner: 'Who owns the response: a nation, a headquarters or a role.',
};

function LadderEditor({ scenario, onSaved, onReload }: RiskLadderEditorProps) {
  const client = useApiClient();
  const id = useId();
  const formBox = useRef<HTMLFormElement>(null);
  const summary = useRef<HTMLElement>(null);
  // The element to focus once the form has drawn a change (a rung added, moved, removed, kept).
  const focusNext = useRef<string | null>(null);
  const [open, setOpen] = useState(false);
  const [base, setBase] = useState<Base>(() => ({
    version: scenario.version,
    escalation: scenario.escalation,
  }));
  const [form, setForm] = useState<LadderForm>(() => ladderFormOf(scenario.escalation));
  const [errors, setErrors] = useState<FormErrors>({});
  const [problem, setProblem] = useState<LadderProblemKind | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // The page moved on to a newer header (a line of contact imported, a reload). Its ladder unchanged,
  // the form follows its version; changed, an untouched form takes the new ladder, while one with
  // edits keeps its version, so a save meets the conflict and says so rather than write over it.
  if (scenario.version > base.version) {
    const same = sameLadder(scenario.escalation, base.escalation);
    if (same || formUntouched(form, base.escalation)) {
      setBase({ version: scenario.version, escalation: scenario.escalation });
      if (!same) setForm(ladderFormOf(scenario.escalation));
    }
  }

  // After a refused save, focus goes to the first field at fault, else to the message about it.
  useEffect(() => {
    if (attempt === 0) return;
    const box = formBox.current;
    const target =
      box?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      box?.querySelector<HTMLElement>('.form-error');
    target?.focus();
  }, [attempt]);

  useEffect(() => {
    const target = focusNext.current;
    focusNext.current = null;
    if (target) document.getElementById(target)?.focus();
  }, [form]);

  const controlId = (row: Pick<RungRow, 'key'>, part: string) => `${id}-${row.key}-${part}`;

  /** Drops the errors of a row (all its fields, or those given). */
  const clearErrors = (keys: (k: string) => boolean) => {
    if (Object.keys(errors).some(keys))
      setErrors((e) => Object.fromEntries(Object.entries(e).filter(([k]) => !keys(k))));
  };

  const change = (row: RungRow, field: RungField, value: string) => {
    setForm((f) => setRungField(f, row.key, field, value));
    const key = errorKey(row.key, field);
    clearErrors((k) => k === key);
  };

  const add = () => {
    const next = addRung(form);
    const row = next.rows[next.rows.length - 1]!;
    focusNext.current = controlId(row, 'id');
    setForm(next);
    clearErrors((k) => k === LADDER_ERROR);
  };

  const remove = (row: RungRow, index: number) => {
    const next = removeRung(form, row.key);
    const kept = next.rows.find((r) => r.key === row.key);
    // A stored rung stays, marked: its "Keep" button takes the focus; a new one is gone, so the next
    // row's (or the button that adds one) does.
    const after = next.rows[Math.min(index, next.rows.length - 1)];
    focusNext.current = kept
      ? controlId(kept, 'keep')
      : after
        ? controlId(after, after.removed ? 'keep' : 'remove')
        : `${id}-add`;
    setForm(next);
    clearErrors((k) => k.startsWith(`${row.key}:`) || k === LADDER_ERROR);
  };

  const keep = (row: RungRow) => {
    focusNext.current = controlId(row, 'remove');
    setForm(keepRung(form, row.key));
    clearErrors((k) => k.startsWith(`${row.key}:`));
  };

  const move = (row: RungRow, index: number, by: -1 | 1) => {
    const next = moveRung(form, row.key, by);
    const at = index + by;
    // The same button, unless the rung is now at that end: then the other way.
    const end = by < 0 ? at === 0 : at === next.rows.length - 1;
    focusNext.current = controlId(row, by < 0 !== end ? 'up' : 'down');
    setForm(next);
    // The levels are renumbered: what was said of them no longer holds.
    clearErrors((k) => k.endsWith(':level'));
  };

  const refuse = (next: FormErrors, why: LadderProblemKind | null = null) => {
    setErrors(next);
    setProblem(why);
    setAttempt((n) => n + 1);
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (submitting) return;
    setSaved(null);
    const built = ladderPatchOf(form, base.escalation, base.version);
    if (!built.ok) {
      refuse(built.errors, built.general.length > 0 ? { kind: 'issues', issues: built.general } : null);
      return;
    }
    if (ladderUnchanged(built.patch.escalation, base.escalation)) {
      refuse({}, { kind: 'unchanged' });
      return;
    }
    setErrors({});
    setProblem(null);
    setSubmitting(true);
    try {
      const stored = await client.updateScenario(scenario.id, built.patch);
      setSubmitting(false);
      setBase({ version: stored.version, escalation: stored.escalation });
      setForm(ladderFormOf(stored.escalation));
      setSaved(savedText(stored.escalation, stored.version));
      onSaved(stored);
    } catch (err) {
      setSubmitting(false);
      const failure = ladderSaveFailure(err, form);
      refuse(failure.errors, failure.problem);
    }
  };

  const cancel = () => {
    setForm(ladderFormOf(base.escalation));
    setErrors({});
    setProblem(null);
    setSaved(null);
    setOpen(false);
    summary.current?.focus();
  };

  const reloadLadder = (current: StoredScenario) => {
    setBase({ version: current.version, escalation: current.escalation });
    setForm(ladderFormOf(current.escalation));
    setErrors({});
    setProblem(null);
    onReload(current);
  };

  const keepMine = (current: StoredScenario) => {
    setBase({ version: current.version, escalation: current.escalation });
    setProblem(null);
    onReload(current);
  };

  const shown = sentRows(form).length;
  return (
    <details className="risk-ladder-editor" open={open} onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary ref={summary}>{LADDER_EDITOR_TITLE}</summary>
      <p className="panel-note">
        The rungs lowest first, as the scenario keeps them (version {base.version}). Moving a rung renumbers
        the levels 1, 2, 3… in the order shown. A rung a red line or a risk names can be neither removed nor
        given another id until that record names another rung. Saving replaces the ladder, and every figure on
        this page is computed again.
      </p>
      <form
        ref={formBox}
        className="form risk-ladder-form"
        aria-label={LADDER_EDITOR_TITLE}
        noValidate
        onSubmit={(e) => void submit(e)}
      >
        {form.rows.length === 0 && <p className="notice">The ladder has no rungs: add the lowest first.</p>}
        {form.rows.map((row, i) =>
          row.removed ? (
            <RemovedRung
              key={row.key}
              row={row}
              index={i}
              controlId={(part) => controlId(row, part)}
              error={errors[errorKey(row.key, 'id')]}
              onKeep={() => keep(row)}
            />
          ) : (
            <RungFieldset
              key={row.key}
              row={row}
              index={i}
              last={i === form.rows.length - 1}
              controlId={(part) => controlId(row, part)}
              errors={errors}
              onChange={(field, value) => change(row, field, value)}
              onMove={(by) => move(row, i, by)}
              onRemove={() => remove(row, i)}
            />
          ),
        )}
        <div className="form-actions">
          <button
            type="button"
            id={`${id}-add`}
            className="button button-secondary"
            onClick={add}
            disabled={shown >= RUNGS_MAX}
          >
            Add a rung
          </button>
          <span className="field-hint">
            {shown >= RUNGS_MAX
              ? `The ladder has the most rungs it may have (${RUNGS_MAX}).`
              : `A new rung goes last, a level above the highest; at most ${RUNGS_MAX} rungs.`}
          </span>
        </div>
        {errors[LADDER_ERROR] && (
          <p className="form-error" role="alert" tabIndex={-1}>
            {errors[LADDER_ERROR]}
          </p>
        )}
        {problem && (
          <LadderProblem problem={problem} base={base} onReload={reloadLadder} onKeepMine={keepMine} />
        )}
        <div className="form-actions">
          <button type="submit" className="button" disabled={submitting}>
            {submitting ? 'Saving…' : 'Save the ladder'}
          </button>
          <button type="button" className="button button-secondary" onClick={cancel} disabled={submitting}>
            Cancel
          </button>
        </div>
        {/* Beside the button just pressed; the table above shows the ladder as saved. */}
        {saved && (
          <p className="notice notice-good" role="status">
            Saved: {saved}.
          </p>
        )}
      </form>
    </details>
  );
}

/** A field of a rung: HintedField, named as the API names it, spread across the fieldset or half of it. */
function Field({
  span,
  ...props
}: Omit<Parameters<typeof HintedField>[0], 'name' | 'className'> & {
  /** The rung's field, as the API names it (`hoursToRespond`). */
  name: RungField;
  /** Across the whole fieldset (long text), half of it (a pair), or one column of it. */
  span?: 'wide' | 'half';
}) {
  return <HintedField {...props} className={span ? `risk-ladder-${span}` : undefined} />;
}

/** How each field is drawn: a short box (a number keypad for numbers), a line, or lines of text. */
const CONTROLS: Readonly<Record<RungField, { kind: 'short' | 'line' | 'text'; rows?: number }>> = {
  id: { kind: 'line' },
  level: { kind: 'short' },
  name: { kind: 'line' },
  indicators: { kind: 'text', rows: 3 },
  thresholdUp: { kind: 'text', rows: 2 },
  thresholdDown: { kind: 'text', rows: 2 },
  response: { kind: 'text', rows: 3 },
  hoursToRespond: { kind: 'short' },
  owner: { kind: 'line' },
};

/** The fields in the order drawn: the short ones side by side, then the texts across. */
const FIELD_ORDER: readonly RungField[] = [
  'id',
  'level',
  'hoursToRespond',
  'owner',
  'name',
  'indicators',
  'thresholdUp',
  'thresholdDown',
  'response',
];

function RungFieldset({
  row,
  index,
  last,
  controlId,
  errors,
  onChange,
  onMove,
  onRemove,
}: {
  row: RungRow;
  index: number;
  last: boolean;
  controlId: (part: string) => string;
  errors: FormErrors;
  onChange: (field: RungField, value: string) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}) {
  const title = rungTitle(index).toLowerCase();
  const control = (field: RungField) => {
    const { kind, rows } = CONTROLS[field];
    // The thresholds up and down side by side, as a pair; the other texts across.
    const span =
      field === 'thresholdUp' || field === 'thresholdDown'
        ? 'half'
        : field === 'name' || kind === 'text'
          ? 'wide'
          : undefined;
    return (
      <Field
        key={field}
        id={controlId(field)}
        name={field}
        label={RUNG_FIELD_LABELS[field]}
        hint={HINTS[field]}
        error={errors[errorKey(row.key, field)]}
        span={span}
      >
        {(aria) =>
          kind === 'text' ? (
            <textarea
              {...aria}
              name={field}
              className="input"
              rows={rows}
              value={row[field]}
              onChange={(e) => onChange(field, e.target.value)}
            />
          ) : (
            <input
              {...aria}
              type="text"
              name={field}
              className={kind === 'short' ? 'input input-short' : 'input'}
              inputMode={kind !== 'short' ? undefined : field === 'hoursToRespond' ? 'decimal' : 'numeric'}
              spellCheck={field === 'id' ? false : undefined}
              value={row[field]}
              onChange={(e) => onChange(field, e.target.value)}
            />
          )
        }
      </Field>
    );
  };
  return (
    <fieldset className="risk-ladder-rung">
      <legend>{rungLegend(row, index)}</legend>
      {row.storedId === null && <p className="risk-ladder-wide field-hint">A new rung, not yet saved.</p>}
      {FIELD_ORDER.map(control)}
      <div className="risk-ladder-wide risk-ladder-rung-actions">
        <button
          type="button"
          id={controlId('up')}
          className="button button-secondary button-small"
          onClick={() => onMove(-1)}
          disabled={index === 0}
        >
          Move<span className="visually-hidden"> {title}</span> up
        </button>
        <button
          type="button"
          id={controlId('down')}
          className="button button-secondary button-small"
          onClick={() => onMove(1)}
          disabled={last}
        >
          Move<span className="visually-hidden"> {title}</span> down
        </button>
        <button
          type="button"
          id={controlId('remove')}
          className="button button-secondary button-small"
          onClick={onRemove}
        >
          Remove<span className="visually-hidden"> {title}</span>
        </button>
      </div>
    </fieldset>
  );
}

/** A stored rung marked for removal: its id (where the API says if something still names it), and a way back. */
function RemovedRung({
  row,
  index,
  controlId,
  error,
  onKeep,
}: {
  row: RungRow;
  index: number;
  controlId: (part: string) => string;
  error: string | undefined;
  onKeep: () => void;
}) {
  return (
    <fieldset className="risk-ladder-rung risk-ladder-removed">
      <legend>{rungLegend(row, index)}</legend>
      <p className="risk-ladder-wide">Removed from the ladder when you save.</p>
      <Field
        id={controlId('id')}
        name="id"
        label={RUNG_FIELD_LABELS.id}
        hint="The rung’s id, as stored."
        error={error}
      >
        {(aria) => <input {...aria} type="text" name="id" className="input" readOnly value={row.id} />}
      </Field>
      <div className="risk-ladder-wide risk-ladder-rung-actions">
        <button
          type="button"
          id={controlId('keep')}
          className="button button-secondary button-small"
          onClick={onKeep}
        >
          Keep<span className="visually-hidden"> {rungTitle(index).toLowerCase()}</span>
        </button>
      </div>
    </fieldset>
  );
}

/** Why the ladder was not saved, above the buttons: nothing changed, issues of no field, a refusal, a conflict. */
export function LadderProblem({
  problem,
  base,
  onReload,
  onKeepMine,
}: {
  problem: LadderProblemKind;
  /** The ladder the form was read from: the conflict says whether the ladder itself changed since. */
  base: Pick<Base, 'escalation'>;
  onReload: (current: StoredScenario) => void;
  onKeepMine: (current: StoredScenario) => void;
}) {
  if (problem.kind === 'unchanged') {
    return (
      <div className="form-error" role="alert" tabIndex={-1}>
        <p>Nothing has changed: there is nothing to save.</p>
      </div>
    );
  }
  if (problem.kind === 'issues')
    return <IssuesMessage what="escalation ladder" whole="The ladder" issues={problem.issues} />;
  if (problem.kind === 'refused') return <RefusedMessage error={problem.error} />;
  const { current } = problem;
  const ladderChanged = !sameLadder(current.escalation, base.escalation);
  return (
    <div className="form-error conflict" role="alert" tabIndex={-1}>
      <p>
        Someone else changed this scenario while you were editing: it is now at version {current.version}{' '}
        (changed {formatDateTime(current.updatedAt)}). Your changes to the ladder were not saved.
      </p>
      <p>
        {ladderChanged
          ? 'The ladder itself was changed: reload it to see the change, or keep your changes to save them over it.'
          : 'The ladder is as you found it: keep your changes and save them again.'}
      </p>
      <p className="form-actions">
        <button type="button" className="button" onClick={() => onReload(current)}>
          Reload the ladder as it now stands
        </button>
        <button type="button" className="button button-secondary" onClick={() => onKeepMine(current)}>
          Keep my changes to save them over it
        </button>
      </p>
    </div>
  );
}
