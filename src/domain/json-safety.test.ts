import { describe, expect, it } from 'vitest';
import { jsonValueIssues, textProblem } from './json-safety.ts';

const nested = (depth: number): unknown => {
  let v: unknown = 1;
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
};

describe('jsonValueIssues', () => {
  it('accepts ordinary documents, including astral characters', () => {
    expect(
      jsonValueIssues({ name: 'Türkiye 🇹🇷', offers: [{ quantity: 3, caveats: ['no combat'] }] }),
    ).toEqual([]);
  });

  it('names the field holding a NUL character or a lone surrogate', () => {
    expect(jsonValueIssues({ offers: [{ source: { publication: 'a\u0000b' } }] })).toEqual([
      { path: 'offers[0].source.publication', message: expect.stringContaining('NUL') },
    ]);
    expect(jsonValueIssues({ name: 'x\ud921y' })[0]).toMatchObject({ path: 'name' });
    expect(jsonValueIssues({ 'bad\u0000key': 1 })[0]?.message).toMatch(/^field name contains a NUL/);
  });

  it('refuses depth beyond the limit without overflowing the stack', () => {
    expect(jsonValueIssues(nested(32))).toEqual([]);
    const issues = jsonValueIssues(nested(100_000));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe('is nested deeper than 32 levels');
    expect(issues[0]!.path.startsWith('a.a.a')).toBe(true);
  });

  it('stops at the limit of issues', () => {
    expect(
      jsonValueIssues(
        Array.from({ length: 100 }, () => '\u0000'),
        32,
        5,
      ),
    ).toHaveLength(5);
  });

  it('textProblem passes well-formed text', () => {
    expect(textProblem('Paris Declaration, 6 January 2026')).toBeUndefined();
  });
});
