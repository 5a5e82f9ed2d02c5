// What can carry a unit of a capability: the transport modes that may move it and the size of its
// largest single item. Main battle tanks (55-65 t) do not fly on tactical airlift (an A400M takes
// about 37 t, a C-130 about 20 t), and warships sail under their own power: a plan that loaded
// either onto the wrong lift would close a force that cannot close. Part of the capability record
// (`capabilities[i].lift`); the force list reads it for each unit's shortest transit, and the
// planner for the arcs each ULN may use (src/planner/deploy/objective.ts `canCarry`, the same rule).
import { z } from 'zod';
import { provenance } from '../schema-parts.ts';
import { TRANSPORT_MODES, type TransportMode } from './network.ts';

export const liftSchema = z
  .strictObject({
    /**
     * The arc modes that may carry the unit; absent: any. Aircraft and ships deploy under their own
     * power and their ground echelon follows by air, so an air unit names the modes its echelon
     * takes (air, then road and rail inside the theatre) and a naval unit names sea only.
     */
    modes: z
      .array(z.enum(TRANSPORT_MODES, { error: `must be one of ${TRANSPORT_MODES.join(', ')}` }))
      .min(1, 'must name at least one mode (leave it out for any mode)')
      .optional(),
    /**
     * The unit's largest single item (vehicle, launcher, container), in tonnes: an arc whose lift
     * load (`loadSize.tonnes`) is smaller cannot carry the unit, unless it moves the whole unit as
     * one lift (`wholeUnit`: a ship or a dedicated train). Absent: any load fits.
     */
    largestItemTonnes: z
      .number({ error: 'must be a number (tonnes)' })
      .min(0, 'must not be negative')
      .max(1000, 'must be at most 1,000 t (one item)')
      .optional(),
    ...provenance,
  })
  .superRefine((lift, ctx) => {
    const seen = new Set<string>();
    lift.modes?.forEach((mode, i) => {
      if (seen.has(mode))
        ctx.addIssue({ code: 'custom', path: ['modes', i], message: `repeats mode "${mode}"` });
      seen.add(mode);
    });
  });
export type CapabilityLift = z.output<typeof liftSchema>;
export type CapabilityLiftInput = z.input<typeof liftSchema>;

/** What the rule reads of an arc: a network arc, or the planner's own shape of one. */
export interface LiftArc {
  mode: string;
  loadSize: { tonnes: number };
  wholeUnit?: boolean | undefined;
}

/**
 * Whether an arc may carry a unit of `tonnes` with this lift: its mode is one the lift allows, and
 * its load takes the largest item (or it moves the whole unit as one lift). A unit with no tonnes
 * has no item to load. The planner's `canCarry` (src/planner/deploy/objective.ts) is the same rule
 * over its own shapes; a test holds the two together.
 */
export function liftCarries(lift: CapabilityLift | undefined, tonnes: number, arc: LiftArc): boolean {
  if (!lift) return true;
  if (lift.modes && !(lift.modes as readonly string[]).includes(arc.mode)) return false;
  // A load size of 0 sets no per-lift limit (the planner then loads a day's capacity at once).
  if (lift.largestItemTonnes !== undefined && tonnes > 0 && arc.wholeUnit !== true && arc.loadSize.tonnes > 0)
    return arc.loadSize.tonnes + 1e-6 >= lift.largestItemTonnes;
  return true;
}

/** The modes an arc list offers that the lift rules out, for "may not use air (largest item 62 t)". */
export function excludedModes(lift: CapabilityLift | undefined): TransportMode[] {
  if (!lift?.modes) return [];
  return TRANSPORT_MODES.filter((m) => !lift.modes!.includes(m));
}
