// `coalition compare BASELINE VARIANT…`: courses of action side by side, from the same CompareService
// as GET /api/scenarios/:id/compare (in this process or over HTTP), so the figures are the API's.
// Tables by default (compare-print.ts); --json prints the API's envelope as it is. The arguments
// are checked by the contract's schema before the store is opened or a server asked, and a refusal
// names what the user typed: `--criteria (criteria[0].weight): must be a number`, `VARIANT[0]
// "article-2025-03": is the baseline itself`, `--draws: …`.
import { compareParamsSchema, type CompareArgs } from '../../contract/compare.ts';
import { COMPARED_FIGURE_KEYS, type ComparedFigureKey } from '../../domain/comparison/figures.ts';
import { invalid, type FieldIssue } from '../../domain/errors.ts';
import { zodIssues } from '../../domain/scenario-document.ts';
import { withBackend, type Connect } from '../connect.ts';
import {
  assumptionFlag,
  assumptionQuery,
  renamingFields,
  type AssumptionOptions,
} from './assumption-flags.ts';
import { figureByName, printComparison } from './compare-print.ts';

export interface CompareOptions extends AssumptionOptions {
  json?: boolean;
  criteria?: string;
  drivers?: string;
}

export async function compare(
  baseline: string,
  variants: string[],
  opts: CompareOptions,
  connect: Connect,
): Promise<void> {
  const drivers = driversFigure(opts.drivers);
  const rename = (path: string) =>
    criteriaFlag(path) ?? variantArgument(path, variants) ?? assumptionFlag(path);
  const args = parseCompareArgs(baseline, variants, opts, rename);
  const body = await withBackend(connect, (b) => b.compare(baseline, args)).catch((e: unknown) => {
    throw renamingFields(e, rename);
  });
  console.log(opts.json ? JSON.stringify(body, null, 2) : printComparison(body, { drivers }));
}

/** The arguments as the API's schema reads them, or the refusal naming the flags at fault. */
function parseCompareArgs(
  baseline: string,
  variants: readonly string[],
  opts: CompareOptions,
  rename: (path: string) => string | undefined,
): CompareArgs {
  const parsed = compareParamsSchema.safeParse({
    variants: [...variants],
    ...(opts.criteria !== undefined && { criteria: opts.criteria }),
    ...assumptionQuery(opts),
  });
  const issues: FieldIssue[] = parsed.success ? [] : zodIssues(parsed.error);
  issues.push(...variantIssues(baseline, variants, 'variants'));
  if (issues.length > 0) throw renamingFields(invalid(issues), rename);
  return parsed.data!;
}

/** The service's own checks of the variants, made before anything is opened. */
export function variantIssues(baseline: string, variants: readonly string[], path: string): FieldIssue[] {
  return variants.flatMap((id, i) =>
    id === baseline
      ? [{ path: `${path}[${i}]`, message: 'is the baseline itself' }]
      : variants.indexOf(id) !== i
        ? [{ path: `${path}[${i}]`, message: `names ${id} twice` }]
        : [],
  );
}

/** `criteria[0].weight` → `--criteria (criteria[0].weight)`: which criterion and which part of it. */
export function criteriaFlag(path: string): string | undefined {
  if (path === 'criteria') return '--criteria';
  return path.startsWith('criteria[') ? `--criteria (${path})` : undefined;
}

/** `variants[1]` → `VARIANT[1] "germany-joins"`: the argument as typed. */
function variantArgument(path: string, variants: readonly string[]): string | undefined {
  if (path === 'variants') return 'VARIANT';
  const m = /^variants\[(\d+)\]$/.exec(path);
  if (!m) return undefined;
  const id = variants[Number(m[1])];
  return id === undefined ? `VARIANT[${m[1]}]` : `VARIANT[${m[1]}] "${id}"`;
}

function driversFigure(name: string | undefined): ComparedFigureKey | undefined {
  if (name === undefined) return undefined;
  const key = figureByName(name);
  if (key === undefined)
    throw invalid([
      {
        path: '--drivers',
        message: `"${name}" is not a compared figure: write one of ${COMPARED_FIGURE_KEYS.join(', ')}`,
      },
    ]);
  return key;
}
