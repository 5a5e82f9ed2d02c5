// The Users page's change of a user's role and nation, rendered to static HTML and through its pure
// parts: the labelled controls, what is sent (with the version read), refused fields shown at their
// field, and a version conflict that shows the account as it now is and offers to reload it.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, type UserView } from '../api-client.ts';
import { StaticRouterProvider } from '../router.tsx';
import { SessionProvider } from '../session.tsx';
import { ApiClientProvider } from '../use-api.tsx';
import {
  EditUserAccessView,
  UsersPage,
  accessFailure,
  accessFormOf,
  accessPatch,
  validateAccessChange,
  type EditUserAccessViewProps,
} from './users-page.tsx';

const user = (overrides: Partial<UserView> = {}): UserView => ({
  id: 'est-lno',
  displayName: 'Estonian LNO',
  role: 'liaison',
  nation: 'EST',
  disabled: false,
  mustChangePassword: false,
  version: 3,
  createdAt: '2025-03-01T00:00:00Z',
  updatedAt: '2025-03-01T00:00:00Z',
  ...overrides,
});

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

/** The label texts whose `for` names a control, in order. */
function labelledControls(html: string): string[] {
  const ids = new Set([...html.matchAll(/<(?:input|select)[^>]* id="([^"]+)"/g)].map((m) => m[1]));
  return [...html.matchAll(/<label for="([^"]+)">([^<]+)<\/label>/g)]
    .filter((m) => ids.has(m[1]))
    .map((m) => m[2] ?? '');
}

const noop = () => undefined;

function renderView(overrides: Partial<EditUserAccessViewProps> = {}): string {
  const u = overrides.user ?? user();
  return renderToStaticMarkup(
    <EditUserAccessView
      user={u}
      form={accessFormOf(u)}
      errors={{}}
      conflict={null}
      failure={null}
      busy={false}
      onChange={noop}
      onSubmit={noop}
      onReload={noop}
      onCancel={noop}
      {...overrides}
    />,
  );
}

describe('changing a user’s role and nation', () => {
  it('labels the role and nation controls and starts from the account as listed', () => {
    const html = renderView();
    expect(labelledControls(html)).toEqual(['Role', 'Nation']);
    expect(text(html)).toContain('Change the role and nation of est-lno');
    expect(text(html)).toContain('Now Liaison · EST.');
    expect(html).toMatch(/<option value="liaison" selected="">Liaison<\/option>/);
    expect(html).toMatch(/value="EST"/);
    expect(html).toMatch(/<button type="submit" class="button">Save role and nation<\/button>/);
  });

  it('checks role and nation before sending: a liaison officer needs a nation, staff have none', () => {
    expect(validateAccessChange({ role: 'liaison', nation: ' ' })).toEqual({
      nation: 'A liaison officer must have a nation.',
    });
    expect(validateAccessChange({ role: 'planner', nation: 'GBR' })).toEqual({
      nation: 'Planners and administrators belong to no nation: leave this empty.',
    });
    expect(validateAccessChange({ role: 'observer', nation: '' })).toEqual({});
    expect(validateAccessChange({ role: 'liaison', nation: 'fra' })).toEqual({});
  });

  it('sends the role, the nation (empty is none) and the version it was opened on', () => {
    expect(accessPatch(user(), { role: 'liaison', nation: ' fra ' })).toEqual({
      version: 3,
      role: 'liaison',
      nation: 'FRA',
    });
    expect(accessPatch(user({ version: 7 }), { role: 'planner', nation: '' })).toEqual({
      version: 7,
      role: 'planner',
      nation: null,
    });
  });

  it('shows a field the server refused at that field, with its reason', () => {
    const refused = accessFailure(
      new ApiError(400, 'invalid', 'nation: "XYZ" is not an ISO 3166-1 alpha-3 code', [
        { path: 'nation', message: '"XYZ" is not an ISO 3166-1 alpha-3 code' },
      ]),
    );
    expect(refused).toEqual({
      kind: 'fields',
      errors: { nation: 'This "XYZ" is not an ISO 3166-1 alpha-3 code.' },
    });
    const html = renderView({
      form: { role: 'liaison', nation: 'XYZ' },
      errors: refused.kind === 'fields' ? refused.errors : {},
    });
    expect(html).toMatch(/<p class="field-error" id="[^"]+-error" role="alert">This &quot;XYZ&quot; is not/);
    expect(html).toContain('field field-invalid');
  });

  it('shows the account as another administrator left it after a 409, and offers to reload it', () => {
    const current = user({ role: 'observer', nation: null, version: 4, displayName: 'Observer now' });
    const refused = accessFailure(
      new ApiError(409, 'conflict', 'user est-lno is at version 4, not 3', [], current),
    );
    expect(refused).toEqual({ kind: 'conflict', current });
    const html = renderView({ conflict: current });
    expect(text(html)).toContain('Not saved: another administrator changed est-lno meanwhile.');
    expect(text(html)).toContain('It is now Observer (display name “Observer now”)');
    expect(html).toMatch(/<button type="button" class="button">Reload est-lno<\/button>/);
    // Saving the stale form again is not offered until it is reloaded.
    expect(html).toMatch(/<button type="submit" class="button" disabled="">Save role and nation<\/button>/);
  });

  it('words a 409 without a current account (the last administrator) as a message', () => {
    expect(accessFailure(new ApiError(409, 'conflict', 'admin is the last active administrator'))).toEqual({
      kind: 'message',
      message: 'admin is the last active administrator',
    });
  });
});

describe('UsersPage', () => {
  const renderPage = (me: UserView) =>
    renderToStaticMarkup(
      <ApiClientProvider
        client={new ApiClient({ fetch: () => Promise.reject(new Error('no network in tests')) })}
      >
        <StaticRouterProvider path="/admin/users">
          <SessionProvider initial={{ status: 'signed-in', user: me }}>
            <UsersPage />
          </SessionProvider>
        </StaticRouterProvider>
      </ApiClientProvider>,
    );

  it('is for administrators only', () => {
    expect(text(renderPage(user({ role: 'planner', nation: null })))).toContain(
      'Only administrators may manage user accounts.',
    );
  });

  it('opens no change form before a user is chosen', () => {
    const html = text(renderPage(user({ id: 'admin', role: 'administrator', nation: null })));
    expect(html).toContain('Loading users…');
    expect(html).not.toContain('Change the role and nation');
  });
});
