// The forms of every record kind without a browser: each reads a stored record into its fields and
// back into a record the API's own schema accepts, unchanged; an arc's closures are rows whose cells
// carry their own errors (the form's and the API's); the releasability marking is on every form; the
// delivery probabilities become the scenario's assumptions section.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ENTITY_SCHEMAS, type EntityKind } from '../../../src/domain/records.ts';
import { assumptionsOf } from '../pages/delivery-probability-page.tsx';
import { StaticRouterProvider } from '../router.tsx';
import { deliveryProbabilityFields } from './header-form-specs.ts';
import { RecordForm } from './record-form.tsx';
import { issuesByField, patchOf, recordOf, valuesOf, type FormContext } from './record-form-model.ts';
import {
  REFERENCES_OF,
  arcFields,
  formFieldsOf,
  referenceOptions,
  rotationPolicyFields,
} from './record-form-specs.ts';

const ctx: FormContext = {
  nations: [
    { id: 'FRA', name: 'France' },
    { id: 'GBR', name: 'United Kingdom' },
  ],
  capabilities: [{ code: 'MECH-INF-BN', name: 'Mechanised infantry battalion' }],
  references: {
    nodes: [
      { value: 'TIDWORTH', label: 'TIDWORTH: Tidworth' },
      { value: 'RZESZOW', label: 'RZESZOW: Rzeszów' },
    ],
    arcs: [{ value: 'A-1', label: 'A-1: TIDWORTH → RZESZOW, air' }],
    ulns: [{ value: 'GBR-0001', label: 'GBR-0001: MECH-INF-BN' }],
    offers: [{ value: 'OFF-GBR-01', label: 'OFF-GBR-01: MECH-INF-BN' }],
    requirements: [{ value: 'REQ-01', label: 'REQ-01: MECH-INF-BN' }],
  },
  rungs: [
    { value: 'violation', label: '1. Ceasefire violation (violation)' },
    { value: 'attack', label: '2. Attack on coalition troops (attack)' },
  ],
};

const source = { publication: 'Planning note', date: '2025-03-02' };
const meta = { version: 2, createdAt: '2025-03-02T00:00:00.000Z', updatedAt: '2025-03-03T00:00:00.000Z' };

/** One stored record of each kind the staff write, as small as its schema allows (plus a marking). */
const STORED: Partial<Record<EntityKind, Record<string, unknown>>> = {
  nations: {
    id: 'GBR',
    name: 'United Kingdom',
    nato: true,
    eu: false,
    gdp: { value: 3.3e12, year: 2024, currency: 'GBP' },
    population: { value: 68_000_000, year: 2024 },
    currency: 'GBP',
    role: 'lead',
    source,
  },
  capabilities: {
    code: 'MECH-INF-BN',
    name: 'Mechanised infantry battalion',
    domain: 'land',
    defaultPersonnel: 650,
    defaultTonnes: 1200.5,
    app6: 'SFGPUCIZ-------',
    assumption: 'Typical NATO battalion.',
  },
  requirements: {
    id: 'REQ-01',
    capability: 'MECH-INF-BN',
    quantity: 4,
    sector: 'West',
    task: 'reassurance',
    rddCDay: -10,
    durationMonths: 6,
    priority: 2,
    source,
    releasability: { level: 'COALITION', nations: [] },
  },
  rotationPolicies: { nation: 'GBR', tourMonths: 6, dwellRatio: 2, assumption: 'Rule of thirds.' },
  nodes: {
    id: 'TIDWORTH',
    name: 'Tidworth',
    kind: 'garrison',
    nation: 'GBR',
    lat: 51.24,
    lon: -1.66,
    receptionPerDay: { personnel: 800, tonnes: 2000 },
    source,
  },
  arcs: {
    id: 'A-1',
    from: 'TIDWORTH',
    to: 'RZESZOW',
    mode: 'road',
    transitDays: 3,
    capacityPerDay: { personnel: 1000, tonnes: 5000 },
    loadSize: { personnel: 100, tonnes: 400 },
    closures: [{ from: 4, to: 6, reason: 'Bridge repair' }],
    releasability: { level: 'REL_TO', nations: ['FRA', 'GBR'] },
  },
  ulns: {
    uln: 'GBR-0001',
    nation: 'GBR',
    capability: 'MECH-INF-BN',
    personnel: 650,
    tonnes: 1200,
    origin: 'TIDWORTH',
    ald: 0,
    ead: 3,
    lad: 5,
    rdd: 10,
    destination: 'RZESZOW',
    priority: 1,
    offer: 'OFF-GBR-01',
    line: 'REQ-01',
  },
  movements: {
    id: 'MOV-1',
    uln: 'GBR-0001',
    nation: 'GBR',
    arc: 'A-1',
    departDay: 1,
    arriveDay: 4,
    personnel: 650,
    tonnes: 0,
    note: 'First lift',
    assumption: 'Reported by the movement cell.',
  },
  redLines: {
    id: 'RL-GBR-1',
    nation: 'GBR',
    rung: 'attack',
    effect: 'withdraws',
    share: 0.5,
    statement: 'Withdraws half its force if coalition troops are attacked.',
    assumption: 'Planning assumption.',
  },
  risks: {
    id: 'RSK-1',
    title: 'Withdrawal after an attack',
    cause: 'An attack on coalition troops.',
    event: 'Nations with a red line at that rung withdraw together, leaving sectors uncovered.',
    impact: 'Sectors left uncovered.',
    links: [
      { kind: 'rungs', key: 'attack' },
      { kind: 'offers', key: 'OFF-GBR-01' },
    ],
    probability: 'seldom',
    severity: 'critical',
    controls: ['Reserve force held at readiness, 48 hours.', 'Second control.'],
    residual: { probability: 'unlikely', severity: 'critical' },
    owner: 'Coalition HQ J3',
    reviewDate: '2025-06-01',
    status: 'open',
    releasability: { level: 'COALITION', nations: [] },
    source,
  },
};

describe('the form of each staff kind', () => {
  for (const [kind, stored] of Object.entries(STORED) as [EntityKind, Record<string, unknown>][]) {
    it(`reads a stored ${kind} record and gives it back unchanged, valid to the API’s schema`, () => {
      const fields = formFieldsOf(kind, ctx);
      const values = valuesOf(fields, { ...stored, ...meta });
      const { record, errors } = recordOf(fields, values);
      expect(errors).toEqual({});
      // An unticked flag is sent as false (a nation's NATO membership must be), which an arc reads as
      // leaving `wholeUnit` out; the merge patch below sees no change in it.
      expect(record).toEqual(kind === 'arcs' ? { ...stored, wholeUnit: false } : stored);
      expect(ENTITY_SCHEMAS[kind].safeParse(record).success).toBe(true);
      expect(patchOf(fields, { ...stored, ...meta }, record)).toEqual({});
      // Every form carries the marking, and its paths are the API's.
      expect(fields.map((f) => f.path)).toEqual(
        expect.arrayContaining(['releasability.level', 'releasability.nations']),
      );
    });
  }

  it('names other records by selects of those the user is shown', () => {
    const uln = formFieldsOf('ulns', ctx);
    const select = (path: string) => uln.find((f) => f.path === path);
    expect(select('origin')?.options?.map((o) => o.value)).toEqual(['', 'TIDWORTH', 'RZESZOW']);
    expect(select('offer')?.options?.map((o) => o.value)).toEqual(['', 'OFF-GBR-01']);
    expect(select('line')?.kind).toBe('select');
    expect(select('capability')?.options?.[1]).toEqual({
      value: 'MECH-INF-BN',
      label: 'Mechanised infantry battalion (MECH-INF-BN)',
    });
    expect(REFERENCES_OF.movements).toEqual(['ulns', 'arcs']);
    expect(
      referenceOptions('arcs', [{ id: 'A-1', from: 'X', to: 'Y', mode: 'rail' }]).map((o) => o.label),
    ).toEqual(['A-1: X → Y, rail']);
    expect(referenceOptions('nodes', [{ id: 'N', name: 'Narva' }])).toEqual([
      { value: 'N', label: 'N: Narva' },
    ]);
  });

  it('keys a rotation policy by its nation, fixed once made', () => {
    const nation = rotationPolicyFields(ctx).find((f) => f.path === 'nation');
    expect(nation).toMatchObject({ kind: 'select', keyField: true, required: true });
    const stored = { ...STORED.rotationPolicies, ...meta };
    const values = { ...valuesOf(rotationPolicyFields(ctx), stored), dwellRatio: '3' };
    const { record } = recordOf(rotationPolicyFields(ctx), values, { skipKey: true });
    expect(patchOf(rotationPolicyFields(ctx), stored, record)).toEqual({ dwellRatio: 3 });
  });
});

describe('the releasability marking', () => {
  const fields = formFieldsOf('capabilities', ctx);
  const stored = { ...STORED.capabilities, ...meta };

  it('is left out while “Public (no marking)”, and sent whole when chosen', () => {
    const values = valuesOf(fields, stored);
    expect(values['releasability.level']).toBe('');
    expect(recordOf(fields, values).record).not.toHaveProperty('releasability');
    const marked = { ...values, 'releasability.level': 'REL_TO', 'releasability.nations': 'FRA, GBR' };
    const { record } = recordOf(fields, marked, { skipKey: true });
    expect(patchOf(fields, stored, record)).toEqual({
      releasability: { level: 'REL_TO', nations: ['FRA', 'GBR'] },
    });
  });

  it('is removed with null when taken back to no marking, and a level change empties the nations', () => {
    const arc = arcFields(ctx);
    const storedArc = { ...STORED.arcs, ...meta };
    const none = { ...valuesOf(arc, storedArc), 'releasability.level': '', 'releasability.nations': '' };
    expect(patchOf(arc, storedArc, recordOf(arc, none, { skipKey: true }).record)).toEqual({
      releasability: null,
    });
    const coalition = { ...none, 'releasability.level': 'COALITION' };
    expect(patchOf(arc, storedArc, recordOf(arc, coalition, { skipKey: true }).record)).toEqual({
      releasability: { level: 'COALITION', nations: [] },
    });
  });

  it('leaves an unticked optional flag alone where the record has none', () => {
    const arc = arcFields(ctx);
    const storedArc = { ...STORED.arcs, ...meta };
    const values = valuesOf(arc, storedArc);
    expect(values.wholeUnit).toBe(false);
    expect(patchOf(arc, storedArc, recordOf(arc, values, { skipKey: true }).record)).toEqual({});
  });
});

describe('a capability’s lift', () => {
  const fields = formFieldsOf('capabilities', ctx);
  const lift = {
    modes: ['road', 'rail', 'sea'],
    largestItemTonnes: 62,
    assumption: 'Main battle tanks of 55-65 t.',
  };
  const stored = { ...STORED.capabilities, lift, ...meta };

  it('has the modes as boxes to tick, the largest item and its assumption, at the API’s paths', () => {
    const modes = fields.find((f) => f.path === 'lift.modes');
    expect(modes).toMatchObject({ kind: 'list', omitEmpty: true });
    expect(modes?.options?.map((o) => o.value)).toEqual(['road', 'rail', 'air', 'sea']);
    expect(fields.find((f) => f.path === 'lift.largestItemTonnes')?.kind).toBe('number');
    const html = renderToStaticMarkup(
      <StaticRouterProvider path="/scenarios/s1/edit/capabilities/MECH-INF-BN">
        <RecordForm
          label="Edit capability MECH-INF-BN"
          fields={fields}
          values={valuesOf(fields, stored)}
          errors={{ 'lift.modes': 'Must be one of road, rail, air, sea.' }}
          onChange={() => undefined}
          onSubmit={() => undefined}
          submitting={false}
          submitLabel="Save changes"
          cancelTo="/scenarios/s1"
          lockKey
        />
      </StaticRouterProvider>,
    );
    expect(html).toContain('<legend>Lift: what can carry a unit</legend>');
    expect(html).toContain('<legend class="field-label">Modes that may carry it</legend>');
    expect(html).toContain('Must be one of road, rail, air, sea.');
  });

  it('reads and gives back a stored lift, valid to the API’s schema', () => {
    const values = valuesOf(fields, stored);
    expect(values['lift.modes']).toBe('road\nrail\nsea');
    expect(values['lift.largestItemTonnes']).toBe('62');
    const { record, errors } = recordOf(fields, values);
    expect(errors).toEqual({});
    expect(record.lift).toEqual(lift);
    expect(ENTITY_SCHEMAS.capabilities.safeParse(record).success).toBe(true);
    expect(patchOf(fields, stored, record)).toEqual({});
  });

  it('leaves unticked modes out (any mode), and removes the lift when emptied', () => {
    const noModes = { ...valuesOf(fields, stored), 'lift.modes': '' };
    const { record } = recordOf(fields, noModes, { skipKey: true });
    expect(record.lift).toEqual({ largestItemTonnes: 62, assumption: 'Main battle tanks of 55-65 t.' });
    expect(patchOf(fields, stored, record)).toEqual({ lift: { modes: null } });
    const emptied = {
      ...noModes,
      'lift.largestItemTonnes': '',
      'lift.assumption': '',
    };
    expect(patchOf(fields, stored, recordOf(fields, emptied, { skipKey: true }).record)).toEqual({
      lift: null,
    });
    // A capability without a lift gains none from the form left empty.
    const plain = { ...STORED.capabilities, ...meta };
    expect(recordOf(fields, valuesOf(fields, plain)).record.lift).toBeUndefined();
  });

  it('shows the API’s refusals at the lift’s fields', () => {
    const { errors, general } = issuesByField(fields, [
      { path: 'lift.modes[1]', message: 'must be one of road, rail, air, sea' },
      { path: 'lift.largestItemTonnes', message: 'must not be negative' },
    ]);
    expect(errors).toEqual({
      'lift.modes': 'Must be one of road, rail, air, sea.',
      'lift.largestItemTonnes': 'Must not be negative.',
    });
    expect(general).toEqual([]);
  });
});

describe('an arc’s closures', () => {
  const fields = arcFields(ctx);
  const stored = { ...STORED.arcs, ...meta };

  it('are rows of text, and a changed list replaces the stored one whole', () => {
    const values = valuesOf(fields, stored);
    expect(values.closures).toEqual([{ from: '4', to: '6', reason: 'Bridge repair' }]);
    const more = {
      ...values,
      closures: [
        { from: '4', to: '6', reason: 'Bridge repair' },
        { from: '20', to: '21', reason: 'Exercise' },
      ],
    };
    expect(patchOf(fields, stored, recordOf(fields, more, { skipKey: true }).record)).toEqual({
      closures: [
        { from: 4, to: 6, reason: 'Bridge repair' },
        { from: 20, to: 21, reason: 'Exercise' },
      ],
    });
    const none = { ...values, closures: [] };
    expect(patchOf(fields, stored, recordOf(fields, none, { skipKey: true }).record)).toEqual({
      closures: [],
    });
  });

  it('say which cell is wrong: the form’s own check and the API’s, by its path', () => {
    const values = { ...valuesOf(fields, stored), closures: [{ from: 'soon', to: '', reason: 'x' }] };
    expect(recordOf(fields, values).errors).toEqual({
      'closures[0].from': 'Enter a whole number, e.g. 1200.',
      'closures[0].to': 'Enter the to day.',
    });
    // A window that ends before it starts: the form says so at its "to" cell before sending it.
    const backwards = { ...valuesOf(fields, stored), closures: [{ from: '30', to: '25', reason: 'Strike' }] };
    expect(recordOf(fields, backwards).errors).toEqual({
      'closures[0].to': 'Must not be before from (C30).',
    });
    const { errors, general } = issuesByField(fields, [
      { path: 'closures[1].to', message: 'must not be before from (C20)' },
      { path: 'closures', message: 'must be an array' },
      { path: 'capacityPerDay.tonnes', message: 'must not be negative' },
    ]);
    expect(errors).toEqual({
      'closures[1].to': 'Must not be before from (C20).',
      closures: 'Must be an array.',
      'capacityPerDay.tonnes': 'Must not be negative.',
    });
    expect(general).toEqual([]);
  });

  it('are drawn as a group per row, each cell labelled, its error beside it', () => {
    const values = {
      ...valuesOf(fields, stored),
      closures: [
        { from: '4', to: '6', reason: 'Bridge repair' },
        { from: '9', to: '8', reason: 'Flood' },
      ],
    };
    const html = renderToStaticMarkup(
      <StaticRouterProvider path="/scenarios/s1/edit/network-arcs/A-1">
        <RecordForm
          label="Edit network arc A-1"
          fields={fields}
          values={values}
          errors={{ 'closures[1].to': 'Must not be before from (C9).' }}
          onChange={() => undefined}
          onSubmit={() => undefined}
          submitting={false}
          submitLabel="Save changes"
          cancelTo="/scenarios/s1"
          lockKey
        />
      </StaticRouterProvider>,
    );
    expect(html).toContain('role="group" aria-label="Closure 1"');
    expect(html).toContain('role="group" aria-label="Closure 2"');
    expect(html).toContain('>Remove closure 2</button>');
    expect(html).toContain('>Add a closure</button>');
    const second = html.slice(html.indexOf('aria-label="Closure 2"'));
    const toCell = second.slice(second.indexOf('>To day<'));
    expect(toCell).toMatch(
      /^>To day<\/label><input id="([^"]+)"[^>]*aria-invalid="true" aria-describedby="\1-error"/,
    );
    expect(toCell).toContain('role="alert">Must not be before from (C9).</p>');
    // The record's key is shown, not changed; the From node select keeps its stored choice.
    expect(html).toMatch(/<input [^>]*readOnly=""[^>]*name="id"/);
    expect(html).toContain('<option value="TIDWORTH" selected="">TIDWORTH: Tidworth</option>');
  });

  it('shows a rotation policy’s fixed nation as a disabled choice', () => {
    const policy = rotationPolicyFields(ctx);
    const html = renderToStaticMarkup(
      <StaticRouterProvider path="/">
        <RecordForm
          label="Edit rotation policy GBR"
          fields={policy}
          values={valuesOf(policy, { ...STORED.rotationPolicies, ...meta })}
          errors={{}}
          onChange={() => undefined}
          onSubmit={() => undefined}
          submitting={false}
          submitLabel="Save changes"
          cancelTo="/"
          lockKey
        />
      </StaticRouterProvider>,
    );
    expect(html).toMatch(/<select[^>]*name="nation"[^>]*disabled=""/);
  });
});

describe('the delivery probabilities', () => {
  const fields = deliveryProbabilityFields();

  it('has a field per stance, its default in the hint, at the API’s path', () => {
    const lead = fields.find((f) => f.path === 'assumptions.deliveryProbability.lead');
    expect(lead).toMatchObject({ label: 'Lead', kind: 'number' });
    expect(lead?.hint).toContain('0.95');
    expect(fields.find((f) => f.path === 'assumptions.deliveryProbability.unstated')?.label).toBe(
      'No stance recorded',
    );
    expect(fields.some((f) => f.path === 'assumptions.source.publication')).toBe(true);
  });

  it('has a field per nation shown, sent only when given', () => {
    const perNation = deliveryProbabilityFields([
      { id: 'DEU', name: 'Germany' },
      { id: 'FRA', name: 'France' },
    ]);
    const deu = perNation.find((f) => f.path === 'assumptions.nationDeliveryProbability.DEU');
    expect(deu).toMatchObject({ label: 'Germany (DEU)', kind: 'number' });
    const values = valuesOf(perNation, { assumptions: { nationDeliveryProbability: { DEU: 0.8 } } });
    expect(values['assumptions.nationDeliveryProbability.DEU']).toBe('0.8');
    expect(values['assumptions.nationDeliveryProbability.FRA']).toBe('');
    const { record, errors } = recordOf(perNation, values);
    expect(errors).toEqual({});
    expect(assumptionsOf(record)).toEqual({ nationDeliveryProbability: { DEU: 0.8 } });
  });

  it('sends only the stances given, with the source; nothing given is no section at all', () => {
    const header = {
      assumptions: { deliveryProbability: { lead: 0.9, cautious: 0.5 }, assumption: 'Staff judgement.' },
    };
    const values = { ...valuesOf(fields, header), 'assumptions.deliveryProbability.cautious': '' };
    const { record, errors } = recordOf(fields, values);
    expect(errors).toEqual({});
    expect(assumptionsOf(record)).toEqual({
      deliveryProbability: { lead: 0.9 },
      assumption: 'Staff judgement.',
    });
    expect(assumptionsOf(recordOf(fields, valuesOf(fields, {})).record)).toBeNull();
    const bad = issuesByField(fields, [
      { path: 'assumptions.deliveryProbability.lead', message: 'must be from 0 to 1' },
    ]);
    expect(bad.errors).toEqual({ 'assumptions.deliveryProbability.lead': 'Must be from 0 to 1.' });
  });
});
