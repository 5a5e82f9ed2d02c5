// A briefing pack drawn from its data (src/domain/brief/pack.ts), as the pack's HTML document draws
// it (src/app/brief/render-html.ts): the classification banner at the top and the foot, the cover
// (title, audience, classification, data as of, scenario and the hash of its inputs), the contents,
// and each section's blocks: paragraphs, key figures as a definition list, tables with their caption
// and column headers, lists, and charts and the map as images. An SVG is never put into the page's
// DOM: it is shown as an <img> of a data: URI (base64, encoded here), so its own styles and scripts
// stay inside it and the app's Content-Security-Policy (data: images, no inline styles) holds. Pure:
// props in, markup out; printing the Briefing page prints this and nothing else (styles.css).
import { memo, type ReactNode } from 'react';
import type { Block, BriefPack, PackSection, TableBlock } from '../../../src/domain/brief/pack.ts';

/** The SVG as a data: URI, its UTF-8 bytes base64-encoded (btoa takes bytes as Latin-1 text). */
export function svgDataUri(svg: string): string {
  const bytes = new TextEncoder().encode(svg);
  let binary = '';
  // In slices: spreading a whole map's bytes into one call would overflow the stack.
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return `data:image/svg+xml;base64,${btoa(binary)}`;
}

/** The id of a section's element: the contents link to it. */
export const sectionAnchor = (id: string) => `brief-section-${id}`;

export interface BriefPackViewProps {
  pack: BriefPack;
}

export const BriefPackView = memo(function BriefPackView({ pack }: BriefPackViewProps) {
  const s = pack.scenario;
  return (
    <article className="brief-pack" aria-labelledby="brief-pack-title">
      <Banner text={pack.banner.text} />
      <header className="brief-cover">
        <h2 id="brief-pack-title">{pack.title}</h2>
        <p className="brief-subtitle">{pack.subtitle}</p>
        <dl className="brief-cover-facts">
          <Fact term="Audience">{pack.audienceLabel}</Fact>
          <Fact term="Classification">{pack.banner.text}</Fact>
          <Fact term="Data as of">{s.asOf}</Fact>
          <Fact term="Scenario">
            {s.name} <span className="iso">{s.id}</span>
            {s.version !== null && `, content version ${s.version}`}
          </Fact>
          <Fact term="Inputs (SHA-256)">
            <span className="brief-hash">{s.contentHash}</span>
          </Fact>
        </dl>
      </header>
      <nav className="brief-contents" aria-labelledby="brief-contents-title">
        <h3 id="brief-contents-title">Contents</h3>
        <ol>
          {pack.sections.map((section) => (
            <li key={section.id}>
              <a href={`#${sectionAnchor(section.id)}`}>{section.title}</a>
            </li>
          ))}
        </ol>
      </nav>
      {pack.sections.map((section) => (
        <SectionView key={section.id} section={section} />
      ))}
      <Banner text={pack.banner.text} />
    </article>
  );
});

function Banner({ text }: { text: string }) {
  return (
    <p className="brief-banner" role="note" aria-label="Classification">
      {text}
    </p>
  );
}

function Fact({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div>
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function SectionView({ section }: { section: PackSection }) {
  const anchor = sectionAnchor(section.id);
  return (
    <section
      id={anchor}
      className={section.newPage ? 'brief-section brief-new-page' : 'brief-section'}
      aria-labelledby={`${anchor}-title`}
    >
      <h3 id={`${anchor}-title`}>{section.title}</h3>
      {section.blocks.map((block, i) => (
        <BlockView key={i} block={block} />
      ))}
    </section>
  );
}

function BlockView({ block }: { block: Block }) {
  switch (block.kind) {
    case 'text':
      return <p className="brief-text">{block.text}</p>;
    case 'list':
      return (
        <ul className="brief-list">
          {block.items.map((item, i) => (
            <li key={i}>{item}</li>
          ))}
        </ul>
      );
    case 'figures':
      return (
        <dl className="brief-figures">
          {block.items.map((item, i) => (
            <div key={i}>
              <dt>{item.label}</dt>
              <dd>
                {item.value}
                {item.note && <span className="brief-note"> {item.note}</span>}
              </dd>
            </div>
          ))}
        </dl>
      );
    case 'table':
      return <TableView table={block} />;
    case 'svg':
      return (
        <figure className="brief-figure">
          <img
            className="brief-svg"
            src={svgDataUri(block.svg)}
            alt={block.alt}
            width={block.width}
            height={block.height}
          />
          <figcaption>{block.caption}</figcaption>
        </figure>
      );
  }
}

function TableView({ table }: { table: TableBlock }) {
  const align = (i: number) => (table.columns[i]?.align === 'right' ? 'num' : undefined);
  return (
    <div
      className="table-scroll brief-table-scroll"
      tabIndex={0}
      role="group"
      aria-label={`${table.caption} (scrollable)`}
    >
      <table className="data-table brief-table">
        <caption>{table.caption}</caption>
        <thead>
          <tr>
            {table.columns.map((c, i) => (
              <th key={i} scope="col" className={align(i)}>
                {c.header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, r) => (
            <tr key={r}>
              {row.map((cell, i) => (
                <td key={i} className={align(i)}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
