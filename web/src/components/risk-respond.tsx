// Who can respond: which units can reach the threatened sector within 24, 48 and 72 hours of a threat
// on a given C-day, at each rung of the ladder (the red lines in effect there bind), by nation and by
// sector, the quickest units with their route, and how many cannot respond and why. The threatened
// sector, the day and the movement assumptions are chosen here; the page keeps them in its address.
import { ShortNumberField } from './short-number-field.tsx';
import { useId, useState, type FormEvent } from 'react';
import type { RiskParameters, RiskResult } from '../../../src/contract/analyses/risk.ts';
import { countOf, formatNumber } from '../format.ts';
import { DOMAIN_LABELS, NationName, formatCDay, nationLabel } from './analysis-common.tsx';
import { DataTable, type Column } from './data-table.tsx';
import { NoteList } from './risk-exposure.tsx';
import {
  ROUTE_LABELS,
  cannotRespond,
  formatHours,
  formatKm,
  rungLabel,
  windowIndex,
  type Ladder,
  type Respond,
  type RespondRung,
  type RespondUnit,
} from './risk-model.ts';

/** How many of the quickest units are listed. */
export const QUICKEST_UNITS = 20;
/** Units slower than this (hours) are not listed among the quickest. */
const QUICKEST_WITHIN_HOURS = 72;

/** What a reader may change about the threat; the page sends it as the analysis's parameters. */
export interface ThreatChoice {
  sector?: string;
  day?: number;
  noticeHours?: number;
  marchKmh?: number;
}

export interface RespondPanelProps {
  result: Pick<RiskResult, 'respond' | 'ladder' | 'notes'>;
  parameters: RiskParameters['respond'];
  names: ReadonlyMap<string, string>;
  onChange: (choice: ThreatChoice) => void;
}

export function RespondPanel({ result, parameters: p, names, onChange }: RespondPanelProps) {
  const id = useId();
  const { respond, ladder } = result;
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>Who can respond</h2>
      {respond ? (
        <>
          <p className="panel-note">
            Units that can reach <strong>{respond.sector}</strong> after a threat on {formatCDay(respond.day)}
            . A unit in theatre that day moves after its notice to move (land{' '}
            {formatHours(p.noticeHours.land)}, air {formatHours(p.noticeHours.air)}, maritime{' '}
            {formatHours(p.noticeHours.maritime)}): by road at {formatNumber(p.marchKmh)} km/h over roads{' '}
            {p.roadFactor}× the straight distance, by helicopter at {formatNumber(p.rotaryKmh)} km/h, by air
            at {formatNumber(p.airKmh)} km/h; a ship only in its own sector. A unit not yet in theatre starts
            from home (readiness, then its planned transit). Caveats and the red lines in effect at each rung
            bind; enablers are listed but never counted.
          </p>
          <ThreatForm
            key={`${respond.sector}/${respond.day}/${p.noticeHours.land}/${p.marchKmh}`}
            respond={respond}
            parameters={p}
            onChange={onChange}
          />
          <RungResponseTable respond={respond} ladder={ladder} names={names} />
          <NationResponseTable respond={respond} ladder={ladder} names={names} />
          <SectorResponseTable respond={respond} />
          <QuickestUnits respond={respond} names={names} />
        </>
      ) : (
        <>
          <p className="notice">No one can be placed to respond in this scenario.</p>
          <NoteList notes={result.notes} />
        </>
      )}
    </section>
  );
}

type NumberName = 'day' | 'noticeHours' | 'marchKmh';

const NUMBER_LIMITS: Readonly<Record<NumberName, { min: number; max: number; what: string }>> = {
  day: { min: 0, max: 3650, what: 'The C-day' },
  noticeHours: { min: 0, max: 720, what: 'The notice to move' },
  marchKmh: { min: 1, max: 200, what: 'The march rate' },
};

function ThreatForm({
  respond,
  parameters: p,
  onChange,
}: {
  respond: Respond;
  parameters: RiskParameters['respond'];
  onChange: (choice: ThreatChoice) => void;
}) {
  const id = useId();
  const [text, setText] = useState<Record<NumberName, string>>({
    day: String(respond.day),
    noticeHours: String(p.noticeHours.land),
    marchKmh: String(p.marchKmh),
  });
  const [error, setError] = useState<{ field: NumberName; message: string } | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const values: Partial<Record<NumberName, number>> = {};
    for (const name of Object.keys(NUMBER_LIMITS) as NumberName[]) {
      const { min, max, what } = NUMBER_LIMITS[name];
      const raw = text[name].trim();
      const n = Number(raw);
      if (!/^\d+$/.test(raw) || n < min || n > max) {
        setError({
          field: name,
          message: `${what} must be a whole number from ${min} to ${formatNumber(max)}.`,
        });
        return;
      }
      values[name] = n;
    }
    setError(null);
    onChange(values);
  };
  const field = (name: NumberName, label: string, hint: string) => (
    <ShortNumberField
      formId={id}
      name={name}
      label={label}
      hint={hint}
      value={text[name]}
      onChange={(v) => setText((t) => ({ ...t, [name]: v }))}
      invalid={error?.field === name}
    />
  );
  return (
    <form className="monte-carlo-form risk-threat-form" onSubmit={submit} aria-label="Threat" noValidate>
      <div className="field">
        <label htmlFor={`${id}-sector`}>Threatened sector</label>
        <select
          id={`${id}-sector`}
          name="sector"
          className="input"
          value={respond.sector}
          onChange={(e) => onChange({ sector: e.target.value })}
          aria-describedby={`${id}-sector-hint`}
        >
          {respond.sectors.map((s) => (
            <option key={s.sector} value={s.sector}>
              {s.sector}
              {s.distanceToLineKm !== null ? ` (${formatKm(s.distanceToLineKm)} from the line)` : ''}
            </option>
          ))}
        </select>
        <p className="field-hint" id={`${id}-sector-hint`}>
          Recomputes at once
        </p>
      </div>
      {field('day', 'C-day of the threat', 'Days after C-day')}
      {field('noticeHours', 'Notice to move (land), hours', `0 to ${NUMBER_LIMITS.noticeHours.max}`)}
      {field('marchKmh', 'March rate, km/h', 'With halts')}
      <button type="submit" className="button">
        Recompute
      </button>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error.message}
        </p>
      )}
    </form>
  );
}

/** A rung's name from the ladder, or its id when the ladder does not have it. */
function rungName(ladder: Ladder | null, rungId: string): string {
  const rung = ladder?.rungs.find((r) => r.id === rungId);
  return rung ? rungLabel(rung) : rungId;
}

/** "Within 48 h" column headers, one per response window. */
function windowColumns<T>(windows: readonly number[], personnel: (row: T) => readonly number[]): Column<T>[] {
  return windows.map((h, i) => ({
    id: `within-${h}`,
    header: `Within ${h} h`,
    numeric: true,
    ...(h === 48 && { className: 'risk-key-window' }),
    cell: (row: T) => formatNumber(personnel(row)[i] ?? 0),
  }));
}

function RungResponseTable({
  respond,
  ladder,
  names,
}: {
  respond: Respond;
  ladder: Ladder | null;
  names: ReadonlyMap<string, string>;
}) {
  const columns: Column<RespondRung>[] = [
    { id: 'rung', header: 'Rung', rowHeader: true, cell: (r) => rungName(ladder, r.rung) },
    ...windowColumns<RespondRung>(respond.windows, (r) => r.personnel),
    {
      id: 'rung-time',
      header: 'Within the rung’s time',
      numeric: true,
      cell: (r) => (
        <>
          {formatNumber(r.personnelWithinRungTime)}
          <span className="cell-note block">in {formatHours(r.hoursToRespond)}</span>
        </>
      ),
    },
    {
      id: 'kept',
      header: 'Kept away by red lines',
      cell: (r) =>
        r.keptAway.length === 0 ? (
          <span className="no">None</span>
        ) : (
          r.keptAway.map((n) => nationLabel(names, n)).join(', ')
        ),
    },
  ];
  return (
    <DataTable
      caption={`Personnel able to reach ${respond.sector}, per rung`}
      columns={columns}
      rows={respond.rungs}
      rowKey={(r) => r.rung}
      emptyMessage="The scenario has no escalation ladder."
    />
  );
}

function NationResponseTable({
  respond,
  ladder,
  names,
}: {
  respond: Respond;
  ladder: Ladder | null;
  names: ReadonlyMap<string, string>;
}) {
  const at = windowIndex(respond.windows, 48);
  if (at < 0) return null;
  // Every nation that can send anyone at some rung, most personnel at the lowest rung first.
  const nations: string[] = [];
  for (const r of respond.rungs)
    for (const n of r.nations) if (!nations.includes(n.nation)) nations.push(n.nation);
  const personnel = (rung: RespondRung, nation: string) =>
    rung.nations.find((n) => n.nation === nation)?.personnel[at] ?? 0;
  const columns: Column<string>[] = [
    { id: 'nation', header: 'Nation', rowHeader: true, cell: (n) => <NationName names={names} code={n} /> },
    ...respond.rungs.map((r): Column<string> => ({
      id: `rung-${r.rung}`,
      header: rungName(ladder, r.rung),
      numeric: true,
      cell: (n) => formatNumber(personnel(r, n)),
      sortValue: (n) => personnel(r, n),
      firstDirection: 'descending',
    })),
  ];
  return (
    <div className="risk-wrap-headers">
      <DataTable
        caption={`By nation, within 48 h of ${respond.sector}`}
        columns={columns}
        rows={nations}
        rowKey={(n) => n}
        emptyMessage="No nation can reach the sector within 48 h."
      />
    </div>
  );
}

function SectorResponseTable({ respond }: { respond: Respond }) {
  type Row = Respond['sectors'][number];
  const columns: Column<Row>[] = [
    {
      id: 'sector',
      header: 'Sector',
      rowHeader: true,
      cell: (s) => (
        <>
          {s.sector}
          {s.sector === respond.sector && <span className="cell-note block">threatened</span>}
        </>
      ),
    },
    {
      id: 'distance',
      header: 'From the line',
      numeric: true,
      cell: (s) => (s.distanceToLineKm === null ? '–' : formatKm(s.distanceToLineKm)),
      sortValue: (s) => s.distanceToLineKm ?? Infinity,
    },
    ...windowColumns<Row>(respond.windows, (s) => s.personnel),
  ];
  return (
    <DataTable
      caption="Every sector, at the lowest rung"
      columns={columns}
      rows={respond.sectors}
      rowKey={(s) => s.sector}
    />
  );
}

function QuickestUnits({ respond, names }: { respond: Respond; names: ReadonlyMap<string, string> }) {
  const id = useId();
  const able = respond.units.filter((u) => u.hours !== null && u.hours <= QUICKEST_WITHIN_HOURS);
  const shown = able.slice(0, QUICKEST_UNITS);
  const cannot = cannotRespond(respond.units);
  const cannotUnits = cannot.reduce((s, c) => s + c.units, 0);
  const cannotPersonnel = cannot.reduce((s, c) => s + c.personnel, 0);
  const columns: Column<RespondUnit>[] = [
    { id: 'uln', header: 'ULN', rowHeader: true, className: 'risk-id', cell: (u) => u.id },
    { id: 'nation', header: 'Nation', cell: (u) => <NationName names={names} code={u.nation} /> },
    {
      id: 'capability',
      header: 'Capability',
      cell: (u) => (
        <>
          {u.capability}
          <span className="cell-note block">{DOMAIN_LABELS[u.domain]}</span>
        </>
      ),
    },
    { id: 'personnel', header: 'Personnel', numeric: true, cell: (u) => formatNumber(u.personnel) },
    {
      id: 'route',
      header: 'Route',
      cell: (u) => (u.route ? ROUTE_LABELS[u.route] : '–'),
    },
    {
      id: 'hours',
      header: 'Hours',
      numeric: true,
      cell: (u) => (u.hours === null ? '–' : formatHours(u.hours)),
    },
  ];
  return (
    <section aria-labelledby={id} className="risk-subsection">
      <h3 id={id}>Quickest units</h3>
      <p className="panel-note">
        {countOf(able.length, 'unit')} can reach {respond.sector} within {QUICKEST_WITHIN_HOURS} h before any
        red line takes effect{able.length > shown.length ? `; the quickest ${shown.length} are listed` : ''}.
      </p>
      <DataTable
        caption={`Quickest units to ${respond.sector}`}
        captionHidden
        columns={columns}
        rows={shown}
        rowKey={(u) => u.id}
        emptyMessage={`No unit can reach ${respond.sector} within ${QUICKEST_WITHIN_HOURS} h.`}
      />
      {cannot.length > 0 ? (
        <>
          <p className="panel-note">
            {countOf(cannotUnits, 'unit')} ({formatNumber(cannotPersonnel)} personnel) cannot respond at any
            rung:
          </p>
          <ul className="risk-notes" aria-label="Why units cannot respond">
            {cannot.map((c) => (
              <li key={c.reason}>
                {c.reason}: {countOf(c.units, 'unit')}, {formatNumber(c.personnel)} personnel
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="panel-note">Every unit can respond at some rung.</p>
      )}
    </section>
  );
}
