// Opening the store: PostgreSQL when a database URL is given, otherwise PGlite in a data directory
// (or in memory). Both get the same migrations and the same type parsing, so callers cannot tell
// them apart except by `store.backend`.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { Kysely, Migrator, PostgresDialect, type Dialect } from 'kysely';
import pg from 'pg';
import { KyselyStore, type Database } from './kysely-store.ts';
import { migrationProvider } from './migrations/index.ts';
import { PGliteDialect, quoteIdent } from './pglite-dialect.ts';

export interface StoreConfig {
  /** postgres://… — use PostgreSQL through a connection pool. */
  databaseUrl?: string;
  /** PGlite data directory, created if absent; undefined or 'memory://' keeps the data in memory. */
  dataDir?: string;
  /** Put every table in this schema (created if absent), e.g. to isolate a test run. */
  schema?: string;
  /**
   * A new embedded store (in memory, or a data directory not yet created) starts from this dump of
   * an empty migrated store (`writeStoreTemplate`) instead of initdb and the migrations; default
   * `COALITION_STORE_TEMPLATE`. The migrations still run after it, so an older dump is brought up
   * to date. Tests set it: it takes about 2 s off each new store.
   */
  template?: string;
}

const DATE_OID = 1082;
const TIMESTAMPTZ_OID = 1184;

/** Calendar dates stay text: a Date would carry a time zone that can shift the day. */
const keepText = (value: string): string => value;
/** Timestamps become ISO 8601 strings, the form records and audit entries carry. */
const isoTimestamp = (value: string): string =>
  (pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text')(value) as Date).toISOString();

export async function openStore(config: StoreConfig = {}): Promise<KyselyStore> {
  const schema = config.schema;
  if (schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(schema)) {
    throw new Error(`schema "${schema}" must be a lower-case SQL identifier`);
  }
  const dialect = config.databaseUrl
    ? postgresDialect(config.databaseUrl, schema)
    : await pgliteDialect(config, schema);
  const db = new Kysely<Database>({ dialect });
  try {
    await migrate(db, schema);
  } catch (e) {
    await db.destroy();
    throw e;
  }
  return new KyselyStore(config.databaseUrl ? 'postgres' : 'pglite', db);
}

/**
 * `CREATE SCHEMA IF NOT EXISTS` is not safe against a concurrent twin: the loser fails on the
 * catalogue's unique index. Losing that race means the schema is there, which is all we wanted.
 */
async function createSchemaOnce(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await db.schema.createSchema(schema).ifNotExists().execute();
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code !== '23505' && code !== '42P06') throw e;
  }
}

/** Brings the schema up to date; safe to run from several processes at once (Kysely takes a lock). */
export async function migrate(db: Kysely<Database>, schema?: string): Promise<void> {
  if (schema !== undefined) await createSchemaOnce(db, schema);
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(schema !== undefined ? { migrationTableSchema: schema } : {}),
  });
  const { error, results } = await migrator.migrateToLatest();
  if (error !== undefined) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName;
    throw new Error(`database migration ${failed ?? ''} failed: ${String(error)}`, { cause: error });
  }
}

function postgresDialect(connectionString: string, schema: string | undefined): Dialect {
  // Per-pool parsers and search_path: nothing global in `pg` is changed, so other pools in the
  // process (a test's own admin client) keep their defaults.
  const pool = new pg.Pool({
    connectionString,
    connectionTimeoutMillis: 10_000,
    ...(schema !== undefined ? { options: `-c search_path=${schema}` } : {}),
    types: {
      getTypeParser: ((oid: number, format?: 'text' | 'binary') => {
        if (format !== 'binary' && oid === DATE_OID) return keepText;
        if (format !== 'binary' && oid === TIMESTAMPTZ_OID) return isoTimestamp;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle client whose server connection drops is replaced at the next checkout; without a
  // listener the pool's 'error' event would take the whole process down.
  pool.on('error', () => {});
  return new PostgresDialect({ pool });
}

/**
 * Writes to `file` a dump of an empty store brought up to date by the migrations: what new embedded
 * stores start from when `template` (or COALITION_STORE_TEMPLATE) names it.
 */
export async function writeStoreTemplate(file: string): Promise<void> {
  const pglite = await PGlite.create();
  const db = new Kysely<Database>({ dialect: new PGliteDialect({ pglite }) });
  try {
    await migrate(db);
    const dump = await pglite.dumpDataDir('gzip');
    writeFileSync(file, new Uint8Array(await dump.arrayBuffer()));
  } finally {
    await db.destroy();
  }
}

/** The dump a new store starts from, read once per process and file. */
const templates = new Map<string, Blob>();
function templateBlob(file: string): Blob {
  let blob = templates.get(file);
  if (blob === undefined) {
    blob = new Blob([readFileSync(file)]);
    templates.set(file, blob);
  }
  return blob;
}

async function pgliteDialect(config: StoreConfig, schema: string | undefined): Promise<Dialect> {
  const dir = config.dataDir === 'memory://' ? undefined : config.dataDir;
  // Only a store that does not exist yet may start from the template: PGlite would refuse to load
  // a dump over a data directory that has one.
  const fresh = dir === undefined || !existsSync(join(dir, 'PG_VERSION'));
  if (dir !== undefined) mkdirSync(dir, { recursive: true });
  const template = config.template ?? (process.env.COALITION_STORE_TEMPLATE || undefined);
  const pglite = await PGlite.create(dir, {
    parsers: { [DATE_OID]: keepText, [TIMESTAMPTZ_OID]: isoTimestamp },
    ...(fresh && template !== undefined && { loadDataDir: templateBlob(template) }),
  });
  return new PGliteDialect({
    pglite,
    // One session for the life of the store, so setting the path once covers every query.
    onInit: async (db) => {
      if (schema === undefined) return;
      await db.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(schema)}`);
      await db.query(`SET search_path TO ${quoteIdent(schema)}`);
    },
  });
}
