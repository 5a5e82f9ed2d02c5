// Optimality references (HiGHS on a thread of its own, minutes and gigabytes on a large force list)
// are capped: one solves, two may wait, and a fourth asked for at that moment is refused at once
// with 503 and Retry-After instead of starting another solver. The solver here is a stand-in that
// answers when the test lets it, so nothing depends on how long a real solve takes.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { ReferenceSummary } from '../app/deployment-service.ts';
import { openTestApp, type TestApp } from './test-app.ts';

let t: TestApp;
const gates: (() => void)[] = [];
let solves = 0;

beforeAll(async () => {
  t = await openTestApp({
    seed: true,
    referenceSolver: () => {
      solves++;
      return new Promise<ReferenceSummary>((resolve) =>
        gates.push(() => resolve({ status: 'optimal', objective: 1, gapPercent: 0, seconds: 0 })),
      );
    },
  });
});
afterAll(async () => {
  await t.close();
});

const plan = (today: number) =>
  t.app.inject({
    method: 'GET',
    url: `/api/scenarios/article-2025-03/deployment/plan?reference=true&today=${today}`,
    headers: t.as('planner'),
  });

async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((r) => setTimeout(r, 10));
}

it('solves one reference at a time, queues two, refuses the next with 503 and Retry-After', async () => {
  const runner = t.inst.runner;
  const first = plan(0);
  await until(() => runner.stats().referencesRunning === 1);
  const queued = [plan(1), plan(2)];
  await until(() => runner.stats().referencesWaiting === 2);

  const refused = await plan(3);
  expect(refused.statusCode).toBe(503);
  expect(refused.headers['retry-after']).toMatch(/^\d+$/);
  expect(refused.json()).toMatchObject({ error: { code: 'unavailable' } });
  expect(solves).toBe(1);

  // Let them through one by one: each waiting solve starts only when a slot frees.
  gates.shift()!();
  expect((await first).statusCode).toBe(200);
  await until(() => gates.length === 1);
  gates.shift()!();
  await until(() => gates.length === 1);
  gates.shift()!();
  const answers = await Promise.all(queued);
  expect(answers.map((r) => r.statusCode)).toEqual([200, 200]);
  expect(answers[0]!.json()).toMatchObject({
    reference: { status: 'optimal' },
    parameters: { reference: true },
  });
  expect(solves).toBe(3);

  // The same question again is answered from the memo: no new solve.
  expect((await plan(0)).statusCode).toBe(200);
  expect(solves).toBe(3);
});
