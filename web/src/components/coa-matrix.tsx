// The COA decision matrix with its criteria editable in place: per criterion a compared figure, its
// weight (0 to 10) and a benchmark, and the matrix recomputed as the criteria change (coaMatrix of
// the domain, the API's own computation): per criterion each course of action's value and rank, the
// benchmarks failed in words, the weighted totals (Σ weight × rank, lowest preferred), each course's
// place and the preferred course of action in a sentence.
import { useId, type Dispatch } from 'react';
import type { CompareResult } from '../../../src/contract/compare.ts';
import {
  COA_CRITERIA_MAX,
  COA_WEIGHT_MAX,
  coaMatrix,
  type CoaCriterion,
} from '../../../src/domain/comparison/coa.ts';
import {
  COMPARED_FIGURES,
  type ComparedFigureKey,
  type FigureUnit,
} from '../../../src/domain/comparison/figures.ts';
import { formatNumber } from '../format.ts';
import {
  rankableFigures,
  type CriteriaAction,
  type CriteriaCheck,
  type CriterionDraft,
  type CriterionField,
} from './coa-criteria.ts';
import { formatValue } from './compare-format.ts';

type FigureComparison = CompareResult['figures'][number];
type ComparedScenario = CompareResult['scenarios'][number];
type Matrix = ReturnType<typeof coaMatrix>;

export interface CoaPanelProps {
  figures: readonly FigureComparison[];
  scenarios: readonly ComparedScenario[];
  drafts: readonly CriterionDraft[];
  check: CriteriaCheck;
  /** The criteria the matrix is computed with: the drafts when valid, else the last valid ones. */
  criteria: readonly CoaCriterion[];
  onAction: Dispatch<CriteriaAction>;
  defaults: readonly CoaCriterion[];
}

const BENCHMARK_HINTS: Readonly<Record<FigureUnit, string>> = {
  personnel: 'personnel',
  lines: 'requirement lines',
  probability: 'a share: 0.5 is 50%',
  EUR: 'euros',
  'C-day': 'a C-day, e.g. 90',
  'personnel-days': 'personnel-days',
  ULNs: 'ULNs',
};

const labelOf = (figure: string) =>
  (COMPARED_FIGURES as Partial<Record<string, { label: string }>>)[figure]?.label ?? figure;

/** "Preferred course of action: US backstop (weighted total 9, the lowest)." */
export function preferredSentence(matrix: Matrix, names: readonly string[]): string {
  const best = matrix.places.flatMap((p, i) => (p === 1 ? [i] : []));
  if (best.length === 0 || matrix.rows.length === 0)
    return 'No course of action can be preferred without criteria.';
  const total = formatNumber(matrix.totals[best[0]!] ?? 0);
  const who = best.map((i) => names[i] ?? '').filter(Boolean);
  return best.length === 1
    ? `Preferred course of action: ${who[0]} (weighted total ${total}, the lowest).`
    : `Preferred courses of action, tied: ${joinNames(who)} (weighted total ${total}, the lowest).`;
}

function joinNames(names: readonly string[]): string {
  return names.length <= 1
    ? (names[0] ?? '')
    : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}

/** `1` → `1st`, `12` → `12th`, `22` → `22nd`. */
function ordinal(n: number): string {
  const teen = n % 100 >= 11 && n % 100 <= 13;
  return `${n}${teen ? 'th' : (['th', 'st', 'nd', 'rd'][n % 10] ?? 'th')}`;
}

export function CoaPanel({ figures, scenarios, drafts, check, criteria, onAction, defaults }: CoaPanelProps) {
  const id = useId();
  const matrix = coaMatrix(figures, criteria);
  const names = scenarios.map((s) => s.name);
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>COA matrix</h2>
      <p className="panel-note">
        Each criterion ranks the courses of action on one figure (1 is best; equal values share a rank). The
        weighted total is the sum of weight × rank, so the lowest total is preferred. A benchmark is the value
        a course of action should reach: one that fails it is marked, not left out.
      </p>
      <CriteriaEditor
        figures={figures}
        drafts={drafts}
        check={check}
        onAction={onAction}
        defaults={defaults}
      />
      <p className="coa-preferred" role="status">
        <strong>{preferredSentence(matrix, names)}</strong>
        {!check.ok && ' The matrix shows the last valid criteria until the ones above are corrected.'}
      </p>
      <MatrixTable matrix={matrix} names={names} />
      <BenchmarkFailures matrix={matrix} names={names} />
    </section>
  );
}

function CriteriaEditor({
  figures,
  drafts,
  check,
  onAction,
  defaults,
}: Pick<CoaPanelProps, 'figures' | 'drafts' | 'check' | 'onAction' | 'defaults'>) {
  const id = useId();
  const available = figures.map((f) => f.key);
  const choices = rankableFigures(available);
  const used = new Set(drafts.map((d) => d.figure));
  const issues = check.ok ? undefined : check.issues;
  const error = (i: number, field: CriterionField) => issues?.rows[i]?.[field];
  return (
    <div className="coa-criteria">
      <div className="table-scroll" tabIndex={0} role="group" aria-label="Criteria (scrollable)">
        <table className="data-table">
          <caption>Criteria</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col">Weight (0 to {COA_WEIGHT_MAX})</th>
              <th scope="col">Benchmark</th>
              <th scope="col">
                <span className="visually-hidden">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {drafts.map((d, i) => {
              const label = labelOf(d.figure);
              const unit = (COMPARED_FIGURES as Partial<Record<string, { unit: FigureUnit }>>)[d.figure]
                ?.unit;
              const options = choices.includes(d.figure as ComparedFigureKey)
                ? choices
                : [d.figure, ...choices];
              return (
                <tr key={i}>
                  <td>
                    <select
                      className="input"
                      aria-label={`Figure of criterion ${i + 1}`}
                      value={d.figure}
                      aria-invalid={error(i, 'figure') ? true : undefined}
                      aria-describedby={error(i, 'figure') ? `${id}-${i}-figure` : undefined}
                      onChange={(e) => onAction({ type: 'figure', index: i, figure: e.target.value })}
                    >
                      {options.map((k) => (
                        <option key={k} value={k} disabled={k !== d.figure && used.has(k)}>
                          {labelOf(k)}
                        </option>
                      ))}
                    </select>
                    <FieldError id={`${id}-${i}-figure`} label="Figure" message={error(i, 'figure')} />
                  </td>
                  <td>
                    <input
                      className="input input-short"
                      inputMode="decimal"
                      aria-label={`Weight of ${label}`}
                      value={d.weight}
                      aria-invalid={error(i, 'weight') ? true : undefined}
                      aria-describedby={error(i, 'weight') ? `${id}-${i}-weight` : undefined}
                      onChange={(e) => onAction({ type: 'weight', index: i, weight: e.target.value })}
                    />
                    <FieldError id={`${id}-${i}-weight`} label="Weight" message={error(i, 'weight')} />
                  </td>
                  <td>
                    <input
                      className="input input-short"
                      inputMode="decimal"
                      aria-label={`Benchmark of ${label}`}
                      placeholder="none"
                      value={d.benchmark}
                      aria-invalid={error(i, 'benchmark') ? true : undefined}
                      aria-describedby={`${id}-${i}-benchmark-hint${error(i, 'benchmark') ? ` ${id}-${i}-benchmark` : ''}`}
                      onChange={(e) => onAction({ type: 'benchmark', index: i, benchmark: e.target.value })}
                    />
                    <span className="field-hint block" id={`${id}-${i}-benchmark-hint`}>
                      {unit ? BENCHMARK_HINTS[unit] : ''}; empty for none
                    </span>
                    <FieldError
                      id={`${id}-${i}-benchmark`}
                      label="Benchmark"
                      message={error(i, 'benchmark')}
                    />
                  </td>
                  <td>
                    <button
                      type="button"
                      className="button button-secondary button-small"
                      aria-label={`Remove ${label}`}
                      onClick={() => onAction({ type: 'remove', index: i })}
                    >
                      Remove
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {issues && issues.general.length > 0 && (
        <ul className="field-error issue-list" role="alert">
          {issues.general.map((m) => (
            <li key={m}>Criteria {m}.</li>
          ))}
        </ul>
      )}
      <p className="form-actions">
        <button
          type="button"
          className="button button-secondary"
          disabled={drafts.length >= COA_CRITERIA_MAX || choices.every((k) => used.has(k))}
          onClick={() => onAction({ type: 'add', available })}
        >
          Add criterion
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => onAction({ type: 'reset', criteria: defaults })}
        >
          Reset to defaults
        </button>
      </p>
    </div>
  );
}

function FieldError({ id, label, message }: { id: string; label: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p className="field-error" id={id} role="alert">
      {label} {message}.
    </p>
  );
}

function MatrixTable({ matrix, names }: { matrix: Matrix; names: readonly string[] }) {
  return (
    <div className="table-scroll" tabIndex={0} role="group" aria-label="COA decision matrix (scrollable)">
      <table className="data-table coa-matrix">
        <caption>COA decision matrix</caption>
        <thead>
          <tr>
            <th scope="col">Criterion</th>
            <th scope="col" className="num">
              Weight
            </th>
            <th scope="col" className="num">
              Benchmark
            </th>
            {names.map((n, i) => (
              <th key={i} scope="col" className="num">
                {n}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.rows.map((r) => (
            <tr key={r.figure}>
              <th scope="row">
                {r.label}
                <span className="cell-note block">{r.better} is better</span>
              </th>
              <td className="num">{formatNumber(r.weight)}</td>
              <td className="num">{r.benchmark === null ? 'none' : formatValue(r.unit, r.benchmark)}</td>
              {names.map((_, i) => (
                <td key={i} className="num">
                  {formatValue(r.unit, r.values[i] ?? null)}
                  <span className="cell-note block">rank {r.ranks[i]}</span>
                  {r.meetsBenchmark[i] === false && <span className="coa-fails block">fails benchmark</span>}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={3}>
              Weighted total (Σ weight × rank)
            </th>
            {names.map((_, i) => (
              <td key={i} className="num">
                {formatNumber(matrix.totals[i] ?? 0)}
              </td>
            ))}
          </tr>
          <tr>
            <th scope="row" colSpan={3}>
              Place
            </th>
            {names.map((_, i) => {
              const place = matrix.places[i] ?? 0;
              return (
                <td key={i} className={place === 1 ? 'num coa-first' : 'num'}>
                  {ordinal(place)}
                  {place === 1 && ' (preferred)'}
                </td>
              );
            })}
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function BenchmarkFailures({ matrix, names }: { matrix: Matrix; names: readonly string[] }) {
  const failing = matrix.failsBenchmark.flatMap((keys, i) => (keys.length > 0 ? [{ i, keys }] : []));
  if (failing.length === 0) return null;
  return (
    <ul className="coa-failures">
      {failing.map(({ i, keys }) => (
        <li key={i}>
          {names[i]} fails the benchmark of {joinNames(keys.map(labelOf))}.
        </li>
      ))}
    </ul>
  );
}
