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
