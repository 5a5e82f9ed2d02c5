// Every record the API lets a user change, changed in the browser against the real server: a
// planner edits each of the staff's kinds from the record's own page (an arc's closure windows
// included), creates and deletes a movement record, meets a version conflict from a second window
// and a refused figure whose reason is shown beside it, and sets the scenario's delivery
// probabilities from the Resilience page. A liaison officer edits its own nation's offer, pledge and
// stance entry, and is offered no way to change the staff's kinds.
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../src/server/test-server.ts';
import {
  apiAs,
  browserAvailability,
  launchBrowser,
  newPage,
  openRecordPage,
  saveScreenshot,
  signIn,
  startApp,
  unlessBrowser,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';
const API = `/api/scenarios/${ARTICLE}`;
/** A ULN made for the test (the reference scenario has no force list of its own). */
const ULN = 'GBR-0901';
const ARC = 'road.GBR-TIDWORTH.GBR-MARCHWOOD';
const NODE = 'GBR-TIDWORTH';

interface Stored {
  version: number;
  [field: string]: unknown;
}

/** The message shown for a field: the text of the elements its control says describe it. */
async function descriptionOf(control: Locator): Promise<string> {
  return control.evaluate((el) =>
    (el.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' '),
  );
}

describe('editing every kind of record', unlessBrowser(browserCheck), () => {
  let server: TestServer;
  let browser: Browser;
  const pages: { page: Page; errors: Error[] }[] = [];
  let gbrStance: string;

  async function freshPage(): Promise<Page> {
    const p = await newPage(browser);
    pages.push(p);
    return p.page;
  }

  async function plannerPage(): Promise<Page> {
    const page = await freshPage();
    await signIn(page, 'planner', { baseUrl: server.url });
    return page;
  }

  /** From a record's page, its form through the "Edit this …" link. */
  async function openForm(
    page: Page,
    record: { kindPath: string; key: string; kindName: string },
    what: string,
  ): Promise<Locator> {
    await openRecordPage(page, server.url, ARTICLE, record);
    await page.getByRole('link', { name: `Edit this ${what}` }).click();
    const form = page.getByRole('form', { name: `Edit ${what} ${record.key}` });
    await form.waitFor();
    return form;
  }

  /** Saves a form and waits for the record's page to say it was saved. */
  async function saveAndReturn(page: Page, form: Locator, saved: string): Promise<void> {
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: `Saved: ${saved}` })
      .waitFor();
  }

  beforeAll(async () => {
    if (!browserCheck.run) return;
    server = await startApp();
    browser = await launchBrowser(browserCheck.executablePath);
    // Test data through the API, as the planner: a ULN to edit and a movement to name, and a British
    // stance entry that is not "lead" (which only planners may touch) for the liaison officer.
    await apiAs(server, 'planner', 'POST', `${API}/force-list`, {
      uln: ULN,
      nation: 'GBR',
      capability: 'MECH-INF-BN',
      personnel: 650,
      tonnes: 2500,
      origin: NODE,
      ald: 0,
      ead: 5,
      lad: 10,
      rdd: 15,
      destination: 'UKR-KYIV',
      priority: 2,
      offer: 'OFF-GBR-02',
      line: 'R-L-01',
    });
    const stance = await apiAs<Stored>(server, 'planner', 'POST', `${API}/stances`, {
      nation: 'GBR',
      date: '2025-03-01',
      stance: 'committed',
      statement: 'The UK commits to the coalition.',
      assumption: 'Test entry.',
    });
    gbrStance = String(stance.id);
  });

  afterAll(async () => {
    for (const p of pages) expect(p.errors).toEqual([]);
    await browser?.close();
    await server?.close();
  });

  it('lets a planner edit a nation, a capability, a requirement line and a rotation policy', async () => {
    const page = await plannerPage();

    let form = await openForm(page, { kindPath: 'nations', key: 'GBR', kindName: 'Nation' }, 'nation');
    await form.getByLabel('Notes', { exact: true }).fill('Co-convenor of the coalition.');
    await saveAndReturn(page, form, 'nation GBR (version 2)');
    expect((await apiAs<Stored>(server, 'planner', 'GET', `${API}/nations/GBR`)).notes).toBe(
      'Co-convenor of the coalition.',
    );

    const capability = { kindPath: 'capabilities', key: 'MECH-INF-BN', kindName: 'Capability' };
    form = await openForm(page, capability, 'capability');
    // A figure the API refuses: its reason is shown beside the field, and nothing is saved.
    await form.getByLabel('Tonnes per unit').fill('-5');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const tonnes = form.getByLabel('Tonnes per unit');
    await form.getByRole('alert').filter({ hasText: 'Must not be negative.' }).waitFor();
    expect(await tonnes.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(tonnes)).toContain('Must not be negative.');
    await saveScreenshot(page, 'editing-refused-field');
    await tonnes.fill('2600');
    await form.getByLabel('Name', { exact: true }).fill('Mechanised infantry battalion (tracked)');
    await saveAndReturn(page, form, 'capability MECH-INF-BN (version 2)');
    expect(await page.getByRole('region', { name: 'Capability MECH-INF-BN' }).innerText()).toMatch(
      /defaultTonnes\s+2,?600/,
    );

    const line = { kindPath: 'requirements', key: 'R-L-01', kindName: 'Requirement line' };
    form = await openForm(page, line, 'requirement line');
    // A marking the API refuses: REL TO with no nation is named next to the nations.
    await form.getByLabel('Releasability').selectOption('REL_TO');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const releasedTo = form.getByLabel('Released to', { exact: true });
    await form.getByRole('alert').filter({ hasText: 'at least one nation' }).waitFor();
    expect(await releasedTo.getAttribute('aria-invalid')).toBe('true');
    await releasedTo.fill('FRA, GBR');
    await form.getByLabel('Units required').fill('5');
    await saveAndReturn(page, form, 'requirement line R-L-01 (version 2)');
    const storedLine = await apiAs<Stored>(server, 'planner', 'GET', `${API}/requirements/R-L-01`);
    expect(storedLine.quantity).toBe(5);
    expect(storedLine.releasability).toEqual({ level: 'REL_TO', nations: ['FRA', 'GBR'] });

    const policy = { kindPath: 'rotation-policies', key: 'GBR', kindName: 'Rotation policy' };
    form = await openForm(page, policy, 'rotation policy');
    expect(await form.getByLabel('Nation', { exact: true }).isDisabled()).toBe(true);
    await form.getByLabel('Dwell ratio').fill('3');
    await saveAndReturn(page, form, 'rotation policy GBR (version 2)');
    expect((await apiAs<Stored>(server, 'planner', 'GET', `${API}/rotation-policies/GBR`)).dwellRatio).toBe(
      3,
    );
  });

  it('lets a planner edit the network: a node, and an arc’s closure windows', async () => {
    const page = await plannerPage();
    let form = await openForm(
      page,
      { kindPath: 'network-nodes', key: NODE, kindName: 'Network node' },
      'network node',
    );
    await form.getByLabel('Reception per day: personnel').fill('3000');
    await form.getByLabel('Reception per day: tonnes').fill('9000');
    await saveAndReturn(page, form, `network node ${NODE} (version 2)`);
    expect(
      (await apiAs<Stored>(server, 'planner', 'GET', `${API}/network-nodes/${NODE}`)).receptionPerDay,
    ).toEqual({ personnel: 3000, tonnes: 9000 });

    const arc = { kindPath: 'network-arcs', key: ARC, kindName: 'Network arc' };
    form = await openForm(page, arc, 'network arc');
    await form.getByRole('button', { name: 'Add a closure' }).click();
    let first = form.getByRole('group', { name: 'Closure 1' });
    await first.getByLabel('From day').fill('10');
    await first.getByLabel('To day').fill('12');
    await first.getByLabel('Reason').fill('Bridge inspection');
    await form.getByRole('button', { name: 'Add a closure' }).click();
    const second = form.getByRole('group', { name: 'Closure 2' });
    await second.getByLabel('From day').fill('30');
    await second.getByLabel('To day').fill('25');
    await second.getByLabel('Reason').fill('Port strike');
    // A window that ends before it starts is refused, next to the cell at fault.
    await form.getByRole('button', { name: 'Save changes' }).click();
    const badTo = second.getByLabel('To day');
    await second.getByRole('alert').filter({ hasText: 'Must not be before from (C30).' }).waitFor();
    expect(await badTo.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(badTo)).toMatch(/must not be before from/i);
    await saveScreenshot(page, 'editing-arc-closures');
    await second.getByLabel('To day').fill('31');
    await saveAndReturn(page, form, `network arc ${ARC} (version 2)`);
    expect((await apiAs<Stored>(server, 'planner', 'GET', `${API}/network-arcs/${ARC}`)).closures).toEqual([
      { from: 10, to: 12, reason: 'Bridge inspection' },
      { from: 30, to: 31, reason: 'Port strike' },
    ]);

    // Removing a window removes it from the stored list.
    form = await openForm(page, arc, 'network arc');
    first = form.getByRole('group', { name: 'Closure 1' });
    expect(await first.getByLabel('Reason').inputValue()).toBe('Bridge inspection');
    await form.getByRole('button', { name: 'Remove closure 1' }).click();
    await saveAndReturn(page, form, `network arc ${ARC} (version 3)`);
    expect((await apiAs<Stored>(server, 'planner', 'GET', `${API}/network-arcs/${ARC}`)).closures).toEqual([
      { from: 30, to: 31, reason: 'Port strike' },
    ]);
  });

  it('shows a version conflict when the same node is saved from two windows, and reloads it', async () => {
    const first = await plannerPage();
    const second = await plannerPage();
    const node = { kindPath: 'network-nodes', key: NODE, kindName: 'Network node' };
    const formA = await openForm(first, node, 'network node');
    const formB = await openForm(second, node, 'network node');

    await formA.getByLabel('Name', { exact: true }).fill('Tidworth garrison');
    await saveAndReturn(first, formA, `network node ${NODE}`);

    await formB.getByLabel('Latitude').fill('51.25');
    await formB.getByRole('button', { name: 'Save changes' }).click();
    const conflict = formB.getByRole('alert').filter({ hasText: 'Someone else changed this network node' });
    await conflict.waitFor();
    expect(await conflict.innerText()).toMatch(/name\s+Tidworth garrison/);
    await saveScreenshot(second, 'editing-node-conflict');
    await conflict.getByRole('button', { name: 'Reload the current version' }).click();
    expect(await formB.getByLabel('Name', { exact: true }).inputValue()).toBe('Tidworth garrison');
    await formB.getByLabel('Latitude').fill('51.25');
    await saveAndReturn(second, formB, `network node ${NODE}`);
    const stored = await apiAs<Stored>(server, 'planner', 'GET', `${API}/network-nodes/${NODE}`);
    expect(stored).toMatchObject({ name: 'Tidworth garrison', lat: 51.25 });
  });

  it('lets a planner edit a ULN, and create then delete a movement record', async () => {
    const page = await plannerPage();
    const uln = { kindPath: 'force-list', key: ULN, kindName: 'ULN' };
    let form = await openForm(page, uln, 'ULN');
    await form.getByLabel('Priority', { exact: true }).fill('1');
    await form.getByLabel('Destination', { exact: true }).selectOption('UKR-LVIV');
    await saveAndReturn(page, form, `ULN ${ULN} (version 2)`);
    expect(await apiAs<Stored>(server, 'planner', 'GET', `${API}/force-list/${ULN}`)).toMatchObject({
      priority: 1,
      destination: 'UKR-LVIV',
    });

    // A new movement record: the ULN's nation follows the ULN chosen.
    await page.goto(new URL(`/scenarios/${ARTICLE}/new/movements`, server.url).href);
    form = page.getByRole('form', { name: 'New movement record' });
    await form.waitFor();
    await form.getByLabel('Movement ID').fill('MOV-E2E-1');
    await form.getByLabel('ULN', { exact: true }).selectOption(ULN);
    expect(await form.getByLabel('Nation', { exact: true }).inputValue()).toBe('GBR');
    await form.getByLabel('Arc', { exact: true }).selectOption(ARC);
    await form.getByLabel('Departure day').fill('2');
    await form.getByLabel('Personnel', { exact: true }).fill('300');
    await form.getByLabel('Tonnes', { exact: true }).fill('1000');
    await form.getByLabel('Assumption').fill('Reported by the movement cell.');
    await form.getByRole('button', { name: 'Add movement record' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Saved: movement record MOV-E2E-1 (version 1)' })
      .waitFor();
    await page.getByRole('region', { name: 'Movement record MOV-E2E-1' }).waitFor();

    await page.getByRole('link', { name: 'Edit this movement record' }).click();
    form = page.getByRole('form', { name: 'Edit movement record MOV-E2E-1' });
    await form.waitFor();
    await page.getByRole('button', { name: 'Delete movement record MOV-E2E-1' }).click();
    const confirm = page.getByRole('alertdialog', { name: 'Delete movement record MOV-E2E-1?' });
    await confirm.getByRole('button', { name: 'Yes, delete it' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: 'Deleted: movement record MOV-E2E-1 deleted' })
      .waitFor();
    await expect(apiAs(server, 'planner', 'GET', `${API}/movements/MOV-E2E-1`)).rejects.toThrow(/HTTP 404/);
  });

  it('lets a planner set the delivery probabilities from the Resilience page', async () => {
    const page = await plannerPage();
    await page.goto(new URL(`/scenarios/${ARTICLE}/resilience?draws=200`, server.url).href);
    await page.getByRole('link', { name: 'Edit delivery probabilities' }).click();
    const form = page.getByRole('form', { name: 'Delivery probabilities' });
    await form.waitFor();

    const cautious = form.getByLabel('Cautious');
    await cautious.fill('1.5');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await form.getByRole('alert').filter({ hasText: 'Must be from 0 to 1.' }).waitFor();
    expect(await cautious.getAttribute('aria-invalid')).toBe('true');

    // Someone changes the scenario meanwhile: a stale version is a conflict, shown with a reload.
    const header = await apiAs<Stored>(server, 'planner', 'GET', API);
    await apiAs(server, 'admin', 'PATCH', API, {
      version: header.version,
      description: 'Changed meanwhile.',
    });
    await cautious.fill('0.5');
    await form.getByLabel('Assumption').fill('Staff judgement after the Paris meeting.');
    await form.getByRole('button', { name: 'Save changes' }).click();
    const conflict = form.getByRole('alert').filter({ hasText: 'Someone else changed this scenario' });
    await conflict.waitFor();
    await conflict.getByRole('button', { name: 'Keep my changes and save them over it' }).click();
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.waitForURL((url) => url.pathname === `/scenarios/${ARTICLE}/resilience`);
    await page.getByRole('status').filter({ hasText: 'Saved: delivery probabilities' }).waitFor();
    const after = await apiAs<{ assumptions?: { deliveryProbability?: Record<string, number> } }>(
      server,
      'planner',
      'GET',
      API,
    );
    expect(after.assumptions?.deliveryProbability?.cautious).toBe(0.5);
  });

  it('lets a liaison officer edit its own nation’s offer, pledge and stance entry', async () => {
    const page = await freshPage();
    await signIn(page, 'liaison-gbr', { baseUrl: server.url });

    let form = await openForm(page, { kindPath: 'offers', key: 'OFF-GBR-02', kindName: 'Offer' }, 'offer');
    await form.getByLabel('Caveat notes').fill('Available for one six-month tour.');
    await saveAndReturn(page, form, 'offer OFF-GBR-02');

    const pledge = { kindPath: 'pledges', key: 'PLG-GBR-2025-03-02', kindName: 'Funding pledge' };
    form = await openForm(page, pledge, 'funding pledge');
    await form.getByLabel('Description', { exact: true }).fill('Air defence missiles for Ukraine.');
    await saveAndReturn(page, form, 'funding pledge PLG-GBR-2025-03-02');

    form = await openForm(
      page,
      { kindPath: 'stances', key: gbrStance, kindName: 'Stance entry' },
      'stance entry',
    );
    await form.getByLabel('Statement').fill('The UK commits a brigade to the coalition.');
    await saveAndReturn(page, form, `stance entry ${gbrStance}`);

    expect(await apiAs<Stored>(server, 'planner', 'GET', `${API}/stances/${gbrStance}`)).toMatchObject({
      statement: 'The UK commits a brigade to the coalition.',
    });
    expect(
      (await apiAs<Stored>(server, 'planner', 'GET', `${API}/pledges/PLG-GBR-2025-03-02`)).description,
    ).toBe('Air defence missiles for Ukraine.');
  });

  it('offers a liaison officer no way to change the staff’s kinds', async () => {
    const page = await freshPage();
    await signIn(page, 'liaison-gbr', { baseUrl: server.url });
    const staffRecords = [
      { kindPath: 'capabilities', key: 'MECH-INF-BN', kindName: 'Capability', what: 'capability' },
      { kindPath: 'requirements', key: 'R-L-02', kindName: 'Requirement line', what: 'requirement line' },
      { kindPath: 'network-arcs', key: ARC, kindName: 'Network arc', what: 'network arc' },
      { kindPath: 'force-list', key: ULN, kindName: 'ULN', what: 'ULN' },
      { kindPath: 'nations', key: 'GBR', kindName: 'Nation', what: 'nation' },
    ];
    for (const record of staffRecords) {
      await openRecordPage(page, server.url, ARTICLE, record);
      expect(await page.getByRole('link', { name: `Edit this ${record.what}` }).count(), record.key).toBe(0);
      expect(await page.getByRole('link', { name: `New ${record.what}` }).count(), record.key).toBe(0);
    }
    // Its own offer's page does offer both.
    await openRecordPage(page, server.url, ARTICLE, {
      kindPath: 'offers',
      key: 'OFF-GBR-01',
      kindName: 'Offer',
    });
    expect(await page.getByRole('link', { name: 'Edit this offer' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'New offer' }).count()).toBe(1);

    // A form's address typed in says who may change it, and shows no form.
    await page.goto(new URL(`/scenarios/${ARTICLE}/edit/capabilities/MECH-INF-BN`, server.url).href);
    await page
      .getByRole('note')
      .filter({ hasText: 'Only coalition planners and administrators may change this capability.' })
      .waitFor();
    expect(await page.getByRole('form').count()).toBe(0);

    await page.goto(new URL(`/scenarios/${ARTICLE}/resilience?draws=200`, server.url).href);
    await page.getByRole('region', { name: 'Assumptions' }).getByText('Each nation delivers').waitFor();
    expect(await page.getByRole('link', { name: 'Edit delivery probabilities' }).count()).toBe(0);
  });
});
