// The `coalition` command as a user runs it: the real bin script running the compiled CLI (built
// once by the global setup, src/cli/test-global-setup.ts) in a child process, on a throw-away data
// directory, checking output and exit codes. The same commands against a running server:
// server-mode.test.ts; `analyse`, `plan` and `force-list`: cli-analyse.test.ts; `search` and
// `export --csv`, in process: search-export.test.ts.
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { apiScenario } from '../domain/api-test-fixtures.ts';
import { ROOT, SEEDED, coalition, requireCompiledCli, tempDir as temp } from './test-cli.ts';

beforeAll(requireCompiledCli);

describe('coalition validate', () => {
  it('accepts both reference scenarios', async () => {
    const files = readdirSync(join(ROOT, 'data/scenarios')).map((f) => join('data/scenarios', f));
    expect(files.length).toBeGreaterThanOrEqual(2);
    const r = await coalition(['validate', ...files]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/ok {2}data\/scenarios\/article-2025-03\.yaml/);
    expect(r.stdout).toMatch(/ok {2}data\/scenarios\/reported-2026-01\.yaml/);
  });

  it('rejects a broken document naming the file and the field, and exits non-zero', async () => {
    const dir = temp();
    const doc = apiScenario();
    Object.assign(doc.offers[0] as Record<string, unknown>, { id: 'OFF-ESP-1', nation: 'ESP' });
    const bad = join(dir, 'bad.yaml');
    writeFileSync(bad, stringify(doc));
    const good = join(dir, 'good.json');
    writeFileSync(good, JSON.stringify(apiScenario()));
    const r = await coalition(['validate', good, bad]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`ok  ${good}`);
    expect(r.stderr).toContain(`${bad}: offers[0].nation: names unknown nation "ESP"`);
    expect(r.stderr).toContain('1 of 2 documents invalid');
  });

  it('reports a file that cannot be read or parsed', async () => {
    const dir = temp();
    const broken = join(dir, 'broken.json');
    writeFileSync(broken, '{"schemaVersion": 1,');
    const r = await coalition(['validate', broken, join(dir, 'missing.yaml')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`${broken}: (document): is not valid JSON`);
    expect(r.stderr).toMatch(/missing\.yaml: .*cannot read \(ENOENT\)/);
  });
});

describe('coalition import / export / list', () => {
  // Each command is a process that opens the embedded store: allow for a loaded 2-core machine.
  it('round-trips a scenario through import and export in JSON and YAML', { timeout: 600_000 }, async () => {
    const dir = temp();
    const env = { COALITION_DATA: join(dir, 'data') };
    const file = join(dir, 'scenario.yaml');
    writeFileSync(file, stringify(apiScenario()));

    const imported = await coalition(['import', file, '--id', 'variant-a', '--name', 'Variant A'], env);
    expect(imported.stderr).toBe('');
    expect(imported.stdout).toContain('imported variant-a "Variant A"');

    const exportedJson = await coalition(['export', 'variant-a'], env);
    expect(exportedJson.code).toBe(0);
    const doc = JSON.parse(exportedJson.stdout) as Record<string, unknown>;
    expect(doc).toMatchObject({ id: 'variant-a', name: 'Variant A', schemaVersion: 6 });

    const yamlFile = join(dir, 'out.yaml');
    expect((await coalition(['export', 'variant-a', '--format', 'yaml', '-o', yamlFile], env)).code).toBe(0);
    expect(parseYaml(readFileSync(yamlFile, 'utf8'))).toEqual(doc);

    const reimported = await coalition(['import', yamlFile, '--id', 'variant-b'], env);
    expect(reimported.code).toBe(0);
    const doc2 = JSON.parse((await coalition(['export', 'variant-b'], env)).stdout) as Record<
      string,
      unknown
    >;
    expect({ ...doc2, id: 'variant-a' }).toEqual(doc);

    const list = await coalition(['list'], env);
    expect(list.stdout).toMatch(/variant-a\s+Variant A\s+2025-03-02\s+3\s+5,000\s+1,800/);
    const listJson = JSON.parse((await coalition(['list', '--json'], env)).stdout) as { id: string }[];
    expect(listJson.map((s) => s.id).sort()).toEqual(['variant-a', 'variant-b']);

    const dup = await coalition(['import', file, '--id', 'variant-a'], env);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toBe(
      'error: scenario variant-a already exists: give --replace to replace it, or --id NEW-ID to ' +
        'import the document as another scenario\n',
    );
    const replaced = await coalition(['import', file, '--id', 'variant-a', '--replace'], env);
    expect(replaced.stdout, replaced.stderr).toContain('imported variant-a');

    const missing = await coalition(['export', 'no-such'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no-such.*not found/);
  });

  it('says when it loads the reference scenarios, and how to import one of them anyway', async () => {
    const env = { COALITION_DATA: join(temp(), 'data'), COALITION_SEED: 'true' };
    const r = await coalition(['import', 'data/scenarios/article-2025-03.yaml'], env);
    expect(r.code).toBe(1);
    const [seeded, error] = r.stderr.split(/(?<=\n)/);
    expect(seeded).toMatch(SEEDED);
    expect(error).toBe(
      'error: scenario article-2025-03 already exists: give --replace to replace it, or --id NEW-ID ' +
        'to import the document as another scenario\n',
    );
    const copy = await coalition(
      ['import', 'data/scenarios/article-2025-03.yaml', '--id', 'article-copy'],
      env,
    );
    expect(copy).toMatchObject({ code: 0, stderr: '' });
    expect(copy.stdout).toContain('imported article-copy');
  });

  it('prints the version of the package', async () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(await coalition(['--version'])).toEqual({ code: 0, stdout: `${pkg.version}\n`, stderr: '' });
  });

  it('refuses a bad --format with a clear message', async () => {
    const r = await coalition(['export', 'x', '--format', 'xml'], { COALITION_DATA: join(temp(), 'd') });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/xml.*(json|choices)/i);
  });
});

describe('coalition users', () => {
  it('adds, lists, disables and resets users; a liaison needs a nation', { timeout: 600_000 }, async () => {
    const env = { COALITION_DATA: join(temp(), 'data') };
    const added = await coalition(['users', 'add', 'alice', '--role', 'liaison', '--nation', 'GBR'], env);
    expect(added.stderr).toBe('');
    expect(added.stdout).toContain('created liaison "alice" (GBR)');
    expect(added.stdout).toMatch(/one-time password: [A-Z2-7]{5}(-[A-Z2-7]{5}){3}\n/);

    const piped = await coalition(
      ['users', 'add', 'bob', '--role', 'planner', '--display-name', 'Bob B', '--password-stdin'],
      env,
      'a password from stdin\n',
    );
    expect(piped.code, piped.stderr).toBe(0);
    expect(piped.stdout).not.toMatch(/password:/);

    const noNation = await coalition(['users', 'add', 'carol', '--role', 'liaison'], env);
    expect(noNation.code).toBe(1);
    expect(noNation.stderr).toMatch(/nation: is required for a liaison officer/);
    const badRole = await coalition(['users', 'add', 'carol', '--role', 'general'], env);
    expect(badRole.code).not.toBe(0);

    expect((await coalition(['users', 'disable', 'alice'], env)).code).toBe(0);
    const reset = await coalition(['users', 'reset-password', 'bob'], env);
    expect(reset.stdout).toMatch(/one-time password for "bob": [A-Z2-7-]{23}/);

    const list = await coalition(['users', 'list'], env);
    expect(list.stdout).toMatch(/alice\s+alice\s+liaison\s+GBR\s+disabled/);
    expect(list.stdout).toMatch(/bob\s+Bob B\s+planner\s+must change password/);
    const json = await coalition(['users', 'list', '--json'], env);
    const users = JSON.parse(json.stdout) as { id: string; role: string }[];
    expect(users.map((u) => u.id).sort()).toEqual(['alice', 'bob']);
    expect(json.stdout).not.toMatch(/scrypt|hash/i);

    const missing = await coalition(['users', 'disable', 'nobody'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nobody.*not found/);
  });
});

describe('coalition export --all / import (backup)', () => {
  it(
    'round-trips every scenario and the users into a fresh data directory, without password hashes',
    { timeout: 600_000 },
    async () => {
      const dir = temp();
      const source = { COALITION_DATA: join(dir, 'a') };
      const target = { COALITION_DATA: join(dir, 'b') };
      const doc = join(dir, 'scenario.json');
      writeFileSync(doc, JSON.stringify(apiScenario()));
      expect((await coalition(['import', doc], source)).code).toBe(0);
      expect((await coalition(['import', doc, '--id', 'variant-b'], source)).code).toBe(0);
      expect(
        (await coalition(['users', 'add', 'alice', '--role', 'liaison', '--nation', 'GBR'], source)).code,
      ).toBe(0);
      expect(
        (await coalition(['users', 'add', 'olga', '--role', 'observer', '--nation', 'FRA'], source)).code,
      ).toBe(0);
      expect((await coalition(['users', 'disable', 'olga'], source)).code).toBe(0);
      // A decision record on api-test: the backup carries it, author and time as recorded.
      expect((await coalition(['branch', 'api-test', '--id', 'api-more'], source)).code).toBe(0);
      const decided = await coalition(
        [
          'decide',
          'api-test',
          '--variants',
          'api-more',
          '--choose',
          'api-more',
          '--rationale',
          'Ready sooner.',
          '--draws',
          '50',
        ],
        source,
      );
      expect(decided.code, decided.stderr).toBe(0);
      const decisions = JSON.parse((await coalition(['decisions', 'api-test', '--json'], source)).stdout) as {
        id: string;
      }[];
      expect(decisions).toHaveLength(1);

      const backupFile = join(dir, 'backup.json');
      const exported = await coalition(['export', '--all', '--include-users', '-o', backupFile], source);
      expect(exported.code, exported.stderr).toBe(0);
      const text = readFileSync(backupFile, 'utf8');
      expect(text).not.toContain('scrypt$');
      const backup = JSON.parse(text) as {
        format: string;
        formatVersion: number;
        scenarios: { id: string }[];
        decisions: { id: string; scenario: string }[];
        users: Record<string, unknown>[];
      };
      expect(backup).toMatchObject({ format: 'coalition-backup', formatVersion: 3 });
      expect(backup.scenarios.map((s) => s.id)).toEqual(['api-more', 'api-test', 'variant-b']);
      expect(backup.decisions.map((d) => [d.id, d.scenario])).toEqual([[decisions[0]!.id, 'api-test']]);
      expect(backup.users).toContainEqual({
        id: 'olga',
        displayName: 'olga',
        role: 'observer',
        nation: 'FRA',
        disabled: true,
        mustChangePassword: true,
      });

      const restored = await coalition(['import', backupFile], target);
      expect(restored.code, restored.stderr).toBe(0);
      expect(restored.stdout).toContain('imported api-test');
      expect(restored.stdout).toMatch(/created liaison "alice" with one-time password: [A-Z2-7-]{23}/);

      const again = JSON.parse(
        (await coalition(['export', '--all', '--include-users'], target)).stdout,
      ) as Record<string, unknown>;
      expect({ ...again, exportedAt: 'x' }).toEqual({ ...backup, exportedAt: 'x' });
      const restoredDecisions = JSON.parse(
        (await coalition(['decisions', 'api-test', '--json'], target)).stdout,
      ) as unknown;
      expect(restoredDecisions).toEqual(decisions);

      const clash = await coalition(['import', backupFile], target);
      expect(clash.code).toBe(1);
      expect(clash.stderr).toMatch(/api-more, api-test, variant-b already exist.*--replace/);
      const replaced = await coalition(['import', backupFile, '--replace'], target);
      expect(replaced.code, replaced.stderr).toBe(0);
      expect(replaced.stdout).toContain('replaced api-test');
      expect(replaced.stdout).toContain('user "alice" exists: kept as it is');

      const noTarget = await coalition(['export'], target);
      expect(noTarget.code).toBe(1);
      expect(noTarget.stderr).toMatch(/--all/);
    },
  );
});
