// The record kinds of a scenario as the UI names them, and the URL segment that names each in a
// page address (the same as the API's, so a URL reads alike in both).
import { ENTITY_PATH } from '../../src/domain/entity-paths.ts';
import type { EntityKind } from '../../src/domain/records.ts';

export const RECORD_KINDS: readonly EntityKind[] = [
  'nations',
  'stances',
  'capabilities',
  'requirements',
  'offers',
  'pledges',
  'rotationPolicies',
  'nodes',
  'arcs',
  'ulns',
  'movements',
  'redLines',
  'risks',
];

export const KIND_NAMES: { readonly [K in EntityKind]: { one: string; many: string } } = {
  nations: { one: 'Nation', many: 'Nations' },
  stances: { one: 'Stance entry', many: 'Stance entries' },
  capabilities: { one: 'Capability', many: 'Capabilities' },
  requirements: { one: 'Requirement line', many: 'Requirement lines' },
  offers: { one: 'Offer', many: 'Offers' },
  pledges: { one: 'Funding pledge', many: 'Funding pledges' },
  rotationPolicies: { one: 'Rotation policy', many: 'Rotation policies' },
  nodes: { one: 'Network node', many: 'Network nodes' },
  arcs: { one: 'Network arc', many: 'Network arcs' },
  ulns: { one: 'ULN', many: 'Force list (ULNs)' },
  movements: { one: 'Movement record', many: 'Movement records' },
  redLines: { one: 'Red line', many: 'Red lines' },
  risks: { one: 'Risk', many: 'Risk register' },
};

/** The kind a URL segment names (`rotation-policies`), or undefined. */
export function kindOfPath(segment: string): EntityKind | undefined {
  return RECORD_KINDS.find((k) => ENTITY_PATH[k] === segment);
}
