// URLs of the UI's pages, built in one place so links and routes cannot drift apart.
import { ENTITY_PATH } from '../../src/domain/entity-paths.ts';
import type { EntityKind } from '../../src/domain/records.ts';

export const HOME_PATH = '/';
export const LOGIN_PATH = '/login';
export const AUDIT_PATH = '/audit';
export const USERS_PATH = '/admin/users';
export const PASSWORD_PATH = '/account/password';

/** `section` is a scenario page's slug (empty for the overview). */
export function scenarioPath(scenarioId: string, section = ''): string {
  const base = `/scenarios/${encodeURIComponent(scenarioId)}`;
  return section ? `${base}/${section}` : base;
}

/** Slugs of the scenario's analysis pages (the dashboard is listed first in its navigation). */
export const DASHBOARD_SLUG = 'dashboard';
export const FORCE_MATRIX_SLUG = 'force-generation';
export const RESILIENCE_SLUG = 'resilience';
export const SUSTAINMENT_SLUG = 'sustainment';
/** The deployment section; its views (ULN schedule, map, force list…) are one segment further. */
export const DEPLOYMENT_SLUG = 'deployment';
/** The risk page: the line of contact, exposure, the escalation ladder and the risk register. */
export const RISK_SLUG = 'risk';
/** The cost page: the cost of the force against the pledges, by nation, domain and mode, and the rates. */
export const COST_SLUG = 'cost';
/** The Briefing page: make the scenario's briefing packs per audience, list, preview and print them. */
export const BRIEFING_SLUG = 'briefing';

/** A view of the deployment section (empty for the closure view), keeping the plan's query string. */
export function deploymentPath(scenarioId: string, view = '', search = ''): string {
  return `${scenarioPath(scenarioId, view ? `${DEPLOYMENT_SLUG}/${view}` : DEPLOYMENT_SLUG)}${search}`;
}

/** The slug of a scenario's search page; the text searched for is its `q` parameter. */
export const SEARCH_SLUG = 'search';
/** The first segment of a record's own page within its scenario. */
export const RECORDS_SLUG = 'records';

/** The search page of a scenario, for `q` when given. */
export function scenarioSearchPath(scenarioId: string, q?: string): string {
  const base = scenarioPath(scenarioId, SEARCH_SLUG);
  return q ? `${base}?${new URLSearchParams({ q }).toString()}` : base;
}

/** One record's page: `/scenarios/<id>/records/<kind path>/<key>`. */
export function recordPagePath(scenarioId: string, kind: EntityKind, key: string): string {
  return scenarioPath(scenarioId, `${RECORDS_SLUG}/${ENTITY_PATH[kind]}/${encodeURIComponent(key)}`);
}

/** The sign-in page, remembering the page the user wanted (`/audit?entity=offers`) to return to. */
export function loginPath(wanted: string): string {
  const next = safeNext(wanted);
  return next === HOME_PATH ? LOGIN_PATH : `${LOGIN_PATH}?next=${encodeURIComponent(next)}`;
}

/**
 * Where to go after sign-in, from the sign-in page's query string. Only a path of this app is
 * accepted, so a crafted link cannot send a freshly signed-in user to another site
 * (`//evil.example`, `https://…`) or back to the sign-in page.
 */
export function nextAfterLogin(search: string): string {
  return safeNext(new URLSearchParams(search).get('next') ?? HOME_PATH);
}

function safeNext(path: string): string {
  // Browsers drop tabs and newlines from URLs, so `/\t/host` would become `//host`: refuse them all.
  if ([...path].some((c) => c.charCodeAt(0) <= 0x20 || c.charCodeAt(0) === 0x7f)) return HOME_PATH;
  if (!path.startsWith('/') || path.startsWith('//') || path.startsWith('/\\')) return HOME_PATH;
  if (path === LOGIN_PATH || path.startsWith(`${LOGIN_PATH}?`) || path.startsWith(`${LOGIN_PATH}/`)) {
    return HOME_PATH;
  }
  return path;
}
