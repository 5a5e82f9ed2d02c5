// What the commands share besides the backend (connect.ts): reading files and documents, reporting
// a document's errors against its file, reading standard input.
import { readFileSync } from 'node:fs';
import { DomainError } from '../domain/errors.ts';
import { decodeDocumentText } from '../domain/scenario-document.ts';
import { CliFailure } from './errors.ts';

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
