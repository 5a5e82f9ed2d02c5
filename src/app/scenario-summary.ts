// One scenario as a comparison of courses of action needs it: every compared figure (the headline
// figures, sustainment, the US dependency, the Monte Carlo, funding and the deployment plan) and,
// per line, nation, offer, pledge and ULN, the numbers those figures are made of, so that a delta
// can be traced to the records that produced it. Pure: it runs on the analysis runner, one job per
// scenario, memoised by that scenario's content version like any analysis.
import {
  RESILIENCE_DRAWS_DEFAULT,
  RESILIENCE_SEED_DEFAULT,
  type AnalysisArgs,
} from '../contract/analyses/index.ts';
import type { CompareParameters } from '../contract/compare.ts';
import { explainFigures, headlineFigures } from '../domain/analysis/headline-figures.ts';
import type { ForceFillReport } from '../domain/analysis/force-fill-report.ts';
import { DEFAULT_POLICY_KEY } from '../domain/analysis/sustainment.ts';
import type { ScenarioSummary, SummaryEntry } from '../domain/comparison/compare.ts';
import type { ComparedFigureKey } from '../domain/comparison/figures.ts';
import type { ExchangeRates } from '../domain/exchange-rates.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { planScenario } from '../planner/deploy/plan-report.ts';
import { forceFill } from '../planner/force-fill.ts';
import { monteCarlo } from '../planner/resilience.ts';
import { usDependency } from '../planner/us-dependency.ts';
import { burdenReport, fillOptions, fillPair, fillParameters, sustain } from './analyses.ts';
import type { SummaryOutput } from './comparison.ts';
import { escalationFigures, exposureFigures } from './risk-figures.ts';

export type SummaryArgs = AnalysisArgs<'dashboard'>;

export interface SummaryInput {
  doc: ScenarioDocument;
  rates: ExchangeRates;
  partial: boolean;
}

export function summariseScenario({ doc, rates, partial }: SummaryInput, p: SummaryArgs): SummaryOutput {
  const options = fillOptions(p);
  const { fills, countsLate } = fillPair(doc, options);
  const counted = countsLate ? fills.withLate : fills.onTime;
  const parameters: CompareParameters = {
    ...fillParameters(counted),
    defaultPolicy: p.defaultPolicy ?? DEFAULT_POLICY_KEY,
    basis: p.basis ?? 'offered',
    draws: p.draws ?? RESILIENCE_DRAWS_DEFAULT,
    seed: p.seed ?? RESILIENCE_SEED_DEFAULT,
  };
  const headline = headlineFigures(fills, countsLate, doc.mission.forceTarget.range).values;
  const explained = explainFigures(doc, fills, countsLate);
  const sustainment = sustain(doc, counted, parameters, partial);
  const burden = burdenReport(doc, rates, counted, parameters.basis, partial);

  // Without the US: the dependency report's own rule (no backstop, absent nations left out), and the
  // two fills it compares, for the breakdown per line, nation and offer.
  const { usBackstop: _u, ...dependencyOptions } = options;
  const dependency = usDependency(doc, dependencyOptions);
  const withUs = forceFill(doc, { ...dependencyOptions, usBackstop: true });
  const withoutUs = forceFill(doc, {
    ...dependencyOptions,
    usBackstop: false,
    excludeNations: [...(options.excludeNations ?? []), ...dependency.absentNations],
  });

  const mc = monteCarlo(doc, { ...options, draws: parameters.draws, seed: parameters.seed });
  const planned = planScenario(doc, {});
  const notes: string[] = [];
  if (!planned.ok)
    notes.push(`No deployment plan: ${planned.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
  else if (planned.report.forceList.source === 'stored')
    notes.push(
      'The deployment figures move the stored force list: offers a what-if adds or removes do not ' +
        'change it until the force list is generated again.',
    );
  const plan = planned.ok ? planned.report : null;
  const exposure = plan ? exposureFigures(doc, plan, planned.ok ? planned.ulns : []) : null;
  if (plan && !exposure) notes.push('No line of contact: the risk figures are not computed.');
  const escalation = escalationFigures(doc, options, planned);

  const horizon = (h: number) =>
    sustainment.coalition.sustainableFor.find((r) => r.horizon === h)?.personnel ?? 0;
  const figures: Record<ComparedFigureKey, number | null> = {
    ...headline,
    sustainable6: horizon(6),
    sustainable12: horizon(12),
    matchedWithoutUs: dependency.withoutUs.personnelMatched,
    lostWithoutUs: dependency.lacks.personnelMatched,
    linesEmptiedWithoutUs: dependency.lacks.linesEmptied.length,
    mcP10: mc.personnelMatched.p10,
    mcP50: mc.personnelMatched.p50,
    mcP90: mc.personnelMatched.p90,
    probabilityTargetMet: mc.probabilityTargetMet,
    fundingCommitted: burden.coalition.eur.committed,
    fundingAllocated: burden.coalition.eur.allocated,
    fundingDelivered: burden.coalition.eur.delivered,
    closureDay50: plan?.closure.halfDay ?? null,
    closureDay90: plan?.closure.ninetyDay ?? null,
    closureDay100: plan?.closure.allDay ?? null,
    personnelDaysLate: plan?.objective.personnelDaysLate ?? null,
    lateUlns: plan?.objective.lateUlns ?? null,
    within50km: exposure ? sum(exposure.withinByUln.values()) : null,
    ulnsBreachingLimits: exposure ? exposure.breaching.size : null,
    matchedAtTopRung: escalation.matchedAtTopRung,
    respond48h: escalation.respond48h,
  };

  // ---- Breakdowns ----
  const lineLabel = new Map(fills.onTime.lines.map((l) => [l.line as string, l.label]));
  const filledBy = (fill: ForceFillReport) => new Map(fill.lines.map((l) => [l.line as string, l]));
  const lines = {
    onTime: filledBy(fills.onTime),
    withLate: filledBy(fills.withLate),
    counted: filledBy(counted),
  };
  const us = { with: filledBy(withUs), without: filledBy(withoutUs) };
  const emptied = new Set<string>(dependency.lacks.linesEmptied);
  const lineEntries: SummaryEntry[] = doc.requirements.map((r) => {
    const on = lines.onTime.get(r.id)?.filled.personnel ?? 0;
    const late = lines.withLate.get(r.id)?.filled.personnel ?? 0;
    const wo = us.without.get(r.id)?.filled.personnel ?? 0;
    return {
      id: r.id,
      label: lineLabel.get(r.id) ?? r.id,
      values: {
        required: lines.onTime.get(r.id)?.required.personnel ?? 0,
        onTime: on,
        late: late - on,
        matched: lines.counted.get(r.id)?.filled.personnel ?? 0,
        shortfall: lines.counted.get(r.id)?.shortfall.personnel ?? 0,
        withoutUs: wo,
        lostWithoutUs: (us.with.get(r.id)?.filled.personnel ?? 0) - wo,
        emptiedWithoutUs: emptied.has(r.id) ? 1 : 0,
      },
    };
  });

  const byNation = (fill: ForceFillReport) => new Map(fill.byNation.map((n) => [n.nation as string, n]));
  const nationFill = {
    onTime: byNation(fills.onTime),
    withLate: byNation(fills.withLate),
    counted: byNation(counted),
    withUs: byNation(withUs),
    withoutUs: byNation(withoutUs),
  };
  const sustained = new Map(sustainment.nations.map((n) => [n.nation as string, n]));
  const delivery = new Map(mc.nations.map((n) => [n.nation as string, n]));
  const funded = new Map(burden.nations.map((n) => [n.nation as string, n]));
  const nationEntries: SummaryEntry[] = doc.nations.map((n) => {
    const matched = (m: Map<string, { personnelMatched: number }>) => m.get(n.id)?.personnelMatched ?? 0;
    const held = (h: number) =>
      sustained.get(n.id)?.sustainableFor.find((r) => r.horizon === h)?.personnel ?? 0;
    const d = delivery.get(n.id);
    const eur = funded.get(n.id)?.eur;
    return {
      id: n.id,
      label: n.name,
      values: {
        offered: nationFill.onTime.get(n.id)?.personnelOffered ?? 0,
        counting: nationFill.onTime.get(n.id)?.personnelAvailable ?? 0,
        onTime: matched(nationFill.onTime),
        late: matched(nationFill.withLate) - matched(nationFill.onTime),
        matched: matched(nationFill.counted),
        withoutUs: matched(nationFill.withoutUs),
        lostWithoutUs: matched(nationFill.withUs) - matched(nationFill.withoutUs),
        sustainable6: held(6),
        sustainable12: held(12),
        // What the Monte Carlo expects the nation to bring: its delivery probability times what it
        // has that counts. Not the parts of a percentile, but what moves one.
        expected: d ? Math.round(d.probability * d.personnelAvailable) : 0,
        committed: eur?.committed ?? 0,
        allocated: eur?.allocated ?? 0,
        delivered: eur?.delivered ?? 0,
        within50km: exposure ? (exposure.withinByNation.get(n.id) ?? 0) : null,
        breaching: exposure ? (exposure.breachingByNation.get(n.id) ?? 0) : null,
        withdrawnAtTopRung:
          escalation.matchedAtTopRung === null ? null : (escalation.withdrawnByNation.get(n.id) ?? 0),
        respond48h: escalation.respond48h === null ? null : (escalation.respondByNation.get(n.id) ?? 0),
      },
    };
  });

  const personnelOf = (records: { key: string; personnel: number }[]) =>
    new Map(records.map((r) => [r.key, r.personnel]));
  const offerParts = {
    offered: personnelOf(explained.offered),
    counting: personnelOf(explained.counting),
    onTime: personnelOf(explained.matchedOnTime),
    late: personnelOf(explained.matchedLate),
  };
  const offerLabels = new Map(explained.offered.map((r) => [r.key, r.label]));
  const offerWithoutUs = matchedByOffer(withoutUs);
  const offerEntries: SummaryEntry[] = doc.offers.map((o) => ({
    id: o.id,
    label: offerLabels.get(o.id) ?? `${o.nation}: ${o.quantity} × ${o.capability} (${o.status})`,
    values: {
      offered: offerParts.offered.get(o.id) ?? 0,
      counting: offerParts.counting.get(o.id) ?? 0,
      onTime: offerParts.onTime.get(o.id) ?? 0,
      late: offerParts.late.get(o.id) ?? 0,
      withoutUs: offerWithoutUs.get(o.id) ?? 0,
    },
  }));

  const nationName = new Map(doc.nations.map((n) => [n.id as string, n.name]));
  const pledgeEntries: SummaryEntry[] = burden.pledges.map((pl) => ({
    id: pl.id,
    label: `${pl.id} (${nationName.get(pl.nation) ?? pl.nation}, ${pl.stage})`,
    values: {
      committed: pl.eur,
      allocated: pl.stage === 'committed' ? 0 : pl.eur,
      delivered: pl.stage === 'delivered' ? pl.eur : 0,
    },
  }));

  const ulnEntries: SummaryEntry[] = (plan?.ulns ?? []).map((u) => ({
    id: u.uln,
    label: `${u.uln}: ${u.unit}`,
    values: {
      arrivalDay: u.arrivalDay,
      // As the plan's figures count them: scheduled ULNs only (an unmoved one's days run to the
      // penalty day, which the objective's unplanned penalty counts instead).
      personnelDaysLate: u.status === 'scheduled' ? u.personnel * u.daysLate : 0,
      late: u.status === 'scheduled' && u.daysLate > 0 ? 1 : 0,
      within50km: exposure ? (exposure.withinByUln.get(u.uln) ?? 0) : null,
      breaching: exposure ? (exposure.breaching.has(u.uln) ? 1 : 0) : null,
      respond48h: escalation.respond48h === null ? null : (escalation.respondByUln.get(u.uln) ?? 0),
    },
  }));

  const summary: ScenarioSummary = {
    scenario: doc.id,
    name: doc.name,
    figures,
    breakdowns: {
      line: lineEntries,
      nation: nationEntries,
      offer: offerEntries,
      pledge: pledgeEntries,
      uln: ulnEntries,
    },
    closureCurve: plan?.closure.curve ?? [],
    monteCarlo: { draws: mc.draws, binWidth: mc.histogram.binWidth, bins: mc.histogram.bins },
    notes,
  };
  return { summary, parameters };
}

function matchedByOffer(fill: ForceFillReport): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of fill.lines)
    for (const a of line.assignments) out.set(a.offer, (out.get(a.offer) ?? 0) + a.personnel);
  return out;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const v of values) total += v;
  return total;
}
