// Configuration from the environment, read once at start-up. Every variable is listed in the
// README; a bad value stops start-up with a message naming the variable.
//
// Kept light: every CLI command reads the store's configuration before it knows whether it will
// open the store or talk to a server, so this module loads nothing heavy. The server's extra
// settings (readConfig) load the password policy, and zod with it, only when asked for.

/** Where the store is, and where a server is when the CLI is told to use one. */
export interface StoreConfig {
  /** PGlite data directory (embedded store), unless databaseUrl is set. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Import the shipped reference scenarios into an empty store on first start. */
  seed: boolean;
  /** COALITION_URL: a server the CLI talks to instead of opening the store. */
  serverUrl: string | undefined;
  /** COALITION_TOKEN: the session token the CLI sends to that server. */
  token: string | undefined;
}

export interface ServerConfig extends StoreConfig {
  host: string;
  port: number;
  /** Largest request body accepted, in bytes; larger bodies get 413. */
  bodyLimit: number;
  logLevel: string;
  /** Password of the `admin` user created on first start; unset: a generated one-time password. */
  adminPassword: string | undefined;
  /** How long a sign-in lasts. */
  sessionHours: number;
  /** Worker threads for heavy work; undefined: one fewer than the cores. */
  workers: number | undefined;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export function readStoreConfig(env: NodeJS.ProcessEnv = process.env): StoreConfig {
  return {
    dataDir: env.COALITION_DATA || './.coalition',
    databaseUrl: env.DATABASE_URL || undefined,
    seed: (env.COALITION_SEED ?? 'true') !== 'false',
    serverUrl: serverUrl(env.COALITION_URL, 'COALITION_URL'),
    token: env.COALITION_TOKEN || undefined,
  };
}

/** Everything `coalition serve` needs. */
export async function readConfig(env: NodeJS.ProcessEnv = process.env): Promise<ServerConfig> {
  return {
    ...readStoreConfig(env),
    host: env.HOST ?? '127.0.0.1',
    port: intVar(env, 'PORT', 8080, 0, 65535),
    bodyLimit: intVar(env, 'COALITION_BODY_LIMIT', 5 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
    adminPassword: await adminPassword(env),
    sessionHours: intVar(env, 'COALITION_SESSION_HOURS', 12, 1, 24 * 366),
    workers: env.COALITION_WORKERS ? intVar(env, 'COALITION_WORKERS', 1, 1, 64) : undefined,
  };
}

/** An http(s) URL without a trailing slash; `name` is the variable or flag it came from. */
export function serverUrl(raw: string | undefined, name: string): string | undefined {
  if (raw === undefined || raw === '') return undefined;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`${name} must be a URL such as http://127.0.0.1:8080, got "${raw}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new ConfigError(`${name} must be an http:// or https:// URL, got "${raw}"`);
  }
  return raw.replace(/\/+$/, '');
}

async function adminPassword(env: NodeJS.ProcessEnv): Promise<string | undefined> {
  const raw = env.COALITION_ADMIN_PASSWORD;
  if (raw === undefined || raw === '') return undefined;
  const { passwordSchema } = await import('./passwords.ts');
  const policy = passwordSchema.safeParse(raw);
  if (!policy.success) {
    throw new ConfigError(`COALITION_ADMIN_PASSWORD ${policy.error.issues[0]?.message ?? 'is not allowed'}`);
  }
  return raw;
}

function intVar(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, got "${raw}"`);
  }
  return n;
}
