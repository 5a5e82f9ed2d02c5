#!/usr/bin/env node
// `coalition`: the command-line front end over the same services as the HTTP API. Commands other
// than `serve` work on the local store directly, as its operator (see shared.ts).
import { writeFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import { stringify } from 'yaml';
import { isBackup } from '../domain/backup.ts';
import { DomainError } from '../domain/errors.ts';
import { buildApp } from '../server/app.ts';
import { ensureFirstAdministrator, markSeeded, openInstallation } from '../app/installation.ts';
import { ConfigError, readConfig } from '../app/config.ts';
import { loadExchangeRates } from '../app/reference-data.ts';
import { validateScenarioDocument } from '../app/coalition-service.ts';
import { registerAnalyseCommand } from './commands/analyse.ts';
import { registerDeploymentCommands } from './commands/deployment.ts';
import { kindArgument, registerSearchCommand } from './commands/search.ts';
import { registerUserCommands } from './commands/users.ts';
import {
  CliFailure,
  cliPrincipal,
  printIssues,
  readDocument,
  reportingIssues,
  withInstallation,
} from './shared.ts';
import { renderTable } from './table.ts';

const program = new Command()
  .name('coalition')
  .description('Coalition Planner: plan and track a coalition of the willing')
  .showHelpAfterError();

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
  .description('Import a scenario document, or restore a backup made by `export --all`')
  .argument('<file>', 'scenario document or backup (JSON or YAML)')
  .option('--name <name>', "display name instead of the document's")
  .option('--id <id>', "scenario id instead of the document's (lower-case, digits, hyphens)")
  .option('--replace', 'replace scenarios that already exist')
  .action(async (file: string, opts: { name?: string; id?: string; replace?: boolean }) => {
    const value = readDocument(file);
    if (isBackup(value)) {
      if (opts.id !== undefined || opts.name !== undefined) {
        throw new DomainError(
          'invalid',
          `${file} is a backup: --id and --name apply to one scenario document`,
        );
      }
      // No seeding first: the backup says which scenarios the installation has.
      await withInstallation(
        async ({ backup, store }) => {
          const report = await reportingIssues(file, () =>
            backup.restore(value, cliPrincipal(), {
              replace: opts.replace === true,
            }),
          );
          await markSeeded(store);
          for (const s of report.scenarios) {
            console.log(`${s.replaced ? 'replaced' : 'imported'} ${s.id} "${s.name}"`);
          }
          for (const { user, password } of report.users) {
            console.log(`created ${user.role} "${user.id}" with one-time password: ${password}`);
          }
          for (const id of report.keptUsers) console.log(`user "${id}" exists: kept as it is`);
        },
        { seed: false },
      );
      return;
    }
    await withInstallation(async ({ service }) => {
      const s = await reportingIssues(file, async () => {
        const principal = cliPrincipal();
        const doc = service.validateDocument(value);
        const id = opts.id ?? doc.id;
        const exists = (await service.listScenarios(principal)).some((x) => x.id === id);
        if (exists && opts.replace) await service.store.deleteScenario(id, undefined, principal);
        return service.importDocument(doc, principal, opts);
      });
      console.log(`imported ${s.id} "${s.name}": ${s.counts.nations} nations, ${s.counts.offers} offers`);
    });
  });

program
  .command('export')
  .description(
    'Export a scenario as a document that re-imports to the same content, one kind of its records ' +
      'as CSV (--csv), or everything (--all)',
  )
  .argument('[scenario]', 'scenario id')
  .option('--all', 'every scenario, as one backup file for `coalition import`')
  .option('--include-users', 'with --all: the user accounts too (never their passwords)')
  .addOption(new Option('--format <format>', 'document format (default: json)').choices(['json', 'yaml']))
  .option('--csv <kind>', 'the records of one kind as CSV, e.g. offers, pledges, rotation-policies')
  .option('-o, --output <file>', 'write to a file instead of standard output')
  .action(
    async (
      scenario: string | undefined,
      opts: {
        all?: boolean;
        includeUsers?: boolean;
        format?: 'json' | 'yaml';
        csv?: string;
        output?: string;
      },
    ) => {
      if (Boolean(opts.all) === (scenario !== undefined)) {
        throw new DomainError('invalid', 'name one scenario, or give --all for every scenario');
      }
      if (opts.includeUsers && !opts.all) throw new DomainError('invalid', '--include-users needs --all');
      if (opts.csv !== undefined && (opts.all || opts.format !== undefined)) {
        throw new DomainError(
          'invalid',
          '--csv exports one kind of one scenario: leave out --all and --format',
        );
      }
      let text: string;
      if (opts.csv !== undefined) {
        const kind = kindArgument(opts.csv, '--csv');
        text = (await withInstallation(({ service }) => service.csv(scenario!, kind, cliPrincipal()))).text;
      } else {
        const value = await withInstallation<unknown>(({ service, backup }) =>
          opts.all
            ? backup.exportAll(cliPrincipal(), {
                includeUsers: opts.includeUsers === true,
              })
            : service.exportDocument(scenario!, cliPrincipal()),
        );
        text = opts.format === 'yaml' ? stringify(value) : `${JSON.stringify(value, null, 2)}\n`;
      }
      if (opts.output) writeFileSync(opts.output, text, { mode: 0o600 });
      else process.stdout.write(text);
    },
  );

program
  .command('list')
  .description('List the scenarios in the store')
  .option('--json', 'print JSON')
  .action(async (opts: { json?: boolean }) => {
    const items = await withInstallation(({ service }) => service.listScenarios(cliPrincipal()));
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
      sessionHours: config.sessionHours,
      // A server: heavy work on worker threads, never on the thread that answers requests.
      runner: { mode: 'pool', ...(config.workers !== undefined && { threads: config.workers }) },
    });
    await ensureFirstAdministrator(inst.users, config.adminPassword);
    const app = await buildApp({
      installation: inst,
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

registerSearchCommand(program);
registerAnalyseCommand(program);
registerDeploymentCommands(program);
registerUserCommands(program);

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
