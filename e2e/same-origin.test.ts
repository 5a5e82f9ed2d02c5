// Forged writes in a real browser (src/server/same-origin.ts). The administrator is signed in on the
// app; a hostile page served from another port of the same host (same site, so the browser sends
// the SameSite=Strict cookie along) tries to import a scenario and to reset a password: with HTML
// forms that submit themselves (text/plain with a JSON-looking body, and urlencoded) and with
// fetch(credentials: 'include'), with and without a body. Each attempt must reach the server with
// the cookie and be refused (403, where the cookie's session alone would have been 401 without
// it), and the API, asked with a Bearer token, must show nothing changed. Then the app's own page
// still writes with the cookie, and signs out.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page, Response } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiScenario } from '../src/domain/api-test-fixtures.ts';
import { SESSION_COOKIE } from '../src/server/auth.ts';
import { TEST_PASSWORD, type TestServer } from '../src/server/test-server.ts';
import {
  apiAs,
  browserAvailability,
  launchBrowser,
  newPage,
  signIn,
  signOut,
  startApp,
  unlessBrowser,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const VICTIM = 'victim.user';
const FORGED_PASSWORD = 'pwned by a forged request';

/** `{"a":1,…,"pad":"` as a form field's name and `"}` as its value: a text/plain form sends `name=value`, valid JSON. */
function jsonLookingField(value: Record<string, unknown>): { name: string; value: string } {
  const text = JSON.stringify({ ...value, pad: '' });
  return { name: text.slice(0, -2), value: '"}' };
}

const escapeHtml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A page that submits a POST form to `action` as soon as it loads. */
function formPage(action: string, enctype: string, fields: { name: string; value: string }[]): string {
  const inputs = fields
    .map((f) => `<input type="hidden" name="${escapeHtml(f.name)}" value="${escapeHtml(f.value)}">`)
    .join('');
  return (
    `<!doctype html><title>Win a prize</title><form method="POST" action="${escapeHtml(action)}" ` +
    `enctype="${enctype}">${inputs}</form><script>document.forms[0].submit()</script>`
  );
}

/** A page whose script makes the fetches and writes how each ended into its body, one line each. */
function fetchPage(app: string): string {
  const doc = JSON.stringify({ ...apiScenario(), id: 'forged-fetch' });
  const attempts = [
    // Body-less: a reset that generates a one-time password needs nothing else.
    [`${app}/api/users/${VICTIM}/password`, { method: 'POST', mode: 'no-cors', credentials: 'include' }],
    [
      `${app}/api/scenarios?id=forged-fetch`,
      {
        method: 'POST',
        mode: 'no-cors',
        credentials: 'include',
        headers: { 'content-type': 'text/plain' },
        body: doc,
      },
    ],
    // JSON needs a CORS preflight, which the server never grants: the POST is not even sent.
    [
      `${app}/api/users/${VICTIM}/password`,
      {
        method: 'POST',
        credentials: 'include',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ password: FORGED_PASSWORD }),
      },
    ],
  ];
  return `<!doctype html><title>Win a prize</title><pre id="out"></pre><script>
    (async () => {
      const lines = [];
      for (const [url, init] of ${JSON.stringify(attempts)}) {
        try {
          const res = await fetch(url, init);
          lines.push(res.type + ' ' + res.status);
        } catch (e) {
          lines.push('failed ' + e.name);
        }
      }
      document.getElementById('out').textContent = lines.join('\\n');
      document.title = 'done';
    })();
  </script>`;
}

describe('forged writes from another origin', unlessBrowser(browserCheck), () => {
  let server: TestServer;
  let hostile: Server;
  let hostileUrl: string;
  let browser: Browser;
  let page: Page;
  let errors: Error[];

  beforeAll(async () => {
    if (!browserCheck.run) return;
    server = await startApp();
    await apiAs(server, 'admin', 'POST', '/api/users', {
      id: VICTIM,
      displayName: 'Victim',
      role: 'observer',
      password: TEST_PASSWORD,
      mustChangePassword: false,
    });
    const app = server.url;
    const importField = jsonLookingField({ ...apiScenario(), id: 'forged-form' });
    const pages: Record<string, string> = {
      '/import-as-text': formPage(`${app}/api/scenarios?id=forged-form`, 'text/plain', [importField]),
      '/reset-as-text': formPage(`${app}/api/users/${VICTIM}/password`, 'text/plain', [
        jsonLookingField({ password: FORGED_PASSWORD }),
      ]),
      '/reset-as-form': formPage(`${app}/api/users/${VICTIM}/password`, 'application/x-www-form-urlencoded', [
        { name: 'password', value: FORGED_PASSWORD },
      ]),
      '/fetch': fetchPage(app),
    };
    hostile = createServer((req, res) => {
      const body = pages[req.url ?? ''];
      res.writeHead(body ? 200 : 404, { 'content-type': 'text/html; charset=utf-8' });
      res.end(body ?? 'not here');
    });
    await new Promise<void>((resolve) => hostile.listen(0, '127.0.0.1', resolve));
    hostileUrl = `http://127.0.0.1:${(hostile.address() as AddressInfo).port}`;
    browser = await launchBrowser(browserCheck.executablePath);
    ({ page, errors } = await newPage(browser));
    await signIn(page, 'admin', { baseUrl: server.url });
  });

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (hostile ? hostile.close(resolve) : resolve(undefined)));
    await server?.close();
  });

  /** The answers the app's server gave to POSTs while `act` ran, as `status path`. */
  async function appPosts(
    act: () => Promise<void>,
  ): Promise<{ status: number; path: string; body: string }[]> {
    const seen: Promise<{ status: number; path: string; body: string }>[] = [];
    const onResponse = (r: Response) => {
      if (r.url().startsWith(server.url) && r.request().method() === 'POST') {
        seen.push(
          r.text().then(
            (body) => ({ status: r.status(), path: new URL(r.url()).pathname, body }),
            () => ({ status: r.status(), path: new URL(r.url()).pathname, body: '' }),
          ),
        );
      }
    };
    page.on('response', onResponse);
    try {
      await act();
    } finally {
      page.off('response', onResponse);
    }
    return Promise.all(seen);
  }

  /**
   * The POSTs to the app while `act` ran, as the browser's network layer (Chrome DevTools Protocol)
   * saw them: whether the session cookie went along and the status the server answered, which the
   * page itself may not read. Preflights (OPTIONS) are not POSTs and are left out.
   */
  async function networkPosts(
    act: () => Promise<void>,
  ): Promise<{ path: string; cookie: boolean; status: number | undefined }[]> {
    const cdp = await page.context().newCDPSession(page);
    const paths = new Map<string, string>();
    const cookies = new Map<string, boolean>();
    const statuses = new Map<string, number>();
    cdp.on('Network.requestWillBeSent', (e) => {
      if (e.request.method === 'POST' && e.request.url.startsWith(server.url))
        paths.set(e.requestId, new URL(e.request.url).pathname);
    });
    // The extra-info events carry the headers as sent and received; they may come before or after.
    cdp.on('Network.requestWillBeSentExtraInfo', (e) => {
      const cookie = Object.entries(e.headers).find(([name]) => name.toLowerCase() === 'cookie')?.[1];
      cookies.set(e.requestId, String(cookie ?? '').includes(`${SESSION_COOKIE}=`));
    });
    cdp.on('Network.responseReceivedExtraInfo', (e) => statuses.set(e.requestId, e.statusCode));
    await cdp.send('Network.enable');
    try {
      await act();
      await expect
        .poll(() => [...paths.keys()].every((id) => statuses.has(id) || !cookies.has(id)))
        .toBe(true);
    } finally {
      await cdp.detach();
    }
    return [...paths].map(([id, path]) => ({
      path,
      cookie: cookies.get(id) ?? false,
      status: statuses.get(id),
    }));
  }

  /** Whether the victim still signs in with the old password and is not told to change it. */
  async function victimUntouched(): Promise<boolean> {
    const res = await fetch(new URL('/api/auth/login', server.url), {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: VICTIM, password: TEST_PASSWORD }),
    });
    if (res.status !== 200) return false;
    return (
      ((await res.json()) as { user: { mustChangePassword: boolean } }).user.mustChangePassword === false
    );
  }

  /** The id of the newest audit entry: every change writes one. */
  async function newestAuditId(): Promise<number | undefined> {
    const log = await apiAs<{ items: { id: number }[] }>(server, 'admin', 'GET', '/api/audit?limit=1');
    return log.items[0]?.id;
  }

  async function scenarioIds(): Promise<string[]> {
    const list = await apiAs<{ items: { id: string }[] }>(server, 'admin', 'GET', '/api/scenarios');
    return list.items.map((s) => s.id);
  }

  it('refuses forms that submit themselves from another port, as text/plain and urlencoded', async () => {
    const before = await newestAuditId();
    for (const path of ['/import-as-text', '/reset-as-text', '/reset-as-form']) {
      const answers = await appPosts(async () => {
        const answered = page.waitForResponse(
          (r) => r.url().startsWith(server.url) && r.request().method() === 'POST',
        );
        await page.goto(hostileUrl + path);
        await answered;
      });
      expect(answers, path).toHaveLength(1);
      // 403, not 401: the browser did send the session cookie, and the origin rule refused the write.
      expect(answers[0]!.status, `${path}: ${answers[0]!.body}`).toBe(403);
      expect(answers[0]!.body).toContain('another origin');
    }
    expect(await scenarioIds()).not.toContain('forged-form');
    expect(await victimUntouched()).toBe(true);
    expect(await newestAuditId()).toBe(before);
  });

  it('refuses fetch with the cookie from another port, with and without a body', async () => {
    const before = await newestAuditId();
    const sent = await networkPosts(async () => {
      await page.goto(`${hostileUrl}/fetch`);
      await page.waitForFunction(() => document.title === 'done');
    });
    // The page learnt nothing from its requests: Cross-Origin-Resource-Policy hides even the status
    // of the two simple ones, and the JSON one stopped at its CORS preflight, never granted here.
    expect((await page.locator('#out').innerText()).split('\n')).toEqual([
      'failed TypeError',
      'failed TypeError',
      'failed TypeError',
    ]);
    // The browser's network layer saw what the server did: both simple requests went out with the
    // session cookie and were refused, the body-less password reset included; the JSON one never
    // left the browser.
    expect(sent).toEqual([
      { path: `/api/users/${VICTIM}/password`, cookie: true, status: 403 },
      { path: '/api/scenarios', cookie: true, status: 403 },
      { path: `/api/users/${VICTIM}/password`, cookie: false, status: undefined },
    ]);
    expect(await victimUntouched()).toBe(true);
    expect(await scenarioIds()).not.toContain('forged-fetch');
    expect(await newestAuditId()).toBe(before);
  });

  it("still writes with the cookie from the app's own page, and signs out", async () => {
    await page.goto(new URL('/', server.url).href);
    await page.getByRole('table', { name: 'Scenarios' }).waitFor();
    const doc = { ...apiScenario(), id: 'own-page' };
    const statuses = await page.evaluate(async (body) => {
      const post = (type: string) =>
        fetch('/api/scenarios', { method: 'POST', headers: { 'content-type': type }, body }).then(
          (r) => r.status,
        );
      return { json: await post('application/json'), text: await post('text/plain') };
    }, JSON.stringify(doc));
    expect(statuses).toEqual({ json: 201, text: 415 });
    expect(await scenarioIds()).toContain('own-page');
    await signOut(page);
    expect(errors.map(String)).toEqual([]);
  });
});
