// The analyses of a scenario as one viewer may see them, for the HTTP API and the CLI alike. Each
// reads the scenario document through the store's guarded path (exportScenario with the viewer),
// which leaves out every record not releasable to the viewer and every record that depends on one,
// so a figure can never be computed from something the viewer may not see. `partial` and `withheld`
// say when that happened. The computing itself is in src/planner and src/domain/analysis; this file
// only validates parameters, picks the inputs and wraps the result in one envelope.
import { z } from 'zod';
import type { Principal } from '../domain/access.ts';
import { analyseBurden, type BurdenReport, type StageTotals } from '../domain/analysis/burden.ts';
import type { ForceFillReport } from '../domain/analysis/force-fill-report.ts';
import type { ResilienceReport } from '../domain/analysis/resilience-report.ts';
import { offeredPersonnelByNation, type NationPersonnel } from '../domain/analysis/offered-personnel.ts';
import {
  analyseSustainment,
  DEFAULT_POLICY_KEY,
  DEFAULT_POLICY_KEYS,
  type DefaultPolicyKey,
  type SustainmentReport,
} from '../domain/analysis/sustainment.ts';
import type { UsDependencyReport } from '../domain/analysis/us-dependency-report.ts';
import { invalid } from '../domain/errors.ts';
import {
  isoDateSchema,
  nationIdSchema,
  type IsoDate,
  type NationId,
  type Personnel,
  type RequirementId,
} from '../domain/ids.ts';
import { currentStance } from '../domain/overview.ts';
import { zodIssues } from '../domain/scenario-document.ts';
import {
  OFFER_STATUSES,
  STANCES,
  type OfferStatus,
  type ScenarioDocument,
  type Stance,
} from '../domain/scenario-schema.ts';
import { forceFill, type ForceFillOptions } from '../planner/force-fill.ts';
import { MAX_SEED } from '../planner/prng.ts';
import { DEFAULT_DRAWS, DEFAULT_SEED, resilience } from '../planner/resilience.ts';
import { usDependency } from '../planner/us-dependency.ts';
import type { Withheld } from '../storage/store.ts';
import type { CoalitionService } from './coalition-service.ts';

export const ANALYSIS_KINDS = ['fill', 'sustainment', 'dependency', 'resilience', 'burden'] as const;
export type AnalysisKind = (typeof ANALYSIS_KINDS)[number];

/** Every analysis answers in this envelope, so a client reads scope and assumptions the same way. */
export interface AnalysisEnvelope<P, R> {
  scenario: string;
  /** The analysis date: offers valid until an earlier day do not count, stances are read as of it. */
  asOf: IsoDate;
  /** True when records were withheld from the viewer: the figures cover only what it may see. */
  partial: boolean;
  /** Records withheld from the viewer, by kind (empty for coalition staff). */
  withheld: Withheld;
  /** The parameters used, defaults filled in. */
  parameters: P;
  result: R;
}

// --- parameters ------------------------------------------------------------------------------------

const MIN_STATUSES = OFFER_STATUSES.filter((s) => s !== 'withdrawn') as Exclude<OfferStatus, 'withdrawn'>[];
// The planner allows a million draws; a request is held to 100,000 (a few seconds of one core),
// which already puts the standard error of a probability under 0.0016.
export const RESILIENCE_DRAWS_MAX = 100_000;
export const RESILIENCE_DRAWS_DEFAULT = DEFAULT_DRAWS;
export const RESILIENCE_SEED_DEFAULT = DEFAULT_SEED;
export const RESILIENCE_SEED_MAX = MAX_SEED;
export const PERSONNEL_BASES = ['offered', 'matched'] as const;
export type PersonnelBasis = (typeof PERSONNEL_BASES)[number];

// Query strings arrive as text (or as arrays when a key repeats); the CLI passes the same text, so
// both go through one parser and report errors alike. Real booleans and numbers are accepted too.
export const booleanParam = z.union([z.boolean(), z.enum(['true', 'false']).transform((v) => v === 'true')], {
  error: 'must be true or false',
});

export function intParam(min: number, max: number) {
  const message = `must be a whole number from ${min} to ${max}`;
  return z
    .union(
      [
        z.number(),
        z
          .string()
          .regex(/^-?\d{1,16}$/, message)
          .transform(Number),
      ],
      { error: message },
    )
    .pipe(z.number().int(message).min(min, message).max(max, message));
}

/** ISO3 codes, comma-separated or as a repeated key; empty items are ignored. */
const nationListParam = z
  .union([z.string(), z.array(z.string())], { error: 'must be a comma-separated list of ISO3 codes' })
  .transform((v) =>
    (Array.isArray(v) ? v : [v])
      .flatMap((s) => s.split(','))
      .map((s) => s.trim())
      .filter((s) => s !== ''),
  )
  .pipe(z.array(nationIdSchema));

const fillShape = {
  usBackstop: booleanParam.optional(),
  allowLate: booleanParam.optional(),
  minStatus: z.enum(MIN_STATUSES, { error: `must be one of ${MIN_STATUSES.join(', ')}` }).optional(),
  asOf: isoDateSchema.optional(),
  activationCDay: intParam(0, 3650).optional(),
  excludeNations: nationListParam.optional(),
};
const sustainmentShape = {
  defaultPolicy: z
    .enum(DEFAULT_POLICY_KEYS, { error: `must be one of ${DEFAULT_POLICY_KEYS.join(', ')}` })
    .optional(),
  basis: z.enum(PERSONNEL_BASES, { error: `must be one of ${PERSONNEL_BASES.join(', ')}` }).optional(),
};
const resilienceShape = {
  draws: intParam(1, RESILIENCE_DRAWS_MAX).optional(),
  seed: intParam(0, RESILIENCE_SEED_MAX).optional(),
};
const { usBackstop: _usBackstop, ...dependencyShape } = fillShape;

// Strict: a misspelt parameter is a 400 naming it, not silently ignored.
export const fillParamsSchema = z.strictObject(fillShape);
export const dependencyParamsSchema = z.strictObject(dependencyShape);
export const sustainmentParamsSchema = z.strictObject({ ...fillShape, ...sustainmentShape });
export const burdenParamsSchema = z.strictObject({ ...fillShape, basis: sustainmentShape.basis });
export const resilienceParamsSchema = z.strictObject({
  ...fillShape,
  ...resilienceShape,
  readyByCDay: intParam(0, 3650).optional(),
});
export const dashboardParamsSchema = z.strictObject({
  ...fillShape,
  ...sustainmentShape,
  ...resilienceShape,
});

/** The fill assumptions as used (echoed in every envelope). */
export interface FillParameters {
  usBackstop: boolean;
  allowLate: boolean;
  minStatus: Exclude<OfferStatus, 'withdrawn'>;
  asOf: IsoDate;
  activationCDay: number;
  excludeNations: NationId[];
}
export type DependencyParameters = Omit<FillParameters, 'usBackstop'>;
export interface SustainmentParameters extends FillParameters {
  defaultPolicy: DefaultPolicyKey;
  basis: PersonnelBasis;
}
export interface BurdenParameters extends FillParameters {
  basis: PersonnelBasis;
}
export interface MonteCarloParameters {
  draws: number;
  seed: number;
}
export interface ResilienceParameters extends FillParameters, MonteCarloParameters {
  /** Only offers ready by this C-day count in the Monte Carlo; null when all count. */
  readyByCDay: number | null;
}
export type DashboardParameters = SustainmentParameters & MonteCarloParameters;

/** Reports how far a Monte Carlo has got (the CLI draws a progress bar with it). */
export interface ProgressOptions {
  onProgress?: (done: number, total: number) => void;
}

const PARAMS_SCHEMAS = {
  dashboard: dashboardParamsSchema,
  fill: fillParamsSchema,
  sustainment: sustainmentParamsSchema,
  dependency: dependencyParamsSchema,
  burden: burdenParamsSchema,
  resilience: resilienceParamsSchema,
} as const;

/** Checks an analysis's parameters without running it (the CLI does, before opening the store). */
export function checkAnalysisParams(analysis: AnalysisKind | 'dashboard', query: unknown): void {
  parseParams(PARAMS_SCHEMAS[analysis], query);
}

function parseParams<S extends z.ZodType>(schema: S, query: unknown): z.output<S> {
  const parsed = schema.safeParse(query ?? {});
  if (!parsed.success) throw invalid(zodIssues(parsed.error));
  return parsed.data;
}

type RawFill = z.output<typeof fillParamsSchema>;

function fillOptions(p: RawFill): ForceFillOptions {
  return {
    ...(p.usBackstop !== undefined && { usBackstop: p.usBackstop }),
    ...(p.allowLate !== undefined && { allowLate: p.allowLate }),
    ...(p.minStatus !== undefined && { minStatus: p.minStatus }),
    ...(p.asOf !== undefined && { asOf: p.asOf }),
    ...(p.activationCDay !== undefined && { activationCDay: p.activationCDay }),
    ...(p.excludeNations !== undefined && { excludeNations: p.excludeNations }),
  };
}

/** The defaults as the fill engine resolved them, read back from its report rather than restated. */
function fillParameters(report: Pick<ForceFillReport, 'assumptions'>): FillParameters {
  const a = report.assumptions;
  return {
    usBackstop: a.usBackstop,
    allowLate: a.allowLate,
    minStatus: a.minStatus,
    asOf: a.asOf,
    activationCDay: a.activationCDay,
    excludeNations: a.excludedNations,
  };
}

// --- the dashboard summary ---------------------------------------------------------------------------

/** The first row of the resilience withdrawal table: the nation whose loss costs the most. */
export interface WithdrawalImpact {
  nation: NationId;
  /** Priority-weighted fill lost (what the table is ordered by), and its share of the whole. */
  weightedFillLost: number;
  weightedFillShare: number;
  /** Matched personnel with every nation, minus matched without this nation's offers. */
  personnelMatchedLost: number;
  personnelMatchedWithout: Personnel;
  /** Requirement lines that have units with the nation and none without. */
  linesEmptied: RequirementId[];
}

export interface AnalysisDashboard {
  force: {
    /** The mission's force target. */
    target: Personnel;
    range?: { min: number; max: number } | undefined;
    /** Sum of the requirement lines at planning size. */
    required: Personnel;
    /** Personnel in offers not withdrawn. */
    offered: Personnel;
    /** Personnel in offers that count under the fill assumptions. */
    available: Personnel;
    matched: Personnel;
    /** Target minus matched, never below 0. */
    shortfall: Personnel;
    shortfallAgainstLines: Personnel;
    lineCounts: ForceFillReport['totals']['lineCounts'];
  };
  /** Nations by current stance as of the analysis date (nations without a stance are not counted). */
  stances: Record<Stance, number>;
  nations: number;
  funding: {
    /** Cumulative EUR by stage: committed ⊇ allocated ⊇ delivered. */
    eur: StageTotals;
    /** EUR whose furthest stage is exactly each one. */
    atStage: StageTotals;
    pledges: number;
    unconvertiblePledges: number;
  };
  risks: {
    /** Lines with units when the US backs the coalition and none without it. */
    linesEmptiedWithoutUs: RequirementId[];
    /** Matched personnel with the US minus without. */
    personnelMatchedLostWithoutUs: Personnel;
    /** Coalition personnel sustainable for 6 and 12 months under the rotation policies. */
    sustainable: { months6: Personnel; months12: Personnel; indefinitely: Personnel };
    /** The nation whose withdrawal costs the most weighted fill; null when no nation offers anything. */
    biggestWithdrawal: WithdrawalImpact | null;
    /** Share of the resilience Monte Carlo's draws whose matched personnel reach the target. */
    probabilityTargetMet: number;
    /** Its standard error: the Monte Carlo's own uncertainty. */
    probabilityTargetMetError: number;
  };
}

// --- the service -------------------------------------------------------------------------------------

export class AnalysisService {
  constructor(readonly coalition: CoalitionService) {}

  /** The document as the viewer may see it, and what was withheld from it. */
  private async read(
    scenarioId: string,
    viewer: Principal,
  ): Promise<{ doc: ScenarioDocument; withheld: Withheld; partial: boolean }> {
    // Export first: an unknown scenario is 404 before anything else is looked at.
    const doc = await this.coalition.store.exportScenario(scenarioId, viewer);
    const withheld = await this.coalition.store.withheld(scenarioId, viewer);
    return { doc, withheld, partial: Object.values(withheld).some((n) => n !== undefined && n > 0) };
  }

  private envelope<P extends { asOf: IsoDate }, R>(
    doc: ScenarioDocument,
    read: { withheld: Withheld; partial: boolean },
    parameters: P,
    result: R,
  ): AnalysisEnvelope<P, R> {
    return {
      scenario: doc.id,
      asOf: parameters.asOf,
      partial: read.partial,
      withheld: read.withheld,
      parameters,
      result,
    };
  }

  async fill(
    scenarioId: string,
    query: unknown,
    viewer: Principal,
  ): Promise<AnalysisEnvelope<FillParameters, ForceFillReport>> {
    const p = parseParams(fillParamsSchema, query);
    const read = await this.read(scenarioId, viewer);
    const report = forceFill(read.doc, fillOptions(p));
    return this.envelope(read.doc, read, fillParameters(report), report);
  }

  async dependency(
    scenarioId: string,
    query: unknown,
    viewer: Principal,
  ): Promise<AnalysisEnvelope<DependencyParameters, UsDependencyReport>> {
    const p = parseParams(dependencyParamsSchema, query);
    const read = await this.read(scenarioId, viewer);
    const report = usDependency(read.doc, fillOptions(p));
    const { usBackstop: _u, ...parameters } = fillParameters(forceFill(read.doc, fillOptions(p)));
    return this.envelope(read.doc, read, parameters, report);
  }

  async sustainment(
    scenarioId: string,
    query: unknown,
    viewer: Principal,
  ): Promise<AnalysisEnvelope<SustainmentParameters, SustainmentReport>> {
    const p = parseParams(sustainmentParamsSchema, query);
    const read = await this.read(scenarioId, viewer);
    const fill = forceFill(read.doc, fillOptions(p));
    const parameters: SustainmentParameters = {
      ...fillParameters(fill),
      defaultPolicy: p.defaultPolicy ?? DEFAULT_POLICY_KEY,
      basis: p.basis ?? 'offered',
    };
    const report = sustain(read.doc, fill, parameters, read.partial);
    return this.envelope(read.doc, read, parameters, report);
  }

  async burden(
    scenarioId: string,
    query: unknown,
    viewer: Principal,
  ): Promise<AnalysisEnvelope<BurdenParameters, BurdenReport>> {
    const p = parseParams(burdenParamsSchema, query);
    const read = await this.read(scenarioId, viewer);
    const fill = forceFill(read.doc, fillOptions(p));
    const parameters: BurdenParameters = { ...fillParameters(fill), basis: p.basis ?? 'offered' };
    const report = this.burdenReport(read.doc, fill, parameters.basis, read.partial);
    return this.envelope(read.doc, read, parameters, report);
  }

  async resilience(
    scenarioId: string,
    query: unknown,
    viewer: Principal,
    progress: ProgressOptions = {},
  ): Promise<AnalysisEnvelope<ResilienceParameters, ResilienceReport>> {
    const p = parseParams(resilienceParamsSchema, query);
    const read = await this.read(scenarioId, viewer);
    const report = resilience(read.doc, {
      ...fillOptions(p),
      draws: p.draws ?? RESILIENCE_DRAWS_DEFAULT,
      seed: p.seed ?? RESILIENCE_SEED_DEFAULT,
      ...(p.readyByCDay !== undefined && { readyByCDay: p.readyByCDay }),
      ...(progress.onProgress && { onProgress: progress.onProgress }),
    });
    const mc = report.monteCarlo;
    const parameters: ResilienceParameters = {
      ...fillParameters({ assumptions: mc.fillAssumptions }),
      draws: mc.draws,
      seed: mc.seed,
      readyByCDay: mc.readyByCDay,
    };
    return this.envelope(read.doc, read, parameters, report);
  }

  async dashboard(
    scenarioId: string,
    query: unknown,
    viewer: Principal,
    progress: ProgressOptions = {},
  ): Promise<AnalysisEnvelope<DashboardParameters, AnalysisDashboard>> {
    const p = parseParams(dashboardParamsSchema, query);
    const read = await this.read(scenarioId, viewer);
    const { doc } = read;
    const options = fillOptions(p);
    const fill = forceFill(doc, options);
    const fillParams = fillParameters(fill);
    const parameters: DashboardParameters = {
      ...fillParams,
      defaultPolicy: p.defaultPolicy ?? DEFAULT_POLICY_KEY,
      basis: p.basis ?? 'offered',
      draws: p.draws ?? RESILIENCE_DRAWS_DEFAULT,
      seed: p.seed ?? RESILIENCE_SEED_DEFAULT,
    };
    const { usBackstop: _u, ...dependencyOptions } = options;
    const dependency = usDependency(doc, dependencyOptions);
    const sustainment = sustain(doc, fill, parameters, read.partial);
    const burden = this.burdenReport(doc, fill, parameters.basis, read.partial);
    const { withdrawals, monteCarlo } = resilience(doc, {
      ...options,
      draws: parameters.draws,
      seed: parameters.seed,
      ...(progress.onProgress && { onProgress: progress.onProgress }),
    });
    const worst = withdrawals.nations[0];

    const stances = Object.fromEntries(STANCES.map((s) => [s, 0])) as Record<Stance, number>;
    for (const n of doc.nations) {
      const current = currentStance(n.stances, fillParams.asOf);
      if (current) stances[current.stance]++;
    }
    const horizon = (h: number | 'indefinite') =>
      (sustainment.coalition.sustainableFor.find((r) => r.horizon === h)?.personnel ?? 0) as Personnel;
    const t = fill.totals;
    return this.envelope(doc, read, parameters, {
      force: {
        target: t.personnelTarget,
        range: doc.mission.forceTarget.range,
        required: t.personnelRequired,
        offered: t.personnelOffered,
        available: t.personnelAvailable,
        matched: t.personnelMatched,
        shortfall: t.shortfallAgainstTarget,
        shortfallAgainstLines: t.shortfallAgainstLines,
        lineCounts: t.lineCounts,
      },
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
      },
    });
  }

  private burdenReport(
    doc: ScenarioDocument,
    fill: ForceFillReport,
    basis: PersonnelBasis,
    partial: boolean,
  ): BurdenReport {
    return analyseBurden({
      nations: doc.nations,
      pledges: doc.pledges,
      personnel: personnelOf(doc, fill, basis),
      rates: this.coalition.rates,
      partial,
    });
  }
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
function sustain(
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
