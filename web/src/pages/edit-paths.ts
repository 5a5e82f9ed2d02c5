// Where the record forms live and who sees them. A form is a page of its own, so it can be linked
// from wherever the record is shown (the Nations page for stance entries, the Funding page for
// pledges, every record's own page) and returns there after saving:
//   /scenarios/<id>/new/<kind>?nation=FRA&back=…   a new record
//   /scenarios/<id>/edit/<kind>/<key>?back=…       a change to one (or its deletion)
//   /scenarios/<id>/edit/delivery-probability       the scenario's delivery probabilities
//   /scenarios/<id>/edit/settings?back=…            the scenario's header, mission and deployment settings
// Who may change what mirrors the API's rule (authorizeWrite in src/domain/access.ts): planners and
// administrators everything, a liaison officer its own nation's offers, pledges and stance entries.
// Every kind of record has a form: whatever the API lets a user change, the UI does too.
// The UI only hides what would be refused; the API decides.
import { ENTITY_PATH } from '../../../src/domain/entity-paths.ts';
import { LIAISON_WRITABLE, seesEverything } from '../../../src/domain/access.ts';
import { ENTITY_KINDS, type EntityKind } from '../../../src/domain/records.ts';
import type { UserView } from '../api-client.ts';
import { scenarioPath } from '../paths.ts';
import { KIND_NAMES } from '../record-kinds.ts';

export const EDIT_SLUG = 'edit';
export const NEW_SLUG = 'new';

/** The record kinds that have a form: all of them. */
export const EDITABLE_KINDS: readonly EntityKind[] = ENTITY_KINDS;
export type EditableKind = EntityKind;

/** The slug (after `edit/`) of the form of the scenario's delivery probabilities. */
export const DELIVERY_PROBABILITY_SLUG = 'delivery-probability';

export function deliveryProbabilityPath(
  scenarioId: string,
  options: { back?: string | undefined } = {},
): string {
  return `${scenarioPath(scenarioId, `${EDIT_SLUG}/${DELIVERY_PROBABILITY_SLUG}`)}${query(options)}`;
}

/** The slug (after `edit/`) of the scenario settings: the header, mission and deployment settings. */
export const SCENARIO_SETTINGS_SLUG = 'settings';
export const BRANCH_SLUG = 'branch';

/** The page that branches a variant of the scenario. */
export function branchPath(scenarioId: string): string {
  return scenarioPath(scenarioId, `${EDIT_SLUG}/${BRANCH_SLUG}`);
}

export function scenarioSettingsPath(
  scenarioId: string,
  options: { back?: string | undefined } = {},
): string {
  return `${scenarioPath(scenarioId, `${EDIT_SLUG}/${SCENARIO_SETTINGS_SLUG}`)}${query(options)}`;
}

/** Whether the user may change the scenario header (its assumptions): coalition staff only. */
export function canEditScenario(user: Pick<UserView, 'role' | 'nation'>): boolean {
  return seesEverything({ userId: '', role: user.role, nation: user.nation ?? null });
}

/** A kind's name inside a sentence: "funding pledge", "network arc", but "ULN". */
export function kindWord(kind: EntityKind): string {
  const one = KIND_NAMES[kind].one;
  return /^[A-Z]{2,}/.test(one) ? one : one.toLowerCase();
}

export function editableKindOfPath(segment: string): EditableKind | undefined {
  return EDITABLE_KINDS.find((k) => ENTITY_PATH[k] === segment);
}

/** The query string of a form page: the nation of a new record, and the page to return to. */
function query(options: { nation?: string | undefined; back?: string | undefined }): string {
  const params = new URLSearchParams();
  if (options.nation) params.set('nation', options.nation);
  if (options.back) params.set('back', options.back);
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

export function newRecordPath(
  scenarioId: string,
  kind: EditableKind,
  options: { nation?: string | undefined; back?: string | undefined } = {},
): string {
  return `${scenarioPath(scenarioId, `${NEW_SLUG}/${ENTITY_PATH[kind]}`)}${query(options)}`;
}

export function editRecordPath(
  scenarioId: string,
  kind: EditableKind,
  key: string,
  options: { back?: string | undefined } = {},
): string {
  return `${scenarioPath(scenarioId, `${EDIT_SLUG}/${ENTITY_PATH[kind]}/${encodeURIComponent(key)}`)}${query(options)}`;
}

/**
 * The page to return to after saving, from the form page's query string: only a page of the same
 * scenario, so a crafted link cannot send the user elsewhere. Falls back to `fallback`.
 */
export function backPathOf(search: string, scenarioId: string, fallback: string): string {
  const back = new URLSearchParams(search).get('back');
  if (!back) return fallback;
  const base = scenarioPath(scenarioId);
  if (back !== base && !back.startsWith(`${base}/`) && !back.startsWith(`${base}?`)) return fallback;
  if ([...back].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f || c === '\\')) {
    return fallback;
  }
  return back;
}

/** The nation asked for by a new-record link (`?nation=FRA`), upper case, or empty. */
export function nationOfQuery(search: string): string {
  const nation = (new URLSearchParams(search).get('nation') ?? '').trim().toUpperCase();
  return /^[A-Z]{3}$/.test(nation) ? nation : '';
}

/** Whether the user may create or change a record of this kind for this nation. */
export function canEditRecord(
  user: Pick<UserView, 'role' | 'nation'>,
  kind: EntityKind,
  nation: string | undefined,
): boolean {
  const principal = { userId: '', role: user.role, nation: user.nation ?? null };
  if (seesEverything(principal)) return true;
  if (user.role !== 'liaison' || !LIAISON_WRITABLE.has(kind)) return false;
  return nation !== undefined && nation === user.nation;
}

/** Whether the user may create records of this kind for some nation (to show "Add" at all). */
export function canCreateAny(user: Pick<UserView, 'role' | 'nation'>, kind: EntityKind): boolean {
  return canEditRecord(user, kind, user.nation ?? undefined);
}

/** The nations the user may pick for a new record of this kind; all of them for coalition staff. */
export function nationsForUser<T extends { id: string }>(
  user: Pick<UserView, 'role' | 'nation'>,
  kind: EntityKind,
  nations: readonly T[],
): T[] {
  return nations.filter((n) => canEditRecord(user, kind, n.id));
}
