// Running `coalition` commands in the test's own process: the real program (argument parsing, the
// command's chunk, the printers and the error report of main.ts) over an installation the test has
// opened, such as an in-memory store seeded with the reference scenarios. Many commands share one
// store, and the test can set it up or read the answers through the services themselves. What the
// command prints is captured instead of written. Tests only.
import { format } from 'node:util';
import { CommanderError, type Command } from 'commander';
import type { FastifyInstance } from 'fastify';
import { vi } from 'vitest';
import { openInstallation, type Installation } from '../app/installation.ts';
import type { Connect } from './connect.ts';
import { reportError } from './errors.ts';
import { httpBackend } from './http-backend.ts';
import { installationBackend } from './local-backend.ts';
import { buildProgram } from './program.ts';
import type { Result } from './test-cli.ts';

/** An in-memory installation with the reference scenarios (article-2025-03, reported-2026-01). */
export function openSeededInstallation(): Promise<Installation> {
  return openInstallation({ dataDir: 'memory://', seed: true, referenceSolver: null });
}

/** Commands reach `inst` as the machine's operator, as a command that opened the store would. */
export function connectTo(inst: Installation): Connect {
  return async () => installationBackend(inst, 'the test store');
}

/**
 * Commands reach the API of `app` over its typed client, as a command that finds a server does,
 * signed in with `token`; the requests are handed to the app in process (Fastify's inject).
 */
export function connectOverHttp(app: FastifyInstance, token: string): Connect {
  return async () => httpBackend({ url: 'http://coalition.test', token, fetch: injectFetch(app) });
}

function injectFetch(app: FastifyInstance): typeof fetch {
  return async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input));
    const res = await app.inject({
      method: (init?.method ?? 'GET') as 'GET',
      url: url.pathname + url.search,
      headers: (init?.headers ?? {}) as Record<string, string>,
      ...(typeof init?.body === 'string' && { payload: init.body }),
    });
    const headers = new Headers();
    for (const [name, value] of Object.entries(res.headers))
      if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : String(value));
    return new Response(res.statusCode === 204 ? null : res.body, { status: res.statusCode, headers });
  };
}

/** Runs `coalition ARGS…` in this process and returns its exit code and what it printed. */
export async function runCommand(args: string[], connect: Connect): Promise<Result> {
  const stdout: string[] = [];
  const stderr: string[] = [];
  const log = vi.spyOn(console, 'log').mockImplementation((...a: unknown[]) => {
    stdout.push(`${format(...a)}\n`);
  });
  const error = vi.spyOn(console, 'error').mockImplementation((...a: unknown[]) => {
    stderr.push(`${format(...a)}\n`);
  });
  // Some commands (export, force-list export) write their text to standard output themselves.
  const write = vi.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stdout.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return true;
  });
  const program = buildProgram({ connect });
  // Commander would end the process on a usage error: it throws instead, and prints here.
  const capture = (command: Command) => {
    command.exitOverride().configureOutput({
      writeOut: (s) => stdout.push(s),
      writeErr: (s) => stderr.push(s),
    });
    command.commands.forEach(capture);
  };
  capture(program);
  let code = 0;
  try {
    await program.parseAsync(['node', 'coalition', ...args]);
  } catch (e) {
    code = e instanceof CommanderError ? e.exitCode : reportError(e);
  } finally {
    log.mockRestore();
    error.mockRestore();
    write.mockRestore();
  }
  return { code, stdout: stdout.join(''), stderr: stderr.join('') };
}
