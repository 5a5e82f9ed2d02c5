import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenarioText } from '../domain/scenario-document.ts';
import { nation, stance } from '../domain/test-fixtures.ts';
import { absentUsa, fillScenario, line, unitOffer } from './fill-test-fixtures.ts';
import { forceFill } from './force-fill.ts';
import { usDependency } from './us-dependency.ts';

const backstop = { excludedSectors: [], allowedTasks: [], requiresUsBackstop: true };

describe('usDependency', () => {
  // R-1 Kyiv infantry x2 (priority 1), R-2 Odesa infantry x1 (priority 2), R-3 air defence x1 (priority 1).
  // DEU offers 2 battalions if the US backstops; GBR 1 battalion; the (absent) US 1 battery.
  // With the US: R-1 takes DEU's 2 (DEU-1 comes before GBR-1 by id), R-2 GBR's, R-3 the US battery.
  // Without: GBR's battalion moves up to R-1, so R-2 loses its unit too, though no US-dependent offer
  // filled it; R-3 has nothing.
  const scenario = fillScenario({
    nations: [absentUsa()],
    lines: [
      line('R-1', 2),
      line('R-2', 1, { sector: 'Odesa', priority: 2 }),
      line('R-3', 1, { capability: 'GBAD', task: 'air-defence' }),
    ],
    offers: [
      unitOffer('DEU-1', 'DEU', 2, { caveats: backstop }),
      unitOffer('GBR-1', 'GBR', 1),
      unitOffer('USA-1', 'USA', 1, { capability: 'GBAD' }),
    ],
  });

  it('lists each line that loses units without the US, and what it rests on', () => {
    const report = usDependency(scenario);
    expect(report.absentNations).toEqual(['USA']);
    expect(report.lines).toEqual([
      {
        line: 'R-1',
        capability: 'INF',
        sector: 'Kyiv',
        task: 'deterrence',
        priority: 1,
        requiredQuantity: 2,
        filledWithUs: 2,
        filledWithoutUs: 1,
        lostQuantity: 1,
        lostPersonnel: 100,
        onlyBackstopOffers: true,
        onlyAbsentNations: false,
        backstopOffers: ['DEU-1'],
        absentNations: [],
      },
      {
        line: 'R-2',
        capability: 'INF',
        sector: 'Odesa',
        task: 'deterrence',
        priority: 2,
        requiredQuantity: 1,
        filledWithUs: 1,
        filledWithoutUs: 0,
        lostQuantity: 1,
        lostPersonnel: 100,
        onlyBackstopOffers: false,
        onlyAbsentNations: false,
        backstopOffers: [],
        absentNations: [],
      },
      {
        line: 'R-3',
        capability: 'GBAD',
        sector: 'Kyiv',
        task: 'air-defence',
        priority: 1,
        requiredQuantity: 1,
        filledWithUs: 1,
        filledWithoutUs: 0,
        lostQuantity: 1,
        lostPersonnel: 100,
        onlyBackstopOffers: false,
        onlyAbsentNations: true,
        backstopOffers: [],
        absentNations: ['USA'],
      },
    ]);
  });

  it('sums what the coalition lacks if the US stays out', () => {
    const { lacks, withUs, withoutUs } = usDependency(scenario);
    // With: 2 x 5 + 1 x 4 + 1 x 5 = 19; without: 1 x 5 = 5.
    expect([withUs.weightedFill, withoutUs.weightedFill]).toEqual([19, 5]);
    expect(lacks).toEqual({
      lines: ['R-1', 'R-2', 'R-3'],
      linesEmptied: ['R-2', 'R-3'],
      quantity: 3,
      personnel: 300,
      personnelMatched: 300,
      weightedFill: 14,
      byCapability: [
        { capability: 'INF', quantity: 2, personnel: 200 },
        { capability: 'GBAD', quantity: 1, personnel: 100 },
      ],
    });
  });

  it('reads stances on the analysis date: a US that has joined is no dependency', () => {
    const joined = fillScenario({
      nations: [
        nation('USA', {
          stances: [
            stance({ stance: 'absent', statement: 'Absent.' }),
            stance({ date: '2025-08-01', stance: 'committed', statement: 'Joins.' }),
          ],
        }),
      ],
      lines: [line('R-3', 1, { capability: 'GBAD', task: 'air-defence' })],
      offers: [unitOffer('USA-1', 'USA', 1, { capability: 'GBAD' })],
    });
    expect(usDependency(joined).lacks.lines).toEqual(['R-3']);
    const later = usDependency(joined, { asOf: '2025-09-01' });
    expect(later.absentNations).toEqual([]);
    expect(later.lines).toEqual([]);
  });
});

describe('usDependency on the reference scenario article-2025-03', () => {
  const parsed = parseScenarioText(readFileSync('data/scenarios/article-2025-03.yaml', 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  // Late offers counted, as the figures below were worked out (and confirmed by HiGHS) that way.
  const report = usDependency(parsed.document, { allowLate: true });

  it('finds 27 units (9,590 personnel) over 12 lines that rest on the US', () => {
    // The US offers nothing, so "without" is the default fill and "with" is the fill with
    // usBackstop; both weighted fills (944 and 1,070) are confirmed by HiGHS in force-fill-lp.test.ts.
    expect(report.absentNations).toEqual(['USA']);
    expect(report.withoutUs).toEqual(forceFill(parsed.document, { allowLate: true }).totals);
    expect(report.withUs).toEqual(forceFill(parsed.document, { usBackstop: true, allowLate: true }).totals);
    expect(report.lacks).toMatchObject({
      lines: [
        'R-HQ-05',
        'R-SIG-01',
        'R-L-02',
        'R-L-03',
        'R-L-06',
        'R-L-09',
        'R-L-18',
        'R-A-02',
        'R-AD-01',
        'R-LOG-01',
        'R-LOG-02',
        'R-MED-02',
      ],
      // Second-line Dnipro infantry and artillery, Kyiv air policing and Odesa logistics have units
      // only through German and Italian offers conditional on a US backstop.
      linesEmptied: ['R-L-03', 'R-L-09', 'R-A-02', 'R-LOG-02'],
      quantity: 27,
      personnel: 9_590,
      personnelMatched: 55_550 - 45_960,
      weightedFill: 1_070 - 944,
    });
    expect(report.lines.filter((l) => l.onlyBackstopOffers).map((l) => l.line)).toEqual([
      'R-L-03',
      'R-L-09',
      'R-A-02',
      'R-LOG-02',
    ]);
    expect(report.lines.some((l) => l.onlyAbsentNations)).toBe(false);
  });

  it('does not count a line whose backstop units another offer replaces', () => {
    // With the US, German tanks fill part of R-L-05 (Kyiv armour); without, British tanks take
    // their place, so the line keeps its 4 units.
    expect(report.lines.find((l) => l.line === 'R-L-05')).toMatchObject({
      filledWithUs: 4,
      filledWithoutUs: 4,
      lostQuantity: 0,
      backstopOffers: ['OFF-DEU-02'],
    });
  });
});
