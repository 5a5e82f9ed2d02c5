#!/usr/bin/env node
// `coalition`: the command-line front end over the same services as the HTTP API.
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { Command, Option } from 'commander';
import { stringify } from 'yaml';
import { DomainError } from '../domain/errors.ts';
import { decodeDocumentText } from '../domain/scenario-document.ts';
import { buildApp } from '../server/app.ts';
import { openInstallation, type Installation } from '../server/bootstrap.ts';
import { ConfigError, readConfig } from '../server/config.ts';
import { loadExchangeRates } from '../server/reference-data.ts';
import { validateScenarioDocument } from '../server/services.ts';
import { renderTable } from './table.ts';

/** Raised for a failure already explained to the user; only the exit code is left to set. */
class CliFailure extends Error {}

const program = new Command()
  .name('coalition')
  .description('Coalition Planner: plan and track a coalition of the willing')
  .showHelpAfterError();

function cliActor() {
  let name = 'cli';
  try {
    name = `cli:${userInfo().username}`;
  } catch {
    // no user database entry (some containers): keep "cli"
  }
  return { id: name };
}

async function withInstallation<T>(fn: (inst: Installation) => Promise<T>): Promise<T> {
  const config = readConfig();
  const inst = await openInstallation({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    seed: config.seed,
  });
  try {
    return await fn(inst);
  } finally {
    await inst.close();
  }
}

function readDocument(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new DomainError(
      'not_found',
      `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const format = /\.json$/i.test(file) ? 'json' : /\.ya?ml$/i.test(file) ? 'yaml' : undefined;
  const decoded = decodeDocumentText(text, format);
  if (!decoded.ok) throw new DomainError('invalid', `${file}: not a document`, decoded.issues);
  return decoded.value;
}

function printIssues(file: string, err: DomainError): void {
  if (err.issues.length === 0) console.error(`${file}: ${err.message}`);
  for (const i of err.issues) console.error(`${file}: ${i.path || '(document)'}: ${i.message}`);
}

program
  .command('validate')
  .description('Check scenario documents (JSON or YAML): schema, cross-references, exchange rates')
  .argument('<files...>', 'scenario documents')
  .action((files: string[]) => {
    const rates = loadExchangeRates();
    let failed = 0;
    for (const file of files) {
      try {
        const doc = validateScenarioDocument(readDocument(file), rates);
        console.log(
          `ok  ${file}: ${doc.id} "${doc.name}" — ${doc.nations.length} nations, ${doc.requirements.length} requirement lines, ` +
            `${doc.offers.length} offers, ${doc.pledges.length} pledges`,
        );
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        failed++;
        printIssues(file, e);
      }
    }
    if (failed > 0) {
      console.error(`${failed} of ${files.length} documents invalid`);
      throw new CliFailure();
    }
  });

program
  .command('import')
  .description('Import a scenario document into the store')
  .argument('<file>', 'scenario document (JSON or YAML)')
  .option('--name <name>', "display name instead of the document's")
  .option('--id <id>', "scenario id instead of the document's (lower-case, digits, hyphens)")
  .action(async (file: string, opts: { name?: string; id?: string }) => {
    const value = readDocument(file);
    await withInstallation(async ({ service }) => {
      try {
        const s = await service.importDocument(value, cliActor(), opts);
        console.log(`imported ${s.id} "${s.name}": ${s.counts.nations} nations, ${s.counts.offers} offers`);
      } catch (e) {
        if (e instanceof DomainError && e.issues.length > 0) {
          printIssues(file, e);
          throw new CliFailure();
        }
        throw e;
      }
    });
  });

program
  .command('export')
  .description('Export a scenario as a document that re-imports to the same content')
  .argument('<scenario>', 'scenario id')
  .addOption(new Option('--format <format>', 'output format').choices(['json', 'yaml']).default('json'))
  .option('-o, --output <file>', 'write to a file instead of standard output')
  .action(async (scenario: string, opts: { format: 'json' | 'yaml'; output?: string }) => {
    const doc = await withInstallation(({ service }) => service.exportDocument(scenario));
    const text = opts.format === 'yaml' ? stringify(doc) : `${JSON.stringify(doc, null, 2)}\n`;
    if (opts.output) writeFileSync(opts.output, text);
    else process.stdout.write(text);
  });

program
  .command('list')
  .description('List the scenarios in the store')
  .option('--json', 'print JSON')
  .action(async (opts: { json?: boolean }) => {
    const items = await withInstallation(({ service }) => service.listScenarios());
    if (opts.json) {
      console.log(JSON.stringify(items, null, 2));
      return;
    }
    console.log(
      renderTable(items, [
        { header: 'ID', value: (s) => s.id },
        { header: 'NAME', value: (s) => s.name },
        { header: 'AS OF', value: (s) => s.asOf },
        { header: 'NATIONS', value: (s) => s.counts.nations },
        { header: 'TARGET', value: (s) => s.mission.forceTarget.personnel },
        { header: 'OFFERED', value: (s) => s.personnelOffered },
      ]),
    );
  });

program
  .command('serve')
  .description('Run the HTTP API and the web UI')
  .option('--port <port>', 'port to listen on (default: $PORT or 8080)')
  .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
  .action(async (opts: { port?: string; host?: string }) => {
    const config = readConfig({
      ...process.env,
      ...(opts.port !== undefined && { PORT: opts.port }),
      ...(opts.host !== undefined && { HOST: opts.host }),
    });
    const inst = await openInstallation({
      databaseUrl: config.databaseUrl,
      dataDir: config.dataDir,
      seed: config.seed,
    });
    const app = await buildApp({
      service: inst.service,
      bodyLimit: config.bodyLimit,
      logLevel: config.logLevel,
    });
    const shutdown = async (signal: string) => {
      app.log.info({ signal }, 'shutting down');
      await app.close();
      await inst.close();
      process.exit(0);
    };
    process.once('SIGINT', () => void shutdown('SIGINT'));
    process.once('SIGTERM', () => void shutdown('SIGTERM'));
    const address = await app.listen({ host: config.host, port: config.port });
    const where = config.databaseUrl ? 'PostgreSQL (DATABASE_URL)' : `embedded store in ${config.dataDir}`;
    console.log(`Coalition Planner on ${address}  (API ${address}/api, OpenAPI ${address}/docs; ${where})`);
  });

export async function main(argv: string[]): Promise<number> {
  try {
    await program.parseAsync(argv);
    return 0;
  } catch (e) {
    if (e instanceof CliFailure) return 1;
    if (e instanceof DomainError) {
      if (e.issues.length > 0)
        for (const i of e.issues) console.error(`${i.path || '(input)'}: ${i.message}`);
      else console.error(`error: ${e.message}`);
      return 1;
    }
    if (e instanceof ConfigError) {
      console.error(`configuration: ${e.message}`);
      return 1;
    }
    console.error(e);
    return 2;
  }
}

const code = await main(process.argv);
if (code !== 0) process.exitCode = code;
