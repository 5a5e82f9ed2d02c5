// `coalition search SCENARIO TEXT`: find records by their text from the terminal, with the same
// query rules and ranking as GET /api/scenarios/:id/search.
import { ENTITY_PATH } from '../../domain/entity-paths.ts';
import { invalid } from '../../domain/errors.ts';
import { ENTITY_KINDS, type EntityKind } from '../../domain/records.ts';
import { parseSearchQuery } from '../../domain/search.ts';
import { withBackend, type Connect } from '../connect.ts';
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

export interface SearchOptions {
  kind?: string[];
  limit?: string;
  json?: boolean;
}

export async function search(
  scenario: string,
  text: string,
  opts: SearchOptions,
  connect: Connect,
): Promise<void> {
  const kinds = opts.kind
    ?.map((k) => k.trim())
    .filter((k) => k !== '')
    .map((k) => kindArgument(k, '--kind'));
  // Judged here, with the API's own rules, so a bad query is refused the same way before anything
  // is opened or sent.
  const query = parseSearchQuery({
    q: text,
    ...(kinds && { kinds: kinds.join(',') }),
    ...(opts.limit !== undefined && { limit: opts.limit }),
  });
  const result = await withBackend(connect, (b) => b.search(scenario, query));
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
      // Wrapped, so the table fits 100 columns; the key is never cut, being what a user types next.
      { header: 'LABEL', value: (h) => h.label, maxWidth: 22 },
      { header: 'MATCH', value: (h) => `${h.field}: ${h.snippet}`, maxWidth: 30 },
    ]),
  );
  if (result.truncated) {
    console.log(
      `(more records match: showing the first ${result.items.length}; narrow the search or raise --limit)`,
    );
  }
}
