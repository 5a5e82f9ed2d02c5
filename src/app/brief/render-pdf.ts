// The briefing pack as PDF, made in-process by pdfmake (no browser): A4, the classification banner
// at the head and foot of every page, "Page n of N", a PDF outline (bookmarks) of the sections, the
// charts and the map as vector SVG, Roboto (shipped with pdfmake, so nothing is downloaded and every
// glyph the pack uses, ≥ × – €, is there). Deterministic: the document's dates are the pack's as-of
// date, so the same pack gives the same bytes.
import { createRequire } from 'node:module';
import type { Block, BriefPack, PackSection } from '../../domain/brief/pack.ts';

// pdfmake is CommonJS and keeps its settings on one shared instance.
const require = createRequire(import.meta.url);
interface PdfMake {
  addFonts(fonts: Record<string, Record<string, string>>): void;
  setUrlAccessPolicy(f: (url: string) => boolean): void;
  setLocalAccessPolicy(f: (path: string) => boolean): void;
  createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
}
let pdfmake: PdfMake | undefined;

function printer(): PdfMake {
  if (pdfmake) return pdfmake;
  const p = require('pdfmake') as PdfMake;
  const dir = require.resolve('pdfmake/package.json').replace(/package\.json$/, '');
  const font = (file: string) => `${dir}fonts/Roboto/${file}`;
  p.addFonts({
    Roboto: {
      normal: font('Roboto-Regular.ttf'),
      bold: font('Roboto-Medium.ttf'),
      italics: font('Roboto-Italic.ttf'),
      bolditalics: font('Roboto-MediumItalic.ttf'),
    },
  });
  // Nothing is fetched, and nothing is read from disk but pdfmake's own fonts.
  p.setUrlAccessPolicy(() => false);
  p.setLocalAccessPolicy((path) => path.startsWith(dir));
  pdfmake = p;
  return p;
}

const CONTENT_WIDTH = 515; // A4 (595 pt) less 40 pt margins each side

type Node = Record<string, unknown> | string;

function blockNodes(b: Block): Node[] {
  switch (b.kind) {
    case 'text':
      return [{ text: b.text, margin: [0, 0, 0, 6] }];
    case 'list':
      // pdfmake writes its layout into the nodes it is given: never hand it the pack's own arrays.
      return [{ ul: b.items.map((i) => ({ text: i })), margin: [0, 0, 0, 6] }];
    case 'figures':
      return [
        {
          table: {
            widths: ['*', 'auto'],
            body: b.items.map((i) => [
              i.note ? { stack: [i.label, { text: i.note, style: 'note' }] } : { text: i.label },
              { text: i.value, bold: true, alignment: 'right' },
            ]),
          },
          layout: 'lightHorizontalLines',
          margin: [0, 0, 0, 8],
        },
      ];
    case 'table': {
      const widths = b.widths
        ? b.widths.map((w) => (w / b.widths!.reduce((a, x) => a + x, 0)) * CONTENT_WIDTH - 8)
        : b.columns.map(() => '*');
      return [
        { text: b.caption, style: 'caption' },
        {
          table: {
            headerRows: 1,
            dontBreakRows: true,
            widths,
            body: [
              b.columns.map((c) => ({ text: c.header, style: 'th', alignment: c.align ?? 'left' })),
              ...b.rows.map((row) =>
                row.map((cell, i) => ({ text: cell, alignment: b.columns[i]?.align ?? 'left' })),
              ),
            ],
          },
          layout: 'lightHorizontalLines',
          style: 'table',
          margin: [0, 0, 0, 10],
        },
      ];
    }
    case 'svg': {
      const width = Math.min(CONTENT_WIDTH, b.width);
      return [
        { svg: b.svg, width, margin: [0, 4, 0, 2] },
        { text: b.caption, style: 'caption', margin: [0, 0, 0, 10] },
      ];
    }
  }
}

function sectionNodes(s: PackSection): Node[] {
  return [
    // The cover has a page of its own, so every section that starts a page breaks before it.
    { text: s.title, style: 'h1', outline: true, ...(s.newPage && { pageBreak: 'before' }) },
    ...s.blocks.flatMap(blockNodes),
  ];
}

function coverNodes(pack: BriefPack): Node[] {
  return [
    { text: pack.banner.text, style: 'coverBanner' },
    { text: pack.title, style: 'title', outline: true, outlineText: 'Cover' },
    { text: pack.subtitle, style: 'subtitle' },
    {
      table: {
        widths: [140, '*'],
        body: [
          ['Audience', pack.audienceLabel],
          ['Classification', pack.banner.text],
          ['Data as of', pack.scenario.asOf],
          [
            'Scenario',
            pack.scenario.version === null
              ? pack.scenario.id
              : `${pack.scenario.id}, content version ${pack.scenario.version}`,
          ],
          ['Inputs (SHA-256)', { text: pack.scenario.contentHash, style: 'mono' }],
        ],
      },
      layout: 'noBorders',
      margin: [0, 30, 0, 0],
    },
  ];
}

/** The PDF of a pack. */
export async function renderPackPdf(pack: BriefPack): Promise<Buffer> {
  const asOf = new Date(`${pack.scenario.asOf}T00:00:00Z`);
  const banner = pack.banner.text;
  const doc = {
    info: {
      title: pack.title,
      subject: `${pack.audienceLabel} · ${banner}`,
      author: 'Coalition Planner',
      creator: 'Coalition Planner',
      producer: 'Coalition Planner (pdfmake)',
      creationDate: asOf,
      modDate: asOf,
    },
    pageSize: 'A4',
    pageMargins: [40, 56, 40, 56],
    header: () => ({ text: banner, style: 'banner', margin: [40, 22, 40, 0] }),
    footer: (page: number, pages: number) => ({
      columns: [
        { text: banner, style: 'banner', alignment: 'left' },
        { text: `Page ${page} of ${pages}`, alignment: 'right', fontSize: 8 },
      ],
      margin: [40, 18, 40, 0],
    }),
    content: [...coverNodes(pack), ...pack.sections.flatMap(sectionNodes)],
    styles: {
      banner: { bold: true, fontSize: 9, alignment: 'center', color: '#7a0000' },
      coverBanner: { bold: true, fontSize: 14, alignment: 'center', color: '#7a0000', margin: [0, 0, 0, 80] },
      title: { fontSize: 24, bold: true, margin: [0, 0, 0, 8] },
      subtitle: { fontSize: 13, color: '#444444' },
      h1: { fontSize: 16, bold: true, margin: [0, 0, 0, 8] },
      caption: { fontSize: 9, italics: true, color: '#444444', margin: [0, 2, 0, 3] },
      th: { bold: true, fontSize: 8.5 },
      table: { fontSize: 8.5 },
      note: { fontSize: 8, color: '#555555' },
      mono: { fontSize: 8 },
    },
    defaultStyle: { font: 'Roboto', fontSize: 10, lineHeight: 1.15 },
  };
  return printer().createPdf(doc).getBuffer();
}
