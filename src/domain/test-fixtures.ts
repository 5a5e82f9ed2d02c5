// Small builders of valid scenario-document inputs for tests (domain, storage, API, CLI). Each returns a
// plain object that passes the schema as it is; tests override one field to make it invalid. Figures are
// placeholders, so every record says so in `assumption` and stays valid under the provenance checks.
import { sectorsUsedIn } from './scenario-migrations.ts';
import type { ScenarioDocumentInput } from './scenario-schema.ts';

export type NationInput = ScenarioDocumentInput['nations'][number];
export type StanceInput = NonNullable<NationInput['stances']>[number];
export type CapabilityInput = NonNullable<ScenarioDocumentInput['capabilities']>[number];
export type RequirementInput = NonNullable<ScenarioDocumentInput['requirements']>[number];
export type OfferInput = NonNullable<ScenarioDocumentInput['offers']>[number];
export type PledgeInput = NonNullable<ScenarioDocumentInput['pledges']>[number];
export type RotationPolicyInput = NonNullable<ScenarioDocumentInput['rotationPolicies']>[number];
export type MissionInput = ScenarioDocumentInput['mission'];

const FIXTURE = 'test fixture';

/** Names and currencies of the nations tests use most; any other code gets its code as name and EUR. */
const KNOWN_NATIONS: Record<string, { name: string; currency: string; nato: boolean; eu: boolean }> = {
  GBR: { name: 'United Kingdom', currency: 'GBP', nato: true, eu: false },
  FRA: { name: 'France', currency: 'EUR', nato: true, eu: true },
  DEU: { name: 'Germany', currency: 'EUR', nato: true, eu: true },
  EST: { name: 'Estonia', currency: 'EUR', nato: true, eu: true },
  UKR: { name: 'Ukraine', currency: 'UAH', nato: false, eu: false },
  USA: { name: 'United States', currency: 'USD', nato: true, eu: false },
  CAN: { name: 'Canada', currency: 'CAD', nato: true, eu: false },
};

export function stance(overrides: Partial<StanceInput> = {}): StanceInput {
  return {
    date: '2025-03-02',
    stance: 'committed',
    statement: 'Ready to contribute forces.',
    assumption: FIXTURE,
    ...overrides,
  };
}

export function nation(id: string, overrides: Partial<NationInput> = {}): NationInput {
  const known = KNOWN_NATIONS[id];
  const currency = known?.currency ?? 'EUR';
  return {
    id,
    name: known?.name ?? id,
    nato: known?.nato ?? true,
    eu: known?.eu ?? true,
    gdp: { value: 1e12, currency, year: 2024, assumption: FIXTURE },
    population: { value: 10_000_000, year: 2024, assumption: FIXTURE },
    currency,
    role: 'contributor',
    stances: [stance()],
    ...overrides,
  };
}

export function capability(code = 'MECH-INF-BN', overrides: Partial<CapabilityInput> = {}): CapabilityInput {
  return {
    code,
    name: `Capability ${code}`,
    domain: 'land',
    defaultPersonnel: 650,
    defaultTonnes: 2500,
    app6: 'SFGPUCIZ---F---',
    description: `Assumption: ${FIXTURE}.`,
    ...overrides,
  };
}

export function requirement(overrides: Partial<RequirementInput> = {}): RequirementInput {
  return {
    id: 'R-1',
    capability: 'MECH-INF-BN',
    quantity: 2,
    sector: 'Kyiv',
    task: 'deterrence',
    rddCDay: 30,
    durationMonths: 12,
    priority: 1,
    assumption: FIXTURE,
    ...overrides,
  };
}

export function offer(overrides: Partial<OfferInput> = {}): OfferInput {
  return {
    id: 'OFF-1',
    nation: 'GBR',
    capability: 'MECH-INF-BN',
    quantity: 1,
    personnel: 650,
    tonnes: 2500,
    readiness: { level: 'L3', daysToReady: 90 },
    status: 'offered',
    assumption: FIXTURE,
    ...overrides,
  };
}

export function pledge(overrides: Partial<PledgeInput> = {}): PledgeInput {
  return {
    id: 'PLG-1',
    nation: 'GBR',
    amount: 1_600_000_000,
    currency: 'GBP',
    date: '2025-03-02',
    purpose: 'air defence',
    stage: 'committed',
    assumption: FIXTURE,
    ...overrides,
  };
}

export function rotationPolicy(
  nationId = 'GBR',
  overrides: Partial<RotationPolicyInput> = {},
): RotationPolicyInput {
  return { nation: nationId, tourMonths: 6, dwellRatio: 2, assumption: FIXTURE, ...overrides };
}

export function mission(overrides: Partial<MissionInput> = {}): MissionInput {
  return {
    name: 'Test mission',
    forceTarget: { personnel: 10_000, assumption: FIXTURE },
    ...overrides,
  };
}

/**
 * The smallest valid document: one nation, nothing else. Unless the mission lists its sectors, they
 * are the ones the document uses (as the migration from version 1 derives them), so a test names
 * sectors freely; a test about the sector list gives `mission.sectors` itself.
 */
export function minimalScenario(overrides: Partial<ScenarioDocumentInput> = {}): ScenarioDocumentInput {
  const doc: ScenarioDocumentInput = {
    schemaVersion: 6,
    id: 'test-scenario',
    name: 'Test scenario',
    asOf: '2025-03-02',
    mission: mission(),
    nations: [nation('GBR')],
    ...overrides,
  };
  if (doc.mission.sectors !== undefined) return doc;
  const sectors = sectorsUsedIn(doc as unknown as Record<string, unknown>).map((name) => ({ name }));
  return { ...doc, mission: { ...doc.mission, sectors } };
}

/**
 * A small document with one of everything: two lead nations, a host, two capabilities, two
 * requirement lines, three offers (one with caveats), a pledge and rotation policies.
 */
export function sampleScenario(overrides: Partial<ScenarioDocumentInput> = {}): ScenarioDocumentInput {
  return minimalScenario({
    id: 'sample',
    name: 'Sample coalition',
    mission: mission({
      hostNation: 'UKR',
      forceTarget: { personnel: 2_000, range: { min: 1_500, max: 3_000 }, assumption: FIXTURE },
      components: [
        {
          name: 'Land',
          domain: 'land',
          task: 'Deterrence',
          leadNations: ['GBR', 'FRA'],
          assumption: FIXTURE,
        },
      ],
    }),
    nations: [
      nation('GBR', {
        role: 'lead',
        stances: [stance({ stance: 'lead' }), stance({ date: '2026-01-06', stance: 'lead' })],
      }),
      nation('FRA', { role: 'lead', stances: [stance({ stance: 'lead' })] }),
      nation('UKR', { role: 'host', stances: [] }),
    ],
    capabilities: [
      capability('MECH-INF-BN'),
      capability('GBAD-BTY', {
        name: 'Air defence battery',
        domain: 'air',
        defaultPersonnel: 130,
        defaultTonnes: 600,
        app6: 'SFGPUCDM---E---',
      }),
    ],
    requirements: [
      requirement({ id: 'R-1' }),
      requirement({ id: 'R-2', capability: 'GBAD-BTY', quantity: 2, task: 'air-defence', rddCDay: 14 }),
    ],
    offers: [
      offer({ id: 'OFF-1', nation: 'GBR' }),
      offer({
        id: 'OFF-2',
        nation: 'FRA',
        readiness: { level: 'RDL', daysToReady: 30 },
        status: 'confirmed',
      }),
      offer({
        id: 'OFF-3',
        nation: 'FRA',
        capability: 'GBAD-BTY',
        personnel: 130,
        tonnes: 600,
        caveats: { excludedSectors: ['Dnipro'], allowedTasks: ['air-defence'], requiresUsBackstop: true },
      }),
    ],
    pledges: [pledge()],
    rotationPolicies: [rotationPolicy('GBR', { dwellRatio: 4 }), rotationPolicy('FRA', { tourMonths: 4 })],
    ...overrides,
  });
}

export type NetworkInput = NonNullable<ScenarioDocumentInput['network']>;
export type DeploymentInput = NonNullable<ScenarioDocumentInput['deployment']>;

/**
 * A small network for sampleScenario: British and French garrisons, an air bridge into Rzeszów and a
 * road over one border crossing to Kyiv, with one tight arc (the crossing) so plans have a bottleneck.
 */
export function sampleNetwork(): NetworkInput {
  const node = (id: string, kind: string, nation: string, lat: number, lon: number, extra = {}) => ({
    id,
    name: id,
    kind: kind as NonNullable<NetworkInput['nodes']>[number]['kind'],
    nation,
    lat,
    lon,
    assumption: FIXTURE,
    ...extra,
  });
  const arc = (
    id: string,
    from: string,
    to: string,
    mode: 'road' | 'rail' | 'air' | 'sea',
    transitDays: number,
    capacity: number,
    load: number,
  ) => ({
    id,
    from,
    to,
    mode,
    transitDays,
    capacityPerDay: { personnel: capacity, tonnes: capacity * 2 },
    loadSize: { personnel: load, tonnes: load * 2 },
    assumption: FIXTURE,
  });
  return {
    nodes: [
      node('gbr-tidworth', 'garrison', 'GBR', 51.24, -1.66),
      node('fra-mourmelon', 'garrison', 'FRA', 49.13, 4.37),
      node('gbr-brize', 'apoe', 'GBR', 51.75, -1.58),
      node('fra-evreux', 'apoe', 'FRA', 49.03, 1.22),
      node('pol-rzeszow', 'apod', 'POL', 50.11, 22.02, { receptionPerDay: { personnel: 800, tonnes: 1600 } }),
      node('pol-medyka', 'border-crossing', 'POL', 49.8, 22.94),
      node('ukr-kyiv', 'destination', 'UKR', 50.45, 30.52),
    ],
    arcs: [
      arc('tidworth-brize', 'gbr-tidworth', 'gbr-brize', 'road', 1, 2000, 200),
      arc('mourmelon-evreux', 'fra-mourmelon', 'fra-evreux', 'road', 1, 2000, 200),
      arc('brize-rzeszow', 'gbr-brize', 'pol-rzeszow', 'air', 1, 400, 100),
      arc('evreux-rzeszow', 'fra-evreux', 'pol-rzeszow', 'air', 1, 400, 100),
      arc('rzeszow-medyka', 'pol-rzeszow', 'pol-medyka', 'road', 1, 1000, 250),
      arc('medyka-kyiv', 'pol-medyka', 'ukr-kyiv', 'road', 2, 300, 150),
    ],
  };
}

export function deploymentSettings(overrides: Partial<DeploymentInput> = {}): DeploymentInput {
  return {
    onwardMovementDays: 3,
    arrivalWindowDays: 10,
    sectorDestinations: { Kyiv: 'ukr-kyiv', Dnipro: 'ukr-kyiv' },
    garrisons: [
      { nation: 'GBR', node: 'gbr-tidworth' },
      { nation: 'FRA', node: 'fra-mourmelon' },
    ],
    assumption: FIXTURE,
    ...overrides,
  };
}

/** sampleScenario with sampleNetwork and deploymentSettings: enough to plan a deployment. */
export function deploymentScenario(overrides: Partial<ScenarioDocumentInput> = {}): ScenarioDocumentInput {
  return sampleScenario({
    id: 'deploy-sample',
    name: 'Deployment sample',
    network: sampleNetwork(),
    deployment: deploymentSettings(),
    ...overrides,
  });
}

export type TheatreInput = NonNullable<ScenarioDocumentInput['theatre']>;
export type EscalationInput = NonNullable<ScenarioDocumentInput['escalation']>;
export type LineOfContactInput = NonNullable<TheatreInput['lineOfContact']>;

/** A short line of contact through eastern Ukraine, [longitude, latitude] as GeoJSON writes them. */
export function lineOfContact(overrides: Partial<LineOfContactInput> = {}): LineOfContactInput {
  return {
    date: '2025-03-01',
    geometry: {
      type: 'LineString',
      coordinates: [
        [33.0, 46.6],
        [35.8, 47.4],
        [37.5, 48.0],
        [37.9, 49.0],
      ],
    },
    assumption: FIXTURE,
    ...overrides,
  };
}

/** A theatre with its line of contact and no zones or bands of its own (the default bands apply). */
export function theatre(overrides: Partial<TheatreInput> = {}): TheatreInput {
  return { lineOfContact: lineOfContact(), ...overrides };
}

/** A two-rung escalation ladder. */
export function escalationLadder(overrides: Partial<EscalationInput> = {}): EscalationInput {
  return {
    rungs: [
      {
        id: 'violation',
        level: 1,
        name: 'Ceasefire violation',
        indicators: ['Small-arms fire across the line'],
        response: 'Report to the monitoring mission.',
        hoursToRespond: 24,
        owner: 'Ukraine',
        assumption: FIXTURE,
      },
      {
        id: 'attack',
        level: 2,
        name: 'Attack on coalition troops',
        response: 'Coalition quick-reaction force.',
        hoursToRespond: 48,
        owner: 'Coalition HQ',
        assumption: FIXTURE,
      },
    ],
    assumption: FIXTURE,
    ...overrides,
  };
}

export type RedLineInput = NonNullable<ScenarioDocumentInput['redLines']>[number];
export type RiskInput = NonNullable<ScenarioDocumentInput['risks']>[number];

/** GBR's red line: it withdraws its force if coalition troops are attacked (escalationLadder's "attack"). */
export function redLine(overrides: Partial<RedLineInput> = {}): RedLineInput {
  return {
    id: 'RL-1',
    nation: 'GBR',
    rung: 'attack',
    effect: 'withdraws',
    statement: 'Withdraws its force if coalition troops are attacked.',
    assumption: FIXTURE,
    ...overrides,
  };
}

/** A risk-register entry linked to escalationLadder's "attack" rung. */
export function risk(overrides: Partial<RiskInput> = {}): RiskInput {
  return {
    id: 'RSK-1',
    title: 'Withdrawal after an attack',
    cause: 'An attack on coalition troops.',
    event: 'Nations with a red line at that rung withdraw together.',
    impact: 'Sectors left uncovered.',
    links: [{ kind: 'rungs', key: 'attack' }],
    probability: 'seldom',
    severity: 'critical',
    controls: ['Reserve force held at readiness.'],
    residual: { probability: 'unlikely', severity: 'critical' },
    owner: 'Coalition HQ J3',
    reviewDate: '2025-06-01',
    assumption: FIXTURE,
    ...overrides,
  };
}

/** `doc` with escalationLadder, a red line of GBR (RL-1) and of FRA (RL-FRA-1), and a risk (RSK-1). */
export function withRedLinesAndRisks(doc: ScenarioDocumentInput): ScenarioDocumentInput {
  return {
    ...doc,
    escalation: doc.escalation ?? escalationLadder(),
    redLines: [
      ...(doc.redLines ?? []),
      redLine(),
      redLine({
        id: 'RL-FRA-1',
        nation: 'FRA',
        rung: 'violation',
        effect: 'no-deploy-within',
        km: 20,
        statement: 'Keeps its units 20 km from the line once the ceasefire is violated.',
      }),
    ],
    risks: [...(doc.risks ?? []), risk()],
  };
}
