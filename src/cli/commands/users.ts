// `coalition users add|list|set|disable|reset-password`: account management, for the operator who
// installs the system and for the day the last administrator is locked out (on this machine the CLI
// acts as the operator, also through a running server); with --server and COALITION_TOKEN, as an
// administrator signed in to that server.
import type { Role } from '../../domain/access.ts';
import { DomainError } from '../../domain/errors.ts';
import { withBackend, type Connect } from '../connect.ts';
import { readStdin } from '../shared.ts';
import { renderTable } from '../table.ts';

export interface UsersAddOptions {
  role: Role;
  nation?: string;
  displayName?: string;
  passwordStdin?: boolean;
}

export async function usersAdd(name: string, opts: UsersAddOptions, connect: Connect): Promise<void> {
  const password = opts.passwordStdin ? await readStdin() : undefined;
  if (password === '') throw new DomainError('invalid', 'no password on standard input');
  const result = await withBackend(connect, (b) =>
    b.addUser({ id: name, role: opts.role, nation: opts.nation, displayName: opts.displayName, password }),
  );
  const u = result.user;
  console.log(`created ${u.role} "${u.id}"${u.nation ? ` (${u.nation})` : ''}`);
  if (result.password) console.log(`one-time password: ${result.password}`);
}

export async function usersList(opts: { json?: boolean }, connect: Connect): Promise<void> {
  const items = await withBackend(connect, (b) => b.listUsers());
  if (opts.json) {
    console.log(JSON.stringify(items, null, 2));
    return;
  }
  console.log(
    renderTable(items, [
      { header: 'USER', value: (u) => u.id },
      { header: 'NAME', value: (u) => u.displayName },
      { header: 'ROLE', value: (u) => u.role },
      { header: 'NATION', value: (u) => u.nation ?? '' },
      {
        header: 'STATUS',
        value: (u) => (u.disabled ? 'disabled' : u.mustChangePassword ? 'must change password' : 'active'),
      },
    ]),
  );
}

export interface UsersSetOptions {
  role?: Role;
  /** An ISO3 code, or false for `--no-nation`. */
  nation?: string | false;
  displayName?: string;
  /** The version last read (`users list --json`); a stale one is refused (409). Unset: the latest. */
  expectVersion?: string;
}

/** `coalition users set NAME --role R --nation ISO3`: changes a user's role, nation or name. */
export async function usersSet(name: string, opts: UsersSetOptions, connect: Connect): Promise<void> {
  if (opts.role === undefined && opts.nation === undefined && opts.displayName === undefined)
    throw new DomainError(
      'invalid',
      'nothing to change: give --role, --nation, --no-nation or --display-name',
    );
  let version: number | undefined;
  if (opts.expectVersion !== undefined) {
    version = Number(opts.expectVersion);
    if (!Number.isInteger(version) || version < 1)
      throw new DomainError('invalid', 'expect-version: must be a whole number from 1', [
        { path: 'expect-version', message: 'must be a whole number from 1' },
      ]);
  }
  const u = await withBackend(connect, (b) =>
    b.updateUser(name, {
      role: opts.role,
      // Nation codes are upper case; people type them in either.
      nation: opts.nation === false ? null : opts.nation?.trim().toUpperCase(),
      displayName: opts.displayName,
      version,
    }),
  );
  console.log(`changed "${u.id}": ${u.role}${u.nation ? ` (${u.nation})` : ''}, version ${u.version}`);
}

export async function usersDisable(name: string, connect: Connect): Promise<void> {
  await withBackend(connect, (b) => b.disableUser(name));
  console.log(`disabled "${name}"; its sessions have ended`);
}

export async function usersResetPassword(name: string, connect: Connect): Promise<void> {
  const { password } = await withBackend(connect, (b) => b.resetPassword(name));
  console.log(`one-time password for "${name}": ${password}`);
}
