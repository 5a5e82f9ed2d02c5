// `coalition search SCENARIO TEXT`: find records by their text from the terminal, with the same
// query rules and ranking as GET /api/scenarios/:id/search.
import type { Command } from 'commander';
import { ENTITY_PATH } from '../../domain/entity-paths.ts';
import { invalid } from '../../domain/errors.ts';
import { ENTITY_KINDS, type EntityKind } from '../../domain/records.ts';
import { cliPrincipal, withInstallation } from '../shared.ts';
import { renderTable } from '../table.ts';

/**
 * A record kind as typed on the command line: its API name (`rotationPolicies`) or its URL segment
 * (`rotation-policies`); `option` names the flag in the error.
 */
export function kindArgument(value: string, option: string): EntityKind {
  const kind = ENTITY_KINDS.find((k) => k === value || ENTITY_PATH[k] === value);
  if (!kind) {
    throw invalid([
      { path: option, message: `"${value}" is not a record kind; use one of ${ENTITY_KINDS.join(', ')}` },
    ]);
  }
  return kind;
}

const collect = (value: string, previous: string[] = []) => [...previous, ...value.split(',')];

export function registerSearchCommand(program: Command): void {
  program
    .command('search')
    .description("Find a scenario's records by text: keys, names, statements, caveats, sources, assumptions")
    .argument('<scenario>', 'scenario id')
    .argument('<text>', 'text to find (case-insensitive, taken literally)')
    .option('--kind <kind>', 'only this kind (repeat, or separate with commas)', collect)
    .option('--limit <n>', 'at most this many hits (default 50, at most 200)')
    .option('--json', 'print JSON')
    .action(
      async (scenario: string, text: string, opts: { kind?: string[]; limit?: string; json?: boolean }) => {
        const kinds = opts.kind
          ?.map((k) => k.trim())
          .filter((k) => k !== '')
          .map((k) => kindArgument(k, '--kind'));
        const result = await withInstallation(({ service }) =>
          service.search(
            scenario,
            {
              q: text,
              ...(kinds && { kinds: kinds.join(',') }),
              ...(opts.limit !== undefined && { limit: opts.limit }),
            },
            cliPrincipal(),
          ),
        );
        if (opts.json) {
          console.log(JSON.stringify(result, null, 2));
          return;
        }
        if (result.items.length === 0) {
          console.log(`no records of ${scenario} match "${text}"`);
          return;
        }
        console.log(
          renderTable(result.items, [
            { header: 'KIND', value: (h) => h.kind },
            { header: 'KEY', value: (h) => h.key },
            { header: 'LABEL', value: (h) => h.label },
            { header: 'FIELD', value: (h) => h.field },
            { header: 'MATCH', value: (h) => h.snippet },
          ]),
        );
        if (result.truncated) {
          console.log(
            `(more records match: showing the first ${result.items.length}; narrow the search or raise --limit)`,
          );
        }
      },
    );
}
