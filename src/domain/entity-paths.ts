// The URL segment of each record kind in the HTTP API, shared by the server routes and the web
// client. Kept free of zod so the web bundle can import it without the schemas.
import type { EntityKind } from './records.ts';

export const ENTITY_PATH: { readonly [K in EntityKind]: string } = {
  nations: 'nations',
  stances: 'stances',
  capabilities: 'capabilities',
  requirements: 'requirements',
  offers: 'offers',
  pledges: 'pledges',
  rotationPolicies: 'rotation-policies',
  nodes: 'network-nodes',
  arcs: 'network-arcs',
  ulns: 'force-list',
  movements: 'movements',
  redLines: 'red-lines',
  risks: 'risks',
};
