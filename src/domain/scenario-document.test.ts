import { describe, expect, it } from 'vitest';
import { decodeDocumentText } from './scenario-document.ts';

const issuesOf = (text: string, format?: 'json' | 'yaml') => {
  const r = decodeDocumentText(text, format);
  return r.ok ? [] : r.issues;
};

describe('decodeDocumentText', () => {
  it('decodes JSON and YAML to the same value', () => {
    const json = decodeDocumentText('{"schemaVersion": 1, "id": "x"}');
    const yaml = decodeDocumentText('schemaVersion: 1\nid: x\n');
    expect(json).toEqual({ ok: true, value: { schemaVersion: 1, id: 'x' } });
    expect(yaml).toEqual(json);
  });

  it('reports a syntax error with its line and column', () => {
    expect(issuesOf('a: [1, 2\nb: 3\n')[0]!.message).toMatch(/^is not valid YAML at line \d+, column \d+/);
    expect(issuesOf('{"a": }')[0]!.message).toMatch(/^is not valid JSON/);
    expect(issuesOf('a: 1\na: 2\n')[0]!.message).toMatch(/Map keys must be unique/);
  });

  it('refuses an alias expansion attack ("billion laughs") instead of exhausting memory', () => {
    const lines = ['a0: &a0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let i = 1; i < 9; i++)
      lines.push(
        `a${i}: &a${i} [${Array(10)
          .fill(`*a${i - 1}`)
          .join(',')}]`,
      );
    const issues = issuesOf(lines.join('\n'));
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toMatch(/^is not usable YAML: .*alias/i);
  });

  it('refuses absurd nesting in either syntax', () => {
    expect(issuesOf('['.repeat(50_000) + ']'.repeat(50_000))[0]!.message).toMatch(/nested/);
    expect(
      issuesOf('a:\n' + Array.from({ length: 40 }, (_, i) => ' '.repeat(i + 1) + 'b:').join('\n'))[0],
    ).toMatchObject({
      message: 'is nested deeper than 32 levels',
    });
  });

  it('names a field whose text cannot be stored', () => {
    expect(issuesOf('{"nations": [{"name": "a\\u0000"}]}')).toEqual([
      { path: 'nations[0].name', message: expect.stringContaining('NUL') },
    ]);
  });
});
