// The read rule of src/domain/access.ts (`canSee`) as a SQL condition, so a query returns only what
// its viewer may see and no record is read around the rule. Every guarded read builds its WHERE
// clause here, for every table; the contract suite checks it against canSee for random viewers.
import { sql, type RawBuilder } from 'kysely';
import { seesEverything, type Principal } from '../domain/access.ts';
import type { EntityMapping } from './entity-mappings.ts';

type Table = Pick<EntityMapping<unknown>, 'table' | 'nationColumn'>;

/**
 * True when a record with this marking is visible to every viewer whatever its role and nation:
 * unmarked or PUBLIC, the terms sqlVisibility grants anyone. (Staff, `seesEverything`, see every
 * record besides.) The read cache (read-cache.ts) relies on these two facts and on nothing else of
 * the rule; change them here and in sqlVisibility together.
 */
export function releasableToEveryone(releasability: { level: string } | null | undefined): boolean {
  return releasability === undefined || releasability === null || releasability.level === 'PUBLIC';
}

/**
 * True exactly for the rows of `mapping`'s table that `viewer` may see, mirroring canSee term by
 * term: staff see everything; anyone sees unmarked and PUBLIC rows; a viewer with a nation also
 * sees its own nation's rows, COALITION rows if a liaison officer, and REL_TO rows listing it.
 * `qualifier` is the name or alias the table goes by in the query. Never NULL, so `IS NOT TRUE`
 * and `NOT` agree on it.
 */
export function sqlVisibility(
  viewer: Principal,
  mapping: Table,
  qualifier: string = mapping.table,
): RawBuilder<boolean> {
  if (seesEverything(viewer)) return sql<boolean>`true`;
  const column = (name: string) => sql.ref(`${qualifier}.${name}`);
  const level = column('releasability');
  const terms: RawBuilder<unknown>[] = [sql`${level} is null`, sql`${level} = 'PUBLIC'`];
  const nation = viewer.nation;
  if (nation) {
    if (mapping.nationColumn) terms.push(sql`${column(mapping.nationColumn)} = ${nation}`);
    if (viewer.role === 'liaison') terms.push(sql`${level} = 'COALITION'`);
    terms.push(sql`(${level} = 'REL_TO' and ${nation} = any(${column('rel_to')}))`);
  }
  return sql<boolean>`(${sql.join(terms, sql` or `)})`;
}

/**
 * `from <table> where <table>.scenario_id = <scenario> and <visible>` (or, with `shown` false, the
 * rows withheld from the viewer): the body of the counting subqueries of summaries and `withheld`.
 */
export function sqlScenarioRows(
  viewer: Principal,
  mapping: Table,
  scenario: RawBuilder<unknown>,
  shown = true,
): RawBuilder<unknown> {
  const visible = sqlVisibility(viewer, mapping);
  return sql`from ${sql.table(mapping.table)}
    where ${sql.ref(`${mapping.table}.scenario_id`)} = ${scenario}
    and ${shown ? visible : sql`${visible} is not true`}`;
}
