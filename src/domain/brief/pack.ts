// The briefing pack as data (issue 16): a document in decision-brief order, each section a list of
// blocks (text, key figures, tables, lists, and charts or maps as SVG), every value already written
// out as it is to be read. The same pack renders to HTML and to PDF (src/app/brief/), so both say
// the same; it carries its schemaVersion, and a stored pack is read back through packSchema.
import { z } from 'zod';
import { audienceSchema } from './audience.ts';

export const PACK_SCHEMA_VERSION = 1 as const;

const textBlock = z.strictObject({ kind: z.literal('text'), text: z.string() });
const figuresBlock = z.strictObject({
  kind: z.literal('figures'),
  items: z.array(z.strictObject({ label: z.string(), value: z.string(), note: z.string().optional() })),
});
const tableBlock = z.strictObject({
  kind: z.literal('table'),
  caption: z.string(),
  columns: z.array(z.strictObject({ header: z.string(), align: z.enum(['left', 'right']).optional() })),
  rows: z.array(z.array(z.string())),
  /** Widths relative to each other, for the PDF; absent: as the text needs. */
  widths: z.array(z.number()).optional(),
});
const listBlock = z.strictObject({ kind: z.literal('list'), items: z.array(z.string()) });
const svgBlock = z.strictObject({
  kind: z.literal('svg'),
  caption: z.string(),
  /** What it shows, in words (the HTML's alternative text). */
  alt: z.string(),
  svg: z.string(),
  /** Its width and height in the SVG's units. */
  width: z.number(),
  height: z.number(),
});

export const blockSchema = z.discriminatedUnion('kind', [
  textBlock,
  figuresBlock,
  tableBlock,
  listBlock,
  svgBlock,
]);
export type Block = z.output<typeof blockSchema>;
export type TableBlock = z.output<typeof tableBlock>;

export const sectionSchema = z.strictObject({
  id: z.string(),
  title: z.string(),
  /** Starts on a new page. */
  newPage: z.boolean(),
  blocks: z.array(blockSchema),
});
export type PackSection = z.output<typeof sectionSchema>;

/** The summary a planner writes: the bottom line up front and the recommendations. */
export const packSummarySchema = z.strictObject({
  bluf: z
    .string({ error: 'must be text' })
    .trim()
    .max(4000, { error: 'must be at most 4,000 characters' })
    .optional(),
  recommendations: z
    .array(
      z
        .string()
        .trim()
        .min(1, { error: 'must not be empty' })
        .max(1000, { error: 'must be at most 1,000 characters' }),
    )
    .max(12, { error: 'must be at most 12 recommendations' })
    .optional(),
});
export type PackSummary = z.output<typeof packSummarySchema>;

export const packSchema = z.strictObject({
  schemaVersion: z.literal(PACK_SCHEMA_VERSION),
  title: z.string(),
  subtitle: z.string(),
  scenario: z.strictObject({
    id: z.string(),
    name: z.string(),
    asOf: z.string(),
    /**
     * The scenario's content version the pack was made from: in a staff pack only. The version counts
     * every change, to records any audience may not see too, so another audience's pack leaves it out
     * (null) and is identified by the hash of what it holds.
     */
    version: z.number().int().nullable(),
    /** SHA-256 of the scenario's inputs as the audience sees them. */
    contentHash: z.string(),
  }),
  audience: audienceSchema,
  audienceLabel: z.string(),
  /** The planner's summary as given (null: none given, the pack wrote its own bottom line). */
  summary: packSummarySchema.nullable(),
  banner: z.strictObject({
    level: z.enum(['PUBLIC', 'COALITION', 'REL_TO', 'STAFF_ONLY']),
    nations: z.array(z.string()),
    text: z.string(),
  }),
  sections: z.array(sectionSchema),
});
export type BriefPack = z.output<typeof packSchema>;

/** Every text of a pack in reading order: what a search or a leak test reads. */
export function packText(pack: BriefPack): string {
  const out: string[] = [pack.banner.text, pack.title, pack.subtitle];
  for (const s of pack.sections) {
    out.push(s.title);
    for (const b of s.blocks) {
      if (b.kind === 'text') out.push(b.text);
      else if (b.kind === 'list') out.push(...b.items);
      else if (b.kind === 'figures') for (const i of b.items) out.push(i.label, i.value, i.note ?? '');
      else if (b.kind === 'table') out.push(b.caption, ...b.columns.map((c) => c.header), ...b.rows.flat());
      else out.push(b.caption, b.alt);
    }
  }
  return out.filter((t) => t !== '').join('\n');
}
