// Resilience (analysis 4): how much of the force depends on each nation, and how much of it is
// likely to turn up given the politics.
//
// The withdrawal table compares the optimal fill with every nation against the fill without one
// nation (`forceFill` with `excludeNations: [n]`, so the figures are exactly what a fill report
// excluding that nation shows). Comparing optimal fills rather than reading the baseline's
// assignments matters: the others' offers re-route to cover what they can, so a nation's withdrawal
// costs less than its contribution whenever someone else can take over its lines.
//
// The Monte Carlo draws, many times, which nations deliver. A nation delivers all its offers or none
// (a withdrawal is a national political decision, not a unit-by-unit one), with the probability its
// current stance (as of the analysis date) has in the scenario's `assumptions.deliveryProbability`,
// else the defaults of scenario-schema.ts. Nations decide independently of each other. That is a
// simplification to keep in mind when reading the spread: in practice one capital's withdrawal makes
// others' likelier, and such correlation widens the real distribution beyond the one drawn here.
// Each draw is one optimal fill (`prepareFill` once, then `fillWith` with the draw's delivery mask),
// so other nations' offers re-route in every draw exactly as in the withdrawal table.
//
// Reproducibility. Each nation draws from a xoshiro128** stream of its own, seeded from `seed` and
// its id (prng.ts, namedStreams), one number per draw whatever its probability, so the same seed
// gives the same report, and two runs with the same seed see the same random numbers for each
// nation (common random numbers), even when the runs are two variants of a scenario with a nation
// more or less: raising one nation's probability only ever adds it to draws, and a nation joining
// or withdrawing leaves every other nation's draws as they were, so the difference between two
// reports shows the change with far less noise than two independent runs would.
import type { ForceFillReport, LineFillStatus } from '../domain/analysis/force-fill-report.ts';
import type {
  Distribution,
  FillSummary,
  Histogram,
  LineChange,
  LineResilience,
  MonteCarloReport,
  NationDelivery,
  NationWithdrawal,
  ResilienceReport,
  WithdrawalTable,
} from '../domain/analysis/resilience-report.ts';
import type { Days, IsoDate, NationId, Personnel, RequirementId } from '../domain/ids.ts';
import { currentStance } from '../domain/overview.ts';
import {
  DELIVERY_STANCES,
  resolveDeliveryProbability,
  type DeliveryStance,
  type ScenarioDocument,
  type Stance,
} from '../domain/scenario-schema.ts';
import {
  fillScratch,
  fillWith,
  forceFill,
  prepareFill,
  type FillResult,
  type FillScenario,
  type ForceFillOptions,
  type PreparedFill,
} from './force-fill.ts';
import { bernoulliThreshold, namedStreams } from './prng.ts';

/** What the resilience analysis reads from a scenario document. */
export type ResilienceScenario = FillScenario & Pick<ScenarioDocument, 'nations' | 'assumptions'>;

export const DEFAULT_DRAWS = 10_000;
/** 10⁶ draws keep four Float64Arrays of 8 MB each; more is memory, not precision. */
export const MAX_DRAWS = 1_000_000;
export const DEFAULT_SEED = 1;
export const DEFAULT_HISTOGRAM_BINS = 20;
export const DEFAULT_PROGRESS_EVERY = 1_000;

export interface MonteCarloOptions extends ForceFillOptions {
  /** Number of draws. Default 10,000: the standard error of a probability is then at most 0.005. */
  draws?: number;
  /** Seed of the generator, 0 to 2^53 − 1. Default 1. */
  seed?: number;
  /** Probabilities by stance that replace the scenario's (and the defaults) for this run. */
  deliveryProbability?: Partial<Record<DeliveryStance, number>>;
  /** Probabilities for single nations, whatever their stance ("what if Germany is 80 % likely"). */
  nationProbability?: Readonly<Record<string, number>>;
  /** Only offers ready by this C-day offset count: the force at C+N. Default: all count. */
  readyByCDay?: number;
  /** Most bins of the personnel histogram. Default 20. */
  histogramBins?: number;
  /** Called every `progressEvery` draws and after the last, for a progress bar. */
  onProgress?: (done: number, total: number) => void;
  /** Default 1,000. */
  progressEvery?: number;
}

export type ResilienceOptions = MonteCarloOptions;

/** Both parts of the analysis on the same fill assumptions (the table reads only those options). */
export function resilience(scenario: ResilienceScenario, options: ResilienceOptions = {}): ResilienceReport {
  const withdrawals = withdrawalTable(scenario, options);
  return {
    asOf: withdrawals.fillAssumptions.asOf,
    withdrawals,
    monteCarlo: monteCarlo(scenario, options),
  };
}

// --- withdrawal table -----------------------------------------------------------------------------

export function withdrawalTable(
  scenario: ResilienceScenario,
  options: ForceFillOptions = {},
): WithdrawalTable {
  const baseline = forceFill(scenario, options);
  const asOf = baseline.assumptions.asOf;
  const excluded = new Set<string>(baseline.assumptions.excludedNations);
  const byNation = new Map(baseline.byNation.map((n) => [n.nation, n]));
  const rows: NationWithdrawal[] = nationsWithOffers(scenario)
    .filter((nation) => !excluded.has(nation))
    .map((nation) => {
      const after = forceFill(scenario, {
        ...options,
        excludeNations: [...(options.excludeNations ?? []), nation],
      });
      const own = byNation.get(nation);
      const contribution = {
        quantity: sum(baseline.lines, (l) => l.nations.find((c) => c.nation === nation)?.quantity ?? 0),
        personnel: (own?.personnelMatched ?? 0) as Personnel,
      };
      const lines: LineChange[] = [];
      const linesNewlyShort: RequirementId[] = [];
      const linesNewlyEmpty: RequirementId[] = [];
      baseline.lines.forEach((b, i) => {
        const a = after.lines[i]!;
        if (a.filled.quantity === b.filled.quantity) return;
        lines.push({
          line: b.line,
          capability: b.capability,
          sector: b.sector,
          task: b.task,
          priority: b.priority,
          requiredQuantity: b.required.quantity,
          filledBefore: b.filled.quantity,
          filledAfter: a.filled.quantity,
          statusBefore: b.status,
          statusAfter: a.status,
        });
        if (b.status === 'filled' && a.status !== 'filled') linesNewlyShort.push(b.line);
        if (b.status !== 'empty' && a.status === 'empty') linesNewlyEmpty.push(b.line);
      });
      const lostQuantity = baseline.totals.quantityFilled - after.totals.quantityFilled;
      const lostPersonnel = baseline.totals.personnelMatched - after.totals.personnelMatched;
      const lostWeighted = baseline.totals.weightedFill - after.totals.weightedFill;
      return {
        nation: nation as NationId,
        stance: stanceOf(scenario, nation, asOf),
        personnelOffered: (own?.personnelOffered ?? 0) as Personnel,
        personnelAvailable: (own?.personnelAvailable ?? 0) as Personnel,
        contribution,
        after: summaryOf(after),
        lost: {
          quantity: lostQuantity,
          personnel: lostPersonnel,
          weightedFill: lostWeighted,
          weightedFillShare:
            baseline.totals.weightedFill === 0 ? 0 : lostWeighted / baseline.totals.weightedFill,
        },
        coveredByOthers: {
          quantity: contribution.quantity - lostQuantity,
          personnel: contribution.personnel - lostPersonnel,
        },
        linesNewlyShort,
        linesNewlyEmpty,
        lines,
      };
    })
    .sort(
      (a, b) =>
        b.lost.weightedFill - a.lost.weightedFill ||
        b.lost.personnel - a.lost.personnel ||
        compareText(a.nation, b.nation),
    );
  return {
    fillAssumptions: baseline.assumptions,
    baseline: { ...summaryOf(baseline), weightedRequired: baseline.totals.weightedRequired },
    nations: rows,
  };
}

function summaryOf(report: ForceFillReport): FillSummary {
  return {
    personnelMatched: report.totals.personnelMatched,
    quantityFilled: report.totals.quantityFilled,
    weightedFill: report.totals.weightedFill,
    lineCounts: { ...report.totals.lineCounts },
  };
}

// --- Monte Carlo ----------------------------------------------------------------------------------

/** One nation's part in the draws. */
/** What the Monte Carlo reads of one draw's fill. */
interface PatternOutcome {
  personnelMatched: number;
  weightedFill: number;
  lineFilled: Int32Array;
}

/** Line entries the per-run memo of fills by delivery pattern may hold (4 bytes each): 16 MiB. */
const PATTERN_MEMO_UNITS = 4 * 1024 * 1024;

interface DrawNation {
  readonly delivery: Omit<NationDelivery, 'deliveredShare'>;
  /** Indices into `prepared.offers` of its offers that may deliver. */
  readonly offers: Int32Array;
  readonly threshold: number;
}

/** A Monte Carlo run's settings, defaults filled in and checked (RangeError naming the bad one). */
export function runSettings(options: MonteCarloOptions): {
  draws: number;
  seed: number;
  bins: number;
  progressEvery: number;
  readyBy: number | undefined;
} {
  const draws = options.draws ?? DEFAULT_DRAWS;
  if (!Number.isInteger(draws) || draws < 1 || draws > MAX_DRAWS) {
    throw new RangeError(`draws must be a whole number from 1 to ${MAX_DRAWS} (got ${draws})`);
  }
  const seed = options.seed ?? DEFAULT_SEED;
  const bins = options.histogramBins ?? DEFAULT_HISTOGRAM_BINS;
  if (!Number.isInteger(bins) || bins < 1) {
    throw new RangeError(`histogramBins must be a whole number from 1 (got ${bins})`);
  }
  const progressEvery = options.progressEvery ?? DEFAULT_PROGRESS_EVERY;
  if (!Number.isInteger(progressEvery) || progressEvery < 1) {
    throw new RangeError(`progressEvery must be a whole number from 1 (got ${progressEvery})`);
  }
  const readyBy = options.readyByCDay;
  if (readyBy !== undefined && !Number.isInteger(readyBy)) {
    throw new RangeError(`readyByCDay must be a whole number of days (got ${readyBy})`);
  }
  return { draws, seed, bins, progressEvery, readyBy };
}

export function monteCarlo(scenario: ResilienceScenario, options: MonteCarloOptions = {}): MonteCarloReport {
  const { draws, seed, bins, progressEvery, readyBy } = runSettings(options);
  const prepared = prepareFill(scenario, options);
  const asOf = prepared.assumptions.asOf;
  const table = deliveryTable(scenario, options);
  const nations = drawNations(scenario, prepared, table, options, asOf);
  const streams = namedStreams(
    seed,
    nations.map((n) => n.delivery.nation),
  );
  const nOffers = prepared.offers.length;
  const lines = prepared.lines;
  const nLines = lines.length;
  const target = prepared.personnelTarget;

  // Offers that may turn up at all: counted under the assumptions and, if asked, ready in time.
  const countsInTime = prepared.offers.map(
    (o) => o.available && (readyBy === undefined || o.readyCDay <= readyBy),
  );
  const delivered = new Uint8Array(nOffers);
  const everyone = Uint8Array.from(countsInTime, (c) => (c ? 1 : 0));
  const allDeliver = fillWith(prepared, everyone);

  const matched = new Float64Array(draws);
  const offered = new Float64Array(draws);
  const available = new Float64Array(draws);
  const weighted = new Float64Array(draws);
  const nationDelivered = new Float64Array(nations.length);
  const lineFull = new Float64Array(nLines);
  const lineEmpty = new Float64Array(nLines);
  const lineUnits = new Float64Array(nLines);
  const lineQuantity = prepared.graph.lineQuantity;
  // Each draw's fill is read before the next one starts, so all draws share one set of arrays.
  const scratch = fillScratch(prepared);
  let targetMet = 0;
  // A draw's fill depends only on which nations with counting offers delivered, and the same few
  // patterns recur across thousands of draws (the near-certain nations almost always deliver), so
  // each pattern is filled once and its outcome reused: the same answer, a fraction of the fills.
  // The memo stops growing at PATTERN_MEMO_UNITS line entries, so its memory is bounded.
  const deciding = nations.map((n) => n.offers.length > 0);
  const words = new Uint16Array(Math.ceil(nations.length / 16) || 1);
  const patterns = new Map<string, PatternOutcome>();
  let patternUnits = 0;

  for (let d = 0; d < draws; d++) {
    delivered.fill(0);
    words.fill(0);
    let drawOffered = 0;
    let drawAvailable = 0;
    for (let k = 0; k < nations.length; k++) {
      const n = nations[k]!;
      // Drawn for every nation, whatever its probability, so the streams stay aligned across runs.
      if (streams[k]!.nextUint32() >= n.threshold) continue;
      nationDelivered[k]!++;
      drawOffered += n.delivery.personnelOffered;
      drawAvailable += n.delivery.personnelAvailable;
      if (deciding[k]) words[k >> 4]! |= 1 << (k & 15);
      for (let j = 0; j < n.offers.length; j++) delivered[n.offers[j]!] = 1;
    }
    const key = String.fromCharCode(...words);
    let outcome = patterns.get(key);
    if (outcome === undefined) {
      const result = fillWith(prepared, delivered, scratch);
      outcome = {
        personnelMatched: result.personnelMatched,
        weightedFill: result.weightedFill,
        lineFilled: result.lineFilled,
      };
      if (patternUnits + nLines <= PATTERN_MEMO_UNITS) {
        // The scratch arrays are the next draw's: a remembered outcome keeps a copy.
        outcome = { ...outcome, lineFilled: Int32Array.from(result.lineFilled) };
        patterns.set(key, outcome);
        patternUnits += nLines + 1;
      }
    }
    matched[d] = outcome.personnelMatched;
    offered[d] = drawOffered;
    available[d] = drawAvailable;
    weighted[d] = outcome.weightedFill;
    if (outcome.personnelMatched >= target) targetMet++;
    const filled = outcome.lineFilled;
    for (let li = 0; li < nLines; li++) {
      const f = filled[li]!;
      lineUnits[li]! += f;
      if (f === lineQuantity[li]) lineFull[li]!++;
      else if (f === 0) lineEmpty[li]!++;
    }
    if (options.onProgress && ((d + 1) % progressEvery === 0 || d + 1 === draws)) {
      options.onProgress(d + 1, draws);
    }
  }

  const lineResults = new Array<LineResilience>(nLines);
  lines.forEach((line, li) => {
    const f = allDeliver.lineFilled[li]!;
    lineResults[line.scenarioIndex] = {
      line: line.id,
      capability: line.capability,
      domain: line.domain,
      sector: line.sector,
      task: line.task,
      priority: line.priority,
      requiredQuantity: line.quantity,
      allDeliver: { filledQuantity: f, status: statusOf(f, line.quantity) },
      probabilityFilled: lineFull[li]! / draws,
      probabilityEmpty: lineEmpty[li]! / draws,
      // Units summed as integers and divided once, so identical draws give the exact ratio.
      meanFillRatio: lineUnits[li]! / (draws * line.quantity),
    };
  });

  const pTarget = targetMet / draws;
  const sortedMatched = matched.sort();
  const provenance = scenario.assumptions
    ? withoutUndefinedFields({
        source: scenario.assumptions.source,
        assumption: scenario.assumptions.assumption,
      })
    : null;
  return {
    fillAssumptions: { ...prepared.assumptions, excludedNations: [...prepared.assumptions.excludedNations] },
    draws,
    seed,
    readyByCDay: readyBy === undefined ? null : (readyBy as Days),
    deliveryProbability: table,
    deliveryProbabilityProvenance: provenance && Object.keys(provenance).length > 0 ? provenance : null,
    nations: nations.map((n, k) => ({ ...n.delivery, deliveredShare: nationDelivered[k]! / draws })),
    personnelTarget: target,
    personnelMatched: distributionOf(sortedMatched),
    personnelOffered: distributionOf(offered.sort()),
    personnelAvailable: distributionOf(available.sort()),
    weightedFill: distributionOf(weighted.sort()),
    probabilityTargetMet: pTarget,
    probabilityTargetMetError: Math.sqrt((pTarget * (1 - pTarget)) / draws),
    histogram: histogramOf(sortedMatched, bins),
    allDeliver: fillSummaryOf(prepared, allDeliver),
    lines: lineResults,
  };
}

/** The probability table of a run: the options' values, else the scenario's, else the defaults. */
function deliveryTable(
  scenario: ResilienceScenario,
  options: MonteCarloOptions,
): Record<DeliveryStance, number> {
  const table = resolveDeliveryProbability(scenario.assumptions);
  for (const stance of DELIVERY_STANCES) {
    const p = options.deliveryProbability?.[stance];
    if (p === undefined) continue;
    checkProbability(`deliveryProbability.${stance}`, p);
    table[stance] = p;
  }
  return table;
}

function drawNations(
  scenario: ResilienceScenario,
  prepared: PreparedFill,
  table: Record<DeliveryStance, number>,
  options: MonteCarloOptions,
  asOf: IsoDate,
): DrawNation[] {
  // The scenario's own figures for single nations, then the run's (a what-if over the scenario).
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
  const readyBy = options.readyByCDay;
  const excluded = new Set<string>(prepared.assumptions.excludedNations);
  return nationsWithOffers(scenario).map((id) => {
    const stance = stanceOf(scenario, id, asOf);
    const probabilityStance: DeliveryStance = stance ?? 'unstated';
    const override = overrides[id];
    const probabilityFrom = excluded.has(id)
      ? 'excluded'
      : override === undefined
        ? 'stance'
        : 'nation-override';
    const probability = probabilityFrom === 'excluded' ? 0 : (override ?? table[probabilityStance]);
    const own: number[] = [];
    let personnelOffered = 0;
    let personnelAvailable = 0;
    prepared.offers.forEach((o, oi) => {
      if (o.nation !== id) return;
      if (o.status !== 'withdrawn') personnelOffered += o.personnel;
      if (!o.available || (readyBy !== undefined && o.readyCDay > readyBy)) return;
      personnelAvailable += o.personnel;
      own.push(oi);
    });
    return {
      delivery: {
        nation: id as NationId,
        stance,
        probabilityStance,
        probability,
        probabilityFrom,
        personnelOffered: personnelOffered as Personnel,
        personnelAvailable: personnelAvailable as Personnel,
      },
      offers: Int32Array.from(own),
      threshold: bernoulliThreshold(probability),
    };
  });
}

function checkProbability(name: string, p: number): void {
  if (typeof p !== 'number' || !(p >= 0 && p <= 1)) {
    throw new RangeError(`${name} must be a number from 0 to 1 (got ${String(p)})`);
  }
}

function fillSummaryOf(prepared: PreparedFill, result: FillResult): FillSummary {
  const lineCounts: Record<LineFillStatus, number> = { filled: 0, partial: 0, empty: 0 };
  prepared.lines.forEach((l, li) => lineCounts[statusOf(result.lineFilled[li]!, l.quantity)]++);
  return {
    personnelMatched: result.personnelMatched as Personnel,
    quantityFilled: result.quantityFilled,
    weightedFill: result.weightedFill,
    lineCounts,
  };
}

function statusOf(filled: number, quantity: number): LineFillStatus {
  return filled === quantity ? 'filled' : filled === 0 ? 'empty' : 'partial';
}

/** Nearest-rank percentiles of values sorted ascending: P(q) is the value at rank ⌈q·n⌉. */
export function distributionOf(sorted: ArrayLike<number>): Distribution {
  const n = sorted.length;
  if (n === 0) throw new RangeError('a distribution needs at least one value');
  let total = 0;
  for (let i = 0; i < n; i++) total += sorted[i]!;
  const at = (q: number) => sorted[Math.max(0, Math.ceil(q * n) - 1)]!;
  return { mean: total / n, min: sorted[0]!, p10: at(0.1), p50: at(0.5), p90: at(0.9), max: sorted[n - 1]! };
}

/**
 * At most `maxBins` bins of one width, 1, 2 or 5 times a power of ten (whole numbers: the values are
 * personnel), starting at a multiple of the width, covering the smallest to the largest value.
 */
export function histogramOf(sorted: ArrayLike<number>, maxBins: number): Histogram {
  const n = sorted.length;
  const min = sorted[0]!;
  const max = sorted[n - 1]!;
  // The smallest round width with room for the range; rounding the start down to a multiple of it
  // may spill the largest value into one bin more, so step up to the next round width until it fits.
  let binWidth = niceWidth((max - min) / maxBins);
  const binsOf = (width: number) => Math.floor(max / width) - Math.floor(min / width) + 1;
  while (binsOf(binWidth) > maxBins) binWidth = niceWidth(binWidth + 1);
  const start = Math.floor(min / binWidth) * binWidth;
  const count = binsOf(binWidth);
  const counts = new Array<number>(count).fill(0);
  for (let i = 0; i < n; i++) counts[Math.floor((sorted[i]! - start) / binWidth)]!++;
  return {
    binWidth,
    bins: counts.map((c, i) => ({
      from: start + i * binWidth,
      to: start + (i + 1) * binWidth,
      count: c,
      share: c / n,
    })),
  };
}

function niceWidth(raw: number): number {
  if (raw <= 1) return 1;
  let power = 10 ** Math.floor(Math.log10(raw));
  for (;;) {
    for (const step of [1, 2, 5]) if (step * power >= raw) return step * power;
    power *= 10;
  }
}

// --- shared ---------------------------------------------------------------------------------------

/** Nations with at least one offer not withdrawn, by id. */
function nationsWithOffers(scenario: Pick<FillScenario, 'offers'>): NationId[] {
  const ids = new Set<NationId>();
  for (const o of scenario.offers) if (o.status !== 'withdrawn') ids.add(o.nation);
  return [...ids].sort(compareText);
}

function stanceOf(scenario: Pick<ScenarioDocument, 'nations'>, nation: string, asOf: string): Stance | null {
  const n = scenario.nations.find((x) => x.id === nation);
  return (n && currentStance(n.stances, asOf)?.stance) ?? null;
}

function withoutUndefinedFields<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sum<T>(items: readonly T[], value: (t: T) => number): number {
  let s = 0;
  for (const t of items) s += value(t);
  return s;
}
