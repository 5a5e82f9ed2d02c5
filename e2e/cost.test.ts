// The Cost page in a real browser against the real server, as a planner walks it for the reference
// scenario: the Cost tab (right after Funding), the headline total and the gap against what is
// committed equal to the API's answer, every nation of the API in the table, then personnel costed as
// offered over 6 months (both kept in the address) and the figures following to the API's answer for
// those parameters, and the personnel rate with its UN source (General Assembly resolution 72/285)
// linked. Every figure is compared with what the API answers the same user in the same page.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AnalysisAnswer } from '../src/contract/analyses/index.ts';
import { formatEurCompact, formatEurExact, formatMeur } from '../web/src/components/cost-format.ts';
import {
  analysisInPage,
  browserAvailability,
  browserSession,
  groupText,
  openScenario,
  openScenarioSection,
  rowText,
  saveScreenshot,
  unlessBrowser,
  watchCspViolations,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';

/** Waits until the headline figures are those of `api`: the total over its months and both gaps. */
async function checkHeadline(page: Page, api: AnalysisAnswer<'cost'>): Promise<void> {
  const c = api.result.coalition;
  const total = page.getByRole('group', { name: `Total over ${api.result.months} months`, exact: true });
  await total.getByText(formatEurExact(c.total), { exact: true }).waitFor();
  // Nothing is left recomputing: the whole page is the answer for these parameters.
  await page.locator('.answer:not(.is-recomputing)').waitFor();
  expect(await groupText(page, `Total over ${api.result.months} months`)).toContain(
    `${formatEurCompact(c.total)} ${formatEurExact(c.total)}`,
  );
  expect(await groupText(page, 'Gap against committed')).toContain(
    `${formatEurCompact(c.gap.committed)} ${formatEurExact(c.gap.committed)}`,
  );
  expect(await groupText(page, 'Gap against delivered')).toContain(formatEurExact(c.gap.delivered));
  expect(await groupText(page, 'Cost per month')).toContain(formatEurExact(c.perMonth));
  expect(await groupText(page, 'Pledged')).toContain(formatEurExact(c.pledged.committed));
}

describe('the Cost page', unlessBrowser(browserCheck), () => {
  const session = browserSession(browserCheck, ARTICLE);

  it('shows the cost against the pledges, follows basis and months, and cites the UN rate', async () => {
    const page = await session.signedIn('planner');
    const violations = await watchCspViolations(page);
    await openScenario(page, session.server.url, session.scenarioName);

    // The tab sits right after Funding.
    const nav = page.getByRole('navigation', { name: 'Scenario sections' });
    const tabs = (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
    expect(tabs.indexOf('Cost')).toBe(tabs.indexOf('Funding') + 1);
    await openScenarioSection(page, 'Cost');
    expect(new URL(page.url()).pathname).toBe(`/scenarios/${ARTICLE}/cost`);

    const api = await analysisInPage(page, ARTICLE, 'cost');
    expect(api.parameters.basis).toBe('matched');
    expect(api.result.coalition.total).toBeGreaterThan(0);
    await checkHeadline(page, api);

    // Every nation with a cost or a pledge, its total and gap as the API has them.
    const nations = page.getByRole('table', { name: 'Cost by nation' });
    for (const n of api.result.nations.filter((x) => x.total > 0 || x.pledged.committed > 0)) {
      const text = await rowText(nations, n.name);
      expect(text, n.nation).toContain(`${formatMeur(n.total)} ${formatMeur(n.pledged.committed)}`);
      expect(text, n.nation).toContain(formatMeur(n.gapCommitted));
    }
    await page.getByRole('img', { name: /^Coalition cost over \d+ months against pledges/ }).waitFor();
    await saveScreenshot(page, 'cost-page');

    // Personnel as offered, over 6 months: the address keeps both, the figures follow the API.
    await page.getByLabel('Personnel costed').selectOption('offered');
    await page.waitForURL((url) => url.searchParams.get('basis') === 'offered');
    await page.getByLabel('Months costed').fill('6');
    await page.getByRole('button', { name: 'Apply', exact: true }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('months') === '6' && url.searchParams.get('basis') === 'offered',
    );
    const offered = await analysisInPage(page, ARTICLE, 'cost', { basis: 'offered', months: '6' });
    expect(offered.parameters).toMatchObject({ basis: 'offered', months: 6 });
    expect(offered.result.coalition.total).not.toBe(api.result.coalition.total);
    await checkHeadline(page, offered);

    // The personnel rate: the UN's, as given in USD, converted, and its source linked.
    const rates = page.getByRole('table', { name: 'Rates used' });
    const un = offered.result.rates.personnelPerMonth;
    expect(un.source?.publication).toMatch(/72\/285/);
    // Named by its first cells, so a nation's own rate ("Personnel, France") is not taken for it.
    const personnel = await rowText(rates, 'Personnel person per month');
    expect(personnel).toContain(`${un.currency} ${un.amount.toLocaleString('en-GB')}`);
    expect(personnel).toContain('General Assembly resolution 72/285');
    const link = rates.getByRole('link', { name: /General Assembly resolution 72\/285/ });
    expect(await link.getAttribute('href')).toBe(un.source!.url);
    await saveScreenshot(page, 'cost-page-offered');

    // Nothing on the page needs an inline style, eval or a remote asset.
    expect(violations).toEqual([]);
  });
});
