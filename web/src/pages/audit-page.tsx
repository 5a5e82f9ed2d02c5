// The audit log (/audit): who changed what, when, newest first, for planners and administrators.
// Filters live in the URL (`/audit?entity=offers&nation=GBR`) so a filtered view can be bookmarked
// or pasted into a report; "Older entries" pages back through the log by entry id.
import { Fragment, useId, useState, type FormEvent } from 'react';
import { ENTITY_PATH } from '../../../src/domain/entity-paths.ts';
import type { AuditAction, AuditEntry, EntityKind, ScenarioSummary } from '../../../src/domain/records.ts';
import { ApiError, isAbort, type AuditQuery } from '../api-client.ts';
import { diffRecords, formatFieldValue } from '../audit-diff.ts';
import { SelectField, TextField, type SelectOption } from '../components/form-field.tsx';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { formatDateTime } from '../format.ts';
import { normaliseNation } from '../forms.ts';
import { AUDIT_PATH } from '../paths.ts';
import { Link, useDocumentTitle, useRouter } from '../router.tsx';
import { canReadAudit, useCurrentUser } from '../session.tsx';
import { useApi, useApiClient } from '../use-api.tsx';
import { NotPermitted } from './not-permitted.tsx';

/** Entries per request; one more is asked for to learn whether older ones exist. */
export const AUDIT_PAGE_SIZE = 50;

type AuditEntity = AuditEntry['entity'];

// Spelled out here rather than imported: the domain's lists live beside its zod schemas, which the
// web bundle must not pull in. `satisfies` keeps them complete.
const ENTITY_LABELS = {
  nations: 'Nations',
  stances: 'Stance entries',
  capabilities: 'Capabilities',
  requirements: 'Requirement lines',
  offers: 'Offers',
  pledges: 'Funding pledges',
  rotationPolicies: 'Rotation policies',
  nodes: 'Network nodes',
  arcs: 'Network arcs',
  ulns: 'Force list (ULNs)',
  movements: 'Movement records',
  redLines: 'Red lines',
  risks: 'Risk register',
  scenario: 'Scenario',
  users: 'Users',
  decisions: 'Decision records',
  briefs: 'Briefing packs',
} as const satisfies Record<AuditEntity, string>;

const ACTION_LABELS = {
  create: 'Create',
  update: 'Update',
  delete: 'Delete',
  import: 'Import',
  'delete-scenario': 'Delete scenario',
  'update-scenario': 'Update scenario',
  promote: 'Promote variant',
} as const satisfies Record<AuditAction, string>;

const ENTITIES = [
  ...(Object.keys(ENTITY_PATH) as EntityKind[]),
  'scenario',
  'users',
  'decisions',
  'briefs',
] as const;

/** The filter fields of the form, as the URL spells them. */
const FILTERS = ['scenario', 'entity', 'key', 'nation', 'actor', 'action'] as const;
type Filter = (typeof FILTERS)[number];
type Filters = Record<Filter, string>;

export function parseAuditFilters(search: string): Filters {
  const params = new URLSearchParams(search);
  const filters = {} as Filters;
  for (const name of FILTERS) filters[name] = params.get(name)?.trim() ?? '';
  return filters;
}

export function auditFiltersPath(filters: Filters): string {
  const params = new URLSearchParams();
  for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
  const qs = params.toString();
  return qs ? `${AUDIT_PATH}?${qs}` : AUDIT_PATH;
}

function toQuery(filters: Filters): AuditQuery {
  return {
    scenario: filters.scenario,
    entity: (filters.entity || undefined) as AuditEntity | undefined,
    key: filters.key,
    nation: filters.nation,
    actor: filters.actor,
    action: (filters.action || undefined) as AuditAction | undefined,
  };
}

export function AuditPage() {
  useDocumentTitle('Audit log');
  const user = useCurrentUser();
  if (!canReadAudit(user)) {
    return (
      <NotPermitted title="Audit log">Only planners and administrators may read the audit log.</NotPermitted>
    );
  }
  return <AuditLog />;
}

interface OlderPages {
  /** The query string these pages belong to; a new filter starts again from the newest. */
  search: string;
  entries: AuditEntry[];
  hasMore: boolean;
}

function AuditLog() {
  const client = useApiClient();
  const { search } = useRouter();
  const filters = parseAuditFilters(search);
  const first = useApi(
    (c, signal) =>
      c.listAudit({ ...toQuery(parseAuditFilters(search)), limit: AUDIT_PAGE_SIZE + 1 }, { signal }),
    [search],
  );
  // For the Scenario filter's names; the filter still works by id if this fails.
  const scenarios = useApi((c, signal) => c.listScenarios({ signal }), []);
  const [older, setOlder] = useState<OlderPages | null>(null);
  const [loadingOlder, setLoadingOlder] = useState(false);
  const [olderError, setOlderError] = useState<ApiError | null>(null);
  const filtered = FILTERS.some((f) => filters[f] !== '');

  let entries: AuditEntry[] = [];
  let hasMore = false;
  if (first.status === 'ready') {
    entries = first.data.slice(0, AUDIT_PAGE_SIZE);
    hasMore = first.data.length > AUDIT_PAGE_SIZE;
    if (older?.search === search) {
      entries = [...entries, ...older.entries];
      hasMore = older.hasMore;
    }
  }

  const loadOlder = async () => {
    const last = entries.at(-1);
    if (!last) return;
    setLoadingOlder(true);
    setOlderError(null);
    try {
      const page = await client.listAudit({
        ...toQuery(filters),
        limit: AUDIT_PAGE_SIZE + 1,
        before: last.id,
      });
      setOlder((prev) => ({
        search,
        entries: [...(prev?.search === search ? prev.entries : []), ...page.slice(0, AUDIT_PAGE_SIZE)],
        hasMore: page.length > AUDIT_PAGE_SIZE,
      }));
    } catch (e) {
      if (isAbort(e)) return;
      setOlderError(e instanceof ApiError ? e : new ApiError(0, 'client', String(e)));
    } finally {
      setLoadingOlder(false);
    }
  };

  return (
    <>
      <h1>Audit log</h1>
      <p className="lede">
        Every change to scenarios, their records and user accounts: who made it, when, and what it changed.
        Times are UTC.
      </p>
      {/* Keyed by the URL so that going back in history shows the filters that view had. */}
      <AuditFilters
        key={search}
        initial={filters}
        scenarios={scenarios.status === 'ready' ? scenarios.data : []}
      />
      {first.status === 'loading' && <LoadingMessage>Loading the audit log…</LoadingMessage>}
      {first.status === 'error' && (
        <ErrorMessage title="The audit log could not be loaded." error={first.error} onRetry={first.reload} />
      )}
      {first.status === 'ready' && (
        <>
          <AuditTable entries={entries} filtered={filtered} />
          {olderError && (
            <ErrorMessage
              title="Older entries could not be loaded."
              error={olderError}
              onRetry={() => void loadOlder()}
            />
          )}
          <div className="pager">
            <p className="pager-status" role="status">
              {entries.length === 0
                ? ''
                : `Showing the ${entries.length} newest ${entries.length === 1 ? 'entry' : 'entries'}${filtered ? ' that match the filters' : ''}${hasMore ? '' : ' — that is all of them'}.`}
            </p>
            {hasMore && (
              <button
                type="button"
                className="button button-secondary"
                onClick={() => void loadOlder()}
                disabled={loadingOlder}
              >
                {loadingOlder ? 'Loading older entries…' : 'Older entries'}
              </button>
            )}
          </div>
        </>
      )}
    </>
  );
}

function AuditFilters({
  initial,
  scenarios,
}: {
  initial: Filters;
  scenarios: readonly Pick<ScenarioSummary, 'id' | 'name'>[];
}) {
  const { navigate } = useRouter();
  const [form, setForm] = useState<Filters>(initial);
  const set = (name: Filter) => (value: string) => setForm((f) => ({ ...f, [name]: value }));

  const scenarioOptions: SelectOption[] = [{ value: '', label: 'All scenarios' }];
  for (const s of scenarios) scenarioOptions.push({ value: s.id, label: s.name });
  // A scenario named in the URL stays selectable even if it has since been deleted.
  if (form.scenario && !scenarioOptions.some((o) => o.value === form.scenario)) {
    scenarioOptions.push({ value: form.scenario, label: form.scenario });
  }

  const submit = (e: FormEvent) => {
    e.preventDefault();
    navigate(auditFiltersPath({ ...form, nation: normaliseNation(form.nation) }));
  };

  return (
    <form className="filters panel" onSubmit={submit} aria-label="Filter the audit log">
      <div className="filter-fields">
        <SelectField
          label="Scenario"
          value={form.scenario}
          onChange={set('scenario')}
          options={scenarioOptions}
        />
        <SelectField
          label="Entity"
          value={form.entity}
          onChange={set('entity')}
          options={[
            { value: '', label: 'All entities' },
            ...ENTITIES.map((e) => ({ value: e, label: ENTITY_LABELS[e] })),
          ]}
        />
        <TextField
          label="Key"
          value={form.key}
          onChange={set('key')}
          className="input-short"
          spellCheck={false}
        />
        <TextField
          label="Nation"
          value={form.nation}
          onChange={set('nation')}
          className="input-short"
          spellCheck={false}
        />
        <TextField
          label="User"
          value={form.actor}
          onChange={set('actor')}
          className="input-short"
          spellCheck={false}
        />
        <SelectField
          label="Action"
          value={form.action}
          onChange={set('action')}
          options={[
            { value: '', label: 'All actions' },
            ...(Object.keys(ACTION_LABELS) as AuditAction[]).map((a) => ({
              value: a,
              label: ACTION_LABELS[a],
            })),
          ]}
        />
      </div>
      <div className="form-actions">
        <button type="submit" className="button">
          Apply filters
        </button>
        {FILTERS.some((f) => initial[f] !== '') && <Link to={AUDIT_PATH}>Clear filters</Link>}
      </div>
    </form>
  );
}

function AuditTable({ entries, filtered }: { entries: readonly AuditEntry[]; filtered: boolean }) {
  const [open, setOpen] = useState<ReadonlySet<number>>(new Set());
  const toggle = (id: number) =>
    setOpen((s) => {
      const next = new Set(s);
      if (!next.delete(id)) next.add(id);
      return next;
    });

  return (
    <div className="table-scroll" tabIndex={0} role="group" aria-label="Audit log (scrollable)">
      <table className="data-table audit-table">
        <caption className="visually-hidden">Audit log</caption>
        <thead>
          <tr>
            <th scope="col">When</th>
            <th scope="col">Who</th>
            <th scope="col">Action</th>
            <th scope="col">Entity</th>
            <th scope="col">Key</th>
            <th scope="col">Nation</th>
            <th scope="col">Scenario</th>
            <th scope="col">
              <span className="visually-hidden">Details</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {entries.length === 0 && (
            <tr>
              <td colSpan={8} className="empty-cell">
                {filtered ? 'No entries match these filters.' : 'The audit log is empty.'}
              </td>
            </tr>
          )}
          {entries.map((entry) => (
            <AuditRow
              key={entry.id}
              entry={entry}
              expanded={open.has(entry.id)}
              onToggle={() => toggle(entry.id)}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function AuditRow({
  entry,
  expanded,
  onToggle,
}: {
  entry: AuditEntry;
  expanded: boolean;
  onToggle: () => void;
}) {
  const detailId = useId();
  const entityLabel = (ENTITY_LABELS as Record<string, string>)[entry.entity] ?? entry.entity;
  const actionLabel = (ACTION_LABELS as Record<string, string>)[entry.action] ?? entry.action;
  return (
    <Fragment>
      <tr className={expanded ? 'is-expanded' : undefined}>
        <th scope="row" className="nowrap">
          <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
        </th>
        <td>{entry.actor}</td>
        <td className="nowrap">
          <span className={`action-badge action-${entry.action}`}>{actionLabel}</span>
        </td>
        <td>{entityLabel}</td>
        <td className="mono">{entry.entityKey || '–'}</td>
        <td className="iso">{entry.nation ?? '–'}</td>
        <td>{entry.scenarioId || '–'}</td>
        <td className="nowrap">
          <button
            type="button"
            className="link-button"
            aria-expanded={expanded}
            aria-controls={expanded ? detailId : undefined}
            onClick={onToggle}
          >
            {expanded ? 'Hide' : 'Show'}
            <span className="visually-hidden">
              {' '}
              changes of entry {entry.id}: {actionLabel} {entityLabel} {entry.entityKey}
            </span>
          </button>
        </td>
      </tr>
      {expanded && (
        <tr className="audit-detail">
          <td colSpan={8} id={detailId}>
            <AuditChanges entry={entry} />
          </td>
        </tr>
      )}
    </Fragment>
  );
}

/** Shown at most; an import's "after" can hold a whole scenario. */
const MAX_CHANGES = 60;

export function AuditChanges({ entry }: { entry: AuditEntry }) {
  // A promotion keeps the variant's id beside the document that replaced the parent's: the fields
  // that changed are the documents', and the variant is named above them.
  const promoted =
    entry.action === 'promote' && entry.after !== null && typeof entry.after === 'object'
      ? (entry.after as { variant?: unknown; document?: unknown })
      : undefined;
  const changes = diffRecords(entry.before, promoted ? promoted.document : entry.after);
  const shown = changes.slice(0, MAX_CHANGES);
  const what =
    entry.before == null && entry.after != null
      ? 'Created with'
      : entry.after == null && entry.before != null
        ? 'Removed record'
        : 'Changed fields';
  return (
    <div className="audit-changes">
      {promoted && (
        <p className="cell-note">
          The inputs of variant <span className="mono">{String(promoted.variant)}</span> replaced this
          scenario&apos;s.
        </p>
      )}
      {changes.length === 0 ? (
        <p className="cell-note">No field differs between before and after.</p>
      ) : (
        <table className="diff-table">
          <caption>
            {what} ({changes.length} {changes.length === 1 ? 'field' : 'fields'})
          </caption>
          <thead>
            <tr>
              <th scope="col">Field</th>
              <th scope="col">Before</th>
              <th scope="col">After</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((c) => (
              <tr key={c.path}>
                <th scope="row" className="mono">
                  {c.path}
                </th>
                <td className={c.before === undefined ? 'diff-absent' : 'diff-before'}>
                  {formatFieldValue(c.before)}
                </td>
                <td className={c.after === undefined ? 'diff-absent' : 'diff-after'}>
                  {formatFieldValue(c.after)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {changes.length > shown.length && (
        <p className="cell-note">
          {changes.length - shown.length} more fields differ; see the full records below.
        </p>
      )}
      <details className="raw-records">
        <summary>Full records as stored</summary>
        <div className="raw-columns">
          <div>
            <p className="raw-title">Before</p>
            <pre>{entry.before == null ? '(none)' : JSON.stringify(entry.before, null, 2)}</pre>
          </div>
          <div>
            <p className="raw-title">After</p>
            <pre>{entry.after == null ? '(none)' : JSON.stringify(entry.after, null, 2)}</pre>
          </div>
        </div>
      </details>
    </div>
  );
}
