// The force list: the scenario's ULNs as stored, a page at a time, to download as a TPFDD-style CSV,
// replace from an edited CSV (all or nothing: every bad cell is named by line and column, and then
// nothing is imported), or generate afresh from the force-generation fill. Without a stored list the
// deployment plan generates one each time; storing it is what lets planners change it.
import { useId, useMemo, useRef, useState, type FormEvent } from 'react';
import type { ApiError } from '../api-client.ts';
import { type StoredRecord, asApiError } from '../api-client.ts';
import { formatCDay } from '../components/analysis-common.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { PageControls, usePage } from '../components/page-controls.tsx';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { countOf, formatNumber } from '../format.ts';
import { recordPagePath } from '../paths.ts';
import { Link } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { useApi, useApiClient } from '../use-api.tsx';

export const FORCE_LIST_PAGE_SIZE = 100;

type UlnRow = StoredRecord<'ulns'>;

/** Replacing the whole force list is for planners and administrators; the API decides anyway. */
export function canReplaceForceList(user: { role: string }): boolean {
  return user.role === 'planner' || user.role === 'administrator';
}

export function ForceListView({ scenarioId, onChanged }: { scenarioId: string; onChanged: () => void }) {
  const user = useCurrentUser();
  const [revision, setRevision] = useState(0);
  // The list's tag is read with it, so an import says which list it replaces and is refused if
  // someone changed a ULN in between.
  const result = useApi(
    (client, signal) =>
      Promise.all([
        client.listRecords(scenarioId, 'ulns', { signal }),
        client.forceListTag(scenarioId, { signal }),
      ]),
    [scenarioId, revision],
  );
  const changed = () => {
    setRevision((r) => r + 1);
    onChanged();
  };
  // After an import the list is loaded again; the page keeps the last one (and the forms their
  // messages) meanwhile.
  const last = useRef<{ ulns: readonly UlnRow[]; tag: string } | null>(null);
  if (result.status === 'ready') last.current = { ulns: result.data[0], tag: result.data[1] };
  const ulns = last.current?.ulns;
  const tag = last.current?.tag ?? '*';
  const failed = result.status === 'error' && (
    <ErrorMessage title="The force list could not be loaded." error={result.error} onRetry={result.reload} />
  );
  if (!ulns) return failed || <LoadingMessage>Loading the force list…</LoadingMessage>;
  return (
    <>
      {failed}
      <ForceListBody
        scenarioId={scenarioId}
        ulns={ulns}
        tag={tag}
        canReplace={canReplaceForceList(user)}
        onChanged={changed}
      />
    </>
  );
}

export function ForceListBody({
  scenarioId,
  ulns,
  tag,
  canReplace,
  onChanged,
}: {
  scenarioId: string;
  ulns: readonly UlnRow[];
  /** The stored list's ETag, which an import sends as If-Match. */
  tag: string;
  canReplace: boolean;
  onChanged: () => void;
}) {
  return (
    <>
      <ForceListTable scenarioId={scenarioId} ulns={ulns} />
      {canReplace ? (
        <>
          <ImportCsv scenarioId={scenarioId} stored={ulns.length} tag={tag} onImported={onChanged} />
          <GenerateForceList scenarioId={scenarioId} stored={ulns.length} onGenerated={onChanged} />
        </>
      ) : (
        <p className="notice">Planners replace the force list by CSV or generate it from the force fill.</p>
      )}
    </>
  );
}

function ForceListTable({ scenarioId, ulns }: { scenarioId: string; ulns: readonly UlnRow[] }) {
  const id = useId();
  const client = useApiClient();
  const [nation, setNation] = useState('');
  const [find, setFind] = useState('');
  const nations = useMemo(() => [...new Set(ulns.map((u) => u.nation as string))].sort(), [ulns]);
  const rows = useMemo(() => {
    const q = find.trim().toUpperCase();
    return ulns
      .filter(
        (u) =>
          (nation === '' || u.nation === nation) &&
          (q === '' || u.uln.includes(q) || u.capability.toUpperCase().includes(q)),
      )
      .sort((a, b) => (a.uln < b.uln ? -1 : a.uln > b.uln ? 1 : 0));
  }, [ulns, nation, find]);
  const page = usePage(rows, FORCE_LIST_PAGE_SIZE);
  const personnel = ulns.reduce((s, u) => s + u.personnel, 0);
  const tonnes = ulns.reduce((s, u) => s + u.tonnes, 0);
  const columns: Column<UlnRow>[] = [
    {
      id: 'uln',
      header: 'ULN',
      rowHeader: true,
      cell: (u) => <Link to={recordPagePath(scenarioId, 'ulns', u.uln)}>{u.uln}</Link>,
      className: 'mono-cell',
    },
    { id: 'utc', header: 'UTC', cell: (u) => u.capability, className: 'mono-cell' },
    { id: 'pax', header: 'PAX', numeric: true, cell: (u) => formatNumber(u.personnel) },
    { id: 'tonnes', header: 'Tonnes', numeric: true, cell: (u) => formatNumber(u.tonnes) },
    { id: 'origin', header: 'Origin', cell: (u) => u.origin, className: 'mono-cell' },
    { id: 'ald', header: 'ALD', numeric: true, cell: (u) => formatCDay(u.ald) },
    { id: 'ead', header: 'EAD', numeric: true, cell: (u) => formatCDay(u.ead) },
    { id: 'lad', header: 'LAD', numeric: true, cell: (u) => formatCDay(u.lad) },
    { id: 'rdd', header: 'RDD', numeric: true, cell: (u) => formatCDay(u.rdd) },
    { id: 'dest', header: 'Destination', cell: (u) => u.destination, className: 'mono-cell' },
    { id: 'priority', header: 'Priority', numeric: true, cell: (u) => u.priority },
    {
      id: 'source',
      header: 'Offer · line',
      cell: (u) => (
        <>
          {u.offer}
          <span className="cell-note block">{u.line}</span>
        </>
      ),
      className: 'mono-cell',
    },
  ];
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>
        Force list <span className="heading-count">{formatNumber(ulns.length)}</span>
      </h2>
      {ulns.length === 0 ? (
        <p className="notice" role="note">
          No force list is stored. The deployment plan generates one from the force-generation fill each time
          it runs; generate it below to store it, then change it by CSV.
        </p>
      ) : (
        <p className="panel-note">
          {countOf(ulns.length, 'ULN')} with {formatNumber(personnel)} personnel and {formatNumber(tonnes)} t
          of equipment. The deployment plan moves this list.
        </p>
      )}
      <p>
        <a className="button" href={client.csvUrl(scenarioId, 'ulns')} download>
          Download CSV
        </a>
      </p>
      {ulns.length > 0 && (
        <>
          <div className="filter-fields" role="group" aria-label="Filter the force list">
            <div className="field">
              <label htmlFor={`${id}-nation`}>Nation</label>
              <select
                id={`${id}-nation`}
                className="input"
                value={nation}
                onChange={(e) => setNation(e.target.value)}
              >
                <option value="">Every nation</option>
                {nations.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor={`${id}-find`}>ULN or UTC contains</label>
              <input
                id={`${id}-find`}
                type="search"
                className="input"
                value={find}
                onChange={(e) => setFind(e.target.value)}
                spellCheck={false}
              />
            </div>
          </div>
          <DataTable
            caption="Force list"
            captionHidden
            columns={columns}
            rows={page.rows}
            rowKey={(u) => u.uln}
            emptyMessage="No ULN matches these filters."
          />
          <PageControls
            page={page.page}
            pages={page.pages}
            pageSize={FORCE_LIST_PAGE_SIZE}
            total={rows.length}
            onPage={page.setPage}
            what="ULNs"
          />
        </>
      )}
    </section>
  );
}

/** The refusal of an import: nothing was imported, and every problem by line and column. */
export function ImportFailure({ error }: { error: ApiError }) {
  return (
    <div className="status-message status-error" role="alert">
      <p className="status-title">Nothing was imported: the stored force list is unchanged.</p>
      <p>
        {error.message}
        {error.status > 0 && (
          <span className="status-code">
            {' '}
            (HTTP {error.status}, {error.code})
          </span>
        )}
      </p>
      {error.issues.length > 0 && (
        <>
          <p>
            {countOf(error.issues.length, 'problem')} in the file; correct{' '}
            {error.issues.length === 1 ? 'it' : 'them'} and import it again:
          </p>
          <ul className="issue-list">
            {error.issues.map((issue, i) => (
              <li key={i}>
                {issue.path ? <code>{issue.path}</code> : 'File'}: {issue.message}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

function ImportCsv({
  scenarioId,
  stored,
  tag,
  onImported,
}: {
  scenarioId: string;
  stored: number;
  tag: string;
  onImported: () => void;
}) {
  const id = useId();
  const client = useApiClient();
  const fileRef = useRef<HTMLInputElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [imported, setImported] = useState<number | null>(null);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setImported(null);
    if (!file) {
      setFileError('Choose a CSV file to import.');
      fileRef.current?.focus();
      return;
    }
    setFileError(null);
    setBusy(true);
    try {
      const text = await file.text();
      const done = await client.importForceListCsv(scenarioId, text, tag);
      setImported(done.imported);
      setFile(null);
      if (fileRef.current) fileRef.current.value = '';
      onImported();
    } catch (err) {
      setFailure(asApiError(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel form" aria-labelledby={`${id}-h`} noValidate onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-h`}>Import CSV</h2>
      <div className={fileError ? 'field field-invalid' : 'field'}>
        <label htmlFor={`${id}-file`}>Force list CSV file</label>
        <p className="field-hint" id={`${id}-hint`}>
          Columns as in the download: ULN, NATION, UTC, PAX, TONNES, ORIGIN, ALD, EAD, LAD, RDD, DEST,
          PRIORITY, OFFER, LINE and optionally RELEASABILITY. The file replaces the{' '}
          {countOf(stored, 'stored ULN')}; if any cell is wrong, nothing is imported.
        </p>
        <input
          id={`${id}-file`}
          ref={fileRef}
          type="file"
          accept=".csv,text/csv"
          className="input"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? `${id}-hint ${id}-error` : `${id}-hint`}
          onChange={(e) => {
            setFile(e.target.files?.[0] ?? null);
            setFileError(null);
          }}
        />
        {fileError && (
          <p className="field-error" id={`${id}-error`}>
            {fileError}
          </p>
        )}
      </div>
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Importing…' : 'Import CSV'}
        </button>
      </div>
      {failure && <ImportFailure error={failure} />}
      {imported !== null && (
        <p className="notice notice-good" role="status">
          Imported {countOf(imported, 'ULN')}: they are now the scenario’s force list.
        </p>
      )}
    </form>
  );
}

function GenerateForceList({
  scenarioId,
  stored,
  onGenerated,
}: {
  scenarioId: string;
  stored: number;
  onGenerated: () => void;
}) {
  const id = useId();
  const client = useApiClient();
  const [replace, setReplace] = useState(false);
  const [confirmError, setConfirmError] = useState(false);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [generated, setGenerated] = useState<number | null>(null);
  const needsConfirm = stored > 0;
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setFailure(null);
    setGenerated(null);
    if (needsConfirm && !replace) {
      setConfirmError(true);
      return;
    }
    setConfirmError(false);
    setBusy(true);
    try {
      const done = await client.generateForceList(scenarioId, { replace: needsConfirm && replace });
      setGenerated(done.imported);
      setReplace(false);
      onGenerated();
    } catch (err) {
      const error = asApiError(err);
      setFailure(error);
      // Someone stored a list meanwhile: show it, and the box to confirm replacing it.
      if (error.status === 409) onGenerated();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form className="panel form" aria-labelledby={`${id}-h`} noValidate onSubmit={(e) => void submit(e)}>
      <h2 id={`${id}-h`}>Generate from force fill</h2>
      <p className="panel-note">
        One ULN per unit the force-generation fill assigns to a requirement line: origin from the nation’s
        garrison, destination from the sector, RDD from the line, LAD and EAD counted back for RSOM.
      </p>
      {needsConfirm && (
        <div
          className={
            confirmError ? 'check-field confirm-replace field-invalid' : 'check-field confirm-replace'
          }
        >
          <input
            id={`${id}-replace`}
            type="checkbox"
            checked={replace}
            onChange={(e) => {
              setReplace(e.target.checked);
              setConfirmError(false);
            }}
            aria-invalid={confirmError ? true : undefined}
            aria-describedby={confirmError ? `${id}-replace-error` : undefined}
          />
          <label htmlFor={`${id}-replace`}>Replace the {countOf(stored, 'stored ULN')}</label>
          {confirmError && (
            <p className="field-error" id={`${id}-replace-error`}>
              A force list is stored: tick “Replace” to confirm that the generated one replaces it.
            </p>
          )}
        </div>
      )}
      <div className="form-actions">
        <button type="submit" className="button" disabled={busy}>
          {busy ? 'Generating…' : 'Generate from force fill'}
        </button>
      </div>
      {failure && <ErrorMessage title="No force list was generated." error={failure} />}
      {generated !== null && (
        <p className="notice notice-good" role="status">
          Generated and stored {countOf(generated, 'ULN')}.
        </p>
      )}
    </form>
  );
}
