// The read rule of src/domain/access.ts as a SQL condition, so a query returns only what its viewer
// may see and no record is read around the rule. Every guarded read builds its WHERE clause here,
// for every table; the contract suite checks it against the domain's `releasableView` for random
// viewers and markings.
//
// The rule has two parts (README, "References to withheld records"):
// - the marking: `canSee` (staff see everything; anyone sees unmarked and PUBLIC records; a viewer
//   with a nation also sees its own nation's records, COALITION records if a liaison officer, and
//   REL_TO records listing it);
// - the references: a record that names a record withheld from the viewer (an offer of a withheld
//   nation, a ULN starting at a withheld node, a movement of a withheld ULN) is withheld too, as if
//   it were marked for fewer readers. So a viewer never meets an id it may not follow, and whatever it
//   is shown is a valid document on its own.
import { sql, type RawBuilder } from 'kysely';
import { seesEverything, type Principal } from '../domain/access.ts';
import type { EntityKind } from '../domain/records.ts';
import { RISK_LINK_TARGETS } from '../domain/releasable-view.ts';
import { MAPPINGS, type EntityMapping } from './entity-mappings.ts';

type Table = Pick<EntityMapping<unknown>, 'table' | 'nationColumn' | 'references' | 'shownWith'>;

/**
 * True exactly for the rows whose marking lets `viewer` see them, mirroring canSee term by term.
 * Never NULL, so `IS NOT TRUE` and `NOT` agree on it.
 */
function sqlMarking(viewer: Principal, mapping: Table, qualifier: string): RawBuilder<boolean> {
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
 * True exactly for the rows of `mapping`'s table that `viewer` is shown: its marking lets the
 * viewer see it, and no record it names is withheld from the viewer (recursively: a movement of a
 * ULN of a withheld offer is withheld). `qualifier` is the name or alias the table goes by in the
 * query. Never NULL.
 */
export function sqlVisibility(
  viewer: Principal,
  mapping: Table,
  qualifier: string = mapping.table,
): RawBuilder<boolean> {
  if (seesEverything(viewer)) return sql<boolean>`true`;
  return visibleAt(viewer, mapping, qualifier, 0);
}

function visibleAt(viewer: Principal, mapping: Table, qualifier: string, depth: number): RawBuilder<boolean> {
  const terms: RawBuilder<unknown>[] = [sqlMarking(viewer, mapping, qualifier)];
  // "Not exists a withheld target" rather than "exists a visible one": a ULN's offer and line
  // (shownWith) need not exist any more, and a name that resolves to nothing hides nothing.
  [...mapping.references, ...(mapping.shownWith ?? [])].forEach((ref, i) => {
    const target: Table = MAPPINGS[ref.target as EntityKind];
    const alias = `v${depth}_${i}`;
    const keyColumn = MAPPINGS[ref.target as EntityKind].keyColumn;
    terms.push(
      sql`not exists (select 1 from ${sql.table(target.table)} as ${sql.id(alias)}
        where ${sql.ref(`${alias}.scenario_id`)} = ${sql.ref(`${qualifier}.scenario_id`)}
        and ${sql.ref(`${alias}.${keyColumn}`)} = ${sql.ref(`${qualifier}.${ref.field}`)}
        and not ${visibleAt(viewer, target, alias, depth + 1)})`,
    );
  });
  // A risk's links are a jsonb list of {kind, key}: a risk linked to a withheld record is withheld.
  if (mapping.table === 'risks') {
    RISK_LINK_TARGETS.forEach((kind, i) => {
      const target = MAPPINGS[kind];
      const alias = `l${depth}_${i}`;
      const link = `k${depth}_${i}`;
      terms.push(
        sql`not exists (select 1 from jsonb_array_elements(${sql.ref(`${qualifier}.links`)}) as ${sql.id(link)},
          ${sql.table(target.table)} as ${sql.id(alias)}
          where ${sql.ref(`${link}.value`)} ->> 'kind' = ${sql.lit(kind)}
          and ${sql.ref(`${alias}.scenario_id`)} = ${sql.ref(`${qualifier}.scenario_id`)}
          and ${sql.ref(`${alias}.${target.keyColumn}`)} = ${sql.ref(`${link}.value`)} ->> 'key'
          and not ${visibleAt(viewer, target, alias, depth + 1)})`,
      );
    });
  }
  return sql<boolean>`(${sql.join(terms, sql` and `)})`;
}

/**
 * `from <table> where <table>.scenario_id = <scenario> and <visible>`: the body of the counting
 * subqueries of summaries.
 */
export function sqlScenarioRows(
  viewer: Principal,
  mapping: Table,
  scenario: RawBuilder<unknown>,
): RawBuilder<unknown> {
  return sql`from ${sql.table(mapping.table)}
    where ${sql.ref(`${mapping.table}.scenario_id`)} = ${scenario}
    and ${sqlVisibility(viewer, mapping)}`;
}
