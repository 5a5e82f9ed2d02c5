// The headline figures of the force, as the Overview and the Dashboard both show them: each with its
// one definition (src/domain/analysis/headline-figures.ts) under it, and a button that opens the
// records that make it: what each adds, and the source or assumption its number rests on, with a
// link to the record. The records are asked for only when a figure is opened (`explain=true`), with
// the same assumptions as the figures, so they always add up to the figure shown.
import { useId, useState } from 'react';
import {
  HEADLINE_FIGURE_KEYS,
  HEADLINE_FIGURES,
  type FigureRecord,
  type HeadlineFigureKey,
  type HeadlineFigures,
} from '../../../src/domain/analysis/headline-figures.ts';
import type { AnalysisQuery } from '../api-client.ts';
import { externalHref } from '../external-link.ts';
import { formatNumber, formatPercent, formatSigned } from '../format.ts';
import { recordPagePath } from '../paths.ts';
import { Link } from '../router.tsx';
import { useApi } from '../use-api.tsx';
import { ErrorMessage, LoadingMessage } from './status-message.tsx';

export interface ForceFiguresProps {
  scenarioId: string;
  scenarioVersion: number;
  figures: HeadlineFigures;
  /** The assumptions the figures were computed with, to ask for the same records. */
  query: AnalysisQuery<'figures'>;
}

export function ForceFigures({ scenarioId, scenarioVersion, figures, query }: ForceFiguresProps) {
  const [open, setOpen] = useState<HeadlineFigureKey | null>(null);
  const panelId = useId();
  const v = figures.values;
  return (
    <>
      <div className="figures figures-eight">
        {HEADLINE_FIGURE_KEYS.map((k) => (
          <HeadlineFigure
            key={k}
            figure={k}
            value={v[k]}
            note={noteOf(k, figures)}
            tone={toneOf(k, figures)}
            open={open === k}
            controls={panelId}
            onToggle={() => setOpen(open === k ? null : k)}
          />
        ))}
      </div>
      {open && (
        <FigureRecords
          id={panelId}
          scenarioId={scenarioId}
          scenarioVersion={scenarioVersion}
          figure={open}
          value={v[open]}
          query={query}
          onClose={() => setOpen(null)}
        />
      )}
    </>
  );
}

function HeadlineFigure({
  figure,
  value,
  note,
  tone,
  open,
  controls,
  onToggle,
}: {
  figure: HeadlineFigureKey;
  value: number;
  note: string | null;
  tone: 'shortfall' | 'met' | undefined;
  open: boolean;
  controls: string;
  onToggle: () => void;
}) {
  const id = useId();
  const { label, definition } = HEADLINE_FIGURES[figure];
  return (
    <div role="group" aria-labelledby={id} className={tone ? `figure figure-${tone}` : 'figure'}>
      <p className="figure-label" id={id}>
        {label}
      </p>
      <p className="figure-value">
        {formatNumber(value)}
        <span className="figure-unit"> personnel</span>
      </p>
      {note && <p className="figure-note">{note}</p>}
      <p className="figure-definition">{definition}</p>
      <button
        type="button"
        className="link-button figure-records-button"
        aria-expanded={open}
        aria-controls={controls}
        aria-label={`Records behind ${label}`}
        onClick={onToggle}
      >
        {open ? 'Hide records' : 'Records and sources'}
      </button>
    </div>
  );
}

function noteOf(k: HeadlineFigureKey, f: HeadlineFigures): string | null {
  const v = f.values;
  switch (k) {
    case 'target':
      return f.range ? `Estimates range ${formatNumber(f.range.min)}–${formatNumber(f.range.max)}` : null;
    case 'matchedOnTime':
      return `${formatPercent(v.matchedOnTime, v.target)} of target`;
    case 'matchedLate':
      return f.countsLate ? 'Counted in the shortfalls' : 'Not counted in the shortfalls';
    case 'shortfallAgainstTarget':
      return f.countsLate ? 'Late matches counted' : 'On-time matches only';
    case 'shortfallAgainstLines': {
      const c = f.lineCounts;
      return `Lines: ${c.filled} filled, ${c.partial} partly, ${c.empty} empty`;
    }
    default:
      return null;
  }
}

function toneOf(k: HeadlineFigureKey, f: HeadlineFigures): 'shortfall' | 'met' | undefined {
  if (k !== 'shortfallAgainstTarget' && k !== 'shortfallAgainstLines') return undefined;
  return f.values[k] === 0 ? 'met' : 'shortfall';
}

function FigureRecords({
  id,
  scenarioId,
  scenarioVersion,
  figure,
  value,
  query,
  onClose,
}: {
  id: string;
  scenarioId: string;
  scenarioVersion: number;
  figure: HeadlineFigureKey;
  value: number;
  query: AnalysisQuery<'figures'>;
  onClose: () => void;
}) {
  const headingId = useId();
  const key = JSON.stringify(query);
  const result = useApi(
    (client, signal) => client.getAnalysis(scenarioId, 'figures', { ...query, explain: true }, { signal }),
    [scenarioId, scenarioVersion, key],
  );
  const { label, definition } = HEADLINE_FIGURES[figure];
  return (
    <section id={id} className="panel figure-records" aria-labelledby={headingId}>
      <h3 id={headingId}>
        {label}: {formatNumber(value)} personnel
      </h3>
      <p className="figure-definition">{definition}</p>
      {result.status === 'loading' && <LoadingMessage>Finding the records…</LoadingMessage>}
      {result.status === 'error' && (
        <ErrorMessage title="The records could not be loaded." error={result.error} onRetry={result.reload} />
      )}
      {result.status === 'ready' && (
        <RecordsTable
          scenarioId={scenarioId}
          records={result.data.result.explanation?.[figure] ?? []}
          figureLabel={label}
        />
      )}
      <button type="button" className="link-button" onClick={onClose}>
        Close
      </button>
    </section>
  );
}

function RecordsTable({
  scenarioId,
  records,
  figureLabel,
}: {
  scenarioId: string;
  records: readonly FigureRecord[];
  figureLabel: string;
}) {
  if (records.length === 0) return <p>No record adds to this figure.</p>;
  const sourced = records.filter((r) => r.source).length;
  const assumed = records.filter((r) => !r.source && r.assumption).length;
  return (
    <>
      <p>
        {formatNumber(records.length)} {records.length === 1 ? 'record' : 'records'}: {formatNumber(sourced)}{' '}
        with a source, {formatNumber(assumed)} resting on an assumption
        {records.length - sourced - assumed > 0 &&
          `, ${formatNumber(records.length - sourced - assumed)} on neither`}
        .
      </p>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">Records behind {figureLabel}</caption>
          <thead>
            <tr>
              <th scope="col">Record</th>
              <th scope="col">What</th>
              <th scope="col" className="numeric">
                Personnel
              </th>
              <th scope="col">Rests on</th>
            </tr>
          </thead>
          <tbody>
            {records.map((r) => (
              <tr key={`${r.kind}:${r.key}`}>
                <td>
                  {r.kind === 'mission' ? (
                    'Mission'
                  ) : (
                    <Link to={recordPagePath(scenarioId, r.kind, r.key)}>{r.key}</Link>
                  )}
                </td>
                <td>{r.label}</td>
                <td className="numeric">
                  {r.personnel < 0 ? formatSigned(r.personnel) : formatNumber(r.personnel)}
                </td>
                <td>
                  <RestsOn record={r} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

function RestsOn({ record }: { record: FigureRecord }) {
  const { source, assumption } = record;
  if (source) {
    const url = externalHref(source.url);
    const text = `${source.publication}${source.date ? `, ${source.date}` : ''}`;
    return (
      <>
        Source:{' '}
        {url ? (
          <a href={url} rel="noopener noreferrer" target="_blank">
            {text}
          </a>
        ) : (
          text
        )}
        {source.note && <span className="cell-note block">{source.note}</span>}
      </>
    );
  }
  if (assumption) return <>Assumption: {assumption}</>;
  return <span className="cell-note">Neither source nor assumption</span>;
}
