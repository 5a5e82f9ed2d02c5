// The ladder editor rendered to static HTML: for a planner or an administrator, a collapsed
// disclosure with one fieldset per rung, lowest first, each field labelled, described by its hint and
// holding the stored value (indicators one per line), and the buttons to add, move, remove, save and
// cancel; its place on the Risk page, in the ladder panel under the rungs; for an observer or a
// liaison officer, nothing. Also what a refused save says: nothing changed, the scenario changed
// (with a way to reload it), issues that belong to no field.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { escalationSchema } from '../../../src/domain/escalation.ts';
import type { StoredScenario } from '../../../src/domain/records.ts';
import { escalationLadder } from '../../../src/domain/test-fixtures.ts';
import { ApiClient, type UserView } from '../api-client.ts';
import { RiskView } from '../pages/risk-page.tsx';
import { RISK_NAMES, riskEnvelope, riskResult } from '../pages/risk-test-fixtures.ts';
import { StaticRouterProvider } from '../router.tsx';
import { SessionProvider } from '../session.tsx';
import { ApiClientProvider } from '../use-api.tsx';
import {
  LADDER_EDITOR_TITLE,
  LadderProblem,
  RiskLadderEditor,
  type LadderHeader,
} from './risk-ladder-editor.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

const LADDER = escalationSchema.parse(escalationLadder());
const SCENARIO: LadderHeader = {
  id: 's1' as LadderHeader['id'],
  version: 4,
  escalation: { ...LADDER, rungs: [...LADDER.rungs].reverse() },
};
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

function signedIn(me: UserView, children: ReactNode): string {
  return renderToStaticMarkup(
    <ApiClientProvider
      client={new ApiClient({ fetch: () => Promise.reject(new Error('no network in tests')) })}
    >
      <StaticRouterProvider path={PATH}>
        <SessionProvider initial={{ status: 'signed-in', user: me }}>{children}</SessionProvider>
      </StaticRouterProvider>
    </ApiClientProvider>,
  );
}

const editorFor = (me: UserView, scenario: LadderHeader = SCENARIO) =>
  signedIn(me, <RiskLadderEditor scenario={scenario} onSaved={noop} onReload={noop} />);

/** Each fieldset's legend with the labels of its controls and the controls they name. */
function fieldsets(html: string): { legend: string; controls: Map<string, string> }[] {
  return [...html.matchAll(/<fieldset[^>]*>([\s\S]*?)<\/fieldset>/g)].map((m) => {
    const body = m[1]!;
    const legend = /<legend>([^<]*)<\/legend>/.exec(body)?.[1] ?? '';
    const controls = new Map(
      [...body.matchAll(/<(input|textarea)\b[^>]*\bid="([^"]+)"[^>]*>([^<]*)/g)].map((c) => [c[2]!, c[0]]),
    );
    const labelled = new Map(
      [...body.matchAll(/<label for="([^"]+)">([^<]+)<\/label>/g)].flatMap((l) => {
        const control = controls.get(l[1]!);
        return control ? [[l[2]!, control] as [string, string]] : [];
      }),
    );
    return { legend, controls: labelled };
  });
}

const LABELS = [
  'Id',
  'Level',
  'Hours to respond',
  'Owner',
  'Name',
  'Indicators',
  'Threshold up',
  'Threshold down',
  'Response',
];

describe('the ladder editor', () => {
  it('gives a planner a collapsed disclosure with a fieldset per rung, lowest first', () => {
    const html = editorFor(user('planner'));
    expect(html).toMatch(
      /^<details class="risk-ladder-editor"><summary>Edit the escalation ladder<\/summary>/,
    );
    expect(html).toContain(`aria-label="${LADDER_EDITOR_TITLE}"`);
    const sets = fieldsets(html);
    expect(sets.map((s) => s.legend)).toEqual([
      'Rung 1: Ceasefire violation',
      'Rung 2: Attack on coalition troops',
    ]);
    for (const { controls } of sets) {
      expect([...controls.keys()]).toEqual(LABELS);
      // Each control is described by its hint.
      for (const control of controls.values()) expect(control).toMatch(/aria-describedby="[^"]+-hint"/);
    }
    const [first, second] = sets.map((s) => s.controls);
    expect(first!.get('Id')).toContain('value="violation"');
    expect(first!.get('Level')).toContain('value="1"');
    expect(first!.get('Level')).toContain('inputMode="numeric"');
    expect(first!.get('Hours to respond')).toContain('value="24"');
    expect(first!.get('Owner')).toContain('value="Ukraine"');
    expect(first!.get('Indicators')).toMatch(/^<textarea[^>]*>\s*Small-arms fire across the line$/);
    expect(first!.get('Response')).toContain('Report to the monitoring mission.');
    expect(second!.get('Id')).toContain('value="attack"');
    expect(second!.get('Hours to respond')).toContain('value="48"');
  });

  it('offers to move, remove and add rungs, and to save or cancel', () => {
    const page = text(editorFor(user('administrator')));
    expect(page).toContain('Move rung 1 up Move rung 1 down Remove rung 1');
    expect(page).toContain('Move rung 2 up Move rung 2 down Remove rung 2');
    expect(page).toContain('Add a rung');
    expect(page).toContain('Save the ladder Cancel');
    expect(page).toContain('Moving a rung renumbers the levels 1, 2, 3… in the order shown.');
    const html = editorFor(user('planner'));
    // The lowest rung cannot go lower, nor the highest higher.
    expect(html).toMatch(/<button type="button" id="[^"]+-up" class="[^"]*" disabled="">Move/);
    expect(html.match(/disabled="">Move/g)).toHaveLength(2);
  });

  it('starts from no rungs where the scenario has no ladder', () => {
    const html = editorFor(user('planner'), { ...SCENARIO, escalation: undefined });
    expect(fieldsets(html)).toEqual([]);
    expect(text(html)).toContain('The ladder has no rungs: add the lowest first.');
  });

  it('shows nothing to a reader who may not change the scenario', () => {
    expect(editorFor(user('observer'))).toBe('');
    expect(editorFor(user('liaison', 'GBR'))).toBe('');
  });

  it('stands in the ladder panel on the Risk page, under the rungs', () => {
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
        ladderEditor={<RiskLadderEditor scenario={SCENARIO} onSaved={noop} onReload={noop} />}
      />,
    );
    const panel = html.indexOf('>Escalation ladder</h2>');
    const rungs = html.indexOf('Rungs of the escalation ladder');
    const at = html.indexOf(`<summary>${LADDER_EDITOR_TITLE}</summary>`);
    const outcome = html.indexOf('Force where the escalation stops');
    expect(panel).toBeGreaterThan(-1);
    expect(rungs).toBeGreaterThan(panel);
    expect(at).toBeGreaterThan(rungs);
    expect(outcome).toBeGreaterThan(at);
  });
});

describe('a refused save', () => {
  const base = { escalation: SCENARIO.escalation };
  const render = (problem: Parameters<typeof LadderProblem>[0]['problem']) =>
    text(
      renderToStaticMarkup(<LadderProblem problem={problem} base={base} onReload={noop} onKeepMine={noop} />),
    );

  it('says when nothing changed', () => {
    expect(render({ kind: 'unchanged' })).toBe('Nothing has changed: there is nothing to save.');
  });

  it('says the scenario changed, whether its ladder did, and offers to reload it', () => {
    const current = { ...SCENARIO, version: 6, updatedAt: '2025-03-03T10:00:00Z' } as StoredScenario;
    const same = render({ kind: 'conflict', current });
    expect(same).toContain('it is now at version 6');
    expect(same).toContain('Your changes to the ladder were not saved.');
    expect(same).toContain('The ladder is as you found it');
    expect(same).toContain('Reload the ladder as it now stands');
    expect(same).toContain('Keep my changes to save them over it');
    const changed = render({
      kind: 'conflict',
      current: { ...current, escalation: { ...LADDER, rungs: LADDER.rungs.slice(1) } },
    });
    expect(changed).toContain('The ladder itself was changed');
  });

  it('lists the issues that belong to no field', () => {
    expect(
      render({ kind: 'issues', issues: [{ path: 'escalation.source.url', message: 'must be a URL' }] }),
    ).toContain('The escalation ladder was not saved: escalation.source.url : must be a URL');
  });
});
