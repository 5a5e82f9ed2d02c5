import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canSee } from '../access.ts';
import type { NationId } from '../ids.ts';
import type { Releasability } from '../releasability.ts';
import {
  audienceMaySee,
  audiencePrincipal,
  audienceText,
  bannerOf,
  parseAudience,
  type Audience,
} from './audience.ts';

const rel = (level: Releasability['level'], nations: string[] = []): Releasability => ({
  level,
  nations: nations as NationId[],
});
const NATIONS = ['EST', 'LVA', 'GBR', 'FRA'] as const;

describe('bannerOf', () => {
  it('is the most restrictive level of what is inside', () => {
    expect(bannerOf([]).text).toBe('PUBLIC');
    expect(bannerOf([{}, { releasability: rel('PUBLIC') }]).text).toBe('PUBLIC');
    expect(bannerOf([{}, { releasability: rel('COALITION') }]).text).toBe('COALITION');
  });

  it('releases a REL_TO pack only to the nations every REL_TO record names, owners included', () => {
    const b = bannerOf([
      { releasability: rel('REL_TO', ['EST', 'LVA', 'GBR']) },
      { releasability: rel('REL_TO', ['EST', 'GBR']) },
      { releasability: rel('COALITION') },
    ]);
    expect(b).toEqual({ level: 'REL_TO', nations: ['EST', 'GBR'], text: 'COALITION REL TO EST, GBR' });
    // An Estonian record marked REL TO LVA is still Estonia's to see.
    expect(bannerOf([{ releasability: rel('REL_TO', ['LVA']), owner: 'EST' }]).nations).toEqual([
      'EST',
      'LVA',
    ]);
  });

  it('says COALITION STAFF ONLY when no nation may see all of it', () => {
    expect(
      bannerOf([{ releasability: rel('REL_TO', ['EST']) }, { releasability: rel('REL_TO', ['LVA']) }]).text,
    ).toBe('COALITION STAFF ONLY');
  });

  it('never names a nation that could not see every record inside (property)', () => {
    const marked = fc.record({
      level: fc.constantFrom('PUBLIC', 'COALITION', 'REL_TO'),
      nations: fc.subarray([...NATIONS], { minLength: 1 }),
      owner: fc.option(fc.constantFrom(...NATIONS), { nil: undefined }),
    });
    fc.assert(
      fc.property(fc.array(marked, { maxLength: 8 }), (xs) => {
        const records = xs.map((x) => ({
          releasability: rel(x.level, x.level === 'REL_TO' ? x.nations : []),
          owner: x.owner,
        }));
        const b = bannerOf(records);
        for (const n of b.nations) {
          const liaison = { userId: 'u', role: 'liaison' as const, nation: n };
          for (const r of records) expect(canSee(liaison, r.releasability, r.owner)).toBe(true);
        }
      }),
    );
  });
});

describe('audiences', () => {
  it('parse from and print to text, and refuse anything else', () => {
    for (const text of ['staff', 'coalition', 'public', 'rel-to:EST'])
      expect(audienceText(parseAudience(text)!)).toBe(text);
    expect(parseAudience('rel-to:est')).toBeNull();
    expect(parseAudience('secret')).toBeNull();
  });

  it('see what their viewer sees: staff everything, rel-to its liaison officer, public only PUBLIC', () => {
    const cases: [Audience, Releasability, string | undefined][] = [];
    for (const a of [{ kind: 'staff' }, { kind: 'rel-to', nation: 'EST' }, { kind: 'public' }] as Audience[])
      for (const r of [rel('PUBLIC'), rel('COALITION'), rel('REL_TO', ['EST']), rel('REL_TO', ['LVA'])])
        for (const owner of [undefined, 'EST', 'LVA']) cases.push([a, r, owner]);
    for (const [a, r, owner] of cases)
      expect(audienceMaySee(a, r, owner), `${audienceText(a)} ${JSON.stringify(r)} ${owner}`).toBe(
        canSee(audiencePrincipal(a, 'u'), r, owner),
      );
  });

  it('coalition: PUBLIC and COALITION only, the same for every nation, so no nation can tell', () => {
    const a: Audience = { kind: 'coalition' };
    expect(audienceMaySee(a, rel('COALITION'))).toBe(true);
    expect(audienceMaySee(a, rel('REL_TO', ['EST']), 'EST')).toBe(false);
    for (const n of NATIONS) {
      const liaison = { userId: 'u', role: 'liaison' as const, nation: n };
      for (const r of [rel('PUBLIC'), rel('COALITION'), rel('REL_TO', ['EST', 'LVA'])])
        if (audienceMaySee(a, r, 'GBR')) expect(canSee(liaison, r, 'GBR')).toBe(true);
    }
  });
});
