// Burden sharing: conversions at the rate of each pledge's date, cumulative Kiel-style stages, the
// per-nation measures and their rankings. Expected figures are worked out by hand beside each
// assertion; the properties pin what must hold for any set of pledges.
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ExchangeRates, parseExchangeRateTable } from '../exchange-rates.ts';
import type { CurrencyCode, IsoDate, NationId, Personnel, PledgeId } from '../ids.ts';
import { parseScenarioText } from '../scenario-document.ts';
import { PLEDGE_STAGES, type PledgeStage } from '../scenario-schema.ts';
import {
  analyseBurden,
  BURDEN_MEASURES,
  convertGdp,
  convertPledge,
  type BurdenReport,
  type NationRecord,
  type PledgeRecord,
} from './burden.ts';
import { offeredPersonnelByNation, type NationPersonnel } from './offered-personnel.ts';

const RATES = new ExchangeRates(
  parseExchangeRateTable({
    schemaVersion: 1,
    base: 'EUR',
    description: 'test table',
    source: { publication: 'test' },
    rates: [
      { currency: 'GBP', period: '2025', eurPerUnit: 1.2 },
      { currency: 'GBP', period: '2025-03', eurPerUnit: 1.25 },
      { currency: 'USD', period: '2024', eurPerUnit: 0.9 },
      // A monthly row in the GDP year: GDP must still use the annual average.
      { currency: 'USD', period: '2024-07', eurPerUnit: 0.95 },
      { currency: 'USD', period: '2025', eurPerUnit: 0.8 },
    ],
  }),
);

function nation(id: string, gdp: number, gdpCurrency: string, population: number): NationRecord {
  return {
    id: id as NationId,
    name: `Nation ${id}`,
    gdp: { value: gdp, currency: gdpCurrency as CurrencyCode, year: 2024, assumption: 'test' },
    population: { value: population, year: 2024, assumption: 'test' },
  };
}

function pledge(
  id: string,
  nationCode: string,
  amount: number,
  currency: string,
  date: string,
  stage: PledgeStage,
): PledgeRecord {
  return {
    id: id as PledgeId,
    nation: nationCode as NationId,
    amount,
    currency: currency as CurrencyCode,
    date: date as IsoDate,
    stage,
  };
}

const troops = (...entries: [string, number][]): NationPersonnel[] =>
  entries.map(([n, p]) => ({ nation: n as NationId, personnel: p as Personnel }));

const NATIONS = [
  nation('GBR', 1_000_000_000_000, 'USD', 50_000_000), // GDP € 900bn at the 2024 USD average 0.9
  nation('FRA', 800_000_000_000, 'EUR', 40_000_000), // GDP € 800bn at par
  nation('EST', 40_000_000_000, 'EUR', 1_000_000), // € 40bn; no pledges but troops
  nation('DEU', 4_000_000_000_000, 'EUR', 80_000_000), // no pledges, no troops: left out
];
const PLEDGES = [
  pledge('P1', 'GBR', 1_000_000, 'GBP', '2025-03-02', 'delivered'), // × 1.25 (March 2025) = 1,250,000
  pledge('P2', 'GBR', 2_000_000, 'GBP', '2025-06-01', 'allocated'), // × 1.2 (2025) = 2,400,000
  pledge('P3', 'FRA', 3_000_000, 'EUR', '2025-01-15', 'committed'), // par = 3,000,000
  pledge('P4', 'FRA', 500_000, 'USD', '2019-05-01', 'delivered'), // no 2019 rate: unconvertible
  pledge('P5', 'FRA', 100_000, 'EUR', '2025-02-01', 'delivered'), // par = 100,000
];
const PERSONNEL = troops(['GBR', 1000], ['FRA', 2000], ['EST', 500]);

const report = analyseBurden({
  nations: NATIONS,
  pledges: PLEDGES,
  personnel: PERSONNEL,
  rates: RATES,
  partial: false,
});
const row = (r: BurdenReport, id: string) => r.nations.find((n) => n.nation === id);

describe('pledge conversion', () => {
  it('uses the monthly rate of the pledge’s month, else the annual one, and reports which', () => {
    expect(convertPledge(PLEDGES[0]!, RATES)).toMatchObject({
      ok: true,
      eur: 1_250_000,
      rate: { eurPerUnit: 1.25, period: '2025-03', basis: 'monthly' },
    });
    expect(convertPledge(PLEDGES[1]!, RATES)).toMatchObject({
      ok: true,
      eur: 2_400_000,
      rate: { eurPerUnit: 1.2, period: '2025', basis: 'annual' },
    });
    expect(convertPledge(PLEDGES[2]!, RATES)).toMatchObject({
      ok: true,
      eur: 3_000_000,
      rate: { eurPerUnit: 1, period: '2025', basis: 'par' },
    });
  });

  it('reports a pledge it cannot convert, with the reason, instead of dropping it', () => {
    expect(report.unconvertible).toEqual([
      {
        id: 'P4',
        nation: 'FRA',
        amount: 500_000,
        currency: 'USD',
        date: '2019-05-01',
        stage: 'delivered',
        reason: 'no EUR rate for USD in 2019-05 or 2019 in the rate table',
      },
    ]);
    expect(report.pledges.map((p) => p.id)).toEqual(['P1', 'P2', 'P3', 'P5']);
    expect(row(report, 'FRA')).toMatchObject({ pledgeCount: 2, unconvertiblePledgeCount: 1 });
    expect(report.coalition).toMatchObject({ pledges: 5, unconvertiblePledges: 1 });
  });

  it('rounds to the cent', () => {
    // 1,000.005 × 1.2 = 1,200.006 → 1,200.01
    expect(
      convertPledge(pledge('X', 'GBR', 1000.005, 'GBP', '2025-07-01', 'committed'), RATES),
    ).toMatchObject({
      eur: 1200.01,
    });
  });
});

describe('GDP conversion', () => {
  it('uses the annual average of the GDP year even when that year has monthly rows', () => {
    expect(convertGdp(NATIONS[0]!.gdp, RATES)).toEqual({
      ok: true,
      value: 1_000_000_000_000,
      currency: 'USD',
      year: 2024,
      eur: 900_000_000_000, // × 0.9, not the July rate 0.95
      rate: { eurPerUnit: 0.9, period: '2024', basis: 'annual' },
    });
  });

  it('says why when there is no rate for the GDP year', () => {
    expect(convertGdp(nation('JPN', 1e14, 'JPY', 1e8).gdp, RATES)).toEqual({
      ok: false,
      reason: 'no annual EUR rate for JPY in 2024 in the rate table',
    });
  });
});

describe('stage totals', () => {
  it('are cumulative: committed ⊇ allocated ⊇ delivered', () => {
    // GBR: P1 delivered 1,250,000, P2 allocated 2,400,000.
    expect(row(report, 'GBR')?.eur).toEqual({
      committed: 3_650_000,
      allocated: 3_650_000,
      delivered: 1_250_000,
    });
    expect(row(report, 'GBR')?.atStage).toEqual({ committed: 0, allocated: 2_400_000, delivered: 1_250_000 });
    // FRA: P3 committed 3,000,000, P5 delivered 100,000 (P4 unconvertible, not counted).
    expect(row(report, 'FRA')?.eur).toEqual({ committed: 3_100_000, allocated: 100_000, delivered: 100_000 });
    expect(row(report, 'FRA')?.atStage).toEqual({ committed: 3_000_000, allocated: 0, delivered: 100_000 });
    expect(report.coalition.eur).toEqual({
      committed: 6_750_000,
      allocated: 3_750_000,
      delivered: 1_350_000,
    });
    expect(report.coalition.atStage).toEqual({
      committed: 3_000_000,
      allocated: 2_400_000,
      delivered: 1_350_000,
    });
    expect(report.stageDefinition).toMatch(/Kiel/);
  });
});

describe('per-nation measures', () => {
  it('lists nations with pledges or troops, in the given order, and leaves out the rest', () => {
    expect(report.nations.map((n) => n.nation)).toEqual(['GBR', 'FRA', 'EST']);
    expect(row(report, 'EST')?.eur).toEqual({ committed: 0, allocated: 0, delivered: 0 });
  });

  it('relates money and troops to GDP and population', () => {
    expect(row(report, 'GBR')).toMatchObject({
      shareOfGdp: 3_650_000 / 900_000_000_000, // ≈ 0.0004 %
      eurPerCapita: 0.073, // 3,650,000 / 50,000,000
      personnel: 1000,
      personnelPer100k: 2, // 1,000 / 50,000,000 × 100,000
    });
    expect(row(report, 'FRA')).toMatchObject({
      shareOfGdp: 3.875e-6, // 3,100,000 / 800,000,000,000
      eurPerCapita: 0.0775, // 3,100,000 / 40,000,000
      personnelPer100k: 5, // 2,000 / 40,000,000 × 100,000
    });
    expect(row(report, 'EST')).toMatchObject({ shareOfGdp: 0, eurPerCapita: 0, personnelPer100k: 50 });
  });

  it('gives each nation its share of the coalition', () => {
    const gbr = row(report, 'GBR');
    expect(gbr?.shareOfCoalitionEur).toBeCloseTo(3_650_000 / 6_750_000, 12); // 54 %
    expect(gbr?.shareOfCoalitionPersonnel).toBeCloseTo(1000 / 3500, 12);
    expect(gbr?.shareOfCoalitionGdp).toBeCloseTo(900 / 1740, 12); // € bn: 900 / (900 + 800 + 40)
  });

  it('computes coalition totals over the nations included', () => {
    expect(report.coalition).toMatchObject({
      nations: 3,
      personnel: 3500,
      gdpEur: 1_740_000_000_000,
      population: 91_000_000,
      gdpUnknown: [],
      populationUnknown: [],
    });
    expect(report.coalition.shareOfGdp).toBeCloseTo(6_750_000 / 1_740_000_000_000, 15);
    expect(report.coalition.eurPerCapita).toBeCloseTo(6_750_000 / 91_000_000, 12);
    expect(report.coalition.personnelPer100k).toBeCloseTo((3500 / 91_000_000) * 100_000, 12);
  });

  it('ranks by each measure, largest first', () => {
    const ranked = (m: (typeof BURDEN_MEASURES)[number]) => report.rankings[m].map((r) => [r.rank, r.nation]);
    expect(ranked('eur')).toEqual([
      [1, 'GBR'], // 3.65m
      [2, 'FRA'], // 3.1m
      [3, 'EST'], // 0
    ]);
    expect(ranked('shareOfGdp')).toEqual([
      [1, 'GBR'], // 4.06e-6
      [2, 'FRA'], // 3.875e-6
      [3, 'EST'],
    ]);
    expect(ranked('eurPerCapita')).toEqual([
      [1, 'FRA'], // 0.0775
      [2, 'GBR'], // 0.073
      [3, 'EST'],
    ]);
    expect(ranked('personnel')).toEqual([
      [1, 'FRA'],
      [2, 'GBR'],
      [3, 'EST'],
    ]);
    expect(ranked('personnelPer100k')).toEqual([
      [1, 'EST'], // 50
      [2, 'FRA'], // 5
      [3, 'GBR'], // 2
    ]);
  });

  it('breaks ties by nation code, whatever the input order', () => {
    const tied = analyseBurden({
      nations: [nation('LVA', 40e9, 'EUR', 2e6), nation('EST', 40e9, 'EUR', 2e6)],
      pledges: [],
      personnel: troops(['LVA', 300], ['EST', 300]),
      rates: RATES,
      partial: false,
    });
    for (const m of BURDEN_MEASURES) {
      expect(tied.rankings[m].map((r) => [r.rank, r.nation])).toEqual([
        [1, 'EST'],
        [2, 'LVA'],
      ]);
    }
  });

  it('keeps a nation whose record is withheld, without the measures that need it, and carries partial', () => {
    const r = analyseBurden({
      nations: NATIONS,
      pledges: [...PLEDGES, pledge('P6', 'CAN', 1000, 'EUR', '2025-03-02', 'committed')],
      personnel: PERSONNEL,
      rates: RATES,
      partial: true,
    });
    expect(r.partial).toBe(true);
    expect(row(r, 'CAN')).toMatchObject({
      name: 'CAN',
      eur: { committed: 1000 },
      gdp: { ok: false, reason: 'the record of nation CAN is not among the records analysed' },
      shareOfGdp: null,
      population: null,
      eurPerCapita: null,
    });
    expect(r.rankings.shareOfGdp.map((e) => e.nation)).not.toContain('CAN');
    expect(r.rankings.eur.map((e) => e.nation)).toContain('CAN');
    expect(r.coalition).toMatchObject({ gdpUnknown: ['CAN'], populationUnknown: ['CAN'] });
    expect(r.coalition.eur.committed).toBe(6_751_000);
    // GDP-relative figures use only nations with a GDP: CAN's 1,000 is left out of the numerator too.
    expect(r.coalition.shareOfGdp).toBeCloseTo(6_750_000 / 1_740_000_000_000, 15);
  });
});

describe('burden properties', () => {
  const nations = ['GBR', 'FRA', 'EST', 'CAN'];
  const pledgeArb = fc.record({
    nation: fc.constantFrom(...nations, 'POL'),
    amount: fc.integer({ min: 1, max: 1e10 }),
    currency: fc.constantFrom('EUR', 'GBP', 'USD', 'JPY'),
    date: fc.constantFrom('2019-06-01', '2024-07-15', '2025-03-02', '2025-11-30'),
    stage: fc.constantFrom(...PLEDGE_STAGES),
  });
  const pledgesArb = fc
    .array(pledgeArb, { maxLength: 25 })
    .map((ps) => ps.map((p, i) => pledge(`P${i}`, p.nation, p.amount, p.currency, p.date, p.stage)));
  const personnelArb = fc
    .array(fc.tuple(fc.constantFrom(...nations), fc.integer({ min: 0, max: 20_000 })), { maxLength: 6 })
    .map((entries) => troops(...entries));
  const records = nations
    .slice(0, 3)
    .map((n, i) => nation(n, (i + 1) * 1e11, i === 0 ? 'USD' : 'EUR', (i + 1) * 1e6));
  const analyse = (pledges: PledgeRecord[], personnel: NationPersonnel[]) =>
    analyseBurden({ nations: records, pledges, personnel, rates: RATES, partial: false });
  const cents = (eur: number) => Math.round(eur * 100);

  it('converts or reports every pledge, never both, never neither', () => {
    fc.assert(
      fc.property(pledgesArb, personnelArb, (pledges, personnel) => {
        const r = analyse(pledges, personnel);
        const seen = [...r.pledges, ...r.unconvertible].map((p) => p.id).sort();
        expect(seen).toEqual(pledges.map((p) => p.id).sort());
      }),
    );
  });

  it('makes every coalition EUR total the sum of the nations’ totals', () => {
    fc.assert(
      fc.property(pledgesArb, personnelArb, (pledges, personnel) => {
        const r = analyse(pledges, personnel);
        for (const s of PLEDGE_STAGES) {
          expect(cents(r.coalition.eur[s])).toBe(r.nations.reduce((t, n) => t + cents(n.eur[s]), 0));
          expect(cents(r.coalition.atStage[s])).toBe(r.nations.reduce((t, n) => t + cents(n.atStage[s]), 0));
        }
        expect(cents(r.coalition.eur.committed)).toBe(r.pledges.reduce((t, p) => t + cents(p.eur), 0));
        expect(r.coalition.personnel).toBe(r.nations.reduce((t, n) => t + n.personnel, 0));
      }),
    );
  });

  it('keeps stage totals nested, and the pipeline adding up to the commitment', () => {
    fc.assert(
      fc.property(pledgesArb, personnelArb, (pledges, personnel) => {
        const r = analyse(pledges, personnel);
        for (const t of [r.coalition, ...r.nations]) {
          expect(t.eur.committed).toBeGreaterThanOrEqual(t.eur.allocated);
          expect(t.eur.allocated).toBeGreaterThanOrEqual(t.eur.delivered);
          expect(cents(t.atStage.committed) + cents(t.atStage.allocated) + cents(t.atStage.delivered)).toBe(
            cents(t.eur.committed),
          );
        }
      }),
    );
  });

  it('never lowers a stage total when a pledge moves on to a later stage', () => {
    fc.assert(
      fc.property(pledgesArb, fc.nat(), (pledges, pick) => {
        fc.pre(pledges.length > 0);
        const i = pick % pledges.length;
        const before = analyse(pledges, []).coalition.eur;
        const promoted = pledges.map((p, j) => (j === i ? { ...p, stage: 'delivered' as const } : p));
        const after = analyse(promoted, []).coalition.eur;
        expect(after.committed).toBe(before.committed);
        expect(after.allocated).toBeGreaterThanOrEqual(before.allocated);
        expect(after.delivered).toBeGreaterThanOrEqual(before.delivered);
      }),
    );
  });

  it('ranks the same whatever order the records come in', () => {
    fc.assert(
      fc.property(pledgesArb, personnelArb, (pledges, personnel) => {
        const forward = analyse(pledges, personnel);
        const backward = analyseBurden({
          nations: [...records].reverse(),
          pledges: [...pledges].reverse(),
          personnel: [...personnel].reverse(),
          rates: RATES,
          partial: false,
        });
        expect(backward.rankings).toEqual(forward.rankings);
        for (const m of BURDEN_MEASURES) {
          const values = forward.rankings[m].map((e) => e.value);
          expect(values).toEqual([...values].sort((a, b) => b - a));
        }
      }),
    );
  });
});

describe('the reference scenario article-2025-03', () => {
  const text = readFileSync(new URL('../../../data/scenarios/article-2025-03.yaml', import.meta.url), 'utf8');
  const parsed = parseScenarioText(text);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const doc = parsed.document;
  // The shipped table, read here as src/app/reference-data.ts reads it (domain tests stay in domain).
  const rateTable: unknown = JSON.parse(
    readFileSync(new URL('../../../data/exchange-rates.json', import.meta.url), 'utf8'),
  );
  const r = analyseBurden({
    nations: doc.nations,
    pledges: doc.pledges,
    personnel: offeredPersonnelByNation(doc.offers),
    rates: new ExchangeRates(parseExchangeRateTable(rateTable)),
    partial: false,
  });

  it('converts the GBP 1.6bn of 2 March 2025 at the March 2025 rate of the shipped table', () => {
    // data/exchange-rates.json: GBP 2025-03 = 1.19617 EUR (beats the 2025 average 1.16686).
    // 1,600,000,000 × 1.19617 = 1,913,872,000 EUR.
    expect(r.pledges).toEqual([
      {
        id: 'PLG-GBR-2025-03-02',
        nation: 'GBR',
        amount: 1_600_000_000,
        currency: 'GBP',
        date: '2025-03-02',
        stage: 'committed',
        eur: 1_913_872_000,
        rate: { eurPerUnit: 1.19617, period: '2025-03', basis: 'monthly' },
      },
    ]);
    expect(r.unconvertible).toEqual([]);
    expect(r.coalition.eur).toEqual({ committed: 1_913_872_000, allocated: 0, delivered: 0 });
  });

  it('relates it to the UK’s GDP and population and lists every nation that offers troops', () => {
    const gbr = row(r, 'GBR');
    // GDP USD 3.6tn (2024) × 0.923873 (USD 2024 average) = EUR 3,325,942,800,000.
    expect(gbr?.gdp).toMatchObject({ ok: true, eur: 3_325_942_800_000, rate: { period: '2024' } });
    expect(gbr?.shareOfGdp).toBeCloseTo(1_913_872_000 / 3_325_942_800_000, 15); // ≈ 0.058 %
    expect(gbr?.eurPerCapita).toBeCloseTo(1_913_872_000 / 69_100_000, 9); // ≈ EUR 27.70 a head
    expect(gbr?.personnel).toBe(20_810);
    // Thirteen nations offer troops; only the UK has pledged money. USA and UKR offer neither.
    expect(r.nations).toHaveLength(13);
    expect(r.nations.map((n) => n.nation)).not.toContain('USA');
    expect(r.rankings.eur[0]).toMatchObject({ rank: 1, nation: 'GBR' });
    expect(r.rankings.eur.slice(1).map((e) => e.nation)).toEqual(
      ['AUS', 'CAN', 'DEU', 'DNK', 'EST', 'FIN', 'FRA', 'ITA', 'LTU', 'LVA', 'NLD', 'NZL'], // ties: by code
    );
  });
});
