// The records of a scenario as the API and the store see them: one per table row, each with the
// bookkeeping fields every stored record carries. Record schemas are the scenario schemas, so a
// record written through the API is valid exactly when it would be valid in a document.
import { z } from 'zod';
import { nationIdSchema, type ScenarioId } from './ids.ts';
import {
  capabilitySchema,
  missionSchema,
  nationFieldsSchema,
  offerSchema,
  pledgeSchema,
  requirementSchema,
  rotationPolicySchema,
  scenarioAssumptionsSchema,
  stanceEntrySchema,
  type Capability,
  type Mission,
  type NationFields,
  type Offer,
  type Pledge,
  type Requirement,
  type RotationPolicy,
  type ScenarioAssumptions,
  type VariantOf,
  type StanceEntry,
} from './scenario-schema.ts';
import { stanceEntryIdSchema } from './ids.ts';
import { idNationIssue } from './record-ids.ts';
import { ulnRecordSchema, type UlnRecord } from './deployment/force-list.ts';
import { movementRecordSchema, type MovementRecord } from './deployment/movement.ts';
import {
  networkArcSchema,
  networkNodeSchema,
  type NetworkArc,
  type NetworkNode,
} from './deployment/network.ts';
import { deploymentSettingsSchema, type DeploymentSettings } from './deployment/settings.ts';
import { escalationSchema, redLineSchema, type Escalation, type RedLine } from './escalation.ts';
import { riskSchema, type Risk } from './risk-register.ts';
import { theatreSchema, type Theatre } from './theatre.ts';

export interface RecordMeta {
  /** Starts at 1 and rises by one on every change; a write naming an older version is refused. */
  version: number;
  createdAt: string;
  updatedAt: string;
}

export type Stored<T> = T & RecordMeta;

/** A stance entry as a record of its own: the document nests it under its nation. */
export const stanceRecordSchema = stanceEntrySchema
  .extend({
    id: stanceEntryIdSchema,
    nation: nationIdSchema,
  })
  .superRefine((stance, ctx) => {
    const idIssue = idNationIssue(stance.id, stance.nation);
    if (idIssue) ctx.addIssue({ code: 'custom', path: ['id'], message: idIssue });
  });
export type StanceRecord = StanceEntry & { nation: NationFields['id'] };

/** Record kinds stored per scenario, with the field that keys each within its scenario. */
export interface EntityTypes {
  nations: NationFields;
  stances: StanceRecord;
  capabilities: Capability;
  requirements: Requirement;
  offers: Offer;
  pledges: Pledge;
  rotationPolicies: RotationPolicy;
  nodes: NetworkNode;
  arcs: NetworkArc;
  ulns: UlnRecord;
  movements: MovementRecord;
  redLines: RedLine;
  risks: Risk;
}
export type EntityKind = keyof EntityTypes;

export const ENTITY_KINDS = [
  'nations',
  'stances',
  'capabilities',
  'requirements',
  'offers',
  'pledges',
  'rotationPolicies',
  // In the order they can be written: arcs name nodes, ULNs name nodes, movements name ULNs and arcs.
  'nodes',
  'arcs',
  'ulns',
  'movements',
  // Red lines name rungs of the header's ladder and nations; risks may link to any record above.
  'redLines',
  'risks',
] as const satisfies readonly EntityKind[];

export const ENTITY_KEY: { readonly [K in EntityKind]: keyof EntityTypes[K] & string } = {
  nations: 'id',
  stances: 'id',
  capabilities: 'code',
  requirements: 'id',
  offers: 'id',
  pledges: 'id',
  rotationPolicies: 'nation',
  nodes: 'id',
  arcs: 'id',
  ulns: 'uln',
  movements: 'id',
  redLines: 'id',
  risks: 'id',
};

export const ENTITY_SCHEMAS = {
  nations: nationFieldsSchema,
  stances: stanceRecordSchema,
  capabilities: capabilitySchema,
  requirements: requirementSchema,
  offers: offerSchema,
  pledges: pledgeSchema,
  rotationPolicies: rotationPolicySchema,
  nodes: networkNodeSchema,
  arcs: networkArcSchema,
  ulns: ulnRecordSchema,
  movements: movementRecordSchema,
  redLines: redLineSchema,
  risks: riskSchema,
} as const satisfies { [K in EntityKind]: z.ZodType };

/** Singular names for messages ("offer OFF-1 not found"). */
export const ENTITY_LABEL: { readonly [K in EntityKind]: string } = {
  nations: 'nation',
  stances: 'stance entry',
  capabilities: 'capability',
  requirements: 'requirement line',
  offers: 'offer',
  pledges: 'funding pledge',
  rotationPolicies: 'rotation policy',
  nodes: 'network node',
  arcs: 'network arc',
  ulns: 'ULN',
  movements: 'movement record',
  redLines: 'red line',
  risks: 'risk',
};

export interface ScenarioHeader {
  id: ScenarioId;
  name: string;
  description?: string | undefined;
  asOf: string;
  mission: Mission;
  /** Absent when the scenario gives none: the analyses then use their defaults. */
  assumptions?: ScenarioAssumptions | undefined;
  /** Absent until the scenario says how its force list is drawn (garrisons, sector destinations). */
  deployment?: DeploymentSettings | undefined;
  /** Absent until the scenario draws its line of contact, zones or exposure bands. */
  theatre?: Theatre | undefined;
  /** Absent until the scenario gives its escalation ladder. */
  escalation?: Escalation | undefined;
  /** Set on a variant: the scenario and version it was branched from, and the what-ifs made. */
  variantOf?: VariantOf | undefined;
}

export type StoredScenario = Stored<ScenarioHeader>;

export interface ScenarioSummary extends StoredScenario {
  counts: { nations: number; requirements: number; offers: number; pledges: number };
  /** Personnel in offers that are not withdrawn (and releasable to the viewer). */
  personnelOffered: number;
  /** True when some records of the scenario are not releasable to the viewer. */
  partial: boolean;
}

export type AuditAction =
  | 'create'
  | 'update'
  | 'delete'
  | 'import'
  | 'delete-scenario'
  | 'update-scenario'
  /** A variant's content made its parent's (ScenarioStore.promoteVariant); keyed by the parent. */
  | 'promote';
export const AUDIT_ACTIONS: readonly AuditAction[] = [
  'create',
  'update',
  'delete',
  'import',
  'delete-scenario',
  'update-scenario',
  'promote',
];

export interface AuditEntry {
  id: number;
  at: string;
  actor: string;
  scenarioId: string;
  /**
   * 'decisions': a decision record (DecisionStore in src/storage/store.ts), keyed by its id;
   * 'briefs': a briefing pack (BriefStore there), keyed `${audience}/v${version}`.
   */
  entity: EntityKind | 'scenario' | 'users' | 'decisions' | 'briefs';
  /** The nation the changed record belongs to, where it has one. */
  nation: string | null;
  entityKey: string;
  action: AuditAction;
  before: unknown;
  after: unknown;
}

export const scenarioHeaderPatchSchema = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(200).optional(),
  description: z.string().trim().min(1, 'must not be empty').max(4000).optional(),
  asOf: stanceEntrySchema.shape.date.optional(),
  mission: missionSchema.optional(),
  /** Replaces the section whole; `null` removes it, so the defaults apply again. */
  assumptions: scenarioAssumptionsSchema.nullable().optional(),
  /** Replaces the deployment settings whole; `null` removes them. */
  deployment: deploymentSettingsSchema.nullable().optional(),
  /** Replaces the theatre whole (line of contact, zones, bands); `null` removes it. */
  theatre: theatreSchema.nullable().optional(),
  /** Replaces the escalation ladder whole; `null` removes it. */
  escalation: escalationSchema.nullable().optional(),
});

/** A change to the scenario header: fields given replace the stored ones. */
export type ScenarioHeaderPatch = Partial<
  Omit<ScenarioHeader, 'id' | 'assumptions' | 'deployment' | 'theatre' | 'escalation'>
> & {
  /** `null` removes the section. */
  assumptions?: ScenarioAssumptions | null | undefined;
  deployment?: DeploymentSettings | null | undefined;
  theatre?: Theatre | null | undefined;
  escalation?: Escalation | null | undefined;
};
