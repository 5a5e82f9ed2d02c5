// The force list: one unit line number (ULN) per movable unit, as in a TPFDD (time-phased force and
// deployment data). It turns the force-fill assignments (which offer fills which requirement line)
// into the records a movement plan schedules: who moves, from where, to where, and by when.
import { z } from 'zod';
import { formatPath, type FieldIssue } from '../errors.ts';
import {
  capabilityCodeSchema,
  cDaySchema,
  nationIdSchema,
  offerIdSchema,
  personnelSchema,
  requirementIdSchema,
  tonnesSchema,
  type Brand,
  type CapabilityCode,
  type Days,
  type NationId,
  type OfferId,
  type Personnel,
  type RequirementId,
  type Tonnes,
} from '../ids.ts';
import { marking, PRIORITY_MAX, PRIORITY_MIN } from '../schema-parts.ts';
import { formatCDayOffset } from './c-day.ts';
import { liftCarries, type CapabilityLift } from './lift.ts';
import { nodeIdSchema, type Network, type NodeId } from './network.ts';
import { transitTable } from './transit.ts';

export type Uln = Brand<string, 'Uln'>;

/** The nation's code, a hyphen and a serial of at least four digits: GBR-0001. */
export const ULN_PATTERN = /^[A-Z]{3}-\d{4,6}$/;
export const ulnSchema = z
  .string()
  .regex(ULN_PATTERN, 'must be a nation code, "-" and a 4-6 digit serial, e.g. GBR-0001')
  .transform((s) => s as Uln);

export const ulnRecordSchema = z
  .strictObject({
    uln: ulnSchema,
    nation: nationIdSchema,
    capability: capabilityCodeSchema,
    personnel: personnelSchema,
    // `+ 0` turns -0 into 0, so a record and its CSV round trip compare equal.
    tonnes: tonnesSchema.transform((t) => (t + 0) as Tonnes),
    origin: nodeIdSchema,
    /** Available-to-load date at the origin (C-day). */
    ald: cDaySchema,
    /**
     * Earliest and latest arrival dates (C-day). The TPFDD sets them at the port of debarkation; here
     * the network runs on to the destination, so the planner holds them against arrival there, and
     * the days between LAD and RDD are those the network does not model (reception, integration).
     */
    ead: cDaySchema,
    lad: cDaySchema,
    /** Required delivery date at the destination (C-day). */
    rdd: cDaySchema,
    destination: nodeIdSchema,
    priority: z
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(PRIORITY_MIN, `must be ${PRIORITY_MIN} (most urgent) to ${PRIORITY_MAX}`)
      .max(PRIORITY_MAX, `must be ${PRIORITY_MIN} (most urgent) to ${PRIORITY_MAX}`),
    offer: offerIdSchema,
    line: requirementIdSchema,
    ...marking,
  })
  .superRefine((r, ctx) => {
    if (!r.uln.startsWith(`${r.nation}-`))
      ctx.addIssue({
        code: 'custom',
        path: ['uln'],
        message: `must start with the nation code "${r.nation}-"`,
      });
    if (r.ead > r.lad) ctx.addIssue({ code: 'custom', path: ['ead'], message: 'must not be after LAD' });
    if (r.lad > r.rdd) ctx.addIssue({ code: 'custom', path: ['lad'], message: 'must not be after RDD' });
  });
export type UlnRecord = z.output<typeof ulnRecordSchema>;

/**
 * What generateForceList reads of a filled requirement line: the subset of the force-fill report's
 * LineFill (src/domain/analysis/force-fill-report.ts) that it needs, which a LineFill satisfies.
 * Stated here rather than picked from that report because the report's types refer to the scenario
 * schema, which contains the ULN records above: picking would tie the two into an import cycle.
 */
export interface ForceListLine {
  line: RequirementId;
  capability: CapabilityCode;
  sector: string;
  /** 1 is the most urgent. */
  priority: number;
  rddCDay: Days;
  assignments: readonly ForceListAssignment[];
}

/** What generateForceList reads of one fill assignment (a FillAssignment satisfies it). */
export interface ForceListAssignment {
  offer: OfferId;
  nation: NationId;
  quantity: number;
  personnel: Personnel;
  tonnes: Tonnes;
  /** C-day offset on which the offer is ready. */
  readyCDay: Days;
}

/** Where a nation's units of a capability start; without a capability, its default garrison. */
export interface GarrisonMapping {
  nation: NationId;
  capability?: CapabilityCode;
  node: NodeId;
}

export interface ForceListOptions {
  /**
   * Days from the latest arrival to the required delivery date for what the network does not model
   * (reception, staging, integration of RSOM). LAD = RDD minus this.
   */
  onwardMovementDays: Days;
  /** Width of the arrival window: EAD = LAD minus this. */
  arrivalWindowDays: Days;
  /** Destination node of each requirement sector. */
  sectorDestinations: Readonly<Record<string, NodeId>>;
  garrisons: readonly GarrisonMapping[];
  /**
   * When given, origins and destinations must be nodes of it, and its shortest transit from origin
   * to destination is the least time between ALD and EAD. Without it the transit is taken as 0.
   */
  network?: Network;
  /**
   * What can carry a unit of each capability (the capability's `lift`): its transit is the shortest
   * over the arcs that may carry it, as the planner routes it. Absent, or undefined for a
   * capability: every arc.
   */
  liftOf?: (capability: CapabilityCode) => CapabilityLift | undefined;
}

/**
 * A generated ULN that cannot be delivered by its requirement line's RDD however empty the network:
 * ready too late for it. Its window follows the physics instead (see generateForceList), and this
 * says so, rather than the record carrying a window no plan can make.
 */
export interface RddShortfall {
  uln: Uln;
  line: RequirementId;
  /** The requirement line's RDD (C-day), which the unit cannot make. */
  lineRdd: Days;
  /** ALD (C+0 at the earliest) + shortest transit + onward movement: the soonest it can be delivered. */
  earliestRdd: Days;
  /** Days from the line's RDD to the earliest delivery, at least 1. */
  daysShort: Days;
  /** "ready C+60, 9 days' transit, 7 days' onward movement: delivered C+76 at the earliest, line RDD C+30" */
  reason: string;
}

export type ForceListResult =
  { ok: true; records: UlnRecord[]; rddShortfalls: RddShortfall[] } | { ok: false; issues: FieldIssue[] };

/**
 * The arrival window and RDD of a ULN ready on `ald` that needs `transit` days to its destination,
 * for a line required on `lineRdd`: the window the settings ask for (LAD = RDD − onward movement,
 * EAD = LAD − window), its start moved up to the earliest arrival when that is later, and, when even
 * the LAD cannot be made, a window of the usual width from the earliest arrival with the RDD behind
 * it. So always ALD + transit ≤ EAD ≤ LAD and LAD + onward movement ≤ RDD (= when the line's RDD
 * can be made), where the earliest arrival counts from C+0 for a unit ready before C-day. Exported
 * for the property test.
 */
export function arrivalWindow(
  ald: number,
  transit: number,
  lineRdd: number,
  options: Pick<ForceListOptions, 'onwardMovementDays' | 'arrivalWindowDays'>,
): { ead: Days; lad: Days; rdd: Days; feasible: boolean } {
  // Nothing moves before C-day (C+0), the day deployment begins by definition: a unit ready earlier
  // waits for it, as the planner makes it wait.
  const earliest = Math.max(ald, 0) + transit;
  const lad = lineRdd - options.onwardMovementDays;
  if (earliest <= lad)
    return {
      ead: Math.max(earliest, lad - options.arrivalWindowDays) as Days,
      lad: lad as Days,
      rdd: lineRdd as Days,
      feasible: true,
    };
  const late = earliest + options.arrivalWindowDays;
  return {
    ead: earliest as Days,
    lad: late as Days,
    rdd: (late + options.onwardMovementDays) as Days,
    feasible: false,
  };
}

/**
 * Splits `total` into `parts` whole shares that differ by at most one and add up to it exactly; the
 * larger shares come first, so the split is the same every time.
 */
export function splitEvenly(total: number, parts: number): number[] {
  const base = Math.floor(total / parts);
  const extra = total - base * parts;
  return Array.from({ length: parts }, (_, i) => base + (i < extra ? 1 : 0));
}

/**
 * One ULN per unit of every assignment: an assignment of q units becomes q ULNs. Personnel is split
 * in whole people and tonnes in whole kilograms (an assignment's tonnes are first rounded to the
 * kilogram), so each assignment's totals are conserved exactly. ALD is the day the offer is ready
 * (activation plus its days to ready), RDD the line's; LAD and EAD count back from RDD by the options,
 * but never before ALD plus the shortest transit over the network (arrivalWindow): a unit ready too
 * late for its line's RDD gets the window it can make and an RddShortfall saying so.
 * ULNs are numbered per nation from 0001, in order of priority, RDD, line id and offer id (then the
 * unit's place in its assignment), so the same fill always gives the same numbers whatever the
 * order of its input.
 */
export function generateForceList(
  lines: readonly ForceListLine[],
  options: ForceListOptions,
): ForceListResult {
  const issues: FieldIssue[] = [];
  const nodeIds = options.network ? new Set<string>(options.network.nodes.map((n) => n.id)) : undefined;
  const checkNode = (path: PropertyKey[], node: string, what: string) => {
    if (nodeIds && !nodeIds.has(node))
      issues.push({ path: formatPath(path), message: `${what} "${node}" is not a node of the network` });
  };

  const garrisonOf = (nation: NationId, capability: CapabilityCode): NodeId | undefined =>
    options.garrisons.find((g) => g.nation === nation && g.capability === capability)?.node ??
    options.garrisons.find((g) => g.nation === nation && g.capability === undefined)?.node;

  interface Pending {
    line: ForceListLine;
    assignment: ForceListLine['assignments'][number];
    origin: NodeId;
    destination: NodeId;
  }
  const pending: Pending[] = [];
  lines.forEach((line, i) => {
    const destination = Object.hasOwn(options.sectorDestinations, line.sector)
      ? options.sectorDestinations[line.sector]
      : undefined;
    if (destination === undefined)
      issues.push({
        path: formatPath(['lines', i, 'sector']),
        message: `sector "${line.sector}" has no destination node (sectorDestinations)`,
      });
    else checkNode(['lines', i, 'sector'], destination, `destination of sector "${line.sector}"`);
    line.assignments.forEach((assignment, j) => {
      const origin = garrisonOf(assignment.nation, line.capability);
      if (origin === undefined) {
        issues.push({
          path: formatPath(['lines', i, 'assignments', j, 'nation']),
          message: `${assignment.nation} has no garrison for ${line.capability} and no default garrison`,
        });
        return;
      }
      checkNode(['lines', i, 'assignments', j, 'nation'], origin, `garrison of ${assignment.nation}`);
      if (!Number.isInteger(assignment.quantity) || assignment.quantity < 1)
        issues.push({
          path: formatPath(['lines', i, 'assignments', j, 'quantity']),
          message: 'must be a whole number of at least 1',
        });
      else if (destination !== undefined) pending.push({ line, assignment, origin, destination });
    });
  });
  if (issues.length > 0) return { ok: false, issues };

  const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  pending.sort(
    (a, b) =>
      a.line.priority - b.line.priority ||
      a.line.rddCDay - b.line.rddCDay ||
      compare(a.line.line, b.line.line) ||
      compare(a.assignment.offer, b.assignment.offer),
  );

  // An unreachable destination counts no transit: the planner names it ("no route"), not the window.
  // Units that may use the same arcs share one table (tanks, which no tactical airlift takes, have
  // theirs): the key is what decides the arcs, the lift and whether there are tonnes to load.
  const network = options.network;
  const tables = new Map<string, (origin: string, destination: string) => number | undefined>();
  const transitOf = (capability: CapabilityCode, tonnes: number, origin: string, destination: string) => {
    if (!network) return 0;
    const lift = options.liftOf?.(capability);
    const key = JSON.stringify([lift?.modes ?? null, tonnes > 0 ? (lift?.largestItemTonnes ?? null) : null]);
    let table = tables.get(key);
    if (!table) {
      table = transitTable(network.arcs.filter((a) => liftCarries(lift, tonnes, a)));
      tables.set(key, table);
    }
    return table(origin, destination);
  };
  const serials = new Map<string, number>();
  const records: UlnRecord[] = [];
  const rddShortfalls: RddShortfall[] = [];
  for (const { line, assignment, origin, destination } of pending) {
    const q = assignment.quantity;
    const personnel = splitEvenly(assignment.personnel, q);
    const kilograms = splitEvenly(Math.round(assignment.tonnes * 1000), q);
    const transit = transitOf(line.capability, assignment.tonnes, origin, destination) ?? 0;
    const { ead, lad, rdd, feasible } = arrivalWindow(assignment.readyCDay, transit, line.rddCDay, options);
    for (let u = 0; u < q; u++) {
      const serial = (serials.get(assignment.nation) ?? 0) + 1;
      serials.set(assignment.nation, serial);
      const uln = `${assignment.nation}-${String(serial).padStart(4, '0')}` as Uln;
      if (!feasible) {
        const earliestRdd = (Math.max(assignment.readyCDay, 0) +
          transit +
          options.onwardMovementDays) as Days;
        rddShortfalls.push({
          uln,
          line: line.line,
          lineRdd: line.rddCDay,
          earliestRdd,
          daysShort: (earliestRdd - line.rddCDay) as Days,
          reason:
            `ready ${formatCDayOffset(assignment.readyCDay)}, ${transit} days' transit, ` +
            `${options.onwardMovementDays} days' onward movement: delivered ${formatCDayOffset(earliestRdd)} ` +
            `at the earliest, line RDD ${formatCDayOffset(line.rddCDay)}`,
        });
      }
      records.push({
        uln,
        nation: assignment.nation,
        capability: line.capability,
        personnel: personnel[u]! as Personnel,
        tonnes: (kilograms[u]! / 1000) as Tonnes,
        origin,
        ald: assignment.readyCDay,
        ead,
        lad,
        rdd,
        destination,
        priority: line.priority,
        offer: assignment.offer,
        line: line.line,
      });
    }
  }
  return { ok: true, records, rddShortfalls };
}
