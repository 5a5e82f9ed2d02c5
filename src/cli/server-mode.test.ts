// The compiled `coalition` command beside a running server: `coalition serve` holds a data
// directory, and commands run on the same directory go through its API as the machine's operator,
// printing what they print on a store of their own; with --server and COALITION_TOKEN they act as
// that signed-in user. The lock file's credential is the owner's alone and leaves with the server.
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiScenario } from '../domain/api-test-fixtures.ts';
import { coalition, requireCompiledCli, startServer, tempDir, type ServerProcess } from './test-cli.ts';

const ADMIN_PASSWORD = 'an admin password for the tests';
const LIAISON_PASSWORD = 'a liaison password for the tests';

/** The test scenario with the British offer marked REL TO GBR: a French liaison may not see it. */
function markedScenario(): Record<string, unknown> {
  const doc = apiScenario();
  doc.offers[0] = { ...(doc.offers[0] as object), releasability: { level: 'REL_TO', nations: ['GBR'] } };
  return doc;
}

let dir: string;
let data: string;
let server: ServerProcess;

beforeAll(async () => {
  requireCompiledCli();
  dir = tempDir();
  data = join(dir, 'data');
  server = await startServer({ COALITION_DATA: data, COALITION_ADMIN_PASSWORD: ADMIN_PASSWORD });
});

afterAll(async () => {
  await server?.stop();
});

/** A command on the server's data directory, as the machine's operator. */
const operator = (args: string[], stdin?: string) => coalition(args, { COALITION_DATA: data }, stdin);

async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: { authorization: `Bearer ${token}`, ...init.headers },
  });
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

async function login(username: string, password: string): Promise<string> {
  const res = await fetch(`${server.url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (res.status !== 200) throw new Error(`sign-in as ${username}: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { token: string }).token;
}

describe('coalition beside a running server', () => {
  it('publishes the URL and the operator credential in a lock file only its owner can read', () => {
    const file = `${data}.lock`;
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const lock = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
    expect(lock).toEqual({ pid: server.pid, url: server.url, token: expect.stringMatching(/^[\w-]{43}$/) });
  });

  it('goes through the API as the operator, named after the OS user in the audit log', async () => {
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(markedScenario()));
    const imported = await operator(['import', file]);
    expect(imported).toMatchObject({ code: 0, stderr: '' });
    expect(imported.stdout).toContain('imported api-test "API test coalition": 3 nations, 2 offers');

    const list = await operator(['list']);
    expect(list.stdout).toMatch(/api-test\s+API test coalition\s+2025-03-02\s+3\s+5,000\s+1,800/);

    const dup = await operator(['import', file]);
    expect(dup).toMatchObject({ code: 1, stdout: '' });
    expect(dup.stderr).toBe(
      'error: scenario api-test already exists: give --replace to replace it, or --id NEW-ID to ' +
        'import the document as another scenario\n',
    );
    const replaced = await operator(['import', file, '--replace', '--name', 'Replaced']);
    expect(replaced.stdout, replaced.stderr).toContain('imported api-test "Replaced"');

    const added = await operator(
      ['users', 'add', 'fra-lno', '--role', 'liaison', '--nation', 'FRA', '--password-stdin'],
      `${LIAISON_PASSWORD}\n`,
    );
    expect(added).toMatchObject({ code: 0, stdout: 'created liaison "fra-lno" (FRA)\n' });
    const noNation = await operator(['users', 'add', 'carol', '--role', 'liaison']);
    expect(noNation.code).toBe(1);
    expect(noNation.stderr).toMatch(/nation: is required for a liaison officer/);
    const users = await operator(['users', 'list']);
    expect(users.stdout).toMatch(/fra-lno\s+fra-lno\s+liaison\s+FRA\s+active/);

    const admin = await login('admin', ADMIN_PASSWORD);
    const me = `cli:${userInfo().username}`;
    const audit = await api<{ items: { actor: string; entity: string; action: string }[] }>(
      `/api/audit?actor=${encodeURIComponent(me)}`,
      admin,
    );
    expect(audit.items.map((e) => `${e.entity} ${e.action}`)).toEqual(
      expect.arrayContaining(['scenario import', 'scenario delete-scenario', 'users create']),
    );
  });

  it("prints the API's own answers", async () => {
    const admin = await login('admin', ADMIN_PASSWORD);
    const analysis = await operator(['analyse', 'api-test', '--json', '--draws', '500']);
    expect(analysis).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(analysis.stdout)).toEqual(
      await api('/api/scenarios/api-test/analysis?draws=500', admin),
    );
    const exported = await operator(['export', 'api-test']);
    expect(JSON.parse(exported.stdout)).toEqual(await api('/api/scenarios/api-test/export', admin));

    const csv = await operator(['export', 'api-test', '--csv', 'offers']);
    expect(csv.stdout.split('\r\n').map((r) => r.split(',')[0])).toEqual([
      'id',
      'OFF-GBR-1',
      'OFF-FRA-1',
      '',
    ]);
    const search = await operator(['search', 'api-test', 'kyiv', '--kind', 'offers', '--json']);
    expect(JSON.parse(search.stdout)).toMatchObject({ items: [{ key: 'OFF-FRA-1' }], truncated: false });
    const bad = await operator(['analyse', 'api-test', '--only', 'fill', '--exclude', 'XX']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^--exclude\[0\]: must be an ISO 3166-1 alpha-3 code/);
    const missing = await operator(['export', 'no-such']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no-such.*not found/);
  });

  it('prints the same on the server as on a store of its own', async () => {
    const own = { COALITION_DATA: join(tempDir(), 'data') };
    const file = join(dir, 'scenario.json');
    writeFileSync(file, JSON.stringify(markedScenario()));
    expect((await coalition(['import', file, '--name', 'Replaced'], own)).code).toBe(0);
    for (const args of [
      ['list'],
      ['analyse', 'api-test', '--only', 'fill'],
      ['analyse', 'api-test', '--only', 'sustain', '--json'],
      ['search', 'api-test', 'test', '--limit', '2'],
      ['export', 'api-test', '--format', 'yaml'],
      ['export', 'no-such'],
    ]) {
      const [there, here] = [await operator(args), await coalition(args, own)];
      expect({ args, ...there }).toEqual({ args, ...here });
    }
  });

  it('acts as the user of COALITION_TOKEN with --server: a record withheld from them is not there', async () => {
    const token = await login('fra-lno', LIAISON_PASSWORD);
    const env = { COALITION_DATA: data, COALITION_TOKEN: token };
    const asLiaison = (args: string[]) => coalition(['--server', server.url, ...args], env);

    const exported = await asLiaison(['export', 'api-test']);
    expect(exported.code, exported.stderr).toBe(0);
    const offers = (JSON.parse(exported.stdout) as { offers: { id: string }[] }).offers;
    expect(offers.map((o) => o.id)).toEqual(['OFF-FRA-1']);
    const search = await asLiaison(['search', 'api-test', 'OFF-GBR']);
    expect(search.stdout).toBe('no records of api-test match "OFF-GBR"\n');
    const list = await coalition(['list', '--json'], { ...env, COALITION_URL: server.url });
    expect(JSON.parse(list.stdout)).toMatchObject([{ id: 'api-test', personnelOffered: 600, partial: true }]);
    const analysis = await asLiaison(['analyse', 'api-test', '--only', 'fill']);
    // Marked partial, without saying how many records (or of what kind) were withheld.
    expect(analysis.stdout).toMatch(/^PARTIAL: the figures cover only the records releasable to you$/m);
    expect(analysis.stdout).not.toMatch(/withheld|1 offers/);

    const users = await asLiaison(['users', 'list']);
    expect(users.code).toBe(1);
    expect(users.stderr).toMatch(/^error: .+\n$/);
    const stale = await coalition(['--server', server.url, 'list'], {
      ...env,
      COALITION_TOKEN: 'x'.repeat(43),
    });
    expect(stale.code).toBe(1);
    expect(stale.stderr).toContain('COALITION_TOKEN must be a current session token');
    const none = await coalition(['--server', 'http://127.0.0.1:9/', 'list'], { COALITION_DATA: data });
    expect(none.code).toBe(1);
    expect(none.stderr).toContain('set COALITION_TOKEN');
  });

  it('leaves no credential behind when it stops, and the store opens here again', async () => {
    await server.stop();
    expect(existsSync(`${data}.lock`)).toBe(false);
    const list = await operator(['list']);
    expect(list.stdout).toMatch(/api-test\s+Replaced/);
  });

  it('refuses a store held by another command', async () => {
    // This test's own process: alive, and without a URL it is not a server.
    writeFileSync(`${data}.lock`, JSON.stringify({ pid: process.pid }));
    const r = await operator(['list']);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`is in use by process ${process.pid}`);
  });
});
