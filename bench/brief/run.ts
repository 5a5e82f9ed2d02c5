// Briefing pack benchmark (npm run bench:brief; see bench/README.md). The target of issue 16: a
// ~30-page pack of article-2025-03 with its what-ifs, PDF ≤ 3 s warm on this machine.
//
// The family: article-2025-03 and reported-2026-01, each for the four kinds of audience (staff,
// coalition, rel-to a contributing nation, public), with the four reference what-ifs of the article
// compared (the hard shape: four more scenarios summarised) and without, over several Monte Carlo
// seeds. For each case it measures building the pack (every analysis on the audience's cut), the
// PDF warm (after a warm-up render of the same pack) and the HTML, and counts the PDF's pages. The
// reference in the same run is pdfmake's floor: the same pack's text alone (every paragraph, list
// and table cell as plain paragraphs, no tables, charts or map) rendered by the same library, so
// `÷ floor` says what the layout of tables and the vector graphics cost on top of the text.
// Checks (exit 1 when one fails): the same pack renders to the same bytes twice, and a pack built
// twice from the same inputs is the same.
import { availableParallelism, loadavg } from 'node:os';
import { createRequire } from 'node:module';
import { parseArgs } from 'node:util';
import { buildPack } from '../../src/app/brief/build-pack.ts';
import { renderPackHtml } from '../../src/app/brief/render-html.ts';
import { renderPackPdf } from '../../src/app/brief/render-pdf.ts';
import { loadExchangeRates, loadScenarioFile } from '../../src/app/reference-data.ts';
import { REFERENCE_WHAT_IFS } from '../../src/app/reference-what-ifs.ts';
import { renderTable } from '../../src/cli/table.ts';
import { packText, type BriefPack } from '../../src/domain/brief/pack.ts';
import type { Audience } from '../../src/domain/brief/audience.ts';
import type { ScenarioDocument } from '../../src/domain/scenario-schema.ts';
import { branchDocument, branchRequestSchema } from '../../src/domain/variants.ts';
import { collector, median, wholeOption } from '../measure.ts';

const TARGET_MS = 3000;

const USAGE = `usage: npm run bench:brief -- [options]
  --runs N     measured PDF renders per case (default 3)
  --seeds N    Monte Carlo seeds per case (default 2)
  --draws N    Monte Carlo draws of each pack (default 10000)`;

function options(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      runs: { type: 'string', default: '3' },
      seeds: { type: 'string', default: '2' },
      draws: { type: 'string', default: '10000' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    runs: wholeOption('runs', values.runs, 1),
    seeds: wholeOption('seeds', values.seeds, 1),
    draws: wholeOption('draws', values.draws, 100),
  };
}

interface Case {
  name: string;
  doc: ScenarioDocument;
  audience: Audience;
  variants: ScenarioDocument[];
}

function family(): Case[] {
  const article = loadScenarioFile('data/scenarios/article-2025-03.yaml');
  const reported = loadScenarioFile('data/scenarios/reported-2026-01.yaml');
  const whatIfs = REFERENCE_WHAT_IFS.map((w) =>
    branchDocument(article, 1, branchRequestSchema.parse(w.request)),
  );
  const audiences: Audience[] = [
    { kind: 'staff' },
    { kind: 'coalition' },
    { kind: 'rel-to', nation: 'EST' as never },
    { kind: 'public' },
  ];
  const text = (a: Audience) => (a.kind === 'rel-to' ? `rel-to:${a.nation}` : a.kind);
  return [
    ...audiences.map((audience) => ({
      name: `article, ${text(audience)}, 4 what-ifs`,
      doc: article,
      audience,
      variants: whatIfs,
    })),
    { name: 'article, staff, no what-ifs', doc: article, audience: { kind: 'staff' }, variants: [] },
    ...audiences.map((audience) => ({
      name: `reported, ${text(audience)}`,
      doc: reported,
      audience,
      variants: [],
    })),
  ];
}

/** pdfmake's floor: the pack's text alone as plain paragraphs, by the same library and font. */
async function floorPdf(pack: BriefPack): Promise<Buffer> {
  const require = createRequire(import.meta.url);
  const pdfmake = require('pdfmake') as {
    createPdf(doc: unknown): { getBuffer(): Promise<Buffer> };
  };
  // renderPackPdf has registered the font and the access policies on the shared instance already.
  return pdfmake
    .createPdf({
      content: packText(pack)
        .split('\n')
        .map((t) => ({ text: t })),
      defaultStyle: { font: 'Roboto', fontSize: 10 },
    })
    .getBuffer();
}

const pagesOf = (pdf: Buffer) => (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
const ms = (x: number) => (x >= 100 ? Math.round(x).toLocaleString('en-GB') : x.toFixed(1));

async function main(): Promise<void> {
  const o = options(process.argv.slice(2));
  const gc = collector();
  const rates = loadExchangeRates();
  console.log(
    `Briefing pack benchmark: load average ${loadavg()[0]!.toFixed(1)} on ${availableParallelism()} cores, Node ${process.version}`,
  );
  console.log(
    `${o.seeds} seed(s) × ${o.runs} warm PDF render(s) per case, ${o.draws.toLocaleString('en-GB')} draws; target PDF ≤ ${TARGET_MS} ms warm\n`,
  );
  const failures: string[] = [];
  const rows: string[][] = [];
  const all = { build: [] as number[], pdf: [] as number[], html: [] as number[], floor: [] as number[] };
  for (const c of family()) {
    const build: number[] = [];
    const pdf: number[] = [];
    const html: number[] = [];
    const floor: number[] = [];
    let pages = 0;
    let bytes = 0;
    for (let seed = 1; seed <= o.seeds; seed++) {
      gc?.();
      let t = performance.now();
      const pack = buildPack({
        doc: c.doc,
        version: 1,
        rates,
        audience: c.audience,
        variants: c.variants,
        draws: o.draws,
        seed,
      });
      build.push(performance.now() - t);
      if (seed === 1) {
        const again = buildPack({
          doc: c.doc,
          version: 1,
          rates,
          audience: c.audience,
          variants: c.variants,
          draws: o.draws,
          seed,
        });
        if (JSON.stringify(again) !== JSON.stringify(pack)) failures.push(`${c.name}: two builds differ`);
      }
      const first = await renderPackPdf(pack); // the warm-up
      for (let r = 0; r < o.runs; r++) {
        gc?.();
        t = performance.now();
        const out = await renderPackPdf(pack);
        pdf.push(performance.now() - t);
        if (!out.equals(first)) failures.push(`${c.name}, seed ${seed}: two renders differ`);
      }
      t = performance.now();
      renderPackHtml(pack);
      html.push(performance.now() - t);
      await floorPdf(pack);
      t = performance.now();
      await floorPdf(pack);
      floor.push(performance.now() - t);
      pages = pagesOf(first);
      bytes = first.length;
    }
    all.build.push(...build);
    all.pdf.push(...pdf);
    all.html.push(...html);
    all.floor.push(...floor);
    const worstPdf = Math.max(...pdf);
    rows.push([
      c.name,
      String(pages),
      `${Math.round(bytes / 1024)}`,
      ms(median(build)),
      ms(Math.max(...build)),
      ms(median(pdf)),
      ms(worstPdf),
      `${median(pdf) <= TARGET_MS ? 'PASS' : 'MISS'} / ${worstPdf <= TARGET_MS ? 'PASS' : 'MISS'}`,
      ms(median(html)),
      ms(median(floor)),
      `${(median(pdf) / median(floor)).toFixed(1)}×`,
    ]);
  }
  const worst = Math.max(...all.pdf);
  rows.push([
    'whole family',
    '',
    '',
    ms(median(all.build)),
    ms(Math.max(...all.build)),
    ms(median(all.pdf)),
    ms(worst),
    `${median(all.pdf) <= TARGET_MS ? 'PASS' : 'MISS'} / ${worst <= TARGET_MS ? 'PASS' : 'MISS'}`,
    ms(median(all.html)),
    ms(median(all.floor)),
    `${(median(all.pdf) / median(all.floor)).toFixed(1)}×`,
  ]);
  const headers = [
    'case',
    'pages',
    'KiB',
    'build ms',
    'worst',
    'PDF ms',
    'worst',
    '≤3 s',
    'HTML ms',
    'floor ms',
    '÷ floor',
  ];
  console.log(
    renderTable(
      rows,
      headers.map((header, i) => ({
        header,
        value: (r: string[]) => r[i]!,
        ...(i > 0 && { align: 'right' as const }),
      })),
    ),
  );
  console.log(
    '\nbuild: every analysis for the audience, the what-ifs summarised and compared, charts and map drawn; ' +
      'PDF: pdfmake, warm (median and worst of the measured renders); HTML: the same pack as one document; ' +
      "floor: the pack's text alone rendered by pdfmake, the reference. A MISS alone does not fail the run; " +
      'two renders or two builds of the same pack that differ do.',
  );
  if (failures.length > 0) {
    console.error(`\nFAILED:\n${failures.join('\n')}`);
    process.exit(1);
  }
}

await main();
