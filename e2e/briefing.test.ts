// The Briefing page in a real browser against the real server. A planner branches a throwaway
// variant of the reference scenario (the US backstop what-if), opens Briefing (the tab right after
// Compare), makes a coalition pack comparing it, with a BLUF and one recommendation, finds it kept
// as the coalition's newest version, and previews it: the banner at its head and foot is the
// API's, the BLUF and "Courses of action compared" are there, every key figure is the API pack's
// (read from the API, never written here), the charts and map load as images, and printing shows
// the pack alone. The PDF link serves a PDF to save; the HTML link its document. A liaison officer
// is offered the coalition's, the public's and its own nation's audiences only, the summary starting
// from the newest coalition pack's; an observer none.
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { Brief, BriefSummaryWire } from '../src/contract/brief.ts';
import type { ScenarioSummary } from '../src/domain/records.ts';
import {
  apiAs,
  browserAvailability,
  browserSession,
  openScenario,
  openScenarioSection,
  saveScreenshot,
  unlessBrowser,
  watchCspViolations,
} from './app-actions.ts';

const browserCheck = browserAvailability();
const ARTICLE = 'article-2025-03';
const VARIANT = 'briefing-us-backstop';
const VARIANT_NAME = 'Briefing test: US backstop';
const BLUF = 'The coalition closes its force by C+90 only with the US backstop; decide on the request now.';
const RECOMMENDATION = 'Ask the United States for strategic airlift for the first two battalion groups.';

const folded = (s: string) => s.replace(/\s+/g, ' ').trim();

/** The audiences the page's make form offers, as the API names them. */
async function offeredAudiences(page: Page): Promise<string[]> {
  const form = page.getByRole('form', { name: 'Make a briefing pack' });
  const select = form.getByLabel('Audience');
  await select.waitFor();
  return select
    .locator('option')
    .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
}

/** Every key figure of the pack is shown in its section, as term and value, in the pack's order. */
async function checkFigures(preview: ReturnType<Page['getByRole']>, pack: Brief['pack']): Promise<number> {
  let checked = 0;
  const seen = new Map<string, number>();
  for (const section of pack.sections) {
    const nth = seen.get(section.title) ?? 0;
    seen.set(section.title, nth + 1);
    const items = section.blocks.flatMap((b) => (b.kind === 'figures' ? b.items : []));
    if (items.length === 0) continue;
    const region = preview.getByRole('region', { name: section.title, exact: true }).nth(nth);
    const terms = (await region.getByRole('term').allInnerTexts()).map(folded);
    const values = (await region.getByRole('definition').allInnerTexts()).map(folded);
    expect(terms, section.title).toEqual(items.map((i) => i.label));
    expect(values, section.title).toEqual(
      items.map((i) => folded(i.note ? `${i.value} ${i.note}` : i.value)),
    );
    checked += items.length;
  }
  return checked;
}

describe('the Briefing page', unlessBrowser(browserCheck), () => {
  const session = browserSession(browserCheck, ARTICLE);

  it('makes a coalition pack comparing a variant, keeps it, previews it and serves its PDF', async () => {
    await apiAs<ScenarioSummary>(session.server, 'planner', 'POST', `/api/scenarios/${ARTICLE}/branch`, {
      id: VARIANT,
      name: VARIANT_NAME,
      whatIfs: [{ kind: 'us-backstop' }],
    });
    const page = await session.signedIn('planner');
    const violations = await watchCspViolations(page);
    await openScenario(page, session.server.url, session.scenarioName);

    // The tab sits right after Compare.
    const nav = page.getByRole('navigation', { name: 'Scenario sections' });
    const tabs = (await nav.getByRole('link').allInnerTexts()).map((t) => t.trim());
    expect(tabs.indexOf('Briefing')).toBe(tabs.indexOf('Compare') + 1);
    await openScenarioSection(page, 'Briefing');
    expect(new URL(page.url()).pathname).toBe(`/scenarios/${ARTICLE}/briefing`);

    // Coalition staff may make a pack for every audience.
    expect((await offeredAudiences(page)).slice(0, 3)).toEqual(['staff', 'coalition', 'public']);
    const form = page.getByRole('form', { name: 'Make a briefing pack' });
    await form.getByLabel('Audience').selectOption('coalition');
    await form.getByLabel(VARIANT_NAME, { exact: true }).check();
    await form.getByLabel('Bottom line up front (BLUF)').fill(BLUF);
    await form.getByLabel('Recommendation 1', { exact: true }).fill(RECOMMENDATION);
    await form.getByRole('button', { name: 'Make the pack' }).click();
    const made = form.getByRole('status').filter({ hasText: /^Made coalition v\d+, marked / });
    await made.waitFor();

    // Kept as the coalition's newest version, listed with it.
    const kept = await apiAs<BriefSummaryWire[]>(
      session.server,
      'planner',
      'GET',
      `/api/scenarios/${ARTICLE}/briefs`,
    );
    const newest = kept.find((b) => b.audience === 'coalition')!;
    expect(newest.createdBy).toBe('planner');
    const name = `coalition v${newest.version}`;
    expect(folded(await made.innerText())).toContain(`Made ${name},`);
    const table = page.getByRole('table', { name: 'Packs kept' });
    const row = table.getByRole('row', { name: new RegExp(`^coalition ${newest.version} planner `) });
    await row.waitFor();
    expect(folded(await row.innerText())).toContain(newest.contentHash.slice(0, 12));

    // Its preview: the API's pack, drawn from its data.
    await table.getByRole('button', { name: `Preview ${name}` }).click();
    const preview = page.getByRole('region', { name: `Preview of ${name}` });
    await preview.getByRole('article').waitFor();
    const api = await apiAs<Brief>(
      session.server,
      'planner',
      'GET',
      `/api/scenarios/${ARTICLE}/briefs/coalition/${newest.version}`,
    );
    const { pack } = api;
    expect(new URL(page.url()).searchParams.get('version')).toBe(String(newest.version));
    const banners = preview.getByRole('note', { name: 'Classification' });
    expect((await banners.allInnerTexts()).map(folded)).toEqual([pack.banner.text, pack.banner.text]);
    await preview.getByText(BLUF, { exact: true }).waitFor();
    await preview.getByText(RECOMMENDATION, { exact: true }).waitFor();
    await preview.getByRole('heading', { name: 'Courses of action compared', exact: true }).waitFor();
    expect(await checkFigures(preview, pack)).toBeGreaterThan(0);

    // The charts and the map are images of their SVG, loaded (the CSP allows data: images).
    const svgs = pack.sections.flatMap((s) => s.blocks).filter((b) => b.kind === 'svg');
    expect(svgs.length).toBeGreaterThan(0);
    for (const block of svgs) {
      const image = preview.getByRole('img', { name: block.alt, exact: true });
      await expect
        .poll(() =>
          image.evaluate((i) => (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0),
        )
        .toBe(true);
    }
    await saveScreenshot(page, 'briefing-preview');

    // Printed, the page is the pack alone: no app header, form or list.
    await page.emulateMedia({ media: 'print' });
    expect(await page.getByRole('banner').isVisible()).toBe(false);
    expect(await form.isVisible()).toBe(false);
    expect(await table.isVisible()).toBe(false);
    expect(await banners.first().isVisible()).toBe(true);
    await page.emulateMedia({ media: 'screen' });

    // The PDF, to save; the HTML document. Rendered on demand: Playwright's own 30 s limit on a
    // request is off (the test's timeout still catches a hang), so a busy machine cannot fail it.
    const pdfHref = await table
      .getByRole('link', { name: `Download the PDF of ${name}` })
      .getAttribute('href');
    const pdf = await page.request.get(new URL(pdfHref!, page.url()).href, { timeout: 0 });
    expect(pdf.status()).toBe(200);
    expect((await pdf.body()).subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.headers()['content-disposition']).toBe(
      `attachment; filename="${ARTICLE}-brief-coalition-v${newest.version}.pdf"`,
    );
    expect(pdf.headers()['x-classification']).toBe(pack.banner.text);
    const htmlHref = await table
      .getByRole('link', { name: `Open the HTML of ${name} in a new tab` })
      .getAttribute('href');
    const html = await page.request.get(new URL(htmlHref!, page.url()).href, { timeout: 0 });
    expect(html.headers()['content-type']).toMatch(/^text\/html/);
    expect(await html.text()).toContain(BLUF);

    expect(violations).toEqual([]);
  });

  it('offers a liaison officer the coalition, the public and its own nation only', async () => {
    const page = await session.signedIn('liaison-gbr');
    await page.goto(new URL(`/scenarios/${ARTICLE}/briefing`, session.server.url).href);
    expect(await offeredAudiences(page)).toEqual(['coalition', 'public', 'rel-to:GBR']);
    await page.getByRole('table', { name: 'Packs kept' }).waitFor();
    // The next coalition pack starts from the summary of the newest (the planner's, above).
    const form = page.getByRole('form', { name: 'Make a briefing pack' });
    await expect.poll(() => form.getByLabel('Bottom line up front (BLUF)').inputValue()).toBe(BLUF);
    expect(await form.getByLabel('Recommendation 1', { exact: true }).inputValue()).toBe(RECOMMENDATION);
  });

  it('shows an observer the public packs and why there is no form', async () => {
    const page = await session.signedIn('observer');
    await page.goto(new URL(`/scenarios/${ARTICLE}/briefing`, session.server.url).href);
    await page.getByRole('table', { name: 'Packs kept' }).waitFor();
    await page.getByRole('note').filter({ hasText: 'Observers read the public packs' }).waitFor();
    expect(await page.getByRole('form', { name: 'Make a briefing pack' }).count()).toBe(0);
  });
});
