// The resilience page rendered to static HTML from a fixture report: the Monte Carlo figures and
// histogram (with P10, P50, P90 and the target marked), each line's chance of being filled, the
// withdrawal table and "what if Germany stays out".
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { StaticRouterProvider } from '../router.tsx';
import { NAMES, RESILIENCE_PARAMETERS, envelope, resilienceReport } from './analysis-test-fixtures.ts';
import { histogramOption } from '../components/monte-carlo-histogram.tsx';
import { withdrawalAnchor } from '../components/withdrawal-panel.tsx';
import { ResilienceView, readMonteCarlo } from './resilience-page.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

function view(options: { nation?: string; partial?: boolean } = {}) {
  return renderToStaticMarkup(
    <StaticRouterProvider path="/scenarios/s1/resilience">
      <ResilienceView
        scenarioId="s1"
        envelope={envelope<'resilience'>(RESILIENCE_PARAMETERS, resilienceReport(), options.partial)}
        names={NAMES}
        assumptions={{ usBackstop: false, allowLate: true }}
        onAssumptionsChange={() => undefined}
        onRun={() => undefined}
        initialNation={options.nation}
      />
    </StaticRouterProvider>,
  );
}

/** The HTML of the table with this caption. */
function table(html: string, caption: string): string {
  const at = html.indexOf(`>${caption}</caption>`);
  expect(at).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf('<table', at), html.indexOf('</table>', at));
}

describe('ResilienceView', () => {
  const html = view();

  it('gives the chance of meeting the target and the spread of personnel matched', () => {
    const t = text(html);
    expect(t).toContain(
      'Probability the target is met 0% Share of 1,000 draws (seed 7) matching 3,000 personnel or more (±0.0 pp)',
    );
    expect(t).toContain(
      'Personnel matched, median (P50) 2,600 personnel P10 1,950 · P90 2,600 Mean 2,470; from 0 to 2,600',
    );
    expect(t).toContain('If every nation delivers 2,600 personnel 1 line filled, 1 partly, 1 empty');
    expect(t).toContain('Force target 3,000 personnel 400 above the P90');
  });

  it('draws the histogram, labelled, with its figures in the caption and as a table', () => {
    expect(html).toContain(
      'aria-label="Histogram of personnel matched over 1,000 draws: P10 1,950, P50 2,600, P90 2,600, target 3,000"',
    );
    expect(text(html)).toContain(
      'Personnel matched in each draw, in bins of 500: P10 1,950, median (P50) 2,600, P90 2,600; the target of 3,000 is met in 0% of draws.',
    );
    const bins = table(html, 'Draws by personnel matched');
    expect(bins.match(/<th scope="row"/g)).toHaveLength(6);
    expect(text(bins)).toContain('2,500–3,000 950 95%');
  });

  it('has draws and seed inputs holding the values used', () => {
    expect(html).toMatch(/<input id="[^"]+-draws"[^>]*name="draws" value="1000"/);
    expect(html).toMatch(/<input id="[^"]+-seed"[^>]*name="seed" value="7"/);
    expect(text(html)).toContain('Run');
  });

  it('gives each line its chance of being filled', () => {
    const lines = table(html, 'Chance each line is filled');
    expect(text(lines)).toContain('R-L-01 MECH-INF-BN · Land · Kyiv 1 Filled 3 of 3 units 95% 5% 95%');
    expect(text(lines)).toContain('R-L-02 MECH-INF-BN · Land · Kyiv 1 Filled 3 of 3 units 0.3% 99.7% 0.3%');
  });

  it('lists every nation’s withdrawal, each row findable by its anchor', () => {
    const w = table(html, 'Withdrawal table');
    expect(w).toContain(`id="${withdrawalAnchor('FRA')}" class="is-short"`);
    expect(w).toContain(`id="${withdrawalAnchor('DEU')}"`);
    expect(text(w)).toContain(
      'France FRA Lead 2,600 2,600 counting 2,600 4 units −2,600 4 units 100% 0 units 1 R-L-01 2 R-L-01, R-L-02',
    );
    expect(text(w)).toContain(
      'Germany DEU Cautious 3,900 0 counting 0 0 units 0 0 units 0% 0 units None None',
    );
  });

  it('answers “what if Germany stays out”', () => {
    const deu = view({ nation: 'DEU' });
    expect(deu).toMatch(/<option value="DEU" selected="">Germany \(DEU\)<\/option>/);
    expect(text(deu)).toContain(
      'If Germany (DEU) stays out Nothing changes: none of Germany (DEU)’s offers fill a line under these assumptions (3,900 personnel offered, 0 counting).',
    );
    expect(deu).toContain('href="/scenarios/s1/force-generation"');
    // Only Germany's row is left in the table.
    expect(table(deu, 'Withdrawal table')).not.toContain(withdrawalAnchor('FRA'));
  });

  it('spells out what a contributing nation’s withdrawal breaks', () => {
    const fra = view({ nation: 'fra' });
    const t = text(fra);
    expect(t).toContain(
      'If France (FRA) stays out The coalition loses 2,600 matched personnel and 4 units (100% of the priority-weighted fill), leaving 0 personnel matched.',
    );
    expect(t).toContain('No other nation can take over any of its 4 units.');
    expect(t).toContain('1 line no longer filled: R-L-01 . 2 lines left empty: R-L-01, R-L-02 .');
    expect(text(table(fra, 'Lines that change if France (FRA) stays out'))).toContain(
      'R-L-01 MECH-INF-BN · Kyiv 1 3 → 0 of 3 Filled → Empty',
    );
  });

  it('says when the chosen nation has no offer', () => {
    expect(text(view({ nation: 'XYZ' }))).toContain(
      'XYZ has no offer in this analysis, so its withdrawal changes nothing here.',
    );
  });

  it('shows who delivers in the draws, stance in words', () => {
    const who = table(html, 'Who delivers in the draws');
    expect(text(who)).toContain('Germany DEU Cautious 40% from its stance 41% 0');
    expect(text(who)).toContain('France FRA Lead 95% from its stance 95% 2,600');
  });

  it('says when the figures are partial', () => {
    expect(html).not.toContain('role="note"');
    expect(text(view({ partial: true }))).toContain('Figures count only the records releasable to you.');
  });
});

describe('histogramOption', () => {
  const option = histogramOption(resilienceReport().monteCarlo) as {
    xAxis: { min: number; max: number };
    series: { data: { value: [number, number] }[]; markLine: { data: { name: string; xAxis: number }[] } }[];
  };

  it('puts each bin at its middle on a personnel axis reaching the target', () => {
    expect(option.series[0]!.data.map((d) => d.value)).toEqual([
      [250, 50],
      [750, 0],
      [1250, 0],
      [1750, 0],
      [2250, 0],
      [2750, 950],
    ]);
    expect(option.xAxis).toMatchObject({ min: 0, max: 3000 });
  });

  it('marks P10, P50, P90 and the target', () => {
    expect(option.series[0]!.markLine.data.map((m) => [m.name, m.xAxis])).toEqual([
      ['P10', 1950],
      ['P50', 2600],
      ['P90', 2600],
      ['Target', 3000],
    ]);
  });
});

describe('readMonteCarlo', () => {
  it('takes draws and seed from the query when they are in range', () => {
    expect(readMonteCarlo('?draws=2000&seed=7')).toEqual({ draws: 2000, seed: 7 });
    expect(readMonteCarlo('?seed=0')).toEqual({ seed: 0 });
    expect(readMonteCarlo('?draws=0&seed=-1')).toEqual({});
    expect(readMonteCarlo('?draws=100001&seed=x')).toEqual({});
    expect(readMonteCarlo('')).toEqual({});
  });
});
