// App actions for browser tests: find and launch Debian's chromium, start the real server on a
// free port, and the few steps a user takes (open the app, open a scenario). Tests find elements
// by role and label, as a person would, so these helpers do too.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { ScenarioSummary } from '../src/domain/records.ts';
import { startTestServer, type TestServer } from '../src/server/test-server.ts';

const REPO_ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SCREENSHOT_DIR = join(REPO_ROOT, 'e2e', 'screenshots');
const WEB_INDEX = join(REPO_ROOT, 'web', 'dist', 'index.html');

const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export type BrowserAvailability = { run: true; executablePath: string } | { run: false; reason: string };

/**
 * Whether browser tests can run here. Without chromium they are skipped with a warning on a
 * developer's machine, but in CI (CI=true) a missing browser must fail the run, never pass it.
 */
export function browserAvailability(): BrowserAvailability {
  const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (existsSync(executablePath)) return { run: true, executablePath };
  const reason =
    `Chromium not found at ${executablePath}: install it with \`apt-get install -y chromium\` ` +
    'or set CHROMIUM_PATH.';
  if (process.env.CI === 'true') throw new Error(`${reason} Browser tests must run in CI (CI=true).`);
  console.warn(`Skipping browser tests. ${reason}`);
  return { run: false, reason };
}

export async function launchBrowser(executablePath: string): Promise<Browser> {
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** Starts the real server (in-memory store, reference scenarios) serving the built web UI. */
export async function startApp(): Promise<TestServer> {
  if (!existsSync(WEB_INDEX)) {
    throw new Error(`${WEB_INDEX} does not exist: build the web UI first with \`npx vite build\`.`);
  }
  return startTestServer();
}

/**
 * A new page with the script errors it raises collected, so a test can assert there were none:
 * a UI that throws must not pass just because the expected text happened to render.
 */
export async function newPage(
  browser: Browser,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; errors: Error[] }> {
  const page = await browser.newPage({ viewport });
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  return { page, errors };
}

export async function openHome(page: Page, baseUrl: string): Promise<Locator> {
  await page.goto(new URL('/', baseUrl).href);
  const table = page.getByRole('table', { name: 'Scenarios' });
  await table.waitFor();
  return table;
}

/** Clicks the scenario's name in the Scenarios table and waits for its page to show. */
export async function openScenario(page: Page, baseUrl: string, scenarioName: string): Promise<void> {
  const table = await openHome(page, baseUrl);
  await table.getByRole('link', { name: scenarioName, exact: true }).click();
  await page.getByRole('heading', { level: 1, name: scenarioName }).waitFor();
  await page.getByRole('table', { name: 'Nations' }).waitFor();
}

export interface ScenarioFacts {
  name: string;
  missionName: string;
  asOf: string;
  targetPersonnel: number;
}

/** Looks a scenario up through the API, so tests do not hard-code titles that data files may reword. */
export async function scenarioFacts(baseUrl: string, id: string): Promise<ScenarioFacts> {
  const res = await fetch(new URL('/api/scenarios', baseUrl));
  const body = (await res.json()) as { items: ScenarioSummary[] };
  const found = body.items.find((s) => s.id === id);
  if (!found) throw new Error(`scenario ${id} is not loaded; have ${body.items.map((s) => s.id).join(', ')}`);
  return {
    name: found.name,
    missionName: found.mission.name,
    asOf: found.asOf,
    targetPersonnel: found.mission.forceTarget.personnel,
  };
}

/** The text of a table row found by its row header (the nation's name). */
export async function rowText(table: Locator, rowName: string): Promise<string> {
  const row = table.getByRole('row', { name: new RegExp(`^${escapeRegExp(rowName)}\\b`) });
  await row.waitFor();
  return (await row.innerText()).replace(/\s+/g, ' ');
}

/** The text of a labelled group, e.g. the "Force target" figure. */
export async function groupText(page: Page, name: string): Promise<string> {
  const group = page.getByRole('group', { name, exact: true });
  await group.waitFor();
  return (await group.innerText()).replace(/\s+/g, ' ');
}

export async function saveScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: true });
  return path;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
