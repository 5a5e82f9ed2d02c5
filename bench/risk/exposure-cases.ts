// The seeded family of exposure cases for bench/risk (see bench/README.md): a line of contact of
// about 2,000 vertices in one of several hard shapes, 5,000 unit positions near it or far from it,
// two zones, red lines and caveats, so that computeExposure does all its work. Every case is built
// from its seed alone (xoshiro128**), so a seed gives the same case on any machine.
import type { ExposureInput, UnitPosition } from '../../src/domain/analysis/exposure.ts';
import type { LonLat } from '../../src/domain/geo/line-distance.ts';
import { DEFAULT_EXPOSURE_BANDS, type Zone } from '../../src/domain/theatre.ts';
import { xoshiro128StarStar, type Random } from '../../src/planner/prng.ts';

export const SHAPES = ['front', 'zig-zag', 'long segments', 'mixed', 'multi-part'] as const;
export type Shape = (typeof SHAPES)[number];

export const PLACEMENTS = ['spread', 'clustered', 'far'] as const;
export type Placement = (typeof PLACEMENTS)[number];

export interface CaseSpec {
  name: string;
  shape: Shape;
  placement: Placement;
  /** What the shape is, for the table's notes. */
  about: string;
}

/** The cases, each run with several seeds. */
export const CASES: readonly CaseSpec[] = [
  {
    name: 'front, spread',
    shape: 'front',
    placement: 'spread',
    about: 'a front-like random walk of ~1,150 km, positions anywhere 0 to ~1,000 km from it',
  },
  {
    name: 'zig-zag, clustered',
    shape: 'zig-zag',
    placement: 'clustered',
    about: 'many short segments (~0.6 km, zig-zagging ±1.5 km), positions within 10 km of the line',
  },
  {
    name: 'long segments, clustered',
    shape: 'long segments',
    placement: 'clustered',
    about: '8 vertices, segments of ~150 km, positions within 10 km',
  },
  {
    name: 'mixed, clustered',
    shape: 'mixed',
    placement: 'clustered',
    about: 'a zig-zag of short segments and 10 segments of 200-600 km in one line, positions within 10 km',
  },
  {
    name: 'front, far',
    shape: 'front',
    placement: 'far',
    about: 'the front-like line, positions 500 to 3,000 km away (across Europe)',
  },
  {
    name: 'multi-part, spread',
    shape: 'multi-part',
    placement: 'spread',
    about: 'a MultiLineString of 200 parts of 10 vertices, positions anywhere 0 to ~1,000 km',
  },
];

const NATIONS = ['GBR', 'FRA', 'DEU', 'POL', 'NLD', 'SWE', 'DNK', 'CAN'];

export interface CaseSize {
  vertices: number;
  positions: number;
}

export interface BuiltCase {
  spec: CaseSpec;
  seed: number;
  input: ExposureInput;
  vertices: number;
  segments: number;
  parts: number;
}

/** Builds one case of the family from its seed. */
export function buildCase(spec: CaseSpec, seed: number, size: CaseSize): BuiltCase {
  const random = xoshiro128StarStar(seed);
  const between = (lo: number, hi: number) => lo + (hi - lo) * random.nextFloat();
  const line = lineOf(spec.shape, size.vertices, random, between);
  const vertices = line.reduce((s, l) => s + l.length, 0);
  const all = line.flat();
  const positions: UnitPosition[] = [];
  for (let i = 0; i < size.positions; i++) {
    const [lon, lat] = placeOf(spec.placement, all, between, random);
    const nation = NATIONS[Math.floor(random.nextFloat() * NATIONS.length)]!;
    const caveat = random.nextFloat() < 0.2;
    positions.push({
      id: `${nation}-${String(i + 1).padStart(4, '0')}`,
      nation,
      personnel: 50 + Math.floor(random.nextFloat() * 950),
      lon,
      lat,
      fromDay: random.nextFloat() < 0.05 ? null : Math.floor(random.nextFloat() * 120),
      label: `Node ${i % 300}`,
      ...(caveat ? { offer: `OFF-${nation}-01`, minDistanceKm: [50, 75, 150][i % 3]! } : {}),
    });
  }
  return {
    spec,
    seed,
    vertices,
    segments: line.reduce((s, l) => s + Math.max(1, l.length - 1), 0),
    parts: line.length,
    input: {
      line,
      bands: DEFAULT_EXPOSURE_BANDS,
      zones: zonesNear(all),
      redLines: [
        { id: 'RL-DEU-1', nation: 'DEU', rung: 'attack', effect: 'no-deploy-within', km: 75 },
        { id: 'RL-POL-1', nation: 'POL', rung: 'attack', effect: 'no-deploy-within', km: 50 },
        { id: 'RL-NLD-1', nation: 'NLD', rung: 'wider-war', effect: 'withdraws' },
      ],
      positions,
    },
  };
}

type Between = (lo: number, hi: number) => number;

/** From Kherson towards Kharkiv: about 1,150 km as the crow flies once it wanders. */
const FRONT_START: LonLat = [32.6, 46.6];
const FRONT_END: LonLat = [37.9, 50.3];

function lineOf(shape: Shape, vertices: number, random: Random, between: Between): LonLat[][] {
  const along = (t: number): [number, number] => [
    FRONT_START[0] + (FRONT_END[0] - FRONT_START[0]) * t,
    FRONT_START[1] + (FRONT_END[1] - FRONT_START[1]) * t,
  ];
  switch (shape) {
    case 'front': {
      // A random walk about the straight course, its wander bounded (±0.4°).
      const out: LonLat[] = [];
      let [dx, dy] = [0, 0];
      for (let i = 0; i < vertices; i++) {
        dx = Math.max(-0.4, Math.min(0.4, dx + between(-0.01, 0.01)));
        dy = Math.max(-0.4, Math.min(0.4, dy + between(-0.01, 0.01)));
        const [x, y] = along(i / (vertices - 1));
        out.push([x + dx, y + dy]);
      }
      return [out];
    }
    case 'zig-zag':
      return [zigzag(vertices, 0, 1, along, between)];
    case 'long segments': {
      const out: LonLat[] = [];
      for (let i = 0; i < 8; i++) {
        const [x, y] = along(i / 7);
        out.push([x + between(-0.5, 0.5), y + between(-0.3, 0.3)]);
      }
      return [out];
    }
    case 'mixed': {
      // Dense stretches joined by long jumps: 11 stretches of zig-zag, 10 long segments between them.
      const out: LonLat[] = [];
      const stretch = Math.floor((vertices - 10) / 11);
      for (let k = 0; k < 11; k++) {
        const base: [number, number] = [20 + k * 2.2 + between(-0.5, 0.5), 44 + (k % 2) * 5 + between(-1, 1)];
        const local = (t: number): [number, number] => [base[0] + 0.9 * t, base[1] + 0.4 * t];
        out.push(...zigzag(stretch + (k === 10 ? vertices - 11 * stretch : 0), 0, 1, local, between));
      }
      return [out];
    }
    case 'multi-part': {
      const parts: LonLat[][] = [];
      const count = Math.max(1, Math.floor(vertices / 10));
      for (let k = 0; k < count; k++) {
        const [x, y] = along(k / count);
        const part: LonLat[] = [];
        let [px, py] = [x + between(-0.3, 0.3), y + between(-0.3, 0.3)];
        for (let i = 0; i < 10; i++) {
          part.push([px, py]);
          px += between(-0.01, 0.03);
          py += between(-0.01, 0.02);
        }
        parts.push(part);
      }
      return parts;
    }
  }
}

/** n vertices along `course` from t0 to t1, alternately ±~1.5 km (0.02°) across it. */
function zigzag(
  n: number,
  t0: number,
  t1: number,
  course: (t: number) => [number, number],
  between: Between,
): LonLat[] {
  const out: LonLat[] = [];
  for (let i = 0; i < n; i++) {
    const [x, y] = course(t0 + ((t1 - t0) * i) / Math.max(1, n - 1));
    const side = (i % 2 ? 1 : -1) * between(0.01, 0.02);
    out.push([x - side * 0.6, y + side]);
  }
  return out;
}

function placeOf(
  placement: Placement,
  vertices: readonly LonLat[],
  between: Between,
  random: Random,
): LonLat {
  switch (placement) {
    case 'spread':
      return [between(22, 41), between(44, 53)];
    case 'clustered': {
      // Beside a vertex of the line, within about 10 km (0.1°).
      const [x, y] = vertices[Math.floor(random.nextFloat() * vertices.length)]!;
      return [x + between(-0.12, 0.12), y + between(-0.08, 0.08)];
    }
    case 'far':
      // Western and northern Europe and the Caucasus: 500 to 3,000 km from the front.
      return random.nextFloat() < 0.8
        ? [between(-10, 22), between(36, 60)]
        : [between(42, 50), between(38, 43)];
  }
}

/** Two zones near the line: a box across its middle (demilitarised) and a 200-vertex circle (no-deploy). */
function zonesNear(vertices: readonly LonLat[]): Pick<Zone, 'id' | 'name' | 'kind' | 'geometry'>[] {
  const [mx, my] = vertices[Math.floor(vertices.length / 2)]!;
  const box: [number, number][] = [
    [mx - 0.5, my - 0.3],
    [mx + 0.5, my - 0.3],
    [mx + 0.5, my + 0.3],
    [mx - 0.5, my + 0.3],
    [mx - 0.5, my - 0.3],
  ];
  const [cx, cy] = vertices[Math.floor(vertices.length / 4)]!;
  const circle: [number, number][] = Array.from({ length: 200 }, (_, i) => {
    const a = (2 * Math.PI * i) / 200;
    return [cx + 0.3 * Math.cos(a), cy + 0.2 * Math.sin(a)];
  });
  circle.push(circle[0]!);
  return [
    {
      id: 'DMZ',
      name: 'Demilitarised zone',
      kind: 'demilitarised',
      geometry: { type: 'Polygon', coordinates: [box] },
    },
    {
      id: 'NPP',
      name: 'Power plant',
      kind: 'no-deploy',
      geometry: { type: 'Polygon', coordinates: [circle] },
    },
  ];
}
