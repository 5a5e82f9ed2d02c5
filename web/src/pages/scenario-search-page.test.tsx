// The search results, a record's page and the CSV links rendered to static HTML: what a reader sees
// and where each link leads.
import { renderToStaticMarkup } from 'react-dom/server';
import type { ReactNode } from 'react';
import { describe, expect, it } from 'vitest';
import { ApiClient, type SearchResult, type StoredRecord } from '../api-client.ts';
import { CsvDownloads } from '../components/csv-downloads.tsx';
import { StaticRouterProvider } from '../router.tsx';
import { ApiClientProvider } from '../use-api.tsx';
import { RecordView } from './record-page.tsx';
import { ScenarioSearchForm } from './scenario-layout.tsx';
import { SearchResultsView, highlight, searchTextOf } from './scenario-search-page.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

const inRouter = (node: ReactNode, path = '/scenarios/s1/search', search = '') =>
  renderToStaticMarkup(
    <StaticRouterProvider path={path} search={search}>
      {node}
    </StaticRouterProvider>,
  );

const result: SearchResult = {
  items: [
    {
      kind: 'offers',
      key: 'OFF-FRA-1',
      label: 'FRA offers 1 × MECH-INF-BN (offered)',
      field: 'caveats.excludedSectors',
      snippet: 'Kyiv; Kyiv oblast',
    },
    {
      kind: 'rotationPolicies',
      key: 'GBR',
      label: 'GBR rotation: 6-month tours',
      field: 'assumption',
      snippet: '…planned from Kyiv…',
    },
  ],
  truncated: false,
};

describe('SearchResultsView', () => {
  it('lists each hit with its kind, a link to its page, the field and the match marked', () => {
    const html = inRouter(<SearchResultsView scenarioId="s1" query="kyiv" result={result} partial={false} />);
    expect(text(html)).toContain('2 records match “kyiv”.');
    expect(html).toContain(
      '<a href="/scenarios/s1/records/offers/OFF-FRA-1">FRA offers 1 × MECH-INF-BN (offered)</a>',
    );
    expect(html).toContain('href="/scenarios/s1/records/rotation-policies/GBR"');
    expect(text(html)).toContain('Offer FRA offers 1 × MECH-INF-BN (offered) OFF-FRA-1');
    expect(text(html)).toContain('Rotation policy');
    expect(html).toContain('caveats.excludedSectors:</span> <mark>Kyiv</mark>; <mark>Kyiv</mark> oblast');
    expect(html).not.toContain('releasable');
  });

  it('says when nothing matched, when there is more, and that only releasable records were searched', () => {
    const none = inRouter(
      <SearchResultsView scenarioId="s1" query="zzz" result={{ items: [], truncated: false }} partial />,
    );
    expect(text(none)).toContain('No records match “zzz”.');
    expect(text(none)).toContain('Only records releasable to you were searched.');
    expect(none).not.toContain('<ol');
    const more = inRouter(
      <SearchResultsView
        scenarioId="s1"
        query="kyiv"
        result={{ items: result.items.slice(0, 1), truncated: true }}
        partial={false}
      />,
    );
    expect(text(more)).toContain('Showing the first 1 record that match “kyiv”; more match');
  });
});

describe('highlight and searchTextOf', () => {
  it('marks every occurrence whatever its case, and escapes nothing itself', () => {
    expect(renderToStaticMarkup(<>{highlight('Air and AIR', 'air')}</>)).toBe(
      '<mark>Air</mark> and <mark>AIR</mark>',
    );
    expect(renderToStaticMarkup(<>{highlight('<b>x</b>', 'x')}</>)).toBe('&lt;b&gt;<mark>x</mark>&lt;/b&gt;');
    expect(renderToStaticMarkup(<>{highlight('abc', '')}</>)).toBe('abc');
  });

  it('reads the text from the query string', () => {
    expect(searchTextOf('?q=%20air+cover%20')).toBe('air cover');
    expect(searchTextOf('')).toBe('');
  });
});

describe('RecordView', () => {
  it('lists the fields under the names of the CSV columns', () => {
    const offer = {
      id: 'OFF-1',
      nation: 'GBR',
      capability: 'MECH-INF-BN',
      quantity: 2,
      personnel: 1200,
      tonnes: 8000,
      readiness: { level: 'L2', daysToReady: 30 },
      status: 'offered',
      caveats: { excludedSectors: ['Kyiv', 'Odesa'], allowedTasks: [], requiresUsBackstop: false },
      releasability: { level: 'COALITION', nations: [] },
      version: 2,
      createdAt: '2025-03-02T00:00:00.000Z',
      updatedAt: '2025-03-03T00:00:00.000Z',
    } as unknown as StoredRecord<'offers'>;
    const html = renderToStaticMarkup(<RecordView kind="offers" recordKey="OFF-1" record={offer} />);
    expect(html).toContain('aria-label="Offer OFF-1"');
    expect(html).toContain('<dt>readiness.level</dt><dd>L2</dd>');
    expect(html).toContain('<dt>caveats.excludedSectors</dt><dd>Kyiv; Odesa</dd>');
    expect(html).toContain('<dt>releasability.level</dt><dd>COALITION</dd>');
    expect(html).not.toContain('caveats.notes');
  });
});

const noNetwork = new ApiClient({ fetch: () => Promise.reject(new Error('no network in tests')) });

describe('CsvDownloads', () => {
  it('links each kind of record to its CSV file, to be downloaded', () => {
    const html = renderToStaticMarkup(
      <ApiClientProvider client={noNetwork}>
        <CsvDownloads scenarioId="article-2025-03" />
      </ApiClientProvider>,
    );
    expect(text(html)).toMatch(
      /^Download CSV .* Nations Stance entries Capabilities Requirement lines Offers/,
    );
    expect(html).toContain(
      '<a href="/api/scenarios/article-2025-03/offers.csv" download="" aria-label="Download offers as CSV">Offers</a>',
    );
    expect(html).toContain('href="/api/scenarios/article-2025-03/rotation-policies.csv"');
    expect(html).toContain('href="/api/scenarios/article-2025-03/force-list.csv"');
    expect(html).toContain('href="/api/scenarios/article-2025-03/red-lines.csv"');
    expect(html).toContain('href="/api/scenarios/article-2025-03/risks.csv"');
    expect(html.match(/ download=""/g)).toHaveLength(13);
  });
});

describe('the scenario search box', () => {
  const form = (onSearchPage: boolean) =>
    inRouter(
      <ScenarioSearchForm scenarioId="s1" onSearchPage={onSearchPage} />,
      '/scenarios/s1/search',
      '?q=kyiv',
    );

  it('is a labelled search form, showing the text being searched for on the search page only', () => {
    const html = form(true);
    expect(html).toMatch(/^<form role="search" aria-label="Search this scenario"/);
    const id = /<input[^>]* id="([^"]+)"/.exec(html)?.[1];
    expect(html).toContain(`<label for="${id}">Search records</label>`);
    expect(html).toMatch(
      /<input[^>]* type="search"[^>]* maxLength="200" required=""[^>]* name="q" value="kyiv"/,
    );
    expect(html).toMatch(/<button type="submit" class="button">Search<\/button>/);
    expect(form(false)).toContain('value=""');
  });
});
