// Burden sharing: who pays and who sends troops, in absolute terms and against each nation's means
// (GDP, population). Funding pledges are converted to EUR at the rate of each pledge's own date, so a
// pledge keeps the value it had when it was made; the rate and period used are reported with it, and a
// pledge the rate table cannot convert is listed with the reason instead of being dropped.
//
// Stages are cumulative, as in the Kiel Ukraine Support Tracker: a commitment is a promise, an
// allocation the part earmarked in a concrete package, a delivery the part handed over, so
// commitment ⊇ allocation ⊇ delivery. A pledge records the furthest stage it has reached; one at
// `delivered` counts in all three totals, one at `committed` only in the first. The pipeline (money at
// exactly each stage) is reported beside the cumulative totals.
import type { Brand, CurrencyCode, IsoDate, NationId, Personnel, PledgeId } from '../ids.ts';
import type { ExchangeRates } from '../exchange-rates.ts';
import { PLEDGE_STAGES, type NationFields, type Pledge, type PledgeStage } from '../scenario-schema.ts';
import type { NationPersonnel } from './offered-personnel.ts';

/** An amount in euros. Kept apart from amounts in a pledge's own currency. */
export type Eur = Brand<number, 'Eur'>;

export const STAGE_DEFINITION =
  'Cumulative, as in the Kiel Ukraine Support Tracker: committed ⊇ allocated ⊇ delivered. A pledge counts in its own stage and every earlier one.';

export type PledgeRecord = Pick<Pledge, 'id' | 'nation' | 'amount' | 'currency' | 'date' | 'stage'>;
export type NationRecord = Pick<NationFields, 'id' | 'name' | 'gdp' | 'population'>;

export interface RateUsed {
  eurPerUnit: number;
  /** `YYYY-MM` for a monthly average, `YYYY` for an annual one. */
  period: string;
  basis: 'monthly' | 'annual' | 'par';
}

interface PledgeFacts {
  id: PledgeId;
  nation: NationId;
  amount: number;
  currency: CurrencyCode;
  date: IsoDate;
  stage: PledgeStage;
}

export interface ConvertedPledge extends PledgeFacts {
  /** Rounded to the cent. */
  eur: Eur;
  rate: RateUsed;
}

export interface UnconvertiblePledge extends PledgeFacts {
  reason: string;
}

export type PledgeConversion = ({ ok: true } & ConvertedPledge) | ({ ok: false } & UnconvertiblePledge);

export function convertPledge(pledge: PledgeRecord, rates: ExchangeRates): PledgeConversion {
  const facts: PledgeFacts = {
    id: pledge.id,
    nation: pledge.nation,
    amount: pledge.amount,
    currency: pledge.currency,
    date: pledge.date,
    stage: pledge.stage,
  };
  const found = rates.lookup(pledge.currency, pledge.date);
  if (!found) {
    return {
      ok: false,
      ...facts,
      reason: `no EUR rate for ${pledge.currency} in ${pledge.date.slice(0, 7)} or ${pledge.date.slice(0, 4)} in the rate table`,
    };
  }
  return {
    ok: true,
    ...facts,
    eur: (toCents(pledge.amount * found.eurPerUnit) / 100) as Eur,
    rate: rateUsed(pledge.currency, found),
  };
}

export type GdpConversion =
  | {
      ok: true;
      value: number;
      currency: CurrencyCode;
      year: number;
      /** Rounded to the euro. */
      eur: Eur;
      rate: RateUsed;
    }
  | { ok: false; reason: string };

/**
 * GDP in EUR at the annual average rate of its own year: GDP is a flow over the year, so no single
 * month's rate fits it. Looking up the bare year (`2024`) can only ever match an annual row.
 */
export function convertGdp(gdp: NationRecord['gdp'], rates: ExchangeRates): GdpConversion {
  const found = rates.lookup(gdp.currency, String(gdp.year));
  if (!found) {
    return { ok: false, reason: `no annual EUR rate for ${gdp.currency} in ${gdp.year} in the rate table` };
  }
  return {
    ok: true,
    value: gdp.value,
    currency: gdp.currency,
    year: gdp.year,
    eur: Math.round(gdp.value * found.eurPerUnit) as Eur,
    rate: rateUsed(gdp.currency, found),
  };
}

/** EUR by stage. */
export type StageTotals = Record<PledgeStage, Eur>;

export interface NationBurden {
  nation: NationId;
  name: string;
  /** Cumulative: `committed` is every converted pledge, the nation's EUR total. */
  eur: StageTotals;
  /** Pipeline: EUR whose furthest stage is exactly this one; the three add up to `eur.committed`. */
  atStage: StageTotals;
  pledgeCount: number;
  unconvertiblePledgeCount: number;
  gdp: GdpConversion;
  /** eur.committed / GDP in EUR, a fraction (0.01 = 1 %); null when GDP is unknown. */
  shareOfGdp: number | null;
  /** Null when the nation's record is not among those given. */
  population: number | null;
  eurPerCapita: number | null;
  personnel: Personnel;
  personnelPer100k: number | null;
  /** Fractions of the coalition totals; null when the coalition total is zero or unknown. */
  shareOfCoalitionEur: number | null;
  shareOfCoalitionPersonnel: number | null;
  shareOfCoalitionGdp: number | null;
}

export interface CoalitionBurden {
  nations: number;
  pledges: number;
  unconvertiblePledges: number;
  eur: StageTotals;
  atStage: StageTotals;
  personnel: Personnel;
  /** GDP and population of the nations where they are known; those without are listed. */
  gdpEur: Eur;
  population: number;
  /** Committed EUR of nations with a known GDP over their GDP. */
  shareOfGdp: number | null;
  /** Committed EUR of nations with a known population over their population. */
  eurPerCapita: number | null;
  personnelPer100k: number | null;
  gdpUnknown: NationId[];
  populationUnknown: NationId[];
}

export const BURDEN_MEASURES = [
  'eur',
  'shareOfGdp',
  'eurPerCapita',
  'personnel',
  'personnelPer100k',
] as const;
export type BurdenMeasure = (typeof BURDEN_MEASURES)[number];

export interface RankEntry {
  /** 1 is the largest; ties share no rank but are ordered by nation code. */
  rank: number;
  nation: NationId;
  value: number;
}

export interface BurdenInput {
  /** The nation records the viewer may see; GDP and population come from here. */
  nations: readonly NationRecord[];
  pledges: readonly PledgeRecord[];
  /** Personnel per nation: offered (see offeredPersonnelByNation) or matched. */
  personnel: readonly NationPersonnel[];
  rates: ExchangeRates;
  /** True when records were withheld from the viewer; carried into the report unchanged. */
  partial: boolean;
}

export interface BurdenReport {
  partial: boolean;
  stageDefinition: string;
  pledges: ConvertedPledge[];
  unconvertible: UnconvertiblePledge[];
  /** Nations with a pledge or with personnel, in the order of `nations`, then others by code. */
  nations: NationBurden[];
  coalition: CoalitionBurden;
  /** Nations whose value for a measure is unknown are left out of that ranking. */
  rankings: Record<BurdenMeasure, RankEntry[]>;
}

export function analyseBurden(input: BurdenInput): BurdenReport {
  const conversions = input.pledges.map((p) => convertPledge(p, input.rates));
  const converted = conversions.filter((c): c is { ok: true } & ConvertedPledge => c.ok).map(stripOk);
  const unconvertible = conversions
    .filter((c): c is { ok: false } & UnconvertiblePledge => !c.ok)
    .map(stripOk);

  const records = new Map(input.nations.map((n) => [n.id as NationId, n]));
  const personnel = new Map<NationId, number>();
  for (const p of input.personnel) personnel.set(p.nation, (personnel.get(p.nation) ?? 0) + p.personnel);
  const pledgesOf = groupBy(converted, (p) => p.nation);
  const unconvertibleOf = groupBy(unconvertible, (p) => p.nation);

  const included = new Set<NationId>([
    ...input.pledges.map((p) => p.nation),
    ...[...personnel].filter(([, n]) => n > 0).map(([nation]) => nation),
  ]);
  const known = input.nations.map((n) => n.id as NationId).filter((id) => included.has(id));
  const unknown = [...included].filter((id) => !records.has(id)).sort();

  const rows = [...known, ...unknown].map((nation) => {
    const record = records.get(nation);
    const cents = stageCents(pledgesOf.get(nation) ?? []);
    const gdp: GdpConversion = record
      ? convertGdp(record.gdp, input.rates)
      : { ok: false, reason: `the record of nation ${nation} is not among the records analysed` };
    const population = record ? record.population.value : null;
    const people = personnel.get(nation) ?? 0;
    const eurTotal = cents.cumulative.committed / 100;
    const row: NationBurden = {
      nation,
      name: record?.name ?? nation,
      eur: toEur(cents.cumulative),
      atStage: toEur(cents.atStage),
      pledgeCount: pledgesOf.get(nation)?.length ?? 0,
      unconvertiblePledgeCount: unconvertibleOf.get(nation)?.length ?? 0,
      gdp,
      shareOfGdp: gdp.ok ? eurTotal / gdp.eur : null,
      population,
      eurPerCapita: population ? eurTotal / population : null,
      personnel: people as Personnel,
      personnelPer100k: population ? (people / population) * 100_000 : null,
      shareOfCoalitionEur: null,
      shareOfCoalitionPersonnel: null,
      shareOfCoalitionGdp: null,
    };
    return { cents, row };
  });

  const coalition = coalitionBurden(rows, input.pledges.length, unconvertible.length);
  const nations = rows.map(({ row }) => ({
    ...row,
    shareOfCoalitionEur: ratio(row.eur.committed, coalition.eur.committed),
    shareOfCoalitionPersonnel: ratio(row.personnel, coalition.personnel),
    shareOfCoalitionGdp: row.gdp.ok ? ratio(row.gdp.eur, coalition.gdpEur) : null,
  }));

  return {
    partial: input.partial,
    stageDefinition: STAGE_DEFINITION,
    pledges: converted,
    unconvertible,
    nations,
    coalition,
    rankings: rankings(nations),
  };
}

/** Orders nations by a measure, largest first; equal values (to 12 significant digits) by nation code. */
export function rankBy(
  nations: readonly NationBurden[],
  value: (n: NationBurden) => number | null,
): RankEntry[] {
  return nations
    .flatMap((n) => {
      const v = value(n);
      return v === null ? [] : [{ nation: n.nation, value: v, key: Number(v.toPrecision(12)) }];
    })
    .sort((a, b) => b.key - a.key || (a.nation < b.nation ? -1 : a.nation > b.nation ? 1 : 0))
    .map(({ nation, value: v }, i) => ({ rank: i + 1, nation, value: v }));
}

function rankings(nations: readonly NationBurden[]): Record<BurdenMeasure, RankEntry[]> {
  const measure: Record<BurdenMeasure, (n: NationBurden) => number | null> = {
    eur: (n) => n.eur.committed,
    shareOfGdp: (n) => n.shareOfGdp,
    eurPerCapita: (n) => n.eurPerCapita,
    personnel: (n) => n.personnel,
    personnelPer100k: (n) => n.personnelPer100k,
  };
  return Object.fromEntries(BURDEN_MEASURES.map((m) => [m, rankBy(nations, measure[m])])) as Record<
    BurdenMeasure,
    RankEntry[]
  >;
}

interface StageCents {
  cumulative: Record<PledgeStage, number>;
  atStage: Record<PledgeStage, number>;
}

// Totals are added in whole cents, so the coalition total is exactly the sum of the nations' totals
// however many pledges there are.
function stageCents(pledges: readonly ConvertedPledge[]): StageCents {
  const atStage = zeroStages();
  for (const p of pledges) atStage[p.stage] += toCents(p.eur);
  const cumulative = zeroStages();
  PLEDGE_STAGES.forEach((stage, i) => {
    for (const later of PLEDGE_STAGES.slice(i)) cumulative[stage] += atStage[later];
  });
  return { cumulative, atStage };
}

function coalitionBurden(
  rows: readonly { cents: StageCents; row: NationBurden }[],
  pledges: number,
  unconvertiblePledges: number,
): CoalitionBurden {
  const cumulative = zeroStages();
  const atStage = zeroStages();
  let personnel = 0;
  let gdpEur = 0;
  let centsWithGdp = 0;
  let population = 0;
  let centsWithPopulation = 0;
  let personnelWithPopulation = 0;
  const gdpUnknown: NationId[] = [];
  const populationUnknown: NationId[] = [];
  for (const { cents, row } of rows) {
    for (const s of PLEDGE_STAGES) {
      cumulative[s] += cents.cumulative[s];
      atStage[s] += cents.atStage[s];
    }
    personnel += row.personnel;
    if (row.gdp.ok) {
      gdpEur += row.gdp.eur;
      centsWithGdp += cents.cumulative.committed;
    } else gdpUnknown.push(row.nation);
    if (row.population !== null) {
      population += row.population;
      centsWithPopulation += cents.cumulative.committed;
      personnelWithPopulation += row.personnel;
    } else populationUnknown.push(row.nation);
  }
  return {
    nations: rows.length,
    pledges,
    unconvertiblePledges,
    eur: toEur(cumulative),
    atStage: toEur(atStage),
    personnel: personnel as Personnel,
    gdpEur: gdpEur as Eur,
    population,
    shareOfGdp: ratio(centsWithGdp / 100, gdpEur),
    eurPerCapita: ratio(centsWithPopulation / 100, population),
    personnelPer100k: population > 0 ? (personnelWithPopulation / population) * 100_000 : null,
    gdpUnknown,
    populationUnknown,
  };
}

function rateUsed(currency: string, found: { eurPerUnit: number; period: string }): RateUsed {
  const basis = currency === 'EUR' ? 'par' : found.period.length > 4 ? 'monthly' : 'annual';
  return { eurPerUnit: found.eurPerUnit, period: found.period, basis };
}

function toCents(eur: number): number {
  return Math.round(eur * 100);
}

function toEur(cents: Record<PledgeStage, number>): StageTotals {
  return Object.fromEntries(PLEDGE_STAGES.map((s) => [s, cents[s] / 100])) as StageTotals;
}

function zeroStages(): Record<PledgeStage, number> {
  return { committed: 0, allocated: 0, delivered: 0 };
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function stripOk<T extends { ok: boolean }>({ ok: _ok, ...rest }: T): Omit<T, 'ok'> {
  return rest;
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
