// The line-of-contact import as data: the request the form and a file make (a source or an
// assumption, the date, the file sent as it is), a file that is not JSON refused at the file field,
// and the API's refusals at the fields they name. The API's answer to a polygon is the domain's own
// (lineOfContactFromRequest, what PUT …/line-of-contact runs), so the path the form shows is the one
// the API reports, not one restated here.
import { describe, expect, it } from 'vitest';
import { DomainError } from '../../../src/domain/errors.ts';
import {
  lineOfContactFromRequest,
  lineOfContactRequestDocSchema,
} from '../../../src/domain/line-of-contact-import.ts';
import type { StoredScenario } from '../../../src/domain/records.ts';
import { SOURCE_URL_RULE } from '../../../src/domain/schema-parts.ts';
import { ApiError, type ApiIssue } from '../api-client.ts';
import {
  fileIssuesMessage,
  lineImportFailure,
  lineImportFormOf,
  lineImportIssuesByField,
  lineImportRequest,
  readLineFile,
  savedText,
  type LineFile,
  type LineImportForm,
} from './risk-line-import-model.ts';

const AS_OF = '2025-03-02';
const line = (coordinates: number[][]) => ({ type: 'LineString', coordinates });
const feature = (geometry: unknown) => ({ type: 'Feature', properties: { name: 'front' }, geometry });
const fileOf = (value: unknown, name = 'front.geojson'): LineFile => ({ name, text: JSON.stringify(value) });
const LINE = feature(
  line([
    [36.1, 49.9],
    [37.4, 48.6],
    [38.0, 47.5],
  ]),
);
const POLYGON = feature({
  type: 'Polygon',
  coordinates: [
    [
      [36, 49],
      [37, 49],
      [37, 48],
      [36, 49],
    ],
  ],
});

const withSource = (changes: Partial<LineImportForm> = {}): LineImportForm => ({
  ...lineImportFormOf(AS_OF),
  publication: 'Institute for the Study of War',
  ...changes,
});

/** The issues the API answers a request with: the domain's check, as the route runs it. */
function apiIssues(request: Record<string, unknown>): ApiIssue[] {
  const { version: _v, ...fields } = request;
  try {
    lineOfContactFromRequest(fields);
  } catch (e) {
    if (e instanceof DomainError) return e.issues;
    throw e;
  }
  return [];
}

const header = (version: number): StoredScenario =>
  ({ id: 's1', version, updatedAt: '2025-03-03T10:00:00Z' }) as StoredScenario;

describe('the form', () => {
  it('starts at the scenario’s as-of date, with a source to name', () => {
    expect(lineImportFormOf(AS_OF)).toEqual({
      date: AS_OF,
      provenance: 'source',
      publication: '',
      sourceDate: '',
      url: '',
      assumption: '',
    });
  });
});

describe('reading the file', () => {
  it('refuses a file that is not JSON, naming it', () => {
    const read = readLineFile({ name: 'front.kml', text: '<kml><Document/></kml>' });
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.error).toMatch(/^“front\.kml” is not JSON \(.+\): choose a GeoJSON file/);
  });

  it('refuses an empty file', () => {
    const read = readLineFile({ name: 'empty.json', text: ' \n' });
    expect(read).toEqual({ ok: false, error: '“empty.json” is empty: choose a GeoJSON file.' });
  });

  it('reads a file that starts with a byte-order mark, as some GIS tools write it', () => {
    const read = readLineFile({ name: 'front.geojson', text: `\uFEFF${JSON.stringify(LINE)}` });
    expect(read).toEqual({ ok: true, geojson: LINE });
  });
});

describe('the request', () => {
  it('sends the file as it is, the date and a source, with the version read', () => {
    const built = lineImportRequest(
      withSource({ sourceDate: '2025-03-01', url: ' https://example.org/map ' }),
      fileOf(LINE),
      7,
    );
    expect(built).toEqual({
      ok: true,
      request: {
        version: 7,
        date: AS_OF,
        source: {
          publication: 'Institute for the Study of War',
          date: '2025-03-01',
          url: 'https://example.org/map',
        },
        geojson: LINE,
      },
    });
    if (built.ok) {
      expect(lineOfContactRequestDocSchema.safeParse(built.request).success).toBe(true);
      expect(apiIssues(built.request)).toEqual([]);
    }
  });

  it('leaves out a source’s empty date and link', () => {
    const built = lineImportRequest(withSource(), fileOf(LINE), 3);
    expect(built.ok && built.request.source).toEqual({ publication: 'Institute for the Study of War' });
  });

  it('sends an assumption instead of a source when one is chosen', () => {
    const form = withSource({ provenance: 'assumption', assumption: '  Traced from a briefing map. ' });
    const built = lineImportRequest(form, fileOf(LINE), 3);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    expect(built.request.assumption).toBe('Traced from a briefing map.');
    expect('source' in built.request).toBe(false);
    expect(apiIssues(built.request)).toEqual([]);
  });

  it('names every field to fill before sending anything', () => {
    expect(lineImportRequest({ ...lineImportFormOf(AS_OF), date: '' }, null, 1)).toEqual({
      ok: false,
      errors: {
        geojson: 'Choose a GeoJSON file of the line.',
        date: 'Enter the date the line is drawn as of.',
        'source.publication': 'Name the publication the line comes from, or choose an assumption.',
      },
    });
    const assumption = lineImportRequest(withSource({ provenance: 'assumption' }), fileOf(LINE), 1);
    expect(assumption).toEqual({
      ok: false,
      errors: { assumption: 'Say how the line was drawn, or choose a source.' },
    });
  });

  it('refuses bad JSON at the file field, with nothing sent', () => {
    const built = lineImportRequest(withSource(), { name: 'front.geojson', text: '{"type": "Feature",' }, 1);
    expect(built.ok).toBe(false);
    if (!built.ok) {
      expect(Object.keys(built.errors)).toEqual(['geojson']);
      expect(built.errors.geojson).toMatch(/^“front\.geojson” is not JSON/);
    }
  });
});

describe('the API’s refusals at the fields', () => {
  it('says a polygon is refused at its place in the file, at the file field', () => {
    // JSON, so the browser sends it; the API reads no line out of it.
    const built = lineImportRequest(withSource(), fileOf(POLYGON, 'areas.geojson'), 1);
    expect(built.ok).toBe(true);
    if (!built.ok) return;
    const issues = apiIssues(built.request);
    expect(issues.map((i) => i.path)).toEqual(['geojson.geometry']);
    const { errors, general } = lineImportIssuesByField(issues, 'areas.geojson');
    expect(general).toEqual([]);
    expect(errors).toEqual({ geojson: `In “areas.geojson”, at geometry: ${issues[0]!.message}.` });
    expect(errors.geojson).toContain('not a Polygon');
  });

  it('says a bare polygon’s type at its field, and a short line at its coordinates', () => {
    const bare = apiIssues({ date: AS_OF, assumption: 'x', geojson: POLYGON.geometry });
    expect(lineImportIssuesByField(bare, 'a.json').errors.geojson).toBe(
      `In “a.json”, at type: ${bare[0]!.message}.`,
    );
    const short = apiIssues({ date: AS_OF, assumption: 'x', geojson: line([[36, 49]]) });
    expect(short.map((i) => i.path)).toEqual(['geojson.coordinates']);
    expect(lineImportIssuesByField(short, 'a.json').errors.geojson).toBe(
      `In “a.json”, at coordinates: ${short[0]!.message}.`,
    );
  });

  it('puts the date, the link and a missing source at their fields, the rest above the form', () => {
    const issues = apiIssues({
      date: '2025-02-30',
      source: { publication: 'ISW', url: 'javascript:alert(1)' },
      geojson: LINE,
    });
    expect(issues.map((i) => i.path).sort()).toEqual(['date', 'source.url']);
    const { errors, general } = lineImportIssuesByField(
      [
        ...issues,
        { path: 'source', message: 'is required unless an assumption is given' },
        { path: 'version', message: 'must be a number' },
      ],
      'front.geojson',
    );
    expect(errors).toEqual({
      date: 'Is not a real calendar date.',
      'source.url': `Must be ${SOURCE_URL_RULE.replace(/^must be /, '')}.`,
      'source.publication': 'Is required unless an assumption is given.',
    });
    expect(general).toEqual([{ path: 'version', message: 'must be a number' }]);
  });

  it('counts the file’s problems past the first three', () => {
    const issues = [1, 2, 3, 4, 5].map((n) => ({ path: `coordinates[${n}]`, message: 'is out of range' }));
    expect(fileIssuesMessage('f.json', issues)).toBe(
      'In “f.json”, at coordinates[1]: is out of range; at coordinates[2]: is out of range; ' +
        'at coordinates[3]: is out of range; and 2 more.',
    );
  });
});

describe('a failed import', () => {
  it('is a conflict with the header as it now stands on a stale version', () => {
    const current = header(9);
    const failure = lineImportFailure(new ApiError(409, 'conflict', 'stale', [], current), 'f.json');
    expect(failure).toEqual({ errors: {}, problem: { kind: 'conflict', current } });
  });

  it('says a file too large for the server at the file field', () => {
    const failure = lineImportFailure(
      new ApiError(413, 'too_large', 'request body is larger than 5242880 bytes'),
      'big.geojson',
    );
    expect(failure.problem).toBeNull();
    expect(failure.errors.geojson).toMatch(/^“big\.geojson” is larger than the server takes/);
  });

  it('is a refusal for a reader the API turns away', () => {
    const error = new ApiError(403, 'forbidden', 'observers may not change a scenario');
    expect(lineImportFailure(error, 'f.json')).toEqual({ errors: {}, problem: { kind: 'refused', error } });
  });

  it('puts a 400’s issues at their fields', () => {
    const error = new ApiError(400, 'invalid', 'bad', [{ path: 'geojson', message: 'is required' }]);
    expect(lineImportFailure(error, 'f.json')).toEqual({
      errors: { geojson: '“f.json” is required.' },
      problem: null,
    });
  });
});

describe('the saved notice', () => {
  it('names the line’s date, the file and the new version', () => {
    expect(savedText('2025-03-01', 'front.geojson', 8)).toMatch(
      /^line of contact as of .+ from “front\.geojson” \(scenario version 8\)$/,
    );
  });
});
