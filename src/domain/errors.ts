// Errors are values: a code, a field path and a reason. The HTTP edge maps the code to a status;
// the CLI prints `file: path: reason`. Nothing here knows about either.

export type ErrorCode =
  | 'invalid' // input does not satisfy the schema or a domain rule (HTTP 400)
  | 'unauthenticated' // no valid session (401)
  | 'forbidden' // signed in, but the role or nation does not allow it (403)
  | 'not_found' // (404); also what a user gets for a record not releasable to them
  | 'rate_limited' // too many failed sign-ins (429)
  | 'conflict' // stale version, duplicate id, record still referenced (409)
  | 'too_large' // (413)
  | 'unavailable'; // busy: the analysis queue is full, try again after `details.retryAfter` seconds (503)

export interface FieldIssue {
  /** Dotted path with array indices, e.g. `offers[3].nation`; empty for the whole document. */
  path: string;
  message: string;
}

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[];
  /** Extra payload for the client, e.g. the current record on a version conflict. */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: ErrorCode,
    message: string,
    issues: FieldIssue[] = [],
    details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.issues = issues;
    this.details = details;
  }
}

export function invalid(issues: FieldIssue[]): DomainError {
  const first = issues[0];
  const summary = first ? `${first.path || '(document)'}: ${first.message}` : 'invalid input';
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  return new DomainError('invalid', summary + more, issues);
}

export function notFound(what: string): DomainError {
  return new DomainError('not_found', `${what} not found`);
}

/** Formats a zod-style path (`['offers', 3, 'nation']`) as `offers[3].nation`. */
export function formatPath(path: ReadonlyArray<PropertyKey>): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else out += out ? `.${String(part)}` : String(part);
  }
  return out;
}
