// The scenario settings form without a browser: a stored header reads into the form and back into
// the same header (nothing to send); an edit sends the mission and the deployment settings whole,
// with what the form does not show kept as it was, and valid to the API's own patch schema; the
// form's own checks and the API's issues land on the field or the row's cell they name; and the form
// draws its rows' references as selects.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { scenarioHeaderPatchSchema } from '../../../src/domain/records.ts';
import { SettingsProblem, headerFacts } from '../pages/scenario-settings-page.tsx';
import { StaticRouterProvider } from '../router.tsx';
import type { FormContext, FormRow, FormValues } from './record-form-model.ts';
import { scenarioSettingsFields } from './header-form-specs.ts';
import { RecordForm } from './record-form.tsx';
import {
  sectorNamesOf,
  settingsIssuesByField,
  settingsPatchOf,
  settingsValuesOf,
  type SettingsHeader,
} from './scenario-settings-model.ts';

const ctx: FormContext = {
  nations: [
    { id: 'GBR', name: 'United Kingdom' },
    { id: 'UKR', name: 'Ukraine' },
  ],
  capabilities: [{ code: 'FTR-SQN', name: 'Fighter squadron' }],
  references: {
    nodes: [
      { value: 'GBR-TIDWORTH', label: 'GBR-TIDWORTH: Tidworth' },
      { value: 'UKR-KYIV', label: 'UKR-KYIV: Kyiv' },
      { value: 'UKR-ODESA', label: 'UKR-ODESA: Odesa' },
    ],
  },
  sectors: ['Kyiv', 'Odesa'],
};
const fields = scenarioSettingsFields(ctx);

/** A stored header with every part the form shows, and some it does not (goals, components…). */
function storedHeader(overrides: Partial<SettingsHeader> = {}): SettingsHeader {
  return {
    version: 3,
    updatedAt: '2025-03-04T10:00:00.000Z',
    name: 'Test coalition',
    description: 'A small scenario.',
    asOf: '2025-03-02',
    mission: {
      name: 'Reassurance force',
      hostNation: 'UKR',
      forceTarget: {
        personnel: 20_000,
        range: { min: 15_000, max: 30_000 },
        estimates: [{ personnel: 30_000, label: 'Upper', assumption: 'Press reports.' }],
        assumption: 'Between the estimates.',
      },
      sectors: [
        { name: 'Kyiv', description: 'The capital region.', assumption: 'A planning sector.' },
        { name: 'Odesa', source: { publication: 'Planning note', date: '2025-03-01' } },
      ],
      goals: [{ text: 'Deter renewed aggression.', assumption: 'Stated aim.' }],
      headquarters: [],
      components: [{ name: 'Land', domain: 'land', task: 'Reassure.', leadNations: ['GBR'] }],
      events: [],
    },
    deployment: {
      activationCDay: -30,
      onwardMovementDays: 7,
      arrivalWindowDays: 14,
      sectorDestinations: { Kyiv: 'UKR-KYIV', Odesa: 'UKR-ODESA' },
      garrisons: [
        { nation: 'GBR', node: 'GBR-TIDWORTH' },
        { nation: 'GBR', capability: 'FTR-SQN', node: 'GBR-TIDWORTH' },
      ],
      assumption: 'Planning figures.',
    },
    ...overrides,
  } as SettingsHeader;
}

const rows = (values: FormValues, path: string) => values[path] as readonly FormRow[];

describe('the scenario settings form', () => {
  it('reads a stored header and gives it back unchanged: nothing to send', () => {
    const header = storedHeader();
    const values = settingsValuesOf(fields, header);
    expect(values['mission.cDay']).toBe('');
    expect(values['mission.forceTarget.range.min']).toBe('15000');
    expect(rows(values, 'mission.sectors')).toEqual([
      { name: 'Kyiv', description: 'The capital region.', assumption: 'A planning sector.' },
      { name: 'Odesa', description: '', assumption: '' },
    ]);
    expect(rows(values, 'deployment.sectorDestinations')).toEqual([
      { sector: 'Kyiv', node: 'UKR-KYIV' },
      { sector: 'Odesa', node: 'UKR-ODESA' },
    ]);
    expect(rows(values, 'deployment.garrisons')[0]).toEqual({
      nation: 'GBR',
      capability: '',
      node: 'GBR-TIDWORTH',
    });
    expect(settingsPatchOf(fields, header, values)).toEqual({ patch: {}, errors: {} });
    // A scenario without deployment settings, read and saved untouched, gains none.
    const bare = storedHeader({ deployment: undefined });
    expect(settingsPatchOf(fields, bare, settingsValuesOf(fields, bare))).toEqual({ patch: {}, errors: {} });
  });

  it('sends the mission and the settings whole, keeping what the form does not show', () => {
    const header = storedHeader();
    const values = settingsValuesOf(fields, header);
    const edited: FormValues = {
      ...values,
      'mission.cDay': '2025-06-01',
      'mission.sectors': [
        ...rows(values, 'mission.sectors'),
        { name: 'Dnipro', description: 'The Dnipro axis.', assumption: '' },
      ],
      'deployment.onwardMovementDays': '10',
      'deployment.sectorDestinations': [
        ...rows(values, 'deployment.sectorDestinations'),
        { sector: 'Dnipro', node: 'UKR-KYIV' },
      ],
    };
    const { patch, errors } = settingsPatchOf(fields, header, edited);
    expect(errors).toEqual({});
    expect(Object.keys(patch).sort()).toEqual(['deployment', 'mission']);
    expect(patch.mission).toEqual({
      ...header.mission,
      cDay: '2025-06-01',
      sectors: [...header.mission.sectors, { name: 'Dnipro', description: 'The Dnipro axis.' }],
    });
    expect(patch.deployment).toEqual({
      ...header.deployment,
      onwardMovementDays: 10,
      sectorDestinations: { Kyiv: 'UKR-KYIV', Odesa: 'UKR-ODESA', Dnipro: 'UKR-KYIV' },
    });
    expect(scenarioHeaderPatchSchema.safeParse(patch).success).toBe(true);
    expect(sectorNamesOf(edited)).toEqual(['Kyiv', 'Odesa', 'Dnipro']);
  });

  it('changes the name, the date and the host nation on their own; a renamed sector keeps its source', () => {
    const header = storedHeader();
    const values = settingsValuesOf(fields, header);
    const sectors = rows(values, 'mission.sectors');
    const { patch } = settingsPatchOf(fields, header, {
      ...values,
      name: 'Renamed',
      asOf: '2025-04-01',
      'mission.hostNation': '',
      'mission.sectors': [sectors[0]!, { ...sectors[1]!, name: 'Odesa coast' }],
    });
    expect(patch.name).toBe('Renamed');
    expect(patch.asOf).toBe('2025-04-01');
    expect(patch).not.toHaveProperty('description');
    expect(patch.mission).not.toHaveProperty('hostNation');
    expect((patch.mission?.sectors as unknown[])[1]).toEqual({
      name: 'Odesa coast',
      source: { publication: 'Planning note', date: '2025-03-01' },
    });
  });

  it('removes the deployment settings when every one of their fields is emptied', () => {
    const header = storedHeader();
    const values = settingsValuesOf(fields, header);
    const emptied = Object.fromEntries(
      Object.entries(values).map(([k, v]) => [
        k,
        k.startsWith('deployment.') ? (Array.isArray(v) ? [] : '') : v,
      ]),
    );
    expect(settingsPatchOf(fields, header, emptied)).toEqual({ patch: { deployment: null }, errors: {} });
  });

  it('says what stops a save before sending it, at the field or cell', () => {
    const header = storedHeader({ deployment: undefined });
    const values = settingsValuesOf(fields, header);
    const { errors } = settingsPatchOf(fields, header, {
      ...values,
      description: '',
      'mission.forceTarget.range.max': '',
      'deployment.sectorDestinations': [
        { sector: 'Kyiv', node: 'UKR-KYIV' },
        { sector: 'Kyiv', node: '' },
      ],
    });
    expect(errors).toEqual({
      description: 'A description once given can be changed but not emptied.',
      'mission.forceTarget.range.max': 'Enter both ends of the range, or neither.',
      'deployment.onwardMovementDays':
        'Enter the onward movement (RSOM) days: the deployment settings need them.',
      'deployment.arrivalWindowDays': 'Enter the arrival window days: the deployment settings need them.',
      'deployment.sectorDestinations[1].node': 'Choose the destination node.',
      'deployment.sectorDestinations[1].sector': 'Already given in destination 1.',
    });
  });

  it('puts the API’s issues at the field, the row or the sector’s destination they name', () => {
    const values = settingsValuesOf(fields, storedHeader());
    const { errors, general } = settingsIssuesByField(
      fields,
      [
        { path: 'mission.sectors', message: 'must keep sector "Kyiv": requirement line R-1 names it' },
        { path: 'mission.sectors[1].name', message: 'duplicates mission.sectors[0].name "Kyiv"' },
        {
          path: 'deployment.sectorDestinations.Odesa',
          message: 'names unknown node "X" (not in network.nodes)',
        },
        {
          path: 'deployment.sectorDestinations.Kyiv',
          message: 'names unknown sector "Kyiv" (not in mission.sectors)',
        },
        { path: 'deployment.garrisons[1]', message: 'repeats garrisons[0] (GBR, default)' },
        { path: 'mission.cDay', message: 'must be a date written YYYY-MM-DD' },
        { path: 'mission.goals[0].text', message: 'must not be empty' },
      ],
      values,
    );
    expect(errors).toEqual({
      'mission.sectors': 'Must keep sector "Kyiv": requirement line R-1 names it.',
      'mission.sectors[1].name': 'Duplicates mission.sectors[0].name "Kyiv".',
      'deployment.sectorDestinations[1].node': 'Names unknown node "X" (not in network.nodes).',
      'deployment.sectorDestinations[0].sector': 'Names unknown sector "Kyiv" (not in mission.sectors).',
      'deployment.garrisons[1].nation': 'Repeats garrisons[0] (GBR, default).',
      'mission.cDay': 'Must be a date written YYYY-MM-DD.',
    });
    expect(general).toEqual([{ path: 'mission.goals[0].text', message: 'must not be empty' }]);
  });

  it('draws references in rows as selects, and the sector list’s refusal under it', () => {
    const values = settingsValuesOf(fields, storedHeader());
    const html = renderToStaticMarkup(
      <StaticRouterProvider path="/scenarios/s1/edit/settings">
        <RecordForm
          className="settings-form"
          submitLabel="Save settings"
          label="Scenario settings"
          fields={fields}
          values={values}
          errors={{
            'mission.sectors': 'Must keep sector "Kyiv".',
            'deployment.garrisons[1].node': 'Names unknown node.',
          }}
          onChange={() => undefined}
          onSubmit={() => undefined}
          submitting={false}
          cancelTo="/scenarios/s1"
        />
      </StaticRouterProvider>,
    );
    expect(html).toContain('<form class="form record-form settings-form" aria-label="Scenario settings"');
    expect(html).toContain('role="group" aria-label="Destination 2"');
    expect(html).toContain('role="group" aria-label="Garrison 2"');
    expect(html).toContain('>Add a sector</button>');
    expect(html).toContain('<option value="UKR-ODESA" selected="">UKR-ODESA: Odesa</option>');
    expect(html).toContain('<option value="" selected="">Default: every other capability</option>');
    expect(html).toContain('<option value="FTR-SQN" selected="">Fighter squadron (FTR-SQN)</option>');
    expect(html).toMatch(/<select [^>]*aria-invalid="true"[^>]*><option value="">Choose a node…/);
    expect(html).toContain('role="alert">Must keep sector &quot;Kyiv&quot;.</p>');
    expect(html).toContain('>Planned C-day<');
    expect(html).toContain('>Save settings</button>');
  });

  it('sets, shows and removes the critical equipment share, and puts its refusal at the field', () => {
    const header = storedHeader();
    const field = fields.find((f) => f.path === 'deployment.criticalEquipmentShare');
    expect(field).toMatchObject({ kind: 'number', label: 'Critical equipment share' });
    expect(field?.hint).toContain('empty for the default, 0.9');
    const values = settingsValuesOf(fields, header);
    expect(values['deployment.criticalEquipmentShare']).toBe('');
    const set = settingsPatchOf(fields, header, { ...values, 'deployment.criticalEquipmentShare': '0.8' });
    expect(set.errors).toEqual({});
    expect(set.patch.deployment).toEqual({ ...header.deployment, criticalEquipmentShare: 0.8 });
    expect(scenarioHeaderPatchSchema.safeParse(set.patch).success).toBe(true);
    // Emptied, it is left out: the default applies again.
    const withShare = storedHeader({ deployment: { ...header.deployment!, criticalEquipmentShare: 0.8 } });
    const shown = settingsValuesOf(fields, withShare);
    expect(shown['deployment.criticalEquipmentShare']).toBe('0.8');
    const cleared = settingsPatchOf(fields, withShare, { ...shown, 'deployment.criticalEquipmentShare': '' });
    expect(cleared.patch.deployment).toEqual(header.deployment);
    expect(headerFacts(withShare)).toContainEqual(['Critical equipment share', '0.8']);
    expect(headerFacts(header)).toContainEqual(['Critical equipment share', 'default']);
    const { errors } = settingsIssuesByField(
      fields,
      [{ path: 'deployment.criticalEquipmentShare', message: 'must be from 0 to 1' }],
      values,
    );
    expect(errors).toEqual({ 'deployment.criticalEquipmentShare': 'Must be from 0 to 1.' });
  });

  it('sets, shows and removes the follow-on arrival, a select whose empty choice is the default', () => {
    const header = storedHeader();
    const field = fields.find((f) => f.path === 'deployment.followOnArrival');
    expect(field).toMatchObject({ kind: 'select', label: 'Follow-on equipment' });
    const values = settingsValuesOf(fields, header);
    expect(values['deployment.followOnArrival']).toBe('');
    const set = settingsPatchOf(fields, header, { ...values, 'deployment.followOnArrival': 'after-lad' });
    expect(set.errors).toEqual({});
    expect(set.patch.deployment).toEqual({ ...header.deployment, followOnArrival: 'after-lad' });
    expect(scenarioHeaderPatchSchema.safeParse(set.patch).success).toBe(true);
    const late = storedHeader({ deployment: { ...header.deployment!, followOnArrival: 'after-lad' } });
    const shown = settingsValuesOf(fields, late);
    expect(shown['deployment.followOnArrival']).toBe('after-lad');
    const cleared = settingsPatchOf(fields, late, { ...shown, 'deployment.followOnArrival': '' });
    expect(cleared.patch.deployment).toEqual(header.deployment);
    expect(headerFacts(late)).toContainEqual(['Follow-on equipment', 'may arrive after its LAD']);
    expect(headerFacts(header)).toContainEqual(['Follow-on equipment', 'by its LAD']);
  });

  it('shows the header as it now stands on a version conflict, with the ways on', () => {
    const current = storedHeader({ name: 'Changed meanwhile', version: 4 });
    expect(headerFacts(current)).toEqual(
      expect.arrayContaining([
        ['Name', 'Changed meanwhile'],
        ['Planned C-day', 'not set'],
        ['Target personnel', '20,000 (range 15,000–30,000)'],
        ['Sectors', 'Kyiv, Odesa'],
        ['Garrisons', '2'],
      ]),
    );
    const html = renderToStaticMarkup(
      <SettingsProblem
        problem={{ kind: 'conflict', current }}
        onReload={() => undefined}
        onKeepMine={() => undefined}
      />,
    );
    expect(html).toContain('it is now at version 4');
    expect(html).toContain('<dt>Name</dt><dd>Changed meanwhile</dd>');
    expect(html).toContain('>Reload the current version</button>');
  });
});
