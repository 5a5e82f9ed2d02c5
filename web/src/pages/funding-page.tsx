// The Funding & burden sharing section of a scenario: every funding pledge converted to euros at the
// rate of its own date (the rate and its period shown beside it), the coalition's money by stage
// (committed ⊇ allocated ⊇ delivered, as in the Kiel tracker), and each nation's effort against its
// means (share of GDP, per capita, personnel per 100,000 inhabitants) with rankings. Every figure is
// the API's burden analysis (GET /api/scenarios/:id/analysis/burden) as it stands; pledges the rate
// table cannot convert are listed with the reason, never silently dropped. Pledges are added and
// changed from here by those allowed to.
import { useId, type ReactNode } from 'react';
import { BURDEN_MEASURES } from '../../../src/domain/analysis/burden.ts';
import { PLEDGE_STAGES } from '../../../src/domain/scenario-schema.ts';
import type { AnalysisAnswer, StoredRecord, UserView } from '../api-client.ts';
import { PartialNotice } from '../components/analysis-common.tsx';
import { AnswerFrame, useKeptAnswer } from '../components/analysis-shell.tsx';
import { CoalitionTotals, NATION_COLUMNS, Ranking, pledgeColumns } from '../components/burden-tables.tsx';
import { DataTable } from '../components/data-table.tsx';
import { StageCharts } from '../components/funding-charts.tsx';
import { countOf, formatDate } from '../format.ts';
import { Link } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { canCreateAny, canEditRecord, editRecordPath, newRecordPath } from './edit-paths.ts';
import { SavedNotice } from './edit-saved-notice.tsx';
import { STAGE_LABELS, formatEur, formatMoney, formatMoneyCompact, formatShare } from './funding-format.ts';
import { useScenario } from './scenario-layout.tsx';

export const FUNDING_SLUG = 'funding';

export interface FundingData {
  burden: AnalysisAnswer<'burden'>;
  /** The stored pledges: purpose, version and marking, which the analysis does not carry. */
  pledges: StoredRecord<'pledges'>[];
}

export function FundingPage() {
  const scenario = useScenario();
  const user = useCurrentUser();
  const shown = useKeptAnswer(
    async (client, signal): Promise<FundingData> => {
      const [burden, pledges] = await Promise.all([
        client.getAnalysis(scenario.id, 'burden', {}, { signal }),
        client.listRecords(scenario.id, 'pledges', { signal }),
      ]);
      return { burden, pledges };
    },
    [scenario.id, scenario.version],
    scenario.id,
  );
  return (
    <>
      <SavedNotice />
      <AnswerFrame
        shown={shown}
        loading="Loading funding and burden sharing…"
        failed="Funding and burden sharing could not be loaded."
      >
        {(data) => <FundingView scenarioId={scenario.id} data={data} user={user} />}
      </AnswerFrame>
    </>
  );
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
      <PartialNotice partial={burden.partial} />
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
