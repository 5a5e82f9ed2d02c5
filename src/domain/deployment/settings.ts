// How a scenario turns its force-generation fill into a force list: where each nation's units start
// (garrisons), which node each requirement sector delivers to, the RSOM time between arrival and the
// required delivery date that the network does not model, and when the units get notice to move. One
// section of the scenario document, stored with the scenario header and changed whole, like the
// analysis assumptions.
import { z } from 'zod';
import type { FieldIssue } from '../errors.ts';
import { capabilityCodeSchema, cDaySchema, daysSchema, nationIdSchema } from '../ids.ts';
import { provenance, text } from '../schema-parts.ts';
import { formatIssue, nodeIdSchema, type Network, type RawIssue } from './network.ts';

/**
 * The share of a unit's tonnes that must be at its destination for it to count as delivered when the
 * deployment settings do not say (`criticalEquipmentShare`): its critical equipment. An assumption:
 * the rest is spares, stocks and second-line vehicles that can follow, and deployment simulations
 * close a unit on a share of its equipment, not on its last crate. The planner's objective
 * (src/planner/deploy/objective.ts) uses this same value.
 */
export const DEFAULT_CRITICAL_SHARE = 0.9;

export const garrisonSchema = z.strictObject({
  nation: nationIdSchema,
  /** Absent: the nation's default garrison, used for every capability not given its own. */
  capability: capabilityCodeSchema.optional(),
  node: nodeIdSchema,
});

export const deploymentSettingsSchema = z.strictObject({
  /**
   * The C-day on which the force's units are given notice to move, usually before C-day: a unit is
   * available to load (ALD) this many days plus its offer's days to ready after C-day. Absent: C-day
   * itself (0), as the force-generation analyses assume.
   */
  activationCDay: cDaySchema.optional(),
  /** Reception, staging and integration not modelled by the network: LAD = RDD minus this. */
  onwardMovementDays: daysSchema,
  /** Width of the arrival window: EAD = LAD minus this. */
  arrivalWindowDays: daysSchema,
  /** The node each requirement sector delivers to (sector name as on the requirement lines). */
  sectorDestinations: z.record(text(80), nodeIdSchema),
  garrisons: z.array(garrisonSchema).default([]),
  /**
   * The share of a unit's tonnes, 0 to 1, that must be in with its personnel for the unit to count as
   * delivered (and its lateness to stop): a battalion whose soldiers are in but whose vehicles are
   * still at sea is not operational. Absent: DEFAULT_CRITICAL_SHARE.
   */
  criticalEquipmentShare: z
    .number({ error: 'must be a number from 0 to 1' })
    .min(0, 'must be from 0 to 1')
    .max(1, 'must be from 0 to 1')
    .optional(),
  /**
   * When a unit's follow-on equipment (its tonnes beyond the critical share) must arrive: by its LAD
   * where a route allows ('by-lad'), or it may arrive after the LAD, by the plan's horizon
   * ('after-lad'), when that leaves contested lift to other units' personnel and critical equipment.
   * Plans made from the proved bound's LP schedules (src/planner/deploy/lp-schedule-plan.ts) keep
   * its late follow-on departures only with 'after-lad'. Absent: 'by-lad'.
   */
  followOnArrival: z.enum(['by-lad', 'after-lad'], { error: "must be 'by-lad' or 'after-lad'" }).optional(),
  ...provenance,
});
export type DeploymentSettings = z.output<typeof deploymentSettingsSchema>;
export type DeploymentSettingsInput = z.input<typeof deploymentSettingsSchema>;

/**
 * The settings' nodes must be nodes of the network, a nation may have one default garrison and one
 * per capability. Paths start with `base`.
 */
export function checkDeploymentSettings(
  settings: DeploymentSettings,
  network: Pick<Network, 'nodes'>,
  base: ReadonlyArray<PropertyKey> = ['deployment'],
): FieldIssue[] {
  return deploymentSettingsIssues(settings, network, base).map(formatIssue);
}

/** checkDeploymentSettings' findings with their paths as arrays. */
export function deploymentSettingsIssues(
  settings: DeploymentSettings,
  network: Pick<Network, 'nodes'>,
  base: ReadonlyArray<PropertyKey> = ['deployment'],
): RawIssue[] {
  const issues: RawIssue[] = [];
  const nodes = new Set<string>(network.nodes.map((n) => n.id));
  const issue = (path: PropertyKey[], message: string) => issues.push({ path: [...base, ...path], message });
  for (const [sector, node] of Object.entries(settings.sectorDestinations))
    if (!nodes.has(node))
      issue(['sectorDestinations', sector], `names unknown node "${node}" (not in network.nodes)`);
  const seen = new Map<string, number>();
  settings.garrisons.forEach((g, i) => {
    if (!nodes.has(g.node))
      issue(['garrisons', i, 'node'], `names unknown node "${g.node}" (not in network.nodes)`);
    const key = `${g.nation}/${g.capability ?? ''}`;
    const first = seen.get(key);
    if (first !== undefined)
      issue(
        ['garrisons', i],
        `repeats garrisons[${first}] (${g.nation}${g.capability ? ` ${g.capability}` : ', default'})`,
      );
    else seen.set(key, i);
  });
  return issues;
}
