import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { LineFill } from '../analysis/force-fill-report.ts';
import type { CapabilityCode, Days, NationId, OfferId, Personnel, RequirementId, Tonnes } from '../ids.ts';
import {
  generateForceList,
  splitEvenly,
  ulnRecordSchema,
  type ForceListLine,
  type ForceListOptions,
} from './force-list.ts';
import { networkSchema, type NodeId } from './network.ts';

// The planner hands the force-fill report's lines to generateForceList as they are: a LineFill must
// keep satisfying ForceListLine (stated apart to keep the ULN schema out of an import cycle).
const _fillLineIsForceListLine = (line: LineFill): ForceListLine => line;

const assignment = (
  offer: string,
  nation: string,
  quantity: number,
  personnel: number,
  tonnes: number,
  readyCDay: number,
) => ({
  offer: offer as OfferId,
  nation: nation as NationId,
  quantity,
  personnel: personnel as Personnel,
  tonnes: tonnes as Tonnes,
  readyCDay: readyCDay as Days,
});

const lines: ForceListLine[] = [
  {
    line: 'req-inf-north' as RequirementId,
    capability: 'MECH-INF-BN' as CapabilityCode,
    sector: 'north',
    priority: 2,
    rddCDay: 30 as Days,
    assignments: [
      assignment('gbr-inf', 'GBR', 3, 1600, 1000.001, 10),
      assignment('fra-inf', 'FRA', 1, 700, 250, 20),
    ],
  },
  {
    line: 'req-eng-south' as RequirementId,
    capability: 'ENG-COY' as CapabilityCode,
    sector: 'south',
    priority: 1,
    rddCDay: 45 as Days,
    assignments: [assignment('gbr-eng', 'GBR', 2, 301, 80.5, -3)],
  },
];

const options: ForceListOptions = {
  onwardMovementDays: 5 as Days,
  arrivalWindowDays: 3 as Days,
  sectorDestinations: { north: 'ukr-north' as NodeId, south: 'ukr-south' as NodeId },
  garrisons: [
    { nation: 'GBR' as NationId, node: 'gbr-tidworth' as NodeId },
    { nation: 'GBR' as NationId, capability: 'ENG-COY' as CapabilityCode, node: 'gbr-minley' as NodeId },
    { nation: 'FRA' as NationId, node: 'fra-mourmelon' as NodeId },
  ],
};

describe('splitEvenly', () => {
  it('conserves the total, differs by at most one, larger shares first', () => {
    expect(splitEvenly(1600, 3)).toEqual([534, 533, 533]);
    fc.assert(
      fc.property(fc.nat({ max: 1_000_000 }), fc.integer({ min: 1, max: 50 }), (total, parts) => {
        const s = splitEvenly(total, parts);
        expect(s).toHaveLength(parts);
        expect(s.reduce((a, b) => a + b, 0)).toBe(total);
        expect(Math.max(...s) - Math.min(...s)).toBeLessThanOrEqual(1);
      }),
    );
  });
});

describe('generateForceList', () => {
  it('builds one ULN per unit, numbered per nation by priority then RDD', () => {
    const result = generateForceList(lines, options);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const r = result.records;
    expect(r.map((x) => x.uln)).toEqual([
      'GBR-0001',
      'GBR-0002',
      'FRA-0001',
      'GBR-0003',
      'GBR-0004',
      'GBR-0005',
    ]);
    // Priority 1 (engineers) first; the capability's own garrison wins over the default.
    expect(r[0]).toEqual({
      uln: 'GBR-0001',
      nation: 'GBR',
      capability: 'ENG-COY',
      personnel: 151,
      tonnes: 40.25,
      origin: 'gbr-minley',
      ald: -3,
      ead: 37,
      lad: 40,
      rdd: 45,
      destination: 'ukr-south',
      priority: 1,
      offer: 'gbr-eng',
      line: 'req-eng-south',
    });
    // Within a line, offers go in id order (fra-inf before gbr-inf).
    expect(r[2]).toMatchObject({ uln: 'FRA-0001', origin: 'fra-mourmelon', ald: 20 });
    expect(r[3]).toMatchObject({
      origin: 'gbr-tidworth',
      destination: 'ukr-north',
      ald: 10,
      ead: 22,
      lad: 25,
      rdd: 30,
    });
    for (const rec of r) expect(ulnRecordSchema.safeParse(rec).success).toBe(true);
  });

  it('conserves personnel exactly and tonnes to the kilogram per assignment', () => {
    const result = generateForceList(lines, options);
    if (!result.ok) throw new Error('expected ok');
    const byOffer = (offer: string) => result.records.filter((x) => x.offer === offer);
    expect(byOffer('gbr-inf').map((x) => x.personnel)).toEqual([534, 533, 533]);
    expect(byOffer('gbr-inf').reduce((a, x) => a + Math.round(x.tonnes * 1000), 0)).toBe(1_000_001);
    expect(byOffer('gbr-eng').reduce((a, x) => a + x.personnel, 0)).toBe(301);
  });

  it('numbers the same whatever the order of lines and assignments', () => {
    const shuffled = [...lines].reverse().map((l) => ({ ...l, assignments: [...l.assignments].reverse() }));
    const a = generateForceList(lines, options);
    const b = generateForceList(shuffled, options);
    expect(b).toEqual(a);
  });

  it('reports sectors without a destination, nations without a garrison and nodes not in the network', () => {
    const bad = generateForceList(lines, {
      ...options,
      sectorDestinations: { north: 'ukr-north' as NodeId },
      garrisons: options.garrisons.filter((g) => g.nation !== 'FRA'),
    });
    expect(bad).toEqual({
      ok: false,
      issues: [
        {
          path: 'lines[0].assignments[1].nation',
          message: 'FRA has no garrison for MECH-INF-BN and no default garrison',
        },
        { path: 'lines[1].sector', message: 'sector "south" has no destination node (sectorDestinations)' },
      ],
    });
    const network = networkSchema.parse({
      nodes: [{ id: 'ukr-north', name: 'North', kind: 'destination', nation: 'UKR', lat: 50, lon: 30 }],
    });
    const missing = generateForceList([lines[0]!], { ...options, network });
    expect(!missing.ok && missing.issues.map((i) => i.message)).toEqual([
      'garrison of GBR "gbr-tidworth" is not a node of the network',
      'garrison of FRA "fra-mourmelon" is not a node of the network',
    ]);
  });
});

describe('ulnRecordSchema', () => {
  it('checks the ULN prefix and that EAD <= LAD <= RDD', () => {
    const result = generateForceList(lines, options);
    if (!result.ok) throw new Error('expected ok');
    const bad = ulnRecordSchema.safeParse({ ...result.records[0], uln: 'FRA-0001', ead: 41, lad: 46 });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['uln', 'must start with the nation code "GBR-"'],
      ['lad', 'must not be after RDD'],
    ]);
  });
});
