// The geometry of the Europe maps (the stance map, the deployment and risk maps, and the briefing
// pack's map), kept apart from their rendering so the web page and the server-rendered SVG draw the
// same shapes, and the projection can be tested without a browser. Countries come from Natural Earth (world-atlas, 1:50m), bundled with the
// app and loaded on demand: nothing is fetched from another site. The projection is a Lambert
// conformal conic (as the EU's own maps of Europe use), fitted so that every European NATO and EU
// member, Ukraine, Türkiye and the Nordics from Iceland to the North Cape are in the frame.
import { geoArea, geoConicConformal, geoPath, type GeoProjection } from 'd3-geo';
import type { Feature, FeatureCollection, MultiPoint, MultiPolygon, Polygon } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';
import type { Stance } from '../scenario-schema.ts';
import { ATLAS_NAME_TO_ALPHA3, alpha3OfNumeric, countryNameOfAlpha3 } from '../iso-3166-numeric.ts';

export const MAP_WIDTH = 800;
const PADDING = 8;

/**
 * Points the map must show, at the edges of the area of interest: Iceland's west coast, Ireland,
 * Portugal and Gibraltar, Malta, Crete, Cyprus, Türkiye's eastern border, eastern Ukraine and the
 * North Cape. The projection is fitted to these rather than to whole countries, whose overseas
 * parts (French Guiana, the Canaries, Svalbard) would otherwise shrink Europe to a corner.
 */
export const EUROPE_FRAME: MultiPoint = {
  type: 'MultiPoint',
  coordinates: [
    [-24.6, 65.5],
    [-16.0, 66.6],
    [-10.7, 52.0],
    [-9.6, 37.0],
    [-5.6, 35.9],
    [14.5, 35.7],
    [24.8, 34.8],
    [34.6, 34.6],
    [44.9, 37.1],
    [44.9, 41.5],
    [40.3, 49.6],
    [33.5, 52.5],
    [31.3, 70.4],
    [25.8, 71.3],
  ],
};

export interface CountryProperties {
  name?: string;
}

export type CountryFeature = Feature<Polygon | MultiPolygon, CountryProperties>;

export interface MapProjection {
  projection: GeoProjection;
  width: number;
  height: number;
}

/** The conic projection fitted to the frame at `width`; the height follows from Europe's shape. */
export function europeProjection(width = MAP_WIDTH): MapProjection {
  const projection = geoConicConformal()
    .rotate([-10, 0])
    .parallels([35, 65])
    .fitWidth(width - 2 * PADDING, EUROPE_FRAME);
  const [[x0, y0], [x1, y1]] = geoPath(projection).bounds(EUROPE_FRAME);
  const height = Math.ceil(y1 - y0 + 2 * PADDING);
  // Centre the frame in the box, with the padding all round.
  const [tx, ty] = projection.translate();
  projection.translate([tx - x0 + PADDING + (width - 2 * PADDING - (x1 - x0)) / 2, ty - y0 + PADDING]);
  return { projection, width, height };
}

export interface MapCountry {
  /** Unique within the map: the alpha-3 code, or the atlas's own id or name for the few without one. */
  key: string;
  /** ISO 3166-1 alpha-3, when the country has one the app knows. */
  alpha3: string | undefined;
  /** English name: the short name of the ISO table, else Natural Earth's. */
  name: string;
  /** SVG path data in the map's coordinates, clipped to the frame. */
  d: string;
}

export interface EuropeMapModel {
  width: number;
  height: number;
  countries: MapCountry[];
  /** Alpha-3 codes of countries whose main territory lies in the frame. */
  onMap: ReadonlySet<string>;
}

/** The countries of a world-atlas topology (`objects.countries`) as GeoJSON features. */
export function countryFeatures(topology: Topology): CountryFeature[] {
  const object = topology.objects.countries as GeometryCollection<CountryProperties> | undefined;
  if (!object) throw new Error('the topology has no "countries" object');
  const collection = feature(topology, object) as FeatureCollection<
    Polygon | MultiPolygon,
    CountryProperties
  >;
  return collection.features.filter((f) => f.geometry !== null);
}

/** The alpha-3 code of an atlas feature: by its numeric id, else (Kosovo) by its name. */
export function alpha3OfFeature(f: Pick<CountryFeature, 'id' | 'properties'>): string | undefined {
  return alpha3OfNumeric(f.id) ?? ATLAS_NAME_TO_ALPHA3[f.properties?.name ?? ''];
}

/** The largest polygon of a country: its main territory, without islands or overseas parts. */
export function mainPolygon(f: CountryFeature): Polygon {
  if (f.geometry.type === 'Polygon') return f.geometry;
  let best: Polygon | undefined;
  let bestArea = -1;
  for (const coordinates of f.geometry.coordinates) {
    const polygon: Polygon = { type: 'Polygon', coordinates };
    const area = geoArea(polygon);
    if (area > bestArea) {
      best = polygon;
      bestArea = area;
    }
  }
  if (!best) throw new Error(`country ${String(f.id)} has no polygon`);
  return best;
}

/**
 * Everything the map component draws, computed once per topology. Countries are clipped to the
 * frame, or to `margin` pixels beyond it on every side: a map that zooms and pans (the deployment
 * map) shows land past the frame's edge rather than ending in a straight line of sea.
 */
export function europeMapModel(topology: Topology, width = MAP_WIDTH, margin = 0): EuropeMapModel {
  const { projection, width: w, height } = europeProjection(width);
  const inside = (x: number, y: number) => x >= 0 && x <= w && y >= 0 && y <= height;
  // Whether a country is on the map is judged within the frame, whatever the margin drawn.
  const framed = geoPath(
    europeProjection(width).projection.clipExtent([
      [0, 0],
      [w, height],
    ]),
  );
  const clipped = geoPath(
    projection.clipExtent([
      [-margin, -margin],
      [w + margin, height + margin],
    ]),
  );
  const countries: MapCountry[] = [];
  const onMap = new Set<string>();
  const seen = new Set<string>();
  for (const f of countryFeatures(topology)) {
    const alpha3 = alpha3OfFeature(f);
    const atlasName = f.properties?.name ?? 'Unnamed territory';
    // Only countries of the ISO table (which covers everything in the frame) are projected at all:
    // clipping the rest of the world away would cost more than drawing Europe.
    if (!alpha3 && !(atlasName in ATLAS_NAMES)) continue;
    const d = clipped(f);
    if (!d) continue;
    let key = alpha3 ?? `atlas-${String(f.id ?? atlasName)}`;
    while (seen.has(key)) key = `${key}-`;
    seen.add(key);
    countries.push({
      key,
      alpha3,
      name: (alpha3 && countryNameOfAlpha3(alpha3)) ?? expandAtlasName(atlasName),
      // Three decimals are far below a pixel and keep the markup small.
      d: roundPath(d),
    });
    if (alpha3) {
      const [x, y] = framed.centroid(mainPolygon(f));
      if (inside(x, y)) onMap.add(alpha3);
    }
  }
  projection.clipExtent(null);
  return { width: w, height, countries, onMap };
}

/** Natural Earth abbreviates a few names on its maps; the map's titles spell them out. */
function expandAtlasName(name: string): string {
  return ATLAS_NAMES[name] ?? name;
}

const ATLAS_NAMES: Readonly<Record<string, string>> = {
  'N. Cyprus': 'Northern Cyprus',
  'Bosnia and Herz.': 'Bosnia and Herzegovina',
};

function roundPath(d: string): string {
  return d.replace(/\d+\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10));
}

// ---- Colours by stance: the same on the web page and in a briefing pack's SVG ----

/**
 * Fill colours of the map, by stance. Darker and more saturated for firmer commitment; the same hues
 * as the stance badges and the stance bar (web styles.css). Colour never stands alone: each country's
 * title and the legend give the stance by name.
 */
export const STANCE_FILLS: Readonly<Record<Stance, string>> = {
  lead: '#1d3f8f',
  committed: '#2e8b4e',
  supportive: '#2a9aa6',
  cautious: '#d9a521',
  considering: '#7b5cc9',
  declined: '#c63d3d',
  absent: '#8a939e',
};
/** A nation of the scenario without a stance entry. */
export const NO_STANCE_FILL = '#ffffff';
/** A country that is not a nation of the scenario. */
export const OUTSIDE_FILL = '#dfe4ea';

export type MapCategory = Stance | 'none' | 'outside';

export function categoryFill(category: MapCategory): string {
  if (category === 'none') return NO_STANCE_FILL;
  if (category === 'outside') return OUTSIDE_FILL;
  return STANCE_FILLS[category];
}
