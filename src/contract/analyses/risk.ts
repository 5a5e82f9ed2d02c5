// Risk (issue 15): the line of contact, the force's exposure to it in distance bands on the deployment
// plan, the escalation ladder with the nations' red lines, and a seeded Monte Carlo over escalation
// paths of the force remaining at each rung. A scenario without a line, a ladder or a plan still
// answers: the missing part is null and `notes` says why.
import { z } from 'zod';
import { ZONE_KINDS } from '../../domain/theatre.ts';
import { RED_LINE_EFFECTS } from '../../domain/escalation.ts';
import { DOMAINS } from '../../domain/scenario-schema.ts';
import { PROBABILITIES, RISK_LEVELS, RISK_LINK_KINDS, SEVERITIES } from '../../domain/risk-register.ts';
import { intParam } from '../params.ts';
import { isoDateWire, nationIdWire, personnelWire } from '../wire.ts';
import { fillParametersShape, fillShape } from './fill.ts';
import { distributionSchema, monteCarloParametersShape, monteCarloShape } from './resilience.ts';
import { sourceWire } from './sustainment.ts';

/** A probability from 0 to 1, as a number or as URL text. */
function probabilityParam() {
  const message = 'must be a number from 0 to 1';
  return z
    .union(
      [
        z.number(),
        z
          .string()
          .regex(/^\d*\.?\d+$/, message)
          .transform(Number),
      ],
      { error: message },
    )
    .pipe(z.number().min(0, message).max(1, message));
}

/** The escalation engine's DEFAULT_CLIMB_PROBABILITY (src/planner/escalation.ts; a test holds them equal). */
export const RISK_CLIMB_DEFAULT = 0.5;

export const riskParamsSchema = z.strictObject({
  ...fillShape,
  ...monteCarloShape,
  climb: probabilityParam()
    .optional()
    .describe(
      `Probability of climbing from each rung to the next, for every rung (default ${RISK_CLIMB_DEFAULT})`,
    ),
  sector: z
    .string()
    .min(1, 'must name a sector')
    .max(80, 'must be at most 80 characters')
    .optional()
    .describe('The threatened sector for who can respond (default: the sector nearest the line)'),
  day: intParam(0, 3650)
    .optional()
    .describe('C-day of the threat for who can respond (default: the day the plan closes)'),
  noticeHours: intParam(0, 720)
    .optional()
    .describe('Notice to move of a land unit in theatre, hours (default 6)'),
  marchKmh: intParam(1, 200)
    .optional()
    .describe('Road march rate of a land unit, km/h with halts (default 30)'),
});

export const riskParametersSchema = z.strictObject({
  ...fillParametersShape,
  ...monteCarloParametersShape,
  climb: z.number().describe('Probability of climbing from each rung to the next'),
  respond: z
    .strictObject({
      sector: z.string().nullable().describe('The threatened sector; null when no sector can be placed'),
      day: z.number().int().nullable().describe('C-day of the threat; null without a plan'),
      noticeHours: z.strictObject({ land: z.number(), air: z.number(), maritime: z.number() }),
      marchKmh: z.number(),
      roadFactor: z.number().describe('Road distance over great-circle distance'),
      airKmh: z.number(),
      rotaryKmh: z.number(),
    })
    .describe('Who can respond: the threatened sector, the day and the movement assumptions'),
});
export type RiskParameters = z.output<typeof riskParametersSchema>;

// ---- The report ----

const provenanceShape = {
  source: sourceWire.optional(),
  assumption: z.string().optional(),
};

const lineSchema = z
  .strictObject({
    date: isoDateWire.describe('The day the line is drawn as of'),
    lengthKm: z.number().describe('Great-circle length of all its lines, km'),
    vertices: z.number().int(),
    lines: z.number().int().describe('Number of polylines'),
    provenance: z.strictObject(provenanceShape),
    geometry: z
      .discriminatedUnion('type', [
        z.strictObject({ type: z.literal('LineString'), coordinates: z.array(z.array(z.number())) }),
        z.strictObject({
          type: z.literal('MultiLineString'),
          coordinates: z.array(z.array(z.array(z.number()))),
        }),
      ])
      .describe('GeoJSON, [longitude, latitude]'),
  })
  .describe('The line of contact');

const bandSchema = z
  .strictObject({
    name: z.string(),
    fromKm: z.number(),
    toKm: z.number().nullable().describe('null for the rear'),
    ...provenanceShape,
  })
  .describe('A band holds fromKm < distance ≤ toKm (the first from 0); the rear, beyond the last');

const nationExposureSchema = z.strictObject({
  nation: z.string(),
  personnel: z.array(z.number()).describe('Placed personnel per band, in the order of `bands`'),
  unplacedPersonnel: z.number(),
});

const timelineSchema = z
  .strictObject({
    days: z.array(z.number()).describe('C-days on which personnel arrive'),
    personnel: z
      .array(z.array(z.number()))
      .describe('personnel[band][k]: personnel of the band in place by the end of days[k]'),
  })
  .describe('Placed personnel per band over the plan, as change points');

const zoneExposureSchema = z.strictObject({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ZONE_KINDS),
  units: z.number(),
  personnel: z.number(),
});

const flagCommon = {
  unit: z.string().describe('ULN id'),
  nation: z.string(),
  offer: z.string().nullable(),
  band: z.number().int(),
  placed: z.boolean(),
  text: z.string(),
};

const positionSchema = z.strictObject({
  id: z.string().describe('ULN id'),
  nation: z.string(),
  personnel: z.number(),
  lon: z.number(),
  lat: z.number(),
  fromDay: z.number().nullable().describe('C-day it stands there from; null when not scheduled'),
  label: z.string().optional(),
  offer: z.string().optional(),
  minDistanceKm: z.number().optional().describe("Its offer's caveat: least distance from the line, km"),
  distanceKm: z.number(),
  band: z.number().int(),
  zones: z.array(z.string()),
});

const unlocatedSchema = z
  .strictObject({ uln: z.string(), nation: z.string(), personnel: z.number() })
  .describe('A ULN whose destination has no coordinates: in no band');

const exposureCommon = {
  bands: z.array(z.strictObject({ name: z.string(), fromKm: z.number(), toKm: z.number().nullable() })),
  personnel: z.array(z.number()).describe('Placed personnel per band'),
  placedPersonnel: z.number(),
  unplacedPersonnel: z.number().describe('Personnel of ULNs the plan has not scheduled'),
  nations: z.array(nationExposureSchema),
  timeline: timelineSchema,
  zones: z.array(zoneExposureSchema),
  unlocated: z.array(unlocatedSchema),
};

const fullExposureSchema = z.strictObject({
  view: z.literal('full'),
  ...exposureCommon,
  positions: z.array(positionSchema),
  flags: z.array(
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('caveat'), ...flagCommon, distanceKm: z.number(), minKm: z.number() }),
      z.strictObject({
        kind: z.literal('red-line'),
        ...flagCommon,
        distanceKm: z.number(),
        redLine: z.string(),
        rung: z.string(),
        minKm: z.number(),
      }),
      z.strictObject({
        kind: z.literal('zone'),
        ...flagCommon,
        distanceKm: z.number(),
        zone: z.string(),
        zoneName: z.string(),
        zoneKind: z.enum(['demilitarised', 'no-deploy']),
      }),
    ]),
  ),
});

const publicExposureSchema = z.strictObject({
  view: z.literal('public'),
  ...exposureCommon,
  gridDegrees: z.number().describe('Positions are the centres of grid cells this many degrees wide'),
  positions: z.array(
    z.strictObject({
      id: z.string(),
      nation: z.string(),
      personnel: z.number(),
      lon: z.number().describe('Centre of its grid cell'),
      lat: z.number().describe('Centre of its grid cell'),
      fromDay: z.number().nullable(),
      band: z.number().int(),
    }),
  ),
  flags: z.array(
    z.discriminatedUnion('kind', [
      z.strictObject({ kind: z.literal('caveat'), ...flagCommon, minKm: z.number() }),
      z.strictObject({
        kind: z.literal('red-line'),
        ...flagCommon,
        redLine: z.string(),
        rung: z.string(),
        minKm: z.number(),
      }),
    ]),
  ),
});

const exposureSchema = z
  .discriminatedUnion('view', [fullExposureSchema, publicExposureSchema])
  .describe(
    "Where each ULN of the plan stands (its destination, from its arrival day) and its distance band; a public viewer's " +
      '(`view` "public") gives places only as grid cells and distances only as bands',
  );

const redLineSchema = z.strictObject({
  id: z.string(),
  nation: nationIdWire,
  effect: z.enum(RED_LINE_EFFECTS),
  share: z.number().nullable().describe('withdraws: the share of its force (default 1)'),
  km: z.number().nullable().describe('no-deploy-within: least distance from the line, km'),
  statement: z.string(),
});

const withdrawalSchema = z.strictObject({
  nation: nationIdWire,
  share: z.number(),
  redLine: z.string(),
  sinceRung: z.string(),
  personnelKept: personnelWire,
  personnelWithdrawn: personnelWire,
});

const forceOutcomeShape = {
  personnelMatched: distributionSchema,
  probabilityTargetMet: z.number().describe('Chance the matched personnel meet the target'),
  probabilityTargetMetError: z.number().describe('Its standard error'),
};

const rungSchema = z.strictObject({
  id: z.string(),
  level: z.number().int(),
  name: z.string(),
  response: z.string(),
  hoursToRespond: z.number(),
  owner: z.string(),
  indicators: z.array(z.string()),
  redLines: z.array(redLineSchema).describe('The red lines that name this rung'),
  climbProbability: z.number().nullable().describe('From the rung below; null for the lowest'),
  probabilityReached: z.number(),
  withdrawals: z.array(withdrawalSchema).describe('Withdrawals in effect at this rung'),
  newlyWithdrawn: z.array(nationIdWire),
  restrictions: z.array(
    z.strictObject({ nation: nationIdWire, km: z.number(), redLine: z.string(), sinceRung: z.string() }),
  ),
  allDeliver: z.strictObject({ personnelMatched: personnelWire }),
  ...forceOutcomeShape,
});

const ladderSchema = z
  .strictObject({
    personnelTarget: personnelWire,
    rungs: z.array(rungSchema).describe('Lowest first'),
    nations: z.array(
      z.strictObject({
        nation: nationIdWire,
        deliveryProbability: z.number(),
        personnelAvailable: personnelWire,
        redLines: z.array(z.string()),
        withdrawalProbability: z.number(),
      }),
    ),
  })
  .describe('The escalation ladder, each rung with its red lines and the force that remains there');

const pathOutcomeSchema = z.strictObject({
  ...forceOutcomeShape,
  histogram: z.strictObject({
    binWidth: z.number(),
    bins: z.array(z.strictObject({ from: z.number(), to: z.number(), count: z.number(), share: z.number() })),
  }),
});

const respondSchema = z
  .strictObject({
    sector: z.string().describe('The threatened sector'),
    day: z.number().int().describe('C-day of the threat'),
    windows: z.array(z.number()).describe('Response windows, hours (24, 48, 72)'),
    units: z
      .array(
        z.strictObject({
          id: z.string().describe('ULN id'),
          nation: z.string(),
          capability: z.string(),
          domain: z.enum(DOMAINS),
          personnel: z.number(),
          from: z.enum(['theatre', 'home']).describe('In theatre on the day, or still at home'),
          route: z.enum(['in-sector', 'road', 'rotary', 'air', 'from-home']).nullable(),
          hours: z.number().nullable().describe('Hours to reach the sector; null when it cannot'),
          cannot: z.string().nullable().describe('Why it cannot respond at any rung'),
        }),
      )
      .describe('Every ULN the viewer sees, quickest first'),
    rungs: z
      .array(
        z.strictObject({
          rung: z.string(),
          hoursToRespond: z.number(),
          personnel: z.array(z.number()).describe('Personnel within each window, after the rung’s red lines'),
          personnelWithinRungTime: z.number().describe('Personnel within the rung’s own time to respond'),
          nations: z.array(z.strictObject({ nation: z.string(), personnel: z.array(z.number()) })),
          keptAway: z
            .array(z.string())
            .describe('Nations whose red lines at the rung keep them from the sector'),
        }),
      )
      .describe('Lowest rung first'),
    sectors: z
      .array(
        z.strictObject({
          sector: z.string(),
          distanceToLineKm: z.number().nullable(),
          personnel: z.array(z.number()).describe('Within each window at the lowest rung'),
        }),
      )
      .describe('Every sector with a placed destination, for comparison'),
  })
  .describe('Who can reach the threatened sector within 24, 48 and 72 hours, per rung');

const assessmentSchema = z.strictObject({
  probability: z.enum(PROBABILITIES),
  severity: z.enum(SEVERITIES),
  level: z.enum(RISK_LEVELS).describe('ATP 5-19: the level of this probability and severity'),
});

const registerSchema = z
  .strictObject({
    entries: z
      .array(
        z.strictObject({
          id: z.string(),
          title: z.string(),
          cause: z.string(),
          event: z.string(),
          impact: z.string(),
          links: z.array(z.strictObject({ kind: z.enum(RISK_LINK_KINDS), key: z.string() })),
          ...assessmentSchema.shape,
          controls: z.array(z.string()),
          residual: assessmentSchema,
          owner: z.string(),
          reviewDate: z.string().describe('YYYY-MM-DD'),
          reviewOverdue: z.boolean().describe('Open, and its review date is before the analysis date'),
          status: z.enum(['open', 'closed']),
        }),
      )
      .describe('Open first, then by residual level, then by initial level'),
    matrix: z
      .strictObject({
        initial: z.array(z.array(z.number().int())),
        residual: z.array(z.array(z.number().int())),
      })
      .describe(
        `Open entries per cell of the 5 × 4 matrix: [severity][probability], severities ${SEVERITIES.join(', ')}; probabilities ${PROBABILITIES.join(', ')}`,
      ),
    openByResidualLevel: z.array(z.number().int()).describe(`In the order ${RISK_LEVELS.join(', ')}`),
    open: z.number().int(),
    reviewsOverdue: z.number().int(),
  })
  .describe('The risk register the viewer may see, on the ATP 5-19 5 × 4 matrix');

export const riskResultSchema = z
  .strictObject({
    asOf: isoDateWire,
    line: lineSchema.nullable(),
    bands: z.array(bandSchema).describe('Nearest first, the rear last'),
    bandsFrom: z.enum(['scenario', 'default']),
    exposure: exposureSchema.nullable().describe('null without a line of contact or a plan'),
    ladder: ladderSchema.nullable().describe('null without an escalation ladder'),
    register: registerSchema,
    respond: respondSchema.nullable().describe('null without a plan or a sector with a place'),
    outcome: z
      .strictObject({ correlated: pathOutcomeSchema, independent: pathOutcomeSchema })
      .nullable()
      .describe(
        'The force where each escalation path stopped: red lines correlated (one rung moves several ' +
          'nations), and each nation on its own path (independent)',
      ),
    headline: z.strictObject({
      personnelWithin: z
        .array(z.strictObject({ band: z.string(), withinKm: z.number(), personnel: z.number() }))
        .describe('Placed personnel within each band’s outer distance of the line (cumulative)'),
      flags: z.number().int().describe('Caveats, red lines and zones that forbid where a unit stands'),
      nationsWithdrawingByRung: z.array(z.strictObject({ rung: z.string(), nations: z.array(nationIdWire) })),
      respondWithin48h: z
        .array(z.strictObject({ rung: z.string(), personnel: z.number() }))
        .describe('Personnel able to reach the threatened sector within 48 hours, per rung'),
    }),
    notes: z.array(z.string()).describe('Why a part is missing or incomplete'),
  })
  .describe('Risk: the line of contact, exposure, and the escalation ladder with red lines');
export type RiskResult = z.output<typeof riskResultSchema>;

export const riskAnalysis = {
  kind: 'risk',
  path: '/risk',
  summary: 'Risk: exposure to the line of contact and the force remaining at each rung of escalation',
  description:
    "Plans the deployment to place each unit at its destination, counts personnel per distance band from the line of contact (per nation, over the plan's timeline) and flags caveats, red lines and zones it breaks. " +
    'A seeded Monte Carlo over escalation paths (each rung climbed with `climb`) withdraws nations at the rungs their red lines name, and reports the force remaining and the chance of meeting the target at each rung, with red lines correlated and independent. ' +
    'A public viewer sees places rounded to a grid.',
  params: riskParamsSchema,
  parameters: riskParametersSchema,
  result: riskResultSchema,
  heavy: true,
} as const;
