// The Compare page rendered to static HTML from a comparison built by the domain's own code
// (compare-test-fixtures.ts): the figures with their changes spelt out, the drivers of a change
// behind a button named for the figure and the variant, the overlaid charts' text alternatives, what
// each variant changes, the COA matrix (and how editing a weight moves the preferred course), and the
// decision section that only coalition staff see. Interactions are the pure steps the page runs (the
// criteria reducer, the requests sent); what each state renders is checked on the markup.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { CoaCriterion } from '../../../src/domain/comparison/coa.ts';
import type { UserView } from '../api-client.ts';
import { checkDrafts, criteriaReducer, draftsOf, type CriterionDraft } from '../components/coa-criteria.ts';
import { CoaPanel, preferredSentence } from '../components/coa-matrix.tsx';
import { closureTableDays, distributionsOption } from '../components/compare-charts.tsx';
import type { DriversTarget } from '../components/compare-drivers.tsx';
import { changeText, formatDelta, formatValue } from '../components/compare-format.ts';
import { diffSummary } from '../components/compare-inputs.tsx';
import { StaticRouterProvider } from '../router.tsx';
import { ApiClientProvider } from '../use-api.tsx';
import { coaMatrix } from '../../../src/domain/comparison/coa.ts';
import { CompareView, NothingChosen } from './compare-page.tsx';
import { BACKSTOP, BASELINE, GERMANY, compareEnvelope, fakeApi } from './compare-test-fixtures.ts';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

type Role = UserView['role'];

function view(
  options: {
    role?: Role;
    partial?: boolean;
    drivers?: DriversTarget;
    criteria?: CoaCriterion[];
  } = {},
): string {
  const { client } = fakeApi(() => ({ status: 200, body: { items: [] } }));
  return renderToStaticMarkup(
    <ApiClientProvider client={client}>
      <StaticRouterProvider path={`/scenarios/${BASELINE.id}/compare`}>
        <CompareView
          envelope={compareEnvelope({ partial: options.partial ?? false })}
          user={{ role: options.role ?? 'planner', nation: options.role === 'liaison' ? 'EST' : null }}
          baselineVersion={3}
          initialDrivers={options.drivers}
          initialCriteria={options.criteria}
        />
      </StaticRouterProvider>
    </ApiClientProvider>,
  );
}

/** The HTML of the row whose header starts with `label`. */
function row(html: string, label: string): string {
  const at = html.indexOf(`<summary>${label}</summary>`);
  expect(at, label).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf('<tr', at), html.indexOf('</tr>', at));
}

/** The button whose accessible name is `name` (its aria-label, or its text), or undefined. */
function button(html: string, name: string): string | undefined {
  return [...html.matchAll(/<button[^>]*>.*?<\/button>/g)]
    .map((m) => m[0])
    .find((b) => b.includes(`aria-label="${name}"`) || (!b.includes('aria-label=') && text(b) === name));
}

describe('CompareView: the figures', () => {
  const html = view();

  it('gives each figure its value in every scenario and each variant’s change with its verdict in words', () => {
    expect(text(row(html, 'Matched on time'))).toBe(
      "Matched on time Personnel of counting offers matched to requirement lines and ready by the line's RDD. 9,680 18,940 +9,260 (better) Drivers 12,000 +2,320 (better) Drivers",
    );
    expect(text(row(html, 'Chance of meeting the target'))).toContain(
      '20% 55% +35 pp (better) Drivers 30% +10 pp (better)',
    );
    expect(text(row(html, 'Funding committed'))).toContain('€1.91 bn €2.01 bn +€100 m (better)');
    expect(text(row(html, 'Closure at 90 %'))).toContain(
      'C+45 C+60 +15 days (worse) Drivers C+30 −15 days (better)',
    );
    expect(text(row(html, 'Force target'))).toContain('100,000 100,000 0 (input)');
  });

  it('writes a closure never reached as “never”, and explains it', () => {
    const closure = row(html, 'Closure at 100 %');
    expect(text(closure)).toContain(
      'never C+120 reached here, never in the baseline (better) Drivers never no change (same)',
    );
    expect(closure).toContain(
      'title="Never: that share of the force is not at its destinations within the plan’s horizon."',
    );
  });

  it('groups the figures as the catalogue does, under row-group headers', () => {
    const groups = [...html.matchAll(/<th scope="rowgroup" colSpan="\d+">([^<]+)<\/th>/g)].map((m) => m[1]);
    expect(groups).toEqual([
      'Force generation',
      'Sustainment',
      'Without the US',
      'Monte Carlo',
      'Funding',
      'Deployment',
      'Risk',
    ]);
  });

  it('has a Drivers button for every change, named for the figure and the variant, and none where nothing changed', () => {
    expect(button(html, 'Drivers of Matched late in US backstop')).toContain('aria-expanded="false"');
    expect(button(html, 'Drivers of Matched on time in Germany joins')).toBeDefined();
    expect(button(html, 'Drivers of Matched late in Germany joins')).toBeUndefined();
    expect(button(html, 'Drivers of Offered in US backstop')).toBeUndefined();
  });

  it('lists the compared scenarios with their what-ifs, and each scenario’s notes', () => {
    const t = text(html);
    expect(t).toContain(
      'US backstop us-backstop — a variant of the baseline as of its version 1 (the baseline is now at version 3: changes since are not in this variant): The US gives a backstop.',
    );
    expect(t).toContain('Note: Offers conditional on a US backstop count in this variant.');
  });

  it('says when the figures cover only what is releasable to the viewer', () => {
    expect(text(view({ partial: true }))).toContain('Figures count only the records releasable to you.');
    expect(text(html)).not.toContain('releasable to you');
  });

  it('formats each unit', () => {
    expect(formatValue('personnel', 45_540)).toBe('45,540');
    expect(formatValue('C-day', null)).toBe('never');
    expect(formatValue('lines', null)).toBe('—');
    expect(formatDelta('probability', -0.004)).toBe('−0.4 pp');
    expect(formatDelta('EUR', -2_500_000)).toBe('−€2.5 m');
    expect(formatDelta('C-day', 1)).toBe('+1 day');
    const figures = compareEnvelope().result.figures;
    expect(
      changeText(
        figures.find((f) => f.key === 'offered')!,
        1,
      ),
    ).toBe('0 (same)');
  });
});

describe('CompareView: the drivers of a change', () => {
  const html = view({ drivers: { figure: 'matchedLate', scenario: 1 } });
  const panel = html.slice(html.indexOf('class="compare-drivers"'), html.indexOf('Closure curves'));

  it('opens under the heading its button names, the button marked expanded', () => {
    expect(button(html, 'Drivers of Matched late in US backstop')).toContain('aria-expanded="true"');
    expect(text(panel)).toContain(
      'Drivers of Matched late in US backstop Close drivers Matched late: 36,280 in Article, March 2025, 45,540 in US backstop; change +9,260 (better).',
    );
  });

  it('lists the records that moved per breakdown, from baseline to variant, biggest first', () => {
    const t = text(panel);
    expect(t).toContain(
      'Requirement lines Requirement line Article, March 2025 US backstop Change R-L-01 30,000 36,000 +6,000 R-L-02 6,280 9,540 +3,260 The entries add up to the change of +9,260.',
    );
    expect(t).toContain(
      'Nations Nation Article, March 2025 US backstop Change USA United States not there 9,260 +9,260',
    );
    expect(t).toContain('OFF-USA-01 not there 3,000 +3,000 OFF-USA-02 not there 2,000 +2,000');
  });

  it('links each record to its page in the variant, where it is (a ULN of the plan has none)', () => {
    expect(panel).toMatch(
      /<a[^>]*href="\/scenarios\/[^"]+\/records\/offers\/OFF-USA-01"[^>]*>OFF-USA-01<\/a>/,
    );
    expect(panel).toMatch(/<a[^>]*href="\/scenarios\/[^"]+\/records\/nations\/USA"[^>]*>USA<\/a>/);
  });

  it('sums up the records not shown, and says the entries and the rest add up to the change', () => {
    const t = text(panel);
    expect(t).not.toContain('OFF-USA-09');
    expect(t).toContain(
      'The rest: 2 more records not shown +160 The entries and the rest add up to the change of +9,260.',
    );
  });

  it('says a breakdown that is not the figure’s sum is what moved it, not its parts', () => {
    const closure = view({ drivers: { figure: 'closureDay90', scenario: 1 } });
    const t = text(
      closure.slice(closure.indexOf('class="compare-drivers"'), closure.indexOf('Closure curves')),
    );
    expect(t).toContain(
      'ULNs (what moved it) ULN Article, March 2025 US backstop Change ULN-1 (France) C+45 C+60 +15 days',
    );
    expect(t).toContain(
      'These are what moved the figure, not its parts: they do not add up to its change. One that is “not there” on a side counts there as closure at 90 % itself: its change is how far it lands from that day.',
    );
  });
});

describe('CompareView: charts and inputs', () => {
  const html = view();

  it('overlays the scenarios’ closure curves and distributions, each with a text alternative', () => {
    expect(html).toContain(
      'aria-label="Line chart: personnel at their destinations by C-day. Article, March 2025: 45,000 in place, 90% by C+45; US backstop: 45,000 in place, 90% by C+60; Germany joins: 45,000 in place, 90% by C+30."',
    );
    expect(text(html)).toContain(
      'Monte Carlo figures by scenario Scenario Draws P10 P50 P90 Chance of meeting the target Article, March 2025 1,000 30,000 40,000 45,000 20% US backstop 1,000 30,000 40,000 45,000 55%',
    );
    expect(
      closureTableDays([
        [1, 2, 3],
        [1, 2, 3, 4, 5, 6, 7, 8, 9, 10],
      ]),
    ).toEqual([0, 7, 9]);
    const option = distributionsOption(
      ['a'],
      [{ draws: 10, binWidth: 10, bins: [{ from: 0, to: 10, count: 10, share: 1 }] }],
    );
    expect((option.series as { data: unknown }[])[0]!.data).toEqual([[5, 1]]);
  });

  it('says what each variant changes: records added and changed, field by field', () => {
    const t = text(html);
    expect(t).toContain('US backstop : Offers: 1 added, 1 changed');
    expect(t).toContain('Added OFF-USA-01 {"id":"OFF-USA-01","nation":"USA","personnel":3000}');
    expect(t).toContain('Offer OFF-DEU-01 changed Field Before After caveats.requiresUsBackstop true false');
    expect(t).toContain('Germany joins : 1 header field; Stance entries: 1 changed');
    expect(
      diffSummary({
        header: [],
        records: {},
        summary: { counts: { offers: { added: 12, removed: 0, changed: 19 } }, identical: false },
      }),
    ).toBe('Offers: 12 added, 19 changed');
  });

  it('says when a variant’s inputs are the baseline’s', () => {
    expect(
      diffSummary({
        header: [],
        records: {},
        summary: { counts: {}, identical: true },
      }),
    ).toBe('identical to the baseline');
  });
});

describe('CompareView: the COA matrix', () => {
  const scenarios = compareEnvelope().result.scenarios;
  const names = scenarios.map((s) => s.name);
  const figures = compareEnvelope().result.figures;
  const criteria: CoaCriterion[] = [
    { figure: 'matchedOnTime', weight: 1, benchmark: null },
    { figure: 'closureDay90', weight: 3, benchmark: null },
  ];

  it('starts from the API’s criteria and names the preferred course of action', () => {
    const t = text(view());
    expect(t).toContain('Preferred course of action: US backstop (weighted total 18, the lowest).');
    expect(t).toContain('Weighted total (Σ weight × rank) 29 18 21 Place 3rd 1st (preferred) 2nd');
    expect(t).toContain(
      'Closure at 90 % lower is better 2 C+45 C+45 rank 2 C+60 rank 3 fails benchmark C+30 rank 1',
    );
  });

  it('labels every weight by its figure', () => {
    const html = view();
    expect(html).toContain('aria-label="Weight of Matched on time" value="3"');
    expect(html).toContain('aria-label="Benchmark of Closure at 90 %"');
    expect(button(html, 'Add criterion')).toBeDefined();
    expect(button(html, 'Reset to defaults')).toBeDefined();
  });

  it('moves the preferred course of action when a weight is set to 0', () => {
    const before = checkDrafts(draftsOf(criteria));
    expect(before.ok && preferredSentence(coaMatrix(figures, before.criteria), names)).toBe(
      'Preferred course of action: Germany joins (weighted total 5, the lowest).',
    );
    const edited = criteriaReducer(draftsOf(criteria), { type: 'weight', index: 1, weight: '0' });
    const after = checkDrafts(edited);
    expect(after.ok).toBe(true);
    if (!after.ok) return;
    expect(after.criteria[1]).toEqual({ figure: 'closureDay90', weight: 0, benchmark: null });
    expect(text(view({ criteria: after.criteria }))).toContain(
      'Preferred course of action: US backstop (weighted total 1, the lowest).',
    );
  });

  function panel(drafts: CriterionDraft[], shown: CoaCriterion[]): string {
    return renderToStaticMarkup(
      <CoaPanel
        figures={figures}
        scenarios={scenarios}
        drafts={drafts}
        check={checkDrafts(drafts)}
        criteria={shown}
        onAction={() => undefined}
        defaults={criteria}
      />,
    );
  }

  it('shows an invalid weight’s problem at its field, and keeps the last valid matrix', () => {
    const drafts = criteriaReducer(draftsOf(criteria), { type: 'weight', index: 0, weight: '11' });
    const html = panel(drafts, criteria);
    const input = /<input[^>]*aria-label="Weight of Matched on time"[^>]*>/.exec(html)?.[0] ?? '';
    expect(input).toContain('aria-invalid="true"');
    const errorId = /aria-describedby="([^"]+)"/.exec(input)?.[1];
    expect(html).toContain(
      `<p class="field-error" id="${errorId}" role="alert">Weight must be at most 10.</p>`,
    );
    expect(text(html)).toContain(
      'Preferred course of action: Germany joins (weighted total 5, the lowest). The matrix shows the last valid criteria until the ones above are corrected.',
    );
  });

  it('refuses what the API refuses: text for a weight, a figure twice, every weight 0', () => {
    const check = (drafts: CriterionDraft[]) => checkDrafts(drafts);
    const text1 = check([{ figure: 'matchedOnTime', weight: 'a lot', benchmark: '' }]);
    expect(!text1.ok && text1.issues.rows[0]).toEqual({ weight: 'must be a number from 0 to 10' });
    const twice = check([
      { figure: 'matchedOnTime', weight: '1', benchmark: '' },
      { figure: 'matchedOnTime', weight: '2', benchmark: '' },
    ]);
    expect(!twice.ok && twice.issues.rows[1]).toEqual({ figure: '"matchedOnTime" is already a criterion' });
    const zero = check([{ figure: 'matchedOnTime', weight: '0', benchmark: '' }]);
    expect(!zero.ok && zero.issues.general).toEqual(['must give at least one criterion a weight above 0']);
    const benchmark = check([{ figure: 'matchedOnTime', weight: '1', benchmark: '100,000' }]);
    expect(benchmark.ok && benchmark.criteria).toEqual([
      { figure: 'matchedOnTime', weight: 1, benchmark: 100_000 },
    ]);
  });

  it('adds the next figure not yet a criterion, clears a benchmark when the figure changes, resets', () => {
    const added = criteriaReducer(draftsOf(criteria), { type: 'add', available: figures.map((f) => f.key) });
    expect(added[2]).toEqual({ figure: 'offered', weight: '1', benchmark: '' });
    const changed = criteriaReducer(draftsOf([{ figure: 'matchedOnTime', weight: 1, benchmark: 5 }]), {
      type: 'figure',
      index: 0,
      figure: 'lateUlns',
    });
    expect(changed).toEqual([{ figure: 'lateUlns', weight: '1', benchmark: '' }]);
    expect(criteriaReducer(added, { type: 'reset', criteria })).toEqual(draftsOf(criteria));
  });
});

describe('CompareView: the decision', () => {
  it('is not shown to a liaison officer or an observer', () => {
    for (const role of ['liaison', 'observer'] as const) {
      const html = view({ role });
      expect(button(html, 'Record decision')).toBeUndefined();
      expect(text(html)).not.toContain('Decision records');
      expect(html).not.toContain('Rationale');
    }
  });

  it('offers planners a choice of every compared scenario, a rationale and “Record decision”', () => {
    const html = view({ role: 'planner' });
    const radios = [
      ...html.matchAll(
        /<input type="radio"[^>]*value="([^"]+)"\/><span><span class="visually-hidden">Choose <\/span>([^<]+)<\/span>/g,
      ),
    ];
    expect(radios.map((m) => [m[1], m[2]])).toEqual([
      [BASELINE.id, BASELINE.name],
      [BACKSTOP.id, BACKSTOP.name],
      [GERMANY.id, GERMANY.name],
    ]);
    expect(html).toMatch(/<label for="([^"]+)">Rationale<\/label>.*<textarea id="\1"/);
    expect(button(html, 'Record decision')).toContain('type="submit"');
    expect(text(html)).toContain('Decision records Loading the decision records…');
  });
});

describe('NothingChosen', () => {
  const render = (canBranch: boolean) =>
    renderToStaticMarkup(
      <StaticRouterProvider path="/scenarios/s1/compare">
        <NothingChosen scenarioId="s1" canBranch={canBranch} />
      </StaticRouterProvider>,
    );

  it('says what to do, and offers planners to branch a variant', () => {
    expect(text(render(true))).toContain('Choose one or more scenarios above and press Compare');
    expect(render(true)).toContain('<a href="/scenarios/s1/edit/branch">Branch a variant</a>');
    expect(render(false)).not.toContain('/edit/branch');
  });
});
