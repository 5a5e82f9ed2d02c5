// `coalition users add|list|disable|reset-password`: account management on the local store, for
// the operator who installs the system and for the day the last administrator is locked out.
import { type Command, Option } from 'commander';
import { ROLES, type Role } from '../../domain/access.ts';
import { DomainError } from '../../domain/errors.ts';
import { cliPrincipal, readStdin, withInstallation } from '../shared.ts';
import { renderTable } from '../table.ts';

export function registerUserCommands(program: Command): void {
  const users = program.command('users').description('Manage user accounts in the local store');

  users
    .command('add')
    .description('Create a user; prints a generated one-time password unless --password-stdin')
    .argument('<name>', 'user name to sign in with (letters, digits, ".", "_", "-", "@")')
    .addOption(new Option('--role <role>', 'role').choices([...ROLES]).makeOptionMandatory())
    .option('--nation <iso3>', 'nation (ISO 3166-1 alpha-3); required for a liaison officer')
    .option('--display-name <text>', 'name shown in the UI and the audit log (default: the user name)')
    .option('--password-stdin', 'read the password from standard input (at least 12 characters)')
    .action(
      async (
        name: string,
        opts: { role: Role; nation?: string; displayName?: string; passwordStdin?: boolean },
      ) => {
        const password = opts.passwordStdin ? await readStdin() : undefined;
        if (password === '') throw new DomainError('invalid', 'no password on standard input');
        const result = await withInstallation(({ users: service }) =>
          service.add(
            {
              id: name,
              role: opts.role,
              ...(opts.nation !== undefined && { nation: opts.nation }),
              ...(opts.displayName !== undefined && { displayName: opts.displayName }),
              ...(password !== undefined && { password, mustChangePassword: false }),
            },
            cliPrincipal(),
          ),
        );
        const u = result.user;
        console.log(`created ${u.role} "${u.id}"${u.nation ? ` (${u.nation})` : ''}`);
        if (result.password) console.log(`one-time password: ${result.password}`);
      },
    );

  users
    .command('list')
    .description('List user accounts')
    .option('--json', 'print JSON')
    .action(async (opts: { json?: boolean }) => {
      const items = await withInstallation(({ users: service }) => service.list(cliPrincipal()));
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
            value: (u) =>
              u.disabled ? 'disabled' : u.mustChangePassword ? 'must change password' : 'active',
          },
        ]),
      );
    });

  users
    .command('disable')
    .description('Disable a user and end its sessions')
    .argument('<name>', 'user name')
    .action(async (name: string) => {
      await withInstallation(({ users: service }) => service.disable(name, cliPrincipal()));
      console.log(`disabled "${name}"; its sessions have ended`);
    });

  users
    .command('reset-password')
    .description('Give a user a new one-time password (printed); its sessions end')
    .argument('<name>', 'user name')
    .action(async (name: string) => {
      const { password } = await withInstallation(({ users: service }) =>
        service.resetPassword(name, {}, cliPrincipal()),
      );
      console.log(`one-time password for "${name}": ${password}`);
    });
}
