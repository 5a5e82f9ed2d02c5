// The sign-in addresses part of the storage contract: the addresses users signed in from, which
// sign-in throttling (src/app/auth-service.ts) trusts when failures for a name pile up. Called from
// describeStoreContract (store.contract.test.ts), so it runs against every backend.
import { describe, expect, it } from 'vitest';
import type { ContractContext } from './store-access.contract.ts';

const MINUTE = 60_000;
/** In minutes, as `at` takes them. */
const DAY = 24 * 60;

export function describeSignInAddressContract(ctx: ContractContext): void {
  describe('sign-in addresses', () => {
    /** Times relative to one base, so no test depends on the clock. */
    const base = Date.parse('2031-01-01T00:00:00Z');
    const at = (minutes: number) => new Date(base + minutes * MINUTE);
    const retention = (keep: number, sinceMinutes = -90 * DAY) => ({ keep, since: at(sinceMinutes) });

    it('knows an address only for the user that signed in from it, and only since it did', async () => {
      const store = ctx.store();
      const alice = ctx.fresh('alice');
      const bob = ctx.fresh('bob');
      expect(await store.hasSignedInFrom(alice, '10.0.0.1', at(-DAY))).toBe(false);

      await store.recordSignInAddress(alice, '10.0.0.1', at(0), retention(20));
      expect(await store.hasSignedInFrom(alice, '10.0.0.1', at(-1))).toBe(true);
      expect(await store.hasSignedInFrom(alice, '10.0.0.1', at(0))).toBe(true);
      expect(await store.hasSignedInFrom(alice, '10.0.0.1', at(1))).toBe(false);
      expect(await store.hasSignedInFrom(alice, '10.0.0.2', at(-1))).toBe(false);
      expect(await store.hasSignedInFrom(bob, '10.0.0.1', at(-1))).toBe(false);

      // A later sign-in from the same address moves its time on; an earlier one never moves it back.
      await store.recordSignInAddress(alice, '10.0.0.1', at(30), retention(20));
      expect(await store.hasSignedInFrom(alice, '10.0.0.1', at(30))).toBe(true);
      await store.recordSignInAddress(alice, '10.0.0.1', at(10), retention(20));
      expect(await store.hasSignedInFrom(alice, '10.0.0.1', at(30))).toBe(true);
      expect(await store.hasSignedInFrom(alice, '10.0.0.1', at(31))).toBe(false);
    });

    it("keeps a user's latest addresses only", async () => {
      const store = ctx.store();
      const carol = ctx.fresh('carol');
      const other = ctx.fresh('dave');
      await store.recordSignInAddress(other, '10.1.0.9', at(0), retention(2));
      for (const [i, address] of ['10.1.0.1', '10.1.0.2', '10.1.0.3'].entries()) {
        await store.recordSignInAddress(carol, address, at(i), retention(2));
      }
      const known = async (user: string, address: string) => store.hasSignedInFrom(user, address, at(-DAY));
      expect(await known(carol, '10.1.0.1')).toBe(false);
      expect(await known(carol, '10.1.0.2')).toBe(true);
      expect(await known(carol, '10.1.0.3')).toBe(true);
      // Signing in from a kept address again makes it the latest: the other one goes next.
      await store.recordSignInAddress(carol, '10.1.0.2', at(3), retention(2));
      await store.recordSignInAddress(carol, '10.1.0.4', at(4), retention(2));
      expect(await known(carol, '10.1.0.2')).toBe(true);
      expect(await known(carol, '10.1.0.3')).toBe(false);
      expect(await known(carol, '10.1.0.4')).toBe(true);
      // Another user's addresses do not count against this one's.
      expect(await known(other, '10.1.0.9')).toBe(true);
    });

    it('forgets addresses unused since the retention cut-off, whoever signs in next', async () => {
      const store = ctx.store();
      const erin = ctx.fresh('erin');
      const frank = ctx.fresh('frank');
      await store.recordSignInAddress(erin, '10.2.0.1', at(0), retention(20));
      expect(await store.hasSignedInFrom(erin, '10.2.0.1', new Date(0))).toBe(true);
      // Frank's sign-in 91 days on, keeping 90 days: Erin's address is gone even when asked from long ago.
      await store.recordSignInAddress(frank, '10.2.0.2', at(91 * DAY), retention(20, DAY));
      expect(await store.hasSignedInFrom(erin, '10.2.0.1', new Date(0))).toBe(false);
      expect(await store.hasSignedInFrom(frank, '10.2.0.2', new Date(0))).toBe(true);
    });
  });
}
