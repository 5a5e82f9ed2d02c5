// The computation of each analysis from a scenario document as the viewer may see it: pure, no
// store and no I/O, so the analysis runner can run it on a worker thread. One function per kind of
// the contract's registry (src/contract/analyses); the AnalysisService reads the document, this
// computes, the runner decides where.
import {
  RESILIENCE_DRAWS_DEFAULT,
  RESILIENCE_SEED_DEFAULT,
  type AnalysisArgs,
  type AnalysisDashboard,
  type AnalysisKind,
  type AnalysisParameters,
  type AnalysisResults,
  type PersonnelBasis,
} from '../contract/analyses/index.ts';
import { analyseBurden, type BurdenReport } from '../domain/analysis/burden.ts';
import { explainFigures, headlineFigures, type FillPair } from '../domain/analysis/headline-figures.ts';
import type { ForceFillReport } from '../domain/analysis/force-fill-report.ts';
import { offeredPersonnelByNation, type NationPersonnel } from '../domain/analysis/offered-personnel.ts';
import {
  analyseSustainment,
  DEFAULT_POLICY_KEY,
  type DefaultPolicyKey,
  type SustainmentReport,
} from '../domain/analysis/sustainment.ts';
import type { ExchangeRates } from '../domain/exchange-rates.ts';
import type { Personnel } from '../domain/ids.ts';
import { currentStance } from '../domain/overview.ts';
import { STANCES, type ScenarioDocument, type Stance } from '../domain/scenario-schema.ts';
import { forceFill, type ForceFillOptions } from '../planner/force-fill.ts';
import { resilience } from '../planner/resilience.ts';
import { usDependency } from '../planner/us-dependency.ts';
import { fillOptions, fillParameters } from './fill-options.ts';
import { computeCostAnalysis } from './cost.ts';
import { computeRisk } from './risk.ts';
import { riskHeadline } from './risk-figures.ts';

export { fillOptions, fillParameters } from './fill-options.ts';

/** What an analysis is computed from: the document as the viewer may see it. */
export interface AnalysisInput {
  doc: ScenarioDocument;
  rates: ExchangeRates;
  /** True when records were withheld from the viewer (analyses that report it say so). */
  partial: boolean;
  /** A viewer of the public view (no nation, not coalition staff): places are rounded (risk). */
  publicViewer?: boolean | undefined;
  /** Hears how far a Monte Carlo has got. */
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export interface Computed<K extends AnalysisKind> {
  parameters: AnalysisParameters[K];
  result: AnalysisResults[K];
}

type Compute<K extends AnalysisKind> = (input: AnalysisInput, args: AnalysisArgs<K>) => Computed<K>;

export const COMPUTE: { [K in AnalysisKind]: Compute<K> } = {
  fill: ({ doc }, p) => {
    const report = forceFill(doc, fillOptions(p));
    return { parameters: fillParameters(report), result: report };
  },

  dependency: ({ doc }, p) => {
    const report = usDependency(doc, fillOptions(p));
    const { usBackstop: _u, ...parameters } = fillParameters(forceFill(doc, fillOptions(p)));
    return { parameters, result: report };
  },

  sustainment: ({ doc, partial }, p) => {
    const fill = forceFill(doc, fillOptions(p));
    const parameters = {
      ...fillParameters(fill),
      defaultPolicy: p.defaultPolicy ?? DEFAULT_POLICY_KEY,
      basis: p.basis ?? 'offered',
    };
    return { parameters, result: sustain(doc, fill, parameters, partial) };
  },

  burden: ({ doc, rates, partial }, p) => {
    const fill = forceFill(doc, fillOptions(p));
    const parameters = { ...fillParameters(fill), basis: p.basis ?? 'offered' };
    return { parameters, result: burdenReport(doc, rates, fill, parameters.basis, partial) };
  },

  resilience: ({ doc, onProgress }, p) => {
    const report = resilience(doc, {
      ...fillOptions(p),
      draws: p.draws ?? RESILIENCE_DRAWS_DEFAULT,
      seed: p.seed ?? RESILIENCE_SEED_DEFAULT,
      ...(p.readyByCDay !== undefined && { readyByCDay: p.readyByCDay }),
      ...(onProgress && { onProgress }),
    });
    const mc = report.monteCarlo;
    return {
      parameters: {
        ...fillParameters({ assumptions: mc.fillAssumptions }),
        draws: mc.draws,
        seed: mc.seed,
        readyByCDay: mc.readyByCDay,
      },
      result: report,
    };
  },

  figures: ({ doc }, p) => {
    const { explain, ...fill } = p;
    const { fills, countsLate } = fillPair(doc, fillOptions(fill));
    const parameters = {
      ...fillParameters(countsLate ? fills.withLate : fills.onTime),
      explain: explain ?? false,
    };
    const figures = headlineFigures(fills, countsLate, doc.mission.forceTarget.range);
    return {
      parameters,
      result: explain ? { ...figures, explanation: explainFigures(doc, fills, countsLate) } : figures,
    };
  },

  dashboard: (input, p) => dashboard(input, p),

  cost: (input, p) => computeCostAnalysis(input, p),
  risk: (input, p) => computeRisk(input, p),
};

/**
 * The fill with only offers ready by the RDD and the fill with late ones too, which the headline
 * figures both need; the analysis's own fill is the one its late switch picks.
 */
export function fillPair(
  doc: ScenarioDocument,
  options: ForceFillOptions,
): { fills: FillPair; countsLate: boolean } {
  const onTime = forceFill(doc, { ...options, allowLate: false });
  const withLate = forceFill(doc, { ...options, allowLate: true });
  return { fills: { onTime, withLate }, countsLate: options.allowLate === true };
}

/** Runs one analysis; the parameters must already have been parsed by the contract's schema. */
export function computeAnalysis<K extends AnalysisKind>(
  kind: K,
  input: AnalysisInput,
  args: AnalysisArgs<K>,
): Computed<K> {
  return (COMPUTE[kind] as Compute<K>)(input, args);
}

function dashboard(
  { doc, rates, partial, onProgress }: AnalysisInput,
  p: AnalysisArgs<'dashboard'>,
): Computed<'dashboard'> {
  const options = fillOptions(p);
  const { fills, countsLate } = fillPair(doc, options);
  const fill = countsLate ? fills.withLate : fills.onTime;
  const fillParams = fillParameters(fill);
  const parameters: AnalysisParameters['dashboard'] = {
    ...fillParams,
    defaultPolicy: p.defaultPolicy ?? DEFAULT_POLICY_KEY,
    basis: p.basis ?? 'offered',
    draws: p.draws ?? RESILIENCE_DRAWS_DEFAULT,
    seed: p.seed ?? RESILIENCE_SEED_DEFAULT,
  };
  const { usBackstop: _u, ...dependencyOptions } = options;
  const dependency = usDependency(doc, dependencyOptions);
  const sustainment = sustain(doc, fill, parameters, partial);
  const burden = burdenReport(doc, rates, fill, parameters.basis, partial);
  const { withdrawals, monteCarlo } = resilience(doc, {
    ...options,
    draws: parameters.draws,
    seed: parameters.seed,
    ...(onProgress && { onProgress }),
  });
  const worst = withdrawals.nations[0];
  const risk = riskHeadline(doc, options, fillParams.asOf);

  const stances = Object.fromEntries(STANCES.map((s) => [s, 0])) as Record<Stance, number>;
  for (const n of doc.nations) {
    const current = currentStance(n.stances, fillParams.asOf);
    if (current) stances[current.stance]++;
  }
  const horizon = (h: number | 'indefinite') =>
    (sustainment.coalition.sustainableFor.find((r) => r.horizon === h)?.personnel ?? 0) as Personnel;
  const result: AnalysisDashboard = {
    force: headlineFigures(fills, countsLate, doc.mission.forceTarget.range),
    stances,
    nations: doc.nations.length,
    funding: {
      eur: burden.coalition.eur,
      atStage: burden.coalition.atStage,
      pledges: burden.coalition.pledges,
      unconvertiblePledges: burden.coalition.unconvertiblePledges,
    },
    risks: {
      linesEmptiedWithoutUs: dependency.lacks.linesEmptied,
      personnelMatchedLostWithoutUs: dependency.lacks.personnelMatched,
      sustainable: { months6: horizon(6), months12: horizon(12), indefinitely: horizon('indefinite') },
      biggestWithdrawal: worst
        ? {
            nation: worst.nation,
            weightedFillLost: worst.lost.weightedFill,
            weightedFillShare: worst.lost.weightedFillShare,
            personnelMatchedLost: worst.lost.personnel,
            personnelMatchedWithout: worst.after.personnelMatched,
            linesEmptied: worst.linesNewlyEmpty,
          }
        : null,
      probabilityTargetMet: monteCarlo.probabilityTargetMet,
      probabilityTargetMetError: monteCarlo.probabilityTargetMetError,
      exposure: { within50km: risk.within50km, ulnsBreachingLimits: risk.ulnsBreachingLimits },
      escalation: {
        topRung: risk.escalation.topRung,
        matchedAtTopRung: risk.escalation.matchedAtTopRung,
        sector: risk.escalation.sector,
        respond48h: risk.escalation.respond48h,
      },
      register: {
        open: risk.register.open,
        reviewsOverdue: risk.register.reviewsOverdue,
        openByResidualLevel: risk.register.openByResidualLevel,
        top: risk.register.entries
          .filter((e) => e.status === 'open')
          .slice(0, 3)
          .map((e) => ({
            id: e.id,
            title: e.title,
            level: e.level,
            residualLevel: e.residual.level,
            owner: e.owner,
            reviewDate: e.reviewDate,
            reviewOverdue: e.reviewOverdue,
          })),
      },
    },
  };
  return { parameters, result };
}

export function burdenReport(
  doc: ScenarioDocument,
  rates: ExchangeRates,
  fill: ForceFillReport,
  basis: PersonnelBasis,
  partial: boolean,
): BurdenReport {
  return analyseBurden({
    nations: doc.nations,
    pledges: doc.pledges,
    personnel: personnelOf(doc, fill, basis),
    rates,
    partial,
  });
}

function personnelOf(doc: ScenarioDocument, fill: ForceFillReport, basis: PersonnelBasis): NationPersonnel[] {
  return basis === 'offered'
    ? offeredPersonnelByNation(doc.offers)
    : fill.byNation.map((n) => ({ nation: n.nation, personnel: n.personnelMatched }));
}

/**
 * Strengths per nation on the chosen basis, each taken as the nation's whole pool; the per-line
 * check reads which nations fill each line from the same fill.
 */
export function sustain(
  doc: ScenarioDocument,
  fill: ForceFillReport,
  p: { defaultPolicy: DefaultPolicyKey; basis: PersonnelBasis },
  partial: boolean,
): SustainmentReport {
  return analyseSustainment(
    {
      strengths: personnelOf(doc, fill, p.basis).map((n) => ({ nation: n.nation, strength: n.personnel })),
      policies: doc.rotationPolicies,
      lines: fill.lines.map((l) => ({
        lineId: l.line,
        durationMonths: l.durationMonths,
        contributions: l.nations.map((n) => ({ nation: n.nation, personnel: n.personnel })),
      })),
      partial,
    },
    { defaultPolicy: p.defaultPolicy },
  );
}
