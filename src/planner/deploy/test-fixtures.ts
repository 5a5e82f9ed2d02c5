// Small builders of planner inputs for tests: an arc and a ULN with every field set to a plain
// default, so a test states only what it is about, and one congested generated instance. Tests only.
import { generateDeploymentInstance, type DeploymentInstance } from './instance-generator.ts';
import type { DeploymentArc, Uln } from './schedule.ts';

export function arc(id: string, from: string, to: string, extra: Partial<DeploymentArc> = {}): DeploymentArc {
  return {
    id,
    from,
    to,
    mode: 'air',
    transitDays: 2,
    capacityPerDay: { personnel: 1000, tonnes: 1000 },
    loadSize: { personnel: 1000, tonnes: 1000 },
    closures: [],
    ...extra,
  };
}

export function uln(id: string, extra: Partial<Uln> = {}): Uln {
  return {
    uln: id,
    personnel: 100,
    tonnes: 0,
    origin: 'A',
    destination: 'B',
    ald: 0,
    ead: 0,
    lad: 30,
    rdd: 10,
    priority: 1,
    ...extra,
  };
}

/**
 * A congested corridor beside a free detour (surge, 300 ULNs, seed 3, lift on): small enough for a
 * unit test, late enough that bounds, prices and orders matter.
 */
export const congestedCorridor = (): DeploymentInstance =>
  generateDeploymentInstance({
    shape: 'corridor-detour',
    scenario: 'surge',
    ulnCount: 300,
    seed: 3,
    lift: true,
  });
