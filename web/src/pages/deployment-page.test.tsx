// The deployment views rendered to static HTML from a small hand-made plan: the closure figures and
// what holds the force up, the plan controls and the optimality gap, the ULN schedule (Gantt rows and
// table), the heat maps' data and tables, and the bottlenecks. The helpers behind them are tested in
// components/deployment-model.test.ts.
import type { ReactNode } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../api-client.ts';
import { heatMapData } from '../components/deployment-model.ts';
import { StaticRouterProvider } from '../router.tsx';
import { ApiClientProvider } from '../use-api.tsx';
import { BottlenecksView } from './deployment-bottlenecks-page.tsx';
import { ClosureView, closureChartOption, closureTableDays, niceAxis } from './deployment-closure-page.tsx';
import {
  DEPLOYMENT_VIEWS,
  DeploymentNav,
  PlanAnswer,
  PlanControls,
  deploymentViewOf,
  formatGap,
  readPlanQuery,
} from './deployment-page.tsx';
import { ScheduleView } from './deployment-schedule-page.tsx';
import { largePlanReport, planEnvelope, planReport } from './deployment-test-fixtures.ts';
import { UtilisationView, escapeHtml, heatMapOption } from './deployment-utilisation-page.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

const render = (node: ReactNode, path = '/scenarios/s1/deployment') =>
  renderToStaticMarkup(
    <ApiClientProvider client={new ApiClient()}>
      <StaticRouterProvider path={path}>{node}</StaticRouterProvider>
    </ApiClientProvider>,
  );

/** The HTML of the table captioned `caption`. */
function table(html: string, caption: string): string {
  const at = html.indexOf(`>${caption}</caption>`);
  expect(at, `table "${caption}"`).toBeGreaterThan(-1);
  const start = html.lastIndexOf('<table', at);
  return html.slice(start, html.indexOf('</table>', at) + 8);
}

describe('the deployment section', () => {
  it('reads the plan parameters from the URL, ignoring what the API would refuse', () => {
    expect(readPlanQuery('?today=12&reference=true')).toEqual({ today: 12, reference: true });
    expect(readPlanQuery('?today=-30')).toEqual({ today: -30 });
    expect(readPlanQuery('?today=soon&reference=yes')).toEqual({});
    expect(readPlanQuery('?today=9999')).toEqual({});
    expect(readPlanQuery('')).toEqual({});
  });

  it('has one view per URL, each in the navigation, keeping the plan’s parameters', () => {
    expect(DEPLOYMENT_VIEWS.map((v) => v.label)).toEqual([
      'Closure',
      'ULN schedule',
      'Utilisation',
      'Bottlenecks',
      'Map',
      'Force list',
    ]);
    expect(deploymentViewOf('map')?.view).toBe('map');
    expect(deploymentViewOf('')?.view).toBe('closure');
    expect(deploymentViewOf('gantt')).toBeUndefined();
    const html = render(<DeploymentNav scenarioId="s1" current="map" search="?today=4" />);
    expect(html).toContain('<nav aria-label="Deployment views"');
    expect(html).toContain('<a href="/scenarios/s1/deployment?today=4">Closure</a>');
    expect(html).toContain('<a href="/scenarios/s1/deployment/map?today=4" aria-current="page">Map</a>');
    expect(html).toContain('<a href="/scenarios/s1/deployment/force-list?today=4">Force list</a>');
  });

  it('offers the re-plan day and the optimality reference, labelled, and says what was planned', () => {
    const html = render(
      <PlanControls envelope={planEnvelope()} query={{}} onChange={() => undefined} updating={false} />,
    );
    expect(html).toMatch(/<label for="[^"]+-today">Re-plan from day<\/label>/);
    const input = html.match(/<input id="[^"]+-today"[^>]*>/)?.[0] ?? '';
    expect(input).toContain('type="number"');
    expect(input).toContain('name="today"');
    expect(input).toContain('placeholder="0"');
    expect(html).toMatch(/<label for="[^"]+-ref">Compute optimality reference<\/label>/);
    expect(html).not.toContain('checked=""');
    expect(text(html)).toContain(
      'Planned from C+0 over a 30-day horizon, with the stored force list (4 ULNs).',
    );
    expect(html).not.toContain('Optimality gap');
  });

  it('shows the LP gap when the reference was computed, or why there is none', () => {
    const withGap = render(
      <PlanControls
        envelope={planEnvelope({
          reference: { status: 'Optimal', objective: 3900.4, gapPercent: 3.2, seconds: 2.34 },
          parameters: { reference: true },
        })}
        query={{ reference: true }}
        onChange={() => undefined}
        updating={false}
      />,
    );
    expect(withGap).toContain('checked=""');
    expect(text(withGap)).toContain(
      'Optimality gap 3.2% : the plan’s objective of 4,025 weighted personnel-days late against an LP lower bound of 3,900 (LP Optimal, 2.3 s).',
    );
    const none = render(
      <PlanControls
        envelope={planEnvelope({
          reference: { status: 'Time limit reached', objective: null, gapPercent: null, seconds: 60 },
        })}
        query={{ reference: true }}
        onChange={() => undefined}
        updating={true}
      />,
    );
    expect(text(none)).toContain('No optimality bound : the LP ended “Time limit reached” after 60.0 s.');
    expect(none).toContain('aria-busy="true"');
    expect(text(none)).toContain('Re-planning and solving the LP reference: this can take a few minutes…');
    expect([formatGap(0), formatGap(0.04), formatGap(3.14), formatGap(42.4)]).toEqual([
      '0%',
      '<0.1%',
      '3.1%',
      '42%',
    ]);
  });

  it('says first when the plan covers only the records releasable to the viewer, and not otherwise', () => {
    const answer = (partial: boolean) =>
      render(
        <PlanAnswer
          view="closure"
          envelope={planEnvelope({ partial })}
          scenarioId="s1"
          query={{}}
          onQueryChange={() => undefined}
          updating={false}
        />,
      );
    const partial = answer(true);
    expect(partial.startsWith('<p class="notice notice-partial" role="note">')).toBe(true);
    expect(text(partial)).toContain('Figures count only the records releasable to you.');
    expect(partial.indexOf('role="note"')).toBeLessThan(partial.indexOf('Re-plan from day'));
    const whole = answer(false);
    expect(whole).not.toContain('role="note"');
    expect(text(whole)).not.toContain('releasable');
  });
});

describe('closure', () => {
  const html = render(<ClosureView envelope={planEnvelope()} />);

  it('gives the force list against the target and the closure days', () => {
    const t = text(html);
    expect(t).toContain(
      'Force list 2,000 personnel 80% of the mission target of 2,500; 4 ULNs, stored; 500 not in the list',
    );
    expect(t).toContain(
      'Target closes Does not close The force list holds 2,000 of the 2,500 personnel the mission needs: 500 are not offered or not matched to a requirement line.',
    );
    expect(t).toContain('50% in place C+12');
    expect(t).toContain('90% in place Never');
    expect(t).toContain('100% in place Never Last scheduled ULN arrives C+20');
    expect(t).toContain(
      'Late ULNs 1 ULN Delivered after their RDD: 2,750 personnel-days late (1,375 weighted by priority), 5 unit-days',
    );
    expect(t).toContain(
      'Unscheduled ULNs 1 ULN No route their lift allows, or cannot arrive within the 30-day horizon; each counted as delivered on the penalty day, C+60',
    );
  });

  it('leads with the objective the plan minimises, and its parts', () => {
    const t = text(html);
    expect(t.indexOf('Objective 4,025')).toBeLessThan(t.indexOf('Force list 2,000'));
    expect(t).toContain(
      'Objective 4,025 weighted personnel-days late Lower is better: days from each ULN’s RDD to its delivery (personnel and 90% of its tonnes, its critical equipment, in) × personnel × priority weight; 1,375 from 1 ULN delivered late (2,750 personnel-days, 5 unit-days); 2,650 penalty for 1 ULN that cannot be moved, counted as delivered on C+60.',
    );
    const none = planReport();
    const onTime = render(
      <ClosureView
        envelope={planEnvelope({
          report: {
            ...none,
            objective: {
              ...none.objective,
              value: 0,
              weightedPersonnelDaysLate: 0,
              unplannedPenalty: 0,
              lateUlns: 0,
              unscheduled: 0,
              criticalShare: 0.75,
            },
          },
        })}
      />,
    );
    expect(text(onTime)).toContain(
      'Objective 0 weighted personnel-days late Lower is better: days from each ULN’s RDD to its delivery (personnel and 75% of its tonnes, its critical equipment, in) × personnel × priority weight; no ULN delivered late.',
    );
    // The view of the same plan with some of its objective's fields otherwise.
    const withObjective = (o: Partial<typeof none.objective>) =>
      text(
        render(
          <ClosureView
            envelope={planEnvelope({ report: { ...none, objective: { ...none.objective, ...o } } })}
          />,
        ),
      );
    const held = withObjective({ heldOnTime: true });
    expect(held).toContain(
      'counted as delivered on C+60. Units with days to spare wait at their origins to arrive by their RDD, and follow-on equipment leaves after its unit, arriving by its LAD, leaving the early lift to units without.',
    );
    expect(held).not.toContain('capacity prices');
    const guided = withObjective({
      guided: {
        unguidedValue: 5300.2,
        pricesUsed: true,
        search: null,
        lpSchedules: null,
        neighbourhood: null,
      },
    });
    expect(guided).toContain(
      'counted as delivered on C+60. Routes chosen against the proved bound’s capacity prices: 1,275 below the plan without them (5,300).',
    );
    expect(guided).not.toContain('order search');
    // Prices, then an order search from the priced plan (4,500) to this one (4,025).
    const search = { moves: 1234, seconds: 19.96, startValue: 4500 };
    const both = withObjective({
      guided: { unguidedValue: 5300.2, pricesUsed: true, search, lpSchedules: null, neighbourhood: null },
    });
    expect(both).toContain(
      'Routes chosen against the proved bound’s capacity prices: 800 below the plan without them (5,300). An order search tried 1,234 orders in 20.0 s: 475 below the plan it began from (4,500).',
    );
    // A search alone, from the plan without prices.
    const alone = withObjective({
      guided: { unguidedValue: 4500, pricesUsed: false, search, lpSchedules: null, neighbourhood: null },
    });
    expect(alone).not.toContain('capacity prices');
    expect(alone).toContain(
      'An order search tried 1,234 orders in 20.0 s: 475 below the plan it began from (4,500).',
    );
    // From the LP's schedules, the rest with prices; follow-on after the LAD as the settings allow.
    const lpSchedules = { kept: 1910, of: 2000, followOnAfterLad: false };
    const fromLp = withObjective({
      guided: { unguidedValue: 5300.2, pricesUsed: true, search: null, lpSchedules, neighbourhood: null },
    });
    expect(fromLp).toContain(
      'Planned from the proved bound’s LP solution: 1,910 of 2,000 ULNs on the schedule it gives them, the rest after them against its capacity prices: 1,275 below the plan without it (5,300).',
    );
    expect(fromLp).not.toContain('Routes chosen');
    const late = withObjective({
      guided: {
        unguidedValue: 5300.2,
        pricesUsed: false,
        search: null,
        lpSchedules: { ...lpSchedules, followOnAfterLad: true },
        neighbourhood: null,
      },
    });
    expect(late).toContain(
      'on the schedule it gives them (follow-on equipment may arrive after its LAD), the rest after them: 1,275',
    );
    // Then a neighbourhood search from the LP's plan (4,500) to this one (4,025).
    const around = withObjective({
      guided: {
        unguidedValue: 5300.2,
        pricesUsed: true,
        search: null,
        lpSchedules,
        neighbourhood: { moves: 356, accepted: 9, seconds: 19.96, startValue: 4500 },
      },
    });
    expect(around).toContain(
      'the rest after them against its capacity prices: 800 below the plan without it (5,300). A neighbourhood search re-planned 356 late units with the units taking their lift, keeping 9, in 20.0 s: 475 below the plan it began from (4,500).',
    );
  });

  it('says under the objective how far the plan is proved to be from the best possible, or why not', () => {
    const objectiveFigure = (html: string) => {
      const start = html.indexOf('Objective</p>');
      return text(html.slice(start, html.indexOf('</div>', start)));
    };
    expect(objectiveFigure(html)).toMatch(
      /on C\+60\. Within 15\.0% of the best possible \(proved bound 3,500 weighted personnel-days late\)\.$/,
    );
    const report = planReport();
    const none = render(
      <ClosureView
        envelope={planEnvelope({
          report: {
            ...report,
            objective: {
              ...report.objective,
              bound: {
                value: null,
                gapPercent: null,
                status: 'none',
                seconds: 0,
                text: 'No proved bound: none was asked for (bound time 0 s).',
              },
            },
          },
        })}
      />,
    );
    expect(objectiveFigure(none)).toMatch(/\. No proved bound: none was asked for \(bound time 0 s\)\.$/);
    // Each on a line of its own beneath the figure.
    expect(none).toContain(
      '<span class="figure-line">No proved bound: none was asked for (bound time 0 s).</span>',
    );
  });

  it('says the day the target closes when it does', () => {
    const report = planReport();
    const closes = render(
      <ClosureView
        envelope={planEnvelope({ report: { ...report, closure: { ...report.closure, targetDay: 18 } } })}
      />,
    );
    expect(text(closes)).toContain('Target closes C+18 Personnel in place reach the mission’s 2,500.');
  });

  it('lists what holds the force up, in order', () => {
    const list = html.slice(html.indexOf('<ol class="hold-ups">'), html.indexOf('</ol>'));
    expect(text(list)).toMatch(
      /^Force generation: the force list holds 2,000 personnel .* Unplanned: 1 ULN \(150 personnel\) cannot be moved, and the objective counts each as delivered on the penalty day, C\+60 .* GBR-0003 no route .* it may not use road, rail or air .* Gdańsk \(POL\) → Medyka \(POL\), rail: at capacity/,
    );
  });

  it('draws the closure curve with the RDD demand and the target, and gives it as a table', () => {
    expect(html).toMatch(
      /role="img" aria-label="Line chart: personnel in place by C-day, reaching 1,850 of 2,000 in the force list by C\+29; mission target 2,500"/,
    );
    const option = closureChartOption(planReport()) as {
      series: { name: string; data: number[]; markLine?: { data: { yAxis: number }[] } }[];
      yAxis: { max: number };
    };
    expect(option.series.map((s) => s.name)).toEqual(['Personnel in place', 'Required by RDD']);
    expect(option.series[0]!.data.slice(5, 13)).toEqual([0, 650, 650, 650, 650, 650, 650, 1300]);
    expect(option.series[1]!.data.slice(6, 15)).toEqual([0, 150, 150, 150, 800, 800, 800, 800, 2000]);
    expect(option.series[0]!.markLine!.data[0]!.yAxis).toBe(2500);
    expect(option.yAxis.max).toBe(3000);
    expect(closureTableDays(planReport())).toEqual([0, 7, 12, 14, 20, 21, 28, 29]);
    const rows = text(table(html, 'Closure by day'));
    expect(rows).toContain('C+12 1,300 65% 800');
    expect(rows).toContain('C+29 1,850 93% 2,000');
  });

  it('chooses round axis steps that take in the target', () => {
    expect(niceAxis(102_000)).toEqual({ min: 0, max: 125_000, interval: 25_000 });
    expect(niceAxis(2550)).toEqual({ min: 0, max: 3000, interval: 1000 });
    expect(niceAxis(0)).toEqual({ min: 0, max: 1, interval: 1 });
  });
});

describe('ULN schedule', () => {
  const html = render(<ScheduleView report={planReport()} scenarioId="s1" />);

  it('has labelled filters and sort', () => {
    for (const label of ['Nation', 'Priority', 'Show', 'Sort by'])
      expect(html).toMatch(new RegExp(`<label for="[^"]+">${label}</label>`));
    expect(html).toContain('<option value="FRA">FRA</option>');
    expect(text(html)).toContain('All 4 ULNs.');
  });

  it('draws a Gantt row per ULN with a bar per leg, coloured by mode, and the ALD, LAD and RDD', () => {
    expect(html).toContain('aria-label="ULN schedule chart: 4 ULNs, one row each (scrollable)"');
    expect(html.match(/class="gantt-row[ "]/g)).toHaveLength(4);
    expect(html.match(/class="gantt-bar"/g)).toHaveLength(10);
    expect(html).toContain('data-mode="sea"');
    expect(html).toContain(
      '<title>GBR-0002 (GBR, ARMD-BN, priority 2): ALD C+2, LAD C+10, RDD C+14, arrives C+20, delivered C+19, 5 days late</title>',
    );
    expect(html).toContain(
      '<title>Leg 2: Marchwood (GBR) → Gdańsk (POL), sea, departs C+2, arrives C+8</title>',
    );
    expect(text(html)).toContain('No route');
    expect(text(html)).toContain('RDD (required delivery)');
  });

  it('gives the same schedule as a table, linking stored ULNs to their records', () => {
    const t = text(table(html, 'ULN schedule'));
    expect(t).toContain(
      'GBR-0002 GBR · ARMD-BN 550 2 C+2 C+6–C+10 C+14 C+2 C+20 C+19 5 Road → Sea → Rail → Road Tidworth (GBR) → Marchwood (GBR) → Gdańsk (POL) → Medyka (POL) → Lviv (UKR)',
    );
    expect(t).toContain(
      'GBR-0003 GBR · HQ-STAFF 150 3 C+0 C+3–C+5 C+7 — No route Penalty: C+60 53 Tidworth (GBR) → Lviv (UKR) Lift: Sea only',
    );
    expect(html).toContain('<a href="/scenarios/s1/records/force-list/GBR-0001">GBR-0001</a>');
    const generated = render(
      <ScheduleView
        report={planReport({ forceList: { source: 'generated', ulns: 4, personnel: 2000, tonnes: 8000 } })}
        scenarioId="s1"
      />,
    );
    expect(generated).not.toContain('/records/force-list/');
  });

  it("gives a unit's personnel and equipment routes apart when they marry up at the destination", () => {
    // GBR-0001's personnel take the road from Gdańsk to Lviv; its equipment goes on by rail.
    const report = planReport();
    const gbr1 = report.ulns[0]!;
    const [tm, mg, gm, ml] = gbr1.legs;
    const road = { ...ml!, arc: 'GDA-LVI', from: 'SPOD-GDANSK', tonnes: 0 };
    const legs = [tm!, mg!, { ...gm!, personnel: 0 }, { ...ml!, personnel: 0 }, road];
    const split = { ...report, ulns: [{ ...gbr1, legs }, ...report.ulns.slice(1)] };
    const t = text(table(render(<ScheduleView report={split} scenarioId="s1" />), 'ULN schedule'));
    expect(t).toContain(
      'Personnel: Road → Sea → Road Tidworth (GBR) → Marchwood (GBR) → Gdańsk (POL) → Lviv (UKR) ' +
        'Equipment: Road → Sea → Rail → Road Tidworth (GBR) → Marchwood (GBR) → Gdańsk (POL) → Medyka (POL) → Lviv (UKR)',
    );
  });

  it('draws only the rows in view of 5,000, and pages the table', () => {
    const big = render(<ScheduleView report={largePlanReport(5000)} scenarioId="s1" />);
    expect(big).toContain('aria-label="ULN schedule chart: 5000 ULNs, one row each (scrollable)"');
    expect(big).toContain('style="height:130000px"');
    expect((big.match(/class="gantt-row[ "]/g) ?? []).length).toBeLessThan(40);
    expect(text(big)).toContain('Rows 1–50 of 5,000 (page 1 of 100)');
    expect((table(big, 'ULN schedule').match(/<tr>/g) ?? []).length).toBe(51);
  });
});

describe('utilisation', () => {
  const html = render(<UtilisationView report={planReport()} />);

  it('draws a heat map of arcs and one of nodes, each with its table', () => {
    expect(html).toContain(
      'aria-label="Heat map: arc utilisation by C-day for the 5 busiest arcs, coloured by share of daily capacity"',
    );
    expect(html).toContain(
      'aria-label="Heat map: node reception by C-day for the 2 busiest nodes, coloured by share of daily capacity"',
    );
    expect(text(html)).toContain(
      '5 arcs in use, busiest first; 2 of those shown reach capacity. Not shown, carrying nothing in this plan: 1 arc.',
    );
    const arcs = text(table(html, 'Arc utilisation'));
    expect(arcs).toContain(
      'First full ↕ Gdańsk (POL) → Medyka (POL), rail Rail 600 personnel, 3,000 t a day 100% 3 C+9 Marchwood (GBR)',
    );
    const nodes = text(table(html, 'Node reception'));
    expect(nodes).toContain('Medyka (POL) Border crossing 1,500 personnel, 6,000 t a day 100% 2 C+11');
    expect(nodes).toContain(
      'Gdańsk (POL) SPOD (sea port of debarkation) 2,000 personnel, 20,000 t a day 50% 0 —',
    );
  });

  it('shapes the heat map as ECharts data, busiest at the top, with safe tooltips', () => {
    const rows = planReport().arcs.map((a) => ({
      ...a,
      label: `<b>${a.id}</b>`,
      short: a.id,
      capacity: 'x',
    }));
    const option = heatMapOption(heatMapData(rows)) as {
      yAxis: { data: string[]; inverse: boolean };
      xAxis: { data: string[] };
      series: { data: number[][] }[];
      tooltip: { formatter: (p: { data: [number, number, number] }) => string };
    };
    expect(option.yAxis.data).toEqual(['GDA-MED', 'MAR-GDA', 'MOU-MED', 'MED-LVI', 'TID-MAR']);
    expect(option.yAxis.inverse).toBe(true);
    expect(option.xAxis.data).toHaveLength(14);
    expect(option.series[0]!.data[0]).toEqual([9, 0, 1]);
    expect(option.tooltip.formatter({ data: [9, 0, 1] })).toBe(
      '&#60;b&#62;GDA-MED&#60;/b&#62;<br/>C+9: <b>100%</b> of capacity<br/>Capacity x',
    );
    expect(escapeHtml(`a&b"'`)).toBe('a&#38;b&#34;&#39;');
  });
});

describe('bottlenecks', () => {
  const html = render(<BottlenecksView report={planReport()} />);

  it('tables each bottleneck with what happens there', () => {
    const t = text(table(html, 'Bottlenecks'));
    expect(t).toContain(
      '1 Gdańsk (POL) → Medyka (POL), rail Arc (lift) 3 2.5 ULN-days at capacity (600 personnel, 3000 t a day) on 3 days; 2 ULNs pass it, 1 of them arrive after their RDD',
    );
    expect(t).toContain('2 Medyka (POL) Node (reception) 2 1 ULN-days reception full on 2 days');
  });

  it('lists the ULNs that miss their LAD with the reason', () => {
    const t = text(table(html, 'ULNs that miss their LAD'));
    expect(t).toContain('GBR-0002 ARMD-BN · priority 2 550 congestion: Gdańsk (POL) → Medyka (POL), rail');
    expect(t).toContain('GBR-0003 HQ-STAFF · priority 3 150 no route from GAR-TIDWORTH to DEST-LVIV');
    expect(text(html)).toContain('2 ULNs of 4 cannot arrive by their LAD.');
  });

  it('tables the closures with their windows as dated C-days once C-day is set', () => {
    const closed = render(
      <BottlenecksView
        report={planReport({
          cDay: '2025-04-02',
          closures: [
            {
              arc: 'MED-LVI',
              name: 'Medyka (POL) → Lviv (UKR), road',
              from: 1,
              to: 4,
              reason: 'assumed blockade',
              ulnsHeld: 2,
              mostDaysHeld: 3,
              ulnsMissingLad: 1,
            },
          ],
        })}
      />,
    );
    expect(text(table(closed, 'Closures'))).toContain(
      'Medyka (POL) → Lviv (UKR), road C+1 (3 Apr 2025) to C+4 (6 Apr 2025) assumed blockade 2 3 days 1',
    );
    expect(html).not.toContain('>Closures<');
  });

  it('says when nothing is held back', () => {
    const calm = render(<BottlenecksView report={planReport({ bottlenecks: [], missedLad: [] })} />);
    expect(text(calm)).toContain('No arc or node holds any cargo back.');
    expect(text(calm)).toContain('Every ULN reaches its port of debarkation by its latest arrival date.');
  });
});
