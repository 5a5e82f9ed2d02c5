// A variant's note: the link to compare it with its parent, and "Promote to baseline" for coalition
// staff only: its confirmation, the 409 when the parent has moved on (with the API's reason and
// "Promote anyway"), and the request that then names the parent's current version.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { ScenarioSummary } from '../../../src/domain/records.ts';
import type { UserView } from '../api-client.ts';
import { StaticRouterProvider } from '../router.tsx';
import { SessionProvider } from '../session.tsx';
import { ApiClientProvider } from '../use-api.tsx';
import { BACKSTOP, BASELINE, fakeApi } from './compare-test-fixtures.ts';
import { PromoteView, VariantOrigin, promote, type PromoteState } from './variant-origin.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

const variantOf = {
  parent: BASELINE.id,
  parentVersion: 1,
  whatIfs: [{ title: 'The US gives a backstop', changes: ['2 offers count.'], notes: [] }],
};

const scenario = (version: number, extra: Partial<ScenarioSummary> = {}) =>
  ({ id: BACKSTOP.id, name: BACKSTOP.name, version, variantOf, ...extra }) as unknown as ScenarioSummary & {
    variantOf: typeof variantOf;
  };

const user = (role: UserView['role']): UserView => ({
  id: 'u1',
  displayName: 'U',
  role,
  nation: role === 'liaison' ? 'EST' : null,
  disabled: false,
  mustChangePassword: false,
  version: 1,
  createdAt: '2025-03-01T00:00:00Z',
  updatedAt: '2025-03-01T00:00:00Z',
});

function renderOrigin(role: UserView['role']): string {
  const { client } = fakeApi(() => ({ status: 500, body: {} }));
  return renderToStaticMarkup(
    <ApiClientProvider client={client}>
      <StaticRouterProvider path={`/scenarios/${BACKSTOP.id}`}>
        <SessionProvider initial={{ status: 'signed-in', user: user(role) }}>
          <VariantOrigin scenario={scenario(2)} />
        </SessionProvider>
      </StaticRouterProvider>
    </ApiClientProvider>,
  );
}

describe('VariantOrigin', () => {
  it('links the variant to its parent’s Compare page with the variant chosen', () => {
    const html = renderOrigin('observer');
    expect(html).toContain(
      `<a href="/scenarios/${BASELINE.id}/compare?variants=${BACKSTOP.id}">Compare with its parent</a>`,
    );
    expect(text(html)).toContain(
      'Variant of article-2025-03 as of its version 1: The US gives a backstop. 2 offers count.',
    );
  });

  it('offers “Promote to baseline” to planners and administrators only', () => {
    expect(text(renderOrigin('planner'))).toContain('Promote to baseline');
    expect(text(renderOrigin('administrator'))).toContain('Promote to baseline');
    expect(text(renderOrigin('liaison'))).not.toContain('Promote');
    expect(text(renderOrigin('observer'))).not.toContain('Promote');
  });
});

describe('PromoteView', () => {
  const render = (state: PromoteState) =>
    renderToStaticMarkup(
      <PromoteView
        variantName={BACKSTOP.name}
        parentId={BASELINE.id}
        state={state}
        onStart={() => undefined}
        onConfirm={() => undefined}
        onAnyway={() => undefined}
        onCancel={() => undefined}
      />,
    );

  it('asks for confirmation, saying what promotion replaces and what the parent keeps', () => {
    expect(render({ step: 'idle' })).toContain(
      '<button type="button" class="button button-secondary button-small">Promote to baseline</button>',
    );
    const t = text(render({ step: 'confirming' }));
    expect(t).toContain('Promote US backstop to baseline?');
    expect(t).toContain('The inputs of article-2025-03');
    expect(t).toContain(
      'article-2025-03 keeps its id, name and decision records; the change is recorded in the audit log.',
    );
    expect(t).toContain('Yes, promote to baseline Cancel');
  });

  it('on a 409 shows the API’s reason and offers “Promote anyway”', () => {
    const html = render({
      step: 'conflict',
      message: 'scenario article-2025-03 has changed since us-backstop was branched from it',
      contentVersion: 7,
    });
    expect(text(html)).toContain(
      'Not promoted: scenario article-2025-03 has changed since us-backstop was branched from it',
    );
    expect(html).toContain('>Promote anyway</button>');
  });

  it('offers no “Promote anyway” when the 409 does not say where the parent is now', () => {
    const html = render({ step: 'conflict', message: 'conflict', contentVersion: undefined });
    expect(html).not.toContain('Promote anyway');
    expect(text(html)).toContain('Reload article-2025-03 to see where it stands, then try again.');
  });
});

describe('promote', () => {
  const promoted = { id: BASELINE.id, name: BASELINE.name, version: 4 };
  const message =
    'scenario article-2025-03 has changed since us-backstop was branched from it (version 1), and promoting would overwrite those changes: to promote over them send parentContentVersion: 7';

  it('asks to promote, and reports a 409 with its reason and the parent’s content version now', async () => {
    const { client, requests } = fakeApi(() => ({
      status: 409,
      body: { error: { code: 'conflict', message, current: { contentVersion: 7 } } },
    }));
    expect(await promote(client, BACKSTOP.id)).toEqual({ kind: 'conflict', message, contentVersion: 7 });
    expect(requests).toEqual([{ method: 'POST', path: `/api/scenarios/${BACKSTOP.id}/promote`, body: {} }]);
  });

  it('“Promote anyway” sends the content version the 409 named', async () => {
    const { client, requests } = fakeApi(() => ({ status: 200, body: promoted }));
    expect(await promote(client, BACKSTOP.id, 7)).toEqual({ kind: 'promoted', parent: promoted });
    expect(requests).toEqual([
      { method: 'POST', path: `/api/scenarios/${BACKSTOP.id}/promote`, body: { parentContentVersion: 7 } },
    ]);
  });

  it('reports any other refusal as it is', async () => {
    const { client } = fakeApi(() => ({
      status: 403,
      body: { error: { code: 'forbidden', message: 'no' } },
    }));
    const outcome = await promote(client, BACKSTOP.id);
    expect(outcome.kind === 'refused' && outcome.error.status).toBe(403);
  });
});
