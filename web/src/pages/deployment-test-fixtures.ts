// A small deployment plan for the component and helper tests, built by hand so each figure is known:
// British units by sea through Gdańsk and rail to the Medyka crossing, a French unit by road, one
// British ULN late and one that cannot be moved, over a 30-day horizon. `largePlanReport` repeats
// the same pattern for thousands of ULNs, for the tests that the pages stay quick at that size.
import type { PlanArc, PlanLeg, PlanNode, PlanReport, PlanUln } from '../../../src/contract/plan.ts';
import type { PlanEnvelope } from '../api-client.ts';

export const HORIZON = 30;

function node(
  id: string,
  name: string,
  kind: string,
  nation: string,
  lat: number,
  lon: number,
  reception: { personnel: number; tonnes: number } | null = null,
  busy: Record<number, number> = {},
): PlanNode {
  const utilisation = daily(busy);
  return {
    id,
    name,
    kind,
    nation,
    lat,
    lon,
    receptionPerDay: reception,
    daysAtCapacity: utilisation.filter((u) => u >= 1).length,
    peak: Math.max(0, ...utilisation),
    utilisation,
  };
}

function daily(busy: Record<number, number>): number[] {
  const u = new Array<number>(HORIZON).fill(0);
  for (const [d, v] of Object.entries(busy)) u[Number(d)] = v;
  return u;
}

function arc(
  id: string,
  from: string,
  to: string,
  mode: string,
  transitDays: number,
  capacity: [number, number],
  busy: Record<number, number> = {},
): PlanArc {
  const utilisation = daily(busy);
  return {
    id,
    from,
    to,
    mode,
    transitDays,
    capacityPerDay: { personnel: capacity[0], tonnes: capacity[1] },
    daysAtCapacity: utilisation.filter((u) => u >= 1).length,
    peak: Math.max(0, ...utilisation),
    utilisation,
  };
}

export const NODES: PlanNode[] = [
  node('GAR-TIDWORTH', 'Tidworth', 'garrison', 'GBR', 51.24, -1.66),
  node('SPOE-MARCHWOOD', 'Marchwood', 'spoe', 'GBR', 50.89, -1.45),
  node('SPOD-GDANSK', 'Gdańsk', 'spod', 'POL', 54.4, 18.67, { personnel: 2000, tonnes: 20000 }, { 9: 0.5 }),
  node(
    'BX-MEDYKA',
    'Medyka',
    'border-crossing',
    'POL',
    49.8,
    22.93,
    { personnel: 1500, tonnes: 6000 },
    {
      5: 0.4,
      11: 1,
      12: 1,
    },
  ),
  node('DEST-LVIV', 'Lviv', 'destination', 'UKR', 49.84, 24.03),
  node('GAR-MOURMELON', 'Mourmelon', 'garrison', 'FRA', 49.13, 4.37),
];

export const ARCS: PlanArc[] = [
  arc('TID-MAR', 'GAR-TIDWORTH', 'SPOE-MARCHWOOD', 'road', 1, [2000, 4000], { 1: 0.6, 2: 0.3 }),
  arc('MAR-GDA', 'SPOE-MARCHWOOD', 'SPOD-GDANSK', 'sea', 6, [1000, 20000], { 2: 1, 3: 0.9 }),
  arc('GDA-MED', 'SPOD-GDANSK', 'BX-MEDYKA', 'rail', 2, [600, 3000], { 9: 1, 10: 1, 11: 1 }),
  arc('MED-LVI', 'BX-MEDYKA', 'DEST-LVIV', 'road', 1, [1200, 3000], { 5: 0.5, 11: 0.6, 13: 0.4 }),
  arc('MOU-MED', 'GAR-MOURMELON', 'BX-MEDYKA', 'road', 3, [1000, 3000], { 2: 0.7 }),
  arc('GDA-LVI', 'SPOD-GDANSK', 'DEST-LVIV', 'road', 3, [500, 1000]),
];

function leg(a: string, firstDeparture: number, lastArrival: number, extra: Partial<PlanLeg> = {}): PlanLeg {
  const found = ARCS.find((x) => x.id === a)!;
  return {
    arc: a,
    from: found.from,
    to: found.to,
    mode: found.mode,
    firstDeparture,
    lastDeparture: lastArrival - found.transitDays,
    firstArrival: firstDeparture + found.transitDays,
    lastArrival,
    loads: 2,
    // Filled with the ULN's own by uln() unless given: every leg carries all of it.
    personnel: -1,
    tonnes: -1,
    followOn: false,
    ...extra,
  };
}

function uln(u: Partial<PlanUln> & Pick<PlanUln, 'uln' | 'nation' | 'capability' | 'personnel'>): PlanUln {
  const arrivalDay = u.arrivalDay ?? null;
  const r: PlanUln = {
    unit: `${u.capability} (${u.nation})`,
    line: `REQ-${u.capability}`,
    lineName: `${u.capability}, Lviv`,
    lineRdd: u.rdd ?? 14,
    heldBy: null,
    tonnes: u.personnel * 4,
    origin: 'GAR-TIDWORTH',
    destination: 'DEST-LVIV',
    ald: 1,
    ead: 6,
    lad: 10,
    rdd: 14,
    priority: 1,
    modes: null,
    largestItemTonnes: null,
    status: 'scheduled',
    legs: [],
    arrivalDay,
    // Delivered (personnel and critical equipment in) a day before the last load, unless told.
    deliveredDay: arrivalDay === null ? null : arrivalDay - 1,
    daysLate: 0,
    executedLoads: 0,
    ...u,
  };
  const whole = (l: PlanLeg): PlanLeg => ({
    ...l,
    personnel: l.personnel < 0 ? r.personnel : l.personnel,
    tonnes: l.tonnes < 0 ? r.tonnes : l.tonnes,
  });
  return { ...r, legs: r.legs.map(whole) };
}

export const ULNS: PlanUln[] = [
  uln({
    uln: 'GBR-0001',
    nation: 'GBR',
    capability: 'MECH-INF-BN',
    personnel: 650,
    legs: [leg('TID-MAR', 1, 2), leg('MAR-GDA', 2, 8), leg('GDA-MED', 9, 11), leg('MED-LVI', 11, 12)],
    arrivalDay: 12,
  }),
  uln({
    uln: 'GBR-0002',
    nation: 'GBR',
    capability: 'ARMD-BN',
    personnel: 550,
    priority: 2,
    ald: 2,
    largestItemTonnes: 62,
    legs: [leg('TID-MAR', 2, 3), leg('MAR-GDA', 3, 10), leg('GDA-MED', 10, 14), leg('MED-LVI', 19, 20)],
    arrivalDay: 20,
    deliveredDay: 19,
    daysLate: 5,
  }),
  uln({
    uln: 'FRA-0001',
    nation: 'FRA',
    capability: 'MECH-INF-BN',
    personnel: 650,
    origin: 'GAR-MOURMELON',
    ald: 2,
    rdd: 10,
    lad: 8,
    ead: 4,
    legs: [leg('MOU-MED', 2, 5), leg('MED-LVI', 5, 6)],
    arrivalDay: 6,
  }),
  uln({
    uln: 'GBR-0003',
    nation: 'GBR',
    capability: 'HQ-STAFF',
    personnel: 150,
    priority: 3,
    ald: 0,
    rdd: 7,
    lad: 5,
    ead: 3,
    modes: ['sea'],
    status: 'no-route',
    daysLate: 53,
  }),
];

/** Personnel at their destinations by the end of each day. */
function closureCurve(ulns: readonly PlanUln[]): number[] {
  return Array.from({ length: HORIZON }, (_, d) =>
    ulns.filter((u) => u.arrivalDay !== null && u.arrivalDay <= d).reduce((s, u) => s + u.personnel, 0),
  );
}

export function planReport(changes: Partial<PlanReport> = {}): PlanReport {
  return {
    scenario: 's1',
    cDay: null,
    today: 0,
    horizonDays: HORIZON,
    forceList: { source: 'stored', ulns: 4, personnel: 2000, tonnes: 8000 },
    target: { personnel: 2500, inForceList: 2000, notInForceList: 500 },
    closure: {
      lastArrivalDay: 20,
      halfDay: 12,
      ninetyDay: null,
      allDay: null,
      targetDay: null,
      curve: closureCurve(ULNS),
    },
    objective: {
      value: 4025,
      weightedPersonnelDaysLate: 1375,
      personnelDaysLate: 2750,
      unitDaysLate: 5,
      weightedUnitDaysLate: 2.5,
      unplannedPenalty: 2650,
      penaltyDay: 60,
      criticalShare: 0.9,
      lateUlns: 1,
      heldOnTime: false,
      guided: null,
      madeLad: 2,
      readinessLateUlns: 0,
      unscheduled: 1,
      summary:
        "Objective 4,025 weighted personnel-days late (lower is better): each ULN's days from its RDD to the day it is delivered, with its personnel and 90% of its tonnes (its critical equipment) in, × its personnel × its priority weight (1 / priority); 1,375 from 1 ULN delivered after its RDD (2,750 personnel-days, 5 unit-days late); 2,650 from 1 ULN the plan cannot move, each counted as delivered on the penalty day, C+60.",
      bound: {
        value: 3500,
        gapPercent: 15,
        status: 'proved',
        seconds: 1.25,
        text: 'Within 15.0% of the best possible (proved bound 3,500 weighted personnel-days late).',
      },
    },
    missedLad: [
      {
        uln: 'GBR-0002',
        kind: 'congestion',
        reason: 'congestion: Gdańsk (POL) → Medyka (POL), rail at capacity C+9–C+11',
      },
      {
        uln: 'GBR-0003',
        kind: 'no-route',
        reason:
          'no route from GAR-TIDWORTH to DEST-LVIV that its lift allows (modes sea); it may not use road, rail or air (its modes: sea), and over any arc it would have a route',
      },
    ],
    ulns: ULNS,
    arcs: ARCS,
    nodes: NODES,
    closures: [],
    bottlenecks: [
      {
        kind: 'arc',
        id: 'GDA-MED',
        name: 'Gdańsk (POL) → Medyka (POL), rail',
        daysAtCapacity: 3,
        weightedWaiting: 2.5,
        explanation:
          'at capacity (600 personnel, 3000 t a day) on 3 days; 2 ULNs pass it, 1 of them arrive after their RDD',
      },
      {
        kind: 'node',
        id: 'BX-MEDYKA',
        name: 'Medyka (POL)',
        daysAtCapacity: 2,
        weightedWaiting: 1,
        explanation: 'reception full on 2 days; 3 ULNs pass it, 1 of them arrive after their RDD',
      },
    ],
    holdUps: [
      'Force generation: the force list holds 2,000 personnel of the 2,500 target; 500 are not offered or not matched to a requirement line, so the target cannot close by movement alone.',
      'Unplanned: 1 ULN (150 personnel) cannot be moved, and the objective counts each as delivered on the penalty day, C+60 (2,650 of its 4,025): GBR-0003 no route from GAR-TIDWORTH to DEST-LVIV that its lift allows (modes sea); it may not use road, rail or air (its modes: sea), and over any arc it would have a route.',
      'Gdańsk (POL) → Medyka (POL), rail: at capacity (600 personnel, 3000 t a day) on 3 days; 2 ULNs pass it, 1 of them arrive after their RDD.',
    ],
    ...changes,
  };
}

export function planEnvelope(
  options: {
    report?: PlanReport;
    partial?: boolean;
    reference?: PlanEnvelope['reference'];
    parameters?: Partial<PlanEnvelope['parameters']>;
  } = {},
): PlanEnvelope {
  return {
    scenario: 's1',
    partial: options.partial ?? false,
    parameters: { today: 0, reference: false, boundSeconds: 5, ...options.parameters },
    result: options.report ?? planReport(),
    reference: options.reference ?? null,
  };
}

/** `count` ULNs cycling through the small plan's ones, renumbered, for size tests. */
export function largePlanReport(count: number): PlanReport {
  const nations = ['GBR', 'FRA', 'DEU', 'POL', 'NLD'];
  const ulns: PlanUln[] = Array.from({ length: count }, (_, i) => {
    const base = ULNS[i % ULNS.length]!;
    const shift = i % 7;
    const nation = nations[i % nations.length]!;
    return {
      ...base,
      uln: `${nation}-${String(i + 1).padStart(5, '0')}`,
      nation,
      ald: base.ald + shift,
      rdd: base.rdd + shift,
      priority: 1 + (i % 5),
      legs: base.legs.map((l) => ({
        ...l,
        firstDeparture: l.firstDeparture + shift,
        lastDeparture: l.lastDeparture + shift,
        firstArrival: l.firstArrival + shift,
        lastArrival: l.lastArrival + shift,
      })),
      arrivalDay: base.arrivalDay === null ? null : base.arrivalDay + shift,
    };
  });
  return planReport({
    ulns,
    forceList: { source: 'generated', ulns: count, personnel: count * 500, tonnes: 0 },
  });
}
