// The theatre (line of contact, zones, exposure bands) and the escalation ladder as sections of the
// scenario document (since schemaVersion 3), the offer caveat that keeps units from the line, and the
// migration of version-2 documents.
import { describe, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { inputChanges, scenarioInputs } from './comparison/input-changes.ts';
import type { FieldIssue } from './errors.ts';
import { MIGRATIONS } from './scenario-migrations.ts';
import { diffScenarios } from './scenario-diff.ts';
import { parseScenarioText, parseScenarioValue, requireScenario } from './scenario-document.ts';
import { CURRENT_SCHEMA_VERSION } from './scenario-schema.ts';
import {
  escalationLadder,
  lineOfContact,
  offer,
  sampleScenario,
  theatre,
  type TheatreInput,
} from './test-fixtures.ts';
import { DEFAULT_EXPOSURE_BANDS, exposureBandsOf } from './theatre.ts';
import { branchDocument, branchRequestSchema } from './variants.ts';

function issuesOf(value: unknown): FieldIssue[] {
  const r = parseScenarioValue(value);
  if (r.ok) throw new Error('expected the document to be refused, but it parsed');
  return r.issues;
}

const paths = (value: unknown) => issuesOf(value).map((i) => i.path);

describe('the theatre and the escalation ladder in a scenario document', () => {
  it('are optional: a document without them has none, and gains no defaults', () => {
    const doc = requireScenario(sampleScenario());
    expect(doc.schemaVersion).toBe(CURRENT_SCHEMA_VERSION);
    expect(doc.theatre).toBeUndefined();
    expect(doc.escalation).toBeUndefined();
  });

  it('are read with their defaults: no zones, and the default bands when none are given', () => {
    const doc = requireScenario(sampleScenario({ theatre: theatre(), escalation: escalationLadder() }));
    expect(doc.theatre?.lineOfContact?.geometry.type).toBe('LineString');
    expect(doc.theatre?.zones).toEqual([]);
    expect(doc.theatre?.exposureBands).toEqual([]);
    expect(exposureBandsOf(doc.theatre)).toBe(DEFAULT_EXPOSURE_BANDS);
    expect(doc.escalation?.rungs.map((r) => r.id)).toEqual(['violation', 'attack']);
    expect(doc.escalation?.rungs[1]?.indicators).toEqual([]);
  });

  it('survive a YAML round trip unchanged', () => {
    const doc = requireScenario(sampleScenario({ theatre: theatre(), escalation: escalationLadder() }));
    const again = parseScenarioText(stringify(doc), 'yaml');
    if (!again.ok) throw new Error(JSON.stringify(again.issues));
    expect(again.document).toEqual(doc);
  });

  it('refuses a bad position at its place in the line', () => {
    const line = lineOfContact();
    const coordinates: unknown[] = [...line.geometry.coordinates];
    coordinates[3] = '37.9, 49';
    const broken = { ...line, geometry: { type: 'LineString', coordinates } };
    expect(paths(sampleScenario({ theatre: { lineOfContact: broken } as TheatreInput }))).toEqual([
      'theatre.lineOfContact.geometry.coordinates[3]',
    ]);
    coordinates[3] = [37.9, 95];
    const issues = issuesOf(sampleScenario({ theatre: { lineOfContact: broken } as TheatreInput }));
    expect(issues).toEqual([
      {
        path: 'theatre.lineOfContact.geometry.coordinates[3][1]',
        message: 'must be a latitude from -90 to 90',
      },
    ]);
  });

  it('refuses a geometry that is not a line, a line of one position and a misspelt field', () => {
    const point = { ...lineOfContact(), geometry: { type: 'Point', coordinates: [33, 46] } };
    expect(paths(sampleScenario({ theatre: { lineOfContact: point } as never }))).toEqual([
      'theatre.lineOfContact.geometry.type',
    ]);
    const short = lineOfContact({ geometry: { type: 'LineString', coordinates: [[33, 46]] } });
    expect(paths(sampleScenario({ theatre: { lineOfContact: short } }))).toEqual([
      'theatre.lineOfContact.geometry.coordinates',
    ]);
    const undated = { ...lineOfContact(), date: '2025-02-30' };
    expect(paths(sampleScenario({ theatre: { lineOfContact: undated } }))).toEqual([
      'theatre.lineOfContact.date',
    ]);
    expect(paths(sampleScenario({ theatre: { ...theatre(), lineofcontact: 1 } as never }))).toEqual([
      'theatre.lineofcontact',
    ]);
  });

  it('refuses bands out of order and zones with the same id', () => {
    const band = (name: string, maxKm: number) => ({ name, maxKm, assumption: 'test' });
    const zone = {
      id: 'DMZ',
      name: 'Demilitarised zone',
      kind: 'demilitarised' as const,
      geometry: {
        type: 'Polygon' as const,
        coordinates: [
          [
            [33, 46],
            [34, 46],
            [34, 47],
            [33, 46],
          ],
        ] as [number, number][][],
      },
      assumption: 'test',
    };
    const doc = sampleScenario({
      theatre: theatre({ exposureBands: [band('near', 50), band('far', 20)], zones: [zone, zone] }),
    });
    expect(paths(doc)).toEqual(['theatre.exposureBands[1].maxKm', 'theatre.zones[1].id']);
  });

  it('refuses rungs with the same id or level, and a rung without a response', () => {
    const ladder = escalationLadder();
    const [first, second] = ladder.rungs!;
    expect(
      paths(sampleScenario({ escalation: { ...ladder, rungs: [first!, { ...second!, id: first!.id }] } })),
    ).toEqual(['escalation.rungs[1].id']);
    expect(
      paths(sampleScenario({ escalation: { ...ladder, rungs: [first!, { ...second!, level: 1 }] } })),
    ).toEqual(['escalation.rungs[1].level']);
    const { response: _r, ...silent } = second!;
    expect(paths(sampleScenario({ escalation: { rungs: [silent as never] } }))).toEqual([
      'escalation.rungs[0].response',
    ]);
    expect(paths(sampleScenario({ escalation: { rungs: [{ ...first!, hoursToRespond: -1 }] } }))).toEqual([
      'escalation.rungs[0].hoursToRespond',
    ]);
  });
});

describe('the caveat minDistanceFromLineKm', () => {
  it('is a positive number of km, at most 5,000', () => {
    const withDistance = (km: number) =>
      sampleScenario({
        offers: [offer({ caveats: { excludedSectors: [], minDistanceFromLineKm: km } })],
      });
    expect(requireScenario(withDistance(75)).offers[0]?.caveats.minDistanceFromLineKm).toBe(75);
    expect(requireScenario(withDistance(5000)).offers[0]?.caveats.minDistanceFromLineKm).toBe(5000);
    for (const km of [0, -5, 5001])
      expect(paths(withDistance(km))).toEqual(['offers[0].caveats.minDistanceFromLineKm']);
    expect(requireScenario(sampleScenario()).offers[0]?.caveats.minDistanceFromLineKm).toBeUndefined();
  });

  it('is lifted with the other caveats when a what-if lifts a nation’s caveats', () => {
    const kept = offer({
      id: 'OFF-FRA-9',
      nation: 'FRA',
      caveats: { excludedSectors: [], minDistanceFromLineKm: 75 },
    });
    const doc = requireScenario(sampleScenario({ offers: [kept] }));
    const lift = (liftCaveats: boolean) =>
      branchDocument(
        doc,
        1,
        branchRequestSchema.parse({
          id: 'fra',
          whatIfs: [{ kind: 'nation-joins', nation: 'FRA', liftCaveats }],
        }),
      ).offers[0]?.caveats.minDistanceFromLineKm;
    expect(lift(false)).toBe(75);
    expect(lift(true)).toBeUndefined();
  });
});

describe('scenario migrations: version 2 → 3 (the theatre and the escalation ladder)', () => {
  it('is an explicit step that changes nothing but the version', () => {
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(3);
    const current = requireScenario(sampleScenario());
    const old = { ...structuredClone(sampleScenario()), schemaVersion: 2 };
    expect(MIGRATIONS[2]!(old)).toEqual(old);
    const migrated = parseScenarioValue(old);
    if (!migrated.ok) throw new Error(JSON.stringify(migrated.issues));
    expect(migrated.document).toEqual(current);
  });

  it('refuses a version this software does not know yet, by name', () => {
    const next = CURRENT_SCHEMA_VERSION + 1;
    const r = parseScenarioValue({ ...sampleScenario(), schemaVersion: next });
    expect(r.ok).toBe(false);
    if (!r.ok)
      expect(r.issues).toEqual([
        {
          path: 'schemaVersion',
          message: `is ${next}, newer than this software understands (${CURRENT_SCHEMA_VERSION}); upgrade Coalition Planner`,
        },
      ]);
  });
});

describe('what-ifs, comparisons and decisions see the sections', () => {
  const base = requireScenario(sampleScenario({ theatre: theatre(), escalation: escalationLadder() }));

  it('diffScenarios names a moved line as one value, and a changed ladder', () => {
    const moved = lineOfContact({
      date: '2025-06-01',
      geometry: {
        type: 'MultiLineString',
        coordinates: [
          [
            [33, 46.6],
            [35.8, 47.4],
          ],
        ],
      },
    });
    const ladder = escalationLadder();
    const variant = requireScenario({
      ...base,
      theatre: theatre({ lineOfContact: moved }),
      escalation: { ...ladder, rungs: ladder.rungs!.slice(0, 1) },
    });
    const diff = diffScenarios(base, variant);
    expect(diff.header.map((c) => c.path)).toEqual([
      'theatre.lineOfContact.date',
      'theatre.lineOfContact.geometry',
      'escalation.rungs',
    ]);
    expect(diff.header[1]).toMatchObject({ after: moved.geometry });
    expect(diffScenarios(base, requireScenario({ ...base, theatre: undefined })).header).toEqual([
      { path: 'theatre', before: base.theatre },
    ]);
  });

  it('scenarioInputs fingerprints them as header inputs', () => {
    const inputs = Object.fromEntries(scenarioInputs(base));
    expect(Object.keys(inputs)).toEqual(expect.arrayContaining(['header/theatre', 'header/escalation']));
    const without = Object.fromEntries(scenarioInputs({ ...base, theatre: undefined }));
    expect(inputChanges(inputs, without)).toEqual([{ kind: 'header', key: 'theatre', change: 'removed' }]);
    const moved = { ...base, escalation: { ...base.escalation!, assumption: 'moved on' } };
    expect(inputChanges(inputs, Object.fromEntries(scenarioInputs(moved)))).toEqual([
      { kind: 'header', key: 'escalation', change: 'changed' },
    ]);
  });

  it('a variant branched with what-ifs keeps them', () => {
    const request = branchRequestSchema.parse({
      id: 'with-backstop',
      whatIfs: [{ kind: 'us-backstop' }, { kind: 'nation-joins', nation: 'FRA', liftCaveats: true }],
    });
    const variant = branchDocument(base, 1, request);
    expect(variant.variantOf?.whatIfs).toHaveLength(2);
    expect(variant.theatre).toEqual(base.theatre);
    expect(variant.escalation).toEqual(base.escalation);
  });
});
