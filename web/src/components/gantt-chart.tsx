// A Gantt chart of ULNs: one row per ULN, a bar per leg from its first departure to its last arrival
// coloured by transport mode, and markers for the ULN's ALD, LAD and RDD. Only the rows in view are
// drawn (the rest is an empty box of the right height), so 5,000 ULNs scroll as smoothly as 50. The
// scroll box takes keyboard focus, so the arrow and page keys scroll it; the schedule table on the
// same page gives every figure in text.
import { useEffect, useId, useMemo, useRef, useState, type RefObject } from 'react';
import type { PlanNode, PlanUln } from '../../../src/contract/plan.ts';
import { formatCDay } from './analysis-common.tsx';
import {
  MODE_COLOURS,
  datedDay,
  ganttScale,
  legBars,
  modeLabel,
  visibleRows,
  type GanttScale,
} from './deployment-model.ts';

export const ROW_HEIGHT = 26;
const LABEL_WIDTH = 168;
const AXIS_HEIGHT = 26;
const RIGHT_PAD = 12;
const DEFAULT_WIDTH = 960;

export const MARKER_COLOURS = { ald: '#17202a', lad: '#b35c00', rdd: '#a61b1b', today: '#0b5cad' };

/** The width of an element, following it as it resizes; `fallback` before it is measured. */
export function useElementWidth(ref: RefObject<HTMLElement | null>, fallback: number): number {
  const [width, setWidth] = useState(fallback);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    setWidth(el.clientWidth || fallback);
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => setWidth(el.clientWidth || fallback));
    observer.observe(el);
    return () => observer.disconnect();
  }, [ref, fallback]);
  return width;
}

interface GanttChartProps {
  rows: readonly PlanUln[];
  range: { first: number; last: number };
  nodes: ReadonlyMap<string, PlanNode>;
  /** The re-plan day, drawn as a line. */
  today: number;
  /** Height of the scroll box in pixels. */
  height?: number;
  /** Id of the text that says where the same figures are as text. */
  describedBy?: string;
  /** The scenario's C-day (ISO date): the rows' tooltips give each day's date beside it. */
  cDay?: string | null;
}

export function GanttChart({
  rows,
  range,
  nodes,
  today,
  height = 440,
  describedBy,
  cDay = null,
}: GanttChartProps) {
  const frame = useRef<HTMLDivElement>(null);
  const width = Math.max(480, useElementWidth(frame, DEFAULT_WIDTH));
  const [scrollTop, setScrollTop] = useState(0);
  const scale = useMemo(
    () => ganttScale(range, LABEL_WIDTH, width - LABEL_WIDTH - RIGHT_PAD),
    [range, width],
  );
  // A new filter or sort starts at the top again.
  const scroller = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (scroller.current) scroller.current.scrollTop = 0;
    setScrollTop(0);
  }, [rows]);
  const viewport = Math.min(height, Math.max(ROW_HEIGHT, rows.length * ROW_HEIGHT));
  const { first, last } = visibleRows(scrollTop, viewport, ROW_HEIGHT, rows.length);
  const shown = rows.slice(first, last + 1);

  return (
    <div className="gantt" ref={frame}>
      <svg className="gantt-axis" width={width} height={AXIS_HEIGHT} aria-hidden="true" focusable="false">
        <text x={8} y={AXIS_HEIGHT - 8} className="gantt-axis-title">
          ULN
        </text>
        {scale.ticks.map((d) => (
          <g key={d}>
            <line x1={scale.x(d)} x2={scale.x(d)} y1={AXIS_HEIGHT - 6} y2={AXIS_HEIGHT} stroke="#aab4bf" />
            <text x={scale.x(d)} y={AXIS_HEIGHT - 9} textAnchor="middle" className="gantt-tick">
              {formatCDay(d)}
            </text>
          </g>
        ))}
      </svg>
      <div
        ref={scroller}
        className="gantt-scroll"
        style={{ height: viewport }}
        tabIndex={0}
        role="group"
        aria-label={`ULN schedule chart: ${rows.length} ULNs, one row each (scrollable)`}
        aria-describedby={describedBy}
        onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}
      >
        <div className="gantt-body" style={{ height: rows.length * ROW_HEIGHT }}>
          <svg
            className="gantt-rows"
            width={width}
            height={shown.length * ROW_HEIGHT}
            style={{ top: first * ROW_HEIGHT }}
            aria-hidden="true"
            focusable="false"
          >
            {scale.ticks.map((d) => (
              <line
                key={d}
                x1={scale.x(d)}
                x2={scale.x(d)}
                y1={0}
                y2={shown.length * ROW_HEIGHT}
                className="gantt-grid"
              />
            ))}
            {shown.map((u, i) => (
              <GanttRow
                key={u.uln}
                uln={u}
                y={i * ROW_HEIGHT}
                index={first + i}
                scale={scale}
                nodes={nodes}
                cDay={cDay}
              />
            ))}
            {today >= scale.first && today <= scale.last && (
              <line
                x1={scale.x(today)}
                x2={scale.x(today)}
                y1={0}
                y2={shown.length * ROW_HEIGHT}
                stroke={MARKER_COLOURS.today}
                strokeDasharray="4 3"
                strokeWidth={1.5}
              />
            )}
          </svg>
        </div>
      </div>
    </div>
  );
}

function GanttRow({
  uln,
  y,
  index,
  scale,
  nodes,
  cDay,
}: {
  uln: PlanUln;
  y: number;
  index: number;
  scale: GanttScale;
  nodes: ReadonlyMap<string, PlanNode>;
  cDay: string | null;
}) {
  const day = datedDay(cDay, formatCDay);
  const bars = legBars(uln.legs, scale, nodes, day);
  const mid = y + ROW_HEIGHT / 2;
  const late = uln.daysLate > 0;
  const stuck = uln.status !== 'scheduled';
  const summary = `${uln.uln} (${uln.nation}, ${uln.capability}, priority ${uln.priority}): ALD ${day(uln.ald)}, LAD ${day(uln.lad)}, RDD ${day(uln.rdd)}, ${
    stuck
      ? 'cannot be moved'
      : `arrives ${day(uln.arrivalDay ?? 0)}${
          // Delivered (personnel and critical equipment in) before the last load: lateness counts from it.
          uln.deliveredDay !== null && uln.arrivalDay !== null && uln.deliveredDay < uln.arrivalDay
            ? `, delivered ${day(uln.deliveredDay)}`
            : ''
        }${late ? `, ${uln.daysLate} days late` : ''}`
  }${uln.heldBy ? `; ${uln.heldBy.text}` : ''}`;
  return (
    <g className={index % 2 === 1 ? 'gantt-row gantt-row-alt' : 'gantt-row'} data-uln={uln.uln}>
      <title>{summary}</title>
      <rect x={0} y={y} width="100%" height={ROW_HEIGHT} className="gantt-row-bg" />
      <text x={8} y={mid + 4} className={late || stuck ? 'gantt-label gantt-label-late' : 'gantt-label'}>
        {uln.uln}
        <tspan className="gantt-label-note" dx={6}>
          {uln.capability}
        </tspan>
      </text>
      {bars.map((b) => (
        <rect
          key={b.leg}
          className="gantt-bar"
          data-mode={b.mode}
          x={b.x}
          y={y + 7}
          width={b.width}
          height={ROW_HEIGHT - 14}
          rx={2}
          fill={b.colour}
        >
          <title>{b.title}</title>
        </rect>
      ))}
      {stuck && bars.length === 0 && (
        <text x={scale.x(uln.ald) + 4} y={mid + 4} className="gantt-stuck">
          {uln.status === 'no-route' ? 'No route' : 'Beyond the horizon'}
        </text>
      )}
      {/* ALD: a triangle at the foot of the row; LAD: a tick; RDD: a diamond. */}
      <path
        d={`M${scale.x(uln.ald)},${y + ROW_HEIGHT - 2} l-4,0 l4,-6 l4,6 z`}
        fill={MARKER_COLOURS.ald}
        className="gantt-marker"
      />
      <line
        x1={scale.x(uln.lad)}
        x2={scale.x(uln.lad)}
        y1={y + 3}
        y2={y + ROW_HEIGHT - 3}
        stroke={MARKER_COLOURS.lad}
        strokeWidth={2}
      />
      <path
        d={`M${scale.x(uln.rdd)},${mid - 6} l5,6 l-5,6 l-5,-6 z`}
        fill="#ffffff"
        stroke={MARKER_COLOURS.rdd}
        strokeWidth={2}
        className="gantt-marker"
      />
    </g>
  );
}

/** What the colours and markers of the chart mean. */
export function GanttLegend() {
  const id = useId();
  return (
    <section className="gantt-legend" aria-labelledby={id}>
      <h3 id={id} className="visually-hidden">
        Legend
      </h3>
      <ul>
        {Object.keys(MODE_COLOURS).map((mode) => (
          <li key={mode}>
            <svg className="map-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <rect x={0} y={4} width={16} height={8} rx={2} fill={MODE_COLOURS[mode]} />
            </svg>
            {modeLabel(mode)} leg
          </li>
        ))}
        <li>
          <svg className="map-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M8,14 l-5,0 l5,-8 l5,8 z" fill={MARKER_COLOURS.ald} />
          </svg>
          ALD (available to load)
        </li>
        <li>
          <svg className="map-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <line x1={8} x2={8} y1={1} y2={15} stroke={MARKER_COLOURS.lad} strokeWidth={2} />
          </svg>
          LAD (latest arrival at the port)
        </li>
        <li>
          <svg className="map-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <path d="M8,2 l6,6 l-6,6 l-6,-6 z" fill="#fff" stroke={MARKER_COLOURS.rdd} strokeWidth={2} />
          </svg>
          RDD (required delivery)
        </li>
        <li>
          <svg className="map-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <line
              x1={8}
              x2={8}
              y1={0}
              y2={16}
              stroke={MARKER_COLOURS.today}
              strokeWidth={2}
              strokeDasharray="3 2"
            />
          </svg>
          Re-plan day
        </li>
      </ul>
    </section>
  );
}
