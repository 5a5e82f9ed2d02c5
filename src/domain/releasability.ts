// The releasability marking a record may carry: a field of every record schema (see schema-parts.ts),
// so it sits below them. The rules that read it (who may see and change what) are in access.ts, which
// needs to know the record kinds and so sits above the records.
import { z } from 'zod';
import { nationIdSchema } from './ids.ts';

export const RELEASABILITY_LEVELS = ['PUBLIC', 'COALITION', 'REL_TO'] as const;
export type ReleasabilityLevel = (typeof RELEASABILITY_LEVELS)[number];

/**
 * Releasability marking of a record. PUBLIC: anyone signed in. COALITION: coalition staff and the
 * liaison officers of any nation. REL_TO: coalition staff and the liaison officers of the listed
 * nations only. A nation's own records are always visible to its own liaison officers.
 */
export const releasabilitySchema = z
  .strictObject({
    level: z.enum(RELEASABILITY_LEVELS, { error: `must be one of ${RELEASABILITY_LEVELS.join(', ')}` }),
    nations: z.array(nationIdSchema).default([]),
  })
  .superRefine((r, ctx) => {
    if (r.level === 'REL_TO' && r.nations.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['nations'],
        message: 'must list at least one nation for REL_TO',
      });
    }
    if (r.level !== 'REL_TO' && r.nations.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['nations'], message: `must be empty for ${r.level}` });
    }
  });
export type Releasability = z.output<typeof releasabilitySchema>;

export const PUBLIC: Releasability = { level: 'PUBLIC', nations: [] };
