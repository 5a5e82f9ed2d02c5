import { describe, expect, it } from 'vitest';
import type { NationId, Personnel } from '../ids.ts';
import type { Offer } from '../scenario-schema.ts';
import { offeredPersonnelByNation } from './offered-personnel.ts';

const offer = (nation: string, personnel: number, status: Offer['status'] = 'offered') => ({
  nation: nation as NationId,
  personnel: personnel as Personnel,
  status,
});

describe('offeredPersonnelByNation', () => {
  it('adds personnel of offers that are not withdrawn, in order of first appearance', () => {
    expect(
      offeredPersonnelByNation([
        offer('FRA', 650),
        offer('GBR', 1000),
        offer('FRA', 130, 'confirmed'),
        offer('FRA', 500, 'withdrawn'),
        offer('EST', 60, 'withdrawn'),
      ]),
    ).toEqual([
      { nation: 'FRA', personnel: 780 }, // 650 + 130; the withdrawn 500 does not count
      { nation: 'GBR', personnel: 1000 },
      { nation: 'EST', personnel: 0 }, // everything withdrawn: listed, with nothing
    ]);
  });
});
