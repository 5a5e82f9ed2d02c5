// App actions for browser tests: find and launch Debian's chromium, start the real server on a
// free port, and the few steps a user takes (sign in, open the app, open a scenario, sign out).
// Tests find elements by role and label, as a person would, so these helpers do too. Test data is
// set up through the HTTP API as one of the test accounts, never by reaching into the store.
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import type { AnalysisAnswer, AnalysisKind } from '../src/contract/analyses/index.ts';
import type { ScenarioSummary } from '../src/domain/records.ts';
import { TEST_PASSWORD, startTestServer, type TestServer } from '../src/server/test-server.ts';
import { NO_CHROMIUM, skippedFor } from '../test-summary.ts';
import { afterAll, beforeAll, expect } from 'vitest';

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

/**
 * Options for the describe block of a browser test file: skipped when there is no browser, its tests
 * counted under one reason in the run's summary (see test-summary.ts).
 */
export function unlessBrowser(check: BrowserAvailability): ReturnType<typeof skippedFor> {
  return skippedFor(check.run ? undefined : NO_CHROMIUM);
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
  // Shorter than the test's own timeout, so a missing element fails naming the element.
  page.setDefaultTimeout(120_000);
  const errors: Error[] = [];
  page.on('pageerror', (e) => errors.push(e));
  return { page, errors };
}

/**
 * Fills in the sign-in form and presses "Sign in", as a person would, opening the sign-in page
 * first unless the page is already there. Does not wait for the outcome: see `signIn`.
 */
export async function submitSignIn(
  page: Page,
  user: string,
  options: { baseUrl?: string; password?: string } = {},
): Promise<void> {
  const here = page.url().startsWith('http') ? new URL(page.url()) : undefined;
  if (here?.pathname !== '/login') {
    const base = options.baseUrl ?? here?.origin;
    if (!base) throw new Error('submitSignIn: the page is blank; pass baseUrl');
    await page.goto(new URL('/login', base).href);
  }
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password', { exact: true }).fill(options.password ?? TEST_PASSWORD);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
}

/**
 * Signs in as `user` (a test account, password TEST_PASSWORD unless given) through the sign-in page
 * and waits until the app has left it, i.e. is showing the page that was wanted.
 */
export async function signIn(
  page: Page,
  user: string,
  options: { baseUrl?: string; password?: string } = {},
): Promise<void> {
  await submitSignIn(page, user, options);
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).waitFor();
  await page.waitForURL((url) => url.pathname !== '/login');
}

/** Presses "Sign out" in the header and waits for the sign-in page. */
export async function signOut(page: Page): Promise<void> {
  await page.getByRole('banner').getByRole('button', { name: 'Sign out' }).click();
  await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
}

/** The main navigation's link names, in order. */
export async function mainNavLinks(page: Page): Promise<string[]> {
  const nav = page.getByRole('banner').getByRole('navigation', { name: 'Main' });
  await nav.waitFor();
  return (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
}

/** Session tokens by server and user: signing in hashes a password, which is slow on purpose. */
const tokens = new WeakMap<TestServer, Map<string, Promise<string>>>();

/** A request to the HTTP API as one of the test accounts (for setting up data). */
export async function apiAs<T = unknown>(
  server: TestServer,
  user: string,
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE',
  path: string,
  body?: unknown,
): Promise<T> {
  const byUser = tokens.get(server) ?? new Map<string, Promise<string>>();
  tokens.set(server, byUser);
  if (!byUser.has(user)) byUser.set(user, server.login(user));
  const token = await byUser.get(user)!;
  const res = await fetch(new URL(path, server.url), {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} as ${user}: HTTP ${res.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

/** Opens the Users page from the main navigation (administrators) and waits for its table. */
export async function openUsersPage(page: Page): Promise<Locator> {
  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
  const table = page.getByRole('table', { name: 'Users' });
  await table.waitFor();
  return table;
}

/** A user's row in the Users table, found by its user name, as its text with spaces collapsed. */
export async function userRowText(table: Locator, userName: string): Promise<string> {
  const row = table.getByRole('row', { name: new RegExp(`^${escapeRegExp(userName)}\\b`) });
  await row.waitFor();
  return (await row.innerText()).replace(/\s+/g, ' ');
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

/** Clicks a link of the scenario's section navigation and waits until it is the current section. */
export async function openScenarioSection(page: Page, label: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Scenario sections' });
  await nav.getByRole('link', { name: label, exact: true }).click();
  await nav.locator('a[aria-current="page"]', { hasText: label }).waitFor();
}

/**
 * An analysis of a scenario as the user signed in on `page` gets it from the API (fetched in the
 * page, with its session), so a test compares what the page shows with the same user's answer.
 */
export async function analysisInPage<K extends AnalysisKind>(
  page: Page,
  scenarioId: string,
  kind: K,
  query: Record<string, string> = {},
): Promise<AnalysisAnswer<K>> {
  const qs = new URLSearchParams(query).toString();
  const path = `/api/scenarios/${encodeURIComponent(scenarioId)}/analysis${kind === 'dashboard' ? '' : `/${kind}`}${qs ? `?${qs}` : ''}`;
  return page.evaluate(async (url) => {
    const res = await fetch(url, { headers: { accept: 'application/json' } });
    if (!res.ok) throw new Error(`GET ${url}: HTTP ${res.status} ${await res.text()}`);
    return res.json();
  }, path) as Promise<AnalysisAnswer<K>>;
}

/**
 * Collects the Content-Security-Policy violations the browser reports on `page` from its next
 * document on (as `path: directive blocked-URI`): a test asserts the list stays empty.
 */
export async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (e) => {
      const report = (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation;
      report(`${location.pathname}: ${e.effectiveDirective} ${e.blockedURI || '(inline)'}`);
    });
  });
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
  });
  return violations;
}

export interface ScenarioFacts {
  name: string;
  missionName: string;
  asOf: string;
  targetPersonnel: number;
}

/** Looks a scenario up through the API, so tests do not hard-code titles that data files may reword. */
export async function scenarioFacts(server: TestServer, id: string): Promise<ScenarioFacts> {
  const body = await apiAs<{ items: ScenarioSummary[] }>(server, 'planner', 'GET', '/api/scenarios');
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

/**
 * Opens a record's own page (`/scenarios/<id>/records/<kind path>/<key>`) and waits for the record,
 * shown as the region named after its kind and key ("Network arc A-1").
 */
export async function openRecordPage(
  page: Page,
  baseUrl: string,
  scenarioId: string,
  record: { kindPath: string; key: string; kindName: string },
): Promise<Locator> {
  const path = `/scenarios/${scenarioId}/records/${record.kindPath}/${encodeURIComponent(record.key)}`;
  await page.goto(new URL(path, baseUrl).href);
  const region = page.getByRole('region', { name: `${record.kindName} ${record.key}`, exact: true });
  await region.waitFor();
  return region;
}

/**
 * A screenshot of what the screen shows, without scrolling: for checking what a reader sees when a
 * page opens (saveScreenshot takes the whole page).
 */
export async function saveViewportScreenshot(page: Page, name: string): Promise<string> {
  await mkdir(SCREENSHOT_DIR, { recursive: true });
  const path = join(SCREENSHOT_DIR, `${name}.png`);
  await page.screenshot({ path, fullPage: false });
  return path;
}

/**
 * Opens the scenario settings from the link in the scenario's frame (planners and administrators)
 * and waits for their form.
 */
export async function openScenarioSettings(page: Page): Promise<Locator> {
  await page.getByRole('link', { name: 'Scenario settings', exact: true }).click();
  const form = page.getByRole('form', { name: 'Scenario settings', exact: true });
  await form.waitFor();
  return form;
}

/**
 * The set-up most browser tests share: the app and a browser started before the tests, the reference
 * scenario's name read, every page's script errors checked (none allowed) and both closed after.
 * Call inside a `describe`; read `server`, `browser` and `scenarioName` inside tests only.
 */
export function browserSession(
  check: BrowserAvailability,
  scenarioId: string,
): {
  readonly server: TestServer;
  readonly browser: Browser;
  readonly scenarioName: string;
  /** A new page signed in as `user`. */
  signedIn(user: string): Promise<Page>;
} {
  let server: TestServer | undefined;
  let browser: Browser | undefined;
  let scenarioName = '';
  const pages: { page: Page; errors: Error[] }[] = [];
  beforeAll(async () => {
    if (!check.run) return;
    server = await startApp();
    browser = await launchBrowser(check.executablePath);
    scenarioName = (await scenarioFacts(server, scenarioId)).name;
  });
  afterAll(async () => {
    for (const p of pages) expect(p.errors).toEqual([]);
    await browser?.close();
    await server?.close();
  });
  return {
    get server() {
      return server!;
    },
    get browser() {
      return browser!;
    },
    get scenarioName() {
      return scenarioName;
    },
    async signedIn(user: string) {
      const opened = await newPage(browser!);
      pages.push(opened);
      await signIn(opened.page, user, { baseUrl: server!.url });
      return opened.page;
    },
  };
}

/**
 * A throwaway copy of a scenario for a test that changes one: a variant branched through the API
 * without what-ifs, so the reference scenario other tests read stays as it is. Returns the copy.
 */
export async function branchScenarioCopy(
  server: TestServer,
  parentId: string,
  id: string,
  user = 'planner',
): Promise<ScenarioSummary> {
  const path = `/api/scenarios/${encodeURIComponent(parentId)}/branch`;
  return apiAs<ScenarioSummary>(server, user, 'POST', path, { id });
}
