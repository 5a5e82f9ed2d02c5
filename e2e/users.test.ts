// Changing a user's role and nation on the Users page, in a real browser against the real server: the
// change saved and shown in the table, a field refused before sending and one refused by the server,
// each next to its field, and a change that meets another administrator's (409) shown with the
// account as it now is and a reload that lets the change be made again.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TestServer } from '../src/server/test-server.ts';
import {
  apiAs,
  browserAvailability,
  launchBrowser,
  newPage,
  openUsersPage,
  saveScreenshot,
  signIn,
  startApp,
  unlessBrowser,
  userRowText,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const USER = 'e2e-lno';

interface UserBody {
  id: string;
  version: number;
}

describe('changing a user’s role and nation', unlessBrowser(browserCheck), () => {
  let server: TestServer;
  let browser: Browser;
  const pages: { page: Page; errors: Error[] }[] = [];

  beforeAll(async () => {
    if (!browserCheck.run) return;
    server = await startApp();
    browser = await launchBrowser(browserCheck.executablePath);
    await apiAs(server, 'admin', 'POST', '/api/users', {
      id: USER,
      displayName: 'Estonian LNO',
      role: 'liaison',
      nation: 'EST',
      password: 'a password for the e2e liaison',
    });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it(
    'saves a new role and nation, shows refused fields, and handles a 409',
    { timeout: 600_000 },
    async () => {
      const p = await newPage(browser);
      pages.push(p);
      const { page } = p;
      await signIn(page, 'admin', { baseUrl: server.url });
      const table = await openUsersPage(page);
      expect(await userRowText(table, USER)).toContain('Liaison EST Active');

      const change = async () => {
        await table.getByRole('button', { name: `Change role or nation of ${USER}` }).click();
        const form = page.getByRole('form', { name: `Change the role and nation of ${USER}` });
        await form.waitFor();
        return form;
      };

      // Observer of no nation: saved, and the table shows it.
      let form = await change();
      expect(await form.getByLabel('Role').inputValue()).toBe('liaison');
      expect(await form.getByLabel('Nation').inputValue()).toBe('EST');
      await form.getByLabel('Role').selectOption({ label: 'Observer' });
      await form.getByLabel('Nation').fill('');
      await form.getByRole('button', { name: 'Save role and nation' }).click();
      await form.waitFor({ state: 'detached' });
      expect(await userRowText(table, USER)).toMatch(/Observer – Active/);

      // A liaison officer without a nation: refused next to the field before anything is sent.
      form = await change();
      await form.getByLabel('Role').selectOption({ label: 'Liaison' });
      await form.getByRole('button', { name: 'Save role and nation' }).click();
      await form.getByRole('alert').filter({ hasText: 'A liaison officer must have a nation.' }).waitFor();
      // A code that is not a nation: refused by the server, shown at the field.
      await form.getByLabel('Nation').fill('xyz');
      await form.getByRole('button', { name: 'Save role and nation' }).click();
      await form.getByRole('alert').filter({ hasText: '"XYZ" is not an ISO 3166-1 alpha-3 code' }).waitFor();
      await saveScreenshot(page, 'users-refused-nation');
      expect(await userRowText(table, USER)).toMatch(/Observer – Active/);

      // Meanwhile another administrator makes the user an observer for Finland.
      const listed = await apiAs<UserBody>(server, 'admin', 'GET', `/api/users/${USER}`);
      await apiAs(server, 'admin', 'PATCH', `/api/users/${USER}`, {
        version: listed.version,
        role: 'observer',
        nation: 'FIN',
      });
      await form.getByLabel('Nation').fill('LVA');
      await form.getByRole('button', { name: 'Save role and nation' }).click();
      const conflict = page.getByRole('alert').filter({ hasText: `another administrator changed ${USER}` });
      await conflict.waitFor();
      expect((await conflict.innerText()).replace(/\s+/g, ' ')).toContain('It is now Observer · FIN');
      await saveScreenshot(page, 'users-role-conflict');
      await conflict.getByRole('button', { name: `Reload ${USER}` }).click();
      await conflict.waitFor({ state: 'detached' });
      expect(await userRowText(table, USER)).toContain('Observer FIN Active');
      // The form starts again from the account as it now is; the change is made again and saved.
      expect(await form.getByLabel('Role').inputValue()).toBe('observer');
      expect(await form.getByLabel('Nation').inputValue()).toBe('FIN');
      await form.getByLabel('Role').selectOption({ label: 'Liaison' });
      await form.getByLabel('Nation').fill('lva');
      await form.getByRole('button', { name: 'Save role and nation' }).click();
      await form.waitFor({ state: 'detached' });
      expect(await userRowText(table, USER)).toContain('Liaison LVA Active');

      const stored = await apiAs<{ role: string; nation: string }>(
        server,
        'admin',
        'GET',
        `/api/users/${USER}`,
      );
      expect(stored).toMatchObject({ role: 'liaison', nation: 'LVA' });
      expect(pages.flatMap((x) => x.errors)).toEqual([]);
    },
  );
});
