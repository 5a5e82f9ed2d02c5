// `coalition line-of-contact SCENARIO FILE.geojson --date D (--source-publication P [--source-url U]
// | --assumption TEXT)`: a line of contact drawn in a GIS tool becomes the scenario's (PUT
// /api/scenarios/:id/line-of-contact, in this process or over HTTP), keeping its zones and bands.
// A refusal names what the user typed: the flag (`--date`), or the place in the file
// (`front.geojson: features[0].geometry.coordinates[3]`).
import { DomainError, invalid, type FieldIssue } from '../../domain/errors.ts';
import { lineLengthKm } from '../../domain/geo/line-length.ts';
import { decodeDocumentText } from '../../domain/scenario-document.ts';
import { polylinesOf } from '../../domain/theatre.ts';
import type { LineOfContactRequest } from '../backend.ts';
import { withBackend, type Connect } from '../connect.ts';
import { readTextFile } from '../shared.ts';

export interface LineOfContactOptions {
  date: string;
  sourcePublication?: string;
  sourceUrl?: string;
  assumption?: string;
  expectVersion?: string;
}

/** The request the flags give, or the flags at fault. */
export function lineOfContactRequest(
  geojson: unknown,
  opts: LineOfContactOptions,
): LineOfContactRequest | FieldIssue[] {
  const issues: FieldIssue[] = [];
  const { sourcePublication, sourceUrl, assumption } = opts;
  if (sourcePublication === undefined && assumption === undefined)
    issues.push({
      path: '--source-publication',
      message: 'or --assumption is required: say where the line comes from',
    });
  if (sourcePublication !== undefined && assumption !== undefined)
    issues.push({ path: '--assumption', message: 'cannot go with --source-publication: give one of them' });
  if (sourceUrl !== undefined && sourcePublication === undefined)
    issues.push({ path: '--source-url', message: 'needs --source-publication: whose page it is' });
  if (issues.length > 0) return issues;
  return {
    date: opts.date,
    ...(sourcePublication !== undefined && {
      source: { publication: sourcePublication, ...(sourceUrl !== undefined && { url: sourceUrl }) },
    }),
    ...(assumption !== undefined && { assumption }),
    geojson,
  };
}

export async function lineOfContact(
  scenario: string,
  file: string,
  opts: LineOfContactOptions,
  connect: Connect,
): Promise<void> {
  let version: number | undefined;
  if (opts.expectVersion !== undefined) {
    version = Number(opts.expectVersion);
    if (!Number.isInteger(version) || version < 1)
      throw invalid([{ path: '--expect-version', message: 'must be a whole number from 1' }]);
  }
  const decoded = decodeDocumentText(readTextFile(file), 'json');
  if (!decoded.ok) throw invalid(decoded.issues.map((i) => ({ ...i, path: inFile(file, i.path) })));
  const request = lineOfContactRequest(decoded.value, opts);
  if (Array.isArray(request)) throw invalid(request);
  const saved = await withBackend(connect, (b) => b.putLineOfContact(scenario, request, version)).catch(
    (e: unknown) => {
      throw asTyped(e, file);
    },
  );
  const line = saved.theatre?.lineOfContact;
  if (!line) throw new Error(`the server stored no line of contact for ${scenario}`);
  const polylines = polylinesOf(line.geometry);
  const positions = polylines.reduce((s, l) => s + l.length, 0);
  const km = Math.round(lineLengthKm(polylines)).toLocaleString('en-GB');
  console.log(`${saved.id}: line of contact as of ${line.date} stored (version ${saved.version})`);
  console.log(
    `  ${polylines.length} ${polylines.length === 1 ? 'line' : 'lines'}, ${positions} positions, ` +
      `${km} km long, from ${file}`,
  );
}

/** A path of the request as the user wrote it: a flag, or a place in the file. */
const FLAGS: Readonly<Record<string, string>> = {
  date: '--date',
  source: '--source-publication',
  'source.publication': '--source-publication',
  'source.url': '--source-url',
  assumption: '--assumption',
  version: '--expect-version',
};

function inFile(file: string, path: string): string {
  return path ? `${file}: ${path}` : file;
}

function asTyped(e: unknown, file: string): unknown {
  if (!(e instanceof DomainError) || e.issues.length === 0) return e;
  const typed = (path: string) =>
    path === 'geojson'
      ? file
      : path.startsWith('geojson.')
        ? inFile(file, path.slice('geojson.'.length))
        : (FLAGS[path] ?? path);
  return new DomainError(
    e.code,
    e.message,
    e.issues.map((i) => ({ ...i, path: typed(i.path) })),
    e.details,
  );
}
