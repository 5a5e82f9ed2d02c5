import { describe, expect, it } from 'vitest';
import { inputFingerprint } from '../../src/app/input-fingerprint.ts';
import { loadScenarioFile, referenceScenarioFiles } from '../../src/app/reference-data.ts';
import { compareParamsSchema } from '../../src/contract/compare.ts';
import type { ScenarioDocument } from '../../src/domain/scenario-schema.ts';
import { branchDocument, branchRequestSchema } from '../../src/domain/variants.ts';
import { CASES, VARIANTS, compareQuery } from './family.ts';

function reference(id: string): ScenarioDocument {
  const doc = referenceScenarioFiles()
    .map((f) => loadScenarioFile(f))
    .find((d) => d.id === id);
  if (!doc) throw new Error(`no reference scenario ${id}`);
  return doc;
}

describe('the comparison benchmark family', () => {
  for (const [baseline, requests] of Object.entries(VARIANTS)) {
    it(`branches five distinct variants of ${baseline}, the same each time`, () => {
      const parent = reference(baseline);
      const build = () => requests.map((r) => branchDocument(parent, 1, branchRequestSchema.parse(r)));
      const variants = build();
      expect(build()).toEqual(variants);
      expect(variants).toHaveLength(5);
      // Each what-if changes the inputs, and no two variants are the same course of action.
      const hashes = [parent, ...variants].map((d) => inputFingerprint(d).hash);
      expect(new Set(hashes).size).toBe(6);
      for (const v of variants) {
        expect(v.variantOf?.parent).toBe(baseline);
        expect(v.variantOf?.whatIfs).toHaveLength(1);
        // A what-if that moves nothing would make a variant that is the baseline by another name.
        expect(v.variantOf?.whatIfs[0]?.notes.join(' ')).not.toMatch(/nothing moves|offers nothing|moves no/);
      }
    });
  }

  it('asks valid comparisons; a "new seed" case asks the next seed each run', () => {
    for (const c of CASES) {
      const q = compareParamsSchema.parse(compareQuery(c, 0));
      expect(q.variants).toEqual(VARIANTS[c.baseline]!.map((v) => v.id));
      const next = compareParamsSchema.parse(compareQuery(c, 3));
      if (c.newSeedEachRun) expect(next.seed).toBe((q.seed ?? 1) + 3);
      else expect(next).toEqual(q);
    }
  });
});
