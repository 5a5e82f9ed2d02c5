// The Nations section of a scenario: a map of Europe coloured by stance, every nation with its
// membership, means (GDP, population), current stance and personnel offered, and each nation's
// stance timeline with the statement and source behind every entry. Stance entries are added and
// changed from here by those allowed to (planners; a liaison officer for its own nation).
import { useId } from 'react';
import type { NationOverview } from '../../../src/domain/overview.ts';
import type { Source } from '../../../src/domain/scenario-schema.ts';
import type { ScenarioOverview, StoredRecord, UserView } from '../api-client.ts';
import { PartialNotice } from '../components/analysis-common.tsx';
import { DataTable, type Column } from '../components/data-table.tsx';
import { EuropeMap, useEuropeMapModel, type MapModelState } from '../components/map-europe.tsx';
import { StanceBadge, stanceRank } from '../components/stance-badge.tsx';
import { AnswerFrame, useKeptAnswer } from '../components/analysis-shell.tsx';
import { LoadingMessage } from '../components/status-message.tsx';
import { externalHref } from '../external-link.ts';
import { formatDate, formatNumber } from '../format.ts';
import { Link } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { canCreateAny, canEditRecord, editRecordPath, newRecordPath } from './edit-paths.ts';
import { SavedNotice } from './edit-saved-notice.tsx';
import { formatCompact, formatMoneyCompact } from './funding-format.ts';
import { useScenario } from './scenario-layout.tsx';

export const NATIONS_SLUG = 'nations';

export interface NationsData {
  overview: ScenarioOverview;
  nations: StoredRecord<'nations'>[];
  stances: StoredRecord<'stances'>[];
}

export function NationsPage() {
  const scenario = useScenario();
  const user = useCurrentUser();
  const map = useEuropeMapModel();
  const shown = useKeptAnswer(
    async (client, signal): Promise<NationsData> => {
      const [overview, nations, stances] = await Promise.all([
        client.getOverview(scenario.id, { signal }),
        client.listRecords(scenario.id, 'nations', { signal }),
        client.listRecords(scenario.id, 'stances', { signal }),
      ]);
      return { overview, nations, stances };
    },
    [scenario.id, scenario.version],
    scenario.id,
  );
  return (
    <>
      <SavedNotice />
      <AnswerFrame shown={shown} loading="Loading nations…" failed="The nations could not be loaded.">
        {(data) => <NationsView scenarioId={scenario.id} data={data} user={user} map={map} />}
      </AnswerFrame>
    </>
  );
}

/** A nation as this page shows it: the overview's row joined with its stored record. */
export interface NationRow extends NationOverview {
  record: StoredRecord<'nations'> | undefined;
  timeline: StoredRecord<'stances'>[];
}

export function nationRows(data: NationsData): NationRow[] {
  const records = new Map(data.nations.map((n) => [n.id as string, n]));
  const stances = new Map<string, StoredRecord<'stances'>[]>();
  for (const s of data.stances) {
    const list = stances.get(s.nation) ?? [];
    list.push(s);
    stances.set(s.nation, list);
  }
  return data.overview.nations.map((n) => ({
    ...n,
    record: records.get(n.id),
    // Newest first; entries of one day keep their order, the later one first (it is the one in force).
    timeline: (stances.get(n.id) ?? [])
      .map((s, i) => ({ s, i }))
      .sort((a, b) => (a.s.date < b.s.date ? 1 : a.s.date > b.s.date ? -1 : b.i - a.i))
      .map(({ s }) => s),
  }));
}

interface NationsViewProps {
  scenarioId: string;
  data: NationsData;
  user: Pick<UserView, 'role' | 'nation'>;
  map: MapModelState;
}

export function NationsView({ scenarioId, data, user, map }: NationsViewProps) {
  const rows = nationRows(data);
  const mapHeading = useId();
  const tableHeading = useId();
  const timelineHeading = useId();
  return (
    <>
      <PartialNotice partial={data.overview.partial} />
      <section className="panel" aria-labelledby={mapHeading}>
        <h2 id={mapHeading}>Stances on the map</h2>
        {map.status === 'loading' && <LoadingMessage>Drawing the map…</LoadingMessage>}
        {map.status === 'error' && (
          <p className="notice" role="note">
            The map could not be drawn ({map.message}); the table below gives every nation’s stance.
          </p>
        )}
        {map.status === 'ready' && (
          <EuropeMap
            model={map.model}
            nations={rows.map((n) => ({ id: n.id, name: n.name, stance: n.currentStance?.stance ?? null }))}
          />
        )}
      </section>
      <section className="panel" aria-labelledby={tableHeading}>
        <div className="panel-head">
          <h2 id={tableHeading}>
            Nations <span className="heading-count">{rows.length}</span>
          </h2>
          {canCreateAny(user, 'offers') && (
            <Link
              className="button button-secondary"
              to={newRecordPath(scenarioId, 'offers', {
                nation: user.role === 'liaison' ? (user.nation ?? undefined) : undefined,
              })}
            >
              Add a force offer
            </Link>
          )}
        </div>
        <DataTable
          caption="Nations"
          captionHidden
          columns={COLUMNS}
          rows={rows}
          rowKey={(n) => n.id}
          emptyMessage="This scenario lists no nations."
        />
      </section>
      <section className="panel" aria-labelledby={timelineHeading}>
        <h2 id={timelineHeading}>Stance timelines</h2>
        <p className="panel-note">
          Every dated stance entry, newest first, with the statement and where it comes from. The entry in
          force is marked current.
        </p>
        <div className="timeline-grid">
          {rows.map((n) => (
            <NationTimeline key={n.id} scenarioId={scenarioId} nation={n} user={user} />
          ))}
        </div>
      </section>
    </>
  );
}

function YesNo({ value }: { value: boolean }) {
  return <span className={value ? 'yes' : 'no'}>{value ? 'Yes' : 'No'}</span>;
}

const COLUMNS: readonly Column<NationRow>[] = [
  { id: 'name', header: 'Nation', rowHeader: true, cell: (n) => n.name, sortValue: (n) => n.name },
  { id: 'iso', header: 'ISO code', cell: (n) => <span className="iso">{n.id}</span>, sortValue: (n) => n.id },
  { id: 'nato', header: 'NATO', cell: (n) => <YesNo value={n.nato} />, sortValue: (n) => (n.nato ? 0 : 1) },
  { id: 'eu', header: 'EU', cell: (n) => <YesNo value={n.eu} />, sortValue: (n) => (n.eu ? 0 : 1) },
  {
    id: 'gdp',
    header: 'GDP',
    numeric: true,
    cell: (n) =>
      n.record ? (
        <>
          {formatMoneyCompact(n.record.gdp.value, n.record.gdp.currency)}
          <span className="cell-note block">{n.record.gdp.year}</span>
        </>
      ) : (
        '–'
      ),
    sortValue: (n) => n.record?.gdp.value,
    firstDirection: 'descending',
  },
  {
    id: 'population',
    header: 'Population',
    numeric: true,
    cell: (n) =>
      n.record ? (
        <>
          {formatCompact(n.record.population.value)}
          <span className="cell-note block">{n.record.population.year}</span>
        </>
      ) : (
        '–'
      ),
    sortValue: (n) => n.record?.population.value,
    firstDirection: 'descending',
  },
  {
    id: 'stance',
    header: 'Current stance',
    cell: (n) =>
      n.currentStance ? (
        <>
          <StanceBadge stance={n.currentStance.stance} />
          <span className="cell-note block">
            since <time dateTime={n.currentStance.date}>{formatDate(n.currentStance.date)}</time>
          </span>
        </>
      ) : (
        <span className="stance-badge stance-none">None recorded</span>
      ),
    sortValue: (n) => (n.currentStance ? stanceRank(n.currentStance.stance) : null),
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

function NationTimeline({
  scenarioId,
  nation,
  user,
}: {
  scenarioId: string;
  nation: NationRow;
  user: Pick<UserView, 'role' | 'nation'>;
}) {
  const heading = useId();
  const editable = canEditRecord(user, 'stances', nation.id);
  const back = `/scenarios/${encodeURIComponent(scenarioId)}/${NATIONS_SLUG}`;
  const current = nation.currentStance;
  const currentId = nation.timeline.find(
    (s) => current && s.date === current.date && s.statement === current.statement,
  )?.id;
  return (
    <article className="timeline-card" aria-labelledby={heading}>
      <header className="timeline-head">
        <h3 id={heading}>
          {nation.name} <span className="iso cell-note">{nation.id}</span>
        </h3>
        {editable && (
          <Link
            className="button button-secondary button-small"
            to={newRecordPath(scenarioId, 'stances', { nation: nation.id, back })}
            aria-label={`Add a stance entry for ${nation.name}`}
          >
            Add stance entry
          </Link>
        )}
      </header>
      {nation.timeline.length === 0 ? (
        <p className="panel-note">No stance recorded.</p>
      ) : (
        <ol className="timeline">
          {nation.timeline.map((s) => (
            <li key={s.id} className={s.id === currentId ? 'timeline-entry is-current' : 'timeline-entry'}>
              <p className="timeline-when">
                <time dateTime={s.date}>{formatDate(s.date)}</time> <StanceBadge stance={s.stance} />
                {s.id === currentId && <span className="current-marker">current</span>}
                {editable && (
                  <Link
                    className="timeline-edit"
                    to={editRecordPath(scenarioId, 'stances', s.id, { back })}
                    aria-label={`Edit the stance entry of ${formatDate(s.date)} for ${nation.name}`}
                  >
                    Edit
                  </Link>
                )}
              </p>
              <p className="timeline-statement">{s.statement}</p>
              <Provenance source={s.source} assumption={s.assumption} />
            </li>
          ))}
        </ol>
      )}
    </article>
  );
}

/** Where a figure or statement comes from: its source, or the assumption it rests on. */
export function Provenance({
  source,
  assumption,
}: {
  source?: Source | undefined;
  assumption?: string | undefined;
}) {
  if (!source && !assumption) return <p className="provenance cell-note">No source given.</p>;
  // Only an http(s) link is ever rendered, whatever the record holds.
  const href = externalHref(source?.url);
  return (
    <>
      {source && (
        <p className="provenance">
          <span className="provenance-label">Source:</span> <cite>{source.publication}</cite>
          {source.date && (
            <>
              , <time dateTime={source.date}>{formatDate(source.date)}</time>
            </>
          )}
          {href && (
            <>
              {' '}
              <a href={href} target="_blank" rel="noreferrer noopener" className="source-link">
                {linkText(href)}
              </a>
            </>
          )}
          {source.note && <span className="provenance-note"> ({source.note})</span>}
        </p>
      )}
      {assumption && (
        <p className="provenance">
          <span className="provenance-label">Assumption:</span> {assumption}
        </p>
      )}
    </>
  );
}

/** The host and a short path of a URL, for a link's text: `www.gov.uk/government/news/…`. */
export function linkText(url: string): string {
  try {
    const u = new URL(url);
    const path = u.pathname.length > 28 ? `${u.pathname.slice(0, 27)}…` : u.pathname;
    return `${u.host}${path === '/' ? '' : path}`;
  } catch {
    return url;
  }
}
