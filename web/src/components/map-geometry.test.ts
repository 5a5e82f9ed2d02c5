// The Europe map's projection and geometry, computed from the bundled Natural Earth data: every
// European NATO member (and the EU, Ukraine, Türkiye, the Nordics) fits inside the map's box, nations
// beyond Europe do not, and every country drawn has a code and a name.
import { geoPath } from 'd3-geo';
import type { Topology } from 'topojson-specification';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  alpha3OfFeature,
  countryFeatures,
  europeMapModel,
  europeProjection,
  loadWorldTopology,
  mainPolygon,
  MAP_WIDTH,
  type EuropeMapModel,
} from './map-geometry.ts';

const EUROPEAN_NATO = [
  'ALB',
  'BEL',
  'BGR',
  'HRV',
  'CZE',
  'DNK',
  'EST',
  'FIN',
  'FRA',
  'DEU',
  'GRC',
  'HUN',
  'ISL',
  'ITA',
  'LVA',
  'LTU',
  'LUX',
  'MNE',
  'NLD',
  'MKD',
  'NOR',
  'POL',
  'PRT',
  'ROU',
  'SVK',
  'SVN',
  'ESP',
  'SWE',
  'TUR',
  'GBR',
];
const ALSO_IN_FRAME = ['UKR', 'MDA', 'IRL', 'AUT', 'CHE', 'CYP', 'MLT', 'SRB', 'BIH', 'XKX', 'BLR'];

let topology: Topology;
let model: EuropeMapModel;

beforeAll(async () => {
  topology = await loadWorldTopology();
  model = europeMapModel(topology);
});

describe('europeProjection', () => {
  it('fits the main territory of every European NATO member inside the view box', () => {
    const { projection, width, height } = europeProjection();
    expect(width).toBe(MAP_WIDTH);
    // Europe from Iceland to Türkiye is a little wider than tall.
    expect(height).toBeGreaterThan(500);
    expect(height).toBeLessThan(width);
    const path = geoPath(projection);
    const features = new Map(countryFeatures(topology).map((f) => [alpha3OfFeature(f), f]));
    for (const code of [...EUROPEAN_NATO, ...ALSO_IN_FRAME]) {
      const f = features.get(code);
      expect(f, code).toBeDefined();
      const [[x0, y0], [x1, y1]] = path.bounds(mainPolygon(f!));
      expect(x0, `${code} west edge`).toBeGreaterThanOrEqual(0);
      expect(y0, `${code} north edge`).toBeGreaterThanOrEqual(0);
      expect(x1, `${code} east edge`).toBeLessThanOrEqual(width);
      expect(y1, `${code} south edge`).toBeLessThanOrEqual(height);
    }
  });

  it('uses the whole box: Europe is not shrunk into a corner', () => {
    const { projection, width, height } = europeProjection();
    const path = geoPath(projection);
    const f = countryFeatures(topology).find((c) => alpha3OfFeature(c) === 'ISL')!;
    const [[x0]] = path.bounds(mainPolygon(f));
    expect(x0).toBeLessThan(width * 0.05);
    const tur = countryFeatures(topology).find((c) => alpha3OfFeature(c) === 'TUR')!;
    const [, [x1, y1]] = path.bounds(mainPolygon(tur));
    expect(x1).toBeGreaterThan(width * 0.95);
    expect(y1).toBeGreaterThan(height * 0.85);
  });
});

describe('europeMapModel', () => {
  it('puts European nations on the map and those beyond Europe off it', () => {
    for (const code of [...EUROPEAN_NATO, ...ALSO_IN_FRAME]) expect(model.onMap.has(code), code).toBe(true);
    for (const code of ['USA', 'CAN', 'AUS', 'NZL', 'JPN', 'KOR'])
      expect(model.onMap.has(code), code).toBe(false);
  });

  it('draws each country once, with a code (but Northern Cyprus) and a name, clipped to the box', () => {
    const keys = model.countries.map((c) => c.key);
    expect(new Set(keys).size).toBe(keys.length);
    for (const c of model.countries) {
      expect(c.d).toMatch(/^M/);
      expect(c.name.length).toBeGreaterThan(1);
      if (c.name !== 'Northern Cyprus') expect(c.alpha3, c.name).toMatch(/^[A-Z]{3}$/);
      for (const n of c.d.match(/-?\d+(\.\d+)?/g) ?? []) {
        expect(Number(n)).toBeGreaterThanOrEqual(-0.5);
        expect(Number(n)).toBeLessThanOrEqual(MAP_WIDTH + 0.5);
      }
    }
    const names = new Map(model.countries.map((c) => [c.alpha3, c.name]));
    expect(names.get('TUR')).toBe('Türkiye');
    expect(names.get('FRA')).toBe('France');
    expect(names.get('XKX')).toBe('Kosovo');
    // Nothing across the Atlantic is drawn at all.
    expect(names.has('USA')).toBe(false);
    expect(names.has('CAN')).toBe(false);
  });

  it('draws land beyond the frame when asked to, for a map that pans', () => {
    const wide = europeMapModel(topology, MAP_WIDTH, 300);
    const coords = (m: EuropeMapModel) =>
      m.countries.flatMap((c) => (c.d.match(/-?\d+(\.\d+)?/g) ?? []).map(Number));
    expect(Math.max(...coords(wide))).toBeGreaterThan(MAP_WIDTH + 200);
    expect(Math.min(...coords(wide))).toBeLessThan(-200);
    expect(Math.max(...coords(wide))).toBeLessThanOrEqual(MAP_WIDTH + 300.5);
    // The same countries count as on the map: the frame has not moved.
    expect([...wide.onMap].sort()).toEqual([...model.onMap].sort());
    expect(wide.height).toBe(model.height);
  });

  it('leaves no country of the frame without a code the app knows', () => {
    const { projection, width, height } = europeProjection();
    const clipped = geoPath(
      projection.clipExtent([
        [0, 0],
        [width, height],
      ]),
    );
    const unknown = countryFeatures(topology)
      .filter((f) => clipped(f))
      .filter((f) => !alpha3OfFeature(f))
      .map((f) => f.properties?.name);
    expect(unknown).toEqual(['N. Cyprus']);
  });
});
