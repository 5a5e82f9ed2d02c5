// The sign-in page (/login). Signs in with user name and password; the server answers with an
// HttpOnly session cookie, so nothing here keeps a token. A user holding a one-time password must
// choose a new one before going on. Where to go afterwards is the app shell's business (it sends the
// user to the page they wanted, from `?next=`).
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { ApiError } from '../api-client.ts';
import { ChangePasswordForm } from '../components/change-password-form.tsx';
import { FormError, TextField } from '../components/form-field.tsx';
import { hasErrors, tooManyAttempts, validateSignIn, type FieldErrors, type SignInField } from '../forms.ts';
import { useDocumentTitle } from '../router.tsx';
import { useSession } from '../session.tsx';
import { useApiClient } from '../use-api.tsx';

export function LoginPage() {
  const { session, signOut } = useSession();
  const mustChange = session.status === 'signed-in' && session.user.mustChangePassword;
  useDocumentTitle(mustChange ? 'Choose a new password' : 'Sign in');

  if (mustChange) {
    return (
      <div className="auth-page">
        <section className="panel auth-panel" aria-labelledby="change-password-heading">
          <h1 id="change-password-heading">Choose a new password</h1>
          <p>
            You signed in as <strong>{session.user.displayName}</strong> with a one-time password. Choose your
            own password to continue.
          </p>
          <ChangePasswordForm autoFocus />
          <p className="auth-aside">
            Not you?{' '}
            <button type="button" className="link-button" onClick={() => void signOut()}>
              Sign out
            </button>
          </p>
        </section>
      </div>
    );
  }

  return (
    <div className="auth-page">
      <section className="panel auth-panel" aria-labelledby="sign-in-heading">
        <h1 id="sign-in-heading">Sign in</h1>
        {session.status === 'signed-out' && session.expired && (
          <p className="notice" role="status">
            Your session has ended. Sign in again to carry on where you were.
          </p>
        )}
        <SignInForm />
      </section>
    </div>
  );
}

function SignInForm() {
  const client = useApiClient();
  const { setUser } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<FieldErrors<SignInField>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const usernameRef = useRef<HTMLInputElement>(null);
  const passwordRef = useRef<HTMLInputElement>(null);

  // On a fresh load of /login nothing has focus yet; the user name is what the user wants to type.
  useEffect(() => {
    if (document.activeElement === document.body) usernameRef.current?.focus();
  }, []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    const found = validateSignIn({ username, password });
    setErrors(found);
    if (found.username) usernameRef.current?.focus();
    else if (found.password) passwordRef.current?.focus();
    if (hasErrors(found)) return;
    setBusy(true);
    try {
      const { user } = await client.signIn(username.trim(), password);
      setUser(user);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      setFailure(signInFailure(err));
      // A wrong password is retyped, not edited.
      setPassword('');
      passwordRef.current?.focus();
      setBusy(false);
    }
  };

  return (
    <form className="form" onSubmit={(e) => void submit(e)} noValidate aria-label="Sign in">
      <TextField
        label="User name"
        autoComplete="username"
        value={username}
        onChange={setUsername}
        error={errors.username}
        inputRef={usernameRef}
        spellCheck={false}
        autoFocus
        required
      />
      <TextField
        label="Password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={setPassword}
        error={errors.password}
        inputRef={passwordRef}
        required
      />
      {failure && <FormError>{failure}</FormError>}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </button>
      </div>
    </form>
  );
}

/** What to tell a user whose sign-in was refused. */
export function signInFailure(err: ApiError): string {
  if (err.status === 401) return 'Wrong user name or password. Check both and try again.';
  if (err.status === 429) return tooManyAttempts(err.retryAfterSeconds);
  return err.message;
}
