// The assumptions an analysis is computed under (the fill's, the sustainment's and the Monte Carlo's
// parameters), as the flags `coalition analyse`, `compare` and `decide` share: the query the API
// takes from them, and the API's parameter names turned back into the flags, so that a refused
// value is reported as `--exclude[1]: …` whichever command was run.
import { DomainError, invalid, type FieldIssue } from '../../domain/errors.ts';

/** The flags of src/cli/program.ts's `assumptionOptions`, as commander hands them over. */
export interface AssumptionOptions {
  usBackstop?: boolean;
  late?: boolean;
  exclude?: string[];
  minStatus?: string;
  asOf?: string;
  defaultPolicy?: string;
  basis?: string;
  draws?: string;
  seed?: string;
  /** `coalition risk`: the probability of climbing each rung. */
  climb?: string;
  /** `coalition risk`: who can respond to which sector, on which day, how fast. */
  sector?: string;
  day?: string;
  noticeHours?: string;
  marchKmh?: string;
  /** `coalition cost`: the months costed. */
  months?: string;
}

/** The service's parameter names as the flags a CLI user typed, for error messages. */
export const FLAG_OF: Readonly<Record<string, string>> = {
  usBackstop: '--us-backstop',
  allowLate: '--late',
  explain: '--explain',
  excludeNations: '--exclude',
  minStatus: '--min-status',
  asOf: '--as-of',
  defaultPolicy: '--default-policy',
  basis: '--basis',
  draws: '--draws',
  seed: '--seed',
  readyByCDay: '--ready-by',
  climb: '--climb',
  sector: '--sector',
  day: '--day',
  noticeHours: '--notice-hours',
  marchKmh: '--march-kmh',
  months: '--months',
};

/** The flags given, as the API's query parameters (text, as a URL would carry them). */
export function assumptionQuery(opts: AssumptionOptions): Record<string, unknown> {
  return {
    ...(opts.usBackstop && { usBackstop: true }),
    ...(opts.late === true && { allowLate: true }),
    ...(opts.exclude !== undefined && { excludeNations: opts.exclude.join(',') }),
    ...(opts.minStatus !== undefined && { minStatus: opts.minStatus }),
    ...(opts.asOf !== undefined && { asOf: opts.asOf }),
    ...(opts.defaultPolicy !== undefined && { defaultPolicy: opts.defaultPolicy }),
    ...(opts.basis !== undefined && { basis: opts.basis }),
    ...(opts.draws !== undefined && { draws: opts.draws }),
    ...(opts.seed !== undefined && { seed: opts.seed }),
    ...(opts.climb !== undefined && { climb: opts.climb }),
    ...(opts.sector !== undefined && { sector: opts.sector }),
    ...(opts.day !== undefined && { day: opts.day }),
    ...(opts.noticeHours !== undefined && { noticeHours: opts.noticeHours }),
    ...(opts.marchKmh !== undefined && { marchKmh: opts.marchKmh }),
    ...(opts.months !== undefined && { months: opts.months }),
  };
}

/**
 * An invalid-input error with each field path renamed by `rename` (which returns undefined to keep
 * a path as it is); any other error as it is.
 */
export function renamingFields(e: unknown, rename: (path: string) => string | undefined): unknown {
  if (!(e instanceof DomainError) || e.code !== 'invalid' || e.issues.length === 0) return e;
  return invalid(e.issues.map((i): FieldIssue => ({ path: rename(i.path) ?? i.path, message: i.message })));
}

/** `excludeNations[1]` → `--exclude[1]`: a parameter path as the flag it came from, if it is one. */
export function assumptionFlag(path: string): string | undefined {
  const [, name = '', rest = ''] = /^([A-Za-z]+)(.*)$/.exec(path) ?? [];
  const flag = FLAG_OF[name];
  return flag ? flag + rest : undefined;
}
