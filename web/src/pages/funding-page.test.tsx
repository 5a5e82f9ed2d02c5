// The Funding page rendered to static HTML from a burden report computed by the domain itself:
// figures by stage, each pledge with its rate and euros, pledges that could not be converted with
// the reason, the partial notice, rankings, and the pledge forms only for those allowed.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { analyseBurden } from '../../../src/domain/analysis/burden.ts';
import { ExchangeRates, parseExchangeRateTable } from '../../../src/domain/exchange-rates.ts';
import type { CurrencyCode, IsoDate, NationId, Personnel, PledgeId } from '../../../src/domain/ids.ts';
import type { PledgeStage } from '../../../src/domain/scenario-schema.ts';
import type { AnalysisAnswer, StoredRecord } from '../api-client.ts';
import { StaticRouterProvider } from '../router.tsx';
import { FundingView } from './funding-page.tsx';
import {
  describeRate,
  formatCompact,
  formatEur,
  formatMoneyCompact,
  formatPer100k,
  formatPerCapita,
  formatPeriod,
  formatShare,
} from './funding-format.ts';

const RATES = new ExchangeRates(
  parseExchangeRateTable({
    schemaVersion: 1,
    base: 'EUR',
    description: 'test table',
    source: { publication: 'test' },
    rates: [
      { currency: 'GBP', period: '2025-03', eurPerUnit: 1.2 },
      { currency: 'USD', period: '2024', eurPerUnit: 0.9 },
    ],
  }),
);

const nation = (id: string, name: string, gdp: number, population: number) => ({
  id: id as NationId,
  name,
  gdp: { value: gdp, currency: 'USD' as CurrencyCode, year: 2024, assumption: 'test' },
  population: { value: population, year: 2024, assumption: 'test' },
});

const pledge = (
  id: string,
  n: string,
  amount: number,
  currency: string,
  date: string,
  stage: PledgeStage,
) => ({
  id: id as PledgeId,
  nation: n as NationId,
  amount,
  currency: currency as CurrencyCode,
  date: date as IsoDate,
  stage,
});

const report = analyseBurden({
  nations: [nation('GBR', 'United Kingdom', 3.6e12, 69_100_000), nation('FRA', 'France', 3.2e12, 66_500_000)],
  pledges: [
    pledge('PLG-GBR-1', 'GBR', 1_600_000_000, 'GBP', '2025-03-02', 'committed'),
    pledge('PLG-FRA-1', 'FRA', 500_000_000, 'EUR', '2025-03-05', 'delivered'),
    pledge('PLG-FRA-2', 'FRA', 100, 'NOK', '2025-03-05', 'committed'),
  ],
  personnel: [
    { nation: 'GBR' as NationId, personnel: 20_810 as Personnel },
    { nation: 'FRA' as NationId, personnel: 20_960 as Personnel },
  ],
  rates: RATES,
  partial: true,
});

const burden: AnalysisAnswer<'burden'> = {
  scenario: 's1',
  asOf: '2025-03-02' as IsoDate,
  partial: true,
  parameters: {
    usBackstop: false,
    allowLate: true,
    minStatus: 'offered',
    asOf: '2025-03-02' as IsoDate,
    activationCDay: 0,
    excludeNations: [],
    basis: 'offered',
  },
  result: report,
};

const stored = [
  { ...pledge('PLG-GBR-1', 'GBR', 1_600_000_000, 'GBP', '2025-03-02', 'committed'), purpose: 'air defence' },
] as unknown as StoredRecord<'pledges'>[];

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

const render = (
  user: { role: 'planner' | 'liaison' | 'observer'; nation: string | null },
  answer: AnalysisAnswer<'burden'> = burden,
) =>
  renderToStaticMarkup(
    <StaticRouterProvider path="/scenarios/s1/funding">
      <FundingView scenarioId="s1" data={{ burden: answer, pledges: stored }} user={user} />
    </StaticRouterProvider>,
  );

/** The text of one table row, found by the text its row header starts with. */
const row = (html: string, header: string) => {
  const start = html.lastIndexOf('<tr>', html.indexOf(`<th scope="row">${header}`));
  return text(html.slice(start, html.indexOf('</tr>', start)));
};

describe('FundingView', () => {
  const html = render({ role: 'planner', nation: null });

  it('says the figures are partial and gives the coalition’s euros by stage', () => {
    expect(text(html)).toContain('Figures count only the records releasable to you.');
    expect(html.indexOf('notice-partial')).toBeLessThan(html.indexOf('Money by stage'));
    const whole = render({ role: 'planner', nation: null }, { ...burden, partial: false });
    expect(whole).not.toContain('notice-partial');
    expect(text(whole)).not.toContain('releasable');
    // 1.6bn GBP at 1.2 = 1.92bn EUR, plus 500m EUR delivered.
    expect(report.coalition.eur).toEqual({
      committed: 2_420_000_000,
      allocated: 500_000_000,
      delivered: 500_000_000,
    });
    expect(text(html)).toContain('Committed €2.42 bn €2,420,000,000 2 pledges converted');
    expect(text(html)).toContain('Allocated €500 m €500,000,000 21% of committed');
    expect(text(html)).toContain('Delivered €500 m €500,000,000 21% of committed');
    expect(text(html)).toContain('committed ⊇ allocated ⊇ delivered');
    // The charts are labelled images with their figures in words; drawn in the browser only.
    expect(html).toMatch(
      /role="img" aria-label="Coalition funding by stage: Committed €2.42 bn, Allocated €500 m, Delivered €500 m"/,
    );
  });

  it('lists each pledge with its purpose, the rate and period used, and its euros', () => {
    expect(row(html, '<span class="mono">PLG-GBR-1')).toBe(
      'PLG-GBR-1 air defence United Kingdom 2 Mar 2025 Committed GBP 1,600,000,000 €1.2 per GBP, Mar 2025 monthly average €1,920,000,000 Edit',
    );
    expect(row(html, '<span class="mono">PLG-FRA-1')).toBe(
      'PLG-FRA-1 France 5 Mar 2025 Delivered EUR 500,000,000 in euros €500,000,000 Edit',
    );
  });

  it('lists the pledges it could not convert, with the reason, outside every total', () => {
    const note = text(html.slice(html.indexOf('aria-label="Pledges not converted"')));
    expect(note).toContain(
      'PLG-FRA-2 (France, NOK 100, 5 Mar 2025 ): no EUR rate for NOK in 2025-03 or 2025 in the rate table',
    );
  });

  it('ranks nations against their means in a sortable table and in rankings', () => {
    expect(row(html, 'United Kingdom')).toBe(
      'United Kingdom €1,920,000,000 79% of coalition €0 €0 0.05926% €28 20,810 30.1',
    );
    expect(html).toMatch(
      /<th scope="col" aria-sort="descending" class="num"><button type="button" class="sort-button">Committed/,
    );
    const rankings = text(html.slice(html.indexOf('>Rankings<')));
    expect(rankings).toContain('EUR pledged United Kingdom €1,920,000,000 France €500,000,000');
    expect(rankings).toContain('Personnel France 20,960 United Kingdom 20,810');
  });

  it('offers the pledge forms to a planner for every pledge', () => {
    expect(html).toContain('href="/scenarios/s1/new/pledges?back=%2Fscenarios%2Fs1%2Ffunding"');
    expect(html).toContain('href="/scenarios/s1/edit/pledges/PLG-GBR-1?back=%2Fscenarios%2Fs1%2Ffunding"');
    expect(html).toContain('aria-label="Edit pledge PLG-FRA-2"');
  });

  it('offers a liaison officer its own nation’s pledges only, and an observer none', () => {
    const liaison = render({ role: 'liaison', nation: 'GBR' });
    expect(liaison).toContain(
      'href="/scenarios/s1/new/pledges?nation=GBR&amp;back=%2Fscenarios%2Fs1%2Ffunding"',
    );
    expect(liaison.match(/aria-label="Edit pledge [^"]+"/g)).toEqual(['aria-label="Edit pledge PLG-GBR-1"']);
    const observer = render({ role: 'observer', nation: null });
    expect(observer).not.toContain('/new/pledges');
    expect(observer).not.toContain('/edit/pledges');
  });
});

describe('funding formats', () => {
  it('writes compact money the British way', () => {
    expect(formatCompact(1_913_872_000)).toBe('1.91 bn');
    expect(formatCompact(69_100_000)).toBe('69.1 m');
    expect(formatCompact(999_600)).toBe('1 m');
    expect(formatCompact(3.6e12)).toBe('3.6 tn');
    expect(formatCompact(950)).toBe('950');
    expect(formatMoneyCompact(1.6e9, 'GBP')).toBe('£1.6 bn');
    expect(formatMoneyCompact(1.2e10, 'NOK')).toBe('12 bn NOK');
    expect(formatEur(1_913_872_000.4)).toBe('€1,913,872,000');
  });

  it('writes shares, per-capita and per-100k figures with the digits that matter', () => {
    expect(formatShare(0.000534)).toBe('0.0534%');
    expect(formatShare(0.0123)).toBe('1.23%');
    expect(formatShare(0.5)).toBe('50%');
    expect(formatShare(0)).toBe('0%');
    expect(formatShare(null)).toBe('–');
    expect(formatPerCapita(4.9452)).toBe('€4.95');
    expect(formatPerCapita(27.7)).toBe('€28');
    expect(formatPerCapita(0)).toBe('€0');
    expect(formatPerCapita(null)).toBe('–');
    expect(formatPer100k(16.49)).toBe('16.5');
    expect(formatPer100k(null)).toBe('–');
  });

  it('describes the rate a pledge was converted at', () => {
    expect(formatPeriod('2025-03')).toBe('Mar 2025');
    expect(formatPeriod('2025')).toBe('2025');
    expect(describeRate({ eurPerUnit: 1.19617, period: '2025-03', basis: 'monthly' }, 'GBP')).toBe(
      '€1.19617 per GBP, Mar 2025 monthly average',
    );
    expect(describeRate({ eurPerUnit: 0.9, period: '2024', basis: 'annual' }, 'USD')).toBe(
      '€0.9 per USD, 2024 annual average',
    );
    expect(describeRate({ eurPerUnit: 1, period: '2025', basis: 'par' }, 'EUR')).toBe('in euros');
  });
});
