// The Deployment section in a real browser against the real server and the reference scenario, as a
// planner would use it: the closure figures and curve, the ULN schedule (Gantt chart and table), the
// utilisation heat maps, the bottleneck table, the map with APP-6 symbols on a chosen day, re-planning
// from a day, the optimality reference, and the force list (a refused CSV import, then generating
// and storing the list). Figures are compared with what the API answers the same user in the same
// page, so the test follows the data rather than restating it. Screenshots of each view go to
// e2e/screenshots/deployment-*.png.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../src/server/test-server.ts';
import type { PlanEnvelope } from '../web/src/api-client.ts';
import { formatCDay } from '../web/src/components/analysis-common.tsx';
import { formatNumber } from '../web/src/format.ts';
import {
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
const ARTICLE = 'article-2025-03';

/** The plan as the signed-in user of `page` gets it from the API. */
async function planInPage(page: Page, query = ''): Promise<PlanEnvelope> {
  const path = `/api/scenarios/${ARTICLE}/deployment/plan${query}`;
  return page.evaluate(async (url) => {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  }, path) as Promise<PlanEnvelope>;
}

/** Clicks a link of the deployment section's own navigation and waits for it to be the current one. */
async function openView(page: Page, label: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Deployment views' });
  await nav.getByRole('link', { name: label, exact: true }).click();
  await nav.locator('a[aria-current="page"]', { hasText: label }).waitFor();
}

/** The text of a table found by its name (caption), cells separated by single spaces. */
async function tableText(page: Page, name: string): Promise<string> {
  const t = page.getByRole('table', { name, exact: true });
  await t.waitFor();
  return (await t.innerText()).replace(/\s+/g, ' ');
}

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

describe('deployment section', unlessBrowser(browserCheck), () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: Error[][] = [];
  let plan: PlanEnvelope;

  beforeAll(async () => {
    if (!browserCheck.run) return;
    server = await startApp();
    browser = await launchBrowser(browserCheck.executablePath);
    const opened = await newPage(browser);
    page = opened.page;
    pageErrors.push(opened.errors);
    await signIn(page, 'planner', { baseUrl: server.url });
    await openScenario(page, server.url, (await scenarioFacts(server, ARTICLE)).name);
    plan = await planInPage(page);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('opens from the scenario’s sections with the closure figures the API computes', async () => {
    await page
      .getByRole('navigation', { name: 'Scenario sections' })
      .getByRole('link', { name: 'Deployment', exact: true })
      .click();
    await page.getByRole('navigation', { name: 'Deployment views' }).waitFor();
    expect(new URL(page.url()).pathname).toBe(`/scenarios/${ARTICLE}/deployment`);
    expect(await page.title()).toMatch(/^Deployment · /);
    const r = plan.result;

    const forceList = await groupText(page, 'Force list');
    expect(forceList).toContain(`${formatNumber(r.forceList.personnel)} personnel`);
    expect(forceList).toContain(`mission target of ${formatNumber(r.target.personnel)}`);
    const closes = await groupText(page, 'Target closes');
    expect(closes).toContain(
      r.closure.targetDay === null ? 'Does not close' : formatCDay(r.closure.targetDay),
    );
    for (const [label, day] of [
      ['50% in place', r.closure.halfDay],
      ['90% in place', r.closure.ninetyDay],
      ['100% in place', r.closure.allDay],
    ] as const)
      expect(await groupText(page, label)).toContain(day === null ? 'Never' : formatCDay(day));
    // The objective the planner minimises leads, with what counts as delivered.
    const objective = await groupText(page, 'Objective');
    expect(objective).toContain(
      `${formatNumber(Math.round(r.objective.value))} weighted personnel-days late`,
    );
    expect(objective).toContain(
      `personnel and ${Math.round(r.objective.criticalShare * 100)}% of its tonnes, its critical equipment`,
    );
    // How far the plan is proved to be from the best possible, or why it has no bound.
    expect(objective).toContain(r.objective.bound.text);
    expect(await groupText(page, 'Late ULNs')).toContain(formatNumber(r.objective.lateUlns));
    expect(await groupText(page, 'Unscheduled ULNs')).toContain(formatNumber(r.objective.unscheduled));

    const holdUps = page.getByRole('region', { name: 'What holds it up' }).getByRole('listitem');
    expect(await holdUps.count()).toBe(r.holdUps.length);
    expect((await holdUps.first().innerText()).trim()).toBe(r.holdUps[0]);

    // The closure curve is drawn (ECharts has put its SVG in the labelled box) and has its table.
    const curve = page.getByRole('img', { name: /^Line chart: personnel in place by C-day/ });
    await curve.locator('svg').waitFor();
    await page.getByText('Closure by day as a table').click();
    expect(await tableText(page, 'Closure by day')).toContain(
      `${formatCDay(0)} ${formatNumber(r.closure.curve[0]!)}`,
    );
    // The planner is coalition staff: the plan is not partial, and no notice says it is.
    expect(plan.partial).toBe(false);
    expect(await page.getByRole('note').count()).toBe(0);
    await saveScreenshot(page, 'deployment-closure');
  });

  it('re-plans from a day given in the plan controls', async () => {
    await page.getByLabel('Re-plan from day').fill('20');
    await page.getByRole('button', { name: 'Re-plan', exact: true }).click();
    await page.waitForURL((url) => url.searchParams.get('today') === '20');
    await page.getByText('Planned from C+20 over').waitFor();
    const replanned = await planInPage(page, '?today=20');
    expect(await groupText(page, 'Late ULNs')).toContain(formatNumber(replanned.result.objective.lateUlns));
    // Back to the default day for the other views.
    await page.getByLabel('Re-plan from day').fill('');
    await page.getByRole('button', { name: 'Re-plan', exact: true }).click();
    await page.waitForURL((url) => !url.searchParams.has('today'));
    await page.getByText(`Planned from ${formatCDay(plan.parameters.today)} over`).waitFor();
  });

  it('asks for the optimality reference and shows the gap, or why the server could not give it', async () => {
    // Clicked rather than checked: a refusal replaces the plan, checkbox and all, with the error.
    await page.getByLabel('Compute optimality reference').click();
    await page.waitForURL((url) => url.searchParams.get('reference') === 'true');
    const gap = page.getByRole('group', { name: 'Optimality reference' });
    const refused = page.getByRole('alert');
    await gap.or(refused).first().waitFor({ timeout: 120_000 });
    if (await gap.isVisible()) {
      expect(await gap.innerText()).toMatch(/Optimality gap [<\d.]+%|No optimality bound/);
      await saveScreenshot(page, 'deployment-reference');
      await page.getByLabel('Compute optimality reference').click();
    } else {
      // A server without an LP solver refuses the reference: the page says so and offers the way back.
      expect(await refused.innerText()).toContain('reference');
      await refused.getByRole('link', { name: 'Plan with the default settings' }).click();
    }
    await page.waitForURL((url) => !url.searchParams.has('reference'));
    await page.getByRole('group', { name: 'Force list', exact: true }).waitFor();
  }, 180_000);

  it('draws the ULN schedule as a Gantt chart with the same rows as its table, filtered by lateness', async () => {
    await openView(page, 'ULN schedule');
    expect(new URL(page.url()).pathname).toBe(`/scenarios/${ARTICLE}/deployment/schedule`);
    const chart = page.getByRole('group', { name: /^ULN schedule chart: \d+ ULNs/ });
    await chart.waitFor();
    expect(await chart.getAttribute('aria-label')).toContain(`${plan.result.ulns.length} ULNs`);
    expect(await chart.locator('.gantt-bar').count()).toBeGreaterThan(0);
    expect(await page.getByRole('table', { name: 'ULN schedule' }).locator('tbody tr').count()).toBe(
      Math.min(50, plan.result.ulns.length),
    );
    // Each ULN's delivered day (personnel and critical equipment in) stands beside its arrival.
    const headers = await page
      .getByRole('table', { name: 'ULN schedule' })
      .getByRole('columnheader')
      .allTextContents();
    const columns = headers.map((h) => h.trim());
    expect(columns).toContain('Arrives');
    expect(columns.indexOf('Delivered')).toBe(columns.indexOf('Arrives') + 1);

    await page.getByLabel('Show').selectOption({ label: 'Late (after RDD)' });
    const late = plan.result.ulns.filter((u) => u.status === 'scheduled' && u.daysLate > 0);
    if (late.length === 0) {
      // The reference plan brings every ULN by its own RDD: the filter says so rather than draw nothing.
      await page.getByText('No ULN matches these filters.').first().waitFor();
    } else {
      await page
        .getByRole('status')
        .filter({
          hasText: late.length === plan.result.ulns.length ? /^All / : `${formatNumber(late.length)} of`,
        })
        .waitFor();
      await page.getByLabel('Sort by').selectOption({ label: 'Days late, most first' });
      const latest = [...late].sort((a, b) => b.daysLate - a.daysLate || (a.uln < b.uln ? -1 : 1))[0]!;
      const first = page.getByRole('table', { name: 'ULN schedule' }).locator('tbody tr').first();
      expect((await first.innerText()).replace(/\s+/g, ' ')).toContain(latest.uln);
    }
    await page.getByLabel('Show').selectOption({ label: 'Every ULN' });
    // The chart keeps its keyboard focus for scrolling.
    await chart.focus();
    await page.keyboard.press('PageDown');
    await saveScreenshot(page, 'deployment-schedule');
  });

  it('shows arc and node utilisation as heat maps with their tables', async () => {
    await openView(page, 'Utilisation');
    const arcs = page.getByRole('img', { name: /^Heat map: arc utilisation by C-day/ });
    await arcs.locator('svg').waitFor();
    const nodes = page.getByRole('img', { name: /^Heat map: node reception by C-day/ });
    await nodes.locator('svg').waitFor();
    const busiest = [...plan.result.arcs].filter((a) => a.peak > 0).sort((a, b) => b.peak - a.peak)[0]!;
    await page.getByText('Arc utilisation as a table').click();
    const rows = page.getByRole('table', { name: 'Arc utilisation' }).locator('tbody tr');
    expect(await rows.count()).toBe(Math.min(25, plan.result.arcs.filter((a) => a.peak > 0).length));
    expect(await rows.first().innerText()).toContain(`${Math.round(busiest.peak * 100)}%`);
    await page.getByLabel('Arcs shown').selectOption({ index: 0 });
    await saveScreenshot(page, 'deployment-utilisation');
  });

  it('tables the bottlenecks and the ULNs that miss their LAD', async () => {
    await openView(page, 'Bottlenecks');
    const table = page.getByRole('table', { name: 'Bottlenecks', exact: true });
    await table.waitFor();
    expect(await table.locator('tbody tr').count()).toBe(Math.max(1, plan.result.bottlenecks.length));
    const first = plan.result.bottlenecks[0];
    if (first) {
      const row = (await table.locator('tbody tr').first().innerText()).replace(/\s+/g, ' ');
      expect(row).toContain(first.name);
      expect(row).toContain(first.explanation);
    }
    if (plan.result.missedLad.length > 0)
      expect(await tableText(page, 'ULNs that miss their LAD')).toContain(plan.result.missedLad[0]!.uln);
    await saveScreenshot(page, 'deployment-bottlenecks');
  });

  it('puts the network and the ULNs as APP-6 symbols on the map on the chosen day', async () => {
    await openView(page, 'Map');
    const day = plan.result.closure.halfDay ?? plan.parameters.today;
    await page.getByLabel('Day', { exact: true }).fill(String(day));
    await page.getByRole('heading', { name: `Map on ${formatCDay(day)}` }).waitFor();
    const map = page.getByRole('group', { name: /^The transport network and the ULNs on/ });
    await map.waitFor();
    expect(await map.locator('.map-arc').count()).toBe(plan.result.arcs.length);
    // Every ULN is in one symbol: the counts add up to the force list (less any off the map).
    const symbols = map.getByRole('button', { name: /^\d+ ULNs? \(/ });
    await symbols.first().waitFor();
    await map.locator('.map-unit image').first().waitFor();
    const names = await symbols.evaluateAll((els) => els.map((e) => e.getAttribute('aria-label') ?? ''));
    const drawn = names.reduce((s, n) => s + Number(/^(\d+)/.exec(n)![1]), 0);
    expect(drawn).toBeGreaterThan(0);
    expect(drawn).toBeLessThanOrEqual(plan.result.ulns.length);
    expect(await tableText(page, `ULNs by place on ${formatCDay(day)}`)).toMatch(/\d/);
    // The previous-day button moves the day back by one.
    if (day > 0) {
      await page.getByRole('button', { name: 'Previous day' }).click();
      await page.getByRole('heading', { name: `Map on ${formatCDay(day - 1)}` }).waitFor();
      await page.getByRole('button', { name: 'Next day' }).click();
    }
    await saveScreenshot(page, 'deployment-map');
  });

  it('keeps a phone-width screen from scrolling sideways', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    for (const view of ['Closure', 'ULN schedule', 'Map']) {
      await openView(page, view);
      await page.waitForTimeout(300);
      expect(await sidewaysOverflow(page), view).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('refuses a bad CSV import naming every problem, then generates and stores the force list', async () => {
    await openView(page, 'Force list');
    const download = page.getByRole('link', { name: 'Download CSV' });
    expect(await download.getAttribute('href')).toBe(`/api/scenarios/${ARTICLE}/force-list.csv`);

    await page.getByLabel('Force list CSV file').setInputFiles({
      name: 'force-list.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(
        'ULN,NATION,UTC,PAX,TONNES,ORIGIN,ALD,EAD,LAD,RDD,DEST,PRIORITY,OFFER,LINE\r\n' +
          'GBR-0001,GBR,MECH-INF-BN,650,2500,NOWHERE,0,20,10,30,NOWHERE,1,OFF-GBR-01,R-L-01\r\n',
      ),
    });
    await page.getByRole('button', { name: 'Import CSV' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Nothing was imported' });
    await alert.waitFor();
    expect(await alert.innerText()).toMatch(/line 2, column [A-Z]+/);
    await saveScreenshot(page, 'deployment-force-list-refused');

    const stored = page.getByRole('table', { name: 'Force list', exact: true });
    const before = await stored.count();
    if (before > 0) await page.getByLabel(/^Replace the /).check();
    await page.getByRole('button', { name: 'Generate from force fill' }).click();
    await page.getByRole('status').filter({ hasText: 'Generated and stored' }).waitFor();
    await stored.waitFor();
    expect(await stored.locator('tbody tr').count()).toBe(Math.min(100, plan.result.forceList.ulns));
    await saveScreenshot(page, 'deployment-force-list');

    // The plan now moves the stored list (the page keeps the last plan on screen, marked as
    // updating, until the new one arrives: wait for it rather than read the old one).
    await openView(page, 'Closure');
    await page
      .getByRole('group', { name: 'Force list', exact: true })
      .filter({ hasText: 'stored' })
      .waitFor();
    expect(await groupText(page, 'Force list')).toContain('stored');
  });

  it('raised no script errors', () => {
    expect(pageErrors.flat().map((e) => e.message)).toEqual([]);
  });
});
