// The briefing pack's what-ifs: the baseline and its variants compared on the headline figures of
// every analysis, the FM 5-0 course-of-action matrix with its weights, and the recommended course
// (the first place of the matrix). Computed for the pack's audience from the documents as the
// audience sees them, by the same summary and comparison code as the Compare page.
import type { CompareResult } from '../../contract/compare.ts';
import type { PackSection } from '../../domain/brief/pack.ts';
import type { ExchangeRates } from '../../domain/exchange-rates.ts';
import type { ScenarioDocument } from '../../domain/scenario-schema.ts';
import { assembleComparison } from '../comparison.ts';
import { summariseScenario } from '../scenario-summary.ts';
import { list, n, pct, right, table, text } from './pack-format.ts';

/** The comparison of `docs` (the baseline first) as the Compare page computes it. */
export function compareForPack(
  docs: readonly ScenarioDocument[],
  rates: ExchangeRates,
  partial: boolean,
  mc: { draws: number; seed: number },
): CompareResult {
  const summaries = docs.map((doc) => summariseScenario({ doc, rates, partial }, mc));
  return assembleComparison(docs, summaries, undefined, partial).result;
}

function value(v: number | null, unit: string): string {
  if (v === null) return '—';
  if (unit === 'probability') return pct(v, 1);
  if (unit === 'EUR') return `EUR ${(v / 1e6).toLocaleString('en-GB', { maximumFractionDigits: 1 })}m`;
  if (unit === 'C-day') return `C+${v}`;
  return n(v);
}

export function whatIfSection(c: CompareResult): PackSection {
  // Columns by short name; the list above them says which scenario each is.
  const names = c.scenarios.map((_, i) => (i === 0 ? 'Baseline' : `COA ${i}`));
  const coa = c.coa;
  const best = coa.places.indexOf(1);
  const preferred = c.scenarios[best];
  const headline = [
    'target',
    'matchedOnTime',
    'shortfallAgainstTarget',
    'probabilityTargetMet',
    'closureDay100',
    'within50km',
  ];
  const shown = c.figures.filter((f) => headline.includes(f.key) || coa.rows.some((r) => r.figure === f.key));
  return {
    id: 'what-ifs',
    title: 'Courses of action compared',
    newPage: true,
    blocks: [
      list(
        c.scenarios.map(
          (s, i) =>
            `${i === 0 ? 'Baseline' : `COA ${i}`}: ${s.name}${s.variantOf ? ` — ${s.variantOf.whatIfs.join('; ')}` : ''}`,
        ),
      ),
      table(
        'The figures side by side (deltas against the baseline)',
        ['Figure', ...names.map((x) => right(x))],
        shown.map((f) => [
          f.label,
          ...f.values.map((v, i) => {
            const d = f.deltas[i] ?? null;
            return i === 0 || d === null || d === 0
              ? value(v, f.unit)
              : `${value(v, f.unit)} (${d > 0 ? '+' : ''}${f.unit === 'probability' ? pct(d, 1) : n(d)})`;
          }),
        ]),
      ),
      table(
        'Course-of-action matrix (rank × weight; the lowest total is preferred)',
        ['Criterion', right('Weight'), ...names.map((x) => right(x))],
        [
          ...coa.rows.map((r) => [
            r.label,
            String(r.weight),
            ...r.weighted.map((w, i) => `${w} (rank ${r.ranks[i]})`),
          ]),
          ['Total', '', ...coa.totals.map((t) => String(t))],
          ['Place', '', ...coa.places.map((p) => String(p))],
        ],
      ),
      text(
        preferred
          ? `Recommended course: ${preferred.name} (first place in the matrix, total ${coa.totals[best]}).` +
              (coa.failsBenchmark[best]!.length > 0
                ? ` It misses the benchmark on: ${coa.failsBenchmark[best]!.join(', ')}.`
                : '')
          : 'No course of action to recommend.',
      ),
    ],
  };
}
