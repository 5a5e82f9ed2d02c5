// The Briefing page rendered to static HTML from a pack written by hand in the server's shape
// (brief-test-fixtures.ts): the pack drawn from its data (the banner at its head and foot, the
// cover, the contents, every section with its text, key figures, tables, lists, and each SVG as an
// image of a base64 data: URI with its alternative text, nothing injected as markup); the make form
// offering each role only the audiences it may make packs for (none to an observer, who is told
// why), the request it sends, a refusal put at the fields it names, the summary taken over from
// the newest pack; and the packs kept, newest first, with their files' links.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, type UserView } from '../api-client.ts';
import {
  briefFailure,
  briefRequestOf,
  checkBriefRequest,
  emptyBriefForm,
  summaryOfPack,
  variantKey,
  type BriefForm,
  type BriefProblem,
} from '../components/brief-form-model.ts';
import { BriefMakeFormView, BriefMakePanel } from '../components/brief-make-form.tsx';
import { BriefPackView, svgDataUri } from '../components/brief-pack-view.tsx';
import { BriefPacksTable } from '../components/brief-packs-table.tsx';
import type { VariantCandidate } from '../components/compare-variant-picker.tsx';
import type { FormErrors } from '../components/record-form-model.ts';
import { ApiClientProvider } from '../use-api.tsx';
import {
  BANNER,
  BLUF,
  CHART_SVG,
  MAP_SVG,
  MARKUP_TEXT,
  RECOMMENDATIONS,
  SCENARIO_ID,
  brief,
  briefPack,
  briefSummary,
  packWithoutSummary,
  user,
} from './brief-test-fixtures.ts';
import { packSearch, readPackRef } from './briefing-page.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

const count = (html: string, s: string) => html.split(s).length - 1;

const CANDIDATES: VariantCandidate[] = [
  { id: 'us-backstop', name: 'US backstop', own: true, note: 'What-ifs: The US gives a backstop' },
  { id: 'germany-joins', name: 'Germany joins', own: true, note: '' },
];
const NATIONS = [
  { id: 'EST', name: 'Estonia' },
  { id: 'FRA', name: 'France' },
];

describe('BriefPackView', () => {
  const pack = briefPack();
  const html = renderToStaticMarkup(<BriefPackView pack={pack} />);

  it('puts the classification banner at the head and at the foot of the pack', () => {
    const banner = `<p class="brief-banner" role="note" aria-label="Classification">${BANNER}</p>`;
    expect(count(html, banner)).toBe(2);
    expect(html.indexOf(banner)).toBe(html.indexOf('>') + 1);
    expect(html.endsWith(`${banner}</article>`)).toBe(true);
  });

  it('shows the cover: title, subtitle, audience, classification, date and the inputs’ hash', () => {
    expect(html).toContain(`<h2 id="brief-pack-title">${pack.title}</h2>`);
    const cover = text(html.slice(html.indexOf('<header'), html.indexOf('</header>')));
    expect(cover).toBe(
      `${pack.title} ${pack.subtitle} Audience All coalition nations Classification COALITION ` +
        `Data as of 2025-03-15 Scenario Article, March 2025 ${SCENARIO_ID} Inputs (SHA-256) ${pack.scenario.contentHash}`,
    );
    // A coalition pack carries no content version; a staff pack does.
    const staff = renderToStaticMarkup(
      <BriefPackView pack={briefPack({ scenario: { ...pack.scenario, version: 7 } })} />,
    );
    expect(text(staff)).toContain(`${SCENARIO_ID} , content version 7`);
  });

  it('lists every section in the contents, linked, and shows each under its title', () => {
    const contents = html.slice(html.indexOf('<nav'), html.indexOf('</nav>'));
    for (const s of pack.sections) {
      expect(contents).toContain(`<a href="#brief-section-${s.id}">${s.title.replace(/’/g, '’')}</a>`);
      expect(html).toContain(`<h3 id="brief-section-${s.id}-title">${s.title}</h3>`);
    }
    expect(count(html, '<section')).toBe(pack.sections.length);
    expect(html).toContain('class="brief-section brief-new-page"');
  });

  it('writes text as paragraphs and lists as lists', () => {
    expect(html).toContain(`<p class="brief-text">${BLUF}</p>`);
    expect(html).toContain(
      `<ul class="brief-list"><li>${RECOMMENDATIONS[0]}</li><li>${RECOMMENDATIONS[1]}</li></ul>`,
    );
  });

  it('shows key figures as a definition list, notes beside their value', () => {
    expect(html).toContain(
      '<dl class="brief-figures"><div><dt>Target</dt><dd>100,000</dd></div>' +
        '<div><dt>Matched on time</dt><dd>45,540<span class="brief-note"> ready by the line’s RDD</span></dd></div>' +
        '<div><dt>P(target met)</dt><dd>20.0%</dd></div></dl>',
    );
  });

  it('draws a table with its caption, column headers and right-aligned figures', () => {
    const table = html.slice(html.indexOf('<table'), html.indexOf('</table>'));
    expect(table).toContain('<caption>Personnel by nation</caption>');
    expect(table).toContain(
      '<thead><tr><th scope="col">Nation</th><th scope="col" class="num">Offered</th>' +
        '<th scope="col" class="num">Matched</th></tr></thead>',
    );
    expect(table).toContain('<tr><td>France</td><td class="num">12,000</td><td class="num">10,400</td></tr>');
    expect(html).toContain('aria-label="Personnel by nation (scrollable)"');
  });

  it('shows each SVG as an image of a base64 data: URI with its alternative text, never as markup', () => {
    const images = [...html.matchAll(/<img [^>]*>/g)].map((m) => m[0]);
    const svgs = pack.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'svg');
    expect(images).toHaveLength(svgs.length);
    for (const [i, block] of svgs.entries()) {
      const uri = `data:image/svg+xml;base64,${Buffer.from(block.svg, 'utf8').toString('base64')}`;
      expect(images[i]).toContain(`src="${uri}"`);
      expect(images[i]).toContain(`alt="${block.alt}"`);
      expect(images[i]).toContain(`width="${block.width}" height="${block.height}"`);
      expect(html).toContain(`<figcaption>${block.caption}</figcaption>`);
    }
    expect(html).not.toContain('<svg');
    expect(html).not.toContain('style=');
  });

  it('encodes an SVG’s UTF-8 bytes, so non-ASCII text survives the round trip', () => {
    for (const svg of [CHART_SVG, MAP_SVG, 'x'.repeat(70_000) + '€']) {
      const uri = svgDataUri(svg);
      const decoded = Buffer.from(uri.slice('data:image/svg+xml;base64,'.length), 'base64').toString('utf8');
      expect(decoded).toBe(svg);
    }
  });

  it('escapes text: markup in a pack is shown as written', () => {
    expect(html).not.toContain('<script>');
    expect(html).toContain('Sources &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; assumptions');
    expect(text(html)).toContain(MARKUP_TEXT);
  });
});

function panel(u: UserView, briefs = [briefSummary('coalition', 2, '2025-03-16T09:30:00Z')]): string {
  const client = new ApiClient({ fetch: () => Promise.reject(new Error('no request in a static render')) });
  return renderToStaticMarkup(
    <ApiClientProvider client={client}>
      <BriefMakePanel
        scenarioId={SCENARIO_ID}
        user={u}
        nations={NATIONS}
        candidates={CANDIDATES}
        briefs={briefs}
        onMade={() => undefined}
      />
    </ApiClientProvider>,
  );
}

const options = (html: string) => [...html.matchAll(/<option value="([^"]+)"/g)].map((m) => m[1]);

describe('BriefMakePanel: who may make which pack', () => {
  it('offers a liaison officer the coalition, the public and its own nation only', () => {
    const html = panel(user('liaison', 'GBR'));
    expect(options(html)).toEqual(['coalition', 'public', 'rel-to:GBR']);
    expect(html).toContain('<option value="rel-to:GBR">Releasable to GBR — rel-to:GBR</option>');
    expect(html).not.toContain('rel-to:EST');
  });

  it('offers coalition staff every audience, a release to each of the scenario’s nations', () => {
    expect(options(panel(user('planner')))).toEqual([
      'staff',
      'coalition',
      'public',
      'rel-to:EST',
      'rel-to:FRA',
    ]);
    expect(panel(user('administrator'))).toContain('Releasable to EST (Estonia) — rel-to:EST');
  });

  it('shows an observer no form and says why', () => {
    const html = panel(user('observer'));
    expect(options(html)).toEqual([]);
    expect(html).not.toContain('<form');
    expect(text(html)).toContain('Observers read the public packs kept below but do not make packs');
  });

  it('lists the scenarios to compare, the BLUF, a recommendation row and the draws', () => {
    const t = text(panel(user('planner')));
    expect(t).toContain('Courses of action to compare');
    expect(t).toContain('US backstop What-ifs: The US gives a backstop Germany joins');
    expect(t).toContain('Bottom line up front (BLUF)');
    expect(t).toContain('Recommendation 1 Remove');
    expect(t).toContain('Monte Carlo draws');
    expect(t).toContain('Make the pack');
  });
});

const FORM: BriefForm = {
  audience: 'coalition',
  variants: ['us-backstop', 'germany-joins'],
  bluf: `  ${BLUF} `,
  recommendations: ['', RECOMMENDATIONS[0]!, '  ', RECOMMENDATIONS[1]!],
  draws: '2000',
};

describe('the request and its refusal', () => {
  it('sends the summary trimmed, blank recommendation rows left out, and the draws as a number', () => {
    const built = briefRequestOf(FORM);
    expect(built.request).toEqual({
      audience: 'coalition',
      variants: ['us-backstop', 'germany-joins'],
      summary: { bluf: BLUF, recommendations: RECOMMENDATIONS },
      draws: 2000,
    });
    expect(built.rows).toEqual([1, 3]);
    expect(checkBriefRequest(built)).toEqual({ errors: {}, general: [] });
    expect(briefRequestOf(emptyBriefForm('public')).request).toEqual({ audience: 'public', variants: [] });
  });

  it('refuses before sending what the contract refuses, at the field', () => {
    const built = briefRequestOf({ ...FORM, bluf: 'x'.repeat(4001), draws: 'many' });
    const { errors } = checkBriefRequest(built);
    expect(errors.bluf).toBe('Must be at most 4,000 characters.');
    expect(errors.draws).toMatch(/^Must be a whole number of draws/);
    expect(checkBriefRequest(briefRequestOf({ ...FORM, draws: '5' })).errors.draws).toBeDefined();
  });

  it('puts a 400’s issues at the fields they name: a variant by its id, a recommendation by its row', () => {
    const built = briefRequestOf(FORM);
    const error = new ApiError(400, 'invalid', 'invalid', [
      { path: 'audience', message: 'you may make packs only for coalition, public, rel-to:GBR' },
      { path: 'variants[1]', message: 'names no scenario you may see ("germany-joins")' },
      { path: 'summary.recommendations[1]', message: 'must be at most 1,000 characters' },
      { path: 'seed', message: 'is not a known field' },
    ]);
    const { errors, problem } = briefFailure(error, built);
    expect(errors).toEqual({
      audience: 'You may make packs only for coalition, public, rel-to:GBR.',
      [variantKey('germany-joins')]: 'Names no scenario you may see ("germany-joins").',
      'recommendation:3': 'Must be at most 1,000 characters.',
    });
    expect(problem).toEqual({ kind: 'issues', issues: [{ path: 'seed', message: 'is not a known field' }] });

    const html = formView({ errors, problem });
    const germany = html.slice(
      html.indexOf('Germany joins</label>'),
      html.indexOf('</li>', html.indexOf('Germany joins</label>')),
    );
    expect(text(germany)).toContain('Names no scenario you may see ("germany-joins").');
    const row4 = html.slice(html.indexOf('Recommendation 4</label>'));
    expect(text(row4.slice(0, row4.indexOf('</li>')))).toContain('Must be at most 1,000 characters.');
    expect(text(html)).toContain('The pack was not made: seed : is not a known field');
  });

  it('says the scenario changed (409) and offers to try again', () => {
    const problem = briefFailure(
      new ApiError(409, 'conflict', 'scenario changed while the pack was made; try again'),
      briefRequestOf(FORM),
    ).problem;
    expect(problem?.kind).toBe('conflict');
    const t = text(formView({ problem }));
    expect(t).toContain('The scenario changed while the pack was being made, so it was not kept');
    expect(t).toContain('Try again');
  });

  it('says what it is doing while the pack is made, and what it made', () => {
    expect(text(formView({ sending: true, elapsed: 4 }))).toContain(
      'Making the coalition pack: every analysis runs on what its audience may see, then the charts and the map are drawn. This takes a few seconds (4 s so far).',
    );
    expect(text(formView({ made: brief() }))).toContain(
      'Made coalition v2, marked COALITION: it is kept below and shown in the preview.',
    );
  });
});

function formView(
  state: {
    errors?: FormErrors;
    problem?: BriefProblem | null;
    sending?: boolean;
    elapsed?: number;
    made?: ReturnType<typeof brief>;
    prefilledFrom?: string;
  } = {},
): string {
  return renderToStaticMarkup(
    <BriefMakeFormView
      options={[{ value: 'coalition', label: 'All coalition nations — coalition' }]}
      candidates={CANDIDATES}
      form={FORM}
      errors={state.errors ?? {}}
      problem={state.problem ?? null}
      sending={state.sending ?? false}
      elapsed={state.elapsed ?? 0}
      prefilledFrom={state.prefilledFrom ?? null}
      made={state.made ?? null}
      onChange={() => undefined}
      onSubmit={() => undefined}
    />,
  );
}

describe('the summary taken over from the newest pack', () => {
  it('reads the planner’s BLUF and recommendations back from a pack', () => {
    expect(summaryOfPack(briefPack())).toEqual({ bluf: BLUF, recommendations: RECOMMENDATIONS });
  });

  it('takes nothing from a pack that wrote its own bottom line', () => {
    expect(summaryOfPack(packWithoutSummary())).toEqual({ bluf: '', recommendations: [] });
  });

  it('says which pack the summary came from', () => {
    expect(text(formView({ prefilledFrom: 'coalition v2' }))).toContain(
      'Filled in from coalition v2, the newest pack of this audience: edit it for the next version.',
    );
  });
});

describe('BriefPacksTable', () => {
  const briefs = [
    briefSummary('public', 1, '2025-03-14T08:00:00Z', 11),
    briefSummary('coalition', 2, '2025-03-16T09:30:00Z', 12),
    briefSummary('rel-to:GBR', 1, '2025-03-15T10:00:00Z', null),
  ];
  const html = renderToStaticMarkup(
    <BriefPacksTable
      briefs={briefs}
      selected={{ audience: 'coalition', version: 2 }}
      onPreview={() => undefined}
      hrefOf={(b, format, download) =>
        `/api/scenarios/${SCENARIO_ID}/briefs/${encodeURIComponent(b.audience)}/${b.version}/${format}${download ? '?download=1' : ''}`
      }
    />,
  );
  const rows = [...html.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => text(m[1]!)).slice(1);

  it('lists the packs newest first, with who made each, when, its hash and content version', () => {
    expect(rows.map((r) => r.split(' ').slice(0, 2).join(' '))).toEqual([
      'coalition 2',
      'rel-to:GBR 1',
      'public 1',
    ]);
    expect(rows[0]).toContain('planner');
    expect(rows[0]).toContain(briefs[1]!.contentHash.slice(0, 12));
    expect(rows[0]).not.toContain(briefs[1]!.contentHash.slice(0, 13));
    expect(rows[0]).toContain(' 12 ');
    expect(rows[1]).toContain(' — ');
    expect(html).toContain(`title="SHA-256 ${briefs[1]!.contentHash}"`);
  });

  it('links each pack’s PDF to download and its HTML, and marks the one previewed', () => {
    expect(html).toContain(
      `<a href="/api/scenarios/${SCENARIO_ID}/briefs/rel-to%3AGBR/1/pdf?download=1" download="" aria-label="Download the PDF of rel-to:GBR v1">Download PDF</a>`,
    );
    expect(html).toContain(`href="/api/scenarios/${SCENARIO_ID}/briefs/coalition/2/html" target="_blank"`);
    expect(html).toContain('aria-label="Preview coalition v2" aria-pressed="true"');
    expect(html).toContain('aria-label="Preview public v1" aria-pressed="false"');
  });

  it('leaves out the content version column when no pack gives one', () => {
    const plain = renderToStaticMarkup(
      <BriefPacksTable briefs={[briefs[2]!]} onPreview={() => undefined} hrefOf={() => '#'} />,
    );
    expect(plain).not.toContain('Content version');
    expect(html).toContain('Content version');
  });
});

describe('the previewed pack in the address', () => {
  it('reads and writes the audience and version', () => {
    expect(readPackRef('?audience=rel-to:GBR&version=3')).toEqual({ audience: 'rel-to:GBR', version: 3 });
    expect(readPackRef('?audience=secret&version=3')).toBeNull();
    expect(readPackRef('?audience=public&version=0')).toBeNull();
    expect(packSearch('?x=1', { audience: 'rel-to:GBR', version: 3 })).toBe(
      '?x=1&audience=rel-to:GBR&version=3',
    );
    expect(packSearch('?audience=public&version=1', null)).toBe('');
  });
});
