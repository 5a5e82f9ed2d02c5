// `coalition branch SCENARIO --id ID [--what-if SPEC…]`: a variant of a scenario with what-ifs made,
// recording its parent (POST /api/scenarios/:id/branch, in this process or over HTTP). A what-if is
// written as the staff would say it: `nation-joins:DEU`, `nation-joins:DEU:lift` (caveats lifted),
// `nation-withdraws:ITA`, `us-backstop`, `close-arc:ARC:1-30:reason`, `close-node:NODE:1-30:reason`,
// `target:60000`. A bad one is refused naming `--what-if[i]` and the reason.
import { DomainError, invalid } from '../../domain/errors.ts';
import { withBackend, type Connect } from '../connect.ts';

export interface BranchOptions {
  id: string;
  name?: string;
  whatIf?: string[];
}

/** One `--what-if` as the API's what-if object, or the reason it cannot be one. */
export function parseWhatIf(spec: string): Record<string, unknown> | string {
  const [kind = '', ...rest] = spec.split(':');
  switch (kind) {
    case 'nation-joins':
      if (rest.length < 1 || rest.length > 2 || (rest[1] !== undefined && rest[1] !== 'lift'))
        return 'write nation-joins:ISO3 or nation-joins:ISO3:lift';
      return { kind, nation: rest[0], ...(rest[1] === 'lift' && { liftCaveats: true }) };
    case 'nation-withdraws':
      return rest.length === 1 ? { kind, nation: rest[0] } : 'write nation-withdraws:ISO3';
    case 'us-backstop':
      return rest.length === 0 ? { kind } : 'write us-backstop';
    case 'close-arc':
    case 'close-node': {
      const [id, days = '', ...reason] = rest;
      const m = /^(-?\d+)-(-?\d+)$/.exec(days);
      if (!id || !m || reason.length === 0) return `write ${kind}:ID:FROM-TO:reason (C-days, e.g. 1-30)`;
      return {
        kind,
        [kind === 'close-arc' ? 'arc' : 'node']: id,
        from: Number(m[1]),
        to: Number(m[2]),
        reason: reason.join(':'),
      };
    }
    case 'target':
      return rest.length === 1 && /^\d+$/.test(rest[0]!)
        ? { kind, personnel: Number(rest[0]) }
        : 'write target:PERSONNEL';
    default:
      return 'must be nation-joins, nation-withdraws, us-backstop, close-arc, close-node or target';
  }
}

export async function branch(scenario: string, opts: BranchOptions, connect: Connect): Promise<void> {
  const specs = opts.whatIf ?? [];
  const parsed = specs.map(parseWhatIf);
  const wrong = parsed.flatMap((p, i) =>
    typeof p === 'string' ? [{ path: `--what-if[${i}]`, message: p }] : [],
  );
  if (wrong.length > 0) throw invalid(wrong);
  const request = {
    id: opts.id,
    ...(opts.name !== undefined && { name: opts.name }),
    whatIfs: parsed,
  };
  const s = await withBackend(connect, (b) => b.branchScenario(scenario, request)).catch((e: unknown) => {
    throw withFlags(e);
  });
  console.log(`branched ${s.id} "${s.name}" from ${scenario} (version ${s.variantOf?.parentVersion ?? '?'})`);
  for (const w of s.variantOf?.whatIfs ?? []) {
    console.log(`  ${w.title}`);
    for (const c of w.changes) console.log(`    ${c}`);
    for (const n of w.notes) console.log(`    NOTE: ${n}`);
  }
}

/** The API's `whatIfs[1].nation` as the flag the user typed: `--what-if[1] (nation)`. */
function withFlags(e: unknown): unknown {
  if (!(e instanceof DomainError) || e.issues.length === 0) return e;
  return new DomainError(
    e.code,
    e.message.replace(
      /whatIfs\[(\d+)\]\.?(\S*)/,
      (_m, i: string, f: string) => `--what-if[${i}]${f ? ` (${f})` : ''}`,
    ),
    e.issues.map((i) => ({
      ...i,
      path: i.path.replace(
        /^whatIfs\[(\d+)\]\.?(.*)$/,
        (_m, k: string, f: string) => `--what-if[${k}]${f ? ` (${f})` : ''}`,
      ),
    })),
    e.details,
  );
}
