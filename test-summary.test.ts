import { describe, expect, it } from 'vitest';
import {
  NO_CHROMIUM,
  NO_POSTGRES,
  NO_REASON,
  TODO,
  skippedFor,
  summarize,
  summaryLines,
  type SummaryNode,
  type SummarySuite,
  type SummaryTest,
} from './test-summary.ts';

const test = (name: string, state: SummaryTest['state'], extra: Partial<SummaryTest> = {}): SummaryTest => ({
  kind: 'test',
  name,
  state,
  mode: state === 'skipped' ? 'skip' : 'run',
  ...extra,
});
const suite = (name: string, children: SummaryNode[], errors = 0): SummarySuite => ({
  kind: 'suite',
  name,
  errors,
  children,
});
const file = (name: string, children: SummaryNode[], errors = 0): SummarySuite => ({
  kind: 'module',
  name,
  errors,
  children,
});

describe('summarize', () => {
  it('counts passed, failed and skipped tests at any depth', () => {
    const s = summarize([
      file('a.test.ts', [
        test('1', 'passed'),
        suite('s', [test('2', 'failed'), suite('t', [test('3', 'passed')])]),
      ]),
      file('b.test.ts', [test('4', 'skipped')]),
    ]);
    expect(s).toMatchObject({ passed: 2, failed: 1, skipped: 1, brokenBlocks: [], unfinished: 0 });
  });

  it('counts a file that failed to import as one failure, since it has no tests to count', () => {
    const s = summarize([file('broken.test.ts', [], 1), file('ok.test.ts', [test('1', 'passed')])]);
    expect(s).toMatchObject({ passed: 1, failed: 1, skipped: 0, brokenBlocks: ['broken.test.ts'] });
  });

  it('counts the tests of a suite whose beforeAll threw as failed, not skipped', () => {
    // vitest reports them as skipped with mode "run": they were meant to run and did not.
    const s = summarize([
      file('db.test.ts', [
        suite(
          'PostgreSQL',
          [
            test('one', 'skipped', { mode: 'run' }),
            suite('inner', [test('two', 'skipped', { mode: 'run' })]),
            test('declared skip', 'skipped', { mode: 'skip' }),
          ],
          1,
        ),
        test('outside', 'passed'),
      ]),
    ]);
    expect(s).toMatchObject({ passed: 1, failed: 2, skipped: 1, brokenBlocks: ['db.test.ts > PostgreSQL'] });
  });

  it('counts a suite whose afterAll threw once, when none of its tests failed', () => {
    const s = summarize([file('t.test.ts', [suite('teardown', [test('ok', 'passed')], 1)])]);
    expect(s).toMatchObject({ passed: 1, failed: 1, skipped: 0 });
    const both = summarize([file('t.test.ts', [suite('teardown', [test('bad', 'failed')], 1)])]);
    expect(both.failed).toBe(1);
  });

  it('counts every skipped test once, grouped by its reason, most first', () => {
    const pg = skippedFor(NO_POSTGRES).meta!.skipReason;
    const s = summarize([
      file('store.test.ts', [
        suite('PostgreSQL', [
          test('1', 'skipped', { skipReason: pg }),
          test('2', 'skipped', { skipReason: pg }),
        ]),
        test('3', 'skipped', { skipReason: pg }),
      ]),
      file('e2e.test.ts', [test('4', 'skipped', { mode: 'run', note: NO_CHROMIUM })]),
      file('misc.test.ts', [test('5', 'skipped', { mode: 'todo' }), test('6', 'skipped')]),
    ]);
    expect(s.skipped).toBe(6);
    expect(s.skippedBy).toEqual([
      [NO_POSTGRES, 3],
      [NO_CHROMIUM, 1],
      [NO_REASON, 1],
      [TODO, 1],
    ]);
  });

  it('counts tests that never finished and unhandled errors as failed', () => {
    const s = summarize([file('slow.test.ts', [test('1', 'pending'), test('2', 'passed')])], 2);
    expect(s).toMatchObject({ passed: 1, failed: 3, unfinished: 1 });
  });
});

describe('skippedFor', () => {
  it('skips with the reason in the meta, or changes nothing', () => {
    expect(skippedFor(NO_POSTGRES)).toEqual({ skip: true, meta: { skipReason: NO_POSTGRES } });
    expect(skippedFor(undefined)).toEqual({});
  });
});

describe('summaryLines', () => {
  it('ends with the plain closing line alone, the seed and the reasons before it', () => {
    const s = summarize([
      file('a.test.ts', [test('1', 'passed'), test('2', 'skipped', { skipReason: NO_POSTGRES })]),
      file('b.test.ts', [], 1),
    ]);
    const lines = summaryLines(s, 42);
    expect(lines.at(-1)).toBe('tests: 1 passed, 1 failed, 1 skipped');
    expect(lines.at(-1)).toMatch(/^tests: \d+ passed, \d+ failed, \d+ skipped$/);
    expect(lines).toContain('fast-check seed: 42 (override with FC_SEED)');
    expect(lines).toContain(`skipped: 1 (${NO_POSTGRES})`);
    expect(lines.some((l) => l.includes('b.test.ts'))).toBe(true);
  });
});
