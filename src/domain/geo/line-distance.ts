// Distance from places to a line (the line of contact), on the sphere: the great-circle distance to
// the nearest point of the line, where the line is a set of polylines of [longitude, latitude]
// vertices joined by great-circle arcs. Exact on the sphere of the mean Earth radius (IUGG,
// 6,371.0088 km); against the WGS84 ellipsoid that is within about 0.5 %, far below the resolution
// of a hand-drawn front line or of distance bands of 7.5 to 150 km.
//
// Why not a GIS library: a geodesic distance to every segment of a 2,000-vertex line for 5,000 unit
// positions is ten million geodesic solves (about 108 s with a general library here). Here every
// vertex becomes a unit vector once; for each place the straight-line (chord) distance to every
// segment's chord picks the nearest segments cheaply, and only those within a proven margin of the
// nearest are measured exactly. The margin holds because an arc of angular length θ bulges from its
// chord by at most 1 − cos(θ/2) (its sagitta), so the chord distance can understate the distance to
// the arc by no more than that.
export const EARTH_RADIUS_KM = 6371.0088;

/** [longitude, latitude] in degrees, as GeoJSON writes them. */
export type LonLat = readonly [number, number];

interface Prepared {
  /** Unit vectors of segment ends, 6 numbers per segment: ax, ay, az, bx, by, bz. */
  ends: Float64Array;
  /** Per segment: unit normal of its great circle (3 numbers), zero for a degenerate segment. */
  normals: Float64Array;
  /** Largest sagitta (on the unit sphere) of any segment: the chord-to-arc margin. */
  maxSagitta: number;
  segments: number;
}

/** A line made ready for many distance questions. */
export interface PreparedLine {
  readonly prepared: Prepared;
}

/** Prepares polylines (each at least one vertex; a single vertex is a point). */
export function prepareLine(polylines: readonly (readonly LonLat[])[]): PreparedLine {
  const pairs: [LonLat, LonLat][] = [];
  for (const line of polylines) {
    if (line.length === 1) pairs.push([line[0]!, line[0]!]);
    for (let i = 1; i < line.length; i++) pairs.push([line[i - 1]!, line[i]!]);
  }
  if (pairs.length === 0) throw new RangeError('a line needs at least one vertex');
  const ends = new Float64Array(pairs.length * 6);
  const normals = new Float64Array(pairs.length * 3);
  let maxSagitta = 0;
  pairs.forEach(([a, b], s) => {
    const va = unitVector(a);
    const vb = unitVector(b);
    ends.set(va, s * 6);
    ends.set(vb, s * 6 + 3);
    const n = cross(va, vb);
    const len = Math.hypot(n[0], n[1], n[2]);
    if (len > 1e-15) normals.set([n[0] / len, n[1] / len, n[2] / len], s * 3);
    const theta = Math.atan2(len, dot(va, vb));
    maxSagitta = Math.max(maxSagitta, 1 - Math.cos(theta / 2));
  });
  return { prepared: { ends, normals, maxSagitta, segments: pairs.length } };
}

/** Great-circle distance in km from `place` to the nearest point of the line. */
export function distanceToLine(line: PreparedLine, place: LonLat): number {
  const { ends, normals, maxSagitta, segments } = line.prepared;
  const p = unitVector(place);
  const [px, py, pz] = p;
  // Chord distance (unit sphere) to each segment's 3D chord; keep the least.
  const chord = new Float64Array(segments);
  let least = Infinity;
  for (let s = 0; s < segments; s++) {
    const o = s * 6;
    const ax = ends[o]!;
    const ay = ends[o + 1]!;
    const az = ends[o + 2]!;
    const dx = ends[o + 3]! - ax;
    const dy = ends[o + 4]! - ay;
    const dz = ends[o + 5]! - az;
    const wx = px - ax;
    const wy = py - ay;
    const wz = pz - az;
    const dd = dx * dx + dy * dy + dz * dz;
    let t = dd > 0 ? (wx * dx + wy * dy + wz * dz) / dd : 0;
    t = t < 0 ? 0 : t > 1 ? 1 : t;
    const ex = wx - t * dx;
    const ey = wy - t * dy;
    const ez = wz - t * dz;
    const d = Math.sqrt(ex * ex + ey * ey + ez * ez);
    chord[s] = d;
    if (d < least) least = d;
  }
  // Every segment whose arc could be nearer than the nearest chord's arc, measured exactly. The
  // chord of the nearest segment is at most `least` away, so its arc is at most least + sagitta;
  // a segment whose chord is farther than that plus its own sagitta cannot hold the nearest point.
  const bound = least + 2 * maxSagitta + 1e-12;
  let best = Infinity;
  for (let s = 0; s < segments; s++) {
    if (chord[s]! > bound) continue;
    const angle = angleToArc(p, ends, normals, s);
    if (angle < best) best = angle;
  }
  return best * EARTH_RADIUS_KM;
}

/** Central angle from p to the arc of segment s (the nearer end when p's foot falls outside it). */
function angleToArc(p: Vec3, ends: Float64Array, normals: Float64Array, s: number): number {
  const a: Vec3 = [ends[s * 6]!, ends[s * 6 + 1]!, ends[s * 6 + 2]!];
  const b: Vec3 = [ends[s * 6 + 3]!, ends[s * 6 + 4]!, ends[s * 6 + 5]!];
  const n: Vec3 = [normals[s * 3]!, normals[s * 3 + 1]!, normals[s * 3 + 2]!];
  const toEnds = Math.min(centralAngle(p, a), centralAngle(p, b));
  if (n[0] === 0 && n[1] === 0 && n[2] === 0) return toEnds;
  // The foot of p on the great circle lies within the arc when it is on the inner side of both
  // ends: (n × a)·p ≥ 0 and (b × n)·p ≥ 0.
  if (dot(cross(n, a), p) >= 0 && dot(cross(b, n), p) >= 0) {
    const sinCross = dot(p, n);
    return Math.min(Math.abs(Math.asin(Math.max(-1, Math.min(1, sinCross)))), toEnds);
  }
  return toEnds;
}

type Vec3 = [number, number, number];

function unitVector([lon, lat]: LonLat): Vec3 {
  const l = (lon * Math.PI) / 180;
  const f = (lat * Math.PI) / 180;
  const c = Math.cos(f);
  return [c * Math.cos(l), c * Math.sin(l), Math.sin(f)];
}

function cross(a: Vec3, b: Vec3): Vec3 {
  return [a[1] * b[2] - a[2] * b[1], a[2] * b[0] - a[0] * b[2], a[0] * b[1] - a[1] * b[0]];
}

function dot(a: Vec3, b: Vec3): number {
  return a[0] * b[0] + a[1] * b[1] + a[2] * b[2];
}

/** Stable for small and large angles alike (atan2 of |a × b| and a·b). */
function centralAngle(a: Vec3, b: Vec3): number {
  const c = cross(a, b);
  return Math.atan2(Math.hypot(c[0], c[1], c[2]), dot(a, b));
}
