// The Nations and Funding pages and the record forms in a real browser against the real server:
// the stance map and its legend, burden-sharing figures equal to the API's, adding a pledge (a
// refused amount is named next to its field), changing an offer and seeing the analyses move, a
// version conflict and its reload, and what a liaison officer may and may not change.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../src/server/test-server.ts';
import {
  apiAs,
  browserAvailability,
  launchBrowser,
  newPage,
  saveScreenshot,
  scenarioFacts,
  signIn,
  startApp,
  unlessBrowser,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';
const NEW_PLEDGE = 'PLG-FRA-E2E';

interface Envelope<R> {
  partial: boolean;
  result: R;
}
interface Burden {
  coalition: { eur: { committed: number; allocated: number; delivered: number }; pledges: number };
  pledges: { id: string; eur: number; rate: { eurPerUnit: number; period: string } }[];
  nations: { nation: string; name: string; eur: { committed: number } }[];
}
interface FillTotals {
  quantityFilled: number;
  personnelMatched: number;
  weightedFill: number;
}
interface Dashboard {
  force: {
    values: { matchedOnTime: number; matchedLate: number; counting: number; offered: number };
    lineCounts: Record<string, number>;
  };
  funding: { eur: { committed: number } };
}
interface StoredRecord {
  version: number;
  [field: string]: unknown;
}

/** Whole euros as the pages print them. */
const eur = (n: number) =>
  `€${new Intl.NumberFormat('en-GB', { maximumFractionDigits: 0 }).format(Math.round(n))}`;

/** A GET of the API from inside the page, with the page's own session cookie. */
async function apiInPage<T>(page: Page, path: string): Promise<T> {
  return page.evaluate(async (url) => {
    const res = await fetch(url, { cache: 'no-store' });
    if (!res.ok) throw new Error(`${url}: HTTP ${res.status}`);
    return (await res.json()) as unknown;
  }, path) as Promise<T>;
}

async function noSidewaysScroll(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('nations, funding and record forms', unlessBrowser(browserCheck), () => {
  let server: TestServer;
  let browser: Browser;
  const pages: { page: Page; errors: Error[] }[] = [];
  let articleName: string;

  async function freshPage(viewport?: { width: number; height: number }): Promise<Page> {
    const p = await newPage(browser, viewport);
    pages.push(p);
    return p.page;
  }

  async function openSection(page: Page, label: string): Promise<void> {
    await page.goto(new URL(`/scenarios/${ARTICLE}`, server.url).href);
    await page.getByRole('heading', { level: 1, name: articleName }).waitFor();
    await page
      .getByRole('navigation', { name: 'Scenario sections' })
      .getByRole('link', { name: label })
      .click();
  }

  beforeAll(async () => {
    if (!browserCheck.run) return;
    server = await startApp();
    browser = await launchBrowser(browserCheck.executablePath);
    articleName = (await scenarioFacts(server, ARTICLE)).name;
  });

  afterAll(async () => {
    for (const p of pages) expect(p.errors).toEqual([]);
    await browser?.close();
    await server?.close();
  });

  it('shows every nation on a map of Europe coloured by stance, with a legend and the timelines', async () => {
    const page = await freshPage();
    await signIn(page, 'planner', { baseUrl: server.url });
    await openSection(page, 'Nations');
    const map = page.getByRole('group', { name: /^Map of Europe/ });
    await map.waitFor();
    expect(await page.title()).toBe(`Nations · ${articleName} · Coalition Planner`);

    // France is drawn, titled with its name and stance, in the legend's colour for Lead.
    const france = map.getByRole('img', { name: 'France: Lead' });
    await france.waitFor();
    expect(await france.evaluate((el) => el.tagName.toLowerCase())).toBe('path');
    expect(await france.locator('title').textContent()).toBe('France: Lead');
    const legend = page.getByRole('region', { name: 'Map legend' });
    const legendNames = (await legend.locator('.map-legend-label').allInnerTexts()).map((t) => t.trim());
    expect(legendNames).toEqual([
      'Lead',
      'Committed',
      'Supportive',
      'Cautious',
      'Considering',
      'Declined',
      'Absent',
      'No stance recorded',
      'Not in this scenario',
    ]);
    const fill = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => getComputedStyle(el).fill);
    const leadFill = await fill('.map-legend li[data-stance="lead"] rect');
    expect(await france.evaluate((el) => getComputedStyle(el).fill)).toBe(leadFill);
    expect(await fill('.map-legend li[data-stance="cautious"] rect')).toBe(
      await map.getByRole('img', { name: 'Germany: Cautious' }).evaluate((el) => getComputedStyle(el).fill),
    );
    expect(leadFill).not.toBe(await fill('.map-legend li[data-stance="committed"] rect'));
    // Nations outside Europe are listed beside the map, with their stance in words.
    const offMap = (await page.getByRole('region', { name: 'Nations not on the map' }).innerText()).replace(
      /\s+/g,
      ' ',
    );
    for (const n of [
      'Canada Considering',
      'Australia Considering',
      'New Zealand Considering',
      'United States Absent',
    ]) {
      expect(offMap).toContain(n);
    }
    expect(await map.getByRole('img', { name: /^United States/ }).count()).toBe(0);
    // The table is the map's text alternative: each nation, its figures and stance.
    const table = page.getByRole('table', { name: 'Nations' });
    const uk = (await table.getByRole('row', { name: /^United Kingdom/ }).innerText()).replace(/\s+/g, ' ');
    expect(uk).toContain('GBR Yes No US$3.6 tn 2024 69.1 m 2024 Lead since 2 Mar 2025 20,810 in 18 offers');
    // Each nation's timeline names the source of each entry.
    const timeline = page.getByRole('article', { name: /^France/ });
    expect(await timeline.innerText()).toContain('Source: Coalition article (seed), March 2025');
    await saveScreenshot(page, 'nations');
  });

  it('lets a planner add a stance entry, which recolours the map', async () => {
    const page = await freshPage();
    await signIn(page, 'planner', { baseUrl: server.url });
    await openSection(page, 'Nations');
    await page.getByRole('link', { name: 'Add a stance entry for Germany' }).click();
    const form = page.getByRole('form', { name: 'New stance entry' });
    await form.waitFor();
    expect(await form.getByLabel('Nation').inputValue()).toBe('DEU');
    // On the scenario's as-of date, so it is current as of the analysis date (and last of that day).
    await form.getByLabel('Date', { exact: true }).fill('2025-03-02');
    await form.getByLabel('Stance').selectOption({ label: 'Committed' });
    await form.getByRole('button', { name: 'Add stance entry' }).click();
    // Nothing is sent without a statement: said next to the field.
    const statement = form.locator('[data-field="statement"]');
    await statement.getByRole('alert').filter({ hasText: 'Enter the statement.' }).waitFor();
    await form.getByLabel('Statement').fill('Germany commits a brigade once a ceasefire holds (e2e test).');
    await form.getByLabel('Assumption').fill('Test entry written by the browser tests.');
    await form.getByRole('button', { name: 'Add stance entry' }).click();
    await page.waitForURL((url) => url.pathname === `/scenarios/${ARTICLE}/nations`);
    await page
      .getByRole('status')
      .filter({ hasText: /^Saved: stance entry DEU-\d+/ })
      .waitFor();
    await page
      .getByRole('group', { name: /^Map of Europe/ })
      .getByRole('img', { name: 'Germany: Committed' })
      .waitFor();
    const timeline = await page.getByRole('article', { name: /^Germany/ }).innerText();
    expect(timeline).toMatch(/2 Mar 2025\s+Committed\s+current/i);
  });

  it('lets a planner add a force offer, which counts in the nation’s personnel', async () => {
    const page = await freshPage();
    await signIn(page, 'planner', { baseUrl: server.url });
    await openSection(page, 'Nations');
    const table = page.getByRole('table', { name: 'Nations' });
    expect((await table.getByRole('row', { name: /^Estonia/ }).innerText()).replace(/\s+/g, ' ')).toContain(
      '710 in 2 offers',
    );
    await page.getByRole('link', { name: 'Add a force offer' }).click();
    const form = page.getByRole('form', { name: 'New offer' });
    await form.waitFor();
    await form.getByLabel('Offer ID').fill('OFF-EST-E2E');
    await form.getByLabel('Nation').selectOption('EST');
    await form.getByLabel('Capability').selectOption('TRAINING-TEAM');
    expect(await form.getByLabel('Status').inputValue()).toBe('offered');
    await form.getByLabel('Quantity').fill('2');
    await form.getByLabel('Personnel').fill('60');
    await form.getByLabel('Tonnes').fill('10');
    await form.getByLabel('Readiness level').selectOption('RDL');
    await form.getByLabel('Days to ready').fill('90');
    // The mission's sectors are boxes to tick: no name outside its list can be entered.
    const excluded = form.getByRole('group', { name: 'Excluded sectors' });
    await excluded.getByLabel('Odesa', { exact: true }).check();
    await excluded.getByLabel('Dnipro', { exact: true }).check();
    await form.getByLabel('Assumption').fill('Offer added by the browser tests.');
    await form.getByRole('button', { name: 'Add offer' }).click();
    // The API's cross-field rule (RDL means ready within 60 days) is shown at its field.
    await form
      .locator('[data-field="readiness.daysToReady"]')
      .getByRole('alert')
      .filter({ hasText: 'Must be at most 60 days for readiness level RDL.' })
      .waitFor();
    await form.getByLabel('Days to ready').fill('45');
    await form.getByRole('button', { name: 'Add offer' }).click();
    await page.waitForURL((url) => url.pathname === `/scenarios/${ARTICLE}/records/offers/OFF-EST-E2E`);
    await page.getByRole('status').filter({ hasText: 'Saved: offer OFF-EST-E2E (version 1)' }).waitFor();
    expect(await page.getByRole('region', { name: 'Offer OFF-EST-E2E' }).innerText()).toMatch(
      /caveats\.excludedSectors\s+Odesa; Dnipro/,
    );
    await openSection(page, 'Nations');
    expect((await table.getByRole('row', { name: /^Estonia/ }).innerText()).replace(/\s+/g, ' ')).toContain(
      '770 in 3 offers',
    );
  });

  it('shows funding by stage and burden by nation equal to the API, and adds a pledge', async () => {
    const page = await freshPage();
    await signIn(page, 'planner', { baseUrl: server.url });
    await openSection(page, 'Funding');
    const committed = page.getByRole('group', { name: 'Committed', exact: true });
    await committed.waitFor();
    const before = await apiInPage<Envelope<Burden>>(page, `/api/scenarios/${ARTICLE}/analysis/burden`);
    const c = before.result.coalition;
    expect(await committed.innerText()).toContain(eur(c.eur.committed));
    expect(await page.getByRole('group', { name: 'Allocated', exact: true }).innerText()).toContain(
      eur(c.eur.allocated),
    );
    expect(await page.getByRole('group', { name: 'Delivered', exact: true }).innerText()).toContain(
      eur(c.eur.delivered),
    );
    // Each pledge with its rate and its euros; each nation with its euros.
    const pledges = page.getByRole('table', { name: 'Funding pledges' });
    for (const p of before.result.pledges) {
      const row = (await pledges.getByRole('row', { name: new RegExp(`^${p.id}`) }).innerText()).replace(
        /\s+/g,
        ' ',
      );
      expect(row).toContain(eur(p.eur));
      expect(row).toMatch(/€[\d.]+ per GBP, (Mar 2025 monthly|2025 annual) average/);
    }
    const burden = page.getByRole('table', { name: 'Burden by nation' });
    for (const n of before.result.nations) {
      const row = (await burden.getByRole('row', { name: new RegExp(`^${n.name}`) }).innerText()).replace(
        /\s+/g,
        ' ',
      );
      expect(row).toContain(eur(n.eur.committed));
    }
    // The table ranks by any column.
    await burden.getByRole('button', { name: 'Personnel', exact: true }).click();
    expect(
      await burden.getByRole('columnheader', { name: 'Personnel', exact: true }).getAttribute('aria-sort'),
    ).toBe('descending');
    await page.locator('.chart-canvas svg').first().waitFor();
    await saveScreenshot(page, 'funding');

    // A new pledge: an amount the API refuses is named next to the Amount field.
    await page.getByRole('link', { name: 'Add a pledge' }).click();
    const form = page.getByRole('form', { name: 'New funding pledge' });
    await form.waitFor();
    await form.getByLabel('Pledge ID').fill(NEW_PLEDGE);
    await form.getByLabel('Nation').selectOption('FRA');
    expect(await form.getByLabel('Currency').inputValue()).toBe('EUR');
    await form.getByLabel('Amount').fill('-250000000');
    await form.getByLabel('Date', { exact: true }).fill('2025-03-05');
    await form.getByLabel('Purpose').fill('air defence');
    await form.getByRole('button', { name: 'Add funding pledge' }).click();
    const amountField = form.locator('[data-field="amount"]');
    const amountError = amountField.getByRole('alert');
    await amountError.waitFor();
    expect(await amountError.innerText()).toBe('Must be more than zero.');
    const amount = form.getByLabel('Amount');
    expect(await amount.getAttribute('aria-invalid')).toBe('true');
    expect(await amount.getAttribute('aria-describedby')).toContain(await amountError.getAttribute('id'));
    // Focus is on the field at fault, and no other field complains.
    expect(await amount.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await form.getByRole('alert').count()).toBe(1);
    await saveScreenshot(page, 'pledge-form-error');

    await amount.fill('250,000,000');
    await form.getByRole('button', { name: 'Add funding pledge' }).click();
    await page.waitForURL((url) => url.pathname === `/scenarios/${ARTICLE}/funding`);
    await page
      .getByRole('status')
      .filter({ hasText: `Saved: funding pledge ${NEW_PLEDGE}` })
      .waitFor();
    const row = page
      .getByRole('table', { name: 'Funding pledges' })
      .getByRole('row', { name: new RegExp(`^${NEW_PLEDGE}`) });
    expect((await row.innerText()).replace(/\s+/g, ' ')).toContain('€250,000,000');
    const after = await apiInPage<Envelope<Burden>>(page, `/api/scenarios/${ARTICLE}/analysis/burden`);
    expect(after.result.coalition.eur.committed).toBe(c.eur.committed + 250_000_000);
    expect(await page.getByRole('group', { name: 'Committed', exact: true }).innerText()).toContain(
      eur(after.result.coalition.eur.committed),
    );
    // The dashboard's funding is the same figure.
    const dashboard = await apiInPage<Envelope<Dashboard>>(
      page,
      `/api/scenarios/${ARTICLE}/analysis?draws=200`,
    );
    expect(dashboard.result.funding.eur.committed).toBe(after.result.coalition.eur.committed);
  });

  it('changes an offer’s quantity from its page, and the force generation figures follow', async () => {
    const page = await freshPage();
    await signIn(page, 'planner', { baseUrl: server.url });
    await page.goto(new URL(`/scenarios/${ARTICLE}/records/offers/OFF-GBR-02`, server.url).href);
    await page.getByRole('region', { name: 'Offer OFF-GBR-02' }).waitFor();
    const fillBefore = await apiInPage<Envelope<{ totals: FillTotals }>>(
      page,
      `/api/scenarios/${ARTICLE}/analysis/fill?allowLate=true`,
    );
    const dashBefore = await apiInPage<Envelope<Dashboard>>(
      page,
      `/api/scenarios/${ARTICLE}/analysis?draws=200`,
    );

    await page.getByRole('link', { name: 'Edit this offer' }).click();
    const form = page.getByRole('form', { name: 'Edit offer OFF-GBR-02' });
    await form.waitFor();
    expect(await form.getByLabel('Offer ID').getAttribute('readonly')).not.toBeNull();
    expect(await form.getByLabel('Quantity').inputValue()).toBe('7');
    await form.getByLabel('Quantity').fill('3');
    await form.getByLabel('Personnel').fill('1950');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((url) => url.pathname === `/scenarios/${ARTICLE}/records/offers/OFF-GBR-02`);
    await page.getByRole('status').filter({ hasText: 'Saved: offer OFF-GBR-02 (version 2)' }).waitFor();
    const view = await page.getByRole('region', { name: 'Offer OFF-GBR-02' }).innerText();
    expect(view).toMatch(/quantity\s+3/);

    const fillAfter = await apiInPage<Envelope<{ totals: FillTotals }>>(
      page,
      `/api/scenarios/${ARTICLE}/analysis/fill?allowLate=true`,
    );
    const dashAfter = await apiInPage<Envelope<Dashboard>>(
      page,
      `/api/scenarios/${ARTICLE}/analysis?draws=200`,
    );
    expect(fillAfter.result.totals.quantityFilled).toBeLessThan(fillBefore.result.totals.quantityFilled);
    expect(dashAfter.result.force.values.offered).toBe(dashBefore.result.force.values.offered - 2600);
    // Matched on time and late together: the British battalions fill their lines late or on time.
    const matched = (d: Envelope<Dashboard>) =>
      d.result.force.values.matchedOnTime + d.result.force.values.matchedLate;
    expect(matched(dashAfter)).toBeLessThan(matched(dashBefore));
    // Only the changed fields went to the API: the audit log shows quantity and personnel.
    const audit = await apiAs<{ items: { after: StoredRecord; before: StoredRecord }[] }>(
      server,
      'planner',
      'GET',
      `/api/audit?scenario=${ARTICLE}&key=OFF-GBR-02&limit=1`,
    );
    const change = audit.items[0]!;
    expect(change.after.quantity).toBe(3);
    expect(change.after.caveats).toEqual(change.before.caveats);
  });

  it('shows a version conflict with the record as it now is, and reloads it', async () => {
    const page = await freshPage();
    await signIn(page, 'planner', { baseUrl: server.url });
    await page.goto(new URL(`/scenarios/${ARTICLE}/edit/pledges/PLG-GBR-2025-03-02`, server.url).href);
    const form = page.getByRole('form', { name: 'Edit funding pledge PLG-GBR-2025-03-02' });
    await form.waitFor();
    // Someone else moves the pledge on meanwhile.
    const stored = await apiAs<StoredRecord>(
      server,
      'admin',
      'GET',
      `/api/scenarios/${ARTICLE}/pledges/PLG-GBR-2025-03-02`,
    );
    await apiAs(server, 'admin', 'PATCH', `/api/scenarios/${ARTICLE}/pledges/PLG-GBR-2025-03-02`, {
      version: stored.version,
      stage: 'allocated',
    });
    await form.getByLabel('Purpose').fill('air defence missiles');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const conflict = form.getByRole('alert').filter({ hasText: 'Someone else changed this funding pledge' });
    await conflict.waitFor();
    expect(await conflict.innerText()).toMatch(/stage\s+allocated/);
    await saveScreenshot(page, 'pledge-conflict');
    await conflict.getByRole('button', { name: 'Reload the current version' }).click();
    expect(await form.getByLabel('Stage').inputValue()).toBe('allocated');
    expect(await form.getByLabel('Purpose').inputValue()).toBe('air defence');
    await form.getByLabel('Purpose').fill('air defence missiles');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((url) => url.pathname === `/scenarios/${ARTICLE}/funding`);
    await page.getByRole('status').filter({ hasText: 'Saved: funding pledge PLG-GBR-2025-03-02' }).waitFor();
    // The pledge is now allocated: the Allocated figure is no longer zero.
    const burden = await apiInPage<Envelope<Burden>>(page, `/api/scenarios/${ARTICLE}/analysis/burden`);
    expect(burden.result.coalition.eur.allocated).toBeGreaterThan(0);
    expect(await page.getByRole('group', { name: 'Allocated', exact: true }).innerText()).toContain(
      eur(burden.result.coalition.eur.allocated),
    );
  });

  it('offers a British liaison officer the forms for British records only, and shows a refusal', async () => {
    const page = await freshPage();
    await signIn(page, 'liaison-gbr', { baseUrl: server.url });

    // No edit control for a French offer; there is one for a British offer.
    await page.goto(new URL(`/scenarios/${ARTICLE}/records/offers/OFF-FRA-01`, server.url).href);
    await page.getByRole('region', { name: 'Offer OFF-FRA-01' }).waitFor();
    expect(await page.getByRole('link', { name: /^Edit/ }).count()).toBe(0);
    await page.goto(new URL(`/scenarios/${ARTICLE}/edit/offers/OFF-FRA-01`, server.url).href);
    await page
      .getByText('Only coalition planners and liaison officers of FRA may change this offer.')
      .waitFor();
    expect(await page.getByRole('form').count()).toBe(0);

    // Funding: may add a (British) pledge, may not edit France's.
    await openSection(page, 'Funding');
    await page.getByRole('table', { name: 'Funding pledges' }).waitFor();
    expect(await page.getByRole('link', { name: `Edit pledge ${NEW_PLEDGE}` }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Edit pledge PLG-GBR-2025-03-02' }).count()).toBe(1);
    await page.getByRole('link', { name: 'Add a pledge' }).click();
    const nationOptions = await page
      .getByRole('form', { name: 'New funding pledge' })
      .getByLabel('Nation')
      .locator('option')
      .allInnerTexts();
    expect(nationOptions.filter((o) => !o.startsWith('Choose'))).toEqual(['United Kingdom (GBR)']);

    // Nations: a stance entry may be added for the United Kingdom only.
    await openSection(page, 'Nations');
    await page.getByRole('table', { name: 'Nations' }).waitFor();
    const addLinks = await page.getByRole('link', { name: /^Add a stance entry for/ }).allInnerTexts();
    expect(addLinks).toHaveLength(1);
    expect(await page.getByRole('link', { name: 'Add a stance entry for United Kingdom' }).count()).toBe(1);

    // A British offer moved to France while the form is open: the API's refusal is shown. (An id
    // naming its nation, as OFF-GBR-18 does, keeps it: the planner copies it under one that does not.)
    const source = await apiAs<StoredRecord>(
      server,
      'planner',
      'GET',
      `/api/scenarios/${ARTICLE}/offers/OFF-GBR-18`,
    );
    const offer = await apiAs<StoredRecord>(server, 'planner', 'POST', `/api/scenarios/${ARTICLE}/offers`, {
      ...source,
      id: 'OFF-MOVED-1',
    });
    await page.goto(new URL(`/scenarios/${ARTICLE}/records/offers/OFF-MOVED-1`, server.url).href);
    await page.getByRole('link', { name: 'Edit this offer' }).click();
    const form = page.getByRole('form', { name: 'Edit offer OFF-MOVED-1' });
    await form.waitFor();
    await apiAs(server, 'planner', 'PATCH', `/api/scenarios/${ARTICLE}/offers/OFF-MOVED-1`, {
      version: offer.version,
      nation: 'FRA',
    });
    await form.getByLabel('Quantity').fill('2');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const refusal = form.getByRole('alert').filter({ hasText: 'Not permitted' });
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/may only update records of its own nation.*HTTP 403/s);
  });

  it('fits the Nations and Funding pages and a form on a narrow screen', async () => {
    const page = await freshPage({ width: 390, height: 844 });
    await signIn(page, 'planner', { baseUrl: server.url });
    await openSection(page, 'Nations');
    await page
      .getByRole('group', { name: /^Map of Europe/ })
      .getByRole('img', { name: 'France: Lead' })
      .waitFor();
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'nations-narrow');
    await openSection(page, 'Funding');
    await page.getByRole('table', { name: 'Burden by nation' }).waitFor();
    await page.locator('.chart-canvas svg').first().waitFor();
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'funding-narrow');
    await page.getByRole('link', { name: 'Add a pledge' }).click();
    await page.getByRole('form', { name: 'New funding pledge' }).waitFor();
    expect(await noSidewaysScroll(page)).toBeLessThanOrEqual(0);
    await saveScreenshot(page, 'pledge-form-narrow');
  });
});
