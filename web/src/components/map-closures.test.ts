// Closure windows of the network's arcs on the map: both ends of a window are closed days, an arc
// with none is open, and the window is named in words.
import { describe, expect, it } from 'vitest';
import { closureOn, closuresByArc, describeClosure } from './map-closures.ts';

const bridge = { from: 3, to: 10, reason: 'Bridge repairs.' };
const strike = { from: 8, to: 8, reason: 'Rail strike.' };

describe('arc closures', () => {
  it('closes an arc from the first to the last day of a window, both included', () => {
    expect(closureOn([bridge], 2)).toBeUndefined();
    expect(closureOn([bridge], 3)).toBe(bridge);
    expect(closureOn([bridge], 10)).toBe(bridge);
    expect(closureOn([bridge], 11)).toBeUndefined();
    expect(closureOn(undefined, 5)).toBeUndefined();
    // Two windows on one day: the one that began first.
    expect(closureOn([strike, bridge], 8)).toBe(bridge);
  });

  it('keeps only the arcs that have windows', () => {
    const map = closuresByArc([{ id: 'A', closures: [bridge] }, { id: 'B', closures: [] }, { id: 'C' }]);
    expect([...map.keys()]).toEqual(['A']);
  });

  it('names the window', () => {
    expect(describeClosure(bridge)).toBe('Closed C+3 to C+10: Bridge repairs.');
    expect(describeClosure(strike)).toBe('Closed on C+8: Rail strike.');
    expect(describeClosure({ from: -2, to: 1, reason: ' ' })).toBe('Closed C−2 to C+1');
  });
});
