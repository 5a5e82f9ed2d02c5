// The analysis pages in a real browser against the real server: the dashboard, the force generation
// matrix and the resilience page, opened through the scenario's section navigation as a planner
// would. Every figure checked is compared with what the API answers for the same user in the same
// page (fetch with the session cookie), so the test follows the data rather than restating it.
// Also: the assumptions re-query, the matrix filters, "what if Germany stays out", a 390px screen
// that must not scroll sideways, and a liaison officer's partial figures.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HEADLINE_FIGURE_KEYS, HEADLINE_FIGURES } from '../src/domain/analysis/headline-figures.ts';
import type { TestServer } from '../src/server/test-server.ts';
import type { AnalysisAnswer, AnalysisKind } from '../web/src/api-client.ts';
import { formatProbability } from '../web/src/components/analysis-common.tsx';
import { formatNumber } from '../web/src/format.ts';
import {
  apiAs,
  browserAvailability,
  groupText,
  launchBrowser,
  newPage,
  openScenario,
  saveScreenshot,
  scenarioFacts,
  signIn,
  startApp,
  unlessBrowser,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const browserSkip = unlessBrowser(browserCheck);
const ARTICLE = 'article-2025-03';
/** An offer only France may see: a British liaison officer's figures leave it out, unannounced. */
const FRENCH_OFFER = 'OFF-FRA-E2E-A';

/** The analysis as the signed-in user of `page` gets it from the API. */
async function apiInPage<K extends AnalysisKind>(
  page: Page,
  kind: K,
  query: Record<string, string> = {},
): Promise<AnalysisAnswer<K>> {
  const qs = new URLSearchParams(query).toString();
  const path = `/api/scenarios/${ARTICLE}/analysis${kind === 'dashboard' ? '' : `/${kind}`}${qs ? `?${qs}` : ''}`;
  return page.evaluate(async (url) => {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    return res.json();
  }, path) as Promise<AnalysisAnswer<K>>;
}

/** Clicks a link of the scenario's section navigation. */
async function openSection(page: Page, label: string): Promise<void> {
  await page
    .getByRole('navigation', { name: 'Scenario sections' })
    .getByRole('link', { name: label, exact: true })
    .click();
  await page
    .getByRole('navigation', { name: 'Scenario sections' })
    .locator('a[aria-current="page"]', { hasText: label })
    .waitFor();
}

/** Waits until the labelled figure shows `text` (after a re-query), then returns its text. */
async function figureShowing(page: Page, name: string, text: string): Promise<string> {
  await page.getByRole('group', { name, exact: true }).filter({ hasText: text }).waitFor();
  return groupText(page, name);
}

/** How far the page scrolls sideways (0 or less: it fits). */
async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

interface StoredOffer {
  id: string;
  version: number;
  createdAt?: string;
  updatedAt?: string;
  [field: string]: unknown;
}

describe('analysis pages: dashboard, force generation matrix, resilience', browserSkip, () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: Error[][] = [];
  let articleName: string;

  beforeAll(async () => {
    if (!browserCheck.run) return;
    server = await startApp();
    browser = await launchBrowser(browserCheck.executablePath);
    articleName = (await scenarioFacts(server, ARTICLE)).name;
    const template = await apiAs<StoredOffer>(
      server,
      'planner',
      'GET',
      `/api/scenarios/${ARTICLE}/offers/OFF-GBR-01`,
    );
    const { version: _v, createdAt: _c, updatedAt: _u, ...fields } = template;
    await apiAs(server, 'planner', 'POST', `/api/scenarios/${ARTICLE}/offers`, {
      ...fields,
      id: FRENCH_OFFER,
      nation: 'FRA',
      personnel: 100,
      releasability: { level: 'REL_TO', nations: ['FRA'] },
    });
    const opened = await newPage(browser);
    page = opened.page;
    pageErrors.push(opened.errors);
    await signIn(page, 'planner', { baseUrl: server.url });
    await openScenario(page, server.url, articleName);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('leads the scenario navigation with the dashboard, whose figures are the API’s', async () => {
    const nav = page.getByRole('navigation', { name: 'Scenario sections' });
    const links = (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
    expect(links[0]).toBe('Dashboard');
    expect(links).toEqual(expect.arrayContaining(['Overview', 'Force generation', 'Resilience']));

    await openSection(page, 'Dashboard');
    expect(new URL(page.url()).pathname).toBe(`/scenarios/${ARTICLE}/dashboard`);
    expect(await page.title()).toBe(`Dashboard · ${articleName} · Coalition Planner`);
    await page.getByRole('group', { name: 'Force target', exact: true }).waitFor();
    const api = await apiInPage(page, 'dashboard');
    const d = api.result;
    expect(api.partial).toBe(false);
    expect(await page.getByRole('note').count()).toBe(0);

    // Every headline figure, under its one name, with its value and its definition.
    for (const key of HEADLINE_FIGURE_KEYS) {
      const { label, definition } = HEADLINE_FIGURES[key];
      const shown = await groupText(page, label);
      expect(shown).toContain(`${formatNumber(d.force.values[key])} personnel`);
      expect(shown).toContain(definition);
    }
    const empty = await groupText(page, 'Lines empty without the US');
    expect(empty).toContain(`${d.risks.linesEmptiedWithoutUs.length} lines`);
    for (const line of d.risks.linesEmptiedWithoutUs) expect(empty).toContain(line);
    const sustainable = await groupText(page, 'Sustainable personnel');
    expect(sustainable).toContain(`${formatNumber(d.risks.sustainable.indefinitely)} indefinitely`);
    expect(sustainable).toContain(`${formatNumber(d.risks.sustainable.months6)} for 6 months`);
    expect(sustainable).toContain(`${formatNumber(d.risks.sustainable.months12)} for 12 months`);
    const worst = d.risks.biggestWithdrawal;
    expect(worst).not.toBeNull();
    const worstText = await groupText(page, 'Worst single-nation withdrawal');
    expect(worstText).toContain(`(${worst!.nation})`);
    expect(worstText).toContain(`${formatNumber(worst!.personnelMatchedLost)} matched personnel lost`);
    expect(await groupText(page, 'Probability the target is met')).toContain(
      formatProbability(d.risks.probabilityTargetMet),
    );
    expect(await groupText(page, 'Committed')).toContain('€');
    // Nations by stance, each count with its stance's name.
    const stances = page.getByRole('list', { name: /^Nations by stance/ });
    expect(await stances.getByRole('listitem', { name: `Lead: ${d.stances.lead}` }).count()).toBe(1);
    expect(await stances.getByRole('listitem', { name: `Absent: ${d.stances.absent}` }).count()).toBe(1);
    // The chart is drawn (SVG) and labelled; its figures are also in the caption.
    const chart = page.getByRole('img', { name: /^Bar chart: target/ });
    await chart.locator('svg').waitFor();
    expect(await page.locator('figcaption').first().innerText()).toContain(
      formatNumber(d.force.values.matchedOnTime),
    );
    await saveScreenshot(page, 'dashboard');
  });

  it('re-queries the dashboard when the US backstop is switched on', async () => {
    const withUs = (await apiInPage(page, 'dashboard', { usBackstop: 'true' })).result;
    await page.getByRole('checkbox', { name: 'US backstop' }).check();
    await page.waitForURL((url) => url.searchParams.get('usBackstop') === 'true');
    // Counting moves with the backstop (the conditional offers count); wait for it, then read the rest.
    await figureShowing(page, 'Counting', `${formatNumber(withUs.force.values.counting)} personnel`);
    const matched = await figureShowing(
      page,
      'Matched on time',
      `${formatNumber(withUs.force.values.matchedOnTime)} personnel`,
    );
    expect(matched).toContain(formatNumber(withUs.force.values.matchedOnTime));
    expect(await groupText(page, 'Counting')).toContain(
      `${formatNumber(withUs.force.values.counting)} personnel`,
    );
    await page.getByRole('checkbox', { name: 'US backstop' }).uncheck();
    await page.waitForURL((url) => !url.searchParams.has('usBackstop'));
  });

  it('shows the force generation matrix with the API’s lines, filters by domain and lists unmatched offers', async () => {
    await openSection(page, 'Force generation');
    const table = page.getByRole('table', { name: 'Force generation matrix' });
    await table.waitFor();
    const api = await apiInPage(page, 'fill');
    const report = api.result;
    const bodyRows = table.locator('tbody > tr');
    expect(await bodyRows.count()).toBe(report.lines.length);

    // One line, cell by cell: required, filled, shortfall, status and each nation's units.
    const line = report.lines.find((l) => l.status === 'partial' && l.nations.length > 1) ?? report.lines[0]!;
    const row = table.getByRole('row', { name: new RegExp(`^${line.line}\\b`) });
    const cells = (await row.locator('td').allInnerTexts()).map((c) => c.replace(/\s+/g, ' ').trim());
    expect(cells[0]).toBe(String(line.priority));
    expect(cells[1]).toContain(formatNumber(line.required.quantity));
    expect(cells[1]).toContain(formatNumber(line.required.personnel));
    expect(cells[2]).toContain(formatNumber(line.filled.quantity));
    expect(cells[3]).toContain(`−${formatNumber(line.shortfall.quantity)} short`);
    expect(cells[4]).toContain('Partly filled');
    const nationHeaders = (await table.locator('thead th').allInnerTexts()).map((t) =>
      t.replace(/[↕▲▼]/g, '').trim(),
    );
    for (const n of line.nations) {
      const col = nationHeaders.indexOf(n.nation);
      expect(col).toBeGreaterThan(0);
      expect(cells[col - 1]).toContain(formatNumber(n.quantity));
      expect(cells[col - 1]).toContain(formatNumber(n.personnel));
    }
    // Late assignments say so in text.
    if (report.totals.lateQuantity > 0)
      expect(await table.getByText(/\d+ late, \+\d+ d/).count()).toBeGreaterThan(0);

    // Totals of the figures above the matrix.
    expect(await groupText(page, 'Personnel matched')).toContain(
      formatNumber(report.totals.personnelMatched),
    );
    expect(await groupText(page, 'Shortfall against the lines')).toContain(
      formatNumber(report.totals.shortfallAgainstLines),
    );

    // Filters: one domain, then short lines only.
    await page.getByRole('combobox', { name: 'Domain' }).selectOption({ label: 'Air' });
    const air = report.lines.filter((l) => l.domain === 'air');
    await expect.poll(() => bodyRows.count(), { timeout: 120_000 }).toBe(air.length);
    await page.getByRole('checkbox', { name: 'Short lines only' }).check();
    await expect
      .poll(() => bodyRows.count(), { timeout: 120_000 })
      .toBe(air.filter((l) => l.status !== 'filled').length);
    await page.getByRole('combobox', { name: 'Domain' }).selectOption({ label: 'All domains' });
    await page.getByRole('checkbox', { name: 'Short lines only' }).uncheck();
    await expect.poll(() => bodyRows.count(), { timeout: 120_000 }).toBe(report.lines.length);

    // Sorting by shortfall puts the largest first.
    await table.getByRole('button', { name: /^Shortfall/ }).click();
    const biggest = Math.max(...report.lines.map((l) => l.shortfall.quantity));
    expect((await bodyRows.first().locator('td').nth(3).innerText()).replace(/\s+/g, ' ')).toContain(
      `−${formatNumber(biggest)} short`,
    );

    const unmatched = page.getByRole('table', { name: 'Offers not matched' });
    expect(await unmatched.locator('tbody > tr').count()).toBe(report.unmatchedOffers.length);
    const first = report.unmatchedOffers[0]!;
    expect(
      await unmatched.getByRole('row', { name: new RegExp(`^${first.offer}\\b`) }).innerText(),
    ).toContain(first.explanation);
    const byNation = page.getByRole('table', { name: 'Totals by nation' });
    expect(await byNation.locator('tbody > tr').count()).toBe(report.byNation.length);
    const byDomain = page.getByRole('table', { name: 'Totals by domain' });
    expect(await byDomain.locator('tbody > tr').count()).toBe(report.byDomain.length);
    await page.getByRole('button', { name: /^Requirement line/ }).click(); // back to line order for the picture
    await saveScreenshot(page, 'force-matrix');
  });

  it('shows the resilience Monte Carlo and answers “what if Germany stays out”', async () => {
    await openSection(page, 'Resilience');
    await page.getByRole('group', { name: 'Probability the target is met', exact: true }).waitFor();
    const api = await apiInPage(page, 'resilience');
    const mc = api.result.monteCarlo;
    expect(await groupText(page, 'Probability the target is met')).toContain(
      formatProbability(mc.probabilityTargetMet),
    );
    const median = await groupText(page, 'Personnel matched, median (P50)');
    expect(median).toContain(formatNumber(mc.personnelMatched.p50));
    expect(median).toContain(`P10 ${formatNumber(mc.personnelMatched.p10)}`);
    expect(median).toContain(`P90 ${formatNumber(mc.personnelMatched.p90)}`);
    expect(await groupText(page, 'Force target')).toContain(formatNumber(mc.personnelTarget));
    const histogram = page.getByRole('img', { name: /^Histogram of personnel matched/ });
    await histogram.locator('svg').waitFor();
    expect(await histogram.getAttribute('aria-label')).toContain(
      `P50 ${formatNumber(mc.personnelMatched.p50)}`,
    );
    expect(await page.getByRole('textbox', { name: 'Draws' }).inputValue()).toBe(String(mc.draws));
    expect(await page.getByRole('textbox', { name: 'Seed' }).inputValue()).toBe(String(mc.seed));

    // Each line's chance of being filled.
    const lines = page.getByRole('table', { name: 'Chance each line is filled' });
    expect(await lines.locator('tbody > tr').count()).toBe(mc.lines.length);
    const someLine = mc.lines[0]!;
    expect(await lines.getByRole('row', { name: new RegExp(`^${someLine.line}\\b`) }).innerText()).toContain(
      formatProbability(someLine.probabilityFilled),
    );

    // The withdrawal table has every nation; picking Germany spells out its case.
    const withdrawals = page.getByRole('table', { name: 'Withdrawal table' });
    expect(await withdrawals.locator('tbody > tr').count()).toBe(api.result.withdrawals.nations.length);
    const deu = api.result.withdrawals.nations.find((n) => n.nation === 'DEU');
    expect(deu).toBeDefined();
    expect(await withdrawals.locator('#withdrawal-DEU').innerText()).toContain(
      formatNumber(deu!.personnelOffered),
    );
    await saveScreenshot(page, 'resilience');

    await page.getByRole('combobox', { name: 'Nation' }).selectOption({ value: 'DEU' });
    const story = page.getByRole('region', { name: /^If Germany \(DEU\) stays out/ });
    await story.waitFor();
    expect(await withdrawals.locator('tbody > tr').count()).toBe(1);
    const storyText = (await story.innerText()).replace(/\s+/g, ' ');
    if (deu!.contribution.quantity === 0) {
      expect(storyText).toContain('Nothing changes');
      expect(storyText).toContain(`${formatNumber(deu!.personnelOffered)} personnel offered`);
    } else {
      expect(storyText).toContain(`${formatNumber(deu!.lost.personnel)} matched personnel`);
    }
    // With a US backstop Germany's offers count: its withdrawal now costs the coalition.
    const withUs = await apiInPage(page, 'resilience', { usBackstop: 'true' });
    const deuWithUs = withUs.result.withdrawals.nations.find((n) => n.nation === 'DEU')!;
    await page.getByRole('checkbox', { name: 'US backstop' }).check();
    await page.waitForURL((url) => url.searchParams.get('usBackstop') === 'true');
    if (deuWithUs.contribution.quantity > 0) {
      await story
        .filter({ hasText: `${formatNumber(deuWithUs.lost.personnel)} matched personnel` })
        .waitFor();
    }
    await saveScreenshot(page, 'resilience-germany');
    await page.getByRole('checkbox', { name: 'US backstop' }).uncheck();
    await page.waitForURL((url) => !url.searchParams.has('usBackstop'));
  });

  it('runs the Monte Carlo again with the draws and seed given', async () => {
    const api = await apiInPage(page, 'resilience', { draws: '2000', seed: '7' });
    await page.getByRole('textbox', { name: 'Draws' }).fill('2000');
    await page.getByRole('textbox', { name: 'Seed' }).fill('7');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForURL(
      (url) => url.searchParams.get('draws') === '2000' && url.searchParams.get('seed') === '7',
    );
    const median = await figureShowing(
      page,
      'Probability the target is met',
      `Share of ${formatNumber(2000)} draws (seed 7)`,
    );
    expect(median).toContain(formatProbability(api.result.monteCarlo.probabilityTargetMet));
    expect(await groupText(page, 'Personnel matched, median (P50)')).toContain(
      formatNumber(api.result.monteCarlo.personnelMatched.p50),
    );
    // A bad number is refused beside the field, without asking the API.
    await page.getByRole('textbox', { name: 'Draws' }).fill('0');
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    expect(await page.getByRole('alert').innerText()).toContain('Draws must be a whole number');
    expect(new URL(page.url()).searchParams.get('draws')).toBe('2000');
  });

  it('fits a 390px screen: the page does not scroll sideways, the matrix scrolls in its box', async () => {
    const narrow = await newPage(browser, { width: 390, height: 844 });
    pageErrors.push(narrow.errors);
    await signIn(narrow.page, 'planner', { baseUrl: server.url });
    for (const [slug, shot, ready] of [
      ['dashboard', 'dashboard-narrow', 'Force target'],
      ['force-generation', 'force-matrix-narrow', 'Personnel matched'],
      ['resilience', 'resilience-narrow', 'Probability the target is met'],
    ] as const) {
      await narrow.page.goto(new URL(`/scenarios/${ARTICLE}/${slug}`, server.url).href);
      await narrow.page.getByRole('group', { name: ready, exact: true }).waitFor();
      await narrow.page.locator('.chart-canvas svg, table').first().waitFor();
      expect(await sidewaysOverflow(narrow.page), slug).toBeLessThanOrEqual(0);
      await saveScreenshot(narrow.page, shot);
    }
    // The matrix is wider than the screen and scrolls inside its own box, its line names in view.
    const box = narrow.page.getByRole('group', { name: 'Force generation matrix (scrollable)' });
    await narrow.page.goto(new URL(`/scenarios/${ARTICLE}/force-generation`, server.url).href);
    await box.waitFor();
    const widths = await box.evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(widths.scroll).toBeGreaterThan(widths.client);
    await box.evaluate((el) => el.scrollBy({ left: 400 }));
    const firstHeader = box.locator('tbody th[scope="row"]').first();
    const boxLeft = (await box.boundingBox())!.x;
    expect(Math.abs((await firstHeader.boundingBox())!.x - boxLeft)).toBeLessThan(3);
    await narrow.page.close();
  });

  it('tells a liaison officer the figures are partial', async () => {
    const liaison = await newPage(browser);
    pageErrors.push(liaison.errors);
    await signIn(liaison.page, 'liaison-gbr', { baseUrl: server.url });
    await openScenario(liaison.page, server.url, articleName);
    for (const [label, kind] of [
      ['Dashboard', 'dashboard'],
      ['Force generation', 'fill'],
      ['Resilience', 'resilience'],
    ] as const) {
      await openSection(liaison.page, label);
      const notice = liaison.page.getByRole('note').filter({ hasText: 'releasable to you' });
      await notice.waitFor();
      const api = await apiInPage(liaison.page, kind);
      expect(api.partial).toBe(true);
      // One fixed sentence: nothing in it says how many records, or of what kind, were left out.
      expect(await notice.innerText()).toBe('Figures count only the records releasable to you.');
      if (kind === 'dashboard') {
        const { result } = await apiInPage(liaison.page, 'dashboard');
        expect(await groupText(liaison.page, 'Offered')).toContain(formatNumber(result.force.values.offered));
        await saveScreenshot(liaison.page, 'dashboard-partial');
      }
    }
    await liaison.page.close();
  });

  it('shows the sustainment page with the API’s indefinite figure and what is lost without the US', async () => {
    await openSection(page, 'Sustainment');
    expect(new URL(page.url()).pathname).toBe(`/scenarios/${ARTICLE}/sustainment`);
    await page.getByRole('group', { name: 'Sustainable indefinitely', exact: true }).waitFor();
    const api = await apiInPage(page, 'sustainment');
    const indefinitely = api.result.coalition.sustainableFor.find((r) => r.horizon === 'indefinite');
    expect(indefinitely).toBeDefined();
    expect(await groupText(page, 'Sustainable indefinitely')).toContain(
      `${formatNumber(indefinitely!.personnel)} personnel`,
    );
    const byNation = page.getByRole('table', { name: 'Sustainment by nation' });
    expect(await byNation.locator('tbody > tr').count()).toBe(api.result.nations.length);
    const dependency = await apiInPage(page, 'dependency');
    await page.getByRole('group', { name: 'Personnel lost without the US', exact: true }).waitFor();
    expect(await groupText(page, 'Personnel lost without the US')).toContain(
      formatNumber(dependency.result.lacks.personnel),
    );
    await saveScreenshot(page, 'sustainment');
  });

  it('raised no script errors', () => {
    expect(pageErrors.flat()).toEqual([]);
  });
});
