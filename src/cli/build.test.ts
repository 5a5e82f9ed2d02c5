// The compiled CLI (scripts/build-cli.mjs): the freshness check, on a made-up tree (bin/coalition.mjs
// rebuilds exactly when it says the build is stale), and what the build's entry and the `list`
// command load before they know what they need, read from the compiled files themselves.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { OUT_DIR, cliIsStale } from '../../scripts/build-cli.mjs';
import { ROOT, requireCompiledCli } from './test-cli.ts';

function tree(): { root: string; stamp(startedAt: number): void } {
  const root = mkdtempSync(join(tmpdir(), 'coalition-build-'));
  mkdirSync(join(root, 'src'), { recursive: true });
  mkdirSync(join(root, OUT_DIR), { recursive: true });
  writeFileSync(join(root, 'src/a.ts'), 'export const a = 1;\n');
  writeFileSync(join(root, OUT_DIR, 'main.js'), '');
  const at = new Date('2025-03-02T12:00:00Z');
  utimesSync(join(root, 'src/a.ts'), at, at);
  return {
    root,
    stamp: (startedAt) =>
      writeFileSync(
        join(root, OUT_DIR, 'build-stamp.json'),
        JSON.stringify({ startedAt, inputs: { 'src/a.ts': at.getTime() }, outputs: ['main.js'] }),
      ),
  };
}

describe('cliIsStale', () => {
  it('is fresh when every input is as the build saw it', () => {
    const t = tree();
    t.stamp(Date.parse('2025-03-02T12:00:01Z'));
    expect(cliIsStale(t.root)).toBe(false);
  });

  it('is stale without a stamp, or with one it cannot read', () => {
    const t = tree();
    expect(cliIsStale(t.root)).toBe(true);
    writeFileSync(join(t.root, OUT_DIR, 'build-stamp.json'), '{"startedAt": "yesterday"}');
    expect(cliIsStale(t.root)).toBe(true);
  });

  it('is stale when an input changed, also to an older time, or was deleted', () => {
    const t = tree();
    t.stamp(Date.parse('2025-03-02T12:00:01Z'));
    const earlier = new Date('2024-01-01T00:00:00Z');
    utimesSync(join(t.root, 'src/a.ts'), earlier, earlier);
    expect(cliIsStale(t.root)).toBe(true);
    rmSync(join(t.root, 'src/a.ts'));
    expect(cliIsStale(t.root)).toBe(true);
  });

  it('is stale when an input was edited while the build ran', () => {
    const t = tree();
    // The build started before the file's recorded time: it may have read the older text.
    t.stamp(Date.parse('2025-03-02T11:59:59Z'));
    expect(cliIsStale(t.root)).toBe(true);
  });

  it('is stale when an output is missing', () => {
    const t = tree();
    t.stamp(Date.parse('2025-03-02T12:00:01Z'));
    rmSync(join(t.root, OUT_DIR, 'main.js'));
    expect(cliIsStale(t.root)).toBe(true);
  });
});

/** The modules (by source path) and npm packages a compiled file loads before any dynamic import. */
function staticGraph(file: string): { sources: Set<string>; packages: Set<string> } {
  const dir = join(ROOT, OUT_DIR);
  const sources = new Set<string>();
  const packages = new Set<string>();
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    const text = readFileSync(join(dir, name), 'utf8');
    // esbuild heads each bundled module with a comment naming its source.
    for (const m of text.matchAll(/^\/\/ (src\/\S+)$/gm)) sources.add(m[1]!);
    for (const m of text.matchAll(/^import\s(?:[^;]*?\sfrom\s)?"([^"]+)";/gms)) {
      const spec = m[1]!;
      if (spec.startsWith('./')) visit(spec.slice(2));
      else packages.add(spec);
    }
  };
  visit(file);
  return { sources, packages };
}

describe('the compiled CLI', () => {
  beforeAll(requireCompiledCli);

  it('loads commander and nothing heavy at start: each command comes when it runs', () => {
    const { sources, packages } = staticGraph('main.js');
    expect([...packages].filter((p) => !p.startsWith('node:'))).toEqual(['commander']);
    // The program, how to reach the installation, and how to report an error: small modules only.
    expect([...sources].sort()).toEqual([
      'src/app/config.ts',
      'src/cli/commands/analyse-flags.ts',
      'src/cli/connect.ts',
      'src/cli/errors.ts',
      'src/cli/main.ts',
      'src/cli/os-user.ts',
      'src/cli/program.ts',
      'src/domain/errors.ts',
      'src/storage/data-dir-lock.ts',
    ]);
  });

  it('loads neither the store nor the schemas for `list` before it knows it must open the store', () => {
    const stamp = JSON.parse(readFileSync(join(ROOT, OUT_DIR, 'build-stamp.json'), 'utf8')) as {
      outputs: string[];
    };
    const chunk = stamp.outputs.find(
      (f) =>
        f.endsWith('.js') &&
        /^\/\/ src\/cli\/commands\/list\.ts$/m.test(readFileSync(join(ROOT, OUT_DIR, f), 'utf8')),
    );
    expect(chunk).toBeDefined();
    const { sources, packages } = staticGraph(chunk!);
    expect([...packages].filter((p) => !p.startsWith('node:'))).toEqual([]);
    expect(
      [...sources].filter((s) => /storage\/(?!data-dir-lock)|app\/(?!config)|domain\/records|zod/.test(s)),
    ).toEqual([]);
  });
});
