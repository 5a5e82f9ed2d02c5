// Every nation of the scenario with its membership, role, the stance in force on the as-of date and
// the personnel it has offered. Sorting by stance follows commitment (lead first), not the alphabet.
import type { NationOverview } from '../../../src/domain/overview.ts';
import type { CoalitionRole } from '../../../src/domain/scenario-schema.ts';
import { formatDate, formatNumber } from '../format.ts';
import { DataTable, type Column } from './data-table.tsx';
import { StanceBadge, stanceRank } from './stance-badge.tsx';

const ROLE_LABELS: Readonly<Record<CoalitionRole, string>> = {
  lead: 'Lead nation',
  contributor: 'Contributor',
  host: 'Host',
  observer: 'Observer',
  'non-participant': 'Non-participant',
};

function YesNo({ value }: { value: boolean }) {
  return <span className={value ? 'yes' : 'no'}>{value ? 'Yes' : 'No'}</span>;
}

const COLUMNS: readonly Column<NationOverview>[] = [
  { id: 'name', header: 'Nation', rowHeader: true, cell: (n) => n.name, sortValue: (n) => n.name },
  { id: 'iso', header: 'ISO code', cell: (n) => <span className="iso">{n.id}</span>, sortValue: (n) => n.id },
  { id: 'nato', header: 'NATO', cell: (n) => <YesNo value={n.nato} />, sortValue: (n) => (n.nato ? 0 : 1) },
  { id: 'eu', header: 'EU', cell: (n) => <YesNo value={n.eu} />, sortValue: (n) => (n.eu ? 0 : 1) },
  {
    id: 'role',
    header: 'Role',
    className: 'nowrap',
    cell: (n) => ROLE_LABELS[n.role],
    sortValue: (n) => ROLE_LABELS[n.role],
  },
  {
    id: 'stance',
    header: 'Stance',
    cell: (n) =>
      n.currentStance ? (
        <StanceBadge stance={n.currentStance.stance} />
      ) : (
        <span className="stance-badge stance-none">None recorded</span>
      ),
    sortValue: (n) => (n.currentStance ? stanceRank(n.currentStance.stance) : null),
  },
  {
    id: 'since',
    header: 'Stance date',
    className: 'nowrap',
    cell: (n) =>
      n.currentStance ? <time dateTime={n.currentStance.date}>{formatDate(n.currentStance.date)}</time> : '–',
    sortValue: (n) => n.currentStance?.date,
    firstDirection: 'descending',
  },
  {
    id: 'statement',
    header: 'Statement',
    className: 'statement',
    cell: (n) => n.currentStance?.statement ?? '–',
  },
  {
    id: 'personnel',
    header: 'Personnel offered',
    numeric: true,
    cell: (n) => (
      <>
        {formatNumber(n.personnelOffered)}
        {n.offerCount > 0 && (
          <span className="cell-note block">
            in {n.offerCount} {n.offerCount === 1 ? 'offer' : 'offers'}
          </span>
        )}
      </>
    ),
    sortValue: (n) => n.personnelOffered,
    firstDirection: 'descending',
  },
];

export function NationsTable({ nations }: { nations: readonly NationOverview[] }) {
  return (
    <DataTable
      caption="Nations"
      captionHidden
      columns={COLUMNS}
      rows={nations}
      rowKey={(n) => n.id}
      emptyMessage="This scenario lists no nations."
    />
  );
}
