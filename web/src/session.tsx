// Who is signed in. Asked of the API once at start (GET /api/auth/me, answered from the HttpOnly
// session cookie), then kept here: the sign-in page sets it, "Sign out" clears it, and a 401 from any
// request marks the session as ended so the app can send the user back to the sign-in page.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '../../src/domain/access.ts';
import { ApiError, isAbort, type UserView } from './api-client.ts';
import { useApiClient } from './use-api.tsx';

export type Session =
  | { status: 'checking' }
  /** `expired`: a session was open and the server stopped accepting it (timeout, disabled user). */
  | { status: 'signed-out'; expired: boolean }
  | { status: 'signed-in'; user: UserView }
  /** The server could not be asked at all; not the same as being signed out. */
  | { status: 'unavailable'; error: ApiError };

interface SessionValue {
  session: Session;
  /** After a successful sign-in or password change. */
  setUser: (user: UserView) => void;
  signOut: () => Promise<void>;
  /** Asks the server again who is signed in. */
  refresh: () => void;
}

const SessionContext = createContext<SessionValue | null>(null);

export function SessionProvider({
  children,
  initial,
}: {
  children: ReactNode;
  /** A known session to start from (tests); without it the server is asked. */
  initial?: Session;
}) {
  const client = useApiClient();
  const [session, setSession] = useState<Session>(initial ?? { status: 'checking' });
  const [attempt, setAttempt] = useState(0);
  const known = initial !== undefined && attempt === 0;

  useEffect(() => {
    if (known) return;
    const controller = new AbortController();
    client.me({ signal: controller.signal }).then(
      (user) => setSession({ status: 'signed-in', user }),
      (e: unknown) => {
        if (controller.signal.aborted || isAbort(e)) return;
        if (e instanceof ApiError && e.status === 401) setSession({ status: 'signed-out', expired: false });
        else if (e instanceof ApiError) setSession({ status: 'unavailable', error: e });
        else setSession({ status: 'unavailable', error: new ApiError(0, 'client', String(e)) });
      },
    );
    return () => controller.abort();
  }, [client, attempt, known]);

  useEffect(
    () =>
      client.onUnauthenticated(() =>
        setSession((s) =>
          s.status === 'signed-out' ? s : { status: 'signed-out', expired: s.status === 'signed-in' },
        ),
      ),
    [client],
  );

  const setUser = useCallback((user: UserView) => setSession({ status: 'signed-in', user }), []);
  const signOut = useCallback(async () => {
    await client.signOut();
    setSession({ status: 'signed-out', expired: false });
  }, [client]);
  const refresh = useCallback(() => {
    setSession({ status: 'checking' });
    setAttempt((n) => n + 1);
  }, []);

  const value = useMemo(() => ({ session, setUser, signOut, refresh }), [session, setUser, signOut, refresh]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in user; only for pages the app shows after sign-in. */
export function useCurrentUser(): UserView {
  const { session } = useSession();
  if (session.status !== 'signed-in') throw new Error('useCurrentUser needs a signed-in user');
  return session.user;
}

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  administrator: 'Administrator',
  planner: 'Planner',
  liaison: 'Liaison',
  observer: 'Observer',
};

/** "Planner", or with the nation a user speaks for: "Liaison · GBR". */
export function describeRole(user: Pick<UserView, 'role' | 'nation'>): string {
  const role = ROLE_LABELS[user.role];
  return user.nation ? `${role} · ${user.nation}` : role;
}

/** Planners and administrators read the audit log (authorizeAuditRead in src/domain/access.ts). */
export function canReadAudit(user: Pick<UserView, 'role'>): boolean {
  return user.role === 'planner' || user.role === 'administrator';
}

export function canManageUsers(user: Pick<UserView, 'role'>): boolean {
  return user.role === 'administrator';
}
