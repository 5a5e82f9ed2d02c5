// The dashboard: the headline figures of every analysis with one set of parameters.
import { z } from 'zod';
import type { StageTotals } from '../../domain/analysis/burden.ts';
import type { ForceFillReport } from '../../domain/analysis/force-fill-report.ts';
import type { NationId, Personnel, RequirementId } from '../../domain/ids.ts';
import type { Stance } from '../../domain/scenario-schema.ts';
import { fillShape } from './fill.ts';
import { monteCarloShape, type MonteCarloParameters } from './resilience.ts';
import { sustainmentShape, type SustainmentParameters } from './sustainment.ts';

export const dashboardParamsSchema = z.strictObject({
  ...fillShape,
  ...sustainmentShape,
  ...monteCarloShape,
});

export type DashboardParameters = SustainmentParameters & MonteCarloParameters;

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

export const dashboardAnalysis = {
  kind: 'dashboard',
  path: '',
  summary: 'Dashboard: target, offered, matched, shortfall, stances, funding, headline risks',
  description:
    'The headline figures of every analysis with one set of parameters: the force against the target, ' +
    'nations by stance, funding in EUR by stage, lines emptied without the US, personnel sustainable ' +
    'for 6 and 12 months, the single nation whose withdrawal costs most, and the probability of ' +
    'meeting the target in the resilience Monte Carlo.',
  params: dashboardParamsSchema,
  heavy: true,
} as const;

export type DashboardResult = AnalysisDashboard;
