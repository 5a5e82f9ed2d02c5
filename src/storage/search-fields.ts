// The text a search looks at, per record kind: column expressions named by the record field they
// hold. The key comes first, so a hit on it is reported as such and ranks above hits in other text.
// References to other records (an offer's nation and capability) are left out: searching "GBR"
// should find Britain's records by their own text, not every record that merely names Britain.
import { sql, type RawBuilder } from 'kysely';
import type { EntityKind } from '../domain/records.ts';

export interface SearchField {
  /** Dotted path of the record field, as reported in a hit. */
  field: string;
  /** Its text, for the row aliased `t`; NULL when the record has none. */
  expr: RawBuilder<string | null>;
}

const column = (name: string): RawBuilder<string | null> => sql`${sql.ref(`t.${name}`)}`;
const jsonText = (name: string, ...path: string[]): RawBuilder<string | null> =>
  sql`${sql.ref(`t.${name}`)} #>> ${sql.lit(`{${path.join(',')}}`)}`;
const listText = (name: string): RawBuilder<string | null> =>
  sql`array_to_string(${sql.ref(`t.${name}`)}, '; ')`;

/** The provenance of a record (or of one of its figures, with `prefix`), kept in a jsonb column. */
const provenance = (col = 'provenance', prefix = ''): SearchField[] => [
  { field: `${prefix}source.publication`, expr: jsonText(col, 'source', 'publication') },
  { field: `${prefix}source.note`, expr: jsonText(col, 'source', 'note') },
  { field: `${prefix}source.url`, expr: jsonText(col, 'source', 'url') },
  { field: `${prefix}assumption`, expr: jsonText(col, 'assumption') },
];

const field = (name: string, col = name): SearchField => ({ field: name, expr: column(col) });

export const SEARCH_FIELDS: { readonly [K in EntityKind]: readonly SearchField[] } = {
  nations: [
    field('id'),
    field('name'),
    field('notes'),
    ...provenance(),
    ...provenance('gdp_provenance', 'gdp.'),
    ...provenance('population_provenance', 'population.'),
  ],
  stances: [field('id'), field('statement'), ...provenance()],
  capabilities: [field('code'), field('name'), field('description'), ...provenance()],
  requirements: [field('id'), field('sector'), field('task'), field('description'), ...provenance()],
  offers: [
    field('id'),
    field('caveats.notes', 'caveat_notes'),
    { field: 'caveats.excludedSectors', expr: listText('excluded_sectors') },
    { field: 'caveats.allowedTasks', expr: listText('allowed_tasks') },
    ...provenance(),
  ],
  pledges: [field('id'), field('purpose'), field('description'), ...provenance()],
  rotationPolicies: [field('nation'), ...provenance()],
  nodes: [field('id'), field('name'), field('kind'), ...provenance()],
  arcs: [field('id'), field('mode'), ...provenance()],
  ulns: [field('uln'), field('offer'), field('line')],
  movements: [field('id'), field('note'), ...provenance()],
  redLines: [field('id'), field('rung'), field('statement'), ...provenance()],
  risks: [
    field('id'),
    field('title'),
    field('cause'),
    field('event'),
    field('impact'),
    { field: 'controls', expr: listText('controls') },
    field('owner'),
    ...provenance(),
  ],
};
