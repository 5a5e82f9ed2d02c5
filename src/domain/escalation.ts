// The escalation ladder as data: rungs from a ceasefire violation to an attack on coalition troops
// to wider war, each with the indicators that say it has been reached, what moves the situation up
// a rung and back down, the coalition's response, how fast it must come and who owns it. Rungs are
// ordered by `level` (1 the lowest); red lines (per nation, "withdraws at rung N") name rungs by id.
//
// The reference ladders follow the tiered response reported on 3 February 2026: Ukraine's forces
// respond within 24 hours, the coalition's next, and a wider Western response with US forces at 72
// hours. The rest of each rung (indicators, thresholds) is a planning assumption, and says so.
import { z } from 'zod';
import { idNationIssue } from './record-ids.ts';
import { marking, provenance, text } from './schema-parts.ts';

export const rungIdSchema = z
  .string({ error: 'must be a rung id' })
  .regex(/^[A-Za-z0-9._-]{1,40}$/, { error: 'must be 1-40 letters, digits, ".", "_" or "-"' });

export const rungSchema = z.strictObject({
  id: rungIdSchema,
  /** 1 is the lowest rung; levels are distinct. */
  level: z
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(1)
    .max(20),
  name: text(200),
  description: text(2000).optional(),
  /** What says the rung has been reached. */
  indicators: z.array(text(500)).default([]),
  /** What moves the situation to the rung above, and what brings it back below. */
  thresholdUp: text(1000).optional(),
  thresholdDown: text(1000).optional(),
  /** The coalition's response at this rung. */
  response: text(2000),
  /** Hours within which the response must come. */
  hoursToRespond: z.number({ error: 'must be a number of hours' }).min(0).max(8760),
  /** Who owns the response: a nation, a headquarters or a role. */
  owner: text(200),
  ...provenance,
});
export type Rung = z.output<typeof rungSchema>;

export const escalationSchema = z
  .strictObject({
    rungs: z.array(rungSchema).max(20, { error: 'must have at most 20 rungs' }).default([]),
    ...provenance,
  })
  .superRefine((e, ctx) => {
    const ids = new Map<string, number>();
    const levels = new Map<number, number>();
    e.rungs.forEach((r, i) => {
      const id = ids.get(r.id);
      if (id !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['rungs', i, 'id'],
          message: `duplicates rungs[${id}].id "${r.id}"`,
        });
      else ids.set(r.id, i);
      const level = levels.get(r.level);
      if (level !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['rungs', i, 'level'],
          message: `duplicates rungs[${level}].level ${r.level}`,
        });
      else levels.set(r.level, i);
    });
  });
export type Escalation = z.output<typeof escalationSchema>;
export type EscalationInput = z.input<typeof escalationSchema>;

/** The rungs lowest first. */
export function ladderOf(escalation: Pick<Escalation, 'rungs'> | undefined): Rung[] {
  return [...(escalation?.rungs ?? [])].sort((a, b) => a.level - b.level);
}

// ---- Red lines ----

export const RED_LINE_EFFECTS = ['withdraws', 'no-deploy-within'] as const;
export type RedLineEffect = (typeof RED_LINE_EFFECTS)[number];

/**
 * A nation's red line: at `rung` (and every rung above it) the nation withdraws `share` of its force
 * (1: all of it), or keeps its units at least `km` from the line of contact. Several nations naming
 * the same rung withdraw together: that is what makes withdrawals correlated, where the resilience
 * Monte Carlo draws every nation on its own.
 */
export const redLineSchema = z
  .strictObject({
    id: z
      .string()
      .regex(/^[A-Za-z0-9._-]{1,40}$/, { error: 'must be 1-40 letters, digits, ".", "_" or "-"' }),
    nation: z.string().regex(/^[A-Z]{3}$/, { error: 'must be an ISO 3166-1 alpha-3 code' }),
    rung: rungIdSchema,
    effect: z.enum(RED_LINE_EFFECTS, { error: `must be one of ${RED_LINE_EFFECTS.join(', ')}` }),
    /** Withdraws: the share of its force withdrawn, 0 to 1 (default 1). */
    share: z.number({ error: 'must be a number from 0 to 1' }).min(0).max(1).optional(),
    /** Keeps away: the least distance from the line its units may stand, km. */
    km: z.number({ error: 'must be a distance in km' }).positive().max(5000).optional(),
    /** The statement or reasoning, in words. */
    statement: text(2000),
    ...provenance,
    // A nation's red lines are sensitive: releasable like any record (absent: PUBLIC).
    ...marking,
  })
  .superRefine((r, ctx) => {
    // Ids are spent per nation, as for offers and pledges (record-ids.ts): RL-POL-1 is Poland's.
    const idIssue = idNationIssue(r.id, r.nation);
    if (idIssue) ctx.addIssue({ code: 'custom', path: ['id'], message: idIssue });
    if (r.effect === 'no-deploy-within' && r.km === undefined)
      ctx.addIssue({ code: 'custom', path: ['km'], message: 'is required for a no-deploy-within red line' });
    if (r.effect === 'withdraws' && r.km !== undefined)
      ctx.addIssue({ code: 'custom', path: ['km'], message: 'is only for a no-deploy-within red line' });
    if (r.effect === 'no-deploy-within' && r.share !== undefined)
      ctx.addIssue({ code: 'custom', path: ['share'], message: 'is only for a withdraws red line' });
  });
export type RedLine = z.output<typeof redLineSchema>;
