// Sustainment: can the coalition keep the force it offers in the field, and for how long? ("Can
// Europe sustain it without the US?") Each nation's rotation policy (tour length, dwell ratio) turns
// the personnel it deploys into the rotational pool that deployment needs, and the pool it has into
// the strength it can hold for a given number of months or indefinitely.
//
// The model, computable by hand line by line (S strength deployed at once, P pool of trained
// personnel available for the mission, T tour in months, D dwell ratio = months at home per month
// deployed):
//
// 1. Steady state. A soldier is deployed T months out of every T × (1 + D), so a pool that keeps S
//    deployed indefinitely is S × (1 + D) (rounded up to whole people), and a pool P sustains
//    P / (1 + D) indefinitely (rounded down), never more than the S the nation offers. D = 2 is the
//    rule of thirds (pool = 3 × S).
// 2. Before steady state. The first relief is due after one tour (T months). The nation rotates its
//    strength as whole contingents of S: the pool fields floor(P / S) contingents, each serving one
//    tour, so full strength lasts contingents × T months. When P ≥ S × (1 + D) the first contingent
//    is back from its dwell before the last fresh one finishes its tour, and the cycle never ends
//    (for a dwell ratio that is not a whole number this assumes sub-units are relieved in staggered
//    slices, as real contingents are). When P < S × (1 + D) no contingent is rested in time, so the
//    finite count is exact.
// 3. A horizon of H months needs k = ceil(H / T) contingents, or the steady-state pool if that is
//    smaller, so the strength a pool holds for H months is min(S, max(floor(P / k), floor(P / (1 + D)))).
//
// Inputs are plain lists: the personnel per nation (offered or matched), the rotation policies the
// caller may see and, for the per-line check, which nations fill each requirement line. Nothing here
// depends on the fill engine or on storage.
import type { Months, NationId, Personnel, RequirementId } from '../ids.ts';
import type { RotationPolicy, Source } from '../scenario-schema.ts';

export const DEFAULT_POLICY_KEYS = ['rule-of-thirds', 'uk-harmony'] as const;
export type DefaultPolicyKey = (typeof DEFAULT_POLICY_KEYS)[number];

export interface DefaultRotationPolicy {
  key: DefaultPolicyKey;
  name: string;
  tourMonths: Months;
  dwellRatio: number;
  source: Source;
  assumption: string;
}

/**
 * What a nation without a rotation policy is assumed to follow. The rule of thirds is the default:
 * it is the generic planning rule any army can be held to. The UK harmony guideline is one nation's
 * stricter rule, offered for a cautious planning case.
 */
export const DEFAULT_ROTATION_POLICIES: Readonly<Record<DefaultPolicyKey, DefaultRotationPolicy>> = {
  'rule-of-thirds': {
    key: 'rule-of-thirds',
    name: 'Rule of thirds',
    tourMonths: 6 as Months,
    dwellRatio: 2,
    source: {
      publication: 'Rule of thirds (military)',
      url: 'https://en.wikipedia.org/wiki/Rule_of_thirds_(military)',
      note: 'One third of a force on operations, one third preparing and one third recovering: a pool of three times the deployed strength, dwell ratio 2.',
    },
    assumption:
      'The rule fixes no tour length; 6 months is assumed as the usual national tour in NATO multinational missions and the tour most policies in the reference scenarios state.',
  },
  'uk-harmony': {
    key: 'uk-harmony',
    name: 'UK harmony guideline',
    tourMonths: 6 as Months,
    dwellRatio: 4,
    source: {
      publication: 'UK Ministry of Defence harmony guidelines (unit tour interval)',
      note: 'British Army guideline: a 6-month operational tour followed by 24 months before the next, 24 / 6 = 4.',
    },
    assumption:
      'A stricter planning case: the UK guideline applied to a nation that states no policy of its own.',
  },
};

export const DEFAULT_POLICY_KEY: DefaultPolicyKey = 'rule-of-thirds';

/** The horizons of the coalition table, in months; `indefinite` is always added as the last row. */
export const SUSTAINMENT_HORIZONS: readonly Months[] = [6, 12, 24, 36] as Months[];

/** How long a strength can be held: a number of months, or without end. */
export type Endurance = Months | 'indefinite';

export type RotationPolicyInput = Pick<
  RotationPolicy,
  'nation' | 'tourMonths' | 'dwellRatio' | 'source' | 'assumption'
>;

/** The policy an analysis used for a nation, and whether it came from the scenario or a default. */
export type AppliedRotationPolicy =
  | {
      basis: 'scenario';
      tourMonths: Months;
      dwellRatio: number;
      source?: Source | undefined;
      assumption?: string | undefined;
    }
  | {
      basis: 'default';
      default: DefaultPolicyKey;
      tourMonths: Months;
      dwellRatio: number;
      /** Why the default applied. */
      reason: string;
      source: Source;
      assumption: string;
    };

export function resolveRotationPolicy(
  nation: NationId,
  policies: ReadonlyMap<string, RotationPolicyInput>,
  defaultKey: DefaultPolicyKey = DEFAULT_POLICY_KEY,
): AppliedRotationPolicy {
  const own = policies.get(nation);
  if (own) {
    return {
      basis: 'scenario',
      tourMonths: own.tourMonths,
      dwellRatio: own.dwellRatio,
      source: own.source,
      assumption: own.assumption,
    };
  }
  const d = DEFAULT_ROTATION_POLICIES[defaultKey];
  return {
    basis: 'default',
    default: d.key,
    tourMonths: d.tourMonths,
    dwellRatio: d.dwellRatio,
    // The caller passes only what the viewer may see, so a missing policy may exist but be withheld.
    reason: `No rotation policy for ${nation} among the records analysed (none in the scenario, or not releasable to this viewer); the ${d.name} (${d.tourMonths}-month tours, dwell ratio ${d.dwellRatio}) is assumed.`,
    source: d.source,
    assumption: d.assumption,
  };
}

// Products like 650 × (1 + 2/3) land a hair off a whole number in floating point; without the
// tolerance a pool of exactly the right size would be reported one short.
const tolerance = (x: number) => 1e-9 + Math.abs(x) * 1e-12;
const floorWhole = (x: number) => Math.floor(x + tolerance(x));
const ceilWhole = (x: number) => Math.ceil(x - tolerance(x));

type Rotation = Pick<AppliedRotationPolicy, 'tourMonths' | 'dwellRatio'>;

/** Pool that keeps `strength` deployed indefinitely: strength × (1 + dwell), rounded up. */
export function rotationalPoolNeeded(strength: number, dwellRatio: number): Personnel {
  return ceilWhole(strength * (1 + dwellRatio)) as Personnel;
}

/** Strength a pool keeps deployed indefinitely: pool / (1 + dwell), rounded down, at most `strength`. */
export function sustainableStrength(strength: number, pool: number, dwellRatio: number): Personnel {
  return Math.min(strength, floorWhole(pool / (1 + dwellRatio))) as Personnel;
}

/** Whole contingents of `strength` the pool can field one after another, each for one tour. */
export function contingentsFielded(strength: number, pool: number): number {
  return strength > 0 ? floorWhole(pool / strength) : 0;
}

/** How long the pool keeps the full `strength` deployed (step 2 of the model in the header). */
export function monthsAtFullStrength(strength: number, pool: number, policy: Rotation): Endurance {
  if (strength <= 0 || pool >= rotationalPoolNeeded(strength, policy.dwellRatio)) return 'indefinite';
  return (contingentsFielded(strength, pool) * policy.tourMonths) as Months;
}

/** Contingents needed to cover `months`: one per tour begun. */
export function rotationsNeeded(months: number, tourMonths: number): number {
  return Math.max(1, ceilWhole(months / tourMonths));
}

/**
 * Pool needed to hold `strength` for `horizon`: one fresh contingent per tour, or the steady-state
 * pool when that is smaller (a long horizon reuses rested contingents).
 */
export function poolNeededFor(strength: number, horizon: Endurance, policy: Rotation): Personnel {
  const steady = rotationalPoolNeeded(strength, policy.dwellRatio);
  if (horizon === 'indefinite') return steady;
  return Math.min(steady, strength * rotationsNeeded(horizon, policy.tourMonths)) as Personnel;
}

/** Largest strength, at most `strength`, that `pool` holds for `horizon` (step 3 of the model). */
export function strengthSustainableFor(
  strength: number,
  pool: number,
  horizon: Endurance,
  policy: Rotation,
): Personnel {
  const indefinitely = sustainableStrength(strength, pool, policy.dwellRatio);
  if (horizon === 'indefinite') return indefinitely;
  const byContingents = floorWhole(pool / rotationsNeeded(horizon, policy.tourMonths));
  return Math.min(strength, Math.max(indefinitely, byContingents)) as Personnel;
}

export interface NationStrength {
  nation: NationId;
  /** Personnel to keep deployed: what the nation offered, or what was matched to requirement lines. */
  strength: Personnel;
  /** Personnel the nation has for this mission; absent means the strength is its whole pool. */
  pool?: Personnel | undefined;
}

export interface HorizonRow {
  horizon: Endurance;
  personnel: Personnel;
}

export interface NationSustainment {
  nation: NationId;
  policy: AppliedRotationPolicy;
  strength: Personnel;
  pool: Personnel;
  /** `strength`: no pool was given, so the strength is taken as the nation's whole pool. */
  poolBasis: 'strength' | 'given';
  /** strength × (1 + dwell), rounded up. */
  poolNeeded: Personnel;
  poolShortfall: Personnel;
  /** pool / (1 + dwell), rounded down, at most the strength. */
  sustainableStrength: Personnel;
  /** One tour: when the first relief is due. */
  monthsBeforeFirstRelief: Months;
  /** floor(pool / strength): contingents of full strength the pool fields. */
  contingents: number;
  /** Reliefs after the first contingent: contingents − 1, never negative. */
  reliefRotations: number;
  monthsAtFullStrength: Endurance;
  /** Personnel held for each horizon of the coalition table, the last row `indefinite`. */
  sustainableFor: HorizonRow[];
}

export function nationSustainment(
  input: NationStrength,
  policy: AppliedRotationPolicy,
  horizons: readonly Months[] = SUSTAINMENT_HORIZONS,
): NationSustainment {
  const { strength } = input;
  const pool = input.pool ?? strength;
  const poolNeeded = rotationalPoolNeeded(strength, policy.dwellRatio);
  const contingents = contingentsFielded(strength, pool);
  return {
    nation: input.nation,
    policy,
    strength,
    pool,
    poolBasis: input.pool === undefined ? 'strength' : 'given',
    poolNeeded,
    poolShortfall: Math.max(0, poolNeeded - pool) as Personnel,
    sustainableStrength: sustainableStrength(strength, pool, policy.dwellRatio),
    monthsBeforeFirstRelief: policy.tourMonths,
    contingents,
    reliefRotations: Math.max(0, contingents - 1),
    monthsAtFullStrength: monthsAtFullStrength(strength, pool, policy),
    sustainableFor: withIndefinite(horizons).map((horizon) => ({
      horizon,
      personnel: strengthSustainableFor(strength, pool, horizon, policy),
    })),
  };
}

export interface CoalitionHorizonRow extends HorizonRow {
  /** e.g. "12,400 personnel sustainable for 12 months". */
  label: string;
}

export interface CoalitionSustainment {
  strength: Personnel;
  pool: Personnel;
  poolNeeded: Personnel;
  poolShortfall: Personnel;
  sustainableStrength: Personnel;
  /** Sum over nations for each horizon; a nation's troops cannot relieve another's. */
  sustainableFor: CoalitionHorizonRow[];
  /** Nations whose figures rest on a default policy. */
  defaultPolicyNations: NationId[];
}

export interface LineContributionsInput {
  lineId: RequirementId;
  durationMonths: Months;
  contributions: readonly { nation: NationId; personnel: Personnel }[];
}

export interface ContributionSustainment {
  nation: NationId;
  personnel: Personnel;
  policy: AppliedRotationPolicy;
  /** ceil(duration / tour): contingents needed if none is reused. */
  rotationsNeeded: number;
  /** min(personnel × rotationsNeeded, personnel × (1 + dwell)). */
  poolNeeded: Personnel;
  /** This line's share of the nation's pool, pro rata to the personnel it deploys on each line. */
  poolAvailable: Personnel;
  poolShortfall: Personnel;
  monthsAtFullStrength: Endurance;
  sustainable: boolean;
}

export interface LineSustainment {
  lineId: RequirementId;
  durationMonths: Months;
  verdict: 'sustainable' | 'pool-short' | 'no-contributors';
  /** True when every contributor holds its share for the whole duration. */
  sustainable: boolean;
  personnel: Personnel;
  poolNeeded: Personnel;
  poolAvailable: Personnel;
  /** Sum of the contributors' shortfalls: one nation's spare pool does not cover another's. */
  poolShortfall: Personnel;
  /** Until the first contributor runs out; 0 with no contributors. */
  monthsAtFullStrength: Endurance;
  contributions: ContributionSustainment[];
}

export interface SustainmentInput {
  /** Personnel per nation; several entries for one nation are added together. */
  strengths: readonly NationStrength[];
  policies: readonly RotationPolicyInput[];
  /** Requirement lines and the nations filling them, for the per-line check. */
  lines?: readonly LineContributionsInput[] | undefined;
  /** True when records were withheld from the viewer; carried into the report unchanged. */
  partial: boolean;
}

export interface SustainmentOptions {
  defaultPolicy?: DefaultPolicyKey | undefined;
  horizons?: readonly Months[] | undefined;
}

export interface SustainmentReport {
  partial: boolean;
  /** The policy assumed for nations without one. */
  defaultPolicy: DefaultRotationPolicy;
  nations: NationSustainment[];
  coalition: CoalitionSustainment;
  lines: LineSustainment[];
}

export function analyseSustainment(
  input: SustainmentInput,
  options: SustainmentOptions = {},
): SustainmentReport {
  const defaultKey = options.defaultPolicy ?? DEFAULT_POLICY_KEY;
  const horizons = options.horizons ?? SUSTAINMENT_HORIZONS;
  const policies = new Map(input.policies.map((p) => [p.nation as string, p]));
  const policyOf = (nation: NationId) => resolveRotationPolicy(nation, policies, defaultKey);

  const nations = mergeStrengths(input.strengths).map((s) =>
    nationSustainment(s, policyOf(s.nation), horizons),
  );
  const lines = lineSustainment(input.lines ?? [], input.strengths, policyOf);
  return {
    partial: input.partial,
    defaultPolicy: DEFAULT_ROTATION_POLICIES[defaultKey],
    nations,
    coalition: coalitionSustainment(nations, horizons),
    lines,
  };
}

function coalitionSustainment(
  nations: readonly NationSustainment[],
  horizons: readonly Months[],
): CoalitionSustainment {
  const sum = (f: (n: NationSustainment) => number) => nations.reduce((t, n) => t + f(n), 0) as Personnel;
  return {
    strength: sum((n) => n.strength),
    pool: sum((n) => n.pool),
    poolNeeded: sum((n) => n.poolNeeded),
    poolShortfall: sum((n) => n.poolShortfall),
    sustainableStrength: sum((n) => n.sustainableStrength),
    sustainableFor: withIndefinite(horizons).map((horizon, i) => {
      const personnel = sum((n) => n.sustainableFor[i]?.personnel ?? 0);
      return { horizon, personnel, label: horizonLabel(personnel, horizon) };
    }),
    defaultPolicyNations: nations.filter((n) => n.policy.basis === 'default').map((n) => n.nation),
  };
}

/**
 * Per requirement line: can its contributors hold their personnel for the line's duration? A nation's
 * pool (from `strengths`, else the sum of what it deploys across the lines) is shared between the
 * lines it fills in proportion to the personnel it puts on each, rounded down.
 */
export function lineSustainment(
  lines: readonly LineContributionsInput[],
  strengths: readonly NationStrength[],
  policyOf: (nation: NationId) => AppliedRotationPolicy,
): LineSustainment[] {
  const deployed = new Map<NationId, number>();
  const merged = lines.map((line) => ({ ...line, contributions: mergeContributions(line.contributions) }));
  for (const line of merged) {
    for (const c of line.contributions) deployed.set(c.nation, (deployed.get(c.nation) ?? 0) + c.personnel);
  }
  const pools = new Map<NationId, number>();
  for (const s of mergeStrengths(strengths)) pools.set(s.nation, s.pool ?? s.strength);

  return merged.map((line) => {
    const contributions = line.contributions.map((c): ContributionSustainment => {
      const policy = policyOf(c.nation);
      const total = deployed.get(c.nation) ?? 0;
      const pool = pools.get(c.nation) ?? total;
      const poolAvailable = (total > 0 ? floorWhole((pool * c.personnel) / total) : 0) as Personnel;
      const poolNeeded = poolNeededFor(c.personnel, line.durationMonths, policy);
      return {
        nation: c.nation,
        personnel: c.personnel,
        policy,
        rotationsNeeded: rotationsNeeded(line.durationMonths, policy.tourMonths),
        poolNeeded,
        poolAvailable,
        poolShortfall: Math.max(0, poolNeeded - poolAvailable) as Personnel,
        monthsAtFullStrength: monthsAtFullStrength(c.personnel, poolAvailable, policy),
        sustainable: poolAvailable >= poolNeeded,
      };
    });
    const sum = (f: (c: ContributionSustainment) => number) =>
      contributions.reduce((t, c) => t + f(c), 0) as Personnel;
    const sustainable = contributions.length > 0 && contributions.every((c) => c.sustainable);
    return {
      lineId: line.lineId,
      durationMonths: line.durationMonths,
      verdict: contributions.length === 0 ? 'no-contributors' : sustainable ? 'sustainable' : 'pool-short',
      sustainable,
      personnel: sum((c) => c.personnel),
      poolNeeded: sum((c) => c.poolNeeded),
      poolAvailable: sum((c) => c.poolAvailable),
      poolShortfall: sum((c) => c.poolShortfall),
      monthsAtFullStrength:
        contributions.length === 0
          ? (0 as Months)
          : shortest(contributions.map((c) => c.monthsAtFullStrength)),
      contributions,
    };
  });
}

const GROUPED = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 1 });

export function horizonLabel(personnel: number, horizon: Endurance): string {
  const people = `${GROUPED.format(personnel)} personnel sustainable`;
  return horizon === 'indefinite'
    ? `${people} indefinitely`
    : `${people} for ${GROUPED.format(horizon)} months`;
}

function withIndefinite(horizons: readonly Months[]): Endurance[] {
  return [...horizons, 'indefinite'];
}

function shortest(values: readonly Endurance[]): Endurance {
  let best: Endurance = 'indefinite';
  for (const v of values) if (best === 'indefinite' || (v !== 'indefinite' && v < best)) best = v;
  return best;
}

function mergeStrengths(strengths: readonly NationStrength[]): NationStrength[] {
  const out = new Map<NationId, NationStrength>();
  for (const s of strengths) {
    const prev = out.get(s.nation);
    if (!prev) {
      out.set(s.nation, { ...s });
      continue;
    }
    // A pool left out means "the strength is the pool", so it counts as the strength when adding.
    const pool =
      prev.pool === undefined && s.pool === undefined
        ? undefined
        : (prev.pool ?? prev.strength) + (s.pool ?? s.strength);
    out.set(s.nation, {
      nation: s.nation,
      strength: (prev.strength + s.strength) as Personnel,
      pool: pool as Personnel | undefined,
    });
  }
  return [...out.values()];
}

function mergeContributions(
  contributions: LineContributionsInput['contributions'],
): { nation: NationId; personnel: Personnel }[] {
  const out = new Map<NationId, number>();
  for (const c of contributions) out.set(c.nation, (out.get(c.nation) ?? 0) + c.personnel);
  return [...out].map(([nation, personnel]) => ({ nation, personnel: personnel as Personnel }));
}
