// The deployment on the map of Europe on one day: the transport network (nodes by kind and named,
// arcs as lines styled by mode, thicker the more of their capacity that day's movements use, red and
// dashed when closed that day) and the ULNs where the plan has them, drawn as APP-6 unit symbols
// (milsymbol). ULNs at one node, or moving along one arc, are one symbol with a count, and symbols
// that would overlap at the current zoom are one cluster, which opens to the list of its places and
// ULNs, so a force list of thousands stays readable. The map opens on the network's nodes and zooms
// and pans (d3-zoom) with its buttons, the keyboard, the wheel and dragging; place names that would
// overlap give way, the best-connected places keeping theirs (map-clusters.ts). Countries come from
// the bundled Natural Earth data (map-geometry.ts) and symbols are drawn in the browser: nothing is
// fetched from another site. Both, like milsymbol itself, load on demand with the first map.
import { select } from 'd3-selection';
import { zoom, zoomIdentity, zoomTransform, type D3ZoomEvent, type ZoomBehavior } from 'd3-zoom';
import { useEffect, useId, useMemo, useRef, useState, type KeyboardEvent as ReactKeyboardEvent } from 'react';
import type msDefault from 'milsymbol';
import type { PlanNode, PlanReport } from '../../../src/contract/plan.ts';
import { formatCDay } from './analysis-common.tsx';
import {
  GENERIC_UNIT_SIDC,
  MODE_COLOURS,
  arcName,
  arcPath,
  arcStrokeWidth,
  groupSidc,
  modeColour,
  modeLabel,
  nodeKindLabel,
  nodeName,
  nodesById,
  placePoint,
  projectNodes,
  shortName,
  type Point,
  type Projector,
  type UlnGroup,
} from './deployment-model.ts';
import { closureOn, describeClosure, type ArcClosure } from './map-closures.ts';
import {
  PAN_STEP,
  ZOOM_EXTENT,
  ZOOM_STEP,
  clusterPoints,
  fitView,
  LABEL_METRICS,
  placeLabels,
  toScreen,
  type ClusterInput,
  type LabelInput,
  type ViewTransform,
} from './map-clusters.ts';
import type { EuropeMapModel } from './map-geometry.ts';
import { OUTSIDE_FILL } from './map-europe.tsx';

// ---- Loading on demand ----

/** A unit symbol as an image: where its anchor (the centre of its frame) is within it. */
export interface SymbolImage {
  href: string;
  width: number;
  height: number;
  anchor: Point;
}

export type SymbolRenderer = (sidc: string) => SymbolImage;

/** Draws symbols with milsymbol, each code once; a code milsymbol cannot read draws a generic unit. */
export function makeSymbolRenderer(ms: typeof msDefault, size = 14): SymbolRenderer {
  const cache = new Map<string, SymbolImage>();
  const render = (sidc: string): SymbolImage => {
    const hit = cache.get(sidc);
    if (hit) return hit;
    let symbol = new ms.Symbol(sidc, { size });
    if (!symbol.isValid()) symbol = new ms.Symbol(GENERIC_UNIT_SIDC, { size });
    const { width, height } = symbol.getSize();
    const image = { href: symbol.toDataURL(), width, height, anchor: symbol.getAnchor() };
    cache.set(sidc, image);
    return image;
  };
  return render;
}

let symbolsPromise: Promise<SymbolRenderer> | undefined;

/** milsymbol, loaded with the first map that needs it; null until then (or if it fails to load). */
export function useSymbolRenderer(): SymbolRenderer | null {
  const [renderer, setRenderer] = useState<SymbolRenderer | null>(null);
  useEffect(() => {
    let cancelled = false;
    symbolsPromise ??= import('milsymbol').then((m) => makeSymbolRenderer(m.default));
    symbolsPromise.then(
      (r) => {
        if (!cancelled) setRenderer(() => r);
      },
      () => {
        symbolsPromise = undefined;
      },
    );
    return () => {
      cancelled = true;
    };
  }, []);
  return renderer;
}

/** The projection of the Europe map (the same as its countries'), loaded with the map's geometry. */
export function useMapProjection(): Projector | null {
  const [project, setProject] = useState<Projector | null>(null);
  useEffect(() => {
    let cancelled = false;
    void import('./map-geometry.ts').then((g) => {
      if (cancelled) return;
      const { projection } = g.europeProjection();
      setProject(() => (lon: number, lat: number) => projection([lon, lat]));
    });
    return () => {
      cancelled = true;
    };
  }, []);
  return project;
}

// ---- Drawing ----

const SEA_FILL = '#f3f7fb';
const MODE_DASH: Readonly<Record<string, string | undefined>> = {
  road: undefined,
  rail: '7 3',
  air: '2 3',
  sea: '10 4',
};

/** A node's glyph: the shape says the kind (the legend names them), filled for ports of debarkation. */
export function NodeGlyph({ kind, x, y }: { kind: string; x: number; y: number }) {
  const stroke = '#17202a';
  const common = { stroke, strokeWidth: 1.2 };
  switch (kind) {
    case 'apoe':
    case 'apod':
      return (
        <path d={`M${x},${y - 5} l5,8.5 l-10,0 z`} fill={kind === 'apod' ? stroke : '#ffffff'} {...common} />
      );
    case 'spoe':
    case 'spod':
      return (
        <rect
          x={x - 4}
          y={y - 4}
          width={8}
          height={8}
          fill={kind === 'spod' ? stroke : '#ffffff'}
          {...common}
        />
      );
    case 'railhead':
      return <rect x={x - 5} y={y - 2} width={10} height={4} fill="#ffffff" {...common} />;
    case 'border-crossing':
      return <path d={`M${x},${y - 5} l5,5 l-5,5 l-5,-5 z`} fill="#ffffff" {...common} />;
    case 'staging-area':
      return (
        <path
          d={`M${x - 5},${y - 5} h10 v10 h-10 z M${x - 5},${y + 5} L${x + 5},${y - 5}`}
          fill="#ffffff"
          {...common}
        />
      );
    case 'destination':
      return (
        <g>
          <circle cx={x} cy={y} r={5.5} fill="#ffffff" {...common} />
          <circle cx={x} cy={y} r={2.2} fill={stroke} />
        </g>
      );
    default:
      return <circle cx={x} cy={y} r={4} fill="#6b7682" {...common} />;
  }
}

/** "12 ULNs (7,800 personnel) at Gdańsk (POL)" or "… moving Marchwood (GBR) → Gdańsk (POL) by sea". */
export function describeGroup(group: UlnGroup, nodes: ReadonlyMap<string, PlanNode>): string {
  const what = `${group.ulns.length} ${group.ulns.length === 1 ? 'ULN' : 'ULNs'} (${group.personnel.toLocaleString('en-GB')} personnel)`;
  const p = group.place;
  const where =
    p.kind === 'node'
      ? `at ${nodeName(nodes, p.node)}`
      : `moving ${nodeName(nodes, p.from)} → ${nodeName(nodes, p.to)} by ${p.mode}`;
  return `${what} ${where}: ${groupCapabilities(group)}`;
}

/** "MECH-INF-BN ×3, ARMD-BN, FA-BN ×2 and 4 more capabilities": the largest three. */
export function groupCapabilities(group: Pick<UlnGroup, 'capabilities'>): string {
  const caps = group.capabilities
    .slice(0, 3)
    .map(([c, n]) => (n > 1 ? `${c} ×${n}` : c))
    .join(', ');
  const rest = group.capabilities.length - 3;
  return rest > 0 ? `${caps} and ${rest} more ${rest === 1 ? 'capability' : 'capabilities'}` : caps;
}

/** Every ULN of a cluster, in words: one place as `describeGroup` says it, or several close together. */
export function describeCluster(members: readonly UlnGroup[], nodes: ReadonlyMap<string, PlanNode>): string {
  if (members.length === 1) return describeGroup(members[0]!, nodes);
  const ulns = members.reduce((s, g) => s + g.ulns.length, 0);
  const personnel = members.reduce((s, g) => s + g.personnel, 0);
  return `${ulns} ULNs (${personnel.toLocaleString('en-GB')} personnel) at ${members.length} places near ${placeName(members[0]!, nodes)}: ${groupCapabilities(mergeCapabilities(members))}`;
}

/** "Gdańsk (POL)" or "Marchwood (GBR) → Gdańsk (POL), sea". */
export function placeName(group: UlnGroup, nodes: ReadonlyMap<string, PlanNode>): string {
  const p = group.place;
  return p.kind === 'node'
    ? nodeName(nodes, p.node)
    : `${nodeName(nodes, p.from)} → ${nodeName(nodes, p.to)}, ${p.mode}`;
}

/** The capabilities of several groups together, most ULNs first (ties by code). */
export function mergeCapabilities(members: readonly UlnGroup[]): Pick<UlnGroup, 'capabilities'> {
  const caps = new Map<string, number>();
  for (const g of members) for (const [c, n] of g.capabilities) caps.set(c, (caps.get(c) ?? 0) + n);
  return {
    capabilities: [...caps].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)),
  };
}

/** The map's box in pixels until it has been measured (and in tests, which have no layout). */
export const DEFAULT_MAP_BOX = { width: 800, height: 500 };
/** Symbols closer than this many pixels are drawn as one: a symbol is about 30 pixels wide. */
export const CLUSTER_RADIUS = 26;
/** How many ULN numbers a cluster's list names per place before saying how many more. */
const ULN_IDS_LISTED = 12;
const CLOSED_COLOUR = '#c62828';
const CLOSED_DASH = '6 4';

/** Node kinds in the order their labels give way: ports and destinations before garrisons. */
const KIND_RANK: Readonly<Record<string, number>> = {
  destination: 4,
  spod: 3,
  apod: 3,
  'staging-area': 2,
  'border-crossing': 2,
  spoe: 1,
  apoe: 1,
  railhead: 1,
};

export interface NetworkMapProps {
  model: EuropeMapModel;
  project: Projector;
  report: PlanReport;
  day: number;
  groups: readonly UlnGroup[];
  /** Symbol codes by capability code. */
  app6: ReadonlyMap<string, string>;
  /** Null while milsymbol loads: ULNs are drawn as plain markers meanwhile. */
  symbols: SymbolRenderer | null;
  /** Closure windows by arc id (arcs without any are left out). */
  closures?: ReadonlyMap<string, readonly ArcClosure[]>;
  /** The view to start from instead of the one that fits the network (tests). */
  initialView?: ViewTransform;
  /** The group whose cluster starts opened (tests). */
  initialOpen?: string;
}

/**
 * Wheel events zoom only with Ctrl or ⌘ held, or once the map has the focus (a click on it, or Tab):
 * scrolling the page past the map must never be taken over by it. One finger on a touch screen
 * scrolls the page too; two pinch and pan the map. Drag with the main mouse button pans.
 */
function zoomFilter(this: SVGSVGElement, event: Event): boolean {
  if (event.type === 'wheel') {
    const w = event as WheelEvent;
    return w.ctrlKey || w.metaKey || this.contains(document.activeElement);
  }
  if (event.type.startsWith('touch')) return (event as TouchEvent).touches.length > 1;
  const m = event as MouseEvent;
  return !m.ctrlKey && !m.button;
}

export function NetworkMap({
  model,
  project,
  report,
  day,
  groups,
  app6,
  symbols,
  closures = NO_CLOSURES,
  initialView,
  initialOpen,
}: NetworkMapProps) {
  const captionId = useId();
  const hintId = useId();
  const mapId = useId();
  const listId = useId();
  const svgRef = useRef<SVGSVGElement>(null);
  const zoomRef = useRef<ZoomBehavior<SVGSVGElement, unknown> | null>(null);
  /** Set while the view is pushed into d3-zoom, so that its echo is not taken for a gesture. */
  const syncing = useRef(false);
  const [box, setBox] = useState(DEFAULT_MAP_BOX);
  /** The view the reader chose; null until they zoom or pan, and after "Reset view". */
  const [chosenView, setChosenView] = useState<ViewTransform | null>(initialView ?? null);
  const [open, setOpen] = useState<string | null>(initialOpen ?? null);

  const nodes = useMemo(() => nodesById(report), [report]);
  const { points, offMap } = useMemo(
    () => projectNodes(report.nodes, project, model.width, model.height),
    [report, project, model],
  );
  const fitted = useMemo(() => {
    const off = new Set(offMap.map((n) => n.id));
    const onMap = [...points].filter(([id]) => !off.has(id)).map(([, p]) => p);
    // The padding keeps the outermost nodes' symbols and names clear of the edge and of the zoom
    // buttons in the corner.
    return fitView(onMap, box.width, box.height, {
      padding: 44,
      fallback: { x0: 0, y0: 0, x1: model.width, y1: model.height },
    });
  }, [points, offMap, box, model]);
  const view = chosenView ?? fitted;

  // The box is measured so that one unit of the view box is one pixel: symbols, labels and the
  // cluster radius keep their size on any screen.
  useEffect(() => {
    const svg = svgRef.current;
    if (!svg || typeof ResizeObserver === 'undefined') return;
    const measure = () => {
      const r = svg.getBoundingClientRect();
      const width = Math.round(r.width);
      const height = Math.round(r.height);
      if (width > 0 && height > 0)
        setBox((b) => (b.width === width && b.height === height ? b : { width, height }));
    };
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(svg);
    return () => observer.disconnect();
  }, []);

  useEffect(() => {
    const svg = svgRef.current;
    if (!svg) return;
    const behaviour = zoom<SVGSVGElement, unknown>()
      .scaleExtent([...ZOOM_EXTENT])
      .filter(zoomFilter)
      .on('zoom', (event: D3ZoomEvent<SVGSVGElement, unknown>) => {
        if (syncing.current) return;
        const { k, x, y } = event.transform;
        setChosenView({ k, x, y });
      });
    const selection = select(svg);
    // Double-click is left to the symbols (a quick second click closes a list again).
    selection.call(behaviour).on('dblclick.zoom', null);
    // d3-zoom turns touch scrolling off on the map; one finger scrolls the page (see zoomFilter).
    svg.style.touchAction = 'pan-x pan-y';
    zoomRef.current = behaviour;
    return () => {
      selection.on('.zoom', null);
      zoomRef.current = null;
    };
  }, []);

  // d3-zoom keeps its own transform on the element: keep it equal to the view shown (the fitted
  // one, until the reader moves), so that the next gesture or button press starts from it.
  useEffect(() => {
    const svg = svgRef.current;
    const behaviour = zoomRef.current;
    if (!svg || !behaviour) return;
    const t = zoomTransform(svg);
    if (t.k === view.k && t.x === view.x && t.y === view.y) return;
    syncing.current = true;
    try {
      behaviour.transform(select(svg), zoomIdentity.translate(view.x, view.y).scale(view.k));
    } finally {
      syncing.current = false;
    }
  }, [view]);

  const zoomBy = (factor: number) => {
    const svg = svgRef.current;
    if (svg && zoomRef.current) zoomRef.current.scaleBy(select(svg), factor);
  };
  const panBy = (dx: number, dy: number) => {
    const svg = svgRef.current;
    if (svg && zoomRef.current) zoomRef.current.translateBy(select(svg), dx / view.k, dy / view.k);
  };
  const reset = () => setChosenView(null);

  const onMapKey = (e: ReactKeyboardEvent<SVGSVGElement>) => {
    const actions: Record<string, () => void> = {
      '+': () => zoomBy(ZOOM_STEP),
      '=': () => zoomBy(ZOOM_STEP),
      '-': () => zoomBy(1 / ZOOM_STEP),
      _: () => zoomBy(1 / ZOOM_STEP),
      '0': reset,
      ArrowLeft: () => panBy(PAN_STEP, 0),
      ArrowRight: () => panBy(-PAN_STEP, 0),
      ArrowUp: () => panBy(0, PAN_STEP),
      ArrowDown: () => panBy(0, -PAN_STEP),
      Escape: () => setOpen(null),
    };
    const action = actions[e.key];
    if (!action || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    action();
  };

  const screen = useMemo(() => {
    const out = new Map<string, Point>();
    for (const [id, p] of points) out.set(id, toScreen(view, p));
    return out;
  }, [points, view]);

  // Arcs least used first, so the busiest are drawn on top, and the closed ones above all.
  const arcs = useMemo(
    () =>
      report.arcs
        .map((a) => ({ arc: a, u: a.utilisation[day] ?? 0, closed: closureOn(closures.get(a.id), day) }))
        .sort(
          (x, y) => Number(!!x.closed) - Number(!!y.closed) || x.u - y.u || (x.arc.id < y.arc.id ? -1 : 1),
        ),
    [report, day, closures],
  );
  const closedToday = arcs.filter((a) => a.closed).length;

  const clusters = useMemo(() => {
    const items: ClusterInput<UlnGroup>[] = [];
    for (const g of groups) {
      const p = placePoint(g.place, points);
      if (p) items.push({ key: g.key, at: toScreen(view, p), weight: g.ulns.length, item: g });
    }
    return clusterPoints(items, CLUSTER_RADIUS);
  }, [groups, points, view]);

  const labels = useMemo(() => {
    const degree = new Map<string, number>();
    for (const a of report.arcs) for (const id of [a.from, a.to]) degree.set(id, (degree.get(id) ?? 0) + 1);
    const inputs: LabelInput[] = report.nodes.flatMap((n) => {
      const at = screen.get(n.id);
      if (!at) return [];
      return [
        {
          id: n.id,
          at,
          text: shortName(n.name),
          rank: (degree.get(n.id) ?? 0) * 10 + (KIND_RANK[n.kind] ?? 0),
        },
      ];
    });
    // Labels keep clear of the unit symbols (about 30 by 24 pixels around their anchor).
    const obstacles = clusters.map((c) => ({
      x0: c.at.x - 16,
      y0: c.at.y - 12,
      x1: c.at.x + 22,
      y1: c.at.y + 12,
    }));
    return placeLabels(inputs, box.width, box.height, obstacles, {
      ...LABEL_METRICS,
      widthOf: measureLabel(),
    });
  }, [report, screen, clusters, box]);

  const openCluster = open ? clusters.find((c) => c.members.some((g) => g.key === open)) : undefined;
  const toggle = (key: string) => setOpen((o) => (o === key ? null : key));

  return (
    <div className="stance-map-layout network-map-layout">
      <figure className="stance-map network-map">
        <div className="map-frame">
          <div className="map-toolbar" role="toolbar" aria-label="Map view" aria-controls={mapId}>
            <button
              type="button"
              className="button button-secondary map-zoom"
              onClick={() => zoomBy(ZOOM_STEP)}
              aria-label="Zoom in"
            >
              +
            </button>
            <button
              type="button"
              className="button button-secondary map-zoom"
              onClick={() => zoomBy(1 / ZOOM_STEP)}
              aria-label="Zoom out"
            >
              −
            </button>
            <button
              type="button"
              className="button button-secondary"
              onClick={reset}
              disabled={chosenView === null}
            >
              Reset view
            </button>
          </div>
          <svg
            ref={svgRef}
            id={mapId}
            className="stance-map-svg network-map-svg"
            viewBox={`0 0 ${box.width} ${box.height}`}
            role="group"
            aria-labelledby={captionId}
            aria-describedby={hintId}
            tabIndex={0}
            onKeyDown={onMapKey}
          >
            <rect x={0} y={0} width={box.width} height={box.height} fill={SEA_FILL} />
            <g
              className="map-land"
              aria-hidden="true"
              transform={`translate(${round(view.x)} ${round(view.y)}) scale(${round(view.k, 1000)})`}
            >
              {model.countries.map((c) => (
                <path key={c.key} d={c.d} fill={OUTSIDE_FILL} />
              ))}
            </g>
            <g className="map-arcs">
              {arcs.map(({ arc, u, closed }) => {
                const a = screen.get(arc.from);
                const b = screen.get(arc.to);
                if (!a || !b) return null;
                return (
                  <path
                    key={arc.id}
                    d={arcPath(a, b, arc.mode)}
                    className={closed ? 'map-arc map-arc-closed' : 'map-arc'}
                    data-mode={arc.mode}
                    fill="none"
                    stroke={closed ? CLOSED_COLOUR : modeColour(arc.mode)}
                    strokeOpacity={closed || u > 0 ? 0.9 : 0.45}
                    strokeWidth={closed ? 3 : arcStrokeWidth(u)}
                    strokeDasharray={closed ? CLOSED_DASH : MODE_DASH[arc.mode]}
                    strokeLinecap={closed ? 'butt' : 'round'}
                  >
                    <title>
                      {closed
                        ? `${arcName(nodes, arc)}: ${describeClosure(closed)}`
                        : `${arcName(nodes, arc)}: ${Math.round(u * 100)}% of capacity on ${formatCDay(day)}`}
                    </title>
                  </path>
                );
              })}
            </g>
            <g className="map-nodes">
              {report.nodes.map((n) => {
                const p = screen.get(n.id);
                if (!p) return null;
                return (
                  <g key={n.id} className="map-node" data-kind={n.kind}>
                    <title>{`${n.name} (${n.nation}): ${nodeKindLabel(n.kind)}`}</title>
                    <NodeGlyph kind={n.kind} x={round(p.x)} y={round(p.y)} />
                  </g>
                );
              })}
            </g>
            <g className="map-labels">
              {labels.map((l) => (
                <text key={l.id} className="map-label" x={round(l.x)} y={round(l.y)} textAnchor={l.anchor}>
                  {l.text}
                </text>
              ))}
            </g>
            <g className="map-units">
              {clusters.map((c) => {
                const isOpen = openCluster === c;
                return (
                  <UnitSymbol
                    key={c.key}
                    at={c.at}
                    count={c.weight}
                    label={describeCluster(c.members, nodes)}
                    image={symbols ? symbols(groupSidc(mergeCapabilities(c.members), app6)) : null}
                    expanded={isOpen}
                    controls={isOpen ? listId : undefined}
                    onToggle={() => toggle(c.key)}
                    onOpen={() => setOpen(c.key)}
                  />
                );
              })}
            </g>
          </svg>
          {openCluster && (
            <ClusterList
              id={listId}
              members={openCluster.members}
              nodes={nodes}
              at={openCluster.at}
              box={box}
              onClose={() => setOpen(null)}
            />
          )}
        </div>
        <p className="map-hint" id={hintId}>
          Drag the map to pan it; zoom with the buttons, or Ctrl + wheel. On the map, + and − zoom, the arrow
          keys pan and 0 resets; Tab reaches each symbol.
        </p>
        <figcaption id={captionId} className="map-caption">
          The transport network and the ULNs on {formatCDay(day)}: each symbol is every ULN at one place (or
          at places close together at this zoom), with their number; select it for the list. Lines are thicker
          the more of their capacity is used that day
          {closures.size > 0 && '; red dashed lines are closed that day'}. The table below gives the same in
          text.
        </figcaption>
      </figure>
      <div className="map-side">
        <NetworkLegend report={report} closedToday={closures.size > 0 ? closedToday : null} day={day} />
        {offMap.length > 0 && (
          <section className="map-off" aria-label="Nodes not on the map">
            <h3>Not on the map</h3>
            <ul className="map-off-list">
              {offMap.map((n) => (
                <li key={n.id}>
                  {n.name} ({n.nation}), {nodeKindLabel(n.kind).split(' (')[0]}
                </li>
              ))}
            </ul>
          </section>
        )}
      </div>
    </div>
  );
}

const NO_CLOSURES: ReadonlyMap<string, readonly ArcClosure[]> = new Map();

let labelWidth: ((text: string) => number) | undefined;

/**
 * Measures a label's width in the font styles.css gives `.map-label`, so that labels that would
 * overlap are known to; undefined without a canvas (tests), where an average width is assumed.
 */
function measureLabel(): ((text: string) => number) | undefined {
  if (labelWidth || typeof document === 'undefined') return labelWidth;
  const context = document.createElement('canvas').getContext('2d');
  const family = getComputedStyle(document.body).fontFamily;
  if (!context || !family) return undefined;
  context.font = `600 11px ${family}`;
  const cache = new Map<string, number>();
  labelWidth = (text) => {
    let w = cache.get(text);
    if (w === undefined) cache.set(text, (w = context.measureText(text).width));
    return w;
  };
  return labelWidth;
}

/** Tenths of a pixel are plenty, and keep the markup short. */
function round(n: number, per = 10): number {
  return Math.round(n * per) / per;
}

/**
 * A cluster of ULNs as one APP-6 symbol with its count: a button that opens the list of its places
 * and ULNs (a click, Enter or Space; reaching it with the keyboard opens it too).
 */
function UnitSymbol({
  at,
  count,
  label,
  image,
  expanded,
  controls,
  onToggle,
  onOpen,
}: {
  at: Point;
  count: number;
  label: string;
  image: SymbolImage | null;
  expanded: boolean;
  controls: string | undefined;
  onToggle: () => void;
  onOpen: () => void;
}) {
  const x = round(at.x);
  const y = round(at.y);
  const badgeX = round(image ? x + image.width - image.anchor.x - 2 : x + 8);
  const badgeY = round(image ? y - image.anchor.y + 2 : y - 8);
  const text = count > 999 ? `${Math.floor(count / 1000)}k` : String(count);
  const r = text.length > 2 ? 9 : 7.5;
  return (
    <g
      className="map-unit"
      role="button"
      tabIndex={0}
      aria-label={label}
      aria-expanded={expanded}
      aria-controls={controls}
      onClick={onToggle}
      onKeyDown={(e) => {
        if (e.key !== 'Enter' && e.key !== ' ') return;
        e.preventDefault();
        e.stopPropagation();
        onToggle();
      }}
      onFocus={(e) => {
        // Focus by keyboard opens the list; a click focuses too, and its own toggle decides.
        if (e.currentTarget.matches(':focus-visible')) onOpen();
      }}
    >
      <title>{label}</title>
      {image ? (
        <image
          href={image.href}
          x={round(x - image.anchor.x)}
          y={round(y - image.anchor.y)}
          width={image.width}
          height={image.height}
        />
      ) : (
        <rect x={x - 8} y={y - 6} width={16} height={12} fill="#80e0ff" stroke="#17202a" />
      )}
      {count > 1 && (
        <g className="map-unit-count">
          <circle cx={badgeX} cy={badgeY} r={r} fill="#14213d" stroke="#ffffff" strokeWidth={1} />
          <text x={badgeX} y={badgeY + 3.5} textAnchor="middle" fill="#ffffff">
            {text}
          </text>
        </g>
      )}
    </g>
  );
}

/** The places and ULNs of an opened cluster, beside its symbol. */
function ClusterList({
  id,
  members,
  nodes,
  at,
  box,
  onClose,
}: {
  id: string;
  members: readonly UlnGroup[];
  nodes: ReadonlyMap<string, PlanNode>;
  at: Point;
  box: { width: number; height: number };
  onClose: () => void;
}) {
  const headingId = useId();
  const ulns = members.reduce((s, g) => s + g.ulns.length, 0);
  const where = members.length === 1 ? placeName(members[0]!, nodes) : `${members.length} places`;
  // Right of the symbol when there is room, else left of it; within the map's box. The list is
  // 18rem wide (styles.css), about 290 pixels.
  const left = at.x + 300 < box.width ? at.x + 20 : Math.max(0, at.x - 310);
  const top = Math.min(Math.max(0, at.y - 16), Math.max(0, box.height - 160));
  return (
    <section
      id={id}
      className="map-cluster-list"
      aria-labelledby={headingId}
      style={{ left: `${(left / box.width) * 100}%`, top: `${(top / box.height) * 100}%` }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <div className="map-cluster-head">
        <h3 id={headingId}>
          {ulns} {ulns === 1 ? 'ULN' : 'ULNs'} at {where}
        </h3>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={onClose}
          aria-label="Close the list"
        >
          ×
        </button>
      </div>
      <ul>
        {members.map((g) => (
          <li key={g.key}>
            {members.length > 1 && <span className="map-cluster-place">{placeName(g, nodes)}</span>}
            <span>
              {g.ulns.length} {g.ulns.length === 1 ? 'ULN' : 'ULNs'}, {g.personnel.toLocaleString('en-GB')}{' '}
              personnel: {groupCapabilities(g)}
            </span>
            <span className="cell-note block">
              {g.ulns
                .slice(0, ULN_IDS_LISTED)
                .map((u) => u.uln)
                .join(', ')}
              {g.ulns.length > ULN_IDS_LISTED && ` and ${g.ulns.length - ULN_IDS_LISTED} more`}
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}

/** The modes and the kinds of node on this map, each drawn as on the map and named. */
function NetworkLegend({
  report,
  closedToday,
  day,
}: {
  report: PlanReport;
  /** Arcs closed on `day`; null when the network has no closure windows at all. */
  closedToday: number | null;
  day: number;
}) {
  const modes = [...new Set(report.arcs.map((a) => a.mode))].sort(
    (a, b) => Object.keys(MODE_COLOURS).indexOf(a) - Object.keys(MODE_COLOURS).indexOf(b),
  );
  const kinds = [...new Set(report.nodes.map((n) => n.kind))];
  return (
    <section className="map-legend" aria-label="Map legend">
      <h3>Legend</h3>
      <ul>
        {modes.map((m) => (
          <li key={m}>
            <svg
              className="map-swatch map-swatch-wide"
              viewBox="0 0 28 16"
              aria-hidden="true"
              focusable="false"
            >
              <line
                x1={1}
                x2={27}
                y1={8}
                y2={8}
                stroke={modeColour(m)}
                strokeWidth={3}
                strokeDasharray={MODE_DASH[m]}
              />
            </svg>
            <span className="map-legend-label">{modeLabel(m)}</span>
          </li>
        ))}
        {kinds.map((k) => (
          <li key={k}>
            <svg className="map-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <NodeGlyph kind={k} x={8} y={8} />
            </svg>
            <span className="map-legend-label">{nodeKindLabel(k)}</span>
          </li>
        ))}
        <li>
          <svg className="map-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <circle cx={8} cy={8} r={7} fill="#14213d" />
            <text x={8} y={11} textAnchor="middle" fill="#fff" fontSize={9}>
              n
            </text>
          </svg>
          <span className="map-legend-label">ULNs at one place, or places close together</span>
        </li>
        {closedToday !== null && (
          <li>
            <svg
              className="map-swatch map-swatch-wide"
              viewBox="0 0 28 16"
              aria-hidden="true"
              focusable="false"
            >
              <line
                x1={1}
                x2={27}
                y1={8}
                y2={8}
                stroke={CLOSED_COLOUR}
                strokeWidth={3}
                strokeDasharray={CLOSED_DASH}
              />
            </svg>
            <span className="map-legend-label">
              Closed on {formatCDay(day)}
              {closedToday === 0 ? <span className="cell-note"> (none that day)</span> : ` (${closedToday})`}
            </span>
          </li>
        )}
      </ul>
    </section>
  );
}
