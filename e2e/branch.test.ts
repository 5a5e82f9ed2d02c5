// Branching a variant in the browser: a planner opens "Branch a variant" from the scenario frame,
// has Germany join, sees a refused what-if at its field, branches, and lands on the variant, whose
// frame says where it came from and that Germany's offers still wait for a US backstop. A liaison
// officer is not offered the action.
import { describe, expect, it } from 'vitest';
import type { StoredScenario } from '../src/domain/records.ts';
import {
  apiAs,
  browserSession,
  browserAvailability,
  openScenario,
  saveScreenshot,
  unlessBrowser,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';

describe('branching a variant', unlessBrowser(browserCheck), () => {
  const session = browserSession(browserCheck, ARTICLE);
  const signedIn = (user: string) => session.signedIn(user);

  it('branches "Germany joins" and opens the variant, which says what it is', async () => {
    const page = await signedIn('planner');
    await openScenario(page, session.server.url, session.scenarioName);
    await page.getByRole('link', { name: 'Branch a variant' }).click();
    const form = page.getByRole('form', { name: 'Branch a variant' });
    await form.waitFor();
    await form.getByLabel('Variant ID').fill('germany-joins');
    await form.getByLabel('Nation that joins').selectOption('DEU');
    // A closure that ends before it starts is refused at its field, and nothing is stored.
    await form.getByLabel('Place closed').selectOption('POL-MEDYKA-ROAD');
    await form.getByLabel('From day').fill('30');
    await form.getByLabel('To day').fill('1');
    await form.getByLabel('Reason').fill('blockade');
    await form.getByRole('button', { name: 'Branch the variant' }).click();
    await form
      .locator('[data-field="close.to"]')
      .getByRole('alert')
      .filter({ hasText: /must not be before from/i })
      .waitFor();
    const listed = await apiAs<{ items: StoredScenario[] }>(
      session.server,
      'planner',
      'GET',
      '/api/scenarios',
    );
    expect(listed.items.map((s) => s.id)).not.toContain('germany-joins');

    await form.getByLabel('Place closed').selectOption('');
    await form.getByLabel('From day').fill('');
    await form.getByLabel('To day').fill('');
    await form.getByLabel('Reason').fill('');
    await form.getByRole('button', { name: 'Branch the variant' }).click();
    await page.waitForURL((url) => url.pathname === '/scenarios/germany-joins');
    const origin = page.getByRole('note', { name: 'Variant' });
    await origin.waitFor();
    const text = (await origin.innerText()).replace(/\s+/g, ' ');
    expect(text).toContain(`Variant of ${ARTICLE} as of its version`);
    expect(text).toContain('Germany joins (caveats kept).');
    expect(text).toMatch(/Note: \d+ of Germany's \d+ offers .* require a US backstop/);
    const variant = await apiAs<StoredScenario>(
      session.server,
      'planner',
      'GET',
      '/api/scenarios/germany-joins',
    );
    expect(variant.variantOf?.parent).toBe(ARTICLE);
    await saveScreenshot(page, 'branch-variant');
  });

  it('offers a liaison officer no way to branch', async () => {
    const page = await signedIn('liaison-gbr');
    await openScenario(page, session.server.url, session.scenarioName);
    expect(await page.getByRole('link', { name: 'Branch a variant' }).count()).toBe(0);
    await page.goto(new URL(`/scenarios/${ARTICLE}/edit/branch`, session.server.url).href);
    await page
      .getByRole('note')
      .filter({ hasText: 'Only coalition planners and administrators may branch a variant.' })
      .waitFor();
  });
});
