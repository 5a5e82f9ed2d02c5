// The API in process for tests (Fastify inject, no port), on an in-memory store with one account
// per role already signed in: `as('planner')` gives the headers of a planner's request. Tests only.
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from './app.ts';
import { openInstallation, type Installation, type InstallationOptions } from '../app/installation.ts';
import { TEST_PASSWORD, TEST_USERS, createTestUsers, type TestUserName } from './test-server.ts';

export interface TestApp {
  app: FastifyInstance;
  inst: Installation;
  /** A session token of each test account. */
  tokens: Record<TestUserName, string>;
  /** Request headers that sign a request as that account. */
  as(user: TestUserName): { authorization: string };
  /** A request as that account: a JSON body when `payload` is given. */
  call(
    user: TestUserName,
    method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
    path: string,
    payload?: unknown,
  ): Promise<LightMyRequestResponse>;
  /** Signs in with a password (default TEST_PASSWORD) and returns the token. */
  login(username: string, password?: string): Promise<string>;
  close(): Promise<void>;
}

export async function openTestApp(
  options: {
    seed?: boolean;
    bodyLimit?: number;
    sessionHours?: number;
    /** Where analyses run (default in-process; `{ mode: 'pool' }` for worker threads). */
    runner?: InstallationOptions['runner'];
    /** Solves plans' LP references (default the HiGHS worker thread). */
    referenceSolver?: InstallationOptions['referenceSolver'];
    /** PostgreSQL instead of in-memory PGlite, in `schema` when given. */
    databaseUrl?: string;
    schema?: string;
    /** Clock of the sign-in service, so tests move time on instead of waiting. */
    now?: () => Date;
  } = {},
): Promise<TestApp> {
  const inst = await openInstallation({
    dataDir: 'memory://',
    databaseUrl: options.databaseUrl,
    schema: options.schema,
    seed: options.seed ?? false,
    ...(options.sessionHours !== undefined && { sessionHours: options.sessionHours }),
    ...(options.runner && { runner: options.runner }),
    ...(options.referenceSolver !== undefined && { referenceSolver: options.referenceSolver }),
    ...(options.now && { now: options.now }),
  });
  await createTestUsers(inst.store);
  const app = await buildApp({
    installation: inst,
    logLevel: false,
    ...(options.bodyLimit !== undefined && { bodyLimit: options.bodyLimit }),
  });
  const login = async (username: string, password = TEST_PASSWORD): Promise<string> => {
    const r = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
    if (r.statusCode !== 200) throw new Error(`sign-in as ${username} failed: ${r.statusCode} ${r.body}`);
    return (r.json() as { token: string }).token;
  };
  const tokens = {} as Record<TestUserName, string>;
  for (const u of TEST_USERS) tokens[u.id] = await login(u.id);
  return {
    app,
    inst,
    tokens,
    as: (user) => ({ authorization: `Bearer ${tokens[user]}` }),
    call: (user, method, path, payload) =>
      app.inject({
        method,
        url: path,
        headers: { authorization: `Bearer ${tokens[user]}` },
        ...(payload !== undefined && { payload: payload as object }),
      }),
    login,
    close: async () => {
      await app.close();
      await inst.close();
    },
  };
}
