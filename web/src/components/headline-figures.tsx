// The three numbers a briefing opens with: the force the mission needs, the personnel nations have
// offered, and the gap between them. Each figure is a labelled group so it can be found by name.
import { useId, type ReactNode } from 'react';
import type { ForceTotals } from '../../../src/domain/overview.ts';
import {
  describeAgainstRange,
  formatNumber,
  formatPercent,
  formatRange,
  formatSigned,
  targetGap,
} from '../format.ts';

export function HeadlineFigures({
  totals,
  nationsOffering,
}: {
  totals: ForceTotals;
  nationsOffering: number;
}) {
  const { targetPersonnel, range, personnelOffered } = totals;
  const gap = targetGap(personnelOffered, targetPersonnel);
  const share = targetPersonnel > 0 ? Math.min(1, personnelOffered / targetPersonnel) : 0;
  const gapLabel =
    gap.kind === 'shortfall'
      ? 'Shortfall against target'
      : gap.kind === 'surplus'
        ? 'Surplus over target'
        : 'Target met';

  return (
    <div className="figures">
      <Figure label="Force target" value={formatNumber(targetPersonnel)} unit="personnel">
        {range ? (
          <span className="figure-line">
            Estimates range <strong>{formatRange(range)}</strong>
          </span>
        ) : (
          'Single planning figure'
        )}
      </Figure>
      <Figure label="Personnel offered" value={formatNumber(personnelOffered)} unit="personnel">
        <span className="figure-line">
          {formatPercent(personnelOffered, targetPersonnel)} of target, from {nationsOffering}{' '}
          {nationsOffering === 1 ? 'nation' : 'nations'}
        </span>
      </Figure>
      <Figure label={gapLabel} value={formatNumber(gap.personnel)} unit="personnel" tone={gap.kind}>
        <span className="figure-line">Difference {formatSigned(totals.difference)}</span>
        {range && <span className="figure-line">{describeAgainstRange(personnelOffered, range)}</span>}
        <span className="fill-bar" aria-hidden="true">
          <span className="fill-bar-value" style={{ width: `${share * 100}%` }} />
        </span>
      </Figure>
    </div>
  );
}

interface FigureProps {
  label: string;
  value: string;
  unit: string;
  tone?: 'shortfall' | 'surplus' | 'met';
  children: ReactNode;
}

function Figure({ label, value, unit, tone, children }: FigureProps) {
  const id = useId();
  return (
    <div role="group" aria-labelledby={id} className={tone ? `figure figure-${tone}` : 'figure'}>
      <p className="figure-label" id={id}>
        {label}
      </p>
      <p className="figure-value">
        {value} <span className="figure-unit">{unit}</span>
      </p>
      <p className="figure-note">{children}</p>
    </div>
  );
}
