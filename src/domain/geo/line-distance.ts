// Distance from places to a line (the line of contact), on the sphere: the great-circle distance to
// the nearest point of the line, where the line is a set of polylines of [longitude, latitude]
// vertices joined by great-circle arcs. Exact on the sphere of the mean Earth radius (IUGG,
// 6,371.0088 km); against the WGS84 ellipsoid that is within about 0.5 %, far below the resolution
// of a hand-drawn front line or of distance bands of 7.5 to 150 km.
//
// Why not a GIS library: a geodesic distance to every segment of a 2,000-vertex line for 5,000 unit
// positions is ten million geodesic solves (about 108 s with a general library here). Here every
// vertex becomes a unit vector once; for each place the straight-line (chord) distance to each
// segment's chord picks the nearest segments cheaply, and only those within a proven margin of the
// nearest are measured exactly. The margin holds because an arc of angular length θ and its chord
// are within its sagitta, 1 − cos(θ/2), of each other (on the unit sphere): every point of the arc
// has a point of the chord that near (along the same ray from the centre), and the other way round.
// So for a place p, with c(s) the distance from p to segment s's chord and g(s) its sagitta, the
// distance to the arc lies within c(s) ± g(s); the nearest arc is at most U = min over s of
// c(s) + g(s), and a segment with c(s) − g(s) > U cannot hold the nearest point.
//
// Consecutive segments of a polyline are grouped into blocks of BLOCK_SEGMENTS with a bounding ball
// around their ends (which holds their chords): a block whose ball is farther from p than U plus its
// largest sagitta is skipped whole. For a 2,000-vertex line that leaves a few blocks per place.
export const EARTH_RADIUS_KM = 6371.0088;

/** [longitude, latitude] in degrees, as GeoJSON writes them. */
export type LonLat = readonly [number, number];

/** Segments per block of the prefilter: small enough for tight balls, large enough to skip many. */
const BLOCK_SEGMENTS = 16;

/** Rounding slack on the unit sphere (about 6 µm on the Earth): never skip a tie. */
const SLACK = 1e-12;

interface Prepared {
  /** Unit vectors of segment ends, 6 numbers per segment: ax, ay, az, bx, by, bz. */
  ends: Float64Array;
  /** Per segment: unit normal of its great circle (3 numbers), zero for a degenerate segment. */
  normals: Float64Array;
  /** Per segment: its sagitta on the unit sphere, 1 − cos(θ/2): the chord-to-arc margin. */
  sagittas: Float64Array;
  segments: number;
  /** Per block: first segment and one past its last (2 numbers). */
  blockRanges: Int32Array;
  /** Per block: centre (3 numbers) and radius (1) of a ball holding its segments' chords. */
  blockBalls: Float64Array;
  /** Per block: its largest sagitta. */
  blockSagittas: Float64Array;
  blocks: number;
  /** Scratch reused by every call (distanceToLine runs to completion, so calls never overlap). */
  scratchChord: Float64Array;
  scratchBlockBound: Float64Array;
}

/** A line made ready for many distance questions. */
export interface PreparedLine {
  readonly prepared: Prepared;
}

/** Prepares polylines (each at least one vertex; a single vertex is a point). */
export function prepareLine(polylines: readonly (readonly LonLat[])[]): PreparedLine {
  const pairs: [LonLat, LonLat][] = [];
  /** Per polyline: its first segment index and one past its last, so blocks never span two. */
  const parts: [number, number][] = [];
  for (const line of polylines) {
    const first = pairs.length;
    if (line.length === 1) pairs.push([line[0]!, line[0]!]);
    for (let i = 1; i < line.length; i++) pairs.push([line[i - 1]!, line[i]!]);
    if (pairs.length > first) parts.push([first, pairs.length]);
  }
  if (pairs.length === 0) throw new RangeError('a line needs at least one vertex');
  const segments = pairs.length;
  const ends = new Float64Array(segments * 6);
  const normals = new Float64Array(segments * 3);
  const sagittas = new Float64Array(segments);
  pairs.forEach(([a, b], s) => {
    const va = unitVector(a);
    const vb = unitVector(b);
    ends.set(va, s * 6);
    ends.set(vb, s * 6 + 3);
    const n = cross(va, vb);
    const len = Math.hypot(n[0], n[1], n[2]);
    if (len > 1e-15) normals.set([n[0] / len, n[1] / len, n[2] / len], s * 3);
    const theta = Math.atan2(len, dot(va, vb));
    sagittas[s] = 1 - Math.cos(theta / 2);
  });

  const ranges: number[] = [];
  for (const [first, end] of parts)
    for (let s = first; s < end; s += BLOCK_SEGMENTS) ranges.push(s, Math.min(end, s + BLOCK_SEGMENTS));
  const blocks = ranges.length / 2;
  const blockBalls = new Float64Array(blocks * 4);
  const blockSagittas = new Float64Array(blocks);
  for (let k = 0; k < blocks; k++) {
    const [first, end] = [ranges[2 * k]!, ranges[2 * k + 1]!];
    let cx = 0;
    let cy = 0;
    let cz = 0;
    for (let s = first; s < end; s++) {
      const o = s * 6;
      cx += ends[o]! + ends[o + 3]!;
      cy += ends[o + 1]! + ends[o + 4]!;
      cz += ends[o + 2]! + ends[o + 5]!;
      blockSagittas[k] = Math.max(blockSagittas[k]!, sagittas[s]!);
    }
    const m = 2 * (end - first);
    [cx, cy, cz] = [cx / m, cy / m, cz / m];
    let r = 0;
    for (let s = first; s < end; s++)
      for (const o of [s * 6, s * 6 + 3])
        r = Math.max(r, Math.hypot(ends[o]! - cx, ends[o + 1]! - cy, ends[o + 2]! - cz));
    blockBalls.set([cx, cy, cz, r], k * 4);
  }
  return {
    prepared: {
      ends,
      normals,
      sagittas,
      segments,
      blockRanges: Int32Array.from(ranges),
      blockBalls,
      blockSagittas,
      blocks,
      scratchChord: new Float64Array(segments),
      scratchBlockBound: new Float64Array(blocks),
    },
  };
}

/** Great-circle distance in km from `place` to the nearest point of the line. */
export function distanceToLine(line: PreparedLine, place: LonLat): number {
  const { ends, sagittas, blockRanges, blockBalls, blockSagittas, blocks } = line.prepared;
  const chord = line.prepared.scratchChord;
  const lower = line.prepared.scratchBlockBound;
  const lon = (place[0] * Math.PI) / 180;
  const lat = (place[1] * Math.PI) / 180;
  const cosLat = Math.cos(lat);
  const px = cosLat * Math.cos(lon);
  const py = cosLat * Math.sin(lon);
  const pz = Math.sin(lat);

  // Each block's lower bound on the distance to its arcs: ball distance minus its largest sagitta.
  let firstBlock = 0;
  for (let k = 0; k < blocks; k++) {
    const o = k * 4;
    const dx = px - blockBalls[o]!;
    const dy = py - blockBalls[o + 1]!;
    const dz = pz - blockBalls[o + 2]!;
    lower[k] = Math.sqrt(dx * dx + dy * dy + dz * dz) - blockBalls[o + 3]! - blockSagittas[k]!;
    if (lower[k]! < lower[firstBlock]!) firstBlock = k;
  }

  // U: an upper bound on the distance to the nearest arc, from the most promising block first, then
  // every block that could still hold something nearer. chord[s] is NaN for a segment not measured.
  let upper = Infinity;
  chord.fill(NaN);
  for (let i = -1; i < blocks; i++) {
    const k = i < 0 ? firstBlock : i;
    if ((i >= 0 && k === firstBlock) || lower[k]! > upper + SLACK) continue;
    for (let s = blockRanges[2 * k]!; s < blockRanges[2 * k + 1]!; s++) {
      const d = chordDistance(ends, s, px, py, pz);
      chord[s] = d;
      if (d + sagittas[s]! < upper) upper = d + sagittas[s]!;
    }
  }

  // Every measured segment that could hold the nearest point, measured exactly.
  let best = Infinity;
  for (let k = 0; k < blocks; k++) {
    if (lower[k]! > upper + SLACK) continue;
    for (let s = blockRanges[2 * k]!; s < blockRanges[2 * k + 1]!; s++) {
      const c = chord[s]!;
      if (!(c - sagittas[s]! <= upper + SLACK)) continue; // NaN (not measured) fails too
      const angle = angleToArc(line.prepared, s, px, py, pz);
      if (angle < best) best = angle;
    }
  }
  return best * EARTH_RADIUS_KM;
}

/** Straight-line distance (unit sphere) from p to the chord of segment s. */
function chordDistance(ends: Float64Array, s: number, px: number, py: number, pz: number): number {
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
  return Math.sqrt(ex * ex + ey * ey + ez * ez);
}

/**
 * Central angle from p to the arc of segment s (the nearer end when p's foot falls outside it). In
 * scalars, without allocating: it runs for every candidate segment of every place.
 */
function angleToArc(prepared: Prepared, s: number, px: number, py: number, pz: number): number {
  const { ends, normals } = prepared;
  const o = s * 6;
  const ax = ends[o]!;
  const ay = ends[o + 1]!;
  const az = ends[o + 2]!;
  const bx = ends[o + 3]!;
  const by = ends[o + 4]!;
  const bz = ends[o + 5]!;
  const toEnds = Math.min(angleBetween(px, py, pz, ax, ay, az), angleBetween(px, py, pz, bx, by, bz));
  const nx = normals[s * 3]!;
  const ny = normals[s * 3 + 1]!;
  const nz = normals[s * 3 + 2]!;
  if (nx === 0 && ny === 0 && nz === 0) return toEnds;
  // The foot of p on the great circle lies within the arc when it is on the inner side of both
  // ends: (n × a)·p ≥ 0 and (b × n)·p ≥ 0.
  const inA = (ny * az - nz * ay) * px + (nz * ax - nx * az) * py + (nx * ay - ny * ax) * pz;
  const inB = (by * nz - bz * ny) * px + (bz * nx - bx * nz) * py + (bx * ny - by * nx) * pz;
  if (inA >= 0 && inB >= 0) {
    const sinCross = px * nx + py * ny + pz * nz;
    return Math.min(Math.abs(Math.asin(Math.max(-1, Math.min(1, sinCross)))), toEnds);
  }
  return toEnds;
}

/** Central angle between unit vectors, stable for small and large angles (atan2 of |a × b| and a·b). */
function angleBetween(ax: number, ay: number, az: number, bx: number, by: number, bz: number): number {
  const cx = ay * bz - az * by;
  const cy = az * bx - ax * bz;
  const cz = ax * by - ay * bx;
  return Math.atan2(Math.sqrt(cx * cx + cy * cy + cz * cz), ax * bx + ay * by + az * bz);
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
