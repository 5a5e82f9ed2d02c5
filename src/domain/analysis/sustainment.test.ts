// Sustainment arithmetic: every expected figure is worked out by hand in the comment beside it, and
// the properties pin the model's invariants (never more than offered, more dwell never helps, the
// closed form equals a slot-by-slot simulation of whole-contingent rotation).
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Months, NationId, Personnel, RequirementId } from '../ids.ts';
import { parseScenarioText } from '../scenario-document.ts';
import { offeredPersonnelByNation } from './offered-personnel.ts';
import {
  analyseSustainment,
  monthsAtFullStrength,
  nationSustainment,
  poolNeededFor,
  resolveRotationPolicy,
  rotationalPoolNeeded,
  strengthSustainableFor,
  sustainableStrength,
  type AppliedRotationPolicy,
  type Endurance,
  type LineContributionsInput,
  type NationStrength,
  type RotationPolicyInput,
} from './sustainment.ts';

const nationId = (id: string) => id as NationId;
const months = (m: number) => m as Months;

function strength(nation: string, personnel: number, pool?: number): NationStrength {
  return {
    nation: nationId(nation),
    strength: personnel as Personnel,
    ...(pool === undefined ? {} : { pool: pool as Personnel }),
  };
}

function policy(nation: string, tourMonths: number, dwellRatio: number): RotationPolicyInput {
  return { nation: nationId(nation), tourMonths: months(tourMonths), dwellRatio, assumption: 'test' };
}

function applied(tourMonths: number, dwellRatio: number): AppliedRotationPolicy {
  return { basis: 'scenario', tourMonths: months(tourMonths), dwellRatio };
}

function line(
  lineId: string,
  durationMonths: number,
  ...contributions: [string, number][]
): LineContributionsInput {
  return {
    lineId: lineId as RequirementId,
    durationMonths: months(durationMonths),
    contributions: contributions.map(([nation, personnel]) => ({
      nation: nationId(nation),
      personnel: personnel as Personnel,
    })),
  };
}

const rows = (r: { horizon: Endurance; personnel: number }[]) => r.map((x) => [x.horizon, x.personnel]);

describe('nation sustainment', () => {
  it('takes the offer as the whole pool when no pool is given (UK harmony, 6-month tours, dwell 4)', () => {
    const n = nationSustainment(strength('GBR', 1000), applied(6, 4));
    expect(n).toMatchObject({
      pool: 1000,
      poolBasis: 'strength',
      poolNeeded: 5000, // 1,000 × (1 + 4)
      poolShortfall: 4000, // 5,000 − 1,000
      sustainableStrength: 200, // 1,000 / 5
      monthsBeforeFirstRelief: 6, // one tour
      contingents: 1, // floor(1,000 / 1,000)
      reliefRotations: 0,
      monthsAtFullStrength: 6, // 1 contingent × 6 months
    });
    expect(rows(n.sustainableFor)).toEqual([
      [6, 1000], // 1 contingent: the whole offer
      [12, 500], // 2 contingents: 1,000 / 2
      [24, 250], // 4 contingents: 1,000 / 4
      [36, 200], // 6 contingents would give 166; the steady state 1,000 / 5 = 200 is more
      ['indefinite', 200],
    ]);
  });

  it('counts the reliefs a larger pool supports (4-month tours, dwell 3, 2,000 deployed from 5,000)', () => {
    const n = nationSustainment(strength('FRA', 2000, 5000), applied(4, 3));
    expect(n).toMatchObject({
      poolBasis: 'given',
      poolNeeded: 8000, // 2,000 × 4
      poolShortfall: 3000,
      sustainableStrength: 1250, // 5,000 / 4
      contingents: 2, // floor(5,000 / 2,000)
      reliefRotations: 1,
      monthsAtFullStrength: 8, // 2 × 4 months
    });
    expect(rows(n.sustainableFor)).toEqual([
      [6, 2000], // ceil(6/4) = 2 contingents: 5,000 / 2 = 2,500, capped at the 2,000 offered
      [12, 1666], // 3 contingents: floor(5,000 / 3)
      [24, 1250], // 6 contingents: 833 < steady state 1,250
      [36, 1250],
      ['indefinite', 1250],
    ]);
    // 1,666 really lasts 12 months (floor(5,000 / 1,666) = 3 tours) and 1,667 does not (2 tours, 8 months).
    expect(monthsAtFullStrength(1666, 5000, applied(4, 3))).toBe(12);
    expect(monthsAtFullStrength(1667, 5000, applied(4, 3))).toBe(8);
  });

  it('is indefinite exactly when the pool reaches strength × (1 + dwell)', () => {
    const thirds = applied(6, 2);
    expect(nationSustainment(strength('EST', 650, 1950), thirds)).toMatchObject({
      poolNeeded: 1950, // 650 × 3
      poolShortfall: 0,
      sustainableStrength: 650,
      monthsAtFullStrength: 'indefinite',
    });
    expect(nationSustainment(strength('EST', 650, 1949), thirds)).toMatchObject({
      poolShortfall: 1,
      sustainableStrength: 649, // floor(1,949 / 3)
      contingents: 2, // floor(1,949 / 650): the first is not rested until month 18
      monthsAtFullStrength: 12,
    });
  });

  it('rounds pools up and sustainable strength down, without floating-point slips', () => {
    // Dwell 2/3 (a 1:0.67 cycle): 600 × 5/3 is exactly 1,000; 650 × 5/3 = 1,083.3 needs 1,084 people.
    expect(rotationalPoolNeeded(600, 2 / 3)).toBe(1000);
    expect(rotationalPoolNeeded(650, 2 / 3)).toBe(1084);
    expect(sustainableStrength(600, 1000, 2 / 3)).toBe(600);
    expect(sustainableStrength(650, 1084, 2 / 3)).toBe(650); // floor(1,084 × 3/5) = floor(650.4)
    expect(sustainableStrength(650, 1083, 2 / 3)).toBe(649); // floor(649.8)
    expect(monthsAtFullStrength(650, 1084, applied(4, 2 / 3))).toBe('indefinite');
  });

  it('gives no full-strength months when the pool cannot field the strength once', () => {
    const n = nationSustainment(strength('LVA', 1000, 800), applied(6, 2));
    expect(n).toMatchObject({ contingents: 0, reliefRotations: 0, monthsAtFullStrength: 0 });
    expect(n.sustainableStrength).toBe(266); // floor(800 / 3)
    expect(n.sustainableFor[0]).toEqual({ horizon: 6, personnel: 800 }); // one tour: all 800
  });

  it('with dwell 0 a unit redeploys at once, so the strength itself is enough', () => {
    expect(nationSustainment(strength('NLD', 100), applied(4, 0))).toMatchObject({
      poolNeeded: 100,
      sustainableStrength: 100,
      monthsAtFullStrength: 'indefinite',
    });
  });
});

describe('default rotation policies', () => {
  const none = new Map<string, RotationPolicyInput>();

  it('assumes the rule of thirds for a nation without a policy and says why', () => {
    const p = resolveRotationPolicy(nationId('DEU'), none);
    expect(p).toMatchObject({ basis: 'default', default: 'rule-of-thirds', tourMonths: 6, dwellRatio: 2 });
    expect(p.basis === 'default' && p.reason).toMatch(/No rotation policy for DEU .*not releasable/);
    expect(p.basis === 'default' && p.source.url).toContain('Rule_of_thirds');
  });

  it('can assume the UK harmony guideline instead, and prefers the scenario policy when there is one', () => {
    expect(resolveRotationPolicy(nationId('DEU'), none, 'uk-harmony')).toMatchObject({
      basis: 'default',
      default: 'uk-harmony',
      tourMonths: 6,
      dwellRatio: 4, // 24 months between 6-month tours
    });
    const own = new Map([['DEU', policy('DEU', 4, 5)]]);
    expect(resolveRotationPolicy(nationId('DEU'), own, 'uk-harmony')).toMatchObject({
      basis: 'scenario',
      tourMonths: 4,
      dwellRatio: 5,
    });
  });
});

describe('coalition sustainment', () => {
  const report = analyseSustainment(
    {
      strengths: [strength('GBR', 1000), strength('FRA', 2000, 5000), strength('DEU', 0)],
      policies: [policy('GBR', 6, 4), policy('FRA', 4, 3)],
      partial: true,
    },
    { defaultPolicy: 'rule-of-thirds' },
  );

  it('adds the nations for each horizon and labels the rows', () => {
    // GBR 1,000 / 500 / 250 / 200 / 200 (first test), FRA 2,000 / 1,666 / 1,250 / 1,250 / 1,250 (second).
    expect(report.coalition.sustainableFor.map((r) => [r.horizon, r.personnel, r.label])).toEqual([
      [6, 3000, '3,000 personnel sustainable for 6 months'],
      [12, 2166, '2,166 personnel sustainable for 12 months'],
      [24, 1500, '1,500 personnel sustainable for 24 months'],
      [36, 1450, '1,450 personnel sustainable for 36 months'],
      ['indefinite', 1450, '1,450 personnel sustainable indefinitely'],
    ]);
    expect(report.coalition).toMatchObject({
      strength: 3000,
      pool: 6000, // 1,000 + 5,000 (DEU has none)
      poolNeeded: 13000, // 5,000 + 8,000
      poolShortfall: 7000, // 4,000 + 3,000
      sustainableStrength: 1450,
      defaultPolicyNations: ['DEU'],
    });
  });

  it('carries the partial flag and names the default it assumed', () => {
    expect(report.partial).toBe(true);
    expect(report.defaultPolicy.key).toBe('rule-of-thirds');
    expect(report.nations.find((n) => n.nation === 'DEU')?.policy.basis).toBe('default');
  });

  it('adds up several entries for one nation', () => {
    const r = analyseSustainment({
      strengths: [strength('GBR', 600), strength('GBR', 400, 900)],
      policies: [policy('GBR', 6, 4)],
      partial: false,
    });
    expect(r.nations).toHaveLength(1);
    // strength 600 + 400; pool 600 (its own strength) + 900
    expect(r.nations[0]).toMatchObject({ strength: 1000, pool: 1500, poolBasis: 'given' });
  });
});

describe('requirement line sustainment', () => {
  const report = analyseSustainment({
    strengths: [strength('GBR', 1000), strength('FRA', 2000, 5000)],
    policies: [policy('GBR', 6, 4), policy('FRA', 4, 3)],
    lines: [
      line('L-1', 6, ['GBR', 400]),
      line('L-2', 12, ['GBR', 600], ['FRA', 500]),
      line('L-3', 12),
      line('L-4', 36, ['DEU', 200], ['DEU', 100]),
    ],
    partial: false,
  });
  const byId = (id: string) => report.lines.find((l) => l.lineId === id);

  it('holds a line for one tour from the contributed personnel alone', () => {
    // GBR pool 1,000 over 1,000 deployed on lines: L-1 gets 1,000 × 400/1,000 = 400.
    // 6 months = 1 tour: needs min(400 × 1, 400 × 5) = 400.
    expect(byId('L-1')).toMatchObject({
      verdict: 'sustainable',
      sustainable: true,
      poolNeeded: 400,
      poolAvailable: 400,
      poolShortfall: 0,
      monthsAtFullStrength: 6,
    });
  });

  it('reports the shortfall of each contributor and holds the line only while all can', () => {
    const l2 = byId('L-2');
    // GBR: 12 months = 2 tours of 6, needs min(600 × 2, 600 × 5) = 1,200; share 1,000 × 600/1,000 = 600.
    // FRA: 12 months = 3 tours of 4, needs min(500 × 3, 500 × 4) = 1,500; share all 5,000 (only line).
    expect(l2?.contributions.map((c) => [c.nation, c.poolNeeded, c.poolAvailable, c.poolShortfall])).toEqual([
      ['GBR', 1200, 600, 600],
      ['FRA', 1500, 5000, 0],
    ]);
    expect(l2).toMatchObject({
      verdict: 'pool-short',
      sustainable: false,
      personnel: 1100,
      poolNeeded: 2700,
      poolAvailable: 5600,
      poolShortfall: 600, // FRA's spare 3,500 cannot relieve British troops
      monthsAtFullStrength: 6, // GBR: 1 contingent; FRA indefinite (5,000 ≥ 500 × 4)
    });
  });

  it('says when a line has no contributors', () => {
    expect(byId('L-3')).toMatchObject({
      verdict: 'no-contributors',
      sustainable: false,
      monthsAtFullStrength: 0,
    });
  });

  it('merges one nation’s entries and falls back to the default policy and the deployed pool', () => {
    // DEU 200 + 100 = 300, no policy: rule of thirds (6, 2). 36 months = 6 tours: min(1,800, 900) = 900.
    // DEU is not in strengths, so its pool is what it deploys: 300.
    expect(byId('L-4')?.contributions).toHaveLength(1);
    expect(byId('L-4')).toMatchObject({
      poolNeeded: 900,
      poolAvailable: 300,
      poolShortfall: 600,
      monthsAtFullStrength: 6,
    });
    expect(byId('L-4')?.contributions[0]?.policy.basis).toBe('default');
  });
});

describe('sustainment properties', () => {
  const people = fc.integer({ min: 0, max: 50_000 });
  const tour = fc.integer({ min: 1, max: 24 });
  const dwell = fc.oneof(fc.integer({ min: 0, max: 10 }), fc.double({ min: 0, max: 10, noNaN: true }));
  const horizon = fc.oneof(
    fc.integer({ min: 1, max: 120 }).map((h) => h as Months),
    fc.constant('indefinite' as const),
  );

  it('never sustains more than the strength offered, at any horizon', () => {
    fc.assert(
      fc.property(people, people, tour, dwell, (s, p, t, d) => {
        const n = nationSustainment(strength('GBR', s, p), applied(t, d));
        expect(n.sustainableStrength).toBeLessThanOrEqual(s);
        for (const r of n.sustainableFor) expect(r.personnel).toBeLessThanOrEqual(s);
      }),
    );
  });

  it('never sustains more with a higher dwell ratio', () => {
    fc.assert(
      fc.property(people, people, tour, dwell, dwell, (s, p, t, d1, d2) => {
        const [lo, hi] = d1 <= d2 ? [d1, d2] : [d2, d1];
        expect(sustainableStrength(s, p, hi)).toBeLessThanOrEqual(sustainableStrength(s, p, lo));
        for (const h of [6, 12, 24, 36, 'indefinite'] as Endurance[]) {
          expect(strengthSustainableFor(s, p, h, applied(t, hi))).toBeLessThanOrEqual(
            strengthSustainableFor(s, p, h, applied(t, lo)),
          );
        }
      }),
    );
  });

  it('sustains less or the same the longer the horizon', () => {
    fc.assert(
      fc.property(people, people, tour, dwell, (s, p, t, d) => {
        const values = nationSustainment(strength('GBR', s, p), applied(t, d)).sustainableFor.map(
          (r) => r.personnel,
        );
        for (let i = 1; i < values.length; i++) expect(values[i]).toBeLessThanOrEqual(values[i - 1] ?? 0);
      }),
    );
  });

  it('finds the largest strength that lasts each horizon', () => {
    fc.assert(
      fc.property(people, people, tour, dwell, horizon, (s, p, t, d, h) => {
        const policyTD = applied(t, d);
        const held = strengthSustainableFor(s, p, h, policyTD);
        expect(lasts(monthsAtFullStrength(held, p, policyTD), h)).toBe(true);
        if (held < s) expect(lasts(monthsAtFullStrength(held + 1, p, policyTD), h)).toBe(false);
      }),
    );
  });

  it('matches a slot-by-slot simulation of whole contingents for whole-number dwell ratios', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 2000 }),
        fc.integer({ min: 0, max: 20 }),
        fc.integer({ min: 0, max: 1999 }),
        tour,
        fc.integer({ min: 0, max: 10 }),
        (s, wholeContingents, extra, t, d) => {
          const p = s * wholeContingents + (extra % s);
          expect(monthsAtFullStrength(s, p, applied(t, d))).toBe(simulate(s, p, t, d));
        },
      ),
    );
  });

  it('calls a line contribution sustainable exactly when its pool lasts the duration', () => {
    fc.assert(
      fc.property(people, people, tour, dwell, fc.integer({ min: 1, max: 120 }), (s, p, t, d, duration) => {
        const needed = poolNeededFor(s, duration as Months, applied(t, d));
        expect(p >= needed).toBe(lasts(monthsAtFullStrength(s, p, applied(t, d)), duration as Months));
      }),
    );
  });
});

describe('the reference scenario article-2025-03', () => {
  it('sustains about a quarter of what is offered if every offer is the nation’s whole pool', () => {
    const text = readFileSync(
      new URL('../../../data/scenarios/article-2025-03.yaml', import.meta.url),
      'utf8',
    );
    const parsed = parseScenarioText(text);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const doc = parsed.document;
    const report = analyseSustainment({
      strengths: offeredPersonnelByNation(doc.offers).map((o) => ({
        nation: o.nation,
        strength: o.personnel,
      })),
      policies: doc.rotationPolicies,
      partial: false,
    });
    // Offered: GBR 20,810, FRA 20,960, DEU 9,260, ITA 4,580, NLD 2,230, DNK 1,100, FIN 540, EST 710,
    // LVA 240, LTU 740, CAN 1,700, AUS 870, NZL 90 = 63,830.
    expect(report.coalition.strength).toBe(63_830);
    expect(report.coalition.defaultPolicyNations).toEqual([]); // every offering nation has a policy
    // Indefinitely, offered / (1 + dwell) rounded down: GBR 20,810/5 = 4,162; FRA 20,960/4 = 5,240;
    // DEU 9,260/6 = 1,543; ITA 4,580/3 = 1,526; NLD 2,230/3 = 743; DNK 366; FIN 180; EST 236; LVA 80;
    // LTU 246; CAN 566; AUS 290; NZL 30 → 15,208.
    // Six months: every 6-month-tour nation holds its whole offer; the 4-month nations (FRA, DEU, NLD)
    // need 2 contingents, so half: 63,830 − 10,480 − 4,630 − 1,115 = 47,605.
    expect(rows(report.coalition.sustainableFor)).toEqual([
      [6, 47_605],
      [12, expect.any(Number)],
      [24, expect.any(Number)],
      [36, expect.any(Number)],
      ['indefinite', 15_208],
    ]);
    expect(report.nations.find((n) => n.nation === 'GBR')).toMatchObject({
      poolNeeded: 104_050, // 20,810 × 5
      sustainableStrength: 4162,
      monthsAtFullStrength: 6,
    });
  });
});

function lasts(endurance: Endurance, horizon: Endurance): boolean {
  if (endurance === 'indefinite') return true;
  return horizon !== 'indefinite' && endurance >= horizon;
}

/**
 * Whole-contingent rotation played out tour by tour: at each relief slot take any contingent that is
 * fresh or back from its dwell; stop at the first slot none can fill.
 */
function simulate(strengthS: number, pool: number, tourT: number, dwellD: number): Endurance {
  const availableFrom = Array.from({ length: Math.floor(pool / strengthS) }, () => 0);
  const slots = 200;
  for (let slot = 0; slot < slots; slot++) {
    const now = slot * tourT;
    const ready = availableFrom.findIndex((t) => t <= now);
    if (ready < 0) return (slot * tourT) as Months;
    availableFrom[ready] = now + tourT + dwellD * tourT;
  }
  return 'indefinite';
}
