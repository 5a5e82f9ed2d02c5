// Two pages that must not fight the reader, in a real browser against the real server and the
// reference scenario, on a 1280 × 800 laptop screen: the force generation matrix keeps its nation
// headers and requirement lines in view while it scrolls, and filters to chosen nations (kept in
// the URL, so a reload or a shared link keeps them); the deployment map opens in view, fitted to the
// network, zooms with its buttons and the keyboard, names places, opens a cluster of unit symbols to
// its list, and draws an arc closed on the day distinctly. Screenshots go to
// e2e/screenshots/map-and-matrix-*.png.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../src/server/test-server.ts';
import type { PlanEnvelope } from '../web/src/api-client.ts';
import { formatCDay } from '../web/src/components/analysis-common.tsx';
import { shortName } from '../web/src/components/deployment-model.ts';
import {
  apiAs,
  browserAvailability,
  launchBrowser,
  newPage,
  saveScreenshot,
  saveViewportScreenshot,
  signIn,
  startApp,
  unlessBrowser,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';
const VIEWPORT = { width: 1280, height: 800 };

interface ArcRecord {
  id: string;
  mode: string;
  version: number;
  closures: { from: number; to: number; reason: string }[];
}

/** Where an element is on the screen (it must be rendered). */
async function rect(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  const box = await locator.boundingBox();
  if (!box) throw new Error(`${String(locator)} is not rendered`);
  return box;
}

/** The view transform of the map's countries: it changes with every zoom and pan. */
async function mapTransform(map: Locator): Promise<string> {
  return (await map.locator('.map-land').getAttribute('transform')) ?? '';
}

async function planInPage(page: Page): Promise<PlanEnvelope> {
  return page.evaluate(async (url) => {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status}`);
    return res.json();
  }, `/api/scenarios/${ARTICLE}/deployment/plan`) as Promise<PlanEnvelope>;
}

describe('force matrix and deployment map', unlessBrowser(browserCheck), () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  const pageErrors: Error[][] = [];

  beforeAll(async () => {
    if (!browserCheck.run) return;
    server = await startApp();
    browser = await launchBrowser(browserCheck.executablePath);
    const opened = await newPage(browser, VIEWPORT);
    page = opened.page;
    pageErrors.push(opened.errors);
    await signIn(page, 'planner', { baseUrl: server.url });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('keeps the matrix’s nation headers and requirement lines in view while it scrolls', async () => {
    await page.goto(new URL(`/scenarios/${ARTICLE}/force-generation`, server.url).href);
    const box = page.getByRole('group', { name: 'Force generation matrix (scrollable)' });
    const table = box.getByRole('table', { name: 'Force generation matrix' });
    await table.getByRole('row').nth(1).waitFor();
    await box.scrollIntoViewIfNeeded();
    const lineHeader = table.getByRole('columnheader', { name: /^Requirement line/ });
    const nationHeader = table.getByRole('columnheader', { name: /^[A-Z]{3}$/ }).first();
    const firstLine = table.getByRole('rowheader').first();
    const before = { header: await rect(nationHeader), line: await rect(firstLine) };

    // The box itself scrolls, down and across: the matrix is taller and wider than the screen.
    const scrolled = await box.evaluate((el) => {
      el.scrollTop = el.scrollHeight;
      el.scrollLeft = el.scrollWidth;
      return { top: el.scrollTop, left: el.scrollLeft };
    });
    expect(scrolled.top).toBeGreaterThan(0);
    const frame = await rect(box);
    const header = await rect(nationHeader);
    // The header row stays at the top of the box, and is what is drawn there (nothing covers it).
    expect(Math.abs(header.y - frame.y)).toBeLessThanOrEqual(2);
    expect(header.y).toBeGreaterThanOrEqual(0);
    const onTop = await page.evaluate(
      ([x, y]) => document.elementFromPoint(x!, y!)?.closest('th')?.textContent ?? '',
      [header.x + header.width / 2, header.y + header.height / 2],
    );
    expect(onTop).toMatch(/^[A-Z]{3}/);
    // The first line has gone up under the header; the line column stays at the left edge.
    expect((await rect(firstLine)).y).toBeLessThan(before.line.y);
    const lastLine = table.getByRole('rowheader').filter({ hasText: /^R-/ }).last();
    expect(Math.abs((await rect(lastLine)).x - frame.x)).toBeLessThanOrEqual(2);
    expect(await lineHeader.isVisible()).toBe(true);
    await saveViewportScreenshot(page, 'map-and-matrix-matrix-scrolled');
    await box.evaluate((el) => {
      el.scrollTop = 0;
      el.scrollLeft = 0;
    });
  });

  it('filters the matrix to a nation, kept in the URL', async () => {
    const table = page.getByRole('table', { name: 'Force generation matrix' });
    const nationHeaders = table.getByRole('columnheader', { name: /^[A-Z]{3}$/ });
    const allNations = (await nationHeaders.allInnerTexts()).map((t) => t.trim().slice(0, 3));
    expect(allNations.length).toBeGreaterThan(1);
    const allLines = await table.getByRole('rowheader').filter({ hasText: /^R-/ }).count();
    const code = allNations[0]!;

    await page.getByText('Nations: all').click();
    const choice = page.getByRole('group', { name: 'Show only these nations' });
    await choice.getByLabel(new RegExp(`\\(${code}\\)$`)).check();
    await page.waitForURL((url) => url.searchParams.get('nations') === code);
    await page
      .getByRole('status')
      .filter({ hasText: `(${code}): the lines it fills` })
      .waitFor();
    expect((await nationHeaders.allInnerTexts()).map((t) => t.trim().slice(0, 3))).toEqual([code]);
    const lines = await table.getByRole('rowheader').filter({ hasText: /^R-/ }).count();
    expect(lines).toBeGreaterThan(0);
    expect(lines).toBeLessThanOrEqual(allLines);
    await saveScreenshot(page, 'map-and-matrix-matrix-filtered');

    // The filter is in the address: a reload keeps it.
    await page.reload();
    await table.getByRole('row').nth(1).waitFor();
    expect((await nationHeaders.allInnerTexts()).map((t) => t.trim().slice(0, 3))).toEqual([code]);
    await page.getByText(`Nations: ${code}`).click();
    expect(
      await page
        .getByRole('group', { name: 'Show only these nations' })
        .getByLabel(new RegExp(`\\(${code}\\)$`))
        .isChecked(),
    ).toBe(true);
    await page.getByRole('button', { name: 'Show every nation' }).click();
    await page.waitForURL((url) => !url.searchParams.has('nations'));
    expect(await nationHeaders.count()).toBe(allNations.length);
  });

  it('opens the deployment map at the top of the page, fitted to the network', async () => {
    await page.goto(new URL(`/scenarios/${ARTICLE}/deployment/map`, server.url).href);
    const map = page.getByRole('group', { name: /^The transport network and the ULNs on/ });
    await map.locator('.map-unit image').first().waitFor();
    const plan = await planInPage(page);
    const svg = await rect(map);
    // In view without scrolling: under the page's header and the day control, the whole map shows.
    expect(await page.evaluate(() => window.scrollY)).toBe(0);
    expect(svg.y).toBeLessThan(VIEWPORT.height * 0.6);
    expect(svg.y + svg.height).toBeLessThanOrEqual(VIEWPORT.height);
    expect(svg.height).toBeGreaterThanOrEqual(300);
    // Fitted to the nodes in Europe: all inside the map, and spread across most of it.
    const offMap = await page
      .getByRole('region', { name: 'Nodes not on the map' })
      .getByRole('listitem')
      .count();
    const nodes = await map.locator('.map-node').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
      }),
    );
    const inside = nodes.filter(
      (n) => n.x >= svg.x && n.x <= svg.x + svg.width && n.y >= svg.y && n.y <= svg.y + svg.height,
    );
    expect(inside.length).toBeGreaterThanOrEqual(plan.result.nodes.length - offMap);
    const xs = inside.map((n) => n.x);
    const ys = inside.map((n) => n.y);
    expect(
      Math.max(Math.max(...xs) - Math.min(...xs)) / svg.width,
      'fills the width or the height',
    ).toSatisfy((w: number) => w > 0.6 || (Math.max(...ys) - Math.min(...ys)) / svg.height > 0.6);
    await saveViewportScreenshot(page, 'map-and-matrix-map-open');
  });

  it('zooms in with the button and names the places; resets to the network', async () => {
    const map = page.getByRole('group', { name: /^The transport network and the ULNs on/ });
    const plan = await planInPage(page);
    const names = new Set(plan.result.nodes.map((n) => shortName(n.name)));
    const fitted = await mapTransform(map);
    const reset = page.getByRole('button', { name: 'Reset view' });
    expect(await reset.isDisabled()).toBe(true);

    await page.getByRole('button', { name: 'Zoom in' }).click();
    await expect.poll(() => mapTransform(map)).not.toBe(fitted);
    await page.getByRole('button', { name: 'Zoom in' }).click();
    const labels = map.locator('.map-label');
    await labels.first().waitFor();
    const shown = await labels.allTextContents();
    expect(shown.length).toBeGreaterThan(0);
    for (const l of shown) expect(names.has(l), l).toBe(true);
    // Labels never overlap one another.
    const boxes = await labels.evaluateAll((els) =>
      els.map((e) => e.getBoundingClientRect().toJSON() as DOMRect),
    );
    for (const [i, a] of boxes.entries())
      for (const b of boxes.slice(i + 1))
        expect(
          a.right <= b.left + 0.5 ||
            b.right <= a.left + 0.5 ||
            a.bottom <= b.top + 0.5 ||
            b.bottom <= a.top + 0.5,
        ).toBe(true);
    await saveViewportScreenshot(page, 'map-and-matrix-map-zoomed');

    // The keyboard zooms and pans the focused map too.
    const zoomed = await mapTransform(map);
    await map.focus();
    await page.keyboard.press('-');
    await expect.poll(() => mapTransform(map)).not.toBe(zoomed);
    const keyed = await mapTransform(map);
    await page.keyboard.press('ArrowLeft');
    await expect.poll(() => mapTransform(map)).not.toBe(keyed);

    // Dragging pans; the wheel zooms only with Ctrl held or once the map has the focus, so that
    // scrolling the page past the map is never taken over.
    const svg = await rect(map);
    const dragged = await mapTransform(map);
    await page.mouse.move(svg.x + svg.width * 0.7, svg.y + svg.height * 0.8);
    await page.mouse.down();
    await page.mouse.move(svg.x + svg.width * 0.5, svg.y + svg.height * 0.6, { steps: 5 });
    await page.mouse.up();
    await expect.poll(() => mapTransform(map)).not.toBe(dragged);
    await page.getByRole('heading', { name: /^Map on / }).click();
    const unfocused = await mapTransform(map);
    const scrollBefore = await page.evaluate(() => window.scrollY);
    await page.mouse.move(svg.x + svg.width / 2, svg.y + svg.height / 2);
    await page.mouse.wheel(0, 200);
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(scrollBefore);
    expect(await mapTransform(map)).toBe(unfocused);
    await page.evaluate(() => window.scrollTo(0, 0));
    await reset.click();
    await expect.poll(() => mapTransform(map)).toBe(fitted);
    expect(await reset.isDisabled()).toBe(true);
  });

  it('gathers nearby symbols into a cluster that opens to its list', async () => {
    const map = page.getByRole('group', { name: /^The transport network and the ULNs on/ });
    // Zoomed out, symbols at nearby places become one with their total count.
    const clusters = map.getByRole('button', { name: /^\d+ ULNs \([\d,]+ personnel\) at \d+ places near / });
    for (let i = 0; i < 4 && (await clusters.count()) === 0; i++)
      await page.getByRole('button', { name: 'Zoom out' }).click();
    const cluster = clusters.first();
    await cluster.waitFor();
    const label = (await cluster.getAttribute('aria-label'))!;
    const [, count, places] = /^(\d+) ULNs \(.*\) at (\d+) places/.exec(label)!;
    expect(await cluster.getAttribute('aria-expanded')).toBe('false');
    await cluster.click();
    expect(await cluster.getAttribute('aria-expanded')).toBe('true');
    const list = page.getByRole('region', { name: `${count} ULNs at ${places} places` });
    await list.waitFor();
    expect(await list.getByRole('listitem').count()).toBe(Number(places));
    expect(await list.innerText()).toMatch(/[A-Z]{3}-\d+/);
    await saveViewportScreenshot(page, 'map-and-matrix-map-cluster');
    await list.getByRole('button', { name: 'Close the list' }).click();
    await list.waitFor({ state: 'detached' });
    expect(await cluster.getAttribute('aria-expanded')).toBe('false');
    const reset = page.getByRole('button', { name: 'Reset view' });
    if (await reset.isEnabled()) await reset.click();
  });

  it('draws an arc closed on the chosen day red and dashed, naming the window', async () => {
    const arcs = await apiAs<{ items: ArcRecord[] }>(
      server,
      'planner',
      'GET',
      `/api/scenarios/${ARTICLE}/network-arcs`,
    );
    // A railway: long enough to be seen closed in the screenshot.
    const arc = arcs.items.find((a) => a.mode === 'rail') ?? arcs.items[0]!;
    const reason = 'Bridge repairs (browser test).';
    await apiAs(server, 'planner', 'PATCH', `/api/scenarios/${ARTICLE}/network-arcs/${arc.id}`, {
      version: arc.version,
      closures: [{ from: 0, to: 400, reason }],
    });
    await page.reload();
    const map = page.getByRole('group', { name: /^The transport network and the ULNs on/ });
    await map.locator('.map-unit image').first().waitFor();
    const plan = await planInPage(page);
    const closed = map.locator('.map-arc-closed');
    await closed.first().waitFor();
    // Ours among them (the scenario may close others on the day too), named with its window.
    const ours = closed.filter({ hasText: reason });
    expect(await ours.count()).toBe(1);
    expect(await ours.locator('title').textContent()).toContain(
      `Closed ${formatCDay(0)} to ${formatCDay(400)}: ${reason}`,
    );
    expect(await ours.getAttribute('stroke-dasharray')).toBe('6 4');
    const day = Math.max(0, plan.result.today);
    const legend = page.getByRole('region', { name: 'Map legend' });
    expect(await legend.innerText()).toContain(`Closed on ${formatCDay(day)} (${await closed.count()})`);
    await saveViewportScreenshot(page, 'map-and-matrix-map-closed');
  });

  it('raised no script errors', () => {
    expect(pageErrors.flat().map((e) => e.message)).toEqual([]);
  });
});
