// What can carry a capability's units (`capabilities[i].lift`) and the share of a unit's tonnes that
// makes it delivered (`deployment.criticalEquipmentShare`) in a scenario document (since
// schemaVersion 5): optional, refused at the exact field when wrong, the lift rule itself, and the
// migration of version-4 documents.
import { describe, expect, it } from 'vitest';
import { liftCarries, excludedModes } from './deployment/lift.ts';
import { DEFAULT_CRITICAL_SHARE } from './deployment/settings.ts';
import type { FieldIssue } from './errors.ts';
import { MIGRATIONS } from './scenario-migrations.ts';
import { parseScenarioValue, requireScenario } from './scenario-document.ts';
import { CURRENT_SCHEMA_VERSION } from './scenario-schema.ts';
import {
  capability,
  deploymentScenario,
  deploymentSettings,
  sampleScenario,
  type CapabilityInput,
} from './test-fixtures.ts';

function issuesOf(value: unknown): FieldIssue[] {
  const r = parseScenarioValue(value);
  if (r.ok) throw new Error('expected the document to be refused, but it parsed');
  return r.issues;
}

/** The sample with its first capability's lift as given. */
const withLift = (lift: unknown) =>
  sampleScenario({
    capabilities: [
      capability('MECH-INF-BN', { lift } as Partial<CapabilityInput>),
      ...sampleScenario().capabilities!.slice(1),
    ],
  });

describe("a capability's lift", () => {
  it('is optional, and taken with its provenance when given', () => {
    expect(requireScenario(sampleScenario()).capabilities[0]!.lift).toBeUndefined();
    const lift = { modes: ['road', 'rail', 'sea'], largestItemTonnes: 62, assumption: 'Tanks of 55-65 t.' };
    expect(requireScenario(withLift(lift)).capabilities[0]!.lift).toEqual(lift);
  });

  it.each([
    [
      { modes: ['road', 'hovercraft'] },
      'capabilities[0].lift.modes[1]',
      'must be one of road, rail, air, sea',
    ],
    [{ modes: [] }, 'capabilities[0].lift.modes', 'must name at least one mode (leave it out for any mode)'],
    [{ modes: ['sea', 'sea'] }, 'capabilities[0].lift.modes[1]', 'repeats mode "sea"'],
    [{ largestItemTonnes: -1 }, 'capabilities[0].lift.largestItemTonnes', 'must not be negative'],
    [{ largestItemTonnes: '62 t' }, 'capabilities[0].lift.largestItemTonnes', 'must be a number (tonnes)'],
    [
      { largestItemTonnes: 2600 },
      'capabilities[0].lift.largestItemTonnes',
      'must be at most 1,000 t (one item)',
    ],
    [
      { largestItemTonnes: 900 },
      'capabilities[0].lift.largestItemTonnes',
      "must not exceed the unit's tonnes (defaultTonnes, 500 t)",
    ],
    [{ largest: 62 }, 'capabilities[0].lift.largest', 'is not a known field'],
  ])('refuses %j at %s', (lift, path, message) => {
    const doc = withLift(lift);
    if ((lift as { largestItemTonnes?: unknown }).largestItemTonnes === 900)
      doc.capabilities![0] = { ...doc.capabilities![0]!, defaultTonnes: 500 };
    expect(issuesOf(doc)).toContainEqual({ path, message });
  });

  it('lets an arc carry a unit when its mode is allowed and its load takes the largest item', () => {
    const air = { mode: 'air', loadSize: { personnel: 150, tonnes: 40 } } as const;
    const ship = { mode: 'sea', loadSize: { personnel: 400, tonnes: 200 }, wholeUnit: true } as const;
    const tanks = { modes: ['road', 'rail', 'sea'] as const, largestItemTonnes: 62 };
    expect(liftCarries(undefined, 4500, air)).toBe(true);
    expect(liftCarries({ largestItemTonnes: 62 }, 4500, air)).toBe(false);
    expect(liftCarries({ largestItemTonnes: 40 }, 4500, air)).toBe(true);
    // Nothing to load, nothing too large; a whole-unit lift takes the unit whatever its items.
    expect(liftCarries({ largestItemTonnes: 62 }, 0, air)).toBe(true);
    expect(liftCarries({ largestItemTonnes: 62 }, 4500, ship)).toBe(true);
    expect(liftCarries({ ...tanks, modes: [...tanks.modes] }, 4500, ship)).toBe(true);
    expect(liftCarries({ modes: ['air'] }, 4500, ship)).toBe(false);
    expect(excludedModes({ modes: ['road', 'rail', 'sea'] })).toEqual(['air']);
    expect(excludedModes({ largestItemTonnes: 62 })).toEqual([]);
  });
});

describe("the deployment settings' critical equipment share", () => {
  it('is optional (the default is 0.9), and a share from 0 to 1 when given', () => {
    expect(DEFAULT_CRITICAL_SHARE).toBe(0.9);
    expect(requireScenario(deploymentScenario()).deployment!.criticalEquipmentShare).toBeUndefined();
    const doc = deploymentScenario({ deployment: deploymentSettings({ criticalEquipmentShare: 0.75 }) });
    expect(requireScenario(doc).deployment!.criticalEquipmentShare).toBe(0.75);
  });

  it.each([
    [1.5, 'must be from 0 to 1'],
    [-0.1, 'must be from 0 to 1'],
    ['90%', 'must be a number from 0 to 1'],
  ])('refuses %j at the field', (share, message) => {
    const doc = deploymentScenario({
      deployment: deploymentSettings({ criticalEquipmentShare: share as number }),
    });
    expect(issuesOf(doc)).toEqual([{ path: 'deployment.criticalEquipmentShare', message }]);
  });
});

describe("the deployment settings' follow-on arrival", () => {
  it("is optional (absent: by the LAD), 'by-lad' or 'after-lad' when given", () => {
    expect(requireScenario(deploymentScenario()).deployment!.followOnArrival).toBeUndefined();
    for (const followOnArrival of ['by-lad', 'after-lad'] as const) {
      const doc = deploymentScenario({ deployment: deploymentSettings({ followOnArrival }) });
      expect(requireScenario(doc).deployment!.followOnArrival).toBe(followOnArrival);
    }
  });

  it.each([['late'], [true], ['']])('refuses %j at the field', (value) => {
    const doc = deploymentScenario({
      deployment: deploymentSettings({ followOnArrival: value as 'by-lad' }),
    });
    expect(issuesOf(doc)).toEqual([
      { path: 'deployment.followOnArrival', message: "must be 'by-lad' or 'after-lad'" },
    ]);
  });
});

describe('scenario migrations: version 5 → 6 (follow-on arrival)', () => {
  it('is an explicit step that changes nothing but the version', () => {
    expect(CURRENT_SCHEMA_VERSION).toBe(6);
    const old = { ...structuredClone(deploymentScenario()), schemaVersion: 5 };
    expect(MIGRATIONS[5]!(old)).toEqual(old);
    const migrated = parseScenarioValue(old);
    if (!migrated.ok) throw new Error(JSON.stringify(migrated.issues));
    expect(migrated.document).toEqual(requireScenario(deploymentScenario()));
    expect(migrated.document.deployment?.followOnArrival).toBeUndefined();
  });
});

describe('scenario migrations: version 4 → 5 (lift and critical equipment share)', () => {
  it('is an explicit step that changes nothing but the version', () => {
    expect(Object.keys(MIGRATIONS)).toEqual(['1', '2', '3', '4', '5']);
    const old = { ...structuredClone(deploymentScenario()), schemaVersion: 4 };
    expect(MIGRATIONS[4]!(old)).toEqual(old);
    const migrated = parseScenarioValue(old);
    if (!migrated.ok) throw new Error(JSON.stringify(migrated.issues));
    expect(migrated.document).toEqual(requireScenario(deploymentScenario()));
    // Nothing is given a lift or a share: any arc may carry its units, as before.
    expect(migrated.document.capabilities.every((c) => c.lift === undefined)).toBe(true);
    expect(migrated.document.deployment?.criticalEquipmentShare).toBeUndefined();
  });
});
