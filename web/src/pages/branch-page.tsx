// Branching a variant from the UI (planners and administrators): the variant's id and name and the
// what-ifs to make (a nation joins, a nation withdraws, the US backstop, a place closed for given
// days, a new target), made in that order by POST /api/scenarios/:id/branch. A refused what-if's
// reason is shown at its field; the new variant opens on its overview, whose frame says what each
// what-if changed and where it alone moves nothing.
import { useId, useMemo, useState } from 'react';
import type { ScenarioSummary } from '../../../src/domain/records.ts';
import type { ApiIssue, StoredRecord } from '../api-client.ts';
import { asApiError } from '../api-client.ts';
import { IssuesMessage, RefusedMessage } from '../components/form-problems.tsx';
import { RecordForm } from '../components/record-form.tsx';
import {
  choose,
  hasFormErrors,
  issuesByField,
  option,
  recordOf,
  valuesOf,
  type FieldSpec,
  type FormErrors,
  type FormValue,
  type FormValues,
} from '../components/record-form-model.ts';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { scenarioPath } from '../paths.ts';
import { Link, useRouter } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { useApi, useApiClient } from '../use-api.tsx';
import { canEditScenario } from './edit-paths.ts';
import { withSaved } from './edit-saved-notice.tsx';
import { useScenario } from './scenario-layout.tsx';

export const BRANCH_TITLE = 'Branch a variant';

/** The form's fields: the variant, then one group per what-if, in the order they are made. */
export function branchFields(
  nations: readonly { id: string; name: string }[],
  nodes: readonly { id: string; name: string }[],
): FieldSpec[] {
  const nationChoices = [choose('a nation'), ...nations.map((n) => option(n.id, `${n.name} (${n.id})`))];
  return [
    {
      path: 'id',
      label: 'Variant ID',
      kind: 'text',
      required: true,
      group: 'Variant',
      hint: 'Lower-case letters, digits and hyphens, e.g. germany-joins.',
    },
    {
      path: 'name',
      label: 'Name',
      kind: 'text',
      group: 'Variant',
      hint: 'Empty: the name and the what-ifs.',
    },
    {
      path: 'joins.nation',
      label: 'Nation that joins',
      kind: 'select',
      group: 'A nation joins',
      options: nationChoices,
    },
    { path: 'joins.lift', label: 'Lift its offers’ caveats', kind: 'checkbox', group: 'A nation joins' },
    {
      path: 'withdraws.nation',
      label: 'Nation that withdraws',
      kind: 'select',
      group: 'A nation withdraws',
      options: nationChoices,
    },
    { path: 'backstop', label: 'The US gives a backstop', kind: 'checkbox', group: 'US backstop' },
    {
      path: 'close.node',
      label: 'Place closed',
      kind: 'select',
      group: 'A place closed',
      options: [choose('a place'), ...nodes.map((n) => option(n.id, n.name))],
    },
    {
      path: 'close.from',
      label: 'From day',
      kind: 'integer',
      group: 'A place closed',
      hint: 'C-day, e.g. 1.',
    },
    { path: 'close.to', label: 'To day', kind: 'integer', group: 'A place closed', hint: 'C-day, e.g. 30.' },
    { path: 'close.reason', label: 'Reason', kind: 'text', group: 'A place closed', wide: true },
    { path: 'target', label: 'Force target', kind: 'integer', group: 'A new target', hint: 'Personnel.' },
  ];
}

/** The request the form's record asks for, and the field each what-if came from (for its issues). */
export function branchRequestOf(record: Record<string, unknown>): {
  request: { id: string; name?: string; whatIfs: Record<string, unknown>[] };
  sources: string[];
} {
  const r = record as {
    id?: string;
    name?: string;
    joins?: { nation?: string; lift?: boolean };
    withdraws?: { nation?: string };
    backstop?: boolean;
    close?: { node?: string; from?: number; to?: number; reason?: string };
    target?: number;
  };
  const whatIfs: Record<string, unknown>[] = [];
  const sources: string[] = [];
  const add = (source: string, w: Record<string, unknown>) => {
    whatIfs.push(w);
    sources.push(source);
  };
  if (r.joins?.nation)
    add('joins', {
      kind: 'nation-joins',
      nation: r.joins.nation,
      ...(r.joins.lift && { liftCaveats: true }),
    });
  if (r.withdraws?.nation) add('withdraws', { kind: 'nation-withdraws', nation: r.withdraws.nation });
  if (r.backstop) add('backstop', { kind: 'us-backstop' });
  if (r.close?.node || r.close?.from !== undefined || r.close?.to !== undefined || r.close?.reason)
    add('close', { kind: 'close-node', ...r.close });
  if (r.target !== undefined) add('target', { kind: 'target', personnel: r.target });
  return {
    request: { id: r.id ?? '', ...(r.name && { name: r.name }), whatIfs },
    sources,
  };
}

/** The API's `whatIfs[2].from` as the form's `close.from` (a target's `personnel` is `target`). */
export function issueOnForm(issue: ApiIssue, sources: readonly string[]): ApiIssue {
  const m = /^whatIfs\[(\d+)\]\.?(.*)$/.exec(issue.path);
  const source = m ? sources[Number(m[1])] : undefined;
  if (!m || !source) return issue;
  const field = m[2] ?? '';
  if (source === 'target' || source === 'backstop') return { ...issue, path: source };
  return {
    ...issue,
    path: field ? `${source}.${field === 'liftCaveats' ? 'lift' : field}` : `${source}.nation`,
  };
}

export function BranchPage() {
  const scenario = useScenario();
  const user = useCurrentUser();
  const inputs = useApi(
    async (client, signal) => {
      const [nations, nodes] = await Promise.all([
        client.listRecords(scenario.id, 'nations', { signal }),
        client.listRecords(scenario.id, 'nodes', { signal }),
      ]);
      return { nations, nodes };
    },
    [scenario.id, scenario.version],
  );
  if (!canEditScenario(user)) {
    return (
      <p className="notice" role="note">
        Only coalition planners and administrators may branch a variant.
      </p>
    );
  }
  if (inputs.status === 'loading')
    return <LoadingMessage>Loading the scenario’s nations and places…</LoadingMessage>;
  if (inputs.status === 'error')
    return (
      <ErrorMessage title="The scenario could not be read." error={inputs.error} onRetry={inputs.reload} />
    );
  return <BranchForm parent={scenario} nations={inputs.data.nations} nodes={inputs.data.nodes} />;
}

function BranchForm({
  parent,
  nations,
  nodes,
}: {
  parent: ScenarioSummary;
  nations: readonly StoredRecord<'nations'>[];
  nodes: readonly StoredRecord<'nodes'>[];
}) {
  const client = useApiClient();
  const { navigate } = useRouter();
  const headingId = useId();
  const fields = useMemo(
    () =>
      branchFields(
        nations.map((n) => ({ id: n.id as string, name: n.name })),
        nodes.map((n) => ({ id: n.id as string, name: n.name })),
      ),
    [nations, nodes],
  );
  const [values, setValues] = useState<FormValues>(() => valuesOf(fields, {}));
  const [errors, setErrors] = useState<FormErrors>({});
  const [problem, setProblem] = useState<
    { issues: ApiIssue[] } | { error: ReturnType<typeof asApiError> } | null
  >(null);
  const [submitting, setSubmitting] = useState(false);

  const change = (path: string, value: FormValue) => {
    setValues((v) => ({ ...v, [path]: value }));
    if (errors[path]) setErrors(({ [path]: _gone, ...rest }) => rest);
  };

  const save = async () => {
    const built = recordOf(fields, values);
    setProblem(null);
    if (hasFormErrors(built.errors)) {
      setErrors(built.errors);
      return;
    }
    const { request, sources } = branchRequestOf(built.record);
    setSubmitting(true);
    try {
      const variant = await client.branchScenario(parent.id, request as never);
      navigate(withSaved(scenarioPath(variant.id), `variant ${variant.id} of ${parent.id}`));
    } catch (e) {
      setSubmitting(false);
      const error = asApiError(e);
      if (error.status === 400 && error.issues.length > 0) {
        const sorted = issuesByField(
          fields,
          error.issues.map((i) => issueOnForm(i, sources)),
        );
        setErrors(sorted.errors);
        setProblem(sorted.general.length > 0 ? { issues: sorted.general } : null);
      } else if (error.status === 409) {
        setErrors({ id: 'A scenario with this id exists: choose another.' });
      } else {
        setProblem({ error });
      }
    }
  };

  return (
    <section className="panel edit-panel" aria-labelledby={headingId}>
      <h2 id={headingId}>{BRANCH_TITLE}</h2>
      <p className="panel-note">
        A copy of {parent.name} (version {parent.version}) with the what-ifs below made in this order. It
        records where it came from and is edited like any scenario.
      </p>
      <RecordForm
        label={BRANCH_TITLE}
        fields={fields}
        values={values}
        errors={errors}
        onChange={change}
        onSubmit={() => void save()}
        submitting={submitting}
        submitLabel="Branch the variant"
        cancelTo={scenarioPath(parent.id)}
        formError={
          problem &&
          ('issues' in problem ? (
            <IssuesMessage what="variant" whole="The variant" issues={problem.issues} />
          ) : (
            <RefusedMessage error={problem.error} />
          ))
        }
      />
      <p>
        <Link to={scenarioPath(parent.id)}>Back to the overview</Link>
      </p>
    </section>
  );
}
