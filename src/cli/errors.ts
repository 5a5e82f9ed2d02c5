// How a command's failure reaches the terminal: one line per refused field (`path: reason`), else
// `error: message`, and the exit code: 1 for a refusal the user can act on, 2 for a fault of ours
// (with its stack). The same whether the store was opened here or a server answered over HTTP: the
// HTTP side turns the API's errors back into DomainErrors first (http-backend.ts).
import { DomainError } from '../domain/errors.ts';
import { ConfigError } from '../app/config.ts';

/** Raised for a failure already explained to the user; only the exit code is left to set. */
export class CliFailure extends Error {}

/** A failure to report as it is, in one line (a server that cannot be reached, a missing token). */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** Prints `e` to standard error and returns the exit code. */
export function reportError(e: unknown): number {
  if (e instanceof CliFailure) return 1;
  if (e instanceof DomainError) {
    if (e.issues.length > 0) for (const i of e.issues) console.error(`${i.path || '(input)'}: ${i.message}`);
    else console.error(`error: ${e.message}`);
    const retryAfter = e.details?.retryAfter;
    if (typeof retryAfter === 'number') console.error(`(the server asks to retry after ${retryAfter} s)`);
    return 1;
  }
  if (e instanceof ConfigError) {
    console.error(`configuration: ${e.message}`);
    return 1;
  }
  if (e instanceof CliError) {
    console.error(`error: ${e.message}`);
    return 1;
  }
  console.error(e);
  return 2;
}
