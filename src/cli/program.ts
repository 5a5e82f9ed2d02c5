// Every `coalition` command with its arguments, options and help, and nothing more: each action
// loads its command's implementation (src/cli/commands/*) with a dynamic import when it runs, so
// `coalition --version` or `--help` loads commander alone, and `coalition list` against a server
// loads neither the store nor the schemas. The choices offered here are lists written out
// (analyse-flags.ts checks them against the contract's types) for the same reason.
import type { BriefOptions } from './commands/brief.ts';
import { readFileSync } from 'node:fs';
import { Command, Option } from 'commander';
import type { Role } from '../domain/access.ts';
import { CHOICES } from './commands/analyse-flags.ts';
import type { AnalyseOptions } from './commands/analyse.ts';
import type { BranchOptions } from './commands/branch.ts';
import type { CompareOptions } from './commands/compare.ts';
import type { DecideOptions, PromoteOptions } from './commands/decisions.ts';
import type { ForceListImportOptions, PlanOptions } from './commands/deployment.ts';
import type { LineOfContactOptions } from './commands/line-of-contact.ts';
import type { ListOptions } from './commands/list.ts';
import type { ExportOptions, ImportCommandOptions } from './commands/scenarios.ts';
import type { SearchOptions } from './commands/search.ts';
import type { ServeOptions } from './commands/serve.ts';
import type { UsersAddOptions, UsersSetOptions } from './commands/users.ts';
import { connector, type Connect, type GlobalOptions } from './connect.ts';

/** The user roles, as `users add --role` offers them (checked against Role). */
const ROLE_CHOICES = Object.keys({
  administrator: true,
  planner: true,
  liaison: true,
  observer: true,
} satisfies { [R in Role]: true });

/** Repeated or comma-separated values of one option. */
const collectSplit = (value: string, previous: string[] = []) => [...previous, ...value.split(',')];
const collect = (value: string, previous: string[] = []) => [...previous, value];

export interface ProgramOptions {
  /** How commands reach the installation (tests: one opened in process); default connect.ts's way. */
  connect?: Connect;
}

export function buildProgram(options: ProgramOptions = {}): Command {
  const program = new Command()
    .name('coalition')
    .description('Coalition Planner: plan and track a coalition of the willing')
    .version(packageVersion(), '-V, --version', 'print the version')
    .option(
      '--server <url>',
      'use the server at this URL as the user of $COALITION_TOKEN (or $COALITION_URL)',
    )
    .addHelpText(
      'after',
      '\nCommands act on the store in COALITION_DATA (or DATABASE_URL): through the server holding it,\n' +
        "as this machine's operator, when one runs; else by opening it here. With --server (or\n" +
        'COALITION_URL) and COALITION_TOKEN, through that server as the signed-in user.',
    )
    .showHelpAfterError();
  const connect = options.connect ?? connector(() => program.opts<GlobalOptions>());

  program
    .command('validate')
    .description('Check scenario documents (JSON or YAML): schema, cross-references, exchange rates')
    .argument('<files...>', 'scenario documents')
    .action(async (files: string[]) => (await import('./commands/validate.ts')).validate(files));

  program
    .command('import')
    .description('Import a scenario document, or restore a backup made by `export --all`')
    .argument('<file>', 'scenario document or backup (JSON or YAML)')
    .option('--name <name>', "display name instead of the document's")
    .option('--id <id>', "scenario id instead of the document's (lower-case, digits, hyphens)")
    .option('--replace', 'replace scenarios that already exist')
    .action(async (file: string, opts: ImportCommandOptions) =>
      (await import('./commands/scenarios.ts')).importFile(file, opts, connect),
    );

  program
    .command('branch')
    .description('Branch a variant of a scenario, with what-ifs made; it records its parent and version')
    .argument('<scenario>', 'scenario id to branch from')
    .requiredOption('--id <id>', 'the variant’s scenario id')
    .option('--name <name>', 'display name (default: the parent’s name and the what-ifs)')
    .option(
      '--what-if <spec...>',
      'nation-joins:ISO3[:lift], nation-withdraws:ISO3, us-backstop, close-arc:ID:FROM-TO:reason, ' +
        'close-node:ID:FROM-TO:reason, target:PERSONNEL (made in order)',
      collect,
    )
    .action(async (scenario: string, opts: BranchOptions) =>
      (await import('./commands/branch.ts')).branch(scenario, opts, connect),
    );

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
    .action(async (scenario: string | undefined, opts: ExportOptions) =>
      (await import('./commands/scenarios.ts')).exportCommand(scenario, opts, connect),
    );

  program
    .command('list')
    .description('List the scenarios')
    .option('--json', 'print JSON')
    .action(async (opts: ListOptions) => (await import('./commands/list.ts')).list(opts, connect));

  program
    .command('search')
    .description("Find a scenario's records by text: keys, names, statements, caveats, sources, assumptions")
    .argument('<scenario>', 'scenario id')
    .argument('<text>', 'text to find (case-insensitive, taken literally)')
    .option('--kind <kind>', 'only this kind (repeat, or separate with commas)', collectSplit)
    .option('--limit <n>', 'at most this many hits (default 50, at most 200)')
    .option('--json', 'print JSON')
    .action(async (scenario: string, text: string, opts: SearchOptions) =>
      (await import('./commands/search.ts')).search(scenario, text, opts, connect),
    );

  program
    .command('line-of-contact')
    .description("Import a line of contact from a GeoJSON file as the scenario's (zones and bands kept)")
    .argument('<scenario>', 'scenario id')
    .argument('<file>', 'GeoJSON: a LineString or MultiLineString, a Feature or a FeatureCollection')
    .requiredOption('--date <date>', 'the day the line is drawn as of, YYYY-MM-DD')
    .option('--source-publication <text>', 'who published the line')
    .option('--source-url <url>', 'with --source-publication: where it is published')
    .option('--assumption <text>', 'instead of a source: how the line was drawn, and how accurate it is')
    .option(
      '--expect-version <n>',
      "the scenario's version you read: refused if changed since (default: latest)",
    )
    .action(async (scenario: string, file: string, opts: LineOfContactOptions) =>
      (await import('./commands/line-of-contact.ts')).lineOfContact(scenario, file, opts, connect),
    );

  const analyse = program
    .command('analyse')
    .alias('analyze')
    .description(
      'Analyse a scenario: headline figures, force fill, sustainment, US dependency, resilience, ' +
        'burden sharing, risk (default: the dashboard summary)',
    )
    .argument('<scenario>', 'scenario id')
    .addOption(new Option('--only <analysis>', 'one analysis in full').choices(CHOICES.only))
    .option('--json', "print the API's JSON answer")
    .option('--explain', 'with --only figures: the records behind each figure, with sources or assumptions');
  assumptionOptions(analyse)
    .option('--ready-by <cday>', 'with --only resilience: only offers ready by this C-day count')
    .action(async (scenario: string, opts: AnalyseOptions) =>
      (await import('./commands/analyse.ts')).analyse(scenario, opts, connect),
    );

  fillOptions(
    program
      .command('risk')
      .description(
        'The risk picture: the line of contact, personnel per distance band and nation, caveat and ' +
          'red-line flags, the escalation ladder with the force remaining at each rung, who can respond ' +
          'within 24, 48 and 72 hours, and the risk register',
      )
      .argument('<scenario>', 'scenario id')
      .option('--json', "print the API's JSON answer"),
  )
    .option('--draws <n>', 'Monte Carlo draws (1 to 100000, default 10000)')
    .option('--seed <n>', 'Monte Carlo seed (default 1)')
    .option('--climb <p>', 'probability of climbing from each rung to the next, 0 to 1 (default 0.5)')
    .option('--sector <name>', 'the threatened sector for who can respond (default: nearest the line)')
    .option('--day <c-day>', 'C-day of the threat (default: the day the plan closes)')
    .option('--notice-hours <h>', 'notice to move of a land unit in theatre, hours (default 6)')
    .option('--march-kmh <n>', 'road march rate of a land unit, km/h with halts (default 30)')
    .action(async (scenario: string, opts: AnalyseOptions) =>
      (await import('./commands/analyse.ts')).analyse(scenario, { ...opts, only: 'risk' }, connect),
    );

  fillOptions(
    program
      .command('cost')
      .description(
        'The cost of the force: personnel and sustainment per month and deployment transport, by nation ' +
          'and domain, over a horizon, against the pledges (the gap) and GDP, with every rate and its source',
      )
      .argument('<scenario>', 'scenario id')
      .option('--json', "print the API's JSON answer"),
  )
    .addOption(
      new Option('--basis <basis>', 'personnel costed: matched (default) or offered').choices(CHOICES.basis),
    )
    .option('--months <n>', "months costed (default: the longest line's duration)")
    .action(async (scenario: string, opts: AnalyseOptions) =>
      (await import('./commands/analyse.ts')).analyse(scenario, { ...opts, only: 'cost' }, connect),
    );

  program
    .command('brief')
    .description(
      'Make the briefing pack of a scenario for an audience (kept as a new version) and write it as PDF ' +
        'or HTML: purpose, bottom line up front, coalition, force, timeline, sustainment, cost, risks, ' +
        'courses of action compared, the request to the US, and the annex of sources',
    )
    .argument('<scenario>', 'scenario id')
    .option('--audience <audience>', 'staff (default), coalition, public or rel-to:ISO3 (e.g. rel-to:EST)')
    .option('--compare <variants...>', 'variants to compare as courses of action', collect)
    .option('--summary <file>', 'YAML or JSON with `bluf` (text) and `recommendations` (a list)')
    .option('-o, --output <file>', 'where to write it: a .pdf or .html file')
    .option('--json', 'print the pack as JSON (and still write -o when given)')
    .option('--draws <n>', 'Monte Carlo draws (100 to 100000, default 10000)')
    .option('--seed <n>', 'Monte Carlo seed (default 1)')
    .action(async (scenario: string, opts: BriefOptions) =>
      (await import('./commands/brief.ts')).brief(scenario, opts, connect),
    );

  registerDeployment(program, connect);
  registerCoursesOfAction(program, connect);
  registerUsers(program, connect);

  program
    .command('serve')
    .description('Run the HTTP API and the web UI')
    .option('--port <port>', 'port to listen on (default: $PORT or 8080)')
    .option('--host <host>', 'address to listen on (default: $HOST or 127.0.0.1)')
    .action(async (opts: ServeOptions) => (await import('./commands/serve.ts')).serve(opts));

  return program;
}

function registerDeployment(program: Command, connect: Connect): void {
  program
    .command('plan')
    .description('Plan the deployment of a scenario: when the force closes and what holds it up')
    .argument('<scenario>', 'scenario id')
    .option('--today <c-day>', 're-plan from this C-day (default: the day after the last movement record)')
    .option('--reference', 'also solve the LP relaxation with HiGHS and print the gap to it')
    // The default written out, as the choices are (the contract's DEFAULT_BOUND_SECONDS).
    .option(
      '--bound-seconds <n>',
      "seconds to spend proving a lower bound, for the plan's gap to the best possible (0: none; default 5)",
    )
    .option('--json', 'print the API answer as JSON')
    .action(async (scenario: string, opts: PlanOptions) =>
      (await import('./commands/deployment.ts')).plan(scenario, opts, connect),
    );

  const list = program.command('force-list').description('The force list (ULNs) of a scenario');
  list
    .command('export')
    .description('Write the stored force list as TPFDD-style CSV')
    .argument('<scenario>', 'scenario id')
    .option('-o, --output <file>', 'write to a file instead of standard output')
    .action(async (scenario: string, opts: { output?: string }) =>
      (await import('./commands/deployment.ts')).forceListExport(scenario, opts, connect),
    );
  list
    .command('import')
    .description('Replace the force list with a CSV file: all of it, or nothing if any row is wrong')
    .argument('<scenario>', 'scenario id')
    .argument('<file>', 'CSV with the columns of `force-list export`')
    .option('--if-match <tag>', 'the tag `force-list export` printed: refused if the list changed since')
    .option('--force', 'replace whatever force list is stored')
    .action(async (scenario: string, file: string, opts: ForceListImportOptions) =>
      (await import('./commands/deployment.ts')).forceListImport(scenario, file, opts, connect),
    );
  list
    .command('generate')
    .description('Generate the force list from the force-generation fill and store it')
    .argument('<scenario>', 'scenario id')
    .option('--replace', 'replace a stored force list')
    .action(async (scenario: string, opts: { replace?: boolean }) =>
      (await import('./commands/deployment.ts')).forceListGenerate(scenario, opts, connect),
    );
}

/**
 * The assumptions an analysis is computed under (the fill's, the sustainment's, the Monte Carlo's):
 * the same flags on every command that computes figures (assumption-flags.ts reads them).
 */
/** The force fill's assumptions, which every analysis takes. */
function fillOptions(command: Command): Command {
  return command
    .option('--us-backstop', 'count offers that require a US backstop')
    .option('--late', "count matches of offers ready after a line's RDD (default: on time only)")
    .option(
      '--exclude <nations...>',
      'leave out these nations’ offers (ISO3, e.g. DEU ITA or DEU,ITA)',
      collect,
    )
    .addOption(
      new Option('--min-status <status>', 'least firm offer status that counts').choices(CHOICES.minStatus),
    )
    .option('--as-of <date>', "analysis date YYYY-MM-DD (default: the scenario's)");
}

function assumptionOptions(command: Command): Command {
  return fillOptions(command)
    .addOption(
      new Option('--default-policy <policy>', 'rotation policy for nations without one').choices(
        CHOICES.defaultPolicy,
      ),
    )
    .addOption(
      new Option('--basis <basis>', "each nation's personnel for sustainment and burden").choices(
        CHOICES.basis,
      ),
    )
    .option('--draws <n>', 'Monte Carlo draws (1 to 100000, default 10000)')
    .option('--seed <n>', 'Monte Carlo seed (default 1)');
}

/** Courses of action: variants compared with their baseline, the decision recorded, promotion. */
function registerCoursesOfAction(program: Command, connect: Connect): void {
  const criteria =
    'COA criteria: FIGURE:WEIGHT[:BENCHMARK],… e.g. matchedOnTime:3:100000,closureDay90:2 ' +
    '(default: the standard criteria, benchmarks read off the baseline)';
  const compare = program
    .command('compare')
    .description(
      'Compare a scenario (the baseline) with variants: every figure with its delta and drivers, ' +
        'and the COA decision matrix',
    )
    .argument('<baseline>', 'scenario id of the baseline')
    .argument('<variants...>', 'scenario ids of the variants (1 to 6)')
    .option('--json', "print the API's JSON answer")
    .option('--criteria <text>', criteria)
    .option(
      '--drivers <figure>',
      'list the drivers of this figure in full (e.g. matchedLate), and no others',
    );
  assumptionOptions(compare).action(async (baseline: string, variants: string[], opts: CompareOptions) =>
    (await import('./commands/compare.ts')).compare(baseline, variants, opts, connect),
  );

  const decide = program
    .command('decide')
    .description('Record the course of action chosen, with the comparison it was chosen on')
    .argument('<baseline>', 'scenario id of the baseline')
    .requiredOption(
      '--variants <ids...>',
      'the variants compared (repeat, or separate with commas)',
      collectSplit,
    )
    .requiredOption('--choose <id>', 'the course of action chosen: the baseline or one of the variants')
    .requiredOption('--rationale <text>', 'why it was chosen')
    .option('--criteria <text>', criteria)
    .option('--json', 'print the decision record as JSON');
  assumptionOptions(decide).action(async (baseline: string, opts: DecideOptions) =>
    (await import('./commands/decisions.ts')).decide(baseline, opts, connect),
  );

  program
    .command('decisions')
    .description('List the decisions recorded on a baseline, newest first')
    .argument('<baseline>', 'scenario id of the baseline')
    .option('--json', 'print JSON')
    .action(async (baseline: string, opts: { json?: boolean }) =>
      (await import('./commands/decisions.ts')).decisions(baseline, opts, connect),
    );

  program
    .command('decision')
    .description('Reopen a decision: the same figures recomputed, or the inputs changed since')
    .argument('<baseline>', 'scenario id of the baseline')
    .argument('<decision-id>', 'the id `decide` printed (or `decisions` lists)')
    .option('--json', 'print JSON')
    .action(async (baseline: string, id: string, opts: { json?: boolean }) =>
      (await import('./commands/decisions.ts')).decision(baseline, id, opts, connect),
    );

  program
    .command('promote')
    .description("Promote a variant to baseline: its inputs become its parent's")
    .argument('<variant>', 'scenario id of the variant')
    .option(
      '--parent-version <n>',
      "the parent's current version (a refused promotion names it), to promote over its changes since the branch",
    )
    .action(async (variant: string, opts: PromoteOptions) =>
      (await import('./commands/decisions.ts')).promote(variant, opts, connect),
    );
}

function registerUsers(program: Command, connect: Connect): void {
  const users = program.command('users').description('Manage user accounts (administrators)');
  users
    .command('add')
    .description('Create a user; prints a generated one-time password unless --password-stdin')
    .argument('<name>', 'user name to sign in with (letters, digits, ".", "_", "-", "@")')
    .addOption(new Option('--role <role>', 'role').choices(ROLE_CHOICES).makeOptionMandatory())
    .option('--nation <iso3>', 'nation (ISO 3166-1 alpha-3); required for a liaison officer')
    .option('--display-name <text>', 'name shown in the UI and the audit log (default: the user name)')
    .option('--password-stdin', 'read the password from standard input (at least 12 characters)')
    .action(async (name: string, opts: UsersAddOptions) =>
      (await import('./commands/users.ts')).usersAdd(name, opts, connect),
    );
  users
    .command('list')
    .description('List user accounts')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) =>
      (await import('./commands/users.ts')).usersList(opts, connect),
    );
  users
    .command('set')
    .description("Change a user's role, nation or display name (a liaison officer needs a nation)")
    .argument('<name>', 'user name')
    .addOption(new Option('--role <role>', 'new role').choices(ROLE_CHOICES))
    .option('--nation <iso3>', 'new nation (ISO 3166-1 alpha-3)')
    .option('--no-nation', 'no nation (staff, or an observer of no nation)')
    .option('--display-name <text>', 'new name shown in the UI and the audit log')
    .option(
      '--expect-version <n>',
      'the version you read (users list --json): refused if someone changed the user since. Default: the latest',
    )
    .action(async (name: string, opts: UsersSetOptions) =>
      (await import('./commands/users.ts')).usersSet(name, opts, connect),
    );
  users
    .command('disable')
    .description('Disable a user and end its sessions')
    .argument('<name>', 'user name')
    .action(async (name: string) => (await import('./commands/users.ts')).usersDisable(name, connect));
  users
    .command('reset-password')
    .description('Give a user a new one-time password (printed); its sessions end')
    .argument('<name>', 'user name')
    .action(async (name: string) => (await import('./commands/users.ts')).usersResetPassword(name, connect));
}

/** The package's version; package.json is two levels up from src/cli and from dist/cli alike. */
function packageVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  return pkg.version;
}
