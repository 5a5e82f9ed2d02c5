// Which scenarios to compare with the baseline: a checkbox per other scenario, the baseline's own
// variants first with the what-ifs that made them, at most COMPARE_VARIANTS_MAX. "Compare" puts the
// choice in the address, so the comparison can be bookmarked and sent.
import { useId, useState, type FormEvent } from 'react';
import { VARIANTS_MAX } from '../pages/compare-paths.ts';

export interface VariantCandidate {
  id: string;
  name: string;
  /** Whether it was branched from this baseline. */
  own: boolean;
  /** What it is, in words: its what-ifs, or whose variant it is. */
  note: string;
}

/** What the picker needs of a scenario of the list. */
export interface ScenarioEntry {
  id: string;
  name: string;
  variantOf?: { parent: string; whatIfs: readonly { title: string }[] } | undefined;
}

/** The other scenarios, the baseline's own variants first (then by name). */
export function variantCandidates(
  baselineId: string,
  scenarios: readonly ScenarioEntry[],
): VariantCandidate[] {
  const candidates = scenarios
    .filter((s) => s.id !== baselineId)
    .map((s): VariantCandidate => {
      const own = s.variantOf?.parent === baselineId;
      const whatIfs = s.variantOf?.whatIfs.map((w) => w.title) ?? [];
      const note = own
        ? whatIfs.length > 0
          ? `What-ifs: ${whatIfs.join('; ')}`
          : 'A variant of this scenario, with no what-if'
        : s.variantOf
          ? `A variant of ${s.variantOf.parent}`
          : '';
      return { id: s.id, name: s.name, own, note };
    });
  return candidates.sort((a, b) => Number(b.own) - Number(a.own) || a.name.localeCompare(b.name));
}

export function VariantPicker({
  baselineName,
  candidates,
  chosen,
  onCompare,
}: {
  baselineName: string;
  candidates: readonly VariantCandidate[];
  /** The variants compared now (from the address). */
  chosen: readonly string[];
  onCompare: (ids: string[]) => void;
}) {
  const id = useId();
  const [checked, setChecked] = useState<readonly string[]>(chosen);
  const full = checked.length >= VARIANTS_MAX;
  const toggle = (sid: string, on: boolean) =>
    setChecked((c) => (on ? [...c.filter((x) => x !== sid), sid] : c.filter((x) => x !== sid)));
  const submit = (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    // In the order listed, so the columns follow the list.
    onCompare(candidates.map((c) => c.id).filter((sid) => checked.includes(sid)));
  };
  return (
    <form className="panel compare-picker" aria-labelledby={`${id}-h`} onSubmit={submit}>
      <h2 id={`${id}-h`}>Compare {baselineName} with</h2>
      {candidates.length === 0 ? (
        <p className="panel-note">There is no other scenario to compare with.</p>
      ) : (
        <fieldset className="choice-list">
          <legend className="visually-hidden">Scenarios to compare with {baselineName}</legend>
          <p className="field-hint" id={`${id}-hint`}>
            Up to {VARIANTS_MAX} scenarios; this scenario’s own variants first.
            {full && ` ${VARIANTS_MAX} are chosen: clear one to choose another.`}
          </p>
          <ul className="compare-candidates">
            {candidates.map((c) => {
              const on = checked.includes(c.id);
              return (
                <li key={c.id} className="check-field">
                  <input
                    id={`${id}-${c.id}`}
                    type="checkbox"
                    checked={on}
                    disabled={!on && full}
                    aria-describedby={c.note ? `${id}-${c.id}-note` : undefined}
                    onChange={(e) => toggle(c.id, e.target.checked)}
                  />
                  <label htmlFor={`${id}-${c.id}`}>{c.name}</label>
                  {c.note && (
                    <p className="field-hint" id={`${id}-${c.id}-note`}>
                      {c.note}
                    </p>
                  )}
                </li>
              );
            })}
          </ul>
        </fieldset>
      )}
      <p className="form-actions">
        <button type="submit" className="button" disabled={candidates.length === 0}>
          Compare
        </button>
      </p>
    </form>
  );
}
