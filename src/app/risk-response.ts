// The inputs of who can respond (src/domain/analysis/response.ts) from a scenario and its plan: each
// ULN where the plan puts it, from which day, with its offer's readiness and caveats and its capability's
// domain; each sector at its destination node with its distance to the line of contact; and at each
// rung the withdrawals and keep-away distances its red lines put in effect there.
import type { PublicPosition } from '../domain/analysis/exposure.ts';
import {
  computeResponse,
  DEFAULT_RESPONSE_SETTINGS,
  movementOf,
  type Responder,
  type ResponseReport,
  type ResponseSector,
  type ResponseSettings,
  rungConstraintsOf,
} from '../domain/analysis/response.ts';
import type { Rung } from '../domain/escalation.ts';
import { distanceToLine, type PreparedLine } from '../domain/geo/line-distance.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import type { ScenarioPlanResult } from '../planner/deploy/plan-report.ts';

type Planned = Extract<ScenarioPlanResult, { ok: true }>;

export interface ResponseRequest {
  doc: ScenarioDocument;
  planned: Planned;
  line: PreparedLine | null;
  rungs: readonly Rung[];
  /** The threatened sector asked for; absent: the sector nearest the line. */
  sector?: string | undefined;
  day?: number | undefined;
  settings?: ResponseSettings;
  /** A public viewer's places: each ULN at its grid cell's centre. */
  publicPositions?: readonly PublicPosition[] | undefined;
}

export type ResponseOutcome =
  | { ok: true; report: ResponseReport; day: number }
  | { ok: false; field: string; message: string }
  | { ok: true; report: null; day: number | null; note: string };

/** The sectors with a placed destination node, in the mission's order. */
export function responseSectors(doc: ScenarioDocument, line: PreparedLine | null): ResponseSector[] {
  const nodes = new Map(doc.network.nodes.map((n) => [n.id as string, n]));
  const destinations = doc.deployment?.sectorDestinations ?? {};
  const names = [...new Set([...doc.mission.sectors.map((s) => s.name), ...Object.keys(destinations)])];
  return names.flatMap((name) => {
    const node = nodes.get(destinations[name] ?? '');
    if (!node || node.lat === undefined || node.lon === undefined) return [];
    return [
      {
        name,
        lon: node.lon,
        lat: node.lat,
        distanceToLineKm: line ? distanceToLine(line, [node.lon, node.lat]) : null,
      },
    ];
  });
}

/** The last arrival of the plan: the day the deployment closes (0 when nothing arrives). */
function closureDay(planned: Planned): number {
  let day = 0;
  for (const u of planned.report.ulns) if (u.arrivalDay !== null) day = Math.max(day, u.arrivalDay);
  return day;
}

function respondersOf(req: ResponseRequest): Responder[] {
  const { doc, planned } = req;
  const nodes = new Map(planned.report.nodes.map((n) => [n.id, n]));
  const transit = new Map(planned.report.arcs.map((a) => [a.id, a.transitDays]));
  const capabilities = new Map(doc.capabilities.map((c) => [c.code as string, c]));
  const sectorOfLine = new Map(doc.requirements.map((r) => [r.id as string, r.sector]));
  const offers = new Map(doc.offers.map((o) => [o.id as string, o]));
  const offerOfUln = new Map(planned.ulns.map((r) => [r.uln as string, r.offer as string]));
  const rounded = req.publicPositions ? new Map(req.publicPositions.map((p) => [p.id, p])) : null;
  return planned.report.ulns.flatMap((u) => {
    const node = nodes.get(u.destination);
    const capability = capabilities.get(u.capability);
    if (!node || !capability) return [];
    const offer = offers.get(offerOfUln.get(u.uln) ?? '');
    // The transit of its people (its cargo's, with none): not of equipment on a path of its own.
    const unitLegs = u.legs.filter((l) => !l.followOn);
    const peopleLegs = unitLegs.some((l) => l.personnel > 0)
      ? unitLegs.filter((l) => l.personnel > 0)
      : unitLegs;
    const transitDays = peopleLegs.reduce((s, l) => s + (transit.get(l.arc) ?? 0), 0);
    const place = rounded?.get(u.uln) ?? node;
    return [
      {
        id: u.uln,
        nation: u.nation,
        capability: u.capability,
        domain: capability.domain,
        movement: movementOf(capability),
        personnel: u.personnel,
        lon: place.lon,
        lat: place.lat,
        sector: u.line ? (sectorOfLine.get(u.line) ?? null) : null,
        fromDay: u.status === 'scheduled' ? u.arrivalDay : null,
        homeHours:
          u.status === 'scheduled' && u.legs.length > 0
            ? ((offer?.readiness.daysToReady ?? 0) + transitDays) * 24
            : null,
        excludedSectors: offer?.caveats.excludedSectors ?? [],
        ...(offer?.caveats.minDistanceFromLineKm !== undefined && {
          minDistanceKm: offer.caveats.minDistanceFromLineKm,
        }),
      },
    ];
  });
}

/** Who can respond, or why not (a sector asked for that is not there is the caller's error). */
export function responseOf(req: ResponseRequest): ResponseOutcome {
  const sectors = responseSectors(req.doc, req.line);
  const day = req.day ?? closureDay(req.planned);
  if (sectors.length === 0)
    return {
      ok: true,
      report: null,
      day,
      note: 'No sector has a destination node with coordinates: no one can be sent anywhere.',
    };
  let sector: string;
  if (req.sector !== undefined) {
    if (!sectors.some((s) => s.name === req.sector))
      return {
        ok: false,
        field: 'sector',
        message: `must be a sector with a placed destination: ${sectors.map((s) => s.name).join(', ')}`,
      };
    sector = req.sector;
  } else {
    // Nearest the line first; without a line, the mission's first sector.
    sector = [...sectors].sort((a, b) => (a.distanceToLineKm ?? 0) - (b.distanceToLineKm ?? 0))[0]!.name;
  }
  const report = computeResponse({
    responders: respondersOf(req),
    sectors,
    sector,
    day,
    rungs: rungConstraintsOf(req.rungs, req.doc.redLines),
    settings: req.settings ?? DEFAULT_RESPONSE_SETTINGS,
  });
  return { ok: true, report, day };
}
