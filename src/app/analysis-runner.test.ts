// The analysis runner: memo, shared flights, the bounded queue, cancellation and errors carried
// across threads, in-process and on a real worker pool (the TypeScript worker loaded through tsx).
// No assertion depends on how long anything takes: long jobs are 100,000-draw Monte Carlos, which
// are still running whenever the test looks, however busy the machine.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAnalysisParams } from './analysis-service.ts';
import { AnalysisRunner } from './analysis-runner.ts';
import type { Job } from './jobs.ts';
import { loadExchangeRates, loadScenarioFile, referenceScenarioFiles } from './reference-data.ts';
import { DomainError } from '../domain/errors.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';

const rates = loadExchangeRates();
const doc: ScenarioDocument = loadScenarioFile(referenceScenarioFiles().find((f) => f.includes('article'))!);
const scope = { partial: false };

function analysisJob(kind: 'fill' | 'resilience' | 'dashboard', query: Record<string, unknown> = {}): Job {
  return { type: 'analysis', kind, doc, scope, args: parseAnalysisParams(kind, query) };
}
const longJob = (seed: number) => analysisJob('resilience', { draws: 100_000, seed });

describe('in-process', () => {
  it('answers a repeated key from the memo without building the job again', async () => {
    const runner = new AnalysisRunner({ mode: 'inline', rates });
    let built = 0;
    const make = () => {
      built++;
      return analysisJob('fill');
    };
    const first = await runner.run(make, { key: 'k' });
    const second = await runner.run(make, { key: 'k' });
    expect(built).toBe(1);
    expect(second).toBe(first);
    expect(runner.stats()).toMatchObject({ memoHits: 1, memoMisses: 1, memoEntries: 1 });
    const parsed = JSON.parse(first.text) as {
      scenario: string;
      result: { totals: { personnelTarget: number } };
    };
    expect(parsed.scenario).toBe('article-2025-03');
    expect(parsed.result.totals.personnelTarget).toBe(100_000);
  });

  it('does not memoise without a key, nor a failure', async () => {
    const runner = new AnalysisRunner({ mode: 'inline', rates });
    await runner.run(() => analysisJob('fill'));
    const noNetwork = { ...doc, network: { nodes: [], arcs: [] } };
    const plan: Job = {
      type: 'plan',
      doc: noNetwork,
      scope,
      options: {},
      reference: false,
      boundSeconds: 0,
    };
    await expect(runner.run(() => plan, { key: 'p' })).rejects.toMatchObject({ code: 'invalid' });
    expect(runner.stats().memoEntries).toBe(0);
  });

  it('evicts the least recently used answers beyond its byte budget', async () => {
    const runner = new AnalysisRunner({ mode: 'inline', rates, memoBytes: 1 });
    await runner.run(() => analysisJob('fill'), { key: 'a' });
    // An answer larger than the whole budget is not kept at all.
    expect(runner.stats().memoEntries).toBe(0);
  });
});

describe('worker pool', () => {
  let runner: AnalysisRunner;
  beforeAll(() => {
    runner = new AnalysisRunner({ mode: 'pool', rates, threads: 1, maxQueue: 1 });
  });
  afterAll(async () => {
    await runner.close();
  });

  it('computes on a worker thread exactly what the in-process runner computes', async () => {
    const inline = new AnalysisRunner({ mode: 'inline', rates });
    const job = analysisJob('dashboard', { draws: 500 });
    const [pooled, local] = await Promise.all([runner.run(() => job), inline.run(() => job)]);
    expect(pooled.text).toBe(local.text);
  });

  it('carries a DomainError across the thread with its code and issues', async () => {
    const plan: Job = {
      type: 'plan',
      doc: { ...doc, network: { nodes: [], arcs: [] } },
      scope,
      options: {},
      reference: false,
      boundSeconds: 0,
    };
    const error = await runner.run(() => plan).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DomainError);
    expect(error).toMatchObject({ code: 'invalid', issues: [{ path: 'network' }] });
  });

  it('runs a key asked for twice at once only once, and both get the answer', async () => {
    let built = 0;
    const make = () => {
      built++;
      return analysisJob('resilience', { draws: 2000, seed: 7 });
    };
    const [a, b] = await Promise.all([
      runner.run(make, { key: 'shared' }),
      runner.run(make, { key: 'shared' }),
    ]);
    expect(built).toBe(1);
    expect(a.text).toBe(b.text);
  });

  it('refuses at once with unavailable and a Retry-After when the queue is full', async () => {
    const controller = new AbortController();
    // One thread and a queue of one: the first runs, the second waits, the third is refused.
    const running = runner.run(() => longJob(101), { signal: controller.signal }).catch((e: unknown) => e);
    const waiting = runner.run(() => longJob(102), { signal: controller.signal }).catch((e: unknown) => e);
    const refused = await runner.run(() => longJob(103)).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ code: 'unavailable', details: { retryAfter: expect.any(Number) } });
    expect(runner.stats().refused).toBeGreaterThanOrEqual(1);
    controller.abort();
    expect(await running).toMatchObject({ name: 'AbortError' });
    expect(await waiting).toMatchObject({ name: 'AbortError' });
  });

  it('cancels work nobody waits for any more, and the pool goes on working', async () => {
    const controller = new AbortController();
    const before = runner.stats().cancelled;
    const pending = runner.run(() => longJob(201), { key: 'long-201', signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(runner.stats().cancelled).toBe(before + 1);
    // Nothing half-done was memoised, and the next job runs (on a fresh thread if need be).
    const after = await runner.run(() => analysisJob('fill'), { key: 'after-cancel' });
    expect(JSON.parse(after.text)).toHaveProperty('result.totals');
    expect(runner.stats().pending).toBe(0);
  });

  it('keeps a shared job running while one of its waiters is still there', async () => {
    const leaving = new AbortController();
    const make = () => analysisJob('resilience', { draws: 3000, seed: 11 });
    const gone = runner.run(make, { key: 'half', signal: leaving.signal });
    const staying = runner.run(make, { key: 'half' });
    leaving.abort();
    await expect(gone).rejects.toMatchObject({ name: 'AbortError' });
    const answer = await staying;
    expect(JSON.parse(answer.text)).toHaveProperty('result.monteCarlo.draws', 3000);
  });
});

describe('optimality references', () => {
  it('holds references beyond the cap and its queue with unavailable, and memoises answers', async () => {
    const runner = new AnalysisRunner({ mode: 'inline', rates, referenceConcurrency: 1, referenceQueue: 1 });
    const releases: (() => void)[] = [];
    const solve = (answer: number) => () =>
      new Promise<number>((resolve) => releases.push(() => resolve(answer)));
    const first = runner.reference('r1', solve(1));
    const second = runner.reference('r2', solve(2));
    await expect(runner.reference('r3', solve(3))).rejects.toMatchObject({ code: 'unavailable' });
    expect(runner.stats().referencesRunning).toBe(1);
    releases.shift()!();
    expect(await first).toBe(1);
    // The waiting one starts once the first is done.
    await new Promise((r) => setImmediate(r));
    releases.shift()!();
    expect(await second).toBe(2);
    let solvedAgain = false;
    expect(
      await runner.reference('r1', async () => {
        solvedAgain = true;
        return 99;
      }),
    ).toBe(1);
    expect(solvedAgain).toBe(false);
  });
});
