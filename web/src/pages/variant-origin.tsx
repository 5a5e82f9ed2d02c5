// The note on every page of a variant: where it came from (its parent and the version it was branched
// from) and what each what-if did, with the notes that say where a change alone moves nothing; a
// link to compare it with its parent; and, for coalition staff, "Promote to baseline": the parent's
// inputs replaced by the variant's (the parent keeps its id, name and decision records; audited),
// after a confirmation. A parent changed since the branch is refused (409) with the API's reason,
// and "Promote anyway" promotes over those changes, naming the parent's content version the 409 gave.
import { useId, useState } from 'react';
import type { ScenarioSummary } from '../../../src/domain/records.ts';
import { asApiError, type ApiClient, type ApiError } from '../api-client.ts';
import { RefusedMessage } from '../components/form-problems.tsx';
import { scenarioPath } from '../paths.ts';
import { Link, useRouter } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { useApiClient } from '../use-api.tsx';
import { comparePath } from './compare-paths.ts';
import { canEditScenario } from './edit-paths.ts';
import { withSaved } from './edit-saved-notice.tsx';

type VariantOf = NonNullable<ScenarioSummary['variantOf']>;

export function VariantOrigin({ scenario }: { scenario: ScenarioSummary & { variantOf: VariantOf } }) {
  const { variantOf } = scenario;
  const user = useCurrentUser();
  return (
    <div className="variant-origin" role="note" aria-label="Variant">
      <p>
        Variant of <Link to={scenarioPath(variantOf.parent)}>{variantOf.parent}</Link> as of its version{' '}
        {variantOf.parentVersion}
        {variantOf.whatIfs.length > 0 ? ':' : '.'}
      </p>
      {variantOf.whatIfs.length > 0 && (
        <ul>
          {variantOf.whatIfs.map((w, i) => (
            <li key={i}>
              <strong>{w.title}.</strong> {w.changes.join(' ')}
              {w.notes.map((n, j) => (
                <span key={j} className="variant-note block">
                  Note: {n}
                </span>
              ))}
            </li>
          ))}
        </ul>
      )}
      <p className="variant-actions">
        <Link to={comparePath(variantOf.parent, { variants: [scenario.id] })}>Compare with its parent</Link>
      </p>
      {canEditScenario(user) && <PromoteVariant variant={scenario} parentId={variantOf.parent} />}
    </div>
  );
}

/** Where a promotion stands. */
export type PromoteState =
  | { step: 'idle' }
  | { step: 'confirming' }
  | { step: 'sending'; anyway: boolean }
  /** `contentVersion`: the parent's now, from the 409, to promote over its changes. */
  | { step: 'conflict'; message: string; contentVersion: number | undefined }
  | { step: 'refused'; error: ApiError };

export type PromoteOutcome =
  | { kind: 'promoted'; parent: ScenarioSummary }
  | { kind: 'conflict'; message: string; contentVersion: number | undefined }
  | { kind: 'refused'; error: ApiError };

/**
 * Promotes the variant; with `parentContentVersion` (the parent's content version a 409 named), over
 * the changes made to the parent since the branch, and only those: had the parent changed again
 * since the 409, the API refuses once more.
 */
export async function promote(
  client: ApiClient,
  variantId: string,
  parentContentVersion?: number,
): Promise<PromoteOutcome> {
  try {
    const request = parentContentVersion === undefined ? {} : { parentContentVersion };
    return { kind: 'promoted', parent: await client.promoteVariant(variantId, request) };
  } catch (e) {
    const error = asApiError(e);
    if (error.status !== 409) return { kind: 'refused', error };
    const current = error.current as { contentVersion?: unknown } | undefined;
    const contentVersion = typeof current?.contentVersion === 'number' ? current.contentVersion : undefined;
    return { kind: 'conflict', message: error.message, contentVersion };
  }
}

function PromoteVariant({ variant, parentId }: { variant: ScenarioSummary; parentId: string }) {
  const client = useApiClient();
  const { navigate } = useRouter();
  const [state, setState] = useState<PromoteState>({ step: 'idle' });
  const run = async (parentContentVersion?: number) => {
    setState({ step: 'sending', anyway: parentContentVersion !== undefined });
    const outcome = await promote(client, variant.id, parentContentVersion);
    if (outcome.kind === 'promoted')
      navigate(withSaved(scenarioPath(outcome.parent.id), `${variant.name} promoted to baseline`));
    else if (outcome.kind === 'conflict')
      setState({ step: 'conflict', message: outcome.message, contentVersion: outcome.contentVersion });
    else setState({ step: 'refused', error: outcome.error });
  };
  return (
    <PromoteView
      variantName={variant.name}
      parentId={parentId}
      state={state}
      onStart={() => setState({ step: 'confirming' })}
      onConfirm={() => void run()}
      onAnyway={() => void run(state.step === 'conflict' ? state.contentVersion : undefined)}
      onCancel={() => setState({ step: 'idle' })}
    />
  );
}

export interface PromoteViewProps {
  variantName: string;
  parentId: string;
  state: PromoteState;
  onStart: () => void;
  onConfirm: () => void;
  onAnyway: () => void;
  onCancel: () => void;
}

/** The promotion's controls in each state (controlled, so a test can render each). */
export function PromoteView({
  variantName,
  parentId,
  state,
  onStart,
  onConfirm,
  onAnyway,
  onCancel,
}: PromoteViewProps) {
  const id = useId();
  if (state.step === 'idle')
    return (
      <p className="variant-actions">
        <button type="button" className="button button-secondary button-small" onClick={onStart}>
          Promote to baseline
        </button>
      </p>
    );
  const sending = state.step === 'sending';
  const cancel = (
    <button type="button" className="button button-secondary" onClick={onCancel} disabled={sending}>
      Cancel
    </button>
  );
  if (state.step === 'conflict' || (sending && state.anyway)) {
    const canForce = state.step === 'sending' || state.contentVersion !== undefined;
    return (
      <div className="confirm-replace promote-confirm" role="group" aria-labelledby={`${id}-h`}>
        <p id={`${id}-h`} role="alert">
          {state.step === 'conflict' ? `Not promoted: ${state.message}` : 'Promoting…'}
        </p>
        <p>
          {canForce
            ? `Promoting anyway replaces the inputs of ${parentId} as they are now, with whatever changed in them since ${variantName} was branched.`
            : `Reload ${parentId} to see where it stands, then try again.`}
        </p>
        <p className="confirm">
          {canForce && (
            <button type="button" className="button button-danger" onClick={onAnyway} disabled={sending}>
              Promote anyway
            </button>
          )}
          {cancel}
        </p>
      </div>
    );
  }
  return (
    <div className="confirm-replace promote-confirm" role="group" aria-labelledby={`${id}-h`}>
      <p id={`${id}-h`}>
        <strong>Promote {variantName} to baseline?</strong> The inputs of {parentId} (its nations, offers,
        pledges, requirement lines, force list and settings) are replaced by this variant’s. {parentId} keeps
        its id, name and decision records; the change is recorded in the audit log. This variant stays as it
        is.
      </p>
      {state.step === 'refused' && <RefusedMessage error={state.error} />}
      <p className="confirm">
        <button type="button" className="button button-danger" onClick={onConfirm} disabled={sending}>
          Yes, promote to baseline
        </button>
        {cancel}
      </p>
    </div>
  );
}
