// The Cost page rendered to static HTML from a cost analysis the domain computed (cost-test-fixtures):
// the headline figures, each nation against its pledges and GDP with the burden ratio marked above 1,
// the domain and mode tables, every rate with its conversion and provenance (the UN source linked, a
// `javascript:` URL never), the notes, the partial notice, the controls, and a force that costs
// nothing. Every expected figure is read from the fixture through the page's own formats.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import {
  COST_DOMAIN_LABELS,
  COST_MODE_LABELS,
  describeConversion,
  formatBurdenRatio,
  formatCoverage,
  formatEurCompact,
  formatEurExact,
  formatEurRate,
  formatLoads,
  formatMeur,
  formatRateGiven,
} from '../components/cost-format.ts';
import { formatNumber } from '../format.ts';
import { StaticRouterProvider } from '../router.tsx';
import { CostView, readCostOptions, type CostOptions } from './cost-page.tsx';
import {
  FRA_RATE,
  LAND_RATE,
  NOTES,
  PERSONNEL_RATE,
  SEA_RATE,
  UN_PUBLICATION,
  UN_URL,
  costAnswer,
  costResult,
} from './cost-test-fixtures.ts';
import { formatShare } from './funding-format.ts';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const render = (answer = costAnswer(), options: CostOptions = {}) =>
  renderToStaticMarkup(
    <StaticRouterProvider path="/scenarios/s1/cost">
      <CostView
        envelope={answer}
        assumptions={{ usBackstop: false, allowLate: false }}
        onAssumptionsChange={() => undefined}
        options={options}
        onOptionsChange={() => undefined}
      />
    </StaticRouterProvider>,
  );

/** The HTML of the table with this caption. */
function table(html: string, caption: string): string {
  const at = html.indexOf(`>${caption}</caption>`);
  expect(at, caption).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf('<table', at), html.indexOf('</table>', at));
}

/** The text of one table row, found by the text its row header starts with. */
function row(tableHtml: string, header: string): string {
  const at = tableHtml.indexOf(`<th scope="row">${header}`);
  expect(at, header).toBeGreaterThan(-1);
  const start = tableHtml.lastIndexOf('<tr>', at);
  return tableHtml.slice(start, tableHtml.indexOf('</tr>', start));
}

/** The text of the headline figure with this label. */
function figure(html: string, label: string): string {
  const at = html.indexOf(`>${label}</p>`);
  expect(at, label).toBeGreaterThan(-1);
  const start = html.lastIndexOf('<div role="group"', at);
  const next = html.indexOf('<div role="group"', at);
  return text(html.slice(start, next === -1 ? html.indexOf('</section>', at) : next));
}

describe('CostView', () => {
  const answer = costAnswer();
  const r = answer.result;
  const c = r.coalition;
  const html = render(answer);

  it('gives the headline figures: per month, transport, total, pledges, the gaps, coverage and GDP', () => {
    expect(c.total).toBeGreaterThan(0);
    expect(figure(html, 'Cost per month')).toContain(
      `${formatEurCompact(c.perMonth)} ${formatEurExact(c.perMonth)} Personnel ${formatEurCompact(c.personnelPerMonth)}, sustainment ${formatEurCompact(c.sustainmentPerMonth)} ${formatNumber(c.personnel)} personnel matched`,
    );
    expect(figure(html, 'Deployment transport')).toContain(
      `${formatEurCompact(c.transport)} ${formatEurExact(c.transport)} Once: ${formatLoads(c.loads)} loads`,
    );
    expect(figure(html, `Total over ${r.months} months`)).toContain(
      `${formatEurCompact(c.total)} ${formatEurExact(c.total)}`,
    );
    expect(figure(html, 'Pledged')).toBe(
      `Pledged ${formatEurCompact(c.pledged.committed)} committed ${formatEurExact(c.pledged.committed)} Allocated ${formatEurCompact(c.pledged.allocated)}, delivered ${formatEurCompact(c.pledged.delivered)}`,
    );
    // The pledges fall short of the cost at every stage: both gaps are shortfalls, in red.
    expect(c.gap.committed).toBeGreaterThan(0);
    expect(figure(html, 'Gap against committed')).toContain(
      `${formatEurCompact(c.gap.committed)} ${formatEurExact(c.gap.committed)} Cost the pledges committed do not cover`,
    );
    expect(figure(html, 'Gap against delivered')).toContain(
      `${formatEurExact(c.gap.delivered)} Cost the pledges delivered do not cover Against allocated: ${formatEurCompact(c.gap.allocated)}`,
    );
    expect(html).toMatch(
      /class="figure figure-shortfall"[^>]*><p class="figure-label"[^>]*>Gap against committed/,
    );
    expect(figure(html, 'Pledges cover')).toContain(formatCoverage(c.coverage));
    expect(formatCoverage(1.0921)).toBe('109.2%');
    expect(figure(html, 'Cost over coalition GDP')).toContain(
      `${formatShare(c.costShareOfGdp)} The total over ${r.months} months against one year’s GDP`,
    );
    expect(figure(html, 'Cost over coalition GDP')).toContain(formatEurCompact(c.gdpEur));
  });

  it('shows a surplus in green where the pledges exceed the cost', () => {
    const short = costResult(1);
    expect(short.coalition.gap.committed).toBeLessThan(0);
    const page = render(costAnswer(short));
    expect(figure(page, 'Gap against committed')).toContain(
      `${formatEurCompact(short.coalition.gap.committed)} ${formatEurExact(short.coalition.gap.committed)} Pledges committed exceed the cost`,
    );
    expect(formatEurCompact(short.coalition.gap.committed)).toMatch(/^−€/);
    expect(page).toMatch(
      /class="figure figure-surplus"[^>]*><p class="figure-label"[^>]*>Gap against committed/,
    );
    expect(figure(page, 'Total over 1 month')).toContain(formatEurExact(short.coalition.total));
  });

  it('draws cost against pledges, labelled, with its figures as a table', () => {
    expect(html).toContain(
      `role="img" aria-label="Coalition cost over ${r.months} months against pledges: cost ${formatEurCompact(c.total)}; pledged ${formatEurCompact(c.pledged.committed)} committed`,
    );
    const chartTable = table(html, `Cost over ${r.months} months and pledges, € million`);
    expect(text(row(chartTable, 'Coalition'))).toBe(
      [
        'Coalition',
        formatMeur(c.personnelPerMonth * r.months),
        formatMeur(c.sustainmentPerMonth * r.months),
        formatMeur(c.transport),
        formatMeur(c.total),
        formatMeur(c.pledged.delivered),
        formatMeur(c.pledged.allocated),
        formatMeur(c.pledged.committed),
      ].join(' '),
    );
  });

  it('lists each nation with a cost or pledge: cost, pledges, gap, shares and burden ratio', () => {
    const nations = table(html, 'Cost by nation');
    const shown = r.nations.filter((n) => n.total > 0 || n.pledged.committed > 0);
    expect(shown.map((n) => n.nation)).toEqual(['GBR', 'FRA', 'EST', 'DEU']);
    for (const n of shown) {
      const ratio = n.burdenRatio;
      expect(text(row(nations, n.name))).toBe(
        [
          n.name,
          n.nation,
          formatNumber(n.personnel),
          formatMeur(n.perMonth),
          formatMeur(n.transport),
          formatMeur(n.total),
          formatMeur(n.pledged.committed),
          formatMeur(n.gapCommitted),
          formatShare(n.shareOfCoalitionCost),
          formatShare(n.shareOfCoalitionGdp),
          ratio !== null && ratio > 1
            ? `▲ ${formatBurdenRatio(ratio)} (more than its share of GDP)`
            : formatBurdenRatio(ratio),
          formatShare(n.costShareOfGdp),
          formatShare(n.contributionShareOfGdp),
        ].join(' '),
      );
      expect(row(nations, n.name).includes('cost-burden-over')).toBe(ratio !== null && ratio > 1);
    }
    // Some nations carry more than their weight, Germany (no unit) less; Estonia's GDP is unknown.
    expect(shown.some((n) => (n.burdenRatio ?? 0) > 1)).toBe(true);
    expect(shown.some((n) => n.burdenRatio !== null && n.burdenRatio < 1)).toBe(true);
    expect(shown.find((n) => n.nation === 'EST')!.burdenRatio).toBeNull();
    // Germany pledges and fields nothing: its gap is negative, a surplus; France's is a shortfall.
    expect(row(nations, 'Germany')).toContain('cost-surplus-text');
    expect(row(nations, 'France')).toContain('shortfall-text');
    // Ranked by total, largest first, and sortable.
    expect(nations).toMatch(
      /<th scope="col" aria-sort="descending" class="num"><button type="button" class="sort-button">Total/,
    );
    expect(text(html)).toContain('Neither cost nor pledge (1 nation): Italy.');
  });

  it('gives the cost per domain and the transport per mode', () => {
    const domains = table(html, 'Cost by domain');
    expect(r.domains.map((d) => d.domain)).toEqual(['land', 'air']);
    for (const d of r.domains) {
      expect(text(row(domains, COST_DOMAIN_LABELS[d.domain]))).toBe(
        [
          COST_DOMAIN_LABELS[d.domain],
          formatNumber(d.personnel),
          formatMeur(d.personnelPerMonth),
          formatMeur(d.sustainmentPerMonth),
          formatMeur(d.perMonth),
          formatLoads(d.loads),
          formatMeur(d.transport),
          formatMeur(d.total),
        ].join(' '),
      );
    }
    const modes = table(html, 'Deployment transport by mode');
    expect(r.modes.map((m) => m.mode)).toEqual(['road', 'rail', 'air', 'sea']);
    for (const m of r.modes) {
      expect(text(row(modes, COST_MODE_LABELS[m.mode]))).toBe(
        `${COST_MODE_LABELS[m.mode]} ${formatLoads(m.loads)} ${formatMeur(m.transport)}`,
      );
    }
    // A share of a load (part of an offer costed) keeps its decimal.
    expect(formatLoads(7.5)).toBe('7.5');
  });

  it('gives every rate as given, in euros with its exchange rate, who sets it and its source', () => {
    const rates = table(html, 'Rates used');
    const un = row(rates, 'Personnel<');
    expect(text(un)).toBe(
      `Personnel person per month ${formatRateGiven(PERSONNEL_RATE)} ${formatEurRate(PERSONNEL_RATE.eur)} ${describeConversion(PERSONNEL_RATE)} Default Source: ${UN_PUBLICATION} , 5 Jul 2018 A floor, not the full cost.`,
    );
    expect(describeConversion(PERSONNEL_RATE)).toBe('€0.885 per USD, 2025');
    expect(un).toContain(
      `<a href="${UN_URL}" target="_blank" rel="noreferrer noopener">${UN_PUBLICATION}</a>`,
    );
    expect(text(row(rates, 'Personnel, France'))).toBe(
      `Personnel, France person per month ${formatRateGiven(FRA_RATE)} ${formatEurRate(FRA_RATE.eur)} in euros Nation’s own Assumption: ${FRA_RATE.assumption}`,
    );
    const land = row(rates, 'Sustainment, land');
    expect(text(land)).toBe(
      `Sustainment, land person per month ${formatRateGiven(LAND_RATE)} ${formatEurRate(LAND_RATE.eur)} ${describeConversion(LAND_RATE)} Scenario Source: ${LAND_RATE.source!.publication} , 1 Nov 2024`,
    );
    expect(land).not.toContain('<a ');
    expect(text(row(rates, 'Transport, road'))).toContain(
      'Default Assumption: Planning assumption: one road serial',
    );
    // A source whose URL is not http(s) is named, never linked.
    const sea = row(rates, 'Transport, sea');
    expect(text(sea)).toContain(
      `${formatEurRate(SEA_RATE.eur)} in euros Scenario Source: ${SEA_RATE.source!.publication}`,
    );
    expect(html).not.toContain('javascript:');
  });

  it('gives the notes of the analysis', () => {
    const notes = text(html.slice(html.indexOf('>Notes</h2>')));
    for (const n of NOTES) expect(notes).toContain(n);
  });

  it('says the figures are partial first, and only when they are', () => {
    expect(html).not.toContain('notice-partial');
    const partial = render(costAnswer(costResult(), { partial: true }));
    expect(text(partial)).toContain('Figures count only the records releasable to you.');
    expect(partial.indexOf('notice-partial')).toBeLessThan(partial.indexOf('Assumptions'));
  });

  it('keeps the basis and months in its controls, and says which months were costed', () => {
    expect(html).toMatch(/<option value="matched" selected="">Matched by the fill<\/option>/);
    expect(html).toContain(`placeholder="${r.months}"`);
    expect(text(html)).toContain(
      `Personnel costed: matched by the fill, over ${r.months} months (the longest requirement line’s duration).`,
    );
    const chosen = render(costAnswer(costResult(6), { basis: 'offered' }), { basis: 'offered', months: 6 });
    expect(chosen).toMatch(/<option value="offered" selected="">Offered \(not withdrawn\)<\/option>/);
    expect(chosen).toMatch(/name="months" value="6"/);
    expect(text(chosen)).toContain('Personnel costed: offered (not withdrawn), over 6 months.');
    expect(figure(chosen, 'Cost per month')).toContain('personnel offered');
  });

  it('renders a force that costs nothing: no coverage, empty tables, the pledges still there', () => {
    const nothing = costResult(12, true);
    expect(nothing.coalition.total).toBe(0);
    expect(nothing.coalition.coverage).toBeNull();
    const page = render(costAnswer(nothing));
    expect(figure(page, 'Pledges cover')).toBe(
      'Pledges cover – Nothing to cover: the force costs nothing as counted',
    );
    expect(page).not.toMatch(/class="figure figure-[a-z]+"[^>]*><p class="figure-label"[^>]*>Pledges cover/);
    expect(figure(page, 'Total over 12 months')).toContain(formatEurExact(0));
    expect(text(table(page, 'Cost by domain'))).toContain('No unit is costed.');
    expect(text(table(page, 'Deployment transport by mode'))).toContain('No load is moved.');
    // The United Kingdom still pledges: its row is there, its gap all surplus.
    const gbr = nothing.nations.find((n) => n.nation === 'GBR')!;
    expect(text(row(table(page, 'Cost by nation'), 'United Kingdom'))).toContain(
      formatMeur(gbr.gapCommitted),
    );
    expect(page).not.toContain('>Notes</h2>');
  });
});

describe('readCostOptions', () => {
  it('reads a basis and months the API accepts, and leaves out the rest', () => {
    expect(readCostOptions('?basis=offered&months=6')).toEqual({ basis: 'offered', months: 6 });
    expect(readCostOptions('?basis=matched&months=120')).toEqual({ basis: 'matched', months: 120 });
    expect(readCostOptions('')).toEqual({});
    expect(readCostOptions('?basis=all&months=0')).toEqual({});
    expect(readCostOptions('?months=121')).toEqual({});
    expect(readCostOptions('?months=6.5')).toEqual({});
    expect(readCostOptions('?basis=toString')).toEqual({});
  });
});
