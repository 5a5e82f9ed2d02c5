// The application shell: skip link, banner with the main navigation and the signed-in user, the
// routed page in <main>, and a footer. Pages know nothing of the shell; the shell knows pages only
// through ROUTES. The shell is also the sign-in gate: nobody signed in (or a session that ended
// mid-way) means the sign-in page, remembering the page wanted, and back there after sign-in.
import { useEffect, useRef, useState } from 'react';
import type { ApiError } from './api-client.ts';
import { ErrorMessage, LoadingMessage } from './components/status-message.tsx';
import { LoginPage } from './pages/login-page.tsx';
import { NotFoundPage } from './pages/not-found-page.tsx';
import {
  AUDIT_PATH,
  HOME_PATH,
  LOGIN_PATH,
  PASSWORD_PATH,
  USERS_PATH,
  loginPath,
  nextAfterLogin,
} from './paths.ts';
import { ROUTES } from './routes.tsx';
import { Link, Routes, useFocusOnNavigate, useRouter } from './router.tsx';
import { canManageUsers, canReadAudit, describeRole, useSession, type Session } from './session.tsx';

export function App() {
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigate(main);
  const { path, search, navigate } = useRouter();
  const { session, refresh } = useSession();
  const onLoginPage = path === LOGIN_PATH;
  const needsSignIn = mustSignIn(session);

  useEffect(() => {
    // Replace, not push: the back button should not return to a page that only redirects.
    if (needsSignIn && !onLoginPage) navigate(loginPath(path + search), { replace: true });
    else if (onLoginPage && session.status === 'signed-in' && !needsSignIn) {
      navigate(nextAfterLogin(search), { replace: true });
    }
  }, [needsSignIn, onLoginPage, session.status, path, search, navigate]);

  let content;
  if (session.status === 'checking') content = <LoadingMessage>Checking your sign-in…</LoadingMessage>;
  else if (session.status === 'unavailable') {
    content = <Unavailable error={session.error} onRetry={refresh} />;
  } else if (onLoginPage) content = <LoginPage />;
  else if (needsSignIn) content = <LoadingMessage>Opening the sign-in page…</LoadingMessage>;
  else content = <Routes routes={ROUTES} fallback={<NotFoundPage />} />;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <Link to={HOME_PATH} className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Coalition Planner
        </Link>
        {session.status === 'signed-in' && !needsSignIn && <MainNav />}
        {session.status === 'signed-in' && <UserMenu />}
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        {content}
      </main>
      <footer className="app-footer">
        <p>Figures are planning assumptions; each carries its source or is marked as an assumption.</p>
      </footer>
    </>
  );
}

/** Signed out, or signed in with a one-time password that must be replaced first. */
function mustSignIn(session: Session): boolean {
  return (
    session.status === 'signed-out' || (session.status === 'signed-in' && session.user.mustChangePassword)
  );
}

function MainNav() {
  const { path } = useRouter();
  const { session } = useSession();
  if (session.status !== 'signed-in') return null;
  const { user } = session;
  // The list itself is the current page; a scenario's pages are within that section.
  const scenariosCurrent = path === HOME_PATH ? 'page' : path.startsWith('/scenarios/') ? 'true' : undefined;
  return (
    <nav aria-label="Main" className="main-nav">
      <ul>
        <li>
          <Link to={HOME_PATH} aria-current={scenariosCurrent}>
            Scenarios
          </Link>
        </li>
        {canReadAudit(user) && (
          <li>
            <Link to={AUDIT_PATH} aria-current={path === AUDIT_PATH ? 'page' : undefined}>
              Audit log
            </Link>
          </li>
        )}
        {canManageUsers(user) && (
          <li>
            <Link to={USERS_PATH} aria-current={path === USERS_PATH ? 'page' : undefined}>
              Users
            </Link>
          </li>
        )}
        <li>
          {/* The API's own documentation, served by the API server rather than this app. */}
          <a href="/docs">API docs</a>
        </li>
      </ul>
    </nav>
  );
}

/** Who is signed in, and the way out. */
function UserMenu() {
  const { session, signOut } = useSession();
  const { navigate } = useRouter();
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  if (session.status !== 'signed-in') return null;
  const { user } = session;

  const onSignOut = async () => {
    setFailure(null);
    setBusy(true);
    try {
      await signOut();
      // Straight to the sign-in page, not "sign in to return here": the next user may be someone else.
      navigate(LOGIN_PATH);
    } catch (e) {
      setFailure(`Could not sign out: ${(e as ApiError).message}`);
      setBusy(false);
    }
  };

  return (
    <section className="user-menu" aria-label="Signed in user">
      <p className="user-identity">
        <span className="user-name">{user.displayName}</span>
        <span className="user-role">{describeRole(user)}</span>
      </p>
      {!user.mustChangePassword && (
        <Link to={PASSWORD_PATH} className="user-link">
          Change password
        </Link>
      )}
      <button type="button" className="button button-quiet" onClick={() => void onSignOut()} disabled={busy}>
        Sign out
      </button>
      {failure && (
        <p className="user-menu-error" role="alert">
          {failure}
        </p>
      )}
    </section>
  );
}

function Unavailable({ error, onRetry }: { error: ApiError; onRetry: () => void }) {
  return (
    <>
      <h1>Coalition Planner is not reachable</h1>
      <ErrorMessage title="Could not check who is signed in." error={error} onRetry={onRetry} />
    </>
  );
}
