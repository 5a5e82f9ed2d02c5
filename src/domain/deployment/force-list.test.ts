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

describe('generateForceList: arrival windows a unit can make', () => {
  // Shortest transit by Floyd–Warshall over the arcs that carry anything: an independent check of
  // the Dijkstra the generator uses, on the planner's route model.
  function transitMatrix(
    size: number,
    arcs: readonly { from: number; to: number; days: number; carries: boolean }[],
  ) {
    const d = Array.from({ length: size }, (_, i) =>
      Array.from({ length: size }, (_, j) => (i === j ? 0 : Infinity)),
    );
    for (const a of arcs)
      if (a.carries && a.from !== a.to) d[a.from]![a.to] = Math.min(d[a.from]![a.to]!, a.days);
    for (let k = 0; k < size; k++)
      for (let i = 0; i < size; i++)
        for (let j = 0; j < size; j++) d[i]![j] = Math.min(d[i]![j]!, d[i]![k]! + d[k]![j]!);
    return d;
  }

  const instance = fc.record({
    size: fc.integer({ min: 2, max: 6 }),
    arcs: fc.array(
      fc.record({
        from: fc.nat({ max: 5 }),
        to: fc.nat({ max: 5 }),
        days: fc.integer({ min: 1, max: 9 }),
        carries: fc.boolean(),
      }),
      { maxLength: 14 },
    ),
    onward: fc.integer({ min: 0, max: 10 }),
    window: fc.integer({ min: 0, max: 21 }),
    lines: fc.array(
      fc.record({
        rdd: fc.integer({ min: -60, max: 120 }),
        sector: fc.nat({ max: 5 }),
        assignments: fc.array(
          fc.record({
            garrison: fc.nat({ max: 5 }),
            ready: fc.integer({ min: -45, max: 150 }),
            quantity: fc.integer({ min: 1, max: 3 }),
          }),
          { minLength: 1, maxLength: 3 },
        ),
      }),
      { minLength: 1, maxLength: 6 },
    ),
  });

  it('always has ALD (from C+0) + shortest transit <= EAD <= LAD and LAD + onward movement <= RDD', () => {
    fc.assert(
      fc.property(instance, (x) => {
        const node = (i: number) => `n${i % x.size}`;
        const arcs = x.arcs
          .map((a) => ({ ...a, from: a.from % x.size, to: a.to % x.size }))
          .filter((a) => a.from !== a.to);
        const network = networkSchema.parse({
          nodes: Array.from({ length: x.size }, (_, i) => ({
            id: node(i),
            name: node(i),
            kind: 'staging-area',
            nation: 'POL',
            lat: 50,
            lon: 20,
          })),
          arcs: arcs.map((a, i) => ({
            id: `a${i}`,
            from: node(a.from),
            to: node(a.to),
            mode: 'road',
            transitDays: a.days,
            capacityPerDay: a.carries ? { personnel: 100, tonnes: 100 } : { personnel: 0, tonnes: 0 },
            loadSize: { personnel: 10, tonnes: 10 },
          })),
        });
        const transit = transitMatrix(x.size, arcs);
        // One nation per line's assignment, so each has its own garrison.
        const nations = ['GBR', 'FRA', 'DEU'];
        const garrisons = nations.map((nation, i) => ({
          nation: nation as NationId,
          node: node(x.lines[0]!.assignments[i % x.lines[0]!.assignments.length]!.garrison) as NodeId,
        }));
        const forceLines: ForceListLine[] = x.lines.map((l, i) => ({
          line: `L${i}` as RequirementId,
          capability: 'MECH-INF-BN' as CapabilityCode,
          sector: `s${l.sector % x.size}`,
          priority: 1 + (i % 3),
          rddCDay: l.rdd as Days,
          assignments: l.assignments.map((a, j) =>
            assignment(`O${i}-${j}`, nations[j % nations.length]!, a.quantity, 100 * a.quantity, 10, a.ready),
          ),
        }));
        const result = generateForceList(forceLines, {
          onwardMovementDays: x.onward as Days,
          arrivalWindowDays: x.window as Days,
          sectorDestinations: Object.fromEntries(
            Array.from({ length: x.size }, (_, i) => [`s${i}`, node(i) as NodeId]),
          ),
          garrisons,
          network,
        });
        if (!result.ok) throw new Error(JSON.stringify(result.issues));
        const shortfalls = new Map(result.rddShortfalls.map((s) => [s.uln as string, s]));
        for (const r of result.records) {
          const days = transit[Number(r.origin.slice(1))]![Number(r.destination.slice(1))]!;
          const moves = Number.isFinite(days) ? days : 0;
          const lineRdd = forceLines.find((l) => l.line === r.line)!.rddCDay;
          expect(Math.max(r.ald, 0) + moves).toBeLessThanOrEqual(r.ead);
          expect(r.ead).toBeLessThanOrEqual(r.lad);
          expect(r.lad + x.onward).toBeLessThanOrEqual(r.rdd);
          expect(ulnRecordSchema.safeParse(r).success).toBe(true);
          // The line's RDD is kept whenever the unit can make it, and a shortfall says so otherwise.
          const canMake = Math.max(r.ald, 0) + moves + x.onward <= lineRdd;
          expect(r.rdd === lineRdd).toBe(canMake);
          expect(shortfalls.has(r.uln)).toBe(!canMake);
          if (canMake) expect(r.lad).toBe(lineRdd - x.onward);
          else expect(shortfalls.get(r.uln)!.earliestRdd).toBe(Math.max(r.ald, 0) + moves + x.onward);
        }
      }),
    );
  });

  it('says why a unit cannot make its line’s RDD, in C-days', () => {
    const network = networkSchema.parse({
      nodes: ['gbr-tidworth', 'ukr-north'].map((id) => ({
        id,
        name: id,
        kind: 'staging-area',
        nation: 'POL',
        lat: 50,
        lon: 20,
      })),
      arcs: [
        {
          id: 'road',
          from: 'gbr-tidworth',
          to: 'ukr-north',
          mode: 'road',
          transitDays: 9,
          capacityPerDay: { personnel: 100, tonnes: 100 },
          loadSize: { personnel: 10, tonnes: 10 },
        },
      ],
    });
    const late = generateForceList(
      [{ ...lines[0]!, assignments: [assignment('gbr-inf', 'GBR', 1, 100, 10, 60)] }],
      {
        ...options,
        network,
      },
    );
    if (!late.ok) throw new Error('expected ok');
    // Ready C+60, 9 days on the road: EAD C+69, LAD three days later (the window), RDD 5 after.
    expect(late.records[0]).toMatchObject({ ald: 60, ead: 69, lad: 72, rdd: 77 });
    expect(late.rddShortfalls).toEqual([
      {
        uln: 'GBR-0001',
        line: 'req-inf-north',
        lineRdd: 30,
        earliestRdd: 74,
        daysShort: 44,
        reason:
          "ready C+60, 9 days' transit, 5 days' onward movement: delivered C+74 at the earliest, line RDD C+30",
      },
    ]);
  });

  it("times a unit's window by the arcs its capability's lift allows: tanks do not fly", () => {
    // An air bridge (1 day, 40 t lifts) and a long way round by road (12 days).
    const node = (id: string) => ({ id, name: id, kind: 'staging-area', nation: 'POL', lat: 50, lon: 20 });
    const arc = (id: string, mode: string, transitDays: number, tonnes: number) => ({
      id,
      from: 'gbr-tidworth',
      to: 'ukr-north',
      mode,
      transitDays,
      capacityPerDay: { personnel: 1000, tonnes: 1000 },
      loadSize: { personnel: 100, tonnes },
    });
    const network = networkSchema.parse({
      nodes: [node('gbr-tidworth'), node('ukr-north')],
      arcs: [arc('air', 'air', 1, 40), arc('road', 'road', 12, 300)],
    });
    const windowOf = (liftOf?: ForceListOptions['liftOf'], tonnes = 10) => {
      const r = generateForceList(
        [
          {
            ...lines[0]!,
            rddCDay: 90 as Days,
            assignments: [assignment('gbr-inf', 'GBR', 1, 100, tonnes, 60)],
          },
        ],
        { ...options, arrivalWindowDays: 30 as Days, network, ...(liftOf && { liftOf }) },
      );
      if (!r.ok) throw new Error('expected ok');
      return r.records[0]!;
    };
    // No lift: the air bridge, so the window may open the day after the ALD (C+61).
    expect(windowOf()).toMatchObject({ ald: 60, ead: 61 });
    // A 62 t tank does not fit a 40 t lift: the window opens after the road move (C+72).
    expect(windowOf(() => ({ largestItemTonnes: 62 }))).toMatchObject({ ald: 60, ead: 72 });
    expect(windowOf(() => ({ modes: ['road'] }))).toMatchObject({ ead: 72 });
    // A unit of another capability, or one with nothing to load, is not held to it.
    expect(windowOf((c) => (c === 'ARMD-BN' ? { largestItemTonnes: 62 } : undefined))).toMatchObject({
      ead: 61,
    });
    expect(windowOf(() => ({ largestItemTonnes: 62 }), 0)).toMatchObject({ ead: 61 });
  });
});
