// Every compared figure side by side: grouped as the catalogue groups them (force generation,
// sustainment, without the US, Monte Carlo, funding, deployment), one row per figure with its
// definition a click away, the baseline's value, and per variant its value and its change with the
// verdict in words ("+9,260 (better)"). A change is a button that opens its drivers below the table.
import { useId, useState } from 'react';
import type { CompareResult } from '../../../src/contract/compare.ts';
import { FIGURE_GROUPS } from '../../../src/domain/comparison/figures.ts';
import { DriversPanel, driversButtonName, type DriversTarget } from './compare-drivers.tsx';
import { changeText, formatValue, hasChange, nullExplanation } from './compare-format.ts';

type FigureComparison = CompareResult['figures'][number];
type ComparedScenario = CompareResult['scenarios'][number];

export interface CompareFiguresTableProps {
  figures: readonly FigureComparison[];
  scenarios: readonly ComparedScenario[];
  /** Drivers open from the start (a test, or a link to one change). */
  initialDrivers?: DriversTarget | null;
}

export function CompareFiguresTable({ figures, scenarios, initialDrivers = null }: CompareFiguresTableProps) {
  const id = useId();
  const panelId = `${id}-drivers`;
  const [open, setOpen] = useState<DriversTarget | null>(initialDrivers);
  const [baseline, ...variants] = scenarios;
  const groups = FIGURE_GROUPS.filter((g) => figures.some((f) => f.group === g));
  const columns = 2 + variants.length * 2;
  const openFigure = open && figures.find((f) => f.key === open.figure);
  const anyNever = figures.some((f) => f.unit === 'C-day' && f.values.includes(null));
  const anyMissing = figures.some((f) => f.unit !== 'C-day' && f.values.includes(null));
  return (
    <section className="panel" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>Figures</h2>
      <p className="panel-note">
        Each figure of every analysis in {baseline?.name ?? 'the baseline'} (the baseline) and in each
        variant, with the variant’s change and whether it is better or worse by the figure’s own definition.
        Open a figure’s name for its definition, and a change’s “Drivers” for the records behind it.
      </p>
      <div className="table-scroll" tabIndex={0} role="group" aria-label="Compared figures (scrollable)">
        <table className="data-table compare-table">
          <caption className="visually-hidden">Compared figures</caption>
          <thead>
            <tr>
              <th scope="col">Figure</th>
              <th scope="col" className="num">
                {baseline?.name}
                <span className="cell-note block">baseline</span>
              </th>
              {variants.map((v) => [
                <th key={`${v.id}-value`} scope="col" className="num">
                  {v.name}
                </th>,
                <th key={`${v.id}-change`} scope="col" className="num">
                  Change in {v.name}
                </th>,
              ])}
            </tr>
          </thead>
          {groups.map((group) => (
            <tbody key={group}>
              <tr className="compare-group-row">
                <th scope="rowgroup" colSpan={columns}>
                  {group}
                </th>
              </tr>
              {figures
                .filter((f) => f.group === group)
                .map((f) => (
                  <tr key={f.key}>
                    <th scope="row" className="compare-figure-name">
                      <details>
                        <summary>{f.label}</summary>
                        <span className="figure-definition block">{f.definition}</span>
                      </details>
                    </th>
                    <ValueCell figure={f} index={0} />
                    {variants.map((v, j) => {
                      const index = j + 1;
                      const isOpen = open?.figure === f.key && open.scenario === index;
                      return [
                        <ValueCell key={`${v.id}-value`} figure={f} index={index} />,
                        <td
                          key={`${v.id}-change`}
                          className={`num compare-change compare-${f.verdicts[index] ?? 'none'}`}
                        >
                          {changeText(f, index)}
                          {hasChange(f, index) && (
                            <>
                              {' '}
                              <button
                                type="button"
                                className="link-button compare-drivers-button"
                                aria-label={driversButtonName(f.label, v.name)}
                                aria-expanded={isOpen}
                                aria-controls={isOpen ? panelId : undefined}
                                onClick={() => setOpen(isOpen ? null : { figure: f.key, scenario: index })}
                              >
                                Drivers
                              </button>
                            </>
                          )}
                        </td>,
                      ];
                    })}
                  </tr>
                ))}
            </tbody>
          ))}
        </table>
      </div>
      {(anyNever || anyMissing) && (
        <p className="panel-note">
          {anyNever && (
            <>“never”: that share of the force is not at its destinations within the plan’s horizon. </>
          )}
          {anyMissing && <>“—”: no value in that scenario.</>}
        </p>
      )}
      {openFigure && open && (
        <DriversPanel
          id={panelId}
          figure={openFigure}
          index={open.scenario}
          scenarios={scenarios}
          onClose={() => setOpen(null)}
        />
      )}
    </section>
  );
}

function ValueCell({ figure, index }: { figure: FigureComparison; index: number }) {
  const value = figure.values[index] ?? null;
  return (
    <td className="num">
      {value === null ? (
        <span title={nullExplanation(figure.unit)}>{formatValue(figure.unit, null)}</span>
      ) : (
        formatValue(figure.unit, value)
      )}
    </td>
  );
}
