// The risk register as the coalition HQ keeps it: every entry cause → event → impact, assessed on the
// ATP 5-19 5 × 4 matrix before and after its controls, with its owner and review date (overdue ones
// marked), each linked to its record page and to the records it concerns (a rung of the ladder is a
// link within this page). The matrix counts the open entries in each cell, residual or initial, as an
// HTML table whose headers name the severity and the probability; each cell also says its level.
import { useId, useState } from 'react';
import {
  PROBABILITIES,
  RISK_LEVELS,
  SEVERITIES,
  riskLevel,
  type RiskLevel,
} from '../../../src/domain/risk-register.ts';
import { countOf, formatDate, formatNumber } from '../format.ts';
import { recordPagePath } from '../paths.ts';
import { KIND_NAMES } from '../record-kinds.ts';
import { Link } from '../router.tsx';
import { DataTable, type Column } from './data-table.tsx';
import {
  PROBABILITY_LABELS,
  RISK_LEVEL_ABBREVIATIONS,
  RISK_LEVEL_LABELS,
  SEVERITY_LABELS,
  rungAnchor,
  type Register,
  type RegisterEntry,
} from './risk-model.ts';

export type MatrixView = 'residual' | 'initial';

const MATRIX_VIEW_LABELS: Readonly<Record<MatrixView, string>> = {
  residual: 'Residual (controls in place)',
  initial: 'Initial (before controls)',
};

export function RiskLevelBadge({ level }: { level: RiskLevel }) {
  return <span className={`risk-level risk-level-${level}`}>{RISK_LEVEL_LABELS[level]}</span>;
}

export interface RegisterPanelProps {
  scenarioId: string;
  register: Register;
  /** The matrix shown first (tests); the reader switches with the radio buttons. */
  initialView?: MatrixView;
}

export function RegisterPanel({ scenarioId, register, initialView = 'residual' }: RegisterPanelProps) {
  const id = useId();
  const [view, setView] = useState<MatrixView>(initialView);
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>
        Risk register <span className="heading-count">{formatNumber(register.entries.length)}</span>
      </h2>
      <p className="panel-note">
        {countOf(register.open, 'open risk')}
        {register.reviewsOverdue > 0 && (
          <>
            , <strong>{countOf(register.reviewsOverdue, 'review')} overdue</strong>
          </>
        )}
        . Open by residual level:{' '}
        {RISK_LEVELS.map(
          (l, i) => `${RISK_LEVEL_LABELS[l]} ${formatNumber(register.openByResidualLevel[i] ?? 0)}`,
        ).join(', ')}
        .
      </p>
      <div className="risk-matrix-block">
        <fieldset className="risk-matrix-choice">
          <legend>Matrix</legend>
          {(Object.keys(MATRIX_VIEW_LABELS) as MatrixView[]).map((v) => (
            <label key={v} className="check-field">
              <input
                type="radio"
                name={`${id}-matrix`}
                value={v}
                checked={view === v}
                onChange={() => setView(v)}
              />{' '}
              {MATRIX_VIEW_LABELS[v]}
            </label>
          ))}
        </fieldset>
        <RiskMatrix counts={register.matrix[view]} view={view} />
      </div>
      <RegisterTable scenarioId={scenarioId} entries={register.entries} />
    </section>
  );
}

/** Open entries on the 5 × 4 matrix: severity rows (catastrophic first), probability columns. */
export function RiskMatrix({ counts, view }: { counts: readonly (readonly number[])[]; view: MatrixView }) {
  const caption = `Open risks by severity and probability, ${MATRIX_VIEW_LABELS[view].toLowerCase()}`;
  return (
    <div className="table-scroll" tabIndex={0} role="group" aria-label={`${caption} (scrollable)`}>
      <table className="data-table risk-matrix">
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Severity \ probability</th>
            {PROBABILITIES.map((p) => (
              <th key={p} scope="col">
                {PROBABILITY_LABELS[p]}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {SEVERITIES.map((s, row) => (
            <tr key={s}>
              <th scope="row">{SEVERITY_LABELS[s]}</th>
              {PROBABILITIES.map((p, col) => {
                const level = riskLevel(p, s);
                const n = counts[row]?.[col] ?? 0;
                return (
                  <td key={p} className={`risk-cell risk-level-${level}${n === 0 ? ' risk-cell-zero' : ''}`}>
                    <span className="risk-cell-count">{formatNumber(n)}</span>{' '}
                    <abbr className="risk-cell-level" title={RISK_LEVEL_LABELS[level]}>
                      {RISK_LEVEL_ABBREVIATIONS[level]}
                    </abbr>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function EntryLink({ scenarioId, link }: { scenarioId: string; link: RegisterEntry['links'][number] }) {
  if (link.kind === 'rungs') return <a href={`#${rungAnchor(link.key)}`}>Rung {link.key}</a>;
  return (
    <Link to={recordPagePath(scenarioId, link.kind, link.key)}>
      {KIND_NAMES[link.kind].one} {link.key}
    </Link>
  );
}

function Assessment({ a }: { a: Pick<RegisterEntry, 'probability' | 'severity' | 'level'> }) {
  return (
    <>
      <RiskLevelBadge level={a.level} />
      <span className="cell-note block">
        {PROBABILITY_LABELS[a.probability]} · {SEVERITY_LABELS[a.severity]}
      </span>
    </>
  );
}

const LEVEL_RANK = (level: RiskLevel) => RISK_LEVELS.indexOf(level);

/** Controls as one run of sentences: each ends with its own full stop, or is given one. */
export function sentences(items: readonly string[]): string {
  return items
    .map((c) => c.trim())
    .map((c) => (/[.!?]$/.test(c) ? c : `${c}.`))
    .join(' ');
}

function RegisterTable({ scenarioId, entries }: { scenarioId: string; entries: readonly RegisterEntry[] }) {
  const columns: Column<RegisterEntry>[] = [
    {
      id: 'risk',
      header: 'Risk',
      rowHeader: true,
      className: 'risk-entry-name',
      cell: (e) => (
        <>
          <Link to={recordPagePath(scenarioId, 'risks', e.id)} className="risk-id">
            {e.id}
          </Link>
          <span className="block risk-entry-title">{e.title}</span>
        </>
      ),
      sortValue: (e) => e.id,
    },
    {
      id: 'chain',
      header: 'Cause → event → impact',
      className: 'statement',
      cell: (e) => (
        <>
          {e.cause} → {e.event} → {e.impact}
          {e.controls.length > 0 && (
            <span className="cell-note block">Controls: {sentences(e.controls)}</span>
          )}
        </>
      ),
    },
    {
      id: 'initial',
      header: 'Initial',
      cell: (e) => <Assessment a={e} />,
      sortValue: (e) => LEVEL_RANK(e.level),
    },
    {
      id: 'residual',
      header: 'Residual',
      cell: (e) => <Assessment a={e.residual} />,
      sortValue: (e) => LEVEL_RANK(e.residual.level),
    },
    { id: 'owner', header: 'Owner', cell: (e) => e.owner },
    {
      id: 'review',
      header: 'Review',
      className: 'nowrap',
      cell: (e) => (
        <>
          {formatDate(e.reviewDate)}
          {e.reviewOverdue && <span className="late-mark block">Overdue</span>}
        </>
      ),
      sortValue: (e) => e.reviewDate,
    },
    {
      id: 'status',
      header: 'Status',
      cell: (e) => (e.status === 'open' ? 'Open' : <span className="no">Closed</span>),
    },
    {
      id: 'links',
      header: 'Concerns',
      cell: (e) =>
        e.links.length === 0 ? (
          '–'
        ) : (
          <ul className="risk-cell-list">
            {e.links.map((l) => (
              <li key={`${l.kind}/${l.key}`}>
                <EntryLink scenarioId={scenarioId} link={l} />
              </li>
            ))}
          </ul>
        ),
    },
  ];
  return (
    <DataTable
      caption="Risk register entries"
      columns={columns}
      rows={entries}
      rowKey={(e) => e.id}
      emptyMessage="The register has no risks that you may see."
    />
  );
}
