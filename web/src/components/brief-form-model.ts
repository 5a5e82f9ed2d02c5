// Making a briefing pack on the Briefing page, as data: which audiences the signed-in user may make
// packs for (the rule of readableAudiences in src/app/brief-service.ts, which the web cannot import:
// coalition staff any, a liaison officer the coalition's, the public's and its own nation's, an
// observer none), the form's text as the body of POST /api/scenarios/:id/briefs, checked by the
// contract's own schema before it is sent, and a refusal (400) put at the fields its paths name
// (`audience`, `variants[i]`, `summary.bluf`, `summary.recommendations[i]`, `draws`). Also the summary
// of a pack already made, to start the next version of that audience's pack from. Pure, so it is
// tested without a browser; brief-make-form.tsx draws it.
import { BRIEF_VARIANTS_MAX, briefRequestSchema, type BriefRequest } from '../../../src/contract/brief.ts';
import { audienceLabel, parseAudience } from '../../../src/domain/brief/audience.ts';
import type { BriefPack } from '../../../src/domain/brief/pack.ts';
import { zodIssues } from '../../../src/domain/scenario-document.ts';
import { asApiError, type ApiError, type ApiIssue, type UserView } from '../api-client.ts';
import { capitalise, type FormErrors } from './record-form-model.ts';

export { BRIEF_VARIANTS_MAX };

/** At most this many recommendations (the contract's limit). */
export const RECOMMENDATIONS_MAX = 12;

export interface AudienceOption {
  /** As the API takes it: `staff`, `coalition`, `public`, `rel-to:EST`. */
  value: string;
  label: string;
}

/**
 * The audiences `user` may make packs for, as options, in the API's order. Coalition staff choose
 * a nation's release among the scenario's `nations`; a liaison officer only its own.
 */
export function audienceOptions(
  user: Pick<UserView, 'role' | 'nation'>,
  nations: readonly { id: string; name: string }[] = [],
): AudienceOption[] {
  if (user.role === 'observer') return [];
  const staff = user.role === 'planner' || user.role === 'administrator';
  const own = user.role === 'liaison' && user.nation ? user.nation : null;
  const texts = staff
    ? ['staff', 'coalition', 'public', ...nations.map((n) => `rel-to:${n.id}`)]
    : own
      ? ['coalition', 'public', `rel-to:${own}`]
      : ['public'];
  const names = new Map(nations.map((n) => [n.id, n.name]));
  return texts.flatMap((value) => {
    const audience = parseAudience(value);
    if (!audience) return [];
    const name = audience.kind === 'rel-to' ? names.get(audience.nation) : undefined;
    return [{ value, label: `${audienceLabel(audience)}${name ? ` (${name})` : ''} — ${value}` }];
  });
}

/** The form as typed. Recommendations are rows; a blank row is left out of the request. */
export interface BriefForm {
  audience: string;
  /** The scenarios compared, in the order listed. */
  variants: string[];
  bluf: string;
  recommendations: string[];
  /** Monte Carlo draws as typed; blank for the API's default. */
  draws: string;
}

export function emptyBriefForm(audience: string): BriefForm {
  return { audience, variants: [], bluf: '', recommendations: [''], draws: '' };
}

/**
 * The form's keys for errors: `audience`, `variants` (the list), `variant:<id>`, `bluf`,
 * `recommendations` (the list), `recommendation:<row>`, `draws`.
 */
export const variantKey = (id: string) => `variant:${id}`;
export const recommendationKey = (row: number) => `recommendation:${row}`;

/** The request the form makes, and which form row each sent recommendation came from. */
export interface BuiltRequest {
  request: BriefRequest;
  /** `rows[i]` is the form row of `summary.recommendations[i]`. */
  rows: number[];
  /** What the form refuses before the schema is asked (draws that are not a whole number). */
  errors: FormErrors;
}

const DRAWS_MESSAGE = 'Must be a whole number of draws from 100 to 100,000, or blank for 10,000.';

export function briefRequestOf(form: BriefForm): BuiltRequest {
  const rows = form.recommendations.flatMap((r, i) => (r.trim() === '' ? [] : [i]));
  const recommendations = rows.map((i) => form.recommendations[i]!.trim());
  const bluf = form.bluf.trim();
  const summary = {
    ...(bluf && { bluf }),
    ...(recommendations.length > 0 && { recommendations }),
  };
  const draws = form.draws.trim();
  const whole = /^\d{1,9}$/.test(draws);
  const request: BriefRequest = {
    audience: form.audience,
    variants: [...form.variants],
    ...(Object.keys(summary).length > 0 && { summary }),
    ...(whole && { draws: Number(draws) }),
  };
  return { request, rows, errors: draws === '' || whole ? {} : { draws: DRAWS_MESSAGE } };
}

/** Why a pack was not made, beside the fields' own errors. */
export type BriefProblem =
  | { kind: 'issues'; issues: ApiIssue[] }
  /** 409: the scenario changed while the pack was made; trying again makes it from the new one. */
  | { kind: 'conflict'; error: ApiError }
  /** 503: too many analyses running; try again after `retryAfterSeconds`. */
  | { kind: 'busy'; error: ApiError }
  | { kind: 'refused'; error: ApiError };

const sentence = (message: string) => {
  const text = capitalise(message.trim());
  return /[.!?]$/.test(text) ? text : `${text}.`;
};

/** The form key of an issue's path, or undefined when no field shows it. */
function keyOf(path: string, built: BuiltRequest): string | undefined {
  if (path === 'audience' || path === 'draws') return path;
  if (path === 'summary.bluf') return 'bluf';
  if (path === 'variants') return 'variants';
  if (path === 'summary.recommendations') return 'recommendations';
  const variant = /^variants\[(\d+)\]$/.exec(path);
  if (variant) {
    const id = built.request.variants?.[Number(variant[1])];
    return id === undefined ? 'variants' : variantKey(id);
  }
  const rec = /^summary\.recommendations\[(\d+)\]$/.exec(path);
  if (rec) {
    const row = built.rows[Number(rec[1])];
    return row === undefined ? 'recommendations' : recommendationKey(row);
  }
  return undefined;
}

/** Issues at the fields they name (the first for each), the rest for the message above the form. */
export function issuesByField(
  issues: readonly ApiIssue[],
  built: BuiltRequest,
): { errors: FormErrors; general: ApiIssue[] } {
  const errors: FormErrors = {};
  const general: ApiIssue[] = [];
  for (const issue of issues) {
    const key = keyOf(issue.path, built);
    if (key) errors[key] ??= sentence(issue.message);
    else general.push(issue);
  }
  return { errors, general };
}

/** What the contract's schema says of the request before it is sent (the API would say the same). */
export function checkBriefRequest(built: BuiltRequest): { errors: FormErrors; general: ApiIssue[] } {
  const parsed = briefRequestSchema.safeParse(built.request);
  if (parsed.success) return { errors: { ...built.errors }, general: [] };
  const found = issuesByField(zodIssues(parsed.error), built);
  return { errors: { ...found.errors, ...built.errors }, general: found.general };
}

/** A refused request: a 400's issues at their fields, a conflict, the server busy, or another refusal. */
export function briefFailure(
  e: unknown,
  built: BuiltRequest,
): { errors: FormErrors; problem: BriefProblem | null } {
  const error = asApiError(e);
  if (error.status === 400 && error.issues.length > 0) {
    const { errors, general } = issuesByField(error.issues, built);
    return { errors, problem: general.length > 0 ? { kind: 'issues', issues: general } : null };
  }
  if (error.status === 409) return { errors: {}, problem: { kind: 'conflict', error } };
  if (error.status === 503 || error.status === 429) return { errors: {}, problem: { kind: 'busy', error } };
  return { errors: {}, problem: { kind: 'refused', error } };
}

/** The planner's summary as a pack holds it, to start the next version from. */
export interface PackSummaryText {
  bluf: string;
  recommendations: string[];
}

/** The summary a pack was made with, as the planner gave it; empty where none was given. */
export function summaryOfPack(pack: Pick<BriefPack, 'summary'>): PackSummaryText {
  return { bluf: pack.summary?.bluf ?? '', recommendations: [...(pack.summary?.recommendations ?? [])] };
}
