// The messages every form shows above its fields when a save did not go through, in the same words
// whichever form it is (a record, the delivery probabilities, the scenario settings): the API's
// issues that belong to no field, and a refusal (403, or any other error) with its status. The
// version conflict (409) is each form's own, since it shows what it edits as it now stands.
import { asApiError, type ApiError, type ApiIssue } from '../api-client.ts';
import type { FormErrors } from './record-form-model.ts';

/** Why a save of the scenario header (a PATCH with its version) did not go through. */
export type HeaderProblem<H> =
  | { kind: 'issues'; issues: ApiIssue[] }
  | { kind: 'refused'; error: ApiError }
  | { kind: 'conflict'; current: H };

/**
 * What a failed header save means for its form: a 400's issues at their fields (`sort` puts each
 * where it belongs, those of no field in `general`), a 409 with the header as it now stands, or a
 * refusal with its reason.
 */
export function headerSaveFailure<H extends { version: number }>(
  e: unknown,
  sort: (issues: readonly ApiIssue[]) => { errors: FormErrors; general: ApiIssue[] },
): { errors: FormErrors; problem: HeaderProblem<H> | null } {
  const error = asApiError(e);
  if (error.status === 400 && error.issues.length > 0) {
    const sorted = sort(error.issues);
    return {
      errors: sorted.errors,
      problem: sorted.general.length > 0 ? { kind: 'issues', issues: sorted.general } : null,
    };
  }
  const current = error.current as H | undefined;
  if (error.status === 409 && typeof current?.version === 'number') {
    return { errors: {}, problem: { kind: 'conflict', current } };
  }
  return { errors: {}, problem: { kind: 'refused', error } };
}

/** Issues no field of the form shows, under "The … was not saved:"; `whole` names what a pathless issue is about. */
export function IssuesMessage({
  what,
  whole,
  issues,
  lead,
}: {
  /** "offer", "delivery probabilities", "scenario settings". */
  what: string;
  /** "The record", "The scenario". */
  whole: string;
  issues: readonly ApiIssue[];
  /** Instead of "The … was not saved:" (work that saves nothing: "The pack was not made:"). */
  lead?: string;
}) {
  return (
    <div className="form-error" role="alert" tabIndex={-1}>
      <p>{lead ?? `The ${what} ${what.endsWith('s') ? 'were' : 'was'} not saved:`}</p>
      <ul className="issue-list">
        {issues.map((issue, i) => (
          <li key={i}>
            {issue.path ? <code>{issue.path}</code> : whole}: {issue.message}
          </li>
        ))}
      </ul>
    </div>
  );
}

/** A refused save: "Not permitted:" for a 403, else "The change was not saved:", with the API's reason. */
export function RefusedMessage({ error, lead }: { error: ApiError; lead?: string }) {
  return (
    <div className="form-error" role="alert" tabIndex={-1}>
      <p>
        {error.status === 403 ? 'Not permitted: ' : (lead ?? 'The change was not saved: ')}
        {error.message}
        {error.status > 0 && (
          <span className="status-code">
            {' '}
            (HTTP {error.status}, {error.code})
          </span>
        )}
      </p>
    </div>
  );
}
