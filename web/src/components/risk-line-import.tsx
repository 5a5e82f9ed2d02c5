// Replacing the line of contact from the Risk page (planners and administrators, as the API has it):
// a GeoJSON file read in the browser, the date the line is drawn as of (the scenario's as-of date
// unless changed) and where it comes from, a published source or an assumption, sent with the
// scenario's version by PUT /api/scenarios/:id/line-of-contact. The file is checked as the API
// checks it before anything is sent; a refused field's reason is shown next to it, a stale version
// says the scenario changed and offers to reload it. Once saved the page takes the new version, so
// its analysis is computed again against the new line, and a saved notice says what was imported.
// risk-line-import-model.ts holds the logic; this draws it.
import { HintedField } from './hinted-field.tsx';
import { useEffect, useId, useRef, useState, type FormEvent } from 'react';
import type { StoredScenario } from '../../../src/domain/records.ts';
import { formatDateTime } from '../format.ts';
import { canEditScenario } from '../pages/edit-paths.ts';
import { SAVED_PARAM, SavedNotice, withSaved } from '../pages/edit-saved-notice.tsx';
import { useRouter } from '../router.tsx';
import { useCurrentUser } from '../session.tsx';
import { useApiClient } from '../use-api.tsx';
import { IssuesMessage, RefusedMessage, type HeaderProblem } from './form-problems.tsx';
import type { FormErrors } from './record-form-model.ts';
import {
  lineImportFailure,
  lineImportFormOf,
  lineImportRequest,
  savedText,
  type LineImportField,
  type LineImportForm,
  type LineProvenance,
} from './risk-line-import-model.ts';

export const LINE_IMPORT_TITLE = 'Replace the line of contact';

export interface RiskLineImportProps {
  /** The scenario as the page shows it: its version is the one the import is sent against. */
  scenario: { id: string; version: number; asOf: string };
  /** The header as stored after the import: the page takes its version and computes again. */
  onSaved: (saved: StoredScenario) => void;
  /** The header as it now stands, after a stale version: the page shows it and the form sends it. */
  onReload: (current: StoredScenario) => void;
}

/** The import, for those who may change the scenario; nothing for a reader who may not. */
export function RiskLineImport(props: RiskLineImportProps) {
  const user = useCurrentUser();
  if (!canEditScenario(user)) return null;
  return <LineImportPanel {...props} />;
}

const PROVENANCE_LABELS: Readonly<Record<LineProvenance, string>> = {
  source: 'A published source',
  assumption: 'An assumption',
};

function LineImportPanel({ scenario, onSaved, onReload }: RiskLineImportProps) {
  const client = useApiClient();
  const { path, search, navigate } = useRouter();
  const id = useId();
  const formBox = useRef<HTMLFormElement>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  // The address when an import ends: the user may have changed an assumption while it was sent.
  const here = useRef(path + search);
  useEffect(() => {
    here.current = path + search;
  }, [path, search]);
  const [form, setForm] = useState<LineImportForm>(() => lineImportFormOf(scenario.asOf));
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [problem, setProblem] = useState<HeaderProblem<StoredScenario> | null>(null);
  const [submitting, setSubmitting] = useState(false);
  const [attempt, setAttempt] = useState(0);

  // After a refused import, focus goes to the first field at fault, else to the message about it.
  useEffect(() => {
    if (attempt === 0) return;
    const box = formBox.current;
    const target =
      box?.querySelector<HTMLElement>('[aria-invalid="true"]') ??
      box?.querySelector<HTMLElement>('.form-error');
    target?.focus();
  }, [attempt]);

  const change = (name: keyof LineImportForm, field: LineImportField | null, value: string) => {
    setForm((f) => ({ ...f, [name]: value }));
    if (field && errors[field]) setErrors(({ [field]: _gone, ...rest }) => rest);
  };

  const refuse = (next: FormErrors, why: HeaderProblem<StoredScenario> | null = null) => {
    setErrors(next);
    setProblem(why);
    setAttempt((n) => n + 1);
  };

  const submit = async (e: FormEvent<HTMLFormElement>) => {
    e.preventDefault();
    if (submitting) return;
    setProblem(null);
    // An earlier import's notice would read as this one's.
    const params = new URLSearchParams(search);
    if (params.has(SAVED_PARAM)) {
      params.delete(SAVED_PARAM);
      const qs = params.toString();
      navigate(`${path}${qs ? `?${qs}` : ''}`, { replace: true });
    }
    let text: string | null = null;
    if (file) {
      try {
        text = await file.text();
      } catch (err) {
        refuse({
          geojson: `“${file.name}” could not be read: ${err instanceof Error ? err.message : String(err)}`,
        });
        return;
      }
    }
    const built = lineImportRequest(
      form,
      file && text !== null ? { name: file.name, text } : null,
      scenario.version,
    );
    if (!built.ok) {
      refuse(built.errors);
      return;
    }
    const fileName = file?.name ?? '';
    setErrors({});
    setSubmitting(true);
    try {
      const saved = await client.putLineOfContact(scenario.id, built.request);
      setSubmitting(false);
      setFile(null);
      if (fileInput.current) fileInput.current.value = '';
      onSaved(saved);
      navigate(withSaved(here.current, savedText(built.request.date, fileName, saved.version)), {
        replace: true,
      });
    } catch (err) {
      setSubmitting(false);
      const failure = lineImportFailure(err, fileName);
      refuse(failure.errors, failure.problem);
    }
  };

  const reload = (current: StoredScenario) => {
    onReload(current);
    setProblem(null);
  };

  return (
    <section className="panel risk-line-import" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{LINE_IMPORT_TITLE}</h2>
      <details className="risk-line-import-details">
        <summary>Import a line from a GeoJSON file</summary>
        <p className="panel-note">
          The file must hold the line as GeoJSON: a LineString or MultiLineString (or a Feature or
          FeatureCollection holding them; points and polygons are passed over), positions in longitude and
          latitude (WGS84). It replaces the scenario’s line; its zones and distance bands stay, and every
          figure on this page is computed again. Use third-party front-line data only where its licence
          allows.
        </p>
        <form
          ref={formBox}
          className="form risk-line-import-form"
          aria-label={LINE_IMPORT_TITLE}
          noValidate
          onSubmit={(e) => void submit(e)}
        >
          <Field
            id={`${id}-file`}
            name="geojson"
            label="GeoJSON file"
            hint="A .geojson or .json file, as a GIS tool saves it."
            error={errors.geojson}
          >
            {(aria) => (
              <input
                {...aria}
                ref={fileInput}
                type="file"
                name="geojson"
                accept=".geojson,.json,application/geo+json,application/json"
                className="input"
                onChange={(e) => {
                  setFile(e.target.files?.[0] ?? null);
                  if (errors.geojson) setErrors(({ geojson: _gone, ...rest }) => rest);
                }}
              />
            )}
          </Field>
          <Field
            id={`${id}-date`}
            name="date"
            label="Line drawn as of"
            hint="The day the line shows the front; the scenario’s as-of date unless changed."
            error={errors.date}
          >
            {(aria) => (
              <input
                {...aria}
                type="date"
                name="date"
                className="input input-short"
                value={form.date}
                onChange={(e) => change('date', 'date', e.target.value)}
              />
            )}
          </Field>
          <fieldset className="risk-line-provenance">
            <legend>Where the line comes from</legend>
            {(Object.keys(PROVENANCE_LABELS) as LineProvenance[]).map((p) => (
              <label key={p} className="check-field">
                <input
                  type="radio"
                  name={`${id}-provenance`}
                  value={p}
                  checked={form.provenance === p}
                  onChange={() => change('provenance', null, p)}
                />{' '}
                {PROVENANCE_LABELS[p]}
              </label>
            ))}
          </fieldset>
          {form.provenance === 'source' ? (
            <div className="risk-line-source">
              <Field
                id={`${id}-publication`}
                name="source.publication"
                label="Publication"
                hint="Who published the line, e.g. a ministry’s or an institute’s map."
                error={errors['source.publication']}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type="text"
                    name="source.publication"
                    className="input"
                    value={form.publication}
                    onChange={(e) => change('publication', 'source.publication', e.target.value)}
                  />
                )}
              </Field>
              <Field
                id={`${id}-source-date`}
                name="source.date"
                label="Published on"
                hint="Optional."
                error={errors['source.date']}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type="date"
                    name="source.date"
                    className="input input-short"
                    value={form.sourceDate}
                    onChange={(e) => change('sourceDate', 'source.date', e.target.value)}
                  />
                )}
              </Field>
              <Field
                id={`${id}-url`}
                name="source.url"
                label="Link"
                hint="Optional: an http or https address."
                error={errors['source.url']}
              >
                {(aria) => (
                  <input
                    {...aria}
                    type="url"
                    name="source.url"
                    className="input"
                    spellCheck={false}
                    value={form.url}
                    onChange={(e) => change('url', 'source.url', e.target.value)}
                  />
                )}
              </Field>
            </div>
          ) : (
            <Field
              id={`${id}-assumption`}
              name="assumption"
              label="Assumption"
              hint="How the line was drawn, and from what."
              error={errors.assumption}
            >
              {(aria) => (
                <textarea
                  {...aria}
                  name="assumption"
                  className="input"
                  rows={3}
                  value={form.assumption}
                  onChange={(e) => change('assumption', 'assumption', e.target.value)}
                />
              )}
            </Field>
          )}
          {problem && <LineImportProblem problem={problem} onReload={reload} />}
          <div className="form-actions">
            <button type="submit" className="button" disabled={submitting}>
              {submitting ? 'Importing…' : 'Import and replace the line'}
            </button>
          </div>
          {/* Beside the button just pressed; the map above shows the new line. */}
          <SavedNotice />
        </form>
      </details>
    </section>
  );
}

/** A field of the import form: HintedField, named as the API names the field. */
function Field(props: Omit<Parameters<typeof HintedField>[0], 'name'> & { name: LineImportField }) {
  return <HintedField {...props} />;
}

/** Why the import did not go through, above the button: issues of no field, a refusal, a conflict. */
export function LineImportProblem({
  problem,
  onReload,
}: {
  problem: HeaderProblem<StoredScenario>;
  onReload: (current: StoredScenario) => void;
}) {
  if (problem.kind === 'issues')
    return <IssuesMessage what="line of contact" whole="The request" issues={problem.issues} />;
  if (problem.kind === 'refused') return <RefusedMessage error={problem.error} />;
  const { current } = problem;
  return (
    <div className="form-error conflict" role="alert" tabIndex={-1}>
      <p>
        The scenario changed while you were importing: it is now at version {current.version} (changed{' '}
        {formatDateTime(current.updatedAt)}). The line was not replaced.
      </p>
      <p className="form-actions">
        <button type="button" className="button" onClick={() => onReload(current)}>
          Reload the scenario
        </button>
        <span className="field-hint">
          The page then shows the scenario as it now stands; your file and entries stay here to import again.
        </span>
      </p>
    </div>
  );
}
