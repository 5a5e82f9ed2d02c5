// Links that download each kind of record of a scenario as CSV, for a spreadsheet. The files hold
// what the signed-in user may see and nothing else: the API builds them through the same guarded
// reads as the pages.
import { useId } from 'react';
import type { EntityKind } from '../../../src/domain/records.ts';
import { KIND_NAMES, RECORD_KINDS } from '../record-kinds.ts';
import { useApiClient } from '../use-api.tsx';

export function CsvDownloads({ scenarioId }: { scenarioId: string }) {
  const client = useApiClient();
  return <CsvDownloadList hrefOf={(kind) => client.csvUrl(scenarioId, kind)} />;
}

export function CsvDownloadList({ hrefOf }: { hrefOf: (kind: EntityKind) => string }) {
  const heading = useId();
  return (
    <section className="panel csv-downloads" aria-labelledby={heading}>
      <h2 id={heading}>Download CSV</h2>
      <p className="panel-note">One file per kind of record, for a spreadsheet: the records you may see.</p>
      <ul className="download-list">
        {RECORD_KINDS.map((kind) => (
          <li key={kind}>
            <a
              href={hrefOf(kind)}
              download
              aria-label={`Download ${KIND_NAMES[kind].many.toLowerCase()} as CSV`}
            >
              {KIND_NAMES[kind].many}
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
