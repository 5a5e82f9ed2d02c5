// The arithmetic of the deployment map's view, kept apart from React and the DOM so it can be tested
// on its own: the view transform (zoom and pan) and the view that fits the network when the map
// opens, unit symbols that would overlap at the current zoom gathered into one cluster, and which
// place names fit without overlapping (the best-connected places first). Coordinates are of two
// kinds: "map" coordinates are the Europe projection's (map-geometry.ts), "screen" coordinates are
// pixels of the map's box, which is what the view transform maps them to.
import type { Point } from './deployment-model.ts';

// ---- View ----

/** A zoom and pan: screen = map × k + (x, y), as d3-zoom's transform. */
export interface ViewTransform {
  k: number;
  x: number;
  y: number;
}

export const IDENTITY_VIEW: ViewTransform = { k: 1, x: 0, y: 0 };

/**
 * How far the view may zoom, as a scale of the map's coordinates: out to a little less than all of
 * Europe in a box the size of the map, in to a few streets' worth (a port beside its railhead).
 */
export const ZOOM_EXTENT: readonly [number, number] = [0.5, 64];

/** Each press of the zoom buttons (and of + and − on the map) scales by this much. */
export const ZOOM_STEP = 1.6;

/** Pixels the arrow keys pan the map by. */
export const PAN_STEP = 60;

export function toScreen(view: ViewTransform, p: Point): Point {
  return { x: p.x * view.k + view.x, y: p.y * view.k + view.y };
}

/** An axis-aligned box, x0 ≤ x1 and y0 ≤ y1. */
export interface Box {
  x0: number;
  y0: number;
  x1: number;
  y1: number;
}

/** The smallest box holding every point; null when there are none. */
export function boundsOf(points: Iterable<Point>): Box | null {
  let box: Box | null = null;
  for (const p of points) {
    if (!box) box = { x0: p.x, y0: p.y, x1: p.x, y1: p.y };
    else
      box = {
        x0: Math.min(box.x0, p.x),
        y0: Math.min(box.y0, p.y),
        x1: Math.max(box.x1, p.x),
        y1: Math.max(box.y1, p.y),
      };
  }
  return box;
}

export interface FitOptions {
  /** Screen pixels kept clear on every side, so symbols and labels at the edge stay inside. */
  padding?: number;
  /** The box to fit when there are no points (the whole map). */
  fallback?: Box;
  /** Never zoom in further than this to fit: one node alone would otherwise fill the map. */
  maxK?: number;
}

/**
 * The view that shows `points` (map coordinates) as large as they fit in a `width` × `height` box,
 * centred: the map opens on the network, not on a fixed frame of Europe. The scale stays within
 * ZOOM_EXTENT, so the buttons and the wheel can always move from it.
 */
export function fitView(
  points: Iterable<Point>,
  width: number,
  height: number,
  { padding = 36, fallback, maxK = 12 }: FitOptions = {},
): ViewTransform {
  const box = boundsOf(points) ?? fallback;
  if (!box) return IDENTITY_VIEW;
  // A single point (or a line of them) has no extent in one direction: give it some.
  const w = Math.max(box.x1 - box.x0, 1);
  const h = Math.max(box.y1 - box.y0, 1);
  const room = (size: number) => Math.max(size - 2 * padding, size / 2);
  const k = clamp(
    Math.min(room(width) / w, room(height) / h),
    ZOOM_EXTENT[0],
    Math.min(maxK, ZOOM_EXTENT[1]),
  );
  const cx = (box.x0 + box.x1) / 2;
  const cy = (box.y0 + box.y1) / 2;
  return { k, x: width / 2 - cx * k, y: height / 2 - cy * k };
}

export function clamp(n: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, n));
}

// ---- Clusters ----

export interface ClusterInput<T> {
  key: string;
  /** Screen position. */
  at: Point;
  /** How much the item counts (ULNs): the heaviest anchors its cluster. */
  weight: number;
  item: T;
}

export interface Cluster<T> {
  /** The key of its heaviest member: stable while zooming, as long as that member is in it. */
  key: string;
  /** Where the cluster is drawn: at its heaviest member, so the biggest group stays in its place. */
  at: Point;
  weight: number;
  /** Heaviest first. */
  members: T[];
}

/**
 * Items closer than `radius` pixels to a cluster's anchor join it, heaviest items first, so that
 * symbols never sit on top of each other: zoomed out, a port and the railhead beside it are one
 * symbol; zoomed in, two. Heaviest clusters first; ties by key, so the result never depends on the
 * input's order.
 */
export function clusterPoints<T>(items: readonly ClusterInput<T>[], radius: number): Cluster<T>[] {
  const order = [...items].sort((a, b) => b.weight - a.weight || compareKeys(a.key, b.key));
  const clusters: Cluster<T>[] = [];
  const r2 = radius * radius;
  for (const it of order) {
    const near = clusters.find((c) => (c.at.x - it.at.x) ** 2 + (c.at.y - it.at.y) ** 2 < r2);
    if (near) {
      near.members.push(it.item);
      near.weight += it.weight;
    } else {
      clusters.push({ key: it.key, at: it.at, weight: it.weight, members: [it.item] });
    }
  }
  return clusters.sort((a, b) => b.weight - a.weight || compareKeys(a.key, b.key));
}

function compareKeys(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// ---- Labels ----

export interface LabelInput {
  id: string;
  /** Screen position of the place the label names. */
  at: Point;
  text: string;
  /** Higher is labelled first: a hub before a siding. */
  rank: number;
}

export interface PlacedLabel {
  id: string;
  text: string;
  /** Where the text's anchor point and baseline are. */
  x: number;
  y: number;
  anchor: 'start' | 'middle' | 'end';
  box: Box;
}

export interface LabelMetrics {
  /** Average width of a character at the labels' font size, when the text cannot be measured. */
  charWidth: number;
  /** The width of a label's text in pixels, measured where a browser can (see deployment-map.tsx). */
  widthOf?: ((text: string) => number) | undefined;
  /** Height of a line of text. */
  lineHeight: number;
  /** Distance from the place's point to its label. */
  gap: number;
}

/** 11-pixel semibold sans-serif, as styles.css sets `.map-label`. */
export const LABEL_METRICS: LabelMetrics = { charWidth: 6.6, lineHeight: 13, gap: 8 };

export function boxesOverlap(a: Box, b: Box): boolean {
  return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/**
 * The labels that fit, highest rank first: each tries right of its place, then left, above and
 * below, and is left out when every position would overlap a label already placed, one of the
 * `obstacles` (unit symbols) or the edge of the `width` × `height` box. Zoomed out, only the
 * best-connected places are named; zooming in makes room for the rest.
 */
export function placeLabels(
  inputs: readonly LabelInput[],
  width: number,
  height: number,
  obstacles: readonly Box[] = [],
  m: LabelMetrics = LABEL_METRICS,
): PlacedLabel[] {
  const order = [...inputs].sort((a, b) => b.rank - a.rank || compareKeys(a.text, b.text));
  const placed: PlacedLabel[] = [];
  const inside = (b: Box) => b.x0 >= 0 && b.y0 >= 0 && b.x1 <= width && b.y1 <= height;
  const free = (b: Box) =>
    inside(b) && !placed.some((p) => boxesOverlap(p.box, b)) && !obstacles.some((o) => boxesOverlap(o, b));
  for (const l of order) {
    // A pixel to spare either side: measured widths are of the glyphs, not of their halo.
    const w = (m.widthOf ? m.widthOf(l.text) : l.text.length * m.charWidth) + 2;
    const h = m.lineHeight;
    const { x, y } = l.at;
    // Baselines sit a third of a line below the middle of the box.
    const candidates: Omit<PlacedLabel, 'id' | 'text'>[] = [
      {
        x: x + m.gap,
        y: y + h / 3,
        anchor: 'start',
        box: { x0: x + m.gap, y0: y - h / 2, x1: x + m.gap + w, y1: y + h / 2 },
      },
      {
        x: x - m.gap,
        y: y + h / 3,
        anchor: 'end',
        box: { x0: x - m.gap - w, y0: y - h / 2, x1: x - m.gap, y1: y + h / 2 },
      },
      {
        x,
        y: y - m.gap - h / 6,
        anchor: 'middle',
        box: { x0: x - w / 2, y0: y - m.gap - h, x1: x + w / 2, y1: y - m.gap },
      },
      {
        x,
        y: y + m.gap + (h * 5) / 6,
        anchor: 'middle',
        box: { x0: x - w / 2, y0: y + m.gap, x1: x + w / 2, y1: y + m.gap + h },
      },
    ];
    const fit = candidates.find((c) => free(c.box));
    if (fit) placed.push({ id: l.id, text: l.text, ...fit });
  }
  return placed;
}
