import { describe, expect, it } from 'vitest';
import { mergePatch } from './merge-patch.ts';

describe('mergePatch', () => {
  it('merges nested objects and keeps untouched fields', () => {
    const offer = {
      id: 'O1',
      readiness: { level: 'L1', daysToReady: 90 },
      caveats: { excludedSectors: ['Kyiv'] },
    };
    expect(mergePatch(offer, { readiness: { daysToReady: 30 } })).toEqual({
      id: 'O1',
      readiness: { level: 'L1', daysToReady: 30 },
      caveats: { excludedSectors: ['Kyiv'] },
    });
  });

  it('removes a field patched with null and replaces arrays whole', () => {
    expect(mergePatch({ a: 1, b: [1, 2], c: 'x' }, { a: null, b: [3] })).toEqual({ b: [3], c: 'x' });
  });

  it('does not mutate the stored record', () => {
    const stored = { readiness: { level: 'L1' } };
    mergePatch(stored, { readiness: { level: 'L2' } });
    expect(stored.readiness.level).toBe('L1');
  });
});
