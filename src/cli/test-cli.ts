// Running the `coalition` command in tests as a user runs it: the real bin script, running the
// compiled CLI that the global setup built (src/cli/test-global-setup.ts), in a child process.
// Tests only.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { inject } from 'vitest';

export const ROOT = resolve(import.meta.dirname, '../..');
const BIN = join(ROOT, 'bin/coalition.mjs');
const run = promisify(execFile);

/** What a command says on standard error when it loads the reference scenarios into a new store. */
export const SEEDED =
  /^First use of .+: loaded the reference scenarios article-2025-03, reported-2026-01 \(COALITION_SEED=false starts with an empty store instead\)\n$/;

export interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

/** Throws when the global setup could not build the CLI (call it in a beforeAll). */
export function requireCompiledCli(): void {
  const error = inject('cliBuildError');
  if (error) throw new Error(`the compiled CLI could not be built:\n${error}`);
}

/**
 * The environment of a command: none of the developer's own settings leak in, and the build the
 * global setup made is used as it is (a source edited during the run must not rebuild it midway).
 */
function cliEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: '',
    COALITION_URL: '',
    COALITION_TOKEN: '',
    COALITION_SEED: 'false',
    COALITION_PREBUILT: '1',
    ...env,
  };
}

export async function coalition(
  args: string[],
  env: Record<string, string> = {},
  stdin?: string,
): Promise<Result> {
  try {
    // A plan as JSON runs past execFile's default 1 MiB of output, which would cut it short.
    const pending = run(process.execPath, [BIN, ...args], {
      cwd: ROOT,
      env: cliEnv(env),
      maxBuffer: 64 * 1024 * 1024,
    });
    pending.child.stdin?.end(stdin ?? '');
    const { stdout, stderr } = await pending;
    return { code: 0, stdout, stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'coalition-cli-'));

export interface ServerProcess {
  url: string;
  pid: number;
  /** Everything it printed so far. */
  output(): string;
  /** SIGTERM, and waits for it to exit. */
  stop(): Promise<void>;
}

/** `coalition serve --port 0` in a child process; resolves once it listens. */
export async function startServer(env: Record<string, string>): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, [BIN, 'serve', '--port', '0'], {
    cwd: ROOT,
    env: cliEnv({ LOG_LEVEL: 'warn', COALITION_WORKERS: '1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((done) => child.once('exit', () => done()));
  const url = await new Promise<string>((done, fail) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = /Coalition Planner on (http:\/\/\S+)/.exec(output);
      if (m) done(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code, signal) => fail(new Error(`serve exited (${signal ?? code}):\n${output}`)));
  });
  return {
    url,
    pid: child.pid!,
    output: () => output,
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
