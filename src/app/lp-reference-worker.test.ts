import { describe, expect, it } from 'vitest';
import { generateDeploymentInstance } from '../planner/deploy/instance-generator.ts';
import { planDeployment } from '../planner/deploy/schedule.ts';
import { solveReferenceInWorker } from './lp-reference-worker.ts';

describe('solveReferenceInWorker', () => {
  it('solves a small instance on a worker thread', async () => {
    const { network, ulns } = generateDeploymentInstance({ seed: 3, ulnCount: 20, scenario: 'surge' });
    const progress: number[] = [];
    const result = await solveReferenceInWorker(network, ulns, {
      timeLimitSeconds: 20,
      onProgress: (p) => progress.push(p.iteration),
    });
    expect(result).toMatchObject({ status: 'optimal', method: 'column-generation', ulns: 20 });
    if (!('method' in result)) throw new Error('expected a solve result');
    expect(result.objective).toBeLessThanOrEqual(
      planDeployment(network, ulns).objective.weightedPersonnelDaysLate + 1e-6,
    );
    expect(result.closureCurve).toBeInstanceOf(Float64Array);
    expect(progress.length).toBe(result.iterations);
  });

  it('returns time-limit cleanly when the solve runs out of time', async () => {
    const { network, ulns } = generateDeploymentInstance({ seed: 3, ulnCount: 1000, scenario: 'surge' });
    // A generous grace: on a loaded machine the thread may take seconds just to start, and this test
    // is about HiGHS's own limit answering, not about the thread being terminated.
    const result = await solveReferenceInWorker(network, ulns, { timeLimitSeconds: 0.2, graceSeconds: 60 });
    expect(result.status).toBe('time-limit');
    expect('terminated' in result).toBe(false);
    expect(result.lowerBound).toBeGreaterThanOrEqual(0);
  });

  it('terminates a thread that overruns its limit', async () => {
    const { network, ulns } = generateDeploymentInstance({ seed: 3, ulnCount: 200, scenario: 'normal' });
    const started = performance.now();
    const result = await solveReferenceInWorker(network, ulns, {
      timeLimitSeconds: 0.01,
      graceSeconds: 0.05,
    });
    expect(result).toMatchObject({ status: 'time-limit', terminated: true });
    // Bounded by the thread being stopped, not by the solve: far below an unlimited solve's minutes
    // even on a busy machine, where starting a thread alone can take seconds.
    expect(performance.now() - started).toBeLessThan(60_000);
  });
});
