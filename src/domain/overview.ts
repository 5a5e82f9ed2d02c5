// The first view of a scenario: who is in (each nation's current stance), what each has offered in
// personnel, and how that compares with the force target. Later analyses (fill, sustainment,
// burden sharing) go deeper; this one only sums what is on the table.
import type { NationFields, Offer, Stance, StanceEntry } from './scenario-schema.ts';
import { STANCES } from './scenario-schema.ts';

export interface CurrentStance {
  stance: Stance;
  date: string;
  statement: string;
}

export interface NationOverview {
  id: string;
  name: string;
  nato: boolean;
  eu: boolean;
  role: NationFields['role'];
  currentStance: CurrentStance | null;
  /** Personnel in this nation's offers that are not withdrawn. */
  personnelOffered: number;
  offerCount: number;
}

export interface ForceTotals {
  targetPersonnel: number;
  range?: { min: number; max: number } | undefined;
  /**
   * Personnel in offers not withdrawn (the headline figure "Offered"). The shortfalls are the
   * figures analysis's: they count what is matched to requirement lines, not what is offered.
   */
  personnelOffered: number;
  stanceCounts: Record<Stance, number>;
}

/**
 * The stance in force on `asOf`: the latest entry dated on or before it. Entries on the same day
 * keep their list order, so the later one in the timeline wins.
 */
export function currentStance(entries: readonly StanceEntry[], asOf?: string): CurrentStance | null {
  let best: StanceEntry | undefined;
  for (const e of entries) {
    if (asOf !== undefined && e.date > asOf) continue;
    if (!best || e.date >= best.date) best = e;
  }
  return best ? { stance: best.stance, date: best.date, statement: best.statement } : null;
}

export function personnelOffered(offers: readonly Pick<Offer, 'personnel' | 'status'>[]): number {
  return offers.reduce((sum, o) => (o.status === 'withdrawn' ? sum : sum + o.personnel), 0);
}

export function overviewNations(
  nations: readonly NationFields[],
  stances: readonly (StanceEntry & { nation: string })[],
  offers: readonly Offer[],
  asOf?: string,
): NationOverview[] {
  const stancesByNation = groupBy(stances, (s) => s.nation);
  const offersByNation = groupBy(offers, (o) => o.nation);
  return nations.map((n) => {
    const own = offersByNation.get(n.id) ?? [];
    return {
      id: n.id,
      name: n.name,
      nato: n.nato,
      eu: n.eu,
      role: n.role,
      currentStance: currentStance(stancesByNation.get(n.id) ?? [], asOf),
      personnelOffered: personnelOffered(own),
      offerCount: own.filter((o) => o.status !== 'withdrawn').length,
    };
  });
}

export function forceTotals(
  target: { personnel: number; range?: { min: number; max: number } | undefined },
  nations: readonly NationOverview[],
): ForceTotals {
  const stanceCounts = Object.fromEntries(STANCES.map((s) => [s, 0])) as Record<Stance, number>;
  let offered = 0;
  for (const n of nations) {
    offered += n.personnelOffered;
    if (n.currentStance) stanceCounts[n.currentStance.stance]++;
  }
  return {
    targetPersonnel: target.personnel,
    range: target.range,
    personnelOffered: offered,
    stanceCounts,
  };
}

function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = out.get(k);
    if (list) list.push(item);
    else out.set(k, [item]);
  }
  return out;
}
