// The Deployment section of a scenario: how the force list moves over the transport network, in six
// views a planner moves between with the section's own navigation: closure (when the force is in
// place and what holds it up), the ULN schedule (a Gantt chart), lift and reception utilisation
// (heat maps), bottlenecks, the map, and the force list itself. The plan is computed by the API once
// per set of parameters (the re-plan day and the optimality reference, both in the URL so a view
// can be bookmarked) and shared by the views, so moving between them does not re-plan.
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { ApiError, PlanEnvelope, PlanQuery } from '../api-client.ts';
import { PartialNotice, formatCDay, withQuery } from '../components/analysis-common.tsx';
import { datedDay } from '../components/deployment-model.ts';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { formatNumber } from '../format.ts';
import { deploymentPath } from '../paths.ts';
import { Link, useRouter } from '../router.tsx';
import { useApi } from '../use-api.tsx';
import { BottlenecksView } from './deployment-bottlenecks-page.tsx';
import { ClosureView } from './deployment-closure-page.tsx';
import { ForceListView } from './deployment-force-list-page.tsx';
import { MapView } from './deployment-map-page.tsx';
import { ScheduleView } from './deployment-schedule-page.tsx';
import { UtilisationView } from './deployment-utilisation-page.tsx';
import { useScenario } from './scenario-layout.tsx';

export type DeploymentView = 'closure' | 'schedule' | 'utilisation' | 'bottlenecks' | 'map' | 'force-list';

/** The views in the order of the section's navigation; `slug` is the URL segment after /deployment. */
export const DEPLOYMENT_VIEWS: readonly { view: DeploymentView; slug: string; label: string }[] = [
  { view: 'closure', slug: '', label: 'Closure' },
  { view: 'schedule', slug: 'schedule', label: 'ULN schedule' },
  { view: 'utilisation', slug: 'utilisation', label: 'Utilisation' },
  { view: 'bottlenecks', slug: 'bottlenecks', label: 'Bottlenecks' },
  { view: 'map', slug: 'map', label: 'Map' },
  { view: 'force-list', slug: 'force-list', label: 'Force list' },
];

export function deploymentViewOf(slug: string): (typeof DEPLOYMENT_VIEWS)[number] | undefined {
  return DEPLOYMENT_VIEWS.find((v) => v.slug === slug);
}

/** Days the API accepts as a re-plan day (C-day offsets, as the force list's dates). */
export const TODAY_MIN = -365;
export const TODAY_MAX = 3650;

/** `?today=12&reference=true`; anything else is the API's default. */
export function readPlanQuery(search: string): PlanQuery {
  const q = new URLSearchParams(search);
  const raw = q.get('today');
  const today = raw !== null && /^-?\d{1,4}$/.test(raw) ? Number(raw) : undefined;
  return {
    ...(today !== undefined && today >= TODAY_MIN && today <= TODAY_MAX && { today }),
    ...(q.get('reference') === 'true' && { reference: true }),
  };
}

export type PlanState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'error'; error: ApiError; reload: () => void }
  | { status: 'ready'; data: PlanEnvelope; updating: boolean; reload: () => void };

/**
 * The plan for these parameters, asked for only while a view needs it. The last answer is kept: a
 * view that needs it again gets it at once, and while new parameters are planned it stays on screen,
 * marked as updating. `revision` moves on when the force list changes, so the plan is made again.
 */
export function usePlan(
  scenarioId: string,
  scenarioVersion: number,
  query: PlanQuery,
  revision: number,
  enabled: boolean,
): PlanState {
  const key = `${scenarioId}|${scenarioVersion}|${revision}|${JSON.stringify(query)}`;
  const last = useRef<{ key: string; scenarioId: string; data: PlanEnvelope } | null>(null);
  const cached = last.current?.key === key ? last.current.data : undefined;
  const result = useApi(
    (client, signal): Promise<PlanEnvelope | null> =>
      !enabled
        ? Promise.resolve(null)
        : cached
          ? Promise.resolve(cached)
          : client.deploymentPlan(scenarioId, query, { signal }),
    [scenarioId, scenarioVersion, revision, JSON.stringify(query), enabled],
  );
  if (!enabled) return { status: 'idle' };
  if (result.status === 'ready' && result.data) {
    last.current = { key, scenarioId, data: result.data };
    return { status: 'ready', data: result.data, updating: false, reload: result.reload };
  }
  if (result.status === 'error') return { status: 'error', error: result.error, reload: result.reload };
  if (cached) return { status: 'ready', data: cached, updating: false, reload: result.reload };
  const previous = last.current?.scenarioId === scenarioId ? last.current.data : undefined;
  return previous
    ? { status: 'ready', data: previous, updating: true, reload: result.reload }
    : { status: 'loading' };
}

export function DeploymentPage({ view }: { view: string }) {
  const scenario = useScenario();
  const { path, search, navigate } = useRouter();
  const query = readPlanQuery(search);
  const [revision, setRevision] = useState(0);
  const current = deploymentViewOf(view);
  const plan = usePlan(
    scenario.id,
    scenario.version,
    query,
    revision,
    !!current && current.view !== 'force-list',
  );
  const setQuery = (changes: PlanQuery) =>
    navigate(path + withQuery(search, { ...changes }, { reference: false }), { replace: true });

  let body: ReactNode;
  if (!current) {
    body = (
      <section className="panel" aria-label="Deployment">
        <h2>No such view</h2>
        <p>
          The deployment section has no view “{view}”.{' '}
          <Link to={deploymentPath(scenario.id, '', search)}>Go to the closure view</Link>.
        </p>
      </section>
    );
  } else if (current.view === 'force-list') {
    body = <ForceListView scenarioId={scenario.id} onChanged={() => setRevision((r) => r + 1)} />;
  } else if (plan.status === 'loading' || plan.status === 'idle') {
    body = <LoadingMessage>Planning the deployment…</LoadingMessage>;
  } else if (plan.status === 'error') {
    body = (
      <ErrorMessage title="The deployment could not be planned." error={plan.error} onRetry={plan.reload}>
        {(query.today !== undefined || query.reference) && (
          <Link to={deploymentPath(scenario.id, current.slug)}>Plan with the default settings</Link>
        )}
        {plan.error.status === 400 && (
          <Link to={deploymentPath(scenario.id, 'force-list', search)}>Open the force list</Link>
        )}
      </ErrorMessage>
    );
  } else {
    body = (
      <PlanAnswer
        view={current.view}
        envelope={plan.data}
        scenarioId={scenario.id}
        query={query}
        onQueryChange={setQuery}
        updating={plan.updating}
      />
    );
  }
  return (
    <>
      <h2 className="visually-hidden">Deployment</h2>
      <DeploymentNav scenarioId={scenario.id} current={current?.view} search={search} />
      {body}
    </>
  );
}

/** A plan as every view shows it: the notice when it is partial first, its controls, then the view. */
export function PlanAnswer({
  view,
  envelope,
  scenarioId,
  query,
  onQueryChange,
  updating,
}: {
  view: Exclude<DeploymentView, 'force-list'>;
  envelope: PlanEnvelope;
  scenarioId: string;
  query: PlanQuery;
  onQueryChange: (changes: PlanQuery) => void;
  updating: boolean;
}) {
  const controls = (
    <PlanControls envelope={envelope} query={query} onChange={onQueryChange} updating={updating} />
  );
  // The map comes first on its page, so that it opens in view on a laptop screen; the plan's
  // controls follow it there.
  return (
    <>
      <PartialNotice partial={envelope.partial} />
      {view !== 'map' && controls}
      <PlanView view={view} envelope={envelope} scenarioId={scenarioId} />
      {view === 'map' && controls}
    </>
  );
}

function PlanView({
  view,
  envelope,
  scenarioId,
}: {
  view: Exclude<DeploymentView, 'force-list'>;
  envelope: PlanEnvelope;
  scenarioId: string;
}) {
  switch (view) {
    case 'closure':
      return <ClosureView envelope={envelope} />;
    case 'schedule':
      return <ScheduleView report={envelope.result} scenarioId={scenarioId} />;
    case 'utilisation':
      return <UtilisationView report={envelope.result} />;
    case 'bottlenecks':
      return <BottlenecksView report={envelope.result} />;
    case 'map':
      return <MapView report={envelope.result} scenarioId={scenarioId} />;
  }
}

/** The section's own navigation; each link keeps the plan's parameters. */
export function DeploymentNav({
  scenarioId,
  current,
  search,
}: {
  scenarioId: string;
  current: DeploymentView | undefined;
  search: string;
}) {
  return (
    <nav aria-label="Deployment views" className="sub-tabs">
      <ul>
        {DEPLOYMENT_VIEWS.map((v) => (
          <li key={v.view}>
            <Link
              to={deploymentPath(scenarioId, v.slug, search)}
              aria-current={v.view === current ? 'page' : undefined}
            >
              {v.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/**
 * The re-plan day and the optimality reference. The day is sent with a button, so typing a number
 * does not plan the force once per keystroke; the reference re-plans at once.
 */
export function PlanControls({
  envelope,
  query,
  onChange,
  updating,
}: {
  envelope: PlanEnvelope;
  query: PlanQuery;
  onChange: (changes: PlanQuery) => void;
  updating: boolean;
}) {
  const id = useId();
  const report = envelope.result;
  const [error, setError] = useState<string | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const raw = String(new FormData(e.currentTarget).get('today') ?? '').trim();
    if (raw === '') {
      setError(null);
      onChange({ today: undefined });
      return;
    }
    const n = Number(raw);
    if (!Number.isInteger(n) || n < TODAY_MIN || n > TODAY_MAX) {
      setError(`Enter a whole C-day from ${TODAY_MIN} to ${TODAY_MAX}, or leave it empty for the default.`);
      return;
    }
    setError(null);
    onChange({ today: n });
  };
  const busy = query.reference
    ? 'Re-planning and solving the LP reference: this can take a few minutes…'
    : 'Re-planning…';
  const source =
    report.forceList.source === 'stored'
      ? 'the stored force list'
      : 'a force list generated from the force-generation fill';
  return (
    <section className="panel assumptions" aria-labelledby={`${id}-h`} aria-busy={updating}>
      <h2 id={`${id}-h`}>Plan</h2>
      <div className="assumption-fields">
        <form className="plan-day-form" onSubmit={submit} noValidate>
          <div className={error ? 'field field-invalid' : 'field'}>
            <label htmlFor={`${id}-today`}>Re-plan from day</label>
            <div className="inline-input">
              <input
                key={query.today ?? 'default'}
                id={`${id}-today`}
                name="today"
                type="number"
                inputMode="numeric"
                step={1}
                min={TODAY_MIN}
                max={TODAY_MAX}
                className="input input-short"
                defaultValue={query.today ?? ''}
                placeholder={String(envelope.parameters.today)}
                aria-invalid={error ? true : undefined}
                aria-describedby={error ? `${id}-today-hint ${id}-today-error` : `${id}-today-hint`}
              />
              <button type="submit" className="button">
                Re-plan
              </button>
            </div>
            <p className="field-hint" id={`${id}-today-hint`}>
              C-day from which nothing new departs; empty: the day after the last recorded movement
            </p>
            {error && (
              <p className="field-error" id={`${id}-today-error`}>
                {error}
              </p>
            )}
          </div>
        </form>
        <div className="check-field">
          <input
            id={`${id}-ref`}
            type="checkbox"
            checked={query.reference === true}
            onChange={(e) => onChange({ reference: e.target.checked })}
            aria-describedby={`${id}-ref-hint`}
          />
          <label htmlFor={`${id}-ref`}>Compute optimality reference</label>
          <p className="field-hint" id={`${id}-ref-hint`}>
            Also solve the LP relaxation, a lower bound on lateness, to show how far the plan could improve
            (slow on a large force list)
          </p>
        </div>
      </div>
      <p className="assumption-summary">
        Planned from {datedDay(report.cDay, formatCDay)(envelope.parameters.today)} over a{' '}
        {formatNumber(report.horizonDays)}-day horizon, with {source} ({formatNumber(report.forceList.ulns)}{' '}
        ULNs).
      </p>
      {envelope.reference && <ReferenceResult reference={envelope.reference} report={envelope.result} />}
      <p className="visually-hidden" role="status">
        {updating ? busy : ''}
      </p>
      {updating && (
        <p className="updating" aria-hidden="true">
          <span className="spinner" /> {busy}
        </p>
      )}
    </section>
  );
}

/** The LP's verdict on the plan: the gap between its objective and the LP's lower bound. */
export function ReferenceResult({
  reference,
  report,
}: {
  reference: NonNullable<PlanEnvelope['reference']>;
  report: PlanEnvelope['result'];
}) {
  const seconds = `${reference.seconds.toFixed(1)} s`;
  return (
    <p className="plan-reference" role="group" aria-label="Optimality reference">
      {reference.gapPercent !== null && reference.objective !== null ? (
        <>
          <strong>Optimality gap {formatGap(reference.gapPercent)}</strong>: the plan’s objective of{' '}
          {formatNumber(Math.round(report.objective.value))} weighted personnel-days late against an LP lower
          bound of {formatNumber(Math.round(reference.objective))} (LP {reference.status}, {seconds}).
        </>
      ) : (
        <>
          <strong>No optimality bound</strong>: the LP ended “{reference.status}” after {seconds}.
        </>
      )}
    </p>
  );
}

/** `3.24` → `3.2%`; a gap under a tenth of a percent reads as such, not as 0%. */
export function formatGap(percent: number): string {
  if (percent <= 0) return '0%';
  if (percent < 0.1) return '<0.1%';
  return `${percent < 10 ? percent.toFixed(1) : Math.round(percent)}%`;
}
