// Small scenario builders for the fill tests: a handful of lines and offers over four capabilities
// (one per domain) of 100 personnel a unit, so hand-computed figures stay readable. Everything else
// a document needs (nations, catalogue, mission) is filled in from what the lines and offers name.
import fc from 'fast-check';
import {
  capability,
  minimalScenario,
  mission,
  nation,
  offer,
  requirement,
  stance,
  type NationInput,
  type OfferInput,
  type RequirementInput,
} from '../domain/test-fixtures.ts';
import { OFFER_STATUSES, scenarioDocumentSchema, type ScenarioDocument } from '../domain/scenario-schema.ts';
import type { ForceFillOptions } from './force-fill.ts';

export const FILL_CAPABILITIES = [
  capability('INF', { domain: 'land', defaultPersonnel: 100, defaultTonnes: 400 }),
  capability('GBAD', { domain: 'air', defaultPersonnel: 100, defaultTonnes: 500 }),
  capability('MCM', { domain: 'maritime', defaultPersonnel: 100, defaultTonnes: 50 }),
  capability('LOG', { domain: 'enabler', defaultPersonnel: 100, defaultTonnes: 300 }),
];

/** A requirement line: INF, sector Kyiv, task deterrence, RDD C+30, 12 months, priority 1 unless told. */
export function line(
  id: string,
  quantity: number,
  overrides: Partial<RequirementInput> = {},
): RequirementInput {
  return requirement({ id, capability: 'INF', quantity, ...overrides });
}

/** A confirmed INF offer of 100 personnel and 400 t a unit, ready on C+10, unless told. */
export function unitOffer(
  id: string,
  nationId: string,
  quantity: number,
  overrides: Partial<OfferInput> = {},
): OfferInput {
  return offer({
    id,
    nation: nationId,
    capability: 'INF',
    quantity,
    personnel: quantity * 100,
    tonnes: quantity * 400,
    readiness: { level: 'L3', daysToReady: 10 },
    status: 'confirmed',
    ...overrides,
  });
}

export interface FillScenarioParts {
  lines: RequirementInput[];
  offers: OfferInput[];
  /** Force target; default 10,000. */
  target?: number;
  asOf?: string;
  /** Extra nations or stance timelines; nations named by offers are added as committed. */
  nations?: NationInput[];
}

export function fillScenario(parts: FillScenarioParts): ScenarioDocument {
  const given = parts.nations ?? [];
  const named = [...new Set(parts.offers.map((o) => o.nation))].filter(
    (id) => !given.some((n) => n.id === id),
  );
  return scenarioDocumentSchema.parse(
    minimalScenario({
      asOf: parts.asOf ?? '2025-03-02',
      mission: mission({ forceTarget: { personnel: parts.target ?? 10_000, assumption: 'test fixture' } }),
      // A document lists at least one nation, even with no offers.
      nations:
        given.length + named.length > 0 ? [...given, ...named.map((id) => nation(id))] : [nation('GBR')],
      capabilities: FILL_CAPABILITIES,
      requirements: parts.lines,
      offers: parts.offers,
    }),
  );
}

/** The United States as the reference article has it: absent. */
export function absentUsa(): NationInput {
  return nation('USA', {
    role: 'non-participant',
    stances: [stance({ stance: 'absent', statement: 'Absent.' })],
  });
}

const SECTORS = ['Kyiv', 'Odesa', 'Dnipro'] as const;
const TASKS = ['deterrence', 'training', 'air-defence'] as const;

const lineArbitrary = fc.record({
  capability: fc.constantFrom('INF', 'GBAD'),
  quantity: fc.integer({ min: 1, max: 6 }),
  sector: fc.constantFrom(...SECTORS),
  task: fc.constantFrom(...TASKS),
  rddCDay: fc.constantFrom(-14, 0, 30, 60),
  durationMonths: fc.constantFrom(6, 12, 24),
  priority: fc.integer({ min: 1, max: 5 }),
  personnelPerUnit: fc.option(fc.integer({ min: 50, max: 200 }), { nil: undefined }),
});

const offerArbitrary = fc.record({
  nation: fc.constantFrom('GBR', 'FRA', 'DEU', 'EST', 'CAN'),
  capability: fc.constantFrom('INF', 'GBAD'),
  quantity: fc.integer({ min: 1, max: 5 }),
  personnelPerUnit: fc.integer({ min: 30, max: 700 }),
  daysToReady: fc.integer({ min: 0, max: 90 }),
  status: fc.constantFrom(...OFFER_STATUSES),
  excludedSectors: fc.oneof(fc.constant([]), fc.subarray([...SECTORS])),
  allowedTasks: fc.oneof(fc.constant([]), fc.constant([]), fc.subarray([...TASKS], { minLength: 1 })),
  // Most offers carry no limit, no backstop caveat and no expiry, so that offers compete for lines.
  maxDurationMonths: fc.constantFrom(undefined, undefined, 12, 24),
  requiresUsBackstop: fc.constantFrom(false, false, false, true),
  validUntil: fc.constantFrom(undefined, undefined, undefined, '2025-01-01', '2025-12-31'),
});

export interface FillCase {
  scenario: ScenarioDocument;
  options: ForceFillOptions;
}

/** Random small instances: two capabilities, up to 6 lines and 10 offers, every caveat kind. */
export const fillCaseArbitrary: fc.Arbitrary<FillCase> = fc
  .record({
    lines: fc.array(lineArbitrary, { minLength: 1, maxLength: 6, size: 'max' }),
    offers: fc.array(offerArbitrary, { maxLength: 10, size: 'max' }),
    options: fc.record({
      usBackstop: fc.boolean(),
      allowLate: fc.constantFrom(true, true, true, false),
      minStatus: fc.constantFrom('offered' as const, 'confirmed' as const),
      activationCDay: fc.constantFrom(0, -30),
    }),
  })
  .map(({ lines, offers, options }) => ({
    options,
    scenario: fillScenario({
      lines: lines.map((l, i) => {
        const { personnelPerUnit, ...rest } = l;
        return line(
          `R-${i + 1}`,
          l.quantity,
          personnelPerUnit === undefined ? rest : { ...rest, personnelPerUnit },
        );
      }),
      offers: offers.map((o, i) =>
        offer({
          id: `OFF-${i + 1}`,
          nation: o.nation,
          capability: o.capability,
          quantity: o.quantity,
          personnel: o.quantity * o.personnelPerUnit,
          tonnes: o.quantity * 100,
          readiness: { level: 'L1', daysToReady: o.daysToReady },
          status: o.status,
          caveats: {
            excludedSectors: [...o.excludedSectors],
            allowedTasks: [...o.allowedTasks],
            requiresUsBackstop: o.requiresUsBackstop,
            ...(o.maxDurationMonths === undefined ? {} : { maxDurationMonths: o.maxDurationMonths }),
          },
          ...(o.validUntil === undefined ? {} : { validUntil: o.validUntil }),
        }),
      ),
    }),
  }));
