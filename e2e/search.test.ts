// Searching a scenario and downloading its records as CSV, in a real browser against the real
// server: a liaison officer searches from the scenario's search box and finds only what is
// releasable to it, opens a hit, and downloads a CSV that holds no withheld record; the planner,
// searching for the same text, finds both records (the control).
import { readFile } from 'node:fs/promises';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../src/server/test-server.ts';
import {
  apiAs,
  browserAvailability,
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
const ARTICLE = 'article-2025-03';
/** Text both new offers share, and nothing else in the reference data has. */
const SHARED = 'harbour watch zq9';
const FRENCH_OFFER = 'OFF-FRA-ZQ9';
const BRITISH_OFFER = 'OFF-GBR-ZQ9';

interface StoredOffer {
  id: string;
  version: number;
  createdAt?: string;
  updatedAt?: string;
  [field: string]: unknown;
}

describe('searching a scenario and downloading CSV', unlessBrowser(browserCheck), () => {
  let server: TestServer;
  let browser: Browser;
  const pages: { page: Page; errors: Error[] }[] = [];
  let articleName: string;

  async function freshPage(): Promise<Page> {
    const p = await newPage(browser);
    pages.push(p);
    return p.page;
  }

  /** Types the text into the scenario's search box and waits for the results. */
  async function searchFor(page: Page, q: string): Promise<string> {
    const box = page.getByRole('search', { name: 'Search this scenario' });
    await box.getByLabel('Search records').fill(q);
    await box.getByRole('button', { name: 'Search' }).click();
    await page.waitForURL((url) => url.pathname.endsWith('/search') && url.searchParams.get('q') === q);
    const status = page.getByRole('region', { name: 'Search results' }).getByRole('status');
    await status.waitFor();
    return status.innerText();
  }

  const hitLinks = (page: Page) =>
    page.getByRole('region', { name: 'Search results' }).getByRole('listitem').getByRole('link');

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
    const { version: _v, createdAt: _c, updatedAt: _u, releasability: _r, ...fields } = template;
    const caveats = (fields.caveats ?? {}) as Record<string, unknown>;
    await apiAs(server, 'planner', 'POST', `/api/scenarios/${ARTICLE}/offers`, {
      ...fields,
      id: FRENCH_OFFER,
      nation: 'FRA',
      caveats: { ...caveats, notes: `${SHARED} for Paris k4w only` },
      releasability: { level: 'REL_TO', nations: ['FRA'] },
    });
    await apiAs(server, 'planner', 'POST', `/api/scenarios/${ARTICLE}/offers`, {
      ...fields,
      id: BRITISH_OFFER,
      nation: 'GBR',
      caveats: { ...caveats, notes: `British ${SHARED}` },
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a liaison officer finds only the releasable record, and opens it', async () => {
    const page = await freshPage();
    await signIn(page, 'liaison-gbr', { baseUrl: server.url });
    await openScenario(page, server.url, articleName);

    expect(await searchFor(page, SHARED)).toBe(`1 record matches “${SHARED}”.`);
    expect(await hitLinks(page).count()).toBe(1);
    const results = page.getByRole('region', { name: 'Search results' });
    const resultText = await results.innerText();
    expect(resultText).toContain(BRITISH_OFFER);
    expect(resultText).toContain('caveats.notes:');
    expect(resultText).not.toContain(FRENCH_OFFER);
    expect(resultText).not.toContain('k4w');
    expect(await results.getByRole('note').innerText()).toBe('Only records releasable to you were searched.');
    expect(await page.title()).toBe(`Search · ${articleName} · Coalition Planner`);
    await saveScreenshot(page, 'search-liaison');

    // The withheld offer cannot be found by its id or its own words either.
    for (const q of [FRENCH_OFFER, 'paris k4w']) {
      expect(await searchFor(page, q)).toBe(`No records match “${q}”.`);
    }

    // The hit leads to the record's own page, field by field.
    await searchFor(page, SHARED);
    await hitLinks(page).first().click();
    const record = page.getByRole('region', { name: `Offer ${BRITISH_OFFER}` });
    await record.waitFor();
    expect(new URL(page.url()).pathname).toBe(`/scenarios/${ARTICLE}/records/offers/${BRITISH_OFFER}`);
    expect((await record.innerText()).replace(/\s+/g, ' ')).toContain(`caveats.notes British ${SHARED}`);
    await page.goBack();
    await page.getByRole('region', { name: 'Search results' }).getByRole('status').waitFor();
    expect(await page.getByLabel('Search records').inputValue()).toBe(SHARED);

    // Typing the withheld record's address shows it as not found.
    await page.goto(new URL(`/scenarios/${ARTICLE}/records/offers/${FRENCH_OFFER}`, server.url).href);
    expect(await page.getByRole('alert').innerText()).toContain(
      `There is no offer “${FRENCH_OFFER}” that you may see.`,
    );
  });

  it('a liaison officer downloads offers as CSV without the withheld one', async () => {
    const page = await freshPage();
    await signIn(page, 'liaison-gbr', { baseUrl: server.url });
    await openScenario(page, server.url, articleName);
    const downloads = page.getByRole('region', { name: 'Download CSV' });
    const link = downloads.getByRole('link', { name: 'Download offers as CSV' });
    const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
    expect(download.suggestedFilename()).toBe(`${ARTICLE}-offers.csv`);
    const csv = await readFile(await download.path(), 'utf8');
    expect(csv.split('\r\n')[0]).toMatch(/^id,nation,capability,quantity,personnel,tonnes,readiness\.level,/);
    expect(csv).toContain(BRITISH_OFFER);
    expect(csv).not.toContain(FRENCH_OFFER);
    expect(csv).not.toContain('k4w');
    await saveScreenshot(page, 'overview-downloads');
  });

  it('the planner finds both records with the same search (control)', async () => {
    const page = await freshPage();
    await signIn(page, 'planner', { baseUrl: server.url });
    await openScenario(page, server.url, articleName);
    expect(await searchFor(page, SHARED.toUpperCase())).toBe(`2 records match “${SHARED.toUpperCase()}”.`);
    const text = await page.getByRole('region', { name: 'Search results' }).innerText();
    expect(text).toContain(FRENCH_OFFER);
    expect(text).toContain(BRITISH_OFFER);
    expect(await page.getByRole('region', { name: 'Search results' }).getByRole('note').count()).toBe(0);
    expect(await hitLinks(page).count()).toBe(2);
  });

  it('raised no script errors', () => {
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
