// One-click what-ifs: the article's questions ("what if Germany joins", "what if the US gives a
// backstop", "what if Italy pulls out", "what if the Medyka crossing is closed") as changes to a
// scenario document that give a documented variant. Each says what it changed, in words a staff
// officer reads in a COA brief, and warns where the change alone moves nothing, because that is where
// a what-if silently misleads: a nation "joins" whose every offer needs a US backstop adds no troops
// until the backstop is given or the caveat lifted. Pure: the caller stores the variant.
import type { Days, IsoDate, Personnel } from './ids.ts';
import type { Offer, ScenarioDocument, Stance } from './scenario-schema.ts';

export type WhatIf =
  | {
      kind: 'nation-joins';
      nation: string;
      /** Default `committed`. */
      stance?: Extract<Stance, 'committed' | 'supportive' | 'lead'>;
      /** Lift its offers' caveats (excluded sectors, allowed tasks, tour limit, US backstop). */
      liftCaveats?: boolean;
    }
  | { kind: 'nation-withdraws'; nation: string }
  | { kind: 'us-backstop' }
  | { kind: 'close-arc'; arc: string; from: number; to: number; reason: string }
  | { kind: 'close-node'; node: string; from: number; to: number; reason: string }
  | { kind: 'target'; personnel: number };

export interface WhatIfResult {
  /** The variant: the baseline with the change made (same id and name: the caller names it). */
  document: ScenarioDocument;
  /** A title for the variant, e.g. "Germany joins (caveats kept)". */
  title: string;
  /** What was changed, one sentence each. */
  changes: string[];
  /** Why the change may move the figures less than its title suggests. */
  notes: string[];
}

/** The day the variant's new entries are dated: the scenario's as-of date (the analysis date). */
const ASSUMPTION = 'What-if variant: an assumption of this course of action, not a reported fact.';

export class WhatIfError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
    this.name = 'WhatIfError';
  }
}

export function applyWhatIf(doc: ScenarioDocument, whatIf: WhatIf): WhatIfResult {
  switch (whatIf.kind) {
    case 'nation-joins':
      return nationJoins(doc, whatIf.nation, whatIf.stance ?? 'committed', whatIf.liftCaveats ?? false);
    case 'nation-withdraws':
      return nationWithdraws(doc, whatIf.nation);
    case 'us-backstop':
      return usBackstop(doc);
    case 'close-arc':
      return closeArcs(doc, [arcOf(doc, whatIf.arc)], whatIf, `Arc ${whatIf.arc}`);
    case 'close-node':
      return closeArcs(doc, arcsAt(doc, whatIf.node), whatIf, nodeName(doc, whatIf.node));
    case 'target':
      return changeTarget(doc, whatIf.personnel);
  }
}

function nationJoins(doc: ScenarioDocument, id: string, stance: Stance, lift: boolean): WhatIfResult {
  const n = nationOf(doc, id);
  const own = doc.offers.filter((o) => o.nation === id && o.status !== 'withdrawn');
  const offers = doc.offers.map((o) => {
    if (o.nation !== id || o.status === 'withdrawn') return o;
    const firmer: Offer = o.status === 'offered' ? { ...o, status: 'confirmed' } : o;
    if (!lift) return firmer;
    const { maxDurationMonths: _tour, minDistanceFromLineKm: _distance, ...caveats } = firmer.caveats;
    return {
      ...firmer,
      caveats: { ...caveats, excludedSectors: [], allowedTasks: [], requiresUsBackstop: false },
    };
  });
  const changes = [
    `${n.name} declares itself ${stance} on ${doc.asOf}.`,
    own.length === 0
      ? `${n.name} has no offer on the table to confirm.`
      : `Its ${own.length} offers not withdrawn are confirmed (${personnelOf(own)} personnel).`,
  ];
  if (lift)
    changes.push(
      'Their caveats are lifted: no excluded sectors, any task, any tour length, any distance from the line, no US backstop.',
    );
  const notes: string[] = [];
  if (own.length === 0)
    notes.push(`${n.name} offers nothing, so its joining adds no personnel to any figure.`);
  const backstopped = own.filter((o) => o.caveats.requiresUsBackstop);
  if (!lift && backstopped.length > 0) {
    notes.push(
      `${backstopped.length} of ${n.name}'s ${own.length} offers (${personnelOf(backstopped)} personnel) ` +
        'require a US backstop: they still do not count unless the US backstop is given or the caveats are lifted.',
    );
  }
  return {
    document: {
      ...doc,
      nations: doc.nations.map((x) =>
        x.id === id
          ? { ...x, stances: [...x.stances, stanceEntry(doc, x, stance, `${n.name} joins the coalition.`)] }
          : x,
      ),
      offers,
    },
    title: `${n.name} joins${own.length > 0 ? (lift ? ' (caveats lifted)' : ' (caveats kept)') : ''}`,
    changes,
    notes,
  };
}

function nationWithdraws(doc: ScenarioDocument, id: string): WhatIfResult {
  const n = nationOf(doc, id);
  const own = doc.offers.filter((o) => o.nation === id && o.status !== 'withdrawn');
  return {
    document: {
      ...doc,
      nations: doc.nations.map((x) =>
        x.id === id
          ? {
              ...x,
              stances: [
                ...x.stances,
                stanceEntry(doc, x, 'declined', `${n.name} withdraws from the coalition.`),
              ],
            }
          : x,
      ),
      offers: doc.offers.map((o) =>
        o.nation === id && o.status !== 'withdrawn' ? { ...o, status: 'withdrawn' } : o,
      ),
    },
    title: `${n.name} withdraws`,
    changes: [
      `${n.name} declines on ${doc.asOf}.`,
      `Its ${own.length} offers are withdrawn (${personnelOf(own)} personnel).`,
    ],
    notes:
      own.length === 0 ? [`${n.name} offered nothing, so its withdrawal moves no personnel figure.`] : [],
  };
}

function usBackstop(doc: ScenarioDocument): WhatIfResult {
  const conditional = doc.offers.filter((o) => o.status !== 'withdrawn' && o.caveats.requiresUsBackstop);
  return {
    document: {
      ...doc,
      offers: doc.offers.map((o) =>
        o.caveats.requiresUsBackstop ? { ...o, caveats: { ...o.caveats, requiresUsBackstop: false } } : o,
      ),
    },
    title: 'The US gives a backstop',
    changes: [
      `The ${conditional.length} offers conditional on a US backstop (${personnelOf(conditional)} personnel) ` +
        'no longer wait for one.',
    ],
    notes: conditional.length === 0 ? ['No offer is conditional on a US backstop: nothing moves.'] : [],
  };
}

function closeArcs(
  doc: ScenarioDocument,
  arcs: readonly string[],
  w: { from: number; to: number; reason: string },
  what: string,
): WhatIfResult {
  if (w.from > w.to) throw new WhatIfError('to', `must not be before from (C${w.from})`);
  if (arcs.length === 0) throw new WhatIfError('node', `${what} has no arc to close`);
  const closing = new Set(arcs);
  const day = (d: number) => (d < 0 ? `C${d}` : `C+${d}`);
  return {
    document: {
      ...doc,
      network: {
        ...doc.network,
        arcs: doc.network.arcs.map((a) =>
          closing.has(a.id)
            ? {
                ...a,
                closures: [...a.closures, { from: w.from as Days, to: w.to as Days, reason: w.reason }],
              }
            : a,
        ),
      },
    },
    title: `${what} closed ${day(w.from)} to ${day(w.to)}`,
    changes: [
      `${arcs.length === 1 ? 'Arc' : `${arcs.length} arcs`} ${arcs.join(', ')} closed ${day(w.from)} to ${day(w.to)}: ${w.reason}.`,
    ],
    notes:
      doc.forceList.length === 0 && !doc.deployment
        ? ['The scenario has no force list or deployment settings: no plan shows the closure.']
        : [],
  };
}

function changeTarget(doc: ScenarioDocument, personnel: number): WhatIfResult {
  if (!Number.isInteger(personnel) || personnel <= 0)
    throw new WhatIfError('personnel', 'must be a whole number of personnel above 0');
  const before = doc.mission.forceTarget.personnel;
  const { source: _s, ...target } = doc.mission.forceTarget;
  return {
    document: {
      ...doc,
      mission: {
        ...doc.mission,
        forceTarget: { ...target, personnel: personnel as Personnel, assumption: ASSUMPTION },
      },
    },
    title: `Target ${personnel.toLocaleString('en-GB')}`,
    changes: [
      `The force target changes from ${before.toLocaleString('en-GB')} to ${personnel.toLocaleString('en-GB')}.`,
    ],
    notes: [],
  };
}

// ---- helpers ----

function nationOf(doc: ScenarioDocument, id: string) {
  const n = doc.nations.find((x) => x.id === id);
  if (!n) throw new WhatIfError('nation', `names unknown nation "${id}"`);
  return n;
}

function arcOf(doc: ScenarioDocument, id: string): string {
  if (!doc.network.arcs.some((a) => a.id === id)) throw new WhatIfError('arc', `names unknown arc "${id}"`);
  return id;
}

/** Every arc into or out of a node: closing a place closes its ways in and out. */
function arcsAt(doc: ScenarioDocument, node: string): string[] {
  if (!doc.network.nodes.some((n) => n.id === node))
    throw new WhatIfError('node', `names unknown node "${node}"`);
  return doc.network.arcs.filter((a) => a.from === node || a.to === node).map((a) => a.id);
}

function nodeName(doc: ScenarioDocument, node: string): string {
  return doc.network.nodes.find((n) => n.id === node)?.name ?? node;
}

/** A stance entry of the nation's own next id (ids are spent per nation: `DEU-4`), dated as of the scenario. */
function stanceEntry(
  doc: ScenarioDocument,
  n: ScenarioDocument['nations'][number],
  stance: Stance,
  statement: string,
): ScenarioDocument['nations'][number]['stances'][number] {
  const used = new Set(doc.nations.flatMap((x) => x.stances.map((s) => s.id)));
  let k = n.stances.length + 1;
  while (used.has(`${n.id}-${k}` as never)) k++;
  return {
    id: `${n.id}-${k}` as never,
    date: doc.asOf as IsoDate,
    stance,
    statement,
    assumption: ASSUMPTION,
  };
}

function personnelOf(offers: readonly Offer[]): string {
  return offers.reduce((s, o) => s + o.personnel, 0).toLocaleString('en-GB');
}
