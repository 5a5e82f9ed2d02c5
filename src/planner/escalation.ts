// Red lines that move the numbers: a Monte Carlo over escalation paths. Where the resilience Monte
// Carlo (resilience.ts) draws every nation on its own, here several nations leave together when the
// situation reaches the rung their red lines name, and the report gives, rung by rung, the force that
// remains and the chance of still meeting the target, beside a baseline in which the same red-line
// withdrawals happen independently, nation by nation.
//
// The model (assumptions a user can change through the options):
// 1. A draw is one path up the ladder. The lowest rung is reached with certainty (the analysis asks
//    "once escalation has begun"); each next rung with a conditional probability, the probability of
//    climbing to it from the rung below (`pathModel`, by rung id; DEFAULT_CLIMB_PROBABILITY, 0.5, for
//    a rung it does not name). The path stops at the first rung not climbed to.
// 2. Independently of the path, each nation delivers all its offers or none with the probability of
//    its current stance, drawn from the same named stream as in the resilience Monte Carlo (the same
//    seed gives both analyses the same delivery draws, so their figures line up draw by draw).
// 3. At a rung, every nation with a `withdraws` red line at that rung or a lower one withdraws its
//    share (the largest share among those lines). Share s: the nation keeps the first (1 − s) of its
//    personnel and withdraws the rest, taking its counting offers firmest first (deployed, verified,
//    confirmed, offered), then sooner ready, then by id: offers are kept whole while they fit, the
//    offer that crosses the line keeps the whole units that fit, the later ones go. Personnel is the
//    one measure a battalion and a squadron share; firm commitments are the last a capital recalls.
// 4. `no-deploy-within` red lines withdraw nothing here: they limit where forces may stand (exposure
//    is computed elsewhere), so each rung lists them as restrictions.
// 5. The independent baseline: each nation with a red line climbs a ladder of its own (the same path
//    model, its own stream), so each nation's withdrawal has exactly the marginal probability it has
//    in the correlated model and only the correlation between nations differs.
//
// Per rung, the force "given the rung is reached" is computed over every draw: the path is drawn
// independently of the deliveries, so conditioning on reaching rung r leaves the deliveries'
// distribution as it is, and the force at rung r depends only on the deliveries and r (conditional
// Monte Carlo: the same expectation as counting only the draws that reach r, with less noise, and with
// no red lines exactly the resilience Monte Carlo's distribution). The probability a rung is reached
// is exact (the product of the climbing probabilities). The paths themselves decide the figures over
// all draws: the force where each draw's path stopped, correlated and independent, and how often
// nations withdraw together.
//
// A draw's force depends only on which nations delivered and the share each withdrew, and few such
// patterns recur across the draws, so each is filled once per run (memo keyed by the pattern, like
// the resilience Monte Carlo's): the rungs and the baseline of a draw mostly reuse fills already made.
import { invalid, type FieldIssue } from '../domain/errors.ts';
import type { RedLine, Rung } from '../domain/escalation.ts';
import type { Days, NationId, Personnel } from '../domain/ids.ts';
import { currentStance } from '../domain/overview.ts';
import {
  DELIVERY_STANCES,
  OFFER_STATUSES,
  resolveDeliveryProbability,
  type DeliveryStance,
  type OfferStatus,
} from '../domain/scenario-schema.ts';
import { fillScratch, fillWith, prepareFill, type PreparedFill, type PreparedOffer } from './force-fill.ts';
import { bernoulliThreshold, namedStreams, type Random } from './prng.ts';
import {
  distributionOf,
  runSettings,
  histogramOf,
  type MonteCarloOptions,
  type ResilienceScenario,
} from './resilience.ts';

/** Probability of climbing to a rung from the one below when the path model does not name it. */
export const DEFAULT_CLIMB_PROBABILITY = 0.5;
/** Stream of the shared escalation path; a nation's own path (independent baseline) adds `:NATION`. */
export const ESCALATION_PATH_STREAM = 'escalation-path';
/** Fills the per-run memo keeps (a key of a few characters and a number each): ample, and bounded. */
const PATTERN_MEMO_ENTRIES = 1 << 20;

/** What the analysis reads of a rung (a `Rung` of the scenario's ladder will do). */
export type LadderRung = Pick<Rung, 'id' | 'level' | 'name'>;
/** What the analysis reads of a red line (a `RedLine` will do). */
export type EscalationRedLine = Pick<RedLine, 'id' | 'nation' | 'rung' | 'effect' | 'share' | 'km'>;

export interface EscalationOptions extends MonteCarloOptions {
  /** The ladder, in any order: rungs are taken by `level`, lowest first. At least one. */
  rungs: readonly LadderRung[];
  redLines?: readonly EscalationRedLine[];
  /**
   * By rung id, the probability of climbing to that rung from the one below it. Rungs it does not
   * name climb with DEFAULT_CLIMB_PROBABILITY; the lowest rung is reached with certainty and may not
   * be named.
   */
  pathModel?: Readonly<Record<string, number>>;
}

// The report's shape is the domain's (src/domain/analysis/escalation-report.ts), so the contract and
// the web UI can read it without importing the planner.
export type {
  EscalationReport,
  ForceOutcome,
  NationEscalation,
  PairWithdrawal,
  PathOutcome,
  RungOutcome,
  RungRestriction,
  RungWithdrawal,
} from '../domain/analysis/escalation-report.ts';
import type {
  EscalationReport,
  ForceOutcome,
  PairWithdrawal,
  PathOutcome,
  RungOutcome,
  RungRestriction,
  RungWithdrawal,
} from '../domain/analysis/escalation-report.ts';

// --- analysis -------------------------------------------------------------------------------------

interface Ladder {
  rungs: LadderRung[];
  /** By rung index: the probability of climbing to it (1 for the lowest) and its origin. */
  climb: number[];
  climbFrom: RungOutcome['climbProbabilityFrom'][];
  reached: number[];
}

interface EscalationNation {
  id: NationId;
  probability: number;
  personnelAvailable: number;
  /** Its counting offers (indices into prepared.offers), firmest first: the withdrawal order. */
  offers: Int32Array;
  /** Distinct withdrawal levels, level 0 keeping everything; units kept per own offer at each. */
  levels: { share: number; kept: Int32Array; personnelKept: number }[];
  /** By rung index: its withdrawal level, and the red line (index) that sets it, -1 for none. */
  levelAt: Int32Array;
  lineAt: Int32Array;
  /** The lowest rung index at which it withdraws something; -1 when it never does. */
  firstWithdrawal: number;
  redLines: string[];
}

const STATUS_RANK: Record<OfferStatus, number> = Object.fromEntries(
  OFFER_STATUSES.map((s, i) => [s, i]),
) as Record<OfferStatus, number>;

export function escalationMonteCarlo(
  scenario: ResilienceScenario,
  options: EscalationOptions,
): EscalationReport {
  const { draws, seed, bins, progressEvery, readyBy } = runSettings(options);
  const redLines = options.redLines ?? [];
  const ladder = checkedLadder(scenario, options.rungs, redLines, options.pathModel);
  const prepared = prepareFill(scenario, options);
  const nations = escalationNations(scenario, prepared, ladder, redLines, options);
  const nRungs = ladder.rungs.length;
  const target = prepared.personnelTarget;

  // One quantity per offer, the fill's supply: the prepared graph with this array as its offer
  // quantities fills partial offers (a share withdrawn) as well as whole ones (0: not delivered).
  const quantity = new Int32Array(prepared.offers.length);
  const view: PreparedFill = { ...prepared, graph: { ...prepared.graph, offerQuantity: quantity } };
  const scratch = fillScratch(prepared);
  const deciding = nations.filter((n) => n.offers.length > 0);
  const codes = new Uint16Array(deciding.length);
  const memo = new Map<string, number>();
  const keepsNothing = deciding.map((n) => n.levels.map((l) => l.kept.every((q) => q === 0)));
  /** Personnel matched when each deciding nation is in the state `codes` says: 0 absent, 1 + level. */
  const forceOf = (): number => {
    // A nation that keeps nothing at its level is the same to the fill as one that does not deliver:
    // one pattern, so the top rungs of a ladder where everyone has gone share one fill.
    for (let k = 0; k < deciding.length; k++) {
      const code = codes[k]!;
      if (code > 0 && keepsNothing[k]![code - 1]) codes[k] = 0;
    }
    const key = String.fromCharCode(...codes);
    const known = memo.get(key);
    if (known !== undefined) return known;
    quantity.fill(0);
    deciding.forEach((n, k) => {
      const code = codes[k]!;
      if (code === 0) return;
      const kept = n.levels[code - 1]!.kept;
      for (let j = 0; j < n.offers.length; j++) quantity[n.offers[j]!] = kept[j]!;
    });
    const personnel = fillWith(view, undefined, scratch).personnelMatched;
    if (memo.size < PATTERN_MEMO_ENTRIES) memo.set(key, personnel);
    return personnel;
  };

  // Streams: the nations' delivery streams as the resilience Monte Carlo names them, the shared path,
  // and one path per nation that may withdraw (the independent baseline).
  const deliveryStreams = namedStreams(
    seed,
    deciding.map((n) => n.id),
  );
  const withdrawing = nations.filter((n) => n.firstWithdrawal >= 0);
  const [pathStream] = namedStreams(seed, [ESCALATION_PATH_STREAM]);
  const ownPathStreams = namedStreams(
    seed,
    withdrawing.map((n) => `${ESCALATION_PATH_STREAM}:${n.id}`),
  );
  const climbThreshold = ladder.climb.map(bernoulliThreshold);
  const deliveryThreshold = deciding.map((n) => bernoulliThreshold(n.probability));
  const decidingIndex = new Map(deciding.map((n, k) => [n.id, k]));
  const withdrawingDeciding = withdrawing.map((n) => decidingIndex.get(n.id) ?? -1);
  // A rung where no deciding nation's level changes has the force of the rung below.
  const rungChanges = ladder.rungs.map(
    (_, r) => r === 0 || deciding.some((n) => n.levelAt[r] !== n.levelAt[r - 1]),
  );

  const rungCounts = ladder.rungs.map(() => new Map<number, number>());
  const rungTargetMet = new Float64Array(nRungs);
  const drawsReached = new Float64Array(nRungs);
  const correlated = new Map<number, number>();
  const independent = new Map<number, number>();
  let correlatedMet = 0;
  let independentMet = 0;
  const delivered = new Uint8Array(deciding.length);
  const ownHeight = new Int32Array(withdrawing.length);
  const withdrawnCorrelated = new Uint8Array(withdrawing.length);
  const withdrawnIndependent = new Uint8Array(withdrawing.length);
  const marginalCorrelated = new Float64Array(withdrawing.length);
  const marginalIndependent = new Float64Array(withdrawing.length);
  const nPairs = (withdrawing.length * (withdrawing.length - 1)) / 2;
  const jointCorrelated = new Float64Array(nPairs);
  const jointIndependent = new Float64Array(nPairs);
  const forceAtRung = new Float64Array(nRungs);

  for (let d = 0; d < draws; d++) {
    // Every stream gives one number per draw (per rung above the lowest, for a path) whatever the
    // outcome, so the streams stay aligned across runs that change a probability.
    for (let k = 0; k < deciding.length; k++) {
      delivered[k] = deliveryStreams[k]!.nextUint32() < deliveryThreshold[k]! ? 1 : 0;
    }
    const height = climb(pathStream!, climbThreshold);
    for (let i = 0; i < withdrawing.length; i++) ownHeight[i] = climb(ownPathStreams[i]!, climbThreshold);

    for (let r = 0; r < nRungs; r++) {
      if (rungChanges[r]) {
        for (let k = 0; k < deciding.length; k++) {
          codes[k] = delivered[k] ? 1 + deciding[k]!.levelAt[r]! : 0;
        }
        forceAtRung[r] = forceOf();
      } else forceAtRung[r] = forceAtRung[r - 1]!;
      const f = forceAtRung[r]!;
      add(rungCounts[r]!, f);
      if (f >= target) rungTargetMet[r]!++;
      if (r <= height) drawsReached[r]!++;
    }
    const atHeight = forceAtRung[height]!;
    add(correlated, atHeight);
    if (atHeight >= target) correlatedMet++;

    // The baseline: each withdrawing nation at the level of its own path's height.
    for (let k = 0; k < deciding.length; k++) codes[k] = delivered[k] ? 1 : 0;
    for (let i = 0; i < withdrawing.length; i++) {
      const n = withdrawing[i]!;
      const k = withdrawingDeciding[i]!;
      if (k >= 0 && delivered[k]) codes[k] = 1 + n.levelAt[ownHeight[i]!]!;
      withdrawnCorrelated[i] = n.levelAt[height]! > 0 ? 1 : 0;
      withdrawnIndependent[i] = n.levelAt[ownHeight[i]!]! > 0 ? 1 : 0;
      marginalCorrelated[i]! += withdrawnCorrelated[i]!;
      marginalIndependent[i]! += withdrawnIndependent[i]!;
    }
    const alone = forceOf();
    add(independent, alone);
    if (alone >= target) independentMet++;
    for (let i = 0, p = 0; i < withdrawing.length; i++) {
      for (let j = i + 1; j < withdrawing.length; j++, p++) {
        jointCorrelated[p]! += withdrawnCorrelated[i]! & withdrawnCorrelated[j]!;
        jointIndependent[p]! += withdrawnIndependent[i]! & withdrawnIndependent[j]!;
      }
    }
    if (options.onProgress && ((d + 1) % progressEvery === 0 || d + 1 === draws)) {
      options.onProgress(d + 1, draws);
    }
  }

  // --- the report ---
  const buffer = new Float64Array(draws);
  const outcomeOf = (counts: Map<number, number>, met: number): ForceOutcome => {
    const sorted = sortedFromCounts(counts, buffer);
    const p = met / draws;
    return {
      personnelMatched: distributionOf(sorted),
      probabilityTargetMet: p,
      probabilityTargetMetError: Math.sqrt((p * (1 - p)) / draws),
    };
  };
  const pathOutcomeOf = (counts: Map<number, number>, met: number): PathOutcome => {
    const outcome = outcomeOf(counts, met);
    // outcomeOf left the sorted values in `buffer`.
    return { ...outcome, histogram: histogramOf(buffer, bins) };
  };

  const rungs: RungOutcome[] = ladder.rungs.map((rung, r) => {
    const withdrawals: RungWithdrawal[] = [];
    const newlyWithdrawn: NationId[] = [];
    for (const n of nations) {
      const level = n.levelAt[r]!;
      if (level === 0) continue;
      const line = redLines[n.lineAt[r]!]!;
      const kept = n.levels[level]!.personnelKept;
      withdrawals.push({
        nation: n.id,
        share: n.levels[level]!.share,
        redLine: line.id,
        sinceRung: line.rung,
        personnelKept: kept as Personnel,
        personnelWithdrawn: (n.personnelAvailable - kept) as Personnel,
      });
      if (r === 0 || n.levelAt[r - 1] !== level) newlyWithdrawn.push(n.id);
    }
    // Everyone delivers: the state every deciding nation is in at this rung, delivered.
    deciding.forEach((n, k) => (codes[k] = 1 + n.levelAt[r]!));
    return {
      rung: rung.id,
      level: rung.level,
      name: rung.name,
      climbProbability: r === 0 ? null : ladder.climb[r]!,
      climbProbabilityFrom: ladder.climbFrom[r]!,
      probabilityReached: ladder.reached[r]!,
      drawsReached: drawsReached[r]!,
      withdrawals,
      newlyWithdrawn,
      restrictions: restrictionsAt(ladder, redLines, r),
      allDeliver: { personnelMatched: forceOf() as Personnel },
      ...outcomeOf(rungCounts[r]!, rungTargetMet[r]!),
    };
  });

  const withdrawingIndex = new Map(withdrawing.map((n, i) => [n.id, i]));
  const pairs: PairWithdrawal[] = [];
  for (let i = 0, p = 0; i < withdrawing.length; i++) {
    for (let j = i + 1; j < withdrawing.length; j++, p++) {
      const a = withdrawing[i]!;
      const b = withdrawing[j]!;
      pairs.push({
        nations: [a.id, b.id],
        expected: {
          correlated: ladder.reached[Math.max(a.firstWithdrawal, b.firstWithdrawal)]!,
          independent: ladder.reached[a.firstWithdrawal]! * ladder.reached[b.firstWithdrawal]!,
        },
        observed: { correlated: jointCorrelated[p]! / draws, independent: jointIndependent[p]! / draws },
      });
    }
  }

  return {
    fillAssumptions: { ...prepared.assumptions, excludedNations: [...prepared.assumptions.excludedNations] },
    draws,
    seed,
    readyByCDay: readyBy === undefined ? null : (readyBy as Days),
    personnelTarget: target,
    rungs,
    outcome: {
      correlated: pathOutcomeOf(correlated, correlatedMet),
      independent: pathOutcomeOf(independent, independentMet),
    },
    nations: nations.map((n) => {
      const i = withdrawingIndex.get(n.id);
      return {
        nation: n.id,
        deliveryProbability: n.probability,
        personnelAvailable: n.personnelAvailable as Personnel,
        redLines: n.redLines,
        withdrawalProbability: n.firstWithdrawal < 0 ? 0 : ladder.reached[n.firstWithdrawal]!,
        withdrawnShare:
          i === undefined
            ? { correlated: 0, independent: 0 }
            : { correlated: marginalCorrelated[i]! / draws, independent: marginalIndependent[i]! / draws },
      };
    }),
    pairs,
  };
}

/** The index of the highest rung a path reaches: one number per rung above the lowest, always. */
function climb(stream: Random, thresholds: readonly number[]): number {
  let height = 0;
  let climbing = true;
  for (let r = 1; r < thresholds.length; r++) {
    const u = stream.nextUint32();
    if (climbing && u < thresholds[r]!) height = r;
    else climbing = false;
  }
  return height;
}

function add(counts: Map<number, number>, value: number): void {
  counts.set(value, (counts.get(value) ?? 0) + 1);
}

/** The values the counts stand for, ascending, in `buffer` (which holds exactly their total). */
function sortedFromCounts(counts: Map<number, number>, buffer: Float64Array): Float64Array {
  let at = 0;
  for (const value of [...counts.keys()].sort((a, b) => a - b)) {
    const c = counts.get(value)!;
    buffer.fill(value, at, at + c);
    at += c;
  }
  return buffer;
}

// --- input ----------------------------------------------------------------------------------------

/** The ladder lowest first with its path model, after checking rungs, red lines and the path model. */
function checkedLadder(
  scenario: ResilienceScenario,
  given: readonly LadderRung[],
  redLines: readonly EscalationRedLine[],
  pathModel: Readonly<Record<string, number>> | undefined,
): Ladder {
  const issues: FieldIssue[] = [];
  const list: readonly LadderRung[] = Array.isArray(given) ? given : [];
  if (list.length === 0) issues.push({ path: 'rungs', message: 'must list at least one rung' });
  const ids = new Map<string, number>();
  const levels = new Map<number, number>();
  list.forEach((r, i) => {
    if (typeof r.id !== 'string' || r.id === '')
      issues.push({ path: `rungs[${i}].id`, message: 'is required' });
    else if (ids.has(r.id))
      issues.push({ path: `rungs[${i}].id`, message: `duplicates rungs[${ids.get(r.id)}].id "${r.id}"` });
    else ids.set(r.id, i);
    if (!Number.isInteger(r.level))
      issues.push({ path: `rungs[${i}].level`, message: 'must be a whole number' });
    else if (levels.has(r.level))
      issues.push({
        path: `rungs[${i}].level`,
        message: `duplicates rungs[${levels.get(r.level)}].level ${r.level}`,
      });
    else levels.set(r.level, i);
  });
  const rungs = [...list].sort((a, b) => a.level - b.level);
  const lowest = rungs[0]?.id;

  const nations = new Set(scenario.nations.map((n) => n.id as string));
  const lineIds = new Map<string, number>();
  redLines.forEach((l, i) => {
    const at = `redLines[${i}]`;
    if (lineIds.has(l.id))
      issues.push({ path: `${at}.id`, message: `duplicates redLines[${lineIds.get(l.id)}].id "${l.id}"` });
    else lineIds.set(l.id, i);
    if (!nations.has(l.nation))
      issues.push({
        path: `${at}.nation`,
        message: `names nation "${l.nation}", which is not in the scenario`,
      });
    if (!ids.has(l.rung))
      issues.push({ path: `${at}.rung`, message: `names rung "${l.rung}", which is not in the ladder` });
    if (l.effect === 'withdraws') {
      if (l.share !== undefined && !(typeof l.share === 'number' && l.share >= 0 && l.share <= 1))
        issues.push({
          path: `${at}.share`,
          message: `must be a number from 0 to 1 (got ${String(l.share)})`,
        });
      if (l.km !== undefined)
        issues.push({ path: `${at}.km`, message: 'is only for a no-deploy-within red line' });
    } else if (l.effect === 'no-deploy-within') {
      if (!(typeof l.km === 'number' && l.km > 0))
        issues.push({ path: `${at}.km`, message: 'must be a distance in km above 0' });
      if (l.share !== undefined)
        issues.push({ path: `${at}.share`, message: 'is only for a withdraws red line' });
    } else {
      issues.push({
        path: `${at}.effect`,
        message: `must be withdraws or no-deploy-within (got ${String(l.effect)})`,
      });
    }
  });

  for (const [id, p] of Object.entries(pathModel ?? {})) {
    const at = `pathModel.${id}`;
    if (!ids.has(id)) issues.push({ path: at, message: `names rung "${id}", which is not in the ladder` });
    else if (id === lowest)
      issues.push({ path: at, message: `"${id}" is the lowest rung, reached with certainty` });
    if (!(typeof p === 'number' && p >= 0 && p <= 1))
      issues.push({ path: at, message: `must be a probability from 0 to 1 (got ${String(p)})` });
  }
  if (issues.length > 0) throw invalid(issues);

  const climb: number[] = [];
  const climbFrom: RungOutcome['climbProbabilityFrom'][] = [];
  const reached: number[] = [];
  rungs.forEach((r, i) => {
    const given = pathModel?.[r.id];
    climb.push(i === 0 ? 1 : (given ?? DEFAULT_CLIMB_PROBABILITY));
    climbFrom.push(i === 0 ? 'certain' : given === undefined ? 'default' : 'path-model');
    reached.push(i === 0 ? 1 : reached[i - 1]! * climb[i]!);
  });
  return { rungs, climb, climbFrom, reached };
}

/** Each nation with offers or red lines: its delivery probability, offers and withdrawal levels. */
function escalationNations(
  scenario: ResilienceScenario,
  prepared: PreparedFill,
  ladder: Ladder,
  redLines: readonly EscalationRedLine[],
  options: EscalationOptions,
): EscalationNation[] {
  const asOf = prepared.assumptions.asOf;
  // The delivery probabilities exactly as the resilience Monte Carlo resolves them (drawNations).
  const table = resolveDeliveryProbability(scenario.assumptions);
  for (const stance of DELIVERY_STANCES) {
    const p = options.deliveryProbability?.[stance];
    if (p === undefined) continue;
    checkProbability(`deliveryProbability.${stance}`, p);
    table[stance] = p;
  }
  const overrides: Readonly<Record<string, number>> = {
    ...scenario.assumptions?.nationDeliveryProbability,
    ...options.nationProbability,
  };
  const known = new Set(scenario.nations.map((n) => n.id as string));
  for (const [nation, p] of Object.entries(overrides)) {
    if (!known.has(nation))
      throw new RangeError(`nationProbability names ${nation}, which is not in the scenario`);
    checkProbability(`nationProbability.${nation}`, p);
  }
  const excluded = new Set<string>(prepared.assumptions.excludedNations);
  const rungIndex = new Map(ladder.rungs.map((r, i) => [r.id, i]));

  const ids = new Set<string>();
  for (const o of scenario.offers) if (o.status !== 'withdrawn') ids.add(o.nation);
  for (const l of redLines) ids.add(l.nation);
  return [...ids].sort(compareText).map((id) => {
    const nationDoc = scenario.nations.find((n) => n.id === id);
    const stance: DeliveryStance =
      (nationDoc && currentStance(nationDoc.stances, asOf)?.stance) ?? 'unstated';
    const probability = excluded.has(id) ? 0 : (overrides[id] ?? table[stance]);

    const own: PreparedOffer[] = [];
    const ownIndex = new Map<PreparedOffer, number>();
    prepared.offers.forEach((o, oi) => {
      if (o.nation !== id || !o.available) return;
      if (options.readyByCDay !== undefined && o.readyCDay > options.readyByCDay) return;
      own.push(o);
      ownIndex.set(o, oi);
    });
    own.sort(
      (a, b) =>
        STATUS_RANK[b.status] - STATUS_RANK[a.status] || a.readyCDay - b.readyCDay || compareText(a.id, b.id),
    );
    const personnelAvailable = own.reduce((s, o) => s + o.personnel, 0);

    // By rung: the largest withdrawn share of its red lines at that rung or below, and the line.
    const lines = redLines.map((l, i) => ({ l, i })).filter(({ l }) => l.nation === id);
    const levels = [keptUnder(own, 0)];
    const levelAt = new Int32Array(ladder.rungs.length);
    const lineAt = new Int32Array(ladder.rungs.length).fill(-1);
    let firstWithdrawal = -1;
    let share = 0;
    let line = -1;
    ladder.rungs.forEach((_, r) => {
      for (const { l, i } of lines) {
        const s = l.share ?? 1;
        if (l.effect !== 'withdraws' || rungIndex.get(l.rung) !== r || s <= share) continue;
        share = s;
        line = i;
      }
      if (share > 0) {
        if (firstWithdrawal < 0) firstWithdrawal = r;
        if (levels[levels.length - 1]!.share !== share) levels.push(keptUnder(own, share));
        levelAt[r] = levels.length - 1;
        lineAt[r] = line;
      }
    });
    return {
      id: id as NationId,
      probability,
      personnelAvailable,
      offers: Int32Array.from(own, (o) => ownIndex.get(o)!),
      levels,
      levelAt,
      lineAt,
      firstWithdrawal,
      redLines: lines.map(({ l }) => l.id),
    };
  });
}

/**
 * Units kept per offer (in the order given, firmest first) when `share` of the personnel goes: the
 * first (1 − share) of the personnel stays, offers whole while they fit, the crossing offer in the
 * whole units that fit, none after it.
 */
function keptUnder(
  offers: readonly PreparedOffer[],
  share: number,
): { share: number; kept: Int32Array; personnelKept: number } {
  const kept = new Int32Array(offers.length);
  const total = offers.reduce((s, o) => s + o.personnel, 0);
  // A hair of tolerance so that, say, 70 % of 1,000 keeps the 700 people it should.
  const budget = (1 - share) * total + 1e-9;
  let personnelKept = 0;
  for (let j = 0; j < offers.length; j++) {
    const o = offers[j]!;
    if (personnelKept + o.personnel <= budget) {
      kept[j] = o.quantity;
      personnelKept += o.personnel;
      continue;
    }
    const units = Math.floor((budget - personnelKept) / (o.personnel / o.quantity));
    kept[j] = units;
    personnelKept += Math.round((o.personnel * units) / o.quantity);
    break;
  }
  return { share, kept, personnelKept };
}

function restrictionsAt(
  ladder: Ladder,
  redLines: readonly EscalationRedLine[],
  r: number,
): RungRestriction[] {
  const below = new Set(ladder.rungs.slice(0, r + 1).map((x) => x.id));
  const strictest = new Map<string, EscalationRedLine>();
  for (const l of redLines) {
    if (l.effect !== 'no-deploy-within' || !below.has(l.rung)) continue;
    const now = strictest.get(l.nation);
    if (now === undefined || l.km! > now.km!) strictest.set(l.nation, l);
  }
  return [...strictest.values()]
    .sort((a, b) => compareText(a.nation, b.nation))
    .map((l) => ({ nation: l.nation as NationId, km: l.km!, redLine: l.id, sinceRung: l.rung }));
}

function checkProbability(name: string, p: number): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new RangeError(`${name} must be a number from 0 to 1 (got ${String(p)})`);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
