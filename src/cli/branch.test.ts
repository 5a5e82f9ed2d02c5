// `coalition branch`: a variant with what-ifs from the terminal, on a store of its own (the compiled
// command, as users run it), and how a --what-if is read.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseWhatIf } from './commands/branch.ts';
import { coalition, requireCompiledCli, tempDir as temp } from './test-cli.ts';

describe('--what-if', () => {
  it('reads each what-if as the staff would say it', () => {
    expect(parseWhatIf('nation-joins:DEU')).toEqual({ kind: 'nation-joins', nation: 'DEU' });
    expect(parseWhatIf('nation-joins:DEU:lift')).toEqual({
      kind: 'nation-joins',
      nation: 'DEU',
      liftCaveats: true,
    });
    expect(parseWhatIf('nation-withdraws:ITA')).toEqual({ kind: 'nation-withdraws', nation: 'ITA' });
    expect(parseWhatIf('us-backstop')).toEqual({ kind: 'us-backstop' });
    expect(parseWhatIf('close-node:POL-MEDYKA-ROAD:1-30:blockade: a month')).toEqual({
      kind: 'close-node',
      node: 'POL-MEDYKA-ROAD',
      from: 1,
      to: 30,
      reason: 'blockade: a month',
    });
    expect(parseWhatIf('close-arc:A-1:-3-4:strike')).toMatchObject({ arc: 'A-1', from: -3, to: 4 });
    expect(parseWhatIf('target:60000')).toEqual({ kind: 'target', personnel: 60000 });
  });

  it('says how to write one that cannot be read', () => {
    expect(parseWhatIf('nation-joins')).toBe('write nation-joins:ISO3 or nation-joins:ISO3:lift');
    expect(parseWhatIf('close-arc:A-1:soon:x')).toBe('write close-arc:ID:FROM-TO:reason (C-days, e.g. 1-30)');
    expect(parseWhatIf('target:many')).toBe('write target:PERSONNEL');
    expect(parseWhatIf('invade:RUS')).toMatch(/^must be nation-joins, /);
  });
});

describe('coalition branch', () => {
  beforeAll(() => requireCompiledCli());

  it(
    'branches a variant, says what each what-if did, and names a bad one by its flag',
    { timeout: 600_000 },
    async () => {
      const env = { COALITION_DATA: join(temp(), 'data'), COALITION_SEED: 'true' };
      const r = await coalition(
        ['branch', 'article-2025-03', '--id', 'germany-joins', '--what-if', 'nation-joins:DEU'],
        env,
      );
      expect(r.code, r.stderr).toBe(0);
      expect(r.stdout).toMatch(
        /^branched germany-joins ".*: Germany joins \(caveats kept\)" from article-2025-03 \(version \d+\)$/m,
      );
      expect(r.stdout).toMatch(/NOTE: \d+ of Germany's \d+ offers .* require a US backstop/);
      const list = await coalition(['list'], env);
      expect(list.stdout).toMatch(/^germany-joins\s/m);

      const unreadable = await coalition(
        ['branch', 'article-2025-03', '--id', 'x-1', '--what-if', 'nation-joins'],
        env,
      );
      expect(unreadable.code).toBe(1);
      expect(unreadable.stderr).toContain('--what-if[0]: write nation-joins:ISO3 or nation-joins:ISO3:lift');
      const unknown = await coalition(
        ['branch', 'article-2025-03', '--id', 'x-2', '--what-if', 'us-backstop', 'nation-joins:JPN'],
        env,
      );
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain('--what-if[1] (nation): names unknown nation "JPN"');
    },
  );
});
