// The scenario settings form as data (its fields are scenarioSettingsFields in record-form-specs.ts):
// how the stored header becomes the form's text, and the text the PATCH that changes it. The API
// replaces the mission and the deployment settings whole, while the form shows only some of their
// parts, so each is sent as read with the form's fields laid over it: the mission's components,
// goals, headquarters, events and the force target's estimates go back as they came. Pure, so it is
// tested without a browser; pages/scenario-settings-page.tsx draws it.
import type { StoredScenario } from '../../../src/domain/records.ts';
import type { ApiIssue } from '../api-client.ts';
import {
  cellPath,
  issuesByField,
  recordOf,
  valuesOf,
  type FieldSpec,
  type FormErrors,
  type FormRow,
  type FormValues,
} from './record-form-model.ts';
import {
  DEPLOYMENT_PREFIX,
  GARRISONS_PATH,
  SECTORS_PATH,
  SECTOR_DESTINATIONS_PATH,
  choicesOf,
} from './header-form-specs.ts';

/** The parts of the stored header the settings page reads and changes. */
export type SettingsHeader = Pick<
  StoredScenario,
  'version' | 'updatedAt' | 'name' | 'description' | 'asOf' | 'mission' | 'deployment'
>;

/**
 * What the page sends besides the version: only what changed, the mission and the deployment
 * settings each whole (`deployment: null` removes them, when the form has emptied every one).
 */
export interface SettingsPatch {
  name?: string;
  description?: string;
  asOf?: string;
  mission?: Record<string, unknown>;
  deployment?: Record<string, unknown> | null;
}

type Json = Record<string, unknown>;

/** The header as the form reads it: the sector destinations, a map in the document, as rows. */
export function settingsFormView(header: SettingsHeader): Json {
  const { deployment } = header;
  return {
    ...header,
    deployment: deployment && {
      ...deployment,
      sectorDestinations: Object.entries(deployment.sectorDestinations).map(([sector, node]) => ({
        sector,
        node,
      })),
    },
  };
}

export function settingsValuesOf(fields: readonly FieldSpec[], header: SettingsHeader): FormValues {
  return valuesOf(fields, settingsFormView(header));
}

function rowsAt(values: FormValues, path: string): readonly FormRow[] {
  const rows = values[path];
  return Array.isArray(rows) ? (rows as readonly FormRow[]) : [];
}

/** The sector names the form now lists, for the destination rows' choice of sector. */
export function sectorNamesOf(values: FormValues): string[] {
  const names = rowsAt(values, SECTORS_PATH).map((row) => (row.name ?? '').trim());
  return [...new Set(names.filter((name) => name !== ''))];
}

/**
 * The PATCH the form describes, or the errors that stop it being sent. An empty patch means nothing
 * changed.
 */
export function settingsPatchOf(
  fields: readonly FieldSpec[],
  header: SettingsHeader,
  values: FormValues,
): { patch: SettingsPatch; errors: FormErrors } {
  const { record, errors } = recordOf(fields, values);
  askToChoose(fields, values, errors);

  // The API cannot remove a description (its patch takes text or nothing), so the form says so.
  if (header.description && record.description === undefined)
    errors.description = 'A description once given can be changed but not emptied.';

  const mission = missionOf(header, (record.mission ?? {}) as Json, errors);
  const deployment = deploymentOf(header, values, (record.deployment ?? {}) as Json, errors);

  const patch: SettingsPatch = {};
  if (record.name !== undefined && record.name !== header.name) patch.name = record.name as string;
  if (record.description !== undefined && record.description !== header.description)
    patch.description = record.description as string;
  if (record.asOf !== undefined && record.asOf !== header.asOf) patch.asOf = record.asOf as string;
  if (!sameJson(mission, header.mission)) patch.mission = mission;
  if (deployment !== undefined && !sameJson(deployment, header.deployment ?? null))
    patch.deployment = deployment;
  return { patch, errors };
}

/** A select left at "Choose…" asks to choose, not to enter (the model reads every cell as text). */
function askToChoose(fields: readonly FieldSpec[], values: FormValues, errors: FormErrors): void {
  for (const f of fields) {
    if (f.kind !== 'rows') continue;
    rowsAt(values, f.path).forEach((_row, i) => {
      for (const c of f.columns ?? []) {
        const at = cellPath(f.path, i, c.name);
        if (choicesOf(c) && errors[at] === `Enter the ${c.label.toLowerCase()}.`)
          errors[at] = `Choose the ${c.label.toLowerCase()}.`;
      }
    });
  }
}

/** The mission as read, with the form's C-day, host nation, force target and sectors laid over it. */
function missionOf(header: SettingsHeader, edited: Json, errors: FormErrors): Json {
  const {
    cDay: _c,
    hostNation: _h,
    forceTarget: storedTarget,
    sectors: storedSectors,
    ...kept
  } = header.mission;
  const { personnel: _p, range: _r, source: _s, assumption: _a, ...targetKept } = storedTarget;
  const target = (edited.forceTarget ?? {}) as Json;
  const range = target.range as { min?: number; max?: number } | undefined;
  if (range && (range.min === undefined) !== (range.max === undefined)) {
    const missing = range.min === undefined ? 'min' : 'max';
    errors[`mission.forceTarget.range.${missing}`] = 'Enter both ends of the range, or neither.';
  }
  return {
    ...kept,
    ...(edited.cDay !== undefined && { cDay: edited.cDay }),
    ...(edited.hostNation !== undefined && { hostNation: edited.hostNation }),
    forceTarget: { ...targetKept, ...target },
    sectors: sectorsOf(storedSectors, (edited.sectors ?? []) as Json[]),
  };
}

/**
 * The sector rows, each keeping what the form does not show (a sector's `source`) from the stored
 * sector of the same name; a renamed sector keeps it too when no row was added or removed, so its
 * place says which it was. Otherwise a row is taken as new.
 */
function sectorsOf(stored: readonly Json[], rows: readonly Json[]): Json[] {
  const shown = new Set(['name', 'description', 'assumption']);
  const names = new Set(rows.map((r) => r.name));
  return rows.map((row, i) => {
    const same =
      stored.find((s) => s.name === row.name) ??
      (rows.length === stored.length && !names.has(stored[i]?.name) ? stored[i] : undefined);
    const hidden = Object.fromEntries(Object.entries(same ?? {}).filter(([k]) => !shown.has(k)));
    return { ...hidden, ...row };
  });
}

/**
 * The deployment settings as read with the form's laid over them; `null` when the form has emptied
 * every field of a scenario that had them, nothing when it had none and the form gives none.
 */
function deploymentOf(
  header: SettingsHeader,
  values: FormValues,
  edited: Json,
  errors: FormErrors,
): Json | null | undefined {
  const destinationRows = (edited.sectorDestinations ?? []) as Json[];
  const garrisons = (edited.garrisons ?? []) as Json[];
  const given =
    Object.entries(edited).some(
      ([k, v]) => k !== 'sectorDestinations' && k !== 'garrisons' && v !== undefined,
    ) ||
    rowsAt(values, SECTOR_DESTINATIONS_PATH).length > 0 ||
    rowsAt(values, GARRISONS_PATH).length > 0;
  if (!given) return header.deployment ? null : undefined;

  for (const [name, label] of [
    ['onwardMovementDays', 'onward movement (RSOM) days'],
    ['arrivalWindowDays', 'arrival window days'],
  ] as const)
    if (edited[name] === undefined && errors[`${DEPLOYMENT_PREFIX}${name}`] === undefined)
      errors[`${DEPLOYMENT_PREFIX}${name}`] = `Enter the ${label}: the deployment settings need them.`;

  // The document keeps one destination per sector: a second row for a sector would silently win.
  const first = new Map<unknown, number>();
  destinationRows.forEach((row, i) => {
    if (row.sector === undefined) return;
    const at = first.get(row.sector);
    if (at === undefined) first.set(row.sector, i);
    else errors[cellPath(SECTOR_DESTINATIONS_PATH, i, 'sector')] = `Already given in destination ${at + 1}.`;
  });

  const {
    activationCDay: _a,
    onwardMovementDays: _o,
    arrivalWindowDays: _w,
    criticalEquipmentShare: _c,
    followOnArrival: _f,
    sectorDestinations: _d,
    garrisons: _g,
    source: _s,
    assumption: _n,
    ...kept
  } = header.deployment ?? {};
  return {
    ...kept,
    ...edited,
    sectorDestinations: Object.fromEntries(destinationRows.map((row) => [row.sector, row.node])),
    garrisons,
  };
}

/**
 * Sorts the API's issues onto the form. Most name a field or a row's cell already; a sector's
 * destination is named by its sector (`deployment.sectorDestinations.Kyiv`), which is a row here, and
 * a whole row (`deployment.garrisons[3]`, repeating an earlier one) is shown at its first cell.
 */
export function settingsIssuesByField(
  fields: readonly FieldSpec[],
  issues: readonly ApiIssue[],
  values: FormValues,
): { errors: FormErrors; general: ApiIssue[] } {
  return issuesByField(
    fields,
    issues.map((issue) => ({ ...issue, path: settingsIssuePath(issue, values) })),
  );
}

function settingsIssuePath(issue: ApiIssue, values: FormValues): string {
  const { path } = issue;
  const destination = `${SECTOR_DESTINATIONS_PATH}.`;
  if (path.startsWith(destination)) {
    const sector = path.slice(destination.length);
    const i = rowsAt(values, SECTOR_DESTINATIONS_PATH).findIndex((r) => (r.sector ?? '').trim() === sector);
    if (i < 0) return path;
    return cellPath(SECTOR_DESTINATIONS_PATH, i, /unknown sector/.test(issue.message) ? 'sector' : 'node');
  }
  const row = /^(mission\.sectors|deployment\.garrisons)\[(\d+)\]$/.exec(path);
  if (row?.[1] !== undefined)
    return cellPath(row[1], Number(row[2]), row[1] === SECTORS_PATH ? 'name' : 'nation');
  if (path === 'mission.forceTarget.range') return 'mission.forceTarget.range.min';
  return path;
}

/** Whether two JSON values are equal whatever the order of their keys. */
export function sameJson(a: unknown, b: unknown): boolean {
  return JSON.stringify(sorted(a)) === JSON.stringify(sorted(b));
}

function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .filter((k) => (value as Json)[k] !== undefined)
      .map((k) => [k, sorted((value as Json)[k])]),
  );
}
