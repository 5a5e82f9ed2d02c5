// Replacing the line of contact from the Risk page, in a real browser against the real server, on a
// throwaway copy of the reference scenario (the reference stays as other tests read it). A planner
// opens "Replace the line of contact" under the map, chooses a GeoJSON file, dates the line and names
// its source, and imports it: the page says it was saved and the line's summary and map follow the
// API's new answer (date, length, lines and points read from it, never restated). A file that is not
// JSON is refused at the file field before anything is sent; a polygon is refused by the API at its
// place in the file, said at the same field; a stale version says the scenario changed and, once
// reloaded, the import goes through. An observer is offered no import.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AnalysisAnswer } from '../src/contract/analyses/index.ts';
import type { StoredScenario } from '../src/domain/records.ts';
import { formatKm } from '../web/src/components/risk-model.ts';
import { countOf, formatDate, formatNumber } from '../web/src/format.ts';
import {
  analysisInPage,
  apiAs,
  branchScenarioCopy,
  browserAvailability,
  browserSession,
  saveScreenshot,
  unlessBrowser,
  watchCspViolations,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';
/** The copy this test changes. */
const COPY = 'line-import-e2e';
const RISK_PATH = `/scenarios/${COPY}/risk`;

type RiskLine = NonNullable<AnalysisAnswer<'risk'>['result']['line']>;

/** The map panel's sentence about the line (risk-map.tsx), from the API's figures. */
const lineSummary = (line: RiskLine) =>
  `The line as of ${formatDate(line.date)}: ${formatKm(line.lengthKm)} in ${countOf(line.lines, 'line')} ` +
  `of ${formatNumber(line.vertices)} points.`;

/** A front drawn in a GIS tool: one line feature, and a town (a point) that is passed over. */
const FRONT = {
  type: 'FeatureCollection',
  features: [
    {
      type: 'Feature',
      properties: { name: 'front (test)' },
      geometry: {
        type: 'LineString',
        coordinates: [
          [35.5, 47.4],
          [36.6, 47.6],
          [37.6, 48.0],
          [38.3, 48.6],
        ],
      },
    },
    { type: 'Feature', properties: { name: 'a town' }, geometry: { type: 'Point', coordinates: [36, 47.8] } },
  ],
};
const POLYGON = {
  type: 'Feature',
  properties: {},
  geometry: {
    type: 'Polygon',
    coordinates: [
      [
        [36, 48],
        [37, 48],
        [37, 47],
        [36, 48],
      ],
    ],
  },
};

describe('replacing the line of contact from the Risk page', unlessBrowser(browserCheck), () => {
  const session = browserSession(browserCheck, ARTICLE);
  let dir = '';
  const files: Record<string, string> = {};

  beforeAll(async () => {
    if (!browserCheck.run) return;
    dir = await mkdtemp(join(tmpdir(), 'line-import-'));
    const write = async (name: string, text: string) => {
      files[name] = join(dir, name);
      await writeFile(files[name], text);
    };
    await write('front.geojson', JSON.stringify(FRONT));
    await write('front-later.geojson', JSON.stringify(FRONT));
    await write('not-a-line.geojson', 'name,lon,lat\nfront,36.1,48.2\n');
    await write('areas.geojson', JSON.stringify(POLYGON));
    await branchScenarioCopy(session.server, ARTICLE, COPY);
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  const header = () => apiAs<StoredScenario>(session.server, 'planner', 'GET', `/api/scenarios/${COPY}`);

  /** Opens the import under the map and gives its form. */
  async function openImport(page: Page): Promise<Locator> {
    const region = page.getByRole('region', { name: 'Replace the line of contact', exact: true });
    await region.getByText('Import a line from a GeoJSON file', { exact: true }).click();
    const form = region.getByRole('form', { name: 'Replace the line of contact', exact: true });
    await form.waitFor();
    return form;
  }

  /** The error shown at a field of the form (its data-field is the API's path). */
  const fieldError = (form: Locator, path: string) =>
    form.locator(`[data-field="${path}"]`).getByRole('alert');

  it('imports a GeoJSON file, and the page follows the API’s new line', async () => {
    const page = await session.signedIn('planner');
    const violations = await watchCspViolations(page);
    await page.goto(new URL(RISK_PATH, session.server.url).href);
    const mapPanel = page.getByRole('region', { name: 'Line of contact and exposure', exact: true });
    const before = (await analysisInPage(page, COPY, 'risk')).result.line!;
    expect(before).not.toBeNull();
    await mapPanel.getByText(lineSummary(before)).waitFor();
    const { version } = await header();

    const form = await openImport(page);
    // The line's date starts at the scenario's as-of date.
    expect(await form.getByLabel('Line drawn as of').inputValue()).toBe((await header()).asOf);
    await form.getByLabel('GeoJSON file').setInputFiles(files['front.geojson']!);
    const date = before.date === '2025-02-20' ? '2025-02-21' : '2025-02-20';
    await form.getByLabel('Line drawn as of').fill(date);
    await form.getByLabel('Publication').fill('Browser test line');
    await form.getByLabel('Link').fill('https://example.org/front');
    await form.getByRole('button', { name: 'Import and replace the line' }).click();

    const saved = page.getByRole('status').filter({ hasText: 'Saved: line of contact as of' });
    await saved.waitFor();
    const stored = await header();
    expect(stored.version).toBe(version + 1);
    expect(await saved.innerText()).toContain(`“front.geojson” (scenario version ${stored.version})`);

    // The page's analysis is the API's at the new version: the line's date, length and points.
    const after = (await analysisInPage(page, COPY, 'risk')).result.line!;
    expect(after.date).toBe(date);
    expect(after.provenance.source?.publication).toBe('Browser test line');
    expect(lineSummary(after)).not.toBe(lineSummary(before));
    await mapPanel.getByText(lineSummary(after)).waitFor();
    await mapPanel.getByText('Source: Browser test line.').waitFor();
    const map = page.getByRole('img', { name: /^Map of the line of contact/ });
    expect(await map.getAttribute('aria-label')).toContain(`(${formatKm(after.lengthKm)})`);
    await saveScreenshot(page, 'risk-line-import');

    // Not JSON: refused at the file field before anything is sent.
    await form.getByLabel('GeoJSON file').setInputFiles(files['not-a-line.geojson']!);
    await form.getByRole('button', { name: 'Import and replace the line' }).click();
    await fieldError(form, 'geojson').filter({ hasText: '“not-a-line.geojson” is not JSON' }).waitFor();
    expect(await form.getByLabel('GeoJSON file').getAttribute('aria-invalid')).toBe('true');
    expect(await saved.count()).toBe(0);

    // A polygon: the API refuses it at its place in the file, said at the file field.
    await form.getByLabel('GeoJSON file').setInputFiles(files['areas.geojson']!);
    await form.getByRole('button', { name: 'Import and replace the line' }).click();
    await fieldError(form, 'geojson').filter({ hasText: 'In “areas.geojson”, at geometry:' }).waitFor();
    expect(await fieldError(form, 'geojson').innerText()).toContain('Polygon');

    // A link the API refuses is said at the link.
    await form.getByLabel('GeoJSON file').setInputFiles(files['front.geojson']!);
    await form.getByLabel('Link').fill('ftp://example.org/front');
    await form.getByRole('button', { name: 'Import and replace the line' }).click();
    await fieldError(form, 'source.url').waitFor();
    expect((await header()).version).toBe(stored.version);
    expect(violations).toEqual([]);
  });

  it('says the scenario changed under a stale version, and imports once reloaded', async () => {
    const page = await session.signedIn('planner');
    await page.goto(new URL(RISK_PATH, session.server.url).href);
    const form = await openImport(page);
    await form.getByLabel('GeoJSON file').setInputFiles(files['front-later.geojson']!);
    await form.getByLabel('Line drawn as of').fill('2025-02-25');
    await form.getByLabel('An assumption').check();
    await form.getByLabel('Assumption', { exact: true }).fill('Traced from the morning briefing map.');

    // Someone else changes the scenario meanwhile.
    const now = await header();
    await apiAs(session.server, 'planner', 'PATCH', `/api/scenarios/${COPY}`, {
      version: now.version,
      description: 'Changed by another planner during the test.',
    });
    await form.getByRole('button', { name: 'Import and replace the line' }).click();
    const conflict = form
      .getByRole('alert')
      .filter({ hasText: 'The scenario changed while you were importing' });
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain(`now at version ${now.version + 1}`);
    expect((await analysisInPage(page, COPY, 'risk')).result.line!.date).not.toBe('2025-02-25');

    await conflict.getByRole('button', { name: 'Reload the scenario' }).click();
    await form.getByRole('button', { name: 'Import and replace the line' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `(scenario version ${now.version + 2})` })
      .waitFor();
    const after = (await analysisInPage(page, COPY, 'risk')).result.line!;
    expect(after.date).toBe('2025-02-25');
    expect(after.provenance.assumption).toBe('Traced from the morning briefing map.');
    await page
      .getByRole('region', { name: 'Line of contact and exposure', exact: true })
      .getByText(lineSummary(after))
      .waitFor();
  });

  it('offers an observer no import', async () => {
    const page = await session.signedIn('observer');
    await page.goto(new URL(RISK_PATH, session.server.url).href);
    await page.getByRole('img', { name: /^Map of the line of contact/ }).waitFor();
    await page.getByRole('table', { name: 'Personnel per distance band' }).waitFor();
    expect(await page.getByRole('region', { name: 'Replace the line of contact' }).count()).toBe(0);
  });
});
