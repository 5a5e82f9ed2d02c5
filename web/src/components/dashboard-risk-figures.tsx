// The dashboard's figures from the risk analysis (issue 15): personnel within 50 km of the line of
// contact, the force and who can respond within 48 h at the top rung of the escalation ladder, and
// the risk register's open entries by residual level with the highest named. Each links to the Risk
// page, where the map, the ladder and the register say the rest.
import type { AnalysisDashboard } from '../api-client.ts';
import { formatNumber } from '../format.ts';
import { RISK_SLUG, scenarioPath } from '../paths.ts';
import { Link } from '../router.tsx';
import { Figure } from './analysis-common.tsx';

type Risks = AnalysisDashboard['risks'];

/** ATP 5-19's levels as a staff writes them. */
export const RISK_LEVEL_LABEL: Readonly<Record<Risks['register']['top'][number]['level'], string>> = {
  'extremely-high': 'Extremely high',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};
const LEVEL_ORDER = ['extremely-high', 'high', 'medium', 'low'] as const;

export function DashboardRiskFigures({ risks, scenarioId }: { risks: Risks; scenarioId: string }) {
  const riskPage = scenarioPath(scenarioId, RISK_SLUG);
  const { exposure, escalation, register } = risks;
  const severe = register.openByResidualLevel[0]! + register.openByResidualLevel[1]!;
  return (
    <div className="figures">
      <Figure
        label="Within 50 km of the line"
        value={exposure.within50km === null ? '—' : formatNumber(exposure.within50km)}
        unit={exposure.within50km === null ? undefined : 'personnel'}
        tone={exposure.within50km ? 'shortfall' : undefined}
      >
        {exposure.within50km === null ? (
          <span className="figure-line">No line of contact or no plan</span>
        ) : (
          <span className="figure-line">
            {formatNumber(exposure.ulnsBreachingLimits ?? 0)} ULN(s) nearer than a caveat or red line allows
          </span>
        )}
        <span className="figure-line">
          <Link to={riskPage}>Exposure on the Risk page</Link>
        </span>
      </Figure>
      <Figure
        label="At the top rung of escalation"
        value={escalation.matchedAtTopRung === null ? '—' : formatNumber(escalation.matchedAtTopRung)}
        unit={escalation.matchedAtTopRung === null ? undefined : 'matched'}
      >
        {escalation.topRung === null ? (
          <span className="figure-line">No escalation ladder</span>
        ) : (
          <span className="figure-line">
            Every red line in effect at {escalation.topRung}, every nation delivering
          </span>
        )}
        {escalation.respond48h !== null && escalation.sector !== null && (
          <span className="figure-line">
            <strong>{formatNumber(escalation.respond48h)}</strong> able to reach {escalation.sector} within 48
            h
          </span>
        )}
      </Figure>
      <Figure
        label="Open risks"
        value={formatNumber(register.open)}
        unit={register.open === 1 ? 'entry' : 'entries'}
        tone={severe > 0 ? 'shortfall' : undefined}
      >
        <span className="figure-line">
          Residual:{' '}
          {LEVEL_ORDER.map(
            (l, i) =>
              `${formatNumber(register.openByResidualLevel[i] ?? 0)} ${RISK_LEVEL_LABEL[l].toLowerCase()}`,
          ).join(', ')}
          {register.reviewsOverdue > 0 && ` · ${formatNumber(register.reviewsOverdue)} review(s) overdue`}
        </span>
        {register.top.map((e) => (
          <span className="figure-line" key={e.id}>
            {e.id} {e.title}: {RISK_LEVEL_LABEL[e.residualLevel].toLowerCase()} ({e.owner})
          </span>
        ))}
        <span className="figure-line">
          <Link to={riskPage}>Risk register and matrix</Link>
        </span>
      </Figure>
    </div>
  );
}
