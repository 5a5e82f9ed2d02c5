// Importing a line of contact drawn elsewhere (PUT /api/scenarios/:id/line-of-contact, `coalition
// line-of-contact`): the user's GeoJSON as their GIS tool wrote it, with the date the line is drawn
// as of and where it comes from. One JSON body rather than the bare file with query parameters,
// because a source is an object (publication, date, link, note) and every field is then reported
// at the same kind of path (`geojson.features[0].geometry.coordinates[3]`, `source.url`).
import { z } from 'zod';
import { invalid, type FieldIssue } from './errors.ts';
import { lineFromGeoJson } from './geo/geojson-line.ts';
import { isoDateSchema } from './ids.ts';
import { zodIssues } from './scenario-document.ts';
import { provenance } from './schema-parts.ts';
import { lineGeometrySchema, type LineOfContact } from './theatre.ts';

/** The fields besides the GeoJSON: the line's date and its source or assumption. */
const requestFields = {
  /** The day the line is drawn as of. */
  date: isoDateSchema,
  ...provenance,
};

const foreignMembers = z.record(z.string(), z.unknown()).optional();
const anyGeometry = z.looseObject({ type: z.string(), coordinates: z.unknown().optional() });

/** The GeoJSON a request may carry, for the API's documentation (lineFromGeoJson reads it). */
const geoJsonDocSchema = z
  .union([
    lineGeometrySchema,
    z.looseObject({
      type: z.literal('Feature'),
      geometry: lineGeometrySchema,
      properties: foreignMembers.nullable(),
    }),
    z.looseObject({
      type: z.literal('FeatureCollection'),
      features: z.array(
        z.looseObject({
          type: z.literal('Feature'),
          geometry: anyGeometry.nullable(),
          properties: foreignMembers.nullable(),
        }),
      ),
    }),
  ])
  .meta({
    description:
      'The line as GeoJSON, [longitude, latitude] in degrees (WGS84): a LineString or MultiLineString, ' +
      'a Feature holding one, or a FeatureCollection, from which every LineString and ' +
      'MultiLineString feature is taken (several become one MultiLineString; points and polygons ' +
      `are passed over). Altitudes are dropped. At most 20,000 positions.`,
  });

/** PUT …/line-of-contact as the OpenAPI document shows it (with the `version` every header write sends). */
export const lineOfContactRequestDocSchema = z.strictObject({
  version: z.number().int().min(1).meta({ description: "The scenario's version you last read" }),
  ...requestFields,
  geojson: geoJsonDocSchema,
});

const requestSchema = z.strictObject({ ...requestFields, geojson: z.unknown().optional() });

/**
 * The line of contact a request (without its `version`) gives, or a DomainError('invalid') naming
 * every field at fault at once, the GeoJSON's under `geojson`.
 */
export function lineOfContactFromRequest(body: unknown): { line: LineOfContact; features: number } {
  const parsed = requestSchema.safeParse(body);
  const issues: FieldIssue[] = parsed.success ? [] : zodIssues(parsed.error);
  const raw: Record<string, unknown> = typeof body === 'object' && body !== null ? { ...body } : {};
  if (raw.source === undefined && raw.assumption === undefined)
    issues.push({
      path: 'source',
      message: 'is required unless an assumption is given: say where the line comes from',
    });
  const line = raw.geojson === undefined ? undefined : lineFromGeoJson(raw.geojson);
  if (line === undefined) issues.push({ path: 'geojson', message: 'is required' });
  else if (!line.ok)
    issues.push(...line.issues.map((i) => ({ ...i, path: i.path ? `geojson.${i.path}` : 'geojson' })));
  if (!parsed.success || !line?.ok || issues.length > 0) throw invalid(issues);
  const { geojson: _g, ...fields } = parsed.data;
  return { line: { ...fields, geometry: line.geometry }, features: line.features };
}
