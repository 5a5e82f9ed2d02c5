// Signing in and what each role sees, in a real browser against the real server: the sign-in page,
// a liaison officer's restricted view, the planner's audit log, the administrator's users page, a
// new user's forced password change, signing out, and coming back to the page wanted.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../src/server/test-server.ts';
import {
  apiAs,
  browserAvailability,
  launchBrowser,
  mainNavLinks,
  newPage,
  openScenario,
  saveScreenshot,
  scenarioFacts,
  signIn,
  signOut,
  startApp,
  submitSignIn,
  unlessBrowser,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';
/** An offer only France may see, so a British liaison officer's overview leaves it out. */
const FRENCH_OFFER = 'OFF-FRA-E2E';
/** Planner edits of that offer: more than one page (50) of the audit log. */
const EDITS = 55;

interface StoredOffer {
  id: string;
  version: number;
  createdAt?: string;
  updatedAt?: string;
  [field: string]: unknown;
}

describe('signing in, roles, audit log and users', unlessBrowser(browserCheck), () => {
  let server: TestServer;
  let browser: Browser;
  const pages: { page: Page; errors: Error[] }[] = [];
  let articleName: string;

  /** A fresh browser context (own cookies) whose script errors are checked at the end. */
  async function freshPage(viewport?: { width: number; height: number }): Promise<Page> {
    const p = await newPage(browser, viewport);
    pages.push(p);
    return p.page;
  }

  beforeAll(async () => {
    if (!browserCheck.run) return;
    server = await startApp();
    browser = await launchBrowser(browserCheck.executablePath);
    articleName = (await scenarioFacts(server, ARTICLE)).name;

    // Test data through the API, as the planner: an offer released to France only, then edits.
    const template = await apiAs<StoredOffer>(
      server,
      'planner',
      'GET',
      `/api/scenarios/${ARTICLE}/offers/OFF-GBR-01`,
    );
    const { version: _v, createdAt: _c, updatedAt: _u, ...fields } = template;
    let offer = await apiAs<StoredOffer>(server, 'planner', 'POST', `/api/scenarios/${ARTICLE}/offers`, {
      ...fields,
      id: FRENCH_OFFER,
      nation: 'FRA',
      personnel: 100,
      releasability: { level: 'REL_TO', nations: ['FRA'] },
    });
    for (let i = 1; i <= EDITS; i++) {
      offer = await apiAs<StoredOffer>(
        server,
        'planner',
        'PATCH',
        `/api/scenarios/${ARTICLE}/offers/${FRENCH_OFFER}`,
        {
          version: offer.version,
          personnel: 100 + i,
        },
      );
    }
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('sends a visitor to the sign-in page and refuses a wrong password with a message', async () => {
    const page = await freshPage();
    await page.goto(new URL('/', server.url).href);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    expect(await page.title()).toBe('Sign in · Coalition Planner');
    // Nothing to navigate to before signing in.
    expect(await page.getByRole('navigation', { name: 'Main' }).count()).toBe(0);

    // Empty form: each field says what is missing, before anything is sent.
    await page.getByRole('button', { name: 'Sign in', exact: true }).click();
    const alerts = page.getByRole('alert');
    await alerts.first().waitFor();
    expect(await alerts.allInnerTexts()).toEqual(['Enter your user name.', 'Enter your password.']);
    expect(await page.getByLabel('User name').getAttribute('aria-invalid')).toBe('true');

    await submitSignIn(page, 'planner', { password: 'not the password' });
    const refusal = page.getByRole('alert').filter({ hasText: 'Wrong user name or password' });
    await refusal.waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    // The password is cleared for retyping; the user name stays.
    expect(await page.getByLabel('Password', { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel('User name').inputValue()).toBe('planner');
    await saveScreenshot(page, 'sign-in-refused');
  });

  it('shows a liaison officer their role and nation, no audit log, and an overview marked partial, unlike staff’s', async () => {
    const page = await freshPage();
    await signIn(page, 'liaison-gbr', { baseUrl: server.url });
    const banner = page.getByRole('banner');
    const user = await banner.getByRole('region', { name: 'Signed in user' }).innerText();
    expect(user).toContain('Test liaison GBR');
    expect(user).toContain('Liaison · GBR');
    const links = await mainNavLinks(page);
    expect(links).toContain('Scenarios');
    expect(links).not.toContain('Audit log');
    expect(links).not.toContain('Users');

    await openScenario(page, server.url, articleName);
    const notice = page.getByRole('note');
    await notice.waitFor();
    // One fixed sentence, shown to every viewer who is not staff: no count or kind of what was left out.
    expect(await notice.innerText()).toBe('Figures count only the records releasable to you.');
    await saveScreenshot(page, 'overview-partial');

    // Typing the address does not open the log either (and the API refuses it anyway).
    await page.goto(new URL('/audit', server.url).href);
    await page.getByRole('heading', { level: 1, name: 'Audit log' }).waitFor();
    expect(await page.getByRole('alert').innerText()).toContain('Only planners and administrators');
    expect(await page.getByRole('table', { name: 'Audit log' }).count()).toBe(0);

    // Coalition staff see every record, so their overview carries no such notice.
    const staff = await freshPage();
    await signIn(staff, 'planner', { baseUrl: server.url });
    await openScenario(staff, server.url, articleName);
    expect(await staff.getByRole('note').count()).toBe(0);
  });

  it('shows the planner the audit log newest first, filters it by entity and pages back', async () => {
    const page = await freshPage();
    await signIn(page, 'planner', { baseUrl: server.url });
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Audit log' }).click();
    const table = page.getByRole('table', { name: 'Audit log' });
    await table.waitFor();
    expect(await page.title()).toBe('Audit log · Coalition Planner');

    // Newest first: the last edit (personnel 155) heads the log.
    const firstRow = table.getByRole('row').nth(1);
    const firstText = (await firstRow.innerText()).replace(/\s+/g, ' ');
    expect(firstText).toContain('planner');
    expect(firstText).toContain(FRENCH_OFFER);
    expect(firstText).toMatch(/Update/);

    await page.getByLabel('Entity').selectOption({ label: 'Offers' });
    await page.getByRole('button', { name: 'Apply filters' }).click();
    await page.waitForURL((url) => url.searchParams.get('entity') === 'offers');
    await page.getByRole('status').filter({ hasText: 'that match the filters' }).waitFor();
    const entityCells = async () =>
      table.locator('tbody > tr:not(.audit-detail) > td:nth-child(4)').allInnerTexts();
    const firstPage = await entityCells();
    expect(firstPage).toHaveLength(50);
    expect(new Set(firstPage)).toEqual(new Set(['Offers']));

    // Expanding the newest entry shows what changed, field by field.
    await firstRow.getByRole('button', { name: /^Show/ }).click();
    const changes = page.getByRole('table', { name: /^Changed fields/ });
    await changes.waitFor();
    const personnel = (await changes.getByRole('row', { name: /^personnel/ }).innerText()).split('\t');
    expect(personnel.map((c) => c.trim())).toEqual([
      'personnel',
      String(100 + EDITS - 1),
      String(100 + EDITS),
    ]);
    expect(await firstRow.getByRole('button', { name: /^Hide/ }).getAttribute('aria-expanded')).toBe('true');
    await saveScreenshot(page, 'audit-log');

    await page.getByRole('button', { name: 'Older entries' }).click();
    await page
      .getByRole('status')
      .filter({ hasText: /that is all of them/ })
      .waitFor();
    const all = await entityCells();
    // The create and every edit of the offer, and nothing twice.
    expect(all.length).toBe(EDITS + 1);
    expect(new Set(all)).toEqual(new Set(['Offers']));
    expect(await page.getByRole('button', { name: 'Older entries' }).count()).toBe(0);
  });

  it(
    'lets the administrator add a user and shows the one-time password once',
    { timeout: 600_000 },
    async () => {
      const page = await freshPage();
      await signIn(page, 'admin', { baseUrl: server.url });
      expect(await mainNavLinks(page)).toEqual(['Scenarios', 'Audit log', 'Users', 'API docs']);
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
      const table = page.getByRole('table', { name: 'Users' });
      await table.waitFor();
      expect(
        (await table.getByRole('row', { name: /^liaison-gbr/ }).innerText()).replace(/\s+/g, ' '),
      ).toContain('Liaison GBR Active');

      const form = page.getByRole('form', { name: 'Add a user' });
      await form.getByLabel('User name').fill('j.smith');
      await form.getByLabel('Display name').fill('Maj. J. Smith');
      await form.getByLabel('Role').selectOption({ label: 'Liaison' });
      await form.getByRole('button', { name: 'Add user' }).click();
      // A liaison officer needs a nation: said next to the field, nothing sent.
      await form.getByRole('alert').filter({ hasText: 'A liaison officer must have a nation.' }).waitFor();
      expect(await table.getByRole('row', { name: /^j\.smith/ }).count()).toBe(0);

      await form.getByLabel('Nation').fill('est');
      await form.getByRole('button', { name: 'Add user' }).click();
      const secret = page.getByRole('region', { name: 'One-time password for Maj. J. Smith' });
      await secret.waitFor();
      const password = (await secret.locator('code').innerText()).trim();
      expect(password).toMatch(/^[a-z2-9]{4}(-[a-z2-9]{4}){3}$/);
      const row = table.getByRole('row', { name: /^j\.smith/ });
      expect((await row.innerText()).replace(/\s+/g, ' ')).toMatch(/Liaison EST Active Must change password/);
      await saveScreenshot(page, 'users-one-time-password');

      // Shown once: dismissed, it is gone from the page.
      await secret.getByRole('button', { name: 'Done, hide it' }).click();
      expect(await page.getByText(password).count()).toBe(0);

      // The new user signs in with it and must choose a password first.
      const newcomer = await freshPage();
      await submitSignIn(newcomer, 'j.smith', { baseUrl: server.url, password });
      await newcomer.getByRole('heading', { level: 1, name: 'Choose a new password' }).waitFor();
      await newcomer.getByLabel('Current password').fill(password);
      await newcomer.getByLabel('New password', { exact: true }).fill('too short');
      await newcomer.getByLabel('Confirm new password').fill('too short');
      await newcomer.getByRole('button', { name: 'Change password' }).click();
      await newcomer.getByRole('alert').filter({ hasText: 'Use at least 12 characters' }).waitFor();
      await saveScreenshot(newcomer, 'change-password');
      await newcomer.getByLabel('New password', { exact: true }).fill('estonian liaison desk 2025');
      await newcomer.getByLabel('Confirm new password').fill('estonian liaison desk 2025');
      await newcomer.getByRole('button', { name: 'Change password' }).click();
      await newcomer.getByRole('table', { name: 'Scenarios' }).waitFor();
      expect(await newcomer.getByRole('banner').innerText()).toContain('Liaison · EST');

      // The admin's list predates the new password (a new version of the account): disabling from
      // it is a version conflict, shown with the way out, a reload.
      await row.getByRole('button', { name: 'Disable j.smith' }).click();
      const conflict = page.getByRole('alert').filter({ hasText: 'changed since the list was loaded' });
      await conflict.waitFor();
      await saveScreenshot(page, 'users-conflict');
      await conflict.getByRole('button', { name: 'Reload the list' }).click();
      await row.getByText('Must change password').waitFor({ state: 'detached' });
      await row.getByRole('button', { name: 'Disable j.smith' }).click();
      await row.getByText('Disabled', { exact: true }).waitFor();

      // Disabling the account signs its user out: their next request lands on the sign-in page.
      await newcomer.getByRole('link', { name: articleName }).click();
      await newcomer.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
      expect(await newcomer.getByRole('status').filter({ hasText: 'Your session has ended' }).count()).toBe(
        1,
      );

      await row.getByRole('button', { name: 'Enable j.smith' }).click();
      await row.getByText('Active', { exact: true }).waitFor();
    },
  );

  it('signs out to the sign-in page, and the session is gone', async () => {
    const page = await freshPage();
    await signIn(page, 'planner', { baseUrl: server.url });
    await signOut(page);
    expect(new URL(page.url()).pathname).toBe('/login');
    await page.goto(new URL('/', server.url).href);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await saveScreenshot(page, 'sign-in');
  });

  it('returns to the page wanted after signing in', async () => {
    const page = await freshPage();
    await page.goto(new URL('/audit?entity=offers', server.url).href);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/audit?entity=offers');
    await signIn(page, 'planner');
    await page.getByRole('table', { name: 'Audit log' }).waitFor();
    expect(new URL(page.url()).pathname + new URL(page.url()).search).toBe('/audit?entity=offers');
    expect(await page.getByLabel('Entity').inputValue()).toBe('offers');
  });

  it('fits the sign-in page and the audit log on a narrow screen', async () => {
    const page = await freshPage({ width: 390, height: 844 });
    await page.goto(new URL('/login', server.url).href);
    await page.getByRole('heading', { level: 1, name: 'Sign in' }).waitFor();
    await saveScreenshot(page, 'sign-in-narrow');
    await signIn(page, 'planner');
    await page.goto(new URL('/audit', server.url).href);
    await page.getByRole('table', { name: 'Audit log' }).waitFor();
    await saveScreenshot(page, 'audit-log-narrow');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  });

  it(
    'lets the administrator download a backup and restore it, replacing the scenarios after confirming',
    { timeout: 600_000 },
    async () => {
      const page = await freshPage();
      await signIn(page, 'admin', { baseUrl: server.url });
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' }).click();
      const users = page.getByRole('table', { name: 'Users' });
      await users.waitFor();
      const panel = page.getByRole('region', { name: 'Backup and restore' });

      // Download: a same-origin link (the session cookie goes with it), accounts only when asked for.
      const link = panel.getByRole('link', { name: 'Download backup' });
      expect(await link.getAttribute('href')).toBe('/api/backup?includeUsers=false');
      await panel.getByLabel('Include user accounts (never their passwords)').check();
      const href = await link.getAttribute('href');
      expect(href).toBe('/api/backup?includeUsers=true');
      const download = await page.evaluate(async (url) => {
        const res = await fetch(url);
        return {
          status: res.status,
          disposition: res.headers.get('content-disposition'),
          text: await res.text(),
        };
      }, href!);
      expect(download.status).toBe(200);
      expect(download.disposition).toMatch(
        /^attachment; filename="coalition-backup-\d{4}-\d{2}-\d{2}\.json"$/,
      );
      const backup = JSON.parse(download.text) as {
        format: string;
        scenarios: { id: string }[];
        users: { id: string }[];
      };
      expect(backup.format).toBe('coalition-backup');
      const { items } = await apiAs<{ items: { id: string }[] }>(server, 'planner', 'GET', '/api/scenarios');
      const ids = items.map((s) => s.id).sort();
      expect(backup.scenarios.map((s) => s.id).sort()).toEqual(ids);
      expect(ids).toContain(ARTICLE);
      // Every record, the French-only offer too, and every account, but never a password hash.
      expect(download.text).toContain(FRENCH_OFFER);
      expect(backup.users.map((u) => u.id)).toEqual(
        expect.arrayContaining(['admin', 'liaison-gbr', 'j.smith']),
      );
      expect(download.text).not.toMatch(/passwordHash|scrypt/i);

      const restore = panel.getByRole('form', { name: 'Restore a backup' });
      const file = restore.getByLabel('Backup file');
      const restoreButton = restore.getByRole('button', { name: 'Restore', exact: true });

      // A file that is not JSON: said next to the field, nothing sent.
      await file.setInputFiles({
        name: 'notes.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('not a backup'),
      });
      await restoreButton.click();
      await restore.getByRole('alert').filter({ hasText: 'This file is not valid JSON' }).waitFor();
      expect(await file.getAttribute('aria-invalid')).toBe('true');

      // The backup as downloaded, plus an account this installation does not have.
      const restored = {
        ...backup,
        users: [
          ...backup.users,
          { id: 'restored.observer', displayName: 'Restored observer', role: 'observer' },
        ],
      };
      await file.setInputFiles({
        name: 'coalition-backup.json',
        mimeType: 'application/json',
        buffer: Buffer.from(JSON.stringify(restored)),
      });
      expect(await file.getAttribute('aria-invalid')).toBeNull();

      // Without "replace", the scenarios that exist are named and nothing is restored.
      await restoreButton.click();
      const refusal = panel.getByRole('alert').filter({ hasText: 'The backup was not restored.' });
      await refusal.waitFor();
      const refusalText = await refusal.innerText();
      expect(refusalText).toContain(`${ARTICLE}`);
      expect(refusalText).toContain('HTTP 409');
      expect(refusalText).toContain('tick “Replace scenarios that already exist”');
      expect(await users.getByRole('row', { name: /^restored\.observer/ }).count()).toBe(0);

      // Replacing overwrites scenarios: it takes a second, explicit click naming them.
      await restore.getByLabel('Replace scenarios that already exist').check();
      await restoreButton.click();
      const confirm = restore.getByRole('group', { name: 'Confirm restore and replace' });
      await confirm.waitFor();
      expect(await confirm.innerText()).toContain(ARTICLE);
      expect(await refusal.count()).toBe(0);
      await confirm.getByRole('button', { name: 'Restore and replace' }).click();

      const report = panel.getByRole('region', { name: 'Backup restored' });
      await report.waitFor();
      const reportText = (await report.innerText()).replace(/\s+/g, ' ');
      expect(reportText).toContain(
        `${ids.length} scenarios restored (${ids.length} replaced, 0 new); 1 account created; ` +
          `${backup.users.length} accounts kept as they were.`,
      );
      expect(reportText).toContain('left as they are (passwords unchanged)');
      expect(reportText).toContain('by a secure route');
      const newAccount = report
        .getByRole('table', { name: 'New accounts and their one-time passwords' })
        .getByRole('row', { name: /^restored\.observer/ });
      expect((await newAccount.innerText()).replace(/\s+/g, ' ')).toContain('Restored observer Observer');
      const password = (await newAccount.locator('code').innerText()).trim();
      expect(password.length).toBeGreaterThanOrEqual(12);
      // The table of accounts now shows the new one, which must change its password.
      expect(
        (await users.getByRole('row', { name: /^restored\.observer/ }).innerText()).replace(/\s+/g, ' '),
      ).toMatch(/Observer – Active Must change password/);
      await saveScreenshot(page, 'backup-restore');

      // The restored records are those of the backup, and the one-time password works.
      const offer = await apiAs<{ id: string }>(
        server,
        'planner',
        'GET',
        `/api/scenarios/${ARTICLE}/offers/${FRENCH_OFFER}`,
      );
      expect(offer.id).toBe(FRENCH_OFFER);
      await server.login('restored.observer', password);

      // Shown once: hidden, the password is gone from the page.
      await report.getByRole('button', { name: 'Done, hide the passwords' }).click();
      await report.waitFor({ state: 'detached' });
      expect(await page.getByText(password).count()).toBe(0);
    },
  );

  it('raised no script errors', () => {
    expect(pages.flatMap((p) => p.errors)).toEqual([]);
  });
});
