// Heavy work never runs on the request thread: while four 100,000-draw analyses are in flight on a
// real server (worker pool, as `coalition serve` runs it), another signed-in user's simple GET is
// answered at once. Proved by order rather than by a stopwatch alone: the GET is answered while
// every heavy analysis is still running (each takes seconds of CPU however fast the machine), and
// its time is printed beside the bound of one second.
import { performance } from 'node:perf_hooks';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startTestServer, type TestServer } from './test-server.ts';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server.close();
});

it('answers a simple GET in well under a second while four 100,000-draw analyses run', async () => {
  const [planner, observer] = await Promise.all([server.login('planner'), server.login('observer')]);
  const runner = server.installation.runner;
  expect(runner.mode).toBe('pool');
  let finished = 0;
  const heavy = [1, 2, 3, 4].map((seed) =>
    fetch(`${server.url}/api/scenarios/article-2025-03/analysis?draws=100000&seed=${1000 + seed}`, {
      headers: { authorization: `Bearer ${planner}` },
    }).then(async (r) => {
      await r.arrayBuffer();
      finished++;
      return r.status;
    }),
  );
  // Wait (without a deadline of our own) until all four are with the runner.
  while (runner.stats().pending < 4) await new Promise((r) => setTimeout(r, 20));

  const started = performance.now();
  const res = await fetch(`${server.url}/api/scenarios`, {
    headers: { authorization: `Bearer ${observer}` },
  });
  const body = (await res.json()) as { items: unknown[] };
  const ms = performance.now() - started;
  const stillRunning = 4 - finished;
  console.log(
    `simple GET with 4 heavy analyses in flight: ${ms.toFixed(1)} ms; ${stillRunning} of 4 still running`,
  );

  expect(res.status).toBe(200);
  expect(body.items.length).toBeGreaterThan(0);
  // All four queue behind one another on the pool: none can be done a few milliseconds after the
  // GET went out, however fast the machine, so at least the last is still running.
  expect(stillRunning).toBeGreaterThan(0);
  expect(ms).toBeLessThan(1000);
  expect(await Promise.all(heavy)).toEqual([200, 200, 200, 200]);
}, 300_000);
