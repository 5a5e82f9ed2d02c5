// Risk (issue 15): the force against the line of contact and up the escalation ladder. The map shows
// the line, the distance bands around it, the units where the plan puts them and the threatened
// sector; then the exposure per band and nation with the caveats and red lines the plan breaks, the
// ladder with each rung's red lines and the force remaining there, who can reach the threatened
// sector within 24, 48 and 72 hours, and the risk register on the ATP 5-19 matrix. Every choice (the
// fill assumptions, the climb probability and Monte Carlo, the sector, day and movement
// assumptions) is kept in the address, so a view can be bookmarked and briefed. Planners and
// administrators may replace the line of contact from a GeoJSON file under the map, and edit the
// escalation ladder under its rungs; the page then reads the scenario at its new version, so every
// figure is computed again against the new line or ladder.
import { ShortNumberField } from '../components/short-number-field.tsx';
import { useId, useMemo, useState, type FormEvent, type ReactNode } from 'react';
import type { StoredScenario } from '../../../src/domain/records.ts';
import type { AnalysisAnswer } from '../api-client.ts';
import {
  AssumptionControls,
  Figure,
  PartialNotice,
  formatCDay,
  formatProbability,
  useAssumptions,
  useNationNames,
  withQuery,
  type Assumptions,
} from '../components/analysis-common.tsx';
import { AnalysisShell } from '../components/analysis-shell.tsx';
import { useMapProjection } from '../components/deployment-map.tsx';
import type { Projector } from '../components/deployment-model.ts';
import { useEuropeMapModel, type MapModelState } from '../components/map-europe.tsx';
import { ExposurePanel, NoteList } from '../components/risk-exposure.tsx';
import { LadderPanel } from '../components/risk-ladder.tsx';
import { RiskMapPanel, type SectorPlace } from '../components/risk-map.tsx';
import { formatKm, rungLabel } from '../components/risk-model.ts';
import { RegisterPanel } from '../components/risk-register.tsx';
import { RiskLadderEditor } from '../components/risk-ladder-editor.tsx';
import { RiskLineImport } from '../components/risk-line-import.tsx';
import { RespondPanel, type ThreatChoice } from '../components/risk-respond.tsx';
import { formatDate, formatNumber } from '../format.ts';
import { useRouter } from '../router.tsx';
import { useApi } from '../use-api.tsx';
import { DRAWS_MAX, SEED_MAX, readMonteCarlo } from './resilience-page.tsx';
import { useScenario } from './scenario-layout.tsx';

/** The same clip margin as the deployment map, so the two share one computed map of Europe. */
const RISK_MAP_MARGIN = 600;

/** What the Risk page reads from its address besides the fill assumptions and the Monte Carlo. */
export interface RiskQuery {
  sector?: string;
  day?: number;
  noticeHours?: number;
  marchKmh?: number;
  climb?: number;
}

/** `?sector=Odesa&day=30&noticeHours=12&marchKmh=20&climb=0.3`; values out of range are left out. */
export function readRiskQuery(search: string): RiskQuery {
  const q = new URLSearchParams(search);
  const int = (name: string, min: number, max: number) => {
    const raw = q.get(name);
    if (raw === null || !/^\d{1,6}$/.test(raw)) return undefined;
    const n = Number(raw);
    return n >= min && n <= max ? n : undefined;
  };
  const sector = q.get('sector')?.trim();
  const climbText = q.get('climb');
  const climb = climbText !== null && /^\d*\.?\d+$/.test(climbText) ? Number(climbText) : undefined;
  const day = int('day', 0, 3650);
  const noticeHours = int('noticeHours', 0, 720);
  const marchKmh = int('marchKmh', 1, 200);
  return {
    ...(sector && { sector }),
    ...(day !== undefined && { day }),
    ...(noticeHours !== undefined && { noticeHours }),
    ...(marchKmh !== undefined && { marchKmh }),
    ...(climb !== undefined && climb <= 1 && { climb }),
  };
}

/** Each sector's place: its destination node (the deployment settings), where the nodes are known. */
function useSectorPlaces(scenario: Pick<StoredScenario, 'id' | 'version' | 'deployment'>): {
  places: ReadonlyMap<string, SectorPlace>;
  loading: boolean;
} {
  const nodes = useApi(
    (client, signal) => client.listRecords(scenario.id, 'nodes', { signal }),
    [scenario.id, scenario.version],
  );
  const destinations = scenario.deployment?.sectorDestinations;
  const places = useMemo(() => {
    const out = new Map<string, SectorPlace>();
    if (nodes.status !== 'ready' || !destinations) return out;
    const byId = new Map(nodes.data.map((n) => [n.id as string, n]));
    for (const [sector, node] of Object.entries(destinations)) {
      const n = byId.get(node);
      if (n) out.set(sector, { sector, node, lon: n.lon, lat: n.lat });
    }
    return out;
  }, [nodes, destinations]);
  return { places, loading: nodes.status === 'loading' };
}

export function RiskPage() {
  const framed = useScenario();
  // The header as this page last stored (a line imported, the ladder edited) or reloaded it (after a
  // stale version): the frame read it once, and its version is what asks for the analysis again.
  const [latest, setLatest] = useState<StoredScenario | null>(null);
  const scenario: StoredScenario = latest && latest.version > framed.version ? latest : framed;
  const { path, search, navigate } = useRouter();
  const [assumptions, setAssumptions] = useAssumptions();
  const monteCarlo = readMonteCarlo(search);
  const risk = readRiskQuery(search);
  const names = useNationNames(scenario.id, scenario.version);
  const map = useEuropeMapModel(RISK_MAP_MARGIN);
  const project = useMapProjection();
  const sectors = useSectorPlaces(scenario);
  const set = (changes: Record<string, string | number | undefined>) =>
    navigate(path + withQuery(search, changes), { replace: true });
  return (
    <AnalysisShell
      scenario={scenario}
      kind="risk"
      query={{ ...assumptions, ...monteCarlo, ...risk }}
      loading="Running the risk analysis…"
      failed="The risk analysis could not be run."
    >
      {(envelope) => (
        <RiskView
          scenarioId={scenario.id}
          envelope={envelope}
          names={names}
          assumptions={assumptions}
          onAssumptionsChange={setAssumptions}
          onRun={(climb, draws, seed) => set({ climb, draws, seed })}
          onThreat={(choice) => set({ ...choice })}
          map={map}
          project={project}
          sectorPlaces={sectors.places}
          sectorsLoading={sectors.loading}
          lineImport={<RiskLineImport scenario={scenario} onSaved={setLatest} onReload={setLatest} />}
          ladderEditor={<RiskLadderEditor scenario={scenario} onSaved={setLatest} onReload={setLatest} />}
        />
      )}
    </AnalysisShell>
  );
}

export interface RiskViewProps {
  scenarioId: string;
  envelope: AnalysisAnswer<'risk'>;
  names: ReadonlyMap<string, string>;
  assumptions: Assumptions;
  onAssumptionsChange: (changes: Partial<Assumptions>) => void;
  onRun: (climb: number, draws: number, seed: number) => void;
  onThreat: (choice: ThreatChoice) => void;
  map: MapModelState;
  project: Projector | null;
  sectorPlaces: ReadonlyMap<string, SectorPlace>;
  sectorsLoading?: boolean;
  /** The way to replace the line of contact (for those who may), shown under the map. */
  lineImport?: ReactNode;
  /** The way to edit the escalation ladder (for those who may), shown under its rungs. */
  ladderEditor?: ReactNode;
}

export function RiskView({
  scenarioId,
  envelope,
  names,
  assumptions,
  onAssumptionsChange,
  onRun,
  onThreat,
  map,
  project,
  sectorPlaces,
  sectorsLoading = false,
  lineImport,
  ladderEditor,
}: RiskViewProps) {
  const result = envelope.result;
  const p = envelope.parameters;
  const r = p.respond;
  return (
    <>
      <h2 className="visually-hidden">Risk</h2>
      <PartialNotice partial={envelope.partial} />
      <AssumptionControls
        value={assumptions}
        onChange={onAssumptionsChange}
        summary={
          <>
            As of {formatDate(envelope.asOf)}; offers from status “{p.minStatus}” up count. Threatened sector{' '}
            {r.sector ?? 'none (no sector has a place)'}
            {r.day !== null && <> on {formatCDay(r.day)}</>}; land units on {formatNumber(r.noticeHours.land)}{' '}
            h notice to move, road march at {formatNumber(r.marchKmh)} km/h. Each rung is climbed from the one
            below with probability {formatProbability(p.climb)}; {formatNumber(p.draws)} draws, seed {p.seed}.
          </>
        }
      >
        <EscalationForm
          key={`${p.climb}/${p.draws}/${p.seed}`}
          climb={p.climb}
          draws={p.draws}
          seed={p.seed}
          onRun={onRun}
        />
      </AssumptionControls>
      <RiskFigures result={result} />
      {result.notes.length > 0 && (
        <section className="panel" aria-label="Notes">
          <h2>Notes</h2>
          <NoteList notes={result.notes} />
        </section>
      )}
      <RiskMapPanel
        result={result}
        map={map}
        project={project}
        sector={result.respond?.sector ?? null}
        sectorPlaces={sectorPlaces}
        sectorsLoading={sectorsLoading}
      />
      {lineImport}
      <ExposurePanel result={result} names={names} />
      <LadderPanel
        scenarioId={scenarioId}
        result={result}
        names={names}
        draws={p.draws}
        editor={ladderEditor}
      />
      <RespondPanel result={result} parameters={r} names={names} onChange={onThreat} />
      <RegisterPanel scenarioId={scenarioId} register={result.register} />
    </>
  );
}

/** The few figures a briefing opens with; each only when its part of the analysis is there. */
function RiskFigures({ result }: { result: AnalysisAnswer<'risk'>['result'] }) {
  const { headline, ladder, respond } = result;
  const within = headline.personnelWithin;
  const outer = within[within.length - 1];
  const top = ladder?.rungs[ladder.rungs.length - 1];
  const at48 = headline.respondWithin48h;
  const first48 = at48[0];
  const last48 = at48[at48.length - 1];
  const rungOf = (id: string) => ladder?.rungs.find((x) => x.id === id);
  if (!outer && !top && !first48 && !result.exposure) return null;
  return (
    <section aria-label="Risk figures" className="figures">
      {outer && (
        <Figure
          label={`Within ${formatKm(outer.withinKm)} of the line`}
          value={formatNumber(outer.personnel)}
          unit="personnel"
        >
          {within
            .slice(0, -1)
            .map((w) => `${formatKm(w.withinKm)}: ${formatNumber(w.personnel)}`)
            .join(' · ')}
        </Figure>
      )}
      {result.exposure && (
        <Figure
          label="Caveats, red lines and zones breached"
          value={formatNumber(headline.flags)}
          tone={headline.flags > 0 ? 'shortfall' : 'met'}
        >
          Where a unit stands nearer the line, or in a zone, than its nation allows
        </Figure>
      )}
      {respond && first48 && last48 && (
        <Figure
          label={`Within 48 h of ${respond.sector}`}
          value={formatNumber(first48.personnel)}
          unit="personnel"
        >
          At the lowest rung; {formatNumber(last48.personnel)} at{' '}
          {rungOf(last48.rung) ? rungLabel(rungOf(last48.rung)!) : last48.rung}
        </Figure>
      )}
      {ladder && top && (
        <Figure
          label="Force at the top rung (P50)"
          value={formatNumber(top.personnelMatched.p50)}
          unit="personnel"
          tone={top.probabilityTargetMet < 0.5 ? 'shortfall' : 'met'}
        >
          {rungLabel(top)}: P10 {formatNumber(top.personnelMatched.p10)}; the target of{' '}
          {formatNumber(ladder.personnelTarget)} is met in {formatProbability(top.probabilityTargetMet)} of
          draws
        </Figure>
      )}
    </section>
  );
}

type EscalationField = 'climb' | 'draws' | 'seed';

/** The escalation Monte Carlo's settings: the chance of climbing each rung, the draws and the seed. */
function EscalationForm({
  climb,
  draws,
  seed,
  onRun,
}: {
  climb: number;
  draws: number;
  seed: number;
  onRun: (climb: number, draws: number, seed: number) => void;
}) {
  const id = useId();
  const [text, setText] = useState<Record<EscalationField, string>>({
    climb: String(climb),
    draws: String(draws),
    seed: String(seed),
  });
  const [error, setError] = useState<{ field: EscalationField; message: string } | null>(null);
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    const c = Number(text.climb.trim());
    const d = Number(text.draws.trim());
    const s = Number(text.seed.trim());
    if (!/^\d*\.?\d+$/.test(text.climb.trim()) || c > 1) {
      setError({ field: 'climb', message: 'The climb probability must be a number from 0 to 1.' });
    } else if (!/^\d+$/.test(text.draws.trim()) || d < 1 || d > DRAWS_MAX) {
      setError({
        field: 'draws',
        message: `Draws must be a whole number from 1 to ${formatNumber(DRAWS_MAX)}.`,
      });
    } else if (!/^\d+$/.test(text.seed.trim()) || !Number.isSafeInteger(s) || s > SEED_MAX) {
      setError({ field: 'seed', message: 'The seed must be a whole number from 0 up.' });
    } else {
      setError(null);
      onRun(c, d, s);
    }
  };
  const field = (name: EscalationField, label: string, hint: string) => (
    <ShortNumberField
      formId={id}
      name={name}
      label={label}
      hint={hint}
      value={text[name]}
      onChange={(v) => setText((t) => ({ ...t, [name]: v }))}
      invalid={error?.field === name}
      decimal={name === 'climb'}
    />
  );
  return (
    <form className="monte-carlo-form" onSubmit={submit} aria-label="Escalation Monte Carlo" noValidate>
      {field('climb', 'Climb probability', 'Of each rung from the one below, 0 to 1')}
      {field('draws', 'Draws', `1 to ${formatNumber(DRAWS_MAX)}`)}
      {field('seed', 'Seed', 'Same seed, same answer')}
      <button type="submit" className="button">
        Run
      </button>
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error.message}
        </p>
      )}
    </form>
  );
}
