// The briefing pack as one HTML document: the same pack as the PDF, for reading on screen and for
// printing from a browser. Print styles put the classification banner at the head and foot of every
// printed page and "Page n of N" at its foot (CSS page margin boxes), start each section on a new
// page where the PDF does, and keep table rows whole. Self-contained: the styles are in the
// document and the charts and map are inline SVG, so it opens from a file with nothing fetched.
import type { Block, BriefPack, PackSection } from '../../domain/brief/pack.ts';

const esc = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An SVG as an image: its own styles stay inside it, and `alt` says what it shows. */
const svgImage = (svg: string, alt: string, width: number, height: number) =>
  `<img class="figure-svg" src="data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}" ` +
  `alt="${esc(alt)}" width="${width}" height="${height}">`;

function blockHtml(b: Block): string {
  switch (b.kind) {
    case 'text':
      return `<p>${esc(b.text)}</p>`;
    case 'list':
      return `<ul>${b.items.map((i) => `<li>${esc(i)}</li>`).join('')}</ul>`;
    case 'figures':
      return (
        `<dl class="figures">` +
        b.items
          .map(
            (i) =>
              `<div><dt>${esc(i.label)}</dt><dd>${esc(i.value)}${i.note ? ` <span class="note">${esc(i.note)}</span>` : ''}</dd></div>`,
          )
          .join('') +
        `</dl>`
      );
    case 'table': {
      const align = (i: number) => (b.columns[i]?.align === 'right' ? ' class="num"' : '');
      return (
        `<table><caption>${esc(b.caption)}</caption><thead><tr>` +
        b.columns.map((c, i) => `<th scope="col"${align(i)}>${esc(c.header)}</th>`).join('') +
        `</tr></thead><tbody>` +
        b.rows
          .map((r) => `<tr>${r.map((cell, i) => `<td${align(i)}>${esc(cell)}</td>`).join('')}</tr>`)
          .join('') +
        `</tbody></table>`
      );
    }
    case 'svg':
      return `<figure>${svgImage(b.svg, b.alt, b.width, b.height)}<figcaption>${esc(b.caption)}</figcaption></figure>`;
  }
}

function sectionHtml(s: PackSection): string {
  return (
    `<section id="${esc(s.id)}" class="${s.newPage ? 'new-page' : ''}" aria-labelledby="h-${esc(s.id)}">` +
    `<h2 id="h-${esc(s.id)}">${esc(s.title)}</h2>${s.blocks.map(blockHtml).join('\n')}</section>`
  );
}

const STYLE = `
:root { color: #1b1f24; font-family: Roboto, "Helvetica Neue", Arial, sans-serif; font-size: 10.5pt; line-height: 1.35; }
body { margin: 0 auto; max-width: 190mm; padding: 0 8mm 12mm; }
.banner { position: sticky; top: 0; background: #fff; text-align: center; font-weight: 700; color: #7a0000; padding: 4px 0; border-bottom: 1px solid #ccc; }
.cover { min-height: 60vh; }
.cover h1 { font-size: 24pt; margin: 28mm 0 4mm; }
.cover .subtitle { font-size: 13pt; color: #444; }
.cover dl { display: grid; grid-template-columns: 40mm 1fr; gap: 2mm 4mm; margin-top: 12mm; }
.cover dt { font-weight: 700; }
.cover dd { margin: 0; overflow-wrap: anywhere; }
nav ol { columns: 2; }
h2 { font-size: 16pt; margin: 10mm 0 3mm; }
table { border-collapse: collapse; width: 100%; margin: 2mm 0 5mm; font-size: 8.5pt; }
caption { text-align: left; font-style: italic; color: #444; padding-bottom: 1mm; }
th, td { border-bottom: 1px solid #d5d9de; padding: 1mm 1.5mm; text-align: left; vertical-align: top; }
.num { text-align: right; font-variant-numeric: tabular-nums; }
dl.figures { display: grid; grid-template-columns: repeat(auto-fill, minmax(52mm, 1fr)); gap: 2mm 6mm; }
dl.figures div { border-bottom: 1px solid #d5d9de; display: flex; justify-content: space-between; gap: 3mm; }
dl.figures dd { margin: 0; font-weight: 700; text-align: right; }
.note { font-weight: 400; color: #555; font-size: 8.5pt; }
figure { margin: 2mm 0 5mm; }
.figure-svg { max-width: 100%; height: auto; }
figcaption { font-style: italic; color: #444; font-size: 9pt; }
@page { size: A4; margin: 16mm 14mm 18mm;
  @bottom-right { content: "Page " counter(page) " of " counter(pages); font-size: 8pt; } }
@media print {
  .banner { display: none; }
  nav { display: none; }
  .new-page { break-before: page; }
  tr, figure, dl.figures div { break-inside: avoid; }
  h2 { break-after: avoid; }
}`;

/**
 * The document's one style element, exactly: a server sending the document allows it by its hash
 * in the Content-Security-Policy, not by 'unsafe-inline'.
 */
export function packHtmlStyle(pack: BriefPack): string {
  // The printed banner sits in the page margin boxes, as a CSS string.
  const quoted = `"${pack.banner.text.replace(/["\\]/g, '\\$&')}"`;
  const box = `content: ${quoted}; font-weight: 700; color: #7a0000; font-size: 9pt;`;
  return `${STYLE}\n@page { @top-center { ${box} } @bottom-left { ${box} } }`;
}

/** The pack as one self-contained HTML document. */
export function renderPackHtml(pack: BriefPack): string {
  const banner = esc(pack.banner.text);
  const s = pack.scenario;
  return `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="classification" content="${banner}">
<title>${esc(pack.title)} (${banner})</title>
<style>${packHtmlStyle(pack)}</style>
</head>
<body>
<div class="banner" role="note" aria-label="Classification">${banner}</div>
<header class="cover">
<h1>${esc(pack.title)}</h1>
<p class="subtitle">${esc(pack.subtitle)}</p>
<dl>
<dt>Audience</dt><dd>${esc(pack.audienceLabel)}</dd>
<dt>Classification</dt><dd>${banner}</dd>
<dt>Data as of</dt><dd>${esc(s.asOf)}</dd>
<dt>Scenario</dt><dd>${esc(s.id)}${s.version === null ? '' : `, content version ${s.version}`}</dd>
<dt>Inputs (SHA-256)</dt><dd>${esc(s.contentHash)}</dd>
</dl>
</header>
<nav aria-label="Contents"><h2>Contents</h2><ol>${pack.sections.map((x) => `<li><a href="#${esc(x.id)}">${esc(x.title)}</a></li>`).join('')}</ol></nav>
<main>
${pack.sections.map(sectionHtml).join('\n')}
</main>
<div class="banner" role="note" aria-label="Classification">${banner}</div>
</body>
</html>
`;
}
