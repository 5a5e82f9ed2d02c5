// The reference what-ifs of the article's coalition (article-2025-03), the four questions the
// article leaves open: Germany joins while the US still gives no backstop; the US gives one; Italy
// withdraws; the Medyka crossings into Ukraine are closed for the first month after C-day. Each is a
// branch request as the API, the CLI and the Branch page take it. data/README.md lists them with the
// figures they move, and src/app/reference-what-ifs.test.ts checks that table against the analyses;
// bench/compare compares them with the baseline.
import type { z } from 'zod';
import type { branchRequestSchema } from '../domain/variants.ts';

export const REFERENCE_BASELINE = 'article-2025-03';

export interface ReferenceWhatIf {
  request: z.input<typeof branchRequestSchema>;
  /** The same as `coalition branch` options, for the README. */
  cli: string;
}

const CLOSURE_REASON = 'Crossing closed (what-if: strikes on the border crossings)';

export const REFERENCE_WHAT_IFS: readonly ReferenceWhatIf[] = [
  {
    request: { id: 'article-germany-joins', whatIfs: [{ kind: 'nation-joins', nation: 'DEU' }] },
    cli: '--what-if nation-joins:DEU',
  },
  {
    request: { id: 'article-us-backstop', whatIfs: [{ kind: 'us-backstop' }] },
    cli: '--what-if us-backstop',
  },
  {
    request: { id: 'article-italy-withdraws', whatIfs: [{ kind: 'nation-withdraws', nation: 'ITA' }] },
    cli: '--what-if nation-withdraws:ITA',
  },
  {
    request: {
      id: 'article-medyka-closed',
      whatIfs: [
        { kind: 'close-node', node: 'POL-MEDYKA-ROAD', from: 0, to: 29, reason: CLOSURE_REASON },
        { kind: 'close-node', node: 'POL-MEDYKA-RAIL', from: 0, to: 29, reason: CLOSURE_REASON },
      ],
    },
    cli: `--what-if 'close-node:POL-MEDYKA-ROAD:0-29:${CLOSURE_REASON}' --what-if 'close-node:POL-MEDYKA-RAIL:0-29:${CLOSURE_REASON}'`,
  },
];
