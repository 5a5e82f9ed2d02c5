import { describe, expect, it } from 'vitest';
import { ARCS, NODES, ULNS, largePlanReport, planReport } from '../pages/deployment-test-fixtures.ts';
import {
  datedDay,
  daySpan,
  DEFAULT_GANTT_FILTER,
  GENERIC_UNIT_SIDC,
  arcName,
  filterGanttRows,
  firstDayAtCapacity,
  ganttDayRange,
  ganttScale,
  groupSidc,
  groupUlnsOnDay,
  heatMapData,
  legBars,
  liftSummary,
  nodesById,
  placePoint,
  rddDemandCurve,
  routePaths,
  ulnPlaceOnDay,
  ulnStages,
  visibleRows,
  whyNoClosure,
} from './deployment-model.ts';

const gbr1 = ULNS[0]!; // Tidworth → Marchwood (1–2) → Gdańsk (2–8) → Medyka (9–11) → Lviv (11–12)
const nodes = nodesById({ nodes: NODES });
const cDay = (d: number) => (d < 0 ? `C−${-d}` : `C+${d}`);

describe('RDD demand and closure', () => {
  it('adds up personnel due by each day, RDDs before day 0 due from day 0', () => {
    expect(
      rddDemandCurve(
        [
          { rdd: -3, personnel: 10 },
          { rdd: 2, personnel: 5 },
          { rdd: 2, personnel: 1 },
          { rdd: 9, personnel: 100 },
        ],
        5,
      ),
    ).toEqual([10, 10, 16, 16, 16]);
    expect(rddDemandCurve([{ rdd: 0, personnel: 1 }], 0)).toEqual([]);
  });

  it('says why the target is never reached', () => {
    expect(whyNoClosure(planReport())).toMatch(/^The force list holds 2,000 of the 2,500 personnel/);
    const moved = planReport({ target: { personnel: 2000, inForceList: 2000, notInForceList: 0 } });
    expect(whyNoClosure(moved)).toBe(
      '1 ULNs cannot be moved (no route their lift allows, or not within the 30-day horizon), so the personnel in place never reach the target.',
    );
    const slow = planReport({
      target: { personnel: 2000, inForceList: 2000, notInForceList: 0 },
      objective: { ...moved.objective, unscheduled: 0 },
    });
    expect(whyNoClosure(slow)).toBe('Only 1,850 personnel are in place by the end of the 30-day horizon.');
    const closes = planReport({ closure: { ...moved.closure, targetDay: 20 } });
    expect(whyNoClosure(closes)).toBeNull();
  });
});

describe('Gantt chart', () => {
  it('filters by nation, priority and lateness, and sorts with ULN as the tie-break', () => {
    const ids = (f: Partial<typeof DEFAULT_GANTT_FILTER>) =>
      filterGanttRows(ULNS, { ...DEFAULT_GANTT_FILTER, ...f }).map((u) => u.uln);
    expect(ids({})).toEqual(['GBR-0003', 'GBR-0001', 'FRA-0001', 'GBR-0002']);
    expect(ids({ nation: 'FRA' })).toEqual(['FRA-0001']);
    expect(ids({ priority: '2' })).toEqual(['GBR-0002']);
    expect(ids({ state: 'late' })).toEqual(['GBR-0002']);
    expect(ids({ state: 'unscheduled' })).toEqual(['GBR-0003']);
    expect(ids({ state: 'on-time', sort: 'uln' })).toEqual(['FRA-0001', 'GBR-0001']);
    expect(ids({ sort: 'arrival' })).toEqual(['FRA-0001', 'GBR-0001', 'GBR-0002', 'GBR-0003']);
    expect(ids({ sort: 'late' })).toEqual(['GBR-0003', 'GBR-0002', 'FRA-0001', 'GBR-0001']);
    expect(ids({ sort: 'rdd' })).toEqual(['GBR-0003', 'FRA-0001', 'GBR-0001', 'GBR-0002']);
    expect(ids({ sort: 'nation' })).toEqual(['FRA-0001', 'GBR-0003', 'GBR-0001', 'GBR-0002']);
    // The input is left as it was.
    expect(ULNS.map((u) => u.uln)).toEqual(['GBR-0001', 'GBR-0002', 'FRA-0001', 'GBR-0003']);
  });

  it('spans every date and leg, from C-day or earlier', () => {
    expect(ganttDayRange(ULNS, 0)).toEqual({ first: 0, last: 20 });
    expect(ganttDayRange([{ ...gbr1, ald: -5 }], 30)).toEqual({ first: -5, last: 31 });
    expect(ganttDayRange([], 0)).toEqual({ first: 0, last: 1 });
  });

  it('scales days to pixels with round ticks', () => {
    const s = ganttScale({ first: -5, last: 55 }, 100, 600);
    expect(s.pxPerDay).toBe(10);
    expect(s.x(-5)).toBe(100);
    expect(s.x(0)).toBe(150);
    expect(s.x(55)).toBe(700);
    expect(s.ticks).toEqual([-5, 0, 5, 10, 15, 20, 25, 30, 35, 40, 45, 50, 55]);
    expect(ganttScale({ first: 0, last: 200 }, 0, 100).ticks).toEqual([
      0, 20, 40, 60, 80, 100, 120, 140, 160, 180, 200,
    ]);
    expect(ganttScale({ first: 3, last: 3 }, 0, 100).pxPerDay).toBe(100);
  });

  it('draws one bar per leg from first departure to last arrival, coloured and titled', () => {
    const bars = legBars(gbr1.legs, ganttScale({ first: 0, last: 20 }, 0, 200), nodes, cDay);
    expect(bars.map((b) => [b.x, b.width, b.mode])).toEqual([
      [10, 10, 'road'],
      [20, 60, 'sea'],
      [90, 20, 'rail'],
      [110, 10, 'road'],
    ]);
    expect(bars[1]!.colour).toBe('#0f7f7a');
    expect(bars[1]!.title).toBe('Leg 2: Marchwood (GBR) → Gdańsk (POL), sea, departs C+2, arrives C+8');
  });

  it("gives one path for a unit whose every leg carries all of it, else its personnel's and equipment's", () => {
    expect(routePaths(gbr1)).toEqual([{ carries: null, legs: gbr1.legs }]);
    const [tm, mg, gm, ml] = gbr1.legs;
    const road = { ...ml!, arc: 'GDA-LVI', from: 'SPOD-GDANSK', tonnes: 0 };
    // The equipment's route first (the plan's main path), the personnel's other leg after.
    const split = { ...gbr1, legs: [tm!, mg!, { ...gm!, personnel: 0 }, { ...ml!, personnel: 0 }, road] };
    expect(routePaths(split).map((p) => [p.carries, p.legs.map((l) => l.arc)])).toEqual([
      ['Personnel', ['TID-MAR', 'MAR-GDA', 'GDA-LVI']],
      ['Equipment', ['TID-MAR', 'MAR-GDA', 'GDA-MED', 'MED-LVI']],
    ]);
    // A unit of personnel only is never split, whatever its legs carry.
    expect(routePaths({ ...split, tonnes: 0 })).toHaveLength(1);
  });

  it('gives the follow-on equipment a path of its own after the unit’s, and titles its bars so', () => {
    const [tm, mg] = gbr1.legs;
    const followOn = [
      { ...tm!, firstDeparture: 14, lastDeparture: 14, personnel: 0, tonnes: 50, followOn: true },
      { ...mg!, firstDeparture: 15, lastDeparture: 15, personnel: 0, tonnes: 50, followOn: true },
    ];
    const unit = { ...gbr1, legs: [...gbr1.legs, ...followOn] };
    expect(routePaths(unit).map((p) => [p.carries, p.legs.map((l) => l.arc)])).toEqual([
      [null, ['TID-MAR', 'MAR-GDA', 'GDA-MED', 'MED-LVI']],
      ['Follow-on equipment', ['TID-MAR', 'MAR-GDA']],
    ]);
    const bars = legBars(unit.legs, ganttScale({ first: 0, last: 20 }, 0, 200), nodes, cDay);
    expect(bars[4]!.title).toMatch(/^Leg 5 \(follow-on equipment\): Tidworth/);
    // The unit is where its people are: the follow-on leaving on day 14 does not move it.
    expect(ulnPlaceOnDay(unit, 14.5)).toEqual(ulnPlaceOnDay(gbr1, 14.5));
  });

  it('draws only the rows in view', () => {
    expect(visibleRows(0, 100, 20, 5000, 2)).toEqual({ first: 0, last: 7 });
    expect(visibleRows(2000, 100, 20, 5000, 2)).toEqual({ first: 98, last: 107 });
    expect(visibleRows(99_990, 100, 20, 5000, 2)).toEqual({ first: 4997, last: 4999 });
    expect(visibleRows(0, 100, 20, 0)).toEqual({ first: 0, last: -1 });
  });

  // Correctness at full size; speed is for a benchmark, never a timed unit test.
  it('sorts and filters 5,000 ULNs', () => {
    const big = largePlanReport(5000).ulns;
    const rows = filterGanttRows(big, { ...DEFAULT_GANTT_FILTER, sort: 'late' });
    ganttDayRange(rows, 0);
    expect(rows).toHaveLength(5000);
  });
});

describe('heat maps', () => {
  const sources = ARCS.map((a) => ({ ...a, label: arcName(nodes, a) }));

  it('keeps used rows, busiest first, and only the used cells', () => {
    const h = heatMapData(sources);
    expect(h.rows.map((r) => r.id)).toEqual(['GDA-MED', 'MAR-GDA', 'MOU-MED', 'MED-LVI', 'TID-MAR']);
    expect(h.unused).toBe(1);
    expect(h.hidden).toBe(0);
    expect(h.days).toBe(14);
    expect(h.cells.filter(([, row]) => row === 0)).toEqual([
      [9, 0, 1],
      [10, 0, 1],
      [11, 0, 1],
    ]);
    expect(h.cells).toHaveLength(3 + 2 + 1 + 3 + 2);
  });

  it('shows at most the limit, counting the rest', () => {
    const h = heatMapData(sources, 2);
    expect(h.rows.map((r) => r.id)).toEqual(['GDA-MED', 'MAR-GDA']);
    expect(h.hidden).toBe(3);
    expect(h.days).toBe(12);
  });

  it('names the first day at capacity', () => {
    expect(firstDayAtCapacity([0, 0.5, 1, 1])).toBe(2);
    expect(firstDayAtCapacity([0.9])).toBeNull();
  });
});

describe('where a ULN is', () => {
  it('is at its origin before the first departure and at its destination after arrival', () => {
    expect(ulnPlaceOnDay(gbr1, 0)).toEqual({ kind: 'node', node: 'GAR-TIDWORTH', stage: 'origin' });
    expect(ulnPlaceOnDay(gbr1, 12)).toEqual({ kind: 'node', node: 'DEST-LVIV', stage: 'destination' });
    expect(ulnPlaceOnDay(gbr1, 40)).toEqual({ kind: 'node', node: 'DEST-LVIV', stage: 'destination' });
  });

  it('moves along the current leg in proportion to the days gone', () => {
    expect(ulnPlaceOnDay(gbr1, 5)).toEqual({
      kind: 'arc',
      arc: 'MAR-GDA',
      from: 'SPOE-MARCHWOOD',
      to: 'SPOD-GDANSK',
      mode: 'sea',
      leg: 1,
      fraction: 0.5,
    });
    expect(ulnPlaceOnDay(gbr1, 1)).toMatchObject({ kind: 'arc', arc: 'TID-MAR', fraction: 0 });
  });

  it('waits at the node between legs', () => {
    // Arrives at Gdańsk on day 8, goes on by rail on day 9.
    expect(ulnPlaceOnDay(gbr1, 8)).toEqual({ kind: 'node', node: 'SPOD-GDANSK', stage: 'en-route' });
  });

  it('stays at its origin when it cannot be moved', () => {
    expect(ulnPlaceOnDay(ULNS[3]!, 10)).toEqual({ kind: 'node', node: 'GAR-TIDWORTH', stage: 'origin' });
  });

  it('takes the latest leg begun when legs overlap', () => {
    const overlapping = {
      ...gbr1,
      legs: [gbr1.legs[0]!, { ...gbr1.legs[1]!, firstDeparture: 1.5 }],
    };
    expect(ulnPlaceOnDay(overlapping, 1.5)).toMatchObject({ kind: 'arc', arc: 'MAR-GDA', fraction: 0 });
  });

  it('places a unit whose personnel fly while its equipment sails where its personnel are', () => {
    // Personnel fly on day 2 and are in by day 3; the equipment sails on day 4 (a later leg begun).
    const flown = {
      ...gbr1.legs[0]!,
      arc: 'AIR',
      mode: 'air',
      to: 'DEST-LVIV',
      firstDeparture: 2,
      lastDeparture: 2,
      firstArrival: 3,
      lastArrival: 3,
      personnel: 650,
      tonnes: 0,
    };
    const sailed = { ...gbr1.legs[1]!, firstDeparture: 4, lastDeparture: 4, personnel: 0, tonnes: 2500 };
    const split = { ...gbr1, legs: [flown, sailed] };
    expect(ulnPlaceOnDay(split, 2.5)).toMatchObject({ kind: 'arc', arc: 'AIR', leg: 0, fraction: 0.5 });
    expect(ulnPlaceOnDay(split, 5)).toEqual({ kind: 'node', node: 'DEST-LVIV', stage: 'destination' });
    // With no personnel at all, its equipment places it.
    const cargo = { ...split, legs: [{ ...flown, personnel: 0, tonnes: 10 }, sailed] };
    expect(ulnPlaceOnDay(cargo, 5)).toMatchObject({ kind: 'arc', arc: 'MAR-GDA', leg: 1 });
  });

  it('interpolates the map position between the nodes', () => {
    const points = new Map([
      ['SPOE-MARCHWOOD', { x: 0, y: 100 }],
      ['SPOD-GDANSK', { x: 200, y: 0 }],
    ]);
    expect(placePoint(ulnPlaceOnDay(gbr1, 5), points)).toEqual({ x: 100, y: 50 });
    expect(placePoint(ulnPlaceOnDay(gbr1, 8), points)).toEqual({ x: 200, y: 0 });
    expect(placePoint(ulnPlaceOnDay(gbr1, 0), points)).toBeNull();
  });

  it('gathers the ULNs at one place into one group with a count and a symbol', () => {
    const groups = groupUlnsOnDay(ULNS, 4);
    expect(groups.map((g) => [g.key, g.ulns.length, g.personnel])).toEqual([
      ['arc:MAR-GDA', 2, 1200],
      ['arc:MOU-MED', 1, 650],
      ['node:GAR-TIDWORTH', 1, 150],
    ]);
    // GBR-0001 is 2/6 of the way, GBR-0002 1/7: the symbol sits at the mean.
    const sea = groups[0]!.place;
    expect(sea.kind === 'arc' && sea.fraction).toBeCloseTo((2 / 6 + 1 / 7) / 2, 6);
    const app6 = new Map([
      ['MECH-INF-BN', 'SFGPUCIZ---F---'],
      ['ARMD-BN', 'SFGPUCA----F---'],
    ]);
    expect(groupSidc(groups[0]!, app6)).toBe(GENERIC_UNIT_SIDC);
    expect(groupSidc(groups[1]!, app6)).toBe('SFGPUCIZ---F---');
    expect(groupSidc(groups[2]!, app6)).toBe(GENERIC_UNIT_SIDC);
    expect(groups[0]!.capabilities).toEqual([
      ['ARMD-BN', 1],
      ['MECH-INF-BN', 1],
    ]);
  });

  it('counts ULNs by stage', () => {
    expect(ulnStages(ULNS, 4)).toEqual({ origin: 0, moving: 3, enRoute: 0, destination: 0, unscheduled: 1 });
    expect(ulnStages(ULNS, 12)).toEqual({ origin: 0, moving: 1, enRoute: 0, destination: 2, unscheduled: 1 });
  });

  it('groups 5,000 ULNs into a few places', () => {
    const big = largePlanReport(5000).ulns;
    const groups = groupUlnsOnDay(big, 9);
    expect(groups.reduce((s, g) => s + g.ulns.length, 0)).toBe(5000);
    expect(groups.length).toBeLessThan(15);
  });
});

describe('datedDay', () => {
  const offset = (d: number) => (d < 0 ? `C−${-d}` : `C+${d}`);
  it('adds the calendar date once C-day is set, and nothing without one', () => {
    expect(datedDay(null, offset)(12)).toBe('C+12');
    expect(datedDay('2025-04-02', offset)(12)).toBe('C+12 (14 Apr 2025)');
    expect(datedDay('2025-04-02', offset)(-3)).toBe('C−3 (30 Mar 2025)');
    expect(daySpan(1, 4, datedDay('2025-04-02', offset))).toBe('C+1 (3 Apr 2025) to C+4 (6 Apr 2025)');
    expect(daySpan(2, 2, offset)).toBe('on C+2');
  });
});

describe('liftSummary', () => {
  it('says what may carry a ULN, from its capability’s lift, or nothing when any lift may', () => {
    expect(liftSummary({ modes: null, largestItemTonnes: null })).toBeNull();
    expect(liftSummary({ modes: ['sea'], largestItemTonnes: null })).toBe('Sea only');
    expect(liftSummary({ modes: ['road', 'rail', 'sea'], largestItemTonnes: 62 })).toBe(
      'Road, Rail, Sea only; largest item 62 t',
    );
    expect(liftSummary({ modes: null, largestItemTonnes: 35 })).toBe('Any mode; largest item 35 t');
  });
});
