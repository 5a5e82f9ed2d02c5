// The Content-Security-Policy (src/server/security-headers.ts) against the real UI in a real browser:
// signed in as the administrator, every main page is opened (scenarios, a scenario's overview, its
// analyses, the deployment closure and map with its APP-6 symbols, the Risk page with the line of
// contact on its map (and, for the administrator, its import form), nations with the map of Europe,
// funding, users, the audit log) and the API docs; each must show its main content, and the browser
// must report no CSP violation anywhere. A new feature that needs eval, an inline style or a remote
// asset fails here, naming the page and the directive.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../src/server/test-server.ts';
import {
  browserAvailability,
  launchBrowser,
  newPage,
  scenarioFacts,
  signIn,
  startApp,
  unlessBrowser,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';

/** The page's main content, found by role and label as a person would see it. */
type Shows = (page: Page) => Promise<void>;

describe('the Content-Security-Policy', unlessBrowser(browserCheck), () => {
  let server: TestServer;
  let browser: Browser;
  let page: Page;
  let errors: Error[];
  /** Every violation the browser reported, as `page: directive blocked-URI (source)`. */
  const violations: string[] = [];
  let articleName: string;

  beforeAll(async () => {
    if (!browserCheck.run) return;
    server = await startApp();
    browser = await launchBrowser(browserCheck.executablePath);
    ({ page, errors } = await newPage(browser));
    articleName = (await scenarioFacts(server, ARTICLE)).name;
    // Reported from every document the page loads, before any of its scripts run.
    await page.exposeFunction('reportCspViolation', (v: string) => violations.push(v));
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (e) => {
        const report = (window as unknown as { reportCspViolation(v: string): void }).reportCspViolation;
        report(
          `${location.pathname}: ${e.effectiveDirective} ${e.blockedURI || '(inline)'} ` +
            `(${e.sourceFile || 'the document'}:${e.lineNumber})`,
        );
      });
    });
    page.on('console', (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(`${page.url()}: ${m.text()}`);
    });
    await signIn(page, 'admin', { baseUrl: server.url });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  const scenario = (section = '') => `/scenarios/${ARTICLE}${section ? `/${section}` : ''}`;
  const PAGES: [string, string, Shows][] = [
    ['the scenario list', '/', (p) => p.getByRole('table', { name: 'Scenarios' }).waitFor()],
    [
      "a scenario's overview",
      scenario(),
      async (p) => {
        await p.getByRole('heading', { level: 1, name: articleName }).waitFor();
        await p.getByRole('table', { name: 'Nations' }).waitFor();
      },
    ],
    [
      'the dashboard (ECharts)',
      scenario('dashboard'),
      (p) =>
        p
          .getByRole('img', { name: /^Bar chart: target/ })
          .locator('svg')
          .waitFor(),
    ],
    [
      'force generation',
      scenario('force-generation'),
      (p) => p.getByRole('table', { name: 'Force generation matrix' }).waitFor(),
    ],
    [
      'resilience',
      scenario('resilience'),
      (p) =>
        p
          .getByRole('img', { name: /^Histogram of personnel matched/ })
          .locator('svg')
          .waitFor(),
    ],
    [
      'sustainment',
      scenario('sustainment'),
      (p) => p.getByRole('table', { name: 'Sustainment by nation' }).waitFor(),
    ],
    [
      'the deployment closure',
      scenario('deployment'),
      (p) =>
        p
          .getByRole('img', { name: /^Line chart: personnel in place by C-day/ })
          .locator('svg')
          .waitFor(),
    ],
    [
      'the deployment map (d3-geo, milsymbol)',
      scenario('deployment/map'),
      async (p) => {
        const map = p.getByRole('group', { name: /^The transport network and the ULNs on/ });
        // Unit symbols are buttons (a cluster opens its list).
        await map
          .getByRole('button', { name: /^\d+ ULNs? \(/ })
          .first()
          .waitFor();
        // The APP-6 symbols are data: images: wait until they are drawn, so a refusal is reported.
        await map.locator('.map-unit image').first().waitFor();
      },
    ],
    [
      'risk (the line of contact on the map of Europe)',
      scenario('risk'),
      async (p) => {
        await p.getByRole('img', { name: /^Map of the line of contact/ }).waitFor();
        await p.getByRole('table', { name: 'Personnel per distance band' }).waitFor();
        await p.getByRole('region', { name: 'Replace the line of contact', exact: true }).waitFor();
      },
    ],
    [
      'nations (map of Europe)',
      scenario('nations'),
      (p) =>
        p
          .getByRole('group', { name: /^Map of Europe/ })
          .getByRole('img', { name: 'France: Lead' })
          .waitFor(),
    ],
    ['funding', scenario('funding'), (p) => p.getByRole('table', { name: 'Funding pledges' }).waitFor()],
    ['cost (charts)', scenario('cost'), (p) => p.getByRole('table', { name: 'Cost by nation' }).waitFor()],
    [
      'briefing (the make form and the packs kept)',
      scenario('briefing'),
      async (p) => {
        await p.getByRole('form', { name: 'Make a briefing pack' }).waitFor();
        await p.getByRole('table', { name: 'Packs kept' }).waitFor();
      },
    ],
    ['the users page', '/admin/users', (p) => p.getByRole('table', { name: 'Users' }).waitFor()],
    ['the audit log', '/audit', (p) => p.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor()],
    [
      'the API docs (Swagger UI)',
      '/docs',
      async (p) => {
        await p.getByRole('heading', { name: /Coalition Planner API/ }).waitFor();
        await p
          .getByRole('button', { name: /POST \/api\/scenarios/ })
          .first()
          .waitFor();
      },
    ],
  ];

  it.each(PAGES)('shows %s with nothing refused', async (_name, path, shows) => {
    const before = violations.length;
    await page.goto(new URL(path, server.url).href);
    await shows(page);
    // Late loads (lazy chunks, images) report too: let the page settle before counting.
    await page.waitForLoadState('networkidle');
    expect(violations.slice(before)).toEqual([]);
  });

  it('raised no script errors', () => {
    expect(errors.map(String)).toEqual([]);
    expect(violations).toEqual([]);
  });
});
