import { describe, expect, it } from 'vitest';
import { ISO_3166_ALPHA3 } from './iso-3166.ts';

describe('ISO 3166-1 alpha-3 list', () => {
  it('holds the 249 assigned codes plus Kosovo, without duplicates', () => {
    expect(ISO_3166_ALPHA3.size).toBe(250);
    for (const code of ['GBR', 'FRA', 'UKR', 'USA', 'TUR', 'NZL', 'XKX'])
      expect(ISO_3166_ALPHA3.has(code)).toBe(true);
    for (const code of ['XYZ', 'UK', 'EUR', 'GER']) expect(ISO_3166_ALPHA3.has(code)).toBe(false);
  });
});

describe('nationIdSchema', () => {
  it('accepts assigned codes and refuses well-formed codes ISO never assigned, quoting them', async () => {
    const { nationIdSchema } = await import('./ids.ts');
    expect(nationIdSchema.safeParse('EST').success).toBe(true);
    const r = nationIdSchema.safeParse('XYZ');
    expect(r.success).toBe(false);
    expect(r.error?.issues.map((i) => i.message)).toEqual(['"XYZ" is not an ISO 3166-1 alpha-3 code']);
    expect(nationIdSchema.safeParse('gbr').error?.issues).toHaveLength(1);
  });
});
