// `coalition users add|list|disable|reset-password`: account management, for the operator who
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

export async function usersDisable(name: string, connect: Connect): Promise<void> {
  await withBackend(connect, (b) => b.disableUser(name));
  console.log(`disabled "${name}"; its sessions have ended`);
}

export async function usersResetPassword(name: string, connect: Connect): Promise<void> {
  const { password } = await withBackend(connect, (b) => b.resetPassword(name));
  console.log(`one-time password for "${name}": ${password}`);
}
