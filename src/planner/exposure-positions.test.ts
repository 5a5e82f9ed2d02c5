import { describe, expect, it } from 'vitest';
import type { PlanNode, PlanReport, PlanUln } from '../contract/plan.ts';
import { computeExposure } from '../domain/analysis/exposure.ts';
import { DEFAULT_EXPOSURE_BANDS } from '../domain/theatre.ts';
import { exposurePositions, offersByUln } from './exposure-positions.ts';

function planUln(uln: string, destination: string, extra: Partial<PlanUln> = {}): PlanUln {
  return {
    uln,
    nation: uln.slice(0, 3),
    capability: 'MECH-INF-BN',
    unit: `Mechanised infantry battalion (${uln.slice(0, 3)})`,
    line: 'REQ-01',
    lineName: null,
    lineRdd: 30,
    personnel: 600,
    tonnes: 900,
    origin: 'ORIGIN',
    destination,
    ald: 0,
    ead: 10,
    lad: 20,
    rdd: 30,
    priority: 1,
    modes: null,
    largestItemTonnes: null,
    status: 'scheduled',
    legs: [],
    arrivalDay: 18,
    deliveredDay: 18,
    daysLate: 0,
    heldBy: null,
    executedLoads: 0,
    ...extra,
  };
}

function planNode(id: string, name: string, lon: number, lat: number): PlanNode {
  return {
    id,
    name,
    kind: 'staging',
    nation: 'UKR',
    lat,
    lon,
    receptionPerDay: null,
    daysAtCapacity: 0,
    peak: 0,
    utilisation: [],
  };
}

const plan: Pick<PlanReport, 'ulns' | 'nodes'> = {
  nodes: [
    planNode('UKR-ZAP', 'Zaporizhzhia', 35.14, 47.84),
    planNode('UKR-LVIV', 'Lviv staging area', 24.03, 49.84),
  ],
  ulns: [
    planUln('DEU-0003', 'UKR-ZAP', { arrivalDay: 21 }),
    planUln('GBR-0001', 'UKR-LVIV', { personnel: 800, arrivalDay: 12 }),
    planUln('FRA-0001', 'UKR-ZAP', { status: 'no-route', arrivalDay: null }),
    planUln('POL-0001', 'NOWHERE'),
  ],
};

describe('exposurePositions', () => {
  it('stands each ULN at its destination from its arrival day; the unscheduled unplaced, the unknown node apart', () => {
    const { positions, unlocated } = exposurePositions(plan);
    expect(positions).toEqual([
      {
        id: 'DEU-0003',
        nation: 'DEU',
        personnel: 600,
        lon: 35.14,
        lat: 47.84,
        fromDay: 21,
        label: 'Zaporizhzhia',
      },
      {
        id: 'GBR-0001',
        nation: 'GBR',
        personnel: 800,
        lon: 24.03,
        lat: 49.84,
        fromDay: 12,
        label: 'Lviv staging area',
      },
      {
        id: 'FRA-0001',
        nation: 'FRA',
        personnel: 600,
        lon: 35.14,
        lat: 47.84,
        fromDay: null,
        label: 'Zaporizhzhia',
      },
    ]);
    expect(unlocated).toEqual([{ uln: 'POL-0001', nation: 'POL', personnel: 600, destination: 'NOWHERE' }]);
  });

  it('carries each ULN’s offer and caveat, so the exposure flags it', () => {
    const byUln = offersByUln(
      [
        { uln: 'DEU-0003', offer: 'OFF-DEU-01' },
        { uln: 'GBR-0001', offer: 'OFF-GBR-01' },
      ],
      [
        { id: 'OFF-DEU-01', caveats: { minDistanceFromLineKm: 50 } },
        { id: 'OFF-GBR-01', caveats: {} },
      ],
    );
    expect([...byUln]).toEqual([
      ['DEU-0003', { offer: 'OFF-DEU-01', minDistanceFromLineKm: 50 }],
      ['GBR-0001', { offer: 'OFF-GBR-01' }],
    ]);
    const { positions } = exposurePositions(plan, byUln);
    expect(positions[0]).toMatchObject({ offer: 'OFF-DEU-01', minDistanceKm: 50 });
    expect(positions[1]).toMatchObject({ offer: 'OFF-GBR-01' });
    expect(positions[1]).not.toHaveProperty('minDistanceKm');

    // A line 0.4° of longitude east of Zaporizhzhia: about 30 km.
    const exposure = computeExposure({
      line: [
        [
          [35.54, 47],
          [35.54, 48.5],
        ],
      ],
      bands: DEFAULT_EXPOSURE_BANDS,
      positions,
    });
    expect(exposure.flags.map((f) => f.text)).toEqual([
      "OFF-DEU-01's caveat keeps it 50 km from the line; its ULN DEU-0003 stands 30 km away at Zaporizhzhia",
    ]);
    expect(exposure.personnel.reduce((a, b) => a + b, 0)).toBe(1400);
    expect(exposure.unplacedPersonnel).toBe(600);
  });
});
