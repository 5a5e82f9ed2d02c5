// Ids that name a nation. An offer, a funding pledge or a stance entry is written by its nation's
// liaison officers as well as by coalition staff, and a liaison officer must not learn of a record
// withheld from it by choosing an id that is already taken. So ids are spent per nation: an id that
// names a nation (OFF-GBR-3, PLG-GBR-2025-03-02, GBR-4) names the record's own nation, and a liaison
// officer's new ids name its nation. Every record that could hold such an id is then its own
// nation's, which its liaison officers are always shown (access.ts): an id a liaison officer may
// choose is never taken by a record withheld from it.
import { ISO_3166_ALPHA3 } from './iso-3166.ts';

/**
 * The nation an id names: its first part (between "-", "." and "_") that is an ISO 3166 alpha-3
 * code in capitals. "OFF-GBR-3" names GBR; "O-17" names none.
 */
export function nationNamedBy(id: string): string | undefined {
  return id.split(/[-._]/).find((part) => ISO_3166_ALPHA3.has(part));
}

/** The rule for an id of a record of `nation`, as a message on the id, or undefined when it holds. */
export function idNationIssue(id: string, nation: string): string | undefined {
  const named = nationNamedBy(id);
  if (named === undefined || named === nation) return undefined;
  return `names nation ${named} but the record is ${nation}'s: an id that names a nation must name the record's own (e.g. OFF-${nation}-1)`;
}

/** A liaison officer's new id must name its nation, so it can never be one a withheld record holds. */
export function liaisonIdIssue(id: string, nation: string): string | undefined {
  return nationNamedBy(id) === nation
    ? undefined
    : `must name your nation ${nation} (e.g. OFF-${nation}-7, PLG-${nation}-2026-01, ${nation}-5): ids are spent per nation`;
}
