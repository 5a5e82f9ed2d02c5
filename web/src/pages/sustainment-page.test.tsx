// The sustainment page rendered to static HTML from a small fixture: France states a policy, Germany
// falls back to the rule of thirds; one line is sustainable, one pool-short, one has no contributors;
// without the US one line is emptied.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AppliedRotationPolicy, SustainmentReport } from '../../../src/domain/analysis/sustainment.ts';
import type { UsDependencyReport } from '../../../src/domain/analysis/us-dependency-report.ts';
import { ApiClient } from '../api-client.ts';
import { formatEndurance } from '../components/sustainment-tables.tsx';
import { UsDependencyPanel, UsDependencyView } from '../components/us-dependency-panel.tsx';
import { StaticRouterProvider } from '../router.tsx';
import { ApiClientProvider } from '../use-api.tsx';
import { FILL_PARAMETERS, NAMES, envelope } from './analysis-test-fixtures.ts';
import { SustainmentView, readSustainmentOptions } from './sustainment-page.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** The HTML of the table with this caption. */
function table(html: string, caption: string): string {
  const at = html.indexOf(`>${caption}</caption>`);
  expect(at).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf('<table', at), html.indexOf('</table>', at));
}

const FRA_POLICY: AppliedRotationPolicy = { basis: 'scenario', tourMonths: 4 as never, dwellRatio: 2 };
const DEU_POLICY: AppliedRotationPolicy = {
  basis: 'default',
  default: 'rule-of-thirds',
  tourMonths: 6 as never,
  dwellRatio: 2,
  reason: 'No rotation policy for DEU among the records analysed.',
  source: { publication: 'Rule of thirds (military)' } as never,
  assumption: '6-month tours assumed.',
};

function sustainment(): SustainmentReport {
  const row = (horizon: number | 'indefinite', personnel: number, label: string) =>
    ({ horizon, personnel, label }) as never;
  return {
    partial: false,
    defaultPolicy: {
      key: 'rule-of-thirds',
      name: 'Rule of thirds',
      tourMonths: 6 as never,
      dwellRatio: 2,
      source: { publication: 'Rule of thirds (military)' } as never,
      assumption: '',
    },
    nations: [
      {
        nation: 'FRA' as never,
        policy: FRA_POLICY,
        strength: 2600 as never,
        pool: 2600 as never,
        poolBasis: 'strength',
        poolNeeded: 7800 as never,
        poolShortfall: 5200 as never,
        sustainableStrength: 866 as never,
        monthsBeforeFirstRelief: 4 as never,
        contingents: 1,
        reliefRotations: 0,
        monthsAtFullStrength: 4 as never,
        sustainableFor: [],
      },
      {
        nation: 'DEU' as never,
        policy: DEU_POLICY,
        strength: 300 as never,
        pool: 900 as never,
        poolBasis: 'given',
        poolNeeded: 900 as never,
        poolShortfall: 0 as never,
        sustainableStrength: 300 as never,
        monthsBeforeFirstRelief: 6 as never,
        contingents: 3,
        reliefRotations: 2,
        monthsAtFullStrength: 'indefinite',
        sustainableFor: [],
      },
    ],
    coalition: {
      strength: 2900 as never,
      pool: 3500 as never,
      poolNeeded: 8700 as never,
      poolShortfall: 5200 as never,
      sustainableStrength: 1166 as never,
      sustainableFor: [
        row(6, 2900, '2,900 personnel sustainable for 6 months'),
        row(12, 1600, '1,600 personnel sustainable for 12 months'),
        row(24, 1250, '1,250 personnel sustainable for 24 months'),
        row(36, 1166, '1,166 personnel sustainable for 36 months'),
        row('indefinite', 1166, '1,166 personnel sustainable indefinitely'),
      ],
      defaultPolicyNations: ['DEU' as never],
    },
    lines: [
      {
        lineId: 'R-L-01' as never,
        durationMonths: 6 as never,
        verdict: 'sustainable',
        sustainable: true,
        personnel: 300 as never,
        poolNeeded: 300 as never,
        poolAvailable: 900 as never,
        poolShortfall: 0 as never,
        monthsAtFullStrength: 'indefinite',
        contributions: [],
      },
      {
        lineId: 'R-L-02' as never,
        durationMonths: 12 as never,
        verdict: 'pool-short',
        sustainable: false,
        personnel: 2600 as never,
        poolNeeded: 7800 as never,
        poolAvailable: 2600 as never,
        poolShortfall: 5200 as never,
        monthsAtFullStrength: 4 as never,
        contributions: [
          {
            nation: 'FRA' as never,
            personnel: 2600 as never,
            policy: FRA_POLICY,
            rotationsNeeded: 3,
            poolNeeded: 7800 as never,
            poolAvailable: 2600 as never,
            poolShortfall: 5200 as never,
            monthsAtFullStrength: 4 as never,
            sustainable: false,
          },
        ],
      },
      {
        lineId: 'R-AD-01' as never,
        durationMonths: 6 as never,
        verdict: 'no-contributors',
        sustainable: false,
        personnel: 0 as never,
        poolNeeded: 0 as never,
        poolAvailable: 0 as never,
        poolShortfall: 0 as never,
        monthsAtFullStrength: 0 as never,
        contributions: [],
      },
    ],
  };
}

function dependency(): UsDependencyReport {
  const totals = (matched: number) =>
    ({ personnelMatched: matched, lineCounts: { filled: 1, partial: 0, empty: 1 } }) as never;
  return {
    asOf: '2025-03-02' as never,
    absentNations: ['USA' as never],
    withUs: totals(6500),
    withoutUs: totals(2600),
    lines: [
      {
        line: 'R-L-03' as never,
        capability: 'MECH-INF-BN' as never,
        sector: 'Kyiv',
        task: 'reassurance',
        priority: 1,
        requiredQuantity: 6,
        filledWithUs: 6,
        filledWithoutUs: 0,
        lostQuantity: 6,
        lostPersonnel: 3900 as never,
        onlyBackstopOffers: true,
        onlyAbsentNations: false,
        backstopOffers: ['OFF-DEU-01' as never],
        absentNations: [],
      },
    ],
    lacks: {
      lines: ['R-L-03' as never],
      linesEmptied: ['R-L-03' as never],
      quantity: 6,
      personnel: 3900 as never,
      personnelMatched: 3900 as never,
      weightedFill: 24,
      byCapability: [{ capability: 'MECH-INF-BN' as never, quantity: 6, personnel: 3900 as never }],
    },
  };
}

function view(options: { partial?: boolean } = {}) {
  return renderToStaticMarkup(
    <StaticRouterProvider path="/scenarios/s1/sustainment">
      <SustainmentView
        envelope={envelope<'sustainment'>(
          { ...FILL_PARAMETERS, defaultPolicy: 'rule-of-thirds', basis: 'offered' },
          sustainment(),
          options.partial,
        )}
        names={NAMES}
        assumptions={{ usBackstop: false, allowLate: true }}
        onAssumptionsChange={() => undefined}
        options={{ defaultPolicy: 'rule-of-thirds', basis: 'offered' }}
        onOptionsChange={() => undefined}
      />
    </StaticRouterProvider>,
  );
}

function dependencyView(): string {
  const { usBackstop: _u, ...parameters } = FILL_PARAMETERS;
  return renderToStaticMarkup(
    <UsDependencyView envelope={envelope<'dependency'>(parameters, dependency())} names={NAMES} />,
  );
}

describe('SustainmentView', () => {
  const html = view();

  it('gives the personnel sustainable for each horizon and indefinitely', () => {
    expect(text(html)).toContain('Sustainable indefinitely 1,166 personnel');
    const t = text(table(html, 'Personnel sustainable by horizon'));
    expect(t).toContain('For 6 months 2,900 100% 2,900 personnel sustainable for 6 months');
    expect(t).toContain('For 36 months 1,166 40%');
    expect(t).toContain('Indefinitely 1,166 40% 1,166 personnel sustainable indefinitely');
  });

  it('shows each nation’s policy, saying when a default applied and why', () => {
    const t = text(table(html, 'Sustainment by nation'));
    expect(t).toContain(
      'France FRA 2,600 pool 2,600 (the strength) 4-month tours, dwell ratio 2 Scenario’s policy 7,800 5,200 short 866 4 months',
    );
    expect(t).toContain(
      'Germany DEU 300 pool 900 6-month tours, dwell ratio 2 Default applied: Rule of thirds. No rotation policy for DEU among the records analysed. 900 enough 300 Indefinitely',
    );
    expect(text(html)).toContain('Nations on a default policy 1 Germany (DEU)');
  });

  it('gives each line its verdict in words', () => {
    const t = text(table(html, 'Sustainment by requirement line'));
    expect(t).toContain('R-L-01 for 6 months Sustainable 300 300 900 0 Indefinitely None');
    expect(t).toContain(
      'R-L-02 for 12 months Pool short 2,600 7,800 2,600 5,200 4 months France (FRA): 2,600 (5,200 short)',
    );
    expect(t).toContain('R-AD-01 for 6 months No contributors 0 0 0 0 0 months None');
    expect(text(html)).toContain('2 lines of 3 not sustainable.');
  });

  it('has the default policy and basis selects, and says when figures are partial', () => {
    expect(html).toMatch(/<option value="rule-of-thirds" selected="">Rule of thirds<\/option>/);
    expect(html).not.toContain('role="note"');
    expect(text(view({ partial: true }))).toContain('Figures count only the records releasable to you.');
  });
});

describe('Without the US', () => {
  it('says what is lost without the US', () => {
    const html = dependencyView();
    const t = text(html);
    expect(t).toContain('6,500 personnel matched with the US, 2,600 without.');
    expect(t).toContain('Personnel lost without the US 3,900 personnel 6 units');
    expect(t).toContain('Lines emptied 1 R-L-03');
    expect(t).toContain('Lines filled only by US-backstop offers 1 R-L-03');
    expect(text(table(html, 'Lines that depend on the US'))).toContain(
      'R-L-03 MECH-INF-BN · Kyiv 1 6 → 0 of 6 3,900 6 units Only offers needing a US backstop Backstop offers: OFF-DEU-01',
    );
    expect(text(table(html, 'Lost without the US, by capability'))).toContain('MECH-INF-BN 6 3,900');
  });

  it('waits for the dependency analysis in its own frame', () => {
    const client = new ApiClient({ fetch: () => new Promise<Response>(() => undefined) });
    const html = renderToStaticMarkup(
      <ApiClientProvider client={client}>
        <UsDependencyPanel scenario={{ id: 's1', version: 1 }} allowLate names={NAMES} />
      </ApiClientProvider>,
    );
    expect(text(html)).toContain('Without the US Running the US dependency analysis…');
  });
});
describe('sustainment helpers', () => {
  it('reads the options from the query, defaults otherwise', () => {
    expect(readSustainmentOptions('?defaultPolicy=uk-harmony&basis=matched')).toEqual({
      defaultPolicy: 'uk-harmony',
      basis: 'matched',
    });
    expect(readSustainmentOptions('?defaultPolicy=x&basis=toString')).toEqual({
      defaultPolicy: 'rule-of-thirds',
      basis: 'offered',
    });
  });

  it('formats endurance', () => {
    expect(formatEndurance('indefinite')).toBe('Indefinitely');
    expect(formatEndurance(1 as never)).toBe('1 month');
  });
});
