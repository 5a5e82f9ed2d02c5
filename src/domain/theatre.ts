// The theatre a reassurance force deploys into: the line of contact (dated, with its source or the
// assumption it rests on), zones (a demilitarised zone, areas where nothing may deploy) and the
// distance bands exposure is counted in. GeoJSON geometry, [longitude, latitude] in degrees (WGS84),
// as every GIS tool writes it, so a planner can import the line their staff drew.
//
// Default bands come from the public figures of the Geneva Centre for Security Policy's ceasefire
// proposal (February/March 2025): a 15 km demilitarised zone (7.5 km each side of the line) and
// pull-backs of 50 km for artillery of 100 mm and more, 75 km for multiple-launch rocket systems and
// 150 km for long-range missiles. A unit within a band is within reach of what that band keeps back.
import { z } from 'zod';
import { isoDateSchema } from './ids.ts';
import { provenance, text } from './schema-parts.ts';

const longitude = z
  .number({ error: 'must be a longitude in degrees' })
  .min(-180, { error: 'must be a longitude from -180 to 180' })
  .max(180, { error: 'must be a longitude from -180 to 180' });
const latitude = z
  .number({ error: 'must be a latitude in degrees' })
  .min(-90, { error: 'must be a latitude from -90 to 90' })
  .max(90, { error: 'must be a latitude from -90 to 90' });

/** A GeoJSON position: [longitude, latitude] (an altitude, if given, is ignored). */
export const positionSchema = z
  .tuple([longitude, latitude], { error: 'must be [longitude, latitude] in degrees' })
  .rest(z.number());

/** Most vertices a line or a zone may have: a front traced every few hundred metres stays within it. */
export const GEOMETRY_VERTICES_MAX = 20_000;

const lineCoordinates = z.array(positionSchema).min(2, { error: 'must have at least 2 positions' });

export const lineGeometrySchema = z
  .discriminatedUnion(
    'type',
    [
      z.strictObject({ type: z.literal('LineString'), coordinates: lineCoordinates }),
      z.strictObject({
        type: z.literal('MultiLineString'),
        coordinates: z.array(lineCoordinates).min(1, { error: 'must have at least one line' }),
      }),
    ],
    { error: 'must be a GeoJSON LineString or MultiLineString' },
  )
  .superRefine((g, ctx) => {
    if (vertexCount(g) > GEOMETRY_VERTICES_MAX)
      ctx.addIssue({
        code: 'custom',
        path: ['coordinates'],
        message: `must have at most ${GEOMETRY_VERTICES_MAX} positions`,
      });
  });
export type LineGeometry = z.output<typeof lineGeometrySchema>;

/** A closed ring: at least 4 positions, the last the same as the first. */
const ring = z
  .array(positionSchema)
  .min(4, { error: 'must have at least 4 positions (a closed ring)' })
  .superRefine((r, ctx) => {
    const [a, b] = [r[0], r[r.length - 1]];
    if (a && b && (a[0] !== b[0] || a[1] !== b[1]))
      ctx.addIssue({ code: 'custom', message: 'must end where it starts (a closed ring)' });
  });
const polygonCoordinates = z.array(ring).min(1, { error: 'must have an outer ring' });

export const areaGeometrySchema = z.discriminatedUnion(
  'type',
  [
    z.strictObject({ type: z.literal('Polygon'), coordinates: polygonCoordinates }),
    z.strictObject({
      type: z.literal('MultiPolygon'),
      coordinates: z.array(polygonCoordinates).min(1, { error: 'must have at least one polygon' }),
    }),
  ],
  { error: 'must be a GeoJSON Polygon or MultiPolygon' },
);
export type AreaGeometry = z.output<typeof areaGeometrySchema>;

export const lineOfContactSchema = z.strictObject({
  /** The day the line is drawn as of. */
  date: isoDateSchema,
  geometry: lineGeometrySchema,
  ...provenance,
});
export type LineOfContact = z.output<typeof lineOfContactSchema>;

export const ZONE_KINDS = ['demilitarised', 'no-deploy', 'other'] as const;
export type ZoneKind = (typeof ZONE_KINDS)[number];

export const zoneSchema = z.strictObject({
  id: z.string().regex(/^[A-Za-z0-9._-]{1,40}$/, { error: 'must be 1-40 letters, digits, ".", "_" or "-"' }),
  name: text(200),
  kind: z.enum(ZONE_KINDS, { error: `must be one of ${ZONE_KINDS.join(', ')}` }),
  geometry: areaGeometrySchema,
  ...provenance,
});
export type Zone = z.output<typeof zoneSchema>;

export const exposureBandSchema = z.strictObject({
  name: text(100),
  /** The band holds places at most this far from the line (and farther than the band before it). */
  maxKm: z
    .number({ error: 'must be a distance in km' })
    .positive({ error: 'must be more than 0 km' })
    .max(5000, { error: 'must be at most 5,000 km' }),
  ...provenance,
});
export type ExposureBand = z.output<typeof exposureBandSchema>;

const GCSP = {
  publication: 'Geneva Centre for Security Policy, proposal for a ceasefire in Ukraine (as reported)',
  date: '2025-03-01',
  note: 'Reported February/March 2025; figures as published in the press accounts of the proposal.',
} as const;

/** The bands used when a scenario gives none (see the header comment for their source). */
export const DEFAULT_EXPOSURE_BANDS: readonly ExposureBand[] = z.array(exposureBandSchema).parse([
  {
    name: 'Demilitarised zone',
    maxKm: 7.5,
    source: { ...GCSP, note: '15 km zone, 7.5 km each side of the line.' },
  },
  {
    name: 'Artillery reach',
    maxKm: 50,
    source: { ...GCSP, note: 'Pull-back of artillery of 100 mm and more.' },
  },
  {
    name: 'MLRS reach',
    maxKm: 75,
    source: { ...GCSP, note: 'Pull-back of multiple-launch rocket systems.' },
  },
  {
    name: 'Long-range missile reach',
    maxKm: 150,
    source: { ...GCSP, note: 'Pull-back of long-range missiles.' },
  },
]);

export const theatreSchema = z
  .strictObject({
    lineOfContact: lineOfContactSchema.optional(),
    zones: z.array(zoneSchema).default([]),
    /** Nearest first; absent or empty: DEFAULT_EXPOSURE_BANDS. Beyond the last band is "rear". */
    exposureBands: z.array(exposureBandSchema).max(10, { error: 'must have at most 10 bands' }).default([]),
  })
  .superRefine((t, ctx) => {
    t.exposureBands.forEach((b, i) => {
      const before = t.exposureBands[i - 1];
      if (before && b.maxKm <= before.maxKm)
        ctx.addIssue({
          code: 'custom',
          path: ['exposureBands', i, 'maxKm'],
          message: `must be more than the band before it (${before.maxKm} km): bands run nearest first`,
        });
    });
    const ids = new Map<string, number>();
    t.zones.forEach((z, i) => {
      const first = ids.get(z.id);
      if (first !== undefined)
        ctx.addIssue({
          code: 'custom',
          path: ['zones', i, 'id'],
          message: `duplicates zones[${first}].id "${z.id}"`,
        });
      else ids.set(z.id, i);
    });
  });
export type Theatre = z.output<typeof theatreSchema>;
export type TheatreInput = z.input<typeof theatreSchema>;

/** The bands a scenario's exposure is counted in. */
export function exposureBandsOf(
  theatre: Pick<Theatre, 'exposureBands'> | undefined,
): readonly ExposureBand[] {
  return theatre && theatre.exposureBands.length > 0 ? theatre.exposureBands : DEFAULT_EXPOSURE_BANDS;
}

/** The line's polylines as [longitude, latitude] pairs. */
export function polylinesOf(geometry: LineGeometry): [number, number][][] {
  const lines = geometry.type === 'LineString' ? [geometry.coordinates] : geometry.coordinates;
  return lines.map((l) => l.map((p) => [p[0], p[1]] as [number, number]));
}

function vertexCount(g: LineGeometry): number {
  return g.type === 'LineString' ? g.coordinates.length : g.coordinates.reduce((s, l) => s + l.length, 0);
}
