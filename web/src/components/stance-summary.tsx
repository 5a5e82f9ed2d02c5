// How many nations hold each stance: the coalition's shape at a glance. The bar is decoration; the
// list beside it carries the same numbers as text.
import { useId } from 'react';
import type { Stance } from '../../../src/domain/scenario-schema.ts';
import { STANCE_LABELS, STANCE_ORDER, StanceBadge } from './stance-badge.tsx';

export function StanceSummary({
  counts,
  unknown,
}: {
  counts: Readonly<Record<Stance, number>>;
  unknown: number;
}) {
  const headingId = useId();
  const total = STANCE_ORDER.reduce((sum, s) => sum + counts[s], 0) + unknown;
  return (
    <section className="panel" aria-labelledby={headingId}>
      <h2 id={headingId}>Nations by stance</h2>
      <div className="stance-bar" aria-hidden="true">
        {STANCE_ORDER.filter((s) => counts[s] > 0).map((s) => (
          <span key={s} className={`stance-bar-part stance-${s}`} style={{ flexGrow: counts[s] }} />
        ))}
      </div>
      <ul className="stance-counts" aria-label={`Nations by stance, ${total} in all`}>
        {STANCE_ORDER.map((s) => (
          <li
            key={s}
            className={counts[s] === 0 ? 'is-zero' : undefined}
            aria-label={`${STANCE_LABELS[s]}: ${counts[s]}`}
          >
            <StanceBadge stance={s} />
            <span className="stance-count">{counts[s]}</span>
          </li>
        ))}
        {unknown > 0 && (
          <li aria-label={`No stance recorded: ${unknown}`}>
            <span className="stance-badge stance-none">No stance recorded</span>
            <span className="stance-count">{unknown}</span>
          </li>
        )}
      </ul>
    </section>
  );
}
