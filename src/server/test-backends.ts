// The backends the API's adversarial suites run on: PGlite always; PostgreSQL when TEST_DATABASE_URL
// (or DATABASE_URL) names one, in schemas of its own dropped afterwards so runs never see each
// other's rows. Under CI=true PostgreSQL is required (a failing test says so); elsewhere its block is
// counted as skipped with the reason. Tests only.
import pg from 'pg';
import { describe, it } from 'vitest';
import { NO_POSTGRES } from '../../test-summary.ts';
import { openTestApp, type TestApp } from './test-app.ts';

type OpenOptions = Omit<NonNullable<Parameters<typeof openTestApp>[0]>, 'databaseUrl' | 'schema'>;

export interface TestBackend {
  name: 'PGlite' | 'PostgreSQL';
  /** A new installation on this backend (on PostgreSQL, in a schema of its own). */
  open(options?: OpenOptions): Promise<TestApp>;
  /** Drops what `open` made outside the process (PostgreSQL schemas). */
  dispose(): Promise<void>;
  /** Why the backend's block is skipped here; its tests are still counted, as skipped. */
  skipReason?: string;
}

const databaseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;

function postgresBackend(url: string, prefix: string): TestBackend {
  const schemas: string[] = [];
  return {
    name: 'PostgreSQL',
    open: (options = {}) => {
      const schema = `${prefix}_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;
      schemas.push(schema);
      return openTestApp({ seed: false, ...options, databaseUrl: url, schema });
    },
    dispose: async () => {
      if (schemas.length === 0) return;
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      try {
        for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/**
 * PGlite and PostgreSQL for the suite called `suite` (named in the CI failure and the skip
 * warning); `prefix` starts the names of its PostgreSQL schemas. `only` keeps one of them (a suite
 * long enough to want a test file per backend, so that they run on workers of their own).
 */
export function testBackends(suite: string, prefix: string, only?: TestBackend['name']): TestBackend[] {
  const backends: TestBackend[] = [];
  if (only !== 'PostgreSQL') {
    backends.push({
      name: 'PGlite',
      open: (options = {}) => openTestApp({ seed: false, ...options }),
      dispose: async () => {},
    });
  }
  if (only === 'PGlite') return backends;
  if (databaseUrl) {
    backends.push(postgresBackend(databaseUrl, prefix));
  } else if (process.env.CI === 'true') {
    describe(`${suite}: PostgreSQL`, () => {
      it('is required on CI', () => {
        throw new Error(
          'CI=true but neither TEST_DATABASE_URL nor DATABASE_URL is set: PostgreSQL must be tested',
        );
      });
    });
  } else {
    console.warn(
      `${suite}: PostgreSQL block skipped — set TEST_DATABASE_URL (e.g. postgres://coalition:coalition@127.0.0.1:5432/coalition_test) to run it`,
    );
    backends.push({
      name: 'PostgreSQL',
      skipReason: NO_POSTGRES,
      open: () => Promise.reject(new Error(NO_POSTGRES)),
      dispose: async () => {},
    });
  }
  return backends;
}
