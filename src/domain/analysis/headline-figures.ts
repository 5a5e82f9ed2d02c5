// The headline figures of a force: one definition each, in one place, so that the Overview, the
// Dashboard, the CLI and the API cannot disagree about what "shortfall" means. Every figure is a sum
// over records (the force target, requirement lines, offers), and `explainFigures` lists those
// records with what each adds and where its number comes from (its source or its assumption), so a
// leader can follow any figure down to the statement behind it.
//
// Lateness is the one judgement call. An offer ready after a line's RDD does not put troops there
// when they are needed, so the figures count only what is ready by the RDD ("matched on time") and
// show what late offers would add as a figure of its own ("matched late"); the late switch of an
// analysis decides whether the shortfalls count those late matches too, never what the two
// matched figures mean.
import type { ForceFillReport, LineFillStatus, UnmatchedReason } from './force-fill-report.ts';
import type { Personnel } from '../ids.ts';
import type { Capability, Offer, Requirement, ScenarioDocument } from '../scenario-schema.ts';
import type { Source } from '../schema-parts.ts';

export const HEADLINE_FIGURE_KEYS = [
  'target',
  'required',
  'offered',
  'counting',
  'matchedOnTime',
  'matchedLate',
  'shortfallAgainstTarget',
  'shortfallAgainstLines',
] as const;
export type HeadlineFigureKey = (typeof HEADLINE_FIGURE_KEYS)[number];

export interface FigureDefinition {
  /** The name shown in the UI, the CLI and the API's documentation. */
  label: string;
  /** What the figure counts, in one sentence, shown wherever the figure appears. */
  definition: string;
}

/** The one definition of each headline figure (personnel, all of them). */
export const HEADLINE_FIGURES: { readonly [K in HeadlineFigureKey]: FigureDefinition } = {
  target: {
    label: 'Force target',
    definition: "The mission's force target: the personnel the coalition means to deploy.",
  },
  required: {
    label: 'Required',
    definition: 'Personnel of all requirement lines (CJSOR) at planning size.',
  },
  offered: {
    label: 'Offered',
    definition: 'Personnel in offers not withdrawn, whatever their status, expiry or caveats.',
  },
  counting: {
    label: 'Counting',
    definition:
      'Personnel in offers that count under the assumptions: firm enough, not expired on the analysis ' +
      'date, not needing a US backstop unless one is assumed, nation not left out.',
  },
  matchedOnTime: {
    label: 'Matched on time',
    definition: "Personnel of counting offers matched to requirement lines and ready by the line's RDD.",
  },
  matchedLate: {
    label: 'Matched late',
    definition:
      "Further personnel matched if offers ready after a line's RDD may fill it too: matched with " +
      'late offers minus matched on time.',
  },
  shortfallAgainstTarget: {
    label: 'Shortfall against target',
    definition:
      'Force target minus matched personnel (on time; plus late when late matches are counted), ' +
      'never below 0.',
  },
  shortfallAgainstLines: {
    label: 'Shortfall against lines',
    definition:
      'Personnel of the requirement-line units still unfilled, at planning size (late matches fill ' +
      'a line only when they are counted).',
  },
};

export type HeadlineFigureValues = { [K in HeadlineFigureKey]: Personnel };

export interface HeadlineFigures {
  /** Whether the shortfalls count late matches (the analysis's late switch). */
  countsLate: boolean;
  values: HeadlineFigureValues;
  /** Where estimates of the target disagree, the range they span. */
  range?: { min: number; max: number } | undefined;
  /** Requirement lines by fill status, late matches counted as the shortfalls count them. */
  lineCounts: Record<LineFillStatus, number>;
}

/** The figures analysis: the headline figures and, when asked for, the records behind each. */
export interface FiguresReport extends HeadlineFigures {
  explanation?: FigureExplanation | undefined;
}

/** The two fills the figures need: one where only offers ready by the RDD fill, one where late ones may. */
export interface FillPair {
  onTime: ForceFillReport;
  withLate: ForceFillReport;
}

/** The reasons an offer does not count at all (as opposed to counting but finding no room). */
const NOT_COUNTING: ReadonlySet<UnmatchedReason['kind']> = new Set([
  'withdrawn',
  'status-below-minimum',
  'expired',
  'requires-us-backstop',
  'nation-excluded',
]);

export function headlineFigures(
  fills: FillPair,
  countsLate: boolean,
  range?: { min: number; max: number },
): HeadlineFigures {
  const { onTime, withLate } = fills;
  const counted = countsLate ? withLate : onTime;
  const t = onTime.totals;
  const matchedOnTime = t.personnelMatched;
  const matchedLate = (withLate.totals.personnelMatched - matchedOnTime) as Personnel;
  return {
    countsLate,
    values: {
      target: t.personnelTarget,
      required: t.personnelRequired,
      offered: t.personnelOffered,
      counting: t.personnelAvailable,
      matchedOnTime,
      matchedLate,
      shortfallAgainstTarget: counted.totals.shortfallAgainstTarget,
      shortfallAgainstLines: counted.totals.shortfallAgainstLines,
    },
    ...(range !== undefined && { range }),
    lineCounts: { ...counted.totals.lineCounts },
  };
}

// ---- What makes each figure ----

export type FigureRecordKind = 'mission' | 'requirements' | 'offers';

/** One record behind a figure: what it adds (negative where it is taken away) and where it comes from. */
export interface FigureRecord {
  kind: FigureRecordKind;
  /** The record's key: a requirement or offer id; `forceTarget` for the mission's target. */
  key: string;
  /** A name for people: the capability, nation, sector. */
  label: string;
  personnel: number;
  source?: Source | undefined;
  assumption?: string | undefined;
}

export type FigureExplanation = { [K in HeadlineFigureKey]: FigureRecord[] };

/** How many of a figure's records give a source, how many an assumption, how many neither. */
export interface FigureBasis {
  records: number;
  sourced: number;
  assumed: number;
  neither: number;
}

/**
 * The records behind each figure, each with its contribution: a figure's records add up to it
 * (before the shortfall against target is held at 0). Records appear in the scenario's order.
 */
export function explainFigures(
  doc: Pick<ScenarioDocument, 'mission' | 'requirements' | 'offers' | 'capabilities'>,
  fills: FillPair,
  countsLate: boolean,
): FigureExplanation {
  const { onTime, withLate } = fills;
  const counted = countsLate ? withLate : onTime;
  const capabilities = new Map(doc.capabilities.map((c) => [c.code, c]));
  const target = doc.mission.forceTarget;
  const targetRecord: FigureRecord = {
    kind: 'mission',
    key: 'forceTarget',
    label: 'Force target of the mission',
    personnel: target.personnel,
    ...provenanceOf(target),
  };
  const offerRecord = (o: Offer, personnel: number): FigureRecord => ({
    kind: 'offers',
    key: o.id,
    label: offerLabel(o, capabilities),
    personnel,
    ...provenanceOf(o),
  });
  const lineRecord = (r: Requirement, personnel: number): FigureRecord => ({
    kind: 'requirements',
    key: r.id,
    label: requirementLabel(r, capabilities),
    personnel,
    ...provenanceOf(r),
  });

  const notCounting = new Set(
    onTime.unmatchedOffers.filter((u) => NOT_COUNTING.has(u.reason.kind)).map((u) => u.offer),
  );
  const matchedOnTime = matchedByOffer(onTime);
  const matchedWithLate = matchedByOffer(withLate);
  const matchedCounted = countsLate ? matchedWithLate : matchedOnTime;
  const linesCounted = new Map(counted.lines.map((l) => [l.line, l]));
  const linesRequired = new Map(onTime.lines.map((l) => [l.line, l]));

  const offersWhere = (personnelOf: (o: Offer) => number) =>
    doc.offers.flatMap((o) => {
      const p = personnelOf(o);
      return p === 0 ? [] : [offerRecord(o, p)];
    });

  return {
    target: [targetRecord],
    required: doc.requirements.map((r) => lineRecord(r, linesRequired.get(r.id)?.required.personnel ?? 0)),
    offered: offersWhere((o) => (o.status === 'withdrawn' ? 0 : o.personnel)),
    counting: offersWhere((o) => (o.status === 'withdrawn' || notCounting.has(o.id) ? 0 : o.personnel)),
    matchedOnTime: offersWhere((o) => matchedOnTime.get(o.id) ?? 0),
    matchedLate: offersWhere((o) => (matchedWithLate.get(o.id) ?? 0) - (matchedOnTime.get(o.id) ?? 0)),
    shortfallAgainstTarget: [targetRecord, ...offersWhere((o) => -(matchedCounted.get(o.id) ?? 0))],
    shortfallAgainstLines: doc.requirements.flatMap((r) => {
      const p = linesCounted.get(r.id)?.shortfall.personnel ?? 0;
      return p === 0 ? [] : [lineRecord(r, p)];
    }),
  };
}

/** Per figure, how many of its records rest on a source and how many on an assumption. */
export function basisOfFigures(explanation: FigureExplanation): { [K in HeadlineFigureKey]: FigureBasis } {
  const out = {} as { [K in HeadlineFigureKey]: FigureBasis };
  for (const key of HEADLINE_FIGURE_KEYS) {
    const records = explanation[key];
    out[key] = {
      records: records.length,
      sourced: records.filter((r) => r.source !== undefined).length,
      assumed: records.filter((r) => r.source === undefined && r.assumption !== undefined).length,
      neither: records.filter((r) => r.source === undefined && r.assumption === undefined).length,
    };
  }
  return out;
}

/** `Armoured infantry battalion, Kyiv (deterrence)`: a requirement line as people name it (beside its id). */
export function requirementLabel(
  r: Pick<Requirement, 'capability' | 'sector' | 'task'>,
  capabilities: ReadonlyMap<string, Pick<Capability, 'name'>>,
): string {
  return `${capabilities.get(r.capability)?.name ?? r.capability}, ${r.sector} (${r.task})`;
}

function offerLabel(o: Offer, capabilities: ReadonlyMap<string, Pick<Capability, 'name'>>): string {
  const cap = capabilities.get(o.capability)?.name ?? o.capability;
  return `${o.nation}: ${o.quantity} × ${cap} (${o.status})`;
}

function matchedByOffer(fill: ForceFillReport): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of fill.lines) {
    for (const a of line.assignments) out.set(a.offer, (out.get(a.offer) ?? 0) + a.personnel);
  }
  return out;
}

function provenanceOf(r: { source?: Source | undefined; assumption?: string | undefined }): {
  source?: Source;
  assumption?: string;
} {
  return {
    ...(r.source !== undefined && { source: r.source }),
    ...(r.assumption !== undefined && { assumption: r.assumption }),
  };
}
