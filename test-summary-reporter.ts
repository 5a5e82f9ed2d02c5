// Prints the run's fast-check seed, what was skipped and why, and one plain closing line,
// "tests: N passed, N failed, N skipped", that CI tooling reads. The counting rules are in
// test-summary.ts; this file only turns vitest's reported tree into that module's plain one.
import type { Reporter, SerializedError, TestCase, TestModule, TestSuite } from 'vitest/node';
import { summarize, summaryLines, type SummaryNode, type SummarySuite } from './test-summary.ts';
import { fastCheckSeed } from './test-seed.ts';

function toNode(node: TestCase | TestSuite): SummaryNode {
  if (node.type === 'test') {
    const result = node.result();
    return {
      kind: 'test',
      name: node.name,
      state: result.state,
      mode: node.options.mode,
      note: result.state === 'skipped' ? result.note : undefined,
      skipReason: node.meta().skipReason,
    };
  }
  return toSuite('suite', node.name, node);
}

function toSuite(kind: 'module' | 'suite', name: string, node: TestModule | TestSuite): SummarySuite {
  return { kind, name, errors: node.errors().length, children: node.children.array().map(toNode) };
}

export default class SummaryReporter implements Reporter {
  onTestRunEnd(
    testModules: ReadonlyArray<TestModule>,
    unhandledErrors: ReadonlyArray<SerializedError>,
  ): void {
    const modules = testModules.map((m) => toSuite('module', m.relativeModuleId, m));
    const summary = summarize(modules, unhandledErrors.length);
    console.log(`\n${summaryLines(summary, fastCheckSeed(), unhandledErrors.length).join('\n')}`);
  }
}
