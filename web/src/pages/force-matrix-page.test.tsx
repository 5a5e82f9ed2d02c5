// The force generation matrix rendered to static HTML from a fixture fill: lines against nations,
// shortfalls marked in words as well as colour, late assignments, filters (the nation filter from
// the URL among them), the scrolling box that keeps its headers in view, totals and the offers left
// over with their reasons.
import { readFileSync } from 'node:fs';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StaticRouterProvider } from '../router.tsx';
import { FILL_PARAMETERS, NAMES, envelope, fillReport } from './analysis-test-fixtures.ts';
import type { DomainFilter } from '../components/analysis-common.tsx';
import { ForceMatrixView, readNationFilter } from './force-matrix-page.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function view(
  options: { domain?: DomainFilter; shortOnly?: boolean; partial?: boolean; nations?: string[] } = {},
) {
  return renderToStaticMarkup(
    <StaticRouterProvider path="/scenarios/s1/force-generation">
      <ForceMatrixView
        envelope={envelope<'fill'>(FILL_PARAMETERS, fillReport(), options.partial)}
        names={NAMES}
        assumptions={{ usBackstop: false, allowLate: true }}
        onAssumptionsChange={() => undefined}
        initialDomain={options.domain}
        initialShortOnly={options.shortOnly}
        {...(options.nations && { nationFilter: options.nations })}
      />
    </StaticRouterProvider>,
  );
}

/** The HTML of the matrix table alone. */
function matrix(html: string): string {
  const start = html.indexOf('<table class="data-table matrix-table">');
  return html.slice(start, html.indexOf('</table>', start));
}

/** Text of the body row whose header starts with `line`. */
function row(html: string, line: string): string {
  const rows = matrix(html)
    .split('<tr')
    .filter((r) => r.includes(`<span class="line-id">${line}</span>`));
  expect(rows).toHaveLength(1);
  return `<tr${rows[0]}`;
}

describe('ForceMatrixView', () => {
  const html = view();

  it('has one row per requirement line and a column per contributing nation', () => {
    const body = matrix(html).slice(matrix(html).indexOf('<tbody>'), matrix(html).indexOf('</tbody>'));
    expect(body.match(/<th scope="row"/g)).toHaveLength(3);
    expect(matrix(html)).toContain('<abbr title="France">FRA</abbr>');
    // Germany fills nothing: no column, but it is in the totals and the offers left over.
    expect(matrix(html)).not.toContain('>DEU</abbr>');
    expect(html).toContain('<caption class="visually-hidden">Force generation matrix</caption>');
  });

  it('gives each line its required, filled, shortfall and status, in words', () => {
    expect(text(row(html, 'R-L-01'))).toBe(
      'R-L-01 MECH-INF-BN · Land Kyiv · reassurance · RDD C−14 1 3 1,950 personnel pers. 3 1,950 personnel pers. None Filled 100% of units, 100% of personnel 3 1,950 personnel pers. 1 late, +44 d 1 late',
    );
    const partial = row(html, 'R-L-02');
    expect(partial).toContain('class="is-short is-partial"');
    expect(text(partial)).toContain('−3 short 1,950 personnel');
    expect(text(partial)).toContain('Partly filled 25% of units');
    const empty = row(html, 'R-AD-01');
    expect(empty).toContain('class="is-short is-empty"');
    expect(text(empty)).toContain('Empty 0% of units, 0% of personnel');
    expect(text(empty)).toContain('none'); // the empty France cell says so to a screen reader
  });

  it('marks late assignments with how late', () => {
    expect(row(html, 'R-L-01')).toContain('title="Ready up to 44 days after the line’s required date"');
    expect(row(html, 'R-L-02')).not.toContain('late-mark');
  });

  it('totals the shown lines by nation', () => {
    const foot = matrix(html).slice(matrix(html).indexOf('<tfoot>'));
    expect(text(foot)).toBe(
      'Total 3 lines shown 9 4,810 personnel pers. 4 2,600 personnel pers. −5 2,210 personnel pers. 4 2,600 personnel pers. 1',
    );
  });

  it('filters to one domain, and to short lines only', () => {
    const air = view({ domain: 'air' });
    expect(text(matrix(air))).toContain('R-AD-01');
    expect(text(matrix(air))).not.toContain('R-L-01');
    expect(text(air)).toContain('Requirement lines by nation 1 of 3');
    expect(air).toMatch(/<option value="air" selected="">Air<\/option>/);
    // The German offer is for a land capability, so the air view has no offer left over.
    expect(text(air)).toContain('No offer is left over.');

    const short = view({ shortOnly: true });
    expect(text(matrix(short))).not.toContain('R-L-01');
    expect(text(matrix(short))).toContain('R-L-02');
    expect(text(matrix(short))).toContain('R-AD-01');
    expect(text(short)).toContain('Total 2 lines shown');

    const none = view({ domain: 'maritime' });
    expect(text(matrix(none))).toContain('No requirement lines match the filters.');
  });

  it('has sortable columns, the line name sticky in a scrolling box', () => {
    expect(html).toContain(
      'class="table-scroll matrix-scroll" tabindex="0" role="group" aria-label="Force generation matrix (scrollable)"',
    );
    expect(matrix(html).match(/class="sort-button"/g)!.length).toBe(1 + 5 + 1 + 1); // line, fixed, FRA, late
  });

  it('keeps the nation headers and the line column in view: the matrix scrolls in its own box', () => {
    // The box scrolls both ways (styles.css: .matrix-scroll), its header cells sticky at the top and
    // the line names at the left; it is focusable, so the keyboard scrolls it too.
    expect(html).toContain('<div class="table-scroll matrix-scroll" tabindex="0"');
    expect(matrix(html)).toMatch(
      /<thead><tr><th scope="col"><button type="button" class="sort-button">Requirement line/,
    );
    const css = readFileSync(new URL('../styles.css', import.meta.url), 'utf8');
    expect(css).toMatch(/\.matrix-scroll \{[^}]*max-height:[^}]*overflow: auto;/);
    expect(css).toMatch(/\.data-table thead th \{\s*position: sticky;\s*top: 0;/);
    expect(css).toMatch(/\.data-table tbody th\[scope='row'\] \{\s*position: sticky;\s*left: 0;/);
  });

  it('offers every nation with an offer as a filter, folded under the current choice', () => {
    const filter = html.slice(html.indexOf('<details class="nation-filter">'), html.indexOf('</details>'));
    expect(text(filter)).toBe(
      'Nations: all Show only these nations France (FRA) Germany (DEU) Show every nation',
    );
    expect(filter).toMatch(
      /<input id="[^"]+-FRA" type="checkbox"\/><label for="[^"]+-FRA">France \(FRA\)<\/label>/,
    );
    expect(filter).toContain('disabled="">Show every nation</button>');
  });

  it('filters to chosen nations: their columns, and the lines they fill or could fill', () => {
    // Germany fills nothing, but has six mechanised infantry battalions left over: its column shows,
    // with the land lines it could fill, and France's column does not.
    const deu = view({ nations: ['DEU'] });
    expect(matrix(deu)).toContain('<abbr title="Germany">DEU</abbr>');
    expect(matrix(deu)).not.toContain('>FRA</abbr>');
    expect(text(matrix(deu))).toContain('R-L-01');
    expect(text(matrix(deu))).toContain('R-L-02');
    expect(text(matrix(deu))).not.toContain('R-AD-01');
    expect(text(row(deu, 'R-L-02'))).toContain('none 6 left over');
    expect(text(deu)).toContain('Requirement lines by nation 2 of 3');
    expect(text(deu)).toContain(
      'Showing Germany (DEU): the lines it fills, or could fill with an offer left over.',
    );
    expect(deu).toMatch(/<input id="[^"]+-DEU" type="checkbox" checked=""\/>/);
    expect(text(deu)).toContain('Nations: DEU');

    const fra = view({ nations: ['FRA'] });
    expect(text(matrix(fra))).not.toContain('R-AD-01');
    expect(text(matrix(fra))).toContain('R-L-02');
    // Both: every line either fills or could fill, both columns, France (more matched) first.
    const both = view({ nations: ['DEU', 'FRA'] });
    expect(matrix(both).indexOf('>FRA</abbr>')).toBeLessThan(matrix(both).indexOf('>DEU</abbr>'));
    expect(text(both)).toContain('Showing France (FRA) and Germany (DEU)');
    expect(text(both)).toContain('Nations: FRA, DEU');
    // A code that names no nation with an offer changes nothing.
    expect(text(view({ nations: ['XYZ'] }))).toContain('Requirement lines by nation 3 ');
  });

  it('reads the nation filter from the URL', () => {
    expect(readNationFilter('?nations=FRA,DEU&usBackstop=true')).toEqual(['FRA', 'DEU']);
    expect(readNationFilter('?nations=FRA,fra,,FRA,<b>')).toEqual(['FRA']);
    expect(readNationFilter('')).toEqual([]);
  });

  it('lists offers not matched with the reason', () => {
    expect(html).toContain('<caption class="visually-hidden">Offers not matched</caption>');
    expect(text(html)).toContain(
      'OFF-DEU-01 Germany DEU MECH-INF-BN offered 6 of 6 3,900 Needs US backstop Requires a US backstop, which this analysis does not assume.',
    );
    expect(text(html)).toContain(
      '3,900 personnel in offers, or parts of offers, that fill no line, and why.',
    );
  });

  it('totals by nation and by domain', () => {
    expect(text(html)).toContain('France FRA 2,600 2,600 4 2,600 100%');
    expect(text(html)).toContain('Germany DEU 3,900 0 0 0 0%');
    expect(text(html)).toContain('Land 4 of 7 4,550 6,500 2,600 2,600 1,950 short');
    expect(text(html)).toContain('Air 0 of 2 260 0 0 0 260 short');
  });

  it('shows the fill totals and the assumptions used', () => {
    expect(text(html)).toContain('Requirement lines 1 of 3 filled 1 partly filled, 1 empty');
    expect(text(html)).toContain('Units filled 4 of 9 1 late');
    expect(text(html)).toContain(
      'Shortfall against the lines 2,210 personnel 97,400 short of the force target',
    );
    expect(text(html)).toContain('nations move on C+0.');
  });

  it('says when the figures are partial', () => {
    expect(html).not.toContain('role="note"');
    expect(text(view({ partial: true }))).toContain('Figures count only the records releasable to you.');
  });
});

describe('ForceMatrixView: personnel beside units, and offers that leave early', () => {
  it('gives the personnel share beside the unit share, and marks an offer that leaves before the task ends', () => {
    const report = fillReport();
    const first = report.lines[0]!;
    report.lines[0] = {
      ...first,
      personnelFillRatio: 700 / 1500,
      endDate: '2025-09-15' as never,
      assignments: first.assignments.map((a, i) => (i === 0 ? { ...a, expiresBeforeLineEnd: true } : a)),
    };
    const html = renderToStaticMarkup(
      <StaticRouterProvider path="/scenarios/s1/force-generation">
        <ForceMatrixView
          envelope={envelope<'fill'>(FILL_PARAMETERS, report)}
          names={NAMES}
          assumptions={{ usBackstop: false, allowLate: true }}
          onAssumptionsChange={() => undefined}
        />
      </StaticRouterProvider>,
    );
    const r = text(row(html, 'R-L-01'));
    expect(r).toContain('Filled 100% of units, 47% of personnel');
    expect(r).toContain('2 leave before 2025-09-15');
    expect(row(html, 'R-L-01')).toContain(
      'title="Offer valid until before the task ends on 2025-09-15: OFF-FRA-01"',
    );
  });
});
