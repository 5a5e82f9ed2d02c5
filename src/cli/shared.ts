// What every command shares: opening the local installation, reading documents, reporting errors.
// Local commands act as the machine's operator (SYSTEM_PRINCIPAL's rights): whoever can run them can
// read the data directory anyway. The audit log names the operating-system user.
import { readFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { SYSTEM_PRINCIPAL, type Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import { decodeDocumentText } from '../domain/scenario-document.ts';
import { openInstallation, type Installation } from '../app/installation.ts';
import { readConfig } from '../app/config.ts';

/** Raised for a failure already explained to the user; only the exit code is left to set. */
export class CliFailure extends Error {}

export function cliPrincipal(): Principal {
  let name = 'cli';
  try {
    name = `cli:${userInfo().username}`;
  } catch {
    // no user database entry (some containers): keep "cli"
  }
  // "cli:…" contains a colon, which no user name may, so it never collides with an account.
  return { ...SYSTEM_PRINCIPAL, userId: name };
}

export async function withInstallation<T>(
  fn: (inst: Installation) => Promise<T>,
  options: { seed?: boolean } = {},
): Promise<T> {
  const config = readConfig();
  const inst = await openInstallation({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    seed: options.seed ?? config.seed,
  });
  try {
    return await fn(inst);
  } finally {
    await inst.close();
  }
}

/** A file's text, or a not_found error naming the file and why it could not be read. */
export function readTextFile(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (e) {
    throw new DomainError(
      'not_found',
      `${file}: cannot read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
}

export function readDocument(file: string): unknown {
  const text = readTextFile(file);
  const format = /\.json$/i.test(file) ? 'json' : /\.ya?ml$/i.test(file) ? 'yaml' : undefined;
  const decoded = decodeDocumentText(text, format);
  if (!decoded.ok) throw new DomainError('invalid', `${file}: not a document`, decoded.issues);
  return decoded.value;
}

export function printIssues(file: string, err: DomainError): void {
  if (err.issues.length === 0) console.error(`${file}: ${err.message}`);
  for (const i of err.issues) console.error(`${file}: ${i.path || '(document)'}: ${i.message}`);
}

/** Runs `fn`, reporting invalid input against `file` by field; other errors go to main(). */
export async function reportingIssues<T>(file: string, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (e) {
    if (e instanceof DomainError && e.issues.length > 0) {
      printIssues(file, e);
      throw new CliFailure();
    }
    throw e;
  }
}

/** Reads standard input to its end (a password piped in), without the final line break. */
export async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}
