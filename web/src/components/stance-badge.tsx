// A nation's stance as a coloured badge that always carries its name in text: colour is a help for
// scanning a long table, never the only way to tell stances apart.
import type { Stance } from '../../../src/domain/scenario-schema.ts';

/** Labels in the order of commitment, from leading the coalition to being absent from it. */
export const STANCE_LABELS: Readonly<Record<Stance, string>> = {
  lead: 'Lead',
  committed: 'Committed',
  supportive: 'Supportive',
  cautious: 'Cautious',
  considering: 'Considering',
  declined: 'Declined',
  absent: 'Absent',
};

export const STANCE_ORDER = Object.keys(STANCE_LABELS) as Stance[];

/** Rank for sorting: 0 is the strongest commitment. */
export function stanceRank(stance: Stance): number {
  return STANCE_ORDER.indexOf(stance);
}

export function StanceBadge({ stance }: { stance: Stance }) {
  return <span className={`stance-badge stance-${stance}`}>{STANCE_LABELS[stance]}</span>;
}
