// The form for choosing a new password: forced after signing in with a one-time password, and on
// the account page at any time. Length and the confirmation are checked before anything is sent.
import { useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api-client.ts';
import {
  MIN_PASSWORD_LENGTH,
  hasErrors,
  tooManyAttempts,
  validatePasswordChange,
  type FieldErrors,
  type PasswordField,
} from '../forms.ts';
import { useSession } from '../session.tsx';
import { useApiClient } from '../use-api.tsx';
import { FormError, TextField } from './form-field.tsx';

interface ChangePasswordFormProps {
  /** Called after the server accepted the new password and the session was refreshed. */
  onChanged?: () => void;
  autoFocus?: boolean;
}

export function ChangePasswordForm({ onChanged, autoFocus = false }: ChangePasswordFormProps) {
  const client = useApiClient();
  const { setUser } = useSession();
  const [form, setForm] = useState({ currentPassword: '', newPassword: '', confirmPassword: '' });
  const [errors, setErrors] = useState<FieldErrors<PasswordField>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const refs = {
    currentPassword: useRef<HTMLInputElement>(null),
    newPassword: useRef<HTMLInputElement>(null),
    confirmPassword: useRef<HTMLInputElement>(null),
  };

  const set = (field: PasswordField) => (value: string) => setForm((f) => ({ ...f, [field]: value }));

  const showErrors = (found: FieldErrors<PasswordField>) => {
    setErrors(found);
    const first = (['currentPassword', 'newPassword', 'confirmPassword'] as const).find((f) => found[f]);
    if (first) refs[first].current?.focus();
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const found = validatePasswordChange(form);
    showErrors(found);
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      await client.changePassword(form.currentPassword, form.newPassword);
      // The server cleared mustChangePassword; take the user as it now stands.
      setUser(await client.me());
      setForm({ currentPassword: '', newPassword: '', confirmPassword: '' });
      onChanged?.();
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const fieldErrors = await explain(err);
      if (fieldErrors) showErrors(fieldErrors);
      else setFailure(err.status === 429 ? tooManyAttempts(err.retryAfterSeconds) : err.message);
    } finally {
      setBusy(false);
    }
  };

  /** Turns a refusal into field errors where it is about a field; undefined when it is not. */
  const explain = async (err: ApiError): Promise<FieldErrors<PasswordField> | undefined> => {
    const byField: FieldErrors<PasswordField> = {};
    for (const issue of err.issues) {
      const field = (['currentPassword', 'newPassword'] as const).find((f) => issue.path.endsWith(f));
      // The API words issues to follow the field's name ("is not your current password").
      if (field) byField[field] = `This ${issue.message.replace(/\.$/, '')}.`;
    }
    if (hasErrors(byField)) return byField;
    if (err.status === 401) {
      // The API answers a wrong current password with 400, so a 401 should be an ended session;
      // asking who is signed in makes sure (and then sends the user to sign in again).
      try {
        await client.me();
      } catch {
        return undefined;
      }
      return { currentPassword: 'The current password is not right.' };
    }
    return undefined;
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Change password">
      <TextField
        label="Current password"
        type="password"
        autoComplete="current-password"
        value={form.currentPassword}
        onChange={set('currentPassword')}
        error={errors.currentPassword}
        inputRef={refs.currentPassword}
        autoFocus={autoFocus}
        required
      />
      <TextField
        label="New password"
        type="password"
        autoComplete="new-password"
        value={form.newPassword}
        onChange={set('newPassword')}
        hint={`At least ${MIN_PASSWORD_LENGTH} characters. A few unrelated words make a strong one.`}
        error={errors.newPassword}
        inputRef={refs.newPassword}
        required
      />
      <TextField
        label="Confirm new password"
        type="password"
        autoComplete="new-password"
        value={form.confirmPassword}
        onChange={set('confirmPassword')}
        error={errors.confirmPassword}
        inputRef={refs.confirmPassword}
        required
      />
      {failure && <FormError>{failure}</FormError>}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Changing password…' : 'Change password'}
        </button>
      </div>
    </form>
  );
}
