// The Compare page's address: `/scenarios/<baseline>/compare?variants=a,b&criteria=…`. The variants
// and the COA criteria (in the API's text form, `figure:weight:benchmark`) live in the query string,
// so a comparison with its matrix is one link a planner can send; commas and colons are left as they
// are (both are allowed in a query), so the link reads as the API's own query does.
import { COMPARE_VARIANTS_MAX, criteriaParam, type CoaCriterion } from '../../../src/contract/compare.ts';
import { criterionText } from '../api-client.ts';
import { scenarioPath } from '../paths.ts';

export const COMPARE_SLUG = 'compare';
export const VARIANTS_PARAM = 'variants';
export const CRITERIA_PARAM = 'criteria';

/** The query string `search` with `changes` applied (undefined or empty removes a parameter). */
export function compareSearch(search: string, changes: Record<string, string | undefined>): string {
  const q = new URLSearchParams(search);
  for (const [name, value] of Object.entries(changes)) {
    if (value === undefined || value === '') q.delete(name);
    else q.set(name, value);
  }
  const s = q.toString().replace(/%2C/gi, ',').replace(/%3A/gi, ':');
  return s ? `?${s}` : '';
}

/** The baseline's Compare page, with these variants (and criteria) chosen. */
export function comparePath(
  baselineId: string,
  options: { variants?: readonly string[]; criteria?: readonly CoaCriterion[] | undefined } = {},
): string {
  const search = compareSearch('', {
    [VARIANTS_PARAM]: options.variants?.join(','),
    [CRITERIA_PARAM]: options.criteria ? criteriaText(options.criteria) : undefined,
  });
  return `${scenarioPath(baselineId, COMPARE_SLUG)}${search}`;
}

/** `matchedOnTime:3:100000,closureDay90:2`: the criteria as the API's query writes them. */
export function criteriaText(criteria: readonly CoaCriterion[]): string {
  return criteria.map(criterionText).join(',');
}

/** The variants named in the query: ids in order, without blanks or repeats. */
export function readVariants(search: string): string[] {
  const raw = new URLSearchParams(search).get(VARIANTS_PARAM) ?? '';
  const ids = raw
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  return [...new Set(ids)];
}

/** At most this many variants are compared with the baseline (the API's limit). */
export const VARIANTS_MAX = COMPARE_VARIANTS_MAX;

/**
 * The criteria named in the query: none when absent, the parsed criteria when valid, otherwise why
 * they could not be read (the page then starts from the default criteria and says so).
 */
export function readCriteria(
  search: string,
): { kind: 'none' } | { kind: 'valid'; criteria: CoaCriterion[] } | { kind: 'invalid'; problems: string[] } {
  const raw = new URLSearchParams(search).get(CRITERIA_PARAM);
  if (raw === null || raw.trim() === '') return { kind: 'none' };
  const parsed = criteriaParam.safeParse(raw);
  if (parsed.success) return { kind: 'valid', criteria: parsed.data };
  return {
    kind: 'invalid',
    problems: parsed.error.issues.map((i) => {
      const path = i.path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
      return `criteria${path}: ${i.message}`;
    }),
  };
}
