// A line (the line of contact) out of the GeoJSON a user's GIS tool writes: a bare LineString or
// MultiLineString, a Feature holding one, or a FeatureCollection. From a collection every line
// feature is taken, in order, and features of other geometries (points for towns, polygons for
// areas) are passed over: a front drawn in several pieces becomes one MultiLineString, and one
// drawn as a single feature stays as it was drawn. Positions keep longitude and latitude only (an
// altitude means nothing for a line on the ground). Problems are reported at their place in the
// file (`features[2].geometry.coordinates[3]`), so the user can find them in it.
import { formatPath, type FieldIssue } from '../errors.ts';
import { zodIssues } from '../scenario-document.ts';
import { GEOMETRY_VERTICES_MAX, lineGeometrySchema, type LineGeometry } from '../theatre.ts';

const LINE_TYPES: readonly string[] = ['LineString', 'MultiLineString'];
const ACCEPTED = 'a GeoJSON Feature, FeatureCollection, LineString or MultiLineString';

export type GeoJsonLineResult =
  { ok: true; geometry: LineGeometry; features: number } | { ok: false; issues: FieldIssue[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The line `value` holds, with how many features it was taken from (1 for a bare geometry). */
export function lineFromGeoJson(value: unknown): GeoJsonLineResult {
  if (!isObject(value) || typeof value.type !== 'string')
    return refused([], `must be ${ACCEPTED} (an object with its "type")`);
  switch (value.type) {
    case 'LineString':
    case 'MultiLineString':
      return single(geometryAt(value, []));
    case 'Feature': {
      const g = value.geometry;
      if (!isObject(g) || !LINE_TYPES.includes(String(g.type)))
        return refused(['geometry'], `must be a LineString or MultiLineString, not ${describe(g)}`);
      return single(geometryAt(g, ['geometry']));
    }
    case 'FeatureCollection':
      return fromCollection(value.features);
    default:
      return refused(
        ['type'],
        `is "${value.type}": must be Feature, FeatureCollection, LineString or MultiLineString`,
      );
  }
}

function fromCollection(features: unknown): GeoJsonLineResult {
  if (!Array.isArray(features)) return refused(['features'], 'must be a list of features');
  const lines: LineGeometry[] = [];
  const issues: FieldIssue[] = [];
  features.forEach((f: unknown, i) => {
    const g = isObject(f) ? f.geometry : undefined;
    if (!isObject(g) || !LINE_TYPES.includes(String(g.type))) return;
    const r = geometryAt(g, ['features', i, 'geometry']);
    if (r.ok) lines.push(r.geometry);
    else issues.push(...r.issues);
  });
  if (issues.length > 0) return { ok: false, issues };
  if (lines.length === 0)
    return refused(['features'], 'has no feature whose geometry is a LineString or MultiLineString');
  if (lines.length === 1) return { ok: true, geometry: lines[0]!, features: 1 };
  const coordinates = lines.flatMap((g) => (g.type === 'LineString' ? [g.coordinates] : g.coordinates));
  const vertices = coordinates.reduce((s, l) => s + l.length, 0);
  if (vertices > GEOMETRY_VERTICES_MAX)
    return refused(
      ['features'],
      `hold ${vertices} positions in their lines: at most ${GEOMETRY_VERTICES_MAX} are taken`,
    );
  return { ok: true, geometry: { type: 'MultiLineString', coordinates }, features: lines.length };
}

/** The geometry at `path`, checked by the theatre's schema, its positions cut to [lon, lat]. */
function geometryAt(
  g: Record<string, unknown>,
  path: PropertyKey[],
): { ok: true; geometry: LineGeometry } | { ok: false; issues: FieldIssue[] } {
  // Only the geometry itself: GeoJSON lets a geometry carry a bbox and members of its own.
  const parsed = lineGeometrySchema.safeParse({ type: g.type, coordinates: g.coordinates });
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error, path) };
  const cut = (p: readonly number[]): [number, number] => [p[0]!, p[1]!];
  const geometry = parsed.data;
  return {
    ok: true,
    geometry:
      geometry.type === 'LineString'
        ? { type: 'LineString', coordinates: geometry.coordinates.map(cut) }
        : { type: 'MultiLineString', coordinates: geometry.coordinates.map((l) => l.map(cut)) },
  };
}

function single(
  r: { ok: true; geometry: LineGeometry } | { ok: false; issues: FieldIssue[] },
): GeoJsonLineResult {
  return r.ok ? { ok: true, geometry: r.geometry, features: 1 } : r;
}

function refused(path: PropertyKey[], message: string): GeoJsonLineResult {
  return { ok: false, issues: [{ path: formatPath(path), message }] };
}

function describe(g: unknown): string {
  if (g === null || g === undefined) return 'none';
  return isObject(g) && typeof g.type === 'string' ? `a ${g.type}` : 'something else';
}
