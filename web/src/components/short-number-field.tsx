// A short number box of a small run form (Monte Carlo draws and seed, a climb probability, a notice to
// move): its label, a hint under it, and when the form's one error is about this field, the field
// marked invalid and described by that error (whose element the form renders with id `${formId}-error`).
export function ShortNumberField({
  formId,
  name,
  label,
  hint,
  value,
  onChange,
  invalid,
  decimal = false,
}: {
  formId: string;
  name: string;
  label: string;
  hint: string;
  value: string;
  onChange: (value: string) => void;
  invalid: boolean;
  /** A decimal keypad (a probability) rather than a numeric one. */
  decimal?: boolean;
}) {
  const id = `${formId}-${name}`;
  return (
    <div className={invalid ? 'field field-invalid' : 'field'}>
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        name={name}
        className="input input-short"
        inputMode={decimal ? 'decimal' : 'numeric'}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={invalid ? true : undefined}
        aria-describedby={`${id}-hint${invalid ? ` ${formId}-error` : ''}`}
      />
      <p className="field-hint" id={`${id}-hint`}>
        {hint}
      </p>
    </div>
  );
}
