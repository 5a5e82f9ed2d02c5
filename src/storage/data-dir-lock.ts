// One process at a time may open an embedded (PGlite) data directory: two would corrupt it. The
// lock is a file beside the directory (`<dir>.lock`) naming the owner's pid; a lock left by a dead
// process is taken over.
//
// A server (`coalition serve`) also publishes in it the URL it listens on and the operator
// credential it accepts, so that a CLI command run while it holds the directory talks to it over
// HTTP instead of failing (src/cli/connect.ts). The file is created with mode 0600: only its owner
// reads the credential, and whoever can read the file could read the data directory anyway. The
// server withdraws the credential when it stops; should it die instead, the credential dies with it
// (the server keeps only its hash, in memory).
//
// Contents: JSON `{"pid": 123, "url": "http://127.0.0.1:8080", "token": "…"}`; a bare pid (what
// older versions wrote) is read too.
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DomainError } from '../domain/errors.ts';

export interface DataDirLock {
  release(): void;
}

/** A server's address and the credential it accepts from the machine's operator. */
export interface PublishedServer {
  url: string;
  token: string;
}

/** The live process holding a data directory, and the server it runs, if it is one. */
export interface LockHolder {
  pid: number;
  server?: PublishedServer | undefined;
}

export function lockFilePath(dataDir: string): string {
  return `${resolve(dataDir)}.lock`;
}

/** Who holds the directory: undefined when nobody alive does. */
export function readDataDirLock(dataDir: string): LockHolder | undefined {
  const holder = readLockFile(lockFilePath(dataDir));
  return holder && holder.pid !== process.pid && isAlive(holder.pid) ? holder : undefined;
}

export function lockDataDir(dataDir: string): DataDirLock {
  const file = lockFilePath(dataDir);
  mkdirSync(dirname(file), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt++) {
    if (createExclusive(file, { pid: process.pid })) {
      return { release: () => rmSync(file, { force: true }) };
    }
    const owner = readLockFile(file);
    if (owner && owner.pid !== process.pid && isAlive(owner.pid)) throw dataDirInUse(dataDir, owner);
    rmSync(file, { force: true });
  }
  throw new DomainError('conflict', `could not lock data directory ${dataDir}`);
}

/** The error for a directory another live process holds. */
export function dataDirInUse(dataDir: string, holder: LockHolder): DomainError {
  if (holder.server) {
    return new DomainError(
      'conflict',
      `data directory ${dataDir} is in use by the server at ${holder.server.url} (process ${holder.pid}); ` +
        'stop it first, or work through it: coalition commands on this machine do so by themselves.',
    );
  }
  return new DomainError(
    'conflict',
    `data directory ${dataDir} is in use by process ${holder.pid} (another coalition command, or a ` +
      'server still starting). Try again when it has finished.',
  );
}

/** Records this process's server in the lock it holds. */
export function publishServer(dataDir: string, server: PublishedServer): void {
  rewriteOwnLock(dataDir, { pid: process.pid, url: server.url, token: server.token });
}

/** Takes the server's address and credential out of the lock again (the server is stopping). */
export function withdrawServer(dataDir: string): void {
  rewriteOwnLock(dataDir, { pid: process.pid });
}

function rewriteOwnLock(dataDir: string, contents: LockContents): void {
  const file = lockFilePath(dataDir);
  const holder = readLockFile(file);
  if (holder?.pid !== process.pid) {
    throw new Error(`data directory ${dataDir} is not locked by this process (${process.pid})`);
  }
  // A new file renamed over the old one: a reader sees the old contents or the new, never half.
  const scratch = `${file}.${process.pid}.tmp`;
  rmSync(scratch, { force: true });
  writeFileSync(scratch, JSON.stringify(contents), { flag: 'wx', mode: 0o600 });
  renameSync(scratch, file);
}

interface LockContents {
  pid: number;
  url?: string;
  token?: string;
}

/**
 * Creates the lock only if there is none, whole: written to a file of this process's own first and
 * then hard-linked into place, so no reader ever finds it empty (and takes it for a dead lock).
 */
function createExclusive(file: string, contents: LockContents): boolean {
  const scratch = `${file}.${process.pid}.tmp`;
  rmSync(scratch, { force: true });
  writeFileSync(scratch, JSON.stringify(contents), { flag: 'wx', mode: 0o600 });
  try {
    linkSync(scratch, file);
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  } finally {
    rmSync(scratch, { force: true });
  }
}

function readLockFile(file: string): LockHolder | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8').trim();
  } catch {
    return undefined;
  }
  if (/^\d+$/.test(text)) return validPid(Number(text)) ? { pid: Number(text) } : undefined;
  try {
    const value = JSON.parse(text) as Partial<LockContents>;
    if (!validPid(value.pid)) return undefined;
    const server =
      typeof value.url === 'string' && typeof value.token === 'string'
        ? { url: value.url, token: value.token }
        : undefined;
    return { pid: value.pid, server };
  } catch {
    return undefined;
  }
}

function validPid(pid: unknown): pid is number {
  return typeof pid === 'number' && Number.isInteger(pid) && pid > 0;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
