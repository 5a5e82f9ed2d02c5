// The scenario settings: everything of the scenario header the API lets staff change, on one form.
// Its name, description and as-of date; the mission's planned C-day (once set, the deployment pages
// show calendar dates beside C+n), host nation, force target and sectors; and the deployment
// settings (RSOM and arrival window days, activation day, destination per sector, garrisons). Saved
// with PATCH /api/scenarios/:id and the header's version, like the record forms: a refused field's
// reason is shown next to it (a sector still in use that was renamed or removed, at the sector list),
// a stale version shows the header as it now stands with a way to reload it. Coalition staff only,
// as the API has it.
import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError, type ApiClient } from '../api-client.ts';
import {
  hasFormErrors,
  type FieldOption,
  type FieldSpec,
  type FormErrors,
  type FormValue,
  type FormValues,
} from '../components/record-form-model.ts';
import { scenarioSettingsFields } from '../components/header-form-specs.ts';
import { referenceOptions } from '../components/record-form-specs.ts';
import { RecordForm } from '../components/record-form.tsx';
import {
  sectorNamesOf,
  settingsIssuesByField,
  settingsPatchOf,
  settingsValuesOf,
  type SettingsHeader,
} from '../components/scenario-settings-model.ts';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { formatDate, formatDateTime, formatNumber, formatRange } from '../format.ts';
import { scenarioPath } from '../paths.ts';
import { Link, useRouter } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { useApi, useApiClient } from '../use-api.tsx';
import { EDIT_SLUG, backPathOf, canEditScenario, scenarioSettingsPath } from './edit-paths.ts';
import { SavedNotice, withSaved } from './edit-saved-notice.tsx';
import { ScenarioLayout, useScenario, type ScenarioSection } from './scenario-layout.tsx';
import {
  IssuesMessage,
  RefusedMessage,
  headerSaveFailure,
  type HeaderProblem,
} from '../components/form-problems.tsx';

export const SETTINGS_TITLE = 'Scenario settings';

/**
 * The settings page in the scenario's frame. The frame reads the header once and shows its name,
 * as-of date and C-day, so each save starts a new frame that reads the saved header; leaving the
 * page does too, as other pages' frames are another element.
 */
export function ScenarioSettingsFrame({
  scenarioId,
  sections,
}: {
  scenarioId: string;
  sections: readonly ScenarioSection[];
}) {
  const [saves, setSaves] = useState(0);
  return (
    <ScenarioLayout
      key={saves}
      scenarioId={scenarioId}
      sections={sections}
      current={{
        slug: EDIT_SLUG,
        label: SETTINGS_TITLE,
        render: () => <ScenarioSettingsPage onSaved={() => setSaves((n) => n + 1)} />,
      }}
    />
  );
}

interface SettingsInputs {
  header: SettingsHeader;
  nations: { id: string; name: string }[];
  capabilities: { code: string; name: string }[];
  nodes: unknown[];
}

export function ScenarioSettingsPage({ onSaved }: { onSaved: () => void }) {
  const scenario = useScenario();
  const user = useCurrentUser();
  const { search } = useRouter();
  const headingId = useId();
  const allowed = canEditScenario(user);
  const back = backPathOf(search, scenario.id, scenarioPath(scenario.id));
  // Read afresh, not from the frame's copy: the version sent must be the one the form was read at.
  const result = useApi(
    async (client, signal): Promise<SettingsInputs | null> => {
      if (!allowed) return null;
      const [header, nations, capabilities, nodes] = await Promise.all([
        client.getScenario(scenario.id, { signal }),
        client.listRecords(scenario.id, 'nations', { signal }),
        client.listRecords(scenario.id, 'capabilities', { signal }),
        client.listRecords(scenario.id, 'nodes', { signal }),
      ]);
      return {
        header,
        nations: nations.map((n) => ({ id: n.id as string, name: n.name })),
        capabilities: capabilities.map((c) => ({ code: c.code as string, name: c.name })),
        nodes,
      };
    },
    [scenario.id, allowed],
  );
  if (!allowed) {
    return (
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId}>{SETTINGS_TITLE}</h2>
        <p className="notice" role="note">
          Only coalition planners and administrators may change the scenario settings.
        </p>
        <p>
          <Link to={back}>Back</Link>
        </p>
      </section>
    );
  }
  if (result.status === 'loading') return <LoadingMessage>Loading the scenario settings…</LoadingMessage>;
  if (result.status === 'error' || result.data === null) {
    return (
      <ErrorMessage
        title="The scenario settings could not be loaded."
        error={result.status === 'error' ? result.error : new ApiError(0, 'client', 'nothing loaded')}
        onRetry={result.reload}
      >
        <Link to={back}>Back</Link>
      </ErrorMessage>
    );
  }
  return <SettingsEditor inputs={result.data} back={back} onSaved={onSaved} />;
}

export type SettingsProblemKind = HeaderProblem<SettingsHeader> | { kind: 'unchanged' };

function settingsFieldsFor(
  inputs: SettingsInputs,
  nodes: readonly FieldOption[],
  sectors: readonly string[],
): FieldSpec[] {
  return scenarioSettingsFields({
    nations: inputs.nations,
    capabilities: inputs.capabilities,
    references: { nodes },
    sectors,
  });
}

/**
 * The header patch as the client types it. Ours (SettingsPatch) holds the mission and settings as
 * read with the form laid over them, loosely typed; the API checks them against its schema.
 */
type HeaderPatch = Omit<Parameters<ApiClient['updateScenario']>[1], 'version'>;

function SettingsEditor({
  inputs,
  back,
  onSaved,
}: {
  inputs: SettingsInputs;
  back: string;
  onSaved: () => void;
}) {
  const scenario = useScenario();
  const client = useApiClient();
  const { navigate } = useRouter();
  const headingId = useId();
  const formBox = useRef<HTMLDivElement>(null);
  const [base, setBase] = useState<SettingsHeader>(inputs.header);
  const nodeOptions = useMemo(() => referenceOptions('nodes', inputs.nodes), [inputs.nodes]);
  const [values, setValues] = useState<FormValues>(() =>
    settingsValuesOf(settingsFieldsFor(inputs, nodeOptions, []), inputs.header),
  );
  // The destinations choose among the sectors as the form now lists them, new ones included.
  const sectorKey = sectorNamesOf(values).join('\n');
  const fields = useMemo(
    () => settingsFieldsFor(inputs, nodeOptions, sectorKey ? sectorKey.split('\n') : []),
    [inputs, nodeOptions, sectorKey],
  );
  const [errors, setErrors] = useState<FormErrors>({});
  const [problem, setProblem] = useState<SettingsProblemKind | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // After a refused save, focus goes to the first field at fault, else to the message about the form.
  useEffect(() => {
    if (attempt === 0) return;
    const box = formBox.current;
    const target =
      box?.querySelector<HTMLElement>('[aria-invalid="true"], .rows-field.field-invalid') ??
      box?.querySelector<HTMLElement>('.form-error');
    target?.focus();
  }, [attempt]);

  const change = (path: string, value: FormValue) => {
    setValues((v) => ({ ...v, [path]: value }));
    // A row's cells have errors of their own (`mission.sectors[1].name`): a changed list clears them.
    if (Object.keys(errors).some((k) => k === path || k.startsWith(`${path}[`)))
      setErrors((e) =>
        Object.fromEntries(Object.entries(e).filter(([k]) => k !== path && !k.startsWith(`${path}[`))),
      );
  };

  const save = async () => {
    const built = settingsPatchOf(fields, base, values);
    setProblem(null);
    if (hasFormErrors(built.errors)) {
      setErrors(built.errors);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    if (Object.keys(built.patch).length === 0) {
      setProblem({ kind: 'unchanged' });
      setAttempt((n) => n + 1);
      return;
    }
    setSubmitting(true);
    try {
      const saved = await client.updateScenario(scenario.id, {
        ...(built.patch as HeaderPatch),
        version: base.version,
      });
      navigate(
        withSaved(
          scenarioSettingsPath(scenario.id, { back }),
          `scenario settings (version ${saved.version})`,
        ),
        { replace: true },
      );
      onSaved();
    } catch (e) {
      setSubmitting(false);
      const failure = headerSaveFailure<SettingsHeader>(e, (issues) =>
        settingsIssuesByField(fields, issues, values),
      );
      setErrors(failure.errors);
      setProblem(failure.problem);
      setAttempt((n) => n + 1);
    }
  };

  const reload = (current: SettingsHeader) => {
    setBase(current);
    setValues(settingsValuesOf(fields, current));
    setErrors({});
    setProblem(null);
  };

  return (
    <section className="panel edit-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{SETTINGS_TITLE}</h2>
      <SavedNotice />
      <p className="panel-note">
        The scenario’s name and date, its mission and how its force list is drawn. Scenario version{' '}
        {base.version}, last changed {formatDateTime(base.updatedAt)}.
      </p>
      <div ref={formBox}>
        <RecordForm
          className="settings-form"
          submitLabel="Save settings"
          label={SETTINGS_TITLE}
          fields={fields}
          values={values}
          errors={errors}
          onChange={change}
          onSubmit={() => void save()}
          submitting={submitting}
          cancelTo={back}
          formError={
            problem && (
              <SettingsProblem
                problem={problem}
                onReload={reload}
                onKeepMine={(current) => {
                  setBase(current);
                  setProblem(null);
                }}
              />
            )
          }
        />
      </div>
    </section>
  );
}

export function SettingsProblem({
  problem,
  onReload,
  onKeepMine,
}: {
  problem: SettingsProblemKind;
  onReload: (current: SettingsHeader) => void;
  onKeepMine: (current: SettingsHeader) => void;
}) {
  if (problem.kind === 'unchanged') {
    return (
      <div className="form-error" role="alert" tabIndex={-1}>
        <p>Nothing has changed: there is nothing to save.</p>
      </div>
    );
  }
  if (problem.kind === 'issues') {
    return <IssuesMessage what={'scenario settings'} whole="The scenario" issues={problem.issues} />;
  }
  if (problem.kind === 'refused') return <RefusedMessage error={problem.error} />;
  const { current } = problem;
  return (
    <div className="form-error conflict" role="alert" tabIndex={-1}>
      <p>
        Someone else changed this scenario while you were editing: it is now at version {current.version}{' '}
        (changed {formatDateTime(current.updatedAt)}). Your changes were not saved.
      </p>
      <dl className="record-fields" aria-label="Scenario settings now">
        {headerFacts(current).map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      <p className="form-actions">
        <button type="button" className="button" onClick={() => onReload(current)}>
          Reload the current version
        </button>
        <button type="button" className="button button-secondary" onClick={() => onKeepMine(current)}>
          Keep my changes and save them over it
        </button>
      </p>
    </div>
  );
}

/** The header as it now stands, as terms and values, for the conflict message. */
export function headerFacts(header: SettingsHeader): [string, string][] {
  const { mission, deployment } = header;
  const target = mission.forceTarget;
  const range = target.range ? ` (range ${formatRange(target.range)})` : '';
  return [
    ['Name', header.name],
    ['As of', formatDate(header.asOf)],
    ['Planned C-day', mission.cDay ? formatDate(mission.cDay) : 'not set'],
    ['Host nation', mission.hostNation ?? 'none'],
    ['Target personnel', `${formatNumber(target.personnel)}${range}`],
    ['Sectors', mission.sectors.map((s) => s.name).join(', ') || 'none'],
    ...(deployment
      ? ([
          ['Onward movement (RSOM) days', String(deployment.onwardMovementDays)],
          ['Arrival window days', String(deployment.arrivalWindowDays)],
          [
            'Activation day',
            deployment.activationCDay === undefined ? 'C-day' : String(deployment.activationCDay),
          ],
          [
            'Critical equipment share',
            deployment.criticalEquipmentShare === undefined
              ? 'default'
              : String(deployment.criticalEquipmentShare),
          ],
          [
            'Follow-on equipment',
            deployment.followOnArrival === 'after-lad' ? 'may arrive after its LAD' : 'by its LAD',
          ],
          ['Sector destinations', String(Object.keys(deployment.sectorDestinations).length)],
          ['Garrisons', String(deployment.garrisons.length)],
        ] as [string, string][])
      : ([['Deployment settings', 'none']] as [string, string][])),
  ];
}
