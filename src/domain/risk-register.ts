// The risk register a coalition HQ keeps: each entry cause → event → impact, linked to the records it
// concerns (an offer, a caveat's offer, a node or arc, a ULN, a rung of the escalation ladder),
// assessed on the standard 5 × 4 military risk matrix (US Army ATP 5-19, the matrix NATO staffs use
// too: probability Frequent to Unlikely against severity Catastrophic to Negligible, giving
// Extremely High, High, Medium or Low), with its controls and the residual risk once they hold, an
// owner and a review date. A record like any other: audited and releasable.
import { z } from 'zod';
import { isoDateSchema } from './ids.ts';
import { marking, provenance, text } from './schema-parts.ts';

export const PROBABILITIES = ['frequent', 'likely', 'occasional', 'seldom', 'unlikely'] as const;
export type Probability = (typeof PROBABILITIES)[number];

export const SEVERITIES = ['catastrophic', 'critical', 'moderate', 'negligible'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const RISK_LEVELS = ['extremely-high', 'high', 'medium', 'low'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** ATP 5-19's matrix: rows by severity (catastrophic first), columns by probability (frequent first). */
const MATRIX: Readonly<Record<Severity, readonly RiskLevel[]>> = {
  catastrophic: ['extremely-high', 'extremely-high', 'high', 'high', 'medium'],
  critical: ['extremely-high', 'high', 'high', 'medium', 'low'],
  moderate: ['high', 'medium', 'medium', 'low', 'low'],
  negligible: ['medium', 'low', 'low', 'low', 'low'],
};

/** The level of a risk of this probability and severity. */
export function riskLevel(probability: Probability, severity: Severity): RiskLevel {
  return MATRIX[severity][PROBABILITIES.indexOf(probability)]!;
}

/** The kinds of record an entry may be linked to: records of the scenario, or a rung of its ladder. */
export const RISK_LINK_KINDS = [
  'nations',
  'offers',
  'requirements',
  'pledges',
  'nodes',
  'arcs',
  'ulns',
  'redLines',
  'rungs',
] as const;
export type RiskLinkKind = (typeof RISK_LINK_KINDS)[number];

const assessment = {
  probability: z.enum(PROBABILITIES, { error: `must be one of ${PROBABILITIES.join(', ')}` }),
  severity: z.enum(SEVERITIES, { error: `must be one of ${SEVERITIES.join(', ')}` }),
};

export const RISK_STATUSES = ['open', 'closed'] as const;

export const riskSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, { error: 'must be 1-40 letters, digits, ".", "_" or "-"' }),
  title: text(200),
  cause: text(2000),
  event: text(2000),
  impact: text(2000),
  links: z
    .array(
      z.strictObject({
        kind: z.enum(RISK_LINK_KINDS, { error: `must be one of ${RISK_LINK_KINDS.join(', ')}` }),
        key: text(100),
      }),
    )
    .max(50, { error: 'must have at most 50 links' })
    .default([]),
  ...assessment,
  controls: z.array(text(1000)).max(30, { error: 'must have at most 30 controls' }).default([]),
  /** The assessment once the controls hold. */
  residual: z.strictObject(assessment),
  owner: text(200),
  reviewDate: isoDateSchema,
  status: z.enum(RISK_STATUSES, { error: `must be one of ${RISK_STATUSES.join(', ')}` }).default('open'),
  ...provenance,
  ...marking,
});
export type Risk = z.output<typeof riskSchema>;
export type RiskInput = z.input<typeof riskSchema>;

// ---- The register as the Risk page and the dashboard show it ----

const LEVEL_RANK: Readonly<Record<RiskLevel, number>> = {
  'extremely-high': 0,
  high: 1,
  medium: 2,
  low: 3,
};

export interface RegisterEntry {
  id: string;
  title: string;
  cause: string;
  event: string;
  impact: string;
  links: { kind: RiskLinkKind; key: string }[];
  probability: Probability;
  severity: Severity;
  level: RiskLevel;
  controls: string[];
  residual: { probability: Probability; severity: Severity; level: RiskLevel };
  owner: string;
  reviewDate: string;
  /** The review date is before the analysis date. */
  reviewOverdue: boolean;
  status: 'open' | 'closed';
}

export interface RegisterSummary {
  /** Open entries first, then by residual level (extremely high first), then by initial level, id. */
  entries: RegisterEntry[];
  /** Open entries per cell of the 5 × 4 matrix: matrix[severity][probability], in the orders above. */
  matrix: { initial: number[][]; residual: number[][] };
  /** Open entries per residual level, in RISK_LEVELS order. */
  openByResidualLevel: number[];
  open: number;
  reviewsOverdue: number;
}

/** The register ranked, with its open entries counted on the matrix before and after controls. */
export function registerSummary(risks: readonly Risk[], asOf: string): RegisterSummary {
  const entries: RegisterEntry[] = risks.map((r) => ({
    id: r.id,
    title: r.title,
    cause: r.cause,
    event: r.event,
    impact: r.impact,
    links: r.links.map((l) => ({ kind: l.kind, key: l.key })),
    probability: r.probability,
    severity: r.severity,
    level: riskLevel(r.probability, r.severity),
    controls: [...r.controls],
    residual: { ...r.residual, level: riskLevel(r.residual.probability, r.residual.severity) },
    owner: r.owner,
    reviewDate: r.reviewDate,
    reviewOverdue: r.status === 'open' && r.reviewDate < asOf,
    status: r.status,
  }));
  entries.sort(
    (a, b) =>
      (a.status === 'open' ? 0 : 1) - (b.status === 'open' ? 0 : 1) ||
      LEVEL_RANK[a.residual.level] - LEVEL_RANK[b.residual.level] ||
      LEVEL_RANK[a.level] - LEVEL_RANK[b.level] ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const grid = () => SEVERITIES.map(() => PROBABILITIES.map(() => 0));
  const matrix = { initial: grid(), residual: grid() };
  const openByResidualLevel = RISK_LEVELS.map(() => 0);
  let open = 0;
  let reviewsOverdue = 0;
  for (const e of entries) {
    if (e.status !== 'open') continue;
    open++;
    if (e.reviewOverdue) reviewsOverdue++;
    matrix.initial[SEVERITIES.indexOf(e.severity)]![PROBABILITIES.indexOf(e.probability)]! += 1;
    matrix.residual[SEVERITIES.indexOf(e.residual.severity)]![
      PROBABILITIES.indexOf(e.residual.probability)
    ]! += 1;
    openByResidualLevel[RISK_LEVELS.indexOf(e.residual.level)]! += 1;
  }
  return { entries, matrix, openByResidualLevel, open, reviewsOverdue };
}
