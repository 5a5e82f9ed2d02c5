// The forms of the kinds only coalition staff write (nations, capabilities, requirement lines,
// rotation policies, the transport network, the force list, movement records and the risk register),
// and
// `formFieldsOf`, which gives any kind its form (the scenario header's forms are in
// header-form-specs.ts). Each field is
// named by the API's path for it, so a refused field's reason is shown beside it; a field that names
// another record is a select of the records of that kind the user is shown.
import { ENTITY_KEY, type EntityKind } from '../../../src/domain/records.ts';
import { NODE_KINDS, TRANSPORT_MODES } from '../../../src/domain/deployment/network.ts';
import { COALITION_ROLES, DOMAINS, PRIORITY_MAX, PRIORITY_MIN } from '../../../src/domain/scenario-schema.ts';
import {
  PROBABILITIES,
  RISK_LINK_KINDS,
  RISK_STATUSES,
  SEVERITIES,
} from '../../../src/domain/risk-register.ts';
import {
  capitalise,
  choose,
  markingFields,
  nationField,
  offerFields,
  option,
  pledgeFields,
  provenanceFields,
  redLineFields,
  stanceFields,
  type FieldOption,
  type FieldSpec,
  type FormContext,
  type ReferenceKind,
} from './record-form-model.ts';

/** The kinds each form's selects name (besides nations), so the form page loads only those. */
export const REFERENCES_OF: { readonly [K in EntityKind]: readonly (ReferenceKind | 'capabilities')[] } = {
  nations: [],
  stances: [],
  capabilities: [],
  requirements: ['capabilities'],
  offers: ['capabilities'],
  pledges: [],
  rotationPolicies: [],
  nodes: [],
  arcs: ['nodes'],
  ulns: ['capabilities', 'nodes', 'offers', 'requirements'],
  movements: ['ulns', 'arcs'],
  redLines: [],
  risks: [],
};

/** The form of a record of `kind`. */
export function formFieldsOf(kind: EntityKind, ctx: FormContext): FieldSpec[] {
  switch (kind) {
    case 'offers':
      return offerFields(ctx);
    case 'pledges':
      return pledgeFields(ctx);
    case 'stances':
      return stanceFields(ctx);
    case 'nations':
      return nationRecordFields();
    case 'capabilities':
      return capabilityFields();
    case 'requirements':
      return requirementFields(ctx);
    case 'rotationPolicies':
      return rotationPolicyFields(ctx);
    case 'nodes':
      return nodeFields(ctx);
    case 'arcs':
      return arcFields(ctx);
    case 'ulns':
      return ulnFields(ctx);
    case 'movements':
      return movementFields(ctx);
    case 'redLines':
      return redLineFields(ctx);
    case 'risks':
      return riskFields();
  }
}

const C_DAY_HINT = 'Days after C-day; negative before it.';

function keyField(kind: EntityKind, label: string, group: string, hint: string): FieldSpec {
  return { path: ENTITY_KEY[kind], label, kind: 'text', required: true, keyField: true, group, hint };
}

const ID_HINT = 'Letters, digits, “.”, “_” or “-”, starting with a letter or digit.';

function referenceField(
  ctx: FormContext,
  kind: ReferenceKind,
  path: string,
  label: string,
  group: string,
  what: string,
): FieldSpec {
  return {
    path,
    label,
    kind: 'select',
    required: true,
    group,
    options: [choose(what), ...(ctx.references?.[kind] ?? [])],
  };
}

function capabilityField(ctx: FormContext, group: string): FieldSpec {
  return {
    path: 'capability',
    label: 'Capability',
    kind: 'select',
    required: true,
    group,
    options: [
      choose('a capability'),
      ...(ctx.capabilities ?? []).map((c) => option(c.code, `${c.name} (${c.code})`)),
    ],
  };
}

/** Personnel and tonnes of a throughput (`capacityPerDay.personnel`…), optional or not. */
function throughputFields(path: string, what: string, group: string, required: boolean): FieldSpec[] {
  return [
    { path: `${path}.personnel`, label: `${what}: personnel`, kind: 'integer', required, group },
    { path: `${path}.tonnes`, label: `${what}: tonnes`, kind: 'number', required, group },
  ];
}

export function nationRecordFields(): FieldSpec[] {
  const record = 'Nation';
  const figures = 'Economy and population';
  return [
    keyField('nations', 'Nation code', record, 'ISO 3166 alpha-3 code, e.g. EST.'),
    { path: 'name', label: 'Name', kind: 'text', required: true, group: record },
    {
      path: 'role',
      label: 'Coalition role',
      kind: 'select',
      required: true,
      group: record,
      options: [choose('a role'), ...COALITION_ROLES.map((r) => option(r, capitalise(r)))],
    },
    {
      path: 'currency',
      label: 'Currency',
      kind: 'text',
      required: true,
      group: record,
      hint: 'ISO 4217 code, e.g. EUR.',
    },
    { path: 'nato', label: 'NATO member', kind: 'checkbox', group: record },
    { path: 'eu', label: 'EU member', kind: 'checkbox', group: record },
    {
      path: 'gdp.value',
      label: 'GDP',
      kind: 'number',
      required: true,
      group: figures,
      hint: 'In units of the GDP currency, not millions.',
    },
    { path: 'gdp.currency', label: 'GDP currency', kind: 'text', required: true, group: figures },
    { path: 'gdp.year', label: 'GDP year', kind: 'integer', required: true, group: figures },
    { path: 'population.value', label: 'Population', kind: 'integer', required: true, group: figures },
    { path: 'population.year', label: 'Population year', kind: 'integer', required: true, group: figures },
    { path: 'notes', label: 'Notes', kind: 'textarea', group: record, wide: true },
    ...provenanceFields(),
    ...markingFields(),
  ];
}

export function capabilityFields(): FieldSpec[] {
  const record = 'Capability';
  return [
    keyField(
      'capabilities',
      'Capability code',
      record,
      'Upper-case letters, digits and “-”, e.g. MECH-INF-BN.',
    ),
    { path: 'name', label: 'Name', kind: 'text', required: true, group: record },
    {
      path: 'domain',
      label: 'Domain',
      kind: 'select',
      required: true,
      group: record,
      options: [choose('a domain'), ...DOMAINS.map((d) => option(d, capitalise(d)))],
    },
    {
      path: 'defaultPersonnel',
      label: 'Personnel per unit',
      kind: 'integer',
      required: true,
      group: record,
    },
    {
      path: 'defaultTonnes',
      label: 'Tonnes per unit',
      kind: 'number',
      required: true,
      group: record,
      hint: 'Equipment to move for one unit.',
    },
    {
      path: 'app6',
      label: 'APP-6 symbol code',
      kind: 'text',
      required: true,
      group: record,
      hint: '15 letters or dashes (2525C), or 20 digits (2525D).',
    },
    { path: 'description', label: 'Description', kind: 'textarea', group: record, wide: true },
    ...liftFields(),
    ...provenanceFields(),
    ...markingFields(),
  ];
}

/**
 * What can carry a unit of the capability (`lift`): the modes that may move it and its largest item.
 * All three left empty, the capability has no lift limit and any arc may carry it.
 */
function liftFields(): FieldSpec[] {
  const group = 'Lift: what can carry a unit';
  return [
    {
      path: 'lift.modes',
      label: 'Modes that may carry it',
      kind: 'list',
      group,
      options: TRANSPORT_MODES.map((m) => option(m, capitalise(m))),
      omitEmpty: true,
      hint: 'None ticked: any mode. Aircraft and warships deploy under their own power: name the modes their ground echelon or the ships themselves take.',
    },
    {
      path: 'lift.largestItemTonnes',
      label: 'Largest item (tonnes)',
      kind: 'number',
      group,
      hint: 'The heaviest single vehicle or item, e.g. 62 for main battle tanks. An arc whose lift load is smaller cannot carry the unit unless it moves the whole unit (a ship). Empty: any load fits.',
    },
    {
      path: 'lift.assumption',
      label: 'Lift assumption',
      kind: 'textarea',
      group,
      wide: true,
      hint: 'Why these modes and this item: the equipment, and the lift that takes it.',
    },
  ];
}

export function requirementFields(ctx: FormContext): FieldSpec[] {
  const record = 'Requirement line';
  const when = 'Timing and priority';
  return [
    keyField('requirements', 'Line ID', record, ID_HINT),
    capabilityField(ctx, record),
    { path: 'quantity', label: 'Units required', kind: 'integer', required: true, group: record },
    {
      path: 'personnelPerUnit',
      label: 'Personnel per unit',
      kind: 'integer',
      group: record,
      hint: 'Only where it differs from the capability’s.',
    },
    ctx.sectors
      ? {
          path: 'sector',
          label: 'Sector',
          kind: 'select',
          required: true,
          group: record,
          options: [choose('a sector'), ...ctx.sectors.map((name) => option(name))],
        }
      : { path: 'sector', label: 'Sector', kind: 'text', required: true, group: record },
    {
      path: 'task',
      label: 'Task',
      kind: 'text',
      required: true,
      group: record,
      hint: 'A lower-case task name, e.g. air-policing.',
    },
    {
      path: 'rddCDay',
      label: 'Required delivery day',
      kind: 'integer',
      required: true,
      group: when,
      hint: C_DAY_HINT,
    },
    { path: 'durationMonths', label: 'Duration (months)', kind: 'number', required: true, group: when },
    {
      path: 'priority',
      label: 'Priority',
      kind: 'integer',
      required: true,
      group: when,
      hint: `${PRIORITY_MIN} (most urgent) to ${PRIORITY_MAX}.`,
    },
    { path: 'description', label: 'Description', kind: 'textarea', group: record, wide: true },
    ...provenanceFields(),
    ...markingFields(),
  ];
}

export function rotationPolicyFields(ctx: FormContext): FieldSpec[] {
  const record = 'Rotation policy';
  return [
    // A nation has one policy, keyed by the nation: chosen when it is made, fixed afterwards.
    { ...nationField(ctx), group: record, keyField: true },
    { path: 'tourMonths', label: 'Tour length (months)', kind: 'number', required: true, group: record },
    {
      path: 'dwellRatio',
      label: 'Dwell ratio',
      kind: 'number',
      required: true,
      group: record,
      hint: 'Months at home per month deployed: 2 means 1:2.',
    },
    ...provenanceFields(),
    ...markingFields(),
  ];
}

export function nodeFields(ctx: FormContext): FieldSpec[] {
  const record = 'Network node';
  const place = 'Place and reception';
  return [
    keyField('nodes', 'Node ID', record, ID_HINT),
    { path: 'name', label: 'Name', kind: 'text', required: true, group: record },
    {
      path: 'kind',
      label: 'Kind of place',
      kind: 'select',
      required: true,
      group: record,
      options: [choose('a kind'), ...NODE_KINDS.map((k) => option(k))],
    },
    { ...nationField(ctx), group: record },
    {
      path: 'lat',
      label: 'Latitude',
      kind: 'number',
      required: true,
      group: place,
      hint: 'Degrees, -90 to 90.',
    },
    {
      path: 'lon',
      label: 'Longitude',
      kind: 'number',
      required: true,
      group: place,
      hint: 'Degrees, -180 to 180.',
    },
    ...throughputFields('receptionPerDay', 'Reception per day', place, false),
    ...provenanceFields(),
    ...markingFields(),
  ];
}

export function arcFields(ctx: FormContext): FieldSpec[] {
  const record = 'Network arc';
  const capacity = 'Capacity';
  return [
    keyField('arcs', 'Arc ID', record, ID_HINT),
    referenceField(ctx, 'nodes', 'from', 'From node', record, 'a node'),
    referenceField(ctx, 'nodes', 'to', 'To node', record, 'a node'),
    {
      path: 'mode',
      label: 'Mode',
      kind: 'select',
      required: true,
      group: record,
      options: [choose('a mode'), ...TRANSPORT_MODES.map((m) => option(m, capitalise(m)))],
    },
    {
      path: 'transitDays',
      label: 'Transit days',
      kind: 'integer',
      required: true,
      group: capacity,
      hint: 'Whole days, at least 1.',
    },
    ...throughputFields('capacityPerDay', 'Capacity per day', capacity, true),
    ...throughputFields('loadSize', 'Load size', capacity, true),
    { path: 'wholeUnit', label: 'Units travel whole, in one load', kind: 'checkbox', group: capacity },
    {
      path: 'closures',
      label: 'Closures',
      kind: 'rows',
      group: 'Closures',
      wide: true,
      rowName: 'closure',
      hint: 'Days the arc carries nothing, from and to inclusive, in days after C-day.',
      columns: [
        { name: 'from', label: 'From day', kind: 'integer', required: true },
        { name: 'to', label: 'To day', kind: 'integer', required: true },
        { name: 'reason', label: 'Reason', kind: 'text', required: true },
      ],
      // The rule an import is held to (networkIssues), in its words; an arc's own write is not.
      rowIssue: (row) =>
        typeof row.from === 'number' && typeof row.to === 'number' && row.to < row.from
          ? { column: 'to', message: `Must not be before from (C${row.from}).` }
          : undefined,
    },
    ...provenanceFields(),
    ...markingFields(),
  ];
}

export function ulnFields(ctx: FormContext): FieldSpec[] {
  const record = 'Unit line number';
  const route = 'Route and dates';
  return [
    keyField('ulns', 'ULN', record, 'The nation code, “-” and a 4–6 digit serial, e.g. GBR-0001.'),
    { ...nationField(ctx), group: record },
    capabilityField(ctx, record),
    referenceField(ctx, 'offers', 'offer', 'Offer', record, 'an offer'),
    referenceField(ctx, 'requirements', 'line', 'Requirement line', record, 'a line'),
    { path: 'personnel', label: 'Personnel', kind: 'integer', required: true, group: record },
    { path: 'tonnes', label: 'Tonnes', kind: 'number', required: true, group: record },
    {
      path: 'priority',
      label: 'Priority',
      kind: 'integer',
      required: true,
      group: record,
      hint: `${PRIORITY_MIN} (most urgent) to ${PRIORITY_MAX}.`,
    },
    referenceField(ctx, 'nodes', 'origin', 'Origin', route, 'a node'),
    referenceField(ctx, 'nodes', 'destination', 'Destination', route, 'a node'),
    {
      path: 'ald',
      label: 'Available to load (ALD)',
      kind: 'integer',
      required: true,
      group: route,
      hint: C_DAY_HINT,
    },
    { path: 'ead', label: 'Earliest arrival (EAD)', kind: 'integer', required: true, group: route },
    { path: 'lad', label: 'Latest arrival (LAD)', kind: 'integer', required: true, group: route },
    { path: 'rdd', label: 'Required delivery (RDD)', kind: 'integer', required: true, group: route },
    ...markingFields(),
  ];
}

export function movementFields(ctx: FormContext): FieldSpec[] {
  const record = 'Movement record';
  return [
    keyField('movements', 'Movement ID', record, ID_HINT),
    referenceField(ctx, 'ulns', 'uln', 'ULN', record, 'a ULN'),
    { ...nationField(ctx), group: record, hint: 'The ULN’s nation.' },
    referenceField(ctx, 'arcs', 'arc', 'Arc', record, 'an arc'),
    {
      path: 'departDay',
      label: 'Departure day',
      kind: 'integer',
      required: true,
      group: record,
      hint: C_DAY_HINT,
    },
    {
      path: 'arriveDay',
      label: 'Arrival day',
      kind: 'integer',
      group: record,
      hint: 'Empty while the load is in transit.',
    },
    { path: 'personnel', label: 'Personnel', kind: 'integer', required: true, group: record },
    { path: 'tonnes', label: 'Tonnes', kind: 'number', required: true, group: record },
    { path: 'note', label: 'Note', kind: 'textarea', group: record, wide: true },
    ...provenanceFields(),
    ...markingFields(),
  ];
}

/** What a risk link's kind is called in its select. */
const LINK_KIND_NAMES: Readonly<Record<(typeof RISK_LINK_KINDS)[number], string>> = {
  nations: 'Nation',
  offers: 'Offer',
  requirements: 'Requirement line',
  pledges: 'Funding pledge',
  nodes: 'Network node',
  arcs: 'Network arc',
  ulns: 'ULN',
  redLines: 'Red line',
  rungs: 'Rung of the escalation ladder',
};

export function riskFields(): FieldSpec[] {
  const record = 'Risk';
  const assessment = 'Assessment (ATP 5-19)';
  const probability = (path: string, label: string): FieldSpec => ({
    path,
    label,
    kind: 'select',
    required: true,
    group: assessment,
    options: [choose('a probability'), ...PROBABILITIES.map((p) => option(p, capitalise(p)))],
  });
  const severity = (path: string, label: string): FieldSpec => ({
    path,
    label,
    kind: 'select',
    required: true,
    group: assessment,
    options: [choose('a severity'), ...SEVERITIES.map((s) => option(s, capitalise(s)))],
  });
  return [
    keyField('risks', 'Risk ID', record, ID_HINT),
    { path: 'title', label: 'Title', kind: 'text', required: true, group: record, wide: true },
    { path: 'cause', label: 'Cause', kind: 'textarea', required: true, group: record, wide: true },
    { path: 'event', label: 'Event', kind: 'textarea', required: true, group: record, wide: true },
    { path: 'impact', label: 'Impact', kind: 'textarea', required: true, group: record, wide: true },
    {
      path: 'links',
      label: 'Linked records',
      kind: 'rows',
      group: 'Links',
      wide: true,
      rowName: 'link',
      hint: 'The records the risk concerns: a kind and the record’s key (an offer’s ID, a rung’s ID…).',
      columns: [
        {
          name: 'kind',
          label: 'Kind',
          kind: 'text',
          required: true,
          options: RISK_LINK_KINDS.map((k) => option(k, LINK_KIND_NAMES[k])),
        },
        { name: 'key', label: 'Key', kind: 'text', required: true },
      ],
    },
    probability('probability', 'Probability'),
    severity('severity', 'Severity'),
    {
      path: 'controls',
      label: 'Controls',
      kind: 'list',
      lines: true,
      group: assessment,
      wide: true,
      hint: 'One control a line.',
    },
    probability('residual.probability', 'Residual probability'),
    severity('residual.severity', 'Residual severity'),
    { path: 'owner', label: 'Owner', kind: 'text', required: true, group: record },
    { path: 'reviewDate', label: 'Review date', kind: 'date', required: true, group: record },
    {
      path: 'status',
      label: 'Status',
      kind: 'select',
      required: true,
      group: record,
      options: RISK_STATUSES.map((s) => option(s, capitalise(s))),
    },
    ...provenanceFields(),
    ...markingFields(),
  ];
}

/** The select choices for records of `kind`, labelled as a planner knows them. */
export function referenceOptions(kind: ReferenceKind, records: readonly unknown[]): FieldOption[] {
  return records.map((r) => {
    const rec = r as Record<string, unknown>;
    const key = String(rec[ENTITY_KEY[kind]]);
    const detail =
      kind === 'nodes'
        ? rec.name
        : kind === 'arcs'
          ? `${String(rec.from)} → ${String(rec.to)}, ${String(rec.mode)}`
          : kind === 'requirements' || kind === 'offers' || kind === 'ulns'
            ? rec.capability
            : undefined;
    return option(key, typeof detail === 'string' && detail ? `${key}: ${detail}` : key);
  });
}
