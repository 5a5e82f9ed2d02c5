// The risk analysis (issue 15) from a scenario document as the viewer may see it: the deployment plan
// places each unit at its destination, the exposure counts it against the line of contact in the
// scenario's bands, and the escalation Monte Carlo withdraws nations at the rungs their red lines
// name. Each part that cannot be computed (no line, no ladder, no plan) is null, with a note saying
// why: a scenario without them still answers.
import type { AnalysisArgs, RiskParameters, RiskResult } from '../contract/analyses/index.ts';
import { RESILIENCE_DRAWS_DEFAULT, RESILIENCE_SEED_DEFAULT } from '../contract/analyses/index.ts';
import {
  computeExposure,
  publicExposure,
  REAR_BAND_NAME,
  type Exposure,
} from '../domain/analysis/exposure.ts';
import type { EscalationReport } from '../domain/analysis/escalation-report.ts';
import { ladderOf, type RedLine, type Rung } from '../domain/escalation.ts';
import { lineLengthKm } from '../domain/geo/line-length.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { exposureBandsOf, polylinesOf, type LineOfContact } from '../domain/theatre.ts';
import { planScenario } from '../planner/deploy/plan-report.ts';
import { DEFAULT_CLIMB_PROBABILITY, escalationMonteCarlo } from '../planner/escalation.ts';
import { exposurePositions, offersByUln } from '../planner/exposure-positions.ts';
import { forceFill } from '../planner/force-fill.ts';
import { fillOptions, fillParameters } from './fill-options.ts';
import { responseOf } from './risk-response.ts';
import { DEFAULT_RESPONSE_SETTINGS, type ResponseSettings } from '../domain/analysis/response.ts';
import { invalid } from '../domain/errors.ts';
import { registerSummary } from '../domain/risk-register.ts';
import { prepareLine, type PreparedLine } from '../domain/geo/line-distance.ts';

type Exposed = NonNullable<RiskResult['exposure']>;
type LadderResult = NonNullable<RiskResult['ladder']>;

export interface RiskInput {
  doc: ScenarioDocument;
  /** A viewer without a nation who is not coalition staff: shown places rounded to a grid. */
  publicViewer?: boolean | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

export function computeRisk(
  { doc, onProgress, publicViewer }: RiskInput,
  p: AnalysisArgs<'risk'>,
): { parameters: RiskParameters; result: RiskResult } {
  const notes: string[] = [];
  const draws = p.draws ?? RESILIENCE_DRAWS_DEFAULT;
  const seed = p.seed ?? RESILIENCE_SEED_DEFAULT;
  const climb = p.climb ?? DEFAULT_CLIMB_PROBABILITY;
  const redLines = doc.redLines;

  const theatre = doc.theatre;
  const loc = theatre?.lineOfContact;
  if (!loc) notes.push('The scenario has no line of contact: no exposure is computed.');
  const bandsGiven = exposureBandsOf(theatre);
  const bandsFrom = theatre && theatre.exposureBands.length > 0 ? 'scenario' : 'default';

  let exposure: Exposed | null = null;
  let rawExposure: Exposure | null = null;
  const planned = planScenario(doc);
  const line: PreparedLine | null = loc ? prepareLine(polylinesOf(loc.geometry)) : null;
  if (!planned.ok)
    notes.push(
      `No deployment plan, so no unit stands anywhere yet: ${planned.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}.`,
    );
  if (loc) {
    if (planned.ok) {
      const { positions, unlocated } = exposurePositions(
        planned.report,
        offersByUln(planned.ulns, doc.offers),
      );
      rawExposure = computeExposure({
        line: polylinesOf(loc.geometry),
        bands: bandsGiven,
        zones: theatre.zones,
        redLines,
        positions,
      });
      const gone = unlocated.map((u) => ({ uln: u.uln, nation: u.nation, personnel: u.personnel }));
      if (unlocated.length > 0)
        notes.push(
          `${unlocated.length} ULN(s) go to a destination without coordinates and count in no band.`,
        );
      exposure = publicViewer
        ? { view: 'public', ...publicExposure(rawExposure), unlocated: gone }
        : { view: 'full', ...rawExposure, unlocated: gone };
    }
  }

  const rungs = ladderOf(doc.escalation);
  let report: EscalationReport | null = null;
  if (rungs.length === 0) {
    notes.push('The scenario has no escalation ladder: no force is given by rung.');
    if (redLines.length > 0) notes.push(`Its ${redLines.length} red line(s) name no rung to act at.`);
  } else {
    report = escalationMonteCarlo(doc, {
      ...fillOptions(p),
      draws,
      seed,
      rungs,
      redLines,
      pathModel: Object.fromEntries(rungs.slice(1).map((r) => [r.id, climb])),
      ...(onProgress && { onProgress }),
    });
    if (redLines.length === 0)
      notes.push('No nation has a red line: the force at every rung is the force when nations deliver.');
  }

  const settings: ResponseSettings = {
    ...DEFAULT_RESPONSE_SETTINGS,
    noticeHours: {
      ...DEFAULT_RESPONSE_SETTINGS.noticeHours,
      ...(p.noticeHours !== undefined && { land: p.noticeHours }),
    },
    ...(p.marchKmh !== undefined && { marchKmh: p.marchKmh }),
  };
  let respond: RiskResult['respond'] = null;
  let respondSector: string | null = null;
  let respondDay: number | null = p.day ?? null;
  if (planned.ok) {
    const outcome = responseOf({
      doc,
      planned,
      line,
      rungs,
      sector: p.sector,
      day: p.day,
      settings,
      publicPositions: exposure?.view === 'public' ? exposure.positions : undefined,
    });
    if (!outcome.ok) throw invalid([{ path: outcome.field, message: outcome.message }]);
    respondDay = outcome.day;
    if (outcome.report === null) notes.push(outcome.note);
    else {
      respond = outcome.report;
      respondSector = outcome.report.sector;
      if (!line)
        notes.push(
          'Without a line of contact, caveats and red lines that keep units from it are not applied to who can respond.',
        );
    }
  } else if (p.sector !== undefined) {
    notes.push('Without a deployment plan no one is placed to respond.');
  }

  const assumptions = report ? report.fillAssumptions : forceFill(doc, fillOptions(p)).assumptions;
  const parameters: RiskParameters = {
    ...fillParameters({ assumptions }),
    draws,
    seed,
    climb,
    respond: {
      sector: respondSector,
      day: respondDay,
      noticeHours: settings.noticeHours,
      marchKmh: settings.marchKmh,
      roadFactor: settings.roadFactor,
      airKmh: settings.airKmh,
      rotaryKmh: settings.rotaryKmh,
    },
  };

  const bands = (rawExposure?.bands ?? bandRangesOf(bandsGiven)).map((b, i) => {
    const given = bandsGiven[i];
    return {
      name: b.name,
      fromKm: b.fromKm,
      toKm: b.toKm,
      ...(given?.source && { source: given.source }),
      ...(given?.assumption !== undefined && { assumption: given.assumption }),
    };
  });

  const ladder = report ? ladderResult(rungs, redLines, report) : null;
  let within = 0;
  const result: RiskResult = {
    asOf: parameters.asOf,
    line: loc ? lineResult(loc) : null,
    bands,
    bandsFrom,
    exposure,
    ladder,
    register: registerSummary(doc.risks, parameters.asOf),
    respond,
    outcome: report ? report.outcome : null,
    headline: {
      personnelWithin: rawExposure
        ? rawExposure.bands
            .filter((b) => b.toKm !== null)
            .map((b, i) => ({
              band: b.name,
              withinKm: b.toKm!,
              personnel: (within += rawExposure.personnel[i]!),
            }))
        : [],
      flags: exposure ? exposure.flags.length : 0,
      nationsWithdrawingByRung: report
        ? report.rungs.map((r) => ({ rung: r.rung, nations: r.withdrawals.map((w) => w.nation) }))
        : [],
      respondWithin48h: respond
        ? respond.rungs.map((r) => ({
            rung: r.rung,
            personnel: r.personnel[respond!.windows.indexOf(48)] ?? 0,
          }))
        : [],
    },
    notes,
  };
  return { parameters, result };
}

function lineResult(loc: LineOfContact): NonNullable<RiskResult['line']> {
  const polylines = polylinesOf(loc.geometry);
  return {
    date: loc.date,
    lengthKm: Math.round(lineLengthKm(polylines) * 10) / 10,
    vertices: polylines.reduce((s, l) => s + l.length, 0),
    lines: polylines.length,
    provenance: {
      ...(loc.source && { source: loc.source }),
      ...(loc.assumption !== undefined && { assumption: loc.assumption }),
    },
    geometry: loc.geometry,
  };
}

function ladderResult(
  rungs: readonly Rung[],
  redLines: readonly RedLine[],
  report: EscalationReport,
): LadderResult {
  const byId = new Map(report.rungs.map((r) => [r.rung, r]));
  return {
    personnelTarget: report.personnelTarget,
    rungs: rungs.map((rung) => {
      const o = byId.get(rung.id)!;
      return {
        id: rung.id,
        level: rung.level,
        name: rung.name,
        response: rung.response,
        hoursToRespond: rung.hoursToRespond,
        owner: rung.owner,
        indicators: rung.indicators,
        redLines: redLines
          .filter((l) => l.rung === rung.id)
          .map((l) => ({
            id: l.id,
            nation: l.nation as RedLineNation,
            effect: l.effect,
            share: l.effect === 'withdraws' ? (l.share ?? 1) : null,
            km: l.km ?? null,
            statement: l.statement,
          })),
        climbProbability: o.climbProbability,
        probabilityReached: o.probabilityReached,
        withdrawals: o.withdrawals,
        newlyWithdrawn: o.newlyWithdrawn,
        restrictions: o.restrictions,
        allDeliver: o.allDeliver,
        personnelMatched: o.personnelMatched,
        probabilityTargetMet: o.probabilityTargetMet,
        probabilityTargetMetError: o.probabilityTargetMetError,
      };
    }),
    nations: report.nations.map((n) => ({
      nation: n.nation,
      deliveryProbability: n.deliveryProbability,
      personnelAvailable: n.personnelAvailable,
      redLines: n.redLines,
      withdrawalProbability: n.withdrawalProbability,
    })),
  };
}

type RedLineNation = LadderResult['rungs'][number]['redLines'][number]['nation'];

/** The bands as counted (nearest first, the rear last) when there is no exposure to read them from. */
function bandRangesOf(bands: readonly { name: string; maxKm: number }[]) {
  let fromKm = 0;
  const out: { name: string; fromKm: number; toKm: number | null }[] = bands.map((b) => {
    const range = { name: b.name, fromKm, toKm: b.maxKm };
    fromKm = b.maxKm;
    return range;
  });
  out.push({ name: REAR_BAND_NAME, fromKm, toKm: null });
  return out;
}
