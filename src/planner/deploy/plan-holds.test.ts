// Where a ULN waited, leg by leg: along one chain of legs, along each of its personnel's and its
// tonnes' chains when they took routes of their own, and not at all for cargo split by execution.
import { describe, expect, it } from 'vitest';
import { holdsOf } from './plan-holds.ts';

describe('holdsOf: where a ULN waited', () => {
  const leg = (
    arc: string,
    from: string,
    to: string,
    depart: number,
    arrive: number,
    p: number,
    t: number,
    followOn = false,
  ) => ({
    arc,
    from,
    to,
    mode: 'road',
    firstDeparture: depart,
    lastDeparture: depart,
    firstArrival: arrive,
    lastArrival: arrive,
    loads: 1,
    personnel: p,
    tonnes: t,
    followOn,
  });
  const arcs = new Map([
    ['A>B', { closures: [] }],
    ['B>C', { closures: [] }],
    ['A>D', { closures: [] }],
    ['D>C', { closures: [{ from: 6, to: 7, reason: 'flooding' }] }],
  ]);
  const record = { ald: 0, ead: 0, origin: 'A' };

  it("reads a unit's personnel and tonnes on routes of their own each along its chain", () => {
    // Personnel fly A>B and wait 2 days for B>C; tonnes sail A>D and wait 4 days at D, 2 of them
    // closed. Listed as the planner lists them: the main route, then the rest by first departure.
    const legs = [
      leg('A>B', 'A', 'B', 0, 1, 100, 0),
      leg('B>C', 'B', 'C', 3, 4, 100, 0),
      leg('A>D', 'A', 'D', 0, 5, 0, 300),
      leg('D>C', 'D', 'C', 9, 10, 0, 300),
    ];
    expect(holdsOf(record, { status: 'scheduled', legs }, 0, arcs)).toEqual([
      { arc: 'B>C', days: 2 },
      { arc: 'D>C', days: 2, closure: { from: 6, to: 7, reason: 'flooding' } },
      { arc: 'D>C', days: 2 },
    ]);
    // One chain: read as one.
    expect(holdsOf(record, { status: 'scheduled', legs: legs.slice(0, 2) }, 0, arcs)).toEqual([
      { arc: 'B>C', days: 2 },
    ]);
  });

  it("does not read the follow-on equipment's legs, which leave as late as the LAD allows", () => {
    // The unit goes A>B>C and waits 2 days at B; its follow-on sails A>D>C, leaving on day 8.
    const legs = [
      leg('A>B', 'A', 'B', 0, 1, 100, 270),
      leg('B>C', 'B', 'C', 3, 4, 100, 270),
      leg('A>D', 'A', 'D', 8, 13, 0, 30, true),
      leg('D>C', 'D', 'C', 13, 14, 0, 30, true),
    ];
    expect(holdsOf(record, { status: 'scheduled', legs }, 0, arcs)).toEqual([{ arc: 'B>C', days: 2 }]);
    // Over the unit's own arcs too.
    const same = [
      ...legs.slice(0, 2),
      leg('A>B', 'A', 'B', 9, 10, 0, 30, true),
      leg('B>C', 'B', 'C', 10, 11, 0, 30, true),
    ];
    expect(holdsOf(record, { status: 'scheduled', legs: same }, 0, arcs)).toEqual([{ arc: 'B>C', days: 2 }]);
  });

  it('leaves out cargo split over several paths by execution, and a ULN not scheduled', () => {
    // Personnel on two paths from A: not one chain in either dimension.
    const legs = [
      leg('A>B', 'A', 'B', 0, 1, 50, 0),
      leg('B>C', 'B', 'C', 3, 4, 50, 0),
      leg('A>D', 'A', 'D', 0, 5, 50, 0),
      leg('D>C', 'D', 'C', 9, 10, 50, 0),
    ];
    expect(holdsOf(record, { status: 'scheduled', legs }, 0, arcs)).toEqual([]);
    expect(holdsOf(record, { status: 'no-route', legs: [] }, 0, arcs)).toEqual([]);
  });
});
