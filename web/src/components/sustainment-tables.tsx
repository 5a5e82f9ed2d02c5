// The sustainment report's figures and tables: the coalition's strength held for each horizon,
// each nation's rotational pool under its policy (or the default, and why), and each requirement
// line's verdict.
import { useId } from 'react';
import type {
  AppliedRotationPolicy,
  CoalitionHorizonRow,
  DefaultPolicyKey,
  Endurance,
  LineSustainment,
  NationSustainment,
  SustainmentReport,
} from '../../../src/domain/analysis/sustainment.ts';
import { countOf, formatNumber } from '../format.ts';
import { Figure, NationName, nationLabel } from './analysis-common.tsx';
import { DataTable, type Column } from './data-table.tsx';

/** The default rotation policies the API knows (sustainment.ts), by key. */
export const DEFAULT_POLICY_LABELS: Readonly<Record<DefaultPolicyKey, string>> = {
  'rule-of-thirds': 'Rule of thirds',
  'uk-harmony': 'UK harmony guideline',
};

/** `'indefinite'` → "Indefinitely"; `12` → "12 months". */
export function formatEndurance(e: Endurance): string {
  return e === 'indefinite' ? 'Indefinitely' : countOf(e, 'month');
}

function horizonHeader(h: Endurance): string {
  return h === 'indefinite' ? 'Indefinitely' : `For ${countOf(h, 'month')}`;
}

function PolicyCell({ policy }: { policy: AppliedRotationPolicy }) {
  return (
    <>
      {formatNumber(policy.tourMonths)}-month tours, dwell ratio {formatNumber(policy.dwellRatio)}
      {policy.basis === 'scenario' ? (
        <span className="cell-note block">Scenario’s policy</span>
      ) : (
        <span className="cell-note block policy-reason">
          <strong>Default applied: {DEFAULT_POLICY_LABELS[policy.default]}.</strong> {policy.reason}
        </span>
      )}
    </>
  );
}

export function CoalitionPanel({
  report,
  names,
}: {
  report: SustainmentReport;
  names: ReadonlyMap<string, string>;
}) {
  const id = useId();
  const c = report.coalition;
  const indefinite =
    c.sustainableFor.find((r) => r.horizon === 'indefinite')?.personnel ?? c.sustainableStrength;
  const columns: Column<CoalitionHorizonRow>[] = [
    { id: 'horizon', header: 'How long', rowHeader: true, cell: (r) => horizonHeader(r.horizon) },
    {
      id: 'personnel',
      header: 'Personnel sustainable',
      numeric: true,
      cell: (r) => formatNumber(r.personnel),
    },
    {
      id: 'share',
      header: 'Of the strength',
      numeric: true,
      cell: (r) => (c.strength > 0 ? `${Math.round((r.personnel / c.strength) * 100)}%` : '—'),
    },
    { id: 'label', header: 'In words', cell: (r) => r.label },
  ];
  return (
    <>
      <section aria-label="Sustainment figures" className="figures">
        <Figure label="Sustainable indefinitely" value={formatNumber(indefinite)} unit="personnel">
          Held without end by rotating each nation’s pool
        </Figure>
        <Figure label="Coalition strength" value={formatNumber(c.strength)} unit="personnel">
          Pool {formatNumber(c.pool)}
        </Figure>
        <Figure label="Rotational pool needed" value={formatNumber(c.poolNeeded)} unit="personnel">
          {c.poolShortfall > 0 ? `${formatNumber(c.poolShortfall)} short` : 'No nation short'}
        </Figure>
        <Figure
          label="Nations on a default policy"
          value={formatNumber(c.defaultPolicyNations.length)}
          tone={c.defaultPolicyNations.length > 0 ? 'shortfall' : undefined}
        >
          {c.defaultPolicyNations.length > 0
            ? c.defaultPolicyNations.map((n) => nationLabel(names, n)).join(', ')
            : 'Every nation states its own policy'}
        </Figure>
      </section>
      <section className="panel" aria-labelledby={id}>
        <h2 id={id}>Personnel sustainable over time</h2>
        <p className="figure-note">Summed over nations: one nation’s troops do not relieve another’s.</p>
        <DataTable
          caption="Personnel sustainable by horizon"
          captionHidden
          columns={columns}
          rows={c.sustainableFor}
          rowKey={(r) => String(r.horizon)}
        />
      </section>
    </>
  );
}

export function NationsPanel({
  nations,
  names,
}: {
  nations: NationSustainment[];
  names: ReadonlyMap<string, string>;
}) {
  const id = useId();
  const columns: Column<NationSustainment>[] = [
    {
      id: 'nation',
      header: 'Nation',
      rowHeader: true,
      cell: (n) => <NationName names={names} code={n.nation} />,
      sortValue: (n) => names.get(n.nation) ?? n.nation,
    },
    {
      id: 'strength',
      header: 'Strength',
      numeric: true,
      cell: (n) => (
        <>
          {formatNumber(n.strength)}
          <span className="cell-note block">
            pool {formatNumber(n.pool)}
            {n.poolBasis === 'strength' ? ' (the strength)' : ''}
          </span>
        </>
      ),
      sortValue: (n) => n.strength,
      firstDirection: 'descending',
    },
    {
      id: 'policy',
      header: 'Rotation policy',
      cell: (n) => <PolicyCell policy={n.policy} />,
      className: 'policy-cell',
    },
    {
      id: 'needed',
      header: 'Pool needed',
      numeric: true,
      cell: (n) => (
        <>
          {formatNumber(n.poolNeeded)}
          {n.poolShortfall > 0 ? (
            <span className="cell-note block shortfall-text">{formatNumber(n.poolShortfall)} short</span>
          ) : (
            <span className="cell-note block">enough</span>
          )}
        </>
      ),
      sortValue: (n) => n.poolShortfall,
      firstDirection: 'descending',
    },
    {
      id: 'indefinite',
      header: 'Sustainable indefinitely',
      numeric: true,
      cell: (n) => formatNumber(n.sustainableStrength),
      sortValue: (n) => n.sustainableStrength,
      firstDirection: 'descending',
    },
    {
      id: 'months',
      header: 'At full strength',
      numeric: true,
      cell: (n) => formatEndurance(n.monthsAtFullStrength),
      sortValue: (n) => (n.monthsAtFullStrength === 'indefinite' ? Infinity : n.monthsAtFullStrength),
    },
  ];
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>By nation</h2>
      <p className="figure-note">
        Pool needed to hold the strength indefinitely: strength × (1 + dwell ratio). A pool short of it holds
        the full strength for as many tours as it fields contingents.
      </p>
      <DataTable
        caption="Sustainment by nation"
        captionHidden
        columns={columns}
        rows={nations}
        rowKey={(n) => n.nation}
        emptyMessage="No nation puts personnel in this analysis."
      />
    </section>
  );
}

const VERDICT: Record<LineSustainment['verdict'], { label: string; className: string }> = {
  sustainable: { label: 'Sustainable', className: 'line-status line-status-filled' },
  'pool-short': { label: 'Pool short', className: 'line-status line-status-partial' },
  'no-contributors': { label: 'No contributors', className: 'line-status line-status-empty' },
};

export function LinesPanel({
  lines,
  names,
}: {
  lines: LineSustainment[];
  names: ReadonlyMap<string, string>;
}) {
  const id = useId();
  const columns: Column<LineSustainment>[] = [
    {
      id: 'line',
      header: 'Line',
      rowHeader: true,
      cell: (l) => (
        <>
          {l.lineId}
          <span className="cell-note block">for {countOf(l.durationMonths, 'month')}</span>
        </>
      ),
      sortValue: (l) => l.lineId,
    },
    {
      id: 'verdict',
      header: 'Verdict',
      cell: (l) => <span className={VERDICT[l.verdict].className}>{VERDICT[l.verdict].label}</span>,
      sortValue: (l) => l.verdict,
    },
    {
      id: 'personnel',
      header: 'Personnel',
      numeric: true,
      cell: (l) => formatNumber(l.personnel),
      sortValue: (l) => l.personnel,
      firstDirection: 'descending',
    },
    { id: 'needed', header: 'Pool needed', numeric: true, cell: (l) => formatNumber(l.poolNeeded) },
    { id: 'available', header: 'Pool available', numeric: true, cell: (l) => formatNumber(l.poolAvailable) },
    {
      id: 'short',
      header: 'Pool short',
      numeric: true,
      cell: (l) =>
        l.poolShortfall > 0 ? (
          <span className="shortfall-text">{formatNumber(l.poolShortfall)}</span>
        ) : (
          <span className="no">0</span>
        ),
      sortValue: (l) => l.poolShortfall,
      firstDirection: 'descending',
    },
    {
      id: 'months',
      header: 'Held for',
      numeric: true,
      cell: (l) => formatEndurance(l.monthsAtFullStrength),
      sortValue: (l) => (l.monthsAtFullStrength === 'indefinite' ? Infinity : l.monthsAtFullStrength),
    },
    {
      id: 'who',
      header: 'Contributors',
      cell: (l) =>
        l.contributions.length === 0 ? (
          <span className="no">None</span>
        ) : (
          l.contributions.map((c) => (
            <span key={c.nation} className="line-block">
              {nationLabel(names, c.nation)}: {formatNumber(c.personnel)}
              {!c.sustainable && (
                <span className="shortfall-text"> ({formatNumber(c.poolShortfall)} short)</span>
              )}
            </span>
          ))
        ),
    },
  ];
  const short = lines.filter((l) => l.verdict !== 'sustainable').length;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>By requirement line</h2>
      <p className="figure-note">
        Can each line’s contributors hold their personnel for the line’s duration? A nation’s pool is shared
        between its lines in proportion to what it puts on each. {countOf(short, 'line')} of{' '}
        {formatNumber(lines.length)} not sustainable.
      </p>
      <DataTable
        caption="Sustainment by requirement line"
        captionHidden
        columns={columns}
        rows={lines}
        rowKey={(l) => l.lineId}
        emptyMessage="No requirement line in this analysis."
      />
    </section>
  );
}
