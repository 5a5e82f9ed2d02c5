// A labelled control with its hint under the label and its error under the control, tied to the
// control by id, aria-invalid and aria-describedby; the control is drawn by the caller (an input, a
// textarea, a file picker), which spreads the `aria` it is handed. `data-field` names the field as the
// API reports it, so a form can move focus to the first field at fault.
import type { ReactNode } from 'react';

export interface ControlAria {
  id: string;
  'aria-invalid': true | undefined;
  'aria-describedby': string | undefined;
}

export function HintedField({
  id,
  name,
  label,
  hint,
  error,
  className,
  children,
}: {
  id: string;
  name: string;
  label: string;
  hint: ReactNode;
  error: string | undefined;
  /** Classes besides `field` (a layout span). */
  className?: string | undefined;
  children: (aria: ControlAria) => ReactNode;
}) {
  const describedBy = [`${id}-hint`, error ? `${id}-error` : ''].filter(Boolean).join(' ');
  const classes = ['field', className ?? '', error ? 'field-invalid' : ''].filter(Boolean).join(' ');
  return (
    <div className={classes} data-field={name}>
      <label htmlFor={id}>{label}</label>
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
      {children({ id, 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy })}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
