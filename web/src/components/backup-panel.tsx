// Backup and restore of the whole installation, on the administrators' Users page. Download is a
// plain link to the API (the browser saves the file and sends the session cookie); restore reads a
// backup file in the browser, checks it is JSON and a backup, and sends it to the API, which checks
// every scenario before writing any. Replacing scenarios that exist overwrites them, so it takes a
// second, explicit click. Accounts the restore creates get one-time passwords, shown here once.
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../api-client.ts';
import { type RestoreReport, asApiError } from '../api-client.ts';
import { ROLE_LABELS } from '../session.tsx';
import { useApiClient } from '../use-api.tsx';

/** What the file input's "format" must say: the API refuses anything else anyway. */
const BACKUP_FORMAT = 'coalition-backup';
/** A file with hundreds of bad fields should not bury the page: the first ones say enough. */
const MAX_ISSUES_SHOWN = 20;

export type ParsedBackupFile =
  { ok: true; value: unknown; scenarioIds: string[] } | { ok: false; error: string };

/**
 * Reads a backup file's text: JSON, and announcing itself as a backup. The message of a failure is
 * shown next to the file field, so it says what is wrong and what to choose instead.
 */
export function parseBackupFile(text: string): ParsedBackupFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return { ok: false, error: `This file is not valid JSON, so it cannot be a backup (${reason}).` };
  }
  if (
    typeof value !== 'object' ||
    value === null ||
    (value as { format?: unknown }).format !== BACKUP_FORMAT
  ) {
    return {
      ok: false,
      error:
        `This file is JSON but not a Coalition Planner backup (it lacks "format": "${BACKUP_FORMAT}"). ` +
        'Choose a file saved with “Download backup” or `coalition export --all`.',
    };
  }
  const scenarios = (value as { scenarios?: unknown }).scenarios;
  const scenarioIds = Array.isArray(scenarios)
    ? scenarios.flatMap((s: unknown) =>
        typeof s === 'object' && s !== null && typeof (s as { id?: unknown }).id === 'string'
          ? [(s as { id: string }).id]
          : [],
      )
    : [];
  return { ok: true, value, scenarioIds };
}

/** The one-line account of a restore: how many scenarios, how many of them replaced, and the accounts. */
export function restoreSummary(report: RestoreReport): string {
  const replaced = report.scenarios.filter((s) => s.replaced).length;
  const fresh = report.scenarios.length - replaced;
  const parts = [
    `${plural(report.scenarios.length, 'scenario')} restored (${replaced} replaced, ${fresh} new)`,
    `${plural(report.users.length, 'account')} created`,
    `${plural(report.keptUsers.length, 'account')} kept as ${report.keptUsers.length === 1 ? 'it was' : 'they were'}`,
  ];
  return `${parts.join('; ')}.`;
}

/**
 * The message of a refused restore. The API words its 409 for the command line too (`--replace`);
 * on this page the way out is the checkbox, said beside it.
 */
export function restoreFailureMessage(error: ApiError): string {
  return error.status === 409 ? error.message.replace(/;\s*use --replace\b.*$/s, '.') : error.message;
}

type Pending = { value: unknown; scenarioIds: string[] };

export function BackupPanel({ onRestored }: { onRestored?: (report: RestoreReport) => void }) {
  const client = useApiClient();
  const headingId = useId();
  const restoreHeadingId = useId();
  const includeUsersId = useId();
  const fileId = useId();
  const replaceId = useId();
  const [includeUsers, setIncludeUsers] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [replace, setReplace] = useState(false);
  const [fileError, setFileError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [report, setReport] = useState<RestoreReport | null>(null);
  const fileRef = useRef<HTMLInputElement>(null);

  /** Reads and checks the chosen file; on a problem says so by the field and gives nothing back. */
  const read = async (): Promise<Pending | null> => {
    if (!file) {
      setFileError('Choose a backup file to restore.');
      fileRef.current?.focus();
      return null;
    }
    let text: string;
    try {
      text = await file.text();
    } catch (e) {
      setFileError(`The file could not be read: ${e instanceof Error ? e.message : String(e)}`);
      fileRef.current?.focus();
      return null;
    }
    const parsed = parseBackupFile(text);
    if (!parsed.ok) {
      setFileError(parsed.error);
      fileRef.current?.focus();
      return null;
    }
    return { value: parsed.value, scenarioIds: parsed.scenarioIds };
  };

  const restore = async (backup: Pending, withReplace: boolean) => {
    setBusy(true);
    try {
      const done = await client.restoreBackup(backup.value, { replace: withReplace });
      setReport(done);
      setPending(null);
      setFile(null);
      setReplace(false);
      if (fileRef.current) fileRef.current.value = '';
      onRestored?.(done);
    } catch (e) {
      setPending(null);
      setFailure(asApiError(e));
    } finally {
      setBusy(false);
    }
  };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFileError(null);
    setFailure(null);
    setReport(null);
    const backup = await read();
    if (!backup) return;
    // Replacing overwrites scenarios: ask first, naming them, and send nothing until confirmed.
    if (replace) setPending(backup);
    else await restore(backup, false);
  };

  return (
    <section className="panel backup-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Backup and restore</h2>
      <div className="backup-part">
        <h3>Download a backup</h3>
        <p className="panel-note">
          Every scenario in one JSON file, to keep or to restore into another installation. User accounts come
          without passwords: restoring them creates new one-time passwords.
        </p>
        <div className="check-field">
          <input
            id={includeUsersId}
            type="checkbox"
            checked={includeUsers}
            onChange={(e) => setIncludeUsers(e.target.checked)}
          />
          <label htmlFor={includeUsersId}>Include user accounts (never their passwords)</label>
        </div>
        <p>
          <a className="button" href={client.backupUrl(includeUsers)} download>
            Download backup
          </a>
        </p>
      </div>

      <form
        className="form backup-part"
        aria-labelledby={restoreHeadingId}
        noValidate
        onSubmit={(e) => void submit(e)}
      >
        <h3 id={restoreHeadingId}>Restore a backup</h3>
        <div className={fileError ? 'field field-invalid' : 'field'}>
          <label htmlFor={fileId}>Backup file</label>
          <p className="field-hint" id={`${fileId}-hint`}>
            A file from “Download backup” or <code>coalition export --all</code>. Accounts that exist here are
            kept as they are; the others are created.
          </p>
          <input
            id={fileId}
            ref={fileRef}
            type="file"
            accept=".json,application/json"
            className="input"
            aria-invalid={fileError ? true : undefined}
            aria-describedby={fileError ? `${fileId}-hint ${fileId}-error` : `${fileId}-hint`}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setFileError(null);
              setPending(null);
            }}
          />
          {fileError && (
            <p className="field-error" id={`${fileId}-error`} role="alert">
              {fileError}
            </p>
          )}
        </div>
        <div className="check-field">
          <input
            id={replaceId}
            type="checkbox"
            checked={replace}
            aria-describedby={`${replaceId}-hint`}
            onChange={(e) => {
              setReplace(e.target.checked);
              setPending(null);
            }}
          />
          <label htmlFor={replaceId}>Replace scenarios that already exist</label>
          <p className="field-hint" id={`${replaceId}-hint`}>
            Without it, a backup holding a scenario that exists here is refused and nothing is restored.
          </p>
        </div>
        <div className="form-actions">
          {pending ? (
            <ReplaceConfirmation
              scenarioIds={pending.scenarioIds}
              busy={busy}
              onConfirm={() => void restore(pending, true)}
              onCancel={() => setPending(null)}
            />
          ) : (
            <button type="submit" className="button" disabled={busy}>
              {busy ? 'Restoring…' : 'Restore'}
            </button>
          )}
        </div>
      </form>
      {failure && <RestoreFailure error={failure} onDismiss={() => setFailure(null)} />}
      {report && <RestoreReportView report={report} onDone={() => setReport(null)} />}
    </section>
  );
}

interface ReplaceConfirmationProps {
  scenarioIds: readonly string[];
  busy: boolean;
  onConfirm: () => void;
  onCancel: () => void;
}

/** The second click replacing takes, naming what the backup would overwrite. */
export function ReplaceConfirmation({ scenarioIds, busy, onConfirm, onCancel }: ReplaceConfirmationProps) {
  const textId = useId();
  // The Restore button just gave way to this group: focus goes to the harmless choice.
  const cancelRef = useRef<HTMLButtonElement>(null);
  useEffect(() => cancelRef.current?.focus(), []);
  return (
    <div className="confirm confirm-replace" role="group" aria-label="Confirm restore and replace">
      <p id={textId}>
        {scenarioIds.length === 0
          ? 'The backup holds no scenarios.'
          : `The backup holds ${plural(scenarioIds.length, 'scenario')}: ${scenarioIds.join(', ')}.`}{' '}
        Those that exist here will be overwritten with the backup&rsquo;s version; changes made since the
        backup was taken are lost. Restore and replace?
      </p>
      <button
        type="button"
        className="button button-danger"
        disabled={busy}
        aria-describedby={textId}
        onClick={onConfirm}
      >
        {busy ? 'Restoring…' : 'Restore and replace'}
      </button>
      <button
        type="button"
        className="button button-secondary"
        ref={cancelRef}
        disabled={busy}
        onClick={onCancel}
      >
        Cancel
      </button>
    </div>
  );
}

/** A refused restore: what the API said, with every field it named, and what to do about it. */
export function RestoreFailure({ error, onDismiss }: { error: ApiError; onDismiss?: () => void }) {
  const shown = error.issues.slice(0, MAX_ISSUES_SHOWN);
  const more = error.issues.length - shown.length;
  return (
    <div className="status-message status-error" role="alert">
      <p className="status-title">The backup was not restored.</p>
      <p>
        {restoreFailureMessage(error)}
        {error.status > 0 && (
          <span className="status-code">
            {' '}
            (HTTP {error.status}, {error.code})
          </span>
        )}
      </p>
      {shown.length > 0 && (
        <ul className="issue-list">
          {shown.map((issue, i) => (
            <li key={i}>
              {issue.path ? <code>{issue.path}</code> : 'The file'}: {issue.message}
            </li>
          ))}
          {more > 0 && <li>…and {plural(more, 'more problem')}.</li>}
        </ul>
      )}
      {error.status === 409 && (
        <p>
          Nothing was restored. To overwrite them with the backup, tick &ldquo;Replace scenarios that already
          exist&rdquo; and restore again.
        </p>
      )}
      {error.status === 400 && (
        <p>
          Nothing was restored: the whole file is checked before anything is written. Correct it and try
          again.
        </p>
      )}
      {onDismiss && (
        <p className="status-actions">
          <button type="button" className="button button-secondary" onClick={onDismiss}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}

/**
 * What a restore did. New accounts' one-time passwords are in this report only: nothing stores them
 * where the page could show them again, so they are shown with the warning and a way to hide them.
 */
export function RestoreReportView({ report, onDone }: { report: RestoreReport; onDone: () => void }) {
  const headingId = useId();
  const panel = useRef<HTMLElement>(null);
  const [copied, setCopied] = useState<string | null>(null);
  useEffect(() => panel.current?.focus(), [report]);
  const hasSecrets = report.users.length > 0;

  const copy = async (id: string, password: string) => {
    try {
      await navigator.clipboard.writeText(password);
      setCopied(`Copied the password of ${id}.`);
    } catch {
      setCopied('Could not copy; select the password instead.');
    }
  };

  return (
    <section
      className={hasSecrets ? 'panel secret-panel restore-report' : 'panel restore-report'}
      aria-labelledby={headingId}
      ref={panel}
      tabIndex={-1}
    >
      <h3 id={headingId}>Backup restored</h3>
      <p>{restoreSummary(report)}</p>
      {report.scenarios.length > 0 && (
        <ul className="restore-list" aria-label="Scenarios restored">
          {report.scenarios.map((s) => (
            <li key={s.id}>
              {s.name} <span className="mono">({s.id})</span>{' '}
              <span className={s.replaced ? 'status-badge status-replaced' : 'status-badge status-active'}>
                {s.replaced ? 'Replaced' : 'New'}
              </span>
            </li>
          ))}
        </ul>
      )}
      {report.keptUsers.length > 0 && (
        <p>
          Accounts already here, left as they are (passwords unchanged):{' '}
          <span className="mono">{report.keptUsers.join(', ')}</span>.
        </p>
      )}
      {hasSecrets && (
        <>
          <p className="notice">
            Pass each one-time password on to its user by a secure route. They are shown only now; each user
            must choose their own when they first sign in.
          </p>
          <div className="table-scroll">
            <table className="data-table">
              <caption>New accounts and their one-time passwords</caption>
              <thead>
                <tr>
                  <th scope="col">User name</th>
                  <th scope="col">Display name</th>
                  <th scope="col">Role</th>
                  <th scope="col">Nation</th>
                  <th scope="col">One-time password</th>
                </tr>
              </thead>
              <tbody>
                {report.users.map(({ user, password }) => (
                  <tr key={user.id}>
                    <th scope="row" className="mono">
                      {user.id}
                    </th>
                    <td>{user.displayName}</td>
                    <td>{ROLE_LABELS[user.role]}</td>
                    <td className="iso">{user.nation ?? '–'}</td>
                    <td className="secret-value">
                      <code>{password}</code>{' '}
                      <button
                        type="button"
                        className="button button-secondary"
                        onClick={() => void copy(user.id, password)}
                      >
                        Copy<span className="visually-hidden"> the password of {user.id}</span>
                      </button>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <p className="status-actions">
        <button type="button" className="button" onClick={onDone}>
          {hasSecrets ? 'Done, hide the passwords' : 'Dismiss'}
        </button>
        <span role="status" className="cell-note">
          {copied ?? ''}
        </span>
      </p>
    </section>
  );
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}
