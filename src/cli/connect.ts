// Which way a command reaches the installation:
//
// 1. `--server URL` or COALITION_URL: always over HTTP, as the user whose session token is in
//    COALITION_TOKEN (their role and nation apply). Without a token, a server that holds the local
//    data directory at that very URL is spoken to as its operator.
// 2. DATABASE_URL (PostgreSQL, which several processes share): the store, opened in this process.
// 3. The embedded store's lock file (src/storage/data-dir-lock.ts): held by a live server, which
//    published its URL and the operator credential there → over HTTP, as the machine's operator;
//    held by another live process without a URL (another command) → "in use"; free → the store,
//    opened in this process, where progress bars can be drawn.
//
// Only the backend chosen is loaded: the in-process one brings PGlite and every service, the HTTP
// one little more than fetch.
import { readStoreConfig, serverUrl, type StoreConfig } from '../app/config.ts';
import { dataDirInUse, readDataDirLock } from '../storage/data-dir-lock.ts';
import type { Backend } from './backend.ts';
import { CliError } from './errors.ts';
import { osUserName } from './os-user.ts';

/** The program's global options. */
export interface GlobalOptions {
  server?: string | undefined;
}

export interface ConnectOptions {
  /**
   * Import the reference scenarios into a store that never had them (default true; a backup
   * restore says which scenarios the installation has instead).
   */
  seed?: boolean;
}

/** Opens a backend; each command is handed one bound to the program's global options. */
export type Connect = (options?: ConnectOptions) => Promise<Backend>;

export function connector(globals: () => GlobalOptions): Connect {
  return (options = {}) => connect(globals(), options);
}

export async function connect(globals: GlobalOptions, options: ConnectOptions = {}): Promise<Backend> {
  const config = readStoreConfig();
  const url = serverUrl(globals.server, '--server') ?? config.serverUrl;
  if (url !== undefined) {
    const operator = config.token === undefined ? localServerToken(config, url) : undefined;
    const token = config.token ?? operator;
    if (token === undefined) {
      throw new CliError(
        `to use the server at ${url}, set COALITION_TOKEN to a session token ` +
          '(the "token" of POST /api/auth/login)',
      );
    }
    const { httpBackend } = await import('./http-backend.ts');
    return httpBackend({ url, token, ...(operator !== undefined && { operator: { osUser: osUserName() } }) });
  }
  if (config.databaseUrl === undefined) {
    const holder = readDataDirLock(config.dataDir);
    if (holder?.server) {
      const { httpBackend } = await import('./http-backend.ts');
      return httpBackend({ ...holder.server, operator: { osUser: osUserName() } });
    }
    if (holder) throw dataDirInUse(config.dataDir, holder);
  }
  const { openLocalBackend } = await import('./local-backend.ts');
  return openLocalBackend(config, { seed: options.seed ?? true });
}

/** Opens a backend, runs `fn` with it and closes it. */
export async function withBackend<T>(
  connectTo: Connect,
  fn: (backend: Backend) => Promise<T>,
  options?: ConnectOptions,
): Promise<T> {
  const backend = await connectTo(options);
  try {
    return await fn(backend);
  } finally {
    await backend.close();
  }
}

/** The operator credential of the server holding the local data directory, if it listens at `url`. */
function localServerToken(config: StoreConfig, url: string): string | undefined {
  if (config.databaseUrl !== undefined) return undefined;
  const server = readDataDirLock(config.dataDir)?.server;
  return server && server.url === url ? server.token : undefined;
}
