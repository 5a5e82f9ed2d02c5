// `coalition users set`: changing a user's role and nation from the shell, with the compiled CLI on a
// throw-away data directory: the change printed, a refused field named, and a stale
// --expect-version refused rather than overwriting someone else's change.
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { coalition, requireCompiledCli, tempDir } from './test-cli.ts';

beforeAll(requireCompiledCli);

describe('coalition users set', () => {
  it('changes role and nation, names a refused field, and refuses a stale version', async () => {
    const env = { COALITION_DATA: join(tempDir(), 'data') };
    const added = await coalition(['users', 'add', 'alice', '--role', 'liaison', '--nation', 'GBR'], env);
    expect(added.code, added.stderr).toBe(0);

    const observer = await coalition(['users', 'set', 'alice', '--role', 'observer', '--no-nation'], env);
    expect(observer.stderr).toBe('');
    expect(observer.stdout).toBe('changed "alice": observer, version 2\n');

    const noNation = await coalition(['users', 'set', 'alice', '--role', 'liaison'], env);
    expect(noNation.code).toBe(1);
    expect(noNation.stderr).toMatch(/nation: is required for a liaison officer/);

    const liaison = await coalition(
      ['users', 'set', 'alice', '--role', 'liaison', '--nation', 'fra', '--expect-version', '2'],
      env,
    );
    expect(liaison.stderr).toBe('');
    expect(liaison.stdout).toBe('changed "alice": liaison (FRA), version 3\n');

    const stale = await coalition(['users', 'set', 'alice', '--nation', 'DEU', '--expect-version', '2'], env);
    expect(stale.code).toBe(1);
    expect(stale.stderr).toMatch(/version 3, not 2/);
    const nothing = await coalition(['users', 'set', 'alice'], env);
    expect(nothing.code).toBe(1);
    expect(nothing.stderr).toMatch(/nothing to change/);

    const list = await coalition(['users', 'list'], env);
    expect(list.stdout).toMatch(/alice\s+alice\s+liaison\s+FRA\s+must change password/);
  });
});
