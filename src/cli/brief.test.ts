// `coalition brief`, run in process over an in-memory store seeded with the reference scenarios: the
// issue's "done when": `coalition brief article-2025-03 -o pack.pdf` writes a PDF whose every page
// carries the banner, with the bottom line, the cost against the pledges and the provenance annex
// (read back with pdftotext; skipped with a message where poppler-utils is missing, never in CI); a
// pack for REL TO EST holds no figure withheld from Estonia; bad flags are named.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NO_POPPLER, skippedFor } from '../../test-summary.ts';
import type { Installation } from '../app/installation.ts';
import type { Brief } from '../contract/brief.ts';
import { packText } from '../domain/brief/pack.ts';
import type { Connect } from './connect.ts';
import { connectTo, openSeededInstallation, runCommand } from './test-in-process.ts';

const poppler = (() => {
  try {
    execFileSync('pdftotext', ['-v'], { stdio: 'ignore' });
    return true;
  } catch {
    if (process.env.CI === 'true') throw new Error(`${NO_POPPLER}: the PDF tests must run in CI.`);
    return false;
  }
})();

let inst: Installation;
let connect: Connect;
const dir = mkdtempSync(join(tmpdir(), 'brief-cli-'));
const run = (...args: string[]) => runCommand(args, connect);

beforeAll(async () => {
  inst = await openSeededInstallation();
  connect = connectTo(inst);
});
afterAll(async () => {
  await inst.close();
});

describe('coalition brief', () => {
  it('writes the pack as PDF: banner on every page, the BLUF, cost against pledges, the annex', async () => {
    const summary = join(dir, 'summary.yaml');
    writeFileSync(
      summary,
      'bluf: Deploy in two phases.\nrecommendations:\n  - Put the backstop request to Washington.\n',
    );
    const file = join(dir, 'pack.pdf');
    const r = await run('brief', 'article-2025-03', '-o', file, '--summary', summary, '--draws', '500');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/pack\.pdf: .+ staff v1, PUBLIC, \d+ sections, data as of 2025-03-02/);
    expect(readFileSync(file).subarray(0, 5).toString()).toBe('%PDF-');
    if (!poppler) return;
    const pages = execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' })
      .split('\f')
      .slice(0, -1);
    for (const [i, page] of pages.entries()) {
      const lines = page.split('\n').filter((l) => l.trim() !== '');
      expect(lines[0]!.trim(), `page ${i + 1}`).toBe('PUBLIC');
      expect(lines.at(-1), `page ${i + 1}`).toMatch(
        new RegExp(`^PUBLIC\\s+Page ${i + 1} of ${pages.length}$`),
      );
    }
    const text = pages.join('\n').replace(/\s+/g, ' ');
    expect(text).toContain('Bottom line up front Deploy in two phases.');
    expect(text).toContain('Put the backstop request to Washington.');
    expect(text).toContain('Funding, cost and burden');
    expect(text).toMatch(/Gap against committed (covered \S+ % )?EUR -?[\d,.]+m/);
    expect(text).toContain('Annex: sources and assumptions');
  });

  it('writes HTML by the extension, a new version each time, compares variants', async () => {
    await run('branch', 'article-2025-03', '--id', 'brief-us', '--what-if', 'us-backstop');
    const file = join(dir, 'pack.html');
    const r = await run(
      'brief',
      'article-2025-03',
      '-o',
      file,
      '--compare',
      'brief-us',
      '--draws',
      '200',
      '--json',
    );
    expect(r.code, r.stderr).toBe(0);
    const made = JSON.parse(r.stdout) as Brief;
    expect(made.version).toBe(2);
    expect(made.pack.sections.map((s) => s.id)).toContain('what-ifs');
    expect(readFileSync(file, 'utf8')).toContain('<h2 id="h-what-ifs">Courses of action compared</h2>');
  });

  it('a pack for REL TO EST holds no figure withheld from Estonia', async () => {
    // Mark France's first offer REL TO FRA: no Estonian may see it, or anything computed from it.
    const planner = { userId: 't', role: 'planner' as const, nation: null };
    const offer = (await inst.store.exportScenario('article-2025-03', planner)).offers.find(
      (o) => o.nation === 'FRA',
    )!;
    const stored = await inst.store.get('article-2025-03', 'offers', offer.id, planner);
    await inst.service.patch(
      'article-2025-03',
      'offers',
      offer.id,
      { version: stored.version, releasability: { level: 'REL_TO', nations: ['FRA'] } },
      planner,
    );
    const est = await run('brief', 'article-2025-03', '--audience', 'rel-to:EST', '--draws', '200', '--json');
    const coalition = await run(
      'brief',
      'article-2025-03',
      '--audience',
      'coalition',
      '--draws',
      '200',
      '--json',
    );
    expect(est.code, est.stderr).toBe(0);
    const estPack = (JSON.parse(est.stdout) as Brief).pack;
    const coalitionPack = (JSON.parse(coalition.stdout) as Brief).pack;
    expect(packText(estPack)).not.toContain(offer.id);
    expect(packText(coalitionPack)).not.toContain(offer.id);
    // Estonia sees nothing the coalition does not here, so the two packs differ only in who they are for.
    expect({ ...estPack, audience: null, audienceLabel: null }).toEqual({
      ...coalitionPack,
      audience: null,
      audienceLabel: null,
    });
  });

  it('names a bad flag', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--audience', 'secret', '-o', join(dir, 'x.pdf')],
        /--audience: must be one of staff, coalition, public or rel-to:ISO3/,
      ],
      [['-o', join(dir, 'x.docx')], /-o: .+x\.docx must end in \.pdf or \.html/],
      [[], /-o FILE is required/],
      [['--compare', 'nowhere', '-o', join(dir, 'x.pdf')], /--compare\[0\]: names no scenario you may see/],
      [['--draws', '5', '-o', join(dir, 'x.pdf')], /--draws/],
    ];
    for (const [args, message] of cases) {
      const r = await run('brief', 'article-2025-03', ...args);
      expect(r.code, args.join(' ')).not.toBe(0);
      expect(r.stderr, args.join(' ')).toMatch(message);
    }
  });
});

// Where poppler-utils is missing the PDF is still made and checked as a PDF; its text is read in CI.
describe('coalition brief: the PDF read back', skippedFor(poppler ? undefined : NO_POPPLER), () => {
  it('needs pdftotext', () => expect(poppler).toBe(true));
});
