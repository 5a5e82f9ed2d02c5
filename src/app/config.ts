// Configuration from the environment, read once at start-up. Every variable is listed in the
// README; a bad value stops start-up with a message naming the variable.
import { passwordSchema } from './passwords.ts';

export interface ServerConfig {
  host: string;
  port: number;
  /** PGlite data directory (embedded store), unless databaseUrl is set. */
  dataDir: string;
  databaseUrl: string | undefined;
  /** Largest request body accepted, in bytes; larger bodies get 413. */
  bodyLimit: number;
  logLevel: string;
  /** Import the shipped reference scenarios into an empty store on first start. */
  seed: boolean;
  /** Password of the `admin` user created on first start; unset: a generated one-time password. */
  adminPassword: string | undefined;
  /** How long a sign-in lasts. */
  sessionHours: number;
  /** Worker threads for heavy work; undefined: one fewer than the cores. */
  workers: number | undefined;
}

export class ConfigError extends Error {}

export function readConfig(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  return {
    host: env.HOST ?? '127.0.0.1',
    port: intVar(env, 'PORT', 8080, 0, 65535),
    dataDir: env.COALITION_DATA ?? './.coalition',
    databaseUrl: env.DATABASE_URL || undefined,
    bodyLimit: intVar(env, 'COALITION_BODY_LIMIT', 5 * 1024 * 1024, 1024, 512 * 1024 * 1024),
    logLevel: env.LOG_LEVEL ?? 'info',
    seed: (env.COALITION_SEED ?? 'true') !== 'false',
    adminPassword: adminPassword(env),
    sessionHours: intVar(env, 'COALITION_SESSION_HOURS', 12, 1, 24 * 366),
    workers: env.COALITION_WORKERS ? intVar(env, 'COALITION_WORKERS', 1, 1, 64) : undefined,
  };
}

function adminPassword(env: NodeJS.ProcessEnv): string | undefined {
  const raw = env.COALITION_ADMIN_PASSWORD;
  if (raw === undefined || raw === '') return undefined;
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
