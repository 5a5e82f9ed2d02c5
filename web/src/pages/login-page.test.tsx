// The sign-in page rendered to static HTML: labelled fields, and the right form for the session.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, type UserView } from '../api-client.ts';
import { SessionProvider, describeRole, type Session } from '../session.tsx';
import { ApiClientProvider } from '../use-api.tsx';
import { LoginPage, signInFailure } from './login-page.tsx';

function render(session: Session): string {
  return renderToStaticMarkup(
    <ApiClientProvider
      client={new ApiClient({ fetch: () => Promise.reject(new Error('no network in tests')) })}
    >
      <SessionProvider initial={session}>
        <LoginPage />
      </SessionProvider>
    </ApiClientProvider>,
  );
}

/** The label texts with the id of the control each names, checked against the controls' ids. */
function labelledControls(html: string): string[] {
  const ids = new Set([...html.matchAll(/<(?:input|select)[^>]* id="([^"]+)"/g)].map((m) => m[1]));
  return [...html.matchAll(/<label for="([^"]+)">([^<]+)<\/label>/g)]
    .filter((m) => ids.has(m[1]))
    .map((m) => m[2] ?? '');
}

const user: UserView = {
  id: 'jsmith',
  displayName: 'J. Smith',
  role: 'liaison',
  nation: 'GBR',
  disabled: false,
  mustChangePassword: true,
  version: 1,
  createdAt: '2025-03-01T00:00:00Z',
  updatedAt: '2025-03-01T00:00:00Z',
};

describe('LoginPage', () => {
  it('asks for user name and password, each with its label', () => {
    const html = render({ status: 'signed-out', expired: false });
    expect(labelledControls(html)).toEqual(['User name', 'Password']);
    expect(html).toMatch(/<button type="submit"[^>]*>Sign in<\/button>/);
    expect(html).not.toContain('Your session has ended');
  });

  it('says so when the session ended', () => {
    expect(render({ status: 'signed-out', expired: true })).toContain('Your session has ended');
  });

  it('asks a user with a one-time password for a new one', () => {
    const html = render({ status: 'signed-in', user });
    expect(labelledControls(html)).toEqual(['Current password', 'New password', 'Confirm new password']);
    expect(html).toContain('At least 12 characters');
    expect(html).toContain('J. Smith');
  });
});

describe('signInFailure', () => {
  it('words wrong credentials and the rate limit', () => {
    expect(signInFailure(new ApiError(401, 'unauthenticated', 'wrong user name or password'))).toBe(
      'Wrong user name or password. Check both and try again.',
    );
    expect(signInFailure(new ApiError(429, 'rate_limited', 'slow down', [], undefined, 600))).toBe(
      'Too many attempts, try again in 10 minutes.',
    );
  });
});

describe('describeRole', () => {
  it('adds the nation a user belongs to', () => {
    expect(describeRole(user)).toBe('Liaison · GBR');
    expect(describeRole({ role: 'planner', nation: null })).toBe('Planner');
  });
});
