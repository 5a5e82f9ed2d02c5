// The cost of the force and who pays (issue 16): per nation and per domain, personnel and sustainment
// per month and the one-off deployment transport, over a horizon of months, against the funding the
// nations have pledged (by stage, cumulative as in the burden analysis), with the gap between cost and
// pledges and each nation's burden against its GDP.
//
// Every amount is in EUR. The caller converts each rate once (src/app/cost.ts) and passes it with its
// provenance, so this module does arithmetic only: a figure here is a sum of personnel or loads times
// a rate the report names. Costs "lie where they fall", as in NATO operations: a nation pays for its
// own personnel, their sustainment and their transport, so each nation's cost is what its units cost.
import type { Eur, StageTotals } from './burden.ts';
import type { CostDomain, CostMode } from '../cost-rates.ts';
import type { PledgeStage } from '../scenario-schema.ts';

/** A rate as used: its EUR value and what it was given as. */
export interface RateInEur {
  eur: number;
  amount: number;
  currency: string;
  /** EUR per unit of the currency, and the period of that rate. */
  eurPerUnit: number;
  ratePeriod: string;
  source?: { publication: string; date?: string; url?: string; note?: string };
  assumption?: string;
  /** 'scenario' when the scenario gives it, 'default' when it is the product's default. */
  from: 'scenario' | 'default' | 'nation';
}

export interface CostRatesInEur {
  personnelPerMonth: RateInEur;
  nationPersonnelPerMonth: ReadonlyMap<string, RateInEur>;
  sustainmentPerMonth: Readonly<Record<CostDomain, RateInEur>>;
  transportPerLoad: Readonly<Record<CostMode, RateInEur>>;
}

export interface CostInput {
  nations: readonly {
    nation: string;
    name: string;
    /** GDP in EUR; null when it cannot be converted. */
    gdpEur: number | null;
    /** Pledged EUR by stage, cumulative. */
    pledged: StageTotals;
  }[];
  /** Personnel the cost counts, per nation and domain. */
  personnel: readonly { nation: string; domain: CostDomain; personnel: number }[];
  /** Loads the deployment plan moves, per nation, domain (of the units moved) and mode; a share of a
   * load where only part of a unit's offer is costed. */
  loads: readonly { nation: string; domain: CostDomain; mode: CostMode; loads: number }[];
  rates: CostRatesInEur;
  months: number;
}

export interface CostParts {
  personnel: number;
  /** Per month, EUR. */
  personnelPerMonth: number;
  sustainmentPerMonth: number;
  perMonth: number;
  /** One-off deployment transport, EUR. */
  transport: number;
  loads: number;
  /** Over the horizon: transport + months × per month. */
  total: number;
}

export interface NationCost extends CostParts {
  nation: string;
  name: string;
  pledged: StageTotals;
  /** Total cost less the pledges committed: what its pledges do not cover (negative: more pledged). */
  gapCommitted: number;
  gdpEur: number | null;
  /** Total cost over GDP (a horizon's cost against one year's GDP); null without GDP. */
  costShareOfGdp: number | null;
  /** (Total cost + pledges committed) over GDP: everything it puts in. */
  contributionShareOfGdp: number | null;
  shareOfCoalitionCost: number | null;
  shareOfCoalitionGdp: number | null;
  /** Its share of the cost over its share of the GDP: above 1 it carries more than its weight. */
  burdenRatio: number | null;
}

export interface DomainCost extends CostParts {
  domain: CostDomain;
}

export interface ModeCost {
  mode: CostMode;
  loads: number;
  transport: number;
}

export interface CostReport {
  months: number;
  coalition: CostParts & {
    pledged: StageTotals;
    /** Total cost less what is pledged at each stage. */
    gap: Record<PledgeStage, number>;
    /** Pledges committed over total cost; null when the force costs nothing. */
    coverage: number | null;
    gdpEur: number;
    costShareOfGdp: number | null;
  };
  nations: NationCost[];
  domains: DomainCost[];
  modes: ModeCost[];
}

const STAGES: readonly PledgeStage[] = ['committed', 'allocated', 'delivered'];
const cents = (v: number) => Math.round(v * 100) / 100;
const ratio = (a: number, b: number) => (b > 0 ? a / b : null);

function emptyParts(): CostParts {
  return {
    personnel: 0,
    personnelPerMonth: 0,
    sustainmentPerMonth: 0,
    perMonth: 0,
    transport: 0,
    loads: 0,
    total: 0,
  };
}

function finish(p: CostParts, months: number): CostParts {
  const perMonth = p.personnelPerMonth + p.sustainmentPerMonth;
  return {
    personnel: p.personnel,
    personnelPerMonth: cents(p.personnelPerMonth),
    sustainmentPerMonth: cents(p.sustainmentPerMonth),
    perMonth: cents(perMonth),
    transport: cents(p.transport),
    loads: Math.round(p.loads * 10) / 10,
    total: cents(p.transport + months * perMonth),
  };
}

/** The cost of the force against the pledges (see the header). */
export function computeCost(input: CostInput): CostReport {
  const { rates, months } = input;
  if (!(months > 0 && months <= 120))
    throw new RangeError(`months must be more than 0 and at most 120 (got ${months})`);
  const byNation = new Map<string, CostParts>();
  const byDomain = new Map<CostDomain, CostParts>();
  const byMode = new Map<CostMode, ModeCost>();
  const partsOf = <K>(m: Map<K, CostParts>, k: K) => {
    let p = m.get(k);
    if (!p) m.set(k, (p = emptyParts()));
    return p;
  };
  for (const row of input.personnel) {
    if (row.personnel <= 0) continue;
    const rate = rates.nationPersonnelPerMonth.get(row.nation) ?? rates.personnelPerMonth;
    const personnelCost = row.personnel * rate.eur;
    const sustainment = row.personnel * rates.sustainmentPerMonth[row.domain].eur;
    for (const p of [partsOf(byNation, row.nation), partsOf(byDomain, row.domain)]) {
      p.personnel += row.personnel;
      p.personnelPerMonth += personnelCost;
      p.sustainmentPerMonth += sustainment;
    }
  }
  for (const row of input.loads) {
    if (row.loads <= 0) continue;
    const cost = row.loads * rates.transportPerLoad[row.mode].eur;
    for (const p of [partsOf(byNation, row.nation), partsOf(byDomain, row.domain)]) {
      p.transport += cost;
      p.loads += row.loads;
    }
    const m = byMode.get(row.mode) ?? { mode: row.mode, loads: 0, transport: 0 };
    m.loads += row.loads;
    m.transport += cost;
    byMode.set(row.mode, m);
  }

  const coalitionParts = emptyParts();
  for (const p of byNation.values()) {
    coalitionParts.personnel += p.personnel;
    coalitionParts.personnelPerMonth += p.personnelPerMonth;
    coalitionParts.sustainmentPerMonth += p.sustainmentPerMonth;
    coalitionParts.transport += p.transport;
    coalitionParts.loads += p.loads;
  }
  const coalition = finish(coalitionParts, months);
  const pledged = Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<PledgeStage, number>;
  let gdpEur = 0;
  for (const n of input.nations) {
    for (const s of STAGES) pledged[s] += n.pledged[s];
    if (n.gdpEur !== null) gdpEur += n.gdpEur;
  }

  const nations: NationCost[] = input.nations.map((n) => {
    const parts = finish(byNation.get(n.nation) ?? emptyParts(), months);
    const costShare = ratio(parts.total, coalition.total);
    const gdpShare = n.gdpEur === null ? null : ratio(n.gdpEur, gdpEur);
    return {
      nation: n.nation,
      name: n.name,
      ...parts,
      pledged: n.pledged,
      gapCommitted: cents(parts.total - n.pledged.committed),
      gdpEur: n.gdpEur,
      costShareOfGdp: n.gdpEur === null ? null : ratio(parts.total, n.gdpEur),
      contributionShareOfGdp: n.gdpEur === null ? null : ratio(parts.total + n.pledged.committed, n.gdpEur),
      shareOfCoalitionCost: costShare,
      shareOfCoalitionGdp: gdpShare,
      burdenRatio: costShare !== null && gdpShare !== null && gdpShare > 0 ? costShare / gdpShare : null,
    };
  });
  nations.sort((a, b) => b.total - a.total || (a.nation < b.nation ? -1 : 1));

  const DOMAIN_ORDER: readonly CostDomain[] = ['land', 'air', 'maritime', 'enabler'];
  const MODE_ORDER: readonly CostMode[] = ['road', 'rail', 'air', 'sea'];
  return {
    months,
    coalition: {
      ...coalition,
      pledged: pledged as StageTotals,
      gap: Object.fromEntries(STAGES.map((s) => [s, cents(coalition.total - pledged[s])])) as Record<
        PledgeStage,
        number
      >,
      coverage: ratio(pledged.committed, coalition.total),
      gdpEur: cents(gdpEur),
      costShareOfGdp: ratio(coalition.total, gdpEur),
    },
    nations,
    domains: DOMAIN_ORDER.filter((d) => byDomain.has(d)).map((d) => ({
      domain: d,
      ...finish(byDomain.get(d)!, months),
    })),
    modes: MODE_ORDER.filter((m) => byMode.has(m)).map((m) => {
      const x = byMode.get(m)!;
      return { mode: m, loads: Math.round(x.loads * 10) / 10, transport: cents(x.transport) };
    }),
  };
}

export type { Eur };
