// A real server on an in-memory store seeded with the reference scenarios, on a free loopback
// port, with one account per role: what the browser tests and the CLI tests drive. Tests only.
import { SYSTEM_PRINCIPAL, type Role } from '../domain/access.ts';
import type { Store } from '../storage/store.ts';
import { buildApp } from './app.ts';
import { openInstallation, type Installation, type InstallationOptions } from '../app/installation.ts';
import { hashPassword } from '../app/passwords.ts';

/** The password of every test account. */
export const TEST_PASSWORD = 'correct horse battery staple';

export interface TestUser {
  id: string;
  role: Role;
  nation?: string;
  displayName?: string;
  mustChangePassword?: boolean;
  disabled?: boolean;
}

export const TEST_USERS = [
  { id: 'admin', role: 'administrator', displayName: 'Test administrator' },
  { id: 'planner', role: 'planner', displayName: 'Test planner' },
  { id: 'liaison-gbr', role: 'liaison', nation: 'GBR', displayName: 'Test liaison GBR' },
  { id: 'liaison-fra', role: 'liaison', nation: 'FRA', displayName: 'Test liaison FRA' },
  { id: 'observer', role: 'observer', displayName: 'Test observer' },
] as const satisfies readonly TestUser[];

export type TestUserName = (typeof TEST_USERS)[number]['id'];

let testHash: Promise<string> | undefined;

/**
 * Creates the accounts straight in the store, all with TEST_PASSWORD. scrypt is slow on purpose,
 * so the one hash is computed once per process and shared (a salt shared by test accounts is harmless).
 */
export async function createTestUsers(store: Store, users: readonly TestUser[] = TEST_USERS): Promise<void> {
  testHash ??= hashPassword(TEST_PASSWORD);
  const passwordHash = await testHash;
  for (const u of users) {
    const created = await store.createUser(
      {
        id: u.id,
        displayName: u.displayName ?? u.id,
        role: u.role,
        nation: u.nation ?? null,
        passwordHash,
        mustChangePassword: u.mustChangePassword ?? false,
      },
      SYSTEM_PRINCIPAL,
    );
    if (u.disabled) await store.updateUser(u.id, { disabled: true }, created.version, SYSTEM_PRINCIPAL);
  }
}

export interface TestServer {
  url: string;
  installation: Installation;
  close(): Promise<void>;
  /** Signs in over HTTP with TEST_PASSWORD and returns the session token. */
  login(username: string, password?: string): Promise<string>;
}

export async function startTestServer(
  options: { seed?: boolean; users?: readonly TestUser[]; runner?: InstallationOptions['runner'] } = {},
): Promise<TestServer> {
  // A real server: heavy work on worker threads, as `coalition serve` runs it.
  const installation = await openInstallation({
    dataDir: 'memory://',
    seed: options.seed ?? true,
    runner: options.runner ?? { mode: 'pool' },
  });
  await createTestUsers(installation.store, options.users ?? TEST_USERS);
  const app = await buildApp({ installation, logLevel: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    installation,
    close: async () => {
      await app.close();
      await installation.close();
    },
    login: async (username, password = TEST_PASSWORD) => {
      const res = await fetch(`${address}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username, password }),
      });
      if (res.status !== 200)
        throw new Error(`sign-in as ${username} failed: ${res.status} ${await res.text()}`);
      return ((await res.json()) as { token: string }).token;
    },
  };
}
