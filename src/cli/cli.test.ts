// The `coalition` command as a user runs it: the real bin script in a child process, on a
// throw-away data directory, checking output and exit codes.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify } from 'yaml';
import { apiScenario } from '../server/api-test-fixtures.ts';

const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/coalition.mjs');
const run = promisify(execFile);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

async function coalition(args: string[], env: Record<string, string> = {}): Promise<Result> {
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: '', COALITION_SEED: 'false', ...env },
    });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const temp = () => mkdtempSync(join(tmpdir(), 'coalition-cli-'));

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
    (doc.offers[0] as Record<string, unknown>).nation = 'ESP';
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
  it('round-trips a scenario through import and export in JSON and YAML', { timeout: 120_000 }, async () => {
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
    expect(doc).toMatchObject({ id: 'variant-a', name: 'Variant A', schemaVersion: 1 });

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
    expect(dup.stderr).toMatch(/variant-a/);

    const missing = await coalition(['export', 'no-such'], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no-such.*not found/);
  });

  it('refuses a bad --format with a clear message', async () => {
    const r = await coalition(['export', 'x', '--format', 'xml'], { COALITION_DATA: join(temp(), 'd') });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(/xml.*(json|choices)/i);
  });
});
