// The deployment on the map of Europe on one day: the transport network (nodes by kind, arcs as lines
// styled by mode, thicker the more of their capacity that day's movements use) and the ULNs where
// the plan has them, drawn as APP-6 unit symbols (milsymbol). ULNs at one node, or moving along one
// arc, are one symbol with a count, so a force list of thousands stays readable. Countries come from
// the bundled Natural Earth data (map-geometry.ts) and symbols are drawn in the browser: nothing is
// fetched from another site. Both, like milsymbol itself, load on demand with the first map.
import { useEffect, useId, useMemo, useState } from 'react';
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
  type Point,
  type Projector,
  type UlnGroup,
} from './deployment-model.ts';
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
}

export function NetworkMap({ model, project, report, day, groups, app6, symbols }: NetworkMapProps) {
  const captionId = useId();
  const nodes = useMemo(() => nodesById(report), [report]);
  const { points, offMap } = useMemo(
    () => projectNodes(report.nodes, project, model.width, model.height),
    [report, project, model],
  );
  // Arcs least used first, so the busiest are drawn on top.
  const arcs = useMemo(
    () =>
      report.arcs
        .map((a) => ({ arc: a, u: a.utilisation[day] ?? 0 }))
        .sort((x, y) => x.u - y.u || (x.arc.id < y.arc.id ? -1 : 1)),
    [report, day],
  );
  return (
    <div className="stance-map-layout network-map-layout">
      <figure className="stance-map network-map">
        <svg
          className="stance-map-svg"
          viewBox={`0 0 ${model.width} ${model.height}`}
          role="group"
          aria-labelledby={captionId}
        >
          <rect x={0} y={0} width={model.width} height={model.height} fill={SEA_FILL} />
          <g aria-hidden="true">
            {model.countries.map((c) => (
              <path key={c.key} d={c.d} fill={OUTSIDE_FILL} stroke="#ffffff" strokeWidth={0.6} />
            ))}
          </g>
          <g className="map-arcs">
            {arcs.map(({ arc, u }) => {
              const a = points.get(arc.from);
              const b = points.get(arc.to);
              if (!a || !b) return null;
              return (
                <path
                  key={arc.id}
                  d={arcPath(a, b, arc.mode)}
                  className="map-arc"
                  data-mode={arc.mode}
                  fill="none"
                  stroke={modeColour(arc.mode)}
                  strokeOpacity={u > 0 ? 0.9 : 0.45}
                  strokeWidth={arcStrokeWidth(u)}
                  strokeDasharray={MODE_DASH[arc.mode]}
                  strokeLinecap="round"
                >
                  <title>{`${arcName(nodes, arc)}: ${Math.round(u * 100)}% of capacity on ${formatCDay(day)}`}</title>
                </path>
              );
            })}
          </g>
          <g className="map-nodes">
            {report.nodes.map((n) => {
              const p = points.get(n.id);
              if (!p) return null;
              return (
                <g key={n.id} className="map-node" data-kind={n.kind}>
                  <title>{`${n.name} (${n.nation}): ${nodeKindLabel(n.kind)}`}</title>
                  <NodeGlyph kind={n.kind} x={p.x} y={p.y} />
                </g>
              );
            })}
          </g>
          <g className="map-units">
            {groups.map((g) => {
              const p = placePoint(g.place, points);
              if (!p) return null;
              return (
                <UnitSymbol
                  key={g.key}
                  at={p}
                  count={g.ulns.length}
                  label={describeGroup(g, nodes)}
                  image={symbols ? symbols(groupSidc(g, app6)) : null}
                />
              );
            })}
          </g>
        </svg>
        <figcaption id={captionId} className="map-caption">
          The transport network and the ULNs on {formatCDay(day)}: each symbol is every ULN at one place, with
          their number; lines are thicker the more of their capacity is used that day. The table below gives
          the same in text.
        </figcaption>
      </figure>
      <div className="map-side">
        <NetworkLegend report={report} />
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

function UnitSymbol({
  at,
  count,
  label,
  image,
}: {
  at: Point;
  count: number;
  label: string;
  image: SymbolImage | null;
}) {
  const badgeX = image ? at.x + image.width - image.anchor.x - 2 : at.x + 8;
  const badgeY = image ? at.y - image.anchor.y + 2 : at.y - 8;
  const text = count > 999 ? `${Math.floor(count / 1000)}k` : String(count);
  const r = text.length > 2 ? 9 : 7.5;
  return (
    <g className="map-unit" role="img" aria-label={label}>
      <title>{label}</title>
      {image ? (
        <image
          href={image.href}
          x={at.x - image.anchor.x}
          y={at.y - image.anchor.y}
          width={image.width}
          height={image.height}
        />
      ) : (
        <rect x={at.x - 8} y={at.y - 6} width={16} height={12} fill="#80e0ff" stroke="#17202a" />
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

/** The modes and the kinds of node on this map, each drawn as on the map and named. */
function NetworkLegend({ report }: { report: PlanReport }) {
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
          <span className="map-legend-label">ULNs at one place</span>
        </li>
      </ul>
    </section>
  );
}
