// Renders the overview to static HTML (no browser needed) and checks what a reader would see.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { NationOverview } from '../../../src/domain/overview.ts';
import type { ScenarioSummary } from '../../../src/domain/records.ts';
import type { Stance } from '../../../src/domain/scenario-schema.ts';
import type { ScenarioOverview } from '../api-client.ts';
import { HEADLINE_FIGURE_KEYS, HEADLINE_FIGURES } from '../../../src/domain/analysis/headline-figures.ts';
import type { AnalysisAnswer } from '../api-client.ts';
import { formatNumber } from '../format.ts';
import { StaticRouterProvider } from '../router.tsx';
import { DASHBOARD_PARAMETERS, dashboard, envelope } from './analysis-test-fixtures.ts';
import { OverviewFigures, ScenarioOverviewView } from './scenario-overview-page.tsx';

const FIGURES = <p data-testid="figures">figures</p>;

function nation(id: string, name: string, stance: Stance | null, personnelOffered: number): NationOverview {
  return {
    id,
    name,
    nato: true,
    eu: id !== 'GBR',
    role: 'contributor',
    currentStance: stance && { stance, date: '2025-03-02', statement: `${name} says so.` },
    personnelOffered,
    offerCount: personnelOffered > 0 ? 1 : 0,
  };
}

function overview(
  target: number,
  range: { min: number; max: number } | undefined,
  nations: NationOverview[],
) {
  const offered = nations.reduce((s, n) => s + n.personnelOffered, 0);
  const stanceCounts = {
    lead: 0,
    committed: 0,
    supportive: 0,
    cautious: 0,
    considering: 0,
    declined: 0,
    absent: 0,
  };
  for (const n of nations) if (n.currentStance) stanceCounts[n.currentStance.stance]++;
  return {
    scenario: { id: 'test' } as ScenarioSummary,
    totals: {
      targetPersonnel: target,
      range,
      personnelOffered: offered,
      stanceCounts,
    },
    nations,
  } satisfies ScenarioOverview;
}

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ');

describe('ScenarioOverviewView', () => {
  const html = renderToStaticMarkup(
    <ScenarioOverviewView
      figures={FIGURES}
      overview={overview(100000, undefined, [
        nation('GBR', 'United Kingdom', 'lead', 10000),
        nation('DEU', 'Germany', 'cautious', 0),
        nation('USA', 'United States', 'absent', 0),
        nation('NOR', 'Norway', null, 0),
      ])}
    />,
  );

  it('shows the headline figures it is given first, then the stances and the nations', () => {
    expect(html.indexOf('data-testid="figures"')).toBeLessThan(html.indexOf('Nations by stance'));
  });

  it('lists each nation in a table named Nations, stance as text', () => {
    expect(html).toContain('<caption class="visually-hidden">Nations</caption>');
    expect(text(html)).toMatch(/Germany DEU Yes Yes Contributor Cautious 2 Mar 2025 Germany says so\. 0/);
    expect(text(html)).toMatch(/Norway NOR .* None recorded/);
  });

  it('counts nations by stance, including those without one', () => {
    expect(html).toContain('aria-label="Cautious: 1"');
    expect(html).toContain('aria-label="Absent: 1"');
    expect(html).toContain('aria-label="No stance recorded: 1"');
  });
});

describe('OverviewFigures', () => {
  const render = (answer: AnalysisAnswer<'figures'>) =>
    text(
      renderToStaticMarkup(
        <StaticRouterProvider path="/scenarios/s1">
          <OverviewFigures scenarioId="s1" scenarioVersion={1} answer={answer} />
        </StaticRouterProvider>,
      ),
    );

  it('states the figures analysis under the same names and definitions as the Dashboard', () => {
    const f = dashboard().force;
    const t = render(envelope<'figures'>({ ...DASHBOARD_PARAMETERS, explain: false }, f));
    for (const key of HEADLINE_FIGURE_KEYS) {
      const { label, definition } = HEADLINE_FIGURES[key];
      expect(t).toContain(`${label} ${formatNumber(f.values[key])} personnel`);
      expect(t).toContain(definition);
    }
    expect(t).toContain('As of 2 Mar 2025: only what is ready by each line’s RDD counts as matched');
  });

  it('shows the range of estimates of the target', () => {
    const f = { ...dashboard().force, range: { min: 15000, max: 30000 } };
    const t = render(envelope<'figures'>({ ...DASHBOARD_PARAMETERS, explain: false }, f));
    expect(t).toContain('Force target 100,000 personnel Estimates range 15,000–30,000');
  });
});

describe('the notice of partial figures', () => {
  const nations = [nation('GBR', 'United Kingdom', 'lead', 10000)];

  it('is absent when the figures are not partial, as for coalition staff', () => {
    const html = renderToStaticMarkup(
      <ScenarioOverviewView figures={FIGURES} overview={overview(100000, undefined, nations)} />,
    );
    expect(text(html)).not.toContain('releasable');
    expect(html).not.toContain('role="note"');
  });

  it('says first, in one fixed sentence, that the figures count only what is releasable', () => {
    const partial = { ...overview(100000, undefined, nations), partial: true };
    const html = renderToStaticMarkup(<ScenarioOverviewView figures={FIGURES} overview={partial} />);
    expect(html.startsWith('<p class="notice notice-partial" role="note">')).toBe(true);
    expect(text(html)).toContain('Figures count only the records releasable to you.');
  });
});
