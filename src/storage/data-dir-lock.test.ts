import { existsSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.ts';
import { lockDataDir, publishServer, readDataDirLock, withdrawServer } from './data-dir-lock.ts';

const tempDir = () => join(mkdtempSync(join(tmpdir(), 'coalition-lock-')), 'data');
const SERVER = { url: 'http://127.0.0.1:8080', token: 'a'.repeat(43) };

describe('lockDataDir', () => {
  it('refuses a second holder while the first is alive, and frees the directory on release', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(existsSync(`${dir}.lock`)).toBe(true);
    // Our own pid counts as "another live process" for a second lock only when it was not us:
    // simulate a different live owner with the parent process.
    writeFileSync(`${dir}.lock`, String(process.ppid));
    expect(() => lockDataDir(dir)).toThrow(DomainError);
    expect(() => lockDataDir(dir)).toThrow(/in use by process/);
    writeFileSync(`${dir}.lock`, String(process.pid));
    lock.release();
    expect(existsSync(`${dir}.lock`)).toBe(false);
    lockDataDir(dir).release();
  });

  it('takes over a lock left by a process that no longer exists', () => {
    const dir = tempDir();
    writeFileSync(`${dir}.lock`, '2147483646');
    const lock = lockDataDir(dir);
    expect(existsSync(`${dir}.lock`)).toBe(true);
    lock.release();
  });

  it('writes a file only its owner can read', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    expect(statSync(`${dir}.lock`).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(`${dir}.lock`, 'utf8'))).toEqual({ pid: process.pid });
    lock.release();
  });
});

describe('a server in the lock', () => {
  it('is published by the holder, kept owner-only, and withdrawn', () => {
    const dir = tempDir();
    const lock = lockDataDir(dir);
    publishServer(dir, SERVER);
    expect(statSync(`${dir}.lock`).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(`${dir}.lock`, 'utf8'))).toEqual({ pid: process.pid, ...SERVER });
    withdrawServer(dir);
    expect(readFileSync(`${dir}.lock`, 'utf8')).not.toContain(SERVER.token);
    lock.release();
  });

  it('names the server that holds the directory to a second one', () => {
    const dir = tempDir();
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: process.ppid, ...SERVER }));
    expect(() => lockDataDir(dir)).toThrow(
      `data directory ${dir} is in use by the server at ${SERVER.url} (process ${process.ppid})`,
    );
  });

  it('cannot be published in a lock another process holds', () => {
    const dir = tempDir();
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: process.ppid }));
    expect(() => publishServer(dir, SERVER)).toThrow(/not locked by this process/);
  });

  it('is what another process reads: the live holder and its server, or nobody', () => {
    const dir = tempDir();
    expect(readDataDirLock(dir)).toBeUndefined();
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: process.ppid, ...SERVER }));
    expect(readDataDirLock(dir)).toEqual({ pid: process.ppid, server: SERVER });
    // A command holding it: no server to talk to.
    writeFileSync(`${dir}.lock`, String(process.ppid));
    expect(readDataDirLock(dir)).toEqual({ pid: process.ppid, server: undefined });
    // A server that died: its credential died with it.
    writeFileSync(`${dir}.lock`, JSON.stringify({ pid: 2147483646, ...SERVER }));
    expect(readDataDirLock(dir)).toBeUndefined();
    writeFileSync(`${dir}.lock`, 'not a lock');
    expect(readDataDirLock(dir)).toBeUndefined();
  });
});
