// The lift rule is stated twice, over two shapes: the domain's `liftCarries` (a capability's lift,
// which the force list uses for each unit's shortest transit) and the planner's `canCarry` (a ULN,
// which routes and schedules). A window the force list promises must be one the planner can make,
// so the two must agree on every arc; this holds them together.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { liftCarries, type CapabilityLift } from '../../domain/deployment/lift.ts';
import { TRANSPORT_MODES } from '../../domain/deployment/network.ts';
import { canCarry } from './objective.ts';

const mode = fc.constantFrom(...TRANSPORT_MODES);

describe('liftCarries and canCarry', () => {
  it('agree on every arc, lift and cargo', () => {
    fc.assert(
      fc.property(
        fc.record(
          {
            modes: fc.uniqueArray(mode, { minLength: 1, maxLength: 4 }),
            largestItemTonnes: fc.constantFrom(0, 10, 25, 37, 40, 62),
          },
          { requiredKeys: [] },
        ),
        fc.constantFrom(0, 0.5, 10, 4500),
        fc.record({
          mode,
          loadSize: fc.record({ personnel: fc.nat(500), tonnes: fc.constantFrom(0, 10, 25, 40, 62, 200) }),
          wholeUnit: fc.option(fc.boolean(), { nil: undefined }),
        }),
        (lift: CapabilityLift, tonnes, arc) => {
          const uln = {
            tonnes,
            ...(lift.modes && { modes: lift.modes }),
            ...(lift.largestItemTonnes !== undefined && { largestItemTonnes: lift.largestItemTonnes }),
          };
          expect(liftCarries(lift, tonnes, arc)).toBe(canCarry(uln, arc));
        },
      ),
    );
  });
});
