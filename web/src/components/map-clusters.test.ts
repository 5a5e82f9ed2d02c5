// The deployment map's view arithmetic: the opening view fits the network's nodes inside the box,
// symbols closer than the radius become one cluster (and none are lost or counted twice), and
// place names never overlap each other, a symbol or the edge, the best-connected named first.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ZOOM_EXTENT,
  boundsOf,
  boxesOverlap,
  clusterPoints,
  fitView,
  placeLabels,
  toScreen,
  type Box,
  type ClusterInput,
} from './map-clusters.ts';

const point = fc.record({
  x: fc.double({ min: -200, max: 1000, noNaN: true }),
  y: fc.double({ min: -200, max: 1000, noNaN: true }),
});

describe('fitView', () => {
  it('centres the nodes and fills the box with them, less the padding', () => {
    const nodes = [
      { x: 100, y: 100 },
      { x: 300, y: 200 },
    ];
    const view = fitView(nodes, 800, 500, { padding: 50 });
    // 200 × 100 map units into 700 × 400 pixels: the width decides.
    expect(view.k).toBeCloseTo(3.5);
    expect(toScreen(view, { x: 100, y: 100 })).toEqual({ x: 50, y: 250 - 175 });
    expect(toScreen(view, { x: 300, y: 200 })).toEqual({ x: 750, y: 250 + 175 });
  });

  it('keeps every node inside the box, whatever the network', () => {
    fc.assert(
      fc.property(
        fc.array(point, { minLength: 1, maxLength: 40 }),
        fc.integer({ min: 200, max: 1600 }),
        fc.integer({ min: 200, max: 1000 }),
        (nodes, width, height) => {
          const view = fitView(nodes, width, height, { padding: 20 });
          expect(view.k).toBeGreaterThanOrEqual(ZOOM_EXTENT[0]);
          expect(view.k).toBeLessThanOrEqual(ZOOM_EXTENT[1]);
          const box = boundsOf(nodes)!;
          // Only a network wider than the zoom range allows could poke out; these never are.
          if ((box.x1 - box.x0) * ZOOM_EXTENT[0] > width || (box.y1 - box.y0) * ZOOM_EXTENT[0] > height)
            return;
          for (const n of nodes) {
            const s = toScreen(view, n);
            expect(s.x).toBeGreaterThanOrEqual(-1e-6);
            expect(s.x).toBeLessThanOrEqual(width + 1e-6);
            expect(s.y).toBeGreaterThanOrEqual(-1e-6);
            expect(s.y).toBeLessThanOrEqual(height + 1e-6);
          }
        },
      ),
    );
  });

  it('does not zoom in without limit on one node, and fits the fallback when there are none', () => {
    expect(fitView([{ x: 10, y: 10 }], 800, 500, { maxK: 8 }).k).toBe(8);
    const whole = fitView([], 800, 500, { padding: 0, fallback: { x0: 0, y0: 0, x1: 800, y1: 640 } });
    expect(whole.k).toBeCloseTo(500 / 640);
    expect(fitView([], 800, 500)).toEqual({ k: 1, x: 0, y: 0 });
  });
});

describe('clusterPoints', () => {
  const at = (key: string, x: number, y: number, weight: number): ClusterInput<string> => ({
    key,
    at: { x, y },
    weight,
    item: key,
  });

  it('gathers symbols closer than the radius, anchored at the heaviest', () => {
    const clusters = clusterPoints(
      [at('railhead', 105, 100, 2), at('port', 100, 100, 5), at('far', 300, 100, 9)],
      20,
    );
    expect(clusters).toEqual([
      { key: 'far', at: { x: 300, y: 100 }, weight: 9, members: ['far'] },
      { key: 'port', at: { x: 100, y: 100 }, weight: 7, members: ['port', 'railhead'] },
    ]);
    // Zoomed in (the same places further apart on screen), they part.
    expect(clusterPoints([at('railhead', 140, 100, 2), at('port', 100, 100, 5)], 20)).toHaveLength(2);
  });

  it('puts every item in exactly one cluster, and no two clusters within the radius', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.tuple(point, fc.integer({ min: 1, max: 50 })), {
          maxLength: 60,
          selector: ([p]) => `${p.x},${p.y}`,
        }),
        fc.integer({ min: 1, max: 80 }),
        (raw, radius) => {
          const items = raw.map(([p, w], i) => ({ key: `k${i}`, at: p, weight: w, item: i }));
          const clusters = clusterPoints(items, radius);
          const members = clusters.flatMap((c) => c.members).sort((a, b) => a - b);
          expect(members).toEqual(items.map((it) => it.item));
          expect(clusters.reduce((s, c) => s + c.weight, 0)).toBe(items.reduce((s, it) => s + it.weight, 0));
          for (const [i, a] of clusters.entries())
            for (const b of clusters.slice(i + 1))
              expect(Math.hypot(a.at.x - b.at.x, a.at.y - b.at.y)).toBeGreaterThanOrEqual(radius);
          // The same answer whatever order the items come in.
          expect(clusterPoints([...items].reverse(), radius)).toEqual(clusters);
        },
      ),
    );
  });
});

describe('placeLabels', () => {
  const label = (id: string, x: number, y: number, rank: number, text = id) => ({
    id,
    at: { x, y },
    text,
    rank,
  });

  it('puts a label right of its place when there is room, else on another side', () => {
    const [right] = placeLabels([label('Lviv', 100, 100, 1)], 800, 500);
    expect(right).toMatchObject({ anchor: 'start', x: 108 });
    const [left] = placeLabels([label('Lviv', 790, 100, 1)], 800, 500);
    expect(left).toMatchObject({ anchor: 'end', x: 782 });
  });

  it('names the best-connected place first and leaves out a label that would overlap', () => {
    const placed = placeLabels(
      [
        label('Siding', 100, 10, 1, 'Siding of the railway'),
        label('Hub', 101, 11, 9, 'Hub port of the region'),
      ],
      300,
      24,
    );
    expect(placed.map((p) => p.id)).toEqual(['Hub']);
    // Zoomed in, the two places are apart and both are named.
    expect(
      placeLabels([label('Siding', 100, 100, 1), label('Hub', 100, 300, 9)], 800, 500).map((p) => p.id),
    ).toEqual(['Hub', 'Siding']);
  });

  it('never overlaps another label, a symbol or the edge', () => {
    const obstacle: Box = { x0: 380, y0: 230, x1: 420, y1: 270 };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(point, fc.string({ minLength: 1, maxLength: 30 }), fc.nat(20)), { maxLength: 50 }),
        (raw) => {
          const placed = placeLabels(
            raw.map(([p, text, rank], i) => label(`n${i}`, p.x, p.y, rank, text)),
            800,
            500,
            [obstacle],
          );
          for (const [i, a] of placed.entries()) {
            expect(a.box.x0).toBeGreaterThanOrEqual(0);
            expect(a.box.y1).toBeLessThanOrEqual(500);
            expect(boxesOverlap(a.box, obstacle)).toBe(false);
            for (const b of placed.slice(i + 1)) expect(boxesOverlap(a.box, b.box)).toBe(false);
          }
        },
      ),
    );
  });
});
