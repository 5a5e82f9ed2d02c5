// The Funding & burden sharing section of a scenario: every funding pledge converted to euros at the
// rate of its own date (the rate and its period shown beside it), the coalition's money by stage
// (committed ⊇ allocated ⊇ delivered, as in the Kiel tracker), and each nation's effort against its
// means (share of GDP, per capita, personnel per 100,000 inhabitants) with rankings. Every figure is
// the API's burden analysis (GET /api/scenarios/:id/analysis/burden) as it stands; pledges the rate
// table cannot convert are listed with the reason, never silently dropped. Pledges are added and
// changed from here by those allowed to.
import { useId, useMemo, type ReactNode } from 'react';
import {
  BURDEN_MEASURES,
  type BurdenMeasure,
  type BurdenReport,
  type NationBurden,
} from '../../../src/domain/analysis/burden.ts';
import { PLEDGE_STAGES, type PledgeStage } from '../../../src/domain/scenario-schema.ts';
import type { AnalysisEnvelope, StoredRecord, UserView } from '../api-client.ts';
import { Chart, type ChartOption } from '../components/chart.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { countOf, formatDate, formatNumber } from '../format.ts';
import { Link } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { useApi } from '../use-api.tsx';
import { canCreateAny, canEditRecord, editRecordPath, newRecordPath } from './edit-paths.ts';
import { SavedNotice } from './edit-saved-notice.tsx';
import {
  describeRate,
  formatEur,
  formatMoney,
  formatMoneyCompact,
  formatPer100k,
  formatPerCapita,
  formatShare,
} from './funding-format.ts';
import { describeWithheld } from './scenario-overview-page.tsx';
import { useScenario } from './scenario-layout.tsx';

export const FUNDING_SLUG = 'funding';

export interface FundingData {
  burden: AnalysisEnvelope<'burden'>;
  /** The stored pledges: purpose, version and marking, which the analysis does not carry. */
  pledges: StoredRecord<'pledges'>[];
}

export function FundingPage() {
  const scenario = useScenario();
  const user = useCurrentUser();
  const result = useApi(
    async (client, signal): Promise<FundingData> => {
      const [burden, pledges] = await Promise.all([
        client.getAnalysis(scenario.id, 'burden', {}, { signal }),
        client.listRecords(scenario.id, 'pledges', { signal }),
      ]);
      return { burden, pledges };
    },
    [scenario.id, scenario.version],
  );
  if (result.status === 'loading')
    return <LoadingMessage>Loading funding and burden sharing…</LoadingMessage>;
  if (result.status === 'error') {
    return (
      <ErrorMessage
        title="Funding and burden sharing could not be loaded."
        error={result.error}
        onRetry={result.reload}
      />
    );
  }
  return (
    <>
      <SavedNotice />
      <FundingView scenarioId={scenario.id} data={result.data} user={user} />
    </>
  );
}

export const STAGE_LABELS: Readonly<Record<PledgeStage, string>> = {
  committed: 'Committed',
  allocated: 'Allocated',
  delivered: 'Delivered',
};

/** Blues from light (promised only) to dark (handed over); text on the chart is never in them. */
export const STAGE_COLOURS: Readonly<Record<PledgeStage, string>> = {
  committed: '#8fb3de',
  allocated: '#2f74c0',
  delivered: '#0b3d77',
};

const MEASURE_LABELS: Readonly<Record<BurdenMeasure, string>> = {
  eur: 'EUR pledged',
  shareOfGdp: 'Share of GDP',
  eurPerCapita: 'EUR per capita',
  personnel: 'Personnel',
  personnelPer100k: 'Personnel per 100,000 inhabitants',
};

function formatMeasure(measure: BurdenMeasure, value: number): string {
  switch (measure) {
    case 'eur':
      return formatEur(value);
    case 'shareOfGdp':
      return formatShare(value);
    case 'eurPerCapita':
      return formatPerCapita(value);
    case 'personnel':
      return formatNumber(value);
    case 'personnelPer100k':
      return formatPer100k(value);
  }
}

interface FundingViewProps {
  scenarioId: string;
  data: FundingData;
  user: Pick<UserView, 'role' | 'nation'>;
}

export function FundingView({ scenarioId, data, user }: FundingViewProps) {
  const { burden } = data;
  const report = burden.result;
  const back = `/scenarios/${encodeURIComponent(scenarioId)}/${FUNDING_SLUG}`;
  const stagesHeading = useId();
  const pledgesHeading = useId();
  const nationsHeading = useId();
  const rankingsHeading = useId();
  const names = new Map(report.nations.map((n) => [n.nation as string, n.name]));
  const nameOf = (id: string) => names.get(id) ?? id;
  const stored = new Map(data.pledges.map((p) => [p.id as string, p]));

  return (
    <>
      {burden.partial && (
        <p className="notice notice-partial" role="note">
          {describeWithheld(burden.withheld)}
        </p>
      )}
      <section className="panel" aria-labelledby={stagesHeading}>
        <h2 id={stagesHeading}>Money by stage</h2>
        <p className="panel-note">
          {report.stageDefinition} Pledges are converted to euros at the rate of their own date. As of{' '}
          <time dateTime={burden.asOf}>{formatDate(burden.asOf)}</time>.
        </p>
        <div className="figures">
          {PLEDGE_STAGES.map((stage) => (
            <MoneyFigure key={stage} label={STAGE_LABELS[stage]} eur={report.coalition.eur[stage]}>
              {stage === 'committed'
                ? `${countOf(report.coalition.pledges - report.coalition.unconvertiblePledges, 'pledge')} converted`
                : `${formatShare(ratio(report.coalition.eur[stage], report.coalition.eur.committed))} of committed`}
            </MoneyFigure>
          ))}
        </div>
        <StageCharts report={report} />
      </section>

      <section className="panel" aria-labelledby={pledgesHeading}>
        <div className="panel-head">
          <h2 id={pledgesHeading}>
            Funding pledges <span className="heading-count">{report.coalition.pledges}</span>
          </h2>
          {canCreateAny(user, 'pledges') && (
            <Link
              className="button"
              to={newRecordPath(scenarioId, 'pledges', {
                nation: user.role === 'liaison' ? (user.nation ?? undefined) : undefined,
                back,
              })}
            >
              Add a pledge
            </Link>
          )}
        </div>
        <DataTable
          caption="Funding pledges"
          captionHidden
          rows={report.pledges}
          rowKey={(p) => p.id}
          initialSort={{ column: 'eur', direction: 'descending' }}
          emptyMessage="No pledge could be converted to euros."
          columns={pledgeColumns(scenarioId, user, back, nameOf, (id) => stored.get(id)?.purpose)}
        />
        {report.unconvertible.length > 0 && (
          <div className="unconvertible" role="note" aria-label="Pledges not converted">
            <h3>
              Not converted <span className="heading-count">{report.unconvertible.length}</span>
            </h3>
            <p className="panel-note">
              These pledges are not in any total: the rate table has no rate for their currency and date.
            </p>
            <ul>
              {report.unconvertible.map((p) => (
                <li key={p.id}>
                  <strong>{p.id}</strong> ({nameOf(p.nation)}, {formatMoney(p.amount, p.currency)},{' '}
                  <time dateTime={p.date}>{formatDate(p.date)}</time>): {p.reason}
                  {canEditRecord(user, 'pledges', p.nation) && (
                    <>
                      {' '}
                      <Link
                        to={editRecordPath(scenarioId, 'pledges', p.id, { back })}
                        aria-label={`Edit pledge ${p.id}`}
                      >
                        Edit
                      </Link>
                    </>
                  )}
                </li>
              ))}
            </ul>
          </div>
        )}
      </section>

      <section className="panel" aria-labelledby={nationsHeading}>
        <h2 id={nationsHeading}>Burden by nation</h2>
        <p className="panel-note">
          Money pledged against each nation’s means; personnel are those{' '}
          {burden.parameters.basis === 'matched' ? 'matched to requirement lines' : 'offered (not withdrawn)'}
          . Click a column heading to rank by it.
        </p>
        <DataTable
          caption="Burden by nation"
          captionHidden
          rows={report.nations}
          rowKey={(n) => n.nation}
          initialSort={{ column: 'eur', direction: 'descending' }}
          emptyMessage="No nation has pledged money or offered personnel."
          columns={NATION_COLUMNS}
        />
        <CoalitionTotals report={report} nameOf={nameOf} />
      </section>

      <section className="panel" aria-labelledby={rankingsHeading}>
        <h2 id={rankingsHeading}>Rankings</h2>
        <div className="rankings">
          {BURDEN_MEASURES.map((measure) => (
            <Ranking key={measure} measure={measure} report={report} nameOf={nameOf} />
          ))}
        </div>
      </section>
    </>
  );
}

function ratio(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

function MoneyFigure({ label, eur, children }: { label: string; eur: number; children: ReactNode }) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} className="figure">
      <p className="figure-label" id={id}>
        {label}
      </p>
      <p className="figure-value">{formatMoneyCompact(eur, 'EUR')}</p>
      <p className="figure-note">
        {formatEur(eur) !== formatMoneyCompact(eur, 'EUR') && (
          <span className="figure-line figure-exact">{formatEur(eur)}</span>
        )}
        <span className="figure-line">{children}</span>
      </p>
    </div>
  );
}

/** The coalition's EUR by stage, and each nation's money split by how far it has got. */
function StageCharts({ report }: { report: BurdenReport }) {
  const payers = useMemo(
    () => report.nations.filter((n) => n.eur.committed > 0).sort((a, b) => b.eur.committed - a.eur.committed),
    [report],
  );
  const totals = useMemo(() => stageTotalsOption(report), [report]);
  const byNation = useMemo(() => nationPipelineOption(payers), [payers]);
  const money = (v: number) => formatMoneyCompact(v, 'EUR');
  return (
    <div className="funding-charts">
      <Chart
        option={totals}
        height={170}
        ariaLabel={`Coalition funding by stage: ${PLEDGE_STAGES.map((s) => `${STAGE_LABELS[s]} ${money(report.coalition.eur[s])}`).join(', ')}`}
      />
      {payers.length > 0 && (
        <Chart
          option={byNation}
          height={Math.max(140, 56 + payers.length * 30)}
          ariaLabel={`EUR by nation and stage: ${payers
            .map((n) => `${n.name} ${money(n.eur.committed)} committed, ${money(n.eur.delivered)} delivered`)
            .join('; ')}`}
        />
      )}
    </div>
  );
}

const AXIS_TEXT = '#4f5b67';

function stageTotalsOption(report: BurdenReport): ChartOption {
  return {
    // Room on the right for the value printed after the longest bar.
    grid: { left: 8, right: 64, top: 8, bottom: 8, containLabel: true },
    xAxis: {
      type: 'value',
      splitNumber: 3,
      axisLabel: {
        color: AXIS_TEXT,
        hideOverlap: true,
        formatter: (v: number) => formatMoneyCompact(v, 'EUR'),
      },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: PLEDGE_STAGES.map((s) => STAGE_LABELS[s]),
      axisLabel: { color: '#17202a', fontWeight: 600 },
    },
    tooltip: { trigger: 'axis', valueFormatter: (v: unknown) => formatEur(Number(v)) },
    series: [
      {
        type: 'bar',
        name: 'EUR',
        barMaxWidth: 28,
        data: PLEDGE_STAGES.map((s) => ({
          value: report.coalition.eur[s],
          itemStyle: { color: STAGE_COLOURS[s] },
        })),
        label: {
          show: true,
          position: 'right',
          color: '#17202a',
          formatter: (p: { value: number }) => formatMoneyCompact(p.value, 'EUR'),
        },
      },
    ],
  };
}

/** Stacked: delivered, then allocated only, then committed only; the bar's length is the commitment. */
function nationPipelineOption(payers: readonly NationBurden[]): ChartOption {
  const pipeline: readonly [PledgeStage, string][] = [
    ['delivered', 'Delivered'],
    ['allocated', 'Allocated, not yet delivered'],
    ['committed', 'Committed, not yet allocated'],
  ];
  return {
    grid: { left: 8, right: 24, top: 36, bottom: 8, containLabel: true },
    legend: { top: 0, left: 0, textStyle: { color: '#17202a' } },
    xAxis: {
      type: 'value',
      splitNumber: 3,
      axisLabel: {
        color: AXIS_TEXT,
        hideOverlap: true,
        formatter: (v: number) => formatMoneyCompact(v, 'EUR'),
      },
    },
    yAxis: {
      type: 'category',
      inverse: true,
      data: payers.map((n) => n.name),
      axisLabel: { color: '#17202a' },
    },
    tooltip: {
      trigger: 'axis',
      axisPointer: { type: 'shadow' },
      valueFormatter: (v: unknown) => formatEur(Number(v)),
    },
    series: pipeline.map(([stage, name]) => ({
      type: 'bar',
      name,
      stack: 'eur',
      barMaxWidth: 22,
      itemStyle: { color: STAGE_COLOURS[stage] },
      data: payers.map((n) => n.atStage[stage]),
    })),
  };
}

function pledgeColumns(
  scenarioId: string,
  user: Pick<UserView, 'role' | 'nation'>,
  back: string,
  nameOf: (id: string) => string,
  purposeOf: (id: string) => string | undefined,
): Column<BurdenReport['pledges'][number]>[] {
  return [
    {
      id: 'id',
      header: 'Pledge',
      rowHeader: true,
      cell: (p) => (
        <>
          <span className="mono">{p.id}</span>
          {purposeOf(p.id) && <span className="cell-note block">{purposeOf(p.id)}</span>}
        </>
      ),
      sortValue: (p) => p.id,
    },
    { id: 'nation', header: 'Nation', cell: (p) => nameOf(p.nation), sortValue: (p) => nameOf(p.nation) },
    {
      id: 'date',
      header: 'Date',
      className: 'nowrap',
      cell: (p) => <time dateTime={p.date}>{formatDate(p.date)}</time>,
      sortValue: (p) => p.date,
      firstDirection: 'descending',
    },
    {
      id: 'stage',
      header: 'Stage',
      cell: (p) => <span className={`stage-badge stage-${p.stage}`}>{STAGE_LABELS[p.stage]}</span>,
      sortValue: (p) => PLEDGE_STAGES.indexOf(p.stage),
    },
    {
      id: 'amount',
      header: 'Amount',
      numeric: true,
      cell: (p) => formatMoney(p.amount, p.currency),
      sortValue: (p) => p.amount,
      firstDirection: 'descending',
    },
    {
      id: 'rate',
      header: 'Rate used',
      className: 'rate',
      cell: (p) => describeRate(p.rate, p.currency),
      sortValue: (p) => p.rate.period,
    },
    {
      id: 'eur',
      header: 'EUR',
      numeric: true,
      cell: (p) => formatEur(p.eur),
      sortValue: (p) => p.eur,
      firstDirection: 'descending',
    },
    {
      id: 'edit',
      header: 'Change',
      cell: (p) =>
        canEditRecord(user, 'pledges', p.nation) ? (
          <Link to={editRecordPath(scenarioId, 'pledges', p.id, { back })} aria-label={`Edit pledge ${p.id}`}>
            Edit
          </Link>
        ) : (
          <span className="cell-note">–</span>
        ),
    },
  ];
}

const NATION_COLUMNS: readonly Column<NationBurden>[] = [
  { id: 'name', header: 'Nation', rowHeader: true, cell: (n) => n.name, sortValue: (n) => n.name },
  {
    id: 'eur',
    header: 'Committed',
    numeric: true,
    cell: (n) => (
      <>
        {formatEur(n.eur.committed)}
        {n.shareOfCoalitionEur !== null && n.eur.committed > 0 && (
          <span className="cell-note block">{formatShare(n.shareOfCoalitionEur)} of coalition</span>
        )}
      </>
    ),
    sortValue: (n) => n.eur.committed,
    firstDirection: 'descending',
  },
  {
    id: 'allocated',
    header: 'Allocated',
    numeric: true,
    cell: (n) => formatEur(n.eur.allocated),
    sortValue: (n) => n.eur.allocated,
    firstDirection: 'descending',
  },
  {
    id: 'delivered',
    header: 'Delivered',
    numeric: true,
    cell: (n) => formatEur(n.eur.delivered),
    sortValue: (n) => n.eur.delivered,
    firstDirection: 'descending',
  },
  {
    id: 'shareOfGdp',
    header: 'Share of GDP',
    numeric: true,
    cell: (n) => (n.gdp.ok ? formatShare(n.shareOfGdp) : <span title={n.gdp.reason}>GDP unknown</span>),
    sortValue: (n) => n.shareOfGdp,
    firstDirection: 'descending',
  },
  {
    id: 'eurPerCapita',
    header: 'EUR per capita',
    numeric: true,
    cell: (n) => formatPerCapita(n.eurPerCapita),
    sortValue: (n) => n.eurPerCapita,
    firstDirection: 'descending',
  },
  {
    id: 'personnel',
    header: 'Personnel',
    numeric: true,
    cell: (n) => formatNumber(n.personnel),
    sortValue: (n) => n.personnel,
    firstDirection: 'descending',
  },
  {
    id: 'personnelPer100k',
    header: 'Personnel per 100k',
    numeric: true,
    cell: (n) => formatPer100k(n.personnelPer100k),
    sortValue: (n) => n.personnelPer100k,
    firstDirection: 'descending',
  },
];

function CoalitionTotals({ report, nameOf }: { report: BurdenReport; nameOf: (id: string) => string }) {
  const c = report.coalition;
  return (
    <dl className="coalition-totals" aria-label="Coalition totals">
      <div>
        <dt>Coalition, committed</dt>
        <dd>{formatEur(c.eur.committed)}</dd>
      </div>
      <div>
        <dt>Share of GDP</dt>
        <dd>{formatShare(c.shareOfGdp)}</dd>
      </div>
      <div>
        <dt>EUR per capita</dt>
        <dd>{formatPerCapita(c.eurPerCapita)}</dd>
      </div>
      <div>
        <dt>Personnel</dt>
        <dd>{formatNumber(c.personnel)}</dd>
      </div>
      <div>
        <dt>Personnel per 100k</dt>
        <dd>{formatPer100k(c.personnelPer100k)}</dd>
      </div>
      {c.gdpUnknown.length > 0 && (
        <div>
          <dt>GDP unknown</dt>
          <dd>{c.gdpUnknown.map(nameOf).join(', ')}</dd>
        </div>
      )}
    </dl>
  );
}

function Ranking({
  measure,
  report,
  nameOf,
}: {
  measure: BurdenMeasure;
  report: BurdenReport;
  nameOf: (id: string) => string;
}) {
  const heading = useId();
  // Nations with nothing to rank on this measure (no money pledged) are counted, not listed.
  const entries = report.rankings[measure].filter((e) => e.value > 0);
  const none = report.rankings[measure].length - entries.length;
  return (
    <section className="ranking" aria-labelledby={heading}>
      <h3 id={heading}>{MEASURE_LABELS[measure]}</h3>
      {entries.length === 0 ? (
        <p className="panel-note">No nation to rank.</p>
      ) : (
        <ol>
          {entries.map((e) => (
            <li key={e.nation}>
              <span className="ranking-name">{nameOf(e.nation)}</span>
              <span className="ranking-value">{formatMeasure(measure, e.value)}</span>
            </li>
          ))}
        </ol>
      )}
      {none > 0 && entries.length > 0 && (
        <p className="panel-note">{countOf(none, 'other nation', 'other nations')}: none.</p>
      )}
    </section>
  );
}
