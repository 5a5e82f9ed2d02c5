// One record of a scenario, field by field: where a search hit leads. Fields are listed under the
// same dotted names as the columns of the CSV download, so what a user reads here is what they
// find in the spreadsheet. A record the user may not see is "not found", as the API says.
import { flattenRecord } from '../../../src/domain/csv.ts';
import type { EntityKind } from '../../../src/domain/records.ts';
import type { StoredRecord } from '../api-client.ts';
import { ErrorMessage, LoadingMessage } from '../components/status-message.tsx';
import { scenarioPath } from '../paths.ts';
import { KIND_NAMES, kindOfPath } from '../record-kinds.ts';
import { Link } from '../router.tsx';
import { useApi } from '../use-api.tsx';
import { RecordEditLink } from './edit-record-link.tsx';
import { useScenario } from './scenario-layout.tsx';

interface RecordPageProps {
  /** The kind's URL segment, e.g. `offers` or `rotation-policies`. */
  kindPath: string;
  recordKey: string;
}

export function RecordPage({ kindPath, recordKey }: RecordPageProps) {
  const scenario = useScenario();
  const kind = kindOfPath(kindPath);
  if (!kind) {
    return (
      <section className="panel" aria-label="Record">
        <h2>Not a kind of record</h2>
        <p>
          “{kindPath}” is not a kind of record.{' '}
          <Link to={scenarioPath(scenario.id)}>Back to the overview</Link>
        </p>
      </section>
    );
  }
  return <LoadedRecord kind={kind} recordKey={recordKey} />;
}

function LoadedRecord({ kind, recordKey }: { kind: EntityKind; recordKey: string }) {
  const scenario = useScenario();
  const result = useApi(
    (client, signal) => client.getRecord(scenario.id, kind, recordKey, { signal }),
    [scenario.id, scenario.version, kind, recordKey],
  );
  if (result.status === 'loading') return <LoadingMessage>Loading {recordKey}…</LoadingMessage>;
  if (result.status === 'error') {
    const missing = result.error.status === 404;
    return (
      <ErrorMessage
        title={
          missing
            ? `There is no ${KIND_NAMES[kind].one.toLowerCase()} “${recordKey}” that you may see.`
            : 'The record could not be loaded.'
        }
        error={result.error}
        onRetry={missing ? undefined : result.reload}
      >
        <Link to={scenarioPath(scenario.id)}>Back to the overview</Link>
      </ErrorMessage>
    );
  }
  const nation = (result.data as { nation?: unknown }).nation;
  return (
    <>
      <RecordEditLink
        scenarioId={scenario.id}
        kind={kind}
        recordKey={recordKey}
        nation={typeof nation === 'string' ? nation : undefined}
      />
      <RecordView kind={kind} recordKey={recordKey} record={result.data} />
    </>
  );
}

/** The record as a list of its fields, for tests without HTTP too. */
export function RecordView<K extends EntityKind>({
  kind,
  recordKey,
  record,
}: {
  kind: K;
  recordKey: string;
  record: StoredRecord<K>;
}) {
  const fields = flattenRecord(kind, record);
  return (
    <section className="panel record-view" aria-label={`${KIND_NAMES[kind].one} ${recordKey}`}>
      <h2>
        {KIND_NAMES[kind].one} <code>{recordKey}</code>
      </h2>
      <dl className="record-fields">
        {fields.map(([name, value]) => (
          <div key={name}>
            <dt>{name}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </section>
  );
}
