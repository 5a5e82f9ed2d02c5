// The risk analysis computed for the reference scenario: the line, the bands summing to the placed
// personnel, the six rungs of the ladder, and a red line added to the document moving the force at
// the rungs above it (the escalation engine's figures, not numbers restated here); a scenario
// without a line or a ladder still answers, with notes.
import { describe, expect, it } from 'vitest';
import type { AnalysisArgs } from '../contract/analyses/index.ts';
import { RISK_CLIMB_DEFAULT } from '../contract/analyses/index.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { riskSchema, type RiskInput } from '../domain/risk-register.ts';
import { DEFAULT_CLIMB_PROBABILITY } from '../planner/escalation.ts';
import { rungConstraintsOf } from '../domain/analysis/response.ts';
import { ladderOf } from '../domain/escalation.ts';
import { computeAnalysis } from './analyses.ts';
import { loadScenarioFile, referenceScenarioFiles } from './reference-data.ts';

const doc: ScenarioDocument = loadScenarioFile(referenceScenarioFiles().find((f) => f.includes('article'))!);
const ARGS: AnalysisArgs<'risk'> = { draws: 400, seed: 7 };

function risk(d: ScenarioDocument, publicViewer = false, args: AnalysisArgs<'risk'> = ARGS) {
  return computeAnalysis('risk', { doc: d, rates: {} as never, partial: publicViewer, publicViewer }, args);
}

describe('the risk analysis of article-2025-03', () => {
  const { parameters, result } = risk(doc);

  it('echoes its parameters, the climb default the engine’s', () => {
    expect(RISK_CLIMB_DEFAULT).toBe(DEFAULT_CLIMB_PROBABILITY);
    expect(parameters).toMatchObject({ draws: 400, seed: 7, climb: DEFAULT_CLIMB_PROBABILITY });
  });

  it('has the line, and bands that sum to the placed personnel, per nation too', () => {
    expect(result.line).not.toBeNull();
    expect(result.line!.date).toBe(doc.theatre!.lineOfContact!.date);
    expect(result.line!.lengthKm).toBeGreaterThan(500);
    const e = result.exposure!;
    expect(e.view).toBe('full');
    const placed = e.positions.filter((p) => p.fromDay !== null).reduce((s, p) => s + p.personnel, 0);
    expect(placed).toBeGreaterThan(0);
    expect(e.personnel.reduce((s, n) => s + n, 0)).toBe(placed);
    expect(e.placedPersonnel).toBe(placed);
    const byNation = e.nations.reduce((s, n) => s + n.personnel.reduce((a, b) => a + b, 0), 0);
    expect(byNation).toBe(placed);
    expect(result.bands.length).toBe(e.bands.length);
    expect(result.headline.flags).toBe(e.flags.length);
    const within = result.headline.personnelWithin;
    expect(within.at(-1)!.personnel).toBe(placed - e.personnel.at(-1)!);
  });

  it('has the ladder of six rungs, lowest first, with the engine’s figures', () => {
    const ladder = result.ladder!;
    expect(ladder.rungs.map((r) => r.level)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(ladder.rungs[0]!.probabilityReached).toBe(1);
    expect(ladder.rungs[1]!.probabilityReached).toBeCloseTo(DEFAULT_CLIMB_PROBABILITY);
    expect(result.outcome).not.toBeNull();
  });

  it('a red line withdraws a nation at its rung and above: the force there drops', () => {
    const top = result.ladder!.rungs;
    const rung = top[2]!.id;
    const biggest = [...doc.offers]
      .filter((o) => o.status !== 'withdrawn')
      .sort((a, b) => b.personnel * b.quantity - a.personnel * a.quantity)[0]!.nation;
    const withRedLine: ScenarioDocument = {
      ...doc,
      redLines: [
        ...doc.redLines,
        { id: 'RL-TEST', nation: biggest, rung, effect: 'withdraws', statement: 'Test: withdraws at rung 3' },
      ],
    };
    const after = risk(withRedLine).result;
    const rungs = after.ladder!.rungs;
    expect(rungs[2]!.redLines.map((l) => l.id)).toEqual(['RL-TEST']);
    expect(rungs[2]!.withdrawals.map((w) => w.nation)).toContain(biggest);
    expect(after.headline.nationsWithdrawingByRung[1]!.nations).not.toContain(biggest);
    expect(after.headline.nationsWithdrawingByRung[5]!.nations).toContain(biggest);
    for (const i of [2, 3, 4, 5]) {
      expect(rungs[i]!.allDeliver.personnelMatched).toBeLessThan(top[i]!.allDeliver.personnelMatched);
      expect(rungs[i]!.personnelMatched.mean).toBeLessThan(top[i]!.personnelMatched.mean);
    }
    expect(rungs[1]!.personnelMatched).toEqual(top[1]!.personnelMatched);
    expect(after.outcome!.correlated.personnelMatched.mean).toBeLessThan(
      result.outcome!.correlated.personnelMatched.mean,
    );
  });

  it('a public viewer gets places on a grid and no distances', () => {
    const e = risk(doc, true).result.exposure!;
    expect(e.view).toBe('public');
    if (e.view !== 'public') return;
    const full = result.exposure!;
    expect(e.personnel).toEqual(full.personnel);
    for (const p of e.positions) {
      expect(p).not.toHaveProperty('distanceKm');
      expect(p).not.toHaveProperty('label');
      const k = p.lon / e.gridDegrees - 0.5;
      expect(Math.abs(k - Math.round(k))).toBeLessThan(1e-6);
    }
  });
});

describe('who can respond, in the risk analysis of article-2025-03', () => {
  const { parameters, result } = risk(doc);
  const r = result.respond!;

  it('answers for the sector nearest the line on the day the plan closes, and echoes its assumptions', () => {
    const nearest = [...r.sectors].sort((a, b) => a.distanceToLineKm! - b.distanceToLineKm!)[0]!;
    expect(r.sector).toBe(nearest.sector);
    expect(parameters.respond.sector).toBe(r.sector);
    const arrivals = result.exposure!.positions.flatMap((p) => (p.fromDay === null ? [] : [p.fromDay]));
    expect(r.day).toBe(Math.max(...arrivals));
    expect(parameters.respond.day).toBe(r.day);
    expect(r.windows).toEqual([24, 48, 72]);
    expect(r.rungs.map((g) => g.rung)).toEqual(result.ladder!.rungs.map((g) => g.id));
  });

  it('counts, per rung and window, exactly the units within the window (from the unit list)', () => {
    const able = r.units.filter((u) => u.hours !== null);
    expect(able.length).toBeGreaterThan(0);
    const within = (h: number) => able.filter((u) => u.hours! <= h).reduce((s, u) => s + u.personnel, 0);
    // No red line of the reference scenario touches a nation with units: every rung the same.
    for (const g of r.rungs) expect(g.personnel).toEqual(r.windows.map(within));
    expect(result.headline.respondWithin48h.map((x) => x.personnel)).toEqual(
      r.rungs.map((g) => g.personnel[1]),
    );
    // Enablers are listed and never counted.
    expect(r.units.filter((u) => u.domain === 'enabler').every((u) => u.hours === null)).toBe(true);
  });

  it('a nation withdrawing at a rung leaves the responders from that rung up', () => {
    const top = result.ladder!.rungs;
    const quick = r.units.find((u) => u.hours !== null && u.hours <= 48)!;
    const withRedLine: ScenarioDocument = {
      ...doc,
      redLines: [
        ...doc.redLines,
        {
          id: 'RL-T-1',
          nation: quick.nation as never,
          rung: top[3]!.id,
          effect: 'withdraws',
          statement: 'test',
        },
      ],
    };
    const after = risk(withRedLine).result.respond!;
    const theirs = after.rungs[0]!.nations.find((n) => n.nation === quick.nation)!.personnel[1]!;
    expect(theirs).toBeGreaterThan(0);
    expect(after.rungs[2]!.personnel).toEqual(r.rungs[2]!.personnel);
    expect(after.rungs[3]!.personnel[1]).toBe(r.rungs[3]!.personnel[1]! - theirs);
    expect(after.rungs[3]!.nations.map((n) => n.nation)).not.toContain(quick.nation);
  });

  it('applies at each rung the withdrawals and keep-away distances the escalation Monte Carlo reports there', () => {
    const top = result.ladder!.rungs;
    const withLines: ScenarioDocument = {
      ...doc,
      redLines: [
        ...doc.redLines,
        {
          id: 'RL-GBR-9',
          nation: 'GBR' as never,
          rung: top[1]!.id,
          effect: 'withdraws',
          share: 0.4,
          statement: 't',
        },
        {
          id: 'RL-GBR-8',
          nation: 'GBR' as never,
          rung: top[4]!.id,
          effect: 'withdraws',
          share: 0.7,
          statement: 't',
        },
        {
          id: 'RL-FRA-9',
          nation: 'FRA' as never,
          rung: top[2]!.id,
          effect: 'no-deploy-within',
          km: 80,
          statement: 't',
        },
      ],
    };
    const after = risk(withLines).result;
    const constraints = rungConstraintsOf(ladderOf(withLines.escalation), withLines.redLines);
    after.ladder!.rungs.forEach((g, i) => {
      const c = constraints[i]!;
      expect(Object.fromEntries(c.withdrawn)).toEqual(
        Object.fromEntries(g.withdrawals.map((w) => [w.nation, w.share])),
      );
      expect(Object.fromEntries(c.keepAwayKm)).toEqual(
        Object.fromEntries(g.restrictions.map((x) => [x.nation, x.km])),
      );
    });
    // And who can respond follows them: France is kept from the sector (nearer than 80 km) from rung 3.
    const x = after.respond!;
    expect(x.sectors.find((z) => z.sector === x.sector)!.distanceToLineKm!).toBeLessThan(80);
    expect(x.rungs[1]!.keptAway).not.toContain('FRA');
    expect(x.rungs[2]!.keptAway).toContain('FRA');
    const gbr = (i: number) => x.rungs[i]!.nations.find((n) => n.nation === 'GBR')!.personnel[2]!;
    expect(gbr(1)).toBe(Math.round(gbr(0) * 0.6));
    expect(gbr(4)).toBe(Math.round(gbr(0) * 0.3));
  });

  it('takes a threatened sector, a day, a notice to move and a march rate; refuses an unknown sector by name', () => {
    const far = r.sectors.find((s) => s.sector !== r.sector)!.sector;
    const other = risk(doc, false, { ...ARGS, sector: far, day: 20, noticeHours: 12, marchKmh: 20 });
    expect(other.result.respond!.sector).toBe(far);
    expect(other.result.respond!.day).toBe(20);
    expect(other.parameters.respond).toMatchObject({ sector: far, day: 20, marchKmh: 20 });
    expect(other.parameters.respond.noticeHours.land).toBe(12);
    const road = other.result.respond!.units.filter((u) => u.route === 'road' || u.route === 'in-sector');
    expect(road.every((u) => u.hours! >= 12)).toBe(true);
    expect(() => risk(doc, false, { ...ARGS, sector: 'Atlantis' })).toThrow(
      /sector: must be a sector with a placed destination/,
    );
  });

  it('a public viewer is answered from the grid cells shown, not the exact places', () => {
    const pub = risk(doc, true).result.respond!;
    expect(pub.units.map((u) => u.id).sort()).toEqual(r.units.map((u) => u.id).sort());
    const moved = pub.units.filter(
      (u) => u.route === 'road' && r.units.find((x) => x.id === u.id)!.hours !== u.hours,
    );
    expect(moved.length).toBeGreaterThan(0);
  });
});

describe('the risk register in the risk analysis', () => {
  it('ranks open entries by residual level and counts them on the 5 × 4 matrix', () => {
    const entries: RiskInput[] = [
      {
        id: 'R-1',
        title: 'Low one',
        cause: 'c',
        event: 'e',
        impact: 'i',
        links: [],
        probability: 'likely',
        severity: 'critical',
        controls: ['x'],
        residual: { probability: 'seldom', severity: 'moderate' },
        owner: 'J3',
        reviewDate: '2020-01-01',
        status: 'open',
      },
      {
        id: 'R-2',
        title: 'High one',
        cause: 'c',
        event: 'e',
        impact: 'i',
        links: [{ kind: 'rungs', key: 'attack-on-coalition' }],
        probability: 'frequent',
        severity: 'catastrophic',
        controls: [],
        residual: { probability: 'occasional', severity: 'catastrophic' },
        owner: 'J3',
        reviewDate: '2099-01-01',
        status: 'open',
      },
      {
        id: 'R-0',
        title: 'Closed',
        cause: 'c',
        event: 'e',
        impact: 'i',
        links: [],
        probability: 'frequent',
        severity: 'catastrophic',
        controls: [],
        residual: { probability: 'frequent', severity: 'catastrophic' },
        owner: 'J3',
        reviewDate: '2020-01-01',
        status: 'closed',
      },
    ];
    const risks = entries.map((e) => riskSchema.parse(e));
    const reg = risk({ ...doc, risks }).result.register;
    expect(reg.entries.map((e) => e.id)).toEqual(['R-2', 'R-1', 'R-0']);
    expect(reg.entries[0]!.residual.level).toBe('high');
    expect(reg.entries[1]!).toMatchObject({ level: 'high', reviewOverdue: true });
    expect(reg.entries[2]!.reviewOverdue).toBe(false);
    expect(reg.open).toBe(2);
    expect(reg.reviewsOverdue).toBe(1);
    expect(reg.openByResidualLevel).toEqual([0, 1, 0, 1]);
    expect(reg.matrix.initial[0]![0]).toBe(1); // catastrophic × frequent: R-2 (R-0 is closed)
    expect(reg.matrix.residual[2]![3]).toBe(1); // moderate × seldom: R-1
    expect(reg.matrix.residual.flat().reduce((a, b) => a + b, 0)).toBe(2);
  });
});

describe('a scenario without a line of contact or a ladder', () => {
  it('answers with null parts and notes', () => {
    const { theatre: _t, escalation: _e, ...bare } = doc;
    const { result } = risk(bare as ScenarioDocument);
    expect(result.line).toBeNull();
    expect(result.exposure).toBeNull();
    expect(result.ladder).toBeNull();
    expect(result.outcome).toBeNull();
    expect(result.bandsFrom).toBe('default');
    expect(result.headline.personnelWithin).toEqual([]);
    expect(result.notes.join(' ')).toMatch(/no line of contact/);
    expect(result.notes.join(' ')).toMatch(/no escalation ladder/);
  });
});
