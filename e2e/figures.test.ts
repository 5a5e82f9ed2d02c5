// One value per headline figure, wherever it is read: for both reference scenarios, the Overview and
// the Dashboard in the browser, the API's figures analysis and dashboard, and `coalition analyse`
// (JSON and the printed table, as a user of the running server) must give the same number for
// every figure. And every figure on the Overview opens the records that make it, each with its
// source or assumption, adding up to the figure.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  HEADLINE_FIGURE_KEYS,
  HEADLINE_FIGURES,
  type HeadlineFigureKey,
} from '../src/domain/analysis/headline-figures.ts';
import type { AnalysisAnswer } from '../src/contract/analyses/index.ts';
import { coalition, requireCompiledCli } from '../src/cli/test-cli.ts';
import type { TestServer } from '../src/server/test-server.ts';
import { formatNumber } from '../web/src/format.ts';
import {
  apiAs,
  browserAvailability,
  groupText,
  launchBrowser,
  newPage,
  saveScreenshot,
  signIn,
  startApp,
  unlessBrowser,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const SCENARIOS = ['article-2025-03', 'reported-2026-01'] as const;

type Values = Record<HeadlineFigureKey, number>;

/** The value a figure's group shows: "Matched on time 9,680 personnel …" → 9680. */
async function shownValue(page: Page, key: HeadlineFigureKey): Promise<number> {
  const label = HEADLINE_FIGURES[key].label;
  const text = await groupText(page, label);
  const m = new RegExp(`^${label} ([\\d,]+) personnel`, 'i').exec(text.trim());
  if (!m) throw new Error(`figure "${label}" shows no value: ${text}`);
  return Number(m[1]!.replaceAll(',', ''));
}

async function shownValues(page: Page): Promise<Values> {
  const out = {} as Values;
  for (const key of HEADLINE_FIGURE_KEYS) out[key] = await shownValue(page, key);
  return out;
}

describe('headline figures agree everywhere', unlessBrowser(browserCheck), () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let errors: Error[];
  let token: string;

  beforeAll(async () => {
    if (!browserCheck.run) return;
    requireCompiledCli();
    server = await startApp();
    token = await server.login('planner');
    browser = await launchBrowser(browserCheck.executablePath);
    ({ page, errors } = await newPage(browser));
    await signIn(page, 'planner', { baseUrl: server.url });
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  for (const scenario of SCENARIOS) {
    it(`${scenario}: Overview, Dashboard, API and CLI give the same value for every figure`, async () => {
      const api = await apiAs<AnalysisAnswer<'figures'>>(
        server,
        'planner',
        'GET',
        `/api/scenarios/${scenario}/analysis/figures`,
      );
      const dashboardApi = await apiAs<AnalysisAnswer<'dashboard'>>(
        server,
        'planner',
        'GET',
        `/api/scenarios/${scenario}/analysis?draws=1000`,
      );
      const expected = api.result.values;
      expect(dashboardApi.result.force.values).toEqual(expected);

      await page.goto(new URL(`/scenarios/${scenario}`, server.url).href);
      expect(await shownValues(page)).toEqual(expected);
      await page.goto(new URL(`/scenarios/${scenario}/dashboard`, server.url).href);
      expect(await shownValues(page)).toEqual(expected);

      const env = { COALITION_TOKEN: token };
      const json = await coalition(
        ['--server', server.url, 'analyse', scenario, '--only', 'figures', '--json'],
        env,
      );
      expect(json.code, json.stderr).toBe(0);
      expect((JSON.parse(json.stdout) as AnalysisAnswer<'figures'>).result.values).toEqual(expected);
      const text = await coalition(['--server', server.url, 'analyse', scenario, '--only', 'figures'], env);
      expect(text.code, text.stderr).toBe(0);
      for (const key of HEADLINE_FIGURE_KEYS) {
        const label = HEADLINE_FIGURES[key].label;
        const row = new RegExp(`^${label}\\s+([\\d,]+)\\s`, 'm').exec(text.stdout);
        expect(row?.[1]?.replaceAll(',', ''), label).toBe(String(expected[key]));
      }
      expect(errors).toEqual([]);
    });
  }

  it('opens, for every figure on the Overview, the records that make it, with sources or assumptions', async () => {
    const scenario = 'reported-2026-01';
    const { result } = await apiAs<AnalysisAnswer<'figures'>>(
      server,
      'planner',
      'GET',
      `/api/scenarios/${scenario}/analysis/figures?explain=true`,
    );
    await page.goto(new URL(`/scenarios/${scenario}`, server.url).href);
    for (const key of HEADLINE_FIGURE_KEYS) {
      const { label } = HEADLINE_FIGURES[key];
      await page.getByRole('button', { name: `Records behind ${label}` }).click();
      const panel = page.getByRole('region', { name: new RegExp(`^${label}: `) });
      const table = panel.getByRole('table', { name: `Records behind ${label}` });
      await table.waitFor();
      const records = result.explanation![key];
      // One row per record (and the header row), each saying what its number rests on.
      expect(await table.getByRole('row').count()).toBe(records.length + 1);
      const rows = await table.locator('tbody tr').allInnerTexts();
      for (const row of rows) expect(row).toMatch(/Source:|Assumption:|Neither source nor assumption/);
      // The records add up to the figure (the shortfall against target before it is held at 0).
      const sum = records.reduce((s, r) => s + r.personnel, 0);
      if (key === 'shortfallAgainstTarget') expect(Math.max(0, sum)).toBe(result.values[key]);
      else expect(sum).toBe(result.values[key]);
      if (records.length > 0) {
        const first = records[0]!;
        expect(rows[0]).toContain(first.kind === 'mission' ? 'Mission' : first.key);
        expect(rows[0]).toContain(formatNumber(Math.abs(first.personnel)));
      }
      if (key === 'offered') await saveScreenshot(page, 'figure-records-offered');
      await page.getByRole('button', { name: `Records behind ${label}` }).click();
      await panel.waitFor({ state: 'detached' });
    }
    // A record's key leads to its page, where its source is shown in full.
    await page.getByRole('button', { name: 'Records behind Matched on time' }).click();
    const firstOffer = result.explanation!.matchedOnTime[0]!;
    await page.getByRole('link', { name: firstOffer.key, exact: true }).click();
    await page.waitForURL((url) => url.pathname.endsWith(`/offers/${firstOffer.key}`));
    expect(errors).toEqual([]);
  });
});
