// Draws the scenario settings form (scenarioSettingsFields): the record form's fields and groups
// (RecordField, the same labels, hints and errors as every record form), with one difference: a
// structured list whose columns name other records (a sector's destination node, a nation's
// garrison) draws those cells as selects of the names the user is shown, not as text to type.
import { useId, type FormEvent, type ReactNode } from 'react';
import { Link } from '../router.tsx';
import { RecordField } from './record-form.tsx';
import {
  capitalise,
  cellPath,
  type FieldSpec,
  type FormErrors,
  type FormRow,
  type FormValue,
  type FormValues,
} from './record-form-model.ts';
import { choicesOf } from './record-form-specs.ts';

interface ScenarioSettingsFormProps {
  label: string;
  fields: readonly FieldSpec[];
  values: FormValues;
  errors: FormErrors;
  onChange: (path: string, value: FormValue) => void;
  onSubmit: () => void;
  submitting: boolean;
  /** Where "Cancel" leads. */
  cancelTo: string;
  /** About the whole form: a refusal, a conflict, issues that name no field. */
  formError?: ReactNode;
}

export function ScenarioSettingsForm({
  label,
  fields,
  values,
  errors,
  onChange,
  onSubmit,
  submitting,
  cancelTo,
  formError,
}: ScenarioSettingsFormProps) {
  const groups: { legend: string; fields: FieldSpec[] }[] = [];
  for (const f of fields) {
    const group = groups.find((g) => g.legend === f.group);
    if (group) group.fields.push(f);
    else groups.push({ legend: f.group, fields: [f] });
  }
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    onSubmit();
  };
  return (
    <form className="form record-form settings-form" aria-label={label} noValidate onSubmit={submit}>
      {formError}
      <p className="panel-note">
        Fields marked <span aria-hidden="true">*</span>
        <span className="visually-hidden">with an asterisk</span> are required.
      </p>
      {groups.map((g) => (
        <fieldset key={g.legend} className="record-fieldset">
          <legend>{g.legend}</legend>
          <div className="record-fields-grid">
            {g.fields.map((f) =>
              f.kind === 'rows' ? (
                <ChoiceRowsField
                  key={f.path}
                  field={f}
                  rows={Array.isArray(values[f.path]) ? (values[f.path] as readonly FormRow[]) : []}
                  errors={errors}
                  onChange={(v) => onChange(f.path, v)}
                />
              ) : (
                <RecordField
                  key={f.path}
                  field={f}
                  value={values[f.path] ?? (f.kind === 'checkbox' ? false : '')}
                  error={errors[f.path]}
                  readOnly={false}
                  onChange={(v) => onChange(f.path, v)}
                />
              ),
            )}
          </div>
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Saving…' : 'Save settings'}
        </button>
        <Link to={cancelTo}>Cancel</Link>
      </div>
    </form>
  );
}

interface ChoiceRowsFieldProps {
  field: FieldSpec;
  rows: readonly FormRow[];
  /** All the form's errors: this field's own and its cells' (`deployment.garrisons[1].node`). */
  errors: FormErrors;
  onChange: (rows: readonly FormRow[]) => void;
}

/**
 * A list of rows with the same columns, each row a labelled group ("Garrison 2") with a control per
 * column (a select where the column has choices) and a button to remove it, and a button to add one.
 * Its own error (a sector still in use that was removed) is shown under the list.
 */
export function ChoiceRowsField({ field, rows, errors, onChange }: ChoiceRowsFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const one = field.rowName ?? 'row';
  const columns = field.columns ?? [];
  const error = errors[field.path];
  const blank = (): FormRow => Object.fromEntries(columns.map((c) => [c.name, '']));
  const setCell = (index: number, column: string, value: string) =>
    onChange(rows.map((row, i) => (i === index ? { ...row, [column]: value } : row)));
  return (
    <div
      className={['field', 'field-wide', 'rows-field', error ? 'field-invalid' : '']
        .filter(Boolean)
        .join(' ')}
      data-field={field.path}
      role="group"
      // Focusable when at fault, so a refused save can take the user to the list's message.
      tabIndex={error ? -1 : undefined}
      aria-labelledby={`${id}-label`}
      aria-describedby={
        [field.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined
      }
    >
      <span className={field.label === field.group ? 'visually-hidden' : 'field-label'} id={`${id}-label`}>
        {field.label}
      </span>
      {field.hint && (
        <p className="field-hint" id={hintId}>
          {field.hint}
        </p>
      )}
      {rows.length === 0 && <p className="rows-empty">None.</p>}
      {rows.map((row, i) => {
        const name = `${capitalise(one)} ${i + 1}`;
        return (
          <div key={i} className="rows-row" role="group" aria-label={name}>
            {columns.map((c) => {
              const cellId = `${id}-${i}-${c.name}`;
              const cellError = errors[cellPath(field.path, i, c.name)];
              const text = row[c.name] ?? '';
              const choices = choicesOf(c);
              const common = {
                id: cellId,
                className: 'input',
                'aria-invalid': cellError ? true : undefined,
                'aria-describedby': cellError ? `${cellId}-error` : undefined,
                'aria-required': c.required ? true : undefined,
              } as const;
              // A stored name the choices do not list (a node since withdrawn) is still shown as it is.
              const listed =
                choices && !choices.some((o) => o.value === text)
                  ? [...choices, { value: text, label: text }]
                  : choices;
              return (
                <div key={c.name} className={cellError ? 'rows-cell field-invalid' : 'rows-cell'}>
                  <label htmlFor={cellId}>{c.label}</label>
                  {listed ? (
                    <select {...common} value={text} onChange={(e) => setCell(i, c.name, e.target.value)}>
                      {listed.map((o) => (
                        <option key={o.value} value={o.value}>
                          {o.label}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input
                      {...common}
                      type="text"
                      inputMode={
                        c.kind === 'integer' ? 'numeric' : c.kind === 'number' ? 'decimal' : undefined
                      }
                      autoComplete="off"
                      value={text}
                      onChange={(e) => setCell(i, c.name, e.target.value)}
                    />
                  )}
                  {cellError && (
                    <p className="field-error" id={`${cellId}-error`} role="alert">
                      {cellError}
                    </p>
                  )}
                </div>
              );
            })}
            <button
              type="button"
              className="button button-secondary rows-remove"
              onClick={() => onChange(rows.filter((_, j) => j !== i))}
            >
              Remove {one} {i + 1}
            </button>
          </div>
        );
      })}
      <p>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => onChange([...rows, blank()])}
        >
          Add a {one}
        </button>
      </p>
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
