// Importing a line of contact from the Risk page, as data: the form's text and the chosen file become
// the body of PUT /api/scenarios/:id/line-of-contact, and a refusal becomes messages at the form's
// fields. The browser parses the file (it must, to send it as JSON), so a file that is not JSON is
// named at the file field before anything is sent; what the GeoJSON holds (a polygon, a position out
// of range) is the API's to check, and its 400 names the place in the file
// (`geojson.features[0].geometry`), which is said at the file field too. The form's fields are keyed
// by the paths the API reports (`geojson`, `date`, `source.url`), so an issue finds its field by its
// path. Pure, so it is tested without a browser; risk-line-import.tsx draws it.
import type { lineOfContactRequestDocSchema } from '../../../src/domain/line-of-contact-import.ts';
import type { StoredScenario } from '../../../src/domain/records.ts';
import type { z } from 'zod';
import { asApiError, type ApiIssue } from '../api-client.ts';
import { formatDate } from '../format.ts';
import { headerSaveFailure, type HeaderProblem } from './form-problems.tsx';
import { capitalise, type FormErrors } from './record-form-model.ts';

/** The body of PUT …/line-of-contact, as the client types it. */
export type LineOfContactRequest = z.input<typeof lineOfContactRequestDocSchema>;

/** The form's fields, each named by the path the API reports it at. */
export const LINE_IMPORT_FIELDS = [
  'geojson',
  'date',
  'source.publication',
  'source.date',
  'source.url',
  'assumption',
] as const;
export type LineImportField = (typeof LINE_IMPORT_FIELDS)[number];

/** Where the line comes from: a published source, or an assumption saying how it was drawn. */
export type LineProvenance = 'source' | 'assumption';

/** The form's text: what the inputs hold, as typed. */
export interface LineImportForm {
  date: string;
  provenance: LineProvenance;
  publication: string;
  sourceDate: string;
  url: string;
  assumption: string;
}

/** A chosen file: its name (for the messages) and its text as the browser read it. */
export interface LineFile {
  name: string;
  text: string;
}

/** An empty form, its date the scenario's as-of date: the day a planner most often draws the line for. */
export function lineImportFormOf(asOf: string): LineImportForm {
  return { date: asOf, provenance: 'source', publication: '', sourceDate: '', url: '', assumption: '' };
}

/** A file's GeoJSON, or why it is not a line: the message shown at the file field. */
export type LineFileReading =
  { ok: true; geojson: LineOfContactRequest['geojson'] } | { ok: false; error: string };

/** How many of a file's problems the field lists; the rest are counted. */
const FILE_ISSUES_SHOWN = 3;

/**
 * The file's text as JSON, to send as the request's `geojson`. Only JSON is checked here: whether it
 * holds a line (a LineString or MultiLineString, a Feature or a FeatureCollection) the API says, at
 * the place in the file (see lineImportIssuesByField), with the same words as `coalition
 * line-of-contact`.
 */
export function readLineFile(file: LineFile): LineFileReading {
  // Some GIS tools start the file with a byte-order mark, which JSON does not allow.
  const text = file.text.replace(/^\uFEFF/, '');
  if (text.trim() === '') return { ok: false, error: `“${file.name}” is empty: choose a GeoJSON file.` };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return {
      ok: false,
      error: `“${file.name}” is not JSON (${reason}): choose a GeoJSON file (.geojson or .json).`,
    };
  }
  // Sent as the file has it (its properties and other members too): the API reads the line out of it
  // and reports any problem at its place in the file, which the user can find there.
  return { ok: true, geojson: value as LineOfContactRequest['geojson'] };
}

/** One message about the file's problems, each at its place in the file (`features[2].geometry`). */
export function fileIssuesMessage(fileName: string, issues: readonly ApiIssue[]): string {
  // A file refused as a whole ("must be a GeoJSON Feature, …") is the subject of its message.
  const [only] = issues;
  if (issues.length === 1 && only && !only.path) return `“${fileName}” ${only.message}.`;
  const said = issues
    .slice(0, FILE_ISSUES_SHOWN)
    .map((i) => (i.path ? `at ${i.path}: ${i.message}` : i.message));
  const more = issues.length - said.length;
  const rest = more > 0 ? `; and ${more} more` : '';
  return `In “${fileName}”, ${said.join('; ')}${rest}.`;
}

/**
 * The request the form and the file make, or the fields to fix first. The date and the link are
 * sent as typed: the API checks them and names them at their paths.
 */
export function lineImportRequest(
  form: LineImportForm,
  file: LineFile | null,
  version: number,
): { ok: true; request: LineOfContactRequest } | { ok: false; errors: FormErrors } {
  const errors: FormErrors = {};
  const reading = file ? readLineFile(file) : null;
  if (!reading) errors.geojson = 'Choose a GeoJSON file of the line.';
  else if (!reading.ok) errors.geojson = reading.error;
  const date = form.date.trim();
  if (date === '') errors.date = 'Enter the date the line is drawn as of.';
  const publication = form.publication.trim();
  const assumption = form.assumption.trim();
  if (form.provenance === 'source' && publication === '')
    errors['source.publication'] = 'Name the publication the line comes from, or choose an assumption.';
  if (form.provenance === 'assumption' && assumption === '')
    errors.assumption = 'Say how the line was drawn, or choose a source.';
  if (!reading?.ok || Object.keys(errors).length > 0) return { ok: false, errors };
  const sourceDate = form.sourceDate.trim();
  const url = form.url.trim();
  const provenance =
    form.provenance === 'source'
      ? { source: { publication, ...(sourceDate && { date: sourceDate }), ...(url && { url }) } }
      : { assumption };
  return { ok: true, request: { version, date, ...provenance, geojson: reading.geojson } };
}

/**
 * The API's issues at the form's fields: the file's at the file field, said as places in the file;
 * a missing `source` at its publication; the rest (the version, a source's note the form does not
 * show, the body as a whole) for the message above the form.
 */
export function lineImportIssuesByField(
  issues: readonly ApiIssue[],
  fileName: string,
): { errors: FormErrors; general: ApiIssue[] } {
  const errors: FormErrors = {};
  const general: ApiIssue[] = [];
  const inFile: ApiIssue[] = [];
  for (const issue of issues) {
    const { path } = issue;
    if (path === 'geojson' || path.startsWith('geojson.') || path.startsWith('geojson[')) {
      inFile.push({ ...issue, path: path.replace(/^geojson\.?/, '') });
      continue;
    }
    const field = path === 'source' ? 'source.publication' : LINE_IMPORT_FIELDS.find((f) => f === path);
    if (!field) {
      general.push(issue);
      continue;
    }
    errors[field] = [errors[field], sentence(issue.message)].filter(Boolean).join(' ');
  }
  if (inFile.length > 0) errors.geojson = fileIssuesMessage(fileName, inFile);
  return { errors, general };
}

/** Why an import did not go through, for the form: as any header save, and a file too large. */
export function lineImportFailure(
  e: unknown,
  fileName: string,
): { errors: FormErrors; problem: HeaderProblem<StoredScenario> | null } {
  const error = asApiError(e);
  if (error.status === 413) {
    return {
      errors: {
        geojson:
          `“${fileName}” is larger than the server takes (${error.message}): ` +
          'simplify the line (fewer positions) or leave out its other features.',
      },
      problem: null,
    };
  }
  return headerSaveFailure<StoredScenario>(error, (issues) => lineImportIssuesByField(issues, fileName));
}

/** What the saved notice says ("Saved: line of contact as of …"): the line's date, the file, the new version. */
export function savedText(date: string, fileName: string, version: number): string {
  return `line of contact as of ${formatDate(date)} from “${fileName}” (scenario version ${version})`;
}

function sentence(message: string): string {
  const text = capitalise(message.trim());
  return /[.!?]$/.test(text) ? text : `${text}.`;
}
