// The scenario document: one coalition variant, as a single versioned document (schemaVersion 6;
// older versions are migrated first, scenario-migrations.ts).
// The same record schemas validate a whole document on import and single records written through
// the API, so the two can never disagree about what a valid offer is.
import { z } from 'zod';
import { costRatesSchema } from './cost-rates.ts';
import { ulnRecordSchema } from './deployment/force-list.ts';
import { liftSchema } from './deployment/lift.ts';
import { movementRecordSchema } from './deployment/movement.ts';
import { networkIssues, networkSchema } from './deployment/network.ts';
import { deploymentSettingsIssues, deploymentSettingsSchema } from './deployment/settings.ts';
import { idNationIssue } from './record-ids.ts';
import { escalationSchema, redLineSchema } from './escalation.ts';
import { riskSchema, type RiskLinkKind } from './risk-register.ts';
import { marking, PRIORITY_MAX, PRIORITY_MIN, provenance, text } from './schema-parts.ts';
import { theatreSchema } from './theatre.ts';
import {
  capabilityCodeSchema,
  cDaySchema,
  currencyCodeSchema,
  daysSchema,
  isoDateSchema,
  monthsSchema,
  nationIdSchema,
  offerIdSchema,
  personnelSchema,
  pledgeIdSchema,
  requirementIdSchema,
  scenarioIdSchema,
  stanceEntryIdSchema,
  tonnesSchema,
} from './ids.ts';

/**
 * 2 added the mission's list of sectors (`mission.sectors`), which every sector name must be in.
 * 3 added the theatre (line of contact, zones, exposure bands) and the escalation ladder: a build
 * that knows only version 2 says it is too old for such a document ("upgrade"), rather than refuse
 * the new sections as unknown fields as if the document were wrong.
 * 4 added the cost rates (`assumptions.costRates`: personnel, sustainment and transport rates, each
 * with its currency and source or assumption).
 * 5 added what can carry each capability (`capabilities[i].lift`: the modes that may move it and its
 * largest item against the arcs' lift loads) and the share of a unit's tonnes that must be in for it
 * to count as delivered (`deployment.criticalEquipmentShare`).
 * 6 added when a unit's follow-on equipment must arrive (`deployment.followOnArrival`: by its LAD,
 * the default, or it may arrive after it).
 */
export const CURRENT_SCHEMA_VERSION = 6 as const;

export const STANCES = [
  'lead',
  'committed',
  'supportive',
  'cautious',
  'considering',
  'declined',
  'absent',
] as const;
export type Stance = (typeof STANCES)[number];

export const COALITION_ROLES = ['lead', 'contributor', 'host', 'observer', 'non-participant'] as const;
export type CoalitionRole = (typeof COALITION_ROLES)[number];

export const DOMAINS = ['land', 'air', 'maritime', 'enabler'] as const;
export type ForceDomain = (typeof DOMAINS)[number];

/** UN PCRS readiness levels; RDL (rapid deployment level) means ready within 60 days. */
export const READINESS_LEVELS = ['L1', 'L2', 'L3', 'RDL'] as const;
export type ReadinessLevel = (typeof READINESS_LEVELS)[number];
export const RDL_MAX_DAYS = 60;

export const OFFER_STATUSES = ['offered', 'confirmed', 'verified', 'deployed', 'withdrawn'] as const;
export type OfferStatus = (typeof OFFER_STATUSES)[number];

/** Kiel Ukraine Support Tracker stages: promised, earmarked, handed over. */
export const PLEDGE_STAGES = ['committed', 'allocated', 'delivered'] as const;
export type PledgeStage = (typeof PLEDGE_STAGES)[number];

export { PRIORITY_MAX, PRIORITY_MIN, sourceSchema, type Source } from './schema-parts.ts';

const taskSchema = z
  .string()
  .regex(/^[a-z][a-z0-9-]{0,47}$/, 'must be a lower-case task name such as "air-policing"');

/**
 * A sector's name, as requirement lines, caveats and the deployment settings write it: the same text
 * everywhere, compared exactly (after trimming).
 */
export const sectorNameSchema = text(80);

/**
 * One sector of the area of operations: the mission's AOR is divided into named sectors, and every
 * sector a record names (a requirement line's, an offer's excluded ones, a destination's) is one of
 * them, so a misspelt or invented sector ("Donetsk" where the mission has none) is refused instead
 * of silently matching nothing.
 */
export const sectorSchema = z.strictObject({
  name: sectorNameSchema,
  description: text(2000).optional(),
  ...provenance,
});
export type Sector = z.output<typeof sectorSchema>;

const figure = <T extends z.ZodType>(value: T) =>
  z.strictObject({ value, year: z.number().int().min(1990).max(2100), ...provenance });

export const stanceEntrySchema = z.strictObject({
  id: stanceEntryIdSchema.optional(),
  date: isoDateSchema,
  stance: z.enum(STANCES, { error: `must be one of ${STANCES.join(', ')}` }),
  statement: text(2000),
  ...provenance,
  ...marking,
});
export type StanceEntryInput = z.input<typeof stanceEntrySchema>;

export const nationFieldsSchema = z.strictObject({
  id: nationIdSchema,
  name: text(100),
  nato: z.boolean({ error: 'must be true or false' }),
  eu: z.boolean({ error: 'must be true or false' }),
  gdp: figure(z.number().positive('must be more than zero')).extend({ currency: currencyCodeSchema }),
  population: figure(z.number().int('must be a whole number').positive('must be more than zero')),
  currency: currencyCodeSchema,
  role: z.enum(COALITION_ROLES, { error: `must be one of ${COALITION_ROLES.join(', ')}` }),
  notes: text(4000).optional(),
  ...provenance,
  ...marking,
});
export type NationFields = z.output<typeof nationFieldsSchema>;

const nationDocSchema = nationFieldsSchema.extend({ stances: z.array(stanceEntrySchema).default([]) });

export const capabilitySchema = z
  .strictObject({
    code: capabilityCodeSchema,
    name: text(120),
    domain: z.enum(DOMAINS, { error: `must be one of ${DOMAINS.join(', ')}` }),
    defaultPersonnel: personnelSchema,
    defaultTonnes: tonnesSchema,
    /** APP-6 / MIL-STD-2525 symbol identification code: 15-character letter SIDC or 20/30-digit SIDC. */
    app6: z
      .string()
      .regex(
        /^([A-Z*-][A-Z*-][A-Z*-][A-Z*-][A-Z0-9*-]{11}|\d{20}|\d{30})$/,
        'must be an APP-6 symbol code: 15 letters/dashes (2525C) or 20 digits (2525D)',
      ),
    description: text(2000).optional(),
    /**
     * What can carry a unit (deployment/lift.ts): the modes that may move it and its largest item.
     * Outsized equipment does not fly on tactical lift: an arc whose load is smaller than the largest
     * item cannot carry the unit unless it moves the whole unit as one lift. Absent: anything may.
     */
    lift: liftSchema.optional(),
    ...provenance,
    ...marking,
  })
  .superRefine((capability, ctx) => {
    // The largest item is one of the unit's own tonnes: more would be a slip of the keyboard.
    const largest = capability.lift?.largestItemTonnes;
    if (largest !== undefined && largest > capability.defaultTonnes)
      ctx.addIssue({
        code: 'custom',
        path: ['lift', 'largestItemTonnes'],
        message: `must not exceed the unit's tonnes (defaultTonnes, ${capability.defaultTonnes} t)`,
      });
  });
export type Capability = z.output<typeof capabilitySchema>;

export const requirementSchema = z.strictObject({
  id: requirementIdSchema,
  capability: capabilityCodeSchema,
  quantity: z.number().int('must be a whole number').min(1, 'must be at least 1'),
  /** Personnel per unit when it differs from the capability's default. */
  personnelPerUnit: personnelSchema.optional(),
  /** One of `mission.sectors`. */
  sector: sectorNameSchema,
  task: taskSchema,
  /** Required delivery date as days after C-day. */
  rddCDay: cDaySchema,
  durationMonths: monthsSchema,
  priority: z
    .number()
    .int('must be a whole number')
    .min(PRIORITY_MIN, `must be ${PRIORITY_MIN} (most urgent) to ${PRIORITY_MAX}`)
    .max(PRIORITY_MAX, `must be ${PRIORITY_MIN} (most urgent) to ${PRIORITY_MAX}`),
  description: text(2000).optional(),
  ...provenance,
  ...marking,
});
export type Requirement = z.output<typeof requirementSchema>;

export const caveatsSchema = z.strictObject({
  /** Sectors of `mission.sectors` the offer may not be sent to. */
  excludedSectors: z.array(sectorNameSchema).default([]),
  /** Empty means no restriction on tasks. */
  allowedTasks: z.array(taskSchema).default([]),
  maxDurationMonths: monthsSchema.optional(),
  /** The nation keeps this offer's units at least this far from the line of contact, km. */
  minDistanceFromLineKm: z
    .number({ error: 'must be a distance in km' })
    .positive({ error: 'must be more than 0 km' })
    .max(5000, { error: 'must be at most 5,000 km' })
    .optional(),
  requiresUsBackstop: z.boolean({ error: 'must be true or false' }).default(false),
  notes: text(2000).optional(),
});
export type Caveats = z.output<typeof caveatsSchema>;

export const offerSchema = z
  .strictObject({
    id: offerIdSchema,
    nation: nationIdSchema,
    capability: capabilityCodeSchema,
    quantity: z.number().int('must be a whole number').min(1, 'must be at least 1'),
    personnel: personnelSchema,
    tonnes: tonnesSchema,
    readiness: z.strictObject({
      level: z.enum(READINESS_LEVELS, { error: `must be one of ${READINESS_LEVELS.join(', ')}` }),
      daysToReady: daysSchema,
    }),
    status: z.enum(OFFER_STATUSES, { error: `must be one of ${OFFER_STATUSES.join(', ')}` }),
    caveats: caveatsSchema.default({ excludedSectors: [], allowedTasks: [], requiresUsBackstop: false }),
    validUntil: isoDateSchema.optional(),
    ...provenance,
    ...marking,
  })
  .superRefine((offer, ctx) => {
    const idIssue = idNationIssue(offer.id, offer.nation);
    if (idIssue) ctx.addIssue({ code: 'custom', path: ['id'], message: idIssue });
    if (offer.readiness.level === 'RDL' && offer.readiness.daysToReady > RDL_MAX_DAYS) {
      ctx.addIssue({
        code: 'custom',
        path: ['readiness', 'daysToReady'],
        message: `must be at most ${RDL_MAX_DAYS} days for readiness level RDL`,
      });
    }
  });
export type Offer = z.output<typeof offerSchema>;

export const pledgeSchema = z
  .strictObject({
    id: pledgeIdSchema,
    nation: nationIdSchema,
    amount: z.number().positive('must be more than zero').finite(),
    currency: currencyCodeSchema,
    date: isoDateSchema,
    purpose: text(200),
    stage: z.enum(PLEDGE_STAGES, { error: `must be one of ${PLEDGE_STAGES.join(', ')}` }),
    description: text(2000).optional(),
    ...provenance,
    ...marking,
  })
  .superRefine((pledge, ctx) => {
    const idIssue = idNationIssue(pledge.id, pledge.nation);
    if (idIssue) ctx.addIssue({ code: 'custom', path: ['id'], message: idIssue });
  });
export type Pledge = z.output<typeof pledgeSchema>;

export const rotationPolicySchema = z.strictObject({
  nation: nationIdSchema,
  tourMonths: monthsSchema,
  /** Months at home per month deployed: 2 means 1:2 (the "rule of thirds"). */
  dwellRatio: z.number().min(0, 'must not be negative').max(10, 'must be at most 10'),
  ...provenance,
  ...marking,
});
export type RotationPolicy = z.output<typeof rotationPolicySchema>;

const forceEstimateSchema = z.strictObject({
  personnel: personnelSchema,
  label: text(200),
  ...provenance,
});

export const forceTargetSchema = z
  .strictObject({
    /** The planning figure that analyses measure against. */
    personnel: personnelSchema,
    /** Where estimates disagree, the range they span. */
    range: z.strictObject({ min: personnelSchema, max: personnelSchema }).optional(),
    estimates: z.array(forceEstimateSchema).default([]),
    ...provenance,
  })
  .superRefine((t, ctx) => {
    if (t.range && t.range.min > t.range.max) {
      ctx.addIssue({ code: 'custom', path: ['range', 'min'], message: 'must not exceed range.max' });
    }
  });

export const missionSchema = z.strictObject({
  name: text(200),
  summary: text(4000).optional(),
  /** The nation hosting the force (UKR in the reference scenarios). */
  hostNation: nationIdSchema.optional(),
  /** Planned C-day, when deployment begins; requirement RDDs count from it. */
  cDay: isoDateSchema.optional(),
  forceTarget: forceTargetSchema,
  /** The sectors of the area of operations: the only sector names records may use. */
  sectors: z.array(sectorSchema).default([]),
  goals: z.array(z.strictObject({ text: text(1000), ...provenance })).default([]),
  headquarters: z
    .array(
      z.strictObject({
        name: text(200),
        location: text(200),
        role: text(500),
        from: isoDateSchema.optional(),
        until: isoDateSchema.optional(),
        ...provenance,
      }),
    )
    .default([]),
  components: z
    .array(
      z.strictObject({
        name: text(200),
        domain: z.enum(DOMAINS, { error: `must be one of ${DOMAINS.join(', ')}` }),
        task: text(500),
        leadNations: z.array(nationIdSchema).default([]),
        ...provenance,
      }),
    )
    .default([]),
  events: z
    .array(
      z.strictObject({
        date: isoDateSchema,
        title: text(300),
        description: text(4000).optional(),
        ...provenance,
      }),
    )
    .default([]),
});
export type Mission = z.output<typeof missionSchema>;

/** Where a sector is named, relative to the record (`sector`, `caveats.excludedSectors[0]`). */
export interface SectorMention {
  path: PropertyKey[];
  name: string;
}

/**
 * The sector names a requirement line or an offer holds, with their paths inside the record; the
 * import check below and the store's write check (src/storage/kysely-record-checks.ts) both read
 * them here, so they cannot disagree about where sectors are named.
 */
export function sectorsNamedBy(kind: string, record: unknown): SectorMention[] {
  const r = record as { sector?: unknown; caveats?: { excludedSectors?: unknown } };
  if (kind === 'requirements' && typeof r.sector === 'string') return [{ path: ['sector'], name: r.sector }];
  if (kind === 'offers' && Array.isArray(r.caveats?.excludedSectors))
    return r.caveats.excludedSectors.flatMap((name: unknown, j) =>
      typeof name === 'string' ? [{ path: ['caveats', 'excludedSectors', j], name }] : [],
    );
  return [];
}

/** The sectors the deployment settings name: the keys of `sectorDestinations`. */
export function sectorsNamedBySettings(settings: {
  sectorDestinations: Record<string, unknown>;
}): SectorMention[] {
  return Object.keys(settings.sectorDestinations).map((name) => ({
    path: ['sectorDestinations', name],
    name,
  }));
}

/** A sector list names each sector once; paths start at `mission.sectors`. */
export function sectorListIssues(sectors: readonly Sector[]): { path: PropertyKey[]; message: string }[] {
  const first = new Map<string, number>();
  const issues: { path: PropertyKey[]; message: string }[] = [];
  sectors.forEach((s, i) => {
    const at = first.get(s.name);
    if (at !== undefined)
      issues.push({
        path: ['mission', 'sectors', i, 'name'],
        message: `duplicates mission.sectors[${at}].name "${s.name}"`,
      });
    else first.set(s.name, i);
  });
  return issues;
}

export function unknownSectorMessage(name: string): string {
  return `names unknown sector "${name}" (not in mission.sectors)`;
}

/**
 * Stances a delivery probability is given for: the seven of the stance timeline, and `unstated` for
 * a nation with no stance entry on or before the analysis date (it has offers on the table but has
 * said nothing public yet).
 */
export const DELIVERY_STANCES = [...STANCES, 'unstated'] as const;
export type DeliveryStance = (typeof DELIVERY_STANCES)[number];

/**
 * The chance that a nation delivers all its offers, by its current stance, when a scenario gives
 * none. These are planning assumptions, not measured rates: no public data set gives the odds that
 * a stated stance turns into troops. They are ordered by how much political capital a stance has
 * spent, and spaced so that the Monte Carlo separates the groups:
 * - lead 0.95: the nations that convened the coalition have staked the most on it; the residual 5 %
 *   is a change of government or a domestic veto, as happened to contributors of earlier coalitions
 *   (Spain left Iraq after its 2004 election, the Netherlands left Uruzgan after its government fell
 *   in 2010).
 * - committed 0.9: publicly committed, with the same risks and less at stake than the leads.
 * - supportive 0.7: backs the coalition politically but has not committed forces; its offers are
 *   planning figures that may not survive the national decision.
 * - cautious 0.4: has set conditions (a ceasefire, a US backstop, a mandate) that may not be met;
 *   below even odds.
 * - considering 0.3, and `unstated` 0.3 like it: no decision yet.
 * - declined and absent 0: they have said no, or are not part of the coalition.
 * A scenario overrides any of them in `assumptions.deliveryProbability`, with its own source or
 * assumption.
 */
export const DEFAULT_DELIVERY_PROBABILITY: Readonly<Record<DeliveryStance, number>> = {
  lead: 0.95,
  committed: 0.9,
  supportive: 0.7,
  cautious: 0.4,
  considering: 0.3,
  declined: 0,
  absent: 0,
  unstated: 0.3,
};

export const probabilitySchema = z
  .number({ error: 'must be a number from 0 to 1' })
  .min(0, 'must be from 0 to 1')
  .max(1, 'must be from 0 to 1');

/** Each stance is optional: one not given keeps its default. */
export const deliveryProbabilitySchema = z.strictObject(
  Object.fromEntries(DELIVERY_STANCES.map((s) => [s, probabilitySchema.optional()])) as Record<
    DeliveryStance,
    z.ZodOptional<typeof probabilitySchema>
  >,
);
export type DeliveryProbability = z.output<typeof deliveryProbabilitySchema>;

/**
 * Scenario-wide assumptions of the analyses. Optional, and stored as given (absent stays absent), so
 * documents written before it existed stay valid and export unchanged; the defaults apply at analysis
 * time (`resolveDeliveryProbability`).
 */
export const scenarioAssumptionsSchema = z.strictObject({
  /** Probability that a nation delivers its offers, by its current stance (resilience analysis). */
  deliveryProbability: deliveryProbabilitySchema.optional(),
  /**
   * Probability for single nations, whatever their stance (a planner's judgement of one nation:
   * "Germany delivers with 0.8"). Overrides the stance's figure for that nation.
   */
  nationDeliveryProbability: z.record(nationIdSchema, probabilitySchema).optional(),
  /** The rates the cost of the force is computed at (cost-rates.ts); absent: the defaults. */
  costRates: costRatesSchema.optional(),
  ...provenance,
});
export type ScenarioAssumptions = z.output<typeof scenarioAssumptionsSchema>;

/** The full table: the scenario's values where it gives them, the defaults elsewhere. */
export function resolveDeliveryProbability(
  assumptions: ScenarioAssumptions | undefined,
): Record<DeliveryStance, number> {
  const given = assumptions?.deliveryProbability ?? {};
  return Object.fromEntries(
    DELIVERY_STANCES.map((s) => [s, given[s] ?? DEFAULT_DELIVERY_PROBABILITY[s]]),
  ) as Record<DeliveryStance, number>;
}

/**
 * A variant's record of where it came from: the scenario and the version of it that it was branched
 * from, and the what-ifs made on the way (their titles and what each changed, in words), so a
 * comparison can say what the variant is and whether its baseline has moved on since.
 */
export const variantOfSchema = z.strictObject({
  parent: scenarioIdSchema,
  parentVersion: z.number().int('must be a whole number').min(1, 'must be at least 1'),
  /**
   * SHA-256 of the parent's inputs as branched (src/app/input-fingerprint.ts): a promotion is
   * refused when the parent's inputs differ from it, whichever record changed. Absent on variants
   * made before it was recorded; those are promoted only by naming the parent's content version.
   */
  parentInputsHash: z
    .string()
    .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 in hex')
    .optional(),
  whatIfs: z
    .array(
      z.strictObject({
        title: text(200),
        changes: z.array(text(2000)).default([]),
        notes: z.array(text(2000)).default([]),
      }),
    )
    .default([]),
});
export type VariantOf = z.output<typeof variantOfSchema>;

const documentShape = z.strictObject({
  schemaVersion: z.literal(CURRENT_SCHEMA_VERSION, { error: `must be ${CURRENT_SCHEMA_VERSION}` }),
  id: scenarioIdSchema,
  name: text(200),
  description: text(4000).optional(),
  /** The date the document describes the coalition as of. */
  asOf: isoDateSchema,
  mission: missionSchema,
  assumptions: scenarioAssumptionsSchema.optional(),
  /** Set on a variant: the scenario it was branched from (see variantOfSchema). */
  variantOf: variantOfSchema.optional(),
  nations: z.array(nationDocSchema).min(1, 'must list at least one nation'),
  capabilities: z.array(capabilitySchema).default([]),
  requirements: z.array(requirementSchema).default([]),
  offers: z.array(offerSchema).default([]),
  pledges: z.array(pledgeSchema).default([]),
  rotationPolicies: z.array(rotationPolicySchema).default([]),
  /** Deployment planning: the transport network, how the force list is drawn, the list, what moved. */
  network: networkSchema.default({ nodes: [], arcs: [] }),
  deployment: deploymentSettingsSchema.optional(),
  /** The line of contact, zones and exposure bands (theatre.ts); absent stays absent on export. */
  theatre: theatreSchema.optional(),
  /** The escalation ladder (escalation.ts); absent stays absent on export. */
  escalation: escalationSchema.optional(),
  /** Nations' red lines: each names a rung of the escalation ladder (escalation.ts). */
  redLines: z.array(redLineSchema).default([]),
  /** The risk register (risk-register.ts): entries linked to records of the scenario or rungs. */
  risks: z.array(riskSchema).default([]),
  /** Empty: the force list is generated from the force-generation fill when a plan is made. */
  forceList: z.array(ulnRecordSchema).default([]),
  movements: z.array(movementRecordSchema).default([]),
});

export type ScenarioDocumentInput = z.input<typeof documentShape>;

export const scenarioDocumentSchema = documentShape
  .transform((doc) => ({
    ...doc,
    // Stance entries without an id get a stable one (nation code + position) so that the stored
    // record, the export and a re-import all name the same entry.
    nations: doc.nations.map((n) => ({
      ...n,
      stances: n.stances.map((s, j) => ({ ...s, id: s.id ?? `${n.id}-${j + 1}` })),
    })),
  }))
  .superRefine((doc, ctx) => {
    const issue = (path: PropertyKey[], message: string) => ctx.addIssue({ code: 'custom', path, message });
    const unique = <T>(items: readonly T[], key: (t: T) => string, field: string, list: string) => {
      const seen = new Map<string, number>();
      items.forEach((item, i) => {
        const k = key(item);
        const first = seen.get(k);
        if (first !== undefined) issue([list, i, field], `duplicates ${list}[${first}].${field} "${k}"`);
        else seen.set(k, i);
      });
      return seen;
    };
    const nations = unique(doc.nations, (n) => n.id, 'id', 'nations');
    const capabilities = unique(doc.capabilities, (c) => c.code, 'code', 'capabilities');
    unique(doc.requirements, (r) => r.id, 'id', 'requirements');
    unique(doc.offers, (o) => o.id, 'id', 'offers');
    unique(doc.pledges, (p) => p.id, 'id', 'pledges');
    unique(doc.rotationPolicies, (p) => p.nation, 'nation', 'rotationPolicies');

    const stanceIds = new Set<string>();
    doc.nations.forEach((n, i) =>
      n.stances.forEach((s, j) => {
        if (stanceIds.has(s.id))
          issue(['nations', i, 'stances', j, 'id'], `duplicates stance entry id "${s.id}"`);
        stanceIds.add(s.id);
        const idIssue = idNationIssue(s.id, n.id);
        if (idIssue) issue(['nations', i, 'stances', j, 'id'], idIssue);
      }),
    );

    const nationRef = (path: PropertyKey[], id: string) => {
      if (!nations.has(id)) issue(path, `names unknown nation "${id}" (not in nations)`);
    };
    const capabilityRef = (path: PropertyKey[], code: string) => {
      if (!capabilities.has(code)) issue(path, `names unknown capability "${code}" (not in capabilities)`);
    };
    doc.requirements.forEach((r, i) => capabilityRef(['requirements', i, 'capability'], r.capability));
    doc.offers.forEach((o, i) => {
      nationRef(['offers', i, 'nation'], o.nation);
      capabilityRef(['offers', i, 'capability'], o.capability);
    });
    doc.pledges.forEach((p, i) => nationRef(['pledges', i, 'nation'], p.nation));
    doc.rotationPolicies.forEach((p, i) => nationRef(['rotationPolicies', i, 'nation'], p.nation));
    doc.mission.components.forEach((c, i) =>
      c.leadNations.forEach((n, j) => nationRef(['mission', 'components', i, 'leadNations', j], n)),
    );
    if (doc.mission.hostNation) nationRef(['mission', 'hostNation'], doc.mission.hostNation);
    for (const nation of Object.keys(doc.assumptions?.nationDeliveryProbability ?? {}))
      nationRef(['assumptions', 'nationDeliveryProbability', nation], nation);

    // Sectors: every name a record or the deployment settings use is one of the mission's.
    sectorListIssues(doc.mission.sectors).forEach(({ path, message }) => issue(path, message));
    const sectors = new Set(doc.mission.sectors.map((s) => s.name));
    const sectorRefs = (base: PropertyKey[], mentions: SectorMention[]) =>
      mentions.forEach((m) => {
        if (!sectors.has(m.name)) issue([...base, ...m.path], unknownSectorMessage(m.name));
      });
    doc.requirements.forEach((r, i) => sectorRefs(['requirements', i], sectorsNamedBy('requirements', r)));
    doc.offers.forEach((o, i) => sectorRefs(['offers', i], sectorsNamedBy('offers', o)));
    if (doc.deployment) sectorRefs(['deployment'], sectorsNamedBySettings(doc.deployment));

    // Deployment: the network's own rules, then what names its nodes and arcs.
    const raw = ({ path, message }: { path: PropertyKey[]; message: string }) => issue(path, message);
    networkIssues(doc.network).forEach(raw);
    if (doc.deployment) deploymentSettingsIssues(doc.deployment, doc.network).forEach(raw);
    const nodeIds = new Set<string>(doc.network.nodes.map((n) => n.id));
    const arcIds = new Set<string>(doc.network.arcs.map((a) => a.id));
    const nodeRef = (path: PropertyKey[], id: string) => {
      if (!nodeIds.has(id)) issue(path, `names unknown node "${id}" (not in network.nodes)`);
    };
    const ulns = unique(doc.forceList, (u) => u.uln, 'uln', 'forceList');
    const offerNation = new Map<string, string>(doc.offers.map((o) => [o.id, o.nation]));
    doc.forceList.forEach((u, i) => {
      // A ULN is drawn from its own nation's offer: it belongs to that nation as the offer does.
      const drawnFrom = offerNation.get(u.offer);
      if (drawnFrom !== undefined && drawnFrom !== u.nation)
        issue(
          ['forceList', i, 'offer'],
          `names offer "${u.offer}" of ${drawnFrom}: a ULN of ${u.nation} is drawn from an offer of ${u.nation}`,
        );
      nationRef(['forceList', i, 'nation'], u.nation);
      capabilityRef(['forceList', i, 'capability'], u.capability);
      nodeRef(['forceList', i, 'origin'], u.origin);
      nodeRef(['forceList', i, 'destination'], u.destination);
    });
    unique(doc.movements, (m) => m.id, 'id', 'movements');
    doc.movements.forEach((m, i) => {
      if (!ulns.has(m.uln)) issue(['movements', i, 'uln'], `names unknown ULN "${m.uln}" (not in forceList)`);
      if (!arcIds.has(m.arc))
        issue(['movements', i, 'arc'], `names unknown arc "${m.arc}" (not in network.arcs)`);
    });

    // Red lines name a nation and a rung of the escalation ladder.
    unique(doc.redLines, (r) => r.id, 'id', 'redLines');
    const rungIds = new Set<string>((doc.escalation?.rungs ?? []).map((r) => r.id));
    doc.redLines.forEach((r, i) => {
      nationRef(['redLines', i, 'nation'], r.nation);
      if (!rungIds.has(r.rung)) issue(['redLines', i, 'rung'], unknownRungMessage(r.rung));
    });
    // Risks: each link names an existing record of its kind, or a rung.
    unique(doc.risks, (r) => r.id, 'id', 'risks');
    const linkable: Readonly<Record<RiskLinkKind, ReadonlySet<string>>> = {
      nations: new Set(nations.keys()),
      offers: new Set(doc.offers.map((o) => o.id)),
      requirements: new Set(doc.requirements.map((r) => r.id)),
      pledges: new Set(doc.pledges.map((p) => p.id)),
      nodes: nodeIds,
      arcs: arcIds,
      ulns: new Set(ulns.keys()),
      redLines: new Set(doc.redLines.map((r) => r.id)),
      rungs: rungIds,
    };
    doc.risks.forEach((r, i) =>
      r.links.forEach((link, j) => {
        if (!linkable[link.kind].has(link.key))
          issue(['risks', i, 'links', j, 'key'], unknownRiskLinkMessage(link.kind, link.key));
      }),
    );
  });

/** Why a red line's rung is refused: it is not a rung of the scenario's escalation ladder. */
export function unknownRungMessage(rung: string): string {
  return `names unknown rung "${rung}" (not in escalation.rungs)`;
}

/** Why a risk's link is refused: no record of its kind (or rung) has that key. */
export function unknownRiskLinkMessage(kind: string, key: string): string {
  return kind === 'rungs'
    ? `names unknown rung "${key}" (not in escalation.rungs)`
    : `names unknown ${kind} record "${key}"`;
}

export type ScenarioDocument = z.output<typeof scenarioDocumentSchema>;
export type NationDocument = ScenarioDocument['nations'][number];
export type StanceEntry = NationDocument['stances'][number];
