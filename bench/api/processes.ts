// Child processes of the benchmark: the API (`coalition serve`) and the reference server, each on a
// port the OS picks. Every child is registered so that an interrupted or failed run still stops
// them all; none outlives the benchmark.
import { spawn, type ChildProcess } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REFERENCE_READY } from './reference-server.ts';

export const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

export interface Child {
  name: string;
  url: string;
  /** Everything the child wrote so far, stdout and stderr interleaved. */
  output(): string;
  stop(): Promise<void>;
}

const running = new Set<Child>();

/** Stops every child still running; safe to call more than once. */
export async function stopAll(): Promise<void> {
  await Promise.all([...running].map((c) => c.stop()));
}

/** Starts `node --import tsx <script> <args>` and waits for the line that names its address. */
async function startNode(
  name: string,
  script: string,
  args: readonly string[],
  env: NodeJS.ProcessEnv,
  ready: RegExp,
  timeoutMs = 120_000,
): Promise<Child> {
  const proc = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    cwd: REPO_ROOT,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<void>((resolve) => proc.once('exit', () => resolve()));
  const child: Child = {
    name,
    url: '',
    output: () => output,
    stop: async () => {
      running.delete(child);
      await stopProcess(proc, exited);
    },
  };
  running.add(child);
  child.url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`${name} did not start within ${timeoutMs / 1000} s:\n${tail(output)}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      output += chunk.toString('utf8');
      const m = ready.exec(output);
      if (m?.[1]) {
        clearTimeout(timer);
        resolve(m[1]);
      }
    };
    proc.stdout!.on('data', onData);
    proc.stderr!.on('data', onData);
    proc.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`${name} exited (${signal ?? `code ${code}`}) before it was ready:\n${tail(output)}`));
    });
  }).catch(async (e: unknown) => {
    await child.stop();
    throw e;
  });
  return child;
}

async function stopProcess(proc: ChildProcess, exited: Promise<void>): Promise<void> {
  if (proc.exitCode !== null || proc.signalCode !== null) return;
  proc.kill('SIGTERM');
  // The server closes its store on SIGTERM; a wedged one is killed rather than waited on.
  const timer = setTimeout(() => proc.kill('SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
}

function tail(text: string, lines = 30): string {
  return text.split('\n').slice(-lines).join('\n');
}

export const ADMIN_PASSWORD = 'load-benchmark-admin-password';

export interface ApiServerOptions {
  name: string;
  /** PGlite data directory, or … */
  dataDir?: string;
  /** … a PostgreSQL database. */
  databaseUrl?: string;
}

/** `coalition serve` in a child process, so the load generator never shares its event loop. */
export function startApiServer(options: ApiServerOptions): Promise<Child> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    // Empty rather than absent: an inherited DATABASE_URL must not turn the embedded run into PostgreSQL.
    DATABASE_URL: options.databaseUrl ?? '',
    ...(options.dataDir !== undefined && { COALITION_DATA: options.dataDir }),
    COALITION_ADMIN_PASSWORD: ADMIN_PASSWORD,
    COALITION_SEED: 'true',
    LOG_LEVEL: 'warn',
  };
  return startNode(
    options.name,
    'src/cli/main.ts',
    ['serve', '--port', '0', '--host', '127.0.0.1'],
    env,
    /Coalition Planner on (http:\/\/[\d.:]+)/,
  );
}

export function startReferenceServer(name: string, bodyBytes: number): Promise<Child> {
  return startNode(
    name,
    'bench/api/reference-server.ts',
    ['--bytes', String(bodyBytes)],
    process.env,
    new RegExp(`${REFERENCE_READY}(http:\\/\\/[\\d.:]+)`),
  );
}

/** Lines the API logged at level error (pino level 50) or above: each is a finding. */
export function loggedErrors(child: Child): string[] {
  return child
    .output()
    .split('\n')
    .filter((line) => /"level":(5|6)\d/.test(line));
}
