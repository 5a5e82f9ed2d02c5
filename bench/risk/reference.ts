// The reference for bench/risk's exposure measure: the naive exact scan. For every position, the
// exact great-circle distance to every segment of the line, by the navigators' cross-track and
// along-track formulas (bearings and haversine distances, no unit vectors, no prefilter), and the
// least. It shares no code with src/domain/geo/line-distance.ts, so agreement checks that the fast
// path's prefilter skips only segments that cannot be nearest.
import type { LonLat } from '../../src/domain/geo/line-distance.ts';
import { EARTH_RADIUS_KM } from '../../src/domain/geo/line-distance.ts';

const RAD = Math.PI / 180;

/** Central angle between two places (haversine). */
function angleBetween(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const h =
    Math.sin(((lat2 - lat1) * RAD) / 2) ** 2 +
    Math.cos(lat1 * RAD) * Math.cos(lat2 * RAD) * Math.sin(((lon2 - lon1) * RAD) / 2) ** 2;
  return 2 * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Initial bearing from place 1 to place 2, radians. */
function bearing(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const dl = (lon2 - lon1) * RAD;
  const [f1, f2] = [lat1 * RAD, lat2 * RAD];
  return Math.atan2(
    Math.sin(dl) * Math.cos(f2),
    Math.cos(f1) * Math.sin(f2) - Math.sin(f1) * Math.cos(f2) * Math.cos(dl),
  );
}

/** Central angle from p to the minor arc a–b. */
function angleToSegment(p: LonLat, a: LonLat, b: LonLat): number {
  const d13 = angleBetween(a[0], a[1], p[0], p[1]);
  const ends = Math.min(d13, angleBetween(b[0], b[1], p[0], p[1]));
  const d12 = angleBetween(a[0], a[1], b[0], b[1]);
  if (d12 === 0) return ends;
  const turn = bearing(a[0], a[1], p[0], p[1]) - bearing(a[0], a[1], b[0], b[1]);
  const crossTrack = Math.asin(Math.sin(d13) * Math.sin(turn));
  const alongTrack = Math.atan2(Math.sin(d13) * Math.cos(turn), Math.cos(d13));
  return alongTrack >= 0 && alongTrack <= d12 ? Math.min(Math.abs(crossTrack), ends) : ends;
}

/** Exact distance in km from `place` to the nearest point of the polylines, scanning every segment. */
export function naiveDistanceKm(polylines: readonly (readonly LonLat[])[], place: LonLat): number {
  let best = Infinity;
  for (const line of polylines) {
    if (line.length === 1) best = Math.min(best, angleBetween(line[0]![0], line[0]![1], place[0], place[1]));
    for (let i = 1; i < line.length; i++) {
      const angle = angleToSegment(place, line[i - 1]!, line[i]!);
      if (angle < best) best = angle;
    }
  }
  return best * EARTH_RADIUS_KM;
}
