// The Risk page in a real browser against the real server, as a planner walks it for the reference
// scenario: the Risk tab, the map of the line of contact, personnel per distance band, the escalation
// ladder with Germany's and Italy's red lines at "attack on coalition troops" and the force left at
// each rung, who can respond (the 48 h column equal to the API's answer, before and after choosing
// another threatened sector), and the risk register with its matrix. Every figure is compared with
// what the API answers the same user in the same page: the test follows the data, never restates it.
// An observer sees the public view: places on a grid, and the page says so.
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { AnalysisAnswer } from '../src/contract/analyses/index.ts';
import { PROBABILITIES, SEVERITIES, riskLevel } from '../src/domain/risk-register.ts';
import {
  RISK_LEVEL_ABBREVIATIONS,
  SEVERITY_LABELS,
  formatKm,
  rungLabel,
} from '../web/src/components/risk-model.ts';
import { formatNumber } from '../web/src/format.ts';
import {
  analysisInPage,
  browserAvailability,
  browserSession,
  openScenario,
  openScenarioSection,
  rowText,
  saveScreenshot,
  unlessBrowser,
  watchCspViolations,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';
/** The rung at which Germany and Italy withdraw (the reference scenario's red lines). */
const ATTACK_RUNG = 'attack-on-coalition';

/** The texts of a table row's data cells (not its row header), whitespace folded. */
async function cellsOf(row: Locator): Promise<string[]> {
  await row.waitFor();
  return (await row.getByRole('cell').allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
}

/** The data cells of the row of `table` whose name (its row header first) starts with `rowName`. */
function cellTexts(table: Locator, rowName: string): Promise<string[]> {
  const escaped = rowName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return cellsOf(table.getByRole('row', { name: new RegExp(`^${escaped}`) }));
}

/** Waits for the "who can respond" tables of the API's threatened sector; checks them at 48 h. */
async function checkRespond(page: Page, api: AnalysisAnswer<'risk'>): Promise<void> {
  const respond = api.result.respond!;
  const ladder = api.result.ladder!;
  const region = page.getByRole('region', { name: 'Who can respond', exact: true });
  const table = region.getByRole('table', { name: `Personnel able to reach ${respond.sector}, per rung` });
  await table.waitFor();
  await table.getByRole('columnheader', { name: 'Within 48 h' }).waitFor();
  const at48 = respond.windows.indexOf(48);
  expect(at48).toBeGreaterThan(-1);
  for (const r of respond.rungs) {
    const rung = ladder.rungs.find((x) => x.id === r.rung)!;
    const cells = await cellTexts(table, rungLabel(rung));
    expect(cells[at48], `${r.rung} within 48 h`).toBe(formatNumber(r.personnel[at48]!));
  }
  // The by-nation breakdown at 48 h, at the lowest rung.
  const byNation = region.getByRole('table', { name: `By nation, within 48 h of ${respond.sector}` });
  await byNation.waitFor();
  // Its first row is the first nation of the lowest rung; its first column, that rung.
  const first = respond.rungs[0]!.nations[0];
  if (first)
    expect((await cellsOf(byNation.getByRole('row').nth(1)))[0]).toBe(formatNumber(first.personnel[at48]!));
}

describe('the Risk page', unlessBrowser(browserCheck), () => {
  const session = browserSession(browserCheck, ARTICLE);

  it('walks the map, exposure, ladder, who can respond and the register', async () => {
    const page = await session.signedIn('planner');
    const violations = await watchCspViolations(page);
    await openScenario(page, session.server.url, session.scenarioName);
    await openScenarioSection(page, 'Risk');
    expect(new URL(page.url()).pathname).toBe(`/scenarios/${ARTICLE}/risk`);
    const api = await analysisInPage(page, ARTICLE, 'risk');
    const r = api.result;

    // The map: one image whose name summarises the line, the bands and the units.
    const line = r.line!;
    expect(line).not.toBeNull();
    const map = page.getByRole('img', { name: /^Map of the line of contact/ });
    await map.waitFor();
    const summary = (await map.getAttribute('aria-label'))!;
    expect(summary).toContain(formatKm(line.lengthKm));
    expect(summary).toContain(`threatened sector ${r.respond!.sector} ringed`);
    expect(await map.locator('path[data-band]').count()).toBe(r.bands.filter((b) => b.toKm !== null).length);

    // Personnel per band, as the API counts them.
    const bands = page.getByRole('table', { name: 'Personnel per distance band' });
    await bands.waitFor();
    for (const [i, b] of r.bands.entries()) {
      expect((await cellTexts(bands, b.name))[1]).toBe(formatNumber(r.exposure!.personnel[i]!));
    }

    // The ladder: Germany's and Italy's red lines at "attack on coalition troops", linked to their
    // records, and the force remaining at every rung.
    const ladder = r.ladder!;
    const attack = ladder.rungs.find((x) => x.id === ATTACK_RUNG)!;
    expect(attack.redLines.map((l) => l.id)).toEqual(expect.arrayContaining(['RL-DEU-1', 'RL-ITA-1']));
    const rungs = page.getByRole('table', { name: 'Rungs of the escalation ladder' });
    await rungs.waitFor();
    const attackRow = await rowText(rungs, rungLabel(attack));
    for (const l of attack.redLines) {
      expect(attackRow).toContain(l.id);
      expect(attackRow).toContain(l.statement);
      expect(await rungs.getByRole('link', { name: l.id, exact: true }).getAttribute('href')).toBe(
        `/scenarios/${ARTICLE}/records/red-lines/${l.id}`,
      );
    }
    for (const rung of ladder.rungs) {
      const text = await rowText(rungs, rungLabel(rung));
      expect(text).toContain(
        `${formatNumber(rung.personnelMatched.p50)} P10 ${formatNumber(rung.personnelMatched.p10)}`,
      );
    }
    await page
      .getByRole('table', {
        name: 'Force where the escalation stops: correlated against independent red lines',
      })
      .waitFor();

    // Who can respond, within 48 h, per rung: the API's figures.
    await checkRespond(page, api);
    await saveScreenshot(page, 'risk-page');

    // Another threatened sector: the table follows, and equals the API's answer for it.
    const respond = r.respond!;
    const at48 = respond.windows.indexOf(48);
    const other =
      respond.sectors.find(
        (s) => s.sector !== respond.sector && s.personnel[at48] !== respond.rungs[0]!.personnel[at48],
      ) ?? respond.sectors.find((s) => s.sector !== respond.sector)!;
    await page
      .getByRole('region', { name: 'Who can respond', exact: true })
      .getByLabel('Threatened sector')
      .selectOption(other.sector);
    await page.waitForURL((url) => url.searchParams.get('sector') === other.sector);
    const moved = await analysisInPage(page, ARTICLE, 'risk', { sector: other.sector });
    expect(moved.result.respond!.sector).toBe(other.sector);
    await checkRespond(page, moved);
    await page.getByRole('img', { name: new RegExp(`threatened sector ${other.sector} ringed`) }).waitFor();

    // The register: its entries (the API's) and the matrix of open risks, residual then initial.
    const register = page.getByRole('region', { name: /^Risk register/ });
    await register.waitFor();
    const entries = register.getByRole('table', { name: 'Risk register entries' });
    if (moved.result.register.entries.length === 0) {
      await entries.getByText('The register has no risks that you may see.').waitFor();
    }
    for (const e of moved.result.register.entries) {
      expect(await rowText(entries, e.id)).toContain(e.title);
      expect(await entries.getByRole('link', { name: e.id, exact: true }).getAttribute('href')).toBe(
        `/scenarios/${ARTICLE}/records/risks/${encodeURIComponent(e.id)}`,
      );
    }
    for (const view of ['residual', 'initial'] as const) {
      if (view === 'initial') await register.getByLabel('Initial (before controls)').check();
      const matrix = register.getByRole('table', {
        name: new RegExp(`^Open risks by severity and probability, ${view}`),
      });
      await matrix.waitFor();
      for (const [i, s] of SEVERITIES.entries()) {
        const expected = PROBABILITIES.map(
          (p, j) =>
            `${formatNumber(moved.result.register.matrix[view][i]![j]!)} ${RISK_LEVEL_ABBREVIATIONS[riskLevel(p, s)]}`,
        );
        expect(await cellTexts(matrix, SEVERITY_LABELS[s])).toEqual(expected);
      }
    }
    await saveScreenshot(page, 'risk-register');

    // Nothing on the page needs an inline style, eval or a remote asset.
    expect(violations).toEqual([]);

    // A red line's link opens its record.
    await rungs.getByRole('link', { name: 'RL-DEU-1', exact: true }).click();
    await page.getByRole('region', { name: 'Red line RL-DEU-1', exact: true }).waitFor();
  });

  it('tells an observer that places are grid cells (the public view)', async () => {
    const page = await session.signedIn('observer');
    await page.goto(new URL(`/scenarios/${ARTICLE}/risk`, session.server.url).href);
    const api = await analysisInPage(page, ARTICLE, 'risk');
    const exposure = api.result.exposure!;
    expect(exposure.view).toBe('public');
    const grid = exposure.view === 'public' ? exposure.gridDegrees : 0;
    await page.getByText(`Places are shown as the centres of grid cells ${grid}° wide`).waitFor();
    await page.getByRole('img', { name: /^Map of the line of contact/ }).waitFor();
    await page.getByRole('table', { name: 'Personnel per distance band' }).waitFor();
  });
});
