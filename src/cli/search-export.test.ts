// `coalition search` and `export --csv`: a scenario imported from the terminal is found by text, as a
// table within 100 columns and as JSON, and one kind of its records is written as CSV to standard
// output or a file; every refusal names the flag. The commands run in process (the real program,
// printers and error report) over an in-memory store without the reference scenarios.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openInstallation, type Installation } from '../app/installation.ts';
import { apiScenario } from '../domain/api-test-fixtures.ts';
import type { Connect } from './connect.ts';
import type { Result } from './test-cli.ts';
import { tempDir } from './test-cli.ts';
import { connectTo, runCommand } from './test-in-process.ts';

let inst: Installation;
let connect: Connect;

/** Runs `coalition ARGS…` in process. */
const run = (...args: string[]): Promise<Result> => runCommand(args, connect);

beforeAll(async () => {
  inst = await openInstallation({ dataDir: 'memory://', seed: false, referenceSolver: null });
  connect = connectTo(inst);
});
afterAll(async () => {
  await inst?.close();
});

describe('coalition search / export --csv', () => {
  it('finds records by text and writes one kind as CSV', async () => {
    const dir = tempDir();
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(apiScenario()));
    const imported = await run('import', file);
    expect(imported.code, imported.stderr).toBe(0);

    const table = await run('search', 'api-test', 'KYIV');
    expect(table.stderr).toBe('');
    expect(table.code).toBe(0);
    const lines = table.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^KIND\s+KEY\s+LABEL\s+MATCH$/);
    // Long labels wrap onto a second line of their column, so the table fits 100 columns.
    expect(lines[2]).toMatch(/^requirements\s+REQ-1\s+6 × MECH-INF-BN, Kyiv\s+sector: Kyiv$/);
    expect(lines[3]).toMatch(/^\s+\(deterrence\)$/);
    expect(lines[4]).toMatch(/^offers\s+OFF-FRA-1\s+FRA offers 1 ×\s+caveats\.excludedSectors: Kyiv$/);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);

    const json = await run('search', 'api-test', 'kyiv', '--kind', 'offers,pledges', '--json');
    expect(JSON.parse(json.stdout)).toEqual({
      items: [
        {
          kind: 'offers',
          key: 'OFF-FRA-1',
          label: 'FRA offers 1 × MECH-INF-BN (offered)',
          field: 'caveats.excludedSectors',
          snippet: 'Kyiv',
        },
      ],
      truncated: false,
    });
    const limited = await run('search', 'api-test', 'test', '--limit', '1');
    expect(limited.stdout).toMatch(/more records match: showing the first 1/);
    const none = await run('search', 'api-test', 'nothing like this');
    expect(none).toMatchObject({ code: 0, stdout: 'no records of api-test match "nothing like this"\n' });
    const badKind = await run('search', 'api-test', 'x', '--kind', 'secrets');
    expect(badKind.code).toBe(1);
    expect(badKind.stderr).toMatch(/--kind: "secrets" is not a record kind/);
    const longText = await run('search', 'api-test', 'x'.repeat(201));
    expect(longText.code).toBe(1);
    expect(longText.stderr).toContain('q: must be at most 200 characters');

    const csv = await run('export', 'api-test', '--csv', 'offers');
    expect(csv.code, csv.stderr).toBe(0);
    const rows = csv.stdout.split('\r\n');
    expect(rows[0]).toMatch(/^id,nation,capability,quantity,personnel,tonnes,readiness\.level,/);
    expect(rows.slice(1, 3).map((r) => r.split(',')[0])).toEqual(['OFF-GBR-1', 'OFF-FRA-1']);
    expect(rows[3]).toBe('');

    const out = join(dir, 'policies.csv');
    const written = await run('export', 'api-test', '--csv', 'rotation-policies', '-o', out);
    expect(written.code, written.stderr).toBe(0);
    expect(readFileSync(out, 'utf8')).toMatch(/^nation,tourMonths,dwellRatio,.*\r\nGBR,6,4,/);

    const mixed = await run('export', 'api-test', '--csv', 'offers', '--format', 'yaml');
    expect(mixed.code).toBe(1);
    expect(mixed.stderr).toMatch(/--csv exports one kind/);
    const unknown = await run('export', 'api-test', '--csv', 'troops');
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/--csv: "troops" is not a record kind; use one of nations,/);
  });
});
