// Deleting a record, below its form: a button, then a question to confirm it (nothing is deleted by
// one slip of the mouse), then the DELETE with the version the user has seen. A version conflict
// shows the record as it now stands and asks again; a refusal (403, or a record other records still
// name) gives the API's reason. What follows a deletion is the form page's to say (onDeleted).
import { useId, useState } from 'react';
import type { ApiError } from '../api-client.ts';
import { type StoredRecord, asApiError } from '../api-client.ts';
import { formatDateTime } from '../format.ts';
import { useApiClient } from '../use-api.tsx';
import { kindWord, type EditableKind } from './edit-paths.ts';
import { RecordView } from './record-page.tsx';
import { useScenario } from './scenario-layout.tsx';

type DeleteState =
  | { step: 'idle' }
  | { step: 'confirming' }
  | { step: 'deleting' }
  | { step: 'conflict'; current: StoredRecord<EditableKind> }
  | { step: 'refused'; error: ApiError };

interface DeleteRecordPanelProps {
  kind: EditableKind;
  recordKey: string;
  /** The version the user has seen: a newer one is a conflict. */
  version: number;
  /** Called once it is deleted, with what to tell the user ("network arc A-1 deleted"). */
  onDeleted: (text: string) => void;
}

export function DeleteRecordPanel({ kind, recordKey, version, onDeleted }: DeleteRecordPanelProps) {
  const scenario = useScenario();
  const client = useApiClient();
  const headingId = useId();
  const [state, setState] = useState<DeleteState>({ step: 'idle' });
  const what = kindWord(kind);

  const remove = async (atVersion: number) => {
    setState({ step: 'deleting' });
    try {
      await client.deleteRecord(scenario.id, kind, recordKey, atVersion);
      onDeleted(`${what} ${recordKey} deleted`);
    } catch (e) {
      const error = asApiError(e);
      const current = error.current as StoredRecord<EditableKind> | undefined;
      if (error.status === 409 && typeof current?.version === 'number')
        setState({ step: 'conflict', current });
      else setState({ step: 'refused', error });
    }
  };

  return (
    <section className="delete-record" aria-labelledby={headingId}>
      <h3 id={headingId}>Delete this {what}</h3>
      {state.step === 'idle' && (
        <p>
          <button
            type="button"
            className="button button-danger"
            onClick={() => setState({ step: 'confirming' })}
          >
            Delete {what} {recordKey}
          </button>
        </p>
      )}
      {(state.step === 'confirming' || state.step === 'deleting') && (
        <div className="notice" role="alertdialog" aria-label={`Delete ${what} ${recordKey}?`}>
          <p>
            Delete {what} <code>{recordKey}</code>? The audit log keeps a copy, but the record is gone from
            the scenario and its analyses.
          </p>
          <p className="form-actions">
            <button
              type="button"
              className="button button-danger"
              disabled={state.step === 'deleting'}
              onClick={() => void remove(version)}
            >
              {state.step === 'deleting' ? 'Deleting…' : 'Yes, delete it'}
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setState({ step: 'idle' })}
            >
              Keep it
            </button>
          </p>
        </div>
      )}
      {state.step === 'conflict' && (
        <div className="form-error conflict" role="alert">
          <p>
            Someone else changed this {what} since you opened it: it is now at version {state.current.version}{' '}
            (changed {formatDateTime(state.current.updatedAt)}). It was not deleted.
          </p>
          <RecordView kind={kind} recordKey={recordKey} record={state.current} />
          <p className="form-actions">
            <button
              type="button"
              className="button button-danger"
              onClick={() => void remove(state.current.version)}
            >
              Delete the current version
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setState({ step: 'idle' })}
            >
              Keep it
            </button>
          </p>
        </div>
      )}
      {state.step === 'refused' && (
        <div className="form-error" role="alert">
          <p>
            {state.error.status === 403 ? 'Not permitted: ' : 'It was not deleted: '}
            {state.error.message}
            {state.error.status > 0 && (
              <span className="status-code">
                {' '}
                (HTTP {state.error.status}, {state.error.code})
              </span>
            )}
          </p>
          <p>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setState({ step: 'idle' })}
            >
              Back
            </button>
          </p>
        </div>
      )}
    </section>
  );
}
