// The choices of `coalition analyse`'s flags, written out so that the program can offer them at
// start without loading the contract's schemas (zod), and checked against the contract's types:
// each list is the keys of a record over the type's members, so a member missing here, or one that
// is not a member, does not compile.
import type { AnalysisKind, PersonnelBasis } from '../../contract/analyses/index.ts';
import type { DefaultPolicyKey } from '../../domain/analysis/sustainment.ts';
import type { OfferStatus } from '../../domain/scenario-schema.ts';

/** The analyses --only names: every one of the registry but the dashboard, which is the default. */
export type OnlyKind = Exclude<AnalysisKind, 'dashboard'>;

/** The --only name of each analysis (`sustain` is shorter to type than the kind). */
export const ONLY_NAME: { readonly [K in OnlyKind]: string } = {
  figures: 'figures',
  fill: 'fill',
  sustainment: 'sustain',
  dependency: 'dependency',
  resilience: 'resilience',
  burden: 'burden',
  cost: 'cost',
  risk: 'risk',
};

export function onlyKind(name: string): OnlyKind | undefined {
  return (Object.keys(ONLY_NAME) as OnlyKind[]).find((k) => ONLY_NAME[k] === name);
}

const MIN_STATUS: { readonly [S in Exclude<OfferStatus, 'withdrawn'>]: true } = {
  offered: true,
  confirmed: true,
  verified: true,
  deployed: true,
};

const DEFAULT_POLICY: { readonly [P in DefaultPolicyKey]: true } = {
  'rule-of-thirds': true,
  'uk-harmony': true,
};

const BASIS: { readonly [B in PersonnelBasis]: true } = { offered: true, matched: true };

export const CHOICES = {
  only: Object.values(ONLY_NAME),
  minStatus: Object.keys(MIN_STATUS),
  defaultPolicy: Object.keys(DEFAULT_POLICY),
  basis: Object.keys(BASIS),
};
