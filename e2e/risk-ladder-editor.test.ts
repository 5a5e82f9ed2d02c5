// Editing the escalation ladder from the Risk page, in a real browser against the real server, on a
// throwaway copy of the reference scenario (the reference stays as other tests read it). A planner
// opens "Edit the escalation ladder" under the rungs, gives rung 4 a faster response (36 hours) and
// adds a rung at level 7, "Blockade of Black Sea ports", and saves: the page says so and the ladder
// table follows the API's new answer (the rungs and their figures read from it, never restated).
// Removing the rung Germany's and Italy's red lines name is refused, said at that rung's id, which
// takes the focus, and nothing is saved. A stale version says the scenario changed, and the changes
// kept are saved against the new one. An observer is offered no editor.
import type { Locator, Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { StoredScenario } from '../src/domain/records.ts';
import { formatHours, rungLabel } from '../web/src/components/risk-model.ts';
import { formatNumber } from '../web/src/format.ts';
import {
  analysisInPage,
  apiAs,
  branchScenarioCopy,
  browserAvailability,
  browserSession,
  rowText,
  saveScreenshot,
  unlessBrowser,
  watchCspViolations,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';
/** The copy this test changes. */
const COPY = 'ladder-editor-e2e';
const RISK_PATH = `/scenarios/${COPY}/risk`;
/** The rung at which Germany and Italy withdraw (the reference scenario's red lines name it). */
const ATTACK_RUNG = 'attack-on-coalition';
const BLOCKADE = {
  id: 'black-sea-blockade',
  level: '7',
  name: 'Blockade of Black Sea ports',
  indicators: 'Merchant shipping turned back from Odesa\nNaval mines reported in the approaches',
  thresholdUp: 'Coalition or allied ships are attacked.',
  response: 'Coalition maritime forces escort shipping; the capitals consult on a wider response.',
  hoursToRespond: '72',
  owner: 'Coalition maritime HQ',
};

describe('editing the escalation ladder from the Risk page', unlessBrowser(browserCheck), () => {
  const session = browserSession(browserCheck, ARTICLE);

  beforeAll(async () => {
    if (!browserCheck.run) return;
    await branchScenarioCopy(session.server, ARTICLE, COPY);
  });

  const header = () => apiAs<StoredScenario>(session.server, 'planner', 'GET', `/api/scenarios/${COPY}`);

  /** The ladder panel, once its table of rungs shows. */
  async function ladderPanel(page: Page): Promise<{ panel: Locator; rungs: Locator }> {
    const panel = page.getByRole('region', { name: 'Escalation ladder', exact: true });
    const rungs = panel.getByRole('table', { name: 'Rungs of the escalation ladder' });
    await rungs.waitFor();
    return { panel, rungs };
  }

  /** Opens the editor under the rungs and gives its form. */
  async function openEditor(panel: Locator): Promise<Locator> {
    await panel.getByText('Edit the escalation ladder', { exact: true }).click();
    const form = panel.getByRole('form', { name: 'Edit the escalation ladder', exact: true });
    await form.waitFor();
    return form;
  }

  const isFocused = (control: Locator) => control.evaluate((el) => el === document.activeElement);

  it('changes a rung and adds one, and the ladder follows the API’s new answer', async () => {
    const page = await session.signedIn('planner');
    const violations = await watchCspViolations(page);
    await page.goto(new URL(RISK_PATH, session.server.url).href);
    const { panel, rungs } = await ladderPanel(page);
    const before = (await analysisInPage(page, COPY, 'risk')).result.ladder!;
    const fourth = before.rungs.find((r) => r.level === 4)!;
    expect(fourth.hoursToRespond).not.toBe(36);
    expect(before.rungs.map((r) => r.level)).not.toContain(7);
    const { version } = await header();

    const form = await openEditor(panel);
    const rung4 = form.getByRole('group', { name: `Rung 4: ${fourth.name}`, exact: true });
    expect(await rung4.getByLabel('Id', { exact: true }).inputValue()).toBe(fourth.id);
    expect(await rung4.getByLabel('Hours to respond').inputValue()).toBe(String(fourth.hoursToRespond));
    await rung4.getByLabel('Hours to respond').fill('36');

    await form.getByRole('button', { name: 'Add a rung', exact: true }).click();
    const rung7 = form.getByRole('group', { name: /^Rung 7: / });
    const newId = rung7.getByLabel('Id', { exact: true });
    await expect.poll(() => isFocused(newId)).toBe(true);
    // A level above the highest is offered.
    expect(await rung7.getByLabel('Level').inputValue()).toBe(BLOCKADE.level);
    await newId.fill(BLOCKADE.id);
    await rung7.getByLabel('Level').fill(BLOCKADE.level);
    await rung7.getByLabel('Indicators').fill(BLOCKADE.indicators);
    await rung7.getByLabel('Threshold up').fill(BLOCKADE.thresholdUp);
    await rung7.getByLabel('Response').fill(BLOCKADE.response);
    await rung7.getByLabel('Hours to respond').fill(BLOCKADE.hoursToRespond);
    await rung7.getByLabel('Owner').fill(BLOCKADE.owner);
    await rung7.getByLabel('Name', { exact: true }).fill(BLOCKADE.name);
    await form.getByRole('group', { name: `Rung 7: ${BLOCKADE.name}`, exact: true }).waitFor();
    await form.getByRole('button', { name: 'Save the ladder', exact: true }).click();

    const saved = form.getByRole('status').filter({ hasText: 'Saved: escalation ladder of 7 rungs' });
    await saved.waitFor();
    const stored = await header();
    expect(stored.version).toBe(version + 1);
    expect(await saved.innerText()).toContain(`(scenario version ${stored.version})`);

    // The page's analysis is the API's at the new version: both rungs there, each with its figures.
    const after = (await analysisInPage(page, COPY, 'risk')).result.ladder!;
    const changed = after.rungs.find((r) => r.id === fourth.id)!;
    const added = after.rungs.find((r) => r.id === BLOCKADE.id)!;
    expect(changed.hoursToRespond).toBe(36);
    expect(added).toMatchObject({ level: 7, name: BLOCKADE.name, owner: BLOCKADE.owner });
    expect(added.indicators).toEqual(BLOCKADE.indicators.split('\n'));
    const addedRow = await rowText(rungs, rungLabel(added));
    for (const part of [
      ...added.indicators,
      formatHours(added.hoursToRespond),
      added.owner,
      `${formatNumber(added.personnelMatched.p50)} P10 ${formatNumber(added.personnelMatched.p10)}`,
    ])
      expect(addedRow).toContain(part);
    const changedRow = await rowText(rungs, rungLabel(changed));
    expect(changedRow).toContain(formatHours(changed.hoursToRespond));
    expect(changedRow).toContain(
      `${formatNumber(changed.personnelMatched.p50)} P10 ${formatNumber(changed.personnelMatched.p10)}`,
    );
    // The form now holds the ladder as saved.
    const savedRung = form.getByRole('group', { name: `Rung 7: ${BLOCKADE.name}`, exact: true });
    expect(await savedRung.getByLabel('Id', { exact: true }).inputValue()).toBe(BLOCKADE.id);
    expect(violations).toEqual([]);
  });

  it('refuses to remove a rung a red line names, at that rung', async () => {
    const page = await session.signedIn('planner');
    await page.goto(new URL(RISK_PATH, session.server.url).href);
    const { panel } = await ladderPanel(page);
    const ladder = (await analysisInPage(page, COPY, 'risk')).result.ladder!;
    const place = ladder.rungs.findIndex((r) => r.id === ATTACK_RUNG);
    const attack = ladder.rungs[place]!;
    const namedBy = attack.redLines.map((l) => l.id);
    expect(namedBy).toEqual(expect.arrayContaining(['RL-DEU-1', 'RL-ITA-1']));
    const { version } = await header();

    const form = await openEditor(panel);
    const title = `Rung ${place + 1}`;
    const rung = form.getByRole('group', { name: `${title}: ${attack.name}`, exact: true });
    await rung.getByRole('button', { name: `Remove ${title.toLowerCase()}`, exact: true }).click();
    await rung.getByText('Removed from the ladder when you save.').waitFor();
    await form.getByRole('button', { name: 'Save the ladder', exact: true }).click();

    const idField = rung.locator('[data-field="id"]');
    const error = idField.getByRole('alert');
    await error.waitFor();
    const said = await error.innerText();
    expect(said).toMatch(/^Red line RL-[A-Z]{3}-\d+ names this rung, so it cannot be removed/);
    expect(namedBy.some((id) => said.includes(id))).toBe(true);
    const id = rung.getByLabel('Id', { exact: true });
    expect(await id.inputValue()).toBe(ATTACK_RUNG);
    expect(await id.getAttribute('aria-invalid')).toBe('true');
    await expect.poll(() => isFocused(id)).toBe(true);
    expect(await form.getByRole('status').count()).toBe(0);
    await saveScreenshot(page, 'risk-ladder-editor-refused');

    // Nothing was saved: the scenario's version and ladder are as they were.
    expect((await header()).version).toBe(version);
    const still = (await analysisInPage(page, COPY, 'risk')).result.ladder!;
    expect(still.rungs.map((r) => r.id)).toEqual(ladder.rungs.map((r) => r.id));

    // Kept after all, the rung's fields are back.
    await rung.getByRole('button', { name: `Keep ${title.toLowerCase()}`, exact: true }).click();
    await rung.getByLabel('Hours to respond').waitFor();
    expect(await rung.locator('[data-field="id"]').getByRole('alert').count()).toBe(0);
  });

  it('says the scenario changed under a stale version, and saves the changes kept', async () => {
    const page = await session.signedIn('planner');
    await page.goto(new URL(RISK_PATH, session.server.url).href);
    const { panel } = await ladderPanel(page);
    const lowest = (await analysisInPage(page, COPY, 'risk')).result.ladder!.rungs[0]!;
    const form = await openEditor(panel);
    const rung1 = form.getByRole('group', { name: `Rung 1: ${lowest.name}`, exact: true });
    const owner = `${lowest.owner} (browser test)`;
    await rung1.getByLabel('Owner').fill(owner);

    // Someone else changes the scenario meanwhile, but not its ladder.
    const now = await header();
    await apiAs(session.server, 'planner', 'PATCH', `/api/scenarios/${COPY}`, {
      version: now.version,
      description: 'Changed by another planner during the ladder test.',
    });
    await form.getByRole('button', { name: 'Save the ladder', exact: true }).click();
    const conflict = form.getByRole('alert').filter({ hasText: 'Someone else changed this scenario' });
    await conflict.waitFor();
    expect(await conflict.innerText()).toContain(`now at version ${now.version + 1}`);
    expect(await conflict.innerText()).toContain('The ladder is as you found it');

    await conflict.getByRole('button', { name: 'Keep my changes to save them over it' }).click();
    expect(await rung1.getByLabel('Owner').inputValue()).toBe(owner);
    await form.getByRole('button', { name: 'Save the ladder', exact: true }).click();
    await form
      .getByRole('status')
      .filter({ hasText: `(scenario version ${now.version + 2})` })
      .waitFor();
    const stored = await header();
    expect(stored.description).toBe('Changed by another planner during the ladder test.');
    expect(stored.escalation!.rungs.find((r) => r.id === lowest.id)!.owner).toBe(owner);
  });

  it('offers an observer no editor', async () => {
    const page = await session.signedIn('observer');
    await page.goto(new URL(RISK_PATH, session.server.url).href);
    const { panel } = await ladderPanel(page);
    expect(await panel.getByText('Edit the escalation ladder').count()).toBe(0);
    expect(await page.getByRole('form', { name: 'Edit the escalation ladder' }).count()).toBe(0);
  });
});
