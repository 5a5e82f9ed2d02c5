// Schema tests: each malformed document must be refused with the exact field path a user would be shown,
// and valid documents must survive JSON and YAML round trips unchanged.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import type { FieldIssue } from './errors.ts';
import { parseScenarioText, parseScenarioValue } from './scenario-document.ts';
import {
  CURRENT_SCHEMA_VERSION,
  DEFAULT_DELIVERY_PROBABILITY,
  DELIVERY_STANCES,
  resolveDeliveryProbability,
} from './scenario-schema.ts';
import {
  capability,
  minimalScenario,
  mission,
  nation,
  offer,
  pledge,
  requirement,
  rotationPolicy,
  sampleScenario,
  stance,
  deploymentScenario,
  redLine,
  risk,
  withRedLinesAndRisks,
} from './test-fixtures.ts';
import { MIGRATIONS, sectorsUsedIn } from './scenario-migrations.ts';

function issuesOf(value: unknown): FieldIssue[] {
  const r = parseScenarioValue(value);
  if (r.ok) throw new Error('expected the document to be refused, but it parsed');
  return r.issues;
}

/** Deep copy through JSON, so a test can break one field with plain property access. */
function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T;
}

interface Case {
  name: string;
  doc: () => unknown;
  path: string;
  message?: RegExp;
}

const withOffers = (n: number, last: Partial<Parameters<typeof offer>[0]>) =>
  sampleScenario({
    offers: [
      ...Array.from({ length: n - 1 }, (_, i) => offer({ id: `OFF-${i + 1}` })),
      offer({ id: `OFF-${n}`, ...last }),
    ],
  });

const cases: Case[] = [
  {
    name: 'offer naming a nation not in the document',
    doc: () => withOffers(4, { nation: 'ESP' }),
    path: 'offers[3].nation',
    message: /unknown nation "ESP"/,
  },
  {
    name: 'two-letter nation code',
    doc: () => minimalScenario({ nations: [nation('FRA'), nation('GB')] }),
    path: 'nations[1].id',
    message: /alpha-3/,
  },
  {
    name: 'lower-case nation code',
    doc: () => minimalScenario({ nations: [nation('gbr')] }),
    path: 'nations[0].id',
  },
  {
    name: 'duplicate nation id',
    // The repeat has no stances: its generated stance ids would clash with the first GBR's as well.
    doc: () => minimalScenario({ nations: [nation('GBR'), nation('FRA'), nation('GBR', { stances: [] })] }),
    path: 'nations[2].id',
    message: /duplicates nations\[0\]\.id "GBR"/,
  },
  {
    name: 'RDL readiness more than 60 days away',
    doc: () => sampleScenario({ offers: [offer({ readiness: { level: 'RDL', daysToReady: 61 } })] }),
    path: 'offers[0].readiness.daysToReady',
    message: /at most 60/,
  },
  {
    name: 'unknown readiness level',
    doc: () => sampleScenario({ offers: [offer({ readiness: { level: 'L4' as 'L1', daysToReady: 10 } })] }),
    path: 'offers[0].readiness.level',
    message: /L1, L2, L3, RDL/,
  },
  {
    name: 'requirement naming an unknown capability',
    doc: () => sampleScenario({ requirements: [requirement({ capability: 'TANK-BDE' })] }),
    path: 'requirements[0].capability',
    message: /unknown capability "TANK-BDE"/,
  },
  {
    name: 'offer naming an unknown capability',
    doc: () => sampleScenario({ offers: [offer({ capability: 'SUBMARINE' })] }),
    path: 'offers[0].capability',
  },
  {
    name: 'date that is not on the calendar',
    doc: () => sampleScenario({ pledges: [pledge({ date: '2025-02-30' })] }),
    path: 'pledges[0].date',
    message: /not a real calendar date/,
  },
  {
    name: 'date in the wrong format',
    doc: () => minimalScenario({ asOf: '02/03/2025' }),
    path: 'asOf',
    message: /YYYY-MM-DD/,
  },
  {
    name: 'negative personnel',
    doc: () => sampleScenario({ offers: [offer({ personnel: -650 })] }),
    path: 'offers[0].personnel',
    message: /negative/,
  },
  {
    name: 'fractional personnel',
    doc: () => sampleScenario({ offers: [offer({ personnel: 650.5 })] }),
    path: 'offers[0].personnel',
    message: /whole number/,
  },
  {
    name: 'priority 0',
    doc: () => sampleScenario({ requirements: [requirement({ priority: 0 })] }),
    path: 'requirements[0].priority',
    message: /1 \(most urgent\) to 5/,
  },
  {
    name: 'priority 6',
    doc: () => sampleScenario({ requirements: [requirement({ priority: 6 })] }),
    path: 'requirements[0].priority',
  },
  {
    name: 'unknown stance',
    doc: () =>
      minimalScenario({
        nations: [nation('GBR', { stances: [stance({ stance: 'enthusiastic' as 'lead' })] })],
      }),
    path: 'nations[0].stances[0].stance',
    message: /lead, committed, supportive/,
  },
  {
    name: 'unknown coalition role',
    doc: () => minimalScenario({ nations: [nation('GBR', { role: 'member' as 'lead' })] }),
    path: 'nations[0].role',
  },
  {
    name: 'unknown offer status',
    doc: () => sampleScenario({ offers: [offer({ status: 'promised' as 'offered' })] }),
    path: 'offers[0].status',
  },
  {
    name: 'unknown pledge stage',
    doc: () => sampleScenario({ pledges: [pledge({ stage: 'disbursed' as 'committed' })] }),
    path: 'pledges[0].stage',
  },
  {
    name: 'misspelt optional field, reported at the field itself',
    doc: () =>
      sampleScenario({ offers: [{ ...offer(), validUtil: '2025-12-31' } as ReturnType<typeof offer>] }),
    path: 'offers[0].validUtil',
    message: /not a known field/,
  },
  {
    name: 'misspelt top-level field',
    doc: () => ({ ...minimalScenario(), requirement: [] }),
    path: 'requirement',
    message: /not a known field/,
  },
  {
    name: 'misspelt caveat field',
    doc: () =>
      sampleScenario({
        offers: [
          offer({
            caveats: { excludedSector: ['Dnipro'] } as unknown as ReturnType<typeof offer>['caveats'],
          }),
        ],
      }),
    path: 'offers[0].caveats.excludedSector',
    message: /not a known field/,
  },
  {
    name: 'missing schemaVersion',
    doc: () => {
      const { schemaVersion: _omit, ...rest } = minimalScenario();
      return rest;
    },
    path: 'schemaVersion',
    message: /required/,
  },
  {
    name: 'schemaVersion newer than the software',
    doc: () => ({ ...minimalScenario(), schemaVersion: CURRENT_SCHEMA_VERSION + 1 }),
    path: 'schemaVersion',
    message: /newer than this software/,
  },
  {
    name: 'schemaVersion as text',
    doc: () => ({ ...minimalScenario(), schemaVersion: '1' }),
    path: 'schemaVersion',
    message: /whole number/,
  },
  {
    name: 'invalid URL in a source',
    doc: () =>
      sampleScenario({ pledges: [pledge({ source: { publication: 'BBC News', url: 'bbc.co.uk/news' } })] }),
    path: 'pledges[0].source.url',
    message: /absolute http/,
  },
  {
    name: 'source without a publication',
    doc: () =>
      sampleScenario({
        pledges: [pledge({ source: { date: '2025-03-02' } as unknown as { publication: string } })],
      }),
    path: 'pledges[0].source.publication',
  },
  {
    name: 'force target range with min above max',
    doc: () =>
      minimalScenario({
        mission: mission({ forceTarget: { personnel: 20_000, range: { min: 30_000, max: 15_000 } } }),
      }),
    path: 'mission.forceTarget.range.min',
    message: /must not exceed range\.max/,
  },
  {
    name: 'component lead nation not in the document',
    doc: () =>
      sampleScenario({
        mission: mission({
          components: [{ name: 'Maritime', domain: 'maritime', task: 'MCM', leadNations: ['GBR', 'TUR'] }],
        }),
      }),
    path: 'mission.components[0].leadNations[1]',
    message: /unknown nation "TUR"/,
  },
  {
    name: 'host nation not in the document',
    doc: () => minimalScenario({ mission: mission({ hostNation: 'UKR' }) }),
    path: 'mission.hostNation',
  },
  {
    name: 'quantity given as text',
    doc: () => sampleScenario({ offers: [offer({ quantity: '2' as unknown as number })] }),
    path: 'offers[0].quantity',
  },
  {
    name: 'boolean given as text',
    doc: () => minimalScenario({ nations: [nation('GBR', { nato: 'yes' as unknown as boolean })] }),
    path: 'nations[0].nato',
    message: /true or false/,
  },
  {
    name: 'duplicate offer id',
    doc: () => sampleScenario({ offers: [offer({ id: 'OFF-1' }), offer({ id: 'OFF-1', nation: 'FRA' })] }),
    path: 'offers[1].id',
    message: /duplicates offers\[0\]\.id "OFF-1"/,
  },
  {
    name: 'duplicate explicit stance entry id across nations',
    doc: () =>
      sampleScenario({
        nations: [
          nation('GBR', { stances: [stance({ id: 'S-1' })] }),
          nation('FRA', { stances: [stance({ id: 'S-1' })] }),
          nation('UKR', { role: 'host' }),
        ],
      }),
    path: 'nations[1].stances[0].id',
  },
  {
    name: 'two rotation policies for one nation',
    doc: () => sampleScenario({ rotationPolicies: [rotationPolicy('GBR'), rotationPolicy('GBR')] }),
    path: 'rotationPolicies[1].nation',
  },
  {
    name: 'dwell ratio above 10',
    doc: () => sampleScenario({ rotationPolicies: [rotationPolicy('GBR', { dwellRatio: 12 })] }),
    path: 'rotationPolicies[0].dwellRatio',
  },
  {
    name: 'pledge by a nation not in the document',
    doc: () => sampleScenario({ pledges: [pledge({ nation: 'NOR' })] }),
    path: 'pledges[0].nation',
  },
  {
    name: 'zero pledge amount',
    doc: () => sampleScenario({ pledges: [pledge({ amount: 0 })] }),
    path: 'pledges[0].amount',
  },
  {
    name: 'lower-case currency code',
    doc: () => sampleScenario({ pledges: [pledge({ currency: 'gbp' })] }),
    path: 'pledges[0].currency',
    message: /ISO 4217/,
  },
  {
    name: 'malformed APP-6 symbol code',
    doc: () => sampleScenario({ capabilities: [capability('MECH-INF-BN', { app6: 'SFGPUCIZ' })] }),
    path: 'capabilities[0].app6',
    message: /APP-6/,
  },
  {
    name: 'duplicate capability code',
    doc: () =>
      sampleScenario({
        capabilities: [capability('MECH-INF-BN'), capability('GBAD-BTY'), capability('MECH-INF-BN')],
      }),
    path: 'capabilities[2].code',
  },
  {
    name: 'unknown capability domain',
    doc: () => sampleScenario({ capabilities: [capability('MECH-INF-BN', { domain: 'space' as 'land' })] }),
    path: 'capabilities[0].domain',
  },
  {
    name: 'RDD further before C-day than allowed',
    doc: () => sampleScenario({ requirements: [requirement({ rddCDay: -400 })] }),
    path: 'requirements[0].rddCDay',
  },
  {
    name: 'zero-month duration',
    doc: () => sampleScenario({ requirements: [requirement({ durationMonths: 0 })] }),
    path: 'requirements[0].durationMonths',
  },
  {
    name: 'task with capitals and spaces',
    doc: () => sampleScenario({ requirements: [requirement({ task: 'Air Policing' })] }),
    path: 'requirements[0].task',
  },
  {
    name: 'scenario id with spaces',
    doc: () => minimalScenario({ id: 'Article 2025' }),
    path: 'id',
  },
  {
    name: 'fractional population',
    doc: () =>
      minimalScenario({
        nations: [nation('GBR', { population: { value: 69.1e6 + 0.5, year: 2024, assumption: 'x' } })],
      }),
    path: 'nations[0].population.value',
  },
  {
    name: 'GDP year before 1990',
    doc: () =>
      minimalScenario({
        nations: [nation('GBR', { gdp: { value: 1e12, currency: 'USD', year: 1980, assumption: 'x' } })],
      }),
    path: 'nations[0].gdp.year',
  },
  {
    name: 'empty excluded sector in caveats',
    doc: () => sampleScenario({ offers: [offer({ caveats: { excludedSectors: ['  '] } })] }),
    path: 'offers[0].caveats.excludedSectors[0]',
    message: /must not be empty/,
  },
  {
    name: 'excluded sector not in the mission',
    doc: () => {
      const doc = clone(sampleScenario());
      doc.offers![2]!.caveats!.excludedSectors = ['Donetsk'];
      return doc;
    },
    path: 'offers[2].caveats.excludedSectors[0]',
    message: /^names unknown sector "Donetsk" \(not in mission\.sectors\)$/,
  },
  {
    name: "requirement line's sector not in the mission",
    doc: () => {
      const doc = clone(sampleScenario());
      doc.requirements![1]!.sector = 'Kyiv oblast';
      return doc;
    },
    path: 'requirements[1].sector',
    message: /names unknown sector "Kyiv oblast"/,
  },
  {
    name: 'sector destination for a sector not in the mission',
    doc: () => {
      const doc = clone(deploymentScenario());
      doc.deployment!.sectorDestinations = { ...doc.deployment!.sectorDestinations, Crimea: 'ukr-kyiv' };
      return doc;
    },
    path: 'deployment.sectorDestinations.Crimea',
    message: /names unknown sector "Crimea"/,
  },
  {
    name: 'sector listed twice',
    doc: () => {
      const doc = clone(sampleScenario());
      doc.mission.sectors = [{ name: 'Kyiv' }, { name: 'Dnipro' }, { name: ' Kyiv ' }];
      return doc;
    },
    path: 'mission.sectors[2].name',
    message: /duplicates mission\.sectors\[0\]\.name "Kyiv"/,
  },
  {
    name: 'sector without a name',
    doc: () => {
      const doc = clone(sampleScenario());
      doc.mission.sectors = [...doc.mission.sectors!, { description: 'Somewhere' } as never];
      return doc;
    },
    path: 'mission.sectors[2].name',
  },
  {
    name: 'empty stance statement',
    doc: () => minimalScenario({ nations: [nation('GBR', { stances: [stance({ statement: '' })] })] }),
    path: 'nations[0].stances[0].statement',
  },
  {
    name: 'no nations',
    doc: () => minimalScenario({ nations: [] }),
    path: 'nations',
    message: /at least one nation/,
  },
  {
    name: 'delivery probability above 1',
    doc: () => minimalScenario({ assumptions: { deliveryProbability: { lead: 0.9, cautious: 1.2 } } }),
    path: 'assumptions.deliveryProbability.cautious',
    message: /from 0 to 1/,
  },
  {
    name: 'negative delivery probability',
    doc: () => minimalScenario({ assumptions: { deliveryProbability: { declined: -0.1 } } }),
    path: 'assumptions.deliveryProbability.declined',
    message: /from 0 to 1/,
  },
  {
    name: 'delivery probability given as text',
    doc: () => minimalScenario({ assumptions: { deliveryProbability: { committed: '90%' as never } } }),
    path: 'assumptions.deliveryProbability.committed',
    message: /must be a number/,
  },
  {
    name: 'delivery probability for a stance that does not exist',
    doc: () => minimalScenario({ assumptions: { deliveryProbability: { neutral: 0.5 } as never } }),
    path: 'assumptions.deliveryProbability.neutral',
    message: /not a known field/,
  },
  {
    name: 'document that is a list',
    doc: () => [minimalScenario()],
    path: '',
    message: /must be an object/,
  },
];

describe('scenario schema: malformed documents', () => {
  it('has at least 25 distinct cases', () => {
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  it.each(cases)('$name → $path', ({ doc, path, message }) => {
    const issues = issuesOf(doc());
    // Every issue is at exactly this path: the user is pointed at the one thing that is wrong. (A field
    // may fail two checks at once, e.g. a badly formatted date is also "not a real calendar date".)
    expect([...new Set(issues.map((i) => i.path))]).toEqual([path]);
    if (message) expect(issues.map((i) => i.message)).toContainEqual(expect.stringMatching(message));
  });

  it('reports every problem of a document at once, not only the first', () => {
    const doc = clone(sampleScenario());
    doc.offers![0]!.nation = 'XXX';
    doc.requirements![1]!.priority = 9;
    doc.pledges![0]!.date = '2025-13-01';
    const paths = issuesOf(doc).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['requirements[1].priority', 'pledges[0].date']));
  });

  it('refuses malformed YAML and says on which line', () => {
    const text = ['schemaVersion: 1', 'id: broken', 'id: again', 'name: Broken'].join('\n');
    const r = parseScenarioText(text, 'yaml');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues[0]?.path).toBe('');
    expect(r.issues[0]?.message).toMatch(/not valid YAML at line 3/);
  });

  it('refuses YAML with broken indentation', () => {
    const text = [
      'schemaVersion: 1',
      'nations:',
      '  - id: GBR',
      '     name: United Kingdom',
      '   nato: true',
    ].join('\n');
    const r = parseScenarioText(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.message).toMatch(/not valid YAML at line \d+/);
  });

  it('refuses malformed JSON with a JSON message', () => {
    const r = parseScenarioText('{"schemaVersion": 1, "id": ', 'json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues).toEqual([{ path: '', message: expect.stringMatching(/not valid JSON/) }]);
  });
});

describe('scenario schema: valid documents', () => {
  it('accepts every fixture builder as it is', () => {
    const r = parseScenarioValue(sampleScenario());
    expect(r.ok ? [] : r.issues).toEqual([]);
    const m = parseScenarioValue(minimalScenario());
    expect(m.ok ? [] : m.issues).toEqual([]);
  });

  it('assigns stance ids as nation code and position, keeping explicit ids', () => {
    const doc = sampleScenario();
    doc.nations[1] = nation('FRA', { role: 'lead', stances: [stance({ id: 'fra-first' }), stance()] });
    const r = parseScenarioValue(doc);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.document.nations.map((n) => n.stances.map((s) => s.id))).toEqual([
      ['GBR-1', 'GBR-2'],
      ['fra-first', 'FRA-2'],
      [],
    ]);
  });

  it('fills defaults for caveats and lists left out', () => {
    const r = parseScenarioValue(minimalScenario({ offers: [offer()], capabilities: [capability()] }));
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.document.offers[0]?.caveats).toEqual({
      excludedSectors: [],
      allowedTasks: [],
      requiresUsBackstop: false,
    });
    expect(r.document.requirements).toEqual([]);
    expect(r.document.mission.goals).toEqual([]);
  });

  it('accepts RDL at exactly 60 days and 20-digit symbol codes', () => {
    const r = parseScenarioValue(
      sampleScenario({
        offers: [offer({ readiness: { level: 'RDL', daysToReady: 60 } })],
        capabilities: [capability('MECH-INF-BN', { app6: '10031000001211000000' }), capability('GBAD-BTY')],
      }),
    );
    expect(r.ok ? [] : r.issues).toEqual([]);
  });

  it('keeps the assumptions section as given, and absent when absent', () => {
    const without = parseScenarioValue(minimalScenario());
    expect(without.ok && 'assumptions' in without.document).toBe(false);
    const assumptions = {
      deliveryProbability: { lead: 1, cautious: 0, unstated: 0.5 },
      assumption: 'Conditions in the cautious capitals are not met.',
    };
    const given = parseScenarioValue(minimalScenario({ assumptions }));
    if (!given.ok) throw new Error(JSON.stringify(given.issues));
    expect(given.document.assumptions).toEqual(assumptions);
  });

  it('fills the delivery probabilities a scenario leaves out with the defaults', () => {
    expect(resolveDeliveryProbability(undefined)).toEqual(DEFAULT_DELIVERY_PROBABILITY);
    expect(resolveDeliveryProbability({})).toEqual(DEFAULT_DELIVERY_PROBABILITY);
    expect(resolveDeliveryProbability({ deliveryProbability: { cautious: 0.55, absent: 0.05 } })).toEqual({
      ...DEFAULT_DELIVERY_PROBABILITY,
      cautious: 0.55,
      absent: 0.05,
    });
    // Firmer stances never get lower odds by default.
    const odds = DELIVERY_STANCES.filter((s) => s !== 'unstated').map((s) => DEFAULT_DELIVERY_PROBABILITY[s]);
    expect(odds).toEqual([...odds].sort((a, b) => b - a));
  });

  it('round-trips through JSON unchanged', () => {
    const first = parseScenarioText(JSON.stringify(sampleScenario()));
    if (!first.ok) throw new Error(JSON.stringify(first.issues));
    const again = parseScenarioText(JSON.stringify(first.document, null, 2), 'json');
    if (!again.ok) throw new Error(JSON.stringify(again.issues));
    expect(again.document).toEqual(first.document);
    expect(first.document.offers[2]?.caveats.requiresUsBackstop).toBe(true);
  });

  it('round-trips through YAML unchanged, and YAML reads the same as JSON', () => {
    const fromJson = parseScenarioText(JSON.stringify(sampleScenario()), 'json');
    const fromYaml = parseScenarioText(stringify(sampleScenario()), 'yaml');
    if (!fromJson.ok || !fromYaml.ok) throw new Error('sample did not parse');
    expect(fromYaml.document).toEqual(fromJson.document);
    const again = parseScenarioText(stringify(fromYaml.document));
    if (!again.ok) throw new Error(JSON.stringify(again.issues));
    expect(again.document).toEqual(fromYaml.document);
    // Dates stay text through YAML: no parser turned them into Date objects.
    expect(again.document.asOf).toBe('2025-03-02');
  });
});

describe('scenario migrations: version 1 → 2 (the mission lists its sectors)', () => {
  /** A version-1 document: sectors were free text, and the mission had no list. */
  function version1(doc: ReturnType<typeof sampleScenario>): Record<string, unknown> {
    const { sectors: _none, ...mission } = doc.mission;
    return { ...clone(doc), schemaVersion: 1, mission };
  }

  it('derives the list from the names the document uses: lines, destinations, then caveats', () => {
    const old = version1(
      deploymentScenario({
        requirements: [
          requirement({ id: 'R-1', sector: 'Odesa' }),
          requirement({ id: 'R-2', sector: ' Kyiv' }),
          requirement({ id: 'R-3', sector: 'Odesa' }),
        ],
        offers: [offer({ caveats: { excludedSectors: ['Donetsk', 'Kyiv', 'Kharkiv'] } })],
      }),
    );
    expect(sectorsUsedIn(old)).toEqual(['Odesa', 'Kyiv', 'Dnipro', 'Donetsk', 'Kharkiv']);
    const r = parseScenarioValue(old);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.document.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(r.document.mission.sectors).toEqual([
      { name: 'Odesa' },
      { name: 'Kyiv' },
      { name: 'Dnipro' },
      { name: 'Donetsk' },
      { name: 'Kharkiv' },
    ]);
  });

  it('is one explicit step, and a document without sectors gets an empty list', () => {
    expect(MIGRATIONS[1]).toBeTypeOf('function');
    const old = version1(sampleScenario({ requirements: [], offers: [] }));
    const r = parseScenarioValue(old);
    if (!r.ok) throw new Error(JSON.stringify(r.issues));
    expect(r.document.mission.sectors).toEqual([]);
  });

  it('leaves what it cannot read to the schema, which reports it at its path', () => {
    const old = version1(sampleScenario());
    (old.requirements as Record<string, unknown>[])[0]!.sector = 42;
    expect([...new Set(issuesOf(old).map((i) => i.path))]).toEqual(['requirements[0].sector']);
    expect(issuesOf({ ...version1(sampleScenario()), mission: 'none' }).map((i) => i.path)).toEqual([
      'mission',
    ]);
  });

  it('checks documents of version 2 and later against their own list: nothing is derived', () => {
    const doc = clone(sampleScenario());
    doc.mission.sectors = [{ name: 'Kyiv' }];
    expect(issuesOf(doc).map((i) => `${i.path}: ${i.message}`)).toEqual([
      'offers[2].caveats.excludedSectors[0]: names unknown sector "Dnipro" (not in mission.sectors)',
    ]);
  });
});

describe('red lines and the risk register', () => {
  const messages = (value: unknown) => issuesOf(value).map((i) => `${i.path}: ${i.message}`);

  it('a document with red lines and risks parses and keeps them', () => {
    const r = parseScenarioValue(withRedLinesAndRisks(sampleScenario()));
    expect(r.ok && r.document.redLines.map((l) => l.id)).toEqual(['RL-1', 'RL-FRA-1']);
    expect(r.ok && r.document.risks.map((k) => k.id)).toEqual(['RSK-1']);
  });

  it('both lists default to empty (a version-2 document migrates without them)', () => {
    const r = parseScenarioValue({ ...sampleScenario(), schemaVersion: 2 });
    expect(r.ok && [r.document.redLines, r.document.risks]).toEqual([[], []]);
  });

  it('a red line names a nation of the scenario and a rung of its ladder, with a unique id', () => {
    const doc = withRedLinesAndRisks(sampleScenario());
    expect(
      messages({
        ...doc,
        redLines: [...doc.redLines!, redLine({ nation: 'POL', id: 'RL-1', rung: 'war' })],
      }),
    ).toEqual([
      'redLines[2].id: duplicates redLines[0].id "RL-1"',
      'redLines[2].nation: names unknown nation "POL" (not in nations)',
      'redLines[2].rung: names unknown rung "war" (not in escalation.rungs)',
    ]);
    // Without a ladder no rung exists.
    expect(messages({ ...sampleScenario(), redLines: [redLine()] })).toEqual([
      'redLines[0].rung: names unknown rung "attack" (not in escalation.rungs)',
    ]);
  });

  it("a red line's id names its own nation, and its effect its own fields", () => {
    const doc = withRedLinesAndRisks(sampleScenario());
    expect(
      messages({ ...doc, redLines: [redLine({ id: 'RL-FRA-9', km: 10 })] }).map((m) => m.split(':')[0]),
    ).toEqual(['redLines[0].id', 'redLines[0].km']);
  });

  it('a risk link names an existing record of its kind, or a rung; risk ids are unique', () => {
    const doc = withRedLinesAndRisks(sampleScenario());
    expect(
      messages({
        ...doc,
        risks: [
          ...doc.risks!,
          risk({
            links: [
              { kind: 'offers', key: 'OFF-1' },
              { kind: 'redLines', key: 'RL-FRA-1' },
              { kind: 'nodes', key: 'nowhere' },
              { kind: 'rungs', key: 'war' },
            ],
          }),
        ],
      }),
    ).toEqual([
      'risks[1].id: duplicates risks[0].id "RSK-1"',
      'risks[1].links[2].key: names unknown nodes record "nowhere"',
      'risks[1].links[3].key: names unknown rung "war" (not in escalation.rungs)',
    ]);
  });

  it('a red line carries a releasability marking', () => {
    const doc = withRedLinesAndRisks(sampleScenario());
    const marked = redLine({ releasability: { level: 'REL_TO', nations: ['GBR'] } });
    const r = parseScenarioValue({ ...doc, redLines: [marked] });
    expect(r.ok && r.document.redLines[0]!.releasability).toEqual({ level: 'REL_TO', nations: ['GBR'] });
  });
});
