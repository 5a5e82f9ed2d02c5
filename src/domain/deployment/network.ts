// The transport network a deployment moves over: places (garrisons, ports of embarkation and
// debarkation, railheads, border crossings, staging areas, destinations) and the road, rail, air and
// sea links between them, each with a daily throughput and a load size. The schemas check each record
// on its own; checkNetwork checks what needs the whole section (ids, endpoints, mode against place).
import { z } from 'zod';
import { formatPath, type FieldIssue } from '../errors.ts';
import { cDaySchema, daysSchema, nationIdSchema, personnelSchema, tonnesSchema, type Brand } from '../ids.ts';
import { marking, provenance, text } from '../schema-parts.ts';

export type NodeId = Brand<string, 'NodeId'>;
export type ArcId = Brand<string, 'ArcId'>;

// Same shape as the other record ids (ids.ts), so a node id can sit in a CSV cell or a URL unescaped.
const RECORD_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const RECORD_ID_MESSAGE = 'must be 1-64 letters, digits, ".", "_" or "-", starting with a letter or digit';
export const nodeIdSchema = z
  .string()
  .regex(RECORD_ID, RECORD_ID_MESSAGE)
  .transform((s) => s as NodeId);
export const arcIdSchema = z
  .string()
  .regex(RECORD_ID, RECORD_ID_MESSAGE)
  .transform((s) => s as ArcId);

/**
 * APOE/APOD and SPOE/SPOD are the aerial and sea ports of embarkation and debarkation; a staging
 * area is where units assemble after debarkation (RSOM) before the onward move to their destination.
 */
export const NODE_KINDS = [
  'garrison',
  'apoe',
  'spoe',
  'railhead',
  'border-crossing',
  'apod',
  'spod',
  'staging-area',
  'destination',
] as const;
export type NodeKind = (typeof NODE_KINDS)[number];

export const TRANSPORT_MODES = ['road', 'rail', 'air', 'sea'] as const;
export type TransportMode = (typeof TRANSPORT_MODES)[number];

/**
 * The kinds of place each mode may start or end at. Aircraft and ships load and unload only at
 * their ports. Trains load at a railhead, at a port's quay or a garrison's siding, and cross borders
 * at a crossing; a staging area is usually sited at a railhead too. Roads reach everywhere.
 */
export const MODE_NODE_KINDS: Readonly<Record<TransportMode, readonly NodeKind[]>> = {
  road: NODE_KINDS,
  rail: ['garrison', 'spoe', 'railhead', 'border-crossing', 'spod', 'staging-area'],
  air: ['apoe', 'apod'],
  sea: ['spoe', 'spod'],
};

const throughputSchema = z.strictObject({ personnel: personnelSchema, tonnes: tonnesSchema });
export type Throughput = z.output<typeof throughputSchema>;

export const networkNodeSchema = z.strictObject({
  id: nodeIdSchema,
  name: text(200),
  kind: z.enum(NODE_KINDS, { error: `must be one of ${NODE_KINDS.join(', ')}` }),
  nation: nationIdSchema,
  lat: z
    .number({ error: 'must be a number (degrees of latitude)' })
    .min(-90, 'must be from -90 to 90 degrees')
    .max(90, 'must be from -90 to 90 degrees'),
  lon: z
    .number({ error: 'must be a number (degrees of longitude)' })
    .min(-180, 'must be from -180 to 180 degrees')
    .max(180, 'must be from -180 to 180 degrees'),
  /** What the place can receive and clear in a day; absent means it is not the limit. */
  receptionPerDay: throughputSchema.optional(),
  ...provenance,
  ...marking,
});
export type NetworkNode = z.output<typeof networkNodeSchema>;

/** Days (C-day offsets, both inclusive) on which an arc carries nothing. */
export const closureSchema = z
  .strictObject({
    from: cDaySchema,
    to: cDaySchema,
    reason: text(500),
  })
  // On the closure itself, so a single arc's write is held to it as much as a whole document.
  .superRefine((c, ctx) => {
    if (c.from > c.to)
      ctx.addIssue({ code: 'custom', path: ['to'], message: `must not be before from (C${c.from})` });
  });
export type Closure = z.output<typeof closureSchema>;

export const networkArcSchema = z.strictObject({
  id: arcIdSchema,
  from: nodeIdSchema,
  to: nodeIdSchema,
  mode: z.enum(TRANSPORT_MODES, { error: `must be one of ${TRANSPORT_MODES.join(', ')}` }),
  /**
   * Whole days, because the movement schedule runs on a daily step. At least 1: a load that leaves
   * on a day is received the next day at the earliest, so that a day's reception limit holds.
   */
  transitDays: daysSchema.refine((d) => d >= 1, 'must be at least 1 day'),
  /** Most that may depart along the arc in one day. */
  capacityPerDay: throughputSchema,
  /** One train, flight or sailing: movements go in loads of this size. */
  loadSize: throughputSchema,
  /** Whether a unit must travel in one load rather than be split across loads. */
  wholeUnit: z.boolean({ error: 'must be true or false' }).optional(),
  closures: z.array(closureSchema).default([]),
  ...provenance,
  ...marking,
});
export type NetworkArc = z.output<typeof networkArcSchema>;

export const networkSchema = z.strictObject({
  nodes: z.array(networkNodeSchema).default([]),
  arcs: z.array(networkArcSchema).default([]),
});
export type Network = z.output<typeof networkSchema>;
export type NetworkInput = z.input<typeof networkSchema>;

/**
 * The rules that need more than one record: unique ids, arcs between known and distinct nodes, by a
 * mode that may use those kinds of node (a closure's own order is its schema's rule). Paths
 * start with `base` (the section's place in the scenario document).
 */
export function checkNetwork(network: Network, base: ReadonlyArray<PropertyKey> = ['network']): FieldIssue[] {
  return networkIssues(network, base).map(formatIssue);
}

/** A problem at a path not yet written out, so a caller can place it in a larger document. */
export interface RawIssue {
  path: PropertyKey[];
  message: string;
}
export const formatIssue = (i: RawIssue): FieldIssue => ({ path: formatPath(i.path), message: i.message });

/** checkNetwork's findings with their paths as arrays. */
export function networkIssues(network: Network, base: ReadonlyArray<PropertyKey> = ['network']): RawIssue[] {
  const issues: RawIssue[] = [];
  const issue = (path: PropertyKey[], message: string) => issues.push({ path: [...base, ...path], message });

  const nodes = new Map<string, { index: number; node: NetworkNode }>();
  network.nodes.forEach((node, i) => {
    const first = nodes.get(node.id);
    if (first) issue(['nodes', i, 'id'], `duplicates nodes[${first.index}].id "${node.id}"`);
    else nodes.set(node.id, { index: i, node });
  });

  const arcIds = new Map<string, number>();
  network.arcs.forEach((arc, i) => {
    const first = arcIds.get(arc.id);
    if (first !== undefined) issue(['arcs', i, 'id'], `duplicates arcs[${first}].id "${arc.id}"`);
    else arcIds.set(arc.id, i);

    for (const end of ['from', 'to'] as const) {
      const found = nodes.get(arc[end]);
      if (!found) {
        issue(['arcs', i, end], `names unknown node "${arc[end]}" (not in network.nodes)`);
        continue;
      }
      const allowed = MODE_NODE_KINDS[arc.mode];
      if (!allowed.includes(found.node.kind))
        issue(
          ['arcs', i, end],
          `is a ${found.node.kind} ("${arc[end]}"); ${arc.mode} arcs must start and end at one of ${allowed.join(', ')}`,
        );
    }
    if (arc.from === arc.to) issue(['arcs', i, 'to'], 'must differ from from (an arc joins two places)');
  });
  return issues;
}

export type NetworkParseResult = { ok: true; network: Network } | { ok: false; issues: FieldIssue[] };

/** Validates a network section as the scenario document will: the schema, then checkNetwork. */
export function parseNetwork(
  input: unknown,
  base: ReadonlyArray<PropertyKey> = ['network'],
): NetworkParseResult {
  const parsed = networkSchema.safeParse(input);
  if (!parsed.success)
    return {
      ok: false,
      issues: parsed.error.issues.map((i) => ({
        path: formatPath([...base, ...i.path]),
        message: i.message,
      })),
    };
  const issues = checkNetwork(parsed.data, base);
  return issues.length > 0 ? { ok: false, issues } : { ok: true, network: parsed.data };
}
