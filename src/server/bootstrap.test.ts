// Several API processes on one PostgreSQL database may be started at the same moment (a service
// manager starting N replicas): each runs the migrations, the seeding and the first-administrator
// step. They must all come up, and the database must hold each thing once.
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { NO_POSTGRES, skippedFor } from '../../test-summary.ts';
import { SYSTEM_PRINCIPAL } from '../domain/access.ts';
import { ensureFirstAdministrator, openInstallation } from '../app/installation.ts';
import { referenceScenarioFiles } from '../app/reference-data.ts';

const databaseUrl = process.env.TEST_DATABASE_URL ?? process.env.DATABASE_URL;
const schema = `boot_${Date.now().toString(36)}_${Math.random().toString(36).slice(2, 8)}`;

if (!databaseUrl && process.env.CI !== 'true') {
  console.warn('bootstrap: concurrent start on PostgreSQL skipped — set TEST_DATABASE_URL to run it');
}

describe(
  'first start of several processes on PostgreSQL',
  skippedFor(databaseUrl || process.env.CI === 'true' ? undefined : NO_POSTGRES),
  () => {
    afterAll(async () => {
      if (!databaseUrl) return;
      const client = new pg.Client({ connectionString: databaseUrl });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await client.end();
    });

    it('brings four installations up together with one copy of each scenario and one administrator', async () => {
      if (!databaseUrl) throw new Error('CI=true but neither TEST_DATABASE_URL nor DATABASE_URL is set');
      const printed: string[] = [];
      const installations = await Promise.all(
        Array.from({ length: 4 }, () =>
          openInstallation({ databaseUrl, dataDir: 'memory://', schema, seed: true }),
        ),
      );
      try {
        const created = await Promise.all(
          installations.map((i) =>
            ensureFirstAdministrator(i.users, 'an operator chosen password', (l) => printed.push(l)),
          ),
        );
        expect(created.filter(Boolean)).toHaveLength(1);
        expect(printed).toHaveLength(1);
        expect(await installations[0]!.store.countUsers()).toBe(1);
        const scenarios = await installations[1]!.service.listScenarios(SYSTEM_PRINCIPAL);
        expect(scenarios.map((s) => s.id).sort()).toHaveLength(referenceScenarioFiles().length);
        const audit = await installations[2]!.store.audit({ entity: 'scenario', limit: 100 });
        expect(audit.filter((e) => e.action === 'import')).toHaveLength(referenceScenarioFiles().length);
      } finally {
        await Promise.all(installations.map((i) => i.close()));
      }
    }, 120_000);
  },
);
