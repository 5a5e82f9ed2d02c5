// The scenario settings in a real browser against the real server: a planner opens them from the
// scenario's frame, sets the planned C-day and sees calendar dates beside C+n on the Deployment page,
// adds a sector, is refused removing a sector still in use (the API's reason shown at the sector
// list), and meets a version conflict when an administrator saved the header meanwhile (the header as
// it now stands, and a reload). A liaison officer is offered no way in, and is told why at the
// address itself.
import { describe, expect, it } from 'vitest';
import type { StoredScenario } from '../src/domain/records.ts';
import type { PlanEnvelope } from '../web/src/api-client.ts';
import { formatCDay } from '../web/src/components/analysis-common.tsx';
import { datedDay } from '../web/src/components/deployment-model.ts';
import {
  apiAs,
  browserSession,
  browserAvailability,
  openScenario,
  openScenarioSettings,
  saveScreenshot,
  unlessBrowser,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';
const API = `/api/scenarios/${ARTICLE}`;
const C_DAY = '2025-06-01';

describe('scenario settings', unlessBrowser(browserCheck), () => {
  const session = browserSession(browserCheck, ARTICLE);
  const signedIn = (user: string) => session.signedIn(user);

  const header = () => apiAs<StoredScenario>(session.server, 'planner', 'GET', API);

  it('sets the C-day and adds a sector; the deployment page then dates its days', async () => {
    const before = await header();
    expect(before.mission.cDay).toBeUndefined();
    const page = await signedIn('planner');
    await openScenario(page, session.server.url, session.scenarioName);
    const form = await openScenarioSettings(page);

    await form.getByLabel('Planned C-day').fill(C_DAY);
    await form.getByRole('button', { name: 'Add a sector' }).click();
    const added = form.getByRole('group', {
      name: `Sector ${before.mission.sectors.length + 1}`,
      exact: true,
    });
    await added.getByLabel('Name', { exact: true }).fill('Zaporizhzhia');
    await added.getByLabel('Description', { exact: true }).fill('The south-east, behind the line.');
    await added.getByLabel('Assumption', { exact: true }).fill('A planning sector added in the test.');
    await saveScreenshot(page, 'scenario-settings');
    await form.getByRole('button', { name: 'Save settings' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: scenario settings' }).waitFor();

    const after = await header();
    expect(after.mission.cDay).toBe(C_DAY);
    expect(after.mission.sectors.at(-1)).toEqual({
      name: 'Zaporizhzhia',
      description: 'The south-east, behind the line.',
      assumption: 'A planning sector added in the test.',
    });
    // The mission is sent whole: what the form does not show came back as it was.
    const { cDay: _c, sectors: _s, ...rest } = after.mission;
    const { sectors: _b, ...restBefore } = before.mission;
    expect(rest).toEqual(restBefore);
    expect(after.deployment).toEqual(before.deployment);

    // The frame read the saved header again: it shows the C-day.
    await page.getByRole('term').filter({ hasText: 'C-day' }).waitFor();

    await page
      .getByRole('navigation', { name: 'Scenario sections' })
      .getByRole('link', { name: 'Deployment', exact: true })
      .click();
    const plan = await apiAs<PlanEnvelope>(session.server, 'planner', 'GET', `${API}/deployment/plan`);
    const dated = datedDay(C_DAY, formatCDay)(plan.parameters.today);
    expect(dated).toMatch(/^C\+\d+ \(\d{1,2} [A-Z][a-z]{2} 2025\)$/);
    await page.getByText(`Planned from ${dated}`).waitFor();
    await saveScreenshot(page, 'scenario-settings-deployment-dated');
  });

  it('shows the API’s refusal to remove a sector still in use at the sector list', async () => {
    const page = await signedIn('planner');
    await openScenario(page, session.server.url, session.scenarioName);
    const form = await openScenarioSettings(page);
    const first = form.getByRole('group', { name: 'Sector 1', exact: true });
    const name = await first.getByLabel('Name', { exact: true }).inputValue();
    await first.getByRole('button', { name: 'Remove sector 1' }).click();
    await form.getByRole('button', { name: 'Save settings' }).click();
    const refusal = form.getByRole('alert').filter({ hasText: `Must keep sector "${name}"` });
    await refusal.waitFor();
    expect(await refusal.innerText()).toMatch(/names it; change that first\.$/);
    await saveScreenshot(page, 'scenario-settings-refused');
    expect((await header()).mission.sectors.map((s) => s.name)).toContain(name);
  });

  it('shows the header as it now stands when someone saved it meanwhile, and reloads it', async () => {
    const first = await signedIn('planner');
    await openScenario(first, session.server.url, session.scenarioName);
    const firstForm = await openScenarioSettings(first);
    const second = await signedIn('admin');
    await openScenario(second, session.server.url, session.scenarioName);
    const secondForm = await openScenarioSettings(second);

    await secondForm.getByLabel('Scenario name').fill(`${session.scenarioName} (revised)`);
    await secondForm.getByRole('button', { name: 'Save settings' }).click();
    await second.getByRole('status').filter({ hasText: 'Saved: scenario settings' }).waitFor();

    await firstForm.getByLabel('Scenario description').fill('Changed in a second window.');
    await firstForm.getByRole('button', { name: 'Save settings' }).click();
    const conflict = firstForm.getByRole('alert').filter({ hasText: 'Someone else changed this scenario' });
    await conflict.waitFor();
    expect(await conflict.getByRole('definition').first().innerText()).toBe(
      `${session.scenarioName} (revised)`,
    );
    await saveScreenshot(first, 'scenario-settings-conflict');
    await conflict.getByRole('button', { name: 'Reload the current version' }).click();
    expect(await firstForm.getByLabel('Scenario name').inputValue()).toBe(
      `${session.scenarioName} (revised)`,
    );
    expect((await header()).description).not.toBe('Changed in a second window.');
  });

  it('offers a liaison officer no settings, and says why at their address', async () => {
    const page = await signedIn('liaison-gbr');
    const name = (await header()).name;
    await openScenario(page, session.server.url, name);
    expect(await page.getByRole('link', { name: 'Scenario settings' }).count()).toBe(0);
    await page.goto(new URL(`/scenarios/${ARTICLE}/edit/settings`, session.server.url).href);
    await page
      .getByRole('note')
      .filter({ hasText: 'Only coalition planners and administrators may change the scenario settings.' })
      .waitFor();
    expect(await page.getByRole('form', { name: 'Scenario settings' }).count()).toBe(0);
  });
});
