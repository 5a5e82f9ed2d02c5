// The force's exposure to the line of contact, as tables: personnel per distance band with the total
// within each band's outer distance, each nation's personnel per band, the zones units stand in, and
// the caveats, red lines and zones the plan breaks (where a unit stands nearer than its nation allows).
import { useId } from 'react';
import type { RiskResult } from '../../../src/contract/analyses/risk.ts';
import { countOf, formatNumber } from '../format.ts';
import { NationName } from './analysis-common.tsx';
import { DataTable, type Column } from './data-table.tsx';
import { BandSwatch } from './risk-map.tsx';
import { bandColour, bandRange, type Band, type Exposure } from './risk-model.ts';

interface BandRow {
  index: number;
  band: Band;
  personnel: number;
  /** Personnel within the band's outer distance; null for the rear. */
  within: number | null;
}

/** Each band with its personnel and the personnel within its outer distance (cumulative). */
export function bandRows(bands: readonly Band[], exposure: Pick<Exposure, 'personnel'>): BandRow[] {
  let within = 0;
  return bands.map((band, index) => {
    const personnel = exposure.personnel[index] ?? 0;
    within += personnel;
    return { index, band, personnel, within: band.toKm === null ? null : within };
  });
}

export interface ExposurePanelProps {
  result: Pick<RiskResult, 'bands' | 'bandsFrom' | 'exposure' | 'notes'>;
  names: ReadonlyMap<string, string>;
}

export function ExposurePanel({ result, names }: ExposurePanelProps) {
  const id = useId();
  const { bands, exposure } = result;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Exposure to the line</h2>
      {exposure ? (
        <ExposureTables bands={bands} bandsFrom={result.bandsFrom} exposure={exposure} names={names} />
      ) : (
        <>
          <p className="notice">No exposure is computed for this scenario.</p>
          <NoteList notes={result.notes} />
        </>
      )}
    </section>
  );
}

function ExposureTables({
  bands,
  bandsFrom,
  exposure,
  names,
}: {
  bands: readonly Band[];
  bandsFrom: RiskResult['bandsFrom'];
  exposure: Exposure;
  names: ReadonlyMap<string, string>;
}) {
  const columns: Column<BandRow>[] = [
    {
      id: 'band',
      header: 'Band',
      rowHeader: true,
      cell: (r) => (
        <>
          <BandSwatch colour={bandColour(bands, r.index)} rear={r.band.toKm === null} /> {r.band.name}
        </>
      ),
    },
    { id: 'range', header: 'Distance from the line', cell: (r) => bandRange(r.band) },
    { id: 'personnel', header: 'Personnel', numeric: true, cell: (r) => formatNumber(r.personnel) },
    {
      id: 'within',
      header: 'Personnel within',
      numeric: true,
      cell: (r) => (r.within === null ? '–' : formatNumber(r.within)),
    },
    {
      id: 'source',
      header: 'Source',
      className: 'risk-source',
      cell: (r) =>
        r.band.source ? (
          <>
            {r.band.source.publication}
            {r.band.source.note && <span className="cell-note block">{r.band.source.note}</span>}
          </>
        ) : (
          (r.band.assumption ?? '–')
        ),
    },
  ];
  return (
    <>
      <p className="panel-note">
        {formatNumber(exposure.placedPersonnel)} personnel placed at their destinations by the plan
        {exposure.unplacedPersonnel > 0 &&
          `; ${formatNumber(exposure.unplacedPersonnel)} more the plan has not scheduled, in no band`}
        {exposure.unlocated.length > 0 &&
          `; ${countOf(exposure.unlocated.length, 'ULN')} going to a place without coordinates, in no band`}
        . Bands{' '}
        {bandsFrom === 'scenario' ? 'as the scenario sets them' : 'by default (the scenario sets none)'};
        “personnel within” counts every band up to its outer distance.
      </p>
      <DataTable
        caption="Personnel per distance band"
        columns={columns}
        rows={bandRows(bands, exposure)}
        rowKey={(r) => r.band.name}
      />
      <NationBandTable bands={bands} exposure={exposure} names={names} />
      {exposure.zones.length > 0 && <ZonesTable exposure={exposure} />}
      <FlagList exposure={exposure} />
    </>
  );
}

function NationBandTable({
  bands,
  exposure,
  names,
}: {
  bands: readonly Band[];
  exposure: Exposure;
  names: ReadonlyMap<string, string>;
}) {
  type Row = Exposure['nations'][number];
  const total = (r: Row) => r.personnel.reduce((s, n) => s + n, 0);
  const columns: Column<Row>[] = [
    {
      id: 'nation',
      header: 'Nation',
      rowHeader: true,
      cell: (r) => <NationName names={names} code={r.nation} />,
      sortValue: (r) => names.get(r.nation) ?? r.nation,
    },
    ...bands.map((b, i): Column<Row> => ({
      id: `band-${i}`,
      header: b.name,
      numeric: true,
      cell: (r) => formatNumber(r.personnel[i] ?? 0),
      sortValue: (r) => r.personnel[i] ?? 0,
      firstDirection: 'descending',
    })),
    {
      id: 'total',
      header: 'Placed',
      numeric: true,
      cell: (r) => formatNumber(total(r)),
      sortValue: total,
      firstDirection: 'descending',
    },
    {
      id: 'unplaced',
      header: 'Not scheduled',
      numeric: true,
      cell: (r) => formatNumber(r.unplacedPersonnel),
      sortValue: (r) => r.unplacedPersonnel,
      firstDirection: 'descending',
    },
  ];
  return (
    <DataTable
      caption="Personnel per nation and band"
      columns={columns}
      rows={exposure.nations}
      rowKey={(r) => r.nation}
      emptyMessage="No nation has a unit placed."
    />
  );
}

const ZONE_KIND_LABELS: Readonly<Record<Exposure['zones'][number]['kind'], string>> = {
  demilitarised: 'Demilitarised',
  'no-deploy': 'No deployment',
  other: 'Other',
};

function ZonesTable({ exposure }: { exposure: Exposure }) {
  type Row = Exposure['zones'][number];
  const columns: Column<Row>[] = [
    { id: 'zone', header: 'Zone', rowHeader: true, cell: (z) => z.name },
    { id: 'kind', header: 'Kind', cell: (z) => ZONE_KIND_LABELS[z.kind] },
    { id: 'units', header: 'ULNs', numeric: true, cell: (z) => formatNumber(z.units) },
    { id: 'personnel', header: 'Personnel', numeric: true, cell: (z) => formatNumber(z.personnel) },
  ];
  return <DataTable caption="Units in zones" columns={columns} rows={exposure.zones} rowKey={(z) => z.id} />;
}

const FLAG_KIND_LABELS: Readonly<Record<Exposure['flags'][number]['kind'], string>> = {
  caveat: 'Caveat',
  'red-line': 'Red line',
  zone: 'Zone',
};

function FlagList({ exposure }: { exposure: Exposure }) {
  const id = useId();
  const { flags } = exposure;
  return (
    <section aria-labelledby={id} className="risk-flags">
      <h3 id={id}>
        Caveats, red lines and zones breached{' '}
        <span className="heading-count">{formatNumber(flags.length)}</span>
      </h3>
      {flags.length === 0 ? (
        <p className="panel-note">
          No unit stands where its nation’s caveats or red lines, or a zone, forbid.
        </p>
      ) : (
        <ul className="risk-flag-list">
          {flags.map((f, i) => (
            <li key={`${f.kind}/${f.unit}/${i}`}>
              <span className={`risk-flag-kind risk-flag-${f.kind}`}>{FLAG_KIND_LABELS[f.kind]}</span>{' '}
              {f.text}
              {!f.placed && <span className="cell-note"> (not yet scheduled)</span>}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The answer's notes: why a part is missing or incomplete. */
export function NoteList({ notes }: { notes: readonly string[] }) {
  if (notes.length === 0) return null;
  return (
    <ul className="risk-notes">
      {notes.map((n) => (
        <li key={n}>{n}</li>
      ))}
    </ul>
  );
}
