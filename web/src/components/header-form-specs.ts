// The forms of the scenario header (PATCH /api/scenarios/:id): its delivery probabilities, and its
// settings (name, dates, mission, sectors, deployment settings). Each field is named by the API's
// path for it, so a refused field's reason is shown beside it; a column that names another record
// (a sector, a node, a nation) is a select of the records of that kind the user is shown.
import { DEFAULT_CRITICAL_SHARE } from '../../../src/domain/deployment/settings.ts';
import { DEFAULT_DELIVERY_PROBABILITY, DELIVERY_STANCES } from '../../../src/domain/scenario-schema.ts';
import {
  capitalise,
  choose,
  option,
  provenanceFields,
  type FieldOption,
  type FieldSpec,
  type FormContext,
  type RowColumn,
} from './record-form-model.ts';

// ---- the scenario's delivery probabilities -----------------------------------------------------

/** The path of a stance's probability in the scenario header patch. */
export const probabilityPath = (stance: string) => `assumptions.deliveryProbability.${stance}`;
export const nationProbabilityPath = (nation: string) => `assumptions.nationDeliveryProbability.${nation}`;

/**
 * The chance that a nation delivers its offers, by its stance: the scenario's
 * `assumptions.deliveryProbability`. A stance left empty takes the default, shown in its hint. The
 * section's source or assumption says where the figures come from.
 */
export function deliveryProbabilityFields(
  nations: readonly { id: string; name: string }[] = [],
): FieldSpec[] {
  const group = 'Chance of delivering, by stance';
  const byNation = 'Chance of delivering, by nation (instead of its stance’s)';
  const stanceName = (s: string) => (s === 'unstated' ? 'No stance recorded' : capitalise(s));
  return [
    ...DELIVERY_STANCES.map((s): FieldSpec => ({
      path: probabilityPath(s),
      label: stanceName(s),
      kind: 'number',
      group,
      hint: `From 0 to 1; empty for the default, ${DEFAULT_DELIVERY_PROBABILITY[s]}.`,
    })),
    ...nations.map((n): FieldSpec => ({
      path: nationProbabilityPath(n.id),
      label: `${n.name} (${n.id})`,
      kind: 'number',
      group: byNation,
      hint: 'From 0 to 1; empty to use its stance’s.',
    })),
    ...provenanceFields().map((f) => ({ ...f, path: `assumptions.${f.path}` })),
  ];
}

// ---- the scenario's settings ---------------------------------------------------------------------

/** The choices of a row's column, if it is drawn as a select. */
export function choicesOf(column: RowColumn): readonly FieldOption[] | undefined {
  return column.options;
}

/** Paths of the settings form's structured lists, as the API's issues name them. */
export const SECTORS_PATH = 'mission.sectors';
export const SECTOR_DESTINATIONS_PATH = 'deployment.sectorDestinations';
export const GARRISONS_PATH = 'deployment.garrisons';
/** The deployment settings' fields: all empty means the scenario has none. */
export const DEPLOYMENT_PREFIX = 'deployment.';

/** Provenance fields of a section of the header (`mission.forceTarget.source.publication`…). */
function provenanceAt(prefix: string, group: string): FieldSpec[] {
  return provenanceFields().map((f) => ({ ...f, path: `${prefix}.${f.path}`, group }));
}

/**
 * The scenario header as a form: its name, description and as-of date; the mission's C-day, host
 * nation, force target and sectors; and the deployment settings. `ctx.sectors` is the sector list as
 * the form now has it, so a sector added on the form can be given its destination in the same save;
 * `ctx.references.nodes` are the network's nodes. The mission's other parts (components, goals,
 * headquarters, estimates, events) are not on the form: scenario-settings-model.ts keeps them.
 */
export function scenarioSettingsFields(ctx: FormContext): FieldSpec[] {
  const scenario = 'Scenario';
  const mission = 'Mission';
  const target = 'Force target';
  const deployment = 'Deployment settings';
  const nations = ctx.nations.map((n) => option(n.id, `${n.name} (${n.id})`));
  const nodes = ctx.references?.nodes ?? [];
  const capabilities = (ctx.capabilities ?? []).map((c) => option(c.code, `${c.name} (${c.code})`));
  const sectorColumns: RowColumn[] = [
    {
      name: 'sector',
      label: 'Sector',
      kind: 'text',
      required: true,
      options: [choose('a sector'), ...(ctx.sectors ?? []).map((s) => option(s))],
    },
    {
      name: 'node',
      label: 'Destination node',
      kind: 'text',
      required: true,
      options: [choose('a node'), ...nodes],
    },
  ];
  const garrisonColumns: RowColumn[] = [
    {
      name: 'nation',
      label: 'Nation',
      kind: 'text',
      required: true,
      options: [choose('a nation'), ...nations],
    },
    {
      name: 'capability',
      label: 'Capability',
      kind: 'text',
      // Empty is the nation's default garrison, for every capability not given its own.
      options: [option('', 'Default: every other capability'), ...capabilities],
    },
    {
      name: 'node',
      label: 'Garrison node',
      kind: 'text',
      required: true,
      options: [choose('a node'), ...nodes],
    },
  ];
  return [
    { path: 'name', label: 'Scenario name', kind: 'text', required: true, group: scenario, wide: true },
    { path: 'description', label: 'Scenario description', kind: 'textarea', group: scenario, wide: true },
    {
      path: 'asOf',
      label: 'As-of date',
      kind: 'date',
      required: true,
      group: scenario,
      hint: 'The date the scenario describes the coalition as of; the analyses count stances to it.',
    },
    {
      path: 'mission.cDay',
      label: 'Planned C-day',
      kind: 'date',
      group: mission,
      hint: 'The day deployment begins. Once set, deployment pages show the date beside each C+n.',
    },
    {
      path: 'mission.hostNation',
      label: 'Host nation',
      kind: 'select',
      group: mission,
      options: [option('', 'None'), ...nations],
    },
    {
      path: 'mission.forceTarget.personnel',
      label: 'Target personnel',
      kind: 'integer',
      required: true,
      group: target,
      hint: 'The planning figure the analyses measure against.',
    },
    {
      path: 'mission.forceTarget.range.min',
      label: 'Range: fewest personnel',
      kind: 'integer',
      group: target,
      hint: 'Where estimates disagree: both ends, or neither.',
    },
    { path: 'mission.forceTarget.range.max', label: 'Range: most personnel', kind: 'integer', group: target },
    ...provenanceAt('mission.forceTarget', 'Force target: source or assumption'),
    {
      path: SECTORS_PATH,
      label: 'Sectors',
      kind: 'rows',
      group: 'Sectors',
      wide: true,
      rowName: 'sector',
      hint: 'The area of operations, divided into named sectors: the only sector names records may use. A sector still named by a record cannot be renamed or removed.',
      columns: [
        { name: 'name', label: 'Name', kind: 'text', required: true },
        { name: 'description', label: 'Description', kind: 'text' },
        { name: 'assumption', label: 'Assumption', kind: 'text' },
      ],
    },
    {
      path: `${DEPLOYMENT_PREFIX}onwardMovementDays`,
      label: 'Onward movement (RSOM) days',
      kind: 'integer',
      group: deployment,
      hint: 'Reception, staging and onward movement the network does not model: LAD = RDD minus this.',
    },
    {
      path: `${DEPLOYMENT_PREFIX}arrivalWindowDays`,
      label: 'Arrival window days',
      kind: 'integer',
      group: deployment,
      hint: 'EAD = LAD minus this.',
    },
    {
      path: `${DEPLOYMENT_PREFIX}activationCDay`,
      label: 'Activation day',
      kind: 'integer',
      group: deployment,
      hint: 'The day units get notice to move, in days after C-day (negative before it); empty for C-day.',
    },
    {
      path: `${DEPLOYMENT_PREFIX}criticalEquipmentShare`,
      label: 'Critical equipment share',
      kind: 'number',
      group: deployment,
      hint: `From 0 to 1: the share of a unit’s tonnes that must be in, with its personnel, for it to count as delivered (its lateness stops then); empty for the default, ${DEFAULT_CRITICAL_SHARE}.`,
    },
    {
      path: `${DEPLOYMENT_PREFIX}followOnArrival`,
      label: 'Follow-on equipment',
      kind: 'select',
      group: deployment,
      options: [
        option('', 'By its LAD where a route allows (default)'),
        option('after-lad', 'May arrive after its LAD'),
      ],
      hint: 'Tonnes beyond the critical share. After the LAD, plans from the proved bound may sail them in later to leave contested lift to others’ critical equipment.',
    },
    {
      path: SECTOR_DESTINATIONS_PATH,
      label: 'Destination per sector',
      kind: 'rows',
      group: deployment,
      wide: true,
      rowName: 'destination',
      hint: 'The node each sector’s requirement lines deliver to.',
      columns: sectorColumns,
    },
    {
      path: GARRISONS_PATH,
      label: 'Garrisons',
      kind: 'rows',
      group: deployment,
      wide: true,
      rowName: 'garrison',
      hint: 'Where a nation’s units start: a default per nation, and one per capability where it differs.',
      columns: garrisonColumns,
    },
    ...provenanceAt('deployment', 'Deployment settings: source or assumption'),
  ];
}
