// The comparison benchmark's family of cases (bench/compare/run.ts): each reference scenario and the
// five variants branched from it through the service (CoalitionService.branchScenario, as
// `POST /api/scenarios/:id/branch` does), and the compare parameters of each case. Fixed data, no
// randomness: the same run branches the same variants and asks the same comparisons.
import type { CompareQuery } from '../../src/contract/compare.ts';
import type { WhatIf } from '../../src/domain/what-ifs.ts';

export const ARTICLE = 'article-2025-03';
export const REPORTED = 'reported-2026-01';

/** The Medyka–Shehyni road crossing (article-2025-03 and reported-2026-01 network), closed C+0 to C+30. */
export const MEDYKA = 'POL-MEDYKA-ROAD';
const medykaClosed: WhatIf = {
  kind: 'close-node',
  node: MEDYKA,
  from: 0,
  to: 30,
  reason: 'crossing closed for a month (benchmark what-if)',
};

/** The body of a branch request (branchRequestSchema): the variant's id and its what-ifs. */
export interface VariantRequest {
  id: string;
  whatIfs: WhatIf[];
}

/**
 * Five variants per baseline, one what-if each. The article's are issue 14's; the reported
 * scenario's are what applies to it: Italy offers nothing there (joining would move no figure), so
 * the Netherlands (considering, its one offer needs a US backstop) joins with caveats kept and
 * Sweden (considering, likewise) with caveats lifted, and Turkey (committed, two offers) withdraws.
 */
export const VARIANTS: Record<string, VariantRequest[]> = {
  [ARTICLE]: [
    { id: 'bench-a-deu-kept', whatIfs: [{ kind: 'nation-joins', nation: 'DEU' }] },
    { id: 'bench-a-deu-lifted', whatIfs: [{ kind: 'nation-joins', nation: 'DEU', liftCaveats: true }] },
    { id: 'bench-a-us-backstop', whatIfs: [{ kind: 'us-backstop' }] },
    { id: 'bench-a-ita-withdraws', whatIfs: [{ kind: 'nation-withdraws', nation: 'ITA' }] },
    { id: 'bench-a-medyka-closed', whatIfs: [medykaClosed] },
  ],
  [REPORTED]: [
    { id: 'bench-r-nld-kept', whatIfs: [{ kind: 'nation-joins', nation: 'NLD' }] },
    { id: 'bench-r-swe-lifted', whatIfs: [{ kind: 'nation-joins', nation: 'SWE', liftCaveats: true }] },
    { id: 'bench-r-us-backstop', whatIfs: [{ kind: 'us-backstop' }] },
    { id: 'bench-r-tur-withdraws', whatIfs: [{ kind: 'nation-withdraws', nation: 'TUR' }] },
    { id: 'bench-r-medyka-closed', whatIfs: [medykaClosed] },
  ],
};

export interface CompareCase {
  name: string;
  baseline: string;
  /** The compare parameters besides `variants`: the fill's switches and the Monte Carlo's seed. */
  params: { allowLate?: boolean; usBackstop?: boolean; seed?: number };
  /**
   * Each cold run asks with the next seed (seed, seed + 1, …) instead of clearing the memo: a seed
   * nobody asked for is a new key for every scenario, so the work is done again for that reason.
   */
  newSeedEachRun?: boolean;
}

export const CASES: CompareCase[] = [
  { name: 'article, defaults', baseline: ARTICLE, params: {} },
  { name: 'article, new seed', baseline: ARTICLE, params: { seed: 2 }, newSeedEachRun: true },
  { name: 'reported, defaults', baseline: REPORTED, params: {} },
  // The heaviest shape a user can ask for: late matches counted (more offer-to-line arcs) and the
  // US backstop given (the German and Italian offers count), so every fill, the Monte Carlo's 10,000
  // included, searches the most.
  { name: 'article, late + backstop', baseline: ARTICLE, params: { allowLate: true, usBackstop: true } },
  { name: 'reported, late + backstop', baseline: REPORTED, params: { allowLate: true, usBackstop: true } },
];

/** The compare query of a case's run `run` (0-based). */
export function compareQuery(c: CompareCase, run: number): CompareQuery {
  const params = c.newSeedEachRun ? { ...c.params, seed: (c.params.seed ?? 1) + run } : c.params;
  return { ...params, variants: VARIANTS[c.baseline]!.map((v) => v.id) };
}
