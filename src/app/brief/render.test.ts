// The briefing pack rendered: the PDF read back with poppler's pdftotext and pdfinfo (installed by
// .ci/run; skipped with a message on a machine without them, never under CI=true) carries the banner
// at the head and foot of every page, "Page n of N", an outline of its sections, the bottom line,
// the cost against the pledges and the annex; the same pack gives the same bytes; the HTML carries
// the same text, the banner and an alternative text for every chart.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { NO_POPPLER, skippedFor } from '../../../test-summary.ts';
import { packText, type BriefPack } from '../../domain/brief/pack.ts';
import { loadExchangeRates, loadScenarioFile } from '../reference-data.ts';
import { buildPack } from './build-pack.ts';
import { renderPackHtml } from './render-html.ts';
import { renderPackPdf } from './render-pdf.ts';

function hasPoppler(): boolean {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`${NO_POPPLER}: the PDF tests must run in CI (CI=true).`);
    console.warn(`Skipping the PDF tests: ${NO_POPPLER} (apt-get install -y poppler-utils).`);
    return false;
  }
}

const rates = loadExchangeRates();
const doc = loadScenarioFile('data/scenarios/article-2025-03.yaml');
const pack: BriefPack = buildPack({
  doc,
  version: 4,
  rates,
  audience: { kind: 'rel-to', nation: 'EST' as never },
  draws: 300,
  seed: 2,
  summary: {
    bluf: 'Field the force in phases; ask Washington for a backstop.',
    recommendations: ['Decide by 1 April.'],
  },
});

describe('the pack as PDF', skippedFor(hasPoppler() ? undefined : NO_POPPLER), () => {
  const dir = mkdtempSync(join(tmpdir(), 'pack-'));
  const file = join(dir, 'pack.pdf');
  let pages: string[] = [];
  let bytes: Buffer;

  it('is made in-process, the same bytes each time', async () => {
    bytes = await renderPackPdf(pack);
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect((await renderPackPdf(pack)).equals(bytes)).toBe(true);
    writeFileSync(file, bytes);
    pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }).split('\f').slice(0, -1);
    expect(pages.length).toBeGreaterThan(10);
  });

  it('carries the banner at the head and foot of every page, and "Page n of N"', () => {
    pages.forEach((page, i) => {
      const lines = page.split('\n').filter((l) => l.trim() !== '');
      expect(lines[0]!.trim(), `page ${i + 1} head`).toBe(pack.banner.text);
      expect(lines.at(-1), `page ${i + 1} foot`).toMatch(
        new RegExp(
          `^${pack.banner.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s+Page ${i + 1} of ${pages.length}$`,
        ),
      );
    });
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    expect(info).toMatch(new RegExp(`Pages:\\s+${pages.length}`));
  });

  it('has the bottom line, the cost against the pledges and the provenance annex', () => {
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Bottom line up front Field the force in phases; ask Washington for a backstop.');
    expect(text).toContain('Decide by 1 April.');
    const money = pack.sections.find((s) => s.id === 'money')!;
    const gap = money.blocks
      .flatMap((b) => (b.kind === 'figures' ? b.items : []))
      .find((i) => i.label === 'Gap against committed')!;
    expect(text).toContain(`Gap against committed ${gap.value}`);
    expect(text).toContain('Cost against pledges, by nation (EUR million)');
    expect(text).toContain('Annex: sources and assumptions');
    expect(text).toContain('UN General Assembly resolution 72/285');
    expect(text).toContain(pack.scenario.contentHash);
  });

  it('draws every character the pack uses (the font has every glyph)', () => {
    const text = pages.join('');
    const used = new Set([...packText(pack)].filter((c) => c.charCodeAt(0) > 127));
    expect([...used].filter((c) => !text.includes(c))).toEqual([]);
  });

  it('has an outline of its sections', () => {
    // The PDF's outline items are its /Title entries (pdfmake writes them as text strings).
    const raw = bytes.toString('latin1');
    for (const s of pack.sections) {
      const asPdfString = Buffer.from(`\ufeff${s.title}`, 'utf16le').swap16().toString('latin1');
      expect(raw.includes(`/Title (${s.title})`) || raw.includes(asPdfString), s.title).toBe(true);
    }
  });

  it('renders its pages to images (pdftoppm), the map and charts included', () => {
    execFileSync('pdftoppm', ['-r', '20', '-png', '-f', '1', '-l', '4', file, join(dir, 'page')]);
  });
});

describe('the pack as HTML', () => {
  const html = renderPackHtml(pack);

  it('is one document with the banner, the sections and the print rules', () => {
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain(
      `<div class="banner" role="note" aria-label="Classification">${pack.banner.text}</div>`,
    );
    expect(html).toContain(`@top-center { content: "${pack.banner.text}"`);
    expect(html).toContain('counter(page) " of " counter(pages)');
    for (const s of pack.sections) expect(html).toContain(`<h2 id="h-${s.id}">`);
    expect(html).toContain('Field the force in phases; ask Washington for a backstop.');
  });

  it('gives every chart and map an alternative text, and fetches nothing', () => {
    const svgs = pack.sections.flatMap((s) => s.blocks.filter((b) => b.kind === 'svg'));
    expect(svgs.length).toBeGreaterThanOrEqual(4);
    expect(html.match(/<img class="figure-svg" src="data:image\/svg\+xml;base64,/g)).toHaveLength(
      svgs.length,
    );
    expect(html).not.toMatch(/(src|href)="https?:/);
  });

  it('escapes what the records say', () => {
    const odd = renderPackHtml({ ...pack, title: 'A <script>alert(1)</script> & "quote"' });
    expect(odd).not.toContain('<script>');
    expect(odd).toContain('A &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quote&quot;');
  });
});
