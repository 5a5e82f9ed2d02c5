// Labelled form controls with their hint and error beside them. The error is tied to the control
// (aria-describedby, aria-invalid) and announced as it appears (role alert), so a screen-reader user
// hears what is wrong with the field they are on, not just that "the form has errors".
import { useId, type ChangeEvent, type ReactNode, type Ref } from 'react';

interface FieldShellProps {
  id: string;
  label: string;
  hint?: ReactNode;
  error?: string | undefined;
  children: ReactNode;
}

function FieldShell({ id, label, hint, error, children }: FieldShellProps) {
  return (
    <div className={error ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      {hint && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {children}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, hint: unknown, error: unknown): string | undefined {
  const ids = [hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}

interface TextFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'password';
  name?: string;
  autoComplete?: string;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  /** Asks the app to focus this field when the page opens (see useFocusOnNavigate). */
  autoFocus?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  className?: string;
  spellCheck?: boolean;
}

export function TextField({
  label,
  value,
  onChange,
  type = 'text',
  name,
  autoComplete,
  hint,
  error,
  required,
  autoFocus,
  inputRef,
  className,
  spellCheck,
}: TextFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        ref={inputRef}
        type={type}
        name={name}
        value={value}
        autoComplete={autoComplete}
        required={required}
        spellCheck={spellCheck}
        className={className ? `input ${className}` : 'input'}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        data-autofocus={autoFocus ? '' : undefined}
        onChange={(e: ChangeEvent<HTMLInputElement>) => onChange(e.target.value)}
      />
    </FieldShell>
  );
}

export interface SelectOption {
  value: string;
  label: string;
}

interface SelectFieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: readonly SelectOption[];
  name?: string;
  hint?: ReactNode;
  error?: string | undefined;
  required?: boolean;
  selectRef?: Ref<HTMLSelectElement>;
}

export function SelectField({
  label,
  value,
  onChange,
  options,
  name,
  hint,
  error,
  required,
  selectRef,
}: SelectFieldProps) {
  const id = useId();
  return (
    <FieldShell id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        ref={selectRef}
        name={name}
        value={value}
        required={required}
        className="input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onChange(e.target.value)}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

/** An error about the whole form (wrong credentials, a refused request), shown beside it and announced. */
export function FormError({ children }: { children: ReactNode }) {
  return (
    <div className="form-error" role="alert">
      {children}
    </div>
  );
}
