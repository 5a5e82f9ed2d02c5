// The chart wrapper rendered to static HTML: before the browser draws it, it is an empty, labelled
// image of the right height with its text alternative below (ECharts itself loads only in the browser).
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Chart } from './chart.tsx';

describe('Chart', () => {
  it('is a labelled image of the given height, with its caption', () => {
    const html = renderToStaticMarkup(
      <Chart option={{ series: [] }} ariaLabel="Bar chart: target 100,000" height={180} className="wide">
        <figcaption>Target 100,000.</figcaption>
      </Chart>,
    );
    expect(html).toBe(
      '<figure class="chart wide"><div class="chart-canvas" role="img" aria-label="Bar chart: target 100,000" style="height:180px"></div><figcaption>Target 100,000.</figcaption></figure>',
    );
  });

  it('has a default height', () => {
    expect(renderToStaticMarkup(<Chart option={{}} ariaLabel="x" />)).toContain('style="height:260px"');
  });
});
