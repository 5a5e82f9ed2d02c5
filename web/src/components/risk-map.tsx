// The line of contact on the map of Europe, zoomed to it and the force: the line drawn prominently,
// each distance band drawn as a buffer around it, the units where the plan puts them (one marker per
// place and band, coloured by band, sized by personnel) and the threatened sector ringed. A buffer is
// the line stroked as wide as the band is deep, in the map's conformal projection: true to within a
// few per cent over a theatre, and said to be approximate. The map is one image with a summary for a
// screen reader; the exposure tables under it give the same in full.
import { useId, useMemo } from 'react';
import type { RiskResult } from '../../../src/contract/analyses/risk.ts';
import { countOf, formatDate, formatNumber } from '../format.ts';
import type { Point, Projector } from './deployment-model.ts';
import {
  fitView,
  placeLabels,
  toScreen,
  type Box,
  type LabelInput,
  type LabelMetrics,
  type PlacedLabel,
  type ViewTransform,
} from './map-clusters.ts';
import { OUTSIDE_FILL, type MapModelState } from './map-europe.tsx';
import type { EuropeMapModel } from './map-geometry.ts';
import {
  REAR_COLOUR,
  bandColour,
  bandName,
  bandRange,
  formatKm,
  type Band,
  type Position,
  type RiskLine,
} from './risk-model.ts';

/** The map's box, in the units of its view box (it scales to the page's width). */
export const RISK_MAP_BOX = { width: 800, height: 520 };
const SEA_FILL = '#f3f7fb';
const LINE_COLOUR = '#17202a';
const SECTOR_COLOUR = '#0b5cad';
/** The bands' buffers are drawn this opaque, so the land shows through. */
const BAND_OPACITY = 0.42;
/** Kilometres in a degree of latitude. */
const KM_PER_DEGREE = 111.195;

/** A sector's place on the map: its destination node. */
export interface SectorPlace {
  sector: string;
  node: string;
  lon: number;
  lat: number;
}

/** The ULNs standing at one place in one band, drawn as one marker. */
export interface PlaceGroup {
  key: string;
  lon: number;
  lat: number;
  band: number;
  ulns: number;
  personnel: number;
  /** The destination's name (full view only). */
  label: string | undefined;
}

/** Positions gathered by place and band, the most personnel first. */
export function groupPositions(positions: readonly Position[]): PlaceGroup[] {
  const groups = new Map<string, PlaceGroup>();
  for (const p of positions) {
    const key = `${p.lon},${p.lat},${p.band}`;
    const g = groups.get(key);
    const label = 'label' in p ? p.label : undefined;
    if (g) {
      g.ulns += 1;
      g.personnel += p.personnel;
    } else {
      groups.set(key, { key, lon: p.lon, lat: p.lat, band: p.band, ulns: 1, personnel: p.personnel, label });
    }
  }
  // The largest first, so the smaller markers are drawn over them and stay visible.
  return [...groups.values()].sort((a, b) => b.personnel - a.personnel || (a.key < b.key ? -1 : 1));
}

/** A marker's radius: by the square root of its personnel, so its area reads as its size. */
export function markerRadius(personnel: number): number {
  return Math.min(14, 3 + Math.sqrt(personnel) / 12);
}

/** The polylines of the line's geometry, [lon, lat] positions. */
export function polylinesOf(geometry: RiskLine['geometry']): number[][][] {
  return geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
}

/** SVG path data of polylines in screen space; a vertex the projection cannot place breaks the path. */
export function linePath(
  lines: readonly number[][][],
  at: (lon: number, lat: number) => Point | null,
): string {
  const parts: string[] = [];
  for (const line of lines) {
    let pen = 'M';
    for (const [lon, lat] of line) {
      const p = lon === undefined || lat === undefined ? null : at(lon, lat);
      if (!p) {
        pen = 'M';
        continue;
      }
      parts.push(`${pen}${round(p.x)},${round(p.y)}`);
      pen = 'L';
    }
  }
  return parts.join('');
}

/** The map's pixels per kilometre near (lon, lat), before zooming: one degree of latitude measured. */
export function pixelsPerKm(project: Projector, lon: number, lat: number): number {
  const a = project(lon, lat - 0.5);
  const b = project(lon, lat + 0.5);
  if (!a || !b) return 0;
  return Math.hypot(a[0] - b[0], a[1] - b[1]) / KM_PER_DEGREE;
}

export interface RiskMapProps {
  result: Pick<RiskResult, 'line' | 'exposure' | 'bands'>;
  model: EuropeMapModel;
  project: Projector;
  /** The threatened sector (who can respond), if any. */
  sector: string | null;
  sectorPlaces: ReadonlyMap<string, SectorPlace>;
}

/** What the map shows, in one sentence: the image's name for a screen reader. */
export function riskMapSummary(
  result: Pick<RiskResult, 'line' | 'exposure' | 'bands'>,
  groups: readonly PlaceGroup[],
  sector: string | null,
): string {
  const { line, exposure, bands } = result;
  const parts = [
    line
      ? `Map of the line of contact as of ${formatDate(line.date)} (${formatKm(line.lengthKm)})`
      : 'Map without a line of contact',
  ];
  const banded = bands.filter((b) => b.toKm !== null);
  const last = banded[banded.length - 1];
  if (line && last)
    parts.push(`with ${countOf(banded.length, 'distance band')} out to ${formatKm(last.toKm!)}`);
  if (exposure) {
    const ulns = groups.reduce((s, g) => s + g.ulns, 0);
    parts.push(
      `${countOf(ulns, 'ULN')} at ${countOf(groups.length, 'place')}, coloured by band` +
        (exposure.view === 'public' ? ' (grid cells)' : ''),
    );
  }
  if (sector) parts.push(`threatened sector ${sector} ringed`);
  return `${parts.join('; ')}.`;
}

/** Sectors sharing a place (a destination node) are named together. */
export function sectorLabels(
  sectorPlaces: ReadonlyMap<string, SectorPlace>,
  threatened: string | null,
): { key: string; lon: number; lat: number; text: string; threatened: boolean }[] {
  const byPlace = new Map<string, { lon: number; lat: number; sectors: string[] }>();
  for (const p of sectorPlaces.values()) {
    const key = `${p.lon},${p.lat}`;
    const place = byPlace.get(key) ?? { lon: p.lon, lat: p.lat, sectors: [] };
    place.sectors.push(p.sector);
    byPlace.set(key, place);
  }
  return [...byPlace].map(([key, p]) => {
    const isThreatened = threatened !== null && p.sectors.includes(threatened);
    const others = p.sectors.filter((s) => s !== threatened);
    return {
      key,
      lon: p.lon,
      lat: p.lat,
      text: isThreatened ? [`${threatened} (threatened)`, ...others].join(' · ') : others.join(' · '),
      threatened: isThreatened,
    };
  });
}

export function RiskMap({ result, model, project, sector, sectorPlaces }: RiskMapProps) {
  const { line, exposure, bands } = result;
  const groups = useMemo(() => groupPositions(exposure?.positions ?? []), [exposure]);
  const lines = useMemo(() => (line ? polylinesOf(line.geometry) : []), [line]);
  const threatened = sector ? sectorPlaces.get(sector) : undefined;
  const labels = useMemo(() => sectorLabels(sectorPlaces, sector), [sectorPlaces, sector]);
  const middle = lines[0]?.[Math.floor((lines[0]?.length ?? 0) / 2)];
  /** The map's pixels per km near the line, before zooming (0 without a line). */
  const modelPerKm = useMemo(
    () => (middle ? pixelsPerKm(project, middle[0]!, middle[1]!) : 0),
    [project, middle],
  );
  const outerKm = Math.max(0, ...bands.map((b) => b.toKm ?? 0));

  const view: ViewTransform = useMemo(() => {
    const points: Point[] = [];
    const add = (lon: number, lat: number, r = 0) => {
      const p = project(lon, lat);
      if (!p) return;
      points.push({ x: p[0] - r, y: p[1] - r }, { x: p[0] + r, y: p[1] + r });
    };
    // The line with its outermost band all round, the units and the sectors' places.
    const reach = outerKm * modelPerKm;
    for (const l of lines)
      for (const [lon, lat] of l) if (lon !== undefined && lat !== undefined) add(lon, lat, reach);
    for (const g of groups) add(g.lon, g.lat);
    for (const p of labels) add(p.lon, p.lat);
    return fitView(points, RISK_MAP_BOX.width, RISK_MAP_BOX.height, {
      padding: 16,
      fallback: { x0: 0, y0: 0, x1: model.width, y1: model.height },
    });
  }, [lines, groups, labels, project, model, outerKm, modelPerKm]);

  const at = (lon: number, lat: number): Point | null => {
    const p = project(lon, lat);
    return p ? toScreen(view, { x: p[0], y: p[1] }) : null;
  };
  const d = linePath(lines, at);
  const perKm = modelPerKm * view.k;
  const buffers = bands
    .map((b, i) => ({ band: b, colour: bandColour(bands, i) }))
    .filter((b) => b.band.toKm !== null)
    .reverse();
  const sectorAt = threatened ? at(threatened.lon, threatened.lat) : null;

  return (
    <svg
      className="risk-map-svg"
      viewBox={`0 0 ${RISK_MAP_BOX.width} ${RISK_MAP_BOX.height}`}
      role="img"
      aria-label={riskMapSummary(result, groups, sector)}
    >
      <rect x={0} y={0} width={RISK_MAP_BOX.width} height={RISK_MAP_BOX.height} fill={SEA_FILL} />
      <g transform={`translate(${round(view.x)} ${round(view.y)}) scale(${round(view.k, 1000)})`}>
        {model.countries.map((c) => (
          <path key={c.key} d={c.d} fill={OUTSIDE_FILL} className="risk-map-country" />
        ))}
      </g>
      {d && perKm > 0 && (
        // Opaque strokes, the outermost first, in one translucent group: each band shows its own
        // colour (the legend's), the land beneath showing through.
        <g className="risk-map-bands" opacity={BAND_OPACITY}>
          {buffers.map(({ band, colour }) => (
            <path
              key={band.name}
              d={d}
              fill="none"
              stroke={colour}
              strokeWidth={round(2 * band.toKm! * perKm)}
              strokeLinecap="round"
              strokeLinejoin="round"
              data-band={band.name}
            />
          ))}
        </g>
      )}
      {d && (
        <g className="risk-map-line">
          <path d={d} fill="none" stroke="#ffffff" strokeWidth={6} strokeLinejoin="round" />
          <path d={d} fill="none" stroke={LINE_COLOUR} strokeWidth={3} strokeLinejoin="round" />
        </g>
      )}
      <UnitMarkers groups={groups} bands={bands} at={at} />
      {sectorAt && <SectorRing at={sectorAt} />}
      <g className="risk-map-places">
        {placedLabels(labels, at, sectorAt).map((l) => (
          <text
            key={l.id}
            x={round(l.x)}
            y={round(l.y)}
            textAnchor={l.anchor}
            className={
              l.id === THREATENED_LABEL ? 'risk-map-label risk-map-label-threatened' : 'risk-map-label'
            }
          >
            {l.text}
          </text>
        ))}
      </g>
    </svg>
  );
}

/** One marker per place and band: coloured by band, sized by personnel, titled in words. */
function UnitMarkers({
  groups,
  bands,
  at,
}: {
  groups: readonly PlaceGroup[];
  bands: readonly Band[];
  at: (lon: number, lat: number) => Point | null;
}) {
  return (
    <g className="risk-map-units">
      {groups.map((g) => {
        const p = at(g.lon, g.lat);
        if (!p) return null;
        return (
          <circle
            key={g.key}
            cx={round(p.x)}
            cy={round(p.y)}
            r={round(markerRadius(g.personnel))}
            fill={bandColour(bands, g.band)}
            stroke={LINE_COLOUR}
            strokeWidth={1}
            data-band={bandName(bands, g.band)}
          >
            <title>{placeTitle(g, bands)}</title>
          </circle>
        );
      })}
    </g>
  );
}

/** The threatened sector's ring: dashed, on a white casing so it reads over any band. */
function SectorRing({ at }: { at: Point }) {
  const ring = { cx: round(at.x), cy: round(at.y), r: 18, fill: 'none' };
  return (
    <g className="risk-map-sector">
      <circle {...ring} stroke="#ffffff" strokeWidth={6} />
      <circle {...ring} stroke={SECTOR_COLOUR} strokeWidth={3} strokeDasharray="5 3" />
    </g>
  );
}

const THREATENED_LABEL = 'threatened';
/** 12-pixel semibold labels (styles.css `.risk-map-label`). */
const PLACE_LABEL_METRICS: LabelMetrics = { charWidth: 7.2, lineHeight: 14, gap: 12 };

/**
 * Where the sectors' names go: the threatened one right of its ring, always; the others where they
 * overlap neither it nor each other (placeLabels), left out when there is no room.
 */
function placedLabels(
  labels: ReturnType<typeof sectorLabels>,
  at: (lon: number, lat: number) => Point | null,
  sectorAt: Point | null,
): PlacedLabel[] {
  const out: PlacedLabel[] = [];
  const obstacles: Box[] = [];
  const inputs: LabelInput[] = [];
  for (const l of labels) {
    const p = at(l.lon, l.lat);
    if (!p) continue;
    if (l.threatened && sectorAt) {
      const width = l.text.length * 7.8;
      const box = { x0: p.x + 22, y0: p.y - 9, x1: p.x + 22 + width, y1: p.y + 7 };
      out.push({ id: THREATENED_LABEL, text: l.text, x: p.x + 22, y: p.y + 4, anchor: 'start', box });
      obstacles.push(box, { x0: p.x - 21, y0: p.y - 21, x1: p.x + 21, y1: p.y + 21 });
    } else {
      inputs.push({ id: l.key, at: p, text: l.text, rank: 0 });
    }
  }
  return [
    ...out,
    ...placeLabels(inputs, RISK_MAP_BOX.width, RISK_MAP_BOX.height, obstacles, PLACE_LABEL_METRICS),
  ];
}

/** "Kyiv (sector): 64 ULNs, 21,000 personnel; Rear (beyond 150 km)". */
export function placeTitle(g: PlaceGroup, bands: readonly Band[]): string {
  const where = g.label ?? `Grid cell at ${g.lat.toFixed(2)}° N, ${g.lon.toFixed(2)}° E`;
  const band = bands[g.band];
  return `${where}: ${countOf(g.ulns, 'ULN')}, ${formatNumber(g.personnel)} personnel; ${bandName(bands, g.band)}${
    band ? ` (${bandRange(band).toLowerCase()})` : ''
  }`;
}

/**
 * A band's colour as the map draws it: the buffer (translucent over land) with a unit marker in it;
 * the rear has no buffer, only markers.
 */
export function BandSwatch({ colour, rear = false }: { colour: string; rear?: boolean }) {
  return (
    <svg className="map-swatch risk-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
      <rect x={0.5} y={0.5} width={15} height={15} rx={2} fill={OUTSIDE_FILL} />
      {!rear && <rect x={0.5} y={0.5} width={15} height={15} rx={2} fill={colour} opacity={BAND_OPACITY} />}
      <circle cx={8} cy={8} r={4} fill={colour} stroke={LINE_COLOUR} strokeWidth={1} />
    </svg>
  );
}

/** The map's legend: the line, every band with its colour and distances, the sector ring, markers. */
export function RiskMapLegend({ bands, sector }: { bands: readonly Band[]; sector: string | null }) {
  return (
    <section className="map-legend" aria-label="Map legend">
      <h3>Legend</h3>
      <ul>
        <li>
          <svg
            className="map-swatch map-swatch-wide"
            viewBox="0 0 28 16"
            aria-hidden="true"
            focusable="false"
          >
            <path d="M2,8 L26,8" stroke={LINE_COLOUR} strokeWidth={3} />
          </svg>
          <span>Line of contact</span>
        </li>
        {bands.map((b, i) => (
          <li key={b.name}>
            <BandSwatch colour={bandColour(bands, i)} rear={b.toKm === null} />
            <span>
              {b.name} <span className="cell-note">({bandRange(b).toLowerCase()})</span>
            </span>
          </li>
        ))}
        {sector && (
          <li>
            <svg className="map-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
              <circle
                cx={8}
                cy={8}
                r={6}
                fill="none"
                stroke={SECTOR_COLOUR}
                strokeWidth={2}
                strokeDasharray="3 2"
              />
            </svg>
            <span>Threatened sector ({sector})</span>
          </li>
        )}
        <li>
          <svg className="map-swatch" viewBox="0 0 16 16" aria-hidden="true" focusable="false">
            <circle cx={8} cy={8} r={5} fill={REAR_COLOUR} stroke={LINE_COLOUR} />
          </svg>
          <span>Units at a place, coloured by their band, larger for more personnel</span>
        </li>
      </ul>
    </section>
  );
}

export interface RiskMapPanelProps {
  result: RiskResult;
  map: MapModelState;
  project: Projector | null;
  sector: string | null;
  sectorPlaces: ReadonlyMap<string, SectorPlace>;
  /** Whether the sectors' places are still loading (the map is drawn without the ring meanwhile). */
  sectorsLoading?: boolean;
}

export function RiskMapPanel({
  result,
  map,
  project,
  sector,
  sectorPlaces,
  sectorsLoading,
}: RiskMapPanelProps) {
  const id = useId();
  const { line, exposure } = result;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Line of contact and exposure</h2>
      {line ? (
        <p className="panel-note">
          The line as of {formatDate(line.date)}: {formatKm(line.lengthKm)} in {countOf(line.lines, 'line')}{' '}
          of {formatNumber(line.vertices)} points.{' '}
          {line.provenance.source ? (
            <>Source: {line.provenance.source.publication}.</>
          ) : line.provenance.assumption ? (
            <>Assumption: {line.provenance.assumption}</>
          ) : null}
        </p>
      ) : (
        <p className="notice">The scenario has no line of contact, so no distances or bands are drawn.</p>
      )}
      {exposure?.view === 'public' && (
        <p className="notice" role="note">
          Places are shown as the centres of grid cells {exposure.gridDegrees}° wide, and distances only as
          bands: the public view does not give where units stand.
        </p>
      )}
      <div className="stance-map-layout">
        <figure className="stance-map risk-map">
          {map.status === 'error' ? (
            <p className="notice">
              The map could not be drawn ({map.message}); the tables below give the same.
            </p>
          ) : map.status === 'loading' || !project ? (
            <p className="status-message status-loading" role="status">
              <span className="spinner" aria-hidden="true" />
              Loading the map…
            </p>
          ) : (
            <RiskMap
              result={result}
              model={map.model}
              project={project}
              sector={sector}
              sectorPlaces={sectorPlaces}
            />
          )}
          <figcaption className="map-caption">
            Bands are drawn as buffers around the line, approximately (in the map’s projection). Units stand
            at their destinations from the day they arrive; the tables below give every figure.
            {sector && !sectorsLoading && !sectorPlaces.has(sector) && (
              <> The threatened sector ({sector}) has no place the map knows.</>
            )}
          </figcaption>
        </figure>
        <div className="map-side">
          <RiskMapLegend bands={result.bands} sector={sector} />
        </div>
      </div>
    </section>
  );
}

/** Tenths of a pixel are plenty, and keep the markup short (a scale wants thousandths). */
function round(n: number, per = 10): number {
  return Math.round(n * per) / per;
}
