// The test files' order: the slow ones CI measured first, slowest first, the rest as vitest had them.
import { describe, expect, it } from 'vitest';
import { CI_SECONDS, slowFirst } from './test-sequencer.ts';

describe('slowFirst', () => {
  it('puts the listed files first, slowest first, and keeps the order of the others', () => {
    const seconds = { 'b.test.ts': 10, 'd.test.ts': 50 };
    expect(slowFirst(['a.test.ts', 'b.test.ts', 'c.test.ts', 'd.test.ts', 'e.test.ts'], seconds)).toEqual([
      'd.test.ts',
      'b.test.ts',
      'a.test.ts',
      'c.test.ts',
      'e.test.ts',
    ]);
  });

  it('lists files that exist, each once', async () => {
    const { existsSync } = await import('node:fs');
    for (const file of Object.keys(CI_SECONDS)) expect(existsSync(file), file).toBe(true);
  });
});
