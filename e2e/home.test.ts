// The home page and the scenario overview in a real browser against the real server, seeded with
// the reference scenarios: what a planner sees when opening the tool (after signing in).
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../src/server/test-server.ts';
import { formatDate } from '../web/src/format.ts';
import {
  browserAvailability,
  groupText,
  launchBrowser,
  newPage,
  openHome,
  openScenario,
  rowText,
  saveScreenshot,
  scenarioFacts,
  type ScenarioFacts,
  signIn,
  startApp,
  unlessBrowser,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';

describe('home page and scenario overview', unlessBrowser(browserCheck), () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let pageErrors: Error[];
  let article: ScenarioFacts;
  let articleName: string;

  beforeAll(async () => {
    if (!browserCheck.run) return;
    server = await startApp();
    browser = await launchBrowser(browserCheck.executablePath);
    ({ page, errors: pageErrors } = await newPage(browser));
    await signIn(page, 'planner', { baseUrl: server.url });
    article = await scenarioFacts(server, ARTICLE);
    articleName = article.name;
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('lists the reference scenarios in the Scenarios table', async () => {
    const table = await openHome(page, server.url);
    expect(await page.title()).toBe('Scenarios · Coalition Planner');
    await page.getByRole('banner').getByRole('navigation', { name: 'Main' }).waitFor();
    expect(
      await page.getByRole('banner').getByRole('region', { name: 'Signed in user' }).innerText(),
    ).toMatch(/Test planner\s+Planner/);
    // Header row plus one row per reference scenario.
    expect(await table.getByRole('row').count()).toBeGreaterThanOrEqual(3);
    expect(await rowText(table, articleName)).toContain('100,000');
    await saveScreenshot(page, 'home');
  });

  it('opens a scenario by its name and shows mission, figures and nations', async () => {
    await openScenario(page, server.url, articleName);
    expect(new URL(page.url()).pathname).toBe(`/scenarios/${ARTICLE}`);

    // textContent, not innerText: labels are styled in capitals, which innerText would report.
    const main = (await page.getByRole('main').textContent()) ?? '';
    expect(main).toContain(`Mission${article.missionName}`);
    expect(main).toContain(`As of${formatDate(article.asOf)}`);
    expect(await groupText(page, 'Force target')).toContain('100,000');
    // The headline figures under their one names (the figures analysis; see e2e/figures.test.ts).
    for (const label of [
      'Offered',
      'Counting',
      'Matched on time',
      'Matched late',
      'Shortfall against target',
    ])
      expect(await groupText(page, label)).toMatch(/\d personnel/);

    const nations = page.getByRole('table', { name: 'Nations' });
    for (const name of ['United Kingdom', 'France', 'Estonia', 'Latvia', 'Lithuania']) {
      expect(await rowText(nations, name)).toContain(name);
    }
    expect(await rowText(nations, 'Germany')).toMatch(/cautious/i);
    expect(await rowText(nations, 'United States')).toMatch(/absent/i);

    const byStance = page.getByRole('list', { name: /^Nations by stance/ });
    expect(await byStance.getByRole('listitem', { name: /^Absent: [1-9]/ }).count()).toBe(1);
    await saveScreenshot(page, 'scenario');
  });

  it('sorts the nations by personnel offered when the header is clicked', async () => {
    const nations = page.getByRole('table', { name: 'Nations' });
    const header = nations.getByRole('columnheader', { name: 'Personnel offered' });
    await header.getByRole('button').click();
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    // innerText separates cells with tabs; the last cell is personnel offered ("8,000" then "in 2 offers").
    const rows = (await nations.getByRole('row').allInnerTexts()).slice(1);
    const offered = rows.map((r) =>
      Number(/^[\d,]+/.exec(r.split('\t').at(-1) ?? '')?.[0].replace(/,/g, '')),
    );
    expect(offered.length).toBeGreaterThan(5);
    expect(offered.every(Number.isFinite)).toBe(true);
    expect(offered).toEqual([...offered].sort((a, b) => b - a));
  });

  it('returns to the list with the browser back button', async () => {
    await page.goBack();
    await page.getByRole('table', { name: 'Scenarios' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/');
    await page.goForward();
    await page.getByRole('heading', { level: 1, name: articleName }).waitFor();
  });

  it('says clearly when a scenario does not exist', async () => {
    await page.goto(new URL('/scenarios/no-such-scenario', server.url).href);
    await page.getByRole('heading', { level: 1, name: 'Scenario not found' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('no-such-scenario');
    await page.getByRole('link', { name: 'Back to all scenarios' }).click();
    await page.getByRole('table', { name: 'Scenarios' }).waitFor();
  });

  it('fits a narrow screen', async () => {
    const narrow = await newPage(browser, { width: 390, height: 844 });
    await signIn(narrow.page, 'planner', { baseUrl: server.url });
    await openScenario(narrow.page, server.url, articleName);
    // The page itself must not scroll sideways; wide tables scroll inside their own box.
    const overflow = await narrow.page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await saveScreenshot(narrow.page, 'scenario-narrow');
    expect(narrow.errors).toEqual([]);
    await narrow.page.close();
  });

  it('raised no script errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
