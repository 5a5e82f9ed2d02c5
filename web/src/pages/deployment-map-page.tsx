// The deployment on the map: pick a day and see the network's load that day, the arcs closed that
// day, and where every ULN is, as APP-6 symbols gathered by place. The map comes first, under only
// the day control, and opens on the network; under it, how many ULNs are still at their origins,
// moving, between legs or closed at their destinations, and the same places as a table.
import { useId, useMemo, useState } from 'react';
import type { PlanReport } from '../../../src/contract/plan.ts';
import { formatCDay } from '../components/analysis-common.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import {
  NetworkMap,
  groupCapabilities,
  useMapProjection,
  useSymbolRenderer,
  type SymbolRenderer,
} from '../components/deployment-map.tsx';
import {
  groupUlnsOnDay,
  nodeName,
  nodesById,
  ulnStages,
  type Projector,
  type UlnGroup,
} from '../components/deployment-model.ts';
import { closuresByArc, type ArcClosure } from '../components/map-closures.ts';
import type { ViewTransform } from '../components/map-clusters.ts';
import { useEuropeMapModel, type MapModelState } from '../components/map-europe.tsx';
import { PageControls, usePage } from '../components/page-controls.tsx';
import { countOf, formatNumber } from '../format.ts';
import { useApi } from '../use-api.tsx';

export const PLACES_PAGE_SIZE = 25;

/**
 * Countries are drawn this far (in the map's units, 800 across Europe) beyond the Europe frame, so
 * that panning east of Ukraine or south of Türkiye still shows land.
 */
const DEPLOYMENT_MAP_MARGIN = 600;

export function MapView({ report, scenarioId }: { report: PlanReport; scenarioId: string }) {
  const map = useEuropeMapModel(DEPLOYMENT_MAP_MARGIN);
  const project = useMapProjection();
  const symbols = useSymbolRenderer();
  const capabilities = useApi(
    (client, signal) => client.listRecords(scenarioId, 'capabilities', { signal }),
    [scenarioId],
  );
  const app6 = useMemo(
    () =>
      capabilities.status === 'ready'
        ? new Map(capabilities.data.map((c) => [c.code as string, c.app6]))
        : new Map<string, string>(),
    [capabilities],
  );
  // The plan does not carry the arcs' closure windows: the arc records do.
  const arcs = useApi((client, signal) => client.listRecords(scenarioId, 'arcs', { signal }), [scenarioId]);
  const closures = useMemo(() => (arcs.status === 'ready' ? closuresByArc(arcs.data) : undefined), [arcs]);
  return (
    <MapViewBody
      report={report}
      map={map}
      project={project}
      symbols={symbols}
      app6={app6}
      closures={closures}
      symbolsNote={
        capabilities.status === 'error'
          ? 'The capabilities could not be loaded, so every ULN is drawn as a generic unit.'
          : undefined
      }
    />
  );
}

export interface MapViewBodyProps {
  report: PlanReport;
  map: MapModelState;
  project: Projector | null;
  symbols: SymbolRenderer | null;
  app6: ReadonlyMap<string, string>;
  /** Closure windows by arc id; undefined while they load. */
  closures?: ReadonlyMap<string, readonly ArcClosure[]> | undefined;
  symbolsNote?: string | undefined;
  initialDay?: number;
  /** Passed to the map (tests). */
  initialView?: ViewTransform;
  initialOpen?: string;
}

/** The last day worth showing: once every ULN has arrived nothing more moves. */
export function lastMapDay(report: PlanReport): number {
  const end = Math.max(report.today, report.closure.lastArrivalDay ?? 0) + 1;
  return Math.max(0, Math.min(report.horizonDays - 1, end));
}

export function MapViewBody({
  report,
  map,
  project,
  symbols,
  app6,
  closures,
  symbolsNote,
  initialDay,
  initialView,
  initialOpen,
}: MapViewBodyProps) {
  const id = useId();
  const maxDay = lastMapDay(report);
  const [chosen, setDay] = useState(initialDay ?? Math.min(Math.max(0, report.today), maxDay));
  const day = Math.min(Math.max(0, chosen), maxDay);
  const groups = useMemo(() => groupUlnsOnDay(report.ulns, day), [report, day]);
  const stages = useMemo(() => ulnStages(report.ulns, day), [report, day]);
  return (
    <>
      <section className="panel map-panel" aria-labelledby={`${id}-h`}>
        <div className="map-panel-head">
          <h2 id={`${id}-h`}>Map on {formatCDay(day)}</h2>
          <div className="day-control" role="group" aria-label="Choose the day">
            <label htmlFor={`${id}-day`}>Day</label>
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setDay(Math.max(0, day - 1))}
              disabled={day <= 0}
              aria-label="Previous day"
            >
              ◀
            </button>
            <input
              id={`${id}-day`}
              type="range"
              min={0}
              max={maxDay}
              step={1}
              value={day}
              onChange={(e) => setDay(Number(e.target.value))}
              aria-valuetext={formatCDay(day)}
              className="day-slider"
            />
            <button
              type="button"
              className="button button-secondary"
              onClick={() => setDay(Math.min(maxDay, day + 1))}
              disabled={day >= maxDay}
              aria-label="Next day"
            >
              ▶
            </button>
            <output htmlFor={`${id}-day`} className="day-output">
              {formatCDay(day)}
            </output>
          </div>
        </div>
        {symbolsNote && <p className="notice">{symbolsNote}</p>}
        {map.status === 'error' ? (
          <p className="notice">
            The map could not be drawn ({map.message}); the table below gives every place.
          </p>
        ) : map.status === 'loading' || !project ? (
          <p className="status-message status-loading" role="status">
            <span className="spinner" aria-hidden="true" />
            Loading the map…
          </p>
        ) : (
          <NetworkMap
            model={map.model}
            project={project}
            report={report}
            day={day}
            groups={groups}
            app6={app6}
            symbols={symbols}
            closures={closures}
            {...(initialView && { initialView })}
            {...(initialOpen && { initialOpen })}
          />
        )}
        <p className="panel-note map-stages" role="status">
          On {formatCDay(day)}: {formatNumber(stages.origin)} ULNs at their origins,{' '}
          {formatNumber(stages.moving)} moving, {formatNumber(stages.enRoute)} between legs,{' '}
          {formatNumber(stages.destination)} at their destinations
          {stages.unscheduled > 0 &&
            `, ${formatNumber(stages.unscheduled)} that cannot be moved (at their origins)`}
          .
        </p>
      </section>
      <PlacesTable report={report} groups={groups} day={day} />
    </>
  );
}

function PlacesTable({ report, groups, day }: { report: PlanReport; groups: UlnGroup[]; day: number }) {
  const id = useId();
  const nodes = useMemo(() => nodesById(report), [report]);
  const page = usePage(groups, PLACES_PAGE_SIZE);
  const columns: Column<UlnGroup>[] = [
    {
      id: 'place',
      header: 'Place',
      rowHeader: true,
      className: 'name-cell',
      cell: (g) =>
        g.place.kind === 'node' ? (
          nodeName(nodes, g.place.node)
        ) : (
          <>
            {nodeName(nodes, g.place.from)} → {nodeName(nodes, g.place.to)}
            <span className="cell-note block">
              moving by {g.place.mode}, {Math.round(g.place.fraction * 100)}% of the way on average
            </span>
          </>
        ),
    },
    { id: 'ulns', header: 'ULNs', numeric: true, cell: (g) => formatNumber(g.ulns.length) },
    { id: 'pax', header: 'PAX', numeric: true, cell: (g) => formatNumber(g.personnel) },
    {
      id: 'caps',
      header: 'Capabilities',
      cell: (g) => groupCapabilities(g),
    },
  ];
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>ULNs by place on {formatCDay(day)}</h2>
      <p className="panel-note">
        {countOf(report.ulns.length, 'ULN')} at {countOf(groups.length, 'place')}, most first.
      </p>
      <DataTable
        caption={`ULNs by place on ${formatCDay(day)}`}
        captionHidden
        columns={columns}
        rows={page.rows}
        rowKey={(g) => g.key}
        emptyMessage="The force list has no ULNs."
      />
      <PageControls
        page={page.page}
        pages={page.pages}
        pageSize={PLACES_PAGE_SIZE}
        total={groups.length}
        onPage={page.setPage}
        what="places"
      />
    </section>
  );
}
