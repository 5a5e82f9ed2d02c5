// A baseline's decision records, newest first: the course of action chosen, why, who decided and
// when, on which comparison; and, once reopened, what has become of it: the inputs unchanged and
// the figures recomputed the same (or which figures differ), or per scenario the inputs changed since.
import { useId } from 'react';
import type { DecisionCheck, DecisionRecord } from '../../../src/contract/compare.ts';
import { COMPARED_FIGURES } from '../../../src/domain/comparison/figures.ts';
import type { ApiError } from '../api-client.ts';
import { formatDateTime, formatNumber } from '../format.ts';
import { KIND_NAMES } from '../record-kinds.ts';
import { formatValue } from './compare-format.ts';
import { ErrorMessage, LoadingMessage } from './status-message.tsx';

export type ReopenState =
  { status: 'loading' } | { status: 'ready'; check: DecisionCheck } | { status: 'error'; error: ApiError };

/** Newest first, whatever order they came in. */
export function newestFirst(records: readonly DecisionRecord[]): DecisionRecord[] {
  return [...records].sort((a, b) => b.decidedAt.localeCompare(a.decidedAt));
}

export function DecisionRecordsView({
  records,
  reopened,
  onReopen,
}: {
  records: readonly DecisionRecord[];
  reopened: Readonly<Record<string, ReopenState>>;
  onReopen: (decisionId: string) => void;
}) {
  if (records.length === 0)
    return <p className="panel-note">No decision has been recorded on this baseline.</p>;
  return (
    <ol className="decision-records">
      {newestFirst(records).map((r) => (
        <DecisionRecordItem key={r.id} record={r} state={reopened[r.id]} onReopen={() => onReopen(r.id)} />
      ))}
    </ol>
  );
}

function DecisionRecordItem({
  record,
  state,
  onReopen,
}: {
  record: DecisionRecord;
  state: ReopenState | undefined;
  onReopen: () => void;
}) {
  const id = useId();
  const name = (sid: string) => record.scenarios.find((s) => s.id === sid)?.name ?? sid;
  const criteria = record.criteria
    .map((c) => `${COMPARED_FIGURES[c.figure].label} ×${formatNumber(c.weight)}`)
    .join(', ');
  return (
    <li className="decision-record">
      <h4 id={`${id}-h`}>
        Chose {name(record.chosen)}, {formatDateTime(record.decidedAt)}
      </h4>
      <p className="decision-rationale">{record.rationale}</p>
      <p className="cell-note">
        Decided by {record.decidedBy} on {formatDateTime(record.decidedAt)}. Compared:{' '}
        {record.scenarios.map((s, i) => `${s.name}${i === 0 ? ' (baseline)' : ''}`).join(', ')}. Criteria:{' '}
        {criteria}.
      </p>
      <p>
        <button
          type="button"
          className="button button-secondary button-small"
          aria-describedby={`${id}-h`}
          disabled={state?.status === 'loading'}
          onClick={onReopen}
        >
          Reopen
        </button>
      </p>
      <div aria-live="polite">{state && <ReopenResult state={state} record={record} />}</div>
    </li>
  );
}

function ReopenResult({ state, record }: { state: ReopenState; record: DecisionRecord }) {
  if (state.status === 'loading')
    return <LoadingMessage>Checking the decision against the scenarios now…</LoadingMessage>;
  if (state.status === 'error')
    return <ErrorMessage title="The decision could not be reopened." error={state.error} />;
  return <DecisionCheckView check={state.check} record={record} />;
}

const changeWords = { added: 'added', removed: 'removed', changed: 'changed' } as const;

function inputName(kind: string, key: string): string {
  if (kind === 'header') return `Scenario header: ${key}`;
  const one = (KIND_NAMES as Partial<Record<string, { one: string }>>)[kind]?.one ?? kind;
  return `${one} ${key}`;
}

/** What reopening found. */
export function DecisionCheckView({ check, record }: { check: DecisionCheck; record: DecisionRecord }) {
  const name = (sid: string) => record.scenarios.find((s) => s.id === sid)?.name ?? sid;
  if (check.status === 'unchanged') {
    const r = check.recomputed;
    if (!r || r.sameFigures)
      return (
        <p className="notice notice-good decision-check">
          Inputs unchanged since the decision; figures recomputed: the same.
        </p>
      );
    return (
      <div className="notice decision-check">
        <p>Inputs unchanged since the decision, but some figures recomputed differ:</p>
        <ul>
          {r.differences.map((d) => {
            const f = COMPARED_FIGURES[d.key];
            const values = (vs: readonly (number | null)[]) =>
              record.scenarios.map((s, i) => `${s.name} ${formatValue(f.unit, vs[i] ?? null)}`).join(', ');
            return (
              <li key={d.key}>
                {f.label}: recorded {values(d.recorded)}; now {values(d.now)}.
              </li>
            );
          })}
        </ul>
      </div>
    );
  }
  return (
    <div className="notice decision-check">
      <p>Inputs changed since the decision:</p>
      <ul>
        {check.scenarios.map((s) => (
          <li key={s.id}>
            <strong>{name(s.id)}</strong>:{' '}
            {s.status === 'missing'
              ? 'no longer exists.'
              : s.status === 'unchanged'
                ? 'inputs unchanged.'
                : `${s.changes.length === 1 ? '1 input' : `${formatNumber(s.changes.length)} inputs`} changed:`}
            {s.status === 'changed' && (
              <ul>
                {s.changes.map((c) => (
                  <li key={`${c.kind}/${c.key}`}>
                    {inputName(c.kind, c.key)}: {changeWords[c.change]}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
