// The force list view rendered to static HTML: the stored ULNs a page at a time, the download link,
// the import form and its refusal (every problem by line and column, nothing imported), generation
// with its replace confirmation, and what someone who may not replace the list sees.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiClient, ApiError, type StoredRecord } from '../api-client.ts';
import { StaticRouterProvider } from '../router.tsx';
import { ApiClientProvider } from '../use-api.tsx';
import { ForceListBody, ImportFailure, canReplaceForceList } from './deployment-force-list-page.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

const render = (node: ReactNode) =>
  renderToStaticMarkup(
    <ApiClientProvider client={new ApiClient({ baseUrl: 'http://host:1' })}>
      <StaticRouterProvider path="/scenarios/s1/deployment/force-list">{node}</StaticRouterProvider>
    </ApiClientProvider>,
  );

function uln(n: number, nation = 'GBR'): StoredRecord<'ulns'> {
  return {
    uln: `${nation}-${String(n).padStart(4, '0')}`,
    nation,
    capability: 'MECH-INF-BN',
    personnel: 650,
    tonnes: 2500,
    origin: 'GAR-TIDWORTH',
    ald: 30,
    ead: -3,
    lad: 0,
    rdd: 14,
    destination: 'DEST-LVIV',
    priority: 1,
    offer: 'OFF-GBR-01',
    line: 'R-L-01',
    version: 1,
    createdAt: '2025-03-02T00:00:00Z',
    updatedAt: '2025-03-02T00:00:00Z',
  } as unknown as StoredRecord<'ulns'>;
}

describe('the force list', () => {
  const ulns = [uln(2), uln(1), uln(1, 'FRA')];
  const html = render(
    <ForceListBody scenarioId="s1" tag="1-x" ulns={ulns} canReplace onChanged={() => undefined} />,
  );

  it('tables the stored ULNs in order, each linked to its record', () => {
    expect(text(html)).toContain('Force list 3');
    expect(text(html)).toContain('3 ULNs with 1,950 personnel and 7,500 t of equipment.');
    const at = html.indexOf('>Force list</caption>');
    const rows = text(html.slice(at, html.indexOf('</table>', at)));
    expect(rows).toContain(
      'FRA-0001 MECH-INF-BN 650 2,500 GAR-TIDWORTH C+30 C−3 C+0 C+14 DEST-LVIV 1 OFF-GBR-01 R-L-01 GBR-0001',
    );
    expect(html).toContain('<a href="/scenarios/s1/records/force-list/GBR-0002">GBR-0002</a>');
    expect(html).toMatch(/<label for="[^"]+-nation">Nation<\/label>/);
    expect(html).toMatch(/<label for="[^"]+-find">ULN or UTC contains<\/label>/);
  });

  it('links to the CSV download', () => {
    expect(html).toContain(
      '<a class="button" href="http://host:1/api/scenarios/s1/force-list.csv" download="">Download CSV</a>',
    );
  });

  it('has an import form with a labelled file field that says what the file replaces', () => {
    expect(html).toMatch(/<label for="[^"]+-file">Force list CSV file<\/label>/);
    expect(html).toContain('accept=".csv,text/csv"');
    expect(text(html)).toContain(
      'The file replaces the 3 stored ULNs; if any cell is wrong, nothing is imported.',
    );
    expect(html).toContain('>Import CSV</button>');
  });

  it('asks to confirm replacing the stored list before generating', () => {
    expect(html).toMatch(/<label for="[^"]+-replace">Replace the 3 stored ULNs<\/label>/);
    expect(html).toContain('>Generate from force fill</button>');
  });

  it('says when no list is stored, and generates without a confirmation then', () => {
    const empty = render(
      <ForceListBody scenarioId="s1" tag="1-x" ulns={[]} canReplace onChanged={() => undefined} />,
    );
    expect(text(empty)).toContain(
      'No force list is stored. The deployment plan generates one from the force-generation fill each time it runs',
    );
    expect(empty).not.toContain('Replace the');
    expect(empty).not.toContain('<table');
  });

  it('shows the list but not the import or generation to those who may not replace it', () => {
    const observer = render(
      <ForceListBody scenarioId="s1" tag="1-x" ulns={ulns} canReplace={false} onChanged={() => undefined} />,
    );
    expect(observer).not.toContain('Import CSV');
    expect(observer).not.toContain('Generate from force fill</button>');
    expect(observer).toContain('Download CSV');
    expect(canReplaceForceList({ role: 'planner' })).toBe(true);
    expect(canReplaceForceList({ role: 'administrator' })).toBe(true);
    expect(canReplaceForceList({ role: 'liaison' })).toBe(false);
    expect(canReplaceForceList({ role: 'observer' })).toBe(false);
  });

  it('pages a long list', () => {
    const many = Array.from({ length: 250 }, (_, i) => uln(i + 1));
    const long = render(
      <ForceListBody scenarioId="s1" tag="1-x" ulns={many} canReplace onChanged={() => undefined} />,
    );
    expect(text(long)).toContain('Rows 1–100 of 250 (page 1 of 3)');
    expect(long).toContain('Next 100 ULNs');
  });
});

describe('a refused import', () => {
  it('says nothing was imported and lists every problem by line and column', () => {
    const error = new ApiError(400, 'invalid', 'the request is invalid', [
      { path: 'line 3, column EAD', message: 'must not be after LAD' },
      { path: 'line 7, column ORIGIN', message: 'names unknown node "GAR-X"' },
    ]);
    const html = render(<ImportFailure error={error} />);
    expect(html).toContain('role="alert"');
    expect(text(html)).toBe(
      'Nothing was imported: the stored force list is unchanged. the request is invalid (HTTP 400, invalid) 2 problems in the file; correct them and import it again: line 3, column EAD : must not be after LAD line 7, column ORIGIN : names unknown node "GAR-X"',
    );
  });
});
