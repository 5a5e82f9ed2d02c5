// The form pages of every kind of record: one page creates a record, another changes one (with the
// version it was read at, as a JSON merge patch of the fields changed) or deletes it. What the API
// refuses is shown where it belongs: a field's problem next to the field (matched by the issue's
// path), a version conflict with the record as it now stands and a way to reload it, a refusal (403)
// with the API's reason. After saving, the user is back on the page they came from, whose figures are
// fetched afresh and so include the change. The fields of each kind are in record-form-specs.ts.
import { useEffect, useId, useMemo, useRef, useState, type ReactNode } from 'react';
import { LIAISON_WRITABLE } from '../../../src/domain/access.ts';
import { ladderOf } from '../../../src/domain/escalation.ts';
import { ENTITY_KEY } from '../../../src/domain/records.ts';
import type { ApiError } from '../api-client.ts';
import { type ApiIssue, type StoredRecord, type UserView, asApiError } from '../api-client.ts';
import { RecordForm } from '../components/record-form.tsx';
import {
  hasFormErrors,
  issuesByField,
  option,
  patchOf,
  recordOf,
  valuesOf,
  type FieldSpec,
  type FormErrors,
  type FormValue,
  type FormValues,
  type ReferenceKind,
} from '../components/record-form-model.ts';
import { REFERENCES_OF, formFieldsOf, referenceOptions } from '../components/record-form-specs.ts';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { formatDateTime } from '../format.ts';
import { recordPagePath, scenarioPath } from '../paths.ts';
import { KIND_NAMES } from '../record-kinds.ts';
import { Link, useRouter, type Route } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { useApi, useApiClient } from '../use-api.tsx';
import { DeleteRecordPanel } from './delete-record-panel.tsx';
import { BRANCH_TITLE, BranchPage } from './branch-page.tsx';
import { DeliveryProbabilityPage } from './delivery-probability-page.tsx';
import {
  DELIVERY_PROBABILITY_SLUG,
  EDIT_SLUG,
  NEW_SLUG,
  SCENARIO_SETTINGS_SLUG,
  BRANCH_SLUG,
  backPathOf,
  canEditRecord,
  editableKindOfPath,
  kindWord,
  nationOfQuery,
  nationsForUser,
  newRecordPath,
  type EditableKind,
} from './edit-paths.ts';
import { withSaved } from './edit-saved-notice.tsx';
import { RecordView } from './record-page.tsx';
import { ScenarioSettingsFrame } from './scenario-settings-page.tsx';
import { ScenarioLayout, useScenario, type ScenarioSection } from './scenario-layout.tsx';
import { IssuesMessage, RefusedMessage } from '../components/form-problems.tsx';

/** The form routes, inside the scenario's frame. */
export function editRecordRoutes(sections: readonly ScenarioSection[]): Route[] {
  return [
    {
      path: `/scenarios/:id/${EDIT_SLUG}/${DELIVERY_PROBABILITY_SLUG}`,
      render: ({ id = '' }) => (
        <ScenarioLayout
          scenarioId={id}
          sections={sections}
          current={{
            slug: EDIT_SLUG,
            label: 'Delivery probabilities',
            render: () => <DeliveryProbabilityPage />,
          }}
        />
      ),
    },
    {
      path: `/scenarios/:id/${EDIT_SLUG}/${BRANCH_SLUG}`,
      render: ({ id = '' }) => (
        <ScenarioLayout
          scenarioId={id}
          sections={sections}
          current={{ slug: EDIT_SLUG, label: BRANCH_TITLE, render: () => <BranchPage /> }}
        />
      ),
    },
    {
      path: `/scenarios/:id/${EDIT_SLUG}/${SCENARIO_SETTINGS_SLUG}`,
      render: ({ id = '' }) => <ScenarioSettingsFrame scenarioId={id} sections={sections} />,
    },
    {
      path: `/scenarios/:id/${NEW_SLUG}/:kind`,
      render: ({ id = '', kind = '' }) => (
        <ScenarioLayout
          scenarioId={id}
          sections={sections}
          current={{
            slug: NEW_SLUG,
            label: newTitle(kind),
            render: () => <EditRecordPage kindPath={kind} />,
          }}
        />
      ),
    },
    {
      path: `/scenarios/:id/${EDIT_SLUG}/:kind/:key`,
      render: ({ id = '', kind = '', key = '' }) => (
        <ScenarioLayout
          scenarioId={id}
          sections={sections}
          current={{
            slug: EDIT_SLUG,
            label: `Edit ${key}`,
            render: () => <EditRecordPage kindPath={kind} recordKey={key} />,
          }}
        />
      ),
    },
  ];
}

function newTitle(kindPath: string): string {
  const kind = editableKindOfPath(kindPath);
  return kind ? `New ${kindWord(kind)}` : 'New record';
}

interface FormInputs {
  nations: StoredRecord<'nations'>[];
  capabilities: StoredRecord<'capabilities'>[];
  /** The records the form's selects name, by kind: those the user is shown. */
  references: Partial<Record<ReferenceKind, unknown[]>>;
  record: StoredRecord<EditableKind> | undefined;
}

/** The nation a record belongs to: its `nation`, or a nation's own id. */
export function nationOfRecord(kind: EditableKind, record: unknown): string | undefined {
  const rec = record as { nation?: unknown; id?: unknown } | undefined;
  const nation = kind === 'nations' ? rec?.id : rec?.nation;
  return typeof nation === 'string' ? nation : undefined;
}

export function EditRecordPage({ kindPath, recordKey }: { kindPath: string; recordKey?: string }) {
  const scenario = useScenario();
  const kind = editableKindOfPath(kindPath);
  if (!kind) {
    return (
      <section className="panel" aria-label="Record form">
        <h2>No form for this kind of record</h2>
        <p>
          “{kindPath}” is not a kind of record.{' '}
          <Link to={scenarioPath(scenario.id)}>Back to the overview</Link>
        </p>
      </section>
    );
  }
  return <LoadedForm kind={kind} recordKey={recordKey} />;
}

function LoadedForm({ kind, recordKey }: { kind: EditableKind; recordKey: string | undefined }) {
  const scenario = useScenario();
  const user = useCurrentUser();
  const result = useApi(
    async (client, signal): Promise<FormInputs> => {
      const wanted = REFERENCES_OF[kind];
      const others = wanted.filter((k): k is ReferenceKind => k !== 'capabilities');
      const [nations, capabilities, record, ...lists] = await Promise.all([
        client.listRecords(scenario.id, 'nations', { signal }),
        wanted.includes('capabilities')
          ? client.listRecords(scenario.id, 'capabilities', { signal })
          : Promise.resolve([]),
        recordKey === undefined
          ? Promise.resolve(undefined)
          : (client.getRecord(scenario.id, kind, recordKey, { signal }) as Promise<
              StoredRecord<EditableKind>
            >),
        ...others.map((k) => client.listRecords(scenario.id, k, { signal }) as Promise<unknown[]>),
      ]);
      const references = Object.fromEntries(others.map((k, i) => [k, lists[i] ?? []]));
      return { nations, capabilities, references, record };
    },
    [scenario.id, kind, recordKey],
  );
  const what = kindWord(kind);
  if (result.status === 'loading') return <LoadingMessage>Loading the form…</LoadingMessage>;
  if (result.status === 'error') {
    const missing = result.error.status === 404;
    return (
      <ErrorMessage
        title={
          missing
            ? `There is no ${what} “${recordKey ?? ''}” that you may see.`
            : 'The form could not be loaded.'
        }
        error={result.error}
        onRetry={missing ? undefined : result.reload}
      >
        <Link to={scenarioPath(scenario.id)}>Back to the overview</Link>
      </ErrorMessage>
    );
  }
  return <RecordEditor kind={kind} inputs={result.data} user={user} />;
}

/** Where a form returns to when it was not told: the page that shows records of its kind. */
export function defaultBackPath(scenarioId: string, kind: EditableKind, key: string | undefined): string {
  if (kind === 'stances') return scenarioPath(scenarioId, 'nations');
  if (kind === 'pledges') return scenarioPath(scenarioId, 'funding');
  return key ? recordPagePath(scenarioId, kind, key) : scenarioPath(scenarioId);
}

/** Kinds whose new records are best seen on their own page after saving (no page lists them). */
function showsNewOnItsPage(kind: EditableKind): boolean {
  return kind !== 'stances' && kind !== 'pledges';
}

function todayIso(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The form's starting values for a new record of `kind` for `nation` (may be empty). */
export function newRecordValues(
  kind: EditableKind,
  fields: readonly FieldSpec[],
  nation: string,
  currencyOf: (nation: string) => string | undefined,
  today = todayIso(),
): FormValues {
  const values = valuesOf(fields, undefined);
  if (fields.some((f) => f.path === 'nation')) values.nation = nation;
  if (kind === 'pledges') {
    values.currency = currencyOf(nation) ?? '';
    values.date = today;
    values.stage = 'committed';
  } else if (kind === 'stances') {
    values.date = today;
  } else if (kind === 'offers') {
    values.status = 'offered';
  } else if (kind === 'ulns' || kind === 'requirements') {
    // The middle of the scale: the planner raises or lowers it.
    values.priority = '3';
  } else if (kind === 'arcs') {
    values.transitDays = '1';
  }
  return values;
}

export type FormProblem =
  | { kind: 'issues'; issues: ApiIssue[] }
  | { kind: 'refused'; error: ApiError }
  | { kind: 'conflict'; current: StoredRecord<EditableKind>; error: ApiError }
  | { kind: 'unchanged' };

interface RecordEditorProps {
  kind: EditableKind;
  inputs: FormInputs;
  user: Pick<UserView, 'role' | 'nation'>;
}

function RecordEditor({ kind, inputs, user }: RecordEditorProps) {
  const scenario = useScenario();
  const client = useApiClient();
  const { search, navigate } = useRouter();
  const headingId = useId();
  const formBox = useRef<HTMLDivElement>(null);
  const isNew = inputs.record === undefined;
  const scenarioSectors = useScenario().mission.sectors;
  const scenarioLadder = useScenario().escalation;
  const names = KIND_NAMES[kind];
  const what = names.one.toLowerCase();

  const allowedNations = useMemo(
    () =>
      nationsForUser(user, kind, inputs.nations).map((n) => ({
        id: n.id as string,
        name: n.name,
        currency: n.currency,
      })),
    [user, kind, inputs.nations],
  );
  const fields = useMemo(
    () =>
      formFieldsOf(kind, {
        nations: allowedNations,
        capabilities: inputs.capabilities.map((c) => ({ code: c.code as string, name: c.name })),
        sectors: scenarioSectors.map((sector) => sector.name),
        rungs: ladderOf(scenarioLadder).map((r) => option(r.id, `${r.level}. ${r.name} (${r.id})`)),
        references: Object.fromEntries(
          Object.entries(inputs.references).map(([k, records]) => [
            k,
            referenceOptions(k as ReferenceKind, records),
          ]),
        ),
      }),
    [kind, allowedNations, inputs.capabilities, inputs.references, scenarioSectors, scenarioLadder],
  );
  const currencyOf = (nation: string) => allowedNations.find((n) => n.id === nation)?.currency;

  const [base, setBase] = useState(inputs.record);
  const [values, setValues] = useState<FormValues>(() => {
    if (inputs.record) return valuesOf(fields, inputs.record);
    const wanted = nationOfQuery(search);
    const nation = allowedNations.some((n) => n.id === wanted)
      ? wanted
      : allowedNations.length === 1
        ? (allowedNations[0]?.id ?? '')
        : '';
    return newRecordValues(kind, fields, nation, currencyOf);
  });
  const [errors, setErrors] = useState<FormErrors>({});
  const [problem, setProblem] = useState<FormProblem | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);
  const [deleted, setDeleted] = useState<string | null>(null);

  // After a refused save, focus goes to the first field at fault, else to the message about the form.
  useEffect(() => {
    if (attempt === 0) return;
    const box = formBox.current;
    const target =
      box?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      box?.querySelector<HTMLElement>('.form-error');
    target?.focus();
  }, [attempt]);

  const key = inputs.record
    ? String((inputs.record as unknown as Record<string, unknown>)[ENTITY_KEY[kind]])
    : undefined;
  const back = backPathOf(search, scenario.id, defaultBackPath(scenario.id, kind, key));

  if (isNew && allowedNations.length === 0) {
    return (
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId}>New {what}</h2>
        <p className="notice" role="note">
          {user.role === 'liaison'
            ? `Your nation (${user.nation ?? 'none'}) is not among this scenario's nations you may see, so you cannot add ${names.many.toLowerCase()} here.`
            : `Your role may not add ${names.many.toLowerCase()}; ask a coalition planner.`}
        </p>
        <p>
          <Link to={back}>Back</Link>
        </p>
      </section>
    );
  }
  const recordNation = nationOfRecord(kind, inputs.record);
  if (!isNew && !canEditRecord(user, kind, recordNation)) {
    return (
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId}>
          {names.one} <code>{key}</code>
        </h2>
        <p className="notice" role="note">
          {LIAISON_WRITABLE.has(kind)
            ? `Only coalition planners and liaison officers of ${recordNation ?? 'its nation'} may change this ${what}.`
            : `Only coalition planners and administrators may change this ${what}.`}
        </p>
        <p>
          <Link to={back}>Back</Link>
        </p>
      </section>
    );
  }

  if (deleted) {
    return (
      <section className="panel" aria-labelledby={headingId}>
        <h2 id={headingId}>
          {names.one} <code>{key}</code>
        </h2>
        <p className="notice notice-good" role="status">
          Deleted: {deleted}.
        </p>
        <p className="record-actions">
          <Link to={scenarioPath(scenario.id)}>Back to the overview</Link>{' '}
          <Link to={newRecordPath(scenario.id, kind)}>New {what}</Link>
        </p>
      </section>
    );
  }

  const change = (path: string, value: FormValue) => {
    setValues((v) => {
      const next = { ...v, [path]: value };
      // A pledge is usually in its nation's currency: follow the nation until the user picks another.
      if (kind === 'pledges' && path === 'nation' && typeof value === 'string') {
        const previous = typeof v.nation === 'string' ? currencyOf(v.nation) : undefined;
        if (v.currency === '' || v.currency === previous)
          next.currency = currencyOf(value) ?? v.currency ?? '';
      }
      // A movement belongs to its ULN's nation, which the ULN names (GBR-0001): follow it.
      if (kind === 'movements' && path === 'uln' && typeof value === 'string') {
        const nation = value.slice(0, 3);
        if (allowedNations.some((n) => n.id === nation)) next.nation = nation;
      }
      return next;
    });
    // Its own message goes once the field changes (for a list of rows, those of its cells too).
    if (Object.keys(errors).some((p) => p === path || p.startsWith(`${path}[`))) {
      setErrors((e) =>
        Object.fromEntries(Object.entries(e).filter(([p]) => p !== path && !p.startsWith(`${path}[`))),
      );
    }
  };

  const save = async () => {
    const built = recordOf(fields, values, { skipKey: !isNew });
    setProblem(null);
    if (hasFormErrors(built.errors)) {
      setErrors(built.errors);
      setAttempt((n) => n + 1);
      return;
    }
    setErrors({});
    setSubmitting(true);
    try {
      let saved: StoredRecord<EditableKind>;
      if (isNew) {
        saved = (await client.createRecord(
          scenario.id,
          kind,
          built.record as never,
        )) as StoredRecord<EditableKind>;
      } else {
        const patch = patchOf(fields, base, built.record);
        if (Object.keys(patch).length === 0) {
          setProblem({ kind: 'unchanged' });
          setSubmitting(false);
          setAttempt((n) => n + 1);
          return;
        }
        saved = (await client.updateRecord(scenario.id, kind, key ?? '', {
          ...patch,
          version: base?.version ?? 0,
        } as never)) as StoredRecord<EditableKind>;
      }
      const savedKey = String((saved as unknown as Record<string, unknown>)[ENTITY_KEY[kind]]);
      const target =
        isNew && showsNewOnItsPage(kind) && !new URLSearchParams(search).get('back')
          ? recordPagePath(scenario.id, kind, savedKey)
          : back;
      navigate(withSaved(target, `${what} ${savedKey} (version ${saved.version})`));
    } catch (e) {
      setSubmitting(false);
      const error = asApiError(e);
      if (error.status === 400 && error.issues.length > 0) {
        const sorted = issuesByField(fields, error.issues);
        setErrors(sorted.errors);
        setProblem(sorted.general.length > 0 ? { kind: 'issues', issues: sorted.general } : null);
      } else if (error.status === 409 && !isNew && isRecord(error.current)) {
        setProblem({
          kind: 'conflict',
          current: error.current as unknown as StoredRecord<EditableKind>,
          error,
        });
      } else if (error.status === 409 && isNew && fields.some((f) => f.keyField)) {
        setErrors({ id: sentenceOf(error.message) });
      } else {
        // A refusal may name the field it is about (a liaison officer's "lead" stance): shown there too.
        if (error.issues.length > 0) setErrors(issuesByField(fields, error.issues).errors);
        setProblem({ kind: 'refused', error });
      }
      setAttempt((n) => n + 1);
    }
  };

  const reloadCurrent = (current: StoredRecord<EditableKind>) => {
    setBase(current);
    setValues(valuesOf(fields, current));
    setErrors({});
    setProblem(null);
  };
  const keepMine = (current: StoredRecord<EditableKind>) => {
    setBase(current);
    setProblem(null);
  };

  return (
    <section className="panel edit-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>
        {isNew ? (
          `New ${what}`
        ) : (
          <>
            Edit {what} <code>{key}</code>
          </>
        )}
      </h2>
      {base && (
        <p className="panel-note">
          Version {base.version}, last changed {formatDateTime(base.updatedAt)}. Only the fields you change
          are sent; if someone else changes this {what} first, you are told and can reload it.
        </p>
      )}
      <div ref={formBox}>
        <RecordForm
          label={isNew ? `New ${what}` : `Edit ${what} ${key ?? ''}`}
          fields={fields}
          values={values}
          errors={errors}
          onChange={change}
          onSubmit={() => void save()}
          submitting={submitting}
          submitLabel={isNew ? `Add ${what}` : 'Save changes'}
          cancelTo={back}
          lockKey={!isNew}
          formError={
            problem && (
              <ProblemMessage
                problem={problem}
                kind={kind}
                recordKey={key ?? ''}
                onReload={reloadCurrent}
                onKeepMine={keepMine}
              />
            )
          }
        />
      </div>
      {!isNew && base && (
        <DeleteRecordPanel
          kind={kind}
          recordKey={key ?? ''}
          version={base.version}
          onDeleted={(text) => {
            // The record's own page is gone with it: say so here rather than return to a "not found".
            if (back.split('?')[0] === recordPagePath(scenario.id, kind, key ?? '')) setDeleted(text);
            else navigate(withSaved(back, text));
          }}
        />
      )}
    </section>
  );
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && typeof (v as { version?: unknown }).version === 'number';
}

function sentenceOf(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1);
  return /[.!?]$/.test(text) ? text : `${text}.`;
}

export function ProblemMessage({
  problem,
  kind,
  recordKey,
  onReload,
  onKeepMine,
}: {
  problem: FormProblem;
  kind: EditableKind;
  recordKey: string;
  onReload: (current: StoredRecord<EditableKind>) => void;
  onKeepMine: (current: StoredRecord<EditableKind>) => void;
}): ReactNode {
  const what = kindWord(kind);
  if (problem.kind === 'unchanged') {
    return (
      <div className="form-error form-note" role="status" tabIndex={-1}>
        Nothing has changed: there is nothing to save.
      </div>
    );
  }
  if (problem.kind === 'issues') {
    return <IssuesMessage what={what} whole="The record" issues={problem.issues} />;
  }
  if (problem.kind === 'refused') return <RefusedMessage error={problem.error} />;
  const { current } = problem;
  return (
    <div className="form-error conflict" role="alert" tabIndex={-1}>
      <p>
        Someone else changed this {what} while you were editing it: it is now at version {current.version}{' '}
        (changed {formatDateTime(current.updatedAt)}). Your changes were not saved.
      </p>
      <RecordView kind={kind} recordKey={recordKey} record={current} />
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
