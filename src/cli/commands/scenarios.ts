// `coalition import | export`: whole scenarios in and out, one kind of records as CSV, and a backup
// of the installation (`export --all`, restored by `import`).
import { writeFileSync } from 'node:fs';
import { isBackup } from '../../domain/backup.ts';
import { DomainError } from '../../domain/errors.ts';
import { withBackend, type Connect } from '../connect.ts';
import { readDocument, reportingIssues } from '../shared.ts';
import { kindArgument } from './search.ts';

export interface ImportCommandOptions {
  name?: string;
  id?: string;
  replace?: boolean;
}

export async function importFile(file: string, opts: ImportCommandOptions, connect: Connect): Promise<void> {
  const value = readDocument(file);
  if (isBackup(value)) {
    if (opts.id !== undefined || opts.name !== undefined) {
      throw new DomainError('invalid', `${file} is a backup: --id and --name apply to one scenario document`);
    }
    const report = await withBackend(
      connect,
      (b) => reportingIssues(file, () => b.restoreBackup(value, { replace: opts.replace === true })),
      // No reference scenarios first: the backup says which scenarios the installation has.
      { seed: false },
    );
    for (const s of report.scenarios)
      console.log(`${s.replaced ? 'replaced' : 'imported'} ${s.id} "${s.name}"`);
    for (const { user, password } of report.users) {
      console.log(`created ${user.role} "${user.id}" with one-time password: ${password}`);
    }
    for (const id of report.keptUsers) console.log(`user "${id}" exists: kept as it is`);
    return;
  }
  const s = await withBackend(connect, (b) =>
    reportingIssues(file, () =>
      b.importDocument(value, { id: opts.id, name: opts.name, replace: opts.replace }).catch((e: unknown) => {
        throw withImportHint(e);
      }),
    ),
  );
  console.log(`imported ${s.id} "${s.name}": ${s.counts.nations} nations, ${s.counts.offers} offers`);
}

/** "scenario x already exists" says what to do about it. */
function withImportHint(e: unknown): unknown {
  if (
    !(e instanceof DomainError) ||
    e.code !== 'conflict' ||
    !/^scenario \S+ already exists$/.test(e.message)
  ) {
    return e;
  }
  return new DomainError(
    'conflict',
    `${e.message}: give --replace to replace it, or --id NEW-ID to import the document as another scenario`,
    e.issues,
    e.details,
  );
}

export interface ExportOptions {
  all?: boolean;
  includeUsers?: boolean;
  format?: 'json' | 'yaml';
  csv?: string;
  output?: string;
}

export async function exportCommand(
  scenario: string | undefined,
  opts: ExportOptions,
  connect: Connect,
): Promise<void> {
  if (Boolean(opts.all) === (scenario !== undefined)) {
    throw new DomainError('invalid', 'name one scenario, or give --all for every scenario');
  }
  if (opts.includeUsers && !opts.all) throw new DomainError('invalid', '--include-users needs --all');
  if (opts.csv !== undefined && (opts.all || opts.format !== undefined)) {
    throw new DomainError('invalid', '--csv exports one kind of one scenario: leave out --all and --format');
  }
  let text: string;
  if (opts.csv !== undefined) {
    const kind = kindArgument(opts.csv, '--csv');
    text = await withBackend(connect, (b) => b.csv(scenario!, kind));
  } else {
    const value = await withBackend(connect, (b) =>
      opts.all ? b.exportAll({ includeUsers: opts.includeUsers === true }) : b.exportDocument(scenario!),
    );
    text =
      opts.format === 'yaml'
        ? (await import('yaml')).stringify(value)
        : `${JSON.stringify(value, null, 2)}\n`;
  }
  // A backup may hold user accounts: readable by the owner only.
  if (opts.output) writeFileSync(opts.output, text, { mode: 0o600 });
  else process.stdout.write(text);
}
