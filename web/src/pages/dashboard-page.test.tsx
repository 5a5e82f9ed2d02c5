// The dashboard rendered to static HTML from a fixture report: the figures a reader sees, the
// assumption switches, the partial notice and where the links lead.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { HEADLINE_FIGURE_KEYS, HEADLINE_FIGURES } from '../../../src/domain/analysis/headline-figures.ts';
import { formatNumber } from '../format.ts';
import { StaticRouterProvider } from '../router.tsx';
import { DASHBOARD_PARAMETERS, NAMES, dashboard, envelope } from './analysis-test-fixtures.ts';
import { DashboardView, forceChartOption } from './dashboard-page.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

const render = (node: ReactNode) =>
  renderToStaticMarkup(<StaticRouterProvider path="/scenarios/s1/dashboard">{node}</StaticRouterProvider>);

function view(
  options: {
    usBackstop?: boolean;
    partial?: boolean;
    risks?: Parameters<typeof dashboard>[0];
  } = {},
) {
  return render(
    <DashboardView
      scenarioId="s1"
      scenarioVersion={1}
      envelope={envelope<'dashboard'>(DASHBOARD_PARAMETERS, dashboard(options.risks), options.partial)}
      names={NAMES}
      assumptions={{ usBackstop: options.usBackstop ?? false, allowLate: false }}
      onAssumptionsChange={() => undefined}
    />,
  );
}

describe('DashboardView', () => {
  const html = view();

  it('states every headline figure under its one name, with its definition', () => {
    const t = text(html);
    for (const key of HEADLINE_FIGURE_KEYS) {
      const { label, definition } = HEADLINE_FIGURES[key];
      expect(t).toContain(`${label} ${formatNumber(dashboard().force.values[key])} personnel`);
      expect(t).toContain(text(definition));
      expect(html).toContain(`aria-label="Records behind ${label}"`);
    }
    expect(t).toContain('Matched on time 9,680 personnel 10% of target');
    expect(t).toContain('Matched late 36,280 personnel Not counted in the shortfalls');
    expect(t).toContain('Shortfall against target 90,320 personnel On-time matches only');
    expect(t).toContain('3 filled , 3 partly filled , 44 empty of 50, on-time matches only.');
  });

  it('draws the force as a labelled bar chart with the same figures in its caption', () => {
    expect(html).toContain('role="img"');
    expect(html).toContain(
      'aria-label="Bar chart: target 100,000, required 100,160, offered 63,830, counting 47,910, matched on time 9,680, matched late 36,280 personnel"',
    );
    expect(text(html)).toContain(
      'Personnel: target 100,000; requirement lines 100,160; offered 63,830; counting under these assumptions 47,910; matched on time 9,680; matched late 36,280.',
    );
  });

  it('counts nations by stance, with those without a stance', () => {
    expect(html).toContain('aria-label="Lead: 2"');
    expect(html).toContain('aria-label="Committed: 5"');
    expect(html).toContain('aria-label="Absent: 1"');
    expect(html).toContain('aria-label="No stance recorded: 1"');
  });

  it('gives funding in EUR by stage and says what could not be converted', () => {
    expect(text(html)).toContain('Committed €1.91 bn');
    expect(text(html)).toContain('Allocated €250 m');
    expect(text(html)).toContain('Delivered €0');
    expect(text(html)).toContain('2 pledges, converted to EUR at the rate of each pledge’s date');
    expect(text(html)).toContain('1 pledge could not be converted to EUR and is not counted.');
  });

  it('lists the headline risks', () => {
    const t = text(html);
    expect(t).toContain(
      'Lines empty without the US 2 lines 9,590 matched personnel lost without a US backstop R-L-03, R-A-02',
    );
    expect(t).toContain('Sustainable personnel 15,208 indefinitely 47,605 for 6 months 26,505 for 12 months');
    expect(t).toContain(
      'Worst single-nation withdrawal France (FRA) 20,810 matched personnel lost (25,150 left), 43% of the priority-weighted fill',
    );
    expect(t).toContain('2 lines left empty');
    expect(t).toContain(
      'Probability the target is met 0.4% Share of 10,000 Monte Carlo draws reaching 100,000 matched personnel (±0.1 pp)',
    );
    expect(html).toContain('href="/scenarios/s1/resilience?nation=FRA"');
    expect(html).toContain('href="/scenarios/s1/force-generation"');
  });

  it('gives the risk analysis headline: exposure, the top rung, the register, each linking to the Risk page', () => {
    const t = text(html);
    const { exposure, escalation, register } = dashboard().risks;
    expect(t).toContain(
      `Within 50 km of the line ${formatNumber(exposure.within50km!)} personnel ${exposure.ulnsBreachingLimits} ULN(s) nearer than a caveat or red line allows`,
    );
    expect(t).toContain(
      `At the top rung of escalation ${formatNumber(escalation.matchedAtTopRung!)} matched Every red line in effect at ${escalation.topRung}, every nation delivering ${formatNumber(escalation.respond48h!)} able to reach ${escalation.sector} within 48 h`,
    );
    expect(t).toContain(
      `Open risks ${register.open} entries Residual: 0 extremely high, 1 high, 3 medium, 1 low · 1 review(s) overdue`,
    );
    for (const e of register.top) expect(t).toContain(`${e.id} ${e.title}`);
    expect(html.match(/href="\/scenarios\/s1\/risk"/g)?.length).toBe(2);
  });

  it('says why a risk figure is missing: no line, no ladder, an empty register', () => {
    const t = text(
      view({
        risks: {
          exposure: { within50km: null, ulnsBreachingLimits: null },
          escalation: { topRung: null, matchedAtTopRung: null, sector: null, respond48h: null },
          register: { open: 0, reviewsOverdue: 0, openByResidualLevel: [0, 0, 0, 0], top: [] },
        },
      }),
    );
    expect(t).toContain('Within 50 km of the line — No line of contact or no plan');
    expect(t).toContain('At the top rung of escalation — No escalation ladder');
    expect(t).toContain(
      'Open risks 0 entries Residual: 0 extremely high, 0 high, 0 medium, 0 low Risk register',
    );
  });

  it('has no worst withdrawal when nobody offers anything', () => {
    expect(text(view({ risks: { biggestWithdrawal: null } }))).toContain(
      'Worst single-nation withdrawal None No nation offers anything that counts',
    );
  });

  it('shows the assumptions as switches and keeps them in its links', () => {
    expect(html).toMatch(/<input id="[^"]+-us" type="checkbox"[^>]*\/>/);
    expect(html).not.toMatch(/-us" type="checkbox"[^>]*checked=""/);
    // Late matches are not counted unless asked for: only what is ready by the RDD.
    expect(html).toMatch(/-late" type="checkbox"/);
    expect(html).not.toMatch(/-late" type="checkbox"[^>]*checked=""/);
    expect(text(html)).toContain('Monte Carlo of 10,000 draws, seed 1.');
    const withUs = view({ usBackstop: true });
    expect(withUs).toMatch(/-us" type="checkbox"[^>]*checked=""/);
    expect(withUs).toContain('href="/scenarios/s1/resilience?usBackstop=true&amp;nation=FRA"');
    expect(withUs).toContain('href="/scenarios/s1/force-generation?usBackstop=true"');
  });

  it('says first when the figures are partial, and not otherwise', () => {
    expect(html).not.toContain('role="note"');
    expect(text(html)).not.toContain('releasable');
    const partial = view({ partial: true });
    expect(text(partial)).toContain('Figures count only the records releasable to you.');
    expect(partial.indexOf('role="note"')).toBeLessThan(partial.indexOf('Force against target'));
  });
});

describe('forceChartOption', () => {
  it('puts target at the top and matched late at the bottom, with the target marked', () => {
    const option = forceChartOption(dashboard().force) as {
      yAxis: { data: string[] };
      series: { data: { value: number }[]; markLine: { data: { xAxis: number }[] } }[];
    };
    expect(option.yAxis.data).toEqual([
      'Matched late',
      'Matched on time',
      'Counting',
      'Offered',
      'Requirement lines',
      'Target',
    ]);
    expect(option.series[0]!.data.map((d) => d.value)).toEqual([36280, 9680, 47910, 63830, 100160, 100000]);
    expect(option.series[0]!.markLine.data).toEqual([{ xAxis: 100000 }]);
  });
});
