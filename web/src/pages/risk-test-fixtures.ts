// A risk answer for the Risk page's tests, computed where the web may compute it: the exposure, who
// can respond and the register come from the domain's own functions (computeExposure,
// computeResponse, registerSummary) over the domain test scenario's line of contact, ladder, red
// lines and risks, with a handful of units placed by hand (the deployment planner is behind the API).
// Only the ladder's Monte Carlo figures (src/planner) are written out, small and round. Three
// nations: Britain (a battalion in Kyiv, an armoured battalion and a logistics battalion near Dnipro),
// France (a battalion near Zaporizhzhia nearer the line than its caveat allows, a fighter squadron in
// Kyiv) and Germany (an air-defence battery the plan has not scheduled).
import type { RiskParameters, RiskResult } from '../../../src/contract/analyses/risk.ts';
import { computeExposure, publicExposure, type UnitPosition } from '../../../src/domain/analysis/exposure.ts';
import {
  DEFAULT_RESPONSE_SETTINGS,
  computeResponse,
  rungConstraintsOf,
  type Movement,
  type Responder,
} from '../../../src/domain/analysis/response.ts';
import { ladderOf, redLineSchema, escalationSchema, type RedLine } from '../../../src/domain/escalation.ts';
import { distanceToLine, prepareLine } from '../../../src/domain/geo/line-distance.ts';
import { lineLengthKm } from '../../../src/domain/geo/line-length.ts';
import { registerSummary, riskSchema } from '../../../src/domain/risk-register.ts';
import type { IsoDate, NationId, Personnel } from '../../../src/domain/ids.ts';
import type { ForceDomain } from '../../../src/domain/scenario-schema.ts';
import { DEFAULT_EXPOSURE_BANDS, polylinesOf } from '../../../src/domain/theatre.ts';
import { escalationLadder, lineOfContact, redLine, risk } from '../../../src/domain/test-fixtures.ts';
import type { AnalysisAnswer } from '../api-client.ts';

export const RISK_NAMES: ReadonlyMap<string, string> = new Map([
  ['GBR', 'United Kingdom'],
  ['FRA', 'France'],
  ['DEU', 'Germany'],
]);

const nationId = (s: string) => s as NationId;
const pers = (n: number) => n as Personnel;
const date = (s: string) => s as IsoDate;

const AS_OF = date('2025-03-02');
const THREAT_DAY = 30;
const PERSONNEL_TARGET = 5000;

/** Destination nodes of the sectors: [lon, lat]. */
export const SECTOR_NODES: Readonly<Record<string, readonly [number, number]>> = {
  Kyiv: [30.52, 50.45],
  Dnipro: [35.05, 48.46],
  Zaporizhzhia: [35.14, 47.84],
};

interface UnitSpec {
  id: string;
  nation: string;
  capability: string;
  domain: ForceDomain;
  movement: Movement | null;
  personnel: number;
  sector: keyof typeof SECTOR_NODES;
  fromDay: number | null;
  /** Readiness plus planned transit, for a unit not yet in theatre on the day of the threat. */
  homeHours?: number;
  offer?: string;
  minDistanceKm?: number;
}

const unit = (spec: UnitSpec): UnitSpec => spec;

export const UNITS: readonly UnitSpec[] = [
  unit({
    id: 'GBR-0001',
    nation: 'GBR',
    capability: 'MECH-INF-BN',
    domain: 'land',
    movement: 'road',
    personnel: 650,
    sector: 'Kyiv',
    fromDay: 40,
    homeHours: 20,
  }),
  unit({
    id: 'GBR-0002',
    nation: 'GBR',
    capability: 'ARMD-BN',
    domain: 'land',
    movement: 'road',
    personnel: 500,
    sector: 'Dnipro',
    fromDay: 20,
  }),
  unit({
    id: 'GBR-0003',
    nation: 'GBR',
    capability: 'LOG-BN',
    domain: 'enabler',
    movement: null,
    personnel: 300,
    sector: 'Dnipro',
    fromDay: 12,
  }),
  unit({
    id: 'FRA-0001',
    nation: 'FRA',
    capability: 'MECH-INF-BN',
    domain: 'land',
    movement: 'road',
    personnel: 700,
    sector: 'Zaporizhzhia',
    fromDay: 15,
    offer: 'OFF-FRA-01',
    minDistanceKm: 100,
  }),
  unit({
    id: 'FRA-0002',
    nation: 'FRA',
    capability: 'FTR-SQN',
    domain: 'air',
    movement: 'aircraft',
    personnel: 200,
    sector: 'Kyiv',
    fromDay: 5,
  }),
  unit({
    id: 'DEU-0001',
    nation: 'DEU',
    capability: 'GBAD-BTY',
    domain: 'air',
    movement: 'road',
    personnel: 150,
    sector: 'Dnipro',
    fromDay: null,
  }),
];

function positionOf(u: UnitSpec): UnitPosition {
  const [lon, lat] = SECTOR_NODES[u.sector]!;
  return {
    id: u.id,
    nation: u.nation,
    personnel: u.personnel,
    lon,
    lat,
    fromDay: u.fromDay,
    label: `${u.sector} (sector)`,
    ...(u.offer && { offer: u.offer }),
    ...(u.minDistanceKm !== undefined && { minDistanceKm: u.minDistanceKm }),
  };
}

function responderOf(u: UnitSpec): Responder {
  const [lon, lat] = SECTOR_NODES[u.sector]!;
  return {
    id: u.id,
    nation: u.nation,
    capability: u.capability,
    domain: u.domain,
    movement: u.movement,
    personnel: u.personnel,
    lon,
    lat,
    sector: u.sector,
    fromDay: u.fromDay,
    homeHours: u.fromDay === null ? null : (u.homeHours ?? 96),
    excludedSectors: [],
    minDistanceKm: u.minDistanceKm,
  };
}

/** The domain fixtures' red lines: Britain and Germany withdraw at "attack"; France keeps 80 km. */
export function riskRedLines(): RedLine[] {
  return [
    redLine(),
    redLine({
      id: 'RL-DEU-1',
      nation: 'DEU',
      statement: 'Withdraws its battery if coalition troops are attacked.',
    }),
    redLine({
      id: 'RL-FRA-1',
      nation: 'FRA',
      rung: 'violation',
      effect: 'no-deploy-within',
      km: 80,
      statement: 'Keeps its units 80 km from the line once the ceasefire is violated.',
    }),
  ].map((l) => redLineSchema.parse(l));
}

/** Three risks: one open and high, one open, extremely high and overdue for review, one closed. */
export function riskRegister(): RiskResult['register'] {
  const risks = [
    risk(),
    risk({
      id: 'RSK-2',
      title: 'Artillery strike on the Zaporizhzhia camp',
      cause: 'A battalion stands within artillery reach.',
      event: 'A strike on the camp.',
      impact: 'Casualties; France reconsiders its contribution.',
      links: [
        { kind: 'offers', key: 'OFF-FRA-01' },
        { kind: 'redLines', key: 'RL-FRA-1' },
      ],
      probability: 'likely',
      severity: 'catastrophic',
      residual: { probability: 'seldom', severity: 'critical' },
      owner: 'Coalition HQ J3',
      reviewDate: '2025-02-01',
    }),
    risk({ id: 'RSK-3', title: 'Port closed by mines', status: 'closed', links: [] }),
  ].map((r) => riskSchema.parse(r));
  return registerSummary(risks, AS_OF);
}

function ladderNation(
  nation: string,
  deliveryProbability: number,
  personnelAvailable: number,
  redLineId: string,
  withdrawalProbability: number,
): NonNullable<RiskResult['ladder']>['nations'][number] {
  return {
    nation: nationId(nation),
    deliveryProbability,
    personnelAvailable: pers(personnelAvailable),
    redLines: [redLineId],
    withdrawalProbability,
  };
}

function ladderResult(redLines: readonly RedLine[]): NonNullable<RiskResult['ladder']> {
  const rungs = ladderOf(escalationSchema.parse(escalationLadder()));
  const dist = (p50: number, p10: number) => ({
    mean: p50 - 50,
    min: 0,
    p10,
    p50,
    p90: p50 + 100,
    max: p50 + 100,
  });
  const withdrawals = (nations: string[]) =>
    redLines
      .filter((l) => l.effect === 'withdraws' && nations.includes(l.nation))
      .map((l) => ({
        nation: nationId(l.nation),
        share: l.share ?? 1,
        redLine: l.id,
        sinceRung: l.rung,
        personnelKept: pers(0),
        personnelWithdrawn: pers(l.nation === 'GBR' ? 1450 : 0),
      }));
  const figures = [
    { reached: 1, climb: null, p50: 2200, p10: 1500, met: 0.02, out: [] as string[] },
    { reached: 0.5, climb: 0.5, p50: 700, p10: 0, met: 0, out: ['GBR', 'DEU'] },
  ];
  return {
    personnelTarget: pers(PERSONNEL_TARGET),
    rungs: rungs.map((r, i) => {
      const f = figures[i]!;
      return {
        id: r.id,
        level: r.level,
        name: r.name,
        response: r.response,
        hoursToRespond: r.hoursToRespond,
        owner: r.owner,
        indicators: r.indicators,
        redLines: redLines
          .filter((l) => l.rung === r.id)
          .map((l) => ({
            id: l.id,
            nation: nationId(l.nation),
            effect: l.effect,
            share: l.effect === 'withdraws' ? (l.share ?? 1) : null,
            km: l.km ?? null,
            statement: l.statement,
          })),
        climbProbability: f.climb,
        probabilityReached: f.reached,
        withdrawals: withdrawals(f.out),
        newlyWithdrawn: f.out.map(nationId),
        restrictions:
          i === 0 ? [] : [{ nation: nationId('FRA'), km: 80, redLine: 'RL-FRA-1', sinceRung: 'violation' }],
        allDeliver: { personnelMatched: pers(i === 0 ? 2350 : 900) },
        personnelMatched: dist(f.p50, f.p10),
        probabilityTargetMet: f.met,
        probabilityTargetMetError: f.met === 0 ? 0 : 0.0014,
      };
    }),
    nations: [
      ladderNation('DEU', 0.4, 150, 'RL-DEU-1', 0.5),
      ladderNation('FRA', 0.95, 900, 'RL-FRA-1', 0),
      ladderNation('GBR', 0.95, 1450, 'RL-1', 0.5),
    ],
  };
}

function outcome(p50: number, met: number): NonNullable<RiskResult['outcome']>['correlated'] {
  return {
    personnelMatched: { mean: p50 - 40, min: 0, p10: p50 - 800, p50, p90: p50 + 100, max: p50 + 150 },
    probabilityTargetMet: met,
    probabilityTargetMetError: 0.001,
    histogram: {
      binWidth: 1000,
      bins: [
        { from: 0, to: 1000, count: 400, share: 0.4 },
        { from: 1000, to: 2000, count: 100, share: 0.1 },
        { from: 2000, to: 3000, count: 500, share: 0.5 },
      ],
    },
  };
}

/** The whole answer, in the full view (a planner) or the public view (places on a grid). */
export function riskResult(options: { view?: 'full' | 'public'; sector?: string } = {}): RiskResult {
  const loc = lineOfContact();
  const polylines = polylinesOf(loc.geometry as Parameters<typeof polylinesOf>[0]);
  const redLines = riskRedLines();
  const raw = computeExposure({
    line: polylines,
    bands: DEFAULT_EXPOSURE_BANDS,
    redLines,
    positions: UNITS.map(positionOf),
  });
  const exposure: RiskResult['exposure'] =
    options.view === 'public'
      ? { view: 'public', ...publicExposure(raw), unlocated: [] }
      : { view: 'full', ...raw, unlocated: [] };
  const prepared = prepareLine(polylines);
  const rungs = ladderOf(escalationSchema.parse(escalationLadder()));
  const respond = computeResponse({
    responders: UNITS.map(responderOf),
    sectors: Object.entries(SECTOR_NODES).map(([name, [lon, lat]]) => ({
      name,
      lon,
      lat,
      distanceToLineKm: distanceToLine(prepared, [lon, lat]),
    })),
    sector: options.sector ?? 'Dnipro',
    day: THREAT_DAY,
    rungs: rungConstraintsOf(rungs, redLines),
  });
  const ladder = ladderResult(redLines);
  let within = 0;
  return {
    asOf: AS_OF,
    line: {
      date: date(loc.date),
      lengthKm: Math.round(lineLengthKm(polylines) * 10) / 10,
      vertices: polylines.reduce((s, l) => s + l.length, 0),
      lines: polylines.length,
      provenance: { assumption: loc.assumption },
      geometry: loc.geometry as NonNullable<RiskResult['line']>['geometry'],
    },
    bands: raw.bands.map((b, i) => ({
      ...b,
      ...(DEFAULT_EXPOSURE_BANDS[i]?.source && { source: DEFAULT_EXPOSURE_BANDS[i].source }),
    })),
    bandsFrom: 'default',
    exposure,
    ladder,
    register: riskRegister(),
    respond,
    outcome: { correlated: outcome(1600, 0.01), independent: outcome(1900, 0.015) },
    headline: {
      personnelWithin: raw.bands
        .filter((b) => b.toKm !== null)
        .map((b, i) => ({ band: b.name, withinKm: b.toKm!, personnel: (within += raw.personnel[i]!) })),
      flags: raw.flags.length,
      nationsWithdrawingByRung: ladder.rungs.map((r) => ({
        rung: r.id,
        nations: r.withdrawals.map((w) => w.nation),
      })),
      respondWithin48h: respond.rungs.map((r) => ({
        rung: r.rung,
        personnel: r.personnel[respond.windows.indexOf(48)] ?? 0,
      })),
    },
    notes: [],
  };
}

/** A scenario with no line, no ladder and no plan: every part missing, the notes saying why. */
export const EMPTY_NOTES = [
  'The scenario has no line of contact: no exposure is computed.',
  'No deployment plan, so no unit stands anywhere yet: network: the scenario has no transport network.',
  'The scenario has no escalation ladder: no force is given by rung.',
];

export function emptyRiskResult(): RiskResult {
  return {
    asOf: AS_OF,
    line: null,
    bands: [...DEFAULT_EXPOSURE_BANDS.map((b) => b.maxKm), null].map((toKm, i) => ({
      name: DEFAULT_EXPOSURE_BANDS[i]?.name ?? 'Rear',
      fromKm: DEFAULT_EXPOSURE_BANDS[i - 1]?.maxKm ?? 0,
      toKm,
    })),
    bandsFrom: 'default',
    exposure: null,
    ladder: null,
    register: registerSummary([], AS_OF),
    respond: null,
    outcome: null,
    headline: { personnelWithin: [], flags: 0, nationsWithdrawingByRung: [], respondWithin48h: [] },
    notes: EMPTY_NOTES,
  };
}

export function riskParameters(result: RiskResult): RiskParameters {
  return {
    usBackstop: false,
    allowLate: false,
    minStatus: 'offered',
    asOf: AS_OF,
    activationCDay: 0,
    excludeNations: [],
    draws: 1000,
    seed: 7,
    climb: 0.5,
    respond: {
      sector: result.respond?.sector ?? null,
      day: result.respond?.day ?? null,
      ...DEFAULT_RESPONSE_SETTINGS,
    },
  };
}

export function riskEnvelope(result: RiskResult, partial = false): AnalysisAnswer<'risk'> {
  return { scenario: 's1', asOf: AS_OF, partial, parameters: riskParameters(result), result };
}
