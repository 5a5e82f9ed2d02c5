// A small briefing pack for the Briefing page's tests, written by hand in the shape the server makes
// (src/app/brief/build-pack.ts, which the web may not import): the coalition's pack of the article
// scenario, one section per kind of block (text, key figures, a table, lists, a chart and the map as
// SVG), the planner's summary in its "Bottom line up front", and a text with markup in it that must
// be shown as text. Also the packs-kept list a server answers, and users of each role.
import type { Brief, BriefSummaryWire } from '../../../src/contract/brief.ts';
import type { BriefPack } from '../../../src/domain/brief/pack.ts';
import type { UserView } from '../api-client.ts';

export const SCENARIO_ID = 'article-2025-03';
export const BANNER = 'COALITION';
export const BLUF = 'Three battalion groups close by C+60; the fourth needs the US backstop.';
export const RECOMMENDATIONS = ['Ask the US for strategic lift by C+10.', 'Hold Germany’s offer open.'];
/** Text with markup: a pack shows it as written, never as markup. */
export const MARKUP_TEXT = 'Sources <script>alert("x")</script> & assumptions';

/** A chart with a non-ASCII label, as the server draws one: its bytes are UTF-8. */
export const CHART_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="320" height="120" viewBox="0 0 320 120">' +
  '<rect x="10" y="20" width="180" height="30" fill="#0b5cad"/><text x="10" y="80">Coût €1.2 bn</text></svg>';
export const MAP_SVG =
  '<svg xmlns="http://www.w3.org/2000/svg" width="400" height="300" viewBox="0 0 400 300">' +
  '<path d="M10 10 L390 10 L200 290 Z" fill="#e6f4ea" stroke="#0f6a2e"/></svg>';

export function briefPack(overrides: Partial<BriefPack> = {}): BriefPack {
  return {
    schemaVersion: 1,
    title: 'Operation Steadfast Shield: briefing pack',
    subtitle: 'Article, March 2025 · data as of 15 March 2025',
    scenario: {
      id: SCENARIO_ID,
      name: 'Article, March 2025',
      asOf: '2025-03-15',
      version: null,
      contentHash: 'a3f9c2e1b7d4'.padEnd(64, '0'),
    },
    audience: { kind: 'coalition' },
    audienceLabel: 'All coalition nations',
    summary: { bluf: BLUF, recommendations: RECOMMENDATIONS },
    banner: { level: 'COALITION', nations: [], text: BANNER },
    sections: [
      {
        id: 'purpose',
        title: 'Purpose',
        newPage: true,
        blocks: [
          { kind: 'text', text: 'To decide the reassurance force’s composition and its request to the US.' },
        ],
      },
      {
        id: 'bluf',
        title: 'Bottom line up front',
        newPage: true,
        blocks: [
          { kind: 'text', text: BLUF },
          {
            kind: 'figures',
            items: [
              { label: 'Target', value: '100,000' },
              { label: 'Matched on time', value: '45,540', note: 'ready by the line’s RDD' },
              { label: 'P(target met)', value: '20.0%' },
            ],
          },
          { kind: 'text', text: 'Recommendations:' },
          { kind: 'list', items: RECOMMENDATIONS },
        ],
      },
      {
        id: 'coalition',
        title: 'The coalition',
        newPage: true,
        blocks: [
          {
            kind: 'svg',
            caption: 'The coalition’s stances',
            alt: 'Map of Europe: France leads; Estonia hosts.',
            svg: MAP_SVG,
            width: 400,
            height: 300,
          },
        ],
      },
      {
        id: 'force',
        title: 'The force',
        newPage: true,
        blocks: [
          {
            kind: 'table',
            caption: 'Personnel by nation',
            columns: [
              { header: 'Nation' },
              { header: 'Offered', align: 'right' },
              { header: 'Matched', align: 'right' },
            ],
            rows: [
              ['France', '12,000', '10,400'],
              ['United Kingdom', '9,000', '8,100'],
            ],
          },
          {
            kind: 'svg',
            caption: 'Cost against pledges',
            alt: 'Bar chart: cost €1.2 bn against €0.9 bn pledged.',
            svg: CHART_SVG,
            width: 320,
            height: 120,
          },
        ],
      },
      {
        id: 'annex',
        title: 'Annex: sources and assumptions',
        newPage: false,
        blocks: [
          { kind: 'text', text: MARKUP_TEXT },
          { kind: 'list', items: ['OFF-FRA-01: Élysée statement, 2 March 2025'] },
        ],
      },
    ],
    ...overrides,
  };
}

/** A pack made without a summary: the pack's own bottom line and placeholder recommendation. */
export function packWithoutSummary(): BriefPack {
  const pack = briefPack();
  return {
    ...pack,
    summary: null,
    sections: pack.sections.map((s) =>
      s.id !== 'bluf'
        ? s
        : {
            ...s,
            blocks: [
              {
                kind: 'text',
                text: 'Against a target of 100,000, the coalition matches 45,540 personnel on time and 9,000 more late.',
              },
              { kind: 'text', text: 'Recommendations:' },
              {
                kind: 'list',
                items: [
                  '(The planner has not written recommendations yet: edit the summary on the Briefing page.)',
                ],
              },
            ],
          },
    ),
  };
}

export function briefSummary(
  audience: string,
  version: number,
  createdAt: string,
  scenarioVersion: number | null = null,
): BriefSummaryWire {
  return {
    scenarioId: SCENARIO_ID,
    audience,
    version,
    createdBy: 'planner',
    createdAt,
    contentHash: `${audience.length}b7d4e9f01c23`.padEnd(64, '7'),
    scenarioVersion,
  };
}

export function brief(pack = briefPack()): Brief {
  return { ...briefSummary('coalition', 2, '2025-03-16T09:30:00Z'), pack };
}

export function user(role: UserView['role'], nation: string | null = null): UserView {
  return {
    id: `${role}-user`,
    displayName: role,
    role,
    nation,
    disabled: false,
    mustChangePassword: false,
    version: 1,
    createdAt: '2025-03-01T00:00:00Z',
    updatedAt: '2025-03-01T00:00:00Z',
  };
}
