// Force generation fill: match force offers to requirement lines (CJSOR) by capability, respecting
// caveats and readiness, so that the priority-weighted fill is as large as it can be. The engine
// behind analysis 1 (fill per line, totals against the target, by nation and by domain) and, through
// `prepareFill` + `fillWith`, the inner loop of the resilience Monte Carlo, which calls it thousands
// of times: everything that does not depend on which offers are delivered is computed once.
//
// The model. An offer of capability c may fill a line of capability c unless a caveat closes the line
// to it (excluded sector, task not allowed, maximum duration shorter than the line's). Offers are
// divisible into whole units: 3 battalions may fill 2 on one line and 1 on another; personnel and
// tonnes follow the units in proportion. Each line takes at most its quantity, each offer gives at
// most its own. One filled unit of a line is worth `weightOfPriority(priority)`; the fill maximises
// the sum of those worths.
//
// The algorithm, and why it is optimal. Capabilities never share an offer or a line, so each is a
// separate transportation problem: offers (supplies) to lines (demands) over the eligible pairs, with
// the worth on the lines only. Let f(S) be the most units a set S of lines can receive together (the
// max flow into S). By max-flow/min-cut, f(S) = min over T ⊆ S of quantity(S \ T) + supply(offers open
// to T), the rank function of the polymatroid induced through a bipartite graph (Rado, McDiarmid; a
// gammoid when every quantity is 1): normalised, monotone, submodular. The feasible line-fill vectors
// are exactly the integer points of that polymatroid. Edmonds' greedy theorem: for non-negative
// worths, taking lines by decreasing worth and giving each all that is still possible,
// x(l_k) = f({l_1..l_k}) - f({l_1..l_(k-1)}), is optimal, and for every weighting with the same order,
// so the fill is also lexicographically best: no amount of less urgent fill could buy one more
// unit of a more urgent line, whatever the exact weights.
// We realise it with augmenting paths: lines are taken by decreasing worth, and each is augmented until
// no augmenting path to it remains. A simple path from the source ends at the sink the first time it
// gets there, so it never lowers the flow into a line already processed; and a flow with no augmenting
// path into {l_1..l_k} carries f({l_1..l_k}). Hence after line k the fill of the first k lines is the
// greedy vector above. Ties in worth are broken by earlier RDD, then by line id; any tie order gives
// the same optimal objective.
//
// Lateness. With `allowLate` (off by default) an offer ready after a line's RDD may fill it, flagged
// late. Among all flows with the greedy fill vector we want the least late unit-days. Each augmenting
// path is a shortest path for "days late" (an offer-to-line arc costs its days late, undoing it gives
// them back). That is the successive-shortest-path method: starting from the empty flow, augmenting
// along a shortest path keeps the residual graph free of negative cycles, so the final flow is of
// minimum lateness among flows with the same line fills. A capability without late arcs uses a plain
// breadth-first search. The primary objective never trades for lateness: a late unit on an urgent
// line beats an on-time unit on a less urgent one.
//
// Determinism. Offers are ordered by id and lines by (worth, RDD, id), never by input order, so the
// same input gives the same report and shuffled input the same fill. Where several assignments are
// equally good, the search meets firmer offers first (deployed, verified, confirmed, offered), then
// sooner-ready ones, then by id: the firmer offer goes to the more urgent line when either would do.
import type {
  FillAssignment,
  ForceFillAssumptions,
  ForceFillReport,
  LineExclusion,
  LineExclusionRule,
  LineFill,
  NationContribution,
  NationFillTotals,
  DomainFillTotals,
  UnmatchedOffer,
  UnmatchedReason,
} from '../domain/analysis/force-fill-report.ts';
import type {
  CapabilityCode,
  Days,
  IsoDate,
  Months,
  NationId,
  OfferId,
  Personnel,
  RequirementId,
  Tonnes,
} from '../domain/ids.ts';
import { requirementLabel } from '../domain/analysis/headline-figures.ts';
import type { ForceDomain, OfferStatus, ScenarioDocument } from '../domain/scenario-schema.ts';
import { DOMAINS, OFFER_STATUSES, PRIORITY_MAX } from '../domain/scenario-schema.ts';

export interface ForceFillOptions {
  /** Analysis date (YYYY-MM-DD); offers valid until an earlier day do not count. Default: the scenario's asOf. */
  asOf?: string;
  /**
   * Whether the US provides a backstop. Default false: the reference article has the US absent, so an
   * offer that requires a backstop does not count unless an analysis assumes one.
   */
  usBackstop?: boolean;
  /**
   * Whether an offer ready after a line's RDD may fill it (flagged late). Default false: a unit that
   * arrives after it is needed does not fill the need, so the headline figures count it apart.
   */
  allowLate?: boolean;
  /**
   * The least firm status that counts. Default `offered`: every offer not withdrawn counts, since
   * force generation works from what is on the table; `confirmed` keeps only firm commitments.
   */
  minStatus?: Exclude<OfferStatus, 'withdrawn'>;
  /** C-day offset on which nations are told to move. Default 0: days to ready count from C-day. */
  activationCDay?: number;
  /** Nations whose offers are left out, for what-if analyses. */
  excludeNations?: readonly string[];
}

/** What the fill reads from a scenario document. */
export type FillScenario = Pick<
  ScenarioDocument,
  'asOf' | 'mission' | 'capabilities' | 'requirements' | 'offers'
>;

/** Priority 1 (most urgent) is worth 5 per filled unit, priority 5 is worth 1. */
export function weightOfPriority(priority: number): number {
  return PRIORITY_MAX + 1 - priority;
}

export interface PreparedLine {
  readonly id: RequirementId;
  /** Position in the scenario's requirement list. */
  readonly scenarioIndex: number;
  readonly capability: CapabilityCode;
  readonly domain: ForceDomain;
  readonly sector: string;
  readonly task: string;
  readonly priority: number;
  readonly weight: number;
  readonly rddCDay: Days;
  readonly durationMonths: Months;
  readonly quantity: number;
  readonly personnelPerUnit: Personnel;
  /** The day the line's task ends: C-day plus its RDD plus its duration (see lineEndDate). */
  readonly endDate: IsoDate;
  /** A name for people: capability, sector and task. */
  readonly label: string;
}

export interface PreparedOffer {
  readonly id: OfferId;
  /** Position in the scenario's offer list. */
  readonly scenarioIndex: number;
  readonly nation: NationId;
  readonly capability: CapabilityCode;
  readonly domain: ForceDomain;
  readonly status: OfferStatus;
  readonly quantity: number;
  readonly personnel: Personnel;
  readonly tonnes: Tonnes;
  readonly readyCDay: Days;
  readonly validUntil: IsoDate | undefined;
  readonly requiresUsBackstop: boolean;
  /** Counts under the assumptions (status, expiry, backstop, excluded nations). */
  readonly available: boolean;
  /** Why it can fill nothing whatever else is delivered; null when it has a line it may fill. */
  readonly blocked: UnmatchedReason | null;
  /** Lines of its capability closed to it, and why. */
  readonly lineExclusions: readonly LineExclusion[];
  /** Indices into `PreparedFill.lines` of the lines it may fill. */
  readonly eligibleLines: readonly number[];
}

/** The flat network `fillWith` runs on: offers are nodes 0..O-1, lines nodes O..O+L-1. */
export interface FillGraph {
  readonly edgeOffer: Int32Array;
  readonly edgeLine: Int32Array;
  /** Days late of the arc; 0 when on time. */
  readonly edgeCost: Int32Array;
  readonly offerEdgeStart: Int32Array;
  readonly offerEdges: Int32Array;
  /** Arcs into each line, by offer id. */
  readonly lineEdgeStart: Int32Array;
  readonly lineEdges: Int32Array;
  readonly lineQuantity: Int32Array;
  readonly lineWeight: Float64Array;
  readonly offerQuantity: Int32Array;
  readonly offerAvailable: Uint8Array;
  /** -1 for a line no available offer may fill. */
  readonly lineGroup: Int32Array;
  /** Available offers with an eligible line, per capability, in search order. */
  readonly groupOfferStart: Int32Array;
  readonly groupOffers: Int32Array;
  readonly groupLineStart: Int32Array;
  readonly groupLines: Int32Array;
  readonly groupHasCost: Uint8Array;
  /** Scratch space reused by every call; fillWith is synchronous, so calls never overlap. */
  readonly dist: Int32Array;
  readonly pred: Int32Array;
  readonly inQueue: Uint8Array;
  readonly queue: Int32Array;
}

export interface PreparedFill {
  readonly assumptions: ForceFillAssumptions;
  readonly personnelTarget: Personnel;
  /** Every requirement line, in processing order: worth descending, then RDD, then id. */
  readonly lines: readonly PreparedLine[];
  /** Every offer of the scenario, by id. A delivery mask for `fillWith` is indexed like this list. */
  readonly offers: readonly PreparedOffer[];
  readonly offerIndex: ReadonlyMap<OfferId, number>;
  readonly graph: FillGraph;
}

export interface FillResult {
  /** Units each offer brings (0 when it does not count or is not delivered), by `offers` index. */
  readonly offerSupply: Int32Array;
  /** Units filled per line, by `lines` index. */
  readonly lineFilled: Int32Array;
  /** Units used per offer, by `offers` index. */
  readonly offerUsed: Int32Array;
  /** Units per arc of the graph. */
  readonly edgeFlow: Int32Array;
  readonly weightedFill: number;
  readonly quantityFilled: number;
  /** Personnel of the offers, shared out per unit used. */
  readonly personnelMatched: number;
  readonly lateUnitDays: number;
}

const STATUS_RANK: Record<OfferStatus, number> = Object.fromEntries(
  OFFER_STATUSES.map((s, i) => [s, i]),
) as Record<OfferStatus, number>;
const UNREACHED = 0x3fffffff;

/** Code-unit order: the same in every locale, unlike localeCompare. */
function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function resolveAssumptions(
  scenario: Pick<FillScenario, 'asOf'>,
  options: ForceFillOptions,
): ForceFillAssumptions {
  return {
    asOf: (options.asOf ?? scenario.asOf) as IsoDate,
    usBackstop: options.usBackstop ?? false,
    allowLate: options.allowLate ?? false,
    minStatus: options.minStatus ?? 'offered',
    activationCDay: (options.activationCDay ?? 0) as Days,
    excludedNations: [...new Set(options.excludeNations ?? [])].sort(compareText) as NationId[],
  };
}

export function prepareFill(scenario: FillScenario, options: ForceFillOptions = {}): PreparedFill {
  const assumptions = resolveAssumptions(scenario, options);
  const capabilities = new Map(scenario.capabilities.map((c) => [c.code as string, c]));
  const capabilityOf = (code: string, where: string) => {
    const c = capabilities.get(code);
    if (!c) throw new Error(`${where} names capability "${code}" that is not in the catalogue`);
    return c;
  };

  const lines: PreparedLine[] = scenario.requirements
    .map((r, scenarioIndex) => {
      const cap = capabilityOf(r.capability, `requirement ${r.id}`);
      return {
        id: r.id,
        scenarioIndex,
        capability: r.capability,
        domain: cap.domain,
        sector: r.sector,
        task: r.task,
        priority: r.priority,
        weight: weightOfPriority(r.priority),
        rddCDay: r.rddCDay,
        durationMonths: r.durationMonths,
        quantity: r.quantity,
        personnelPerUnit: r.personnelPerUnit ?? cap.defaultPersonnel,
        endDate: lineEndDate(scenario.mission.cDay ?? assumptions.asOf, r.rddCDay, r.durationMonths),
        label: requirementLabel(r, capabilities),
      };
    })
    .sort((a, b) => b.weight - a.weight || a.rddCDay - b.rddCDay || compareText(a.id, b.id));
  const linesByCapability = new Map<string, number[]>();
  lines.forEach((l, i) => {
    const list = linesByCapability.get(l.capability);
    if (list) list.push(i);
    else linesByCapability.set(l.capability, [i]);
  });

  const excluded = new Set<string>(assumptions.excludedNations);
  const minRank = STATUS_RANK[assumptions.minStatus];
  const offers: PreparedOffer[] = scenario.offers
    .map((o, scenarioIndex) => {
      const cap = capabilityOf(o.capability, `offer ${o.id}`);
      const readyCDay = (assumptions.activationCDay + o.readiness.daysToReady) as Days;
      const notCounted: UnmatchedReason | null =
        o.status === 'withdrawn'
          ? { kind: 'withdrawn' }
          : STATUS_RANK[o.status] < minRank
            ? { kind: 'status-below-minimum', status: o.status, minStatus: assumptions.minStatus }
            : o.validUntil !== undefined && o.validUntil < assumptions.asOf
              ? { kind: 'expired', validUntil: o.validUntil, asOf: assumptions.asOf }
              : o.caveats.requiresUsBackstop && !assumptions.usBackstop
                ? { kind: 'requires-us-backstop' }
                : excluded.has(o.nation)
                  ? { kind: 'nation-excluded' }
                  : null;
      const lineExclusions: LineExclusion[] = [];
      const eligibleLines: number[] = [];
      const candidates = linesByCapability.get(o.capability) ?? [];
      for (const li of candidates) {
        const rules = exclusionRules(lines[li]!, o.caveats, readyCDay, assumptions.allowLate);
        if (rules.length > 0) lineExclusions.push({ line: lines[li]!.id, rules });
        else eligibleLines.push(li);
      }
      const blocked: UnmatchedReason | null =
        notCounted ??
        (candidates.length === 0
          ? { kind: 'no-line-for-capability', capability: o.capability }
          : eligibleLines.length === 0
            ? { kind: 'no-eligible-line', exclusions: lineExclusions }
            : null);
      return {
        id: o.id,
        scenarioIndex,
        nation: o.nation,
        capability: o.capability,
        domain: cap.domain,
        status: o.status,
        quantity: o.quantity,
        personnel: o.personnel,
        tonnes: o.tonnes,
        readyCDay,
        validUntil: o.validUntil as IsoDate | undefined,
        requiresUsBackstop: o.caveats.requiresUsBackstop,
        available: notCounted === null,
        blocked,
        lineExclusions,
        eligibleLines: blocked === null ? eligibleLines : [],
      };
    })
    .sort((a, b) => compareText(a.id, b.id));

  return {
    assumptions,
    personnelTarget: scenario.mission.forceTarget.personnel,
    lines,
    offers,
    offerIndex: new Map(offers.map((o, i) => [o.id, i])),
    graph: buildGraph(lines, offers),
  };
}

function exclusionRules(
  line: PreparedLine,
  caveats: ScenarioDocument['offers'][number]['caveats'],
  readyCDay: number,
  allowLate: boolean,
): LineExclusionRule[] {
  const rules: LineExclusionRule[] = [];
  // Sectors are free text typed by different liaison officers: "Dnipro" and "dnipro" are one sector.
  const sector = line.sector.toLowerCase();
  if (caveats.excludedSectors.some((s) => s.toLowerCase() === sector))
    rules.push({ kind: 'excluded-sector', sector: line.sector });
  if (caveats.allowedTasks.length > 0 && !caveats.allowedTasks.includes(line.task))
    rules.push({ kind: 'task-not-allowed', task: line.task, allowedTasks: [...caveats.allowedTasks] });
  // A national limit shorter than the line means the nation leaves before the line's end; relieving
  // it by rotation is the sustainment analysis's business, not the fill's.
  if (caveats.maxDurationMonths !== undefined && caveats.maxDurationMonths < line.durationMonths)
    rules.push({
      kind: 'duration-too-long',
      durationMonths: line.durationMonths,
      maxDurationMonths: caveats.maxDurationMonths,
    });
  if (!allowLate && readyCDay > line.rddCDay)
    rules.push({ kind: 'late', daysLate: (readyCDay - line.rddCDay) as Days });
  return rules;
}

function buildGraph(lines: readonly PreparedLine[], offers: readonly PreparedOffer[]): FillGraph {
  const nOffers = offers.length;
  const nLines = lines.length;
  const edgeOffer: number[] = [];
  const edgeLine: number[] = [];
  const edgeCost: number[] = [];
  const offerEdgeStart = new Int32Array(nOffers + 1);
  offers.forEach((o, oi) => {
    offerEdgeStart[oi] = edgeOffer.length;
    for (const li of o.eligibleLines) {
      edgeOffer.push(oi);
      edgeLine.push(li);
      edgeCost.push(Math.max(0, o.readyCDay - lines[li]!.rddCDay));
    }
  });
  offerEdgeStart[nOffers] = edgeOffer.length;
  const nEdges = edgeOffer.length;

  // Edges were made offer by offer in id order, so a stable bucket by line keeps them by offer id.
  const lineEdgeStart = new Int32Array(nLines + 1);
  for (const li of edgeLine) lineEdgeStart[li + 1]!++;
  for (let i = 0; i < nLines; i++) lineEdgeStart[i + 1]! += lineEdgeStart[i]!;
  const lineEdges = new Int32Array(nEdges);
  const cursor = lineEdgeStart.slice(0, nLines);
  for (let e = 0; e < nEdges; e++) lineEdges[cursor[edgeLine[e]!]!++] = e;

  const groupOf = new Map<string, number>();
  const groupLineLists: number[][] = [];
  const groupOfferLists: number[][] = [];
  const lineGroup = new Int32Array(nLines).fill(-1);
  offers.forEach((o, oi) => {
    if (o.eligibleLines.length === 0) return;
    let g = groupOf.get(o.capability);
    if (g === undefined) {
      g = groupLineLists.length;
      groupOf.set(o.capability, g);
      groupLineLists.push([]);
      groupOfferLists.push([]);
    }
    groupOfferLists[g]!.push(oi);
  });
  lines.forEach((l, li) => {
    const g = groupOf.get(l.capability);
    if (g === undefined) return;
    lineGroup[li] = g;
    groupLineLists[g]!.push(li);
  });
  for (const list of groupOfferLists) {
    list.sort((a, b) => {
      const x = offers[a]!;
      const y = offers[b]!;
      return STATUS_RANK[y.status] - STATUS_RANK[x.status] || x.readyCDay - y.readyCDay || a - b;
    });
  }
  const flat = (lists: number[][]) => {
    const start = new Int32Array(lists.length + 1);
    lists.forEach((l, i) => (start[i + 1] = start[i]! + l.length));
    return { start, items: Int32Array.from(lists.flat()) };
  };
  const groupOffers = flat(groupOfferLists);
  const groupLines = flat(groupLineLists);
  const groupHasCost = new Uint8Array(groupLineLists.length);
  for (let e = 0; e < nEdges; e++) if (edgeCost[e]! > 0) groupHasCost[lineGroup[edgeLine[e]!]!] = 1;

  const nNodes = nOffers + nLines;
  return {
    edgeOffer: Int32Array.from(edgeOffer),
    edgeLine: Int32Array.from(edgeLine),
    edgeCost: Int32Array.from(edgeCost),
    offerEdgeStart,
    offerEdges: Int32Array.from({ length: nEdges }, (_, e) => e),
    lineEdgeStart,
    lineEdges,
    lineQuantity: Int32Array.from(lines, (l) => l.quantity),
    lineWeight: Float64Array.from(lines, (l) => l.weight),
    offerQuantity: Int32Array.from(offers, (o) => o.quantity),
    offerAvailable: Uint8Array.from(offers, (o) => (o.available ? 1 : 0)),
    lineGroup,
    groupOfferStart: groupOffers.start,
    groupOffers: groupOffers.items,
    groupLineStart: groupLines.start,
    groupLines: groupLines.items,
    groupHasCost,
    dist: new Int32Array(nNodes),
    pred: new Int32Array(nNodes),
    inQueue: new Uint8Array(nNodes),
    queue: new Int32Array(nNodes + 1),
  };
}

/**
 * The fast path: the optimal fill when only the offers marked in `delivered` (indexed like
 * `prepared.offers`; absent means all) turn up. Allocates only the result arrays.
 */
/**
 * Working arrays of one fill, to be used again by the next: a Monte Carlo fills the same graph
 * hundreds of thousands of times, and fresh arrays for each draw are most of what it allocates (and
 * so of the garbage collection it causes, which runs beside the request thread).
 */
export interface FillScratch {
  readonly supply: Int32Array;
  readonly used: Int32Array;
  readonly flow: Int32Array;
  readonly filled: Int32Array;
  readonly groupLeft: Int32Array;
}

export function fillScratch(prepared: PreparedFill): FillScratch {
  const g = prepared.graph;
  return {
    supply: new Int32Array(prepared.offers.length),
    used: new Int32Array(prepared.offers.length),
    flow: new Int32Array(g.edgeOffer.length),
    filled: new Int32Array(prepared.lines.length),
    groupLeft: new Int32Array(g.groupHasCost.length),
  };
}

/**
 * The optimal fill of the prepared graph with the offers `delivered` (all when undefined). With
 * `scratch` the result's arrays are the scratch's own: valid until the next fill with it.
 */
export function fillWith(
  prepared: PreparedFill,
  delivered?: ArrayLike<boolean | number>,
  scratch?: FillScratch,
): FillResult {
  const g = prepared.graph;
  const offers = prepared.offers;
  const nOffers = offers.length;
  const nLines = prepared.lines.length;
  const supply = scratch ? scratch.supply.fill(0) : new Int32Array(nOffers);
  const used = scratch ? scratch.used.fill(0) : new Int32Array(nOffers);
  const flow = scratch ? scratch.flow.fill(0) : new Int32Array(g.edgeOffer.length);
  const filled = scratch ? scratch.filled.fill(0) : new Int32Array(nLines);
  for (let o = 0; o < nOffers; o++) {
    if (g.offerAvailable[o] && (delivered === undefined || delivered[o])) supply[o] = g.offerQuantity[o]!;
  }
  const groupCount = g.groupHasCost.length;
  const groupLeft = scratch ? scratch.groupLeft.fill(0) : new Int32Array(groupCount);
  for (let gi = 0; gi < groupCount; gi++) {
    for (let k = g.groupOfferStart[gi]!; k < g.groupOfferStart[gi + 1]!; k++)
      groupLeft[gi]! += supply[g.groupOffers[k]!]!;
  }

  const { pred, edgeOffer, edgeLine } = g;
  for (let li = 0; li < nLines; li++) {
    const gi = g.lineGroup[li]!;
    if (gi < 0) continue;
    const need = g.lineQuantity[li]!;
    while (filled[li]! < need && groupLeft[gi]! > 0) {
      const found = g.groupHasCost[gi]
        ? cheapestPath(g, gi, li, nOffers, supply, used, flow)
        : shortestPath(g, gi, li, nOffers, supply, used, flow);
      if (!found) break;
      // Walk the path back from the line to the offer that supplies it: forward arcs gain, the
      // arcs it reroutes (line -> offer) lose, the first offer spends its own units.
      let amount = need - filled[li]!;
      let line = li;
      for (;;) {
        const o = edgeOffer[pred[nOffers + line]!]!;
        const back = pred[o]!;
        if (back < 0) {
          amount = Math.min(amount, supply[o]! - used[o]!);
          break;
        }
        amount = Math.min(amount, flow[back]!);
        line = edgeLine[back]!;
      }
      line = li;
      for (;;) {
        const e = pred[nOffers + line]!;
        flow[e]! += amount;
        const o = edgeOffer[e]!;
        const back = pred[o]!;
        if (back < 0) {
          used[o]! += amount;
          break;
        }
        flow[back]! -= amount;
        line = edgeLine[back]!;
      }
      filled[li]! += amount;
      groupLeft[gi]! -= amount;
    }
  }

  let weightedFill = 0;
  let quantityFilled = 0;
  for (let li = 0; li < nLines; li++) {
    weightedFill += filled[li]! * g.lineWeight[li]!;
    quantityFilled += filled[li]!;
  }
  let personnelMatched = 0;
  for (let o = 0; o < nOffers; o++) {
    if (used[o]! > 0) personnelMatched += shareOf(offers[o]!.personnel, used[o]!, offers[o]!.quantity);
  }
  let lateUnitDays = 0;
  for (let e = 0; e < flow.length; e++) lateUnitDays += flow[e]! * g.edgeCost[e]!;
  return {
    offerSupply: supply,
    lineFilled: filled,
    offerUsed: used,
    edgeFlow: flow,
    weightedFill,
    quantityFilled,
    personnelMatched,
    lateUnitDays,
  };
}

/** Personnel of `units` of an offer: whole people, and the parts of a fully used offer add up to it. */
function shareOf(personnel: number, units: number, quantity: number): number {
  return Math.round((personnel * units) / quantity);
}

function startSearch(
  g: FillGraph,
  gi: number,
  nOffers: number,
  supply: Int32Array,
  used: Int32Array,
): number {
  const { dist, pred, queue, inQueue } = g;
  let tail = 0;
  for (let k = g.groupLineStart[gi]!; k < g.groupLineStart[gi + 1]!; k++)
    dist[nOffers + g.groupLines[k]!] = UNREACHED;
  for (let k = g.groupOfferStart[gi]!; k < g.groupOfferStart[gi + 1]!; k++) {
    const o = g.groupOffers[k]!;
    if (supply[o]! > used[o]!) {
      dist[o] = 0;
      pred[o] = -1;
      queue[tail++] = o;
      inQueue[o] = 1;
    } else {
      dist[o] = UNREACHED;
      inQueue[o] = 0;
    }
  }
  return tail;
}

/** Breadth-first: the fewest reroutings, for a capability where no arc is late. */
function shortestPath(
  g: FillGraph,
  gi: number,
  target: number,
  nOffers: number,
  supply: Int32Array,
  used: Int32Array,
  flow: Int32Array,
): boolean {
  const { dist, pred, queue, edgeLine, edgeOffer } = g;
  let tail = startSearch(g, gi, nOffers, supply, used);
  for (let head = 0; head < tail; head++) {
    const u = queue[head]!;
    if (u < nOffers) {
      for (let k = g.offerEdgeStart[u]!; k < g.offerEdgeStart[u + 1]!; k++) {
        const e = g.offerEdges[k]!;
        const v = nOffers + edgeLine[e]!;
        if (dist[v] !== UNREACHED) continue;
        dist[v] = 0;
        pred[v] = e;
        if (edgeLine[e] === target) return true;
        queue[tail++] = v;
      }
    } else {
      const line = u - nOffers;
      for (let k = g.lineEdgeStart[line]!; k < g.lineEdgeStart[line + 1]!; k++) {
        const e = g.lineEdges[k]!;
        const o = edgeOffer[e]!;
        if (flow[e] === 0 || dist[o] !== UNREACHED) continue;
        dist[o] = 0;
        pred[o] = e;
        queue[tail++] = o;
      }
    }
  }
  return false;
}

/** Fewest late unit-days (Bellman-Ford with a queue); the residual graph has no negative cycle. */
function cheapestPath(
  g: FillGraph,
  gi: number,
  target: number,
  nOffers: number,
  supply: Int32Array,
  used: Int32Array,
  flow: Int32Array,
): boolean {
  const { dist, pred, queue, inQueue, edgeLine, edgeOffer, edgeCost } = g;
  const size = queue.length;
  let tail = startSearch(g, gi, nOffers, supply, used);
  for (let k = g.groupLineStart[gi]!; k < g.groupLineStart[gi + 1]!; k++)
    inQueue[nOffers + g.groupLines[k]!] = 0;
  let head = 0;
  while (head !== tail) {
    const u = queue[head]!;
    head = head + 1 === size ? 0 : head + 1;
    inQueue[u] = 0;
    const du = dist[u]!;
    if (u < nOffers) {
      for (let k = g.offerEdgeStart[u]!; k < g.offerEdgeStart[u + 1]!; k++) {
        const e = g.offerEdges[k]!;
        const v = nOffers + edgeLine[e]!;
        const d = du + edgeCost[e]!;
        if (d >= dist[v]!) continue;
        dist[v] = d;
        pred[v] = e;
        // Going on from the target would only come back to it round a cycle, never cheaper.
        if (edgeLine[e] === target || inQueue[v]) continue;
        inQueue[v] = 1;
        queue[tail] = v;
        tail = tail + 1 === size ? 0 : tail + 1;
      }
    } else {
      const line = u - nOffers;
      for (let k = g.lineEdgeStart[line]!; k < g.lineEdgeStart[line + 1]!; k++) {
        const e = g.lineEdges[k]!;
        if (flow[e] === 0) continue;
        const o = edgeOffer[e]!;
        const d = du - edgeCost[e]!;
        if (d >= dist[o]!) continue;
        dist[o] = d;
        pred[o] = e;
        if (inQueue[o]) continue;
        inQueue[o] = 1;
        queue[tail] = o;
        tail = tail + 1 === size ? 0 : tail + 1;
      }
    }
  }
  return dist[nOffers + target]! !== UNREACHED;
}

/** The optimal fill with every available offer, and the full report. */
export function forceFill(scenario: FillScenario, options: ForceFillOptions = {}): ForceFillReport {
  const prepared = prepareFill(scenario, options);
  return buildFillReport(prepared, fillWith(prepared));
}

/** The report of one fill (for the Monte Carlo, of one draw). */
export function buildFillReport(prepared: PreparedFill, result: FillResult): ForceFillReport {
  const { lines, offers, graph } = prepared;
  const { edgeFlow, offerUsed, offerSupply, lineFilled } = result;

  // Cumulative rounding: each part of an offer is round(P * units so far / Q) minus the same before
  // it, so the parts are whole people and a fully used offer's parts add up to its personnel.
  const unitsSoFar = new Int32Array(offers.length);
  const lineFills: LineFill[] = new Array<LineFill>(lines.length);
  lines.forEach((line, li) => {
    const assignments: FillAssignment[] = [];
    for (let k = graph.lineEdgeStart[li]!; k < graph.lineEdgeStart[li + 1]!; k++) {
      const e = graph.lineEdges[k]!;
      const units = edgeFlow[e]!;
      if (units === 0) continue;
      const oi = graph.edgeOffer[e]!;
      const offer = offers[oi]!;
      const before = unitsSoFar[oi]!;
      unitsSoFar[oi] = before + units;
      const daysLate = graph.edgeCost[e]!;
      assignments.push({
        offer: offer.id,
        nation: offer.nation,
        quantity: units,
        personnel: (shareOf(offer.personnel, before + units, offer.quantity) -
          shareOf(offer.personnel, before, offer.quantity)) as Personnel,
        tonnes: ((offer.tonnes * units) / offer.quantity) as Tonnes,
        readyCDay: offer.readyCDay,
        late: daysLate > 0,
        daysLate: daysLate as Days,
        expiresBeforeLineEnd: offer.validUntil !== undefined && offer.validUntil < line.endDate,
      });
    }
    const quantity = lineFilled[li]!;
    const short = line.quantity - quantity;
    lineFills[line.scenarioIndex] = {
      line: line.id,
      label: line.label,
      capability: line.capability,
      domain: line.domain,
      sector: line.sector,
      task: line.task,
      priority: line.priority,
      weight: line.weight,
      rddCDay: line.rddCDay,
      durationMonths: line.durationMonths,
      required: { quantity: line.quantity, personnel: (line.quantity * line.personnelPerUnit) as Personnel },
      filled: { quantity, personnel: sum(assignments, (a) => a.personnel) as Personnel },
      shortfall: { quantity: short, personnel: (short * line.personnelPerUnit) as Personnel },
      fillRatio: quantity / line.quantity,
      personnelFillRatio: personnelRatio(
        sum(assignments, (a) => a.personnel),
        line.quantity * line.personnelPerUnit,
      ),
      endDate: line.endDate,
      status: short === 0 ? 'filled' : quantity === 0 ? 'empty' : 'partial',
      lateQuantity: sum(assignments, (a) => (a.late ? a.quantity : 0)),
      nations: nationContributions(assignments),
      assignments,
    };
  });

  const unmatched: UnmatchedOffer[] = [];
  const offersInScenarioOrder = [...offers.keys()].sort(
    (a, b) => offers[a]!.scenarioIndex - offers[b]!.scenarioIndex,
  );
  for (const oi of offersInScenarioOrder) {
    const offer = offers[oi]!;
    const usedUnits = offerUsed[oi]!;
    const remaining = offer.quantity - usedUnits;
    if (remaining === 0) continue;
    const reason: UnmatchedReason =
      offer.blocked ??
      (offerSupply[oi] === 0
        ? { kind: 'not-delivered' as const }
        : {
            kind: 'lines-already-filled',
            lines: offer.eligibleLines.map((li) => lines[li]!.id),
            exclusions: offer.lineExclusions as LineExclusion[],
          });
    unmatched.push({
      offer: offer.id,
      nation: offer.nation,
      capability: offer.capability,
      status: offer.status,
      quantity: offer.quantity,
      matchedQuantity: usedUnits,
      remainingQuantity: remaining,
      remainingPersonnel: (offer.personnel -
        shareOf(offer.personnel, usedUnits, offer.quantity)) as Personnel,
      reason,
      explanation: explainUnmatched(offer, reason),
    });
  }

  const offered = (o: PreparedOffer) => (o.status === 'withdrawn' ? 0 : o.personnel);
  const availableOf = (o: PreparedOffer, oi: number) => (offerSupply[oi]! > 0 ? o.personnel : 0);
  const matched = (o: PreparedOffer, oi: number) => shareOf(o.personnel, offerUsed[oi]!, o.quantity);
  const personnelMatched = result.personnelMatched;

  const nationIds = [...new Set(offers.map((o) => o.nation))];
  const byNation: NationFillTotals[] = nationIds
    .map((nation) => {
      let personnelOffered = 0;
      let personnelAvailable = 0;
      let nationMatched = 0;
      offers.forEach((o, oi) => {
        if (o.nation !== nation) return;
        personnelOffered += offered(o);
        personnelAvailable += availableOf(o, oi);
        nationMatched += matched(o, oi);
      });
      return {
        nation,
        personnelOffered: personnelOffered as Personnel,
        personnelAvailable: personnelAvailable as Personnel,
        personnelMatched: nationMatched as Personnel,
        share: personnelMatched === 0 ? 0 : nationMatched / personnelMatched,
      };
    })
    .sort(
      (a, b) =>
        b.personnelMatched - a.personnelMatched ||
        b.personnelOffered - a.personnelOffered ||
        compareText(a.nation, b.nation),
    );

  const byDomain: DomainFillTotals[] = DOMAINS.map((domain) => {
    const ls = lineFills.filter((l) => l.domain === domain);
    let personnelOffered = 0;
    let personnelAvailable = 0;
    let domainMatched = 0;
    offers.forEach((o, oi) => {
      if (o.domain !== domain) return;
      personnelOffered += offered(o);
      personnelAvailable += availableOf(o, oi);
      domainMatched += matched(o, oi);
    });
    return {
      domain,
      quantityRequired: sum(ls, (l) => l.required.quantity),
      quantityFilled: sum(ls, (l) => l.filled.quantity),
      personnelRequired: sum(ls, (l) => l.required.personnel) as Personnel,
      personnelOffered: personnelOffered as Personnel,
      personnelAvailable: personnelAvailable as Personnel,
      personnelMatched: domainMatched as Personnel,
      personnelShortfall: sum(ls, (l) => l.shortfall.personnel) as Personnel,
    };
  });

  const lineCounts = { filled: 0, partial: 0, empty: 0 };
  for (const l of lineFills) lineCounts[l.status]++;
  const personnelTarget = prepared.personnelTarget;
  return {
    assumptions: { ...prepared.assumptions, excludedNations: [...prepared.assumptions.excludedNations] },
    totals: {
      personnelTarget,
      personnelRequired: sum(lineFills, (l) => l.required.personnel) as Personnel,
      personnelOffered: sum(offers, offered) as Personnel,
      personnelAvailable: offers.reduce((s, o, oi) => s + availableOf(o, oi), 0) as Personnel,
      personnelMatched: personnelMatched as Personnel,
      shortfallAgainstTarget: Math.max(0, personnelTarget - personnelMatched) as Personnel,
      shortfallAgainstLines: sum(lineFills, (l) => l.shortfall.personnel) as Personnel,
      quantityRequired: sum(lineFills, (l) => l.required.quantity),
      quantityFilled: result.quantityFilled,
      weightedFill: result.weightedFill,
      weightedRequired: sum(lines, (l) => l.weight * l.quantity),
      lateQuantity: sum(lineFills, (l) => l.lateQuantity),
      lateUnitDays: result.lateUnitDays,
      lineCounts,
    },
    lines: lineFills,
    unmatchedOffers: unmatched,
    byNation,
    byDomain,
  };
}

function nationContributions(assignments: readonly FillAssignment[]): NationContribution[] {
  const byNation = new Map<NationId, NationContribution>();
  for (const a of assignments) {
    const c = byNation.get(a.nation);
    if (c) {
      c.quantity += a.quantity;
      c.personnel = (c.personnel + a.personnel) as Personnel;
    } else byNation.set(a.nation, { nation: a.nation, quantity: a.quantity, personnel: a.personnel });
  }
  return [...byNation.values()].sort(
    (a, b) => b.quantity - a.quantity || b.personnel - a.personnel || compareText(a.nation, b.nation),
  );
}

/** Filled personnel over required, held at 1: a line overfilled in people is filled, not more. */
function personnelRatio(filled: number, required: number): number {
  return required === 0 ? 1 : Math.min(1, filled / required);
}

/**
 * The day a line's task ends: its RDD counted from C-day (the mission's planned C-day, else the
 * analysis date), plus its duration in calendar months. An offer valid until an earlier day leaves
 * before the task is done.
 */
export function lineEndDate(cDay: string, rddCDay: number, durationMonths: number): IsoDate {
  const d = new Date(`${cDay}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + rddCDay);
  const whole = Math.floor(durationMonths);
  // A month on from 31 January is the last day of February, not 3 March.
  const day = d.getUTCDate();
  d.setUTCDate(1);
  d.setUTCMonth(d.getUTCMonth() + whole);
  const lastDay = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
  d.setUTCDate(Math.min(day, lastDay));
  d.setUTCDate(d.getUTCDate() + Math.round((durationMonths - whole) * 30.4375));
  return d.toISOString().slice(0, 10) as IsoDate;
}

function sum<T>(items: readonly T[], value: (t: T) => number): number {
  let s = 0;
  for (const t of items) s += value(t);
  return s;
}

export function describeExclusionRule(rule: LineExclusionRule): string {
  switch (rule.kind) {
    case 'excluded-sector':
      return `sector ${rule.sector} excluded`;
    case 'task-not-allowed':
      return `task ${rule.task} not among the allowed ${rule.allowedTasks.join(', ')}`;
    case 'duration-too-long':
      return `${rule.durationMonths} months exceed the ${rule.maxDurationMonths}-month limit`;
    case 'late':
      return `ready ${rule.daysLate} days after the RDD`;
  }
}

function describeExclusions(exclusions: readonly LineExclusion[]): string {
  return exclusions.map((x) => `${x.line} (${x.rules.map(describeExclusionRule).join('; ')})`).join(', ');
}

function explainUnmatched(offer: PreparedOffer, reason: UnmatchedReason): string {
  switch (reason.kind) {
    case 'withdrawn':
      return 'Withdrawn.';
    case 'status-below-minimum':
      return `Status ${reason.status} is below the least firm status counted (${reason.minStatus}).`;
    case 'expired':
      return `Expired: valid until ${reason.validUntil}, before the analysis date ${reason.asOf}.`;
    case 'requires-us-backstop':
      return 'Requires a US backstop, which this analysis does not assume.';
    case 'nation-excluded':
      return `${offer.nation}'s offers are left out of this analysis.`;
    case 'not-delivered':
      return 'Not delivered in this draw.';
    case 'no-line-for-capability':
      return `No requirement line asks for ${reason.capability}.`;
    case 'no-eligible-line':
      return `Every ${offer.capability} line is closed to it: ${describeExclusions(reason.exclusions)}.`;
    case 'lines-already-filled': {
      const closed =
        reason.exclusions.length > 0 ? `; closed to it: ${describeExclusions(reason.exclusions)}` : '';
      return `The lines it may fill are already full: ${reason.lines.join(', ')}${closed}.`;
    }
  }
}
