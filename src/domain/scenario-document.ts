// Reading a scenario document from JSON or YAML text: syntax, version migration, then the schema.
// Pure: the caller reads the file or request body and hands over the text.
import { parseDocument } from 'yaml';
import type { z } from 'zod';
import { formatPath, invalid, type FieldIssue } from './errors.ts';
import { jsonValueIssues } from './json-safety.ts';
import { ownerReferenceIssues } from './releasable-view.ts';
import { migrateScenarioDocument } from './scenario-migrations.ts';
import { scenarioDocumentSchema, type ScenarioDocument } from './scenario-schema.ts';

export type DocumentFormat = 'json' | 'yaml';

export type ParseResult = { ok: true; document: ScenarioDocument } | { ok: false; issues: FieldIssue[] };

export function zodIssues(error: z.ZodError, prefix: PropertyKey[] = []): FieldIssue[] {
  return error.issues.flatMap((i) =>
    // A misspelt field is reported at the field itself, so the user sees which one.
    i.code === 'unrecognized_keys'
      ? i.keys.map((k) => ({ path: formatPath([...prefix, ...i.path, k]), message: 'is not a known field' }))
      : [{ path: formatPath([...prefix, ...i.path]), message: i.message }],
  );
}

/** Decodes text as JSON or YAML. YAML is a superset of JSON, but JSON gets JSON's error messages. */
export function decodeDocumentText(
  text: string,
  format?: DocumentFormat,
): { ok: true; value: unknown } | { ok: false; issues: FieldIssue[] } {
  const decoded = decodeSyntax(text, format);
  if (!decoded.ok) return decoded;
  const issues = jsonValueIssues(decoded.value);
  return issues.length > 0 ? { ok: false, issues } : decoded;
}

function decodeSyntax(
  text: string,
  format?: DocumentFormat,
): { ok: true; value: unknown } | { ok: false; issues: FieldIssue[] } {
  const looksJson = format === 'json' || (format === undefined && /^\s*[{[]/.test(text));
  if (looksJson) {
    try {
      return { ok: true, value: JSON.parse(text) };
    } catch (e) {
      return { ok: false, issues: [{ path: '', message: `is not valid JSON: ${(e as Error).message}` }] };
    }
  }
  try {
    return decodeYaml(text);
  } catch (e) {
    // The YAML library walks nodes recursively: absurd nesting overflows the stack.
    if (e instanceof RangeError)
      return { ok: false, issues: [{ path: '', message: 'is nested too deeply' }] };
    throw e;
  }
}

function decodeYaml(text: string): { ok: true; value: unknown } | { ok: false; issues: FieldIssue[] } {
  const doc = parseDocument(text, { prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const pos = e.linePos?.[0];
        const where = pos ? ` at line ${pos.line}, column ${pos.col}` : '';
        return {
          path: '',
          message: `is not valid YAML${where}: ${e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
        };
      }),
    };
  }
  try {
    // toJS expands aliases; the library refuses an expansion that would explode ("billion laughs").
    return { ok: true, value: doc.toJS({ maxAliasCount: 1000 }) };
  } catch (e) {
    if (e instanceof RangeError) throw e;
    return { ok: false, issues: [{ path: '', message: `is not usable YAML: ${(e as Error).message}` }] };
  }
}

/** Validates an already-decoded value as a scenario document, migrating older versions first. */
export function parseScenarioValue(value: unknown): ParseResult {
  const migrated = migrateScenarioDocument(value);
  if (!migrated.ok) return migrated;
  const parsed = scenarioDocumentSchema.safeParse(migrated.value);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const owners = ownerReferenceIssues(parsed.data);
  if (owners.length > 0) return { ok: false, issues: owners };
  return { ok: true, document: parsed.data };
}

export function parseScenarioText(text: string, format?: DocumentFormat): ParseResult {
  const decoded = decodeDocumentText(text, format);
  if (!decoded.ok) return decoded;
  return parseScenarioValue(decoded.value);
}

/** Like parseScenarioValue but throws a DomainError('invalid') listing every issue. */
export function requireScenario(value: unknown): ScenarioDocument {
  const r = parseScenarioValue(value);
  if (!r.ok) throw invalid(r.issues);
  return r.document;
}
