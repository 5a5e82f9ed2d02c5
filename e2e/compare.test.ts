// Courses of action in the browser: a planner branches "Germany joins" (caveats lifted), edits the
// variant (one German battalion group made ready at once), opens Compare from the variant's note,
// reads the deltas and the drivers of one, weighs the COA matrix (the page's ranking is the API's
// for the same criteria), records a decision and reopens it, and at last promotes the variant to
// baseline from its note. A liaison officer sees a partial comparison and no decision section.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { CompareEnvelope, DecisionRecord } from '../src/contract/compare.ts';
import {
  apiAs,
  browserSession,
  browserAvailability,
  openRecordPage,
  openScenario,
  saveScreenshot,
  unlessBrowser,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';
const VARIANT = 'germany-joins';
const VARIANT_NAME = 'Germany joins, battlegroup at readiness';

describe('comparing courses of action', unlessBrowser(browserCheck), () => {
  const session = browserSession(browserCheck, ARTICLE);
  const signedIn = (user: string) => session.signedIn(user);

  /** The text of the region a heading names, whitespace folded. */
  async function sectionText(page: Page, heading: string): Promise<string> {
    const section = page.getByRole('region', { name: heading, exact: true });
    await section.waitFor();
    return (await section.innerText()).replace(/\s+/g, ' ');
  }

  it('branches, edits, compares, weighs and decides', async () => {
    const page = await signedIn('planner');

    // Branch "Germany joins" with the caveats lifted.
    await openScenario(page, session.server.url, session.scenarioName);
    await page.getByRole('link', { name: 'Branch a variant' }).click();
    const branch = page.getByRole('form', { name: 'Branch a variant' });
    await branch.waitFor();
    await branch.getByLabel('Variant ID').fill(VARIANT);
    await branch.getByLabel('Name', { exact: true }).fill(VARIANT_NAME);
    await branch.getByLabel('Nation that joins').selectOption('DEU');
    await branch.getByLabel('Lift its offers’ caveats').check();
    await branch.getByRole('button', { name: 'Branch the variant' }).click();
    await page.waitForURL((url) => url.pathname === `/scenarios/${VARIANT}`);

    // Edit it: Germany's mechanised battalions ready on C-day.
    await openRecordPage(page, session.server.url, VARIANT, {
      kindPath: 'offers',
      key: 'OFF-DEU-01',
      kindName: 'Offer',
    });
    await page.getByRole('link', { name: 'Edit this offer' }).click();
    const form = page.getByRole('form', { name: 'Edit offer OFF-DEU-01' });
    await form.waitFor();
    await form.getByLabel('Days to ready').fill('0');
    await form.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved: ' }).waitFor();

    // Compare it with its parent, from the variant's note.
    await page
      .getByRole('note', { name: 'Variant' })
      .getByRole('link', { name: 'Compare with its parent' })
      .click();
    await page.waitForURL((url) => url.pathname === `/scenarios/${ARTICLE}/compare`);
    const figures = await sectionText(page, 'Figures');
    const api = await apiAs<CompareEnvelope>(
      session.server,
      'planner',
      'GET',
      `/api/scenarios/${ARTICLE}/compare?variants=${VARIANT}`,
    );
    const onTime = api.result.figures.find((f) => f.key === 'matchedOnTime')!;
    const delta = onTime.deltas[1]!;
    expect(delta).toBeGreaterThan(0);
    expect(figures).toContain(`+${delta.toLocaleString('en-GB')} (better)`);

    // The drivers of that delta: Germany, its offer and the lines it fills.
    await page.getByRole('button', { name: `Drivers of Matched on time in ${VARIANT_NAME}` }).click();
    const drivers = page.getByRole('region', { name: /Drivers of Matched on time/ });
    await drivers.waitFor();
    const driversText = (await drivers.innerText()).replace(/\s+/g, ' ');
    expect(driversText).toContain('Germany');
    expect(driversText).toContain('OFF-DEU-01');
    await saveScreenshot(page, 'compare-drivers');

    // Weigh the matrix: closure at 90 % counts most. The page's preferred course of action is the
    // API's for the same criteria (the page keeps them in its address).
    await page.getByLabel('Weight of Closure at 90 %').fill('10');
    await page.waitForURL((url) => url.searchParams.get('criteria')?.includes('closureDay90:10') === true);
    const criteria = new URL(page.url()).searchParams.get('criteria')!;
    const ranked = await apiAs<CompareEnvelope>(
      session.server,
      'planner',
      'GET',
      `/api/scenarios/${ARTICLE}/compare?variants=${VARIANT}&criteria=${encodeURIComponent(criteria)}`,
    );
    const preferred = ranked.result.scenarios[ranked.result.coa.places.indexOf(1)]!.name;
    const sentence = page.getByRole('region', { name: 'COA matrix' }).getByRole('status');
    await sentence.filter({ hasText: preferred }).waitFor();
    await saveScreenshot(page, 'compare-coa-matrix');

    // Record the decision and reopen it.
    const decision = page.getByRole('region', { name: 'Decision' });
    await decision.getByLabel(`Choose ${VARIANT_NAME}`).check();
    await decision
      .getByLabel('Rationale')
      .fill('Germany at readiness closes the armour gap without a US backstop.');
    await decision.getByRole('button', { name: 'Record decision' }).click();
    await decision.getByRole('button', { name: 'Reopen' }).first().click();
    await decision.getByText('Inputs unchanged since the decision; figures recomputed: the same.').waitFor();
    const records = await apiAs<{ items: DecisionRecord[] }>(
      session.server,
      'planner',
      'GET',
      `/api/scenarios/${ARTICLE}/decisions`,
    );
    expect(records.items[0]).toMatchObject({ chosen: VARIANT, decidedBy: 'planner' });
    expect(records.items[0]!.criteria.find((c) => c.figure === 'closureDay90')?.weight).toBe(10);
    await saveScreenshot(page, 'compare-decision');
  });

  it('shows a liaison officer a partial comparison and no decision section', async () => {
    const page = await signedIn('liaison-gbr');
    await page.goto(new URL(`/scenarios/${ARTICLE}/compare?variants=${VARIANT}`, session.server.url).href);
    await page.getByRole('region', { name: 'Figures', exact: true }).waitFor();
    await page.getByText('Figures count only the records releasable to you.').first().waitFor();
    expect(await page.getByRole('region', { name: 'Decision' }).count()).toBe(0);
  });

  it('promotes the variant to baseline from its note, after a confirmation', async () => {
    const page = await signedIn('planner');
    await page.goto(new URL(`/scenarios/${VARIANT}`, session.server.url).href);
    const note = page.getByRole('note', { name: 'Variant' });
    await note.getByRole('button', { name: 'Promote to baseline' }).click();
    await note.getByRole('button', { name: 'Yes, promote to baseline' }).click();
    await page.waitForURL((url) => url.pathname === `/scenarios/${ARTICLE}`);
    await page
      .getByRole('status')
      .filter({ hasText: `${VARIANT_NAME} promoted to baseline` })
      .waitFor();
    const offer = await apiAs<{ readiness: { daysToReady: number } }>(
      session.server,
      'planner',
      'GET',
      `/api/scenarios/${ARTICLE}/offers/OFF-DEU-01`,
    );
    expect(offer.readiness.daysToReady).toBe(0);
    // The decision recorded on the baseline is still there.
    const records = await apiAs<{ items: DecisionRecord[] }>(
      session.server,
      'planner',
      'GET',
      `/api/scenarios/${ARTICLE}/decisions`,
    );
    expect(records.items).toHaveLength(1);
  });
});
