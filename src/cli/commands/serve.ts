// `coalition serve`: the HTTP API and the web UI over the installation. On the embedded store the
// server also publishes its URL and an operator credential in the data directory's lock file
// (src/storage/data-dir-lock.ts), so that CLI commands run meanwhile on this machine talk to it
// (src/cli/connect.ts) instead of being refused; the credential is withdrawn when it stops.
import { buildApp } from '../../server/app.ts';
import { readConfig } from '../../app/config.ts';
import {
  ensureFirstAdministrator,
  openInstallation,
  seedReferenceScenarios,
} from '../../app/installation.ts';
import { publishServer, withdrawServer } from '../../storage/data-dir-lock.ts';
import { seedNotice } from '../local-backend.ts';

export interface ServeOptions {
  port?: string;
  host?: string;
}

export async function serve(opts: ServeOptions): Promise<void> {
  const config = await readConfig({
    ...process.env,
    ...(opts.port !== undefined && { PORT: opts.port }),
    ...(opts.host !== undefined && { HOST: opts.host }),
  });
  const inst = await openInstallation({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    // Seeded below, so that the first start says so.
    seed: false,
    sessionHours: config.sessionHours,
    // A server: heavy work on worker threads, never on the thread that answers requests.
    runner: { mode: 'pool', ...(config.workers !== undefined && { threads: config.workers }) },
  });
  const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded store in ${config.dataDir}`;
  try {
    if (config.seed) {
      const loaded = await seedReferenceScenarios(inst.service);
      if (loaded.length > 0)
        console.log(seedNotice(loaded, config.databaseUrl ? 'the database' : config.dataDir));
    }
    await ensureFirstAdministrator(inst.users, config.adminPassword);
  } catch (e) {
    await inst.close();
    throw e;
  }
  const app = await buildApp({ installation: inst, bodyLimit: config.bodyLimit, logLevel: config.logLevel });

  // Only the embedded store has a lock file; on PostgreSQL the CLI opens the database itself.
  const embedded = config.databaseUrl === undefined;
  let published = false;
  const withdraw = () => {
    if (!published) return;
    published = false;
    inst.auth.revokeOperatorToken();
    try {
      withdrawServer(config.dataDir);
    } catch {
      // the lock is already gone (released, or removed by hand)
    }
  };
  const shutdown = async (signal: string) => {
    app.log.info({ signal }, 'shutting down');
    withdraw();
    await app.close();
    await inst.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void shutdown('SIGINT'));
  process.once('SIGTERM', () => void shutdown('SIGTERM'));
  // However else the process ends, the credential does not stay in the file.
  process.once('exit', withdraw);

  const address = await app.listen({ host: config.host, port: config.port });
  if (embedded) {
    const port = (app.server.address() as { port: number }).port;
    publishServer(config.dataDir, {
      url: localUrl(config.host, port),
      token: inst.auth.issueOperatorToken(),
    });
    published = true;
  }
  console.log(`Coalition Planner on ${address}  (API ${address}/api, OpenAPI ${address}/docs; ${where})`);
}

/** Where a client on this machine reaches a server listening on `host`. */
export function localUrl(host: string, port: number): string {
  if (host === '0.0.0.0' || host === '') return `http://127.0.0.1:${port}`;
  if (host === '::') return `http://[::1]:${port}`;
  return `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
}
