// The COA criteria as the Compare page edits them: rows of text (a figure, a weight, a benchmark)
// turned into criteria by the domain's own schema (coaCriteriaSchema), so the page refuses exactly
// what the API would and says so at the field. Edits are actions on the rows (a reducer), so what an
// edit does can be tested without a browser; the matrix is then recomputed from valid criteria.
import {
  COA_CRITERIA_MAX,
  coaCriteriaSchema,
  type CoaCriterion,
} from '../../../src/domain/comparison/coa.ts';
import { COMPARED_FIGURES, type ComparedFigureKey } from '../../../src/domain/comparison/figures.ts';

/** One criterion as typed: the weight and benchmark are text until they are valid numbers. */
export interface CriterionDraft {
  figure: string;
  weight: string;
  benchmark: string;
}

export type CriterionField = 'figure' | 'weight' | 'benchmark';

/** Problems by row and field, and those of the whole list ("must give at least one … above 0"). */
export interface CriteriaIssues {
  rows: Partial<Record<CriterionField, string>>[];
  general: string[];
}

export type CriteriaCheck = { ok: true; criteria: CoaCriterion[] } | { ok: false; issues: CriteriaIssues };

export function draftsOf(criteria: readonly CoaCriterion[]): CriterionDraft[] {
  return criteria.map((c) => ({
    figure: c.figure,
    weight: String(c.weight),
    benchmark: c.benchmark === null ? '' : String(c.benchmark),
  }));
}

/** `100,000` and `100 000` read as 100000; anything else that is not a number stays NaN. */
function numberOf(text: string): number {
  const t = text.trim().replace(/[,\s]/g, '');
  return t === '' ? Number.NaN : Number(t);
}

/** The rows as criteria, or the problems at their fields. */
export function checkDrafts(drafts: readonly CriterionDraft[]): CriteriaCheck {
  const rows: Partial<Record<CriterionField, string>>[] = drafts.map(() => ({}));
  const candidates = drafts.map((d, i) => {
    const weight = numberOf(d.weight);
    if (Number.isNaN(weight)) rows[i]!.weight = `must be a number from 0 to 10`;
    const benchmark = d.benchmark.trim() === '' ? null : numberOf(d.benchmark);
    if (benchmark !== null && Number.isNaN(benchmark))
      rows[i]!.benchmark = 'must be a number, or empty for none';
    return { figure: d.figure, weight, benchmark };
  });
  const general: string[] = [];
  const parsed = coaCriteriaSchema.safeParse(candidates);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [index, field] = issue.path;
      const row = typeof index === 'number' ? rows[index] : undefined;
      if (row && (field === 'figure' || field === 'weight' || field === 'benchmark')) {
        row[field] ??= issue.message;
      } else {
        general.push(issue.message);
      }
    }
  }
  const hasRowIssue = rows.some((r) => Object.keys(r).length > 0);
  if (parsed.success && !hasRowIssue) return { ok: true, criteria: parsed.data };
  return { ok: false, issues: { rows, general: [...new Set(general)] } };
}

/** The figures a criterion may name: the outcomes, those with a better direction. */
export function rankableFigures(available: readonly ComparedFigureKey[]): ComparedFigureKey[] {
  return available.filter((k) => COMPARED_FIGURES[k].better !== null);
}

export type CriteriaAction =
  | { type: 'figure'; index: number; figure: string }
  | { type: 'weight'; index: number; weight: string }
  | { type: 'benchmark'; index: number; benchmark: string }
  | { type: 'remove'; index: number }
  | { type: 'add'; available: readonly ComparedFigureKey[] }
  | { type: 'reset'; criteria: readonly CoaCriterion[] };

export function criteriaReducer(drafts: CriterionDraft[], action: CriteriaAction): CriterionDraft[] {
  const at = (index: number, change: Partial<CriterionDraft>) =>
    drafts.map((d, i) => (i === index ? { ...d, ...change } : d));
  switch (action.type) {
    case 'figure':
      // A benchmark is in the figure's unit: another figure's would mean nothing.
      return at(action.index, { figure: action.figure, benchmark: '' });
    case 'weight':
      return at(action.index, { weight: action.weight });
    case 'benchmark':
      return at(action.index, { benchmark: action.benchmark });
    case 'remove':
      return drafts.filter((_, i) => i !== action.index);
    case 'add': {
      if (drafts.length >= COA_CRITERIA_MAX) return drafts;
      const used = new Set(drafts.map((d) => d.figure));
      const next = rankableFigures(action.available).find((k) => !used.has(k));
      return next ? [...drafts, { figure: next, weight: '1', benchmark: '' }] : drafts;
    }
    case 'reset':
      return draftsOf(action.criteria);
  }
}

/** Whether two lists of criteria are the same (so the address need not carry them). */
export function sameCriteria(a: readonly CoaCriterion[], b: readonly CoaCriterion[]): boolean {
  return (
    a.length === b.length &&
    a.every(
      (c, i) => c.figure === b[i]?.figure && c.weight === b[i]?.weight && c.benchmark === b[i]?.benchmark,
    )
  );
}
