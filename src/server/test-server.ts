// A real server on an in-memory store seeded with the reference scenarios, on a free loopback
// port: what the browser tests and the CLI tests drive.
import { buildApp } from './app.ts';
import { openInstallation } from './bootstrap.ts';

export interface TestServer {
  url: string;
  close(): Promise<void>;
}

export async function startTestServer(options: { seed?: boolean } = {}): Promise<TestServer> {
  const installation = await openInstallation({ dataDir: 'memory://', seed: options.seed ?? true });
  const app = await buildApp({ service: installation.service, logLevel: false });
  const address = await app.listen({ host: '127.0.0.1', port: 0 });
  return {
    url: address,
    close: async () => {
      await app.close();
      await installation.close();
    },
  };
}
