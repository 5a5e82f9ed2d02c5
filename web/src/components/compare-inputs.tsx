// What each variant changes against the baseline, from the API's keyed diff of the two documents:
// per variant a collapsible section with the header fields changed and, per record kind, the records
// added, removed and changed, each change a field path with its value before and after (long values
// shortened). A variant with the baseline's inputs says it is identical to the baseline.
import { useId } from 'react';
import type { CompareResult } from '../../../src/contract/compare.ts';
import type { EntityKind } from '../../../src/domain/records.ts';
import { countOf, formatNumber } from '../format.ts';
import { KIND_NAMES } from '../record-kinds.ts';
import { shortValue } from './compare-format.ts';

type InputDiff = NonNullable<CompareResult['inputs'][number]>;
type FieldChange = InputDiff['header'][number];
type KindDiff = InputDiff['records'][string];
type ComparedScenario = CompareResult['scenarios'][number];

function kindName(kind: string): string {
  return (KIND_NAMES as Partial<Record<string, { many: string }>>)[kind]?.many ?? kind;
}

/** "2 header fields; Offers: 1 added, 2 changed", or "identical to the baseline". */
export function diffSummary(diff: InputDiff): string {
  if (diff.summary.identical) return 'identical to the baseline';
  const parts: string[] = [];
  if (diff.header.length > 0) parts.push(countOf(diff.header.length, 'header field'));
  for (const [kind, c] of Object.entries(diff.summary.counts)) {
    const counts = [
      c.added > 0 ? `${formatNumber(c.added)} added` : '',
      c.removed > 0 ? `${formatNumber(c.removed)} removed` : '',
      c.changed > 0 ? `${formatNumber(c.changed)} changed` : '',
    ].filter(Boolean);
    if (counts.length > 0) parts.push(`${kindName(kind)}: ${counts.join(', ')}`);
  }
  return parts.join('; ');
}

export function CompareInputs({
  scenarios,
  inputs,
}: {
  scenarios: readonly ComparedScenario[];
  inputs: CompareResult['inputs'];
}) {
  const id = useId();
  return (
    <section className="panel" aria-labelledby={id}>
      <h2 id={id}>What each variant changes</h2>
      {scenarios.slice(1).map((s, j) => {
        const diff = inputs[j + 1] ?? null;
        return (
          <details key={s.id} className="compare-inputs">
            <summary>
              <strong>{s.name}</strong>: {diff ? diffSummary(diff) : 'no difference was computed'}
            </summary>
            {diff && !diff.summary.identical && <DiffBody diff={diff} />}
          </details>
        );
      })}
    </section>
  );
}

function DiffBody({ diff }: { diff: InputDiff }) {
  return (
    <div className="compare-inputs-body">
      {diff.header.length > 0 && <ChangesTable caption="Scenario header" changes={diff.header} />}
      {Object.entries(diff.records).map(([kind, d]) =>
        d.added.length + d.removed.length + d.changed.length === 0 ? null : (
          <KindChanges key={kind} kind={kind} diff={d} />
        ),
      )}
    </div>
  );
}

function KindChanges({ kind, diff }: { kind: string; diff: KindDiff }) {
  const name = kindName(kind);
  const one = (KIND_NAMES as Partial<Record<string, { one: string }>>)[kind as EntityKind]?.one ?? kind;
  return (
    <div className="compare-kind">
      <h3>{name}</h3>
      {diff.added.length > 0 && (
        <>
          <h4>Added</h4>
          <ul className="compare-records">
            {diff.added.map((r) => (
              <li key={r.key}>
                <strong>{r.key}</strong> <span className="mono cell-note">{shortValue(r.record, 160)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.removed.length > 0 && (
        <>
          <h4>Removed</h4>
          <ul className="compare-records">
            {diff.removed.map((r) => (
              <li key={r.key}>
                <strong>{r.key}</strong> <span className="mono cell-note">{shortValue(r.record, 160)}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {diff.changed.map((c) => (
        <ChangesTable key={c.key} caption={`${one} ${c.key} changed`} changes={c.changes} />
      ))}
    </div>
  );
}

function ChangesTable({ caption, changes }: { caption: string; changes: readonly FieldChange[] }) {
  return (
    <table className="diff-table compare-diff">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Before</th>
          <th scope="col">After</th>
        </tr>
      </thead>
      <tbody>
        {changes.map((c) => (
          <tr key={c.path}>
            <th scope="row" className="mono">
              {c.path}
            </th>
            <td className={'before' in c ? 'diff-before' : 'diff-absent'}>
              {'before' in c ? shortValue(c.before) : 'absent'}
            </td>
            <td className={'after' in c ? 'diff-after' : 'diff-absent'}>
              {'after' in c ? shortValue(c.after) : 'absent'}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
