import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DomainError } from '../domain/errors.ts';
import { lockDataDir } from './data-dir-lock.ts';

const tempDir = () => join(mkdtempSync(join(tmpdir(), 'coalition-lock-')), 'data');

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
});
