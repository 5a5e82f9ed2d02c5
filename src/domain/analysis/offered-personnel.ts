// Personnel per nation, the shared input of the sustainment and burden-sharing analyses. Both take it
// as a plain list so that the caller decides what counts: what each nation offered (this helper) or
// what the fill engine matched to requirement lines.
import type { NationId, Personnel } from '../ids.ts';
import type { Offer } from '../scenario-schema.ts';

export interface NationPersonnel {
  nation: NationId;
  personnel: Personnel;
}

/**
 * Personnel of each nation's offers that are not withdrawn, the same rule as the overview, in the
 * order nations first appear among the offers. A nation whose offers are all withdrawn is listed with
 * zero, so that it still shows up as having offered something once.
 */
export function offeredPersonnelByNation(
  offers: readonly Pick<Offer, 'nation' | 'personnel' | 'status'>[],
): NationPersonnel[] {
  const totals = new Map<NationId, number>();
  for (const o of offers) {
    totals.set(o.nation, (totals.get(o.nation) ?? 0) + (o.status === 'withdrawn' ? 0 : o.personnel));
  }
  return [...totals].map(([nation, personnel]) => ({ nation, personnel: personnel as Personnel }));
}
