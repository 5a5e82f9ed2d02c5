// Branching a scenario into a variant: the request (the variant's id and name, and the what-ifs to
// make, in order), and the variant document it gives. The variant records its parent, the parent's
// version it was branched from and the what-ifs made (`variantOf`), and is otherwise an ordinary
// scenario, edited like any other. Pure: the service reads the parent and stores the variant.
import { z } from 'zod';
import { cDaySchema, nationIdSchema, scenarioIdSchema } from './ids.ts';
import { invalid } from './errors.ts';
import { arcIdSchema, nodeIdSchema } from './deployment/network.ts';
import { text } from './schema-parts.ts';
import type { ScenarioDocument } from './scenario-schema.ts';
import { applyWhatIf, WhatIfError, type WhatIf } from './what-ifs.ts';

const closing = {
  from: cDaySchema,
  to: cDaySchema,
  reason: text(500),
};

/** A what-if as a client writes it; the kinds and fields of `WhatIf`. */
export const whatIfSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({
      kind: z.literal('nation-joins'),
      nation: nationIdSchema,
      stance: z.enum(['committed', 'supportive', 'lead']).optional(),
      liftCaveats: z.boolean({ error: 'must be true or false' }).optional(),
    }),
    z.strictObject({ kind: z.literal('nation-withdraws'), nation: nationIdSchema }),
    z.strictObject({ kind: z.literal('us-backstop') }),
    z.strictObject({ kind: z.literal('close-arc'), arc: arcIdSchema, ...closing }),
    z.strictObject({ kind: z.literal('close-node'), node: nodeIdSchema, ...closing }),
    z.strictObject({
      kind: z.literal('target'),
      personnel: z.number().int('must be a whole number').min(1, 'must be at least 1'),
    }),
  ],
  {
    error: 'must be a what-if: nation-joins, nation-withdraws, us-backstop, close-arc, close-node or target',
  },
);

export const branchRequestSchema = z.strictObject({
  /** The variant's scenario id. */
  id: scenarioIdSchema,
  /** Default: the parent's name and the what-ifs' titles. */
  name: text(200).optional(),
  /** Made in order, each on the result of the one before. */
  whatIfs: z.array(whatIfSchema).max(20, 'must be at most 20 what-ifs').default([]),
});
export type BranchRequest = z.output<typeof branchRequestSchema>;

/**
 * The variant of `parent` (at `parentVersion`) that `request` asks for. A what-if that names what the
 * parent does not have is refused at its field (`whatIfs[1].nation`).
 */
export function branchDocument(
  parent: ScenarioDocument,
  parentVersion: number,
  request: BranchRequest,
): ScenarioDocument {
  let doc = parent;
  const made: NonNullable<ScenarioDocument['variantOf']>['whatIfs'] = [];
  request.whatIfs.forEach((w, i) => {
    try {
      const result = applyWhatIf(doc, w as WhatIf);
      doc = result.document;
      made.push({ title: result.title, changes: result.changes, notes: result.notes });
    } catch (e) {
      if (e instanceof WhatIfError) throw invalid([{ path: `whatIfs[${i}].${e.field}`, message: e.message }]);
      throw e;
    }
  });
  const titles = made.map((m) => m.title);
  return {
    ...doc,
    id: request.id,
    // A default name within the 200 characters a name may have.
    name:
      request.name ?? `${parent.name}: ${titles.length > 0 ? titles.join('; ') : 'variant'}`.slice(0, 200),
    variantOf: { parent: parent.id, parentVersion, whatIfs: made },
  };
}
