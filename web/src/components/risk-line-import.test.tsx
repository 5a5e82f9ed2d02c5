// The line-of-contact import rendered to static HTML: for a planner or an administrator, its labelled
// fields (the file, the line's date at the scenario's as-of date, a source or an assumption), the
// sentence saying what the file must be, and its place on the Risk page under the map; for an
// observer or a liaison officer, nothing. Also the saved notice after an import, and what a refused
// import says: the scenario changed (with a way to reload it), or issues that belong to no field.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { StoredScenario } from '../../../src/domain/records.ts';
import { ApiClient, ApiError, type UserView } from '../api-client.ts';
import { StaticRouterProvider } from '../router.tsx';
import { SessionProvider } from '../session.tsx';
import { ApiClientProvider } from '../use-api.tsx';
import { withSaved } from '../pages/edit-saved-notice.tsx';
import { RiskView } from '../pages/risk-page.tsx';
import { RISK_NAMES, riskEnvelope, riskResult } from '../pages/risk-test-fixtures.ts';
import { LINE_IMPORT_TITLE, LineImportProblem, RiskLineImport } from './risk-line-import.tsx';
import { savedText } from './risk-line-import-model.ts';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

const SCENARIO = { id: 's1', version: 4, asOf: '2025-03-02' };
const PATH = `/scenarios/${SCENARIO.id}/risk`;
const noop = () => undefined;

const user = (role: UserView['role'], nation: string | null = null): UserView => ({
  id: role,
  displayName: role,
  role,
  nation,
  disabled: false,
  mustChangePassword: false,
  version: 1,
  createdAt: '2025-03-01T00:00:00Z',
  updatedAt: '2025-03-01T00:00:00Z',
});

function signedIn(me: UserView, children: ReactNode, search = ''): string {
  return renderToStaticMarkup(
    <ApiClientProvider
      client={new ApiClient({ fetch: () => Promise.reject(new Error('no network in tests')) })}
    >
      <StaticRouterProvider path={PATH} search={search}>
        <SessionProvider initial={{ status: 'signed-in', user: me }}>{children}</SessionProvider>
      </StaticRouterProvider>
    </ApiClientProvider>,
  );
}

const importFor = (me: UserView, search = '') =>
  signedIn(me, <RiskLineImport scenario={SCENARIO} onSaved={noop} onReload={noop} />, search);

/** Each label's text with the control it names (`<input … id="x">`, `<textarea id="x">`). */
function labelledControls(html: string): Map<string, string> {
  const controls = new Map(
    [...html.matchAll(/<(input|textarea)\b[^>]*\bid="([^"]+)"[^>]*>/g)].map((m) => [m[2]!, m[0]]),
  );
  return new Map(
    [...html.matchAll(/<label for="([^"]+)">([^<]+)<\/label>/g)].flatMap((m) => {
      const control = controls.get(m[1]!);
      return control ? [[m[2]!, control] as [string, string]] : [];
    }),
  );
}

describe('the line-of-contact import', () => {
  it('gives a planner the file, the date, and a source to name', () => {
    const html = importFor(user('planner'));
    expect(html).toContain(`>${LINE_IMPORT_TITLE}</h2>`);
    expect(html).toContain(`aria-label="${LINE_IMPORT_TITLE}"`);
    const controls = labelledControls(html);
    expect([...controls.keys()]).toEqual([
      'GeoJSON file',
      'Line drawn as of',
      'Publication',
      'Published on',
      'Link',
    ]);
    const file = controls.get('GeoJSON file')!;
    expect(file).toContain('type="file"');
    expect(file).toContain('accept=".geojson,.json,application/geo+json,application/json"');
    // The line's date starts at the scenario's as-of date.
    expect(controls.get('Line drawn as of')).toContain(`value="${SCENARIO.asOf}"`);
    expect(controls.get('Line drawn as of')).toContain('type="date"');
    expect(controls.get('Link')).toContain('type="url"');
    // Each control is described by its hint.
    for (const control of controls.values()) expect(control).toMatch(/aria-describedby="[^"]+-hint"/);
    // A source or an assumption, the source chosen.
    const page = text(html);
    expect(page).toContain('Where the line comes from');
    const radios = [...html.matchAll(/<input type="radio"[^>]*>/g)].map((m) => m[0]);
    expect(radios.map((r) => /value="(\w+)"/.exec(r)?.[1])).toEqual(['source', 'assumption']);
    expect(radios.map((r) => r.includes('checked=""'))).toEqual([true, false]);
    expect(page).toContain('A published source');
    expect(page).toContain('An assumption');
    expect(html).toMatch(/<button type="submit" class="button">Import and replace the line<\/button>/);
  });

  it('says what the file must be, and whose data may be used', () => {
    const page = text(importFor(user('administrator')));
    expect(page).toContain('a LineString or MultiLineString');
    expect(page).toContain('positions in longitude and latitude (WGS84)');
    expect(page).toContain('Use third-party front-line data only where its licence allows.');
  });

  it('shows nothing to a reader who may not change the scenario', () => {
    expect(importFor(user('observer'))).toBe('');
    expect(importFor(user('liaison', 'GBR'))).toBe('');
  });

  it('says what was imported once saved', () => {
    const saved = savedText('2025-03-01', 'front.geojson', 5);
    const search = withSaved(PATH, saved).slice(PATH.length);
    expect(text(importFor(user('planner'), search))).toContain(`Saved: ${saved}.`);
  });

  it('stands under the map on the Risk page', () => {
    const html = signedIn(
      user('planner'),
      <RiskView
        scenarioId={SCENARIO.id}
        envelope={riskEnvelope(riskResult())}
        names={RISK_NAMES}
        assumptions={{ usBackstop: false, allowLate: false }}
        onAssumptionsChange={noop}
        onRun={noop}
        onThreat={noop}
        map={{ status: 'loading' }}
        project={null}
        sectorPlaces={new Map()}
        lineImport={<RiskLineImport scenario={SCENARIO} onSaved={noop} onReload={noop} />}
      />,
    );
    const map = html.indexOf('>Line of contact and exposure</h2>');
    const at = html.indexOf(`>${LINE_IMPORT_TITLE}</h2>`);
    const exposure = html.indexOf('Personnel per distance band');
    expect(map).toBeGreaterThan(-1);
    expect(at).toBeGreaterThan(map);
    expect(exposure).toBeGreaterThan(at);
  });
});

describe('a refused import', () => {
  it('says the scenario changed and offers to reload it', () => {
    const current = { id: 's1', version: 6, updatedAt: '2025-03-03T10:00:00Z' } as StoredScenario;
    const page = text(
      renderToStaticMarkup(<LineImportProblem problem={{ kind: 'conflict', current }} onReload={noop} />),
    );
    expect(page).toContain('The scenario changed while you were importing: it is now at version 6');
    expect(page).toContain('The line was not replaced.');
    expect(page).toContain('Reload the scenario');
  });

  it('lists the issues that belong to no field', () => {
    const page = text(
      renderToStaticMarkup(
        <LineImportProblem
          problem={{ kind: 'issues', issues: [{ path: 'version', message: 'must be a whole number' }] }}
          onReload={noop}
        />,
      ),
    );
    expect(page).toContain('The line of contact was not saved: version : must be a whole number');
  });

  it('says why the API refused it', () => {
    const error = new ApiError(403, 'forbidden', 'observers may not change a scenario');
    const page = text(
      renderToStaticMarkup(<LineImportProblem problem={{ kind: 'refused', error }} onReload={noop} />),
    );
    expect(page).toContain('Not permitted: observers may not change a scenario (HTTP 403, forbidden)');
  });
});
