import { describe, expect, it } from 'vitest';
import { DomainError } from '../errors.ts';
import { lineOfContactFromRequest } from '../line-of-contact-import.ts';
import { lineFromGeoJson } from './geojson-line.ts';

const A: number[][] = [
  [33.0, 46.6],
  [35.8, 47.4],
];
const B: number[][] = [
  [37.5, 48.0, 210],
  [37.9, 49.0, 180],
];
const feature = (geometry: unknown, properties: unknown = { name: 'front' }) => ({
  type: 'Feature',
  properties,
  geometry,
});
const lineString = (coordinates: unknown) => ({ type: 'LineString', coordinates });

describe('lineFromGeoJson', () => {
  it('takes a bare LineString or MultiLineString, dropping altitudes and a bbox', () => {
    expect(lineFromGeoJson({ ...lineString(B), bbox: [37, 48, 38, 49] })).toEqual({
      ok: true,
      features: 1,
      geometry: {
        type: 'LineString',
        coordinates: [
          [37.5, 48],
          [37.9, 49],
        ],
      },
    });
    expect(lineFromGeoJson({ type: 'MultiLineString', coordinates: [A, B] })).toMatchObject({
      ok: true,
      geometry: { type: 'MultiLineString', coordinates: [A, B.map((p) => p.slice(0, 2))] },
    });
  });

  it('takes the line of a Feature, and refuses a Feature of anything else', () => {
    expect(lineFromGeoJson(feature(lineString(A)))).toEqual({
      ok: true,
      features: 1,
      geometry: { type: 'LineString', coordinates: A },
    });
    expect(lineFromGeoJson(feature({ type: 'Point', coordinates: [33, 46] }))).toEqual({
      ok: false,
      issues: [{ path: 'geometry', message: 'must be a LineString or MultiLineString, not a Point' }],
    });
    expect(lineFromGeoJson(feature(null))).toMatchObject({ ok: false, issues: [{ path: 'geometry' }] });
  });

  it('takes every line feature of a collection, passing over points, as one line or a MultiLineString', () => {
    const town = feature({ type: 'Point', coordinates: [35.1, 47.8] }, { name: 'Zaporizhzhia' });
    const one = lineFromGeoJson({ type: 'FeatureCollection', features: [town, feature(lineString(A))] });
    expect(one).toEqual({ ok: true, features: 1, geometry: { type: 'LineString', coordinates: A } });
    const two = lineFromGeoJson({
      type: 'FeatureCollection',
      features: [feature(lineString(A)), town, feature({ type: 'MultiLineString', coordinates: [B] })],
    });
    expect(two).toEqual({
      ok: true,
      features: 2,
      geometry: { type: 'MultiLineString', coordinates: [A, B.map((p) => p.slice(0, 2))] },
    });
  });

  it('reports each problem at its place in the file', () => {
    const bad = [...A, [36.2, 95]];
    expect(
      lineFromGeoJson({
        type: 'FeatureCollection',
        features: [feature(lineString(A)), feature(lineString(bad))],
      }),
    ).toEqual({
      ok: false,
      issues: [
        { path: 'features[1].geometry.coordinates[2][1]', message: 'must be a latitude from -90 to 90' },
      ],
    });
    expect(lineFromGeoJson(lineString([A[0]]))).toMatchObject({
      ok: false,
      issues: [{ path: 'coordinates', message: 'must have at least 2 positions' }],
    });
    expect(lineFromGeoJson({ type: 'FeatureCollection', features: [] })).toMatchObject({
      ok: false,
      issues: [
        { path: 'features', message: expect.stringMatching(/no feature whose geometry is a LineString/) },
      ],
    });
    expect(lineFromGeoJson({ type: 'Polygon', coordinates: [] })).toMatchObject({
      ok: false,
      issues: [{ path: 'type', message: expect.stringMatching(/^is "Polygon": must be Feature/) }],
    });
    expect(lineFromGeoJson([A])).toMatchObject({ ok: false, issues: [{ path: '' }] });
  });

  it('refuses lines that together hold more positions than a line may have', () => {
    const long = Array.from({ length: 12_000 }, (_, i) => [30 + i / 10_000, 47]);
    const r = lineFromGeoJson({
      type: 'FeatureCollection',
      features: [feature(lineString(long)), feature(lineString(long))],
    });
    expect(r).toMatchObject({ ok: false, issues: [{ path: 'features' }] });
  });
});

describe('lineOfContactFromRequest', () => {
  const request = { date: '2026-01-31', assumption: 'Drawn by hand.', geojson: feature(lineString(A)) };

  it('gives the line of contact with its date and provenance', () => {
    expect(lineOfContactFromRequest(request)).toEqual({
      features: 1,
      line: {
        date: '2026-01-31',
        assumption: 'Drawn by hand.',
        geometry: { type: 'LineString', coordinates: A },
      },
    });
  });

  it('names every field at fault, the GeoJSON’s under geojson', () => {
    const issues = (body: unknown) => {
      try {
        lineOfContactFromRequest(body);
      } catch (e) {
        if (e instanceof DomainError) return e.issues;
      }
      throw new Error('expected a refusal');
    };
    expect(issues({ date: '2026-13-01', geojson: request.geojson })).toEqual([
      { path: 'date', message: expect.any(String) },
      { path: 'source', message: 'is required unless an assumption is given: say where the line comes from' },
    ]);
    expect(issues({ ...request, source: { publication: 'Staff', url: 'javascript:x' } })).toEqual([
      { path: 'source.url', message: expect.any(String) },
    ]);
    expect(issues({ ...request, geojson: feature(lineString([A[0], 'x'])) })).toEqual([
      { path: 'geojson.geometry.coordinates[1]', message: 'must be [longitude, latitude] in degrees' },
    ]);
    expect(issues({ date: '2026-01-31', assumption: 'x' })).toEqual([
      { path: 'geojson', message: 'is required' },
    ]);
    expect(issues({ ...request, colour: 'red' })).toEqual([
      { path: 'colour', message: 'is not a known field' },
    ]);
  });
});
