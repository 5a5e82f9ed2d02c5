// The reference what-ifs of data/README.md: each branches from article-2025-03 as documented, and
// the README's table of what each moves is the one the analyses compute (run with
// PRINT_WHAT_IFS=1 to print the table after a deliberate change to the data or the analyses).
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { compareSummaries } from '../domain/comparison/compare.ts';
import type { ComparedFigureKey } from '../domain/comparison/figures.ts';
import { branchDocument, branchRequestSchema } from '../domain/variants.ts';
import { loadExchangeRates, loadScenarioFile } from './reference-data.ts';
import { REFERENCE_BASELINE, REFERENCE_WHAT_IFS } from './reference-what-ifs.ts';
import { summariseScenario } from './scenario-summary.ts';

const COLUMNS: [ComparedFigureKey, string][] = [
  ['counting', 'Counting'],
  ['matchedOnTime', 'Matched on time'],
  ['matchedLate', 'Matched late'],
  ['sustainable12', 'Sustainable 12 months'],
  ['probabilityTargetMet', 'Chance of target'],
  ['closureDay90', 'Closure 90 %'],
  ['closureDay100', 'Closure 100 %'],
];

function format(key: ComparedFigureKey, v: number | null): string {
  if (v === null) return 'never';
  if (key === 'probabilityTargetMet') return `${(v * 100).toFixed(1)} %`;
  if (key.startsWith('closureDay')) return `C+${v}`;
  return v.toLocaleString('en-GB');
}

function table(): string {
  const rates = loadExchangeRates();
  const base = loadScenarioFile(`data/scenarios/${REFERENCE_BASELINE}.yaml`);
  const docs = [
    base,
    ...REFERENCE_WHAT_IFS.map((w) => branchDocument(base, 1, branchRequestSchema.parse(w.request))),
  ];
  const figures = compareSummaries(
    docs.map((doc) => summariseScenario({ doc, rates, partial: false }, {}).summary),
  );
  const value = (key: ComparedFigureKey, i: number) => figures.find((f) => f.key === key)!.values[i] ?? null;
  const cell = (key: ComparedFigureKey, i: number) => {
    const v = value(key, i);
    const b = value(key, 0);
    if (i === 0 || v === b) return format(key, v);
    return `${format(key, v)} (was ${format(key, b)})`;
  };
  const rows = docs.map((doc, i) => [
    i === 0 ? `baseline \`${doc.id}\`` : `\`${doc.id}\``,
    ...COLUMNS.map(([key]) => cell(key, i)),
  ]);
  return [
    `| scenario | ${COLUMNS.map(([, label]) => label).join(' | ')} |`,
    `| ${['---', ...COLUMNS.map(() => '---')].join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
  ].join('\n');
}

describe('the reference what-ifs', () => {
  it('each branches from article-2025-03 and is documented with its CLI options', () => {
    const readme = readFileSync('data/README.md', 'utf8');
    const base = loadScenarioFile(`data/scenarios/${REFERENCE_BASELINE}.yaml`);
    for (const w of REFERENCE_WHAT_IFS) {
      const doc = branchDocument(base, 1, branchRequestSchema.parse(w.request));
      expect(doc.variantOf?.whatIfs.length).toBe(w.request.whatIfs?.length);
      expect(readme).toContain(`coalition branch ${REFERENCE_BASELINE} --id ${w.request.id} ${w.cli}`);
    }
  });

  it("data/README.md's table of what each moves is the one computed", () => {
    const computed = table();
    if (process.env.PRINT_WHAT_IFS) console.log(`\n${computed}`);
    const readme = readFileSync('data/README.md', 'utf8');
    const start = readme.indexOf('<!-- reference-what-ifs:start -->');
    const end = readme.indexOf('<!-- reference-what-ifs:end -->');
    expect(start, 'the table markers in data/README.md').toBeGreaterThan(0);
    // Prettier pads the columns: compare cell by cell.
    const cells = (text: string) =>
      text
        .trim()
        .split('\n')
        .map((row) =>
          row
            .split('|')
            .map((c) => c.trim())
            .map((c) => (/^-+$/.test(c) ? '---' : c)),
        );
    expect(cells(readme.slice(start, end).split('\n').slice(1).join('\n'))).toEqual(cells(computed));
  }, 60_000);
});
