// Draws a record form from its field list (record-form-model.ts): fields in labelled groups, each
// with its label, hint and error right beside it. An error is tied to its control (aria-invalid,
// aria-describedby) and announced as it appears, so a screen-reader user hears what is wrong with
// the field, where it is. Errors the API gives about the record as a whole are shown above the form.
// A list of structured rows (an arc's closures) is a group per row, with its own errors per cell.
import { useId, type FormEvent, type ReactNode } from 'react';
import { Link } from '../router.tsx';
import {
  capitalise,
  cellPath,
  type FieldSpec,
  type FormErrors,
  type FormRow,
  type FormValue,
  type FormValues,
} from './record-form-model.ts';

interface RecordFormProps {
  /** The form's accessible name, e.g. "New funding pledge". */
  label: string;
  fields: readonly FieldSpec[];
  values: FormValues;
  errors: FormErrors;
  onChange: (path: string, value: FormValue) => void;
  onSubmit: () => void;
  submitting: boolean;
  submitLabel: string;
  /** Where "Cancel" leads. */
  cancelTo: string;
  /** Editing: the record's key is shown but cannot be changed. */
  lockKey?: boolean;
  /** About the whole form: a refusal, a conflict, issues that name no field. */
  formError?: ReactNode;
  /** A class of the form's own, for its styles (`settings-form`). */
  className?: string;
}

export function RecordForm({
  label,
  fields,
  values,
  errors,
  onChange,
  onSubmit,
  submitting,
  submitLabel,
  cancelTo,
  lockKey = false,
  formError,
  className,
}: RecordFormProps) {
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
    <form
      className={className ? `form record-form ${className}` : 'form record-form'}
      aria-label={label}
      noValidate
      onSubmit={submit}
    >
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
                <RowsField
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
                  readOnly={lockKey && f.keyField === true}
                  onChange={(v) => onChange(f.path, v)}
                />
              ),
            )}
          </div>
        </fieldset>
      ))}
      <div className="form-actions">
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'Saving…' : submitLabel}
        </button>
        <Link to={cancelTo}>Cancel</Link>
      </div>
    </form>
  );
}

interface RecordFieldProps {
  field: FieldSpec;
  value: FormValue;
  error: string | undefined;
  readOnly: boolean;
  onChange: (value: FormValue) => void;
}

export function RecordField({ field, value, error, readOnly, onChange }: RecordFieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [field.hint ? hintId : '', error ? errorId : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: field.path,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': field.required && !readOnly ? true : undefined,
  } as const;
  const text = typeof value === 'string' ? value : '';

  if (field.kind === 'checkbox') {
    return (
      <div
        className={error ? 'field check-field field-invalid' : 'field check-field'}
        data-field={field.path}
      >
        <input
          {...common}
          type="checkbox"
          checked={value === true}
          onChange={(e) => onChange(e.target.checked)}
        />
        <label htmlFor={id}>{field.label}</label>
        {field.hint && (
          <p className="field-hint" id={hintId}>
            {field.hint}
          </p>
        )}
        {error && (
          <p className="field-error" id={errorId} role="alert">
            {error}
          </p>
        )}
      </div>
    );
  }

  if (field.kind === 'list' && field.options) {
    return (
      <ChoiceList
        field={field}
        chosen={text}
        error={error}
        readOnly={readOnly}
        onChange={onChange}
        ids={{ hintId, errorId }}
      />
    );
  }

  let control: ReactNode;
  if (field.kind === 'select') {
    // A stored value the choices do not list (a record's fixed key, say) is still shown as it is.
    const options = field.options ?? [];
    const listed = options.some((o) => o.value === text)
      ? options
      : [...options, { value: text, label: text }];
    control = (
      <select
        {...common}
        className="input"
        value={text}
        disabled={readOnly}
        onChange={(e) => onChange(e.target.value)}
      >
        {listed.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (field.kind === 'textarea') {
    control = (
      <textarea
        {...common}
        className="input"
        rows={3}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  } else if (field.kind === 'list' && field.lines) {
    control = (
      <textarea
        {...common}
        className="input"
        rows={3}
        readOnly={readOnly}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  } else {
    control = (
      <input
        {...common}
        className="input"
        type={field.kind === 'date' ? 'date' : field.kind === 'url' ? 'url' : 'text'}
        inputMode={field.kind === 'number' ? 'decimal' : field.kind === 'integer' ? 'numeric' : undefined}
        autoComplete="off"
        spellCheck={field.kind === 'text' ? undefined : false}
        readOnly={readOnly}
        value={text}
        onChange={(e) => onChange(e.target.value)}
      />
    );
  }
  return (
    <div
      className={[
        'field',
        error ? 'field-invalid' : '',
        field.wide || field.kind === 'textarea' ? 'field-wide' : '',
      ]
        .filter(Boolean)
        .join(' ')}
      data-field={field.path}
    >
      {/* The asterisk is outside the label, so the field's name is its label alone. */}
      <span className="field-label">
        <label htmlFor={id}>{field.label}</label>
        {field.required && !readOnly && (
          <span className="required-mark" aria-hidden="true">
            *
          </span>
        )}
      </span>
      {field.hint && (
        <p className="field-hint" id={hintId}>
          {field.hint}
        </p>
      )}
      {control}
      {error && (
        <p className="field-error" id={errorId} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

interface RowsFieldProps {
  field: FieldSpec;
  rows: readonly FormRow[];
  /** All the form's errors: this field's own and its cells' (`closures[1].to`). */
  errors: FormErrors;
  onChange: (rows: readonly FormRow[]) => void;
}

/**
 * A list of rows with the same columns, e.g. an arc's closure windows: each row a labelled group
 * ("Closure 2") with a control per column and a button to remove it, and a button to add one.
 */
export function RowsField({ field, rows, errors, onChange }: RowsFieldProps) {
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
              const choices = c.options;
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

/**
 * A list whose items come from a fixed set (an offer's excluded sectors, from the mission's sectors):
 * one box per choice, in a group named by the field. The value is the chosen items, one per line.
 * A stored item the set does not name is still shown, ticked, so saving does not drop it silently.
 */
function ChoiceList({
  field,
  chosen,
  error,
  readOnly,
  onChange,
  ids,
}: {
  field: FieldSpec;
  chosen: string;
  error: string | undefined;
  readOnly: boolean;
  onChange: (value: FormValue) => void;
  ids: { hintId: string; errorId: string };
}) {
  const baseId = useId();
  const picked = chosen.split('\n').filter((s) => s.trim() !== '');
  const options = field.options ?? [];
  const listed = [
    ...options,
    ...picked.filter((p) => !options.some((o) => o.value === p)).map((p) => ({ value: p, label: p })),
  ];
  const toggle = (value: string, on: boolean) => {
    const next = listed.map((o) => o.value).filter((v) => (v === value ? on : picked.includes(v)));
    onChange(next.join('\n'));
  };
  const describedBy = [field.hint ? ids.hintId : '', error ? ids.errorId : ''].filter(Boolean).join(' ');
  return (
    <fieldset
      className={['field', 'field-wide', 'choice-list', error ? 'field-invalid' : '']
        .filter(Boolean)
        .join(' ')}
      data-field={field.path}
      aria-describedby={describedBy || undefined}
      aria-invalid={error ? true : undefined}
    >
      <legend className="field-label">{field.label}</legend>
      <div className="choice-list-items">
        {listed.map((o, i) => (
          <span className="check-field" key={o.value}>
            <input
              id={`${baseId}-${i}`}
              type="checkbox"
              checked={picked.includes(o.value)}
              disabled={readOnly}
              onChange={(e) => toggle(o.value, e.target.checked)}
            />
            <label htmlFor={`${baseId}-${i}`}>{o.label}</label>
          </span>
        ))}
      </div>
      {field.hint && (
        <p className="field-hint" id={ids.hintId}>
          {field.hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={ids.errorId} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}
