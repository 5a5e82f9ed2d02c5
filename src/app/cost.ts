// The cost analysis (issue 16) from a scenario document as the viewer may see it: each rate of
// `assumptions.costRates` (or its default) converted to EUR once, at its price date or the analysis
// date; the personnel the cost counts per nation and domain (what is offered, or what the fill
// matches); the loads the deployment plan moves per nation, domain and mode; and each nation's
// pledges and GDP in EUR from the burden analysis. src/domain/analysis/cost.ts does the arithmetic.
import type { AnalysisArgs, CostParameters, CostResult } from '../contract/analyses/index.ts';
import { computeCost, type CostRatesInEur, type RateInEur } from '../domain/analysis/cost.ts';
import type { ForceFillReport } from '../domain/analysis/force-fill-report.ts';
import {
  COST_DOMAINS,
  COST_MODES,
  DEFAULT_COST_RATES,
  type CostDomain,
  type CostMode,
  type Money,
} from '../domain/cost-rates.ts';
import { invalid } from '../domain/errors.ts';
import type { ExchangeRates } from '../domain/exchange-rates.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { planScenario } from '../planner/deploy/plan-report.ts';
import { forceFill } from '../planner/force-fill.ts';
import { analyseBurden } from '../domain/analysis/burden.ts';
import type { NationId, Personnel } from '../domain/ids.ts';
import { fillOptions, fillParameters } from './fill-options.ts';

/** Months the cost runs over when the scenario's lines give none. */
export const COST_MONTHS_FALLBACK = 12;

export interface CostComputeInput {
  doc: ScenarioDocument;
  rates: ExchangeRates;
  partial: boolean;
}

function inEur(
  money: Money,
  from: RateInEur['from'],
  path: string,
  asOf: string,
  rates: ExchangeRates,
): RateInEur {
  const date = money.priceDate ?? asOf;
  const found = rates.lookup(money.currency, date);
  if (!found)
    throw invalid([
      {
        path: `${path}.currency`,
        message: `has no EUR rate for ${money.currency} in ${date.slice(0, 4)} in the rate table; give a priceDate the table covers`,
      },
    ]);
  // Rounded to the cent once, here: the figures are then the rate shown times what is counted.
  return {
    eur: Math.round(money.amount * found.eurPerUnit * 100) / 100,
    amount: money.amount,
    currency: money.currency,
    eurPerUnit: found.eurPerUnit,
    ratePeriod: found.period,
    ...(money.source && {
      source: {
        publication: money.source.publication,
        ...(money.source.date && { date: money.source.date }),
        ...(money.source.url && { url: money.source.url }),
        ...(money.source.note && { note: money.source.note }),
      },
    }),
    ...(money.assumption !== undefined && { assumption: money.assumption }),
    from,
  };
}

/** The scenario's rates, or the defaults, in EUR. */
export function costRatesInEur(doc: ScenarioDocument, asOf: string, rates: ExchangeRates): CostRatesInEur {
  const given = doc.assumptions?.costRates;
  const base = 'assumptions.costRates';
  const pick = <T extends Money | undefined>(value: T, fallback: Money, path: string) =>
    inEur(value ?? fallback, value ? 'scenario' : 'default', path, asOf, rates);
  return {
    personnelPerMonth: pick(
      given?.personnelPerMonth,
      DEFAULT_COST_RATES.personnelPerMonth,
      `${base}.personnelPerMonth`,
    ),
    nationPersonnelPerMonth: new Map(
      Object.entries(given?.nationPersonnelPerMonth ?? {}).map(([nation, money]) => [
        nation,
        inEur(money, 'nation', `${base}.nationPersonnelPerMonth.${nation}`, asOf, rates),
      ]),
    ),
    sustainmentPerMonth: Object.fromEntries(
      COST_DOMAINS.map((d) => [
        d,
        pick(
          given?.sustainmentPerMonth?.[d],
          DEFAULT_COST_RATES.sustainmentPerMonth[d],
          `${base}.sustainmentPerMonth.${d}`,
        ),
      ]),
    ) as Record<CostDomain, RateInEur>,
    transportPerLoad: Object.fromEntries(
      COST_MODES.map((m) => [
        m,
        pick(
          given?.transportPerLoad?.[m],
          DEFAULT_COST_RATES.transportPerLoad[m],
          `${base}.transportPerLoad.${m}`,
        ),
      ]),
    ) as Record<CostMode, RateInEur>,
  };
}

/** Personnel per nation and domain: every offer not withdrawn, or what the fill matches. */
function personnelRows(doc: ScenarioDocument, fill: ForceFillReport, basis: 'offered' | 'matched') {
  const domainOf = new Map(doc.capabilities.map((c) => [c.code as string, c.domain]));
  const offers = new Map(doc.offers.map((o) => [o.id as string, o]));
  const rows = new Map<string, { nation: string; domain: CostDomain; personnel: number }>();
  const add = (nation: string, capability: string, personnel: number) => {
    const domain = domainOf.get(capability) ?? 'land';
    const key = `${nation}:${domain}`;
    const row = rows.get(key) ?? { nation, domain, personnel: 0 };
    row.personnel += personnel;
    rows.set(key, row);
  };
  if (basis === 'offered') {
    for (const o of doc.offers) if (o.status !== 'withdrawn') add(o.nation, o.capability, o.personnel);
  } else {
    for (const line of fill.lines)
      for (const a of line.assignments) {
        const offer = offers.get(a.offer);
        if (offer) add(a.nation, offer.capability, a.personnel);
      }
  }
  return [...rows.values()];
}

/** Per offer, the share of its personnel the basis counts (0 to 1). */
function countedShareOfOffers(doc: ScenarioDocument, fill: ForceFillReport, basis: 'offered' | 'matched') {
  const share = new Map<string, number>();
  if (basis === 'offered') {
    for (const o of doc.offers) share.set(o.id, o.status === 'withdrawn' ? 0 : 1);
    return share;
  }
  const personnel = new Map(doc.offers.map((o) => [o.id as string, o.personnel as number]));
  for (const line of fill.lines)
    for (const a of line.assignments) share.set(a.offer, (share.get(a.offer) ?? 0) + a.personnel);
  for (const [offer, matched] of share) {
    const total = personnel.get(offer) ?? 0;
    share.set(offer, total > 0 ? Math.min(1, matched / total) : 0);
  }
  return share;
}

function monthsOf(doc: ScenarioDocument): number {
  let months = 0;
  for (const r of doc.requirements) months = Math.max(months, r.durationMonths);
  return months > 0 ? Math.min(120, months) : COST_MONTHS_FALLBACK;
}

export function computeCostAnalysis(
  { doc, rates, partial }: CostComputeInput,
  p: AnalysisArgs<'cost'>,
): { parameters: CostParameters; result: CostResult } {
  const fill = forceFill(doc, fillOptions(p));
  const basis = p.basis ?? 'matched';
  const months = p.months ?? monthsOf(doc);
  const parameters: CostParameters = { ...fillParameters(fill), basis, months };
  const notes: string[] = [];
  const rateTable = costRatesInEur(doc, parameters.asOf, rates);

  // Transport: the loads of the deployment plan, per nation, domain and mode.
  const planned = planScenario(doc);
  const loadRows = new Map<string, { nation: string; domain: CostDomain; mode: CostMode; loads: number }>();
  if (!planned.ok) notes.push('No deployment plan: transport is not costed.');
  else {
    const domainOf = new Map(doc.capabilities.map((c) => [c.code as string, c.domain]));
    // A ULN's loads count in the share of its offer that the basis counts: all of an offer not
    // withdrawn when costing what is offered, the part the fill matches when costing what is matched.
    const counted = countedShareOfOffers(doc, fill, basis);
    const offerOf = new Map(planned.ulns.map((r) => [r.uln as string, r.offer as string]));
    let unscheduled = 0;
    for (const u of planned.report.ulns) {
      const share = counted.get(offerOf.get(u.uln) ?? '') ?? 0;
      if (share <= 0) continue;
      if (u.status !== 'scheduled') unscheduled++;
      const domain = domainOf.get(u.capability) ?? 'land';
      for (const leg of u.legs) {
        const mode = leg.mode as CostMode;
        const key = `${u.nation}:${domain}:${mode}`;
        const row = loadRows.get(key) ?? { nation: u.nation, domain, mode, loads: 0 };
        row.loads += leg.loads * share;
        loadRows.set(key, row);
      }
    }
    if (unscheduled > 0)
      notes.push(`${unscheduled} ULN(s) the plan cannot move are not in the transport cost.`);
    if (planned.report.forceList.source === 'stored')
      notes.push('Transport is costed on the stored force list, which may differ from the offers counted.');
  }

  const personnel = personnelRows(doc, fill, basis);
  const byNation = new Map<string, number>();
  for (const r of personnel) byNation.set(r.nation, (byNation.get(r.nation) ?? 0) + r.personnel);
  const burden = analyseBurden({
    nations: doc.nations,
    pledges: doc.pledges,
    personnel: [...byNation].map(([nation, n]) => ({
      nation: nation as NationId,
      personnel: n as Personnel,
    })),
    rates,
    partial,
  });
  if (burden.unconvertible.length > 0)
    notes.push(`${burden.unconvertible.length} pledge(s) cannot be converted to EUR and are not counted.`);
  const report = computeCost({
    nations: burden.nations.map((n) => ({
      nation: n.nation,
      name: n.name,
      gdpEur: n.gdp.ok ? n.gdp.eur : null,
      pledged: n.eur,
    })),
    personnel,
    loads: [...loadRows.values()],
    rates: rateTable,
    months,
  });
  const rate = (r: RateInEur) => ({ ...r });
  return {
    parameters,
    result: {
      ...report,
      rates: {
        personnelPerMonth: rate(rateTable.personnelPerMonth),
        nationPersonnelPerMonth: [...rateTable.nationPersonnelPerMonth].map(([nation, r]) => ({
          nation,
          ...rate(r),
        })),
        sustainmentPerMonth: COST_DOMAINS.map((domain) => ({
          domain,
          ...rate(rateTable.sustainmentPerMonth[domain]),
        })),
        transportPerLoad: COST_MODES.map((mode) => ({ mode, ...rate(rateTable.transportPerLoad[mode]) })),
      },
      notes,
    },
  };
}
