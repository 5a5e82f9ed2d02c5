// Checks the forms make before they send anything, so a mistake is named next to its field at once
// instead of coming back from the server as a generic refusal. The server checks again: these rules
// mirror it (user name pattern, 12-character passwords, a liaison needs a nation) and never relax it.
import type { Role } from '../../src/domain/access.ts';

/** Field name → message; a field without an entry is fine. */
export type FieldErrors<F extends string> = Partial<Record<F, string>>;

export const MIN_PASSWORD_LENGTH = 12;

export function hasErrors(errors: FieldErrors<string>): boolean {
  return Object.values(errors).some((m) => m !== undefined);
}

export type SignInField = 'username' | 'password';

export function validateSignIn(form: { username: string; password: string }): FieldErrors<SignInField> {
  const errors: FieldErrors<SignInField> = {};
  if (form.username.trim() === '') errors.username = 'Enter your user name.';
  if (form.password === '') errors.password = 'Enter your password.';
  return errors;
}

export type PasswordField = 'currentPassword' | 'newPassword' | 'confirmPassword';

export function validatePasswordChange(form: {
  currentPassword: string;
  newPassword: string;
  confirmPassword: string;
}): FieldErrors<PasswordField> {
  const errors: FieldErrors<PasswordField> = {};
  if (form.currentPassword === '') errors.currentPassword = 'Enter your current password.';
  if (form.newPassword.length < MIN_PASSWORD_LENGTH) {
    errors.newPassword =
      form.newPassword === ''
        ? 'Enter a new password.'
        : `Use at least ${MIN_PASSWORD_LENGTH} characters (this one has ${form.newPassword.length}).`;
  } else if (form.newPassword === form.currentPassword) {
    errors.newPassword = 'Choose a password different from the current one.';
  }
  // Only worth saying once there is a new password to match.
  if (!errors.newPassword && form.confirmPassword !== form.newPassword) {
    errors.confirmPassword = 'This does not match the new password.';
  }
  return errors;
}

export type NewUserField = 'id' | 'displayName' | 'role' | 'nation';

/** The API's rule for user names (src/storage/store.ts UserRecord.id). */
const USER_NAME = /^[A-Za-z0-9._@-]{1,64}$/;
const NATION = /^[A-Z]{3}$/;

export function validateNewUser(form: {
  id: string;
  displayName: string;
  role: Role | '';
  nation: string;
}): FieldErrors<NewUserField> {
  const errors: FieldErrors<NewUserField> = {};
  const id = form.id.trim();
  if (id === '') errors.id = 'Enter a user name.';
  else if (!USER_NAME.test(id)) {
    errors.id = 'Use up to 64 letters, digits, dots, underscores, hyphens or @, without spaces.';
  }
  if (form.displayName.trim() === '') errors.displayName = 'Enter the name to show for this user.';
  if (form.role === '') errors.role = 'Choose a role.';
  const nation = normaliseNation(form.nation);
  if (nation === '') {
    if (form.role === 'liaison') errors.nation = 'A liaison officer must have a nation.';
  } else if (!NATION.test(nation)) {
    errors.nation = 'Use the three-letter ISO code, e.g. GBR.';
  } else if (form.role === 'planner' || form.role === 'administrator') {
    errors.nation = 'Planners and administrators belong to no nation: leave this empty.';
  }
  return errors;
}

/** Nation codes are upper case; people type them in either. */
export function normaliseNation(value: string): string {
  return value.trim().toUpperCase();
}

/** The answer to a 429: how long to wait, in whole minutes, from the Retry-After header's seconds. */
export function tooManyAttempts(retryAfterSeconds: number | undefined): string {
  if (retryAfterSeconds === undefined) return 'Too many attempts, try again later.';
  const minutes = Math.max(1, Math.ceil(retryAfterSeconds / 60));
  return `Too many attempts, try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}
