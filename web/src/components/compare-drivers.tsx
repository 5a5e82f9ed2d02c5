// The drivers of one variant's change in one figure: per breakdown (requirement lines, nations,
// offers, pledges, ULNs) the records whose numbers moved, biggest first, each from baseline to
// variant with its share of the change. Where the figure is the breakdown's sum the listed entries
// and the rest add up to the change, and the panel says so; otherwise they are what moved the figure
// (the ULNs arriving around a closure day), not its parts, and the panel says that instead.
import { useEffect, useId, useRef } from 'react';
import { Link } from '../router.tsx';
import type { EntityKind } from '../../../src/domain/records.ts';
import { recordPagePath } from '../paths.ts';
import type { CompareResult } from '../../../src/contract/compare.ts';
import type { ComparedFigureKey } from '../../../src/domain/comparison/figures.ts';
import { countOf } from '../format.ts';
import {
  DIMENSION_LABELS,
  changeText,
  driverUnit,
  formatDelta,
  formatValue,
  missingCountsAsFigure,
} from './compare-format.ts';

type FigureComparison = CompareResult['figures'][number];
type DriverGroup = FigureComparison['drivers'][number][number];
type ComparedScenario = CompareResult['scenarios'][number];

/** Which drivers are open: a figure, and the variant by its place among the compared scenarios. */
export interface DriversTarget {
  figure: ComparedFigureKey;
  scenario: number;
}

/** The accessible name of a change's "Drivers" button. */
export function driversButtonName(figureLabel: string, scenarioName: string): string {
  return `Drivers of ${figureLabel} in ${scenarioName}`;
}

export function DriversPanel({
  id,
  figure,
  index,
  scenarios,
  onClose,
}: {
  id: string;
  figure: FigureComparison;
  /** The variant's place among `scenarios` (1 or more). */
  index: number;
  scenarios: readonly ComparedScenario[];
  onClose: () => void;
}) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  const baseline = scenarios[0]?.name ?? 'the baseline';
  const variant = scenarios[index]?.name ?? 'the variant';
  const groups = figure.drivers[index] ?? [];
  // The panel opens below the table: take the reader there, as a dialog would.
  useEffect(() => headingRef.current?.focus(), [figure.key, index]);
  return (
    <section id={id} className="compare-drivers" aria-labelledby={`${id}-h`}>
      <div className="panel-head">
        <h3 id={`${id}-h`} ref={headingRef} tabIndex={-1}>
          {driversButtonName(figure.label, variant)}
        </h3>
        <button type="button" className="button button-secondary button-small" onClick={onClose}>
          Close drivers
        </button>
      </div>
      <p>
        {figure.label}: {formatValue(figure.unit, figure.values[0] ?? null)} in {baseline},{' '}
        {formatValue(figure.unit, figure.values[index] ?? null)} in {variant}; change{' '}
        {changeText(figure, index)}.
      </p>
      {groups.length === 0 ? (
        <p className="panel-note">
          No breakdown of records explains this change: {figure.label.toLowerCase()} is set in the scenario
          itself. “What each variant changes” below lists the inputs that differ.
        </p>
      ) : (
        groups.map((g) => (
          <DriverGroupTable
            key={g.dimension}
            figure={figure}
            group={g}
            delta={figure.deltas[index] ?? null}
            baseline={baseline}
            variant={variant}
            scenarioIds={[scenarios[0]?.id ?? '', scenarios[index]?.id ?? '']}
          />
        ))
      )}
    </section>
  );
}

function DriverGroupTable({
  figure,
  group,
  delta,
  baseline,
  variant,
  scenarioIds,
}: {
  figure: FigureComparison;
  group: DriverGroup;
  /** The variant's change in the figure. */
  delta: number | null;
  baseline: string;
  variant: string;
  /** The baseline's and the variant's ids: a record links to its page in the variant, else the baseline. */
  scenarioIds: readonly [string, string];
}) {
  const id = useId();
  const unit = driverUnit(figure.key, group.dimension);
  const title = DIMENSION_LABELS[group.dimension];
  const absent = 'not there';
  const showRest = group.additive && group.rest !== null && (group.rest !== 0 || group.notShown > 0);
  return (
    <div className="driver-group">
      <h4 id={id}>
        {title}
        {!group.additive && <span className="cell-note"> (what moved it)</span>}
      </h4>
      <div className="table-scroll" tabIndex={0} role="group" aria-label={`${title} (scrollable)`}>
        <table className="data-table" aria-labelledby={id}>
          <thead>
            <tr>
              <th scope="col">{title.replace(/s$/, '')}</th>
              <th scope="col" className="num">
                {baseline}
              </th>
              <th scope="col" className="num">
                {variant}
              </th>
              <th scope="col" className="num">
                Change
              </th>
            </tr>
          </thead>
          <tbody>
            {group.entries.map((e) => (
              <tr key={e.id}>
                <th scope="row" className="name-cell">
                  <DriverName entry={e} dimension={group.dimension} scenarioIds={scenarioIds} />
                </th>
                <td className="num">{e.baseline === null ? absent : formatValue(unit, e.baseline)}</td>
                <td className="num">{e.variant === null ? absent : formatValue(unit, e.variant)}</td>
                <td className="num">{formatDelta(unit, e.delta)}</td>
              </tr>
            ))}
            {showRest && (
              <tr>
                <th scope="row" className="name-cell">
                  The rest{group.notShown > 0 ? `: ${countOf(group.notShown, 'more record')} not shown` : ''}
                </th>
                <td className="num" />
                <td className="num" />
                <td className="num">{formatDelta(unit, group.rest ?? 0)}</td>
              </tr>
            )}
          </tbody>
        </table>
      </div>
      {group.notShown > 0 && !showRest && (
        <p className="panel-note">{countOf(group.notShown, 'more record')} not shown.</p>
      )}
      <p className="panel-note">
        {group.additive
          ? additiveNote(figure, group, delta)
          : 'These are what moved the figure, not its parts: they do not add up to its change.'}
        {missingCountsAsFigure(figure.key, group.dimension) &&
          ` One that is “${absent}” on a side counts there as ${figure.label.toLowerCase()} itself: its change is how far it lands from that day.`}
      </p>
    </div>
  );
}

function additiveNote(figure: FigureComparison, group: DriverGroup, delta: number | null): string {
  const listed =
    group.rest !== null && (group.rest !== 0 || group.notShown > 0)
      ? 'The entries and the rest'
      : 'The entries';
  return delta === null
    ? `${listed} are the parts of ${figure.label.toLowerCase()}.`
    : `${listed} add up to the change of ${formatDelta(figure.unit, delta)}.`;
}

/** Record kinds a driver's page is under; ULNs are often generated by the plan, not stored. */
const DRIVER_KIND: Partial<Record<DriverGroup['dimension'], EntityKind>> = {
  line: 'requirements',
  nation: 'nations',
  offer: 'offers',
  pledge: 'pledges',
};

/** The record's key (a link to its page where it has one) and its name for people. */
function DriverName({
  entry,
  dimension,
  scenarioIds,
}: {
  entry: DriverGroup['entries'][number];
  dimension: DriverGroup['dimension'];
  scenarioIds: readonly [string, string];
}) {
  const kind = DRIVER_KIND[dimension];
  const named = entry.label.startsWith(entry.id);
  if (!kind) return <>{entry.label}</>;
  // Present in the variant: its page there; removed by the variant: its page in the baseline.
  const scenarioId = entry.variant !== null ? scenarioIds[1] : scenarioIds[0];
  return (
    <>
      <Link to={recordPagePath(scenarioId, kind, entry.id)} className="mono">
        {entry.id}
      </Link>
      {named ? entry.label.slice(entry.id.length) : ` ${entry.label}`}
    </>
  );
}
